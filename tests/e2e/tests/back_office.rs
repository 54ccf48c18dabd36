//! History as a back office in the real window: the store's order in the detail, a refund
//! shown as the store calculates it before it is sent, a cancel, and the import of every
//! counter's sales.

use counterpay_e2e::{customer_pays, App};

async fn sell(app: &App, product: &str, total: &str, ship: bool) -> String {
    app.click("tab-counter").await;
    app.click(product).await;
    app.wait_text("basket-total", |t| t == total).await;
    if ship {
        app.click("ship-all").await;
    }
    app.click("charge").await;
    app.find("qr").await;
    let url = app.text("payment-link").await;
    customer_pays(&url, true).await;
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    // Closed at the store: handed over here, or left to the store to ship.
    app.wait_css("[data-testid=\"sale-closing\"][data-closing=\"closed\"]").await;
    let order = app.text("order-number").await;
    app.click("new-sale").await;
    app.wait_text("basket-total", |t| t == "$0.00").await;
    order
}

#[tokio::test]
async fn refund_and_cancel_from_history() {
    let app = App::launch().await;
    app.find("demo-badge").await;
    let first = sell(&app, "product-140", "$12.00", false).await; // Enamel Pin Set, handed over
    let second = sell(&app, "product-110", "$18.50", true).await; // Everyday Canvas Tote, shipped (so it can still be cancelled)

    // The detail shows the store's order and the actions.
    app.click("tab-history").await;
    app.wait_text("history-order", |t| t == second).await;
    app.find("history-search").await.send_keys(&first).await.unwrap();
    app.wait_text("history-order", |t| t == first).await;
    app.click("history-order").await;
    app.wait_text("sale-detail", |t| t.contains(&format!("Order {first}"))).await;
    let lines = app.text("detail-lines").await;
    assert!(lines.contains("Enamel Pin Set") && lines.contains("Total"), "the store's lines and totals: {lines}");

    // Refund: the store's figure first, then the refund.
    app.click("detail-refund").await;
    app.find("refund-dialog").await;
    app.click("refund-calculate").await;
    assert_eq!(app.wait_text("refund-amount", |t| !t.is_empty()).await, "$12.00");
    app.screenshot("refund").await;
    app.click("refund-confirm").await;
    app.wait_text("notice", |t| t.contains("Refunded $12.00")).await;
    app.wait_text("detail-refunded", |t| t == "−$12.00").await;
    let refunds = app.text("detail-refunds").await;
    assert!(refunds.contains("Refund $12.00: done"), "the refund is listed with who did it: {refunds}");
    assert!(refunds.contains("by counter "), "{refunds}");

    // Cancel the other order.
    let search = app.find("history-search").await;
    search.clear().await.unwrap();
    search.send_keys(&second).await.unwrap();
    app.wait_text("history-order", |t| t == second).await;
    app.click("history-order").await;
    app.wait_text("sale-detail", |t| t.contains(&format!("Order {second}"))).await;
    app.click("detail-cancel").await;
    app.find("cancel-dialog").await;
    app.click("cancel-confirm").await;
    app.wait_text("dialog-error", |t| t.contains("Say why")).await;
    app.find("cancel-reason").await.send_keys("Customer returned the tote").await.unwrap();
    app.click("cancel-confirm").await;
    app.wait_text("notice", |t| t.contains("Order cancelled")).await;
    app.wait_text("history-refund-tag", |t| t == "Cancelled at the store").await;

    // The refunded filter lists both; the import finds nothing new from this one counter.
    // Ctrl+A, then Backspace: emptied as a person would, so the list follows.
    app.find("history-search").await.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
    app.find("history-state").await.select_by_value("refunded").await.unwrap();
    app.wait_css("[data-testid=\"history-table\"] tbody tr:nth-child(2)").await;
    app.click("history-import").await;
    app.wait_text("notice", |t| t.contains("orders from the store")).await;
    app.screenshot("history-back-office").await;
    app.quit().await;
}
