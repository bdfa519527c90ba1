//! The one sanitiser every string from data passes through before it reaches the screen.
//!
//! Imported text may hold control characters or terminal escape sequences; printed raw,
//! they could move the cursor, change colours or rewrite the window title. Removing every
//! control character (the escape byte included) leaves only harmless printable text.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters that reorder text on screen (bidirectional overrides and isolates).
fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Characters that take no room yet change what a text seems to say: zero-width spaces and
/// joiners that split a word invisibly, the byte-order mark, the word joiner and the invisible
/// operators. The zero-width joiner (U+200D) stays: emoji sequences are made with it.
fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{200B}' | '\u{200C}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{180E}')
}

/// Whether a character is dropped from text before it is shown or saved: controls (the escape
/// byte and C1 included), bidirectional controls and invisible characters.
pub fn is_unsafe(ch: char) -> bool {
    ch.is_control() || is_bidi_control(ch) || is_invisible(ch)
}

/// One line of text: line breaks and tabs become spaces, other controls disappear.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' | '\t' => out.push(' '),
            '\r' => {}
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Several lines of text: line breaks are kept, tabs become spaces, other controls disappear.
pub fn multi_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A JSON document with every character [`is_unsafe`] written as a `\uXXXX` escape: the data
/// is kept whole for the tools that read it, and nothing in it acts on a terminal it is shown
/// in. (serde_json escapes only C0 controls; outside strings, JSON is plain ASCII.)
pub fn json_inert(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for ch in json.chars() {
        if ch != '\n' && is_unsafe(ch) {
            let mut units = [0; 2];
            for unit in ch.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
}

/// Text from data inside a message (an error, a notice): on one line, and cut with "…"
/// after 60 characters, so a runaway value does not bury what the message says.
pub fn in_message(text: &str) -> String {
    const LONGEST: usize = 60;
    let line = one_line(text);
    if line.chars().count() <= LONGEST {
        return line.into_owned();
    }
    line.chars().take(LONGEST - 1).chain(['…']).collect()
}

/// Pasted text: line breaks of any system become `\n`, other controls go as in [`multi_line`].
pub fn pasted(text: &str) -> String {
    multi_line(&text.replace("\r\n", "\n").replace('\r', "\n")).into_owned()
}

/// A key that sorts names as people expect: case and accents ignored, so "Émilie"
/// sits with "Emma", not after "Zoé".
/// A text cell for a file a spreadsheet opens: the screen's sanitising (controls removed,
/// line breaks kept), and a leading `=`, `+`, `-` or `@` quoted with `'` unless the cell is
/// a number, so the spreadsheet does not run it as a formula.
pub fn spreadsheet_cell(text: &str) -> Cow<'_, str> {
    let clean = multi_line(text);
    let number = clean.parse::<f64>().is_ok();
    if clean.starts_with(['=', '+', '-', '@']) && !number { Cow::Owned(format!("'{clean}")) } else { clean }
}

/// A cell read back from a spreadsheet file: the quote [`spreadsheet_cell`] put before a
/// formula-like text is taken off, so an export imported again gives the same text.
pub fn from_spreadsheet_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) && rest.parse::<f64>().is_err() => rest,
        _ => cell,
    }
}

pub fn sort_key(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_cells_never_run_as_formulas() {
        assert_eq!(spreadsheet_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_cell("-0.05"), "-0.05", "a number stays a number");
        assert_eq!(spreadsheet_cell("two\nlines\u{1b}[2J"), "two\nlines[2J");
    }

    #[test]
    fn names_sort_without_case_or_accents() {
        let mut names = vec!["Zoé Ortega", "Émilie Roux", "aïcha Bianchi", "Aylin Nowak", "Emma Fischer"];
        names.sort_by_cached_key(|n| sort_key(n));
        assert_eq!(names, ["aïcha Bianchi", "Aylin Nowak", "Émilie Roux", "Emma Fischer", "Zoé Ortega"]);
    }

    #[test]
    fn pasted_text_keeps_its_lines() {
        assert_eq!(pasted("one\r\ntwo\rthree\n\tfour\x1b[2J"), "one\ntwo\nthree\n four[2J");
    }

    #[test]
    fn json_keeps_the_data_and_escapes_what_would_act_on_a_terminal() {
        let json = serde_json::to_string(&serde_json::json!({ "name": "a\u{9b}b\u{202E}c\u{1b}d\u{200B}" })).unwrap();
        let inert = json_inert(&json);
        assert_eq!(inert, r#"{"name":"a\u009bb\u202ec\u001bd\u200b"}"#);
        let back: serde_json::Value = serde_json::from_str(&inert).unwrap();
        assert_eq!(back["name"], "a\u{9b}b\u{202E}c\u{1b}d\u{200B}", "read back, the text is the same");
    }

    #[test]
    fn messages_cut_long_values() {
        assert_eq!(in_message("Emma\u{1b}]0;x\u{7}"), "Emma]0;x");
        let cut = in_message(&"é".repeat(100_000));
        assert_eq!(cut.chars().count(), 60);
        assert!(cut.ends_with("é…"));
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(one_line("Acme — Café"), Cow::Borrowed(_)));
        assert!(matches!(multi_line("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_defused() {
        assert_eq!(one_line("Acme\x1b[2J\x1b]0;pwned\x07 Corp"), "Acme[2J]0;pwned Corp");
        assert_eq!(one_line("a\u{9b}31mb"), "a31mb");
        assert_eq!(one_line("evil\u{202E}txt"), "eviltxt");
        assert_eq!(one_line("in\u{200B}vis\u{FEFF}ible\u{2060}"), "invisible");
        assert_eq!(one_line("👩\u{200D}💻"), "👩\u{200D}💻", "an emoji sequence keeps its joiner");
    }

    #[test]
    fn line_breaks() {
        assert_eq!(one_line("two\r\nlines\tand tab"), "two lines and tab");
        assert_eq!(multi_line("two\r\nlines\tand\x1b tab"), "two\nlines and tab");
    }
}
