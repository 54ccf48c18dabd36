//! One-click upsells against the sandbox: charged, declined, refused, unknown outcomes
//! settled by reading the order back, and never charged twice.

use std::time::Duration;

use counterpay_core::config::EnvOverrides;
use counterpay_core::db::upsells::{self, Upsell, UpsellState};
use counterpay_core::sale::{BasketLine, SaleState, SaleView};
use counterpay_core::ErrorCode;
use counterpay_sandbox::Fault;
use rust_decimal::Decimal;
use serde_json::json;

use crate::support::*;

const PINS: i64 = 140; // recommends the T-shirt (product 100)
const TEE_M: i64 = 102; // 25.00 USD

async fn paid_sale(h: &Harness) -> SaleView {
    let sale = h.counter.charge(&[BasketLine::new(PINS, 1)]).await.unwrap();
    browser(sale.payment_complete_url.as_deref().unwrap(), true).await;
    let paid = h.counter.sale(&sale.id).unwrap();
    assert_eq!(paid.state, SaleState::Paid);
    paid
}

fn add_line_posts(h: &Harness) -> Vec<serde_json::Value> {
    h.sandbox.requests().into_iter().filter(|r| r.method == "POST" && r.path.ends_with("/add-line-items/")).filter_map(|r| r.body).collect()
}

#[tokio::test]
async fn an_upsell_is_offered_charged_and_recorded() {
    let h = harness().await;
    let sale = paid_sale(&h).await;
    assert!(sale.supports_upsells);
    let offers = h.counter.upsell_offers(&sale.id).unwrap();
    assert!(offers.available && offers.reason.is_none());
    assert_eq!(offers.offers.first().map(|p| p.product_id), Some(100), "the paid product's recommendation comes first");
    assert!(offers.offers.iter().all(|p| p.product_id != 140), "nothing already in the order is offered");
    assert!(
        offers.offers[0].variants.iter().any(|v| v.id == TEE_M && v.price == Some(Decimal::new(2500, 2))),
        "priced in the order's currency"
    );

    let upsell = h.counter.add_upsell(&sale.id, TEE_M, 2, None).await.unwrap();
    assert_eq!(upsell.state, UpsellState::Charged, "{:?}", upsell.reason);
    let posts = add_line_posts(&h);
    assert_eq!(posts.len(), 1);
    assert_matches_schema("AddLineItem", &posts[0]);
    assert_eq!(posts[0]["lines"][0]["is_upsell"], true);
    assert_eq!(posts[0]["lines"][0]["product_id"], TEE_M);
    assert_eq!(posts[0]["lines"][0]["quantity"], 2);
    assert_eq!(posts[0]["lines"][0]["metadata"]["counterpay_upsell"], upsell.idempotency_key.as_str());

    let after = h.counter.sale(&sale.id).unwrap();
    assert_eq!(after.store_total.map(|d| d.to_string()), Some("62.00".into()), "12.00 + 2 × 25.00, as the store computed it");
    assert_eq!(after.upsells.len(), 1);
    assert!(after.timeline.unwrap().iter().any(|e| e.note.contains("Upsell 2 × Organic Cotton T-Shirt (M) charged")));
    let order = h.sandbox.order(after.order_number.as_deref().unwrap()).unwrap();
    assert_matches_schema("Order", &order);

    let day = h.counter.upsell_report(0, i64::MAX).unwrap();
    assert_eq!((day.offered, day.taken), (1, 1));
    assert_eq!(day.value, vec![("USD".to_string(), Decimal::new(5000, 2))]);
}

#[tokio::test]
async fn a_declined_upsell_says_why_and_charges_nothing() {
    let h = harness().await;
    let sale = paid_sale(&h).await;
    h.sandbox.faults().decline_next_upsell();
    let upsell = h.counter.add_upsell(&sale.id, TEE_M, 1, None).await.unwrap();
    assert_eq!(upsell.state, UpsellState::Declined);
    assert!(upsell.reason.as_deref().unwrap().contains("declined by Klarna"), "the store's words reach staff: {:?}", upsell.reason);
    assert_eq!(h.counter.sale(&sale.id).unwrap().store_total.map(|d| d.to_string()), Some("12.00".into()));
    // Declined is final: a new attempt is allowed and goes through.
    assert_eq!(h.counter.add_upsell(&sale.id, TEE_M, 1, Some(Decimal::new(2000, 2))).await.unwrap().state, UpsellState::Charged);
    assert_eq!(add_line_posts(&h).last().unwrap()["lines"][0]["price"], "20.00", "a staff price is sent as the line price");
}

#[tokio::test]
async fn the_configured_gateway_pins_the_upsell_charge() {
    let h = harness().await;
    let settings = counterpay_core::config::Settings { payment_gateway: Some(7), payment_gateway_group: Some(3), ..h.counter.settings() };
    h.counter.save_settings(settings, None).await.unwrap();
    let sale = paid_sale(&h).await;
    assert_eq!(h.counter.add_upsell(&sale.id, TEE_M, 1, None).await.unwrap().state, UpsellState::Charged);
    let body = add_line_posts(&h).pop().unwrap();
    assert_matches_schema("AddLineItem", &body);
    assert_eq!(body["payment_details"], json!({"payment_gateway": 7, "payment_gateway_group": 3}));
}

