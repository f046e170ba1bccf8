//! Where a register lives: a SQLite file on this computer (one engineer), or
//! a PostgreSQL database on a server (a team). `--db`, `TEND_DB` and the
//! desktop's settings name one or the other.

use crate::store::postgres::{address, ServerAddress};
use crate::Result;
use std::ffi::OsStr;
use std::path::PathBuf;

/// A register's place.
#[derive(Debug, Clone)]
pub enum Location {
    /// A SQLite file.
    File(PathBuf),
    /// A database on a PostgreSQL server.
    Server(Box<ServerAddress>),
}

impl Location {
    /// A `postgres://` (or `postgresql://`) URL names a server, completed
    /// from libpq's environment variables and password file; anything else
    /// is a file path.
    pub fn parse(text: &OsStr) -> Result<Location> {
        match text.to_str() {
            Some(url) if address::is_server_url(url) => {
                Ok(Location::Server(Box::new(ServerAddress::parse(url)?)))
            }
            _ => Ok(Location::File(PathBuf::from(text))),
        }
    }
}

impl std::fmt::Display for Location {
    /// The path, or the URL without its password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(p) => write!(f, "{}", p.display()),
            Location::Server(a) => write!(f, "{a}"),
        }
    }
}
