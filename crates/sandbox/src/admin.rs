//! The Admin API subset: `/store/`, `/products/`, `/orders/` and `/orders/{number}/`,
//! behind the real API's bearer-token and version-header checks, with the fault knobs
//! applied before any handler runs.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Path, Query, Request, State as AxState};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rand::Rng;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::{lock, Checkout, Fault, RecordedRequest, State, API_VERSION};

const MAX_BODY: usize = 1024 * 1024;

pub(crate) fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/store/", get(store))
        .route("/products/", get(products))
        .route("/orders/", get(orders_list).post(orders_create))
        .route("/orders/{number}/", get(orders_retrieve))
        .route("/orders/{number}/add-line-items/", axum::routing::post(orders_add_line_items))
        .route("/orders/{number}/refund/calculate/", axum::routing::post(crate::refunds::calculate))
        .route("/orders/{number}/refund/", axum::routing::post(crate::refunds::refund))
        .route("/orders/{number}/cancel/", axum::routing::post(crate::refunds::cancel))
        .route("/orders/{number}/capture/", axum::routing::post(orders_capture))
        .route("/orders/{number}/fulfillment-orders/", get(crate::fulfillment::of_order))
        .route("/fulfillment-orders/{id}/", get(crate::fulfillment::retrieve))
        .route("/fulfillment-orders/{id}/move/", axum::routing::post(crate::fulfillment::move_to))
        .route("/fulfillment-orders/{id}/fulfillments/", axum::routing::post(crate::fulfillment::fulfill))
        .route("/fulfillment-orders/{id}/cancellation-request/", axum::routing::post(crate::fulfillment::cancellation_request))
        .route("/fulfillment-orders/{id}/hold/", axum::routing::post(crate::fulfillment::hold))
        .route("/locations/", get(crate::fulfillment::list_locations))
        .route("/metadata/", get(metadata_list).post(metadata_create))
        .route("/webhooks/", get(crate::webhooks::list).post(crate::webhooks::create))
        .route("/webhooks/{id}/", axum::routing::delete(crate::webhooks::delete))
        .layer(middleware::from_fn_with_state(state.clone(), gate))
        .with_state(state)
}

/// The API's rate limit: a token bucket of `per_second` requests, refilled continuously.
#[derive(Debug)]
pub(crate) struct Bucket {
    per_second: f64,
    tokens: f64,
    at: std::time::Instant,
}

impl Bucket {
    pub(crate) fn new(per_second: u32) -> Bucket {
        let per_second = f64::from(per_second.max(1));
        Bucket { per_second, tokens: per_second, at: std::time::Instant::now() }
    }

    /// Take one request's token, or say how long until one is free.
    fn take(&mut self) -> Result<(), Duration> {
        let now = std::time::Instant::now();
        self.tokens = (self.tokens + now.duration_since(self.at).as_secs_f64() * self.per_second).min(self.per_second);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - self.tokens) / self.per_second))
        }
    }
}

/// The scopes any one of which lets a token call `method` on `path` (relative to
/// `/api/admin`), as the contract's `security` says; `admin:read`/`admin:write` cover all.
pub(crate) fn scopes_for(method: &str, path: &str) -> Vec<&'static str> {
    let read = method == "GET" || method == "HEAD";
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let mut out: Vec<&'static str> = match (first, read) {
        ("store", true) => vec!["store:read"],
        ("store", false) => vec!["store:write"],
        ("products", true) => vec!["catalogue:read"],
        ("products", false) => vec!["catalogue:write"],
        ("orders", true) => vec!["orders:read"],
        ("orders", false) => vec!["orders:write"],
        ("locations", true) => vec!["fulfillment_service:read", "locations:read"],
        ("locations", false) => vec!["fulfillment_service:write", "locations:write"],
        ("metadata", true) => vec!["metadata:read"],
        ("metadata", false) => vec!["metadata:write"],
        ("webhooks", true) => vec!["webhooks:read"],
        ("webhooks", false) => vec!["webhooks:write"],
        ("fulfillment-orders", true) => vec!["fulfillment_service:read", "fulfillment_orders:read"],
        ("fulfillment-orders", false) if path.trim_end_matches('/').ends_with("/fulfillments") => {
            vec!["fulfillment_service:write", "fulfillment_orders:write"]
        }
        ("fulfillment-orders", false) => vec!["fulfillment_orders:write"],
        _ => Vec::new(),
    };
    out.push(if read { "admin:read" } else { "admin:write" });
    out
}

