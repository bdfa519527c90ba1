//! Commitments in three formats. The iCalendar file is RFC 5545: one VTODO per commitment
//! with its DUE date and a UID stable across exports (`commitment-12@sparring`), so a
//! calendar that imports it again updates the to-dos instead of doubling them.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::dates::iso;
use crate::domain::text::{multi_line, one_line, spreadsheet_cell};
use crate::store::exports::ExportedCommitment;

/// "Acme — Rollout", or "Prospecting" for a rep's own commitment.
fn about(c: &ExportedCommitment) -> String {
    match &c.deal {
        Some((account, name)) => format!("{} — {}", one_line(account), one_line(name)),
        None => "Prospecting".to_string(),
    }
}

/// The commitments as CSV, one row each, every text made safe for a spreadsheet.
pub fn csv(commitments: &[ExportedCommitment]) -> String {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let header = ["id", "rep", "about", "owner", "what", "due_on", "status", "made_on", "note"];
    // Writing to memory cannot fail.
    let _ = out.write_record(header);
    for c in commitments {
        let record = [
            c.id.to_string(),
            spreadsheet_cell(&c.rep).into_owned(),
            spreadsheet_cell(&about(c)).into_owned(),
            c.owner.clone(),
            spreadsheet_cell(&c.what).into_owned(),
            c.due_on.map(iso).unwrap_or_default(),
            c.status.clone(),
            c.made_on.map(iso).unwrap_or_default(),
            spreadsheet_cell(&c.note).into_owned(),
        ];
        let _ = out.write_record(&record);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Text for Markdown: one line, its markup characters escaped.
fn md(text: &str) -> String {
    let mut out = String::new();
    for ch in one_line(text).chars() {
        if "\\`*_{}[]()#+-.!|<>~".contains(ch) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The commitments as a Markdown note, grouped by rep, each a task line.
pub fn markdown(commitments: &[ExportedCommitment], today: NaiveDate) -> String {
    let mut out = format!("# Commitments — {}\n", iso(today));
    let mut rep: Option<&str> = None;
    for c in commitments {
        if rep != Some(c.rep.as_str()) {
            rep = Some(&c.rep);
            let _ = write!(out, "\n## {}\n\n", md(&c.rep));
        }
        let done = if c.status == "open" { " " } else { "x" };
        let due = c.due_on.map_or_else(String::new, |d| format!(" — due {}", iso(d)));
        let overdue = if c.status == "open" && c.due_on.is_some_and(|d| d < today) { " **(overdue)**" } else { "" };
        let status = if c.status == "open" { String::new() } else { format!(" ({})", c.status) };
        let _ = writeln!(out, "- [{done}] {}: {} ({}){due}{overdue}{status}", md(&c.owner), md(&c.what), md(&about(c)));
    }
    if commitments.is_empty() {
        out.push_str("\nNo commitments.\n");
    }
    out
}

/// TEXT of RFC 5545: one line, `\`, `;`, `,` and line breaks escaped.
fn ics_text(text: &str) -> String {
    multi_line(text).replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

/// A content line folded at 75 octets, as RFC 5545 asks, never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
}

/// The commitments as an iCalendar file of to-dos.
pub fn ics(commitments: &[ExportedCommitment], now: NaiveDateTime) -> String {
    let mut out = String::new();
    let stamp = now.format("%Y%m%dT%H%M%S").to_string();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sparring//commitments//EN", "CALSCALE:GREGORIAN"] {
        fold(line, &mut out);
    }
    for c in commitments {
        fold("BEGIN:VTODO", &mut out);
        fold(&format!("UID:commitment-{}@sparring", c.id), &mut out);
        fold(&format!("DTSTAMP:{stamp}"), &mut out);
        let summary = format!("{}: {} ({})", c.owner, c.what, about(c));
        fold(&format!("SUMMARY:{}", ics_text(&summary)), &mut out);
        if let Some(due) = c.due_on {
            fold(&format!("DUE;VALUE=DATE:{}", due.format("%Y%m%d")), &mut out);
        }
        let status = match c.status.as_str() {
            "done" => "COMPLETED",
            "dropped" | "missed" => "CANCELLED",
            _ => "NEEDS-ACTION",
        };
        fold(&format!("STATUS:{status}"), &mut out);
        let description = format!("Rep: {}\nOwner: {}\n{}", c.rep, c.owner, c.note);
        fold(&format!("DESCRIPTION:{}", ics_text(description.trim_end())), &mut out);
        fold("END:VTODO", &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use icalendar::Component as _;

    use super::*;

    fn sample() -> Vec<ExportedCommitment> {
        vec![
            ExportedCommitment {
                id: 12,
                rep: "Emma Fischer".into(),
                deal: Some(("Acme, Inc.".into(), "Rollout; phase 2".into())),
                owner: "prospect".into(),
                what: "Send the list of sites to equip, all 48 of them, with the contact of each site manager".into(),
                due_on: NaiveDate::from_ymd_opt(2026, 12, 4),
                status: "open".into(),
                made_on: NaiveDate::from_ymd_opt(2026, 11, 27),
                note: String::new(),
            },
            ExportedCommitment {
                id: 13,
                rep: "Emma Fischer".into(),
                deal: None,
                owner: "rep".into(),
                what: "=HYPERLINK(\"evil\")\u{1b}[2J".into(),
                due_on: None,
                status: "done".into(),
                made_on: None,
                note: "two\nlines".into(),
            },
        ]
    }

    #[test]
    fn the_calendar_file_parses_back_with_stable_uids_and_due_dates() {
        let now = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap().and_hms_opt(10, 0, 0).unwrap();
        let text = ics(&sample(), now);
        assert!(text.lines().all(|l| l.len() <= 76), "lines folded at 75 octets");
        let calendar: icalendar::Calendar = text.parse().expect("RFC 5545");
        let todos: Vec<_> = calendar.components.iter().filter_map(|c| c.as_todo()).collect();
        assert_eq!(todos.len(), 2);
        assert_eq!(todos[0].get_uid(), Some("commitment-12@sparring"));
        assert!(
            todos[0].get_summary().unwrap().contains("Acme, Inc. — Rollout; phase 2"),
            "{:?}",
            todos[0].get_summary()
        );
        assert!(todos[0].get_summary().unwrap().contains("contact of each site manager"), "unfolded whole");
        assert!(todos[0].property_value("DUE").unwrap().contains("20261204"));
        assert_eq!(ics(&sample(), now), text, "the same commitments give the same file");
        assert!(!text.contains('\u{1b}'), "no control character from the data");
    }

    #[test]
    fn csv_and_markdown_are_safe() {
        let c = csv(&sample());
        assert!(c.starts_with("id,rep,about,owner,what,due_on,status,made_on,note\r\n"));
        assert!(c.contains("'=HYPERLINK"), "no formula runs: {c}");
        let m = markdown(&sample(), NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
        assert!(m.contains("- [ ] prospect: Send the list") && m.contains("**(overdue)**"), "{m}");
        assert!(m.contains("\\=HYPERLINK") || m.contains("=HYPERLINK\\("), "{m}");
        assert!(!m.contains('\u{1b}'));
    }
}
