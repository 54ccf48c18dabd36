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

/// One thing the app ships and its licence (Settings › About).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Licence {
    /// The crate or npm package, with its version.
    pub name: String,
    /// Its licence (an SPDX expression, as its authors give it).
    pub licence: String,
    /// Where it comes from: `crate` or `npm`.
    pub from: String,
}

impl Licence {
    /// The list `scripts/licences.sh` writes: `# Rust crates`, then `name vX|licence` lines,
    /// `# npm packages`, then the same.
    pub fn parse_list(text: &str) -> Vec<Licence> {
        let mut from = "crate";
        let mut out = Vec::new();
        for line in text.lines() {
            if line.starts_with("# npm") {
                from = "npm";
            } else if let Some((name, licence)) = line.split_once('|') {
                let licence = if licence.trim().is_empty() { "unstated" } else { licence.trim() };
                out.push(Licence { name: name.trim().to_string(), licence: licence.to_string(), from: from.to_string() });
            }
        }
        out
    }
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

/// What the counter window sends the customer display (`display:state`, window to
/// window): the basket and the sale as the customer may see them, amounts as exact decimal
/// strings that the display writes in its own language. No staff or customer names.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct DisplayState {
    /// The shop's name.
    pub shop: String,
    /// The basket's lines.
    pub lines: Vec<DisplayLine>,
    /// The basket's total (a decimal string).
    pub total: String,
    /// The currency the basket is priced in.
    pub currency: Option<String>,
    /// Items in the basket.
    pub items: u32,
    /// The sale on screen, if any.
    pub sale: Option<DisplaySale>,
    /// The language the display speaks (the sale's Klarna page language, else the counter's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub language: Option<String>,
}

/// A basket line on the customer display.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct DisplayLine {
    /// Title (with its subscription plan).
    pub title: String,
    /// Units.
    pub quantity: u32,
    /// The line's amount (a decimal string).
    pub amount: String,
}

/// The sale on the customer display.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ts_rs::TS)]
pub struct DisplaySale {
    /// Sale id.
    pub id: String,
    /// Its state.
    pub state: crate::domain::SaleState,
    /// The QR code to scan, while it can be paid (a PNG `data:` URL, one pixel a module).
    pub qr_image: Option<String>,
    /// The amount (a decimal string).
    pub amount: String,
    /// The store's order number, once paid.
    pub order_number: Option<String>,
    /// When the code stops working (ms).
    pub expires_at: Option<i64>,
    /// Currency.
    pub currency: String,
}
