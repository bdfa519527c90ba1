//! Prospecting figures: volume against target and the funnel, from aggregated counts.

use super::activity::{ActivityCount, ActivityKind, Outcome};
use super::period::DateRange;
pub use super::target::{Target, TargetKind};
use super::target_history::TargetHistory;

/// `num / den`, or `None` when there is nothing to divide by.
pub fn rate(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Touches → conversations → meetings → opportunities → pipeline amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Funnel {
    pub touches: i64,
    pub conversations: i64,
    pub meetings: i64,
    pub opportunities: i64,
    pub pipeline_minor: i64,
}

impl Funnel {
    /// Builds the funnel from activity counts and the deals created in the same period.
    /// Opportunities are counted from deals, the CRM's record of them, not from activity logs.
    pub fn new(counts: &[ActivityCount], opportunities: i64, pipeline_minor: i64) -> Funnel {
        let mut funnel = Funnel { opportunities, pipeline_minor, ..Funnel::default() };
        for c in counts {
            if c.kind.is_touch() {
                funnel.touches += c.count;
                if c.outcome.is_conversation() {
                    funnel.conversations += c.count;
                }
            } else {
                funnel.meetings += c.count;
            }
        }
        funnel
    }

    /// Conversations per touch.
    pub fn conversation_rate(&self) -> Option<f64> {
        rate(self.conversations, self.touches)
    }

    /// Meetings held per conversation.
    pub fn meeting_rate(&self) -> Option<f64> {
        rate(self.meetings, self.conversations)
    }

    /// Opportunities per meeting held.
    pub fn opportunity_rate(&self) -> Option<f64> {
        rate(self.opportunities, self.meetings)
    }
}

/// One row of "volume against target".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Volume {
    pub kind: TargetKind,
    pub done: i64,
    /// The target for the whole period (each day's weekly target / 7, summed), if one is set,
    /// rounded as it is printed (see [`shown_target`]): the progress is computed from it.
    pub target: Option<f64>,
}

impl Volume {
    /// Share of the target reached, if there is a non-zero target.
    pub fn progress(&self) -> Option<f64> {
        self.target.filter(|t| *t > 0.0).map(|t| self.done as f64 / t)
    }

    /// The weekly target the period's target came from, over a period of `weeks` weeks.
    pub fn target_per_week(&self, weeks: f64) -> Option<f64> {
        self.target.filter(|_| weeks > 0.0).map(|t| (t / weeks).round())
    }
}

/// A period's target as it is printed and used: a count to one decimal ("3.4" calls over
/// three and a half days of a weekly 7), an amount to the minor unit. Rounded once, here, so
/// the percentage beside it is computed from the number shown and never contradicts it.
pub fn shown_target(kind: TargetKind, target: f64) -> f64 {
    match kind {
        TargetKind::Pipeline => target.round(),
        _ => (target * 10.0).round() / 10.0,
    }
}

/// Volume against target over `range` for each kind that has activity or a target, in
/// display order; the target is the one in force on each day of the range.
pub fn volumes(counts: &[ActivityCount], funnel: &Funnel, targets: &TargetHistory, range: DateRange) -> Vec<Volume> {
    TargetKind::ALL
        .iter()
        .filter_map(|&kind| {
            let done = match kind {
                TargetKind::Activity(activity) => counts.iter().filter(|c| c.kind == activity).map(|c| c.count).sum(),
                TargetKind::Opportunity => funnel.opportunities,
                TargetKind::Pipeline => funnel.pipeline_minor,
            };
            let target = targets.over(kind, range).map(|t| shown_target(kind, t));
            let always_shown = matches!(
                kind,
                TargetKind::Activity(ActivityKind::Call | ActivityKind::Meeting)
                    | TargetKind::Opportunity
                    | TargetKind::Pipeline
            );
            (always_shown || done > 0 || target.is_some()).then_some(Volume { kind, done, target })
        })
        .collect()
}

/// The weekly target of one kind, if set.
pub fn target_of(targets: &[Target], kind: TargetKind) -> Option<i64> {
    targets.iter().find(|t| t.kind == kind).map(|t| t.per_week)
}

