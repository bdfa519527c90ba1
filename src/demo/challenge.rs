//! The deal challenge's history: verdicts given in past reviews, the rep's hypotheses, notes
//! on exit criteria not validated yet, and how each open deal's facts changed over time.
//!
//! Drawn from their own stream ([`Stream::Challenge`]), so the rows written before them are
//! the same with or without them; the only change to those is the day of the stage moves a
//! review decided. Everything is consistent with the rest of the data:
//! - a verdict that moves a deal is dated like the move in `stage_history` (the plan dates
//!   moves on the reviews that decided them, see [`date_moves_on_reviews`]);
//! - the latest verdict's forecast and next step are the deal's current ones, unless a
//!   change after the review says otherwise; each change of a fact is a `deal_changes` row
//!   whose chain of values ends at the deal's current value;
//! - a note on a criterion repeats the reason given in the review's criteria answer.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::Transaction;

use super::deals::{DealPlan, weekday_on_or_before};
use super::names::next_steps;
use super::personas::Persona;
use super::rng::{Rng, Stream};
use super::schedule::{Schedule, Slot, settle};
use super::texts::{self, HYPOTHESES};
use super::{Context, RepPlan};
use crate::domain::change::DealField;
use crate::domain::dates::iso;
use crate::domain::deal::Forecast;
use crate::domain::hypothesis::{HypothesisStatus, Topic};
use crate::domain::ids::{DealId, ReviewId};
use crate::domain::verdict::VERDICT_FORECASTS;
use crate::store::bulk::{self, NewHypothesis, NewVerdict};
use crate::store::time::timestamp;

/// Rows written, for the summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub hypotheses: u64,
    pub verdicts: u64,
    pub criterion_notes: u64,
    pub changes: u64,
}

/// A deal that enters its next stage within this many days after a review that discussed
/// it enters it on the review day: the review's verdict moved it.
const MOVE_WINDOW_DAYS: i64 = 5;

/// The topics hypotheses are drawn from, in the order of [`HYPOTHESES`].
const TOPICS: [Topic; 4] = [Topic::Budget, Topic::Decision, Topic::Competition, Topic::Timing];

/// Dates stage moves on the reviews that decided them: a deal discussed in a transformation
/// review that entered its next stage in the days after enters it on the review day instead.
/// Criteria of the stage it left keep their days: some were validated after the move, as
/// happens when the paperwork catches up (and the review's answers stay as they were).
pub fn date_moves_on_reviews(deals: &mut [DealPlan], schedule: &Schedule) {
    for (held, discussed) in schedule.discussions() {
        let window = held + Duration::days(MOVE_WINDOW_DAYS);
        for &i in discussed {
            let deal = &mut deals[i];
            let next = (1..deal.entered.len())
                .find(|&k| deal.entered[k] > held && deal.entered[k] <= window && deal.entered[k - 1] < held);
            let Some(k) = next else { continue };
            deal.entered[k] = held;
            deal.moved_on.push(held);
        }
    }
}

/// One deal as discussed in one transformation review.
pub struct Discussion<'s> {
    pub slot: &'s Slot,
    pub deal: usize,
    /// The stage the review went through (index into the script's stages).
    pub stage: usize,
    /// The review's verdict moved the deal on to the next stage.
    pub moved: bool,
    /// The answer to the criteria question, and when it was given.
    pub criteria_said: Option<(&'s str, NaiveDateTime)>,
    /// When the verdict was given, after the deal's questions.
    pub decided_at: NaiveDateTime,
}

/// A verdict to write once the deal's whole history is known.
struct PlannedVerdict {
    held: NaiveDate,
    review: ReviewId,
    stage_from: usize,
    stage_to: usize,
    decided_at: NaiveDateTime,
}

/// When a hypothesis was made and tested, and where.
#[derive(Clone, Copy)]
struct HypothesisPlan {
    made_on: NaiveDate,
    test_by: NaiveDate,
    status: HypothesisStatus,
    made_in: Option<ReviewId>,
    /// The review that tested it, when it is confirmed or refuted.
    settled: Option<Slot>,
}

/// A change of one fact of a deal, before it is written.
struct Change {
    at: NaiveDateTime,
    field: DealField,
    old: Option<String>,
    new: Option<String>,
    review: Option<ReviewId>,
}

