//! The app's state and `update`: actions change state only and return effects for the
//! worker. Rendering reads this state; nothing here touches the terminal or the store.

use chrono::NaiveDate;

use super::action::{Action, DealView, RepView, Rows};
use super::editors::{Ctx, Quick, Row};
use super::effects::Effect;
use super::form::{Form, Kind, Outcome};
use super::keys::{Command, Mode};
use super::prospecting_forms::{log_form, read_log, read_targets, targets_form};
use super::strings;
use super::summary::structured_answer;
use super::theme::Theme;
use super::wizard::{Answer, Msg, Out, Start, Subject, Wizard, is_structured, stage_choices, verdict_form};
use crate::dashboard::TeamDashboard;
use crate::domain::challenge::{SortBy, order};
use crate::domain::commitment::CommitmentStatus;
use crate::domain::hypothesis::HypothesisStatus;
use crate::domain::ids::{DealId, RepId};
use crate::domain::money::amount_input;
use crate::domain::period::Period;
use crate::domain::review::ReviewKind;
use crate::domain::search::fuzzy_filter;
use crate::domain::text::one_line;
use crate::script::Script;
use crate::store::deal_edits::DealEdit;
use crate::store::reps::Rep;
use crate::store::reviews::ResumePoint;
use crate::store::undo::UndoScope;

/// The two panes of the method's two meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Prospecting,
    Challenge,
}

/// A popup over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    RepPicker { cursor: usize },
}

/// A one-line message in the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

impl Notice {
    /// Good news: saved, resumed.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice { text: text.into(), is_error: false }
    }

    /// Something went wrong, said with a "! " before it.
    pub fn warn(text: impl std::fmt::Display) -> Notice {
        Notice::error(format!("! {text}"))
    }

    /// Something went wrong, in words that already say so.
    pub fn error(text: String) -> Notice {
        Notice { text, is_error: true }
    }
}

/// Where to go once the rep's data is loaded (resuming an open review).
#[derive(Debug, Clone, PartialEq, Eq)]
struct PendingResume {
    /// None: the prospecting review.
    deal: Option<DealId>,
    step: Option<String>,
}

/// What the prospecting pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProspectingView {
    /// Volume against target, the funnel, trends and what stands out.
    #[default]
    Overview,
    /// Activity by channel, message or segment.
    Breakdown(Dimension),
    /// When the rep prospects: day and hour.
    Week,
    /// The prospecting review's questions and commitments.
    Review,
}

/// What activity is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dimension {
    #[default]
    Channel,
    Message,
    Segment,
}

impl Dimension {
    pub fn next(self) -> Dimension {
        match self {
            Dimension::Channel => Dimension::Message,
            Dimension::Message => Dimension::Segment,
            Dimension::Segment => Dimension::Channel,
        }
    }
}

/// Which deal a deal form is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealTarget {
    Edit(DealId),
    /// A new deal: not written yet, being written (its id on the way), or written.
    New,
    Inserting {
        token: u64,
        dirty: bool,
    },
    Added(DealId),
}

/// A form over the prospecting pane, with what is wrong in it, if anything.
#[derive(Debug, Clone)]
pub struct PopupForm {
    pub form: Form,
    pub error: Option<String>,
    /// The undo group of the form's writes: Esc undoes them all.
    pub group: u64,
}

/// The form of `e` (edit the selected deal) and `a` (add a deal).
#[derive(Debug, Clone)]
pub struct DealForm {
    pub target: DealTarget,
    pub form: Form,
    pub error: Option<String>,
    /// The undo group of the form's writes: Esc undoes them all (a deal it added included).
    pub group: u64,
}

/// The one popup over the panes; opening another while one is open cannot be represented.
#[derive(Debug, Clone)]
pub enum Popup {
    /// `e` (edit the selected deal) or `a` (add a deal).
    Deal(DealForm),
    /// The rep's weekly targets and planned blocks.
    Targets(PopupForm),
    /// An activity being logged.
    Log(PopupForm),
}

impl Popup {
    /// The form the keys go to.
    fn form_mut(&mut self) -> &mut Form {
        match self {
            Popup::Deal(d) => &mut d.form,
            Popup::Targets(p) | Popup::Log(p) => &mut p.form,
        }
    }

    /// What Esc undoes: the group of a form that writes as it goes.
    fn group(&self) -> Option<u64> {
        match self {
            Popup::Deal(d) => Some(d.group),
            Popup::Targets(p) => Some(p.group),
            // Nothing is logged before Enter.
            Popup::Log(_) => None,
        }
    }
}

// The flags are independent switches of the screen (filter typing, card zoom, quitting).
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug)]
pub struct App {
    pub script: Script,
    pub today: NaiveDate,
    pub theme: Theme,
    /// The database file, shown on the welcome screen.
    pub db_label: String,
    pub pane: Pane,
    pub reps: Vec<Rep>,
    /// Index of the selected rep in `reps`.
    pub rep: Option<usize>,
    pub period: Period,
    /// The selected rep's figures and deals, once loaded.
    pub view: Option<RepView>,
    /// The deals shown, as indices into `view.deals`: sorted, then filtered.
    pub order: Vec<usize>,
    pub sort: SortBy,
    pub filter: String,
    pub filtering: bool,
    /// Position in `order` of the deal under the cursor.
    pub deal_cursor: usize,
    /// The deal card across the whole pane.
    pub card_zoom: bool,
    /// Lines of the zoomed card scrolled past.
    pub card_scroll: usize,
    pub wizard: Option<Wizard>,
    /// The prospecting review in progress.
    pub review: Option<Wizard>,
    pub prospecting_view: ProspectingView,
    /// The team view instead of one rep's figures.
    pub team: bool,
    pub team_view: Option<Box<TeamDashboard>>,
    /// The rep under the cursor in the team view.
    pub team_cursor: usize,
    pub popup: Option<Popup>,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    pub quit: bool,
    /// Quitting was stopped once because the typed answer could not be saved: the next
    /// quit goes through without it.
    quit_despite_unsaved: bool,
    pending_resume: Option<PendingResume>,
    /// Numbers rows being added (to match their ids when they come back) and undo groups.
    tokens: u64,
}

