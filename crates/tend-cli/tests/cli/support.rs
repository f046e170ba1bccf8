//! A temporary database and helpers that run `tend` on it.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A temporary folder holding one test's database: a register file, or,
/// with `TEND_TEST_STORE=postgres` (the second run of `cargo xtask test`),
/// a fresh database on the test server named by `TEND_TEST_POSTGRES`, whose
/// URL is then `path`.
pub struct Db {
    pub dir: TempDir,
    pub path: PathBuf,
    /// The database on the test server: (admin URL, name).
    server: Option<(String, String)>,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().expect("temp dir");
        if std::env::var("TEND_TEST_STORE").as_deref() != Ok("postgres") {
            let path = dir.path().join("tend.sqlite");
            return Db {
                dir,
                path,
                server: None,
            };
        }
        let url = std::env::var("TEND_TEST_POSTGRES").expect("TEND_TEST_POSTGRES");
        let base = url
            .split_once("/postgres")
            .expect("admin URL")
            .0
            .to_string();
        let admin = format!("{base}/postgres?sslmode=disable");
        let name = database_from_template(&base, &admin);
        Db {
            path: PathBuf::from(format!("{base}/{name}?sslmode=disable")),
            dir,
            server: Some((admin, name)),
        }
    }

    /// The register file at `path` (a temp folder of its own for HOME).
    pub fn file(path: PathBuf) -> Db {
        Db {
            dir: tempfile::tempdir().expect("temp dir"),
            path,
            server: None,
        }
    }

    /// Whether this database is on the PostgreSQL test server.
    pub fn on_server(&self) -> bool {
        self.server.is_some()
    }

    /// The database user a team register acts as (None for a file).
    pub fn database_user(&self) -> Option<String> {
        self.server.as_ref()?;
        let address = tend_core::store::postgres::ServerAddress::parse(self.path.to_str()?).ok()?;
        Some(address.user().to_string())
    }

    /// `tend --db <this database> <args>`, isolated from the user's own data.
    pub fn tend(&self, args: &[&str]) -> Command {
        let mut cmd = tend_in(self.dir.path());
        cmd.arg("--db").arg(&self.path).args(args);
        cmd
    }

    /// Runs `tend`, expects success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.tend(args).output().expect("run tend");
        assert!(
            output.status.success(),
            "tend {args:?} failed with {:?}\nstdout: {}\nstderr: {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8 stdout")
    }

    /// Runs `tend … --json`, expects success, returns the parsed stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut args = args.to_vec();
        args.push("--json");
        let stdout = self.ok(&args);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: not JSON:\n{stdout}"))
    }

    /// Runs `tend`, expects exit code 1, returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let output = self.tend(args).output().expect("run tend");
        user_error(args, output)
    }

    /// Adds a minimal asset.
    pub fn add(&self, tag: &str, name: &str) {
        self.ok(&["assets", "add", "--tag", tag, "--name", name]);
    }

    /// Every asset, archived included, as JSON: equal before and after a
    /// command when that command wrote nothing.
    pub fn snapshot(&self) -> Value {
        self.json(&["assets", "list", "--archived", "--limit", "10000"])
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.server {
            if let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// A new database copied from a register `tend db init` made once per test
/// process.
fn database_from_template(base: &str, admin: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Mutex;
    static TEMPLATE: Mutex<Option<String>> = Mutex::new(None);
    static N: AtomicU32 = AtomicU32::new(0);
    let mut template = TEMPLATE.lock().unwrap_or_else(|p| p.into_inner());
    let mut client = postgres::Client::connect(admin, postgres::NoTls).expect("admin connection");
    if template.is_none() {
        let name = format!("tend_clitpl_{}", std::process::id());
        client
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .unwrap();
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let home = tempfile::tempdir().unwrap();
        let out = tend_in(home.path())
            .args([
                "--db",
                &format!("{base}/{name}?sslmode=disable"),
                "db",
                "init",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "db init: {out:?}");
        *template = Some(name);
    }
    let name = format!(
        "tend_cli_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    client
        .batch_execute(&format!(
            "CREATE DATABASE {name} TEMPLATE {}",
            template.as_ref().unwrap()
        ))
        .expect("database from the template");
    name
}

/// `tend` with no database or author named, HOME and XDG_DATA_HOME inside `home`.
pub fn tend_in(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tend"));
    cmd.env_remove("TEND_DB")
        .env_remove("TEND_AUTHOR")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

/// Checks that `output` is a user error (exit 1) in the house form and returns stderr.
pub fn user_error(args: &[&str], output: std::process::Output) -> String {
    let stderr = String::from_utf8(output.stderr).expect("utf-8 stderr");
    assert_eq!(
        output.status.code(),
        Some(1),
        "tend {args:?} should exit 1\nstdout: {}\nstderr: {stderr}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        stderr.starts_with("tend: error: "),
        "tend {args:?}: stderr not in the form `tend: error: …`: {stderr}"
    );
    stderr
}
