//! Locations, fulfillment orders and fulfillments, as the real store runs them after a sale
//! (`../shared/STORE-FACTS.md`): a paid order's shippable lines get a fulfillment order
//! assigned to the default location (the Warehouse); after the store's fulfillment delay
//! (30 minutes by default, [`crate::Config::fulfillment_delay`]) every fulfillment order still
//! `open` is sent to its location (`processing`, request `requested`) and can then only be
//! asked to cancel. Until then it can be moved (`move/`), fulfilled (`fulfillments/`) or held.
//! An order whose items are all fulfilled or cancelled is archived.
//!
//! The docs are silent on the shape of `GET /orders/{number}/fulfillment-orders/` (the
//! contract declares one `FulfillmentOrder`): the demo store answers a list, and the client
//! reads a list, a page or a single object.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Path, State as AxState};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::admin::{detail, field_error};
use crate::{lock, State};

/// The demo store's shop (the counter stands here).
pub const SHOP: i64 = 1;
/// The demo store's warehouse: where new fulfillment orders are assigned.
pub const WAREHOUSE: i64 = 2;

/// A location in the contract's `Location` shape.
pub(crate) fn location(id: i64) -> Option<Value> {
    let (name, line1, city) = match id {
        SHOP => ("Shop", "1 High Street", "Springfield"),
        WAREHOUSE => ("Warehouse", "Unit 7, Harbour Road", "Springfield"),
        _ => return None,
    };
    Some(json!({
        "id": id, "name": name, "accept_return": true, "callback_url": null,
        "address": { "line1": line1, "line4": city, "postcode": "12345", "country": "US", "state": "" },
    }))
}

#[derive(Debug, Clone)]
pub(crate) struct FoLine {
    id: i64,
    order_line_id: i64,
    product_id: i64,
    title: String,
    sku: String,
    price: String,
    currency: String,
    /// Units still to fulfill.
    quantity: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Fo {
    id: i64,
    order_number: String,
    location: i64,
    /// open, processing, on_hold, closed, canceled
    status: String,
    /// pending, requested, cancel_requested, closed
    request_status: String,
    lines: Vec<FoLine>,
    created: Instant,
    holds: Vec<Value>,
    requests: Vec<Value>,
}

/// Everything fulfillment: fulfillment orders, fulfillments, and stock per location.
#[derive(Debug, Default)]
pub(crate) struct Book {
    orders: BTreeMap<i64, Fo>,
    next_id: i64,
    next_line: i64,
    fulfillments: Vec<Value>,
    /// (variant, location) → units in stock.
    stock: BTreeMap<(i64, i64), i64>,
    /// Sent to a location other than the shop's, for tests: (fulfillment order, location).
    sent: Vec<(i64, i64)>,
}

fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Fo {
    fn json(&self) -> Value {
        let lines: Vec<Value> = self
            .lines
            .iter()
            .map(|l| {
                json!({
                    "id": l.id, "order_line_id": l.order_line_id, "fulfillment_order_id": self.id,
                    "product_id": l.product_id.to_string(), "product_title": l.title, "product_image": "https://example.com/p.png",
                    "sku": l.sku, "quantity": l.quantity, "fulfillable_quantity": l.quantity.to_string(), "stockrecord_id": l.product_id * 10 + self.location,
                    "currency": l.currency, "price_incl_tax": l.price, "price_excl_tax": l.price, "total_discount": "0.00", "tax_lines": [],
                })
            })
            .collect();
        let actions: Vec<&str> = match self.status.as_str() {
            "open" => vec!["create_fulfillment", "move", "hold", "cancel"],
            "processing" => vec!["cancellation_request"],
            "on_hold" => vec!["release_hold"],
            _ => vec![],
        };
        json!({
            "id": self.id, "order_number": self.order_number, "assigned_location": location(self.location),
            "status": self.status, "request_status": self.request_status, "line_items": lines,
            "shipping_method": { "code": "default", "name": "Standard" }, "shipping_address": null,
            "fulfillment_holds": self.holds, "merchant_requests": self.requests, "supported_actions": actions,
            "created_at": now_text(), "updated_at": now_text(),
        })
    }
}

impl Book {
    /// Give the shop and the warehouse some stock of every variant (`demo` catalog ids).
    pub(crate) fn stock_for(&mut self, variant: i64) -> (i64, i64) {
        let shop = *self.stock.entry((variant, SHOP)).or_insert(8 + variant % 5);
        let warehouse = *self.stock.entry((variant, WAREHOUSE)).or_insert(40 + variant % 17);
        (shop, warehouse)
    }

