//! Exit criteria of a deal's stages: validated with their evidence, or noted in a review
//! with why they are not validated yet. A check keeps the criterion's wording beside its id,
//! so what was validated still reads as it was worded then.

use rusqlite::params;

use super::guard::rep_deal;
use super::reviews::ReviewContext;
use super::time::timestamp;
use super::{Store, StoreError};
use crate::domain::ids::DealId;

impl Store {
    /// Validates an exit criterion of a deal today, with its wording and the evidence;
    /// validating it again rewrites the evidence and the day.
    pub fn validate_criterion(
        &mut self,
        ctx: &ReviewContext,
        deal: DealId,
        stage: &str,
        criterion: &str,
        criterion_text: &str,
        evidence: &str,
    ) -> Result<(), StoreError> {
        self.try_write(|tx| {
            rep_deal(tx, ctx.rep, deal)?;
            ctx.review(tx)?;
            tx.execute(
                "INSERT INTO criteria_checks (deal_id, stage, criterion, criterion_text, validated_on, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (deal_id, stage, criterion) DO UPDATE SET
                    criterion_text = excluded.criterion_text, validated_on = excluded.validated_on,
                    evidence = excluded.evidence",
                params![deal.0, stage, criterion, criterion_text, ctx.today, evidence],
            )?;
            Ok(())
        })
    }

    /// Takes back the validation of an exit criterion (nothing happens if it was not validated).
    pub fn unvalidate_criterion(&mut self, deal: DealId, stage: &str, criterion: &str) -> Result<(), StoreError> {
        self.try_write(|tx| {
            tx.execute(
                "DELETE FROM criteria_checks WHERE deal_id = ?1 AND stage = ?2 AND criterion = ?3",
                params![deal.0, stage, criterion],
            )?;
            Ok(())
        })
    }

    /// Says why an exit criterion is not validated yet, in the context's review: one note per
    /// review, deal and criterion, rewritten by the next save; an empty note removes it.
    pub fn note_criterion(
        &mut self,
        ctx: &ReviewContext,
        deal: DealId,
        stage: &str,
        criterion: &str,
        note: &str,
    ) -> Result<(), StoreError> {
        self.try_write(|tx| {
            rep_deal(tx, ctx.rep, deal)?;
            let review = ctx.review(tx)?;
            if note.trim().is_empty() {
                tx.execute(
                    "DELETE FROM criterion_notes WHERE review_id = ?1 AND deal_id = ?2 AND stage = ?3 AND criterion = ?4",
                    params![review.0, deal.0, stage, criterion],
                )?;
            } else {
                tx.execute(
                    "INSERT INTO criterion_notes (review_id, deal_id, stage, criterion, note, noted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (review_id, deal_id, stage, criterion) DO UPDATE SET
                        note = excluded.note, noted_at = excluded.noted_at",
                    params![review.0, deal.0, stage, criterion, note, timestamp(ctx.now)],
                )?;
            }
            Ok(())
        })
    }
}
