//! Tauri commands: each takes the managed [`Counter`], calls one core method and converts
//! the error to `{code, message}`. No logic lives here. Every command is `async`, so Tauri
//! runs it off the main thread: the window keeps painting while the database, the disk or a
//! PIN hash is busy.

use counterpay_core::admin_api::models::RefundLineRequest;
use counterpay_core::catalog::CatalogResults;
use counterpay_core::config::Settings;
use counterpay_core::db::audit::{AuditEntry, AuditFilter};
use counterpay_core::db::refunds::RefundRecord;
use counterpay_core::db::sales::Filter as HistoryFilter;
use counterpay_core::db::staff::Staff;
use counterpay_core::db::upsells::Upsell;
use counterpay_core::sale::{BasketLine, SaleView};
use counterpay_core::staff::StaffChange;
use counterpay_core::upsell::UpsellOffers;
use counterpay_core::window::{AppStatus, Screen};
use counterpay_core::{text, Counter, PublicError, SettingsView, SetupView};
use rust_decimal::Decimal;
use tauri::{Manager, State};

type Res<T> = Result<T, PublicError>;

#[tauri::command]
pub async fn app_status(app: tauri::AppHandle) -> AppStatus {
    let counter = app.try_state::<Counter>();
    AppStatus {
        store: counter.as_ref().map(|c| c.store_status()),
        counter_id: counter.as_ref().map(|c| c.counter_id().to_string()),
        public_url: counter.as_ref().and_then(|c| c.public_url()),
        version: env!("CARGO_PKG_VERSION"),
        startup_error: app.try_state::<counterpay_core::startup::StartupFailure>().map(|f| f.inner().clone()),
        reachability: counter.as_ref().map(|c| c.reachability()),
        tunnel: counter.as_ref().map(|c| c.tunnel_state()),
        lan_demo: counter.as_ref().and_then(|c| c.listening_on()).filter(|a| !a.ip().is_loopback()).map(|a| a.ip().to_string()),
    }
}

/// A support report (no secrets) to copy.
#[tauri::command]
pub async fn diagnostics(counter: State<'_, Counter>, logs: State<'_, crate::LogDir>) -> Res<String> {
    Ok(counter.diagnostics(env!("CARGO_PKG_VERSION"), Some(&logs.0))?)
}

/// Staff confirmed closing with work open: close the window for good.
#[tauri::command]
pub async fn app_close(window: tauri::Window, confirmed: State<'_, crate::CloseConfirmed>) -> Res<()> {
    confirmed.0.store(true, std::sync::atomic::Ordering::SeqCst);
    window.close().map_err(|e| shell_error(text!("shell-close"), e))
}

/// After a failed start only: put one of the listed backups in place of the database (the
/// current file is kept beside it). Counterpay must then be restarted.
#[tauri::command]
pub async fn startup_restore(app: tauri::AppHandle, backup: String) -> Res<String> {
    let Some(failure) = app.try_state::<counterpay_core::startup::StartupFailure>() else {
        return Err(counterpay_core::Error::Conflict(text!("shell-restore-running")).into());
    };
    Ok(failure.restore(&backup)?)
}

#[tauri::command]
pub async fn catalog_search(counter: State<'_, Counter>, query: String, limit: Option<usize>) -> Res<CatalogResults> {
    Ok(counter.search_catalog(&query, limit.unwrap_or(120)).await?)
}

#[tauri::command]
pub async fn catalog_sync(counter: State<'_, Counter>) -> Res<usize> {
    Ok(counter.sync_catalog().await?)
}

#[tauri::command]
pub async fn sale_charge(
    counter: State<'_, Counter>,
    lines: Vec<BasketLine>,
    approval: Option<String>,
    language: Option<String>,
) -> Res<SaleView> {
    Ok(counter.charge_with(&lines, &counterpay_core::sale::ChargeOptions { approval, language }).await?)
}

/// Close a paid sale at the store again (capture, hand over), after it could not be.
#[tauri::command]
pub async fn sale_close_retry(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.retry_closing(&id).await?)
}

/// The store's fulfillment locations, for choosing this counter's.
#[tauri::command]
pub async fn locations_list(counter: State<'_, Counter>) -> Res<Vec<counterpay_core::admin_api::fulfillment::Location>> {
    Ok(counter.locations().await?)
}

/// A manager accepts the payment held for review.
#[tauri::command]
pub async fn sale_accept_review(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.accept_review(&id).await?)
}

/// A manager turns down the payment held for review.
#[tauri::command]
pub async fn sale_dismiss_review(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.dismiss_review(&id)?)
}

#[tauri::command]
pub async fn sale_retry(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.retry(&id).await?)
}

#[tauri::command]
pub async fn sale_cancel(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.cancel(&id)?)
}

