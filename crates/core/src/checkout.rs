//! The sale's state machine.
//!
//! ```text
//! draft ──charge──▶ creating ──201──▶ awaiting_payment ──POST {order}──▶ verifying ──store agrees──▶ paid
//!                      │                   │        │                       │
//!                      └─error─▶ draft     │        └─POST {}──▶ failed     └─store disagrees──▶ rejected
//!                                          ├─staff cancels──▶ cancelled
//!                                          └─timeout──▶ expired
//! ```
//!
//! Invariants:
//! - a sale row exists (state `creating`) before the create call leaves, so a crash or an
//!   unknown outcome never loses track of a payment link;
//! - every change is a compare-and-set on the current state (see [`crate::db::sales`]);
//! - a posted order is a claim: only `GET /orders/{number}/` can make a sale `paid`;
//! - a payment that arrives after cancel, expiry or decline is still verified and
//!   recorded, flagged `after_cancel`: the customer's money is never dropped;
//! - the return token is ≥128 bits from the OS RNG; only its SHA-256 is looked up.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::Duration;

use rand::TryRngCore;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tokio::sync::broadcast;

use crate::admin_api::models::{CreateOrder, CreateOrderLine, Order, OrderNumber, PaymentDetails, SubscriptionChoice, VariantId};
use crate::counter::Counter;
use crate::db::sales::{self, Changes, SaleEvent, SaleLine, SaleRecord};
use crate::db::{catalog, now_ms};
use crate::error::{Error, Result};
use crate::events::Event;
use crate::pages::{self, Page};

/// Most lines a basket may have.
pub const MAX_LINES: usize = 100;
/// Most units of one line.
pub const MAX_QUANTITY: i64 = 999;
/// How long a return POST waits for a verification already running elsewhere.
const RETURN_PAGE_WAIT: Duration = Duration::from_secs(8);
/// Payment statuses that count as paid.
const ACCEPTED_PAYMENT: &[&str] = &["paid", "authorized"];

/// Where a sale is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SaleState {
    /// Not (successfully) sent to the store yet.
    Draft,
    /// The create call is in flight.
    Creating,
    /// The QR code is shown; waiting for the customer.
    AwaitingPayment,
    /// A paid order was posted; checking it with the store.
    Verifying,
    /// The store confirmed the payment.
    Paid,
    /// Klarna declined (`response={}`).
    Failed,
    /// The posted order did not match what the store holds.
    Rejected,
    /// Staff cancelled.
    Cancelled,
    /// Nobody paid in time.
    Expired,
}

impl SaleState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SaleState::Draft => "draft",
            SaleState::Creating => "creating",
            SaleState::AwaitingPayment => "awaiting_payment",
            SaleState::Verifying => "verifying",
            SaleState::Paid => "paid",
            SaleState::Failed => "failed",
            SaleState::Rejected => "rejected",
            SaleState::Cancelled => "cancelled",
            SaleState::Expired => "expired",
        }
    }

    /// No further change is expected (a late payment may still arrive after some of them).
    pub fn is_final(self) -> bool {
        matches!(self, SaleState::Paid | SaleState::Failed | SaleState::Rejected | SaleState::Cancelled | SaleState::Expired)
    }
}

impl FromStr for SaleState {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "draft" => SaleState::Draft,
            "creating" => SaleState::Creating,
            "awaiting_payment" => SaleState::AwaitingPayment,
            "verifying" => SaleState::Verifying,
            "paid" => SaleState::Paid,
            "failed" => SaleState::Failed,
            "rejected" => SaleState::Rejected,
            "cancelled" => SaleState::Cancelled,
            "expired" => SaleState::Expired,
            other => return Err(Error::Invalid(format!("unknown sale state {other:?}"))),
        })
    }
}

/// A basket line as the counter sends it: a variant and a quantity. Prices come from the
/// catalog cache, never from the webview.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub struct BasketLine {
    /// Variant id.
    pub variant_id: i64,
    /// Quantity, 1..=999.
    pub quantity: i64,
    /// A unit price set by staff (sent as the line's `price` and recorded as an override);
    /// `None` sells at the catalog price.
    #[serde(default)]
    pub price: Option<Decimal>,
    /// Sell as a subscription: the product's interval and one of its interval counts.
    #[serde(default)]
    pub subscription: Option<SubscriptionChoice>,
}

impl BasketLine {
    /// A line at the catalog price, not a subscription.
    pub fn new(variant_id: i64, quantity: i64) -> BasketLine {
        BasketLine { variant_id, quantity, price: None, subscription: None }
    }
}

/// A line as the UI shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LineView {
    /// Variant id.
    pub variant_id: i64,
    /// Title.
    pub title: String,
    /// SKU.
    pub sku: String,
    /// Quantity.
    pub quantity: i64,
    /// Unit price.
    pub unit_price: Decimal,
    /// Quantity × unit price.
    pub line_total: Decimal,
    /// Staff set the price.
    pub price_override: bool,
    /// Sold as a subscription.
    pub subscription: Option<SubscriptionChoice>,
}

