//! Deal timelines: each deal is planned in memory first (stages walked, dates, sponsor,
//! next step, criteria validated), then written with its stage history and criteria.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rusqlite::Transaction;

use super::names::{self, ACCOUNT_STEMS, DEAL_NAMES, FIRST_NAMES, LAST_NAMES, SPONSOR_ROLES};
use super::personas::Persona;
use super::rng::{Rng, Stream, split};
use super::texts;
use super::{Calendar, RepPlan};
use crate::domain::dates::week_of;
use crate::domain::deal::{DealStatus, Forecast};
use crate::domain::ids::{DealId, RepId};
use crate::domain::verdict::VERDICT_FORECASTS;
use crate::script::Stage;
use crate::store::bulk::{self, NewCriterionCheck, NewDeal};

/// One exit criterion validated on a deal.
#[derive(Debug, Clone)]
pub struct CheckPlan {
    pub stage: usize,
    pub criterion: usize,
    pub on: NaiveDate,
    pub evidence: &'static str,
    /// Whether the evidence mentions the day it was noted.
    pub dated: bool,
}

/// A deal as planned, before it has an id.
#[derive(Debug, Clone)]
pub struct DealPlan {
    pub rep: usize,
    pub account: String,
    pub name: &'static str,
    pub amount_minor: i64,
    /// Index of the current (or last) stage in the script.
    pub stage: usize,
    /// The day the deal entered each stage, from the first to `stage`; the first is its creation.
    pub entered: Vec<NaiveDate>,
    pub close_on: Option<NaiveDate>,
    pub forecast: Forecast,
    pub sponsor: Option<(String, &'static str)>,
    pub next_step: Option<(&'static str, Option<NaiveDate>)>,
    pub channel: usize,
    pub segment: usize,
    /// The campaign that opened the door, for the deal's opportunity activity.
    pub message: usize,
    pub status: DealStatus,
    pub closed_on: Option<NaiveDate>,
    pub checks: Vec<CheckPlan>,
    /// The days a review's verdict moved the deal on to its next stage (see
    /// `challenge::date_moves_on_reviews`).
    pub moved_on: Vec<NaiveDate>,
}

impl DealPlan {
    pub fn created_on(&self) -> NaiveDate {
        self.entered[0]
    }

    pub fn stage_entered_on(&self) -> NaiveDate {
        self.entered[self.entered.len() - 1]
    }

    /// The stage the deal was in on `day` (its first stage before it existed).
    pub fn stage_on(&self, day: NaiveDate) -> usize {
        self.entered.iter().rposition(|&entered| entered <= day).unwrap_or(0)
    }
}

/// Plans every deal: `total` split over the reps by their deal rate and active weeks, about
/// a persona-dependent number of each rep's deals still open, the rest won or lost. Open
/// deals are recent by nature; closed ones are created in the weeks open ones leave empty,
/// so opportunities arrive at a steady pace over the span instead of bunching at its end.
/// Sorted by creation day, so ids grow with time as they would in a CRM.
pub fn plan(cal: &Calendar, stages: &[Stage], reps: &[RepPlan], total: u64, seed: u64) -> Vec<DealPlan> {
    let weights: Vec<u64> =
        reps.iter().map(|r| r.persona.deal_rate() * (cal.weeks - r.join_week).max(1) as u64).collect();
    let counts = split(total, &weights);
    let mut deals = Vec::with_capacity(total as usize);
    for (rep, &count) in reps.iter().zip(&counts) {
        let mut rng = Rng::new(seed, Stream::Deals, rep.index as u64);
        let open = rep.persona.open_deals().min(count - count / 4);
        let mut planner = Planner { cal, stages, rep, rng: &mut rng, recent_left: 1 };
        let first = deals.len();
        for _ in 0..open {
            deals.push(planner.open_deal());
        }
        let mut weeks = CreationWeeks::new(cal, rep, &deals[first..], count);
        for _ in open..count {
            let created = weeks.draw(planner.rng);
            deals.push(planner.closed_deal(created));
        }
    }
    // A stable sort keeps each rep's own order for deals created the same day.
    deals.sort_by_key(|d| (d.created_on(), d.rep));
    deals
}

/// Where a rep's closed deals may be created: the weeks of the span (from the rep's arrival)
/// up to a week before today, weighted by how far each is below an even share of the deals.
struct CreationWeeks {
    first_monday: NaiveDate,
    first_day: NaiveDate,
    last_day: NaiveDate,
    /// Deals created per week so far, in thousandths, and the even share.
    created: Vec<i64>,
    share: i64,
}

impl CreationWeeks {
    fn new(cal: &Calendar, rep: &RepPlan, open: &[DealPlan], count: u64) -> CreationWeeks {
        let first_day = rep.joined_on.max(cal.start);
        let mut last_day = cal.today - Duration::days(7);
        if rep.persona == Persona::MeetingMachine {
            last_day = last_day.min(cal.last_4_weeks - Duration::days(1));
        }
        let last_day = last_day.max(first_day);
        let first_monday = week_of(first_day);
        let weeks = ((week_of(last_day) - first_monday).num_days() / 7 + 1) as usize;
        let mut created = vec![0; weeks];
        for deal in open {
            let day = deal.created_on();
            if day >= first_day && day <= last_day {
                created[((day - first_monday).num_days() / 7) as usize] += 1_000;
            }
        }
        let share = (count * 1_000 / weeks as u64) as i64;
        CreationWeeks { first_monday, first_day, last_day, created, share }
    }

    fn draw(&mut self, rng: &mut Rng) -> NaiveDate {
        // A small floor keeps every week possible once all are at their share.
        let weights: Vec<u32> = self.created.iter().map(|&c| ((self.share - c).max(0) + 20) as u32).collect();
        let week = rng.weighted(&weights);
        self.created[week] += 1_000;
        let day = self.first_monday + Duration::days(week as i64 * 7 + rng.range(0, 4));
        day.clamp(self.first_day, self.last_day)
    }
}

struct Planner<'a> {
    cal: &'a Calendar,
    stages: &'a [Stage],
    rep: &'a RepPlan,
    rng: &'a mut Rng,
    /// Deals the meeting machine may still create inside the dashboard's "last 4 weeks":
    /// its whole point is meetings that do not turn into opportunities.
    recent_left: u32,
}

impl Planner<'_> {
    fn persona(&self) -> Persona {
        self.rep.persona
    }

