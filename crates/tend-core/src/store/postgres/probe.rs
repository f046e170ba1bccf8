//! "Test connection": connects to a team register's server and says, in
//! words, what is there and what this user may do, changing nothing. A
//! failure to connect is the error itself (unreachable, wrong password, no
//! such database, no TLS where it is required, a certificate refused), as
//! [`connect`](super::connect::connect) words it.

use super::address::{ServerAddress, TlsMode};
use super::connect::{connect, server_error, Server};
use super::schema::{self, SchemaState};
use crate::{Error, Result};
use serde::Serialize;
use ts_rs::TS;

/// What the database holds, as far as opening it as a register goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RegisterState {
    /// A Tend register at this Tend's schema version.
    Ready,
    /// A Tend register from an older Tend: opening it upgrades it.
    Older,
    /// A register from a newer Tend: this Tend leaves it alone.
    Newer,
    /// No tables at all: an administrator makes it a register (`tend db init`).
    Empty,
    /// Someone else's tables: not a Tend database.
    Foreign,
    /// A Tend register this user may not look inside.
    Hidden,
}

/// What the user logged in may do on the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RegisterAccess {
    /// May change the register and its schema (its owner, or a superuser).
    Owner,
    /// May change the register (`tend_editor`).
    Editor,
    /// May read it only (`tend_reader`).
    Reader,
    /// May not read it.
    None,
}

/// What "Test connection" found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Probe {
    /// `postgres://user@host:port/database`, never with the password.
    pub server: String,
    /// Whether the link is encrypted (TLS).
    pub encrypted: bool,
    /// The link's protection in words, saying plainly when it is not
    /// encrypted or the server's certificate is not checked.
    pub encryption: String,
    /// The server's version, as it reports it.
    pub server_version: String,
    pub register: RegisterState,
    /// The database's state in words (schema version, newer Tend, empty...).
    pub register_words: String,
    /// What the user may do; `None` when the database holds no register.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access: Option<RegisterAccess>,
    /// The access in words (empty when there is no register).
    pub access_words: String,
    /// Whether this Tend can use the register as this user
    /// ([`Probe::usable`]).
    pub usable: bool,
}

impl Probe {
    /// Whether this Tend can open the register as this user: a Tend
    /// register of its schema version or older, that the user may read.
    pub fn usable(&self) -> bool {
        matches!(self.register, RegisterState::Ready | RegisterState::Older)
            && !matches!(self.access, None | Some(RegisterAccess::None))
    }

    /// Why [`Probe::usable`] is false, as an error naming the server; `Ok`
    /// when it is usable.
    pub fn require_usable(&self) -> Result<()> {
        if self.usable() {
            return Ok(());
        }
        let message = if matches!(self.register, RegisterState::Ready | RegisterState::Older) {
            self.access_words.clone()
        } else {
            self.register_words.clone()
        };
        Err(match self.register {
            RegisterState::Hidden | RegisterState::Ready | RegisterState::Older => {
                Error::Forbidden {
                    server: self.server.clone(),
                    message,
                }
            }
            _ => Error::Incompatible {
                path: self.server.clone().into(),
                message,
            },
        })
    }
}

/// Connects to `address` and looks at what is there, changing nothing.
pub fn probe(address: &ServerAddress) -> Result<Probe> {
    let mut server = connect(address)?;
    let address = server.address.clone();
    let err = |e: postgres::Error| server_error(&address, &e);
    let server_version: String = server
        .client
        .query_one("SELECT current_setting('server_version')", &[])
        .map_err(err)?
        .get(0);
    let encryption = encryption_words(server.encrypted, &address);
    // pg_namespace is readable by everyone; the register's own tables only
    // by its readers, editors and owner.
    let schema_rights = server
        .client
        .query_opt(
            "SELECT has_schema_privilege(oid, 'USAGE'), has_schema_privilege(oid, 'CREATE')
             FROM pg_namespace WHERE nspname = 'tend'",
            &[],
        )
        .map_err(err)?
        .map(|row| (row.get::<_, bool>(0), row.get::<_, bool>(1)));
    let user = address.user().to_string();
    let (register, register_words, access) = match schema_rights {
        Some((false, _)) => (
            RegisterState::Hidden,
            "a Tend register, but this user may not look inside it".to_string(),
            Some(RegisterAccess::None),
        ),
        _ => {
            let state = schema::state(&mut server)?;
            let (register, words) = state_in_words(&state);
            let access = match state {
                SchemaState::Tend(_) => Some(access(&mut server, schema_rights)?),
                SchemaState::Empty | SchemaState::Foreign(_) => None,
            };
            (register, words, access)
        }
    };
    let access_words = match access {
        None => String::new(),
        Some(a) => access_in_words(a, &user),
    };
    let mut found = Probe {
        server: address.to_string(),
        encrypted: server.encrypted,
        encryption,
        server_version,
        register,
        register_words,
        access,
        access_words,
        usable: false,
    };
    found.usable = found.usable();
    Ok(found)
}

