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

/// What to do first, then why: a long reason is cut at the header's edge.
pub fn quit_unsaved(err: &str) -> String {
    format!("! Quit again to leave without this answer — not saved: {err}")
}

/// `]` on the period under way: nothing comes after it yet.
pub const PERIOD_UNDER_WAY: &str = "Period under way: [ goes back";
/// `[` as far back as periods go.
pub const PERIOD_FARTHEST: &str = "As far back as it goes: ] comes back";

/// Why a write of a read-only window was refused (the save notice puts it after "Not saved: ",
/// beside the tabs' "read-only"): who has the file, short for the header's room.
pub fn read_only_refused(holder: &str) -> String {
    holder.to_string()
}

/// The header's mark of a read-only window.
pub const READ_ONLY: &str = "read-only";

pub fn load_failed(err: &str) -> String {
    format!("! Could not read the database: {err}")
}

pub fn resumed_review(rep: &str) -> String {
    format!("Resumed today's prospecting review of {rep}")
}

pub fn resumed(rep: &str, deal: &str) -> String {
    format!("Resumed today's review of {rep} at {deal}")
}
