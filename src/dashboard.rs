//! The prospecting figures of a rep, or of the whole team, over a range of days: read from
//! the store, assembled by the pure domain rules. The pane and `sparring report dashboard`
//! share this one code path, so what the screen says and what the report prints agree.
//!
//! Every figure comes with the same figure over the previous period of the same length: for
//! a rep, read in the same pass (the rows of the period, of the 12 trend weeks and of the days
//! it is compared with are one range of days).
//!
//! A rep's figures cost a fixed handful of queries whatever the data (their activity rows
//! over those days, their deals created, their target history, blocks, currency, and the
//! team's funnel from the daily totals). The team view reads no activity row of a whole week:
//! each rep's sums per week (by kind, outcome and half-day; by channel and segment) and the
//! team's per day (by channel, message, segment and real chance; by hour), kept beside the
//! rows by the store; only the days of a week the period cuts are read row by row. Each rep's
//! tally is added into the team's.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::domain::activity::Outcome;
use crate::domain::alerts::{Alert, Facts, alerts};
use crate::domain::ids::RepId;
use crate::domain::metrics::{Funnel, Target, TargetKind, Volume, volumes};
use crate::domain::period::{DateRange, Period, Weeks};
use crate::domain::prospecting::{Dimension, Tally};
use crate::domain::target_history::TargetHistory;
use crate::store::prospecting::Reps;
use crate::store::reps::Rep;
use crate::store::{Store, StoreError};

pub use crate::domain::blocks::Block;
pub use crate::domain::prospecting::{BreakdownRow, HalfDays, Heatmap, Qualified, Trends};

/// The currency shown when the scope has no deal to tell.
pub const DEFAULT_CURRENCY: &str = "EUR";

/// Whose figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Rep(RepId),
    Team,
}

/// The days looked at: one of the presets, or any range (reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Preset(Period),
    Custom(DateRange),
}

impl Span {
    pub fn range(self, today: NaiveDate) -> DateRange {
        match self {
            Span::Preset(period) => period.range(today),
            Span::Custom(range) => range,
        }
    }

    /// The days the span is compared with: the period before of the same length (cut to as
    /// many days while it is under way), or as many days just before a custom range.
    pub fn previous(self, today: NaiveDate) -> DateRange {
        match self {
            Span::Preset(period) => period.previous_range(today),
            Span::Custom(range) => range.before(),
        }
    }

    /// The preset period, if the span is one.
    pub fn period(self) -> Option<Period> {
        match self {
            Span::Preset(period) => Some(period),
            Span::Custom(_) => None,
        }
    }
}

/// The figures of the days a period is compared with, measured the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub range: DateRange,
    pub funnel: Funnel,
    /// Against the targets in force in those days.
    pub volumes: Vec<Volume>,
    /// The breakdowns of those days, to match with a row's key through
    /// [`crate::domain::prospecting::same_key`]; empty when they were not read
    /// ([`Compared::Totals`]).
    pub by_channel: Vec<BreakdownRow>,
    pub by_message: Vec<BreakdownRow>,
    pub by_segment: Vec<BreakdownRow>,
}

impl Previous {
    /// What was done of a kind in those days (0 when nothing was).
    pub fn done(&self, kind: TargetKind) -> i64 {
        self.volumes.iter().find(|v| v.kind == kind).map_or(0, |v| v.done)
    }
}

/// Everything the prospecting pane shows for a scope and a span.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub scope: Scope,
    pub span: Span,
    pub range: DateRange,
    pub funnel: Funnel,
    /// The team's funnel over the same days, to compare a rep's rates with (`None` for the
    /// team itself).
    pub team_funnel: Option<Funnel>,
    pub volumes: Vec<Volume>,
    pub qualified: Qualified,
    /// Sorted so the best and the worst show: see [`crate::domain::prospecting::sort_breakdown`].
    pub by_channel: Vec<BreakdownRow>,
    pub by_message: Vec<BreakdownRow>,
    pub by_segment: Vec<BreakdownRow>,
    pub heatmap: Heatmap,
    /// The rep's planned weekly blocks (none for the team).
    pub blocks: Vec<Block>,
    /// Share of the touches with a time of day made inside the planned blocks, when there are
    /// blocks and such touches.
    pub in_blocks: Option<f64>,
    pub trends: Trends,
    pub alerts: Vec<Alert>,
    /// The currency most of the scope's deals are in ([`DEFAULT_CURRENCY`] without deals).
    pub currency: String,
    /// The weekly targets in force on the period's last day (the team's: summed over reps).
    pub targets: Vec<Target>,
    /// The previous period of the same length, that every figure's change is against.
    pub previous: Previous,
}

