//! What the prospecting review reads: the rep's own commitments (made in prospecting
//! reviews, about no deal) and what was answered at the last prospecting review.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params;

use super::deals::{COMMITMENT_COLUMNS, commitment_from_row};
use super::{Store, StoreError};
use crate::domain::commitment::Commitment;
use crate::domain::ids::{RepId, ReviewId};
use crate::domain::review::PastAnswer;

impl Store {
    /// The rep's prospecting commitments (no deal): every open one, and the others made
    /// or settled in the last 60 days, soonest due first.
    pub fn prospecting_commitments(&self, rep: RepId, today: NaiveDate) -> Result<Vec<Commitment>, StoreError> {
        let sql = format!(
            "SELECT {COMMITMENT_COLUMNS} FROM commitments c
             WHERE c.rep_id = ?1 AND c.deal_id IS NULL
               AND (c.status = 'open' OR c.settled_on >= date(?2, '-60 days')
                    OR c.created_on >= date(?2, '-60 days'))
             ORDER BY c.due_on IS NULL, c.due_on, c.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![rep.0, today], commitment_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest answer to each prospecting question in the rep's manager-led prospecting
    /// reviews other than `current`: what was said last time.
    pub fn previous_prospecting_answers(
        &self,
        rep: RepId,
        current: Option<ReviewId>,
    ) -> Result<HashMap<String, PastAnswer>, StoreError> {
        self.latest_answers(
            "SELECT a.question_id, a.answer, r.held_on FROM answers a JOIN reviews r ON r.id = a.review_id
             WHERE r.rep_id = ?1 AND r.kind = 'prospecting' AND r.led_by = 'manager' AND a.deal_id IS NULL
               AND r.id != ?2
             ORDER BY r.held_on DESC, r.id DESC",
            rep.0,
            current,
        )
    }
}
