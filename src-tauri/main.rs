//! The `tend-desktop` binary: starts the Tauri app defined in the library.

// Without a console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    fewer_allocator_arenas();
    tend_desktop::run();
}

/// glibc gives each thread that allocates an arena of its own, up to eight
/// per core, and keeps what was freed in each: the app's many threads (the
/// web view's, the async runtime's, the register's) held tens of MiB that
/// way. Two arenas are plenty for a desktop app.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fewer_allocator_arenas() {
    // SAFETY: sets a tuning parameter of glibc's allocator, before any
    // other thread of the process exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fewer_allocator_arenas() {}
