//! The typed 29 Next Admin API client (version 2024-04-01).
//!
//! [`Client`] owns the HTTP client, the base URL and the token, and hands out resource
//! handles (`client.orders()`, `client.products()`, `client.store()`). Every request sends
//! `Authorization: Bearer <token>` and `X-29Next-Api-Version`, and waits its turn at one
//! shared rate limiter (4 requests per second per token, as the API documents).
//!
//! Retries only where safe: a 429 is retried after `Retry-After` for any method (the store
//! did not process the request); GETs are retried with backoff on 5xx, timeouts and
//! connection failures; a POST that creates or charges is never retried on anything else.
//! Non-2xx bodies become [`ApiError::Status`] with the store's own words; JSON decode
//! failures name the failing field.

pub mod access;
pub mod fulfillment;
mod limiter;
pub mod models;
mod orders;
mod products;
mod store;
pub mod webhooks;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use url::Url;

pub use orders::Orders;
pub use products::Products;
pub use store::StoreInfo;

use crate::domain::words::{plain, text, Text};
use crate::secret::ApiToken;

/// The API version this client speaks.
pub const API_VERSION: &str = "2024-04-01";

const MAX_ATTEMPTS: u32 = 4;
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// What an Admin API call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The store answered with a non-2xx status.
    #[error("the store answered {status}: {message}")]
    Status {
        /// HTTP status.
        status: u16,
        /// The store's `detail`, or its field errors joined.
        message: String,
        /// Field errors, as the store listed them.
        fields: BTreeMap<String, Vec<String>>,
    },
    /// The request did not reach the store (DNS, refused connection, TLS).
    #[error("cannot reach the store: {0}")]
    Unreachable(String),
    /// The request was sent but no answer came in time: the outcome is unknown.
    #[error("the store did not answer in time")]
    Timeout,
    /// The store's answer was not the JSON the contract describes.
    #[error("unexpected answer from the store at `{path}`: {message}")]
    Decode {
        /// The JSON path that failed.
        path: String,
        /// What was wrong there.
        message: String,
    },
    /// The base URL or a path could not be built.
    #[error("invalid store address: {0}")]
    Url(Text),
}

impl ApiError {
    /// A failure worth retrying later (the store was down, slow or busy).
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Unreachable(_) | ApiError::Timeout => true,
            ApiError::Status { status, .. } => *status == 429 || *status >= 500,
            ApiError::Decode { .. } | ApiError::Url(_) => false,
        }
    }

    /// A failure after which the request may or may not have taken effect.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, ApiError::Timeout) || matches!(self, ApiError::Status { status, .. } if *status >= 500)
    }

    /// What staff should read: the store's own message for a refusal, else the error.
    pub fn store_words(&self) -> Text {
        match self {
            ApiError::Status { message, .. } => text!("store-says", words = message),
            other => other.words(),
        }
    }

    /// The failure as a sentence for staff.
    pub fn words(&self) -> Text {
        match self {
            ApiError::Status { status, message, .. } => text!("api-refused", status = *status, words = message),
            ApiError::Unreachable(why) => text!("api-unreachable", reason = why),
            ApiError::Timeout => text!("api-timeout"),
            ApiError::Decode { path, message } => text!("api-decode", path = path, reason = message),
            ApiError::Url(why) => text!("api-address", reason = why),
        }
    }

    /// True for the store's 404.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Status { status: 404, .. })
    }

    fn from_body(status: StatusCode, body: &[u8]) -> ApiError {
        let mut fields = BTreeMap::new();
        let mut message = String::new();
        if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
            {
                for (k, v) in map {
                    let texts: Vec<String> = match v {
                        Value::String(s) => vec![s],
                        Value::Array(items) => {
                            items.into_iter().map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| i.to_string())).collect()
                        }
                        other => vec![other.to_string()],
                    };
                    if k == "detail" || k == "non_field_errors" {
                        message = texts.join(" ");
                    } else {
                        fields.insert(k, texts);
                    }
                }
            }
        }
        if message.is_empty() {
            message = fields.iter().map(|(k, v)| format!("{k}: {}", v.join(" "))).collect::<Vec<_>>().join("; ");
        }
        if message.is_empty() {
            message = status.canonical_reason().unwrap_or("error").to_string();
        }
        ApiError::Status { status: status.as_u16(), message, fields }
    }
}

/// Requests a second the Admin API allows per token.
pub const DEFAULT_RATE_LIMIT: u32 = 4;

/// The log target of the store's answer times (`RUST_LOG=store_time=debug` shows them).
pub const STORE_TIME: &str = "store_time";

