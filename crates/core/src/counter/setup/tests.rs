//! The guide's test sale, against a sandbox store: paid, it is cancelled and paid back.

use super::*;
use crate::counter::{DemoStore, Options};
use counterpay_sandbox::Sandbox;

const TOKEN: &str = "setup-test-token-0123";

async fn counter_on(sandbox: &Sandbox, dir: &std::path::Path) -> Counter {
    let demo = DemoStore { api_url: sandbox.api_url(), token: ApiToken::new(TOKEN).unwrap(), rate_limit: 50 };
    let counter = Counter::open(Options::new(dir, Some(demo))).unwrap();
    let (_, _server) = crate::return_endpoint::serve(counter.clone(), ([127, 0, 0, 1], 0).into(), std::future::pending()).await.unwrap();
    counter.sync_catalog().await.unwrap();
    counter
}

#[tokio::test]
async fn a_paid_test_sale_is_cancelled_and_paid_back_never_captured_nor_fulfilled() {
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let counter = counter_on(&sandbox, dir.path()).await;
    let currency = counter.currency().await.unwrap();
    let cheapest = crate::db::catalog::cheapest(counter.db(), &currency, 3).unwrap();
    assert_eq!(cheapest.len(), 3);
    assert!(cheapest.windows(2).all(|w| w[0].prices[&currency] <= w[1].prices[&currency]), "cheapest first");

    let line = BasketLine { price: Some(Decimal::new(100, 2)), ..BasketLine::new(cheapest[0].id, 1) };
    let sale = counter.charge_as(&[line], &ChargeOptions::default(), true).await.unwrap();
    assert!(counter.is_test_sale(&sale.id));
    assert_eq!(sale.total, Decimal::new(100, 2), "the amount the shop picked");
    counterpay_sandbox::customer::checkout(sale.payment_complete_url.as_deref().unwrap(), true).await.unwrap();

    let number = counterpay_sandbox::wait::eventually(std::time::Duration::from_secs(20), "the test sale cancelled", || {
        let s = counter.sale(&sale.id).ok()?;
        let closing = counter.closing_of(&sale.id).ok()??;
        (closing.state == "closed").then_some(s.order_number?)
    })
    .await;
    let note = counter.closing_of(&sale.id).unwrap().unwrap().note.unwrap();
    assert!(note.contains("cancelled") && note.contains("in full"), "{note}");
    let order = sandbox.order(&number).unwrap();
    assert_eq!(order["status"], "canceled", "the store cancelled the test order: {order}");
    let asked: Vec<String> = sandbox.requests().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    assert!(asked.iter().any(|r| r.ends_with(&format!("/orders/{number}/cancel/"))), "{asked:?}");
    assert!(!asked.iter().any(|r| r.contains("/capture/") || r.ends_with("/fulfillments/") || r.contains("/move/")), "{asked:?}");
    let refunds = refunds::for_sale(counter.db(), &sale.id).unwrap();
    assert_eq!(refunds.len(), 1);
    assert_eq!((refunds[0].state, refunds[0].amount), (RefundState::Done, Decimal::new(100, 2)));

    // Closing it again (reconciliation, a restart) sends nothing more.
    let before = sandbox.requests().iter().filter(|r| r.method == "POST").count();
    counter.close_at_store(&sale.id).await.unwrap();
    assert_eq!(sandbox.requests().iter().filter(|r| r.method == "POST").count(), before, "cancelled once");
}

#[tokio::test]
async fn an_ordinary_sale_is_not_a_test_sale_and_the_guide_waits_for_a_real_store() {
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let counter = counter_on(&sandbox, dir.path()).await;
    let variant = crate::db::catalog::search(counter.db(), "", 1).unwrap()[0].id;
    let sale = counter.charge(&[BasketLine::new(variant, 1)]).await.unwrap();
    assert!(!counter.is_test_sale(&sale.id));
    let view = counter.setup_view().await.unwrap();
    assert_eq!(view.next, SetupStep::Store, "the demo store is not a connected store");
    assert!(!view.active && view.shop.is_none() && view.choices.is_empty());
    let e = counter.setup_test_sale(variant, Decimal::ONE).await.unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::InvalidInput, "{e}");
    let e = counter.setup_finish(true).await.unwrap_err();
    assert!(e.to_string().contains("steps"), "{e}");
}
