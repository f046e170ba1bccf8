//! Where the register lives by default, so that the desktop app and the CLI
//! open the same file.

use std::path::PathBuf;

/// The application identifier; also the name of the per-user data folder.
pub const APP_IDENTIFIER: &str = "app.tend.desktop";

/// File name of the default database inside the data folder.
pub const DATABASE_FILE: &str = "tend.sqlite";

/// Environment variable that, when set, names the database file instead.
pub const DATABASE_ENV: &str = "TEND_DB";

/// The database both front doors open when none is named: `$TEND_DB` if set,
/// else `<per-user data dir>/app.tend.desktop/tend.sqlite`
/// (on Linux `~/.local/share/app.tend.desktop/tend.sqlite`).
pub fn default_database_path() -> PathBuf {
    if let Some(p) = std::env::var_os(DATABASE_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
        .join(DATABASE_FILE)
}
