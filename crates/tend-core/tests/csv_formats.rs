//! Each foreign format and Tend's own, from fixture files written after the
//! tools' documented columns; each encoding and delimiter.

use crate::common::temp_register;
use crate::csv_support::*;
use tend_core::csv::{
    DecimalSeparator, Delimiter, ImportFormat, ImportKind, ImportOptions, TextEncoding,
};
use tend_core::{AssetStatus, Register};

fn reg() -> (crate::common::Place, Register) {
    temp_register()
}

#[test]
fn snipeit_importer_file_with_bom_and_warranty_months() {
    let (_d, mut reg) = reg();
    let r = import_file(&mut reg, "snipeit_import.csv", &ImportOptions::default());
    assert_eq!(
        (r.format, r.encoding),
        (ImportFormat::SnipeIt, TextEncoding::Utf8Bom)
    );
    assert_eq!(
        (r.created, r.rejected, r.committed),
        (3, 0, true),
        "{:?}",
        r.problems
    );
    let lap = reg.get_asset_by_tag("LAP-0001").unwrap();
    assert_eq!(lap.name, "Finance laptop");
    assert_eq!(lap.purchase_cost.as_ref().map(|m| m.minor), Some(124_900));
    assert_eq!(lap.status, AssetStatus::InService);
    assert_eq!(
        lap.custom_fields.get("Model No.").map(String::as_str),
        Some("840G8")
    );
    // 31 Jan 2023 + 36 months = 31 Jan 2026.
    let cov = reg.list_coverage(lap.id).unwrap();
    assert_eq!(cov.len(), 1);
    assert_eq!(cov[0].end_date, "2026-01-31");
    // No name: the model name stands in.
    let srv = reg.get_asset_by_tag("SRV-0002").unwrap();
    assert_eq!(srv.name, "PowerEdge R750");
    assert_eq!(srv.status, AssetStatus::Spare);
    assert_eq!(
        reg.get_asset_by_tag("PRN-0003").unwrap().status,
        AssetStatus::InRepair
    );
    // "Requestable" is not a Tend field: reported, ignored.
    assert!(r
        .problems
        .iter()
        .any(|p| p.column == "Requestable" && p.row == 1));
}

#[test]
fn snipeit_us_dates_need_a_declared_format_and_unknown_statuses_are_reported() {
    let (_d, mut reg) = reg();
    let r = import_bytes(
        &mut reg,
        &std::fs::read(fixture("snipeit_us_dates.csv")).unwrap(),
        &ImportOptions::default(),
        tend_core::csv::import::ImportMode::Commit,
    )
    .unwrap();
    assert!(!r.committed);
    let errs = errors(&r);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert_eq!(errs[0].0, 2);
    assert_eq!(errs[0].1, "Purchase Date");
    assert!(
        errs[0].2.contains("declare the date format"),
        "{}",
        errs[0].2
    );
    assert_eq!(reg.count_assets().unwrap(), 0, "nothing written");

    let options = ImportOptions {
        date_format: Some("M/D/YY".into()),
        ..Default::default()
    };
    let r = import_file(&mut reg, "snipeit_us_dates.csv", &options);
    assert_eq!((r.created, r.rejected), (2, 0), "{:?}", r.problems);
    let old = reg.get_asset_by_tag("LAP-0101").unwrap();
    assert_eq!(old.purchase_date.as_deref(), Some("2023-01-23"));
    assert_eq!(old.status, AssetStatus::Retired);
    assert_eq!(old.purchase_cost.unwrap().currency, "USD");
    // Snipe-IT's own word, mapped by its table and kept beside Tend's.
    let spare = reg.get_asset_by_tag("LAP-0102").unwrap();
    assert_eq!(spare.status, AssetStatus::InRepair);
    assert_eq!(
        spare
            .custom_fields
            .get("Snipe-IT status")
            .map(String::as_str),
        Some("Undeployable")
    );
}

#[test]
fn snipeit_list_export_columns() {
    let (_d, mut reg) = reg();
    let r = import_file(&mut reg, "snipeit_export.csv", &ImportOptions::default());
    assert_eq!(
        (r.format, r.created),
        (ImportFormat::SnipeIt, 1),
        "{:?}",
        r.problems
    );
    let sw = reg.get_asset_by_tag("SW-0017").unwrap();
    assert_eq!(sw.serial.as_deref(), Some("FOC1234X0AB"));
    assert_eq!(sw.model.as_deref(), Some("Catalyst 9300"));
    assert_eq!(sw.end_of_life.as_deref(), Some("2029-03-01"));
    let cov = reg.list_coverage(sw.id).unwrap();
    assert_eq!(
        cov[0].end_date, "2027-03-01",
        "Warranty Expires wins over months"
    );
}

#[test]
fn homebox_current_export_tab_separated() {
    let (_d, mut reg) = reg();
    let r = import_file(&mut reg, "homebox.tsv", &ImportOptions::default());
    assert_eq!(
        (r.format, r.delimiter, r.created),
        (ImportFormat::Homebox, Delimiter::Tab, 2),
        "{:?}",
        r.problems
    );
    let nas = reg.get_asset_by_tag("000-001").unwrap();
    assert_eq!(nas.location.as_deref(), Some("Home › Office › Shelf"));
    assert_eq!(nas.notes.as_deref(), Some("Family NAS\n\nRAID 5"));
    assert_eq!(
        nas.custom_fields.get("Tags").map(String::as_str),
        Some("storage; backup")
    );
    assert_eq!(
        nas.custom_fields.get("VLAN").map(String::as_str),
        Some("10")
    );
    assert_eq!(reg.list_coverage(nas.id).unwrap()[0].end_date, "2027-02-10");
    let ups = reg.get_asset_by_tag("000-002").unwrap();
    assert_eq!(ups.purchase_date, None, "Homebox's zero date is no date");
    assert_eq!(ups.purchase_cost, None);
    assert!(ups.archived_at.is_some());
}

