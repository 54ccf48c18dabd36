//! The `upsells` table. A row is written (state `requested`) before the charge is sent;
//! a partial unique index allows one `requested`/`unknown` upsell per order at a time, so a
//! double click, a second window or a restart cannot send a second charge while the first
//! one's outcome is open.

use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::Serialize;

use super::Db;
use super::{Error, Result};
use crate::domain::remote::Phase;
use crate::domain::words::text;

/// Where an upsell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum UpsellState {
    /// Saved; the charge is being sent.
    Requested,
    /// The store added the lines and charged the order's payment method.
    Charged,
    /// The store refused (or, after an unknown outcome, did not add it): nothing charged.
    Declined,
    /// The answer was lost; the order must be read back before anything else is sent.
    Unknown,
}

impl UpsellState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            UpsellState::Requested => "requested",
            UpsellState::Charged => "charged",
            UpsellState::Declined => "declined",
            UpsellState::Unknown => "unknown",
        }
    }

    fn parse(s: &str) -> Option<UpsellState> {
        super::remote::Ledger::Upsells.phase(s).map(UpsellState::from)
    }

    /// Its phase in the life of every remote action.
    pub fn phase(self) -> Phase {
        match self {
            UpsellState::Requested => Phase::Requested,
            UpsellState::Charged => Phase::Done,
            UpsellState::Declined => Phase::Failed,
            UpsellState::Unknown => Phase::Unknown,
        }
    }
}

impl From<Phase> for UpsellState {
    fn from(p: Phase) -> UpsellState {
        match p {
            Phase::Requested => UpsellState::Requested,
            Phase::Done => UpsellState::Charged,
            Phase::Failed => UpsellState::Declined,
            Phase::Unknown => UpsellState::Unknown,
        }
    }
}

/// An upsell as stored and shown.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Upsell {
    /// Id.
    pub id: String,
    /// The sale it adds to.
    pub sale_id: String,
    /// The store's order.
    pub order_number: String,
    /// Sent as the line's metadata, to recognise it when reading the order back.
    pub idempotency_key: String,
    /// Variant id.
    pub variant_id: i64,
    /// Title.
    pub title: String,
    /// SKU.
    pub sku: String,
    /// Quantity.
    pub quantity: i64,
    /// Unit price.
    #[ts(type = "string")]
    pub unit_price: Decimal,
    /// Staff set the price.
    pub price_override: bool,
    /// State.
    pub state: UpsellState,
    /// The store's reason, in staff's words.
    pub reason: Option<String>,
    /// Created (ms).
    pub created_at: i64,
    /// Last change (ms).
    pub updated_at: i64,
    /// Who offered it (a staff name; `None` without staff accounts).
    pub by_whom: Option<String>,
}

impl Upsell {
    /// Quantity × unit price.
    pub fn total(&self) -> Decimal {
        self.unit_price * Decimal::from(self.quantity)
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Upsell> {
    let id: String = r.get("id")?;
    let price: String = r.get("unit_price")?;
    let state: String = r.get("state")?;
    Ok(Upsell {
        sale_id: r.get("sale_id")?,
        order_number: r.get("order_number")?,
        idempotency_key: r.get("idempotency_key")?,
        variant_id: r.get("variant_id")?,
        title: r.get("title")?,
        sku: r.get("sku")?,
        quantity: r.get("quantity")?,
        unit_price: super::amount("upsells", &id, "unit_price", &price)?,
        price_override: r.get("price_override")?,
        state: UpsellState::parse(&state).ok_or_else(|| super::corrupt("upsells", &id, format!("unknown state {state:?}")))?,
        reason: r.get("reason")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
        by_whom: r.get("by_whom")?,
        id,
    })
}

/// Save a new `requested` upsell.
///
/// Fails with [`Error::Conflict`] while another upsell for the same order is in flight.
pub fn insert(db: &Db, u: &Upsell) -> Result<()> {
    let result = db.conn().execute(
        "INSERT INTO upsells(id, sale_id, order_number, idempotency_key, variant_id, title, sku, quantity, unit_price, price_override, state, created_at, updated_at, by_whom)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'requested', ?11, ?11, ?12)",
        params![u.id, u.sale_id, u.order_number, u.idempotency_key, u.variant_id, u.title, u.sku, u.quantity, u.unit_price.to_string(), u.price_override, u.created_at, u.by_whom],
    );
    match result {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Err(Error::Conflict(text!("upsell-in-flight")))
        }
        Err(e) => Err(e.into()),
    }
}

/// One upsell.
pub fn get(db: &Db, id: &str) -> Result<Option<Upsell>> {
    Ok(db.conn().query_row("SELECT * FROM upsells WHERE id = ?1", [id], from_row).optional()?)
}

/// A sale's upsells, oldest first.
pub fn for_sale(db: &Db, sale_id: &str) -> Result<Vec<Upsell>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM upsells WHERE sale_id = ?1 ORDER BY created_at, id")?;
    let rows = stmt.query_map([sale_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Upsells whose outcome is open (`requested` or `unknown`), oldest first.
pub fn open(db: &Db) -> Result<Vec<Upsell>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM upsells WHERE state IN ('requested', 'unknown') ORDER BY created_at")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Upsells of sales created in `[from_ms, to_ms)`.
pub fn in_range(db: &Db, from_ms: i64, to_ms: i64) -> Result<Vec<Upsell>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached(
        "SELECT u.* FROM upsells u JOIN sales s ON s.id = u.sale_id WHERE s.created_at >= ?1 AND s.created_at < ?2 ORDER BY u.created_at",
    )?;
    let rows = stmt.query_map([from_ms, to_ms], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
