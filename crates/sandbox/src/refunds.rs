//! Refunds and cancels: `POST /orders/{number}/refund/calculate/`, `/refund/` and
//! `/cancel/`, in the contract's shapes (`CalculateRefundResponse`, `Refund`, `Order`).
//! A refund is paid back against the order's Klarna transactions, never more than each
//! one has left; lines cannot be refunded beyond what was sold.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State as AxState};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::admin::{detail, field_error, money};
use crate::{lock, State};

/// A Klarna transaction in `TransactionObject` shape.
pub(crate) fn transaction(id: i64, kind: &str, amount: Decimal, currency: &str, parent: Option<i64>, now: &str) -> Value {
    json!({
        "amount": money(amount), "auth_code": null, "currency": currency, "date_created": now,
        "external_id": format!("klarna-demo-{id}"), "id": id, "is_disputed": false, "is_external": false,
        "is_initial_retry": null, "is_test": true, "network_transaction_id": null, "parent_id": parent,
        "payment_details": {
            "bankcard_first_six": null, "bankcard_last_four": null, "card_token": "",
            "gateway": { "id": 1, "name": "Klarna (demo)", "type": "klarna" },
            "is_3ds": false, "optimized_3ds": false, "paypal_vault_id": "", "sca_flow": "",
        },
        "payment_method": "klarna", "report_values": { "amount": money(amount), "currency": currency },
        "response_code": 100, "statement_descriptor": null, "status": "succeeded", "type": kind,
    })
}

fn dec(v: &Value) -> Decimal {
    v.as_str().and_then(|s| s.parse().ok()).unwrap_or(Decimal::ZERO)
}

/// Quantity of each line refunded so far.
fn refunded_quantities(order: &Value) -> HashMap<i64, i64> {
    let mut out = HashMap::new();
    for r in order["refunds"].as_array().into_iter().flatten() {
        for l in r["refund_line_items"].as_array().into_iter().flatten() {
            *out.entry(l["line_item_id"].as_i64().unwrap_or(0)).or_default() += l["quantity"].as_i64().unwrap_or(0);
        }
    }
    out
}

/// What each debit transaction has left to refund.
fn refundable_by_transaction(order: &Value) -> Vec<(i64, Decimal)> {
    let txs: Vec<&Value> = order["transactions"].as_array().into_iter().flatten().collect();
    txs.iter()
        .filter(|t| t["type"] == "debit" && t["status"] == "succeeded")
        .map(|t| {
            let id = t["id"].as_i64().unwrap_or(0);
            let refunded: Decimal =
                txs.iter().filter(|r| r["type"] == "refund" && r["parent_id"] == json!(id)).map(|r| dec(&r["amount"])).sum();
            (id, dec(&t["amount"]) - refunded)
        })
        .collect()
}

/// The refund a request asks for: `(line json, line id, quantity, amount, restock)` each.
type Planned = Vec<(Value, i64, i64, Decimal, String)>;

/// Fails with the `refund_lines` error the store gives, including its rule for physical
/// goods: unfulfilled units are refunded with `restock_type: cancel`, fulfilled ones with
/// `return` (back into stock) or `no_restock`.
fn plan(state: &State, order: &Value, body: &Value) -> Result<Planned, String> {
    let number = order["number"].as_str().unwrap_or("").to_string();
    let requested = body["refund_lines"].as_array().cloned().unwrap_or_default();
    let done = refunded_quantities(order);
    let mut out = Vec::new();
    for r in &requested {
        let (Some(id), Some(qty)) = (r["line_id"].as_i64(), r["quantity"].as_i64()) else {
            return Err("Each line needs line_id and quantity.".into());
        };
        let Some(line) = order["lines"].as_array().into_iter().flatten().find(|l| l["id"].as_i64() == Some(id)).cloned() else {
            return Err(format!("Invalid line_id \"{id}\" - object does not exist."));
        };
        let sold = line["quantity"].as_i64().unwrap_or(0);
        let left = sold - done.get(&id).copied().unwrap_or(0);
        if qty < 0 || qty > left {
            return Err(format!("Ensure quantity for line {id} is at most {left}."));
        }
        if qty == 0 {
            continue;
        }
        let unit = dec(&line["price_incl_tax"]) / Decimal::from(sold.max(1));
        if let Some(restock) = r["restock_type"].as_str() {
            let fulfilled = crate::fulfillment::fulfilled_units(state, &number, id);
            match restock {
                "cancel" if fulfilled >= sold && line["requires_shipping"] == true => {
                    return Err(format!("Line {id} is fulfilled: restock_type must be return or no_restock."));
                }
                "return" | "no_restock" if fulfilled == 0 && line["requires_shipping"] == true => {
                    return Err(format!("Line {id} is not fulfilled: restock_type must be cancel."));
                }
                "cancel" | "return" | "no_restock" => {}
                other => return Err(format!("\"{other}\" is not a valid restock_type.")),
            }
        }
        // Without one, the store infers it: fulfilled units are not restocked, others cancelled.
        let inferred = if crate::fulfillment::fulfilled_units(state, &number, id) > 0 { "no_restock" } else { "cancel" };
        let restock = r["restock_type"].as_str().unwrap_or(inferred).to_string();
        out.push((line, id, qty, (unit * Decimal::from(qty)).round_dp(2), restock));
    }
    Ok(out)
}

