//! Rotating backups of a register file, and restoring one.
//!
//! A backup is a verified copy in the backup folder (a setting; by default
//! `backups/` beside the register), named with the time and schema version
//! (`tend-2026-12-06T08-13-00.123Z-v6.sqlite`), with a JSON file beside it
//! that records its SHA-256, why it was made and that it passed
//! `PRAGMA integrity_check`. It is written under a hidden temporary name
//! and renamed only once checked, so a backup cut short leaves nothing that
//! looks like one. Retention keeps the newest backup of each of the last 7
//! days, 4 weeks and 12 months (settings), and every copy kept aside by a
//! restore.
//!
//! Tend makes one when the app starts and the newest is older than a day,
//! before every schema upgrade, before every import and every bulk change,
//! and before a restore. See [`restore`] for how a restore replaces the file.

mod files;
pub mod retention;
mod stop;

pub use stop::BackupStop;

use crate::store::{self, backup::CopyFacts};
use crate::{Error, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

pub use retention::Keep;

/// The setting naming the backup folder (empty: `backups/` beside the register).
pub const FOLDER_SETTING: &str = "backup_folder";

/// One backup in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    #[ts(type = "string")]
    pub path: PathBuf,
    /// When it was taken (RFC 3339, UTC).
    pub taken_at: String,
    #[ts(type = "number")]
    pub size: u64,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Why it was made ("daily", "before import of x.csv", "by hand", …).
    pub reason: String,
    /// Its SHA-256 as recorded when it was written.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// It passed `integrity_check` when written (and its checksum is known).
    pub verified: bool,
}

/// The backup folder, its rules and its backups, for the app's Backups page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupsOverview {
    /// The register file.
    pub register: String,
    pub folder: String,
    /// The folder is the default one beside the register.
    pub default_folder: bool,
    pub keep_daily: u32,
    pub keep_weekly: u32,
    pub keep_monthly: u32,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
    /// What the start-up check found wrong with the register (empty: sound).
    pub damage: Vec<String>,
}

/// How the app's start-up backup went: a failure is shown, never skipped.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct StartupBackup {
    /// The backup made; none when a recent one existed or there was nothing
    /// to back up.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub made: Option<BackupInfo>,
    /// Why no backup could be made.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed: Option<crate::ApiError>,
}

impl StartupBackup {
    /// The outcome of [`back_up_if_stale`].
    pub fn from_result(result: Result<DailyBackup>) -> StartupBackup {
        match result {
            Ok(DailyBackup::Made(made)) => StartupBackup {
                made: Some(made),
                failed: None,
            },
            Ok(DailyBackup::Recent | DailyBackup::NothingYet) => StartupBackup::default(),
            Err(e) => StartupBackup {
                made: None,
                failed: Some(crate::ApiError::from(e)),
            },
        }
    }
}

/// How many backups to keep, as the Backups page sets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct KeepInput {
    pub keep_daily: u32,
    pub keep_weekly: u32,
    pub keep_monthly: u32,
}

/// The record written beside each backup (`<backup>.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Sidecar {
    sha256: String,
    schema_version: i64,
    reason: String,
    taken_at: String,
    size: u64,
    verified: bool,
    /// The time of the newest history entry in the copy.
    #[serde(default)]
    newest_change: Option<String>,
}

/// Where a register's backups go and how many are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub folder: PathBuf,
    /// True for the default folder (created when missing); a folder the
    /// user chose must exist (a share that is offline is an error, not a
    /// new empty folder on the local disk).
    pub default_folder: bool,
    pub keep: Keep,
}

/// The default backup folder of the register at `db`.
pub fn default_folder(db: &Path) -> PathBuf {
    db.with_file_name("backups")
}

