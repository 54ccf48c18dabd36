//! The managed tunnel and the reachability check, against a stand-in tunnel program that
//! prints its URL, forwards to the return endpoint, can be slow, can answer in the
//! counter's place, and dies on demand.

use std::time::Duration;

use counterpay_core::config::{EnvOverrides, Settings};
use counterpay_core::reachability::Reachability;
use counterpay_core::sale::{BasketLine, SaleState};
use counterpay_core::secret::ApiToken;
use counterpay_core::tunnel::{Tunnel, TunnelState};
use counterpay_core::{Counter, DemoStore, ErrorCode, Options};
use counterpay_sandbox::wait::eventually;
use counterpay_sandbox::Sandbox;

const TOKEN: &str = "tunnel-test-token-0123";
const STAND_IN: &str = env!("CARGO_BIN_EXE_stand-in-tunnel");

struct Shop {
    sandbox: Sandbox,
    counter: Counter,
    _dir: tempfile::TempDir,
    _stop: tokio::sync::oneshot::Sender<()>,
}

async fn shop() -> Shop {
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let demo = DemoStore { api_url: sandbox.api_url(), token: ApiToken::new(TOKEN).unwrap(), rate_limit: 20 };
    let counter = Counter::open(Options {
        data_dir: dir.path().to_path_buf(),
        demo: Some(demo),
        env: EnvOverrides::default(),
        api_timeout: Duration::from_secs(5),
        clock: Default::default(),
    })
    .unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    counterpay_core::return_endpoint::serve(counter.clone(), ([127, 0, 0, 1], 0).into(), async {
        let _ = stopped.await;
    })
    .await
    .unwrap();
    counter.sync_catalog().await.unwrap();
    Shop { sandbox, counter, _dir: dir, _stop: stop }
}

async fn use_tunnel(counter: &Counter, flags: &str) {
    let tunnel = Tunnel::Command { command: format!("'{STAND_IN}' --to 127.0.0.1:{{port}} {flags}") };
    let settings = Settings { tunnel: Some(tunnel), ..counter.settings() };
    counter.save_settings(settings, None).await.unwrap();
}

/// Wait until the tunnel state satisfies `ok`; panics after 15 s.
async fn tunnel_until(counter: &Counter, what: &str, ok: impl Fn(&TunnelState) -> bool) -> TunnelState {
    eventually(Duration::from_secs(15), &format!("the tunnel {what}"), || Some(counter.tunnel_state()).filter(|s| ok(s))).await
}

fn up(s: &TunnelState) -> Option<(String, u32)> {
    match s {
        TunnelState::Up { url, pid, .. } => Some((url.clone(), *pid)),
        _ => None,
    }
}

fn alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default().contains(") Z ")
}

