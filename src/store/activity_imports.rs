//! Activities imported in one transaction, row by row as the file is read: new rows are
//! written in batches with the day totals kept in memory (a million rows in seconds), a
//! row already imported (same `source:id`) is updated or left as it is, and reps named
//! for the first time are created. A dry run does the same and rolls back.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::bulk::{self, ActivityBatches, FormattedActivity, NewActivity, NewRep};
use super::rows::{clock_of, day_of};
use super::{Store, StoreError};
use crate::domain::activity::{ActivityKind, Outcome};
use crate::domain::dates::week_of;
use crate::domain::ids::{DealId, RepId};
use crate::domain::prospecting::Activity;
use crate::import::activities::ImportedActivity;

/// What an activities import did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityCounts {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Reps the file named that were not reps yet, created (in file order).
    pub new_reps: Vec<String>,
    /// Rows naming a deal that is not in the database: kept without their deal.
    pub unknown_deals: usize,
}

/// Rows written per batch: enough to amortise the statement, small enough to stay flat.
const BATCH: usize = 2048;

/// A row of the file ready to write.
struct Ready {
    activity: ImportedActivity,
    rep: RepId,
    deal: Option<DealId>,
    occurred_at: String,
    week: String,
    external_id: String,
}

/// A row with what can be worked out without the database — its stored timestamp and
/// week, its key and the key's hash — so that a thread reading the file does it while
/// another writes.
pub struct Prepared {
    activity: ImportedActivity,
    occurred_at: String,
    week: String,
    key: String,
    key_hash: u64,
    /// Whether the key comes from the row's content (the file has no id column).
    derived: bool,
}

impl Prepared {
    /// The row's key as the file gives it (for messages).
    pub fn id(&self) -> &str {
        &self.key
    }

    pub fn new(activity: ImportedActivity, source: &str) -> Prepared {
        let (key, derived) = match &activity.external_id {
            Some(id) => (id.clone(), false),
            // No id in the file: the row is known by what it says, so the same file imported
            // again changes nothing.
            None => (format!("{source}:row-{:016x}", content_hash(&activity)), true),
        };
        let week = week_of(activity.occurred_at.date());
        let mut week_text = String::with_capacity(10);
        push_day(&mut week_text, week);
        Prepared {
            occurred_at: stamp(activity.occurred_at),
            week: week_text,
            key_hash: key_hash(&key),
            key,
            derived,
            activity,
        }
    }
}

/// Why a row cannot be written, for the caller to report with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The same id is on an earlier line of the file.
    Duplicate { first_line: u64 },
}

/// Takes the rows of one file, one at a time.
pub struct ActivityWriter<'a, 'b, 'tx> {
    batches: &'a mut ActivityBatches<'b, 'tx>,
    /// Reps by lower-case name.
    reps: HashMap<String, RepId>,
    last_rep: Option<(String, RepId)>,
    deals: HashMap<String, DealId>,
    /// Whether this source has rows stored already: only then is each id looked up.
    lookups: bool,
    /// Ids made from a row's content (a file without ids), by a 64-bit hash: how many rows
    /// had each. On a re-import of the source, the file's own ids too (with the line of
    /// their first row), to tell an id used twice from a row updated. A first import keeps
    /// none of the file's ids: the database refuses the second of two, and memory stays flat.
    seen: HashMap<u64, u32>,
    pending: Vec<Ready>,
    /// Rows refused as an id used twice, found when their batch was written: line and id.
    repeated: Vec<(u64, String)>,
    counts: ActivityCounts,
}

