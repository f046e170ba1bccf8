//! The team register's schema on PostgreSQL: every table lives in the schema
//! `tend`, versioned in `tend.tend_schema`. Migrations follow the SQLite
//! rules (store/migrations.rs): append-only, all pending ones in ONE
//! transaction, and a database from a newer Tend is refused untouched.

use super::connect::{server_error, Server};
use super::roles;
use crate::{Error, Result};

/// One step of the PostgreSQL schema.
struct Migration {
    version: i64,
    name: &'static str,
    sql: &'static str,
}

/// Every migration, oldest first. Append only.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_register",
        sql: include_str!("migrations/0001_register.sql"),
    },
    Migration {
        version: 2,
        name: "0002_register_api",
        sql: include_str!("migrations/0002_register_api.sql"),
    },
    Migration {
        version: 3,
        name: "0003_names",
        sql: include_str!("migrations/0003_names.sql"),
    },
    Migration {
        version: 4,
        name: "0004_rack_positions",
        sql: include_str!("migrations/0004_rack_positions.sql"),
    },
    Migration {
        version: 5,
        name: "0005_attachments",
        sql: include_str!("migrations/0005_attachments.sql"),
    },
    Migration {
        version: 6,
        name: "0006_model_heights",
        sql: include_str!("migrations/0006_model_heights.sql"),
    },
    Migration {
        version: 7,
        name: "0007_repair_figures",
        sql: include_str!("migrations/0007_repair_figures.sql"),
    },
    Migration {
        version: 8,
        name: "0008_due_notes_on_change",
        sql: include_str!("migrations/0008_due_notes_on_change.sql"),
    },
    Migration {
        version: 9,
        name: "0009_sort_keys",
        sql: include_str!("migrations/0009_sort_keys.sql"),
    },
    Migration {
        version: 10,
        name: "0010_renew_statistics",
        sql: include_str!("migrations/0010_renew_statistics.sql"),
    },
];

/// The schema version this build writes on PostgreSQL.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// What a database holds, as far as Tend is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaState {
    /// No tables of anyone's: `tend db init` may make it a register.
    Empty,
    /// A Tend register at this schema version.
    Tend(i64),
    /// Someone else's tables (the first few named).
    Foreign(Vec<String>),
}

/// Looks at what the database holds, changing nothing.
pub fn state(server: &mut Server) -> Result<SchemaState> {
    let address = server.address.clone();
    let has_tend = server
        .client
        .query_one("SELECT to_regclass('tend.tend_schema') IS NOT NULL", &[])
        .map_err(|e| server_error(&address, &e))?
        .get::<_, bool>(0);
    if has_tend {
        let version: i64 = server
            .client
            .query_one(
                "SELECT coalesce(max(version), 0) FROM tend.tend_schema",
                &[],
            )
            .map_err(|e| server_error(&address, &e))?
            .get(0);
        return Ok(SchemaState::Tend(version));
    }
    let others: Vec<String> = server
        .client
        .query(
            "SELECT n.nspname || '.' || c.relname FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg_toast%'
             ORDER BY 1 LIMIT 5",
            &[],
        )
        .map_err(|e| server_error(&address, &e))?
        .iter()
        .map(|r| r.get(0))
        .collect();
    Ok(if others.is_empty() {
        SchemaState::Empty
    } else {
        SchemaState::Foreign(others)
    })
}

/// What `tend db init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitOutcome {
    /// The schema version before (0: the database was empty).
    pub from_version: i64,
    pub to_version: i64,
}

/// Makes an empty database a Tend register (or brings an older one up to
/// date) and creates the roles `tend_reader` and `tend_editor` with their
/// privileges, all in one transaction.
pub fn init(server: &mut Server) -> Result<InitOutcome> {
    let from_version = match state(server)? {
        SchemaState::Foreign(tables) => return Err(foreign(server, &tables)),
        SchemaState::Tend(v) if v > latest_version() => return Err(newer(server, v)),
        SchemaState::Tend(v) => v,
        SchemaState::Empty => 0,
    };
    migrate(server, from_version)?;
    Ok(InitOutcome {
        from_version,
        to_version: latest_version(),
    })
}

