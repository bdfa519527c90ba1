//! A row being written from a form that is still open: nothing written yet, written with
//! its id on the way back, or written. Typing goes on meanwhile, so the edits made while
//! the id travels are remembered and saved once it arrives.

/// Where a form's new row stands; `Id` is what the row is known by once written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending<Id> {
    /// Not written yet.
    New,
    /// Written; the id is on its way back. `dirty`: edited since, to save once it arrives.
    Inserting { token: u64, dirty: bool },
    /// Written, or there from the start.
    Written(Id),
}

impl<Id: Copy> Pending<Id> {
    pub fn is_new(self) -> bool {
        matches!(self, Pending::New)
    }

    /// The row is being written under `token`.
    pub fn begin(&mut self, token: u64) {
        *self = Pending::Inserting { token, dirty: false };
    }

    /// An edit while the id travels: true when it has to wait for the id (nothing to write
    /// now).
    pub fn hold_edit(&mut self) -> bool {
        match self {
            Pending::Inserting { dirty, .. } => {
                *dirty = true;
                true
            }
            Pending::New | Pending::Written(_) => false,
        }
    }

    pub fn waits_for(self, token: u64) -> bool {
        matches!(self, Pending::Inserting { token: t, .. } if t == token)
    }

    /// The id of the row written under `token` arrived: `Some(dirty)` when it is this
    /// form's row (then edits held meanwhile have to be saved).
    pub fn arrived(&mut self, token: u64, id: Id) -> Option<bool> {
        let Pending::Inserting { token: t, dirty } = *self else { return None };
        if t != token {
            return None;
        }
        *self = Pending::Written(id);
        Some(dirty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_made_while_the_id_travels_are_saved_once_it_arrives() {
        let mut p: Pending<i64> = Pending::New;
        assert!(!p.hold_edit(), "a new row is written by the edit itself");
        p.begin(7);
        assert_eq!(p.arrived(8, 1), None, "another row's id");
        assert!(p.hold_edit());
        assert_eq!(p.arrived(7, 42), Some(true));
        assert_eq!(p, Pending::Written(42));
        assert!(!p.hold_edit(), "a written row takes edits at once");
    }
}
