//! The app's managed state: the one open [`Register`], or the reason it could
//! not be opened (kept so every command can report it to the UI).
//!
//! The register is opened on a thread of its own, so the window appears at
//! once even when the start-up check reads the whole file (about 5 s at
//! 100,000 assets, once a day at most); commands wait for it meanwhile.
//! What must not look at the file before it is open (created, checked and
//! upgraded) — the start-up backup — runs after it on that same thread.
//!
//! The register lives in a file on this computer or on a PostgreSQL server
//! (Settings → Register); [`Db::switch_to`] closes one and opens the other.

use crate::commands::overview::PreparedHome;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use tend_core::location::Location;
use tend_core::{ApiError, Error, ErrorCode, KeptOrder, LiveDueList, Register};

/// The open register or why it could not be opened; `None` until the
/// opening thread has finished.
type Slot = Option<Result<Register, ApiError>>;

/// How the opening thread left the register, told to what runs after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    /// Open, its schema current, and the start-up check found nothing wrong.
    Sound,
    /// Open for reading only: the start-up check found damage (its schema
    /// was not upgraded).
    Damaged,
    /// Not open: every command answers with why.
    Failed,
}

/// The register behind a lock (SQLite connections are used by one thread at a
/// time), or the error that stopped it from opening; and the due list kept
/// in memory for the main screen, which catches up with the register on
/// each read.
pub struct Db {
    register: Arc<(Mutex<Slot>, Condvar)>,
    due: Arc<Mutex<LiveDueList>>,
    /// Home's figures, worked out as the register opened (taken by the
    /// first `overview`).
    home: Arc<Mutex<Option<PreparedHome>>>,
    /// The register list's order, kept for the scrolling table.
    order: Mutex<KeptOrder>,
    /// Where the register lives; `None` when that could not be found out
    /// (the choice file unreadable, the password not in the keyring).
    location: Mutex<Option<Location>>,
    /// What a long operation of this app (an import, a restore) is doing to
    /// the register while it holds it, told to a command that has to wait.
    activity: Arc<Mutex<Option<String>>>,
    /// Which opening of a register this is and its change count then, so
    /// that the change watcher (live.rs) misses no commit made elsewhere
    /// after the register opened, however late it first looks.
    opening: Arc<Mutex<Opening>>,
    /// How many times a command has taken the register: the app is at
    /// rest while this stays still (memory.rs).
    uses: AtomicU64,
}

/// The `n`th register opened by this app, and its change count
/// ([`Register::changes_elsewhere`]) at that moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Opening {
    pub serial: u64,
    pub changes: Option<i64>,
}

impl Opening {
    /// The next opening, of `register` when it opened.
    fn next(self, register: &Result<Register, ApiError>) -> Opening {
        Opening {
            serial: self.serial + 1,
            changes: register
                .as_ref()
                .ok()
                .and_then(|r| r.changes_elsewhere().ok()),
        }
    }
}

impl Db {
    /// Opens the register at `location` on a thread of its own (a file's
    /// folder is created when missing), then runs `then` on that thread with
    /// how it went (commands no longer wait by then). Never fails: a failure,
    /// or the `location` that could not be found out, is kept and answered to
    /// every command.
    pub fn open(
        location: Result<Location, ApiError>,
        then: impl FnOnce(Opened) + Send + 'static,
    ) -> Db {
        let register = Arc::new((Mutex::new(None), Condvar::new()));
        let activity = Arc::new(Mutex::new(Some(
            "opening and checking the register".to_string(),
        )));
        let known = location.as_ref().ok().cloned();
        let opening = Arc::new(Mutex::new(Opening::default()));
        let due = Arc::new(Mutex::new(LiveDueList::new()));
        let home = Arc::new(Mutex::new(None));
        let (slot_and_ready, told, noted) = (register.clone(), activity.clone(), opening.clone());
        let (kept_due, prepared) = (due.clone(), home.clone());
        std::thread::spawn(move || {
            let mut opened = location.and_then(|at| open_register(&at).map_err(ApiError::from));
            note_opening(&noted, &opened);
            // Home's figures while the web view starts (commands wait for
            // the register meanwhile; the first would work them out anyway).
            if let Ok(register) = opened.as_mut() {
                let mut kept = kept_due.lock().unwrap_or_else(|p| p.into_inner());
                *prepared.lock().unwrap_or_else(|p| p.into_inner()) =
                    crate::commands::overview::prepare(register, &mut kept);
            }
            let how = match &opened {
                Ok(register) if register.damage().is_some() => Opened::Damaged,
                Ok(_) => Opened::Sound,
                Err(_) => Opened::Failed,
            };
            let (slot, ready) = &*slot_and_ready;
            *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(opened);
            *told.lock().unwrap_or_else(|p| p.into_inner()) = None;
            ready.notify_all();
            then(how);
        });
        Db {
            register,
            due,
            home,
            order: Mutex::new(KeptOrder::new()),
            location: Mutex::new(known),
            activity,
            opening,
            uses: AtomicU64::new(0),
        }
    }

