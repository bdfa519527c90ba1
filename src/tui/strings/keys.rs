//! Key labels: the footer, the help overlay and the README keys table.

use crate::domain::text::one_line;
use crate::tui::keys::{Command, Mode};

pub const APP_NAME: &str = "sparring";
pub const PANE_PROSPECTING: &str = "1 Prospecting";
pub const PANE_CHALLENGE: &str = "2 Deal challenge";
pub const REP: &str = "Rep";
pub const NO_REP: &str = "no rep";
pub const HELP_HINT: &str = "? help";
/// Before the selected row of a list.
pub const CURSOR_MARK: &str = "▶ ";

/// Short label shown in the footer next to the key.
pub(super) fn command_label(command: Command) -> &'static str {
    match command {
        Command::Quit => "quit",
        Command::NextPane => "pane",
        Command::PrevPane => "previous pane",
        Command::ShowProspecting => "prospecting",
        Command::ShowChallenge => "deal challenge",
        Command::PickRep => "rep",
        Command::ToggleHelp => "help",
        Command::PeriodNext | Command::PeriodPrev => "period",
        Command::PeriodLength => "length",
        Command::Up | Command::Down | Command::RowUp | Command::RowDown => "move",
        Command::First => "first",
        Command::Last => "last",
        Command::Open | Command::OpenRow => "open",
        Command::Back => "back",
        Command::SaveAndNext => "save & next",
        Command::NewLine => "new line",
        Command::LeaveField => "leave field",
        Command::PrevQuestion | Command::NextQuestion => "question",
        Command::Filter => "filter",
        Command::AcceptFilter => "keep filter",
        Command::ClearFilter => "clear",
        Command::CycleSort => "sort",
        Command::EditDeal => "edit",
        Command::AddDeal => "add deal",
        Command::ToggleCard => "card",
        Command::MarkDone | Command::MarkMissed | Command::MarkDropped => "done/missed/dropped",
        Command::DeleteItem => "delete",
        Command::Validate => "validate",
        Command::Confirm | Command::Refute => "confirmed/refuted",
        Command::CloseForm => "save",
        Command::NextField | Command::PrevField => "next field",
        Command::Choose => "choose",
        Command::ShowOverview => "overview",
        Command::ShowBreakdown => "breakdown",
        Command::ShowWeek => "week",
        Command::ShowReview => "review",
        Command::ToggleTeam => "team",
        Command::EditTargets => "targets",
        Command::LogActivity => "log",
        Command::Import => "import",
        Command::Cancel => "cancel",
        Command::Undo => "undo",
        Command::ScrollUp | Command::ScrollDown => "scroll",
    }
}

/// The footer label when it depends on where the keyboard is.
pub fn command_label_in(mode: Mode, command: Command) -> &'static str {
    match (mode, command) {
        (Mode::DealList | Mode::Card, Command::Open) => "challenge deal",
        (Mode::DealDone, Command::Back) | (_, Command::LeaveField) => "deal list",
        (Mode::Card, Command::ToggleCard) => "back to list",
        (Mode::NewRow, Command::OpenRow) => "new",
        (Mode::Form | Mode::Why | Mode::DealForm, Command::CloseForm) => "save",
        (Mode::DealDone, Command::Open) => "next deal",
        (Mode::DealDone, Command::PrevQuestion) => "back to verdict",
        (Mode::Verdict, Command::SaveAndNext) => "save verdict",
        (Mode::TeamList, Command::Open) => "open rep",
        (Mode::ReviewDone, Command::Back) => "overview",
        (Mode::ReviewDone, Command::PrevQuestion) => "back to questions",
        (Mode::LogForm, Command::CloseForm) => "log it",
        (Mode::ImportForm, Command::CloseForm) => "import",
        (Mode::ImportForm, Command::NextField) => "complete",
        (Mode::TeamList, Command::ToggleTeam) => "back",
        (Mode::Choosing, Command::NextField) => "note",
        (Mode::RepPicker, Command::Open) => "choose",
        (Mode::RepPicker | Mode::Help, Command::Back) => "close",
        _ => command_label(command),
    }
}