#[tauri::command]
pub async fn sale_get(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.sale_detail(&id)?)
}

/// Opens the sale's own payment page in the system browser; the webview never passes a URL.
#[tauri::command]
pub async fn sale_open_payment_page(app: tauri::AppHandle, counter: State<'_, Counter>, id: String) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    let url = counter.payment_page_url(&id)?;
    app.opener().open_url(url, None::<&str>).map_err(|e| shell_error(text!("shell-browser"), e))
}

#[tauri::command]
pub async fn history_list(
    counter: State<'_, Counter>,
    filter: Option<HistoryFilter>,
    limit: Option<usize>,
    offset: Option<usize>,
) -> Res<Vec<SaleView>> {
    Ok(counter.history(&filter.unwrap_or_default(), limit.unwrap_or(50), offset.unwrap_or(0))?)
}

#[tauri::command]
pub async fn upsell_offers(counter: State<'_, Counter>, sale_id: String) -> Res<UpsellOffers> {
    Ok(counter.upsell_offers(&sale_id)?)
}

#[tauri::command]
pub async fn upsell_add(
    counter: State<'_, Counter>,
    sale_id: String,
    variant_id: i64,
    quantity: i64,
    price: Option<Decimal>,
    approval: Option<String>,
) -> Res<Upsell> {
    Ok(counter.add_upsell_with(&sale_id, variant_id, quantity, price, approval.as_deref()).await?)
}

#[tauri::command]
pub async fn settings_get(counter: State<'_, Counter>) -> Res<SettingsView> {
    Ok(counter.settings_view()?)
}

#[tauri::command]
pub async fn settings_save(counter: State<'_, Counter>, settings: Settings, token: Option<String>) -> Res<SettingsView> {
    Ok(counter.save_settings(settings, token).await?)
}

#[tauri::command]
pub async fn settings_test_connection(counter: State<'_, Counter>) -> Res<counterpay_core::admin_api::StoreInfo> {
    Ok(counter.test_connection().await?)
}

/// "Connect your store": where the guide stands.
#[tauri::command]
pub async fn setup_view(counter: State<'_, Counter>) -> Res<SetupView> {
    Ok(counter.setup_view().await?)
}

/// The guide's first step: check the store's address and token, then keep them.
#[tauri::command]
pub async fn setup_store(counter: State<'_, Counter>, address: String, token: Option<String>) -> Res<SetupView> {
    Ok(counter.setup_store(&address, token).await?)
}

/// The guide: this counter's location.
#[tauri::command]
pub async fn setup_location(counter: State<'_, Counter>, id: i64) -> Res<SetupView> {
    Ok(counter.setup_location(id).await?)
}

/// The guide: the return address (a public URL or a managed tunnel), saved and checked.
#[tauri::command]
pub async fn setup_address(
    counter: State<'_, Counter>,
    public_url: Option<String>,
    tunnel: Option<counterpay_core::tunnel::Tunnel>,
) -> Res<SetupView> {
    Ok(counter.setup_address(public_url, tunnel).await?)
}

/// The guide: check the return address again.
#[tauri::command]
pub async fn setup_check_address(counter: State<'_, Counter>) -> Res<SetupView> {
    Ok(counter.setup_check_address().await?)
}

/// The guide: start the test sale (paid back as soon as it is paid).
#[tauri::command]
pub async fn setup_test_sale(counter: State<'_, Counter>, variant_id: i64, amount: Decimal) -> Res<SaleView> {
    Ok(counter.setup_test_sale(variant_id, amount).await?)
}

/// The guide: finish (without a test sale only when `skip_test`).
#[tauri::command]
pub async fn setup_finish(counter: State<'_, Counter>, skip_test: bool) -> Res<SetupView> {
    Ok(counter.setup_finish(skip_test).await?)
}

/// The guide: back to the demo store.
#[tauri::command]
pub async fn setup_use_demo(counter: State<'_, Counter>) -> Res<SetupView> {
    Ok(counter.setup_use_demo().await?)
}

fn shell_error(what: counterpay_core::words::Text, e: impl std::fmt::Display) -> PublicError {
    let message = text!("shell-failed", what = what, reason = counterpay_core::words::plain(e)).for_staff();
    PublicError { code: counterpay_core::ErrorCode::Internal, message }
}

/// The screens connected to this computer, for choosing where the customer display opens.
#[tauri::command]
pub async fn customer_display_screens(window: tauri::WebviewWindow) -> Res<Vec<Screen>> {
    let primary = window.primary_monitor().ok().flatten().map(|m| *m.position());
    let monitors = window.available_monitors().map_err(|e| shell_error(text!("shell-screens"), e))?;
    Ok(monitors
        .iter()
        .enumerate()
        .map(|(index, m)| Screen {
            index,
            name: m.name().cloned().unwrap_or_else(|| text!("shell-screen", number = index + 1).for_staff()),
            width: m.size().width,
            height: m.size().height,
            primary: Some(*m.position()) == primary,
        })
        .collect())
}

