//! The Admin API client against the sandbox, and the sandbox against the contract.

use std::time::Duration;

use counterpay_core::admin_api::models::OrderNumber;
use counterpay_core::admin_api::{base_url_for, ApiError, Client};
use counterpay_core::sale::BasketLine;
use counterpay_core::secret::ApiToken;
use counterpay_sandbox::{Fault, Sandbox};

use crate::support::*;

#[tokio::test]
async fn sandbox_answers_match_the_contract() {
    let h = harness().await;
    let sale = h.counter.charge(&[BasketLine::new(102, 1)]).await.unwrap();
    browser(sale.payment_complete_url.as_deref().unwrap(), true).await;
    let number = h.counter.sale(&sale.id).unwrap().order_number.unwrap();

    let order = raw_get(&h.sandbox, &format!("orders/{number}/")).await;
    assert_matches_schema("Order", &order);
    let page = raw_get(&h.sandbox, "products/").await;
    assert_matches_schema("PaginatedProductListList", &page);
    assert!(page["next"].is_string(), "the demo catalog spans several pages");
    let stores = raw_get(&h.sandbox, "store/").await;
    let stores = stores.as_array().expect("storeDetail answers an array");
    assert_matches_schema("Store", &stores[0]);
    let orders = raw_get(&h.sandbox, "orders/?tags=counterpay").await;
    assert_matches_schema("PaginatedOrderListList", &orders);
    assert_eq!(orders["results"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn tagged_orders_page_through_every_order_once() {
    let h = harness().await;
    for _ in 0..25 {
        let sale = h.counter.charge(&[BasketLine::new(102, 1)]).await.unwrap();
        h.sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).expect("the checkout exists");
    }
    let client = Client::new(base_url_for(&h.sandbox.api_url()).unwrap(), ApiToken::new(TOKEN).unwrap(), Duration::from_secs(5)).unwrap();
    let first = client.orders().list_tagged("counterpay", None).await.unwrap();
    let next = first.next.clone().expect("25 orders are more than a page of 20");
    assert!(next.contains("tags=counterpay"), "the next link keeps the filter: {next}");
    let second = client.orders().list_tagged("counterpay", Some(&next)).await.unwrap();
    assert!(second.next.is_none());
    let mut numbers: Vec<String> = first.results.iter().chain(&second.results).map(|o| o.number.0.clone()).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 25, "every order once, newest first across pages");
}

#[tokio::test]
async fn the_client_reports_the_stores_words() {
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), TOKEN).await.unwrap();
    let base = base_url_for(&sandbox.api_url()).unwrap();
    let wrong = Client::new(base.clone(), ApiToken::new("wrong").unwrap(), Duration::from_secs(5)).unwrap();
    match wrong.store().await {
        Err(ApiError::Status { status: 401, message, .. }) => assert_eq!(message, "Invalid token."),
        other => panic!("a wrong token must be a 401 with the store's words, got {other:?}"),
    }
    let client = Client::new(base, ApiToken::new(TOKEN).unwrap(), Duration::from_secs(5)).unwrap();
    let missing = client.orders().retrieve(&OrderNumber("424242".into())).await.unwrap_err();
    assert!(missing.is_not_found() && !missing.is_transient(), "{missing}");
    let info = client.store().await.unwrap();
    assert_eq!((info.name.as_str(), info.currencies[0].as_str()), ("Counterpay Demo Shop", "USD"));
}

#[tokio::test]
async fn reads_retry_transient_failures_and_give_up_clearly() {
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), TOKEN).await.unwrap();
    let client = Client::new(base_url_for(&sandbox.api_url()).unwrap(), ApiToken::new(TOKEN).unwrap(), Duration::from_secs(5)).unwrap();
    sandbox.faults().push("GET /store/", Fault::Status(502));
    sandbox.faults().push("GET /store/", Fault::RateLimited { retry_after: 1 });
    assert!(client.store().await.is_ok(), "a 502 then a 429 are retried for a GET");
    assert_eq!(sandbox.requests().len(), 3);
    for _ in 0..4 {
        sandbox.faults().push("GET /store/", Fault::Status(503));
    }
    let err = client.store().await.unwrap_err();
    assert!(err.is_transient() && err.to_string().contains("503"), "{err}");
}

#[tokio::test]
async fn an_unreachable_store_is_named_as_such() {
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap(); // bound then freed
    let client =
        Client::new(base_url_for(&format!("http://{dead}/api/admin/")).unwrap(), ApiToken::new(TOKEN).unwrap(), Duration::from_secs(2))
            .unwrap();
    let err = client.store().await.unwrap_err();
    assert!(matches!(err, ApiError::Unreachable(_)), "{err:?}");
}
