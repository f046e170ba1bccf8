//! A file the user chose in one of the desktop app's native dialogs, as the
//! web view knows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The web view never holds a path it could send back: the desktop keeps the
/// chosen path and hands out `token`, which later commands of the same user
/// action take instead. `name` is the path, for showing only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChosenFile {
    pub token: String,
    pub name: String,
}