    /// Send every fulfillment order still open after `delay` to its location.
    pub(crate) fn advance(&mut self, delay: Duration) {
        for fo in self.orders.values_mut() {
            if fo.status == "open" && fo.created.elapsed() >= delay {
                fo.status = "processing".into();
                fo.request_status = "requested".into();
                if fo.location != SHOP {
                    self.sent.push((fo.id, fo.location));
                }
            }
        }
    }

    /// New fulfillment order for `lines` (order lines in contract shape) at the warehouse.
    pub(crate) fn open_for(&mut self, order_number: &str, lines: &[Value], currency: &str) {
        let lines: Vec<FoLine> = lines
            .iter()
            .filter(|l| l["requires_shipping"] == true)
            .map(|l| {
                self.next_line += 1;
                FoLine {
                    id: 900_000 + self.next_line,
                    order_line_id: l["id"].as_i64().unwrap_or(0),
                    product_id: l["variant_id"].as_i64().unwrap_or(0),
                    title: l["product_title"].as_str().unwrap_or("").to_string(),
                    sku: l["sku"].as_str().unwrap_or("").to_string(),
                    price: l["price_incl_tax"].as_str().unwrap_or("0.00").to_string(),
                    currency: currency.to_string(),
                    quantity: l["quantity"].as_i64().unwrap_or(0),
                }
            })
            .collect();
        if lines.is_empty() {
            return;
        }
        self.next_id += 1;
        let id = 5000 + self.next_id;
        self.orders.insert(
            id,
            Fo {
                id,
                order_number: order_number.to_string(),
                location: WAREHOUSE,
                status: "open".into(),
                request_status: "pending".into(),
                lines,
                created: Instant::now(),
                holds: vec![],
                requests: vec![],
            },
        );
    }

    fn of_order(&self, number: &str) -> Vec<&Fo> {
        self.orders.values().filter(|f| f.order_number == number).collect()
    }

    /// The order's `fulfillment_status` from its fulfillment orders.
    fn status_of(&self, number: &str) -> Option<&'static str> {
        let fos = self.of_order(number);
        if fos.is_empty() {
            return None;
        }
        let done = |f: &&Fo| matches!(f.status.as_str(), "closed" | "canceled");
        Some(if fos.iter().all(done) {
            "fulfilled"
        } else if fos.iter().any(|f| f.status == "processing") {
            "processing"
        } else if fos.iter().any(|f| f.status == "on_hold") {
            "on_hold"
        } else {
            "unfulfilled"
        })
    }
}

/// Bring an order's fulfillment fields up to date (called whenever an order is read).
pub(crate) fn refresh_order(state: &State, order: &mut Value) {
    let number = order["number"].as_str().unwrap_or("").to_string();
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    if let Some(status) = book.status_of(&number) {
        order["fulfillment_status"] = json!(status);
        let fulfillments: Vec<Value> = book.fulfillments.iter().filter(|f| f["order_number"] == number.as_str()).cloned().collect();
        order["fulfillments"] = json!(fulfillments);
        if status == "fulfilled" && order["status"] == "open" {
            order["status"] = json!("archived");
        }
    }
}

/// `(id, order number, location id, status)` of every fulfillment order, and `(id, location
/// id)` of those sent to a location other than the shop.
pub type Snapshot = (Vec<(i64, String, i64, String)>, Vec<(i64, i64)>);

/// The fulfillment orders opened, moved and sent so far, for tests: `(id, order, location,
/// status)` each, and which were sent to a location other than the shop.
pub(crate) fn snapshot(state: &State) -> Snapshot {
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    (book.orders.values().map(|f| (f.id, f.order_number.clone(), f.location, f.status.clone())).collect(), book.sent.clone())
}

