//! The command line, declared with clap. Its doc comments are the CLI's
//! documentation: `tend --help` and `tend <command> --help` print them.

use crate::attach_args::{AttachArgs, AttachmentsCommand, ATTACH_HELP};
use crate::csv_args::{ExportArgs, ImportArgs, EXPORT_HELP, IMPORT_HELP};
use crate::flags::{
    limits_help, parse_cover_state, parse_custom_field, parse_sort_column, parse_status,
};
use crate::label_args::{LabelsArgs, LABELS_HELP};
use crate::plan_args::{DueArgs, PlansCommand, DUE_HELP, PLANS_HELP};
use crate::report_args::{ReportCommand, SettingsCommand, REPORT_HELP, SETTINGS_HELP};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use tend_core::{AssetSortColumn, AssetStatus, CoverState};

/// Shown after the top-level help.
const AFTER_HELP: &str = "\
Examples:
  tend demo --assets 200 --db sample.sqlite      a sample register to explore
  tend assets list --category server --location \"HQ › Building A\" --sort purchase_date
  tend assets add --tag SRV-0042 --name \"Core database server\" --category Server \\
      --serial 7XK2Q93 --purchase-date 2024-05-17 --cost 4890.00 --currency EUR
  tend log add SRV-0042 --kind repair --summary \"Replaced PSU 2\" --outcome replaced \\
      --downtime 45 --covered --ref RMA-1234
  tend assets show SRV-0042 --json
  tend db backup                                  a checked backup in the backup folder
  tend db backups                                 the backups, newest first
  tend db copy tend.sqlite postgres://anna@db.lan/tend   share a register with a team
  tend --db postgres://anna@db.lan/tend db grant ben editor
  tend --wait 600 log add SRV-0042 …              wait up to 10 minutes for an import

