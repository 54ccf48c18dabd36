//! Settings and the store connection, as the Settings view uses them.

use counterpay_core::config::Settings;
use counterpay_core::sale::{BasketLine, SaleState};
use counterpay_core::{Counter, ErrorCode};

use crate::support::*;

#[tokio::test]
async fn gateway_and_public_url_settings_shape_the_create_request() {
    let h = harness().await;
    // A public name for the endpoint (as a tunnel gives), reachable here as localhost.
    let public = format!("http://localhost:{}", h.endpoint.port());
    let settings = Settings {
        payment_gateway: Some(7),
        payment_gateway_group: Some(3),
        public_url: Some(format!("{public}/")),
        ..h.counter.settings()
    };
    let view = h.counter.save_settings(settings, None).await.unwrap();
    assert_eq!(view.public_url.as_deref(), Some(public.as_str()), "the trailing slash is dropped");

    let sale = h.counter.charge(&[BasketLine::new(140, 1)]).await.unwrap();
    assert_eq!(sale.state, SaleState::AwaitingPayment);
    let body = h.sandbox.requests().into_iter().rev().find(|r| r.method == "POST" && r.path == "/api/admin/orders/").unwrap().body.unwrap();
    assert_matches_schema("CreateOrder", &body);
    let details = &body["payment_details"];
    assert_eq!((details["payment_gateway"].as_i64(), details["payment_gateway_group"].as_i64()), (Some(7), Some(3)));
    assert!(
        details["payment_return_url"].as_str().unwrap().starts_with(&format!("{public}/klarna/return/")),
        "the store sends the customer to the public URL, not the loopback listener: {details}"
    );
}

#[tokio::test]
async fn invalid_settings_are_refused_and_nothing_is_saved() {
    let h = harness().await;
    let before = h.counter.settings();
    for bad in [
        Settings { public_url: Some("ftp://x".into()), ..before.clone() },
        Settings { store: Some("not a store!".into()), ..before.clone() },
        Settings { payment_gateway: Some(-1), ..before.clone() },
        Settings { currency: Some("dollars".into()), ..before.clone() },
    ] {
        let err = h.counter.save_settings(bad.clone(), None).await.expect_err("must be refused");
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{bad:?}: {err}");
    }
    assert_eq!(h.counter.settings(), before, "a refused save changes nothing");
}

#[tokio::test]
async fn a_real_store_without_a_token_says_what_to_do() {
    let h = harness().await;
    // A full Admin API URL selects a real store; this one has no token anywhere.
    let settings = Settings { store: Some("http://127.0.0.1:9/api/admin/".into()), ..h.counter.settings() };
    if std::env::var_os(counterpay_core::secret::TOKEN_ENV).is_some() {
        return; // a token in the environment would be used instead; nothing to check here
    }
    h.counter.save_settings(settings, None).await.unwrap();
    assert!(!h.counter.is_demo());
    let err = h.counter.charge(&[BasketLine::new(140, 1)]).await.expect_err("no token, no sale");
    assert_eq!(err.code(), ErrorCode::NotConfigured);
    assert!(err.to_string().contains("COUNTERPAY_API_TOKEN") || err.to_string().contains("keyring"), "{err}");

    // Back to the demo store: selling works again.
    let demo = Settings { store: None, ..h.counter.settings() };
    h.counter.save_settings(demo, None).await.unwrap();
    let info = h.counter.test_connection().await.unwrap();
    assert_eq!(info.name, "Counterpay Demo Shop");
}

#[tokio::test]
async fn diagnostics_help_support_without_secrets() {
    let h = harness().await;
    assert_eq!(h.counter.open_work().unwrap(), counterpay_core::OpenWork { sales: 0, upsells: 0, refunds: 0, closing: 0 });
    let sale = h.counter.charge(&[BasketLine::new(140, 1)]).await.unwrap();
    assert_eq!(h.counter.open_work().unwrap().sales, 1, "a sale awaiting payment is open work");
    let logs = tempfile::tempdir().unwrap();
    std::fs::write(logs.path().join("counterpay.2026-11-26.log"), "line one\nsale paid order=10001\n").unwrap();
    let report = h.counter.diagnostics("9.9.9", Some(logs.path())).unwrap();
    assert!(report.contains("Counterpay 9.9.9") && report.contains(h.counter.counter_id()));
    assert!(report.contains("awaiting_payment"), "{report}");
    assert!(report.contains("sale paid order=10001"), "the end of the log is included");
    assert!(!report.contains(TOKEN), "the token never appears in diagnostics");
    h.counter.cancel(&sale.id).unwrap();
    assert_eq!(h.counter.open_work().unwrap().sales, 0);
}

#[tokio::test]
async fn a_sale_waits_until_customers_can_get_back() {
    use counterpay_core::reachability::Reachability;
    let h = harness().await;
    assert!(matches!(h.counter.check_reachability().await, Reachability::Reachable { .. }), "the local listener answers its own nonce");

    // A tunnel that is down.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let down = Settings { public_url: Some(format!("http://{dead}")), ..h.counter.settings() };
    h.counter.save_settings(down, None).await.unwrap();
    match h.counter.check_reachability().await {
        Reachability::Unreachable { reason, .. } => assert!(reason.contains("cannot connect"), "{reason}"),
        other => panic!("a closed port is unreachable, got {other:?}"),
    }
    let err = h.counter.charge(&[BasketLine::new(140, 1)]).await.expect_err("no sale while customers cannot come back");
    assert_eq!(err.code(), ErrorCode::NotConfigured);
    assert!(err.to_string().contains("Check the tunnel"), "{err}");
    assert_eq!(counterpay_core::db::sales::count(h.counter.db()).unwrap(), 0, "and nothing is stored");

    // Something else answers on that URL (the sandbox): not this counter.
    let other = Settings { public_url: Some(format!("http://{}", h.sandbox.addr())), ..h.counter.settings() };
    h.counter.save_settings(other, None).await.unwrap();
    assert!(matches!(h.counter.check_reachability().await, Reachability::Unreachable { .. }), "only our own nonce counts");

    // Back to the local listener: selling works again.
    let local = Settings { public_url: None, ..h.counter.settings() };
    h.counter.save_settings(local, None).await.unwrap();
    assert!(matches!(h.counter.check_reachability().await, Reachability::Reachable { .. }));
    assert!(h.counter.charge(&[BasketLine::new(140, 1)]).await.is_ok());
}

#[tokio::test]
async fn tunnel_and_phone_demo_settings_are_kept_and_checked() {
    use counterpay_core::tunnel::Tunnel;
    let h = harness().await;
    let both =
        Settings { public_url: Some("https://counter.example.com".into()), tunnel: Some(Tunnel::Cloudflared), ..h.counter.settings() };
    let err = h.counter.save_settings(both, None).await.expect_err("a public URL and a managed tunnel contradict each other");
    assert!(err.to_string().contains("not both"), "{err}");
    let no_port = Settings { tunnel: Some(Tunnel::Command { command: "my-tunnel".into() }), ..h.counter.settings() };
    assert!(h.counter.save_settings(no_port, None).await.unwrap_err().to_string().contains("{port}"));

    // The shell reads the phone-demo switch before it starts the demo store.
    assert_eq!(Counter::peek_settings(h.dir.path()).map(|s| s.lan_demo), None, "nothing saved yet");
    let lan = Settings { lan_demo: true, ..h.counter.settings() };
    h.counter.save_settings(lan, None).await.unwrap();
    assert_eq!(Counter::peek_settings(h.dir.path()).map(|s| s.lan_demo), Some(true));
}
