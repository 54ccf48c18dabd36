//! A whole Klarna sale in the real window, on the embedded demo store.

use counterpay_e2e::{customer_pays, App};

#[tokio::test]
async fn a_paid_sale_in_the_window_and_in_history() {
    let app = App::launch().await;
    app.find("demo-badge").await;
    app.wait_text("store-name", |t| t == "Counterpay Demo Shop").await;
    // The page's first script ran under the window's content security policy: it asked the
    // core the first questions before the window's code ran, and started the thread that sets
    // up number formatting.
    let early = app
        .client
        .execute_async(
            "const done = arguments[0]; const early = window.__counterpayEarly; \
             Promise.resolve(early?.warmed).then((warmed) => done([typeof early?.status?.then, warmed]));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(early, serde_json::json!(["function", true]), "the page's first script ran, and its worker set up number formatting");

    // Build a basket: a stand-alone product twice, another once, a variant through the picker.
    app.click("product-140").await; // Enamel Pin Set, $12.00
    app.click("qty-plus-140").await;
    app.click("product-110").await; // Everyday Canvas Tote, $18.50
    app.click("product-100").await; // Organic Cotton T-Shirt: several sizes
    app.find("variant-picker").await;
    app.click("variant-102").await; // M, $25.00
    app.wait_text("basket-total", |t| t == "$67.50").await;
    app.click("remove-102").await;
    let total = app.wait_text("basket-total", |t| t == "$42.50").await;
    assert_eq!(app.text("line-total-140").await, "$24.00", "2 × $12.00");

    // Search narrows the grid.
    let search = app.find("search").await;
    search.send_keys("mug").await.unwrap();
    app.find("product-180").await;
    app.screenshot("counter").await;

    // Charge: the QR code and the amount are shown.
    app.click("charge").await;
    app.find("qr").await;
    assert_eq!(app.text("sale-amount").await, total);
    let countdown = app.text("countdown").await;
    assert!(countdown.contains(':'), "a countdown is shown: {countdown}");
    let url = app.text("payment-link").await;
    app.click("copy-payment-link").await;
    let copied = app.wait_text("notice", |t| t.contains("copied") || t.contains("selected")).await;
    assert!(!copied.is_empty(), "copying the link says what happened");
    // What is on screen (scaled up from the core's one pixel a module) reads as the link.
    assert_eq!(app.qr_codes_on_screen("qr").await, vec![url.clone()], "the QR code on screen opens the payment link");

    // The customer pays on their phone; the window changes by itself.
    let receipt = customer_pays(&url, true).await;
    assert!(receipt.contains("Thank you"), "the phone shows a receipt: {receipt}");
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    let order = app.text("order-number").await;
    assert!(!order.is_empty(), "the paid screen names the order");

    // One-click upsell: the store recommends the T-shirt with what was bought.
    app.find("upsells").await;
    app.click("upsell-add-101").await; // Organic Cotton T-Shirt (S), $24.00
    app.wait_css("li.upsell[data-state=\"charged\"]").await;
    app.wait_text("sale-amount-paid", |t| t == "$66.50").await;
    // Closed at the store: captured, and everything (the upsell too) handed over here.
    let closed = app.wait_text("sale-closing", |t| t.contains("Handed over at Shop")).await;
    assert_eq!(closed, "Handed over at Shop");
    app.wait_css("[data-testid=\"sale-closing\"][data-closing=\"closed\"]").await;
    app.screenshot("paid").await;

    // History lists it.
    app.click("new-sale").await;
    app.wait_text("basket-total", |t| t == "$0.00").await;
    app.click("tab-history").await;
    let row = app.wait_text("history-order", |t| t == order).await;
    assert_eq!(row, order);
    app.click("history-order").await;
    let detail = app.wait_text("sale-detail", |t| t.contains("The store confirmed order")).await;
    assert!(detail.contains(&format!("Order {order}")), "the detail names the order: {detail}");
    assert_eq!(app.text("sale-closing").await, "Handed over at Shop", "History shows the sale at the store too");
    // The store's own order, read back: fulfilled at the shop, archived.
    app.click("detail-refresh").await;
    app.find("detail-raw").await;
    let raw = app.wait_text_or_prop("detail-raw", |t| t.contains("\"fulfillment_status\": \"fulfilled\"")).await;
    assert!(raw.contains("\"status\": \"archived\""), "nothing is left for the store to ship: {raw}");
    assert!(raw.contains("\"location_id\": 1"), "fulfilled at the Shop (location 1): {raw}");
    app.screenshot("history").await;

    // Filters: a state with no sale says so; a search finds the order by a product.
    app.find("history-state").await.select_by_value("failed").await.unwrap();
    app.wait_text("history-empty", |t| t.contains("No sale matches")).await;
    app.find("history-state").await.select_by_value("").await.unwrap();
    app.find("history-search").await.send_keys("canvas tote").await.unwrap();
    app.wait_text("history-order", |t| t == order).await;

    // Settings show the demo store and never a token.
    app.click("tab-settings").await;
    app.find("settings-form").await;
    let token_field = app.find("setting-token").await;
    assert_eq!(token_field.prop("value").await.unwrap().unwrap_or_default(), "", "a token is never sent to the window");
    app.screenshot("settings").await;
    app.click("diagnostics-show").await;
    let report = app.find("diagnostics").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(report.contains("demo store") && report.contains("sales by state"), "a support report: {report}");
    app.screenshot("settings").await;
    app.quit().await;
}

#[tokio::test]
async fn a_declined_payment_offers_to_try_again() {
    let app = App::launch().await;
    app.click("product-140").await;
    app.click("charge").await;
    app.find("qr").await;
    let url = app.text("payment-link").await;
    let page = customer_pays(&url, false).await;
    assert!(page.contains("Payment not completed"), "{page}");
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"failed\"]").await;
    app.find("charge-again").await;
    app.click("back-to-basket").await;
    assert_eq!(app.text("basket-total").await, "$12.00", "the basket is kept for another try");
    app.quit().await;
}

