//! A bare Tauri 2 window with an empty page: the same WebKitGTK, painted on the CPU as
//! Counterpay's counter window is. The app's benchmarks start it and measure it with the same
//! code, so each of Counterpay's figures stands beside what any Tauri window costs here. It
//! prints `bare window painted ms=<since start>` once its first frame is painted.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::Instant;

use tauri::Manager;

struct Started(Instant);

#[tauri::command]
fn painted(started: tauri::State<'_, Started>) {
    println!("bare window painted ms={}", started.0.elapsed().as_millis());
}

fn main() {
    let started = Started(Instant::now());
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