/// Spread `amount` over the transactions with something left, oldest first.
fn allocate(order: &Value, amount: Decimal) -> Vec<(i64, Decimal, Decimal)> {
    let mut left = amount;
    let mut out = Vec::new();
    for (id, refundable) in refundable_by_transaction(order) {
        let take = left.min(refundable);
        out.push((id, take, refundable));
        left -= take;
    }
    out
}

fn current(state: &State, number: &str) -> Option<Value> {
    lock(&state.orders).get(number)
}

pub(crate) async fn calculate(AxState(state): AxState<Arc<State>>, Path(number): Path<String>, body: axum::body::Bytes) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or_else(|_| json!({}));
    let Some(order) = current(&state, &number) else { return detail(StatusCode::NOT_FOUND, "Not found.") };
    let planned = match plan(&state, &order, &body) {
        Ok(p) => p,
        Err(e) => return field_error("refund_lines", &e),
    };
    let currency = order["currency"].as_str().unwrap_or(state.shop.currency()).to_string();
    let total: Decimal = planned.iter().map(|p| p.3).sum();
    let lines: Vec<Value> = planned
        .iter()
        .map(|(line, id, qty, amount, restock)| {
            json!({
                "amount_excl_tax": money(*amount), "amount_incl_tax": money(*amount), "line_id": id,
                "product_id": line["product_id"], "product_image": line["product_image"],
                "product_title": line["product_title"], "product_url": line["product_url"], "quantity": qty,
                "refundable_quantity": line["quantity"].as_i64().unwrap_or(0) - refunded_quantities(&order).get(id).copied().unwrap_or(0),
                "restock_type": restock, "sku": line["sku"], "total_tax": "0.00",
                "variant_id": line["variant_id"], "variant_title": line["variant_title"],
            })
        })
        .collect();
    let transactions: Vec<Value> = allocate(&order, total)
        .into_iter()
        .map(|(id, amount, refundable)| {
            json!({ "amount": money(amount), "gateway_id": 1, "gateway_name": "Klarna (demo)", "id": id,
                    "payment_method": "klarna", "refundable_amount": money(refundable), "type": "debit" })
        })
        .collect();
    Json(json!({
        "amount_excl_tax": money(total), "amount_incl_tax": money(total), "currency": currency,
        "refund_lines": lines,
        "refund_shipping": { "amount_excl_tax": "0.00", "amount_incl_tax": "0.00", "currency": currency,
                             "refundable_amount": "0.00", "shipping_code": "", "shipping_method": "", "total_tax": "0.00" },
        "total_tax": "0.00", "transactions": transactions,
    }))
    .into_response()
}

/// Record a refund of `planned` paid back through `payments` on `order`; returns the
/// `Refund`. Updates the payment status.
fn apply_refund(state: &State, order: &mut Value, planned: &Planned, payments: &[(i64, Decimal)], note: Option<&str>, now: &str) -> Value {
    let currency = order["currency"].as_str().unwrap_or(state.shop.currency()).to_string();
    let base = order["number"].as_str().and_then(|n| n.parse::<i64>().ok()).unwrap_or(0) * 100;
    let refund_id = base + order["refunds"].as_array().map_or(0, Vec::len) as i64 + 50;
    let mut txs = Vec::new();
    for (parent, amount) in payments.iter().filter(|(_, a)| !a.is_zero()) {
        let id = {
            let mut next = lock(&state.next_transaction);
            *next += 1;
            *next
        };
        txs.push(transaction(id, "refund", *amount, &currency, Some(*parent), now));
    }
    let lines: Vec<Value> = planned
        .iter()
        .enumerate()
        .map(|(i, (_, id, qty, amount, restock))| {
            json!({ "amount_excl_tax": money(*amount), "amount_incl_tax": money(*amount), "id": refund_id * 10 + i as i64,
                    "line_item_id": id, "location_id": 1, "quantity": qty, "restock_type": restock,
                    "report_values": { "amount_excl_tax": money(*amount), "amount_incl_tax": money(*amount), "currency": currency } })
        })
        .collect();
    // Goods that came back go into stock at the shop.
    for (line, _, qty, _, restock) in planned {
        if restock == "return" {
            if let Some(variant) = line["variant_id"].as_i64() {
                crate::fulfillment::restock(state, variant, *qty);
            }
        }
    }
    let paid_back: Decimal = payments.iter().map(|p| p.1).sum();
    let returned: Decimal = planned.iter().map(|p| p.3).sum();
    let refund = json!({
        "adjustments": [], "created_at": now, "id": refund_id, "note": note, "order_number": order["number"],
        "refund_line_items": lines,
        "report_values": { "currency": currency, "total_refund_amount": money(paid_back),
                           "total_return_excl_tax": money(returned), "total_return_incl_tax": money(returned) },
        "total_refund_amount": money(paid_back), "total_return_excl_tax": money(returned),
        "total_return_incl_tax": money(returned), "transactions": txs.clone(), "user_id": 1,
    });
    if let Some(all) = order["transactions"].as_array_mut() {
        all.extend(txs);
    }
    if let Some(all) = order["refunds"].as_array_mut() {
        all.push(refund.clone());
    }
    let left: Decimal = refundable_by_transaction(order).iter().map(|t| t.1).sum();
    order["payment_status"] = json!(if left.is_zero() { "refunded" } else { "partially_refunded" });
    order["updated_at"] = json!(now);
    refund
}