impl Dashboard {
    /// The preset period shown, if the span is one (the pane's periods always are).
    pub fn period(&self) -> Option<Period> {
        self.span.period()
    }

    /// The rows by channel, by message and by segment, in that order, each beside the same
    /// breakdown over the days compared with.
    pub fn breakdowns(&self) -> [(&[BreakdownRow], &[BreakdownRow]); 3] {
        let p = &self.previous;
        [(&self.by_channel, &p.by_channel), (&self.by_message, &p.by_message), (&self.by_segment, &p.by_segment)]
    }
}

/// One rep's line in the team view.
#[derive(Debug, Clone, PartialEq)]
pub struct RepLine {
    pub rep: RepId,
    pub name: String,
    pub funnel: Funnel,
    pub volumes: Vec<Volume>,
    /// The same alerts as the rep's own dashboard over the same span.
    pub alerts: Vec<Alert>,
    /// The rep's figures over the days the span is compared with; its breakdowns are empty
    /// (the team view reads those for the team only).
    pub previous: Previous,
}

/// The team view: the team's figures and each rep's side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamDashboard {
    pub team: Dashboard,
    pub reps: Vec<RepLine>,
}

/// Loads the figures for a rep over a span, as seen on `today`.
pub fn load(store: &Store, rep: RepId, span: Span, today: NaiveDate) -> Result<Dashboard, StoreError> {
    let (range, previous) = (span.range(today), span.previous(today));
    let blocks = store.blocks(rep)?;
    let mut tally = Tally::new(range, blocks).comparing(previous);
    let (from, to) = Tally::window(range, Some(previous));
    store.activities_between(Reps::One(rep), from, to, |_, a| tally.add(a))?;
    for deal in store.deals_created_between(Reps::One(rep), from, to)? {
        tally.add_deal(deal.created_on, deal.amount_minor);
    }
    let targets = store.target_history(rep)?;
    let currency = store.main_currency(Reps::One(rep))?.unwrap_or_else(|| DEFAULT_CURRENCY.to_string());
    let team_funnel = team_funnel(store, range)?;
    let mut dashboard = assemble(Scope::Rep(rep), span, range, tally, &targets, currency);
    dashboard.team_funnel = Some(team_funnel);
    Ok(dashboard)
}

/// The active reps' funnel over a range, from the daily totals.
pub fn team_funnel(store: &Store, range: DateRange) -> Result<Funnel, StoreError> {
    let counts = store.team_activity_counts(range)?;
    let (opportunities, pipeline_minor) = store.team_deals_created(range)?;
    Ok(Funnel::new(&counts, opportunities, pipeline_minor))
}

/// How much of the days compared with the team view reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compared {
    /// Their sums by kind and outcome: every figure's change but the breakdowns'. What the
    /// pane shows (rep lines and the team's totals).
    Totals,
    /// The team's breakdowns of those days as well, for the change of each channel, message
    /// and segment: what the report prints.
    Breakdowns,
}

/// Loads the team view over a span, as seen on `today`: the team is every active rep. The
/// breakdowns of the days compared with are left empty ([`Compared::Totals`]).
pub fn load_team(store: &Store, span: Span, today: NaiveDate) -> Result<TeamDashboard, StoreError> {
    load_team_comparing(store, span, today, Compared::Totals)
}

