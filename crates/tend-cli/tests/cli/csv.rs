//! `tend import` and `tend export` as a process: preview, all-or-nothing,
//! the problems report, exit codes, round trip through files.

use crate::support::Db;
use std::fs;

const ASSETS: &str =
    "tag,name,purchase_date,purchase_cost\nA-1,First,2024-01-31,\"1,234.50\"\nA-2,=cmd,,\n";

#[test]
fn dry_run_writes_nothing_and_reports_counts_as_json() {
    let db = Db::new();
    let file = db.dir.path().join("in.csv");
    fs::write(&file, ASSETS).unwrap();
    let report = db.json(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(report["created"], 2);
    assert_eq!(report["committed"], false);
    assert_eq!(report["format"], "tend");
    assert_eq!(db.snapshot()["total"], 0);
}

#[test]
fn import_then_export_round_trips_byte_for_byte() {
    let db = Db::new();
    let file = db.dir.path().join("in.csv");
    fs::write(&file, ASSETS).unwrap();
    let out = db.ok(&["import", file.to_str().unwrap()]);
    assert!(
        out.contains("Imported: 2 created, 0 updated, 0 unchanged, 0 rejected"),
        "{out}"
    );
    let first = db.dir.path().join("first.csv");
    let out = db.ok(&["export", "assets", "-o", first.to_str().unwrap()]);
    assert_eq!(out.trim(), format!("2 rows written to {}", first.display()));
    let bytes = fs::read(&first).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFtag,name,"));
    assert!(
        String::from_utf8_lossy(&bytes).contains("\r\nA-2,'=cmd,"),
        "formula guarded"
    );

    let other = Db::new();
    other.ok(&["import", first.to_str().unwrap()]);
    let again = other.ok(&["export", "assets"]);
    assert_eq!(again.as_bytes(), &bytes[..]);
    // Re-import: updates by tag, no duplicates.
    let out = db.ok(&["import", first.to_str().unwrap()]);
    assert!(out.contains("0 created, 0 updated, 2 unchanged"), "{out}");
}

#[test]
fn a_rejected_row_exits_1_names_row_and_column_and_writes_the_report() {
    let db = Db::new();
    let file = db.dir.path().join("bad.csv");
    fs::write(
        &file,
        "tag,name,purchase_date\nA-1,One,2024-01-01\nA-2,Two,03/04/2025\n",
    )
    .unwrap();
    let problems = db.dir.path().join("problems.csv");
    let output = db
        .tend(&[
            "import",
            file.to_str().unwrap(),
            "--report",
            problems.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = crate::support::user_error(&["import"], output.clone());
    assert!(
        stderr.contains("1 row(s) rejected; nothing was written"),
        "{stderr}"
    );
    assert!(
        stdout.contains(" 3 ") && stdout.contains("purchase_date") && stdout.contains("03/04/2025"),
        "{stdout}"
    );
    let report = fs::read_to_string(&problems).unwrap();
    assert!(
        report.contains("3,purchase_date,03/04/2025,error,"),
        "{report}"
    );
    assert_eq!(db.snapshot()["total"], 0);
    // Declaring the format fixes it.
    db.ok(&[
        "import",
        file.to_str().unwrap(),
        "--date-format",
        "DD/MM/YYYY",
    ]);
    assert_eq!(
        db.json(&["assets", "show", "A-2"])["asset"]["purchase_date"],
        "2025-04-03"
    );
}

#[test]
fn unreadable_files_are_user_errors_naming_the_file() {
    let db = Db::new();
    let empty = db.dir.path().join("empty.csv");
    fs::write(&empty, "").unwrap();
    let stderr = db.fails(&["import", empty.to_str().unwrap()]);
    assert!(stderr.contains("empty.csv: the file is empty"), "{stderr}");
    let stderr = db.fails(&[
        "import",
        db.dir.path().join("missing.csv").to_str().unwrap(),
    ]);
    assert!(stderr.contains("missing.csv"), "{stderr}");
    let stderr = db.fails(&["import", empty.to_str().unwrap(), "--map", "nonsense"]);
    assert!(stderr.contains("COLUMN=FIELD"), "{stderr}");
}

#[test]
fn manual_mapping_from_the_command_line() {
    let db = Db::new();
    let file = db.dir.path().join("liste.csv");
    fs::write(&file, "Inv;Bezeichnung;Preis\nX-1;Drucker;1.234,50\n").unwrap();
    let stderr = db.fails(&["import", file.to_str().unwrap()]);
    assert!(stderr.contains("map them"), "{stderr}");
    let f = file.to_str().unwrap();
    db.ok(&[
        "import",
        f,
        "--format",
        "mapped",
        "--map",
        "Inv=tag",
        "--map",
        "Bezeichnung=name",
        "--map",
        "Preis=purchase_cost",
        "--decimal",
        ",",
        "--save-mapping",
    ]);
    let asset = db.json(&["assets", "show", "X-1"]);
    assert_eq!(asset["asset"]["purchase_cost"]["minor"], 123_450);
    // The saved mapping is used next time.
    let out = db.ok(&["import", f, "--format", "mapped", "--decimal", ","]);
    assert!(out.contains("1 unchanged"), "{out}");
}

#[test]
fn export_filters_and_the_work_log() {
    let db = Db::new();
    db.add("SRV-1", "Server");
    db.add("PC-1", "Desk PC");
    db.ok(&[
        "log",
        "add",
        "SRV-1",
        "--summary",
        "Replaced fan",
        "--date",
        "2025-01-02",
    ]);
    let log = db.ok(&["export", "log", "--no-bom", "--search", "SRV"]);
    let lines: Vec<&str> = log.split("\r\n").collect();
    assert!(lines[0].starts_with("asset_tag,performed_on,kind,summary"));
    assert!(
        lines[1].starts_with("SRV-1,2025-01-02,repair,Replaced fan"),
        "{log}"
    );
    assert_eq!(lines.len(), 3, "header, one entry, final line end");
    let plans = db.ok(&["export", "plans", "--no-bom"]);
    assert!(plans.starts_with("asset_tag,title,interval_count"));
}
