//! What the window sees of a sale, and the facts of an order the database keeps.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::SaleState;
use crate::admin_api::models::{Order, SubscriptionChoice};
use crate::counter::Counter;
use crate::db::sales::{self, OrderFacts, SaleRecord, TimelineEntry};
use crate::domain::words;
use crate::domain::words::text;
use crate::error::{Error, Result};

/// A line as the UI shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    #[ts(type = "string")]
    pub unit_price: Decimal,
    /// Quantity × unit price.
    #[ts(type = "string")]
    pub line_total: Decimal,
    /// Staff set the price.
    pub price_override: bool,
    /// Sold as a subscription.
    pub subscription: Option<SubscriptionChoice>,
    /// Shipped by the store rather than handed over.
    pub ship: bool,
}

/// A sale as the UI shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SaleView {
    /// Sale id.
    pub id: String,
    /// State.
    pub state: SaleState,
    /// Currency.
    pub currency: String,
    /// Basket total at our prices.
    #[ts(type = "string")]
    pub total: Decimal,
    /// Lines.
    pub lines: Vec<LineView>,
    /// The hosted payment page, while it can be paid.
    pub payment_complete_url: Option<String>,
    /// The QR code for it, while awaiting payment: a PNG `data:` URL, one pixel a module
    /// (shown scaled up without smoothing).
    pub qr_image: Option<String>,
    /// When the link stops being waited for (ms since epoch).
    pub expires_at: Option<i64>,
    /// The store's order number.
    pub order_number: Option<String>,
    /// The store's total.
    #[ts(type = "string | null")]
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
    #[ts(optional)]
    pub timeline: Option<Vec<TimelineEntry>>,
    /// The store's order as it sent it, in detail views only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "StoreOrder")]
    pub order: Option<Value>,
    /// The counter that sold it, when it was another one (pulled from the store).
    pub origin: Option<String>,
    /// Paid back so far, as the store says.
    #[ts(type = "string | null")]
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

/// The facts of `order` as the store sent it, as the database keeps them.
pub fn order_facts(order: &Order) -> OrderFacts {
    OrderFacts {
        order_json: serde_json::to_string(order).unwrap_or_default(),
        store_total: order.total_incl_tax,
        refunded: order.refunded(),
        store_status: order.status.clone(),
    }
}

impl Counter {
    pub(crate) fn view(&self, r: &SaleRecord, with_timeline: bool) -> Result<SaleView> {
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
        let qr_image = match (&r.payment_complete_url, awaiting) {
            (Some(url), true) => crate::qr::png_data_url(url).ok(),
            _ => None,
        };
        Ok(SaleView {
            id: r.id.clone(),
            state: r.state,
            currency: r.currency.clone(),
            total: r.total,
            lines,
            payment_complete_url: if awaiting { r.payment_complete_url.clone() } else { None },
            qr_image,
            expires_at: r.expires_at,
            order_number: r.order_number.clone(),
            store_total: r.store_total,
            customer: r.customer.clone(),
            reason: words::show_opt(r.reason.as_deref()),
            after_cancel: r.after_cancel,
            created_at: r.created_at,
            updated_at: r.updated_at,
            paid_at: r.paid_at,
            supports_upsells: r.state == SaleState::Paid
                && r.order_json
                    .as_deref()
                    .and_then(|j| serde_json::from_str::<Order>(j).ok())
                    .is_some_and(|o| o.supports_post_purchase_upsells),
            upsells: crate::db::upsells::for_sale(self.db(), &r.id)?
                .into_iter()
                .map(|u| crate::db::upsells::Upsell { reason: words::show_opt(u.reason.as_deref()), ..u })
                .collect(),
            timeline: if with_timeline {
                Some(sales::events(self.db(), &r.id)?.into_iter().map(|e| TimelineEntry { note: words::show(&e.note), ..e }).collect())
            } else {
                None
            },
            order: if with_timeline { r.order_json.as_deref().and_then(|j| serde_json::from_str(j).ok()) } else { None },
            origin: r.origin.clone(),
            refunded: r.refunded,
            store_status: r.store_status.clone(),
            refunds: crate::db::refunds::for_sale(self.db(), &r.id)?
                .into_iter()
                .map(|f| crate::db::refunds::RefundRecord { reason: words::show_opt(f.reason.as_deref()), ..f })
                .collect(),
            staff: r.staff.clone(),
            claims: self.claims_of(&r.id)?,
            closing: if r.state == SaleState::Paid { self.closing_of(&r.id)? } else { None },
            language: r.language.clone(),
        })
    }

    pub(crate) fn record(&self, id: &str) -> Result<SaleRecord> {
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
        let actor = self.require(crate::db::staff::Role::Cashier, crate::text!("may-see-the-history"))?;
        let mut filter = filter.clone();
        if actor.staff().is_some_and(|s| s.role == crate::db::staff::Role::Cashier) {
            let (today, _) = self.day_bounds(self.today());
            filter.from_ms = Some(filter.from_ms.unwrap_or(today).max(today));
        }
        sales::list(self.db(), &filter, limit.clamp(1, 500), offset)?.iter().map(|r| self.view(r, false)).collect()
    }

    /// A sale with its timeline, for the window: a cashier may open today's sales only.
    pub fn sale_detail(&self, id: &str) -> Result<SaleView> {
        let (_, record) = self.guarded_sale(id, crate::staff::SaleAccess::See, crate::text!("may-see-the-history"))?;
        self.view(&record, true)
    }

    /// The sale's own hosted payment page, while it can be paid (to open in the browser).
    ///
    /// Fails when the sale has no open payment page.
    pub fn payment_page_url(&self, id: &str) -> Result<String> {
        let (_, record) = self.guarded_sale(id, crate::staff::SaleAccess::See, crate::text!("may-open-a-payment-page"))?;
        match (record.state, record.payment_complete_url) {
            (SaleState::AwaitingPayment, Some(url)) => Ok(url),
            _ => Err(Error::Conflict(text!("no-payment-page"))),
        }
    }
}
