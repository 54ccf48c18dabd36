//! The `claims` table: each order number named for a sale (by the customer's browser, a
//! webhook or reconciliation), what the store said of it, and how often it was posted.
//! A claim is a note beside the sale, never its state.

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::Db;
use super::{Error, Result};

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    /// Being read from the store now (or again after the store could not be reached).
    Checking,
    /// Not found or not paid yet: checked again by the next claim, a webhook or reconciliation.
    Recheck,
    /// Permanently not this sale's payment (another sale's order, other items, other currency).
    Refused,
    /// Paid with this sale's items, but not provably made for it: staff decide.
    Review,
    /// The store confirmed it as this sale's payment.
    Accepted,
}

impl ClaimStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Checking => "checking",
            ClaimStatus::Recheck => "recheck",
            ClaimStatus::Refused => "refused",
            ClaimStatus::Review => "review",
            ClaimStatus::Accepted => "accepted",
        }
    }

    fn parse(s: &str) -> Option<ClaimStatus> {
        Some(match s {
            "checking" => ClaimStatus::Checking,
            "recheck" => ClaimStatus::Recheck,
            "refused" => ClaimStatus::Refused,
            "review" => ClaimStatus::Review,
            "accepted" => ClaimStatus::Accepted,
            _ => return None,
        })
    }
}

/// One claim.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ClaimRecord {
    /// The sale it names.
    pub sale_id: String,
    /// The order number claimed.
    pub number: String,
    /// Where it stands.
    pub status: ClaimStatus,
    /// Who named it first: `browser`, `webhook` or `reconciliation`.
    pub source: String,
    /// What the store said, in staff's words.
    pub reason: Option<String>,
    /// How many times it was posted or announced.
    pub posts: i64,
    /// How many times it was read from the store.
    pub checks: i64,
    /// First named (ms).
    pub first_at: i64,
    /// Last named (ms).
    pub last_at: i64,
    /// Last read from the store (ms).
    pub checked_at: Option<i64>,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<ClaimRecord> {
    let status: String = r.get("status")?;
    Ok(ClaimRecord {
        status: ClaimStatus::parse(&status).ok_or_else(|| {
            let row = format!("{}/{}", r.get::<_, String>("sale_id").unwrap_or_default(), r.get::<_, String>("number").unwrap_or_default());
            super::corrupt("claims", row, format!("unknown status {status:?}"))
        })?,
        sale_id: r.get("sale_id")?,
        number: r.get("number")?,
        source: r.get("source")?,
        reason: r.get("reason")?,
        posts: r.get("posts")?,
        checks: r.get("checks")?,
        first_at: r.get("first_at")?,
        last_at: r.get("last_at")?,
        checked_at: r.get("checked_at")?,
    })
}

/// The claim of `number` for `sale_id`, if it was ever named.
pub fn get(db: &Db, sale_id: &str, number: &str) -> Result<Option<ClaimRecord>> {
    Ok(db
        .conn()
        .prepare_cached("SELECT * FROM claims WHERE sale_id = ?1 AND number = ?2")?
        .query_row(params![sale_id, number], from_row)
        .optional()?)
}

/// Every claim for a sale, oldest first.
pub fn for_sale(db: &Db, sale_id: &str) -> Result<Vec<ClaimRecord>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM claims WHERE sale_id = ?1 ORDER BY first_at, number")?;
    let rows = stmt.query_map([sale_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// How many different order numbers were named for a sale.
pub fn distinct_numbers(db: &Db, sale_id: &str) -> Result<i64> {
    Ok(db.conn().prepare_cached("SELECT COUNT(*) FROM claims WHERE sale_id = ?1")?.query_row([sale_id], |r| r.get(0))?)
}

/// Count one more post of `number` for `sale_id` (creating the claim as `checking`);
/// returns the claim as it is now.
pub fn named(db: &Db, sale_id: &str, number: &str, source: &str) -> Result<ClaimRecord> {
    let now = db.now_ms();
    db.conn().execute(
        "INSERT INTO claims(sale_id, number, status, source, first_at, last_at) VALUES (?1, ?2, 'checking', ?3, ?4, ?4)
         ON CONFLICT(sale_id, number) DO UPDATE SET posts = posts + 1, last_at = ?4",
        params![sale_id, number, source, now],
    )?;
    get(db, sale_id, number)?.ok_or(Error::NotFound("claim"))
}

/// Set the claim's status and reason after a look at the store (or before one).
pub fn settle(db: &Db, sale_id: &str, number: &str, status: ClaimStatus, reason: Option<&str>, checked: bool) -> Result<()> {
    db.conn().execute(
        "UPDATE claims SET status = ?3, reason = ?4,
             checks = checks + CASE WHEN ?5 THEN 1 ELSE 0 END,
             checked_at = CASE WHEN ?5 THEN ?6 ELSE checked_at END
         WHERE sale_id = ?1 AND number = ?2",
        params![sale_id, number, status.as_str(), reason, checked, db.now_ms()],
    )?;
    Ok(())
}

/// Claims still open (`checking` or `recheck`) of sales not paid, oldest first.
pub fn open(db: &Db) -> Result<Vec<ClaimRecord>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached(
        "SELECT c.* FROM claims c JOIN sales s ON s.id = c.sale_id
         WHERE c.status IN ('checking', 'recheck') AND s.state <> 'paid' ORDER BY c.first_at",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Whether a claim of the sale is being checked with the store right now.
pub fn checking(db: &Db, sale_id: &str) -> Result<bool> {
    Ok(db.conn().prepare_cached("SELECT 1 FROM claims WHERE sale_id = ?1 AND status = 'checking'")?.exists([sale_id])?)
}
