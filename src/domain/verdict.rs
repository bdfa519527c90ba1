//! The manager's verdict at the end of a deal's challenge.

use chrono::NaiveDate;

use super::deal::Forecast;
use super::ids::{DealId, ReviewId};

/// Forecast categories a verdict may give (won and lost are outcomes, not forecasts).
pub const VERDICT_FORECASTS: [Forecast; 3] = [Forecast::Pipeline, Forecast::BestCase, Forecast::Commit];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub review_id: ReviewId,
    pub deal_id: DealId,
    /// The deal's forecast when the verdict was given: the rep's call.
    pub rep_forecast: Forecast,
    pub forecast: Forecast,
    /// Why, when the manager overrules the rep.
    pub comment: String,
    /// 1 (a long shot) to 5 (as good as signed).
    pub confidence: Option<u8>,
    pub next_step: Option<String>,
    pub next_step_on: Option<NaiveDate>,
    pub stage_from: String,
    pub stage_to: String,
}

impl Verdict {
    /// The manager put the deal in another forecast category than the rep.
    pub fn overrules(&self) -> bool {
        self.forecast != self.rep_forecast
    }

    /// The verdict moved the deal to another stage.
    pub fn moves_stage(&self) -> bool {
        self.stage_from != self.stage_to
    }
}

/// The manager's verdict on a deal, as entered at the end of its challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictInput {
    /// Pipeline, best case or commit.
    pub forecast: Forecast,
    /// Why, when the manager overrules the rep.
    pub comment: String,
    /// 1 to 5.
    pub confidence: Option<u8>,
    /// The agreed next step: it becomes the deal's next step (`None` or blank: no next step).
    pub next_step: Option<String>,
    pub next_step_on: Option<NaiveDate>,
    /// The stage the deal is in after the verdict: its current stage, or the one it moves to.
    pub stage_to: String,
}
