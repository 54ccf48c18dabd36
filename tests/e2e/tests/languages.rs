//! A whole sale in German on a German demo shop (EUR) and in Swedish on a Swedish one (SEK):
//! the window's language picked in Settings, money in the locale's way, the store's catalog
//! in its own language. Screenshots of each view go to the screenshot folder.

use counterpay_e2e::{customer_pays, App};

struct Words {
    lang: &'static str,
    shop: &'static str,
    counter_tab: &'static str,
    two_pins: &'static str,
    scan: &'static str,
    paid: &'static str,
    pin_title: &'static str,
    manager: &'static str,
    pin_prompt: &'static str,
    /// A timeline note the core wrote, and the core's answer to a wrong PIN.
    link_ready: &'static str,
    wrong_pin: &'static str,
}

/// WebDriver may give a no-break space as a space: compare with plain spaces.
fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

async fn sale_in(w: Words) {
    let app = App::launch_with_env(&[("COUNTERPAY_DEMO_SHOP", w.shop)]).await;
    app.find("product-140").await;
    app.click("tab-settings").await;
    app.find("window-language").await.select_by_value(w.lang).await.unwrap();
    app.wait_text("tab-counter", |t| t.starts_with(w.counter_tab)).await;
    app.screenshot(&format!("{}-settings", w.lang)).await;

    app.click("tab-counter").await;
    app.wait_text("product-140", |t| t.contains(w.pin_title)).await;
    app.click("product-140").await;
    app.click("qty-plus-140").await;
    app.wait_text("basket-total", |t| plain(t) == w.two_pins).await;
    app.click("product-100").await;
    app.find("variant-picker").await;
    app.screenshot(&format!("{}-picker", w.lang)).await;
    app.click("variant-102").await;
    app.click("remove-102").await;
    app.wait_text("basket-total", |t| plain(t) == w.two_pins).await;
    app.screenshot(&format!("{}-counter", w.lang)).await;
    let charge = app.text("charge").await;
    assert!(plain(&charge).contains(w.two_pins), "Charge names the total: {charge}");

    app.click("charge").await;
    app.find("qr").await;
    assert_eq!(app.text("sale-state").await, w.scan);
    assert_eq!(plain(&app.text("sale-amount").await), w.two_pins);
    app.screenshot(&format!("{}-qr", w.lang)).await;
    customer_pays(&app.text("payment-link").await, true).await;
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    assert_eq!(app.text("sale-state").await, w.paid);
    app.find("upsells").await;
    app.screenshot(&format!("{}-paid", w.lang)).await;
    let order = app.text("order-number").await;
    app.click("new-sale").await;

    app.click("tab-history").await;
    app.wait_text("history-order", |t| t == order).await;
    app.click("history-order").await;
    app.wait_text("sale-detail", |t| t.contains(&order)).await;
    // The core's own sentences (the sale's timeline) are in the window's language too.
    app.wait_text("sale-detail", |t| t.contains(w.link_ready)).await;
    app.screenshot(&format!("{}-history", w.lang)).await;
    app.click("detail-refund").await;
    app.find("refund-dialog").await;
    app.click("refund-calculate").await;
    app.wait_text("refund-amount", |t| plain(t) == w.two_pins).await;
    app.screenshot(&format!("{}-refund", w.lang)).await;
    app.client.active_element().await.unwrap().send_keys(&char::from(fantoccini::key::Key::Escape).to_string()).await.unwrap();
    app.click("tab-reports").await;
    app.wait_text("report-value", |t| plain(t) == w.two_pins).await;
    app.screenshot(&format!("{}-reports", w.lang)).await;

    // The first manager turns PINs on; the PIN screen in the same language.
    app.click("tab-settings").await;
    app.find("staff-name").await.send_keys("Ada").await.unwrap();
    app.find("staff-pin").await.send_keys("111111").await.unwrap();
    app.click("staff-add").await;
    app.wait_text("signed-in", |t| t == format!("Ada · {}", w.manager)).await;
    app.click("switch-user").await;
    app.wait_text("lock", |t| t.contains(w.pin_prompt)).await;
    for d in "999999".chars() {
        app.click(&format!("pin-{d}")).await;
    }
    app.click("pin-enter").await;
    app.wait_text("pin-error", |t| t.contains(w.wrong_pin)).await;
    app.screenshot(&format!("{}-pin", w.lang)).await;
    app.quit().await;
}

#[tokio::test]
async fn a_whole_sale_in_german_in_euros() {
    sale_in(Words {
        lang: "de",
        shop: "de",
        counter_tab: "Kasse",
        two_pins: "22,08 €",
        scan: "Scannen und mit Klarna bezahlen",
        paid: "Bezahlt",
        pin_title: "Anstecknadel-Set",
        manager: "Leitung",
        pin_prompt: "Geben Sie Ihre PIN ein",
        link_ready: "Zahlungslink bereit; QR-Code angezeigt",
        wrong_pin: "Falsche PIN.",
    })
    .await;
}

#[tokio::test]
async fn a_whole_sale_in_swedish_in_kronor() {
    sale_in(Words {
        lang: "sv",
        shop: "sv",
        counter_tab: "Kassa",
        two_pins: "252,00 kr",
        scan: "Skanna för att betala med Klarna",
        paid: "Betald",
        pin_title: "Pinssats i emalj",
        manager: "chef",
        pin_prompt: "Ange din PIN",
        link_ready: "Betallänken klar; QR-koden visas",
        wrong_pin: "Fel PIN-kod.",
    })
    .await;
}
