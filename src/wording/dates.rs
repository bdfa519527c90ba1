//! Periods and dates in words, as the header and the reports say them. A label always says
//! exactly which days it covers: "This week · Mon 23 Nov – Fri 27 Nov 2026".

use chrono::{Datelike, NaiveDate};

use crate::domain::period::{DateRange, Length, Period, quarter_of};

/// The period's name: "This week", "Last week", "3 weeks ago", "Last 4 weeks", "4 weeks",
/// "This quarter", "Q3", "Last 12 weeks", "12 weeks". The one under way keeps the name it
/// always had; one stepped back to is named by its length (its dates say which).
pub fn period_name(period: Period, range: DateRange) -> String {
    match (period.length, period.back) {
        (Length::Week, 0) => "This week".into(),
        (Length::Week, 1) => "Last week".into(),
        (Length::Week, n) => format!("{n} weeks ago"),
        (Length::FourWeeks, 0) => "Last 4 weeks".into(),
        (Length::FourWeeks, _) => "4 weeks".into(),
        (Length::Quarter, 0) => "This quarter".into(),
        (Length::Quarter, _) => format!("Q{}", quarter_of(range.from)),
        (Length::TwelveWeeks, 0) => "Last 12 weeks".into(),
        (Length::TwelveWeeks, _) => "12 weeks".into(),
    }
}

/// The period's name and its days: "4 weeks · 5 Oct – 1 Nov 2026"; a range that is not one
/// of the pane's periods, its days only.
pub fn period_label(period: Option<Period>, range: DateRange) -> String {
    match period {
        Some(period) => format!("{} · {}", period_name(period, range), days_of(range)),
        None => days_of(range),
    }
}

/// When, as a sentence says it: "this week", "last week", "in the week of 16 Nov", "in the
/// last 4 weeks", "in the 4 weeks to 1 Nov", "this quarter", "in Q3 2026"; "in the period"
/// for a range that is not one of the pane's periods.
pub fn period_when(period: Option<Period>, range: DateRange) -> String {
    let Some(period) = period else { return "in the period".into() };
    match (period.length, period.back) {
        (Length::Week, 0) => "this week".into(),
        (Length::Week, 1) => "last week".into(),
        (Length::Week, _) => format!("in the week of {}", short_date(range.from)),
        (Length::FourWeeks, 0) => "in the last 4 weeks".into(),
        (Length::FourWeeks, _) => format!("in the 4 weeks to {}", short_date(range.to)),
        (Length::Quarter, 0) => "this quarter".into(),
        (Length::Quarter, _) => format!("in Q{} {}", quarter_of(range.from), range.from.year()),
        (Length::TwelveWeeks, 0) => "in the last 12 weeks".into(),
        (Length::TwelveWeeks, _) => format!("in the 12 weeks to {}", short_date(range.to)),
    }
}

/// The days of a range: with their weekdays when it is a week or less ("Mon 23 Nov – Fri 27
/// Nov 2026"), so a week under way says how far it has come.
pub fn days_of(range: DateRange) -> String {
    if range.days() <= 7 { week_range(range) } else { date_range(range) }
}

/// "2 Nov – 27 Nov 2026"; "28 Dec 2026 – 3 Jan 2027" across a new year.
pub fn date_range(range: DateRange) -> String {
    if range.from == range.to {
        return short_date_year(range.to);
    }
    if range.from.year() != range.to.year() {
        return format!("{} – {}", short_date_year(range.from), short_date_year(range.to));
    }
    format!("{} – {}", short_date(range.from), short_date_year(range.to))
}

/// "Mon 23 Nov – Fri 27 Nov 2026"; "Mon 23 Nov 2026" for one day.
fn week_range(range: DateRange) -> String {
    let day = |date: NaiveDate| date.format("%a %-d %b").to_string();
    if range.from == range.to {
        return format!("{} {}", day(range.to), range.to.year());
    }
    if range.from.year() != range.to.year() {
        return format!("{} {} – {} {}", day(range.from), range.from.year(), day(range.to), range.to.year());
    }
    format!("{} – {} {}", day(range.from), day(range.to), range.to.year())
}

/// "27 Nov"
pub fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b").to_string()
}

/// "27 Nov 2026"
pub fn short_date_year(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// What the changes beside the figures are against: "change vs 5 Oct – 30 Oct 2026".
pub fn compared_with(previous: DateRange) -> String {
    format!("change vs {}", days_of(previous))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn labels_say_which_days() {
        let today = d(2026, 12, 3);
        let label = |p: Period| period_label(Some(p), p.range(today));
        assert_eq!(label(Period::THIS_WEEK), "This week · Mon 30 Nov – Thu 3 Dec 2026");
        assert_eq!(label(Period::LAST_WEEK), "Last week · Mon 23 Nov – Sun 29 Nov 2026");
        assert_eq!(label(Period::LAST_WEEK.earlier()), "2 weeks ago · Mon 16 Nov – Sun 22 Nov 2026");
        assert_eq!(label(Period::LAST_4_WEEKS), "Last 4 weeks · 9 Nov – 3 Dec 2026");
        assert_eq!(label(Period::LAST_4_WEEKS.earlier()), "4 weeks · 12 Oct – 8 Nov 2026");
        assert_eq!(label(Period::THIS_QUARTER), "This quarter · 1 Oct – 3 Dec 2026");
        assert_eq!(label(Period::THIS_QUARTER.earlier()), "Q3 · 1 Jul – 30 Sep 2026");
        assert_eq!(label(Period::LAST_12_WEEKS.earlier()), "12 weeks · 22 Jun – 13 Sep 2026");
        assert_eq!(
            period_label(Some(Period::THIS_WEEK), Period::THIS_WEEK.range(d(2026, 11, 30))),
            "This week · Mon 30 Nov 2026"
        );
        assert_eq!(period_label(None, DateRange { from: d(2026, 9, 1), to: d(2026, 11, 27) }), "1 Sep – 27 Nov 2026");
    }

    #[test]
    fn a_range_across_the_new_year_names_both_years() {
        let week = DateRange { from: d(2026, 12, 28), to: d(2027, 1, 3) };
        assert_eq!(days_of(week), "Mon 28 Dec 2026 – Sun 3 Jan 2027");
        let weeks = DateRange { from: d(2026, 12, 7), to: d(2027, 1, 3) };
        assert_eq!(days_of(weeks), "7 Dec 2026 – 3 Jan 2027");
    }

    #[test]
    fn periods_in_a_sentence() {
        let today = d(2026, 11, 27);
        let when = |p: Period| period_when(Some(p), p.range(today));
        assert_eq!(when(Period::THIS_WEEK), "this week");
        assert_eq!(when(Period::LAST_WEEK), "last week");
        assert_eq!(when(Period::LAST_WEEK.earlier()), "in the week of 9 Nov");
        assert_eq!(when(Period::LAST_4_WEEKS), "in the last 4 weeks");
        assert_eq!(when(Period::LAST_4_WEEKS.earlier()), "in the 4 weeks to 1 Nov");
        assert_eq!(when(Period::THIS_QUARTER), "this quarter");
        assert_eq!(when(Period::THIS_QUARTER.earlier()), "in Q3 2026");
        assert_eq!(when(Period::LAST_12_WEEKS), "in the last 12 weeks");
        assert_eq!(period_when(None, Period::THIS_WEEK.range(today)), "in the period");
    }
}
