//! Calendar helpers shared by the domain, the store and the screens, and the parser for
//! due dates typed the way people say them ("fri", "next week", "+10d", "4 dec").

use chrono::{Datelike, Days, Duration, Months, NaiveDate, Weekday};

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

/// The forms [`parse_natural`] accepts, for error messages and hints.
pub const NATURAL_FORMS: &str = "2026-12-04, today, tomorrow, fri, next fri, next week, +10d, +2w, +1m, \
in 3 days, eow, eom, 4 dec, dec 4, 4/12 or 4.12 (day/month)";

/// Which way a typed date looks from today: a due date is ahead, an activity happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
}

/// The forms a past date accepts.
pub const PAST_FORMS: &str = "2026-11-25, today, yesterday, mon, last fri, last week, -3d, 3 days ago, 25/11";

/// Why a typed date was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("type a date: {NATURAL_FORMS}")]
    Empty,
    #[error("\"{0}\" is not a date; try {NATURAL_FORMS}")]
    Unrecognised(String),
    /// A day the month never has, such as 31/2.
    #[error("{month_name} has no day {day}", month_name = month_name(*month))]
    NoSuchDay { day: u32, month: u32 },
    /// A well-formed date that does not exist, such as 2027-02-29.
    #[error("{0} is not a day of the calendar")]
    NoSuchDate(String),
    /// An offset so large the calendar runs out.
    #[error("\"{0}\" is too far away")]
    TooFar(String),
    /// A word for a day ahead where a past day is asked for ("tomorrow" for an activity).
    #[error("\"{0}\" is ahead, and this date has passed; try {PAST_FORMS}")]
    Ahead(String),
    /// A word for a day past where a day ahead is asked for ("-3d" for a due date).
    #[error("\"{0}\" has passed, and this date is ahead; try {NATURAL_FORMS}")]
    Past(String),
}

/// Parses a due date typed naturally, relative to `today`. Case and surrounding spaces
/// do not matter. Accepted:
/// - ISO `2026-12-04` (any year, even past: the caller typed it exactly);
/// - `today`, `tomorrow`;
/// - a weekday, full or 3 letters (`fri`, `friday`): the next one strictly after today,
///   so `fri` on a Friday is a week away;
/// - `next week`: Monday of next week; `next fri`: that weekday in next week (Monday-based);
/// - `+10d`, `+2w`, `+1m`, `in 3 days`, `in 2 weeks`, `in 1 month`: months are calendar
///   months, clamped to the month's end (31 Jan + 1m = 28 or 29 Feb);
/// - `eow` / `end of week`: this week's Friday (next week's on a Saturday or Sunday);
///   `eom` / `end of month`: the month's last day;
/// - a day and month: `4 dec`, `dec 4`, `4 december`, `4th dec`, `4/12`, `4.12`, optionally
///   followed by a year (`4/12/2027`, `4 dec 2027`). Numbers are **day then month**, the
///   European order of the script's users. Without a year the date is the first one on or
///   after today (`4/12` on 27 Nov 2026 is 2026-12-04, `3/1` is 2027-01-03, `29/2` the
///   next leap year's).
///
/// Told to look to the past (when something happened), the same words resolve backwards:
/// `yesterday`; a weekday is the latest one on or before today (`fri` on a Friday is today);
/// `last fri` that weekday of last week; `last week` its Monday; `-3d`, `-2w`, `-1m`,
/// `3 days ago`; a day and month without a year the latest one on or before today
/// (`25/11` on 27 Nov 2026 is 2026-11-25). Words that only look ahead (`tomorrow`, `+3d`,
/// `next week`…) are refused there, and words that only look back are refused ahead.
pub fn parse_natural(text: &str, today: NaiveDate, direction: Direction) -> Result<NaiveDate, DateError> {
    match direction {
        Direction::Future => parse_ahead(text, today),
        Direction::Past => parse_past(text, today),
    }
}

