//! Weekly targets over time. A target set in some week applies from that week's Monday on
//! and the weeks before keep the target they had, so editing a target never changes last
//! month's percentages. A period is measured against the target in force on each of its
//! days: its target is the sum over its days of (the weekly target that day) / 7.

use chrono::{Duration, NaiveDate};

use super::dates::week_of;
use super::period::DateRange;
use super::target::{Target, TargetKind};

/// The Monday a target in force "since always" starts on: 1 January of year 1 was a Monday,
/// and no activity is older.
pub const SINCE_ALWAYS: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// A rep's weekly target of one kind from the Monday `from_week` on, until their next change
/// of that kind. `per_week` None: no target from that week on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetChange {
    pub kind: TargetKind,
    pub from_week: NaiveDate,
    pub per_week: Option<i64>,
}

/// Every change of a rep's (or the team's) weekly targets, by kind, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TargetHistory {
    /// Sorted by kind (in [`TargetKind::ALL`] order), then week; one change per kind and week.
    changes: Vec<TargetChange>,
}

fn kind_order(kind: TargetKind) -> usize {
    TargetKind::ALL.iter().position(|k| *k == kind).unwrap_or(usize::MAX)
}

impl TargetHistory {
    /// No target, ever.
    pub const EMPTY: TargetHistory = TargetHistory { changes: Vec::new() };

    /// The history of these changes. A change dated in mid-week applies from its Monday; of
    /// two changes of a kind in the same week, the later one in the list wins.
    pub fn new(changes: impl IntoIterator<Item = TargetChange>) -> TargetHistory {
        let mut changes: Vec<TargetChange> =
            changes.into_iter().map(|c| TargetChange { from_week: week_of(c.from_week), ..c }).collect();
        // A stable sort keeps the list order within a week: the last one is kept.
        changes.sort_by_key(|c| (kind_order(c.kind), c.from_week));
        let mut out: Vec<TargetChange> = Vec::with_capacity(changes.len());
        for change in changes {
            match out.last_mut() {
                Some(last) if last.kind == change.kind && last.from_week == change.from_week => *last = change,
                _ => out.push(change),
            }
        }
        TargetHistory { changes: out }
    }

    /// Targets that never changed: in force every week.
    pub fn constant(targets: &[Target]) -> TargetHistory {
        TargetHistory::new(targets.iter().map(|t| TargetChange {
            kind: t.kind,
            from_week: SINCE_ALWAYS,
            per_week: Some(t.per_week),
        }))
    }

    pub fn changes(&self) -> &[TargetChange] {
        &self.changes
    }

