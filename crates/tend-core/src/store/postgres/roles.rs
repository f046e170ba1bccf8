//! Who may do what on a team register, enforced by PostgreSQL itself: the
//! group roles `tend_reader` (browse, search, export, print reports) and
//! `tend_editor` (everything else), and the people granted one of them.
//! The history is append-only for editors: they may add entries, never
//! change or remove one.

use super::connect::{server_error, Server};
use crate::{Error, Result};

/// The role of managers: read everything, change nothing.
pub const READER: &str = "tend_reader";
/// The role of engineers: change the register.
pub const EDITOR: &str = "tend_editor";

/// The tables an editor may add to, change and delete from.
const EDITABLE: &str = "categories, vendors, people, locations, assets, coverage, \
                        plan_templates, maintenance_plans, work_log, plan_events, settings, \
                        asset_counts, due_entries, due_dirty, due_log, lookup_version, \
                        attachment_contents, attachment_chunks, attachments, model_heights";

/// Creates the two roles if the server has none yet and (re)grants their
/// privileges on this database's register. Runs inside `tend db init`'s
/// transaction, after the migrations.
pub(crate) fn set_up(
    tx: &mut postgres::Transaction<'_>,
    database: &str,
) -> Result<(), postgres::Error> {
    for role in [READER, EDITOR] {
        // Roles belong to the whole server: another database's register
        // may have made them already, perhaps at this very moment.
        tx.batch_execute(&format!(
            "DO $$ BEGIN
                 CREATE ROLE {role} NOLOGIN;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;"
        ))?;
    }
    tx.batch_execute(&format!(
        "GRANT CONNECT ON DATABASE {db} TO {READER}, {EDITOR};
         GRANT USAGE ON SCHEMA tend TO {READER}, {EDITOR};
         GRANT SELECT ON ALL TABLES IN SCHEMA tend TO {READER}, {EDITOR};
         GRANT INSERT, UPDATE, DELETE ON {EDITABLE} TO {EDITOR};
         GRANT INSERT ON history TO {EDITOR};
         GRANT SELECT ON ALL SEQUENCES IN SCHEMA tend TO {READER}, {EDITOR};
         GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA tend TO {EDITOR};
         GRANT EXECUTE ON FUNCTION tend.renew_statistics() TO {EDITOR};",
        db = quote_ident(database)
    ))
}

/// What a person may do on the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Reader,
    Editor,
}

impl Access {
    /// `reader` or `editor`.
    pub fn parse(text: &str) -> Result<Access> {
        match text {
            "reader" => Ok(Access::Reader),
            "editor" => Ok(Access::Editor),
            other => Err(Error::validation(
                "role",
                format!("\"{other}\" is not a role; use reader or editor"),
            )),
        }
    }

    fn role(self) -> &'static str {
        match self {
            Access::Reader => READER,
            Access::Editor => EDITOR,
        }
    }
}

/// Makes `user` (an existing login role) a reader or an editor of the
/// register, and nothing else.
pub fn grant(server: &mut Server, user: &str, access: Access) -> Result<()> {
    let address = server.address.clone();
    let err = |e: postgres::Error| server_error(&address, &e);
    let mut tx = server.client.transaction().map_err(err)?;
    require_user(&mut tx, &address, user)?;
    let other = match access {
        Access::Reader => EDITOR,
        Access::Editor => READER,
    };
    let who = quote_ident(user);
    tx.batch_execute(&format!(
        "REVOKE {other} FROM {who}; GRANT {} TO {who};",
        access.role()
    ))
    .map_err(err)?;
    tx.commit().map_err(err)
}

/// Takes both roles from `user`: they can no longer open the register.
pub fn revoke(server: &mut Server, user: &str) -> Result<()> {
    let address = server.address.clone();
    let err = |e: postgres::Error| server_error(&address, &e);
    let mut tx = server.client.transaction().map_err(err)?;
    require_user(&mut tx, &address, user)?;
    tx.batch_execute(&format!(
        "REVOKE {READER}, {EDITOR} FROM {};",
        quote_ident(user)
    ))
    .map_err(err)?;
    tx.commit().map_err(err)
}

