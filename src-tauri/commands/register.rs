//! Settings → Register: where the register lives (the file on this computer
//! or a team register on a PostgreSQL server), testing a connection, and
//! switching between the two.
//!
//! The choice is kept in the configuration folder
//! ([`tend_core::paths::config_dir`]), never in a register, and never with
//! the password: that goes to the operating system's keyring
//! ([`crate::secrets`]). A server is used only after it has been reached
//! and found to be a Tend register this user may read; its CA certificate
//! comes from the native open dialog, named by a token.
//!
//! The PostgreSQL client is synchronous and runs a runtime of its own, which
//! may not be started on the async runtime's threads: whatever connects,
//! opens or closes a register here runs on a blocking thread
//! ([`off_the_runtime`]), as does the keyring (D-Bus, synchronous).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, State};
use tend_core::location::Location;
use tend_core::paths::{self, RegisterChoice, RegisterPlace};
use tend_core::store::postgres::address::ServerFields;
use tend_core::store::postgres::probe::{self, Probe};
use tend_core::store::postgres::ServerAddress;
use tend_core::{ApiError, ChosenFile, Error};

use crate::chosen::{ChosenFiles, Purpose};
use crate::dialogs;
use crate::payload::Payload;
use crate::secrets;
use crate::state::Db;

/// Where the register lives, and the file "Use a file on this computer"
/// opens.
#[tauri::command(rename_all = "snake_case")]
pub async fn register_place() -> Result<RegisterPlace, ApiError> {
    Ok(place(
        paths::read_register_choice(&paths::config_dir())?,
        None,
    ))
}

/// Whether this user may change the open register: false for a reader of a
/// team register (the server refuses their writes). The window hides its
/// write actions then.
#[tauri::command(rename_all = "snake_case")]
pub async fn register_may_change(db: State<'_, Db>) -> Result<bool, ApiError> {
    db.with(|r| r.may_change())
}

/// Asks for the server's CA certificate with the native open dialog,
/// opened on `start`; its token, or `None` when the user closed it.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_ca_file(
    app: AppHandle,
    files: State<'_, ChosenFiles>,
    start: Payload<String>,
) -> Result<Option<ChosenFile>, ApiError> {
    let Some(path) = dialogs::open(
        &app,
        "Choose the server's CA certificate",
        dialogs::CERTIFICATE,
        &start,
    ) else {
        return Ok(None);
    };
    files.issue(Purpose::CaCertificate, path).map(Some)
}

/// Connects to the server in the form and says what is there (encrypted or
/// not, the server's version, the register's state, this user's access),
/// changing nothing. An empty `password` means the one in the keyring for
/// this login, if any; an empty `ca_file` the CA file already chosen for
/// this server, if any.
#[tauri::command(rename_all = "snake_case")]
pub async fn test_register_connection(
    app: AppHandle,
    server: Payload<ServerFields>,
    password: Payload<String>,
    ca_file: Payload<String>,
) -> Result<Probe, ApiError> {
    off_the_runtime(move || {
        let files = app.state::<ChosenFiles>();
        let (address, _) = from_form(&files, &server, &password, &ca_file)?;
        probe::probe(&address).map_err(ApiError::from)
    })
    .await
}

/// Uses the team register in the form from now on: tests it first (it must
/// be a Tend register this Tend can open, that this user may read), keeps
/// the password in the keyring and the rest in the choice file, then closes
/// the register in use and opens this one. If it then cannot be opened,
/// every screen says why, and "Use a file on this computer" switches back.
#[tauri::command(rename_all = "snake_case")]
pub async fn use_server_register(
    app: AppHandle,
    server: Payload<ServerFields>,
    password: Payload<String>,
    ca_file: Payload<String>,
) -> Result<RegisterPlace, ApiError> {
    off_the_runtime(move || {
        let (db, files) = (app.state::<Db>(), app.state::<ChosenFiles>());
        use_server(&db, &files, &server, &password, &ca_file)
    })
    .await
}

fn use_server(
    db: &Db,
    files: &ChosenFiles,
    server: &ServerFields,
    password: &str,
    ca_file: &str,
) -> Result<RegisterPlace, ApiError> {
    let (address, ca) = from_form(files, server, password, ca_file)?;
    probe::probe(&address)
        .and_then(|found| found.require_usable())
        .map_err(ApiError::from)?;
    let fields = address.fields();
    if !password.is_empty() {
        secrets::store(&fields, password)?;
    }
    let before = paths::read_register_choice(&paths::config_dir()).ok();
    let choice = RegisterChoice::Server {
        server: fields.clone(),
        ca_file: ca.map(|p| p.display().to_string()),
    };
    paths::write_register_choice(&paths::config_dir(), &choice)?;
    let note = match before {
        Some(RegisterChoice::Server { server: old, .. }) if old != fields => forget(&old),
        _ => None,
    };
    db.switch_to(Location::Server(Box::new(address)));
    Ok(place(choice, note))
}

/// Uses the file on this computer again, and removes the team register's
/// password from the keyring.
#[tauri::command(rename_all = "snake_case")]
pub async fn use_file_register(app: AppHandle) -> Result<RegisterPlace, ApiError> {
    off_the_runtime(move || {
        // An unreadable choice file is replaced: this is the way back.
        let before = paths::read_register_choice(&paths::config_dir()).ok();
        paths::write_register_choice(&paths::config_dir(), &RegisterChoice::File)?;
        app.state::<Db>()
            .switch_to(Location::File(paths::default_database_path()));
        let note = match before {
            Some(RegisterChoice::Server { server, .. }) => forget(&server),
            _ => None,
        };
        Ok(place(RegisterChoice::File, note))
    })
    .await
}

/// Runs `f` on a thread where blocking is allowed, and waits for it.
async fn off_the_runtime<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(|e| {
        ApiError::from(Error::Internal {
            what: "Settings → Register".into(),
            message: format!("the work stopped before it finished: {e}"),
        })
    })?
}

fn place(choice: RegisterChoice, note: Option<String>) -> RegisterPlace {
    RegisterPlace {
        choice,
        file: paths::default_database_path().display().to_string(),
        note,
    }
}

/// Removes a login's password from the keyring; what to tell the user when
/// that failed (the switch itself is done).
fn forget(server: &ServerFields) -> Option<String> {
    secrets::forget(server).err().map(|e| {
        format!(
            "The password for {} is still in the keyring: {}",
            secrets::account(server),
            e.message
        )
    })
}

/// The address the form names, and its CA file: the password typed, or the
/// keyring's for this login; the CA file chosen by token, or the one kept
/// for this server.
fn from_form(
    files: &ChosenFiles,
    server: &ServerFields,
    password: &str,
    ca_token: &str,
) -> Result<(ServerAddress, Option<PathBuf>), ApiError> {
    let ca = if ca_token.is_empty() {
        match paths::read_register_choice(&paths::config_dir()) {
            Ok(RegisterChoice::Server {
                server: kept,
                ca_file,
            }) if kept.host == server.host.trim() && kept.port == server.port => {
                ca_file.map(PathBuf::from)
            }
            _ => None,
        }
    } else {
        Some(files.get(ca_token, Purpose::CaCertificate)?)
    };
    // Checked (and trimmed) before the keyring is asked for its password.
    let unkeyed = ServerAddress::from_fields(server, "", ca.as_deref())?;
    let password = if password.is_empty() {
        secrets::password(&unkeyed.fields())?.unwrap_or_default()
    } else {
        password.to_string()
    };
    let address = ServerAddress::from_fields(server, &password, ca.as_deref())?;
    Ok((address, ca))
}
