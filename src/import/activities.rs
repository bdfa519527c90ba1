//! The rows of an activities file as prospecting actions: sparring's own CSV, or a CRM's
//! activity report (Salesforce tasks and events, HubSpot calls, emails and meetings) whose
//! types and results are mapped to sparring's kind, channel and outcome. The mapping is
//! documented in docs/import.md and can be changed in the config file.

use std::collections::HashMap;

use chrono::{NaiveDateTime, NaiveTime};

use super::dates::{self, DateOrder};
use super::formats::{Format, MapField};
use super::{BadRow, ImportError};
use crate::domain::activity::{ActivityKind, Outcome};

/// A field of an activity an import can fill, by the word `--map` and sparring's CSV use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityColumn {
    Id,
    Date,
    Time,
    Rep,
    Kind,
    Channel,
    Segment,
    Message,
    Outcome,
    Qualified,
    Count,
    Deal,
    /// A CRM's subject line: tells the kind when the type column is empty ("Call: …").
    Subject,
    /// A CRM task's status: tasks not completed were not done.
    Status,
    /// HubSpot's meeting outcome: meetings that did not happen are skipped.
    MeetingOutcome,
}

impl ActivityColumn {
    pub const ALL: [ActivityColumn; 15] = [
        ActivityColumn::Id,
        ActivityColumn::Date,
        ActivityColumn::Time,
        ActivityColumn::Rep,
        ActivityColumn::Kind,
        ActivityColumn::Channel,
        ActivityColumn::Segment,
        ActivityColumn::Message,
        ActivityColumn::Outcome,
        ActivityColumn::Qualified,
        ActivityColumn::Count,
        ActivityColumn::Deal,
        ActivityColumn::Subject,
        ActivityColumn::Status,
        ActivityColumn::MeetingOutcome,
    ];

    /// sparring's CSV, in this order (the CRM-only fields are not part of it).
    pub const SPARRING: [ActivityColumn; 12] = [
        ActivityColumn::Id,
        ActivityColumn::Date,
        ActivityColumn::Time,
        ActivityColumn::Rep,
        ActivityColumn::Kind,
        ActivityColumn::Channel,
        ActivityColumn::Segment,
        ActivityColumn::Message,
        ActivityColumn::Outcome,
        ActivityColumn::Qualified,
        ActivityColumn::Count,
        ActivityColumn::Deal,
    ];

    pub fn word(self) -> &'static str {
        match self {
            ActivityColumn::Id => "external_id",
            ActivityColumn::Date => "date",
            ActivityColumn::Time => "time",
            ActivityColumn::Rep => "rep",
            ActivityColumn::Kind => "kind",
            ActivityColumn::Channel => "channel",
            ActivityColumn::Segment => "segment",
            ActivityColumn::Message => "message",
            ActivityColumn::Outcome => "outcome",
            ActivityColumn::Qualified => "qualified",
            ActivityColumn::Count => "count",
            ActivityColumn::Deal => "deal",
            ActivityColumn::Subject => "subject",
            ActivityColumn::Status => "status",
            ActivityColumn::MeetingOutcome => "meeting_outcome",
        }
    }

    pub fn from_word(word: &str) -> Option<ActivityColumn> {
        let word = word.trim().to_ascii_lowercase();
        let alias = match word.as_str() {
            "id" => "external_id",
            "owner" => "rep",
            "type" => "kind",
            "real_chance" => "qualified",
            other => other,
        };
        ActivityColumn::ALL.into_iter().find(|c| c.word() == alias)
    }
}