/// A past date (see [`parse_natural`]).
fn parse_past(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let trimmed = text.trim();
    let lowered = trimmed.to_lowercase();
    let words: Vec<&str> = lowered.split_whitespace().collect();
    let unrecognised = || DateError::Unrecognised(trimmed.to_string());
    let too_far = || DateError::TooFar(trimmed.to_string());
    let back = |count: &str, unit: &str| -> Result<NaiveDate, DateError> {
        if !count.chars().all(|c| c.is_ascii_digit()) || count.is_empty() {
            return Err(unrecognised());
        }
        let count: u32 = count.parse().map_err(|_| unrecognised())?;
        let date = match unit {
            "d" | "day" | "days" => today.checked_sub_days(Days::new(u64::from(count))),
            "w" | "wk" | "wks" | "week" | "weeks" => today.checked_sub_days(Days::new(u64::from(count) * 7)),
            "m" | "mo" | "month" | "months" => today.checked_sub_months(Months::new(count)),
            _ => return Err(unrecognised()),
        };
        date.ok_or_else(too_far)
    };
    match words.as_slice() {
        [] => Err(DateError::Empty),
        ["yesterday"] => today.pred_opt().ok_or_else(too_far),
        ["last", "week"] => Ok(week_of(today) - Duration::days(7)),
        ["last", day] => {
            let weekday = weekday(day).ok_or_else(unrecognised)?;
            Ok(week_of(today) - Duration::days(7) + Duration::days(i64::from(weekday.num_days_from_monday())))
        }
        [count, unit, "ago"] => back(count, unit),
        [word] if word.starts_with('-') => {
            let (count, unit) = split_number(&word[1..]);
            back(count, unit)
        }
        [word] if weekday(word).is_some() => {
            let weekday = weekday(word).ok_or_else(unrecognised)?;
            let behind = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            Ok(today - Duration::days(i64::from(behind)))
        }
        _ => {
            // The other forms are read as ahead, then turned around where they can be.
            match parse_ahead(trimmed, today) {
                Ok(date) if date <= today => Ok(date),
                Ok(_) if is_day_month(&words) => latest_day_month(trimmed, today),
                Ok(_) => Err(DateError::Ahead(trimmed.to_string())),
                Err(err) => Err(err),
            }
        }
    }
}

/// Whether the words are a day and month without a year ("25/11", "25 nov").
fn is_day_month(words: &[&str]) -> bool {
    match words {
        [word] => numeric_day_month(word).is_some_and(|(_, _, year)| year.is_none()),
        [a, b] => {
            (day_number(a).is_some() && month_of(b).is_some()) || (month_of(a).is_some() && day_number(b).is_some())
        }
        _ => false,
    }
}

/// The latest day and month typed that is on or before today (its year a year back, or
/// more for 29 February).
fn latest_day_month(typed: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let ahead = parse_ahead(typed, today)?;
    (1..=8)
        .filter_map(|years| {
            NaiveDate::from_ymd_opt(today.year() - years + (ahead.year() - today.year()), ahead.month(), ahead.day())
        })
        .find(|date| *date <= today)
        .ok_or_else(|| DateError::TooFar(typed.to_string()))
}

