//! The desktop shell: starts the demo store and the core, serves the return endpoint,
//! forwards core events to the window, and exposes the commands. Nothing else.

mod commands;

use std::net::SocketAddr;
use std::path::PathBuf;

use counterpay_core::config::ENV_DATA_DIR;
use counterpay_core::secret::ApiToken;
use counterpay_core::{Counter, DemoStore, Options};
use counterpay_sandbox::Sandbox;
use tauri::Manager;

fn data_dir(app: &tauri::App) -> PathBuf {
    match std::env::var_os(ENV_DATA_DIR) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => app.path().app_data_dir().unwrap_or_else(|_| PathBuf::from("counterpay-data")),
    }
}

async fn start(app: &tauri::App) -> Result<(Counter, Sandbox), Box<dyn std::error::Error>> {
    // The demo store runs whenever the app does: it is the store until a real one is set.
    let demo_token = counterpay_core::sale::random_token();
    // It keeps the real API's 4 requests a second, so the demo behaves like a store.
    let rate = std::env::var(ENV_DEMO_RATE)
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|r| *r > 0)
        .unwrap_or(counterpay_core::admin_api::DEFAULT_RATE_LIMIT);
    // Nobody inspects its request log here; keeping it would grow with every sale.
    let mut config = counterpay_sandbox::Config { rate_limit: Some(rate), keep_log: false, ..counterpay_sandbox::Config::new(&demo_token) };
    if let Some(shop) = std::env::var(ENV_DEMO_SHOP).ok().as_deref().and_then(counterpay_sandbox::Shop::parse) {
        config.shop = shop;
        config.catalog = counterpay_sandbox::Catalog::demo_for(shop);
    }
    // A shop with a large catalog (benchmarks): the demo store sells that many generated
    // products instead of the demo shop's, in pages of 100.
    if let Some(products) = std::env::var(ENV_DEMO_PRODUCTS).ok().and_then(|n| n.parse::<usize>().ok()).filter(|n| *n > 0) {
        config.catalog = counterpay_sandbox::Catalog::generated(products);
        config.page_size = 100;
    }
    // The phone demo serves the demo store's payment page and the return endpoint on this
    // computer's network address (read from the settings before the store starts).
    let lan = counterpay_core::Counter::peek_settings(&data_dir(app))
        .filter(|s| s.lan_demo && s.store.is_none() && counterpay_core::config::EnvOverrides::from_env().store.is_none())
        .and_then(|_| counterpay_core::lan::address());
    let host = lan.unwrap_or(std::net::IpAddr::from([127, 0, 0, 1]));
    let sandbox = Sandbox::start_with(SocketAddr::new(host, 0), config).await?;
    let demo = DemoStore { api_url: sandbox.api_url(), token: ApiToken::new(demo_token)?, rate_limit: rate };
    let counter = Counter::open(Options::new(data_dir(app), Some(demo)))?;

    let mut listen: SocketAddr = counter.settings().listen.parse()?;
    if let Some(ip) = lan.filter(|_| counter.is_demo()) {
        tracing::info!(%ip, "phone demo: serving on the local network");
        listen.set_ip(ip);
    }
    let (shutdown_tx, shutdown_rx) = tokio::sync::watch::channel(false);
    let stopped = move || {
        let mut rx = shutdown_rx.clone();
        async move {
            let _ = rx.wait_for(|stop| *stop).await;
        }
    };
    let server = match counterpay_core::return_endpoint::serve(counter.clone(), listen, stopped()).await {
        Ok((_, server)) => server,
        Err(e) if counter.is_demo() => {
            // In demo mode any free loopback port will do; a real store needs the configured one.
            tracing::warn!(%listen, error = %e, "listen address busy; demo mode uses a free port");
            counterpay_core::return_endpoint::serve(counter.clone(), SocketAddr::from(([127, 0, 0, 1], 0)), stopped()).await?.1
        }
        Err(e) => return Err(format!("cannot listen on {listen}: {e}").into()),
    };
    app.manage(ShutdownSignal(shutdown_tx, std::sync::Mutex::new(Some(server))));
    counter.resume()?;
    Ok((counter, sandbox))
}