    fn expected(&self, stage: usize) -> i64 {
        i64::from(self.stages[stage].expected_days.max(1))
    }

    fn pick_stage(&mut self) -> usize {
        let table = self.persona().stage_weights();
        let newcomer = self.persona() == Persona::Newcomer;
        let weights: Vec<u32> = (0..self.stages.len())
            .map(|k| match table.get(k) {
                Some(&w) => w,
                None if newcomer => 0,
                None => table[table.len() - 1],
            })
            .collect();
        self.rng.weighted(&weights)
    }

    /// Days spent in each stage before `upto`, at the persona's pace.
    fn past_durations(&mut self, upto: usize) -> Vec<i64> {
        let (lo, hi) = self.persona().past_stage_pace();
        (0..upto).map(|k| ((self.expected(k) as f64 * self.rng.between(lo, hi)) as i64).max(1)).collect()
    }

    /// Fits a timeline that would start before `earliest` into the days available, keeping
    /// each stage's share and at least a day per stage: the newcomer cannot have deals
    /// older than their arrival.
    fn fit(durations: &mut [i64], end: NaiveDate, earliest: NaiveDate) {
        let total: i64 = durations.iter().sum();
        let stages = durations.len() as i64;
        let available = (end - earliest).num_days() - stages;
        if total > available + stages && total > 0 {
            for d in durations.iter_mut() {
                *d = (*d * available.max(0) / total).max(1);
            }
        }
    }

    fn entries(created: NaiveDate, durations: &[i64], stages: usize) -> Vec<NaiveDate> {
        let mut entered = Vec::with_capacity(stages);
        let mut day = created;
        entered.push(day);
        for d in durations.iter().take(stages - 1) {
            day += Duration::days(*d);
            entered.push(day);
        }
        entered
    }