/// A date ahead (see [`parse_natural`]).
fn parse_ahead(text: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let trimmed = text.trim();
    let lowered = trimmed.to_lowercase();
    let words: Vec<&str> = lowered.split_whitespace().collect();
    let unrecognised = || DateError::Unrecognised(trimmed.to_string());
    let too_far = || DateError::TooFar(trimmed.to_string());
    let past = || DateError::Past(trimmed.to_string());
    match words.as_slice() {
        [] => Err(DateError::Empty),
        ["yesterday"] | ["last", _] | [_, _, "ago"] => Err(past()),
        [word] if word.starts_with('-') => Err(past()),
        ["today"] => Ok(today),
        ["tomorrow"] => today.succ_opt().ok_or_else(too_far),
        ["next", "week"] => Ok(week_of(today) + Duration::days(7)),
        ["eow"] | ["end", "of", "week"] => Ok(end_of_week(today)),
        ["eom"] | ["end", "of", "month"] => end_of_month(today).ok_or_else(too_far),
        ["next", day] => {
            let weekday = weekday(day).ok_or_else(unrecognised)?;
            Ok(week_of(today) + Duration::days(7 + i64::from(weekday.num_days_from_monday())))
        }
        ["in", count, unit] => offset(count, unit, today, trimmed),
        [word] if word.starts_with('+') => {
            let (count, unit) = split_number(&word[1..]);
            offset(count, unit, today, trimmed)
        }
        [plus, unit] if plus.starts_with('+') => offset(&plus[1..], unit, today, trimmed),
        [word] => {
            if let Some(weekday) = weekday(word) {
                let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
                let ahead = if ahead == 0 { 7 } else { ahead };
                return Ok(today + Duration::days(i64::from(ahead)));
            }
            if let Some((year, month, day)) = iso_parts(word) {
                return NaiveDate::from_ymd_opt(year, month, day)
                    .ok_or_else(|| DateError::NoSuchDate(trimmed.to_string()));
            }
            let (day, month, year) = numeric_day_month(word).ok_or_else(unrecognised)?;
            day_month(day, month, year, today, trimmed)
        }
        [a, b] | [a, b, _] => {
            let year = match words.get(2) {
                Some(year) => Some(parse_year(year).ok_or_else(unrecognised)?),
                None => None,
            };
            let ((Some(day), Some(month), _, _) | (_, _, Some(month), Some(day))) =
                (day_number(a), month_of(b), month_of(a), day_number(b))
            else {
                return Err(unrecognised());
            };
            day_month(day, month, year, today, trimmed)
        }
        _ => Err(unrecognised()),
    }
}

/// This week's Friday, or next week's once the week is over (Saturday, Sunday).
fn end_of_week(today: NaiveDate) -> NaiveDate {
    let friday = week_of(today) + Duration::days(4);
    if today > friday { friday + Duration::days(7) } else { friday }
}

/// The last day of `today`'s month.
fn end_of_month(today: NaiveDate) -> Option<NaiveDate> {
    today.with_day(1)?.checked_add_months(Months::new(1))?.pred_opt()
}

/// `count unit` after today (`typed` is the whole text, for the error).
fn offset(count: &str, unit: &str, today: NaiveDate, typed: &str) -> Result<NaiveDate, DateError> {
    let unrecognised = || DateError::Unrecognised(typed.to_string());
    // `parse` alone would accept a sign ("+-3"): digits only.
    if !count.chars().all(|c| c.is_ascii_digit()) {
        return Err(unrecognised());
    }
    let count: u32 = count.parse().map_err(|_| unrecognised())?;
    let date = match unit {
        "d" | "day" | "days" => today.checked_add_days(Days::new(u64::from(count))),
        "w" | "wk" | "wks" | "week" | "weeks" => today.checked_add_days(Days::new(u64::from(count) * 7)),
        "m" | "mo" | "month" | "months" => today.checked_add_months(Months::new(count)),
        _ => return Err(unrecognised()),
    };
    date.ok_or_else(|| DateError::TooFar(typed.to_string()))
}

/// Splits "10d" into ("10", "d").
fn split_number(word: &str) -> (&str, &str) {
    let digits = word.find(|c: char| !c.is_ascii_digit()).unwrap_or(word.len());
    word.split_at(digits)
}

/// `YYYY-M-D` as numbers, when the word is shaped like ISO.
fn iso_parts(word: &str) -> Option<(i32, u32, u32)> {
    let mut parts = word.split('-');
    let (year, month, day) = (parse_year(parts.next()?)?, number(parts.next()?)?, number(parts.next()?)?);
    parts.next().is_none().then_some((year, month, day))
}

/// `4/12`, `4.12`, `4/12/2027`, `4.12.2027`: day, month and maybe a year.
fn numeric_day_month(word: &str) -> Option<(u32, u32, Option<i32>)> {
    let separator = if word.contains('/') { '/' } else { '.' };
    let mut parts = word.split(separator);
    let (day, month) = (number(parts.next()?)?, number(parts.next()?)?);
    let year = match parts.next() {
        Some(year) => Some(parse_year(year)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((day, month, year))
}

/// One or two digits.
fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 2 && text.chars().all(|c| c.is_ascii_digit())).then(|| text.parse().ok())?
}

