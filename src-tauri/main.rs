//! The Counterpay desktop app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Freed memory goes back to the system as the day goes on (glibc's arenas kept it).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    counterpay_app::run();
}
