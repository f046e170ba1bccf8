//! Backups of an open register: by hand, before risky writes, once a day
//! when the app starts, and one-off copies to a named file.

use super::Register;
use crate::backups::{self, BackupInfo, BackupsOverview, KeepInput};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

impl Register {
    /// The register file and its connection: backups are for a register
    /// file (a team register's server keeps its own).
    fn file(&self, what: &str) -> Result<(&Path, &rusqlite::Connection)> {
        let conn = self.file_conn(what)?;
        let path = self.path().ok_or_else(|| {
            Error::validation(
                "register",
                format!("{what}: a register in memory has no file"),
            )
        })?;
        Ok((path, conn))
    }

    /// The backup folder and the backups in it, newest first.
    pub fn list_backups(&self) -> Result<(PathBuf, Vec<BackupInfo>)> {
        let (db, conn) = self.file("listing backups")?;
        let policy = backups::policy(conn, db)?;
        let found = backups::list_in(db, &policy.folder)?;
        Ok((policy.folder, found))
    }

    /// The backup folder, its rules, its backups and the register's health.
    pub fn backups_overview(&self) -> Result<BackupsOverview> {
        let (db, conn) = self.file("listing backups")?;
        let policy = backups::policy(conn, db)?;
        let found = backups::list_in(db, &policy.folder)?;
        Ok(BackupsOverview {
            register: db.display().to_string(),
            folder: policy.folder.display().to_string(),
            default_folder: policy.default_folder,
            keep_daily: policy.keep.daily,
            keep_weekly: policy.keep.weekly,
            keep_monthly: policy.keep.monthly,
            backups: found,
            damage: self.damage().map(<[String]>::to_vec).unwrap_or_default(),
        })
    }

    /// Sets how many daily, weekly and monthly backups are kept (each from 0
    /// to 1,000; the error names the setting).
    pub fn set_backup_keep(&mut self, keep: &KeepInput) -> Result<()> {
        let values = [keep.keep_daily, keep.keep_weekly, keep.keep_monthly];
        for (key, value) in backups::retention::KEEP_SETTINGS.iter().zip(values) {
            backups::retention::parse_count(key, &value.to_string())?;
        }
        let timeout = self.busy_timeout_ms;
        let tx = self.begin_write()?;
        for (key, value) in backups::retention::KEEP_SETTINGS.iter().zip(values) {
            crate::store::settings::set(&tx, key, &value.to_string())?;
        }
        Register::commit(tx, timeout)
    }

    /// Keeps backups in `folder` (an existing folder, chosen in a dialog),
    /// or in the default folder beside the register when `None`.
    pub fn set_backup_folder(&mut self, folder: Option<&Path>) -> Result<()> {
        let value = match folder {
            None => String::new(),
            Some(f) if f.is_dir() => f.display().to_string(),
            Some(f) => {
                return Err(Error::Io {
                    path: f.to_path_buf(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "the folder does not exist",
                    ),
                })
            }
        };
        self.set_setting(backups::FOLDER_SETTING, &value)
    }

    /// Makes a verified backup in the backup folder now, and prunes old ones.
    /// Refused on a damaged register (a copy of damage is no backup).
    pub fn back_up(&self, reason: &str) -> Result<BackupInfo> {
        self.back_up_at(reason, Utc::now())
    }

    pub(crate) fn back_up_at(&self, reason: &str, now: DateTime<Utc>) -> Result<BackupInfo> {
        self.ensure_writable()?;
        let (db, conn) = self.file("backing up")?;
        let policy = backups::policy(conn, db)?;
        backups::create(
            conn,
            db,
            &policy,
            reason,
            now,
            &backups::BackupStop::default(),
        )
        .map_err(|e| self.explain(e))
    }

    /// The backup made before a risky write (an import, a bulk change): in
    /// memory there is nothing to back up. A backup that cannot be written
    /// stops the write, saying why.
    pub(crate) fn back_up_before(&self, what: &str) -> Result<Option<BackupInfo>> {
        if self.path().is_none() {
            return Ok(None);
        }
        self.back_up(&format!("before {what}"))
            .map(Some)
            .map_err(|e| match e {
                e @ (Error::Damaged { .. } | Error::Busy { .. }) => e,
                other => Error::Io {
                    path: self.path().map(Path::to_path_buf).unwrap_or_default(),
                    source: std::io::Error::other(format!(
                        "could not back the register up before {what}, so nothing was changed: {other}"
                    )),
                },
            })
    }

    /// Writes one verified copy of the register to `dest`, a new file. It
    /// finishes in bounded time while other programs write, and a copy cut
    /// short leaves no file at `dest`.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.ensure_writable()?;
        let conn = self.file_conn("a backup copy")?;
        backups::copy_to(conn, dest).map_err(|e| self.explain(e))
    }
}
