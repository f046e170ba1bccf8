//! The ReportLab baseline shared by the PDF benchmarks (tend-pdf's
//! `benches/table.rs`, and tend-core's `benches/report.rs`, which includes
//! this file by path): writes the rows to a TSV, runs
//! `benches/reportlab_table.py` with the table's layout, and reads back its
//! time and page count.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The table ReportLab draws, as the benchmark's tend-pdf table.
pub struct Layout<'a> {
    pub landscape: bool,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub footer: &'a str,
    /// (header, "pt:WIDTH" or "fr:SHARE"), in order.
    pub columns: &'a [(&'a str, &'a str)],
    /// The column drawn right-aligned (amounts).
    pub right_aligned: usize,
}

fn available() -> bool {
    Command::new("python3")
        .args(["-c", "import reportlab"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Draws `rows` with ReportLab in `dir`; returns its seconds (laying out,
/// drawing and saving, not reading the TSV), pages and output size.
pub fn run<R: AsRef<[String]>>(
    layout: &Layout<'_>,
    rows: &[R],
    dir: &Path,
) -> anyhow::Result<(f64, u64, u64)> {
    if !available() {
        println!("note: python3 module reportlab missing; installing it with pip");
        let status = Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "reportlab"])
            .status()
            .map_err(|e| anyhow::anyhow!("cannot run python3 -m pip: {e}"))?;
        if !status.success() || !available() {
            anyhow::bail!("reportlab could not be installed: run `pip install reportlab`");
        }
    }
    let tsv = dir.join("rows.tsv");
    let text: String = rows.iter().map(|r| r.as_ref().join("\t") + "\n").collect();
    std::fs::write(&tsv, text)?;
    // From either crate (both live under crates/): tend-pdf's folder.
    let tend_pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tend-pdf");
    let out = dir.join("reportlab.pdf");
    let mut command = Command::new("python3");
    command
        .arg(tend_pdf.join("benches/reportlab_table.py"))
        .arg(&tsv)
        .arg(&out)
        .arg(tend_pdf.join("fonts"))
        .args(["--title", layout.title])
        .args(["--subtitle", layout.subtitle])
        .args(["--footer", layout.footer])
        .args(["--right", &layout.right_aligned.to_string()]);
    if layout.landscape {
        command.arg("--landscape");
    }
    for (name, width) in layout.columns {
        command.arg("--column").arg(format!("{name}={width}"));
    }
    let output = command
        .output()
        .map_err(|e| anyhow::anyhow!("cannot run python3: {e}"))?;
    if !output.status.success() {
        anyhow::bail!(
            "reportlab script failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut fields = stdout.split_whitespace();
    let seconds: f64 = fields
        .next()
        .and_then(|f| f.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("reportlab script printed no time: {stdout}"))?;
    let pages: u64 = fields
        .next()
        .and_then(|f| f.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("reportlab script printed no page count: {stdout}"))?;
    let size = std::fs::metadata(&out)?.len();
    Ok((seconds, pages, size))
}