/// Open (or bring forward) the customer-facing display on screen `screen`, full screen if
/// asked. It shows what the counter shows and has no commands of its own (see
/// `capabilities/customer.json`).
#[tauri::command]
pub async fn customer_display_open(app: tauri::AppHandle, screen: Option<usize>, fullscreen: bool) -> Res<()> {
    let window = match app.get_webview_window(crate::CUSTOMER_WINDOW) {
        Some(w) => w,
        None => tauri::WebviewWindowBuilder::new(&app, crate::CUSTOMER_WINDOW, tauri::WebviewUrl::App("index.html#customer".into()))
            .title("Counterpay · customer display")
            .inner_size(900.0, 700.0)
            .focused(false)
            .build()
            .map_err(|e| shell_error(text!("shell-display-open"), e))?,
    };
    if let Some(m) = screen.and_then(|i| window.available_monitors().ok().and_then(|all| all.into_iter().nth(i))) {
        window.set_position(*m.position()).map_err(|e| shell_error(text!("shell-display-move"), e))?;
    }
    window.set_fullscreen(fullscreen).map_err(|e| shell_error(text!("shell-display-fullscreen"), e))?;
    window.show().map_err(|e| shell_error(text!("shell-display-show"), e))?;
    Ok(())
}

/// Close the customer-facing display.
#[tauri::command]
pub async fn customer_display_close(app: tauri::AppHandle) -> Res<()> {
    if let Some(w) = app.get_webview_window(crate::CUSTOMER_WINDOW) {
        w.destroy().map_err(|e| shell_error(text!("shell-display-close"), e))?;
    }
    Ok(())
}

/// `GET /orders/{number}/` for a paid sale; the sale as it is now.
#[tauri::command]
pub async fn sale_refresh(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.refresh_order(&id).await?)
}

/// The store's calculation of a refund (all that is left when `lines` is absent).
#[tauri::command]
pub async fn refund_quote(
    counter: State<'_, Counter>,
    id: String,
    lines: Option<Vec<RefundLineRequest>>,
) -> Res<counterpay_core::admin_api::models::RefundCalculation> {
    Ok(counter.refund_quote(&id, lines).await?)
}

/// Refund, for exactly the amount staff confirmed.
#[tauri::command]
pub async fn refund_send(
    counter: State<'_, Counter>,
    id: String,
    lines: Option<Vec<RefundLineRequest>>,
    confirmed: Decimal,
    goods_back: Option<bool>,
) -> Res<RefundRecord> {
    Ok(counter.refund_with(&id, lines, confirmed, goods_back.unwrap_or(true)).await?)
}

/// Cancel the order at the store, paying back what is left.
#[tauri::command]
pub async fn order_cancel(counter: State<'_, Counter>, id: String, reason: String) -> Res<RefundRecord> {
    Ok(counter.cancel_order(&id, &reason).await?)
}

/// Pull every counter's sales from the store; progress goes to the window's `progress` channel.
#[tauri::command]
pub async fn history_import(
    counter: State<'_, Counter>,
    progress: tauri::ipc::Channel<counterpay_core::back_office::ImportReport>,
) -> Res<counterpay_core::back_office::ImportReport> {
    Ok(counter
        .import_store_history(|report| {
            let _ = progress.send(report.clone());
        })
        .await?)
}

/// The counter window starts taking the core's events: its page number for `events_next`
/// (a reloaded page gets a new one, and the previous page's request is told to stop). Only
/// the counter window may call it, so no other window receives them.
#[tauri::command]
pub async fn events_subscribe(events: State<'_, crate::CoreEvents>) -> Res<u64> {
    Ok(events.0.open())
}

/// The core's events for `page`, in order: waits up to 25 s for the first (an empty list:
/// ask again); `null` when a newer page took over. They come back as the request's answer,
/// never as a script run in the page (see `counterpay_core::events::Mailbox`).
#[tauri::command]
pub async fn events_next(events: State<'_, crate::CoreEvents>, page: u64) -> Res<Option<Vec<counterpay_core::events::Event>>> {
    Ok(events.0.next(page, std::time::Duration::from_secs(25)).await)
}

/// Whether a PIN is needed and who is signed in.
#[tauri::command]
pub async fn staff_state(counter: State<'_, Counter>) -> Res<counterpay_core::staff::SignInState> {
    Ok(counter.sign_in_state()?)
}

/// Sign in (or switch) with a PIN.
#[tauri::command]
pub async fn staff_sign_in(counter: State<'_, Counter>, pin: String) -> Res<Staff> {
    Ok(counter.sign_in(&pin).await?)
}