pub(crate) fn detail(status: StatusCode, text: &str) -> Response {
    (status, Json(json!({ "detail": text }))).into_response()
}

/// Records the request, checks the token and version header, applies latency and faults.
async fn gate(AxState(state): AxState<Arc<State>>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let bytes = match to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return detail(StatusCode::PAYLOAD_TOO_LARGE, "Request body too large."),
    };
    // Nesting strips `/api/admin`; record the path as the client sent it.
    let full_path = parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map(|u| u.0.path().to_string())
        .unwrap_or_else(|| parts.uri.path().to_string());
    let relative = full_path.trim_start_matches("/api/admin").to_string();
    if state.keep_log {
        lock(&state.requests).push(RecordedRequest {
            method: parts.method.to_string(),
            path: full_path.clone(),
            query: parts.uri.query().map(str::to_string),
            headers: parts.headers.iter().map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap_or("").to_string())).collect(),
            body: serde_json::from_slice(&bytes).ok(),
            received_at: std::time::Instant::now(),
        });
    }

    if let Some(bucket) = &state.rate_limit {
        if let Err(wait) = lock(bucket).take() {
            *lock(&state.rate_limited) += 1;
            let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
            let mut resp = detail(StatusCode::TOO_MANY_REQUESTS, &format!("Request was throttled. Expected available in {secs} seconds."));
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
            return resp;
        }
    }

    let latency = state.faults.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let target = match parts.uri.query() {
        Some(q) => format!("{relative}?{q}"),
        None => relative.clone(),
    };
    let fault = state.faults.take(parts.method.as_str(), &target);
    match &fault {
        Some(Fault::Status(code)) => {
            let status = StatusCode::from_u16(*code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return detail(status, "Injected failure.");
        }
        Some(Fault::RateLimited { retry_after }) => {
            let mut resp =
                detail(StatusCode::TOO_MANY_REQUESTS, &format!("Request was throttled. Expected available in {retry_after} seconds."));
            resp.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            return resp;
        }
        Some(Fault::Hang) => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
        _ => {}
    }

    let expected = format!("Bearer {}", state.token);
    match parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        None => return detail(StatusCode::UNAUTHORIZED, "Authentication credentials were not provided."),
        Some(v) if v != expected => return detail(StatusCode::UNAUTHORIZED, "Invalid token."),
        Some(_) => {}
    }
    match parts.headers.get("x-29next-api-version").and_then(|v| v.to_str().ok()) {
        Some(API_VERSION) => {}
        Some(other) => return detail(StatusCode::BAD_REQUEST, &format!("Unsupported API version \"{other}\".")),
        None => return detail(StatusCode::BAD_REQUEST, "Missing X-29Next-Api-Version header."),
    }

    if let Some(granted) = &state.scopes {
        let needed = scopes_for(parts.method.as_str(), &relative);
        if !needed.iter().any(|s| granted.iter().any(|g| g == s)) {
            return detail(StatusCode::FORBIDDEN, "You do not have permission to perform this action.");
        }
    }

    let response = next.run(Request::from_parts(parts, Body::from(bytes))).await;
    if fault == Some(Fault::HangAfterCommit) {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    response
}

