//! "Connect your store": the guided first connection, from the demo store to the first real
//! sale. Four steps, each saved as it passes so the guide can be left and resumed:
//!
//! 1. **The store**: its address and an Admin API token, checked against the store itself
//!    (its name, then every permission scope Counterpay needs) before anything is saved;
//!    the token then goes to the OS keyring.
//! 2. **This counter's location**, one of the store's (`GET /locations/`): what is handed over
//!    here is fulfilled there.
//! 3. **The return address**: a public URL or a managed tunnel, which must answer the
//!    reachability check (the customer's phone comes back through it).
//! 4. **A test sale** of the smallest amount the shop picks: paid with Klarna like any sale,
//!    and cancelled at the store with a full refund as soon as it is paid (never captured,
//!    never fulfilled), by the sale's closing, so a restart in between still refunds it.
//!
//! Which steps are done is read from the settings in force, so a store connected through
//! Settings shows its steps done too.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Counter, API_TIMEOUT};
use crate::admin_api::access::NEEDED_SCOPES;
use crate::admin_api::fulfillment::Location;
use crate::admin_api::models::OrderNumber;
use crate::admin_api::{base_url_for, require_secure, ApiError, Client, StoreInfo};
use crate::db::refunds::{self, RefundState};
use crate::db::sales::SaleRecord;
use crate::db::settings as kv;
use crate::db::staff::Role;
use crate::domain::words::{self, text, Text};
use crate::error::{Error, Result};
use crate::reachability::Reachability;
use crate::sale::{BasketLine, ChargeOptions, SaleState, SaleView};
use crate::secret::{self, ApiToken, TokenSource};
use crate::staff::Actor;
use crate::tunnel::{Tunnel, TunnelState};

const SETUP_KEY: &str = "setup";
/// How many of the cheapest products the test sale offers.
const TEST_CHOICES: usize = 8;
/// How long saving a tunnel waits for it to come up before checking it.
const TUNNEL_WAIT: std::time::Duration = std::time::Duration::from_secs(45);

/// What the guide has kept between steps (the rest is read from the settings).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
struct Progress {
    /// A store was connected through the guide.
    started: bool,
    /// The guide was finished.
    finished: bool,
    /// The public URL that last answered the reachability check from the guide.
    reachable_url: Option<String>,
    /// The test sales started from the guide, oldest first.
    test_sales: Vec<String>,
    /// The shop chose to finish without a test sale.
    test_skipped: bool,
}

/// The step the guide is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SetupStep {
    /// The store's address and token.
    Store,
    /// This counter's location.
    Location,
    /// The return address and its reachability.
    Address,
    /// The test sale.
    TestSale,
    /// Everything is done.
    Done,
}

/// A product the test sale may sell.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TestChoice {
    /// The variant.
    pub variant_id: i64,
    /// Its title.
    pub title: String,
    /// Its catalog price.
    #[ts(type = "string")]
    pub price: Decimal,
}

/// The guide as the window shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SetupView {
    /// The first step not done.
    pub next: SetupStep,
    /// A store was connected through the guide and it is not finished.
    pub active: bool,
    /// The guide was finished.
    pub finished: bool,
    /// The store as saved (`None`: the demo store).
    pub store: Option<String>,
    /// Its Admin API URL.
    pub api_url: Option<String>,
    /// What the store said about itself.
    pub shop: Option<StoreInfo>,
    /// Where its token is kept.
    pub token: TokenSource,
    /// The scopes the token needs.
    pub scopes: Vec<&'static str>,
    /// The store's locations (once it is connected).
    pub locations: Vec<Location>,
    /// Why they could not be read.
    pub locations_problem: Option<String>,
    /// The counter's location.
    pub location_id: Option<i64>,
    /// The public URL setting.
    pub public_url: Option<String>,
    /// The managed tunnel setting (its command hidden).
    pub tunnel: Option<Tunnel>,
    /// The managed tunnel's state.
    pub tunnel_state: TunnelState,
    /// The return address in force.
    pub address: Option<String>,
    /// The last reachability check.
    pub reachability: Reachability,
    /// The return address in force passed the check.
    pub address_ok: bool,
    /// The currency sales are made in, once known.
    pub currency: Option<String>,
    /// The cheapest products, for the test sale.
    pub choices: Vec<TestChoice>,
    /// Variants in the catalog cache (0 while the store's catalog is first read).
    pub catalog_variants: i64,
    /// The last test sale.
    pub test_sale: Option<SaleView>,
    /// What its closing said (cancelled and refunded, or why not), in staff's words.
    pub test_note: Option<String>,
    /// It was paid and refunded in full.
    pub test_done: bool,
    /// The shop finished without a test sale.
    pub test_skipped: bool,
    /// Settings fixed by the environment.
    pub overridden: Vec<&'static str>,
}

