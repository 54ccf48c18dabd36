//! Backups of the database: online copies through SQLite's backup API (consistent while the
//! counter keeps selling), one before every schema migration, one a day, the newest
//! [`KEEP`] kept; and a restore that checks the backup first and never deletes the current
//! file (it is kept beside, renamed).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::Db;
use super::{Error, Result};
use crate::domain::words::{plain, text};

/// Backups kept; older ones are deleted.
pub const KEEP: usize = 14;
/// The folder, beside the database.
pub const DIR: &str = "backups";

fn stamp() -> String {
    chrono::Utc::now().format("%Y%m%d-%H%M%S%.3f").to_string()
}

/// The backup folder for the database at `db_path`.
pub fn dir_for(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or_else(|| Path::new(".")).join(DIR)
}

/// Copy the open connection `conn` to a new file in `dir`, named with `label` and the time.
pub(crate) fn copy(conn: &Connection, dir: &Path, label: &str) -> Result<PathBuf> {
    super::private_dir(dir)?;
    let target = dir.join(format!("counterpay-{}-{label}.db", stamp()));
    let mut out = Connection::open(&target)?;
    super::private_file(&target)?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut out)?;
        backup.run_to_completion(256, Duration::from_millis(5), None)?;
    }
    Ok(target)
}

/// Backups in `dir`, newest first.
pub fn list(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("counterpay-") && n.ends_with(".db")))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e.into()),
    };
    files.sort();
    files.reverse();
    Ok(files)
}

/// Delete all but the newest `keep` backups.
pub fn prune(dir: &Path, keep: usize) -> Result<usize> {
    let mut removed = 0;
    for old in list(dir)?.into_iter().skip(keep) {
        std::fs::remove_file(old)?;
        removed += 1;
    }
    Ok(removed)
}

/// Check that `file` is a readable Counterpay database (`PRAGMA integrity_check` says ok).
pub fn verify(file: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Invalid(text!("backup-damaged", file = plain(file.display()), reason = check)));
    }
    let sales: Option<String> =
        conn.query_row("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sales'", [], |r| r.get(0)).ok();
    if sales.is_none() {
        return Err(Error::Invalid(text!("backup-not-ours", file = plain(file.display()))));
    }
    Ok(())
}

/// Put `backup` in place of the database at `db_path` (the app must not be running). The
/// current file, if any, is kept as `counterpay.db.before-restore-<time>`. Returns that path.
///
/// Fails, changing nothing, when the backup is not a sound Counterpay database.
pub fn restore(db_path: &Path, backup: &Path) -> Result<Option<PathBuf>> {
    verify(backup)?;
    let kept = if db_path.exists() {
        let aside = db_path.with_extension(format!("db.before-restore-{}", stamp()));
        std::fs::rename(db_path, &aside)?;
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", db_path.display()));
            if side.exists() {
                std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", aside.display())))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    std::fs::copy(backup, db_path)?;
    Ok(kept)
}

impl Db {
    /// Back up the database now into its backup folder and prune old backups. Returns the
    /// new file.
    pub fn backup(&self, label: &str) -> Result<PathBuf> {
        let dir = dir_for(self.path());
        let file = copy(&self.conn(), &dir, label)?;
        prune(&dir, KEEP)?;
        Ok(file)
    }

    /// Back up if the newest backup is older than `every` (or there is none). Returns the
    /// new file, if one was made.
    pub fn backup_if_due(&self, every: Duration) -> Result<Option<PathBuf>> {
        let newest = list(&dir_for(self.path()))?.into_iter().next();
        let due = match newest.and_then(|p| std::fs::metadata(p).ok()).and_then(|m| m.modified().ok()) {
            Some(at) => at.elapsed().map(|age| age >= every).unwrap_or(true),
            None => true,
        };
        if due {
            self.backup("daily").map(Some)
        } else {
            Ok(None)
        }
    }
}
