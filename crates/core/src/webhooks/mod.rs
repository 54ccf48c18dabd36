//! The second channel: store webhooks and periodic reconciliation, so a sale is found even
//! when the customer's phone never comes back to the return URL.
//!
//! Deliveries are signed: `X-29Next-Signature` is HMAC-SHA256 under a secret Counterpay
//! generated when it registered the webhook (kept in the OS keyring, or
//! `COUNTERPAY_WEBHOOK_SECRET`). The signature is accepted over the raw body or over the
//! Python-style re-serialisation (`json.dumps`) the store's documentation verifies, base64
//! or hex, compared in constant time. A delivery only names an order: the order itself is
//! read from the store, matched to its sale by the sale id Counterpay put in its metadata,
//! and settled through the same claim-and-verify path as a browser return. Event ids are
//! recorded so a repeated delivery changes nothing.
//!
//! The store counts a delivery as failed after about 20 s, so the answer comes as soon as
//! the signature is checked (over the raw bytes first, before any parsing) and the event id
//! is stored; the order is read and settled after that, in the background, and
//! reconciliation catches whatever that could not finish.

use std::time::Duration;

use serde_json::Value;

mod signature;

pub use signature::{python_dumps, signature_matches};

use crate::admin_api::models::{Order, OrderNumber};
use crate::admin_api::webhooks::{CreateWebhook, EVENTS};
use crate::claims::{ClaimOutcome, ClaimSource};
use crate::counter::{read, write, Counter};
use crate::db::{sales, settings as kv, webhook_events};
use crate::error::{Error, Result};
use crate::sale::{random_token, SaleState};

/// `COUNTERPAY_WEBHOOK_SECRET`: the webhook secret for headless use.
pub const SECRET_ENV: &str = "COUNTERPAY_WEBHOOK_SECRET";
/// The path the store delivers to.
pub const PATH: &str = "/webhooks/29next";
/// Largest delivery accepted: an order event is a few kilobytes.
pub const MAX_BODY: usize = 256 * 1024;
/// The sales reconciliation looks for: not settled, and not older than this.
pub(crate) const RECONCILE_WINDOW_MS: i64 = 48 * 3600 * 1000;

pub use crate::secret::WebhookSecret;

/// Why a delivery was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WebhookError {
    /// No secret is configured, so nothing can be trusted.
    #[error("webhooks are not set up on this counter")]
    NotConfigured,
    /// Missing or wrong signature.
    #[error("bad signature")]
    BadSignature,
    /// Not a JSON object with an event id and type.
    #[error("malformed delivery: {0}")]
    Malformed(&'static str),
}

/// What happened to a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Signed and new: recorded, and the order it names (if any) is being settled.
    Accepted,
    /// Already handled earlier (same event id).
    Duplicate,
}

