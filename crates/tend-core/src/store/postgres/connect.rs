//! Connecting to a team register's server, and saying in words what went
//! wrong: unreachable, wrong password, no such database, no TLS where it is
//! required, a certificate that does not check out.

use super::address::{ServerAddress, TlsMode};
use crate::{Error, Result};
use postgres::error::SqlState;
use postgres::{Client, NoTls};

/// An open connection to a team register's server.
pub struct Server {
    pub(crate) client: Client,
    pub address: ServerAddress,
    /// Whether the link is encrypted (TLS).
    pub encrypted: bool,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("address", &self.address)
            .field("encrypted", &self.encrypted)
            .finish()
    }
}

/// Connects to `address`'s server, with TLS as its mode says.
pub fn connect(address: &ServerAddress) -> Result<Server> {
    let mut client = match address.tls {
        TlsMode::Disable => address.config.connect(NoTls),
        mode => {
            let connector = tls_connector(address, mode)?;
            let mut config = address.config.clone();
            config.ssl_mode(if mode == TlsMode::Prefer {
                postgres::config::SslMode::Prefer
            } else {
                postgres::config::SslMode::Require
            });
            config.connect(connector)
        }
    }
    .map_err(|e| connect_error(address, &e))?;
    // Every table of the register lives in the schema `tend`. Statements
    // are planned once per connection (they stay prepared, see store/sql.rs):
    // planning the asset list's six-table join took 4 ms each time against
    // 0.3 ms to run it, and the plans made without the values (the index in
    // the sort's order, the search index) are the ones wanted anyway.
    client
        .batch_execute("SET search_path = tend; SET plan_cache_mode = force_generic_plan")
        .map_err(|e| server_error(address, &e))?;
    let encrypted = client
        .query_one(
            "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)",
            &[],
        )
        .map(|row| row.get::<_, bool>(0))
        .map_err(|e| server_error(address, &e))?;
    Ok(Server {
        client,
        address: address.clone(),
        encrypted,
    })
}

fn tls_connector(
    address: &ServerAddress,
    mode: TlsMode,
) -> Result<postgres_native_tls::MakeTlsConnector> {
    let mut builder = native_tls::TlsConnector::builder();
    let verify = match mode {
        TlsMode::VerifyCa | TlsMode::VerifyFull => true,
        // libpq: "require" with a CA file behaves as verify-ca.
        TlsMode::Require => address.root_cert.is_some(),
        TlsMode::Prefer | TlsMode::Disable => false,
    };
    if verify {
        let file = address
            .root_cert
            .as_ref()
            .expect("checked when the address was parsed");
        let pem = std::fs::read(file).map_err(|source| Error::Io {
            path: file.clone(),
            source,
        })?;
        let cert = native_tls::Certificate::from_pem(&pem).map_err(|e| {
            Error::validation(
                "sslrootcert",
                format!("{}: not a PEM certificate: {e}", file.display()),
            )
        })?;
        builder.add_root_certificate(cert);
        builder.disable_built_in_roots(true);
        builder.danger_accept_invalid_hostnames(mode != TlsMode::VerifyFull);
    } else {
        builder.danger_accept_invalid_certs(true);
        builder.danger_accept_invalid_hostnames(true);
    }
    let connector = builder.build().map_err(|e| Error::Unavailable {
        server: address.to_string(),
        message: format!("TLS could not be set up: {e}"),
    })?;
    Ok(postgres_native_tls::MakeTlsConnector::new(connector))
}

