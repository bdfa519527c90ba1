//! The periods the dashboard looks at: a length (a week, 4 weeks, a quarter, 12 weeks) and
//! how many periods of that length back from the one under way today. Each is an inclusive
//! range of days; the one under way ends today. Every period has a previous one of the same
//! length to compare with: the period before it, cut to as many days while this one is under
//! way, so Monday to Thursday compares with Monday to Thursday.

use chrono::{Datelike, Duration, Months, NaiveDate};

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

    /// The range's length in weeks, as a fraction.
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

    /// The range as the store's weekly sums can serve it (see [`Weeks`]).
    pub fn whole_weeks(&self) -> Weeks {
        if self.from > self.to {
            return Weeks { whole: None, cut: Vec::new() };
        }
        let (first, last) = (self.first_week(), self.last_week());
        let whole_from = if self.from == first { first } else { first + Duration::weeks(1) };
        let whole_to = if self.to == last + Duration::days(6) { last } else { last - Duration::weeks(1) };
        let whole = (whole_from <= whole_to).then_some((whole_from, whole_to));
        let mut cut = Vec::new();
        for week in [first, last] {
            let outside = whole.is_none_or(|(from, to)| week < from || week > to);
            if outside && cut.last().is_none_or(|c: &DateRange| c.from < week) {
                cut.push(DateRange { from: self.from.max(week), to: self.to.min(week + Duration::days(6)) });
            }
        }
        Weeks { whole, cut }
    }

    /// The as many days just before this range: what a range of any days compares with.
    pub fn before(&self) -> DateRange {
        let days = Duration::days(self.days());
        DateRange { from: sub(self.from, days), to: sub(self.to, days) }
    }
}

/// A range of days split the way weekly sums can serve it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weeks {
    /// The Mondays of the first and last weeks the range covers from Monday to Sunday (none
    /// when it covers no whole week).
    pub whole: Option<(NaiveDate, NaiveDate)>,
    /// The days of the weeks the range cuts (at most two), which only the rows can tell.
    pub cut: Vec<DateRange>,
}

/// How long a period is, in the order the length key steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Length {
    /// Monday to Sunday.
    Week,
    /// Four weeks, Monday to Sunday; the one under way ends with this week.
    #[default]
    FourWeeks,
    /// A calendar quarter.
    Quarter,
    /// Twelve weeks; the one under way ends with this week.
    TwelveWeeks,
}

impl Length {
    /// Weeks in a period of this length (none for a quarter: its days vary).
    fn weeks(self) -> Option<i64> {
        match self {
            Length::Week => Some(1),
            Length::FourWeeks => Some(4),
            Length::Quarter => None,
            Length::TwelveWeeks => Some(12),
        }
    }
}

/// A period of the pane: its length, and how many periods of that length it lies before the
/// one under way today (0: the one under way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Period {
    pub length: Length,
    pub back: u32,
}

/// How far back `[` goes: 520 weeks (ten years) of the shortest length. Dates stay far from
/// the calendar's ends whatever the length.
pub const MAX_BACK: u32 = 520;

impl Period {
    pub const THIS_WEEK: Period = Period { length: Length::Week, back: 0 };
    pub const LAST_WEEK: Period = Period { length: Length::Week, back: 1 };
    pub const LAST_4_WEEKS: Period = Period { length: Length::FourWeeks, back: 0 };
    pub const THIS_QUARTER: Period = Period { length: Length::Quarter, back: 0 };
    pub const LAST_12_WEEKS: Period = Period { length: Length::TwelveWeeks, back: 0 };

    /// The periods the length key steps through, in order.
    pub const PRESETS: [Period; 5] =
        [Period::THIS_WEEK, Period::LAST_WEEK, Period::LAST_4_WEEKS, Period::THIS_QUARTER, Period::LAST_12_WEEKS];

    /// The period as a whole, seen on `today`: its first day and its last (which may be after
    /// today for the one under way).
    fn whole(self, today: NaiveDate) -> DateRange {
        let back = self.back.min(MAX_BACK);
        if let Some(weeks) = self.length.weeks() {
            let first = sub(week_of(today), Duration::weeks(weeks - 1 + weeks * i64::from(back)));
            return DateRange { from: first, to: add(first, Duration::days(7 * weeks - 1)) };
        }
        let first = quarter_start(today).checked_sub_months(Months::new(3 * back)).unwrap_or(NaiveDate::MIN);
        let next = first.checked_add_months(Months::new(3)).unwrap_or(NaiveDate::MAX);
        DateRange { from: first, to: sub(next, Duration::days(1)) }
    }

    /// The days the period covers on `today`: the one under way stops at today.
    pub fn range(self, today: NaiveDate) -> DateRange {
        let whole = self.whole(today);
        DateRange { from: whole.from, to: whole.to.min(today) }
    }

