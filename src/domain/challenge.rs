//! Which deals need a challenge first, and why.
//!
//! A deal is assessed from its facts, its commitments and how often its close date moved,
//! against an injected `today`. Each reason becomes a [`Badge`] carrying the figure the
//! manager sees; the badges' points add up to the deal's need-of-challenge score. All the
//! weights and thresholds sit in [`weights`] so the ranking can be tuned in one place.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::commitment::{Commitment, CommitmentStatus, Owner};
use super::deal::{Deal, NextStepProblem};
use super::word_enum;

/// Points per reason and the thresholds that switch reasons on. A score is a plain sum
/// of points, so a weight reads as "how many of the other reasons this one is worth".
pub mod weights {
    /// Being past the stage's expected days at all: the deal is stuck, the method's first question.
    pub const STAGE_OVERDUE: f64 = 10.0;
    /// Plus this for each further stage-length over (3× the expected days weighs 10 + 2 × 10 = 30).
    pub const STAGE_OVERDUE_PER_LENGTH: f64 = 10.0;
    /// Ceiling: past 4 stage-lengths over, "stuck" is stuck; it must not drown every other reason.
    pub const STAGE_OVERDUE_MAX: f64 = 40.0;

    /// A close date in the past means the forecast is wrong today.
    pub const CLOSE_PASSED: f64 = 20.0;
    /// Plus this per week past it: a stale date is a deal nobody is steering.
    pub const CLOSE_PASSED_PER_WEEK: f64 = 1.0;
    /// Ceiling for a passed close date.
    pub const CLOSE_PASSED_MAX: f64 = 30.0;
    /// No close date at all: the deal cannot be forecast, but nothing is visibly late yet.
    pub const NO_CLOSE_DATE: f64 = 10.0;

    /// No sponsor named: "is there a sponsor?" is one of the method's core questions.
    pub const NO_SPONSOR: f64 = 12.0;
    /// No open prospect commitment: the brief's heart, a deal the prospect does not move is not moving.
    pub const NO_PROSPECT_COMMITMENT: f64 = 25.0;

    /// No next step: nobody knows what happens next, worse than a late one.
    pub const NEXT_STEP_MISSING: f64 = 12.0;
    /// A next step whose date passed: the plan exists but slipped.
    pub const NEXT_STEP_OVERDUE: f64 = 8.0;
    /// Plus this per week overdue.
    pub const NEXT_STEP_OVERDUE_PER_WEEK: f64 = 1.0;
    /// Ceiling for an overdue next step, kept at the missing one's weight: late is never worse than none.
    pub const NEXT_STEP_OVERDUE_MAX: f64 = 12.0;

    /// Each prospect commitment marked missed: a broken promise is the clearest sign of a cooling deal.
    pub const BROKEN_PROMISE: f64 = 10.0;
    /// Ceiling: three broken promises already say everything.
    pub const BROKEN_PROMISES_MAX: f64 = 30.0;

    /// Close-date pushes that make a badge: one push is ordinary slippage, two is a pattern.
    pub const CLOSE_PUSHES_FROM: u32 = 2;
    /// Points per push once the badge is on ("happy ears": the date moves, the deal does not).
    pub const CLOSE_PUSH: f64 = 6.0;
    /// Ceiling for pushes.
    pub const CLOSE_PUSHES_MAX: f64 = 24.0;

    /// A large amount raises the stakes but is no problem by itself: less than any real warning.
    pub const LARGE_AMOUNT: f64 = 8.0;
    /// Fewer open deals with an amount than this and "large" means nothing: no threshold.
    pub const LARGE_MIN_DEALS: usize = 5;
    /// Large is the top 1/N of the rep's open amounts (5: the top quintile)…
    pub const LARGE_TOP_SHARE: usize = 5;
    /// …and at least this many times the median, so an even pipeline has no "large" deal.
    pub const LARGE_MEDIAN_FACTOR: f64 = 1.5;
}

/// What the ranking looks at for one deal.
#[derive(Debug, Clone, Copy)]
pub struct DealFacts<'a> {
    pub deal: &'a Deal,
    /// The stage's expected days (None: stage unknown to the script, so never "overdue").
    pub expected_days: Option<u32>,
    /// All this deal's commitments, any status.
    pub commitments: &'a [Commitment],
    /// Times the close date was moved later (counted by the store).
    pub close_pushes: u32,
}

