//! The one sanitiser every string from data passes through before it reaches the screen.
//!
//! Imported text may hold control characters or terminal escape sequences; printed raw,
//! they could move the cursor, change colours or rewrite the window title. Removing every
//! control character (the escape byte included) leaves only harmless printable text.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters that reorder text on screen (bidirectional overrides and isolates).
fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

fn is_unsafe(ch: char) -> bool {
    ch.is_control() || is_bidi_control(ch)
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
    fn plain_text_is_borrowed() {
        assert!(matches!(one_line("Acme — Café"), Cow::Borrowed(_)));
        assert!(matches!(multi_line("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_defused() {
        assert_eq!(one_line("Acme\x1b[2J\x1b]0;pwned\x07 Corp"), "Acme[2J]0;pwned Corp");
        assert_eq!(one_line("a\u{9b}31mb"), "a31mb");
        assert_eq!(one_line("evil\u{202E}txt"), "eviltxt");
    }

    #[test]
    fn line_breaks() {
        assert_eq!(one_line("two\r\nlines\tand tab"), "two lines and tab");
        assert_eq!(multi_line("two\r\nlines\tand\x1b tab"), "two\nlines and tab");
    }
}
