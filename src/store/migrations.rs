//! The numbered migrations that build the schema, applied in order when a file is opened, and
//! the check that a file's tables match its version before anything is written to it.

use std::path::Path;

use rusqlite::{Connection, Transaction};

use super::{APPLICATION_ID, StoreError, tallies};

/// The numbered migrations, in order. Append only: a shipped migration is never edited.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../migrations/0001_init.sql")),
    ("0002_deal_challenge", include_str!("../../migrations/0002_deal_challenge.sql")),
    ("0003_prospecting", include_str!("../../migrations/0003_prospecting.sql")),
    ("0004_undo", include_str!("../../migrations/0004_undo.sql")),
    ("0005_drafts", include_str!("../../migrations/0005_drafts.sql")),
    ("0006_target_history", include_str!("../../migrations/0006_target_history.sql")),
    ("0007_activity_rep_weeks", include_str!("../../migrations/0007_activity_rep_weeks.sql")),
    ("0008_activity_tallies", include_str!("../../migrations/0008_activity_tallies.sql")),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies the migrations a file at the version read inside `tx` lacks; returns the version
/// the file is at after (a newer one, left alone, when another process got there first).
pub(super) fn apply(tx: &Transaction<'_>, path: &Path) -> Result<i64, StoreError> {
    let from: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if from >= SCHEMA_VERSION {
        return Ok(from);
    }
    for (name, sql) in MIGRATIONS.iter().skip(usize::try_from(from).unwrap_or(0)) {
        // One line, whatever SQLite says: its messages quote the whole migration.
        let failed = |err: rusqlite::Error| StoreError::HalfMigrated {
            path: path.to_path_buf(),
            version: from,
            reason: format!("migration {name} failed ({})", first_line(&err)),
        };
        tx.execute_batch(sql).map_err(failed)?;
        // Counted in Rust, one pass over the rows: SQL would read them once per sum.
        if *name == "0008_activity_tallies" {
            tallies::count_all(tx).map_err(failed)?;
        }
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    Ok(SCHEMA_VERSION)
}

/// SQLite's message for an error, without the SQL its display quotes.
fn first_line(err: &rusqlite::Error) -> String {
    let message = match err {
        rusqlite::Error::SqlInputError { msg, .. } | rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    };
    message.lines().next().unwrap_or_default().to_string()
}

/// What each migration creates, as `(kind, name)`: its `CREATE TABLE|INDEX|VIEW|TRIGGER`
/// statements and the columns it adds (`table.column`).
fn created(sql: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for line in sql.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["CREATE", "TABLE", name, ..] => out.push(("table", name.trim_end_matches('(').to_string())),
            ["CREATE", "UNIQUE", "INDEX", name, ..] | ["CREATE", "INDEX", name, ..] => {
                out.push(("index", (*name).to_string()));
            }
            ["CREATE", "VIEW", name, ..] => out.push(("view", (*name).to_string())),
            ["CREATE", "TRIGGER", name, ..] => out.push(("trigger", (*name).to_string())),
            ["ALTER", "TABLE", table, "ADD", "COLUMN", column, ..] => out.push(("column", format!("{table}.{column}"))),
            _ => {}
        }
    }
    out
}

/// Why a file at schema `version` cannot be what sparring made of it, if it cannot: a table
/// its version should have is missing, or something a later migration creates is there
/// already (the migration would fail half-way). Read before anything is written.
pub(super) fn schema_mismatch(conn: &Connection, version: i64) -> rusqlite::Result<Option<String>> {
    let Ok(applied) = usize::try_from(version) else { return Ok(None) };
    if applied == 0 {
        return Ok(None);
    }
    let exists = |(kind, name): &(&str, String)| -> rusqlite::Result<bool> {
        if *kind == "column" {
            let (table, column) = name.split_once('.').unwrap_or_default();
            return conn.query_row(
                "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2",
                [table, column],
                |row| row.get::<_, i64>(0).map(|n| n > 0),
            );
        }
        conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = ?1 AND name = ?2",
            [kind, name.as_str()],
            |row| row.get::<_, i64>(0).map(|n| n > 0),
        )
    };
    let mut missing = Vec::new();
    for (_, sql) in MIGRATIONS.iter().take(applied) {
        for object in created(sql) {
            if matches!(object.0, "table" | "column") && !exists(&object)? {
                missing.push(object.1);
            }
        }
    }
    if !missing.is_empty() {
        return Ok(Some(format!("it lacks {}", listed(&missing))));
    }
    let mut early = Vec::new();
    for (_, sql) in MIGRATIONS.iter().skip(applied) {
        for object in created(sql) {
            if exists(&object)? {
                early.push(object.1);
            }
        }
    }
    Ok((!early.is_empty()).then(|| format!("it already holds {} of a later version", listed(&early))))
}

/// Names for a one-line message: the first few, then how many more.
fn listed(names: &[String]) -> String {
    let shown = names.iter().take(4).cloned().collect::<Vec<_>>().join(", ");
    match names.len() {
        0..=4 => shown,
        n => format!("{shown} and {} more", n - 4),
    }
}