#[tokio::test]
async fn a_managed_tunnel_carries_a_sale_and_is_restarted_when_it_dies() {
    let shop = shop().await;
    let counter = &shop.counter;
    use_tunnel(counter, "").await;
    let (url, pid) = up(&tunnel_until(counter, "up", |s| up(s).is_some()).await).unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "the URL the program printed: {url}");
    assert_eq!(counter.public_url().as_deref(), Some(url.as_str()), "its URL is the public URL");
    assert!(matches!(counter.check_reachability().await, Reachability::Reachable { .. }), "our own nonce comes back through it");

    // A whole sale whose customer comes back through the tunnel.
    let sale = counter.charge(&[BasketLine::new(140, 1)]).await.unwrap();
    let (status, page) = counterpay_sandbox::customer::checkout(sale.payment_complete_url.as_deref().unwrap(), true).await.unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("Thank you"), "{page}");
    assert_eq!(counter.sale(&sale.id).unwrap().state, SaleState::Paid);
    let create = shop.sandbox.requests().into_iter().rev().find(|r| r.method == "POST" && r.path.ends_with("/orders/")).unwrap();
    let return_url = create.body.unwrap()["payment_details"]["payment_return_url"].as_str().unwrap().to_string();
    assert!(return_url.starts_with(&format!("{url}/klarna/return/")), "the return link goes through the tunnel: {return_url}");

    // It dies: Counterpay says so, starts it again, and checks the new URL.
    std::process::Command::new("kill").arg("-9").arg(pid.to_string()).status().unwrap();
    let (again, new_pid) = up(&tunnel_until(counter, "up again", |s| up(s).is_some_and(|(_, p)| p != pid)).await).unwrap();
    assert_ne!(again, url, "a quick tunnel comes back on a new URL");
    assert_eq!(counter.public_url().as_deref(), Some(again.as_str()));
    eventually(Duration::from_secs(10), "the new URL checked by itself", || {
        matches!(counter.reachability(), Reachability::Reachable { url: u, .. } if u == again).then_some(())
    })
    .await;
    assert!(counter.charge(&[BasketLine::new(140, 1)]).await.is_ok(), "selling goes on");

    // On exit it is stopped.
    counter.stop_tunnel().await;
    assert_eq!(counter.tunnel_state(), TunnelState::Off);
    eventually(Duration::from_secs(5), "the tunnel program gone", || (!alive(new_pid)).then_some(())).await;
}

#[tokio::test]
async fn a_tunnel_that_keeps_dying_is_restarted_with_the_reason_shown() {
    let shop = shop().await;
    use_tunnel(&shop.counter, "--die-after-ms 300").await;
    let state = tunnel_until(&shop.counter, "restarting", |s| matches!(s, TunnelState::Restarting { .. })).await;
    match state {
        TunnelState::Restarting { reason, retry_in_secs, .. } => {
            assert!(reason.contains("stopped"), "{reason}");
            assert!(retry_in_secs >= 1);
        }
        other => panic!("{other:?}"),
    }
    let err = shop.counter.charge(&[BasketLine::new(140, 1)]).await.expect_err("no sale while the tunnel is down");
    assert_eq!(err.code(), ErrorCode::NotConfigured);
    assert!(err.to_string().contains("tunnel is not up"), "{err}");
    shop.counter.stop_tunnel().await;
}

#[tokio::test]
async fn reachability_through_a_stand_in_tunnel() {
    // Another server answering on the tunnel's URL is not this counter.
    let shop = shop().await;
    use_tunnel(&shop.counter, "--wrong-nonce").await;
    tunnel_until(&shop.counter, "up", |s| up(s).is_some()).await;
    match shop.counter.check_reachability().await {
        Reachability::Unreachable { reason, .. } => assert!(reason.contains("another server"), "{reason}"),
        other => panic!("a wrong nonce is not reachable: {other:?}"),
    }
    let err = shop.counter.charge(&[BasketLine::new(140, 1)]).await.expect_err("Charge is refused while unreachable");
    assert!(err.to_string().contains("Customers could not get back"), "{err}");

    // Slow but within the check's patience: reachable.
    let before = up(&shop.counter.tunnel_state()).unwrap().1;
    use_tunnel(&shop.counter, "--delay-ms 1500").await;
    tunnel_until(&shop.counter, "up", |s| up(s).is_some_and(|(_, pid)| pid != before)).await;
    assert!(matches!(shop.counter.check_reachability().await, Reachability::Reachable { .. }));

    // Slower than the check waits: unreachable, and said so.
    let before = up(&shop.counter.tunnel_state()).unwrap().1;
    use_tunnel(&shop.counter, "--delay-ms 20000").await;
    tunnel_until(&shop.counter, "up", |s| up(s).is_some_and(|(_, pid)| pid != before)).await;
    match shop.counter.check_reachability().await {
        Reachability::Unreachable { reason, .. } => assert!(reason.contains("no answer in time"), "{reason}"),
        other => panic!("a tunnel slower than the timeout is unreachable: {other:?}"),
    }
    shop.counter.stop_tunnel().await;
}

