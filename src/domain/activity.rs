//! Prospecting activity: what kinds exist and how far an action went.

use super::word_enum;

word_enum! {
    /// What the rep did. Everything but `Meeting` is a touch (an attempt to reach someone);
    /// a meeting is a meeting held with a prospect.
    pub enum ActivityKind {
        Call => "call",
        Email => "email",
        Social => "social",
        Event => "event",
        Meeting => "meeting",
    }
}

impl ActivityKind {
    /// Touches are the top of the funnel: attempts to start a conversation.
    pub fn is_touch(self) -> bool {
        self != ActivityKind::Meeting
    }
}

word_enum! {
    /// The furthest step of the funnel an action reached.
    pub enum Outcome {
        None => "none",
        /// Call connected, email or message replied.
        Conversation => "conversation",
        /// A meeting was booked.
        Meeting => "meeting",
        /// An opportunity was created.
        Opportunity => "opportunity",
    }
}

impl Outcome {
    /// Whether the action at least started a conversation.
    pub fn is_conversation(self) -> bool {
        self != Outcome::None
    }
}

/// One aggregated line of activity: the sum of `count` for a kind and an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityCount {
    pub kind: ActivityKind,
    pub outcome: Outcome,
    pub count: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for kind in ActivityKind::ALL {
            assert_eq!(ActivityKind::from_word(kind.as_str()), Some(*kind));
        }
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::from_word(outcome.as_str()), Some(*outcome));
        }
        assert_eq!(ActivityKind::from_word("Call"), None);
    }

    #[test]
    fn touches_and_conversations() {
        assert!(ActivityKind::Call.is_touch());
        assert!(!ActivityKind::Meeting.is_touch());
        assert!(!Outcome::None.is_conversation());
        assert!(Outcome::Meeting.is_conversation());
    }
}
