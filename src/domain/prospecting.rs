//! The prospecting figures of one rep, or of the team, tallied from activity rows and the
//! deals created: the funnel's counts, qualified meetings, the breakdowns by channel, message
//! and segment, the week's organisation (heatmap, half-days, planned blocks) and the weekly
//! trends. Pure: the store feeds the rows, [`Tally`] adds them up.
//!
//! Counting rules, shared by the pane and the report:
//! - a row is in the period when its day is in the range (both ends included);
//! - **touches** are rows of every kind but `meeting`; **conversations** are touches whose
//!   outcome is not `none`; **booked** are touches whose outcome is `meeting` or
//!   `opportunity`; **meetings** are rows of kind `meeting`; in the breakdowns,
//!   **opportunities** are rows whose outcome is `opportunity` (so messages and segments can
//!   be compared), while the funnel counts the deals created;
//! - a row has a **time of day** when its timestamp has one other than exactly midnight and it
//!   stands for one action (`count = 1`): a weekly summary ("45 calls") was logged at some
//!   hour but done all week, and a bare date or `00:00:00` is how exports say "no time".
//!   Rows without a time count in the heatmap's `untimed` (by the weekday of their date),
//!   never in an hour, a half-day or a planned block.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::activity::{ActivityCount, ActivityKind, Outcome};
use super::blocks::{Block, in_any};
use super::dates::{days_between, week_of};
use super::metrics::{Funnel, rate};
use super::period::DateRange;
use super::word_enum;

/// Weeks in the trends: the last 12, ending with the week of the range's last day.
pub const TREND_WEEKS: usize = 12;

/// Rows with fewer touches than this are not ranked by their rate: 1 meeting in 3 touches
/// says nothing yet. They follow the ranked rows, by volume.
pub const MIN_TOUCHES_TO_RANK: i64 = 10;

/// Activity of one channel, message or segment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BreakdownRow {
    /// The channel, message or segment ("" when the activity did not say).
    pub key: String,
    pub touches: i64,
    pub conversations: i64,
    /// Touches that booked a meeting (outcome `meeting` or `opportunity`).
    pub booked: i64,
    pub meetings: i64,
    /// Activities that created an opportunity (so they can be told apart by message).
    pub opportunities: i64,
}

impl BreakdownRow {
    /// Meetings held per 100 touches.
    pub fn meetings_per_100_touches(&self) -> Option<f64> {
        rate(self.meetings * 100, self.touches)
    }

    /// Meetings held per touch, as a fraction (the JSON's `meetings_per_touch`).
    pub fn meetings_per_touch(&self) -> Option<f64> {
        rate(self.meetings, self.touches)
    }

    /// Opportunities per meeting held.
    pub fn opportunities_per_meeting(&self) -> Option<f64> {
        rate(self.opportunities, self.meetings)
    }

    /// Conversations per touch.
    pub fn conversation_rate(&self) -> Option<f64> {
        rate(self.conversations, self.touches)
    }

    /// Compares meetings per touch with `other`'s without floats, by cross-multiplying
    /// (meaningful when both rows have touches).
    pub fn cmp_meeting_rate(&self, other: &BreakdownRow) -> Ordering {
        (i128::from(self.meetings) * i128::from(other.touches))
            .cmp(&(i128::from(other.meetings) * i128::from(self.touches)))
    }

    /// Whether the row has touches enough to be ranked by its rate.
    pub fn ranked(&self) -> bool {
        self.touches >= MIN_TOUCHES_TO_RANK
    }

    /// Adds what the same key brought over other days.
    pub fn absorb(&mut self, other: &BreakdownRow) {
        self.touches += other.touches;
        self.conversations += other.conversations;
        self.booked += other.booked;
        self.meetings += other.meetings;
        self.opportunities += other.opportunities;
    }
}

/// Orders breakdown rows so the best and the worst show: rows with at least
/// [`MIN_TOUCHES_TO_RANK`] touches first, by meetings per 100 touches (highest first; ties by
/// more touches, then by key); then the others by touches, then meetings (most first), then
/// key. So the first row is the best, the last ranked one the worst, and small or
/// touch-less rows (a partner's referrals: meetings without touches) come last.
pub fn sort_breakdown(rows: &mut [BreakdownRow]) {
    rows.sort_by(|a, b| {
        b.ranked().cmp(&a.ranked()).then_with(|| {
            if a.ranked() {
                b.cmp_meeting_rate(a).then(b.touches.cmp(&a.touches)).then_with(|| a.key.cmp(&b.key))
            } else {
                b.touches.cmp(&a.touches).then(b.meetings.cmp(&a.meetings)).then_with(|| a.key.cmp(&b.key))
            }
        })
    });
}

/// The rows of one breakdown, one per key whatever its case or surrounding spaces.
#[derive(Debug, Clone, Default)]
struct Breakdown {
    rows: Vec<BreakdownRow>,
    /// The row of each folded key (trimmed, lowercased).
    by_key: HashMap<String, usize>,
    /// The row of each spelling met, as stored: most rows repeat one of a handful, which are
    /// then found without folding or hashing them.
    spellings: Vec<(Box<str>, usize)>,
}

/// Spellings remembered per breakdown: enough for the channels, messages and segments a team
/// uses, few enough to look through on every row.
const SPELLINGS: usize = 32;

