//! The back office: refresh a sale's order from the store, refund some or all of it (the
//! store's calculation first, then the refund), cancel it, and pull the sales of every
//! counter from the store.
//!
//! A refund or cancel is saved before it is sent, carries Counterpay's own reference (in the
//! refund's note, in the cancel reason), and only one per order can be open at a time, so a
//! double click or a restart never sends it twice; a lost answer is settled by reading the
//! order back and looking for that reference.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::admin_api::models::{
    CalculateRefund, CancelOrder, Order, OrderNumber, RefundCalculation, RefundLineRequest, RefundOrder, RefundTransaction,
};
use crate::admin_api::ApiError;
use crate::counter::Counter;
use crate::db::audit;
use crate::db::refunds::{self, RefundKind, RefundRecord, RefundState};
use crate::db::remote::Ledger;
use crate::db::sales::{self, SaleRecord};
use crate::domain::words::{money, plain, text, Text};
use crate::error::{Error, Result};
use crate::remote::Sent;
use crate::sale::{random_token, SaleState};
use crate::staff::Actor;

mod import;

pub use import::ImportReport;

/// A refund as staff read it: its reason in their language.
fn shown(r: RefundRecord) -> Result<RefundRecord> {
    Ok(RefundRecord { reason: crate::domain::words::show_opt(r.reason.as_deref()), ..r })
}

/// The tag every Counterpay order carries (each also carries `counterpay:<counter id>`).
pub const TAG: &str = "counterpay";

impl Counter {
    fn sale_with_order(&self, sale_id: &str) -> Result<(SaleRecord, OrderNumber)> {
        let sale = sales::get(self.db(), sale_id)?.ok_or(Error::NotFound("sale"))?;
        let number =
            sale.order_number.clone().filter(|_| sale.state == SaleState::Paid).ok_or_else(|| Error::Conflict(text!("refund-not-paid")))?;
        Ok((sale, OrderNumber(number)))
    }

    /// Record what the store says about `sale`'s order now; `note` goes on the timeline
    /// and the window is told when anything changed (an import of a thousand unchanged
    /// orders tells it nothing). Returns whether it did.
    fn store_order(&self, sale: &SaleRecord, order: &Order, note: &Text) -> Result<bool> {
        let facts = crate::sale::order_facts(order);
        let before: Option<Value> = sale.order_json.as_deref().and_then(|j| serde_json::from_str(j).ok());
        let after: Option<Value> = serde_json::from_str(&facts.order_json).ok();
        let changed = before != after;
        if changed {
            // Unchanged, nothing is written (an import would otherwise rewrite and reindex
            // every sale, holding the database the counter sells with).
            sales::update_order(self.db(), &sale.id, &facts, &note.to_stored())?;
            self.publish(&sale.id);
        }
        Ok(changed)
    }

    /// `GET /orders/{number}/` for a paid sale: store the order as it is now (totals,
    /// refunds, status), noting on the timeline when it changed.
    pub async fn refresh_order(&self, sale_id: &str) -> Result<crate::sale::SaleView> {
        self.guarded_sale(sale_id, crate::staff::SaleAccess::See, crate::text!("may-refresh-an-order"))?;
        let (sale, number) = self.sale_with_order(sale_id)?;
        let order = self.client()?.orders().retrieve(&number).await?;
        self.store_order(
            &sale,
            &order,
            &text!(
                "note-refreshed",
                total = money(order.total_incl_tax, &order.currency),
                refunded = money(order.refunded(), &order.currency)
            ),
        )?;
        self.sale(sale_id)
    }

    /// The lines of `order` with what is left to refund, as a full refund asks for them.
    fn remaining_lines(order: &Order) -> Vec<RefundLineRequest> {
        let mut done = std::collections::HashMap::<i64, i64>::new();
        for r in &order.refunds {
            for l in &r.refund_line_items {
                *done.entry(l.line_item_id).or_default() += l.quantity;
            }
        }
        order
            .lines
            .iter()
            .filter_map(|l| {
                let id = l.id?;
                let left = l.quantity - done.get(&id).copied().unwrap_or(0);
                (left > 0).then_some(RefundLineRequest { line_id: id, quantity: left, restock_type: None })
            })
            .collect()
    }

