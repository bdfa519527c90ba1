//! The only I/O the interface does: effects returned by the app are run here against
//! the store, and their results come back as actions.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::action::{Action, DealView, RepView};
use crate::clock::Clock;
use crate::dashboard;
use crate::domain::challenge::by_stage_overrun;
use crate::domain::ids::{DealId, RepId};
use crate::domain::period::Period;
use crate::domain::review::{LedBy, ReviewKind};
use crate::script::Script;
use crate::store::reviews::AnswerToSave;
use crate::store::{Store, StoreError};

/// Work for the store, returned by `App::update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read a rep's figures for a period and their open deals.
    LoadRep { rep: RepId, period: Period },
    /// Read a rep's figures for another period.
    LoadDashboard { rep: RepId, period: Period },
    /// Read the answers already given for a deal, to start its script (or resume it at a question).
    LoadScript { rep: RepId, deal: DealId, resume_at: Option<String> },
    /// Write one answer in the rep's review of today.
    SaveAnswer { rep: RepId, deal: DealId, question_id: String, question_text: String, answer: String },
}

/// Runs effects against the database.
pub struct Runner {
    pub store: Store,
    pub clock: Clock,
    pub script: Script,
}

impl Runner {
    /// Runs one effect; the result comes back as an action for the app.
    pub fn run(&mut self, effect: Effect) -> Action {
        let script = &self.script;
        let today = self.clock.today();
        match effect {
            Effect::LoadRep { rep, period } => match load_rep(&self.store, script, rep, period, today) {
                Ok(view) => Action::RepLoaded(Box::new(view)),
                Err(err) => Action::LoadFailed(err.to_string()),
            },
            Effect::LoadDashboard { rep, period } => match dashboard::load(&self.store, rep, period, today) {
                Ok(dashboard) => Action::DashboardLoaded { rep, dashboard: Box::new(dashboard) },
                Err(err) => Action::LoadFailed(err.to_string()),
            },
            Effect::LoadScript { rep, deal, resume_at } => {
                let loaded = (|| {
                    let review = self.store.open_review_on(rep, ReviewKind::Transformation, LedBy::Manager, today)?;
                    let saved = match review {
                        Some(review) => self.store.answers(review, Some(deal))?,
                        None => HashMap::default(),
                    };
                    let previous = self.store.previous_answers(deal, review)?;
                    Ok::<_, StoreError>((saved, previous))
                })();
                match loaded {
                    Ok((saved, previous)) => Action::ScriptLoaded { deal, saved, previous, resume_at },
                    Err(err) => Action::LoadFailed(err.to_string()),
                }
            }
            Effect::SaveAnswer { rep, deal, question_id, question_text, answer } => {
                let now = self.clock.now();
                let result = self.store.save_answer(&AnswerToSave {
                    rep,
                    kind: ReviewKind::Transformation,
                    led_by: LedBy::Manager,
                    deal: Some(deal),
                    question_id: &question_id,
                    question_text: &question_text,
                    answer: &answer,
                    today,
                    now,
                });
                match result {
                    Ok(_) => Action::AnswerSaved { deal, question_id, answer, at: now.format("%H:%M").to_string() },
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
        }
    }
}

fn load_rep(
    store: &Store,
    script: &Script,
    rep: RepId,
    period: Period,
    today: NaiveDate,
) -> Result<RepView, StoreError> {
    let dashboard = dashboard::load(store, rep, period, today)?;
    let mut deals = Vec::new();
    for deal in store.open_deals(rep)? {
        let checks = store.criteria_checks(deal.id)?;
        let commitments = store.open_commitments(deal.id)?;
        deals.push(DealView { deal, checks, commitments });
    }
    by_stage_overrun(&mut deals, |view| &view.deal, |key| script.stage(key).map(|s| s.expected_days), today);
    let currency = most_common(deals.iter().map(|d| d.deal.currency.as_str())).unwrap_or("EUR").to_string();
    Ok(RepView { rep, dashboard, deals, currency })
}

fn most_common<'a>(items: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(k, _)| *k == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(k, _)| k)
}
