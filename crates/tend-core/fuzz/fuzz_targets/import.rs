//! Fuzzes the importer's parse and preview on arbitrary bytes: decoding,
//! delimiter sniffing, header binding, row checks and the dry-run write path
//! into an in-memory register. Any panic is a bug; errors are expected.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Cursor;
use tend_core::csv::import::ImportMode;
use tend_core::csv::{DecimalSeparator, ImportOptions};
use tend_core::Register;

fuzz_target!(|data: &[u8]| {
    let Ok(mut reg) = Register::open_in_memory() else {
        return;
    };
    // The first byte picks the declared options, the rest is the file.
    let (options, bytes) = match data.split_first() {
        Some((flags, rest)) => (
            ImportOptions {
                date_format: (flags & 1 == 1).then(|| "DD/MM/YYYY".to_string()),
                decimal: (flags & 2 == 2).then_some(DecimalSeparator::Comma),
                ..ImportOptions::default()
            },
            rest,
        ),
        None => (ImportOptions::default(), data),
    };
    let _ = reg.import_csv_from(
        "fuzz.csv",
        Cursor::new(bytes),
        bytes.len() as u64,
        &options,
        ImportMode::DryRun,
        &mut |_| {},
    );
});
