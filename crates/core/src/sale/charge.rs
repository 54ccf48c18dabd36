//! Charging: the basket checked against the catalog cache, the sale saved, then the
//! store asked for a Klarna payment link.

use std::time::Duration;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::token::{new_sale_id, random_token, token_hash};
use super::{SaleEvent, SaleState, SaleView};
use crate::admin_api::models::{CreateOrder, CreateOrderLine, PaymentDetails, SubscriptionChoice, VariantId};
use crate::counter::Counter;
use crate::db::catalog;
use crate::db::sales::{self, Changes, SaleLine, SaleRecord};
use crate::domain::words::{text, Text};
use crate::error::{Error, Result};

/// Most lines a basket may have.
pub const MAX_LINES: usize = 100;
/// Most units of one line.
pub const MAX_QUANTITY: i64 = 999;

/// A basket line as the counter sends it: a variant and a quantity. Prices come from the
/// catalog cache, never from the webview.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, ts_rs::TS)]
pub struct BasketLine {
    /// Variant id.
    pub variant_id: i64,
    /// Quantity, 1..=999.
    pub quantity: i64,
    /// A unit price set by staff (sent as the line's `price` and recorded as an override);
    /// `None` sells at the catalog price.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub price: Option<Decimal>,
    /// Sell as a subscription: the product's interval and one of its interval counts.
    #[serde(default)]
    #[ts(optional)]
    pub subscription: Option<SubscriptionChoice>,
    /// Ship to the customer (the store's usual fulfillment) instead of handing the goods
    /// over at the counter, which is the default.
    #[serde(default)]
    #[ts(optional, as = "Option<bool>")]
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

impl Counter {
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
        self.charge_as(basket, options, false).await
    }

