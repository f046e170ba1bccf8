//! What keeps the app's memory small (issue 11 asks for all its processes
//! together to stay under 350 MB with 100,000 assets open).
//!
//! - The web view draws without the GPU compositor: the register, forms
//!   and charts need no GL layers, and WebKitGTK's compositing mode (GL,
//!   software-rendered by Mesa's llvmpipe where there is no GPU) held about
//!   110 MiB more in the web process (239 → 126 MiB measured on Home at
//!   100,000 assets, Xvfb). Its settings API
//!   (`hardware-acceleration-policy`) came too late from Tauri's setup
//!   hook: the page had started in compositing mode and kept its memory.
//! - glibc gives each thread that allocates an arena of its own (up to
//!   eight per core) and keeps what was freed in each, giving back only the
//!   top of the main heap: the start-up check and backup (each on a
//!   connection with its own page cache) left about 50 MiB held after they
//!   ended. The app uses two arenas and hands freed memory back to the
//!   system now and then.
//! - The register's connection keeps a smaller page cache (state.rs).

use std::time::Duration;

/// How often freed memory is handed back.
const GIVE_BACK_EVERY: Duration = Duration::from_secs(20);

/// Caps glibc's allocator at two arenas: call before any other thread
/// starts.
pub fn fewer_allocator_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: sets a tuning parameter of glibc's allocator, before any
    // other thread of the process exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Has the web view draw without GPU compositing (WebKitGTK's own switch,
/// read by the web view and its web process as they start), unless the
/// user's environment says otherwise: call before any other thread starts.
pub fn draw_without_compositing() {
    const SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if cfg!(target_os = "linux") && std::env::var_os(SWITCH).is_none() {
        std::env::set_var(SWITCH, "1");
    }
}

/// Hands the memory freed since to the system, every [`GIVE_BACK_EVERY`],
/// for the app's lifetime (on a thread of its own).
pub fn give_back_freed_memory() {
    std::thread::spawn(|| loop {
        std::thread::sleep(GIVE_BACK_EVERY);
        give_back_now();
    });
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_back_now() {
    // SAFETY: malloc_trim only returns free pages of glibc's arenas to the
    // system; it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_back_now() {}