impl App {
    pub fn new(script: Script, today: NaiveDate, theme: Theme, reps: Vec<Rep>, db_label: String) -> App {
        App {
            script,
            today,
            theme,
            db_label,
            pane: Pane::Prospecting,
            reps,
            rep: None,
            period: Period::default(),
            view: None,
            order: Vec::new(),
            sort: SortBy::Need,
            filter: String::new(),
            filtering: false,
            deal_cursor: 0,
            card_zoom: false,
            card_scroll: 0,
            wizard: None,
            review: None,
            prospecting_view: ProspectingView::default(),
            team: false,
            team_view: None,
            team_cursor: 0,
            popup: None,
            overlay: None,
            notice: None,
            quit: false,
            quit_despite_unsaved: false,
            pending_resume: None,
            tokens: 0,
        }
    }

    /// Starts numbering undo groups and new rows from `seed` (see `Clock::token_seed`).
    pub fn seed_tokens(&mut self, seed: u64) {
        self.tokens = seed;
    }

    /// A new number for an undo group or a row being added.
    fn token(&mut self) -> u64 {
        self.tokens += 1;
        self.tokens
    }

    /// Selects the first rep, or `wanted`, or the rep of a review left open today (which
    /// is then resumed on the same deal and step), and asks for its data.
    pub fn start(&mut self, wanted: Option<RepId>, resume: Option<ResumePoint>) -> Vec<Effect> {
        if self.reps.is_empty() {
            return Vec::new();
        }
        let resume = resume.filter(|r| r.held_on == self.today && wanted.is_none_or(|w| w == r.rep));
        let rep_id = wanted.or_else(|| resume.as_ref().map(|r| r.rep));
        let index = rep_id.and_then(|id| self.reps.iter().position(|r| r.id == id)).unwrap_or(0);
        if let Some(point) = resume.filter(|r| self.reps[index].id == r.rep) {
            match (point.kind, point.deal) {
                (ReviewKind::Transformation, Some(deal)) => {
                    self.pane = Pane::Challenge;
                    self.pending_resume = Some(PendingResume { deal: Some(deal), step: point.question });
                }
                (ReviewKind::Prospecting, _) => {
                    self.pane = Pane::Prospecting;
                    self.prospecting_view = ProspectingView::Review;
                    self.pending_resume = Some(PendingResume { deal: None, step: point.question });
                }
                (ReviewKind::Transformation, None) => {}
            }
        }
        self.select_rep(index)
    }

    pub fn current_rep(&self) -> Option<&Rep> {
        self.rep.and_then(|i| self.reps.get(i))
    }

    /// The current rep's name, made safe; empty when there is none.
    pub fn current_rep_name(&self) -> String {
        self.current_rep().map(|r| one_line(&r.name).into_owned()).unwrap_or_default()
    }

    /// The deal under the cursor.
    pub fn selected_deal(&self) -> Option<&DealView> {
        let view = self.view.as_ref()?;
        self.order.get(self.deal_cursor).and_then(|&i| view.deals.get(i))
    }

    /// The deals shown in the list, in order.
    pub fn listed_deals(&self) -> Vec<&DealView> {
        let Some(view) = &self.view else { return Vec::new() };
        self.order.iter().filter_map(|&i| view.deals.get(i)).collect()
    }

    /// The deal the script is about.
    pub fn wizard_deal(&self) -> Option<&DealView> {
        let deal = self.wizard.as_ref()?.subject.deal()?;
        self.deal(deal)
    }

    /// The script that has the keyboard on this pane, if one is open.
    pub fn active_script(&self) -> Option<&Wizard> {
        match self.pane {
            Pane::Challenge => self.wizard.as_ref(),
            Pane::Prospecting if self.prospecting_view == ProspectingView::Review && !self.team => self.review.as_ref(),
            Pane::Prospecting => None,
        }
    }