/// The headers of each CRM's activity export, by field.
fn headers(format: Format, column: ActivityColumn) -> &'static [&'static str] {
    use ActivityColumn as C;
    match (format, column) {
        (Format::Salesforce, C::Id) => &["Activity ID", "Task ID", "Event ID", "Id"],
        (Format::Salesforce, C::Date) => {
            &["Date", "Activity Date", "ActivityDate", "Start", "StartDateTime", "Due Date", "Completed Date/Time"]
        }
        (Format::Salesforce, C::Rep) => &["Assigned", "Assigned To", "Assigned Name", "Owner.Name", "OwnerId"],
        (Format::Salesforce, C::Kind) => &["Type", "Activity Type", "TaskSubtype", "EventSubtype"],
        (Format::Salesforce, C::Outcome) => &["Call Result", "CallDisposition", "Call Disposition"],
        (Format::Salesforce, C::Subject) => &["Subject"],
        (Format::Salesforce, C::Status) => &["Status"],
        (Format::Salesforce, C::Deal) => &["Opportunity ID", "WhatId", "Related To ID"],
        (Format::Hubspot, C::Id) => &["Record ID", "Activity ID", "Engagement ID"],
        (Format::Hubspot, C::Date) => &["Activity date", "Activity Date"],
        (Format::Hubspot, C::Rep) => &["Activity assigned to", "Assigned to", "Activity Assigned To"],
        (Format::Hubspot, C::Kind) => &["Activity type", "Activity Type"],
        (Format::Hubspot, C::Outcome) => &["Call outcome", "Call Outcome"],
        (Format::Hubspot, C::MeetingOutcome) => &["Meeting outcome", "Meeting Outcome"],
        (Format::Hubspot, C::Subject) => &["Call title", "Meeting name", "Email subject", "Subject"],
        (Format::Hubspot, C::Deal) => &["Associated Deal IDs", "Associated Deal ID"],
        (Format::Sparring, column) => match column {
            C::Id => &["external_id", "id"],
            C::Date => &["date", "occurred_at"],
            C::Time => &["time"],
            C::Rep => &["rep"],
            C::Kind => &["kind"],
            C::Channel => &["channel"],
            C::Segment => &["segment"],
            C::Message => &["message"],
            C::Outcome => &["outcome"],
            C::Qualified => &["qualified", "real_chance"],
            C::Count => &["count"],
            C::Deal => &["deal", "deal_id"],
            C::Subject | C::Status | C::MeetingOutcome => &[],
        },
        _ => &[],
    }
}

/// Which column of the file holds each field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityColumns {
    pub format: Format,
    by_field: HashMap<ActivityColumn, usize>,
}

impl ActivityColumns {
    pub fn get(&self, column: ActivityColumn) -> Option<usize> {
        self.by_field.get(&column).copied()
    }
}

impl MapField for ActivityColumn {
    const OF: &'static str = "an activity";
    fn from_word(word: &str) -> Option<Self> {
        ActivityColumn::from_word(word)
    }
    fn words() -> Vec<&'static str> {
        ActivityColumn::ALL.iter().map(|c| c.word()).collect()
    }
}

