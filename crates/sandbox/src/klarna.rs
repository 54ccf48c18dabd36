//! The simulated Klarna hosted payment page. `GET /klarna/checkout/{id}` shows the order
//! summary with Pay and Decline; each answers with a page that makes the customer's browser
//! POST `response=<order JSON>` (or `response={}`) to `payment_return_url`, form-encoded,
//! as the real store does after Klarna.

use std::sync::Arc;

use axum::extract::{Path, State as AxState};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::{admin, lock, State};

pub(crate) fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/checkout/{id}", get(page))
        .route("/checkout/{id}/pay", post(pay))
        .route("/checkout/{id}/decline", post(decline))
        .with_state(state)
}

fn shell(title: &str, body: &str) -> Html<String> {
    Html(format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:0;background:#ffb3c7;color:#17120f}}
main{{max-width:28rem;margin:0 auto;padding:1.5rem}}
.card{{background:#fff;border-radius:1rem;padding:1.25rem;box-shadow:0 2px 12px #0002}}
h1{{font-size:1.4rem;margin:.2rem 0 1rem}} table{{width:100%;border-collapse:collapse}}
td{{padding:.35rem 0;border-bottom:1px solid #eee}} td.r{{text-align:right;white-space:nowrap}}
.total td{{font-weight:700;border:0;font-size:1.15rem}}
button{{width:100%;font-size:1.1rem;padding:.9rem;border-radius:.6rem;border:0;margin-top:.8rem;cursor:pointer}}
.pay{{background:#17120f;color:#fff}} .decline{{background:#eee;color:#17120f}}
.badge{{font-weight:800;letter-spacing:.02em}} small{{color:#555}}
</style></head><body><main>{body}</main></body></html>"#,
        title = text(title),
    ))
}

async fn page(AxState(state): AxState<Arc<State>>, Path(id): Path<String>) -> Response {
    let Some(checkout) = lock(&state.checkouts).get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, shell("Not found", "<div class=card><h1>This payment link is not valid.</h1></div>"))
            .into_response();
    };
    let mut rows = String::new();
    let mut total = Decimal::ZERO;
    let request = checkout.body();
    for line in request["lines"].as_array().into_iter().flatten() {
        let Some(v) = line["product_id"].as_i64().and_then(|id| state.catalog.variant(id)) else { continue };
        let qty = line["quantity"].as_i64().unwrap_or(1);
        let unit = line["price"].as_str().and_then(|p| p.parse().ok()).or_else(|| v.price_in(&checkout.currency)).unwrap_or_default();
        let line_total: Decimal = unit * Decimal::from(qty);
        total += line_total;
        let name = if v.variant_title.is_empty() { v.product_title.clone() } else { format!("{} ({})", v.product_title, v.variant_title) };
        rows.push_str(&format!("<tr><td>{qty} × {}</td><td class=r>{:.2} {}</td></tr>", text(&name), line_total, text(&checkout.currency)));
    }
    let id_attr = attr(&id);
    let body = format!(
        r#"<div class=card><div class=badge>Klarna. <small>(demo)</small></div>
<h1>{shop}</h1><table>{rows}<tr class=total><td>Total</td><td class=r data-testid=klarna-total>{total:.2} {cur}</td></tr></table>
<form method=post action="/klarna/checkout/{id_attr}/pay"><button class=pay data-testid=klarna-pay>Pay {total:.2} {cur}</button></form>
<form method=post action="/klarna/checkout/{id_attr}/decline"><button class=decline data-testid=klarna-decline>Decline</button></form>
<p><small>This is the Counterpay demo store. No money moves.</small></p></div>"#,
        cur = text(&checkout.currency),
        shop = text(state.shop.name()),
    );
    shell(&format!("Klarna (demo) · {}", state.shop.name()), &body).into_response()
}

/// Finish checkout `id`: paid creates (once) and returns the order, declined returns `{}`.
/// Returns the return URL and the JSON value the browser posts as `response`.
pub(crate) fn complete(state: &Arc<State>, id: &str, pay: bool) -> Option<(String, Value)> {
    let checkout = lock(&state.checkouts).get(id).cloned()?;
    if !pay || state.faults.declines() {
        return Some((checkout.return_url, json!({})));
    }
    // Paying twice (a double tap, the back button) posts the same order again, never a new one.
    let order = match &checkout.order_number {
        Some(number) => lock(&state.orders).get(number)?,
        None => {
            let order = admin::place_order(state, &checkout);
            if let Some(c) = lock(&state.checkouts).get_mut(id) {
                c.order_number = order["number"].as_str().map(str::to_string);
            }
            order
        }
    };
    Some((checkout.return_url, order))
}

fn auto_post(return_url: &str, response: &Value, heading: &str) -> Response {
    let body = format!(
        r#"<div class=card><h1>{heading}</h1><p>Returning you to the shop…</p>
<form id=back method=post action="{url}"><input type=hidden name=response value="{resp}">
<button class=pay data-testid=klarna-continue>Continue</button></form></div>
<script>document.getElementById('back').submit()</script>"#,
        heading = text(heading),
        url = attr(return_url),
        resp = attr(&response.to_string()),
    );
    shell(heading, &body).into_response()
}

async fn pay(AxState(state): AxState<Arc<State>>, Path(id): Path<String>) -> Response {
    match complete(&state, &id, true) {
        Some((url, response)) if response.as_object().is_some_and(|o| !o.is_empty()) => auto_post(&url, &response, "Payment approved"),
        Some((url, response)) => auto_post(&url, &response, "Payment declined"),
        None => (StatusCode::NOT_FOUND, "unknown checkout").into_response(),
    }
}

async fn decline(AxState(state): AxState<Arc<State>>, Path(id): Path<String>) -> Response {
    match complete(&state, &id, false) {
        Some((url, response)) => auto_post(&url, &response, "Payment declined"),
        None => (StatusCode::NOT_FOUND, "unknown checkout").into_response(),
    }
}