/// A sale as the UI shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SaleView {
    /// Sale id.
    pub id: String,
    /// State.
    pub state: SaleState,
    /// Currency.
    pub currency: String,
    /// Basket total at our prices.
    pub total: Decimal,
    /// Lines.
    pub lines: Vec<LineView>,
    /// The hosted payment page, while it can be paid.
    pub payment_complete_url: Option<String>,
    /// The QR code (SVG) for it, while awaiting payment.
    pub qr_svg: Option<String>,
    /// When the link stops being waited for (ms since epoch).
    pub expires_at: Option<i64>,
    /// The store's order number.
    pub order_number: Option<String>,
    /// The store's total.
    pub store_total: Option<Decimal>,
    /// The customer.
    pub customer: Option<String>,
    /// Why it is where it is, in staff's words.
    pub reason: Option<String>,
    /// Paid after the counter gave up on it.
    pub after_cancel: bool,
    /// Created (ms).
    pub created_at: i64,
    /// Last change (ms).
    pub updated_at: i64,
    /// Paid (ms).
    pub paid_at: Option<i64>,
    /// Whether the store's order takes one-click upsells.
    pub supports_upsells: bool,
    /// Upsells tried on this sale, oldest first.
    pub upsells: Vec<crate::db::upsells::Upsell>,
    /// The timeline, in detail views only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<SaleEvent>>,
    /// The store's order as it sent it, in detail views only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<Value>,
    /// The counter that sold it, when it was another one (pulled from the store).
    pub origin: Option<String>,
    /// Paid back so far, as the store says.
    pub refunded: Option<Decimal>,
    /// The order's status at the store.
    pub store_status: Option<String>,
    /// Refunds and cancels sent from Counterpay, oldest first.
    pub refunds: Vec<crate::db::refunds::RefundRecord>,
    /// Who pressed Charge.
    pub staff: Option<String>,
}

/// A fresh URL-safe token: 256 bits from the OS RNG.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.try_fill_bytes(&mut bytes).expect("the OS random number generator failed");
    base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bytes)
}

/// The SHA-256 (hex) of a return token: what the database indexes.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A return token has exactly the shape [`random_token`] makes.
pub fn token_is_well_formed(token: &str) -> bool {
    token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What was posted to a return URL.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// `response={}`: the payment failed, no order exists.
    Failed,
    /// An order, as claimed by whoever posted it.
    Order {
        /// Its number.
        number: OrderNumber,
        /// The raw JSON posted.
        raw: String,
    },
}

/// Why a posted `response` is not a claim.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimError {
    /// No `response` field.
    #[error("The form has no `response` field.")]
    MissingResponse,
    /// More than one `response` field.
    #[error("The form has more than one `response` field.")]
    DuplicateResponse,
    /// Not JSON, or not an object.
    #[error("The `response` field is not a JSON object.")]
    NotJson,
    /// An object without a usable order number.
    #[error("The order in `response` has no order number.")]
    NoNumber,
}

impl Claim {
    /// Parse a form body (`application/x-www-form-urlencoded`).
    pub fn from_form(body: &[u8]) -> Result<Claim, ClaimError> {
        let mut response = None;
        for (k, v) in url::form_urlencoded::parse(body) {
            if k == "response" {
                if response.is_some() {
                    return Err(ClaimError::DuplicateResponse);
                }
                response = Some(v.into_owned());
            }
        }
        Claim::from_json(&response.ok_or(ClaimError::MissingResponse)?)
    }

    /// Parse the `response` value.
    pub fn from_json(text: &str) -> Result<Claim, ClaimError> {
        // Only the number matters: read it and skip the rest of the order without building it.
        let probe: Probe = serde_json::from_str(text).map_err(|_| ClaimError::NotJson)?;
        if probe.fields == 0 {
            return Ok(Claim::Failed);
        }
        let number = match probe.number {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return Err(ClaimError::NoNumber),
        };
        if number.is_empty() || number.len() > 64 || !number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(ClaimError::NoNumber);
        }
        Ok(Claim::Order { number: OrderNumber(number), raw: text.to_string() })
    }
}

/// A posted order, as far as a claim needs it: a JSON object (nothing else is accepted), its
/// `number`, and how many fields it has.
struct Probe {
    number: Option<Value>,
    fields: usize,
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Probe;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Probe, A::Error> {
                let mut probe = Probe { number: None, fields: 0 };
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    probe.fields += 1;
                    if key == "number" {
                        probe.number = Some(map.next_value()?);
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(probe)
            }
        }
        d.deserialize_map(Fields)
    }
}

/// Where a claimed order came from (for the sale's timeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimSource {
    /// The customer's browser posted it to the return URL.
    Browser,
    /// A signed store webhook named it.
    Webhook,
    /// Reconciliation found it in the store's order list.
    Reconciliation,
}

enum Verdict {
    Paid(Box<Order>),
    Rejected(String),
}

