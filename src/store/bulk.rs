//! Inserts used by the demo generator, the `add` commands and the app's writes. Each
//! function takes the caller's transaction, so a whole batch is written at once or not at all.

use std::collections::{BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{OptionalExtension, Transaction, params};

use super::tallies::{Quick, TallySums};
use super::time::timestamp;
use crate::domain::activity::{ActivityKind, Outcome};
use crate::domain::blocks::Block;
use crate::domain::change::DealField;
use crate::domain::commitment::{CommitmentStatus, Owner};
use crate::domain::dates::{iso, week_of};
use crate::domain::deal::{DealStatus, Forecast};
use crate::domain::hypothesis::{HypothesisStatus, Topic};
use crate::domain::ids::{CommitmentId, DealId, HypothesisId, RepId, ReviewId};
use crate::domain::metrics::TargetKind;
use crate::domain::prospecting::Activity;
use crate::domain::review::{LedBy, ReviewKind, ReviewStatus};
use crate::domain::target_history::SINCE_ALWAYS;

pub struct NewRep<'a> {
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub manager: Option<&'a str>,
    pub team: Option<&'a str>,
}

pub fn insert_rep(tx: &Transaction<'_>, rep: &NewRep<'_>) -> rusqlite::Result<RepId> {
    tx.prepare_cached("INSERT INTO reps (name, email, active, manager, team) VALUES (?1, ?2, 1, ?3, ?4)")?
        .execute(params![rep.name, rep.email, rep.manager, rep.team])?;
    Ok(RepId(tx.last_insert_rowid()))
}

