//! Arguments of `tend attach` and `tend attachments`.

use clap::{Args, Subcommand};
use std::path::PathBuf;

pub const ATTACH_HELP: &str = "\
The files are kept inside the register (one file to back up; on a team
register, on the server), each stored once however many assets it is
attached to. A file over the limit (default 100 MB: `tend settings set
attachment_max_mb 250`), an empty file, or a name with control characters
is refused, and nothing of the command is stored.

Examples:
  tend attach SRV-0001 invoice.pdf photo.jpg
  tend attach SRV-0001 contract.pdf --to coverage:12 --note \"Dell ProSupport\"
  tend attach SRV-0001 report.pdf --to work:340
  tend attach --category Laptop --invoice-number PO-123 invoice.pdf";

#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The asset's tag, then the files; with --category, --location,
    /// --invoice-number or --all, only files.
    #[arg(value_name = "TAG FILE", required = true)]
    pub args: Vec<String>,
    /// Attach to every asset of this category (by name, ignoring case).
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// Attach to every asset at this location or below it.
    #[arg(long, value_name = "PATH")]
    pub location: Option<String>,
    /// Attach to every asset bought on this order (its order number).
    #[arg(long, value_name = "NUMBER", alias = "order-number")]
    pub invoice_number: Option<String>,
    /// Attach to every asset in the register (archived ones are left out).
    #[arg(long)]
    pub all: bool,
    /// Attach to one of the asset's coverage (coverage:ID) or work-log
    /// entries (work:ID) instead of the asset itself.
    #[arg(long, value_name = "coverage:ID|work:ID")]
    pub to: Option<String>,
    /// A note kept with the file.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AttachmentsCommand {
    /// List the files attached to an asset, its coverage and its work log.
    List(AttachmentsListArgs),
    /// Save an attached file (by its id, from `list`).
    Save(AttachmentsSaveArgs),
    /// Remove an attached file from its asset (the file's content goes when
    /// nothing else links it).
    Remove(AttachmentIdArg),
}

#[derive(Debug, Args)]
pub struct AttachmentsListArgs {
    /// The asset's tag.
    pub tag: String,
}

#[derive(Debug, Args)]
pub struct AttachmentsSaveArgs {
    /// The attachment's id.
    pub id: i64,
    /// Where to write the file (default: its own name in this folder).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AttachmentIdArg {
    /// The attachment's id.
    pub id: i64,
}
