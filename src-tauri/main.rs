//! The Counterpay desktop app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    counterpay_app::run();
}
