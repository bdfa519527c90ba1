//! The team view's state: shown or not, its figures once read, the rep under the cursor.

use super::Cursor;
use crate::dashboard::TeamDashboard;
use crate::domain::ids::RepId;

#[derive(Debug, Default)]
pub struct TeamState {
    /// The team view instead of one rep's figures.
    pub shown: bool,
    pub view: Option<Box<TeamDashboard>>,
    /// The rep under the cursor.
    pub cursor: Cursor,
}

impl TeamState {
    fn position(&self, rep: Option<RepId>) -> Option<usize> {
        self.view.as_ref()?.reps.iter().position(|r| Some(r.rep) == rep)
    }

    /// Shows the team view, the cursor on the rep being looked at.
    pub fn show(&mut self, current: Option<RepId>) {
        self.shown = true;
        if let Some(i) = self.position(current) {
            self.cursor = Cursor::at(i);
        }
    }

    /// The team's figures were read: the first time, the cursor starts on the current rep.
    pub fn loaded(&mut self, team: Box<TeamDashboard>, current: Option<RepId>) {
        let first_load = self.view.is_none();
        let len = team.reps.len();
        self.view = Some(team);
        match self.position(current) {
            Some(i) if first_load => self.cursor = Cursor::at(i),
            _ => self.cursor.clamp(len),
        }
    }

    /// The reps the team view lists.
    pub fn rep_count(&self) -> usize {
        self.view.as_ref().map_or(0, |t| t.reps.len())
    }

    /// The rep under the cursor.
    pub fn selected(&self) -> Option<RepId> {
        self.view.as_ref()?.reps.get(self.cursor.index()).map(|r| r.rep)
    }
}
