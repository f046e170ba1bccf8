//! The five PDF reports through `Register::write_report_on`: the figures and
//! names they print (read back with poppler's pdftotext), page numbering,
//! empty registers, bad options, logos and output paths, cancellation, and
//! the settings reports use.

use std::ops::ControlFlow;
use std::path::Path;
use std::process::Command;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use tend_core::report::{ReportKind, ReportOptions, ReportProgress, ReportStage};
use tend_core::{
    AssetInput, CompletionInput, CoverageInput, ErrorCode, PlanInput, Register, WorkLogInput,
};

use crate::common::{asset, temp_register};

const INTERNATIONAL: &str = "José Müller, Zürich, 東京, Ελληνικά";

fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn today() -> NaiveDate {
    now().date()
}

fn day(offset: i64) -> String {
    (today() + Duration::days(offset)).to_string()
}

fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed (poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Text with runs of whitespace collapsed, so wrapped sentences match.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn run(reg: &Register, kind: ReportKind, dir: &Path, extra: ReportOptions) -> (String, u32) {
    let path = dir.join(format!("{}.pdf", kind.id()));
    let written = reg
        .write_report_on(
            &ReportOptions { kind, ..extra },
            &path,
            now(),
            &mut |_: &ReportProgress| ControlFlow::Continue(()),
        )
        .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    assert!(written.bytes > 1000);
    let text = text_of(&path);
    for n in 1..=written.pages {
        assert!(
            text.contains(&format!("Page {n} of {}", written.pages)),
            "{kind:?}: page {n} of {} missing",
            written.pages
        );
    }
    (flat(&text), written.pages)
}

fn costed(tag: &str, name: &str, category: &str, cost: &str, location: &str) -> AssetInput {
    AssetInput {
        category: category.into(),
        purchase_cost: cost.into(),
        location: location.into(),
        ..asset(tag, name)
    }
}

/// Two servers in Zürich, one laptop in 東京 (owned by the international name).
fn small_register() -> (crate::common::Place, Register) {
    let (dir, mut reg) = temp_register();
    reg.set_setting("organisation_name", "Stadtwerke Zürich")
        .unwrap();
    let s1 = reg
        .create_asset(&costed(
            "SRV-1",
            "Mail server",
            "Server",
            "24100",
            "Zürich › HQ",
        ))
        .unwrap();
    reg.create_asset(&costed(
        "SRV-2",
        "File server",
        "Server",
        "24100",
        "Zürich › DC",
    ))
    .unwrap();
    let l1 = reg
        .create_asset(&costed("LT-1", INTERNATIONAL, "Laptop", "1500.50", "東京"))
        .unwrap();
    for (id, end) in [(s1.id, day(40)), (l1.id, day(-5))] {
        reg.create_coverage(
            id,
            &CoverageInput {
                kind: "manufacturer_warranty".into(),
                provider: "Dell".into(),
                end_date: end,
                ..CoverageInput::default()
            },
        )
        .unwrap();
    }
    reg.create_coverage(
        reg.get_asset_by_tag("SRV-2").unwrap().id,
        &CoverageInput {
            kind: "support_contract".into(),
            end_date: day(80),
            ..CoverageInput::default()
        },
    )
    .unwrap();
    (dir, reg)
}

#[test]
fn inventory_prints_counts_values_and_every_asset() {
    let (dir, reg) = small_register();
    let (text, pages) = run(
        &reg,
        ReportKind::Inventory,
        dir.path(),
        ReportOptions::default(),
    );
    assert!(text.contains("Stadtwerke Zürich"), "{text}");
    assert!(text.contains("Inventory summary"));
    assert!(
        text.contains("The register holds 3 assets, bought for €49,701 in all"),
        "{text}"
    );
    assert!(
        text.contains(
            "Servers account for the largest share of the value: 2 servers worth €48,200"
        ),
        "{text}"
    );
    assert!(
        text.contains("€48,200.00"),
        "category table shows exact sums: {text}"
    );
    assert!(text.contains(INTERNATIONAL), "{text}");
    assert!(
        text.contains("The largest site is Zürich with 2 assets"),
        "{text}"
    );
    assert_eq!(
        pages, 2,
        "summary page, then the asset list on its own page"
    );
}

#[test]
fn inventory_filters_by_category_and_location_subtree() {
    let (dir, reg) = small_register();
    let (text, _) = run(
        &reg,
        ReportKind::Inventory,
        dir.path(),
        ReportOptions {
            location: "zürich".into(),
            ..ReportOptions::default()
        },
    );
    assert!(text.contains("Location: Zürich"), "{text}");
    assert!(
        text.contains("holds 2 assets matching these filters"),
        "{text}"
    );
    assert!(!text.contains("LT-1"));
    let (text, _) = run(
        &reg,
        ReportKind::Inventory,
        dir.path(),
        ReportOptions {
            category: "laptop".into(),
            ..ReportOptions::default()
        },
    );
    assert!(
        text.contains("holds 1 asset matching these filters, bought for €1,501"),
        "{text}"
    );
}

#[test]
fn warranty_counts_exposure_in_assets_and_value() {
    let (dir, reg) = small_register();
    let (text, _) = run(
        &reg,
        ReportKind::Warranty,
        dir.path(),
        ReportOptions::default(),
    );
    assert!(
        text.contains("2 servers lose warranty or support cover in the next 90 days; together they cost €48,200."),
        "{text}"
    );
    assert!(
        text.contains("1 asset is already out of cover; it cost €1,501."),
        "{text}"
    );
    assert!(text.contains("Ending within 30 days 0"), "{text}");
    assert!(
        text.contains("Ending within 90 days 2 €48,200.00"),
        "{text}"
    );
    assert!(text.contains(INTERNATIONAL));
}

#[test]
fn maintenance_reports_overdue_due_and_on_time_rate() {
    let (dir, mut reg) = small_register();
    let srv = reg.get_asset_by_tag("SRV-1").unwrap();
    let start = today() - Duration::days(60);
    // Created as it was on `start`, so that its first occurrence is `start`.
    let plan = reg
        .create_plan(
            srv.id,
            &PlanInput {
                title: "Replace UPS battery".into(),
                every: "1".into(),
                unit: "weeks".into(),
                anchoring: "fixed".into(),
                start_date: start.to_string(),
                expected_minutes: "30".into(),
                ..PlanInput::default()
            },
            start,
        )
        .unwrap();
    // Due at start (done on time), start+7 (done 2 days late).
    for done in [start, start + Duration::days(9)] {
        reg.complete_plan(
            plan.id,
            &CompletionInput {
                completed_on: done.to_string(),
                minutes_spent: "45".into(),
                ..CompletionInput::default()
            },
            today(),
        )
        .unwrap();
    }
    let (text, _) = run(
        &reg,
        ReportKind::Maintenance,
        dir.path(),
        ReportOptions::default(),
    );
    assert!(
        text.contains("1 maintenance task is overdue today"),
        "{text}"
    );
    assert!(
        text.contains("2 tasks were completed: 1 on time and 1 late, an on-time rate of 50 %"),
        "{text}"
    );
    assert!(text.contains("The work took about 1 h 30 min"), "{text}");
    assert!(text.contains("Replace UPS battery"));
}

#[test]
fn repairs_sum_cost_and_downtime_and_rank_assets() {
    let (dir, mut reg) = small_register();
    let lt = reg.get_asset_by_tag("LT-1").unwrap();
    let srv = reg.get_asset_by_tag("SRV-2").unwrap();
    for (id, cost, minutes, summary) in [
        (lt.id, "120.00", "90", "Replaced keyboard"),
        (srv.id, "980.40", "240", "Replaced failed disk"),
        (srv.id, "19.60", "30", "Reseated memory"),
    ] {
        reg.create_work(
            id,
            &WorkLogInput {
                kind: "repair".into(),
                performed_on: day(-3),
                summary: summary.into(),
                cost: cost.into(),
                downtime_minutes: minutes.into(),
                ..WorkLogInput::default()
            },
        )
        .unwrap();
    }
    let (text, _) = run(
        &reg,
        ReportKind::Repairs,
        dir.path(),
        ReportOptions::default(),
    );
    assert!(
        text.contains("3 repairs were logged on 2 assets; they cost €1,120 and took assets out of service for 6 h in all"),
        "{text}"
    );
    assert!(
        text.contains("Servers cost most: €1,000 over 2 repairs"),
        "{text}"
    );
    assert!(
        text.contains("SRV-2 File server 2 €1,000.00 4 h 30 min"),
        "{text}"
    );
    assert!(text.contains("Replaced failed disk"));
}

#[test]
fn dossier_shows_fields_cover_and_history_of_one_asset() {
    let (dir, mut reg) = small_register();
    let laptop = reg.get_asset_by_tag("LT-1").unwrap();
    reg.set_author("Zoë Ek").unwrap();
    reg.create_work(
        laptop.id,
        &WorkLogInput {
            kind: "repair".into(),
            performed_on: day(-2),
            performed_by: "Carl Berg".into(),
            summary: "Keyboard replaced".into(),
            ..WorkLogInput::default()
        },
    )
    .unwrap();
    let (text, _) = run(
        &reg,
        ReportKind::Asset,
        dir.path(),
        ReportOptions {
            asset_tag: "lt-1".into(),
            ..ReportOptions::default()
        },
    );
    assert!(text.contains("Asset dossier: LT-1"), "{text}");
    assert!(text.contains(INTERNATIONAL));
    assert!(text.contains("Its cover ended on"), "{text}");
    assert!(text.contains("Asset created: LT-1"), "history: {text}");
    assert!(text.contains("€1,500.50"));
    // Who: the work log says who did the work and who logged it, the
    // history who made each change.
    assert!(
        text.contains("Done by Logged by"),
        "work log columns: {text}"
    );
    assert!(text.contains("Carl Berg Zoë Ek"), "work log row: {text}");
    assert!(text.contains("Before After By"), "history columns: {text}");
    assert!(
        text.contains("Repair: Keyboard replaced — — Zoë Ek"),
        "history row: {text}"
    );
    let me = crate::common::database_user()
        .or_else(tend_core::author::os_user)
        .unwrap();
    assert!(
        text.contains(&format!("Asset created: LT-1 — {INTERNATIONAL} — — {me}")),
        "the asset was created by the operating-system (or database) user: {text}"
    );

    let err = reg
        .write_report_on(
            &ReportOptions {
                kind: ReportKind::Asset,
                asset_tag: "NOPE-1".into(),
                ..ReportOptions::default()
            },
            &dir.path().join("nope.pdf"),
            now(),
            &mut |_: &ReportProgress| ControlFlow::Continue(()),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(err.to_string().contains("NOPE-1"));
    assert!(!dir.path().join("nope.pdf").exists());
}

#[test]
fn empty_register_gives_valid_reports_saying_so() {
    let (dir, reg) = temp_register();
    for kind in [
        ReportKind::Inventory,
        ReportKind::Warranty,
        ReportKind::Maintenance,
        ReportKind::Repairs,
    ] {
        let (text, pages) = run(&reg, kind, dir.path(), ReportOptions::default());
        assert!(
            text.contains("There is nothing to report"),
            "{kind:?}: {text}"
        );
        assert_eq!(pages, 1);
    }
}

fn refused(reg: &Register, options: ReportOptions, path: &Path) -> tend_core::Error {
    let err = reg
        .write_report_on(&options, path, now(), &mut |_: &ReportProgress| {
            ControlFlow::Continue(())
        })
        .unwrap_err();
    assert!(!path.exists(), "no file after {err}");
    err
}

#[test]
fn bad_options_are_refused_naming_the_option_and_write_nothing() {
    let (dir, mut reg) = small_register();
    let out = dir.path().join("out.pdf");
    let err = refused(
        &reg,
        ReportOptions {
            from: "2025-03-01".into(),
            to: "2025-01-31".into(),
            ..ReportOptions::default()
        },
        &out,
    );
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::Validation, Some("to"))
    );
    assert!(err.to_string().contains("before it starts"), "{err}");
    for (options, field) in [
        (
            ReportOptions {
                from: "31/01/2025".into(),
                ..ReportOptions::default()
            },
            "from",
        ),
        (
            ReportOptions {
                category: "Toasters".into(),
                ..ReportOptions::default()
            },
            "category",
        ),
        (
            ReportOptions {
                location: "Atlantis".into(),
                ..ReportOptions::default()
            },
            "location",
        ),
        (
            ReportOptions {
                paper: "A3".into(),
                ..ReportOptions::default()
            },
            "paper",
        ),
    ] {
        let err = refused(&reg, options, &out);
        assert_eq!(err.field(), Some(field), "{err}");
    }

    let err = refused(
        &reg,
        ReportOptions::default(),
        &dir.path().join("missing/dir/out.pdf"),
    );
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.to_string().contains("missing/dir"), "{err}");

    // A logo that went bad after it was set is named when the report is made.
    let logo = dir.path().join("logo.png");
    std::fs::write(
        &logo,
        include_bytes!("../../tend-pdf/tests/fixtures/logo.png"),
    )
    .unwrap();
    reg.set_setting("logo_path", logo.to_str().unwrap())
        .unwrap();
    std::fs::write(&logo, "not a picture").unwrap();
    let err = refused(&reg, ReportOptions::default(), &out);
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::Validation, Some("logo_path"))
    );
    assert!(err.to_string().contains("logo.png"), "{err}");
}

