//! Deterministic demo data: a believable team, the same for the same seed and day.
//!
//! Six personas (see [`personas`]) cycle over the reps so the first screen has something
//! to say: a strong performer, a "meeting machine", a staller, a commitment misser, an
//! average rep and a ramping newcomer. The prospecting dashboard tells their stories: the
//! strong performer calls in the Tuesday and Thursday morning blocks they planned; the
//! meeting machine's meetings bring no opportunity and their pipeline falls short week after
//! week; the staller keeps sending LinkedIn messages that bring nothing; the misser planned
//! afternoon blocks early in the week and makes most calls on Friday afternoon; the average
//! rep books far more meetings in healthcare than anywhere else.
//!
//! Everything is planned in memory from a seeded generator, then written in one transaction:
//! reps, targets and planned blocks, deals with their stage history and criteria, activities
//! (with their daily totals), then the review history with the deal challenge's verdicts,
//! hypotheses, criterion notes and the changes of each open deal's facts.

mod activities;
mod challenge;
mod deals;
mod names;
mod personas;
mod reviews;
mod rng;
mod schedule;
mod texts;

use chrono::{Duration, NaiveDate};
use rusqlite::Transaction;

use crate::domain::activity::ActivityKind;
use crate::domain::blocks::Block;
use crate::domain::dates::{days_between, week_of};
use crate::domain::ids::{DealId, RepId};
use crate::domain::metrics::TargetKind;
use crate::domain::period::Period;
use crate::script::{Criterion, Script, Stage};
use crate::store::bulk::{self, NewRep};
use crate::store::{Store, StoreError};
use personas::{NEWCOMER_WEEKS, Persona};
use rng::{Rng, Stream};

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
    pub hypotheses: u64,
    pub verdicts: u64,
    /// Rows of `deal_changes`.
    pub changes: u64,
}

impl std::fmt::Display for DemoSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} reps, {} deals, {} activities, {} reviews, {} answers, {} commitments, {} hypotheses, {} verdicts, \
             {} fact changes",
            self.reps,
            self.deals,
            self.activities,
            self.reviews,
            self.answers,
            self.commitments,
            self.hypotheses,
            self.verdicts,
            self.changes
        )
    }
}

/// Activity rows a rep logs in a typical week; the span grows with the volume asked for.
const ROWS_PER_REP_WEEK: u64 = 75;
const MIN_WEEKS: u64 = 26;
const MAX_WEEKS: u64 = 520;

/// The weeks the activity covers, ending with the week of `today`.
#[derive(Debug, Clone, Copy)]
pub struct Calendar {
    pub today: NaiveDate,
    pub weeks: usize,
    /// The Monday of the first week.
    pub start: NaiveDate,
    /// First day of the dashboard's "last 4 weeks" period.
    pub last_4_weeks: NaiveDate,
}

impl Calendar {
    fn new(params: &DemoParams) -> Calendar {
        let reps = u64::from(params.reps.max(1));
        let weeks = (params.activities / (reps * ROWS_PER_REP_WEEK)).clamp(MIN_WEEKS, MAX_WEEKS) as usize;
        let start = week_of(params.today) - Duration::weeks(weeks as i64 - 1);
        let last_4_weeks = Period::LAST_4_WEEKS.range(params.today).from;
        Calendar { today: params.today, weeks, start, last_4_weeks }
    }

    /// The Monday of week `w` (0 = the first).
    pub fn monday(&self, w: usize) -> NaiveDate {
        self.start + Duration::weeks(w as i64)
    }

    /// Days from `monday` through today, both included (past 7 for a week that is over).
    pub fn days_elapsed(&self, monday: NaiveDate) -> i64 {
        days_between(monday, self.today) + 1
    }
}

/// The plan and the ids its rows were written with, for the writers that link to them.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub cal: &'a Calendar,
    pub script: &'a Script,
    pub stages: &'a [Stage],
    pub reps: &'a [RepPlan],
    pub rep_ids: &'a [RepId],
    pub deals: &'a [deals::DealPlan],
    pub deal_ids: &'a [DealId],
    /// Each rep's deals (indexes into `deals`), in creation order.
    pub deals_by_rep: &'a [Vec<usize>],
    pub seed: u64,
}

/// One rep of the demo team.
#[derive(Debug, Clone)]
pub struct RepPlan {
    pub index: usize,
    pub persona: Persona,
    pub name: String,
    pub email: String,
    pub team: String,
    pub manager: &'static str,
    /// The first week (index into the calendar) the rep logged activity.
    pub join_week: usize,
    /// The day the rep joined: no deal of theirs is older.
    pub joined_on: NaiveDate,
}

fn plan_team(cal: &Calendar, params: &DemoParams) -> Vec<RepPlan> {
    let mut rng = Rng::new(params.seed, Stream::Team, 0);
    let (first_offset, last_offset) = (rng.index(names::FIRST_NAMES.len()), rng.index(names::LAST_NAMES.len()));
    // Everyone but the newcomer has been around long enough to own deals older than the span.
    let veteran_since = cal.start - Duration::days(730);
    (0..params.reps.max(1) as usize)
        .map(|index| {
            let persona = Persona::of(index);
            let name = names::rep_name(index, first_offset, last_offset);
            let email = format!("{}@demo.example", names::email_local_part(&name));
            let team_index = index / names::TEAM_SIZE;
            let mut team = names::TEAMS[team_index % names::TEAMS.len()].to_string();
            if team_index >= names::TEAMS.len() {
                team = format!("{team} {}", team_index / names::TEAMS.len() + 1);
            }
            let (join_week, joined_on) = if persona == Persona::Newcomer {
                let week = cal.weeks.saturating_sub(NEWCOMER_WEEKS);
                (week, cal.monday(week))
            } else {
                (0, veteran_since)
            };
            RepPlan {
                index,
                persona,
                name,
                email,
                team,
                manager: names::MANAGERS[team_index % names::MANAGERS.len()],
                join_week,
                joined_on,
            }
        })
        .collect()
}

