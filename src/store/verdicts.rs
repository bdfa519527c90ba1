//! The manager's verdict on a deal in a review, and its reading back.
//!
//! A verdict is applied to the deal in the same `IMMEDIATE` transaction, the review it opens
//! included: the deal's forecast, next step and stage change with it, recorded as history
//! the way an edit from the card is (see [`deal_edits`](super::deal_edits)).

use rusqlite::{OptionalExtension, params};

use super::challenge::{VERDICT_COLUMNS, verdict_from_row};
use super::deal_edits::{Changes, move_stage};
use super::drafts::{DraftForm, delete_draft};
use super::guard::{not_blank, refuse_blank, rep_deal};
use super::reviews::ReviewContext;
use super::time::timestamp;
use super::{Store, StoreError, word};
use crate::domain::change::DealField;
use crate::domain::deal::{DealStatus, Forecast};
use crate::domain::ids::{DealId, ReviewId};
use crate::domain::verdict::{VERDICT_FORECASTS, Verdict, VerdictInput};

impl Store {
    /// Saves the manager's verdict on a deal in the context's review and applies it to the
    /// deal, all in one transaction: forecast, next step and its date (each change recorded in
    /// `deal_changes` with the review) and, when `stage_to` is not the deal's stage, the move
    /// (`deals.stage`, `stage_entered_on` = today, a `stage_history` row).
    ///
    /// Saving again in the same review rewrites the verdict. `rep_forecast` and `stage_from`
    /// stay what they were before the review's first verdict, so the manager's own earlier
    /// call never becomes "the rep's"; the deal's changes collapse to one row per field and
    /// the stage move to one entry (a same-day move back restores the stage's original entry
    /// day): the history reads as if only the last save had been made.
    pub fn save_verdict(&mut self, ctx: &ReviewContext, deal: DealId, v: &VerdictInput) -> Result<Verdict, StoreError> {
        if !VERDICT_FORECASTS.contains(&v.forecast) {
            return Err(StoreError::Refused(format!(
                "a verdict's forecast is pipeline, best case or commit, not {}: won and lost are outcomes",
                v.forecast
            )));
        }
        if let Some(confidence) = v.confidence.filter(|c| !(1..=5).contains(c)) {
            return Err(StoreError::Refused(format!("confidence is 1 to 5, not {confidence}")));
        }
        refuse_blank(&v.stage_to, "a verdict names the stage the deal is in")?;
        let next_step = not_blank(v.next_step.as_deref());
        self.try_write(|tx| {
            let facts = rep_deal(tx, ctx.rep, deal)?;
            if facts.status != DealStatus::Open {
                return Err(StoreError::Refused(format!(
                    "deal {deal} is {}: a verdict is for open deals",
                    facts.status
                )));
            }
            let review = ctx.review(tx)?;
            let earlier: Option<(Forecast, String)> = tx
                .query_row(
                    "SELECT rep_forecast, stage_from FROM verdicts WHERE review_id = ?1 AND deal_id = ?2",
                    params![review.0, deal.0],
                    |row| Ok((word(row, 0, Forecast::from_word)?, row.get(1)?)),
                )
                .optional()?;
            let (rep_forecast, stage_from) = earlier.unwrap_or_else(|| (facts.forecast, facts.stage.clone()));
            tx.execute(
                "INSERT INTO verdicts (review_id, deal_id, rep_forecast, forecast, comment, confidence, next_step,
                    next_step_on, stage_from, stage_to, decided_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (review_id, deal_id) DO UPDATE SET
                    forecast = excluded.forecast, comment = excluded.comment, confidence = excluded.confidence,
                    next_step = excluded.next_step, next_step_on = excluded.next_step_on,
                    stage_to = excluded.stage_to, decided_at = excluded.decided_at",
                params![
                    review.0,
                    deal.0,
                    rep_forecast.as_str(),
                    v.forecast.as_str(),
                    v.comment,
                    v.confidence,
                    next_step,
                    v.next_step_on,
                    stage_from,
                    v.stage_to,
                    timestamp(ctx.now),
                ],
            )?;

            let changes = Changes { tx, deal, at: ctx.now, review: Some(review) };
            changes.text(DealField::Forecast, Some(facts.forecast.as_str()), Some(v.forecast.as_str()))?;
            changes.text(DealField::NextStep, facts.next_step.as_deref(), next_step)?;
            changes.date(DealField::NextStepOn, facts.next_step_on, v.next_step_on)?;
            tx.execute(
                "UPDATE deals SET forecast = ?2, next_step = ?3, next_step_on = ?4 WHERE id = ?1",
                params![deal.0, v.forecast.as_str(), next_step, v.next_step_on],
            )?;
            move_stage(tx, deal, &facts, &v.stage_to, ctx.today)?;
            // The verdict is decided: what was typed on the way is no longer a draft.
            delete_draft(tx, review, deal, DraftForm::Verdict)?;

            Ok(Verdict {
                review_id: review,
                deal_id: deal,
                rep_forecast,
                forecast: v.forecast,
                comment: v.comment.clone(),
                confidence: v.confidence,
                next_step: next_step.map(str::to_string),
                next_step_on: v.next_step_on,
                stage_from,
                stage_to: v.stage_to.clone(),
            })
        })
    }

    /// The verdict given on a deal in a review, if any (the open review's, to show it again).
    pub fn verdict(&self, review: ReviewId, deal: DealId) -> Result<Option<Verdict>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {VERDICT_COLUMNS} FROM verdicts v WHERE v.review_id = ?1 AND v.deal_id = ?2"),
                params![review.0, deal.0],
                verdict_from_row,
            )
            .optional()?)
    }
}
