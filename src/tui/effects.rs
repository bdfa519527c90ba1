//! The only I/O the interface does: effects returned by the app are run here against
//! the store (on the worker thread), and their results come back as actions.

use std::collections::HashMap;

use chrono::{NaiveDate, Timelike};

use super::action::Action;
use super::editors::{Row, Write};
use super::strings;
use super::view::{DealView, NoteView, RepView, Rows};
use super::wizard::{Start, Subject};
use crate::clock::Clock;
use crate::dashboard::Block;
use crate::dashboard::{self, Span, TeamDashboard};
use crate::domain::challenge::{DealFacts, assess, large_amount_threshold};
use crate::domain::change::close_pushes;
use crate::domain::deal::Forecast;
use crate::domain::ids::{DealId, RepId};
use crate::domain::metrics::TargetKind;
use crate::domain::period::Period;
use crate::domain::review::{LedBy, PastAnswer, ReviewKind};
use crate::domain::verdict::VerdictInput;
use crate::script::Script;
use crate::store::challenge::ChallengeData;
use crate::store::deal_edits::{DealEdit, NewDealInput};
use crate::store::drafts::DraftForm;
use crate::store::prospecting::ActivityInput;
use crate::store::reviews::{AnswerToSave, ReviewContext};
use crate::store::undo::{Recording, UndoScope};
use crate::store::{Store, StoreError};

/// Work for the store, returned by `App::update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read a rep's figures for a period and their open deals.
    LoadRep { rep: RepId, period: Period },
    /// Read a rep's figures for another period.
    LoadDashboard { rep: RepId, period: Period },
    /// Read the answers already given for a deal, to start its script (or resume it).
    LoadScript { rep: RepId, deal: DealId, start: Start },
    /// Read what the prospecting review needs, to start it (or resume it).
    LoadReview { rep: RepId, start: Start },
    /// Read the team view's figures.
    LoadTeam { period: Period },
    /// Write one answer in the rep's review of today (of the subject's kind), as a step of
    /// undo `group` (none: the words of a structured answer, which follow its rows).
    SaveAnswer {
        rep: RepId,
        subject: Subject,
        question_id: String,
        question_text: String,
        answer: String,
        group: Option<u64>,
    },
    /// Record where the script stands, to resume it.
    SetPosition { rep: RepId, subject: Subject, step: String },
    /// Fix the order of the deals for today's meeting (opening its review), unless it is.
    FixOrder { rep: RepId, order: Vec<DealId> },
    /// Write a commitment, a criterion or a hypothesis, then read the rep's rows again.
    Write { rep: RepId, subject: Subject, write: Write, group: u64 },
    /// Import a deals or activities file (told apart by its header, as the CLI's imports), then read
    /// the reps and the rep's data again.
    Import { rep: Option<RepId>, path: String, group: u64 },
    /// Complete a path typed in the import popup.
    CompletePath { typed: String },
    /// Keep the verdict form as typed (no fields: forget it), until the verdict is saved.
    SaveDraft { rep: RepId, deal: DealId, fields: Vec<(String, String)> },
    /// Write the verdict (and apply it to the deal), then read the deals again.
    SaveVerdict { rep: RepId, deal: DealId, verdict: VerdictInput, group: u64 },
    /// Change a deal's facts, then read the deals again.
    EditDeal { rep: RepId, deal: DealId, edit: DealEdit, group: u64 },
    /// Set the rep's weekly targets (None: no target) and planned blocks.
    SetTargets { rep: RepId, period: Period, targets: Vec<(TargetKind, Option<i64>)>, blocks: Vec<Block>, group: u64 },
    /// Log an activity, or a count of them.
    LogActivity { rep: RepId, period: Period, input: ActivityInput, group: u64 },
    /// Add a deal, then read the deals again.
    AddDeal { rep: RepId, token: u64, fields: DealEdit, group: u64 },
    /// Undo steps of the rep's meeting today, then read the rows again, and the answers of
    /// `reload` (the script on screen) so it shows what the database holds.
    Undo { rep: RepId, scope: UndoScope, reload: Option<Subject>, period: Period },
}

