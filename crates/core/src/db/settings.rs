//! The `settings` table: small key/value pairs (never secrets).

use rusqlite::{params, OptionalExtension};

use super::Db;
use super::Result;

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

/// The value under `key` in the database file at `path`, read without opening it for
/// writing or migrating it (the shell needs some settings before the counter starts).
/// `None` when the file, the table or the key is missing or unreadable.
pub fn peek(path: &std::path::Path, key: &str) -> Option<String> {
    let conn = rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).ok()
}
