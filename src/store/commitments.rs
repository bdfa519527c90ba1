//! Commitments made in a review: who does what by when, and what became of it. A line
//! typed in the review under way can be deleted; one from an earlier review is history, so
//! it is settled (done, missed, dropped) instead.
//!
//! Writes made in a review take its [`ReviewContext`]: they open (or reuse) the rep's open
//! review in the same transaction and tag their rows with it.

use chrono::NaiveDate;
use rusqlite::params;

use super::bulk::{self, NewCommitment};
use super::guard::{found, made_in_open_review, owned_by, refuse_blank, rep_deal};
use super::reviews::ReviewContext;
use super::{Store, StoreError};
use crate::domain::commitment::{CommitmentStatus, Owner};
use crate::domain::ids::{CommitmentId, DealId};

impl Store {
    /// Adds a commitment made in the context's review (made today). `deal` is `None` for a
    /// prospecting commitment. A commitment needs a text.
    pub fn add_commitment(
        &mut self,
        ctx: &ReviewContext,
        deal: Option<DealId>,
        owner: Owner,
        what: &str,
        due_on: Option<NaiveDate>,
    ) -> Result<CommitmentId, StoreError> {
        refuse_blank(what, "a commitment needs a text: who does what")?;
        self.try_write(|tx| {
            if let Some(deal) = deal {
                rep_deal(tx, ctx.rep, deal)?;
            }
            let review = ctx.review(tx)?;
            Ok(bulk::insert_commitment(
                tx,
                &NewCommitment {
                    deal,
                    rep: ctx.rep,
                    owner,
                    what,
                    due_on,
                    status: CommitmentStatus::Open,
                    made_in: Some(review),
                    settled_in: None,
                    settled_on: None,
                    note: "",
                    created_on: Some(ctx.today),
                },
            )?)
        })
    }

    /// Rewrites who, what and by when of a commitment; its status and history are kept.
    pub fn update_commitment(
        &mut self,
        id: CommitmentId,
        owner: Owner,
        what: &str,
        due_on: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        refuse_blank(what, "a commitment needs a text: who does what")?;
        self.try_write(|tx| {
            let updated = tx.execute(
                "UPDATE commitments SET owner = ?2, what = ?3, due_on = ?4 WHERE id = ?1",
                params![id.0, owner.as_str(), what, due_on],
            )?;
            found(updated, "commitment", id.0)
        })
    }

    /// Deletes a commitment made in a review that is still open: the manager clears a line
    /// they have just typed. A commitment from an earlier review is history: it is refused,
    /// to be settled (done, missed, dropped) instead.
    pub fn delete_commitment(&mut self, id: CommitmentId) -> Result<(), StoreError> {
        self.try_write(|tx| {
            if !made_in_open_review(tx, "commitments", "commitment", id.0)? {
                return Err(StoreError::Refused(format!(
                    "commitment {id} was not made in the review under way: mark it done, missed or dropped \
                     instead of deleting it"
                )));
            }
            tx.execute("DELETE FROM commitments WHERE id = ?1", params![id.0])?;
            Ok(())
        })
    }

    /// Marks a commitment done, missed or dropped in the context's review (today), with a
    /// word of why; `Open` reopens it and clears when and where it was settled.
    pub fn settle_commitment(
        &mut self,
        ctx: &ReviewContext,
        id: CommitmentId,
        status: CommitmentStatus,
        note: &str,
    ) -> Result<(), StoreError> {
        self.try_write(|tx| {
            owned_by(tx, "commitments", "commitment", id.0, ctx.rep)?;
            let review = ctx.review(tx)?;
            let (settled_on, settled_in) = match status {
                CommitmentStatus::Open => (None, None),
                _ => (Some(ctx.today), Some(review.0)),
            };
            tx.execute(
                "UPDATE commitments SET status = ?2, note = ?3, settled_on = ?4, settled_in_review = ?5 WHERE id = ?1",
                params![id.0, status.as_str(), note, settled_on, settled_in],
            )?;
            Ok(())
        })
    }
}
