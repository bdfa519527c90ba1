//! The one keymap. It decides what a key does, and it feeds the footer hints, the `?`
//! help overlay and the README keys table, so what the screen says is the real key.

use std::fmt::Write as _;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the user asked for, independent of the key that asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Leave the app (saving the answer being typed).
    Quit,
    /// Show the next pane.
    NextPane,
    /// Show the previous pane.
    PrevPane,
    /// Show the prospecting dashboard.
    ShowProspecting,
    /// Show the deal challenge.
    ShowChallenge,
    /// Open the rep picker.
    PickRep,
    /// Show or hide the key help.
    ToggleHelp,
    /// The period after this one, of the same length; never past the one under way.
    PeriodNext,
    /// The period before this one, of the same length ("the 4 weeks before that").
    PeriodPrev,
    /// Change the period's length: this week, last week, 4 weeks, quarter, 12 weeks.
    PeriodLength,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Jump to the first item.
    First,
    /// Jump to the last item.
    Last,
    /// Open what is selected: challenge a deal, pick a rep, edit an answer.
    Open,
    /// Close the overlay or leave the deal script.
    Back,
    /// Save the answer and go to the next question.
    SaveAndNext,
    /// Insert a line break in the answer.
    NewLine,
    /// Leave the answer field, keeping (and saving) what was typed.
    LeaveField,
    /// Go to the previous question.
    PrevQuestion,
    /// Go to the next question.
    NextQuestion,
    /// Filter the deal list by typing part of an account or deal name.
    Filter,
    /// Keep the filter and go back to the list.
    AcceptFilter,
    /// Clear the filter.
    ClearFilter,
    /// Sort the deal list another way.
    CycleSort,
    /// Edit the selected deal's facts.
    EditDeal,
    /// Add a deal for the rep.
    AddDeal,
    /// Show the deal card across the whole pane, or back beside the list.
    ToggleCard,
    /// Move up in a list of commitments, criteria or hypotheses.
    RowUp,
    /// Move down in such a list.
    RowDown,
    /// Open the row under the cursor.
    OpenRow,
    /// Mark the commitment done.
    MarkDone,
    /// Mark the commitment missed.
    MarkMissed,
    /// Mark the commitment dropped.
    MarkDropped,
    /// Delete the commitment made today.
    DeleteItem,
    /// Validate the exit criterion.
    Validate,
    /// The hypothesis was confirmed.
    Confirm,
    /// The hypothesis was refuted.
    Refute,
    /// Save the open form and close it.
    CloseForm,
    /// Next field of a form (the key goes to the form).
    NextField,
    /// Previous field of a form (the key goes to the form).
    PrevField,
    /// Choose among the values of a field (the key goes to the field).
    Choose,
    /// Prospecting: volume, funnel, trends, what stands out.
    ShowOverview,
    /// Prospecting: by channel, then by message, then by segment.
    ShowBreakdown,
    /// Prospecting: when the rep prospects, by day and hour.
    ShowWeek,
    /// Prospecting: the prospecting review's questions and commitments.
    ShowReview,
    /// The team's figures, rep by rep, or back to one rep.
    ToggleTeam,
    /// Edit the rep's weekly targets and planned blocks.
    EditTargets,
    /// Log an activity, or a weekly count of them.
    LogActivity,
    /// Import a CRM export from a file.
    Import,
    /// Close the form without keeping anything it changed.
    Cancel,
    /// Scroll the deal card up.
    ScrollUp,
    /// Scroll the deal card down.
    ScrollDown,
    /// Undo the last change made in this meeting.
    Undo,
}

impl Command {
    /// Commands that only name a key the field itself handles: the key is passed on.
    pub fn forwards_key(self) -> bool {
        matches!(self, Command::NextField | Command::PrevField | Command::Choose)
    }
}

