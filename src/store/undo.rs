//! Undo. Once [`Store::enable_undo`] is called (the app does, the command line does not),
//! temporary triggers log every row the connection inserts, updates or deletes in the
//! manager's tables, with the row as it was. While a [`Recording`] is set, a write
//! transaction turns that log into an `undo_steps` row, in the same transaction; writes of
//! one group (one form, one answer) fold into one step. Undoing a step puts every row back
//! as it was, newest change first, and marks the step undone, in one transaction.

use std::fmt::Write as _;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params, params_from_iter};
use serde_json::{Map, Value as Json};

use super::time::timestamp;
use super::{Store, StoreError};
use crate::domain::ids::RepId;

/// The tables whose rows the manager changes in a meeting. Not `reviews` (where a review
/// stands), not `activity_days` (its triggers follow the activities it sums), not
/// `undo_steps` itself.
const RECORDED: [&str; 14] = [
    "reps",
    "answers",
    "commitments",
    "hypotheses",
    "criteria_checks",
    "criterion_notes",
    "verdicts",
    "deals",
    "deal_changes",
    "stage_history",
    "targets",
    "target_history",
    "planned_blocks",
    "activities",
];

/// What the writes made while it is set belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    pub rep: RepId,
    pub day: NaiveDate,
    /// Writes with the same group fold into one step (a form's fields, an answer retyped).
    pub group: u64,
    /// What the step changed, in words: "the answer to “…”", "the commitment “…”".
    pub label: String,
    pub now: NaiveDateTime,
}

/// Which steps to undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoScope {
    /// The rep's latest step of the day.
    Last,
    /// Every step of one group (a form cancelled with Esc), newest first.
    Group(u64),
}

impl Store {
    /// Starts logging this connection's changes to the manager's tables, so writes made
    /// while recording can be undone. Temporary: nothing of it is in the file.
    pub fn enable_undo(&mut self) -> Result<(), StoreError> {
        let mut sql = String::from(
            "CREATE TEMP TABLE IF NOT EXISTS undo_log (
                seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, pk TEXT NOT NULL, old TEXT);",
        );
        for table in RECORDED {
            let columns = columns(self.conn(), table)?;
            let object = |row: &str, only_key: bool| {
                let pairs: Vec<String> = columns
                    .iter()
                    .filter(|(_, key)| *key || !only_key)
                    .map(|(name, _)| format!("'{name}', {row}.\"{name}\""))
                    .collect();
                format!("json_object({})", pairs.join(", "))
            };
            let (new_key, old_key, old_row) = (object("NEW", true), object("OLD", true), object("OLD", false));
            let _ = write!(
                sql,
                "CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_insert AFTER INSERT ON main.\"{table}\" BEGIN
                   INSERT INTO temp.undo_log (tbl, op, pk, old) VALUES ('{table}', 'insert', {new_key}, NULL); END;
                 CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_update AFTER UPDATE ON main.\"{table}\" BEGIN
                   INSERT INTO temp.undo_log (tbl, op, pk, old) VALUES ('{table}', 'update', {new_key}, {old_row}); END;
                 CREATE TEMP TRIGGER IF NOT EXISTS undo_{table}_delete AFTER DELETE ON main.\"{table}\" BEGIN
                   INSERT INTO temp.undo_log (tbl, op, pk, old) VALUES ('{table}', 'delete', {old_key}, {old_row}); END;"
            );
        }
        self.conn().execute_batch(&sql)?;
        self.undo_enabled = true;
        Ok(())
    }

    /// Records every write from now on as an undo step of `recording` (None: stop).
    pub fn set_recording(&mut self, recording: Option<Recording>) {
        self.recording = recording;
    }

    /// Runs `f` with its writes recorded as an undo step of `recording`.
    pub fn recording<T>(
        &mut self,
        recording: Recording,
        f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.recording = Some(recording);
        let result = f(self);
        self.recording = None;
        result
    }

    /// Undoes the steps `scope` names among the rep's steps of `day` not undone yet, in one
    /// transaction. Returns the label of the step undone (the latest one for a group), or
    /// `None` when there was nothing to undo.
    pub fn undo(
        &mut self,
        rep: RepId,
        day: NaiveDate,
        scope: UndoScope,
        now: NaiveDateTime,
    ) -> Result<Option<String>, StoreError> {
        let recording = self.recording.take();
        let result = self.try_write(|tx| {
            let (sql, group) = match scope {
                UndoScope::Last => (
                    "SELECT id, label, changes FROM undo_steps
                     WHERE rep_id = ?1 AND made_on = ?2 AND undone_at IS NULL AND ?3 IS NULL
                     ORDER BY id DESC LIMIT 1",
                    None,
                ),
                UndoScope::Group(group) => (
                    "SELECT id, label, changes FROM undo_steps
                     WHERE rep_id = ?1 AND made_on = ?2 AND undone_at IS NULL AND grp = ?3
                     ORDER BY id DESC",
                    Some(group as i64),
                ),
            };
            let steps: Vec<(i64, String, String)> = tx
                .prepare(sql)?
                .query_map(params![rep.0, day, group], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                .collect::<Result<_, _>>()?;
            let label = steps.first().map(|(_, label, _)| label.clone());
            for (id, label, changes) in steps {
                revert(tx, &changes)
                    .map_err(|err| StoreError::Refused(format!("cannot undo {label}: {err}; nothing was changed")))?;
                tx.execute("UPDATE undo_steps SET undone_at = ?2 WHERE id = ?1", params![id, timestamp(now)])?;
            }
            Ok(label)
        });
        self.recording = recording;
        result
    }
}

