//! The back office: refresh, refunds (the store's calculation first), cancels, never sent
//! twice, unknown outcomes settled, and the store-wide history merged by order number.

use std::time::Duration;

use counterpay_core::admin_api::models::RefundLineRequest;
use counterpay_core::config::EnvOverrides;
use counterpay_core::db::refunds::{RefundKind, RefundState};
use counterpay_core::db::sales::Filter;
use counterpay_core::sale::{BasketLine, SaleState};
use counterpay_core::ErrorCode;
use counterpay_sandbox::Fault;
use rust_decimal::Decimal;
use serde_json::json;

use crate::support::*;

const PINS: i64 = 140; // $12.00
const TOTE: i64 = 110; // $18.50

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn refund_posts(h: &Harness) -> usize {
    h.sandbox.requests().iter().filter(|r| r.method == "POST" && r.path.ends_with("/refund/")).count()
}

fn line_id(h: &Harness, number: &str, variant: i64) -> i64 {
    let order = h.sandbox.order(number).unwrap();
    order["lines"].as_array().unwrap().iter().find(|l| l["variant_id"] == variant).unwrap()["id"].as_i64().unwrap()
}

#[tokio::test]
async fn a_full_refund_shows_the_stores_calculation_then_pays_everything_back() {
    let h = harness().await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 2), BasketLine::new(TOTE, 1)]).await;
    let number = sale.order_number.clone().unwrap();

    let quote = h.counter.refund_quote(&sale.id, None).await.unwrap();
    assert_eq!(quote.amount_incl_tax, dec("42.50"), "the store's figure for everything");
    assert_eq!(quote.refund_lines.len(), 2);
    assert_eq!(refund_posts(&h), 0, "a calculation refunds nothing");

    let done = h.counter.refund(&sale.id, None, dec("42.50")).await.unwrap();
    assert_eq!(done.state, RefundState::Done);
    assert_eq!(done.kind, RefundKind::Refund);
    assert!(done.by_whom.contains(h.counter.counter_id()), "who did it is recorded: {}", done.by_whom);
    let store = h.sandbox.order(&number).unwrap();
    assert_eq!(store["payment_status"], "refunded");
    assert!(store["refunds"][0]["note"].as_str().unwrap().contains(&done.reference), "our reference travels with the refund");
    assert_matches_schema("Order", &store);

    let after = h.counter.sale(&sale.id).unwrap();
    assert_eq!(after.state, SaleState::Paid, "a refunded sale was still paid");
    assert_eq!(after.refunded, Some(dec("42.50")));
    assert!(after.timeline.unwrap().iter().any(|e| e.note.starts_with("Refunded: 42.50 USD paid back")));
    let refunded = Filter { states: vec!["refunded".into()], ..Default::default() };
    assert_eq!(h.counter.history(&refunded, 10, 0).unwrap().len(), 1, "History shows refunded sales");

    let again = h.counter.refund_quote(&sale.id, None).await.unwrap_err();
    assert!(again.to_string().contains("Nothing is left to refund"), "{again}");
}

#[tokio::test]
async fn a_partial_refund_of_one_line_leaves_the_rest() {
    let h = harness().await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 2), BasketLine::new(TOTE, 1)]).await;
    let number = sale.order_number.clone().unwrap();
    let pins = line_id(&h, &number, PINS);
    let one_pin = Some(vec![RefundLineRequest { line_id: pins, quantity: 1, restock_type: None }]);

    let quote = h.counter.refund_quote(&sale.id, one_pin.clone()).await.unwrap();
    assert_eq!(quote.amount_incl_tax, dec("12.00"));
    let done = h.counter.refund(&sale.id, one_pin, dec("12.00")).await.unwrap();
    assert_eq!(done.state, RefundState::Done);
    assert_eq!(h.sandbox.order(&number).unwrap()["payment_status"], "partially_refunded");
    assert_eq!(h.counter.sale(&sale.id).unwrap().refunded, Some(dec("12.00")));

    let rest = h.counter.refund_quote(&sale.id, None).await.unwrap();
    assert_eq!(rest.amount_incl_tax, dec("30.50"), "one pin and the tote are left");
    let too_many = Some(vec![RefundLineRequest { line_id: pins, quantity: 2, restock_type: None }]);
    let err = h.counter.refund_quote(&sale.id, too_many).await.unwrap_err();
    assert!(err.to_string().contains("at most 1"), "the store's words: {err}");
}

