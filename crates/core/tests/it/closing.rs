//! Closing a counter sale at the store, against the demo store's fulfillment model: capture
//! once, move to the counter's location, fulfill there without notifying, leave
//! ship-to-customer lines alone, survive lost answers and restarts, ask a location that
//! already has the order to cancel, refund with goods back, and the store's duplicate refusal.

use std::time::Duration;

use counterpay_core::config::EnvOverrides;
use counterpay_core::db::closing::{StepKind, StepState};
use counterpay_core::sale::{BasketLine, ChargeOptions, SaleState};
use counterpay_sandbox::fulfillment::{SHOP, WAREHOUSE};
use counterpay_sandbox::Fault;
use serde_json::json;

use crate::support::*;

const TEE_M: i64 = 102; // 25.00
const PINS: i64 = 140; // 12.00

fn basket() -> Vec<BasketLine> {
    vec![BasketLine::new(TEE_M, 2), BasketLine::new(PINS, 1)]
}

/// Wait until the sale's closing at the store is `state`.
async fn closing(h: &Harness, id: &str, state: &str) -> counterpay_core::closing::ClosingView {
    eventually(Duration::from_secs(30), &format!("closing {state}"), || h.counter.sale(id).unwrap().closing.filter(|c| c.state == state))
        .await
}

fn posts_to(h: &Harness, suffix: &str) -> Vec<counterpay_sandbox::RecordedRequest> {
    h.sandbox.requests().into_iter().filter(|r| r.method == "POST" && r.path.ends_with(suffix)).collect()
}

#[tokio::test]
async fn a_paid_sale_is_captured_moved_and_handed_over_at_the_counters_location() {
    let h = harness().await;
    h.sandbox.faults().set_authorize_only(true);
    let sale = paid_sale(&h, &basket()).await;
    let number = sale.order_number.clone().unwrap();
    let done = closing(&h, &sale.id, "closed").await;
    assert_eq!(done.note.as_deref(), Some("Handed over at Shop"), "{done:?}");

    let order = h.sandbox.order(&number).unwrap();
    assert_eq!(order["payment_status"], "paid", "the authorized payment was captured");
    let now = raw_get(&h.sandbox, &format!("orders/{number}/")).await;
    assert_eq!(now["fulfillment_status"], "fulfilled");
    assert_eq!(now["status"], "archived", "nothing is left, so the store archives it");
    assert_matches_schema("Order", &now);
    assert_eq!(posts_to(&h, &format!("/orders/{number}/capture/")).len(), 1, "captured once");

    let (fos, sent) = h.sandbox.fulfillment_orders();
    let mine: Vec<_> = fos.iter().filter(|f| f.1 == number).collect();
    assert!(mine.iter().all(|f| f.2 == SHOP && f.3 == "closed"), "fulfilled at the shop: {mine:?}");
    assert!(sent.is_empty(), "nothing was sent to the warehouse: {sent:?}");
    let fulfillments = h.sandbox.fulfillments();
    assert_eq!(fulfillments.len(), 1);
    assert_eq!(fulfillments[0]["location_id"], SHOP);
    assert_eq!(fulfillments[0]["notify"], false, "the customer is not e-mailed about goods in their hand");

    // Every request matches the contract, and so do the store's answers.
    for r in posts_to(&h, "/move/") {
        assert_matches_schema("MoveFulfillmentOrder", r.body.as_ref().unwrap());
    }
    for r in posts_to(&h, "/fulfillments/") {
        assert_matches_schema("CreateFulfillment", r.body.as_ref().unwrap());
    }
    let locations = raw_get(&h.sandbox, "locations/").await;
    assert_matches_schema("PaginatedLocationList", &locations);
    let listed = raw_get(&h.sandbox, &format!("orders/{number}/fulfillment-orders/")).await;
    for fo in listed.as_array().unwrap() {
        assert_matches_schema("FulfillmentOrder", fo);
    }
    assert!(!posts_to(&h, "/move/").is_empty(), "the warehouse's fulfillment order was moved to the shop first");
    let timeline = h.counter.sale(&sale.id).unwrap().timeline.unwrap();
    assert!(timeline.iter().any(|e| e.note == "At the store: Handed over at Shop"), "{timeline:?}");
}