/// The store's refusal of the address or token, in plain words and with what to do.
fn refusal(url: &str, e: &ApiError) -> Text {
    match e {
        ApiError::Status { status: 401, message, .. } => text!("setup-token-refused", words = message),
        ApiError::Status { status: 403, .. } => text!("setup-token-lacks", scopes = "store:read"),
        ApiError::Status { status: 404, .. } => text!("setup-no-store-here", url = url),
        ApiError::Status { status, message, .. } => text!("setup-store-refused", status = *status, words = message),
        ApiError::Unreachable(why) => text!("setup-store-unreachable", url = url, reason = why),
        ApiError::Timeout => text!("setup-store-slow", url = url),
        ApiError::Decode { .. } => text!("setup-not-a-store", url = url),
        ApiError::Url(why) => why.clone(),
    }
}

impl Counter {
    fn progress(&self) -> Progress {
        kv::get(self.db(), SETUP_KEY).ok().flatten().and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default()
    }

    fn save_progress(&self, p: &Progress) -> Result<()> {
        Ok(kv::put(self.db(), SETUP_KEY, &serde_json::to_string(p).unwrap_or_default())?)
    }

    /// Record sale `id` as a test sale of the guide (before its payment link exists).
    pub(crate) fn record_test_sale(&self, id: &str) -> Result<()> {
        let mut p = self.progress();
        p.test_sales.push(id.to_string());
        self.save_progress(&p)
    }

    /// Sale `id` is a test sale of the guide: paid, it is cancelled, not closed.
    pub(crate) fn is_test_sale(&self, id: &str) -> bool {
        self.progress().test_sales.iter().any(|t| t == id)
    }

    /// The guide, as it stands. Managers only (with staff set up).
    pub async fn setup_view(&self) -> Result<SetupView> {
        self.require(Role::Manager, text!("may-connect-a-store"))?;
        self.build_setup_view().await
    }

    fn store_done(&self) -> bool {
        !self.is_demo() && super::read(&self.inner.store_info).is_some() && self.store_status().token_source != TokenSource::Missing
    }

