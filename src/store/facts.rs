//! The deal challenge's writes: commitments, exit criteria and why they are not validated
//! yet, hypotheses, the verdict, edits of a deal's facts, new deals, where a review stopped
//! and its closing.
//!
//! Each write is one `IMMEDIATE` transaction: all of it or nothing, the review it opens
//! included. Writes made during a review take a [`ReviewContext`]: they open (or reuse) the
//! rep's open review of that kind, leader and day, and tag their rows with it.
//!
//! History is kept as it happened, not as it was typed:
//! - every change of a deal's facts is a `deal_changes` row (old and new value as text),
//!   stage moves a `stage_history` row;
//! - at most one `deal_changes` row per deal, field and review: changing a field again in
//!   the same review updates that row, and undoing the change removes it;
//! - a deal leaving a stage the same day it entered it never spent a day there: that entry
//!   is replaced, and moving back to the stage before returns to that stage's entry (its
//!   original `entered_on`) instead of adding a new one. The first entry of a deal is kept.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, params};

use super::bulk::{self, NewCommitment, NewDeal, NewHypothesis};
use super::challenge::{VERDICT_COLUMNS, verdict_from_row};
use super::deals::{DEAL_COLUMNS, deal_from_row};
use super::reviews::{ReviewContext, set_position, timestamp};
use super::{Store, StoreError, rep_exists, word};
use crate::domain::change::DealField;
use crate::domain::commitment::{CommitmentStatus, Owner};
use crate::domain::dates::iso;
use crate::domain::deal::{Deal, DealStatus, Forecast};
use crate::domain::hypothesis::{HypothesisStatus, Topic};
use crate::domain::ids::{CommitmentId, DealId, HypothesisId, RepId, ReviewId};
pub use crate::domain::verdict::VerdictInput;
use crate::domain::verdict::{VERDICT_FORECASTS, Verdict};

/// A deal's facts as edited from its card. Every field is the new value; a field equal to
/// the stored one writes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealEdit {
    /// The account and the deal's name: corrected in place, not recorded as history.
    pub account: String,
    pub name: String,
    pub amount_minor: i64,
    pub close_on: Option<NaiveDate>,
    /// `None` or blank: no sponsor.
    pub sponsor_name: Option<String>,
    pub sponsor_role: Option<String>,
    /// `None` or blank: no next step.
    pub next_step: Option<String>,
    pub next_step_on: Option<NaiveDate>,
    /// A stage key of the script.
    pub stage: String,
}

