//! The `tend-desktop` binary: starts the Tauri app defined in the library.

// Without a console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tend_desktop::run();
}
