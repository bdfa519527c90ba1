//! Calendar helpers shared by the domain, the store and the screens.

use chrono::{Datelike, Duration, NaiveDate};

/// The Monday of `date`'s ISO week: the value stored in `activities.week`.
pub fn week_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The first day of `date`'s calendar quarter.
pub fn quarter_start(date: NaiveDate) -> NaiveDate {
    let month = (date.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(date.year(), month, 1).expect("first day of a quarter month exists")
}

/// ISO-8601 text as stored in SQLite.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Parses ISO-8601 text (`YYYY-MM-DD`), ignoring any time part after it.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    let day = text.get(..10).unwrap_or(text);
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn week_starts_on_monday() {
        assert_eq!(week_of(d(2026, 11, 27)), d(2026, 11, 23)); // Friday
        assert_eq!(week_of(d(2026, 11, 23)), d(2026, 11, 23)); // Monday itself
        assert_eq!(week_of(d(2026, 11, 29)), d(2026, 11, 23)); // Sunday
        assert_eq!(week_of(d(2027, 1, 1)), d(2026, 12, 28)); // across a year
    }

    #[test]
    fn quarters() {
        assert_eq!(quarter_start(d(2026, 11, 27)), d(2026, 10, 1));
        assert_eq!(quarter_start(d(2026, 3, 31)), d(2026, 1, 1));
        assert_eq!(quarter_start(d(2026, 4, 1)), d(2026, 4, 1));
    }

    #[test]
    fn iso_round_trip_and_time_suffix() {
        assert_eq!(parse_iso(&iso(d(2026, 2, 3))), Some(d(2026, 2, 3)));
        assert_eq!(parse_iso("2026-02-03T09:30:00"), Some(d(2026, 2, 3)));
        assert_eq!(parse_iso("03/02/2026"), None);
        assert_eq!(parse_iso(""), None);
        assert_eq!(days_between(d(2026, 11, 1), d(2026, 11, 27)), 26);
    }
}
