//! Reviews, the answers given in them, where an open review stopped, and their closing.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use super::bulk::{self, NewReview};
use super::guard::rep_deal;
use super::time::timestamp;
use super::{Store, StoreError, word};
use crate::domain::ids::{DealId, RepId, ReviewId};
use crate::domain::review::{LedBy, PastAnswer, ReviewKind, ReviewStatus};

/// An answer to save, and the review it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct AnswerToSave<'a> {
    pub rep: RepId,
    pub kind: ReviewKind,
    pub led_by: LedBy,
    /// `None` for a prospecting question.
    pub deal: Option<DealId>,
    pub question_id: &'a str,
    /// The question as asked, kept with the answer.
    pub question_text: &'a str,
    /// An empty answer removes any earlier one.
    pub answer: &'a str,
    pub today: NaiveDate,
    pub now: NaiveDateTime,
}

/// Who is writing, during which review. Writes made with a context open the rep's open
/// review of `kind` led by `led_by` held `today` (or reuse it, as [`Store::save_answer`]
/// does) and tag their rows with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewContext {
    pub rep: RepId,
    pub kind: ReviewKind,
    pub led_by: LedBy,
    pub today: NaiveDate,
    pub now: NaiveDateTime,
}

impl ReviewContext {
    /// The manager's transformation review of `rep` (the deal challenge).
    pub fn challenge(rep: RepId, now: NaiveDateTime) -> ReviewContext {
        ReviewContext { rep, kind: ReviewKind::Transformation, led_by: LedBy::Manager, today: now.date(), now }
    }

    /// The review this context writes in, opened if there is none yet.
    pub(crate) fn review(&self, tx: &Transaction<'_>) -> rusqlite::Result<ReviewId> {
        open_or_create_review(tx, self.rep, self.kind, self.led_by, self.today, self.now)
    }
}

/// Where the most recent open review stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumePoint {
    pub review: ReviewId,
    pub rep: RepId,
    pub kind: ReviewKind,
    pub held_on: NaiveDate,
    pub deal: Option<DealId>,
    pub question: Option<String>,
}

impl Store {
    /// Saves one answer in the rep's open review of that kind held today, opening the
    /// review if there is none, and records the question as the review's position.
    pub fn save_answer(&mut self, a: &AnswerToSave<'_>) -> Result<ReviewId, StoreError> {
        self.write(|tx| {
            let review = open_or_create_review(tx, a.rep, a.kind, a.led_by, a.today, a.now)?;
            let deal = a.deal.map(|d| d.0);
            if a.answer.trim().is_empty() {
                tx.execute(
                    "DELETE FROM answers WHERE review_id = ?1 AND ifnull(deal_id, 0) = ifnull(?2, 0) AND question_id = ?3",
                    params![review.0, deal, a.question_id],
                )?;
            } else {
                let updated = tx.execute(
                    "UPDATE answers SET answer = ?4, question_text = ?5, answered_at = ?6
                     WHERE review_id = ?1 AND ifnull(deal_id, 0) = ifnull(?2, 0) AND question_id = ?3",
                    params![review.0, deal, a.question_id, a.answer, a.question_text, timestamp(a.now)],
                )?;
                if updated == 0 {
                    bulk::insert_answer(tx, review, a.deal, a.question_id, a.question_text, a.answer, a.now)?;
                }
            }
            set_position(tx, review, a.deal, a.question_id)?;
            Ok(review)
        })
    }

    /// The review a context writes in: the rep's open review of its kind, leader and day,
    /// opened now if there is none. For callers that need the id before writing anything.
    pub fn open_review(&mut self, ctx: &ReviewContext) -> Result<ReviewId, StoreError> {
        self.write(|tx| ctx.review(tx))
    }

    /// The rep's open review of that kind held on `day`, if one was opened.
    pub fn open_review_on(
        &self,
        rep: RepId,
        kind: ReviewKind,
        led_by: LedBy,
        day: NaiveDate,
    ) -> Result<Option<ReviewId>, StoreError> {
        Ok(find_open_review(self.conn(), rep, kind, led_by, day)?)
    }

