//! Planned prospecting blocks ("Tue/Thu 9–11"): the weekly slots a rep keeps for calls and
//! messages, as a manager types them and as they are shown back.
//!
//! The text form is a comma-separated list of items, each one or more days and an hour
//! range: `tue 9-11, thu 14-16`, `tue/thu 9-11`, `mon-fri 8-9`, `wednesday 14:00-16:00`,
//! `fri 9h-11h`. Hours are whole hours of the day (0–24), the start included and the end
//! excluded. Overlapping or touching blocks of a day are merged, so `tue 9-10, tue 10-11`
//! is `tue 9-11`. An empty text is "no blocks".

use std::fmt::Write as _;

/// A weekly time slot the rep plans for prospecting (e.g. Tuesday 9–11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Block {
    /// 0 = Monday.
    pub weekday: u8,
    /// Hours of the day, `start` included, `end` excluded.
    pub start: u8,
    pub end: u8,
}

impl Block {
    /// Whether an action at `hour` on `weekday` (0 = Monday) falls in the block.
    pub fn contains(&self, weekday: u8, hour: u8) -> bool {
        self.weekday == weekday && self.start <= hour && hour < self.end
    }

    /// Whether the block shares at least one hour with `from..to` of `weekday`.
    pub fn overlaps(&self, weekday: u8, from: u8, to: u8) -> bool {
        self.weekday == weekday && self.start < to && from < self.end
    }

    pub fn hours(&self) -> u8 {
        self.end.saturating_sub(self.start)
    }
}

/// Whether an action at `hour` on `weekday` falls in any of the blocks.
pub fn in_any(blocks: &[Block], weekday: u8, hour: u8) -> bool {
    blocks.iter().any(|b| b.contains(weekday, hour))
}

/// Hours planned per week.
pub fn weekly_hours(blocks: &[Block]) -> u32 {
    blocks.iter().map(|b| u32::from(b.hours())).sum()
}

/// Day abbreviations as typed and shown, Monday first.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The forms the parser accepts, for hints and error messages.
pub const BLOCK_FORMS: &str = "tue 9-11, thu 14-16 · tue/thu 9-11 · mon-fri 8-9 · wed 14:00-16:00";

/// Why a typed list of blocks was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlockError {
    #[error("\"{0}\" is not a day; use mon, tue, wed, thu, fri, sat or sun")]
    UnknownDay(String),
    #[error("\"{0}\": say which day, e.g. tue 9-11")]
    NoDay(String),
    #[error("\"{0}\": add the hours, e.g. {0} 9-11")]
    NoHours(String),
    #[error("\"{0}\" is not a time slot; write hours such as 9-11 or 14:00-16:00")]
    BadHours(String),
    #[error("\"{0}\": blocks are whole hours (9-11, not 9:30-11)")]
    NotWholeHour(String),
    #[error("{0} is not an hour of the day (0 to 24)")]
    HourOutOfRange(u32),
    #[error("\"{0}\": the block ends before it starts")]
    EndBeforeStart(String),
}

/// Parses blocks typed by a manager (see the module doc). The result is sorted by day and
/// hour, with overlapping or touching blocks of a day merged.
pub fn parse_blocks(text: &str) -> Result<Vec<Block>, BlockError> {
    let mut blocks = Vec::new();
    for item in text.split([',', ';', '\n']) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let lowered = item.to_lowercase().replace(['–', '—'], "-");
        // "9 - 11" and "9 -11" become "9-11", so the hours are one word.
        let joined = lowered.split('-').map(str::trim).collect::<Vec<_>>().join("-");
        // Days apply to the hours that follow them, until the next day: "tue 9-11 14-16 thu 9-11".
        let mut days: Vec<u8> = Vec::new();
        let mut after_hours = false;
        for word in joined.split_whitespace() {
            if word.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                if after_hours {
                    days.clear();
                    after_hours = false;
                }
                days.extend(parse_days(word)?);
            } else {
                if days.is_empty() {
                    return Err(BlockError::NoDay(item.to_string()));
                }
                let (start, end) = parse_hours(word)?;
                blocks.extend(days.iter().map(|&weekday| Block { weekday, start, end }));
                after_hours = true;
            }
        }
        // Days with no hours after them ("tue", "tue 9-11 thu").
        if !after_hours {
            return Err(BlockError::NoHours(item.to_string()));
        }
    }
    Ok(normalize(blocks))
}