async fn store(AxState(state): AxState<Arc<State>>) -> Response {
    // The contract answers `storeDetail` with an array of one store.
    let shop = state.shop;
    let currencies: Vec<Value> = shop.currencies().iter().map(|(code, label)| json!({ "code": code, "label": label })).collect();
    let codes: Vec<&str> = shop.currencies().iter().map(|(code, _)| *code).collect();
    let (language, language_label) = shop.language();
    Json(json!([{
        "available_currencies": currencies,
        "available_languages": [{ "code": language, "label": language_label }],
        "contact_address": shop.address(),
        "name": shop.name(),
        "payments": {
            "available_express_payment_methods": [],
            "available_payment_methods": [
                { "code": "klarna", "label": "Klarna", "supported_currencies": codes }
            ],
            "certificate_token": "",
            "environment_key": "demo"
        },
        "primary_domain": state.base_url.trim_start_matches("http://"),
        "tagline": "Everything here is pretend",
        "tax_id": "",
        "timezone": shop.timezone()
    }]))
    .into_response()
}

#[derive(Deserialize)]
struct PageQuery {
    cursor: Option<String>,
    tags: Option<String>,
}

/// One page of `items`, or `None` for a cursor that points nowhere.
/// One page of `items` at `cursor`; the `next` and `previous` links keep the request's
/// filters (`query`), as the real API's do.
fn page_of<T: serde::Serialize>(state: &State, path: &str, query: &[(&str, &str)], items: &[T], cursor: Option<&str>) -> Option<Value> {
    let offset = match cursor {
        None => 0,
        Some(c) => c.strip_prefix('p').and_then(|n| n.parse::<usize>().ok()).filter(|n| *n <= items.len())?,
    };
    let end = (offset + state.page_size).min(items.len());
    let link = |o: usize| {
        let query =
            url::form_urlencoded::Serializer::new(String::new()).extend_pairs(query).append_pair("cursor", &format!("p{o}")).finish();
        Value::String(format!("{}/api/admin{path}?{query}", state.base_url))
    };
    Some(json!({
        "next": if end < items.len() { link(end) } else { Value::Null },
        "previous": if offset > 0 { link(offset.saturating_sub(state.page_size)) } else { Value::Null },
        "results": &items[offset..end],
    }))
}

async fn products(AxState(state): AxState<Arc<State>>, Query(q): Query<PageQuery>) -> Response {
    match page_of(&state, "/products/", &[], &state.catalog.products, q.cursor.as_deref()) {
        Some(mut page) => {
            // Stock per location, as it is now.
            for p in page["results"].as_array_mut().into_iter().flatten() {
                for v in p["variants"].as_array_mut().into_iter().flatten() {
                    if let Some(id) = v["id"].as_i64() {
                        v["stockrecords"] = crate::fulfillment::stockrecords(&state, id);
                    }
                }
            }
            Json(page).into_response()
        }
        None => detail(StatusCode::NOT_FOUND, "Invalid cursor"),
    }
}

async fn orders_list(AxState(state): AxState<Arc<State>>, Query(q): Query<PageQuery>) -> Response {
    // Page over the order numbers; only the page's orders are read from the book.
    let orders = lock(&state.orders);
    let numbers = orders.numbers_tagged(q.tags.as_deref());
    let filters: Vec<(&str, &str)> = q.tags.as_deref().map(|t| ("tags", t)).into_iter().collect();
    match page_of(&state, "/orders/", &filters, &numbers, q.cursor.as_deref()) {
        Some(mut page) => {
            let results: Vec<Value> = page["results"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| orders.get(n.as_str()?))
                .map(|mut o| {
                    crate::fulfillment::refresh_order(&state, &mut o);
                    o
                })
                .collect();
            page["results"] = Value::Array(results);
            Json(page).into_response()
        }
        None => detail(StatusCode::NOT_FOUND, "Invalid cursor"),
    }
}

async fn orders_retrieve(AxState(state): AxState<Arc<State>>, Path(number): Path<String>) -> Response {
    let found = lock(&state.orders).get(&number);
    match found {
        Some(mut order) => {
            crate::fulfillment::refresh_order(&state, &mut order);
            Json(order).into_response()
        }
        None => detail(StatusCode::NOT_FOUND, "Not found."),
    }
}

