//! Where a team register lives: a `postgres://` URL completed the way libpq
//! completes it (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGSSLMODE,
//! PGSSLROOTCERT, then the password file PGPASSFILE or ~/.pgpass), so that a
//! URL that works with `psql` works with `tend`.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;
use ts_rs::TS;

/// How the link to the server is protected, as libpq's `sslmode` says (and
/// spelt as it spells it: `verify-full`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum TlsMode {
    /// Never encrypt.
    Disable,
    /// Encrypt when the server offers it; the certificate is not checked.
    Prefer,
    /// Always encrypt; the certificate is checked only when a CA file is given.
    Require,
    /// Always encrypt and check the certificate against the CA file.
    VerifyCa,
    /// As VerifyCa, and the certificate must name the host connected to.
    VerifyFull,
}

impl TlsMode {
    fn parse(text: &str) -> Result<TlsMode> {
        Ok(match text {
            "disable" => TlsMode::Disable,
            "allow" | "prefer" => TlsMode::Prefer,
            "require" => TlsMode::Require,
            "verify-ca" => TlsMode::VerifyCa,
            "verify-full" => TlsMode::VerifyFull,
            other => {
                return Err(Error::validation(
                    "sslmode",
                    format!(
                        "\"{other}\" is not a TLS mode; use disable, prefer, require, \
                         verify-ca or verify-full"
                    ),
                ))
            }
        })
    }

    /// The libpq name of the mode.
    pub fn name(self) -> &'static str {
        match self {
            TlsMode::Disable => "disable",
            TlsMode::Prefer => "prefer",
            TlsMode::Require => "require",
            TlsMode::VerifyCa => "verify-ca",
            TlsMode::VerifyFull => "verify-full",
        }
    }
}

/// A team register's address as a form gives it (the desktop's Settings →
/// Register), field by field; the password and the CA certificate file are
/// kept apart, since neither is shown nor written where this is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct ServerFields {
    /// A host name or address, or a socket folder (starting with `/`).
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub tls: TlsMode,
}

impl Default for ServerFields {
    /// PostgreSQL's port, and an encrypted link.
    fn default() -> Self {
        ServerFields {
            host: String::new(),
            port: 5432,
            database: String::new(),
            user: String::new(),
            tls: TlsMode::Require,
        }
    }
}

/// A team register's server and database, with everything needed to connect.
#[derive(Clone)]
pub struct ServerAddress {
    pub(crate) config: postgres::Config,
    pub tls: TlsMode,
    /// The CA certificate(s) the server's certificate must chain to.
    pub root_cert: Option<PathBuf>,
    host: String,
    port: u16,
    user: String,
    database: String,
}

impl std::fmt::Debug for ServerAddress {
    // Never prints the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string())
    }
}

impl std::fmt::Display for ServerAddress {
    /// `postgres://user@host:port/database`, never with the password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "postgres://{}@{}:{}/{}",
            self.user, self.host, self.port, self.database
        )
    }
}

/// True when `text` names a PostgreSQL server rather than a file.
pub fn is_server_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// What the environment says, so that tests can give their own.
pub trait Environment {
    fn var(&self, name: &str) -> Option<String>;
    fn home(&self) -> Option<PathBuf>;
}

/// The process environment.
pub struct ProcessEnvironment;

impl Environment for ProcessEnvironment {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
    fn home(&self) -> Option<PathBuf> {
        dirs::home_dir()
    }
}

impl ServerAddress {
    /// Parses `url` and completes it from the process environment.
    pub fn parse(url: &str) -> Result<ServerAddress> {
        ServerAddress::parse_in(url, &ProcessEnvironment)
    }

