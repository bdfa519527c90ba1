//! The sums of migration 0008, kept beside the activity rows for the team view: each rep's
//! activity per week by kind, outcome and half-day (`activity_rep_week_kinds`) and by channel
//! and segment (`activity_rep_week_breakdowns`, what a rep's alerts read); the whole team's per day
//! by channel, message, segment and real chance (`activity_day_breakdowns`) and its touches by
//! hour (`activity_day_hours`). A week of the team is then a few hundred short rows read in key
//! order, where its activity rows are thousands read one by one.
//!
//! Triggers keep them in step with single writes, through the `activity_tallies` view. The bulk
//! writer, which drops the triggers, and the migration, for the rows already there, sum the
//! rows in memory with the dashboard's own rules ([`KeyFigures::of`], [`Activity::hour`]) and
//! add the sums to the tables; [`Store::sums_out_of_step`] checks that both agree.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{ToSql, Transaction, params};

use super::rows::{ACTIVITY_COLUMNS, Reps, activity, day_of, text};
use super::{Store, StoreError};
use crate::domain::activity::ActivityKind;
use crate::domain::dates::iso;
use crate::domain::ids::RepId;
use crate::domain::prospecting::{Activity, Dimension, KeyFigures};

/// Sums held in memory before they are added to the tables: a few months of a large team, few
/// enough to keep an import's memory flat.
const MAX_SUMS: usize = 100_000;

/// Keys remembered by [`TallySums::key_id`]: enough for a team's channels, messages and
/// segments, few enough to look through on every row.
const RECENT_KEYS: usize = 24;

/// Half-days of a week, Monday morning first: what `activity_rep_week_kinds` has a column for.
pub const HALF_DAYS: usize = 14;

/// A rep's week of one kind: sum(count) by outcome (in the order of
/// [`Outcome::ALL`](crate::domain::activity::Outcome::ALL)), then of the
/// rows with a time of day by half-day.
pub type KindWeek = [i64; 4 + HALF_DAYS];

/// Sums of activity rows held in memory, to be added to the tables by [`TallySums::write`].
#[derive(Default)]
pub(super) struct TallySums {
    /// The channels, messages and segments met, each once: sums name them by index.
    keys: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    /// The last few keys met and their index, looked through before `keys`: a team uses a
    /// handful of channels, messages and segments, and hashing each row's text cost more than
    /// the sums.
    recent: Vec<u32>,
    kinds: HashMap<(i64, NaiveDate, ActivityKind), KindWeek, Quick>,
    /// Per rep: by channel and segment only.
    figures: HashMap<(i64, Dimension, NaiveDate, u32), KeyFigures, Quick>,
    day_figures: HashMap<(NaiveDate, Dimension, u32), KeyFigures, Quick>,
    /// Touches per day and hour (-1: no time of day).
    hours: HashMap<(NaiveDate, i8), i64, Quick>,
    /// Whether some sums went down (a row replaced): rows may have fallen to zero.
    removed: bool,
}

/// A hasher for the numeric keys of [`TallySums`], summed a dozen times per row of a
/// million-row import: the default one, made to resist crafted keys, costs more than the sums
/// themselves. (FxHash's mixing. Text from the file keeps the default: these keys are ids,
/// dates and kinds.)
#[derive(Default, Clone, Copy)]
pub(super) struct Quick;

impl std::hash::BuildHasher for Quick {
    type Hasher = QuickHasher;

    fn build_hasher(&self) -> QuickHasher {
        QuickHasher(0)
    }
}

pub(super) struct QuickHasher(u64);

impl std::hash::Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl TallySums {
    /// Adds (`sign` 1) or takes away (-1) the activity `a` of `rep`, stored in `week`.
    pub(super) fn add(&mut self, rep: RepId, week: NaiveDate, a: &Activity<'_>, sign: i64) {
        let (n, hour) = (sign * a.count, a.hour());
        let kind = self.kinds.entry((rep.0, week, a.kind)).or_insert([0; 4 + HALF_DAYS]);
        kind[a.outcome as usize] += n;
        if let Some(hour) = hour {
            kind[4 + usize::from(a.weekday()) * 2 + usize::from(hour >= 12)] += n;
        }
        let f = KeyFigures::of(a);
        for dimension in Dimension::ALL {
            let per_rep = matches!(dimension, Dimension::Channel | Dimension::Segment);
            let id = self.key_id(a.key(*dimension));
            if per_rep {
                self.figures.entry((rep.0, *dimension, week, id)).or_default().add(&f, sign);
            }
            self.day_figures.entry((a.day, *dimension, id)).or_default().add(&f, sign);
        }
        if a.kind.is_touch() {
            *self.hours.entry((a.day, hour.map_or(-1, |h| i8::try_from(h).unwrap_or(-1)))).or_default() += n;
        }
        self.removed |= sign < 0;
    }

