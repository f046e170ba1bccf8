//! Which Tend programs have a register file open, and how it was last left.
//!
//! Beside `tend.sqlite` Tend keeps `tend.sqlite.lock`. Every program holds a
//! shared lock on it (`flock`) for as long as it has the register open, so
//!
//! - a restore takes it exclusively and knows nobody else has the file open
//!   (and, on Linux, says who does: the processes holding the lock file);
//! - an open that finds itself alone knows whether the last program to
//!   close the register closed it cleanly. The file's text records, written
//!   by the last program out, the database's size and modification time at
//!   that moment, and when the start-up check last passed. A crash leaves no
//!   record (an open marks the register "in use" until a clean close), and a
//!   file changed while no Tend had it open (copied over, damaged by a disk
//!   or another program) no longer matches: both make the next open check
//!   the file (see [`crate::Register::open_with`]).
//!
//! The lock file holds no data of the register; deleting it costs one check.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Who is using a register besides a command that waits for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RegisterActivity {
    /// The app's own long operation ("importing assets.csv"), if any.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_app: Option<String>,
    /// Other Tend programs with the register open, as "command (pid N)".
    pub other_programs: Vec<String>,
}

/// How long a passed start-up check counts.
pub const CHECK_VALID_HOURS: i64 = 24;

/// The record in the lock file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Record {
    /// Set by the last program to close the register cleanly; cleared by
    /// every open that finds itself alone.
    #[serde(default)]
    closed: Option<FileStamp>,
    /// When the start-up check last found the register sound.
    #[serde(default)]
    checked_at: Option<DateTime<Utc>>,
}

/// The database file's size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct FileStamp {
    size: u64,
    modified_ns: u128,
}

impl FileStamp {
    fn of(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?;
        let modified_ns = modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(FileStamp {
            size: meta.len(),
            modified_ns,
        })
    }
}

/// Why the start-up check runs (or `None` when it need not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckReason {
    /// No record of a clean close: a crash, or the first open by this Tend.
    NotClosedCleanly,
    /// The file changed while no Tend had it open.
    ChangedOutside,
    /// The last passed check is older than [`CHECK_VALID_HOURS`].
    Due,
}

/// This program's hold on a register file: a shared lock on its lock file.
#[derive(Debug)]
pub struct Presence {
    lock: File,
    lock_path: PathBuf,
    db: PathBuf,
    record: Record,
    check: Option<CheckReason>,
    /// The check found damage: no close is recorded as clean, so every
    /// open checks again until the register is restored.
    damaged: bool,
}

/// The lock file of the register at `db`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    db.with_file_name(name)
}

/// The write-ahead log of the register at `db`.
pub fn wal_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push("-wal");
    db.with_file_name(name)
}

impl Presence {
    /// Joins the programs that have `db` open, deciding on the way whether
    /// the start-up check must run. `None` when the lock file cannot be made
    /// (a read-only folder): the register still opens, and is checked.
    pub fn join(db: &Path, now: DateTime<Utc>) -> std::io::Result<Option<Presence>> {
        let lock_path = lock_path(db);
        let lock = match OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => return Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem => return Ok(None),
            Err(e) => return Err(e),
        };
        let alone = match lock.try_lock() {
            Ok(()) => true,
            Err(TryLockError::WouldBlock) => false,
            Err(TryLockError::Error(e)) => return Err(e),
        };
        let mut presence = Presence {
            record: read_record(&lock),
            lock,
            lock_path,
            db: db.to_path_buf(),
            check: None,
            damaged: false,
        };
        let fresh = presence
            .record
            .checked_at
            .is_some_and(|t| (now - t).num_hours() < CHECK_VALID_HOURS);
        if alone {
            let wal_left = std::fs::metadata(wal_path(db)).is_ok_and(|m| m.len() > 0);
            presence.check = match presence.record.closed {
                None => Some(CheckReason::NotClosedCleanly),
                Some(_) if wal_left => Some(CheckReason::NotClosedCleanly),
                Some(stamp) if Some(stamp) != FileStamp::of(db) => {
                    Some(CheckReason::ChangedOutside)
                }
                Some(_) if !fresh => Some(CheckReason::Due),
                Some(_) => None,
            };
            // Until a clean close says otherwise, the register is in use.
            presence.record.closed = None;
            presence.write_record()?;
            presence.lock.lock_shared()?;
        } else {
            presence.check = (!fresh).then_some(CheckReason::Due);
            // An exclusive holder is a restore under way: wait for it.
            presence.lock.lock_shared()?;
        }
        Ok(Some(presence))
    }

    /// Why the start-up check must run, if it must.
    pub fn check_reason(&self) -> Option<CheckReason> {
        self.check
    }

    /// Records that the start-up check found the register sound.
    pub fn record_check_passed(&mut self, now: DateTime<Utc>) -> std::io::Result<()> {
        self.record.checked_at = Some(now);
        self.check = None;
        self.write_record()
    }

    /// Records that the start-up check found damage: the next open checks
    /// again, whoever closes last.
    pub fn record_damage(&mut self) -> std::io::Result<()> {
        self.damaged = true;
        self.record.checked_at = None;
        self.record.closed = None;
        self.write_record()
    }

    /// The other Tend programs that have this register open.
    pub fn others(&self) -> Vec<String> {
        holders(&self.lock_path)
    }

    fn write_record(&mut self) -> std::io::Result<()> {
        let text = serde_json::to_vec(&self.record).map_err(std::io::Error::other)?;
        self.lock.set_len(0)?;
        self.lock.seek(SeekFrom::Start(0))?;
        self.lock.write_all(&text)
    }
}

