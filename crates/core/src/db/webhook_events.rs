//! The `webhook_events` table: the store's event ids already handled, so a repeated
//! delivery is acknowledged and ignored.

use rusqlite::params;

use super::Db;
use super::Result;

/// Record `event_id`; returns `false` when it was already recorded (a replay).
pub fn record(db: &Db, event_id: &str, event_type: &str, order_number: Option<&str>) -> Result<bool> {
    let inserted = db.conn().execute(
        "INSERT OR IGNORE INTO webhook_events(event_id, event_type, order_number, received_at) VALUES (?1, ?2, ?3, ?4)",
        params![event_id, event_type, order_number, db.now_ms()],
    )?;
    Ok(inserted == 1)
}

/// Forget `event_id` (its handling failed and the store should be able to deliver it again).
pub fn forget(db: &Db, event_id: &str) -> Result<()> {
    db.conn().execute("DELETE FROM webhook_events WHERE event_id = ?1", [event_id])?;
    Ok(())
}

/// How many events were handled.
pub fn count(db: &Db) -> Result<i64> {
    Ok(db.conn().query_row("SELECT COUNT(*) FROM webhook_events", [], |r| r.get(0))?)
}
