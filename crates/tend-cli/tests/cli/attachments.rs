//! `tend attach`, `tend attachments list|save|remove`, `tend export
//! attachments` and `tend import FOLDER` as a person runs them: files go in,
//! come back byte for byte, one invoice reaches every asset of an order,
//! and a bad file changes nothing.

use std::path::PathBuf;

use crate::support::Db;

fn file(db: &Db, name: &str, bytes: &[u8]) -> PathBuf {
    let path = db.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Bytes that differ all along (2.5 chunks' worth when large).
fn noise(n: usize, seed: u8) -> Vec<u8> {
    (0..n)
        .map(|i| {
            (i as u32)
                .wrapping_mul(2_654_435_761)
                .rotate_left(u32::from(seed)) as u8
        })
        .collect()
}

#[test]
fn a_file_attached_from_the_command_line_is_listed_saved_and_removed() {
    let db = Db::new();
    db.add("SRV-1", "File server");
    let data = noise(2_621_440 + 7, 3);
    let invoice = file(&db, "Invoice 17.pdf", &data);
    let out = db.ok(&[
        "attach",
        "SRV-1",
        invoice.to_str().unwrap(),
        "--note",
        "warranty claim",
    ]);
    assert_eq!(out.trim(), "attached 1 file to SRV-1 (1 link)");

    let list = db.json(&["attachments", "list", "SRV-1"]);
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["name"], "Invoice 17.pdf");
    assert_eq!(rows[0]["media_type"], "application/pdf");
    assert_eq!(rows[0]["size"], data.len() as u64);
    assert_eq!(rows[0]["note"], "warranty claim");
    let id = rows[0]["id"].as_i64().unwrap().to_string();
    let text = db.ok(&["attachments", "list", "SRV-1"]);
    assert!(
        text.contains("Invoice 17.pdf") && text.contains("2.6 MB"),
        "{text}"
    );

    let back = db.dir.path().join("back.pdf");
    db.ok(&["attachments", "save", &id, "-o", back.to_str().unwrap()]);
    assert_eq!(std::fs::read(&back).unwrap(), data);

    let shown = db.ok(&["assets", "show", "SRV-1"]);
    assert!(shown.contains("Attached Invoice 17.pdf"), "{shown}");
    db.ok(&["attachments", "remove", &id]);
    assert_eq!(
        db.json(&["attachments", "list", "SRV-1"]),
        serde_json::json!([])
    );
    let err = db.fails(&["attachments", "save", &id, "-o", back.to_str().unwrap()]);
    assert!(err.contains("attachment not found"), "{err}");
}

#[test]
fn one_invoice_goes_to_every_asset_of_its_order_and_to_a_work_entry() {
    let db = Db::new();
    for i in 1..=3 {
        db.ok(&[
            "assets",
            "add",
            "--tag",
            &format!("LAP-{i}"),
            "--name",
            "Laptop",
            "--category",
            "Laptop",
            "--order-number",
            "PO-123",
        ]);
    }
    db.ok(&[
        "assets",
        "add",
        "--tag",
        "LAP-9",
        "--name",
        "Laptop",
        "--category",
        "Laptop",
        "--order-number",
        "PO-999",
    ]);
    let invoice = file(&db, "PO-123.pdf", &noise(40_000, 5));
    let out = db.ok(&[
        "attach",
        "--category",
        "Laptop",
        "--invoice-number",
        "po-123",
        invoice.to_str().unwrap(),
    ]);
    assert_eq!(out.trim(), "attached 1 file to 3 assets (3 links)");
    for (tag, n) in [("LAP-1", 1), ("LAP-2", 1), ("LAP-3", 1), ("LAP-9", 0)] {
        let list = db.json(&["attachments", "list", tag]);
        assert_eq!(list.as_array().unwrap().len(), n, "{tag}");
    }

    let work = db.json(&["log", "add", "LAP-1", "--summary", "Screen replaced"]);
    let work_id = work["id"].as_i64().unwrap();
    let report = file(&db, "vendor report.txt", b"panel swapped under RMA 42");
    let target = format!("work:{work_id}");
    db.ok(&["attach", "LAP-1", report.to_str().unwrap(), "--to", &target]);
    let list = db.json(&["attachments", "list", "LAP-1"]);
    let on_work = list
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "vendor report.txt")
        .expect("the report is listed");
    assert_eq!(
        on_work["attached_to"],
        serde_json::json!({"kind": "work", "id": work_id})
    );
    let err = db.fails(&["attach", "LAP-2", report.to_str().unwrap(), "--to", &target]);
    assert!(err.contains("belongs to another asset"), "{err}");
    let err = db.fails(&[
        "attach",
        "LAP-2",
        report.to_str().unwrap(),
        "--to",
        "invoice:1",
    ]);
    assert!(err.contains("expected coverage:ID or work:ID"), "{err}");
}