/// Sorts blocks by day and hour and merges those of a day that overlap or touch.
pub fn normalize(mut blocks: Vec<Block>) -> Vec<Block> {
    blocks.retain(|b| b.weekday < 7 && b.start < b.end);
    blocks.sort();
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        match out.last_mut() {
            Some(last) if last.weekday == block.weekday && block.start <= last.end => {
                last.end = last.end.max(block.end);
            }
            _ => out.push(block),
        }
    }
    out
}

/// The text form of blocks, which [`parse_blocks`] reads back: days with the same hours are
/// grouped (`tue/thu 9-11, fri 14-16`), in the order of their first day. Empty for no blocks.
pub fn format_blocks(blocks: &[Block]) -> String {
    let blocks = normalize(blocks.to_vec());
    // (start, end) and the days that have exactly that slot, in order of first appearance.
    let mut groups: Vec<((u8, u8), Vec<u8>)> = Vec::new();
    for block in &blocks {
        match groups.iter_mut().find(|(hours, _)| *hours == (block.start, block.end)) {
            Some((_, days)) => days.push(block.weekday),
            None => groups.push(((block.start, block.end), vec![block.weekday])),
        }
    }
    let mut out = String::new();
    for ((start, end), days) in groups {
        if !out.is_empty() {
            out.push_str(", ");
        }
        let days: Vec<&str> = days.iter().map(|&d| DAYS[usize::from(d)]).collect();
        let _ = write!(out, "{} {start}-{end}", days.join("/"));
    }
    out
}

/// `tue`, `tuesday`, `tue/thu`, `tue+thu`, `mon-fri`.
fn parse_days(word: &str) -> Result<Vec<u8>, BlockError> {
    let mut days = Vec::new();
    for part in word.split(['/', '+', '&']).filter(|p| !p.is_empty()) {
        if let Some((from, to)) = part.split_once('-') {
            let (from, to) = (day(from)?, day(to)?);
            // A range wraps around the week end: fri-mon is Friday to Monday.
            let mut d = from;
            loop {
                days.push(d);
                if d == to {
                    break;
                }
                d = (d + 1) % 7;
            }
        } else {
            days.push(day(part)?);
        }
    }
    if days.is_empty() {
        return Err(BlockError::UnknownDay(word.to_string()));
    }
    Ok(days)
}

fn day(word: &str) -> Result<u8, BlockError> {
    let index = match word {
        "mon" | "monday" => 0,
        "tue" | "tues" | "tuesday" => 1,
        "wed" | "weds" | "wednesday" => 2,
        "thu" | "thur" | "thurs" | "thursday" => 3,
        "fri" | "friday" => 4,
        "sat" | "saturday" => 5,
        "sun" | "sunday" => 6,
        _ => return Err(BlockError::UnknownDay(word.to_string())),
    };
    Ok(index)
}

/// `9-11`, `09:00-11:00`, `9h-11h`, `9am-11am`, `2pm-4pm`.
fn parse_hours(word: &str) -> Result<(u8, u8), BlockError> {
    let bad = || BlockError::BadHours(word.to_string());
    let (from, to) = word.split_once('-').ok_or_else(bad)?;
    let (start, end) = (hour(from, word)?, hour(to, word)?);
    if end <= start {
        return Err(BlockError::EndBeforeStart(word.to_string()));
    }
    Ok((start, end))
}

