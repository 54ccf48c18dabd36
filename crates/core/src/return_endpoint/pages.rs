//! The pages the customer's phone shows after paying: what the return endpoint answers is
//! what the customer sees. Every value that came from outside is HTML-escaped; the pages
//! load nothing (no scripts, no remote assets) and are served with a CSP that forbids it.

use html_escape::encode_text as esc;
use rust_decimal::Decimal;

use crate::admin_api::models::Order;

/// A rendered page and the status it is served with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// HTTP status.
    pub status: u16,
    /// The HTML document.
    pub html: String,
}

fn layout(status: u16, tone: &str, title: &str, inner: &str) -> Page {
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>{title}</title>
<style>
body{{margin:0;font-family:system-ui,-apple-system,sans-serif;background:#f4f1ec;color:#1d1b18}}
main{{max-width:30rem;margin:0 auto;padding:1.5rem 1rem}}
.card{{background:#fff;border-radius:1rem;padding:1.5rem;box-shadow:0 2px 10px #0001}}
.mark{{width:3.5rem;height:3.5rem;border-radius:50%;display:grid;place-items:center;font-size:2rem;color:#fff;margin-bottom:.5rem}}
.ok .mark{{background:#1f7a4d}} .bad .mark{{background:#b3261e}} .wait .mark{{background:#8a6d1f}}
h1{{font-size:1.5rem;margin:.25rem 0 .75rem}} p{{line-height:1.45}}
table{{width:100%;border-collapse:collapse;margin:.75rem 0}} td{{padding:.4rem 0;border-bottom:1px solid #eee;vertical-align:top}}
td.r{{text-align:right;white-space:nowrap;padding-left:1rem}} tr.total td{{font-weight:700;font-size:1.15rem;border:0}}
.muted{{color:#6b655d;font-size:.9rem}}
</style></head><body><main><div class="card {tone}">{inner}</div></main></body></html>"#,
        title = esc(title),
    );
    Page { status, html }
}

/// What a receipt shows of an order: read straight from the stored JSON, skipping every
/// other field (a return page is answered without building the whole order).
#[derive(serde::Deserialize)]
pub struct ReceiptOrder {
    number: crate::admin_api::models::OrderNumber,
    currency: String,
    total_incl_tax: rust_decimal::Decimal,
    #[serde(default)]
    lines: Vec<ReceiptLine>,
}

#[derive(serde::Deserialize)]
struct ReceiptLine {
    #[serde(default)]
    product_title: String,
    #[serde(default)]
    variant_title: String,
    quantity: i64,
    price_incl_tax: rust_decimal::Decimal,
}

impl From<&Order> for ReceiptOrder {
    fn from(o: &Order) -> Self {
        ReceiptOrder {
            number: o.number.clone(),
            currency: o.currency.clone(),
            total_incl_tax: o.total_incl_tax,
            lines: o
                .lines
                .iter()
                .map(|l| ReceiptLine {
                    product_title: l.product_title.clone(),
                    variant_title: l.variant_title.clone(),
                    quantity: l.quantity,
                    price_incl_tax: l.price_incl_tax,
                })
                .collect(),
        }
    }
}

/// The receipt for a verified order.
pub fn receipt(shop: &str, order: &Order) -> Page {
    receipt_of(shop, &ReceiptOrder::from(order))
}

/// The receipt for a verified order's stored JSON.
pub fn receipt_of(shop: &str, order: &ReceiptOrder) -> Page {
    let mut rows = String::new();
    for line in &order.lines {
        let name = if line.variant_title.is_empty() {
            line.product_title.clone()
        } else {
            format!("{} ({})", line.product_title, line.variant_title)
        };
        rows.push_str(&format!(
            "<tr><td>{} × {}</td><td class=r>{} {}</td></tr>",
            line.quantity,
            esc(&name),
            esc(&money(line.price_incl_tax)),
            esc(&order.currency)
        ));
    }
    let inner = format!(
        r#"<div class=mark>✓</div><h1>Thank you, your payment is complete</h1>
<p>Order <strong data-testid=receipt-order>{number}</strong> at {shop}.</p>
<table>{rows}<tr class=total><td>Total</td><td class=r>{total} {currency}</td></tr></table>
<p class=muted>You can close this page. Your receipt is also sent by email.</p>"#,
        number = esc(&order.number.0),
        shop = esc(shop),
        total = esc(&money(order.total_incl_tax)),
        currency = esc(&order.currency),
    );
    layout(200, "ok", "Payment complete", &inner)
}

/// The payment did not go through.
pub fn failed(shop: &str) -> Page {
    let inner = format!(
        "<div class=mark>!</div><h1>Payment not completed</h1><p>Nothing was charged. Please go back to the counter at {} and the staff will help you try again.</p>",
        esc(shop)
    );
    layout(200, "bad", "Payment not completed", &inner)
}

/// The payment arrived and the shop is confirming it with the store.
pub fn checking(shop: &str) -> Page {
    let inner = format!(
        "<div class=mark>…</div><h1>We are confirming your payment</h1><p>{} is checking your payment with the store. Please show this screen to the staff at the counter.</p>",
        esc(shop)
    );
    layout(200, "wait", "Confirming payment", &inner)
}

/// The sale ended at the counter before this arrived; staff will sort it out.
pub fn see_staff(shop: &str) -> Page {
    let inner = format!(
        "<div class=mark>!</div><h1>Please see the staff</h1><p>This payment could not be matched to the sale at {}. Please show this screen at the counter; nothing is lost.</p>",
        esc(shop)
    );
    layout(200, "wait", "Please see the staff", &inner)
}

/// A 4xx for a request that was not a valid return.
pub fn client_error(status: u16, message: &str) -> Page {
    let inner = format!(
        "<div class=mark>!</div><h1>This link did not work</h1><p>{}</p><p class=muted>If you were paying at a shop, please show this screen to the staff.</p>",
        esc(message)
    );
    layout(status, "bad", "Request not accepted", &inner)
}

fn money(d: Decimal) -> String {
    format!("{:.2}", d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_from_the_post_are_escaped() {
        let order: Order = serde_json::from_value(serde_json::json!({
            "number": "<script>alert(1)</script>", "currency": "USD", "total_incl_tax": "1.00",
            "lines": [{"variant_id": 1, "product_title": "<img src=x onerror=alert(1)>", "quantity": 1, "price_incl_tax": "1.00"}]
        }))
        .unwrap();
        let page = receipt("Shop & Co", &order);
        assert!(!page.html.contains("<script>alert"), "a posted order number must not become markup");
        assert!(!page.html.contains("<img src=x"), "a posted title must not become markup");
        assert!(page.html.contains("&lt;script&gt;") && page.html.contains("Shop &amp; Co"));
    }
}
