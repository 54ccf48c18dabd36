//! The local SQLite database. [`Db`] owns the one connection: it opens the file, turns on
//! WAL, foreign keys and a busy timeout, and runs the embedded migrations in a transaction
//! before anything else touches it. Reads and writes go through the per-table modules;
//! a write that spans tables is one transaction.

pub mod catalog;
pub mod sales;
pub mod settings;
pub mod upsells;
pub mod webhook_events;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::Result;

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_initial.sql")),
    M::up(include_str!("migrations/0002_webhooks.sql")),
    M::up(include_str!("migrations/0003_upsells.sql")),
    M::up(include_str!("migrations/0004_catalog_sync.sql")),
    M::up(include_str!("migrations/0005_search_speed.sql")),
];

/// The database.
#[derive(Debug)]
pub struct Db {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl Db {
    /// Open (creating if needed) the database at `path` and migrate it to the latest schema.
    ///
    /// Fails when the file cannot be opened, is not a database, or a migration fails; the
    /// file is left as it was in the last two cases.
    pub fn open(path: &Path) -> Result<Db> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        Ok(Db { conn: Mutex::new(conn), path: path.to_path_buf() })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Milliseconds since the Unix epoch, the database's time format.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(Migrations::from_slice(MIGRATIONS).validate().is_ok(), "embedded migrations must apply to an empty database");
    }

    #[test]
    fn reopening_keeps_data_and_sets_wal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        {
            let db = Db::open(&path).unwrap();
            settings::put(&db, "k", "v").unwrap();
        }
        let db = Db::open(&path).unwrap();
        assert_eq!(settings::get(&db, "k").unwrap().as_deref(), Some("v"), "data must survive a reopen");
        let mode: String = db.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        std::fs::write(&path, b"this is not sqlite, it is a text file that is long enough to matter").unwrap();
        assert!(Db::open(&path).is_err(), "a corrupt file must not silently become an empty history");
    }
}