impl Effect {
    /// Whether the effect writes to the database (every variant named: a new one must say).
    pub fn writes(&self) -> bool {
        match self {
            Effect::LoadRep { .. }
            | Effect::LoadDashboard { .. }
            | Effect::LoadScript { .. }
            | Effect::LoadReview { .. }
            | Effect::LoadTeam { .. }
            | Effect::CompletePath { .. } => false,
            Effect::SaveAnswer { .. }
            | Effect::SetPosition { .. }
            | Effect::FixOrder { .. }
            | Effect::Write { .. }
            | Effect::Import { .. }
            | Effect::SaveDraft { .. }
            | Effect::SaveVerdict { .. }
            | Effect::EditDeal { .. }
            | Effect::SetTargets { .. }
            | Effect::LogActivity { .. }
            | Effect::AddDeal { .. }
            | Effect::Undo { .. } => true,
        }
    }
}

/// The periods whose team view is prepared ahead when `period` is shown: itself (`t` opens
/// on it), then the ones `[` and `]` step to.
fn around(period: Period) -> Vec<Period> {
    [Some(period), Some(period.earlier()), period.later()].into_iter().flatten().collect()
}

/// Today's answers and the previous review's, by question id.
type Answers = (HashMap<String, String>, HashMap<String, PastAnswer>);

/// Runs effects against the database.
pub struct Runner {
    pub store: Store,
    pub clock: Clock,
    pub script: Script,
    /// Why the app may not write (another sparring holds the file), when it may not.
    pub read_only: Option<String>,
    team: TeamCache,
    /// Team views worth having ready before they are asked for (see [`around`]).
    ahead: Vec<Period>,
    /// `PRAGMA data_version` when the file was last seen: it moves when another program writes.
    seen_version: Option<i64>,
}

/// The team views already computed, so that stepping back and forth through periods costs
/// nothing: dropped on every write of the app, and when another process wrote to the file.
#[derive(Default)]
struct TeamCache {
    /// `PRAGMA data_version` when the views were computed.
    version: i64,
    views: Vec<(Period, NaiveDate, TeamDashboard)>,
}

/// Periods kept: a manager steps through a few, not dozens.
const TEAM_VIEWS_KEPT: usize = 8;

impl Runner {
    pub fn new(store: Store, clock: Clock, script: Script) -> Runner {
        let seen_version = store.data_version().ok();
        Runner { store, clock, script, read_only: None, team: TeamCache::default(), ahead: Vec::new(), seen_version }
    }

    /// Whether another program wrote to the file since it was last seen: then the reps as
    /// they are now, for the app to read again what it shows.
    pub fn file_changed(&mut self) -> Option<Action> {
        let version = self.store.data_version().ok()?;
        if self.seen_version == Some(version) {
            return None;
        }
        self.seen_version = Some(version);
        Some(Action::FileChanged { reps: self.store.reps().ok()? })
    }

    /// Runs one effect; the result comes back as an action for the app.
    pub fn run(&mut self, effect: Effect) -> Action {
        if effect.writes() {
            if let Some(why) = &self.read_only {
                return match effect {
                    // Where the meeting stands is the window's own business: kept on screen only.
                    Effect::SetPosition { .. } => Action::PositionSaved,
                    Effect::FixOrder { rep, order } => Action::OrderFixed { rep, order },
                    _ => Action::SaveFailed(why.clone()),
                };
            }
            self.team.views.clear();
        }
        let now = self.clock.now();
        let recording = recording_of(&effect, now);
        self.store.set_recording(recording);
        let action = self.perform(effect);
        self.store.set_recording(None);
        action
    }

