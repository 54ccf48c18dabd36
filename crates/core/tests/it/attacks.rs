//! Attacks on a live counter, each performed as an attacker would over loopback against the
//! demo store, with what must come of it. (The tunnel and environment attacks are in the
//! testbed's tunnel tests; the window's in the end-to-end tests.)

use std::time::Duration;

use counterpay_core::config::Settings;
use counterpay_core::db::audit::AuditFilter;
use counterpay_core::db::claims::ClaimStatus;
use counterpay_core::db::staff::Role;
use counterpay_core::sale::{BasketLine, SaleState};
use counterpay_core::staff::StaffChange;
use counterpay_core::ErrorCode;
use serde_json::json;

use crate::support::*;

const TEE_M: i64 = 102; // Organic Cotton T-Shirt, M: 25.00 USD
const PINS: i64 = 140; // Enamel Pin Set: 12.00 USD

fn basket() -> Vec<BasketLine> {
    vec![BasketLine::new(TEE_M, 2), BasketLine::new(PINS, 1)]
}

fn number_of(response: &str) -> String {
    serde_json::from_str::<serde_json::Value>(response).unwrap()["number"].as_str().unwrap().to_string()
}

/// Store reads of order `number` the sandbox received.
fn reads_of(h: &Harness, number: &str) -> usize {
    h.sandbox.requests().iter().filter(|r| r.method == "GET" && r.path.ends_with(&format!("/orders/{number}/"))).count()
}

fn refusals_in_audit(h: &Harness, sale: &str) -> usize {
    let filter = AuditFilter { action: Some("sale.claim_refused".into()), ..Default::default() };
    h.counter.audit_log(&filter, 500, 0).unwrap().into_iter().filter(|a| a.subject.as_deref() == Some(sale)).count()
}

fn member(name: &str, role: Role, pin: &str) -> StaffChange {
    StaffChange { name: name.into(), role, pin: Some(pin.into()), active: true }
}