/// One reason a deal needs a challenge, with the figure shown to the manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge {
    /// Days in stage beyond the stage's expected days.
    StageOverdue {
        days: i64,
        expected: u32,
    },
    /// The expected close date passed this many days ago.
    ClosePassed {
        days: i64,
    },
    NoCloseDate,
    NoSponsor,
    /// No open commitment owned by the prospect.
    NoProspectCommitment,
    NextStepMissing,
    /// The next step's date passed this many days ago.
    NextStepOverdue {
        days: i64,
    },
    /// Prospect commitments marked missed.
    BrokenPromises {
        count: usize,
    },
    /// The close date was moved later this many times (only from [`weights::CLOSE_PUSHES_FROM`]).
    ClosePushed {
        times: u32,
    },
    /// The amount is large for this rep's open deals.
    LargeAmount {
        amount_minor: i64,
    },
}

impl Badge {
    /// What this reason adds to the score; badges are shown most points first.
    pub fn points(&self) -> f64 {
        use weights as w;
        match *self {
            Badge::StageOverdue { days, expected } => {
                // A stage expected to take 0 days is measured in 1-day lengths.
                let lengths_over = (days - i64::from(expected)) as f64 / f64::from(expected.max(1));
                (w::STAGE_OVERDUE + w::STAGE_OVERDUE_PER_LENGTH * lengths_over).min(w::STAGE_OVERDUE_MAX)
            }
            Badge::ClosePassed { days } => {
                (w::CLOSE_PASSED + w::CLOSE_PASSED_PER_WEEK * days as f64 / 7.0).min(w::CLOSE_PASSED_MAX)
            }
            Badge::NoCloseDate => w::NO_CLOSE_DATE,
            Badge::NoSponsor => w::NO_SPONSOR,
            Badge::NoProspectCommitment => w::NO_PROSPECT_COMMITMENT,
            Badge::NextStepMissing => w::NEXT_STEP_MISSING,
            Badge::NextStepOverdue { days } => {
                (w::NEXT_STEP_OVERDUE + w::NEXT_STEP_OVERDUE_PER_WEEK * days as f64 / 7.0).min(w::NEXT_STEP_OVERDUE_MAX)
            }
            Badge::BrokenPromises { count } => (w::BROKEN_PROMISE * count as f64).min(w::BROKEN_PROMISES_MAX),
            Badge::ClosePushed { times } => (w::CLOSE_PUSH * f64::from(times)).min(w::CLOSE_PUSHES_MAX),
            Badge::LargeAmount { .. } => w::LARGE_AMOUNT,
        }
    }
}

/// Why a deal needs a challenge and how much.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Assessment {
    /// Most serious (most points) first.
    pub badges: Vec<Badge>,
    /// The sum of the badges' points; 0 for a deal with nothing to challenge.
    pub score: f64,
}

/// Assesses one deal on `today`. `large_from` is the rep's threshold from
/// [`large_amount_threshold`] (None: nothing counts as large).
pub fn assess(facts: &DealFacts<'_>, today: NaiveDate, large_from: Option<i64>) -> Assessment {
    let deal = facts.deal;
    let mut badges = Vec::new();

    if let Some(expected) = facts.expected_days {
        let days = deal.days_in_stage(today);
        if days > i64::from(expected) {
            badges.push(Badge::StageOverdue { days, expected });
        }
    }
    if deal.close_on.is_none() {
        badges.push(Badge::NoCloseDate);
    } else if let Some(days) = deal.days_past_close(today) {
        badges.push(Badge::ClosePassed { days });
    }
    if !deal.has_sponsor() {
        badges.push(Badge::NoSponsor);
    }
    let prospect = || facts.commitments.iter().filter(|c| c.owner == Owner::Prospect);
    // Only an open promise moves the deal: done ones are history, dropped ones were never kept.
    if !prospect().any(|c| c.status == CommitmentStatus::Open) {
        badges.push(Badge::NoProspectCommitment);
    }
    match deal.next_step_problem(today) {
        Some(NextStepProblem::Missing) => badges.push(Badge::NextStepMissing),
        Some(NextStepProblem::Overdue(days)) => badges.push(Badge::NextStepOverdue { days }),
        None => {}
    }
    // Every missed prospect commitment counts, however old: the deal's history is the evidence.
    let count = prospect().filter(|c| c.status == CommitmentStatus::Missed).count();
    if count > 0 {
        badges.push(Badge::BrokenPromises { count });
    }
    if facts.close_pushes >= weights::CLOSE_PUSHES_FROM {
        badges.push(Badge::ClosePushed { times: facts.close_pushes });
    }
    if large_from.is_some_and(|from| deal.amount_minor >= from) {
        badges.push(Badge::LargeAmount { amount_minor: deal.amount_minor });
    }

    // Stable: equal points keep the order above, which reads from process to size.
    badges.sort_by(|a, b| b.points().total_cmp(&a.points()));
    let score = badges.iter().map(Badge::points).sum();
    Assessment { badges, score }
}