/// `POST /orders/{number}/capture/`: capture an authorized payment (once).
async fn orders_capture(AxState(state): AxState<Arc<State>>, Path(number): Path<String>) -> Response {
    let mut orders = lock(&state.orders);
    let Some(mut order) = orders.get(&number) else {
        return detail(StatusCode::NOT_FOUND, "Not found.");
    };
    if order["payment_status"] != "authorized" {
        return field_error(
            "non_field_errors",
            &format!("Order {number} has no authorized payment to capture (it is {}).", order["payment_status"].as_str().unwrap_or("?")),
        );
    }
    order["payment_status"] = json!("paid");
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for tx in order["transactions"].as_array_mut().into_iter().flatten() {
        if tx["type"] == "authorization" {
            tx["type"] = json!("debit");
        }
    }
    order["updated_at"] = json!(now);
    orders.insert(number.clone(), &order);
    drop(orders);
    crate::fulfillment::refresh_order(&state, &mut order);
    crate::webhooks::deliver(&state, "order.updated", &order);
    Json(order).into_response()
}

/// `GET /metadata/`: the metadata definitions, one page.
async fn metadata_list(AxState(state): AxState<Arc<State>>) -> Response {
    let results = lock(&state.metadata).clone();
    Json(json!({ "next": null, "previous": null, "results": results })).into_response()
}

/// `POST /metadata/` (`CreateDefinition`): define a metadata key for an object.
async fn metadata_create(AxState(state): AxState<Arc<State>>, body: axum::body::Bytes) -> Response {
    let Ok(body @ Value::Object(_)) = serde_json::from_slice::<Value>(&body) else {
        return detail(StatusCode::BAD_REQUEST, "JSON parse error - expected an object.");
    };
    for field in ["key", "name", "object", "type"] {
        if body[field].as_str().is_none_or(str::is_empty) {
            return field_error(field, "This field is required.");
        }
    }
    let mut defs = lock(&state.metadata);
    if defs.iter().any(|d| d["key"] == body["key"] && d["object"] == body["object"]) {
        return field_error("key", "A definition with this key already exists for this object.");
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let def = json!({
        "id": defs.len() as i64 + 1, "key": body["key"], "name": body["name"], "object": body["object"], "type": body["type"],
        "enable_export": body["enable_export"].as_bool().unwrap_or(false), "enable_filter": body["enable_filter"].as_bool().unwrap_or(false),
        "validations": [], "created_at": now, "updated_at": now,
    });
    defs.push(def.clone());
    (StatusCode::CREATED, Json(def)).into_response()
}

pub(crate) fn field_error(field: &str, text: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ field: [text] }))).into_response()
}