    async fn build_setup_view(&self) -> Result<SetupView> {
        let p = self.progress();
        let settings = self.settings();
        let status = self.store_status();
        let store_done = self.store_done();
        // The list is read while the location is to be chosen (the window asks for it when
        // the step is opened again).
        let (locations, locations_problem) = if store_done && settings.location_id.is_none() {
            match self.client()?.locations().await {
                Ok(l) => (l, None),
                Err(e) => (Vec::new(), Some(e.store_words().for_staff())),
            }
        } else {
            (Vec::new(), None)
        };
        let location_done = store_done && settings.location_id.is_some();
        let address = self.public_url();
        let reachability = self.reachability();
        let address_ok = location_done
            && address.is_some()
            && p.reachable_url == address
            && !matches!(&reachability, Reachability::Unreachable { url, .. } if Some(url) == address.as_ref());
        let test_sale = match p.test_sales.last() {
            Some(id) => self.sale(id).ok(),
            None => None,
        };
        let test_done = match &test_sale {
            Some(s) => refunds::for_sale(self.db(), &s.id)?.iter().any(|r| r.state == RefundState::Done),
            None => false,
        };
        let test_note = match &test_sale {
            Some(s) => self.closing_of(&s.id)?.and_then(|c| c.note),
            None => None,
        };
        let currency = match &settings.currency {
            Some(c) => Some(c.clone()),
            None => status.info.as_ref().and_then(|i| i.currencies.first().cloned()),
        };
        let choices = match (&currency, store_done) {
            (Some(c), true) => crate::db::catalog::cheapest(self.db(), c, TEST_CHOICES)?
                .into_iter()
                .filter_map(|v| v.prices.get(c).copied().map(|price| TestChoice { variant_id: v.id, title: v.display_title(), price }))
                .collect(),
            _ => Vec::new(),
        };
        let next = if !store_done {
            SetupStep::Store
        } else if !location_done {
            SetupStep::Location
        } else if !address_ok {
            SetupStep::Address
        } else if !(test_done || p.test_skipped) {
            SetupStep::TestSale
        } else {
            SetupStep::Done
        };
        Ok(SetupView {
            next,
            active: p.started && !p.finished,
            finished: p.finished,
            store: settings.store.clone(),
            api_url: status.api_url.clone().filter(|_| !self.is_demo()),
            shop: status.info.clone().filter(|_| !self.is_demo()),
            token: if self.is_demo() { TokenSource::Missing } else { status.token_source },
            scopes: NEEDED_SCOPES.to_vec(),
            locations,
            locations_problem,
            location_id: settings.location_id,
            public_url: settings.public_url.clone(),
            tunnel: settings.tunnel.clone().map(|t| t.redacted()),
            tunnel_state: self.tunnel_state(),
            address,
            reachability,
            address_ok,
            currency,
            choices,
            catalog_variants: crate::db::catalog::count(self.db())?,
            test_sale,
            test_note,
            test_done,
            test_skipped: p.test_skipped,
            overridden: self.inner.env.overridden(),
        })
    }

    /// Step 1: check `address` and `token` against the store, then save them (the token in
    /// the OS keyring). Without a token, the one kept for that store is checked again.
    ///
    /// Fails, saving nothing, when the address is not a store's, the store is unreachable,
    /// refuses the token or the token lacks a scope (the store's own words, and what to do);
    /// or when the keyring cannot keep the token.
    pub async fn setup_store(&self, address: &str, token: Option<String>) -> Result<SetupView> {
        self.require(Role::Manager, text!("may-connect-a-store"))?;
        let address = address.trim();
        if address.is_empty() {
            return Err(Error::Invalid(text!("setup-store-empty")));
        }
        if self.inner.env.store.is_some() {
            return Err(Error::Invalid(text!("setup-store-fixed")));
        }
        let url = base_url_for(address).map_err(|e| Error::Invalid(text!("field-store", why = e.words())))?;
        require_secure(&url).map_err(|e| Error::Invalid(text!("field-store", why = e.words())))?;
        let typed = token.filter(|t| !t.trim().is_empty());
        let token = match &typed {
            Some(t) => ApiToken::new(t.clone())?,
            None => match secret::load_token(url.as_str(), false) {
                Ok(Some((t, _))) => t,
                _ => return Err(Error::Invalid(text!("setup-token-needed"))),
            },
        };
        let shown = url.to_string();
        let client = Client::new(url.clone(), token, API_TIMEOUT).map_err(Error::Api)?;
        let info = client.store().await.map_err(|e| Error::Invalid(refusal(&shown, &e)))?;
        let access = client.check_access().await.map_err(|e| Error::Invalid(refusal(&shown, &e)))?;
        if !access.missing.is_empty() {
            return Err(Error::Invalid(text!("setup-token-lacks", scopes = access.missing.join(", "))));
        }
        let before = crate::counter::read(&self.inner.settings);
        let same_store = before.store.as_deref().and_then(|s| base_url_for(s).ok()) == Some(url.clone());
        let settings = crate::config::Settings {
            store: Some(address.to_string()),
            // Another store's location ids mean nothing here.
            location_id: if same_store { before.location_id } else { None },
            payment_gateway: if same_store { before.payment_gateway } else { None },
            payment_gateway_group: if same_store { before.payment_gateway_group } else { None },
            upsell_products: if same_store { before.upsell_products.clone() } else { Vec::new() },
            ..before
        };
        self.save_settings(settings, typed).await?;
        let mut p = self.progress();
        p.started = true;
        p.finished = false;
        self.save_progress(&p)?;
        if let Err(e) = self.test_connection().await {
            tracing::warn!(error = %e, "store details not cached after connecting");
        }
        tracing::info!(store = %shown, shop = info.name, "store connected from the guide");
        self.build_setup_view().await
    }