#[tokio::test]
async fn an_upsell_is_handed_over_too() {
    let h = harness().await;
    let sale = paid_sale(&h, &basket()).await;
    closing(&h, &sale.id, "closed").await;
    h.counter.add_upsell(&sale.id, 181, 1, None).await.unwrap();
    let number = sale.order_number.unwrap();
    eventually(Duration::from_secs(30), "the upsell's fulfillment", || (h.sandbox.fulfillments().len() == 2).then_some(())).await;
    closing(&h, &sale.id, "closed").await;
    let (fos, sent) = h.sandbox.fulfillment_orders();
    assert!(fos.iter().filter(|f| f.1 == number).all(|f| f.2 == SHOP && f.3 == "closed"), "{fos:?}");
    assert!(sent.is_empty());
}

#[tokio::test]
async fn ship_to_customer_lines_are_left_to_the_store() {
    let h = harness().await;
    let lines = vec![BasketLine::new(TEE_M, 1), BasketLine { ship: true, ..BasketLine::new(PINS, 2) }];
    let sale = paid_sale(&h, &lines).await;
    assert!(sale.lines.iter().any(|l| l.ship && l.variant_id == PINS));
    let done = closing(&h, &sale.id, "closed").await;
    assert_eq!(done.note.as_deref(), Some("Handed over at Shop; the rest is shipped by the store"));
    let number = sale.order_number.unwrap();
    let (fos, _) = h.sandbox.fulfillment_orders();
    let open: Vec<_> = fos.iter().filter(|f| f.1 == number && f.3 == "open").collect();
    assert_eq!(open.len(), 1, "the shipped line stays with the store: {fos:?}");
    assert_eq!(open[0].2, WAREHOUSE, "at the store's own location");
    let handed: i64 = h
        .sandbox
        .fulfillments()
        .iter()
        .flat_map(|f| f["line_items"].as_array().cloned().unwrap())
        .map(|l| l["quantity"].as_i64().unwrap())
        .sum();
    assert_eq!(handed, 1, "only the T-shirt was handed over");

    // The whole sale shipped: nothing is fulfilled by the counter.
    let shipped = paid_sale(&h, &[BasketLine { ship: true, ..BasketLine::new(PINS, 1) }]).await;
    let done = closing(&h, &shipped.id, "closed").await;
    assert_eq!(done.note.as_deref(), Some("Paid; the store ships it to the customer"));
}

#[tokio::test]
async fn a_lost_capture_answer_never_captures_twice() {
    let h = harness_with(Setup { api_timeout: Duration::from_secs(2), ..Default::default() }).await;
    h.sandbox.faults().set_authorize_only(true);
    let number = h.sandbox.next_order_number();
    h.sandbox.faults().push(&format!("POST /orders/{number}/capture/$"), Fault::HangAfterCommit);
    let sale = paid_sale(&h, &basket()).await;
    closing(&h, &sale.id, "closed").await;
    assert_eq!(
        posts_to(&h, &format!("/orders/{number}/capture/")).len(),
        1,
        "the lost answer was settled by reading the order, not by capturing again"
    );
    let steps = h.counter.sale(&sale.id).unwrap().closing.unwrap().steps;
    let capture: Vec<_> = steps.iter().filter(|s| s.kind == StepKind::Capture).collect();
    assert_eq!(capture.len(), 1);
    assert_eq!(capture[0].state, StepState::Done, "settled as done from the store's answer: {capture:?}");
}

/// The id the demo store gives the next fulfillment order.
fn next_fulfillment_order(h: &Harness) -> i64 {
    h.sandbox.fulfillment_orders().0.iter().map(|f| f.0).max().unwrap_or(5000) + 1
}

#[tokio::test]
async fn a_refused_move_is_tried_again() {
    let h = harness().await;
    h.sandbox.faults().push("POST /fulfillment-orders/", Fault::Status(400));
    let sale = paid_sale(&h, &basket()).await;
    closing(&h, &sale.id, "closed").await;
    assert_eq!(posts_to(&h, "/move/").len(), 2, "refused once, then moved");
    assert_eq!(h.sandbox.fulfillments().len(), 1);
}

