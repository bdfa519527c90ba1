//! Changes of a deal's facts over time, and what moved since the last review.

use chrono::{NaiveDate, NaiveDateTime};

use super::ids::DealId;
use super::word_enum;

word_enum! {
    /// A fact of a deal whose changes are recorded (stage moves are in the stage history).
    pub enum DealField {
        Amount => "amount_minor",
        CloseOn => "close_on",
        Forecast => "forecast",
        SponsorName => "sponsor_name",
        SponsorRole => "sponsor_role",
        NextStep => "next_step",
        NextStepOn => "next_step_on",
    }
}

/// One recorded change: values as stored text (ISO dates, amounts in minor units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealChange {
    pub deal_id: DealId,
    pub field: DealField,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub changed_at: NaiveDateTime,
}

/// A deal's entry into a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageEntry {
    pub deal_id: DealId,
    pub stage: String,
    pub entered_on: NaiveDate,
}

/// Something that moved on a deal since a day (its last review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Movement {
    Stage { to: String, on: NaiveDate },
    ClosePushed { from: NaiveDate, to: NaiveDate },
    ClosePulledIn { from: NaiveDate, to: NaiveDate },
    AmountUp { from: i64, to: i64 },
    AmountDown { from: i64, to: i64 },
}

/// The stage moves, close-date and amount changes after `since`, oldest first. Several
/// changes of the same fact read as one, from the first old value to the last new one.
pub fn movements(since: NaiveDate, changes: &[DealChange], history: &[StageEntry]) -> Vec<Movement> {
    let mut out: Vec<(NaiveDate, Movement)> = history
        .iter()
        .filter(|e| e.entered_on > since)
        .map(|e| (e.entered_on, Movement::Stage { to: e.stage.clone(), on: e.entered_on }))
        .collect();
    let after: Vec<&DealChange> = changes.iter().filter(|c| c.changed_at.date() > since).collect();
    let span = |field: DealField| {
        let mut of_field = after.iter().filter(|c| c.field == field);
        let first = of_field.next()?;
        let last = of_field.next_back().unwrap_or(first);
        Some((first.old_value.clone(), last.new_value.clone(), last.changed_at.date()))
    };
    if let Some((Some(from), Some(to), on)) = span(DealField::CloseOn)
        && let (Some(from), Some(to)) = (super::dates::parse_iso(&from), super::dates::parse_iso(&to))
        && from != to
    {
        out.push((
            on,
            if to > from { Movement::ClosePushed { from, to } } else { Movement::ClosePulledIn { from, to } },
        ));
    }
    if let Some((Some(from), Some(to), on)) = span(DealField::Amount)
        && let (Ok(from), Ok(to)) = (from.parse::<i64>(), to.parse::<i64>())
        && from != to
    {
        out.push((on, if to > from { Movement::AmountUp { from, to } } else { Movement::AmountDown { from, to } }));
    }
    out.sort_by_key(|(on, _)| *on);
    out.into_iter().map(|(_, m)| m).collect()
}

/// Times the close date was moved later, over the whole history.
pub fn close_pushes(changes: &[DealChange]) -> u32 {
    let later = |c: &&DealChange| {
        let old = c.old_value.as_deref().and_then(super::dates::parse_iso);
        let new = c.new_value.as_deref().and_then(super::dates::parse_iso);
        matches!((old, new), (Some(old), Some(new)) if new > old)
    };
    changes.iter().filter(|c| c.field == DealField::CloseOn).filter(later).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn change(field: DealField, old: &str, new: &str, on: NaiveDate) -> DealChange {
        DealChange {
            deal_id: DealId(1),
            field,
            old_value: Some(old.into()),
            new_value: Some(new.into()),
            changed_at: on.and_hms_opt(10, 0, 0).unwrap(),
        }
    }

    #[test]
    fn since_the_last_review() {
        let changes = [
            change(DealField::CloseOn, "2026-11-01", "2026-11-20", d(10, 20)), // before: ignored
            change(DealField::CloseOn, "2026-11-20", "2026-12-15", d(11, 16)),
            change(DealField::CloseOn, "2026-12-15", "2027-01-31", d(11, 20)),
            change(DealField::Amount, "5000000", "4200000", d(11, 18)),
            change(DealField::NextStep, "Call", "Demo", d(11, 18)),
        ];
        let history = [
            StageEntry { deal_id: DealId(1), stage: "discover".into(), entered_on: d(10, 1) },
            StageEntry { deal_id: DealId(1), stage: "proposal".into(), entered_on: d(11, 17) },
        ];
        let moved = movements(d(11, 13), &changes, &history);
        assert_eq!(
            moved,
            vec![
                Movement::Stage { to: "proposal".into(), on: d(11, 17) },
                Movement::AmountDown { from: 5_000_000, to: 4_200_000 },
                Movement::ClosePushed { from: d(11, 20), to: NaiveDate::from_ymd_opt(2027, 1, 31).unwrap() },
            ]
        );
        assert_eq!(close_pushes(&changes), 3);
        assert!(movements(d(11, 25), &changes, &history).is_empty());
    }

    #[test]
    fn back_and_forth_is_no_movement() {
        let changes = [
            change(DealField::CloseOn, "2026-12-01", "2026-12-20", d(11, 16)),
            change(DealField::CloseOn, "2026-12-20", "2026-12-01", d(11, 18)),
        ];
        assert!(movements(d(11, 13), &changes, &[]).is_empty());
        assert_eq!(close_pushes(&changes), 1, "the push still happened");
        let pulled = [change(DealField::CloseOn, "2026-12-20", "2026-12-10", d(11, 16))];
        assert_eq!(
            movements(d(11, 13), &pulled, &[]),
            vec![Movement::ClosePulledIn { from: d(12, 20), to: d(12, 10) }]
        );
    }
}