    /// Step 2: this counter stands in the store's location `id`.
    ///
    /// Fails when no store is connected yet or `id` is not one of its locations.
    pub async fn setup_location(&self, id: i64) -> Result<SetupView> {
        self.require(Role::Manager, text!("may-connect-a-store"))?;
        if !self.store_done() {
            return Err(Error::Invalid(text!("setup-store-first")));
        }
        let locations = self.client()?.locations().await?;
        if !locations.iter().any(|l| l.id == id) {
            return Err(Error::Invalid(text!("setup-location-unknown")));
        }
        let settings = crate::config::Settings { location_id: Some(id), ..crate::counter::read(&self.inner.settings) };
        self.save_settings(settings, None).await?;
        self.build_setup_view().await
    }

    /// Step 3: the return address, a `public_url` or a managed `tunnel` (one of them), saved
    /// and checked: a tunnel is waited for until it is up. The view says whether the check
    /// passed and, if not, why.
    ///
    /// Fails on an invalid URL or tunnel, or both at once (nothing saved).
    pub async fn setup_address(&self, public_url: Option<String>, tunnel: Option<Tunnel>) -> Result<SetupView> {
        self.require(Role::Manager, text!("may-connect-a-store"))?;
        if !self.store_done() {
            return Err(Error::Invalid(text!("setup-store-first")));
        }
        let public_url = public_url.map(|u| u.trim().trim_end_matches('/').to_string()).filter(|u| !u.is_empty());
        if public_url.is_none() && tunnel.is_none() && self.inner.env.public_url.is_none() {
            return Err(Error::Invalid(text!("setup-address-needed")));
        }
        let before = crate::counter::read(&self.inner.settings);
        let settings = crate::config::Settings { public_url, tunnel, ..before };
        self.save_settings(settings, None).await?;
        self.setup_check_address().await
    }

    /// Step 3 again: check the return address in force now (waiting for a managed tunnel
    /// to come up first).
    pub async fn setup_check_address(&self) -> Result<SetupView> {
        self.require(Role::Manager, text!("may-connect-a-store"))?;
        if self.settings().tunnel.is_some() && self.settings().public_url.is_none() {
            let deadline = tokio::time::Instant::now() + TUNNEL_WAIT;
            while tokio::time::Instant::now() < deadline {
                match self.tunnel_state() {
                    TunnelState::Up { .. } | TunnelState::Failed { .. } => break,
                    _ => tokio::time::sleep(std::time::Duration::from_millis(200)).await,
                }
            }
        }
        let mut p = self.progress();
        p.reachable_url = match self.check_reachability().await {
            Reachability::Reachable { url, .. } => Some(url),
            _ => None,
        };
        self.save_progress(&p)?;
        self.build_setup_view().await
    }

