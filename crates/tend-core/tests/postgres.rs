//! The team register on a real PostgreSQL (the throw-away server that
//! `cargo xtask test` and `cargo xtask pg` start; see xtask/src/pg.rs):
//! creating the schema and roles, access enforced by the database itself,
//! connection problems in words, TLS, and `tend db copy` both ways.

use crate::common::temp_register;
use crate::test_server::{server, TestServer};
use std::path::Path;
use tend_core::copy::copy;
use tend_core::csv::{ExportKind, ExportOptions};
use tend_core::location::Location;
use tend_core::store::postgres::{self as pg, roles, schema, ServerAddress};
use tend_core::{demo, AttachedTo, Error, ErrorCode, Register};

fn address(url: &str) -> ServerAddress {
    ServerAddress::parse(url).unwrap()
}

#[test]
fn init_makes_an_empty_database_a_register_and_refuses_foreign_or_newer_ones() {
    let Some(s) = server() else { return };
    let (db, url) = s.database();
    let mut conn = pg::connect(&address(&url)).unwrap();
    assert_eq!(
        schema::state(&mut conn).unwrap(),
        schema::SchemaState::Empty
    );
    let e = schema::open(&mut conn).unwrap_err();
    assert!(e.to_string().contains("not a Tend register yet"), "{e}");

    let done = schema::init(&mut conn).unwrap();
    assert_eq!(
        (done.from_version, done.to_version),
        (0, schema::latest_version())
    );
    // Again: nothing to do, and no error.
    let again = schema::init(&mut conn).unwrap();
    assert_eq!(again.from_version, schema::latest_version());
    let mut admin = s.client(&db);
    let categories: i64 = admin
        .query_one("SELECT count(*) FROM tend.categories", &[])
        .unwrap()
        .get(0);
    assert_eq!(categories, 12, "the default categories, as on SQLite");

    // A register from a newer Tend is refused and left as it is.
    admin
        .batch_execute("INSERT INTO tend.tend_schema VALUES (99, '0099_future', 'x')")
        .unwrap();
    let mut conn = pg::connect(&address(&url)).unwrap();
    let e = schema::open(&mut conn).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Incompatible);
    assert!(
        e.to_string().contains("newer Tend (schema version 99"),
        "{e}"
    );
    let e = schema::init(&mut conn).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Incompatible);
    let versions: i64 = admin
        .query_one("SELECT count(*) FROM tend.tend_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(versions, schema::latest_version() + 1);

    // Someone else's database is never touched.
    let (other, other_url) = s.database();
    s.client(&other)
        .batch_execute("CREATE TABLE invoices (id int)")
        .unwrap();
    let mut conn = pg::connect(&address(&other_url)).unwrap();
    let e = schema::init(&mut conn).unwrap_err();
    assert!(e.to_string().contains("not a Tend database"), "{e}");
    assert!(e.to_string().contains("public.invoices"), "{e}");
    let schemas: i64 = s
        .client(&other)
        .query_one(
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'tend'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(schemas, 0);
}

/// Runs `sql` as the given user: None when PostgreSQL takes it, else the
/// SQLSTATE it refused it with (or the connection's failure).
fn refusal(url: &str, sql: &str) -> Option<String> {
    let mut c = match postgres::Client::connect(url, postgres::NoTls) {
        Ok(c) => c,
        Err(e) => return Some(e.to_string()),
    };
    c.batch_execute(sql).err().map(|e| {
        e.as_db_error()
            .map(|d| d.code().code().to_string())
            .unwrap_or_else(|| e.to_string())
    })
}

#[test]
fn the_database_itself_refuses_a_readers_writes_and_an_editors_rewrite_of_history() {
    let Some(s) = server() else { return };
    let (db, url) = s.database();
    schema::init(&mut pg::connect(&address(&url)).unwrap()).unwrap();
    let (reader, reader_pw) = s.login();
    let (editor, editor_pw) = s.login();
    let mut owner = pg::connect(&address(&url)).unwrap();
    roles::grant(&mut owner, &reader, roles::Access::Reader).unwrap();
    roles::grant(&mut owner, &editor, roles::Access::Editor).unwrap();
    let members = roles::members(&mut owner).unwrap();
    let member = |user: &str, access| roles::Member {
        user: user.to_string(),
        access,
        display_name: None,
    };
    assert!(members.contains(&member(&reader, roles::Access::Reader)));
    assert!(members.contains(&member(&editor, roles::Access::Editor)));

    let as_reader = s.url_as(&reader, &reader_pw, &db);
    let as_editor = s.url_as(&editor, &editor_pw, &db);
    let now = "2026-12-06T10:00:00.000Z";
    let insert_asset = format!(
        "INSERT INTO tend.assets (tag, name, category_id, created_at, updated_at)
         VALUES ('SRV-1', 'Database server', 1, '{now}', '{now}')"
    );
    // Raw SQL, not through Tend: the refusal is the database's own.
    assert_eq!(
        refusal(&as_reader, "SELECT count(*) FROM tend.assets"),
        None
    );
    assert_eq!(refusal(&as_reader, &insert_asset), Some("42501".into()));
    assert_eq!(
        refusal(&as_reader, "UPDATE tend.settings SET value = 'x'"),
        Some("42501".into())
    );
    assert_eq!(refusal(&as_editor, &insert_asset), None);
    assert_eq!(
        refusal(&as_reader, "DELETE FROM tend.assets"),
        Some("42501".into())
    );
    let insert_history = format!(
        "INSERT INTO tend.history (asset_id, entity, entity_id, action, at, summary, author)
         SELECT id, 'asset', id, 'created', '{now}', 'Created', '{editor}' FROM tend.assets"
    );
    assert_eq!(refusal(&as_editor, &insert_history), None);
    assert_eq!(
        refusal(&as_editor, "UPDATE tend.history SET summary = 'rewritten'"),
        Some("42501".into())
    );
    assert_eq!(
        refusal(&as_editor, "DELETE FROM tend.history"),
        Some("42501".into())
    );

    // Through the register: a reader reads, is told it may not change, and
    // a write is refused as forbidden, in words; an editor may change.
    let mut as_reader_register = Register::open_server(&address(&as_reader)).unwrap();
    assert!(!as_reader_register.may_change().unwrap());
    assert!(Register::open_server(&address(&as_editor))
        .unwrap()
        .may_change()
        .unwrap());
    assert!(as_reader_register.count_assets().unwrap() > 0);
    let e = as_reader_register
        .create_asset(&crate::common::asset("R-1", "Reader's try"))
        .expect_err("a reader may not add");
    assert_eq!(e.code(), ErrorCode::Forbidden, "{e}");
    assert!(e.to_string().contains("a reader can browse"), "{e}");
    drop(as_reader_register);

    // The reader promoted, the editor revoked.
    roles::grant(&mut owner, &reader, roles::Access::Editor).unwrap();
    roles::revoke(&mut owner, &editor).unwrap();
    assert_eq!(
        refusal(
            &as_reader,
            "UPDATE tend.settings SET value = 'x' WHERE key = 'currency'"
        ),
        None
    );
    assert_eq!(
        refusal(&as_editor, "SELECT count(*) FROM tend.assets"),
        Some("42501".into())
    );

    let e = roles::grant(&mut owner, "nobody_of_that_name", roles::Access::Reader).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert!(e.to_string().contains("nobody_of_that_name"), "{e}");
}

#[test]
fn connection_problems_are_said_in_words() {
    let Some(s) = server() else { return };
    let (db, url) = s.database();
    let (user, _) = s.login();
    let host = s.base.rsplit_once('@').unwrap().1.to_string();

    let wrong = format!("postgres://{user}:not-it@{host}/{db}?sslmode=disable");
    let e = pg::connect(&address(&wrong)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Unavailable);
    assert!(e.to_string().contains("wrong password"), "{e}");
    assert!(
        !e.to_string().contains("not-it"),
        "the password is never shown: {e}"
    );

    let missing = url.replace(&db, "no_such_database");
    let e = pg::connect(&address(&missing)).unwrap_err();
    assert!(
        e.to_string().contains("no database \"no_such_database\""),
        "{e}"
    );

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let e = pg::connect(&address(&format!(
        "postgres://a:b@127.0.0.1:{port}/x?sslmode=disable"
    )))
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Unavailable);
    assert!(
        e.to_string()
            .contains(&format!("cannot reach the server at 127.0.0.1:{port}")),
        "{e}"
    );

    let plain = pg::connect(&address(&url)).unwrap();
    assert!(!plain.encrypted);
}