/// A day of the month in words: `4`, `04`, `4th`, `1st`, `22nd`, `3rd`.
fn day_number(word: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"].iter().find_map(|suffix| word.strip_suffix(suffix)).unwrap_or(word);
    number(digits)
}

/// A four-digit year.
fn parse_year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit())).then(|| word.parse().ok())?
}

/// `day` of `month`, in `year` or else the first year that puts it on or after today.
fn day_month(day: u32, month: u32, year: Option<i32>, today: NaiveDate, typed: &str) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::Unrecognised(typed.to_string()));
    }
    // The longest the month ever is (February: 29), so 31/2 is refused whatever the year.
    let longest = NaiveDate::from_ymd_opt(2028, month, 1).and_then(end_of_month).map_or(31, |d| d.day());
    if day == 0 || day > longest {
        return Err(DateError::NoSuchDay { day, month });
    }
    if let Some(year) = year {
        return NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::NoSuchDate(typed.to_string()));
    }
    // 29 February may be up to 8 years away (across a century that is not leap).
    (today.year()..=today.year() + 8)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|date| *date >= today)
        .ok_or_else(|| DateError::TooFar(typed.to_string()))
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tuesday" => Weekday::Tue,
        "wed" | "wednesday" => Weekday::Wed,
        "thu" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month's number from its full name or first three letters (and `sept`).
fn month_of(word: &str) -> Option<u32> {
    let word = if word == "sept" { "sep" } else { word };
    MONTHS.iter().position(|name| *name == word || (word.len() == 3 && name.starts_with(word))).map(|i| i as u32 + 1)
}