/// [`load_team`], reading as much of the days compared with as `compared` says.
pub fn load_team_comparing(
    store: &Store,
    span: Span,
    today: NaiveDate,
    compared: Compared,
) -> Result<TeamDashboard, StoreError> {
    let (reps, mut tallies) = rep_tallies(store, span, today)?;
    let index: HashMap<RepId, usize> = reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut team = Tally::new(span.range(today), Vec::new()).comparing(span.previous(today));
    fill_range(store, &mut tallies, &mut team, &index)?;
    fill_compared(store, compared, &mut tallies, &mut team, &index)?;
    fill_deals(store, &mut tallies, &index)?;
    team_of(store, span, today, reps, tallies, team)
}

/// The active reps, each with an empty tally over the span (and the days it is compared with)
/// that knows the rep's planned blocks.
fn rep_tallies(store: &Store, span: Span, today: NaiveDate) -> Result<(Vec<Rep>, Vec<Tally>), StoreError> {
    let (range, previous) = (span.range(today), span.previous(today));
    let reps: Vec<_> = store.reps()?.into_iter().filter(|r| r.active).collect();
    let mut blocks = store.all_blocks()?;
    let tallies =
        reps.iter().map(|r| Tally::new(range, blocks.remove(&r.id).unwrap_or_default()).comparing(previous)).collect();
    Ok((reps, tallies))
}

/// The team view from the filled tallies of [`rep_tallies`]: each rep's line, and the team's
/// figures from all of them added to `team`, which holds what was read for the whole team at
/// once.
fn team_of(
    store: &Store,
    span: Span,
    today: NaiveDate,
    reps: Vec<Rep>,
    tallies: Vec<Tally>,
    mut team: Tally,
) -> Result<TeamDashboard, StoreError> {
    let range = span.range(today);
    let mut targets = store.all_target_histories()?;
    for tally in &tallies {
        team.absorb(tally);
    }
    let rep_targets: Vec<TargetHistory> = reps.iter().map(|r| targets.remove(&r.id).unwrap_or_default()).collect();
    let team_targets = TargetHistory::team(&rep_targets);
    let lines = reps
        .into_iter()
        .zip(tallies)
        .zip(rep_targets)
        .map(|((rep, tally), targets)| {
            // The currency does not change any figure: the rep's own is not read here.
            let d = assemble(Scope::Rep(rep.id), span, range, tally, &targets, String::new());
            // Read for the team as a whole: a rep's own would be the few cut days' only.
            let previous =
                Previous { by_channel: Vec::new(), by_message: Vec::new(), by_segment: Vec::new(), ..d.previous };
            RepLine { rep: rep.id, name: rep.name, funnel: d.funnel, volumes: d.volumes, alerts: d.alerts, previous }
        })
        .collect();
    let currency = store.main_currency(Reps::Active)?.unwrap_or_else(|| DEFAULT_CURRENCY.to_string());
    let team = assemble(Scope::Team, span, range, team, &team_targets, currency);
    Ok(TeamDashboard { team, reps: lines })
}

/// Which tally is a rep's, looked up once per run of rows of one rep (rows come grouped by
/// rep).
struct Slots<'a> {
    index: &'a HashMap<RepId, usize>,
    last: Option<(RepId, Option<usize>)>,
}

impl Slots<'_> {
    fn of(&mut self, rep: RepId) -> Option<usize> {
        match self.last {
            Some((r, i)) if r == rep => i,
            _ => {
                let i = self.index.get(&rep).copied();
                self.last = Some((rep, i));
                i
            }
        }
    }
}