    /// The answers given in a review about one deal (or about prospecting, `None`).
    pub fn answers(&self, review: ReviewId, deal: Option<DealId>) -> Result<HashMap<String, String>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT question_id, answer FROM answers WHERE review_id = ?1 AND ifnull(deal_id, 0) = ifnull(?2, 0)",
        )?;
        let rows = stmt.query_map(params![review.0, deal.map(|d| d.0)], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest answer to each question about a deal from manager-led reviews other
    /// than `current`: what was said last time.
    pub fn previous_answers(
        &self,
        deal: DealId,
        current: Option<ReviewId>,
    ) -> Result<HashMap<String, PastAnswer>, StoreError> {
        self.latest_answers(
            "SELECT a.question_id, a.answer, r.held_on FROM answers a JOIN reviews r ON r.id = a.review_id
             WHERE a.deal_id = ?1 AND r.id != ?2 AND r.led_by = 'manager'
             ORDER BY r.held_on DESC, r.id DESC",
            deal.0,
            current,
        )
    }

    /// Runs `sql` (question id, answer, day held; newest first, bound to `subject` and the
    /// review to leave out) and keeps the first, i.e. latest, answer to each question.
    pub(super) fn latest_answers(
        &self,
        sql: &str,
        subject: i64,
        current: Option<ReviewId>,
    ) -> Result<HashMap<String, PastAnswer>, StoreError> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params![subject, current.map_or(0, |r| r.0)], |row| {
            Ok(PastAnswer { question_id: row.get(0)?, answer: row.get(1)?, held_on: row.get(2)? })
        })?;
        let mut latest = HashMap::new();
        for row in rows {
            let past = row?;
            latest.entry(past.question_id.clone()).or_insert(past);
        }
        Ok(latest)
    }

    /// The most recently opened review that is still open, led by the manager.
    pub fn resume_point(&self) -> Result<Option<ResumePoint>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, rep_id, kind, held_on, current_deal_id, current_question FROM reviews
                 WHERE status = 'open' AND led_by = 'manager' ORDER BY opened_at DESC, id DESC LIMIT 1",
                [],
                |row| {
                    Ok(ResumePoint {
                        review: ReviewId(row.get(0)?),
                        rep: RepId(row.get(1)?),
                        kind: word(row, 2, ReviewKind::from_word)?,
                        held_on: row.get(3)?,
                        deal: row.get::<_, Option<i64>>(4)?.map(DealId),
                        question: row.get(5)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records where the context's review stands: the deal on screen and the step, a
    /// question id or a reserved step (`:verdict`, `:summary`), so a restart resumes there.
    /// Returns the review (opened if needed).
    pub fn set_review_position(
        &mut self,
        ctx: &ReviewContext,
        deal: Option<DealId>,
        step: &str,
    ) -> Result<ReviewId, StoreError> {
        self.try_write(|tx| {
            if let Some(deal) = deal {
                rep_deal(tx, ctx.rep, deal)?;
            }
            let review = ctx.review(tx)?;
            set_position(tx, review, deal, step)?;
            Ok(review)
        })
    }

    /// Closes a review at `now`. Closing a closed review again changes nothing.
    pub fn close_review(&mut self, review: ReviewId, now: NaiveDateTime) -> Result<(), StoreError> {
        self.try_write(|tx| {
            let status: Option<String> = tx
                .query_row("SELECT status FROM reviews WHERE id = ?1", params![review.0], |row| row.get(0))
                .optional()?;
            match status.as_deref() {
                None => Err(StoreError::NotFound { what: "review", id: review.0 }),
                Some("open") => {
                    tx.execute(
                        "UPDATE reviews SET status = 'closed', closed_at = ?2 WHERE id = ?1",
                        params![review.0, timestamp(now)],
                    )?;
                    Ok(())
                }
                Some(_) => Ok(()),
            }
        })
    }
}

fn find_open_review(
    conn: &rusqlite::Connection,
    rep: RepId,
    kind: ReviewKind,
    led_by: LedBy,
    day: NaiveDate,
) -> rusqlite::Result<Option<ReviewId>> {
    conn.query_row(
        "SELECT id FROM reviews WHERE rep_id = ?1 AND kind = ?2 AND led_by = ?3 AND held_on = ?4
         AND status = 'open' ORDER BY id DESC LIMIT 1",
        params![rep.0, kind.as_str(), led_by.as_str(), day],
        |row| row.get(0),
    )
    .optional()
    .map(|id| id.map(ReviewId))
}

/// The rep's open review of that kind and leader held `today`, opened if there is none.
pub(crate) fn open_or_create_review(
    tx: &Transaction<'_>,
    rep: RepId,
    kind: ReviewKind,
    led_by: LedBy,
    today: NaiveDate,
    now: NaiveDateTime,
) -> rusqlite::Result<ReviewId> {
    if let Some(id) = find_open_review(tx, rep, kind, led_by, today)? {
        return Ok(id);
    }
    // A review is one meeting on one day: one left open on an earlier day is over, and what
    // was said in it becomes "last time" for the new one.
    tx.execute(
        "UPDATE reviews SET status = 'closed', closed_at = ?5
         WHERE rep_id = ?1 AND kind = ?2 AND led_by = ?3 AND status = 'open' AND held_on < ?4",
        params![rep.0, kind.as_str(), led_by.as_str(), today, timestamp(now)],
    )?;
    bulk::insert_review(
        tx,
        &NewReview { kind, rep, held_on: today, led_by, status: ReviewStatus::Open, opened_at: now, closed_at: None },
    )
}

/// Records where a review stands: the deal on screen and the step (a question id or a
/// reserved step), so a restart resumes there.
fn set_position(tx: &Transaction<'_>, review: ReviewId, deal: Option<DealId>, step: &str) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE reviews SET current_deal_id = ?2, current_question = ?3 WHERE id = ?1",
        params![review.0, deal.map(|d| d.0), step],
    )?;
    Ok(())
}

impl Store {
    /// Fixes the order of the deals for the context's review (opened if needed), unless it
    /// was fixed already: the first call of a meeting wins. Returns the order in force.
    pub fn fix_meeting_order(&mut self, ctx: &ReviewContext, order: &[DealId]) -> Result<Vec<DealId>, StoreError> {
        self.write(|tx| {
            let review = ctx.review(tx)?;
            let fixed = meeting_order_of(tx, review)?;
            if !fixed.is_empty() {
                return Ok(fixed);
            }
            let mut insert = tx.prepare_cached(
                "INSERT INTO review_deals (review_id, deal_id, position) SELECT ?1, id, ?3 FROM deals
                 WHERE id = ?2 AND rep_id = ?4",
            )?;
            for (position, deal) in order.iter().enumerate() {
                insert.execute(params![review.0, deal.0, position as i64, ctx.rep.0])?;
            }
            meeting_order_of(tx, review)
        })
    }

    /// The order of the deals fixed for the rep's open manager-led transformation review of
    /// `day`; empty when no meeting has started.
    pub fn meeting_order(&self, rep: RepId, day: NaiveDate) -> Result<Vec<DealId>, StoreError> {
        match find_open_review(self.conn(), rep, ReviewKind::Transformation, LedBy::Manager, day)? {
            Some(review) => Ok(meeting_order_of(self.conn(), review)?),
            None => Ok(Vec::new()),
        }
    }
}

fn meeting_order_of(conn: &rusqlite::Connection, review: ReviewId) -> rusqlite::Result<Vec<DealId>> {
    let mut stmt = conn.prepare_cached("SELECT deal_id FROM review_deals WHERE review_id = ?1 ORDER BY position")?;
    stmt.query_map(params![review.0], |row| Ok(DealId(row.get(0)?)))?.collect()
}