Dates are ISO 8601 (YYYY-MM-DD); amounts are in major units (1234.56) with an
ISO 4217 currency code. Locations are paths: \"HQ › Building A › Server room › Rack 3\"
(\">\" or \"/\" also separate the levels).

Who: every change and work-log entry records who made it: your user name on
this computer, or TEND_AUTHOR=\"Anna Berg\" when set.

Output: tables for people; with --json, pretty-printed JSON on stdout whose field
names are the same as the desktop app's.

Errors: one line on stderr, \"tend: error: <what was wrong and where>\". With --json
a second line follows on stderr: the error as a JSON object
{\"code\": ..., \"message\": ..., \"field\": ...}, where code is one of validation,
not_found, conflict, busy, damaged, incompatible, io, storage, unavailable (a
team register's server cannot be reached or refused the login), forbidden (the
server refused a change the user's role may not make).

Exit codes: 0 success; 1 the user can fix it (bad arguments or values, not found,
duplicate, database locked by another program, a damaged register (nothing is
written to it; restore a backup), a file that is not a Tend database, a missing
folder, a failed `db check`); 2 internal error.";

/// Tend keeps the hardware register: assets, warranty and support coverage,
/// and the work log of repairs. `tend` works on the same SQLite database as the
/// desktop app.
#[derive(Debug, Parser)]
#[command(name = "tend", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    /// The register: a database file (created when missing, in an existing
    /// folder), or a team register on PostgreSQL named by a URL,
    /// postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=CA
    /// (libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD, PGSSLMODE, PGSSLROOTCERT
    /// and ~/.pgpass or PGPASSFILE fill in what the URL leaves out).
    /// Default: the desktop app's, ~/.local/share/app.tend.desktop/tend.sqlite
    /// on Linux (its folder is created on first use).
    #[arg(
        long,
        global = true,
        value_name = "PATH|URL",
        env = tend_core::paths::DATABASE_ENV,
        help_heading = "Global options"
    )]
    pub db: Option<PathBuf>,

    /// Print JSON on stdout instead of tables and messages; errors are then
    /// also printed as a JSON object on stderr.
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,

    /// When another program is writing to the register (a long import),
    /// wait up to this many seconds for it before giving up (default 5).
    #[arg(
        long,
        global = true,
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(0..=86_400),
        help_heading = "Global options"
    )]
    pub wait: Option<u64>,

    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process: boxing the larger variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, show, add, update, archive and restore assets.
    #[command(subcommand)]
    Assets(AssetsCommand),
    /// Log repairs and other work on an asset, and list an asset's work log.
    #[command(subcommand)]
    Log(LogCommand),
    /// Add and list warranties and support contracts of an asset.
    #[command(subcommand)]
    Coverage(CoverageCommand),
    /// Check the database's integrity, or back it up.
    #[command(subcommand)]
    Db(DbCommand),
    /// Fill an empty database with a realistic sample register.
    ///
    /// Writes N assets across mixed categories, sites with buildings, rooms and
    /// racks, coverage ending at varied dates, maintenance plans and years of work
    /// log (about ten entries per asset). The same seed gives the same register.
    /// Refuses a database that already holds assets, so sample data never mixes
    /// with a real register: point --db at a new file instead.
    Demo(DemoArgs),
    /// Import assets, work-log entries or coverage from a CSV file (Tend's own,
    /// Snipe-IT, Homebox, NetBox, or any file with columns mapped by hand).
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// Export assets, work log, plans or coverage as CSV, filtered like the list.
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Maintenance plans: add, list, show, complete, skip, snooze, pause,
    /// resume and undo; category templates.
    #[command(subcommand, after_help = PLANS_HELP)]
    Plans(PlansCommand),
    /// What is due: maintenance, coverage ending or ended, renewal notices,
    /// end of life and end of support, most urgent first.
    #[command(after_help = DUE_HELP)]
    Due(DueArgs),
    /// Write a PDF report: inventory, warranty, maintenance, repairs, or one
    /// asset's dossier.
    #[command(subcommand, after_help = REPORT_HELP)]
    Report(ReportCommand),
    /// Print asset labels with QR codes: a PDF for label sheets or thermal
    /// printers, or ZPL for Zebra printers.
    #[command(after_help = LABELS_HELP)]
    Labels(LabelsArgs),
    /// Attach files (invoices, contracts, photos, reports) to assets, or to
    /// one of an asset's coverage or work-log entries.
    #[command(after_help = ATTACH_HELP)]
    Attach(AttachArgs),
    /// List, save or remove the files attached to an asset.
    #[command(subcommand)]
    Attachments(AttachmentsCommand),
    /// Show or change the settings reports use (organisation name and logo,
    /// currency, paper size, date format) and the highest rack unit.
    #[command(subcommand, after_help = SETTINGS_HELP)]
    Settings(SettingsCommand),
}

