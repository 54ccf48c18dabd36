//! Lists the app's commands so tauri-build generates one permission per command; the
//! capability files in `src-tauri/capabilities/` grant them per window.

const COMMANDS: &[&str] = &[
    "app_status",
    "startup_restore",
    "diagnostics",
    "app_close",
    "catalog_search",
    "catalog_sync",
    "sale_charge",
    "sale_retry",
    "sale_cancel",
    "sale_accept_review",
    "sale_close_retry",
    "locations_list",
    "sale_dismiss_review",
    "sale_get",
    "sale_open_payment_page",
    "history_list",
    "upsell_offers",
    "upsell_add",
    "settings_get",
    "settings_save",
    "settings_test_connection",
    "setup_view",
    "setup_store",
    "setup_location",
    "setup_address",
    "setup_check_address",
    "setup_test_sale",
    "setup_finish",
    "setup_use_demo",
    "customer_display_screens",
    "customer_display_open",
    "customer_display_close",
    "sale_refresh",
    "refund_quote",
    "refund_send",
    "order_cancel",
    "history_import",
    "staff_state",
    "staff_sign_in",
    "staff_sign_out",
    "staff_list",
    "staff_add",
    "staff_update",
    "audit_list",
    "report_get",
    "report_export",
    "app_ready",
    "app_language",
    "app_licences",
    "receipt_print",
    "receipt_preview",
    "refund_slip_print",
    "printer_test",
    "printers_find",
    "events_subscribe",
    "events_next",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
