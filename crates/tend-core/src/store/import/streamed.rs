//! A bulk import of new assets into a team register, sent with COPY (see
//! [`Streamed`]).

use super::COVERAGE_IMPORTED;
use crate::model::*;
use crate::record::CoverageRecord;
use crate::store::copy_text::{self, Cell};
use crate::store::history::Stamp;
use crate::store::sql::Connection;
use crate::Result;
use rusqlite::params;

/// A bulk import of new assets into a team register: the rows, and the
/// warranties of the new assets, are sent to the server with COPY, a few
/// thousand at a time, instead of one INSERT (and one round trip) each. Ids
/// come from the tables' own sequences, taken ahead in blocks; each "created"
/// history entry goes in the same way. Whatever else the import does first
/// sends what is waiting.
#[derive(Default)]
pub(super) struct Streamed {
    assets: Vec<u8>,
    coverage: Vec<u8>,
    history: Vec<u8>,
    rows: usize,
    asset_ids: IdBlock,
    coverage_ids: IdBlock,
}

/// Ids taken ahead from one table's sequence.
#[derive(Default)]
struct IdBlock {
    /// Taken and not used yet, last first.
    ids: Vec<i64>,
    /// The highest id taken.
    taken_upto: i64,
}

impl IdBlock {
    /// The next id of `table`'s sequence, taking a block when none is left.
    fn next(&mut self, conn: &Connection, table: &str) -> Result<i64> {
        if self.ids.is_empty() {
            let mut ids: Vec<i64> = conn
                .prepare_cached(
                    "SELECT nextval(pg_get_serial_sequence(?2, 'id')) FROM generate_series(1, ?1)",
                )?
                .query_map(params![ID_BLOCK, table], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            self.taken_upto = ids.last().copied().unwrap_or_default();
            ids.reverse();
            self.ids = ids;
        }
        Ok(self.ids.pop().expect("a block of ids"))
    }

    /// Puts `table`'s sequence back after the last id used, so that the
    /// next row gets the id it would have had without ids taken ahead;
    /// unless someone took ids meanwhile (then the gap stays).
    fn give_back(&self, conn: &Connection, table: &str) -> Result<()> {
        let Some(next) = self.ids.last() else {
            return Ok(());
        };
        conn.query_row(
            "SELECT CASE WHEN pg_sequence_last_value(pg_get_serial_sequence(?3, 'id')::regclass) = ?2
                 THEN setval(pg_get_serial_sequence(?3, 'id'), ?1) END",
            params![next - 1, self.taken_upto, table],
            |_| Ok(()),
        )
    }
}

/// Rows sent per COPY.
const STREAM_ROWS: usize = 5_000;
/// Ids taken from the sequence at a time.
const ID_BLOCK: i64 = 1_000;

/// The tables whose ids a streamed import takes ahead.
const ASSETS_TABLE: &str = "tend.assets";
const COVERAGE_TABLE: &str = "tend.coverage";

const COPY_ASSETS: &str = "COPY assets (id, tag, name, category_id, manufacturer_id, model, serial,
    status, location_id, rack_unit, assigned_to_id, hostname, ip_address, mac_address, firmware,
    purchase_date, purchase_cost_minor, purchase_currency, supplier_id, order_number, end_of_life,
    end_of_support, notes, custom_fields, archived_at, created_at, updated_at) FROM STDIN";
const COPY_COVERAGE: &str = "COPY coverage (id, asset_id, kind, provider, reference, start_date,
    end_date, service_level, cost_minor, cost_currency, notice_days, notes, created_at, updated_at)
    FROM STDIN";
const COPY_HISTORY: &str =
    "COPY history (asset_id, entity, entity_id, action, at, summary, author) FROM STDIN";

/// A value as a COPY text cell.
fn cell(v: &dyn rusqlite::ToSql) -> Result<Cell> {
    use rusqlite::types::{ToSqlOutput, ValueRef};
    let value = v.to_sql()?;
    let r = match &value {
        ToSqlOutput::Borrowed(r) => *r,
        ToSqlOutput::Owned(v) => ValueRef::from(v),
        _ => ValueRef::Null,
    };
    Ok(match r {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(i) => Cell::Int(i),
        ValueRef::Real(f) => Cell::Text(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            Cell::Text(String::from_utf8_lossy(t).into_owned())
        }
    })
}

fn render_row(values: &[&dyn rusqlite::ToSql], out: &mut Vec<u8>) -> Result<()> {
    let cells = values
        .iter()
        .map(|v| cell(*v))
        .collect::<Result<Vec<_>>>()?;
    copy_text::render(&cells, out);
    Ok(())
}

impl Streamed {
    /// Adds a new asset (its columns after the id) and its "created"
    /// entry; its id. Sends what waits once a batch is full.
    pub(super) fn asset(
        &mut self,
        conn: &Connection,
        stamp: &Stamp,
        values: &[&dyn rusqlite::ToSql],
        summary: &str,
    ) -> Result<i64> {
        let id = self.asset_ids.next(conn, ASSETS_TABLE)?;
        let mut row: Vec<&dyn rusqlite::ToSql> = vec![&id];
        row.extend_from_slice(values);
        render_row(&row, &mut self.assets)?;
        render_row(
            &[
                &id,
                &EntityKind::Asset.id(),
                &id,
                &"created",
                &stamp.at,
                &summary,
                &stamp.author,
            ],
            &mut self.history,
        )?;
        self.rows += 1;
        if self.rows >= STREAM_ROWS {
            self.send(conn)?;
        }
        Ok(id)
    }

    /// Adds the cover of a new asset, after its asset, and its "created"
    /// entry; its id.
    pub(super) fn coverage(
        &mut self,
        conn: &Connection,
        stamp: &Stamp,
        asset_id: i64,
        rec: &CoverageRecord,
    ) -> Result<i64> {
        let id = self.coverage_ids.next(conn, COVERAGE_TABLE)?;
        let now = stamp.at.as_str();
        render_row(
            &[
                &id,
                &asset_id,
                &rec.kind.id(),
                &rec.provider,
                &rec.reference,
                &rec.start_date,
                &rec.end_date,
                &rec.service_level,
                &rec.cost.as_ref().map(|m| m.minor),
                &rec.cost.as_ref().map(|m| m.currency.as_str()),
                &rec.notice_days,
                &rec.notes,
                &now,
                &now,
            ],
            &mut self.coverage,
        )?;
        render_row(
            &[
                &asset_id,
                &EntityKind::Coverage.id(),
                &id,
                &"created",
                &now,
                &format!("{}{COVERAGE_IMPORTED}{}", rec.kind.label(), rec.end_date),
                &stamp.author,
            ],
            &mut self.history,
        )?;
        Ok(id)
    }

    /// Sends what waits: the assets, their cover, then the history.
    pub(super) fn send(&mut self, conn: &Connection) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let pg = conn.require_postgres()?;
        pg.copy_in(COPY_ASSETS, &self.assets)?;
        if !self.coverage.is_empty() {
            pg.copy_in(COPY_COVERAGE, &self.coverage)?;
        }
        pg.copy_in(COPY_HISTORY, &self.history)?;
        self.assets.clear();
        self.coverage.clear();
        self.history.clear();
        self.rows = 0;
        Ok(())
    }

    /// Puts the sequences back after the last ids used (see
    /// [`IdBlock::give_back`]).
    pub(super) fn give_back(&self, conn: &Connection) -> Result<()> {
        self.asset_ids.give_back(conn, ASSETS_TABLE)?;
        self.coverage_ids.give_back(conn, COVERAGE_TABLE)
    }
}
