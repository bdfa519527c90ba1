//! Review history: past closed one-on-ones with their answers, the commitments made in
//! them (settled in the next review, or still open), skill ratings with a trend, and (through
//! [`challenge`]) the verdicts, hypotheses and notes of the deals each review went through.
//! The schedule ([`schedule`](super::schedule)) is planned before the deals are written. No
//! review is left open: the app opens today's review itself.

use chrono::{Duration, NaiveDateTime};
use rusqlite::Transaction;

use super::challenge;
use super::names::{MESSAGES, SEGMENTS};
use super::personas::Persona;
use super::rng::Rng;
use super::schedule::{Schedule, Slot, settle};
use super::texts::{self, DealContext, PlannedCommitment, ProspectingContext};
use super::{Context, RepPlan};
use crate::domain::commitment::{CommitmentStatus, Owner};
use crate::domain::ids::DealId;
use crate::domain::review::{LedBy, ReviewKind, ReviewStatus};
use crate::script::AnswerKind;
use crate::store::bulk::{self, NewCommitment, NewReview};

#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub reviews: u64,
    pub answers: u64,
    pub commitments: u64,
    pub challenge: challenge::Counts,
}

pub fn write(tx: &Transaction<'_>, ctx: &Context<'_>, schedule: Schedule) -> rusqlite::Result<Counts> {
    let Schedule { mut slots, reps } = schedule;
    let mut counts = Counts::default();
    for slot in &mut slots {
        let (opened, closed) = meeting_times(slot);
        slot.id = bulk::insert_review(
            tx,
            &NewReview {
                kind: slot.kind,
                rep: ctx.rep_ids[slot.rep],
                held_on: slot.held,
                led_by: LedBy::Manager,
                status: ReviewStatus::Closed,
                opened_at: opened,
                closed_at: Some(closed),
            },
        )?;
        counts.reviews += 1;
    }

    let mut writers: Vec<RepWriter<'_>> = ctx
        .reps
        .iter()
        .zip(reps)
        .map(|(rep, (rng, discussed))| RepWriter::new(ctx, rep, &slots, rng, discussed))
        .collect();
    for slot in &slots {
        let writer = &mut writers[slot.rep];
        match slot.kind {
            ReviewKind::Transformation => writer.transformation(tx, slot, &mut counts)?,
            ReviewKind::Prospecting => writer.prospecting(tx, slot, &mut counts)?,
        }
    }
    for writer in writers {
        writer.challenge.finish(tx, &mut counts.challenge)?;
    }
    Ok(counts)
}

/// One-on-ones start on the hour, one rep after the other, and last 35 to 55 minutes.
fn meeting_times(slot: &Slot) -> (NaiveDateTime, NaiveDateTime) {
    let hour = 9 + (slot.rep % 8) as u32;
    let minute = if slot.kind == ReviewKind::Prospecting { 30 } else { 0 };
    let opened = slot.held.and_hms_opt(hour, minute, 0).unwrap_or_default();
    let length = 35 + (slot.rep * 7 + slot.seq * 5) % 21;
    (opened, opened + Duration::minutes(length as i64))
}

struct RepWriter<'a> {
    ctx: &'a Context<'a>,
    rep: &'a RepPlan,
    rng: Rng,
    /// The deals discussed in each transformation review, by its `seq`.
    discussed: Vec<Vec<usize>>,
    /// The rep's reviews of each kind, oldest first: commitments are settled in the next one.
    transformation: Vec<Slot>,
    prospecting: Vec<Slot>,
    /// Verdicts, hypotheses, notes and fact changes, drawn from their own stream.
    challenge: challenge::RepChallenge<'a>,
}

impl<'a> RepWriter<'a> {
    fn new(ctx: &'a Context<'a>, rep: &'a RepPlan, slots: &[Slot], rng: Rng, discussed: Vec<Vec<usize>>) -> Self {
        let mine = |kind| slots.iter().filter(|s| s.rep == rep.index && s.kind == kind).copied().collect();
        let transformation: Vec<Slot> = mine(ReviewKind::Transformation);
        RepWriter {
            ctx,
            rep,
            rng,
            discussed,
            challenge: challenge::RepChallenge::new(ctx, rep, transformation.clone()),
            transformation,
            prospecting: mine(ReviewKind::Prospecting),
        }
    }

