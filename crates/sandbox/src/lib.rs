//! The embedded demo store: a real HTTP server on loopback that speaks the subset of the
//! 29 Next Admin API Counterpay uses (same paths, headers, status codes and JSON shapes as
//! `admin-2024-04-01.yaml`), plus a simulated Klarna hosted payment page whose Pay and
//! Decline buttons make the customer's browser POST to `payment_return_url` exactly as the
//! real store does.
//!
//! It is the default store for a new user and the test double for every test. Tests reach
//! into it through [`Sandbox`]: the requests it saw ([`Sandbox::requests`]), the orders it
//! holds, and fault knobs ([`Faults`]) for latency, 429 with `Retry-After`, 5xx, timeouts
//! and declines.
//!
//! One flaw of the contract shapes the answers: `metadata` is `oneOf: [{}, {type: null}]`,
//! which `null` satisfies twice and so fails; the sandbox always answers an object.

#![deny(missing_docs)]
#![recursion_limit = "256"]

mod admin;
mod book;
pub mod catalog;
pub mod customer;
pub mod fulfillment;
mod klarna;
pub mod printer;
mod refunds;
pub mod shop;
pub mod wait;
mod webhooks;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

pub use catalog::Catalog;
pub use shop::Shop;

/// The API version header value the sandbox accepts, as the contract pins it.
pub const API_VERSION: &str = "2024-04-01";

/// An injected failure for the next matching Admin API request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status and a JSON `{"detail": ...}` body.
    Status(u16),
    /// Answer 429 with `Retry-After: secs`.
    RateLimited {
        /// Seconds in the `Retry-After` header.
        retry_after: u64,
    },
    /// Accept the connection and never answer within any sane timeout.
    Hang,
    /// Do the work (an order really is created), then hang: a lost response.
    HangAfterCommit,
}

/// Fault knobs, shared with the running server.
#[derive(Debug, Default)]
pub struct Faults {
    queue: Mutex<VecDeque<(String, Fault)>>,
    latency: Mutex<Duration>,
    decline_all: Mutex<bool>,
    webhooks_paused: Mutex<bool>,
    upsells_unsupported: Mutex<bool>,
    upsell_declines: Mutex<u32>,
    authorize_only: Mutex<bool>,
    duplicate_window: Mutex<Option<Duration>>,
    drop_undefined_metadata: Mutex<bool>,
}

impl Faults {
    /// The gateway's authorize-and-capture setting: paid orders land `authorized` and wait
    /// for `POST /orders/{number}/capture/` (the docs do not say which Klarna uses).
    pub fn set_authorize_only(&self, on: bool) {
        *lock(&self.authorize_only) = on;
    }

    pub(crate) fn authorize_only(&self) -> bool {
        *lock(&self.authorize_only)
    }

    /// Refuse a create of the same value as another within `window`, as the store's
    /// *Prevent Duplicate Orders* checkout setting does (the merchant docs: "multiple orders
    /// of the same value within a 30 minute window" by one customer; the changelog: "the
    /// same products within a short timeframe"). A counter sale names no customer when it
    /// is created, so the demo store keys on the value alone. `None` turns it off.
    pub fn set_duplicate_window(&self, window: Option<Duration>) {
        *lock(&self.duplicate_window) = window;
    }

    pub(crate) fn duplicate_window(&self) -> Option<Duration> {
        *lock(&self.duplicate_window)
    }

    /// Keep only metadata keys defined with `POST /metadata/` on new orders, as an unmerged
    /// guide of the store says it does (on by default in the demo store).
    pub fn set_drop_undefined_metadata(&self, on: bool) {
        *lock(&self.drop_undefined_metadata) = on;
    }

    pub(crate) fn drops_undefined_metadata(&self) -> bool {
        *lock(&self.drop_undefined_metadata)
    }

    /// Fail the next request whose `METHOD /path?query` (path relative to `/api/admin`)
    /// starts with `prefix`, e.g. `"POST /orders/"`, `"GET /orders/"` or
    /// `"GET /products/?cursor=p400"`; a prefix ending in `$` must match the whole request
    /// (`"POST /orders/10001/refund/$"` leaves `.../refund/calculate/` alone). Faults queue
    /// up in order.
    pub fn push(&self, prefix: &str, fault: Fault) {
        lock(&self.queue).push_back((prefix.to_string(), fault));
    }

    /// Delay every Admin API answer by `latency`.
    pub fn set_latency(&self, latency: Duration) {
        *lock(&self.latency) = latency;
    }