    /// The index of a channel, message or segment.
    fn key_id(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.recent.iter().find(|id| &*self.names[**id as usize] == key) {
            return id;
        }
        let id = if let Some(&id) = self.keys.get(key) {
            id
        } else {
            let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
            self.names.push(key.into());
            self.keys.insert(key.into(), id);
            id
        };
        if self.recent.len() < RECENT_KEYS {
            self.recent.push(id);
        }
        id
    }

    /// Writes the sums when they hold many.
    pub(super) fn write_if_large(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        let held = self.kinds.len() + self.figures.len() + self.day_figures.len() + self.hours.len();
        if held > MAX_SUMS { self.write(tx) } else { Ok(()) }
    }

    /// Adds the sums to the tables, in key order, and forgets them; rows fallen to zero go.
    pub(super) fn write(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        let mut kinds: Vec<_> = self.kinds.drain().filter(|(_, sums)| sums.iter().any(|n| *n != 0)).collect();
        kinds.sort_unstable_by_key(|(key, _)| *key);
        upsert_rows(
            tx,
            "INSERT INTO activity_rep_week_kinds (rep_id, week, kind, outcome_none, outcome_conversation,
                 outcome_meeting, outcome_opportunity, mon_am, mon_pm, tue_am, tue_pm, wed_am, wed_pm, thu_am, thu_pm, fri_am, fri_pm, sat_am, sat_pm, sun_am, sun_pm)",
            "ON CONFLICT (rep_id, week, kind) DO UPDATE SET
                 outcome_none = outcome_none + excluded.outcome_none, outcome_conversation = outcome_conversation + excluded.outcome_conversation,
                 outcome_meeting = outcome_meeting + excluded.outcome_meeting, outcome_opportunity = outcome_opportunity + excluded.outcome_opportunity,
                 mon_am = mon_am + excluded.mon_am, mon_pm = mon_pm + excluded.mon_pm,
                 tue_am = tue_am + excluded.tue_am, tue_pm = tue_pm + excluded.tue_pm,
                 wed_am = wed_am + excluded.wed_am, wed_pm = wed_pm + excluded.wed_pm,
                 thu_am = thu_am + excluded.thu_am, thu_pm = thu_pm + excluded.thu_pm,
                 fri_am = fri_am + excluded.fri_am, fri_pm = fri_pm + excluded.fri_pm,
                 sat_am = sat_am + excluded.sat_am, sat_pm = sat_pm + excluded.sat_pm,
                 sun_am = sun_am + excluded.sun_am, sun_pm = sun_pm + excluded.sun_pm",
            3 + 4 + HALF_DAYS,
            &kinds,
            |stmt, at, ((rep, week, kind), sums)| bind(stmt, at, &[rep, week, &kind.as_str()], sums),
        )?;
        let names = &self.names;
        let mut figures: Vec<_> = self.figures.drain().filter(|(_, f)| !f.is_zero()).collect();
        figures.sort_unstable_by_key(|(key, _)| *key);
        upsert_rows(
            tx,
            "INSERT INTO activity_rep_week_breakdowns
             (rep_id, dimension, week, key, touches, conversations, booked, meetings, opportunities)",
            &format!("ON CONFLICT (rep_id, dimension, week, key) DO UPDATE SET {ADD_FIGURES}"),
            4 + 5,
            &figures,
            |stmt, at, ((rep, dimension, week, key), f)| {
                bind(stmt, at, &[rep, &dimension.as_str(), week, &&*names[*key as usize]], &f.as_array())
            },
        )?;
        let mut figures: Vec<_> = self.day_figures.drain().filter(|(_, f)| !f.is_zero()).collect();
        figures.sort_unstable_by_key(|(key, _)| *key);
        upsert_rows(
            tx,
            "INSERT INTO activity_day_breakdowns (day, dimension, key, touches, conversations, booked, meetings, opportunities)",
            &format!("ON CONFLICT (day, dimension, key) DO UPDATE SET {ADD_FIGURES}"),
            3 + 5,
            &figures,
            |stmt, at, ((day, dimension, key), f)| {
                bind(stmt, at, &[day, &dimension.as_str(), &&*names[*key as usize]], &f.as_array())
            },
        )?;
        let mut hours: Vec<_> = self.hours.drain().filter(|(_, touches)| *touches != 0).collect();
        hours.sort_unstable_by_key(|(key, _)| *key);
        upsert_rows(
            tx,
            "INSERT INTO activity_day_hours (day, hour, touches)",
            "ON CONFLICT (day, hour) DO UPDATE SET touches = touches + excluded.touches",
            3,
            &hours,
            |stmt, at, ((day, hour), touches)| bind(stmt, at, &[day, hour], &[*touches]),
        )?;
        if std::mem::take(&mut self.removed) {
            tx.execute_batch(
                "DELETE FROM activity_rep_week_kinds WHERE outcome_none = 0 AND outcome_conversation = 0
                     AND outcome_meeting = 0 AND outcome_opportunity = 0;
                 DELETE FROM activity_rep_week_breakdowns WHERE touches = 0 AND meetings = 0;
                 DELETE FROM activity_day_breakdowns WHERE touches = 0 AND meetings = 0;
                 DELETE FROM activity_day_hours WHERE touches = 0;",
            )?;
        }
        Ok(())
    }
}