    /// What the prospecting review's editors read.
    pub fn review_ctx(&self) -> Option<Ctx<'_>> {
        self.view.as_ref().map(|v| review_ctx(v, self.today))
    }

    pub fn deal(&self, id: DealId) -> Option<&DealView> {
        self.view.as_ref()?.deal(id)
    }

    /// What an editor of a deal reads.
    pub fn ctx<'a>(&'a self, deal: &'a DealView) -> Ctx<'a> {
        deal_ctx(&self.script, deal, self.today)
    }

    /// Where the keyboard is, most specific first: decides which bindings apply.
    pub fn modes(&self) -> Vec<Mode> {
        match self.overlay {
            Some(Overlay::Help) => vec![Mode::Help, Mode::Always],
            Some(Overlay::RepPicker { .. }) => vec![Mode::RepPicker, Mode::Always],
            None => self.base_modes(),
        }
    }

    /// The modes of the screen under any overlay.
    pub fn base_modes(&self) -> Vec<Mode> {
        if self.reps.is_empty() {
            return vec![Mode::Welcome, Mode::Always];
        }
        match &self.popup {
            Some(Popup::Deal(_) | Popup::Targets(_)) => return vec![Mode::DealForm, Mode::Always],
            Some(Popup::Log(_)) => return vec![Mode::LogForm, Mode::Always],
            None => {}
        }
        let local = match self.pane {
            Pane::Prospecting if self.team => Mode::TeamList,
            // A question on screen has the keyboard: no global key while it shows.
            _ if let Some(script) = self.active_script() => match script.mode() {
                mode @ (Mode::DealDone | Mode::ReviewDone) => mode,
                typing => return vec![typing, Mode::Always],
            },
            Pane::Prospecting => Mode::Prospecting,
            Pane::Challenge if self.filtering => return vec![Mode::Filter, Mode::Always],
            Pane::Challenge if self.card_zoom => Mode::Card,
            Pane::Challenge => Mode::DealList,
        };
        vec![local, Mode::Global, Mode::Always]
    }

    /// Applies one action; returns the effects to run.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if matches!(action, Action::Command(_) | Action::Key(_) | Action::Paste(_)) {
            // A notice is read by then: the next key clears it.
            self.notice = None;
        }
        match action {
            Action::Command(command) => self.command(command),
            Action::Key(key) => {
                if let Some(popup) = self.popup.as_mut() {
                    let moved = popup.form_mut().handle(key) == Outcome::Moved;
                    return if moved { self.save_popup(false) } else { Vec::new() };
                }
                if self.filtering {
                    self.filter_key(key);
                    return Vec::new();
                }
                self.send_to_wizard(Msg::Key(key))
            }
            Action::Paste(text) => {
                if let Some(popup) = self.popup.as_mut() {
                    popup.form_mut().paste(&text);
                    return Vec::new();
                }
                self.send_to_wizard(Msg::Paste(text))
            }
            Action::Idle => {
                if self.popup.is_some() {
                    return self.save_popup(false);
                }
                self.send_to_wizard(Msg::Autosave)
            }
            Action::PositionSaved => Vec::new(),
            Action::OrderFixed { rep, order } => {
                if let Some(view) = self.view.as_mut().filter(|v| v.rep == rep) {
                    view.meeting_order = order;
                }
                self.keeping_selection(|_| {});
                Vec::new()
            }
            Action::ProspectingSaved { rep, targets, dashboard, notice } => {
                if let Some(view) = self.view.as_mut().filter(|v| v.rep == rep) {
                    view.targets = targets;
                    if dashboard.period() == Some(self.period) {
                        view.dashboard = *dashboard;
                    }
                }
                self.notice = Some(Notice::info(notice));
                if self.team {
                    return vec![Effect::LoadTeam { period: self.period }];
                }
                Vec::new()
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
                    let rep = self.current_rep().map(|r| r.id);
                    let first_load = self.team_view.is_none();
                    self.team_cursor = match team.reps.iter().position(|r| Some(r.rep) == rep) {
                        Some(i) if first_load => i,
                        _ => self.team_cursor.min(team.reps.len().saturating_sub(1)),
                    };
                    self.team_view = Some(team);
                }
                Vec::new()
            }
            Action::DealAdded { rep, token, deal, rows, at } => {
                self.notice = Some(Notice::info(strings::saved_notice(&at)));
                let mut effects = Vec::new();
                if let Some(Popup::Deal(form)) = self.popup.as_mut()
                    && let DealTarget::Inserting { token: waiting, dirty } = form.target
                    && waiting == token
                {
                    form.target = DealTarget::Added(deal);
                    if dirty {
                        effects = self.save_popup(false);
                    }
                }
                effects.extend(self.rows_loaded(rep, *rows, None));
                if self.popup.is_none() {
                    self.select(deal);
                }
                effects
            }
            Action::Undone { rep, scope, label, rows, answers, targets, dashboard } => {
                self.notice = Some(match (&label, scope) {
                    (Some(label), UndoScope::Last) => Notice::info(strings::undone(label)),
                    (Some(label), UndoScope::Group(_)) => Notice::info(strings::cancelled(label)),
                    (None, UndoScope::Last) => Notice::info(strings::NOTHING_TO_UNDO),
                    (None, UndoScope::Group(_)) => return self.rows_loaded(rep, *rows, None),
                });
                if let Some(view) = self.view.as_mut().filter(|v| v.rep == rep) {
                    view.targets = targets;
                    if dashboard.period() == Some(self.period) {
                        view.dashboard = *dashboard;
                    }
                }
                let mut effects = self.rows_loaded(rep, *rows, None);
                if let Some((subject, saved)) = answers {
                    self.with_script(subject, |wizard, ctx| {
                        wizard.answers_reloaded(saved, ctx);
                        Vec::new()
                    });
                }
                if self.team {
                    effects.push(Effect::LoadTeam { period: self.period });
                }
                effects
            }
            Action::ScriptLoaded { deal, saved, previous, start } => self.script_loaded(deal, saved, previous, &start),
            Action::AnswerSaved { subject, question_id, answer, at } => {
                let mut all_saved = true;
                if let Some(wizard) = script_for(&mut self.wizard, &mut self.review, subject) {
                    wizard.confirm_saved(&question_id, &answer);
                    all_saved = !wizard.has_drafts();
                }
                // "Saved" only when it is true of everything typed.
                if all_saved {
                    self.notice = Some(Notice::info(strings::saved_notice(&at)));
                }
                Vec::new()
            }
            Action::SaveFailed(err) => {
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

    fn command(&mut self, command: Command) -> Vec<Effect> {
        let mode = self.modes()[0];
        match (mode, command) {
            (_, Command::Quit) => {
                self.quit = true;
                if self.quit_despite_unsaved {
                    return Vec::new();
                }
                // What was typed is saved: quitting loses nothing.
                let mut effects = match self.popup {
                    Some(Popup::Deal(_) | Popup::Targets(_)) => self.save_popup(true),
                    _ => Vec::new(),
                };
                effects.extend(self.send_to_wizard(Msg::Autosave));
                effects
            }
            (_, Command::Undo) => self.undo(),
            (Mode::Help, Command::Back) | (_, Command::ToggleHelp) => {
                self.overlay = if self.overlay == Some(Overlay::Help) { None } else { Some(Overlay::Help) };
                Vec::new()
            }
            (Mode::RepPicker, _) => self.rep_picker(command),
            (Mode::DealForm, Command::CloseForm) => self.save_popup(true),
            (Mode::LogForm, Command::CloseForm) => self.log_activity(),
            (Mode::DealForm | Mode::LogForm, Command::Cancel) => self.cancel_popup(),
            (Mode::Filter, Command::AcceptFilter) => {
                self.filtering = false;
                Vec::new()
            }
            (Mode::Filter, Command::ClearFilter) => {
                self.filtering = false;
                self.filter.clear();
                self.reorder();
                Vec::new()
            }
            (_, Command::PickRep) => {
                if !self.reps.is_empty() {
                    self.overlay = Some(Overlay::RepPicker { cursor: self.rep.unwrap_or(0) });
                }
                Vec::new()
            }
            (_, Command::NextPane | Command::PrevPane) => {
                self.pane = match self.pane {
                    Pane::Prospecting => Pane::Challenge,
                    Pane::Challenge => Pane::Prospecting,
                };
                Vec::new()
            }
            (_, Command::ShowProspecting) => {
                self.pane = Pane::Prospecting;
                Vec::new()
            }
            (_, Command::ShowChallenge) => {
                self.pane = Pane::Challenge;
                Vec::new()
            }
            (_, Command::PeriodNext | Command::PeriodPrev) => {
                self.period = if command == Command::PeriodNext { self.period.next() } else { self.period.prev() };
                let mut effects = Vec::new();
                if let Some(rep) = self.current_rep() {
                    effects.push(Effect::LoadDashboard { rep: rep.id, period: self.period });
                }
                if self.team {
                    effects.push(Effect::LoadTeam { period: self.period });
                }
                effects
            }
            (Mode::TeamList, _) => self.team_list(command),
            (Mode::Prospecting, _) => self.prospecting(command),
            (Mode::DealList, _) => self.deal_list(command),
            (Mode::Card, Command::ScrollDown) => {
                // Bounded by what the card can hold; the screen shows what fits from there.
                let most = self.selected_deal().map_or(0, card_lines_at_most);
                self.card_scroll = (self.card_scroll + 5).min(most);
                Vec::new()
            }
            (Mode::Card, Command::ScrollUp) => {
                self.card_scroll = self.card_scroll.saturating_sub(5);
                Vec::new()
            }
            (Mode::Card, Command::ToggleCard) => {
                self.card_zoom = false;
                Vec::new()
            }
            (Mode::Card, Command::Open) => {
                self.card_zoom = false;
                self.open_selected_deal()
            }
            (Mode::DealDone, Command::Open) => self.next_deal(),
            (Mode::DealDone | Mode::ReviewDone, Command::Back) => {
                self.close_script();
                Vec::new()
            }
            (_, Command::SaveAndNext) => self.send_to_wizard(Msg::SaveAndNext),
            (_, Command::NewLine) => self.send_to_wizard(Msg::NewLine),
            (_, Command::LeaveField) => self.send_to_wizard(Msg::Leave),
            (_, Command::Cancel) => self.send_to_wizard(Msg::Cancel),
            (_, Command::PrevQuestion) => self.send_to_wizard(Msg::PrevQuestion),
            (_, Command::NextQuestion) => self.send_to_wizard(Msg::NextQuestion),
            (_, Command::RowUp) => self.send_to_wizard(Msg::RowUp),
            (_, Command::RowDown) => self.send_to_wizard(Msg::RowDown),
            (_, Command::OpenRow) => self.send_to_wizard(Msg::OpenRow),
            (_, Command::CloseForm) => self.send_to_wizard(Msg::CloseForm),
            (_, Command::MarkDone) => self.send_to_wizard(Msg::Quick(Quick::Settle(CommitmentStatus::Done))),
            (_, Command::MarkMissed) => self.send_to_wizard(Msg::Quick(Quick::Settle(CommitmentStatus::Missed))),
            (_, Command::MarkDropped) => self.send_to_wizard(Msg::Quick(Quick::Settle(CommitmentStatus::Dropped))),
            (_, Command::DeleteItem) => self.send_to_wizard(Msg::Quick(Quick::Delete)),
            (_, Command::Validate) => self.send_to_wizard(Msg::Quick(Quick::Validate)),
            (_, Command::Confirm) => self.send_to_wizard(Msg::Quick(Quick::Conclude(HypothesisStatus::Confirmed))),
            (_, Command::Refute) => self.send_to_wizard(Msg::Quick(Quick::Conclude(HypothesisStatus::Refuted))),
            _ => Vec::new(),
        }
    }

    /// Back from a script: the deal list, or the prospecting figures (the review stays as it
    /// is: coming back to it shows where it stands).
    fn close_script(&mut self) {
        match self.pane {
            Pane::Challenge => self.wizard = None,
            Pane::Prospecting => self.prospecting_view = ProspectingView::Overview,
        }
    }

    /// Ctrl-Z: in a form, the form is cancelled; else what was typed is saved, then the
    /// meeting's last change is undone (and the script shows the database's answers).
    fn undo(&mut self) -> Vec<Effect> {
        if self.popup.is_some() {
            return self.cancel_popup();
        }
        let form_open = self
            .active_script()
            .is_some_and(|w| matches!(w.answer(), Answer::List(list) if list.form.is_some()) && w.current().is_some());
        if form_open {
            return self.send_to_wizard(Msg::Cancel);
        }
        let Some(rep) = self.current_rep().map(|r| r.id) else { return Vec::new() };
        let mut effects = self.send_to_wizard(Msg::Autosave);
        let reload = self.active_script().map(|w| w.subject);
        effects.push(Effect::Undo { rep, scope: UndoScope::Last, reload, period: self.period });
        effects
    }

    fn rep_picker(&mut self, command: Command) -> Vec<Effect> {
        let Some(Overlay::RepPicker { cursor }) = self.overlay else { return Vec::new() };
        let last = self.reps.len().saturating_sub(1);
        let cursor = match command {
            Command::Up => cursor.saturating_sub(1),
            Command::Down => (cursor + 1).min(last),
            Command::First => 0,
            Command::Last => last,
            Command::Back => {
                self.overlay = None;
                return Vec::new();
            }
            Command::Open => {
                self.overlay = None;
                if Some(cursor) == self.rep {
                    return Vec::new();
                }
                return self.select_rep(cursor);
            }
            _ => cursor,
        };
        self.overlay = Some(Overlay::RepPicker { cursor });
        Vec::new()
    }

    fn deal_list(&mut self, command: Command) -> Vec<Effect> {
        let last = self.order.len().saturating_sub(1);
        match command {
            Command::Up => self.deal_cursor = self.deal_cursor.saturating_sub(1),
            Command::Down => self.deal_cursor = (self.deal_cursor + 1).min(last),
            Command::First => self.deal_cursor = 0,
            Command::Last => self.deal_cursor = last,
            Command::Open => return self.open_selected_deal(),
            Command::Filter => self.filtering = true,
            Command::CycleSort => self.keeping_selection(|app| app.sort = app.sort.next()),
            Command::ToggleCard => {
                self.card_zoom = true;
                self.card_scroll = 0;
            }
            Command::EditDeal => {
                if let Some((id, form)) = self.selected_deal().map(|d| (d.deal.id, deal_form(&self.script, Some(d)))) {
                    let group = self.token();
                    self.popup = Some(Popup::Deal(DealForm { target: DealTarget::Edit(id), form, error: None, group }));
                }
            }
            Command::AddDeal if self.current_rep().is_some() => {
                let form = deal_form(&self.script, None);
                let group = self.token();
                self.popup = Some(Popup::Deal(DealForm { target: DealTarget::New, form, error: None, group }));
            }
            _ => {}
        }
        Vec::new()
    }

    fn filter_key(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        use ratatui::crossterm::event::KeyCode;
        match key.code {
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char(c) if !key.modifiers.contains(ratatui::crossterm::event::KeyModifiers::CONTROL) => {
                self.filter.push(c);
            }
            _ => return,
        }
        self.reorder();
        self.deal_cursor = 0;
    }

    /// Sorts the rep's deals the chosen way, then keeps those matching the filter.
    fn reorder(&mut self) {
        let Some(view) = &self.view else {
            self.order.clear();
            return;
        };
        let indices = if self.filter.trim().is_empty() {
            let mut listed: Vec<(usize, &DealView)> = view.deals.iter().enumerate().collect();
            order(&mut listed, |(_, d)| (&d.deal, &d.assessment), self.sort, self.today);
            if self.sort == SortBy::Need && !view.meeting_order.is_empty() {
                // During a meeting its order holds: a verdict does not re-rank the list under
                // the manager. Deals added since come after, by need.
                let at = |d: &DealView| view.meeting_order.iter().position(|id| *id == d.deal.id).unwrap_or(usize::MAX);
                listed.sort_by_key(|(_, d)| at(d));
            }
            listed.into_iter().map(|(i, _)| i).collect()
        } else {
            // Filtering, the best match comes first: that is the deal being looked for.
            let names: Vec<String> =
                view.deals.iter().map(|d| strings::deal_label(&d.deal.account, &d.deal.name)).collect();
            fuzzy_filter(&self.filter, names.iter().map(String::as_str))
        };
        self.order = indices;
        self.deal_cursor = self.deal_cursor.min(self.order.len().saturating_sub(1));
    }

    /// Changes what the list shows (`change`) and sorts it again, the cursor staying on the
    /// deal it was on.
    fn keeping_selection(&mut self, change: impl FnOnce(&mut App)) {
        let keep = self.selected_deal().map(|d| d.deal.id);
        change(self);
        self.reorder();
        if let Some(id) = keep {
            self.select(id);
        }
    }

    /// Puts the cursor on a deal, if it is listed.
    fn select(&mut self, deal: DealId) {
        let Some(view) = &self.view else { return };
        if let Some(pos) = self.order.iter().position(|&i| view.deals[i].deal.id == deal) {
            self.deal_cursor = pos;
        }
    }

    fn open_selected_deal(&mut self) -> Vec<Effect> {
        let (Some(rep), Some(deal)) = (self.current_rep().map(|r| r.id), self.selected_deal().map(|d| d.deal.id))
        else {
            return Vec::new();
        };
        let mut effects = Vec::new();
        // The first deal opened starts the meeting: today's ranking is its order.
        if let Some(view) = self.view.as_mut().filter(|v| v.meeting_order.is_empty()) {
            let mut ranked: Vec<&DealView> = view.deals.iter().collect();
            order(&mut ranked, |d| (&d.deal, &d.assessment), SortBy::Need, self.today);
            view.meeting_order = ranked.iter().map(|d| d.deal.id).collect();
            effects.push(Effect::FixOrder { rep, order: view.meeting_order.clone() });
        }
        effects.push(Effect::LoadScript { rep, deal, start: Start::Fresh });
        effects
    }

    /// The meeting's deals and how many have today's verdict, once a meeting has begun.
    pub fn meeting_progress(&self) -> Option<(usize, usize)> {
        let view = self.view.as_ref().filter(|v| !v.meeting_order.is_empty())?;
        let listed = view.meeting_order.iter().filter_map(|id| view.deal(*id));
        let (total, done) = listed.fold((0, 0), |(n, done), d| (n + 1, done + usize::from(d.today_verdict.is_some())));
        Some((done, total))
    }

    /// From a deal's summary to the next deal of the meeting's order not challenged today
    /// (after this one, then from the top), or back to the list when every one is.
    fn next_deal(&mut self) -> Vec<Effect> {
        let current = self.wizard.take().and_then(|w| w.subject.deal());
        let Some(view) = &self.view else { return Vec::new() };
        let order = &view.meeting_order;
        let at = current.and_then(|id| order.iter().position(|o| *o == id)).map_or(0, |i| i + 1);
        let waiting =
            |id: &&DealId| view.deal(**id).is_some_and(|d| d.today_verdict.is_none() && Some(d.deal.id) != current);
        let next = order[at.min(order.len())..].iter().find(waiting).or_else(|| order.iter().find(waiting)).copied();
        let Some(id) = next else {
            if let Some(id) = current {
                self.select(id);
            }
            self.notice = Some(Notice::info(strings::MEETING_DONE));
            return Vec::new();
        };
        if self.sort != SortBy::Need || !self.filter.is_empty() {
            // The next deal is found in the meeting's order, whatever the list shows.
            self.sort = SortBy::Need;
            self.filter.clear();
            self.reorder();
        }
        self.select(id);
        self.open_selected_deal()
    }

    fn select_rep(&mut self, index: usize) -> Vec<Effect> {
        self.rep = Some(index);
        self.view = None;
        self.order.clear();
        self.wizard = None;
        self.review = None;
        self.popup = None;
        self.filter.clear();
        self.filtering = false;
        self.deal_cursor = 0;
        vec![Effect::LoadRep { rep: self.reps[index].id, period: self.period }]
    }

    fn rep_loaded(&mut self, view: RepView) -> Vec<Effect> {
        if self.current_rep().is_none_or(|r| r.id != view.rep) {
            return Vec::new();
        }
        let reload = view.dashboard.period() != Some(self.period);
        let rep = view.rep;
        self.view = Some(view);
        self.reorder();
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

    fn rows_loaded(&mut self, rep: RepId, rows: Rows, inserted: Option<(u64, Row)>) -> Vec<Effect> {
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
        for subject in
            [self.wizard.as_ref().map(|w| w.subject), self.review.as_ref().map(|w| w.subject)].into_iter().flatten()
        {
            let outs = self.with_script(subject, |wizard, ctx| {
                let Some(ctx) = ctx else { return Vec::new() };
                wizard.reloaded(ctx);
                match wizard.current().filter(|q| is_structured(q.kind)).cloned() {
                    Some(question) => wizard.summarise(&question.id, structured_answer(question.kind, ctx)),
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
        saved: std::collections::HashMap<String, String>,
        previous: std::collections::HashMap<String, crate::domain::review::PastAnswer>,
        start: &Start,
    ) -> Vec<Effect> {
        let group = self.token();
        let Some(dv) = self.deal(deal) else { return Vec::new() };
        let questions = self.script.questions_for(&dv.deal.stage).into_iter().cloned().collect();
        let ctx = self.ctx(dv);
        let verdict = verdict_form(&self.script, dv, self.today);
        let wizard =
            Wizard::new(Subject::Deal(deal), questions, saved, previous, Some(verdict), start, Some(ctx), group);
        let position = wizard.position_id();
        self.wizard = Some(wizard);
        self.select(deal);
        match (start, self.current_rep()) {
            // Starting a deal opens today's review and records where it stands.
            (Start::Fresh, Some(rep)) => {
                vec![Effect::SetPosition { rep: rep.id, subject: Subject::Deal(deal), step: position }]
            }
            _ => Vec::new(),
        }
    }

    fn review_loaded(
        &mut self,
        rep: RepId,
        saved: std::collections::HashMap<String, String>,
        previous: std::collections::HashMap<String, crate::domain::review::PastAnswer>,
        start: &Start,
    ) -> Vec<Effect> {
        if self.current_rep().is_none_or(|r| r.id != rep) {
            return Vec::new();
        }
        let group = self.token();
        let questions = self.script.prospecting.clone();
        let ctx = self.review_ctx();
        let wizard = Wizard::new(Subject::Prospecting, questions, saved, previous, None, start, ctx, group);
        let position = wizard.position_id();
        self.review = Some(wizard);
        match start {
            Start::Fresh => vec![Effect::SetPosition { rep, subject: Subject::Prospecting, step: position }],
            Start::Resume(_) => Vec::new(),
        }
    }

    /// Runs `f` on the script of `subject` with what its editors read.
    fn with_script(&mut self, subject: Subject, f: impl FnOnce(&mut Wizard, Option<Ctx<'_>>) -> Vec<Out>) -> Vec<Out> {
        let Some(wizard) = script_for(&mut self.wizard, &mut self.review, subject) else { return Vec::new() };
        let view = self.view.as_ref();
        let ctx = match subject {
            Subject::Deal(deal) => view.and_then(|v| v.deal(deal)).map(|dv| deal_ctx(&self.script, dv, self.today)),
            Subject::Prospecting => view.map(|v| review_ctx(v, self.today)),
        };
        f(wizard, ctx)
    }

    /// Sends a message to the script that has the keyboard on this pane.
    fn send_to_wizard(&mut self, msg: Msg) -> Vec<Effect> {
        let Some(subject) = self.active_script().map(|w| w.subject) else { return Vec::new() };
        let mut tokens = self.tokens;
        let outs = self.with_script(subject, |wizard, ctx| wizard.handle(msg, ctx, &mut tokens));
        self.tokens = tokens;
        self.outs_to_effects(subject, outs)
    }

    fn outs_to_effects(&mut self, subject: Subject, outs: Vec<Out>) -> Vec<Effect> {
        let Some(rep) = self.current_rep().map(|r| r.id) else { return Vec::new() };
        let mut effects = Vec::new();
        for out in outs {
            match out {
                Out::Answer(save) => effects.push(Effect::SaveAnswer {
                    rep,
                    subject: save.subject,
                    question_id: save.question_id,
                    question_text: save.question_text,
                    answer: save.answer,
                    group: save.group,
                }),
                Out::Write(write, group) => effects.push(Effect::Write { rep, subject, write, group }),
                Out::Verdict(verdict, group) => {
                    if let Some(deal) = subject.deal() {
                        effects.push(Effect::SaveVerdict { rep, deal, verdict, group });
                    }
                }
                Out::Undo(group) => effects.push(Effect::Undo {
                    rep,
                    scope: UndoScope::Group(group),
                    reload: Some(subject),
                    period: self.period,
                }),
                Out::Close => self.close_script(),
                Out::Position(step) => effects.push(Effect::SetPosition { rep, subject, step }),
                Out::Warn(text) => self.notice = Some(Notice::warn(text)),
            }
        }
        effects
    }

    /// The prospecting pane's own keys.
    fn prospecting(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::ShowOverview => self.prospecting_view = ProspectingView::Overview,
            Command::ShowBreakdown => {
                self.prospecting_view = match self.prospecting_view {
                    ProspectingView::Breakdown(d) => ProspectingView::Breakdown(d.next()),
                    _ => ProspectingView::Breakdown(Dimension::default()),
                };
            }
            Command::ShowWeek => self.prospecting_view = ProspectingView::Week,
            Command::ShowReview => {
                self.prospecting_view = ProspectingView::Review;
                if self.review.is_none()
                    && let Some(rep) = self.current_rep()
                {
                    return vec![Effect::LoadReview { rep: rep.id, start: Start::Fresh }];
                }
            }
            Command::EditTargets => {
                if let Some(form) = self.view.as_ref().map(|v| targets_form(&v.targets, &v.dashboard.blocks)) {
                    let group = self.token();
                    self.popup = Some(Popup::Targets(PopupForm { form, error: None, group }));
                }
            }
            Command::LogActivity => {
                let group = self.token();
                self.popup = Some(Popup::Log(PopupForm { form: log_form(), error: None, group }));
            }
            Command::ToggleTeam => {
                self.team = true;
                // Start on the rep being looked at.
                let rep = self.current_rep().map(|r| r.id);
                if let Some(i) = self.team_view.as_ref().and_then(|t| t.reps.iter().position(|r| Some(r.rep) == rep)) {
                    self.team_cursor = i;
                }
                return vec![Effect::LoadTeam { period: self.period }];
            }
            _ => {}
        }
        Vec::new()
    }

    /// The team view's keys: move, open a rep, back to the rep view.
    fn team_list(&mut self, command: Command) -> Vec<Effect> {
        let count = self.team_view.as_ref().map_or(0, |t| t.reps.len());
        match command {
            Command::Up => self.team_cursor = self.team_cursor.saturating_sub(1),
            Command::Down => self.team_cursor = (self.team_cursor + 1).min(count.saturating_sub(1)),
            Command::ToggleTeam | Command::Back => self.team = false,
            Command::Open => {
                self.team = false;
                let rep = self.team_view.as_ref().and_then(|t| t.reps.get(self.team_cursor)).map(|r| r.rep);
                if let Some(index) = rep.and_then(|id| self.reps.iter().position(|r| r.id == id))
                    && Some(index) != self.rep
                {
                    return self.select_rep(index);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// Saves the popup's form as it stands (targets and deals are written as they are
    /// typed); `close` (Enter) also closes it, unless a value is wrong.
    fn save_popup(&mut self, close: bool) -> Vec<Effect> {
        let Some(rep) = self.current_rep().map(|r| r.id) else { return Vec::new() };
        let effects = match self.popup.as_mut() {
            Some(Popup::Targets(popup)) => match read_targets(&popup.form) {
                Ok((targets, blocks)) => {
                    popup.error = None;
                    vec![Effect::SetTargets { rep, period: self.period, targets, blocks, group: popup.group }]
                }
                Err(err) => {
                    popup.error = Some(err);
                    return Vec::new();
                }
            },
            Some(Popup::Deal(_)) => match self.save_deal_form(rep, close) {
                Some(effects) => effects,
                None => return Vec::new(),
            },
            Some(Popup::Log(_)) | None => return Vec::new(),
        };
        if close {
            self.popup = None;
        }
        effects
    }

    /// Esc in a popup: closed, and everything it wrote is undone.
    fn cancel_popup(&mut self) -> Vec<Effect> {
        let Some(popup) = self.popup.take() else { return Vec::new() };
        let Some(rep) = self.current_rep().map(|r| r.id) else { return Vec::new() };
        let wrote = match &popup {
            Popup::Deal(form) => !matches!(form.target, DealTarget::New),
            Popup::Targets(_) => true,
            Popup::Log(_) => false,
        };
        match popup.group() {
            Some(group) if wrote => {
                vec![Effect::Undo { rep, scope: UndoScope::Group(group), reload: None, period: self.period }]
            }
            _ => Vec::new(),
        }
    }

    /// Logs the activity the log form holds and closes it, unless a value is wrong.
    fn log_activity(&mut self) -> Vec<Effect> {
        let Some(rep) = self.current_rep().map(|r| r.id) else { return Vec::new() };
        let Some(Popup::Log(popup)) = self.popup.as_mut() else { return Vec::new() };
        match read_log(&popup.form, self.today) {
            Ok(input) => {
                let group = popup.group;
                self.popup = None;
                vec![Effect::LogActivity { rep, period: self.period, input, group }]
            }
            Err(err) => {
                popup.error = Some(err);
                Vec::new()
            }
        }
    }

    /// The writes the deal form needs now; `None` when a value is wrong and `close` asked
    /// for more than that (the form stays open with its error).
    fn save_deal_form(&mut self, rep: RepId, close: bool) -> Option<Vec<Effect>> {
        let today = self.today;
        let token = self.tokens + 1;
        let Some(Popup::Deal(form)) = self.popup.as_mut() else { return None };
        let mut effects = Vec::new();
        let group = form.group;
        match read_deal_form(&form.form, today) {
            Err(err) => {
                form.error = Some(err.clone());
                self.notice = Some(Notice::warn(&err));
                return if close { None } else { Some(effects) };
            }
            Ok(fields) => {
                form.error = None;
                match form.target {
                    DealTarget::Edit(deal) | DealTarget::Added(deal) => {
                        effects.push(Effect::EditDeal { rep, deal, edit: fields, group });
                    }
                    DealTarget::New if !fields.account.is_empty() && !fields.name.is_empty() => {
                        form.target = DealTarget::Inserting { token, dirty: false };
                        self.tokens = token;
                        effects.push(Effect::AddDeal { rep, token, fields, group });
                    }
                    DealTarget::New => {
                        if close && (!fields.account.is_empty() || !fields.name.is_empty()) {
                            form.error = Some(strings::DEAL_NEEDS_NAMES.to_string());
                            self.notice = Some(Notice::warn(strings::DEAL_NEEDS_NAMES));
                            return None;
                        }
                    }
                    DealTarget::Inserting { token, .. } => form.target = DealTarget::Inserting { token, dirty: true },
                }
            }
        }
        Some(effects)
    }
}

/// The most lines a deal's card can take: what scrolling it may go past.
fn card_lines_at_most(d: &DealView) -> usize {
    // Facts and titles, then each row of a list on up to three lines once wrapped.
    30 + 3 * (d.assessment.badges.len() + d.checks.len() + d.notes.len() + d.commitments.len() + d.hypotheses.len())
        + 3 * d.changes.len()
        + d.history.len()
}

/// What an editor of a deal reads: its rows and its stage in the script.
fn deal_ctx<'a>(script: &'a Script, deal: &'a DealView, today: NaiveDate) -> Ctx<'a> {
    let earlier = match script.stages.iter().position(|s| s.key == deal.deal.stage) {
        Some(at) => &script.stages[..at],
        None => &[],
    };
    Ctx::of(deal, script.stage(&deal.deal.stage), today).with_earlier(earlier)
}

/// What the prospecting review's editors read: the rep's own commitments.
fn review_ctx(view: &RepView, today: NaiveDate) -> Ctx<'_> {
    Ctx::prospecting(&view.prospecting, today)
}

/// The open script about `subject`: the deal's script, or the prospecting review.
fn script_for<'a>(
    wizard: &'a mut Option<Wizard>,
    review: &'a mut Option<Wizard>,
    subject: Subject,
) -> Option<&'a mut Wizard> {
    let script = match subject {
        Subject::Deal(_) => wizard.as_mut(),
        Subject::Prospecting => review.as_mut(),
    };
    script.filter(|w| w.subject == subject)
}

/// The form of `e` (a deal's facts) or `a` (a new deal).
fn deal_form(script: &Script, deal: Option<&DealView>) -> Form {
    let d = deal.map(|d| &d.deal);
    let stage = d.map_or_else(|| script.stages[0].key.as_str(), |d| d.stage.as_str());
    let iso = |date: Option<NaiveDate>| date.map(crate::domain::dates::iso).unwrap_or_default();
    let amount = d.map(|d| amount_input(d.amount_minor)).unwrap_or_default();
    let form = Form::new()
        .field("account", strings::FIELD_ACCOUNT, Kind::Line, d.map_or("", |d| d.account.as_str()))
        .field("name", strings::FIELD_DEAL_NAME, Kind::Line, d.map_or("", |d| d.name.as_str()))
        .field("amount", strings::FIELD_AMOUNT, Kind::Amount, &amount)
        .field("stage", strings::FIELD_STAGE, stage_choices(script, stage), stage)
        .field("close_on", strings::FIELD_CLOSE, Kind::Date, &iso(d.and_then(|d| d.close_on)))
        .field(
            "sponsor_name",
            strings::FIELD_SPONSOR,
            Kind::Line,
            d.and_then(|d| d.sponsor_name.as_deref()).unwrap_or(""),
        )
        .field(
            "sponsor_role",
            strings::FIELD_SPONSOR_ROLE,
            Kind::Line,
            d.and_then(|d| d.sponsor_role.as_deref()).unwrap_or(""),
        )
        .field("next_step", strings::FIELD_NEXT_STEP, Kind::Line, d.and_then(|d| d.next_step.as_deref()).unwrap_or(""))
        .field("next_step_on", strings::FIELD_NEXT_STEP_ON, Kind::Date, &iso(d.and_then(|d| d.next_step_on)));
    if deal.is_some() { form.focus_on("amount") } else { form.focus_on("account") }
}

fn read_deal_form(form: &Form, today: NaiveDate) -> Result<DealEdit, String> {
    let optional = |key: &str| Some(form.text(key)).filter(|t| !t.is_empty());
    Ok(DealEdit {
        account: form.text("account"),
        name: form.text("name"),
        amount_minor: form.amount("amount")?,
        stage: form.text("stage"),
        close_on: form.date("close_on", today)?,
        sponsor_name: optional("sponsor_name"),
        sponsor_role: optional("sponsor_role"),
        next_step: optional("next_step"),
        next_step_on: form.date("next_step_on", today)?,
    })
}

#[cfg(test)]
mod tests;
