//! Import behaviour: preview counts, all-or-nothing, re-import updates,
//! duplicate tags, matching by serial, manual mapping, the problems CSV.

use crate::common::{asset, temp_register};
use crate::csv_support::*;
use tend_core::csv::import::ImportMode::{Commit, DryRun};
use tend_core::csv::{ColumnMapping, ImportFormat, ImportOptions, MatchBy, Severity};

const HEADER: &str = "tag,name,serial,purchase_date\n";

#[test]
fn preview_counts_and_writes_nothing() {
    let (_d, mut reg) = temp_register();
    reg.create_asset(&asset("A-1", "Old name")).unwrap();
    reg.create_asset(&asset("A-2", "Same")).unwrap();
    let text =
        format!("{HEADER}A-1,New name,,\nA-2,Same,,\nA-3,Brand new,,\nA-4,Bad date,,03/04/2025\n");
    let r = import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), DryRun).unwrap();
    assert_eq!(
        (r.rows, r.created, r.updated, r.unchanged, r.rejected),
        (4, 1, 1, 1, 1)
    );
    assert!(!r.committed);
    assert_eq!(errors(&r), vec![(5, "purchase_date".to_string(), "the date \"03/04/2025\" could be read more than one way; declare the date format (e.g. DD/MM/YYYY or MM/DD/YYYY)".to_string())]);
    assert_eq!(reg.count_assets().unwrap(), 2);
    assert_eq!(reg.get_asset_by_tag("A-1").unwrap().name, "Old name");
}

#[test]
fn one_bad_row_means_nothing_is_written() {
    let (_d, mut reg) = temp_register();
    let text = format!("{HEADER}A-1,One,,\nA-2,,,\nA-3,Three,,\n");
    let r = import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), Commit).unwrap();
    assert!(!r.committed);
    assert_eq!(r.rejected, 1);
    let e = errors(&r);
    assert_eq!((e[0].0, e[0].1.as_str()), (3, "name"));
    assert_eq!(reg.count_assets().unwrap(), 0);
}

#[test]
fn reimport_updates_by_tag_instead_of_duplicating() {
    let (_d, mut reg) = temp_register();
    let text = format!("{HEADER}A-1,One,S1,2024-01-01\nA-2,Two,S2,\n");
    let first = import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), Commit).unwrap();
    assert_eq!(first.created, 2);
    let again = import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), Commit).unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2));
    let changed = format!("{HEADER}a-1,One renamed,S1,2024-01-01\nA-2,Two,S2,\n");
    let third = import_bytes(
        &mut reg,
        changed.as_bytes(),
        &ImportOptions::default(),
        Commit,
    )
    .unwrap();
    assert_eq!((third.created, third.updated, third.unchanged), (0, 1, 1));
    assert_eq!(reg.count_assets().unwrap(), 2);
    let a1 = reg.get_asset_by_tag("A-1").unwrap();
    assert_eq!(a1.name, "One renamed");
    let history = reg.asset_history(a1.id, 10).unwrap();
    assert!(history.iter().any(
        |h| h.field.as_deref() == Some("name") && h.new_value.as_deref() == Some("One renamed")
    ));
}

#[test]
fn a_tag_twice_in_one_file_is_an_error_on_both_rows() {
    let (_d, mut reg) = temp_register();
    let text = format!("{HEADER}A-1,One,,\nA-2,Two,,\na-1,Again,,\n");
    let r = import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), Commit).unwrap();
    let mut rows: Vec<u64> = errors(&r).iter().map(|e| e.0).collect();
    rows.sort();
    assert_eq!(rows, vec![2, 4]);
    assert_eq!((r.created, r.rejected), (1, 2));
    assert!(errors(&r)
        .iter()
        .all(|e| e.1 == "tag" && e.2.contains("also on row")));
    assert_eq!(reg.count_assets().unwrap(), 0);
}

