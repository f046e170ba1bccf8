//! Schema migrations, versioned by `PRAGMA user_version`.
//!
//! The list is append-only: migration N brings the schema from version N-1 to
//! N and is never edited once released. On open, every pending migration runs
//! in ONE transaction, so a failure leaves the file exactly as it was.
//! Before an existing file (version > 0) is upgraded, [`crate::Register`]
//! makes a verified backup of it in its backup folder, named with the time
//! and the old version (see [`crate::backups`]).

use crate::{Error, Result};
use rusqlite::{Connection, TransactionBehavior};

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The `user_version` after this migration.
    pub version: i64,
    /// Short name, used in error messages.
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, oldest first. Append only.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_register",
        sql: include_str!("migrations/0001_register.sql"),
    },
    Migration {
        version: 2,
        name: "0002_asset_counts",
        sql: include_str!("migrations/0002_asset_counts.sql"),
    },
    Migration {
        version: 3,
        name: "0003_plans",
        sql: include_str!("migrations/0003_plans.sql"),
    },
    Migration {
        version: 4,
        name: "0004_due_indexes",
        sql: include_str!("migrations/0004_due_indexes.sql"),
    },
    Migration {
        version: 5,
        name: "0005_due_entries",
        sql: include_str!("migrations/0005_due_entries.sql"),
    },
    Migration {
        version: 6,
        name: "0006_asset_list_indexes",
        sql: include_str!("migrations/0006_asset_list_indexes.sql"),
    },
    Migration {
        version: 7,
        name: "0007_authors",
        sql: include_str!("migrations/0007_authors.sql"),
    },
    Migration {
        version: 8,
        name: "0008_rack_positions",
        sql: include_str!("migrations/0008_rack_positions.sql"),
    },
    Migration {
        version: 9,
        name: "0009_attachments",
        sql: include_str!("migrations/0009_attachments.sql"),
    },
    Migration {
        version: 10,
        name: "0010_model_heights",
        sql: include_str!("migrations/0010_model_heights.sql"),
    },
    Migration {
        version: 11,
        name: "0011_repair_figures",
        sql: include_str!("migrations/0011_repair_figures.sql"),
    },
    Migration {
        version: 12,
        name: "0012_due_notes_on_change",
        sql: include_str!("migrations/0012_due_notes_on_change.sql"),
    },
    Migration {
        version: 13,
        name: "0013_archived_ids",
        sql: include_str!("migrations/0013_archived_ids.sql"),
    },
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The schema version of an open database.
pub fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the database up to the newest schema.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_with(conn, MIGRATIONS)
}

/// [`migrate`] with an explicit migration list (tests inject failing ones).
pub fn migrate_with(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let from = current_version(conn)?;
    let pending: Vec<&Migration> = migrations.iter().filter(|m| m.version > from).collect();
    if pending.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for m in pending {
        tx.execute_batch(m.sql).map_err(|e| Error::Incompatible {
            path: conn_path(&tx),
            message: format!(
                "upgrading the schema to v{} ({}) failed, nothing was changed: {e}",
                m.version, m.name
            ),
        })?;
        tx.pragma_update(None, "user_version", m.version)?;
    }
    tx.commit()?;
    Ok(())
}

/// The file behind a connection, for messages (empty in memory).
fn conn_path(conn: &Connection) -> std::path::PathBuf {
    conn.path().unwrap_or_default().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::connection::{self, OpenOptions};

    fn schema(conn: &Connection) -> Vec<(String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, ifnull(sql, '') FROM sqlite_master ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn a_failing_migration_rolls_back_and_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tend.sqlite");
        {
            let mut conn = connection::open(&path, &OpenOptions::default()).unwrap();
            migrate(&mut conn).unwrap();
            conn.execute("INSERT INTO vendors (name) VALUES ('Dell')", [])
                .unwrap();
        }
        let next = latest_version() + 1;
        let mut broken = MIGRATIONS.to_vec();
        broken.push(Migration {
            version: next,
            name: "9999_broken",
            sql: "CREATE TABLE spare_parts (id INTEGER PRIMARY KEY);
                      ALTER TABLE vendors ADD COLUMN website TEXT;
                      INSERT INTO no_such_table VALUES (1);",
        });
        let mut conn = connection::open(&path, &OpenOptions::default()).unwrap();
        let before = schema(&conn);
        let err = migrate_with(&mut conn, &broken).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::Incompatible);
        assert!(err.to_string().contains("9999_broken"), "{err}");
        assert_eq!(current_version(&conn).unwrap(), latest_version());
        assert_eq!(schema(&conn), before);
        let vendors: i64 = conn
            .query_row(
                "SELECT count(*) FROM vendors WHERE name = 'Dell'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(vendors, 1);
    }

    #[test]
    fn pending_migrations_apply_in_order_and_set_the_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let next = latest_version() + 1;
        let mut list = MIGRATIONS.to_vec();
        list.push(Migration {
            version: next,
            name: "9999_test",
            sql: "ALTER TABLE vendors ADD COLUMN website TEXT;",
        });
        migrate_with(&mut conn, &list).unwrap();
        assert_eq!(current_version(&conn).unwrap(), next);
        conn.execute(
            "INSERT INTO vendors (name, website) VALUES ('HP', 'hp.com')",
            [],
        )
        .unwrap();
    }
}
