//! The app's state and `update`: actions change state only and return effects for the
//! runner. Rendering reads this state; nothing here touches the terminal or the store.

use chrono::NaiveDate;

use super::action::{Action, DealView, RepView, same_period};
use super::effects::Effect;
use super::keys::{Command, Mode};
use super::strings;
use super::theme::Theme;
use super::wizard::{Msg, Save, Wizard};
use crate::domain::ids::{DealId, RepId};
use crate::domain::period::Period;
use crate::domain::text::one_line;
use crate::script::Script;
use crate::store::reps::Rep;
use crate::store::reviews::ResumePoint;

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

/// A one-line message in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// Where to go once the rep's deals are loaded (resuming an open review).
#[derive(Debug, Clone, PartialEq, Eq)]
struct PendingResume {
    deal: DealId,
    question: Option<String>,
}

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
    pub deal_cursor: usize,
    pub wizard: Option<Wizard>,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    pub quit: bool,
    /// Quitting was stopped once because the typed answer could not be saved: the next
    /// quit goes through without it.
    quit_despite_unsaved: bool,
    pending_resume: Option<PendingResume>,
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
            deal_cursor: 0,
            wizard: None,
            overlay: None,
            notice: None,
            quit: false,
            quit_despite_unsaved: false,
            pending_resume: None,
        }
    }

    /// Selects the first rep, or `wanted`, or the rep of a review left open today (which
    /// is then resumed on the same deal and question), and asks for its data.
    pub fn start(&mut self, wanted: Option<RepId>, resume: Option<ResumePoint>) -> Vec<Effect> {
        if self.reps.is_empty() {
            return Vec::new();
        }
        let resume = resume.filter(|r| r.held_on == self.today && wanted.is_none_or(|w| w == r.rep));
        let rep_id = wanted.or_else(|| resume.as_ref().map(|r| r.rep));
        let index = rep_id.and_then(|id| self.reps.iter().position(|r| r.id == id)).unwrap_or(0);
        if let Some(point) = resume.filter(|r| r.deal.is_some() && self.reps[index].id == r.rep) {
            self.pane = Pane::Challenge;
            self.pending_resume = point.deal.map(|deal| PendingResume { deal, question: point.question });
        }
        self.select_rep(index)
    }

    pub fn current_rep(&self) -> Option<&Rep> {
        self.rep.and_then(|i| self.reps.get(i))
    }

    /// The deal the cursor is on.
    pub fn selected_deal(&self) -> Option<&DealView> {
        self.view.as_ref().and_then(|v| v.deals.get(self.deal_cursor))
    }

    /// The deal the script is about.
    pub fn wizard_deal(&self) -> Option<&DealView> {
        let wizard = self.wizard.as_ref()?;
        self.view.as_ref()?.deals.iter().find(|d| d.deal.id == wizard.deal)
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
        let local = match (self.pane, &self.wizard) {
            (Pane::Prospecting, _) => Mode::Prospecting,
            (Pane::Challenge, Some(w)) if w.is_editing() => return vec![Mode::Typing, Mode::Always],
            (Pane::Challenge, Some(w)) if w.is_done() => Mode::DealDone,
            (Pane::Challenge, Some(_)) => Mode::Script,
            (Pane::Challenge, None) => Mode::DealList,
        };
        vec![local, Mode::Global, Mode::Always]
    }

    /// Applies one action; returns the effects to run.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Command(command) => self.command(command),
            Action::Key(key) => self.send_to_wizard(Msg::Key(key)),
            Action::Paste(text) => self.send_to_wizard(Msg::Paste(text)),
            Action::Idle => self.send_to_wizard(Msg::Autosave),
            Action::RepLoaded(view) => self.rep_loaded(*view),
            Action::DashboardLoaded { rep, dashboard } => {
                if let Some(view) = self.view.as_mut().filter(|v| v.rep == rep && dashboard.period == self.period) {
                    view.dashboard = *dashboard;
                }
                Vec::new()
            }
            Action::ScriptLoaded { deal, saved, previous, resume_at } => {
                let Some(view) = self.view.as_ref() else { return Vec::new() };
                let Some(deal_view) = view.deals.iter().find(|d| d.deal.id == deal) else { return Vec::new() };
                let questions = self.script.questions_for(&deal_view.deal.stage).into_iter().cloned().collect();
                self.wizard = Some(Wizard::new(deal, questions, saved, previous, resume_at.as_deref()));
                Vec::new()
            }
            Action::AnswerSaved { deal, question_id, answer, at } => {
                if let Some(wizard) = self.wizard.as_mut().filter(|w| w.deal == deal) {
                    wizard.confirm_saved(&question_id, &answer);
                }
                self.notice = Some(Notice { text: strings::saved_notice(&at), is_error: false });
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
                self.notice = Some(Notice { text, is_error: true });
                Vec::new()
            }
            Action::LoadFailed(err) => {
                self.notice = Some(Notice { text: strings::load_failed(&one_line(&err)), is_error: true });
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
                // Leaving the field saves what was typed: quitting loses nothing.
                self.send_to_wizard(Msg::Leave)
            }
            (Mode::Help, Command::Back) | (_, Command::ToggleHelp) => {
                self.overlay = if self.overlay == Some(Overlay::Help) { None } else { Some(Overlay::Help) };
                Vec::new()
            }
            (Mode::RepPicker, _) => self.rep_picker(command),
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
                match self.current_rep() {
                    Some(rep) => vec![Effect::LoadDashboard { rep: rep.id, period: self.period }],
                    None => Vec::new(),
                }
            }
            (Mode::DealList, _) => self.deal_list(command),
            (Mode::DealDone, Command::Open) => self.next_deal(),
            (Mode::Script, Command::Open) => self.send_to_wizard(Msg::Edit),
            (Mode::Script | Mode::DealDone, Command::Back) => {
                self.wizard = None;
                Vec::new()
            }
            (_, Command::SaveAndNext) => self.send_to_wizard(Msg::SaveAndNext),
            (_, Command::NewLine) => self.send_to_wizard(Msg::NewLine),
            (_, Command::LeaveField) => self.send_to_wizard(Msg::Leave),
            (_, Command::PrevQuestion) => self.send_to_wizard(Msg::PrevQuestion),
            (_, Command::NextQuestion) => self.send_to_wizard(Msg::NextQuestion),
            _ => Vec::new(),
        }
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
        let count = self.view.as_ref().map_or(0, |v| v.deals.len());
        let last = count.saturating_sub(1);
        match command {
            Command::Up => self.deal_cursor = self.deal_cursor.saturating_sub(1),
            Command::Down => self.deal_cursor = (self.deal_cursor + 1).min(last),
            Command::First => self.deal_cursor = 0,
            Command::Last => self.deal_cursor = last,
            Command::Open => return self.open_selected_deal(),
            _ => {}
        }
        Vec::new()
    }

    fn open_selected_deal(&mut self) -> Vec<Effect> {
        match (self.current_rep(), self.selected_deal()) {
            (Some(rep), Some(deal)) => vec![Effect::LoadScript { rep: rep.id, deal: deal.deal.id, resume_at: None }],
            _ => Vec::new(),
        }
    }

    /// From the end of a deal's script to the next deal's script, or back to the list.
    fn next_deal(&mut self) -> Vec<Effect> {
        self.wizard = None;
        let count = self.view.as_ref().map_or(0, |v| v.deals.len());
        if self.deal_cursor + 1 < count {
            self.deal_cursor += 1;
            return self.open_selected_deal();
        }
        Vec::new()
    }

    fn select_rep(&mut self, index: usize) -> Vec<Effect> {
        self.rep = Some(index);
        self.view = None;
        self.wizard = None;
        self.deal_cursor = 0;
        vec![Effect::LoadRep { rep: self.reps[index].id, period: self.period }]
    }

    fn rep_loaded(&mut self, view: RepView) -> Vec<Effect> {
        if self.current_rep().is_none_or(|r| r.id != view.rep) {
            return Vec::new();
        }
        let reload = !same_period(&view, self.period);
        let rep = view.rep;
        self.deal_cursor = self.deal_cursor.min(view.deals.len().saturating_sub(1));
        let mut effects = Vec::new();
        if let Some(resume) = self.pending_resume.take()
            && let Some(index) = view.deals.iter().position(|d| d.deal.id == resume.deal)
        {
            self.deal_cursor = index;
            let name =
                format!("{} — {}", one_line(&view.deals[index].deal.account), one_line(&view.deals[index].deal.name));
            let rep_name = self.current_rep().map(|r| one_line(&r.name).into_owned()).unwrap_or_default();
            self.notice = Some(Notice { text: strings::resumed(&rep_name, &name), is_error: false });
            effects.push(Effect::LoadScript { rep, deal: resume.deal, resume_at: resume.question });
        }
        self.view = Some(view);
        if reload {
            effects.push(Effect::LoadDashboard { rep, period: self.period });
        }
        effects
    }

    fn send_to_wizard(&mut self, msg: Msg) -> Vec<Effect> {
        let Some(rep) = self.current_rep().map(|r| r.id) else { return Vec::new() };
        let Some(wizard) = self.wizard.as_mut() else { return Vec::new() };
        match wizard.handle(msg) {
            Some(Save { deal, question_id, question_text, answer }) => {
                vec![Effect::SaveAnswer { rep, deal, question_id, question_text, answer }]
            }
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::reps::Rep;

    fn app_with_a_rep() -> App {
        let rep = Rep {
            id: RepId(1),
            name: "Ada".into(),
            email: None,
            active: true,
            manager: None,
            team: None,
            open_deals: 0,
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        App::new(Script::embedded(), today, Theme::monochrome(), vec![rep], String::new())
    }

    #[test]
    fn a_failed_save_on_quit_keeps_the_app_open_once() {
        let mut app = app_with_a_rep();
        app.start(None, None);
        app.update(Action::Command(Command::Quit));
        assert!(app.quit);
        app.update(Action::SaveFailed("disk I/O error".into()));
        assert!(!app.quit, "the user is told before the answer is lost");
        assert!(app.notice.as_ref().is_some_and(|n| n.is_error && n.text.contains("quit again")));
        app.update(Action::Command(Command::Quit));
        assert!(app.quit, "the second quit leaves");
    }

    #[test]
    fn modes_follow_the_screen() {
        let mut app = app_with_a_rep();
        app.start(None, None);
        assert_eq!(app.modes(), vec![Mode::Prospecting, Mode::Global, Mode::Always]);
        app.update(Action::Command(Command::ShowChallenge));
        assert_eq!(app.modes()[0], Mode::DealList);
        app.update(Action::Command(Command::ToggleHelp));
        assert_eq!(app.modes(), vec![Mode::Help, Mode::Always]);
        assert_eq!(app.base_modes()[0], Mode::DealList);
        app.update(Action::Command(Command::Back));
        app.update(Action::Command(Command::PickRep));
        assert_eq!(app.modes()[0], Mode::RepPicker);
        let empty = App::new(Script::embedded(), app.today, Theme::monochrome(), Vec::new(), String::new());
        assert_eq!(empty.modes(), vec![Mode::Welcome, Mode::Always]);
    }

    #[test]
    fn period_keys_reload_the_figures() {
        let mut app = app_with_a_rep();
        app.start(None, None);
        let effects = app.update(Action::Command(Command::PeriodNext));
        assert_eq!(app.period, Period::ThisQuarter);
        assert_eq!(effects, vec![Effect::LoadDashboard { rep: RepId(1), period: Period::ThisQuarter }]);
        app.update(Action::Command(Command::PeriodPrev));
        assert_eq!(app.period, Period::Last4Weeks);
    }
}
