//! When each rep is reviewed, and which open deals each transformation review goes through.
//! Planned before any row is written, on its own so that the review writer and the deal
//! challenge both read it and neither imports the other for it: a stage move decided in a
//! review is dated on that review, and what is made in one review is settled in a later one.

use chrono::{Duration, NaiveDate};

use super::deals::{DealPlan, weekday_on_or_before};
use super::rng::{Rng, Stream};
use super::{Calendar, RepPlan};
use crate::domain::ids::ReviewId;
use crate::domain::review::ReviewKind;

/// Days before today of the transformation reviews (every two weeks, the latest 10 days ago)
/// and of the prospecting reviews in the weeks between.
const TRANSFORMATION_DAYS_AGO: [i64; 4] = [52, 38, 24, 10];
const PROSPECTING_DAYS_AGO: [i64; 3] = [45, 31, 17];

#[derive(Debug, Clone, Copy)]
pub struct Slot {
    pub rep: usize,
    pub kind: ReviewKind,
    pub held: NaiveDate,
    /// Position among this rep's reviews of this kind, oldest first.
    pub seq: usize,
    pub id: ReviewId,
}

/// Who is reviewed when, and which open deals each transformation review goes through.
/// Planned before any row is written, so a stage move decided in a review can be dated on it.
pub struct Schedule {
    /// Every review, by day then rep then kind; ids are set when they are written.
    pub(super) slots: Vec<Slot>,
    /// Per rep: its review stream, past the shuffle that ordered its deals, and the deals
    /// (indexes into the plan) discussed in each of its transformation reviews, by `seq`.
    pub(super) reps: Vec<(Rng, Vec<Vec<usize>>)>,
}

impl Schedule {
    pub fn plan(cal: &Calendar, reps: &[RepPlan], deals: &[DealPlan], deals_by_rep: &[Vec<usize>], seed: u64) -> Self {
        let mut slots = Vec::new();
        for rep in reps {
            for (kind, days_ago) in [
                (ReviewKind::Transformation, &TRANSFORMATION_DAYS_AGO[..]),
                (ReviewKind::Prospecting, &PROSPECTING_DAYS_AGO[..]),
            ] {
                let mut seq = 0;
                for &ago in days_ago {
                    let held = weekday_on_or_before(cal.today - Duration::days(ago));
                    if held < rep.joined_on + Duration::days(14) || held < cal.start {
                        continue;
                    }
                    slots.push(Slot { rep: rep.index, kind, held, seq, id: ReviewId(0) });
                    seq += 1;
                }
            }
        }
        slots.sort_by_key(|s| (s.held, s.rep, s.kind));

        let plans = reps
            .iter()
            .map(|rep| {
                let mut rng = Rng::new(seed, Stream::Reviews, rep.index as u64);
                // The rep's open deals in the order reviews go through them.
                let mut order: Vec<usize> =
                    deals_by_rep[rep.index].iter().copied().filter(|&i| deals[i].closed_on.is_none()).collect();
                for i in (1..order.len()).rev() {
                    let j = rng.index(i + 1);
                    order.swap(i, j);
                }
                let discussed = slots
                    .iter()
                    .filter(|s| s.rep == rep.index && s.kind == ReviewKind::Transformation)
                    .map(|slot| {
                        let eligible: Vec<usize> = order
                            .iter()
                            .copied()
                            .filter(|&i| deals[i].created_on() + Duration::days(3) <= slot.held)
                            .collect();
                        let take = rep.persona.deals_per_review().min(eligible.len());
                        let first = if eligible.is_empty() { 0 } else { slot.seq * take % eligible.len() };
                        (0..take).map(|n| eligible[(first + n) % eligible.len()]).collect()
                    })
                    .collect();
                (rng, discussed)
            })
            .collect();
        Schedule { slots, reps: plans }
    }

    /// Each transformation review's day and the deals it goes through.
    pub fn discussions(&self) -> impl Iterator<Item = (NaiveDate, &[usize])> {
        self.slots
            .iter()
            .filter(|s| s.kind == ReviewKind::Transformation)
            .map(|s| (s.held, &self.reps[s.rep].1[s.seq][..]))
    }
}

/// What became of something made in `slot` and due on `due`: the first of `later` (the rep's
/// reviews of that kind, oldest first) held after `slot` on or after `due` settles it with the
/// status `draw` gives; without one it stays `open` and nothing is drawn. The settling review
/// comes back only when the status drawn is not `open`.
pub fn settle<S: Copy + PartialEq>(
    later: &[Slot],
    slot: &Slot,
    due: NaiveDate,
    open: S,
    draw: impl FnOnce() -> S,
) -> (S, Option<Slot>) {
    let settling = later.iter().find(|s| s.seq > slot.seq && s.held >= due).copied();
    let status = if settling.is_some() { draw() } else { open };
    (status, settling.filter(|_| status != open))
}