/// How an upsert adds a breakdown row's figures to the row already there.
const ADD_FIGURES: &str =
    "touches = touches + excluded.touches, conversations = conversations + excluded.conversations,
     booked = booked + excluded.booked, meetings = meetings + excluded.meetings,
     opportunities = opportunities + excluded.opportunities";

/// Rows per multi-row upsert: one fixed size keeps a single cached statement; the last rows of
/// a batch go one by one. A million-row import adds hundreds of thousands of sums.
const CHUNK: usize = 32;

/// Adds `rows` to a table by upsert, [`CHUNK`] rows per statement: `insert` names the table
/// and its columns, `conflict` says how a row already there grows, `width` is the columns of a
/// row and `bind` binds one row from parameter `at` on.
fn upsert_rows<T>(
    tx: &Transaction<'_>,
    insert: &str,
    conflict: &str,
    width: usize,
    rows: &[T],
    bind: impl Fn(&mut rusqlite::Statement<'_>, usize, &T) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let one = format!("({})", vec!["?"; width].join(", "));
    let full = rows.len() - rows.len() % CHUNK;
    if full > 0 {
        let mut stmt =
            tx.prepare_cached(&format!("{insert} VALUES {} {conflict}", vec![one.as_str(); CHUNK].join(", ")))?;
        for chunk in rows[..full].chunks(CHUNK) {
            for (i, row) in chunk.iter().enumerate() {
                bind(&mut stmt, 1 + i * width, row)?;
            }
            stmt.raw_execute()?;
        }
    }
    let mut stmt = tx.prepare_cached(&format!("{insert} VALUES {one} {conflict}"))?;
    for row in &rows[full..] {
        bind(&mut stmt, 1, row)?;
        stmt.raw_execute()?;
    }
    Ok(())
}

/// Binds a row of sums from parameter `at` on: its key columns, then the sums.
fn bind(stmt: &mut rusqlite::Statement<'_>, at: usize, keys: &[&dyn ToSql], sums: &[i64]) -> rusqlite::Result<()> {
    for (i, key) in keys.iter().enumerate() {
        stmt.raw_bind_parameter(at + i, key)?;
    }
    for (i, n) in sums.iter().enumerate() {
        stmt.raw_bind_parameter(at + keys.len() + i, n)?;
    }
    Ok(())
}

/// Sums every activity row into the tables: for the migration that creates them. Rows the
/// dashboard cannot read (an unknown kind, a day that is no date) are left out, as the
/// `activity_tallies` view leaves them out.
pub(super) fn count_all(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let mut sums = TallySums::default();
    // `week` first, then the columns `activity` reads.
    let mut stmt = tx.prepare(&format!("SELECT week, {ACTIVITY_COLUMNS} FROM activities"))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        if let (Some(week), Some(activity)) = (day_of(text(row, 0)?), activity(row, 2)?) {
            sums.add(RepId(row.get(1)?), week, &activity, 1);
            sums.write_if_large(tx)?;
        }
    }
    sums.write(tx)
}

