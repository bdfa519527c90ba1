//! The prospecting pane's two forms: a rep's weekly targets and planned blocks (`e`), and
//! quick logging of an activity or a weekly count (`l`) for teams with no CRM export.
//! Building a form from what is shown, and reading it back, are pure.

use chrono::{NaiveDate, NaiveTime};

use super::form::{Form, Kind, choices};
use super::strings;
use crate::dashboard::Block;
use crate::domain::activity::{ActivityKind, Outcome};
use crate::domain::blocks::{format_blocks, parse_blocks};
use crate::domain::metrics::{Target, TargetKind};
use crate::domain::money::amount_input;
use crate::store::prospecting::ActivityInput;

/// The fields of the targets form: one per kind of target, then the planned blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetField {
    Target(TargetKind),
    Blocks,
}

/// The fields of the log form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogField {
    Kind,
    Count,
    When,
    Outcome,
    Channel,
    Segment,
    Message,
    Qualified,
}

/// The form of a rep's weekly targets, one field per kind, and their planned blocks.
pub fn targets_form(targets: &[Target], blocks: &[Block]) -> Form<TargetField> {
    let mut form = Form::new();
    for kind in TargetKind::ALL {
        let value = targets.iter().find(|t| t.kind == kind).map(|t| match kind {
            TargetKind::Pipeline => amount_input(t.per_week),
            _ => t.per_week.to_string(),
        });
        let kind_of = if kind == TargetKind::Pipeline { Kind::Amount } else { Kind::Line };
        form = form.field(
            TargetField::Target(kind),
            &strings::target_label(kind),
            kind_of,
            value.as_deref().unwrap_or(""),
        );
    }
    form.field(TargetField::Blocks, strings::FIELD_BLOCKS, Kind::Line, &format_blocks(blocks))
        .focus_on(TargetField::Target(TargetKind::Activity(ActivityKind::Call)))
}

/// Each kind's weekly target, `None` when the field is left empty.
pub type WeeklyTargets = Vec<(TargetKind, Option<i64>)>;

/// The targets and blocks the form holds, or what is wrong.
pub fn read_targets(form: &Form<TargetField>) -> Result<(WeeklyTargets, Vec<Block>), String> {
    let mut targets = Vec::new();
    for kind in TargetKind::ALL {
        let text = form.text(TargetField::Target(kind));
        let value = if text.is_empty() {
            None
        } else if kind == TargetKind::Pipeline {
            Some(form.amount(TargetField::Target(kind))?)
        } else {
            Some(text.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| strings::not_a_count(&text))?)
        };
        targets.push((kind, value));
    }
    let blocks = parse_blocks(&form.text(TargetField::Blocks)).map_err(|err| err.to_string())?;
    Ok((targets, blocks))
}

/// The form of one activity or a count of them, done today unless said otherwise.
pub fn log_form() -> Form<LogField> {
    Form::new()
        .field(
            LogField::Kind,
            strings::FIELD_KIND,
            choices(ActivityKind::ALL, ActivityKind::as_str, strings::activity_kind_name),
            "call",
        )
        .field(LogField::Count, strings::FIELD_COUNT, Kind::Line, "1")
        .field(LogField::When, strings::FIELD_WHEN, Kind::PastDate, "today")
        .field(
            LogField::Outcome,
            strings::FIELD_OUTCOME,
            choices(Outcome::ALL, Outcome::as_str, strings::outcome_name),
            "none",
        )
        .field(LogField::Channel, strings::FIELD_CHANNEL, Kind::Line, "")
        .field(LogField::Segment, strings::FIELD_SEGMENT, Kind::Line, "")
        .field(LogField::Message, strings::FIELD_MESSAGE, Kind::Line, "")
        .field(
            LogField::Qualified,
            strings::FIELD_REAL_CHANCE,
            Kind::Choice(vec![
                (String::new(), strings::NOT_ASSESSED.to_string()),
                ("yes".to_string(), strings::YES.to_string()),
                ("no".to_string(), strings::NO.to_string()),
            ]),
            "",
        )
        .placeholder(LogField::Count)
        .placeholder(LogField::When)
        .focus_on(LogField::Kind)
}