/// Every fulfillment order in `FulfillmentOrder` shape, for tests.
pub(crate) fn all_json(state: &State) -> Vec<Value> {
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    book.orders.values().map(Fo::json).collect()
}

/// Fulfillments made so far (`FulfillmentResponse` shape), for tests.
pub(crate) fn fulfillments(state: &State) -> Vec<Value> {
    lock(&state.fulfillment).fulfillments.clone()
}

pub(crate) async fn list_locations(AxState(state): AxState<Arc<State>>) -> Response {
    let _ = &state;
    let results: Vec<Value> = [SHOP, WAREHOUSE].iter().filter_map(|id| location(*id)).collect();
    Json(json!({ "next": null, "previous": null, "results": results })).into_response()
}

pub(crate) async fn of_order(AxState(state): AxState<Arc<State>>, Path(number): Path<String>) -> Response {
    if lock(&state.orders).get(&number).is_none() {
        return detail(StatusCode::NOT_FOUND, "Not found.");
    }
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    let list: Vec<Value> = book.of_order(&number).iter().map(|f| f.json()).collect();
    Json(json!(list)).into_response()
}

pub(crate) async fn retrieve(AxState(state): AxState<Arc<State>>, Path(id): Path<i64>) -> Response {
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    match book.orders.get(&id) {
        Some(f) => Json(f.json()).into_response(),
        None => detail(StatusCode::NOT_FOUND, "Not found."),
    }
}

fn body_of(bytes: &[u8]) -> Option<Value> {
    match serde_json::from_slice(bytes) {
        Ok(v @ Value::Object(_)) => Some(v),
        _ => None,
    }
}