/// Stops the return endpoint; the task ends once requests in flight have been answered.
/// When the process started, for the start-up figure in the log.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
/// The same moment on the wall clock, in milliseconds since the epoch: the page's marks
/// (`performance.timeOrigin` based) are placed against it.
pub static STARTED_EPOCH_MS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();

/// Milliseconds since the process started, for the start-up timeline (debug log).
pub fn since_start_ms() -> u128 {
    STARTED.get().map(|t| t.elapsed().as_millis()).unwrap_or(0)
}

/// `COUNTERPAY_DEMO_RATE_LIMIT`: requests a second the embedded demo store allows (4, as the
/// real Admin API, unless set; benchmarks raise it to drive many sales quickly).
const ENV_DEMO_RATE: &str = "COUNTERPAY_DEMO_RATE_LIMIT";
/// Which demo shop: `us` (USD, English catalog; the default), `de` (EUR, German) or `sv`
/// (SEK, Swedish).
const ENV_DEMO_SHOP: &str = "COUNTERPAY_DEMO_SHOP";
/// `COUNTERPAY_DEMO_PRODUCTS`: the demo store sells this many generated products (about 1.9
/// variants each) instead of the demo shop's 38, for measuring a large shop.
const ENV_DEMO_PRODUCTS: &str = "COUNTERPAY_DEMO_PRODUCTS";

/// The customer-facing display's window label.
pub const CUSTOMER_WINDOW: &str = "customer";

struct ShutdownSignal(tokio::sync::watch::Sender<bool>, std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>);

