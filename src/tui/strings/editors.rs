//! The answer editors: options, lists and their forms, and structured answers in words.

use chrono::NaiveDate;

use crate::domain::commitment::CommitmentStatus;
use crate::domain::dates::days_between;
use crate::domain::hypothesis::{HypothesisStatus, Topic};
use crate::wording::short_date;

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
pub const FIELD_CREATED: &str = "Created";
pub const FIELD_FILE: &str = "File";
pub const IMPORT_TITLE: &str = " Import deals or activities from a CRM export ";
pub const IMPORT_HINT: &str = "Enter imports · Tab completes the path · Esc cancels";
pub const IMPORT_NEEDS_FILE: &str =
    "Type the path of a CSV file of deals or activities (Salesforce, HubSpot, Pipedrive or sparring's own)";
pub const IMPORTING: &str = "Importing…";
pub const IMPORT_UNDO: &str = "Ctrl-Z undoes this import (on this rep's screen, today).";
pub const IMPORTED_HINT: &str = "Enter or Esc closes · type another path to import it";

/// Under the log form, the values the field already knows that fit what is typed.
pub fn known_values(values: &[&str]) -> String {
    let shown: Vec<String> = values.iter().take(6).map(|v| crate::domain::text::one_line(v).into_owned()).collect();
    let more = values.len().saturating_sub(shown.len());
    let list = shown.join(" · ");
    if more > 0 { format!("Known: {list} · … {more} more") } else { format!("Known: {list}") }
}

/// Under the first lines of a long message.
pub fn more_lines(n: usize) -> String {
    format!("  … and {n} more (sparring import deals|activities FILE lists them all)")
}

/// The files a typed path could still be, under it.
pub fn path_candidates(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(6).map(|n| crate::domain::text::one_line(n).into_owned()).collect();
    let more = names.len().saturating_sub(shown.len());
    if more > 0 { format!("{} … and {more} more", shown.join("  ")) } else { shown.join("  ") }
}
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
