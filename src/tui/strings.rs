//! Every user-visible string of the interface, in one place so a French UI can follow.
//! Fixed texts are constants; texts with figures are small functions.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::keys::{Command, Mode};
use super::state::Dimension;
use crate::dashboard::Block;
use crate::domain::activity::{ActivityKind, Outcome};
use crate::domain::alerts::Alert;
use crate::domain::challenge::{Badge, SortBy};
use crate::domain::change::Movement;
use crate::domain::commitment::CommitmentStatus;
use crate::domain::dates::days_between;
use crate::domain::hypothesis::{HypothesisStatus, Topic};
use crate::domain::metrics::TargetKind;
use crate::domain::money::{format_amount, format_compact, group_thousands};
use crate::domain::period::{DateRange, Period};
use crate::domain::text::one_line;

pub const APP_NAME: &str = "sparring";
pub const PANE_PROSPECTING: &str = "1 Prospecting";
pub const PANE_CHALLENGE: &str = "2 Deal challenge";
pub const REP: &str = "Rep";
pub const NO_REP: &str = "no rep";
pub const HELP_HINT: &str = "? help";
/// Before the selected row of a list.
pub const CURSOR_MARK: &str = "▶ ";

/// Short label shown in the footer next to the key.
fn command_label(command: Command) -> &'static str {
    match command {
        Command::Quit => "quit",
        Command::NextPane => "pane",
        Command::PrevPane => "previous pane",
        Command::ShowProspecting => "prospecting",
        Command::ShowChallenge => "deal challenge",
        Command::PickRep => "rep",
        Command::ToggleHelp => "help",
        Command::PeriodNext | Command::PeriodPrev => "period",
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
        Command::PeriodNext => "Next period: this week, 4 weeks, quarter, 12 weeks",
        Command::PeriodPrev => "Previous period",
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

pub fn rep_picker_line(name: &str, open_deals: i64, active: bool) -> String {
    let deals = match open_deals {
        0 => "no open deal".to_string(),
        1 => "1 open deal".to_string(),
        n => format!("{n} open deals"),
    };
    if active { format!("{name}  ·  {deals}") } else { format!("{name}  ·  {deals}  ·  inactive") }
}

// ----- header -----------------------------------------------------------------------

pub fn period_name(period: Period) -> &'static str {
    match period {
        Period::ThisWeek => "This week",
        Period::Last4Weeks => "Last 4 weeks",
        Period::ThisQuarter => "This quarter",
        Period::Last12Weeks => "Last 12 weeks",
    }
}

/// "2 Nov – 27 Nov 2026"
pub fn date_range(range: DateRange) -> String {
    if range.from == range.to {
        return short_date_year(range.to);
    }
    format!("{} – {}", short_date(range.from), short_date_year(range.to))
}

/// "27 Nov"
pub fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

/// "27 Nov 2026"
pub fn short_date_year(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

pub fn header_period(period: Period, range: DateRange) -> String {
    format!("{} · {}", period_name(period), date_range(range))
}

// ----- terminal too small -----------------------------------------------------------

pub fn too_small(width: u16, height: u16, min_width: u16, min_height: u16) -> String {
    format!(
        "sparring needs a terminal of at least {min_width}×{min_height}; this one is {width}×{height}. \
         Enlarge the window, or press q to quit."
    )
}

// ----- welcome (empty database) -----------------------------------------------------

pub const WELCOME_TITLE: &str = " Welcome to sparring ";

pub fn welcome_lines(db_path: &str) -> Vec<String> {
    vec![
        "This database has no reps and no deals yet:".to_string(),
        format!("  {db_path}"),
        String::new(),
        "Try it on a demo team (6 reps, 150 deals, six months of activity):".to_string(),
        "  sparring --demo".to_string(),
        String::new(),
        "Or add your own team, then run sparring again:".to_string(),
        "  sparring add rep \"Ada Lovelace\"".to_string(),
        "  sparring add deal --rep \"Ada Lovelace\" --account \"Acme\" \\".to_string(),
        "      --name \"Rollout\" --amount 48000 --stage \"Needs Analysis\"".to_string(),
        String::new(),
        "Stages accept Salesforce, HubSpot and Pipedrive stage names.".to_string(),
        "To use your own questions.toml, see sparring --help.".to_string(),
        String::new(),
        "Press q to quit.".to_string(),
    ]
}

// ----- prospecting pane -------------------------------------------------------------

pub const VOLUME_TITLE: &str = " Volume against target ";
pub const FUNNEL_TITLE: &str = " Funnel ";
pub const ALERTS_TITLE: &str = " What stands out ";
/// Shown when no alert fires; `challenge_key` is the key of the deal challenge pane.
pub fn no_alerts(challenge_key: &str) -> String {
    format!(
        "Nothing alarming in the figures. Ask which meetings had a real chance of becoming an \
         opportunity, then press {challenge_key} to challenge the deals."
    )
}
pub const NO_TARGET: &str = "no target";
pub const LOADING: &str = "Loading…";

pub fn target_kind_name(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Activity(ActivityKind::Call) => "Calls",
        TargetKind::Activity(ActivityKind::Email) => "Emails",
        TargetKind::Activity(ActivityKind::Social) => "Social",
        TargetKind::Activity(ActivityKind::Event) => "Events",
        TargetKind::Activity(ActivityKind::Meeting) => "Meetings",
        TargetKind::Opportunity => "Opportunities",
        TargetKind::Pipeline => "Pipeline",
    }
}

