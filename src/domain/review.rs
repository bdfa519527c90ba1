//! Reviews (one-on-one meetings) and their answers.

use chrono::NaiveDate;

use super::ids::{RepId, ReviewId};
use super::word_enum;

word_enum! {
    /// The two meetings of the method.
    pub enum ReviewKind {
        Prospecting => "prospecting",
        Transformation => "transformation",
    }
}

word_enum! {
    pub enum ReviewStatus {
        Open => "open",
        Closed => "closed",
    }
}

word_enum! {
    /// Who runs the review: the manager, or the rep preparing alone.
    pub enum LedBy {
        Manager => "manager",
        Rep => "rep",
    }
}

/// A review as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub id: ReviewId,
    pub kind: ReviewKind,
    pub rep_id: RepId,
    pub held_on: NaiveDate,
    pub led_by: LedBy,
    pub status: ReviewStatus,
    pub notes: String,
}

/// An answer given to a script question in an earlier review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastAnswer {
    pub question_id: String,
    pub answer: String,
    pub held_on: NaiveDate,
}
