//! The prospecting figures of a rep, or of the whole team, over a range of days: read from
//! the store, assembled by the pure domain rules. The pane and `sparring report dashboard`
//! share this one code path, so what the screen says and what the report prints agree.
//!
//! Every figure comes with the same figure over the previous period of the same length: for
//! a rep, read in the same pass (the rows of the period, of the 12 trend weeks and of the days
//! it is compared with are one range of days).
//!
//! A rep's figures cost a fixed handful of queries whatever the data (their activity rows
//! over those days, their deals created, their target history, blocks, currency, and the
//! team's funnel from the daily totals); the team view reads every active rep's rows of the
//! period once, their trend weeks before it and the days it is compared with from the weekly
//! totals per rep, and adds each rep's tally into the team's.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::domain::alerts::{Alert, Facts, alerts};
use crate::domain::ids::RepId;
use crate::domain::metrics::{Funnel, Target, TargetKind, Volume, volumes};
use crate::domain::period::{DateRange, Period};
use crate::domain::prospecting::Tally;
use crate::domain::target_history::TargetHistory;
use crate::store::prospecting::Reps;
use crate::store::reps::Rep;
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
    /// The breakdowns of those days, to match with a row's key through
    /// [`crate::domain::prospecting::same_key`]; empty when they were not read
    /// ([`Compared::Totals`]).
    pub by_channel: Vec<BreakdownRow>,
    pub by_message: Vec<BreakdownRow>,
    pub by_segment: Vec<BreakdownRow>,
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

    /// The rows by channel, by message and by segment, in that order, each beside the same
    /// breakdown over the days compared with.
    pub fn breakdowns(&self) -> [(&[BreakdownRow], &[BreakdownRow]); 3] {
        let p = &self.previous;
        [(&self.by_channel, &p.by_channel), (&self.by_message, &p.by_message), (&self.by_segment, &p.by_segment)]
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

/// How much of the days compared with the team view reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compared {
    /// Their sums by week, kind and outcome: every figure's change but the breakdowns'. What
    /// the pane shows (rep lines and the team's totals), read without their rows.
    Totals,
    /// Their rows as well, for the change of each channel, message and segment: what the
    /// report prints. It reads about twice the rows.
    Breakdowns,
}

/// Loads the team view over a span, as seen on `today`: the team is every active rep. The
/// breakdowns' previous rows are left empty ([`Compared::Totals`]).
pub fn load_team(store: &Store, span: Span, today: NaiveDate) -> Result<TeamDashboard, StoreError> {
    load_team_comparing(store, span, today, Compared::Totals)
}

/// [`load_team`], reading as much of the days compared with as `compared` says.
pub fn load_team_comparing(
    store: &Store,
    span: Span,
    today: NaiveDate,
    compared: Compared,
) -> Result<TeamDashboard, StoreError> {
    let (reps, mut tallies) = rep_tallies(store, span, today)?;
    let index: HashMap<RepId, usize> = reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    fill(store, Reps::Active, compared, &mut tallies, |rep| index.get(&rep).copied())?;
    team_of(store, span, today, reps, tallies)
}

/// The active reps, each with an empty tally over the span (and the days it is compared with)
/// that knows the rep's planned blocks.
fn rep_tallies(store: &Store, span: Span, today: NaiveDate) -> Result<(Vec<Rep>, Vec<Tally>), StoreError> {
    let (range, previous) = (span.range(today), span.previous(today));
    let reps: Vec<_> = store.reps()?.into_iter().filter(|r| r.active).collect();
    let mut blocks = store.all_blocks()?;
    let tallies =
        reps.iter().map(|r| Tally::new(range, blocks.remove(&r.id).unwrap_or_default()).comparing(previous)).collect();
    Ok((reps, tallies))
}

