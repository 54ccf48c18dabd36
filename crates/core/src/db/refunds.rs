//! The `refunds` table: refunds and cancels sent from Counterpay. A row is written
//! (`requested`) before the call; a partial unique index allows one `requested`/`unknown`
//! row per order, so a double click, a second window or a restart cannot send a second
//! refund while the first one's outcome is open.

use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::Serialize;

use super::Db;
use super::{Error, Result};
use crate::domain::refund::RefundLineRequest;
use crate::domain::words::text;

/// Where a refund or cancel is: the life of every remote action ([`crate::domain::remote`]).
pub use crate::domain::remote::Phase as RefundState;

/// A refund or a cancel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RefundKind {
    /// Money back for some or all lines.
    Refund,
    /// The order cancelled, with everything not refunded yet paid back.
    Cancel,
}

/// A refund or cancel as stored and shown.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RefundRecord {
    /// Id.
    pub id: String,
    /// The sale.
    pub sale_id: String,
    /// The store's order.
    pub order_number: String,
    /// Refund or cancel.
    pub kind: RefundKind,
    /// Counterpay's reference, sent in the refund's note or the cancel reason.
    pub reference: String,
    /// Lines (empty for a cancel).
    pub lines: Vec<RefundLineRequest>,
    /// What the store calculated and staff confirmed.
    #[ts(type = "string")]
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// State.
    pub state: RefundState,
    /// Why it failed or waits, in staff's words.
    pub reason: Option<String>,
    /// Who did it.
    pub by_whom: String,
    /// The store's refund id, once known.
    pub store_refund_id: Option<i64>,
    /// Created (ms).
    pub created_at: i64,
    /// Last change (ms).
    pub updated_at: i64,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<RefundRecord> {
    let id: String = r.get("id")?;
    let kind: String = r.get("kind")?;
    let lines: String = r.get("lines")?;
    let amount: String = r.get("amount")?;
    let state: String = r.get("state")?;
    Ok(RefundRecord {
        sale_id: r.get("sale_id")?,
        order_number: r.get("order_number")?,
        kind: match kind.as_str() {
            "cancel" => RefundKind::Cancel,
            "refund" => RefundKind::Refund,
            other => return Err(super::corrupt("refunds", &id, format!("unknown kind {other:?}"))),
        },
        reference: r.get("reference")?,
        lines: serde_json::from_str(&lines).map_err(|e| super::corrupt("refunds", &id, format!("lines: {e}")))?,
        amount: super::amount("refunds", &id, "amount", &amount)?,
        currency: r.get("currency")?,
        state: RefundState::parse(&state).ok_or_else(|| super::corrupt("refunds", &id, format!("unknown state {state:?}")))?,
        reason: r.get("reason")?,
        by_whom: r.get("by_whom")?,
        store_refund_id: r.get("store_refund_id")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
        id,
    })
}

/// Save a new `requested` refund or cancel.
///
/// Fails with [`Error::Conflict`] while another one for the same order is open.
pub fn insert(db: &Db, r: &RefundRecord) -> Result<()> {
    let result = db.conn().execute(
        "INSERT INTO refunds(id, sale_id, order_number, kind, reference, lines, amount, currency, state, by_whom, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'requested', ?9, ?10, ?10)",
        params![
            r.id,
            r.sale_id,
            r.order_number,
            if r.kind == RefundKind::Cancel { "cancel" } else { "refund" },
            r.reference,
            serde_json::to_string(&r.lines).unwrap_or_else(|_| "[]".into()),
            r.amount.to_string(),
            r.currency,
            r.by_whom,
            r.created_at
        ],
    );
    match result {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Err(Error::Conflict(text!("refund-in-flight")))
        }
        Err(e) => Err(e.into()),
    }
}

/// Record the store's id of refund `id`, once it is known.
pub fn set_store_id(db: &Db, id: &str, store_refund_id: i64) -> Result<()> {
    db.conn().execute("UPDATE refunds SET store_refund_id = ?2 WHERE id = ?1", params![id, store_refund_id])?;
    Ok(())
}

/// One refund.
pub fn get(db: &Db, id: &str) -> Result<Option<RefundRecord>> {
    Ok(db.conn().query_row("SELECT * FROM refunds WHERE id = ?1", [id], from_row).optional()?)
}

/// A sale's refunds and cancels, oldest first.
pub fn for_sale(db: &Db, sale_id: &str) -> Result<Vec<RefundRecord>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM refunds WHERE sale_id = ?1 ORDER BY created_at, id")?;
    let rows = stmt.query_map([sale_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Refunds and cancels whose outcome is open, oldest first.
pub fn open(db: &Db) -> Result<Vec<RefundRecord>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM refunds WHERE state IN ('requested', 'unknown') ORDER BY created_at")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Refunds and cancels that took effect, made in `[from_ms, to_ms)`.
pub fn done_between(db: &Db, from_ms: i64, to_ms: i64) -> Result<Vec<RefundRecord>> {
    let conn = db.conn();
    let mut stmt =
        conn.prepare_cached("SELECT * FROM refunds WHERE state = 'done' AND created_at >= ?1 AND created_at < ?2 ORDER BY created_at")?;
    let rows = stmt.query_map([from_ms, to_ms], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
