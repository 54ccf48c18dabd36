//! Keeping the counter healthy: daily backups, what is still open at closing time, and the
//! support report.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::Counter;
use crate::error::Result;

/// Work whose outcome is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct OpenWork {
    /// Sales being created or awaiting payment (a posted order may be being checked).
    pub sales: usize,
    /// Upsells being charged or of unknown outcome.
    pub upsells: usize,
    /// Refunds and cancels being sent or of unknown outcome.
    pub refunds: usize,
    /// Paid sales not closed at the store yet (the store would ship them after its delay).
    pub closing: usize,
}

impl Counter {
    /// Back up the database once a day (checked now and every hour) until the process ends;
    /// the newest backups are kept beside the database in `backups/`.
    pub fn spawn_daily_backups(&self) {
        let counter = self.clone();
        tokio::spawn(async move {
            loop {
                match counter.db().backup_if_due(Duration::from_secs(24 * 3600)) {
                    Ok(Some(file)) => tracing::info!(backup = %file.display(), "daily backup written"),
                    Ok(None) => {}
                    Err(e) => tracing::error!(error = %e, "daily backup failed; will try again"),
                }
                counter.clock().sleep(Duration::from_secs(3600)).await;
            }
        });
    }

    /// Sales and upsells whose outcome is still open: closing the app now would leave them
    /// to be settled at the next start.
    pub fn open_work(&self) -> Result<OpenWork> {
        use crate::sale::SaleState;
        let sales = crate::db::sales::in_states(self.db(), &[SaleState::Creating, SaleState::AwaitingPayment])?.len();
        let upsells = crate::db::upsells::open(self.db())?.len();
        let refunds = crate::db::refunds::open(self.db())?.len();
        let closing = crate::db::closing::unfinished(self.db())?;
        Ok(OpenWork { sales, upsells, refunds, closing })
    }

    /// A support report: versions, store, settings in force, database figures and the end
    /// of the newest log file in `log_dir`. Never the token, never customer names.
    ///
    /// Fails with [`Error::Locked`] while the counter is locked.
    pub fn diagnostics(&self, app_version: &str, log_dir: Option<&Path>) -> Result<String> {
        use std::fmt::Write as _;
        self.require(crate::db::staff::Role::Cashier, crate::text!("may-copy-diagnostics"))?;
        let mut out = String::new();
        let status = self.store_status();
        let settings = self.settings();
        let _ = writeln!(out, "Counterpay {app_version}, core {}", env!("CARGO_PKG_VERSION"));
        let _ = writeln!(out, "counter: {}", self.counter_id());
        let _ = writeln!(
            out,
            "store: {} ({})",
            if status.demo { "demo store" } else { "real store" },
            status.api_url.as_deref().unwrap_or("not connected")
        );
        let _ = writeln!(out, "token: {:?}", status.token_source);
        let _ = writeln!(out, "store info: {:?}", status.info.map(|i| (i.name, i.currencies, i.timezone)));
        let _ = writeln!(out, "public url: {:?}; listening on: {:?}", self.public_url(), self.listening_on());
        let _ = writeln!(
            out,
            "gateway: {:?}; gateway group: {:?}; timeout: {} s; currency: {:?}",
            settings.payment_gateway, settings.payment_gateway_group, settings.session_timeout_secs, settings.currency
        );
        let size = std::fs::metadata(self.db().path()).map(|m| m.len()).unwrap_or(0);
        let _ = writeln!(out, "database: {} ({size} bytes)", self.db().path().display());
        let _ = writeln!(out, "sales by state: {:?}", crate::db::sales::count_by_state(self.db())?);
        let _ = writeln!(out, "open work: {:?}", self.open_work()?);
        let _ = writeln!(out, "catalog: {} variants cached", crate::db::catalog::count(self.db())?);
        let backups = crate::db::backup::list(&crate::db::backup::dir_for(self.db().path()))?;
        let _ = writeln!(
            out,
            "backups: {} (newest {:?})",
            backups.len(),
            backups.first().and_then(|b| b.file_name()).map(|n| n.to_string_lossy().into_owned())
        );
        if let Some(dir) = log_dir {
            let newest = std::fs::read_dir(dir)
                .ok()
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("counterpay")))
                .max();
            if let Some(file) = newest {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                let lines: Vec<&str> = text.lines().collect();
                let _ = writeln!(out, "\nlast log lines ({}):", file.display());
                for line in &lines[lines.len().saturating_sub(80)..] {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
        Ok(out)
    }
}