/// How long exit waits for the return endpoint to answer requests in flight.
const DRAIN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
struct DemoStoreHandle(#[allow(dead_code)] Sandbox);

/// Where log files go: `logs/` in the data folder.
pub struct LogDir(pub PathBuf);
struct LogGuard(#[allow(dead_code)] tracing_appender::non_blocking::WorkerGuard);
/// The core's events for the counter window, kept until it asks (see `commands::events_next`).
pub struct CoreEvents(pub std::sync::Arc<counterpay_core::events::Mailbox>);

/// Set once staff confirmed closing with work still open.
pub struct CloseConfirmed(std::sync::atomic::AtomicBool);

/// Log lines waiting for the log file's writer thread, at most.
const LOG_QUEUE_LINES: usize = 2048;

/// Logs to the terminal and to a daily file in `dir`, the newest 7 kept. Order numbers and
/// sale ids appear in them; tokens, secrets and customer names never do.
fn init_logs(dir: &std::path::Path) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = || tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    // Logs name orders and sales: readable by this user alone.
    let _ = counterpay_core::db::private_dir(dir);
    let file = tracing_appender::rolling::Builder::new()
        .rotation(tracing_appender::rolling::Rotation::DAILY)
        .filename_prefix("counterpay")
        .filename_suffix("log")
        .max_log_files(7)
        .build(dir);
    match file {
        Ok(file) => {
            // The writer's queue is allocated whole at start: tracing-appender's default of
            // 128,000 lines kept 4 MB resident for a log that writes a few lines a minute.
            // Past LOG_QUEUE_LINES waiting lines (a stalled disk), new lines are
            // dropped rather than holding up a sale.
            let (writer, guard) =
                tracing_appender::non_blocking::NonBlockingBuilder::default().buffered_lines_limit(LOG_QUEUE_LINES).finish(file);
            let _ = tracing_subscriber::registry()
                .with(filter())
                .with(tracing_subscriber::fmt::layer())
                .with(tracing_subscriber::fmt::layer().with_ansi(false).with_writer(writer))
                .try_init();
            Some(guard)
        }
        Err(e) => {
            let _ = tracing_subscriber::fmt().with_env_filter(filter()).try_init();
            tracing::warn!(error = %e, dir = %dir.display(), "no log file; logging to the terminal only");
            None
        }
    }
}

/// The counter's page is text, buttons and one QR code: WebKit paints it on the CPU without
/// accelerated compositing. With compositing, WebKit keeps GPU layers for the page (software
/// GL where there is no GPU), which costs about 100 MB of memory and buys nothing here.
/// Set `COUNTERPAY_GPU_COMPOSITING=1` to keep WebKit's default.
fn paint_without_gpu(window: &tauri::WebviewWindow) {
    #[cfg(target_os = "linux")]
    if std::env::var_os("COUNTERPAY_GPU_COMPOSITING").is_none_or(|v| v != "1") {
        let done = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(e) = done {
            tracing::warn!(error = %e, "cannot set the window's painting; WebKit's default stays");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

/// The page's JavaScript runs in JavaScriptCore's interpreter only, unless the environment
/// says otherwise (`JSC_useJIT=true` brings the baseline compiler back, and with
/// `JSC_useDFGJIT=true` the optimising ones too).
///
/// The counter's code runs in short bursts (a key, a scan, a sale's change) in which WebKit's
/// layout and painting take most of the time: without the compilers a keystroke's results are
/// painted 4 ms later at the 95th percentile, still well inside its target, and the compilers'
/// own code and what they compiled no longer stay resident in the web process: 6 MB for the
/// optimising ones, 4 MB more for the baseline one, idle (BENCHMARKS.md, speed as felt).
fn tune_javascript() {
    for (name, value) in [("JSC_useDFGJIT", "false"), ("JSC_useJIT", "false")] {
        if std::env::var_os(name).is_none() {
            // Before any thread is started: nothing else reads the environment yet. WebKit's
            // web process inherits it.
            std::env::set_var(name, value);
        }
    }
}

/// Run the app.
pub fn run() {
    let _ = STARTED.set(std::time::Instant::now());
    let _ = STARTED_EPOCH_MS
        .set(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0));
    tune_javascript();
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let log_dir = data_dir(app).join("logs");
            if let Some(guard) = init_logs(&log_dir) {
                app.manage(LogGuard(guard));
            }
            tracing::debug!(ms = since_start_ms(), "start-up: setup");
            app.manage(LogDir(log_dir));
            app.manage(CloseConfirmed(std::sync::atomic::AtomicBool::new(false)));
            let (counter, sandbox) = match tauri::async_runtime::block_on(start(app)) {
                Ok(started) => started,
                Err(e) => {
                    tracing::error!(error = %e, "Counterpay could not start");
                    app.manage(counterpay_core::startup::StartupFailure::new(&e, &data_dir(app)));
                    return Ok(());
                }
            };
            // The start-up failure screen above keeps WebKit's default painting: with the
            // policy switched under it, WebDriver's screenshot of that static page never returned.
            tracing::debug!(ms = since_start_ms(), "start-up: core started");
            if let Some(window) = app.get_webview_window("main") {
                paint_without_gpu(&window);
            }
            app.manage(DemoStoreHandle(sandbox));
            app.manage(counter.clone());

            // Core events go to the counter window's mailbox only: the customer display is
            // fed by the counter window with what it shows, and never receives staff or
            // customer names.
            let mailbox = std::sync::Arc::new(counterpay_core::events::Mailbox::new());
            app.manage(CoreEvents(mailbox.clone()));
            let mut events = counter.subscribe();
            tauri::async_runtime::spawn(async move {
                loop {
                    match events.recv().await {
                        Ok(event) => mailbox.push(event),
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                            // What the window shows may be out of date: it reads it again.
                            tracing::warn!(n, "window missed events");
                            mailbox.push(counterpay_core::events::Event::Resync { missed: n });
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                    }
                }
            });
            let syncing = counter.clone();
            tauri::async_runtime::spawn(async move {
                // Start from the cache; refresh the store's details and catalog behind it.
                syncing.apply_tunnel_settings().await;
                if let Err(e) = syncing.test_connection().await {
                    tracing::warn!(error = %e, "store not reachable at start");
                }
                syncing.spawn_reconciler(std::time::Duration::from_secs(60));
                syncing.spawn_reachability_checks(std::time::Duration::from_secs(60));
                syncing.spawn_daily_backups();
                // With an empty catalog (a first start) there is nothing to sell until it is
                // here: it syncs first, before the store's other requests (4 a second in all).
                // With a cached one the counter sells at once and the sync runs last.
                let empty = counterpay_core::db::catalog::count(syncing.db()).map(|n| n == 0).unwrap_or(true);
                if empty {
                    if let Err(e) = syncing.sync_catalog().await {
                        tracing::warn!(error = %e, "catalog sync failed; selling from the cache");
                    }
                }
                // Closing a sale reads the location itself if it is not known yet.
                if let Err(e) = syncing.counter_location().await {
                    tracing::warn!(error = %e, "this counter's location not read from the store yet");
                }
                if let Err(e) = syncing.ensure_metadata().await {
                    tracing::warn!(error = %e, "order metadata keys not defined on the store; sales still match by their tag");
                }
                if let Err(e) = syncing.ensure_webhook().await {
                    tracing::warn!(error = %e, "webhook not registered; reconciliation still finds payments");
                }
                if !empty {
                    if let Err(e) = syncing.sync_catalog().await {
                        tracing::warn!(error = %e, "catalog sync failed; selling from the cache");
                    }
                }
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::startup_restore,
            commands::diagnostics,
            commands::app_close,
            commands::catalog_search,
            commands::catalog_sync,
            commands::sale_charge,
            commands::sale_retry,
            commands::sale_cancel,
            commands::sale_accept_review,
            commands::sale_close_retry,
            commands::locations_list,
            commands::sale_dismiss_review,
            commands::sale_get,
            commands::sale_open_payment_page,
            commands::history_list,
            commands::upsell_offers,
            commands::upsell_add,
            commands::settings_get,
            commands::settings_save,
            commands::settings_test_connection,
            commands::setup_view,
            commands::setup_store,
            commands::setup_location,
            commands::setup_address,
            commands::setup_check_address,
            commands::setup_test_sale,
            commands::setup_finish,
            commands::setup_use_demo,
            commands::customer_display_screens,
            commands::customer_display_open,
            commands::customer_display_close,
            commands::sale_refresh,
            commands::refund_quote,
            commands::refund_send,
            commands::order_cancel,
            commands::history_import,
            commands::staff_state,
            commands::staff_sign_in,
            commands::staff_sign_out,
            commands::staff_list,
            commands::staff_add,
            commands::staff_update,
            commands::audit_list,
            commands::report_get,
            commands::report_export,
            commands::app_ready,
            commands::app_language,
            commands::app_licences,
            commands::receipt_print,
            commands::receipt_preview,
            commands::refund_slip_print,
            commands::printer_test,
            commands::printers_find,
            commands::events_subscribe,
            commands::events_next,
        ])
        .build(tauri::generate_context!())
        .expect("Counterpay could not start")
        .run(|app, event| {
            if let tauri::RunEvent::WindowEvent { label, event: tauri::WindowEvent::CloseRequested { api, .. }, .. } = &event {
                // Closing with a sale or upsell still open: ask first. Payments still reach
                // the store and are settled at the next start, but staff should know.
                let confirmed = app.try_state::<CloseConfirmed>().is_some_and(|c| c.0.load(std::sync::atomic::Ordering::SeqCst));
                // The customer display closes freely: only the counter window holds the work.
                let open = app
                    .try_state::<Counter>()
                    .filter(|_| label.as_str() != CUSTOMER_WINDOW)
                    .and_then(|c| c.open_work().ok())
                    .filter(|w| w.sales + w.upsells + w.refunds + w.closing > 0);
                let mailbox = app.try_state::<CoreEvents>().map(|c| c.0.clone()).filter(|m| m.opened());
                if let (false, Some(work), Some(mailbox)) = (confirmed, open, mailbox) {
                    // Asked through the window's events, like every core event.
                    api.prevent_close();
                    mailbox.push(counterpay_core::events::Event::CloseRequested { work });
                }
            }
            if let tauri::RunEvent::Exit = event {
                if let Some(counter) = app.try_state::<Counter>() {
                    // A tunnel Counterpay started is stopped with it.
                    tauri::async_runtime::block_on(counter.stop_tunnel());
                }
                if let Some(signal) = app.try_state::<ShutdownSignal>() {
                    // The return endpoint stops accepting, answers the requests in flight (a
                    // customer's return being verified), then stops; exit waits for that.
                    let _ = signal.0.send(true);
                    if let Some(server) = signal.1.lock().ok().and_then(|mut s| s.take()) {
                        if tauri::async_runtime::block_on(tokio::time::timeout(DRAIN_TIMEOUT, server)).is_err() {
                            tracing::warn!("return endpoint still busy after {DRAIN_TIMEOUT:?}; exiting anyway");
                        }
                    }
                }
            }
        });
}
