//! Opening a register: a file (checked when it may have been damaged, and
//! upgraded after a verified backup) or a team register on a server; and
//! what depends on where it lives (its place, its store, whether this user
//! may change it, hearing of changes).

use super::Register;
use crate::presence::Presence;
use crate::store::connection::{self, OpenOptions};
use crate::store::postgres::ServerAddress;
use crate::store::sql::{Connection, PgConnection, Store};
use crate::store::{self, integrity, migrations, settings};
use crate::{Error, Result};
use std::path::Path;

impl Register {
    /// Opens (creating if missing) the database at `path`: checks it when it
    /// may have been damaged (see [`crate::presence`]), and upgrades its
    /// schema after a verified backup. Refuses, untouched, a file that is
    /// not SQLite or was written by a newer Tend. The directory must exist
    /// (`Error::Io` naming the path otherwise); use
    /// [`Register::open_creating_dirs`] for the default database path.
    ///
    /// A damaged register still opens, for reading what SQLite can read;
    /// every write is then refused with `Error::Damaged` (see
    /// [`Register::damage`]).
    pub fn open(path: &Path) -> Result<Register> {
        Register::open_with(path, &OpenOptions::default())
    }

    /// [`Register::open`], creating missing parent directories first. Meant
    /// for the default database path in the per-user data directory.
    pub fn open_creating_dirs(path: &Path) -> Result<Register> {
        Register::open_with(
            path,
            &OpenOptions {
                create_dirs: true,
                ..OpenOptions::default()
            },
        )
    }

    /// Opens the register at `location`: a file as [`Register::open_with`]
    /// does, or a team register on a PostgreSQL server.
    pub fn open_location(
        location: &crate::location::Location,
        options: &OpenOptions,
    ) -> Result<Register> {
        match location {
            crate::location::Location::File(path) => Register::open_with(path, options),
            crate::location::Location::Server(address) => Register::open_server(address),
        }
    }

    /// [`Register::open`] with explicit options (busy timeout, directories).
    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Register> {
        let mut conn = connection::open(path, options)?;
        let now = chrono::Utc::now();
        let mut presence = Presence::join(path, now).map_err(|source| Error::Io {
            path: crate::presence::lock_path(path),
            source,
        })?;
        let damage = startup_check(&conn, presence.as_mut(), now);
        if damage.is_none() {
            upgrade(&mut conn, path, now, options.busy_timeout_ms)?;
            if settings::get_file(&conn, crate::settings::DURABILITY_SETTING)?.as_deref()
                == Some("full")
            {
                store::connection::set_full_durability(&conn)?;
            }
        }
        Ok(Register {
            conn: Connection::Sqlite(conn),
            busy_timeout_ms: options.busy_timeout_ms,
            path: Some(path.to_path_buf()),
            damage,
            presence,
            author: crate::author::os_user(),
            names: Default::default(),
            today: None,
        })
    }

    /// Opens the team register at `address`: connects (TLS as its mode
    /// says), checks that the database is a Tend register this program can
    /// work on, and upgrades an older schema in one transaction. Who is
    /// acting is the database user, or the display name set for them.
    pub fn open_server(address: &ServerAddress) -> Result<Register> {
        let mut server = store::postgres::connect(address)?;
        store::postgres::schema::open(&mut server)?;
        let author = Some(store::postgres::roles::author(&mut server)?);
        Ok(Register {
            conn: Connection::Postgres(Box::new(PgConnection::new(server))),
            busy_timeout_ms: store::BUSY_TIMEOUT_MS,
            path: None,
            damage: None,
            presence: None,
            author,
            names: Default::default(),
            today: None,
        })
    }

    /// Another connection to the same register (another desk, a background
    /// thread), acting as the operating-system or database user.
    pub fn open_again(&self) -> Result<Register> {
        match (&self.conn, &self.path) {
            (Connection::Postgres(c), _) => Register::open_server(&c.address),
            (_, Some(path)) => Register::open_with(
                path,
                &OpenOptions {
                    busy_timeout_ms: self.busy_timeout_ms,
                    ..OpenOptions::default()
                },
            ),
            (_, None) => Err(Error::validation(
                "register",
                "a register in memory cannot be opened again",
            )),
        }
    }

    /// The SQLite connection of a register file; refused on a team register
    /// (what `what` does is the server's job there).
    pub(crate) fn file_conn(&self, what: &str) -> Result<&rusqlite::Connection> {
        self.conn.sqlite().ok_or_else(|| Error::Incompatible {
            path: self.location_text().into(),
            message: format!(
                "{what} is for a register file; a team register's server keeps its own \
                 (ask its administrator, or copy it to a file: `tend db copy URL FILE`)"
            ),
        })
    }

