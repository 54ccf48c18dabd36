//! The `audit` table: append-only (its triggers refuse updates and deletes).

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::Db;
use super::Result;

/// One entry.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
pub struct AuditEntry {
    /// Order of writing.
    pub seq: i64,
    /// When (ms).
    pub at: i64,
    /// Who: a staff name, `counter` (no staff set up), `system`, `customer` or `store`.
    pub staff: String,
    /// What, e.g. `sale.state`, `settings.save`, `refund`, `staff.sign_in`.
    pub action: String,
    /// What it was done to (a sale id, a staff id), if anything.
    pub subject: Option<String>,
    /// Before, as JSON text or a state name.
    pub before: Option<String>,
    /// After.
    pub after: Option<String>,
}

/// Which entries to list; every field narrows.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct AuditFilter {
    /// At or after (ms).
    pub from_ms: Option<i64>,
    /// Before (ms).
    pub to_ms: Option<i64>,
    /// Exactly this person.
    pub staff: Option<String>,
    /// Actions starting with this (`sale.` for every sale change).
    pub action: Option<String>,
    /// Text found in the subject, before or after.
    pub text: Option<String>,
}

/// Append an entry.
pub fn record(db: &Db, staff: &str, action: &str, subject: Option<&str>, before: Option<&str>, after: Option<&str>) -> Result<()> {
    append(&db.conn(), db.now_ms(), staff, action, subject, before, after)?;
    Ok(())
}

/// Append an entry inside the caller's transaction (a change and its audit entry commit
/// together or not at all).
pub(crate) fn append(
    conn: &rusqlite::Connection,
    at: i64,
    staff: &str,
    action: &str,
    subject: Option<&str>,
    before: Option<&str>,
    after: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO audit(at, staff, action, subject, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![at, staff, action, subject, before, after])?;
    Ok(())
}

/// Entries matching `f`, newest first.
pub fn list(db: &Db, f: &AuditFilter, limit: usize, offset: usize) -> Result<Vec<AuditEntry>> {
    let conn = db.conn();
    let escape = |t: &str| t.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let like = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("%{}%", escape(t)));
    let prefix = f.action.as_deref().filter(|a| !a.is_empty()).map(|a| format!("{}%", escape(a)));
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, staff, action, subject, before, after FROM audit
         WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2) AND (?3 IS NULL OR staff = ?3)
           AND (?4 IS NULL OR action LIKE ?4 ESCAPE '\\')
           AND (?5 IS NULL OR subject LIKE ?5 ESCAPE '\\' OR before LIKE ?5 ESCAPE '\\' OR after LIKE ?5 ESCAPE '\\')
         ORDER BY seq DESC LIMIT ?6 OFFSET ?7",
    )?;
    let rows = stmt.query_map(
        params![f.from_ms, f.to_ms, f.staff.as_deref().filter(|s| !s.is_empty()), prefix, like, limit as i64, offset as i64],
        |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                staff: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
