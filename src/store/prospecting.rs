//! What the prospecting dashboard reads and writes: activity rows for a rep or the team,
//! deals created, the team's daily totals, planned blocks and the main currency; and the
//! pane's writes (a rep's blocks, one logged activity). Targets are in `targets`.
//!
//! Reads filter on the stored `week` column so `activities_by_rep_week` does the work; the
//! team's funnel is read from `activity_days`, a few thousand rows kept by triggers, instead
//! of every activity of every rep, and the team view's whole weeks from the sums per rep and
//! week of `tallies`.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::{Row, params};

use super::bulk::{self, NewActivity};
use super::rows::{ACTIVITY_COLUMNS, activity, text};
use super::{Store, StoreError, rep_exists};
use crate::domain::activity::{ActivityCount, ActivityKind, Outcome};
use crate::domain::blocks::{Block, normalize};
use crate::domain::dates::{iso, week_of};
use crate::domain::ids::RepId;
use crate::domain::period::{DateRange, Weeks};
use crate::domain::prospecting::Activity;

/// Opportunities and pipeline amount created: one deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreatedDeal {
    pub rep: RepId,
    pub created_on: NaiveDate,
    pub amount_minor: i64,
}

/// One activity to log from the pane: an action, or a count of them ("45 calls this week"
/// is one row with `count = 45`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityInput {
    pub occurred_at: NaiveDateTime,
    pub kind: ActivityKind,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub message: Option<String>,
    pub outcome: Outcome,
    /// For meetings: did it have a real chance of conversion?
    pub qualified: Option<bool>,
    /// How many actions the row stands for, at least 1.
    pub count: i64,
}

pub use super::rows::Reps;

