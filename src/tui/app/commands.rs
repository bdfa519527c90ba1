//! What the keymap's commands do to the app, pane by pane.

use super::{App, Notice, Overlay, Pane};
use crate::domain::challenge::{SortBy, order};
use crate::domain::commitment::CommitmentStatus;
use crate::domain::hypothesis::HypothesisStatus;
use crate::store::undo::UndoScope;
use crate::tui::editors::Quick;
use crate::tui::effects::Effect;
use crate::tui::keys::{Command, Mode};
use crate::tui::popup::{Known, Popup};
use crate::tui::state::deal_list::card_lines_at_most;
use crate::tui::state::{Cursor, DealList, ProspectingView};
use crate::tui::strings;
use crate::tui::view::DealView;
use crate::tui::wizard::{Answer, Msg, Start};

impl App {
    pub(super) fn command(&mut self, command: Command) -> Vec<Effect> {
        let mode = self.modes()[0];
        match (mode, command) {
            (_, Command::Quit) => self.quit(),
            (_, Command::Undo) => self.undo(),
            (Mode::Help, Command::Back) | (_, Command::ToggleHelp) => {
                self.overlay = if self.overlay == Some(Overlay::Help) { None } else { Some(Overlay::Help) };
                Vec::new()
            }
            (Mode::RepPicker, _) => self.rep_picker(command),
            (Mode::ImportForm, Command::CloseForm) if self.popup.as_ref().is_some_and(|p| !p.summary().is_empty()) => {
                self.popup = None;
                Vec::new()
            }
            (Mode::ImportForm, Command::CloseForm) => {
                let rep = self.current_rep_id();
                self.popup.as_mut().and_then(|p| p.import_effect(rep)).into_iter().collect()
            }
            (Mode::DealForm | Mode::LogForm, Command::CloseForm) => self.save_popup(true),
            (Mode::DealForm | Mode::LogForm | Mode::ImportForm, Command::Cancel) => self.cancel_popup(),
            (_, Command::Import) => {
                let group = self.token();
                self.popup = Some(Popup::import(group));
                Vec::new()
            }
            (Mode::Filter, Command::AcceptFilter) => {
                self.deal_list.filtering = false;
                Vec::new()
            }
            (Mode::Filter, Command::ClearFilter) => {
                self.deal_list.filtering = false;
                self.deal_list.filter.clear();
                self.deal_list.reorder(self.view.as_ref(), self.today);
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
            (_, Command::PeriodNext | Command::PeriodPrev | Command::PeriodLength) => {
                let next = match command {
                    Command::PeriodPrev => self.period.earlier(),
                    Command::PeriodNext => {
                        let Some(later) = self.period.later() else {
                            self.notice = Some(Notice::info(strings::PERIOD_UNDER_WAY));
                            return Vec::new();
                        };
                        later
                    }
                    _ => self.period.next_length(),
                };
                if next == self.period {
                    self.notice = Some(Notice::info(strings::PERIOD_FARTHEST));
                    return Vec::new();
                }
                self.period = next;
                let mut effects = Vec::new();
                if let Some(rep) = self.current_rep_id() {
                    effects.push(Effect::LoadDashboard { rep, period: self.period });
                }
                if self.team.shown {
                    effects.push(Effect::LoadTeam { period: self.period });
                }
                effects
            }
            (Mode::TeamList, _) => self.team_keys(command),
            (Mode::Prospecting, _) => self.prospecting_keys(command),
            (Mode::DealList, _) => self.deal_list_keys(command),
            (Mode::Card, Command::ScrollDown | Command::ScrollUp) => {
                let most = self.selected_deal().map_or(0, card_lines_at_most);
                self.deal_list.scroll_card(command == Command::ScrollDown, most);
                Vec::new()
            }
            (Mode::Card, Command::ToggleCard) => {
                self.deal_list.card_zoom = false;
                Vec::new()
            }
            (Mode::Card, Command::Open) => {
                self.deal_list.card_zoom = false;
                self.open_selected_deal()
            }
            (Mode::DealDone, Command::Open) => self.next_deal(),
            (Mode::DealDone | Mode::ReviewDone, Command::Back) => {
                self.close_script();
                Vec::new()
            }
            (_, command) => match script_msg(command) {
                Some(msg) => self.send_to_wizard(msg),
                None => Vec::new(),
            },
        }
    }

    /// What was typed is saved: quitting loses nothing.
    fn quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        if self.quit_despite_unsaved {
            return Vec::new();
        }
        let mut effects = match &self.popup {
            Some(popup) if popup.saves_as_typed() => self.save_popup(true),
            _ => Vec::new(),
        };
        effects.extend(self.send_to_wizard(Msg::Autosave));
        effects
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
        let Some(rep) = self.current_rep_id() else { return Vec::new() };
        let mut effects = self.send_to_wizard(Msg::Autosave);
        let reload = self.active_script().map(|w| w.subject);
        effects.push(Effect::Undo { rep, scope: UndoScope::Last, reload, period: self.period });
        effects
    }

    fn rep_picker(&mut self, command: Command) -> Vec<Effect> {
        let Some(Overlay::RepPicker { cursor }) = self.overlay else { return Vec::new() };
        let mut cursor = Cursor::at(cursor);
        match command {
            Command::Back => {
                self.overlay = None;
                return Vec::new();
            }
            Command::Open => {
                self.overlay = None;
                if Some(cursor.index()) == self.rep {
                    return Vec::new();
                }
                return self.select_rep(cursor.index());
            }
            _ => cursor.moved(command, self.reps.len()),
        };
        self.overlay = Some(Overlay::RepPicker { cursor: cursor.index() });
        Vec::new()
    }

