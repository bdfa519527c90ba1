//! Deals (opportunities) and the facts the challenge looks at.

use chrono::NaiveDate;

use super::dates::days_between;
use super::ids::{DealId, RepId};
use super::word_enum;

word_enum! {
    /// Whether the deal is still being worked.
    pub enum DealStatus {
        Open => "open",
        Won => "won",
        Lost => "lost",
    }
}

word_enum! {
    /// The forecast category the rep (or the manager's verdict) puts the deal in.
    pub enum Forecast {
        Pipeline => "pipeline",
        BestCase => "best_case",
        Commit => "commit",
        Won => "won",
        Lost => "lost",
    }
}

/// A deal as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deal {
    pub id: DealId,
    pub external_id: Option<String>,
    pub rep_id: RepId,
    pub account: String,
    pub name: String,
    pub amount_minor: i64,
    pub currency: String,
    /// The stage key from the script (`questions.toml`).
    pub stage: String,
    pub stage_entered_on: NaiveDate,
    pub close_on: Option<NaiveDate>,
    pub forecast: Forecast,
    pub sponsor_name: Option<String>,
    pub sponsor_role: Option<String>,
    pub next_step: Option<String>,
    pub next_step_on: Option<NaiveDate>,
    pub source_channel: Option<String>,
    pub segment: Option<String>,
    pub status: DealStatus,
    pub created_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
}

impl Deal {
    /// Days since the deal entered its current stage (0 on the day it entered).
    pub fn days_in_stage(&self, today: NaiveDate) -> i64 {
        days_between(self.stage_entered_on, today).max(0)
    }

    /// Days past the expected close date, if that date has passed.
    pub fn days_past_close(&self, today: NaiveDate) -> Option<i64> {
        let close = self.close_on?;
        let late = days_between(close, today);
        (late > 0).then_some(late)
    }

    /// Whether a sponsor is named.
    pub fn has_sponsor(&self) -> bool {
        self.sponsor_name.as_deref().is_some_and(|name| !name.trim().is_empty())
    }

    /// Whether the next step is missing, or its date has passed.
    pub fn next_step_problem(&self, today: NaiveDate) -> Option<NextStepProblem> {
        match (&self.next_step, self.next_step_on) {
            (None, _) => Some(NextStepProblem::Missing),
            (Some(text), _) if text.trim().is_empty() => Some(NextStepProblem::Missing),
            (Some(_), Some(on)) if on < today => Some(NextStepProblem::Overdue(days_between(on, today))),
            _ => None,
        }
    }
}

/// What is wrong with a deal's next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStepProblem {
    Missing,
    /// Overdue by this many days.
    Overdue(i64),
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn sample_deal() -> Deal {
        Deal {
            id: DealId(1),
            external_id: None,
            rep_id: RepId(1),
            account: "Acme".into(),
            name: "Rollout".into(),
            amount_minor: 1_200_000,
            currency: "EUR".into(),
            stage: "proposal".into(),
            stage_entered_on: d(2026, 10, 17),
            close_on: Some(d(2026, 11, 20)),
            forecast: Forecast::Commit,
            sponsor_name: None,
            sponsor_role: None,
            next_step: Some("Call CFO".into()),
            next_step_on: Some(d(2026, 11, 25)),
            source_channel: None,
            segment: None,
            status: DealStatus::Open,
            created_on: d(2026, 9, 1),
            closed_on: None,
        }
    }

    #[test]
    fn days_in_stage_counts_from_entry() {
        let deal = sample_deal();
        assert_eq!(deal.days_in_stage(d(2026, 11, 27)), 41);
        assert_eq!(deal.days_in_stage(d(2026, 10, 17)), 0);
        assert_eq!(deal.days_in_stage(d(2026, 10, 1)), 0, "a future entry date is not negative");
    }

    #[test]
    fn close_date_passed() {
        let deal = sample_deal();
        assert_eq!(deal.days_past_close(d(2026, 11, 27)), Some(7));
        assert_eq!(deal.days_past_close(d(2026, 11, 20)), None);
        let undated = Deal { close_on: None, ..sample_deal() };
        assert_eq!(undated.days_past_close(d(2026, 11, 27)), None);
    }

    #[test]
    fn sponsor_and_next_step() {
        let mut deal = sample_deal();
        assert!(!deal.has_sponsor());
        deal.sponsor_name = Some("  ".into());
        assert!(!deal.has_sponsor());
        deal.sponsor_name = Some("Ines (CFO)".into());
        assert!(deal.has_sponsor());

        assert_eq!(deal.next_step_problem(d(2026, 11, 27)), Some(NextStepProblem::Overdue(2)));
        assert_eq!(deal.next_step_problem(d(2026, 11, 25)), None);
        deal.next_step = None;
        assert_eq!(deal.next_step_problem(d(2026, 11, 1)), Some(NextStepProblem::Missing));
        deal.next_step = Some("Demo".into());
        deal.next_step_on = None;
        assert_eq!(deal.next_step_problem(d(2026, 11, 1)), None);
    }
}
