//! The `settings` table: small key/value pairs (never secrets).

use rusqlite::{params, OptionalExtension};

use super::Db;
use crate::error::Result;

/// The value under `key`.
pub fn get(db: &Db, key: &str) -> Result<Option<String>> {
    Ok(db.conn().query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// Set `key` to `value`.
pub fn put(db: &Db, key: &str, value: &str) -> Result<()> {
    db.conn().execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Remove `key`, if it is there.
pub fn delete(db: &Db, key: &str) -> Result<()> {
    db.conn().execute("DELETE FROM settings WHERE key = ?1", [key])?;
    Ok(())
}
