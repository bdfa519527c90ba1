//! Hypotheses: what the rep assumes about a deal, how it will be tested, and the result.

use chrono::NaiveDate;

use super::ids::{DealId, HypothesisId, RepId};
use super::word_enum;

word_enum! {
    /// What the assumption is about.
    pub enum Topic {
        Budget => "budget",
        Decision => "decision",
        Competition => "competition",
        Timing => "timing",
        Other => "other",
    }
}

word_enum! {
    pub enum HypothesisStatus {
        Open => "open",
        Confirmed => "confirmed",
        Refuted => "refuted",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hypothesis {
    pub id: HypothesisId,
    pub deal_id: DealId,
    pub rep_id: RepId,
    pub topic: Topic,
    pub statement: String,
    pub test_plan: String,
    pub test_by: Option<NaiveDate>,
    pub status: HypothesisStatus,
    pub result: String,
    pub created_on: NaiveDate,
    pub settled_on: Option<NaiveDate>,
}

impl Hypothesis {
    /// An open hypothesis whose test date has passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == HypothesisStatus::Open && self.test_by.is_some_and(|by| by < today)
    }
}
