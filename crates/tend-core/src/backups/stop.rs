//! Stopping a backup that is being made, from another thread: the desktop
//! ends while its start-up backup of a large register still runs. Waiting
//! for it could hold the app open for tens of seconds; leaving it running
//! as the process ends leaves a connection open beside the register's own,
//! so the register's close is not a clean one and the next start checks
//! the whole file. Stopped, a backup ends within SQLite's own work (an
//! interrupt) or between its steps, removes its partial copy and answers
//! [`Error::Cancelled`]; the next start makes it again.

use crate::{Error, Result};
use rusqlite::{Connection, InterruptHandle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Shared between the thread making a backup and the one that may stop it.
#[derive(Clone, Default)]
pub struct BackupStop(Arc<Inner>);

#[derive(Default)]
struct Inner {
    stopped: AtomicBool,
    /// The connection the backup is working through now.
    working: Mutex<Option<InterruptHandle>>,
}

impl BackupStop {
    /// Stops the backup: at once if SQLite is working for it, else at its
    /// next step. A backup not yet begun stops before writing anything.
    pub fn stop(&self) {
        self.0.stopped.store(true, Ordering::SeqCst);
        if let Some(working) = self.lock().as_ref() {
            working.interrupt();
        }
    }

    /// Whether [`BackupStop::stop`] was called.
    pub fn stopped(&self) -> bool {
        self.0.stopped.load(Ordering::SeqCst)
    }

    /// The backup works through `conn` from now on; fails if stopped.
    pub(crate) fn working_through(&self, conn: &Connection) -> Result<()> {
        *self.lock() = Some(conn.get_interrupt_handle());
        // (After the handle is in place: a stop from now on interrupts it.)
        self.go_on()
    }

    /// Fails with [`Error::Cancelled`] if stopped.
    pub(crate) fn go_on(&self) -> Result<()> {
        if self.stopped() {
            return Err(Error::Cancelled { what: "backup" });
        }
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<InterruptHandle>> {
        self.0.working.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl std::fmt::Debug for BackupStop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackupStop")
            .field("stopped", &self.stopped())
            .finish()
    }
}