/// 1. A paid order without our marks (another shopper's web order with the same items)
/// never pays a sale: it goes to a manager's review. An order of ours whose amounts differ
/// from the basket's goes to review with both figures. A manager decides.
#[tokio::test]
async fn an_order_without_our_marks_or_with_other_amounts_never_pays_a_sale() {
    let h = harness().await;
    // Someone's web order: the same items, paid, but not made by this counter for this sale.
    let web = h.counter.charge(&basket()).await.unwrap();
    let (_, web_response) = h.sandbox.pay(web.payment_complete_url.as_deref().unwrap()).unwrap();
    let web_number = number_of(&web_response);
    h.sandbox.edit_order(&web_number, |o| {
        o["metadata"] = json!({});
        o["tags"] = json!([]);
    });
    h.counter.cancel(&web.id).unwrap();

    let sale = h.counter.charge(&basket()).await.unwrap();
    let (_, page) = post_form(&h.http, &return_url(&h, &sale.id), &json!({ "number": web_number }).to_string()).await;
    assert!(!page.contains("Thank you"), "the customer is not shown a receipt: {page}");
    let held = h.counter.sale(&sale.id).unwrap();
    assert_eq!(held.state, SaleState::Review, "an unmarked order is held for review, never paid");
    assert!(held.order_number.is_none(), "and not attached to the sale");
    assert!(held.reason.as_deref().unwrap().contains("no mark"), "{:?}", held.reason);
    assert!(h.counter.upsell_offers(&sale.id).is_err(), "no upsell on an unproven payment");

    // The customer's own payment still pays the sale.
    browser(sale.payment_complete_url.as_deref().unwrap(), true).await;
    let paid = wait_for_state_fast(&h.counter, &sale.id, "paid", Duration::from_secs(20)).await;
    assert_ne!(paid.order_number.as_deref(), Some(web_number.as_str()), "paid by its own order");

    // An order made for the sale whose lines the store priced at 0.01.
    let cheap = h.counter.charge(&basket()).await.unwrap();
    let (ret, response) = h.sandbox.pay(cheap.payment_complete_url.as_deref().unwrap()).unwrap();
    let number = number_of(&response);
    h.sandbox.edit_order(&number, |o| {
        for l in o["lines"].as_array_mut().unwrap() {
            l["price_incl_tax"] = json!("0.01");
            l["price_excl_tax"] = json!("0.01");
        }
        o["total_incl_tax"] = json!("0.02");
    });
    post_form(&h.http, &ret, &response).await;
    let held = h.counter.sale(&cheap.id).unwrap();
    assert_eq!(held.state, SaleState::Review, "other amounts are held for review");
    let why = held.reason.unwrap();
    assert!(why.contains("0.02") && why.contains("62.00"), "both figures are shown: {why}");

    // A cashier cannot decide; a manager can, after the store is asked again.
    h.counter.add_staff(member("Ada", Role::Manager, "246810")).unwrap();
    h.counter.add_staff(member("Bo", Role::Cashier, "2222")).unwrap();
    h.counter.sign_in("2222").await.unwrap();
    assert_eq!(h.counter.accept_review(&cheap.id).await.unwrap_err().code(), ErrorCode::Forbidden);
    h.counter.sign_in("246810").await.unwrap();
    let accepted = h.counter.accept_review(&cheap.id).await.unwrap();
    assert_eq!(accepted.state, SaleState::Paid);
    assert_eq!(accepted.order_number.as_deref(), Some(number.as_str()));
    assert!(accepted.timeline.unwrap().iter().any(|e| e.note.contains("Ada accepted order")), "who decided is on the timeline");

    // Dismissed: rejected, and the number is never read for it again.
    let other = h.counter.charge(&basket()).await.unwrap();
    post_form(&h.http, &return_url(&h, &other.id), &json!({ "number": web_number }).to_string()).await;
    assert_eq!(h.counter.sale(&other.id).unwrap().state, SaleState::Review);
    assert_eq!(h.counter.dismiss_review(&other.id).unwrap().state, SaleState::Rejected);
    let reads = reads_of(&h, &web_number);
    post_form(&h.http, &return_url(&h, &other.id), &json!({ "number": web_number }).to_string()).await;
    assert_eq!(reads_of(&h, &web_number), reads, "a dismissed order is not read again");
}

/// 2. Posting the store's next order number before the customer pays blocks nothing: the
/// real payment of that very number is recorded by the customer's return, and by
/// reconciliation when the return never comes.
#[tokio::test]
async fn a_pre_claimed_order_number_cannot_block_the_real_payment() {
    let h = harness().await;
    let first = paid_sale(&h, &basket()).await;
    let next: u64 = first.order_number.unwrap().parse::<u64>().unwrap() + 1;

    let sale = h.counter.charge(&basket()).await.unwrap();
    let ret = return_url(&h, &sale.id);
    post_form(&h.http, &ret, &json!({ "number": next.to_string() }).to_string()).await;
    let after = h.counter.sale(&sale.id).unwrap();
    assert_eq!(after.state, SaleState::AwaitingPayment, "the sale still waits for the customer");
    assert_eq!(after.claims[0].status, ClaimStatus::Recheck, "'not found yet' is not remembered as a refusal");

    // The customer pays: the store creates order `next`, the phone posts it.
    browser(sale.payment_complete_url.as_deref().unwrap(), true).await;
    let paid = wait_for_state_fast(&h.counter, &sale.id, "paid", Duration::from_secs(20)).await;
    assert_eq!(paid.order_number, Some(next.to_string()), "the pre-claimed number pays the sale once the store holds it paid");

    // Again, but the phone never comes back: reconciliation records it.
    let second = h.counter.charge(&basket()).await.unwrap();
    let after_next = (next + 1).to_string();
    post_form(&h.http, &return_url(&h, &second.id), &json!({ "number": after_next }).to_string()).await;
    h.sandbox.pay(second.payment_complete_url.as_deref().unwrap()).unwrap();
    assert_eq!(h.counter.reconcile().await.unwrap(), 1, "reconciliation finds the payment");
    assert_eq!(h.counter.sale(&second.id).unwrap().order_number, Some(after_next));
}