/// Sets a rep's weekly target of one kind (None: removes it) on `today`, keeping its history:
/// the change applies from the Monday of `today`'s week and the weeks before keep the target
/// they had. A rep's first target of a kind applies to the weeks before too: they had none to
/// keep, and a target given on the first day would otherwise make every longer period look
/// overachieved. A row written this week (the form saves as it is typed: "5", then "50") is
/// corrected in place rather than followed, so a first target typed in two goes stays the
/// rep's target since always. `targets` is kept in step: it holds the targets in force now.
pub fn set_target(
    tx: &Transaction<'_>,
    rep: RepId,
    kind: TargetKind,
    per_week: Option<i64>,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    let week = week_of(today);
    let (rep_id, word) = (rep.0, kind.as_str());
    // The row in force this week: its Monday, its target, the day it was written.
    let latest: Option<(NaiveDate, Option<i64>, Option<NaiveDate>)> = tx
        .prepare_cached(
            "SELECT from_week, per_week, set_on FROM target_history WHERE rep_id = ?1 AND kind = ?2 AND from_week <= ?3
             ORDER BY from_week DESC LIMIT 1",
        )?
        .query_row(params![rep_id, word, week], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?;
    match latest {
        Some((from_week, _, set_on)) if from_week == week || set_on.is_some_and(|day| week_of(day) == week) => {
            let before: Option<i64> = tx
                .prepare_cached(
                    "SELECT per_week FROM target_history WHERE rep_id = ?1 AND kind = ?2 AND from_week < ?3
                     ORDER BY from_week DESC LIMIT 1",
                )?
                .query_row(params![rep_id, word, from_week], |row| row.get(0))
                .optional()?
                .flatten();
            if before == per_week {
                // Back to what the weeks before have: the row would only repeat it.
                tx.prepare_cached("DELETE FROM target_history WHERE rep_id = ?1 AND kind = ?2 AND from_week = ?3")?
                    .execute(params![rep_id, word, from_week])?;
            } else {
                tx.prepare_cached(
                    "UPDATE target_history SET per_week = ?4, set_on = ?5 WHERE rep_id = ?1 AND kind = ?2 AND from_week = ?3",
                )?
                .execute(params![rep_id, word, from_week, per_week, today])?;
            }
        }
        _ if latest.and_then(|(_, in_force, _)| in_force) == per_week => {}
        latest => {
            let from_week = if latest.is_some() { week } else { SINCE_ALWAYS };
            tx.prepare_cached(
                "INSERT INTO target_history (rep_id, kind, from_week, per_week, set_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![rep_id, word, from_week, per_week, today])?;
        }
    }
    match per_week {
        Some(per_week) => {
            tx.prepare_cached(
                "INSERT INTO targets (rep_id, kind, per_week) VALUES (?1, ?2, ?3)
                 ON CONFLICT (rep_id, kind) DO UPDATE SET per_week = excluded.per_week",
            )?
            .execute(params![rep_id, word, per_week])?;
        }
        None => {
            tx.prepare_cached("DELETE FROM targets WHERE rep_id = ?1 AND kind = ?2")?.execute(params![rep_id, word])?;
        }
    }
    Ok(())
}

/// A rep's weekly target of one kind in force since always, as if set long before anyone
/// looked (the demo's team, written in one go): a history row from [`SINCE_ALWAYS`] that no
/// later edit corrects in place, and the target in force now. For a rep with no target of
/// that kind yet; [`set_target`] is the way to change one.
pub fn set_standing_target(tx: &Transaction<'_>, rep: RepId, kind: TargetKind, per_week: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO target_history (rep_id, kind, from_week, per_week, set_on) VALUES (?1, ?2, ?3, ?4, NULL)
         ON CONFLICT (rep_id, kind, from_week) DO UPDATE SET per_week = excluded.per_week, set_on = NULL",
    )?
    .execute(params![rep.0, kind.as_str(), SINCE_ALWAYS, per_week])?;
    tx.prepare_cached(
        "INSERT INTO targets (rep_id, kind, per_week) VALUES (?1, ?2, ?3)
         ON CONFLICT (rep_id, kind) DO UPDATE SET per_week = excluded.per_week",
    )?
    .execute(params![rep.0, kind.as_str(), per_week])?;
    Ok(())
}

/// One planned prospecting block of a rep.
pub fn insert_block(tx: &Transaction<'_>, rep: RepId, block: Block) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO planned_blocks (rep_id, weekday, start_hour, end_hour) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![rep.0, block.weekday, block.start, block.end])?;
    Ok(())
}

pub struct NewDeal<'a> {
    pub external_id: Option<&'a str>,
    pub rep: RepId,
    pub account: &'a str,
    pub name: &'a str,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub stage: &'a str,
    pub stage_entered_on: NaiveDate,
    pub close_on: Option<NaiveDate>,
    pub forecast: Forecast,
    pub sponsor_name: Option<&'a str>,
    pub sponsor_role: Option<&'a str>,
    pub next_step: Option<&'a str>,
    pub next_step_on: Option<NaiveDate>,
    pub source_channel: Option<&'a str>,
    pub segment: Option<&'a str>,
    pub status: DealStatus,
    pub created_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

pub fn insert_deal(tx: &Transaction<'_>, d: &NewDeal<'_>) -> rusqlite::Result<DealId> {
    tx.prepare_cached(
        "INSERT INTO deals (external_id, rep_id, account, name, amount_minor, currency, stage,
            stage_entered_on, close_on, forecast, sponsor_name, sponsor_role, next_step, next_step_on,
            source_channel, segment, status, created_on, closed_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?
    .execute(params![
        d.external_id,
        d.rep.0,
        d.account,
        d.name,
        d.amount_minor,
        d.currency,
        d.stage,
        d.stage_entered_on,
        d.close_on,
        d.forecast.as_str(),
        d.sponsor_name,
        d.sponsor_role,
        d.next_step,
        d.next_step_on,
        d.source_channel,
        d.segment,
        d.status.as_str(),
        d.created_on,
        d.closed_on,
    ])?;
    Ok(DealId(tx.last_insert_rowid()))
}

pub fn insert_stage_entry(
    tx: &Transaction<'_>,
    deal: DealId,
    stage: &str,
    entered_on: NaiveDate,
) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO stage_history (deal_id, stage, entered_on) VALUES (?1, ?2, ?3)")?
        .execute(params![deal.0, stage, entered_on])?;
    Ok(())
}

pub struct NewCriterionCheck<'a> {
    pub deal: DealId,
    pub stage: &'a str,
    pub criterion: &'a str,
    pub criterion_text: &'a str,
    pub validated_on: NaiveDate,
    pub evidence: &'a str,
}

