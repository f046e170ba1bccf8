//! Export → import into an empty database → export gives identical bytes,
//! for arbitrary Unicode, quotes, line breaks and leading = + - @.

use crate::common::temp_register;
use crate::csv_support::*;
use proptest::prelude::*;
use std::collections::BTreeMap;
use tend_core::csv::import::ImportMode::Commit;
use tend_core::csv::{ExportKind, ImportOptions};
use tend_core::{AssetInput, Register};

fn text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[=+\\-@'\"]",
        "\\PC",
        Just("\"".to_string()),
        Just(", ".to_string()),
        Just("; ".to_string()),
    ];
    proptest::collection::vec(piece, 1..max).prop_map(|v| v.concat())
}

fn multiline() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![text(8), Just("\n".to_string()), Just("\r\n".to_string())],
        1..6,
    )
    .prop_map(|v| v.concat())
}

fn input(tag: usize, name: String, notes: String, field: String) -> AssetInput {
    AssetInput {
        tag: format!("T-{tag}"),
        name,
        notes,
        custom_fields: BTreeMap::from([("Field".to_string(), field)]),
        purchase_cost: "12.30".into(),
        purchase_date: "2024-02-29".into(),
        location: "Site A › Room 1".into(),
        ..AssetInput::default()
    }
}

fn register_with(inputs: &[AssetInput]) -> (crate::common::Place, Register, usize) {
    let (d, mut reg) = temp_register();
    let mut made = 0;
    for i in inputs {
        // Inputs the forms would refuse (e.g. only spaces) are skipped.
        if reg.create_asset(i).is_ok() {
            made += 1;
        }
    }
    (d, reg, made)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn export_import_export_is_byte_identical(
        rows in proptest::collection::vec((text(20), multiline(), text(10)), 1..6)
    ) {
        let inputs: Vec<AssetInput> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (name, notes, field))| input(i, name, notes, field))
            .collect();
        let (_d, reg, made) = register_with(&inputs);
        prop_assume!(made > 0);
        let first = export(&reg, ExportKind::Assets);
        let (_d2, mut fresh) = temp_register();
        let report = import_bytes(&mut fresh, &first, &ImportOptions::default(), Commit).unwrap();
        prop_assert!(report.committed, "{:?}", report.problems);
        prop_assert_eq!(report.created as usize, made);
        let second = export(&fresh, ExportKind::Assets);
        prop_assert_eq!(String::from_utf8_lossy(&first), String::from_utf8_lossy(&second));
    }
}

#[test]
fn round_trip_of_every_field_and_the_work_log() {
    let (_d, mut reg) = temp_register();
    let r = import_file(&mut reg, "tend_assets.csv", &ImportOptions::default());
    assert!(r.committed, "{:?}", r.problems);
    import_file(&mut reg, "tend_worklog.csv", &ImportOptions::default());
    let assets = export(&reg, ExportKind::Assets);
    let work = export(&reg, ExportKind::WorkLog);
    assert!(assets.starts_with(b"\xEF\xBB\xBFtag,name,"));
    assert!(
        String::from_utf8_lossy(&assets).contains("'=HYPERLINK(\"\"x\"\")"),
        "formula neutralised"
    );
    let (_d2, mut fresh) = temp_register();
    import_bytes(&mut fresh, &assets, &ImportOptions::default(), Commit).unwrap();
    import_bytes(&mut fresh, &work, &ImportOptions::default(), Commit).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&export(&fresh, ExportKind::Assets)),
        String::from_utf8_lossy(&assets)
    );
    assert_eq!(
        String::from_utf8_lossy(&export(&fresh, ExportKind::WorkLog)),
        String::from_utf8_lossy(&work)
    );
    // The archived asset is in the file only when asked for.
    assert!(!String::from_utf8_lossy(&assets).contains("OLD-0003"));
}

#[test]
fn export_without_bom_and_filtered() {
    let (_d, mut reg) = temp_register();
    import_file(&mut reg, "snipeit_import.csv", &ImportOptions::default());
    let mut out = Vec::new();
    let options = tend_core::csv::ExportOptions {
        bom: false,
        query: tend_core::AssetQuery {
            status: Some(tend_core::AssetStatus::InRepair),
            ..Default::default()
        },
    };
    let n = reg
        .export_csv(ExportKind::Assets, &options, &mut out)
        .unwrap();
    assert_eq!(n, 1);
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("tag,name,"));
    assert!(text.contains("\r\nPRN-0003,Floor 2 printer,"));
    let mut cov = Vec::new();
    reg.export_csv(
        ExportKind::Coverage,
        &tend_core::csv::ExportOptions::default(),
        &mut cov,
    )
    .unwrap();
    let cov = String::from_utf8(cov).unwrap();
    assert!(
        cov.contains("LAP-0001,manufacturer_warranty,HP,,2023-01-31,2026-01-31,"),
        "{cov}"
    );
}