/// One rep's challenge history, written as their reviews are, then completed by [`finish`].
///
/// [`finish`]: RepChallenge::finish
pub struct RepChallenge<'a> {
    ctx: &'a Context<'a>,
    rep: &'a RepPlan,
    rng: Rng,
    /// The rep's transformation reviews, oldest first: hypotheses are tested in a later one.
    reviews: Vec<Slot>,
    /// The verdicts of each deal (index into the plan), oldest first.
    verdicts: BTreeMap<usize, Vec<PlannedVerdict>>,
    /// The topics already assumed on each deal, one bit per topic.
    topics: BTreeMap<usize, u8>,
}

impl<'a> RepChallenge<'a> {
    pub fn new(ctx: &'a Context<'a>, rep: &'a RepPlan, reviews: Vec<Slot>) -> Self {
        RepChallenge {
            ctx,
            rep,
            rng: Rng::new(ctx.seed, Stream::Challenge, rep.index as u64),
            reviews,
            verdicts: BTreeMap::new(),
            topics: BTreeMap::new(),
        }
    }

    fn persona(&self) -> Persona {
        self.rep.persona
    }

    /// A deal went through a review: notes on its missing criteria, maybe a new hypothesis,
    /// and (most of the time, always when it moved) a verdict, written by `finish`.
    pub fn discussed(&mut self, tx: &Transaction<'_>, d: &Discussion<'_>, counts: &mut Counts) -> rusqlite::Result<()> {
        let ctx = self.ctx;
        let deal = &ctx.deals[d.deal];
        let id = ctx.deal_ids[d.deal];
        let stage = &ctx.stages[d.stage];
        if let Some((answer, at)) = d.criteria_said {
            for criterion in &stage.criteria {
                if let Some(reason) = texts::missing_reason(answer, &criterion.text)
                    && self.rng.chance(0.7)
                {
                    bulk::insert_criterion_note(tx, d.slot.id, id, &stage.key, &criterion.id, &reason, at)?;
                    counts.criterion_notes += 1;
                }
            }
        }

        if self.rng.chance(0.45) {
            let test_by = d.slot.held + Duration::days(self.rng.range(5, 21));
            let outcomes = self.persona().hypothesis_outcomes();
            let (status, settled) = settle(&self.reviews, d.slot, test_by, HypothesisStatus::Open, || {
                [HypothesisStatus::Confirmed, HypothesisStatus::Refuted, HypothesisStatus::Open]
                    [self.rng.weighted(&outcomes)]
            });
            let plan = HypothesisPlan { made_on: d.slot.held, test_by, status, made_in: Some(d.slot.id), settled };
            if self.hypothesis(tx, d.deal, &plan)? {
                counts.hypotheses += 1;
            }
        }

        if d.moved || self.rng.chance(0.85) {
            let stage_to = if d.moved { d.stage + 1 } else { d.stage };
            debug_assert!(!d.moved || deal.entered[stage_to] == d.slot.held, "a move is dated on its review");
            self.verdicts.entry(d.deal).or_default().push(PlannedVerdict {
                held: d.slot.held,
                review: d.slot.id,
                stage_from: d.stage,
                stage_to,
                decided_at: d.decided_at,
            });
        }
        Ok(())
    }

    /// Writes a hypothesis on a topic not yet assumed on the deal; false when every topic is.
    fn hypothesis(&mut self, tx: &Transaction<'_>, deal: usize, h: &HypothesisPlan) -> rusqlite::Result<bool> {
        let HypothesisPlan { made_on, test_by, status, made_in, settled } = *h;
        let used = self.topics.get(&deal).copied().unwrap_or(0);
        let free: Vec<usize> = (0..TOPICS.len()).filter(|t| used & (1 << t) == 0).collect();
        if free.is_empty() {
            return Ok(false);
        }
        let topic = free[self.rng.index(free.len())];
        self.topics.insert(deal, used | 1 << topic);
        let text = self.rng.pick(HYPOTHESES[topic]);
        let plan = &self.ctx.deals[deal];
        let sponsor = plan.sponsor.as_ref().map(|(name, role)| (name.as_str(), *role));
        let result = match status {
            HypothesisStatus::Confirmed => text.confirmed,
            HypothesisStatus::Refuted => text.refuted,
            HypothesisStatus::Open => "",
        };
        bulk::insert_hypothesis(
            tx,
            &NewHypothesis {
                deal: self.ctx.deal_ids[deal],
                rep: self.ctx.rep_ids[self.rep.index],
                topic: TOPICS[topic],
                statement: &texts::about_sponsor(text.statement, sponsor),
                test_plan: &texts::about_sponsor(text.test_plan, sponsor),
                test_by: Some(test_by),
                status,
                result,
                made_in,
                settled_in: settled.map(|s| s.id),
                created_on: made_on,
                settled_on: settled.map(|s| s.held),
            },
        )?;
        Ok(true)
    }