pub fn insert_criterion_check(tx: &Transaction<'_>, c: &NewCriterionCheck<'_>) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO criteria_checks (deal_id, stage, criterion, criterion_text, validated_on, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![c.deal.0, c.stage, c.criterion, c.criterion_text, c.validated_on, c.evidence])?;
    Ok(())
}

pub struct NewActivity<'a> {
    pub rep: RepId,
    pub occurred_at: NaiveDateTime,
    pub kind: ActivityKind,
    pub channel: Option<&'a str>,
    pub segment: Option<&'a str>,
    pub message: Option<&'a str>,
    pub outcome: Outcome,
    pub count: i64,
    pub deal: Option<DealId>,
    pub qualified: Option<bool>,
}

pub fn insert_activity(tx: &Transaction<'_>, a: &NewActivity<'_>) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO activities (rep_id, occurred_at, week, kind, channel, segment, message, outcome, count, deal_id, qualified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        a.rep.0,
        timestamp(a.occurred_at),
        week_of(a.occurred_at.date()),
        a.kind.as_str(),
        a.channel,
        a.segment,
        a.message,
        a.outcome.as_str(),
        a.count,
        a.deal.map(|d| d.0),
        a.qualified,
    ])?;
    Ok(())
}

/// An activity whose `occurred_at` and `week` columns are already formatted, for writers of
/// millions of rows (the demo generator) that format each day once instead of once per row.
pub struct FormattedActivity<'a> {
    pub activity: NewActivity<'a>,
    /// `activity.occurred_at` as stored: 'YYYY-MM-DDTHH:MM:SS'.
    pub occurred_at: &'a str,
    /// The Monday of its week: 'YYYY-MM-DD'.
    pub week: &'a str,
    /// Its id in the file it was imported from, `source:id`.
    pub external_id: Option<&'a str>,
}

/// Rows per multi-row INSERT. One fixed size keeps a single cached statement; the last
/// rows of a batch go one by one.
const ACTIVITY_CHUNK: usize = 32;
const ACTIVITY_COLUMNS: usize = 12;

/// Inserts activities, many rows per statement: with formatting done once per day, this
/// writes a million rows in about half the time of one `insert_activity` per row.
/// Debug builds check that the formatted columns match `occurred_at`.
pub fn insert_activities_formatted(tx: &Transaction<'_>, rows: &[FormattedActivity<'_>]) -> rusqlite::Result<()> {
    insert_rows(tx, rows, "INSERT").map(|_| ())
}

/// Inserts rows as [`insert_activities_formatted`] does, except those whose `external_id`
/// is already stored (or on an earlier row): their indices are returned, in order.
pub fn insert_activities_new(tx: &Transaction<'_>, rows: &[FormattedActivity<'_>]) -> rusqlite::Result<Vec<usize>> {
    insert_rows(tx, rows, "INSERT OR IGNORE")
}