/// Where the keyboard is. Each mode has its own bindings; `Global` ones apply on top of
/// the browsing modes but never while a text field has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Global,
    Prospecting,
    DealList,
    /// The deal card across the pane.
    Card,
    /// The script of a deal is finished.
    DealDone,
    /// The prospecting review's summary.
    ReviewDone,
    /// Typing an answer: every printable key goes to the field.
    Typing,
    /// Picking an option (yes/no, a choice, a scale).
    Choosing,
    /// The list of a commitments question, on a commitment.
    CommitmentList,
    /// A list's "add" row: every printable key starts a new commitment or hypothesis.
    NewRow,
    /// The list of an exit-criteria question.
    CriteriaList,
    /// The list of a hypotheses question.
    HypothesisList,
    /// A form open on a row (a commitment, a criterion, a hypothesis).
    Form,
    /// The one-line "why" typed on a commitment just settled.
    Why,
    /// The verdict at the end of a deal.
    Verdict,
    /// Typing the deal list's filter.
    Filter,
    /// Editing or adding a deal.
    DealForm,
    /// The team view of the prospecting pane.
    TeamList,
    /// Logging an activity.
    LogForm,
    /// Naming a file to import.
    ImportForm,
    RepPicker,
    Help,
    /// An empty database: nothing to browse yet.
    Welcome,
    /// Keys that work in every mode.
    Always,
}

impl Mode {
    /// Modes where a key with no binding is typed into the field that has the keyboard:
    /// every mode of a question on screen, and every form.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Typing
                | Mode::Choosing
                | Mode::CommitmentList
                | Mode::NewRow
                | Mode::CriteriaList
                | Mode::HypothesisList
                | Mode::Form
                | Mode::Why
                | Mode::Verdict
                | Mode::Filter
                | Mode::DealForm
                | Mode::LogForm
                | Mode::ImportForm
        )
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key { code, mods: KeyModifiers::NONE }
    }
    const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
    }
    const fn alt(code: KeyCode) -> Key {
        Key { code, mods: KeyModifiers::ALT }
    }

    /// Whether a key event is this key. Shift is ignored for characters (the character
    /// already says it: `?` is Shift-/) and for BackTab.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        let same_code = match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b || (self.mods.contains(KeyModifiers::CONTROL) && a.eq_ignore_ascii_case(&b))
            }
            (a, b) => a == b,
        };
        same_code && (event.modifiers & relevant) == (self.mods & relevant)
    }

    /// How the key is written on screen and in the README.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::BackTab => "Shift-Tab".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

/// Whether a binding shows in the footer (every binding shows in the help overlay).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Footer {
    Hidden,
    Shown,
    /// Shown with the previous binding's entry: `[` back and `]` forward read "[ ] period".
    WithPrevious,
}

/// One line of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    pub keys: &'static [Key],
    pub command: Command,
    pub footer: Footer,
}

const fn bind(mode: Mode, keys: &'static [Key], command: Command, footer: Footer) -> Binding {
    Binding { mode, keys, command, footer }
}

use Command as C;
use Footer::{Hidden as H, Shown as S, WithPrevious as P};
use KeyCode as K;
use Mode as M;

