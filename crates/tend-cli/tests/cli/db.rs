//! `tend db …` and how the database file is chosen.

use crate::support::{tend_in, user_error, Db};

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

    let from_backup = Db::file(backup.clone());
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

#[test]
fn check_lists_problems_and_exits_1() {
    let db = Db::new();
    db.add("SRV-1", "Server");
    // Another program wrote a row that points at no asset.
    let other = rusqlite::Connection::open(&db.path).unwrap();
    other
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO coverage (asset_id, kind, end_date, created_at, updated_at)
             VALUES (999, 'support_contract', '2030-01-01', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');",
        )
        .unwrap();
    drop(other);

    let output = db.tend(&["db", "check"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = user_error(&["db", "check"], output);
    assert!(
        stdout.contains("coverage"),
        "the problem is listed: {stdout}"
    );
    assert!(stderr.contains("problem"), "{stderr}");

    let output = db.tend(&["db", "check", "--json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(report["ok"], false);
    assert!(!report["problems"].as_array().unwrap().is_empty());
}

#[test]
fn an_internal_storage_error_exits_2() {
    let db = Db::new();
    db.add("SRV-1", "Server");
    // Make SQLite itself fail the next insert, as a damaged database might.
    let other = rusqlite::Connection::open(&db.path).unwrap();
    other
        .execute_batch(
            "CREATE TRIGGER fail_insert BEFORE INSERT ON assets
             BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END;",
        )
        .unwrap();
    drop(other);

    let output = db
        .tend(&[
            "assets", "add", "--tag", "SRV-2", "--name", "Second", "--json",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("tend: error: "), "{stderr}");
    assert!(stderr.contains("simulated storage failure"), "{stderr}");
    let error: serde_json::Value = serde_json::from_str(stderr.lines().last().unwrap()).unwrap();
    assert_eq!(error["code"], "storage");
}

#[test]
fn help_exits_0_and_a_missing_command_exits_1() {
    let home = tempfile::tempdir().unwrap();
    let output = tend_in(home.path()).arg("--help").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("Exit codes"), "{help}");
    let output = tend_in(home.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let output = tend_in(home.path())
        .args(["assets", "list", "--help"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

/// Overwrites one page in the middle of the file, as a failing disk might.
fn damage_a_page(path: &std::path::Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let page = bytes.len() / 4096 / 2;
    bytes[page * 4096..page * 4096 + 4096].fill(0x5A);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_register_is_never_written_to_and_check_lists_what_it_found() {
    let db = Db::new();
    db.ok(&["demo", "--assets", "300"]);
    let tag = db.json(&["assets", "list", "--limit", "1"])["rows"][0]["tag"]
        .as_str()
        .unwrap()
        .to_owned();
    let backup = db.json(&["db", "backup"]);
    let backup_path = backup["path"].as_str().unwrap().to_owned();
    damage_a_page(&db.path);
    let before = std::fs::read(&db.path).unwrap();
    for args in [
        &["assets", "add", "--tag", "NEW-1", "--name", "Not written"][..],
        &["log", "add", &tag, "--kind", "repair", "--summary", "x"][..],
        &["assets", "update", &tag, "--name", "Renamed"][..],
        &["db", "backup"][..],
    ] {
        let stderr = db.fails(args);
        assert!(stderr.contains("damaged"), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&backup_path),
            "{args:?} offers the backup: {stderr}"
        );
    }
    let output = db.tend(&["db", "check"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.lines().count() >= 1,
        "the problems are listed: {stdout}"
    );
    assert_eq!(
        std::fs::read(&db.path).unwrap(),
        before,
        "not one byte written"
    );
}

#[test]
fn a_backup_is_listed_and_restoring_it_brings_the_register_back() {
    let db = Db::new();
    db.add("OLD-1", "Before the backup");
    let made = db.json(&["db", "backup"]);
    assert_eq!(made["verified"], true);
    db.add("NEW-1", "After the backup");
    let listed = db.json(&["db", "backups"]);
    assert_eq!(listed["backups"].as_array().unwrap().len(), 1);
    assert_eq!(listed["backups"][0]["path"], made["path"]);
    let said = db.ok(&["db", "restore", made["path"].as_str().unwrap()]);
    assert!(said.contains("1 change(s) made after the backup"), "{said}");
    assert!(said.contains("kept at"), "{said}");
    let page = db.json(&["assets", "list"]);
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["tag"], "OLD-1");
    let text = db.ok(&["db", "backups"]);
    assert!(
        text.contains("before restore") && text.contains("by hand"),
        "{text}"
    );
}

#[test]
fn a_write_during_a_long_import_names_the_import_and_waits_when_asked() {
    let db = Db::new();
    db.add("A-0", "First");
    let csv = db.dir.path().join("big.csv");
    let mut text = String::from("tag,name,serial,notes\n");
    for i in 0..60_000 {
        text.push_str(&format!("B-{i:06},Imported {i},SN{i:09},note {i}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let mut import = std::process::Command::new(env!("CARGO_BIN_EXE_tend"))
        .arg("--db")
        .arg(&db.path)
        .args(["import", csv.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut busy_said = None;
    let mut written_before = 0;
    let started = std::time::Instant::now();
    while import.try_wait().unwrap().is_none() && started.elapsed().as_secs() < 120 {
        let tag = format!("W-{written_before}");
        let output = db
            .tend(&[
                "--wait", "0", "assets", "add", "--tag", &tag, "--name", "Waiting",
            ])
            .output()
            .unwrap();
        if output.status.success() {
            // The import had not started writing yet.
            written_before += 1;
            continue;
        }
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        if stderr.contains("locked") {
            busy_said = Some(stderr);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let said = busy_said.expect("a write during the import was refused as busy");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("import"),
        "names what holds the register: {said}"
    );
    assert!(said.contains("--wait"), "{said}");
    // Asked to wait, the same write goes through once the import commits.
    db.ok(&[
        "--wait", "300", "assets", "add", "--tag", "WAITED", "--name", "Waited",
    ]);
    assert!(import.wait().unwrap().success());
    let page = db.json(&["assets", "list", "--limit", "1"]);
    assert_eq!(page["total"], 60_002 + written_before);
}