/// Adds to each rep's tally (all over the same range, comparing with the same days) the
/// activity of the range and of the trend weeks before it, and to `team` what is read for the
/// team as a whole: the breakdown by message, the meetings' real chance and the heatmap, which
/// a rep's line does not show. Only the days of a week the range cuts are read row by row:
/// whole weeks come from the store's sums per rep and week (by kind, outcome and half-day; by
/// channel and segment) and per day for the team, and the trend weeks from the first of them.
fn fill_range(
    store: &Store,
    tallies: &mut [Tally],
    team: &mut Tally,
    index: &HashMap<RepId, usize>,
) -> Result<(), StoreError> {
    let (range, trend_days) = (team.range(), team.trend_days_before());
    let mut slots = Slots { index, last: None };
    let Weeks { whole, cut } = weeks_of(store, range)?;
    for days in cut {
        store.activities_between(Reps::Active, days.from, days.to, |rep, a| {
            if let Some(i) = slots.of(rep) {
                tallies[i].add(a);
            }
        })?;
    }
    if let Some((first, last)) = whole {
        store.rep_week_kinds(Reps::Active, first, last, true, |rep, week, kind, sums| {
            if let Some(i) = slots.of(rep) {
                for (outcome, count) in Outcome::ALL.iter().zip(&sums[..4]) {
                    tallies[i].add_week_count(week, kind, *outcome, *count);
                }
                tallies[i].add_week_half_days(kind, &sums[4..]);
            }
        })?;
        store.week_figures(
            Reps::Active,
            first,
            last,
            &[Dimension::Channel, Dimension::Segment],
            |rep, d, key, f| {
                if let Some(i) = slots.of(rep) {
                    tallies[i].add_week_figures(d, key, f);
                }
            },
        )?;
        let sunday = last + Duration::days(6);
        let team_only = [Dimension::Message, Dimension::RealChance];
        store.team_day_figures(first, sunday, &team_only, |d, key, f| team.add_week_figures(d, key, f))?;
        store.team_day_hours(first, sunday, |weekday, hour, touches| team.add_week_touches(weekday, hour, touches))?;
    }
    if let Some((from, to)) = trend_days {
        store.activity_counts_by_week(Reps::Active, from, to, |rep, week, kind, _, count| {
            if let Some(i) = slots.of(rep) {
                tallies[i].add_trend_count(week, kind, count);
            }
        })?;
    }
    Ok(())
}

/// Adds to each rep's tally what was done in the days its range is compared with (those before
/// the range: any inside it were read with it), and with [`Compared::Breakdowns`] the team's
/// breakdowns of those days to `team` (from its sums per day: no row is read for them).
fn fill_compared(
    store: &Store,
    detail: Compared,
    tallies: &mut [Tally],
    team: &mut Tally,
    index: &HashMap<RepId, usize>,
) -> Result<(), StoreError> {
    let (range, Some(previous)) = (team.range(), team.previous_range()) else { return Ok(()) };
    let mut slots = Slots { index, last: None };
    let parts = [
        (previous.from, previous.to.min(range.from - Duration::days(1))),
        (previous.from.max(range.to + Duration::days(1)), previous.to),
    ];
    for (from, to) in parts.into_iter().filter(|(from, to)| from <= to) {
        store.activity_counts_by_week(Reps::Active, from, to, |rep, _, kind, outcome, count| {
            if let Some(i) = slots.of(rep) {
                tallies[i].add_previous_count(kind, outcome, count);
            }
        })?;
        if detail == Compared::Breakdowns {
            let breakdowns = [Dimension::Channel, Dimension::Message, Dimension::Segment];
            store.team_day_figures(from, to, &breakdowns, |d, key, f| team.add_compared_figures(d, key, f))?;
        }
    }
    Ok(())
}

/// Adds to each rep's tally the deals created in the days it reads.
fn fill_deals(store: &Store, tallies: &mut [Tally], index: &HashMap<RepId, usize>) -> Result<(), StoreError> {
    let Some(first) = tallies.first() else { return Ok(()) };
    let (from, to) = Tally::window(first.range(), first.previous_range());
    for deal in store.deals_created_between(Reps::Active, from, to)? {
        if let Some(&i) = index.get(&deal.rep) {
            tallies[i].add_deal(deal.created_on, deal.amount_minor);
        }
    }
    Ok(())
}

/// The weeks `days` can be read from the weekly sums for, and the days to read row by row:
/// those of a week the range cuts, unless nothing was done on the week's other days (the rest
/// of the week under way, mostly), when the week's sums are the same.
fn weeks_of(store: &Store, days: DateRange) -> Result<Weeks, StoreError> {
    let Weeks { mut whole, cut } = days.whole_weeks();
    let mut rows = Vec::new();
    for part in cut {
        let monday = part.first_week();
        let sunday = monday + Duration::days(6);
        let before = part.from > monday && store.activity_between(monday, part.from - Duration::days(1))?;
        let after = part.to < sunday && store.activity_between(part.to + Duration::days(1), sunday)?;
        if before || after {
            rows.push(part);
        } else {
            // A cut week is the first or the last the days touch: it joins the whole ones.
            whole = Some(whole.map_or((monday, monday), |(first, last)| (first.min(monday), last.max(monday))));
        }
    }
    Ok(Weeks { whole, cut: rows })
}