    /// Make the hosted payment page decline every payment, whatever is clicked.
    pub fn set_decline_all(&self, decline: bool) {
        *lock(&self.decline_all) = decline;
    }

    /// Stop delivering webhooks (a missed delivery), or resume.
    pub fn set_webhooks_paused(&self, paused: bool) {
        *lock(&self.webhooks_paused) = paused;
    }

    /// Make new orders say `supports_post_purchase_upsells: false` (a payment method that
    /// cannot be charged again), or true again.
    pub fn set_upsells_supported(&self, supported: bool) {
        *lock(&self.upsells_unsupported) = !supported;
    }

    pub(crate) fn upsells_supported(&self) -> bool {
        !*lock(&self.upsells_unsupported)
    }

    /// Decline the next upsell charge, as Klarna would.
    pub fn decline_next_upsell(&self) {
        *lock(&self.upsell_declines) += 1;
    }

    pub(crate) fn take_upsell_decline(&self) -> bool {
        let mut n = lock(&self.upsell_declines);
        let declined = *n > 0;
        *n = n.saturating_sub(1);
        declined
    }

    pub(crate) fn webhooks_paused(&self) -> bool {
        *lock(&self.webhooks_paused)
    }

    fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let key = format!("{method} {path}");
        let mut queue = lock(&self.queue);
        let pos = queue.iter().position(|(prefix, _)| match prefix.strip_suffix('$') {
            Some(exact) => key == exact,
            None => key.starts_with(prefix.as_str()),
        })?;
        queue.remove(pos).map(|(_, f)| f)
    }

    fn latency(&self) -> Duration {
        *lock(&self.latency)
    }

    fn declines(&self) -> bool {
        *lock(&self.decline_all)
    }
}

/// A request the Admin API side received, for tests to inspect.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    /// HTTP method.
    pub method: String,
    /// Path including `/api/admin`, without the query.
    pub path: String,
    /// Query string, if any.
    pub query: Option<String>,
    /// Headers, lower-case names.
    pub headers: Vec<(String, String)>,
    /// The JSON body, when there was one.
    pub body: Option<Value>,
    /// When it arrived.
    pub received_at: std::time::Instant,
}