/// Someone granted a role on the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user: String,
    pub access: Access,
    /// The name their changes are recorded under, when one is set.
    pub display_name: Option<String>,
}

/// The role each user holds on the register, by name.
pub fn members(server: &mut Server) -> Result<Vec<Member>> {
    let address = server.address.clone();
    let rows = server
        .client
        .query(
            "SELECT m.rolname::text, g.rolname::text, d.name FROM pg_auth_members a
             JOIN pg_roles g ON g.oid = a.roleid
             JOIN pg_roles m ON m.oid = a.member
             LEFT JOIN tend.display_names d ON d.db_user = m.rolname
             WHERE g.rolname IN ('tend_reader', 'tend_editor')
             ORDER BY m.rolname, g.rolname",
            &[],
        )
        .map_err(|e| server_error(&address, &e))?;
    Ok(rows
        .iter()
        .map(|r| {
            let group: String = r.get(1);
            let access = if group == EDITOR {
                Access::Editor
            } else {
                Access::Reader
            };
            Member {
                user: r.get(0),
                access,
                display_name: r.get(2),
            }
        })
        .collect())
}

/// The longest display name.
pub const DISPLAY_NAME_MAX: usize = 100;

/// Sets the name `user`'s changes are recorded under (shown in history,
/// the work log, conflicts and the dossier), or with None records them
/// under the database user again. Only the register's owner may: the
/// table is read-only to editors and readers.
pub fn set_display_name(server: &mut Server, user: &str, name: Option<&str>) -> Result<()> {
    let address = server.address.clone();
    let err = |e: postgres::Error| server_error(&address, &e);
    let name = name.map(str::trim);
    if let Some(name) = name {
        if name.is_empty() || name.chars().count() > DISPLAY_NAME_MAX {
            return Err(Error::validation(
                "name",
                format!("a display name has 1 to {DISPLAY_NAME_MAX} characters"),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(Error::validation(
                "name",
                "a display name may not hold line breaks, tabs or other control characters",
            ));
        }
    }
    let mut tx = server.client.transaction().map_err(err)?;
    require_user(&mut tx, &address, user)?;
    match name {
        Some(name) => tx.execute(
            "INSERT INTO tend.display_names (db_user, name) VALUES ($1, $2)
             ON CONFLICT (db_user) DO UPDATE SET name = excluded.name",
            &[&user, &name],
        ),
        None => tx.execute(
            "DELETE FROM tend.display_names WHERE db_user = $1",
            &[&user],
        ),
    }
    .map_err(err)?;
    tx.commit().map_err(err)
}

/// The name the connected user's changes are recorded under: their display
/// name, or the database user.
pub fn author(server: &mut Server) -> Result<String> {
    let address = server.address.clone();
    server
        .client
        .query_one(
            "SELECT coalesce((SELECT name FROM tend.display_names WHERE db_user = current_user),
                             current_user::text)",
            &[],
        )
        .map(|r| r.get(0))
        .map_err(|e| server_error(&address, &e))
}

/// Refuses a user the server does not know (Tend does not create logins:
/// the server's administrator does, with the password policy they keep).
fn require_user(
    tx: &mut postgres::Transaction<'_>,
    address: &super::ServerAddress,
    user: &str,
) -> Result<()> {
    let exists = tx
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&user])
        .map_err(|e| server_error(address, &e))?
        .is_some();
    if exists {
        Ok(())
    } else {
        Err(Error::NotFound {
            what: "user on the server (create it first: CREATE ROLE name LOGIN PASSWORD '…')",
            key: user.to_string(),
        })
    }
}

/// `name` as a PostgreSQL identifier, quoted.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
