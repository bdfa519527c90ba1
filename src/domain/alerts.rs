//! Quality alerts: plain-word signals computed by pure rules, thresholds in one place.
//!
//! Each rule is a function of the figures it reads, so it can be tested on a handful of
//! numbers; [`alerts`] runs them all, most important first.

use chrono::NaiveDate;

use super::activity::ActivityKind;
use super::blocks::Block;
use super::metrics::{Funnel, TargetKind, Volume};
use super::prospecting::{BreakdownRow, HalfDays, Trends};
use super::target_history::TargetHistory;

/// Thresholds of the rules, kept together so they can be reviewed at a glance.
pub mod thresholds {
    /// Below this many meetings, a low conversion to opportunities is noise.
    pub const MIN_MEETINGS_FOR_CONVERSION: i64 = 6;
    /// Fewer opportunities per meeting than this is "meetings without opportunities".
    pub const MIN_OPPORTUNITIES_PER_MEETING: f64 = 0.10;
    /// Under this share of its target, a volume is flagged.
    pub const UNDER_TARGET_SHARE: f64 = 0.6;
    /// Pipeline created under the weekly target this many complete weeks in a row (or more),
    /// counted back from the last complete week, is flagged.
    pub const PIPELINE_WEEKS_RUNNING: usize = 3;
    /// A channel with at least this many touches and not one meeting booked or held, nor an
    /// opportunity, is "effort without result".
    pub const MIN_CHANNEL_TOUCHES: i64 = 40;
    /// A kind of touch is judged for bunching from this many timed touches.
    pub const MIN_BUNCHED_TOUCHES: i64 = 30;
    /// At least this share of a kind's timed touches in one half-day of the week is "bunched".
    pub const BUNCHED_SHARE: f64 = 0.5;
    /// A segment is judged from this many touches (and the other segments together too).
    pub const MIN_SEGMENT_TOUCHES: i64 = 30;
    /// …and this many meetings held.
    pub const MIN_SEGMENT_MEETINGS: i64 = 5;
    /// Meetings per touch at least this many times the other segments' is "far above".
    pub const SEGMENT_FAR_ABOVE: f64 = 2.5;
}

/// One signal for the manager, with the figures that back it.
#[derive(Debug, Clone, PartialEq)]
pub enum Alert {
    /// Many meetings held, few or no opportunities from them.
    MeetingsWithoutOpportunities { meetings: i64, opportunities: i64 },
    /// Pipeline created under the weekly target for `weeks` complete weeks running, up to the
    /// last complete week; `created_minor` and `target_minor` are the totals over those weeks
    /// (each week's target the one in force that week).
    PipelineUnderTarget { weeks: usize, created_minor: i64, target_minor: i64 },
    /// A channel worked with no meeting booked or held and no opportunity from it.
    ChannelWithoutResult { channel: String, touches: i64 },
    /// `count` of the `total` timed touches of a kind fell in one half-day of the week
    /// (`weekday` 0 = Monday; `afternoon` from noon), and no block is planned there.
    Bunched { kind: ActivityKind, weekday: u8, afternoon: bool, count: i64, total: i64 },
    /// A volume far below its target.
    UnderTarget { kind: TargetKind, done: i64, target: f64 },
    /// A segment books meetings far more often than the others together: go there.
    SegmentFarAbove { segment: String, meetings: i64, touches: i64, others_meetings: i64, others_touches: i64 },
    /// Nothing logged at all in the period.
    NoActivity,
}

impl Alert {
    /// A stable identifier of the rule, for reports (CSV, JSON).
    pub fn code(&self) -> &'static str {
        match self {
            Alert::MeetingsWithoutOpportunities { .. } => "meetings_without_opportunities",
            Alert::PipelineUnderTarget { .. } => "pipeline_under_target",
            Alert::ChannelWithoutResult { .. } => "channel_without_result",
            Alert::Bunched { .. } => "bunched",
            Alert::UnderTarget { .. } => "under_target",
            Alert::SegmentFarAbove { .. } => "segment_far_above",
            Alert::NoActivity => "no_activity",
        }
    }
}