#[test]
fn tls_checks_the_certificate_against_the_given_ca_and_the_host_name() {
    let Some(s) = server() else { return };
    let (db, _) = s.database();
    let (port, password) = {
        let host = s.base.rsplit_once('@').unwrap();
        let port = host.1.rsplit_once(':').unwrap().1.to_string();
        let password = host.0.rsplit_once(':').unwrap().1.to_string();
        (port, password)
    };
    let ca = s.ca.display().to_string();
    let at = |host: &str| {
        format!("postgres://tend_admin:{password}@{host}:{port}/{db}?sslmode=verify-full&sslrootcert={ca}")
    };
    let ok = pg::connect(&address(&at("localhost"))).unwrap();
    assert!(ok.encrypted, "verify-full gives an encrypted link");
    // The certificate names localhost, not 127.0.0.1.
    let e = pg::connect(&address(&at("127.0.0.1"))).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Unavailable);
    assert!(e.to_string().contains("certificate"), "{e}");
    // verify-ca checks the chain only.
    let ca_only = at("127.0.0.1").replace("verify-full", "verify-ca");
    assert!(pg::connect(&address(&ca_only)).unwrap().encrypted);
    // A CA that did not sign the server's certificate is refused.
    let dir = tempfile::tempdir().unwrap();
    let other_ca = dir.path().join("other.crt");
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=Other",
        ])
        .arg("-keyout")
        .arg(dir.path().join("other.key"))
        .arg("-out")
        .arg(&other_ca)
        .output()
        .unwrap();
    assert!(made.status.success());
    let e = pg::connect(&address(
        &at("localhost").replace(&ca, &other_ca.display().to_string()),
    ))
    .unwrap_err();
    assert!(
        e.to_string().contains("certificate was not accepted"),
        "{e}"
    );
}

