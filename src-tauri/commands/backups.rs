//! Backups page: the backup folder and its backups, "Back up now",
//! restoring one (with what it would undo), where backups go and how many
//! are kept; and the start-up backup made once a day in the background.
//!
//! A restore names a backup by its file name in the backup folder, never by
//! a path from the web view; the folder comes from the native dialog.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, State};
use tend_core::backups::{
    self, BackupInfo, BackupsOverview, KeepInput, RestorePreview, Restored, StartupBackup,
};
use tend_core::{ApiError, Error};

use crate::dialogs;
use crate::payload::Payload;
use crate::state::Db;

/// The start-up backup's outcome (`None` while it runs), shared with the
/// thread that makes it.
#[derive(Default, Clone)]
pub struct StartupBackupState(Arc<Mutex<Option<StartupBackup>>>);

impl StartupBackupState {
    pub fn set(&self, outcome: StartupBackup) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(outcome);
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
    Ok(state.0.lock().unwrap_or_else(|p| p.into_inner()).clone())
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
    let backup = listed_backup(&db, &name)?;
    backups::restore_preview(db.path(), &backup).map_err(ApiError::from)
}

/// Restores the backup `name`: the register is closed, restored (the
/// current one kept as a backup, or copied aside if damaged) and reopened.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    db: State<'_, Db>,
    name: Payload<String>,
) -> Result<Restored, ApiError> {
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