#[test]
fn match_by_serial_for_files_without_tags() {
    let (_d, mut reg) = temp_register();
    let mut a = asset("SRV-1", "Server");
    a.serial = "XYZ1".into();
    reg.create_asset(&a).unwrap();
    let text = "name,serial\nServer renamed,xyz1\nNew box,NEW9\n";
    let options = ImportOptions {
        match_by: MatchBy::Serial,
        mapping: vec![],
        ..Default::default()
    };
    let r = import_bytes(
        &mut reg,
        text.as_bytes(),
        &ImportOptions {
            format: Some(ImportFormat::Tend),
            ..options
        },
        Commit,
    )
    .unwrap();
    assert_eq!((r.created, r.updated), (1, 1), "{:?}", r.problems);
    assert_eq!(
        reg.get_asset_by_tag("SRV-1").unwrap().name,
        "Server renamed"
    );
    assert_eq!(
        reg.get_asset_by_tag("NEW9").unwrap().serial.as_deref(),
        Some("NEW9")
    );
}

#[test]
fn manual_mapping_is_saved_and_offered_again() {
    let (dir, mut reg) = temp_register();
    let text = "Inventar-Nr;Bezeichnung;Raum\nINV-1;Drucker;B12\n";
    let path = dir.path().join("inventar.csv");
    std::fs::write(&path, text).unwrap();
    let unmapped =
        import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), DryRun).unwrap_err();
    assert!(unmapped.to_string().contains("map them"), "{unmapped}");
    let mapping = vec![
        ColumnMapping {
            column: "Inventar-Nr".into(),
            target: "tag".into(),
        },
        ColumnMapping {
            column: "Bezeichnung".into(),
            target: "name".into(),
        },
        ColumnMapping {
            column: "Raum".into(),
            target: "custom:Room".into(),
        },
    ];
    let options = ImportOptions {
        format: Some(ImportFormat::Mapped),
        mapping: mapping.clone(),
        save_mapping: true,
        ..Default::default()
    };
    let r = import_bytes(&mut reg, text.as_bytes(), &options, Commit).unwrap();
    assert!(r.committed);
    assert_eq!(
        reg.get_asset_by_tag("INV-1")
            .unwrap()
            .custom_fields
            .get("Room")
            .map(String::as_str),
        Some("B12")
    );
    let inspection = reg.inspect_csv(&path, &ImportOptions::default()).unwrap();
    assert_eq!(inspection.saved_mapping, Some(mapping));
    assert_eq!(inspection.format, ImportFormat::Mapped);
    assert_eq!(inspection.columns[0].target.as_deref(), Some("tag"));
    // The saved mapping is used without being given.
    let again = import_bytes(
        &mut reg,
        text.as_bytes(),
        &ImportOptions {
            format: Some(ImportFormat::Mapped),
            ..Default::default()
        },
        DryRun,
    )
    .unwrap();
    assert_eq!(again.unchanged, 1);
}

#[test]
fn problems_are_savable_as_csv() {
    let (_d, mut reg) = temp_register();
    let text = format!("{HEADER}A-1,,,\n=evil,x,,2025-13-01\n");
    let r = import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), DryRun).unwrap();
    let mut out = Vec::new();
    r.write_problems(&mut out, "problems.csv").unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("\u{feff}row,column,value,severity,reason\r\n"),
        "{text}"
    );
    assert!(
        text.contains("2,name,,error,name: is required\r\n"),
        "{text}"
    );
    assert!(text.contains("3,purchase_date,2025-13-01,error,"), "{text}");
    assert_eq!(
        r.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count(),
        2
    );
}

#[test]
fn warranty_months_without_a_purchase_date_is_a_row_error() {
    let (_d, mut reg) = temp_register();
    let text = "Asset Tag,Asset Name,Purchase Date,Warranty (months)\nL-1,Laptop,,36\nL-2,Laptop,2024-01-31,1\n";
    let r = import_bytes(&mut reg, text.as_bytes(), &ImportOptions::default(), DryRun).unwrap();
    assert_eq!(
        errors(&r),
        vec![(
            2,
            "Warranty (months)".to_string(),
            "a warranty in months needs the purchase date it runs from".to_string()
        )]
    );
    assert_eq!(r.created, 1);
}