async fn orders_create(AxState(state): AxState<Arc<State>>, body: axum::body::Bytes) -> Response {
    let body: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        _ => return detail(StatusCode::BAD_REQUEST, "JSON parse error - expected an object."),
    };
    let Some(lines) = body["lines"].as_array().filter(|l| !l.is_empty()) else {
        return field_error("lines", "This field is required.");
    };
    let currency = body["currency"].as_str().unwrap_or(state.shop.currency()).to_string();
    for line in lines {
        let Some(id) = line["product_id"].as_i64() else {
            return field_error("lines", "product_id is required.");
        };
        let qty = line["quantity"].as_i64().unwrap_or(0);
        if qty < 1 {
            return field_error("lines", "Ensure quantity is greater than or equal to 1.");
        }
        match state.catalog.variant(id) {
            None => return field_error("lines", &format!("Invalid pk \"{id}\" - object does not exist.")),
            Some(v) if !v.purchasable => return field_error("lines", &format!("Product \"{}\" is not available for purchase.", v.sku)),
            Some(v) if v.price_in(&currency).is_none() => {
                return field_error("currency", &format!("Product \"{}\" has no price in {currency}.", v.sku))
            }
            Some(_) => {}
        }
    }
    if body["payment_method"] != "klarna" {
        return field_error("payment_method", "The demo store only takes Klarna payments.");
    }
    let return_url = body["payment_details"]["payment_return_url"].as_str().unwrap_or("");
    match url::Url::parse(return_url) {
        Ok(u) if u.scheme() == "https" || u.scheme() == "http" => {}
        _ => return field_error("payment_details", "payment_return_url must be an absolute http(s) URL."),
    }
    if let Some(window) = state.faults.duplicate_window() {
        // The order's value, as the store's duplicate protection compares it.
        let value: Decimal = lines
            .iter()
            .filter_map(|l| {
                let v = state.catalog.variant(l["product_id"].as_i64()?)?;
                let unit = l["price"].as_str().and_then(|p| p.parse::<Decimal>().ok()).or_else(|| v.price_in(&currency))?;
                Some(unit * Decimal::from(l["quantity"].as_i64().unwrap_or(1)))
            })
            .sum();
        let key = format!("{} {currency}", money(value));
        let mut recent = lock(&state.recent_creates);
        recent.retain(|(at, _)| at.elapsed() < window);
        if recent.iter().any(|(_, k)| *k == key) {
            return field_error(
                "non_field_errors",
                "Duplicate order detected: an order of the same value was placed within the last 30 minutes.",
            );
        }
        recent.push((std::time::Instant::now(), key));
    }
    let id: String = {
        let mut rng = rand::rng();
        (0..24).map(|_| char::from(b"abcdefghijkmnpqrstuvwxyz23456789"[rng.random_range(0..32)])).collect()
    };
    lock(&state.checkouts)
        .insert(id.clone(), Checkout { return_url: return_url.to_string(), currency, body_json: body.to_string(), order_number: None });
    (
        StatusCode::CREATED,
        Json(json!({
            "reference_transaction_id": null,
            "payment_complete_url": format!("{}/klarna/checkout/{id}", state.base_url),
        })),
    )
        .into_response()
}

pub(crate) fn money(d: Decimal) -> String {
    format!("{:.2}", d.round_dp(2))
}

/// One order line in contract shape, and its total.
fn order_line(state: &State, id: i64, line: &Value, currency: &str, now: &str) -> Option<(Value, Decimal)> {
    let v = line["product_id"].as_i64().and_then(|id| state.catalog.variant(id))?;
    let qty = line["quantity"].as_i64().unwrap_or(1);
    let unit = line["price"].as_str().and_then(|p| p.parse::<Decimal>().ok()).or_else(|| v.price_in(currency)).unwrap_or(Decimal::ZERO);
    let line_total = unit * Decimal::from(qty);
    let report = json!({
        "currency": currency, "original_price_excl_tax": money(unit),
        "original_price_incl_tax": money(unit), "original_total_discount": "0.00",
        "price_excl_tax": money(line_total), "price_incl_tax": money(line_total),
        "total_cost": "0.00", "total_discount": "0.00", "unit_cost": "0.00",
    });
    let json = json!({
        "created_at": now, "currency": currency, "current_quantity": qty,
        "editable_quantity": qty, "fulfillable_quantity": qty, "id": id,
        "is_gift_card": false, "is_upsell": line["is_upsell"].as_bool().unwrap_or(false),
        "metadata": line.get("metadata").cloned().filter(|m| !m.is_null()).unwrap_or_else(|| json!({})),
        "original_price_excl_tax": money(unit), "original_price_incl_tax": money(unit),
        "original_total_discount": "0.00",
        "price_excl_tax": money(line_total), "price_incl_tax": money(line_total),
        "product_id": v.product_id, "product_image": "https://demo.example/img/placeholder.png",
        "product_title": v.product_title,
        "product_url": format!("https://demo.example/products/{}/", v.product_id),
        "quantity": qty, "report_values": report, "requires_shipping": true, "sku": v.sku,
        "tax_lines": [], "total_cost": "0.00", "total_discount": "0.00", "unit_cost": "0.00",
        "updated_at": now, "variant_id": v.id, "variant_title": v.variant_title,
    });
    Some((json, line_total))
}

