//! Commitments: who promised what, by when. Prospect commitments are the heart of the method.

use chrono::NaiveDate;

use super::ids::{CommitmentId, DealId, RepId, ReviewId};
use super::word_enum;

word_enum! {
    /// Who made the commitment.
    pub enum Owner {
        Prospect => "prospect",
        Rep => "rep",
        Manager => "manager",
    }
}

word_enum! {
    pub enum CommitmentStatus {
        Open => "open",
        Done => "done",
        Missed => "missed",
        Dropped => "dropped",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub id: CommitmentId,
    pub deal_id: Option<DealId>,
    pub rep_id: RepId,
    pub owner: Owner,
    pub what: String,
    pub due_on: Option<NaiveDate>,
    pub status: CommitmentStatus,
    /// The review it was made in, if any.
    pub made_in_review: Option<ReviewId>,
    /// When it was made (None for rows written before this was recorded).
    pub created_on: Option<NaiveDate>,
    /// When it was marked done, missed or dropped.
    pub settled_on: Option<NaiveDate>,
    /// A word of why, given when it was settled.
    pub note: String,
}

impl Commitment {
    /// An open commitment whose due date has passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == CommitmentStatus::Open && self.due_on.is_some_and(|due| due < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_only_when_open_and_past_due() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut c = Commitment {
            id: CommitmentId(1),
            deal_id: None,
            rep_id: RepId(1),
            owner: Owner::Prospect,
            what: "Send the security questionnaire".into(),
            due_on: Some(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()),
            status: CommitmentStatus::Open,
            made_in_review: None,
            created_on: None,
            settled_on: None,
            note: String::new(),
        };
        assert!(c.is_overdue(today));
        c.due_on = Some(today);
        assert!(!c.is_overdue(today));
        c.due_on = Some(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        c.status = CommitmentStatus::Done;
        assert!(!c.is_overdue(today));
        c.status = CommitmentStatus::Open;
        c.due_on = None;
        assert!(!c.is_overdue(today));
    }
}
