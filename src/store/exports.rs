//! What the exports read: commitments with their rep and deal, in one query.

use chrono::NaiveDate;
use rusqlite::params;

use super::deals::{DEAL_COLUMNS, deal_from_row};
use super::reps::Rep;
use super::{Store, StoreError};
use crate::domain::deal::Deal;
use crate::domain::ids::RepId;
use crate::domain::metrics::Target;

/// A commitment as exported: who made it to whom, about which deal, by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedCommitment {
    pub id: i64,
    pub rep: String,
    /// "Acme — Rollout"'s parts; `None` for a prospecting commitment.
    pub deal: Option<(String, String)>,
    pub owner: String,
    pub what: String,
    pub due_on: Option<NaiveDate>,
    pub status: String,
    pub made_on: Option<NaiveDate>,
    pub note: String,
}

impl Store {
    /// Every commitment of one rep or of all, open ones only when `open`; by due date.
    pub fn commitments_for_export(
        &self,
        rep: Option<RepId>,
        open: bool,
    ) -> Result<Vec<ExportedCommitment>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT c.id, r.name, d.account, d.name, c.owner, c.what, c.due_on, c.status, c.created_on, c.note
             FROM commitments c JOIN reps r ON r.id = c.rep_id LEFT JOIN deals d ON d.id = c.deal_id
             WHERE (?1 IS NULL OR c.rep_id = ?1) AND (?2 = 0 OR c.status = 'open')
             ORDER BY c.due_on IS NULL, c.due_on, c.id",
        )?;
        let rows = stmt.query_map(params![rep.map(|r| r.0), open], |row| {
            let account: Option<String> = row.get(2)?;
            let name: Option<String> = row.get(3)?;
            Ok(ExportedCommitment {
                id: row.get(0)?,
                rep: row.get(1)?,
                deal: account.zip(name),
                owner: row.get(4)?,
                what: row.get(5)?,
                due_on: row.get(6)?,
                status: row.get(7)?,
                made_on: row.get(8)?,
                note: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

impl Store {
    /// Every deal of one rep or of all, any status, with its rep's name; by id.
    pub fn deals_for_export(&self, rep: Option<RepId>) -> Result<Vec<(Deal, String)>, StoreError> {
        let columns: String = DEAL_COLUMNS.split(',').map(|c| format!("d.{}", c.trim())).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT {columns}, r.name FROM deals d JOIN reps r ON r.id = d.rep_id WHERE ?1 IS NULL OR d.rep_id = ?1 ORDER BY d.id"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let width = stmt.column_count();
        let rows = stmt.query_map(params![rep.map(|r| r.0)], |row| Ok((deal_from_row(row)?, row.get(width - 1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// An activity as exported: its ids made portable (`sparring:ID` when it has no CRM id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedActivity {
    pub external_id: String,
    /// `YYYY-MM-DDTHH:MM:SS`.
    pub occurred_at: String,
    pub rep: String,
    pub kind: String,
    pub channel: Option<String>,
    pub segment: Option<String>,
    pub message: Option<String>,
    pub outcome: String,
    pub qualified: Option<bool>,
    pub count: i64,
    pub deal: Option<String>,
}

impl Store {
    /// Every activity of one rep or of all, by id, handed to `each` one at a time: a
    /// million rows are written without being held.
    pub fn for_each_activity<E: From<StoreError>>(
        &self,
        rep: Option<RepId>,
        mut each: impl FnMut(&ExportedActivity) -> Result<(), E>,
    ) -> Result<usize, E> {
        let mut stmt = self
            .conn()
            .prepare(
                "SELECT ifnull(a.external_id, 'sparring:' || a.id), a.occurred_at, r.name, a.kind, a.channel,
                        a.segment, a.message, a.outcome, a.qualified, a.count,
                        CASE WHEN a.deal_id IS NULL THEN NULL ELSE ifnull(d.external_id, 'sparring:' || a.deal_id) END
                 FROM activities a JOIN reps r ON r.id = a.rep_id LEFT JOIN deals d ON d.id = a.deal_id
                 WHERE ?1 IS NULL OR a.rep_id = ?1 ORDER BY a.id",
            )
            .map_err(StoreError::from)?;
        let mut rows = stmt.query(params![rep.map(|r| r.0)]).map_err(StoreError::from)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let read = |row: &rusqlite::Row<'_>| -> rusqlite::Result<ExportedActivity> {
                Ok(ExportedActivity {
                    external_id: row.get(0)?,
                    occurred_at: row.get(1)?,
                    rep: row.get(2)?,
                    kind: row.get(3)?,
                    channel: row.get(4)?,
                    segment: row.get(5)?,
                    message: row.get(6)?,
                    outcome: row.get(7)?,
                    qualified: row.get(8)?,
                    count: row.get(9)?,
                    deal: row.get(10)?,
                })
            };
            each(&read(row).map_err(StoreError::from)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// Every rep with their weekly targets, as the reps pane lists them.
    pub fn reps_for_export(&self) -> Result<Vec<(Rep, Vec<Target>)>, StoreError> {
        let mut out = Vec::new();
        for rep in self.reps()? {
            let targets = self.targets(rep.id)?;
            out.push((rep, targets));
        }
        Ok(out)
    }
}
