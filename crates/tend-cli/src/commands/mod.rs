//! One module per noun of the command line. Each turns parsed arguments into
//! calls on the core's [`Register`] and prints what comes back.

mod assets;
mod attachments;
mod coverage;
mod db;
mod demo;
mod due;
mod export;
mod import;
mod labels;
mod log;
mod plans;
mod report;
mod selection;
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
            return run_on_server(cli.command, &address, cli.json, out);
        }
    }
    if let Command::Db(DbCommand::Init) = &cli.command {
        return team::init_file(&file_path(named.as_deref()), cli.json, out);
    }
    if let Command::Db(
        DbCommand::Grant(_) | DbCommand::Revoke(_) | DbCommand::Users | DbCommand::Name(_),
    ) = &cli.command
    {
        return Err(tend_core::Error::validation(
            "db",
            "a register file has no users: who may use it is decided by the file's permissions, \
             and changes are recorded under the operating-system user (or TEND_AUTHOR); roles \
             and display names are for a team register (--db postgres://…)",
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
    dispatch(&mut cx, cli.command).map_err(|f| match f {
        Failure::Core(e) => Failure::Core(e.in_register(&path)),
        other => other,
    })
}

/// Runs a command on a team register: the same commands as on a file,
/// acting as the database user (or `TEND_AUTHOR`), except the backups,
/// which are the server's.
fn run_on_server(
    command: Command,
    address: &tend_core::store::postgres::ServerAddress,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match command {
        Command::Db(
            c @ (DbCommand::Init
            | DbCommand::Grant(_)
            | DbCommand::Revoke(_)
            | DbCommand::Users
            | DbCommand::Name(_)
            | DbCommand::Check),
        ) => team::run_on_server(address, c, json, out),
        Command::Db(c @ (DbCommand::Backup(_) | DbCommand::Backups | DbCommand::Restore(_))) => {
            Err(team::backups_are_the_servers(address, &c).into())
        }
        command => {
            let mut register = Register::open_server(address)?;
            if let Some(name) = std::env::var_os("TEND_AUTHOR").filter(|n| !n.is_empty()) {
                register.set_author(&name.to_string_lossy())?;
            }
            let mut cx = Context {
                register,
                path: PathBuf::from(address.to_string()),
                json,
                out,
            };
            dispatch(&mut cx, command)
        }
    }
}

/// Runs `command` on the open register.
fn dispatch(cx: &mut Context<'_>, command: Command) -> Result<(), Failure> {
    match command {
        Command::Assets(c) => assets::run(cx, c),
        Command::Log(c) => log::run(cx, c),
        Command::Coverage(c) => coverage::run(cx, c),
        Command::Db(c) => db::run(cx, c),
        Command::Demo(a) => demo::run(cx, a),
        Command::Import(a) => import::run(cx, a),
        Command::Export(a) => export::run(cx, a),
        Command::Plans(c) => plans::run(cx, c),
        Command::Due(a) => due::run(cx, a),
        Command::Report(c) => report::run(cx, c),
        Command::Labels(a) => labels::run(cx, a),
        Command::Attach(a) => attachments::attach(cx, a),
        Command::Attachments(c) => attachments::run(cx, c),
        Command::Settings(c) => settings::run(cx, c),
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