/// Every binding, in the order the footer and the help show them.
pub const KEYMAP: &[Binding] = &[
    // Answer field: only these keys escape the text; everything else is typed.
    bind(M::Typing, &[Key::plain(K::Enter)], C::SaveAndNext, S),
    bind(M::Typing, &[Key::plain(K::PageUp)], C::PrevQuestion, S),
    bind(M::Typing, &[Key::plain(K::PageDown)], C::NextQuestion, P),
    bind(M::Typing, &[Key::plain(K::Esc)], C::LeaveField, S),
    bind(M::Typing, &[Key::alt(K::Enter), Key::ctrl('j')], C::NewLine, S),
    // Picking an option: arrows and digits pick; any other key starts the note.
    bind(M::Choosing, &[Key::plain(K::Enter)], C::SaveAndNext, S),
    bind(M::Choosing, &[Key::plain(K::PageUp)], C::PrevQuestion, S),
    bind(M::Choosing, &[Key::plain(K::PageDown)], C::NextQuestion, P),
    bind(M::Choosing, &[Key::plain(K::Esc)], C::LeaveField, S),
    bind(M::Choosing, &[Key::plain(K::Left), Key::plain(K::Up)], C::Choose, S),
    bind(M::Choosing, &[Key::plain(K::Right), Key::plain(K::Down)], C::Choose, P),
    bind(M::Choosing, &[Key::plain(K::Tab)], C::NextField, S),
    // Structured lists: the keys that act on the selected row; any other key is typed.
    bind(M::CommitmentList, &[Key::plain(K::Up)], C::RowUp, S),
    bind(M::CommitmentList, &[Key::plain(K::Down)], C::RowDown, P),
    bind(M::CommitmentList, &[Key::ch('d')], C::MarkDone, S),
    bind(M::CommitmentList, &[Key::ch('m')], C::MarkMissed, P),
    bind(M::CommitmentList, &[Key::ch('x')], C::MarkDropped, P),
    bind(M::CommitmentList, &[Key::plain(K::Enter)], C::OpenRow, S),
    bind(M::CommitmentList, &[Key::plain(K::Delete)], C::DeleteItem, H),
    bind(M::CommitmentList, &[Key::plain(K::PageUp)], C::PrevQuestion, S),
    bind(M::CommitmentList, &[Key::plain(K::PageDown)], C::NextQuestion, P),
    bind(M::CommitmentList, &[Key::plain(K::Esc)], C::LeaveField, S),
    bind(M::NewRow, &[Key::plain(K::Up)], C::RowUp, S),
    bind(M::NewRow, &[Key::plain(K::Down)], C::RowDown, P),
    bind(M::NewRow, &[Key::plain(K::Enter)], C::OpenRow, S),
    bind(M::NewRow, &[Key::plain(K::PageUp)], C::PrevQuestion, S),
    bind(M::NewRow, &[Key::plain(K::PageDown)], C::NextQuestion, P),
    bind(M::NewRow, &[Key::plain(K::Esc)], C::LeaveField, S),
    bind(M::CriteriaList, &[Key::plain(K::Up)], C::RowUp, S),
    bind(M::CriteriaList, &[Key::plain(K::Down)], C::RowDown, P),
    bind(M::CriteriaList, &[Key::ch('v')], C::Validate, S),
    bind(M::CriteriaList, &[Key::plain(K::Enter)], C::OpenRow, S),
    bind(M::CriteriaList, &[Key::plain(K::PageUp)], C::PrevQuestion, S),
    bind(M::CriteriaList, &[Key::plain(K::PageDown)], C::NextQuestion, P),
    bind(M::CriteriaList, &[Key::plain(K::Esc)], C::LeaveField, S),
    bind(M::HypothesisList, &[Key::plain(K::Up)], C::RowUp, S),
    bind(M::HypothesisList, &[Key::plain(K::Down)], C::RowDown, P),
    bind(M::HypothesisList, &[Key::ch('c')], C::Confirm, S),
    bind(M::HypothesisList, &[Key::ch('r')], C::Refute, P),
    bind(M::HypothesisList, &[Key::plain(K::Enter)], C::OpenRow, S),
    bind(M::HypothesisList, &[Key::plain(K::PageUp)], C::PrevQuestion, S),
    bind(M::HypothesisList, &[Key::plain(K::PageDown)], C::NextQuestion, P),
    bind(M::HypothesisList, &[Key::plain(K::Esc)], C::LeaveField, S),
    // A form open on a row.
    bind(M::Form, &[Key::plain(K::Enter)], C::CloseForm, S),
    bind(M::Form, &[Key::plain(K::Esc)], C::Cancel, S),
    bind(M::Form, &[Key::plain(K::Tab), Key::plain(K::Down)], C::NextField, S),
    bind(M::Form, &[Key::plain(K::BackTab), Key::plain(K::Up)], C::PrevField, H),
    bind(M::Form, &[Key::plain(K::Left)], C::Choose, S),
    bind(M::Form, &[Key::plain(K::Right)], C::Choose, P),
    bind(M::Form, &[Key::plain(K::PageUp)], C::PrevQuestion, S),
    bind(M::Form, &[Key::plain(K::PageDown)], C::NextQuestion, P),
    // The "why" of a commitment just settled, typed on its row.
    bind(M::Why, &[Key::plain(K::Enter)], C::CloseForm, S),
    bind(M::Why, &[Key::plain(K::Esc)], C::Cancel, S),
    bind(M::Why, &[Key::plain(K::Up)], C::RowUp, S),
    bind(M::Why, &[Key::plain(K::Down)], C::RowDown, P),
    // The verdict.
    bind(M::Verdict, &[Key::plain(K::Enter)], C::SaveAndNext, S),
    bind(M::Verdict, &[Key::plain(K::Esc)], C::LeaveField, S),
    bind(M::Verdict, &[Key::plain(K::Tab), Key::plain(K::Down)], C::NextField, S),
    bind(M::Verdict, &[Key::plain(K::BackTab), Key::plain(K::Up)], C::PrevField, H),
    bind(M::Verdict, &[Key::plain(K::Left)], C::Choose, S),
    bind(M::Verdict, &[Key::plain(K::Right)], C::Choose, P),
    bind(M::Verdict, &[Key::plain(K::PageUp)], C::PrevQuestion, S),
    bind(M::Verdict, &[Key::plain(K::PageDown)], C::NextQuestion, P),
    // End of a deal's script.
    bind(M::DealDone, &[Key::plain(K::Enter)], C::Open, S),
    bind(M::DealDone, &[Key::plain(K::PageUp), Key::plain(K::Left)], C::PrevQuestion, S),
    bind(M::DealDone, &[Key::plain(K::Esc)], C::Back, S),
    // The prospecting review's summary.
    bind(M::ReviewDone, &[Key::plain(K::Enter), Key::plain(K::Esc)], C::Back, S),
    bind(M::ReviewDone, &[Key::plain(K::PageUp), Key::plain(K::Left)], C::PrevQuestion, S),
    // Deal list.
    bind(M::DealList, &[Key::plain(K::Up), Key::ch('k')], C::Up, S),
    bind(M::DealList, &[Key::plain(K::Down), Key::ch('j')], C::Down, P),
    bind(M::DealList, &[Key::plain(K::Home), Key::ch('g')], C::First, H),
    bind(M::DealList, &[Key::plain(K::End), Key::ch('G')], C::Last, H),
    bind(M::DealList, &[Key::plain(K::Enter)], C::Open, S),
    bind(M::DealList, &[Key::ch('/')], C::Filter, S),
    bind(M::DealList, &[Key::ch('s')], C::CycleSort, S),
    bind(M::DealList, &[Key::ch('e')], C::EditDeal, S),
    bind(M::DealList, &[Key::ch('a')], C::AddDeal, S),
    bind(M::DealList, &[Key::ch('c')], C::ToggleCard, S),
    // The deal card across the pane: it scrolls.
    bind(M::Card, &[Key::plain(K::PageDown), Key::ch('j'), Key::plain(K::Down)], C::ScrollDown, S),
    bind(M::Card, &[Key::plain(K::PageUp), Key::ch('k'), Key::plain(K::Up)], C::ScrollUp, P),
    bind(M::Card, &[Key::plain(K::Enter)], C::Open, S),
    bind(M::Card, &[Key::plain(K::Esc), Key::ch('c')], C::ToggleCard, S),
    // Prospecting pane.
    bind(M::Prospecting, &[Key::ch('o')], C::ShowOverview, S),
    bind(M::Prospecting, &[Key::ch('b')], C::ShowBreakdown, S),
    bind(M::Prospecting, &[Key::ch('w')], C::ShowWeek, S),
    bind(M::Prospecting, &[Key::ch('p')], C::ShowReview, S),
    bind(M::Prospecting, &[Key::ch('t')], C::ToggleTeam, S),
    bind(M::Prospecting, &[Key::ch('e')], C::EditTargets, S),
    bind(M::Prospecting, &[Key::ch('l')], C::LogActivity, S),
    // Logging an activity.
    bind(M::ImportForm, &[Key::plain(K::Enter)], C::CloseForm, S),
    bind(M::ImportForm, &[Key::plain(K::Esc)], C::Cancel, S),
    bind(M::ImportForm, &[Key::plain(K::Tab)], C::NextField, S),
    bind(M::LogForm, &[Key::plain(K::Enter)], C::CloseForm, S),
    bind(M::LogForm, &[Key::plain(K::Esc)], C::Cancel, S),
    bind(M::LogForm, &[Key::plain(K::Tab), Key::plain(K::Down)], C::NextField, S),
    bind(M::LogForm, &[Key::plain(K::BackTab), Key::plain(K::Up)], C::PrevField, H),
    bind(M::LogForm, &[Key::plain(K::Left)], C::Choose, S),
    bind(M::LogForm, &[Key::plain(K::Right)], C::Choose, P),
    // Team view.
    bind(M::TeamList, &[Key::plain(K::Up), Key::ch('k')], C::Up, S),
    bind(M::TeamList, &[Key::plain(K::Down), Key::ch('j')], C::Down, P),
    bind(M::TeamList, &[Key::plain(K::Enter)], C::Open, S),
    bind(M::TeamList, &[Key::ch('t'), Key::plain(K::Esc)], C::ToggleTeam, S),
    // Typing the filter.
    bind(M::Filter, &[Key::plain(K::Enter), Key::plain(K::Down)], C::AcceptFilter, S),
    bind(M::Filter, &[Key::plain(K::Esc)], C::ClearFilter, S),
    // Editing or adding a deal, or the targets.
    bind(M::DealForm, &[Key::plain(K::Enter)], C::CloseForm, S),
    bind(M::DealForm, &[Key::plain(K::Esc)], C::Cancel, S),
    bind(M::DealForm, &[Key::plain(K::Tab), Key::plain(K::Down)], C::NextField, S),
    bind(M::DealForm, &[Key::plain(K::BackTab), Key::plain(K::Up)], C::PrevField, H),
    bind(M::DealForm, &[Key::plain(K::Left)], C::Choose, S),
    bind(M::DealForm, &[Key::plain(K::Right)], C::Choose, P),
    // Rep picker.
    bind(M::RepPicker, &[Key::plain(K::Up), Key::ch('k')], C::Up, S),
    bind(M::RepPicker, &[Key::plain(K::Down), Key::ch('j')], C::Down, P),
    bind(M::RepPicker, &[Key::plain(K::Enter)], C::Open, S),
    bind(M::RepPicker, &[Key::plain(K::Esc), Key::ch('r')], C::Back, S),
    // Help overlay.
    bind(M::Help, &[Key::plain(K::Esc), Key::ch('?')], C::Back, S),
    // Empty database.
    bind(M::Welcome, &[Key::ch('?')], C::ToggleHelp, S),
    bind(M::Welcome, &[Key::ch('q')], C::Quit, S),
    // Everywhere but in a text field.
    bind(M::Global, &[Key::plain(K::Tab)], C::NextPane, S),
    bind(M::Global, &[Key::plain(K::BackTab)], C::PrevPane, H),
    bind(M::Global, &[Key::ch('1')], C::ShowProspecting, H),
    bind(M::Global, &[Key::ch('2')], C::ShowChallenge, H),
    bind(M::Global, &[Key::ch('r')], C::PickRep, S),
    bind(M::Global, &[Key::ch('[')], C::PeriodPrev, S),
    bind(M::Global, &[Key::ch(']')], C::PeriodNext, P),
    bind(M::Global, &[Key::ch('L')], C::PeriodLength, S),
    bind(M::Global, &[Key::ch('i')], C::Import, H),
    bind(M::Welcome, &[Key::ch('i')], C::Import, S),
    bind(M::Global, &[Key::ch('?')], C::ToggleHelp, S),
    bind(M::Global, &[Key::ch('q')], C::Quit, S),
    // Ctrl-C always quits, even from a text field or an overlay; Ctrl-Z always undoes.
    bind(M::Always, &[Key::ctrl('z')], C::Undo, S),
    bind(M::Always, &[Key::ctrl('c')], C::Quit, H),
];