    /// Parses `url` and completes it from `env`.
    pub fn parse_in(url: &str, env: &dyn Environment) -> Result<ServerAddress> {
        if !is_server_url(url) {
            return Err(Error::validation(
                "db",
                "a team register is named by a URL starting with postgres://",
            ));
        }
        // tokio-postgres knows only disable/prefer/require and no CA file:
        // Tend reads those two parameters itself and passes the rest on.
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut passed = Vec::new();
        let mut sslmode = None;
        let mut root_cert = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("sslmode", v)) => sslmode = Some(percent_decode(v)),
                Some(("sslrootcert", v)) => root_cert = Some(PathBuf::from(percent_decode(v))),
                _ => passed.push(pair),
            }
        }
        let rest = if passed.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", passed.join("&"))
        };
        let mut config = postgres::Config::from_str(&rest)
            .map_err(|e| Error::validation("db", format!("not a valid PostgreSQL URL: {e}")))?;

        let host = match config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(h)) => h.clone(),
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
            None => {
                let h = env.var("PGHOST").unwrap_or_else(|| "localhost".into());
                if h.starts_with('/') {
                    #[cfg(unix)]
                    config.host_path(&h);
                    #[cfg(not(unix))]
                    config.host(&h);
                } else {
                    config.host(&h);
                }
                h
            }
        };
        let port = match config.get_ports().first() {
            Some(p) => *p,
            None => {
                let p = match env.var("PGPORT") {
                    Some(p) => p.parse::<u16>().map_err(|_| {
                        Error::validation("PGPORT", format!("\"{p}\" is not a port number"))
                    })?,
                    None => 5432,
                };
                config.port(p);
                p
            }
        };
        let user = match config.get_user() {
            Some(u) => u.to_string(),
            None => {
                let u = env
                    .var("PGUSER")
                    .or_else(|| env.var("USER"))
                    .or_else(|| env.var("USERNAME"))
                    .ok_or_else(|| {
                        Error::validation(
                            "db",
                            "no user name: give one in the URL (postgres://USER@host/db) or in PGUSER",
                        )
                    })?;
                config.user(&u);
                u
            }
        };
        let database = match config.get_dbname() {
            Some(d) => d.to_string(),
            None => {
                let d = env.var("PGDATABASE").unwrap_or_else(|| user.clone());
                config.dbname(&d);
                d
            }
        };
        if config.get_password().is_none() {
            let password = env.var("PGPASSWORD").or_else(|| {
                let file = env
                    .var("PGPASSFILE")
                    .map(PathBuf::from)
                    .or_else(|| env.home().map(|h| h.join(".pgpass")))?;
                password_from_file(&file, &host, port, &database, &user)
            });
            if let Some(p) = password {
                config.password(p);
            }
        }
        let tls = match sslmode.or_else(|| env.var("PGSSLMODE")) {
            Some(m) => TlsMode::parse(&m)?,
            None => TlsMode::Prefer,
        };
        let root_cert = root_cert
            .or_else(|| env.var("PGSSLROOTCERT").map(PathBuf::from))
            .or_else(|| {
                // libpq's default CA file, used only when it exists.
                let default = env.home()?.join(".postgresql/root.crt");
                default.is_file().then_some(default)
            });
        if matches!(tls, TlsMode::VerifyCa | TlsMode::VerifyFull) && root_cert.is_none() {
            return Err(Error::validation(
                "sslrootcert",
                format!(
                    "sslmode={} checks the server's certificate, so it needs the CA \
                     certificate: give sslrootcert=FILE in the URL or PGSSLROOTCERT",
                    tls.name()
                ),
            ));
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("tend");
        }
        Ok(ServerAddress {
            config,
            tls,
            root_cert,
            host,
            port,
            user,
            database,
        })
    }

    /// The address in `fields`, logging in with `password` (none when
    /// empty: the server must then need none) and checking the server's
    /// certificate against `root_cert` when given. Nothing comes from the
    /// environment: what the form says is what is used. The error names the
    /// field that is wrong.
    pub fn from_fields(
        fields: &ServerFields,
        password: &str,
        root_cert: Option<&Path>,
    ) -> Result<ServerAddress> {
        let host = fields.host.trim();
        if host.is_empty() {
            return Err(Error::validation(
                "host",
                "give the server's name or address (e.g. db.example.org)",
            ));
        }
        if host.chars().any(|c| c.is_whitespace() || c == '/') && !host.starts_with('/') {
            return Err(Error::validation(
                "host",
                format!("\"{host}\" is not a host name or address"),
            ));
        }
        if fields.port == 0 {
            return Err(Error::validation(
                "port",
                "give a port from 1 to 65535 (PostgreSQL's is 5432)",
            ));
        }
        let database = fields.database.trim();
        if database.is_empty() {
            return Err(Error::validation(
                "database",
                "give the name of the register's database",
            ));
        }
        let user = fields.user.trim();
        if user.is_empty() {
            return Err(Error::validation("user", "give the user name to log in as"));
        }
        if matches!(fields.tls, TlsMode::VerifyCa | TlsMode::VerifyFull) && root_cert.is_none() {
            return Err(Error::validation(
                "ca_file",
                format!(
                    "TLS mode {} checks the server's certificate, so it needs the CA \
                     certificate: choose its file",
                    fields.tls.name()
                ),
            ));
        }
        let mut config = postgres::Config::new();
        if host.starts_with('/') {
            #[cfg(unix)]
            config.host_path(host);
            #[cfg(not(unix))]
            config.host(host);
        } else {
            config.host(host);
        }
        config
            .port(fields.port)
            .user(user)
            .dbname(database)
            .connect_timeout(Duration::from_secs(10))
            .application_name("tend");
        if !password.is_empty() {
            config.password(password);
        }
        Ok(ServerAddress {
            config,
            tls: fields.tls,
            root_cert: root_cert.map(Path::to_path_buf),
            host: host.to_string(),
            port: fields.port,
            user: user.to_string(),
            database: database.to_string(),
        })
    }

    /// The address field by field, without password or CA file.
    pub fn fields(&self) -> ServerFields {
        ServerFields {
            host: self.host.clone(),
            port: self.port,
            database: self.database.clone(),
            user: self.user.clone(),
            tls: self.tls,
        }
    }

    /// Whether a password is set (from the URL, the environment, the
    /// password file or the form).
    pub fn has_password(&self) -> bool {
        self.config.get_password().is_some()
    }

    /// The user name the connection logs in as.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The database name.
    pub fn database(&self) -> &str {
        &self.database
    }

    /// The host (or socket folder) and port.
    pub fn host(&self) -> (&str, u16) {
        (&self.host, self.port)
    }

    /// The same server and credentials, another database.
    pub fn with_database(&self, database: &str) -> ServerAddress {
        let mut other = self.clone();
        other.config.dbname(database);
        other.database = database.to_string();
        other
    }
}

