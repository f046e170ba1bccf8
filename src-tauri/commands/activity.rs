//! What holds the register while a command waits for it: a long operation
//! of this app (an import, a restore), and the other Tend programs that have
//! the register open (a `tend import` in a terminal). Answered without
//! waiting for the register, so the UI can say why a save is taking long.

use tauri::State;
use tend_core::location::Location;
use tend_core::presence::RegisterActivity;
use tend_core::ApiError;

use crate::state::Db;

/// Who is using the register besides the command that waits.
#[tauri::command(rename_all = "snake_case")]
pub async fn register_activity(db: State<'_, Db>) -> Result<RegisterActivity, ApiError> {
    // A file's other programs hold its lock file; a server has none.
    let other_programs = match db.location() {
        Some(Location::File(path)) => {
            tend_core::presence::holders(&tend_core::presence::lock_path(&path))
        }
        Some(Location::Server(_)) | None => Vec::new(),
    };
    Ok(RegisterActivity {
        in_app: db.activity(),
        other_programs,
    })
}