/// A figure of the volume table: amounts for pipeline, counts otherwise.
pub fn volume_figure(kind: TargetKind, value: f64, currency: &str) -> String {
    match kind {
        TargetKind::Pipeline => format_compact(value.round() as i64, currency),
        _ => group_thousands(value.round() as i64),
    }
}

pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A rate as a percentage, or a dash when it cannot be told.
pub fn rate_text(share: Option<f64>) -> String {
    share.map_or_else(|| NO_RATE.to_string(), percent)
}

pub const FUNNEL_TOUCHES: &str = "Touches";
pub const FUNNEL_CONVERSATIONS: &str = "Conversations";
pub const FUNNEL_MEETINGS: &str = "Meetings held";
pub const FUNNEL_OPPORTUNITIES: &str = "Opportunities";
pub const FUNNEL_PIPELINE: &str = "Pipeline created";
pub const OF_TOUCHES: &str = "of touches";
pub const OF_CONVERSATIONS: &str = "of conversations";
pub const OF_MEETINGS: &str = "of meetings";
pub const NO_RATE: &str = "–";

pub fn weeks_note(weeks: f64) -> String {
    format!("weekly targets × {weeks:.1} weeks")
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{} {many}", group_thousands(n)) }
}

pub fn alert_text(alert: &Alert, period: Period, currency: &str) -> String {
    // "in this week", "in the last 4 weeks": presets that start with "this" take no article.
    let name = period_name(period).to_lowercase();
    let when = if name.starts_with("this ") { name } else { format!("the {name}") };
    match alert {
        Alert::NoActivity => format!("No prospecting activity logged in {when}."),
        Alert::MeetingsWithoutOpportunities { meetings, opportunities } => format!(
            "{}, {} in {when}: which of these meetings had a real chance?",
            plural(*meetings, "meeting", "meetings"),
            plural(*opportunities, "opportunity", "opportunities")
        ),
        Alert::UnderTarget { kind, done, target } => format!(
            "{} at {} of target ({} of {}).",
            target_kind_name(*kind),
            percent(*done as f64 / target),
            volume_figure(*kind, *done as f64, currency),
            volume_figure(*kind, *target, currency)
        ),
        Alert::PipelineUnderTarget { weeks, created_minor, target_minor } => format!(
            "Pipeline created under target {weeks} weeks running ({} of {}): where will next month's \
             opportunities come from?",
            format_compact(*created_minor, currency),
            format_compact(*target_minor, currency)
        ),
        Alert::ChannelWithoutResult { channel, touches } => format!(
            "{}: {} and not one meeting in {when}. Change the message, or spend the time elsewhere?",
            one_line(channel),
            plural(*touches, "touch", "touches")
        ),
        Alert::Bunched { kind, weekday, afternoon, count, total } => {
            const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
            let what = match kind {
                ActivityKind::Call => "calls",
                ActivityKind::Email => "emails",
                ActivityKind::Social => "social messages",
                ActivityKind::Event => "event contacts",
                ActivityKind::Meeting => "meetings",
            };
            format!(
                "{} of {what} on {} {} ({} of {}): plan blocks across the week?",
                percent(*count as f64 / (*total).max(1) as f64),
                DAYS.get(usize::from(*weekday)).copied().unwrap_or("one day"),
                if *afternoon { "afternoon" } else { "morning" },
                group_thousands(*count),
                group_thousands(*total)
            )
        }
        Alert::SegmentFarAbove { segment, meetings, touches, others_meetings, others_touches } => {
            let per_100 = |m: i64, t: i64| if t > 0 { m as f64 * 100.0 / t as f64 } else { 0.0 };
            format!(
                "{} books {:.1} meetings per 100 touches, the other segments {:.1}: go there?",
                one_line(segment),
                per_100(*meetings, *touches),
                per_100(*others_meetings, *others_touches)
            )
        }
    }
}

// ----- deal challenge pane ----------------------------------------------------------

pub const DEALS_TITLE: &str = " Open deals ";
pub const CARD_TITLE: &str = " Deal ";
pub const COL_DEAL: &str = "Account — deal";
pub const COL_STAGE: &str = "Stage";
pub const COL_DAYS: &str = "Days";
pub const COL_AMOUNT: &str = "Amount";

