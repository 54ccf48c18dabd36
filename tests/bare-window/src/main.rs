//! A bare Tauri 2 window with an empty page: the same WebKitGTK, painted on the CPU as
//! Counterpay's counter window is. The app's benchmarks start it and measure it with the same
//! code, so each of Counterpay's figures stands beside what any Tauri window costs here. It
//! prints `bare window painted ms=<since start> page_ms=<since start>` once its first frame
//! is painted: the second figure is when its page began to load.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tauri::Manager;

/// The process's start, and the same moment on the wall clock in milliseconds since the epoch.
struct Started(Instant, f64);

/// `origin`: the page's `performance.timeOrigin` (milliseconds since the epoch).
#[tauri::command]
fn painted(started: tauri::State<'_, Started>, origin: Option<f64>) {
    let page = origin.map(|o| (o - started.1).round() as i64).unwrap_or(-1);
    println!("bare window painted ms={} page_ms={page}", started.0.elapsed().as_millis());
}

fn main() {
    let epoch_ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0);
    let started = Started(Instant::now(), epoch_ms);
    tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![painted])
        .setup(|app| {
            #[cfg(target_os = "linux")]
            if let Some(window) = app.get_webview_window("main") {
                // As Counterpay's counter window: no accelerated compositing.
                let _ = window.with_webview(|webview| {
                    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
                    if let Some(settings) = WebViewExt::settings(&webview.inner()) {
                        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                    }
                });
            }
            #[cfg(not(target_os = "linux"))]
            let _ = app;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the bare window runs");
}