/// `%XX` escapes in a URL parameter value.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The password for (host, port, database, user) from a libpq password file:
/// lines `host:port:database:user:password`, `*` matching anything, `\:` and
/// `\\` escaped. Like libpq, a file that others may read is ignored.
fn password_from_file(
    file: &Path,
    host: &str,
    port: u16,
    database: &str,
    user: &str,
) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    let text = std::fs::read_to_string(file).ok()?;
    let port = port.to_string();
    let wanted = [host, port.as_str(), database, user];
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_pgpass_line(line);
            if fields.len() != 5 {
                return None;
            }
            let matches = fields[..4]
                .iter()
                .zip(wanted)
                .all(|(f, w)| f == "*" || f == w || (w.starts_with('/') && f == "localhost"));
            matches.then(|| fields[4].clone())
        })
}

fn split_pgpass_line(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    fields.last_mut().expect("one field").push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut().expect("one field").push(c),
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Env(HashMap<&'static str, String>, Option<PathBuf>);

    impl Environment for Env {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).cloned()
        }
        fn home(&self) -> Option<PathBuf> {
            self.1.clone()
        }
    }

    fn env(vars: &[(&'static str, &str)]) -> Env {
        Env(
            vars.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            None,
        )
    }

    #[test]
    fn a_full_url_is_taken_as_given_and_shown_without_its_password() {
        let a = ServerAddress::parse_in(
            "postgres://anna:s3cret@db.example.org:6543/assets?sslmode=require",
            &env(&[("PGPASSWORD", "other"), ("PGHOST", "elsewhere")]),
        )
        .unwrap();
        assert_eq!(a.to_string(), "postgres://anna@db.example.org:6543/assets");
        assert_eq!(a.config.get_password(), Some(&b"s3cret"[..]));
        assert_eq!(a.tls, TlsMode::Require);
        assert!(!format!("{a:?}").contains("s3cret"));
    }

    #[test]
    fn what_the_url_leaves_out_comes_from_the_environment_as_libpq_does() {
        let a = ServerAddress::parse_in(
            "postgres://",
            &env(&[
                ("PGHOST", "pg.lan"),
                ("PGPORT", "5433"),
                ("PGUSER", "ben"),
                ("PGPASSWORD", "pw"),
                ("PGSSLMODE", "disable"),
            ]),
        )
        .unwrap();
        assert_eq!(a.to_string(), "postgres://ben@pg.lan:5433/ben");
        assert_eq!(a.config.get_password(), Some(&b"pw"[..]));
        assert_eq!(a.tls, TlsMode::Disable);
    }

    #[test]
    fn the_password_file_is_read_with_wildcards_and_escapes_unless_others_may_read_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(
            &file,
            "# comment\nother:5432:*:anna:wrong\ndb.lan:*:tend:anna:a\\:b\\\\c\n",
        )
        .unwrap();
        let path = file.display().to_string();
        let vars = [("PGPASSFILE", path.as_str())];
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            let a = ServerAddress::parse_in("postgres://anna@db.lan/tend", &env(&vars)).unwrap();
            assert_eq!(
                a.config.get_password(),
                None,
                "a world-readable file is ignored"
            );
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let a = ServerAddress::parse_in("postgres://anna@db.lan/tend", &env(&vars)).unwrap();
        assert_eq!(a.config.get_password(), Some(&b"a:b\\c"[..]));
        let b = ServerAddress::parse_in("postgres://anna@db.lan/other", &env(&vars)).unwrap();
        assert_eq!(b.config.get_password(), None);
    }

    fn fields() -> ServerFields {
        ServerFields {
            host: " db.example.org ".into(),
            port: 6543,
            database: "assets".into(),
            user: "anna".into(),
            tls: TlsMode::Require,
        }
    }

    #[test]
    fn an_address_from_fields_is_what_the_form_says_and_nothing_from_the_environment() {
        let a = ServerAddress::from_fields(&fields(), "s3cret", None).unwrap();
        assert_eq!(a.to_string(), "postgres://anna@db.example.org:6543/assets");
        assert_eq!(a.config.get_password(), Some(&b"s3cret"[..]));
        assert_eq!(a.tls, TlsMode::Require);
        assert_eq!(a.root_cert, None);
        assert_eq!(
            a.config.get_connect_timeout(),
            Some(&Duration::from_secs(10))
        );
        assert!(!format!("{a:?}").contains("s3cret"));
        let mut back = fields();
        back.host = "db.example.org".into();
        assert_eq!(a.fields(), back, "trimmed, and the same fields back");

        let none = ServerAddress::from_fields(&fields(), "", None).unwrap();
        assert!(!none.has_password(), "an empty password is none, not \"\"");
    }

    #[test]
    fn each_wrong_field_is_named() {
        type Spoil = fn(&mut ServerFields);
        let cases: Vec<(Spoil, &str)> = vec![
            (|f| f.host = "  ".into(), "host"),
            (|f| f.host = "db example".into(), "host"),
            (|f| f.port = 0, "port"),
            (|f| f.database = String::new(), "database"),
            (|f| f.user = " ".into(), "user"),
            (|f| f.tls = TlsMode::VerifyFull, "ca_file"),
            (|f| f.tls = TlsMode::VerifyCa, "ca_file"),
        ];
        for (spoil, field) in cases {
            let mut f = fields();
            spoil(&mut f);
            let e = ServerAddress::from_fields(&f, "pw", None).unwrap_err();
            assert_eq!(e.field(), Some(field), "{f:?}: {e}");
        }
        let mut f = fields();
        f.tls = TlsMode::VerifyFull;
        let a = ServerAddress::from_fields(&f, "pw", Some(Path::new("/etc/ca.pem"))).unwrap();
        assert_eq!(a.root_cert.as_deref(), Some(Path::new("/etc/ca.pem")));
        let socket = ServerFields {
            host: "/run/postgresql".into(),
            ..fields()
        };
        assert_eq!(
            ServerAddress::from_fields(&socket, "", None)
                .unwrap()
                .host(),
            ("/run/postgresql", 6543)
        );
    }

    #[test]
    fn tls_modes_and_fields_cross_as_libpq_spells_them_and_unknown_ones_are_refused() {
        assert_eq!(
            serde_json::to_string(&TlsMode::VerifyFull).unwrap(),
            "\"verify-full\""
        );
        for mode in [
            TlsMode::Disable,
            TlsMode::Prefer,
            TlsMode::Require,
            TlsMode::VerifyCa,
            TlsMode::VerifyFull,
        ] {
            let text = serde_json::to_string(&mode).unwrap();
            assert_eq!(text, format!("\"{}\"", mode.name()));
            assert_eq!(serde_json::from_str::<TlsMode>(&text).unwrap(), mode);
        }
        assert!(serde_json::from_str::<TlsMode>("\"always\"").is_err());
        assert!(serde_json::from_str::<ServerFields>(r#"{"host":"h","password":"x"}"#).is_err());
        let defaults: ServerFields = serde_json::from_str("{}").unwrap();
        assert_eq!((defaults.port, defaults.tls), (5432, TlsMode::Require));
    }

    #[test]
    fn checking_the_certificate_needs_a_ca_file_and_bad_modes_are_named() {
        let e =
            ServerAddress::parse_in("postgres://a@h/d?sslmode=verify-full", &env(&[])).unwrap_err();
        assert_eq!(e.field(), Some("sslrootcert"));
        let a = ServerAddress::parse_in(
            "postgres://a@h/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem",
            &env(&[]),
        )
        .unwrap();
        assert_eq!(a.tls, TlsMode::VerifyFull);
        assert_eq!(a.root_cert.as_deref(), Some(Path::new("/etc/ca.pem")));
        let e = ServerAddress::parse_in("postgres://a@h/d?sslmode=always", &env(&[])).unwrap_err();
        assert!(
            e.to_string().contains("\"always\" is not a TLS mode"),
            "{e}"
        );
    }
}
