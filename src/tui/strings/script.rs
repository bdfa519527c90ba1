//! The scripts: questions, their steps, the verdict and the summary.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::domain::text::one_line;
use crate::wording::plural;
use crate::wording::short_date;

/// Under an answer the data suggests.
pub const PREFILLED_HINT: &str = "From the logged activity · Enter keeps it · type to add the names";

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
pub const VERDICT_SAVING: &str = "Saving the verdict…";
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
