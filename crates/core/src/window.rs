//! What the window is sent besides the core's own records: its start-up status and the
//! screens it can open the customer display on. Built by the shell; here so that their
//! TypeScript, like every other type the window reads, is generated from Rust
//! ([`crate::bindings`]).

use serde::Serialize;

use crate::counter::StoreStatus;

/// What the window needs at start: the counter, or why there is none.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppStatus {
    /// The store, when the counter started.
    pub store: Option<StoreStatus>,
    /// This counter's id.
    pub counter_id: Option<String>,
    /// The return endpoint's public base URL.
    pub public_url: Option<String>,
    /// The app's version.
    pub version: &'static str,
    /// Why the counter could not start.
    pub startup_error: Option<crate::startup::StartupFailure>,
    /// Whether customers can get back to the counter.
    pub reachability: Option<crate::reachability::Reachability>,
    /// The managed tunnel.
    pub tunnel: Option<crate::tunnel::TunnelState>,
    /// The phone demo's address, when the demo store serves the local network.
    pub lan_demo: Option<String>,
}

/// A screen the customer display can open on.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Screen {
    /// Its index among the screens.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The main screen.
    pub primary: bool,
}