#[derive(Debug, Subcommand)]
pub enum AssetsCommand {
    /// List assets, filtered, sorted and paged (archived assets are hidden unless --archived).
    List(ListArgs),
    /// Show one asset: every field, its coverage, recent work and recent history.
    Show(ShowArgs),
    /// Add an asset; prints its tag (or the asset as JSON).
    #[command(after_help = limits_help())]
    Add(AddArgs),
    /// Change some fields of an asset; the fields not given are kept.
    ///
    /// An empty value clears a field (--serial ""). --field KEY=VALUE sets a
    /// custom field; --field KEY= removes it.
    #[command(after_help = limits_help())]
    Update(UpdateArgs),
    /// Archive an asset: it is kept with its history but hidden from the list.
    Archive(TagArg),
    /// Bring an archived asset back into the list.
    Restore(TagArg),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only assets with this status: in_service, in_repair, spare, retired, disposed, lost.
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    pub status: Option<AssetStatus>,
    /// Only assets of this category (by name, ignoring case).
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Only assets at this location or anywhere below it: a full path such as
    /// "HQ › Building A", or the name of a single location if it is unique.
    #[arg(long, value_name = "PATH")]
    pub location: Option<String>,
    /// Free text matched against tag, name, serial, hostname, IP, MAC, model and
    /// notes (each word as a prefix).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Sort on this column: tag, name, category, status, location, manufacturer,
    /// model, serial, hostname, ip_address, assigned_to, purchase_date,
    /// purchase_cost, end_of_life, end_of_support, updated_at.
    #[arg(long, value_name = "COLUMN", default_value = "tag", value_parser = parse_sort_column)]
    pub sort: AssetSortColumn,
    /// Sort in descending order.
    #[arg(long)]
    pub desc: bool,
    /// Number of assets to show (1 to 10000).
    #[arg(long, value_name = "N", default_value_t = 50,
          value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,
    /// Number of matching assets to skip before the first one shown.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: u32,
    /// Include archived assets.
    #[arg(long)]
    pub archived: bool,
    /// Only assets assigned to this person or team (by name, ignoring case).
    #[arg(long, value_name = "NAME")]
    pub assigned_to: Option<String>,
    /// Only assets whose last cover is: in_cover (ends today or later),
    /// ending (within --cover-within days), ended, or none recorded.
    #[arg(long, value_name = "STATE", value_parser = parse_cover_state)]
    pub cover: Option<CoverState>,
    /// The window of `--cover ending`, in days.
    #[arg(long, value_name = "DAYS", default_value_t = 90)]
    pub cover_within: u32,
    /// Only assets with a repair logged from this date (with --repaired-to).
    #[arg(long, value_name = "DATE", requires = "repaired_to")]
    pub repaired_from: Option<String>,
    /// Only assets with a repair logged up to this date (with --repaired-from).
    #[arg(long, value_name = "DATE", requires = "repaired_from")]
    pub repaired_to: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The asset tag (case does not matter).
    pub tag: String,
    /// How many work-log and history entries to show.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub recent: u32,
}

#[derive(Debug, Args)]
pub struct TagArg {
    /// The asset tag (case does not matter).
    pub tag: String,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The asset tag, unique ignoring case (e.g. SRV-0042).
    #[arg(long, value_name = "TAG")]
    pub tag: String,
    /// What people call it.
    #[arg(long, value_name = "TEXT")]
    pub name: String,
    #[command(flatten)]
    pub fields: AssetFields,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The asset to change (case does not matter).
    #[arg(value_name = "TAG")]
    pub current_tag: String,
    /// A new tag for the asset.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// A new name.
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Refuse the change (exit 1, code conflict, naming who changed what)
    /// unless the asset is still as it was at this updated_at (from `tend
    /// assets show --json`): for scripts that read, decide, then write.
    /// Without it, the asset must not change between this command's own
    /// read and write.
    #[arg(long, value_name = "TIMESTAMP")]
    pub if_unchanged_since: Option<String>,
    #[command(flatten)]
    pub fields: AssetFields,
}

