//! A team register's password, kept in the operating system's keyring
//! (Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows) and nowhere else: not in the register choice file, not in a
//! register. One entry per login: service `tend`, user
//! `USER@HOST:PORT/DATABASE`.

use tend_core::store::postgres::address::ServerFields;
use tend_core::{ApiError, Error};

/// The keyring service Tend's entries are under.
pub const SERVICE: &str = "tend";

/// The keyring's name for the login to `server`.
pub fn account(server: &ServerFields) -> String {
    format!(
        "{}@{}:{}/{}",
        server.user, server.host, server.port, server.database
    )
}

fn entry(server: &ServerFields) -> Result<keyring::Entry, ApiError> {
    keyring::Entry::new(SERVICE, &account(server)).map_err(|e| failure(server, &e))
}

/// Keeps `password` for the login to `server`, replacing any before.
pub fn store(server: &ServerFields, password: &str) -> Result<(), ApiError> {
    entry(server)?
        .set_password(password)
        .map_err(|e| failure(server, &e))
}

/// The password kept for the login to `server`; `None` when there is none.
pub fn password(server: &ServerFields) -> Result<Option<String>, ApiError> {
    match entry(server)?.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(failure(server, &e)),
    }
}

/// Removes the password kept for the login to `server` (none kept is fine).
pub fn forget(server: &ServerFields) -> Result<(), ApiError> {
    match entry(server)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(failure(server, &e)),
    }
}

fn failure(server: &ServerFields, e: &keyring::Error) -> ApiError {
    ApiError::from(Error::Unavailable {
        server: "the operating system's keyring".into(),
        message: format!(
            "the password for {} could not be kept or read there: {e}. Tend keeps a team \
             register's password only in the keyring (on Linux a Secret Service such as \
             GNOME Keyring or KWallet must be running and unlocked)",
            account(server)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tend_core::store::postgres::TlsMode;

    /// Run inside tests/e2e/keyring-session.sh (as `cargo xtask test` does,
    /// which also sets TEND_TEST_KEYRING_REQUIRED so that a missing keyring
    /// fails there).
    fn keyring_here() -> bool {
        if std::env::var_os("TEND_TEST_KEYRING").is_some() {
            return true;
        }
        assert!(
            std::env::var_os("TEND_TEST_KEYRING_REQUIRED").is_none(),
            "TEND_TEST_KEYRING is not set: run inside tests/e2e/keyring-session.sh"
        );
        eprintln!("skipped: no keyring (run inside tests/e2e/keyring-session.sh)");
        false
    }

    #[test]
    fn the_keyring_account_names_the_login_and_never_the_password() {
        let server = ServerFields {
            host: "db.lan".into(),
            port: 5433,
            database: "assets".into(),
            user: "anna".into(),
            tls: TlsMode::Require,
        };
        assert_eq!(account(&server), "anna@db.lan:5433/assets");
    }

    #[test]
    fn a_password_is_kept_in_the_keyring_read_back_by_a_new_entry_and_forgotten() {
        if !keyring_here() {
            return;
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let server = ServerFields {
            host: "keyring.test".into(),
            port: 5432,
            database: format!("tend_{}", std::process::id()),
            user: "anna".into(),
            tls: TlsMode::Require,
        };
        let secret = format!("pw-{nanos}");
        forget(&server).unwrap();
        assert_eq!(password(&server).unwrap(), None);

        store(&server, &secret).unwrap();
        assert_eq!(password(&server).unwrap().as_deref(), Some(secret.as_str()));
        // As the next start of the app reads it: a new entry, same names.
        let fresh = keyring::Entry::new(SERVICE, &account(&server)).unwrap();
        assert_eq!(fresh.get_password().unwrap(), secret);
        // Another login on the same server has its own entry.
        let other = ServerFields {
            user: "ben".into(),
            ..server.clone()
        };
        assert_eq!(password(&other).unwrap(), None);

        store(&server, "changed").unwrap();
        assert_eq!(password(&server).unwrap().as_deref(), Some("changed"));
        forget(&server).unwrap();
        assert_eq!(password(&server).unwrap(), None);
        forget(&server).expect("forgetting what is not there is no error");
    }
}