    /// The days this period is compared with: the period before it, of the same length. While
    /// this one is under way, only as many of its first days as this one has had so far.
    pub fn previous_range(self, today: NaiveDate) -> DateRange {
        let range = self.range(today);
        let previous = Period { back: self.back.min(MAX_BACK) + 1, ..self }.whole(today);
        if range.to < self.whole(today).to {
            let to = add(previous.from, Duration::days(range.days() - 1)).min(previous.to);
            DateRange { from: previous.from, to }
        } else {
            previous
        }
    }

    /// Whether the period is the one under way today.
    pub fn is_current(self) -> bool {
        self.back == 0
    }

    /// `[`: the period of the same length before this one.
    pub fn earlier(self) -> Period {
        Period { back: self.back.saturating_add(1).min(MAX_BACK), ..self }
    }

    /// `]`: the period of the same length after this one; none after the one under way.
    pub fn later(self) -> Option<Period> {
        self.back.checked_sub(1).map(|back| Period { back, ..self })
    }

    /// The length key: this week → last week → 4 weeks → quarter → 12 weeks → this week.
    /// Each is the one under way (last week: the one before), whichever week was shown.
    pub fn next_length(self) -> Period {
        match self.length {
            Length::Week if self.back == 0 => Period::LAST_WEEK,
            Length::Week => Period::LAST_4_WEEKS,
            Length::FourWeeks => Period::THIS_QUARTER,
            Length::Quarter => Period::LAST_12_WEEKS,
            Length::TwelveWeeks => Period::THIS_WEEK,
        }
    }

    /// Which of [`Period::PRESETS`] this is, if one.
    pub fn preset(self) -> Option<usize> {
        Period::PRESETS.iter().position(|p| *p == self)
    }
}

/// `day - by`, or the calendar's first day rather than a panic.
fn sub(day: NaiveDate, by: Duration) -> NaiveDate {
    day.checked_sub_signed(by).unwrap_or(NaiveDate::MIN)
}

/// `day + by`, or the calendar's last day rather than a panic.
fn add(day: NaiveDate, by: Duration) -> NaiveDate {
    day.checked_add_signed(by).unwrap_or(NaiveDate::MAX)
}