/// The columns of an activities file with these headers: its format's (recognised when
/// `format` is auto), then the `--map` pairs over them.
pub fn activity_columns(
    file: &str,
    file_headers: &[String],
    format: Format,
    map: &[(String, ActivityColumn)],
) -> Result<ActivityColumns, ImportError> {
    let column = |name: &str| file_headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let find = |format: Format| -> HashMap<ActivityColumn, usize> {
        ActivityColumn::ALL
            .into_iter()
            .filter_map(|c| headers(format, c).iter().find_map(|h| column(h)).map(|i| (c, i)))
            .collect()
    };
    if format == Format::Pipedrive {
        return Err(ImportError::Usage(format!(
            "{file}: sparring does not know Pipedrive's activity export yet: import it with --format sparring \
             and --map 'HEADER=field,…' naming its columns (fields in docs/import.md)"
        )));
    }
    let format = match format {
        Format::Auto => {
            let candidates = [Format::Salesforce, Format::Hubspot, Format::Sparring];
            candidates
                .into_iter()
                .map(|f| (f, find(f).len()))
                .filter(|(_, n)| *n >= 3)
                .max_by_key(|(f, n)| (*n, *f == Format::Sparring))
                .map_or(Format::Sparring, |(f, _)| f)
        }
        other => other,
    };
    let mut by_field = find(format);
    for (header, field) in map {
        let Some(i) = column(header) else {
            return Err(ImportError::Usage(format!(
                "--map: {file}: no column {header:?} (columns: {})",
                file_headers.join(", ")
            )));
        };
        by_field.insert(*field, i);
    }
    let columns = ActivityColumns { format, by_field };
    let mut missing: Vec<&str> = [ActivityColumn::Date, ActivityColumn::Rep]
        .into_iter()
        .filter(|c| columns.get(*c).is_none())
        .map(ActivityColumn::word)
        .collect();
    let kind_known =
        [ActivityColumn::Kind, ActivityColumn::Subject, ActivityColumn::Outcome, ActivityColumn::MeetingOutcome]
            .iter()
            .any(|c| columns.get(*c).is_some());
    if !kind_known {
        missing.push("kind");
    }
    if !missing.is_empty() {
        return Err(ImportError::Usage(format!(
            "{file}: cannot tell which columns hold {} (read as {} format; columns: {}). Name them with --map 'HEADER=field,…'",
            missing.join(", "),
            columns.format.source(),
            file_headers.join(", ")
        )));
    }
    Ok(columns)
}

/// What a CRM's type word means: an activity of a kind on a channel, or not an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindRule {
    Activity {
        kind: ActivityKind,
        channel: Option<String>,
    },
    /// A to-do, a note: not a prospecting action; the row is skipped and counted.
    Skip,
}

/// What a CRM's call result or meeting outcome means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeRule {
    Reached(Outcome),
    /// A meeting that did not happen (no show, cancelled): the row is skipped.
    NotHeld,
}

/// The mapping of CRM words to sparring's, built in and overridden by the config file
/// (`[import.activities.kinds]`, `[import.activities.outcomes]`), keys in lower case.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    pub kinds: HashMap<String, KindRule>,
    pub outcomes: HashMap<String, OutcomeRule>,
}

/// How a CRM type reads when neither the config nor sparring's words say.
fn builtin_kind(word: &str) -> Option<KindRule> {
    let activity = |kind, channel: &str| Some(KindRule::Activity { kind, channel: Some(channel.to_string()) });
    match word {
        "call" | "calls" | "phone call" | "outbound call" | "cold call" | "log a call" | "call - outbound" => {
            activity(ActivityKind::Call, "phone")
        }
        "email" | "emails" | "e-mail" | "sent email" | "outbound email" | "list email" | "email - outbound" => {
            activity(ActivityKind::Email, "email")
        }
        "linkedin" | "linkedin message" | "linkedin_message" | "inmail" | "social" | "social selling" => {
            activity(ActivityKind::Social, "linkedin")
        }
        "sms" | "text message" => activity(ActivityKind::Social, "sms"),
        "whatsapp" | "whatsapp message" => activity(ActivityKind::Social, "whatsapp"),
        "meeting" | "meetings" | "demo" | "appointment" | "visit" | "presentation" | "video call" => {
            Some(KindRule::Activity { kind: ActivityKind::Meeting, channel: None })
        }
        "webinar" | "trade show" | "tradeshow" | "conference" | "seminar" | "event" => {
            Some(KindRule::Activity { kind: ActivityKind::Event, channel: None })
        }
        "to do" | "todo" | "task" | "tasks" | "note" | "notes" | "other" => Some(KindRule::Skip),
        _ => None,
    }
}

