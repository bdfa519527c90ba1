//! The six rep profiles of the demo team and the figures that make each one recognisable
//! on the first screen. Every knob of the generator that differs by rep lives here.

use super::names::{
    COMPLIANCE, DOWNTIME, EMAIL, EVENTS, FINANCE, HEALTHCARE, LINKEDIN, LOGISTICS, MANUFACTURING, PEER_CASE, PHONE,
    PUBLIC, RETAIL, SUPPLY_CHAIN,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persona {
    /// Converts at every step, deals on time, commitments kept, sponsors everywhere.
    Strong,
    /// Many meetings held, almost none become opportunities.
    MeetingMachine,
    /// Open deals stagnate far beyond their stage's expected days; close dates slip.
    Staller,
    /// Prospect and rep commitments missed; next steps overdue or missing; calls on Friday afternoon.
    Misser,
    /// An average rep: some deals without a sponsor, some close dates already past,
    /// and a habit of logging calls as weekly totals.
    Average,
    /// Joined a few months ago: low volume ramping up, few deals.
    Newcomer,
}

/// How many weeks ago the newcomer joined (at most the whole span).
pub const NEWCOMER_WEEKS: usize = 16;

/// Activity mix: weights for call, email, social, event, meeting (in `ActivityKind` order).
pub type KindWeights = [u32; 5];

impl Persona {
    const ORDER: [Persona; 6] = [
        Persona::Strong,
        Persona::MeetingMachine,
        Persona::Staller,
        Persona::Misser,
        Persona::Average,
        Persona::Newcomer,
    ];

    /// Personas cycle with the rep index, so every team of six has one of each.
    pub fn of(rep_index: usize) -> Persona {
        Self::ORDER[rep_index % Self::ORDER.len()]
    }

    /// Activity rows per active week, in thousandths of the team's nominal volume.
    pub fn intensity(self) -> u64 {
        match self {
            Persona::Strong => 1_100,
            Persona::MeetingMachine => 1_150,
            Persona::Staller => 950,
            Persona::Misser => 1_000,
            Persona::Average => 900,
            // The average of a ramp from 15% to 40%; see `activities::week_weights`.
            Persona::Newcomer => 275,
        }
    }

    /// Deals created per active week, relative to the others (thousandths).
    pub fn deal_rate(self) -> u64 {
        match self {
            Persona::Strong => 1_300,
            Persona::MeetingMachine => 650,
            Persona::Staller | Persona::Average => 1_000,
            Persona::Misser => 900,
            Persona::Newcomer => 500,
        }
    }

    /// How many of the rep's deals are still open (the rest are won or lost).
    pub fn open_deals(self) -> u64 {
        match self {
            Persona::Strong => 18,
            Persona::MeetingMachine => 14,
            Persona::Staller => 24,
            Persona::Misser => 20,
            Persona::Average => 19,
            Persona::Newcomer => 6,
        }
    }

    /// Share of closed deals that were won.
    pub fn win_rate(self) -> f64 {
        match self {
            Persona::Strong => 0.5,
            Persona::MeetingMachine => 0.2,
            Persona::Staller | Persona::Misser => 0.25,
            Persona::Average => 0.35,
            Persona::Newcomer => 0.3,
        }
    }

    pub fn kind_weights(self) -> KindWeights {
        match self {
            Persona::Strong => [38, 27, 22, 4, 4],
            Persona::MeetingMachine => [30, 22, 21, 6, 12],
            Persona::Staller => [36, 32, 19, 4, 5],
            Persona::Misser => [46, 27, 16, 3, 5],
            Persona::Average => [38, 30, 21, 4, 5],
            Persona::Newcomer => [40, 36, 20, 1, 4],
        }
    }

    /// Share of touches that reach someone without booking a meeting, before the sweet-spot boost.
    pub fn conversation_rate(self) -> f64 {
        match self {
            Persona::Strong => 0.12,
            Persona::MeetingMachine => 0.06,
            Persona::Staller => 0.082,
            Persona::Misser => 0.067,
            Persona::Average => 0.094,
            Persona::Newcomer => 0.059,
        }
    }

    /// Share of touches that book a meeting, before the sweet-spot boost; about the
    /// share of the rep's rows that are meetings held, so booked and held agree.
    pub fn booking_rate(self) -> f64 {
        match self {
            Persona::Strong => 0.03,
            Persona::MeetingMachine => 0.09,
            Persona::Staller | Persona::Misser => 0.031,
            Persona::Average => 0.035,
            Persona::Newcomer => 0.024,
        }
    }

    /// Share of held meetings the manager would call a real chance.
    pub fn qualified_rate(self) -> f64 {
        match self {
            Persona::Strong => 0.7,
            Persona::MeetingMachine => 0.15,
            Persona::Staller => 0.45,
            Persona::Misser => 0.4,
            Persona::Average => 0.5,
            Persona::Newcomer => 0.35,
        }
    }

    /// The segment and message that convert clearly better for this rep.
    pub fn sweet_spot(self) -> (usize, usize) {
        match self {
            Persona::Strong => (MANUFACTURING, DOWNTIME),
            Persona::MeetingMachine => (RETAIL, PEER_CASE),
            Persona::Staller => (FINANCE, COMPLIANCE),
            Persona::Misser => (LOGISTICS, SUPPLY_CHAIN),
            Persona::Average => (HEALTHCARE, COMPLIANCE),
            Persona::Newcomer => (PUBLIC, DOWNTIME),
        }
    }

    /// A kind of touch (index in `ActivityKind` order) that never gets an answer for this
    /// rep: the staller keeps sending LinkedIn messages that lead nowhere (the dashboard's
    /// "effort without result"). Its meetings and deals never come from that channel either.
    pub fn silent_touch_kind(self) -> Option<usize> {
        match self {
            Persona::Staller => Some(2),
            _ => None,
        }
    }

    /// How many times more likely the rep's meetings held are in their sweet segment than
    /// their touches: the average rep books far more meetings in healthcare (the dashboard's
    /// "go there"); for the others meetings follow the touches.
    pub fn sweet_segment_meetings(self) -> u32 {
        match self {
            Persona::Average => 4,
            _ => 1,
        }
    }

    /// The weekly prospecting blocks the rep planned, as (weekday 0 = Monday, start, end):
    /// the strong performer calls Tuesday and Thursday mornings as planned; the misser
    /// planned Tuesday and Thursday afternoons and calls on Friday afternoon instead.
    pub fn planned_blocks(self) -> &'static [(u8, u8, u8)] {
        match self {
            Persona::Strong => &[(1, 9, 11), (3, 9, 11)],
            Persona::Misser => &[(1, 14, 16), (3, 14, 16)],
            Persona::Newcomer => &[(0, 9, 11), (2, 9, 11), (4, 9, 11)],
            _ => &[],
        }
    }

    /// Where the rep's meetings and deals come from, weights in `CHANNELS` order.
    pub fn source_channels(self) -> [u32; 5] {
        match self {
            Persona::Strong => [40, 15, 20, 10, 15],
            Persona::MeetingMachine => [25, 15, 35, 20, 5],
            Persona::Misser => [50, 15, 15, 10, 10],
            // LinkedIn brings the staller nothing: see `silent_touch_kind`.
            Persona::Staller => [45, 25, 0, 15, 15],
            _ => [35, 20, 25, 10, 10],
        }
    }

    /// Stage weights for open deals, from the first stage on (cycled for longer processes).
    pub fn stage_weights(self) -> &'static [u32] {
        match self {
            Persona::Strong => &[20, 22, 22, 20, 16],
            Persona::MeetingMachine => &[40, 30, 15, 10, 5],
            Persona::Newcomer => &[50, 35, 15],
            _ => &[28, 24, 20, 16, 12],
        }
    }

    /// Days in the current stage, as a multiple of the stage's expected days.
    pub fn stage_age(self, draw: f64, pick: f64) -> f64 {
        let lerp = |lo: f64, hi: f64| lo + (hi - lo) * draw;
        match self {
            Persona::Strong if pick < 0.9 => lerp(0.05, 0.9),
            Persona::Strong => lerp(0.9, 1.3),
            Persona::Staller if pick < 0.6 => lerp(2.0, 4.0),
            Persona::Staller => lerp(0.3, 1.5),
            Persona::Misser if pick < 0.15 => lerp(1.8, 3.0),
            Persona::MeetingMachine | Persona::Misser => lerp(0.2, 1.6),
            Persona::Average if pick < 0.15 => lerp(1.5, 2.5),
            Persona::Average => lerp(0.1, 1.4),
            Persona::Newcomer => lerp(0.1, 1.0),
        }
    }

    /// How long earlier stages took, as a multiple of their expected days (low, high).
    pub fn past_stage_pace(self) -> (f64, f64) {
        match self {
            Persona::Strong => (0.5, 1.0),
            Persona::Staller => (1.0, 2.2),
            Persona::Misser => (0.7, 1.6),
            _ => (0.6, 1.4),
        }
    }

    /// Share of open deals whose close date has already passed.
    pub fn past_close_rate(self) -> f64 {
        match self {
            Persona::Strong => 0.0,
            Persona::Staller => 0.4,
            Persona::Average => 0.3,
            Persona::Misser => 0.2,
            _ => 0.06,
        }
    }

    /// Share of open deals with no sponsor: before the discovery stage, then after it.
    pub fn no_sponsor_rate(self) -> (f64, f64) {
        match self {
            Persona::Strong => (0.0, 0.0),
            Persona::Average => (0.6, 0.45),
            Persona::MeetingMachine | Persona::Newcomer => (0.6, 0.2),
            _ => (0.5, 0.1),
        }
    }

    /// Shares of open deals whose next step is missing, and whose next step is overdue.
    pub fn next_step_problems(self) -> (f64, f64) {
        match self {
            Persona::Strong => (0.0, 0.0),
            Persona::Misser => (0.3, 0.45),
            Persona::Staller => (0.1, 0.3),
            _ => (0.05, 0.12),
        }
    }

    /// Share of exit criteria of completed stages actually validated.
    pub fn criteria_discipline(self) -> f64 {
        match self {
            Persona::Strong => 1.0,
            Persona::Staller => 0.55,
            Persona::Misser => 0.5,
            Persona::Newcomer => 0.75,
            _ => 0.85,
        }
    }

    /// How a due commitment ends up: weights for done, missed, dropped, still open.
    pub fn commitment_outcomes(self) -> [u32; 4] {
        match self {
            Persona::Strong => [88, 7, 5, 0],
            Persona::Misser => [22, 65, 3, 10],
            Persona::Staller => [55, 30, 10, 5],
            Persona::MeetingMachine => [72, 18, 8, 2],
            _ => [70, 20, 8, 2],
        }
    }

    /// Chance that an answer is specific (names, dates, the prospect's words) rather than vague.
    pub fn answer_quality(self) -> f64 {
        match self {
            Persona::Strong => 0.9,
            Persona::Average => 0.6,
            Persona::MeetingMachine | Persona::Newcomer => 0.5,
            Persona::Staller => 0.3,
            Persona::Misser => 0.25,
        }
    }

    /// Deals discussed per transformation review.
    pub fn deals_per_review(self) -> usize {
        match self {
            Persona::Staller | Persona::Misser => 5,
            Persona::Newcomer => 3,
            _ => 4,
        }
    }

    /// The skill score (1–5) of the first review in the history, and its change per review
    /// in tenths; `skill` is the script's skill id, so custom skills get the persona's base.
    pub fn skill_start(self, skill: &str) -> (i64, i64) {
        match (self, skill) {
            (Persona::Strong, _) => (42, 1),
            (Persona::MeetingMachine, "prospecting" | "discovery") => (20, 3),
            (Persona::MeetingMachine, _) => (32, 1),
            (Persona::Staller, "posture" | "process_discipline") => (22, 2),
            (Persona::Staller, _) => (30, 1),
            (Persona::Misser, "process_discipline" | "posture") => (18, 1),
            (Persona::Misser, _) => (28, 0),
            (Persona::Average, _) => (30, 2),
            (Persona::Newcomer, _) => (18, 5),
        }
    }

    /// Share of verdicts where the manager puts the deal in another forecast category than
    /// the rep (mostly lower: the rep's call was optimistic).
    pub fn overrule_rate(self) -> f64 {
        match self {
            Persona::Strong => 0.08,
            Persona::Staller => 0.45,
            Persona::Misser => 0.35,
            Persona::Newcomer => 0.3,
            _ => 0.2,
        }
    }

    /// Close-date pushes of an open deal: the chance it was pushed at all, and how many times.
    pub fn close_pushes(self) -> (f64, (i64, i64)) {
        match self {
            // The staller's signature move: "it will close next month", every month.
            Persona::Staller => (0.75, (2, 4)),
            Persona::Misser => (0.4, (1, 2)),
            Persona::Average => (0.35, (1, 1)),
            Persona::MeetingMachine => (0.15, (1, 1)),
            Persona::Newcomer => (0.1, (1, 1)),
            Persona::Strong => (0.05, (1, 1)),
        }
    }

    /// How a tested hypothesis ends up: weights for confirmed, refuted, still open (untested).
    pub fn hypothesis_outcomes(self) -> [u32; 3] {
        match self {
            Persona::Strong => [65, 30, 5],
            Persona::Staller => [30, 20, 50],
            Persona::Misser => [25, 25, 50],
            _ => [50, 30, 20],
        }
    }

    /// The prospecting review's view of the meetings held (on a 1–5 scale).
    pub fn meeting_quality(self) -> i64 {
        match self {
            Persona::Strong => 4,
            Persona::MeetingMachine => 1,
            Persona::Newcomer | Persona::Misser => 2,
            _ => 3,
        }
    }
}

/// The channel a touch of each kind goes out on (meetings take their source channel).
pub fn touch_channel(kind: usize) -> usize {
    match kind {
        0 => PHONE,
        1 => EMAIL,
        2 => LINKEDIN,
        _ => EVENTS,
    }
}
