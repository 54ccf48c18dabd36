//! [`Counter`]: one shop counter. It owns the database, the settings, the Admin API client
//! for the configured store (or the demo store), the event channel and the background
//! tasks (expiry timers, verification retries, catalog sync). The desktop shell, the
//! return endpoint and the tests all call the same methods on it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::broadcast;

use crate::admin_api::{base_url_for, Client, StoreInfo};
use crate::config::{EnvOverrides, Settings};
use crate::db::{settings as kv, Db};
use crate::domain::words::text;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::secret::{self, ApiToken, TokenSource};

mod settings;
mod setup;
mod upkeep;

pub use settings::SettingsView;
pub use setup::{SetupStep, SetupView, TestChoice};
pub use upkeep::OpenWork;

const SETTINGS_KEY: &str = "settings";
const STORE_INFO_KEY: &str = "store_info";
const COUNTER_ID_KEY: &str = "counter_id";
/// Per-request timeout for Admin API calls.
pub const API_TIMEOUT: Duration = Duration::from_secs(20);

/// The embedded demo store the shell started: used whenever no real store is configured.
#[derive(Debug, Clone)]
pub struct DemoStore {
    /// Its Admin API base URL.
    pub api_url: String,
    /// Its token.
    pub token: ApiToken,
    /// The requests a second it allows.
    pub rate_limit: u32,
}

/// How to open a counter.
#[derive(Debug, Clone)]
pub struct Options {
    /// Directory for the database (created if missing).
    pub data_dir: PathBuf,
    /// The demo store, if one is running.
    pub demo: Option<DemoStore>,
    /// Environment overrides.
    pub env: EnvOverrides,
    /// Per-request timeout for Admin API calls.
    pub api_timeout: Duration,
    /// The counter's clock: the system's, or one a test moves.
    pub clock: crate::domain::Clock,
}

impl Options {
    /// Options with the environment read and the default timeout.
    pub fn new(data_dir: impl Into<PathBuf>, demo: Option<DemoStore>) -> Options {
        Options { data_dir: data_dir.into(), demo, env: EnvOverrides::from_env(), api_timeout: API_TIMEOUT, clock: Default::default() }
    }
}

/// Which store the counter talks to, for the UI.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct StoreStatus {
    /// True when it is the embedded demo store.
    pub demo: bool,
    /// The Admin API base URL.
    pub api_url: Option<String>,
    /// Where the token came from.
    pub token_source: TokenSource,
    /// Cached `GET /store/` answer.
    pub info: Option<StoreInfo>,
}

/// The Admin API URL, its token and where that came from, and the rate it allows.
type ApiTarget = (String, Option<(ApiToken, TokenSource)>, u32);

pub(crate) struct Inner {
    pub(crate) db: Db,
    pub(crate) clock: crate::domain::Clock,
    pub(crate) events: broadcast::Sender<Event>,
    pub(crate) demo: Option<DemoStore>,
    pub(crate) env: EnvOverrides,
    pub(crate) api_timeout: Duration,
    pub(crate) settings: RwLock<Settings>,
    pub(crate) client: RwLock<Option<(Client, TokenSource)>>,
    pub(crate) store_info: RwLock<Option<StoreInfo>>,
    pub(crate) listening_on: RwLock<Option<SocketAddr>>,
    pub(crate) webhook_secret: RwLock<Option<crate::webhooks::WebhookSecret>>,
    pub(crate) reachability: RwLock<crate::reachability::Reachability>,
    pub(crate) tunnel: RwLock<crate::tunnel::TunnelState>,
    pub(crate) session: RwLock<Option<crate::staff::Session>>,
    pub(crate) tunnel_supervisor: tokio::sync::Mutex<Option<crate::tunnel::Supervisor>>,
    pub(crate) counter_id: String,
    /// (sale, order number) pairs being checked with the store right now.
    pub(crate) claims_in_flight: std::sync::Mutex<std::collections::HashSet<(String, String)>>,
    /// Sales being closed at the store right now.
    pub(crate) closing_in_flight: std::sync::Mutex<std::collections::HashSet<String>>,
    /// Sales to close once more when their running closing ends.
    pub(crate) closing_rerun: std::sync::Mutex<std::collections::HashSet<String>>,
    /// This counter's fulfillment location, once read from the store.
    pub(crate) location: RwLock<Option<crate::admin_api::fulfillment::Location>>,
}