impl Counter {
    fn view(&self, r: &SaleRecord, with_timeline: bool) -> Result<SaleView> {
        let lines = sales::lines(self.db(), &r.id)?
            .into_iter()
            .map(|l| LineView {
                line_total: l.unit_price * Decimal::from(l.quantity),
                variant_id: l.variant_id,
                title: l.title,
                sku: l.sku,
                quantity: l.quantity,
                unit_price: l.unit_price,
                price_override: l.price_override,
                subscription: l.subscription,
            })
            .collect();
        let awaiting = r.state == SaleState::AwaitingPayment;
        let qr_svg = match (&r.payment_complete_url, awaiting) {
            (Some(url), true) => crate::qr::svg(url, 360).ok(),
            _ => None,
        };
        Ok(SaleView {
            id: r.id.clone(),
            state: r.state,
            currency: r.currency.clone(),
            total: r.total,
            lines,
            payment_complete_url: if awaiting { r.payment_complete_url.clone() } else { None },
            qr_svg,
            expires_at: r.expires_at,
            order_number: r.order_number.clone(),
            store_total: r.store_total,
            customer: r.customer.clone(),
            reason: r.reason.clone(),
            after_cancel: r.after_cancel,
            created_at: r.created_at,
            updated_at: r.updated_at,
            paid_at: r.paid_at,
            supports_upsells: r.state == SaleState::Paid
                && r.order_json
                    .as_deref()
                    .and_then(|j| serde_json::from_str::<Order>(j).ok())
                    .is_some_and(|o| o.supports_post_purchase_upsells),
            upsells: crate::db::upsells::for_sale(self.db(), &r.id)?,
            timeline: if with_timeline { Some(sales::events(self.db(), &r.id)?) } else { None },
            order: if with_timeline { r.order_json.as_deref().and_then(|j| serde_json::from_str(j).ok()) } else { None },
            origin: r.origin.clone(),
            refunded: r.refunded,
            store_status: r.store_status.clone(),
            refunds: crate::db::refunds::for_sale(self.db(), &r.id)?,
            staff: r.staff.clone(),
        })
    }

    fn record(&self, id: &str) -> Result<SaleRecord> {
        sales::get(self.db(), id)?.ok_or(Error::NotFound("sale"))
    }

    /// A sale with its timeline.
    pub fn sale(&self, id: &str) -> Result<SaleView> {
        let r = self.record(id)?;
        self.view(&r, true)
    }

    /// Sales matching `filter`, newest first, `limit` from `offset`. A cashier sees today's
    /// sales only (the shop's day).
    pub fn history(&self, filter: &sales::Filter, limit: usize, offset: usize) -> Result<Vec<SaleView>> {
        let actor = self.require(crate::db::staff::Role::Cashier, "see the history")?;
        let mut filter = filter.clone();
        if actor.staff().is_some_and(|s| s.role == crate::db::staff::Role::Cashier) {
            let (today, _) = self.day_bounds(self.today());
            filter.from_ms = Some(filter.from_ms.unwrap_or(today).max(today));
        }
        sales::list(self.db(), &filter, limit.clamp(1, 500), offset)?.iter().map(|r| self.view(r, false)).collect()
    }

    /// A sale with its timeline, for the window: a cashier may open today's sales only.
    pub fn sale_detail(&self, id: &str) -> Result<SaleView> {
        let actor = self.require(crate::db::staff::Role::Cashier, "see the history")?;
        let view = self.sale(id)?;
        if actor.staff().is_some_and(|s| s.role == crate::db::staff::Role::Cashier) && view.created_at < self.day_bounds(self.today()).0 {
            return Err(Error::Forbidden("Only a manager can open sales from before today.".into()));
        }
        Ok(view)
    }

    pub(crate) fn publish(&self, id: &str) {
        match self.record(id).and_then(|r| self.view(&r, false)) {
            Ok(view) => self.emit(Event::SaleUpdated { sale: Box::new(view) }),
            Err(e) => tracing::error!(sale = id, error = %e, "cannot publish sale"),
        }
    }

    fn move_to(&self, id: &str, from: &[SaleState], to: SaleState, changes: Changes, note: &str) -> Result<bool> {
        let before = sales::get(self.db(), id)?.map(|r| r.state);
        let moved = sales::transition(self.db(), id, from, to, &changes, note)?;
        if moved {
            // Staff start and cancel sales; every other move is the customer's, the
            // store's or the clock's.
            let who = match to {
                SaleState::Creating | SaleState::Cancelled => self.current_actor().name(),
                _ => "system".into(),
            };
            crate::db::audit::record(self.db(), &who, "sale.state", Some(id), before.map(|s| s.as_str()), Some(to.as_str()))?;
            tracing::info!(sale = id, state = to.as_str(), "sale moved");
            self.publish(id);
        }
        Ok(moved)
    }

