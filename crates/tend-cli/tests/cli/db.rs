//! `tend db …` and how the database file is chosen.

use crate::support::{tend_in, Db};

#[test]
fn check_says_ok_on_a_sound_database() {
    let db = Db::new();
    db.add("SRV-1", "Server");
    assert_eq!(db.ok(&["db", "check"]).trim(), "ok");
    let report = db.json(&["db", "check"]);
    assert_eq!(report["ok"], true);
    assert!(report["problems"].as_array().unwrap().is_empty());
}

#[test]
fn a_backup_is_a_database_tend_can_read() {
    let db = Db::new();
    db.add("SRV-1", "Server one");
    db.add("SRV-2", "Server two");
    let backup = db.dir.path().join("backup.sqlite");
    let said = db.ok(&["db", "backup", backup.to_str().unwrap()]);
    assert!(said.contains("backup.sqlite"), "{said}");
    assert!(backup.is_file());

    let from_backup = Db {
        dir: tempfile::tempdir().unwrap(),
        path: backup.clone(),
    };
    let page = from_backup.json(&["assets", "list"]);
    assert_eq!(page["total"], 2);
    assert_eq!(page["rows"][1]["name"], "Server two");

    // A second backup to the same file is refused, and the first is kept.
    let before = std::fs::read(&backup).unwrap();
    let stderr = db.fails(&["db", "backup", backup.to_str().unwrap()]);
    assert!(
        stderr.contains("backup.sqlite") && stderr.contains("exists"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&backup).unwrap(), before);
}

#[test]
fn without_db_the_default_file_is_created_in_the_user_data_folder() {
    let home = tempfile::tempdir().unwrap();
    tend_in(home.path())
        .args(["assets", "add", "--tag", "A-1", "--name", "First"])
        .assert()
        .success();
    let file = home.path().join("data/app.tend.desktop/tend.sqlite");
    assert!(file.is_file(), "{} was not created", file.display());
    let out = tend_in(home.path())
        .args(["assets", "list", "--json"])
        .output()
        .unwrap();
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], 1);
}

#[test]
fn tend_db_names_the_file_when_no_flag_does() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("from-env.sqlite");
    tend_in(home.path())
        .env("TEND_DB", &file)
        .args(["assets", "add", "--tag", "A-1", "--name", "First"])
        .assert()
        .success();
    assert!(file.is_file());
}
