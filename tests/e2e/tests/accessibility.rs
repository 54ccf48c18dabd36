//! axe-core, injected into the real window, on every view and dialog staff use: no serious
//! or critical violation. A sale is driven by the keyboard alone on the way.

use counterpay_e2e::{customer_pays, App};
use fantoccini::key::Key;

#[tokio::test]
async fn every_view_passes_the_accessibility_check() {
    let app = App::launch().await;
    app.find("product-140").await;
    app.assert_accessible("the counter").await;

    // The keyboard alone: a scan (code and Enter) adds a line, Ctrl+Enter charges.
    let enter = char::from(Key::Enter);
    app.find("search").await.send_keys(&format!("000400000980{enter}")).await.unwrap();
    app.wait_text("line-total-140", |t| t == "$12.00").await;
    app.assert_accessible("the counter with a basket").await;
    app.click("product-100").await;
    app.find("variant-picker").await;
    app.assert_accessible("the variant picker").await;
    app.client.active_element().await.unwrap().send_keys(&char::from(Key::Escape).to_string()).await.unwrap();
    app.wait_css("[data-testid=\"search\"]").await;
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid=\"variant-picker\"]")).await.is_err(), "Esc closes the picker");
    app.find("search").await.send_keys(&format!("{}{enter}", char::from(Key::Control))).await.unwrap();
    app.find("qr").await;
    app.assert_accessible("the QR screen").await;

    let url = app.text("payment-link").await;
    customer_pays(&url, true).await;
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    app.find("upsells").await;
    app.assert_accessible("the paid screen with upsells").await;
    // The focus is on New sale: Enter starts the next one.
    app.client.active_element().await.unwrap().send_keys(&enter.to_string()).await.unwrap();
    app.wait_text("basket-total", |t| t == "$0.00").await;

    // F2: History, a sale's detail, the refund dialog.
    app.find("search").await.send_keys(&char::from(Key::F2).to_string()).await.unwrap();
    app.click("history-order").await;
    app.wait_text("sale-detail", |t| t.contains("Order ")).await;
    app.assert_accessible("History with a sale's detail").await;
    app.click("detail-refund").await;
    app.find("refund-dialog").await;
    app.assert_accessible("the refund dialog").await;
    app.client.active_element().await.unwrap().send_keys(&char::from(Key::Escape).to_string()).await.unwrap();

    app.click("tab-settings").await;
    app.find("settings-form").await;
    app.assert_accessible("Settings").await;
    app.click("tab-reports").await;
    app.find("report-sales").await;
    app.assert_accessible("Reports").await;

    // With a manager, the PIN screen.
    app.click("tab-settings").await;
    app.find("staff-name").await.send_keys("Ada").await.unwrap();
    app.find("staff-pin").await.send_keys("111111").await.unwrap();
    app.click("staff-add").await;
    app.wait_text("signed-in", |t| t.starts_with("Ada")).await;
    // Signed in, at the smallest counter screen: the header wraps, nothing is clipped, and
    // nothing needs a sideways scroll.
    app.client.set_window_size(1024, 768).await.unwrap();
    app.click("tab-counter").await;
    app.find("product-140").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let fits = app
        .client
        .execute(
            r#"const n = document.querySelector('[data-testid="store-name"]'), r = n.getBoundingClientRect();
               const small = [...document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio])')]
                 .filter((e) => e.offsetParent !== null && !e.classList.contains('link'))
                 .filter((e) => { const b = e.getBoundingClientRect(); return b.height < 43.5 || b.width < 43.5; })
                 .map((e) => e.dataset.testid || e.outerHTML.slice(0, 60));
               return { clipped: n.scrollWidth > n.clientWidth + 1, inside: r.right <= window.innerWidth && r.width > 0,
                        sideways: document.documentElement.scrollWidth > window.innerWidth, small };"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits["clipped"], false, "the store's name is not clipped: {fits}");
    assert_eq!(fits["inside"], true, "{fits}");
    assert_eq!(fits["sideways"], false, "{fits}");
    assert_eq!(fits["small"], serde_json::json!([]), "touch targets of 44 px: {fits}");
    app.screenshot("counter-1024").await;
    app.click("switch-user").await;
    app.find("lock").await;
    app.assert_accessible("the PIN screen").await;
    app.quit().await;
}