/// The order number a delivery is about, wherever the event type puts it.
fn order_number_of(event_type: &str, data: &Value) -> Option<OrderNumber> {
    let text = |v: &Value| match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let candidates = [
        if event_type.starts_with("order.") { data.get("number") } else { None },
        data.get("order_number"),
        data.get("order").and_then(|o| if o.is_object() { o.get("number") } else { Some(o) }),
    ];
    candidates
        .into_iter()
        .flatten()
        .find_map(text)
        .filter(|n| n.len() <= 64 && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map(OrderNumber)
}

impl Counter {
    /// The webhook secret in force: the environment, else what this run holds (registered
    /// now, or read from the keyring).
    pub fn webhook_secret(&self) -> Option<WebhookSecret> {
        if let Ok(s) = std::env::var(SECRET_ENV) {
            if !s.trim().is_empty() {
                return Some(WebhookSecret::new(s.trim()));
            }
        }
        read(&self.inner.webhook_secret)
    }

    /// Handle a delivery to [`PATH`]: check the signature, skip a replayed event id, record
    /// the event, and settle the order it names in the background (through the same path as
    /// a browser return), so the store gets its answer at once.
    ///
    /// Fails with [`WebhookError`] before anything is written when the delivery cannot be
    /// trusted.
    pub async fn receive_webhook(&self, signature: Option<&str>, body: &[u8]) -> Result<Result<Delivery, WebhookError>> {
        let Some(secret) = self.webhook_secret() else { return Ok(Err(WebhookError::NotConfigured)) };
        if !signature.is_some_and(|sig| signature_matches(&secret, body, sig)) {
            return Ok(Err(WebhookError::BadSignature));
        }
        let Ok(Value::Object(event)) = serde_json::from_slice::<Value>(body) else {
            return Ok(Err(WebhookError::Malformed("not a JSON object")));
        };
        let Some(event_id) =
            event.get("event_id").and_then(|v| v.as_str().map(str::to_string).or_else(|| v.as_i64().map(|n| n.to_string())))
        else {
            return Ok(Err(WebhookError::Malformed("no event_id")));
        };
        let event_type = event.get("event_type").or_else(|| event.get("event")).and_then(Value::as_str).unwrap_or("").to_string();
        let data = event.get("data").or_else(|| event.get("object")).cloned().unwrap_or(Value::Null);
        let number = order_number_of(&event_type, &data);
        if !webhook_events::record(self.db(), &event_id, &event_type, number.as_ref().map(|n| n.0.as_str()))? {
            tracing::info!(event_id, "webhook replay ignored");
            return Ok(Ok(Delivery::Duplicate));
        }
        if let Some(number) = number {
            let counter = self.clone();
            tokio::spawn(async move {
                let mut wait = Duration::from_secs(2);
                for _ in 0..6 {
                    match counter.settle_from_store(&number, ClaimSource::Webhook).await {
                        Ok(_) => return,
                        Err(Error::Api(e)) if e.is_transient() => {
                            tracing::warn!(%number, error = %e, "webhook's order not readable yet; will try again");
                            tokio::time::sleep(wait).await;
                            wait *= 2;
                        }
                        Err(e) => {
                            tracing::warn!(%number, error = %e, "webhook's order not settled; reconciliation will look again");
                            return;
                        }
                    }
                }
            });
        }
        Ok(Ok(Delivery::Accepted))
    }

    /// Read order `number` from the store and, if it belongs to one of this counter's sales
    /// that is not settled yet, settle it. Returns the sale id it paid.
    pub async fn settle_from_store(&self, number: &OrderNumber, source: ClaimSource) -> Result<Option<String>> {
        let order = self.client()?.background().orders().retrieve(number).await?;
        self.settle_order(order, source).await
    }

    /// The sale an order names (by our metadata or our sale tag), if it is one of this
    /// counter's, and claim the order for it. Returns the sale id when it is paid by it.
    async fn settle_order(&self, order: Order, source: ClaimSource) -> Result<Option<String>> {
        let mut sale = None;
        for id in crate::claims::sale_marks(&order) {
            if let Some(found) = sales::get(self.db(), &id)? {
                sale = Some(found);
                break;
            }
        }
        let Some(sale) = sale else { return Ok(None) }; // another counter's sale, or none
        if sale.state == SaleState::Paid {
            return Ok(None);
        }
        let number = order.number.clone();
        let outcome = self.claim_order(&sale, number, source, Some(order)).await?;
        Ok((outcome == ClaimOutcome::Paid).then_some(sale.id))
    }

    /// Look for orders of this counter's unsettled sales in the store (`GET /orders/?tags=`),
    /// newest first, back to the oldest such sale. Covers a missed webhook and a phone that
    /// never came back. Returns how many sales it settled.
    pub async fn reconcile(&self) -> Result<usize> {
        // Only the oldest sale not paid yet inside the window matters: the store's orders are
        // read back to it. Asked of the database as such: the cancelled, expired and failed
        // sales of the years before stay on disk, and reading them all every minute (19,911 in
        // the window benchmark's two years of history) held the counter's database for about
        // 130 ms, the keystroke or scan that came then waiting on it.
        let horizon = self.now_ms() - RECONCILE_WINDOW_MS;
        let oldest = sales::oldest_in_states_since(
            self.db(),
            &[
                SaleState::AwaitingPayment,
                SaleState::Cancelled,
                SaleState::Expired,
                SaleState::Failed,
                SaleState::Draft,
                SaleState::Rejected,
                SaleState::Review,
            ],
            horizon,
        )?;
        // Numbers named early (not found or not paid yet) are asked again, with a pause.
        let mut settled = self.recheck_open_claims(false).await?;
        let Some(oldest) = oldest else {
            return Ok(settled);
        };
        let client = self.client()?.background();
        let tag = format!("counterpay:{}", self.counter_id());
        let mut next: Option<String> = None;
        for _ in 0..50 {
            let page = client.orders().list_tagged(&tag, next.as_deref()).await?;
            let mut past_horizon = false;
            for order in page.results {
                if order.created_at.is_some_and(|t| t.timestamp_millis() < oldest - 60_000) {
                    past_horizon = true;
                    continue;
                }
                if self.settle_order(order, ClaimSource::Reconciliation).await?.is_some() {
                    settled += 1;
                }
            }
            match page.next {
                Some(n) if !past_horizon => next = Some(n),
                _ => break,
            }
        }
        if settled > 0 {
            tracing::info!(settled, "reconciliation found payments");
        }
        Ok(settled)
    }

    /// Run [`Counter::reconcile`] every `every` until the process ends.
    pub fn spawn_reconciler(&self, every: Duration) {
        let counter = self.clone();
        tokio::spawn(async move {
            loop {
                counter.clock().sleep(every).await;
                if let Err(e) = counter.reconcile().await {
                    tracing::warn!(error = %e, "reconciliation failed; will try again");
                }
                counter.settle_unknown_upsells().await;
                counter.settle_unknown_refunds().await;
                counter.close_open_sales().await;
            }
        });
    }

    /// Register this counter's webhook with the store when a public URL is known, with a
    /// fresh secret (kept in the keyring for a real store, in memory for the demo store).
    /// Returns the webhook id, or `None` when there is nothing to register.
    ///
    /// Fails when the store refuses or the keyring cannot keep the secret.
    pub async fn ensure_webhook(&self) -> Result<Option<i64>> {
        let demo = self.is_demo();
        // The public URL in force: the setting, or the managed tunnel's URL while it is up.
        let public = if demo {
            self.public_url()
        } else {
            let s = self.settings();
            match (&s.public_url, &s.tunnel) {
                (Some(url), _) => Some(url.trim_end_matches('/').to_string()),
                (None, Some(_)) => self.tunnel_url(),
                (None, None) => None,
            }
        };
        let Some(public) = public else { return Ok(None) };
        if !demo && !public.starts_with("https://") {
            // The store only delivers to HTTPS targets; Settings says so (webhook_status).
            return Ok(None);
        }
        let client = self.client()?;
        let api_url = client.base_url().to_string();
        let target = format!("{public}{PATH}");
        let key = format!("webhook:{api_url}");
        let stored: Option<(i64, String)> = kv::get(self.db(), &key)?.and_then(|s| serde_json::from_str(&s).ok());
        if !demo {
            if let Some((id, t)) = &stored {
                if *t == target && self.webhook_secret().is_some() {
                    return Ok(Some(*id));
                }
            }
        }
        // Headless (no keyring), the environment's secret is the one registered.
        let env_secret = std::env::var(SECRET_ENV).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let secret = env_secret.clone().unwrap_or_else(random_token);
        let hook = client
            .webhooks()
            .create(&CreateWebhook {
                name: format!("Counterpay {}", self.counter_id()),
                target: target.clone(),
                events: EVENTS.iter().map(|e| e.to_string()).collect(),
                secret_key: secret.clone(),
                active: true,
                api_version: crate::admin_api::API_VERSION.into(),
            })
            .await?;
        if !demo && env_secret.is_none() {
            crate::secret::save_webhook_secret(&api_url, &secret)?;
        }
        // The previous registration's secret is gone (or replaced): remove it, so the store
        // does not keep delivering to a receiver that can no longer check its signature.
        if let Some((old, _)) = stored.filter(|(id, _)| *id != hook.id) {
            if let Err(e) = client.webhooks().delete(old).await {
                tracing::warn!(error = %e, webhook = old, "could not remove the previous webhook");
            }
        }
        write(&self.inner.webhook_secret, Some(WebhookSecret::new(secret)));
        kv::put(self.db(), &key, &serde_json::to_string(&(hook.id, &target)).unwrap_or_default())?;
        tracing::info!(webhook = hook.id, %target, "webhook registered");
        Ok(Some(hook.id))
    }
}

/// Map a webhook refusal onto the error the endpoint answers with.
pub fn status_for(e: &WebhookError) -> u16 {
    match e {
        WebhookError::NotConfigured => 404,
        WebhookError::BadSignature => 401,
        WebhookError::Malformed(_) => 400,
    }
}

impl From<WebhookError> for Error {
    fn from(e: WebhookError) -> Self {
        Error::Invalid(crate::text!("webhook-refused", reason = crate::domain::words::plain(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_come_from_each_event_shape() {
        let n = |t: &str, d: Value| order_number_of(t, &d).map(|n| n.0);
        assert_eq!(n("order.created", serde_json::json!({"number": "10001"})), Some("10001".into()));
        assert_eq!(n("transaction.created", serde_json::json!({"order": {"number": 10002}})), Some("10002".into()));
        assert_eq!(n("transaction.updated", serde_json::json!({"order_number": "10003"})), Some("10003".into()));
        assert_eq!(n("transaction.created", serde_json::json!({"number": "77"})), None, "a transaction's own number is not an order");
        assert_eq!(n("order.updated", serde_json::json!({"number": "../x"})), None);
    }
}