    /// Home's figures worked out as the register opened, once.
    pub fn take_prepared_home(&self) -> Option<PreparedHome> {
        self.home.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    /// The register's current opening (see [`Opening`]).
    pub fn opening(&self) -> Opening {
        *self.opening.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// What this app is doing to the register now, if it is a long
    /// operation (read without waiting for the register).
    pub fn activity(&self) -> Option<String> {
        self.activity
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// [`Db::with`] for a long operation: `what` ("importing assets.csv") is
    /// told to the commands that wait for it meanwhile.
    pub fn doing<T>(
        &self,
        what: String,
        f: impl FnOnce(&mut Register) -> tend_core::Result<T>,
    ) -> Result<T, ApiError> {
        *self.activity.lock().unwrap_or_else(|p| p.into_inner()) = Some(what);
        let result = self.with(f);
        *self.activity.lock().unwrap_or_else(|p| p.into_inner()) = None;
        result
    }

    /// Where the register lives, when that is known.
    pub fn location(&self) -> Option<Location> {
        self.location
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The register file, for what works on the file itself (backups, a
    /// restore). A team register on a server has none: its backups are the
    /// server's job.
    pub fn path(&self) -> Result<PathBuf, ApiError> {
        match self.location() {
            Some(Location::File(path)) => Ok(path),
            Some(Location::Server(address)) => Err(ApiError::from(Error::Incompatible {
                path: address.to_string().into(),
                message: "a team register on a server is backed up and restored by the \
                          server's administrator (pg_dump or the server's own backups); \
                          Tend's backups are of a file on this computer"
                    .into(),
            })),
            // (Not waiting for the register: its open failure says why.)
            None => Err(ApiError::from(Error::validation(
                "register",
                "where the register lives is not known (the start screen says why); \
                 choose it in Settings → Register",
            ))),
        }
    }

    /// Closes the register (so that `f` may replace the file: a restore),
    /// runs `f`, then opens it again and starts the kept due list afresh.
    /// Commands wait meanwhile. Only for a file (see [`Db::path`]).
    pub fn closed_for<T>(
        &self,
        f: impl FnOnce(&Path) -> tend_core::Result<T>,
    ) -> Result<T, ApiError> {
        let path = self.path()?;
        let location = Location::File(path.clone());
        self.reopened(
            "restoring a backup",
            "the register is being restored from a backup",
            &location,
            || f(&path).map_err(ApiError::from),
        )
        .0
    }

    /// Closes the register and opens the one at `location` instead (Settings
    /// → Register), starting the kept due list afresh; commands wait
    /// meanwhile. The new one's open failure, if any, is kept and answered
    /// to every command (and returned), as at start-up: the old register is
    /// closed either way.
    pub fn switch_to(&self, location: Location) -> Option<ApiError> {
        let what = format!("opening the register at {location}");
        let (_, failure) = self.reopened(
            &what,
            "the register is being switched",
            &location,
            || Ok(()),
        );
        *self.location.lock().unwrap_or_else(|p| p.into_inner()) = Some(location);
        failure
    }

    /// Closes the register, runs `f`, opens `location`: what a restore and a
    /// switch share. Returns `f`'s result and the open's failure.
    fn reopened<T>(
        &self,
        doing: &str,
        busy: &str,
        location: &Location,
        f: impl FnOnce() -> Result<T, ApiError>,
    ) -> (Result<T, ApiError>, Option<ApiError>) {
        *self.activity.lock().unwrap_or_else(|p| p.into_inner()) = Some(doing.to_string());
        let mut guard = self.lock();
        // Dropping the register closes it (and leaves its lock file).
        *guard = Some(Err(ApiError {
            code: ErrorCode::Busy,
            message: busy.to_string(),
            field: None,
        }));
        let result = f();
        let opened = open_register(location).map_err(ApiError::from);
        note_opening(&self.opening, &opened);
        let failure = opened.as_ref().err().cloned();
        *guard = Some(opened);
        *self.activity.lock().unwrap_or_else(|p| p.into_inner()) = None;
        let mut due = self.due.lock().unwrap_or_else(|p| p.into_inner());
        *due = LiveDueList::new();
        *self.home.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self.order.lock().unwrap_or_else(|p| p.into_inner()) = KeptOrder::new();
        (result, failure)
    }

    /// Closes the register as the app ends (waiting for what uses it to
    /// finish), so that it records a clean close; a command after it is
    /// told the app is closing.
    ///
    /// Waits at most `limit` for a command still using it: an exit is never
    /// held up longer (the register is then left as a crash would leave it,
    /// and the next start checks it).
    pub fn close(&self, limit: std::time::Duration) {
        let (slot, _) = &*self.register;
        let until = std::time::Instant::now() + limit;
        loop {
            let mut guard = match slot.try_lock() {
                Ok(guard) => guard,
                Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) if std::time::Instant::now() < until => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    continue;
                }
                Err(std::sync::TryLockError::WouldBlock) => return,
            };
            // Dropping the register closes it.
            *guard = Some(Err(ApiError {
                code: ErrorCode::Busy,
                message: "the app is closing".to_string(),
                field: None,
            }));
            return;
        }
    }

    /// Runs `f` on the open register, turning a core error into an [`ApiError`].
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Register) -> tend_core::Result<T>,
    ) -> Result<T, ApiError> {
        outside_the_runtime(|| {
            let mut guard = self.lock();
            let register = opened(&mut guard)?;
            register.set_today(crate::clock::today());
            f(register).map_err(ApiError::from)
        })
    }

    /// How many times a command has taken the register so far.
    pub fn uses(&self) -> u64 {
        self.uses.load(Ordering::Relaxed)
    }

    /// Lets go of the register connection's page cache, unless a command is
    /// using the register right now (for an app at rest, memory.rs).
    pub fn release_cache_memory(&self) {
        self.try_with(|r| r.release_cache_memory());
    }

    /// Runs `f` on the open register if nobody is using it right now; None
    /// when it is busy (a command or import running) or not open (yet).
    pub fn try_with<T>(&self, f: impl FnOnce(&mut Register) -> tend_core::Result<T>) -> Option<T> {
        let (slot, _) = &*self.register;
        let mut guard = slot.try_lock().ok()?;
        match guard.as_mut() {
            Some(Ok(register)) => f(register).ok(),
            _ => None,
        }
    }

    /// Runs `f` on the open register and the kept list order (locked in that
    /// order; a poisoned order starts afresh).
    pub fn with_order<T>(
        &self,
        f: impl FnOnce(&Register, &mut KeptOrder) -> tend_core::Result<T>,
    ) -> Result<T, ApiError> {
        outside_the_runtime(|| {
            let mut guard = self.lock();
            let register = opened(&mut guard)?;
            register.set_today(crate::clock::today());
            let mut order = self.order.lock().unwrap_or_else(|poisoned| {
                let mut fresh = poisoned.into_inner();
                *fresh = KeptOrder::new();
                fresh
            });
            f(register, &mut order).map_err(ApiError::from)
        })
    }

    /// Runs `f` on the open register and the kept due list (locked in that
    /// order).
    pub fn with_due<T>(
        &self,
        f: impl FnOnce(&Register, &mut LiveDueList) -> tend_core::Result<T>,
    ) -> Result<T, ApiError> {
        outside_the_runtime(|| {
            let mut guard = self.lock();
            let register = opened(&mut guard)?;
            register.set_today(crate::clock::today());
            let mut due = self.due.lock().unwrap_or_else(|poisoned| {
                // A panic mid-update may have left the kept list half
                // changed: start it afresh.
                let mut fresh = poisoned.into_inner();
                *fresh = LiveDueList::new();
                fresh
            });
            f(register, &mut due).map_err(ApiError::from)
        })
    }

    /// The register, once the opening thread has finished.
    fn lock(&self) -> MutexGuard<'_, Slot> {
        // A command that panicked mid-call cannot have left a transaction
        // open (the core's transactions roll back on drop), so the register
        // is still usable.
        self.uses.fetch_add(1, Ordering::Relaxed);
        let (slot, ready) = &*self.register;
        let mut guard = slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if guard.is_none() {
            guard = ready
                .wait_while(guard, |g| g.is_none())
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        guard
    }
}

/// Counts a new opening of a register, with its change count now (before
/// any command can use it).
fn note_opening(opening: &Mutex<Opening>, opened: &Result<Register, ApiError>) {
    let mut noted = opening.lock().unwrap_or_else(|p| p.into_inner());
    *noted = noted.next(opened);
}

/// Runs `f`, which may block (wait for the register, or run a team
/// register's synchronous PostgreSQL client, which drives a runtime of its
/// own), outside the async runtime when called from one of its worker
/// threads (the app's `async` commands): blocking there would stall other
/// commands, and the PostgreSQL client panics there ("Cannot start a
/// runtime from within a runtime").
fn outside_the_runtime<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}