/// Checks that the database is a Tend register this program can work on,
/// and upgrades an older one (one transaction). Returns the version.
pub fn open(server: &mut Server) -> Result<i64> {
    match state(server)? {
        SchemaState::Empty => Err(Error::Incompatible {
            path: server.address.to_string().into(),
            message: "this database is not a Tend register yet; run `tend db init` on it \
                      (or `tend db copy FILE URL` to move a register there)"
                .into(),
        }),
        SchemaState::Foreign(tables) => Err(foreign(server, &tables)),
        SchemaState::Tend(v) if v > latest_version() => Err(newer(server, v)),
        SchemaState::Tend(v) if v < latest_version() => {
            migrate(server, v)?;
            Ok(latest_version())
        }
        SchemaState::Tend(v) => Ok(v),
    }
}

fn foreign(server: &Server, tables: &[String]) -> Error {
    Error::Incompatible {
        path: server.address.to_string().into(),
        message: format!(
            "not a Tend database: it holds other tables ({}); use an empty database \
             for the team register",
            tables.join(", ")
        ),
    }
}

fn newer(server: &Server, version: i64) -> Error {
    Error::Incompatible {
        path: server.address.to_string().into(),
        message: format!(
            "this register was written by a newer Tend (schema version {version}; this \
             Tend knows up to {}); update Tend. Nothing was changed",
            latest_version()
        ),
    }
}

/// Runs every migration after `from` and sets up the roles, in ONE
/// transaction; two programs starting at once take turns.
fn migrate(server: &mut Server, from: i64) -> Result<()> {
    let address = server.address.clone();
    let err = |e: postgres::Error| server_error(&address, &e);
    let mut tx = server.client.transaction().map_err(err)?;
    // Serialises two `tend db init` (or upgrades) on the same database.
    tx.batch_execute("SELECT pg_advisory_xact_lock(7413828164)")
        .map_err(err)?;
    let exists: bool = tx
        .query_one("SELECT to_regclass('tend.tend_schema') IS NOT NULL", &[])
        .map_err(err)?
        .get(0);
    let now: i64 = if exists {
        tx.query_one(
            "SELECT coalesce(max(version), 0) FROM tend.tend_schema",
            &[],
        )
        .map_err(err)?
        .get(0)
    } else {
        0
    };
    if now != from {
        // Someone else upgraded it meanwhile: start again from what is there.
        drop(tx);
        return if now > latest_version() {
            Err(newer(server, now))
        } else if now == latest_version() {
            Ok(())
        } else {
            migrate(server, now)
        };
    }
    if from == 0 {
        tx.batch_execute(
            "CREATE SCHEMA tend;
             SET LOCAL search_path = tend;
             CREATE TABLE tend_schema (
                 version    BIGINT PRIMARY KEY,
                 name       TEXT NOT NULL,
                 applied_at TEXT NOT NULL
             );",
        )
        .map_err(err)?;
    } else {
        tx.batch_execute("SET LOCAL search_path = tend")
            .map_err(err)?;
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > from) {
        tx.batch_execute(m.sql)
            .map_err(|e| match server_error(&address, &e) {
                Error::Server { server, message } => Error::Server {
                    server,
                    message: format!("migration {} failed: {message}", m.name),
                },
                other => other,
            })?;
        tx.execute(
            "INSERT INTO tend_schema (version, name, applied_at) VALUES ($1, $2, $3)",
            &[&m.version, &m.name, &crate::store::now_timestamp()],
        )
        .map_err(err)?;
    }
    roles::set_up(&mut tx, address.database()).map_err(err)?;
    tx.commit().map_err(err)
}
