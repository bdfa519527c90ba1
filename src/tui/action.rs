//! What changes the app: commands from the keymap, text for a field, and the results of
//! effects (data loaded, answer saved, something failed).

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::editors::Row;
use super::keys::Command;
use super::wizard::{Start, Subject};
use crate::dashboard::{Dashboard, TeamDashboard};
use crate::domain::challenge::Assessment;
use crate::domain::change::{DealChange, StageEntry};
use crate::domain::commitment::Commitment;
use crate::domain::deal::Deal;
use crate::domain::hypothesis::Hypothesis;
use crate::domain::ids::{DealId, RepId};
use crate::domain::metrics::Target;
use crate::domain::review::PastAnswer;
use crate::domain::verdict::Verdict;
use crate::store::deals::CriterionCheck;
use crate::store::undo::UndoScope;

#[derive(Debug)]
pub enum Action {
    /// A command from the keymap.
    Command(Command),
    /// A key with no binding in the current mode: text for the field that has the keyboard.
    Key(KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    /// No key for a while: a good moment to save what is being typed.
    Idle,
    /// A rep's figures and deals were read.
    RepLoaded(Box<RepView>),
    /// The figures for another period were read.
    DashboardLoaded { rep: RepId, dashboard: Box<Dashboard> },

    /// Today's and last review's answers for a deal were read: the script can start.
    ScriptLoaded { deal: DealId, saved: HashMap<String, String>, previous: HashMap<String, PastAnswer>, start: Start },
    /// Today's and last time's prospecting answers were read: the prospecting review can start.
    ReviewLoaded { rep: RepId, saved: HashMap<String, String>, previous: HashMap<String, PastAnswer>, start: Start },
    /// The team view's figures were read.
    TeamLoaded(Box<TeamDashboard>),
    /// Targets or blocks were saved, or an activity logged: the rep's figures now.
    ProspectingSaved { rep: RepId, targets: Vec<Target>, dashboard: Box<Dashboard>, notice: String },
    /// Where the script stands was recorded (nothing to show for it).
    PositionSaved,
    /// The meeting's order of the deals is fixed (the one in force, if another came first).
    OrderFixed { rep: RepId, order: Vec<DealId> },
    /// An answer was written.
    AnswerSaved { subject: Subject, question_id: String, answer: String, at: String },
    /// A row was written (a new one has its id now); the rep's rows as they are now.
    Wrote { rep: RepId, inserted: Option<(u64, Row)>, rows: Box<Rows>, at: String },
    /// A deal was added; its id came back.
    DealAdded { rep: RepId, token: u64, deal: DealId, rows: Box<Rows>, at: String },
    /// Undo steps were undone (`label`: what the latest one changed; `None`: there was
    /// nothing to undo); the rep's rows, targets and figures as they are now, and the answers
    /// of the script on screen.
    Undone {
        rep: RepId,
        scope: UndoScope,
        label: Option<String>,
        rows: Box<Rows>,
        answers: Option<(Subject, HashMap<String, String>)>,
        targets: Vec<Target>,
        dashboard: Box<Dashboard>,
    },
    /// Something could not be written.
    SaveFailed(String),
    /// Something could not be read.
    LoadFailed(String),
}

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

impl RepView {
    /// One of the rep's open deals.
    pub fn deal(&self, id: DealId) -> Option<&DealView> {
        self.deals.iter().find(|d| d.deal.id == id)
    }
}
