//! The dashboard as one long CSV table, `section,key,metric,value`: every figure on its own
//! row, so a spreadsheet's pivot table or a `grep` finds any of them, and new figures add
//! rows, never columns. The sections and metrics are listed in `docs/report.md`. Money is in
//! minor units, rates are fractions, an empty value is "none" (no target, no rate).

use chrono::NaiveDate;

use super::{Loaded, alert_text, length_word, period_word};
use crate::dashboard::{BreakdownRow, Dashboard};
use crate::domain::blocks::{DAYS, format_blocks};
use crate::domain::dates::iso;
use crate::domain::metrics::{Funnel, Volume};
use crate::domain::prospecting::same_key;
use crate::domain::text::spreadsheet_cell;
use crate::wording as strings;

pub fn render(loaded: &Loaded, today: NaiveDate) -> String {
    let mut w = Writer::new();
    w.row("section", "key", "metric", "value");
    let d = match loaded {
        Loaded::Rep { name, dashboard } => {
            w.row("report", "", "scope", "rep");
            w.row("report", "", "rep", name);
            dashboard
        }
        Loaded::Team(team) => {
            w.row("report", "", "scope", "team");
            w.row("report", "", "reps", &team.reps.len().to_string());
            &team.team
        }
    };
    w.row("report", "", "today", &iso(today));
    w.row("report", "", "period", d.period().and_then(period_word).unwrap_or("custom"));
    w.row("report", "", "length", d.period().map_or("", |p| length_word(p.length)));
    w.row("report", "", "back", &d.period().map(|p| p.back.to_string()).unwrap_or_default());
    w.row("report", "", "label", &strings::period_label(d.period(), d.range));
    w.row("report", "", "from", &iso(d.range.from));
    w.row("report", "", "to", &iso(d.range.to));
    w.row("report", "", "previous_from", &iso(d.previous.range.from));
    w.row("report", "", "previous_to", &iso(d.previous.range.to));
    w.row("report", "", "currency", &d.currency);
    dashboard(&mut w, d);
    if let Loaded::Team(team) = loaded {
        for line in &team.reps {
            funnel(&mut w, "rep_funnel", &line.name, &line.funnel);
            funnel(&mut w, "rep_previous_funnel", &line.name, &line.previous.funnel);
            for v in &line.volumes {
                volume(&mut w, "rep_volume", &line.name, &format!("{}.", v.kind.as_str()), v, d.range.weeks());
            }
            for alert in &line.alerts {
                w.row("rep_alert", &line.name, alert.code(), &alert_text(alert, d));
            }
        }
    }
    w.finish()
}

fn dashboard(w: &mut Writer, d: &Dashboard) {
    funnel(w, "funnel", "", &d.funnel);
    funnel(w, "previous_funnel", "", &d.previous.funnel);
    if let Some(team) = &d.team_funnel {
        funnel(w, "team_funnel", "", team);
    }
    for v in &d.volumes {
        volume(w, "volume", v.kind.as_str(), "", v, d.range.weeks());
        let before = d.previous.done(v.kind);
        w.int("volume", v.kind.as_str(), "previous_done", before);
        w.int("volume", v.kind.as_str(), "change", v.done - before);
    }
    let q = &d.qualified;
    w.int("qualified", "", "real_chance", q.real_chance);
    w.int("qualified", "", "no_real_chance", q.no_real_chance);
    w.int("qualified", "", "not_assessed", q.not_assessed);
    w.rate("qualified", "", "real_chance_rate", q.real_chance_rate());
    for (section, (rows, before)) in ["channel", "message", "segment"].into_iter().zip(d.breakdowns()) {
        for row in rows {
            breakdown(w, section, row, same_key(before, &row.key));
        }
    }
    for (day, name) in DAYS.iter().enumerate() {
        for hour in 0..24 {
            w.int("heatmap", name, &format!("{hour:02}"), d.heatmap.touches[day][hour]);
        }
        w.int("heatmap", name, "untimed", d.heatmap.untimed[day]);
    }
    w.row("blocks", "", "text", &format_blocks(&d.blocks));
    w.rate("blocks", "", "in_blocks", d.in_blocks);
    let t = &d.trends;
    for (i, monday) in t.weeks.iter().enumerate() {
        let week = iso(*monday);
        w.int("trend", &week, "touches", t.touches[i]);
        w.int("trend", &week, "meetings", t.meetings[i]);
        w.int("trend", &week, "opportunities", t.opportunities[i]);
        w.int("trend", &week, "pipeline_minor", t.pipeline_minor[i]);
    }
    for alert in &d.alerts {
        w.row("alert", "", alert.code(), &alert_text(alert, d));
    }
}