    fn open_deal(&mut self) -> DealPlan {
        let today = self.cal.today;
        let persona = self.persona();
        let stage = self.pick_stage();
        let expected = self.expected(stage);
        let (draw, pick) = (self.rng.unit(), self.rng.unit());
        let in_stage = (expected as f64 * persona.stage_age(draw, pick)) as i64;
        let mut durations = self.past_durations(stage);
        durations.push(in_stage);
        Self::fit(&mut durations, today, self.rep.joined_on);

        let mut created = weekday_on_or_before(today - Duration::days(durations.iter().sum()));
        if created < self.rep.joined_on {
            created = self.rep.joined_on;
        }
        if persona == Persona::MeetingMachine && created >= self.cal.last_4_weeks {
            if self.recent_left > 0 {
                self.recent_left -= 1;
            } else {
                // Pushed back before the window: it becomes an older deal stuck in its stage.
                let back = (created - self.cal.last_4_weeks).num_days() + self.rng.range(3, 25);
                created = weekday_on_or_before(created - Duration::days(back));
            }
        }
        // The current stage absorbs the days the creation day moved by.
        let spent: i64 = durations[..stage].iter().sum();
        let in_stage = ((today - created).num_days() - spent).max(0);
        let mut entered = Self::entries(created, &durations[..stage], stage + 1);
        // Only a guard: the timeline was built backwards from today.
        for day in &mut entered {
            *day = (*day).min(today);
        }

        let later: i64 = (stage + 1..self.stages.len()).map(|k| self.expected(k)).sum();
        // Past dates (a close date that slipped, a next step not done) fall after the creation.
        let age = (today - created).num_days();
        let close_on = if age > 7 && self.rng.chance(persona.past_close_rate()) {
            today - Duration::days(self.rng.range(1, 45.min(age - 7)))
        } else {
            today + Duration::days((expected - in_stage).max(0) + later + self.rng.range(3, 21))
        };

        let position = (stage + 1) as f64 / self.stages.len() as f64;
        let stuck = in_stage > expected * 2;
        let forecast = if persona == Persona::Staller && stuck && stage > 0 && self.rng.chance(0.45) {
            // The staller's commits are the inflated pipeline the method warns about.
            Forecast::Commit
        } else {
            let weights = if stage + 1 == self.stages.len() && self.stages.len() > 1 {
                [10, 30, 60]
            } else if position >= 0.5 {
                [30, 45, 25]
            } else {
                [75, 25, 0]
            };
            VERDICT_FORECASTS[self.rng.weighted(&weights)]
        };

        let (early, later_rate) = persona.no_sponsor_rate();
        let no_sponsor = self.rng.chance(if stage == 0 { early } else { later_rate });
        let sponsor = (!no_sponsor).then(|| self.sponsor());

        let (missing, overdue) = persona.next_step_problems();
        let text = self.rng.word(names::next_steps(stage, self.stages.len()));
        let roll = self.rng.unit();
        let next_step = if roll < missing {
            None
        } else if roll < missing + overdue && age > 2 {
            Some((text, Some(today - Duration::days(self.rng.range(1, 30.min(age - 1))))))
        } else if self.rng.chance(0.03) {
            Some((text, None))
        } else {
            Some((text, Some(today + Duration::days(self.rng.range(1, 14)))))
        };

        let mut deal = self.common(stage, entered, DealStatus::Open, forecast);
        deal.close_on = Some(close_on);
        deal.sponsor = sponsor;
        deal.next_step = next_step;
        // Criteria of the current stage come in as the stay goes on, never all of them at once.
        let progress = (in_stage as f64 / expected as f64).min(1.0) * 0.7;
        deal.checks = self.checks(&deal.entered, stage, progress, today);
        if deal.sponsor.is_none() {
            // A deal without a sponsor cannot have validated "sponsor identified and met".
            let stages = self.stages;
            deal.checks.retain(|c| !stages[c.stage].criteria[c.criterion].id.contains("sponsor"));
        }
        deal
    }

    fn closed_deal(&mut self, created: NaiveDate) -> DealPlan {
        let persona = self.persona();
        let created = weekday_on_or_before(created);
        let mut won = self.rng.chance(persona.win_rate());
        let n = self.stages.len();
        let mut stage = if won { n - 1 } else { self.rng.index(n) };
        // Closed before today, with at least a day in each stage it went through.
        let available = (self.cal.today - Duration::days(1) - created).num_days().max(1);
        if available < stage as i64 + 1 {
            stage = available as usize - 1;
            won = false;
        }

        let mut durations = self.past_durations(stage);
        let last = (self.expected(stage) as f64 * self.rng.between(0.3, 1.2)) as i64;
        durations.push(last.max(1));
        Self::fit(&mut durations, created + Duration::days(available), created);
        let entered = Self::entries(created, &durations, stage + 1);
        let mut closed_on = created + Duration::days(durations.iter().sum());
        // Deals are signed or given up on working days.
        let friday = weekday_on_or_before(closed_on);
        if friday > entered[stage] {
            closed_on = friday;
        }

        let (status, forecast, planned) = if won {
            (DealStatus::Won, Forecast::Won, closed_on)
        } else {
            // Lost deals often die before the date they were expected to close.
            (DealStatus::Lost, Forecast::Lost, closed_on + Duration::days(self.rng.range(0, 30)))
        };
        let mut deal = self.common(stage, entered, status, forecast);
        deal.close_on = Some(planned);
        deal.closed_on = Some(closed_on);
        deal.sponsor = (won || self.rng.chance(0.6)).then(|| self.sponsor());
        let progress = if won { 1.0 } else { 0.3 };
        deal.checks = self.checks(&deal.entered, stage, progress, closed_on);
        deal
    }

