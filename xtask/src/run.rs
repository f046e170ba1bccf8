//! `cargo xtask run`: install what is missing, build the UI and launch the
//! desktop app on its default database (or `$TEND_DB`).

use crate::setup::{self, Purpose};
use crate::shell::{self, root};
use anyhow::Result;

pub fn run(args: &[String]) -> Result<()> {
    setup::ensure(Purpose::Run)?;
    build_ui()?;
    let mut cargo_args = vec!["run", "-p", "tend-desktop"];
    if args.iter().any(|a| a == "--release") {
        cargo_args.push("--release");
    }
    shell::run(&root(), "cargo", &cargo_args)
}

/// Builds ui/ into ui/dist, which the desktop binary embeds at compile time.
pub fn build_ui() -> Result<()> {
    shell::run(&root().join("ui"), "npm", &["run", "build"])
}