/// An Admin API client for one store and token. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    token: ApiToken,
    limiter: Arc<limiter::RateLimiter>,
    background: bool,
    /// Whose time the pause between retries runs on (the counter's, which tests move).
    clock: crate::domain::Clock,
}

/// The Admin API base URL for a store: a subdomain (`myshop`) or a full URL.
///
/// Fails on anything that is neither.
pub fn base_url_for(store: &str) -> Result<Url, ApiError> {
    let store = store.trim();
    let text = if store.contains("://") {
        store.to_string()
    } else if !store.is_empty() && store.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        format!("https://{store}.29next.store/api/admin/")
    } else {
        return Err(ApiError::Url(text!("address-not-a-store", address = store)));
    };
    let mut url = Url::parse(&text).map_err(|e| ApiError::Url(text!("address-unreadable", address = &text, reason = plain(e))))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ApiError::Url(text!("address-not-http", address = &text)));
    }
    if !url.path().ends_with('/') {
        url.set_path(&format!("{}/", url.path()));
    }
    Ok(url)
}

/// The token may only travel encrypted: a store's Admin API URL must be `https`, unless it
/// is on this machine (the demo store, tests).
///
/// Fails for plain `http` to any other host.
pub fn require_secure(url: &Url) -> Result<(), ApiError> {
    let local = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    };
    if url.scheme() != "https" && !local {
        return Err(ApiError::Url(text!("address-not-https", address = plain(url))));
    }
    Ok(())
}

impl Client {
    /// A client for the Admin API at `base` (ending in `/api/admin/`), with per-request
    /// `timeout`.
    pub fn new(base: Url, token: ApiToken, timeout: Duration) -> Result<Client, ApiError> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("Counterpay/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Url(text!("http-client-failed", reason = plain(e))))?;
        Ok(Client {
            http,
            base,
            token,
            limiter: Arc::new(limiter::RateLimiter::per_second(DEFAULT_RATE_LIMIT)),
            background: false,
            clock: Default::default(),
        })
    }

    /// The same client pausing between retries on `clock`.
    pub fn with_clock(mut self, clock: crate::domain::Clock) -> Client {
        self.clock = clock;
        self
    }

    /// The same client keeping to `per_second` requests a second instead of the Admin API's
    /// documented 4 (for a store that allows a different rate, such as the demo store).
    pub fn with_rate_limit(mut self, per_second: u32) -> Client {
        self.limiter = Arc::new(limiter::RateLimiter::per_second(per_second));
        self
    }

    /// The same client, sharing the rate budget but queued behind the counter's own
    /// requests: for checking what strangers post (claims, webhooks, reconciliation).
    pub fn background(&self) -> Client {
        Client { background: true, ..self.clone() }
    }

