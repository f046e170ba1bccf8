//! Rows matched to stored assets by tag: work-log entries and coverage,
//! each checked and written (updated when the same entry is there).

use super::field::Target;
use super::load::Load;
use super::options::ImportKind;
use super::row::{RowProblems, RowReader};
use crate::record::{CoverageRecord, WorkRecord};
use crate::store::import::ImportWriter;
use crate::Result;

fn asset_for(
    rows: &RowReader<'_>,
    writer: &ImportWriter<'_>,
    tag: &str,
    p: &mut RowProblems<'_>,
) -> Result<Option<i64>> {
    let column = rows
        .binding
        .column_of(&Target::AssetTag)
        .unwrap_or("asset_tag")
        .to_string();
    if tag.is_empty() {
        p.error(&column, "", "is required: the tag of the asset".into());
        return Ok(None);
    }
    let id = writer.asset_id_by_tag(tag)?;
    if id.is_none() {
        p.error(
            &column,
            tag,
            format!("no asset has the tag \"{tag}\" (import the assets first)"),
        );
    }
    Ok(id)
}

pub(crate) fn work_row(
    load: &mut Load<'_>,
    writer: &mut ImportWriter<'_>,
    record: &csv::StringRecord,
    row: u64,
) -> Result<()> {
    let before = load.report.problems.len();
    let rows = load.rows;
    let mut p = RowProblems {
        row,
        list: &mut load.report.problems,
        errors: 0,
    };
    let (tag, input) = rows.work(record, &mut p);
    let asset = asset_for(rows, writer, &tag, &mut p)?;
    let rec = match WorkRecord::from_input(
        &input,
        load.default_currency,
        chrono::Local::now().date_naive(),
    ) {
        Ok(r) => Some(r),
        Err(e) => {
            rows.report(record, Target::for_kind(ImportKind::WorkLog), &e, &mut p);
            None
        }
    };
    let (Some(asset), Some(rec), 0) = (asset, rec, p.errors) else {
        let errors = p.errors.max(1);
        load.outcome(before, errors, None);
        return Ok(());
    };
    let change = match writer.find_work(asset, &rec)? {
        Some(old) => Some(writer.update_work(&old, &rec)?),
        None => {
            writer.insert_work(asset, &rec)?;
            None
        }
    };
    load.outcome(before, 0, change);
    Ok(())
}

pub(crate) fn coverage_row(
    load: &mut Load<'_>,
    writer: &mut ImportWriter<'_>,
    record: &csv::StringRecord,
    row: u64,
) -> Result<()> {
    let before = load.report.problems.len();
    let rows = load.rows;
    let mut p = RowProblems {
        row,
        list: &mut load.report.problems,
        errors: 0,
    };
    let (tag, input) = rows.coverage(record, &mut p);
    let asset = asset_for(rows, writer, &tag, &mut p)?;
    let rec = match CoverageRecord::from_input(&input, load.default_currency) {
        Ok(r) => Some(r),
        Err(e) => {
            rows.report(record, Target::for_kind(ImportKind::Coverage), &e, &mut p);
            None
        }
    };
    let (Some(asset), Some(rec), 0) = (asset, rec, p.errors) else {
        let errors = p.errors.max(1);
        load.outcome(before, errors, None);
        return Ok(());
    };
    let change = match writer.find_coverage(asset, &rec)? {
        Some(old) => Some(writer.update_coverage(&old, &rec)?),
        None => {
            writer.insert_coverage(asset, &rec)?;
            None
        }
    };
    load.outcome(before, 0, change);
    Ok(())
}
