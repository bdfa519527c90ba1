//! The deal challenge pane: the list, the card and the need of challenge.

use chrono::NaiveDate;

use crate::domain::challenge::{Badge, SortBy};
use crate::domain::change::Movement;
use crate::domain::money::{format_amount, format_compact};
use crate::domain::text::one_line;
use crate::wording::plural;
use crate::wording::{short_date, short_date_year};

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

pub(super) fn sort_label(sort: SortBy) -> &'static str {
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