#[test]
fn cancelling_stops_the_report_and_writes_nothing() {
    let (dir, mut reg) = temp_register();
    tend_core::demo::generate(&mut reg, 600, 7, today()).unwrap();
    let out = dir.path().join("big.pdf");
    let mut seen = Vec::new();
    let err = reg
        .write_report_on(
            &ReportOptions::default(),
            &out,
            now(),
            &mut |p: &ReportProgress| {
                seen.push(*p);
                if p.stage == ReportStage::LayingOut && p.done >= 500 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Cancelled);
    assert!(!out.exists());
    assert!(seen.iter().any(|p| p.stage == ReportStage::Gathering));
    assert!(seen
        .iter()
        .any(|p| p.stage == ReportStage::LayingOut && p.total >= 500));
    assert!(!seen.iter().any(|p| p.stage == ReportStage::Writing));
}

#[test]
fn settings_keep_their_rules() {
    let (dir, mut reg) = temp_register();
    let long = "x".repeat(5000);
    for (key, value) in [
        ("organisation_name", long.as_str()),
        ("organisation_name", "🏭🔧🚀"),
        ("paper_size", "A3"),
        ("currency", "euro"),
        ("date_format", "D/M/Y"),
        ("logo_path", "/nonexistent/logo.png"),
    ] {
        let err = reg.set_setting(key, value).unwrap_err();
        assert_eq!(err.field(), Some(key), "{key}={value}: {err}");
    }
    let not_image = dir.path().join("notes.png");
    std::fs::write(&not_image, "hello").unwrap();
    let err = reg
        .set_setting("logo_path", not_image.to_str().unwrap())
        .unwrap_err();
    assert!(err.to_string().contains("notes.png"), "{err}");

    reg.set_setting("paper_size", "letter").unwrap();
    reg.set_setting("date_format", "dd.mm.yyyy").unwrap();
    let s = reg.settings().unwrap();
    assert_eq!(
        (s.paper_size.as_str(), s.date_format.as_str()),
        ("Letter", "DD.MM.YYYY")
    );
    let mut changed = s.clone();
    changed.organisation_name = "Acme".into();
    changed.currency = "chf".into();
    let saved = reg.update_settings(&changed).unwrap();
    assert_eq!(
        (saved.organisation_name.as_str(), saved.currency.as_str()),
        ("Acme", "CHF")
    );
    changed.paper_size = "B5".into();
    assert_eq!(
        reg.update_settings(&changed).unwrap_err().field(),
        Some("paper_size")
    );
    assert_eq!(
        reg.settings().unwrap().paper_size,
        "Letter",
        "nothing stored"
    );
}