impl Store {
    /// Calls `each` with every activity of `reps` dated from `from` to `to` (both included).
    /// Rows of a kind this build does not know are skipped. Rows come in index order
    /// (rep, week, kind, outcome), not in time order.
    pub fn activities_between(
        &self,
        reps: Reps,
        from: NaiveDate,
        to: NaiveDate,
        mut each: impl FnMut(RepId, &Activity<'_>),
    ) -> Result<(), StoreError> {
        let (first_week, last_week) = (week_of(from), week_of(to));
        let (first, after) = (iso(from), iso(to + Duration::days(1)));
        // The index finds the weeks; SQL keeps the days (timestamps sort as text: in the range
        // when from <= ts < the day after `to`) before any row reaches here.
        let (rep, filter) = reps.sql_filter();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ACTIVITY_COLUMNS} FROM activities
             WHERE {filter} AND week BETWEEN ?2 AND ?3 AND occurred_at >= ?4 AND occurred_at < ?5"
        ))?;
        let mut rows = stmt.query(params![rep, first_week, last_week, first, after])?;
        while let Some(row) = rows.next()? {
            if let Some(activity) = activity(row, 1)? {
                each(RepId(row.get(0)?), &activity);
            }
        }
        Ok(())
    }

    /// Calls `each` with the activity of `reps` dated from `from` to `to` (both included),
    /// summed by rep, week (its Monday), kind and outcome. The weeks wholly inside the days
    /// are read from the weekly sums `activity_rep_week_kinds`: only the weeks cut by `from` or
    /// `to` read their activity rows, for their timestamps.
    pub fn activity_counts_by_week(
        &self,
        reps: Reps,
        from: NaiveDate,
        to: NaiveDate,
        mut each: impl FnMut(RepId, NaiveDate, ActivityKind, Outcome, i64),
    ) -> Result<(), StoreError> {
        let Weeks { whole, cut } = DateRange { from, to }.whole_weeks();
        if let Some((first, last)) = whole {
            self.rep_week_kinds(reps, first, last, false, |rep, week, kind, sums| {
                for (outcome, count) in Outcome::ALL.iter().zip(sums) {
                    if *count != 0 {
                        each(rep, week, kind, *outcome, *count);
                    }
                }
            })?;
        }
        let (rep, filter) = reps.sql_filter();
        for days in cut {
            let week = days.first_week();
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT rep_id, kind, outcome, sum(count) FROM activities
                 WHERE {filter} AND week = ?2 AND occurred_at >= ?3 AND occurred_at < ?4
                 GROUP BY rep_id, kind, outcome"
            ))?;
            let after = days.to + Duration::days(1);
            let mut rows = stmt.query(params![rep, iso(week), iso(days.from), iso(after)])?;
            while let Some(row) = rows.next()? {
                if let (Some(kind), Some(outcome)) =
                    (ActivityKind::from_word(text(row, 1)?), Outcome::from_word(text(row, 2)?))
                {
                    each(RepId(row.get(0)?), week, kind, outcome, row.get(3)?);
                }
            }
        }
        Ok(())
    }

    /// Deals of `reps` created from `from` to `to` (both included).
    pub fn deals_created_between(
        &self,
        reps: Reps,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<CreatedDeal>, StoreError> {
        let read = |row: &Row<'_>| {
            Ok(CreatedDeal { rep: RepId(row.get(0)?), created_on: row.get(1)?, amount_minor: row.get(2)? })
        };
        let deals = match reps {
            Reps::One(rep) => self
                .conn()
                .prepare_cached(
                    "SELECT rep_id, created_on, amount_minor FROM deals
                     WHERE rep_id = ?1 AND created_on BETWEEN ?2 AND ?3",
                )?
                .query_map(params![rep.0, from, to], read)?
                .collect::<Result<_, _>>()?,
            Reps::Active => self
                .conn()
                .prepare_cached(
                    "SELECT rep_id, created_on, amount_minor FROM deals
                     WHERE rep_id IN (SELECT id FROM reps WHERE active = 1) AND created_on BETWEEN ?1 AND ?2",
                )?
                .query_map(params![from, to], read)?
                .collect::<Result<_, _>>()?,
        };
        Ok(deals)
    }

    /// The active reps' activity summed by kind and outcome over a range, from the daily
    /// totals (which cover every rep) less the inactive reps' own rows.
    pub fn team_activity_counts(&self, range: DateRange) -> Result<Vec<ActivityCount>, StoreError> {
        let mut totals: HashMap<(ActivityKind, Outcome), i64> = HashMap::new();
        // Adds (`sign` 1) or takes away (-1) rows of kind, outcome and count.
        let mut fold = |mut rows: rusqlite::Rows<'_>, sign: i64| -> rusqlite::Result<()> {
            while let Some(row) = rows.next()? {
                if let (Some(kind), Some(outcome)) =
                    (ActivityKind::from_word(text(row, 0)?), Outcome::from_word(text(row, 1)?))
                {
                    *totals.entry((kind, outcome)).or_default() += sign * row.get::<_, i64>(2)?;
                }
            }
            Ok(())
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT kind, outcome, sum(count) FROM activity_days WHERE day BETWEEN ?1 AND ?2 GROUP BY kind, outcome",
        )?;
        fold(stmt.query(params![range.from, range.to])?, 1)?;
        // Inactive reps usually have no recent rows: this reads nothing then.
        let mut stmt = self.conn().prepare_cached(
            "SELECT kind, outcome, sum(count) FROM activities
             WHERE rep_id IN (SELECT id FROM reps WHERE active = 0) AND week BETWEEN ?1 AND ?2
               AND occurred_at >= ?3 AND occurred_at < date(?4, '+1 day')
             GROUP BY kind, outcome",
        )?;
        fold(stmt.query(params![range.first_week(), range.last_week(), range.from, range.to])?, -1)?;
        let mut counts: Vec<ActivityCount> = totals
            .into_iter()
            .filter(|(_, count)| *count != 0)
            .map(|((kind, outcome), count)| ActivityCount { kind, outcome, count })
            .collect();
        counts.sort_by_key(|c| (c.kind, c.outcome));
        Ok(counts)
    }

    /// Deals the active reps created in a range, and their amount.
    pub fn team_deals_created(&self, range: DateRange) -> Result<(i64, i64), StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT count(*), coalesce(sum(amount_minor), 0) FROM deals
             WHERE rep_id IN (SELECT id FROM reps WHERE active = 1) AND created_on BETWEEN ?1 AND ?2",
        )?;
        Ok(stmt.query_row(params![range.from, range.to], |row| Ok((row.get(0)?, row.get(1)?)))?)
    }

    /// The currency most of the deals of `reps` are in (ties: the first in alphabetical
    /// order), or `None` when they have no deal.
    pub fn main_currency(&self, reps: Reps) -> Result<Option<String>, StoreError> {
        // Grouped in `deals_by_rep_currency`'s order, so SQLite needs no sort of its own: the
        // reps' counts are added up here.
        let (rep, filter) = reps.sql_filter();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT currency, count(*) FROM deals WHERE {filter} GROUP BY rep_id, currency"
        ))?;
        let mut rows = stmt.query([rep])?;
        let mut counts: HashMap<String, i64> = HashMap::new();
        while let Some(row) = rows.next()? {
            let currency = text(row, 0)?;
            let n: i64 = row.get(1)?;
            match counts.get_mut(currency) {
                Some(count) => *count += n,
                None => {
                    counts.insert(currency.to_string(), n);
                }
            }
        }
        Ok(counts.into_iter().max_by(|(a, m), (b, n)| m.cmp(n).then_with(|| b.cmp(a))).map(|(currency, _)| currency))
    }

    /// A rep's planned blocks, by day and hour.
    pub fn blocks(&self, rep: RepId) -> Result<Vec<Block>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT weekday, start_hour, end_hour FROM planned_blocks WHERE rep_id = ?1 ORDER BY weekday, start_hour",
        )?;
        let rows =
            stmt.query_map([rep.0], |row| Ok(Block { weekday: row.get(0)?, start: row.get(1)?, end: row.get(2)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every rep's planned blocks (reps without any are absent).
    pub fn all_blocks(&self) -> Result<HashMap<RepId, Vec<Block>>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT rep_id, weekday, start_hour, end_hour FROM planned_blocks ORDER BY rep_id, weekday, start_hour",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: HashMap<RepId, Vec<Block>> = HashMap::new();
        while let Some(row) = rows.next()? {
            out.entry(RepId(row.get(0)?)).or_default().push(Block {
                weekday: row.get(1)?,
                start: row.get(2)?,
                end: row.get(3)?,
            });
        }
        Ok(out)
    }

    /// Replaces all of a rep's planned blocks (none clears them). Overlapping or touching
    /// blocks of a day are merged first.
    pub fn set_blocks(&mut self, rep: RepId, blocks: &[Block]) -> Result<(), StoreError> {
        let blocks = checked_blocks(blocks)?;
        self.try_write(|tx| {
            rep_exists(tx, rep)?;
            Ok(replace_blocks(tx, rep, &blocks)?)
        })
    }

    /// Logs one activity, or a count of them, and returns its row id.
    pub fn log_activity(&mut self, rep: RepId, input: &ActivityInput) -> Result<i64, StoreError> {
        if input.count < 1 {
            return Err(StoreError::Refused(format!("a count is at least 1, not {}", input.count)));
        }
        let clean =
            |text: &Option<String>| text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
        let (channel, segment, message) = (clean(&input.channel), clean(&input.segment), clean(&input.message));
        self.try_write(|tx| {
            rep_exists(tx, rep)?;
            bulk::insert_activity(
                tx,
                &NewActivity {
                    rep,
                    occurred_at: input.occurred_at,
                    kind: input.kind,
                    channel: channel.as_deref(),
                    segment: segment.as_deref(),
                    message: message.as_deref(),
                    outcome: input.outcome,
                    count: input.count,
                    deal: None,
                    qualified: input.qualified,
                },
            )?;
            Ok(tx.last_insert_rowid())
        })
    }
}

/// Blocks as [`Store::set_blocks`] writes them, merged, or why they cannot be.
pub(super) fn checked_blocks(blocks: &[Block]) -> Result<Vec<Block>, StoreError> {
    if let Some(bad) = blocks.iter().find(|b| b.weekday > 6 || b.start >= b.end || b.end > 24) {
        return Err(StoreError::Refused(format!(
            "a block is a day 0-6 and hours start < end <= 24, not {}: {}-{}",
            bad.weekday, bad.start, bad.end
        )));
    }
    Ok(normalize(blocks.to_vec()))
}

/// Writes `blocks` (checked) as all of the rep's planned blocks.
pub(super) fn replace_blocks(tx: &rusqlite::Transaction<'_>, rep: RepId, blocks: &[Block]) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM planned_blocks WHERE rep_id = ?1")?.execute([rep.0])?;
    for block in blocks {
        bulk::insert_block(tx, rep, *block)?;
    }
    Ok(())
}