/// The team view from the filled tallies of [`rep_tallies`]: each rep's line, and the team's
/// figures from all of them.
fn team_of(
    store: &Store,
    span: Span,
    today: NaiveDate,
    reps: Vec<Rep>,
    tallies: Vec<Tally>,
) -> Result<TeamDashboard, StoreError> {
    let (range, previous) = (span.range(today), span.previous(today));
    let mut targets = store.all_target_histories()?;
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

/// Adds to each tally (all over the same range, comparing with the same days) the activity
/// and the deals of its rep, `slot` telling which tally is a rep's. Only the range's own rows
/// are read one by one: the trend weeks before it and the days it is compared with need only
/// sums by week, kind and outcome, which the index gives without reading the rows.
fn fill(
    store: &Store,
    reps: Reps,
    detail: Compared,
    tallies: &mut [Tally],
    slot: impl Fn(RepId) -> Option<usize>,
) -> Result<(), StoreError> {
    let Some(first) = tallies.first() else { return Ok(()) };
    let (range, previous) = (first.range(), first.previous_range());
    let trend_days = first.trend_days_before();
    // Rows come grouped by rep: remember the last one rather than look every row's up.
    let mut last: Option<(RepId, Option<usize>)> = None;
    let mut at = |rep: RepId| match last {
        Some((r, i)) if r == rep => i,
        _ => {
            let i = slot(rep);
            last = Some((rep, i));
            i
        }
    };
    store.activities_between(reps, range.from, range.to, |rep, a| {
        if let Some(i) = at(rep) {
            tallies[i].add(a);
        }
    })?;
    if let Some((from, to)) = trend_days {
        store.activity_counts_by_week(reps, from, to, |rep, week, kind, _, count| {
            if let Some(i) = at(rep) {
                tallies[i].add_trend_count(week, kind, count);
            }
        })?;
    }
    // The days compared with are before the range; any of them inside it were read above.
    let compared = previous.map_or_else(Vec::new, |p| {
        [(p.from, p.to.min(range.from - Duration::days(1))), (p.from.max(range.to + Duration::days(1)), p.to)]
            .into_iter()
            .filter(|(from, to)| from <= to)
            .collect()
    });
    for (from, to) in compared {
        match detail {
            Compared::Totals => store.activity_counts_by_week(reps, from, to, |rep, _, kind, outcome, count| {
                if let Some(i) = at(rep) {
                    tallies[i].add_previous_count(kind, outcome, count);
                }
            })?,
            Compared::Breakdowns => store.activities_between(reps, from, to, |rep, a| {
                if let Some(i) = at(rep) {
                    tallies[i].add_compared(a);
                }
            })?,
        }
    }
    let (from, to) = Tally::window(range, previous);
    for deal in store.deals_created_between(reps, from, to)? {
        if let Some(i) = at(deal.rep) {
            tallies[i].add_deal(deal.created_on, deal.amount_minor);
        }
    }
    Ok(())
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
    let previous = match figures.previous {
        Some(p) => Previous {
            range: p.range,
            funnel: p.funnel,
            volumes: volumes(&p.counts, &p.funnel, targets, p.range),
            by_channel: p.by_channel,
            by_message: p.by_message,
            by_segment: p.by_segment,
        },
        // Every load compares: a tally that did not has nothing to show before.
        None => Previous {
            range: range.before(),
            funnel: Funnel::default(),
            volumes: Vec::new(),
            by_channel: Vec::new(),
            by_message: Vec::new(),
            by_segment: Vec::new(),
        },
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

#[cfg(test)]
mod tests {
    use chrono::{NaiveDateTime, NaiveTime};

    use super::*;
    use crate::demo::{DemoParams, generate};
    use crate::domain::activity::{ActivityKind, Outcome};
    use crate::script::Script;
    use crate::store::prospecting::ActivityInput;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a date")
    }

    /// The team view as it was computed before the sums by week: every row of the whole
    /// window tallied one by one.
    fn row_by_row(store: &Store, span: Span, today: NaiveDate) -> TeamDashboard {
        let (reps, mut tallies) = rep_tallies(store, span, today).unwrap();
        let index: HashMap<RepId, usize> = reps.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let (from, to) = Tally::window(span.range(today), Some(span.previous(today)));
        store
            .activities_between(Reps::Active, from, to, |rep, a| {
                if let Some(&i) = index.get(&rep) {
                    tallies[i].add(a);
                }
            })
            .unwrap();
        for deal in store.deals_created_between(Reps::Active, from, to).unwrap() {
            if let Some(&i) = index.get(&deal.rep) {
                tallies[i].add_deal(deal.created_on, deal.amount_minor);
            }
        }
        team_of(store, span, today, reps, tallies).unwrap()
    }

    /// The view without the breakdowns of the days compared with, as [`Compared::Totals`] reads it.
    fn without_previous_breakdowns(mut view: TeamDashboard) -> TeamDashboard {
        for previous in std::iter::once(&mut view.team.previous).chain(view.reps.iter_mut().map(|r| &mut r.previous)) {
            previous.by_channel.clear();
            previous.by_message.clear();
            previous.by_segment.clear();
        }
        view
    }

    #[test]
    fn the_team_view_is_what_row_by_row_tallying_gives() {
        let today = d(2026, 11, 25); // a Wednesday: the weeks of the periods are cut
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.db");
        let mut store = Store::open(&path).unwrap();
        generate(&mut store, &Script::embedded(), &DemoParams::default_for(today)).unwrap();
        // Rows the edges must tell apart: after today in today's week, on the first and last
        // day of a cut week, a spelling of a segment in another case.
        let rep = store.reps().unwrap()[0].id;
        for (day, hour) in [(d(2026, 11, 26), 10), (d(2026, 11, 29), 9), (d(2026, 10, 1), 0), (d(2026, 9, 30), 23)] {
            let input = ActivityInput {
                occurred_at: NaiveDateTime::new(day, NaiveTime::from_hms_opt(hour, 30, 0).unwrap()),
                kind: ActivityKind::Call,
                channel: Some("Phone".into()),
                segment: Some("RETAIL ".into()),
                message: None,
                outcome: Outcome::Meeting,
                qualified: None,
                count: 3,
            };
            store.log_activity(rep, &input).unwrap();
        }
        let mut spans: Vec<Span> = Period::PRESETS.iter().map(|p| Span::Preset(*p)).collect();
        spans.extend(Period::PRESETS.iter().map(|p| Span::Preset(p.earlier().earlier())));
        spans.push(Span::Custom(DateRange { from: d(2026, 9, 30), to: d(2026, 10, 15) }));
        spans.push(Span::Custom(DateRange { from: d(2026, 11, 24), to: d(2026, 11, 25) }));
        // The weekly totals equal the rows' sums, after the demo's bulk write and the logs.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let differ = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
        let sums =
            "SELECT rep_id, week, kind, outcome, sum(count) FROM activities GROUP BY rep_id, week, kind, outcome";
        let kept = "SELECT rep_id, week, kind, outcome, count FROM activity_rep_weeks";
        assert_eq!(differ(&format!("SELECT count(*) FROM ({sums} EXCEPT {kept})")), 0);
        assert_eq!(differ(&format!("SELECT count(*) FROM ({kept} EXCEPT {sums})")), 0);
        let mut compared_rows = 0;
        for span in spans {
            let expected = row_by_row(&store, span, today);
            compared_rows += expected.team.previous.by_segment.len();
            let team = load_team_comparing(&store, span, today, Compared::Breakdowns).unwrap();
            assert!(team.team.funnel.touches > 0, "{span:?}: the demo has activity then");
            assert_eq!(team, expected, "{span:?}");
            let pane = load_team(&store, span, today).unwrap();
            assert_eq!(pane, without_previous_breakdowns(expected), "{span:?}");
        }
        assert!(compared_rows > 0, "the days compared with have rows to match");
    }
}