pub fn no_deals(rep: &str) -> Vec<String> {
    vec![
        format!("{rep} has no open deal."),
        String::new(),
        "Add one from the command line:".to_string(),
        format!("  sparring add deal --rep \"{rep}\" --account \"Acme\" --name \"Rollout\" --amount 48000"),
        String::new(),
        "The prospecting pane (1) shows where the next ones should come from.".to_string(),
    ]
}

/// "41/21" days in stage over expected, "41" when the stage is unknown to the script.
pub fn days_cell(days: i64, expected: Option<u32>) -> String {
    match expected {
        Some(expected) => format!("{days}/{expected}"),
        None => days.to_string(),
    }
}

pub const OVER_MARK: &str = "!";

/// "Acme — Rollout": a deal by its account and name, made safe.
pub fn deal_label(account: &str, name: &str) -> String {
    format!("{} — {}", one_line(account), one_line(name))
}
/// Width of the card's labels, so values line up.
pub const CARD_LABEL_WIDTH: usize = 10;
pub const CARD_AMOUNT: &str = "Amount";
pub const CARD_STAGE: &str = "Stage";
pub const CARD_CLOSE: &str = "Close";
pub const CARD_FORECAST: &str = "Forecast";
pub const CARD_SPONSOR: &str = "Sponsor";
pub const CARD_NEXT: &str = "Next step";
pub const NONE_WARN: &str = "none !";
pub const NOT_SET: &str = "not set";

pub fn stage_days(stage: &str, days: i64, expected: Option<u32>) -> String {
    match expected {
        Some(expected) if days > i64::from(expected) => {
            format!("{stage} · {days}d, expected {expected} !")
        }
        Some(expected) => format!("{stage} · {days}d of {expected}"),
        None => format!("{stage} · {days}d (stage not in the script)"),
    }
}

pub fn close_line(close: NaiveDate, days_past: Option<i64>) -> String {
    match days_past {
        Some(days) => format!("{} · {} late !", short_date_year(close), plural(days, "day", "days")),
        None => short_date_year(close),
    }
}

pub fn forecast_name(word: &str) -> &'static str {
    match word {
        "pipeline" => "Pipeline",
        "best_case" => "Best case",
        "commit" => "Commit",
        "won" => "Won",
        "lost" => "Lost",
        _ => "?",
    }
}

pub fn sponsor_line(name: &str, role: Option<&str>) -> String {
    match role.filter(|r| !r.trim().is_empty()) {
        Some(role) => format!("{name} ({role})"),
        None => name.to_string(),
    }
}

pub fn next_step_line(text: &str, on: Option<NaiveDate>, overdue_days: Option<i64>) -> String {
    match (on, overdue_days) {
        (Some(on), Some(days)) => format!("{text} · {} · {} late !", short_date(on), plural(days, "day", "days")),
        (Some(on), None) => format!("{text} · {}", short_date(on)),
        (None, _) => text.to_string(),
    }
}

pub const NEXT_STEP_MISSING: &str = "missing !";

pub fn criteria_title(stage: &str) -> String {
    format!("Exit criteria — {stage}")
}

/// A criterion of an earlier stage the deal left without validating it.
pub fn skipped_criterion(text: &str, stage: &str) -> String {
    format!("{} ({}, skipped)", one_line(text), one_line(stage))
}

pub const CHECK_DONE: &str = "[x]";
pub const CHECK_OPEN: &str = "[ ]";
/// An unanswered question that needs an answer, in the deal's summary.
pub const CHECK_REQUIRED: &str = "[!]";

pub fn commitments_title(open: usize, overdue: usize, from_prospect: usize) -> String {
    let overdue = if overdue > 0 { format!(", {overdue} overdue !") } else { String::new() };
    let prospect = if from_prospect == 0 { " · none from the prospect !" } else { "" };
    format!("Commitments: {open} open{overdue}{prospect}")
}

pub fn commitment_line(owner: &str, what: &str, due: Option<NaiveDate>, overdue: bool) -> String {
    match (due, overdue) {
        (Some(due), true) => format!("{owner}: {what} — due {} !", short_date(due)),
        (Some(due), false) => format!("{owner}: {what} — due {}", short_date(due)),
        (None, _) => format!("{owner}: {what}"),
    }
}

pub fn owner_name(word: &str) -> &'static str {
    match word {
        "prospect" => "Prospect",
        "rep" => "Rep",
        "manager" => "Manager",
        _ => "?",
    }
}

pub const CARD_START_HINT: &str = "Enter: challenge this deal";

// ----- the script -------------------------------------------------------------------

pub fn question_counter(n: usize, total: usize) -> String {
    format!("Question {n}/{total}")
}

pub const HINT_LABEL: &str = "Listen for: ";

pub fn previous_answer(on: NaiveDate) -> String {
    format!("Last review ({}): ", short_date(on))
}