#[tokio::test]
async fn scanner_subscription_and_price_override() {
    use fantoccini::key::Key;
    let app = App::launch().await;
    app.find("product-140").await;
    let search = app.find("search").await;
    let enter = |code: &str| format!("{code}{}", char::from(Key::Enter));

    // A keyboard-wedge scanner types the barcode and Enter; "3*" in front scans three.
    search.send_keys(&enter("000400000980")).await.unwrap(); // Enamel Pin Set's barcode
    app.wait_text("line-total-140", |t| t == "$12.00").await;
    app.find("search").await.send_keys(&enter("3*000400000980")).await.unwrap();
    app.wait_text("line-total-140", |t| t == "$48.00").await;
    app.find("search").await.send_keys(&enter("999999999")).await.unwrap();
    let notice = app.wait_text("notice", |t| t.contains("No product has the code")).await;
    assert!(notice.contains("999999999"));

    // Staff set a price on a line.
    app.click("price-140").await;
    let price = app.find("price-input-140").await;
    price.clear().await.unwrap();
    price.send_keys(&enter("10")).await.unwrap();
    app.wait_text("line-total-140", |t| t == "$40.00").await;

    // A subscription product: choose every 2 months in the picker.
    app.wait_text("search-count", |t| t.contains("items")).await;
    app.click("product-470").await; // Monthly Coffee Subscription, $29.00
    app.find("variant-picker").await;
    app.click("plan-2").await;
    app.click("variant-470").await;
    let line = app.text("basket-line-470").await;
    assert!(line.contains("every 2 months"), "the line says it is a subscription: {line}");
    app.wait_text("basket-total", |t| t == "$69.00").await;
    app.screenshot("basket").await;

    app.click("charge").await;
    app.find("qr").await;
    let url = app.text("payment-link").await;
    let receipt = customer_pays(&url, true).await;
    assert!(receipt.contains("69.00"), "the store charged the staff price and the subscription: {receipt}");
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    let order = app.text("order-number").await;
    app.click("new-sale").await;
    app.click("tab-history").await;
    // The list is loaded when it shows this sale first (an earlier list may be on screen).
    app.wait_text("history-order", |t| t == order).await;
    app.click("history-order").await;
    let detail = app.wait_text("sale-detail", |t| t.contains("subscription")).await;
    assert!(detail.contains("subscription, every 2 months"), "{detail}");
    assert!(detail.contains("price set by staff"), "{detail}");
    app.quit().await;
}

#[tokio::test]
async fn an_unreadable_database_is_explained_and_a_backup_restored() {
    // A first start writes the day's backup; then the database is damaged.
    let dir = tempfile::tempdir().unwrap();
    let good = App::launch_in(dir.path()).await;
    good.find("product-140").await;
    let backups = dir.path().join("backups");
    let mut made = false;
    for _ in 0..50 {
        made = std::fs::read_dir(&backups).map(|d| d.count() > 0).unwrap_or(false);
        if made {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(made, "the first start writes a daily backup");
    good.quit().await;
    for side in ["counterpay.db-wal", "counterpay.db-shm"] {
        let _ = std::fs::remove_file(dir.path().join(side));
    }
    std::fs::write(dir.path().join("counterpay.db"), vec![0x42u8; 8192]).unwrap();

    let app = App::launch_in(dir.path()).await;
    let screen = app.wait_text("startup-error", |t| t.contains("could not start")).await;
    assert!(screen.contains("not deleted") && screen.contains("counterpay.db"), "the screen says what and where: {screen}");
    app.screenshot("startup-error").await;
    app.click("restore-backup").await;
    let result = app.wait_text("restore-result", |t| !t.is_empty()).await;
    assert!(result.contains("Restored"), "{result}");
    app.quit().await;
    let kept =
        std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().contains("before-restore"));
    assert!(kept, "the damaged file is kept, renamed");

    let restarted = App::launch_in(dir.path()).await;
    restarted.find("product-140").await;
    restarted.quit().await;
}

/// A forged order number posted to a live sale's return URL is a quiet note on the QR
/// screen, never a state change; the customer's real decline after it shows as a failed
/// payment, ready to try again.
#[tokio::test]
async fn a_false_claim_does_not_change_what_staff_see() {
    let app = App::launch().await;
    app.find("demo-badge").await;
    app.click("product-140").await;
    app.click("charge").await;
    app.find("qr").await;
    let url = app.text("payment-link").await;
    // The customer presses Decline; before the phone goes back, someone posts a made-up order.
    let (return_url, declined) = counterpay_sandbox::customer::press(&url, false).await.unwrap();
    let (_, page) = counterpay_sandbox::customer::post_back(&return_url, r#"{"number":"424242"}"#).await.unwrap();
    assert!(!page.contains("Thank you"), "{page}");
    let note = app.wait_text("sale-claims", |t| t.contains("424242") && t.contains("Still waiting")).await;
    assert!(note.contains("has no order 424242"), "a quiet line for staff, in the store's terms: {note}");
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"awaiting_payment\"]").await;
    app.find("qr").await;
    app.screenshot("qr-with-refused-claim").await;
    counterpay_sandbox::customer::post_back(&return_url, &declined).await.unwrap();
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"failed\"]").await;
    app.find("charge-again").await;
    app.quit().await;
}
