//! The customer-facing display: a second window that follows a whole sale, driven by the
//! same events as the counter, with nothing in it to click.

use std::time::Duration;

use counterpay_e2e::{customer_pays, App};
use fantoccini::Locator;

#[tokio::test]
async fn the_customer_display_follows_a_whole_sale() {
    let app = App::launch().await;
    app.find("demo-badge").await;
    app.find("product-140").await;
    let counter = app.client.window().await.unwrap();

    app.click("customer-display-toggle").await;
    let mut customer = None;
    for _ in 0..100 {
        let handles = app.client.windows().await.unwrap();
        if let Some(h) = handles.into_iter().find(|h| *h != counter) {
            customer = Some(h);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let customer = customer.expect("the customer display opens as a second window");
    let on = |handle: &fantoccini::wd::WindowHandle| app.client.switch_to_window(handle.clone());

    on(&customer).await.unwrap();
    app.wait_css("[data-testid=\"customer-display\"][data-screen=\"welcome\"]").await;
    // Listen in the customer window for the core's sale events, as its code could: they
    // carry staff and customer names and must never reach it.
    app.client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const I = window.__TAURI_INTERNALS__;
               window.__coreEvents = 0;
               const handler = I.transformCallback(() => { window.__coreEvents += 1; });
               I.invoke("plugin:event|listen", { event: "sale:updated", target: { kind: "Any" }, handler }).then(() => done(true), (e) => done(String(e)));"#,
            vec![],
        )
        .await
        .unwrap();

    // The basket as staff build it.
    on(&counter).await.unwrap();
    app.click("product-140").await; // Enamel Pin Set, $12.00
    app.click("qty-plus-140").await;
    app.wait_text("basket-total", |t| t == "$24.00").await;
    on(&customer).await.unwrap();
    app.wait_css("[data-testid=\"customer-display\"][data-screen=\"basket\"]").await;
    app.wait_text("cd-total", |t| t == "$24.00").await;
    let lines = app.text("cd-lines").await;
    assert!(lines.contains("2 × Enamel Pin Set"), "the customer sees what they buy: {lines}");

    // Charge: the large QR code with the amount.
    on(&counter).await.unwrap();
    app.click("charge").await;
    app.find("qr").await;
    let url = app.text("payment-link").await;
    on(&customer).await.unwrap();
    app.wait_css("[data-testid=\"customer-display\"][data-screen=\"scan\"]").await;
    app.find("cd-qr").await;
    assert_eq!(app.text("cd-amount").await, "$24.00");
    let clickable = app.client.find_all(Locator::Css("button, a, input, select, textarea")).await.unwrap();
    assert!(clickable.is_empty(), "nothing on the customer display can be pressed ({} controls)", clickable.len());
    assert_eq!(app.qr_codes_on_screen("customer-display-qr").await, vec![url.clone()], "the customer's phone reads the payment link");

    // The customer pays: the display thanks them, from the same events as the counter.
    let receipt = customer_pays(&url, true).await;
    assert!(receipt.contains("Thank you"));
    app.wait_css("[data-testid=\"customer-display\"][data-screen=\"thanks\"]").await;
    app.screenshot("customer-display-thanks").await;
    let heard = app.client.execute("return window.__coreEvents", vec![]).await.unwrap();
    assert_eq!(heard, serde_json::json!(0), "the customer display gets only what the counter sends it, never the core's sale events");
    on(&counter).await.unwrap();
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    app.quit().await;
}

/// The customer display speaks the language staff pick for the customer's Klarna page, while
/// the counter stays in its own; and it passes the accessibility check.
#[tokio::test]
async fn the_customer_display_speaks_the_customers_language() {
    let app = App::launch().await;
    app.find("product-140").await;
    let counter = app.client.window().await.unwrap();
    app.click("customer-display-toggle").await;
    let mut customer = None;
    for _ in 0..100 {
        if let Some(h) = app.client.windows().await.unwrap().into_iter().find(|h| *h != counter) {
            customer = Some(h);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let customer = customer.expect("the customer display opens");
    app.click("product-140").await;
    app.find("pay-language").await.select_by_value("sv").await.unwrap();
    app.click("charge").await;
    app.find("qr").await;
    assert_eq!(app.text("sale-state").await, "Scan to pay with Klarna", "the counter keeps its own language");
    app.client.switch_to_window(customer).await.unwrap();
    app.wait_css("[data-testid=\"customer-display\"][data-screen=\"scan\"]").await;
    let shown = app.wait_text("customer-display", |t| t.contains("Skanna för att betala med Klarna")).await;
    assert!(shown.contains("Koden gäller i"), "the countdown in Swedish too: {shown}");
    let amount = app.text("cd-amount").await.replace('\u{a0}', " ");
    assert_eq!(amount, "12,00 US$", "the amount the Swedish way");
    app.assert_accessible("the customer display").await;
    app.screenshot("sv-customer-display-qr").await;
    app.client.switch_to_window(counter).await.unwrap();
    app.quit().await;
}