pub const NO_PREVIOUS: &str = "Not asked at an earlier review.";
pub const ANSWER_TITLE: &str = " Answer ";
pub const ANSWER_TITLE_TYPING: &str = " Answer — typing ";
pub const ANSWER_PLACEHOLDER: &str = "Type the rep's answer…";
pub const YES_NO_HINT: &str = "1 Yes · 2 No (or ← →); typing starts a note on why.";

pub fn scale_hint(min: u8, max: u8, low: &str, high: &str) -> String {
    match (low.is_empty(), high.is_empty()) {
        (false, false) => format!("Scale {min}–{max}: {min} = {low}, {max} = {high}"),
        _ => format!("Scale {min}–{max}"),
    }
}

pub const COMMITMENTS_HINT: &str =
    "Type a new commitment (who, what, by when); on an earlier one d done, m missed, x dropped.";
pub const CRITERIA_HINT: &str = "v validates with the evidence; typing says why it is not validated yet.";
pub const HYPOTHESES_HINT: &str =
    "Type what the rep assumes and how to test it; on an earlier one c confirmed, r refuted.";
pub const HELP_MORE: &str = "… enlarge the terminal to see every key";

pub fn answered_count(answered: usize, total: usize) -> String {
    format!("{answered} of {total} answered")
}

// ----- notices ----------------------------------------------------------------------

pub fn saved_notice(at: &str) -> String {
    format!("✓ saved {at}")
}

pub fn save_failed(err: &str) -> String {
    format!("! Not saved: {err} — your text is still in the field")
}

pub fn quit_unsaved(err: &str) -> String {
    format!("! Not saved: {err} — quit again to leave without this answer")
}

pub fn load_failed(err: &str) -> String {
    format!("! Could not read the database: {err}")
}

pub fn resumed_review(rep: &str) -> String {
    format!("Resumed today's prospecting review of {rep}")
}

pub fn resumed(rep: &str, deal: &str) -> String {
    format!("Resumed today's review of {rep} at {deal}")
}

// ----- answer editors ---------------------------------------------------------------

pub const YES: &str = "Yes";
pub const NO: &str = "No";
pub const FIELD_OWNER: &str = "Who";
pub const FIELD_WHAT: &str = "What";
pub const FIELD_DUE: &str = "By when";
pub const FIELD_STATUS: &str = "Status";
pub const FIELD_WHY: &str = "Why";
pub const FIELD_TOPIC: &str = "About";
pub const FIELD_ASSUMPTION: &str = "We assume";
pub const FIELD_TEST: &str = "Tested by";
pub const FIELD_BY: &str = "By when";
pub const FIELD_RESULT: &str = "Result";
pub const FIELD_CRITERION: &str = "Criterion";
pub const FIELD_EVIDENCE: &str = "Evidence";
pub const FIELD_WHY_NOT_YET: &str = "Why not yet";
pub const CRITERION_VALIDATED: &str = "Validated";
pub const CRITERION_NOT_YET: &str = "Not yet";
pub const FIELD_REP_FORECAST: &str = "Rep's call";
pub const FIELD_FORECAST: &str = "Forecast";
pub const FIELD_COMMENT: &str = "Why";
pub const FIELD_CONFIDENCE: &str = "Confidence";
pub const FIELD_NEXT_STEP: &str = "Next step";
pub const FIELD_NEXT_STEP_ON: &str = "On";
pub const FIELD_STAGE: &str = "Stage";
pub const FIELD_ACCOUNT: &str = "Account";
pub const FIELD_DEAL_NAME: &str = "Deal";
pub const FIELD_AMOUNT: &str = "Amount";
pub const FIELD_CLOSE: &str = "Close date";
pub const FIELD_SPONSOR: &str = "Sponsor";
pub const FIELD_SPONSOR_ROLE: &str = "Sponsor's role";
pub const ADD_COMMITMENT: &str = "+ Add a commitment";
pub const ADD_HYPOTHESIS: &str = "+ Add a hypothesis";
pub const VERDICT_NEEDS_COMMENT: &str = "You overrule the rep's forecast: say why in a few words.";

pub fn required_answer() -> String {
    "Needs an answer; PgDn skips".to_string()
}

pub fn commitment_status(status: CommitmentStatus) -> &'static str {
    match status {
        CommitmentStatus::Open => "Open",
        CommitmentStatus::Done => "Done",
        CommitmentStatus::Missed => "Missed",
        CommitmentStatus::Dropped => "Dropped",
    }
}

pub fn topic_name(topic: Topic) -> &'static str {
    match topic {
        Topic::Budget => "Budget",
        Topic::Decision => "Decision process",
        Topic::Competition => "Competition",
        Topic::Timing => "Timing",
        Topic::Other => "Other",
    }
}

pub fn hypothesis_status(status: HypothesisStatus) -> &'static str {
    match status {
        HypothesisStatus::Open => "Untested",
        HypothesisStatus::Confirmed => "Confirmed",
        HypothesisStatus::Refuted => "Refuted",
    }
}

