//! The file moves of backups and restores: folders, checksums, syncing, and
//! replacing a register file in one rename.

use crate::{Error, Result};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Makes sure the backup folder is there: the default one is created, a
/// chosen one must exist (an offline share is an error, never an empty
/// local folder in its place).
pub(super) fn ensure_folder(folder: &Path, create: bool) -> Result<()> {
    if folder.is_dir() {
        return Ok(());
    }
    if create {
        return std::fs::create_dir_all(folder).map_err(io(folder));
    }
    Err(Error::Io {
        path: folder.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the backup folder does not exist (is the share or drive connected?); no backup was written",
        ),
    })
}

/// Removes temporary files of backups that were cut short more than an hour
/// ago (a backup still being written by another program is younger).
pub(super) fn remove_stale_partials(folder: &Path, now: DateTime<Utc>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') && name.ends_with(".partial")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .map(|m| {
                now.signed_duration_since(DateTime::<Utc>::from(m))
                    .num_minutes()
                    > 60
            })
            .unwrap_or(false);
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

pub(super) fn size(path: &Path) -> Result<u64> {
    Ok(std::fs::metadata(path).map_err(io(path))?.len())
}

/// The SHA-256 of a file, in lower-case hex.
pub(super) fn sha256(path: &Path) -> Result<String> {
    let mut file = File::open(path).map_err(io(path))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(io(path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// [`sha256`], after making sure the file's bytes are on the disk.
pub(super) fn sha256_synced(path: &Path) -> Result<String> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(io(path))?;
    sha256(path)
}

/// Syncs a folder, so a rename inside it survives a power cut.
fn sync_folder(folder: &Path) -> Result<()> {
    // Folders cannot be opened for syncing on every system; where they
    // cannot, the rename is as durable as the system makes it.
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

pub(super) fn rename_synced(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(io(to))?;
    sync_folder(parent(to))
}

/// Writes `value` as JSON to `path` through a temporary file and a rename.
pub(super) fn write_json_atomically<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let text = serde_json::to_vec_pretty(value).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    let tmp = path.with_file_name(format!(".{}", name.to_string_lossy()));
    let mut file = File::create(&tmp).map_err(io(&tmp))?;
    file.write_all(&text)
        .and_then(|()| file.sync_all())
        .map_err(io(&tmp))?;
    rename_synced(&tmp, path)
}

/// Copies a damaged register's file and log into `folder` byte for byte,
/// as `<name>-<time>-damaged.sqlite` (and `…-wal`, so SQLite reads them
/// together). Returns the copy of the file.
pub(super) fn copy_aside_as_is(db: &Path, folder: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    ensure_folder(folder, true)?;
    let stem = db.file_stem().unwrap_or_default().to_string_lossy();
    let name = format!(
        "{stem}-{}-damaged.sqlite",
        now.format("%Y-%m-%dT%H-%M-%S%.3fZ")
    );
    let dest = folder.join(&name);
    copy_synced(db, &dest)?;
    let wal = crate::presence::wal_path(db);
    if wal.exists() {
        copy_synced(&wal, &folder.join(format!("{name}-wal")))?;
    }
    Ok(dest)
}

fn copy_synced(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to).map_err(io(from))?;
    File::open(to).and_then(|f| f.sync_all()).map_err(io(to))
}

/// Copies `backup` to a temporary file beside the register `db` and syncs
/// it: the first half of a restore, done before anything else so that
/// pruning old backups cannot take the one being restored.
pub(super) fn stage_copy(db: &Path, backup: &Path) -> Result<PathBuf> {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".restoring");
    let tmp = db.with_file_name(name);
    let _ = std::fs::remove_file(&tmp);
    copy_synced(backup, &tmp)?;
    Ok(tmp)
}

/// Replaces the register file `db` with the staged copy `tmp`: the old log
/// and shared-memory files are removed (the log was emptied into the file,
/// or copied aside with a damaged file), then one rename. Killed at any
/// point, `db` is the old register or the new one.
pub(super) fn swap_in(db: &Path, tmp: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        match std::fs::remove_file(db.with_file_name(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                let _ = std::fs::remove_file(tmp);
                return Err(Error::Io {
                    path: db.to_path_buf(),
                    source,
                });
            }
        }
    }
    rename_synced(tmp, db)
}
