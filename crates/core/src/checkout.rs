//! The sale's state machine.
//!
//! ```text
//! draft ──charge──▶ creating ──201──▶ awaiting_payment ──store confirms a claimed order──▶ paid
//!                      │                   │        │                └─paid, but not provably ours──▶ review ──manager──▶ paid | rejected
//!                      └─error─▶ draft     │        └─POST {}──▶ failed
//!                                          ├─staff cancels──▶ cancelled
//!                                          └─timeout──▶ expired
//! ```
//!
//! A posted order is a claim ([`crate::claims`]): it is checked beside the sale and never
//! changes the sale's state by itself.
//!
//! Invariants:
//! - a sale row exists (state `creating`) before the create call leaves, so a crash or an
//!   unknown outcome never loses track of a payment link;
//! - every change is a compare-and-set on the current state (see [`crate::db::sales`]);
//! - a posted order is a claim: only `GET /orders/{number}/` can make a sale `paid`, and a
//!   refused claim is a note, not a state;
//! - a payment that arrives after cancel, expiry or decline is still verified and
//!   recorded, flagged `after_cancel`: the customer's money is never dropped;
//! - the return token is ≥128 bits from the OS RNG; only its SHA-256 is stored and looked
//!   up (a retry makes a new token; the earlier links still land on the sale).

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
    /// The store holds a paid order with this sale's items that is not provably this
    /// sale's (no Counterpay mark, or other amounts): a manager decides.
    Review,
    /// The store confirmed the payment.
    Paid,
    /// Klarna declined (`response={}`).
    Failed,
    /// A manager turned down the order held for review.
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
            SaleState::Review => "review",
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

    /// Every state.
    pub const ALL: [SaleState; 9] = [
        SaleState::Draft,
        SaleState::Creating,
        SaleState::AwaitingPayment,
        SaleState::Review,
        SaleState::Paid,
        SaleState::Failed,
        SaleState::Rejected,
        SaleState::Cancelled,
        SaleState::Expired,
    ];

    /// The states from which the store's confirmation makes a sale `paid`: every state but
    /// `paid` (a payment after cancel, expiry, decline or rejection is still recorded).
    pub const PAYABLE: [SaleState; 8] = [
        SaleState::Draft,
        SaleState::Creating,
        SaleState::AwaitingPayment,
        SaleState::Review,
        SaleState::Failed,
        SaleState::Rejected,
        SaleState::Cancelled,
        SaleState::Expired,
    ];

    /// The states from which a paid but unproven order puts the sale up for review.
    pub const REVIEWABLE: [SaleState; 7] = [
        SaleState::Draft,
        SaleState::Creating,
        SaleState::AwaitingPayment,
        SaleState::Failed,
        SaleState::Rejected,
        SaleState::Cancelled,
        SaleState::Expired,
    ];
}

impl FromStr for SaleState {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "draft" => SaleState::Draft,
            "creating" => SaleState::Creating,
            "awaiting_payment" => SaleState::AwaitingPayment,
            "review" => SaleState::Review,
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
    /// Ship to the customer (the store's usual fulfillment) instead of handing the goods
    /// over at the counter, which is the default.
    #[serde(default)]
    pub ship: bool,
}

impl BasketLine {
    /// A line at the catalog price, not a subscription, handed over at the counter.
    pub fn new(variant_id: i64, quantity: i64) -> BasketLine {
        BasketLine { variant_id, quantity, price: None, subscription: None, ship: false }
    }
}

/// How to charge, beyond the basket.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChargeOptions {
    /// A manager's PIN approving prices a cashier may not set alone ([`crate::pricing`]).
    #[serde(default)]
    pub approval: Option<String>,
    /// The language of Klarna's payment page; Settings' `payment_language` when `None`.
    #[serde(default)]
    pub language: Option<String>,
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
    /// Shipped by the store rather than handed over.
    pub ship: bool,
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
    /// Order numbers named for this sale and what the store said of each: quiet lines for
    /// staff, never the sale's state.
    pub claims: Vec<crate::claims::ClaimView>,
    /// The sale at the store: captured, handed over, shipped (paid sales of this counter).
    pub closing: Option<crate::closing::ClosingView>,
    /// The language of Klarna's payment page.
    pub language: Option<String>,
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

