//! The arguments of `tend import` and `tend export`, kept beside the main
//! command list so that CSV's many options stay in one place.

use crate::flags::parse_status;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use tend_core::AssetStatus;

/// Shown after `tend import --help`.
pub const IMPORT_HELP: &str = "\
Formats: tend (what `tend export` writes), snipeit (importer files and asset list
exports), homebox (HB.* columns), netbox (device exports), mapped (any other file,
with --map). Detected from the header when --format is not given.

Text: UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252; comma,
semicolon or tab between cells (detected). Dates: YYYY-MM-DD always; other
formats only with --date-format (an ambiguous 03/04/2025 is an error, never a
guess). Amounts: 1234.56 or 1,234.56; 1.234,56 needs --decimal ,.

The import is all-or-nothing: one rejected row and nothing is written (exit
code 1). Re-importing a file updates the assets with the same tags.

A folder written by `tend export attachments` (or its attachments.csv) puts
its files back on the assets, coverage and work-log entries it names.

Examples:
  tend import inventory.csv --dry-run --report problems.csv
  tend import snipeit.csv --date-format MM/DD/YYYY
  tend import liste.csv --decimal , --date-format DD.MM.YYYY
  tend import other.csv --format mapped --map \"Inv No=tag\" --map \"Bezeichnung=name\" \\
      --map \"Raum=custom:Room\" --save-mapping";

/// Shown after `tend export --help`.
pub const EXPORT_HELP: &str = "\
Files are RFC 4180 CSV, UTF-8 with a byte-order mark (so Excel reads them; omit it
with --no-bom). A cell starting with = + - @ gets a leading apostrophe so a
spreadsheet never runs it as a formula; `tend import` removes it again.

Examples:
  tend export assets -o assets.csv
  tend export log --category Server -o repairs.csv
  tend export coverage --status in_service
  tend export attachments -o attachments/   (the files, and attachments.csv)";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Tend,
    Snipeit,
    Homebox,
    Netbox,
    Mapped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Assets,
    Log,
    Coverage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EncodingArg {
    Utf8,
    Utf16le,
    Utf16be,
    Windows1252,
    MacRoman,
    #[value(name = "iso-8859-2")]
    Iso8859_2,
    #[value(name = "iso-8859-15")]
    Iso8859_15,
    Windows1250,
    Windows1251,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DelimiterArg {
    #[value(name = ",")]
    Comma,
    #[value(name = ";")]
    Semicolon,
    #[value(name = "tab")]
    Tab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecimalArg {
    #[value(name = ".")]
    Point,
    #[value(name = ",")]
    Comma,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchArg {
    Tag,
    Serial,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file to import.
    pub file: PathBuf,
    /// The tool the file comes from (detected when not given).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// What the rows are (detected for Tend's own files; else assets).
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// The text encoding (detected when not given).
    #[arg(long, value_enum)]
    pub encoding: Option<EncodingArg>,
    /// The character between cells (detected when not given).
    #[arg(long, value_enum)]
    pub delimiter: Option<DelimiterArg>,
    /// The file's date format, e.g. DD/MM/YYYY, MM/DD/YYYY, DD.MM.YYYY, M/D/YY.
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// The decimal separator of amounts: "." or ",".
    #[arg(long, value_enum)]
    pub decimal: Option<DecimalArg>,
    /// How rows find the asset they update: by tag, or by serial number for
    /// files without tags.
    #[arg(long, value_enum, default_value = "tag")]
    pub match_by: MatchArg,
    /// Map a column to a field by hand: "COLUMN=FIELD" (FIELD as in Tend's own
    /// files, e.g. tag, name, purchase_date, custom:Room; "ignore" skips it).
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// Remember the --map mapping for files with the same header.
    #[arg(long)]
    pub save_mapping: bool,
    /// Preview only: report what would be created, updated and rejected,
    /// write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also write every problem (row, column, value, reason) to this CSV file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    Assets,
    Log,
    Plans,
    Coverage,
    /// Every attached file into a folder (-o), with an index (attachments.csv).
    Attachments,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    #[arg(value_enum)]
    pub what: ExportWhat,
    /// Write to this file instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only assets (and their records) with this status.
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    pub status: Option<AssetStatus>,
    /// Only assets of this category (by name, ignoring case).
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Only assets at this location or below it.
    #[arg(long, value_name = "PATH")]
    pub location: Option<String>,
    /// Free text, as in `tend assets list --search`.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Include archived assets.
    #[arg(long)]
    pub archived: bool,
    /// Do not start the file with a UTF-8 byte-order mark.
    #[arg(long)]
    pub no_bom: bool,
}
