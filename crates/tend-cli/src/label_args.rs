//! Arguments of `tend labels`.

use clap::Args;
use std::path::PathBuf;

pub const LABELS_HELP: &str = "\
Layouts (--layout): avery-l7163 (A4, 2 × 7, the default), avery-l7160 (A4,
3 × 7), avery-5160 (Letter, 3 × 10), avery-5163 (Letter, 2 × 5),
brother-62x29, brother-29x90, dymo-99012, zebra-2x1 (one label per page),
or custom with --columns, --rows, --margin and --gap (millimetres) on A4, or
on Letter with --letter. The PDF prints at exact size: print it at 100 %
(\"actual size\"), not \"fit to page\".

Each label shows the tag, a QR code, the name, the serial, the
organisation's name and the line set with `tend settings set
label_return_line \"Return to IT, ext. 4242\"`. The QR code holds the tag,
or a link: `tend settings set label_qr_url
https://wiki.example.org/assets/{tag}`.

--zpl writes ZPL for Zebra printers instead (203 dpi) to -o FILE, or sends
it to --printer HOST[:PORT] (port 9100 unless given).

Examples:
  tend labels SRV-0001 SW-0002 -o labels.pdf
  tend labels --category Laptop --layout avery-l7160 --start 5 -o laptops.pdf
  tend labels --location \"HQ › Server room\" --zpl --printer zebra.example.org";

#[derive(Debug, Args)]
pub struct LabelsArgs {
    /// Tags of the assets to label.
    #[arg(value_name = "TAG")]
    pub tags: Vec<String>,
    /// Every asset of this category (by name, ignoring case).
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Every asset at this location or below it.
    #[arg(long, value_name = "PATH")]
    pub location: Option<String>,
    /// Every asset in the register (archived ones are left out).
    #[arg(long)]
    pub all: bool,
    /// The label layout (see below).
    #[arg(long, value_name = "LAYOUT", default_value = tend_core::labels::DEFAULT_LAYOUT)]
    pub layout: String,
    /// Custom layout: labels side by side.
    #[arg(long, value_name = "N")]
    pub columns: Option<u32>,
    /// Custom layout: labels one above the other.
    #[arg(long, value_name = "N")]
    pub rows: Option<u32>,
    /// Custom layout: the sheet's margin, in millimetres.
    #[arg(long, value_name = "MM", default_value_t = 10.0)]
    pub margin: f32,
    /// Custom layout: the gap between labels, in millimetres.
    #[arg(long, value_name = "MM", default_value_t = 2.0)]
    pub gap: f32,
    /// Custom layout: US Letter instead of A4.
    #[arg(long)]
    pub letter: bool,
    /// Start at this place of the first sheet (1 is the top-left label), to
    /// use a sheet partly used before.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub start: usize,
    /// Print the organisation's logo (the setting logo_path) on each label.
    #[arg(long)]
    pub logo: bool,
    /// Write ZPL for a Zebra printer instead of a PDF.
    #[arg(long)]
    pub zpl: bool,
    /// Send the ZPL to this printer's raw port: HOST or HOST:PORT (9100).
    #[arg(
        long,
        value_name = "HOST[:PORT]",
        requires = "zpl",
        conflicts_with = "output"
    )]
    pub printer: Option<String>,
    /// The file to write (a PDF, or ZPL with --zpl).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
