//! The prospecting figures of a rep, or of the whole team, over a range of days: read from
//! the store, assembled by the pure domain rules. The pane and `sparring report dashboard`
//! share this one code path, so what the screen says and what the report prints agree.

use chrono::NaiveDate;

use crate::domain::alerts::{Alert, alerts};
use crate::domain::ids::RepId;
use crate::domain::metrics::{Funnel, Volume, volumes};
use crate::domain::period::{DateRange, Period};
use crate::store::{Store, StoreError};

/// Whose figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Rep(RepId),
    Team,
}

/// The days looked at: one of the presets, or any range (reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Preset(Period),
    Custom(DateRange),
}

impl Span {
    pub fn range(self, today: NaiveDate) -> DateRange {
        match self {
            Span::Preset(period) => period.range(today),
            Span::Custom(range) => range,
        }
    }
}

/// Activity of one channel, message or segment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BreakdownRow {
    /// The channel, message or segment ("" when the activity did not say).
    pub key: String,
    pub touches: i64,
    pub conversations: i64,
    pub meetings: i64,
    /// Activities that created an opportunity (so they can be told apart by message).
    pub opportunities: i64,
}

/// Meetings held, by whether they had a real chance of conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Qualified {
    pub real_chance: i64,
    pub no_real_chance: i64,
    pub not_assessed: i64,
}

/// Touches by day of week (0 = Monday) and hour of day (0–23).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Heatmap {
    pub touches: [[i64; 24]; 7],
}

/// A weekly time slot the rep plans for prospecting (e.g. Tuesday 9–11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Block {
    /// 0 = Monday.
    pub weekday: u8,
    /// Hours of the day, `start` included, `end` excluded.
    pub start: u8,
    pub end: u8,
}

/// The last weeks, oldest first, each a full week except the current one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trends {
    /// The Monday of each week.
    pub weeks: Vec<NaiveDate>,
    pub touches: Vec<i64>,
    pub meetings: Vec<i64>,
    pub opportunities: Vec<i64>,
    pub pipeline_minor: Vec<i64>,
}

/// Everything the prospecting pane shows for a scope and a span.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub scope: Scope,
    pub span: Span,
    pub range: DateRange,
    pub funnel: Funnel,
    /// The team's funnel over the same days, to compare a rep's rates with.
    pub team_funnel: Option<Funnel>,
    pub volumes: Vec<Volume>,
    pub qualified: Qualified,
    pub by_channel: Vec<BreakdownRow>,
    pub by_message: Vec<BreakdownRow>,
    pub by_segment: Vec<BreakdownRow>,
    pub heatmap: Heatmap,
    pub blocks: Vec<Block>,
    /// Share of touches made inside the planned blocks, when there are blocks.
    pub in_blocks: Option<f64>,
    pub trends: Trends,
    pub alerts: Vec<Alert>,
    pub currency: String,
}

impl Dashboard {
    /// The preset period shown, if the span is one (the pane's periods always are).
    pub fn period(&self) -> Option<Period> {
        match self.span {
            Span::Preset(period) => Some(period),
            Span::Custom(_) => None,
        }
    }
}

/// One rep's line in the team view.
#[derive(Debug, Clone, PartialEq)]
pub struct RepLine {
    pub rep: RepId,
    pub name: String,
    pub funnel: Funnel,
    pub volumes: Vec<Volume>,
    pub alerts: Vec<Alert>,
}

/// The team view: the team's figures and each rep's side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamDashboard {
    pub team: Dashboard,
    pub reps: Vec<RepLine>,
}

/// Loads the figures for a rep over a span, as seen on `today`.
pub fn load(store: &Store, rep: RepId, span: Span, today: NaiveDate) -> Result<Dashboard, StoreError> {
    let range = span.range(today);
    let counts = store.activity_counts(rep, range)?;
    let created = store.deals_created(rep, range)?;
    let targets = store.targets(rep)?;
    let funnel = Funnel::new(&counts, created.opportunities, created.pipeline_minor);
    let volumes = volumes(&counts, &funnel, &targets, range.weeks());
    let alerts = alerts(&funnel, &volumes);
    Ok(Dashboard {
        scope: Scope::Rep(rep),
        span,
        range,
        funnel,
        team_funnel: None,
        volumes,
        qualified: Qualified::default(),
        by_channel: Vec::new(),
        by_message: Vec::new(),
        by_segment: Vec::new(),
        heatmap: Heatmap::default(),
        blocks: Vec::new(),
        in_blocks: None,
        trends: Trends::default(),
        alerts,
        currency: "EUR".to_string(),
    })
}

/// Loads the team view over a span, as seen on `today`.
pub fn load_team(store: &Store, span: Span, today: NaiveDate) -> Result<TeamDashboard, StoreError> {
    let mut reps = Vec::new();
    let mut total = Funnel::default();
    for rep in store.reps()?.into_iter().filter(|r| r.active) {
        let d = load(store, rep.id, span, today)?;
        total.touches += d.funnel.touches;
        total.conversations += d.funnel.conversations;
        total.meetings += d.funnel.meetings;
        total.opportunities += d.funnel.opportunities;
        total.pipeline_minor += d.funnel.pipeline_minor;
        reps.push(RepLine { rep: rep.id, name: rep.name, funnel: d.funnel, volumes: d.volumes, alerts: d.alerts });
    }
    let range = span.range(today);
    let team = Dashboard {
        scope: Scope::Team,
        span,
        range,
        funnel: total,
        team_funnel: None,
        volumes: Vec::new(),
        qualified: Qualified::default(),
        by_channel: Vec::new(),
        by_message: Vec::new(),
        by_segment: Vec::new(),
        heatmap: Heatmap::default(),
        blocks: Vec::new(),
        in_blocks: None,
        trends: Trends::default(),
        alerts: Vec::new(),
        currency: "EUR".to_string(),
    };
    Ok(TeamDashboard { team, reps })
}