#[tokio::test]
async fn a_kill_between_move_and_fulfill_is_finished_at_the_next_start() {
    let h = harness().await;
    let fo = next_fulfillment_order(&h);
    // The move goes through; the fulfillment fails, and the counter stops there.
    h.sandbox.faults().push(&format!("POST /fulfillment-orders/{fo}/fulfillments/$"), Fault::Status(500));
    let sale = paid_sale(&h, &basket()).await;
    let stuck = closing(&h, &sale.id, "attention").await;
    assert!(stuck.note.unwrap().contains("Not closed at the store yet"), "staff see it is not closed");
    assert!(h.sandbox.fulfillments().is_empty());
    let (fos, _) = h.sandbox.fulfillment_orders();
    assert!(fos.iter().any(|f| f.0 == fo && f.2 == SHOP && f.3 == "open"), "moved to the shop, not fulfilled: {fos:?}");
    let restarted = open_counter(&h.sandbox, h.dir.path().to_path_buf(), EnvOverrides::default(), Duration::from_secs(5));
    restarted.close_open_sales().await;
    assert_eq!(restarted.sale(&sale.id).unwrap().closing.unwrap().state, "closed", "the next start finishes it");
    assert_eq!(h.sandbox.fulfillments().len(), 1, "fulfilled once");
    assert_eq!(posts_to(&h, "/move/").len(), 1, "moved once");
}

#[tokio::test]
async fn a_fulfillment_whose_answer_was_lost_is_never_sent_twice() {
    let h = harness_with(Setup { api_timeout: Duration::from_secs(2), ..Default::default() }).await;
    let fo = next_fulfillment_order(&h);
    h.sandbox.faults().push(&format!("POST /fulfillment-orders/{fo}/fulfillments/$"), Fault::HangAfterCommit);
    let sale = paid_sale(&h, &basket()).await;
    let stuck = closing(&h, &sale.id, "attention").await;
    let steps = stuck.steps;
    assert!(steps.iter().any(|s| s.kind == StepKind::Fulfill && s.state == StepState::Unknown), "{steps:?}");
    assert_eq!(h.sandbox.fulfillments().len(), 1, "the store did it");
    // Retry (or reconciliation, or the next start) reads the order back first.
    let again = h.counter.retry_closing(&sale.id).await.unwrap();
    assert_eq!(again.closing.as_ref().unwrap().state, "closed", "{:?}", again.closing);
    assert_eq!(h.sandbox.fulfillments().len(), 1, "and it was not sent again");
    let steps = again.closing.unwrap().steps;
    assert!(steps.iter().filter(|s| s.kind == StepKind::Fulfill).all(|s| s.state == StepState::Done), "{steps:?}");
}

#[tokio::test]
async fn an_order_the_warehouse_already_has_gets_a_cancellation_request_and_staff_are_told() {
    let mut setup = Setup::default();
    setup.sandbox.fulfillment_delay = Duration::ZERO; // the app was down longer than the delay
    let h = harness_with(setup).await;
    let sale = paid_sale(&h, &basket()).await;
    let number = sale.order_number.clone().unwrap();
    let view = closing(&h, &sale.id, "attention").await;
    let note = view.note.unwrap();
    assert_eq!(note, format!("The Warehouse already has order {number}: the cancellation is requested, check before it ships."));
    let requests = posts_to(&h, "/cancellation-request/");
    assert_eq!(requests.len(), 1);
    assert_matches_schema("CancellationRequest", requests[0].body.as_ref().unwrap());
    // Asked again, it does not ask twice.
    h.counter.retry_closing(&sale.id).await.unwrap();
    assert_eq!(posts_to(&h, "/cancellation-request/").len(), 1, "one cancellation request");
    assert!(posts_to(&h, "/fulfillments/").is_empty(), "nothing fulfilled at a location that already ships it");
}

