//! The events the core emits. One enum, one broadcast channel; the shell keeps them in a
//! [`Mailbox`] that the webview empties, and reacts to them instead of polling the state.

use serde::Serialize;

mod mailbox;
pub use mailbox::{Mailbox, MAILBOX_CAPACITY};

use crate::admin_api::StoreInfo;
use crate::sale::SaleView;

/// Something the UI should show now.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A sale changed state or details.
    SaleUpdated {
        /// The sale as it is now.
        sale: Box<SaleView>,
    },
    /// The store answered `GET /store/`: its name, currencies and timezone.
    StoreConnected {
        /// What the store said.
        info: StoreInfo,
    },
    /// The return endpoint's public URL was checked.
    Reachability {
        /// The outcome.
        reachability: crate::reachability::Reachability,
    },
    /// The managed tunnel changed state.
    Tunnel {
        /// Its state now.
        tunnel: crate::tunnel::TunnelState,
    },
    /// A catalog sync made progress.
    CatalogProgress {
        /// Pages fetched so far.
        pages: usize,
        /// Variants fetched so far.
        variants: usize,
    },
    /// A catalog sync finished.
    CatalogSynced {
        /// Variants now in the cache.
        variants: usize,
    },
    /// A catalog sync failed; the cache is unchanged.
    CatalogSyncFailed {
        /// Why.
        message: String,
    },
    /// A receipt or refund slip was printed, or could not be (the sale goes on either way).
    Receipt {
        /// The sale.
        sale_id: String,
        /// Whether it printed.
        printed: bool,
        /// What staff read: printed, or why not.
        message: String,
    },
    /// The window fell behind and missed events: it reads again what it shows. Sent by the
    /// shell's forwarder, never by the core itself.
    Resync {
        /// How many events were missed.
        missed: u64,
    },
    /// Staff closed the counter window while money is still moving: it asks before closing
    /// (sent by the shell).
    CloseRequested {
        /// What is still open.
        work: crate::counter::OpenWork,
    },
}

impl Event {
    /// The event name in the webview.
    pub fn name(&self) -> &'static str {
        match self {
            Event::SaleUpdated { .. } => "sale:updated",
            Event::StoreConnected { .. } => "store:connected",
            Event::Reachability { .. } => "return:reachability",
            Event::Tunnel { .. } => "return:tunnel",
            Event::CatalogProgress { .. } | Event::CatalogSynced { .. } | Event::CatalogSyncFailed { .. } => "catalog:sync",
            Event::Resync { .. } => "app:resync",
            Event::CloseRequested { .. } => "app:close-requested",
            Event::Receipt { .. } => "receipt:printed",
        }
    }
}

impl crate::Counter {
    /// Tell the window that sale `id` changed (with the sale as it is now).
    pub(crate) fn publish(&self, id: &str) {
        match self.record(id).and_then(|r| self.view(&r, false)) {
            Ok(view) => self.emit(Event::SaleUpdated { sale: Box::new(view) }),
            Err(e) => tracing::error!(sale = id, error = %e, "cannot publish sale"),
        }
    }
}
