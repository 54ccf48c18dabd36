//! Counting units: what a fulfillment order holds of what was handed over, what a step
//! asked for, and what the store's fulfillments at a location hold.

use std::collections::BTreeMap;

use serde_json::json;

use crate::admin_api::fulfillment::{FulfillmentOrder, LineItem};
use crate::admin_api::models::Order;
use crate::db::closing::{Step, StepKind, StepState};

/// Take the handed-over units `wanted` (per variant) from `fo`'s lines.
pub(super) fn take_lines(fo: &FulfillmentOrder, variant_of: &BTreeMap<i64, i64>, wanted: &mut BTreeMap<i64, i64>) -> Vec<LineItem> {
    let mut take = Vec::new();
    for l in &fo.line_items {
        let Some(v) = variant_of.get(&l.order_line_id) else { continue };
        let Some(w) = wanted.get_mut(v) else { continue };
        let units = (*w).min(l.quantity);
        if units > 0 {
            *w -= units;
            take.push(LineItem { id: l.id, quantity: units });
        }
    }
    take
}

/// What `take` (lines of `fo`) asks for, per variant: to take again from a moved order.
pub(super) fn take_map(take: &[LineItem], fo: &FulfillmentOrder, variant_of: &BTreeMap<i64, i64>) -> BTreeMap<i64, i64> {
    let mut m = BTreeMap::new();
    for t in take {
        if let Some(v) = fo.line_items.iter().find(|l| l.id == t.id).and_then(|l| variant_of.get(&l.order_line_id)) {
            *m.entry(*v).or_default() += t.quantity;
        }
    }
    m
}

pub(super) fn lines_json(take: &[LineItem]) -> serde_json::Value {
    json!(take.iter().map(|l| json!({ "id": l.id, "quantity": l.quantity })).collect::<Vec<_>>())
}

/// Units of each order line a fulfill step asked for.
pub(super) fn step_units(s: &Step) -> BTreeMap<i64, i64> {
    let mut m = BTreeMap::new();
    for pair in s.detail["order_lines"].as_array().into_iter().flatten() {
        if let (Some(line), Some(units)) = (pair[0].as_i64(), pair[1].as_i64()) {
            *m.entry(line).or_default() += units;
        }
    }
    m
}

/// Units per order line of the done fulfill steps other than `except`.
pub(super) fn units_of_done(all: &[Step], except: i64) -> BTreeMap<i64, i64> {
    let mut m = BTreeMap::new();
    for s in all.iter().filter(|s| s.kind == StepKind::Fulfill && s.state == StepState::Done && s.id != except) {
        for (line, units) in step_units(s) {
            *m.entry(line).or_default() += units;
        }
    }
    m
}

/// Units of each order line the store's fulfillments at `location` hold.
pub(super) fn fulfilled_units(order: &Order, location: i64) -> BTreeMap<i64, i64> {
    let mut m = BTreeMap::new();
    let fulfillments = order.extra.get("fulfillments").and_then(|f| f.as_array()).cloned().unwrap_or_default();
    for f in fulfillments.iter().filter(|f| f["location_id"].as_i64() == Some(location) && f["status"] != "canceled") {
        for l in f["line_items"].as_array().into_iter().flatten() {
            let units = l["quantity"].as_i64().or_else(|| l["fulfilled_quantity"].as_str().and_then(|q| q.parse().ok())).unwrap_or(0);
            if let Some(line) = l["order_line_id"].as_i64() {
                *m.entry(line).or_default() += units;
            }
        }
    }
    m
}
