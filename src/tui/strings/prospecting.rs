//! The prospecting pane: its figures, views, alerts, targets and quick logging.

use chrono::NaiveDate;

use crate::dashboard::Block;
use crate::domain::activity::{ActivityKind, Outcome};
use crate::domain::metrics::TargetKind;
use crate::domain::money::group_thousands;
use crate::domain::period::DateRange;
use crate::domain::text::one_line;
use crate::tui::state::Dimension;
use crate::wording::plural;
use crate::wording::{days_of, percent, short_date, target_kind_name};

// ----- prospecting pane -------------------------------------------------------------

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

pub const BREAKDOWN_COLUMNS: [&str; 7] = ["Touches", "Conv.", "Meetings", "Opps", "Mtg/100", "change", "Opp/mtg"];
pub const NO_BREAKDOWN: &str = "No activity in this period.";
pub const BEST_MARK: &str = " ▲";
pub const WORST_MARK: &str = " ▼";
pub const UNKNOWN_KEY: &str = "(not said)";
pub const BREAKDOWN_NOTE: &str =
    "Best converting first (▲), worst last (▼): meetings per 100 touches, then opportunities per meeting.";
/// What the breakdown's change column is against: "change: meetings per 100 touches vs 5 Oct – 30 Oct 2026".
pub fn breakdown_change_note(previous: DateRange) -> String {
    format!("change: meetings per 100 touches vs {}", days_of(previous))
}
pub const WEEK_TITLE: &str = " When the rep prospects (touches by day and hour; [ ] planned blocks) ";
/// Over the 12 weeks that end with the period's last week (`last_monday`): "Last 12 weeks"
/// while that is this week.
pub fn trends_title(last_monday: NaiveDate, current: bool) -> String {
    if current {
        " Last 12 weeks ".to_string()
    } else {
        format!(" 12 weeks to the week of {} ", short_date(last_monday))
    }
}
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

/// The trend's last figure: "12 this week", or "12 the week of 16 Nov" for an earlier one.
pub fn trend_last(value: &str, last_monday: NaiveDate, current: bool) -> String {
    if current { format!("{value} this week") } else { format!("{value} the week of {}", short_date(last_monday)) }
}

/// The team's changes against the previous period, on the line under its total.
pub const TEAM_CHANGE: &str = "change";

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

/// The answer the figures suggest for the real-chance question, before the manager asks.
pub fn qualified_answer(real: i64, assessed: i64) -> String {
    format!("{} of {} meetings assessed had a real chance.", group_thousands(real), group_thousands(assessed))
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
/// A change applies from this week's Monday (earlier weeks keep theirs): the title says so.
pub const TARGETS_TITLE: &str = " Targets per week from this Monday on · planned prospecting blocks ";
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
