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
//!   ended. The app uses two arenas and, once a burst of work is over,
//!   hands freed memory back to the system.
//! - The register's connection keeps a smaller page cache (state.rs),
//!   emptied when the app comes to rest (the file's pages stay in the
//!   system's cache, so the next read refills it quickly).

use std::time::Duration;

/// How often the app looks whether it is at rest.
const LOOK_EVERY: Duration = Duration::from_secs(5);

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

/// Once a burst of work is over, lets go of the caches that refill
/// themselves (`release_caches`: the register's page cache) and hands the
/// memory freed to the system; for the app's lifetime, on a thread of its
/// own. `uses` counts the register's uses: the app is at rest when it has
/// not moved for [`LOOK_EVERY`].
pub fn give_back_at_rest(
    uses: impl Fn() -> u64 + Send + 'static,
    release_caches: impl Fn() + Send + 'static,
) {
    std::thread::spawn(move || {
        let mut rest = Rest::default();
        loop {
            std::thread::sleep(LOOK_EVERY);
            if rest.look(uses()) {
                release_caches();
                give_back_now();
            }
        }
    });
}

/// Whether the app has come to rest since memory was last given back.
#[derive(Debug, Default)]
struct Rest {
    /// The count at the last look.
    seen: Option<u64>,
    /// The count when memory was last given back.
    given: Option<u64>,
}

impl Rest {
    /// Looks at the use count `now`: true when it has not moved since the
    /// last look, and has since memory was last given back (or never was:
    /// the opening's own work).
    fn look(&mut self, now: u64) -> bool {
        let at_rest = self.seen == Some(now) && self.given != Some(now);
        self.seen = Some(now);
        if at_rest {
            self.given = Some(now);
        }
        at_rest
    }
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

#[cfg(test)]
mod tests {
    use super::Rest;

    #[test]
    fn memory_is_given_back_once_per_burst_once_it_is_over() {
        let mut rest = Rest::default();
        // The opening's work: given back at the first look that finds no use.
        assert!(!rest.look(0));
        assert!(rest.look(0));
        assert!(!rest.look(0), "nothing new to give back");
        // A burst of commands, still going at the next look.
        assert!(!rest.look(3));
        assert!(!rest.look(9));
        assert!(rest.look(9), "the burst is over");
        assert!(!rest.look(9));
        assert!(!rest.look(10));
        assert!(rest.look(10));
    }
}
