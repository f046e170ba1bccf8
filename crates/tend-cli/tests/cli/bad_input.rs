//! Bad input: each case exits with code 1, says what was wrong and where, and
//! writes nothing.

use crate::support::{user_error, Db};
use std::time::{Duration, Instant};

/// Runs `args` on a register holding one asset, expects exit code 1 and a
/// message containing `names`, and checks that the register is unchanged.
fn refused(args: &[&str], names: &str) -> String {
    let db = Db::new();
    db.add("SRV-0001", "Existing server");
    let before = db.snapshot();
    let stderr = db.fails(args);
    assert!(
        stderr.contains(names),
        "tend {args:?}: message should name {names:?}: {stderr}"
    );
    assert_eq!(db.snapshot(), before, "tend {args:?} changed the register");
    stderr
}

fn add(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["assets", "add", "--tag", "NEW-1", "--name", "New"]
        .map(String::from)
        .to_vec();
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn refused_add(extra: &[&str], names: &str) -> String {
    let args = add(extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refused(&args, names)
}

#[test]
fn an_empty_tag_is_refused() {
    refused(&["assets", "add", "--tag", "", "--name", "Nameless"], "tag");
    refused(&["assets", "add", "--tag", "   ", "--name", "Blank"], "tag");
}

#[test]
fn a_duplicate_tag_is_refused_even_in_another_case() {
    refused(
        &["assets", "add", "--tag", "SRV-0001", "--name", "Again"],
        "tag",
    );
    refused(
        &["assets", "add", "--tag", "srv-0001", "--name", "Again"],
        "tag",
    );
}

#[test]
fn renaming_onto_an_existing_tag_is_refused() {
    let db = Db::new();
    db.add("SRV-0001", "One");
    db.add("SRV-0002", "Two");
    let before = db.snapshot();
    let stderr = db.fails(&["assets", "update", "SRV-0002", "--tag", "Srv-0001"]);
    assert!(stderr.contains("tag"), "{stderr}");
    assert_eq!(db.snapshot(), before);
}

#[test]
fn an_unknown_status_is_refused() {
    refused_add(&["--status", "on fire"], "status");
    refused(
        &["assets", "update", "SRV-0001", "--status", "on fire"],
        "status",
    );
    refused(&["assets", "list", "--status", "on fire"], "--status");
}

#[test]
fn an_unknown_category_or_location_filter_is_refused() {
    let stderr = refused(&["assets", "list", "--category", "Toasters"], "--category");
    assert!(stderr.contains("Toasters"), "{stderr}");
    refused(
        &["assets", "list", "--location", "Mars › Base 1"],
        "--location",
    );
    refused(&["assets", "list", "--sort", "colour"], "--sort");
}

#[test]
fn a_malformed_date_is_refused() {
    refused_add(&["--purchase-date", "2024-13-45"], "purchase_date");
    refused_add(&["--purchase-date", "03/04/2025"], "purchase_date");
    refused_add(&["--eol", "next year"], "end_of_life");
    refused(
        &[
            "log",
            "add",
            "SRV-0001",
            "--summary",
            "x",
            "--date",
            "yesterday",
        ],
        "performed_on",
    );
    refused(
        &[
            "coverage",
            "add",
            "SRV-0001",
            "--kind",
            "support_contract",
            "--end",
            "2025-02-30",
        ],
        "end_date",
    );
}

#[test]
fn malformed_money_is_refused() {
    refused_add(&["--cost", "12.3.4"], "cost");
    refused_add(&["--cost", "twelve"], "cost");
    refused_add(&["--cost", "12.345"], "cost");
    refused(
        &[
            "log",
            "add",
            "SRV-0001",
            "--summary",
            "x",
            "--cost",
            "1,2,3",
        ],
        "cost",
    );
}

#[test]
fn a_negative_cost_is_refused() {
    refused_add(&["--cost", "-5"], "cost");
    refused_add(&["--cost=-0.01"], "cost");
    refused(
        &["log", "add", "SRV-0001", "--summary", "x", "--cost", "-20"],
        "cost",
    );
}

#[test]
fn overlong_text_is_refused() {
    let long = "x".repeat(20_000);
    refused(
        &["assets", "add", "--tag", "NEW-1", "--name", &long],
        "name",
    );
    refused_add(&["--notes", &"n".repeat(100_000)], "notes");
    refused(
        &["assets", "add", "--tag", &long, "--name", "Long tag"],
        "tag",
    );
}

#[test]
fn other_bad_values_name_their_field() {
    refused(&["log", "add", "SRV-0001", "--summary", ""], "summary");
    refused(
        &[
            "log",
            "add",
            "SRV-0001",
            "--summary",
            "x",
            "--kind",
            "party",
        ],
        "kind",
    );
    refused(
        &[
            "log",
            "add",
            "SRV-0001",
            "--summary",
            "x",
            "--downtime",
            "an hour",
        ],
        "downtime",
    );
    refused(
        &[
            "log",
            "add",
            "SRV-0001",
            "--summary",
            "x",
            "--outcome",
            "meh",
        ],
        "outcome",
    );
    refused(
        &[
            "coverage",
            "add",
            "SRV-0001",
            "--kind",
            "hope",
            "--end",
            "2030-01-01",
        ],
        "kind",
    );
}

#[test]
fn an_unknown_tag_is_not_found() {
    let stderr = refused(&["assets", "show", "NOPE-9"], "NOPE-9");
    assert!(stderr.contains("not found"), "{stderr}");
    refused(&["assets", "archive", "NOPE-9"], "NOPE-9");
    refused(&["log", "add", "NOPE-9", "--summary", "x"], "NOPE-9");
}

#[test]
fn a_wrong_command_line_exits_1_not_2() {
    refused(&["assets", "add", "--tag", "X"], "--name");
    refused(&["assets", "list", "--colour", "red"], "--colour");
    refused(&["assets", "list", "--limit", "many"], "--limit");
    refused(
        &[
            "assets", "add", "--tag", "X", "--name", "Y", "--field", "novalue",
        ],
        "--field",
    );
}

/// Regression: a CSV quote never closed made the rest of the file one
/// cell, and `tend import` (and its dry run) reported success with fewer
/// assets than the file has rows.
#[test]
fn a_csv_quote_never_closed_is_refused_naming_its_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("assets.csv");
    let mut text = String::from("tag,name,location,notes\n");
    for row in 2..=51 {
        if row == 10 {
            text.push_str("A-010,Asset 10,\"Rack 2, shelf 3,fan replaced\n");
        } else {
            text.push_str(&format!(
                "A-{row:03},Asset {row},Rack {},notes of row {row}\n",
                row % 4
            ));
        }
    }
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let message = format!(
        "{f}, row 10, column \"location\": a quoted cell opened on line 10 is never closed (end of file inside quotes)"
    );
    refused(&["import", f, "--dry-run"], &message);
    refused(&["import", f], &message);
}

#[test]
fn with_json_the_error_is_also_a_json_object() {
    let stderr = refused(
        &["assets", "add", "--tag", "", "--name", "X", "--json"],
        "tag",
    );
    let last = stderr.lines().last().unwrap();
    let error: serde_json::Value = serde_json::from_str(last).expect("JSON error line");
    assert_eq!(error["code"], "validation");
    assert_eq!(error["field"], "tag");
    assert!(error["message"].as_str().unwrap().contains("tag"));
}

#[test]
fn db_in_a_missing_folder_is_refused_and_nothing_is_created() {
    let db = Db::new();
    let missing = db.dir.path().join("no-such-folder");
    let file = missing.join("tend.sqlite");
    let mut cmd = db.tend(&["assets", "list"]);
    // The last --db wins.
    cmd.arg("--db").arg(&file);
    let stderr = user_error(&["--db", "<missing>/tend.sqlite"], cmd.output().unwrap());
    assert!(stderr.contains(file.to_str().unwrap()), "{stderr}");
    assert!(!missing.exists(), "the folder was created");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_byte_identical() {
    let db = Db::new();
    let file = db.dir.path().join("notes.txt");
    let content: Vec<u8> = b"These are my notes, not a database.\n".repeat(200);
    std::fs::write(&file, &content).unwrap();
    let other = Db::file(file.clone());
    for args in [
        &["assets", "list"][..],
        &["assets", "add", "--tag", "A-1", "--name", "X"][..],
    ] {
        let stderr = other.fails(args);
        assert!(stderr.contains("notes.txt"), "{stderr}");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            content,
            "the file was changed"
        );
    }
    let mut names: Vec<String> = std::fs::read_dir(db.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["notes.txt"], "no side files were left beside it");
}

#[test]
fn a_database_locked_by_another_writer_waits_then_says_so() {
    let db = Db::new();
    if db.on_server() {
        // SQLite's write lock; on a server writers queue on an advisory lock.
        return;
    }
    db.add("SRV-0001", "Existing server");
    let before = db.snapshot();

    let other = rusqlite::Connection::open(&db.path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let output = db
        .tend(&["assets", "add", "--tag", "NEW-1", "--name", "Blocked"])
        .output()
        .unwrap();
    let waited = started.elapsed();
    let stderr = user_error(&["assets", "add"], output);
    assert!(stderr.contains("locked"), "{stderr}");
    assert!(
        waited >= Duration::from_secs(1),
        "gave up without waiting: {waited:?}"
    );
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);

    assert_eq!(db.snapshot(), before);
}
