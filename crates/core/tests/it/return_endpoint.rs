//! The public return endpoint refuses everything that is not a well-formed return for a
//! known sale, with a clear 4xx page, and writes nothing for it.

use counterpay_core::checkout::{BasketLine, SaleState};
use counterpay_core::db::sales;

use crate::support::*;

async fn send(h: &Harness, url: &str, content_type: Option<&str>, body: Vec<u8>) -> (u16, String, reqwest::header::HeaderMap) {
    let mut req = h.http.post(url).body(body);
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    (status, resp.text().await.unwrap(), headers)
}

/// What is sent, where, with which content type, and the status and words expected back.
type Case<'a> = (&'a str, &'a str, Option<&'a str>, Vec<u8>, u16, &'a str);

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

#[tokio::test]
async fn malformed_returns_get_a_clear_4xx_and_write_nothing() {
    let h = harness().await;
    let sale = h.counter.charge(&[BasketLine { variant_id: 140, quantity: 1 }]).await.unwrap();
    let url = return_url(&h, &sale.id);
    let unknown = format!("http://{}/klarna/return/{}", h.endpoint, counterpay_core::checkout::random_token());
    let events_before = sales::events(h.counter.db(), &sale.id).unwrap().len();

    let oversize = format!("response={}", "a".repeat(300 * 1024)).into_bytes();
    let cases: Vec<Case<'_>> = vec![
        ("missing response field", &url, FORM, b"other=1".to_vec(), 400, "no `response` field"),
        ("invalid JSON", &url, FORM, b"response=%7Bnot-json".to_vec(), 400, "not a JSON object"),
        ("JSON that is not an object", &url, FORM, b"response=%5B1%2C2%5D".to_vec(), 400, "not a JSON object"),
        ("an order without a number", &url, FORM, b"response=%7B%22total%22%3A1%7D".to_vec(), 400, "no order number"),
        ("wrong content type", &url, Some("application/json"), br#"{"response":"{}"}"#.to_vec(), 400, "Expected a form post"),
        ("no content type", &url, None, b"response=%7B%7D".to_vec(), 400, "Expected a form post"),
        ("unknown token", &unknown, FORM, b"response=%7B%7D".to_vec(), 404, "not known here"),
        ("oversize body", &url, FORM, oversize, 413, "too large"),
    ];
    for (what, target, ct, body, want, words) in cases {
        let (status, page, headers) = send(&h, target, ct, body).await;
        assert_eq!(status, want, "{what}");
        assert!(page.contains(words), "{what}: the page must say why ({words}): {page}");
        assert!(page.contains("<!doctype html>"), "{what}: a page, not a bare error");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
        assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{what}");
    }
    let (status, _, _) = send(&h, &format!("http://{}/klarna/return/short", h.endpoint), FORM, b"response=%7B%7D".to_vec()).await;
    assert_eq!(status, 404, "a malformed token is unknown");

    assert_eq!(h.counter.sale(&sale.id).unwrap().state, SaleState::AwaitingPayment, "nothing moved the sale");
    assert_eq!(sales::events(h.counter.db(), &sale.id).unwrap().len(), events_before, "nothing was written");
    assert_eq!(sales::count(h.counter.db()).unwrap(), 1);
}

#[tokio::test]
async fn health_check_echoes_its_nonce() {
    let h = harness().await;
    let body = h.http.get(format!("http://{}/healthz?nonce=abc-123", h.endpoint)).send().await.unwrap().text().await.unwrap();
    assert_eq!(body, "counterpay ok abc-123");
    let bad = h.http.get(format!("http://{}/healthz?nonce=%3Cscript%3E", h.endpoint)).send().await.unwrap();
    assert_eq!(bad.status(), 400, "a nonce is echoed only if it is plain");
    let other = h.http.get(format!("http://{}/admin", h.endpoint)).send().await.unwrap();
    assert_eq!(other.status(), 404);
}
