//! Drafts: the fields of a form written only on Enter (a deal's verdict), kept as they are
//! typed so that a crash or a kill loses at most the last two seconds. They are read back
//! when the deal's script opens again in the same review.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use super::reviews::ReviewContext;
use super::time::timestamp;
use super::{Store, StoreError};
use crate::domain::ids::{DealId, RepId, ReviewId};
use crate::domain::review::{LedBy, ReviewKind};

/// Which form a draft is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftForm {
    Verdict,
}

impl DraftForm {
    fn as_str(self) -> &'static str {
        match self {
            DraftForm::Verdict => "verdict",
        }
    }
}

impl Store {
    /// Replaces the draft of a form on a deal in the context's review (opened if there is
    /// none yet) with `fields` (field, value as typed), in one transaction.
    pub fn save_draft(
        &mut self,
        ctx: &ReviewContext,
        deal: DealId,
        form: DraftForm,
        fields: &[(String, String)],
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let review = ctx.review(tx)?;
            delete_draft(tx, review, deal, form)?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO drafts (review_id, deal_id, form, field, value, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (field, value) in fields {
                insert.execute(params![review.0, deal.0, form.as_str(), field, value, timestamp(ctx.now)])?;
            }
            Ok(())
        })
    }

    /// The draft of a form on a deal in the rep's review of `kind` held on `day`, as field →
    /// value; empty when there is none.
    pub fn draft(
        &self,
        rep: RepId,
        deal: DealId,
        form: DraftForm,
        kind: ReviewKind,
        day: NaiveDate,
    ) -> Result<HashMap<String, String>, StoreError> {
        let Some(review) = self.open_review_on(rep, kind, LedBy::Manager, day)? else { return Ok(HashMap::new()) };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT field, value FROM drafts WHERE review_id = ?1 AND deal_id = ?2 AND form = ?3")?;
        let rows = stmt.query_map(params![review.0, deal.0, form.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Deletes the draft of a form on a deal: it was saved, or typed again.
pub(super) fn delete_draft(
    tx: &Transaction<'_>,
    review: ReviewId,
    deal: DealId,
    form: DraftForm,
) -> rusqlite::Result<()> {
    tx.execute(
        "DELETE FROM drafts WHERE review_id = ?1 AND deal_id = ?2 AND form = ?3",
        params![review.0, deal.0, form.as_str()],
    )?;
    Ok(())
}
