//! "Test connection" (store/postgres/probe.rs) on a real PostgreSQL, the
//! throw-away server of `cargo xtask test` / `cargo xtask pg`: each thing
//! that can be wrong said in words, and what is there (an empty database,
//! someone else's, a newer Tend's, a register) with the user's access and
//! whether the link is encrypted; an address made from a form's fields.

use std::path::Path;
use tend_core::store::postgres::address::ServerFields;
use tend_core::store::postgres::probe::{probe, RegisterAccess, RegisterState};
use tend_core::store::postgres::{self as pg, roles, schema, ServerAddress, TlsMode};
use tend_core::ErrorCode;

use crate::test_server::{server, TestServer};

impl TestServer {
    fn fields(&self, database: &str, user: &str, tls: TlsMode) -> ServerFields {
        ServerFields {
            host: "127.0.0.1".into(),
            port: self.port,
            database: database.into(),
            user: user.into(),
            tls,
        }
    }

    fn admin(&self, database: &str) -> ServerAddress {
        ServerAddress::from_fields(
            &self.fields(database, &self.user, TlsMode::Disable),
            &self.password,
            None,
        )
        .unwrap()
    }
}

#[test]
fn each_failure_to_connect_is_said_in_words() {
    let Some(s) = server() else { return };
    let db = s.database().0;
    let (user, password) = s.login();

    let wrong = ServerAddress::from_fields(
        &s.fields(&db, &user, TlsMode::Require),
        "not-the-password",
        None,
    )
    .unwrap();
    let e = probe(&wrong).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Unavailable);
    assert!(e.to_string().contains("wrong password"), "{e}");

    let nowhere = ServerAddress::from_fields(
        &s.fields("no_such_db", &user, TlsMode::Require),
        &password,
        None,
    )
    .unwrap();
    let e = probe(&nowhere).unwrap_err();
    assert!(e.to_string().contains("no database \"no_such_db\""), "{e}");

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let unreachable = ServerAddress::from_fields(
        &ServerFields {
            port,
            ..s.fields(&db, &user, TlsMode::Require)
        },
        &password,
        None,
    )
    .unwrap();
    let e = probe(&unreachable).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Unavailable);
    assert!(e.to_string().contains("cannot reach the server"), "{e}");

    // A CA that did not sign the server's certificate.
    let dir = tempfile::tempdir().unwrap();
    let other_ca = dir.path().join("other.pem");
    std::fs::write(&other_ca, OTHER_CA).unwrap();
    let strict = ServerAddress::from_fields(
        &ServerFields {
            host: "localhost".into(),
            ..s.fields(&db, &user, TlsMode::VerifyFull)
        },
        &password,
        Some(&other_ca),
    )
    .unwrap();
    let e = probe(&strict).unwrap_err();
    assert!(
        e.to_string().contains("certificate was not accepted"),
        "{e}"
    );
}

#[test]
fn an_empty_database_a_foreign_one_and_a_newer_tends_are_told_apart_and_left_untouched() {
    let Some(s) = server() else { return };
    let empty = s.database().0;
    let found = probe(&s.admin(&empty)).unwrap();
    assert_eq!(found.register, RegisterState::Empty);
    assert!(found.register_words.contains("the database is empty"));
    assert!(found.access.is_none() && !found.usable);
    assert!(!found.encrypted, "TLS mode disable");
    assert!(
        found.encryption.starts_with("Not encrypted"),
        "{}",
        found.encryption
    );
    assert!(!found.server_version.is_empty());
    assert_eq!(
        found.server,
        format!("postgres://{}@127.0.0.1:{}/{empty}", s.user, s.port)
    );

    let foreign = s.database().0;
    s.run(&foreign, "CREATE TABLE invoices (id int)");
    let found = probe(&s.admin(&foreign)).unwrap();
    assert_eq!(found.register, RegisterState::Foreign);
    assert!(found.register_words.contains("not a Tend database"));
    assert!(found.register_words.contains("public.invoices"));
    let e = found.require_usable().unwrap_err();
    assert_eq!(e.code(), ErrorCode::Incompatible);

    let newer = s.database().0;
    s.run(
        &newer,
        "CREATE SCHEMA tend; CREATE TABLE tend.tend_schema \
         (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); \
         INSERT INTO tend.tend_schema VALUES (99, '0099_future', 'x')",
    );
    let found = probe(&s.admin(&newer)).unwrap();
    assert_eq!(found.register, RegisterState::Newer);
    assert!(found
        .register_words
        .contains("newer Tend (schema version 99"));
    assert!(!found.usable);
    // Nothing was changed.
    let mut c = pg::connect(&s.admin(&newer)).unwrap();
    assert_eq!(
        schema::state(&mut c).unwrap(),
        schema::SchemaState::Tend(99)
    );
}

