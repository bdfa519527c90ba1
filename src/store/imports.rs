//! Imports written in one transaction: a file's deals created or updated by their CRM id,
//! their differences with what is stored turned into history (stage moves in
//! `stage_history`, amount, close date, forecast and next step changes in `deal_changes`),
//! and the owners that are not reps yet created. A dry run does the same and rolls back.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::bulk::{self, NewDeal, NewRep};
use super::deal_edits::{Changes, move_stage};
use super::deals::{DEAL_COLUMNS, deal_from_row};
use super::{Store, StoreError};
use crate::domain::change::DealField;
use crate::domain::deal::{Deal, DealStatus, Forecast};
use crate::domain::ids::{DealId, RepId};
use crate::import::deals::ImportedDeal;
use crate::import::reps::ImportedRep;

/// What an import did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Owners that were not reps, created (in file order).
    pub new_reps: Vec<String>,
    /// Of the updates: stage moves and close dates pushed later.
    pub stage_moves: usize,
    pub close_pushes: usize,
    /// Deals created with no created date in the file: dated the day of the import.
    pub undated: usize,
}

impl Store {
    /// Writes the deals of a file: a deal already imported (same `external_id`) is
    /// updated, the others created. `currency` is for rows that name none. All or nothing;
    /// `dry_run` rolls back at the end.
    pub fn import_deals(
        &mut self,
        deals: &[ImportedDeal],
        currency: &str,
        now: NaiveDateTime,
        dry_run: bool,
    ) -> Result<ImportCounts, StoreError> {
        let (logged, recording) = self.undo_context();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if logged {
            super::undo::start(&tx)?;
        }
        let counts = write_deals(&tx, deals, currency, now)?;
        finish(tx, dry_run, logged, recording.as_ref())?;
        Ok(counts)
    }
}

/// A rep's email, manager and team as stored.
type Contact = (Option<String>, Option<String>, Option<String>);

