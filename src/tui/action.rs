//! What changes the app: commands from the keymap, text for a field, and the results of
//! effects (data loaded, answer saved, something failed).

use std::collections::HashMap;

use ratatui::crossterm::event::KeyEvent;

use super::keys::Command;
use crate::dashboard::Dashboard;
use crate::domain::commitment::Commitment;
use crate::domain::deal::Deal;
use crate::domain::ids::{DealId, RepId};
use crate::domain::period::Period;
use crate::domain::review::PastAnswer;
use crate::store::deals::CriterionCheck;

#[derive(Debug)]
pub enum Action {
    /// A command from the keymap.
    Command(Command),
    /// A key with no binding in the current mode: text for the answer field.
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
    ScriptLoaded {
        deal: DealId,
        saved: HashMap<String, String>,
        previous: HashMap<String, PastAnswer>,
        resume_at: Option<String>,
    },
    /// An answer was written.
    AnswerSaved { deal: DealId, question_id: String, answer: String, at: String },
    /// An answer could not be written.
    SaveFailed(String),
    /// Something could not be read.
    LoadFailed(String),
}

/// A deal with what its card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealView {
    pub deal: Deal,
    pub checks: Vec<CriterionCheck>,
    pub commitments: Vec<Commitment>,
}

/// Everything shown for the selected rep.
#[derive(Debug, Clone, PartialEq)]
pub struct RepView {
    pub rep: RepId,
    pub dashboard: Dashboard,
    /// Open deals, those most over their stage's expected time first.
    pub deals: Vec<DealView>,
    /// The currency most of the rep's deals are in, for pipeline figures.
    pub currency: String,
}

/// The period a load was asked for, so a late answer for another period is ignored.
pub fn same_period(view: &RepView, period: Period) -> bool {
    view.dashboard.period == period
}
