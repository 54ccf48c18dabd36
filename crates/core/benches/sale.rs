//! Sale overhead (`make bench`): what Counterpay adds to a sale beyond the store's own
//! response time, over loopback against the demo store.
//! - Charge to the QR code ready for the screen (the sale saved, the store asked, the link
//!   saved, the QR SVG rendered, the view built), minus the store's answer to the same
//!   create request sent raw.
//! - A return POST to the `sale:updated` event that turns the window to Paid (the claim
//!   saved, the order read back and judged, the sale saved paid, the event sent), minus the
//!   store's answer to the same order read sent raw.
//!
//! The window's own drawing after the event is not in these figures.

mod common;
mod shop;

use std::time::{Duration, Instant};

use common::{ms, percentile, Row};
use counterpay_core::events::Event;
use counterpay_core::sale::{BasketLine, SaleState};
use counterpay_sandbox::Sandbox;

use shop::TOKEN;
const RUNS: usize = 300;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let rows = rt.block_on(async {
        let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), TOKEN).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        // The demo store here has no rate limit, so the limiter never waits in these figures.
        let counter = shop::counter(&sandbox, dir.path(), 10_000, Duration::from_secs(5));
        shop::serve(&counter).await;
        counter.sync_catalog().await.unwrap();
        let http = reqwest::Client::new();
        let raw = |method: reqwest::Method, path: String, body: Option<serde_json::Value>| {
            let mut req = http
                .request(method, format!("{}{path}", sandbox.api_url()))
                .bearer_auth(TOKEN)
                .header("X-29Next-Api-Version", "2024-04-01");
            if let Some(b) = body {
                req = req.json(&b);
            }
            async move {
                let t = Instant::now();
                let resp = req.send().await.unwrap();
                let _ = resp.bytes().await.unwrap();
                t.elapsed()
            }
        };
        let basket = [BasketLine::new(140, 2), BasketLine::new(110, 1), BasketLine::new(181, 1)];
        // Warm up connections and caches.
        for _ in 0..20 {
            let s = counter.charge(&basket).await.unwrap();
            counter.cancel(&s.id).unwrap();
        }

        let mut charge_overhead = Vec::new();
        let mut paid_overhead = Vec::new();
        let mut events = counter.subscribe();
        for i in 0..RUNS {
            // Charge → QR, and the same create request sent raw.
            let t = Instant::now();
            let sale = counter.charge(&basket).await.unwrap();
            let total = t.elapsed();
            assert_eq!(sale.state, SaleState::AwaitingPayment);
            assert!(sale.qr_image.as_deref().is_some_and(|s| s.starts_with("data:image/png;base64,")));
            let create = sandbox.requests().into_iter().rev().find(|r| r.method == "POST" && r.path.ends_with("/orders/")).unwrap();
            let store = raw(reqwest::Method::POST, "orders/".into(), create.body).await;
            charge_overhead.push(total.saturating_sub(store));

            // The customer pays; their return POST until the paid event, and the raw read.
            let (return_url, response) = sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
            let number = serde_json::from_str::<serde_json::Value>(&response).unwrap()["number"].as_str().unwrap().to_string();
            let body = url::form_urlencoded::Serializer::new(String::new()).append_pair("response", &response).finish();
            while events.try_recv().is_ok() {}
            let t = Instant::now();
            // Each customer's phone is another client (the endpoint limits each to 20 a second).
            let phone = format!("10.1.{}.{}", i / 250, i % 250 + 1);
            let post = http
                .post(&return_url)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-forwarded-for", phone)
                .body(body)
                .send();
            let waiting = async {
                loop {
                    if let Ok(Event::SaleUpdated { sale: s }) = events.recv().await {
                        if s.id == sale.id && s.state == SaleState::Paid {
                            return t.elapsed();
                        }
                    }
                }
            };
            let (resp, to_paid) = tokio::join!(post, tokio::time::timeout(Duration::from_secs(10), waiting));
            let to_paid = to_paid.expect("the sale turned paid");
            let _ = resp.unwrap().bytes().await;
            let read = raw(reqwest::Method::GET, format!("orders/{number}/"), None).await;
            paid_overhead.push(to_paid.saturating_sub(read));
        }
        charge_overhead.sort();
        paid_overhead.sort();
        println!("charge overhead: p50 {}, p95 {}", ms(percentile(&charge_overhead, 0.5)), ms(percentile(&charge_overhead, 0.95)));
        println!("return to paid overhead: p50 {}, p95 {}", ms(percentile(&paid_overhead, 0.5)), ms(percentile(&paid_overhead, 0.95)));
        vec![
            Row::timed(
                format!("Charge to QR code ready, minus the store's answer ({RUNS} sales, 3 lines)"),
                "under 10 ms",
                &charge_overhead,
                Some(Duration::from_millis(10)),
            ),
            Row::timed(
                format!("Return POST to the Paid event for the window, minus the verification read ({RUNS} sales)"),
                "under 50 ms",
                &paid_overhead,
                Some(Duration::from_millis(50)),
            ),
        ]
    });
    common::write_section("sale", "Sale overhead", &rows);
}