/// The asset fields other than tag and name, shared by `add` and `update`.
#[derive(Debug, Args)]
pub struct AssetFields {
    /// Category name (created when new; default "Other").
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Manufacturer, e.g. Dell.
    #[arg(long, value_name = "NAME")]
    pub manufacturer: Option<String>,
    /// Model, e.g. PowerEdge R750.
    #[arg(long, value_name = "TEXT")]
    pub model: Option<String>,
    /// Serial number.
    #[arg(long, value_name = "TEXT")]
    pub serial: Option<String>,
    /// in_service (default), in_repair, spare, retired, disposed or lost.
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Location path, e.g. "HQ › Building A › Server room › Rack 3" (created when new).
    #[arg(long, value_name = "PATH")]
    pub location: Option<String>,
    /// Rack unit the asset sits in.
    #[arg(long, value_name = "U")]
    pub rack_unit: Option<String>,
    /// Person or team the asset is assigned to.
    #[arg(long, value_name = "NAME")]
    pub assigned_to: Option<String>,
    /// Host name on the network.
    #[arg(long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Management IP address.
    #[arg(long, value_name = "ADDRESS")]
    pub ip: Option<String>,
    /// MAC address.
    #[arg(long, value_name = "ADDRESS")]
    pub mac: Option<String>,
    /// Firmware or OS version.
    #[arg(long, value_name = "VERSION")]
    pub firmware: Option<String>,
    /// Date of purchase.
    #[arg(long, value_name = "DATE")]
    pub purchase_date: Option<String>,
    /// Purchase cost in major units, e.g. 1234.56.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub cost: Option<String>,
    /// Currency of --cost (ISO 4217); default: the register's currency setting.
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Who sold it.
    #[arg(long, value_name = "NAME")]
    pub supplier: Option<String>,
    /// Order or invoice number.
    #[arg(long, value_name = "TEXT")]
    pub order_number: Option<String>,
    /// End-of-life date.
    #[arg(long, value_name = "DATE")]
    pub eol: Option<String>,
    /// End-of-support date.
    #[arg(long, value_name = "DATE")]
    pub eos: Option<String>,
    /// Free notes (line breaks allowed).
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// A custom field (repeatable).
    #[arg(long = "field", value_name = "KEY=VALUE", value_parser = parse_custom_field)]
    pub custom_fields: Vec<(String, String)>,
}

// Parsed once per process: boxing the larger variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Log work done on an asset; prints the new entry's id (or the entry as JSON).
    Add(LogAddArgs),
    /// List an asset's work log, newest first.
    List(LogListArgs),
}

#[derive(Debug, Args)]
pub struct LogAddArgs {
    /// The asset tag (case does not matter).
    pub tag: String,
    /// repair, preventive_maintenance, inspection, upgrade or incident.
    #[arg(long, value_name = "KIND", default_value = "repair")]
    pub kind: String,
    /// What was done, in one line.
    #[arg(long, value_name = "TEXT")]
    pub summary: String,
    /// When the work was done; default today.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Who did the work.
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// What was found and done, in as many lines as needed.
    #[arg(long, value_name = "TEXT")]
    pub details: Option<String>,
    /// fixed, workaround, replaced, sent_to_vendor or could_not_fix.
    #[arg(long, value_name = "OUTCOME")]
    pub outcome: Option<String>,
    /// Cost in major units, e.g. 120.00.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub cost: Option<String>,
    /// Currency of --cost (ISO 4217); default: the register's currency setting.
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Downtime in whole minutes.
    #[arg(long, value_name = "MINUTES", allow_hyphen_values = true)]
    pub downtime: Option<String>,
    /// Parts used.
    #[arg(long, value_name = "TEXT")]
    pub parts: Option<String>,
    /// The work was covered by a warranty or support contract. Without
    /// --covered or --not-covered, it is covered when a coverage is in force
    /// on the date of the work (and that coverage is recorded).
    #[arg(long, conflicts_with = "not_covered")]
    pub covered: bool,
    /// The work was not covered, even if a coverage is in force on its date.
    #[arg(long, conflicts_with = "coverage")]
    pub not_covered: bool,
    /// Id of the coverage record that paid for it (see `tend coverage list`).
    #[arg(long, value_name = "ID")]
    pub coverage: Option<i64>,
    /// External ticket or RMA reference.
    #[arg(long = "ref", value_name = "TEXT")]
    pub external_ref: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogListArgs {
    /// The asset tag (case does not matter).
    pub tag: String,
    /// Number of entries to show.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u32,
}

// Parsed once per process: boxing the larger variants would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum CoverageCommand {
    /// Add a warranty or support contract to an asset; prints its id (or JSON).
    Add(CoverageAddArgs),
    /// List an asset's coverage.
    List(TagArg),
}