    /// [`Counter::charge_with`]; a `test` sale (the first connection's, see
    /// [`crate::counter::SetupView`]) is recorded as one before its link exists, and its order
    /// is cancelled with a full refund as soon as it is paid instead of being closed.
    pub(crate) async fn charge_as(&self, basket: &[BasketLine], options: &ChargeOptions, test: bool) -> Result<SaleView> {
        let approval = options.approval.as_deref();
        let language = options.language.clone().unwrap_or_else(|| self.settings().payment_language);
        if !crate::config::PAYMENT_LANGUAGES.iter().any(|(code, _)| *code == language) {
            return Err(Error::Invalid(text!("charge-language", language = &language)));
        }
        let actor = self.require(crate::db::staff::Role::Cashier, crate::text!("may-sell"))?;
        if basket.is_empty() {
            return Err(Error::Invalid(text!("charge-empty")));
        }
        if basket.len() > MAX_LINES {
            return Err(Error::Invalid(text!("charge-too-many-lines", most = MAX_LINES)));
        }
        let client = self.client()?;
        let Some(public) = self.public_url() else {
            if self.settings().tunnel.is_some() {
                let why = match self.tunnel_state() {
                    crate::tunnel::TunnelState::Failed { reason, .. } => text!("tunnel-failed", reason = reason),
                    crate::tunnel::TunnelState::Restarting { reason, .. } => text!("tunnel-restarting", reason = reason),
                    _ => text!("tunnel-starting"),
                };
                return Err(Error::NotConfigured(text!("charge-tunnel-down", why = why)));
            }
            return Err(Error::NotConfigured(text!("charge-endpoint-down")));
        };
        // A customer who pays must be able to come back: refuse while the last check of the
        // public URL failed (staff see why, and a new check runs with every settings change).
        if let crate::reachability::Reachability::Unreachable { url, reason, .. } = self.reachability() {
            if url == public {
                return Err(Error::NotConfigured(text!("charge-unreachable", url = url, reason = reason)));
            }
        }
        let currency = self.currency().await?;
        drop(client);
        // What is handed over here is fulfilled at this counter's location: without one, the
        // store would ship the goods the customer already has.
        if !self.is_demo() && self.settings().location_id.is_none() {
            return Err(Error::NotConfigured(text!("charge-needs-location")));
        }

        // Merge repeated lines of the same variant, price and subscription. Prices come from
        // the cache unless staff set one; nothing else from the caller is trusted.
        let mut merged: Vec<BasketLine> = Vec::new();
        for l in basket {
            if !(1..=MAX_QUANTITY).contains(&l.quantity) {
                return Err(Error::Invalid(text!("charge-quantity", most = MAX_QUANTITY)));
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
                        return Err(Error::Invalid(text!("charge-quantity", most = MAX_QUANTITY)));
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
            let v = catalog::variant(self.db(), id)?.ok_or_else(|| Error::Invalid(text!("charge-unknown-product", id = id)))?;
            if !v.purchasable {
                return Err(Error::Invalid(text!("charge-not-purchasable", title = v.display_title())));
            }
            let catalog_price = v.prices.get(&currency).copied();
            if let Some(price) = l.price.filter(|p| Some(*p) != catalog_price) {
                price_changes.push(crate::pricing::PriceChange { title: v.display_title(), catalog: catalog_price, price });
            }
            let unit_price = match (l.price, catalog_price) {
                (Some(p), _) => p,
                (None, Some(p)) => p,
                (None, None) => return Err(Error::Invalid(text!("no-price", title = v.display_title(), currency = &currency))),
            };
            if let Some(choice) = &l.subscription {
                let Some(plan) = &v.subscription else {
                    return Err(Error::Invalid(text!("charge-no-subscription", title = v.display_title())));
                };
                if choice.interval != plan.interval || !plan.interval_counts.contains(&choice.interval_count) {
                    return Err(Error::Invalid(text!(
                        "charge-subscription-interval",
                        title = v.display_title(),
                        counts = plan.interval_counts.iter().map(i64::to_string).collect::<Vec<_>>().join(", "),
                        interval = &plan.interval
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
        let now = self.now_ms();
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
            Some(name) => text!("note-charge-by", name = name),
            None => text!("note-charge"),
        };
        sales::insert(self.db(), &record, &token_hash(&token), &lines, &note.to_stored(), Some(&actor.name()))?;
        if test {
            self.record_test_sale(&record.id)?;
        }
        self.audit_prices(&actor, &record.id, &price_changes, approver.as_ref())?;
        if let Some(m) = &approver {
            sales::note(self.db(), &record.id, SaleState::Creating, &text!("note-prices-approved", name = &m.name).to_stored())?;
        }
        self.publish(&record.id);
        self.create_payment_link(&record.id, &token).await
    }

    /// Send a `draft` sale to the store again, with a new return token; the earlier
    /// attempts' links still land on this sale, so a payment from one is still recorded.
    ///
    /// Fails when the sale is not a draft.
    pub async fn retry(&self, id: &str) -> Result<SaleView> {
        self.guarded_sale(id, crate::staff::SaleAccess::Sell, crate::text!("may-sell"))?;
        if !self.move_to(id, SaleEvent::Charge, Changes { reason: Some(None), ..Default::default() }, &text!("note-retry"))? {
            return Err(Error::Conflict(text!("retry-not-draft")));
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
                let expires = self.now_ms() + (settings.session_timeout_secs as i64) * 1000;
                let changes =
                    Changes { payment_complete_url: Some(redirect.payment_complete_url), expires_at: Some(expires), ..Default::default() };
                if self.move_to(id, SaleEvent::LinkReady, changes, &text!("note-link-ready"))? {
                    self.arm_expiry(id, Duration::from_secs(settings.session_timeout_secs));
                }
            }
            Err(e) => {
                let reason: Text = match &e {
                    Error::Api(api) if api.outcome_unknown() => text!("link-outcome-unknown", why = e.words()),
                    Error::Api(api) if api.to_string().to_lowercase().contains("duplicate") => {
                        text!("link-duplicate", words = api.store_words())
                    }
                    Error::Api(api @ crate::admin_api::ApiError::Status { .. }) => text!("link-refused", words = api.store_words()),
                    _ => text!("link-failed", why = e.words()),
                };
                tracing::warn!(sale = id, error = %e, "creating the payment link failed");
                self.move_to(
                    id,
                    SaleEvent::LinkFailed,
                    Changes { reason: Some(Some(reason.to_stored())), ..Default::default() },
                    &text!("note-link-failed"),
                )?;
            }
        }
        self.sale(id)
    }
}
