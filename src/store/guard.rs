//! The checks that the writes of the deal challenge share, before they touch a row: whose
//! deal or line it is, whether it exists, whether a text is there at all. In one place so
//! that every write refuses the same thing in the same words.

use rusqlite::{OptionalExtension, Transaction, params};

use super::StoreError;
use super::deals::{DEAL_COLUMNS, deal_from_row};
use crate::domain::deal::Deal;
use crate::domain::ids::{DealId, RepId};
use crate::domain::money::{MAX_AMOUNT, format_exact, group_thousands};

/// A deal as read inside a write.
pub(super) fn deal_facts(tx: &Transaction<'_>, deal: DealId) -> Result<Deal, StoreError> {
    tx.query_row(&format!("SELECT {DEAL_COLUMNS} FROM deals WHERE id = ?1"), params![deal.0], deal_from_row)
        .optional()?
        .ok_or(StoreError::NotFound { what: "deal", id: deal.0 })
}

/// The deal's facts, refused when it belongs to another rep than the review's.
pub(super) fn rep_deal(tx: &Transaction<'_>, rep: RepId, deal: DealId) -> Result<Deal, StoreError> {
    let facts = deal_facts(tx, deal)?;
    if facts.rep_id != rep {
        return Err(StoreError::Refused(format!("deal {deal} belongs to another rep")));
    }
    Ok(facts)
}

/// Whether a commitment or hypothesis was made in a review that is still open (false when
/// it was made in a closed review or outside any review).
pub(super) fn made_in_open_review(
    tx: &Transaction<'_>,
    table: &str,
    what: &'static str,
    id: i64,
) -> Result<bool, StoreError> {
    tx.query_row(
        &format!(
            "SELECT ifnull(r.status = 'open', 0) FROM {table} x LEFT JOIN reviews r ON r.id = x.made_in_review
             WHERE x.id = ?1"
        ),
        params![id],
        |row| row.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound { what, id })
}

/// Refuses a write on a commitment or hypothesis of another rep than `rep`.
pub(super) fn owned_by(
    tx: &Transaction<'_>,
    table: &str,
    what: &'static str,
    id: i64,
    rep: RepId,
) -> Result<(), StoreError> {
    let owner: i64 = tx
        .query_row(&format!("SELECT rep_id FROM {table} WHERE id = ?1"), params![id], |row| row.get(0))
        .optional()?
        .ok_or(StoreError::NotFound { what, id })?;
    if owner != rep.0 {
        return Err(StoreError::Refused(format!("{what} {id} belongs to another rep")));
    }
    Ok(())
}

pub(super) fn found(updated: usize, what: &'static str, id: i64) -> Result<(), StoreError> {
    if updated == 0 { Err(StoreError::NotFound { what, id }) } else { Ok(()) }
}

pub(super) fn refuse_blank(text: &str, why: &str) -> Result<(), StoreError> {
    if text.trim().is_empty() { Err(StoreError::Refused(why.to_string())) } else { Ok(()) }
}

/// Blank optional text is no text: "no sponsor" is NULL, never `''`.
pub(super) fn not_blank(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

/// An amount the figures can add up: never negative, never past [`MAX_AMOUNT`].
pub(super) fn refuse_amount(minor: i64) -> Result<(), StoreError> {
    if minor < 0 {
        return Err(StoreError::Refused(format!("an amount is never negative, not {}", format_exact(minor, ""))));
    }
    if minor > MAX_AMOUNT * 100 + 99 {
        return Err(StoreError::Refused(format!(
            "an amount is at most {}, not {}",
            group_thousands(MAX_AMOUNT),
            format_exact(minor, "")
        )));
    }
    Ok(())
}