impl Breakdown {
    /// The row of `key`, named by the first of its spellings (trimmed) in byte order.
    fn row(&mut self, key: &str) -> &mut BreakdownRow {
        if let Some(&(_, i)) = self.spellings.iter().find(|(spelling, _)| **spelling == *key) {
            return &mut self.rows[i];
        }
        // "retail", "Retail" and " Retail" are one row, shown as "Retail" whichever came
        // first: rows read one by one and sums read by week must name it alike.
        let folded = fold(key);
        let i = match self.by_key.get(folded.as_ref()) {
            Some(&i) => {
                let trimmed = key.trim();
                if trimmed < self.rows[i].key.as_str() {
                    self.rows[i].key = trimmed.to_string();
                }
                i
            }
            None => self.insert(folded.into_owned(), key.trim().to_string()),
        };
        if self.spellings.len() < SPELLINGS {
            self.spellings.push((key.into(), i));
        }
        &mut self.rows[i]
    }

    fn insert(&mut self, folded: String, key: String) -> usize {
        self.rows.push(BreakdownRow { key, ..BreakdownRow::default() });
        self.by_key.insert(folded, self.rows.len() - 1);
        self.rows.len() - 1
    }

    /// Adds another scope's rows (a rep's into the team's), each named as [`Breakdown::row`]
    /// names it.
    fn absorb(&mut self, other: &Breakdown) {
        for (folded, &theirs) in &other.by_key {
            let theirs = &other.rows[theirs];
            let i = match self.by_key.get(folded) {
                Some(&i) => {
                    if theirs.key < self.rows[i].key {
                        self.rows[i].key.clone_from(&theirs.key);
                    }
                    i
                }
                None => self.insert(folded.clone(), theirs.key.clone()),
            };
            self.rows[i].absorb(theirs);
        }
    }
}

/// The three breakdowns a scope's activity is read by: what each channel, message and
/// segment converts.
#[derive(Debug, Clone, Default)]
struct Breakdowns {
    channels: Breakdown,
    messages: Breakdown,
    segments: Breakdown,
}

impl Breakdowns {
    fn add(&mut self, a: &Activity<'_>) {
        let f = KeyFigures::of(a);
        for dimension in [Dimension::Channel, Dimension::Message, Dimension::Segment] {
            self.add_figures(dimension, a.key(dimension), &f);
        }
    }

    fn absorb(&mut self, other: &Breakdowns) {
        self.channels.absorb(&other.channels);
        self.messages.absorb(&other.messages);
        self.segments.absorb(&other.segments);
    }

    /// The rows by channel, message and segment, each sorted by [`sort_breakdown`].
    fn finish(self) -> [Vec<BreakdownRow>; 3] {
        [self.channels, self.messages, self.segments].map(|breakdown| {
            let mut rows = breakdown.rows;
            // Every activity is a touch or a meeting: a row with neither is sums that cancelled
            // out (an inactive rep's taken away from everyone's).
            rows.retain(|r| r.touches != 0 || r.meetings != 0);
            sort_breakdown(&mut rows);
            rows
        })
    }
}

word_enum! {
    /// What a week's activity is summed by in the store, besides kind and outcome: the three
    /// breakdowns, and whether a meeting had a real chance (its key "yes", "no", or "" when
    /// not assessed).
    pub enum Dimension {
        Channel => "channel",
        Message => "message",
        Segment => "segment",
        RealChance => "real_chance",
    }
}

/// What the activity of one key of a [`Dimension`] brought over some days, counted as
/// [`BreakdownRow`]'s figures are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyFigures {
    pub touches: i64,
    pub conversations: i64,
    pub booked: i64,
    pub meetings: i64,
    pub opportunities: i64,
}

impl KeyFigures {
    /// What one activity counts for in a breakdown (see the counting rules above).
    pub fn of(a: &Activity<'_>) -> KeyFigures {
        let (touch, n) = (a.kind.is_touch(), a.count);
        let when = |yes: bool| if yes { n } else { 0 };
        KeyFigures {
            touches: when(touch),
            conversations: when(touch && a.outcome.is_conversation()),
            booked: when(touch && matches!(a.outcome, Outcome::Meeting | Outcome::Opportunity)),
            meetings: when(!touch),
            opportunities: when(a.outcome == Outcome::Opportunity),
        }
    }

    /// Adds another's figures (`sign` -1 takes them away).
    pub fn add(&mut self, other: &KeyFigures, sign: i64) {
        self.touches += sign * other.touches;
        self.conversations += sign * other.conversations;
        self.booked += sign * other.booked;
        self.meetings += sign * other.meetings;
        self.opportunities += sign * other.opportunities;
    }

    pub fn is_zero(&self) -> bool {
        *self == KeyFigures::default()
    }

    /// The figures in the store's column order: touches, conversations, booked, meetings,
    /// opportunities.
    pub fn as_array(&self) -> [i64; 5] {
        [self.touches, self.conversations, self.booked, self.meetings, self.opportunities]
    }
}

impl Breakdowns {
    /// Adds a key's figures to its row of the dimension's breakdown (not for
    /// [`Dimension::RealChance`], which is no breakdown).
    fn add_figures(&mut self, dimension: Dimension, key: &str, f: &KeyFigures) {
        let breakdown = match dimension {
            Dimension::Channel => &mut self.channels,
            Dimension::Message => &mut self.messages,
            Dimension::Segment => &mut self.segments,
            Dimension::RealChance => return,
        };
        let row = breakdown.row(key);
        row.touches += f.touches;
        row.conversations += f.conversations;
        row.booked += f.booked;
        row.meetings += f.meetings;
        row.opportunities += f.opportunities;
    }
}

/// A breakdown key as rows are told apart: trimmed, lowercased.
fn fold(key: &str) -> Cow<'_, str> {
    let trimmed = key.trim();
    if trimmed.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(trimmed.to_lowercase())
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// The row of `rows` for `key` however it is spelled ("Retail" finds " retail"): how a
/// breakdown row is matched with the same key's row of the previous period.
pub fn same_key<'a>(rows: &'a [BreakdownRow], key: &str) -> Option<&'a BreakdownRow> {
    let key = fold(key);
    rows.iter().find(|r| fold(&r.key) == key)
}