#[tokio::test]
async fn a_refund_whose_figure_changed_is_not_sent() {
    let h = harness().await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 1)]).await;
    let err = h.counter.refund(&sale.id, None, dec("99.00")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("now calculates 12.00 USD"), "{err}");
    assert_eq!(refund_posts(&h), 0, "nothing was sent");
}

#[tokio::test]
async fn a_cancel_refunds_what_is_left_and_is_recorded() {
    let h = harness().await;
    // Shipped by the store and not sent yet: the store can still cancel it (goods handed
    // over cannot be cancelled, only refunded; see the closing tests).
    let sale = paid_sale(&h, &[BasketLine { ship: true, ..BasketLine::new(PINS, 2) }]).await;
    let number = sale.order_number.clone().unwrap();
    assert!(h.counter.cancel_order(&sale.id, "  ").await.unwrap_err().to_string().contains("Say why"));

    let done = h.counter.cancel_order(&sale.id, "Customer changed their mind").await.unwrap();
    assert_eq!((done.kind, done.state), (RefundKind::Cancel, RefundState::Done));
    assert_eq!(done.amount, dec("24.00"));
    let store = h.sandbox.order(&number).unwrap();
    assert_eq!(store["status"], "canceled");
    assert_eq!(store["payment_status"], "refunded");
    let cancel = h.sandbox.requests().into_iter().find(|r| r.path.ends_with("/cancel/")).unwrap();
    assert_matches_schema("CancelOrder", cancel.body.as_ref().unwrap());
    assert!(cancel.body.unwrap()["cancel_reason"].as_str().unwrap().starts_with("Customer changed their mind"));

    let after = h.counter.sale(&sale.id).unwrap();
    assert_eq!(after.store_status.as_deref(), Some("canceled"));
    assert_eq!(after.refunded, Some(dec("24.00")));
    let err = h.counter.cancel_order(&sale.id, "again").await.unwrap_err();
    assert!(err.to_string().contains("already cancelled"), "{err}");
}

#[tokio::test]
async fn a_double_click_on_refund_sends_it_once() {
    let h = harness().await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 1)]).await;
    h.sandbox.faults().set_latency(Duration::from_millis(300));
    let (a, b) = tokio::join!(h.counter.refund(&sale.id, None, dec("12.00")), h.counter.refund(&sale.id, None, dec("12.00")));
    h.sandbox.faults().set_latency(Duration::ZERO);
    let done = [&a, &b].iter().filter(|r| r.as_ref().is_ok_and(|r| r.state == RefundState::Done)).count();
    assert_eq!(done, 1, "exactly one refund went through: {a:?} / {b:?}");
    let refused = [a, b].into_iter().find_map(Result::err).expect("the other click was refused");
    assert!(
        refused.to_string().contains("still being sent") || refused.to_string().contains("Nothing is left"),
        "the second click says why: {refused}"
    );
    assert_eq!(refund_posts(&h), 1, "one refund request reached the store");
    assert_eq!(h.sandbox.order(sale.order_number.as_deref().unwrap()).unwrap()["refunds"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_refund_whose_answer_is_lost_is_settled_from_the_store() {
    let h = harness_with(Setup { api_timeout: Duration::from_secs(2), ..Setup::default() }).await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 1), BasketLine::new(TOTE, 1)]).await;
    let number = sale.order_number.clone().unwrap();

    // The store refunds, then the answer never comes.
    h.sandbox.faults().push(&format!("POST /orders/{number}/refund/$"), Fault::HangAfterCommit);
    let settled = h.counter.refund(&sale.id, None, dec("30.50")).await.unwrap();
    assert_eq!(settled.state, RefundState::Done, "found by its reference when the order was read back");
    assert!(settled.store_refund_id.is_some());
    assert_eq!(refund_posts(&h), 1, "not sent again");

    // Another sale: the request never reaches the store's books.
    let other = paid_sale(&h, &[BasketLine::new(PINS, 1)]).await;
    let n2 = other.order_number.clone().unwrap();
    h.sandbox.faults().push(&format!("POST /orders/{n2}/refund/$"), Fault::Hang);
    let lost = h.counter.refund(&other.id, None, dec("12.00")).await.unwrap();
    assert_eq!(lost.state, RefundState::Failed, "no trace at the store: nothing was paid back");
    assert!(lost.reason.unwrap().contains("You can try again"));
    let retried = h.counter.refund(&other.id, None, dec("12.00")).await.unwrap();
    assert_eq!(retried.state, RefundState::Done, "trying again is safe");
    assert_eq!(h.sandbox.order(&n2).unwrap()["refunds"].as_array().unwrap().len(), 1, "one refund at the store");
}

