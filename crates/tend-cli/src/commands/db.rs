//! `tend db …`: integrity check and online backup of the database file.

use super::Context;
use crate::args::{BackupArgs, DbCommand};
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use std::io;
use std::path::Path;

pub fn run(cx: &mut Context, command: DbCommand) -> Result<(), Failure> {
    match command {
        DbCommand::Check => check(cx),
        DbCommand::Backup(a) => backup(cx, a),
    }
}

/// What `tend db check --json` prints.
#[derive(Serialize)]
struct CheckReport<'a> {
    ok: bool,
    problems: &'a [String],
}

fn check(cx: &mut Context) -> Result<(), Failure> {
    let problems = cx.register.check()?;
    if cx.json {
        output::json(
            cx.out,
            &CheckReport {
                ok: problems.is_empty(),
                problems: &problems,
            },
        )?;
    } else if problems.is_empty() {
        writeln!(cx.out, "ok")?;
    } else {
        for problem in &problems {
            writeln!(cx.out, "{problem}")?;
        }
    }
    match problems.len() {
        0 => Ok(()),
        count => Err(Failure::CheckFailed { count }),
    }
}

/// What `tend db backup --json` prints.
#[derive(Serialize)]
struct BackupReport<'a> {
    database: &'a Path,
    backup: &'a Path,
}

fn backup(cx: &mut Context, a: BackupArgs) -> Result<(), Failure> {
    if a.dest.exists() {
        return Err(tend_core::Error::Io {
            path: a.dest,
            source: io::Error::new(
                io::ErrorKind::AlreadyExists,
                "already exists; a backup is only written to a new file",
            ),
        }
        .into());
    }
    cx.register.backup_to(&a.dest)?;
    if cx.json {
        return output::json(
            cx.out,
            &BackupReport {
                database: &cx.path,
                backup: &a.dest,
            },
        );
    }
    writeln!(
        cx.out,
        "backed up {} to {}",
        cx.path.display(),
        a.dest.display()
    )?;
    Ok(())
}