/// `rows` assets with warranties, archived ones, locations, line breaks and
/// Unicode in their notes.
fn varied_file(rows: std::ops::Range<u32>) -> String {
    let mut text = String::from(
        "tag,name,category,status,manufacturer,serial,location,hostname,purchase_date,warranty_end,archived,notes\n",
    );
    for i in rows {
        let warranty = if i % 3 == 0 { "2030-01-31" } else { "" };
        let archived = if i % 5 == 0 { "yes" } else { "" };
        text.push_str(&format!(
            "A-{i:04},\"Asset {i}, rack {}\",{},{},Dell,SN{i:09},{},host-{i},2024-01-{:02},{warranty},{archived},\"Notes {i}:\nwith \"\"quotes\"\", Ünïcödé\"\n",
            i % 4,
            ["Server", "Laptop"][i as usize % 2],
            ["in_service", "spare", "retired"][i as usize % 3],
            ["Zürich", "HQ › Room 1"][i as usize % 2],
            1 + i % 28,
        ));
    }
    text
}

/// What a register holds after an import, in a comparable form.
fn imported_state(reg: &tend_core::Register) -> Vec<String> {
    let all = tend_core::AssetQuery {
        include_archived: true,
        limit: 1000,
        ..Default::default()
    };
    let page = reg.list_assets(&all).unwrap();
    let mut out: Vec<String> = page
        .rows
        .iter()
        .map(|a| {
            let mut a = a.clone();
            a.created_at.clear();
            a.updated_at.clear();
            a.archived_at = a.archived_at.map(|_| "yes".into());
            let history: Vec<String> = reg
                .asset_history(a.id, 100)
                .unwrap()
                .into_iter()
                .map(|h| format!("{:?} {:?} {}", h.action, h.field, h.summary))
                .collect();
            let cover: Vec<String> = reg
                .list_coverage(a.id)
                .unwrap()
                .into_iter()
                .map(|c| format!("{:?} {}", c.kind, c.end_date))
                .collect();
            format!("{a:?} {history:?} {cover:?}")
        })
        .collect();
    for term in ["quotes", "zurich", "rack 3", "sn000000003", "ünïcödé"] {
        let found = reg
            .list_assets(&tend_core::AssetQuery {
                search: Some(term.into()),
                include_archived: true,
                limit: 1000,
                ..Default::default()
            })
            .unwrap();
        out.push(format!("{term}: {}", found.total));
    }
    out.push(format!("{:?}", reg.check().unwrap()));
    out
}

#[test]
fn a_large_file_goes_in_as_a_small_one_would() {
    // The size decides the path: a large file into an empty register is
    // loaded in bulk (on a team register, sent with COPY).
    let text = varied_file(0..300);
    let mut states = Vec::new();
    for total in [text.len() as u64, 64 << 20] {
        let (_dir, mut reg) = temp_register();
        let r = reg
            .import_csv_from(
                "big.csv",
                std::io::Cursor::new(text.as_bytes().to_vec()),
                total,
                &ImportOptions::default(),
                Commit,
                &mut |_| {},
            )
            .unwrap();
        assert!(r.committed, "{:?}", r.problems.first());
        assert_eq!(r.created, 300);
        // New assets after the import get new ids, and the register works on.
        let next = reg.create_asset(&asset("NEW-1", "After")).unwrap();
        assert!(next.id > 300, "{}", next.id);
        // A team register's import takes cover ids ahead, and gives back
        // those it did not use: the next cover follows the 100 imported.
        let cover = reg
            .create_coverage(
                next.id,
                &tend_core::CoverageInput {
                    end_date: "2031-01-01".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(cover.id, 101);
        states.push(imported_state(&reg));
    }
    assert_eq!(states[0].len(), states[1].len());
    for (row, bulk) in states[0].iter().zip(&states[1]) {
        assert_eq!(row, bulk);
    }
    // A location is not searched; "3" is a prefix (rack 3, and Asset 3, 30…).
    let searched = &states[0][301..];
    assert_eq!(
        searched[..5],
        [
            "quotes: 300",
            "zurich: 0",
            "rack 3: 82",
            "sn000000003: 1",
            "ünïcödé: 300"
        ],
        "{searched:?}"
    );
}