/// A scope's dashboard from its tally and targets: volumes, then the alerts on it all.
fn assemble(
    scope: Scope,
    span: Span,
    range: DateRange,
    tally: Tally,
    targets: &TargetHistory,
    currency: String,
) -> Dashboard {
    let figures = tally.finish();
    let previous = match figures.previous {
        Some(p) => Previous {
            range: p.range,
            funnel: p.funnel,
            volumes: volumes(&p.counts, &p.funnel, targets, p.range),
            by_channel: p.by_channel,
            by_message: p.by_message,
            by_segment: p.by_segment,
        },
        // Every load compares: a tally that did not has nothing to show before.
        None => Previous {
            range: range.before(),
            funnel: Funnel::default(),
            volumes: Vec::new(),
            by_channel: Vec::new(),
            by_message: Vec::new(),
            by_segment: Vec::new(),
        },
    };
    let volumes = volumes(&figures.counts, &figures.funnel, targets, range);
    let alerts = alerts(&Facts {
        funnel: &figures.funnel,
        volumes: &volumes,
        trends: &figures.trends,
        through: range.to,
        targets,
        by_channel: &figures.by_channel,
        by_segment: &figures.by_segment,
        half_days: &figures.half_days,
        blocks: &figures.blocks,
    });
    Dashboard {
        scope,
        span,
        range,
        funnel: figures.funnel,
        team_funnel: None,
        volumes,
        qualified: figures.qualified,
        by_channel: figures.by_channel,
        by_message: figures.by_message,
        by_segment: figures.by_segment,
        heatmap: figures.heatmap,
        blocks: figures.blocks,
        in_blocks: figures.in_blocks,
        trends: figures.trends,
        alerts,
        currency,
        targets: targets.on(range.to),
        previous,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDateTime, NaiveTime};

    use super::*;
    use crate::demo::{DemoParams, generate};
    use crate::domain::activity::{ActivityKind, Outcome};
    use crate::script::Script;
    use crate::store::prospecting::ActivityInput;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    /// The team view as it was computed before the sums by week: every row of the whole
    /// window tallied one by one.
    fn row_by_row(store: &Store, span: Span, today: NaiveDate) -> TeamDashboard {
        let (reps, mut tallies) = rep_tallies(store, span, today).unwrap();
        let index: HashMap<RepId, usize> = reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let (from, to) = Tally::window(span.range(today), Some(span.previous(today)));
        store
            .activities_between(Reps::Active, from, to, |rep, a| {
                if let Some(&i) = index.get(&rep) {
                    tallies[i].add(a);
                }
            })
            .unwrap();
        for deal in store.deals_created_between(Reps::Active, from, to).unwrap() {
            if let Some(&i) = index.get(&deal.rep) {
                tallies[i].add_deal(deal.created_on, deal.amount_minor);
            }
        }
        let team = Tally::new(span.range(today), Vec::new()).comparing(span.previous(today));
        team_of(store, span, today, reps, tallies, team).unwrap()
    }

    /// The view without the breakdowns of the days compared with, as [`Compared::Totals`] reads it.
    fn without_previous_breakdowns(mut view: TeamDashboard) -> TeamDashboard {
        for previous in std::iter::once(&mut view.team.previous).chain(view.reps.iter_mut().map(|r| &mut r.previous)) {
            previous.by_channel.clear();
            previous.by_message.clear();
            previous.by_segment.clear();
        }
        view
    }

    #[test]
    fn the_team_view_is_what_row_by_row_tallying_gives() {
        let today = d(2026, 11, 25); // a Wednesday: the weeks of the periods are cut
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        let mut store = Store::open(&path).unwrap();
        generate(&mut store, &Script::embedded(), &DemoParams::default_for(today)).unwrap();
        // Rows the edges must tell apart: after today in today's week, on the first and last
        // day of a cut week, a spelling of a segment in another case.
        let rep = store.reps().unwrap()[0].id;
        for (day, hour) in [(d(2026, 11, 26), 10), (d(2026, 11, 29), 9), (d(2026, 10, 1), 0), (d(2026, 9, 30), 23)] {
            let input = ActivityInput {
                occurred_at: NaiveDateTime::new(day, NaiveTime::from_hms_opt(hour, 30, 0).unwrap()),
                kind: ActivityKind::Call,
                channel: Some("Phone".into()),
                segment: Some("RETAIL ".into()),
                message: None,
                outcome: Outcome::Meeting,
                qualified: None,
                count: 3,
            };
            store.log_activity(rep, &input).unwrap();
        }
        // Rows written by another tool, in the forms a timestamp can take; an update and a
        // delete through the triggers; a rep made inactive with rows in every period.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let other = store.reps().unwrap()[1].id.0;
        for (at, kind, count, qualified) in [
            ("2026-11-17", "call", 1, None),
            ("2026-11-17T00:00:00", "email", 1, None),
            ("2026-11-18T00:00:30", "call", 1, None),
            ("2026-11-18 12:00", "social", 1, None),
            ("2026-11-19T11:59:59", "event", 1, None),
            ("2026-11-19T15:00:00", "call", 4, None),
            ("2026-11-20T16:00:00", "meeting", 1, Some(1)),
            ("2026-11-20T09:00:00", "meeting", 2, Some(0)),
            ("2026-10-06T09:00:00", "fax", 1, None),
        ] {
            conn.execute(
                "INSERT INTO activities (rep_id, occurred_at, week, kind, channel, segment, outcome, count, qualified)
                 VALUES (?1, ?2, date(?2, 'weekday 0', '-6 days'), ?3, 'Événements', 'ÉNERGIE', 'conversation', ?4, ?5)",
                rusqlite::params![other, at, kind, count, qualified],
            )
            .unwrap();
        }
        let moved = "SELECT max(id) FROM activities WHERE rep_id = ?1 AND week = '2026-11-09'";
        conn.execute(
            &format!("UPDATE activities SET channel = 'events', occurred_at = '2026-11-12T08:15:00', count = 2 WHERE id = ({moved})"),
            [other],
        )
        .unwrap();
        conn.execute(&format!("DELETE FROM activities WHERE id = ({moved})"), [other + 1]).unwrap();
        conn.execute("UPDATE reps SET active = 0 WHERE id = ?1", [store.reps().unwrap()[2].id.0]).unwrap();
        let mut spans: Vec<Span> = Period::PRESETS.iter().map(|p| Span::Preset(*p)).collect();
        spans.extend(Period::PRESETS.iter().map(|p| Span::Preset(p.earlier().earlier())));
        spans.push(Span::Custom(DateRange { from: d(2026, 9, 30), to: d(2026, 10, 15) }));
        spans.push(Span::Custom(DateRange { from: d(2026, 11, 24), to: d(2026, 11, 25) }));
        // The sums equal the rows', after the demo's bulk write, the logs and the other tool.
        assert_eq!(store.sums_out_of_step().unwrap(), Vec::<&str>::new());
        let mut compared_rows = 0;
        // Seen on a later Tuesday, nothing done since: the week under way is read from its sums.
        let later = d(2026, 12, 1);
        assert!(!store.activity_between(later + Duration::days(1), later + Duration::days(5)).unwrap());
        let seen =
            spans.iter().map(|span| (*span, today)).chain(Period::PRESETS.iter().map(|p| (Span::Preset(*p), later)));
        for (span, today) in seen {
            let expected = row_by_row(&store, span, today);
            compared_rows += expected.team.previous.by_segment.len();
            let team = load_team_comparing(&store, span, today, Compared::Breakdowns).unwrap();
            assert!(team.team.funnel.touches + team.team.previous.funnel.touches > 0, "{span:?}: activity then");
            assert_eq!(team, expected, "{span:?} on {today}");
            let pane = load_team(&store, span, today).unwrap();
            assert_eq!(pane, without_previous_breakdowns(expected), "{span:?} on {today}");
        }
        assert!(compared_rows > 0, "the days compared with have rows to match");
    }
}
