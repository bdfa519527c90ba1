//! The rep's hypotheses on a deal: what they assume, how and by when it is tested, and
//! whether it held. As with commitments, only a line typed in the review under way can be
//! deleted; an earlier one is confirmed or refuted instead.

use chrono::NaiveDate;
use rusqlite::params;

use super::bulk::{self, NewHypothesis};
use super::guard::{found, made_in_open_review, owned_by, refuse_blank, rep_deal};
use super::reviews::ReviewContext;
use super::{Store, StoreError};
use crate::domain::hypothesis::{HypothesisStatus, Topic};
use crate::domain::ids::{DealId, HypothesisId};

impl Store {
    /// Adds an open hypothesis made in the context's review (today). It needs a statement.
    pub fn add_hypothesis(
        &mut self,
        ctx: &ReviewContext,
        deal: DealId,
        topic: Topic,
        statement: &str,
        test_plan: &str,
        test_by: Option<NaiveDate>,
    ) -> Result<HypothesisId, StoreError> {
        refuse_blank(statement, "a hypothesis needs a statement: what does the rep assume?")?;
        self.try_write(|tx| {
            rep_deal(tx, ctx.rep, deal)?;
            let review = ctx.review(tx)?;
            Ok(bulk::insert_hypothesis(
                tx,
                &NewHypothesis {
                    deal,
                    rep: ctx.rep,
                    topic,
                    statement,
                    test_plan,
                    test_by,
                    status: HypothesisStatus::Open,
                    result: "",
                    made_in: Some(review),
                    settled_in: None,
                    created_on: ctx.today,
                    settled_on: None,
                },
            )?)
        })
    }

    /// Rewrites what a hypothesis says and how and by when it is tested; its status is kept.
    pub fn update_hypothesis(
        &mut self,
        id: HypothesisId,
        topic: Topic,
        statement: &str,
        test_plan: &str,
        test_by: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        refuse_blank(statement, "a hypothesis needs a statement: what does the rep assume?")?;
        self.try_write(|tx| {
            let updated = tx.execute(
                "UPDATE hypotheses SET topic = ?2, statement = ?3, test_plan = ?4, test_by = ?5 WHERE id = ?1",
                params![id.0, topic.as_str(), statement, test_plan, test_by],
            )?;
            found(updated, "hypothesis", id.0)
        })
    }

    /// Marks a hypothesis confirmed or refuted in the context's review (today), with the
    /// result of the test; `Open` reopens it and clears when and where it was settled.
    pub fn settle_hypothesis(
        &mut self,
        ctx: &ReviewContext,
        id: HypothesisId,
        status: HypothesisStatus,
        result: &str,
    ) -> Result<(), StoreError> {
        self.try_write(|tx| {
            owned_by(tx, "hypotheses", "hypothesis", id.0, ctx.rep)?;
            let review = ctx.review(tx)?;
            let (settled_on, settled_in) = match status {
                HypothesisStatus::Open => (None, None),
                _ => (Some(ctx.today), Some(review.0)),
            };
            tx.execute(
                "UPDATE hypotheses SET status = ?2, result = ?3, settled_on = ?4, settled_in_review = ?5 WHERE id = ?1",
                params![id.0, status.as_str(), result, settled_on, settled_in],
            )?;
            Ok(())
        })
    }

    /// Deletes a hypothesis made in a review that is still open (a line just typed); one from
    /// an earlier review is refused, to be confirmed or refuted instead.
    pub fn delete_hypothesis(&mut self, id: HypothesisId) -> Result<(), StoreError> {
        self.try_write(|tx| {
            if !made_in_open_review(tx, "hypotheses", "hypothesis", id.0)? {
                return Err(StoreError::Refused(format!(
                    "hypothesis {id} was not made in the review under way: mark it confirmed or refuted \
                     instead of deleting it"
                )));
            }
            tx.execute("DELETE FROM hypotheses WHERE id = ?1", params![id.0])?;
            Ok(())
        })
    }
}
