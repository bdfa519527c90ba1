//! The prospecting figures of a rep, or of the whole team, over a range of days: read from
//! the store, assembled by the pure domain rules. The pane and `sparring report dashboard`
//! share this one code path, so what the screen says and what the report prints agree.
//!
//! Every figure comes with the same figure over the previous period of the same length,
//! read in the same pass: the rows of the period, of the 12 trend weeks and of the days it is
//! compared with are one range of days.
//!
//! A rep's figures cost a fixed handful of queries whatever the data (their activity rows
//! over those days, their deals created, their target history, blocks, currency, and the
//! team's funnel from the daily totals); the team view reads every active rep's rows once
//! and adds each rep's tally into the team's.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::alerts::{Alert, Facts, alerts};
use crate::domain::ids::RepId;
use crate::domain::metrics::{Funnel, Target, TargetKind, Volume, volumes};
use crate::domain::period::{DateRange, Period};
use crate::domain::prospecting::Tally;
use crate::domain::target_history::TargetHistory;
use crate::store::prospecting::Reps;
use crate::store::{Store, StoreError};

pub use crate::domain::blocks::Block;
pub use crate::domain::prospecting::{BreakdownRow, HalfDays, Heatmap, Qualified, Trends};

/// The currency shown when the scope has no deal to tell.
pub const DEFAULT_CURRENCY: &str = "EUR";

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

    /// The days the span is compared with: the period before of the same length (cut to as
    /// many days while it is under way), or as many days just before a custom range.
    pub fn previous(self, today: NaiveDate) -> DateRange {
        match self {
            Span::Preset(period) => period.previous_range(today),
            Span::Custom(range) => range.before(),
        }
    }

    /// The preset period, if the span is one.
    pub fn period(self) -> Option<Period> {
        match self {
            Span::Preset(period) => Some(period),
            Span::Custom(_) => None,
        }
    }
}

/// The figures of the days a period is compared with, measured the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub range: DateRange,
    pub funnel: Funnel,
    /// Against the targets in force in those days.
    pub volumes: Vec<Volume>,
}

impl Previous {
    /// What was done of a kind in those days (0 when nothing was).
    pub fn done(&self, kind: TargetKind) -> i64 {
        self.volumes.iter().find(|v| v.kind == kind).map_or(0, |v| v.done)
    }
}

/// Everything the prospecting pane shows for a scope and a span.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub scope: Scope,
    pub span: Span,
    pub range: DateRange,
    pub funnel: Funnel,
    /// The team's funnel over the same days, to compare a rep's rates with (`None` for the
    /// team itself).
    pub team_funnel: Option<Funnel>,
    pub volumes: Vec<Volume>,
    pub qualified: Qualified,
    /// Sorted so the best and the worst show: see [`crate::domain::prospecting::sort_breakdown`].
    pub by_channel: Vec<BreakdownRow>,
    pub by_message: Vec<BreakdownRow>,
    pub by_segment: Vec<BreakdownRow>,
    pub heatmap: Heatmap,
    /// The rep's planned weekly blocks (none for the team).
    pub blocks: Vec<Block>,
    /// Share of the touches with a time of day made inside the planned blocks, when there are
    /// blocks and such touches.
    pub in_blocks: Option<f64>,
    pub trends: Trends,
    pub alerts: Vec<Alert>,
    /// The currency most of the scope's deals are in ([`DEFAULT_CURRENCY`] without deals).
    pub currency: String,
    /// The weekly targets in force on the period's last day (the team's: summed over reps).
    pub targets: Vec<Target>,
    /// The previous period of the same length, that every figure's change is against.
    pub previous: Previous,
}

impl Dashboard {
    /// The preset period shown, if the span is one (the pane's periods always are).
    pub fn period(&self) -> Option<Period> {
        self.span.period()
    }
}

/// One rep's line in the team view.
#[derive(Debug, Clone, PartialEq)]
pub struct RepLine {
    pub rep: RepId,
    pub name: String,
    pub funnel: Funnel,
    pub volumes: Vec<Volume>,
    /// The same alerts as the rep's own dashboard over the same span.
    pub alerts: Vec<Alert>,
    /// The rep's figures over the days the span is compared with.
    pub previous: Previous,
}

/// The team view: the team's figures and each rep's side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamDashboard {
    pub team: Dashboard,
    pub reps: Vec<RepLine>,
}

/// Loads the figures for a rep over a span, as seen on `today`.
pub fn load(store: &Store, rep: RepId, span: Span, today: NaiveDate) -> Result<Dashboard, StoreError> {
    let (range, previous) = (span.range(today), span.previous(today));
    let blocks = store.blocks(rep)?;
    let mut tally = Tally::new(range, blocks).comparing(previous);
    let (from, to) = Tally::window(range, Some(previous));
    store.activities_between(Reps::One(rep), from, to, |_, a| tally.add(a))?;
    for deal in store.deals_created_between(Reps::One(rep), from, to)? {
        tally.add_deal(deal.created_on, deal.amount_minor);
    }
    let targets = store.target_history(rep)?;
    let currency = store.main_currency(Reps::One(rep))?.unwrap_or_else(|| DEFAULT_CURRENCY.to_string());
    let team_funnel = team_funnel(store, range)?;
    let mut dashboard = assemble(Scope::Rep(rep), span, range, tally, &targets, currency);
    dashboard.team_funnel = Some(team_funnel);
    Ok(dashboard)
}

