//! What the screen shows, read back from the X server (not WebKit's own snapshot): a dialog
//! that shrinks while it is open (the Paid screen, when its offers change after an upsell)
//! leaves nothing of itself behind.

use counterpay_e2e::{customer_pays, App};

/// The colour of pixel (x, y) of the whole X screen, as ImageMagick writes it.
fn screen_pixel(x: i64, y: i64) -> String {
    let file = counterpay_e2e::screenshot_dir().join("paid-shrunk-x.png");
    let status = std::process::Command::new("import")
        .args(["-window", "root", file.to_str().unwrap()])
        .status()
        .expect("ImageMagick's import (make deps)");
    assert!(status.success(), "import -window root");
    let out = std::process::Command::new("convert")
        .arg(&file)
        .args(["-format", &format!("%[pixel:p{{{x},{y}}}]"), "info:"])
        .output()
        .expect("convert");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[tokio::test]
async fn a_dialog_that_shrinks_leaves_no_ghost() {
    let app = App::launch().await;
    app.click("product-140").await;
    app.click("charge").await;
    app.find("qr").await;
    customer_pays(&app.text("payment-link").await, true).await;
    app.wait_css("[data-testid=\"sale-state\"][data-state=\"paid\"]").await;
    app.find("upsell-add-101").await;
    // Four T-shirt sizes on offer: a tall dialog. After the upsell, the offers change to
    // one row and the dialog shrinks around its middle.
    let before = app.client.execute("return document.querySelector('.modal').getBoundingClientRect().top;", vec![]).await.unwrap();
    app.click("upsell-add-101").await;
    app.wait_css("li.upsell[data-state=\"charged\"]").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let after = app.client.execute("return document.querySelector('.modal').getBoundingClientRect().top;", vec![]).await.unwrap();
    let (before, after) = (before.as_f64().unwrap(), after.as_f64().unwrap());
    assert!(after > before + 20.0, "the dialog shrank: its top moved from {before} to {after}");
    // The window sits at the screen's top left; a point between the old and the new top
    // edge shows the backdrop (dark), not the dialog's white.
    let y = ((before + after) / 2.0) as i64;
    let pixel = screen_pixel(640, y);
    assert!(!pixel.contains("255,255,255") && !pixel.contains("white"), "a ghost of the dialog at y={y}: {pixel}");
    app.quit().await;
}