/// A deal added by hand, for a rep whose CRM is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDealInput {
    pub account: String,
    pub name: String,
    pub amount_minor: i64,
    /// ISO 4217 code, upper case.
    pub currency: String,
    /// A stage key of the script: the deal enters it on the day it is added.
    pub stage: String,
    pub close_on: Option<NaiveDate>,
    /// Pipeline, best case or commit.
    pub forecast: Forecast,
    pub sponsor_name: Option<String>,
    pub sponsor_role: Option<String>,
    pub next_step: Option<String>,
    pub next_step_on: Option<NaiveDate>,
}

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

    /// Edits a deal's facts from its card. Each changed field is written with a
    /// `deal_changes` row (tagged with `review` when the edit is made during one), a new
    /// stage with a `stage_history` row dated `now`'s day; unchanged fields write nothing.
    pub fn edit_deal(
        &mut self,
        deal: DealId,
        edit: &DealEdit,
        now: NaiveDateTime,
        review: Option<ReviewId>,
    ) -> Result<(), StoreError> {
        if edit.amount_minor < 0 {
            return Err(StoreError::Refused("an amount cannot be negative".into()));
        }
        refuse_blank(&edit.stage, "a deal is always in a stage")?;
        refuse_blank(&edit.account, "a deal needs an account")?;
        refuse_blank(&edit.name, "a deal needs a name")?;
        let (sponsor_name, sponsor_role, next_step) = (
            not_blank(edit.sponsor_name.as_deref()),
            not_blank(edit.sponsor_role.as_deref()),
            not_blank(edit.next_step.as_deref()),
        );
        self.try_write(|tx| {
            let facts = deal_facts(tx, deal)?;
            let changes = Changes { tx, deal, at: now, review };
            changes.amount(facts.amount_minor, edit.amount_minor)?;
            changes.date(DealField::CloseOn, facts.close_on, edit.close_on)?;
            changes.text(DealField::SponsorName, facts.sponsor_name.as_deref(), sponsor_name)?;
            changes.text(DealField::SponsorRole, facts.sponsor_role.as_deref(), sponsor_role)?;
            changes.text(DealField::NextStep, facts.next_step.as_deref(), next_step)?;
            changes.date(DealField::NextStepOn, facts.next_step_on, edit.next_step_on)?;
            tx.execute(
                "UPDATE deals SET amount_minor = ?2, close_on = ?3, sponsor_name = ?4, sponsor_role = ?5,
                    next_step = ?6, next_step_on = ?7, account = ?8, name = ?9 WHERE id = ?1",
                params![
                    deal.0,
                    edit.amount_minor,
                    edit.close_on,
                    sponsor_name,
                    sponsor_role,
                    next_step,
                    edit.next_step_on,
                    edit.account.trim(),
                    edit.name.trim()
                ],
            )?;
            move_stage(tx, deal, &facts, &edit.stage, now.date())?;
            Ok(())
        })
    }

    /// Adds an open deal for a rep, in its stage since `today`, with its first
    /// `stage_history` row.
    pub fn add_deal(&mut self, rep: RepId, new: &NewDealInput, today: NaiveDate) -> Result<DealId, StoreError> {
        let (account, name, stage, currency) =
            (new.account.trim(), new.name.trim(), new.stage.trim(), new.currency.trim());
        if account.is_empty() || name.is_empty() {
            return Err(StoreError::Refused("a deal needs an account and a name".into()));
        }
        refuse_blank(stage, "a deal is always in a stage")?;
        refuse_blank(currency, "a deal needs a currency (EUR, USD…)")?;
        if new.amount_minor < 0 {
            return Err(StoreError::Refused("an amount cannot be negative".into()));
        }
        if !VERDICT_FORECASTS.contains(&new.forecast) {
            return Err(StoreError::Refused(format!(
                "an open deal's forecast is pipeline, best case or commit, not {}",
                new.forecast
            )));
        }
        let row = NewDeal {
            external_id: None,
            rep,
            account,
            name,
            amount_minor: new.amount_minor,
            currency,
            stage,
            stage_entered_on: today,
            close_on: new.close_on,
            forecast: new.forecast,
            sponsor_name: not_blank(new.sponsor_name.as_deref()),
            sponsor_role: not_blank(new.sponsor_role.as_deref()),
            next_step: not_blank(new.next_step.as_deref()),
            next_step_on: new.next_step_on,
            source_channel: None,
            segment: None,
            status: DealStatus::Open,
            created_on: today,
            closed_on: None,
        };
        self.try_write(|tx| {
            rep_exists(tx, rep)?;
            let id = bulk::insert_deal(tx, &row)?;
            bulk::insert_stage_entry(tx, id, stage, today)?;
            Ok(id)
        })
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

/// A deal as read inside a write.
fn deal_facts(tx: &Transaction<'_>, deal: DealId) -> Result<Deal, StoreError> {
    tx.query_row(&format!("SELECT {DEAL_COLUMNS} FROM deals WHERE id = ?1"), params![deal.0], deal_from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "deal", id: deal.0 })
}

/// The deal's facts, refused when it belongs to another rep than the review's.
fn rep_deal(tx: &Transaction<'_>, rep: RepId, deal: DealId) -> Result<Deal, StoreError> {
    let facts = deal_facts(tx, deal)?;
    if facts.rep_id != rep {
        return Err(StoreError::Refused(format!("deal {deal} belongs to another rep")));
    }
    Ok(facts)
}

/// Whether a commitment or hypothesis was made in a review that is still open (false when
/// it was made in a closed review or outside any review).
fn made_in_open_review(tx: &Transaction<'_>, table: &str, what: &'static str, id: i64) -> Result<bool, StoreError> {
    tx.query_row(
        &format!(
            "SELECT ifnull(r.status = 'open', 0) FROM {table} x LEFT JOIN reviews r ON r.id = x.made_in_review
             WHERE x.id = ?1"
        ),
        params![id],
        |row| row.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound { what, id })
}

/// Refuses a write on a commitment or hypothesis of another rep than `rep`.
fn owned_by(tx: &Transaction<'_>, table: &str, what: &'static str, id: i64, rep: RepId) -> Result<(), StoreError> {
    let owner: i64 = tx
        .query_row(&format!("SELECT rep_id FROM {table} WHERE id = ?1"), params![id], |row| row.get(0))
        .optional()?
        .ok_or(StoreError::NotFound { what, id })?;
    if owner != rep.0 {
        return Err(StoreError::Refused(format!("{what} {id} belongs to another rep")));
    }
    Ok(())
}