/// Meetings held, by whether they had a real chance of conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Qualified {
    pub real_chance: i64,
    pub no_real_chance: i64,
    pub not_assessed: i64,
}

impl Qualified {
    pub fn total(&self) -> i64 {
        self.real_chance + self.no_real_chance + self.not_assessed
    }

    /// Share of the assessed meetings that had a real chance.
    pub fn real_chance_rate(&self) -> Option<f64> {
        rate(self.real_chance, self.real_chance + self.no_real_chance)
    }
}

/// Touches by day of week (0 = Monday) and hour of day (0–23).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Heatmap {
    pub touches: [[i64; 24]; 7],
    /// Touches with no time of day (see the module doc), by day of week.
    pub untimed: [i64; 7],
}

impl Heatmap {
    /// `touches` done on `weekday` (0 = Monday) at `hour` (`None`: no time of day).
    pub fn add(&mut self, weekday: u8, hour: Option<u8>, touches: i64) {
        if weekday > 6 {
            return;
        }
        match hour {
            Some(hour) if hour < 24 => self.touches[usize::from(weekday)][usize::from(hour)] += touches,
            _ => self.untimed[usize::from(weekday)] += touches,
        }
    }

    fn absorb(&mut self, other: &Heatmap) {
        for (mine, theirs) in self.touches.iter_mut().flatten().zip(other.touches.iter().flatten()) {
            *mine += theirs;
        }
        for (mine, theirs) in self.untimed.iter_mut().zip(&other.untimed) {
            *mine += theirs;
        }
    }

    /// Touches on a day of the week, with or without a time.
    pub fn weekday_total(&self, weekday: usize) -> i64 {
        self.touches[weekday].iter().sum::<i64>() + self.untimed[weekday]
    }

    /// Touches with a time of day.
    pub fn timed(&self) -> i64 {
        self.touches.iter().flatten().sum()
    }

    pub fn total(&self) -> i64 {
        self.timed() + self.untimed.iter().sum::<i64>()
    }

    /// The busiest cell, for scaling a drawing.
    pub fn max_cell(&self) -> i64 {
        self.touches.iter().flatten().copied().max().unwrap_or(0)
    }
}

/// Timed touches of each touch kind (call, email, social, event) by day of week and half-day
/// (0 morning, before noon; 1 afternoon): what "bunched into one afternoon" is judged on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HalfDays {
    pub touches: [[[i64; 2]; 7]; 4],
}

impl HalfDays {
    /// The touch kinds, in index order.
    pub const KINDS: [ActivityKind; 4] =
        [ActivityKind::Call, ActivityKind::Email, ActivityKind::Social, ActivityKind::Event];

    fn absorb(&mut self, other: &HalfDays) {
        for (mine, theirs) in self.touches.iter_mut().flatten().flatten().zip(other.touches.iter().flatten().flatten())
        {
            *mine += theirs;
        }
    }
}

/// The last weeks, oldest first, each a full week except the current one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trends {
    /// The Monday of each week.
    pub weeks: Vec<NaiveDate>,
    pub touches: Vec<i64>,
    pub meetings: Vec<i64>,
    pub opportunities: Vec<i64>,
    pub pipeline_minor: Vec<i64>,
}

/// The Monday of the first of the [`TREND_WEEKS`] weeks that end with the week of `last_day`.
fn trend_start(last_day: NaiveDate) -> NaiveDate {
    week_of(last_day) - Duration::weeks(TREND_WEEKS as i64 - 1)
}

impl Trends {
    /// The weeks from the Monday `first`, every figure zero.
    fn empty(first: NaiveDate) -> Trends {
        Trends {
            weeks: (0..TREND_WEEKS).map(|i| first + Duration::weeks(i as i64)).collect(),
            touches: vec![0; TREND_WEEKS],
            meetings: vec![0; TREND_WEEKS],
            opportunities: vec![0; TREND_WEEKS],
            pipeline_minor: vec![0; TREND_WEEKS],
        }
    }

    /// How many of the weeks, from the first, are over by `through` (their Sunday is on or
    /// before it): the last week is not, unless `through` is a Sunday.
    pub fn complete_weeks(&self, through: NaiveDate) -> usize {
        self.weeks.iter().take_while(|monday| **monday + Duration::days(6) <= through).count()
    }

    fn absorb(&mut self, other: &Trends) {
        for (mine, theirs) in [
            (&mut self.touches, &other.touches),
            (&mut self.meetings, &other.meetings),
            (&mut self.opportunities, &other.opportunities),
            (&mut self.pipeline_minor, &other.pipeline_minor),
        ] {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m += t;
            }
        }
    }
}

/// One activity row as the dashboard reads it, borrowed from the store's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activity<'a> {
    pub day: NaiveDate,
    /// Seconds since midnight, when the timestamp has a time part.
    pub clock: Option<u32>,
    pub kind: ActivityKind,
    /// "" when the activity did not say.
    pub channel: &'a str,
    pub segment: &'a str,
    pub message: &'a str,
    pub outcome: Outcome,
    pub count: i64,
    pub qualified: Option<bool>,
}

impl Activity<'_> {
    /// The hour the action was done at, when known (see the module doc).
    pub fn hour(&self) -> Option<u8> {
        match self.clock {
            Some(secs) if secs > 0 && secs < 24 * 3600 && self.count == 1 => Some((secs / 3600) as u8),
            _ => None,
        }
    }

    /// 0 = Monday.
    pub fn weekday(&self) -> u8 {
        self.day.weekday().num_days_from_monday() as u8
    }

    /// What the activity is under a dimension: its channel, message or segment ("" when it
    /// did not say), or whether a meeting had a real chance ("yes", "no", "" not assessed).
    pub fn key(&self, dimension: Dimension) -> &str {
        match dimension {
            Dimension::Channel => self.channel,
            Dimension::Message => self.message,
            Dimension::Segment => self.segment,
            Dimension::RealChance => match self.qualified {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            },
        }
    }
}