#[test]
fn homebox_older_names() {
    let (_d, mut reg) = reg();
    let r = import_file(&mut reg, "homebox_old.csv", &ImportOptions::default());
    assert_eq!(r.created, 1, "{:?}", r.problems);
    let router = reg.get_asset_by_tag("000-010").unwrap();
    assert_eq!(router.purchase_date.as_deref(), Some("2021-06-01"));
    assert_eq!(
        router.custom_fields.get("Tags").map(String::as_str),
        Some("net; core")
    );
}

#[test]
fn netbox_devices() {
    let (_d, mut reg) = reg();
    let r = import_file(&mut reg, "netbox_devices.csv", &ImportOptions::default());
    assert_eq!(
        (r.format, r.created),
        (ImportFormat::Netbox, 2),
        "{:?}",
        r.problems
    );
    let sw = reg.get_asset_by_tag("NB-0001").unwrap();
    assert_eq!(sw.name, "dc1-sw01");
    assert_eq!(sw.category, "Switch");
    assert_eq!(sw.location.as_deref(), Some("DC1 › Hall A › R01"));
    assert_eq!(sw.rack_unit, Some(tend_core::RackUnit::whole(42)));
    assert_eq!(
        sw.custom_fields.get("support_contract").map(String::as_str),
        Some("SC-99")
    );
    // No asset tag and no ID column: the device name is the tag.
    let fw = reg.get_asset_by_tag("dc1-fw01").unwrap();
    assert_eq!(fw.status, AssetStatus::Spare);
    assert_eq!(fw.location.as_deref(), Some("DC1 › R02"));
}

#[test]
fn every_encoding_and_delimiter_reads_the_same() {
    let options = ImportOptions {
        date_format: Some("DD.MM.YYYY".into()),
        decimal: Some(DecimalSeparator::Comma),
        ..Default::default()
    };
    for (file, encoding, delimiter) in [
        (
            "semicolon_utf8.csv",
            TextEncoding::Utf8,
            Delimiter::Semicolon,
        ),
        (
            "semicolon_utf8_bom.csv",
            TextEncoding::Utf8Bom,
            Delimiter::Semicolon,
        ),
        (
            "semicolon_utf16le.csv",
            TextEncoding::Utf16Le,
            Delimiter::Semicolon,
        ),
        (
            "semicolon_utf16be.csv",
            TextEncoding::Utf16Be,
            Delimiter::Semicolon,
        ),
        (
            "semicolon_cp1252.csv",
            TextEncoding::Windows1252,
            Delimiter::Semicolon,
        ),
        ("tab_utf8.tsv", TextEncoding::Utf8, Delimiter::Tab),
        ("comma_utf8.csv", TextEncoding::Utf8, Delimiter::Comma),
    ] {
        let (_d, mut reg) = reg();
        let r = import_file(&mut reg, file, &options);
        assert_eq!(
            (r.encoding, r.delimiter, r.format, r.kind),
            (encoding, delimiter, ImportFormat::Tend, ImportKind::Assets),
            "{file}"
        );
        assert_eq!(r.created, 1, "{file}: {:?}", r.problems);
        let pc = reg.get_asset_by_tag("PC-0001").unwrap();
        assert_eq!(pc.name, "Büro-PC Jürgen", "{file}");
        assert_eq!(pc.purchase_date.as_deref(), Some("2025-03-04"), "{file}");
        assert_eq!(
            pc.purchase_cost
                .as_ref()
                .map(|m| (m.minor, m.currency.as_str())),
            Some((123_456, "EUR")),
            "{file}"
        );
        assert_eq!(pc.notes.as_deref(), Some("Größe: 5 €"), "{file}");
    }
}

#[test]
fn tend_assets_and_work_log() {
    let (_d, mut reg) = reg();
    let r = import_file(&mut reg, "tend_assets.csv", &ImportOptions::default());
    assert_eq!(
        (r.format, r.created),
        (ImportFormat::Tend, 3),
        "{:?}",
        r.problems
    );
    let srv = reg.get_asset_by_tag("SRV-0001").unwrap();
    assert_eq!(
        srv.notes.as_deref(),
        Some("Line one\nLine \"two\", with comma")
    );
    assert_eq!(
        srv.location.as_deref(),
        Some("HQ › Building A › Server room › Rack 3")
    );
    let sw = reg.get_asset_by_tag("SW-0002").unwrap();
    assert_eq!(
        sw.name, "=HYPERLINK(\"x\")",
        "the guard's apostrophe is removed"
    );
    assert_eq!(sw.notes.as_deref(), Some("-5 dB"));
    assert!(sw.archived_at.is_none());
    assert!(reg
        .get_asset_by_tag("OLD-0003")
        .unwrap()
        .archived_at
        .is_some());

    let r = import_file(&mut reg, "tend_worklog.csv", &ImportOptions::default());
    assert_eq!(
        (r.kind, r.created),
        (ImportKind::WorkLog, 2),
        "{:?}",
        r.problems
    );
    let work = reg.list_work(srv.id, 10).unwrap();
    assert_eq!(work.len(), 2);
    assert!(work.iter().any(|w| w.summary == "Replaced PSU 2"
        && w.covered_by_warranty
        && w.external_ref.as_deref() == Some("RMA-1234")));
    // Again: matched, nothing new.
    let r = import_file(&mut reg, "tend_worklog.csv", &ImportOptions::default());
    assert_eq!((r.created, r.unchanged), (0, 2));
}