/// A table's columns, and whether each is part of its primary key.
fn columns(conn: &rusqlite::Connection, table: &str) -> rusqlite::Result<Vec<(String, bool)>> {
    let mut stmt = conn.prepare(&format!("PRAGMA main.table_info(\"{table}\")"))?;
    stmt.query_map([], |row| Ok((row.get::<_, String>(1)?, row.get::<_, i64>(5)? > 0)))?.collect()
}

/// Empties the log before a write, so what it holds after is that write's changes.
pub(super) fn start(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM temp.undo_log", [])?;
    Ok(())
}

/// Writes what the log holds as a step of `recording`, folded into the latest step when it
/// is of the same group.
pub(super) fn finish(tx: &Transaction<'_>, recording: &Recording) -> rusqlite::Result<()> {
    let mut changes: Vec<Json> = tx
        .prepare("SELECT tbl, op, pk, old FROM temp.undo_log ORDER BY seq")?
        .query_map([], |row| {
            let parse = |text: Option<String>| text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Json::Null);
            let mut entry = Map::new();
            entry.insert("table".into(), Json::String(row.get(0)?));
            entry.insert("op".into(), Json::String(row.get(1)?));
            entry.insert("key".into(), parse(row.get(2)?));
            entry.insert("old".into(), parse(row.get(3)?));
            Ok(Json::Object(entry))
        })?
        .collect::<Result<_, _>>()?;
    tx.execute("DELETE FROM temp.undo_log", [])?;
    if changes.is_empty() {
        return Ok(());
    }
    let latest: Option<(i64, i64, String)> = tx
        .query_row(
            "SELECT id, grp, changes FROM undo_steps WHERE rep_id = ?1 AND made_on = ?2 AND undone_at IS NULL
             ORDER BY id DESC LIMIT 1",
            params![recording.rep.0, recording.day],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let at = timestamp(recording.now);
    match latest {
        Some((id, group, earlier)) if group == recording.group as i64 => {
            let mut all: Vec<Json> = serde_json::from_str(&earlier).unwrap_or_default();
            all.append(&mut changes);
            tx.execute(
                "UPDATE undo_steps SET changes = ?2, label = ?3, made_at = ?4 WHERE id = ?1",
                params![id, Json::Array(all).to_string(), recording.label, at],
            )?;
        }
        _ => {
            tx.execute(
                "INSERT INTO undo_steps (rep_id, made_on, grp, label, changes, made_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    recording.rep.0,
                    recording.day,
                    recording.group as i64,
                    recording.label,
                    Json::Array(changes).to_string(),
                    at
                ],
            )?;
        }
    }
    Ok(())
}

/// Puts back every row a step changed, its newest change first: an inserted row is deleted,
/// an updated row gets its earlier values, a deleted row comes back whole.
fn revert(tx: &Transaction<'_>, changes: &str) -> Result<(), String> {
    let changes: Vec<Json> = serde_json::from_str(changes).map_err(|err| format!("its record is damaged ({err})"))?;
    for change in changes.iter().rev() {
        let table = change["table"].as_str().unwrap_or_default();
        if !RECORDED.contains(&table) {
            return Err(format!("it names an unknown table {table:?}"));
        }
        let known = columns(tx, table).map_err(|err| err.to_string())?;
        let object = |name: &str| -> Result<Vec<(String, Value)>, String> {
            let Some(map) = change[name].as_object() else { return Ok(Vec::new()) };
            map.iter()
                .map(|(column, value)| {
                    if known.iter().any(|(c, _)| c == column) {
                        Ok((format!("\"{column}\""), sql_value(value)))
                    } else {
                        Err(format!("{table} has no column {column:?}"))
                    }
                })
                .collect()
        };
        let key = object("key")?;
        let old = object("old")?;
        let mut values: Vec<Value> = Vec::new();
        let condition = |values: &mut Vec<Value>, start: usize| -> String {
            let parts: Vec<String> =
                key.iter().enumerate().map(|(i, (column, _))| format!("{column} IS ?{}", start + i + 1)).collect();
            values.extend(key.iter().map(|(_, v)| v.clone()));
            parts.join(" AND ")
        };
        let sql = match change["op"].as_str() {
            Some("insert") => format!("DELETE FROM \"{table}\" WHERE {}", condition(&mut values, 0)),
            Some("update") => {
                let sets: Vec<String> =
                    old.iter().enumerate().map(|(i, (column, _))| format!("{column} = ?{}", i + 1)).collect();
                values.extend(old.iter().map(|(_, v)| v.clone()));
                let at = values.len();
                format!("UPDATE \"{table}\" SET {} WHERE {}", sets.join(", "), condition(&mut values, at))
            }
            Some("delete") => {
                let names: Vec<&str> = old.iter().map(|(c, _)| c.as_str()).collect();
                let marks: Vec<String> = (1..=old.len()).map(|i| format!("?{i}")).collect();
                values.extend(old.iter().map(|(_, v)| v.clone()));
                format!("INSERT INTO \"{table}\" ({}) VALUES ({})", names.join(", "), marks.join(", "))
            }
            other => return Err(format!("it holds an unknown change {other:?}")),
        };
        tx.execute(&sql, params_from_iter(values)).map_err(|err| err.to_string())?;
    }
    Ok(())
}

fn sql_value(value: &Json) -> Value {
    match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => n.as_i64().map_or_else(|| Value::Real(n.as_f64().unwrap_or_default()), Value::Integer),
        Json::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}