/// Sign out (Switch user, or the window's idle timer).
#[tauri::command]
pub async fn staff_sign_out(counter: State<'_, Counter>) -> Res<()> {
    Ok(counter.sign_out()?)
}

/// The staff list (managers).
#[tauri::command]
pub async fn staff_list(counter: State<'_, Counter>) -> Res<Vec<Staff>> {
    Ok(counter.staff_list()?)
}

/// Add a staff member (managers; the first must be a manager).
#[tauri::command]
pub async fn staff_add(counter: State<'_, Counter>, change: StaffChange) -> Res<Staff> {
    Ok(counter.add_staff(change)?)
}

/// Change a staff member (managers).
#[tauri::command]
pub async fn staff_update(counter: State<'_, Counter>, id: String, change: StaffChange) -> Res<Staff> {
    Ok(counter.update_staff(&id, change)?)
}

/// The audit log, newest first (managers).
#[tauri::command]
pub async fn audit_list(
    counter: State<'_, Counter>,
    filter: Option<AuditFilter>,
    limit: Option<usize>,
    offset: Option<usize>,
) -> Res<Vec<AuditEntry>> {
    Ok(counter.audit_log(&filter.unwrap_or_default(), limit.unwrap_or(100), offset.unwrap_or(0))?)
}

/// The report for shop days `from` to `to` (managers).
#[tauri::command]
pub async fn report_get(counter: State<'_, Counter>, from: String, to: String) -> Res<counterpay_core::report::Report> {
    Ok(counter.report(counter.parse_day(&from)?, counter.parse_day(&to)?)?)
}

/// Write a CSV export (`sales`, `lines` or `report`) to the Downloads folder (or the data
/// folder's `exports/`); returns the file's path.
#[tauri::command]
pub async fn report_export(app: tauri::AppHandle, counter: State<'_, Counter>, kind: String, from: String, to: String) -> Res<String> {
    let downloads = app.path().download_dir().ok();
    Ok(counter.export_csv_file(&kind, &from, &to, downloads)?.display().to_string())
}

/// Print paid sale `id`'s receipt on the receipt printer (again, from History).
#[tauri::command]
pub async fn receipt_print(counter: State<'_, Counter>, id: String) -> Res<()> {
    Ok(counter.print_receipt(&id).await?)
}

/// The receipt of paid sale `id` as it prints, as a picture.
#[tauri::command]
pub async fn receipt_preview(counter: State<'_, Counter>, id: String) -> Res<counterpay_core::receipt::ReceiptPreview> {
    Ok(counter.receipt_preview(&id)?)
}

/// Print refund `id`'s slip again.
#[tauri::command]
pub async fn refund_slip_print(counter: State<'_, Counter>, id: String) -> Res<()> {
    Ok(counter.print_refund_slip(&id).await?)
}

/// Print a test page on the printer in Settings (saved first).
#[tauri::command]
pub async fn printer_test(counter: State<'_, Counter>) -> Res<()> {
    Ok(counter.print_test_page().await?)
}

/// USB receipt printers on this computer.
#[tauri::command]
pub async fn printers_find(counter: State<'_, Counter>) -> Res<Vec<String>> {
    Ok(counter.find_printers())
}

/// What the app ships, with each licence (Settings › About).
#[tauri::command]
pub async fn app_licences() -> Vec<counterpay_core::window::Licence> {
    counterpay_core::window::Licence::parse_list(include_str!("licences.txt"))
}

/// The language staff picked in the window (or the system's): the core's own sentences
/// (errors, reasons, timeline notes) are written in it from now on.
#[tauri::command]
pub async fn app_language(language: String) {
    counterpay_core::words::set_staff_language(counterpay_core::words::Lang::from_code(&language));
}

/// The window shows the counter with its products: log how long start-up took (once), and
/// at debug level the page's own marks on the way there (`origin` is the page's
/// `performance.timeOrigin`, each mark `performance.now()` at that point), as milliseconds
/// since the process started.
#[tauri::command]
pub async fn app_ready(origin: Option<f64>, marks: Option<Vec<(String, f64)>>) {
    static DONE: std::sync::Once = std::sync::Once::new();
    DONE.call_once(|| {
        let ms = crate::since_start_ms();
        if let (Some(origin), Some(started)) = (origin, crate::STARTED_EPOCH_MS.get()) {
            let page = origin - started;
            tracing::debug!(ms = page.round() as i64, "start-up: the page's time origin");
            for (name, at) in marks.unwrap_or_default().iter().take(32) {
                tracing::debug!(ms = (page + at).round() as i64, mark = %name, "start-up: page");
            }
        }
        tracing::info!(ms, "counter interactive");
    });
}