    /// Start a sale: persist the basket as a session, then ask the store for a Klarna
    /// payment link. Returns the sale; when the store could not be asked, the sale is a
    /// `draft` whose `reason` says why, to [`Counter::retry`] or [`Counter::cancel`].
    ///
    /// Fails before anything is stored when the basket is invalid (empty, too big, an
    /// unknown or unsellable variant, no price in the currency) or no store is connected.
    pub async fn charge(&self, basket: &[BasketLine]) -> Result<SaleView> {
        let actor = self.require(crate::db::staff::Role::Cashier, "sell")?;
        if basket.is_empty() {
            return Err(Error::Invalid("The basket is empty.".into()));
        }
        if basket.len() > MAX_LINES {
            return Err(Error::Invalid(format!("A sale can have at most {MAX_LINES} lines.")));
        }
        let client = self.client()?;
        let Some(public) = self.public_url() else {
            if self.settings().tunnel.is_some() {
                let why = match self.tunnel_state() {
                    crate::tunnel::TunnelState::Failed { reason, .. } => reason,
                    crate::tunnel::TunnelState::Restarting { reason, .. } => format!("it stopped ({reason}) and is being restarted"),
                    _ => "it is starting".into(),
                };
                return Err(Error::NotConfigured(format!("The tunnel is not up, so customers could not get back after paying: {why}.")));
            }
            return Err(Error::NotConfigured("The return endpoint is not running, so the store could not send the customer back.".into()));
        };
        // A customer who pays must be able to come back: refuse while the last check of the
        // public URL failed (staff see why, and a new check runs with every settings change).
        if let crate::reachability::Reachability::Unreachable { url, reason, .. } = self.reachability() {
            if url == public {
                return Err(Error::NotConfigured(format!(
                    "Customers could not get back to {url} after paying: {reason}. Check the tunnel or the public URL in Settings."
                )));
            }
        }
        let currency = self.currency().await?;
        drop(client);

        // Merge repeated lines of the same variant, price and subscription. Prices come from
        // the cache unless staff set one; nothing else from the caller is trusted.
        let mut merged: Vec<BasketLine> = Vec::new();
        for l in basket {
            if !(1..=MAX_QUANTITY).contains(&l.quantity) {
                return Err(Error::Invalid(format!("Quantities must be between 1 and {MAX_QUANTITY}.")));
            }
            if l.price.is_some_and(|p| p < Decimal::ZERO || p.scale() > 2 || p > Decimal::new(99_999_999, 0)) {
                return Err(Error::Invalid("A price must be a positive amount with at most two decimals.".into()));
            }
            match merged.iter_mut().find(|m| m.variant_id == l.variant_id && m.price == l.price && m.subscription == l.subscription) {
                Some(m) => {
                    m.quantity += l.quantity;
                    if m.quantity > MAX_QUANTITY {
                        return Err(Error::Invalid(format!("Quantities must be between 1 and {MAX_QUANTITY}.")));
                    }
                }
                None => merged.push(l.clone()),
            }
        }
        let mut lines = Vec::new();
        let mut total = Decimal::ZERO;
        for l in merged {
            let id = l.variant_id;
            let v = catalog::variant(self.db(), id)?
                .ok_or_else(|| Error::Invalid(format!("Product {id} is not in the catalog. Sync the catalog and try again.")))?;
            if !v.purchasable {
                return Err(Error::Invalid(format!("{} cannot be sold right now (out of stock or unavailable).", v.display_title())));
            }
            let catalog_price = v.prices.get(&currency).copied();
            let unit_price = match (l.price, catalog_price) {
                (Some(p), _) => p,
                (None, Some(p)) => p,
                (None, None) => return Err(Error::Invalid(format!("{} has no price in {currency}.", v.display_title()))),
            };
            if let Some(choice) = &l.subscription {
                let Some(plan) = &v.subscription else {
                    return Err(Error::Invalid(format!("{} is not sold as a subscription.", v.display_title())));
                };
                if choice.interval != plan.interval || !plan.interval_counts.contains(&choice.interval_count) {
                    return Err(Error::Invalid(format!(
                        "{} can be subscribed every {} {}(s).",
                        v.display_title(),
                        plan.interval_counts.iter().map(i64::to_string).collect::<Vec<_>>().join(", "),
                        plan.interval
                    )));
                }
            }
            total += unit_price * Decimal::from(l.quantity);
            lines.push(SaleLine {
                variant_id: id,
                title: v.display_title(),
                sku: v.sku.clone(),
                quantity: l.quantity,
                unit_price,
                price_override: l.price.is_some(),
                subscription: l.subscription,
            });
        }

        let token = random_token();
        let now = now_ms();
        let record = SaleRecord {
            id: new_sale_id(),
            return_url: format!("{public}/klarna/return/{token}"),
            state: SaleState::Creating,
            currency,
            total,
            payment_complete_url: None,
            order_number: None,
            store_total: None,
            order_json: None,
            claim_json: None,
            customer: None,
            reason: None,
            after_cancel: false,
            created_at: now,
            updated_at: now,
            expires_at: None,
            paid_at: None,
            origin: None,
            refunded: None,
            store_status: None,
            staff: actor.staff().map(|s| s.name.clone()),
        };
        let note = match &record.staff {
            Some(name) => format!("Charge pressed by {name}; asking the store for a Klarna payment link"),
            None => "Charge pressed; asking the store for a Klarna payment link".to_string(),
        };
        sales::insert(self.db(), &record, &token_hash(&token), &lines, &note)?;
        crate::db::audit::record(
            self.db(),
            &actor.name(),
            "sale.state",
            Some(&record.id),
            None,
            Some(&format!("creating {} {}", record.total, record.currency)),
        )?;
        self.publish(&record.id);
        self.create_payment_link(&record.id).await
    }

