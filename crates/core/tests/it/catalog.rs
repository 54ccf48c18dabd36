//! The catalog at the counter: paginated sync within the rate limit, resumable after an
//! interruption, full-text search, barcodes, price overrides and subscription lines.

use std::time::Duration;

use counterpay_core::admin_api::models::SubscriptionChoice;
use counterpay_core::db::catalog;
use counterpay_core::sale::{BasketLine, SaleState};
use counterpay_sandbox::{Catalog, Config, Fault};
use rust_decimal::Decimal;

use crate::support::*;

fn big_store(products: usize, page_size: usize) -> Setup {
    let sandbox = Config { catalog: Catalog::generated(products), page_size, rate_limit: Some(4), ..Config::new(TOKEN) };
    Setup { sandbox, sync: false, ..Default::default() }
}

fn product_pages(h: &Harness) -> usize {
    h.sandbox.requests().iter().filter(|r| r.path == "/api/admin/products/").count()
}

#[tokio::test]
async fn a_large_catalog_syncs_page_by_page_within_the_rate_limit() {
    let h = harness_with(big_store(2500, 100)).await;
    let expected = Catalog::generated(2500).variants.len();
    let mut progress = h.counter.subscribe();
    let count = h.counter.sync_catalog().await.unwrap();
    assert_eq!(count, expected, "every variant of every page is cached");
    assert_eq!(catalog::count(h.counter.db()).unwrap() as usize, expected);
    let pages = product_pages(&h);
    let reqs = h.sandbox.requests();
    let queries: Vec<_> = reqs
        .iter()
        .filter(|r| r.path == "/api/admin/products/")
        .map(|r| (r.query.clone(), r.received_at.duration_since(reqs[0].received_at).as_millis()))
        .collect();
    assert_eq!(pages, 25, "2,500 products in pages of 100: {queries:?} (429s: {})", h.sandbox.rate_limited());
    // The store refuses anything over its 4 requests a second: none was refused, so the
    // client's limiter kept under it.
    assert_eq!(h.sandbox.rate_limited(), 0, "the client's limiter keeps under the store's 4 requests a second");
    let mut seen = 0;
    while let Ok(e) = progress.try_recv() {
        if let counterpay_core::events::Event::CatalogProgress { pages, .. } = e {
            seen = seen.max(pages);
        }
    }
    assert_eq!(seen, 25, "progress is reported page by page");

    // The generated catalog speaks the contract too.
    let page = raw_get(&h.sandbox, "products/?cursor=p1200").await;
    assert_matches_schema("PaginatedProductListList", &page);
}

#[tokio::test]
async fn a_429_storm_slows_two_counters_down_but_both_complete() {
    let h = harness_with(big_store(600, 50)).await;
    let second = open_counter(&h.sandbox, tempfile::tempdir().unwrap().keep(), Default::default(), Duration::from_secs(10));
    let (a, b) = tokio::join!(h.counter.sync_catalog(), second.sync_catalog());
    let expected = Catalog::generated(600).variants.len();
    assert_eq!((a.unwrap(), b.unwrap()), (expected, expected), "both complete");
    assert!(h.sandbox.rate_limited() > 0, "two counters on one token at 4/s each must have been throttled");
    assert_eq!(product_pages(&h) - h.sandbox.rate_limited(), 24, "each of the 12 pages was served once to each counter");
}

/// A sync of 1,000 products in pages of 100 whose fifth page fails every attempt: it stops
/// after staging four, and is remembered.
async fn interrupted_sync() -> Harness {
    let h = harness_with(big_store(1000, 100)).await;
    for _ in 0..4 {
        h.sandbox.faults().push("GET /products/?cursor=p400", Fault::Status(503));
    }
    assert!(h.counter.sync_catalog().await.is_err());
    h
}

