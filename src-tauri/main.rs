//! The Counterpay desktop app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's accelerated compositing more than doubles the web process's memory (about
    // 230 MB against 105 MB, measured by `make bench`) and brings nothing to a form-and-list
    // UI. It stays off unless the environment says otherwise, set before any thread starts.
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    counterpay_app::run();
}