/// The amount from which a rep's open deal counts as large: the top quintile of the
/// positive amounts, and at least 1.5× their median (see [`weights`]). A quintile alone
/// would call a deal "large" in an even pipeline; the median factor alone would flag
/// half of a skewed one. Zero amounts (not yet sized) are left out so they do not drag
/// the median down. None when fewer than [`weights::LARGE_MIN_DEALS`] deals have an amount.
pub fn large_amount_threshold(open_amounts: &[i64]) -> Option<i64> {
    let mut amounts: Vec<i64> = open_amounts.iter().copied().filter(|&a| a > 0).collect();
    if amounts.len() < weights::LARGE_MIN_DEALS {
        return None;
    }
    amounts.sort_unstable();
    let n = amounts.len();
    let top = (n / weights::LARGE_TOP_SHARE).max(1);
    let quintile = amounts[n - top];
    let median = if n % 2 == 1 {
        amounts[n / 2] as f64
    } else {
        f64::midpoint(amounts[n / 2 - 1] as f64, amounts[n / 2] as f64)
    };
    let from_median = (median * weights::LARGE_MEDIAN_FACTOR).ceil() as i64;
    Some(quintile.max(from_median))
}

word_enum! {
    /// The order of the deal list; `s` cycles through them.
    #[derive(Default)]
    pub enum SortBy {
        /// Need of challenge, highest score first.
        #[default]
        Need => "need",
        /// Largest amount first.
        Amount => "amount",
        /// Earliest close date first, undated last.
        CloseDate => "close_date",
        /// Longest in stage first.
        DaysInStage => "days_in_stage",
    }
}

impl SortBy {
    /// The next sort in the cycle.
    pub fn next(self) -> Self {
        match self {
            SortBy::Need => SortBy::Amount,
            SortBy::Amount => SortBy::CloseDate,
            SortBy::CloseDate => SortBy::DaysInStage,
            SortBy::DaysInStage => SortBy::Need,
        }
    }
}

