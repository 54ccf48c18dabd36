//! The local SQLite database. [`Db`] owns the one connection: it opens the file, turns on
//! WAL, foreign keys and a busy timeout, and runs the embedded migrations in a transaction
//! before anything else touches it. Reads and writes go through the per-table modules;
//! a write that spans tables is one transaction.

pub mod audit;
pub mod backup;
pub mod catalog;
pub mod claims;
pub mod closing;
mod error;
pub mod refunds;
pub mod remote;
pub mod sales;
pub mod settings;
pub mod staff;
mod tokens;
pub mod upsells;
pub mod webhook_events;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::domain::Clock;

pub(crate) use error::{amount, corrupt, opt_amount};
pub use error::{Corrupt, Error, Result};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_initial.sql")),
    M::up(include_str!("migrations/0002_webhooks.sql")),
    M::up(include_str!("migrations/0003_upsells.sql")),
    M::up(include_str!("migrations/0004_catalog_sync.sql")),
    M::up(include_str!("migrations/0005_search_speed.sql")),
    M::up(include_str!("migrations/0006_back_office.sql")),
    M::up(include_str!("migrations/0007_staff.sql")),
    M::up(include_str!("migrations/0008_claims.sql")),
    M::up(include_str!("migrations/0009_closing.sql")),
    M::up(include_str!("migrations/0010_catalog_order.sql")),
    M::up(include_str!("migrations/0011_history_search_prefixes.sql")),
];

/// The database.
#[derive(Debug)]
pub struct Db {
    conn: Mutex<Connection>,
    path: PathBuf,
    clock: Clock,
    tokens: tokens::KnownTokens,
}

impl Db {
    /// Open (creating if needed) the database at `path` and migrate it to the latest schema,
    /// backing it up first when it holds data and a migration is due.
    ///
    /// Fails when the file cannot be opened, is not a database, or a migration fails; the
    /// file is left as it was in the last two cases (migrations run in a transaction).
    pub fn open(path: &Path) -> Result<Db> {
        Db::open_with_clock(path, Clock::system())
    }

