//! The sale's state machine, end to end over loopback HTTP.

use std::time::Duration;

use counterpay_core::config::EnvOverrides;
use counterpay_core::db::sales;
use counterpay_core::sale::{BasketLine, SaleState};
use counterpay_sandbox::Fault;
use serde_json::json;

use crate::support::*;

const TEE_M: i64 = 102; // Organic Cotton T-Shirt, M: 25.00 USD
const PINS: i64 = 140; // Enamel Pin Set: 12.00 USD

fn basket() -> Vec<BasketLine> {
    vec![BasketLine::new(TEE_M, 2), BasketLine::new(PINS, 1)]
}

#[tokio::test]
async fn a_paid_sale_from_charge_to_history() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    assert_eq!(sale.state, SaleState::AwaitingPayment, "charge must end with a QR code on screen: {:?}", sale.reason);
    assert_eq!(sale.total.to_string(), "62.00", "2 × 25.00 + 12.00");
    assert_eq!(sale.currency, "USD");
    let url = sale.payment_complete_url.clone().expect("a payment link");
    let qr = sale.qr_image.as_deref().expect("a QR code while it can be paid");
    assert_eq!(qr_reads(qr), url, "the QR code on screen opens the payment link");
    assert!(sale.expires_at.is_some_and(|t| t > sale.created_at), "a countdown needs an expiry");

    // The create request: headers, contract shape, Klarna details, tags and metadata.
    let create =
        h.sandbox.requests().into_iter().find(|r| r.method == "POST" && r.path == "/api/admin/orders/").expect("POST /orders/ was sent");
    assert_eq!(create.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(create.header("x-29next-api-version"), Some("2024-04-01"));
    let body = create.body.expect("a JSON body");
    assert_matches_schema("CreateOrder", &body);
    assert_eq!(body["payment_method"], "klarna");
    assert_eq!(
        body["lines"],
        json!([{ "product_id": TEE_M, "quantity": 2 }, { "product_id": PINS, "quantity": 1 }]),
        "lines are variant ids"
    );
    let return_url = body["payment_details"]["payment_return_url"].as_str().unwrap();
    assert!(return_url.starts_with(&format!("http://{}/klarna/return/", h.endpoint)), "{return_url}");
    assert_eq!(body["metadata"]["counterpay_sale"], sale.id.as_str());
    assert!(body["tags"].as_array().unwrap().iter().any(|t| t == "counterpay"));

    // The customer pays on the hosted page; their browser posts the order back.
    let (status, page) = browser(&url, true).await;
    assert_eq!(status, 200);
    assert!(page.contains("Thank you"), "the customer sees a receipt: {page}");
    let paid = h.counter.sale(&sale.id).unwrap();
    assert_eq!(paid.state, SaleState::Paid);
    let number = paid.order_number.clone().expect("an order number");
    assert!(page.contains(&number), "the receipt names the order");
    assert_eq!(paid.store_total.map(|d| d.to_string()), Some("62.00".into()), "the store's total is recorded");
    assert_eq!(paid.customer.as_deref(), Some("Demo Customer"));
    let verified = h.sandbox.requests().iter().any(|r| r.method == "GET" && r.path == format!("/api/admin/orders/{number}/"));
    assert!(verified, "a posted order is only believed after GET /orders/{{number}}/");

    // History lists it, also after the app restarts on the same database.
    assert_eq!(h.counter.history(&Default::default(), 10, 0).unwrap()[0].id, sale.id);
    drop(h.counter);
    let reopened = open_counter(&h.sandbox, h.dir.path().to_path_buf(), EnvOverrides::default(), Duration::from_secs(5));
    let history = reopened.history(&Default::default(), 10, 0).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].state, history[0].order_number.as_deref()), (SaleState::Paid, Some(number.as_str())));
}

#[tokio::test]
async fn a_declined_payment_fails_and_creates_nothing() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let (status, page) = browser(sale.payment_complete_url.as_deref().unwrap(), false).await;
    assert_eq!(status, 200);
    assert!(page.contains("Payment not completed") && page.contains("Nothing was charged"), "{page}");
    let failed = h.counter.sale(&sale.id).unwrap();
    assert_eq!(failed.state, SaleState::Failed);
    assert!(h.sandbox.orders().is_empty(), "a declined payment must not create an order");
}

