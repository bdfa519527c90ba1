//! What a weekly target is: its kind and its number, apart from the figures measured
//! against it (`metrics`) and its history (`target_history`), which both use it.

use super::activity::ActivityKind;

/// What a weekly target is set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetKind {
    Activity(ActivityKind),
    /// Opportunities created.
    Opportunity,
    /// Pipeline amount created, in minor units.
    Pipeline,
}

impl TargetKind {
    /// The rows of the volume table, in display order.
    pub const ALL: [TargetKind; 7] = [
        TargetKind::Activity(ActivityKind::Call),
        TargetKind::Activity(ActivityKind::Email),
        TargetKind::Activity(ActivityKind::Social),
        TargetKind::Activity(ActivityKind::Event),
        TargetKind::Activity(ActivityKind::Meeting),
        TargetKind::Opportunity,
        TargetKind::Pipeline,
    ];

    /// The word stored in `targets.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Activity(kind) => kind.as_str(),
            TargetKind::Opportunity => "opportunity",
            TargetKind::Pipeline => "pipeline",
        }
    }

    pub fn from_word(word: &str) -> Option<Self> {
        match word {
            "opportunity" => Some(TargetKind::Opportunity),
            "pipeline" => Some(TargetKind::Pipeline),
            other => ActivityKind::from_word(other).map(TargetKind::Activity),
        }
    }
}

/// A weekly target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub kind: TargetKind,
    pub per_week: i64,
}