    fn persona(&self) -> Persona {
        self.rep.persona
    }

    fn transformation(&mut self, tx: &Transaction<'_>, slot: &Slot, counts: &mut Counts) -> rusqlite::Result<()> {
        let ctx = self.ctx;
        let persona = self.persona();
        let discussed = self.discussed[slot.seq].clone();
        let (opened, _) = meeting_times(slot);
        let mut minute = 2;

        for i in discussed {
            let deal = &ctx.deals[i];
            // A deal the review's verdict moved on was discussed in the stage it left.
            let reached = deal.stage_on(slot.held);
            let moved = deal.moved_on.contains(&slot.held);
            let stage_index = if moved { reached - 1 } else { reached };
            let stage = &ctx.stages[stage_index];
            let days_in_stage = (slot.held - deal.entered[stage_index]).num_days();
            let missing: Vec<&str> = stage
                .criteria
                .iter()
                .enumerate()
                .filter(|(c, _)| {
                    !deal.checks.iter().any(|k| k.stage == stage_index && k.criterion == *c && k.on <= slot.held)
                })
                .map(|(_, criterion)| criterion.text.as_str())
                .collect();

            let mut made = Vec::new();
            for (owner, p) in
                [(Owner::Prospect, 0.85), (Owner::Prospect, 0.3), (Owner::Rep, 0.7), (Owner::Manager, 0.2)]
            {
                if self.rng.chance(p) {
                    let what = texts::deal_commitment(owner, &mut self.rng);
                    if made.iter().any(|c: &PlannedCommitment| c.what == what) {
                        continue;
                    }
                    let due = slot.held + Duration::days(self.rng.range(3, 14));
                    made.push(PlannedCommitment { owner, what, due });
                }
            }

            let sponsor = deal.sponsor.as_ref().map(|(name, role)| (name.as_str(), *role));
            let mut answer_ctx = DealContext {
                persona,
                good: true,
                account: &deal.account,
                sponsor,
                held: slot.held,
                missing,
                commitments: &made,
                days_in_stage,
                expected_days: i64::from(stage.expected_days),
            };
            let mut criteria_said = None;
            for (q_index, question) in ctx.script.questions_for(&stage.key).into_iter().enumerate() {
                if skipped(&mut self.rng, q_index, question.kind, 0.75) {
                    continue;
                }
                answer_ctx.good = self.rng.chance(persona.answer_quality());
                let answer = texts::deal_answer(question, &answer_ctx, &mut self.rng);
                let at = opened + Duration::minutes(minute);
                bulk::insert_answer(tx, slot.id, Some(ctx.deal_ids[i]), &question.id, &question.text, &answer, at)?;
                if question.kind == AnswerKind::Criteria {
                    criteria_said = Some((answer, at));
                }
                minute += 1;
                counts.answers += 1;
            }
            for c in &made {
                self.commitment(tx, slot, Some(ctx.deal_ids[i]), c)?;
                counts.commitments += 1;
            }
            self.challenge.discussed(
                tx,
                &challenge::Discussion {
                    slot,
                    deal: i,
                    stage: stage_index,
                    moved,
                    criteria_said: criteria_said.as_ref().map(|(text, at)| (text.as_str(), *at)),
                    decided_at: opened + Duration::minutes(minute),
                },
                &mut counts.challenge,
            )?;
            minute += 3;
        }

        for skill in &ctx.script.skills {
            let (start, step) = persona.skill_start(&skill.id);
            let tenths = start + step * slot.seq as i64 + self.rng.range(-4, 4);
            let score = ((tenths + 5) / 10).clamp(1, 5);
            let note = texts::skill_note(score, &mut self.rng);
            bulk::insert_skill_rating(tx, slot.id, &skill.id, score, &note)?;
        }
        Ok(())
    }