#[tokio::test]
async fn a_refund_interrupted_by_a_restart_is_settled_at_start() {
    let h = harness().await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 1)]).await;
    let number = sale.order_number.clone().unwrap();
    // The store refunded with our reference, and then the app stopped before recording it.
    let reference = "cp-refund-interrupted0001";
    let lid = line_id(&h, &number, PINS);
    let tx = h.sandbox.order(&number).unwrap()["transactions"][0]["id"].as_i64().unwrap();
    let (status, refund) = raw_post(
        &h.sandbox,
        &format!("orders/{number}/refund/"),
        &json!({ "refund_lines": [{ "line_id": lid, "quantity": 1, "restock_type": "cancel" }],
                 "transactions": [{ "id": tx, "amount": "12.00" }], "note": format!("Counterpay {reference} by a test") }),
    )
    .await;
    assert_eq!(status, 200, "{refund}");
    assert_matches_schema("Refund", &refund);
    let record = counterpay_core::db::refunds::RefundRecord {
        id: "r_interrupted".into(),
        sale_id: sale.id.clone(),
        order_number: number.clone(),
        kind: RefundKind::Refund,
        reference: reference.into(),
        lines: vec![],
        amount: dec("12.00"),
        currency: "USD".into(),
        state: RefundState::Requested,
        reason: None,
        by_whom: "a test".into(),
        store_refund_id: None,
        created_at: 1,
        updated_at: 1,
    };
    counterpay_core::db::refunds::insert(h.counter.db(), &record).unwrap();
    assert_eq!(h.counter.open_work().unwrap().refunds, 1, "closing now would warn about the refund");

    let restarted = open_counter(&h.sandbox, h.dir.path().to_path_buf(), EnvOverrides::default(), Duration::from_secs(5));
    restarted.resume().unwrap();
    eventually(Duration::from_secs(10), "the interrupted refund settled done", || {
        let r = counterpay_core::db::refunds::get(restarted.db(), "r_interrupted").unwrap().unwrap();
        (r.state == RefundState::Done).then_some(())
    })
    .await;
    assert_eq!(restarted.sale(&sale.id).unwrap().refunded, Some(dec("12.00")));
    assert_eq!(restarted.open_work().unwrap().refunds, 0);
}

#[tokio::test]
async fn the_sandbox_speaks_the_contract_for_refunds() {
    let h = harness().await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 2)]).await;
    let number = sale.order_number.clone().unwrap();
    let lid = line_id(&h, &number, PINS);
    let (status, calc) = raw_post(
        &h.sandbox,
        &format!("orders/{number}/refund/calculate/"),
        &json!({ "refund_lines": [{ "line_id": lid, "quantity": 1 }] }),
    )
    .await;
    assert_eq!(status, 200);
    assert_matches_schema("CalculateRefundResponse", &calc);
    // What the client sends is what the contract asks for.
    h.counter.refund(&sale.id, None, dec("24.00")).await.unwrap();
    for r in h.sandbox.requests().iter().filter(|r| r.method == "POST") {
        if r.path.ends_with("/refund/calculate/") {
            assert_matches_schema("CalculateRefundRequest", r.body.as_ref().unwrap());
        } else if r.path.ends_with("/refund/") {
            assert_matches_schema("RefundOrder", r.body.as_ref().unwrap());
        }
    }
    let (status, err) = raw_post(&h.sandbox, &format!("orders/{number}/refund/"), &json!({ "refund_lines": [] })).await;
    assert_eq!(status, 400, "transactions are required: {err}");
}

#[tokio::test]
async fn refresh_from_store_records_what_changed() {
    let h = harness().await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 1)]).await;
    let number = sale.order_number.clone().unwrap();
    let before = h.counter.sale(&sale.id).unwrap().timeline.unwrap().len();
    h.counter.refresh_order(&sale.id).await.unwrap();
    assert_eq!(h.counter.sale(&sale.id).unwrap().timeline.unwrap().len(), before, "nothing changed, nothing noted");
    h.sandbox.edit_order(&number, |o| o["status"] = json!("closed"));
    let after = h.counter.refresh_order(&sale.id).await.unwrap();
    assert_eq!(after.store_status.as_deref(), Some("closed"));
    assert!(after.timeline.unwrap().iter().any(|e| e.note.starts_with("Refreshed from the store")));
    assert_eq!(after.order.unwrap()["status"], "closed", "the raw order as the store sent it");
}

