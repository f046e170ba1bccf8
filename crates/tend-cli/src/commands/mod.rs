//! One module per noun of the command line. Each turns parsed arguments into
//! calls on the core's [`Register`] and prints what comes back.

mod assets;
mod coverage;
mod db;
mod demo;
mod due;
mod export;
mod import;
mod log;
mod plans;
mod report;
mod settings;

use crate::args::{Cli, Command};
use crate::failure::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};
use tend_core::{paths, Register};

/// What every command works with.
pub struct Context<'a> {
    pub register: Register,
    /// The database file, for messages.
    pub path: PathBuf,
    /// `--json` was given.
    pub json: bool,
    pub out: &'a mut dyn Write,
}

/// Opens the database the command line names and runs the command.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Failure> {
    // An empty --db (or TEND_DB="") means "not given".
    let named = cli.db.filter(|p| !p.as_os_str().is_empty());
    let (register, path) = open(named.as_deref())?;
    let mut cx = Context {
        register,
        path,
        json: cli.json,
        out,
    };
    match cli.command {
        Command::Assets(c) => assets::run(&mut cx, c),
        Command::Log(c) => log::run(&mut cx, c),
        Command::Coverage(c) => coverage::run(&mut cx, c),
        Command::Db(c) => db::run(&mut cx, c),
        Command::Demo(a) => demo::run(&mut cx, a),
        Command::Import(a) => import::run(&mut cx, a),
        Command::Export(a) => export::run(&mut cx, a),
        Command::Plans(c) => plans::run(&mut cx, c),
        Command::Due(a) => due::run(&mut cx, a),
        Command::Report(c) => report::run(&mut cx, c),
        Command::Settings(c) => settings::run(&mut cx, c),
    }
}

/// Opens the database named on the command line (its folder must exist), or
/// else the default one, whose folder is created on first use as the desktop
/// app would.
fn open(named: Option<&Path>) -> Result<(Register, PathBuf), Failure> {
    Ok(match named {
        Some(path) => (Register::open(path)?, path.to_path_buf()),
        None => {
            let path = paths::default_database_path();
            (Register::open_creating_dirs(&path)?, path)
        }
    })
}