/// The command a key triggers in the given modes (searched in order), if any.
pub fn lookup(modes: &[Mode], event: &KeyEvent) -> Option<Command> {
    modes.iter().find_map(|mode| {
        KEYMAP.iter().filter(|b| b.mode == *mode).find(|b| b.keys.iter().any(|k| k.matches(event))).map(|b| b.command)
    })
}

/// The first key bound to a command, as shown to the user.
pub fn key_for(command: Command) -> Option<String> {
    KEYMAP.iter().find(|b| b.command == command).map(|b| b.keys[0].label())
}

/// One footer hint: the keys to press and the command they run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub command: Command,
    /// The mode the binding belongs to (labels may depend on it).
    pub mode: Mode,
}

/// The footer hints of the given modes, in keymap order, each command once.
pub fn footer(modes: &[Mode]) -> Vec<Hint> {
    let mut out: Vec<Hint> = Vec::new();
    for mode in modes {
        for b in KEYMAP.iter().filter(|b| b.mode == *mode) {
            match b.footer {
                Footer::Hidden => {}
                Footer::WithPrevious => {
                    if let Some(last) = out.last_mut() {
                        last.keys = format!("{} {}", last.keys, b.keys[0].label());
                    }
                }
                Footer::Shown => {
                    if !out.iter().any(|h| h.command == b.command) {
                        out.push(Hint { keys: b.keys[0].label(), command: b.command, mode: b.mode });
                    }
                }
            }
        }
    }
    out
}

