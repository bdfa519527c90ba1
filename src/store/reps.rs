//! Reps: the rep picker's list, finding one by name, adding one.

use rusqlite::Connection;

use super::bulk::{self, NewRep};
use super::{Store, StoreError};
use crate::domain::ids::RepId;
use crate::domain::text::sort_key;

/// A rep as listed in the rep picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rep {
    pub id: RepId,
    pub name: String,
    pub email: Option<String>,
    pub active: bool,
    pub manager: Option<String>,
    pub team: Option<String>,
    /// Open deals owned by the rep.
    pub open_deals: i64,
}

impl Store {
    /// Every rep, active ones first, by name (case and accents ignored).
    pub fn reps(&self) -> Result<Vec<Rep>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.id, r.name, r.email, r.active, r.manager, r.team,
                    (SELECT count(*) FROM deals d WHERE d.rep_id = r.id AND d.status = 'open')
             FROM reps r",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(Rep {
                id: RepId(row.get(0)?),
                name: row.get(1)?,
                email: row.get(2)?,
                active: row.get(3)?,
                manager: row.get(4)?,
                team: row.get(5)?,
                open_deals: row.get(6)?,
            })
        })?;
        let mut reps: Vec<Rep> = rows.collect::<Result<_, _>>()?;
        // Each manager's teams together (a team without managers keeps the name order).
        reps.sort_by_cached_key(|r| {
            let manager = r.manager.as_deref().map(sort_key);
            (!r.active, r.manager.is_none(), manager, r.team.as_deref().map(sort_key), sort_key(&r.name), r.id)
        });
        Ok(reps)
    }

    /// The rep with this name (any case, accented letters included), if any. An exact match
    /// wins over one that differs in case only. SQLite's `NOCASE` folds ASCII letters only
    /// ("Zoé" ≠ "ZOÉ"), so names are compared here; a team has tens of reps, not millions.
    pub fn rep_by_name(&self, name: &str) -> Result<Option<RepId>, StoreError> {
        Ok(rep_by_name(self.conn(), name)?)
    }

    /// Adds an active rep. A blank name, or the name of a rep there is already (in any case,
    /// as [`Store::rep_by_name`] finds it), is refused.
    pub fn add_rep(&mut self, rep: &NewRep<'_>) -> Result<RepId, StoreError> {
        if rep.name.trim().is_empty() {
            return Err(StoreError::Refused("a rep needs a name".into()));
        }
        self.try_write(|tx| {
            if rep_by_name(tx, rep.name)?.is_some() {
                return Err(StoreError::Refused(format!("a rep named {:?} already exists", rep.name)));
            }
            Ok(bulk::insert_rep(tx, rep)?)
        })
    }
}

/// [`Store::rep_by_name`], on a connection or inside a write.
fn rep_by_name(conn: &Connection, name: &str) -> rusqlite::Result<Option<RepId>> {
    let wanted = name.trim();
    if wanted.is_empty() {
        return Ok(None);
    }
    let folded = wanted.to_lowercase();
    let mut stmt = conn.prepare_cached("SELECT id, name FROM reps ORDER BY id")?;
    let rows = stmt.query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)))?;
    let mut any_case = None;
    for row in rows {
        let (id, stored) = row?;
        let stored = stored.trim();
        if stored == wanted {
            return Ok(Some(RepId(id)));
        }
        if any_case.is_none() && stored.to_lowercase() == folded {
            any_case = Some(RepId(id));
        }
    }
    Ok(any_case)
}