    /// Send a `draft` sale to the store again, with the same return URL (so a payment from
    /// an earlier attempt still lands on this sale).
    ///
    /// Fails when the sale is not a draft.
    pub async fn retry(&self, id: &str) -> Result<SaleView> {
        self.require(crate::db::staff::Role::Cashier, "sell")?;
        if !self.move_to(
            id,
            &[SaleState::Draft],
            SaleState::Creating,
            Changes { reason: Some(None), ..Default::default() },
            "Trying again",
        )? {
            return Err(Error::Conflict("This sale is no longer waiting to be sent.".into()));
        }
        self.create_payment_link(id).await
    }

    async fn create_payment_link(&self, id: &str) -> Result<SaleView> {
        let record = self.record(id)?;
        let settings = self.settings();
        let body = CreateOrder {
            lines: sales::lines(self.db(), id)?
                .iter()
                .map(|l| CreateOrderLine {
                    product_id: VariantId(l.variant_id),
                    quantity: l.quantity,
                    price: l.price_override.then_some(l.unit_price),
                    is_upsell: None,
                    metadata: None,
                    subscription: l.subscription.clone(),
                })
                .collect(),
            currency: record.currency.clone(),
            payment_method: "klarna",
            payment_details: PaymentDetails {
                payment_return_url: record.return_url.clone(),
                payment_gateway: settings.payment_gateway,
                payment_gateway_group: settings.payment_gateway_group,
            },
            tags: vec!["counterpay".into(), format!("counterpay:{}", self.counter_id())],
            metadata: match &record.staff {
                Some(name) => json!({ "counterpay_sale": record.id, "counterpay_counter": self.counter_id(), "counterpay_staff": name }),
                None => json!({ "counterpay_sale": record.id, "counterpay_counter": self.counter_id() }),
            },
            attribution: record
                .staff
                .as_ref()
                .map(|name| json!({ "metadata": { "counterpay_staff": name, "counterpay_counter": self.counter_id() } })),
        };
        let result = match self.client() {
            Ok(client) => client.orders().create_klarna(&body).await.map_err(Error::Api),
            Err(e) => Err(e),
        };
        match result {
            Ok(redirect) => {
                let expires = now_ms() + (settings.session_timeout_secs as i64) * 1000;
                let changes =
                    Changes { payment_complete_url: Some(redirect.payment_complete_url), expires_at: Some(expires), ..Default::default() };
                if self.move_to(id, &[SaleState::Creating], SaleState::AwaitingPayment, changes, "Payment link ready; QR code shown")? {
                    self.arm_expiry(id, Duration::from_secs(settings.session_timeout_secs));
                }
            }
            Err(e) => {
                let reason = match &e {
                    Error::Api(api) if api.outcome_unknown() => format!(
                        "{e}. The payment link may exist: if the customer already sees a Klarna page, a payment from it will still be recorded here."
                    ),
                    _ => format!("{e}. Nothing was charged."),
                };
                tracing::warn!(sale = id, error = %e, "creating the payment link failed");
                self.move_to(
                    id,
                    &[SaleState::Creating],
                    SaleState::Draft,
                    Changes { reason: Some(Some(reason)), ..Default::default() },
                    "The store did not give a payment link",
                )?;
            }
        }
        self.sale(id)
    }

    fn arm_expiry(&self, id: &str, after: Duration) {
        let counter = self.clone();
        let id = id.to_string();
        tokio::spawn(async move {
            tokio::time::sleep(after).await;
            if let Err(e) = counter.expire_if_due(&id) {
                tracing::error!(sale = id, error = %e, "expiry failed");
            }
        });
    }

    /// Expire the sale if it still awaits payment and its time is up. Returns whether it did.
    pub fn expire_if_due(&self, id: &str) -> Result<bool> {
        let r = self.record(id)?;
        if r.state != SaleState::AwaitingPayment || r.expires_at.is_some_and(|t| t > now_ms()) {
            return Ok(false);
        }
        self.move_to(
            id,
            &[SaleState::AwaitingPayment],
            SaleState::Expired,
            Changes { reason: Some(Some("Nobody paid before the link timed out.".into())), ..Default::default() },
            "Timed out waiting for the customer",
        )
    }

    /// Staff cancels a sale that is not paid yet. A payment that still arrives for it is
    /// recorded and flagged, never dropped.
    ///
    /// Fails when the sale is already being verified or final.
    pub fn cancel(&self, id: &str) -> Result<SaleView> {
        self.require(crate::db::staff::Role::Cashier, "cancel a sale")?;
        let moved = self.move_to(
            id,
            &[SaleState::Draft, SaleState::Creating, SaleState::AwaitingPayment],
            SaleState::Cancelled,
            Changes { reason: Some(Some("Cancelled at the counter.".into())), ..Default::default() },
            "Cancelled by staff",
        )?;
        if !moved {
            let r = self.record(id)?;
            return Err(Error::Conflict(format!("This sale can no longer be cancelled: it is {}.", r.state.as_str().replace('_', " "))));
        }
        self.sale(id)
    }

