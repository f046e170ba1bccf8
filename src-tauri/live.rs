//! Other desks' changes shown without a restart: a thread looks every
//! [`EVERY`] at whether someone else (the CLI, another desk on the same
//! file) has committed to the register, and tells the window with the event
//! `register-changed`; the open views (register, asset page, due list) load
//! again, and the kept due list catches up from its change log as always.
//! It never waits for the register: when a command is using it, it looks
//! again next time.

use crate::state::Db;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};

/// How often to look (a change shows within about twice this).
pub const EVERY: Duration = Duration::from_millis(700);

/// The event the window listens to.
pub const EVENT: &str = "register-changed";

/// Starts watching for the app's lifetime.
pub fn watch(app: AppHandle) {
    std::thread::spawn(move || {
        let mut seen: Option<i64> = None;
        loop {
            std::thread::sleep(EVERY);
            let db = app.state::<Db>();
            let Some(now) = db.try_with(|r| r.changes_elsewhere()) else {
                continue;
            };
            if seen.is_some_and(|before| before != now) {
                // The window may be closing: nothing to tell then.
                let _ = app.emit(EVENT, ());
            }
            seen = Some(now);
        }
    });
}
