//! "Connect your store" walked in the window against a store of its own (a sandbox the test
//! runs, not the embedded demo): a wrong token and a token short of permissions are said
//! plainly, the right one goes to the desktop's keyring, the guide is left and picked up
//! again after a restart, an address that does not reach the counter is refused, and the
//! test sale is paid on the "phone" and paid back at once (the store's order cancelled,
//! never captured or fulfilled).

use counterpay_e2e::{customer_pays, loopback_port, App, Keyring};
use counterpay_sandbox::{Config, Sandbox};

const TOKEN: &str = "shop-admin-token-e2e";

async fn type_into(app: &App, id: &str, text: &str) {
    let el = app.find(id).await;
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shop_connects_its_store_step_by_step_and_a_test_sale_is_paid_back() {
    let keyring = Keyring::start();
    let store = Sandbox::start_with(([127, 0, 0, 1], 0).into(), Config::new(TOKEN)).await.unwrap();
    let short = Config {
        scopes: Some(["store:read", "catalogue:read", "orders:read", "orders:write"].iter().map(|s| s.to_string()).collect()),
        ..Config::new("short-token")
    };
    let short_store = Sandbox::start_with(([127, 0, 0, 1], 0).into(), short).await.unwrap();
    let port = loopback_port();
    let listen = format!("127.0.0.1:{port}");
    let env = [("DBUS_SESSION_BUS_ADDRESS", keyring.address.as_str()), ("COUNTERPAY_LISTEN", listen.as_str())];
    let dir = tempfile::tempdir().unwrap();

    let app = App::launch_in_with_env(dir.path(), &env).await;
    app.find("demo-badge").await;
    app.click("connect-store").await;
    app.wait_css("[data-testid=\"connect-view\"][data-step=\"store\"]").await;
    let scopes = app.text("setup-scopes").await;
    assert!(scopes.contains("orders:write") && scopes.contains("fulfillment_orders:write"), "{scopes}");

    // A wrong token: the store's refusal, in plain words, and nothing saved.
    type_into(&app, "setup-address", &store.api_url()).await;
    type_into(&app, "setup-token", "not-the-token").await;
    app.click("setup-test-connection").await;
    let said = app.wait_text("setup-problem", |t| !t.is_empty()).await;
    assert!(said.contains("did not accept this token"), "{said}");
    app.screenshot("connect-store-wrong-token").await;
    app.assert_accessible("the guide's first step").await;

    // A token without every permission it needs: which ones are missing.
    type_into(&app, "setup-address", &short_store.api_url()).await;
    type_into(&app, "setup-token", "short-token").await;
    app.click("setup-test-connection").await;
    let said = app.wait_text("setup-problem", |t| t.contains("missing these permissions")).await;
    let listed: Vec<&str> = said.split("permissions: ").nth(1).and_then(|s| s.split(". ").next()).unwrap_or("").split(", ").collect();
    assert_eq!(
        listed,
        [
            "locations:read",
            "fulfillment_orders:read",
            "fulfillment_orders:write",
            "metadata:read",
            "metadata:write",
            "webhooks:read",
            "webhooks:write"
        ],
        "{said}"
    );
    app.find("demo-badge").await;

    // The right one: connected, kept in the keyring, on to the location.
    type_into(&app, "setup-address", &store.api_url()).await;
    type_into(&app, "setup-token", TOKEN).await;
    app.click("setup-test-connection").await;
    app.wait_css("[data-testid=\"connect-view\"][data-step=\"location\"]").await;
    let connected = app.text("setup-connected").await;
    assert!(connected.contains("Counterpay Demo Shop"), "{connected}");
    app.find("setup-location").await.select_by_label("Shop").await.unwrap();
    app.click("setup-location-save").await;
    app.wait_css("[data-testid=\"connect-view\"][data-step=\"address\"]").await;

    // Left half-way, the counter is closed; it opens on the guide where it was left.
    app.click("setup-leave").await;
    app.find("connect-store").await;
    app.quit().await;
    let app = App::launch_in_with_env(dir.path(), &env).await;
    app.wait_css("[data-testid=\"connect-view\"][data-step=\"address\"]").await;
    let name = app.text("store-name").await;
    assert!(name.contains("Counterpay Demo Shop"), "the store's name, read with the token from the keyring: {name}");
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid=\"demo-badge\"]")).await.is_err(), "the real store, not the demo");

    // An address that does not reach this counter is refused with the reason.
    type_into(&app, "setup-public-url", "http://127.0.0.1:9").await;
    app.click("setup-address-save").await;
    let said = app.wait_text("setup-unreachable", |t| !t.is_empty()).await;
    assert!(said.contains("does not reach this counter"), "{said}");
    type_into(&app, "setup-public-url", &format!("http://{listen}")).await;
    app.click("setup-address-save").await;
    app.wait_css("[data-testid=\"connect-view\"][data-step=\"test_sale\"]").await;

    // The test sale: the smallest amount, paid on the phone, paid back at once.
    app.find("setup-test-product").await;
    type_into(&app, "setup-test-amount", "0.50").await;
    app.screenshot("connect-store-test-sale").await;
    app.click("setup-test-start").await;
    app.find("setup-qr").await;
    app.screenshot("connect-store-paying").await;
    let link = app.text("setup-payment-link").await;
    customer_pays(&link, true).await;
    let result = app.wait_text("setup-test-result", |t| t.contains("given back in full")).await;
    assert!(result.contains("$0.50"), "{result}");
    let order = store.orders().into_iter().last().expect("the test order");
    assert_eq!(order["status"], "canceled", "{order}");
    assert_eq!(order["total_incl_tax"], "0.50", "{order}");
    let asked: Vec<String> = store.requests().iter().map(|r| format!("{} {}", r.method, r.path)).collect();
    let number = order["number"].as_str().unwrap().to_string();
    let on_order: Vec<&String> = asked.iter().filter(|r| r.starts_with("POST") && r.contains(&format!("/{number}/"))).collect();
    assert_eq!(on_order, [&format!("POST /api/admin/orders/{number}/cancel/")], "cancelled, never captured: {asked:?}");
    // (Fulfillment order 0 is the permission check's, which does not exist.)
    let fulfilled = asked.iter().filter(|r| r.starts_with("POST /api/admin/fulfillment-orders/") && !r.contains("/0/")).count();
    assert_eq!(fulfilled, 0, "nothing moved or fulfilled: {asked:?}");
    app.screenshot("connect-store-done").await;

    app.click("setup-finish").await;
    app.wait_text("notice", |t| t.contains("Connected to Counterpay Demo Shop")).await;
    app.find("search").await;
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid=\"demo-badge\"]")).await.is_err(), "no longer the demo");
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid=\"connect-store\"]")).await.is_err(), "the guide is finished");
    app.quit().await;
}