#[tokio::test]
async fn refunds_say_whether_the_goods_came_back() {
    let h = harness().await;
    let handed = paid_sale(&h, &basket()).await;
    closing(&h, &handed.id, "closed").await;
    let quote = h.counter.refund_quote(&handed.id, None).await.unwrap();
    h.counter.refund_with(&handed.id, None, quote.amount_incl_tax, true).await.unwrap();
    let body = posts_to(&h, "/refund/").last().unwrap().body.clone().unwrap();
    assert!(body["refund_lines"].as_array().unwrap().iter().all(|l| l["restock_type"] == "return"), "handed over and back: {body}");
    assert_matches_schema("RefundOrder", &body);

    let kept = paid_sale(&h, &basket()).await;
    closing(&h, &kept.id, "closed").await;
    let quote = h.counter.refund_quote(&kept.id, None).await.unwrap();
    h.counter.refund_with(&kept.id, None, quote.amount_incl_tax, false).await.unwrap();
    let body = posts_to(&h, "/refund/").last().unwrap().body.clone().unwrap();
    assert!(body["refund_lines"].as_array().unwrap().iter().all(|l| l["restock_type"] == "no_restock"), "{body}");

    // Never handed over (shipped, not sent yet): the store's rule is `cancel`.
    let shipped = paid_sale(&h, &[BasketLine { ship: true, ..BasketLine::new(PINS, 1) }]).await;
    closing(&h, &shipped.id, "closed").await;
    let quote = h.counter.refund_quote(&shipped.id, None).await.unwrap();
    h.counter.refund_with(&shipped.id, None, quote.amount_incl_tax, true).await.unwrap();
    let body = posts_to(&h, "/refund/").last().unwrap().body.clone().unwrap();
    assert!(body["refund_lines"].as_array().unwrap().iter().all(|l| l["restock_type"] == "cancel"), "{body}");

    // A handed-over order cannot be cancelled at the store: staff are told to refund.
    let another = paid_sale(&h, &basket()).await;
    closing(&h, &another.id, "closed").await;
    let e = h.counter.cancel_order(&another.id, "changed mind").await.unwrap_err();
    assert!(e.to_string().contains("refund it instead"), "{e}");
    // A shipped one not sent yet can.
    let ship = paid_sale(&h, &[BasketLine { ship: true, ..BasketLine::new(TEE_M, 1) }]).await;
    closing(&h, &ship.id, "closed").await;
    let r = h.counter.cancel_order(&ship.id, "changed mind").await.unwrap();
    assert_eq!(serde_json::to_value(r.state).unwrap(), "done");
}

#[tokio::test]
async fn the_stores_duplicate_refusal_is_shown_in_its_words_and_the_next_customer_gets_through() {
    let h = harness().await;
    h.sandbox.faults().set_duplicate_window(Some(Duration::from_secs(1800)));
    let coffee = vec![BasketLine::new(PINS, 1)];
    let first = h.counter.charge(&coffee).await.unwrap();
    assert_eq!(first.state, SaleState::AwaitingPayment);
    let second = h.counter.charge(&coffee).await.unwrap();
    assert_eq!(second.state, SaleState::Draft, "nothing half-made: no payment link");
    let why = second.reason.unwrap();
    assert!(why.contains("Duplicate order detected"), "the store's own words: {why}");
    assert!(why.contains("Try again later") && why.contains("turn the setting off"), "and what to do: {why}");
    assert!(second.payment_complete_url.is_none());
    // Another value goes through at once; the same one once the store's window has passed.
    let other = h.counter.charge(&[BasketLine::new(PINS, 2)]).await.unwrap();
    assert_eq!(other.state, SaleState::AwaitingPayment, "another customer's different basket is not a duplicate");
    // The store's window passes (the demo store stops refusing), without waiting it out.
    h.sandbox.faults().set_duplicate_window(None);
    let again = h.counter.retry(&second.id).await.unwrap();
    assert_eq!(again.state, SaleState::AwaitingPayment);
    browser(first.payment_complete_url.as_deref().unwrap(), true).await;
    browser(again.payment_complete_url.as_deref().unwrap(), true).await;
    browser(other.payment_complete_url.as_deref().unwrap(), true).await;
    assert_eq!(h.counter.sale(&again.id).unwrap().state, SaleState::Paid, "every customer paid");
}

#[tokio::test]
async fn the_customers_language_and_the_stores_receipt_go_with_the_order() {
    let h = harness().await;
    let settings = counterpay_core::config::Settings { send_receipt: false, ..h.counter.settings() };
    h.counter.save_settings(settings, None).await.unwrap();
    let sale = h.counter.charge_with(&basket(), &ChargeOptions { language: Some("de".into()), ..Default::default() }).await.unwrap();
    assert_eq!(sale.language.as_deref(), Some("de"));
    let create = h.sandbox.requests().into_iter().rev().find(|r| r.method == "POST" && r.path.ends_with("/orders/")).unwrap();
    let body = create.body.unwrap();
    assert_eq!(body["payment_details"]["language"], "de", "Klarna's page speaks the customer's language");
    assert_eq!(body["send_receipt"], false, "the store sends no receipt e-mail when Settings say so");
    assert!(body["tags"].as_array().unwrap().contains(&json!(format!("counterpay-sale:{}", sale.id))), "every order carries its sale tag");
    assert_matches_schema("CreateOrder", &body);
    let e = h.counter.charge_with(&basket(), &ChargeOptions { language: Some("xx".into()), ..Default::default() }).await.unwrap_err();
    assert!(e.to_string().contains("does not speak"), "{e}");
}