    /// The store's calculation of a refund of `lines` (all that is left when `None`),
    /// without refunding anything. Staff see it before they confirm.
    pub async fn refund_quote(&self, sale_id: &str, lines: Option<Vec<RefundLineRequest>>) -> Result<RefundCalculation> {
        self.guarded_sale(sale_id, crate::staff::SaleAccess::Manage, crate::text!("may-refund"))?;
        // What was handed over decides the restock types: let the closing finish first.
        self.finish_closing(sale_id).await;
        let (sale, number) = self.sale_with_order(sale_id)?;
        let client = self.client()?;
        let order = client.orders().retrieve(&number).await?;
        self.store_order(&sale, &order, &text!("note-refreshed-refund"))?;
        let lines = match lines {
            Some(l) => l.into_iter().filter(|l| l.quantity > 0).collect::<Vec<_>>(),
            None => Self::remaining_lines(&order),
        };
        if lines.is_empty() {
            return Err(Error::Invalid(text!("refund-nothing-left")));
        }
        let lines = lines.into_iter().map(|l| RefundLineRequest { restock_type: None, ..l }).collect();
        match client.orders().calculate_refund(&number, &CalculateRefund { refund_lines: lines }).await {
            Ok(c) => Ok(c),
            Err(e @ ApiError::Status { .. }) => Err(Error::Invalid(text!("refund-store-cannot", words = e.store_words()))),
            Err(e) => Err(e.into()),
        }
    }

    /// Refund `lines` (all that is left when `None`) of paid sale `sale_id`, for exactly
    /// `confirmed` (the amount staff saw in [`Counter::refund_quote`]).
    ///
    /// Fails before anything is sent when the store's calculation is no longer `confirmed`,
    /// nothing is left to refund, or another refund or cancel of the order is still open.
    pub async fn refund(&self, sale_id: &str, lines: Option<Vec<RefundLineRequest>>, confirmed: Decimal) -> Result<RefundRecord> {
        self.refund_with(sale_id, lines, confirmed, true).await
    }

    /// [`Counter::refund`], saying whether the goods came back (`goods_back`): lines handed
    /// over (fulfilled) go back into stock at this counter's location (`restock_type:
    /// return`) or not (`no_restock`); lines never fulfilled are cancelled (`cancel`), as the
    /// store's rules require.
    pub async fn refund_with(
        &self,
        sale_id: &str,
        lines: Option<Vec<RefundLineRequest>>,
        confirmed: Decimal,
        goods_back: bool,
    ) -> Result<RefundRecord> {
        let (actor, _) = self.guarded_sale(sale_id, crate::staff::SaleAccess::Manage, crate::text!("may-refund"))?;
        let (sale, number) = self.sale_with_order(sale_id)?;
        self.settle_refunds_for(&number).await?;
        let quote = self.refund_quote(sale_id, lines).await?;
        if quote.amount_incl_tax != confirmed {
            return Err(Error::Conflict(text!(
                "refund-amount-changed",
                now = money(quote.amount_incl_tax, &quote.currency),
                confirmed = money(confirmed, &quote.currency)
            )));
        }
        if quote.amount_incl_tax <= Decimal::ZERO {
            return Err(Error::Invalid(text!("refund-zero")));
        }
        let transactions: Vec<RefundTransaction> = quote
            .transactions
            .iter()
            .filter(|t| t.amount > Decimal::ZERO)
            .map(|t| t.id.map(|id| RefundTransaction { id, amount: t.amount }))
            .collect::<Option<_>>()
            .ok_or_else(|| Error::Conflict(text!("refund-no-transaction")))?;
        // The order as the quote just read it: which lines were fulfilled.
        let order: Option<Order> = sales::get(self.db(), sale_id)?.and_then(|s| s.order_json).and_then(|j| serde_json::from_str(&j).ok());
        let lines: Vec<RefundLineRequest> = quote
            .refund_lines
            .iter()
            .map(|l| RefundLineRequest {
                line_id: l.line_id,
                quantity: l.quantity,
                restock_type: Some(match order.as_ref().map(|o| fulfilled_units_of(o, l.line_id)) {
                    Some(0) => "cancel".to_string(),
                    Some(_) if goods_back => "return".to_string(),
                    Some(_) => "no_restock".to_string(),
                    None => l.restock_type.clone(),
                }),
            })
            .collect();
        let record =
            self.save_request(&sale, &number, RefundKind::Refund, lines.clone(), quote.amount_incl_tax, &quote.currency, &actor)?;
        let body =
            RefundOrder { refund_lines: lines, transactions, note: format!("Counterpay {} by {}", record.reference, record.by_whom) };
        let client = self.client()?;
        self.send_refund(&record, &number, async { client.orders().refund(&number, &body).await.map(|r| r.id) }).await?;
        shown(refunds::get(self.db(), &record.id)?.ok_or(Error::NotFound("refund"))?)
    }