    /// Where the register lives, for messages: its path or server URL
    /// (without password).
    pub fn location_text(&self) -> String {
        match (&self.conn, &self.path) {
            (Connection::Postgres(c), _) => c.address.to_string(),
            (_, Some(p)) => p.display().to_string(),
            (_, None) => "(in memory)".into(),
        }
    }

    /// Whether the link to a team register's server is encrypted (TLS);
    /// None for a file.
    pub fn encrypted(&self) -> Option<bool> {
        self.conn.postgres().map(|c| c.encrypted)
    }

    /// On a team register, a connection of its own that hears of every
    /// change made there (by anyone, this register included) as it is
    /// committed; None for a file, where [`Register::changes_elsewhere`]
    /// is asked instead.
    pub fn listen_for_changes(&self) -> Result<Option<store::postgres::listen::ChangeListener>> {
        match &self.conn {
            Connection::Postgres(c) => {
                store::postgres::listen::ChangeListener::start(&c.address).map(Some)
            }
            Connection::Sqlite(_) => Ok(None),
        }
    }

    /// Whether this user may change the register: false on a team register
    /// for a user who may only read it (a `tend_reader`: the server refuses
    /// their writes, and the desktop hides its write actions). A damaged
    /// file is another matter: it refuses each write saying why
    /// ([`Register::damage`]).
    pub fn may_change(&self) -> Result<bool> {
        store::access::may_write(&self.conn)
    }

    /// Which store holds this register.
    pub fn store(&self) -> Store {
        self.conn.store()
    }

    /// Holds at most `mib` MiB of a register file's pages in this
    /// connection's own cache (64 MiB otherwise, see store/connection.rs):
    /// for a program that keeps what it shows in memory anyway (the
    /// desktop's due list and list order) and is measured by its memory.
    /// A team register has no such cache.
    pub fn limit_page_cache(&self, mib: u32) -> Result<()> {
        if let Some(conn) = self.conn.sqlite() {
            conn.execute_batch(&format!("PRAGMA cache_size = -{};", u64::from(mib) * 1024))?;
        }
        Ok(())
    }

    /// Hands back the memory of this connection's page cache (its pages
    /// stay in the system's file cache, so the next read refills it from
    /// there): for a program at rest. A team register has no such cache.
    pub fn release_cache_memory(&self) -> Result<()> {
        if let Some(conn) = self.conn.sqlite() {
            conn.release_memory()?;
        }
        Ok(())
    }

    /// A fresh register in memory, for tests.
    pub fn open_in_memory() -> Result<Register> {
        let mut conn = connection::open_in_memory()?;
        migrations::migrate(&mut conn)?;
        Ok(Register {
            conn: Connection::Sqlite(conn),
            busy_timeout_ms: store::BUSY_TIMEOUT_MS,
            path: None,
            damage: None,
            presence: None,
            author: crate::author::os_user(),
            names: Default::default(),
            today: None,
        })
    }
}

/// `quick_check` and `foreign_key_check` when the file was not closed
/// cleanly, changed while no Tend had it open, or was last checked more
/// than a day ago. Returns the problems found.
fn startup_check(
    conn: &rusqlite::Connection,
    presence: Option<&mut Presence>,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<Vec<String>> {
    if presence
        .as_ref()
        .is_some_and(|p| p.check_reason().is_none())
    {
        return None;
    }
    let problems = integrity::quick(conn);
    if problems.is_empty() {
        if let Some(p) = presence {
            // Not recording it only means checking again next time.
            let _ = p.record_check_passed(now);
        }
        None
    } else {
        if let Some(p) = presence {
            let _ = p.record_damage();
        }
        Some(problems)
    }
}

/// Brings a register file's schema up to date, after a verified backup of a
/// file that holds a register already.
fn upgrade(
    conn: &mut rusqlite::Connection,
    path: &Path,
    now: chrono::DateTime<chrono::Utc>,
    busy_timeout_ms: u64,
) -> Result<()> {
    let from = migrations::current_version(conn)?;
    let to = migrations::latest_version();
    if from > 0 && from < to {
        let policy = crate::backups::policy(conn, path)?;
        let reason = format!("before upgrade from v{from} to v{to}");
        crate::backups::create(
            conn,
            path,
            &policy,
            &reason,
            now,
            &crate::backups::BackupStop::default(),
        )
        .map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(format!(
                "could not back the register up before upgrading its schema from v{from} to \
                 v{to}, so it was not upgraded: {e}"
            )),
        })?;
    }
    migrations::migrate(conn).map_err(|e| store::busy_or_storage_error(e, busy_timeout_ms))
}