/// The link's protection in words.
fn encryption_words(encrypted: bool, address: &ServerAddress) -> String {
    if !encrypted {
        return match address.tls {
            TlsMode::Disable => "Not encrypted: TLS mode \"disable\" sends the password and the \
                                 register across the network readable by anyone on the way. \
                                 Choose require or stricter."
                .into(),
            _ => "Not encrypted: the server does not offer TLS, so the password and the register \
                  cross the network readable by anyone on the way. Ask its administrator to \
                  switch TLS on, and choose require or stricter."
                .into(),
        };
    }
    match address.tls {
        TlsMode::VerifyFull => {
            "Encrypted (TLS); the server's certificate is checked, and names the host.".into()
        }
        TlsMode::VerifyCa => "Encrypted (TLS); the server's certificate is checked against the \
                              CA, but not the host name it is for."
            .into(),
        TlsMode::Require if address.root_cert.is_some() => {
            "Encrypted (TLS); the server's \
                                                             certificate is checked against the CA."
                .into()
        }
        _ => "Encrypted (TLS), but the server's certificate is not checked: choose verify-full \
              and its CA certificate to be sure it is the right server."
            .into(),
    }
}

fn state_in_words(state: &SchemaState) -> (RegisterState, String) {
    let latest = schema::latest_version();
    match state {
        SchemaState::Tend(v) if *v > latest => (
            RegisterState::Newer,
            format!(
                "a register written by a newer Tend (schema version {v}; this Tend knows up to \
                 {latest}): update Tend to use it"
            ),
        ),
        SchemaState::Tend(v) if *v < latest => (
            RegisterState::Older,
            format!(
                "a Tend register from an older Tend (schema version {v}); it is upgraded to \
                 version {latest} when opened"
            ),
        ),
        SchemaState::Tend(v) => (
            RegisterState::Ready,
            format!("a Tend register (schema version {v})"),
        ),
        SchemaState::Empty => (
            RegisterState::Empty,
            "the database is empty: not a Tend register yet. Its administrator makes it one \
             with `tend db init`, or moves a register there with `tend db copy`"
                .into(),
        ),
        SchemaState::Foreign(tables) => (
            RegisterState::Foreign,
            format!(
                "not a Tend database: it holds other tables ({}); a team register needs a \
                 database of its own",
                tables.join(", ")
            ),
        ),
    }
}

/// What the user may do on a Tend register (its schema exists).
fn access(server: &mut Server, schema_rights: Option<(bool, bool)>) -> Result<RegisterAccess> {
    if schema_rights.is_some_and(|(_, create)| create) {
        return Ok(RegisterAccess::Owner);
    }
    let address = server.address.clone();
    let row = server
        .client
        .query_one(
            "SELECT CASE WHEN to_regclass('tend.assets') IS NULL THEN NULL
                         ELSE has_table_privilege('tend.assets', 'INSERT') END,
                    CASE WHEN to_regclass('tend.assets') IS NULL THEN NULL
                         ELSE has_table_privilege('tend.assets', 'SELECT') END",
            &[],
        )
        .map_err(|e| server_error(&address, &e))?;
    Ok(
        match (row.get::<_, Option<bool>>(0), row.get::<_, Option<bool>>(1)) {
            (Some(true), _) => RegisterAccess::Editor,
            (_, Some(true)) => RegisterAccess::Reader,
            _ => RegisterAccess::None,
        },
    )
}

fn access_in_words(access: RegisterAccess, user: &str) -> String {
    match access {
        RegisterAccess::Owner => format!(
            "\"{user}\" owns the register: may change it, and grant others access \
             (`tend db grant`)"
        ),
        RegisterAccess::Editor => format!("\"{user}\" is an editor: may change the register"),
        RegisterAccess::Reader => format!(
            "\"{user}\" is a reader: may browse, search, export and print reports, but not \
             change the register"
        ),
        RegisterAccess::None => format!(
            "\"{user}\" may not read this register; its owner grants access with \
             `tend db grant {user} reader` (or editor)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe_with(register: RegisterState, access: Option<RegisterAccess>) -> Probe {
        Probe {
            server: "postgres://anna@db:5432/tend".into(),
            encrypted: true,
            encryption: String::new(),
            server_version: "16".into(),
            register,
            register_words: "the words of the state".into(),
            access,
            access_words: "the words of the access".into(),
            usable: false,
        }
    }

    #[test]
    fn only_a_readable_register_of_this_tend_or_older_is_usable_and_the_refusal_says_why() {
        use RegisterState::*;
        for ok in [Ready, Older] {
            for a in [
                RegisterAccess::Owner,
                RegisterAccess::Editor,
                RegisterAccess::Reader,
            ] {
                assert!(probe_with(ok, Some(a)).require_usable().is_ok());
            }
            let e = probe_with(ok, Some(RegisterAccess::None))
                .require_usable()
                .unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::Forbidden);
            assert!(e.to_string().contains("the words of the access"), "{e}");
        }
        for bad in [Newer, Empty, Foreign] {
            let e = probe_with(bad, None).require_usable().unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::Incompatible);
            assert!(e.to_string().contains("the words of the state"), "{e}");
        }
        let e = probe_with(Hidden, Some(RegisterAccess::None))
            .require_usable()
            .unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::Forbidden);
    }

    #[test]
    fn a_link_without_encryption_is_said_plainly() {
        let fields = crate::store::postgres::address::ServerFields {
            host: "db".into(),
            database: "tend".into(),
            user: "anna".into(),
            tls: TlsMode::Disable,
            ..Default::default()
        };
        let plain = ServerAddress::from_fields(&fields, "", None).unwrap();
        assert!(encryption_words(false, &plain).starts_with("Not encrypted"));
        let prefer = ServerAddress::from_fields(
            &crate::store::postgres::address::ServerFields {
                tls: TlsMode::Prefer,
                ..fields.clone()
            },
            "",
            None,
        )
        .unwrap();
        assert!(encryption_words(false, &prefer).contains("does not offer TLS"));
        let words = encryption_words(true, &prefer);
        assert!(words.contains("not checked"), "{words}");
    }
}
