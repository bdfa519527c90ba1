//! The prospecting figures of one rep over one period: read from the store, assembled by
//! the pure domain rules. The pane and headless reports share this one code path.

use chrono::NaiveDate;

use crate::domain::alerts::{Alert, alerts};
use crate::domain::ids::RepId;
use crate::domain::metrics::{Funnel, Volume, volumes};
use crate::domain::period::{DateRange, Period};
use crate::store::{Store, StoreError};

/// Everything the prospecting pane shows for a rep and a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub period: Period,
    pub range: DateRange,
    pub funnel: Funnel,
    pub volumes: Vec<Volume>,
    pub alerts: Vec<Alert>,
}

/// Loads the figures for `rep` over `period` as seen on `today`.
pub fn load(store: &Store, rep: RepId, period: Period, today: NaiveDate) -> Result<Dashboard, StoreError> {
    let range = period.range(today);
    let counts = store.activity_counts(rep, range)?;
    let created = store.deals_created(rep, range)?;
    let targets = store.targets(rep)?;
    let funnel = Funnel::new(&counts, created.opportunities, created.pipeline_minor);
    let volumes = volumes(&counts, &funnel, &targets, range.weeks());
    let alerts = alerts(&funnel, &volumes);
    Ok(Dashboard { period, range, funnel, volumes, alerts })
}