fn insert_rows(tx: &Transaction<'_>, rows: &[FormattedActivity<'_>], verb: &str) -> rusqlite::Result<Vec<usize>> {
    let insert = format!(
        "{verb} INTO activities (rep_id, occurred_at, week, kind, channel, segment, message, outcome, \
         count, deal_id, qualified, external_id) VALUES "
    );
    let values = "(?,?,?,?,?,?,?,?,?,?,?,?)";
    let mut ignored = Vec::new();
    let mut run = |stmt: &mut rusqlite::Statement<'_>, at: usize, chunk: &[FormattedActivity<'_>]| {
        for (i, row) in chunk.iter().enumerate() {
            bind_activity(stmt, i * ACTIVITY_COLUMNS, row)?;
        }
        let written = stmt.raw_execute()?;
        if written < chunk.len() {
            // Rare: some rows' ids were there. The written ones are the newest rows.
            let stored: std::collections::HashSet<String> = tx
                .prepare_cached("SELECT external_id FROM activities ORDER BY id DESC LIMIT ?1")?
                .query_map([i64::try_from(written).unwrap_or(i64::MAX)], |r| r.get::<_, Option<String>>(0))?
                .filter_map(Result::transpose)
                .collect::<rusqlite::Result<_>>()?;
            let mut taken = std::collections::HashSet::new();
            for (i, row) in chunk.iter().enumerate() {
                // Of two rows with one id in the chunk, the first was written.
                let id = row.external_id.unwrap_or_default();
                if !(stored.contains(id) && taken.insert(id)) {
                    ignored.push(at + i);
                }
            }
        }
        Ok::<(), rusqlite::Error>(())
    };
    let full = rows.len() - rows.len() % ACTIVITY_CHUNK;
    if full > 0 {
        let sql = format!("{insert}{}", vec![values; ACTIVITY_CHUNK].join(","));
        let mut stmt = tx.prepare_cached(&sql)?;
        for (k, chunk) in rows[..full].chunks(ACTIVITY_CHUNK).enumerate() {
            run(&mut stmt, k * ACTIVITY_CHUNK, chunk)?;
        }
    }
    let mut stmt = tx.prepare_cached(&format!("{insert}{values}"))?;
    for (i, row) in rows[full..].iter().enumerate() {
        run(&mut stmt, full + i, std::slice::from_ref(row))?;
    }
    Ok(ignored)
}

/// Runs `f` with a writer of activities in bulk: the triggers that keep `activity_days` (and
/// the weekly sums, `activity_rep_weeks` and the week tallies) in step are dropped meanwhile (they cost more than the insert itself on a million rows),
/// the writer sums the rows per day, kind and outcome in memory, and the totals are added to
/// `activity_days` at the end, before the triggers are created again from their own SQL.
/// All in the caller's transaction: if `f` fails, the caller rolls everything back
/// (as `Store::write` does), triggers included.
pub fn bulk_activities<T, E: From<rusqlite::Error>>(
    tx: &Transaction<'_>,
    f: impl FnOnce(&mut ActivityBatches<'_, '_>) -> Result<T, E>,
) -> Result<T, E> {
    let triggers: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_master
             WHERE type = 'trigger' AND tbl_name = 'activities' AND name LIKE 'activity_days_%' ORDER BY name",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &triggers {
        tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    let mut batches = ActivityBatches {
        tx,
        totals: HashMap::default(),
        removed: false,
        weeks: BTreeSet::new(),
        tallies: TallySums::default(),
    };
    let value = f(&mut batches)?;
    batches.write_totals()?;
    for (_, sql) in &triggers {
        tx.execute_batch(sql)?;
    }
    Ok(value)
}

/// Writes activities for [`bulk_activities`], keeping their daily totals.
pub struct ActivityBatches<'a, 'tx> {
    tx: &'a Transaction<'tx>,
    totals: HashMap<(NaiveDate, ActivityKind, Outcome), i64, Quick>,
    /// Whether some totals went down (an updated row): days may have fallen to zero.
    removed: bool,
    /// The weeks written to, whose per-rep totals are counted again at the end.
    weeks: BTreeSet<NaiveDate>,
    tallies: TallySums,
}