    /// [`Db::open`], stamping rows with `clock`'s time (the counter's, which tests move).
    pub fn open_with_clock(path: &Path, clock: Clock) -> Result<Db> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // Room for every statement the counter runs often (16 by default; a sale's return
        // alone runs seven), so none is parsed again per request.
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let migrations = Migrations::from_slice(MIGRATIONS);
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > 0 && (version as usize) < MIGRATIONS.len() {
            let file = backup::copy(&conn, &backup::dir_for(path), &format!("before-migration-v{version}"))?;
            tracing::info!(backup = %file.display(), from = version, to = MIGRATIONS.len(), "backed up before migrating");
        }
        migrations.to_latest(&mut conn)?;
        // The file and its WAL companions: this user only.
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            private_file(Path::new(&name))?;
        }
        let tokens = tokens::KnownTokens::load(&conn)?;
        Ok(Db { conn: Mutex::new(conn), path: path.to_path_buf(), clock, tokens })
    }

    /// Now on the database's clock, in milliseconds since the Unix epoch (its time format).
    pub fn now_ms(&self) -> i64 {
        self.clock.now_ms()
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Create `dir` if needed and make it readable by this user alone (the database, its
/// backups and the logs hold PIN hashes, customers and orders).
///
/// Fails when the folder cannot be created or its permissions set.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Make `file` readable and writable by this user alone, if it exists.
pub fn private_file(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
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
    fn a_database_is_backed_up_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        {
            // A database from an older version of the app: only the first two migrations.
            let mut conn = Connection::open(&path).unwrap();
            Migrations::from_slice(&MIGRATIONS[..2]).to_latest(&mut conn).unwrap();
            conn.execute("INSERT INTO settings(key, value) VALUES ('k', 'old')", []).unwrap();
        }
        let db = Db::open(&path).unwrap();
        let backups = backup::list(&backup::dir_for(&path)).unwrap();
        assert_eq!(backups.len(), 1, "one backup before migrating");
        assert!(backups[0].to_string_lossy().contains("before-migration-v2"));
        let old = Connection::open(&backups[0]).unwrap();
        let v: i64 = old.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 2, "the backup holds the database as it was");
        assert_eq!(settings::get(&db, "k").unwrap().as_deref(), Some("old"), "and the migrated one kept the data");
        drop(db);
        Db::open(&path).unwrap();
        assert_eq!(backup::list(&backup::dir_for(&path)).unwrap().len(), 1, "an up-to-date database is not backed up again");
    }

    #[test]
    fn the_history_search_index_moves_to_longer_prefixes_with_every_sale_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        {
            // The search index as migration 10 left it, holding two sales' documents.
            let mut conn = Connection::open(&path).unwrap();
            Migrations::from_slice(&MIGRATIONS[..10]).to_latest(&mut conn).unwrap();
            conn.execute("INSERT INTO sales_fts(rowid, doc) VALUES (1700000000000001, '10000017 Ada Baker ada.baker@example.com Ceramic Bowl BOWL-7')", [])
                .unwrap();
            conn.execute("INSERT INTO sales_fts(rowid, doc) VALUES (1700000000000002, '10000018 Ben Bakerloo Enamel Mug MUG-11')", [])
                .unwrap();
        }
        let db = Db::open(&path).unwrap();
        let conn = db.conn();
        let sql: String = conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'sales_fts'", [], |r| r.get(0)).unwrap();
        assert!(sql.contains("'2 3 4 5 6 7 8'"), "{sql}");
        let found = |q: &str| -> Vec<i64> {
            let mut stmt = conn.prepare("SELECT rowid FROM sales_fts WHERE sales_fts MATCH ?1 ORDER BY rowid DESC").unwrap();
            stmt.query_map([q], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
        };
        // Every prefix length finds the same sales as before, newest first, and so do longer
        // words, whole words and several words at once.
        assert_eq!(found("\"ba\"*"), [1700000000000002, 1700000000000001]);
        assert_eq!(found("\"bake\"*"), [1700000000000002, 1700000000000001]);
        assert_eq!(found("\"baker\"*"), [1700000000000002, 1700000000000001]);
        assert_eq!(found("\"bakerlo\"*"), [1700000000000002]);
        assert_eq!(found("\"bakerloo\"*"), [1700000000000002]);
        assert_eq!(found("\"baker\""), [1700000000000001]);
        assert_eq!(found("\"ceramic\"* \"bowl\"*"), [1700000000000001]);
        assert_eq!(found("\"1000001\"*"), [1700000000000002, 1700000000000001]);
        assert_eq!(found("\"example\"*"), [1700000000000001]);
        let count: i64 = conn.query_row("SELECT count(*) FROM sales_fts", [], |r| r.get(0)).unwrap();
        assert_eq!(count, 2);
    }

    #[test]
    fn backups_restore_and_prune() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let db = Db::open(&path).unwrap();
        settings::put(&db, "k", "first").unwrap();
        let first = db.backup("manual").unwrap();
        settings::put(&db, "k", "second").unwrap();
        assert!(db.backup_if_due(Duration::from_secs(3600)).unwrap().is_none(), "a fresh backup is recent enough");
        assert!(db.backup_if_due(Duration::ZERO).unwrap().is_some());
        drop(db);

        let kept = backup::restore(&path, &first).unwrap().expect("the current file is kept aside");
        assert!(kept.exists());
        let restored = Db::open(&path).unwrap();
        assert_eq!(settings::get(&restored, "k").unwrap().as_deref(), Some("first"), "the backup's data is back");
        let aside = Connection::open(&kept).unwrap();
        let v: String = aside.query_row("SELECT value FROM settings WHERE key = 'k'", [], |r| r.get(0)).unwrap();
        assert_eq!(v, "second", "and nothing was lost: the replaced file still holds the newer data");

        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"not a database at all, but long enough to look like one maybe").unwrap();
        assert!(backup::restore(&path, &junk).is_err(), "a damaged backup is refused");
        assert_eq!(settings::get(&restored, "k").unwrap().as_deref(), Some("first"), "and changes nothing");

        for _ in 0..(backup::KEEP + 3) {
            restored.backup("manual").unwrap();
        }
        assert_eq!(backup::list(&backup::dir_for(&path)).unwrap().len(), backup::KEEP, "only the newest are kept");
    }

    #[test]
    fn a_file_that_is_not_a_database_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        std::fs::write(&path, b"this is not sqlite, it is a text file that is long enough to matter").unwrap();
        assert!(Db::open(&path).is_err(), "a corrupt file must not silently become an empty history");
    }
}
