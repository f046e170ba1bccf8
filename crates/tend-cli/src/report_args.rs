//! The command line of `tend report …` and `tend settings …`, declared with
//! clap. Their doc comments are the help text.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Shown after `tend report --help`.
pub const REPORT_HELP: &str = "\
Examples:
  tend report inventory -o inventory.pdf
  tend report warranty --location \"Zürich › HQ\" --paper letter -o warranty.pdf
  tend report maintenance --from 2025-01-01 --to 2025-03-31 -o maintenance-q1.pdf
  tend report repairs --category Server --from 2025-01-01 -o server-repairs.pdf
  tend report asset SRV-0042 -o SRV-0042.pdf

Periods: inventory lists assets purchased in the period (all assets when none is
given); warranty looks ahead from --from (default today) to --to (default a year
later); maintenance counts completions from --from to --to (default the last 90
days) and what is overdue and due in the next 30 days as of today; repairs covers
--from to --to (default the last 12 months). The organisation's name and logo,
the currency, date format and default paper come from `tend settings`.

The file is written whole or not at all: a missing folder, an unknown asset tag,
a period that ends before it starts or a logo that is not a PNG/JPEG is an error
(exit 1) and leaves no file behind.";

/// Shown after `tend settings --help`.
pub const SETTINGS_HELP: &str = "\
Settings:
  organisation_name  shown at the top of every report page (at most 200 characters,
                     with at least one letter or digit)
  logo_path          a PNG or JPEG shown beside the name (empty to remove)
  currency           default currency of new amounts, three letters (EUR, USD, ...)
  paper_size         A4 or Letter, the reports' default paper
  date_format        YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY (reports)
  rack_units_max     the highest rack unit assets and imports may take, 1 to 9999
                     (default 100)

Examples:
  tend settings get
  tend settings get currency
  tend settings set organisation_name \"Stadtwerke Zürich\"
  tend settings set logo_path ~/logo.png";

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Counts and purchase value by category, status and site; then every asset.
    Inventory(ReportArgs),
    /// Cover expired and ending in 30/90/180 days and by quarter; end of life
    /// and support ahead; the exposure in assets and value.
    Warranty(ReportArgs),
    /// Overdue and due maintenance; completions on time or late; time spent.
    Maintenance(ReportArgs),
    /// Repairs in the period: cost and downtime by month, by category, and the
    /// assets that cost most.
    Repairs(ReportArgs),
    /// One asset: every field, its coverage, plans, work log and history.
    Asset(AssetReportArgs),
}

/// Options of the summary reports.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day of the period (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Last day of the period (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only assets of this category.
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Only assets at this location or below it ("Site › Building").
    #[arg(long, value_name = "PATH")]
    pub location: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options of the asset dossier.
#[derive(Debug, Args)]
pub struct AssetReportArgs {
    /// The asset's tag.
    pub tag: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Where the PDF goes, and on what paper.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// The PDF file to write (its folder must exist).
    #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
    pub output: PathBuf,
    /// a4 or letter; default: the paper_size setting.
    #[arg(long, value_name = "a4|letter")]
    pub paper: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Print every setting, or the value of one.
    Get(SettingsGetArgs),
    /// Change a setting (checked: see `tend settings --help`).
    Set(SettingsSetArgs),
}

#[derive(Debug, Args)]
pub struct SettingsGetArgs {
    /// organisation_name, logo_path, currency, paper_size or date_format.
    pub key: Option<String>,
}

#[derive(Debug, Args)]
pub struct SettingsSetArgs {
    /// organisation_name, logo_path, currency, paper_size or date_format.
    pub key: String,
    /// The new value ("" clears organisation_name and logo_path).
    pub value: String,
}