/// How a CRM call result or meeting outcome reads.
fn builtin_outcome(word: &str) -> Option<OutcomeRule> {
    let o = |outcome| Some(OutcomeRule::Reached(outcome));
    match word {
        // A meeting on the calendar at that date ("scheduled") is taken as held.
        "" | "no answer" | "busy" | "left voicemail" | "voicemail" | "wrong number" | "not reached" | "no response"
        | "failed" | "bounced" | "gatekeeper" | "not connected" | "completed" | "scheduled" | "rescheduled" => {
            o(Outcome::None)
        }
        "connected" | "spoke" | "reached" | "answered" | "talked" | "left live message" | "interested"
        | "not interested" | "replied" | "reply" | "call back later" | "callback" => o(Outcome::Conversation),
        "meeting booked" | "meeting scheduled" | "meeting set" | "appointment set" | "booked" => o(Outcome::Meeting),
        "opportunity created" | "qualified" => o(Outcome::Opportunity),
        "no show" | "no-show" | "canceled" | "cancelled" => Some(OutcomeRule::NotHeld),
        _ => None,
    }
}

impl Mapping {
    fn kind(&self, word: &str) -> Option<KindRule> {
        let word = word.trim().to_lowercase();
        if let Some(rule) = self.kinds.get(&word) {
            return Some(rule.clone());
        }
        builtin_kind(&word)
            .or_else(|| ActivityKind::from_word(&word).map(|kind| KindRule::Activity { kind, channel: None }))
    }

    fn outcome(&self, word: &str) -> Option<OutcomeRule> {
        let word = word.trim().to_lowercase();
        if let Some(outcome) = self.outcomes.get(&word) {
            return Some(*outcome);
        }
        if let Some(outcome) = Outcome::from_word(&word) {
            return Some(OutcomeRule::Reached(outcome));
        }
        builtin_outcome(&word)
    }
}

/// An activity as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedActivity {
    pub line: u64,
    /// `source:id`; `None` when the file has no id column (the store keys the row by its content).
    pub external_id: Option<String>,
    pub rep: String,
    pub occurred_at: NaiveDateTime,
    pub kind: ActivityKind,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub message: Option<String>,
    pub outcome: Outcome,
    pub qualified: Option<bool>,
    pub count: i64,
    /// The related deal's `source:id`.
    pub deal: Option<String>,
}

/// What one row came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadRow {
    Activity(ImportedActivity),
    /// Not an action done (a to-do, a planned task, a meeting that did not happen): why, for
    /// the summary ("of type \"To Do\"").
    Skipped(String),
    Bad(Vec<BadRow>),
}

/// A row's reader: the columns, the mapping, the date order once known, and the words it
/// did not know (read as "no answer"), for the summary.
pub struct ActivityReader<'a> {
    pub file: &'a str,
    pub headers: &'a [String],
    pub columns: &'a ActivityColumns,
    pub mapping: &'a Mapping,
    pub date_order: Option<DateOrder>,
    pub unknown_outcomes: HashMap<String, usize>,
}

/// What the reader needs from outside while reading: the file's date order, found by a
/// look at the whole file the first time a day/month date is seen.
pub type DateOrderLookup<'a> = dyn FnMut() -> Result<Option<DateOrder>, ImportError> + 'a;

