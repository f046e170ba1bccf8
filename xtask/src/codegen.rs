//! The TypeScript bindings of tend-core's types (ts-rs), committed under
//! ui/src/lib/bindings. `generate_into` writes them to any folder, so the test
//! task can compare a fresh generation with the committed files.

use crate::shell::{self, root};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// The committed bindings folder, relative to the repository root.
pub const BINDINGS_DIR: &str = "ui/src/lib/bindings";

/// `cargo xtask codegen`: regenerate the committed bindings.
pub fn run() -> Result<()> {
    let dir = root().join(BINDINGS_DIR);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    generate_into(&dir)?;
    eprintln!("bindings written to {}", dir.display());
    Ok(())
}

/// Runs ts-rs's export tests with their output sent to `dir`, then writes
/// the command table beside them (`commands_ts`).
pub fn generate_into(dir: &Path) -> Result<()> {
    let dir_str = dir.to_str().context("bindings path is not UTF-8")?;
    ts_rs_export(dir_str)?;
    crate::commands_ts::write(&root(), dir)
}

fn ts_rs_export(dir_str: &str) -> Result<()> {
    shell::run_with_env(
        &root(),
        "cargo",
        &[
            "test",
            "--quiet",
            "-p",
            "tend-core",
            "--lib",
            "export_bindings",
        ],
        &[("TS_RS_EXPORT_DIR", dir_str)],
    )
}

/// Fails when the committed bindings differ from a fresh generation.
pub fn check() -> Result<()> {
    let fresh = root().join("target/bindings-check");
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh)?;
    }
    generate_into(&fresh)?;
    let committed = read_dir(&root().join(BINDINGS_DIR))?;
    let generated = read_dir(&fresh)?;
    if committed != generated {
        let names: Vec<&String> = generated
            .iter()
            .filter(|(k, v)| committed.get(*k) != Some(v))
            .map(|(k, _)| k)
            .chain(committed.keys().filter(|k| !generated.contains_key(*k)))
            .collect();
        bail!("{BINDINGS_DIR} is stale ({names:?} differ): run `cargo xtask codegen` and commit the result");
    }
    eprintln!("bindings are up to date ({} files)", generated.len());
    Ok(())
}

fn read_dir(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return Ok(files);
    }
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            files.insert(
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path())?,
            );
        }
    }
    Ok(files)
}