/// The `fulfillment_order_line_items` a request names, as `(line id, units)`; every line of
/// `fo` with all its units when it names none. Fails with the store's field error when a
/// line is not `fo`'s or has fewer units.
#[allow(clippy::result_large_err)]
fn named_lines(body: &Value, fo: &Fo, refusal: &str) -> Result<Vec<(i64, i64)>, Response> {
    let named: Vec<(i64, i64)> = body["fulfillment_order_line_items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| Some((l["id"].as_i64()?, l["quantity"].as_i64()?)))
        .collect();
    let lines: Vec<(i64, i64)> = if named.is_empty() { fo.lines.iter().map(|l| (l.id, l.quantity)).collect() } else { named };
    for (line, qty) in &lines {
        match fo.lines.iter().find(|l| l.id == *line) {
            Some(l) if *qty >= 1 && *qty <= l.quantity => {}
            _ => return Err(field_error("fulfillment_order_line_items", &format!("Line {line} {refusal} {qty} unit(s)."))),
        }
    }
    Ok(lines)
}

/// `POST /fulfillment-orders/{id}/move/`: only while `open`. Moves the named lines (all when
/// none are named) to a new fulfillment order at `new_location_id`.
pub(crate) async fn move_to(AxState(state): AxState<Arc<State>>, Path(id): Path<i64>, body: axum::body::Bytes) -> Response {
    let Some(body) = body_of(&body) else { return detail(StatusCode::BAD_REQUEST, "JSON parse error - expected an object.") };
    let Some(to) = body["new_location_id"].as_i64() else { return field_error("new_location_id", "This field is required.") };
    if location(to).is_none() {
        return field_error("new_location_id", &format!("Invalid pk \"{to}\" - object does not exist."));
    }
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    let Some(fo) = book.orders.get(&id).cloned() else { return detail(StatusCode::NOT_FOUND, "Not found.") };
    if fo.status != "open" {
        return field_error("non_field_errors", &format!("Fulfillment order {id} is {} and can no longer be moved.", fo.status));
    }
    let moving = match named_lines(&body, &fo, "cannot move") {
        Ok(lines) => lines,
        Err(refused) => return refused,
    };
    let all = moving.len() == fo.lines.len() && moving.iter().all(|(id, q)| fo.lines.iter().any(|l| l.id == *id && l.quantity == *q));
    let moved_id = if all {
        book.orders.get_mut(&id).expect("present").location = to;
        id
    } else {
        book.next_id += 1;
        let new_id = 5000 + book.next_id;
        let mut new_lines = Vec::new();
        let original = book.orders.get_mut(&id).expect("present");
        for (line, qty) in &moving {
            let l = original.lines.iter_mut().find(|l| l.id == *line).expect("checked");
            l.quantity -= qty;
            new_lines.push(FoLine { quantity: *qty, ..l.clone() });
        }
        original.lines.retain(|l| l.quantity > 0);
        let moved = Fo { id: new_id, location: to, lines: new_lines, created: original.created, ..original.clone() };
        book.orders.insert(new_id, moved);
        new_id
    };
    let original = book.orders.get(&id).map(Fo::json).unwrap_or(Value::Null);
    let moved = book.orders.get(&moved_id).map(Fo::json).unwrap_or(Value::Null);
    Json(json!({ "original_fulfillment_order": original, "moved_fulfillment_order": moved })).into_response()
}

/// `POST /fulfillment-orders/{id}/fulfillments/`: fulfill the named lines (all when none
/// are named) at the fulfillment order's location; only while `open` (or already
/// `processing` at that location).
pub(crate) async fn fulfill(AxState(state): AxState<Arc<State>>, Path(id): Path<i64>, body: axum::body::Bytes) -> Response {
    let Some(body) = body_of(&body) else { return detail(StatusCode::BAD_REQUEST, "JSON parse error - expected an object.") };
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    let Some(fo) = book.orders.get(&id).cloned() else { return detail(StatusCode::NOT_FOUND, "Not found.") };
    if !matches!(fo.status.as_str(), "open" | "processing") {
        return field_error("non_field_errors", &format!("Fulfillment order {id} is {} and cannot be fulfilled.", fo.status));
    }
    let taking = match named_lines(&body, &fo, "has not that many units left to fulfill:") {
        Ok(lines) => lines,
        Err(refused) => return refused,
    };
    let n = book.fulfillments.len() as i64 + 1;
    let entry = book.orders.get_mut(&id).expect("present");
    let mut lines = Vec::new();
    for (line, qty) in &taking {
        let l = entry.lines.iter_mut().find(|l| l.id == *line).expect("checked");
        l.quantity -= qty;
        lines.push(json!({
            "id": 800_000 + n * 100 + lines.len() as i64, "order_line_id": l.order_line_id, "product_id": l.product_id,
            "fulfilled_quantity": qty.to_string(), "fulfillment_service": "manual", "currency": l.currency,
            "price_incl_tax": l.price, "price_excl_tax": l.price, "product_title": l.title, "sku": l.sku, "quantity": qty,
            "product_image": "https://demo.example/img/placeholder.png", "requires_shipping": true,
            "returnable_quantity": qty.to_string(), "returned_quantity": "0", "tax_lines": [], "total_discount": "0.00",
        }));
    }
    if entry.lines.iter().all(|l| l.quantity == 0) {
        entry.status = "closed".into();
        entry.request_status = "closed".into();
    }
    let (location_id, number) = (entry.location, entry.order_number.clone());
    for (line, qty) in &taking {
        if let Some(variant) = fo.lines.iter().find(|l| l.id == *line).map(|l| l.product_id) {
            book.stock_for(variant);
            *book.stock.entry((variant, location_id)).or_default() -= qty;
        }
    }
    let origin = location(location_id).map(|l| l["address"].clone()).unwrap_or(Value::Null);
    let fulfillment = json!({
        "id": 7000 + n, "order_number": number, "location_id": location_id, "origin_address": origin,
        "status": "success", "delivery_status": "delivered", "line_items": lines, "requires_shipping": true,
        "shipping_method": "Handed over", "tracking_carrier": "", "tracking_carriers": "", "tracking_code": "",
        "tracking_codes": "", "tracking_link": "", "tracking_links": "", "created_at": now_text(), "last_event_date": null,
        "notify": body["notify"].as_bool().unwrap_or(true),
    });
    book.fulfillments.push(fulfillment.clone());
    drop(book);
    let mut fulfillment = fulfillment;
    if let Some(obj) = fulfillment.as_object_mut() {
        obj.remove("notify"); // recorded for tests, not part of the answer
    }
    (StatusCode::CREATED, Json(fulfillment)).into_response()
}

/// `POST /fulfillment-orders/{id}/cancellation-request/`: ask the location not to ship.
pub(crate) async fn cancellation_request(AxState(state): AxState<Arc<State>>, Path(id): Path<i64>, body: axum::body::Bytes) -> Response {
    let body = body_of(&body).unwrap_or_else(|| json!({}));
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    let Some(fo) = book.orders.get_mut(&id) else { return detail(StatusCode::NOT_FOUND, "Not found.") };
    if fo.status != "processing" {
        return field_error("non_field_errors", &format!("Fulfillment order {id} is {}: there is nothing to ask to cancel.", fo.status));
    }
    fo.request_status = "cancel_requested".into();
    fo.requests.push(json!({ "type": "cancel_request", "message": body["message"], "notify": true }));
    Json(fo.json()).into_response()
}

/// `POST /fulfillment-orders/{id}/hold/`.
pub(crate) async fn hold(AxState(state): AxState<Arc<State>>, Path(id): Path<i64>, body: axum::body::Bytes) -> Response {
    let Some(body) = body_of(&body) else { return detail(StatusCode::BAD_REQUEST, "JSON parse error - expected an object.") };
    let Some(reason) = body["reason"].as_str() else { return field_error("reason", "This field is required.") };
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    let Some(fo) = book.orders.get_mut(&id) else { return detail(StatusCode::NOT_FOUND, "Not found.") };
    if fo.status != "open" {
        return field_error("non_field_errors", &format!("Fulfillment order {id} is {} and cannot be held.", fo.status));
    }
    fo.status = "on_hold".into();
    fo.holds.push(json!({ "reason": reason, "reason_message": body["reason_message"], "created_at": now_text() }));
    Json(fo.json()).into_response()
}

/// Cancel what is left unfulfilled of `number`'s fulfillment orders (an order cancel, or a
/// refund of unfulfilled lines with `restock_type: cancel`). Returns `false` when some were
/// already sent (the store refuses the cancel then).
pub(crate) fn cancel_unfulfilled(state: &State, number: &str) -> bool {
    let mut book = lock(&state.fulfillment);
    book.advance(state.fulfillment_delay);
    if book.of_order(number).iter().any(|f| f.status == "processing") {
        return false;
    }
    for fo in book.orders.values_mut().filter(|f| f.order_number == number && matches!(f.status.as_str(), "open" | "on_hold")) {
        fo.status = "canceled".into();
    }
    true
}

/// Units of `order_line_id` fulfilled so far.
pub(crate) fn fulfilled_units(state: &State, number: &str, order_line_id: i64) -> i64 {
    lock(&state.fulfillment)
        .fulfillments
        .iter()
        .filter(|f| f["order_number"] == number)
        .flat_map(|f| f["line_items"].as_array().cloned().unwrap_or_default())
        .filter(|l| l["order_line_id"] == order_line_id)
        .filter_map(|l| l["quantity"].as_i64())
        .sum()
}

/// Add `units` of `variant` back into stock at the shop (a refund with `return`).
pub(crate) fn restock(state: &State, variant: i64, units: i64) {
    let mut book = lock(&state.fulfillment);
    book.stock_for(variant);
    *book.stock.entry((variant, SHOP)).or_default() += units;
}

/// Stock of `variant` at each location, in `StockrecordLocation` shape.
pub(crate) fn stockrecords(state: &State, variant: i64) -> Value {
    let (shop, warehouse) = lock(&state.fulfillment).stock_for(variant);
    json!([
        { "id": variant * 10 + SHOP, "location_id": SHOP, "num_in_stock": shop, "num_allocated": 0, "low_stock_threshold": 2 },
        { "id": variant * 10 + WAREHOUSE, "location_id": WAREHOUSE, "num_in_stock": warehouse, "num_allocated": 0, "low_stock_threshold": 5 },
    ])
}