/// The active reps' funnel over a range, from the daily totals.
pub fn team_funnel(store: &Store, range: DateRange) -> Result<Funnel, StoreError> {
    let counts = store.team_activity_counts(range)?;
    let (opportunities, pipeline_minor) = store.team_deals_created(range)?;
    Ok(Funnel::new(&counts, opportunities, pipeline_minor))
}

/// Loads the team view over a span, as seen on `today`: the team is every active rep.
pub fn load_team(store: &Store, span: Span, today: NaiveDate) -> Result<TeamDashboard, StoreError> {
    let (range, previous) = (span.range(today), span.previous(today));
    let reps: Vec<_> = store.reps()?.into_iter().filter(|r| r.active).collect();
    let mut targets = store.all_target_histories()?;
    let mut blocks = store.all_blocks()?;
    let index: HashMap<RepId, usize> = reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut tallies: Vec<Tally> =
        reps.iter().map(|r| Tally::new(range, blocks.remove(&r.id).unwrap_or_default()).comparing(previous)).collect();
    let (from, to) = Tally::window(range, Some(previous));
    // Rows come grouped by rep: remember the last one rather than hash every row's.
    let mut last: Option<(RepId, usize)> = None;
    store.activities_between(Reps::Active, from, to, |rep, a| {
        let i = match last {
            Some((r, i)) if r == rep => Some(i),
            _ => index.get(&rep).copied(),
        };
        if let Some(i) = i {
            last = Some((rep, i));
            tallies[i].add(a);
        }
    })?;
    for deal in store.deals_created_between(Reps::Active, from, to)? {
        if let Some(&i) = index.get(&deal.rep) {
            tallies[i].add_deal(deal.created_on, deal.amount_minor);
        }
    }

    let mut team = Tally::new(range, Vec::new()).comparing(previous);
    for tally in &tallies {
        team.absorb(tally);
    }
    let rep_targets: Vec<TargetHistory> = reps.iter().map(|r| targets.remove(&r.id).unwrap_or_default()).collect();
    let team_targets = TargetHistory::team(&rep_targets);
    let lines = reps
        .into_iter()
        .zip(tallies)
        .zip(rep_targets)
        .map(|((rep, tally), targets)| {
            // The currency does not change any figure: the rep's own is not read here.
            let d = assemble(Scope::Rep(rep.id), span, range, tally, &targets, String::new());
            RepLine {
                rep: rep.id,
                name: rep.name,
                funnel: d.funnel,
                volumes: d.volumes,
                alerts: d.alerts,
                previous: d.previous,
            }
        })
        .collect();
    let currency = store.main_currency(Reps::Active)?.unwrap_or_else(|| DEFAULT_CURRENCY.to_string());
    let team = assemble(Scope::Team, span, range, team, &team_targets, currency);
    Ok(TeamDashboard { team, reps: lines })
}

/// A scope's dashboard from its tally and targets: volumes, then the alerts on it all.
fn assemble(
    scope: Scope,
    span: Span,
    range: DateRange,
    tally: Tally,
    targets: &TargetHistory,
    currency: String,
) -> Dashboard {
    let figures = tally.finish();
    let previous = match &figures.previous {
        Some(p) => {
            Previous { range: p.range, funnel: p.funnel, volumes: volumes(&p.counts, &p.funnel, targets, p.range) }
        }
        // Every load compares: a tally that did not has nothing to show before.
        None => Previous { range: range.before(), funnel: Funnel::default(), volumes: Vec::new() },
    };
    let volumes = volumes(&figures.counts, &figures.funnel, targets, range);
    let alerts = alerts(&Facts {
        funnel: &figures.funnel,
        volumes: &volumes,
        trends: &figures.trends,
        through: range.to,
        targets,
        by_channel: &figures.by_channel,
        by_segment: &figures.by_segment,
        half_days: &figures.half_days,
        blocks: &figures.blocks,
    });
    Dashboard {
        scope,
        span,
        range,
        funnel: figures.funnel,
        team_funnel: None,
        volumes,
        qualified: figures.qualified,
        by_channel: figures.by_channel,
        by_message: figures.by_message,
        by_segment: figures.by_segment,
        heatmap: figures.heatmap,
        blocks: figures.blocks,
        in_blocks: figures.in_blocks,
        trends: figures.trends,
        alerts,
        currency,
        targets: targets.on(range.to),
        previous,
    }
}