    fn perform(&mut self, effect: Effect) -> Action {
        let today = self.clock.today();
        let now = self.clock.now();
        let at = now.format("%H:%M").to_string();
        match effect {
            Effect::LoadRep { rep, period } => match self.load_rep(rep, period, today) {
                Ok(view) => {
                    self.ahead = around(period);
                    Action::RepLoaded(Box::new(view))
                }
                Err(err) => Action::LoadFailed(err.to_string()),
            },
            Effect::LoadDashboard { rep, period } => {
                self.ahead = around(period);
                match dashboard::load(&self.store, rep, Span::Preset(period), today) {
                    Ok(dashboard) => Action::DashboardLoaded { rep, dashboard: Box::new(dashboard) },
                    Err(err) => Action::LoadFailed(err.to_string()),
                }
            }
            Effect::LoadScript { rep, deal, start } => {
                let draft = self.store.draft(rep, deal, DraftForm::Verdict, ReviewKind::Transformation, today);
                match self.answers(rep, Subject::Deal(deal), today).and_then(|a| Ok((a, draft?))) {
                    Ok(((saved, previous), draft)) => Action::ScriptLoaded { deal, saved, previous, draft, start },
                    Err(err) => Action::LoadFailed(err.to_string()),
                }
            }
            Effect::LoadReview { rep, start } => match self.answers(rep, Subject::Prospecting, today) {
                Ok((saved, previous)) => Action::ReviewLoaded { rep, saved, previous, start },
                Err(err) => Action::LoadFailed(err.to_string()),
            },
            Effect::LoadTeam { period } => match self.team_view(period, today) {
                Ok(team) => {
                    self.ahead = around(period);
                    Action::TeamLoaded(Box::new(team))
                }
                Err(err) => Action::LoadFailed(err.to_string()),
            },
            Effect::SaveAnswer { rep, subject, question_id, question_text, answer, .. } => {
                let result = self.store.save_answer(&AnswerToSave {
                    rep,
                    kind: kind_of(subject),
                    led_by: LedBy::Manager,
                    deal: subject.deal(),
                    question_id: &question_id,
                    question_text: &question_text,
                    answer: &answer,
                    today,
                    now,
                });
                match result {
                    Ok(_) => Action::AnswerSaved { subject, question_id, answer, at },
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
            Effect::SetPosition { rep, subject, step } => {
                let ctx = review_context(rep, subject, now);
                match self.store.set_review_position(&ctx, subject.deal(), &step) {
                    Ok(_) => Action::PositionSaved,
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
            Effect::FixOrder { rep, order } => {
                match self.store.fix_meeting_order(&ReviewContext::challenge(rep, now), &order) {
                    Ok(order) => Action::OrderFixed { rep, order },
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
            Effect::Write { rep, subject, write, .. } => {
                let ctx = review_context(rep, subject, now);
                match self.write(&ctx, subject.deal(), write) {
                    Ok(inserted) => self.reloaded(rep, today, |rows| Action::Wrote { rep, inserted, rows, at }),
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
            Effect::Import { rep, path, .. } => self.import(rep, &path, now),
            Effect::CompletePath { typed } => {
                let (completed, candidates) = crate::importing::complete_path(&typed);
                Action::PathCompleted { typed, completed, candidates }
            }
            Effect::SaveDraft { rep, deal, fields } => {
                let ctx = ReviewContext::challenge(rep, now);
                match self.store.save_draft(&ctx, deal, DraftForm::Verdict, &fields) {
                    Ok(()) => Action::DraftSaved { at },
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
            Effect::SaveVerdict { rep, deal, verdict, .. } => {
                let ctx = ReviewContext::challenge(rep, now);
                match self.store.save_verdict(&ctx, deal, &verdict) {
                    Ok(_) => self.reloaded(rep, today, |rows| Action::Wrote { rep, inserted: None, rows, at }),
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
            Effect::EditDeal { rep, deal, edit, .. } => {
                let review = self.store.open_review_on(rep, ReviewKind::Transformation, LedBy::Manager, today);
                match review.and_then(|review| self.store.edit_deal(deal, &edit, now, review)) {
                    Ok(()) => self.reloaded(rep, today, |rows| Action::Wrote { rep, inserted: None, rows, at }),
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
            Effect::SetTargets { rep, period, targets, blocks, .. } => {
                match self.store.set_targets_and_blocks(rep, &targets, Some(&blocks), today) {
                    Ok(()) => self.prospecting_saved(rep, period, today, strings::saved_notice(&at)),
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
            Effect::LogActivity { rep, period, mut input, .. } => {
                // Done today: it happened now, to the second; another day has no time.
                if input.occurred_at.date() == today {
                    input.occurred_at = now.with_nanosecond(0).unwrap_or(now);
                }
                let notice = strings::logged(input.count, input.kind);
                match self.store.log_activity(rep, &input) {
                    Ok(_) => self.prospecting_saved(rep, period, today, notice),
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
            Effect::Undo { rep, scope, reload, period } => match self.store.undo(rep, today, scope, now) {
                Ok(label) => {
                    let answers = match reload {
                        Some(subject) => match self.answers(rep, subject, today) {
                            Ok((saved, _)) => Some((subject, saved)),
                            Err(err) => return Action::LoadFailed(err.to_string()),
                        },
                        None => None,
                    };
                    let loaded = (|| {
                        let rows = self.rows(rep, today)?;
                        let targets = self.store.targets(rep)?;
                        let dashboard = dashboard::load(&self.store, rep, Span::Preset(period), today)?;
                        Ok::<_, StoreError>((rows, targets, dashboard, self.store.reps()?))
                    })();
                    match loaded {
                        Ok((rows, targets, dashboard, reps)) => Action::Undone {
                            rep,
                            reps,
                            scope,
                            label,
                            rows: Box::new(rows),
                            answers,
                            targets,
                            dashboard: Box::new(dashboard),
                        },
                        Err(err) => Action::LoadFailed(err.to_string()),
                    }
                }
                Err(err) => Action::SaveFailed(err.to_string()),
            },
            Effect::AddDeal { rep, token, fields, .. } => {
                let input = NewDealInput {
                    account: fields.account,
                    name: fields.name,
                    amount_minor: fields.amount_minor,
                    currency: self.rep_currency(rep),
                    stage: fields.stage,
                    close_on: fields.close_on,
                    forecast: Forecast::Pipeline,
                    sponsor_name: fields.sponsor_name,
                    sponsor_role: fields.sponsor_role,
                    next_step: fields.next_step,
                    next_step_on: fields.next_step_on,
                    created_on: fields.created_on,
                };
                match self.store.add_deal(rep, &input, today) {
                    Ok(deal) => self.reloaded(rep, today, |rows| Action::DealAdded { rep, token, deal, rows, at }),
                    Err(err) => Action::SaveFailed(err.to_string()),
                }
            }
        }
    }

    /// Today's answers about `subject` (in the rep's open review of its kind) and those
    /// of the previous review, by question id.
    fn answers(&self, rep: RepId, subject: Subject, today: NaiveDate) -> Result<Answers, StoreError> {
        let review = self.store.open_review_on(rep, kind_of(subject), LedBy::Manager, today)?;
        let saved = match review {
            Some(review) => self.store.answers(review, subject.deal())?,
            None => HashMap::default(),
        };
        let previous = match subject {
            Subject::Deal(deal) => self.store.previous_answers(deal, review)?,
            Subject::Prospecting => self.store.previous_prospecting_answers(rep, review)?,
        };
        Ok((saved, previous))
    }

    /// The rep's targets and figures read again after a prospecting write.
    fn prospecting_saved(&self, rep: RepId, period: Period, today: NaiveDate, notice: String) -> Action {
        let loaded = (|| {
            let targets = self.store.targets(rep)?;
            let dashboard = dashboard::load(&self.store, rep, Span::Preset(period), today)?;
            Ok::<_, StoreError>((targets, dashboard))
        })();
        match loaded {
            Ok((targets, dashboard)) => {
                Action::ProspectingSaved { rep, targets, dashboard: Box::new(dashboard), notice }
            }
            Err(err) => Action::LoadFailed(err.to_string()),
        }
    }

    /// The team view of a period: computed once, then from the cache until something is written.
    fn team_view(&mut self, period: Period, today: NaiveDate) -> Result<TeamDashboard, StoreError> {
        let version = self.store.data_version()?;
        if version != self.team.version {
            self.team = TeamCache { version, views: Vec::new() };
        }
        if let Some((_, _, team)) = self.team.views.iter().find(|(p, d, _)| *p == period && *d == today) {
            return Ok(team.clone());
        }
        let team = dashboard::load_team(&self.store, Span::Preset(period), today)?;
        if self.team.views.len() == TEAM_VIEWS_KEPT {
            self.team.views.remove(0);
        }
        self.team.views.push((period, today, team.clone()));
        Ok(team)
    }

    /// Computes one of the team views likely to be asked for next, while the worker has
    /// nothing else to do, so that `t`, `[` and `]` find it ready; false when all are ready.
    /// A write drops what was prepared (the cache is cleared) and the next idle moment
    /// prepares it again from the new data.
    pub fn prepare_ahead(&mut self) -> bool {
        let today = self.clock.today();
        if self.store.data_version().ok() != Some(self.team.version) {
            self.team.views.clear();
        }
        let cached = |p: &Period| self.team.views.iter().any(|(q, d, _)| q == p && *d == today);
        let Some(period) = self.ahead.iter().copied().find(|p| !cached(p)) else { return false };
        if self.team_view(period, today).is_err() {
            // Not shown here: the view is read again, and the error shown, when asked for.
            self.ahead.retain(|p| *p != period);
        }
        true
    }

    /// Reads the rep's rows again after a write and builds the action carrying them.
    /// A file imported from the app: the summary's lines and the reps as they are now.
    fn import(&mut self, rep: Option<RepId>, path: &str, now: chrono::NaiveDateTime) -> Action {
        let path = match path.strip_prefix("~/").zip(std::env::var_os("HOME")) {
            Some((rest, home)) => std::path::PathBuf::from(home).join(rest),
            None => std::path::PathBuf::from(path),
        };
        let currency = rep.map_or_else(|| "EUR".to_string(), |rep| self.rep_currency(rep));
        let done = crate::config::Config::load_user().and_then(|config| {
            crate::importing::run_file(&mut self.store, &self.script, &config, &path, &currency, now)
        });
        match (done, self.store.reps()) {
            (Ok(mut lines), Ok(reps)) => {
                if rep.is_some() {
                    lines.push(strings::IMPORT_UNDO.to_string());
                }
                Action::Imported { lines, reps }
            }
            (Err(err), _) => Action::ImportFailed(err.to_string()),
            (_, Err(err)) => Action::LoadFailed(err.to_string()),
        }
    }

    fn reloaded(&self, rep: RepId, today: NaiveDate, action: impl FnOnce(Box<Rows>) -> Action) -> Action {
        match self.rows(rep, today) {
            Ok(rows) => action(Box::new(rows)),
            Err(err) => Action::LoadFailed(err.to_string()),
        }
    }

    /// The rep's open deals, assessed, and their own prospecting commitments.
    fn rows(&self, rep: RepId, today: NaiveDate) -> Result<Rows, StoreError> {
        let deals = deal_views(self.store.challenge_data(rep)?, &self.script, today);
        let prospecting = self.store.prospecting_commitments(rep, today)?;
        Ok(Rows { deals, prospecting })
    }

    /// Runs one structured write; a new row's id comes back with its token.
    fn write(
        &mut self,
        ctx: &ReviewContext,
        deal: Option<DealId>,
        write: Write,
    ) -> Result<Option<(u64, Row)>, StoreError> {
        let store = &mut self.store;
        // Criteria and hypotheses are always about a deal; commitments may be the rep's own.
        let about = || deal.ok_or_else(|| StoreError::Refused("this answer is about a deal".into()));
        Ok(match write {
            Write::AddCommitment { token, owner, what, due_on } => {
                let id = store.add_commitment(ctx, deal, owner, &what, due_on)?;
                Some((token, Row::Commitment(id)))
            }
            Write::UpdateCommitment { id, owner, what, due_on } => {
                store.update_commitment(id, owner, &what, due_on)?;
                None
            }
            Write::DeleteCommitment { id } => {
                store.delete_commitment(id)?;
                None
            }
            Write::SettleCommitment { id, status, note } => {
                store.settle_commitment(ctx, id, status, &note)?;
                None
            }
            Write::ValidateCriterion { stage, criterion, text, evidence } => {
                store.validate_criterion(ctx, about()?, &stage, &criterion, &text, &evidence)?;
                None
            }
            Write::UnvalidateCriterion { stage, criterion } => {
                store.unvalidate_criterion(about()?, &stage, &criterion)?;
                None
            }
            Write::NoteCriterion { stage, criterion, note } => {
                store.note_criterion(ctx, about()?, &stage, &criterion, &note)?;
                None
            }
            Write::AddHypothesis { token, topic, statement, test_plan, test_by } => {
                let id = store.add_hypothesis(ctx, about()?, topic, &statement, &test_plan, test_by)?;
                Some((token, Row::Hypothesis(id)))
            }
            Write::UpdateHypothesis { id, topic, statement, test_plan, test_by } => {
                store.update_hypothesis(id, topic, &statement, &test_plan, test_by)?;
                None
            }
            Write::SettleHypothesis { id, status, result } => {
                store.settle_hypothesis(ctx, id, status, &result)?;
                None
            }
        })
    }

    fn load_rep(&self, rep: RepId, period: Period, today: NaiveDate) -> Result<RepView, StoreError> {
        let dashboard = dashboard::load(&self.store, rep, Span::Preset(period), today)?;
        let Rows { deals, prospecting } = self.rows(rep, today)?;
        let targets = self.store.targets(rep)?;
        let meeting_order = self.store.meeting_order(rep, today)?;
        Ok(RepView { rep, dashboard, deals, prospecting, targets, meeting_order })
    }

    fn rep_currency(&self, rep: RepId) -> String {
        let deals = self.store.open_deals(rep).unwrap_or_default();
        most_common(deals.iter().map(|d| d.currency.as_str())).unwrap_or("EUR").to_string()
    }
}

/// What a write is, in words, and the undo group it belongs to: the step the store records
/// it in. Loads, positions and the words of structured answers are not undo steps.
fn recording_of(effect: &Effect, now: chrono::NaiveDateTime) -> Option<Recording> {
    let quoted = |text: &str| strings::quoted(text);
    let (rep, group, label) = match effect {
        Effect::SaveAnswer { rep, question_text, group: Some(group), .. } => {
            (*rep, *group, format!("the answer to {}", quoted(question_text)))
        }
        Effect::Write { rep, write, group, .. } => (*rep, *group, write_label(write)),
        Effect::SaveVerdict { rep, group, .. } => (*rep, *group, "the verdict".to_string()),
        Effect::EditDeal { rep, group, edit, .. } => {
            (*rep, *group, format!("the edit of {}", quoted(&strings::deal_label(&edit.account, &edit.name))))
        }
        Effect::AddDeal { rep, group, fields, .. } => {
            (*rep, *group, format!("the new deal {}", quoted(&strings::deal_label(&fields.account, &fields.name))))
        }
        Effect::SetTargets { rep, group, .. } => (*rep, *group, "the targets and planned blocks".to_string()),
        Effect::LogActivity { rep, group, .. } => (*rep, *group, "the activity logged".to_string()),
        Effect::Import { rep: Some(rep), group, path } => {
            let file = path.rsplit('/').next().unwrap_or(path);
            (*rep, *group, format!("the import of {}", quoted(file)))
        }
        _ => return None,
    };
    Some(Recording { rep, day: now.date(), group, label, now })
}

fn write_label(write: &Write) -> String {
    let quoted = |text: &str| strings::quoted(text);
    match write {
        Write::AddCommitment { what, .. } | Write::UpdateCommitment { what, .. } => {
            format!("the commitment {}", quoted(what))
        }
        Write::DeleteCommitment { .. } => "the deleted commitment".to_string(),
        Write::SettleCommitment { status, .. } => {
            format!("the commitment marked {}", strings::commitment_status(*status).to_lowercase())
        }
        Write::ValidateCriterion { text, .. } => format!("the exit criterion {}", quoted(text)),
        Write::UnvalidateCriterion { .. } | Write::NoteCriterion { .. } => "the exit criterion's note".to_string(),
        Write::AddHypothesis { statement, .. } | Write::UpdateHypothesis { statement, .. } => {
            format!("the hypothesis {}", quoted(statement))
        }
        Write::SettleHypothesis { status, .. } => {
            format!("the hypothesis marked {}", strings::hypothesis_status(*status).to_lowercase())
        }
    }
}

/// The kind of review a script's writes go to.
fn kind_of(subject: Subject) -> ReviewKind {
    match subject {
        Subject::Deal(_) => ReviewKind::Transformation,
        Subject::Prospecting => ReviewKind::Prospecting,
    }
}

/// The manager's review of the rep, of the subject's kind, today.
fn review_context(rep: RepId, subject: Subject, now: chrono::NaiveDateTime) -> ReviewContext {
    ReviewContext { kind: kind_of(subject), ..ReviewContext::challenge(rep, now) }
}

/// Splits a rep's challenge data by deal and assesses each deal's need of a challenge.
fn deal_views(data: ChallengeData, script: &Script, today: NaiveDate) -> Vec<DealView> {
    let amounts: Vec<i64> = data.deals.iter().map(|d| d.amount_minor).collect();
    let large_from = large_amount_threshold(&amounts);
    let mut views: Vec<DealView> = data.deals.into_iter().map(DealView::bare).collect();
    let index: HashMap<DealId, usize> = views.iter().enumerate().map(|(i, v)| (v.deal.id, i)).collect();
    let at = |id: DealId| index.get(&id).copied();
    for c in data.commitments {
        if let Some(i) = c.deal_id.and_then(at) {
            views[i].commitments.push(c);
        }
    }
    for h in data.hypotheses {
        if let Some(i) = at(h.deal_id) {
            views[i].hypotheses.push(h);
        }
    }
    for (deal, check) in data.checks {
        if let Some(i) = at(deal) {
            views[i].checks.push(check);
        }
    }
    for n in data.criterion_notes {
        if let Some(i) = at(n.deal_id) {
            views[i].notes.push(NoteView { stage: n.stage, criterion: n.criterion, note: n.note, held_on: n.held_on });
        }
    }
    for c in data.changes {
        if let Some(i) = at(c.deal_id) {
            views[i].changes.push(c);
        }
    }
    for e in data.stage_history {
        if let Some(i) = at(e.deal_id) {
            views[i].history.push(e);
        }
    }
    for (deal, day) in data.last_review {
        if let Some(i) = at(deal) {
            views[i].last_review = Some(day);
        }
    }
    for (deal, verdict) in data.last_verdict {
        if let Some(i) = at(deal) {
            views[i].last_verdict = Some(verdict);
        }
    }
    for (deal, verdict) in data.open_verdicts {
        if let Some(i) = at(deal) {
            views[i].today_verdict = Some(verdict);
        }
    }
    for view in &mut views {
        view.close_pushes = close_pushes(&view.changes);
        let facts = DealFacts {
            deal: &view.deal,
            expected_days: script.stage(&view.deal.stage).map(|s| s.expected_days),
            commitments: &view.commitments,
            close_pushes: view.close_pushes,
        };
        view.assessment = assess(&facts, today, large_from);
    }
    views
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