/// What the rules read: one scope's figures over one period.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub funnel: &'a Funnel,
    pub volumes: &'a [Volume],
    /// The 12 weeks ending with the period's; pipeline per week is read from them.
    pub trends: &'a Trends,
    /// The last day counted: weeks that end after it are not complete.
    pub through: NaiveDate,
    /// The scope's weekly targets over time: each trend week is judged against its own.
    pub targets: &'a TargetHistory,
    pub by_channel: &'a [BreakdownRow],
    pub by_segment: &'a [BreakdownRow],
    pub half_days: &'a HalfDays,
    pub blocks: &'a [Block],
}

/// The alerts for one rep (or team) over one period, most important first: nothing logged
/// (alone), meetings without opportunities, pipeline under target weeks running, channels
/// without result, bunched touches, volumes under target, then a segment to go after.
pub fn alerts(facts: &Facts<'_>) -> Vec<Alert> {
    if facts.funnel.touches == 0 && facts.funnel.meetings == 0 {
        return vec![Alert::NoActivity];
    }
    let mut out = Vec::new();
    out.extend(meetings_without_opportunities(facts.funnel));
    let streak = pipeline_under_target(facts.trends, facts.through, facts.targets);
    let pipeline_streak = streak.is_some();
    out.extend(streak);
    out.extend(channels_without_result(facts.by_channel));
    out.extend(bunched(facts.half_days, facts.blocks));
    // The streak already says the pipeline is short, and says more.
    out.extend(
        under_target(facts.volumes)
            .into_iter()
            .filter(|a| !(pipeline_streak && matches!(a, Alert::UnderTarget { kind: TargetKind::Pipeline, .. }))),
    );
    out.extend(segment_far_above(facts.by_segment));
    out
}

/// Many meetings held and few opportunities created from them.
pub fn meetings_without_opportunities(funnel: &Funnel) -> Option<Alert> {
    (funnel.meetings >= thresholds::MIN_MEETINGS_FOR_CONVERSION
        && (funnel.opportunities as f64) < funnel.meetings as f64 * thresholds::MIN_OPPORTUNITIES_PER_MEETING)
        .then_some(Alert::MeetingsWithoutOpportunities {
            meetings: funnel.meetings,
            opportunities: funnel.opportunities,
        })
}

/// Volumes under [`thresholds::UNDER_TARGET_SHARE`] of a non-zero target, in volume order.
pub fn under_target(volumes: &[Volume]) -> Vec<Alert> {
    volumes
        .iter()
        .filter_map(|v| match (v.progress(), v.target) {
            (Some(progress), Some(target)) if progress < thresholds::UNDER_TARGET_SHARE => {
                Some(Alert::UnderTarget { kind: v.kind, done: v.done, target })
            }
            _ => None,
        })
        .collect()
}

/// Pipeline created under the weekly target in each of the last complete weeks, counted
/// back from the last complete one, when the run is [`thresholds::PIPELINE_WEEKS_RUNNING`]
/// weeks or longer. Each week is judged against the target in force that week (targets
/// change on Mondays); a week without a non-zero target ends the run. The current week is
/// left out until it is over: Monday's zero is no news.
pub fn pipeline_under_target(trends: &Trends, through: NaiveDate, targets: &TargetHistory) -> Option<Alert> {
    let complete = trends.complete_weeks(through).min(trends.pipeline_minor.len()).min(trends.weeks.len());
    let weeks: Vec<(i64, i64)> = (0..complete)
        .rev()
        .map(|i| (trends.pipeline_minor[i], targets.in_force(TargetKind::Pipeline, trends.weeks[i]).unwrap_or(0)))
        .take_while(|&(created, target)| target > 0 && created < target)
        .collect();
    (weeks.len() >= thresholds::PIPELINE_WEEKS_RUNNING).then(|| Alert::PipelineUnderTarget {
        weeks: weeks.len(),
        created_minor: weeks.iter().map(|(created, _)| created).sum(),
        target_minor: weeks.iter().map(|(_, target)| target).sum(),
    })
}

