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
use crate::error::{Error, Result};
use crate::events::Event;
use crate::secret::{self, ApiToken, TokenSource};

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
#[derive(Debug, Clone, Serialize)]
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

/// Work whose outcome is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// Settings plus what the UI needs to show them honestly.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    /// The stored settings (the environment not applied).
    pub stored: Settings,
    /// The settings in force.
    pub effective: Settings,
    /// Fields fixed by the environment.
    pub overridden: Vec<&'static str>,
    /// The store in use.
    pub store: StoreStatus,
    /// This counter's id (in every order's tags and metadata).
    pub counter_id: String,
    /// The return endpoint's public base URL in force.
    pub public_url: Option<String>,
    /// The address the return endpoint listens on, once started.
    pub listening_on: Option<String>,
    /// The database file.
    pub database: String,
    /// Why the store's webhooks cannot reach this counter, if they cannot (reconciliation
    /// then finds payments instead).
    pub webhook_note: Option<String>,
    /// Whether the store kept Counterpay's marks on the last paid order, when it did not.
    pub correlation_note: Option<String>,
    /// The languages Klarna's payment page speaks, `(code, name)`.
    pub payment_languages: Vec<(&'static str, &'static str)>,
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
                let url = base_url_for(&store).map_err(|e| Error::Invalid(e.to_string()))?;
                crate::admin_api::require_secure(&url).map_err(|e| Error::Invalid(e.to_string()))?;
                // The environment's token only ever goes to the environment's store.
                let env_url = self.inner.env.store.as_deref().and_then(|s| base_url_for(s).ok());
                let token = secret::load_token(url.as_str(), env_url.as_ref() == Some(&url))?;
                Ok(Some((url.to_string(), token, crate::admin_api::DEFAULT_RATE_LIMIT)))
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
            return Err(Error::NotConfigured("No store is configured. Open Settings and enter your store.".into()));
        };
        let Some((token, source)) = token else {
            return Err(Error::NotConfigured("No API token for this store. Enter it in Settings, or set COUNTERPAY_API_TOKEN.".into()));
        };
        let base = base_url_for(&url).map_err(|e| Error::Invalid(e.to_string()))?;
        let client = Client::new(base, token, self.inner.api_timeout).map_err(Error::Api)?.with_rate_limit(rate);
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
        read(&self.inner.client).map(|(c, _)| c).ok_or_else(|| Error::NotConfigured("No store is connected.".into()))
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

    /// Settings and status for the Settings view.
    ///
    /// Fails with [`Error::Locked`] while the counter is locked. A tunnel command (which may
    /// hold the tunnel service's token) is never shown.
    pub fn settings_view(&self) -> Result<SettingsView> {
        self.require(crate::db::staff::Role::Cashier, "see the settings")?;
        let hide = |mut s: Settings| {
            s.tunnel = s.tunnel.map(|t| t.redacted());
            s
        };
        let public = self.public_url();
        let webhook_note = match &public {
            Some(url) if !self.is_demo() && !url.starts_with("https://") => Some(format!(
                "The store delivers webhooks only to https addresses, so none is registered for {url}; payments are still found by checking the store every minute."
            )),
            _ => None,
        };
        Ok(SettingsView {
            webhook_note,
            correlation_note: self.correlation_note(),
            payment_languages: crate::config::PAYMENT_LANGUAGES.to_vec(),
            stored: hide(read(&self.inner.settings)),
            effective: hide(self.settings()),
            overridden: self.inner.env.overridden(),
            store: self.store_status(),
            counter_id: self.inner.counter_id.clone(),
            public_url: self.public_url(),
            listening_on: read(&self.inner.listening_on).map(|a| a.to_string()),
            database: self.inner.db.path().display().to_string(),
        })
    }

    /// Validate and save `settings`; with `token`, store it in the OS keyring for the
    /// configured store. Reconnects to the store. The listen address takes effect at the
    /// next start.
    ///
    /// Fails on an invalid field (nothing is saved) or when the keyring is unavailable.
    /// Registers the webhook for the new settings in the background.
    pub async fn save_settings(&self, mut settings: Settings, token: Option<String>) -> Result<SettingsView> {
        let actor = self.require(crate::db::staff::Role::Manager, "change settings")?;
        let before = read(&self.inner.settings);
        // The window only ever saw the hidden form of a saved tunnel command: keep the command.
        if let Some(crate::tunnel::Tunnel::Command { command }) = &settings.tunnel {
            if command == crate::tunnel::HIDDEN_COMMAND {
                settings.tunnel = before.tunnel.clone().filter(|t| matches!(t, crate::tunnel::Tunnel::Command { .. }));
            }
        }
        settings.validate()?;
        let token_note = if token.as_deref().is_some_and(|t| !t.trim().is_empty()) { Some("API token replaced") } else { None };
        let effective = self.inner.env.apply(&settings);
        if let Some(token) = token.filter(|t| !t.trim().is_empty()) {
            let Some(store) = &effective.store else {
                return Err(Error::Invalid("Enter the store before its API token.".into()));
            };
            let url = base_url_for(store).map_err(|e| Error::Invalid(e.to_string()))?;
            secret::save_token(url.as_str(), &ApiToken::new(token)?)?;
        }
        let store_changed = before.store != settings.store;
        let show = |s: &Settings| {
            let mut s = s.clone();
            s.tunnel = s.tunnel.map(|t| t.redacted());
            serde_json::to_string(&s).unwrap_or_default()
        };
        if before != settings || token_note.is_some() {
            // Never the token itself: only that it changed.
            crate::db::audit::record(
                &self.inner.db,
                &actor.name(),
                "settings.save",
                token_note,
                Some(&show(&before)),
                Some(&show(&settings)),
            )?;
        }
        let tunnel_changed = self.settings().tunnel != effective.tunnel;
        kv::put(&self.inner.db, SETTINGS_KEY, &serde_json::to_string(&settings).unwrap_or_default())?;
        write(&self.inner.settings, settings);
        if store_changed {
            write(&self.inner.store_info, None);
        }
        write(&self.inner.location, None);
        if let Err(e) = self.connect() {
            tracing::warn!(error = %e, "store not connected after settings change");
        }
        let counter = self.clone();
        tokio::spawn(async move {
            if tunnel_changed {
                // Its supervisor checks the new URL and registers the webhook once it is up.
                counter.apply_tunnel_settings().await;
            }
            counter.check_reachability().await;
            if let Err(e) = counter.ensure_metadata().await {
                tracing::warn!(error = %e, "order metadata keys not defined on the store; sales still match by their tag");
            }
            if let Err(e) = counter.ensure_webhook().await {
                tracing::warn!(error = %e, "webhook not registered; reconciliation still finds payments");
            }
        });
        self.settings_view()
    }

    /// `GET /store/`: checks the connection and caches the store's name and currencies.
    pub async fn test_connection(&self) -> Result<StoreInfo> {
        let info = self.client()?.store().await?;
        kv::put(&self.inner.db, STORE_INFO_KEY, &serde_json::to_string(&info).unwrap_or_default())?;
        write(&self.inner.store_info, Some(info.clone()));
        self.emit(Event::StoreConnected { info: info.clone() });
        Ok(info)
    }

    /// The shop's name for customer pages.
    pub fn shop_name(&self) -> String {
        read(&self.inner.store_info).map(|i| i.name).unwrap_or_else(|| "the shop".into())
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
        info.currencies.first().cloned().ok_or_else(|| Error::NotConfigured("The store lists no currency.".into()))
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
        let settings = self.settings();
        if let Some(url) = settings.public_url {
            return Some(url.trim_end_matches('/').to_string());
        }
        if settings.tunnel.is_some() {
            return self.tunnel_url();
        }
        read(&self.inner.listening_on).map(|a| format!("http://{a}"))
    }

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
                tokio::time::sleep(Duration::from_secs(3600)).await;
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
        self.require(crate::db::staff::Role::Cashier, "copy diagnostics")?;
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

    /// The data directory's database path.
    pub fn database_path(&self) -> &Path {
        self.inner.db.path()
    }
}