    /// What every deal has, whatever its status: account, name, amount, source.
    fn common(&mut self, stage: usize, entered: Vec<NaiveDate>, status: DealStatus, forecast: Forecast) -> DealPlan {
        let persona = self.persona();
        let (sweet_segment, sweet_message) = persona.sweet_spot();
        let segment = if self.rng.chance(0.4) { sweet_segment } else { self.rng.index(names::SEGMENTS.len()) };
        let message = if self.rng.chance(0.4) { sweet_message } else { self.rng.index(names::MESSAGES.len()) };
        let channel = self.rng.weighted(&persona.source_channels());
        let (stem, word, form) =
            (self.rng.index(ACCOUNT_STEMS), self.rng.index(5), self.rng.index(names::LEGAL_FORMS.len()));
        let account = names::account(segment, stem, word, form);
        DealPlan {
            rep: self.rep.index,
            account,
            name: self.rng.word(&DEAL_NAMES),
            amount_minor: self.amount(),
            stage,
            entered,
            close_on: None,
            forecast,
            sponsor: None,
            next_step: None,
            channel,
            segment,
            message,
            status,
            closed_on: None,
            checks: Vec::new(),
            moved_on: Vec::new(),
        }
    }

    /// €8k–€250k in €500 steps, most deals in the middle; the strong performer sells bigger.
    fn amount(&mut self) -> i64 {
        const BRACKETS: [(i64, i64); 4] = [(8_000, 20_000), (20_000, 50_000), (50_000, 120_000), (120_000, 250_000)];
        let weights = if self.persona() == Persona::Strong { [15, 30, 35, 20] } else { [25, 37, 28, 10] };
        let (lo, hi) = BRACKETS[self.rng.weighted(&weights)];
        self.rng.range(lo / 500, hi / 500) * 500 * 100
    }

    fn sponsor(&mut self) -> (String, &'static str) {
        let name = format!("{} {}", self.rng.word(&FIRST_NAMES), self.rng.word(&LAST_NAMES));
        (name, self.rng.word(&SPONSOR_ROLES))
    }

    /// Criteria of the stages before `stage` (as the persona's discipline allows), and a
    /// `current` share of the current stage's, dated inside the stage they belong to.
    fn checks(&mut self, entered: &[NaiveDate], stage: usize, current: f64, end: NaiveDate) -> Vec<CheckPlan> {
        let discipline = self.persona().criteria_discipline();
        let mut checks = Vec::new();
        for (k, &from) in entered.iter().enumerate() {
            let until = entered.get(k + 1).copied().unwrap_or(end).max(from);
            let share = if k < stage { discipline } else { current * discipline.max(0.6) };
            for (c, criterion) in self.stages[k].criteria.iter().enumerate() {
                if !self.rng.chance(share) {
                    continue;
                }
                let on = self.rng.day(from, until);
                let (evidence, dated) = texts::evidence(&criterion.id, self.rng);
                checks.push(CheckPlan { stage: k, criterion: c, on, evidence, dated });
            }
        }
        checks
    }
}

/// Deals are created on working days.
pub fn weekday_on_or_before(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day - Duration::days(1),
        Weekday::Sun => day - Duration::days(2),
        _ => day,
    }
}

/// Writes the deals with their stage history and criteria; returns their ids, in plan order.
pub fn write(
    tx: &Transaction<'_>,
    stages: &[Stage],
    deals: &[DealPlan],
    rep_ids: &[RepId],
) -> rusqlite::Result<Vec<DealId>> {
    let mut ids = Vec::with_capacity(deals.len());
    for deal in deals {
        let sponsor = deal.sponsor.as_ref();
        let row = NewDeal {
            external_id: None,
            rep: rep_ids[deal.rep],
            account: &deal.account,
            name: deal.name,
            amount_minor: deal.amount_minor,
            currency: "EUR",
            stage: &stages[deal.stage].key,
            stage_entered_on: deal.stage_entered_on(),
            close_on: deal.close_on,
            forecast: deal.forecast,
            sponsor_name: sponsor.map(|s| s.0.as_str()),
            sponsor_role: sponsor.map(|s| s.1),
            next_step: deal.next_step.map(|n| n.0),
            next_step_on: deal.next_step.and_then(|n| n.1),
            source_channel: Some(names::CHANNELS[deal.channel]),
            segment: Some(names::SEGMENTS[deal.segment]),
            status: deal.status,
            created_on: deal.created_on(),
            closed_on: deal.closed_on,
        };
        let id = bulk::insert_deal(tx, &row)?;
        for (k, &on) in deal.entered.iter().enumerate() {
            bulk::insert_stage_entry(tx, id, &stages[k].key, on)?;
        }
        for check in &deal.checks {
            let dated;
            let evidence = if check.dated {
                dated = format!("{} ({})", check.evidence, texts::short_date(check.on));
                &dated
            } else {
                check.evidence
            };
            let stage = &stages[check.stage];
            let criterion = &stage.criteria[check.criterion];
            bulk::insert_criterion_check(
                tx,
                &NewCriterionCheck {
                    deal: id,
                    stage: &stage.key,
                    criterion: &criterion.id,
                    criterion_text: &criterion.text,
                    validated_on: check.on,
                    evidence,
                },
            )?;
        }
        ids.push(id);
    }
    Ok(ids)
}
