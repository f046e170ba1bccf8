//! A throw-away PostgreSQL server for the team-register tests: initdb in a
//! temporary folder, a free port on 127.0.0.1, a superuser with a random
//! password (scram-sha-256), TLS with a CA made for the occasion, fsync off.
//! PostgreSQL refuses to run as root, so as root the server runs as the
//! `postgres` user (from `/`, in a folder that user owns). It is stopped
//! and its folder removed when the value is dropped.
//!
//! The tests find it through `TEND_TEST_POSTGRES` (a URL as the superuser)
//! and `TEND_TEST_POSTGRES_CA` (the CA certificate of its TLS).

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct TestServer {
    dir: PathBuf,
    bin: PathBuf,
    as_postgres: bool,
    pub url: String,
    pub ca: PathBuf,
}

impl TestServer {
    /// The environment the tests read.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TEND_TEST_POSTGRES", self.url.clone()),
            ("TEND_TEST_POSTGRES_CA", self.ca.display().to_string()),
            ("TEND_TEST_POSTGRES_REQUIRED", "1".into()),
        ]
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self
            .command(
                "pg_ctl",
                &[
                    "-D",
                    &data.display().to_string(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
            )
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The newest installed server's bin folder (Debian: /usr/lib/postgresql/N/bin).
fn bin_dir() -> Result<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .context("PostgreSQL is not installed (/usr/lib/postgresql is missing)")?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let v = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versions.sort();
    match versions.pop() {
        Some((_, bin)) => Ok(bin),
        None => bail!("no PostgreSQL server with initdb under /usr/lib/postgresql"),
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

fn random_hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    use std::io::Read;
    std::fs::File::open("/dev/urandom")?.read_exact(&mut buf)?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

impl TestServer {
    fn command(&self, program: &str, args: &[&str]) -> Command {
        command(&self.bin, self.as_postgres, program, args)
    }
}

fn command(bin: &Path, as_postgres: bool, program: &str, args: &[&str]) -> Command {
    let exe = bin.join(program);
    let mut c = if as_postgres {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(exe);
        c
    } else {
        Command::new(exe)
    };
    c.args(args).current_dir("/");
    c
}

fn run_checked(mut c: Command, what: &str) -> Result<()> {
    let out = c
        .output()
        .with_context(|| format!("could not start {what}"))?;
    if !out.status.success() {
        bail!(
            "{what} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

/// Starts a server; it stops when the result is dropped.
pub fn start() -> Result<TestServer> {
    let bin = bin_dir()?;
    let as_postgres = is_root();
    let dir = std::env::temp_dir().join(format!("tend-pg-{}", random_hex(6)?));
    std::fs::create_dir_all(&dir)?;
    let password = random_hex(16)?;
    std::fs::write(dir.join("pwfile"), format!("{password}\n"))?;
    make_certificates(&dir)?;
    if as_postgres {
        run_checked(
            {
                let mut c = Command::new("chown");
                c.args(["-R", "postgres:postgres"]).arg(&dir);
                c
            },
            "chown",
        )?;
    }
    let mut server = TestServer {
        dir: dir.clone(),
        bin: bin.clone(),
        as_postgres,
        url: String::new(),
        ca: dir.join("ca.crt"),
    };
    let data = dir.join("data").display().to_string();
    let pwfile = dir.join("pwfile").display().to_string();
    run_checked(
        server.command(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "tend_admin",
                "-A",
                "scram-sha-256",
                "--pwfile",
                &pwfile,
                "--locale=C.UTF-8",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        ),
        "initdb",
    )?;
    let port = free_port()?;
    let options = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
         -c full_page_writes=off -c max_connections=200 -c ssl=on \
         -c ssl_cert_file={0}/server.crt -c ssl_key_file={0}/server.key",
        dir.display()
    );
    let log = dir.join("server.log").display().to_string();
    run_checked(
        server.command(
            "pg_ctl",
            &[
                "-D", &data, "-o", &options, "-l", &log, "-w", "-t", "60", "start",
            ],
        ),
        "pg_ctl start",
    )
    .with_context(|| std::fs::read_to_string(&log).unwrap_or_default())?;
    eprintln!(
        "==> PostgreSQL test server on 127.0.0.1:{port} ({})",
        dir.display()
    );
    server.url =
        format!("postgres://tend_admin:{password}@127.0.0.1:{port}/postgres?sslmode=disable");
    Ok(server)
}

/// A CA and a server certificate for `localhost` signed by it.
fn make_certificates(dir: &Path) -> Result<()> {
    let openssl = |args: &[&str]| -> Result<()> {
        let mut c = Command::new("openssl");
        c.args(args).current_dir(dir);
        run_checked(c, "openssl")
    };
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=Tend test CA",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
    ])?;
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
    ])?;
    std::fs::write(dir.join("san.ext"), "subjectAltName=DNS:localhost\n")?;
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "san.ext",
        "-out",
        "server.crt",
    ])?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.join("server.key"),
            std::fs::Permissions::from_mode(0o600),
        )?;
    }
    Ok(())
}

/// `cargo xtask pg COMMAND…`: runs COMMAND with a throw-away server, e.g.
/// `cargo xtask pg cargo test -p tend-core postgres`.
pub fn run(args: &[String]) -> Result<()> {
    let Some((program, rest)) = args.split_first() else {
        bail!("usage: cargo xtask pg COMMAND [ARGS…] (runs it beside a throw-away PostgreSQL)");
    };
    let server = start()?;
    let status = Command::new(program)
        .args(rest)
        .envs(server.env())
        .status()
        .with_context(|| format!("could not start `{program}`"))?;
    drop(server);
    if !status.success() {
        bail!("`{program}` failed ({status})");
    }
    Ok(())
}
