//! `cargo xtask package [--check]`: the desktop app as a Debian package
//! and an AppImage, made by Tauri's bundler (`cargo tauri build`; the
//! bundler is installed when missing). The .deb carries the `tend` command
//! too (`bundle.linux.deb.files` in tauri.conf.json). Not part of `cargo
//! xtask test`: the bundler's install and build take long.
//!
//! `--check` installs the .deb with apt on this machine, runs `tend
//! --version` and starts the desktop app from the installed paths under
//! Xvfb on a throw-away register, then removes the package again.

use crate::setup::{self, Purpose};
use crate::shell::{self, root};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The Debian package's name (from productName in tauri.conf.json).
const PACKAGE: &str = "tend";

pub fn run(args: &[String]) -> Result<()> {
    let check = args.iter().any(|a| a == "--check");
    if let Some(other) = args.iter().find(|a| *a != "--check") {
        bail!("unknown argument {other:?}: cargo xtask package [--check]");
    }
    let root = root();
    setup::ensure(Purpose::Run)?;
    ensure_bundler(&root)?;
    // The command line goes into the .deb beside the app.
    shell::run(&root, "cargo", &["build", "--release", "-p", "tend-cli"])?;
    shell::run(&root, "cargo", &["tauri", "build", "--bundles", "deb"])?;
    let deb = newest(&root.join("target/release/bundle/deb"), "deb")?;
    println!("==> {}", deb.display());
    // The AppImage's tools (linuxdeploy) are downloaded by the bundler from
    // GitHub: where that is not reachable, say so and go on with the .deb.
    match shell::run(&root, "cargo", &["tauri", "build", "--bundles", "appimage"]) {
        Ok(()) => {
            let image = newest(&root.join("target/release/bundle/appimage"), "AppImage")?;
            println!("==> {}", image.display());
        }
        Err(e) => eprintln!("the AppImage was not made ({e:#}); the .deb was"),
    }
    if check {
        // The check starts the app under a virtual display.
        setup::apt_install(&["xvfb", "xauth"])?;
        check_deb(&root, &deb)?;
    }
    Ok(())
}

fn ensure_bundler(root: &Path) -> Result<()> {
    let present = Command::new("cargo")
        .args(["tauri", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !present {
        eprintln!("==> cargo install tauri-cli (Tauri's bundler, 2.x)");
        shell::run(
            root,
            "cargo",
            &["install", "tauri-cli", "--version", "^2", "--locked"],
        )?;
    }
    Ok(())
}

/// The newest file ending in `.ext` in `dir`.
fn newest(dir: &Path, ext: &str) -> Result<PathBuf> {
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .with_context(|| format!("no bundle folder {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, p)| p)
        .with_context(|| format!("no .{ext} in {}", dir.display()))
}

fn as_root(program: &str, args: &[&str]) -> Command {
    let root_user = shell::output(&root(), "id", &["-u"]).is_ok_and(|u| u.trim() == "0");
    let mut command = if root_user {
        Command::new(program)
    } else {
        let mut c = Command::new("sudo");
        c.arg(program);
        c
    };
    command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    command
}

fn check_deb(root: &Path, deb: &Path) -> Result<()> {
    let deb = deb.canonicalize()?;
    let status = as_root(
        "apt-get",
        &["install", "-y", "-q", &deb.display().to_string()],
    )
    .status()?;
    if !status.success() {
        bail!("apt-get could not install {}", deb.display());
    }
    let outcome = installed_app_works(root);
    let removed = as_root("apt-get", &["remove", "-y", "-q", PACKAGE]).status()?;
    outcome?;
    if !removed.success() {
        bail!("apt-get could not remove {PACKAGE}");
    }
    println!("==> the .deb installs, `tend --version` and the desktop app run from it, and it is removed again");
    Ok(())
}

fn installed_app_works(root: &Path) -> Result<()> {
    let version = shell::output(root, "/usr/bin/tend", &["--version"])?;
    if !version.starts_with("tend ") {
        bail!("/usr/bin/tend --version said {version:?}");
    }
    println!("==> /usr/bin/tend --version: {}", version.trim());
    let dir = tempfile_dir()?;
    let db = dir.join("tend.sqlite");
    // Under a virtual display, on a register of its own: it must still be
    // running after a few seconds, with the register made.
    let mut app = Command::new("xvfb-run")
        .args(["-a", "/usr/bin/tend-desktop"])
        .env("TEND_DB", &db)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .spawn()
        .context("start the installed desktop app under xvfb-run")?;
    std::thread::sleep(Duration::from_secs(8));
    let exited = app.try_wait()?;
    let _ = Command::new("pkill")
        .args(["-f", "/usr/bin/tend-desktop"])
        .status();
    let _ = app.wait();
    if let Some(status) = exited {
        bail!("the installed desktop app stopped at once ({status})");
    }
    if !db.exists() {
        bail!(
            "the installed desktop app made no register at {}",
            db.display()
        );
    }
    println!("==> /usr/bin/tend-desktop ran 8 s under Xvfb and made its register");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("tend-package-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