pub(crate) async fn refund(AxState(state): AxState<Arc<State>>, Path(number): Path<String>, body: axum::body::Bytes) -> Response {
    let Ok(body @ Value::Object(_)) = serde_json::from_slice::<Value>(&body) else {
        return detail(StatusCode::BAD_REQUEST, "JSON parse error - expected an object.");
    };
    let Some(requested) = body["transactions"].as_array().filter(|t| !t.is_empty()).cloned() else {
        return field_error("transactions", "This field is required.");
    };
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut orders = lock(&state.orders);
    let Some(mut answer) = orders.get(&number) else { return detail(StatusCode::NOT_FOUND, "Not found.") };
    let order = &mut answer;
    let planned = match plan(&state, order, &body) {
        Ok(p) => p,
        Err(e) => return field_error("refund_lines", &e),
    };
    if body["refund_lines"].as_array().into_iter().flatten().any(|l| l["restock_type"].as_str().is_none()) {
        return field_error("refund_lines", "restock_type is required.");
    }
    let left: HashMap<i64, Decimal> = refundable_by_transaction(order).into_iter().collect();
    let mut payments = Vec::new();
    for t in &requested {
        let (Some(id), Some(amount)) = (t["id"].as_i64(), t["amount"].as_str().and_then(|a| a.parse::<Decimal>().ok())) else {
            return field_error("transactions", "Each transaction needs id and amount.");
        };
        match left.get(&id) {
            None => return field_error("transactions", &format!("Invalid transaction id \"{id}\".")),
            Some(max) if amount < Decimal::ZERO || amount > *max => {
                return field_error("transactions", &format!("Transaction {id} can refund at most {}.", money(*max)))
            }
            Some(_) => payments.push((id, amount)),
        }
    }
    if payments.iter().all(|p| p.1.is_zero()) {
        return field_error("non_field_errors", "Nothing to refund.");
    }
    let refund = apply_refund(&state, order, &planned, &payments, body["note"].as_str(), &now);
    orders.insert(number.clone(), &answer);
    drop(orders);
    crate::webhooks::deliver(&state, "order.updated", &answer);
    Json(refund).into_response()
}

pub(crate) async fn cancel(AxState(state): AxState<Arc<State>>, Path(number): Path<String>, body: axum::body::Bytes) -> Response {
    let Ok(body @ Value::Object(_)) = serde_json::from_slice::<Value>(&body) else {
        return detail(StatusCode::BAD_REQUEST, "JSON parse error - expected an object.");
    };
    let Some(reason) = body["cancel_reason"].as_str().filter(|r| !r.trim().is_empty()).map(str::to_string) else {
        return field_error("cancel_reason", "This field is required.");
    };
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut orders = lock(&state.orders);
    let Some(mut answer) = orders.get(&number) else { return detail(StatusCode::NOT_FOUND, "Not found.") };
    let order = &mut answer;
    if order["status"] == "canceled" {
        return field_error("non_field_errors", "This order is already canceled.");
    }
    if !crate::fulfillment::fulfillments(&state).iter().all(|f| f["order_number"] != number.as_str()) {
        return field_error("non_field_errors", "This order has fulfilled items and can no longer be cancelled: refund it instead.");
    }
    if !crate::fulfillment::cancel_unfulfilled(&state, &number) {
        return field_error("non_field_errors", "This order was already sent to fulfillment and can no longer be cancelled.");
    }
    if body["full_refund"] == true {
        // Everything not refunded yet goes back: every line's remaining quantity.
        let done = refunded_quantities(order);
        let remaining: Vec<Value> = order["lines"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| {
                let id = l["id"].as_i64()?;
                let qty = l["quantity"].as_i64()? - done.get(&id).copied().unwrap_or(0);
                (qty > 0).then(|| json!({ "line_id": id, "quantity": qty, "restock_type": "cancel" }))
            })
            .collect();
        if let Ok(planned) = plan(&state, order, &json!({ "refund_lines": remaining })) {
            let payments: Vec<(i64, Decimal)> = refundable_by_transaction(order).into_iter().filter(|t| !t.1.is_zero()).collect();
            if !payments.is_empty() {
                apply_refund(&state, order, &planned, &payments, Some(&format!("Cancelled: {reason}")), &now);
            }
        }
    }
    order["status"] = json!("canceled");
    order["updated_at"] = json!(now);
    orders.insert(number.clone(), &answer);
    drop(orders);
    crate::webhooks::deliver(&state, "order.updated", &answer);
    Json(answer).into_response()
}
