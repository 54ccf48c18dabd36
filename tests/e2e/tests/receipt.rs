//! The receipt printer from the window: set in Settings, a test page, a sale that prints
//! its receipt by itself, the preview (screenshot), printing again from History, and a
//! printer that is switched off, named without holding up the counter. The printer is a
//! stand-in on loopback whose recorded bytes are read back to the text.

use counterpay_core::receipt::paper;
use counterpay_e2e::{customer_pays, App};
use counterpay_sandbox::printer::StandInPrinter;

#[tokio::test]
async fn a_sale_prints_its_receipt_and_history_prints_it_again() {
    let mut printer = StandInPrinter::start().await;
    let app = App::launch().await;
    app.find("product-140").await;

    app.click("tab-settings").await;
    app.find("setting-printer").await.send_keys(&printer.address()).await.unwrap();
    app.click("save-settings").await;
    app.wait_text("notice", |t| t.contains("Settings saved")).await;
    app.click("printer-test").await;
    app.wait_text("printer-result", |t| t.contains("Test page sent")).await;
    let test_page = paper::read(&printer.wait_for_jobs(1, 10).await[0]).unwrap();
    assert!(test_page.text().contains("Test page"), "{}", test_page.text());
    app.screenshot("settings-printer").await;

    app.click("tab-counter").await;
    app.click("product-140").await;
    app.click("charge").await;
    app.find("qr").await;
    customer_pays(&app.text("payment-link").await, true).await;
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    let order = app.text("order-number").await;
    app.wait_text("notice", |t| t.contains("Receipt printed")).await;
    let receipt = paper::read(&printer.wait_for_jobs(2, 10).await[1]).unwrap();
    assert!(receipt.text().contains(&format!("Order {order}")), "{}", receipt.text());
    assert_eq!(receipt.qr_codes[0].0, order);
    assert_eq!(receipt.cuts, 1);
    app.click("new-sale").await;

    app.click("tab-history").await;
    app.wait_text("history-order", |t| t == order).await;
    app.click("history-order").await;
    app.click("detail-preview").await;
    app.wait_text("receipt-preview", |t| t.contains(&format!("Receipt for order {order}"))).await;
    let label = app.find("receipt-paper").await.attr("aria-label").await.unwrap().unwrap_or_default();
    assert_eq!(label, receipt.text(), "the preview is the receipt the printer got");
    app.screenshot("receipt-preview").await;
    app.click("receipt-print").await;
    assert_eq!(printer.wait_for_jobs(3, 10).await.len(), 3, "printed again from History");

    // Switched off: the window says so and the counter goes on.
    let address = printer.address();
    printer.off();
    app.click("detail-print").await;
    let said = app.wait_text("notice", |t| t.contains("cannot be reached") || t.contains("does not answer")).await;
    assert!(said.contains(&address), "{said}");
    app.click("tab-counter").await;
    app.find("product-140").await;
    app.quit().await;
}