#[tokio::test]
async fn a_tunnel_program_that_is_not_installed_is_named() {
    let shop = shop().await;
    let settings =
        Settings { tunnel: Some(Tunnel::Command { command: "no-such-tunnel-program {port}".into() }), ..shop.counter.settings() };
    shop.counter.save_settings(settings, None).await.unwrap();
    let state = tunnel_until(&shop.counter, "failed", |s| matches!(s, TunnelState::Failed { .. })).await;
    let TunnelState::Failed { reason, .. } = state else { unreachable!() };
    assert!(reason.contains("no-such-tunnel-program is not installed"), "{reason}");
    let err = shop.counter.charge(&[BasketLine::new(140, 1)]).await.expect_err("no sale without a tunnel");
    assert!(err.to_string().contains("not installed"), "staff see why Charge does nothing: {err}");
}

/// With a real store (here the sandbox, named by the environment as a headless counter is)
/// and a managed tunnel, the webhook is registered at the tunnel's URL, and again at the new
/// URL when the tunnel comes back on another one; the tunnel program never sees the token or
/// the webhook secret; the tunnel command is never shown; the environment's token never goes
/// to a store typed in Settings. One test, because it sets process environment variables.
#[tokio::test]
async fn a_real_store_gets_its_webhook_at_the_tunnels_url_and_the_tunnel_gets_no_secrets() {
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), TOKEN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var(counterpay_core::secret::TOKEN_ENV, TOKEN);
    std::env::set_var(counterpay_core::webhooks::SECRET_ENV, "whsec_tunnel_test");
    let env = EnvOverrides { store: Some(sandbox.api_url()), ..Default::default() };
    let counter = Counter::open(Options {
        data_dir: dir.path().to_path_buf(),
        demo: None,
        env,
        api_timeout: Duration::from_secs(5),
        clock: Default::default(),
    })
    .unwrap();
    assert!(!counter.is_demo());
    assert_eq!(counter.store_status().token_source, counterpay_core::secret::TokenSource::Environment, "the environment's own store");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    counterpay_core::return_endpoint::serve(counter.clone(), ([127, 0, 0, 1], 0).into(), async {
        let _ = stopped.await;
    })
    .await
    .unwrap();

    // A real store sells only once this counter's location is chosen, so the store never
    // ships what is handed over here.
    let refused = counter.charge(&[BasketLine::new(140, 1)]).await.unwrap_err();
    assert_eq!(refused.code(), ErrorCode::NotConfigured);
    assert!(refused.to_string().contains("Choose this counter's location in Settings"), "{refused}");
    let shop = counterpay_sandbox::fulfillment::SHOP;
    counter.save_settings(Settings { location_id: Some(shop), ..counter.settings() }, None).await.unwrap();
    let next = counter.charge(&[BasketLine::new(140, 1)]).await.unwrap_err();
    assert!(!next.to_string().contains("location"), "with a location the sale gets past that check: {next}");
    assert_eq!(counter.counter_location().await.unwrap().map(|l| l.name), Some("Shop".into()), "read from the store's locations");

    // A plain-http tunnel: the store would refuse it, so nothing is registered and Settings says why.
    let env_file = dir.path().join("tunnel-env.txt");
    let command = format!("'{STAND_IN}' --to 127.0.0.1:{{port}} --dump-env '{}'", env_file.display());
    counter
        .save_settings(Settings { tunnel: Some(Tunnel::Command { command: command.clone() }), ..counter.settings() }, None)
        .await
        .unwrap();
    tunnel_until(&counter, "up", |s| up(s).is_some()).await;
    // What the tunnel's start asks for in the background, asked here too: nothing at http.
    assert_eq!(counter.ensure_webhook().await.unwrap(), None, "no webhook is registered at a plain-http address");
    let hooks = |s: &Sandbox| s.requests().into_iter().filter(|r| r.method == "POST" && r.path.ends_with("/webhooks/")).collect::<Vec<_>>();
    assert!(hooks(&sandbox).is_empty(), "no webhook at a plain-http address");
    let view = counter.settings_view().unwrap();
    assert!(view.webhook_note.as_deref().unwrap_or("").contains("https"), "Settings says why: {:?}", view.webhook_note);
    let env_names = std::fs::read_to_string(&env_file).unwrap();
    assert!(env_names.contains("PATH"), "the file lists the tunnel's environment");
    assert!(!env_names.contains(counterpay_core::secret::TOKEN_ENV), "the tunnel never gets the store's token");
    assert!(!env_names.contains(counterpay_core::webhooks::SECRET_ENV), "nor the webhook secret");
    let shown = serde_json::to_string(&view).unwrap();
    assert!(!shown.contains(STAND_IN), "the tunnel command is not sent to the window: {shown}");

    // An https tunnel: registered at its URL, and again at the next URL after it dies.
    let https = format!("'{STAND_IN}' --to 127.0.0.1:{{port}} --scheme https");
    counter.save_settings(Settings { tunnel: Some(Tunnel::Command { command: https.clone() }), ..counter.settings() }, None).await.unwrap();
    let (url, pid) = up(&tunnel_until(&counter, "up on https", |s| up(s).is_some_and(|(u, _)| u.starts_with("https://"))).await).unwrap();
    let registered_at =
        |s: &Sandbox| hooks(s).iter().filter_map(|r| r.body.as_ref()?["target"].as_str().map(str::to_string)).collect::<Vec<_>>();
    eventually(Duration::from_secs(10), &format!("a webhook at {url}"), || {
        registered_at(&sandbox).contains(&format!("{url}/webhooks/29next")).then_some(())
    })
    .await;
    std::process::Command::new("kill").arg("-9").arg(pid.to_string()).status().unwrap();
    let (again, _) = up(&tunnel_until(&counter, "up again", |s| up(s).is_some_and(|(_, p)| p != pid)).await).unwrap();
    assert_ne!(again, url, "the stand-in comes back on a new port");
    eventually(Duration::from_secs(10), &format!("a webhook at the new URL {again}"), || {
        registered_at(&sandbox).contains(&format!("{again}/webhooks/29next")).then_some(())
    })
    .await;
    // Saving the settings back as the window shows them keeps the hidden command.
    let shown = counter.settings_view().unwrap().stored;
    assert_eq!(shown.tunnel, Some(Tunnel::Command { command: counterpay_core::tunnel::HIDDEN_COMMAND.into() }));
    counter.save_settings(shown, None).await.unwrap();
    assert_eq!(counter.settings().tunnel, Some(Tunnel::Command { command: https }), "the stored command is kept");
    let audit = counter.audit_log(&Default::default(), 100, 0).unwrap();
    assert!(audit.iter().all(|a| !a.after.as_deref().unwrap_or("").contains(STAND_IN)), "the audit log never holds the command");
    counter.stop_tunnel().await;
    drop(stop);

    // A store typed in Settings (not the environment's) never gets the environment's token.
    let other_dir = tempfile::tempdir().unwrap();
    let typed = Counter::open(Options {
        data_dir: other_dir.path().to_path_buf(),
        demo: None,
        env: EnvOverrides::default(),
        api_timeout: Duration::from_secs(5),
        clock: Default::default(),
    })
    .unwrap();
    let _ = typed.save_settings(Settings { store: Some(sandbox.api_url()), ..typed.settings() }, None).await;
    assert_ne!(
        typed.store_status().token_source,
        counterpay_core::secret::TokenSource::Environment,
        "a typed store never gets the environment's token"
    );
    assert!(typed.test_connection().await.is_err(), "and so cannot use it");
    std::env::remove_var(counterpay_core::secret::TOKEN_ENV);
    std::env::remove_var(counterpay_core::webhooks::SECRET_ENV);
}