#[tokio::test]
async fn an_interrupted_sync_resumes_where_it_stopped() {
    let h = interrupted_sync().await;
    assert_eq!(catalog::count(h.counter.db()).unwrap(), 0, "a partial sync never replaces the cache");
    let state = catalog::sync_state(h.counter.db()).unwrap().expect("the interrupted sync is remembered");
    assert_eq!(state.pages, 4);
    let before = product_pages(&h);

    let count = h.counter.sync_catalog().await.unwrap();
    assert_eq!(count, Catalog::generated(1000).variants.len());
    let resumed: Vec<String> =
        h.sandbox.requests()[before..].iter().filter(|r| r.path == "/api/admin/products/").filter_map(|r| r.query.clone()).collect();
    assert_eq!(resumed.first().map(String::as_str), Some("cursor=p400"), "the second sync starts at the page that failed");
    assert_eq!(resumed.len(), 6, "and fetches only the six pages left");
    assert!(catalog::sync_state(h.counter.db()).unwrap().is_none());
}

#[tokio::test]
async fn an_interrupted_sync_from_another_store_address_starts_again_from_the_first_page() {
    // The demo store listens on another port at each start; a store's address can change in
    // Settings. The page the interrupted sync was to read next is on the old address.
    let h = interrupted_sync().await;
    sql(&h.counter, "UPDATE catalog_sync SET next_url = 'http://127.0.0.1:9/api/admin/products/?cursor=p400'").unwrap();
    let before = product_pages(&h);

    let count = h.counter.sync_catalog().await.expect("the sync does not fail on a link it will not follow");
    assert_eq!(count, Catalog::generated(1000).variants.len(), "the whole catalog is cached, none of it twice");
    assert_eq!(catalog::count(h.counter.db()).unwrap() as usize, count);
    let read: Vec<Option<String>> =
        h.sandbox.requests()[before..].iter().filter(|r| r.path == "/api/admin/products/").map(|r| r.query.clone()).collect();
    assert_eq!(read.first(), Some(&None), "it starts from the first page");
    assert_eq!(read.len(), 10, "and reads all ten");
    assert!(catalog::sync_state(h.counter.db()).unwrap().is_none());
}

#[tokio::test]
async fn search_ranks_titles_and_matches_prefixes_skus_and_barcodes() {
    let h = harness().await;
    let titles = |q: &str| {
        let db = h.counter.db();
        catalog::search(db, q, 20).unwrap().into_iter().map(|v| v.display_title()).collect::<Vec<_>>()
    };
    assert_eq!(titles("cot").first().map(String::as_str), Some("Organic Cotton T-Shirt (S)"), "a prefix finds the word");
    assert_eq!(titles("mug sla"), vec!["Stoneware Mug (Slate)"], "every word must match");
    assert_eq!(titles("OCT-100-M").first().map(String::as_str), Some("Organic Cotton T-Shirt (M)"), "an exact SKU comes first");
    let tea = titles("tea");
    assert!(tea.iter().take(2).all(|t| t.contains("Tea")), "title matches rank first: {tea:?}");
    assert!(titles("café crème").is_empty(), "no match is no match");
    assert!(titles("\"*()").is_empty(), "punctuation alone matches nothing, and is never an FTS syntax error");
    assert_eq!(titles("stone").first().map(String::as_str), Some("Stoneware Mug (Sand)"), "a title that starts with the text comes first");
    assert_eq!(titles("").len(), 20, "an empty search lists the catalog");

    let tee_m = catalog::variant(h.counter.db(), 102).unwrap().unwrap();
    assert_eq!(catalog::by_code(h.counter.db(), &tee_m.upc).unwrap().map(|v| v.id), Some(102), "a scanned barcode finds its variant");
    assert_eq!(catalog::by_code(h.counter.db(), "oct-100-m").unwrap().map(|v| v.id), Some(102), "a typed SKU, in any case");
    assert!(catalog::by_code(h.counter.db(), "0000000").unwrap().is_none());
}

