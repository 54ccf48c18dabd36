//! Staff in the real window: the first manager, a cashier who sells but cannot refund (the
//! core refuses it), the PIN screen, and the manager's end-of-day report, audit log and CSV.

use counterpay_e2e::{customer_pays, App};

async fn pin(app: &App, digits: &str) {
    for d in digits.chars() {
        app.click(&format!("pin-{d}")).await;
    }
    app.click("pin-enter").await;
}

/// In Settings, add Ada as the first staff member, a manager (PIN 111111): she is signed in.
async fn add_first_manager(app: &App) {
    app.click("tab-settings").await;
    app.find("staff-section").await;
    app.find("staff-name").await.send_keys("Ada").await.unwrap();
    app.find("staff-pin").await.send_keys("111111").await.unwrap();
    app.click("staff-add").await;
    app.wait_text("signed-in", |t| t == "Ada · manager").await;
}

#[tokio::test]
async fn staff_roles_and_the_end_of_day() {
    let app = App::launch().await;
    app.find("demo-badge").await;

    // The first manager, then a cashier.
    add_first_manager(&app).await;
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

/// With 20 staff, a sign-in checks up to 20 PIN hashes; the window keeps painting meanwhile
/// (commands run off the main thread, hashes off the async threads).
#[tokio::test]
async fn the_window_keeps_painting_during_a_sign_in_with_20_staff() {
    let app = App::launch().await;
    app.find("demo-badge").await;
    add_first_manager(&app).await;
    let measured = app
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const invoke = window.__TAURI_INTERNALS__.invoke;
               (async () => {
                 for (let i = 0; i < 19; i++) {
                   await invoke("staff_add", { change: { name: "Staff " + i, role: "cashier", pin: String(300000 + i), active: true } });
                 }
                 let frames = 0, run = true, last = performance.now(), longest = 0;
                 const tick = (t) => { frames += 1; longest = Math.max(longest, t - last); last = t; if (run) requestAnimationFrame(tick); };
                 requestAnimationFrame(tick);
                 const t0 = performance.now();
                 await invoke("staff_sign_in", { pin: "300018" });
                 const took = performance.now() - t0;
                 run = false;
                 done({ frames, took, longest });
               })().catch((e) => done({ error: String(e) }));"#,
            vec![],
        )
        .await
        .unwrap();
    assert!(measured.get("error").is_none(), "{measured}");
    let frames = measured["frames"].as_f64().unwrap();
    let took = measured["took"].as_f64().unwrap();
    eprintln!("sign-in with 20 staff: {took:.0} ms, {frames} frames painted meanwhile, longest gap {:.0} ms", measured["longest"]);
    assert!(frames >= 2.0, "the window painted while the PINs were checked: {measured}");
    assert!(frames >= (took / 100.0).floor(), "at least a frame every 100 ms on average, not one frozen stretch: {measured}");
    app.quit().await;
}
