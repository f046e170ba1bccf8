//! The exports people really have (issue 13): NetBox as its user interface
//! exports it, Homebox items without asset IDs, files of unknown make,
//! status tables, Snipe-IT's checked-out columns. Each from a fixture
//! written after the tools' documented columns.

use crate::common::temp_register;
use crate::csv_support::*;
use tend_core::csv::import::ImportMode;
use tend_core::csv::{ImportFormat, ImportOptions, Severity};
use tend_core::{AssetStatus, RackUnit};

#[test]
fn netbox_ui_export_keeps_model_serial_ip_and_positions_and_names_with_slashes() {
    let (_d, mut reg) = temp_register();
    let r = import_file(&mut reg, "netbox_ui_export.csv", &ImportOptions::default());
    assert_eq!(r.format, ImportFormat::Netbox);
    assert_eq!((r.created, r.rejected), (4, 0), "{:?}", r.problems);
    // Identified by its NetBox ID (no asset tag), and the user is told.
    let rtr = reg.get_asset_by_tag("netbox-101").unwrap();
    assert!(r.problems.iter().any(|p| p.row == 2
        && p.column == "ID"
        && p.severity == Severity::Warning
        && p.reason.contains("NetBox ID 101")));
    assert_eq!(rtr.name, "edge-rtr1");
    assert_eq!(rtr.model.as_deref(), Some("ASR-1001-X"));
    assert_eq!(rtr.serial.as_deref(), Some("FOX1001X"));
    assert_eq!(rtr.ip_address.as_deref(), Some("10.20.0.1/24"));
    assert_eq!(rtr.firmware.as_deref(), Some("IOS-XE"));
    // A "/" is part of a site, location or rack name.
    assert_eq!(
        rtr.location.as_deref(),
        Some("Paris DC/2 › Hall A/B › Panel 07/08")
    );
    assert_eq!(rtr.rack_unit, RackUnit::parse("10.5"));
    assert_eq!(
        rtr.custom_fields.get("Rack face").map(String::as_str),
        Some("Front")
    );
    // Unnamed devices: the model is the name, the ID the identity; two
    // devices of one model do not clash.
    let spare = reg.get_asset_by_tag("netbox-102").unwrap();
    let tall = reg.get_asset_by_tag("netbox-103").unwrap();
    assert_eq!(
        (spare.name.as_str(), tall.name.as_str()),
        ("PowerEdge R650", "PowerEdge R650")
    );
    assert_eq!(spare.status, AssetStatus::Spare);
    assert_eq!(tall.status, AssetStatus::Retired);
    assert_eq!(
        tall.custom_fields.get("NetBox status").map(String::as_str),
        Some("Decommissioning"),
        "the tool's own word is kept"
    );
    // Above 60 U: kept, and said once.
    assert_eq!(tall.rack_unit, Some(RackUnit::whole(72)));
    assert!(r
        .problems
        .iter()
        .any(|p| p.row == 2 && p.column == "Position (U)" && p.reason.contains("half unit U10.5")));
    // An asset tag wins over the ID.
    assert_eq!(reg.get_asset_by_tag("SW-0104").unwrap().name, "core-sw1");
    // An unmapped column is listed with its first values, not dropped silently.
    let cluster = r
        .unmapped
        .iter()
        .find(|c| c.name == "Cluster")
        .expect("listed");
    assert_eq!(cluster.samples, ["cl-01"]);
    assert!(r
        .problems
        .iter()
        .any(|p| p.row == 1 && p.column == "Cluster" && p.reason.contains("\"cl-01\"")));
    // The status table is in the report.
    assert!(r
        .status_map
        .iter()
        .any(|m| m.from == "decommissioning" && m.to == AssetStatus::Retired));
    // Again: found by the same identities, nothing new.
    let again = import_file(&mut reg, "netbox_ui_export.csv", &ImportOptions::default());
    assert_eq!(
        (again.created, again.unchanged),
        (0, 4),
        "{:?}",
        again.problems
    );
}

