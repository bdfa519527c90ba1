//! Everything the deal challenge shows for one rep — the deal list, the card and the
//! script — read in a fixed number of queries, whatever the number of deals: each query
//! starts from the rep's open deals (`deals_by_rep_status`) and joins one table through its
//! by-deal index. Nothing here runs once per deal.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Row, params};

use super::deals::{COMMITMENT_COLUMNS, CriterionCheck, check_from_row, commitment_from_row};
use super::{Store, StoreError, word};
use crate::domain::change::{DealChange, DealField, StageEntry};
use crate::domain::commitment::Commitment;
use crate::domain::deal::{Deal, Forecast};
use crate::domain::hypothesis::{Hypothesis, HypothesisStatus, Topic};
use crate::domain::ids::{DealId, HypothesisId, RepId, ReviewId};
use crate::domain::verdict::Verdict;

/// Why an exit criterion is not validated yet, as said in a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionNote {
    pub deal_id: DealId,
    pub stage: String,
    pub criterion: String,
    pub note: String,
    /// The review it was said in, and the day that review was held.
    pub review_id: ReviewId,
    pub held_on: NaiveDate,
    pub noted_at: NaiveDateTime,
}

/// What the deal challenge shows for one rep. Every list covers the rep's open deals only and,
/// but `deals`, is sorted by deal id first: `*_of(deal)` give one deal's rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChallengeData {
    /// The rep's open deals, oldest in their stage first.
    pub deals: Vec<Deal>,
    /// Commitments on those deals, in every status, by deal then soonest due (undated last).
    pub commitments: Vec<Commitment>,
    /// Hypotheses on those deals, in every status, by deal then in the order they were made.
    pub hypotheses: Vec<Hypothesis>,
    /// Validated exit criteria of every stage, by deal then validation day.
    pub checks: Vec<(DealId, CriterionCheck)>,
    /// The latest note per deal, stage and criterion, from any review (the open one included).
    pub criterion_notes: Vec<CriterionNote>,
    /// Recorded fact changes, by deal then oldest first.
    pub changes: Vec<DealChange>,
    /// Stage entries, by deal then oldest first.
    pub stage_history: Vec<StageEntry>,
    /// The day of the latest closed, manager-led transformation review that has an answer or
    /// a verdict for the deal. Open reviews and the rep's own preps do not count.
    pub last_review: HashMap<DealId, NaiveDate>,
    /// The deal's verdict in the latest closed, manager-led transformation review that gave one.
    pub last_verdict: HashMap<DealId, Verdict>,
    /// The deal's verdict in the rep's open manager-led transformation review (today's
    /// challenge), so going back to it shows what was decided.
    pub open_verdicts: HashMap<DealId, Verdict>,
}

impl ChallengeData {
    /// The deal's commitments (every status), soonest due first.
    pub fn commitments_of(&self, deal: DealId) -> &[Commitment] {
        of_deal(&self.commitments, deal, |c| c.deal_id.unwrap_or(DealId(0)))
    }

    /// The deal's hypotheses (every status), in the order they were made.
    pub fn hypotheses_of(&self, deal: DealId) -> &[Hypothesis] {
        of_deal(&self.hypotheses, deal, |h| h.deal_id)
    }

    /// The deal's validated criteria, in every stage.
    pub fn checks_of(&self, deal: DealId) -> &[(DealId, CriterionCheck)] {
        of_deal(&self.checks, deal, |(d, _)| *d)
    }

    /// The latest note on each of the deal's criteria.
    pub fn criterion_notes_of(&self, deal: DealId) -> &[CriterionNote] {
        of_deal(&self.criterion_notes, deal, |n| n.deal_id)
    }

    /// The deal's recorded fact changes, oldest first.
    pub fn changes_of(&self, deal: DealId) -> &[DealChange] {
        of_deal(&self.changes, deal, |c| c.deal_id)
    }

    /// The stages the deal went through, oldest first.
    pub fn stage_history_of(&self, deal: DealId) -> &[StageEntry] {
        of_deal(&self.stage_history, deal, |e| e.deal_id)
    }
}

