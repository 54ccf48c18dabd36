//! The store-wide history: every Counterpay order of the store, merged by order number.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use super::TAG;
use crate::admin_api::models::Order;
use crate::counter::Counter;
use crate::db::sales::{self, SaleLine, SaleRecord};
use crate::db::staff::Role;
use crate::domain::words::text;
use crate::error::Result;
use crate::sale::SaleState;

/// Most pages one import reads (at 4 requests a second: under a minute).
const IMPORT_PAGES: usize = 200;

/// What an import of the store-wide history did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ImportReport {
    /// Pages read.
    pub pages: usize,
    /// Orders seen.
    pub orders: usize,
    /// Other counters' sales added.
    pub added: usize,
    /// Sales whose order changed at the store (refunds, cancels, upsells), updated.
    pub updated: usize,
}

impl Counter {
    /// Pull every Counterpay order of the store (`GET /orders/?tags=counterpay`, every page,
    /// within the shared rate limit) and merge it by order number: this counter's sales are
    /// updated when the store's order changed; other counters' paid orders are added (and
    /// updated on later imports). `progress` is called after each page.
    pub async fn import_store_history(&self, mut progress: impl FnMut(&ImportReport)) -> Result<ImportReport> {
        self.require(Role::Manager, crate::text!("may-import-history"))?;
        let client = self.client()?;
        let mut report = ImportReport::default();
        let mut next: Option<String> = None;
        let mut seen = BTreeSet::new();
        while report.pages < IMPORT_PAGES {
            let page = client.orders().list_tagged(TAG, next.as_deref()).await?;
            report.pages += 1;
            for order in page.results {
                if !seen.insert(order.number.0.clone()) {
                    continue; // a page boundary moved while new orders arrived
                }
                report.orders += 1;
                self.merge_order(&order, &mut report)?;
            }
            progress(&report);
            match page.next {
                Some(n) => next = Some(n),
                None => break,
            }
        }
        tracing::info!(?report, "store-wide history imported");
        Ok(report)
    }

    fn merge_order(&self, order: &Order, report: &mut ImportReport) -> Result<()> {
        if let Some(local) = sales::by_order_number(self.db(), &order.number.0)? {
            if self.store_order(&local, order, &text!("note-imported-update"))? {
                report.updated += 1;
            }
            return Ok(());
        }
        let counter = order.metadata.get("counterpay_counter").and_then(Value::as_str).unwrap_or("another counter").to_string();
        if counter == self.counter_id()
            || !matches!(order.payment_status.as_deref(), Some("paid" | "authorized" | "partially_refunded" | "refunded"))
        {
            // Our own order without a local sale is a payment reconciliation settles; an
            // unpaid order of another counter is no sale yet.
            return Ok(());
        }
        let created = order.created_at.map(|t| t.timestamp_millis()).unwrap_or_else(|| self.now_ms());
        let record = SaleRecord {
            id: format!("x_{}", order.number.0),
            return_url: String::new(),
            state: SaleState::Paid,
            currency: order.currency.clone(),
            total: order.total_incl_tax,
            payment_complete_url: None,
            order_number: Some(order.number.0.clone()),
            store_total: Some(order.total_incl_tax),
            order_json: serde_json::to_string(order).ok(),
            claim_json: None,
            customer: order.user.as_ref().and_then(|u| u.display()),
            reason: None,
            after_cancel: false,
            created_at: created,
            updated_at: self.now_ms(),
            expires_at: None,
            paid_at: Some(created),
            origin: Some(counter.clone()),
            refunded: Some(order.refunded()),
            store_status: order.status.clone(),
            staff: None,
            language: None,
        };
        let lines: Vec<SaleLine> = order
            .lines
            .iter()
            .filter(|l| !l.is_upsell)
            .map(|l| SaleLine {
                variant_id: l.variant_id.0,
                title: l.display_title(),
                sku: l.sku.clone(),
                quantity: l.quantity,
                unit_price: if l.quantity > 0 { (l.price_incl_tax / Decimal::from(l.quantity)).round_dp(2) } else { l.price_incl_tax },
                price_override: false,
                subscription: None,
                ship: false,
            })
            .collect();
        sales::insert(
            self.db(),
            &record,
            &format!("remote:{}", order.number.0),
            &lines,
            &text!("note-imported", counter = &counter).to_stored(),
            None,
        )?;
        report.added += 1;
        Ok(())
    }
}
