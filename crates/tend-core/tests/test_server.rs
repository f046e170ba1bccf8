//! The throw-away PostgreSQL server that `cargo xtask test` and `cargo
//! xtask pg` start (xtask/src/pg.rs), as the tests reach it: its superuser
//! from `TEND_TEST_POSTGRES`, its TLS CA from `TEND_TEST_POSTGRES_CA`, and
//! new databases and login roles named uniquely for each test.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

pub struct TestServer {
    /// `postgres://USER:PASSWORD@HOST:PORT`, without database or options.
    pub base: String,
    /// The superuser.
    pub user: String,
    pub password: String,
    pub port: u16,
    /// The CA certificate of the server's TLS.
    pub ca: PathBuf,
}

/// The test server, when there is one. `cargo xtask test` always gives one
/// and sets `TEND_TEST_POSTGRES_REQUIRED`, so there a missing server fails.
pub fn server() -> Option<TestServer> {
    let Ok(url) = std::env::var("TEND_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("TEND_TEST_POSTGRES_REQUIRED").is_none(),
            "TEND_TEST_POSTGRES is not set"
        );
        eprintln!("skipped: no PostgreSQL test server (run through `cargo xtask pg`)");
        return None;
    };
    // postgres://USER:PASSWORD@127.0.0.1:PORT/postgres?sslmode=disable
    let base = url
        .split_once("/postgres")
        .expect("admin URL ends in /postgres")
        .0
        .to_string();
    let rest = base.strip_prefix("postgres://").expect("a postgres URL");
    let (login, host) = rest.split_once('@').expect("user and password");
    let (user, password) = login.split_once(':').expect("a password");
    let port = host
        .rsplit_once(':')
        .and_then(|(_, p)| p.parse().ok())
        .expect("a port");
    Some(TestServer {
        user: user.into(),
        password: password.into(),
        port,
        ca: std::env::var("TEND_TEST_POSTGRES_CA")
            .expect("TEND_TEST_POSTGRES_CA")
            .into(),
        base,
    })
}

/// `prefix_PID_N`: a name no other test (or test process) uses.
pub fn unique(prefix: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

impl TestServer {
    /// The superuser's URL of `db`, without TLS.
    pub fn url(&self, db: &str) -> String {
        format!("{}/{db}?sslmode=disable", self.base)
    }

    /// The URL of `db` as `user`.
    pub fn url_as(&self, user: &str, password: &str, db: &str) -> String {
        let host = self.base.rsplit_once('@').unwrap().1;
        format!("postgres://{user}:{password}@{host}/{db}?sslmode=disable")
    }

    /// A raw connection to `db` as the superuser, to set up a case.
    pub fn client(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.url(db), postgres::NoTls).expect("admin connection")
    }

    /// Raw SQL on `db` as the superuser.
    pub fn run(&self, db: &str, sql: &str) {
        self.client(db).batch_execute(sql).unwrap();
    }

    /// A new empty database: its name and the superuser's URL of it.
    pub fn database(&self) -> (String, String) {
        let name = unique("tend_test");
        self.run("postgres", &format!("CREATE DATABASE {name}"));
        let url = self.url(&name);
        (name, url)
    }

    /// A new login role with a password: (name, password).
    pub fn login(&self) -> (String, String) {
        let name = unique("person");
        let password = format!("pw-{name}");
        self.run(
            "postgres",
            &format!("CREATE ROLE {name} LOGIN PASSWORD '{password}'"),
        );
        (name, password)
    }
}