    /// Handle a POST to `/klarna/return/<token>`: find the sale, apply the claim, verify an
    /// order with the store, and return the page for the customer's browser.
    ///
    /// Returns `Ok(None)` for an unknown token (the caller answers 404 and writes nothing).
    pub async fn receive_return(&self, token: &str, claim: Claim) -> Result<Option<Page>> {
        if !token_is_well_formed(token) {
            return Ok(None);
        }
        let Some(sale) = sales::by_token_hash(self.db(), &token_hash(token))? else {
            return Ok(None);
        };
        let shop = self.shop_name();
        match claim {
            Claim::Failed => {
                let moved = self.move_to(
                    &sale.id,
                    &[SaleState::Draft, SaleState::Creating, SaleState::AwaitingPayment],
                    SaleState::Failed,
                    Changes { reason: Some(Some("Klarna did not approve the payment.".into())), ..Default::default() },
                    "Customer's payment failed or was declined",
                )?;
                if moved {
                    return Ok(Some(pages::failed(&shop)));
                }
                // Nothing changes; show the outcome the sale already has.
                self.page_for(&self.record(&sale.id)?)
            }
            Claim::Order { number, raw } => self.receive_order_claim(sale, number, raw).await,
        }
    }

    fn page_for(&self, sale: &SaleRecord) -> Result<Option<Page>> {
        let shop = self.shop_name();
        Ok(Some(match sale.state {
            SaleState::Paid => match sale.order_json.as_deref().and_then(|j| serde_json::from_str::<pages::ReceiptOrder>(j).ok()) {
                Some(order) => pages::receipt_of(&shop, &order),
                None => pages::checking(&shop),
            },
            SaleState::Verifying => pages::checking(&shop),
            SaleState::Failed => pages::failed(&shop),
            SaleState::Rejected => pages::see_staff(&shop),
            SaleState::Cancelled | SaleState::Expired => pages::see_staff(&shop),
            SaleState::Draft | SaleState::Creating | SaleState::AwaitingPayment => pages::failed(&shop),
        }))
    }

    async fn receive_order_claim(&self, sale: SaleRecord, number: OrderNumber, raw: String) -> Result<Option<Page>> {
        let id = sale.id.clone();
        let mut updates = self.subscribe();
        if !self.claim_order(&sale, number.clone(), raw, ClaimSource::Browser).await? {
            // Already verifying (a webhook may have arrived first) or final: this POST
            // changes nothing. Give a running verification a moment, so the customer sees
            // its outcome rather than "checking".
            let deadline = tokio::time::Instant::now() + RETURN_PAGE_WAIT;
            // A sale already paid stays paid: answer from the record in hand.
            let mut current = if sale.state == SaleState::Paid { sale } else { self.record(&id)? };
            while current.state == SaleState::Verifying {
                match tokio::time::timeout_at(deadline, updates.recv()).await {
                    Ok(Ok(_)) | Ok(Err(broadcast::error::RecvError::Lagged(_))) => {}
                    Ok(Err(broadcast::error::RecvError::Closed)) | Err(_) => break,
                }
                current = self.record(&id)?;
            }
            if current.order_number.as_deref() != Some(number.0.as_str()) && current.state == SaleState::Paid {
                sales::note(
                    self.db(),
                    &id,
                    current.state,
                    &format!("Another order {number} was posted for this paid sale; check it in the store"),
                )?;
            }
            return self.page_for(&current);
        }
        self.page_for(&self.record(&id)?)
    }

    /// Claim order `number` for `sale` and verify it with the store: the one path by which
    /// a browser return, a webhook and reconciliation all settle a sale. Returns `false`
    /// (changing nothing) when the sale is already verifying or settled.
    pub(crate) async fn claim_order(&self, sale: &SaleRecord, number: OrderNumber, raw: String, source: ClaimSource) -> Result<bool> {
        // A rejected claim (a forged or mismatched order) must not stop the customer's real
        // payment from being recorded; the same rejected order is not checked again.
        if sale.state == SaleState::Rejected && claimed_number(sale).as_ref() == Some(&number) {
            return Ok(false);
        }
        // Settled or being settled: nothing to write (the compare-and-set below would refuse
        // it too; this spares a replayed return the write transaction).
        if matches!(sale.state, SaleState::Paid | SaleState::Verifying) {
            return Ok(false);
        }
        let late = matches!(sale.state, SaleState::Cancelled | SaleState::Expired | SaleState::Failed | SaleState::Rejected);
        let claimable = [
            SaleState::Draft,
            SaleState::Creating,
            SaleState::AwaitingPayment,
            SaleState::Cancelled,
            SaleState::Expired,
            SaleState::Failed,
            SaleState::Rejected,
        ];
        let via = match source {
            ClaimSource::Browser => "posted by the customer's browser",
            ClaimSource::Webhook => "announced by a store webhook",
            ClaimSource::Reconciliation => "found in the store by reconciliation",
        };
        let note = if late {
            format!("Order {number} {via} after the sale was {}; checking it with the store", sale.state.as_str())
        } else {
            format!("Order {number} {via}; checking it with the store")
        };
        let changes = Changes {
            claim_json: Some(raw),
            after_cancel: Some(late),
            reason: Some(Some("Waiting for the store to confirm the payment.".into())),
            ..Default::default()
        };
        if !self.move_to(&sale.id, &claimable, SaleState::Verifying, changes, &note)? {
            return Ok(false);
        }
        match self.verify_once(&sale.id, &number).await {
            Ok(()) => {}
            Err(e) if matches!(&e, Error::Api(api) if api.is_transient()) => {
                self.spawn_verification(&sale.id, number);
            }
            Err(e) => return Err(e),
        }
        Ok(true)
    }

