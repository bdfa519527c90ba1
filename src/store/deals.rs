//! Deals, their exit-criteria checks and their commitments.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::{Store, StoreError, word};
use crate::domain::commitment::{Commitment, CommitmentStatus, Owner};
use crate::domain::deal::{Deal, DealStatus, Forecast};
use crate::domain::ids::{CommitmentId, DealId, RepId, ReviewId};

pub(super) const DEAL_COLUMNS: &str = "id, external_id, rep_id, account, name, amount_minor, currency, stage,
    stage_entered_on, close_on, forecast, sponsor_name, sponsor_role, next_step, next_step_on,
    source_channel, segment, status, created_on, closed_on";

pub(super) fn deal_from_row(row: &Row<'_>) -> rusqlite::Result<Deal> {
    Ok(Deal {
        id: DealId(row.get(0)?),
        external_id: row.get(1)?,
        rep_id: RepId(row.get(2)?),
        account: row.get(3)?,
        name: row.get(4)?,
        amount_minor: row.get(5)?,
        currency: row.get(6)?,
        stage: row.get(7)?,
        stage_entered_on: row.get(8)?,
        close_on: row.get(9)?,
        forecast: word(row, 10, Forecast::from_word)?,
        sponsor_name: row.get(11)?,
        sponsor_role: row.get(12)?,
        next_step: row.get(13)?,
        next_step_on: row.get(14)?,
        source_channel: row.get(15)?,
        segment: row.get(16)?,
        status: word(row, 17, DealStatus::from_word)?,
        created_on: row.get(18)?,
        closed_on: row.get(19)?,
    })
}

/// A validated exit criterion of a deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionCheck {
    pub stage: String,
    pub criterion: String,
    pub validated_on: NaiveDate,
    pub evidence: String,
}

/// Reads `stage, criterion, validated_on, evidence` from column `first` on.
pub(super) fn check_from_row(row: &Row<'_>, first: usize) -> rusqlite::Result<CriterionCheck> {
    Ok(CriterionCheck {
        stage: row.get(first)?,
        criterion: row.get(first + 1)?,
        validated_on: row.get(first + 2)?,
        evidence: row.get(first + 3)?,
    })
}

impl Store {
    /// The rep's open deals, oldest in their stage first.
    pub fn open_deals(&self, rep: RepId) -> Result<Vec<Deal>, StoreError> {
        let sql = format!(
            "SELECT {DEAL_COLUMNS} FROM deals WHERE rep_id = ?1 AND status = 'open'
             ORDER BY stage_entered_on, id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0], deal_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One deal by id.
    pub fn deal(&self, id: DealId) -> Result<Option<Deal>, StoreError> {
        let sql = format!("SELECT {DEAL_COLUMNS} FROM deals WHERE id = ?1");
        Ok(self.conn().query_row(&sql, params![id.0], deal_from_row).optional()?)
    }

    /// The exit criteria validated for a deal, in every stage.
    pub fn criteria_checks(&self, deal: DealId) -> Result<Vec<CriterionCheck>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT stage, criterion, validated_on, evidence FROM criteria_checks
             WHERE deal_id = ?1 ORDER BY validated_on, stage, criterion",
        )?;
        let rows = stmt.query_map(params![deal.0], |row| check_from_row(row, 0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A deal's open commitments, soonest due first.
    pub fn open_commitments(&self, deal: DealId) -> Result<Vec<Commitment>, StoreError> {
        let sql = format!(
            "SELECT {COMMITMENT_COLUMNS} FROM commitments c
             WHERE c.deal_id = ?1 AND c.status = 'open' ORDER BY c.due_on IS NULL, c.due_on, c.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![deal.0], commitment_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The columns [`commitment_from_row`] reads, from `commitments c`.
pub(super) const COMMITMENT_COLUMNS: &str = "c.id, c.deal_id, c.rep_id, c.owner, c.what, c.due_on, c.status,
    c.made_in_review, c.created_on, c.settled_on, c.note";

pub(super) fn commitment_from_row(row: &Row<'_>) -> rusqlite::Result<Commitment> {
    Ok(Commitment {
        id: CommitmentId(row.get(0)?),
        deal_id: row.get::<_, Option<i64>>(1)?.map(DealId),
        rep_id: RepId(row.get(2)?),
        owner: word(row, 3, Owner::from_word)?,
        what: row.get(4)?,
        due_on: row.get(5)?,
        status: word(row, 6, CommitmentStatus::from_word)?,
        made_in_review: row.get::<_, Option<i64>>(7)?.map(ReviewId),
        created_on: row.get(8)?,
        settled_on: row.get(9)?,
        note: row.get(10)?,
    })
}
