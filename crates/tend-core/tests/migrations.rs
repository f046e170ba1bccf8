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

/// Every released schema version, frozen: `tests/fixtures/vN.sqlite`.
fn frozen_versions() -> std::ops::RangeInclusive<i64> {
    1..=migrations::latest_version()
}

#[test]
fn every_frozen_schema_version_upgraded_has_the_schema_of_a_fresh_one_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.sqlite");
    drop(Register::open(&fresh).unwrap());
    for version in frozen_versions() {
        let frozen = fixture(&format!("v{version}.sqlite"));
        assert!(
            frozen.exists(),
            "no frozen fixture of schema v{version}: run `cargo test -p tend-core --test tests -- --ignored freeze` once, when releasing it"
        );
        let case = tempfile::tempdir().unwrap();
        let old = case.path().join("old.sqlite");
        std::fs::copy(&frozen, &old).unwrap();
        let reg = Register::open(&old).unwrap();
        let a = reg.get_asset_by_tag("srv-0001").unwrap();
        assert_eq!(a.name, "Frozen v1 server", "v{version}");
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
        assert_eq!(found.total, 1, "v{version}");
        assert!(reg.check().unwrap().is_empty(), "v{version}");
        let (folder, backups) = reg.list_backups().unwrap();
        drop(reg);
        assert_eq!(schema(&old), schema(&fresh), "v{version} upgraded");
        let latest = migrations::latest_version();
        if version < latest {
            assert_eq!(
                backups.len(),
                1,
                "v{version}: one backup before the upgrade"
            );
            let b = &backups[0];
            assert_eq!(b.schema_version, version);
            assert_eq!(
                b.reason,
                format!("before upgrade from v{version} to v{latest}")
            );
            assert!(b.verified);
            let name = b.path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                name.starts_with("old-") && name.ends_with(&format!("-v{version}.sqlite")),
                "{name}"
            );
            assert_eq!(b.path.parent().unwrap(), folder);
            assert_eq!(
                schema(&b.path),
                schema(&frozen),
                "the v{version} file was copied first"
            );
        } else {
            assert!(backups.is_empty(), "nothing to upgrade, no backup");
        }
        let conn = rusqlite::Connection::open(&old).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, latest);
    }
}

#[test]
fn entries_made_before_v7_have_no_author_and_new_ones_have_one() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.sqlite");
    std::fs::copy(fixture("v6.sqlite"), &old).unwrap();
    {
        // A work-log entry logged by a v6 Tend (the fixture has none).
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.execute_batch(
            "INSERT INTO work_log (asset_id, kind, performed_on, summary, created_at, updated_at)
             VALUES (1, 'repair', '2020-02-01', 'Fan replaced', '2020-02-01T10:00:00.000Z',
                     '2020-02-01T10:00:00.000Z');
             INSERT INTO history (asset_id, entity, entity_id, action, at, summary)
             VALUES (1, 'work_log', last_insert_rowid(), 'created', '2020-02-01T10:00:00.000Z',
                     'Repair: Fan replaced');",
        )
        .unwrap();
    }
    let mut reg = Register::open(&old).unwrap();
    reg.set_author("Anna Berg").unwrap();
    let a = reg.get_asset_by_tag("srv-0001").unwrap();
    let before = reg.asset_history(a.id, 10).unwrap();
    assert_eq!(before.len(), 2);
    assert!(before.iter().all(|h| h.author.is_none()), "{before:?}");
    let work = reg.list_work(a.id, 10).unwrap();
    assert_eq!(work.len(), 1);
    assert_eq!(work[0].author, None);

    reg.update_asset(
        a.id,
        &AssetInput {
            name: "Renamed".into(),
            ..reg.asset_input(&a)
        },
    )
    .unwrap();
    let after = reg.asset_history(a.id, 10).unwrap();
    assert_eq!(after.len(), 3);
    assert_eq!(after[0].author.as_deref(), Some("Anna Berg"));
    assert!(after[1..].iter().all(|h| h.author.is_none()));
}

#[test]
fn a_second_upgrade_attempt_keeps_the_first_copy() {
    // The copy made before an upgrade is named with the time, so a failed
    // upgrade tried again never overwrites the copy of the first attempt.
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.sqlite");
    std::fs::copy(fixture("v1.sqlite"), &old).unwrap();
    let keep = dir.path().join("keep.sqlite");
    std::fs::copy(&old, &keep).unwrap();
    drop(Register::open(&old).unwrap());
    std::fs::copy(&keep, &old).unwrap();
    let _ = std::fs::remove_file(tend_core::presence::lock_path(&old));
    let reg = Register::open(&old).unwrap();
    let (_, backups) = reg.list_backups().unwrap();
    assert_eq!(
        backups
            .iter()
            .filter(|b| b.reason.starts_with("before upgrade"))
            .count(),
        2,
        "{backups:?}"
    );
}

/// Writes the frozen fixture of every schema version that has none yet:
/// the v1 fixture upgraded by exactly the migrations of that version. Run
/// once when a schema version is released; never regenerate one.
#[test]
#[ignore]
fn freeze_schema_versions() {
    for version in frozen_versions() {
        let path = fixture(&format!("v{version}.sqlite"));
        if path.exists() {
            continue;
        }
        let tmp = tempfile::tempdir().unwrap();
        let work = tmp.path().join("work.sqlite");
        std::fs::copy(fixture("v1.sqlite"), &work).unwrap();
        let mut conn = rusqlite::Connection::open(&work).unwrap();
        let upto: Vec<_> = migrations::MIGRATIONS
            .iter()
            .copied()
            .filter(|m| m.version <= version)
            .collect();
        migrations::migrate_with(&mut conn, &upto).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE; VACUUM;")
            .unwrap();
        drop(conn);
        std::fs::copy(&work, &path).unwrap();
        eprintln!("froze {}", path.display());
    }
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