/// One counter. Cheap to clone; clones share everything.
#[derive(Clone)]
pub struct Counter {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Counter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counter").field("counter_id", &self.inner.counter_id).finish_non_exhaustive()
    }
}

pub(crate) fn read<T: Clone>(l: &RwLock<T>) -> T {
    l.read().unwrap_or_else(|e| e.into_inner()).clone()
}

pub(crate) fn write<T>(l: &RwLock<T>, v: T) {
    *l.write().unwrap_or_else(|e| e.into_inner()) = v;
}

impl Counter {
    /// Open the counter's database in `options.data_dir` and connect to the configured store.
    ///
    /// Fails when the database cannot be opened or migrated. A missing token is not an
    /// error here: the counter opens, and selling says what to set.
    pub fn open(options: Options) -> Result<Counter> {
        crate::db::private_dir(&options.data_dir)?;
        let db = Db::open_with_clock(&options.data_dir.join("counterpay.db"), options.clock.clone())?;
        let settings: Settings = kv::get(&db, SETTINGS_KEY)?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
        let store_info = kv::get(&db, STORE_INFO_KEY)?.and_then(|s| serde_json::from_str(&s).ok());
        let counter_id = match kv::get(&db, COUNTER_ID_KEY)? {
            Some(id) => id,
            None => {
                let id = format!("counter-{}", &crate::sale::random_token()[..8].to_lowercase());
                kv::put(&db, COUNTER_ID_KEY, &id)?;
                id
            }
        };
        let (events, _) = broadcast::channel(256);
        let counter = Counter {
            inner: Arc::new(Inner {
                db,
                clock: options.clock,
                events,
                demo: options.demo,
                env: options.env,
                api_timeout: options.api_timeout,
                settings: RwLock::new(settings),
                client: RwLock::new(None),
                store_info: RwLock::new(store_info),
                listening_on: RwLock::new(None),
                webhook_secret: RwLock::new(None),
                reachability: RwLock::new(crate::reachability::Reachability::Unchecked),
                tunnel: RwLock::new(crate::tunnel::TunnelState::Off),
                session: RwLock::new(None),
                tunnel_supervisor: tokio::sync::Mutex::new(None),
                counter_id,
                claims_in_flight: std::sync::Mutex::new(std::collections::HashSet::new()),
                closing_in_flight: std::sync::Mutex::new(std::collections::HashSet::new()),
                closing_rerun: std::sync::Mutex::new(std::collections::HashSet::new()),
                location: RwLock::new(None),
            }),
        };
        if let Err(e) = counter.connect() {
            tracing::warn!(error = %e, "store not connected");
        }
        Ok(counter)
    }

    /// The stored settings in `data_dir`, read without opening the counter (the shell needs
    /// some before it starts the demo store). `None` when there are none or they cannot be read.
    pub fn peek_settings(data_dir: &Path) -> Option<Settings> {
        let text = kv::peek(&data_dir.join("counterpay.db"), SETTINGS_KEY)?;
        serde_json::from_str(&text).ok()
    }

    /// The database.
    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    /// The counter's clock (tests move it instead of sleeping).
    pub fn clock(&self) -> &crate::domain::Clock {
        &self.inner.clock
    }

    /// Now on the counter's clock, in milliseconds since the Unix epoch.
    pub fn now_ms(&self) -> i64 {
        self.inner.clock.now_ms()
    }

    /// This counter's id.
    pub fn counter_id(&self) -> &str {
        &self.inner.counter_id
    }