#[test]
fn a_register_is_ready_and_each_users_access_is_named_over_tls() {
    let Some(s) = server() else { return };
    let db = s.database().0;
    schema::init(&mut pg::connect(&s.admin(&db)).unwrap()).unwrap();
    let (reader, reader_pw) = s.login();
    let (editor, editor_pw) = s.login();
    let (stranger, stranger_pw) = s.login();
    let mut owner = pg::connect(&s.admin(&db)).unwrap();
    roles::grant(&mut owner, &reader, roles::Access::Reader).unwrap();
    roles::grant(&mut owner, &editor, roles::Access::Editor).unwrap();

    let found = probe(&s.admin(&db)).unwrap();
    assert_eq!(found.register, RegisterState::Ready);
    assert_eq!(
        found.register_words,
        format!(
            "a Tend register (schema version {})",
            schema::latest_version()
        )
    );
    assert_eq!(found.access, Some(RegisterAccess::Owner));
    assert!(found.usable);

    let as_user = |user: &str, password: &str, tls: TlsMode, ca: Option<&Path>| {
        let host = if ca.is_some() {
            "localhost"
        } else {
            "127.0.0.1"
        };
        let fields = ServerFields {
            host: host.into(),
            ..s.fields(&db, user, tls)
        };
        probe(&ServerAddress::from_fields(&fields, password, ca).unwrap()).unwrap()
    };
    let found = as_user(&editor, &editor_pw, TlsMode::Require, None);
    assert_eq!(found.access, Some(RegisterAccess::Editor));
    assert!(
        found.access_words.contains("is an editor"),
        "{}",
        found.access_words
    );
    assert!(found.encrypted);
    assert!(
        found.encryption.contains("not checked"),
        "{}",
        found.encryption
    );

    let found = as_user(&reader, &reader_pw, TlsMode::VerifyFull, Some(&s.ca));
    assert_eq!(found.access, Some(RegisterAccess::Reader));
    assert!(found.access_words.contains("is a reader"));
    assert!(found.usable, "a reader may open it, to read");
    assert!(found.encrypted);
    assert!(
        found.encryption.contains("checked, and names the host"),
        "{}",
        found.encryption
    );

    let found = as_user(&stranger, &stranger_pw, TlsMode::Prefer, None);
    assert_eq!(found.access, Some(RegisterAccess::None));
    assert!(!found.usable);
    assert!(found
        .access_words
        .contains(&format!("tend db grant {stranger} reader")));
    let e = found.require_usable().unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden);
}

/// A CA certificate that signed nothing the test server has (made once with
/// `openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=other`).
const OTHER_CA: &str = r"-----BEGIN CERTIFICATE-----
MIIDAzCCAeugAwIBAgIUO1r8aqxB/JO7Ddsb+2+I4XtUKsUwDQYJKoZIhvcNAQEL
BQAwEDEOMAwGA1UEAwwFb3RoZXIwIBcNMjYxMjA2MTQyNjQzWhgPMjEyNjExMTIx
NDI2NDNaMBAxDjAMBgNVBAMMBW90aGVyMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A
MIIBCgKCAQEArtMYIozP48lATgBWVEJYpngrO4LLXuNEnuM0v+fYZ2WDjL1QboRg
wYlW6nx8D2tWigVGCjbrF/SOPBsZAelpwlEQXfosQkXacqehw1FkJojKfuzNMSry
Uq/4MtV5Upw2/4aVYmXwBOpckDHgzBa231QiVmhda9nkQ64Ip5hTuP9cHYbO049p
Aa+NTXNEjDhMuTagKeHBUfCNlh8XjI3QXnGmwxYO3XjyqCncO9PfEtvrWQXY4SxZ
b2ITWEuihSZ1qUoRj6lEPz79E640jWM3kC3Soy8V8I2NDhB+WVOVICYh2l63VdQk
+O4biqgdkf7tX+W8KYD1pv+myFHYJZKomwIDAQABo1MwUTAdBgNVHQ4EFgQUrKdY
n6q3nV+i6+sqXE9gv8DOWHwwHwYDVR0jBBgwFoAUrKdYn6q3nV+i6+sqXE9gv8DO
WHwwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEADFT0zw5VpIT2
60AJ3VDHMuBp89pym3VFi6myKstCVtPKRBLnwu4PKZf1E8Uw0L3yjccIph3p5Dct
Cs9mCe3JExC+tN5j2ZkDkKyt7K80DaMsnx6r9zA3LRwv22CYnc+yD5ro/Nj3cUKf
YgBHEOXFCFGMvvEbHWbUM7IMcY1UEHkv4wRn81HwQyC7NSEY0S0h/gKR+nManMBk
RvDVN8q9J/J6PGI00+TSp3jt4aniSlE2lqRBAKUHkUHXVu7RU0qX4AyoPIXBc58e
XMkDupBRUnDKWXQkZ1tUTEtywe7gGCTWjvvViAJcdIkYeG1uQ3jEBz4VKu7pDYQI
oUmLkSQEeA==
-----END CERTIFICATE-----
";