impl ActivityBatches<'_, '_> {
    /// Inserts rows as [`insert_activities_formatted`] does, and adds them to the day totals.
    pub fn insert(&mut self, rows: &[FormattedActivity<'_>]) -> rusqlite::Result<()> {
        insert_activities_formatted(self.tx, rows)?;
        for row in rows {
            self.count(&row.activity, 1);
        }
        self.tallies.write_if_large(self.tx)
    }

    /// Inserts the rows whose `external_id` is not stored yet, adds them to the day totals,
    /// and returns the indices of the others.
    pub fn insert_new(&mut self, rows: &[FormattedActivity<'_>]) -> rusqlite::Result<Vec<usize>> {
        let ignored = insert_activities_new(self.tx, rows)?;
        let mut skip = ignored.iter().peekable();
        for (i, row) in rows.iter().enumerate() {
            if skip.next_if_eq(&&i).is_none() {
                self.count(&row.activity, 1);
            }
        }
        self.tallies.write_if_large(self.tx)?;
        Ok(ignored)
    }

    /// Adds (`sign` 1) or takes away (-1) a row in the sums kept beside the rows.
    fn count(&mut self, a: &NewActivity<'_>, sign: i64) {
        let day = a.occurred_at.date();
        *self.totals.entry((day, a.kind, a.outcome)).or_default() += sign * a.count;
        let week = week_of(day);
        if self.weeks.last() != Some(&week) {
            self.weeks.insert(week);
        }
        let activity = Activity {
            day,
            clock: Some(a.occurred_at.time().num_seconds_from_midnight()),
            kind: a.kind,
            channel: a.channel.unwrap_or(""),
            segment: a.segment.unwrap_or(""),
            message: a.message.unwrap_or(""),
            outcome: a.outcome,
            count: a.count,
            qualified: a.qualified,
        };
        self.tallies.add(a.rep, week, &activity, sign);
        self.removed |= sign < 0;
    }

    /// The transaction the rows go into, for the caller's own reads.
    pub fn tx(&self) -> &Transaction<'_> {
        self.tx
    }

    /// Replaces the stored row `id`, which was `old` of `old_rep`, by `row`, moving what it
    /// counted in the sums.
    pub fn update(
        &mut self,
        id: i64,
        old_rep: RepId,
        old: &Activity<'_>,
        row: &FormattedActivity<'_>,
    ) -> rusqlite::Result<()> {
        let a = &row.activity;
        self.tx
            .prepare_cached(
                "UPDATE activities SET rep_id = ?1, occurred_at = ?2, week = ?3, kind = ?4, channel = ?5, segment = ?6,
                 message = ?7, outcome = ?8, count = ?9, deal_id = ?10, qualified = ?11 WHERE id = ?12",
            )?
            .execute(params![
                a.rep.0,
                row.occurred_at,
                row.week,
                a.kind.as_str(),
                a.channel,
                a.segment,
                a.message,
                a.outcome.as_str(),
                a.count,
                a.deal.map(|d| d.0),
                a.qualified,
                id
            ])?;
        *self.totals.entry((old.day, old.kind, old.outcome)).or_default() -= old.count;
        let week = week_of(old.day);
        self.weeks.insert(week);
        self.tallies.add(old_rep, week, old, -1);
        self.removed = true;
        self.count(a, 1);
        Ok(())
    }

    fn write_totals(self) -> rusqlite::Result<()> {
        let mut totals: Vec<_> = self.totals.into_iter().collect();
        totals.sort_unstable();
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO activity_days (day, kind, outcome, count) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (day, kind, outcome) DO UPDATE SET count = count + excluded.count",
        )?;
        for ((day, kind, outcome), count) in totals {
            if count != 0 {
                stmt.execute(params![day, kind.as_str(), outcome.as_str(), count])?;
            }
        }
        if self.removed {
            self.tx.execute("DELETE FROM activity_days WHERE count <= 0", [])?;
        }
        recount_rep_weeks(self.tx, &self.weeks)?;
        let mut tallies = self.tallies;
        tallies.write(self.tx)
    }
}