    fn of_kind(&self, kind: TargetKind) -> impl Iterator<Item = &TargetChange> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }

    /// The weekly target of `kind` in force on `day`, if any.
    pub fn in_force(&self, kind: TargetKind, day: NaiveDate) -> Option<i64> {
        self.of_kind(kind).take_while(|c| c.from_week <= day).last().and_then(|c| c.per_week)
    }

    /// The weekly targets in force on `day`, in display order.
    pub fn on(&self, day: NaiveDate) -> Vec<Target> {
        TargetKind::ALL
            .iter()
            .filter_map(|&kind| self.in_force(kind, day).map(|per_week| Target { kind, per_week }))
            .collect()
    }

    /// The target of `kind` over `range`: the sum over its days of the weekly target in force
    /// that day, divided by 7. None when no day of the range has a target of that kind.
    pub fn over(&self, kind: TargetKind, range: DateRange) -> Option<f64> {
        let changes: Vec<&TargetChange> = self.of_kind(kind).collect();
        let mut week_days = 0i64;
        let mut covered = false;
        for (i, change) in changes.iter().enumerate() {
            let Some(per_week) = change.per_week else { continue };
            let until = changes.get(i + 1).map_or(range.to, |next| next.from_week - Duration::days(1));
            let (from, to) = (change.from_week.max(range.from), until.min(range.to));
            if from <= to {
                week_days += per_week * ((to - from).num_days() + 1);
                covered = true;
            }
        }
        covered.then(|| week_days as f64 / 7.0)
    }

    /// The team's targets: on every day, each kind's targets in force summed over the reps.
    /// A kind no rep has a target for that day has none; reps without one add nothing.
    pub fn team<'a>(reps: impl IntoIterator<Item = &'a TargetHistory>) -> TargetHistory {
        let reps: Vec<&TargetHistory> = reps.into_iter().collect();
        let mut changes = Vec::new();
        for kind in TargetKind::ALL {
            let mut weeks: Vec<NaiveDate> = reps.iter().flat_map(|r| r.of_kind(kind).map(|c| c.from_week)).collect();
            weeks.sort_unstable();
            weeks.dedup();
            let mut last: Option<Option<i64>> = None;
            for week in weeks {
                let in_force: Vec<i64> = reps.iter().filter_map(|r| r.in_force(kind, week)).collect();
                let sum = (!in_force.is_empty()).then(|| in_force.iter().sum());
                if last != Some(sum) {
                    changes.push(TargetChange { kind, from_week: week, per_week: sum });
                    last = Some(sum);
                }
            }
        }
        TargetHistory::new(changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::ActivityKind;

    const CALL: TargetKind = TargetKind::Activity(ActivityKind::Call);

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn change(kind: TargetKind, from_week: NaiveDate, per_week: Option<i64>) -> TargetChange {
        TargetChange { kind, from_week, per_week }
    }

    fn range(from: NaiveDate, to: NaiveDate) -> DateRange {
        DateRange { from, to }
    }

    #[test]
    fn since_always_is_a_monday() {
        assert_eq!(week_of(SINCE_ALWAYS), SINCE_ALWAYS);
    }

    #[test]
    fn a_change_applies_from_its_monday_and_the_weeks_before_keep_theirs() {
        // 50 calls a week since always, 100 from Thursday 26 November 2026 (its Monday is the 23rd).
        let h = TargetHistory::new([change(CALL, SINCE_ALWAYS, Some(50)), change(CALL, d(2026, 11, 26), Some(100))]);
        assert_eq!(h.in_force(CALL, d(2026, 11, 22)), Some(50));
        assert_eq!(h.in_force(CALL, d(2026, 11, 23)), Some(100));
        assert_eq!(h.in_force(CALL, d(2000, 1, 1)), Some(50));
        assert_eq!(h.in_force(TargetKind::Pipeline, d(2026, 11, 23)), None);
        // Four weeks ago, a whole week: 50. The last two weeks: 50 + 100.
        assert_eq!(h.over(CALL, range(d(2026, 10, 26), d(2026, 11, 1))), Some(50.0));
        assert_eq!(h.over(CALL, range(d(2026, 11, 16), d(2026, 11, 29))), Some(150.0));
        assert_eq!(h.on(d(2026, 11, 27)), vec![Target { kind: CALL, per_week: 100 }]);
    }

    #[test]
    fn a_partial_period_is_prorated_by_its_days() {
        let h = TargetHistory::constant(&[Target { kind: CALL, per_week: 7 }]);
        // Monday to Thursday: 4 days of a 7-a-week target.
        assert_eq!(h.over(CALL, range(d(2026, 11, 30), d(2026, 12, 3))), Some(4.0));
        let h = TargetHistory::constant(&[Target { kind: CALL, per_week: 6 }]);
        let over = h.over(CALL, range(d(2026, 11, 30), d(2026, 12, 3))).unwrap();
        assert!((over - 24.0 / 7.0).abs() < 1e-9, "{over}");
    }

    #[test]
    fn a_removed_target_counts_nothing_from_its_week() {
        let h = TargetHistory::new([change(CALL, SINCE_ALWAYS, Some(70)), change(CALL, d(2026, 11, 23), None)]);
        assert_eq!(h.in_force(CALL, d(2026, 11, 24)), None);
        assert_eq!(h.over(CALL, range(d(2026, 11, 16), d(2026, 11, 29))), Some(70.0));
        assert_eq!(h.over(CALL, range(d(2026, 11, 23), d(2026, 11, 29))), None);
        // Set before the range only: nothing in it.
        let later = TargetHistory::new([change(CALL, d(2026, 12, 7), Some(10))]);
        assert_eq!(later.over(CALL, range(d(2026, 11, 23), d(2026, 11, 29))), None);
    }

    #[test]
    fn the_last_change_of_a_week_wins() {
        let h = TargetHistory::new([
            change(CALL, d(2026, 11, 24), Some(10)),
            change(CALL, d(2026, 11, 27), Some(20)),
            change(TargetKind::Pipeline, SINCE_ALWAYS, Some(5)),
        ]);
        assert_eq!(h.changes().len(), 2);
        assert_eq!(h.changes()[0], change(CALL, d(2026, 11, 23), Some(20)));
    }

    #[test]
    fn the_team_adds_up_what_each_rep_has_each_week() {
        let ada = TargetHistory::new([change(CALL, SINCE_ALWAYS, Some(50)), change(CALL, d(2026, 11, 23), Some(100))]);
        let bob = TargetHistory::new([change(CALL, d(2026, 11, 9), Some(30))]);
        let none = TargetHistory::default();
        let team = TargetHistory::team([&ada, &bob, &none]);
        assert_eq!(team.in_force(CALL, d(2026, 11, 2)), Some(50));
        assert_eq!(team.in_force(CALL, d(2026, 11, 9)), Some(80));
        assert_eq!(team.in_force(CALL, d(2026, 11, 23)), Some(130));
        assert_eq!(team.in_force(TargetKind::Opportunity, d(2026, 11, 23)), None);
        let whole = range(d(2026, 11, 2), d(2026, 11, 29));
        assert_eq!(team.over(CALL, whole), Some(50.0 + 80.0 * 2.0 + 130.0));
        assert!(TargetHistory::team(std::iter::empty()).changes().is_empty());
    }
}