/// Set every total of `order` from the sum of its lines.
fn set_totals(order: &mut Value) {
    let total: Decimal = order["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| l["price_incl_tax"].as_str().and_then(|p| p.parse::<Decimal>().ok()))
        .sum();
    let t = money(total);
    for key in ["original_total_excl_tax", "original_total_incl_tax", "total_excl_tax", "total_incl_tax"] {
        order[key] = json!(t);
        order["report_values"][key] = json!(t);
    }
}

fn next_transaction(state: &State) -> i64 {
    let mut next = lock(&state.next_transaction);
    *next += 1;
    *next
}

/// Build and store the order a finished Klarna checkout creates. Returns the order.
pub(crate) fn place_order(state: &Arc<State>, checkout: &Checkout) -> Value {
    let number = {
        let mut next = lock(&state.next_order);
        let n = *next;
        *next += 1;
        n.to_string()
    };
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let base_id = number.parse::<i64>().unwrap_or(0) * 100;
    let body = checkout.body();
    let lines: Vec<Value> = body["lines"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, line)| order_line(state, base_id + i as i64, line, &checkout.currency, &now).map(|(l, _)| l))
        .collect();
    let report_values = json!({
        "currency": checkout.currency, "original_shipping_excl_tax": "0.00",
        "original_shipping_incl_tax": "0.00", "original_total_discount": "0.00",
        "original_total_excl_tax": "0.00", "original_total_incl_tax": "0.00", "shipping_excl_tax": "0.00",
        "shipping_incl_tax": "0.00", "total_cost": "0.00", "total_discount": "0.00",
        "total_excl_tax": "0.00", "total_incl_tax": "0.00",
    });
    let mut order = json!({
        "attribution": { "agent": { "id": 1, "first_name": "Counterpay", "last_name": "Demo", "email": null },
                         "metadata": body["attribution"]["metadata"].clone() },
        "billing_address": null,
        "created_at": now, "currency": checkout.currency, "date_placed": now, "display_taxes": "0.00",
        "fulfillment_status": "unfulfilled", "fulfillments": [], "is_test": true, "lines": lines,
        "metadata": kept_metadata(state, body.get("metadata")),
        "number": number, "offer_discounts": [],
        "order_status_url": format!("{}/klarna/status/{number}", state.base_url),
        "original_shipping_excl_tax": "0.00", "original_shipping_incl_tax": "0.00",
        "original_total_discount": "0.00", "original_total_excl_tax": "0.00", "original_total_incl_tax": "0.00",
        "payment_status": if state.faults.authorize_only() { "authorized" } else { "paid" }, "refunds": [], "report_values": report_values,
        "shipping_address": null, "shipping_code": "", "shipping_excl_tax": "0.00",
        "shipping_incl_tax": "0.00", "shipping_method": "", "shipping_tax": "0.00",
        "shipping_tax_lines": [], "source": "api", "status": "open", "subscription_lifecycle": "",
        "subscriptions": [], "supports_post_purchase_upsells": state.faults.upsells_supported(),
        "tags": body.get("tags").cloned().unwrap_or(json!([])),
        "tax_lines": [], "total_cost": "0.00", "total_discount": "0.00", "total_excl_tax": "0.00",
        "total_incl_tax": "0.00", "total_outstanding": "0.00", "total_tax": "0.00", "transactions": [],
        "updated_at": now,
        "user": { "id": 501, "email": "customer@example.com", "first_name": "Demo", "last_name": "Customer" },
        "voucher_discounts": [],
    });
    set_totals(&mut order);
    // Klarna's payment: one debit for the order's total.
    let total: Decimal = order["total_incl_tax"].as_str().and_then(|t| t.parse().ok()).unwrap_or_default();
    let kind = if state.faults.authorize_only() { "authorization" } else { "debit" };
    let tx = crate::refunds::transaction(next_transaction(state), kind, total, &checkout.currency, None, &now);
    order["transactions"] = json!([tx]);
    lock(&state.fulfillment).open_for(&number, order["lines"].as_array().map(Vec::as_slice).unwrap_or(&[]), &checkout.currency);
    lock(&state.orders).insert(number, &order);
    crate::webhooks::deliver(state, "order.created", &order);
    order
}

