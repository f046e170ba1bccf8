//! The PostgreSQL store of a team register: where the server is
//! (`address.rs`), connecting and naming what went wrong (`connect.rs`), the
//! schema and its migrations (`schema.rs`, `migrations/`), the roles that
//! decide who may change what (`roles.rs`), reading and writing whole
//! tables for `tend db copy` (`rows.rs`) and the lookups' names the asset
//! list keeps in memory (`names.rs`). SQL that differs from SQLite's
//! lives here; the business rules stay in the core, written once.

pub mod address;
pub mod connect;
pub mod listen;
pub(crate) mod names;
pub mod probe;
pub mod roles;
pub(crate) mod rows;
pub mod schema;
pub(crate) mod values;

pub use address::{ServerAddress, TlsMode};
pub use connect::{connect, Server};