pub fn confidence_label(n: u8) -> String {
    match n {
        1 => "1 · a long shot".to_string(),
        2 => "2 · unlikely".to_string(),
        3 => "3 · could go either way".to_string(),
        4 => "4 · likely".to_string(),
        5 => "5 · as good as signed".to_string(),
        n => n.to_string(),
    }
}

/// "→ Fri 4 Dec 2026 (in 7 days)" beside a date being typed.
pub fn resolved_date(date: NaiveDate, today: NaiveDate) -> String {
    let days = days_between(today, date);
    let when = match days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        -1 => "yesterday".to_string(),
        d if d > 1 => format!("in {d} days"),
        d => format!("{} days ago", -d),
    };
    format!("→ {} ({when})", date.format("%a %-d %b %Y"))
}

// ----- structured answers in words --------------------------------------------------

pub fn commitment_made(owner: &str, what: &str, due: Option<NaiveDate>) -> String {
    match due {
        Some(due) => format!("{owner}: {what}, by {}", short_date(due)),
        None => format!("{owner}: {what}"),
    }
}

pub fn commitment_settled(owner: &str, what: &str, status: &str, note: &str) -> String {
    if note.is_empty() {
        format!("{owner}: {what} — {status}")
    } else {
        format!("{owner}: {what} — {status}: {note}")
    }
}

pub fn hypothesis_made(topic: &str, statement: &str, test: &str, by: Option<NaiveDate>) -> String {
    let by = by.map(|d| format!(", by {}", short_date(d))).unwrap_or_default();
    if test.is_empty() {
        format!("{topic}: {statement}{by}")
    } else {
        format!("{topic}: {statement} (test: {test}{by})")
    }
}

pub fn hypothesis_concluded(topic: &str, statement: &str, status: &str, result: &str) -> String {
    if result.is_empty() {
        format!("{topic}: {statement} — {status}")
    } else {
        format!("{topic}: {statement} — {status}: {result}")
    }
}

pub fn criterion_validated(text: &str, evidence: &str) -> String {
    if evidence.is_empty() { format!("Validated: {text}") } else { format!("Validated: {text} — {evidence}") }
}

pub fn criterion_not_yet(text: &str, why: &str) -> String {
    format!("Not yet: {text} — {why}")
}

pub const DEAL_NEEDS_NAMES: &str = "A deal needs an account and a name.";

// ----- need of challenge ------------------------------------------------------------

/// The short badge of the deal list (12 columns at most).
pub fn badge_tag(badge: &Badge) -> String {
    match *badge {
        Badge::StageOverdue { days, expected } => format!("{days}d/{expected}d"),
        Badge::ClosePassed { days } => format!("close -{days}d"),
        Badge::NoCloseDate => "no close".into(),
        Badge::NoSponsor => "no sponsor".into(),
        Badge::NoProspectCommitment => "no commit".into(),
        Badge::NextStepMissing => "no next step".into(),
        Badge::NextStepOverdue { days } => format!("step -{days}d"),
        Badge::BrokenPromises { count } => format!("{count} broken"),
        Badge::ClosePushed { times } => format!("pushed {times}×"),
        Badge::LargeAmount { .. } => "large".into(),
    }
}

/// The reason in words, with its figure, for the deal card.
pub fn badge_reason(badge: &Badge, stage: &str, currency: &str) -> String {
    match *badge {
        Badge::StageOverdue { days, expected } => format!("{days}d in {stage}, expected {expected}"),
        Badge::ClosePassed { days } => format!("close date passed {} ago", plural(days, "day", "days")),
        Badge::NoCloseDate => "no close date".into(),
        Badge::NoSponsor => "no sponsor".into(),
        Badge::NoProspectCommitment => "no open commitment from the prospect".into(),
        Badge::NextStepMissing => "no next step".into(),
        Badge::NextStepOverdue { days } => format!("next step {} overdue", plural(days, "day", "days")),
        Badge::BrokenPromises { count } => {
            format!("{} missed", plural(count as i64, "prospect commitment", "prospect commitments"))
        }
        Badge::ClosePushed { times } => format!("close date pushed {times} times"),
        Badge::LargeAmount { amount_minor } => format!("large amount: {}", format_amount(amount_minor, currency)),
    }
}

fn sort_label(sort: SortBy) -> &'static str {
    match sort {
        SortBy::Need => "need of challenge",
        SortBy::Amount => "amount",
        SortBy::CloseDate => "close date",
        SortBy::DaysInStage => "days in stage",
    }
}

pub fn deals_title(shown: usize, total: usize, sort: SortBy, filtered: bool, meeting: bool) -> String {
    if filtered {
        format!(" Open deals ({shown} of {total}) · best match first ")
    } else if meeting {
        format!(" Open deals ({total}) · the meeting's order (s sorts) ")
    } else {
        format!(" Open deals ({total}) · by {} ", sort_label(sort))
    }
}