pub use crate::claims::ClaimSource;

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
                ship: l.ship,
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
            claims: self.claims_of(&r.id)?,
            closing: if r.state == SaleState::Paid { self.closing_of(&r.id)? } else { None },
            language: r.language.clone(),
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
        let (_, record) = self.guarded_sale(id, crate::staff::SaleAccess::See, "see the history")?;
        self.view(&record, true)
    }

    /// The sale's own hosted payment page, while it can be paid (to open in the browser).
    ///
    /// Fails when the sale has no open payment page.
    pub fn payment_page_url(&self, id: &str) -> Result<String> {
        let (_, record) = self.guarded_sale(id, crate::staff::SaleAccess::See, "open a payment page")?;
        match (record.state, record.payment_complete_url) {
            (SaleState::AwaitingPayment, Some(url)) => Ok(url),
            _ => Err(Error::Conflict("This sale has no open payment page.".into())),
        }
    }

    pub(crate) fn publish(&self, id: &str) {
        match self.record(id).and_then(|r| self.view(&r, false)) {
            Ok(view) => self.emit(Event::SaleUpdated { sale: Box::new(view) }),
            Err(e) => tracing::error!(sale = id, error = %e, "cannot publish sale"),
        }
    }

    pub(crate) fn move_to(&self, id: &str, from: &[SaleState], to: SaleState, changes: Changes, note: &str) -> Result<bool> {
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
        self.charge_with(basket, &ChargeOptions::default()).await
    }

    /// [`Counter::charge`], with a manager's PIN `approval` for prices a cashier may not set
    /// alone ([`crate::pricing`]).
    ///
    /// Fails with [`Error::ApprovalRequired`] before anything is stored when a price needs a
    /// manager and no (or a wrong) PIN came with it.
    pub async fn charge_with(&self, basket: &[BasketLine], options: &ChargeOptions) -> Result<SaleView> {
        let approval = options.approval.as_deref();
        let language = options.language.clone().unwrap_or_else(|| self.settings().payment_language);
        if !crate::config::PAYMENT_LANGUAGES.iter().any(|(code, _)| *code == language) {
            return Err(Error::Invalid(format!("Klarna's page does not speak {language:?}.")));
        }
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
        // What is handed over here is fulfilled at this counter's location: without one, the
        // store would ship the goods the customer already has.
        if !self.is_demo() && self.settings().location_id.is_none() {
            return Err(Error::NotConfigured(
                "Choose this counter's location in Settings (the shop it stands in) before selling, so the store does not ship what is handed over here.".into(),
            ));
        }

        // Merge repeated lines of the same variant, price and subscription. Prices come from
        // the cache unless staff set one; nothing else from the caller is trusted.
        let mut merged: Vec<BasketLine> = Vec::new();
        for l in basket {
            if !(1..=MAX_QUANTITY).contains(&l.quantity) {
                return Err(Error::Invalid(format!("Quantities must be between 1 and {MAX_QUANTITY}.")));
            }
            if let Some(p) = l.price {
                crate::pricing::check_shape(p)?;
            }
            match merged
                .iter_mut()
                .find(|m| m.variant_id == l.variant_id && m.price == l.price && m.subscription == l.subscription && m.ship == l.ship)
            {
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
        let mut price_changes = Vec::new();
        let mut total = Decimal::ZERO;
        for l in merged {
            let id = l.variant_id;
            let v = catalog::variant(self.db(), id)?
                .ok_or_else(|| Error::Invalid(format!("Product {id} is not in the catalog. Sync the catalog and try again.")))?;
            if !v.purchasable {
                return Err(Error::Invalid(format!("{} cannot be sold right now (out of stock or unavailable).", v.display_title())));
            }
            let catalog_price = v.prices.get(&currency).copied();
            if let Some(price) = l.price.filter(|p| Some(*p) != catalog_price) {
                price_changes.push(crate::pricing::PriceChange { title: v.display_title(), catalog: catalog_price, price });
            }
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
                ship: l.ship,
            });
        }

        let approver = self.approve_prices(&actor, &price_changes, approval).await?;
        let token = random_token();
        let now = now_ms();
        let record = SaleRecord {
            id: new_sale_id(),
            return_url: format!("{public}/klarna/return/"),
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
            language: Some(language),
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
        self.audit_prices(&actor, &record.id, &price_changes, approver.as_ref())?;
        if let Some(m) = &approver {
            sales::note(self.db(), &record.id, SaleState::Creating, &format!("Prices approved by {}", m.name))?;
        }
        self.publish(&record.id);
        self.create_payment_link(&record.id, &token).await
    }

    /// Send a `draft` sale to the store again, with a new return token; the earlier
    /// attempts' links still land on this sale, so a payment from one is still recorded.
    ///
    /// Fails when the sale is not a draft.
    pub async fn retry(&self, id: &str) -> Result<SaleView> {
        self.guarded_sale(id, crate::staff::SaleAccess::Sell, "sell")?;
        if !self.move_to(
            id,
            &[SaleState::Draft],
            SaleState::Creating,
            Changes { reason: Some(None), ..Default::default() },
            "Trying again",
        )? {
            return Err(Error::Conflict("This sale is no longer waiting to be sent.".into()));
        }
        let token = random_token();
        sales::add_token(self.db(), id, &token_hash(&token))?;
        self.create_payment_link(id, &token).await
    }

    async fn create_payment_link(&self, id: &str, token: &str) -> Result<SaleView> {
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
                payment_return_url: format!("{}{token}", record.return_url),
                payment_gateway: settings.payment_gateway,
                payment_gateway_group: settings.payment_gateway_group,
                language: record.language.clone(),
            },
            tags: vec![
                "counterpay".into(),
                format!("counterpay:{}", self.counter_id()),
                format!("{}{}", crate::claims::SALE_TAG_PREFIX, record.id),
            ],
            metadata: match &record.staff {
                Some(name) => json!({ "counterpay_sale": record.id, "counterpay_counter": self.counter_id(), "counterpay_staff": name }),
                None => json!({ "counterpay_sale": record.id, "counterpay_counter": self.counter_id() }),
            },
            attribution: record
                .staff
                .as_ref()
                .map(|name| json!({ "metadata": { "counterpay_staff": name, "counterpay_counter": self.counter_id() } })),
            send_receipt: settings.send_receipt,
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
                    Error::Api(api) if api.store_words().to_lowercase().contains("duplicate") => format!(
                        "The store refused it as a duplicate order: “{}” Its Prevent Duplicate Orders setting blocks orders of the same value for a while (30 minutes, its docs say). Nothing was charged. Press Try again later, or ask the store owner to turn the setting off for counter sales (the store's checkout settings).",
                        api.store_words()
                    ),
                    Error::Api(api @ crate::admin_api::ApiError::Status { .. }) => {
                        format!("The store refused the payment link: “{}” Nothing was charged.", api.store_words())
                    }
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
        if crate::db::claims::checking(self.db(), id)? {
            // A posted order is still being checked with the store: wait for its outcome.
            self.arm_expiry(id, Duration::from_secs(30));
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
        self.guarded_sale(id, crate::staff::SaleAccess::Sell, "cancel a sale")?;
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
            Claim::Order { number, .. } => self.receive_order_claim(sale, number).await,
        }
    }

    /// The page for whoever posts to a sale's link now, from the sale as it stands.
    fn page_for(&self, sale: &SaleRecord) -> Result<Option<Page>> {
        let shop = self.shop_name();
        Ok(Some(match sale.state {
            SaleState::Paid => match sale.order_json.as_deref().and_then(|j| serde_json::from_str::<pages::ReceiptOrder>(j).ok()) {
                Some(order) => pages::receipt_of(&shop, &order),
                None => pages::checking(&shop),
            },
            SaleState::Failed => pages::failed(&shop),
            SaleState::Review | SaleState::Rejected | SaleState::Cancelled | SaleState::Expired => pages::see_staff(&shop),
            SaleState::Draft | SaleState::Creating | SaleState::AwaitingPayment => pages::failed(&shop),
        }))
    }

    async fn receive_order_claim(&self, sale: SaleRecord, number: OrderNumber) -> Result<Option<Page>> {
        let id = sale.id.clone();
        let shop = self.shop_name();
        let mut updates = self.subscribe();
        let outcome = self.claim_order(&sale, number.clone(), ClaimSource::Browser, None).await?;
        Ok(Some(match outcome {
            crate::claims::ClaimOutcome::Paid => return self.page_for(&self.record(&id)?),
            crate::claims::ClaimOutcome::Checking => {
                // Another check of this order runs (a webhook may have come first), or the
                // store is slow to answer: give it a moment, so the customer sees the outcome.
                let deadline = tokio::time::Instant::now() + RETURN_PAGE_WAIT;
                loop {
                    let current = self.record(&id)?;
                    if current.state == SaleState::Paid && current.order_number.as_deref() == Some(number.0.as_str()) {
                        return self.page_for(&current);
                    }
                    if !crate::db::claims::get(self.db(), &id, &number.0)?
                        .is_some_and(|c| c.status == crate::db::claims::ClaimStatus::Checking)
                    {
                        break;
                    }
                    match tokio::time::timeout_at(deadline, updates.recv()).await {
                        Ok(Ok(_)) | Ok(Err(broadcast::error::RecvError::Lagged(_))) => {}
                        Ok(Err(broadcast::error::RecvError::Closed)) | Err(_) => break,
                    }
                }
                match self.record(&id)?.state {
                    SaleState::Review => pages::see_staff(&shop),
                    _ => pages::checking(&shop),
                }
            }
            crate::claims::ClaimOutcome::NotYet => pages::checking(&shop),
            crate::claims::ClaimOutcome::Review | crate::claims::ClaimOutcome::Refused | crate::claims::ClaimOutcome::Ignored => {
                pages::see_staff(&shop)
            }
        }))
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
        let rechecking = self.clone();
        tokio::spawn(async move {
            // Claims a stopped run was checking are checked again.
            if let Err(e) = rechecking.recheck_open_claims(true).await {
                tracing::warn!(error = %e, "open claims not checked at start; reconciliation will");
            }
        });
        // Paid sales a stopped run had not finished closing at the store: first, the store
        // ships them after its delay.
        let closing = self.clone();
        tokio::spawn(async move { closing.close_open_sales().await });
        let open = sales::in_states(self.db(), &[SaleState::Creating, SaleState::AwaitingPayment])?;
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
                _ => {}
            }
        }
        Ok(())
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
        for s in SaleState::ALL {
            assert_eq!(s.as_str().parse::<SaleState>().unwrap(), s);
        }
    }
}