/// The run of one deal's rows in a list sorted by deal (as every list above is): two binary
/// searches, so a screen can ask on each frame.
fn of_deal<T>(items: &[T], deal: DealId, key: impl Fn(&T) -> DealId) -> &[T] {
    let start = items.partition_point(|item| key(item) < deal);
    let end = start + items[start..].partition_point(|item| key(item) == deal);
    &items[start..end]
}

/// The rep's open deals (the rep is parameter `?1`), as the source every query below joins
/// from: "for the rep's open deals, join X".
const OPEN_DEALS: &str = "(SELECT id FROM deals WHERE rep_id = ?1 AND status = 'open') d";

/// Reviews whose answers and verdicts are a deal's history.
const PAST_REVIEW: &str = "r.status = 'closed' AND r.led_by = 'manager' AND r.kind = 'transformation'";

/// The challenge under way.
const OPEN_REVIEW: &str = "r.status = 'open' AND r.led_by = 'manager' AND r.kind = 'transformation'";

impl Store {
    /// Everything the deal list, card and script show for one rep, in ten queries.
    pub fn challenge_data(&self, rep: RepId) -> Result<ChallengeData, StoreError> {
        let deals = self.open_deals(rep)?;
        if deals.is_empty() {
            return Ok(ChallengeData::default());
        }
        Ok(ChallengeData {
            deals,
            commitments: self.rep_commitments(rep)?,
            hypotheses: self.rep_hypotheses(rep)?,
            checks: self.rep_checks(rep)?,
            criterion_notes: self.rep_criterion_notes(rep)?,
            changes: self.rep_changes(rep)?,
            stage_history: self.rep_stage_history(rep)?,
            last_review: self.rep_last_reviews(rep)?,
            last_verdict: self.rep_verdicts(rep, PAST_REVIEW)?,
            open_verdicts: self.rep_verdicts(rep, OPEN_REVIEW)?,
        })
    }