pub fn filter_line(filter: &str, typing: bool) -> String {
    if typing { format!("/ {filter}▏") } else { format!("/ {filter}") }
}

pub const NO_MATCH: &str = "No deal matches the filter (Esc clears it).";
pub const WHY_NOW: &str = "Why challenge it";
pub const NOTHING_TO_CHALLENGE: &str = "Nothing alarming: check the prospect's last commitment.";

pub fn since_title(last: Option<NaiveDate>) -> String {
    match last {
        Some(day) => format!("Since the last review ({})", short_date(day)),
        None => "Never challenged in a review".to_string(),
    }
}

pub const NOTHING_MOVED: &str = "Nothing moved.";

pub fn movement(m: &Movement, stage_name: &dyn Fn(&str) -> String, currency: &str) -> String {
    match m {
        Movement::Stage { to, on } => format!("moved to {} on {}", stage_name(to), short_date(*on)),
        Movement::ClosePushed { from, to } => {
            format!("close date pushed {} → {} !", short_date(*from), short_date_year(*to))
        }
        Movement::ClosePulledIn { from, to } => {
            format!("close date pulled in {} → {}", short_date(*from), short_date_year(*to))
        }
        Movement::AmountUp { from, to } => {
            format!("amount up {} → {}", format_compact(*from, currency), format_compact(*to, currency))
        }
        Movement::AmountDown { from, to } => {
            format!("amount down {} → {}", format_compact(*from, currency), format_compact(*to, currency))
        }
    }
}

pub fn settled_since(owner: &str, what: &str, status: &str) -> String {
    format!("{owner}: {what} — {status}")
}

pub const HYPOTHESES_TITLE: &str = "Untested hypotheses";

pub fn hypothesis_line(topic: &str, statement: &str, by: Option<NaiveDate>, overdue: bool) -> String {
    match (by, overdue) {
        (Some(by), true) => format!("{topic}: {statement} — test by {} !", short_date(by)),
        (Some(by), false) => format!("{topic}: {statement} — test by {}", short_date(by)),
        (None, _) => format!("{topic}: {statement} — no test date !"),
    }
}

pub fn why_not_yet(note: &str) -> String {
    format!("    why not yet: {note}")
}

pub const NOT_A_DATE: &str = "? try fri, +10d, 4/12, 2026-12-04";

// ----- the script's steps -----------------------------------------------------------

pub const VERDICT_STEP_TITLE: &str = "Verdict";
pub const VERDICT_MARK: &str = "◆";
pub const CHOICE_HINT: &str = "← → or the option's number picks it; typing starts a note.";
pub const REQUIRED_MARK: &str = "  (needs an answer)";
pub const NOTE_LABEL: &str = "Note";
pub const NOTE_PLACEHOLDER: &str = "Type to add a note…";
pub const NEW_MARK: &str = "(new)";
pub const OPTION_CHOSEN: &str = "(•)";
pub const OPTION_OPEN: &str = "( )";
/// The progress line's marks: the current question, answered, drafted, required, open.
pub const PROGRESS_CURRENT: &str = "▶";
pub const PROGRESS_DONE: &str = "✓";
pub const PROGRESS_DRAFT: &str = "•";
pub const PROGRESS_REQUIRED: &str = "!";
pub const PROGRESS_OPEN: &str = "·";
pub const NO_CRITERIA: &str = "This stage has no exit criteria in the script.";
pub const ROW_FORM_TITLE: &str = " Enter saves · Esc cancels ";
pub const WHY_HINT: &str = "Enter keeps it · Esc undoes";
pub const EVIDENCE_NEEDED: &str = "Write the evidence: what the prospect said or did (Esc cancels)";
pub const CHOOSE: &str = "— choose";
pub const FIELD_OVERDUE_STEP: &str = "Step overdue";
pub const NOT_SET_CHOICE: &str = "— not set";

pub fn choose_forecast(rep: &str) -> String {
    format!("Choose the forecast with ← →: the rep says {rep}")
}

/// The question before a stage move that skips stages or leaves exit criteria unvalidated.
pub fn stage_move_warning(from: &str, to: &str, skipped: &[&str], missing: &[&str]) -> String {
    let mut text = format!("{} → {}", one_line(from), one_line(to));
    if !skipped.is_empty() {
        let names: Vec<String> = skipped.iter().map(|s| one_line(s).into_owned()).collect();
        let _ = write!(text, " skips {}", names.join(", "));
    }
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(3).map(|s| one_line(s).into_owned()).collect();
        let more = if missing.len() > 3 { format!(" and {} more", missing.len() - 3) } else { String::new() };
        let sep = if skipped.is_empty() { "" } else { ";" };
        let _ = write!(
            text,
            "{sep} {} not validated: {}{more}",
            plural(missing.len() as i64, "exit criterion", "exit criteria"),
            shown.join("; ")
        );
    }
    text.push_str(". Enter moves it anyway, Esc goes back.");
    text
}