#[tokio::test]
async fn cancel_then_a_late_payment_is_recorded_and_flagged() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let cancelled = h.counter.cancel(&sale.id).unwrap();
    assert_eq!(cancelled.state, SaleState::Cancelled);
    assert!(h.counter.cancel(&sale.id).is_err(), "a cancelled sale cannot be cancelled again");

    // The customer had the page open and pays anyway: the money is not dropped.
    let (_, page) = browser(sale.payment_complete_url.as_deref().unwrap(), true).await;
    assert!(page.contains("Thank you"), "the customer paid and the store confirms it: {page}");
    let late = h.counter.sale(&sale.id).unwrap();
    assert_eq!(late.state, SaleState::Paid, "a payment after cancel is still recorded");
    assert!(late.after_cancel, "and flagged for staff");
    assert!(late.reason.unwrap().contains("after the sale had ended at the counter"));
}

#[tokio::test]
async fn an_unpaid_link_expires() {
    let env = EnvOverrides { session_timeout_secs: Some(1), ..Default::default() };
    let h = harness_with(Setup { env, ..Default::default() }).await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    assert_eq!(sale.state, SaleState::AwaitingPayment);
    let expired = wait_for_state(&h.counter, &sale.id, "expired", Duration::from_secs(10)).await;
    assert!(expired.reason.unwrap().contains("timed out"));
    assert!(h.counter.cancel(&sale.id).is_err(), "an expired sale is final for the counter");
}

#[tokio::test]
async fn a_store_error_leaves_a_draft_to_retry() {
    let h = harness().await;
    h.sandbox.faults().push("POST /orders/", Fault::Status(500));
    let sale = h.counter.charge(&basket()).await.unwrap();
    assert_eq!(sale.state, SaleState::Draft, "a failed create returns to draft");
    assert!(sale.reason.as_deref().unwrap().contains("500"), "staff see the store's answer: {:?}", sale.reason);
    let creates = || h.sandbox.requests().iter().filter(|r| r.method == "POST" && r.path == "/api/admin/orders/").count();
    assert_eq!(creates(), 1, "a POST that may have created something is never retried blindly");

    let retried = h.counter.retry(&sale.id).await.unwrap();
    assert_eq!(retried.state, SaleState::AwaitingPayment);
    assert_eq!(creates(), 2);
    assert!(h.counter.retry(&sale.id).await.is_err(), "only a draft can be retried");
}

#[tokio::test]
async fn a_rate_limited_create_waits_for_retry_after() {
    let h = harness().await;
    h.sandbox.faults().push("POST /orders/", Fault::RateLimited { retry_after: 1 });
    let sale = h.counter.charge(&basket()).await.unwrap();
    assert_eq!(sale.state, SaleState::AwaitingPayment, "a 429 means nothing was done, so it is retried");
    let posts = h.sandbox.requests().iter().filter(|r| r.method == "POST" && r.path == "/api/admin/orders/").count();
    assert_eq!(posts, 2, "one refused, one accepted");
}

#[tokio::test]
async fn a_create_that_times_out_is_a_draft_with_an_honest_reason() {
    let h = harness_with(Setup { api_timeout: Duration::from_millis(700), ..Default::default() }).await;
    h.sandbox.faults().push("POST /orders/", Fault::Hang);
    let sale = h.counter.charge(&basket()).await.unwrap();
    assert_eq!(sale.state, SaleState::Draft);
    assert!(sale.reason.unwrap().contains("may exist"), "an unknown outcome must not claim nothing happened");
}

#[tokio::test]
async fn bad_baskets_are_refused_before_anything_is_stored() {
    let h = harness().await;
    for (basket, why) in [
        (vec![], "empty"),
        (vec![BasketLine::new(999_999, 1)], "unknown variant"),
        (vec![BasketLine::new(TEE_M, 0)], "zero quantity"),
        (vec![BasketLine::new(TEE_M, 1000)], "over the quantity cap"),
    ] {
        let err = h.counter.charge(&basket).await.expect_err(why);
        assert_eq!(err.code(), counterpay_core::ErrorCode::InvalidInput, "{why}: {err}");
    }
    assert_eq!(sales::count(h.counter.db()).unwrap(), 0, "a refused basket stores nothing");
    assert!(h.sandbox.requests().iter().all(|r| r.method != "POST"), "and sends nothing");
}

