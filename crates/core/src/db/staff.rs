//! The `staff` table. PINs are stored only as argon2 hashes.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::Db;
use super::{Error, Result};
use crate::domain::words::text;

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sell, upsell, and see today's history.
    Cashier,
    /// Also refunds, cancels, settings, reports, the audit log and staff.
    Manager,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Cashier => "cashier",
            Role::Manager => "manager",
        }
    }
}

/// A staff member, as shown (never the PIN hash).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
pub struct Staff {
    /// Id.
    pub id: String,
    /// Name, as it appears on sales and in the audit log.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Can sign in.
    pub active: bool,
    /// Created (ms).
    pub created_at: i64,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<(Staff, String)> {
    let id: String = r.get("id")?;
    let role: String = r.get("role")?;
    let role = match role.as_str() {
        "manager" => Role::Manager,
        "cashier" => Role::Cashier,
        other => return Err(super::corrupt("staff", &id, format!("unknown role {other:?}"))),
    };
    Ok((Staff { id, name: r.get("name")?, role, active: r.get("active")?, created_at: r.get("created_at")? }, r.get("pin_hash")?))
}

/// Add a staff member with an already hashed PIN.
///
/// Fails with [`Error::Conflict`] when an active member already has that name.
pub fn insert(db: &Db, s: &Staff, pin_hash: &str) -> Result<()> {
    let result = db.conn().execute(
        "INSERT INTO staff(id, name, role, pin_hash, active, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![s.id, s.name, s.role.as_str(), pin_hash, s.active, s.created_at],
    );
    match result {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Err(Error::Conflict(text!("staff-name-taken", name = &s.name)))
        }
        Err(e) => Err(e.into()),
    }
}

/// Change a member's name, role, activity and (with `Some`) PIN hash.
pub fn update(db: &Db, s: &Staff, pin_hash: Option<&str>) -> Result<()> {
    let result = db.conn().execute(
        "UPDATE staff SET name = ?2, role = ?3, active = ?4, pin_hash = COALESCE(?5, pin_hash), updated_at = ?6 WHERE id = ?1",
        params![s.id, s.name, s.role.as_str(), s.active, pin_hash, db.now_ms()],
    );
    match result {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            Err(Error::Conflict(text!("staff-name-taken", name = &s.name)))
        }
        Err(e) => Err(e.into()),
    }
}

/// Everyone, active first, by name.
pub fn list(db: &Db) -> Result<Vec<Staff>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM staff ORDER BY active DESC, name COLLATE NOCASE")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.map(|r| r.map(|(s, _)| s)).collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Active members with their PIN hashes (for signing in).
pub fn active_with_hashes(db: &Db) -> Result<Vec<(Staff, String)>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM staff WHERE active = 1")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One member.
pub fn get(db: &Db, id: &str) -> Result<Option<Staff>> {
    Ok(db.conn().query_row("SELECT * FROM staff WHERE id = ?1", [id], from_row).optional()?.map(|(s, _)| s))
}

/// How many active members there are (none: the counter runs without sign-in).
pub fn active_count(db: &Db) -> Result<i64> {
    Ok(db.conn().query_row("SELECT COUNT(*) FROM staff WHERE active = 1", [], |r| r.get(0))?)
}