impl Store {
    /// Imports the activities `feed` pushes, for a file from `source` (`salesforce`…), in
    /// one transaction: an error from `feed` or the store leaves the database as it was.
    ///
    /// A `big` file is written with a rollback journal rather than the write-ahead log when
    /// no other connection has the file open: each page is then written once, not to the
    /// log and again into the file. The log is back when the import ends (or, after a
    /// crash, when the file is next opened).
    pub fn import_activities<E>(
        &mut self,
        source: &str,
        dry_run: bool,
        big: bool,
        feed: impl FnOnce(&mut ActivityWriter<'_, '_, '_>) -> Result<(), E>,
    ) -> Result<ActivityCounts, E>
    where
        E: From<StoreError> + From<rusqlite::Error>,
    {
        let (logged, recording) = self.undo_context();
        // A bigger page cache for the one big write (the id index is written out of order),
        // and statement journals in memory: each batch statement keeps one. Not in the app:
        // changing where temporary data goes drops the temporary tables undo logs into.
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let temp: i64 = self.conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?;
        self.conn.execute_batch("PRAGMA cache_size = -65536")?;
        if !logged {
            self.conn.execute_batch("PRAGMA temp_store = MEMORY")?;
        }
        // Another connection (the app open on the file) keeps the log: then nothing changes,
        // at once rather than after the busy timeout.
        let unlogged = big && {
            self.conn.busy_timeout(std::time::Duration::ZERO)?;
            let switched = self
                .conn
                .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))
                .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
            self.conn.busy_timeout(super::BUSY_TIMEOUT)?;
            switched
        };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if logged {
            super::undo::start(&tx)?;
        }
        let counts = bulk::bulk_activities(&tx, |batches| -> Result<ActivityCounts, E> {
            let mut writer = ActivityWriter::new(batches, source)?;
            feed(&mut writer)?;
            writer.flush()?;
            Ok(writer.counts)
        });
        let finished = match counts {
            Ok(counts) => super::imports::finish(tx, dry_run, logged, recording.as_ref()).map(|()| Ok(counts)),
            Err(err) => {
                // Dropping the transaction rolls it back.
                drop(tx);
                Ok(Err(err))
            }
        };
        self.conn.execute_batch(&format!("PRAGMA cache_size = {cache}"))?;
        if !logged {
            self.conn.execute_batch(&format!("PRAGMA temp_store = {temp}"))?;
        }
        if unlogged {
            super::use_wal(&self.conn)?;
        }
        finished?
    }
}

