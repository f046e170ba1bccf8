//! Opening and upgrading database files: fresh equals upgraded, and files Tend
//! must not touch are refused byte-identical.

use std::path::Path;
use tend_core::store::migrations;
use tend_core::*;

fn schema(path: &Path) -> Vec<(String, String, String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT type, name, tbl_name, ifnull(sql, '') FROM sqlite_master ORDER BY type, name",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_frozen_v1_database_upgraded_has_the_schema_of_a_fresh_one_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.sqlite");
    drop(Register::open(&fresh).unwrap());
    let old = dir.path().join("old.sqlite");
    std::fs::copy(fixture("v1.sqlite"), &old).unwrap();
    let reg = Register::open(&old).unwrap();
    let a = reg.get_asset_by_tag("srv-0001").unwrap();
    assert_eq!(a.name, "Frozen v1 server");
    assert_eq!(
        a.purchase_cost,
        Some(Money {
            minor: 850_000,
            currency: "EUR".into()
        })
    );
    assert_eq!(reg.list_coverage(a.id).unwrap().len(), 1);
    let found = reg
        .list_assets(&AssetQuery {
            search: Some("fixture1".into()),
            ..AssetQuery::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    drop(reg);
    assert_eq!(schema(&old), schema(&fresh));
    let copy = migrations::backup_path(&old, 1);
    assert_eq!(copy.file_name().unwrap(), "old.sqlite.v1.bak");
    assert_eq!(
        schema(&copy),
        schema(&fixture("v1.sqlite")),
        "the v1 file was copied aside first"
    );
    let conn = rusqlite::Connection::open(&old).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, migrations::latest_version());
}

#[test]
fn a_database_from_a_newer_tend_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite");
    std::fs::copy(fixture("v1.sqlite"), &path).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrations::latest_version() + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Register::open(&path).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::Incompatible);
    assert!(err.to_string().contains("newer version of Tend"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!dir.path().join("newer.sqlite-wal").exists());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    let content = b"asset tag;name\nSRV-1;web server\n".repeat(100);
    std::fs::write(&path, &content).unwrap();
    let err = Register::open(&path).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::Incompatible);
    assert!(
        err.to_string().contains("not a Tend database (not SQLite)"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), content);
    assert!(!dir.path().join("notes.txt-wal").exists());
}

#[test]
fn an_sqlite_file_of_another_program_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT)")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Register::open(&path).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::Incompatible);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_path_in_a_missing_directory_is_an_io_error_naming_it_unless_creating_dirs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/tend.sqlite");
    let err = Register::open(&path).err().expect("refused");
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.to_string().contains("no/such/dir"), "{err}");
    assert!(!dir.path().join("no").exists(), "nothing created");
    let reg = Register::open_creating_dirs(&path).unwrap();
    assert_eq!(reg.count_assets().unwrap(), 0);
    assert!(path.exists());
}

#[test]
fn an_empty_file_becomes_a_fresh_register() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite");
    std::fs::write(&path, b"").unwrap();
    let reg = Register::open(&path).unwrap();
    assert_eq!(reg.list_lookups(LookupKind::Category).unwrap().len(), 12);
}
