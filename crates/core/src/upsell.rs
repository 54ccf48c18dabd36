//! One-click upsells: after a sale is paid, add lines to the store's order and charge the
//! order's original payment method (`POST /orders/{number}/add-line-items/`).
//!
//! ```text
//! requested ──200──▶ charged
//!     │ ──4xx──▶ declined (the store's reason, nothing charged)
//!     └─timeout/5xx/crash──▶ unknown ──read the order back──▶ charged | declined
//! ```
//!
//! Invariants: an upsell is saved as `requested`, with an idempotency key that also goes
//! into the line's metadata, before the call leaves; at most one upsell per order is
//! `requested` or `unknown` at a time (a unique index), so a double click, a second window or
//! a restart cannot send a second charge; an open outcome is settled by reading the order
//! back (lines with `is_upsell` carrying the key) before anything else is sent for it.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::json;

use crate::admin_api::models::{AddLineItemPaymentDetails, AddLineItems, CreateOrderLine, Order, OrderNumber, VariantId};
use crate::catalog::{group, ProductCard};
use crate::counter::Counter;
use crate::db::remote::Ledger;
use crate::db::upsells::{self, Upsell, UpsellState};
use crate::db::{catalog, sales};
use crate::domain::words::{money, text};
use crate::error::{Error, Result};
use crate::remote::Sent;
use crate::sale::{random_token, SaleState};

/// Most units in one upsell.
pub const MAX_QUANTITY: i64 = 99;

/// What the counter can offer for a paid sale.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct UpsellOffers {
    /// Upsells can be charged to this order.
    pub available: bool,
    /// Why not, in staff's words.
    pub reason: Option<String>,
    /// The order's currency.
    pub currency: String,
    /// Products to offer, priced in the order's currency.
    pub offers: Vec<ProductCard>,
    /// Upsells already tried on this sale.
    pub upsells: Vec<Upsell>,
}

/// Upsell figures for a period.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UpsellReport {
    /// Paid sales for which upsells were offered.
    pub offered: i64,
    /// Upsells charged.
    pub taken: i64,
    /// Their value, per currency.
    pub value: Vec<(String, Decimal)>,
}

/// An upsell as staff read it: its reason in their language.
fn shown(u: Upsell) -> Upsell {
    Upsell { reason: crate::domain::words::show_opt(u.reason.as_deref()), ..u }
}

fn key_of(line: &crate::admin_api::models::OrderLine) -> Option<&str> {
    line.metadata.get("counterpay_upsell").and_then(|v| v.as_str())
}

