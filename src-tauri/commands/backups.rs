//! Backups page: the backup folder and its backups, "Back up now",
//! restoring one (with what it would undo), where backups go and how many
//! are kept; and the start-up backup made once a day in the background.
//!
//! A restore names a backup by its file name in the backup folder, never by
//! a path from the web view; the folder comes from the native dialog.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tauri::{AppHandle, State};
use tend_core::backups::{
    self, BackupInfo, BackupStop, BackupsOverview, KeepInput, RestorePreview, Restored,
    StartupBackup,
};
use tend_core::{ApiError, Error};

use crate::dialogs;
use crate::payload::Payload;
use crate::state::{Db, Opened};

/// The start-up backup's outcome (`None` while it runs), shared with the
/// thread that makes it, and the way to stop it when the app ends.
#[derive(Default, Clone)]
pub struct StartupBackupState {
    outcome: Arc<Mutex<Option<StartupBackup>>>,
    stop: BackupStop,
}

impl StartupBackupState {
    /// The start-up backup of the register file `db`, to run once the
    /// register has been opened ([`Db::open`]'s `then`): never before, when
    /// the file may not exist yet or have no schema. Only a register that
    /// opened sound is backed up; one that could not be opened shows why
    /// instead, and a copy of a damaged one is no backup (the app offers
    /// the newest good one). A team register (`db` is `None`) is backed up
    /// by its server, not by Tend.
    pub fn after_open(&self, db: Option<PathBuf>) -> impl FnOnce(Opened) + Send + 'static {
        let state = self.clone();
        move |opened| {
            let outcome =
                match (opened, db) {
                    (Opened::Sound, Some(db)) => StartupBackup::from_result(
                        backups::back_up_if_stale(&db, chrono::Utc::now(), &state.stop),
                    ),
                    _ => StartupBackup::default(),
                };
            *state.outcome.lock().unwrap_or_else(|p| p.into_inner()) = Some(outcome);
        }
    }

    /// Stops a start-up backup still running and waits, up to `limit`,
    /// for it to end (it removes its partial copy; the next start makes
    /// it again). Its connection is then closed, so the register's own
    /// close is recorded as clean (a close beside another connection is
    /// not a clean one). Waiting for the backup instead held the exit of a
    /// large register for tens of seconds, or, past the limit, left it to
    /// the start-up check again.
    pub fn finish(&self, limit: Duration) {
        self.stop.stop();
        let until = Instant::now() + limit;
        while self
            .outcome
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_none()
            && Instant::now() < until
        {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The backup folder, its rules, its backups and the register's health.
#[tauri::command(rename_all = "snake_case")]
pub async fn backups_overview(db: State<'_, Db>) -> Result<BackupsOverview, ApiError> {
    db.with(|r| r.backups_overview())
}

/// The start-up backup: `null` while it runs.
#[tauri::command(rename_all = "snake_case")]
pub async fn startup_backup(
    state: State<'_, StartupBackupState>,
) -> Result<Option<StartupBackup>, ApiError> {
    Ok(state
        .outcome
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone())
}

/// A verified backup now, into the backup folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn back_up_now(db: State<'_, Db>) -> Result<BackupInfo, ApiError> {
    db.with(|r| r.back_up("by hand"))
}

/// The backup called `name` in the backup folder (a file name only).
fn listed_backup(db: &Db, name: &str) -> Result<PathBuf, ApiError> {
    let (_, found) = db.with(|r| r.list_backups())?;
    found
        .into_iter()
        .map(|b| b.path)
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == name))
        .ok_or_else(|| {
            ApiError::from(Error::validation(
                "name",
                format!("no backup called \"{name}\" in the backup folder"),
            ))
        })
}

/// What restoring the backup `name` would undo.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_preview(
    db: State<'_, Db>,
    name: Payload<String>,
) -> Result<RestorePreview, ApiError> {
    // A team register has no file to restore (its backups are the server's).
    let file = db.path()?;
    let backup = listed_backup(&db, &name)?;
    backups::restore_preview(&file, &backup).map_err(ApiError::from)
}

/// Restores the backup `name`: the register is closed, restored (the
/// current one kept as a backup, or copied aside if damaged) and reopened.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    db: State<'_, Db>,
    name: Payload<String>,
) -> Result<Restored, ApiError> {
    db.path()?;
    let backup = listed_backup(&db, &name)?;
    db.closed_for(|path| backups::restore(path, &backup, chrono::Utc::now()))
}

/// Sets how many daily, weekly and monthly backups are kept.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_backup_keep(
    db: State<'_, Db>,
    keep: Payload<KeepInput>,
) -> Result<BackupsOverview, ApiError> {
    db.with(|r| {
        r.set_backup_keep(&keep)?;
        r.backups_overview()
    })
}

/// Chooses the backup folder with the native folder dialog (`null` when the
/// user closed it).
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_backup_folder(
    app: AppHandle,
    db: State<'_, Db>,
    start: Payload<String>,
) -> Result<Option<BackupsOverview>, ApiError> {
    let Some(folder) = dialogs::folder(&app, "Choose the backup folder", &start) else {
        return Ok(None);
    };
    db.with(|r| {
        r.set_backup_folder(Some(&folder))?;
        r.backups_overview().map(Some)
    })
}

