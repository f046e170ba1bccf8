//! Shared set-up for the integration tests: temp registers and sample inputs.
//!
//! The store and register suites run against both stores: [`temp_register`]
//! gives a register file, or, with `TEND_TEST_STORE=postgres` (which
//! `cargo xtask test` sets for its second run), a fresh database on the test
//! server named by `TEND_TEST_POSTGRES`.

use crate::test_server::{unique, TestServer};
use std::sync::Mutex;
use tend_core::store::postgres::{self as pg, ServerAddress};
use tend_core::{AssetInput, Register};

/// Where a test register lives; dropping it removes it. Derefs to a temp
/// directory the test may use for its files either way.
pub struct Place {
    dir: tempfile::TempDir,
    /// The database on the test server: (admin URL to `postgres`, name).
    database: Option<(String, String)>,
}

impl std::ops::Deref for Place {
    type Target = tempfile::TempDir;
    fn deref(&self) -> &tempfile::TempDir {
        &self.dir
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.database {
            if let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// Whether this run's registers are on the PostgreSQL test server.
pub fn on_postgres() -> bool {
    std::env::var("TEND_TEST_STORE").as_deref() == Ok("postgres")
}

/// A fresh register, on the store this run tests (kept alive by the
/// returned guard).
pub fn temp_register() -> (Place, Register) {
    let dir = tempfile::tempdir().expect("temp dir");
    if !on_postgres() {
        let reg = Register::open(&dir.path().join("tend.sqlite")).expect("open register");
        return (
            Place {
                dir,
                database: None,
            },
            reg,
        );
    }
    let server = crate::test_server::server()
        .expect("TEND_TEST_STORE=postgres needs TEND_TEST_POSTGRES (run `cargo xtask test`)");
    let name = database_from_template(&server);
    let address = ServerAddress::parse(&server.url(&name)).unwrap();
    let reg = Register::open_server(&address).expect("open team register");
    (
        Place {
            dir,
            database: Some((server.url("postgres"), name)),
        },
        reg,
    )
}

/// A new database copied from a register made once per test process
/// (`tend db init` takes longer than copying its result).
fn database_from_template(server: &TestServer) -> String {
    static TEMPLATE: Mutex<Option<String>> = Mutex::new(None);
    let mut template = TEMPLATE.lock().unwrap_or_else(|p| p.into_inner());
    if template.is_none() {
        let name = format!("tend_tpl_{}", std::process::id());
        server.run("postgres", &format!("DROP DATABASE IF EXISTS {name}"));
        server.run("postgres", &format!("CREATE DATABASE {name}"));
        let address = ServerAddress::parse(&server.url(&name)).unwrap();
        let mut conn = pg::connect(&address).unwrap();
        pg::schema::init(&mut conn).expect("db init");
        drop(conn);
        *template = Some(name);
    }
    let name = unique("tend_t");
    server.run(
        "postgres",
        &format!(
            "CREATE DATABASE {name} TEMPLATE {}",
            template.as_ref().unwrap()
        ),
    );
    name
}

/// The database user the registers of this run act as on the test server
/// (None on a file).
pub fn database_user() -> Option<String> {
    if !on_postgres() {
        return None;
    }
    let url = std::env::var("TEND_TEST_POSTGRES").ok()?;
    Some(ServerAddress::parse(&url).ok()?.user().to_string())
}

/// A valid asset input with tag and name.
pub fn asset(tag: &str, name: &str) -> AssetInput {
    AssetInput {
        tag: tag.into(),
        name: name.into(),
        ..AssetInput::default()
    }
}
