//! The installed Debian package (`make test-package` installs it with apt-get first and
//! removes it after): its menu entry, icon, version, licence and dependencies are where a
//! desktop looks for them, and the installed binary sells a demo sale.

use std::process::Command;

use counterpay_e2e::{customer_pays, App};

fn dpkg_field(field: &str) -> String {
    let out = Command::new("dpkg-query").args(["-W", &format!("-f=${{{field}}}"), "counterpay"]).output().expect("dpkg-query");
    assert!(out.status.success(), "the counterpay package is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
#[ignore = "run by `make test-package` against the installed package"]
async fn the_installed_package_is_in_the_menu_and_sells() {
    assert_eq!(dpkg_field("Version"), env!("CARGO_PKG_VERSION"));
    let depends = dpkg_field("Depends");
    assert!(depends.contains("libwebkit2gtk-4.1-0") && depends.contains("libgtk-3-0"), "{depends}");
    let files = dpkg_field("Status");
    assert!(files.contains("installed"), "{files}");

    let desktop = std::fs::read_to_string("/usr/share/applications/Counterpay.desktop").expect("a menu entry");
    assert!(desktop.contains("Exec=counterpay") && desktop.contains("Icon=counterpay"), "{desktop}");
    assert!(desktop.lines().any(|l| l.starts_with("Categories=") && l.len() > "Categories=".len()), "{desktop}");
    let listed = Command::new("dpkg").args(["-L", "counterpay"]).output().expect("dpkg -L");
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.lines().any(|l| l.starts_with("/usr/share/icons/hicolor/") && l.ends_with("/counterpay.png")), "an icon: {listed}");
    let copyright = std::fs::read_to_string("/usr/share/doc/counterpay/copyright").expect("the licence");
    assert!(copyright.starts_with("MIT License"), "{copyright}");
    let shipped = std::fs::read_to_string("/usr/share/doc/counterpay/licences.txt").expect("the licences of what it ships");
    assert!(shipped.contains("# Rust crates") && shipped.contains("tauri v2"), "{shipped}");

    let binary = std::env::var("COUNTERPAY_APP_BINARY").unwrap_or_default();
    assert_eq!(binary, "/usr/bin/counterpay", "the installed binary is the one tested");
    let app = App::launch().await;
    app.find("product-140").await;
    app.click("product-140").await;
    app.click("charge").await;
    app.find("qr").await;
    customer_pays(&app.text("payment-link").await, true).await;
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    assert!(!app.text("order-number").await.is_empty());
    app.click("new-sale").await;
    app.click("tab-settings").await;
    app.wait_text("about-version", |t| t.contains(env!("CARGO_PKG_VERSION"))).await;
    let open = r#"const d = document.querySelector('[data-testid="about-licences"]'); d.open = true; d.scrollIntoView();"#;
    app.client.execute(open, vec![]).await.unwrap();
    app.wait_text("about-licences", |t| t.contains("crates and packages") && t.contains("tauri v2")).await;
    app.screenshot("settings-about").await;
    app.quit().await;
}