/// 4. A forged number on a live sale's link is a note; the customer's real decline after
/// it shows as a failed payment, ready to try again.
#[tokio::test]
async fn a_false_claim_changes_nothing_staff_see() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let ret = return_url(&h, &sale.id);
    let mut events = h.counter.subscribe();
    post_form(&h.http, &ret, &json!({ "number": "424242" }).to_string()).await;
    let now = h.counter.sale(&sale.id).unwrap();
    assert_eq!(now.state, SaleState::AwaitingPayment);
    assert!(now.qr_image.is_some(), "the QR code stays on screen");
    while let Ok(e) = events.try_recv() {
        if let counterpay_core::events::Event::SaleUpdated { sale: s } = e {
            assert_eq!(s.state, SaleState::AwaitingPayment, "no event ever showed another state");
        }
    }
    let (_, page) = post_form(&h.http, &ret, "{}").await;
    assert!(page.contains("Payment not completed"), "the customer's decline shows as such: {page}");
    assert_eq!(h.counter.sale(&sale.id).unwrap().state, SaleState::Failed, "Payment failed — try again");
}

/// 3. A cashier cannot sell or upsell below the catalog price beyond the allowed discount
/// without a manager's PIN; every price set is in the audit log.
#[tokio::test]
async fn a_cashiers_prices_need_a_manager_below_the_allowed_discount() {
    let h = harness().await;
    h.counter.add_staff(member("Ada", Role::Manager, "246810")).unwrap();
    h.counter.add_staff(member("Bo", Role::Cashier, "2222")).unwrap();
    h.counter.sign_in("2222").await.unwrap();
    let free = vec![BasketLine { price: Some("0.00".parse().unwrap()), ..BasketLine::new(PINS, 1) }];
    let posts_before = h.sandbox.requests().iter().filter(|r| r.method == "POST").count();

    let e = h.counter.charge(&free).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::ApprovalRequired, "{e}");
    assert!(e.to_string().contains("Enamel Pin Set at 0.00 instead of 12.00"), "says what needs approval: {e}");
    let e = h.counter.charge_with(&free, &approval("2222")).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden, "a cashier's own PIN approves nothing: {e}");
    assert_eq!(h.sandbox.requests().iter().filter(|r| r.method == "POST").count(), posts_before, "nothing reached the store");
    assert_eq!(counterpay_core::db::sales::count(h.counter.db()).unwrap(), 0, "nothing was stored");

    let approved = h.counter.charge_with(&free, &approval("246810")).await.unwrap();
    assert!(approved.total.is_zero(), "sold for nothing, as the manager approved");
    let audit = h.counter.db();
    let entries =
        counterpay_core::db::audit::list(audit, &AuditFilter { action: Some("price.".into()), ..Default::default() }, 10, 0).unwrap();
    assert!(
        entries
            .iter()
            .any(|a| a.action == "price.approved" && a.staff == "Bo" && a.after.as_deref().unwrap_or("").contains("approved by Ada")),
        "{entries:?}"
    );

    // Within the allowed discount, no manager is needed, and it is still recorded.
    h.counter.sign_in("246810").await.unwrap();
    h.counter.save_settings(Settings { max_cashier_discount_percent: 10, ..h.counter.settings() }, None).await.unwrap();
    h.counter.sign_in("2222").await.unwrap();
    let ten_off = vec![BasketLine { price: Some("10.80".parse().unwrap()), ..BasketLine::new(PINS, 1) }];
    h.counter.charge(&ten_off).await.unwrap();
    let eleven_off = vec![BasketLine { price: Some("10.68".parse().unwrap()), ..BasketLine::new(PINS, 1) }];
    assert_eq!(h.counter.charge(&eleven_off).await.unwrap_err().code(), ErrorCode::ApprovalRequired);
    let entries =
        counterpay_core::db::audit::list(audit, &AuditFilter { action: Some("price.override".into()), ..Default::default() }, 10, 0)
            .unwrap();
    assert!(
        entries.iter().any(|a| a.before.as_deref() == Some("12.00") && a.after.as_deref().unwrap_or("").contains("10.80")),
        "{entries:?}"
    );

    // Upsells have the same bounds.
    let sale = paid_sale(&h, &basket()).await;
    let e = h.counter.add_upsell(&sale.id, 181, 1, Some("0.00".parse().unwrap())).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::ApprovalRequired, "{e}");
    let up = h.counter.add_upsell_with(&sale.id, 181, 1, Some("0.00".parse().unwrap()), Some("246810")).await.unwrap();
    assert_eq!(up.unit_price.to_string(), "0.00");
}