/// A month's English name, capitalised.
fn month_name(month: u32) -> String {
    let name = MONTHS.get(month.wrapping_sub(1) as usize).copied().unwrap_or("that month");
    let mut chars = name.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
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
    #[test]
    fn natural_dates() {
        let today = d(2026, 11, 27); // a Friday
        let cases: &[(&str, NaiveDate)] = &[
            ("2026-12-04", d(2026, 12, 4)),
            ("  2026-12-04 ", d(2026, 12, 4)),
            ("2025-01-02", d(2025, 1, 2)),
            ("today", today),
            ("TODAY", today),
            ("tomorrow", d(2026, 11, 28)),
            ("Tomorrow", d(2026, 11, 28)),
            // A weekday is the next one strictly after today: "fri" on a Friday is a week away.
            ("fri", d(2026, 12, 4)),
            ("friday", d(2026, 12, 4)),
            ("sat", d(2026, 11, 28)),
            ("mon", d(2026, 11, 30)),
            ("Thursday", d(2026, 12, 3)),
            ("next week", d(2026, 11, 30)),
            ("next  week", d(2026, 11, 30)),
            ("next fri", d(2026, 12, 4)),
            ("next friday", d(2026, 12, 4)),
            ("next mon", d(2026, 11, 30)),
            ("next sun", d(2026, 12, 6)),
            ("+10d", d(2026, 12, 7)),
            ("+0d", today),
            ("+2w", d(2026, 12, 11)),
            ("+1m", d(2026, 12, 27)),
            ("+2m", d(2027, 1, 27)),
            ("+3 days", d(2026, 11, 30)),
            ("in 3 days", d(2026, 11, 30)),
            ("in 1 day", d(2026, 11, 28)),
            ("in 2 weeks", d(2026, 12, 11)),
            ("in 3 months", d(2027, 2, 27)),
            ("eow", today),
            ("end of week", today),
            ("eom", d(2026, 11, 30)),
            ("End of Month", d(2026, 11, 30)),
            ("4 dec", d(2026, 12, 4)),
            ("dec 4", d(2026, 12, 4)),
            ("4 december", d(2026, 12, 4)),
            ("December 4", d(2026, 12, 4)),
            ("4th dec", d(2026, 12, 4)),
            ("4/12", d(2026, 12, 4)),
            ("04/12", d(2026, 12, 4)),
            ("4.12", d(2026, 12, 4)),
            ("27/11", today),
            ("26/11", d(2027, 11, 26)),
            ("3/1", d(2027, 1, 3)),
            ("3 jan", d(2027, 1, 3)),
            ("1 sept", d(2027, 9, 1)),
            ("4/12/2027", d(2027, 12, 4)),
            ("4.12.2027", d(2027, 12, 4)),
            ("4 dec 2027", d(2027, 12, 4)),
            ("29/2", d(2028, 2, 29)),
            ("29 feb", d(2028, 2, 29)),
            ("31/12", d(2026, 12, 31)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_natural(text, today, Direction::Future), Ok(*expected), "{text}");
        }
    }

    #[test]
    fn natural_dates_at_the_edges() {
        let cases: &[(NaiveDate, &str, NaiveDate)] = &[
            (d(2026, 1, 31), "+1m", d(2026, 2, 28)),
            (d(2028, 1, 31), "+1m", d(2028, 2, 29)),
            (d(2028, 2, 29), "+12m", d(2029, 2, 28)),
            (d(2028, 2, 29), "tomorrow", d(2028, 3, 1)),
            (d(2028, 2, 3), "eom", d(2028, 2, 29)),
            (d(2026, 2, 3), "eom", d(2026, 2, 28)),
            (d(2026, 12, 31), "eom", d(2026, 12, 31)),
            (d(2026, 12, 31), "tomorrow", d(2027, 1, 1)),
            (d(2026, 12, 31), "+1m", d(2027, 1, 31)),
            (d(2026, 12, 30), "next week", d(2027, 1, 4)),
            (d(2026, 12, 30), "fri", d(2027, 1, 1)),
            (d(2026, 11, 28), "eow", d(2026, 12, 4)), // Saturday: next week's Friday
            (d(2026, 11, 29), "eow", d(2026, 12, 4)), // Sunday
            (d(2026, 11, 23), "eow", d(2026, 11, 27)), // Monday
            (d(2026, 11, 23), "fri", d(2026, 11, 27)),
            (d(2026, 11, 23), "next fri", d(2026, 12, 4)),
            (d(2026, 11, 29), "next week", d(2026, 11, 30)), // Sunday: tomorrow is next week
            (d(2026, 11, 29), "mon", d(2026, 11, 30)),
            (d(2028, 3, 1), "29/2", d(2032, 2, 29)),
            (d(2028, 2, 29), "29/2", d(2028, 2, 29)),
            (d(2026, 1, 1), "31/12", d(2026, 12, 31)),
        ];
        for (today, text, expected) in cases {
            assert_eq!(parse_natural(text, *today, Direction::Future), Ok(*expected), "{text} on {today}");
        }
    }

    #[test]
    fn nonsense_is_refused() {
        let today = d(2026, 11, 27);
        let cases: &[(&str, DateError)] = &[
            ("", DateError::Empty),
            ("   ", DateError::Empty),
            ("31/2", DateError::NoSuchDay { day: 31, month: 2 }),
            ("30 feb", DateError::NoSuchDay { day: 30, month: 2 }),
            ("0/3", DateError::NoSuchDay { day: 0, month: 3 }),
            ("31 apr", DateError::NoSuchDay { day: 31, month: 4 }),
            ("2027-02-29", DateError::NoSuchDate("2027-02-29".into())),
            ("29/2/2027", DateError::NoSuchDate("29/2/2027".into())),
            ("+99999999m", DateError::TooFar("+99999999m".into())),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_natural(text, today, Direction::Future).as_ref(), Err(expected), "{text:?}");
        }
        for text in [
            "+0x",
            "+d",
            "+",
            "-3d",
            "+3",
            "in 3",
            "in x days",
            "4/13",
            "13.13",
            "4/12/27",
            "1/2/3/4",
            "soon",
            "next",
            "next month",
            "next fro",
            "4 dex",
            "dec",
            "dec dec",
            "4 4",
            "2026-13-01",
            "2026-1x-01",
            "fri 4 dec 2026",
            "4 dec 27",
            "friday!",
        ] {
            assert!(
                matches!(
                    parse_natural(text, today, Direction::Future),
                    Err(DateError::Unrecognised(_) | DateError::NoSuchDate(_) | DateError::Past(_))
                ),
                "{text:?} gave {:?}",
                parse_natural(text, today, Direction::Future)
            );
        }
    }

    #[test]
    fn errors_say_what_is_accepted() {
        let today = d(2026, 11, 27);
        let message = parse_natural("soon", today, Direction::Future).unwrap_err().to_string();
        assert!(message.starts_with("\"soon\" is not a date; try 2026-12-04, today"), "{message}");
        assert!(message.contains("4/12 or 4.12 (day/month)"), "{message}");
        assert_eq!(parse_natural("31/2", today, Direction::Future).unwrap_err().to_string(), "February has no day 31");
        assert!(parse_natural("", today, Direction::Future).unwrap_err().to_string().contains("next fri"));
    }

    #[test]
    fn past_dates_look_back() {
        let today = d(2026, 11, 27); // a Friday
        let cases: &[(&str, NaiveDate)] = &[
            ("today", today),
            ("yesterday", d(2026, 11, 26)),
            ("fri", today),
            ("friday", today),
            ("mon", d(2026, 11, 23)),
            ("sat", d(2026, 11, 21)),
            ("last fri", d(2026, 11, 20)),
            ("last mon", d(2026, 11, 16)),
            ("last week", d(2026, 11, 16)),
            ("-3d", d(2026, 11, 24)),
            ("-2w", d(2026, 11, 13)),
            ("-1m", d(2026, 10, 27)),
            ("3 days ago", d(2026, 11, 24)),
            ("1 week ago", d(2026, 11, 20)),
            ("25/11", d(2026, 11, 25)),
            ("27/11", today),
            ("28/11", d(2025, 11, 28)),
            ("25 nov", d(2026, 11, 25)),
            ("nov 25", d(2026, 11, 25)),
            ("25.11", d(2026, 11, 25)),
            ("4/12", d(2025, 12, 4)),
            ("29/2", d(2024, 2, 29)),
            ("2026-11-02", d(2026, 11, 2)),
            ("2025-01-02", d(2025, 1, 2)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_natural(text, today, Direction::Past), Ok(*expected), "{text}");
        }
        let edges: &[(NaiveDate, &str, NaiveDate)] = &[
            (d(2026, 3, 31), "-1m", d(2026, 2, 28)),
            (d(2027, 1, 2), "last week", d(2026, 12, 21)),
            (d(2026, 11, 23), "mon", d(2026, 11, 23)), // a Monday: today
            (d(2026, 11, 29), "mon", d(2026, 11, 23)), // a Sunday
            (d(2026, 1, 1), "31/12", d(2025, 12, 31)),
        ];
        for (today, text, expected) in edges {
            assert_eq!(parse_natural(text, *today, Direction::Past), Ok(*expected), "{text} on {today}");
        }
    }

    #[test]
    fn each_direction_refuses_the_other_s_words() {
        let today = d(2026, 11, 27);
        for text in ["tomorrow", "+3d", "next week", "next fri", "in 3 days", "2026-12-01"] {
            let err = parse_natural(text, today, Direction::Past).unwrap_err();
            assert!(matches!(err, DateError::Ahead(_)), "{text}: {err:?}");
            assert!(err.to_string().contains("yesterday, mon"), "{err}");
        }
        for text in ["yesterday", "-3d", "3 days ago", "last week", "last fri"] {
            let err = parse_natural(text, today, Direction::Future).unwrap_err();
            assert!(matches!(err, DateError::Past(_)), "{text}: {err:?}");
            assert!(err.to_string().contains("has passed"), "{err}");
        }
        assert!(parse_natural("soon", today, Direction::Past).is_err());
    }
}