/// The backup policy of the register behind `conn` (its settings).
pub(crate) fn policy(conn: &Connection, db: &Path) -> Result<Policy> {
    let chosen = store::settings::get_file(conn, FOLDER_SETTING)?.filter(|f| !f.trim().is_empty());
    let keep = Keep::from_settings(|key| store::settings::get_file(conn, key))?;
    Ok(match chosen {
        Some(folder) => Policy {
            folder: PathBuf::from(folder.trim()),
            default_folder: false,
            keep,
        },
        None => Policy {
            folder: default_folder(db),
            default_folder: true,
            keep,
        },
    })
}

/// A backup older than this is stale: the app makes a new one at start-up.
pub const DAILY_HOURS: i64 = 24;

/// What the start-up backup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DailyBackup {
    /// A backup was made.
    Made(BackupInfo),
    /// None was needed: a verified backup is less than a day old.
    Recent,
    /// None was needed: the register holds nothing yet (see
    /// [`back_up_if_stale`]).
    NothingYet,
}

/// The start-up backup of the register file `db`: made when its newest
/// verified backup is older than a day (or there is none). It reads
/// through its own read-only connection, so the app keeps working while it
/// runs; it is meant to run once the register has been opened (and so
/// created and upgraded).
///
/// A register that holds nothing yet needs no backup, and is not touched:
/// no file at `db` (nothing creates it here), an empty file, a file whose
/// schema is not written yet (an open still under way), or a new register
/// with nothing but what every new register is seeded with.
pub fn back_up_if_stale(db: &Path, now: DateTime<Utc>, stop: &BackupStop) -> Result<DailyBackup> {
    match std::fs::metadata(db) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DailyBackup::NothingYet),
        _ => {}
    }
    let conn = store::connection::open_read_only(db)?;
    if store::backup::holds_nothing(&conn).map_err(|e| e.in_register(db))? {
        return Ok(DailyBackup::NothingYet);
    }
    let policy = policy(&conn, db)?;
    let fresh = list_in(db, &policy.folder)?
        .iter()
        .filter(|b| b.verified)
        .any(|b| {
            DateTime::parse_from_rfc3339(&b.taken_at)
                .is_ok_and(|t| (now - t.with_timezone(&Utc)).num_hours() < DAILY_HOURS)
        });
    if fresh {
        return Ok(DailyBackup::Recent);
    }
    create(&conn, db, &policy, "daily", now, stop)
        .map(DailyBackup::Made)
        .map_err(|e| e.in_register(db))
}