/// What the tally found, ready for the dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Activity summed by kind and outcome over the range.
    pub counts: Vec<ActivityCount>,
    pub funnel: Funnel,
    pub qualified: Qualified,
    pub by_channel: Vec<BreakdownRow>,
    pub by_message: Vec<BreakdownRow>,
    pub by_segment: Vec<BreakdownRow>,
    pub heatmap: Heatmap,
    pub half_days: HalfDays,
    pub blocks: Vec<Block>,
    pub in_blocks: Option<f64>,
    pub trends: Trends,
    /// What was done in the days the range is compared with, when the tally was asked to.
    pub previous: Option<Previous>,
}

/// The activity counts, the funnel and the breakdowns of the days a period is compared with.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub range: DateRange,
    pub counts: Vec<ActivityCount>,
    pub funnel: Funnel,
    pub by_channel: Vec<BreakdownRow>,
    pub by_message: Vec<BreakdownRow>,
    pub by_segment: Vec<BreakdownRow>,
}

/// Activity summed by kind and outcome, and the deals created, over some days.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    /// sum(count) by kind and outcome, in declaration order.
    counts: [[i64; 4]; 5],
    opportunities: i64,
    pipeline_minor: i64,
}

impl Totals {
    fn add(&mut self, a: &Activity<'_>) {
        self.counts[a.kind as usize][a.outcome as usize] += a.count;
    }

    fn add_deal(&mut self, amount_minor: i64) {
        self.opportunities += 1;
        self.pipeline_minor += amount_minor;
    }

    fn absorb(&mut self, other: &Totals) {
        for (mine, theirs) in self.counts.iter_mut().flatten().zip(other.counts.iter().flatten()) {
            *mine += theirs;
        }
        self.opportunities += other.opportunities;
        self.pipeline_minor += other.pipeline_minor;
    }

    /// The kinds and outcomes with activity.
    fn counts(&self) -> Vec<ActivityCount> {
        let mut out = Vec::new();
        for &kind in ActivityKind::ALL {
            for &outcome in Outcome::ALL {
                let count = self.counts[kind as usize][outcome as usize];
                if count != 0 {
                    out.push(ActivityCount { kind, outcome, count });
                }
            }
        }
        out
    }

    fn funnel(&self) -> Funnel {
        Funnel::new(&self.counts(), self.opportunities, self.pipeline_minor)
    }
}

/// Adds up activity rows and created deals for one scope over a range of days, the 12 weeks
/// that end with the range's last day, and, when asked, the days the range is compared with.
#[derive(Debug, Clone)]
pub struct Tally {
    range: DateRange,
    totals: Totals,
    previous: Option<(DateRange, Totals, Breakdowns)>,
    qualified: Qualified,
    breakdowns: Breakdowns,
    heatmap: Heatmap,
    half_days: HalfDays,
    blocks: Vec<Block>,
    in_blocks: i64,
    trends: Trends,
}

impl Tally {
    pub fn new(range: DateRange, blocks: Vec<Block>) -> Tally {
        Tally {
            range,
            totals: Totals::default(),
            previous: None,
            qualified: Qualified::default(),
            breakdowns: Breakdowns::default(),
            heatmap: Heatmap::default(),
            half_days: HalfDays::default(),
            blocks,
            in_blocks: 0,
            trends: Trends::empty(trend_start(range.to)),
        }
    }

    /// Also adds up the days `previous` (before the range), to compare the range with.
    pub fn comparing(self, previous: DateRange) -> Tally {
        Tally { previous: Some((previous, Totals::default(), Breakdowns::default())), ..self }
    }

    /// The first and last day whose rows the tally needs: the range, the trend's weeks, and
    /// the days it is compared with.
    pub fn window(range: DateRange, previous: Option<DateRange>) -> (NaiveDate, NaiveDate) {
        let from = range.from.min(trend_start(range.to));
        let (from, to) = match previous {
            Some(p) => (from.min(p.from), range.to.max(p.to)),
            None => (from, range.to),
        };
        (from, to)
    }

    /// The week of `day` in the trends, if it is one of them and not after the range.
    fn trend_week(&self, day: NaiveDate) -> Option<usize> {
        let days = days_between(self.trends.weeks[0], day);
        (days >= 0 && day <= self.range.to).then_some((days / 7) as usize).filter(|w| *w < TREND_WEEKS)
    }

    pub fn add(&mut self, a: &Activity<'_>) {
        let touch = a.kind.is_touch();
        if let Some(week) = self.trend_week(a.day) {
            if touch {
                self.trends.touches[week] += a.count;
            } else {
                self.trends.meetings[week] += a.count;
            }
        }
        self.add_compared(a);
        if !self.range.contains(a.day) {
            return;
        }
        self.totals.add(a);
        self.breakdowns.add(a);
        if !touch {
            match a.qualified {
                Some(true) => self.qualified.real_chance += a.count,
                Some(false) => self.qualified.no_real_chance += a.count,
                None => self.qualified.not_assessed += a.count,
            }
            return;
        }
        let weekday = a.weekday();
        match a.hour() {
            Some(hour) => {
                self.heatmap.touches[usize::from(weekday)][usize::from(hour)] += a.count;
                self.half_days.touches[a.kind as usize][usize::from(weekday)][usize::from(hour >= 12)] += a.count;
                if in_any(&self.blocks, weekday, hour) {
                    self.in_blocks += a.count;
                }
            }
            None => self.heatmap.untimed[usize::from(weekday)] += a.count,
        }
    }