/// One line of the help overlay and of the README keys table.
pub fn command_help(mode: Mode, command: Command) -> &'static str {
    match (mode, command) {
        (Mode::DealList, Command::Open) => return "Challenge the selected deal: start its question script",
        (Mode::DealDone, Command::Open) => return "Go to the next deal's script",
        (Mode::Card, Command::Open) => return "Challenge this deal: start its question script",
        (Mode::Card, Command::ToggleCard) => return "Back to the list beside the card",
        (Mode::NewRow, Command::OpenRow) => return "Open a new row (or just type it)",
        (Mode::Why, Command::CloseForm) => return "Keep the settle, with the why typed (or none)",
        (Mode::Why, Command::Cancel) => return "Cancel: the commitment is as it was",
        (Mode::Why, Command::RowUp | Command::RowDown) => return "Keep the settle and move to another row",
        (Mode::Verdict, Command::LeaveField) => return "Leave without a verdict, back to the deal list",
        (Mode::RepPicker, Command::Open) => return "Choose this rep",
        (Mode::DealDone, Command::Back) => return "Back to the deal list",
        (Mode::RepPicker, Command::Back) => return "Close without changing the rep",
        (Mode::Help, Command::Back) => return "Close this help",
        (Mode::DealDone, Command::PrevQuestion) => return "Back to the verdict",
        (Mode::Verdict, Command::SaveAndNext) => return "Save the verdict and show the deal's summary",
        (Mode::TeamList, Command::Open) => return "Show this rep's figures",
        (Mode::ReviewDone, Command::Back) => return "Back to the overview (the review stays as it is)",
        (Mode::ReviewDone, Command::PrevQuestion) => return "Back to the last question",
        (Mode::LogForm, Command::CloseForm) => return "Log the activity",
        (Mode::ImportForm, Command::CloseForm) => return "Import the file and show what it did",
        (Mode::ImportForm, Command::NextField) => return "Complete the path",
        (Mode::TeamList, Command::ToggleTeam) => return "Back to one rep's figures",
        (Mode::Choosing, Command::NextField) => return "Type a note with the answer (Tab again: back to the options)",
        (Mode::Choosing, Command::Choose) => {
            return "Choose an option (its number picks it too; a letter starts the note)";
        }
        _ => {}
    }
    match command {
        Command::Quit => "Quit (the answer being typed is saved first)",
        Command::NextPane => "Next pane",
        Command::PrevPane => "Previous pane",
        Command::ShowProspecting => "Prospecting dashboard",
        Command::ShowChallenge => "Deal challenge",
        Command::PickRep => "Choose the rep",
        Command::ToggleHelp => "Show or hide this help",
        Command::PeriodNext => "Forward by the period's length, up to the one under way",
        Command::PeriodPrev => "Back by the period's length (the 4 weeks before these)",
        Command::PeriodLength => "Length: this week, last week, 4 weeks, quarter, 12 weeks",
        Command::Up => "Move up",
        Command::Down => "Move down",
        Command::First => "First item",
        Command::Last => "Last item",
        Command::Open => "Open the selection",
        Command::Back => "Close",
        Command::SaveAndNext => "Save the answer and go to the next question",
        Command::NewLine => "New line in the answer",
        Command::LeaveField => "Back to the deal list (what you typed is saved)",
        Command::PrevQuestion => "Previous question (saves the answer)",
        Command::NextQuestion => "Next question (saves the answer)",
        Command::Filter => "Filter the deals: type part of an account or deal name",
        Command::AcceptFilter => "Keep the filter and go back to the list",
        Command::ClearFilter => "Clear the filter",
        Command::CycleSort => "Sort by need of challenge, amount, close date, days in stage",
        Command::EditDeal => "Edit the deal's facts: amount, close date, sponsor, next step, stage",
        Command::AddDeal => "Add a deal for this rep",
        Command::ToggleCard => "Show the deal card across the pane",
        Command::RowUp => "Previous row",
        Command::RowDown => "Next row",
        Command::OpenRow => "Open the row: edit it, or settle it",
        Command::MarkDone => "Mark the commitment done",
        Command::MarkMissed => "Mark the commitment missed (a broken promise)",
        Command::MarkDropped => "Mark the commitment dropped",
        Command::DeleteItem => "Delete a commitment made today",
        Command::Validate => "Validate the criterion, with the evidence",
        Command::Confirm => "The hypothesis was confirmed",
        Command::Refute => "The hypothesis was refuted",
        Command::CloseForm => "Save and close the form",
        Command::Undo => "Undo the last change of this meeting (again: the one before)",
        Command::ScrollUp => "Scroll the card up",
        Command::ScrollDown => "Scroll the card down",
        Command::NextField => "Next field",
        Command::PrevField => "Previous field",
        Command::Choose => "Choose the value of the field",
        Command::ShowOverview => "Overview: volume, funnel, trends, what stands out",
        Command::ShowBreakdown => "Activity by channel; again: by message, then by segment",
        Command::ShowWeek => "When the rep prospects: days and hours, planned blocks",
        Command::ShowReview => "The prospecting review: its questions and next week's commitments",
        Command::ToggleTeam => "The whole team, rep by rep (and back)",
        Command::EditTargets => "Edit the rep's weekly targets and planned prospecting blocks",
        Command::LogActivity => "Log an activity, or a weekly count (45 calls this week)",
        Command::Import => "Import deals or activities from a CRM export or CSV",
        Command::Cancel => "Cancel: close the form, everything as it was when it opened",
    }
}

