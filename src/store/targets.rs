//! Weekly targets: the ones in force now (`targets`, what the targets form shows) and their
//! history (`target_history`, what every period is measured against), and the writes that
//! change both together.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Row, params};

use super::prospecting::{checked_blocks, replace_blocks};
use super::{Store, StoreError, bulk, rep_exists};
use crate::domain::blocks::Block;
use crate::domain::ids::RepId;
use crate::domain::metrics::{Target, TargetKind};
use crate::domain::target_history::{TargetChange, TargetHistory};

impl Store {
    /// The rep's weekly targets in force now. Rows with a kind this build does not know are
    /// skipped.
    pub fn targets(&self, rep: RepId) -> Result<Vec<Target>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT kind, per_week FROM targets WHERE rep_id = ?1")?;
        let rows = stmt.query_map(params![rep.0], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))?;
        let mut targets = Vec::new();
        for row in rows {
            let (kind, per_week) = row?;
            if let Some(kind) = TargetKind::from_word(&kind) {
                targets.push(Target { kind, per_week });
            }
        }
        Ok(targets)
    }

    /// Every change of the rep's weekly targets. Rows with a kind this build does not know are
    /// skipped.
    pub fn target_history(&self, rep: RepId) -> Result<TargetHistory, StoreError> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT rep_id, kind, from_week, per_week FROM target_history WHERE rep_id = ?1")?;
        let mut rows = stmt.query([rep.0])?;
        let mut changes = Vec::new();
        while let Some(row) = rows.next()? {
            changes.extend(change(row)?.map(|(_, change)| change));
        }
        Ok(TargetHistory::new(changes))
    }

    /// Every rep's target history (reps without any are absent).
    pub fn all_target_histories(&self) -> Result<HashMap<RepId, TargetHistory>, StoreError> {
        let mut stmt = self.conn().prepare_cached("SELECT rep_id, kind, from_week, per_week FROM target_history")?;
        let mut rows = stmt.query([])?;
        let mut changes: HashMap<RepId, Vec<TargetChange>> = HashMap::new();
        while let Some(row) = rows.next()? {
            if let Some((rep, change)) = change(row)? {
                changes.entry(rep).or_default().push(change);
            }
        }
        Ok(changes.into_iter().map(|(rep, changes)| (rep, TargetHistory::new(changes))).collect())
    }

    /// Sets a rep's weekly target for one kind on `today`, or removes it (`None`): from the
    /// Monday of this week on, the weeks before keeping theirs (see [`bulk::set_target`]).
    pub fn set_target(
        &mut self,
        rep: RepId,
        kind: TargetKind,
        per_week: Option<i64>,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.set_targets_and_blocks(rep, &[(kind, per_week)], None, today)
    }

    /// The targets form saved: each kind's weekly target set on `today` (None: removed) as
    /// [`Store::set_target`] does, and the rep's planned blocks replaced when given, all in one
    /// transaction.
    pub fn set_targets_and_blocks(
        &mut self,
        rep: RepId,
        targets: &[(TargetKind, Option<i64>)],
        blocks: Option<&[Block]>,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        if targets.iter().any(|(_, per_week)| per_week.is_some_and(|n| n < 0)) {
            return Err(StoreError::Refused("a target cannot be negative".into()));
        }
        let blocks = blocks.map(checked_blocks).transpose()?;
        self.try_write(|tx| {
            rep_exists(tx, rep)?;
            for &(kind, per_week) in targets {
                bulk::set_target(tx, rep, kind, per_week, today)?;
            }
            if let Some(blocks) = &blocks {
                replace_blocks(tx, rep, blocks)?;
            }
            Ok(())
        })
    }
}

/// One row of `target_history` (rep_id, kind, from_week, per_week), unless its kind is one
/// this build does not know.
fn change(row: &Row<'_>) -> rusqlite::Result<Option<(RepId, TargetChange)>> {
    let kind: String = row.get(1)?;
    let Some(kind) = TargetKind::from_word(&kind) else { return Ok(None) };
    let change = TargetChange { kind, from_week: row.get(2)?, per_week: row.get(3)? };
    Ok(Some((RepId(row.get(0)?), change)))
}
