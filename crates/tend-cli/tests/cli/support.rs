//! A temporary database and helpers that run `tend` on it.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A temporary folder holding one test's database.
pub struct Db {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Db {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("tend.sqlite");
        Db { dir, path }
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