fn exports(reg: &Register) -> Vec<(ExportKind, Vec<u8>)> {
    [
        ExportKind::Assets,
        ExportKind::WorkLog,
        ExportKind::Plans,
        ExportKind::Coverage,
    ]
    .into_iter()
    .map(|kind| {
        let mut out = Vec::new();
        reg.export_csv(kind, &ExportOptions::default(), &mut out)
            .unwrap();
        (kind, out)
    })
    .collect()
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

#[test]
fn a_register_copied_file_to_server_to_file_exports_byte_identical_with_its_history() {
    let Some(s) = server() else { return };
    let (dir, mut original) = temp_register();
    demo::generate(&mut original, 80, 5, today()).unwrap();
    // Files too: a content of three chunks on two assets, and a small one.
    let manual: Vec<u8> = (0..2_500_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(dir.path().join("manual.pdf"), &manual).unwrap();
    std::fs::write(dir.path().join("photo.png"), b"\x89PNG not really").unwrap();
    original
        .attach_files(
            &[dir.path().join("manual.pdf"), dir.path().join("photo.png")],
            &[1, 2],
            AttachedTo::Asset,
            Some("copied"),
        )
        .unwrap();
    let files_before = original.list_attachments(1).unwrap();
    let first = dir.path().join("tend.sqlite");
    let before = exports(&original);
    let history_before = serde_json::to_string(&original.asset_history(1, 100).unwrap()).unwrap();
    let due = tend_core::DueQuery {
        horizon_days: 60,
        ..Default::default()
    };
    let due_before = original.due_list(&due, today()).unwrap();
    drop(original);

    let (db, url) = s.database();
    let server = Location::Server(Box::new(address(&url)));
    let up = copy(&Location::File(first.clone()), &server).unwrap();
    assert!(up
        .tables
        .iter()
        .any(|t| t.table == "assets" && t.rows == 80));
    assert!(up
        .tables
        .iter()
        .any(|t| t.table == "history" && t.rows > 80));
    // The register on the server answers as the file did: exports, the
    // kept due list and counts it built after the copy.
    let on_server = Register::open_server(&address(&url)).unwrap();
    assert_eq!(exports(&on_server), before);
    assert_eq!(on_server.due_list(&due, today()).unwrap(), due_before);
    assert_eq!(on_server.check().unwrap(), Vec::<String>::new());
    assert_eq!(on_server.list_attachments(1).unwrap(), files_before);
    assert_eq!(
        on_server.attachment_totals().unwrap(),
        (4, 2, manual.len() as u64 + 15)
    );
    let manual_id = files_before
        .iter()
        .find(|f| f.name == "manual.pdf")
        .unwrap()
        .id;
    let mut bytes = Vec::new();
    on_server
        .copy_attachment(manual_id, &mut bytes, Path::new("manual.pdf"))
        .unwrap();
    assert!(
        bytes == manual,
        "the file's bytes came through the server whole"
    );
    drop(on_server);

    let back_path = dir.path().join("back.sqlite");
    let down = copy(&server, &Location::File(back_path.clone())).unwrap();
    assert_eq!(
        up.sha256, down.sha256,
        "every row of every table came back unchanged"
    );

    let back = Register::open(&back_path).unwrap();
    assert_eq!(exports(&back), before);
    assert_eq!(back.list_attachments(1).unwrap(), files_before);
    let mut bytes = Vec::new();
    back.copy_attachment(manual_id, &mut bytes, Path::new("manual.pdf"))
        .unwrap();
    assert!(bytes == manual, "and came back to a file whole");
    assert_eq!(
        serde_json::to_string(&back.asset_history(1, 100).unwrap()).unwrap(),
        history_before,
        "history keeps its times and authors"
    );
    assert!(
        back.check().unwrap().is_empty(),
        "the copy passes the full check"
    );

    // New rows on the server get new ids after the copied ones.
    let mut admin = s.client(&db);
    let max: i64 = admin
        .query_one("SELECT max(id) FROM tend.assets", &[])
        .unwrap()
        .get(0);
    let id: i64 = admin
        .query_one(
            "INSERT INTO tend.assets (tag, name, category_id, created_at, updated_at)
             VALUES ('NEW-1', 'n', 1, 'x', 'x') RETURNING id",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(id > max);

    // Neither side takes a second copy, and neither is changed by trying.
    let e = copy(&Location::File(first.clone()), &server).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Validation);
    assert!(e.to_string().contains("is not empty (it holds "), "{e}");
    assert!(e.to_string().contains(" 81 assets, "), "{e}");
    assert!(e.to_string().contains("work-log entries"), "{e}");
    let assets: i64 = admin
        .query_one("SELECT count(*) FROM tend.assets", &[])
        .unwrap()
        .get(0);
    assert_eq!(assets, 81);
    let back_bytes = std::fs::read(&back_path).unwrap();
    drop(back);
    let e = copy(&server, &Location::File(back_path.clone())).unwrap_err();
    assert!(e.to_string().contains("is not empty"), "{e}");
    let back = Register::open(&back_path).unwrap();
    assert_eq!(exports(&back), before);
    drop(back);
    let _ = back_bytes;
}

#[test]
fn a_copy_that_fails_half_way_leaves_the_target_as_it_was() {
    let Some(s) = server() else { return };
    let (_dir, mut reg) = temp_register();
    demo::generate(&mut reg, 20, 3, today()).unwrap();
    let path = reg.path().unwrap().to_path_buf();
    // A value SQLite keeps but PostgreSQL refuses (a NUL character) in the
    // last table: every earlier table was already sent when it fails.
    reg_raw(
        &path,
        "UPDATE settings SET value = 'a' || char(0) || 'b' WHERE key = 'currency'",
    );
    drop(reg);
    let (db, url) = s.database();
    let e = copy(
        &Location::File(path),
        &Location::Server(Box::new(address(&url))),
    )
    .unwrap_err();
    assert!(
        matches!(e, Error::Server { .. } | Error::Validation { .. }),
        "{e:?}"
    );
    let assets: i64 = s
        .client(&db)
        .query_one("SELECT count(*) FROM tend.assets", &[])
        .unwrap()
        .get(0);
    assert_eq!(assets, 0, "the transaction was rolled back whole");
}

fn reg_raw(path: &std::path::Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

/// Ends every session on `db` but the admin's own, as a server restart or a
/// network cut would.
fn cut_connections(s: &TestServer, db: &str) -> i64 {
    s.client("postgres")
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
             WHERE datname = $1 AND pid <> pg_backend_pid()",
            &[&db],
        )
        .unwrap()
        .get(0)
}

#[test]
fn a_register_whose_connection_was_cut_connects_again_by_itself() {
    let Some(s) = server() else { return };
    let (db, url) = s.database();
    schema::init(&mut pg::connect(&address(&url)).unwrap()).unwrap();
    let mut reg = Register::open_server(&address(&url)).unwrap();
    reg.create_asset(&crate::common::asset("SRV-1", "Mail server"))
        .unwrap();

    // Between two reads: the next read connects again and answers.
    assert_eq!(
        cut_connections(&s, &db),
        1,
        "the register's session was cut"
    );
    let page = reg.list_assets(&Default::default()).unwrap();
    assert_eq!(page.total, 1);

    // Before a write: the write connects again and is saved once.
    assert_eq!(cut_connections(&s, &db), 1);
    reg.create_asset(&crate::common::asset("SRV-2", "File server"))
        .unwrap();
    let tags: Vec<String> = reg
        .list_assets(&Default::default())
        .unwrap()
        .rows
        .into_iter()
        .map(|a| a.tag)
        .collect();
    assert_eq!(tags, ["SRV-1", "SRV-2"]);

    // A server that cannot be reached is said in words, as unavailable.
    let gone = address(&format!(
        "postgres://tend_admin:pw@127.0.0.1:1/{db}?sslmode=disable"
    ));
    let e = Register::open_server(&gone)
        .err()
        .expect("nothing listens on port 1");
    assert_eq!(e.code(), ErrorCode::Unavailable, "{e}");
}

#[test]
fn a_change_on_one_desk_is_heard_at_once_on_another_and_a_refused_one_is_not() {
    let Some(s) = server() else { return };
    let (_db, url) = s.database();
    schema::init(&mut pg::connect(&address(&url)).unwrap()).unwrap();
    let watching = Register::open_server(&address(&url)).unwrap();
    let mut listener = watching
        .listen_for_changes()
        .unwrap()
        .expect("a server listens");
    let mut other = Register::open_server(&address(&url)).unwrap();
    assert!(!listener
        .wait(std::time::Duration::from_millis(100))
        .unwrap());

    let started = std::time::Instant::now();
    other
        .create_asset(&crate::common::asset("SRV-1", "Mail server"))
        .unwrap();
    assert!(listener.wait(std::time::Duration::from_secs(2)).unwrap());
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    // Heard once: nothing is left over.
    assert!(!listener
        .wait(std::time::Duration::from_millis(100))
        .unwrap());

    // A write that is refused rolls back, and nobody hears of it.
    let e = other
        .create_asset(&crate::common::asset("srv-1", "Clash"))
        .expect_err("the tag is taken");
    assert_eq!(e.code(), ErrorCode::Conflict, "{e}");
    assert!(!listener
        .wait(std::time::Duration::from_millis(300))
        .unwrap());

    // A file has nothing to listen to: the desktop asks it instead.
    let file = Register::open_in_memory().unwrap();
    assert!(file.listen_for_changes().unwrap().is_none());
}

#[test]
fn an_editors_first_import_into_an_empty_team_register_leaves_the_planner_its_statistics() {
    let Some(s) = server() else { return };
    let (db, url) = s.database();
    schema::init(&mut pg::connect(&address(&url)).unwrap()).unwrap();
    let mut owner = pg::connect(&address(&url)).unwrap();
    let (editor, editor_pw) = s.login();
    roles::grant(&mut owner, &editor, roles::Access::Editor).unwrap();
    // A file large enough for the bulk path (4 MiB): long notes, few rows.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("assets.csv");
    let mut text = String::from("tag,name,category,status,notes\n");
    let notes = "rack notes ".repeat(100);
    for i in 0..4_500 {
        let status = if i % 5 == 0 { "spare" } else { "in_service" };
        text.push_str(&format!("SRV-{i:05},Server {i},Server,{status},{notes}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let statistics = || -> i64 {
        s.client(&db)
            .query_one(
                "SELECT count(*) FROM pg_stats
                 WHERE schemaname = 'tend' AND tablename = 'assets' AND attname = 'status'",
                &[],
            )
            .unwrap()
            .get(0)
    };
    assert_eq!(statistics(), 0, "an empty table has no statistics");

    let mut as_editor =
        Register::open_server(&address(&s.url_as(&editor, &editor_pw, &db))).unwrap();
    let report = as_editor
        .import_csv(
            &csv,
            &tend_core::csv::ImportOptions::default(),
            tend_core::csv::import::ImportMode::Commit,
            &mut |_| {},
        )
        .unwrap();
    assert!(report.committed, "{:?}", report.problems.first());
    assert_eq!(report.created, 4_500);
    // Renewed by the editor's import (through the owner's function), not
    // left to autovacuum: the planner knows the statuses.
    assert_eq!(statistics(), 1);
    let spare_share: f32 = s
        .client(&db)
        .query_one(
            "SELECT most_common_freqs[array_position(most_common_vals::text::text[], 'spare')]
             FROM pg_stats WHERE schemaname = 'tend' AND tablename = 'assets' AND attname = 'status'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!((spare_share - 0.2).abs() < 0.01, "{spare_share}");
    // A reader may not renew them.
    let (reader, reader_pw) = s.login();
    roles::grant(&mut owner, &reader, roles::Access::Reader).unwrap();
    assert_eq!(
        refusal(
            &s.url_as(&reader, &reader_pw, &db),
            "SELECT tend.renew_statistics()"
        ),
        Some("42501".into())
    );
}