    fn rep_commitments(&self, rep: RepId) -> Result<Vec<Commitment>, StoreError> {
        let sql = format!(
            "SELECT {COMMITMENT_COLUMNS} FROM {OPEN_DEALS} JOIN commitments c ON c.deal_id = d.id
             ORDER BY c.deal_id, c.due_on IS NULL, c.due_on, c.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0], commitment_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn rep_hypotheses(&self, rep: RepId) -> Result<Vec<Hypothesis>, StoreError> {
        let sql = format!(
            "SELECT h.id, h.deal_id, h.rep_id, h.topic, h.statement, h.test_plan, h.test_by, h.status, h.result,
                    h.created_on, h.settled_on
             FROM {OPEN_DEALS} JOIN hypotheses h ON h.deal_id = d.id
             ORDER BY h.deal_id, h.created_on, h.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0], hypothesis_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn rep_checks(&self, rep: RepId) -> Result<Vec<(DealId, CriterionCheck)>, StoreError> {
        let sql = format!(
            "SELECT k.deal_id, k.stage, k.criterion, k.validated_on, k.evidence
             FROM {OPEN_DEALS} JOIN criteria_checks k ON k.deal_id = d.id
             ORDER BY k.deal_id, k.validated_on, k.stage, k.criterion"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0], |row| Ok((DealId(row.get(0)?), check_from_row(row, 1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest note per deal, stage and criterion: SQLite takes the bare columns of an
    /// aggregate query from the row that holds the `max()`.
    fn rep_criterion_notes(&self, rep: RepId) -> Result<Vec<CriterionNote>, StoreError> {
        let sql = format!(
            "SELECT n.deal_id, n.stage, n.criterion, n.note, n.review_id, r.held_on, max(n.noted_at)
             FROM {OPEN_DEALS} JOIN criterion_notes n ON n.deal_id = d.id JOIN reviews r ON r.id = n.review_id
             GROUP BY n.deal_id, n.stage, n.criterion
             ORDER BY n.deal_id, n.stage, n.criterion"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0], |row| {
            Ok(CriterionNote {
                deal_id: DealId(row.get(0)?),
                stage: row.get(1)?,
                criterion: row.get(2)?,
                note: row.get(3)?,
                review_id: ReviewId(row.get(4)?),
                held_on: row.get(5)?,
                noted_at: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn rep_changes(&self, rep: RepId) -> Result<Vec<DealChange>, StoreError> {
        let sql = format!(
            "SELECT x.deal_id, x.field, x.old_value, x.new_value, x.changed_at
             FROM {OPEN_DEALS} JOIN deal_changes x ON x.deal_id = d.id
             ORDER BY x.deal_id, x.changed_at, x.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0], |row| {
            Ok(DealChange {
                deal_id: DealId(row.get(0)?),
                field: word(row, 1, DealField::from_word)?,
                old_value: row.get(2)?,
                new_value: row.get(3)?,
                changed_at: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn rep_stage_history(&self, rep: RepId) -> Result<Vec<StageEntry>, StoreError> {
        let sql = format!(
            "SELECT s.deal_id, s.stage, s.entered_on
             FROM {OPEN_DEALS} JOIN stage_history s ON s.deal_id = d.id
             ORDER BY s.deal_id, s.entered_on, s.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0], |row| {
            Ok(StageEntry { deal_id: DealId(row.get(0)?), stage: row.get(1)?, entered_on: row.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One query over answers and verdicts together: `answers_by_deal` and `verdicts_by_deal`
    /// find each deal's rows, the review's primary key its day and kind.
    fn rep_last_reviews(&self, rep: RepId) -> Result<HashMap<DealId, NaiveDate>, StoreError> {
        let sql = format!(
            "SELECT deal_id, max(held_on) FROM (
                SELECT a.deal_id, r.held_on FROM {OPEN_DEALS} JOIN answers a ON a.deal_id = d.id
                JOIN reviews r ON r.id = a.review_id WHERE {PAST_REVIEW}
                UNION ALL
                SELECT v.deal_id, r.held_on FROM {OPEN_DEALS} JOIN verdicts v ON v.deal_id = d.id
                JOIN reviews r ON r.id = v.review_id WHERE {PAST_REVIEW}
             ) GROUP BY deal_id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0], |row| Ok((DealId(row.get(0)?), row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest verdict per deal among the reviews `which` selects.
    fn rep_verdicts(&self, rep: RepId, which: &str) -> Result<HashMap<DealId, Verdict>, StoreError> {
        let sql = format!(
            "SELECT {VERDICT_COLUMNS}
             FROM {OPEN_DEALS} JOIN verdicts v ON v.deal_id = d.id JOIN reviews r ON r.id = v.review_id
             WHERE {which}
             ORDER BY v.deal_id, r.held_on, r.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0], verdict_from_row)?;
        let mut latest = HashMap::new();
        for row in rows {
            let verdict = row?;
            // Rows come oldest first: the last one per deal stays.
            latest.insert(verdict.deal_id, verdict);
        }
        Ok(latest)
    }
}

pub(super) fn hypothesis_from_row(row: &Row<'_>) -> rusqlite::Result<Hypothesis> {
    Ok(Hypothesis {
        id: HypothesisId(row.get(0)?),
        deal_id: DealId(row.get(1)?),
        rep_id: RepId(row.get(2)?),
        topic: word(row, 3, Topic::from_word)?,
        statement: row.get(4)?,
        test_plan: row.get(5)?,
        test_by: row.get(6)?,
        status: word(row, 7, HypothesisStatus::from_word)?,
        result: row.get(8)?,
        created_on: row.get(9)?,
        settled_on: row.get(10)?,
    })
}

/// The columns [`verdict_from_row`] reads, from `verdicts v`.
pub(super) const VERDICT_COLUMNS: &str = "v.review_id, v.deal_id, v.rep_forecast, v.forecast, v.comment, v.confidence,
    v.next_step, v.next_step_on, v.stage_from, v.stage_to";

/// Reads [`VERDICT_COLUMNS`].
pub(super) fn verdict_from_row(row: &Row<'_>) -> rusqlite::Result<Verdict> {
    Ok(Verdict {
        review_id: ReviewId(row.get(0)?),
        deal_id: DealId(row.get(1)?),
        rep_forecast: word(row, 2, Forecast::from_word)?,
        forecast: word(row, 3, Forecast::from_word)?,
        comment: row.get(4)?,
        confidence: row.get(5)?,
        next_step: row.get(6)?,
        next_step_on: row.get(7)?,
        stage_from: row.get(8)?,
        stage_to: row.get(9)?,
    })
}
