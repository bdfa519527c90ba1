//! Writes of a deal's facts: edits from its card and deals added by hand, with the history
//! they leave (also left by a verdict, see [`verdicts`](super::verdicts)).
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

use super::bulk::{self, NewDeal};
use super::guard::{deal_facts, not_blank, refuse_amount, refuse_blank};
use super::time::timestamp;
use super::{Store, StoreError, rep_exists};
use crate::domain::change::DealField;
use crate::domain::dates::iso;
use crate::domain::deal::{Deal, DealStatus, Forecast};
use crate::domain::ids::{DealId, RepId, ReviewId};
use crate::domain::verdict::VERDICT_FORECASTS;

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
    /// When the deal was created, restated by the form that added it (`None`: unchanged).
    /// While the deal is still in its first stage, it has been there since then too.
    pub created_on: Option<NaiveDate>,
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
    /// When the deal was created, if before today: it counts as pipeline created then, and
    /// is in its stage since then.
    pub created_on: Option<NaiveDate>,
}

impl Store {
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
        refuse_amount(edit.amount_minor)?;
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
            if let Some(created) = edit.created_on.filter(|c| *c != facts.created_on) {
                if created > now.date() {
                    return Err(StoreError::Refused(format!("a deal is created today or before, not on {created}")));
                }
                restate_created(tx, &facts, created)?;
            }
            let facts = deal_facts(tx, deal)?;
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
        refuse_amount(new.amount_minor)?;
        if new.amount_minor < 0 {
            return Err(StoreError::Refused("an amount cannot be negative".into()));
        }
        if !VERDICT_FORECASTS.contains(&new.forecast) {
            return Err(StoreError::Refused(format!(
                "an open deal's forecast is pipeline, best case or commit, not {}",
                new.forecast
            )));
        }
        let created_on = new.created_on.unwrap_or(today);
        if created_on > today {
            return Err(StoreError::Refused(format!("a deal is created today or before, not on {created_on}")));
        }
        let row = NewDeal {
            external_id: None,
            rep,
            account,
            name,
            amount_minor: new.amount_minor,
            currency,
            stage,
            stage_entered_on: created_on,
            close_on: new.close_on,
            forecast: new.forecast,
            sponsor_name: not_blank(new.sponsor_name.as_deref()),
            sponsor_role: not_blank(new.sponsor_role.as_deref()),
            next_step: not_blank(new.next_step.as_deref()),
            next_step_on: new.next_step_on,
            source_channel: None,
            segment: None,
            status: DealStatus::Open,
            created_on,
            closed_on: None,
        };
        self.try_write(|tx| {
            rep_exists(tx, rep)?;
            let id = bulk::insert_deal(tx, &row)?;
            bulk::insert_stage_entry(tx, id, stage, created_on)?;
            Ok(id)
        })
    }
}

/// A deal's creation day corrected (it was loaded, not created today); a deal still in its
/// first stage entered it then too.
fn restate_created(tx: &Transaction<'_>, facts: &Deal, created: NaiveDate) -> rusqlite::Result<()> {
    let entries: i64 =
        tx.query_row("SELECT count(*) FROM stage_history WHERE deal_id = ?1", params![facts.id.0], |r| r.get(0))?;
    tx.execute("UPDATE deals SET created_on = ?2 WHERE id = ?1", params![facts.id.0, created])?;
    if entries <= 1 && facts.stage_entered_on == facts.created_on {
        tx.execute("UPDATE deals SET stage_entered_on = ?2 WHERE id = ?1", params![facts.id.0, created])?;
        tx.execute("UPDATE stage_history SET entered_on = ?2 WHERE deal_id = ?1", params![facts.id.0, created])?;
    }
    Ok(())
}

/// Records changes of one deal's facts, made at `at`, during `review` if any.
pub(super) struct Changes<'a, 'tx> {
    pub(super) tx: &'a Transaction<'tx>,
    pub(super) deal: DealId,
    pub(super) at: NaiveDateTime,
    pub(super) review: Option<ReviewId>,
}

impl Changes<'_, '_> {
    fn amount(&self, old: i64, new: i64) -> rusqlite::Result<()> {
        self.text(DealField::Amount, Some(&old.to_string()), Some(&new.to_string()))
    }

    pub(super) fn date(
        &self,
        field: DealField,
        old: Option<NaiveDate>,
        new: Option<NaiveDate>,
    ) -> rusqlite::Result<()> {
        self.text(field, old.map(iso).as_deref(), new.map(iso).as_deref())
    }

    /// One row per change. During a review, a field changed again folds into the row this
    /// review already wrote for it (if that row is the field's latest), and a change undone
    /// removes that row.
    pub(super) fn text(&self, field: DealField, old: Option<&str>, new: Option<&str>) -> rusqlite::Result<()> {
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
pub(super) fn move_stage(
    tx: &Transaction<'_>,
    deal: DealId,
    facts: &Deal,
    to: &str,
    day: NaiveDate,
) -> rusqlite::Result<()> {
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