#[test]
fn rack_positions_above_the_registers_limit_are_a_row_problem() {
    let (_d, mut reg) = temp_register();
    reg.set_setting("rack_units_max", "70").unwrap();
    let r = import_bytes(
        &mut reg,
        std::fs::read(fixture("netbox_ui_export.csv"))
            .unwrap()
            .as_slice(),
        &ImportOptions::default(),
        ImportMode::DryRun,
    )
    .unwrap();
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].0, errs[0].1.as_str()), (4, "Position (U)"));
    assert!(
        errs[0].2.contains("U72") && errs[0].2.contains("70"),
        "{}",
        errs[0].2
    );
}

#[test]
fn netbox_status_that_no_table_knows_is_a_row_problem_not_in_service() {
    let (_d, mut reg) = temp_register();
    let bytes = std::fs::read(fixture("netbox_unknown_status.csv")).unwrap();
    let r = import_bytes(
        &mut reg,
        &bytes,
        &ImportOptions::default(),
        ImportMode::Commit,
    )
    .unwrap();
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].0, errs[0].1.as_str()), (2, "status"));
    assert!(errs[0].2.contains("\"Quarantined\""), "{}", errs[0].2);
    assert!(
        errs[0].2.contains("offline"),
        "names the table: {}",
        errs[0].2
    );
    assert_eq!((r.created, r.rejected), (1, 1));
    assert!(!r.committed);
    assert_eq!(reg.count_assets().unwrap(), 0);
}

#[test]
fn implausible_years_are_cell_problems_naming_the_date_meant_and_two_digit_years_use_the_spreadsheet_window(
) {
    let (_d, mut reg) = temp_register();
    let bytes = std::fs::read(fixture("dates_implausible_years.csv")).unwrap();
    let r = import_bytes(
        &mut reg,
        &bytes,
        &ImportOptions::default(),
        ImportMode::DryRun,
    )
    .unwrap();
    let errs = errors(&r);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert_eq!((errs[0].0, errs[0].1.as_str()), (2, "purchase_date"));
    assert!(
        errs[0].2.contains("0202-09-30 is probably 2020-09-30"),
        "{}",
        errs[0].2
    );
    assert_eq!((errs[1].0, errs[1].1.as_str()), (3, "end_of_life"));
    assert!(errs[1].2.contains("probably 2024-05-01"), "{}", errs[1].2);
    assert_eq!(r.problems[0].value, "0202-09-30", "the cell as in the file");
    // Spacing kept, in the value and in the reason, in file order.
    assert_eq!(r.problems[2].row, 5);
    assert_eq!(r.problems[2].value, " 03/04/2025 ");
    assert!(
        r.problems[2].reason.contains("\" 03/04/2025 \""),
        "{}",
        r.problems[2].reason
    );

    let r = import_file(
        &mut reg,
        "snipeit_two_digit_years.csv",
        &ImportOptions {
            date_format: Some("M/D/YY".into()),
            ..Default::default()
        },
    );
    assert_eq!(r.created, 1, "{:?}", r.problems);
    let lap = reg.get_asset_by_tag("LAP-1").unwrap();
    assert_eq!(lap.purchase_date.as_deref(), Some("2029-01-23"));
    assert_eq!(lap.end_of_life.as_deref(), Some("1930-12-31"));
}