fn hour(text: &str, word: &str) -> Result<u8, BlockError> {
    let bad = || BlockError::BadHours(word.to_string());
    let (text, pm) = if let Some(rest) = text.strip_suffix("pm") {
        (rest, Some(true))
    } else if let Some(rest) = text.strip_suffix("am") {
        (rest, Some(false))
    } else {
        (text.strip_suffix('h').unwrap_or(text), None)
    };
    let (hours, minutes) = match text.split_once([':', 'h', '.']) {
        Some((h, m)) => (h, Some(m)),
        None => (text, None),
    };
    if hours.is_empty() || hours.len() > 2 || !hours.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    if let Some(minutes) = minutes {
        if minutes.is_empty() || !minutes.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if minutes.chars().any(|c| c != '0') {
            return Err(BlockError::NotWholeHour(word.to_string()));
        }
    }
    let mut value: u32 = hours.parse().map_err(|_| bad())?;
    match pm {
        Some(_) if !(1..=12).contains(&value) => return Err(BlockError::HourOutOfRange(value)),
        Some(true) if value != 12 => value += 12,
        Some(false) if value == 12 => value = 0,
        _ => {}
    }
    if value > 24 {
        return Err(BlockError::HourOutOfRange(value));
    }
    Ok(value as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(weekday: u8, start: u8, end: u8) -> Block {
        Block { weekday, start, end }
    }

    #[test]
    fn typed_forms() {
        let cases: &[(&str, Vec<Block>)] = &[
            ("", vec![]),
            ("  ", vec![]),
            ("tue 9-11, thu 14-16", vec![b(1, 9, 11), b(3, 14, 16)]),
            ("Tue/Thu 9–11", vec![b(1, 9, 11), b(3, 9, 11)]),
            ("tue+thu 9 - 11", vec![b(1, 9, 11), b(3, 9, 11)]),
            ("tuesday thursday 9-11", vec![b(1, 9, 11), b(3, 9, 11)]),
            ("mon-wed 8-9", vec![b(0, 8, 9), b(1, 8, 9), b(2, 8, 9)]),
            ("fri-mon 8-9", vec![b(0, 8, 9), b(4, 8, 9), b(5, 8, 9), b(6, 8, 9)]),
            ("wed 14:00-16:00", vec![b(2, 14, 16)]),
            ("fri 9h-11h; fri 9h00-10h", vec![b(4, 9, 11)]),
            ("mon 2pm-4pm, tue 9am-12pm", vec![b(0, 14, 16), b(1, 9, 12)]),
            ("thu 14-16, tue 9-11,", vec![b(1, 9, 11), b(3, 14, 16)]),
            ("sun 0-24", vec![b(6, 0, 24)]),
            ("tue 9-11 14-16 thu 9-11", vec![b(1, 9, 11), b(1, 14, 16), b(3, 9, 11)]),
            // Touching and overlapping blocks of a day merge.
            ("tue 9-10, tue 10-11, tue 15-17, tue 16-18", vec![b(1, 9, 11), b(1, 15, 18)]),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_blocks(text).as_ref(), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refusals_say_what_is_wrong() {
        let cases: &[(&str, BlockError)] = &[
            ("tux 9-11", BlockError::UnknownDay("tux".into())),
            ("9-11", BlockError::NoDay("9-11".into())),
            ("tue", BlockError::NoHours("tue".into())),
            ("tue 9", BlockError::BadHours("9".into())),
            ("tue nine-11", BlockError::UnknownDay("nine".into())),
            ("tue 9-11 thu", BlockError::NoHours("tue 9-11 thu".into())),
            ("tue 9-", BlockError::BadHours("9-".into())),
            ("tue 9:30-11", BlockError::NotWholeHour("9:30-11".into())),
            ("tue 11-9", BlockError::EndBeforeStart("11-9".into())),
            ("tue 9-9", BlockError::EndBeforeStart("9-9".into())),
            ("tue 9-25", BlockError::HourOutOfRange(25)),
            ("tue 13pm-2pm", BlockError::HourOutOfRange(13)),
            ("tue 9-11, blah 9-11", BlockError::UnknownDay("blah".into())),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_blocks(text).as_ref(), Err(expected), "{text}");
        }
        assert_eq!(
            BlockError::UnknownDay("tux".into()).to_string(),
            "\"tux\" is not a day; use mon, tue, wed, thu, fri, sat or sun"
        );
        assert_eq!(BlockError::NoHours("tue".into()).to_string(), "\"tue\": add the hours, e.g. tue 9-11");
    }

    #[test]
    fn format_groups_days_and_reads_back() {
        let blocks = vec![b(3, 9, 11), b(1, 9, 11), b(4, 14, 16), b(0, 8, 9)];
        let text = format_blocks(&blocks);
        assert_eq!(text, "mon 8-9, tue/thu 9-11, fri 14-16");
        assert_eq!(parse_blocks(&text), Ok(normalize(blocks)));
        assert_eq!(format_blocks(&[]), "");
        for text in ["sun 0-24", "tue 9-11, tue 14-16", "mon/tue/wed/thu/fri 8-9"] {
            assert_eq!(format_blocks(&parse_blocks(text).unwrap()), text);
        }
    }

    #[test]
    fn membership() {
        let blocks = [b(1, 9, 11), b(3, 14, 16)];
        assert!(in_any(&blocks, 1, 9));
        assert!(in_any(&blocks, 1, 10));
        assert!(!in_any(&blocks, 1, 11), "the end hour is excluded");
        assert!(!in_any(&blocks, 2, 9));
        assert!(blocks[1].overlaps(3, 12, 24));
        assert!(!blocks[0].overlaps(1, 12, 24));
        assert_eq!(weekly_hours(&blocks), 4);
        assert!(!in_any(&[], 1, 9));
    }
}