/// 6. What an old link can cost: a few different numbers per sale, no browser claims long
/// after the sale ended, and the audit log records repeated junk once, counted.
#[tokio::test]
async fn an_old_link_costs_a_bounded_number_of_store_calls() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let ret = return_url(&h, &sale.id);
    h.counter.cancel(&sale.id).unwrap();
    for i in 0..20 {
        post_form(&h.http, &ret, &json!({ "number": format!("5{i:04}") }).to_string()).await;
    }
    let reads: usize = (0..20).map(|i| reads_of(&h, &format!("5{i:04}"))).sum();
    assert!(reads <= counterpay_core::claims::MAX_BROWSER_NUMBERS as usize, "20 numbers cost {reads} store reads");
    assert!(refusals_in_audit(&h, &sale.id) <= 3, "one audit entry per number, not per post");

    // The same junk number, 19 times more at once: counted, recorded at 1 and 10.
    let mut posts = tokio::task::JoinSet::new();
    for _ in 0..19 {
        let (http, ret) = (h.http.clone(), ret.clone());
        posts.spawn(async move { post_form(&http, &ret, r#"{"number": "50000"}"#).await });
    }
    posts.join_all().await;
    let claim = h.counter.sale(&sale.id).unwrap().claims.into_iter().find(|c| c.number == "50000").unwrap();
    assert_eq!(claim.posts, 20, "every post counted");
    assert!(refusals_in_audit(&h, &sale.id) <= 4, "repeats are counted, not written out each time");
    assert!(reads_of(&h, "50000") <= 3, "re-checks of one number are spaced out: {}", reads_of(&h, "50000"));

    // Hours after a sale ended, its link takes no browser claims at all.
    let ended = h.counter.charge(&basket()).await.unwrap();
    let ended_ret = return_url(&h, &ended.id);
    h.counter.cancel(&ended.id).unwrap();
    sql(&h.counter, &format!("UPDATE sales SET updated_at = updated_at - 7 * 3600 * 1000 WHERE id = '{}'", ended.id)).unwrap();
    let (_, page) = post_form(&h.http, &ended_ret, &json!({ "number": "60001" }).to_string()).await;
    assert!(page.contains("see the staff"), "{page}");
    assert_eq!(reads_of(&h, "60001"), 0, "no store call for a long-ended link");
    // The late payment itself is still found by reconciliation.
    h.sandbox.pay(ended.payment_complete_url.as_deref().unwrap()).unwrap();
    h.counter.reconcile().await.unwrap();
    assert_eq!(h.counter.sale(&ended.id).unwrap().state, SaleState::Paid, "the customer's money is never dropped");
}

/// 5. The per-client rate limit keys on what the tunnel wrote, not on what the client wrote.
#[tokio::test]
async fn rotating_a_forwarded_header_does_not_escape_the_rate_limit() {
    let h = harness().await;
    let url = format!("http://{}/healthz", h.endpoint);
    let mut limited = 0;
    for i in 0..300 {
        // The client writes the first entry; the tunnel appends the real address last.
        let header = format!("10.{}.{}.1, 203.0.113.9", i / 250, i % 250);
        let status = h.http.get(&url).header("x-forwarded-for", header).send().await.unwrap().status();
        if status == 429 {
            limited += 1;
        }
    }
    assert!(limited > 0, "300 requests from one real client must hit the per-client limit");
    // Different real clients (the tunnel's last entry) are limited apart.
    let mut limited_apart = 0;
    for i in 0..120 {
        let header = format!("198.51.100.7, 192.0.2.{}", i + 1);
        if h.http.get(&url).header("x-forwarded-for", header).send().await.unwrap().status() == 429 {
            limited_apart += 1;
        }
    }
    assert_eq!(limited_apart, 0, "one request each from 120 clients is not limited");
}

/// 7. A body that trickles in is cut off; the store's webhook is answered before its order
/// is read, so a slow or failing store never makes the delivery fail.
#[tokio::test]
async fn slow_bodies_are_cut_off_and_webhooks_are_answered_before_the_store_is_asked() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let path = url::Url::parse(&return_url(&h, &sale.id)).unwrap().path().to_string();
    let mut stream = tokio::net::TcpStream::connect(h.endpoint).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nhost: {}\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 1000\r\n\r\nresponse=",
        h.endpoint
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(counterpay_core::return_endpoint::BODY_TIMEOUT * 3, stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the connection is closed, not held");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "a body that never arrives is refused: {text}");

    // A signed delivery while the store cannot be read: answered 200 at once, settled later.
    h.counter.ensure_webhook().await.unwrap();
    for _ in 0..8 {
        h.sandbox.faults().push("GET /orders/", counterpay_sandbox::Fault::Status(503));
    }
    h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
    let delivery = eventually(Duration::from_secs(10), "the store's delivery", || h.sandbox.deliveries().first().cloned()).await;
    assert_eq!(delivery.status, Some(200), "the store gets its answer without waiting for its own API");
    wait_for_state_fast(&h.counter, &sale.id, "paid", Duration::from_secs(40)).await;
}

/// 9. Wrong PINs count against the counter, whoever signs in between; managers' PINs are
/// long; a burst is shown to the next manager.
#[tokio::test]
async fn a_cashier_cannot_find_a_managers_pin_by_alternating_with_their_own() {
    let h = harness().await;
    assert!(h.counter.add_staff(member("Ada", Role::Manager, "0037")).unwrap_err().to_string().contains("6 to 8 digits"));
    h.counter.add_staff(member("Ada", Role::Manager, "003712")).unwrap();
    h.counter.add_staff(member("Bo", Role::Cashier, "2222")).unwrap();
    let mut throttled = false;
    'guessing: for round in 0..10 {
        for guess in 0..4 {
            let pin = format!("{:06}", round * 4 + guess);
            if let Err(e) = h.counter.sign_in(&pin).await {
                if e.to_string().contains("try again in") || e.to_string().contains("Too many") {
                    throttled = true;
                    break 'guessing;
                }
            }
        }
        // The cashier's own PIN in between.
        let _ = h.counter.sign_in("2222").await;
    }
    assert!(throttled, "alternating with a right PIN must not reset the count");
    assert!(h.counter.sign_in("2222").await.is_err(), "the wait holds for everyone");
    sql(&h.counter, "UPDATE settings SET value = json_set(value, '$.until', 1) WHERE key = 'pin_throttle'").unwrap();
    h.counter.sign_in("003712").await.unwrap();
    let burst = h.counter.sign_in_state().unwrap().wrong_pins.expect("the manager sees the burst");
    assert!(burst.count >= 5, "{burst:?}");
    let audit = h.counter.audit_log(&AuditFilter { action: Some("staff.pin_burst".into()), ..Default::default() }, 10, 0).unwrap();
    assert_eq!(audit.len(), 1, "the burst is in the audit log once");
    h.counter.sign_in("2222").await.unwrap_or_else(|e| panic!("{e}"));
    assert!(h.counter.sign_in_state().unwrap().wrong_pins.is_none(), "a cashier is not shown it");
}

/// 10. Every read and write of a sale goes through one guarded path: a cashier cannot reach
/// another day's sale by any door, and nothing answers while the counter is locked.
#[tokio::test]
async fn role_checks_have_no_gaps() {
    let h = harness().await;
    let old_paid = paid_sale(&h, &basket()).await;
    let old_open = h.counter.charge(&basket()).await.unwrap();
    h.counter.add_staff(member("Ada", Role::Manager, "246810")).unwrap();
    h.counter.add_staff(member("Bo", Role::Cashier, "2222")).unwrap();
    sql(&h.counter, "UPDATE sales SET created_at = created_at - 3 * 86400000").unwrap();
    h.counter.sign_in("2222").await.unwrap();
    let forbidden = |what: &str, e: counterpay_core::Error| assert_eq!(e.code(), ErrorCode::Forbidden, "{what}: {e}");
    forbidden("detail", h.counter.sale_detail(&old_paid.id).unwrap_err());
    forbidden("refresh", h.counter.refresh_order(&old_paid.id).await.unwrap_err());
    forbidden("payment page", h.counter.payment_page_url(&old_open.id).unwrap_err());
    forbidden("upsell offers", h.counter.upsell_offers(&old_paid.id).unwrap_err());
    forbidden("upsell", h.counter.add_upsell(&old_paid.id, 181, 1, None).await.unwrap_err());
    forbidden("cancel", h.counter.cancel(&old_open.id).unwrap_err());
    forbidden("retry", h.counter.retry(&old_open.id).await.unwrap_err());
    forbidden("refund", h.counter.refund_quote(&old_paid.id, None).await.unwrap_err());
    forbidden("review", h.counter.dismiss_review(&old_open.id).unwrap_err());
    // A manager reaches them.
    h.counter.sign_in("246810").await.unwrap();
    assert!(h.counter.sale_detail(&old_paid.id).is_ok());
    assert!(h.counter.payment_page_url(&old_open.id).is_ok());
    // Locked: nothing answers.
    h.counter.sign_out().unwrap();
    assert_eq!(h.counter.settings_view().unwrap_err().code(), ErrorCode::Locked);
    assert_eq!(h.counter.diagnostics("test", None).unwrap_err().code(), ErrorCode::Locked);
    assert_eq!(h.counter.sale_detail(&old_paid.id).unwrap_err().code(), ErrorCode::Locked);
}

/// 13. At rest: no return token in the database, files for this user alone.
#[tokio::test]
async fn nothing_at_rest_opens_a_payment_link_and_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    let url = return_url(&h, &sale.id);
    let token = url.rsplit('/').next().unwrap().to_string();
    h.counter.db().backup_if_due(Duration::ZERO).unwrap();
    let raw = std::fs::read(h.counter.database_path()).unwrap();
    let wal = std::fs::read(format!("{}-wal", h.counter.database_path().display())).unwrap_or_default();
    let has = |bytes: &[u8]| bytes.windows(token.len()).any(|w| w == token.as_bytes());
    assert!(!has(&raw) && !has(&wal), "the return token is never stored, only its hash");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(h.dir.path()), 0o700, "the data folder is this user's alone");
    assert_eq!(mode(h.counter.database_path()), 0o600, "and the database");
    let backups = counterpay_core::db::backup::list(&counterpay_core::db::backup::dir_for(h.counter.database_path())).unwrap();
    assert!(!backups.is_empty());
    for b in backups {
        assert_eq!(mode(&b), 0o600, "and every backup: {}", b.display());
    }
    // A retry gets a new token; the earlier link still lands on the sale.
    let draft = h.counter.charge(&basket()).await.unwrap();
    let first = return_url(&h, &draft.id);
    sql(&h.counter, &format!("UPDATE sales SET state = 'draft' WHERE id = '{}'", draft.id)).unwrap();
    h.counter.retry(&draft.id).await.unwrap();
    let second = return_url(&h, &draft.id);
    assert_ne!(first, second, "a retry has its own token");
    let (ret, response) = h.sandbox.pay(draft.payment_complete_url.as_deref().unwrap()).unwrap();
    assert_eq!(ret, first, "the customer on the first link returns there");
    post_form(&h.http, &ret, &response).await;
    assert_eq!(h.counter.sale(&draft.id).unwrap().state, SaleState::Paid, "and the payment is recorded");
}

fn approval(pin: &str) -> counterpay_core::sale::ChargeOptions {
    counterpay_core::sale::ChargeOptions { approval: Some(pin.into()), ..Default::default() }
}