/// Weekly targets, the same for the whole team, sized on what a typical rep of this demo
/// does: the strong performer ends up near or above them, the newcomer far below.
fn targets(cal: &Calendar, reps: &[RepPlan], deals: &[deals::DealPlan], params: &DemoParams) -> Vec<(TargetKind, i64)> {
    let active = |r: &RepPlan| (cal.weeks - r.join_week) as u64;
    let activity_units: u64 = reps.iter().map(|r| r.persona.intensity() * active(r)).sum();
    let deal_units: u64 = reps.iter().map(|r| r.persona.deal_rate() * active(r)).sum();
    let rows_per_week = params.activities as f64 * 1000.0 / activity_units.max(1) as f64;
    let deals_per_week = f64::from(params.deals) * 1000.0 / deal_units.max(1) as f64;
    let mean_amount = deals.iter().map(|d| d.amount_minor as f64).sum::<f64>() / deals.len().max(1) as f64;
    let per_week = |share: f64| ((rows_per_week * share).round() as i64).max(1);
    // Round the pipeline target to whole thousands of euros, as a manager would set it.
    let pipeline = ((deals_per_week * mean_amount / 100_000.0).round() as i64).max(1) * 100_000;
    vec![
        (TargetKind::Activity(ActivityKind::Call), per_week(0.36)),
        (TargetKind::Activity(ActivityKind::Email), per_week(0.25)),
        (TargetKind::Activity(ActivityKind::Social), per_week(0.19)),
        (TargetKind::Activity(ActivityKind::Meeting), per_week(0.055)),
        (TargetKind::Opportunity, (deals_per_week.round() as i64).max(1)),
        (TargetKind::Pipeline, pipeline),
    ]
}

fn write_team(tx: &Transaction<'_>, reps: &[RepPlan], targets: &[(TargetKind, i64)]) -> rusqlite::Result<Vec<RepId>> {
    let mut ids = Vec::with_capacity(reps.len());
    for rep in reps {
        let id = bulk::insert_rep(
            tx,
            &NewRep { name: &rep.name, email: Some(&rep.email), manager: Some(rep.manager), team: Some(&rep.team) },
        )?;
        for &(kind, per_week) in targets {
            // The team has had these targets for as long as its history goes.
            bulk::set_standing_target(tx, id, kind, per_week)?;
        }
        for &(weekday, start, end) in rep.persona.planned_blocks() {
            bulk::insert_block(tx, id, Block { weekday, start, end })?;
        }
        ids.push(id);
    }
    Ok(ids)
}

/// Writes the demo team into an empty store, in one transaction.
pub fn generate(store: &mut Store, script: &Script, params: &DemoParams) -> Result<DemoSummary, StoreError> {
    // A validated script always has stages; this keeps a hand-built empty one from panicking.
    let fallback;
    let stages: &[Stage] = if script.stages.is_empty() {
        fallback = [Stage {
            key: "open".to_string(),
            name: "Open".to_string(),
            expected_days: 30,
            aliases: Vec::new(),
            criteria: vec![Criterion { id: "qualified".to_string(), text: "Qualified".to_string() }],
        }];
        &fallback
    } else {
        &script.stages
    };

    let cal = Calendar::new(params);
    let reps = plan_team(&cal, params);
    let mut deals = deals::plan(&cal, stages, &reps, u64::from(params.deals), params.seed);
    let targets = targets(&cal, &reps, &deals, params);
    let mut deals_by_rep = vec![Vec::new(); reps.len()];
    for (i, deal) in deals.iter().enumerate() {
        deals_by_rep[deal.rep].push(i);
    }
    let schedule = schedule::Schedule::plan(&cal, &reps, &deals, &deals_by_rep, params.seed);
    challenge::date_moves_on_reviews(&mut deals, &schedule);

    store.write(|tx| {
        let rep_ids = write_team(tx, &reps, &targets)?;
        let deal_ids = deals::write(tx, stages, &deals, &rep_ids)?;
        let context = Context {
            cal: &cal,
            script,
            stages,
            reps: &reps,
            rep_ids: &rep_ids,
            deals: &deals,
            deal_ids: &deal_ids,
            deals_by_rep: &deals_by_rep,
            seed: params.seed,
        };
        let activities = activities::write(tx, &context, params.activities)?;
        let counts = reviews::write(tx, &context, schedule)?;
        Ok(DemoSummary {
            reps: rep_ids.len() as u64,
            deals: deal_ids.len() as u64,
            activities,
            reviews: counts.reviews,
            answers: counts.answers,
            commitments: counts.commitments,
            hypotheses: counts.challenge.hypotheses,
            verdicts: counts.challenge.verdicts,
            changes: counts.challenge.changes,
        })
    })
}