/// The activity the form holds, or what is wrong. It is dated at midnight, which says "no
/// time of day": the runner puts the time of logging on an activity done today.
pub fn read_log(form: &Form<LogField>, today: NaiveDate) -> Result<ActivityInput, String> {
    let count_text = form.text(LogField::Count);
    let count = count_text.parse::<i64>().ok().filter(|n| *n >= 1).ok_or_else(|| strings::not_a_count(&count_text))?;
    let day: NaiveDate = form.date(LogField::When, today)?.unwrap_or(today);
    let optional = |key: LogField| Some(form.text(key)).filter(|t| !t.is_empty());
    let kind = ActivityKind::from_word(&form.text(LogField::Kind)).unwrap_or(ActivityKind::Call);
    Ok(ActivityInput {
        occurred_at: day.and_time(NaiveTime::MIN),
        kind,
        channel: optional(LogField::Channel),
        segment: optional(LogField::Segment),
        message: optional(LogField::Message),
        outcome: Outcome::from_word(&form.text(LogField::Outcome)).unwrap_or(Outcome::None),
        qualified: match form.text(LogField::Qualified).as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn typed<K: Copy + PartialEq>(form: &mut Form<K>, text: &str) {
        for c in text.chars() {
            form.handle(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    #[test]
    fn targets_round_trip() {
        let targets = [
            Target { kind: TargetKind::Activity(ActivityKind::Call), per_week: 40 },
            Target { kind: TargetKind::Pipeline, per_week: 5_000_000 },
        ];
        let blocks = parse_blocks("tue 9-11, thu 9-11").unwrap();
        let form = targets_form(&targets, &blocks);
        assert_eq!(form.text(TargetField::Target(TargetKind::Activity(ActivityKind::Call))), "40");
        assert_eq!(form.text(TargetField::Target(TargetKind::Pipeline)), "50000");
        let (read, read_blocks) = read_targets(&form).unwrap();
        assert_eq!(read[0], (TargetKind::Activity(ActivityKind::Call), Some(40)));
        assert_eq!(
            read.iter().find(|(k, _)| *k == TargetKind::Pipeline),
            Some(&(TargetKind::Pipeline, Some(5_000_000)))
        );
        assert_eq!(read.iter().find(|(k, _)| *k == TargetKind::Opportunity), Some(&(TargetKind::Opportunity, None)));
        assert_eq!(read_blocks, blocks);
    }

    #[test]
    fn a_pipeline_target_with_cents_survives_moving_through_the_form() {
        let targets = [Target { kind: TargetKind::Pipeline, per_week: 50_050 }];
        let mut form = targets_form(&targets, &[]);
        assert_eq!(form.text(TargetField::Target(TargetKind::Pipeline)), "500.50");
        // Every move between fields saves every target: the cents must not be lost.
        while form.next_field() {}
        let (read, _) = read_targets(&form).unwrap();
        assert_eq!(read.iter().find(|(k, _)| *k == TargetKind::Pipeline), Some(&(TargetKind::Pipeline, Some(50_050))));
    }

    #[test]
    fn bad_targets_say_why() {
        let mut form = targets_form(&[], &[]);
        typed(&mut form, "forty");
        assert!(read_targets(&form).unwrap_err().contains("forty"));
        let mut form = targets_form(&[], &[]).focus_on(TargetField::Blocks);
        typed(&mut form, "someday 9-11");
        assert!(read_targets(&form).is_err());
    }

    #[test]
    fn a_weekly_count_is_one_row() {
        let mut form = log_form();
        form.handle(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
        typed(&mut form, "45");
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let input = read_log(&form, today).unwrap();
        assert_eq!(input.count, 45);
        assert_eq!(input.kind, ActivityKind::Call);
        assert_eq!(input.occurred_at, today.and_time(NaiveTime::MIN));
        assert_eq!(input.qualified, None);
        let mut form = log_form();
        form.handle(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
        typed(&mut form, "0");
        assert!(read_log(&form, today).is_err());
    }
}