#[tokio::test]
async fn the_store_wide_history_merges_every_counter_without_duplicates() {
    let h = harness().await;
    let mine = paid_sale(&h, &[BasketLine::new(PINS, 1)]).await;
    // A second counter on the same store.
    let other_dir = tempfile::tempdir().unwrap();
    let other = open_counter(&h.sandbox, other_dir.path().to_path_buf(), EnvOverrides::default(), Duration::from_secs(5));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    counterpay_core::return_endpoint::serve(other.clone(), ([127, 0, 0, 1], 0).into(), async {
        let _ = stopped.await;
    })
    .await
    .unwrap();
    other.sync_catalog().await.unwrap();
    let theirs = other.charge(&[BasketLine::new(TOTE, 2)]).await.unwrap();
    browser(theirs.payment_complete_url.as_deref().unwrap(), true).await;
    let their_number = other.sale(&theirs.id).unwrap().order_number.unwrap();

    let mut pages = 0;
    let first = h.counter.import_store_history(|r| pages = r.pages).await.unwrap();
    assert_eq!((first.added, first.orders), (1, 2), "{first:?}");
    assert!(pages >= 1, "progress is reported");
    let mut events = h.counter.subscribe();
    let updated = |events: &mut tokio::sync::broadcast::Receiver<counterpay_core::events::Event>| {
        let mut ids = Vec::new();
        while let Ok(e) = events.try_recv() {
            if let counterpay_core::events::Event::SaleUpdated { sale } = e {
                ids.push(sale.id.clone());
            }
        }
        ids
    };
    let second = h.counter.import_store_history(|_| {}).await.unwrap();
    assert_eq!((second.added, second.updated), (0, 0), "importing again adds nothing: {second:?}");
    assert_eq!(updated(&mut events), Vec::<String>::new(), "nothing changed, so the window is told of nothing");

    let all = h.counter.history(&Filter::default(), 50, 0).unwrap();
    assert_eq!(all.len(), 2, "one row per order");
    let imported = all.iter().find(|s| s.order_number.as_deref() == Some(their_number.as_str())).unwrap();
    assert_eq!(imported.origin.as_deref(), Some(other.counter_id()));
    assert_eq!(imported.store_total, Some(dec("37.00")));
    let others = Filter { counter: Some("others".into()), ..Default::default() };
    assert_eq!(h.counter.history(&others, 50, 0).unwrap().len(), 1);
    let this = Filter { counter: Some("this".into()), ..Default::default() };
    assert_eq!(h.counter.history(&this, 50, 0).unwrap()[0].id, mine.id);
    let by_text = Filter { text: Some("canvas tote".into()), ..Default::default() };
    assert_eq!(h.counter.history(&by_text, 50, 0).unwrap()[0].id, imported.id, "imported sales are searchable");

    // The other counter refunds; the next import brings it here.
    other.refund(&theirs.id, None, dec("37.00")).await.unwrap();
    let third = h.counter.import_store_history(|_| {}).await.unwrap();
    assert_eq!((third.added, third.updated), (0, 1), "{third:?}");
    assert_eq!(updated(&mut events), std::slice::from_ref(&imported.id), "the refunded sale, and only it");
    assert_eq!(h.counter.sale(&imported.id).unwrap().refunded, Some(dec("37.00")));
    drop(stop);
}

#[tokio::test]
async fn history_search_finds_email_and_upsells_and_the_detail_shows_them() {
    let h = harness().await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 1)]).await;
    h.counter.add_upsell(&sale.id, 180 + 2, 1, None).await.unwrap(); // Stoneware Mug (Slate)
    let find = |t: &str| h.counter.history(&Filter { text: Some(t.into()), ..Default::default() }, 10, 0).unwrap();
    assert_eq!(find("customer@example.com").len(), 1, "by email");
    assert_eq!(find("slate").len(), 1, "by an upsell's product");
    assert_eq!(find("10001 pin").len(), 1, "words combine");
    assert!(find("%_").is_empty(), "punctuation alone finds nothing");
    let detail = h.counter.sale(&sale.id).unwrap();
    let order = detail.order.expect("the store's order");
    let lines = order["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().any(|l| l["is_upsell"] == true), "the upsell line is marked");
    assert!(order["transactions"].as_array().is_some_and(|t| !t.is_empty()), "fields beyond the ones Counterpay reads are kept");
}
