//! The words of the figures, shared by the screen and the headless reports: volumes,
//! the funnel, rates, alerts.

use super::plural;
use crate::domain::activity::ActivityKind;
use crate::domain::alerts::Alert;
use crate::domain::metrics::TargetKind;
use crate::domain::money::{format_compact, group_thousands};
use crate::domain::prospecting::{BreakdownRow, same_key};
use crate::domain::text::one_line;

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

/// A figure of the volume table: amounts for pipeline, counts otherwise. A count keeps its
/// tenth when it has one: a target prorated over part of a week ("4 / 3.4") is printed as
/// it is used, never rounded into a contradiction with its percentage ("4 / 3  117%").
pub fn volume_figure(kind: TargetKind, value: f64, currency: &str) -> String {
    if kind == TargetKind::Pipeline {
        return format_compact(value.round() as i64, currency);
    }
    let tenths = (value * 10.0).round() as i64;
    match tenths % 10 {
        0 => group_thousands(tenths / 10),
        rest => {
            let sign = if tenths < 0 && tenths / 10 == 0 { "-" } else { "" };
            format!("{sign}{}.{}", group_thousands(tenths / 10), rest.abs())
        }
    }
}

pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// A rate as a percentage, or a dash when it cannot be told.
pub fn rate_text(share: Option<f64>) -> String {
    share.map_or_else(|| NO_RATE.to_string(), percent)
}

// The changes against the previous period. The arrow is the sign: "▲12" is 12 more, "▼5"
// five fewer; so short, a change fits beside every figure of an 80-column screen.

/// A count's change: "▲12", "▼1,500", "±0".
pub fn change(delta: i64) -> String {
    match delta.signum() {
        1 => format!("▲{}", group_thousands(delta)),
        -1 => format!("▼{}", group_thousands(delta.saturating_abs())),
        _ => "±0".to_string(),
    }
}

/// An amount's change: "▲€12k", "▼€950", "±0".
pub fn amount_change(delta_minor: i64, currency: &str) -> String {
    match delta_minor.signum() {
        1 => format!("▲{}", format_compact(delta_minor, currency)),
        -1 => format!("▼{}", format_compact(delta_minor.saturating_abs(), currency)),
        _ => "±0".to_string(),
    }
}

/// A rate's change in percentage points, from the percentages as printed (20% then 23% is
/// "▲3pt", whatever the decimals behind them); none when either rate cannot be told.
pub fn rate_change(now: Option<f64>, before: Option<f64>) -> Option<String> {
    let points = |share: f64| (share * 100.0).round() as i64;
    let delta = points(now?) - points(before?);
    Some(match delta.signum() {
        1 => format!("▲{delta}pt"),
        -1 => format!("▼{}pt", -delta),
        _ => "±0pt".to_string(),
    })
}

/// The change of meetings per 100 touches, from the rates as printed (8.4 then 10.1 is
/// "▲1.7"); "new" for a key that had no touches in the days compared with, none for a key
/// without touches now (its rate cannot be told).
pub fn per_100_change(now: Option<f64>, before: Option<f64>) -> Option<String> {
    let tenths = |per_100: f64| (per_100 * 10.0).round() as i64;
    let Some(before) = before else { return now.map(|_| NEW_KEY.to_string()) };
    let delta = tenths(now?) - tenths(before);
    let shown = format!("{}.{}", delta.abs() / 10, delta.abs() % 10);
    Some(match delta.signum() {
        1 => format!("▲{shown}"),
        -1 => format!("▼{shown}"),
        _ => "±0".to_string(),
    })
}

/// A breakdown row's [`per_100_change`] against the same key in `before` (the days compared
/// with); empty when it cannot be told.
pub fn breakdown_change(row: &BreakdownRow, before: &[BreakdownRow]) -> String {
    let then = same_key(before, &row.key).and_then(BreakdownRow::meetings_per_100_touches);
    per_100_change(row.meetings_per_100_touches(), then).unwrap_or_default()
}

/// A channel, message or segment not used in the days compared with.
pub const NEW_KEY: &str = "new";

pub const FUNNEL_TOUCHES: &str = "Touches";
pub const FUNNEL_CONVERSATIONS: &str = "Conversations";
pub const FUNNEL_MEETINGS: &str = "Meetings held";
pub const FUNNEL_OPPORTUNITIES: &str = "Opportunities";
pub const FUNNEL_PIPELINE: &str = "Pipeline created";
pub const OF_TOUCHES: &str = "of touches";
pub const OF_CONVERSATIONS: &str = "of conversations";
pub const OF_MEETINGS: &str = "of meetings";
pub const NO_RATE: &str = "–";

/// How a period's targets are made: each day's weekly target, over this many weeks.
pub fn weeks_note(weeks: f64) -> String {
    format!("weekly targets × {weeks:.1} weeks")
}

/// An alert in plain words; `when` is the period as a sentence says it ([`period_when`]):
/// "18 meetings, 0 opportunities in the last 4 weeks", "… last week".
///
/// [`period_when`]: super::period_when
pub fn alert_text(alert: &Alert, when: &str, currency: &str) -> String {
    match alert {
        Alert::NoActivity => format!("No prospecting activity logged {when}."),
        Alert::MeetingsWithoutOpportunities { meetings, opportunities } => format!(
            "{}, {} {when}: which of these meetings had a real chance?",
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
            "{}: {} and not one meeting {when}. Change the message, or spend the time elsewhere?",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_say_their_direction() {
        assert_eq!(change(12), "▲12");
        assert_eq!(change(-1_500), "▼1,500");
        assert_eq!(change(0), "±0");
        assert_eq!(amount_change(1_200_000, "EUR"), "▲€12k");
        assert_eq!(amount_change(-95_000, "EUR"), "▼€950");
        assert_eq!(rate_change(Some(0.234), Some(0.196)), Some("▲3pt".to_string()), "23% against 20%");
        assert_eq!(rate_change(Some(0.1), Some(0.35)), Some("▼25pt".to_string()));
        assert_eq!(rate_change(Some(0.201), Some(0.204)), Some("±0pt".to_string()));
        assert_eq!(rate_change(None, Some(0.2)), None);
        assert_eq!(per_100_change(Some(10.1), Some(8.4)).as_deref(), Some("▲1.7"));
        assert_eq!(per_100_change(Some(2.0), Some(12.35)).as_deref(), Some("▼10.4"), "from 12.4 as printed");
        assert_eq!(per_100_change(Some(8.04), Some(7.96)).as_deref(), Some("±0"), "8.0 both");
        assert_eq!(per_100_change(Some(0.0), None).as_deref(), Some("new"));
        assert_eq!(per_100_change(None, Some(3.0)), None, "no touches now: no rate to compare");
    }

    #[test]
    fn counts_keep_their_tenth_and_amounts_are_compact() {
        let call = TargetKind::Activity(ActivityKind::Call);
        assert_eq!(volume_figure(call, 3.4, "EUR"), "3.4");
        assert_eq!(volume_figure(call, 4.0, "EUR"), "4");
        assert_eq!(volume_figure(call, 1234.5, "EUR"), "1,234.5");
        assert_eq!(volume_figure(call, 0.96, "EUR"), "1");
        assert_eq!(volume_figure(call, -0.5, "EUR"), "-0.5");
        assert_eq!(volume_figure(TargetKind::Pipeline, 4_285_714.0, "EUR"), format_compact(4_285_714, "EUR"));
    }
}