fn funnel(w: &mut Writer, section: &str, key: &str, f: &Funnel) {
    w.int(section, key, "touches", f.touches);
    w.int(section, key, "conversations", f.conversations);
    w.int(section, key, "meetings", f.meetings);
    w.int(section, key, "opportunities", f.opportunities);
    w.int(section, key, "pipeline_minor", f.pipeline_minor);
    w.rate(section, key, "conversation_rate", f.conversation_rate());
    w.rate(section, key, "meeting_rate", f.meeting_rate());
    w.rate(section, key, "opportunity_rate", f.opportunity_rate());
}

/// A volume's rows; `prefix` goes before each metric (a rep's line puts the kind there).
fn volume(w: &mut Writer, section: &str, key: &str, prefix: &str, v: &Volume, weeks: f64) {
    w.int(section, key, &format!("{prefix}done"), v.done);
    w.rate(section, key, &format!("{prefix}target"), v.target);
    w.rate(section, key, &format!("{prefix}target_per_week"), v.target_per_week(weeks));
    w.rate(section, key, &format!("{prefix}progress"), v.progress());
}

/// A breakdown row; `before`, the same key's row over the days compared with, gives the
/// `previous_` fields (0 and no rate when the key had no activity then).
fn breakdown(w: &mut Writer, section: &str, row: &BreakdownRow, before: Option<&BreakdownRow>) {
    let key = &row.key;
    w.int(section, key, "touches", row.touches);
    w.int(section, key, "conversations", row.conversations);
    w.int(section, key, "booked", row.booked);
    w.int(section, key, "meetings", row.meetings);
    w.int(section, key, "opportunities", row.opportunities);
    w.rate(section, key, "meetings_per_touch", row.meetings_per_touch());
    w.rate(section, key, "opportunities_per_meeting", row.opportunities_per_meeting());
    let before = before.cloned().unwrap_or_default();
    w.int(section, key, "previous_touches", before.touches);
    w.int(section, key, "previous_meetings", before.meetings);
    w.int(section, key, "previous_opportunities", before.opportunities);
    w.rate(section, key, "previous_meetings_per_touch", before.meetings_per_touch());
}

/// CSV rows as RFC 4180 says: CRLF line ends, fields quoted when they hold a comma, a quote
/// or a line break, quotes doubled.
/// Rows written with the `csv` crate (quoted as needed, CRLF), each text made safe.
struct Writer(csv::Writer<Vec<u8>>);

impl Writer {
    fn new() -> Writer {
        Writer(csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new()))
    }

    fn row(&mut self, section: &str, key: &str, metric: &str, value: &str) {
        let record = [section, key, metric, value].map(spreadsheet_cell);
        // Writing to memory cannot fail.
        let _ = self.0.write_record(record.iter().map(AsRef::<str>::as_ref));
    }

    fn finish(self) -> String {
        String::from_utf8(self.0.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    fn int(&mut self, section: &str, key: &str, metric: &str, value: i64) {
        self.row(section, key, metric, &value.to_string());
    }

    /// A fraction or a number that may be missing (empty value).
    fn rate(&mut self, section: &str, key: &str, metric: &str, value: Option<f64>) {
        self.row(section, key, metric, &value.map(|v| v.to_string()).unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_when_needed() {
        let mut w = Writer::new();
        w.row("segment", "Health, care", "text", "say \"hi\"\nthere");
        w.row("a", "", "b", "=cmd|' /C calc'!A0");
        assert_eq!(
            w.finish(),
            "segment,\"Health, care\",text,\"say \"\"hi\"\"\nthere\"\r\na,,b,'=cmd|' /C calc'!A0\r\n"
        );
    }
}