#[test]
fn homebox_items_without_asset_ids_import_and_are_found_again() {
    let (_d, mut reg) = temp_register();
    let r = import_file(
        &mut reg,
        "homebox_no_asset_ids.csv",
        &ImportOptions::default(),
    );
    assert_eq!(r.format, ImportFormat::Homebox);
    assert_eq!((r.created, r.rejected), (4, 0), "{:?}", r.problems);
    // Homebox's import reference identifies an item.
    let drill = reg.get_asset_by_tag("HB-ref-drill").unwrap();
    assert_eq!(drill.location.as_deref(), Some("Garage › Shelf 2/3"));
    assert_eq!(
        drill.custom_fields.get("Insured").map(String::as_str),
        Some("yes")
    );
    assert_eq!(
        drill.custom_fields.get("Quantity").map(String::as_str),
        Some("1")
    );
    let tv = reg.get_asset_by_tag("HB-ref-tv").unwrap();
    assert_eq!(
        tv.custom_fields.get("Sold on").map(String::as_str),
        Some("2025-01-15")
    );
    assert_eq!(
        tv.custom_fields.get("Sold to").map(String::as_str),
        Some("Neighbour")
    );
    assert_eq!(
        tv.custom_fields.get("Sold price").map(String::as_str),
        Some("80.00")
    );
    assert_eq!(
        tv.custom_fields.get("Sold notes").map(String::as_str),
        Some("Sold with remote")
    );
    assert!(tv.archived_at.is_some());
    // Neither asset ID nor reference: found by name and location.
    let page = reg
        .list_assets(&tend_core::AssetQuery {
            search: Some("HDMI".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.rows.len(), 1);
    let cable = &page.rows[0];
    assert!(cable.tag.starts_with("HB-"), "{}", cable.tag);
    assert_eq!(
        cable.custom_fields.get("Quantity").map(String::as_str),
        Some("4")
    );
    assert_eq!(
        cable
            .custom_fields
            .get("Lifetime warranty")
            .map(String::as_str),
        Some("yes")
    );
    // "1" is shown by Homebox as 000-001.
    assert_eq!(reg.get_asset_by_tag("000-001").unwrap().name, "Router");

    let again = import_file(
        &mut reg,
        "homebox_no_asset_ids.csv",
        &ImportOptions::default(),
    );
    assert_eq!(
        (again.created, again.unchanged),
        (0, 4),
        "{:?}",
        again.problems
    );
    // An older export writes the same item as 000-001: the same asset.
    let old = import_file(
        &mut reg,
        "homebox_old_asset_id.csv",
        &ImportOptions::default(),
    );
    assert_eq!((old.created, old.updated), (0, 1), "{:?}", old.problems);
    assert_eq!(reg.count_assets().unwrap(), 4);
    let router = reg.get_asset_by_tag("000-001").unwrap();
    assert_eq!(router.purchase_date.as_deref(), Some("2021-06-01"));
}

#[test]
fn a_generic_inventory_with_a_serial_number_column_is_not_snipe_it() {
    let (_d, mut reg) = temp_register();
    let path = fixture("generic_inventory.csv");
    let inspection = reg.inspect_csv(&path, &ImportOptions::default()).unwrap();
    assert_eq!(inspection.format, ImportFormat::Mapped);
    let note = inspection.format_note.expect("says no format fits");
    assert!(note.contains("no known format fits"), "{note}");
    let serial = &inspection.columns[1];
    assert_eq!(serial.name, "Serial Number");
    assert_eq!(
        serial.target.as_deref(),
        Some("serial"),
        "pre-filled by name"
    );
    assert_eq!(serial.samples, ["SN-17", "SN-18"]);
    let e = reg
        .import_csv(
            &path,
            &ImportOptions::default(),
            ImportMode::DryRun,
            &mut |_| {},
        )
        .unwrap_err();
    assert!(e.to_string().contains("no known format fits"), "{e}");
}

#[test]
fn snipeit_checked_out_to_columns_give_the_assignee_and_statuses_map_by_table() {
    let (_d, mut reg) = temp_register();
    let r = import_file(
        &mut reg,
        "snipeit_checked_out.csv",
        &ImportOptions::default(),
    );
    assert_eq!(r.format, ImportFormat::SnipeIt);
    assert_eq!((r.created, r.rejected), (3, 0), "{:?}", r.problems);
    let ana = reg.get_asset_by_tag("LAP-0201").unwrap();
    assert_eq!(ana.assigned_to.as_deref(), Some("Ana Silva"));
    assert_eq!(ana.status, AssetStatus::InService);
    let loaner = reg.get_asset_by_tag("LAP-0202").unwrap();
    assert_eq!(
        loaner.assigned_to.as_deref(),
        Some("bwong"),
        "user name without a name"
    );
    assert_eq!(loaner.status, AssetStatus::InRepair);
    assert_eq!(
        loaner
            .custom_fields
            .get("Snipe-IT status")
            .map(String::as_str),
        Some("Pending Diagnostics")
    );
    let rig = reg.get_asset_by_tag("LAP-0203").unwrap();
    assert_eq!(rig.assigned_to.as_deref(), Some("carl@example.org"));
    assert_eq!(rig.status, AssetStatus::Spare);
}

#[test]
fn single_byte_encodings_are_told_apart_by_content_and_shown_with_sample_lines() {
    use tend_core::csv::TextEncoding;
    for (file, encoding, name) in [
        (
            "semicolon_mac_roman.csv",
            TextEncoding::MacRoman,
            "Büro-PC Jürgen",
        ),
        (
            "semicolon_iso8859_2.csv",
            TextEncoding::Iso8859_2,
            "Počítač Łódź",
        ),
        (
            "semicolon_cp1252.csv",
            TextEncoding::Windows1252,
            "Büro-PC Jürgen",
        ),
    ] {
        let (_d, mut reg) = temp_register();
        let inspection = reg
            .inspect_csv(&fixture(file), &ImportOptions::default())
            .unwrap();
        assert_eq!(inspection.encoding, encoding, "{file}");
        let first = &inspection.encodings[0];
        assert_eq!(first.encoding, encoding, "{file}: the chosen one first");
        assert!(first.lines[1].contains(name), "{file}: {:?}", first.lines);
        assert!(
            inspection
                .encodings
                .iter()
                .any(|e| e.encoding == TextEncoding::Windows1252),
            "{file}: the others offered"
        );
        let r = import_file(
            &mut reg,
            file,
            &ImportOptions {
                date_format: Some("DD.MM.YYYY".into()),
                decimal: Some(tend_core::csv::DecimalSeparator::Comma),
                ..Default::default()
            },
        );
        assert_eq!(r.rejected, 0, "{file}: {:?}", r.problems);
        assert_eq!(
            reg.get_asset_by_tag("PC-0001").unwrap().name,
            name,
            "{file}"
        );
    }
}

#[test]
fn a_file_read_in_the_wrong_single_byte_encoding_blames_the_encoding() {
    let (_d, mut reg) = temp_register();
    // Mac Roman's "ü" is 0x9F, and 0x8D ("ç") is undefined in Windows-1252.
    let bytes = std::fs::read(fixture("mac_roman_undefined_in_1252.csv")).unwrap();
    let r = import_bytes(
        &mut reg,
        &bytes,
        &ImportOptions {
            encoding: Some(tend_core::csv::TextEncoding::Windows1252),
            ..Default::default()
        },
        ImportMode::Commit,
    )
    .unwrap();
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!((errs[0].0, errs[0].1.as_str()), (2, "name"));
    assert!(
        errs[0].2.contains("0x8D") && errs[0].2.contains("encoding"),
        "{}",
        errs[0].2
    );
    assert!(!errs[0].2.contains("line breaks"), "{}", errs[0].2);
    // Undeclared, the content says Mac Roman.
    let r = import_bytes(
        &mut reg,
        &bytes,
        &ImportOptions::default(),
        ImportMode::Commit,
    )
    .unwrap();
    assert_eq!(r.encoding, tend_core::csv::TextEncoding::MacRoman);
    assert_eq!(reg.get_asset_by_tag("PC-1").unwrap().name, "Garçon Müller");
}