    fn prospecting(&mut self, tx: &Transaction<'_>, slot: &Slot, counts: &mut Counts) -> rusqlite::Result<()> {
        let ctx = self.ctx;
        let persona = self.persona();
        let (segment, message) = persona.sweet_spot();
        let other = (message + 1 + self.rng.index(MESSAGES.len() - 1)) % MESSAGES.len();
        let good = self.rng.chance(persona.answer_quality());

        let mut made = Vec::new();
        let owners = if self.rng.chance(0.6) {
            vec![Owner::Rep, if self.rng.chance(0.3) { Owner::Manager } else { Owner::Rep }]
        } else {
            vec![Owner::Rep]
        };
        for owner in owners {
            let what = if persona == Persona::MeetingMachine && made.is_empty() {
                "Qualify every booked meeting: pain and sponsor named on the first call".to_string()
            } else {
                texts::prospecting_commitment(owner, SEGMENTS[segment], MESSAGES[message], &mut self.rng)
            };
            // Two identical promises in one meeting read as a glitch.
            if made.iter().any(|c: &PlannedCommitment| c.what == what) {
                continue;
            }
            let due = slot.held + Duration::days(self.rng.range(4, 10));
            made.push(PlannedCommitment { owner, what, due });
        }

        let answer_ctx = ProspectingContext {
            persona,
            good,
            segment: SEGMENTS[segment],
            message: MESSAGES[message],
            other_message: MESSAGES[other],
            commitments: &made,
        };
        let (opened, _) = meeting_times(slot);
        for (q_index, question) in ctx.script.prospecting.iter().enumerate() {
            if skipped(&mut self.rng, q_index, question.kind, 0.85) {
                continue;
            }
            let answer = texts::prospecting_answer(question, &answer_ctx, &mut self.rng);
            let at = opened + Duration::minutes(3 + 4 * q_index as i64);
            bulk::insert_answer(tx, slot.id, None, &question.id, &question.text, &answer, at)?;
            counts.answers += 1;
        }
        for c in &made {
            self.commitment(tx, slot, None, c)?;
            counts.commitments += 1;
        }
        Ok(())
    }

    /// Writes a commitment, settled in the rep's first later review of the same kind held
    /// on or after its due date; with no such review it is still open (overdue or not).
    fn commitment(
        &mut self,
        tx: &Transaction<'_>,
        slot: &Slot,
        deal: Option<DealId>,
        c: &PlannedCommitment,
    ) -> rusqlite::Result<()> {
        let later = match slot.kind {
            ReviewKind::Transformation => &self.transformation,
            ReviewKind::Prospecting => &self.prospecting,
        };
        let outcomes = if c.owner == Owner::Manager { [85, 10, 5, 0] } else { self.persona().commitment_outcomes() };
        let (status, settled) = settle(later, slot, c.due, CommitmentStatus::Open, || {
            [CommitmentStatus::Done, CommitmentStatus::Missed, CommitmentStatus::Dropped, CommitmentStatus::Open]
                [self.rng.weighted(&outcomes)]
        });
        let note = match status {
            CommitmentStatus::Missed => texts::commitment_note(c.owner, true, &mut self.rng),
            CommitmentStatus::Dropped => texts::commitment_note(c.owner, false, &mut self.rng),
            _ => String::new(),
        };
        bulk::insert_commitment(
            tx,
            &NewCommitment {
                deal,
                rep: self.ctx.rep_ids[self.rep.index],
                owner: c.owner,
                what: &c.what,
                due_on: Some(c.due),
                status,
                made_in: Some(slot.id),
                settled_in: settled.map(|s| s.id),
                settled_on: settled.map(|s| s.held),
                note: &note,
                created_on: Some(slot.held),
            },
        )?;
        Ok(())
    }
}

/// Whether a review's answer to its `q_index`th question is left out: the first two are
/// always answered and commitments made always written down; any other is kept with
/// probability `keep` (drawn only for those).
fn skipped(rng: &mut Rng, q_index: usize, kind: AnswerKind, keep: f64) -> bool {
    q_index >= 2 && kind != AnswerKind::Commitments && !rng.chance(keep)
}