/// What of `metadata` the store keeps: everything, or with [`crate::Faults::set_drop_undefined_metadata`]
/// only the keys defined for orders with `POST /metadata/`.
fn kept_metadata(state: &State, metadata: Option<&Value>) -> Value {
    let mut m = metadata.cloned().filter(|m| m.is_object()).unwrap_or_else(|| json!({}));
    if state.faults.drops_undefined_metadata() {
        let defined: Vec<String> =
            lock(&state.metadata).iter().filter(|d| d["object"] == "order").filter_map(|d| d["key"].as_str().map(str::to_string)).collect();
        if let Some(obj) = m.as_object_mut() {
            obj.retain(|k, _| defined.contains(k));
        }
    }
    m
}

/// `POST /orders/{number}/add-line-items/`: add upsell lines and charge the order's original
/// payment method, when the order supports it.
async fn orders_add_line_items(AxState(state): AxState<Arc<State>>, Path(number): Path<String>, body: axum::body::Bytes) -> Response {
    let body: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        _ => return detail(StatusCode::BAD_REQUEST, "JSON parse error - expected an object."),
    };
    let Some(lines) = body["lines"].as_array().filter(|l| !l.is_empty()).cloned() else {
        return field_error("lines", "This field is required.");
    };
    let Some(current) = lock(&state.orders).get(&number) else {
        return detail(StatusCode::NOT_FOUND, "Not found.");
    };
    if current["supports_post_purchase_upsells"] != true {
        return field_error("non_field_errors", "This order's payment method does not support post-purchase upsells.");
    }
    let currency = current["currency"].as_str().unwrap_or(state.shop.currency()).to_string();
    for line in &lines {
        let qty = line["quantity"].as_i64().unwrap_or(0);
        match line["product_id"].as_i64().and_then(|id| state.catalog.variant(id)) {
            None => return field_error("lines", "Invalid product_id - object does not exist."),
            Some(v) if !v.purchasable => return field_error("lines", &format!("Product \"{}\" is not available for purchase.", v.sku)),
            Some(_) if qty < 1 => return field_error("lines", "Ensure quantity is greater than or equal to 1."),
            Some(_) => {}
        }
        if let Some(p) = line.get("price").filter(|p| !p.is_null()) {
            if p.as_str().and_then(|p| p.parse::<Decimal>().ok()).is_none_or(|d| d < Decimal::ZERO) {
                return field_error("lines", "A valid price is required.");
            }
        }
    }
    if state.faults.take_upsell_decline() {
        return field_error("non_field_errors", "The payment was declined by Klarna.");
    }
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut orders = lock(&state.orders);
    let Some(mut answer) = orders.get(&number) else {
        return detail(StatusCode::NOT_FOUND, "Not found.");
    };
    let order = &mut answer;
    let next_id = order["lines"].as_array().map(|l| l.len()).unwrap_or(0) as i64;
    let base_id = number.parse::<i64>().unwrap_or(0) * 100 + next_id;
    let mut added = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut line = line.clone();
        line["is_upsell"] = json!(true);
        if let Some((l, _)) = order_line(&state, base_id + i as i64, &line, &currency, &now) {
            added.push(l.clone());
            if let Some(all) = order["lines"].as_array_mut() {
                all.push(l);
            }
        }
    }
    // The added lines get their own fulfillment order, sent after the store's delay too.
    lock(&state.fulfillment).open_for(&number, &added, &currency);
    let before: Decimal = order["total_incl_tax"].as_str().and_then(|t| t.parse().ok()).unwrap_or_default();
    order["updated_at"] = json!(now);
    set_totals(order);
    // The upsell is charged to the same Klarna payment as a further debit.
    let after: Decimal = order["total_incl_tax"].as_str().and_then(|t| t.parse().ok()).unwrap_or_default();
    let tx = crate::refunds::transaction(next_transaction(&state), "debit", after - before, &currency, None, &now);
    if let Some(all) = order["transactions"].as_array_mut() {
        all.push(tx);
    }
    orders.insert(number.clone(), &answer);
    drop(orders);
    crate::webhooks::deliver(&state, "order.updated", &answer);
    Json(answer).into_response()
}