/// Channels with at least [`thresholds::MIN_CHANNEL_TOUCHES`] touches and no result at all:
/// no meeting booked or held, no opportunity. Most touches first. Activity that did not
/// name its channel is left out: there is nothing to change.
pub fn channels_without_result(by_channel: &[BreakdownRow]) -> Vec<Alert> {
    let mut rows: Vec<&BreakdownRow> = by_channel
        .iter()
        .filter(|r| {
            !r.key.trim().is_empty()
                && r.touches >= thresholds::MIN_CHANNEL_TOUCHES
                && r.booked == 0
                && r.meetings == 0
                && r.opportunities == 0
        })
        .collect();
    rows.sort_by(|a, b| b.touches.cmp(&a.touches).then_with(|| a.key.cmp(&b.key)));
    rows.into_iter().map(|r| Alert::ChannelWithoutResult { channel: r.key.clone(), touches: r.touches }).collect()
}

/// For each kind of touch with [`thresholds::MIN_BUNCHED_TOUCHES`] timed touches or more, its
/// busiest half-day of the week when it holds [`thresholds::BUNCHED_SHARE`] of them or more,
/// unless a planned block covers part of that half-day (then the rep organised it so).
/// Highest share first.
pub fn bunched(half_days: &HalfDays, blocks: &[Block]) -> Vec<Alert> {
    let mut out: Vec<(f64, Alert)> = Vec::new();
    for (k, days) in half_days.touches.iter().enumerate() {
        let total: i64 = days.iter().flatten().sum();
        if total < thresholds::MIN_BUNCHED_TOUCHES {
            continue;
        }
        // The busiest half-day; the earliest one on a tie.
        let mut best = (0, 0, 0);
        for (weekday, halves) in days.iter().enumerate() {
            for (half, &count) in halves.iter().enumerate() {
                if count > best.2 {
                    best = (weekday, half, count);
                }
            }
        }
        let (weekday, half, count) = best;
        let share = count as f64 / total as f64;
        let (from, to) = if half == 0 { (0, 12) } else { (12, 24) };
        let planned = blocks.iter().any(|b| b.overlaps(weekday as u8, from, to));
        if share >= thresholds::BUNCHED_SHARE && !planned {
            let alert =
                Alert::Bunched { kind: HalfDays::KINDS[k], weekday: weekday as u8, afternoon: half == 1, count, total };
            out.push((share, alert));
        }
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out.into_iter().map(|(_, alert)| alert).collect()
}

/// The segment whose meetings per touch are at least [`thresholds::SEGMENT_FAR_ABOVE`] times
/// those of the other segments together, with enough touches and meetings on both sides to
/// mean something; the one with the best rate when several are. Activity that did not name
/// its segment is left out of both sides.
pub fn segment_far_above(by_segment: &[BreakdownRow]) -> Option<Alert> {
    let named: Vec<&BreakdownRow> = by_segment.iter().filter(|r| !r.key.trim().is_empty()).collect();
    let (all_touches, all_meetings) = named.iter().fold((0, 0), |(t, m), r| (t + r.touches, m + r.meetings));
    let mut best: Option<(&BreakdownRow, i64, i64)> = None;
    for row in &named {
        let (others_touches, others_meetings) = (all_touches - row.touches, all_meetings - row.meetings);
        if row.touches < thresholds::MIN_SEGMENT_TOUCHES
            || row.meetings < thresholds::MIN_SEGMENT_MEETINGS
            || others_touches < thresholds::MIN_SEGMENT_TOUCHES
        {
            continue;
        }
        // meetings / touches >= FAR_ABOVE × others_meetings / others_touches, without dividing.
        let far_above = row.meetings as f64 * others_touches as f64
            >= thresholds::SEGMENT_FAR_ABOVE * others_meetings as f64 * row.touches as f64;
        let better = best.is_none_or(|(b, _, _)| row.cmp_meeting_rate(b).is_gt());
        if far_above && better {
            best = Some((row, others_touches, others_meetings));
        }
    }
    best.map(|(row, others_touches, others_meetings)| Alert::SegmentFarAbove {
        segment: row.key.clone(),
        meetings: row.meetings,
        touches: row.touches,
        others_meetings,
        others_touches,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::metrics::Target;
    use crate::domain::target_history::TargetChange;
    use chrono::Duration;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn funnel(touches: i64, meetings: i64, opportunities: i64) -> Funnel {
        Funnel { touches, conversations: touches / 5, meetings, opportunities, pipeline_minor: 0 }
    }

    fn row(key: &str, touches: i64, booked: i64, meetings: i64) -> BreakdownRow {
        BreakdownRow { key: key.into(), touches, booked, meetings, ..BreakdownRow::default() }
    }

    /// Twelve weeks ending with the week of Friday 27 November 2026.
    fn trends(pipeline: [i64; 12]) -> Trends {
        let first = d(2026, 9, 7);
        Trends {
            weeks: (0..12).map(|i| first + Duration::weeks(i)).collect(),
            touches: vec![0; 12],
            meetings: vec![0; 12],
            opportunities: vec![0; 12],
            pipeline_minor: pipeline.to_vec(),
        }
    }

    static NO_TARGETS: TargetHistory = TargetHistory::EMPTY;

    /// A pipeline target of `per_week` every week.
    fn pipeline_target(per_week: i64) -> TargetHistory {
        TargetHistory::constant(&[Target { kind: TargetKind::Pipeline, per_week }])
    }

    fn facts<'a>(funnel: &'a Funnel, volumes: &'a [Volume], trends: &'a Trends, half_days: &'a HalfDays) -> Facts<'a> {
        Facts {
            funnel,
            volumes,
            trends,
            through: d(2026, 11, 27),
            targets: &NO_TARGETS,
            by_channel: &[],
            by_segment: &[],
            half_days,
            blocks: &[],
        }
    }

    #[test]
    fn nothing_logged() {
        let (f, t, h) = (funnel(0, 0, 0), trends([0; 12]), HalfDays::default());
        let mut facts = facts(&f, &[], &t, &h);
        let target = pipeline_target(100);
        facts.targets = &target;
        assert_eq!(alerts(&facts), vec![Alert::NoActivity], "nothing else is said about an empty period");
    }

    #[test]
    fn meetings_without_opportunities_rule() {
        assert_eq!(
            meetings_without_opportunities(&funnel(300, 18, 0)),
            Some(Alert::MeetingsWithoutOpportunities { meetings: 18, opportunities: 0 })
        );
        // 2 of 18 is 11%: above the threshold.
        assert_eq!(meetings_without_opportunities(&funnel(300, 18, 2)), None);
        // 5 meetings is too few to judge.
        assert_eq!(meetings_without_opportunities(&funnel(300, 5, 0)), None);
        assert_eq!(meetings_without_opportunities(&funnel(0, 0, 0)), None);
    }

    #[test]
    fn under_target_only_with_a_target() {
        let call = TargetKind::Activity(ActivityKind::Call);
        let volumes = [
            Volume { kind: call, done: 50, target: Some(100.0) },
            Volume { kind: TargetKind::Opportunity, done: 0, target: None },
            Volume { kind: TargetKind::Activity(ActivityKind::Meeting), done: 0, target: Some(0.0) },
            Volume { kind: TargetKind::Pipeline, done: 70, target: Some(100.0) },
        ];
        assert_eq!(under_target(&volumes), vec![Alert::UnderTarget { kind: call, done: 50, target: 100.0 }]);
    }

    #[test]
    fn pipeline_under_target_weeks_running() {
        let target = &pipeline_target(100);
        let today = d(2026, 11, 27);
        // The current week (the last) is not judged on a Friday; the week before it made 100,
        // on target: a run of two weeks only.
        let t = trends([500, 0, 0, 0, 0, 0, 0, 200, 100, 20, 30, 0]);
        assert_eq!(pipeline_under_target(&t, today, target), None);
        let t = trends([500, 0, 0, 0, 0, 0, 0, 200, 99, 20, 30, 0]);
        assert_eq!(
            pipeline_under_target(&t, today, target),
            Some(Alert::PipelineUnderTarget { weeks: 3, created_minor: 149, target_minor: 300 })
        );
        // On Sunday the current week is complete and counts.
        let sunday = d(2026, 11, 29);
        let t = trends([500, 0, 0, 0, 0, 0, 0, 200, 100, 20, 30, 0]);
        assert_eq!(
            pipeline_under_target(&t, sunday, target),
            Some(Alert::PipelineUnderTarget { weeks: 3, created_minor: 50, target_minor: 300 })
        );
        // Every complete week under target: the run is all of them.
        let t = trends([0; 12]);
        assert_eq!(
            pipeline_under_target(&t, today, target),
            Some(Alert::PipelineUnderTarget { weeks: 11, created_minor: 0, target_minor: 1100 })
        );
        // No target, or a zero one: nothing to be under.
        assert_eq!(pipeline_under_target(&t, today, &NO_TARGETS), None);
        assert_eq!(pipeline_under_target(&t, today, &pipeline_target(0)), None);
        // A week on target breaks the run.
        let t = trends([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 0]);
        assert_eq!(pipeline_under_target(&t, today, target), None);
    }

    #[test]
    fn each_week_of_the_streak_is_judged_against_its_own_target() {
        let today = d(2026, 11, 27);
        let t = trends([500, 0, 0, 0, 0, 0, 0, 200, 60, 60, 60, 0]);
        // 50 a week until 16 November, 100 from then: only the last two complete weeks are under.
        let raised = TargetHistory::new([
            TargetChange { kind: TargetKind::Pipeline, from_week: d(2020, 1, 6), per_week: Some(50) },
            TargetChange { kind: TargetKind::Pipeline, from_week: d(2026, 11, 16), per_week: Some(100) },
        ]);
        assert_eq!(pipeline_under_target(&t, today, &raised), None);
        // Raised from 2 November: three weeks under 100.
        let earlier = TargetHistory::new([
            TargetChange { kind: TargetKind::Pipeline, from_week: d(2020, 1, 6), per_week: Some(50) },
            TargetChange { kind: TargetKind::Pipeline, from_week: d(2026, 11, 2), per_week: Some(100) },
        ]);
        assert_eq!(
            pipeline_under_target(&t, today, &earlier),
            Some(Alert::PipelineUnderTarget { weeks: 3, created_minor: 180, target_minor: 300 })
        );
    }

    #[test]
    fn channel_with_effort_and_no_result() {
        let rows = [
            row("phone", 300, 9, 4),
            row("linkedin", 120, 0, 0),
            row("events", 41, 0, 0),
            row("email", 200, 0, 1), // a meeting held came from it: a result
            row("fax", 39, 0, 0),    // too little effort to judge
            row("", 500, 0, 0),      // unnamed
            BreakdownRow { opportunities: 1, ..row("partner", 60, 0, 0) },
        ];
        assert_eq!(
            channels_without_result(&rows),
            vec![
                Alert::ChannelWithoutResult { channel: "linkedin".into(), touches: 120 },
                Alert::ChannelWithoutResult { channel: "events".into(), touches: 41 },
            ]
        );
        assert!(channels_without_result(&[]).is_empty());
    }

    #[test]
    fn bunched_into_one_afternoon() {
        let mut h = HalfDays::default();
        // Calls: 40 on Friday afternoon of 50.
        h.touches[0][4][1] = 40;
        h.touches[0][1][0] = 10;
        // Emails: spread evenly.
        for day in 0..5 {
            h.touches[1][day] = [10, 10];
        }
        // Social: 29 on Monday morning: too few to judge.
        h.touches[2][0][0] = 29;
        let friday_calls =
            Alert::Bunched { kind: ActivityKind::Call, weekday: 4, afternoon: true, count: 40, total: 50 };
        assert_eq!(bunched(&h, &[]), vec![friday_calls.clone()]);
        // A block planned on Friday afternoon: organised, not bunched.
        assert!(bunched(&h, &[Block { weekday: 4, start: 14, end: 16 }]).is_empty());
        // A block on Friday morning does not cover the afternoon.
        assert_eq!(bunched(&h, &[Block { weekday: 4, start: 9, end: 11 }]), vec![friday_calls]);
        // Exactly half is bunched; just under half is not.
        let mut h = HalfDays::default();
        h.touches[3][2] = [15, 15];
        assert_eq!(bunched(&h, &[]).len(), 1, "15 of 30: the earliest busiest half-day");
        h.touches[3][3] = [1, 0];
        assert!(bunched(&h, &[]).is_empty(), "15 of 31");
        assert!(bunched(&HalfDays::default(), &[]).is_empty());
    }

    #[test]
    fn segment_far_above_the_others() {
        let rows = [
            row("healthcare", 100, 0, 10), // 10 per 100
            row("retail", 200, 0, 8),      // 4 per 100
            row("finance", 100, 0, 4),     // 4 per 100
            row("", 1000, 0, 0),           // unnamed: left out
        ];
        // Others: 12 meetings in 300 touches = 4 per 100; 10 >= 2.5 × 4.
        assert_eq!(
            segment_far_above(&rows),
            Some(Alert::SegmentFarAbove {
                segment: "healthcare".into(),
                meetings: 10,
                touches: 100,
                others_meetings: 12,
                others_touches: 300
            })
        );
        // 10 per 100 is not 2.5 times 4.3.
        let rows = [row("healthcare", 100, 0, 10), row("retail", 300, 0, 13)];
        assert_eq!(segment_far_above(&rows), None);
        // Too few meetings to judge.
        let rows = [row("healthcare", 30, 0, 4), row("retail", 300, 0, 1)];
        assert_eq!(segment_far_above(&rows), None);
        // Others with no meeting at all: any rate is far above.
        let rows = [row("healthcare", 30, 0, 5), row("retail", 30, 0, 0)];
        assert!(segment_far_above(&rows).is_some());
        // One segment only: nothing to compare with.
        assert_eq!(segment_far_above(&[row("healthcare", 100, 0, 10)]), None);
        assert_eq!(segment_far_above(&[]), None);
    }

    #[test]
    fn every_rule_in_order() {
        let call = TargetKind::Activity(ActivityKind::Call);
        let f = funnel(500, 20, 0);
        let volumes = [
            Volume { kind: call, done: 50, target: Some(100.0) },
            Volume { kind: TargetKind::Pipeline, done: 0, target: Some(400.0) },
        ];
        let t = trends([0; 12]);
        let mut h = HalfDays::default();
        h.touches[0][4][1] = 40;
        let channels = [row("linkedin", 100, 0, 0)];
        let segments = [row("healthcare", 100, 0, 10), row("retail", 300, 0, 10)];
        let target = pipeline_target(100);
        let facts =
            Facts { targets: &target, by_channel: &channels, by_segment: &segments, ..facts(&f, &volumes, &t, &h) };
        let kinds: Vec<&str> = alerts(&facts)
            .iter()
            .map(|a| match a {
                Alert::MeetingsWithoutOpportunities { .. } => "meetings",
                Alert::PipelineUnderTarget { .. } => "pipeline streak",
                Alert::ChannelWithoutResult { .. } => "channel",
                Alert::Bunched { .. } => "bunched",
                Alert::UnderTarget { kind, .. } if *kind == call => "calls under target",
                Alert::UnderTarget { .. } => "pipeline under target",
                Alert::SegmentFarAbove { .. } => "segment",
                Alert::NoActivity => "nothing",
            })
            .collect();
        assert_eq!(kinds, ["meetings", "pipeline streak", "channel", "bunched", "calls under target", "segment"]);
        // Without a streak, the pipeline's own shortfall is said.
        let facts = Facts { targets: &NO_TARGETS, ..facts };
        assert!(alerts(&facts).contains(&Alert::UnderTarget { kind: TargetKind::Pipeline, done: 0, target: 400.0 }));
    }
}
