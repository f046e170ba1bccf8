//! One module per noun of the command line. Each turns parsed arguments into
//! calls on the core's [`Register`] and prints what comes back.

mod assets;
mod coverage;
mod db;
mod demo;
mod log;

use crate::args::{Cli, Command};
use crate::failure::Failure;
use std::io::{self, Write};
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
    let path = database_path(named)?;
    let register = Register::open(&path)?;
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
    }
}

/// The file to open: the one named (whose folder must exist), or the default,
/// whose folder is created on first use as the desktop app would.
fn database_path(named: Option<PathBuf>) -> Result<PathBuf, Failure> {
    match named {
        Some(path) => {
            require_folder(&path)?;
            Ok(path)
        }
        None => {
            let path = paths::default_database_path();
            if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder).map_err(|source| tend_core::Error::Io {
                    path: folder.to_path_buf(),
                    source,
                })?;
            }
            Ok(path)
        }
    }
}

/// Fails, naming `file`, when the folder it would be written in does not exist.
pub fn require_folder(file: &Path) -> Result<(), Failure> {
    match file.parent().filter(|f| !f.as_os_str().is_empty()) {
        Some(folder) if !folder.is_dir() => Err(tend_core::Error::Io {
            path: file.to_path_buf(),
            source: io::Error::new(
                io::ErrorKind::NotFound,
                format!("the folder {} does not exist", folder.display()),
            ),
        }
        .into()),
        _ => Ok(()),
    }
}