impl Store {
    /// Writes the reps of a file: a rep already there (same name, any case) gets the
    /// manager, team, email and weekly targets the file gives; the others are created. A
    /// changed target applies from the week of `today` on, as one set in the app does (see
    /// [`bulk::set_target`]). One transaction.
    pub fn import_reps(
        &mut self,
        reps: &[ImportedRep],
        today: NaiveDate,
        dry_run: bool,
    ) -> Result<ImportCounts, StoreError> {
        let (logged, recording) = self.undo_context();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if logged {
            super::undo::start(&tx)?;
        }
        let mut counts = ImportCounts::default();
        for rep in reps {
            let stored: Option<(i64, Contact)> = tx
                .prepare_cached("SELECT id, email, manager, team FROM reps WHERE lower(trim(name)) = lower(trim(?1))")?
                .query_row(params![rep.name], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
                .optional()?;
            match stored {
                None => {
                    let new = NewRep {
                        name: rep.name.trim(),
                        email: rep.email.as_deref(),
                        manager: rep.manager.as_deref(),
                        team: rep.team.as_deref(),
                    };
                    let id = bulk::insert_rep(&tx, &new)?;
                    if rep.active == Some(false) {
                        tx.execute("UPDATE reps SET active = 0 WHERE id = ?1", params![id.0])?;
                    }
                    for (kind, per_week) in &rep.targets {
                        bulk::set_target(&tx, id, *kind, Some(*per_week), today)?;
                    }
                    counts.created += 1;
                    counts.new_reps.push(rep.name.trim().to_string());
                }
                Some((id, (email, manager, team))) => {
                    let mut others_changed = false;
                    if let Some(active) = rep.active {
                        let changed = tx.execute(
                            "UPDATE reps SET active = ?2 WHERE id = ?1 AND active != ?2",
                            params![id, active],
                        )?;
                        others_changed |= changed > 0;
                    }
                    for (kind, per_week) in &rep.targets {
                        let stored: Option<i64> = tx
                            .prepare_cached("SELECT per_week FROM targets WHERE rep_id = ?1 AND kind = ?2")?
                            .query_row(params![id, kind.as_str()], |r| r.get(0))
                            .optional()?;
                        if stored != Some(*per_week) {
                            bulk::set_target(&tx, RepId(id), *kind, Some(*per_week), today)?;
                            others_changed = true;
                        }
                    }
                    let email_new = rep.email.clone().or_else(|| email.clone());
                    let manager_new = rep.manager.clone().or_else(|| manager.clone());
                    let team_new = rep.team.clone().or_else(|| team.clone());
                    if (&email_new, &manager_new, &team_new) == (&email, &manager, &team) {
                        if others_changed { counts.updated += 1 } else { counts.unchanged += 1 }
                    } else {
                        tx.execute(
                            "UPDATE reps SET email = ?2, manager = ?3, team = ?4 WHERE id = ?1",
                            params![id, email_new, manager_new, team_new],
                        )?;
                        counts.updated += 1;
                    }
                }
            }
        }
        finish(tx, dry_run, logged, recording.as_ref())?;
        Ok(counts)
    }
}

/// Ends an import's transaction: rolled back when dry, else committed, as one undo step
/// when made in the app.
pub(super) fn finish(
    tx: Transaction<'_>,
    dry_run: bool,
    logged: bool,
    recording: Option<&super::undo::Recording>,
) -> rusqlite::Result<()> {
    if dry_run {
        return tx.rollback();
    }
    if let (true, Some(recording)) = (logged, recording) {
        super::undo::finish(&tx, recording)?;
    }
    tx.commit()
}

fn write_deals(
    tx: &Transaction<'_>,
    deals: &[ImportedDeal],
    currency: &str,
    now: NaiveDateTime,
) -> Result<ImportCounts, StoreError> {
    let mut counts = ImportCounts::default();
    let mut reps: HashMap<String, RepId> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT id, name FROM reps")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            reps.entry(name.trim().to_lowercase()).or_insert(RepId(id));
        }
    }
    for deal in deals {
        let key = deal.rep.trim().to_lowercase();
        let rep = if let Some(id) = reps.get(&key) {
            *id
        } else {
            let name = deal.rep.trim();
            let id = bulk::insert_rep(tx, &NewRep { name, email: None, manager: None, team: None })?;
            counts.new_reps.push(name.to_string());
            reps.insert(key, id);
            id
        };
        let stored = tx
            .prepare_cached(&format!("SELECT {DEAL_COLUMNS} FROM deals WHERE external_id = ?1"))?
            .query_row(params![deal.external_id], deal_from_row)
            .optional()?;
        match stored {
            None => {
                create(tx, deal, rep, currency, now.date())?;
                counts.created += 1;
                counts.undated += usize::from(deal.created_on.is_none());
            }
            Some(facts) => {
                let change = update(tx, deal, rep, &facts, now)?;
                counts.stage_moves += usize::from(change.moved);
                counts.close_pushes += usize::from(change.pushed);
                if change.any { counts.updated += 1 } else { counts.unchanged += 1 }
            }
        }
    }
    Ok(counts)
}

fn closed_forecast(status: DealStatus, forecast: Option<Forecast>) -> Forecast {
    match status {
        DealStatus::Won => Forecast::Won,
        DealStatus::Lost => Forecast::Lost,
        DealStatus::Open => forecast.unwrap_or(Forecast::Pipeline),
    }
}

fn create(
    tx: &Transaction<'_>,
    d: &ImportedDeal,
    rep: RepId,
    currency: &str,
    today: NaiveDate,
) -> rusqlite::Result<DealId> {
    // A deal is created when the CRM says it was: loading a pipeline is not pipeline created today.
    let created_on = d.created_on.unwrap_or(today);
    let closed_on = (d.status != DealStatus::Open).then(|| d.closed_on.or(d.close_on).unwrap_or(today));
    let id = bulk::insert_deal(
        tx,
        &NewDeal {
            external_id: Some(&d.external_id),
            rep,
            account: &d.account,
            name: &d.name,
            amount_minor: d.amount_minor.unwrap_or(0),
            currency: d.currency.as_deref().unwrap_or(currency),
            stage: &d.stage,
            stage_entered_on: d.stage_entered_on.unwrap_or(created_on),
            close_on: d.close_on,
            forecast: closed_forecast(d.status, d.forecast),
            sponsor_name: d.sponsor_name.as_deref(),
            sponsor_role: d.sponsor_role.as_deref(),
            next_step: d.next_step.as_deref(),
            next_step_on: d.next_step_on,
            source_channel: d.source_channel.as_deref(),
            segment: d.segment.as_deref(),
            status: d.status,
            created_on,
            closed_on,
        },
    )?;
    bulk::insert_stage_entry(tx, id, &d.stage, d.stage_entered_on.unwrap_or(created_on))?;
    Ok(id)
}