impl Drop for Presence {
    /// Called after the register's connection has closed (the field order
    /// of [`crate::Register`] sees to that). The last program out records a
    /// clean close: SQLite has then moved the log into the file and removed
    /// it.
    fn drop(&mut self) {
        if self.damaged || self.lock.try_lock().is_err() {
            return;
        }
        if std::fs::metadata(wal_path(&self.db)).is_ok_and(|m| m.len() > 0) {
            return;
        }
        self.record.closed = FileStamp::of(&self.db);
        let _ = self.write_record();
    }
}

fn read_record(mut file: &File) -> Record {
    let mut text = Vec::new();
    if file.seek(SeekFrom::Start(0)).is_err() || file.read_to_end(&mut text).is_err() {
        return Record::default();
    }
    serde_json::from_slice(&text).unwrap_or_default()
}

/// Takes the register at `db` for this program alone (a restore): fails
/// with the programs that have it open when there are any.
pub fn take_alone(db: &Path) -> std::io::Result<Result<AloneGuard, Vec<String>>> {
    let lock_path = lock_path(db);
    let lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)?;
    match lock.try_lock() {
        Ok(()) => Ok(Ok(AloneGuard { lock })),
        Err(TryLockError::WouldBlock) => Ok(Err(holders(&lock_path))),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Holds a register alone until dropped. The record is cleared: whatever
/// happens next, the next open checks the file.
#[derive(Debug)]
pub struct AloneGuard {
    lock: File,
}

impl AloneGuard {
    /// Forgets the last clean close, so the next open checks the file.
    pub fn forget_clean_close(&mut self) -> std::io::Result<()> {
        self.lock.set_len(0)
    }
}

/// The processes (other than this one) that hold `lock_path` open, as
/// "command (pid N)". Only Linux can tell; elsewhere the list is empty.
pub fn holders(lock_path: &Path) -> Vec<String> {
    let Ok(target) = std::fs::canonicalize(lock_path) else {
        return Vec::new();
    };
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let me = std::process::id();
    let mut found = Vec::new();
    for entry in procs.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        let holds = fds
            .flatten()
            .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|l| l == target));
        if holds {
            found.push(format!("{} (pid {pid})", command_line(pid)));
        }
    }
    found.sort();
    found
}

fn command_line(pid: u32) -> String {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let words: Vec<String> = raw
        .split(|b| *b == 0)
        .filter(|w| !w.is_empty())
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    short_command(&words)
}