/// The file name prefix of `db`'s backups: its name without extension.
fn stem(db: &Path) -> String {
    db.file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

const TIME_FORMAT: &str = "%Y-%m-%dT%H-%M-%S%.3fZ";

fn backup_name(db: &Path, at: DateTime<Utc>, version: i64) -> String {
    format!("{}-{}-v{version}.sqlite", stem(db), at.format(TIME_FORMAT))
}

/// The time and schema version in a backup's name, if it is one of `db`'s.
fn parse_name(db: &Path, name: &str) -> Option<(DateTime<Utc>, i64)> {
    let rest = name.strip_prefix(&format!("{}-", stem(db)))?;
    let rest = rest.strip_suffix(".sqlite")?;
    let (time, version) = rest.rsplit_once("-v")?;
    let at = NaiveDateTime::parse_from_str(time, TIME_FORMAT).ok()?;
    Some((at.and_utc(), version.parse().ok()?))
}

/// Makes a verified backup of the register behind `conn` (the file `db`)
/// and prunes old ones. Any failure — folder missing, disk full, the copy
/// failing its check — is an error and leaves no backup-looking file.
pub(crate) fn create(
    conn: &Connection,
    db: &Path,
    policy: &Policy,
    reason: &str,
    now: DateTime<Utc>,
    stop: &BackupStop,
) -> Result<BackupInfo> {
    files::ensure_folder(&policy.folder, policy.default_folder)?;
    files::remove_stale_partials(&policy.folder, now);
    let version = store::migrations::current_version(conn)?;
    let name = backup_name(db, now, version);
    let dest = policy.folder.join(&name);
    let partial = policy.folder.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let written = (|| -> Result<BackupInfo> {
        let (facts, sha256) = write_checked(conn, &partial, stop).map_err(|e| match e {
            Error::Damaged { problems, .. } => Error::Damaged {
                path: Some(db.to_path_buf()),
                problems,
                newest_backup: None,
            },
            other => other,
        })?;
        let size = files::size(&partial)?;
        let sidecar = Sidecar {
            sha256,
            schema_version: facts.schema_version,
            reason: reason.to_string(),
            taken_at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            size,
            verified: true,
            newest_change: facts.newest_change,
        };
        // The record first: a backup is listed by its file, so a kill
        // between the two leaves an unlisted record, never a listed
        // backup without one.
        files::write_json_atomically(&sidecar_path(&dest), &sidecar)?;
        files::rename_synced(&partial, &dest)?;
        Ok(info(&dest, sidecar))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    let made = written?;
    let all = list_in(db, &policy.folder)?;
    for old in retention::to_prune(&all, &policy.keep) {
        let _ = std::fs::remove_file(&old.path);
        let _ = std::fs::remove_file(sidecar_path(&old.path));
    }
    Ok(made)
}

/// Writes the register behind `conn` to `partial` and checks the copy:
/// what a backup and a one-off copy both do before their rename. Returns
/// what the copy holds and its SHA-256 (after syncing it).
///
/// Stopped (`stop`), it ends with `Error::Cancelled` whatever SQLite said
/// when interrupted; the caller removes the partial copy.
fn write_checked(
    conn: &Connection,
    partial: &Path,
    stop: &BackupStop,
) -> Result<(CopyFacts, String)> {
    stop.working_through(conn)?;
    let written = store::backup::vacuum_into(conn, partial);
    stop.go_on()?;
    written?;
    let facts = store::backup::inspect_copy(partial, stop);
    stop.go_on()?;
    let facts = facts?;
    if !facts.problems.is_empty() {
        return Err(Error::Damaged {
            path: None,
            problems: facts.problems,
            newest_backup: None,
        });
    }
    let sha256 = files::sha256_synced(partial)?;
    Ok((facts, sha256))
}

/// Writes one verified copy of the register behind `conn` to `dest` (a new
/// file, not in the rotation): through a hidden temporary file beside it,
/// checked, then renamed.
pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    let folder = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::Io {
            path: dest.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the directory {} does not exist", folder.display()),
            ),
        });
    }
    if dest.exists() {
        return Err(Error::Io {
            path: dest.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "already exists; a backup is only written to a new file",
            ),
        });
    }
    let name = dest.file_name().unwrap_or_default().to_string_lossy();
    let partial = folder.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let written = (|| -> Result<()> {
        write_checked(conn, &partial, &BackupStop::default())?;
        files::rename_synced(&partial, dest)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

fn sidecar_path(backup: &Path) -> PathBuf {
    let mut name = backup.file_name().unwrap_or_default().to_os_string();
    name.push(".json");
    backup.with_file_name(name)
}

fn info(path: &Path, s: Sidecar) -> BackupInfo {
    BackupInfo {
        path: path.to_path_buf(),
        taken_at: s.taken_at,
        size: s.size,
        schema_version: s.schema_version,
        reason: s.reason,
        sha256: Some(s.sha256),
        verified: s.verified,
    }
}

/// The backups of `db` in `folder`, newest first. A backup without its
/// record (copied in by hand) is listed as not verified.
pub fn list_in(db: &Path, folder: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Io {
                path: folder.to_path_buf(),
                source,
            })
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((at, version)) = parse_name(db, &name) else {
            continue;
        };
        let path = entry.path();
        let sidecar: Option<Sidecar> = std::fs::read(sidecar_path(&path))
            .ok()
            .and_then(|t| serde_json::from_slice(&t).ok());
        found.push(match sidecar {
            Some(s) => info(&path, s),
            None => BackupInfo {
                taken_at: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                size: entry.metadata().map(|m| m.len()).unwrap_or(0),
                schema_version: version,
                reason: "unknown (no record beside it)".into(),
                sha256: None,
                verified: false,
                path,
            },
        });
    }
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    Ok(found)
}