/// Counts of one outcome, whatever the kind (used by alerts and tests).
pub fn outcome_total(counts: &[ActivityCount], outcome: Outcome) -> i64 {
    counts.iter().filter(|c| c.outcome == outcome).map(|c| c.count).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(kind: ActivityKind, outcome: Outcome, count: i64) -> ActivityCount {
        ActivityCount { kind, outcome, count }
    }

    fn sample() -> Vec<ActivityCount> {
        vec![
            count(ActivityKind::Call, Outcome::None, 150),
            count(ActivityKind::Call, Outcome::Conversation, 40),
            count(ActivityKind::Call, Outcome::Meeting, 10),
            count(ActivityKind::Email, Outcome::None, 90),
            count(ActivityKind::Email, Outcome::Conversation, 10),
            count(ActivityKind::Meeting, Outcome::None, 12),
            count(ActivityKind::Meeting, Outcome::Opportunity, 3),
        ]
    }

    #[test]
    fn funnel_by_hand() {
        let f = Funnel::new(&sample(), 3, 9_000_000);
        assert_eq!(f.touches, 300);
        assert_eq!(f.conversations, 60);
        assert_eq!(f.meetings, 15);
        assert_eq!(f.opportunities, 3);
        assert_eq!(f.conversation_rate(), Some(0.2));
        assert_eq!(f.meeting_rate(), Some(0.25));
        assert_eq!(f.opportunity_rate(), Some(0.2));
    }

    #[test]
    fn empty_funnel_has_no_rates() {
        let f = Funnel::new(&[], 0, 0);
        assert_eq!(f, Funnel::default());
        assert_eq!(f.conversation_rate(), None);
        assert_eq!(f.meeting_rate(), None);
        assert_eq!(f.opportunity_rate(), None);
    }

    #[test]
    fn volumes_scale_weekly_targets() {
        let counts = sample();
        let f = Funnel::new(&counts, 3, 9_000_000);
        let targets = TargetHistory::constant(&[
            Target { kind: TargetKind::Activity(ActivityKind::Call), per_week: 50 },
            Target { kind: TargetKind::Pipeline, per_week: 2_000_000 },
        ]);
        let four_weeks = DateRange {
            from: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        };
        let v = volumes(&counts, &f, &targets, four_weeks);
        let kinds: Vec<_> = v.iter().map(|v| v.kind).collect();
        assert_eq!(
            kinds,
            vec![
                TargetKind::Activity(ActivityKind::Call),
                TargetKind::Activity(ActivityKind::Email),
                TargetKind::Activity(ActivityKind::Meeting),
                TargetKind::Opportunity,
                TargetKind::Pipeline,
            ],
            "social and event have neither activity nor target"
        );
        assert_eq!(v[0].done, 200);
        assert_eq!(v[0].target, Some(200.0));
        assert_eq!(v[0].progress(), Some(1.0));
        assert_eq!(v[1].target, None);
        assert_eq!(v[1].progress(), None);
        assert_eq!(v[4].done, 9_000_000);
        assert_eq!(v[4].progress(), Some(9.0 / 8.0));
    }

    #[test]
    fn zero_target_has_no_progress() {
        let v = Volume { kind: TargetKind::Opportunity, done: 2, target: Some(0.0) };
        assert_eq!(v.progress(), None);
    }

    #[test]
    fn target_words_round_trip() {
        for kind in TargetKind::ALL {
            assert_eq!(TargetKind::from_word(kind.as_str()), Some(kind));
        }
        assert_eq!(TargetKind::from_word("pipe"), None);
    }

    #[test]
    fn target_of_finds_a_kind() {
        let call = TargetKind::Activity(ActivityKind::Call);
        let targets = [Target { kind: TargetKind::Pipeline, per_week: 100 }, Target { kind: call, per_week: 50 }];
        assert_eq!(target_of(&targets, call), Some(50));
        assert_eq!(target_of(&targets, TargetKind::Opportunity), None);
    }

    #[test]
    fn shown_targets_keep_one_decimal_of_a_count_and_whole_minor_units() {
        let call = TargetKind::Activity(ActivityKind::Call);
        assert_eq!(shown_target(call, 24.0 / 7.0).to_string(), "3.4");
        assert_eq!(shown_target(call, 4.0).to_string(), "4");
        assert_eq!(shown_target(TargetKind::Pipeline, 7_142_857.142).to_string(), "7142857");
        // 4 calls against 3 3/7: the percentage is the one of "4 / 3.4", not of 4 / 3.43.
        let v = Volume { kind: call, done: 4, target: Some(shown_target(call, 24.0 / 7.0)) };
        assert_eq!(v.progress(), Some(4.0 / 3.4));
    }

    #[test]
    fn outcome_totals() {
        assert_eq!(outcome_total(&sample(), Outcome::Conversation), 50);
        assert_eq!(outcome_total(&sample(), Outcome::Opportunity), 3);
    }
}