    /// Subscribe to the core's events.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.inner.events.subscribe()
    }

    pub(crate) fn emit(&self, event: Event) {
        // No subscriber is fine (headless, tests that do not listen).
        let _ = self.inner.events.send(event);
    }

    /// The settings in force (stored, with the environment applied).
    pub fn settings(&self) -> Settings {
        self.inner.env.apply(&read(&self.inner.settings))
    }

    /// The Admin API URL in force and its token, if any; `None` when no store is set and no
    /// demo store runs.
    fn api_target(&self) -> Result<Option<ApiTarget>> {
        match self.settings().store {
            Some(store) => {
                let url = base_url_for(&store).map_err(|e| Error::Invalid(e.words()))?;
                crate::admin_api::require_secure(&url).map_err(|e| Error::Invalid(e.words()))?;
                // The environment's token only ever goes to the environment's store.
                let env_url = self.inner.env.store.as_deref().and_then(|s| base_url_for(s).ok());
                let token = secret::load_token(url.as_str(), env_url.as_ref() == Some(&url))?;
                let rate = self.inner.env.api_rate_limit.unwrap_or(crate::admin_api::DEFAULT_RATE_LIMIT);
                Ok(Some((url.to_string(), token, rate)))
            }
            None => {
                Ok(self.inner.demo.as_ref().map(|d| (d.api_url.clone(), Some((d.token.clone(), TokenSource::Environment)), d.rate_limit)))
            }
        }
    }

    /// (Re)build the Admin API client from the settings in force.
    fn connect(&self) -> Result<()> {
        write(&self.inner.client, None);
        let Some((url, token, rate)) = self.api_target()? else {
            return Err(Error::NotConfigured(text!("no-store")));
        };
        let Some((token, source)) = token else {
            return Err(Error::NotConfigured(text!("no-token")));
        };
        let base = base_url_for(&url).map_err(|e| Error::Invalid(e.words()))?;
        let client = Client::new(base, token, self.inner.api_timeout)
            .map_err(Error::Api)?
            .with_rate_limit(rate)
            .with_clock(self.inner.clock.clone());
        if !self.is_demo() {
            write(&self.inner.webhook_secret, secret::load_webhook_secret(client.base_url().as_str()));
        }
        write(&self.inner.client, Some((client, source)));
        Ok(())
    }

    /// The Admin API client, or why there is none.
    pub fn client(&self) -> Result<Client> {
        if let Some((c, _)) = read(&self.inner.client) {
            return Ok(c);
        }
        self.connect()?;
        read(&self.inner.client).map(|(c, _)| c).ok_or_else(|| Error::NotConfigured(text!("not-connected")))
    }

    /// True when selling against the embedded demo store.
    pub fn is_demo(&self) -> bool {
        self.settings().store.is_none()
    }

    /// The store in use, for the UI.
    pub fn store_status(&self) -> StoreStatus {
        let client = read(&self.inner.client);
        StoreStatus {
            demo: self.is_demo(),
            api_url: client.as_ref().map(|(c, _)| c.base_url().to_string()),
            token_source: client.map(|(_, s)| s).unwrap_or(TokenSource::Missing),
            info: read(&self.inner.store_info),
        }
    }

    /// The shop's name for customer pages.
    pub fn shop_name(&self) -> String {
        read(&self.inner.store_info).map(|i| i.name).unwrap_or_else(|| text!("the-shop").render(crate::return_endpoint::texts::current()))
    }

    /// The currency sales are made in: the setting, else the store's first currency.
    pub async fn currency(&self) -> Result<String> {
        if let Some(c) = self.settings().currency {
            return Ok(c);
        }
        if let Some(c) = read(&self.inner.store_info).and_then(|i| i.currencies.first().cloned()) {
            return Ok(c);
        }
        let info = self.test_connection().await?;
        info.currencies.first().cloned().ok_or_else(|| Error::NotConfigured(text!("no-currency")))
    }

    /// Record the address the return endpoint is bound to.
    pub fn set_listening_on(&self, addr: SocketAddr) {
        write(&self.inner.listening_on, Some(addr));
    }

    /// The address the return endpoint is bound to, once started.
    pub fn listening_on(&self) -> Option<SocketAddr> {
        read(&self.inner.listening_on)
    }

    /// The public base URL for return links: the setting; else the managed tunnel's URL
    /// (`None` while it is not up); else the local listener.
    pub fn public_url(&self) -> Option<String> {
        // Asked on every request the endpoint answers: read in place, not a copy of the
        // settings (the environment's URL wins, as in [`Counter::settings`]).
        let (url, tunnel) = {
            let stored = self.inner.settings.read().unwrap_or_else(|e| e.into_inner());
            (self.inner.env.public_url.clone().or_else(|| stored.public_url.clone()), stored.tunnel.is_some())
        };
        if let Some(url) = url {
            return Some(url.trim_end_matches('/').to_string());
        }
        if tunnel {
            return self.tunnel_url();
        }
        read(&self.inner.listening_on).map(|a| format!("http://{a}"))
    }

    /// The managed tunnel is cloudflared (whose `CF-Connecting-IP` names the client).
    pub(crate) fn behind_cloudflared(&self) -> bool {
        matches!(self.inner.settings.read().unwrap_or_else(|e| e.into_inner()).tunnel, Some(crate::tunnel::Tunnel::Cloudflared))
    }

    /// The data directory's database path.
    pub fn database_path(&self) -> &Path {
        self.inner.db.path()
    }
}