/// The claim of `number` for sale `id`, as staff see it.
fn claim_of(h: &Harness, id: &str, number: &str) -> counterpay_core::claims::ClaimView {
    h.counter.sale(id).unwrap().claims.into_iter().find(|c| c.number == number).unwrap_or_else(|| panic!("no claim of {number}"))
}

fn number_of(response: &str) -> String {
    serde_json::from_str::<serde_json::Value>(response).unwrap()["number"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn forged_orders_are_never_marked_paid_and_never_move_the_sale() {
    use counterpay_core::db::claims::ClaimStatus;
    let h = harness().await;

    // 1. A well-formed order the store does not have: asked again later, never remembered.
    let a = h.counter.charge(&basket()).await.unwrap();
    let (status, page) =
        post_form(&h.http, &return_url(&h, &a.id), &json!({"number": "99999", "currency": "USD", "lines": []}).to_string()).await;
    assert_eq!(status, 200);
    assert!(!page.contains("Thank you"), "a forged order must never show a receipt");
    let after = h.counter.sale(&a.id).unwrap();
    assert_eq!(after.state, SaleState::AwaitingPayment, "a refused claim is a note, never a state: the customer may still pay");
    let c = claim_of(&h, &a.id, "99999");
    assert_eq!(c.status, ClaimStatus::Recheck, "not found yet is checked again, not remembered as refused");
    assert!(c.reason.unwrap().contains("no order 99999"));

    // 2. The number of another sale's real order: refused for good.
    let b = h.counter.charge(&basket()).await.unwrap();
    browser(b.payment_complete_url.as_deref().unwrap(), true).await;
    let b_number = h.counter.sale(&b.id).unwrap().order_number.unwrap();
    let c = h.counter.charge(&basket()).await.unwrap();
    let (_, page) = post_form(&h.http, &return_url(&h, &c.id), &json!({"number": b_number}).to_string()).await;
    assert!(!page.contains("Thank you"));
    assert_eq!(h.counter.sale(&c.id).unwrap().state, SaleState::AwaitingPayment, "another sale's order cannot pay this one");
    assert_eq!(claim_of(&h, &c.id, &b_number).status, ClaimStatus::Refused);

    // 3. A real order whose quantities the store changed (not this basket).
    let d = h.counter.charge(&basket()).await.unwrap();
    let (ret, response) = h.sandbox.pay(d.payment_complete_url.as_deref().unwrap()).unwrap();
    let number = number_of(&response);
    h.sandbox.edit_order(&number, |o| o["lines"][0]["quantity"] = json!(1));
    post_form(&h.http, &ret, &response).await;
    assert_eq!(h.counter.sale(&d.id).unwrap().state, SaleState::AwaitingPayment, "a changed basket is not this sale");
    assert_eq!(claim_of(&h, &d.id, &number).status, ClaimStatus::Refused);

    // 4. A real order whose variant the store changed.
    let v = h.counter.charge(&basket()).await.unwrap();
    let (ret, response) = h.sandbox.pay(v.payment_complete_url.as_deref().unwrap()).unwrap();
    let number = number_of(&response);
    h.sandbox.edit_order(&number, |o| o["lines"][0]["variant_id"] = json!(101));
    post_form(&h.http, &ret, &response).await;
    assert_eq!(h.counter.sale(&v.id).unwrap().state, SaleState::AwaitingPayment, "another variant is not this sale");
    assert_eq!(claim_of(&h, &v.id, &number).status, ClaimStatus::Refused);

    // 5. A real order in another currency (refused), and one the store says is not paid yet
    //    (asked again).
    for (edit, expected) in
        [(json!({"currency": "EUR"}), ClaimStatus::Refused), (json!({"payment_status": "pending"}), ClaimStatus::Recheck)]
    {
        let e = h.counter.charge(&basket()).await.unwrap();
        let (ret, response) = h.sandbox.pay(e.payment_complete_url.as_deref().unwrap()).unwrap();
        let number = number_of(&response);
        h.sandbox.edit_order(&number, |o| {
            for (k, v) in edit.as_object().unwrap() {
                o[k] = v.clone();
            }
        });
        post_form(&h.http, &ret, &response).await;
        assert_eq!(h.counter.sale(&e.id).unwrap().state, SaleState::AwaitingPayment, "{edit} must not pay the sale");
        assert_eq!(claim_of(&h, &e.id, &number).status, expected, "{edit}");
    }
}

#[tokio::test]
async fn a_forged_return_cannot_stop_the_real_payment_from_being_recorded() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let ret = return_url(&h, &sale.id);
    // Someone who saw the link posts a made-up order first.
    post_form(&h.http, &ret, &json!({"number": "99999"}).to_string()).await;
    assert_eq!(h.counter.sale(&sale.id).unwrap().state, SaleState::AwaitingPayment);
    let events_after_forgery = sales::events(h.counter.db(), &sale.id).unwrap().len();
    let (_, again) = post_form(&h.http, &ret, &json!({"number": "99999"}).to_string()).await;
    assert!(!again.contains("Thank you"));
    assert_eq!(
        sales::events(h.counter.db(), &sale.id).unwrap().len(),
        events_after_forgery,
        "a repeated forgery adds nothing to the timeline"
    );
    assert_eq!(claim_of(&h, &sale.id, "99999").posts, 2, "it is counted");

    // Then the customer really pays.
    let (_, page) = browser(sale.payment_complete_url.as_deref().unwrap(), true).await;
    assert!(page.contains("Thank you"), "the paying customer gets the receipt: {page}");
    let paid = h.counter.sale(&sale.id).unwrap();
    assert_eq!(paid.state, SaleState::Paid);
    assert!(!paid.after_cancel, "staff never saw the sale end: the forgery changed nothing they saw");
}

#[tokio::test]
async fn a_claimed_total_is_never_believed() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let (ret, response) = h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
    let mut tampered: serde_json::Value = serde_json::from_str(&response).unwrap();
    tampered["total_incl_tax"] = json!("0.01");
    tampered["currency"] = json!("EUR");
    tampered["lines"] = json!([]);
    let (_, page) = post_form(&h.http, &ret, &tampered.to_string()).await;
    assert!(page.contains("62.00") && !page.contains("0.01"), "the receipt shows the store's order, not the posted one: {page}");
    let paid = h.counter.sale(&sale.id).unwrap();
    assert_eq!(paid.state, SaleState::Paid, "the store holds this paid order for this basket");
    assert_eq!(paid.store_total.map(|d| d.to_string()), Some("62.00".into()), "totals come from the store, never from the post");
}