/// The open register in a slot the opening thread has filled.
fn opened<'a>(slot: &'a mut MutexGuard<'_, Slot>) -> Result<&'a mut Register, ApiError> {
    match slot.as_mut() {
        Some(Ok(register)) => Ok(register),
        Some(Err(e)) => Err(e.clone()),
        None => unreachable!("Db::lock waits until the register is opened"),
    }
}

fn open_register(location: &Location) -> tend_core::Result<Register> {
    if let Location::File(path) = location {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
    }
    // The desktop waits longer than the CLI's default for another writer
    // (a `tend import` in a terminal): a form being saved is held, not lost.
    let register = Register::open_location(
        location,
        &tend_core::store::connection::OpenOptions {
            busy_timeout_ms: DESKTOP_BUSY_TIMEOUT_MS,
            create_dirs: false,
        },
    )?;
    register.limit_page_cache(DESKTOP_PAGE_CACHE_MIB)?;
    Ok(register)
}

/// The register file's pages the desktop holds in its own cache: what it
/// shows most is kept in memory already (the due list, the list order),
/// and the operating system caches the file too.
const DESKTOP_PAGE_CACHE_MIB: u32 = 16;

/// How long a desktop write waits for another program's write (an import).
pub const DESKTOP_BUSY_TIMEOUT_MS: u64 = 30_000;

