//! The one rule that decides what a store's order means for a sale (see [`super`]).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{ACCEPTED_PAYMENT, SALE_TAG_PREFIX};
use crate::admin_api::models::Order;
use crate::counter::Counter;
use crate::db::sales::{self, SaleRecord};
use crate::domain::words::{money, plain, text, Text};
use crate::error::Result;

pub(super) enum Verdict {
    Paid(Box<Order>),
    Review(Box<Order>, Text),
    NotYet(Text),
    Refused(Text),
}

/// The sale ids an order names: its `counterpay_sale` metadata and its sale tags.
pub fn sale_marks(order: &Order) -> Vec<String> {
    let mut marks: Vec<String> = order.metadata.get("counterpay_sale").and_then(Value::as_str).map(str::to_string).into_iter().collect();
    for t in order.tag_texts() {
        if let Some(id) = t.strip_prefix(SALE_TAG_PREFIX) {
            if !marks.iter().any(|m| m == id) {
                marks.push(id.to_string());
            }
        }
    }
    marks
}

/// What the store's lines (not upsells) come to, read every way a store may mean a line's
/// price: the line total or the unit price, with or without tax. The first is the figure
/// shown to staff.
fn line_amounts(order: &Order) -> Vec<Decimal> {
    let lines: Vec<_> = order.lines.iter().filter(|l| !l.is_upsell).collect();
    let excl = |l: &crate::admin_api::models::OrderLine| -> Option<Decimal> {
        l.extra.get("price_excl_tax").and_then(|v| v.as_str().and_then(|s| s.parse().ok()).or_else(|| v.as_i64().map(Decimal::from)))
    };
    let incl_total: Decimal = lines.iter().map(|l| l.price_incl_tax).sum();
    let incl_units: Decimal = lines.iter().map(|l| l.price_incl_tax * Decimal::from(l.quantity)).sum();
    let mut out = vec![incl_total, incl_units];
    if let Some(excl_total) = lines.iter().map(|l| excl(l)).sum::<Option<Decimal>>() {
        out.push(excl_total);
        if let Some(units) = lines.iter().map(|l| excl(l).map(|p| p * Decimal::from(l.quantity))).sum::<Option<Decimal>>() {
            out.push(units);
        }
    }
    out
}

impl Counter {
    pub(super) fn judge(&self, sale: &SaleRecord, order: Order) -> Result<Verdict> {
        let n = order.number.clone();
        if let Some(other) = sales::by_order_number(self.db(), &n.0)? {
            if other.id != sale.id {
                return Ok(Verdict::Refused(text!("claim-other-sale", number = plain(&n))));
            }
        }
        let marks = sale_marks(&order);
        if marks.iter().any(|m| m != &sale.id) {
            return Ok(Verdict::Refused(text!("claim-made-for-other", number = plain(&n))));
        }
        if order.currency != sale.currency {
            return Ok(Verdict::Refused(text!("claim-currency", number = plain(&n), theirs = &order.currency, ours = &sale.currency)));
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
            return Ok(Verdict::Refused(text!("claim-items", number = plain(&n))));
        }
        let status = order.payment_status.as_deref().unwrap_or("unknown");
        if !ACCEPTED_PAYMENT.contains(&status) {
            return Ok(Verdict::NotYet(text!("claim-not-paid", number = plain(&n), status = status)));
        }
        let ours = marks.iter().any(|m| m == &sale.id);
        let amounts = line_amounts(&order);
        let amount_ok = amounts.contains(&sale.total);
        let theirs = money(amounts[0], &order.currency);
        let basket = money(sale.total, &sale.currency);
        let why = match (ours, amount_ok) {
            (true, true) => return Ok(Verdict::Paid(Box::new(order))),
            (false, true) => text!("review-no-mark", number = plain(&n)),
            (true, false) => text!("review-amount", theirs = theirs, basket = basket),
            (false, false) => text!("review-no-mark-and-amount", number = plain(&n), theirs = theirs, basket = basket),
        };
        Ok(Verdict::Review(Box::new(order), why))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(json: Value) -> Order {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn marks_come_from_metadata_and_tags() {
        let o = order(serde_json::json!({"number": "1", "currency": "USD", "total_incl_tax": "1.00",
            "metadata": {"counterpay_sale": "s_a"}, "tags": ["counterpay", "counterpay-sale:s_a", null, "counterpay-sale:s_b"]}));
        assert_eq!(sale_marks(&o), vec!["s_a".to_string(), "s_b".to_string()], "each sale named once, metadata first");
        let bare = order(serde_json::json!({"number": "1", "currency": "USD", "total_incl_tax": "1.00", "tags": null}));
        assert!(sale_marks(&bare).is_empty(), "an order without our marks names no sale");
    }

    #[test]
    fn line_amounts_read_totals_and_unit_prices() {
        let o = order(serde_json::json!({"number": "1", "currency": "USD", "total_incl_tax": "30.00", "lines": [
            {"variant_id": 1, "quantity": 2, "price_incl_tax": "24.00", "price_excl_tax": "20.00"},
            {"variant_id": 2, "quantity": 1, "price_incl_tax": "6.00", "price_excl_tax": "5.00"},
            {"variant_id": 3, "quantity": 1, "price_incl_tax": "99.00", "is_upsell": true}
        ]}));
        let a = line_amounts(&o);
        assert_eq!(a[0], Decimal::new(3000, 2), "line totals with tax, upsells left out");
        assert!(a.contains(&Decimal::new(5400, 2)), "unit prices × quantity");
        assert!(a.contains(&Decimal::new(2500, 2)), "line totals without tax");
        assert!(!a.contains(&Decimal::new(1, 2)), "a cent is none of them");
    }
}