impl Counter {
    fn paid_order(&self, sale_id: &str) -> Result<(crate::db::sales::SaleRecord, Order)> {
        let sale = sales::get(self.db(), sale_id)?.ok_or(Error::NotFound("sale"))?;
        if sale.state != SaleState::Paid {
            return Err(Error::Conflict(text!("upsell-not-paid")));
        }
        let order: Order = sale
            .order_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok())
            .ok_or_else(|| Error::Conflict(text!("upsell-no-order")))?;
        Ok((sale, order))
    }

    /// Products to offer after sale `sale_id`: the recommendations of what was bought and the
    /// list curated in Settings, minus what the order already has, priced in the order's
    /// currency. Says why when the order cannot take upsells.
    pub fn upsell_offers(&self, sale_id: &str) -> Result<UpsellOffers> {
        self.guarded_sale(sale_id, crate::staff::SaleAccess::Sell, crate::text!("may-offer-upsells"))?;
        let (sale, order) = self.paid_order(sale_id)?;
        let tried = upsells::for_sale(self.db(), sale_id)?;
        if !order.supports_post_purchase_upsells {
            return Ok(UpsellOffers {
                available: false,
                reason: Some(text!("upsell-unsupported").for_staff()),
                currency: order.currency,
                offers: Vec::new(),
                upsells: tried.into_iter().map(shown).collect(),
            });
        }
        let in_order: Vec<i64> = order.lines.iter().map(|l| l.variant_id.0).collect();
        let owned: BTreeSet<i64> =
            in_order.iter().filter_map(|v| catalog::variant(self.db(), *v).ok().flatten()).map(|v| v.product_id).collect();
        let mut wanted: Vec<i64> = catalog::recommended_for(self.db(), &in_order)?;
        for p in self.settings().upsell_products {
            if !wanted.contains(&p) {
                wanted.push(p);
            }
        }
        wanted.retain(|p| !owned.contains(p));
        let variants = catalog::of_products(self.db(), &wanted)?;
        let mut offers = group(variants, Some(&order.currency));
        offers.sort_by_key(|card| wanted.iter().position(|p| *p == card.product_id));
        offers.retain(|card| card.variants.iter().any(|v| v.sellable));
        if !offers.is_empty() {
            sales::mark_upsells_offered(self.db(), &sale.id)?;
        }
        Ok(UpsellOffers {
            available: true,
            reason: None,
            currency: order.currency,
            offers,
            upsells: tried.into_iter().map(shown).collect(),
        })
    }

    /// Add `quantity` of variant `variant_id` to paid sale `sale_id`'s order and charge it,
    /// at the catalog price or at `price` set by staff. Returns the upsell in its new state.
    ///
    /// Fails before anything is sent when the sale is not paid, the order cannot take
    /// upsells, the variant cannot be sold, or another upsell for this order is still open
    /// and cannot be settled now.
    pub async fn add_upsell(&self, sale_id: &str, variant_id: i64, quantity: i64, price: Option<Decimal>) -> Result<Upsell> {
        self.add_upsell_with(sale_id, variant_id, quantity, price, None).await
    }

    /// [`Counter::add_upsell`], with a manager's PIN `approval` for a price a cashier may
    /// not set alone: upsell prices have the same bounds as basket prices ([`crate::pricing`]).
    pub async fn add_upsell_with(
        &self,
        sale_id: &str,
        variant_id: i64,
        quantity: i64,
        price: Option<Decimal>,
        approval: Option<&str>,
    ) -> Result<Upsell> {
        let (actor, _) = self.guarded_sale(sale_id, crate::staff::SaleAccess::Sell, crate::text!("may-add-an-upsell"))?;
        if !(1..=MAX_QUANTITY).contains(&quantity) {
            return Err(Error::Invalid(text!("upsell-quantity", most = MAX_QUANTITY)));
        }
        if let Some(p) = price {
            crate::pricing::check_shape(p)?;
        }
        let (sale, order) = self.paid_order(sale_id)?;
        if !order.supports_post_purchase_upsells {
            return Err(Error::Conflict(text!("upsell-unsupported")));
        }
        // Anything still open for this order is settled first.
        self.settle_upsells_for(&order.number).await?;
        let v = catalog::variant(self.db(), variant_id)?.ok_or_else(|| Error::Invalid(text!("upsell-unknown-product", id = variant_id)))?;
        if !v.purchasable {
            return Err(Error::Invalid(text!("upsell-not-purchasable", title = v.display_title())));
        }
        let catalog_price = v.prices.get(&order.currency).copied();
        let unit_price = match price {
            Some(p) => p,
            None => {
                catalog_price.ok_or_else(|| Error::Invalid(text!("no-price", title = v.display_title(), currency = &order.currency)))?
            }
        };
        let changes: Vec<crate::pricing::PriceChange> = price
            .filter(|p| Some(*p) != catalog_price)
            .map(|p| crate::pricing::PriceChange { title: v.display_title(), catalog: catalog_price, price: p })
            .into_iter()
            .collect();
        let approver = self.approve_prices(&actor, &changes, approval).await?;
        let now = self.now_ms();
        let upsell = Upsell {
            id: format!("u_{}", &random_token()[..20]),
            sale_id: sale.id.clone(),
            order_number: order.number.0.clone(),
            idempotency_key: random_token(),
            variant_id,
            title: v.display_title(),
            sku: v.sku.clone(),
            quantity,
            unit_price,
            price_override: price.is_some(),
            state: UpsellState::Requested,
            reason: None,
            created_at: now,
            updated_at: now,
            by_whom: actor.staff().map(|s| s.name.clone()),
        };
        upsells::insert(self.db(), &upsell)?;
        self.audit_prices(&actor, &upsell.id, &changes, approver.as_ref())?;
        self.publish(&sale.id);

        let settings = self.settings();
        let body = AddLineItems {
            lines: vec![CreateOrderLine {
                product_id: VariantId(variant_id),
                quantity,
                price,
                is_upsell: Some(true),
                metadata: Some(match &upsell.by_whom {
                    Some(name) => {
                        json!({ "counterpay_upsell": upsell.idempotency_key, "counterpay_sale": sale.id, "counterpay_staff": name })
                    }
                    None => json!({ "counterpay_upsell": upsell.idempotency_key, "counterpay_sale": sale.id }),
                }),
                subscription: None,
            }],
            payment_details: (settings.payment_gateway.is_some() || settings.payment_gateway_group.is_some()).then_some(
                AddLineItemPaymentDetails {
                    payment_gateway: settings.payment_gateway,
                    payment_gateway_group: settings.payment_gateway_group,
                },
            ),
        };
        let client = self.client()?;
        let orders = client.orders();
        let call = orders.add_line_items(&order.number, &body);
        match self.send_saved(Ledger::Upsells, &upsell.id, text!("action-upsell"), call).await? {
            Sent::Accepted(updated) => self.record_charged(&upsell, &updated, true)?,
            Sent::Lost(_) => {
                self.publish(&sale.id);
                if let Err(e) = self.settle_upsells_for(&order.number).await {
                    tracing::warn!(error = %e, "upsell outcome still unknown; will settle before the next one");
                }
            }
            Sent::Refused(e) => {
                sales::note(
                    self.db(),
                    &sale.id,
                    SaleState::Paid,
                    &text!("note-upsell-declined", quantity = quantity, title = &upsell.title, words = e.store_words()).to_stored(),
                )?;
                self.publish(&sale.id);
            }
        }
        let done = upsells::get(self.db(), &upsell.id)?.ok_or(Error::NotFound("upsell"))?;
        crate::db::audit::record(
            self.db(),
            &actor.name(),
            "upsell",
            Some(&sale.id),
            None,
            Some(&format!("{} × {} at {} {}: {}", quantity, done.title, done.unit_price, order.currency, done.state.as_str())),
        )?;
        Ok(shown(done))
    }

    /// Note a charged upsell (its row just became `charged`, once) with the order as the
    /// store has it now, and close its lines at the store.
    fn record_charged(&self, upsell: &Upsell, order: &Order, charged_now: bool) -> Result<()> {
        if charged_now {
            let note = text!(
                "note-upsell-charged",
                quantity = upsell.quantity,
                title = &upsell.title,
                amount = money(upsell.total(), &order.currency),
                total = money(order.total_incl_tax, &order.currency)
            );
            sales::update_order(self.db(), &upsell.sale_id, &crate::sale::order_facts(order), &note.to_stored())?;
            // What was added is handed over at the counter too: close it at the store.
            crate::db::closing::set_summary(self.db(), &upsell.sale_id, "pending", Some(&text!("closing-upsell-pending").to_stored()))?;
            self.spawn_close(&upsell.sale_id);
        }
        self.publish(&upsell.sale_id);
        Ok(())
    }

    /// Settle every open upsell of order `number` by reading the order back: a line with
    /// the upsell's key means it was charged; none means nothing was.
    ///
    /// Fails when the store cannot be read; the upsells stay open (and block new ones).
    pub async fn settle_upsells_for(&self, number: &OrderNumber) -> Result<()> {
        let open: Vec<Upsell> = upsells::open(self.db())?.into_iter().filter(|u| u.order_number == number.0).collect();
        if open.iter().any(|u| u.state == UpsellState::Requested) {
            // Being sent by this process right now: its own answer settles it.
            return Err(Error::Conflict(text!("upsell-in-flight")));
        }
        if open.is_empty() {
            return Ok(());
        }
        let order = self.client()?.orders().retrieve(number).await?;
        for u in open {
            let charged = order.lines.iter().any(|l| l.is_upsell && key_of(l) == Some(u.idempotency_key.as_str()));
            if charged {
                let now = self.settle_saved(Ledger::Upsells, &u.id, true, None)?;
                self.record_charged(&u, &order, now)?;
            } else {
                if self.settle_saved(Ledger::Upsells, &u.id, false, Some(text!("upsell-absent")))? {
                    sales::note(
                        self.db(),
                        &u.sale_id,
                        SaleState::Paid,
                        &text!("note-upsell-absent", quantity = u.quantity, title = &u.title).to_stored(),
                    )?;
                }
                self.publish(&u.sale_id);
            }
        }
        Ok(())
    }

    /// After a restart: an upsell left `requested` was being sent when the app stopped, so
    /// its outcome is unknown; settle every such one by reading its order back. Errors are
    /// logged and the upsells stay open (blocking new ones for that order).
    pub async fn settle_open_upsells(&self) {
        if let Err(e) = self.mark_interrupted(Ledger::Upsells) {
            return tracing::error!(error = %e, "cannot mark interrupted upsells");
        }
        self.settle_unknown_upsells().await;
    }

    /// Settle every upsell whose outcome is unknown by reading its order back (the
    /// reconciler calls this, so a lost answer is settled without staff doing anything).
    /// Errors are logged and the upsells stay open.
    pub async fn settle_unknown_upsells(&self) {
        let numbers: BTreeSet<String> = match upsells::open(self.db()) {
            Ok(open) => open.into_iter().filter(|u| u.state == UpsellState::Unknown).map(|u| u.order_number).collect(),
            Err(e) => return tracing::error!(error = %e, "cannot read open upsells"),
        };
        for n in numbers {
            if let Err(e) = self.settle_upsells_for(&OrderNumber(n.clone())).await {
                tracing::warn!(order = n, error = %e, "upsell outcome still unknown");
            }
        }
    }

    /// Upsells offered, taken and their value for sales created in `[from_ms, to_ms)`.
    pub fn upsell_report(&self, from_ms: i64, to_ms: i64) -> Result<UpsellReport> {
        let mut value: Vec<(String, Decimal)> = Vec::new();
        let mut taken = 0;
        for u in upsells::in_range(self.db(), from_ms, to_ms)?.into_iter().filter(|u| u.state == UpsellState::Charged) {
            taken += 1;
            let currency = sales::get(self.db(), &u.sale_id)?.map(|s| s.currency).unwrap_or_default();
            match value.iter_mut().find(|(c, _)| *c == currency) {
                Some((_, total)) => *total += u.total(),
                None => value.push((currency, u.total())),
            }
        }
        Ok(UpsellReport { offered: sales::upsells_offered(self.db(), from_ms, to_ms)?, taken, value })
    }
}