#[test]
fn a_bad_file_is_refused_with_why_and_nothing_of_the_command_is_stored() {
    let db = Db::new();
    db.add("PC-1", "Desk PC");
    let good = file(&db, "good.txt", b"fine");
    let empty = file(&db, "empty.txt", b"");
    let missing = db.dir.path().join("vanished.pdf");
    let cases = [
        (empty.to_str().unwrap().to_string(), "empty (0 bytes)"),
        (missing.to_str().unwrap().to_string(), "vanished.pdf"),
        (db.dir.path().to_str().unwrap().to_string(), "not a file"),
    ];
    for (bad, why) in &cases {
        let err = db.fails(&["attach", "PC-1", good.to_str().unwrap(), bad]);
        assert!(err.contains(why), "{bad}: {err}");
        assert_eq!(
            db.json(&["attachments", "list", "PC-1"]),
            serde_json::json!([])
        );
    }
    db.ok(&["settings", "set", "attachment_max_mb", "1"]);
    let big = file(&db, "disk.img", &noise(1_200_000, 7));
    let err = db.fails(&["attach", "PC-1", big.to_str().unwrap()]);
    assert!(err.contains("is 1.2 MB, over the limit of 1.0 MB"), "{err}");
    let err = db.fails(&["attach", "NOPE-1", good.to_str().unwrap()]);
    assert!(err.contains("NOPE-1"), "{err}");
    assert_eq!(
        db.json(&["attachments", "list", "PC-1"]),
        serde_json::json!([])
    );
}

#[test]
fn an_exported_folder_imported_into_a_new_register_brings_every_link_back() {
    let from = Db::new();
    from.add("SRV-1", "Web");
    from.add("SRV-2", "Mail");
    let manual = file(&from, "manual.pdf", &noise(1_500_000, 9));
    let photo = file(&from, "rack.jpg", &noise(9_000, 11));
    from.ok(&[
        "attach",
        "SRV-1",
        manual.to_str().unwrap(),
        photo.to_str().unwrap(),
    ]);
    from.ok(&["attach", "SRV-2", manual.to_str().unwrap()]);
    let out = from.dir.path().join("export");
    let said = from.ok(&["export", "attachments", "-o", out.to_str().unwrap()]);
    assert!(
        said.starts_with("2 files (1.5 MB) and 3 links written to"),
        "{said}"
    );
    assert!(out.join("attachments.csv").is_file());

    let to = Db::new();
    to.add("SRV-1", "Web");
    to.add("SRV-2", "Mail");
    let said = to.ok(&["import", out.to_str().unwrap()]);
    assert_eq!(
        said.trim(),
        "3 attachment links made (2 files read in); 0 already there"
    );
    let names = |db: &Db, tag: &str| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = db
            .json(&["attachments", "list", tag])
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["name"].as_str().unwrap().into(),
                    l["sha256"].as_str().unwrap().into(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&from, "SRV-1"), names(&to, "SRV-1"));
    assert_eq!(names(&from, "SRV-2"), names(&to, "SRV-2"));
    let again = to.ok(&["import", out.join("attachments.csv").to_str().unwrap()]);
    assert_eq!(
        again.trim(),
        "0 attachment links made (0 files read in); 3 already there"
    );
}
