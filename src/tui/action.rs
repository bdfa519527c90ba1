//! What changes the app: commands from the keymap, text for a field, and the results of
//! effects (data loaded, answer saved, something failed).

use std::collections::HashMap;

use ratatui::crossterm::event::KeyEvent;

use super::editors::Row;
use super::keys::Command;
use super::view::{RepView, Rows};
use super::wizard::{Start, Subject};
use crate::dashboard::{Dashboard, TeamDashboard};
use crate::domain::ids::{DealId, RepId};
use crate::domain::metrics::Target;
use crate::domain::review::PastAnswer;
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
    /// `draft`: the verdict form as typed before, field by field.
    ScriptLoaded {
        deal: DealId,
        saved: HashMap<String, String>,
        previous: HashMap<String, PastAnswer>,
        draft: HashMap<String, String>,
        start: Start,
    },
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
    /// Another program wrote to the file (seen by `PRAGMA data_version`): the reps as they
    /// are now; what the screen shows is read again when nothing is being typed.
    FileChanged { reps: Vec<crate::store::reps::Rep> },
    /// A file was imported: what it did, and the reps as they are now.
    Imported { lines: Vec<String>, reps: Vec<crate::store::reps::Rep> },
    /// A file could not be imported: why (its bad rows, each with its line).
    ImportFailed(String),
    /// A path typed in the import popup, completed.
    PathCompleted { typed: String, completed: String, candidates: Vec<String> },
    /// The verdict form's draft was kept.
    DraftSaved { at: String },
    /// An answer was written.
    AnswerSaved { subject: Subject, question_id: String, answer: String, at: String },
    /// A row was written (a new one has its id now); the rep's rows as they are now.
    Wrote { rep: RepId, inserted: Option<(u64, Row)>, rows: Box<Rows>, at: String },
    /// A deal was added; its id came back.
    DealAdded { rep: RepId, token: u64, deal: DealId, rows: Box<Rows>, at: String },
    /// Undo steps were undone (`label`: what the latest one changed; `None`: there was
    /// nothing to undo); the rep's rows, targets and figures as they are now, and the answers
    /// of the script on screen; the reps (an undone import takes away the reps it created).
    Undone {
        rep: RepId,
        reps: Vec<crate::store::reps::Rep>,
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