/// The dimensions as an SQL list: `'channel', 'segment'`.
fn listed(dimensions: &[Dimension]) -> String {
    dimensions.iter().map(|d| format!("'{}'", d.as_str())).collect::<Vec<_>>().join(", ")
}

/// The five figures of a breakdown row, from column `at` on.
fn figures(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<KeyFigures> {
    Ok(KeyFigures {
        touches: row.get(at)?,
        conversations: row.get(at + 1)?,
        booked: row.get(at + 2)?,
        meetings: row.get(at + 3)?,
        opportunities: row.get(at + 4)?,
    })
}

/// The day of the week of a stored day, read once per run of rows of the same day.
struct Weekdays {
    last: Option<([u8; 10], u8)>,
}

impl Weekdays {
    fn of(&mut self, day: &str) -> Option<u8> {
        match self.last {
            Some((seen, weekday)) if seen.as_slice() == day.as_bytes() => Some(weekday),
            _ => {
                let weekday = day_of(day)?.weekday().num_days_from_monday() as u8;
                if let Ok(seen) = <[u8; 10]>::try_from(day.as_bytes()) {
                    self.last = Some((seen, weekday));
                }
                Some(weekday)
            }
        }
    }
}

impl Store {
    /// Whether anything at all was done from `from` to `to` (both included), by any rep.
    pub fn activity_between(&self, from: NaiveDate, to: NaiveDate) -> Result<bool, StoreError> {
        let mut stmt =
            self.conn().prepare_cached("SELECT EXISTS (SELECT 1 FROM activity_days WHERE day BETWEEN ?1 AND ?2)")?;
        Ok(stmt.query_row(params![iso(from), iso(to)], |row| row.get(0))?)
    }

    /// Calls `each` with what `reps` did of each kind in the weeks of Mondays `first` to
    /// `last`, per rep and week: sum(count) by outcome (in the order of
    /// [`Outcome::ALL`](crate::domain::activity::Outcome::ALL)), and with
    /// `half_days`, of the rows with a time of day by half-day (Monday morning first; zeros
    /// without).
    pub fn rep_week_kinds(
        &self,
        reps: Reps,
        first: NaiveDate,
        last: NaiveDate,
        half_days: bool,
        mut each: impl FnMut(RepId, NaiveDate, ActivityKind, &KindWeek),
    ) -> Result<(), StoreError> {
        let (rep, filter) = reps.sql_filter();
        let cells = if half_days {
            ", mon_am, mon_pm, tue_am, tue_pm, wed_am, wed_pm, thu_am, thu_pm, fri_am, fri_pm, sat_am, sat_pm, sun_am, sun_pm"
        } else {
            ""
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT rep_id, week, kind, outcome_none, outcome_conversation, outcome_meeting, outcome_opportunity{cells}
             FROM activity_rep_week_kinds WHERE {filter} AND week BETWEEN ?2 AND ?3"
        ))?;
        let mut rows = stmt.query(params![rep, iso(first), iso(last)])?;
        let mut week = (String::new(), first);
        let width = if half_days { 4 + HALF_DAYS } else { 4 };
        let mut sums = [0; 4 + HALF_DAYS];
        while let Some(row) = rows.next()? {
            let Some(kind) = ActivityKind::from_word(text(row, 2)?) else { continue };
            let stored = text(row, 1)?;
            if week.0 != stored {
                let Some(monday) = day_of(stored) else { continue };
                week = (stored.to_string(), monday);
            }
            for (i, sum) in sums.iter_mut().enumerate().take(width) {
                *sum = row.get(3 + i)?;
            }
            each(RepId(row.get(0)?), week.1, kind, &sums);
        }
        Ok(())
    }

    /// Calls `each` with what each key of the `dimensions` brought `reps` in the weeks of
    /// Mondays `first` to `last`, per rep and week.
    pub fn week_figures(
        &self,
        reps: Reps,
        first: NaiveDate,
        last: NaiveDate,
        dimensions: &[Dimension],
        mut each: impl FnMut(RepId, Dimension, &str, &KeyFigures),
    ) -> Result<(), StoreError> {
        let (rep, filter) = reps.sql_filter();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT rep_id, dimension, key, touches, conversations, booked, meetings, opportunities
             FROM activity_rep_week_breakdowns WHERE {filter} AND dimension IN ({}) AND week BETWEEN ?2 AND ?3",
            listed(dimensions)
        ))?;
        let mut rows = stmt.query(params![rep, iso(first), iso(last)])?;
        while let Some(row) = rows.next()? {
            if let Some(dimension) = Dimension::from_word(text(row, 1)?) {
                each(RepId(row.get(0)?), dimension, text(row, 2)?, &figures(row, 3)?);
            }
        }
        Ok(())
    }

    /// Calls `each` with what each key of the `dimensions` brought the active reps together
    /// from `from` to `to`, per day: every rep's sums, less the inactive reps' own rows
    /// (usually none in recent weeks).
    pub fn team_day_figures(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        dimensions: &[Dimension],
        mut each: impl FnMut(Dimension, &str, &KeyFigures),
    ) -> Result<(), StoreError> {
        let listed = listed(dimensions);
        let mut fold = |mut rows: rusqlite::Rows<'_>, sign: i64| -> Result<(), StoreError> {
            while let Some(row) = rows.next()? {
                if let Some(dimension) = Dimension::from_word(text(row, 0)?) {
                    let mut f = KeyFigures::default();
                    f.add(&figures(row, 2)?, sign);
                    each(dimension, text(row, 1)?, &f);
                }
            }
            Ok(())
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT dimension, key, touches, conversations, booked, meetings, opportunities
             FROM activity_day_breakdowns WHERE day BETWEEN ?1 AND ?2 AND dimension IN ({listed})"
        ))?;
        fold(stmt.query(params![iso(from), iso(to)])?, 1)?;
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT d.column1,
                    CASE d.column1 WHEN 'channel' THEN channel WHEN 'message' THEN message
                                   WHEN 'segment' THEN segment ELSE real_chance END,
                    touches, conversations, booked, meetings, opportunities
             FROM activity_tallies, (VALUES ('channel'), ('message'), ('segment'), ('real_chance')) AS d
             WHERE rep_id IN (SELECT id FROM reps WHERE active = 0) AND week BETWEEN ?1 AND ?2
               AND day BETWEEN ?3 AND ?4 AND d.column1 IN ({listed})"
        ))?;
        fold(stmt.query(params![iso(crate::domain::dates::week_of(from)), iso(to), iso(from), iso(to)])?, -1)
    }

    /// Calls `each` with the active reps' touches on each day of the week (0 = Monday) at each
    /// hour (`None`: no time of day) from `from` to `to`: every rep's sums, less the inactive
    /// reps' own rows.
    pub fn team_day_hours(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        mut each: impl FnMut(u8, Option<u8>, i64),
    ) -> Result<(), StoreError> {
        let mut weekdays = Weekdays { last: None };
        let mut fold = |mut rows: rusqlite::Rows<'_>, sign: i64| -> Result<(), StoreError> {
            while let Some(row) = rows.next()? {
                let Some(weekday) = weekdays.of(text(row, 0)?) else { continue };
                let hour = u8::try_from(row.get::<_, i64>(1)?).ok();
                each(weekday, hour, sign * row.get::<_, i64>(2)?);
            }
            Ok(())
        };
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT day, hour, touches FROM activity_day_hours WHERE day BETWEEN ?1 AND ?2")?;
        fold(stmt.query(params![iso(from), iso(to)])?, 1)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT day, hour, sum(touches) FROM activity_tallies
             WHERE rep_id IN (SELECT id FROM reps WHERE active = 0) AND week BETWEEN ?1 AND ?2
               AND day BETWEEN ?3 AND ?4 AND touches > 0
             GROUP BY day, hour",
        )?;
        fold(stmt.query(params![iso(crate::domain::dates::week_of(from)), iso(to), iso(from), iso(to)])?, -1)
    }
}