/// A command line as a person reads it: program and file names without
/// their folders, and without `--db PATH` (the register is known).
fn short_command(words: &[String]) -> String {
    let mut shown = Vec::with_capacity(words.len());
    let mut skip_next = false;
    for word in words {
        if skip_next {
            skip_next = false;
            continue;
        }
        if word == "--db" {
            skip_next = true;
            continue;
        }
        if word.starts_with("--db=") {
            continue;
        }
        let path = Path::new(word.as_str());
        let name = match path.file_name() {
            Some(name) if path.is_absolute() => name.to_string_lossy().into_owned(),
            _ => word.clone(),
        };
        shown.push(name);
    }
    let mut text = shown.join(" ");
    if text.chars().count() > 120 {
        text = text.chars().take(117).collect::<String>() + "...";
    }
    if text.is_empty() {
        text = "a program".into();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc::now()
    }

    #[test]
    fn a_register_never_closed_cleanly_is_checked_and_a_clean_close_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tend.sqlite");
        std::fs::write(&db, b"data").unwrap();
        let mut p = Presence::join(&db, now()).unwrap().unwrap();
        assert_eq!(p.check_reason(), Some(CheckReason::NotClosedCleanly));
        p.record_check_passed(now()).unwrap();
        drop(p);
        let p = Presence::join(&db, now()).unwrap().unwrap();
        assert_eq!(p.check_reason(), None, "closed cleanly and checked today");
    }

    #[test]
    fn a_file_changed_while_closed_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tend.sqlite");
        std::fs::write(&db, b"data").unwrap();
        let mut p = Presence::join(&db, now()).unwrap().unwrap();
        p.record_check_passed(now()).unwrap();
        drop(p);
        std::fs::write(&db, b"other data").unwrap();
        let p = Presence::join(&db, now()).unwrap().unwrap();
        assert_eq!(p.check_reason(), Some(CheckReason::ChangedOutside));
    }

    #[test]
    fn a_process_that_dies_leaves_the_register_marked_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tend.sqlite");
        std::fs::write(&db, b"data").unwrap();
        let mut p = Presence::join(&db, now()).unwrap().unwrap();
        p.record_check_passed(now()).unwrap();
        std::mem::forget(p); // no Drop: as if killed (the lock goes with the fd)
                             // The forgotten fd still holds its lock in this process; a killed
                             // process's would be gone. Read the record as the next program would.
        let record = read_record(&File::open(lock_path(&db)).unwrap());
        assert_eq!(record.closed, None);
    }

    #[test]
    fn a_holder_is_named_by_its_command_without_folders_or_the_register_path() {
        let words: Vec<String> = [
            "/usr/local/bin/tend",
            "--db",
            "/data/tend.sqlite",
            "import",
            "/home/ana/exports/big.csv",
            "--dry-run",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(short_command(&words), "tend import big.csv --dry-run");
        assert_eq!(short_command(&[]), "a program");
    }

    #[test]
    fn a_register_found_damaged_is_checked_at_every_open_until_it_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tend.sqlite");
        std::fs::write(&db, b"data").unwrap();
        let mut p = Presence::join(&db, now()).unwrap().unwrap();
        p.record_check_passed(now()).unwrap();
        drop(p);
        std::fs::write(&db, b"damaged").unwrap();
        let mut p = Presence::join(&db, now()).unwrap().unwrap();
        assert_eq!(p.check_reason(), Some(CheckReason::ChangedOutside));
        p.record_damage().unwrap();
        drop(p);
        let p = Presence::join(&db, now()).unwrap().unwrap();
        assert_eq!(p.check_reason(), Some(CheckReason::NotClosedCleanly));
    }

    #[test]
    fn a_check_older_than_a_day_is_due_again() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tend.sqlite");
        std::fs::write(&db, b"data").unwrap();
        let mut p = Presence::join(&db, now()).unwrap().unwrap();
        p.record_check_passed(now() - chrono::Duration::hours(25))
            .unwrap();
        drop(p);
        let p = Presence::join(&db, now()).unwrap().unwrap();
        assert_eq!(p.check_reason(), Some(CheckReason::Due));
    }

    #[test]
    fn taking_a_register_alone_fails_while_another_holder_has_it_open() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("tend.sqlite");
        std::fs::write(&db, b"data").unwrap();
        let p = Presence::join(&db, now()).unwrap().unwrap();
        assert!(take_alone(&db).unwrap().is_err());
        drop(p);
        assert!(take_alone(&db).unwrap().is_ok());
    }
}