#[tokio::test]
async fn metadata_keys_are_defined_and_a_store_that_drops_them_is_noticed() {
    let h = harness().await;
    h.sandbox.faults().set_drop_undefined_metadata(true);
    // Before the keys exist, the store drops Counterpay's metadata: the tag still matches.
    let before = paid_sale(&h, &basket()).await;
    assert_eq!(before.state, SaleState::Paid, "the sale tag correlates the order");
    let note = h.counter.correlation_note().expect("Settings say the store dropped the metadata");
    assert!(note.contains("dropped Counterpay's metadata"), "{note}");
    assert_eq!(h.counter.ensure_metadata().await.unwrap(), 3, "the three order keys are defined");
    assert_eq!(h.counter.ensure_metadata().await.unwrap(), 0, "and only once");
    for d in h.sandbox.metadata_definitions() {
        assert_matches_schema("Definition", &d);
        assert_eq!(d["object"], "order");
    }
    let after = paid_sale(&h, &basket()).await;
    let order = h.sandbox.order(after.order_number.as_deref().unwrap()).unwrap();
    assert_eq!(order["metadata"]["counterpay_sale"], after.id.as_str(), "the store keeps defined keys");
    assert!(h.counter.correlation_note().is_none(), "the warning goes once the store keeps the marks");
}

#[tokio::test]
async fn the_picker_shows_stock_here_and_elsewhere() {
    let h = harness().await;
    h.counter.counter_location().await.unwrap().expect("the demo store's Shop");
    let results = h.counter.search_catalog("enamel", 10).await.unwrap();
    let pins = results.products.iter().flat_map(|p| p.variants.iter()).find(|v| v.id == PINS).unwrap();
    assert!(pins.stock_here.is_some_and(|n| n > 0), "{pins:?}");
    assert!(pins.stock_elsewhere.is_some_and(|n| n > pins.stock_here.unwrap()), "the warehouse holds more: {pins:?}");
    assert!(results.problem.is_none());
}

#[tokio::test]
async fn an_upsell_charged_while_the_sale_is_being_closed_is_closed_too() {
    let h = harness().await;
    let sale = paid_sale(&h, &basket()).await;
    // No wait: the first closing is still running when the upsell is charged.
    h.counter.add_upsell(&sale.id, 181, 1, None).await.unwrap();
    let number = sale.order_number.unwrap();
    eventually(Duration::from_secs(40), "both fulfillment orders fulfilled at the shop", || {
        let (fos, _) = h.sandbox.fulfillment_orders();
        let mine: Vec<_> = fos.iter().filter(|f| f.1 == number).collect();
        (mine.len() == 2 && mine.iter().all(|f| f.2 == SHOP && f.3 == "closed")).then_some(())
    })
    .await;
    closing(&h, &sale.id, "closed").await;
}

#[tokio::test]
async fn a_cancellation_request_whose_answer_was_lost_is_sent_again_until_the_store_shows_it() {
    let mut setup = Setup::default();
    setup.sandbox.fulfillment_delay = Duration::ZERO;
    let h = harness_with(setup).await;
    let fo = next_fulfillment_order(&h);
    h.sandbox.faults().push(&format!("POST /fulfillment-orders/{fo}/cancellation-request/$"), Fault::Status(503));
    let sale = paid_sale(&h, &basket()).await;
    closing(&h, &sale.id, "attention").await;
    let asked =
        |h: &Harness| h.sandbox.fulfillment_orders_json().iter().any(|f| f["id"] == fo && f["request_status"] == "cancel_requested");
    assert!(!asked(&h), "the store did not take the first request");
    h.counter.retry_closing(&sale.id).await.unwrap();
    assert!(asked(&h), "the next run reads the store, sees no request and sends it again");
    assert_eq!(posts_to(&h, "/cancellation-request/").len(), 2);
    h.counter.retry_closing(&sale.id).await.unwrap();
    assert_eq!(posts_to(&h, "/cancellation-request/").len(), 2, "and never a third time once the store shows it");
    let timeline = h.counter.sale(&sale.id).unwrap().timeline.unwrap();
    let notes = timeline.iter().filter(|e| e.note.starts_with("At the store: The Warehouse already has")).count();
    assert_eq!(notes, 1, "the timeline says it once, not at every retry");
}
