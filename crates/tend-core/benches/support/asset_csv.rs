//! The asset CSV the import benches read: `rows` assets with 15 columns,
//! quoted commas, line breaks in notes and Unicode, and with `dated` two
//! more, as real inventories have: warranty months (a manufacturer's
//! warranty from the purchase date; empty on one row in five) and end of
//! life. Kept under target/bench-data/ and reused (included with `#[path]`).

use std::io::Write;
use std::path::{Path, PathBuf};

fn bench_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    dir
}

const HEADER: &str = "tag,name,category,status,manufacturer,model,serial,location,hostname,ip_address,purchase_date,purchase_cost,currency,supplier,notes";

/// Writes `rows` assets (kept and reused when already there).
#[allow(dead_code)] // each bench that includes this file uses one of the two
pub fn asset_csv(rows: u64) -> PathBuf {
    write(0, rows, false)
}

/// Writes `rows` assets with warranty months and end of life.
#[allow(dead_code)]
pub fn dated_asset_csv(rows: u64) -> PathBuf {
    write(0, rows, true)
}

/// Writes `rows` assets with dates whose tags follow those of a file of
/// `first` rows (A-{first} onwards): new assets for a register holding it.
#[allow(dead_code)]
pub fn more_dated_asset_csv(first: u64, rows: u64) -> PathBuf {
    write(first, rows, true)
}

fn write(first: u64, rows: u64, dated: bool) -> PathBuf {
    let name = if dated { "assets-dated" } else { "assets" };
    let path = if first == 0 {
        bench_dir().join(format!("{name}-{rows}.csv"))
    } else {
        bench_dir().join(format!("{name}-{first}+{rows}.csv"))
    };
    if path.exists() {
        return path;
    }
    let tmp = path.with_extension("tmp");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp).expect("create csv"));
    if dated {
        writeln!(w, "{HEADER},warranty_months,end_of_life").unwrap();
    } else {
        writeln!(w, "{HEADER}").unwrap();
    }
    let categories = ["Server", "Switch", "Laptop", "Printer", "UPS", "Firewall"];
    let makers = ["Dell", "HP", "Cisco", "Lenovo", "APC", "Fortinet"];
    let sites = [
        "München › Halle 1",
        "東京 › Floor 3",
        "HQ › Building A › Room 1",
        "Zürich",
    ];
    let statuses = ["in_service", "spare", "in_repair", "retired"];
    for i in first..first + rows {
        let k = i as usize;
        write!(
            w,
            "A-{i:07},\"Asset {i}, rack {}\",{},{},{},Model {},SN{i:09},{},host-{i},10.{}.{}.{},20{:02}-{:02}-{:02},{}.{:02},EUR,Supplier {},\"Notes for {i}:\nline two with \"\"quotes\"\", Ünïcödé ✓\"",
            i % 40,
            categories[k % categories.len()],
            statuses[k % statuses.len()],
            makers[k % makers.len()],
            k % 97,
            sites[k % sites.len()],
            (i / 65536) % 256,
            (i / 256) % 256,
            i % 256,
            10 + i % 15,
            1 + i % 12,
            1 + i % 28,
            100 + i % 9000,
            i % 100,
            k % 50,
        )
        .unwrap();
        if dated {
            let months = ["12", "24", "36", "60", ""][k % 5];
            write!(
                w,
                ",{months},20{}-{:02}-{:02}",
                28 + i % 10,
                1 + i % 12,
                1 + i % 28
            )
            .unwrap();
        }
        writeln!(w).unwrap();
    }
    w.flush().unwrap();
    drop(w);
    std::fs::rename(&tmp, &path).expect("rename csv");
    path
}