    /// The days the tally adds up.
    pub fn range(&self) -> DateRange {
        self.range
    }

    /// The trend days before the range, if the trends start before it: rows of those days
    /// count in the trends only, so their sums by week ([`Tally::add_trend_count`]) are all
    /// the tally needs of them.
    pub fn trend_days_before(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.trends.weeks[0];
        (first < self.range.from).then(|| (first, self.range.to.min(self.range.from - Duration::days(1))))
    }

    /// `count` actions of `kind` and `outcome` done in the week of Monday `week`, which the
    /// range covers whole: what [`Tally::add`] counts of them in the totals and the trends.
    /// The rest of what it counts comes by [`Tally::add_week_figures`],
    /// [`Tally::add_week_half_days`] and [`Tally::add_week_touches`].
    pub fn add_week_count(&mut self, week: NaiveDate, kind: ActivityKind, outcome: Outcome, count: i64) {
        self.totals.counts[kind as usize][outcome as usize] += count;
        self.add_trend_count(week, kind, count);
    }

    /// What one key of a dimension brought in whole weeks of the range: its breakdown row, or
    /// for [`Dimension::RealChance`] the meetings with and without a real chance.
    pub fn add_week_figures(&mut self, dimension: Dimension, key: &str, f: &KeyFigures) {
        if dimension == Dimension::RealChance {
            match key {
                "yes" => self.qualified.real_chance += f.meetings,
                "no" => self.qualified.no_real_chance += f.meetings,
                _ => self.qualified.not_assessed += f.meetings,
            }
        } else {
            self.breakdowns.add_figures(dimension, key, f);
        }
    }

    /// What one key of a dimension brought in days the range is compared with: their
    /// breakdown row (their totals come by [`Tally::add_previous_count`]).
    pub fn add_compared_figures(&mut self, dimension: Dimension, key: &str, f: &KeyFigures) {
        if let Some((_, _, breakdowns)) = &mut self.previous {
            breakdowns.add_figures(dimension, key, f);
        }
    }

    /// Actions of `kind` with a time of day done in whole weeks of the range, by half-day
    /// (Monday morning, Monday afternoon, … Sunday afternoon). They count in the half-days
    /// only: the heatmap of those weeks comes by [`Tally::add_week_touches`] (the team's, read
    /// once for every rep), and the share in planned blocks is not counted for them (the team
    /// view shows neither for a rep).
    pub fn add_week_half_days(&mut self, kind: ActivityKind, half_days: &[i64]) {
        if kind.is_touch() {
            for (i, n) in half_days.iter().take(14).enumerate() {
                self.half_days.touches[kind as usize][i / 2][i % 2] += n;
            }
        }
    }

    /// `touches` done on `weekday` (0 = Monday) at `hour` (`None`: no time of day) in whole
    /// weeks of the range: the heatmap's cells.
    pub fn add_week_touches(&mut self, weekday: u8, hour: Option<u8>, touches: i64) {
        self.heatmap.add(weekday, hour, touches);
    }

    /// `count` actions of `kind` done in the trend week of Monday `week`, on days before the
    /// range (see [`Tally::trend_days_before`]): what [`Tally::add`] would have counted of them.
    pub fn add_trend_count(&mut self, week: NaiveDate, kind: ActivityKind, count: i64) {
        if let Some(week) = self.trend_week(week) {
            if kind.is_touch() {
                self.trends.touches[week] += count;
            } else {
                self.trends.meetings[week] += count;
            }
        }
    }

    /// `count` actions of `kind` and `outcome` done in the days the range is compared with:
    /// what [`Tally::add`] would have counted of them, but for the breakdowns (nothing unless
    /// the tally compares).
    pub fn add_previous_count(&mut self, kind: ActivityKind, outcome: Outcome, count: i64) {
        if let Some((_, totals, _)) = &mut self.previous {
            totals.counts[kind as usize][outcome as usize] += count;
        }
    }

    /// An activity, if it was done in the days the range is compared with: what
    /// [`Tally::add`] counts of it there, and nothing else (not its trend week).
    pub fn add_compared(&mut self, a: &Activity<'_>) {
        if let Some((previous, totals, breakdowns)) = &mut self.previous
            && previous.contains(a.day)
        {
            totals.add(a);
            breakdowns.add(a);
        }
    }

    /// The days the range is compared with, when the tally was asked to.
    pub fn previous_range(&self) -> Option<DateRange> {
        self.previous.as_ref().map(|(range, _, _)| *range)
    }

    /// A deal created on `created_on` for `amount_minor`.
    pub fn add_deal(&mut self, created_on: NaiveDate, amount_minor: i64) {
        if let Some(week) = self.trend_week(created_on) {
            self.trends.opportunities[week] += 1;
            self.trends.pipeline_minor[week] += amount_minor;
        }
        if let Some((previous, totals, _)) = &mut self.previous
            && previous.contains(created_on)
        {
            totals.add_deal(amount_minor);
        }
        if self.range.contains(created_on) {
            self.totals.add_deal(amount_minor);
        }
    }

    /// Adds another scope's tally over the same range (a rep's into the team's). Planned
    /// blocks are each rep's own: the share made in them is not carried over.
    pub fn absorb(&mut self, other: &Tally) {
        debug_assert_eq!(self.range, other.range);
        self.totals.absorb(&other.totals);
        if let (Some((mine, totals, breakdowns)), Some((theirs, their_totals, their_breakdowns))) =
            (&mut self.previous, &other.previous)
        {
            debug_assert_eq!(mine, theirs);
            totals.absorb(their_totals);
            breakdowns.absorb(their_breakdowns);
        }
        self.qualified.real_chance += other.qualified.real_chance;
        self.qualified.no_real_chance += other.qualified.no_real_chance;
        self.qualified.not_assessed += other.qualified.not_assessed;
        self.breakdowns.absorb(&other.breakdowns);
        self.heatmap.absorb(&other.heatmap);
        self.half_days.absorb(&other.half_days);
        self.trends.absorb(&other.trends);
    }