fn bind_activity(stmt: &mut rusqlite::Statement<'_>, at: usize, row: &FormattedActivity<'_>) -> rusqlite::Result<()> {
    let a = &row.activity;
    debug_assert_eq!(row.occurred_at, timestamp(a.occurred_at));
    debug_assert_eq!(row.week, iso(week_of(a.occurred_at.date())));
    stmt.raw_bind_parameter(at + 1, a.rep.0)?;
    stmt.raw_bind_parameter(at + 2, row.occurred_at)?;
    stmt.raw_bind_parameter(at + 3, row.week)?;
    stmt.raw_bind_parameter(at + 4, a.kind.as_str())?;
    stmt.raw_bind_parameter(at + 5, a.channel)?;
    stmt.raw_bind_parameter(at + 6, a.segment)?;
    stmt.raw_bind_parameter(at + 7, a.message)?;
    stmt.raw_bind_parameter(at + 8, a.outcome.as_str())?;
    stmt.raw_bind_parameter(at + 9, a.count)?;
    stmt.raw_bind_parameter(at + 10, a.deal.map(|d| d.0))?;
    stmt.raw_bind_parameter(at + 11, a.qualified)?;
    stmt.raw_bind_parameter(at + 12, row.external_id)?;
    Ok(())
}

pub struct NewReview {
    pub kind: ReviewKind,
    pub rep: RepId,
    pub held_on: NaiveDate,
    pub led_by: LedBy,
    pub status: ReviewStatus,
    pub opened_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

pub fn insert_review(tx: &Transaction<'_>, r: &NewReview) -> rusqlite::Result<ReviewId> {
    tx.prepare_cached(
        "INSERT INTO reviews (kind, rep_id, held_on, led_by, status, opened_at, closed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        r.kind.as_str(),
        r.rep.0,
        r.held_on,
        r.led_by.as_str(),
        r.status.as_str(),
        timestamp(r.opened_at),
        r.closed_at.map(timestamp),
    ])?;
    Ok(ReviewId(tx.last_insert_rowid()))
}

pub fn insert_answer(
    tx: &Transaction<'_>,
    review: ReviewId,
    deal: Option<DealId>,
    question_id: &str,
    question_text: &str,
    answer: &str,
    at: NaiveDateTime,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO answers (review_id, deal_id, question_id, question_text, answer, answered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![review.0, deal.map(|d| d.0), question_id, question_text, answer, timestamp(at)])?;
    Ok(())
}

pub struct NewCommitment<'a> {
    pub deal: Option<DealId>,
    pub rep: RepId,
    pub owner: Owner,
    pub what: &'a str,
    pub due_on: Option<NaiveDate>,
    pub status: CommitmentStatus,
    pub made_in: Option<ReviewId>,
    pub settled_in: Option<ReviewId>,
    pub settled_on: Option<NaiveDate>,
    pub note: &'a str,
    pub created_on: Option<NaiveDate>,
}

pub fn insert_commitment(tx: &Transaction<'_>, c: &NewCommitment<'_>) -> rusqlite::Result<CommitmentId> {
    tx.prepare_cached(
        "INSERT INTO commitments (deal_id, rep_id, owner, what, due_on, status, made_in_review,
            settled_in_review, settled_on, note, created_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        c.deal.map(|d| d.0),
        c.rep.0,
        c.owner.as_str(),
        c.what,
        c.due_on,
        c.status.as_str(),
        c.made_in.map(|r| r.0),
        c.settled_in.map(|r| r.0),
        c.settled_on,
        c.note,
        c.created_on,
    ])?;
    Ok(CommitmentId(tx.last_insert_rowid()))
}

pub fn insert_skill_rating(
    tx: &Transaction<'_>,
    review: ReviewId,
    skill_id: &str,
    score: i64,
    note: &str,
) -> rusqlite::Result<()> {
    tx.prepare_cached("INSERT INTO skill_ratings (review_id, skill_id, score, note) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![review.0, skill_id, score, note])?;
    Ok(())
}

pub struct NewHypothesis<'a> {
    pub deal: DealId,
    pub rep: RepId,
    pub topic: Topic,
    pub statement: &'a str,
    pub test_plan: &'a str,
    pub test_by: Option<NaiveDate>,
    pub status: HypothesisStatus,
    pub result: &'a str,
    pub made_in: Option<ReviewId>,
    pub settled_in: Option<ReviewId>,
    pub created_on: NaiveDate,
    pub settled_on: Option<NaiveDate>,
}