#[tokio::test]
async fn a_replayed_return_changes_nothing() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let (ret, response) = h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
    let (_, first) = post_form(&h.http, &ret, &response).await;
    let events_before = sales::events(h.counter.db(), &sale.id).unwrap().len();
    let (status, again) = post_form(&h.http, &ret, &response).await;
    assert_eq!(status, 200);
    assert_eq!(first, again, "a replay shows the same outcome page");
    let (_, declined) = post_form(&h.http, &ret, "{}").await;
    assert!(declined.contains("Thank you"), "a later decline cannot undo a verified payment");
    assert_eq!(sales::events(h.counter.db(), &sale.id).unwrap().len(), events_before, "a replay writes nothing");
    assert_eq!(h.counter.sale(&sale.id).unwrap().state, SaleState::Paid);
}

#[tokio::test]
async fn verification_waits_for_an_unreachable_store_then_settles() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let (ret, response) = h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
    // Every attempt of the first three verifications fails (the client tries 4 times each),
    // longer than the customer's page waits for an outcome.
    for _ in 0..12 {
        h.sandbox.faults().push("GET /orders/", Fault::Status(503));
    }
    let (status, page) = post_form(&h.http, &ret, &response).await;
    assert_eq!(status, 200);
    assert!(page.contains("confirming your payment"), "the customer is told it is being checked, never 'paid': {page}");
    let waiting = h.counter.sale(&sale.id).unwrap();
    assert_eq!(waiting.state, SaleState::AwaitingPayment, "nothing is paid until the store says so");
    let claim = &waiting.claims[0];
    assert_eq!(claim.status, counterpay_core::db::claims::ClaimStatus::Checking);
    assert!(claim.reason.as_deref().unwrap().contains("could not be reached"), "staff see why: {claim:?}");
    let paid = wait_for_state_fast(&h.counter, &sale.id, "paid", Duration::from_secs(40)).await;
    assert!(paid.order_number.is_some(), "the background retry settles the sale once the store answers");
}

