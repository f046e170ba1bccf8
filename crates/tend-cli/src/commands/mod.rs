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
mod team;

use crate::args::{Cli, Command, DbCommand};
use crate::failure::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};
use tend_core::location::Location;
use tend_core::store::connection::OpenOptions;
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
    if let Command::Db(DbCommand::Copy(a)) = &cli.command {
        return team::copy(a, cli.json, out);
    }
    if let Some(db) = &named {
        if let Location::Server(address) = Location::parse(db.as_os_str())? {
            return match cli.command {
                Command::Db(c) => team::run_on_server(&address, c, cli.json, out),
                other => Err(team::not_yet_on_server(&address, command_name(&other)).into()),
            };
        }
    }
    if let Command::Db(DbCommand::Init) = &cli.command {
        return team::init_file(&file_path(named.as_deref()), cli.json, out);
    }
    if let Command::Db(DbCommand::Grant(_) | DbCommand::Revoke(_) | DbCommand::Users) = &cli.command
    {
        return Err(tend_core::Error::validation(
            "db",
            "a register file has no users: who may use it is decided by the file's permissions;              roles are for a team register (--db postgres://…)",
        )
        .into());
    }
    // A restore must not open the register (it takes the file alone), and a
    // check must still report on a file too damaged to open.
    match &cli.command {
        Command::Db(DbCommand::Restore(a)) => {
            return db::restore(&file_path(named.as_deref()), a, cli.json, out)
        }
        Command::Db(DbCommand::Backups) => {
            return db::list_backups(&file_path(named.as_deref()), cli.json, out)
        }
        _ => {}
    }
    let options = OpenOptions {
        busy_timeout_ms: cli
            .wait
            .map_or(tend_core::store::BUSY_TIMEOUT_MS, |s| s * 1000),
        create_dirs: named.is_none(),
    };
    let (mut register, path) = match open(named.as_deref(), &options) {
        Err(Failure::Core(e)) if matches!(cli.command, Command::Db(DbCommand::Check)) => {
            return db::check_unopenable(e, cli.json, out)
        }
        other => other?,
    };
    // TEND_AUTHOR names who is acting, in place of the operating-system user.
    if let Some(name) = std::env::var_os("TEND_AUTHOR").filter(|n| !n.is_empty()) {
        register.set_author(&name.to_string_lossy())?;
    }
    let mut cx = Context {
        register,
        path: path.clone(),
        json: cli.json,
        out,
    };
    let result = match cli.command {
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
    };
    result.map_err(|f| match f {
        Failure::Core(e) => Failure::Core(e.in_register(&path)),
        other => other,
    })
}

/// The command's name, for messages.
fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Assets(_) => "assets",
        Command::Log(_) => "log",
        Command::Coverage(_) => "coverage",
        Command::Db(_) => "db",
        Command::Demo(_) => "demo",
        Command::Import(_) => "import",
        Command::Export(_) => "export",
        Command::Plans(_) => "plans",
        Command::Due(_) => "due",
        Command::Report(_) => "report",
        Command::Settings(_) => "settings",
    }
}

/// The database file the command line names, or else the default one.
fn file_path(named: Option<&Path>) -> PathBuf {
    named.map_or_else(paths::default_database_path, Path::to_path_buf)
}

/// Opens the database named on the command line (its folder must exist), or
/// else the default one, whose folder is created on first use as the desktop
/// app would (`options.create_dirs`).
fn open(named: Option<&Path>, options: &OpenOptions) -> Result<(Register, PathBuf), Failure> {
    let path = file_path(named);
    Ok((Register::open_with(&path, options)?, path))
}