    /// The base URL.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// Orders.
    pub fn orders(&self) -> Orders<'_> {
        Orders { client: self }
    }

    /// Products.
    pub fn products(&self) -> Products<'_> {
        Products { client: self }
    }

    /// Webhooks.
    pub fn webhooks(&self) -> webhooks::Webhooks<'_> {
        webhooks::Webhooks { client: self }
    }

    /// The store's name, currencies and timezone (`GET /store/`).
    pub async fn store(&self) -> Result<StoreInfo, ApiError> {
        store::retrieve(self).await
    }

    /// Whether `link` (a pagination `next` link) is on this store, and would be followed.
    pub fn is_own_link(&self, link: &str) -> bool {
        Url::parse(link).is_ok_and(|url| url.origin() == self.base.origin())
    }

    fn url(&self, path: &str) -> Result<Url, ApiError> {
        if path.starts_with("http://") || path.starts_with("https://") {
            // A pagination `next` link: only follow it to the same store.
            let url = Url::parse(path).map_err(|e| ApiError::Url(text!("address-unreadable", address = path, reason = plain(e))))?;
            if url.origin() != self.base.origin() {
                return Err(ApiError::Url(text!("address-off-store", address = plain(url))));
            }
            return Ok(url);
        }
        self.base
            .join(path.trim_start_matches('/'))
            .map_err(|e| ApiError::Url(text!("address-unreadable", address = path, reason = plain(e))))
    }

    pub(crate) async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.send::<(), T>(Method::GET, path, None, true).await
    }

    pub(crate) async fn post<B: Serialize, T: DeserializeOwned>(&self, path: &str, body: &B) -> Result<T, ApiError> {
        self.send(Method::POST, path, Some(body), false).await
    }

    pub(crate) async fn delete(&self, path: &str) -> Result<(), ApiError> {
        // DELETE is idempotent: retrying it is safe. A 204 has no body to decode.
        match self.send::<(), Value>(Method::DELETE, path, None, true).await {
            Ok(_) | Err(ApiError::Decode { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn send<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        idempotent: bool,
    ) -> Result<T, ApiError> {
        let url = self.url(path)?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let queued = std::time::Instant::now();
            if self.background {
                self.limiter.acquire_background().await;
            } else {
                self.limiter.acquire().await;
            }
            let mut req = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(self.token.expose())
                .header("X-29Next-Api-Version", API_VERSION)
                .header(reqwest::header::ACCEPT, "application/json");
            if let Some(b) = body {
                req = req.json(b);
            }
            let asked = std::time::Instant::now();
            let outcome = req.send().await;
            // How long the store took to answer (not the wait for the rate limit): what the
            // window's latency benchmarks take off their figures.
            tracing::debug!(
                target: STORE_TIME,
                %method,
                path,
                ms = asked.elapsed().as_secs_f64() * 1000.0,
                waited_ms = (asked - queued).as_secs_f64() * 1000.0,
                "store answered"
            );
            let resp = match outcome {
                Ok(r) => r,
                Err(e) => {
                    let err = if e.is_timeout() {
                        ApiError::Timeout
                    } else if e.is_connect() || e.is_builder() || idempotent {
                        // Never sent (or a read, which is safe to repeat).
                        ApiError::Unreachable(root_cause(&e))
                    } else {
                        // The request may have left: a POST outcome is unknown.
                        ApiError::Timeout
                    };
                    let safe = idempotent || matches!(err, ApiError::Unreachable(_));
                    if safe && attempt < MAX_ATTEMPTS {
                        tracing::warn!(%method, path, attempt, error = %err, "retrying");
                        self.clock.sleep(backoff(attempt)).await;
                        continue;
                    }
                    return Err(err);
                }
            };
            let status = resp.status();
            if status == StatusCode::TOO_MANY_REQUESTS && attempt < MAX_ATTEMPTS {
                let wait = resp
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs)
                    .unwrap_or_else(|| backoff(attempt))
                    .min(MAX_RETRY_AFTER);
                tracing::warn!(%method, path, wait_ms = wait.as_millis() as u64, "rate limited by the store");
                tokio::time::sleep(wait).await;
                continue;
            }
            let bytes = match resp.bytes().await {
                Ok(b) => b,
                Err(e) if e.is_timeout() || !idempotent => return Err(ApiError::Timeout),
                Err(e) => return Err(ApiError::Unreachable(root_cause(&e))),
            };
            if status.is_server_error() && idempotent && attempt < MAX_ATTEMPTS {
                tracing::warn!(%method, path, attempt, %status, "retrying");
                self.clock.sleep(backoff(attempt)).await;
                continue;
            }
            if !status.is_success() {
                return Err(ApiError::from_body(status, &bytes));
            }
            let de = &mut serde_json::Deserializer::from_slice(&bytes);
            return serde_path_to_error::deserialize(de)
                .map_err(|e| ApiError::Decode { path: e.path().to_string(), message: e.inner().to_string() });
        }
    }
}

fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(200 * 2u64.pow(attempt.min(6)))
}

/// The innermost cause of an error ("Connection refused"), for messages staff read.
pub(crate) fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subdomain_and_full_urls() {
        assert_eq!(base_url_for("myshop").unwrap().as_str(), "https://myshop.29next.store/api/admin/");
        assert_eq!(base_url_for("http://127.0.0.1:9/api/admin").unwrap().as_str(), "http://127.0.0.1:9/api/admin/");
        assert!(base_url_for("my shop").is_err(), "spaces are neither a subdomain nor a URL");
        assert!(base_url_for("ftp://x/").is_err(), "only http(s) stores");
    }

    #[test]
    fn error_bodies_keep_the_stores_words() {
        let e = ApiError::from_body(StatusCode::BAD_REQUEST, br#"{"lines":["This field is required."]}"#);
        assert_eq!(e.to_string(), "the store answered 400: lines: This field is required.");
        let e = ApiError::from_body(StatusCode::NOT_FOUND, br#"{"detail":"Not found."}"#);
        assert!(e.is_not_found() && e.to_string().ends_with("Not found."));
        let e = ApiError::from_body(StatusCode::BAD_GATEWAY, b"<html>");
        assert!(e.is_transient() && e.to_string().contains("Bad Gateway"));
    }
}