    /// Step 4: start a test sale of one `variant_id` at `amount` (the smallest the shop
    /// wants to pay), shown as any sale is. Paid, it is cancelled with a full refund.
    /// While one waits for its payment, that one is returned.
    ///
    /// Fails until the earlier steps are done, on an amount that is not a positive price,
    /// or as any sale fails to start.
    pub async fn setup_test_sale(&self, variant_id: i64, amount: Decimal) -> Result<SaleView> {
        self.require(Role::Manager, text!("may-connect-a-store"))?;
        let view = self.build_setup_view().await?;
        if matches!(view.next, SetupStep::Store | SetupStep::Location | SetupStep::Address) {
            return Err(Error::Invalid(text!("setup-steps-first")));
        }
        if let Some(s) = view.test_sale.filter(|s| matches!(s.state, SaleState::Creating | SaleState::AwaitingPayment)) {
            return Ok(s);
        }
        if amount <= Decimal::ZERO {
            return Err(Error::Invalid(text!("setup-test-amount")));
        }
        crate::pricing::check_shape(amount)?;
        let line = BasketLine { price: Some(amount), ..BasketLine::new(variant_id, 1) };
        self.charge_as(&[line], &ChargeOptions::default(), true).await
    }

    /// Finish the guide; without a refunded test sale only when `skip_test`.
    ///
    /// Fails while an earlier step is not done.
    pub async fn setup_finish(&self, skip_test: bool) -> Result<SetupView> {
        let actor = self.require(Role::Manager, text!("may-connect-a-store"))?;
        let view = self.build_setup_view().await?;
        match view.next {
            SetupStep::Store | SetupStep::Location | SetupStep::Address => return Err(Error::Invalid(text!("setup-steps-first"))),
            SetupStep::TestSale if !skip_test => return Err(Error::Invalid(text!("setup-test-first"))),
            _ => {}
        }
        let mut p = self.progress();
        p.finished = true;
        p.test_skipped = p.test_skipped || (skip_test && !view.test_done);
        self.save_progress(&p)?;
        let detail = view.shop.as_ref().map(|s| s.name.clone()).unwrap_or_default();
        crate::db::audit::record(self.db(), &actor.name(), "store.connected", None, None, Some(&detail))?;
        self.build_setup_view().await
    }

    /// Leave the guide and sell on the demo store again: the real store's address, location
    /// and return address are forgotten (its token stays in the keyring for next time).
    pub async fn setup_use_demo(&self) -> Result<SetupView> {
        self.require(Role::Manager, text!("may-connect-a-store"))?;
        let before = crate::counter::read(&self.inner.settings);
        let settings = crate::config::Settings {
            store: None,
            location_id: None,
            public_url: None,
            tunnel: None,
            payment_gateway: None,
            payment_gateway_group: None,
            upsell_products: Vec::new(),
            ..before
        };
        self.save_settings(settings, None).await?;
        self.save_progress(&Progress { test_sales: self.progress().test_sales, ..Progress::default() })?;
        self.build_setup_view().await
    }

    /// The closing of a paid test sale: cancel its order with a full refund (once; a lost
    /// answer is settled first), and say so on the sale.
    pub(crate) async fn close_test_sale(&self, sale: &SaleRecord, number: &OrderNumber) -> Result<()> {
        let id = &sale.id;
        self.settle_refunds_for(number).await?;
        let done = refunds::for_sale(self.db(), id)?;
        if done.iter().any(|r| r.state == RefundState::Done) {
            return self.set_closing(id, "closed", &text!("closing-test-refunded"));
        }
        if done.iter().any(|r| r.state.is_open()) {
            return self.set_closing(id, "attention", &text!("closing-test-unsure"));
        }
        self.set_closing(id, "closing", &text!("closing-test-cancelling"))?;
        let reason = text!("test-sale-reason").render(crate::domain::words::Lang::En);
        match self.cancel_paid(sale, number, &Actor::Counter, &reason).await {
            Ok(r) if r.state == RefundState::Done => self.set_closing(id, "closed", &text!("closing-test-refunded")),
            Ok(r) if r.state.is_open() => self.set_closing(id, "attention", &text!("closing-test-unsure")),
            Ok(r) => {
                let why = words::show_opt(r.reason.as_deref()).unwrap_or_default();
                self.set_closing(id, "attention", &text!("closing-test-refused", words = why))
            }
            Err(e) => {
                let why = match &e {
                    Error::Api(api) => api.store_words(),
                    other => other.words(),
                };
                self.set_closing(id, "attention", &text!("closing-test-refused", words = why))?;
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests;