#[tokio::test]
async fn a_restart_settles_open_sales() {
    let h = harness().await;
    // A crash right after the claim was stored, before verification ran.
    let verifying = h.counter.charge(&basket()).await.unwrap();
    let (_, response) = h.sandbox.pay(verifying.payment_complete_url.as_deref().unwrap()).unwrap();
    counterpay_core::db::claims::named(h.counter.db(), &verifying.id, &number_of(&response), "browser").unwrap();
    // A crash while the create call was in flight.
    let creating = h.counter.charge(&basket()).await.unwrap();
    // (No transition leads back there: the test writes the crash point into the file.)
    let raw = rusqlite::Connection::open(h.counter.db().path()).unwrap();
    assert_eq!(raw.execute("UPDATE sales SET state = 'creating' WHERE id = ?1", [&creating.id]).unwrap(), 1);
    drop(raw);

    let restarted = open_counter(&h.sandbox, h.dir.path().to_path_buf(), EnvOverrides::default(), Duration::from_secs(5));
    restarted.resume().unwrap();
    let paid = wait_for_state(&restarted, &verifying.id, "paid", Duration::from_secs(20)).await;
    assert!(paid.order_number.is_some(), "a claim stored before a crash is verified after it");
    let draft = restarted.sale(&creating.id).unwrap();
    assert_eq!(draft.state, SaleState::Draft, "an interrupted create returns to draft for staff to retry");
    assert!(draft.reason.unwrap().contains("stopped"));
}

#[tokio::test]
async fn history_is_searched_and_filtered() {
    use counterpay_core::db::sales::Filter;
    let h = harness().await;
    let paid = h.counter.charge(&[BasketLine::new(180 + 2, 1)]).await.unwrap(); // Stoneware Mug (Slate)
    browser(paid.payment_complete_url.as_deref().unwrap(), true).await;
    let number = h.counter.sale(&paid.id).unwrap().order_number.unwrap();
    let failed = h.counter.charge(&basket()).await.unwrap();
    browser(failed.payment_complete_url.as_deref().unwrap(), false).await;
    let late = h.counter.charge(&basket()).await.unwrap();
    h.counter.cancel(&late.id).unwrap();
    browser(late.payment_complete_url.as_deref().unwrap(), true).await;

    let ids = |f: Filter| h.counter.history(&f, 50, 0).unwrap().into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(ids(Filter::default()), vec![late.id.clone(), failed.id.clone(), paid.id.clone()], "newest first");
    let text = |t: &str| Filter { text: Some(t.into()), ..Default::default() };
    assert_eq!(ids(text("slate")), vec![paid.id.clone()], "by product title");
    assert_eq!(ids(text(&number)), vec![paid.id.clone()], "by order number");
    assert_eq!(ids(text("EPS-140")).len(), 2, "by SKU");
    assert_eq!(ids(text("demo customer")).len(), 2, "by customer");
    assert!(ids(text("%_")).is_empty(), "punctuation alone matches nothing");
    let states = |s: &[&str]| Filter { states: s.iter().map(|x| x.to_string()).collect(), ..Default::default() };
    assert_eq!(ids(states(&["failed"])), vec![failed.id.clone()]);
    assert_eq!(ids(states(&["paid_after_cancel"])), vec![late.id.clone()], "late payments on their own");
    assert_eq!(ids(states(&["paid"])).len(), 2, "paid includes late payments");
    let window = Filter { from_ms: Some(paid.created_at + 1), to_ms: Some(late.created_at), ..Default::default() };
    assert_eq!(ids(window), vec![failed.id.clone()], "a date range");
    assert_eq!(h.counter.history(&Filter::default(), 1, 1).unwrap()[0].id, failed.id, "pages");
}

/// What a phone's camera reads from the window's QR code (a PNG `data:` URL), the image
/// scaled up as the window shows it.
fn qr_reads(data_url: &str) -> String {
    use base64::Engine as _;
    let png =
        base64::engine::general_purpose::STANDARD.decode(data_url.strip_prefix("data:image/png;base64,").expect("a PNG data URL")).unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    let (side, row, scale) = (frame.width as usize, frame.line_size, 6);
    let dark = |x: usize, y: usize| buf[y * row + x / 8] & (0x80 >> (x % 8)) == 0;
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(side * scale, side * scale, |x, y| if dark(x / scale, y / scale) { 0 } else { 255 });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().unwrap().1
}
