//! Fuzzes what the desktop's web view can send: arbitrary bytes read as the
//! JSON of a command argument, decoded as every payload type the commands
//! take (`tend_core::payload::decode`: sizes, exact shape, ids), and each decoded
//! input handed to the register function its command calls, on an
//! in-memory register with one asset. Any panic is a bug; errors are
//! expected.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tend_core::csv::import::ImportMode;
use tend_core::csv::{ExportKind, ExportOptions, ImportOptions};
use tend_core::payload::decode as payload;
use tend_core::report::ReportOptions;
use tend_core::settings::Settings;
use tend_core::*;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let Ok(mut reg) = Register::open_in_memory() else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date");
    let Ok(asset) = reg.create_asset(&AssetInput {
        tag: "FUZZ-1".into(),
        name: "Fuzzed".into(),
        ..AssetInput::default()
    }) else {
        return;
    };
    let arg = |v: &Value| v.clone();

    if let Ok(id) = payload::<Id>("id", arg(&value)) {
        let _ = reg.get_asset(id.get());
        let _ = reg.list_plans(id.get());
    }
    for key in ["reason", "until", "start", "file", "path"] {
        if let Ok(text) = payload::<String>(key, arg(&value)) {
            let _ = reg.snooze_plan(1, &text, today, &text);
            let _ = reg.skip_plan(1, &text, &text);
        }
    }
    if let Ok(n) = payload::<u32>("assets", arg(&value)) {
        // Only the bound is fuzzed: a real sample register is too slow here.
        if n == 0 || u64::from(n) > demo::ASSETS_MAX {
            let _ = demo::generate(&mut reg, u64::from(n), 42, today);
        }
    }
    if let Ok(input) = payload::<AssetInput>("input", arg(&value)) {
        let _ = reg.create_asset(&input);
        let _ = reg.update_asset(asset.id, &input);
    }
    if let Ok(query) = payload::<AssetQuery>("query", arg(&value)) {
        let _ = reg.list_assets(&query);
    }
    if let Ok(query) = payload::<DueQuery>("query", arg(&value)) {
        let _ = reg.due_list(&query, today);
    }
    if let Ok(input) = payload::<CoverageInput>("input", arg(&value)) {
        let _ = reg.create_coverage(asset.id, &input);
    }
    if let Ok(input) = payload::<WorkLogInput>("input", arg(&value)) {
        let _ = reg.create_work(asset.id, &input);
    }
    if let Ok(input) = payload::<PlanInput>("input", arg(&value)) {
        if let Ok(plan) = reg.create_plan(asset.id, &input, today) {
            let _ = reg.complete_plan(plan.id, &CompletionInput::default(), today);
        }
    }
    if let Ok(input) = payload::<CompletionInput>("input", arg(&value)) {
        let _ = reg.complete_plan(1, &input, today);
    }
    if let Ok(input) = payload::<PlanTemplateInput>("input", arg(&value)) {
        let _ = reg.create_template(&input);
    }
    if let Ok(kind) = payload::<LookupKind>("kind", arg(&value)) {
        let _ = reg.list_lookups(kind);
    }
    if let Ok(settings) = payload::<Settings>("input", arg(&value)) {
        // A logo is a file: only its decoding is fuzzed.
        let _ = reg.update_settings(&Settings {
            logo_path: String::new(),
            ..settings
        });
    }
    if let Ok(options) = payload::<ExportOptions>("options", arg(&value)) {
        let _ = reg.export_csv(ExportKind::Assets, &options, &mut std::io::sink());
    }
    let _ = payload::<ExportKind>("kind", arg(&value));
    let _ = payload::<ReportOptions>("options", arg(&value));
    if let Ok(options) = payload::<ImportOptions>("options", arg(&value)) {
        let file = b"Asset Tag,Asset Name,Purchase Date\r\nF-2,x,01/02/2025\r\n";
        let _ = reg.import_csv_from(
            "fuzz.csv",
            std::io::Cursor::new(&file[..]),
            file.len() as u64,
            &options,
            ImportMode::DryRun,
            &mut |_| {},
        );
    }
});
