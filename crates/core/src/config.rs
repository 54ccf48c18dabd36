//! Settings: what staff set in the Settings view, persisted in the `settings` table (never
//! the token), with every field overridable from the environment for headless use and
//! tests. The effective settings are the stored ones with the environment applied.

use std::net::SocketAddr;

use serde::{Deserialize, Serialize};

use crate::admin_api::base_url_for;
use crate::domain::words::{plain, text};
use crate::error::{Error, Result};

/// `COUNTERPAY_ADMIN_API_URL`: the store (subdomain or full Admin API URL).
pub const ENV_API_URL: &str = "COUNTERPAY_ADMIN_API_URL";
/// `COUNTERPAY_PUBLIC_URL`: the public base URL of the return endpoint.
pub const ENV_PUBLIC_URL: &str = "COUNTERPAY_PUBLIC_URL";
/// `COUNTERPAY_LISTEN`: the return endpoint's listen address.
pub const ENV_LISTEN: &str = "COUNTERPAY_LISTEN";
/// `COUNTERPAY_DATA_DIR`: where the database lives.
pub const ENV_DATA_DIR: &str = "COUNTERPAY_DATA_DIR";
/// `COUNTERPAY_SESSION_TIMEOUT`: seconds a payment link is waited for.
pub const ENV_TIMEOUT: &str = "COUNTERPAY_SESSION_TIMEOUT";
/// Requests a second the configured store's Admin API allows (a store with a higher limit
/// than the API's usual 4).
pub const ENV_API_RATE_LIMIT: &str = "COUNTERPAY_API_RATE_LIMIT";

/// The default listen address: loopback only; a tunnel forwards to it.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8787";

/// Staff-editable settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
#[serde(default)]
pub struct Settings {
    /// The store: a subdomain (`myshop`) or a full Admin API URL. `None` = the demo store.
    pub store: Option<String>,
    /// Pin Klarna sales to this payment gateway.
    pub payment_gateway: Option<i64>,
    /// Pin Klarna sales to this gateway group.
    pub payment_gateway_group: Option<i64>,
    /// The return endpoint's public base URL (a tunnel). `None` = the local listener.
    pub public_url: Option<String>,
    /// The return endpoint's listen address.
    pub listen: String,
    /// Seconds a payment link is waited for before the sale expires.
    pub session_timeout_secs: u64,
    /// Sell in this currency; `None` = the store's first currency.
    pub currency: Option<String>,
    /// Product ids staff always offer as upsells after a paid sale.
    pub upsell_products: Vec<i64>,
    /// A tunnel program Counterpay starts, watches and stops; its URL is the public URL.
    pub tunnel: Option<crate::tunnel::Tunnel>,
    /// Seconds without activity after which a signed-in staff member is signed out.
    pub idle_lock_secs: u64,
    /// Demo store only: serve the payment page and the return endpoint on this computer's
    /// network address, so a phone on the same Wi-Fi can pay. Takes effect at the next start.
    pub lan_demo: bool,
    /// The largest discount below the catalog price a cashier may give without a manager's
    /// PIN, in percent (0: every discount needs a manager).
    pub max_cashier_discount_percent: u32,
    /// The store's fulfillment location this counter stands in (`GET /locations/`): what is
    /// handed over here is fulfilled there. Required to sell with a real store; the demo
    /// store's "Shop" when not set.
    pub location_id: Option<i64>,
    /// Whether the store e-mails its own receipt to the customer (`send_receipt`).
    pub send_receipt: bool,
    /// The language of Klarna's payment page unless staff pick another for a sale.
    pub payment_language: String,
    /// The receipt printer: `host[:port]` on the network (raw TCP; port 9100 unless given)
    /// or a USB printer's device (`/dev/usb/lp0`). `None`: no printer.
    pub printer: Option<String>,
    /// The printer's paper width in mm: 58 or 80.
    pub paper_mm: u16,
    /// Print the receipt as soon as a sale is paid (and a slip after each refund); else
    /// only when staff press Print.
    pub print_automatically: bool,
}

/// The languages Klarna's payment page speaks (`PaymentDetail.language`), with their names.
pub const PAYMENT_LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("de", "Deutsch"),
    ("sv", "Svenska"),
    ("no", "Norsk"),
    ("da", "Dansk"),
    ("fi", "Suomi"),
    ("nl", "Nederlands"),
    ("fr", "Français"),
    ("it", "Italiano"),
    ("es", "Español"),
    ("pt", "Português"),
    ("th", "ภาษาไทย"),
];

impl Default for Settings {
    fn default() -> Self {
        Settings {
            store: None,
            payment_gateway: None,
            payment_gateway_group: None,
            public_url: None,
            listen: DEFAULT_LISTEN.into(),
            session_timeout_secs: 600,
            currency: None,
            upsell_products: Vec::new(),
            tunnel: None,
            lan_demo: false,
            idle_lock_secs: 300,
            max_cashier_discount_percent: 0,
            location_id: None,
            send_receipt: true,
            payment_language: "en".into(),
            printer: None,
            paper_mm: 80,
            print_automatically: true,
        }
    }
}

/// Values read from the environment; each one wins over the stored setting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvOverrides {
    /// `COUNTERPAY_ADMIN_API_URL`.
    pub store: Option<String>,
    /// `COUNTERPAY_PUBLIC_URL`.
    pub public_url: Option<String>,
    /// `COUNTERPAY_LISTEN`.
    pub listen: Option<String>,
    /// `COUNTERPAY_SESSION_TIMEOUT`.
    pub session_timeout_secs: Option<u64>,
    /// `COUNTERPAY_API_RATE_LIMIT` (1 to 1,000; anything else is ignored).
    pub api_rate_limit: Option<u32>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// A store's requests a second, as `COUNTERPAY_API_RATE_LIMIT` gives it: 1 to 1,000.
