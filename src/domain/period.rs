//! The periods the dashboard looks at, as inclusive date ranges ending today.

use chrono::{Duration, NaiveDate};

use super::dates::{quarter_start, week_of};

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    /// Number of days in the range, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The range's length in weeks, as a fraction: weekly targets are scaled by it.
    pub fn weeks(&self) -> f64 {
        self.days() as f64 / 7.0
    }

    /// Whether `day` is in the range, ends included.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The Monday of the first week touched by the range.
    pub fn first_week(&self) -> NaiveDate {
        week_of(self.from)
    }

    /// The Monday of the last week touched by the range.
    pub fn last_week(&self) -> NaiveDate {
        week_of(self.to)
    }
}

/// The preset periods, in the order `[` and `]` step through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    ThisWeek,
    #[default]
    Last4Weeks,
    ThisQuarter,
    Last12Weeks,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::ThisWeek, Period::Last4Weeks, Period::ThisQuarter, Period::Last12Weeks];

    /// The days the period covers on `today`. Week-based periods start on a Monday
    /// and include the current week up to today.
    pub fn range(self, today: NaiveDate) -> DateRange {
        let this_monday = week_of(today);
        let from = match self {
            Period::ThisWeek => this_monday,
            Period::Last4Weeks => this_monday - Duration::weeks(3),
            Period::ThisQuarter => quarter_start(today),
            Period::Last12Weeks => this_monday - Duration::weeks(11),
        };
        DateRange { from, to: today }
    }

    /// The next preset, wrapping around.
    pub fn next(self) -> Period {
        let i = Period::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Period::ALL[(i + 1) % Period::ALL.len()]
    }

    /// The previous preset, wrapping around.
    pub fn prev(self) -> Period {
        let i = Period::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Period::ALL[(i + Period::ALL.len() - 1) % Period::ALL.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ranges_on_a_friday() {
        let today = d(2026, 11, 27);
        assert_eq!(Period::ThisWeek.range(today), DateRange { from: d(2026, 11, 23), to: today });
        assert_eq!(Period::Last4Weeks.range(today).from, d(2026, 11, 2));
        assert_eq!(Period::ThisQuarter.range(today).from, d(2026, 10, 1));
        assert_eq!(Period::Last12Weeks.range(today).from, d(2026, 9, 7));
        assert_eq!(Period::Last4Weeks.range(today).days(), 26);
    }

    #[test]
    fn ranges_on_a_monday_hold_one_day_of_the_week() {
        let today = d(2026, 11, 23);
        let range = Period::ThisWeek.range(today);
        assert_eq!(range.days(), 1);
        assert!((range.weeks() - 1.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn stepping_wraps() {
        assert_eq!(Period::Last12Weeks.next(), Period::ThisWeek);
        assert_eq!(Period::ThisWeek.prev(), Period::Last12Weeks);
        assert_eq!(Period::Last4Weeks.next().prev(), Period::Last4Weeks);
    }

    #[test]
    fn week_bounds() {
        let range = Period::ThisQuarter.range(d(2026, 11, 27));
        assert_eq!(range.first_week(), d(2026, 9, 28));
        assert_eq!(range.last_week(), d(2026, 11, 23));
    }

    #[test]
    fn contains_both_ends() {
        let range = DateRange { from: d(2026, 11, 2), to: d(2026, 11, 27) };
        assert!(range.contains(d(2026, 11, 2)) && range.contains(d(2026, 11, 27)));
        assert!(!range.contains(d(2026, 11, 1)) && !range.contains(d(2026, 11, 28)));
    }
}
