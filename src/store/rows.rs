//! What the activity reads share: which reps a read covers, and the columns of a row read
//! without a copy, timestamps read digit by digit.

use chrono::NaiveDate;
use rusqlite::Row;

use super::word;
use crate::domain::activity::{ActivityKind, Outcome};
use crate::domain::ids::RepId;
use crate::domain::prospecting::Activity;

/// Which reps' rows a read covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reps {
    One(RepId),
    /// Every active rep.
    Active,
}

impl Reps {
    /// An SQL filter on `rep_id`, and the value of its `?1`: bound either way, so one
    /// parameter list serves both.
    pub(super) fn sql_filter(self) -> (Option<i64>, &'static str) {
        match self {
            Reps::One(rep) => (Some(rep.0), "rep_id = ?1"),
            Reps::Active => (None, "rep_id IN (SELECT id FROM reps WHERE active = 1) AND ?1 IS NULL"),
        }
    }
}

/// The activity in a row's columns from `at` on: `occurred_at, kind, channel, segment,
/// message, outcome, count, qualified` (as [`ACTIVITY_COLUMNS`] has them after `rep_id`).
/// `None` for a row the dashboard cannot read: a kind this build does not know, or a
/// timestamp that does not start with a date.
pub(super) fn activity<'r>(row: &'r Row<'_>, at: usize) -> rusqlite::Result<Option<Activity<'r>>> {
    let occurred_at = text(row, at)?;
    let (Some(day), Some(kind)) = (day_of(occurred_at), ActivityKind::from_word(text(row, at + 1)?)) else {
        return Ok(None);
    };
    Ok(Some(Activity {
        day,
        clock: clock_of(occurred_at),
        kind,
        channel: text_or_empty(row, at + 2)?,
        segment: text_or_empty(row, at + 3)?,
        message: text_or_empty(row, at + 4)?,
        outcome: word(row, at + 5, Outcome::from_word)?,
        count: row.get(at + 6)?,
        qualified: row.get(at + 7)?,
    }))
}

/// The columns a read of activities takes, in the order [`activity`] reads them after `rep_id`.
pub(super) const ACTIVITY_COLUMNS: &str =
    "rep_id, occurred_at, kind, channel, segment, message, outcome, count, qualified";

/// A text column, borrowed from the row (no copy per row).
pub(super) fn text<'r>(row: &'r Row<'_>, idx: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(idx)?.as_str().map_err(|err| conversion(idx, err))
}

/// A text column that may be NULL, as "" then.
pub(super) fn text_or_empty<'r>(row: &'r Row<'_>, idx: usize) -> rusqlite::Result<&'r str> {
    Ok(row.get_ref(idx)?.as_str_or_null().map_err(|err| conversion(idx, err))?.unwrap_or(""))
}

fn conversion(idx: usize, err: rusqlite::types::FromSqlError) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(err))
}

/// The day of a stored timestamp (`YYYY-MM-DD…`), read digit by digit: chrono's parser per
/// row cost more than SQLite reading the row.
pub(super) fn day_of(ts: &str) -> Option<NaiveDate> {
    let b = ts.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// Seconds since midnight of `YYYY-MM-DDTHH:MM[:SS]` (a space for the `T` too), when the
/// timestamp has a time.
pub(super) fn clock_of(ts: &str) -> Option<u32> {
    let b = ts.as_bytes();
    if b.len() < 16 || !matches!(b[10], b'T' | b' ') || b[13] != b':' {
        return None;
    }
    let (hours, minutes) = (digits(&b[11..13])?, digits(&b[14..16])?);
    let seconds = if b.len() >= 19 && b[16] == b':' { digits(&b[17..19])? } else { 0 };
    (hours < 24 && minutes < 60 && seconds < 61).then_some(hours * 3600 + minutes * 60 + seconds)
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_by_hand() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(day_of("2026-11-27T14:05:09"), Some(d));
        assert_eq!(day_of("2026-11-27"), Some(d));
        assert_eq!(day_of("2026-02-30"), None);
        assert_eq!(day_of("27/11/2026"), None);
        assert_eq!(day_of(""), None);
        assert_eq!(clock_of("2026-11-27T14:05:09"), Some(14 * 3600 + 5 * 60 + 9));
        assert_eq!(clock_of("2026-11-27 14:05"), Some(14 * 3600 + 5 * 60));
        assert_eq!(clock_of("2026-11-27T00:00:00"), Some(0));
        assert_eq!(clock_of("2026-11-27"), None);
        assert_eq!(clock_of("2026-11-27T25:00:00"), None);
        assert_eq!(clock_of("2026-11-27Tab:cd"), None);
    }
}
