//! Quality alerts: plain-word signals computed by pure rules, thresholds in one place.

use super::metrics::{Funnel, TargetKind, Volume};

/// Thresholds of the rules, kept together so they can be reviewed at a glance.
pub mod thresholds {
    /// Below this many meetings, a low conversion to opportunities is noise.
    pub const MIN_MEETINGS_FOR_CONVERSION: i64 = 6;
    /// Fewer opportunities per meeting than this is "meetings without opportunities".
    pub const MIN_OPPORTUNITIES_PER_MEETING: f64 = 0.10;
    /// Under this share of its target, a volume is flagged.
    pub const UNDER_TARGET_SHARE: f64 = 0.6;
}

/// One signal for the manager, with the figures that back it.
#[derive(Debug, Clone, PartialEq)]
pub enum Alert {
    /// Many meetings held, few or no opportunities from them.
    MeetingsWithoutOpportunities { meetings: i64, opportunities: i64 },
    /// A volume far below its target.
    UnderTarget { kind: TargetKind, done: i64, target: f64 },
    /// Nothing logged at all in the period.
    NoActivity,
}

/// The alerts for one rep (or team) over one period, most important first.
pub fn alerts(funnel: &Funnel, volumes: &[Volume]) -> Vec<Alert> {
    let mut out = Vec::new();
    if funnel.touches == 0 && funnel.meetings == 0 {
        out.push(Alert::NoActivity);
        return out;
    }
    if funnel.meetings >= thresholds::MIN_MEETINGS_FOR_CONVERSION
        && (funnel.opportunities as f64) < funnel.meetings as f64 * thresholds::MIN_OPPORTUNITIES_PER_MEETING
    {
        out.push(Alert::MeetingsWithoutOpportunities {
            meetings: funnel.meetings,
            opportunities: funnel.opportunities,
        });
    }
    for v in volumes {
        if let (Some(progress), Some(target)) = (v.progress(), v.target)
            && progress < thresholds::UNDER_TARGET_SHARE
        {
            out.push(Alert::UnderTarget { kind: v.kind, done: v.done, target });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::ActivityKind;

    fn funnel(touches: i64, meetings: i64, opportunities: i64) -> Funnel {
        Funnel { touches, conversations: touches / 5, meetings, opportunities, pipeline_minor: 0 }
    }

    #[test]
    fn nothing_logged() {
        assert_eq!(alerts(&funnel(0, 0, 0), &[]), vec![Alert::NoActivity]);
    }

    #[test]
    fn meetings_without_opportunities() {
        let a = alerts(&funnel(300, 18, 0), &[]);
        assert_eq!(a, vec![Alert::MeetingsWithoutOpportunities { meetings: 18, opportunities: 0 }]);
        // 2 of 18 is 11%: above the threshold.
        assert!(alerts(&funnel(300, 18, 2), &[]).is_empty());
        // 5 meetings is too few to judge.
        assert!(alerts(&funnel(300, 5, 0), &[]).is_empty());
    }

    #[test]
    fn under_target_only_with_a_target() {
        let call = TargetKind::Activity(ActivityKind::Call);
        let volumes = [
            Volume { kind: call, done: 50, target: Some(100.0) },
            Volume { kind: TargetKind::Opportunity, done: 0, target: None },
            Volume { kind: TargetKind::Pipeline, done: 70, target: Some(100.0) },
        ];
        assert_eq!(
            alerts(&funnel(300, 10, 3), &volumes),
            vec![Alert::UnderTarget { kind: call, done: 50, target: 100.0 }]
        );
    }
}