/// Section titles of the help overlay.
pub fn mode_title(mode: Mode) -> &'static str {
    match mode {
        Mode::Global => "Everywhere (except while typing)",
        Mode::Always => "Always",
        Mode::Prospecting => "Prospecting",
        Mode::DealList => "Deal list",
        Mode::Card => "The deal card across the pane",
        Mode::DealDone => "A deal's summary",
        Mode::ReviewDone => "The prospecting review's summary",
        Mode::Choosing => "Picking an option",
        Mode::CommitmentList => "Commitments (any other key starts a new one)",
        Mode::NewRow => "A new commitment or hypothesis (type it)",
        Mode::Why => "Why it was settled (optional, Enter skips)",
        Mode::CriteriaList => "Exit criteria (any other key types the reason or evidence)",
        Mode::HypothesisList => "Hypotheses (any other key starts a new one)",
        Mode::Form => "A form open on a row",
        Mode::Verdict => "The verdict",
        Mode::Filter => "Filtering the deals (type to filter)",
        Mode::DealForm => "Editing a deal or targets (Enter saves, Esc cancels)",
        Mode::LogForm => "Logging an activity",
        Mode::ImportForm => "Importing a file",
        Mode::TeamList => "Team view",
        Mode::Typing => "Typing an answer (every other key is text)",
        Mode::RepPicker => "Rep picker",
        Mode::Help => "This help",
        Mode::Welcome => "Empty database",
    }
}

pub const HELP_TITLE: &str = " Keys ";
/// Esc in the prospecting review: back to the dashboard's views (o, b, w work there).
pub const BACK_TO_FIGURES: &str = "figures";
/// The footer's `?` when some keys did not fit.
pub const MORE_KEYS: &str = "more";
pub const HELP_FOOTER: &str = "Answers are saved as you type; Ctrl-Z undoes a change. Esc closes this help.";
pub const REP_PICKER_TITLE: &str = " Choose a rep ";

/// Above a manager's reps in the rep picker.
pub fn rep_group_line(manager: Option<&str>, team: Option<&str>) -> String {
    match (manager.map(one_line), team.map(one_line)) {
        (Some(m), Some(t)) => format!("{m}'s team · {t}"),
        (Some(m), None) => format!("{m}'s team"),
        (None, _) => "No manager".to_string(),
    }
}

pub fn rep_picker_line(name: &str, open_deals: i64, active: bool) -> String {
    let deals = match open_deals {
        0 => "no open deal".to_string(),
        1 => "1 open deal".to_string(),
        n => format!("{n} open deals"),
    };
    if active { format!("{name}  ·  {deals}") } else { format!("{name}  ·  {deals}  ·  inactive") }
}