    /// After the rep's last review: each open deal's verdicts and the changes of its facts,
    /// and a hypothesis the rep wrote down alone for some deals no review went through.
    pub fn finish(mut self, tx: &Transaction<'_>, counts: &mut Counts) -> rusqlite::Result<()> {
        let ctx = self.ctx;
        let today = ctx.cal.today;
        for &i in &ctx.deals_by_rep[self.rep.index] {
            let deal = &ctx.deals[i];
            if deal.closed_on.is_some() {
                continue;
            }
            let id = ctx.deal_ids[i];
            let mut changes = Vec::new();
            let verdicts = self.verdicts.remove(&i).unwrap_or_default();
            counts.verdicts += self.verdicts_of(tx, deal, id, verdicts, &mut changes)?;
            self.close_changes(deal, &mut changes);
            self.amount_change(deal, &mut changes);
            self.sponsor_named(deal, &mut changes);
            // Oldest first; changes made at the same moment keep the order they were drawn in.
            changes.sort_by_key(|c| c.at);
            for c in &changes {
                bulk::insert_deal_change(
                    tx,
                    id,
                    c.field,
                    c.old.as_deref(),
                    c.new.as_deref(),
                    &timestamp(c.at),
                    c.review,
                )?;
            }
            counts.changes += changes.len() as u64;

            if !self.topics.contains_key(&i) && self.rng.chance(0.5) {
                let made_on = (deal.created_on() + Duration::days(self.rng.range(1, 7))).min(today);
                let test_by = made_on + Duration::days(self.rng.range(7, 30));
                let plan =
                    HypothesisPlan { made_on, test_by, status: HypothesisStatus::Open, made_in: None, settled: None };
                if self.hypothesis(tx, i, &plan)? {
                    counts.hypotheses += 1;
                }
            }
        }
        Ok(())
    }

