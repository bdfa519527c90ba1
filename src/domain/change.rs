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