pub fn undone(label: &str) -> String {
    format!("↶ undid {}", one_line(label))
}

pub fn cancelled(label: &str) -> String {
    format!("↶ cancelled: {} is as it was", one_line(label))
}

pub const MEETING_DONE: &str = "✓ Every deal of the meeting has its verdict.";

/// "3 of 8 deals challenged", in the header during a meeting.
pub fn meeting_progress(done: usize, total: usize) -> String {
    format!("{done} of {total} deals challenged")
}

/// "3/8 challenged", when the header is narrow.
pub fn meeting_progress_short(done: usize, total: usize) -> String {
    format!("{done}/{total} challenged")
}

/// The mark of a deal challenged today, with the verdict given.
pub fn challenged_mark(forecast: &str) -> String {
    format!("✓ {forecast}")
}

pub const NOTHING_TO_UNDO: &str = "Nothing to undo in this meeting.";

/// “text from data”, made safe and cut to a readable length, for a notice.
pub fn quoted(text: &str) -> String {
    let clean = one_line(text);
    let short: String = clean.chars().take(40).collect();
    let more = if clean.chars().count() > 40 { "…" } else { "" };
    format!("“{}{more}”", short.trim_end())
}
pub const VERDICT_QUESTION: &str = "Your verdict on this deal";
pub const VERDICT_HINT: &str =
    "Forecast as you see it (overrule the rep if you must, and say why), how confident you are, the next step agreed.";
pub const NO_VERDICT: &str = "No verdict given: PgUp goes back to it.";
pub const COMMITMENTS_MADE: &str = "Commitments made today";

pub fn skipped_required(n: usize) -> String {
    if n == 1 {
        "1 question that needs an answer was skipped:".to_string()
    } else {
        format!("{n} questions that need an answer were skipped:")
    }
}

pub fn summary_title(deal: &str) -> String {
    format!("Summary — {deal}")
}

pub fn verdict_line(forecast: &str) -> String {
    format!("Verdict: {forecast}")
}

pub fn verdict_overruled(forecast: &str, rep: &str, comment: &str) -> String {
    format!("Verdict: {forecast}, overruling the rep's {rep} — {comment}")
}

pub fn stage_moved(from: &str, to: &str) -> String {
    format!("Moved from {from} to {to}")
}

pub fn criterion_checked(text: &str, on: NaiveDate, evidence: &str) -> String {
    if evidence.is_empty() {
        format!("{text} ({})", short_date(on))
    } else {
        format!("{text} ({}): {evidence}", short_date(on))
    }
}

pub const CARD_MORE: &str = "… c shows the whole card";
pub const CARD_SCROLL_MORE: &str = "↓ more: PgDn";
pub const CARD_SCROLL_END: &str = "— end of the card · PgUp back up · Enter challenges it";

pub const EDIT_DEAL_TITLE: &str = " Edit the deal ";
pub const ADD_DEAL_TITLE: &str = " Add a deal ";
pub const DEAL_FORM_HINT: &str = "Saved as you go. Enter saves and closes · Esc cancels every change.";

// ----- prospecting views --------------------------------------------------------------

pub const VIEW_OVERVIEW: &str = "Overview";
pub const VIEW_WEEK: &str = "Week & trends";
pub const VIEW_REVIEW: &str = "Review";
pub const VIEW_TEAM: &str = "Team";

pub fn view_breakdown(dimension: Dimension) -> String {
    match dimension {
        Dimension::Channel => "By channel".to_string(),
        Dimension::Message => "By message".to_string(),
        Dimension::Segment => "By segment".to_string(),
    }
}

pub const FUNNEL_VS_TEAM_TITLE: &str = " Funnel (team beside) ";

pub fn team_rate(rate: &str) -> String {
    format!("team {rate}")
}

pub fn real_chance(n: i64, of: i64) -> String {
    format!("{} of {} with a real chance", group_thousands(n), group_thousands(of))
}

pub fn breakdown_title(dimension: Dimension) -> String {
    match dimension {
        Dimension::Channel => " By channel — b: by message ".to_string(),
        Dimension::Message => " By message or campaign — b: by segment ".to_string(),
        Dimension::Segment => " By segment (who was targeted) — b: by channel ".to_string(),
    }
}

/// The title of a breakdown shown with the two others, all on one screen.
pub fn breakdown_stacked_title(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Channel => " By channel ",
        Dimension::Message => " By message or campaign ",
        Dimension::Segment => " By segment (who was targeted) ",
    }
}

pub fn breakdown_key(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Channel => "Channel",
        Dimension::Message => "Message",
        Dimension::Segment => "Segment",
    }
}