    /// Writes a deal's verdicts and adds the changes they made (and the rep's forecast
    /// changes between reviews) to `changes`. Returns how many verdicts were written.
    fn verdicts_of(
        &mut self,
        tx: &Transaction<'_>,
        deal: &DealPlan,
        id: DealId,
        mut verdicts: Vec<PlannedVerdict>,
        changes: &mut Vec<Change>,
    ) -> rusqlite::Result<u64> {
        // The latest verdict agreed the deal's current next step: none is dated after it.
        if let Some((_, Some(on))) = deal.next_step {
            verdicts.retain(|v| v.held <= on);
        }
        let n = verdicts.len();
        if n == 0 {
            return Ok(0);
        }
        let persona = self.persona();
        let stages = self.ctx.stages;

        // Forecasts, from the deal's current one backwards: the manager's call in each review,
        // and the rep's call it started from.
        let last = &verdicts[n - 1];
        let mut forecast = deal.forecast;
        let reinflated = persona == Persona::Staller && deal.forecast == Forecast::Commit && self.rng.chance(0.6);
        if reinflated {
            // The manager took it down to best case; the rep put it back in commit days later.
            let day = weekday_on_or_before(last.held + Duration::days(self.rng.range(3, 5)));
            let at = day.and_hms_opt(17, 40, 0).unwrap_or_default();
            changes.push(forecast_change(at, Forecast::BestCase, Forecast::Commit, None));
            forecast = Forecast::BestCase;
        }
        let mut calls = vec![(forecast, forecast); n];
        for j in (0..n).rev() {
            let rep_call = if reinflated && j == n - 1 {
                Forecast::Commit
            } else if self.rng.chance(persona.overrule_rate()) {
                let up = self.rng.chance(0.8);
                neighbour(forecast, up)
            } else {
                forecast
            };
            calls[j] = (rep_call, forecast);
            if j > 0 {
                // Between two reviews the rep may have changed the forecast on their own.
                let before = if self.rng.chance(0.7) {
                    rep_call
                } else {
                    let up = self.rng.chance(0.5);
                    neighbour(rep_call, up)
                };
                if before != rep_call {
                    // A working day after the earlier review and before the later one.
                    let gap = (verdicts[j].held - verdicts[j - 1].held).num_days();
                    let day = weekday_on_or_before(verdicts[j - 1].held + Duration::days(self.rng.range(3, gap - 2)));
                    let at = day.and_hms_opt(16, 15, 0).unwrap_or_default();
                    changes.push(forecast_change(at, before, rep_call, None));
                }
                forecast = before;
            }
        }

        // Next steps: each verdict agrees one; the last one is the deal's current next step.
        let first = &verdicts[0];
        let mut step: (Option<String>, Option<NaiveDate>) = (
            Some(self.rng.word(next_steps(first.stage_from, stages.len())).to_string()),
            Some((first.held - Duration::days(self.rng.range(0, 6))).max(deal.created_on())),
        );
        for (j, v) in verdicts.iter().enumerate() {
            let agreed: (Option<String>, Option<NaiveDate>) = if j == n - 1 {
                deal.next_step.map_or((None, None), |(text, on)| (Some(text.to_string()), on))
            } else {
                let text = self.rng.word(next_steps(v.stage_to, stages.len())).to_string();
                (Some(text), Some(v.held + Duration::days(self.rng.range(3, 14))))
            };
            let (rep_call, call) = calls[j];
            if rep_call != call {
                changes.push(forecast_change(v.decided_at, rep_call, call, Some(v.review)));
            }
            if agreed.0 != step.0 {
                changes.push(Change {
                    at: v.decided_at,
                    field: DealField::NextStep,
                    old: step.0.clone(),
                    new: agreed.0.clone(),
                    review: Some(v.review),
                });
            }
            if agreed.1 != step.1 {
                changes.push(Change {
                    at: v.decided_at,
                    field: DealField::NextStepOn,
                    old: step.1.map(iso),
                    new: agreed.1.map(iso),
                    review: Some(v.review),
                });
            }

            let mut comment = if rep_call > call {
                self.rng.word(texts::DOWNGRADE_COMMENTS).to_string()
            } else if rep_call < call {
                self.rng.word(texts::UPGRADE_COMMENTS).to_string()
            } else if self.rng.chance(0.2) {
                self.rng.word(texts::AGREED_COMMENTS).to_string()
            } else {
                String::new()
            };
            if agreed.0.is_none() {
                if !comment.is_empty() {
                    comment.push(' ');
                }
                comment.push_str(texts::NO_NEXT_STEP_COMMENT);
            }
            let mut confidence = match call {
                Forecast::Pipeline => 2,
                Forecast::BestCase => 3,
                _ => 4,
            } + self.rng.range(-1, 1);
            if matches!(persona, Persona::Staller | Persona::Misser) && self.rng.chance(0.5) {
                confidence -= 1;
            }
            if rep_call > call {
                confidence -= 1;
            }
            bulk::insert_verdict(
                tx,
                &NewVerdict {
                    review: v.review,
                    deal: id,
                    rep_forecast: rep_call,
                    forecast: call,
                    comment: &comment,
                    confidence: Some(confidence.clamp(1, 5) as u8),
                    next_step: agreed.0.as_deref(),
                    next_step_on: agreed.1,
                    stage_from: &stages[v.stage_from].key,
                    stage_to: &stages[v.stage_to].key,
                    decided_at: v.decided_at,
                },
            )?;
            step = agreed;
        }
        Ok(n as u64)
    }

