//! Generates the window's context from `tauri.conf.json`.

fn main() {
    tauri_build::build();
}