pub fn insert_hypothesis(tx: &Transaction<'_>, h: &NewHypothesis<'_>) -> rusqlite::Result<HypothesisId> {
    tx.prepare_cached(
        "INSERT INTO hypotheses (deal_id, rep_id, topic, statement, test_plan, test_by, status, result,
            made_in_review, settled_in_review, created_on, settled_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        h.deal.0,
        h.rep.0,
        h.topic.as_str(),
        h.statement,
        h.test_plan,
        h.test_by,
        h.status.as_str(),
        h.result,
        h.made_in.map(|r| r.0),
        h.settled_in.map(|r| r.0),
        h.created_on,
        h.settled_on,
    ])?;
    Ok(HypothesisId(tx.last_insert_rowid()))
}

pub struct NewVerdict<'a> {
    pub review: ReviewId,
    pub deal: DealId,
    pub rep_forecast: Forecast,
    pub forecast: Forecast,
    pub comment: &'a str,
    pub confidence: Option<u8>,
    pub next_step: Option<&'a str>,
    pub next_step_on: Option<NaiveDate>,
    pub stage_from: &'a str,
    pub stage_to: &'a str,
    pub decided_at: NaiveDateTime,
}

pub fn insert_verdict(tx: &Transaction<'_>, v: &NewVerdict<'_>) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO verdicts (review_id, deal_id, rep_forecast, forecast, comment, confidence, next_step,
            next_step_on, stage_from, stage_to, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        v.review.0,
        v.deal.0,
        v.rep_forecast.as_str(),
        v.forecast.as_str(),
        v.comment,
        v.confidence,
        v.next_step,
        v.next_step_on,
        v.stage_from,
        v.stage_to,
        timestamp(v.decided_at),
    ])?;
    Ok(())
}

pub fn insert_criterion_note(
    tx: &Transaction<'_>,
    review: ReviewId,
    deal: DealId,
    stage: &str,
    criterion: &str,
    note: &str,
    at: NaiveDateTime,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO criterion_notes (review_id, deal_id, stage, criterion, note, noted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![review.0, deal.0, stage, criterion, note, timestamp(at)])?;
    Ok(())
}

/// A change of one of a deal's facts; values as stored text (ISO dates, minor units),
/// `changed_at` already formatted as a timestamp.
pub fn insert_deal_change(
    tx: &Transaction<'_>,
    deal: DealId,
    field: DealField,
    old_value: Option<&str>,
    new_value: Option<&str>,
    changed_at: &str,
    review: Option<ReviewId>,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO deal_changes (deal_id, field, old_value, new_value, changed_at, review_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![deal.0, field.as_str(), old_value, new_value, changed_at, review.map(|r| r.0)])?;
    Ok(())
}

/// Counts again, from the rows, every rep's totals of the `weeks` in `activity_rep_weeks`:
/// for the bulk writer, which writes the rows with the triggers dropped.
fn recount_rep_weeks(tx: &rusqlite::Transaction<'_>, weeks: &BTreeSet<NaiveDate>) -> rusqlite::Result<()> {
    // Every row's rep is in `reps`: naming them lets both statements seek by (rep, week).
    let mut clear =
        tx.prepare_cached("DELETE FROM activity_rep_weeks WHERE rep_id IN (SELECT id FROM reps) AND week = ?1")?;
    let mut count = tx.prepare_cached(
        "INSERT INTO activity_rep_weeks (rep_id, week, kind, outcome, count)
         SELECT rep_id, week, kind, outcome, sum(count) FROM activities
         WHERE rep_id IN (SELECT id FROM reps) AND week = ?1 GROUP BY rep_id, week, kind, outcome",
    )?;
    for week in weeks {
        let week = iso(*week);
        clear.execute([&week])?;
        count.execute([&week])?;
    }
    Ok(())
}