impl<'a, 'b, 'tx> ActivityWriter<'a, 'b, 'tx> {
    fn new(batches: &'a mut ActivityBatches<'b, 'tx>, source: &str) -> Result<Self, StoreError> {
        let tx = batches.tx();
        let reps = tx
            .prepare("SELECT id, name FROM reps")?
            .query_map([], |r| Ok((r.get::<_, String>(1)?.trim().to_lowercase(), RepId(r.get(0)?))))?
            .collect::<Result<HashMap<_, _>, _>>()?;
        // A deal exported without a CRM id travels as `sparring:ID`.
        let deals = tx
            .prepare("SELECT id, external_id FROM deals")?
            .query_map([], |r| {
                let id: i64 = r.get(0)?;
                let external: Option<String> = r.get(1)?;
                Ok((external.unwrap_or_else(|| format!("sparring:{id}")), DealId(id)))
            })?
            .collect::<Result<HashMap<_, _>, _>>()?;
        let lookups = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM activities WHERE external_id >= ?1 AND external_id < ?2)",
            params![format!("{source}:"), format!("{source};")],
            |r| r.get(0),
        )?;
        Ok(ActivityWriter {
            batches,
            reps,
            last_rep: None,
            deals,
            lookups,
            seen: HashMap::new(),
            pending: Vec::with_capacity(BATCH),
            repeated: Vec::new(),
            counts: ActivityCounts::default(),
        })
    }

    /// Writes one row (in a batch): created, updated or unchanged.
    pub fn push(&mut self, row: Prepared) -> Result<Result<(), Refusal>, StoreError> {
        let Prepared { activity, occurred_at, week, key, key_hash, derived } = row;
        let external_id = if !derived && !self.lookups {
            key
        } else {
            match self.seen.entry(key_hash) {
                Entry::Occupied(mut seen) if derived => {
                    // Identical rows of a file without ids are told apart by their rank.
                    *seen.get_mut() += 1;
                    format!("{key}#{}", seen.get())
                }
                Entry::Occupied(first) => {
                    // Most likely the same id twice; a 64-bit hash shared by two ids is told
                    // apart by the database, which holds the first one by now.
                    let first_line = u64::from(*first.get());
                    self.flush()?;
                    if self.stored(&key)? {
                        return Ok(Err(Refusal::Duplicate { first_line }));
                    }
                    key
                }
                Entry::Vacant(slot) => {
                    slot.insert(if derived { 1 } else { u32::try_from(activity.line).unwrap_or(u32::MAX) });
                    key
                }
            }
        };
        let rep = self.rep(&activity.rep)?;
        let deal = activity.deal.as_deref().and_then(|d| self.deals.get(d).copied());
        if activity.deal.is_some() && deal.is_none() {
            self.counts.unknown_deals += 1;
        }
        let ready = Ready { activity, rep, deal, occurred_at, week, external_id };
        if self.lookups && self.replace(&ready)? {
            return Ok(Ok(()));
        }
        self.pending.push(ready);
        if self.pending.len() >= BATCH {
            self.flush()?;
        }
        Ok(Ok(()))
    }

    /// Updates the stored row with this id, if there is one; `false` when the row is new.
    fn replace(&mut self, ready: &Ready) -> Result<bool, StoreError> {
        type Stored = (i64, i64, String, String, Option<String>, Option<String>, Option<String>, String, i64);
        let stored: Option<(Stored, Option<i64>, Option<bool>)> = self
            .batches
            .tx()
            .prepare_cached(
                "SELECT id, rep_id, occurred_at, kind, channel, segment, message, outcome, count, deal_id, qualified
                 FROM activities WHERE external_id = ?1",
            )?
            .query_row(params![ready.external_id], |r| {
                Ok((
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?),
                    r.get(9)?,
                    r.get(10)?,
                ))
            })
            .optional()?;
        let Some(((id, rep, at, kind, channel, segment, message, outcome, count), deal, qualified)) = stored else {
            return Ok(false);
        };
        let a = &ready.activity;
        let same = rep == ready.rep.0
            && at == ready.occurred_at
            && kind == a.kind.as_str()
            && channel == a.channel
            && segment == a.segment
            && message == a.message
            && outcome == a.outcome.as_str()
            && count == a.count
            && deal == ready.deal.map(|d| d.0)
            && qualified == a.qualified;
        if same {
            self.counts.unchanged += 1;
            return Ok(true);
        }
        let (Some(old_day), Some(old_kind), Some(old_outcome)) =
            (day_of(&at), ActivityKind::from_word(&kind), Outcome::from_word(&outcome))
        else {
            // Written by another tool with a word the app does not know: its day totals
            // cannot be moved, so the import stops rather than guess.
            return Err(StoreError::Refused(format!(
                "activity {} ({}) holds a kind or date sparring cannot read: fix or delete it first",
                id, ready.external_id
            )));
        };
        let old = Activity {
            day: old_day,
            clock: clock_of(&at),
            kind: old_kind,
            channel: channel.as_deref().unwrap_or(""),
            segment: segment.as_deref().unwrap_or(""),
            message: message.as_deref().unwrap_or(""),
            outcome: old_outcome,
            count,
            qualified,
        };
        let row = formatted(ready);
        self.batches.update(id, RepId(rep), &old, &row)?;
        self.counts.updated += 1;
        Ok(true)
    }

    /// Whether a row with this id is in the database.
    fn stored(&self, key: &str) -> Result<bool, StoreError> {
        let tx = self.batches.tx();
        let mut stmt = tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM activities WHERE external_id = ?1)")?;
        Ok(stmt.query_row(params![key], |r| r.get(0))?)
    }

    fn rep(&mut self, name: &str) -> Result<RepId, StoreError> {
        if let Some((last, id)) = &self.last_rep
            && last == name
        {
            return Ok(*id);
        }
        let key = name.trim().to_lowercase();
        let id = if let Some(id) = self.reps.get(&key) {
            *id
        } else {
            let new = NewRep { name: name.trim(), email: None, manager: None, team: None };
            let id = bulk::insert_rep(self.batches.tx(), &new)?;
            self.reps.insert(key, id);
            self.counts.new_reps.push(name.trim().to_string());
            id
        };
        self.last_rep = Some((name.to_string(), id));
        Ok(id)
    }

    /// Writes the rows waiting in the batch.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows: Vec<FormattedActivity<'_>> = self.pending.iter().map(formatted).collect();
        let ignored = self.batches.insert_new(&rows)?;
        self.counts.created += rows.len() - ignored.len();
        drop(rows);
        for i in ignored {
            let ready = &self.pending[i];
            self.repeated.push((ready.activity.line, ready.external_id.clone()));
        }
        self.pending.clear();
        Ok(())
    }

    /// The rows refused so far as an id already on an earlier line (their line and id),
    /// found as batches are written; [`Self::flush`] first to have them all.
    pub fn take_repeated(&mut self) -> Vec<(u64, String)> {
        std::mem::take(&mut self.repeated)
    }
}

