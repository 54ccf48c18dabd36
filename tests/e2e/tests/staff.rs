//! Staff in the real window: the first manager, a cashier who sells but cannot refund (the
//! core refuses it), the PIN screen, and the manager's end-of-day report, audit log and CSV.

use counterpay_e2e::{customer_pays, App};

async fn pin(app: &App, digits: &str) {
    for d in digits.chars() {
        app.click(&format!("pin-{d}")).await;
    }
    app.click("pin-enter").await;
}

#[tokio::test]
async fn staff_roles_and_the_end_of_day() {
    let app = App::launch().await;
    app.find("demo-badge").await;

    // The first manager, then a cashier.
    app.click("tab-settings").await;
    app.find("staff-section").await;
    app.find("staff-name").await.send_keys("Ada").await.unwrap();
    app.find("staff-pin").await.send_keys("111111").await.unwrap();
    app.click("staff-add").await;
    app.wait_text("signed-in", |t| t == "Ada · manager").await;
    app.find("staff-name").await.send_keys("Bo").await.unwrap();
    app.find("staff-role").await.select_by_value("cashier").await.unwrap();
    app.find("staff-pin").await.send_keys("2222").await.unwrap();
    app.click("staff-add").await;
    app.find("staff-Bo").await;

    // Switch: the PIN screen. The cashier signs in and sells.
    app.click("switch-user").await;
    app.find("lock").await;
    app.screenshot("pin").await;
    pin(&app, "2222").await;
    app.wait_text("signed-in", |t| t == "Bo · cashier").await;
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid=\"tab-reports\"]")).await.is_err(), "no Reports for a cashier");
    app.click("tab-counter").await;
    app.click("product-140").await; // $12.00
    app.wait_text("basket-total", |t| t == "$12.00").await;
    app.click("charge").await;
    app.find("qr").await;
    customer_pays(&app.text("payment-link").await, true).await;
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    app.click("new-sale").await;

    // A cashier's refund is refused by the core, whatever the window shows.
    app.click("tab-history").await;
    app.click("history-order").await;
    app.click("detail-refund").await;
    app.click("refund-calculate").await;
    let refused = app.wait_text("dialog-error", |t| !t.is_empty()).await;
    assert!(refused.contains("Only a manager can refund"), "{refused}");

    // A wrong PIN says so; the manager signs in and closes the day.
    app.client.refresh().await.unwrap();
    app.find("switch-user").await;
    app.click("switch-user").await;
    pin(&app, "9999").await;
    app.wait_text("pin-error", |t| t.contains("Wrong PIN")).await;
    pin(&app, "111111").await;
    app.wait_text("signed-in", |t| t == "Ada · manager").await;
    app.click("tab-reports").await;
    app.wait_text("report-sales", |t| t == "1").await;
    assert_eq!(app.text("report-value").await, "$12.00");
    app.find("chart-hours").await;
    app.find("chart-products").await;
    let staff = app.text("report-staff").await;
    assert!(staff.contains("Bo"), "sales by staff: {staff}");
    let audit = app.wait_text("audit", |t| t.contains("staff.sign_in")).await;
    assert!(audit.contains("Bo") && audit.contains("sale.state") && audit.contains("staff.pin_failed"), "{audit}");
    app.screenshot("reports").await;

    app.click("export-report").await;
    let saved = app.wait_text("notice", |t| t.starts_with("Saved ")).await;
    let path = saved.trim_start_matches("Saved ").trim();
    let csv = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert!(csv.starts_with("\u{feff}section,key,count,value,currency"), "{csv}");
    assert!(csv.contains("total,sales,1,12.00,USD"), "{csv}");
    app.quit().await;
}
