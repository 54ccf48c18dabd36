//! The second channel: signed webhooks and reconciliation find payments whose browser
//! return never arrived; bad signatures and replays change nothing.

use std::time::Duration;

use counterpay_core::db::{sales, webhook_events};
use counterpay_core::sale::{BasketLine, SaleState};

use crate::support::*;

fn basket() -> Vec<BasketLine> {
    vec![BasketLine::new(140, 2)]
}

async fn deliver(h: &Harness, body: &str, signature: Option<&str>) -> u16 {
    let mut req =
        h.http.post(format!("http://{}/webhooks/29next", h.endpoint)).header("content-type", "application/json").body(body.to_string());
    if let Some(sig) = signature {
        req = req.header("x-29next-signature", sig);
    }
    req.send().await.unwrap().status().as_u16()
}

async fn wait_for_delivery(h: &Harness, n: usize) -> counterpay_sandbox::Delivery {
    eventually(Duration::from_secs(5), &format!("webhook delivery #{n}"), || h.sandbox.deliveries().get(n - 1).cloned()).await
}

#[tokio::test]
async fn a_sale_whose_customer_never_came_back_is_found_by_webhook() {
    let h = harness().await;
    assert!(h.counter.ensure_webhook().await.unwrap().is_some(), "the counter registers its webhook");
    let sale = h.counter.charge(&basket()).await.unwrap();
    // The customer pays and closes the phone: no browser return ever arrives.
    h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
    let paid = wait_for_state(&h.counter, &sale.id, "paid", Duration::from_secs(15)).await;
    assert!(paid.order_number.is_some());
    let timeline = h.counter.sale(&sale.id).unwrap().timeline.unwrap();
    assert!(timeline.iter().any(|e| e.note.contains("webhook")), "the timeline says how it was found: {timeline:?}");
    let delivery = wait_for_delivery(&h, 1).await;
    assert_eq!(delivery.status, Some(200), "the delivery was accepted");
}

#[tokio::test]
async fn bad_signatures_are_refused_and_replays_ignored() {
    let h = harness().await;
    h.counter.ensure_webhook().await.unwrap();
    let sale = h.counter.charge(&basket()).await.unwrap();
    h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
    wait_for_state(&h.counter, &sale.id, "paid", Duration::from_secs(15)).await;
    let d = wait_for_delivery(&h, 1).await;
    let handled = webhook_events::count(h.counter.db()).unwrap();
    let events = sales::events(h.counter.db(), &sale.id).unwrap().len();

    assert_eq!(deliver(&h, &d.body, Some(&d.signature)).await, 200, "a replay is acknowledged");
    assert_eq!(webhook_events::count(h.counter.db()).unwrap(), handled, "and recorded once");

    // A different, unsigned or wrongly signed delivery about another sale.
    let other = h.counter.charge(&basket()).await.unwrap();
    h.sandbox.faults().set_webhooks_paused(true);
    let (_, response) = h.sandbox.pay(other.payment_complete_url.as_deref().unwrap()).unwrap();
    let forged = format!(r#"{{"event_id":"evt_forged","event_type":"order.created","data":{response}}}"#);
    assert_eq!(deliver(&h, &forged, None).await, 401, "no signature");
    assert_eq!(deliver(&h, &forged, Some(&d.signature)).await, 401, "another body's signature");
    assert_eq!(deliver(&h, &forged, Some("not base64 at all")).await, 401);
    assert_eq!(h.counter.sale(&other.id).unwrap().state, SaleState::AwaitingPayment, "a refused webhook settles nothing");
    assert_eq!(webhook_events::count(h.counter.db()).unwrap(), handled, "and records nothing");
    assert_eq!(sales::events(h.counter.db(), &sale.id).unwrap().len(), events);
}

#[tokio::test]
async fn reconciliation_finds_a_missed_webhook() {
    let h = harness().await;
    h.sandbox.faults().set_webhooks_paused(true);
    assert_eq!(h.counter.reconcile().await.unwrap(), 0, "nothing open, nothing asked");
    let awaiting = h.counter.charge(&basket()).await.unwrap();
    let cancelled = h.counter.charge(&basket()).await.unwrap();
    h.counter.cancel(&cancelled.id).unwrap();
    h.sandbox.pay(awaiting.payment_complete_url.as_deref().unwrap()).unwrap();
    h.sandbox.pay(cancelled.payment_complete_url.as_deref().unwrap()).unwrap();

    assert_eq!(h.counter.reconcile().await.unwrap(), 2, "both payments are found in the store");
    assert_eq!(h.counter.sale(&awaiting.id).unwrap().state, SaleState::Paid);
    let late = h.counter.sale(&cancelled.id).unwrap();
    assert!(late.state == SaleState::Paid && late.after_cancel, "a payment after cancel is found and flagged");
    assert!(h.sandbox.requests().iter().any(|r| r.query.as_deref() == Some(&format!("tags=counterpay%3A{}", h.counter.counter_id()))));
    assert_eq!(h.counter.reconcile().await.unwrap(), 0, "a second pass changes nothing");
}

#[tokio::test]
async fn reconciliation_looks_back_two_days_only() {
    let h = harness().await;
    h.sandbox.faults().set_webhooks_paused(true);
    let old = h.counter.charge(&basket()).await.unwrap();
    h.counter.cancel(&old.id).unwrap();
    h.sandbox.pay(old.payment_complete_url.as_deref().unwrap()).unwrap();
    h.counter.clock().advance(Duration::from_secs(49 * 3600));
    let tagged = || h.sandbox.requests().iter().filter(|r| r.query.as_deref().is_some_and(|q| q.starts_with("tags="))).count();
    let before = tagged();
    assert_eq!(h.counter.reconcile().await.unwrap(), 0, "a sale ended more than two days ago is not looked for");
    assert_eq!(tagged(), before, "the store's orders are not read for it");
    assert_eq!(h.counter.sale(&old.id).unwrap().state, SaleState::Cancelled);
}

#[tokio::test]
async fn a_browser_return_behind_the_webhook_still_shows_the_receipt() {
    let h = harness().await;
    h.counter.ensure_webhook().await.unwrap();
    let sale = h.counter.charge(&basket()).await.unwrap();
    // A slow store: the webhook's verification is still running when the browser posts.
    h.sandbox.faults().set_latency(Duration::from_millis(400));
    let (ret, response) = h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
    eventually(Duration::from_secs(10), "the webhook's delivery", || (webhook_events::count(h.counter.db()).unwrap() > 0).then_some(()))
        .await;
    let (status, page) = post_form(&h.http, &ret, &response).await;
    assert_eq!(status, 200);
    assert!(page.contains("Thank you"), "the customer sees the outcome of the verification already running: {page}");
    let paid = h.counter.sale(&sale.id).unwrap();
    assert_eq!(paid.state, SaleState::Paid);
    let confirmations = paid.timeline.unwrap().iter().filter(|e| e.note.starts_with("The store confirmed")).count();
    assert_eq!(confirmations, 1, "verified once, recorded once");
}
