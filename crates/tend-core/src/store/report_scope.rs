//! SQL shared by the reports: resolving the category and location a report is
//! limited to, and the condition that limits assets (alias `a`) to them.

use crate::report::options::Named;
use crate::store::sql::Connection;
use crate::Result;
use rusqlite::named_params;

/// The asset filter of a report; `None` means every category or location.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ScopeFilter {
    pub category_id: Option<i64>,
    pub location_id: Option<i64>,
}

/// The condition on assets `a` for a [`ScopeFilter`], bound by
/// [`ScopeFilter::params`]: the category, and the location with everything
/// below it. Archived assets are never in a report's scope.
pub(crate) const SCOPE_CONDITION: &str = "a.archived_at IS NULL
    AND (CAST(:category AS BIGINT) IS NULL OR a.category_id = CAST(:category AS BIGINT))
    AND (CAST(:location AS BIGINT) IS NULL OR a.location_id IN (
        WITH RECURSIVE subtree(id) AS (
            SELECT CAST(:location AS BIGINT) UNION ALL
            SELECT child.id FROM locations child JOIN subtree ON child.parent_id = subtree.id)
        SELECT id FROM subtree))";

impl ScopeFilter {
    /// The named parameters of [`SCOPE_CONDITION`].
    pub(crate) fn params(&self) -> [(&'static str, &dyn rusqlite::ToSql); 2] {
        [
            (":category", &self.category_id),
            (":location", &self.location_id),
        ]
    }
}

/// The category named `name` (ignoring case).
pub(crate) fn category(conn: &Connection, name: &str) -> Result<Option<Named>> {
    conn.prepare_cached("SELECT id, name FROM categories WHERE name = :name")?
        .query_opt(named_params! {":name": name}, |r| {
            Ok(Named {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })
}

/// The location whose full path is `path` (levels joined by " › ", ignoring case).
pub(crate) fn location(conn: &Connection, path: &str) -> Result<Option<Named>> {
    conn.prepare_cached("SELECT id, path FROM locations WHERE lower(path) = lower(:path)")?
        .query_opt(named_params! {":path": path}, |r| {
            Ok(Named {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })
}