fn formatted(ready: &Ready) -> FormattedActivity<'_> {
    let a = &ready.activity;
    FormattedActivity {
        activity: NewActivity {
            rep: ready.rep,
            occurred_at: a.occurred_at,
            kind: a.kind,
            channel: a.channel.as_deref(),
            segment: a.segment.as_deref(),
            message: a.message.as_deref(),
            outcome: a.outcome,
            count: a.count,
            deal: ready.deal,
            qualified: a.qualified,
        },
        occurred_at: &ready.occurred_at,
        week: &ready.week,
        external_id: Some(&ready.external_id),
    }
}

/// `2026-11-27T14:05:09`, as `time::timestamp` writes it, without a format string per row.
fn stamp(at: NaiveDateTime) -> String {
    let mut out = String::with_capacity(19);
    push_day(&mut out, at.date());
    for (sep, value) in [('T', at.hour()), (':', at.minute()), (':', at.second())] {
        out.push(sep);
        push_two(&mut out, value);
    }
    out
}

/// `2026-11-27`.
fn push_day(out: &mut String, day: NaiveDate) {
    let year = u32::try_from(day.year()).unwrap_or(0);
    push_two(out, year / 100);
    push_two(out, year);
    for value in [day.month(), day.day()] {
        out.push('-');
        push_two(out, value);
    }
}

fn push_two(out: &mut String, value: u32) {
    out.push(char::from(b'0' + (value / 10 % 10) as u8));
    out.push(char::from(b'0' + (value % 10) as u8));
}

/// The hash ids are remembered by during one import (never stored).
fn key_hash(text: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// FNV-1a over the row's fields: stable across builds, since it becomes the stored id of a
/// row the file gave no id.
fn content_hash(a: &ImportedActivity) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let fields = [
        a.rep.trim().to_lowercase(),
        stamp(a.occurred_at),
        a.kind.as_str().to_string(),
        a.channel.clone().unwrap_or_default(),
        a.segment.clone().unwrap_or_default(),
        a.message.clone().unwrap_or_default(),
        a.outcome.as_str().to_string(),
        a.qualified.map_or(String::new(), |q| q.to_string()),
        a.count.to_string(),
        a.deal.clone().unwrap_or_default(),
    ];
    for field in &fields {
        for byte in field.bytes().chain([0x1f]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(line: u64, id: &str) -> ImportedActivity {
        ImportedActivity {
            line,
            external_id: Some(format!("sparring:{id}")),
            rep: "Ada".into(),
            occurred_at: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap().and_hms_opt(9, 30, 0).unwrap(),
            kind: ActivityKind::Call,
            channel: None,
            segment: None,
            message: None,
            outcome: Outcome::None,
            qualified: None,
            count: 1,
            deal: None,
        }
    }

    fn import(store: &mut Store, big: bool, rows: &[ImportedActivity]) -> ActivityCounts {
        store
            .import_activities("sparring", false, big, |w| -> Result<(), StoreError> {
                for a in rows {
                    w.push(Prepared::new(a.clone(), "sparring"))?.expect("not refused");
                }
                Ok(())
            })
            .unwrap()
    }

    #[test]
    fn a_big_import_writes_without_the_log_and_leaves_it_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap();
        let counts = import(&mut store, true, &[call(2, "1"), call(3, "2")]);
        assert_eq!(counts.created, 2);
        let mode: String = store.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal", "the log is back");
        // With another connection on the file (the app), the log stays all along.
        let other = rusqlite::Connection::open(&path).unwrap();
        let _: i64 = other.query_row("SELECT count(*) FROM activities", [], |r| r.get(0)).unwrap();
        assert_eq!(import(&mut store, true, &[call(4, "3")]).created, 1);
        let seen: i64 = other.query_row("SELECT count(*) FROM activities", [], |r| r.get(0)).unwrap();
        assert_eq!(seen, 3);
        let mode: String = other.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn the_content_id_is_stable() {
        let a = ImportedActivity {
            line: 2,
            external_id: None,
            rep: "Emma Fischer".into(),
            occurred_at: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap().and_hms_opt(9, 30, 0).unwrap(),
            kind: ActivityKind::Call,
            channel: Some("phone".into()),
            segment: None,
            message: None,
            outcome: Outcome::Conversation,
            qualified: None,
            count: 1,
            deal: None,
        };
        // Written into databases: a change here re-creates every row imported without an id.
        assert_eq!(format!("{:016x}", content_hash(&a)), "af4381bc6a92154e");
        let other = ImportedActivity { count: 2, ..a.clone() };
        assert_ne!(content_hash(&a), content_hash(&other));
        assert_eq!(stamp(a.occurred_at), super::super::time::timestamp(a.occurred_at));
    }
}
