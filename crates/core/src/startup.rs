//! When the counter cannot start (a database that will not open or migrate): what the
//! window shows instead, and the one thing it may do then: put a listed backup in place.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};

/// Why the counter could not start, with the database's backups to restore from.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StartupFailure {
    /// What went wrong, for staff.
    pub message: String,
    /// The database file.
    #[ts(type = "string")]
    pub database: PathBuf,
    /// Its backups, newest first.
    #[ts(type = "Array<string>")]
    pub backups: Vec<PathBuf>,
}

impl StartupFailure {
    /// The failure `error` of the counter in `data_dir`, with the backups found beside its database.
    pub fn new(error: &dyn std::fmt::Display, data_dir: &Path) -> StartupFailure {
        let database = data_dir.join("counterpay.db");
        let backups = crate::db::backup::list(&crate::db::backup::dir_for(&database)).unwrap_or_default();
        StartupFailure { message: error.to_string(), database, backups }
    }

    /// Put `backup` in place of the database (the current file is kept beside it) and say so
    /// in staff's words. Counterpay must then be restarted.
    ///
    /// Fails when `backup` is not one of the listed backups (nothing else may be written over
    /// the database), or it is damaged.
    pub fn restore(&self, backup: &str) -> Result<String> {
        let chosen = PathBuf::from(backup);
        if !self.backups.contains(&chosen) {
            return Err(Error::Invalid(crate::text!("restore-choose")));
        }
        Ok(match crate::db::backup::restore(&self.database, &chosen)? {
            Some(old) => crate::text!("restored-kept", file = crate::domain::words::plain(old.display())).for_staff(),
            None => crate::text!("restored").for_staff(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_listed_backup_is_put_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::db::Db::open(&dir.path().join("counterpay.db")).unwrap();
        crate::db::settings::put(&db, "k", "backed up").unwrap();
        db.backup("manual").unwrap();
        crate::db::settings::put(&db, "k", "newer").unwrap();
        drop(db);
        let failure = StartupFailure::new(&"the database is locked", dir.path());
        assert_eq!(failure.backups.len(), 1);

        let elsewhere = dir.path().join("other.db");
        std::fs::copy(&failure.backups[0], &elsewhere).unwrap();
        let e = failure.restore(elsewhere.to_str().unwrap()).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::InvalidInput, "a file not in the list is refused: {e}");

        let said = failure.restore(failure.backups[0].to_str().unwrap()).unwrap();
        assert!(said.starts_with("Restored."), "{said}");
        let db = crate::db::Db::open(&failure.database).unwrap();
        assert_eq!(crate::db::settings::get(&db, "k").unwrap().as_deref(), Some("backed up"));
    }
}
