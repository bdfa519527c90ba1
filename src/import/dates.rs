//! Dates as CRM exports write them: ISO (`2026-12-20`, with or without a time), or day and
//! month in either order (`12/18/2026`, `18/12/2026`, `18.12.2026`), with or without a time.
//! The order is read from the file itself when some value proves it (a 18 first means
//! day-first); when none does, the import stops and asks for `--date-order`.

use chrono::NaiveDate;

/// Which of the two numbers before the year is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrder {
    /// Day first: 18/12/2026.
    Dmy,
    /// Month first: 12/18/2026.
    Mdy,
}

/// What one value says about the order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    /// ISO, or not a date: says nothing.
    None,
    Ambiguous,
    Proves(DateOrder),
}

/// The day and month numbers and year of a `a/b/yyyy` value (any of `/ . -`), the time dropped.
fn parts(text: &str) -> Option<(u32, u32, i32)> {
    let date = text.split_whitespace().next()?;
    let sep = date.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut it = date.split(sep);
    let (a, b, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || a.len() > 2 || b.len() > 2 {
        return None;
    }
    let year: i32 = match y.len() {
        4 => y.parse().ok()?,
        // Two-digit years are this century's.
        2 => 2000 + y.parse::<i32>().ok()?,
        _ => return None,
    };
    Some((a.parse().ok()?, b.parse().ok()?, year))
}

fn iso(text: &str) -> Option<NaiveDate> {
    let date = text.split(['T', ' ']).next()?;
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // By hand: a million rows each pay for it, and a format string is parsed per call.
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)
}

fn hint(text: &str) -> Hint {
    if iso(text).is_some() {
        return Hint::None;
    }
    match parts(text) {
        Some((a, b, _)) if a > 12 && b <= 12 => Hint::Proves(DateOrder::Dmy),
        Some((a, b, _)) if b > 12 && a <= 12 => Hint::Proves(DateOrder::Mdy),
        Some((a, b, _)) if a <= 12 && b <= 12 => Hint::Ambiguous,
        _ => Hint::None,
    }
}

/// What the values of a file say about their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// Every date is ISO, or the order is proven.
    Known(Option<DateOrder>),
    /// Some dates could be read either way and none proves which: `--date-order` is needed.
    Ambiguous { example: String },
    /// Both orders are proven: the file mixes them.
    Mixed { dmy: String, mdy: String },
}

/// The order of the dates of a file, from its values.
pub fn detect<'a>(values: impl IntoIterator<Item = &'a str>) -> Detected {
    let (mut dmy, mut mdy, mut ambiguous) = (None, None, None);
    for value in values {
        match hint(value) {
            Hint::Proves(DateOrder::Dmy) => dmy = dmy.or(Some(value)),
            Hint::Proves(DateOrder::Mdy) => mdy = mdy.or(Some(value)),
            Hint::Ambiguous => ambiguous = ambiguous.or(Some(value)),
            Hint::None => {}
        }
    }
    match (dmy, mdy, ambiguous) {
        (Some(d), Some(m), _) => Detected::Mixed { dmy: d.to_string(), mdy: m.to_string() },
        (Some(_), None, _) => Detected::Known(Some(DateOrder::Dmy)),
        (None, Some(_), _) => Detected::Known(Some(DateOrder::Mdy)),
        (None, None, Some(example)) => Detected::Ambiguous { example: example.to_string() },
        (None, None, None) => Detected::Known(None),
    }
}

/// A date value read in the file's order (`None` when the file has only ISO dates: then a
/// day/month value is refused).
pub fn parse(text: &str, order: Option<DateOrder>) -> Option<NaiveDate> {
    if let Some(date) = iso(text) {
        return Some(date);
    }
    let (a, b, year) = parts(text)?;
    let (day, month) = match order? {
        DateOrder::Dmy => (a, b),
        DateOrder::Mdy => (b, a),
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_as_exports_write_them() {
        assert_eq!(parse("2026-12-20", None), Some(d(2026, 12, 20)));
        assert_eq!(parse("2026-12-20 00:00", None), Some(d(2026, 12, 20)));
        assert_eq!(parse("2026-12-20T09:30:00Z", None), Some(d(2026, 12, 20)));
        assert_eq!(parse("12/18/2026", Some(DateOrder::Mdy)), Some(d(2026, 12, 18)));
        assert_eq!(parse("18/12/2026", Some(DateOrder::Dmy)), Some(d(2026, 12, 18)));
        assert_eq!(parse("18.12.2026 14:05", Some(DateOrder::Dmy)), Some(d(2026, 12, 18)));
        assert_eq!(parse("3/1/17", Some(DateOrder::Mdy)), Some(d(2017, 3, 1)));
        assert_eq!(parse("18/12/2026", Some(DateOrder::Mdy)), None, "month 18");
        assert_eq!(parse("soon", Some(DateOrder::Dmy)), None);
        assert_eq!(parse("02/03/2026", None), None, "an order is needed");
    }

    #[test]
    fn the_order_is_read_from_the_file_or_asked_for() {
        assert_eq!(detect(["2026-01-02", "2026-12-20"]), Detected::Known(None));
        assert_eq!(detect(["02/03/2026", "12/18/2026"]), Detected::Known(Some(DateOrder::Mdy)));
        assert_eq!(detect(["02/03/2026", "18/12/2026"]), Detected::Known(Some(DateOrder::Dmy)));
        assert_eq!(detect(["02/03/2026", ""]), Detected::Ambiguous { example: "02/03/2026".into() });
        assert!(matches!(detect(["18/12/2026", "12/18/2026"]), Detected::Mixed { .. }));
    }
}
