//! `tend` on a team register, as a process, against the throw-away
//! PostgreSQL of `cargo xtask test` / `cargo xtask pg`: init, copy both ways,
//! check, grant, users, and what it says when something is wrong.

use crate::support::{tend_in, user_error, Db};
use serde_json::Value;
use std::sync::atomic::{AtomicU32, Ordering};

/// The admin URL's `postgres://tend_admin:PW@HOST:PORT` part, when a test
/// server is there (always under `cargo xtask test`).
fn server() -> Option<String> {
    let Ok(url) = std::env::var("TEND_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("TEND_TEST_POSTGRES_REQUIRED").is_none(),
            "TEND_TEST_POSTGRES is not set"
        );
        eprintln!("skipped: no PostgreSQL test server (run through `cargo xtask pg`)");
        return None;
    };
    Some(url.split_once("/postgres").unwrap().0.to_string())
}

fn unique(prefix: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

fn admin(base: &str, sql: &str) {
    let mut c =
        postgres::Client::connect(&format!("{base}/postgres?sslmode=disable"), postgres::NoTls)
            .unwrap();
    c.batch_execute(sql).unwrap();
}

#[test]
fn a_register_goes_to_the_server_and_back_and_the_server_says_who_may_use_it() {
    let Some(base) = server() else { return };
    let name = unique("tend_cli");
    admin(&base, &format!("CREATE DATABASE {name}"));
    let url = format!("{base}/{name}?sslmode=disable");

    let db = Db::new();
    db.ok(&["demo", "--assets", "40"]);
    let file = db.path.to_str().unwrap().to_string();
    let copied = db.json(&["db", "copy", &file, &url]);
    assert_eq!(
        copied["to"].as_str().unwrap(),
        url.replace(&base, &base_without_password(&base))
            .split('?')
            .next()
            .unwrap()
    );
    let assets = copied["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "assets")
        .unwrap();
    assert_eq!(assets["rows"], 40);

    let check = on(&db, &url, &["db", "check"]);
    assert!(check.starts_with("ok: "), "{check}");
    assert!(
        check.contains("not encrypted"),
        "a plain link is said plainly: {check}"
    );

    let person = unique("person");
    admin(&base, &format!("CREATE ROLE {person} LOGIN PASSWORD 'pw'"));
    let granted = on(&db, &url, &["db", "grant", &person, "reader"]);
    assert!(granted.contains("is now a reader"), "{granted}");
    let users: Value = serde_json::from_str(&on(&db, &url, &["db", "users", "--json"])).unwrap();
    assert!(users
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["user"] == person.as_str() && u["role"] == "reader"));

    // Back to a new file: the same exports, byte for byte.
    let back = db.dir.path().join("back.sqlite");
    let back = back.to_str().unwrap();
    db.ok(&["db", "copy", &url, back]);
    for kind in ["assets", "log", "plans", "coverage"] {
        let a = db.tend(&["export", kind]).output().unwrap();
        let b = tend_in(db.dir.path())
            .args(["--db", back, "export", kind])
            .output()
            .unwrap();
        assert!(a.status.success() && b.status.success(), "export {kind}");
        assert_eq!(
            a.stdout, b.stdout,
            "export {kind} differs after file → server → file"
        );
    }

    // Every register command works on the server: the list is the file's.
    let listed: Value = serde_json::from_str(&on(
        &db,
        &url,
        &["assets", "list", "--limit", "100", "--json"],
    ))
    .unwrap();
    let from_file = db.json(&["assets", "list", "--limit", "100"]);
    assert_eq!(
        listed, from_file,
        "the same page from the server and the file"
    );

    // Backups are the server's: said so, nothing changed.
    let args = ["--db", url.as_str(), "db", "backup"];
    let stderr = user_error(&args, tend_in(db.dir.path()).args(args).output().unwrap());
    assert!(
        stderr.contains("backed up and restored by its server"),
        "{stderr}"
    );
    assert!(!stderr.contains("pw"), "{stderr}");
}

/// `tend --db URL ARGS`, expecting success; stdout.
fn on(db: &Db, url: &str, args: &[&str]) -> String {
    let out = tend_in(db.dir.path())
        .arg("--db")
        .arg(url)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tend {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn base_without_password(base: &str) -> String {
    // postgres://tend_admin:PW@host:port → postgres://tend_admin@host:port
    let (head, host) = base.rsplit_once('@').unwrap();
    let user = head
        .trim_start_matches("postgres://")
        .split(':')
        .next()
        .unwrap();
    format!("postgres://{user}@{host}")
}

#[test]
fn the_url_is_completed_from_libpq_variables_and_a_wrong_password_is_named() {
    let Some(base) = server() else { return };
    let name = unique("tend_cli");
    admin(&base, &format!("CREATE DATABASE {name}"));
    let (head, host) = base.rsplit_once('@').unwrap();
    let password = head.rsplit_once(':').unwrap().1;
    let db = Db::new();

    // The password from PGPASSWORD, the database from PGDATABASE.
    let out = tend_in(db.dir.path())
        .args([
            "--db",
            &format!("postgres://tend_admin@{host}/?sslmode=disable"),
            "db",
            "init",
        ])
        .env("PGPASSWORD", password)
        .env("PGDATABASE", &name)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("is now a Tend register"));

    let wrong = format!("postgres://tend_admin:nope@{host}/{name}?sslmode=disable");
    let args = ["--db", wrong.as_str(), "db", "check", "--json"];
    let out = tend_in(db.dir.path()).args(args).output().unwrap();
    let stderr = user_error(&args, out);
    assert!(
        stderr.contains("wrong password for user \"tend_admin\""),
        "{stderr}"
    );
    assert!(stderr.contains("\"code\":\"unavailable\""), "{stderr}");
    assert!(
        !stderr.contains("nope"),
        "the password is never printed: {stderr}"
    );

    // Initialised but empty, it takes a copy; then it refuses a second one.
    db.ok(&["demo", "--assets", "5"]);
    let file = db.path.to_str().unwrap().to_string();
    let url = format!("{base}/{name}?sslmode=disable");
    db.ok(&["db", "copy", &file, &url]);
    let stderr = db.fails(&["db", "copy", &file, &url]);
    assert!(stderr.contains("is not empty"), "{stderr}");
}

/// Who changed something on a team register is the login, or the display
/// name the register's owner set for it; only the owner may set one.
#[test]
fn changes_are_recorded_under_the_display_name_the_owner_set() {
    let Some(base) = server() else { return };
    let name = unique("tend_cli");
    admin(&base, &format!("CREATE DATABASE {name}"));
    let url = format!("{base}/{name}?sslmode=disable");
    let db = Db::new();
    on(&db, &url, &["db", "init"]);
    let person = unique("person");
    admin(&base, &format!("CREATE ROLE {person} LOGIN PASSWORD 'pw'"));
    on(&db, &url, &["db", "grant", &person, "editor"]);
    let host = base.rsplit_once('@').unwrap().1;
    let as_person = format!("postgres://{person}:pw@{host}/{name}?sslmode=disable");
    let author_of = |tag: &str| -> String {
        let shown: Value =
            serde_json::from_str(&on(&db, &as_person, &["assets", "show", tag, "--json"])).unwrap();
        shown["recent_history"][0]["author"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let named = on(&db, &url, &["db", "name", &person, "  Anna Berg "]);
    assert!(named.contains("recorded as \"Anna Berg\""), "{named}");
    let users = on(&db, &url, &["db", "users"]);
    assert!(
        users
            .lines()
            .any(|l| l.contains(&person) && l.contains("Anna Berg")),
        "{users}"
    );
    on(
        &db,
        &as_person,
        &["assets", "add", "--tag", "SRV-1", "--name", "Mail server"],
    );
    assert_eq!(author_of("SRV-1"), "Anna Berg");

    // An editor may not name anyone, themselves included: PostgreSQL refuses.
    let args = [
        "--db",
        as_person.as_str(),
        "db",
        "name",
        &person,
        "Someone else",
    ];
    let stderr = user_error(&args, tend_in(db.dir.path()).args(args).output().unwrap());
    assert!(stderr.contains("may not do this"), "{stderr}");

    // A name with a line break is refused; without a name, the login again.
    let args = ["--db", url.as_str(), "db", "name", &person, "Anna\nBerg"];
    let stderr = user_error(&args, tend_in(db.dir.path()).args(args).output().unwrap());
    assert!(stderr.contains("line breaks"), "{stderr}");
    on(&db, &url, &["db", "name", &person]);
    on(
        &db,
        &as_person,
        &["assets", "add", "--tag", "SRV-2", "--name", "File server"],
    );
    assert_eq!(author_of("SRV-2"), person);
    assert_eq!(author_of("SRV-1"), "Anna Berg", "history keeps who it was");
}
