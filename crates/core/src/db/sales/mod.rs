//! The `sales`, `sale_lines` and `sale_events` tables. Every state change is a
//! compare-and-set on the current state plus a timeline event, in one transaction, so
//! two callers racing (a return POST and a timeout, a double click) cannot both win.

use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::Serialize;

use super::Db;

mod search;

use super::Result;
use crate::domain::sale::{self as machine, SaleEvent, SaleState};
use search::reindex;
pub use search::{list, Filter};

/// A sale as stored.
#[derive(Debug, Clone)]
pub struct SaleRecord {
    /// Sale id (UUID-like, random).
    pub id: String,
    /// The public base of the sale's `payment_return_url`, up to its token (the token itself
    /// is never stored: only its hash, in `sale_tokens`).
    pub return_url: String,
    /// Current state.
    pub state: SaleState,
    /// ISO currency.
    pub currency: String,
    /// Basket total at local prices.
    pub total: Decimal,
    /// The hosted payment page.
    pub payment_complete_url: Option<String>,
    /// The store's order number, once claimed and verified.
    pub order_number: Option<String>,
    /// The store's total.
    pub store_total: Option<Decimal>,
    /// The verified order JSON.
    pub order_json: Option<String>,
    /// The last claimed order JSON.
    pub claim_json: Option<String>,
    /// Customer name or email from the verified order.
    pub customer: Option<String>,
    /// Why it failed, was rejected, or waits.
    pub reason: Option<String>,
    /// Paid after the counter had cancelled, expired or failed it.
    pub after_cancel: bool,
    /// Created (ms since epoch).
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
    /// When the payment link stops being waited for.
    pub expires_at: Option<i64>,
    /// When it was verified paid.
    pub paid_at: Option<i64>,
    /// Another counter's id for a sale pulled from the store; `None` for this counter's.
    pub origin: Option<String>,
    /// Paid back so far, as the store says.
    pub refunded: Option<Decimal>,
    /// The order's status at the store (`open`, `canceled`, ...).
    pub store_status: Option<String>,
    /// Who pressed Charge (a staff name, or `None` without staff accounts).
    pub staff: Option<String>,
    /// The language of Klarna's payment page for this sale.
    pub language: Option<String>,
}

/// A basket line as stored.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SaleLine {
    /// Variant id.
    pub variant_id: i64,
    /// Display title.
    pub title: String,
    /// SKU.
    pub sku: String,
    /// Quantity.
    pub quantity: i64,
    /// Unit price at the time of sale.
    pub unit_price: Decimal,
    /// Staff set the price.
    pub price_override: bool,
    /// Sold as a subscription.
    pub subscription: Option<crate::domain::catalog::SubscriptionChoice>,
    /// Shipped to the customer by the store instead of handed over at the counter.
    pub ship: bool,
}

/// A timeline entry.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TimelineEntry {
    /// When (ms).
    pub at: i64,
    /// The state entered.
    pub state: String,
    /// What happened.
    pub note: String,
}

/// Fields a transition may set; `None` leaves a column as it is.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Set the payment URL.
    pub payment_complete_url: Option<String>,
    /// Set the expiry.
    pub expires_at: Option<i64>,
    /// Attach an order number.
    pub order_number: Option<String>,
    /// Set the store total.
    pub store_total: Option<Decimal>,
    /// Set the verified order JSON.
    pub order_json: Option<String>,
    /// Set the claimed JSON.
    pub claim_json: Option<String>,
    /// Set the customer.
    pub customer: Option<String>,
    /// Set (or, with `Some(None)`, clear) the reason.
    pub reason: Option<Option<String>>,
    /// Flag a payment after cancel.
    pub after_cancel: Option<bool>,
    /// Set the paid time.
    pub paid_at: Option<i64>,
    /// Set what was paid back.
    pub refunded: Option<Decimal>,
    /// Set the store's status.
    pub store_status: Option<String>,
}

/// What the store says about a sale's order now.
#[derive(Debug, Clone)]
pub struct OrderFacts {
    /// The order as the store sent it.
    pub order_json: String,
    /// Its total.
    pub store_total: Decimal,
    /// Paid back so far.
    pub refunded: Decimal,
    /// Its status.
    pub store_status: Option<String>,
}

pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<SaleRecord> {
    let id: String = r.get("id")?;
    let state: String = r.get("state")?;
    let total: String = r.get("total")?;
    Ok(SaleRecord {
        return_url: r.get("return_url")?,
        state: state.parse().map_err(|e: crate::domain::sale::UnknownState| super::corrupt("sales", &id, e.to_string()))?,
        currency: r.get("currency")?,
        total: super::amount("sales", &id, "total", &total)?,
        payment_complete_url: r.get("payment_complete_url")?,
        order_number: r.get("order_number")?,
        store_total: super::opt_amount("sales", &id, "store_total", r.get("store_total")?)?,
        order_json: r.get("order_json")?,
        claim_json: r.get("claim_json")?,
        customer: r.get("customer")?,
        reason: r.get("reason")?,
        after_cancel: r.get("after_cancel")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
        expires_at: r.get("expires_at")?,
        paid_at: r.get("paid_at")?,
        origin: r.get("origin")?,
        refunded: super::opt_amount("sales", &id, "refunded", r.get("refunded")?)?,
        store_status: r.get("store_status")?,
        staff: r.get("staff")?,
        language: r.get("language")?,
        id,
    })
}

/// Insert a new sale in `state` with its lines, a first timeline event and (when `who`
/// starts it at this counter) its audit entry, in one transaction.
pub fn insert(db: &Db, sale: &SaleRecord, token_hash: &str, lines: &[SaleLine], note: &str, who: Option<&str>) -> Result<()> {
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO sales(id, token_hash, return_url, state, currency, total, created_at, updated_at, staff, language)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9)",
        params![
            sale.id,
            token_hash,
            sale.return_url,
            sale.state.as_str(),
            sale.currency,
            sale.total.to_string(),
            sale.created_at,
            sale.staff,
            sale.language
        ],
    )?;
    tx.execute("INSERT INTO sale_tokens(token_hash, sale_id) VALUES (?1, ?2)", params![token_hash, sale.id])?;
    db.tokens.add(&tx, token_hash)?;
    for (i, l) in lines.iter().enumerate() {
        tx.execute(
            "INSERT INTO sale_lines(sale_id, position, variant_id, title, sku, quantity, unit_price, price_override, subscription, ship)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                sale.id,
                i as i64,
                l.variant_id,
                l.title,
                l.sku,
                l.quantity,
                l.unit_price.to_string(),
                l.price_override,
                l.subscription.as_ref().and_then(|s| serde_json::to_string(s).ok()),
                l.ship
            ],
        )?;
    }
    tx.execute(
        "INSERT INTO sale_events(sale_id, at, state, note) VALUES (?1, ?2, ?3, ?4)",
        params![sale.id, sale.created_at, sale.state.as_str(), note],
    )?;
    if sale.origin.is_some() || sale.order_json.is_some() {
        // A sale pulled from the store arrives settled.
        tx.execute(
            "UPDATE sales SET origin = ?2, order_number = ?3, store_total = ?4, order_json = ?5, customer = ?6,
                 refunded = ?7, store_status = ?8, paid_at = ?9 WHERE id = ?1",
            params![
                sale.id,
                sale.origin,
                sale.order_number,
                sale.store_total.map(|d| d.to_string()),
                sale.order_json,
                sale.customer,
                sale.refunded.map(|d| d.to_string()),
                sale.store_status,
                sale.paid_at
            ],
        )?;
    }
    if let Some(who) = who {
        let after = format!("{} {} {}", sale.state.as_str(), sale.total, sale.currency);
        super::audit::append(&tx, sale.created_at, who, "sale.state", Some(&sale.id), None, Some(&after))?;
    }
    reindex(&tx, &sale.id)?;
    tx.commit()?;
    Ok(())
}

/// What a transition did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// The sale moved from the first state to the second.
    To(SaleState, SaleState),
    /// The sale's state does not take the event (someone else moved it first): nothing
    /// changed. The reason says why.
    Refused(machine::Refused),
}