/// Every key of a binding as shown in the help: "↑ k", "Esc ?".
pub fn keys_label(binding: &Binding) -> String {
    binding.keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
}

/// The sections of the help and of the README keys table, in reading order.
pub const MODES_IN_ORDER: [Mode; 24] = [
    Mode::Global,
    Mode::Prospecting,
    Mode::TeamList,
    Mode::DealList,
    Mode::Card,
    Mode::Filter,
    Mode::DealForm,
    Mode::LogForm,
    Mode::ImportForm,
    Mode::Typing,
    Mode::Choosing,
    Mode::CommitmentList,
    Mode::NewRow,
    Mode::CriteriaList,
    Mode::HypothesisList,
    Mode::Form,
    Mode::Why,
    Mode::Verdict,
    Mode::DealDone,
    Mode::ReviewDone,
    Mode::RepPicker,
    Mode::Help,
    Mode::Welcome,
    Mode::Always,
];

/// The whole keymap as a Markdown table, for the README (a test keeps them equal).
pub fn markdown_table(title: impl Fn(Mode) -> &'static str, help: impl Fn(Mode, Command) -> &'static str) -> String {
    let mut out = String::from("| where | keys | what |\n|---|---|---|\n");
    for mode in MODES_IN_ORDER {
        for b in KEYMAP.iter().filter(|b| b.mode == mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| format!("`{}`", k.label())).collect();
            let _ = writeln!(out, "| {} | {} | {} |", title(mode), keys.join(" "), help(mode, b.command));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn typing_mode_swallows_global_letters() {
        let typing = [Mode::Typing, Mode::Always];
        for c in ['q', '1', '2', 'r', '?', '[', 'j', 'i'] {
            assert_eq!(lookup(&typing, &ev(K::Char(c), KeyModifiers::NONE)), None, "{c}");
        }
        assert_eq!(lookup(&typing, &ev(K::Tab, KeyModifiers::NONE)), None);
        assert_eq!(lookup(&typing, &ev(K::Char('c'), KeyModifiers::CONTROL)), Some(C::Quit));
        assert_eq!(lookup(&typing, &ev(K::Enter, KeyModifiers::NONE)), Some(C::SaveAndNext));
        assert_eq!(lookup(&typing, &ev(K::Enter, KeyModifiers::ALT)), Some(C::NewLine));
        assert_eq!(lookup(&typing, &ev(K::Char('j'), KeyModifiers::CONTROL)), Some(C::NewLine));
    }

    #[test]
    fn browsing_modes_fall_back_to_global() {
        let modes = [Mode::DealList, Mode::Global];
        assert_eq!(lookup(&modes, &ev(K::Char('j'), KeyModifiers::NONE)), Some(C::Down));
        assert_eq!(lookup(&modes, &ev(K::Char('q'), KeyModifiers::NONE)), Some(C::Quit));
        assert_eq!(lookup(&modes, &ev(K::BackTab, KeyModifiers::SHIFT)), Some(C::PrevPane));
        assert_eq!(lookup(&modes, &ev(K::Char('?'), KeyModifiers::SHIFT)), Some(C::ToggleHelp));
        assert_eq!(lookup(&modes, &ev(K::Char('['), KeyModifiers::NONE)), Some(C::PeriodPrev));
        assert_eq!(lookup(&modes, &ev(K::Char(']'), KeyModifiers::NONE)), Some(C::PeriodNext));
        assert_eq!(lookup(&modes, &ev(K::Char('L'), KeyModifiers::SHIFT)), Some(C::PeriodLength));
        assert_eq!(lookup(&modes, &ev(K::Char('l'), KeyModifiers::NONE)), None, "l logs an activity, on its pane");
        assert_eq!(lookup(&modes, &ev(K::Char('x'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn footer_lists_each_command_once() {
        let f = footer(&[Mode::DealList, Mode::Global]);
        let commands: Vec<_> = f.iter().map(|h| h.command).collect();
        assert_eq!(
            commands,
            vec![
                C::Up,
                C::Open,
                C::Filter,
                C::CycleSort,
                C::EditDeal,
                C::AddDeal,
                C::ToggleCard,
                C::NextPane,
                C::PickRep,
                C::PeriodPrev,
                C::PeriodLength,
                C::ToggleHelp,
                C::Quit
            ]
        );
        assert_eq!(f[0].keys, "↑ ↓");
        assert_eq!(f[9].keys, "[ ]");
    }

    #[test]
    fn labels() {
        assert_eq!(Key::alt(K::Enter).label(), "Alt-Enter");
        assert_eq!(Key::ctrl('c').label(), "Ctrl-C");
        assert_eq!(Key::plain(K::BackTab).label(), "Shift-Tab");
    }
}