/// The newest verified backup of `db` in its default folder, as "PATH (taken
/// TIME)": what a damaged register offers when its own settings cannot be read.
pub fn newest_good_in_default_folder(db: &Path) -> Option<String> {
    let newest = list_in(db, &default_folder(db))
        .ok()?
        .into_iter()
        .find(|b| b.verified)?;
    Some(describe(&newest))
}

/// The newest verified backup of `db` in its backup folder (from its
/// settings where they can be read), as "PATH (taken TIME)".
pub fn newest_good(db: &Path) -> Option<String> {
    let (_, found) = list(db).ok()?;
    let newest = found.into_iter().find(|b| b.verified)?;
    Some(describe(&newest))
}

/// "PATH (taken TIME)".
pub fn describe(backup: &BackupInfo) -> String {
    format!("{} (taken {})", backup.path.display(), backup.taken_at)
}

/// What restoring a backup would do, for the confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestorePreview {
    pub backup: BackupInfo,
    /// Changes recorded in the register after the backup was taken: they
    /// are lost by the restore (the current file is backed up first).
    #[ts(type = "number")]
    pub changes_lost: u64,
}

/// Checks `backup` fully: its checksum against its record, then SQLite's
/// integrity check. Returns what it holds.
fn verify(db: &Path, backup: &Path) -> Result<(BackupInfo, CopyFacts)> {
    let name = backup
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let not_found = || Error::Io {
        path: backup.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such backup"),
    };
    if !backup.is_file() {
        return Err(not_found());
    }
    let sidecar: Option<Sidecar> = std::fs::read(sidecar_path(backup))
        .ok()
        .and_then(|t| serde_json::from_slice(&t).ok());
    if let Some(s) = &sidecar {
        let actual = files::sha256(backup)?;
        if actual != s.sha256 {
            return Err(Error::Damaged {
                path: Some(backup.to_path_buf()),
                problems: vec![format!(
                    "its SHA-256 is {actual}, but {} was recorded when it was written",
                    s.sha256
                )],
                newest_backup: None,
            });
        }
    }
    let facts = store::backup::inspect_copy(backup, &BackupStop::default())?;
    if !facts.problems.is_empty() {
        return Err(Error::Damaged {
            path: Some(backup.to_path_buf()),
            problems: facts.problems,
            newest_backup: None,
        });
    }
    let newest = store::migrations::latest_version();
    if facts.schema_version > newest {
        return Err(Error::Incompatible {
            path: backup.to_path_buf(),
            message: format!(
                "written by a newer version of Tend (schema v{}; this Tend understands up to v{newest})",
                facts.schema_version
            ),
        });
    }
    let info = match sidecar {
        Some(s) => info(backup, s),
        None => BackupInfo {
            path: backup.to_path_buf(),
            taken_at: parse_name(db, &name)
                .map(|(at, _)| at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
                .unwrap_or_default(),
            size: files::size(backup)?,
            schema_version: facts.schema_version,
            reason: "unknown (no record beside it)".into(),
            sha256: None,
            verified: true,
        },
    };
    Ok((info, facts))
}

/// What restoring `backup` over the register `db` would lose.
pub fn restore_preview(db: &Path, backup: &Path) -> Result<RestorePreview> {
    let (info, facts) = verify(db, backup)?;
    let conn = store::connection::open_read_only(db)?;
    let changes_lost = store::backup::changes_since(&conn, facts.newest_change.as_deref())?;
    Ok(RestorePreview {
        backup: info,
        changes_lost,
    })
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Restored {
    pub backup: BackupInfo,
    /// Where the register as it was before the restore was kept (none when
    /// there was no register file).
    #[ts(optional, type = "string")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<PathBuf>,
    /// True when the previous register could not be backed up as usual
    /// (it was damaged) and its files were copied aside as they were.
    pub previous_damaged: bool,
}

/// Restores `backup` over the register file `db`.
///
/// 1. The backup is checked (checksum, integrity, schema version).
/// 2. The register is taken alone: refused, naming them, while other Tend
///    programs have it open.
/// 3. The current register is backed up ("before restore"); when it is too
///    damaged for that, its file and log are copied aside byte for byte.
///    Its log is then emptied into the file (or, if damaged, removed after
///    the copy), so no log of the old file survives beside the new one.
/// 4. The backup, copied to a temporary file beside the register and synced
///    before step 3, is renamed over it: a restore cut short leaves the old
///    register or the new one, never a mix.
pub fn restore(db: &Path, backup: &Path, now: DateTime<Utc>) -> Result<Restored> {
    let (info, _) = verify(db, backup)?;
    let mut alone = match crate::presence::take_alone(db).map_err(|source| Error::Io {
        path: crate::presence::lock_path(db),
        source,
    })? {
        Ok(guard) => guard,
        Err(holders) => {
            return Err(Error::InUse {
                path: db.to_path_buf(),
                what: "a restore",
                holders,
            })
        }
    };
    alone.forget_clean_close().map_err(|source| Error::Io {
        path: crate::presence::lock_path(db),
        source,
    })?;
    let staged = files::stage_copy(db, backup)?;
    let (previous, previous_damaged) = if !db.exists() {
        (None, false)
    } else {
        match set_aside_healthy(db, now) {
            Ok(made) => (Some(made.path), false),
            Err(_) => match files::copy_aside_as_is(db, &default_folder(db), now) {
                Ok(aside) => (Some(aside), true),
                Err(e) => {
                    let _ = std::fs::remove_file(&staged);
                    return Err(e);
                }
            },
        }
    };
    files::swap_in(db, &staged)?;
    drop(alone);
    Ok(Restored {
        backup: info,
        previous,
        previous_damaged,
    })
}

/// Backs the current register up before a restore and empties its log.
fn set_aside_healthy(db: &Path, now: DateTime<Utc>) -> Result<BackupInfo> {
    let conn = store::connection::open_existing(db)?;
    let problems = store::integrity::quick(&conn);
    if !problems.is_empty() {
        return Err(Error::Damaged {
            path: Some(db.to_path_buf()),
            problems,
            newest_backup: None,
        });
    }
    let policy = policy(&conn, db)?;
    let made = create(
        &conn,
        db,
        &policy,
        "before restore",
        now,
        &BackupStop::default(),
    )?;
    store::backup::checkpoint_fully(&conn)?;
    drop(conn);
    Ok(made)
}

/// The backups of the register at `db` (its backup folder from its
/// settings, or the default folder when they cannot be read).
pub fn list(db: &Path) -> Result<(PathBuf, Vec<BackupInfo>)> {
    let folder = match store::connection::open_read_only(db) {
        Ok(conn) => policy(&conn, db)
            .map(|p| p.folder)
            .unwrap_or_else(|_| default_folder(db)),
        Err(_) => default_folder(db),
    };
    let found = list_in(db, &folder)?;
    Ok((folder, found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_name_carries_its_time_and_schema_version() {
        let db = Path::new("/data/tend.sqlite");
        let at = DateTime::parse_from_rfc3339("2026-12-06T08:13:00.123Z")
            .unwrap()
            .with_timezone(&Utc);
        let name = backup_name(db, at, 6);
        assert_eq!(name, "tend-2026-12-06T08-13-00.123Z-v6.sqlite");
        assert_eq!(parse_name(db, &name), Some((at, 6)));
        assert_eq!(
            parse_name(db, "other-2026-12-06T08-13-00.123Z-v6.sqlite"),
            None
        );
        assert_eq!(parse_name(db, &format!(".{name}.partial")), None);
    }
}
