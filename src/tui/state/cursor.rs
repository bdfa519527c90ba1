//! The one cursor of every list the panes show (deals, reps, the team): kept within the
//! list however it changes length.

use crate::tui::keys::Command;

/// Position in a list of `len` rows; 0 when the list is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    at: usize,
}

impl Cursor {
    pub fn at(index: usize) -> Cursor {
        Cursor { at: index }
    }

    pub fn index(self) -> usize {
        self.at
    }

    /// Puts the cursor on a row, kept within a list of `len`.
    pub fn set(&mut self, index: usize, len: usize) {
        self.at = index.min(len.saturating_sub(1));
    }

    /// Keeps the cursor within a list that now has `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.set(self.at, len);
    }

    /// Moves for ↑ ↓ Home End; false for any other command (the list's owner handles it).
    pub fn moved(&mut self, command: Command, len: usize) -> bool {
        let last = len.saturating_sub(1);
        self.at = match command {
            Command::Up => self.at.saturating_sub(1),
            Command::Down => (self.at + 1).min(last),
            Command::First => 0,
            Command::Last => last,
            _ => return false,
        };
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_within_the_list() {
        let mut c = Cursor::default();
        assert!(c.moved(Command::Up, 3));
        assert_eq!(c.index(), 0);
        c.moved(Command::Last, 3);
        assert_eq!(c.index(), 2);
        c.moved(Command::Down, 3);
        assert_eq!(c.index(), 2, "the last row stops");
        c.clamp(1);
        assert_eq!(c.index(), 0, "the list got shorter");
        c.set(9, 0);
        assert_eq!(c.index(), 0, "an empty list has its cursor at 0");
        assert!(!c.moved(Command::Open, 3));
    }
}
