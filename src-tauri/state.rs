//! The app's managed state: the one open [`Register`], or the reason it could
//! not be opened (kept so every command can report it to the UI).
//!
//! The register is opened on a thread of its own, so the window appears at
//! once even when the start-up check reads the whole file (about 5 s at
//! 100,000 assets, once a day at most); commands wait for it meanwhile.
//! What must not look at the file before it is open (created, checked and
//! upgraded) — the start-up backup — runs after it on that same thread.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use tend_core::{ApiError, Error, ErrorCode, LiveDueList, Register};

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
    due: Mutex<LiveDueList>,
    path: PathBuf,
    /// What a long operation of this app (an import, a restore) is doing to
    /// the register while it holds it, told to a command that has to wait.
    activity: Arc<Mutex<Option<String>>>,
}

impl Db {
    /// Opens the register at `path` on a thread of its own, creating its
    /// folder when missing, then runs `then` on that thread with how it went
    /// (commands no longer wait by then). Never fails: a failure is kept and
    /// answered to every command.
    pub fn open(path: &Path, then: impl FnOnce(Opened) + Send + 'static) -> Db {
        let register = Arc::new((Mutex::new(None), Condvar::new()));
        let activity = Arc::new(Mutex::new(Some(
            "opening and checking the register".to_string(),
        )));
        let (opening, told, at) = (register.clone(), activity.clone(), path.to_path_buf());
        std::thread::spawn(move || {
            let opened = open_register(&at).map_err(ApiError::from);
            let how = match &opened {
                Ok(register) if register.damage().is_some() => Opened::Damaged,
                Ok(_) => Opened::Sound,
                Err(_) => Opened::Failed,
            };
            let (slot, ready) = &*opening;
            *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(opened);
            *told.lock().unwrap_or_else(|p| p.into_inner()) = None;
            ready.notify_all();
            then(how);
        });
        Db {
            register,
            due: Mutex::new(LiveDueList::new()),
            path: path.to_path_buf(),
            activity,
        }
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

    /// The register file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the register (so that `f` may replace the file: a restore),
    /// runs `f`, then opens it again and starts the kept due list afresh.
    /// Commands wait meanwhile.
    pub fn closed_for<T>(
        &self,
        f: impl FnOnce(&Path) -> tend_core::Result<T>,
    ) -> Result<T, ApiError> {
        *self.activity.lock().unwrap_or_else(|p| p.into_inner()) =
            Some("restoring a backup".into());
        let mut guard = self.lock();
        *guard = Some(Err(ApiError {
            code: ErrorCode::Busy,
            message: "the register is being restored from a backup".into(),
            field: None,
        }));
        let result = f(&self.path).map_err(ApiError::from);
        *guard = Some(open_register(&self.path).map_err(ApiError::from));
        *self.activity.lock().unwrap_or_else(|p| p.into_inner()) = None;
        let mut due = self.due.lock().unwrap_or_else(|p| p.into_inner());
        *due = LiveDueList::new();
        result
    }

    /// Runs `f` on the open register, turning a core error into an [`ApiError`].
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Register) -> tend_core::Result<T>,
    ) -> Result<T, ApiError> {
        let mut guard = self.lock();
        let register = opened(&mut guard)?;
        f(register).map_err(ApiError::from)
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

    /// Runs `f` on the open register and the kept due list (locked in that
    /// order).
    pub fn with_due<T>(
        &self,
        f: impl FnOnce(&Register, &mut LiveDueList) -> tend_core::Result<T>,
    ) -> Result<T, ApiError> {
        let mut guard = self.lock();
        let register = opened(&mut guard)?;
        let mut due = self.due.lock().unwrap_or_else(|poisoned| {
            // A panic mid-update may have left the kept list half changed:
            // start it afresh.
            let mut fresh = poisoned.into_inner();
            *fresh = LiveDueList::new();
            fresh
        });
        f(register, &mut due).map_err(ApiError::from)
    }

    /// The register, once the opening thread has finished.
    fn lock(&self) -> MutexGuard<'_, Slot> {
        // A command that panicked mid-call cannot have left a transaction
        // open (the core's transactions roll back on drop), so the register
        // is still usable.
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

/// The open register in a slot the opening thread has filled.
fn opened<'a>(slot: &'a mut MutexGuard<'_, Slot>) -> Result<&'a mut Register, ApiError> {
    match slot.as_mut() {
        Some(Ok(register)) => Ok(register),
        Some(Err(e)) => Err(e.clone()),
        None => unreachable!("Db::lock waits until the register is opened"),
    }
}

fn open_register(path: &Path) -> tend_core::Result<Register> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    // The desktop waits longer than the CLI's default for another writer
    // (a `tend import` in a terminal): a form being saved is held, not lost.
    Register::open_with(
        path,
        &tend_core::store::connection::OpenOptions {
            busy_timeout_ms: DESKTOP_BUSY_TIMEOUT_MS,
            create_dirs: false,
        },
    )
}

/// How long a desktop write waits for another program's write (an import).
pub const DESKTOP_BUSY_TIMEOUT_MS: u64 = 30_000;
