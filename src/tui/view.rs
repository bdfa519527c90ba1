//! What the panes show of a rep: their deals with everything a card and a script read,
//! their prospecting commitments and figures. Built by the effects from the store's rows.

use chrono::NaiveDate;

use crate::dashboard::Dashboard;
use crate::domain::challenge::Assessment;
use crate::domain::change::{DealChange, StageEntry};
use crate::domain::commitment::Commitment;
use crate::domain::deal::Deal;
use crate::domain::hypothesis::Hypothesis;
use crate::domain::ids::{DealId, RepId};
use crate::domain::metrics::Target;
use crate::domain::verdict::Verdict;
use crate::store::deals::CriterionCheck;

/// Why an exit criterion is not validated yet, as last said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteView {
    pub stage: String,
    pub criterion: String,
    pub note: String,
    /// The day of the review it was said in: today's can be edited, an earlier one is read.
    pub held_on: NaiveDate,
}

/// A deal with everything its card, its badges and its script show.
#[derive(Debug, Clone, PartialEq)]
pub struct DealView {
    pub deal: Deal,
    pub assessment: Assessment,
    pub checks: Vec<CriterionCheck>,
    pub notes: Vec<NoteView>,
    /// Every commitment of the deal, any status.
    pub commitments: Vec<Commitment>,
    /// Every hypothesis of the deal, any status.
    pub hypotheses: Vec<Hypothesis>,
    pub changes: Vec<DealChange>,
    pub history: Vec<StageEntry>,
    /// When the deal was last challenged in a closed review.
    pub last_review: Option<NaiveDate>,
    pub last_verdict: Option<Verdict>,
    /// The verdict given in today's open review, if any.
    pub today_verdict: Option<Verdict>,
    /// Times the close date was moved later.
    pub close_pushes: u32,
}

/// A rep's rows read again after a write: the deals and the prospecting commitments.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    pub deals: Vec<DealView>,
    pub prospecting: Vec<Commitment>,
}

/// Everything shown for the selected rep.
#[derive(Debug, Clone, PartialEq)]
pub struct RepView {
    pub rep: RepId,
    pub dashboard: Dashboard,
    /// Open deals, in no particular order (the app orders them).
    pub deals: Vec<DealView>,
    /// The rep's own prospecting commitments (no deal).
    pub prospecting: Vec<Commitment>,
    /// The rep's weekly targets.
    pub targets: Vec<Target>,
    /// The order of the deals fixed when today's transformation review opened; empty before.
    pub meeting_order: Vec<DealId>,
}

impl DealView {
    /// A deal with nothing around it yet: no checks, rows, history or verdicts.
    pub fn bare(deal: Deal) -> DealView {
        DealView {
            deal,
            assessment: Assessment::default(),
            checks: Vec::new(),
            notes: Vec::new(),
            commitments: Vec::new(),
            hypotheses: Vec::new(),
            changes: Vec::new(),
            history: Vec::new(),
            last_review: None,
            last_verdict: None,
            today_verdict: None,
            close_pushes: 0,
        }
    }
}

impl RepView {
    /// One of the rep's open deals.
    pub fn deal(&self, id: DealId) -> Option<&DealView> {
        self.deals.iter().find(|d| d.deal.id == id)
    }
}
