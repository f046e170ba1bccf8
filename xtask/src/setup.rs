//! Installs what building, running and testing Tend needs and is missing:
//! Debian/Ubuntu packages, the UI's npm packages, tauri-driver and the Python
//! packages of the end-to-end test. Idempotent: installed things are skipped.

use crate::shell::{self, root};
use anyhow::{bail, Result};
use std::process::Command;

/// What the set-up is for: running the app needs less than testing it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Run,
    Test,
}

/// Packages the desktop app needs to build and run.
const RUN_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libssl-dev",
    "libwebkit2gtk-4.1-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    // The keyring crate talks to the Secret Service over D-Bus.
    "libdbus-1-dev",
    "fonts-dejavu-core",
];

/// Extra packages the tests need: a virtual display and WebDriver for the
/// end-to-end test, PDF tools, a QR code reader for the labels' tests
/// (zbarimg), a CJK font, the sqlite3 shell for benchmarks,
/// PostgreSQL for the team-register tests (a throw-away server, see pg.rs)
/// and openssl for their TLS certificates, and a D-Bus session with GNOME
/// Keyring (and its command-line client) for the tests of the password kept
/// in the keyring (tests/e2e/keyring-session.sh).
const TEST_PACKAGES: &[&str] = &[
    "postgresql",
    "openssl",
    "dbus",
    "gnome-keyring",
    "libsecret-tools",
    "xvfb",
    "webkit2gtk-driver",
    "poppler-utils",
    "qpdf",
    "imagemagick",
    "zbar-tools",
    "fonts-noto-cjk",
    "sqlite3",
    "python3-venv",
];

/// Installs whatever is missing for `purpose`, unless TEND_SKIP_SETUP is set.
pub fn ensure(purpose: Purpose) -> Result<()> {
    if std::env::var_os("TEND_SKIP_SETUP").is_some() {
        return Ok(());
    }
    let mut wanted: Vec<&str> = RUN_PACKAGES.to_vec();
    if purpose == Purpose::Test {
        wanted.extend_from_slice(TEST_PACKAGES);
    }
    apt_install(&wanted)?;
    npm_install()?;
    if purpose == Purpose::Test {
        clippy()?;
        tauri_driver()?;
        python_packages()?;
    }
    Ok(())
}

/// The linter `cargo xtask test` runs, a rustup component.
fn clippy() -> Result<()> {
    let present = Command::new("cargo")
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if present {
        return Ok(());
    }
    eprintln!("==> rustup component add clippy");
    shell::run(&root(), "rustup", &["component", "add", "clippy"])
}

fn installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        .unwrap_or(false)
}

pub fn apt_install(packages: &[&str]) -> Result<()> {
    if !shell::has("dpkg-query") {
        eprintln!("not a Debian/Ubuntu system: install the equivalents of {packages:?} yourself");
        return Ok(());
    }
    let missing: Vec<&str> = packages.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let root_user = shell::output(&root(), "id", &["-u"])?.trim() == "0";
    let sudo: &[&str] = if root_user { &[] } else { &["sudo"] };
    if !root_user && !shell::has("sudo") {
        bail!("missing packages {missing:?}: run as root or install sudo");
    }
    let run_apt = |args: &[&str]| -> Result<()> {
        let mut full: Vec<&str> = sudo.to_vec();
        full.push("apt-get");
        full.extend_from_slice(args);
        shell::run_with_env(
            &root(),
            full[0],
            &full[1..],
            &[("DEBIAN_FRONTEND", "noninteractive")],
        )
    };
    run_apt(&["update", "-q"])?;
    let mut args = vec!["install", "-y", "-q", "--no-install-recommends"];
    args.extend_from_slice(&missing);
    run_apt(&args)
}

fn npm_install() -> Result<()> {
    let ui = root().join("ui");
    let lock = ui.join("package-lock.json");
    let stamp = ui.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&stamp)) {
        (Ok(l), Ok(s)) => s.modified()? >= l.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    let args: &[&str] = if lock.exists() {
        &["ci", "--no-audit", "--no-fund"]
    } else {
        &["install", "--no-audit", "--no-fund"]
    };
    shell::run(&ui, "npm", args)
}

fn tauri_driver() -> Result<()> {
    if shell::has("tauri-driver") {
        return Ok(());
    }
    shell::run(&root(), "cargo", &["install", "tauri-driver", "--locked"])
}

/// The e2e test's Python packages, in a virtual environment under target/.
fn python_packages() -> Result<()> {
    let venv = root().join("target/e2e-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        shell::run(
            &root(),
            "python3",
            &["-m", "venv", venv.to_str().expect("utf-8 path")],
        )?;
    }
    let requirements = root().join("tests/e2e/requirements.txt");
    let stamp = venv.join(".requirements-installed");
    let up_to_date = match (std::fs::read(&requirements), std::fs::read(&stamp)) {
        (Ok(r), Ok(s)) => r == s,
        _ => false,
    };
    if up_to_date || !requirements.exists() {
        return Ok(());
    }
    shell::run(
        &root(),
        python.to_str().expect("utf-8 path"),
        &[
            "-m",
            "pip",
            "install",
            "-q",
            "-r",
            requirements.to_str().expect("utf-8 path"),
        ],
    )?;
    std::fs::copy(&requirements, &stamp)?;
    Ok(())
}