/// What an update changed.
struct Change {
    any: bool,
    moved: bool,
    pushed: bool,
}

fn update(
    tx: &Transaction<'_>,
    d: &ImportedDeal,
    rep: RepId,
    facts: &Deal,
    now: NaiveDateTime,
) -> rusqlite::Result<Change> {
    let today = now.date();
    let changes = Changes { tx, deal: facts.id, at: now, review: None };
    let mut change = Change { any: false, moved: false, pushed: false };
    if let Some(amount) = d.amount_minor.filter(|a| *a != facts.amount_minor) {
        changes.text(DealField::Amount, Some(&facts.amount_minor.to_string()), Some(&amount.to_string()))?;
        tx.execute("UPDATE deals SET amount_minor = ?2 WHERE id = ?1", params![facts.id.0, amount])?;
        change.any = true;
    }
    if let Some(close) = d.close_on.filter(|c| Some(*c) != facts.close_on) {
        changes.date(DealField::CloseOn, facts.close_on, Some(close))?;
        tx.execute("UPDATE deals SET close_on = ?2 WHERE id = ?1", params![facts.id.0, close])?;
        change.pushed = facts.close_on.is_some_and(|old| close > old);
        change.any = true;
    }
    if d.status == DealStatus::Open {
        if let Some(forecast) = d.forecast.filter(|f| *f != facts.forecast) {
            changes.text(DealField::Forecast, Some(facts.forecast.as_str()), Some(forecast.as_str()))?;
            tx.execute("UPDATE deals SET forecast = ?2 WHERE id = ?1", params![facts.id.0, forecast.as_str()])?;
            change.any = true;
        }
        if facts.stage != d.stage {
            move_stage(tx, facts.id, facts, &d.stage, today)?;
            change.moved = true;
            change.any = true;
        }
    }
    if let Some(step) = d.next_step.as_deref().filter(|s| Some(*s) != facts.next_step.as_deref()) {
        changes.text(DealField::NextStep, facts.next_step.as_deref(), Some(step))?;
        tx.execute("UPDATE deals SET next_step = ?2 WHERE id = ?1", params![facts.id.0, step])?;
        change.any = true;
    }
    if d.status != facts.status {
        let closed_on = (d.status != DealStatus::Open).then(|| d.closed_on.or(d.close_on).unwrap_or(today));
        let forecast = closed_forecast(d.status, d.forecast.or(Some(facts.forecast)));
        tx.execute(
            "UPDATE deals SET status = ?2, closed_on = ?3, forecast = ?4 WHERE id = ?1",
            params![facts.id.0, d.status.as_str(), closed_on, forecast.as_str()],
        )?;
        change.any = true;
    }
    let currency = d.currency.as_deref().unwrap_or(&facts.currency);
    let segment = d.segment.as_deref().or(facts.segment.as_deref());
    let plain_changed = rep != facts.rep_id
        || d.account != facts.account
        || d.name != facts.name
        || currency != facts.currency
        || segment != facts.segment.as_deref();
    if plain_changed {
        tx.execute(
            "UPDATE deals SET rep_id = ?2, account = ?3, name = ?4, currency = ?5, segment = ?6 WHERE id = ?1",
            params![facts.id.0, rep.0, d.account, d.name, currency, segment],
        )?;
        change.any = true;
    }
    Ok(change)
}
