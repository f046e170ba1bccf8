//! Fuzzes the importer's parse and preview on arbitrary bytes: decoding,
//! delimiter sniffing, header binding, row checks and the dry-run write path
//! into an in-memory register. Any panic is a bug; errors are expected.
//!
//! One register serves every input. Migrating a new one for each input held
//! the target to about 30 executions a second; a dry run writes nothing (its
//! transaction is always rolled back), so every input meets the same empty
//! register. Every [`CHECK_EVERY`]th input checks that promise: the register
//! still has no assets, lookups or locations, and still previews a known
//! file (a transaction left open by an earlier input would make every later
//! import fail quietly, and the fuzzer would learn nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::io::Cursor;
use tend_core::csv::import::ImportMode;
use tend_core::csv::{DecimalSeparator, ImportFormat, ImportKind, ImportOptions, MatchBy};
use tend_core::{LookupKind, Register};

/// Inputs between two checks that the dry runs left the register as it was.
const CHECK_EVERY: u64 = 1000;

struct Shared {
    reg: Register,
    /// What the register held when it was opened.
    empty: String,
    inputs: u64,
}

thread_local! {
    static SHARED: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// Everything an import could add, in a comparable form.
fn contents(reg: &Register) -> String {
    let lookups: Vec<_> = [LookupKind::Category, LookupKind::Vendor, LookupKind::Person]
        .into_iter()
        .map(|kind| reg.list_lookups(kind).expect("lookups"))
        .collect();
    format!(
        "assets {} lookups {lookups:?} locations {:?}",
        reg.count_assets().expect("count"),
        reg.list_locations().expect("locations"),
    )
}

/// Panics unless the register is as it was opened and still previews a file.
fn check(shared: &mut Shared) {
    assert_eq!(
        contents(&shared.reg),
        shared.empty,
        "a dry run left something in the register"
    );
    let file = b"tag,name\nF-1,Fuzzed\n";
    let report = shared
        .reg
        .import_csv_from(
            "known.csv",
            Cursor::new(&file[..]),
            file.len() as u64,
            &ImportOptions::default(),
            ImportMode::DryRun,
            &mut |_| {},
        )
        .expect("a known file previews after the fuzzed ones");
    assert!(report.rows == 1 && report.created == 1 && !report.committed);
    assert_eq!(contents(&shared.reg), shared.empty);
}

/// The options the first byte declares. Bits 0 and 1 as the seed corpus was
/// written (a date format, a decimal comma); the others are 0 there.
fn options(flags: u8) -> ImportOptions {
    ImportOptions {
        date_format: (flags & 1 == 1).then(|| "DD/MM/YYYY".to_string()),
        decimal: (flags & 2 == 2).then_some(DecimalSeparator::Comma),
        match_by: if flags & 4 == 4 {
            MatchBy::Serial
        } else {
            MatchBy::default()
        },
        kind: match (flags >> 3) & 3 {
            1 => Some(ImportKind::Assets),
            2 => Some(ImportKind::WorkLog),
            3 => Some(ImportKind::Coverage),
            _ => None,
        },
        format: ImportFormat::ALL
            .get(usize::from(flags >> 5).wrapping_sub(1))
            .copied(),
        ..ImportOptions::default()
    }
}

fuzz_target!(|data: &[u8]| {
    SHARED.with(|cell| {
        let mut cell = cell.borrow_mut();
        let shared = cell.get_or_insert_with(|| {
            let reg = Register::open_in_memory().expect("an in-memory register");
            let empty = contents(&reg);
            Shared {
                reg,
                empty,
                inputs: 0,
            }
        });
        // The first byte picks the declared options, the rest is the file.
        let (options, bytes) = match data.split_first() {
            Some((&flags, rest)) => (options(flags), rest),
            None => (ImportOptions::default(), data),
        };
        let _ = shared.reg.import_csv_from(
            "fuzz.csv",
            Cursor::new(bytes),
            bytes.len() as u64,
            &options,
            ImportMode::DryRun,
            &mut |_| {},
        );
        if shared.inputs % CHECK_EVERY == 0 {
            check(shared);
        }
        shared.inputs += 1;
    });
});