fn found(updated: usize, what: &'static str, id: i64) -> Result<(), StoreError> {
    if updated == 0 { Err(StoreError::NotFound { what, id }) } else { Ok(()) }
}

fn refuse_blank(text: &str, why: &str) -> Result<(), StoreError> {
    if text.trim().is_empty() { Err(StoreError::Refused(why.to_string())) } else { Ok(()) }
}

/// Blank optional text is no text: "no sponsor" is NULL, never `''`.
fn not_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

/// Records changes of one deal's facts, made at `at`, during `review` if any.
struct Changes<'a, 'tx> {
    tx: &'a Transaction<'tx>,
    deal: DealId,
    at: NaiveDateTime,
    review: Option<ReviewId>,
}

impl Changes<'_, '_> {
    fn amount(&self, old: i64, new: i64) -> rusqlite::Result<()> {
        self.text(DealField::Amount, Some(&old.to_string()), Some(&new.to_string()))
    }

    fn date(&self, field: DealField, old: Option<NaiveDate>, new: Option<NaiveDate>) -> rusqlite::Result<()> {
        self.text(field, old.map(iso).as_deref(), new.map(iso).as_deref())
    }

    /// One row per change. During a review, a field changed again folds into the row this
    /// review already wrote for it (if that row is the field's latest), and a change undone
    /// removes that row.
    fn text(&self, field: DealField, old: Option<&str>, new: Option<&str>) -> rusqlite::Result<()> {
        if old == new {
            return Ok(());
        }
        let (tx, deal, at) = (self.tx, self.deal.0, timestamp(self.at));
        if let Some(review) = self.review {
            let latest = tx
                .prepare_cached(
                    "SELECT id, old_value, new_value, review_id FROM deal_changes
                     WHERE deal_id = ?1 AND field = ?2 ORDER BY id DESC LIMIT 1",
                )?
                .query_row(params![deal, field.as_str()], |row| {
                    Ok(LatestChange { id: row.get(0)?, old: row.get(1)?, new: row.get(2)?, review: row.get(3)? })
                })
                .optional()?;
            if let Some(latest) = latest
                && latest.review == Some(review.0)
                && latest.new.as_deref() == old
            {
                if latest.old.as_deref() == new {
                    tx.execute("DELETE FROM deal_changes WHERE id = ?1", params![latest.id])?;
                } else {
                    tx.execute(
                        "UPDATE deal_changes SET new_value = ?2, changed_at = ?3 WHERE id = ?1",
                        params![latest.id, new, at],
                    )?;
                }
                return Ok(());
            }
        }
        bulk::insert_deal_change(tx, self.deal, field, old, new, &at, self.review)
    }
}

/// The latest recorded change of one field of a deal.
struct LatestChange {
    id: i64,
    old: Option<String>,
    new: Option<String>,
    review: Option<i64>,
}

/// Moves a deal to stage `to` on `day` (nothing when it is already there), keeping
/// `stage_history` true: a deal without history first gets the entry of its current stage;
/// an entry made the same day (and not the deal's first) is replaced, and moving back to the
/// stage before it returns to that entry and its day.
fn move_stage(tx: &Transaction<'_>, deal: DealId, facts: &Deal, to: &str, day: NaiveDate) -> rusqlite::Result<()> {
    if facts.stage == to {
        return Ok(());
    }
    let mut stmt = tx.prepare_cached(
        "SELECT id, stage, entered_on FROM stage_history WHERE deal_id = ?1 ORDER BY entered_on DESC, id DESC LIMIT 2",
    )?;
    let mut recent: Vec<(i64, String, NaiveDate)> = stmt
        .query_map(params![deal.0], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if recent.first().is_none_or(|(_, stage, _)| *stage != facts.stage) {
        bulk::insert_stage_entry(tx, deal, &facts.stage, facts.stage_entered_on)?;
        recent.insert(0, (tx.last_insert_rowid(), facts.stage.clone(), facts.stage_entered_on));
        recent.truncate(2);
    }
    let mut back_to = None;
    if let [(latest, _, latest_on), (_, before, before_on)] = recent.as_slice()
        && *latest_on == day
    {
        tx.execute("DELETE FROM stage_history WHERE id = ?1", params![latest])?;
        if before == to {
            back_to = Some(*before_on);
        }
    }
    let entered_on = if let Some(on) = back_to {
        on
    } else {
        bulk::insert_stage_entry(tx, deal, to, day)?;
        day
    };
    tx.execute("UPDATE deals SET stage = ?2, stage_entered_on = ?3 WHERE id = ?1", params![deal.0, to, entered_on])?;
    Ok(())
}