    fn deal_list_keys(&mut self, command: Command) -> Vec<Effect> {
        if self.deal_list.cursor.moved(command, self.deal_list.order.len()) {
            return Vec::new();
        }
        match command {
            Command::Open => return self.open_selected_deal(),
            Command::Filter => self.deal_list.filtering = true,
            Command::CycleSort => self.keeping_selection(|app| app.deal_list.sort = app.deal_list.sort.next()),
            Command::ToggleCard => self.deal_list.zoom_card(),
            Command::EditDeal if self.selected_deal().is_some() => {
                let group = self.token();
                self.popup = Some(Popup::deal(&self.script, self.selected_deal(), group));
            }
            Command::AddDeal if self.current_rep().is_some() => {
                let group = self.token();
                self.popup = Some(Popup::deal(&self.script, None, group));
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn open_selected_deal(&mut self) -> Vec<Effect> {
        let (Some(rep), Some(deal)) = (self.current_rep_id(), self.selected_deal().map(|d| d.deal.id)) else {
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

    /// From a deal's summary to the next deal of the meeting's order not challenged today,
    /// or back to the list when every one is.
    fn next_deal(&mut self) -> Vec<Effect> {
        let current = self.deal_list.wizard.take().and_then(|w| w.subject.deal());
        let Some(view) = &self.view else { return Vec::new() };
        let Some(id) = DealList::next_in_meeting(view, current) else {
            if let Some(id) = current {
                self.select(id);
            }
            self.notice = Some(Notice::info(strings::MEETING_DONE));
            return Vec::new();
        };
        if self.deal_list.sort != SortBy::Need || !self.deal_list.filter.is_empty() {
            // The next deal is found in the meeting's order, whatever the list shows.
            self.deal_list.sort = SortBy::Need;
            self.deal_list.filter.clear();
            self.deal_list.reorder(self.view.as_ref(), self.today);
        }
        self.select(id);
        self.open_selected_deal()
    }

    /// The prospecting pane's own keys.
    fn prospecting_keys(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::ShowOverview => self.prospecting.view = ProspectingView::Overview,
            Command::ShowBreakdown => self.prospecting.next_breakdown(),
            Command::ShowWeek => self.prospecting.view = ProspectingView::Week,
            Command::ShowReview => {
                self.prospecting.view = ProspectingView::Review;
                if self.prospecting.review.is_none()
                    && let Some(rep) = self.current_rep_id()
                {
                    return vec![Effect::LoadReview { rep, start: Start::Fresh }];
                }
            }
            Command::EditTargets if self.view.is_some() => {
                let group = self.token();
                self.popup = self.view.as_ref().map(|view| Popup::targets(view, group));
            }
            Command::LogActivity => {
                let group = self.token();
                let known = self.view.as_ref().map(Known::of).unwrap_or_default();
                self.popup = Some(Popup::log(group, known));
            }
            Command::ToggleTeam => {
                self.team.show(self.current_rep_id());
                return vec![Effect::LoadTeam { period: self.period }];
            }
            _ => {}
        }
        Vec::new()
    }

    /// The team view's keys: move, open a rep, back to the rep view.
    fn team_keys(&mut self, command: Command) -> Vec<Effect> {
        if self.team.cursor.moved(command, self.team.rep_count()) {
            return Vec::new();
        }
        match command {
            Command::ToggleTeam | Command::Back => self.team.shown = false,
            Command::Open => {
                self.team.shown = false;
                if let Some(index) = self.team.selected().and_then(|id| self.reps.iter().position(|r| r.id == id))
                    && Some(index) != self.rep
                {
                    return self.select_rep(index);
                }
            }
            _ => {}
        }
        Vec::new()
    }
}

/// The commands a script on screen takes, as the message it gets.
fn script_msg(command: Command) -> Option<Msg> {
    Some(match command {
        Command::SaveAndNext => Msg::SaveAndNext,
        Command::NewLine => Msg::NewLine,
        Command::LeaveField => Msg::Leave,
        Command::Cancel => Msg::Cancel,
        Command::PrevQuestion => Msg::PrevQuestion,
        Command::NextQuestion => Msg::NextQuestion,
        Command::RowUp => Msg::RowUp,
        Command::RowDown => Msg::RowDown,
        Command::OpenRow => Msg::OpenRow,
        Command::CloseForm => Msg::CloseForm,
        Command::MarkDone => Msg::Quick(Quick::Settle(CommitmentStatus::Done)),
        Command::MarkMissed => Msg::Quick(Quick::Settle(CommitmentStatus::Missed)),
        Command::MarkDropped => Msg::Quick(Quick::Settle(CommitmentStatus::Dropped)),
        Command::DeleteItem => Msg::Quick(Quick::Delete),
        Command::Validate => Msg::Quick(Quick::Validate),
        Command::Confirm => Msg::Quick(Quick::Conclude(HypothesisStatus::Confirmed)),
        Command::Refute => Msg::Quick(Quick::Conclude(HypothesisStatus::Refuted)),
        _ => return None,
    })
}
