//! Other desks' changes shown without a restart: a thread watches whether
//! someone else (the CLI, another desk) has committed to the register, and
//! tells the window with the event `register-changed`; the open views
//! (register, asset page, due list) load again, and the kept due list
//! catches up from its change log as always.
//!
//! On a register file it looks every [`EVERY`] at SQLite's `data_version`,
//! never waiting for the register: when a command is using it, it looks
//! again next time. On a team register it listens (`LISTEN tend_changed`
//! on a connection of its own) and tells the window as soon as a change is
//! committed; it opens a new listener when the app switches register or the
//! connection is lost.

use crate::state::Db;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager};
use tend_core::store::postgres::listen::ChangeListener;
use tend_core::store::sql::Store;

/// How often to look at a file (a change shows within about twice this),
/// and how long to wait for a team register's notification before checking
/// that the app still uses that register.
pub const EVERY: Duration = Duration::from_millis(700);

/// The event the window listens to.
pub const EVENT: &str = "register-changed";

/// Starts watching for the app's lifetime.
pub fn watch(app: AppHandle) {
    std::thread::spawn(move || {
        // The opening of the register looked at, and its count then.
        let mut seen: Option<(u64, i64)> = None;
        // The register listened to (its place) and the listener.
        let mut listening: Option<(String, ChangeListener)> = None;
        loop {
            let db = app.state::<Db>();
            // None while a command uses the register: keep what we have.
            match db.try_with(|r| Ok((r.location_text(), r.store()))) {
                Some((place, Store::Postgres))
                    if listening.as_ref().is_none_or(|(p, _)| *p != place) =>
                {
                    listening = db
                        .try_with(|r| r.listen_for_changes())
                        .flatten()
                        .map(|l| (place, l));
                    if listening.is_some() {
                        // What was committed before the listener started
                        // is not heard: the views load once more now.
                        let _ = app.emit(EVENT, ());
                    }
                }
                Some((_, Store::Sqlite)) => listening = None,
                Some((_, Store::Postgres)) => {}
                None => {}
            }
            if let Some((_, listener)) = listening.as_mut() {
                match listener.wait(EVERY) {
                    Ok(true) => {
                        let _ = app.emit(EVENT, ());
                    }
                    Ok(false) => {}
                    // Lost: a new listener next time round.
                    Err(_) => listening = None,
                }
                continue;
            }
            std::thread::sleep(EVERY);
            let Some(now) = db.try_with(|r| r.changes_elsewhere()) else {
                continue;
            };
            // A register opened since the last look is compared with its
            // count when it opened: a commit made elsewhere before this
            // thread first got to look is not missed.
            let opening = db.opening();
            if seen.is_none_or(|(serial, _)| serial != opening.serial) {
                seen = opening.changes.map(|at_open| (opening.serial, at_open));
            }
            if seen.is_some_and(|(_, before)| before != now) {
                // The window may be closing: nothing to tell then.
                let _ = app.emit(EVENT, ());
            }
            seen = Some((opening.serial, now));
        }
    });
}
