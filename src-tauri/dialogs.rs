//! The native file dialogs, run by commands (the web view has no dialog
//! permission), and opening a file just saved in the system's viewer. A path the user typed is not used as it is: it is where the
//! dialog opens, with that file name filled in, and the user confirms there.
//!
//! WebDriver cannot drive a native dialog. In debug builds only, with
//! `TEND_E2E_DIALOG=accept:FOLDER` in the app's environment (set by the
//! end-to-end tests), a dialog is not shown and answers with the path it
//! would have opened on (a bare file name taken in FOLDER), as if the user
//! had pressed Open or Save at once; a dialog that picks several files and
//! opens on nothing answers with the files listed in `FOLDER/e2e-pick.txt`.
//! Release builds have no such switch.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};
use tauri_plugin_opener::OpenerExt;
use tend_core::{ApiError, ErrorCode};

/// Which files a dialog offers: a name and the extensions.
pub type Filter = (&'static str, &'static [&'static str]);

pub const CSV_IN: Filter = ("CSV", &["csv", "tsv", "txt"]);
pub const CSV_OUT: Filter = ("CSV", &["csv"]);
pub const PDF: Filter = ("PDF", &["pdf"]);
pub const ZPL: Filter = ("ZPL", &["zpl", "txt"]);
pub const IMAGE: Filter = ("PNG or JPEG image", &["png", "jpg", "jpeg"]);
pub const CERTIFICATE: Filter = ("PEM certificate", &["pem", "crt", "cer"]);

/// Asks for an existing file; `start` is a typed path or a file name, or
/// empty. `None` when the user closes the dialog.
pub fn open<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filter: Filter,
    start: &str,
) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer(start) {
        return answer;
    }
    starting_at(
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(filter.0, filter.1),
        start,
    )
    .blocking_pick_file()
    .and_then(|p| p.into_path().ok())
}

/// Asks for one or more existing files of any type; `start` as for
/// [`open`]. Empty when the user closes the dialog.
pub fn open_many<R: Runtime>(app: &AppHandle<R>, title: &str, start: &str) -> Vec<PathBuf> {
    if let Some(answer) = scripted_files(start) {
        return answer;
    }
    starting_at(app.dialog().file().set_title(title), start)
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect()
}

/// Asks where to save any file (an attachment); `start` as for [`open`].
pub fn save_any<R: Runtime>(app: &AppHandle<R>, title: &str, start: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer(start) {
        return answer;
    }
    starting_at(app.dialog().file().set_title(title), start)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks where to save; `start` as for [`open`]. The dialog asks before
/// replacing an existing file. `None` when the user closes it.
pub fn save<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filter: Filter,
    start: &str,
) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer(start) {
        return answer;
    }
    starting_at(
        app.dialog()
            .file()
            .set_title(title)
            .add_filter(filter.0, filter.1),
        start,
    )
    .blocking_save_file()
    .and_then(|p| p.into_path().ok())
}

/// Asks for a folder; `start` as for [`open`] (an existing folder to open
/// on). `None` when the user closes the dialog.
pub fn folder<R: Runtime>(app: &AppHandle<R>, title: &str, start: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer(start) {
        return answer;
    }
    let start = Path::new(start.trim());
    let dialog = app.dialog().file().set_title(title);
    let dialog = if start.is_absolute() && start.is_dir() {
        dialog.set_directory(start)
    } else {
        dialog
    };
    dialog
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

fn starting_at<R: Runtime>(dialog: FileDialogBuilder<R>, start: &str) -> FileDialogBuilder<R> {
    let start = Path::new(start.trim());
    let dialog = match start
        .parent()
        .filter(|dir| start.is_absolute() && dir.is_dir())
    {
        Some(dir) => dialog.set_directory(dir),
        None => dialog,
    };
    match start.file_name() {
        Some(name) => dialog.set_file_name(name.to_string_lossy()),
        None => dialog,
    }
}

/// Opens `path`, a file the user just saved (a report, labels) or a copy
/// of an attachment, in the system's viewer for its type.
pub fn open_saved<R: Runtime>(app: &AppHandle<R>, path: &Path) -> Result<(), ApiError> {
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| ApiError {
            code: ErrorCode::Io,
            message: format!("saved {}, but it could not be opened: {e}", path.display()),
            field: None,
        })
}

#[cfg(debug_assertions)]
fn scripted_answer(start: &str) -> Option<Option<PathBuf>> {
    let setting = std::env::var("TEND_E2E_DIALOG").ok()?;
    let folder = PathBuf::from(setting.strip_prefix("accept:")?);
    let start = start.trim();
    Some((!start.is_empty()).then(|| folder.join(start)))
}

#[cfg(not(debug_assertions))]
fn scripted_answer(_start: &str) -> Option<Option<PathBuf>> {
    None
}

/// The scripted answer of a dialog that picks several files: the file
/// `start` names, or, when it names none, those listed one per line in
/// `FOLDER/e2e-pick.txt` (relative to FOLDER), as a person would pick them.
#[cfg(debug_assertions)]
fn scripted_files(start: &str) -> Option<Vec<PathBuf>> {
    let setting = std::env::var("TEND_E2E_DIALOG").ok()?;
    let folder = PathBuf::from(setting.strip_prefix("accept:")?);
    if !start.trim().is_empty() {
        return Some(vec![folder.join(start.trim())]);
    }
    let listed = std::fs::read_to_string(folder.join("e2e-pick.txt")).unwrap_or_default();
    Some(
        listed
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| folder.join(l.trim()))
            .collect(),
    )
}

#[cfg(not(debug_assertions))]
fn scripted_files(_start: &str) -> Option<Vec<PathBuf>> {
    None
}
