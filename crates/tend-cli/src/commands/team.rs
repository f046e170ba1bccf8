//! `tend db init|grant|revoke|users|name|copy`, and `db check` on a team
//! register: the commands that set up and share a register on PostgreSQL.

use crate::args::{CopyArgs, DbCommand, GrantArgs, NameArgs, RevokeArgs};
use crate::failure::Failure;
use crate::output;
use serde::Serialize;
use std::io::Write;
use tend_core::location::Location;
use tend_core::store::postgres::{self as pg, roles, schema, ServerAddress};
use tend_core::{Error, Register};

/// `tend db copy FROM TO`.
pub fn copy(a: &CopyArgs, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let from = Location::parse(&a.from)?;
    let to = Location::parse(&a.to)?;
    let report = tend_core::copy::copy(&from, &to)?;
    if json {
        return output::json(out, &report);
    }
    let mut table = output::table(["table", "rows"]);
    for t in &report.tables {
        table.add_row([t.table.to_string(), t.rows.to_string()]);
    }
    output::write_table(out, &table)?;
    writeln!(
        out,
        "copied {} to {}; every table read back from the target equals the source \
         (SHA-256 {})",
        report.from, report.to, report.sha256
    )?;
    Ok(())
}

/// `tend db init` on a file: opening creates (or upgrades) it.
pub fn init_file(path: &std::path::Path, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let reg = Register::open(path)?;
    let version = tend_core::store::migrations::latest_version();
    drop(reg);
    if json {
        return output::json(
            out,
            &Initialised {
                register: &path.display().to_string(),
                schema_version: version,
                from_version: None,
            },
        );
    }
    writeln!(
        out,
        "{} is a Tend register (schema v{version})",
        path.display()
    )?;
    Ok(())
}

#[derive(Serialize)]
struct Initialised<'a> {
    register: &'a str,
    schema_version: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_version: Option<i64>,
}

#[derive(Serialize)]
struct User {
    user: String,
    role: &'static str,
    /// What their changes are recorded under, when not the login.
    #[serde(skip_serializing_if = "Option::is_none")]
    display_name: Option<String>,
}

#[derive(Serialize)]
struct ServerCheck {
    register: String,
    ok: bool,
    schema_version: i64,
    encrypted: bool,
    problems: Vec<String>,
}

fn role_name(a: roles::Access) -> &'static str {
    match a {
        roles::Access::Reader => "reader",
        roles::Access::Editor => "editor",
    }
}