/// Keeps backups in the default folder beside the register again.
#[tauri::command(rename_all = "snake_case")]
pub async fn use_default_backup_folder(db: State<'_, Db>) -> Result<BackupsOverview, ApiError> {
    db.with(|r| {
        r.set_backup_folder(None)?;
        r.backups_overview()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::time::{Duration, Instant};
    use tend_core::Register;

    /// Opens the register at `path` as the app does, and waits for the
    /// start-up backup's outcome.
    fn open_as_the_app(path: &Path) -> (Db, StartupBackup) {
        let state = StartupBackupState::default();
        let db = Db::open(
            Ok(tend_core::location::Location::File(path.to_path_buf())),
            state.after_open(Some(path.to_path_buf())),
        );
        let start = Instant::now();
        loop {
            if let Some(outcome) = state.outcome.lock().unwrap().clone() {
                return (db, outcome);
            }
            assert!(
                start.elapsed() < Duration::from_secs(120),
                "the start-up backup never finished"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn sample(path: &Path, assets: u64) {
        let mut register = Register::open(path).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        tend_core::demo::generate(&mut register, assets, 7, today).unwrap();
    }

    /// Regression: on first launch the app warned "The daily backup could
    /// not be made: storage error: no such table: settings". The start-up
    /// backup ran beside the register's first opening and read the file
    /// before its schema was written.
    #[test]
    fn on_first_launch_the_start_up_backup_waits_for_the_register_and_warns_of_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("not-yet").join("tend.sqlite");
        let (db, outcome) = open_as_the_app(&path);
        assert!(outcome.failed.is_none(), "{:?}", outcome.failed);
        assert!(
            outcome.made.is_none(),
            "a new register holds nothing to back up"
        );
        assert!(!backups::default_folder(&path).exists());
        assert_eq!(db.with(|r| r.count_assets()).unwrap(), 0);
    }

    #[test]
    fn a_register_with_content_gets_its_daily_backup_once_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tend.sqlite");
        sample(&path, 5);
        let (db, outcome) = open_as_the_app(&path);
        assert!(outcome.failed.is_none(), "{:?}", outcome.failed);
        let made = outcome.made.expect("no backup yet, so one is made");
        assert_eq!(made.reason, "daily");
        assert_eq!(db.with(|r| r.list_backups()).unwrap().1, vec![made]);
    }

    #[test]
    fn a_register_that_cannot_be_opened_is_not_backed_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tend.sqlite");
        std::fs::write(&path, "not a register, but a note left here").unwrap();
        let (db, outcome) = open_as_the_app(&path);
        assert!(outcome.failed.is_none() && outcome.made.is_none());
        assert!(!backups::default_folder(&path).exists());
        assert!(
            db.with(|r| r.count_assets()).is_err(),
            "the open's error is what is shown"
        );
    }

    #[test]
    fn a_damaged_register_is_not_backed_up_at_start_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tend.sqlite");
        sample(&path, 200);
        let mut bytes = std::fs::read(&path).unwrap();
        let page = bytes.len() / 4096 / 2;
        bytes[page * 4096..page * 4096 + 4096].fill(0x5A);
        std::fs::write(&path, bytes).unwrap();
        let (db, outcome) = open_as_the_app(&path);
        assert!(outcome.failed.is_none() && outcome.made.is_none());
        assert!(!backups::default_folder(&path).exists());
        assert!(db.with(|r| Ok(r.damage().is_some())).unwrap());
    }

    /// The app ends while the start-up backup of a large register runs:
    /// `finish` (called on the exit event) stops it at once instead of
    /// waiting, and no partial copy is left.
    #[test]
    fn finishing_stops_a_start_up_backup_still_running() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tend.sqlite");
        sample(&path, 5);
        {
            // 64 MB inside the register, so its copy takes a while.
            let big = dir.path().join("photos.bin");
            let bytes: Vec<u8> = (0..64_000_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
                .collect();
            std::fs::write(&big, bytes).unwrap();
            let mut register = Register::open(&path).unwrap();
            let id = register
                .list_assets(&tend_core::AssetQuery::default())
                .unwrap()
                .rows[0]
                .id;
            register
                .attach_files(&[big], &[id], tend_core::AttachedTo::Asset, None)
                .unwrap();
        }
        let folder = backups::default_folder(&path);
        let state = StartupBackupState::default();
        let _db = Db::open(
            Ok(tend_core::location::Location::File(path.clone())),
            state.after_open(Some(path.clone())),
        );
        let start = Instant::now();
        let writing = || {
            std::fs::read_dir(&folder).is_ok_and(|entries| {
                entries
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".partial"))
            })
        };
        while !writing() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the start-up backup never started"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        let asked = Instant::now();
        state.finish(Duration::from_secs(30));
        let outcome = state.outcome.lock().unwrap().clone().expect("it ended");
        assert!(
            asked.elapsed() < Duration::from_secs(5),
            "{:?}",
            asked.elapsed()
        );
        let failed = outcome.failed.expect("stopped, not made");
        assert_eq!(failed.code, tend_core::ErrorCode::Cancelled, "{failed:?}");
        let left: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "nothing half-written is left: {left:?}");
    }
}
