//! Where the register lives by default, so that the desktop app and the CLI
//! open the same file; and the desktop's choice of another (a team register
//! on a server), kept in its configuration folder.

use crate::location::Location;
use crate::store::postgres::address::ServerFields;
use crate::store::postgres::ServerAddress;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

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

/// File name, in [`config_dir`], of the desktop's choice of register.
pub const REGISTER_CHOICE_FILE: &str = "register.json";

/// The per-user folder of Tend's configuration
/// (on Linux `~/.config/app.tend.desktop`).
pub fn config_dir() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}

/// Where the desktop app's register lives, as the user chose in Settings →
/// Register. Kept in [`REGISTER_CHOICE_FILE`], outside any register (a
/// register is what it switches between), and never with a password: that
/// is in the operating system's keyring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum RegisterChoice {
    /// The file on this computer: [`default_database_path`].
    File,
    /// A team register on a PostgreSQL server.
    Server {
        server: ServerFields,
        /// The CA certificate the server's must chain to (chosen in a
        /// dialog), if any.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ca_file: Option<String>,
    },
}

/// What Settings → Register shows: the choice, and the file used when the
/// choice is the file (or would be, after "Use a file on this computer").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RegisterPlace {
    pub choice: RegisterChoice,
    pub file: String,
    /// Something the user should know about the change just made (e.g. a
    /// password the keyring could not remove).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The choice kept in `dir` ([`config_dir`]); the file when none was made.
/// A choice file that cannot be read is an error naming it, not a silent
/// switch to another register.
pub fn read_register_choice(dir: &Path) -> Result<RegisterChoice> {
    let path = dir.join(REGISTER_CHOICE_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(RegisterChoice::File),
        Err(source) => return Err(Error::Io { path, source }),
    };
    serde_json::from_str(&text).map_err(|e| Error::Incompatible {
        path,
        message: format!(
            "not a register choice Tend can read ({e}); choose the register again in \
             Settings → Register"
        ),
    })
}

/// Keeps `choice` in `dir` (created if missing), whole or not at all.
pub fn write_register_choice(dir: &Path, choice: &RegisterChoice) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let path = dir.join(REGISTER_CHOICE_FILE);
    crate::atomic_file::write(&path, |out| {
        let text = serde_json::to_string_pretty(choice).expect("a choice is plain data");
        out.write_all(text.as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })
    })
}

/// The register `choice` names: the default file, or the server with
/// `password` (from the keyring) and its CA file.
pub fn chosen_location(choice: &RegisterChoice, password: &str) -> Result<Location> {
    Ok(match choice {
        RegisterChoice::File => Location::File(default_database_path()),
        RegisterChoice::Server { server, ca_file } => Location::Server(Box::new(
            ServerAddress::from_fields(server, password, ca_file.as_deref().map(Path::new))?,
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::postgres::TlsMode;

    fn server() -> RegisterChoice {
        RegisterChoice::Server {
            server: ServerFields {
                host: "db.lan".into(),
                port: 5433,
                database: "assets".into(),
                user: "anna".into(),
                tls: TlsMode::VerifyFull,
            },
            ca_file: Some("/etc/tend/ca.pem".into()),
        }
    }

    #[test]
    fn no_choice_file_means_the_file_on_this_computer() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_register_choice(dir.path()).unwrap(),
            RegisterChoice::File
        );
    }

    #[test]
    fn a_choice_is_kept_and_read_back_in_a_folder_made_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("not-yet").join(APP_IDENTIFIER);
        write_register_choice(&config, &server()).unwrap();
        assert_eq!(read_register_choice(&config).unwrap(), server());
        let text = std::fs::read_to_string(config.join(REGISTER_CHOICE_FILE)).unwrap();
        assert!(text.contains("\"kind\": \"server\""), "{text}");
        assert!(text.contains("\"tls\": \"verify-full\""), "{text}");
        assert!(!text.contains("password"), "{text}");

        write_register_choice(&config, &RegisterChoice::File).unwrap();
        assert_eq!(read_register_choice(&config).unwrap(), RegisterChoice::File);
        let names: Vec<_> = std::fs::read_dir(&config)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [REGISTER_CHOICE_FILE], "no temporary file left");
    }

    #[test]
    fn a_choice_file_tend_cannot_read_is_an_error_naming_it_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(REGISTER_CHOICE_FILE);
        for text in [
            "{\"kind\":\"cloud\"}",
            "{\"kind\":\"server\",\"server\":{\"host\":\"h\",\"password\":\"pw\"}}",
            "not json",
        ] {
            std::fs::write(&path, text).unwrap();
            let e = read_register_choice(dir.path()).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::Incompatible, "{text}");
            assert!(e.to_string().contains(REGISTER_CHOICE_FILE), "{e}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
    }

    #[test]
    fn the_chosen_location_is_the_server_with_the_password_given() {
        let Location::Server(address) = chosen_location(&server(), "pw").unwrap() else {
            panic!("a server");
        };
        assert_eq!(address.to_string(), "postgres://anna@db.lan:5433/assets");
        assert!(address.has_password());
        assert_eq!(
            address.root_cert.as_deref(),
            Some(Path::new("/etc/tend/ca.pem"))
        );
        assert!(matches!(
            chosen_location(&RegisterChoice::File, "").unwrap(),
            Location::File(p) if p == default_database_path()
        ));
    }
}