#[derive(Debug, Args)]
pub struct CoverageAddArgs {
    /// The asset tag (case does not matter).
    pub tag: String,
    /// manufacturer_warranty, extended_warranty or support_contract.
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    /// The date the cover ends.
    #[arg(long, value_name = "DATE")]
    pub end: String,
    /// The date the cover starts.
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Who provides the cover.
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,
    /// Contract or warranty reference.
    #[arg(long = "ref", value_name = "TEXT")]
    pub reference: Option<String>,
    /// Service level, e.g. "next business day on-site".
    #[arg(long, value_name = "TEXT")]
    pub service_level: Option<String>,
    /// Cost in major units.
    #[arg(long, value_name = "AMOUNT", allow_hyphen_values = true)]
    pub cost: Option<String>,
    /// Currency of --cost (ISO 4217).
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Days before the end by which a renewal must be decided.
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true)]
    pub notice_days: Option<String>,
    /// Free notes.
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Run SQLite's integrity and foreign-key checks; prints "ok" or each problem
    /// (exit code 1 when there are problems). Works on a damaged file too.
    Check,
    /// Back the register up now into its backup folder (checked, with its
    /// SHA-256 recorded; old backups rotate), or copy it to a new file PATH.
    /// Safe while the desktop app is using it.
    Backup(BackupArgs),
    /// List the backups in the register's backup folder, newest first.
    Backups,
    /// Put a backup back in place of the register. The backup is checked
    /// first, the register is backed up (or, when damaged, copied aside as
    /// it is), then replaced in one step. Refused while another program has
    /// the register open.
    Restore(RestoreArgs),
    /// Make the register --db names ready: on a PostgreSQL URL, create the
    /// schema in an empty database (or upgrade an older one) and the roles
    /// tend_reader and tend_editor; on a file, create the file.
    Init,
    /// Give a user of the team register's server one role: reader (browse,
    /// search, export, reports) or editor (everything else). PostgreSQL
    /// itself refuses a reader's writes. The user must exist on the server.
    Grant(GrantArgs),
    /// Take a user's role on the team register away.
    Revoke(RevokeArgs),
    /// List who may use the team register, and as what.
    Users,
    /// Set the name a user's changes on the team register are recorded
    /// under (history, work log, conflicts, the dossier), e.g. "Anna Berg"
    /// for the login anna; without NAME, their changes are recorded under
    /// the login again. The register's owner only.
    Name(NameArgs),
    /// Copy a whole register into an empty one: a file to a server when a
    /// team starts sharing, a server to a file for an offline copy, or
    /// file to file. One transaction; every table is read back from the
    /// target and compared with the source before it commits. --db is not
    /// used.
    Copy(CopyArgs),
}

#[derive(Debug, Args)]
pub struct GrantArgs {
    /// The user's name on the server (a PostgreSQL login role).
    #[arg(value_name = "USER")]
    pub user: String,
    /// reader or editor.
    #[arg(value_name = "ROLE", value_parser = ["reader", "editor"])]
    pub role: String,
}

#[derive(Debug, Args)]
pub struct NameArgs {
    /// The user's name on the server (a PostgreSQL login role).
    #[arg(value_name = "USER")]
    pub user: String,
    /// The name to record; leave out to record the login again.
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// The user's name on the server.
    #[arg(value_name = "USER")]
    pub user: String,
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The register to copy: a file path or a postgres:// URL.
    #[arg(value_name = "FROM")]
    pub from: std::ffi::OsString,
    /// The empty register to copy into: a file path (created when missing)
    /// or a postgres:// URL (an empty database is initialised first).
    #[arg(value_name = "TO")]
    pub to: std::ffi::OsString,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Write a one-off copy to this new file instead of the backup folder.
    #[arg(value_name = "PATH")]
    pub dest: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file to restore (see `tend db backups`).
    #[arg(value_name = "BACKUP")]
    pub backup: PathBuf,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Number of sample assets to write.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub assets: u64,
    /// Seed of the generator; the same seed gives the same register.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