/// A failed connection in words the user can act on.
fn connect_error(address: &ServerAddress, e: &postgres::Error) -> Error {
    let server = address.to_string();
    let (host, port) = address.host();
    let user = address.user();
    if let Some(db) = e.as_db_error() {
        let message = match *db.code() {
            SqlState::INVALID_PASSWORD => format!(
                "wrong password for user \"{user}\" (from the URL, PGPASSWORD or the password file)"
            ),
            SqlState::INVALID_AUTHORIZATION_SPECIFICATION => format!(
                "the server does not let user \"{user}\" connect to \"{}\": {}",
                address.database(),
                db.message()
            ),
            SqlState::INVALID_CATALOG_NAME => format!(
                "there is no database \"{}\" on the server; create it (createdb) and run `tend db init`",
                address.database()
            ),
            SqlState::TOO_MANY_CONNECTIONS | SqlState::CANNOT_CONNECT_NOW => {
                format!("the server is not accepting connections now: {}", db.message())
            }
            _ => db.message().to_string(),
        };
        return Error::Unavailable { server, message };
    }
    let text = e.to_string();
    let source = std::error::Error::source(e).map(|s| s.to_string());
    let detail = source.unwrap_or(text.clone());
    let message = if text.contains("server does not support TLS") {
        format!(
            "the server does not offer TLS, but sslmode={} requires an encrypted link",
            address.tls.name()
        )
    } else if detail.contains("certificate") || detail.contains("TLS") || detail.contains("SSL") {
        format!("the server's certificate was not accepted: {detail}")
    } else if text.contains("password missing") {
        format!(
            "the server asks for a password for user \"{user}\"; give it in the URL, \
             PGPASSWORD or the password file (~/.pgpass)"
        )
    } else if text.contains("timeout") || detail.contains("timed out") {
        format!("the server at {host}:{port} did not answer in time")
    } else {
        format!("cannot reach the server at {host}:{port}: {detail}")
    };
    Error::Unavailable { server, message }
}

/// Any other PostgreSQL failure: a lost connection is `Unavailable`, a
/// refused privilege `Forbidden`, a clash with stored data `Conflict`, the
/// rest `Server`.
pub(crate) fn server_error(address: &ServerAddress, e: &postgres::Error) -> Error {
    let server = address.to_string();
    if e.is_closed() {
        return Error::Unavailable {
            server,
            message: "the connection to the server was lost; nothing more was written".into(),
        };
    }
    match e.as_db_error() {
        Some(db)
            if [
                SqlState::ADMIN_SHUTDOWN,
                SqlState::CRASH_SHUTDOWN,
                SqlState::CANNOT_CONNECT_NOW,
            ]
            .contains(db.code()) =>
        {
            Error::Unavailable {
                server,
                message: "the server ended the connection (it is restarting or shutting \
                          down); nothing more was written"
                    .into(),
            }
        }
        Some(db) if *db.code() == SqlState::INSUFFICIENT_PRIVILEGE => Error::Forbidden {
            server,
            message: format!(
                "user \"{}\" may not do this ({}); a reader can browse, search, \
                 export and print reports, an editor can change the register",
                address.user(),
                db.message()
            ),
        },
        Some(db) if *db.code() == SqlState::UNIQUE_VIOLATION => Error::Conflict {
            field: db.column().unwrap_or("register").to_string(),
            message: db.detail().unwrap_or(db.message()).to_string(),
        },
        Some(db) => Error::Server {
            server,
            message: match db.detail() {
                Some(d) => format!("{} ({d})", db.message()),
                None => db.message().to_string(),
            },
        },
        // The socket failed: the server is out of reach.
        None if is_io(e) => Error::Unavailable {
            server,
            message: format!("the server could not be reached: {e}"),
        },
        // A value Tend could not read or send (a program error): the
        // server is there, and asking again would fail the same way.
        None => Error::Server {
            server,
            message: e.to_string(),
        },
    }
}

/// Whether an I/O failure (of the socket) is behind `e`.
fn is_io(e: &postgres::Error) -> bool {
    std::iter::successors(std::error::Error::source(e), |s| s.source())
        .any(|s| s.is::<std::io::Error>())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On the throw-away server of `cargo xtask test` (skipped without one).
    #[test]
    fn a_value_tend_cannot_read_is_a_server_error_not_a_lost_connection() {
        let Ok(url) = std::env::var("TEND_TEST_POSTGRES") else {
            return;
        };
        let address = ServerAddress::parse(&url).unwrap();
        let mut server = connect(&address).unwrap();
        let row = server.client.query_one("SELECT pg_sleep(0)", &[]).unwrap();
        let e = row.try_get::<_, i64>(0).unwrap_err();
        let error = server_error(&address, &e);
        assert!(matches!(error, Error::Server { .. }), "{error:?}");
        assert!(error.to_string().contains("deserializing"), "{error}");
    }
}