impl RecordedRequest {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A Klarna checkout the store started: what `payment_complete_url` points at.
#[derive(Debug, Clone)]
pub(crate) struct Checkout {
    /// The create request's body, as compact JSON text: a day of checkouts stays small.
    pub(crate) body_json: String,
    pub(crate) return_url: String,
    pub(crate) currency: String,
    pub(crate) order_number: Option<String>,
}

impl Checkout {
    /// The create request's body.
    pub(crate) fn body(&self) -> Value {
        serde_json::from_str(&self.body_json).unwrap_or(Value::Null)
    }
}

/// What the sandbox serves.
#[derive(Debug, Clone)]
pub struct Config {
    /// The only valid API token.
    pub token: String,
    /// The catalog: [`Catalog::demo`] or [`Catalog::generated`].
    pub catalog: Catalog,
    /// Products per page of `GET /products/` (and orders per page of `GET /orders/`).
    pub page_size: usize,
    /// Requests per second per token before the API answers 429 with `Retry-After`, as the
    /// real API does at 4; `None` for no limit.
    pub rate_limit: Option<u32>,
    /// Keep every request and webhook delivery for tests to inspect ([`Sandbox::requests`],
    /// [`Sandbox::deliveries`]). The app's embedded demo store turns it off: a day of sales
    /// must not grow its memory.
    pub keep_log: bool,
    /// How long after payment the store sends open fulfillment orders to their location:
    /// 30 minutes, as the real store's default; seconds in tests.
    pub fulfillment_delay: Duration,
    /// Which shop it is (country, currency, language of the catalog).
    pub shop: Shop,
    /// The permission scopes the token was given (`orders:write`, …), as a store's OAuth
    /// app has them; a request whose endpoint needs another is answered 403, as the real
    /// API does. `None`: every scope.
    pub scopes: Option<Vec<String>>,
}

impl Config {
    /// The demo catalog, pages of 20, no rate limit.
    pub fn new(token: &str) -> Config {
        Config {
            token: token.to_string(),
            catalog: Catalog::demo(),
            page_size: 20,
            rate_limit: None,
            keep_log: true,
            fulfillment_delay: Duration::from_secs(30 * 60),
            shop: Shop::Us,
            scopes: None,
        }
    }
}

#[derive(Debug)]
pub(crate) struct State {
    pub(crate) token: String,
    pub(crate) base_url: String,
    pub(crate) page_size: usize,
    pub(crate) rate_limit: Option<Mutex<admin::Bucket>>,
    pub(crate) catalog: Catalog,
    pub(crate) shop: Shop,
    pub(crate) scopes: Option<Vec<String>>,
    pub(crate) faults: Faults,
    pub(crate) checkouts: Mutex<HashMap<String, Checkout>>,
    pub(crate) orders: Mutex<book::OrderBook>,
    pub(crate) next_order: Mutex<u64>,
    pub(crate) next_transaction: Mutex<i64>,
    pub(crate) keep_log: bool,
    pub(crate) requests: Mutex<Vec<RecordedRequest>>,
    pub(crate) rate_limited: Mutex<usize>,
    pub(crate) webhooks: Mutex<Vec<webhooks::Registered>>,
    pub(crate) deliveries: Mutex<Vec<Delivery>>,
    pub(crate) http: reqwest::Client,
    pub(crate) fulfillment: Mutex<fulfillment::Book>,
    pub(crate) fulfillment_delay: Duration,
    pub(crate) metadata: Mutex<Vec<Value>>,
    pub(crate) recent_creates: Mutex<Vec<(std::time::Instant, String)>>,
}

/// A webhook delivery the sandbox made, for tests to inspect or replay.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Where it went.
    pub target: String,
    /// The exact body sent.
    pub body: String,
    /// The `X-29Next-Signature` header sent.
    pub signature: String,
    /// The receiver's status, or `None` if it could not be reached.
    pub status: Option<u16>,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a sandbox lock must not wedge every later request.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running sandbox store. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    state: Arc<State>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl Sandbox {
    /// Bind `listen` (use port 0 for any free port) and serve the demo store with `token`
    /// as its only valid API token, the demo catalog, pages of 20 and no rate limit.
    ///
    /// Fails if the address cannot be bound.
    pub async fn start(listen: SocketAddr, token: &str) -> std::io::Result<Sandbox> {
        Sandbox::start_with(listen, Config::new(token)).await
    }

    /// Bind `listen` and serve the store `config` describes.
    ///
    /// Fails if the address cannot be bound.
    pub async fn start_with(listen: SocketAddr, config: Config) -> std::io::Result<Sandbox> {
        let listener = TcpListener::bind(listen).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State {
            token: config.token,
            base_url: format!("http://{addr}"),
            page_size: config.page_size.clamp(1, 500),
            rate_limit: config.rate_limit.map(|per_second| Mutex::new(admin::Bucket::new(per_second))),
            catalog: config.catalog,
            shop: config.shop,
            scopes: config.scopes,
            faults: Faults::default(),
            checkouts: Mutex::new(HashMap::new()),
            orders: Mutex::new(book::OrderBook::default()),
            next_order: Mutex::new(10001),
            next_transaction: Mutex::new(70000),
            keep_log: config.keep_log,
            requests: Mutex::new(Vec::new()),
            rate_limited: Mutex::new(0),
            webhooks: Mutex::new(Vec::new()),
            deliveries: Mutex::new(Vec::new()),
            http: reqwest::Client::builder().timeout(Duration::from_secs(10)).build().map_err(std::io::Error::other)?,
            fulfillment: Mutex::new(fulfillment::Book::default()),
            fulfillment_delay: config.fulfillment_delay,
            metadata: Mutex::new(Vec::new()),
            recent_creates: Mutex::new(Vec::new()),
        });
        let (tx, rx) = oneshot::channel::<()>();
        let app = router(state.clone());
        tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
            if let Err(e) = served {
                tracing::error!(error = %e, "sandbox server stopped");
            }
        });
        Ok(Sandbox { addr, state, shutdown: Some(tx) })
    }

    /// The socket the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Admin API base URL, ending in `/api/admin/`.
    pub fn api_url(&self) -> String {
        format!("{}/api/admin/", self.state.base_url)
    }

    /// The fault knobs.
    pub fn faults(&self) -> &Faults {
        &self.state.faults
    }

    /// How many Admin API requests were answered 429 by the rate limit.
    pub fn rate_limited(&self) -> usize {
        *lock(&self.state.rate_limited)
    }

    /// Every Admin API request received so far, oldest first (none unless
    /// [`Config::keep_log`]).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state.requests).clone()
    }

    /// The stored order with this number, in contract shape.
    pub fn order(&self, number: &str) -> Option<Value> {
        lock(&self.state.orders).get(number)
    }

    /// Every stored order.
    pub fn orders(&self) -> Vec<Value> {
        lock(&self.state.orders).all()
    }

    /// Fulfillment orders so far: `(id, order number, location id, status)` each, and those
    /// sent to a location other than the shop as `(id, location id)`.
    pub fn fulfillment_orders(&self) -> fulfillment::Snapshot {
        fulfillment::snapshot(&self.state)
    }

    /// Every fulfillment order, in `FulfillmentOrder` shape.
    pub fn fulfillment_orders_json(&self) -> Vec<Value> {
        fulfillment::all_json(&self.state)
    }

    /// Fulfillments made so far, in `FulfillmentResponse` shape (plus the `notify` asked for).
    pub fn fulfillments(&self) -> Vec<Value> {
        fulfillment::fulfillments(&self.state)
    }

    /// Metadata definitions made on the store (`POST /metadata/`).
    pub fn metadata_definitions(&self) -> Vec<Value> {
        lock(&self.state.metadata).clone()
    }

    /// Webhook deliveries made so far, oldest first (none unless [`Config::keep_log`]).
    pub fn deliveries(&self) -> Vec<Delivery> {
        lock(&self.state.deliveries).clone()
    }

    /// Change a stored order, as another actor on the store might (tests of verification).
    pub fn edit_order(&self, number: &str, edit: impl FnOnce(&mut Value)) {
        let mut orders = lock(&self.state.orders);
        if let Some(mut order) = orders.get(number) {
            edit(&mut order);
            orders.insert(number.to_string(), &order);
        }
    }

    /// Complete the checkout behind `payment_complete_url` as a paying customer would, but
    /// without a browser: creates the order and returns `(return_url, response)` where
    /// `response` is the form field the browser would POST.
    pub fn pay(&self, payment_complete_url: &str) -> Option<(String, String)> {
        let id = payment_complete_url.trim_end_matches('/').rsplit('/').next()?;
        klarna::complete(&self.state, id, true).map(|(url, body)| (url, body.to_string()))
    }

    /// The return URL the checkout behind `payment_complete_url` sends its customer to: what
    /// anyone who saw the link could learn, and POST anything to.
    pub fn return_url_of(&self, payment_complete_url: &str) -> Option<String> {
        let id = payment_complete_url.trim_end_matches('/').rsplit('/').next()?;
        lock(&self.state.checkouts).get(id).map(|c| c.return_url.clone())
    }

    /// A shopper on the web store buys the same lines as the checkout behind
    /// `payment_complete_url` and pays: a real paid order, but not made by the counter (no
    /// Counterpay metadata or tags). Returns its number.
    pub fn web_order_like(&self, payment_complete_url: &str) -> Option<String> {
        let id = payment_complete_url.trim_end_matches('/').rsplit('/').next()?;
        let mut checkout = lock(&self.state.checkouts).get(id).cloned()?;
        let mut body = checkout.body();
        if let Some(fields) = body.as_object_mut() {
            fields.remove("metadata");
            fields.remove("tags");
            fields.remove("attribution");
        }
        checkout.body_json = body.to_string();
        checkout.order_number = None;
        let order = admin::place_order(&self.state, &checkout);
        order["number"].as_str().map(str::to_string)
    }

    /// The number the store will give its next order (sequential, as the real store's are).
    pub fn next_order_number(&self) -> String {
        lock(&self.state.next_order).to_string()
    }

    /// Decline the checkout behind `payment_complete_url`; returns `(return_url, "{}")`.
    pub fn decline(&self, payment_complete_url: &str) -> Option<(String, String)> {
        let id = payment_complete_url.trim_end_matches('/').rsplit('/').next()?;
        klarna::complete(&self.state, id, false).map(|(url, body)| (url, body.to_string()))
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

fn router(state: Arc<State>) -> Router {
    Router::new().nest("/api/admin", admin::router(state.clone())).nest("/klarna", klarna::router(state))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn one_request(keep_log: bool) -> (usize, Sandbox) {
        let sandbox = Sandbox::start_with("127.0.0.1:0".parse().unwrap(), Config { keep_log, ..Config::new("t") }).await.unwrap();
        let answer = reqwest::Client::new()
            .get(format!("{}products/", sandbox.api_url()))
            .header("authorization", "Bearer t")
            .header("x-29next-api-version", "2024-04-01")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        (sandbox.requests().len(), sandbox)
    }

    #[tokio::test]
    async fn the_request_log_is_kept_only_when_asked() {
        assert_eq!(one_request(true).await.0, 1, "tests read what the store received");
        assert_eq!(one_request(false).await.0, 0, "the app's demo store keeps no log to grow");
    }
}
