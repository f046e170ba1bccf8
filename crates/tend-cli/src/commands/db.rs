//! `tend db …`: integrity check, backups and restore of the database file.

use super::Context;
use crate::args::{BackupArgs, DbCommand, RestoreArgs};
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use tend_core::backups::{self, BackupInfo};

pub fn run(cx: &mut Context, command: DbCommand) -> Result<(), Failure> {
    match command {
        DbCommand::Check => check(cx),
        DbCommand::Backup(a) => backup(cx, a),
        // Handled before the register is opened (see commands::run).
        DbCommand::Backups => list_backups(&cx.path.clone(), cx.json, cx.out),
        DbCommand::Restore(a) => restore(&cx.path.clone(), &a, cx.json, cx.out),
        // Handled before the register is opened (see commands::run and team.rs).
        DbCommand::Init
        | DbCommand::Grant(_)
        | DbCommand::Revoke(_)
        | DbCommand::Users
        | DbCommand::Name(_)
        | DbCommand::Copy(_) => unreachable!("handled in commands::run"),
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
    print_problems(&problems, cx.json, cx.out)
}

fn print_problems(problems: &[String], json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    if json {
        output::json(
            out,
            &CheckReport {
                ok: problems.is_empty(),
                problems,
            },
        )?;
    } else if problems.is_empty() {
        writeln!(out, "ok")?;
    } else {
        for problem in problems {
            writeln!(out, "{problem}")?;
        }
    }
    match problems.len() {
        0 => Ok(()),
        count => Err(Failure::CheckFailed { count }),
    }
}

/// `tend db check` on a file that does not open at all: a damaged file's
/// problems are the check's findings (exit 1); anything else is the error.
pub fn check_unopenable(
    e: tend_core::Error,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match e {
        tend_core::Error::Damaged {
            ref problems,
            ref newest_backup,
            ..
        } => {
            let mut lines = problems.clone();
            if let Some(b) = newest_backup {
                lines.push(format!("newest good backup: {b}"));
            }
            print_problems(&lines, json, out)
        }
        other => Err(other.into()),
    }
}

/// What `tend db backup --json` prints for a copy to a named file.
#[derive(Serialize)]
struct CopyReport<'a> {
    database: &'a Path,
    backup: &'a Path,
}

fn backup(cx: &mut Context, a: BackupArgs) -> Result<(), Failure> {
    let Some(dest) = a.dest else {
        let made = cx.register.back_up("by hand")?;
        if cx.json {
            return output::json(cx.out, &made);
        }
        writeln!(
            cx.out,
            "backed up {} to {} (checked; SHA-256 {})",
            cx.path.display(),
            made.path.display(),
            made.sha256.as_deref().unwrap_or("-")
        )?;
        return Ok(());
    };
    cx.register.backup_to(&dest)?;
    if cx.json {
        return output::json(
            cx.out,
            &CopyReport {
                database: &cx.path,
                backup: &dest,
            },
        );
    }
    writeln!(
        cx.out,
        "backed up {} to {}",
        cx.path.display(),
        dest.display()
    )?;
    Ok(())
}

/// What `tend db backups --json` prints.
#[derive(Serialize)]
struct BackupList<'a> {
    folder: &'a Path,
    backups: &'a [BackupInfo],
}

pub fn list_backups(db: &Path, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let (folder, found) = backups::list(db)?;
    if json {
        return output::json(
            out,
            &BackupList {
                folder: &folder,
                backups: &found,
            },
        );
    }
    writeln!(out, "backups of {} in {}", db.display(), folder.display())?;
    if found.is_empty() {
        writeln!(out, "(none yet)")?;
        return Ok(());
    }
    let mut table = output::table(["taken", "size", "schema", "check", "why", "file"]);
    for b in &found {
        table.add_row([
            output::timestamp(&b.taken_at),
            format!("{:.1} MB", b.size as f64 / 1_000_000.0),
            format!("v{}", b.schema_version),
            if b.verified {
                "verified"
            } else {
                "not verified"
            }
            .into(),
            b.reason.clone(),
            b.path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
        ]);
    }
    output::write_table(out, &table)?;
    Ok(())
}

pub fn restore(db: &Path, a: &RestoreArgs, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let preview = backups::restore_preview(db, &a.backup).ok();
    let restored = backups::restore(db, &a.backup, chrono::Utc::now())?;
    if json {
        return output::json(out, &restored);
    }
    writeln!(
        out,
        "restored {} from {} (taken {})",
        db.display(),
        restored.backup.path.display(),
        restored.backup.taken_at
    )?;
    if let Some(p) = preview {
        writeln!(
            out,
            "{} change(s) made after the backup are no longer in the register",
            p.changes_lost
        )?;
    }
    if let Some(previous) = &restored.previous {
        let how = if restored.previous_damaged {
            "damaged, copied aside as it was"
        } else {
            "backed up"
        };
        writeln!(
            out,
            "the register as it was is kept at {} ({how})",
            previous.display()
        )?;
    }
    Ok(())
}