/// Apply `event` to sale `id` as the state table says ([`machine::next`]), setting
/// `changes`, with `note` on the timeline and an audit entry by `who`, all in one
/// transaction: the state is read and changed under the same lock, so two callers racing
/// (a return POST and a timeout, a double click) cannot both move it.
///
/// Fails with [`super::Error::NotFound`] when there is no such sale.
pub fn transition(db: &Db, id: &str, event: SaleEvent, changes: &Changes, note: &str, who: &str) -> Result<Moved> {
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    let current: Option<String> = tx.query_row("SELECT state FROM sales WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    let Some(current) = current else { return Err(super::Error::NotFound("sale")) };
    let from: SaleState = current.parse().map_err(|e: machine::UnknownState| {
        super::Error::Corrupt(super::Corrupt { table: "sales", row: id.into(), what: e.to_string() })
    })?;
    let to = match machine::next(from, event) {
        Ok(to) => to,
        Err(refused) => return Ok(Moved::Refused(refused)),
    };
    let now = db.now_ms();
    let reason_set = changes.reason.is_some();
    let reason = changes.reason.clone().flatten();
    tx.execute(
        "UPDATE sales SET state = ?2, updated_at = ?3,
            payment_complete_url = COALESCE(?4, payment_complete_url),
            expires_at = COALESCE(?5, expires_at),
            order_number = COALESCE(?6, order_number),
            store_total = COALESCE(?7, store_total),
            order_json = COALESCE(?8, order_json),
            claim_json = COALESCE(?9, claim_json),
            customer = COALESCE(?10, customer),
            reason = CASE WHEN ?11 THEN ?12 ELSE reason END,
            after_cancel = COALESCE(?13, after_cancel),
            paid_at = COALESCE(?14, paid_at),
            refunded = COALESCE(?15, refunded),
            store_status = COALESCE(?16, store_status)
         WHERE id = ?1",
        params![
            id,
            to.as_str(),
            now,
            changes.payment_complete_url,
            changes.expires_at,
            changes.order_number,
            changes.store_total.map(|d| d.to_string()),
            changes.order_json,
            changes.claim_json,
            changes.customer,
            reason_set,
            reason,
            changes.after_cancel,
            changes.paid_at,
            changes.refunded.map(|d| d.to_string()),
            changes.store_status,
        ],
    )?;
    tx.execute("INSERT INTO sale_events(sale_id, at, state, note) VALUES (?1, ?2, ?3, ?4)", params![id, now, to.as_str(), note])?;
    super::audit::append(&tx, now, who, "sale.state", Some(id), Some(from.as_str()), Some(to.as_str()))?;
    if changes.order_number.is_some() || changes.customer.is_some() || changes.order_json.is_some() {
        reindex(&tx, id)?;
    }
    tx.commit()?;
    Ok(Moved::To(from, to))
}

/// Replace the verified order with what the store says now (after an upsell, a refund, a
/// refresh) and note why, in one transaction. An empty `note` records nothing on the
/// timeline (a refresh that found no change).
pub fn update_order(db: &Db, id: &str, facts: &OrderFacts, note: &str) -> Result<()> {
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    let now = db.now_ms();
    tx.execute(
        "UPDATE sales SET order_json = ?2, store_total = ?3, refunded = ?4, store_status = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, facts.order_json, facts.store_total.to_string(), facts.refunded.to_string(), facts.store_status, now],
    )?;
    if !note.is_empty() {
        tx.execute(
            "INSERT INTO sale_events(sale_id, at, state, note) SELECT id, ?2, state, ?3 FROM sales WHERE id = ?1",
            params![id, now, note],
        )?;
    }
    reindex(&tx, id)?;
    tx.commit()?;
    Ok(())
}

/// Record that upsells were offered for a paid sale (once).
pub fn mark_upsells_offered(db: &Db, id: &str) -> Result<()> {
    db.conn().execute("UPDATE sales SET upsells_offered_at = ?2 WHERE id = ?1 AND upsells_offered_at IS NULL", params![id, db.now_ms()])?;
    Ok(())
}

/// How many sales created in `[from_ms, to_ms)` were offered upsells.
pub fn upsells_offered(db: &Db, from_ms: i64, to_ms: i64) -> Result<i64> {
    Ok(db.conn().query_row(
        "SELECT COUNT(*) FROM sales WHERE upsells_offered_at IS NOT NULL AND created_at >= ?1 AND created_at < ?2",
        [from_ms, to_ms],
        |r| r.get(0),
    )?)
}

/// Add a timeline note without changing state.
pub fn note(db: &Db, id: &str, state: SaleState, note: &str) -> Result<()> {
    db.conn().execute(
        "INSERT INTO sale_events(sale_id, at, state, note) VALUES (?1, ?2, ?3, ?4)",
        params![id, db.now_ms(), state.as_str(), note],
    )?;
    Ok(())
}

/// A sale by id.
pub fn get(db: &Db, id: &str) -> Result<Option<SaleRecord>> {
    Ok(db.conn().prepare_cached("SELECT * FROM sales WHERE id = ?1")?.query_row([id], from_row).optional()?)
}

/// Whether a sale has this return-token hash (without reading the sale).
pub fn token_known(db: &Db, hash: &str) -> Result<bool> {
    if !db.tokens.may_know(hash) {
        return Ok(false);
    }
    Ok(db.conn().prepare_cached("SELECT 1 FROM sale_tokens WHERE token_hash = ?1")?.exists([hash])?)
}

/// A sale by the SHA-256 of any of its return tokens.
pub fn by_token_hash(db: &Db, hash: &str) -> Result<Option<SaleRecord>> {
    if !db.tokens.may_know(hash) {
        return Ok(None);
    }
    Ok(db
        .conn()
        .prepare_cached("SELECT s.* FROM sale_tokens t JOIN sales s ON s.id = t.sale_id WHERE t.token_hash = ?1")?
        .query_row([hash], from_row)
        .optional()?)
}

/// Give sale `id` another return token (a retry's new link; the earlier ones keep working).
pub fn add_token(db: &Db, id: &str, hash: &str) -> Result<()> {
    let conn = db.conn();
    conn.execute("INSERT INTO sale_tokens(token_hash, sale_id) VALUES (?1, ?2)", params![hash, id])?;
    db.tokens.add(&conn, hash)?;
    Ok(())
}

/// The sale an order number is attached to, if any.
pub fn by_order_number(db: &Db, number: &str) -> Result<Option<SaleRecord>> {
    Ok(db.conn().prepare_cached("SELECT * FROM sales WHERE order_number = ?1")?.query_row([number], from_row).optional()?)
}

/// Sales in any of `states`, oldest first.
pub fn in_states(db: &Db, states: &[SaleState]) -> Result<Vec<SaleRecord>> {
    let conn = db.conn();
    let names: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
    let mut stmt = conn.prepare_cached("SELECT * FROM sales WHERE state IN (SELECT value FROM json_each(?1)) ORDER BY created_at")?;
    let rows = stmt.query_map([serde_json::to_string(&names).unwrap_or_default()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// When the oldest sale in one of `states` created at `since` (ms) or later was created.
pub fn oldest_in_states_since(db: &Db, states: &[SaleState], since: i64) -> Result<Option<i64>> {
    let conn = db.conn();
    let names: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
    // By creation time (the window holds a few days of sales), not by state: the states asked
    // for include the ended ones, which pile up over the years (`+state` keeps SQLite off the
    // state index).
    let mut stmt =
        conn.prepare_cached("SELECT min(created_at) FROM sales WHERE created_at >= ?2 AND +state IN (SELECT value FROM json_each(?1))")?;
    Ok(stmt.query_row(params![serde_json::to_string(&names).unwrap_or_default(), since], |r| r.get(0))?)
}

/// A sale's basket.
pub fn lines(db: &Db, id: &str) -> Result<Vec<SaleLine>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached(
        "SELECT variant_id, title, sku, quantity, unit_price, price_override, subscription, ship, position FROM sale_lines WHERE sale_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        let price: String = r.get(4)?;
        let subscription: Option<String> = r.get(6)?;
        let row = format!("{id}/{}", r.get::<_, i64>(8)?);
        let subscription = subscription
            .map(|s| serde_json::from_str(&s).map_err(|e| super::corrupt("sale_lines", &row, format!("subscription: {e}"))))
            .transpose()?;
        Ok(SaleLine {
            variant_id: r.get(0)?,
            title: r.get(1)?,
            sku: r.get(2)?,
            quantity: r.get(3)?,
            unit_price: super::amount("sale_lines", &row, "unit_price", &price)?,
            price_override: r.get(5)?,
            subscription,
            ship: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A sale's timeline, oldest first.
pub fn events(db: &Db, id: &str) -> Result<Vec<TimelineEntry>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT at, state, note FROM sale_events WHERE sale_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([id], |r| Ok(TimelineEntry { at: r.get(0)?, state: r.get(1)?, note: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// How many sales are in each state, by state name.
pub fn count_by_state(db: &Db) -> Result<Vec<(String, i64)>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT state, COUNT(*) FROM sales GROUP BY state ORDER BY state")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Counts of sales, for tests and diagnostics.
pub fn count(db: &Db) -> Result<i64> {
    Ok(db.conn().query_row("SELECT COUNT(*) FROM sales", [], |r| r.get(0))?)
}

/// Every sale created in `[from_ms, to_ms)`, oldest first (reports and exports).
pub fn created_between(db: &Db, from_ms: i64, to_ms: i64) -> Result<Vec<SaleRecord>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM sales WHERE created_at >= ?1 AND created_at < ?2 ORDER BY created_at, id")?;
    let rows = stmt.query_map([from_ms, to_ms], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
