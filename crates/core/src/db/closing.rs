//! The `closing_steps` table and the sale's closing summary: each step sent to the store to
//! close a paid sale, saved as `requested` before it is sent and settled by reading the
//! store back when its answer was lost.

use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use super::Db;
use super::Result;

/// A step's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// `POST /orders/{n}/capture/`.
    Capture,
    /// `POST /fulfillment-orders/{id}/move/` to this counter's location.
    Move,
    /// `POST /fulfillment-orders/{id}/fulfillments/` at this counter's location.
    Fulfill,
    /// `POST /fulfillment-orders/{id}/cancellation-request/` (already sent elsewhere).
    CancellationRequest,
}

impl StepKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Capture => "capture",
            StepKind::Move => "move",
            StepKind::Fulfill => "fulfill",
            StepKind::CancellationRequest => "cancellation_request",
        }
    }

    fn parse(s: &str) -> Option<StepKind> {
        Some(match s {
            "capture" => StepKind::Capture,
            "move" => StepKind::Move,
            "fulfill" => StepKind::Fulfill,
            "cancellation_request" => StepKind::CancellationRequest,
            _ => return None,
        })
    }
}

/// Where a step stands: the life of every remote action ([`crate::domain::remote`]).
pub use crate::domain::remote::Phase as StepState;

/// One step.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Step {
    /// Its id.
    pub id: i64,
    /// The sale.
    pub sale_id: String,
    /// What it does.
    pub kind: StepKind,
    /// The order number or fulfillment order id.
    pub target: String,
    /// Where it stands.
    pub state: StepState,
    /// JSON: what it is for (lines and units).
    #[ts(type = "unknown")]
    pub detail: serde_json::Value,
    /// The store's words when it refused, or why it is unknown.
    pub reason: Option<String>,
    /// Saved (ms).
    pub created_at: i64,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Step> {
    let id: i64 = r.get("id")?;
    let bad = |what: &str, v: String| super::corrupt("closing_steps", id.to_string(), format!("unknown {what} {v:?}"));
    let kind: String = r.get("kind")?;
    let state: String = r.get("state")?;
    let detail: String = r.get("detail")?;
    Ok(Step {
        id,
        sale_id: r.get("sale_id")?,
        kind: StepKind::parse(&kind).ok_or_else(|| bad("kind", kind.clone()))?,
        target: r.get("target")?,
        state: StepState::parse(&state).ok_or_else(|| bad("state", state.clone()))?,
        detail: serde_json::from_str(&detail).map_err(|e| super::corrupt("closing_steps", id.to_string(), format!("detail: {e}")))?,
        reason: r.get("reason")?,
        created_at: r.get("created_at")?,
    })
}

/// Save a step as `requested`, before it is sent; returns its id.
pub fn request(db: &Db, sale_id: &str, kind: StepKind, target: &str, detail: &serde_json::Value) -> Result<i64> {
    let conn = db.conn();
    let now = db.now_ms();
    conn.execute(
        "INSERT INTO closing_steps(sale_id, kind, target, state, detail, created_at, updated_at) VALUES (?1, ?2, ?3, 'requested', ?4, ?5, ?5)",
        params![sale_id, kind.as_str(), target, detail.to_string(), now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A sale's steps, oldest first.
pub fn for_sale(db: &Db, sale_id: &str) -> Result<Vec<Step>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM closing_steps WHERE sale_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([sale_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The sale's closing summary: `pending`, `closing`, `closed`, `attention`, or `None`.
pub fn summary(db: &Db, sale_id: &str) -> Result<(Option<String>, Option<String>)> {
    Ok(db
        .conn()
        .prepare_cached("SELECT closing, closing_note FROM sales WHERE id = ?1")?
        .query_row([sale_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((None, None)))
}

/// Set the sale's closing summary.
pub fn set_summary(db: &Db, sale_id: &str, closing: &str, note: Option<&str>) -> Result<()> {
    db.conn().execute("UPDATE sales SET closing = ?2, closing_note = ?3 WHERE id = ?1", params![sale_id, closing, note])?;
    Ok(())
}

/// The sales being closed at the store, by the partial index `sales_closing` that holds only
/// them. `+state` keeps SQLite off the state index: by it, the question read every paid sale
/// ever (80,089 of 100,000, about 90 ms with the counter's database held, every minute).
const OPEN: &str = "SELECT id FROM sales WHERE closing IN ('pending', 'closing', 'attention') AND +state = 'paid' AND created_at >= ?1 ORDER BY created_at";
/// The same index: its condition is repeated word for word so SQLite knows it may use it.
const UNFINISHED: &str = "SELECT COUNT(*) FROM sales WHERE closing IN ('pending', 'closing', 'attention') AND closing IN ('pending', 'closing') AND +state = 'paid'";

/// Paid sales of this counter not closed at the store yet, created at or after `since_ms`.
pub fn open(db: &Db, since_ms: i64) -> Result<Vec<String>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached(OPEN)?;
    let rows = stmt.query_map([since_ms], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// How many paid sales are still being closed at the store (`pending` or `closing`).
pub fn unfinished(db: &Db) -> Result<usize> {
    let n: i64 = db.conn().query_row(UNFINISHED, [], |r| r.get(0))?;
    Ok(n as usize)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sales_being_closed_are_found_by_their_own_index_not_by_every_paid_sale() {
        let dir = tempfile::tempdir().unwrap();
        let db = super::Db::open(&dir.path().join("c.db")).unwrap();
        for query in [super::OPEN, super::UNFINISHED] {
            let conn = db.conn();
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {query}")).unwrap();
            let args: Vec<i64> = vec![0; stmt.parameter_count()];
            let plan: Vec<String> =
                stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3)).unwrap().map(Result::unwrap).collect();
            assert!(plan.iter().any(|step| step.contains("USING INDEX sales_closing")), "{query}: {plan:?}");
            assert!(!plan.iter().any(|step| step.contains("sales_state") || step.starts_with("SCAN sales")), "{query}: {plan:?}");
        }
    }
}
