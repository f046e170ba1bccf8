//! The store on temp files: connection pragmas, opening rules, locking,
//! check and backup.

use crate::common::{asset, temp_register};
use tend_core::store::connection::{self, OpenOptions};
use tend_core::*;

#[test]
fn every_connection_gets_wal_foreign_keys_synchronous_normal_and_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let conn = connection::open(&dir.path().join("t.sqlite"), &OpenOptions::default()).unwrap();
    let get = |p: &str| -> String {
        conn.query_row(&format!("PRAGMA {p}"), [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap()
    };
    assert_eq!(get("journal_mode"), "wal");
    assert_eq!(get("foreign_keys"), "1");
    assert_eq!(get("synchronous"), "1", "NORMAL");
    assert_eq!(get("busy_timeout"), store::BUSY_TIMEOUT_MS.to_string());
}

#[test]
fn a_write_while_another_process_holds_the_write_lock_fails_busy_after_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tend.sqlite");
    Register::open(&path).unwrap();
    let holder = connection::open(&path, &OpenOptions::default()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let options = OpenOptions {
        busy_timeout_ms: 150,
        ..OpenOptions::default()
    };
    let mut reg = Register::open_with(&path, &options).unwrap();
    let started = std::time::Instant::now();
    let err = reg.create_asset(&asset("PC-1", "Locked out")).unwrap_err();
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(140),
        "it waited first"
    );
    assert_eq!(err.code(), ErrorCode::Busy);
    assert!(matches!(err, Error::Busy { waited_ms: 150, .. }), "{err:?}");
    // Reads still work while another writer holds the lock (WAL).
    assert_eq!(reg.count_assets().unwrap(), 0);
    holder.execute_batch("COMMIT").unwrap();
    reg.create_asset(&asset("PC-1", "After the lock")).unwrap();
}

#[test]
fn check_is_clean_and_backup_makes_an_openable_copy() {
    let (dir, mut reg) = temp_register();
    reg.create_asset(&asset("UPS-1", "Rack UPS")).unwrap();
    assert!(reg.check().unwrap().is_empty());
    let copy = dir.path().join("backup.sqlite");
    reg.backup_to(&copy).unwrap();
    let restored = Register::open(&copy).unwrap();
    assert_eq!(restored.get_asset_by_tag("ups-1").unwrap().name, "Rack UPS");
    let err = reg
        .backup_to(&dir.path().join("missing/dir/b.sqlite"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.to_string().contains("missing"), "{err}");
}

#[test]
fn settings_are_seeded_and_can_be_changed() {
    let (_dir, mut reg) = temp_register();
    assert_eq!(reg.get_setting("currency").unwrap().as_deref(), Some("EUR"));
    assert_eq!(
        reg.get_setting("paper_size").unwrap().as_deref(),
        Some("A4")
    );
    assert_eq!(
        reg.get_setting("organisation_name").unwrap().as_deref(),
        Some("")
    );
    reg.set_setting("currency", "usd").unwrap();
    assert_eq!(reg.get_setting("currency").unwrap().as_deref(), Some("USD"));
    let created = reg
        .create_asset(&AssetInput {
            purchase_cost: "10".into(),
            ..asset("A-1", "x")
        })
        .unwrap();
    assert_eq!(
        created.purchase_cost.unwrap().currency,
        "USD",
        "the setting is the default currency"
    );
    let err = reg.set_setting("currency", "euro").unwrap_err();
    assert_eq!(err.field(), Some("currency"));
    assert_eq!(reg.get_setting("no_such_key").unwrap(), None);
}

#[test]
fn check_finds_a_search_index_or_a_due_list_out_of_step_with_the_assets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tend.sqlite");
    let mut reg = Register::open(&path).unwrap();
    demo::generate(
        &mut reg,
        30,
        3,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
    )
    .unwrap();
    assert!(reg.check().unwrap().is_empty());
    drop(reg);
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch(
            "DELETE FROM due_entries WHERE item_id = (SELECT min(item_id) FROM due_entries);
             INSERT INTO assets_fts (rowid, tag, name) VALUES (999999, 'ghost', 'Ghost');",
        )
        .unwrap();
    drop(other);
    let problems = Register::open(&path).unwrap().check().unwrap();
    assert!(
        problems.iter().any(|p| p.starts_with("due_entries")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("search index")),
        "{problems:?}"
    );
}

#[test]
fn the_durability_setting_makes_every_connection_sync_each_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tend.sqlite");
    let mut reg = Register::open(&path).unwrap();
    assert_eq!(reg.synchronous().unwrap(), 1, "NORMAL by default");
    let err = reg.set_setting("durability", "paranoid").unwrap_err();
    assert_eq!(err.field(), Some("durability"));
    reg.set_setting("durability", "FULL").unwrap();
    assert_eq!(
        reg.get_setting("durability").unwrap().as_deref(),
        Some("full")
    );
    assert_eq!(reg.synchronous().unwrap(), 2, "FULL at once");
    drop(reg);
    let reg = Register::open(&path).unwrap();
    assert_eq!(reg.synchronous().unwrap(), 2, "FULL on every later open");
    drop(reg);
    let mut reg = Register::open(&path).unwrap();
    reg.set_setting("durability", "normal").unwrap();
    assert_eq!(reg.synchronous().unwrap(), 1, "NORMAL again");
}
