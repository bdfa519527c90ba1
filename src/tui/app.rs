//! The app's state and `update`: actions change state only and return effects for the
//! worker. Rendering reads this state; nothing here touches the terminal or the store.
//! Commands from the keymap are in `commands`, the results of effects in `loaded`.

mod commands;
mod loaded;

use chrono::NaiveDate;

use super::action::Action;
use super::editors::Ctx;
use super::effects::Effect;
use super::keys::Mode;
use super::popup::{Popup, PopupKey, Target};
use super::state::{DealList, ProspectingState, ProspectingView, TeamState};
use super::theme::Theme;
use super::view::{DealView, RepView};
use super::wizard::{Msg, Out, Subject, Wizard};
use crate::domain::ids::{DealId, RepId};
use crate::domain::period::Period;
use crate::domain::review::ReviewKind;
use crate::domain::text::one_line;
use crate::script::Script;
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
    /// The deal challenge pane: the list, the card, the deal's script.
    pub deal_list: DealList,
    /// The prospecting pane: its view and the prospecting review.
    pub prospecting: ProspectingState,
    pub team: TeamState,
    pub popup: Option<Popup>,
    pub overlay: Option<Overlay>,
    pub notice: Option<Notice>,
    /// Who holds the file, when this window may not write (another sparring has it).
    pub read_only: Option<String>,
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
            deal_list: DealList::default(),
            prospecting: ProspectingState::default(),
            team: TeamState::default(),
            popup: None,
            overlay: None,
            notice: None,
            read_only: None,
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
                    self.prospecting.view = ProspectingView::Review;
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

    fn current_rep_id(&self) -> Option<RepId> {
        self.current_rep().map(|r| r.id)
    }

    /// The current rep's name, made safe; empty when there is none.
    pub fn current_rep_name(&self) -> String {
        self.current_rep().map(|r| one_line(&r.name).into_owned()).unwrap_or_default()
    }

    /// The deal under the cursor.
    pub fn selected_deal(&self) -> Option<&DealView> {
        self.deal_list.selected(self.view.as_ref())
    }

    /// The deals shown in the list, in order.
    pub fn listed_deals(&self) -> Vec<&DealView> {
        self.deal_list.listed(self.view.as_ref())
    }

    /// The deal the script is about.
    pub fn wizard_deal(&self) -> Option<&DealView> {
        let deal = self.deal_list.wizard.as_ref()?.subject.deal()?;
        self.deal(deal)
    }

    /// The script that has the keyboard on this pane, if one is open.
    pub fn active_script(&self) -> Option<&Wizard> {
        match self.pane {
            Pane::Challenge => self.deal_list.wizard.as_ref(),
            Pane::Prospecting if self.prospecting.view == ProspectingView::Review && !self.team.shown => {
                self.prospecting.review.as_ref()
            }
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

    /// The meeting's deals and how many have today's verdict, once a meeting has begun.
    pub fn meeting_progress(&self) -> Option<(usize, usize)> {
        DealList::meeting_progress(self.view.as_ref()?)
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
        if let Some(popup) = &self.popup {
            return vec![popup.mode(), Mode::Always];
        }
        if self.reps.is_empty() {
            return vec![Mode::Welcome, Mode::Always];
        }
        let local = match self.pane {
            Pane::Prospecting if self.team.shown => Mode::TeamList,
            // A question on screen has the keyboard: no global key while it shows. Nor on the
            // summary that follows the last one: the end of a sentence typed as Enter was
            // pressed lands there, and must not quit or open the rep picker.
            _ if let Some(script) = self.active_script() => return vec![script.mode(), Mode::Always],
            Pane::Prospecting => Mode::Prospecting,
            Pane::Challenge if self.deal_list.filtering => return vec![Mode::Filter, Mode::Always],
            Pane::Challenge if self.deal_list.card_zoom => Mode::Card,
            Pane::Challenge => Mode::DealList,
        };
        vec![local, Mode::Global, Mode::Always]
    }

    /// Applies one action; returns the effects to run.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Command(command) => {
                // A notice is read by then: the next key clears it.
                self.notice = None;
                self.command(command)
            }
            Action::Key(key) => {
                self.notice = None;
                if let Some(popup) = self.popup.as_mut() {
                    return match popup.key(key) {
                        PopupKey::Moved => self.save_popup(false),
                        PopupKey::Complete(typed) => vec![Effect::CompletePath { typed }],
                        PopupKey::Typed => Vec::new(),
                    };
                }
                if self.deal_list.filtering {
                    if self.deal_list.filter_key(key) {
                        self.deal_list.reorder(self.view.as_ref(), self.today);
                    }
                    return Vec::new();
                }
                self.send_to_wizard(Msg::Key(key))
            }
            Action::Paste(text) => {
                self.notice = None;
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
            loaded => self.loaded(loaded),
        }
    }

    /// Saves the popup's form as it stands; `close` (Enter) also closes it, unless a value
    /// is wrong.
    fn save_popup(&mut self, close: bool) -> Vec<Effect> {
        let (Some(rep), Some(popup)) = (self.current_rep_id(), self.popup.as_mut()) else { return Vec::new() };
        let to = Target { rep, period: self.period, today: self.today };
        let saving = popup.save(to, close, &mut self.tokens);
        if let Some(warn) = saving.warn {
            self.notice = Some(Notice::warn(warn));
        }
        if saving.close {
            self.popup = None;
        }
        saving.effects
    }

    /// Esc in a popup: closed, and everything it wrote is undone.
    fn cancel_popup(&mut self) -> Vec<Effect> {
        let Some(popup) = self.popup.take() else { return Vec::new() };
        let Some(rep) = self.current_rep_id() else { return Vec::new() };
        popup.cancel(rep, self.period)
    }

    /// Changes what the list shows (`change`) and sorts it again, the cursor staying on the
    /// deal it was on.
    fn keeping_selection(&mut self, change: impl FnOnce(&mut App)) {
        let keep = self.selected_deal().map(|d| d.deal.id);
        change(self);
        self.deal_list.reorder(self.view.as_ref(), self.today);
        if let Some(id) = keep {
            self.select(id);
        }
    }

    /// Puts the cursor on a deal, if it is listed.
    fn select(&mut self, deal: DealId) {
        self.deal_list.select(self.view.as_ref(), deal);
    }

    fn select_rep(&mut self, index: usize) -> Vec<Effect> {
        self.rep = Some(index);
        self.view = None;
        self.deal_list.reset();
        self.prospecting.review = None;
        self.popup = None;
        vec![Effect::LoadRep { rep: self.reps[index].id, period: self.period }]
    }

    /// The open script about `subject`: the deal's script, or the prospecting review.
    fn script_mut(&mut self, subject: Subject) -> Option<&mut Wizard> {
        let script = match subject {
            Subject::Deal(_) => self.deal_list.wizard.as_mut(),
            Subject::Prospecting => self.prospecting.review.as_mut(),
        };
        script.filter(|w| w.subject == subject)
    }

    /// Runs `f` on the script of `subject` with what its editors read.
    fn with_script(&mut self, subject: Subject, f: impl FnOnce(&mut Wizard, Option<Ctx<'_>>) -> Vec<Out>) -> Vec<Out> {
        let script = match subject {
            Subject::Deal(_) => self.deal_list.wizard.as_mut(),
            Subject::Prospecting => self.prospecting.review.as_mut(),
        };
        // Not `script_mut`: the borrow of the script must leave `view` and `script` readable.
        let Some(wizard) = script.filter(|w| w.subject == subject) else { return Vec::new() };
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
        let Some(rep) = self.current_rep_id() else { return Vec::new() };
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
                Out::Draft(fields) => {
                    if let Some(deal) = subject.deal() {
                        effects.push(Effect::SaveDraft { rep, deal, fields });
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

    /// Back from a script: the deal list, or the prospecting figures (the review stays as it
    /// is: coming back to it shows where it stands).
    fn close_script(&mut self) {
        match self.pane {
            Pane::Challenge => self.deal_list.wizard = None,
            Pane::Prospecting => self.prospecting.view = ProspectingView::Overview,
        }
    }
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

#[cfg(test)]
mod tests;