/// Sorts assessed deals. Whatever the sort, ties fall back to the need score (highest
/// first), then the larger amount, then the deal id, so the order never flickers.
pub fn order<T>(items: &mut [T], view: impl Fn(&T) -> (&Deal, &Assessment), sort: SortBy, today: NaiveDate) {
    items.sort_by(|a, b| {
        let (deal_a, assessed_a) = view(a);
        let (deal_b, assessed_b) = view(b);
        let primary = match sort {
            SortBy::Need => Ordering::Equal,
            SortBy::Amount => deal_b.amount_minor.cmp(&deal_a.amount_minor),
            SortBy::CloseDate => match (deal_a.close_on, deal_b.close_on) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            SortBy::DaysInStage => deal_b.days_in_stage(today).cmp(&deal_a.days_in_stage(today)),
        };
        primary
            .then_with(|| assessed_b.score.total_cmp(&assessed_a.score))
            .then_with(|| deal_b.amount_minor.cmp(&deal_a.amount_minor))
            .then_with(|| deal_a.id.cmp(&deal_b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deal::tests::{d, sample_deal};
    use crate::domain::ids::{CommitmentId, DealId, RepId};

    /// Friday 27 November 2026.
    fn today() -> NaiveDate {
        d(2026, 11, 27)
    }

    /// A deal with nothing to challenge on `today()`: 7 days in stage (expected 21), close
    /// in the future, a sponsor, a dated next step.
    fn healthy(id: i64) -> Deal {
        Deal {
            id: DealId(id),
            stage_entered_on: d(2026, 11, 20),
            close_on: Some(d(2026, 12, 18)),
            sponsor_name: Some("Ines (CFO)".into()),
            next_step: Some("Workshop".into()),
            next_step_on: Some(d(2026, 12, 2)),
            ..sample_deal()
        }
    }

    fn commitment(owner: Owner, status: CommitmentStatus) -> Commitment {
        Commitment {
            id: CommitmentId(1),
            deal_id: Some(DealId(1)),
            rep_id: RepId(1),
            owner,
            what: "Send the security questionnaire".into(),
            due_on: Some(d(2026, 12, 1)),
            status,
            made_in_review: None,
            created_on: None,
            settled_on: None,
            note: String::new(),
        }
    }

    fn open_promise() -> Vec<Commitment> {
        vec![commitment(Owner::Prospect, CommitmentStatus::Open)]
    }

    fn badges_of(deal: &Deal, commitments: &[Commitment], pushes: u32, large_from: Option<i64>) -> Vec<Badge> {
        let facts = DealFacts { deal, expected_days: Some(21), commitments, close_pushes: pushes };
        assess(&facts, today(), large_from).badges
    }

    #[test]
    fn a_healthy_deal_has_no_badge_and_scores_zero() {
        let deal = healthy(1);
        let facts = DealFacts { deal: &deal, expected_days: Some(21), commitments: &open_promise(), close_pushes: 1 };
        assert_eq!(assess(&facts, today(), None), Assessment { badges: vec![], score: 0.0 });
    }

    #[test]
    fn each_badge_switches_at_its_boundary() {
        type Tweak = fn(&mut Deal, &mut Vec<Commitment>, &mut u32, &mut Option<i64>);
        let cases: &[(&str, Tweak, Option<Badge>)] = &[
            ("21 days in a 21-day stage is on time", |deal, _, _, _| deal.stage_entered_on = d(2026, 11, 6), None),
            (
                "22 days is over",
                |deal, _, _, _| deal.stage_entered_on = d(2026, 11, 5),
                Some(Badge::StageOverdue { days: 22, expected: 21 }),
            ),
            ("close date today has not passed", |deal, _, _, _| deal.close_on = Some(d(2026, 11, 27)), None),
            (
                "close date yesterday has",
                |deal, _, _, _| deal.close_on = Some(d(2026, 11, 26)),
                Some(Badge::ClosePassed { days: 1 }),
            ),
            ("no close date", |deal, _, _, _| deal.close_on = None, Some(Badge::NoCloseDate)),
            ("no sponsor", |deal, _, _, _| deal.sponsor_name = None, Some(Badge::NoSponsor)),
            ("a blank sponsor is none", |deal, _, _, _| deal.sponsor_name = Some(" ".into()), Some(Badge::NoSponsor)),
            ("no commitment at all", |_, c, _, _| c.clear(), Some(Badge::NoProspectCommitment)),
            (
                "a done prospect commitment is not open",
                |_, c, _, _| *c = vec![commitment(Owner::Prospect, CommitmentStatus::Done)],
                Some(Badge::NoProspectCommitment),
            ),
            (
                "a dropped prospect commitment is not open",
                |_, c, _, _| *c = vec![commitment(Owner::Prospect, CommitmentStatus::Dropped)],
                Some(Badge::NoProspectCommitment),
            ),
            (
                "an open rep commitment is not the prospect's",
                |_, c, _, _| *c = vec![commitment(Owner::Rep, CommitmentStatus::Open)],
                Some(Badge::NoProspectCommitment),
            ),
            (
                "an overdue open prospect commitment is still open",
                |_, c, _, _| c[0].due_on = Some(d(2026, 11, 1)),
                None,
            ),
            ("next step missing", |deal, _, _, _| deal.next_step = None, Some(Badge::NextStepMissing)),
            ("next step blank", |deal, _, _, _| deal.next_step = Some(String::new()), Some(Badge::NextStepMissing)),
            ("next step dated today is not overdue", |deal, _, _, _| deal.next_step_on = Some(today()), None),
            (
                "next step dated yesterday is",
                |deal, _, _, _| deal.next_step_on = Some(d(2026, 11, 26)),
                Some(Badge::NextStepOverdue { days: 1 }),
            ),
            (
                "a missed prospect commitment is a broken promise",
                |_, c, _, _| c.push(commitment(Owner::Prospect, CommitmentStatus::Missed)),
                Some(Badge::BrokenPromises { count: 1 }),
            ),
            (
                "a missed rep commitment is not the prospect's",
                |_, c, _, _| c.push(commitment(Owner::Rep, CommitmentStatus::Missed)),
                None,
            ),
            ("one close push is ordinary", |_, _, pushes, _| *pushes = 1, None),
            ("two is a pattern", |_, _, pushes, _| *pushes = 2, Some(Badge::ClosePushed { times: 2 })),
            (
                "amount at the threshold is large",
                |deal, _, _, large| *large = Some(deal.amount_minor),
                Some(Badge::LargeAmount { amount_minor: 1_200_000 }),
            ),
            ("amount under the threshold is not", |deal, _, _, large| *large = Some(deal.amount_minor + 1), None),
            ("no threshold, nothing large", |_, _, _, large| *large = None, None),
        ];
        for (name, tweak, expected) in cases {
            let mut deal = healthy(1);
            let mut commitments = open_promise();
            let mut pushes = 0;
            let mut large = None;
            tweak(&mut deal, &mut commitments, &mut pushes, &mut large);
            let badges = badges_of(&deal, &commitments, pushes, large);
            assert_eq!(badges, expected.iter().copied().collect::<Vec<_>>(), "{name}");
        }
    }

    #[test]
    fn unknown_stage_is_never_overdue() {
        let deal = Deal { stage_entered_on: d(2025, 1, 1), ..healthy(1) };
        let promises = open_promise();
        let facts = DealFacts { deal: &deal, expected_days: None, commitments: &promises, close_pushes: 0 };
        assert!(assess(&facts, today(), None).badges.is_empty());
    }

    #[test]
    fn broken_promises_are_counted() {
        let deal = healthy(1);
        let mut commitments = open_promise();
        commitments.extend((0..4).map(|_| commitment(Owner::Prospect, CommitmentStatus::Missed)));
        assert_eq!(badges_of(&deal, &commitments, 0, None), vec![Badge::BrokenPromises { count: 4 }]);
        assert!((Badge::BrokenPromises { count: 4 }.points() - weights::BROKEN_PROMISES_MAX).abs() < f64::EPSILON);
    }

    #[test]
    fn points_grow_with_lateness_up_to_a_ceiling() {
        let at = |days| Badge::StageOverdue { days, expected: 21 }.points();
        assert!((at(22) - (10.0 + 10.0 / 21.0)).abs() < 1e-9);
        assert!((at(63) - 30.0).abs() < 1e-9, "3× the expected days");
        assert!((at(500) - weights::STAGE_OVERDUE_MAX).abs() < 1e-9);
        assert!(Badge::StageOverdue { days: 3, expected: 0 }.points() <= weights::STAGE_OVERDUE_MAX);
        assert!(Badge::ClosePassed { days: 14 }.points() > Badge::ClosePassed { days: 1 }.points());
        assert!((Badge::ClosePassed { days: 3650 }.points() - weights::CLOSE_PASSED_MAX).abs() < 1e-9);
        assert!(Badge::NextStepOverdue { days: 3650 }.points() <= Badge::NextStepMissing.points());
    }

    #[test]
    fn badges_come_most_serious_first_and_add_up() {
        let deal = Deal { next_step: None, sponsor_name: None, close_on: Some(d(2026, 11, 20)), ..healthy(1) };
        let facts = DealFacts { deal: &deal, expected_days: Some(21), commitments: &[], close_pushes: 3 };
        let assessed = assess(&facts, today(), Some(1));
        assert_eq!(
            assessed.badges,
            vec![
                Badge::NoProspectCommitment,
                Badge::ClosePassed { days: 7 },
                Badge::ClosePushed { times: 3 },
                Badge::NoSponsor,
                Badge::NextStepMissing,
                Badge::LargeAmount { amount_minor: 1_200_000 },
            ]
        );
        assert!((assessed.score - (25.0 + 21.0 + 18.0 + 12.0 + 12.0 + 8.0)).abs() < 1e-9);
    }

    #[test]
    fn a_stuck_late_deal_without_promises_outranks_a_fresh_large_one() {
        let stuck = Deal {
            id: DealId(1),
            amount_minor: 500_000,
            stage_entered_on: d(2026, 9, 25), // 63 days: 3× a 21-day stage
            close_on: Some(d(2026, 11, 26)),
            ..healthy(1)
        };
        let fresh = Deal { id: DealId(2), amount_minor: 50_000_000, ..healthy(2) };
        let promises = open_promise();
        let large_from = Some(10_000_000);
        let stuck_facts = DealFacts { deal: &stuck, expected_days: Some(21), commitments: &[], close_pushes: 0 };
        let fresh_facts = DealFacts { deal: &fresh, expected_days: Some(21), commitments: &promises, close_pushes: 0 };
        let mut list = vec![(fresh.clone(), assess(&fresh_facts, today(), large_from))];
        list.push((stuck.clone(), assess(&stuck_facts, today(), large_from)));
        assert_eq!(list[0].1.badges, vec![Badge::LargeAmount { amount_minor: 50_000_000 }]);
        order(&mut list, |(deal, a)| (deal, a), SortBy::Need, today());
        assert_eq!(list[0].0.id, DealId(1));
    }

    fn assessed(deal: Deal, score: f64) -> (Deal, Assessment) {
        (deal, Assessment { badges: vec![], score })
    }

    fn ids(list: &[(Deal, Assessment)]) -> Vec<i64> {
        list.iter().map(|(deal, _)| deal.id.0).collect()
    }

    #[test]
    fn equal_scores_break_by_amount_then_id() {
        let mut list = vec![
            assessed(Deal { amount_minor: 100, ..healthy(3) }, 20.0),
            assessed(Deal { amount_minor: 100, ..healthy(1) }, 20.0),
            assessed(Deal { amount_minor: 900, ..healthy(4) }, 20.0),
            assessed(Deal { amount_minor: 100, ..healthy(2) }, 35.0),
        ];
        order(&mut list, |(deal, a)| (deal, a), SortBy::Need, today());
        assert_eq!(ids(&list), vec![2, 4, 1, 3]);
    }

    #[test]
    fn each_sort_mode() {
        let list = vec![
            assessed(Deal { amount_minor: 300, close_on: None, stage_entered_on: d(2026, 11, 1), ..healthy(1) }, 10.0),
            assessed(
                Deal {
                    amount_minor: 100,
                    close_on: Some(d(2026, 12, 1)),
                    stage_entered_on: d(2026, 10, 1),
                    ..healthy(2)
                },
                40.0,
            ),
            assessed(
                Deal {
                    amount_minor: 200,
                    close_on: Some(d(2026, 11, 1)),
                    stage_entered_on: d(2026, 11, 20),
                    ..healthy(3)
                },
                25.0,
            ),
            // Same close date and days in stage as 3, smaller: ties fall to the score.
            assessed(
                Deal {
                    amount_minor: 50,
                    close_on: Some(d(2026, 11, 1)),
                    stage_entered_on: d(2026, 11, 20),
                    ..healthy(4)
                },
                30.0,
            ),
            // Undated like 1: undated ones are last, by score.
            assessed(Deal { amount_minor: 300, close_on: None, stage_entered_on: d(2026, 11, 1), ..healthy(5) }, 12.0),
        ];
        let cases = [
            (SortBy::Need, vec![2, 4, 3, 5, 1]),
            (SortBy::Amount, vec![5, 1, 3, 2, 4]),
            (SortBy::CloseDate, vec![4, 3, 2, 5, 1]),
            (SortBy::DaysInStage, vec![2, 5, 1, 4, 3]),
        ];
        for (sort, expected) in cases {
            let mut sorted = list.clone();
            order(&mut sorted, |(deal, a)| (deal, a), sort, today());
            assert_eq!(ids(&sorted), expected, "{sort}");
        }
    }

    #[test]
    fn sort_cycles_through_all_four() {
        let mut sort = SortBy::default();
        let mut seen = vec![];
        for _ in 0..4 {
            seen.push(sort);
            sort = sort.next();
        }
        assert_eq!(sort, SortBy::Need);
        assert_eq!(seen, SortBy::ALL);
    }

    #[test]
    fn large_threshold() {
        let m = |x: i64| x * 100;
        let cases: &[(&str, Vec<i64>, Option<i64>)] = &[
            ("empty", vec![], None),
            ("four deals are too few", vec![m(10), m(20), m(30), m(400)], None),
            ("zero amounts do not count towards the five", vec![0, 0, m(10), m(20), m(30), m(400)], None),
            ("five: the largest, being over 1.5× the median", vec![m(10), m(20), m(30), m(40), m(400)], Some(m(400))),
            ("an even pipeline has no large deal", vec![m(100); 6], Some(m(150))),
            // Ten deals: the top quintile is the two largest (90, 100); the median is 55, × 1.5 = 82.5.
            ("top quintile above 1.5× the median", (1..=10).map(|i| m(i * 10)).collect(), Some(m(90))),
            // Skewed low: the second largest (12) is under 1.5× the median (10), so the floor is 15.
            ("the median floor wins", vec![m(10); 8].into_iter().chain([m(12), m(50)]).collect(), Some(m(15))),
        ];
        for (name, amounts, expected) in cases {
            assert_eq!(large_amount_threshold(amounts), *expected, "{name}");
        }
    }

    #[test]
    fn a_realistic_ranking() {
        let today = today();
        let amounts = [4_800_000, 2_500_000, 9_000_000, 3_000_000, 1_800_000, 2_000_000, 2_200_000];
        let large_from = large_amount_threshold(&amounts);
        assert_eq!(large_from, Some(9_000_000));
        // Stuck in proposal for 50 days (expected 21), close passed 2 weeks ago, the
        // prospect promised nothing new: the first deal to challenge.
        let stuck = Deal {
            id: DealId(11),
            account: "Globex".into(),
            amount_minor: 4_800_000,
            stage_entered_on: d(2026, 10, 8),
            close_on: Some(d(2026, 11, 13)),
            ..healthy(11)
        };
        // In discovery 26 days (expected 21), next step 10 days late, two broken promises.
        let ghosting = Deal {
            id: DealId(12),
            account: "Initech".into(),
            amount_minor: 2_500_000,
            stage: "discover".into(),
            stage_entered_on: d(2026, 11, 1),
            next_step_on: Some(d(2026, 11, 17)),
            ..healthy(12)
        };
        // The big one, fresh and well run.
        let big = Deal { id: DealId(13), account: "Umbrella".into(), amount_minor: 9_000_000, ..healthy(13) };
        // On time in stage but no sponsor and the close date pushed three times.
        let slipping = Deal {
            id: DealId(14),
            account: "Hooli".into(),
            amount_minor: 3_000_000,
            sponsor_name: None,
            ..healthy(14)
        };
        // Nothing to say.
        let fine = Deal { id: DealId(15), account: "Stark".into(), amount_minor: 1_800_000, ..healthy(15) };

        let promised = open_promise();
        let mut broken = open_promise();
        broken.extend([
            commitment(Owner::Prospect, CommitmentStatus::Missed),
            commitment(Owner::Prospect, CommitmentStatus::Missed),
            commitment(Owner::Prospect, CommitmentStatus::Done),
        ]);
        let done_only = vec![commitment(Owner::Prospect, CommitmentStatus::Done)];
        let facts = [
            (&fine, Some(21), &promised, 0),
            (&slipping, Some(21), &promised, 3),
            (&big, Some(21), &promised, 0),
            (&ghosting, Some(21), &broken, 1),
            (&stuck, Some(21), &done_only, 1),
        ];
        let mut list: Vec<(Deal, Assessment)> = facts
            .iter()
            .map(|&(deal, expected_days, commitments, close_pushes)| {
                let facts = DealFacts { deal, expected_days, commitments, close_pushes };
                (deal.clone(), assess(&facts, today, large_from))
            })
            .collect();
        order(&mut list, |(deal, a)| (deal, a), SortBy::Need, today);
        let accounts: Vec<&str> = list.iter().map(|(deal, _)| deal.account.as_str()).collect();
        assert_eq!(accounts, vec!["Globex", "Initech", "Hooli", "Umbrella", "Stark"]);
        assert_eq!(
            list[0].1.badges,
            vec![
                Badge::NoProspectCommitment,
                Badge::StageOverdue { days: 50, expected: 21 },
                Badge::ClosePassed { days: 14 },
            ]
        );
        assert_eq!(list[3].1.badges, vec![Badge::LargeAmount { amount_minor: 9_000_000 }]);
        assert!(list[4].1.badges.is_empty());
    }
}