    fn spawn_verification(&self, id: &str, number: OrderNumber) {
        let counter = self.clone();
        let id = id.to_string();
        tokio::spawn(async move {
            let mut wait = Duration::from_secs(2);
            loop {
                tokio::time::sleep(wait).await;
                match counter.verify_once(&id, &number).await {
                    Ok(()) => return,
                    Err(Error::Api(e)) if e.is_transient() => {
                        tracing::warn!(sale = id, error = %e, "store still unreachable; will verify again");
                        wait = (wait * 2).min(Duration::from_secs(60));
                    }
                    Err(e) => {
                        tracing::error!(sale = id, error = %e, "verification stopped");
                        return;
                    }
                }
            }
        });
    }

    /// Check the claimed order `number` against the store and settle a `verifying` sale.
    /// Transient store failures leave it `verifying` with the reason shown to staff.
    async fn verify_once(&self, id: &str, number: &OrderNumber) -> Result<()> {
        let sale = self.record(id)?;
        if sale.state != SaleState::Verifying {
            return Ok(());
        }
        let fetched = match self.client() {
            Ok(c) => c.orders().retrieve(number).await,
            Err(e) => return Err(e),
        };
        let verdict = match fetched {
            Ok(order) => self.judge(&sale, order)?,
            Err(e) if e.is_not_found() => Verdict::Rejected(format!("The store has no order {number}: the posted payment is not genuine.")),
            Err(e) => {
                let reason = format!("Waiting for the store to confirm order {number}: {e}. Retrying.");
                self.move_to(
                    id,
                    &[SaleState::Verifying],
                    SaleState::Verifying,
                    Changes { reason: Some(Some(reason)), ..Default::default() },
                    "Store unreachable; will retry",
                )?;
                return Err(Error::Api(e));
            }
        };
        match verdict {
            Verdict::Paid(order) => {
                let changes = Changes {
                    order_number: Some(order.number.0.clone()),
                    store_total: Some(order.total_incl_tax),
                    order_json: serde_json::to_string(&*order).ok(),
                    customer: order.user.as_ref().and_then(|u| u.display()),
                    refunded: Some(order.refunded()),
                    store_status: order.status.clone(),
                    reason: Some(if sale.after_cancel {
                        Some("Paid after the sale had ended at the counter (cancelled, timed out, declined or rejected). The customer has paid: hand over the goods or refund.".into())
                    } else {
                        None
                    }),
                    paid_at: Some(now_ms()),
                    ..Default::default()
                };
                let note = format!("The store confirmed order {} ({} {})", order.number, order.total_incl_tax, order.currency);
                match self.move_to(id, &[SaleState::Verifying], SaleState::Paid, changes, &note) {
                    Ok(_) => Ok(()),
                    Err(Error::Db(rusqlite::Error::SqliteFailure(f, _))) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                        self.reject(id, format!("Order {number} already belongs to another sale."))
                    }
                    Err(e) => Err(e),
                }
            }
            Verdict::Rejected(reason) => self.reject(id, reason),
        }
    }

    fn reject(&self, id: &str, reason: String) -> Result<()> {
        tracing::warn!(sale = id, reason, "claimed payment rejected");
        self.move_to(
            id,
            &[SaleState::Verifying],
            SaleState::Rejected,
            Changes { reason: Some(Some(reason.clone())), ..Default::default() },
            &reason,
        )?;
        Ok(())
    }

    fn judge(&self, sale: &SaleRecord, order: Order) -> Result<Verdict> {
        if let Some(other) = sales::by_order_number(self.db(), &order.number.0)? {
            if other.id != sale.id {
                return Ok(Verdict::Rejected(format!("Order {} already belongs to another sale.", order.number)));
            }
        }
        if let Some(tagged) = order.metadata.get("counterpay_sale").and_then(Value::as_str) {
            if tagged != sale.id {
                return Ok(Verdict::Rejected(format!("Order {} was made for a different sale.", order.number)));
            }
        }
        if order.currency != sale.currency {
            return Ok(Verdict::Rejected(format!("Order {} is in {}, the sale is in {}.", order.number, order.currency, sale.currency)));
        }
        let status = order.payment_status.as_deref().unwrap_or("unknown");
        if !ACCEPTED_PAYMENT.contains(&status) {
            return Ok(Verdict::Rejected(format!("The store says order {} is {status}, not paid.", order.number)));
        }
        let mut expected: BTreeMap<i64, i64> = BTreeMap::new();
        for l in sales::lines(self.db(), &sale.id)? {
            *expected.entry(l.variant_id).or_default() += l.quantity;
        }
        let mut actual: BTreeMap<i64, i64> = BTreeMap::new();
        for l in order.lines.iter().filter(|l| !l.is_upsell) {
            *actual.entry(l.variant_id.0).or_default() += l.quantity;
        }
        if expected != actual {
            return Ok(Verdict::Rejected(format!("Order {} does not contain this sale's items and quantities.", order.number)));
        }
        Ok(Verdict::Paid(Box::new(order)))
    }

    /// Settle sales left open by a previous run: expire overdue links, re-arm timers,
    /// resume verifications, return interrupted creates to `draft`, and settle upsells whose
    /// charge was in flight (in the background, by reading their orders back).
    ///
    /// Call it once at start-up, before the counter sells.
    pub fn resume(&self) -> Result<()> {
        self.mark_interrupted_refunds()?;
        let settling = self.clone();
        tokio::spawn(async move {
            settling.settle_open_upsells().await;
            settling.settle_unknown_refunds().await;
        });
        let open = sales::in_states(self.db(), &[SaleState::Creating, SaleState::AwaitingPayment, SaleState::Verifying])?;
        for sale in open {
            match sale.state {
                SaleState::Creating => {
                    let reason = "Counterpay stopped while asking the store for a payment link. Try again; a payment from an earlier link will still be recorded here.";
                    self.move_to(
                        &sale.id,
                        &[SaleState::Creating],
                        SaleState::Draft,
                        Changes { reason: Some(Some(reason.into())), ..Default::default() },
                        "Interrupted by a restart",
                    )?;
                }
                SaleState::AwaitingPayment => {
                    let left = sale.expires_at.unwrap_or(0) - now_ms();
                    if left <= 0 {
                        self.expire_if_due(&sale.id)?;
                    } else {
                        self.arm_expiry(&sale.id, Duration::from_millis(left as u64));
                    }
                }
                SaleState::Verifying => {
                    if let Some(number) = claimed_number(&sale) {
                        self.spawn_verification(&sale.id, number);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The order number last claimed for `sale`, if any.
pub(crate) fn claimed_number(sale: &SaleRecord) -> Option<OrderNumber> {
    match Claim::from_json(sale.claim_json.as_deref()?).ok()? {
        Claim::Order { number, .. } => Some(number),
        Claim::Failed => None,
    }
}

fn new_sale_id() -> String {
    let t = random_token();
    format!("s_{}", &t[..20])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let a = random_token();
        let b = random_token();
        assert_ne!(a, b, "two tokens must differ");
        assert!(token_is_well_formed(&a), "{a} must be 43 URL-safe characters (256 bits)");
        assert!(!token_is_well_formed("short"), "a short token is not ours");
        assert!(!token_is_well_formed(&format!("{}/", &a[..42])), "a slash is not URL-safe");
    }

    #[test]
    fn claims_parse_as_the_store_posts_them() {
        assert_eq!(Claim::from_form(b"response=%7B%7D").unwrap(), Claim::Failed);
        let c = Claim::from_form(b"response=%7B%22number%22%3A%2210001%22%7D").unwrap();
        assert!(matches!(c, Claim::Order { number, .. } if number.0 == "10001"));
        assert_eq!(Claim::from_form(b"other=1"), Err(ClaimError::MissingResponse));
        assert_eq!(Claim::from_form(b"response=%7B%7D&response=%7B%7D"), Err(ClaimError::DuplicateResponse));
        assert_eq!(Claim::from_form(b"response=not-json"), Err(ClaimError::NotJson));
        assert_eq!(Claim::from_form(b"response=%5B%5D"), Err(ClaimError::NotJson), "an array is not an order");
        assert_eq!(
            Claim::from_json(r#"{"number":"../../x"}"#),
            Err(ClaimError::NoNumber),
            "a path in the number must not reach the API URL"
        );
        assert_eq!(Claim::from_json(r#"{"total":"1.00"}"#), Err(ClaimError::NoNumber));
    }

    proptest::proptest! {
        #[test]
        fn any_form_body_parses_or_is_refused_without_panicking(body in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            let _ = Claim::from_form(&body);
        }

        #[test]
        fn any_response_text_parses_or_is_refused_without_panicking(text in "\\PC{0,512}") {
            let _ = Claim::from_json(&text);
        }

        #[test]
        fn an_order_number_survives_form_encoding(number in "[A-Za-z0-9_-]{1,64}", extra in "[a-z ]{0,40}") {
            let json = serde_json::json!({ "number": number, "note": extra }).to_string();
            let body = url::form_urlencoded::Serializer::new(String::new()).append_pair("response", &json).finish();
            match Claim::from_form(body.as_bytes()) {
                Ok(Claim::Order { number: parsed, raw }) => {
                    proptest::prop_assert_eq!(parsed.0, number);
                    proptest::prop_assert_eq!(raw, json);
                }
                other => proptest::prop_assert!(false, "expected an order claim, got {:?}", other),
            }
        }

        #[test]
        fn numbers_with_other_characters_are_refused(number in "[^A-Za-z0-9_-]{1,8}") {
            let json = serde_json::json!({ "number": number }).to_string();
            proptest::prop_assert!(Claim::from_json(&json).is_err(), "{} must not reach an API path", json);
        }
    }

    #[test]
    fn states_round_trip() {
        for s in [
            SaleState::Draft,
            SaleState::Creating,
            SaleState::AwaitingPayment,
            SaleState::Verifying,
            SaleState::Paid,
            SaleState::Failed,
            SaleState::Rejected,
            SaleState::Cancelled,
            SaleState::Expired,
        ] {
            assert_eq!(s.as_str().parse::<SaleState>().unwrap(), s);
        }
    }
}