#[tokio::test]
async fn an_order_that_cannot_be_charged_again_gets_no_upsell() {
    let h = harness().await;
    h.sandbox.faults().set_upsells_supported(false);
    let sale = paid_sale(&h).await;
    let offers = h.counter.upsell_offers(&sale.id).unwrap();
    assert!(!offers.available && offers.offers.is_empty());
    assert!(offers.reason.unwrap().contains("cannot be charged again"), "staff are told why");
    let err = h.counter.add_upsell(&sale.id, TEE_M, 1, None).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(add_line_posts(&h).is_empty(), "nothing is sent");
}

#[tokio::test]
async fn a_lost_answer_is_settled_by_reading_the_order_back() {
    let h = harness_with(Setup { api_timeout: Duration::from_millis(800), ..Default::default() }).await;
    let sale = paid_sale(&h).await;
    let number = sale.order_number.clone().unwrap();

    // Charged, but the answer never arrives.
    h.sandbox.faults().push(&format!("POST /orders/{number}/add-line-items/"), Fault::HangAfterCommit);
    let charged = h.counter.add_upsell(&sale.id, TEE_M, 1, None).await.unwrap();
    assert_eq!(charged.state, UpsellState::Charged, "the line is in the store's order, so it was charged: {:?}", charged.reason);

    // Never reached the store.
    h.sandbox.faults().push(&format!("POST /orders/{number}/add-line-items/"), Fault::Hang);
    let lost = h.counter.add_upsell(&sale.id, 101, 1, None).await.unwrap();
    assert_eq!(lost.state, UpsellState::Declined, "no such line in the order: not charged");
    assert!(lost.reason.unwrap().contains("not charged"));
    assert_eq!(add_line_posts(&h).len(), 2, "each upsell was sent exactly once");
    let lines = h.sandbox.order(&number).unwrap()["lines"].as_array().unwrap().len();
    assert_eq!(lines, 2, "the original line and the one charged upsell");
}

#[tokio::test]
async fn a_double_click_charges_once() {
    let h = harness().await;
    let sale = paid_sale(&h).await;
    h.sandbox.faults().set_latency(Duration::from_millis(300));
    let (a, b) = tokio::join!(h.counter.add_upsell(&sale.id, TEE_M, 1, None), h.counter.add_upsell(&sale.id, TEE_M, 1, None));
    h.sandbox.faults().set_latency(Duration::ZERO);
    let results = [a, b];
    let charged = results.iter().filter(|r| matches!(r, Ok(u) if u.state == UpsellState::Charged)).count();
    let refused = results.iter().filter(|r| matches!(r, Err(e) if e.code() == ErrorCode::Conflict)).count();
    assert_eq!((charged, refused), (1, 1), "one click charges, the other is told to wait: {results:?}");
    assert_eq!(add_line_posts(&h).len(), 1, "one charge reached the store");
}

#[tokio::test]
async fn a_restart_with_upsells_in_flight_settles_them() {
    let h = harness().await;
    let sale = paid_sale(&h).await;
    let number = sale.order_number.clone().unwrap();
    let pending = |id: &str, key: &str, variant: i64| Upsell {
        id: id.into(),
        sale_id: sale.id.clone(),
        order_number: number.clone(),
        idempotency_key: key.into(),
        variant_id: variant,
        title: "test".into(),
        sku: "T".into(),
        quantity: 1,
        unit_price: Decimal::new(2500, 2),
        price_override: false,
        state: UpsellState::Requested,
        reason: None,
        created_at: 1,
        updated_at: 1,
        by_whom: None,
    };
    // The app stopped after sending this one: the store charged it.
    upsells::insert(h.counter.db(), &pending("u_sent", "key-sent", TEE_M)).unwrap();
    let sent = h
        .http
        .post(format!("{}orders/{number}/add-line-items/", h.sandbox.api_url()))
        .bearer_auth(TOKEN)
        .header("X-29Next-Api-Version", "2024-04-01")
        .json(&json!({"lines": [{"product_id": TEE_M, "quantity": 1, "is_upsell": true, "metadata": {"counterpay_upsell": "key-sent"}}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200);

    let restarted = open_counter(&h.sandbox, h.dir.path().to_path_buf(), EnvOverrides::default(), Duration::from_secs(5));
    restarted.resume().unwrap();
    eventually(Duration::from_secs(5), "the interrupted upsell settled", || {
        upsells::open(restarted.db()).unwrap().is_empty().then_some(())
    })
    .await;
    let got = upsells::get(restarted.db(), "u_sent").unwrap().unwrap();
    assert_eq!(got.state, UpsellState::Charged, "found in the order after the restart");

    // The app stopped before sending this one.
    upsells::insert(restarted.db(), &pending("u_unsent", "key-unsent", 101)).unwrap();
    let again = open_counter(&h.sandbox, h.dir.path().to_path_buf(), EnvOverrides::default(), Duration::from_secs(5));
    again.resume().unwrap();
    eventually(Duration::from_secs(5), "the unsent upsell settled", || upsells::open(again.db()).unwrap().is_empty().then_some(())).await;
    assert_eq!(upsells::get(again.db(), "u_unsent").unwrap().unwrap().state, UpsellState::Declined, "not in the order: never charged");
    assert_eq!(
        again.sale(&sale.id).unwrap().store_total.map(|d| d.to_string()),
        Some("37.00".into()),
        "the charged one updated the totals"
    );
}
