//! Tauri commands: each takes the managed [`Counter`], calls one core method and converts
//! the error to `{code, message}`. No logic lives here.

use counterpay_core::catalog::CatalogResults;
use counterpay_core::checkout::{BasketLine, SaleView};
use counterpay_core::config::Settings;
use counterpay_core::db::sales::Filter as HistoryFilter;
use counterpay_core::db::upsells::Upsell;
use counterpay_core::upsell::UpsellOffers;
use counterpay_core::{Counter, PublicError, SettingsView, StoreStatus};
use rust_decimal::Decimal;
use serde::Serialize;
use tauri::{Manager, State};

type Res<T> = Result<T, PublicError>;

/// What the window needs at start: the counter, or why there is none.
#[derive(Serialize)]
pub struct AppStatus {
    store: Option<StoreStatus>,
    counter_id: Option<String>,
    public_url: Option<String>,
    version: &'static str,
    startup_error: Option<crate::StartupFailure>,
    reachability: Option<counterpay_core::reachability::Reachability>,
}

#[tauri::command]
pub fn app_status(app: tauri::AppHandle) -> AppStatus {
    let counter = app.try_state::<Counter>();
    AppStatus {
        store: counter.as_ref().map(|c| c.store_status()),
        counter_id: counter.as_ref().map(|c| c.counter_id().to_string()),
        public_url: counter.as_ref().and_then(|c| c.public_url()),
        version: env!("CARGO_PKG_VERSION"),
        startup_error: app.try_state::<crate::StartupFailure>().map(|f| f.inner().clone()),
        reachability: counter.as_ref().map(|c| c.reachability()),
    }
}

/// A support report (no secrets) to copy.
#[tauri::command]
pub fn diagnostics(counter: State<'_, Counter>, logs: State<'_, crate::LogDir>) -> Res<String> {
    Ok(counter.diagnostics(env!("CARGO_PKG_VERSION"), Some(&logs.0))?)
}

/// Staff confirmed closing with work open: close the window for good.
#[tauri::command]
pub fn app_close(window: tauri::Window, confirmed: State<'_, crate::CloseConfirmed>) -> Res<()> {
    confirmed.0.store(true, std::sync::atomic::Ordering::SeqCst);
    window.close().map_err(|e| PublicError { code: counterpay_core::ErrorCode::Internal, message: format!("Could not close: {e}") })
}

/// After a failed start only: put one of the listed backups in place of the database (the
/// current file is kept beside it). Counterpay must then be restarted.
#[tauri::command]
pub fn startup_restore(app: tauri::AppHandle, backup: String) -> Res<String> {
    let Some(failure) = app.try_state::<crate::StartupFailure>() else {
        return Err(counterpay_core::Error::Conflict("Counterpay is running; restore only after a failed start.".into()).into());
    };
    let chosen = std::path::PathBuf::from(&backup);
    if !failure.backups.contains(&chosen) {
        return Err(counterpay_core::Error::Invalid("Choose one of the listed backups.".into()).into());
    }
    let kept = counterpay_core::db::backup::restore(&failure.database, &chosen)?;
    Ok(match kept {
        Some(old) => format!("Restored. The previous file is kept as {}. Close and reopen Counterpay.", old.display()),
        None => "Restored. Close and reopen Counterpay.".into(),
    })
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
pub async fn sale_charge(counter: State<'_, Counter>, lines: Vec<BasketLine>) -> Res<SaleView> {
    Ok(counter.charge(&lines).await?)
}

#[tauri::command]
pub async fn sale_retry(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.retry(&id).await?)
}

#[tauri::command]
pub fn sale_cancel(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.cancel(&id)?)
}

#[tauri::command]
pub fn sale_get(counter: State<'_, Counter>, id: String) -> Res<SaleView> {
    Ok(counter.sale(&id)?)
}

/// Opens the sale's own payment page in the system browser; the webview never passes a URL.
#[tauri::command]
pub fn sale_open_payment_page(app: tauri::AppHandle, counter: State<'_, Counter>, id: String) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    let sale = counter.sale(&id)?;
    let Some(url) = sale.payment_complete_url else {
        return Err(counterpay_core::Error::Conflict("This sale has no open payment page.".into()).into());
    };
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| PublicError { code: counterpay_core::ErrorCode::Internal, message: format!("Could not open the browser: {e}") })
}

#[tauri::command]
pub fn history_list(
    counter: State<'_, Counter>,
    filter: Option<HistoryFilter>,
    limit: Option<usize>,
    offset: Option<usize>,
) -> Res<Vec<SaleView>> {
    Ok(counter.history(&filter.unwrap_or_default(), limit.unwrap_or(50), offset.unwrap_or(0))?)
}

#[tauri::command]
pub fn upsell_offers(counter: State<'_, Counter>, sale_id: String) -> Res<UpsellOffers> {
    Ok(counter.upsell_offers(&sale_id)?)
}

#[tauri::command]
pub async fn upsell_add(
    counter: State<'_, Counter>,
    sale_id: String,
    variant_id: i64,
    quantity: i64,
    price: Option<Decimal>,
) -> Res<Upsell> {
    Ok(counter.add_upsell(&sale_id, variant_id, quantity, price).await?)
}

#[tauri::command]
pub fn settings_get(counter: State<'_, Counter>) -> SettingsView {
    counter.settings_view()
}

#[tauri::command]
pub async fn settings_save(counter: State<'_, Counter>, settings: Settings, token: Option<String>) -> Res<SettingsView> {
    Ok(counter.save_settings(settings, token).await?)
}

#[tauri::command]
pub async fn settings_test_connection(counter: State<'_, Counter>) -> Res<counterpay_core::admin_api::StoreInfo> {
    Ok(counter.test_connection().await?)
}