#[cfg(test)]
mod tests {
    use super::*;

    /// What a team register's PostgreSQL client does on every query: drive
    /// a runtime of its own.
    fn like_the_postgres_client() -> tend_core::Result<u32> {
        let own = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        Ok(own.block_on(async { 42 }))
    }

    /// Regression: the synchronous PostgreSQL client, called from an async
    /// command on the runtime's worker thread, panicked with "Cannot start
    /// a runtime from within a runtime" (found by the e2e test of Settings
    /// → Register).
    #[test]
    fn a_register_may_drive_a_runtime_of_its_own_from_an_async_command() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tend.sqlite");
        let db = Db::open(Ok(Location::File(path)), |_| {});
        let app = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        let db = std::sync::Arc::new(db);
        let in_command = db.clone();
        let answer = app
            .block_on(async move {
                tokio::spawn(async move {
                    let one = in_command.with(|_| like_the_postgres_client())?;
                    let two = in_command.with_due(|_, _| like_the_postgres_client())?;
                    Ok::<_, ApiError>(one + two)
                })
                .await
            })
            .expect("the command did not panic");
        assert_eq!(answer.unwrap(), 84);
        // And outside any runtime (the live thread, the opening thread).
        assert_eq!(db.with(|_| like_the_postgres_client()).unwrap(), 42);
    }
}
