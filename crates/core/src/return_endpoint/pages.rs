//! The pages the customer's phone shows after paying: what the return endpoint answers is
//! what the customer sees. Every value that came from outside is HTML-escaped; the pages
//! load nothing (no scripts, no remote assets) and are served with a CSP that forbids it.

use html_escape::encode_text as esc;
use rust_decimal::Decimal;

use super::texts::{self, text, Lang};
use crate::admin_api::models::Order;

/// A rendered page and the status it is served with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// HTTP status.
    pub status: u16,
    /// The HTML document.
    pub html: String,
}

fn layout(lang: Lang, status: u16, tone: &str, title: &str, inner: &str) -> Page {
    let html = format!(
        r#"<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
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
        lang = lang.code(),
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

/// The receipt for a verified order's stored JSON, in the language of the request.
pub fn receipt_of(shop: &str, order: &ReceiptOrder) -> Page {
    let lang = texts::current();
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
            esc(&money(lang, line.price_incl_tax)),
            esc(&order.currency)
        ));
    }
    let number = format!("<strong data-testid=receipt-order>{}</strong>", esc(&order.number.0));
    let inner = format!(
        r#"<div class=mark>✓</div><h1>{heading}</h1>
<p>{order_line}</p>
<table>{rows}<tr class=total><td>{total_label}</td><td class=r>{total} {currency}</td></tr></table>
<p class=muted>{close}</p>"#,
        heading = text(lang, "receipt-heading", &[]),
        order_line = text(lang, "receipt-order", &[("number", &number), ("shop", &esc(shop))]),
        total_label = text(lang, "receipt-total", &[]),
        total = esc(&money(lang, order.total_incl_tax)),
        currency = esc(&order.currency),
        close = text(lang, "receipt-close", &[]),
    );
    layout(lang, 200, "ok", &text(lang, "receipt-title", &[]), &inner)
}

/// The payment did not go through.
pub fn failed(shop: &str) -> Page {
    let lang = texts::current();
    let title = text(lang, "failed-title", &[]);
    let inner = format!("<div class=mark>!</div><h1>{title}</h1><p>{}</p>", text(lang, "failed-text", &[("shop", &esc(shop))]));
    layout(lang, 200, "bad", &title, &inner)
}

/// The payment arrived and the shop is confirming it with the store.
pub fn checking(shop: &str) -> Page {
    let lang = texts::current();
    let inner = format!(
        "<div class=mark>…</div><h1>{}</h1><p>{}</p>",
        text(lang, "checking-heading", &[]),
        text(lang, "checking-text", &[("shop", &esc(shop))])
    );
    layout(lang, 200, "wait", &text(lang, "checking-title", &[]), &inner)
}

/// The sale ended at the counter before this arrived; staff will sort it out.
pub fn see_staff(shop: &str) -> Page {
    let lang = texts::current();
    let title = text(lang, "see-staff-title", &[]);
    let inner = format!("<div class=mark>!</div><h1>{title}</h1><p>{}</p>", text(lang, "see-staff-text", &[("shop", &esc(shop))]));
    layout(lang, 200, "wait", &title, &inner)
}

/// A 4xx for a request that was not a valid return. `message` is the counter's own reason
/// (shown as it is); `None` for a failure inside the counter.
pub fn client_error(status: u16, message: Option<&str>) -> Page {
    let lang = texts::current();
    let message = match message {
        Some(m) => esc(m).into_owned(),
        None => text(lang, "error-internal", &[]),
    };
    let inner = format!(
        "<div class=mark>!</div><h1>{}</h1><p>{message}</p><p class=muted>{}</p>",
        text(lang, "error-heading", &[]),
        text(lang, "error-help", &[])
    );
    layout(lang, status, "bad", &text(lang, "error-title", &[]), &inner)
}

fn money(lang: Lang, d: Decimal) -> String {
    let plain = format!("{:.2}", d);
    if lang.decimal_comma() {
        plain.replace('.', ",")
    } else {
        plain
    }
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

    #[tokio::test]
    async fn the_receipt_speaks_the_phones_language() {
        let order: Order = serde_json::from_value(serde_json::json!({
            "number": "10001", "currency": "EUR", "total_incl_tax": "22.08",
            "lines": [{"variant_id": 140, "product_title": "Anstecknadel-Set", "quantity": 2, "price_incl_tax": "22.08"}]
        }))
        .unwrap();
        let german = texts::with_language(Lang::De, async { receipt("Demo-Laden", &order) }).await;
        assert!(german.html.contains(r#"<html lang="de">"#), "{}", german.html);
        assert!(german.html.contains("Vielen Dank, Ihre Zahlung ist abgeschlossen"));
        assert!(german.html.contains("Bestellung <strong data-testid=receipt-order>10001</strong> bei Demo-Laden."));
        assert!(german.html.contains("22,08 EUR"));
        let swedish = texts::with_language(Lang::Sv, async { failed("Butiken") }).await;
        assert!(swedish.html.contains("Inget drogs") && swedish.html.contains(r#"lang="sv""#));
        // Outside a request, and for any other language: English.
        assert!(receipt("Shop", &order).html.contains("Thank you, your payment is complete"));
    }
}