pub const BREAKDOWN_COLUMNS: [&str; 6] = ["Touches", "Conv.", "Meetings", "Opps", "Mtg/100", "Opp/mtg"];
pub const NO_BREAKDOWN: &str = "No activity in this period.";
pub const BEST_MARK: &str = " ▲";
pub const WORST_MARK: &str = " ▼";
pub const UNKNOWN_KEY: &str = "(not said)";
pub const BREAKDOWN_NOTE: &str =
    "Best converting first (▲), worst last (▼): meetings per 100 touches, then opportunities per meeting.";
pub const WEEK_TITLE: &str = " When the rep prospects (touches by day and hour; [ ] planned blocks) ";
pub const TRENDS_TITLE: &str = " Last 12 weeks ";
pub const NO_BLOCKS: &str = "No planned prospecting blocks for this rep.";

pub fn weekday(day: usize) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].get(day).copied().unwrap_or("?")
}

pub fn blocks_text(blocks: &[Block]) -> String {
    let parts: Vec<String> =
        blocks.iter().map(|b| format!("{} {}–{}", weekday(usize::from(b.weekday)), b.start, b.end)).collect();
    parts.join(", ")
}

pub fn in_blocks(share: f64, blocks: &str) -> String {
    format!("{} of touches made in the planned blocks ({blocks}).", percent(share))
}

pub fn this_week(value: &str) -> String {
    format!("{value} this week")
}

pub fn team_title(reps: usize) -> String {
    format!(" The team: {reps} reps — Enter opens a rep ")
}

pub const TEAM_REP: &str = "Rep";
pub const TEAM_COLUMNS: [&str; 6] = ["Touches", "Conv.", "Meetings", "Opp/mtg", "Opps", "Pipeline"];
pub const TEAM_ALERT: &str = "What stands out";
pub const TEAM_TOTAL: &str = "Team";

pub fn review_title(rep: &str) -> String {
    format!(" Prospecting review — {rep} ")
}

pub const QUALIFIED_TITLE: &str = " Meetings with a real chance ";
pub const FIGURE_MORE: &str = "Esc, then o b w: every figure of the period";

/// "▲ Healthcare 24.2 mtg/100, 3 opps"
pub fn figure_row(mark: &str, name: &str, per_100: &str, opportunities: i64) -> String {
    format!("{mark} {} {per_100} mtg/100, {}", one_line(name), plural(opportunities, "opp", "opps"))
}

/// "14 of 26 meetings held had a real chance (8 not, 4 not assessed)"
pub fn qualified_figure(real: i64, not: i64, unassessed: i64, meetings: i64) -> String {
    format!(
        "{} of {} meetings held had a real chance ({} not, {} not assessed)",
        group_thousands(real),
        group_thousands(meetings),
        group_thousands(not),
        group_thousands(unassessed)
    )
}

pub fn qualified_opportunities(opportunities: i64) -> String {
    format!("{} created in the period", plural(opportunities, "opportunity", "opportunities"))
}

pub const REVIEW_SUMMARY_TITLE: &str = "The prospecting review so far";
pub const REVIEW_COMMITMENTS: &str = "Commitments for the weeks ahead";
pub const NO_REVIEW_COMMITMENTS: &str = "None yet: how will next week be organised?";

// ----- targets and quick logging ------------------------------------------------------

/// The label of a target in the targets form (whose title says they are per week).
pub fn target_label(kind: TargetKind) -> String {
    target_kind_name(kind).to_string()
}

pub const FIELD_BLOCKS: &str = "Planned blocks";
pub const TARGETS_TITLE: &str = " Targets per week, and planned prospecting blocks ";
pub const TARGETS_HINT: &str = "Empty: no target. Blocks like: tue 9-11, thu 14-16. Enter saves · Esc cancels.";
pub const LOG_TITLE: &str = " Log activity ";
pub const LOG_HINT: &str = "A weekly count is one line: 45 calls. Enter logs it, Esc cancels.";
pub const FIELD_KIND: &str = "What";
pub const FIELD_COUNT: &str = "How many";
pub const FIELD_WHEN: &str = "When";
pub const FIELD_OUTCOME: &str = "Outcome";
pub const FIELD_CHANNEL: &str = "Channel";
pub const FIELD_SEGMENT: &str = "Segment";
pub const FIELD_MESSAGE: &str = "Message";
pub const FIELD_REAL_CHANCE: &str = "Real chance";
pub const NOT_ASSESSED: &str = "Not assessed";

pub fn not_a_count(text: &str) -> String {
    format!("{text:?} is not a number of activities (write 45)")
}

pub fn activity_kind_name(kind: ActivityKind) -> &'static str {
    target_kind_name(TargetKind::Activity(kind))
}

pub fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::None => "No answer",
        Outcome::Conversation => "Conversation",
        Outcome::Meeting => "Meeting booked",
        Outcome::Opportunity => "Opportunity created",
    }
}

pub fn logged(count: i64, kind: ActivityKind) -> String {
    format!("✓ logged {count} × {}", activity_kind_name(kind).to_lowercase())
}