/// The quarter a day is in, 1 to 4.
pub fn quarter_of(day: NaiveDate) -> u32 {
    day.month0() / 3 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn r(from: NaiveDate, to: NaiveDate) -> DateRange {
        DateRange { from, to }
    }

    #[test]
    fn ranges_on_a_friday() {
        let today = d(2026, 11, 27);
        assert_eq!(Period::THIS_WEEK.range(today), r(d(2026, 11, 23), today));
        assert_eq!(Period::LAST_WEEK.range(today), r(d(2026, 11, 16), d(2026, 11, 22)));
        assert_eq!(Period::LAST_4_WEEKS.range(today).from, d(2026, 11, 2));
        assert_eq!(Period::THIS_QUARTER.range(today).from, d(2026, 10, 1));
        assert_eq!(Period::LAST_12_WEEKS.range(today).from, d(2026, 9, 7));
        assert_eq!(Period::LAST_4_WEEKS.range(today).days(), 26);
    }

    #[test]
    fn ranges_on_a_monday_hold_one_day_of_the_week() {
        let today = d(2026, 11, 23);
        let range = Period::THIS_WEEK.range(today);
        assert_eq!(range.days(), 1);
        assert!((range.weeks() - 1.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn stepping_back_goes_by_the_periods_own_length() {
        let today = d(2026, 11, 27);
        let four = Period::LAST_4_WEEKS.earlier();
        assert_eq!(four.range(today), r(d(2026, 10, 5), d(2026, 11, 1)), "the 4 weeks before, whole");
        assert_eq!(four.earlier().range(today), r(d(2026, 9, 7), d(2026, 10, 4)));
        assert_eq!(Period::LAST_12_WEEKS.earlier().range(today), r(d(2026, 6, 15), d(2026, 9, 6)));
        assert_eq!(Period::THIS_QUARTER.earlier().range(today), r(d(2026, 7, 1), d(2026, 9, 30)));
        let q1 = Period { length: Length::Quarter, back: 3 };
        assert_eq!(q1.range(today), r(d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(q1.earlier().range(today), r(d(2025, 10, 1), d(2025, 12, 31)), "across the year");
        assert_eq!(Period { length: Length::Week, back: 5 }.range(today), r(d(2026, 10, 19), d(2026, 10, 25)));
    }

    #[test]
    fn never_forward_past_the_period_under_way() {
        assert_eq!(Period::THIS_WEEK.later(), None);
        assert_eq!(Period::LAST_WEEK.later(), Some(Period::THIS_WEEK));
        assert_eq!(Period::LAST_4_WEEKS.earlier().later(), Some(Period::LAST_4_WEEKS));
        let far = Period { length: Length::TwelveWeeks, back: u32::MAX };
        let range = far.range(d(2026, 11, 27));
        assert_eq!(range.days(), 84, "as far back as it goes, still a whole period");
        assert_eq!(far.earlier().range(d(2026, 11, 27)), range);
    }

    #[test]
    fn a_period_under_way_compares_with_as_many_days_before() {
        let thursday = d(2026, 12, 3);
        assert_eq!(Period::THIS_WEEK.previous_range(thursday), r(d(2026, 11, 23), d(2026, 11, 26)));
        let friday = d(2026, 11, 27);
        assert_eq!(Period::LAST_4_WEEKS.previous_range(friday), r(d(2026, 10, 5), d(2026, 10, 30)));
        // 58 days into Q4: the first 58 days of Q3.
        assert_eq!(Period::THIS_QUARTER.previous_range(friday), r(d(2026, 7, 1), d(2026, 8, 27)));
        // A whole period compares with the whole one before.
        assert_eq!(Period::LAST_WEEK.previous_range(friday), r(d(2026, 11, 9), d(2026, 11, 15)));
        let q3 = Period::THIS_QUARTER.earlier();
        assert_eq!(q3.previous_range(friday), r(d(2026, 4, 1), d(2026, 6, 30)));
        // On a Sunday the week is whole: it compares with the whole week before.
        assert_eq!(Period::THIS_WEEK.previous_range(d(2026, 11, 29)), r(d(2026, 11, 16), d(2026, 11, 22)));
        // 90 days into Q2: all of Q1, which has 90.
        assert_eq!(Period::THIS_QUARTER.previous_range(d(2026, 6, 29)), r(d(2026, 1, 1), d(2026, 3, 31)));
    }

    #[test]
    fn the_length_key_steps_through_the_presets() {
        let mut period = Period::THIS_WEEK;
        let mut seen = Vec::new();
        for _ in 0..5 {
            seen.push(period);
            period = period.next_length();
        }
        assert_eq!(seen, Period::PRESETS);
        assert_eq!(period, Period::THIS_WEEK);
        // From a week stepped back, or 4 weeks stepped back: the next length, under way.
        assert_eq!(Period { length: Length::Week, back: 6 }.next_length(), Period::LAST_4_WEEKS);
        assert_eq!(Period::LAST_4_WEEKS.earlier().next_length(), Period::THIS_QUARTER);
        assert_eq!(Period::default(), Period::LAST_4_WEEKS);
        assert_eq!(Period::LAST_WEEK.preset(), Some(1));
        assert_eq!(Period::LAST_WEEK.earlier().preset(), None);
    }

    #[test]
    fn week_bounds() {
        let range = Period::THIS_QUARTER.range(d(2026, 11, 27));
        assert_eq!(range.first_week(), d(2026, 9, 28));
        assert_eq!(range.last_week(), d(2026, 11, 23));
    }

    #[test]
    fn a_range_splits_into_whole_weeks_and_the_days_of_the_weeks_it_cuts() {
        // 2 November 2026 is a Monday.
        let split = |from, to| r(from, to).whole_weeks();
        let whole = |first, last| Some((first, last));
        assert_eq!(
            split(d(2026, 11, 2), d(2026, 11, 29)),
            Weeks { whole: whole(d(2026, 11, 2), d(2026, 11, 23)), cut: vec![] }
        );
        assert_eq!(
            split(d(2026, 11, 4), d(2026, 11, 24)),
            Weeks {
                whole: whole(d(2026, 11, 9), d(2026, 11, 16)),
                cut: vec![r(d(2026, 11, 4), d(2026, 11, 8)), r(d(2026, 11, 23), d(2026, 11, 24))]
            }
        );
        assert_eq!(
            split(d(2026, 11, 4), d(2026, 11, 10)),
            Weeks { whole: None, cut: vec![r(d(2026, 11, 4), d(2026, 11, 8)), r(d(2026, 11, 9), d(2026, 11, 10))] }
        );
        assert_eq!(
            split(d(2026, 11, 4), d(2026, 11, 5)),
            Weeks { whole: None, cut: vec![r(d(2026, 11, 4), d(2026, 11, 5))] }
        );
        assert_eq!(
            split(d(2026, 11, 2), d(2026, 11, 8)),
            Weeks { whole: whole(d(2026, 11, 2), d(2026, 11, 2)), cut: vec![] }
        );
        assert_eq!(split(d(2026, 11, 5), d(2026, 11, 4)), Weeks { whole: None, cut: vec![] });
    }

    #[test]
    fn any_range_compares_with_as_many_days_before() {
        let range = r(d(2026, 11, 2), d(2026, 11, 27));
        assert!(range.contains(d(2026, 11, 2)) && range.contains(d(2026, 11, 27)));
        assert!(!range.contains(d(2026, 11, 1)) && !range.contains(d(2026, 11, 28)));
        assert_eq!(range.before(), r(d(2026, 10, 7), d(2026, 11, 1)));
        assert_eq!(quarter_of(d(2026, 11, 27)), 4);
    }
}
