//! `tend export`: assets, work log, plans or coverage as CSV, filtered like
//! `tend assets list`, to stdout or a file (the core's atomic write: a
//! failed export never leaves half a file); attachments into a folder.

use super::assets::{category_id, location_id};
use super::Context;
use crate::csv_args::{ExportArgs, ExportWhat};
use crate::failure::Failure;
use std::io::Write;
use tend_core::csv::{ExportKind, ExportOptions};
use tend_core::{AssetQuery, Error};

pub fn run(cx: &mut Context, a: ExportArgs) -> Result<(), Failure> {
    let category_id = match &a.category {
        Some(name) => Some(category_id(cx, name)?),
        None => None,
    };
    let location_id = match &a.location {
        Some(path) => Some(location_id(cx, path)?),
        None => None,
    };
    let options = ExportOptions {
        bom: !a.no_bom,
        query: AssetQuery {
            search: a.search.clone(),
            status: a.status,
            category_id,
            location_id,
            include_archived: a.archived,
            ..AssetQuery::default()
        },
    };
    let kind = match a.what {
        ExportWhat::Assets => ExportKind::Assets,
        ExportWhat::Log => ExportKind::WorkLog,
        ExportWhat::Plans => ExportKind::Plans,
        ExportWhat::Coverage => ExportKind::Coverage,
        ExportWhat::Attachments => return attachments(cx, &a),
    };
    let Some(path) = &a.output else {
        cx.register.export_csv(kind, &options, cx.out)?;
        return Ok(());
    };
    let rows = tend_core::atomic_file::write(path, |out| {
        let mut out = std::io::BufWriter::new(out);
        let rows = cx.register.export_csv(kind, &options, &mut out)?;
        out.flush().map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        Ok(rows)
    })?;
    if cx.json {
        crate::output::json(
            cx.out,
            &serde_json::json!({ "file": path.display().to_string(), "rows": rows }),
        )?;
    } else {
        writeln!(cx.out, "{rows} rows written to {}", path.display())?;
    }
    Ok(())
}

/// Every attached file into a folder, with the index `tend import` reads.
fn attachments(cx: &mut Context, a: &ExportArgs) -> Result<(), Failure> {
    let Some(folder) = &a.output else {
        return Err(Error::validation(
            "output",
            "give the folder to write the files into with -o FOLDER",
        )
        .into());
    };
    let done = cx.register.export_attachments(folder)?;
    if cx.json {
        return crate::output::json(cx.out, &done);
    }
    writeln!(
        cx.out,
        "{} files ({}) and {} links written to {}",
        done.files,
        tend_core::human_size(done.bytes),
        done.links,
        folder.join(tend_core::attachments::INDEX_FILE).display()
    )?;
    Ok(())
}