impl ActivityReader<'_> {
    /// Reads one record; `detect` is called once, at the first day/month date, when no
    /// `--date-order` was given.
    pub fn read(
        &mut self,
        line: u64,
        record: &csv::StringRecord,
        detect: &mut DateOrderLookup<'_>,
    ) -> Result<ReadRow, ImportError> {
        use ActivityColumn as C;
        let cell = |c: C| self.columns.get(c).and_then(|i| record.get(i)).unwrap_or("");
        let text =
            |c: C| Some(crate::domain::text::from_spreadsheet_cell(cell(c)).to_string()).filter(|s| !s.is_empty());
        let mut problems = Vec::new();
        let header = |c: C| self.columns.get(c).and_then(|i| self.headers.get(i)).map_or("", String::as_str);
        let mut problem = |c: C, why: &str| {
            problems.push(BadRow {
                file: self.file.to_string(),
                line,
                column: header(c).to_string(),
                value: cell(c).to_string(),
                why: why.to_string(),
            });
        };

        let status = cell(C::Status).to_lowercase();
        if !matches!(status.as_str(), "" | "completed" | "complete" | "done" | "held") {
            return Ok(ReadRow::Skipped(format!("with status {:?}", cell(C::Status))));
        }
        let rule = match (cell(C::Kind), cell(C::Subject)) {
            ("", subject) => {
                // No type: the subject's first word ("Call: …", "Email: …"), else the outcome columns.
                let first = subject.split([':', ' ', '-']).next().unwrap_or("");
                self.mapping.kind(first).filter(|r| *r != KindRule::Skip).or_else(|| {
                    if !cell(C::MeetingOutcome).is_empty() {
                        Some(KindRule::Activity { kind: ActivityKind::Meeting, channel: None })
                    } else if !cell(C::Outcome).is_empty() && self.columns.format == Format::Hubspot {
                        Some(KindRule::Activity { kind: ActivityKind::Call, channel: Some("phone".into()) })
                    } else {
                        None
                    }
                })
            }
            (kind, _) => self.mapping.kind(kind),
        };
        let (kind, mapped_channel) = match rule {
            Some(KindRule::Activity { kind, channel }) => (kind, channel),
            Some(KindRule::Skip) => return Ok(ReadRow::Skipped(format!("of type {:?}", cell(C::Kind)))),
            None if self.columns.format == Format::Sparring => {
                problem(C::Kind, "is not a kind (call, email, social, event, meeting)");
                (ActivityKind::Call, None)
            }
            None => {
                let said = if cell(C::Kind).is_empty() { cell(C::Subject) } else { cell(C::Kind) };
                return Ok(ReadRow::Skipped(format!("of type {said:?}, not mapped (see docs/import.md)")));
            }
        };

        let mut outcome = Outcome::None;
        for column in [C::Outcome, C::MeetingOutcome] {
            let value = cell(column);
            if value.is_empty() {
                continue;
            }
            match self.mapping.outcome(value) {
                Some(OutcomeRule::Reached(o)) => outcome = outcome.max(o),
                Some(OutcomeRule::NotHeld) => {
                    return Ok(ReadRow::Skipped(format!("meeting {value:?}, not held")));
                }
                None if self.columns.format == Format::Sparring => {
                    problem(column, "is not an outcome (none, conversation, meeting, opportunity)");
                }
                None => *self.unknown_outcomes.entry(value.to_string()).or_default() += 1,
            }
        }

        let rep = cell(C::Rep);
        if rep.is_empty() {
            problem(C::Rep, "is empty: every activity needs the rep who did it");
        }
        let date_text = cell(C::Date);
        let day = if date_text.is_empty() {
            problem(C::Date, "is empty: every activity needs its date");
            None
        } else {
            if self.date_order.is_none() && dates::parse(date_text, None).is_none() {
                self.date_order = detect()?;
            }
            let day = dates::parse(date_text, self.date_order);
            if day.is_none() {
                problem(C::Date, "is not a date (2026-12-18, 18/12/2026 or 12/18/2026)");
            }
            day
        };
        let time = match cell(C::Time) {
            "" => time_in(date_text).unwrap_or(NaiveTime::MIN),
            value => read_time(value).unwrap_or_else(|| {
                problem(C::Time, "is not a time (14:30 or 14:30:00)");
                NaiveTime::MIN
            }),
        };
        let qualified = match cell(C::Qualified).to_lowercase().as_str() {
            "" => None,
            "1" | "yes" | "y" | "true" | "oui" => Some(true),
            "0" | "no" | "n" | "false" | "non" => Some(false),
            _ => {
                problem(C::Qualified, "is not yes or no");
                None
            }
        };
        let count = match cell(C::Count) {
            "" => 1,
            value => match value.parse::<i64>() {
                Ok(n) if (1..=1_000_000).contains(&n) => n,
                _ => {
                    problem(C::Count, "is not a count of actions (a whole number from 1)");
                    1
                }
            },
        };
        if !problems.is_empty() {
            return Ok(ReadRow::Bad(problems));
        }
        let source = self.columns.format;
        Ok(ReadRow::Activity(ImportedActivity {
            line,
            external_id: row_key(self.columns, record),
            rep: rep.to_string(),
            occurred_at: NaiveDateTime::new(day.unwrap_or_default(), time),
            kind,
            // sparring's own rows say their channel, or have none.
            channel: text(C::Channel).or(mapped_channel.filter(|_| source != Format::Sparring)),
            segment: text(C::Segment),
            message: text(C::Message),
            outcome,
            qualified,
            count,
            // HubSpot lists several deal ids separated by ';': the first is the one it relates to.
            deal: Some(cell(C::Deal).split(';').next().unwrap_or("").trim())
                .filter(|id| !id.is_empty())
                .map(|id| super::deals::external_id(source, id)),
        }))
    }
}

