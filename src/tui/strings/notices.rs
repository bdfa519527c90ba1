//! The header's notices: saved, undone, resumed, failed.

// ----- notices ----------------------------------------------------------------------

/// How every "saved" notice starts.
pub const SAVED_PREFIX: &str = "✓ saved";

pub fn saved_notice(at: &str) -> String {
    format!("{SAVED_PREFIX} {at}")
}

pub fn save_failed(err: &str) -> String {
    format!("! Not saved: {err} — your text is still in the field")
}

pub fn quit_unsaved(err: &str) -> String {
    format!("! Not saved: {err} — quit again to leave without this answer")
}

/// `]` on the period under way: nothing comes after it yet.
pub const PERIOD_UNDER_WAY: &str = "Period under way: [ goes back";
/// `[` as far back as periods go.
pub const PERIOD_FARTHEST: &str = "As far back as it goes: ] comes back";

pub fn load_failed(err: &str) -> String {
    format!("! Could not read the database: {err}")
}

pub fn resumed_review(rep: &str) -> String {
    format!("Resumed today's prospecting review of {rep}")
}

pub fn resumed(rep: &str, deal: &str) -> String {
    format!("Resumed today's review of {rep} at {deal}")
}
