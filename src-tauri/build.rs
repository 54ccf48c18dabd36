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
    code_order();
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}

/// The release app's functions that start-up, an idle counter and the first sales run go
/// first in its code, in the order of `src-tauri/code-order.txt` (`scripts/code-order.py`
/// writes it). The kernel maps the pages around every page of code that runs, so code spread
/// over the binary kept nearly all of it resident; together, the rest stays on disk
/// (BENCHMARKS.md, the app's memory). Only where the linker is LLD (Rust's own on x86-64
/// Linux since 1.90), which takes the list; `COUNTERPAY_NO_CODE_ORDER=1` leaves it out.
fn code_order() {
    println!("cargo:rerun-if-changed=src-tauri/code-order.txt");
    println!("cargo:rerun-if-env-changed=COUNTERPAY_NO_CODE_ORDER");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let release = var("PROFILE") == "release";
    let target = var("TARGET") == "x86_64-unknown-linux-gnu";
    if !release || !target || std::env::var_os("COUNTERPAY_NO_CODE_ORDER").is_some() || !rustc_links_with_lld() {
        return;
    }
    let list = std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("src-tauri/code-order.txt");
    println!("cargo:rustc-link-arg-bin=counterpay=-Wl,--symbol-ordering-file={}", list.display());
    // Names the code no longer has (it changed since the list was made) are skipped quietly.
    println!("cargo:rustc-link-arg-bin=counterpay=-Wl,--no-warn-symbol-ordering");
}

/// Rust links x86-64 Linux programs with its own LLD from 1.90 on.
fn rustc_links_with_lld() -> bool {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let Ok(out) = std::process::Command::new(rustc).arg("-V").output() else { return false };
    let version = String::from_utf8_lossy(&out.stdout);
    let mut parts = version.split_whitespace().nth(1).unwrap_or("").split('.');
    let major: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let minor: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
    major > 1 || (major == 1 && minor >= 90)
}