#[tokio::test]
async fn a_subscription_line_is_sent_as_the_contract_describes() {
    let h = harness().await;
    let plan = SubscriptionChoice { interval: "month".into(), interval_count: 2 };
    let line = BasketLine { variant_id: 470, quantity: 1, price: None, subscription: Some(plan.clone()), ship: false };
    let sale = h.counter.charge(&[line]).await.unwrap();
    assert_eq!(sale.state, SaleState::AwaitingPayment, "{:?}", sale.reason);
    assert_eq!(sale.lines[0].subscription.as_ref(), Some(&plan), "the sale remembers it for History");
    let body = h.sandbox.requests().into_iter().find(|r| r.method == "POST" && r.path == "/api/admin/orders/").unwrap().body.unwrap();
    assert_matches_schema("CreateOrder", &body);
    assert_matches_schema("CreateOrderLine", &body["lines"][0]);
    assert_eq!(body["lines"][0]["subscription"], serde_json::json!({"interval": "month", "interval_count": 2}));

    for (bad, why) in [
        (SubscriptionChoice { interval: "month".into(), interval_count: 5 }, "a count the product does not offer"),
        (SubscriptionChoice { interval: "week".into(), interval_count: 1 }, "another interval"),
    ] {
        let err = h.counter.charge(&[BasketLine { variant_id: 470, quantity: 1, price: None, subscription: Some(bad), ship: false }]).await;
        assert!(err.is_err(), "{why} is refused");
    }
    let not_sub =
        h.counter.charge(&[BasketLine { variant_id: 140, quantity: 1, price: None, subscription: Some(plan), ship: false }]).await;
    assert!(not_sub.is_err(), "a product without a plan cannot be a subscription");
}

#[tokio::test]
async fn a_staff_price_is_sent_and_recorded_as_an_override() {
    let h = harness().await;
    let line = BasketLine { variant_id: 140, quantity: 2, price: Some(Decimal::new(1000, 2)), subscription: None, ship: false };
    let sale = h.counter.charge(&[line, BasketLine::new(110, 1)]).await.unwrap();
    assert_eq!(sale.total.to_string(), "38.50", "2 × 10.00 (override) + 18.50");
    assert!(sale.lines[0].price_override && !sale.lines[1].price_override);
    let body = h.sandbox.requests().into_iter().find(|r| r.method == "POST" && r.path == "/api/admin/orders/").unwrap().body.unwrap();
    assert_matches_schema("CreateOrder", &body);
    assert_eq!(body["lines"][0]["price"], "10.00");
    assert!(body["lines"][1].get("price").is_none(), "catalog-priced lines send no price");
    let (_, page) = browser(sale.payment_complete_url.as_deref().unwrap(), true).await;
    assert!(page.contains("38.50"), "the store charged the override: {page}");
    let bad = BasketLine { variant_id: 140, quantity: 1, price: Some(Decimal::new(-100, 2)), subscription: None, ship: false };
    assert!(h.counter.charge(&[bad]).await.is_err(), "a negative price is refused");
}

#[tokio::test]
async fn a_broad_search_on_a_large_catalog_still_finds_only_matches() {
    let dir = tempfile::tempdir().unwrap();
    let db = counterpay_core::db::Db::open(&dir.path().join("c.db")).unwrap();
    let generated = Catalog::generated(20_000);
    let products: Vec<counterpay_core::admin_api::models::Product> =
        generated.products.iter().map(|p| serde_json::from_value(p.clone()).unwrap()).collect();
    counterpay_core::catalog::replace_all(&db, &products).unwrap();
    // "Mug" is in thousands of titles, never at their start: too many to rank.
    let hits = catalog::search(&db, "mug", 120).unwrap();
    assert_eq!(hits.len(), 120, "a broad search fills the page");
    assert!(hits.iter().all(|v| v.product_title.contains("Mug")), "and lists only matches");
    let narrow = catalog::search(&db, "mug 1234", 120).unwrap();
    assert!(narrow.iter().all(|v| v.product_title.contains("Mug") && v.product_title.contains("1234")), "narrow searches are exact");
}