/// The `tend db` commands that work on a team register today.
pub fn run_on_server(
    address: &ServerAddress,
    command: DbCommand,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut server = pg::connect(address)?;
    let place = address.to_string();
    match command {
        DbCommand::Init => {
            let done = schema::init(&mut server)?;
            if json {
                return output::json(
                    out,
                    &Initialised {
                        register: &place,
                        schema_version: done.to_version,
                        from_version: Some(done.from_version),
                    },
                );
            }
            match done.from_version {
                0 => writeln!(out, "{place} is now a Tend register (schema v{}), with the roles tend_reader and tend_editor", done.to_version)?,
                v if v == done.to_version => writeln!(out, "{place} is a Tend register (schema v{v}); roles and privileges checked")?,
                v => writeln!(out, "{place} upgraded from schema v{v} to v{}", done.to_version)?,
            }
            warn_plain(&server, json, out)?;
            Ok(())
        }
        DbCommand::Grant(GrantArgs { user, role }) => {
            schema::open(&mut server)?;
            let access = roles::Access::parse(&role)?;
            roles::grant(&mut server, &user, access)?;
            if json {
                return output::json(
                    out,
                    &User {
                        user,
                        role: role_name(access),
                        display_name: None,
                    },
                );
            }
            writeln!(
                out,
                "{user} is now a{} {} of {place}",
                if access == roles::Access::Editor {
                    "n"
                } else {
                    ""
                },
                role_name(access)
            )?;
            Ok(())
        }
        DbCommand::Revoke(RevokeArgs { user }) => {
            schema::open(&mut server)?;
            roles::revoke(&mut server, &user)?;
            if json {
                return output::json(out, &serde_json::json!({ "user": user, "role": null }));
            }
            writeln!(out, "{user} no longer has a role on {place}")?;
            Ok(())
        }
        DbCommand::Users => {
            schema::open(&mut server)?;
            let members = roles::members(&mut server)?;
            let users: Vec<User> = members
                .into_iter()
                .map(|m| User {
                    user: m.user,
                    role: role_name(m.access),
                    display_name: m.display_name,
                })
                .collect();
            if json {
                return output::json(out, &users);
            }
            if users.is_empty() {
                writeln!(out, "nobody has been granted a role on {place} yet (tend db grant USER reader|editor)")?;
                return Ok(());
            }
            let mut table = output::table(["user", "role", "recorded as"]);
            for u in &users {
                table.add_row([
                    u.user.clone(),
                    u.role.to_string(),
                    u.display_name.clone().unwrap_or_else(|| u.user.clone()),
                ]);
            }
            output::write_table(out, &table)?;
            Ok(())
        }
        DbCommand::Name(NameArgs { user, name }) => {
            schema::open(&mut server)?;
            roles::set_display_name(&mut server, &user, name.as_deref())?;
            let name = name.map(|n| n.trim().to_string());
            if json {
                return output::json(
                    out,
                    &serde_json::json!({ "user": user, "display_name": name }),
                );
            }
            match name {
                Some(name) => writeln!(
                    out,
                    "{user}'s changes to {place} are recorded as \"{name}\""
                )?,
                None => writeln!(out, "{user}'s changes to {place} are recorded as {user}")?,
            }
            Ok(())
        }
        DbCommand::Check => {
            let version = schema::open(&mut server)?;
            // What the register keeps derived (counts, the due list); the
            // server itself enforces keys and keeps its indexes.
            let problems = Register::open_server(address)?.check()?;
            let report = ServerCheck {
                register: place.clone(),
                ok: problems.is_empty(),
                schema_version: version,
                encrypted: server.encrypted,
                problems,
            };
            if json {
                output::json(out, &report)?;
            } else if report.ok {
                writeln!(out, "ok: {place} is a Tend register (schema v{version})")?;
                warn_plain(&server, json, out)?;
            } else {
                for problem in &report.problems {
                    writeln!(out, "{problem}")?;
                }
            }
            match report.problems.len() {
                0 => Ok(()),
                count => Err(Failure::CheckFailed { count }),
            }
        }
        other => Err(backups_are_the_servers(address, &other).into()),
    }
}

fn db_name(c: &DbCommand) -> &'static str {
    match c {
        DbCommand::Check => "check",
        DbCommand::Backup(_) => "backup",
        DbCommand::Backups => "backups",
        DbCommand::Restore(_) => "restore",
        DbCommand::Init => "init",
        DbCommand::Grant(_) => "grant",
        DbCommand::Revoke(_) => "revoke",
        DbCommand::Users => "users",
        DbCommand::Name(_) => "name",
        DbCommand::Copy(_) => "copy",
    }
}

/// Says plainly when the link to the server is not encrypted.
fn warn_plain(server: &pg::Server, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    if !server.encrypted && !json {
        writeln!(
            out,
            "note: the link to the server is not encrypted; use sslmode=verify-full with \
             sslrootcert=CA to protect it"
        )?;
    }
    Ok(())
}

/// The refusal of `tend db backup|backups|restore` on a team register.
pub fn backups_are_the_servers(address: &ServerAddress, command: &DbCommand) -> Error {
    Error::Incompatible {
        path: address.to_string().into(),
        message: format!(
            "`tend db {}` is for a register file; a team register is backed up and restored \
             by its server (pg_dump, or the server's own backups). To keep a copy as a \
             register file: `tend db copy URL FILE`",
            db_name(command)
        ),
    }
}
