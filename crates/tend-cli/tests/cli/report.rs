//! `tend report …` and `tend settings …` end to end: the PDFs read back with
//! poppler (pdftotext, pdfinfo) and checked by qpdf, and bad input refused
//! with exit 1, a clear message and no file.

use std::path::Path;
use std::process::Command;

use crate::support::Db;

const INTERNATIONAL: &str = "José Müller, Zürich, 東京, Ελληνικά";

fn tool(program: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(pdf)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{program} is installed: {e}"));
    assert!(
        out.status.success(),
        "{program} {} failed: {}{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of a PDF, whitespace collapsed; checks qpdf and the page numbers.
fn checked_text(pdf: &Path) -> String {
    tool("qpdf", &["--check"], pdf);
    let info = tool("pdfinfo", &[], pdf);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count");
    let text = tool("pdftotext", &["-enc", "UTF-8"], pdf);
    for n in 1..=pages {
        assert!(
            text.contains(&format!("Page {n} of {pages}")),
            "{}: \"Page {n} of {pages}\" missing",
            pdf.display()
        );
    }
    assert!(!text.contains(&format!("Page {} of", pages + 1)));
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn demo_with_international_asset() -> Db {
    let db = Db::new();
    db.ok(&["demo", "--assets", "120", "--seed", "3"]);
    db.ok(&["settings", "set", "organisation_name", "Stadtwerke Zürich"]);
    db.ok(&[
        "assets",
        "add",
        "--tag",
        "INT-1",
        "--name",
        INTERNATIONAL,
        "--category",
        "Laptop",
        "--location",
        "東京 › Shibuya",
        "--cost",
        "1500.50",
        "--currency",
        "EUR",
    ]);
    db
}

#[test]
fn every_report_prints_its_figures_and_passes_qpdf() {
    let db = demo_with_international_asset();
    let dir = db.dir.path();
    let count = db.json(&["assets", "list", "--limit", "1"])["total"]
        .as_u64()
        .unwrap();

    let inventory = dir.join("inventory.pdf");
    let out = db.ok(&["report", "inventory", "-o", inventory.to_str().unwrap()]);
    assert!(out.starts_with("wrote "), "{out}");
    let text = checked_text(&inventory);
    assert!(text.contains("Stadtwerke Zürich"));
    assert!(text.contains("Inventory summary"));
    assert!(
        text.contains(&format!("The register holds {count} assets")),
        "{text}"
    );
    assert!(
        text.contains(INTERNATIONAL),
        "the asset list shows the name whole"
    );
    assert!(text.contains("東京"));

    for kind in ["warranty", "maintenance", "repairs"] {
        let pdf = dir.join(format!("{kind}.pdf"));
        let written = db.json(&["report", kind, "-o", pdf.to_str().unwrap()]);
        assert!(written["pages"].as_u64().unwrap() >= 1);
        let text = checked_text(&pdf);
        assert!(text.contains("Stadtwerke Zürich"), "{kind}");
        assert!(text.contains("At a glance"), "{kind}");
        match kind {
            "warranty" => assert!(text.contains("Cover ending by quarter"), "{text}"),
            "maintenance" => assert!(text.contains("on-time rate of"), "{text}"),
            _ => assert!(text.contains("The costliest month was"), "{text}"),
        }
    }

    let dossier = dir.join("asset.pdf");
    db.ok(&[
        "report",
        "asset",
        "int-1",
        "-o",
        dossier.to_str().unwrap(),
        "--paper",
        "letter",
    ]);
    let text = checked_text(&dossier);
    assert!(text.contains("Asset dossier: INT-1"));
    assert!(text.contains(INTERNATIONAL));
    assert!(text.contains("€1,500.50"));
    let info = tool("pdfinfo", &[], &dossier);
    assert!(info.contains("(letter)"), "US Letter: {info}");
}

#[test]
fn filters_and_period_narrow_the_report() {
    let db = demo_with_international_asset();
    let pdf = db.dir.path().join("tokyo.pdf");
    db.ok(&[
        "report",
        "inventory",
        "--location",
        "東京",
        "--category",
        "laptop",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let text = checked_text(&pdf);
    assert!(text.contains("Category: Laptop · Location: 東京"), "{text}");
    assert!(
        text.contains("The register holds 1 asset matching these filters, bought for €1,501"),
        "{text}"
    );

    let pdf = db.dir.path().join("repairs.pdf");
    db.ok(&[
        "report",
        "repairs",
        "--from",
        "2001-01-01",
        "--to",
        "2001-12-31",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let text = checked_text(&pdf);
    assert!(text.contains("2001-01-01 – 2001-12-31"), "{text}");
    assert!(text.contains("There is nothing to report"), "{text}");
}

#[test]
fn empty_register_reports_that_there_is_nothing_to_report() {
    let db = Db::new();
    let pdf = db.dir.path().join("empty.pdf");
    db.ok(&["report", "warranty", "-o", pdf.to_str().unwrap()]);
    let text = checked_text(&pdf);
    assert!(text.contains("There is nothing to report"), "{text}");
}

#[test]
fn bad_input_exits_1_with_a_clear_message_and_no_file() {
    let db = demo_with_international_asset();
    let dir = db.dir.path();
    let out = dir.join("out.pdf");
    let o = out.to_str().unwrap();
    let missing = dir.join("no/such/dir/out.pdf");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["report", "inventory", "-o", missing.to_str().unwrap()],
            "does not exist",
        ),
        (
            vec!["report", "asset", "NOPE-404", "-o", o],
            "asset not found: NOPE-404",
        ),
        (
            vec![
                "report",
                "repairs",
                "--from",
                "2025-03-01",
                "--to",
                "2025-01-31",
                "-o",
                o,
            ],
            "ends on 2025-01-31 before it starts on 2025-03-01",
        ),
        (
            vec!["report", "warranty", "--from", "03/01/2025", "-o", o],
            "YYYY-MM-DD",
        ),
        (
            vec!["report", "inventory", "--category", "🔥🔥🔥", "-o", o],
            "no category named",
        ),
        (
            vec!["report", "inventory", "--paper", "a3", "-o", o],
            "expected A4 or Letter",
        ),
    ];
    for (args, message) in cases {
        let stderr = db.fails(&args);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!out.exists() && !missing.exists(), "{args:?} left a file");
    }
    assert_eq!(
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "pdf")
            })
            .count(),
        0
    );
}

#[test]
fn settings_are_checked_and_a_bad_logo_is_named() {
    let db = Db::new();
    let long = "N".repeat(5000);
    for (key, value, message) in [
        ("organisation_name", long.as_str(), "5000 characters long"),
        ("organisation_name", "🏭🔧🚀", "no letters or digits"),
        ("paper_size", "A3", "expected A4 or Letter"),
        ("currency", "euros", "three-letter currency code"),
        ("colour", "blue", "unknown setting \"colour\""),
    ] {
        let stderr = db.fails(&["settings", "set", key, value]);
        assert!(stderr.contains(message), "{key}: {stderr}");
    }
    let fake = db.dir.path().join("logo.png");
    std::fs::write(&fake, "this is text, not a picture").unwrap();
    let stderr = db.fails(&["settings", "set", "logo_path", fake.to_str().unwrap()]);
    assert!(
        stderr.contains("logo.png") && stderr.contains("PNG or JPEG"),
        "{stderr}"
    );

    db.ok(&["settings", "set", "paper_size", "letter"]);
    db.ok(&["settings", "set", "organisation_name", INTERNATIONAL]);
    assert_eq!(db.ok(&["settings", "get", "paper_size"]).trim(), "Letter");
    let all = db.json(&["settings", "get"]);
    assert_eq!(all["organisation_name"], INTERNATIONAL);
    assert_eq!(all["currency"], "EUR");

    // A logo that stops being readable after it was set is named by the report.
    let png = db.dir.path().join("real.png");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tend-pdf/tests/fixtures/logo.png"),
        &png,
    )
    .unwrap();
    db.ok(&["settings", "set", "logo_path", png.to_str().unwrap()]);
    let pdf = db.dir.path().join("with-logo.pdf");
    db.ok(&["report", "inventory", "-o", pdf.to_str().unwrap()]);
    let text = checked_text(&pdf);
    assert!(text.contains(INTERNATIONAL));
    std::fs::write(&png, [0u8; 16]).unwrap();
    std::fs::remove_file(&pdf).unwrap();
    let stderr = db.fails(&["report", "inventory", "-o", pdf.to_str().unwrap()]);
    assert!(stderr.contains("real.png"), "{stderr}");
    assert!(!pdf.exists());
}