fn rate_limit(v: &str) -> Option<u32> {
    v.trim().parse().ok().filter(|n| (1..=1000).contains(n))
}

impl EnvOverrides {
    /// Read the `COUNTERPAY_*` variables.
    pub fn from_env() -> EnvOverrides {
        EnvOverrides {
            store: env(ENV_API_URL),
            public_url: env(ENV_PUBLIC_URL),
            listen: env(ENV_LISTEN),
            session_timeout_secs: env(ENV_TIMEOUT).and_then(|v| v.parse().ok()),
            api_rate_limit: env(ENV_API_RATE_LIMIT).and_then(|v| rate_limit(&v)),
        }
    }

    /// The names of the settings the environment fixes (the UI shows them read-only).
    pub fn overridden(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.store.is_some() {
            out.push("store");
        }
        if self.public_url.is_some() {
            out.push("public_url");
        }
        if self.listen.is_some() {
            out.push("listen");
        }
        if self.session_timeout_secs.is_some() {
            out.push("session_timeout_secs");
        }
        out
    }

    /// `settings` with the environment applied.
    pub fn apply(&self, settings: &Settings) -> Settings {
        let mut s = settings.clone();
        if let Some(v) = &self.store {
            s.store = Some(v.clone());
        }
        if let Some(v) = &self.public_url {
            s.public_url = Some(v.clone());
        }
        if let Some(v) = &self.listen {
            s.listen = v.clone();
        }
        if let Some(v) = self.session_timeout_secs {
            s.session_timeout_secs = v;
        }
        s
    }
}

impl Settings {
    /// Check every field; the error names the field and what is wrong.
    pub fn validate(&self) -> Result<()> {
        if let Some(store) = &self.store {
            let url = base_url_for(store).map_err(|e| Error::Invalid(text!("field-store", why = e.words())))?;
            crate::admin_api::require_secure(&url).map_err(|e| Error::Invalid(text!("field-store", why = e.words())))?;
        }
        if let Some(url) = &self.public_url {
            let parsed = url::Url::parse(url).map_err(|e| Error::Invalid(text!("field-public-url", url = url, reason = plain(e))))?;
            if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
                return Err(Error::Invalid(text!("field-public-url-http", url = url)));
            }
        }
        self.listen.parse::<SocketAddr>().map_err(|_| Error::Invalid(text!("field-listen", address = &self.listen)))?;
        if !(30..=86_400).contains(&self.session_timeout_secs) {
            return Err(Error::Invalid(text!("field-session-timeout")));
        }
        if let Some(c) = &self.currency {
            if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
                return Err(Error::Invalid(text!("field-currency", currency = c)));
            }
        }
        if !(30..=86_400).contains(&self.idle_lock_secs) {
            return Err(Error::Invalid(text!("field-idle-lock")));
        }
        if let Some(t) = &self.tunnel {
            t.validate()?;
            if self.public_url.is_some() {
                return Err(Error::Invalid(text!("field-url-or-tunnel")));
            }
        }
        if !PAYMENT_LANGUAGES.iter().any(|(code, _)| *code == self.payment_language) {
            return Err(Error::Invalid(text!("field-payment-language", language = &self.payment_language)));
        }
        if self.location_id.is_some_and(|id| id <= 0) {
            return Err(Error::Invalid(text!("field-location")));
        }
        if self.max_cashier_discount_percent > 100 {
            return Err(Error::Invalid(text!("field-discount")));
        }
        if !matches!(self.paper_mm, 58 | 80) {
            return Err(Error::Invalid(text!("field-paper")));
        }
        if let Some(p) = self.printer.as_deref().filter(|p| !p.trim().is_empty()) {
            crate::receipt::printer::Target::parse(p).map_err(|why| Error::Invalid(text!("field-printer", why = why)))?;
        }
        for (name, v) in [(text!("field-gateway"), self.payment_gateway), (text!("field-gateway-group"), self.payment_gateway_group)] {
            if v.is_some_and(|id| id <= 0) {
                return Err(Error::Invalid(text!("field-positive-id", field = name)));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stores_rate_limit_is_a_whole_number_from_1_to_1000() {
        assert_eq!(rate_limit("8"), Some(8));
        assert_eq!(rate_limit(" 200 "), Some(200));
        assert_eq!(rate_limit("1000"), Some(1000));
        for bad in ["0", "1001", "-4", "4.5", "fast", ""] {
            assert_eq!(rate_limit(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn environment_wins_over_stored_settings() {
        let env = EnvOverrides { public_url: Some("https://t.example".into()), listen: Some("127.0.0.1:0".into()), ..Default::default() };
        let s = env.apply(&Settings::default());
        assert_eq!(s.public_url.as_deref(), Some("https://t.example"));
        assert_eq!(s.listen, "127.0.0.1:0");
        assert_eq!(env.overridden(), vec!["public_url", "listen"]);
    }

    #[test]
    fn validation_names_the_bad_field() {
        let bad = Settings { public_url: Some("not a url".into()), ..Default::default() };
        assert!(bad.validate().unwrap_err().to_string().contains("Public URL"));
        let bad = Settings { listen: "everywhere".into(), ..Default::default() };
        assert!(bad.validate().unwrap_err().to_string().contains("Listen"));
        let bad = Settings { session_timeout_secs: 5, ..Default::default() };
        assert!(bad.validate().is_err(), "a 5 s timeout cannot give a customer time to pay");
        assert!(Settings::default().validate().is_ok());
    }
}