/// Each table of sums kept beside the activity rows, and the same sums counted from the rows.
const SUMS: [(&str, &str, &str); 6] = [
    (
        "activity_days",
        "SELECT day, kind, outcome, count FROM activity_days",
        "SELECT substr(occurred_at, 1, 10), kind, outcome, sum(count) FROM activities GROUP BY 1, 2, 3",
    ),
    (
        "activity_rep_weeks",
        "SELECT rep_id, week, kind, outcome, count FROM activity_rep_weeks",
        "SELECT rep_id, week, kind, outcome, sum(count) FROM activities GROUP BY 1, 2, 3, 4",
    ),
    (
        "activity_rep_week_kinds",
        "SELECT rep_id, week, kind, outcome_none, outcome_conversation, outcome_meeting, outcome_opportunity,
                mon_am, mon_pm, tue_am, tue_pm, wed_am, wed_pm, thu_am, thu_pm, fri_am, fri_pm, sat_am, sat_pm, sun_am, sun_pm
         FROM activity_rep_week_kinds",
        "SELECT rep_id, week, kind, sum(CASE outcome WHEN 'none' THEN count ELSE 0 END),
                sum(CASE outcome WHEN 'conversation' THEN count ELSE 0 END),
                sum(CASE outcome WHEN 'meeting' THEN count ELSE 0 END),
                sum(CASE outcome WHEN 'opportunity' THEN count ELSE 0 END),
                sum(CASE WHEN weekday = 0 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END), sum(CASE WHEN weekday = 0 AND hour >= 12 THEN count ELSE 0 END),
                sum(CASE WHEN weekday = 1 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END), sum(CASE WHEN weekday = 1 AND hour >= 12 THEN count ELSE 0 END),
                sum(CASE WHEN weekday = 2 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END), sum(CASE WHEN weekday = 2 AND hour >= 12 THEN count ELSE 0 END),
                sum(CASE WHEN weekday = 3 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END), sum(CASE WHEN weekday = 3 AND hour >= 12 THEN count ELSE 0 END),
                sum(CASE WHEN weekday = 4 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END), sum(CASE WHEN weekday = 4 AND hour >= 12 THEN count ELSE 0 END),
                sum(CASE WHEN weekday = 5 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END), sum(CASE WHEN weekday = 5 AND hour >= 12 THEN count ELSE 0 END),
                sum(CASE WHEN weekday = 6 AND hour BETWEEN 0 AND 11 THEN count ELSE 0 END), sum(CASE WHEN weekday = 6 AND hour >= 12 THEN count ELSE 0 END)
         FROM activity_tallies GROUP BY 1, 2, 3",
    ),
    (
        "activity_rep_week_breakdowns",
        "SELECT rep_id, dimension, week, key, touches, conversations, booked, meetings, opportunities
         FROM activity_rep_week_breakdowns",
        "SELECT rep_id, d.column1, week, CASE d.column1 WHEN 'channel' THEN channel ELSE segment END AS key,
                sum(touches), sum(conversations), sum(booked), sum(meetings), sum(opportunities)
         FROM activity_tallies, (VALUES ('channel'), ('segment')) AS d
         GROUP BY 1, 2, 3, 4",
    ),
    (
        "activity_day_breakdowns",
        "SELECT day, dimension, key, touches, conversations, booked, meetings, opportunities
         FROM activity_day_breakdowns",
        "SELECT day, d.column1,
                CASE d.column1 WHEN 'channel' THEN channel WHEN 'message' THEN message
                               WHEN 'segment' THEN segment ELSE real_chance END AS key,
                sum(touches), sum(conversations), sum(booked), sum(meetings), sum(opportunities)
         FROM activity_tallies, (VALUES ('channel'), ('message'), ('segment'), ('real_chance')) AS d
         GROUP BY 1, 2, 3",
    ),
    (
        "activity_day_hours",
        "SELECT day, hour, touches FROM activity_day_hours",
        "SELECT day, hour, sum(touches) FROM activity_tallies WHERE touches > 0 GROUP BY 1, 2",
    ),
];

impl Store {
    /// The tables of sums kept beside the activity rows (by triggers and the bulk writer)
    /// that no longer equal the sums of the rows: none, unless something wrote them by hand.
    /// Reads every row: for checks, not for the screen.
    pub fn sums_out_of_step(&self) -> Result<Vec<&'static str>, StoreError> {
        let mut out = Vec::new();
        for (table, kept, counted) in SUMS {
            let differ: i64 = self.conn().query_row(
                &format!(
                    "SELECT (SELECT count(*) FROM ({kept} EXCEPT {counted}))
                          + (SELECT count(*) FROM ({counted} EXCEPT {kept}))"
                ),
                [],
                |row| row.get(0),
            )?;
            if differ > 0 {
                out.push(table);
            }
        }
        Ok(out)
    }
}
