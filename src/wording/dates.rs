//! Periods and dates in words, as the header and the reports say them.

use chrono::NaiveDate;

use crate::domain::period::{DateRange, Period};

pub fn period_name(period: Period) -> &'static str {
    match period {
        Period::ThisWeek => "This week",
        Period::Last4Weeks => "Last 4 weeks",
        Period::ThisQuarter => "This quarter",
        Period::Last12Weeks => "Last 12 weeks",
    }
}

/// "2 Nov – 27 Nov 2026"
pub fn date_range(range: DateRange) -> String {
    if range.from == range.to {
        return short_date_year(range.to);
    }
    format!("{} – {}", short_date(range.from), short_date_year(range.to))
}

/// "27 Nov"
pub fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

/// "27 Nov 2026"
pub fn short_date_year(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

pub fn header_period(period: Period, range: DateRange) -> String {
    format!("{} · {}", period_name(period), date_range(range))
}