/// The key a row is stored under when the file gives its id (`source:id`).
pub fn row_key(columns: &ActivityColumns, record: &csv::StringRecord) -> Option<String> {
    let id = columns.get(ActivityColumn::Id).and_then(|i| record.get(i)).filter(|id| !id.is_empty())?;
    Some(super::deals::external_id(columns.format, id))
}

/// The values of the date column, for [`dates::detect`].
pub fn date_values<'r>(columns: &ActivityColumns, record: &'r csv::StringRecord) -> Option<&'r str> {
    columns.get(ActivityColumn::Date).and_then(|i| record.get(i))
}

/// `14:30`, `14:30:05`, `2:30 PM`.
fn read_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    let (clock, pm) = match text.rsplit_once(' ') {
        Some((clock, ampm)) if ampm.eq_ignore_ascii_case("pm") => (clock, Some(true)),
        Some((clock, ampm)) if ampm.eq_ignore_ascii_case("am") => (clock, Some(false)),
        _ => (text, None),
    };
    let mut parts = clock.split(':');
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let second: u32 = match parts.next() {
        // Fractions and zones after the seconds ("05.000Z") are dropped.
        Some(s) => s.get(..2).unwrap_or(s).parse().ok()?,
        None => 0,
    };
    let hour = match pm {
        Some(true) if hour < 12 => hour + 12,
        Some(false) if hour == 12 => 0,
        _ => hour,
    };
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// The time written after a date (`2026-12-20 14:30`, `2026-12-20T14:30:00Z`, `12/18/2026 2:30 PM`).
fn time_in(date: &str) -> Option<NaiveTime> {
    let rest = date.split_once(['T', ' ']).map(|(_, rest)| rest)?;
    read_time(rest.trim_end_matches('Z'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader_for(headers: &[&str], format: Format) -> (Vec<String>, ActivityColumns) {
        let headers: Vec<String> = headers.iter().map(ToString::to_string).collect();
        let columns = activity_columns("a.csv", &headers, format, &[]).unwrap();
        (headers, columns)
    }

    fn read(headers: &[&str], cells: &[&str]) -> ReadRow {
        let (headers, columns) = reader_for(headers, Format::Auto);
        let mapping = Mapping::default();
        let mut reader = ActivityReader {
            file: "a.csv",
            headers: &headers,
            columns: &columns,
            mapping: &mapping,
            date_order: None,
            unknown_outcomes: HashMap::new(),
        };
        let record = csv::StringRecord::from(cells.to_vec());
        reader.read(2, &record, &mut || Ok(Some(DateOrder::Mdy))).unwrap()
    }

    fn activity(row: ReadRow) -> ImportedActivity {
        match row {
            ReadRow::Activity(a) => a,
            other => panic!("not an activity: {other:?}"),
        }
    }

    #[test]
    fn salesforce_tasks_map_to_kinds_channels_and_outcomes() {
        let h = ["Activity ID", "Subject", "Type", "Date", "Assigned", "Status", "Call Result"];
        let a = activity(read(
            &h,
            &["00T1", "Call: intro", "Call", "12/18/2026", "Emma Fischer", "Completed", "Connected"],
        ));
        assert_eq!(a.external_id.as_deref(), Some("salesforce:00T1"));
        assert_eq!(
            (a.kind, a.channel.as_deref(), a.outcome),
            (ActivityKind::Call, Some("phone"), Outcome::Conversation)
        );
        assert_eq!(a.occurred_at.to_string(), "2026-12-18 00:00:00");
        let a = activity(read(&h, &["00T2", "Email: CFO pain", "", "12/18/2026 2:30 PM", "Emma", "Completed", ""]));
        assert_eq!((a.kind, a.outcome), (ActivityKind::Email, Outcome::None), "the subject tells the kind");
        assert_eq!(a.occurred_at.time().to_string(), "14:30:00");
        assert_eq!(
            read(&h, &["00T3", "Follow up", "Call", "12/18/2026", "Emma", "Not Started", ""]),
            ReadRow::Skipped("with status \"Not Started\"".into())
        );
        assert!(matches!(
            read(&h, &["00T4", "Prepare deck", "To Do", "12/18/2026", "Emma", "", ""]),
            ReadRow::Skipped(_)
        ));
    }

    #[test]
    fn hubspot_meetings_that_did_not_happen_are_skipped() {
        let h =
            ["Record ID", "Activity date", "Activity assigned to", "Activity type", "Call outcome", "Meeting outcome"];
        let a = activity(read(&h, &["9", "2026-12-18 10:00", "Hugo", "MEETING", "", "Completed"]));
        assert_eq!((a.kind, a.occurred_at.time().to_string().as_str()), (ActivityKind::Meeting, "10:00:00"));
        assert!(matches!(read(&h, &["10", "2026-12-18", "Hugo", "MEETING", "", "No show"]), ReadRow::Skipped(_)));
        let a = activity(read(&h, &["11", "2026-12-18", "Hugo", "", "Busy", ""]));
        assert_eq!((a.kind, a.outcome), (ActivityKind::Call, Outcome::None), "a call outcome makes it a call");
    }

    #[test]
    fn sparring_rows_refuse_unknown_words_with_their_column() {
        let h = ["date", "time", "rep", "kind", "outcome", "qualified", "count"];
        let ReadRow::Bad(bad) = read(&h, &["2026-12-18", "25:00", "Emma", "fax", "maybe", "perhaps", "0"]) else {
            panic!("bad row expected")
        };
        let columns: Vec<&str> = bad.iter().map(|b| b.column.as_str()).collect();
        assert_eq!(columns, ["kind", "outcome", "time", "qualified", "count"]);
        assert_eq!(
            bad[0].to_string(),
            "a.csv:2: column 'kind': 'fax' is not a kind (call, email, social, event, meeting)"
        );
    }

    #[test]
    fn a_format_without_an_activity_export_says_how_to_import_it() {
        let headers: Vec<String> = ["date", "rep", "kind"].map(String::from).to_vec();
        let err = activity_columns("p.csv", &headers, Format::Pipedrive, &[]).unwrap_err();
        assert!(err.to_string().contains("--map"), "{err}");
        let err = activity_columns("p.csv", &["Wann".to_string()], Format::Auto, &[]).unwrap_err();
        assert!(err.to_string().contains("cannot tell which columns hold date, rep, kind"), "{err}");
    }

    #[test]
    fn times_as_exports_write_them() {
        assert_eq!(read_time("14:30").map(|t| t.to_string()).as_deref(), Some("14:30:00"));
        assert_eq!(read_time("12:05 AM").map(|t| t.to_string()).as_deref(), Some("00:05:00"));
        assert_eq!(time_in("2026-12-20T09:30:05.000Z").map(|t| t.to_string()).as_deref(), Some("09:30:05"));
        assert_eq!(read_time("noon"), None);
    }
}
