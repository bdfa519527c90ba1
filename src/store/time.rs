//! How a moment is written to the database. Its own module so that every writer, the bulk
//! inserts and the reviews alike, takes it from below and none has to import the other.

use chrono::NaiveDateTime;

/// Timestamps are stored as local ISO-8601 text.
pub fn timestamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}