    /// Cancel paid sale `sale_id`'s order at the store, paying back everything not refunded
    /// yet. `reason` is required; it goes to the store with Counterpay's reference.
    pub async fn cancel_order(&self, sale_id: &str, reason: &str) -> Result<RefundRecord> {
        let (actor, _) = self.guarded_sale(sale_id, crate::staff::SaleAccess::Manage, crate::text!("may-cancel-an-order"))?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::Invalid(text!("cancel-needs-reason")));
        }
        self.finish_closing(sale_id).await;
        let (sale, number) = self.sale_with_order(sale_id)?;
        self.settle_refunds_for(&number).await?;
        self.cancel_paid(&sale, &number, &actor, reason).await
    }

    /// Cancel `sale`'s order `number` with a full refund, as `actor`, with `reason`: the
    /// store is read first; nothing is sent for an order already cancelled or with fulfilled
    /// lines. No access check and no closing first: the callers do what they need.
    pub(crate) async fn cancel_paid(&self, sale: &SaleRecord, number: &OrderNumber, actor: &Actor, reason: &str) -> Result<RefundRecord> {
        let (sale, number) = (sale.clone(), number.clone());
        let client = self.client()?;
        let order = client.orders().retrieve(&number).await?;
        self.store_order(&sale, &order, &text!("note-refreshed-cancel"))?;
        if order.is_cancelled() {
            return Err(Error::Conflict(text!("cancel-already", number = plain(&number))));
        }
        if order.lines.iter().filter_map(|l| l.id).any(|id| fulfilled_units_of(&order, id) > 0) {
            return Err(Error::Conflict(text!("cancel-fulfilled")));
        }
        let left = order.total_incl_tax - order.refunded();
        let record = self.save_request(&sale, &number, RefundKind::Cancel, Vec::new(), left, &order.currency, actor)?;
        let body =
            CancelOrder { cancel_reason: format!("{reason} (Counterpay {} by {})", record.reference, record.by_whom), full_refund: true };
        self.send_refund(&record, &number, async { client.orders().cancel(&number, &body).await.map(|_| None) }).await?;
        shown(refunds::get(self.db(), &record.id)?.ok_or(Error::NotFound("refund"))?)
    }

    /// Save a refund or cancel as `requested`, before it is sent.
    #[allow(clippy::too_many_arguments)]
    fn save_request(
        &self,
        sale: &SaleRecord,
        number: &OrderNumber,
        kind: RefundKind,
        lines: Vec<RefundLineRequest>,
        amount: Decimal,
        currency: &str,
        actor: &Actor,
    ) -> Result<RefundRecord> {
        let now = self.now_ms();
        let prefix = if kind == RefundKind::Cancel { "cp-cancel" } else { "cp-refund" };
        let record = RefundRecord {
            id: format!("r_{}", &random_token()[..20]),
            sale_id: sale.id.clone(),
            order_number: number.0.clone(),
            kind,
            reference: format!("{prefix}-{}", &random_token()[..16]),
            lines,
            amount,
            currency: currency.to_string(),
            state: RefundState::Requested,
            reason: None,
            by_whom: self.by_whom(actor),
            store_refund_id: None,
            created_at: now,
            updated_at: now,
        };
        refunds::insert(self.db(), &record)?;
        Ok(record)
    }

    /// Send saved refund or cancel `record` with `call` and record what the store answered
    /// (with the store's refund id, when it gave one): done, refused, or unknown and settled
    /// by reading the order back.
    async fn send_refund(
        &self,
        record: &RefundRecord,
        number: &OrderNumber,
        call: impl std::future::Future<Output = std::result::Result<Option<i64>, ApiError>>,
    ) -> Result<()> {
        let (done, verb) = match record.kind {
            RefundKind::Refund => (text!("refund-done"), text!("action-refund")),
            RefundKind::Cancel => (text!("cancel-done"), text!("action-cancel")),
        };
        match self.send_saved(Ledger::Refunds, &record.id, verb.clone(), call).await? {
            Sent::Accepted(store_id) => {
                if let Some(store_id) = store_id {
                    refunds::set_store_id(self.db(), &record.id, store_id)?;
                }
                self.after_refund(record, &done).await?;
            }
            Sent::Lost(_) => {
                self.publish(&record.sale_id);
                if let Err(e) = self.settle_refunds_for(number).await {
                    tracing::warn!(error = %e, "{verb} outcome still unknown; settled before the next one");
                }
            }
            Sent::Refused(e) => {
                let note =
                    text!("note-refund-refused", what = &verb, words = e.store_words(), amount = money(record.amount, &record.currency));
                sales::note(self.db(), &record.sale_id, SaleState::Paid, &note.to_stored())?;
                self.publish(&record.sale_id);
            }
        }
        Ok(())
    }

    /// "Ada (counter-x1y2)": who, and on which counter.
    fn by_whom(&self, actor: &Actor) -> String {
        match actor {
            Actor::Counter => format!("counter {}", self.counter_id()),
            Actor::Staff(s) => format!("{} ({})", s.name, self.counter_id()),
        }
    }

    /// Note a refund or cancel that took effect, and store the order as it is now.
    async fn after_refund(&self, r: &RefundRecord, what: &Text) -> Result<()> {
        let kind = if r.kind == RefundKind::Cancel { "cancel" } else { "refund" };
        audit::record(
            self.db(),
            &r.by_whom,
            kind,
            Some(&r.sale_id),
            None,
            Some(&format!("{} {} done ({})", r.amount, r.currency, r.reference)),
        )?;
        let note = text!("note-paid-back", what = what, amount = money(r.amount, &r.currency), by = &r.by_whom, reference = &r.reference)
            .to_stored();
        tracing::info!(sale = r.sale_id, order = r.order_number, amount = %r.amount, "{what}");
        let sale = sales::get(self.db(), &r.sale_id)?.ok_or(Error::NotFound("sale"))?;
        match self.client()?.orders().retrieve(&OrderNumber(r.order_number.clone())).await {
            Ok(order) => {
                let facts = crate::sale::order_facts(&order);
                sales::update_order(self.db(), &sale.id, &facts, &note)?;
            }
            Err(e) => {
                // The refund stands; the order is refreshed the next time it is opened.
                tracing::warn!(error = %e, "could not read the order back after a refund");
                sales::note(self.db(), &sale.id, sale.state, &note)?;
            }
        }
        self.publish(&sale.id);
        self.spawn_refund_slip(&r.id);
        Ok(())
    }

    /// Settle every open refund or cancel of order `number` by reading it back: a refund
    /// whose note carries our reference, or a cancelled order, means it happened.
    ///
    /// Fails when one is still being sent by this process, or the store cannot be read.
    pub async fn settle_refunds_for(&self, number: &OrderNumber) -> Result<()> {
        let open: Vec<RefundRecord> = refunds::open(self.db())?.into_iter().filter(|r| r.order_number == number.0).collect();
        if open.iter().any(|r| r.state == RefundState::Requested) {
            return Err(Error::Conflict(text!("refund-in-flight")));
        }
        if open.is_empty() {
            return Ok(());
        }
        let order = self.client()?.orders().retrieve(number).await?;
        for r in open {
            let found = match r.kind {
                RefundKind::Refund => {
                    order.refunds.iter().find(|f| f.note.as_deref().is_some_and(|n| n.contains(&r.reference))).map(|f| f.id)
                }
                RefundKind::Cancel => order.is_cancelled().then_some(None),
            };
            match found {
                Some(store_id) => {
                    if self.settle_saved(Ledger::Refunds, &r.id, true, None)? {
                        if let Some(store_id) = store_id {
                            refunds::set_store_id(self.db(), &r.id, store_id)?;
                        }
                        let done = if r.kind == RefundKind::Cancel { text!("cancel-done") } else { text!("refund-done") };
                        self.after_refund(&r, &done).await?;
                    }
                }
                None => {
                    if !self.settle_saved(Ledger::Refunds, &r.id, false, Some(text!("refund-absent")))? {
                        continue;
                    }
                    sales::note(
                        self.db(),
                        &r.sale_id,
                        SaleState::Paid,
                        &if r.kind == RefundKind::Cancel {
                            text!("note-cancel-absent", amount = money(r.amount, &r.currency))
                        } else {
                            text!("note-refund-absent", amount = money(r.amount, &r.currency))
                        }
                        .to_stored(),
                    )?;
                    self.publish(&r.sale_id);
                }
            }
        }
        Ok(())
    }

    /// Settle refunds and cancels of unknown outcome (at start, and by the reconciler).
    pub async fn settle_unknown_refunds(&self) {
        let numbers: BTreeSet<String> = match refunds::open(self.db()) {
            Ok(open) => open.into_iter().filter(|r| r.state == RefundState::Unknown).map(|r| r.order_number).collect(),
            Err(e) => return tracing::error!(error = %e, "cannot read open refunds"),
        };
        for n in numbers {
            if let Err(e) = self.settle_refunds_for(&OrderNumber(n.clone())).await {
                tracing::warn!(order = n, error = %e, "refund outcome still unknown");
            }
        }
    }

    /// After a restart: a refund left `requested` was being sent when the app stopped.
    pub(crate) fn mark_interrupted_refunds(&self) -> Result<()> {
        self.mark_interrupted(Ledger::Refunds).map(|_| ())
    }
}

/// Units of order line `line_id` the store's fulfillments hold (any location).
fn fulfilled_units_of(order: &Order, line_id: i64) -> i64 {
    order
        .extra
        .get("fulfillments")
        .and_then(|f| f.as_array())
        .into_iter()
        .flatten()
        .filter(|f| f["status"] != "canceled")
        .flat_map(|f| f["line_items"].as_array().cloned().unwrap_or_default())
        .filter(|l| l["order_line_id"].as_i64() == Some(line_id))
        .map(|l| l["quantity"].as_i64().or_else(|| l["fulfilled_quantity"].as_str().and_then(|q| q.parse().ok())).unwrap_or(0))
        .sum()
}