    /// Activity summed by kind and outcome over the range (kinds and outcomes with activity).
    pub fn counts(&self) -> Vec<ActivityCount> {
        self.totals.counts()
    }

    pub fn funnel(&self) -> Funnel {
        self.totals.funnel()
    }

    pub fn finish(self) -> Figures {
        let counts = self.counts();
        let funnel = self.funnel();
        let in_blocks = if self.blocks.is_empty() { None } else { rate(self.in_blocks, self.heatmap.timed()) };
        let [by_channel, by_message, by_segment] = self.breakdowns.finish();
        Figures {
            counts,
            funnel,
            qualified: self.qualified,
            by_channel,
            by_message,
            by_segment,
            heatmap: self.heatmap,
            half_days: self.half_days,
            blocks: self.blocks,
            in_blocks,
            trends: self.trends,
            previous: self.previous.map(|(range, totals, breakdowns)| {
                let [by_channel, by_message, by_segment] = breakdowns.finish();
                Previous { range, counts: totals.counts(), funnel: totals.funnel(), by_channel, by_message, by_segment }
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ActivityKind::{Call, Email, Meeting, Social};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Friday 27 November 2026; the range is the last 4 weeks (from Monday 2 November).
    fn range() -> DateRange {
        DateRange { from: d(2026, 11, 2), to: d(2026, 11, 27) }
    }

    fn act(day: NaiveDate, hour: u32, kind: ActivityKind, outcome: Outcome) -> Activity<'static> {
        Activity {
            day,
            clock: Some(hour * 3600 + 600),
            kind,
            channel: "phone",
            segment: "retail",
            message: "m1",
            outcome,
            count: 1,
            qualified: None,
        }
    }

    #[test]
    fn a_key_is_named_by_its_first_spelling_in_byte_order_whatever_came_first() {
        let day = d(2026, 11, 10);
        let spelled = |order: [&'static str; 3]| {
            let mut t = Tally::new(range(), Vec::new());
            for segment in order {
                t.add(&Activity { segment, ..act(day, 10, Call, Outcome::None) });
            }
            t
        };
        let names = |t: Tally| t.finish().by_segment.into_iter().map(|r| (r.key, r.touches)).collect::<Vec<_>>();
        let expected = vec![("Retail".to_string(), 3)];
        assert_eq!(names(spelled(["retail", " Retail", "RETAIL"])), [("RETAIL".to_string(), 3)]);
        assert_eq!(names(spelled(["Retail", "retail", "retail "])), expected);
        assert_eq!(names(spelled(["retail ", "retail", "Retail"])), expected);
        // The team names a key as its reps do, whichever rep comes first.
        let mut team = Tally::new(range(), Vec::new());
        team.absorb(&spelled(["retail", "retail", "retail"]));
        team.absorb(&spelled(["Retail", "Retail", "Retail"]));
        assert_eq!(names(team), [("Retail".to_string(), 6)]);
    }

    #[test]
    fn sums_by_week_count_as_the_rows_they_sum() {
        let day = d(2026, 11, 10);
        let rows = [
            act(day, 9, Call, Outcome::Meeting),
            act(day, 15, Email, Outcome::Conversation),
            Activity { qualified: Some(true), ..act(day, 16, Meeting, Outcome::Opportunity) },
            Activity { count: 4, ..act(day, 11, Social, Outcome::None) },
        ];
        let mut by_rows = Tally::new(range(), Vec::new());
        let mut by_sums = Tally::new(range(), Vec::new());
        let mut half_days: [[i64; 14]; 5] = [[0; 14]; 5];
        for a in &rows {
            by_rows.add(a);
            by_sums.add_week_count(week_of(day), a.kind, a.outcome, a.count);
            for dimension in Dimension::ALL {
                by_sums.add_week_figures(*dimension, a.key(*dimension), &KeyFigures::of(a));
            }
            if let Some(hour) = a.hour() {
                half_days[a.kind as usize][usize::from(a.weekday()) * 2 + usize::from(hour >= 12)] += a.count;
            }
            by_sums.add_week_touches(a.weekday(), a.hour(), if a.kind.is_touch() { a.count } else { 0 });
        }
        for kind in ActivityKind::ALL {
            by_sums.add_week_half_days(*kind, &half_days[*kind as usize]);
        }
        assert_eq!(
            KeyFigures::of(&rows[0]),
            KeyFigures { touches: 1, conversations: 1, booked: 1, ..KeyFigures::default() }
        );
        assert_eq!(KeyFigures::of(&rows[2]), KeyFigures { meetings: 1, opportunities: 1, ..KeyFigures::default() });
        assert_eq!((rows[2].key(Dimension::RealChance), rows[0].key(Dimension::RealChance)), ("yes", ""));
        let (a, b) = (by_rows.finish(), by_sums.finish());
        assert_eq!(a.funnel, b.funnel);
        assert_eq!(a.qualified, b.qualified);
        assert_eq!((&a.by_channel, &a.by_message, &a.by_segment), (&b.by_channel, &b.by_message, &b.by_segment));
        assert_eq!((&a.heatmap, &a.half_days, &a.trends), (&b.heatmap, &b.half_days, &b.trends));
    }

    #[test]
    fn breakdowns_by_hand() {
        let mut t = Tally::new(range(), Vec::new());
        let day = d(2026, 11, 10);
        for _ in 0..20 {
            t.add(&act(day, 10, Call, Outcome::None));
        }
        t.add(&act(day, 10, Call, Outcome::Conversation));
        t.add(&act(day, 10, Call, Outcome::Meeting));
        t.add(&Activity { channel: "email", message: "m2", ..act(day, 16, Email, Outcome::Conversation) });
        t.add(&Activity { channel: "partner", qualified: Some(true), ..act(day, 14, Meeting, Outcome::Opportunity) });
        t.add(&Activity { channel: "phone", qualified: Some(false), ..act(day, 15, Meeting, Outcome::None) });
        t.add(&Activity { channel: "", segment: "", message: "", ..act(day, 15, Meeting, Outcome::None) });
        let f = t.finish();
        assert_eq!(f.funnel.touches, 23);
        assert_eq!(f.funnel.conversations, 3);
        assert_eq!(f.funnel.meetings, 3);
        assert_eq!(f.funnel.opportunities, 0, "the funnel counts deals, not activity outcomes");
        assert_eq!(f.qualified, Qualified { real_chance: 1, no_real_chance: 1, not_assessed: 1 });

        let phone = &f.by_channel[0];
        assert_eq!(
            (phone.key.as_str(), phone.touches, phone.conversations, phone.booked, phone.meetings, phone.opportunities),
            ("phone", 22, 2, 1, 1, 0)
        );
        assert_eq!(phone.meetings_per_100_touches(), Some(100.0 / 22.0));
        assert_eq!(phone.opportunities_per_meeting(), Some(0.0));
        // email: 1 touch, too few to rank; partner: a meeting without touches; "" not said.
        let keys: Vec<&str> = f.by_channel.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["phone", "email", "", "partner"]);
        let partner = &f.by_channel[3];
        assert_eq!(partner.meetings_per_100_touches(), None);
        assert_eq!(partner.opportunities_per_meeting(), Some(1.0));
        let m1 = f.by_message.iter().find(|r| r.key == "m1").unwrap();
        let mut t = Tally::new(range(), Vec::new());
        t.add(&Activity { segment: "Retail", ..act(day, 10, Call, Outcome::None) });
        t.add(&Activity { segment: "retail ", ..act(day, 10, Call, Outcome::Meeting) });
        t.add(&Activity { segment: "RÉTAIL", ..act(day, 10, Call, Outcome::None) });
        let merged = t.finish();
        let segments: Vec<(&str, i64)> = merged.by_segment.iter().map(|r| (r.key.as_str(), r.touches)).collect();
        assert_eq!(segments, [("Retail", 2), ("RÉTAIL", 1)], "one row whatever the case typed");
        assert_eq!((m1.touches, m1.meetings, m1.opportunities), (22, 2, 1));
    }

    #[test]
    fn ranked_rows_by_rate_then_volume() {
        let row =
            |key: &str, touches, meetings| BreakdownRow { key: key.into(), touches, meetings, ..Default::default() };
        let mut rows = vec![
            row("small", 5, 3),
            row("worst", 100, 1),
            row("best", 50, 5),
            row("tie-big", 200, 10),
            row("tie-small", 20, 1),
            row("none", 0, 4),
        ];
        sort_breakdown(&mut rows);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["best", "tie-big", "tie-small", "worst", "small", "none"]);
    }

    #[test]
    fn zero_denominators_have_no_rate() {
        let empty = BreakdownRow::default();
        assert_eq!(empty.meetings_per_100_touches(), None);
        assert_eq!(empty.meetings_per_touch(), None);
        assert_eq!(empty.opportunities_per_meeting(), None);
        assert_eq!(empty.conversation_rate(), None);
        assert_eq!(Qualified::default().real_chance_rate(), None);
    }

    #[test]
    fn an_empty_period() {
        let f = Tally::new(range(), Vec::new()).finish();
        assert_eq!(f.funnel, Funnel::default());
        assert!(f.counts.is_empty() && f.by_channel.is_empty() && f.by_segment.is_empty());
        assert_eq!(f.heatmap, Heatmap::default());
        assert_eq!(f.in_blocks, None);
        assert_eq!(f.trends.weeks.len(), TREND_WEEKS);
        assert_eq!(f.trends.weeks[0], d(2026, 9, 7));
        assert_eq!(f.trends.weeks[11], d(2026, 11, 23));
        assert!(f.trends.touches.iter().all(|&n| n == 0));
    }

    #[test]
    fn heatmap_hours_and_untimed_rows() {
        let blocks = vec![Block { weekday: 1, start: 9, end: 11 }];
        let mut t = Tally::new(range(), blocks);
        let tuesday = d(2026, 11, 10);
        let friday = d(2026, 11, 13);
        t.add(&act(tuesday, 9, Call, Outcome::None)); // in the block
        t.add(&act(tuesday, 10, Social, Outcome::None)); // in the block
        t.add(&act(tuesday, 11, Call, Outcome::None)); // just after it
        t.add(&act(friday, 15, Call, Outcome::None));
        t.add(&Activity { clock: Some(0), ..act(friday, 0, Call, Outcome::None) }); // midnight: no time
        t.add(&Activity { clock: None, ..act(friday, 0, Email, Outcome::None) }); // a bare date
        t.add(&Activity { count: 45, ..act(friday, 17, Call, Outcome::None) }); // a weekly count
        t.add(&act(friday, 15, Meeting, Outcome::None)); // meetings are not touches
        let f = t.finish();
        assert_eq!(f.heatmap.touches[1][9], 1);
        assert_eq!(f.heatmap.touches[1][10], 1);
        assert_eq!(f.heatmap.touches[4][15], 1);
        assert_eq!(f.heatmap.touches[4][17], 0);
        assert_eq!(f.heatmap.untimed, [0, 0, 0, 0, 47, 0, 0]);
        assert_eq!(f.heatmap.timed(), 4);
        assert_eq!(f.heatmap.total(), 51);
        assert_eq!(f.heatmap.weekday_total(4), 48);
        assert_eq!(f.heatmap.max_cell(), 1);
        assert_eq!(f.in_blocks, Some(0.5), "2 of the 4 timed touches were in Tuesday 9-11");
        assert_eq!(f.half_days.touches[0][4], [0, 1], "Friday-afternoon calls");
        assert_eq!(f.half_days.touches[0][1], [2, 0], "Tuesday-morning calls");
    }

    #[test]
    fn in_blocks_without_timed_touches() {
        let blocks = vec![Block { weekday: 1, start: 9, end: 11 }];
        let mut t = Tally::new(range(), blocks);
        t.add(&Activity { count: 45, ..act(d(2026, 11, 10), 9, Call, Outcome::None) });
        assert_eq!(t.finish().in_blocks, None);
    }

    #[test]
    fn rows_outside_the_range_count_in_trends_only() {
        let mut t = Tally::new(range(), Vec::new());
        t.add(&act(d(2026, 9, 7), 10, Call, Outcome::None)); // first trend week
        t.add(&act(d(2026, 9, 6), 10, Call, Outcome::None)); // before the trends
        t.add(&act(d(2026, 11, 1), 10, Meeting, Outcome::None)); // trend week 8, before the range
        t.add(&act(d(2026, 11, 27), 10, Call, Outcome::None)); // today
        t.add(&act(d(2026, 11, 28), 10, Call, Outcome::None)); // after the range
        t.add_deal(d(2026, 11, 2), 500_000);
        t.add_deal(d(2026, 10, 30), 700_000);
        t.add_deal(d(2026, 11, 28), 900_000);
        let f = t.finish();
        assert_eq!(f.funnel.touches, 1);
        assert_eq!(f.funnel.meetings, 0);
        assert_eq!((f.funnel.opportunities, f.funnel.pipeline_minor), (1, 500_000));
        assert_eq!(f.trends.touches[0], 1);
        assert_eq!(f.trends.meetings[7], 1);
        assert_eq!(f.trends.touches[11], 1);
        assert_eq!(f.trends.opportunities, [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0]);
        assert_eq!(f.trends.pipeline_minor[7], 700_000);
        assert_eq!(f.trends.complete_weeks(d(2026, 11, 27)), 11);
        assert_eq!(f.trends.complete_weeks(d(2026, 11, 29)), 12);
    }

    #[test]
    fn a_team_is_the_sum_of_its_reps() {
        let mut a = Tally::new(range(), vec![Block { weekday: 1, start: 9, end: 11 }]);
        let mut b = Tally::new(range(), Vec::new());
        a.add(&act(d(2026, 11, 10), 9, Call, Outcome::Meeting));
        b.add(&Activity { channel: "email", ..act(d(2026, 11, 11), 14, Email, Outcome::None) });
        b.add(&act(d(2026, 11, 11), 14, Meeting, Outcome::Opportunity));
        b.add_deal(d(2026, 11, 11), 100);
        let mut team = Tally::new(range(), Vec::new());
        team.absorb(&a);
        team.absorb(&b);
        let f = team.finish();
        assert_eq!(
            f.funnel,
            Funnel { touches: 2, conversations: 1, meetings: 1, opportunities: 1, pipeline_minor: 100 }
        );
        let phone = f.by_channel.iter().find(|r| r.key == "phone").unwrap();
        assert_eq!((phone.touches, phone.booked, phone.meetings, phone.opportunities), (1, 1, 1, 1));
        assert_eq!(f.heatmap.timed(), 2);
        assert_eq!(f.in_blocks, None, "the team has no blocks of its own");
        assert_eq!(f.trends.touches[9], 2);
    }

    #[test]
    fn the_days_compared_with_are_added_up_apart() {
        // 5 October to 30 October: the 26 days before the range's, four weeks earlier.
        let previous = DateRange { from: d(2026, 10, 5), to: d(2026, 10, 30) };
        let mut a = Tally::new(range(), Vec::new()).comparing(previous);
        a.add(&act(d(2026, 10, 5), 10, Call, Outcome::Conversation)); // its first day
        a.add(&act(d(2026, 10, 30), 10, Meeting, Outcome::None)); // its last
        a.add(&act(d(2026, 10, 31), 10, Call, Outcome::None)); // between the two: in neither
        a.add(&act(d(2026, 11, 10), 10, Call, Outcome::None)); // in the range
        a.add_deal(d(2026, 10, 20), 700_000);
        let mut b = Tally::new(range(), Vec::new()).comparing(previous);
        b.add(&act(d(2026, 10, 6), 10, Email, Outcome::None));
        let mut team = Tally::new(range(), Vec::new()).comparing(previous);
        team.absorb(&a);
        team.absorb(&b);
        let ada = a.finish();
        let before = ada.previous.expect("the tally was asked to compare");
        assert_eq!(before.range, previous);
        assert_eq!(
            before.funnel,
            Funnel { touches: 1, conversations: 1, meetings: 1, opportunities: 1, pipeline_minor: 700_000 }
        );
        assert_eq!(ada.funnel.touches, 1, "the range's own count is apart");
        assert_eq!(team.finish().previous.map(|p| p.funnel.touches), Some(2));
        assert_eq!(Tally::window(range(), Some(previous)), (d(2026, 9, 7), d(2026, 11, 27)), "the trends start first");
        let long_ago = DateRange { from: d(2026, 6, 1), to: d(2026, 6, 26) };
        assert_eq!(Tally::window(range(), Some(long_ago)).0, d(2026, 6, 1));
        assert_eq!(Tally::new(range(), Vec::new()).finish().previous, None);
    }
}
