//! What the app does with the results of its effects: data read, rows written, undo done,
//! something failed.

use std::collections::HashMap;

use super::{App, Notice, PendingResume, review_ctx};
use crate::dashboard::Dashboard;
use crate::domain::ids::{DealId, RepId};
use crate::domain::review::PastAnswer;
use crate::domain::text::one_line;
use crate::script::{AnswerKind, Figure, Script};
use crate::store::undo::UndoScope;
use crate::tui::action::Action;
use crate::tui::editors::{Row, list_of};
use crate::tui::effects::Effect;
use crate::tui::strings;
use crate::tui::summary::structured_answer;
use crate::tui::view::{RepView, Rows};
use crate::tui::wizard::{Msg, Start, Subject, Wizard, verdict_form};

impl App {
    /// An action that is not a key: the result of an effect.
    pub(super) fn loaded(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Command(_) | Action::Key(_) | Action::Paste(_) | Action::Idle | Action::PositionSaved => Vec::new(),
            Action::OrderFixed { rep, order } => {
                if let Some(view) = self.view.as_mut().filter(|v| v.rep == rep) {
                    view.meeting_order = order;
                }
                self.keeping_selection(|_| {});
                Vec::new()
            }
            Action::ProspectingSaved { rep, targets, dashboard, notice } => {
                self.figures_loaded(rep, targets, *dashboard);
                self.notice = Some(Notice::info(notice));
                self.reload_team()
            }
            Action::RepLoaded(view) => self.rep_loaded(*view),
            Action::DashboardLoaded { rep, dashboard } => {
                if let Some(view) =
                    self.view.as_mut().filter(|v| v.rep == rep && dashboard.period() == Some(self.period))
                {
                    view.dashboard = *dashboard;
                }
                Vec::new()
            }
            Action::Wrote { rep, inserted, rows, at } => {
                self.notice = Some(Notice::info(strings::saved_notice(&at)));
                self.rows_loaded(rep, *rows, inserted)
            }
            Action::ReviewLoaded { rep, saved, previous, start } => self.review_loaded(rep, saved, previous, &start),
            Action::TeamLoaded(team) => {
                if team.team.period() == Some(self.period) {
                    let current = self.current_rep_id();
                    self.team.loaded(team, current);
                }
                Vec::new()
            }
            Action::DealAdded { rep, token, deal, rows, at } => {
                self.notice = Some(Notice::info(strings::saved_notice(&at)));
                let mut effects = Vec::new();
                if self.popup.as_mut().is_some_and(|popup| popup.deal_added(token, deal)) {
                    effects = self.save_popup(false);
                }
                effects.extend(self.rows_loaded(rep, *rows, None));
                if self.popup.is_none() {
                    self.select(deal);
                }
                effects
            }
            Action::Undone { rep, reps, scope, label, rows, answers, targets, dashboard } => {
                let current = self.current_rep_id();
                self.reps = reps;
                self.rep = current
                    .and_then(|id| self.reps.iter().position(|r| r.id == id))
                    .or_else(|| (!self.reps.is_empty()).then_some(0));
                self.notice = Some(match (&label, scope) {
                    (Some(label), UndoScope::Last) => Notice::info(strings::undone(label)),
                    (Some(label), UndoScope::Group(_)) => Notice::info(strings::cancelled(label)),
                    (None, UndoScope::Last) => Notice::info(strings::NOTHING_TO_UNDO),
                    (None, UndoScope::Group(_)) => return self.rows_loaded(rep, *rows, None),
                });
                self.figures_loaded(rep, targets, *dashboard);
                let mut effects = self.rows_loaded(rep, *rows, None);
                if let Some((subject, saved)) = answers {
                    self.with_script(subject, |wizard, ctx| {
                        wizard.answers_reloaded(saved, ctx);
                        Vec::new()
                    });
                }
                effects.extend(self.reload_team());
                effects
            }
            Action::ScriptLoaded { deal, saved, previous, draft, start } => {
                self.script_loaded(deal, saved, previous, &draft, &start)
            }
            Action::Imported { lines, reps } => {
                let current = self.current_rep_id();
                self.reps = reps;
                self.notice = lines.first().map(|l| Notice::info(l.clone()));
                if let Some(popup) = self.popup.as_mut() {
                    popup.imported(lines);
                }
                let index = current.and_then(|id| self.reps.iter().position(|r| r.id == id));
                // The rep's data read again (the summary stays up meanwhile).
                let popup = self.popup.take();
                let effects = match index.or_else(|| (!self.reps.is_empty()).then_some(0)) {
                    Some(index) => self.select_rep(index),
                    None => Vec::new(),
                };
                self.popup = popup;
                effects
            }
            Action::FileChanged { reps } => {
                let current = self.current_rep_id();
                self.reps = reps;
                self.rep = current
                    .and_then(|id| self.reps.iter().position(|r| r.id == id))
                    .or_else(|| (!self.reps.is_empty()).then_some(0));
                // Not under the manager's hands: a form, a script, a field being typed in.
                let busy = self.popup.is_some()
                    || self.deal_list.wizard.is_some()
                    || self.prospecting.review.is_some()
                    || self.modes()[0].takes_text();
                let mut effects = Vec::new();
                if let (false, Some(rep)) = (busy, self.current_rep_id()) {
                    effects.push(Effect::LoadRep { rep, period: self.period });
                    effects.extend(self.reload_team());
                }
                effects
            }
            Action::ImportFailed(why) => {
                match self.popup.as_mut() {
                    Some(popup) => popup.import_failed(&why),
                    None => self.notice = Some(Notice::error(strings::load_failed(&one_line(&why)))),
                }
                Vec::new()
            }
            Action::PathCompleted { typed, completed, candidates } => {
                if let Some(popup) = self.popup.as_mut() {
                    popup.path_completed(&typed, &completed, &candidates);
                }
                Vec::new()
            }
            Action::DraftSaved { at } => {
                if self.deal_list.wizard.as_ref().is_none_or(|w| !w.has_drafts()) {
                    self.saved_quietly(&at);
                }
                Vec::new()
            }
            Action::AnswerSaved { subject, question_id, answer, at } => {
                let mut all_saved = true;
                if let Some(wizard) = self.script_mut(subject) {
                    wizard.confirm_saved(&question_id, &answer);
                    all_saved = !wizard.has_drafts();
                }
                // "Saved" only when it is true of everything typed.
                if all_saved {
                    self.saved_quietly(&at);
                }
                Vec::new()
            }
            Action::SaveFailed(err) => {
                // A verdict on its way did not get there: the summary must not say it did.
                if let Some(verdict) = self.deal_list.wizard.as_mut().and_then(|w| w.verdict.as_mut()) {
                    verdict.sent = false;
                }
                let text = if self.quit {
                    // Do not leave with the answer unsaved without saying so.
                    self.quit = false;
                    self.quit_despite_unsaved = true;
                    strings::quit_unsaved(&one_line(&err))
                } else {
                    strings::save_failed(&one_line(&err))
                };
                self.notice = Some(Notice::error(text));
                Vec::new()
            }
            Action::LoadFailed(err) => {
                self.notice = Some(Notice::error(strings::load_failed(&one_line(&err))));
                Vec::new()
            }
        }
    }

    /// Says "saved" in the header, unless it tells something the manager must read first
    /// (what Ctrl-Z undid, a review resumed): a save in the background does not hide it. An
    /// error is replaced: it is no longer true.
    fn saved_quietly(&mut self, at: &str) {
        let saved = strings::saved_notice(at);
        let shows_other =
            self.notice.as_ref().is_some_and(|n| !n.is_error && !n.text.starts_with(strings::SAVED_PREFIX));
        if !shows_other {
            self.notice = Some(Notice::info(saved));
        }
    }

    /// The rep's targets and figures as they are now.
    fn figures_loaded(
        &mut self,
        rep: RepId,
        targets: Vec<crate::domain::metrics::Target>,
        dashboard: crate::dashboard::Dashboard,
    ) {
        if let Some(view) = self.view.as_mut().filter(|v| v.rep == rep) {
            view.targets = targets;
            if dashboard.period() == Some(self.period) {
                view.dashboard = dashboard;
            }
        }
    }

    /// The team's figures read again, when they show.
    fn reload_team(&self) -> Vec<Effect> {
        if self.team.shown { vec![Effect::LoadTeam { period: self.period }] } else { Vec::new() }
    }

    fn rep_loaded(&mut self, view: RepView) -> Vec<Effect> {
        if self.current_rep().is_none_or(|r| r.id != view.rep) {
            return Vec::new();
        }
        let reload = view.dashboard.period() != Some(self.period);
        let rep = view.rep;
        // Read again (another program wrote): the deal under the cursor stays under it.
        self.keeping_selection(|app| app.view = Some(view));
        let mut effects = Vec::new();
        let rep_name = self.current_rep_name();
        match self.pending_resume.take() {
            Some(PendingResume { deal: Some(deal), step }) => {
                if let Some(name) = self.deal(deal).map(|d| strings::deal_label(&d.deal.account, &d.deal.name)) {
                    self.select(deal);
                    self.notice = Some(Notice::info(strings::resumed(&rep_name, &name)));
                    let start = step.map_or(Start::Fresh, Start::Resume);
                    effects.push(Effect::LoadScript { rep, deal, start });
                }
            }
            Some(PendingResume { deal: None, step }) => {
                self.notice = Some(Notice::info(strings::resumed_review(&rep_name)));
                let start = step.map_or(Start::Fresh, Start::Resume);
                effects.push(Effect::LoadReview { rep, start });
            }
            None => {}
        }
        if reload {
            effects.push(Effect::LoadDashboard { rep, period: self.period });
        }
        effects
    }

    pub(super) fn rows_loaded(&mut self, rep: RepId, rows: Rows, inserted: Option<(u64, Row)>) -> Vec<Effect> {
        if self.view.as_ref().is_none_or(|v| v.rep != rep) {
            return Vec::new();
        }
        self.keeping_selection(|app| {
            if let Some(view) = app.view.as_mut() {
                view.deals = rows.deals;
                view.prospecting = rows.prospecting;
            }
        });
        let mut effects = Vec::new();
        if let Some((token, row)) = inserted {
            effects.extend(self.send_to_wizard(Msg::Inserted { token, row }));
        }
        // The rows changed: keep the lists' cursors sound and structured answers in words.
        let open = [&self.deal_list.wizard, &self.prospecting.review];
        for subject in open.map(|w| w.as_ref().map(|w| w.subject)).into_iter().flatten() {
            let outs = self.with_script(subject, |wizard, ctx| {
                let Some(ctx) = ctx else { return Vec::new() };
                wizard.reloaded(ctx);
                let structured = wizard.current().and_then(|q| Some((q.id.clone(), list_of(q)?)));
                match structured {
                    Some((id, kind)) => wizard.summarise(&id, structured_answer(kind, ctx)),
                    None => Vec::new(),
                }
            });
            effects.extend(self.outs_to_effects(subject, outs));
        }
        effects
    }

    fn script_loaded(
        &mut self,
        deal: DealId,
        saved: HashMap<String, String>,
        previous: HashMap<String, PastAnswer>,
        draft: &HashMap<String, String>,
        start: &Start,
    ) -> Vec<Effect> {
        let group = self.token();
        let Some(dv) = self.deal(deal) else { return Vec::new() };
        let questions = self.script.questions_for(&dv.deal.stage).into_iter().cloned().collect();
        let ctx = self.ctx(dv);
        let verdict = verdict_form(&self.script, dv, self.today).with_draft(draft);
        let wizard =
            Wizard::new(Subject::Deal(deal), questions, saved, previous, Some(verdict), start, Some(ctx), group);
        let position = wizard.position_id();
        self.deal_list.wizard = Some(wizard);
        self.select(deal);
        match (start, self.current_rep_id()) {
            // Starting a deal opens today's review and records where it stands.
            (Start::Fresh, Some(rep)) => {
                vec![Effect::SetPosition { rep, subject: Subject::Deal(deal), step: position }]
            }
            _ => Vec::new(),
        }
    }

    fn review_loaded(
        &mut self,
        rep: RepId,
        saved: HashMap<String, String>,
        previous: HashMap<String, PastAnswer>,
        start: &Start,
    ) -> Vec<Effect> {
        if self.current_rep().is_none_or(|r| r.id != rep) {
            return Vec::new();
        }
        let group = self.token();
        let questions = self.script.prospecting.clone();
        let ctx = self.view.as_ref().map(|v| review_ctx(v, self.today));
        let prefill = self.view.as_ref().map(|v| prospecting_prefill(&self.script, &v.dashboard)).unwrap_or_default();
        let wizard = Wizard::new(Subject::Prospecting, questions, saved, previous, None, start, ctx, group)
            .with_prefill(prefill, ctx);
        let position = wizard.position_id();
        self.prospecting.review = Some(wizard);
        match start {
            Start::Fresh => vec![Effect::SetPosition { rep, subject: Subject::Prospecting, step: position }],
            Start::Resume(_) => Vec::new(),
        }
    }
}

/// The prospecting answers the figures already give: a text question about meetings with a
/// real chance starts from what the logged activity says.
fn prospecting_prefill(script: &Script, d: &Dashboard) -> HashMap<String, String> {
    let q = &d.qualified;
    script
        .prospecting
        .iter()
        .filter(|question| question.figure == Some(Figure::Qualified) && question.kind == AnswerKind::Text)
        .filter(|_| q.real_chance + q.no_real_chance > 0)
        .map(|question| {
            (question.id.clone(), strings::qualified_answer(q.real_chance, q.real_chance + q.no_real_chance))
        })
        .collect()
}