    /// Close-date pushes (the staller's habit), or for the strong performer sometimes a date
    /// pulled in; the chain of dates ends at the deal's current close date.
    fn close_changes(&mut self, deal: &DealPlan, changes: &mut Vec<Change>) {
        let Some(close) = deal.close_on else { return };
        let created = deal.created_on();
        // Each change sets a date at least a week after the day it is made.
        let first_day = created + Duration::days(7);
        let last_day = (self.ctx.cal.today - Duration::days(1)).min(close - Duration::days(7));
        let span = (last_day - first_day).num_days();
        if span < 1 {
            return;
        }
        let persona = self.persona();
        if persona == Persona::Strong && self.rng.chance(0.1) {
            let at = self.moment(first_day, last_day);
            let old = close + Duration::days(self.rng.range(7, 21));
            changes.push(date_change(at, DealField::CloseOn, old, close));
            return;
        }
        let (rate, (lo, hi)) = persona.close_pushes();
        if !self.rng.chance(rate) {
            return;
        }
        let count = self.rng.range(lo, hi).min((span / 21).max(1));
        // One push in each equal part of the window, so they spread over the deal's life.
        let mut days: Vec<NaiveDate> = Vec::new();
        for j in 0..count {
            let from = first_day + Duration::days(span * j / count);
            let to = first_day + Duration::days(span * (j + 1) / count - 1);
            let day = self.moment(from, to.max(from));
            if days.last().is_none_or(|last| *last < day.date()) {
                days.push(day.date());
                changes.push(Change { at: day, field: DealField::CloseOn, old: None, new: None, review: None });
            }
        }
        // The dates, from the current one backwards: each push moved the date a little after
        // the day it was made (or after it had passed) to a later one.
        let pushes = changes.len() - days.len()..changes.len();
        let mut new = close;
        let mut kept = pushes.end;
        for (j, at) in pushes.clone().enumerate().rev() {
            let floor = if j == 0 { created + Duration::days(14) } else { days[j - 1] + Duration::days(7) };
            let old = (days[j] + Duration::days(self.rng.range(-10, 5))).max(floor).min(new - Duration::days(7));
            if old < floor {
                break;
            }
            changes[at].old = Some(iso(old));
            changes[at].new = Some(iso(new));
            new = old;
            kept = at;
        }
        // Pushes that could not fit before the earliest kept one are dropped.
        changes.drain(pushes.start..kept);
    }

    /// An amount revised up or down once, for some deals.
    fn amount_change(&mut self, deal: &DealPlan, changes: &mut Vec<Change>) {
        let rate = if matches!(self.persona(), Persona::Staller | Persona::Strong) { 0.25 } else { 0.18 };
        if !self.rng.chance(rate) {
            return;
        }
        let percent = if self.rng.chance(0.6) { self.rng.range(110, 140) } else { self.rng.range(70, 90) };
        // Whole €500 steps, as the plan's amounts.
        let old = (deal.amount_minor * 100 / percent / 50_000).max(1) * 50_000;
        let (from, to) = (deal.created_on() + Duration::days(3), self.ctx.cal.today - Duration::days(1));
        if old == deal.amount_minor || to < from {
            return;
        }
        let at = self.moment(from, to);
        changes.push(Change {
            at,
            field: DealField::Amount,
            old: Some(old.to_string()),
            new: Some(deal.amount_minor.to_string()),
            review: None,
        });
    }

    /// For some deals past their first stage, the day their sponsor was named.
    fn sponsor_named(&mut self, deal: &DealPlan, changes: &mut Vec<Change>) {
        let Some((name, role)) = &deal.sponsor else { return };
        if deal.stage == 0 || !self.rng.chance(0.4) {
            return;
        }
        let from = deal.created_on() + Duration::days(2);
        let to = deal.entered[1].min(self.ctx.cal.today - Duration::days(1));
        if to < from {
            return;
        }
        let at = self.moment(from, to);
        for (field, value) in [(DealField::SponsorName, name.as_str()), (DealField::SponsorRole, *role)] {
            changes.push(Change { at, field, old: None, new: Some(value.to_string()), review: None });
        }
    }

    /// A working-hours moment on a working day between `from` and `to` (never before `from`).
    fn moment(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDateTime {
        let day = self.rng.day(from, to);
        let day = weekday_on_or_before(day).max(from);
        let (hour, minute) = (self.rng.range(8, 18) as u32, self.rng.range(0, 59) as u32);
        day.and_hms_opt(hour, minute, 0).unwrap_or_default()
    }
}

/// The category next to `forecast`, above it if `up` (and possible), else below.
fn neighbour(forecast: Forecast, up: bool) -> Forecast {
    let at = VERDICT_FORECASTS.iter().position(|&f| f == forecast).unwrap_or(0);
    if (up && at + 1 < VERDICT_FORECASTS.len()) || at == 0 {
        VERDICT_FORECASTS[at + 1]
    } else {
        VERDICT_FORECASTS[at - 1]
    }
}

fn forecast_change(at: NaiveDateTime, old: Forecast, new: Forecast, review: Option<ReviewId>) -> Change {
    Change { at, field: DealField::Forecast, old: Some(old.to_string()), new: Some(new.to_string()), review }
}

fn date_change(at: NaiveDateTime, field: DealField, old: NaiveDate, new: NaiveDate) -> Change {
    Change { at, field, old: Some(iso(old)), new: Some(iso(new)), review: None }
}
