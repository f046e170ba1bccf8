//! CSV in and out: reading what people actually have (any of the usual
//! encodings and delimiters, Tend's own files and other tools' exports),
//! previewing an import before it writes, importing all-or-nothing, and
//! exporting files that Excel opens and Tend reads back unchanged.
//!
//! The pipeline of an import: [`decode`] turns bytes into UTF-8 text as a
//! stream, [`sniff`] picks the delimiter, [`limit`] refuses a row as soon as
//! it grows past 10 MB, and a file that ends inside a quoted cell (a quote
//! never closed), [`header`] binds each column
//! to a [`field::Target`] through the file's [`profile::Importer`] (one small
//! file per format: [`tend`], [`snipeit`], [`homebox`], [`netbox`],
//! [`mapping`]), [`row`] turns each record into checked input (with
//! [`dates`] and [`money`] for the declared formats), and [`import`] writes
//! through the bulk store
//! path in one IMMEDIATE transaction, collecting a [`preview::ImportReport`].

pub mod cell;
pub mod dates;
pub mod decode;
pub mod export;
pub mod field;
pub mod header;
pub mod homebox;
pub mod import;
mod inspect;
pub mod limit;
pub(crate) mod load;
pub mod mapping;
pub mod money;
pub mod netbox;
pub mod options;
mod pipeline;
pub mod preview;
pub mod profile;
mod related;
pub(crate) mod row;
pub mod sniff;
pub mod snipeit;
pub mod tend;

pub use export::{ExportKind, ExportOptions, ExportWritten};
pub use field::{Target, TargetInfo};
pub use options::*;
pub use preview::{ImportReport, Inspection, Problem, Severity};
