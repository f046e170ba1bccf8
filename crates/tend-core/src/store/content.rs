//! What a register holds, table by table, the same on both stores: the list
//! `tend db copy` moves, in an order that keeps every foreign key satisfied
//! (a location's parent, which may come later, is checked at commit).
//! Tables derived from these (search index, counts, the due list) are not
//! copied; each store rebuilds its own.

/// The type a column holds on both stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Text,
    /// Bytes (an attachment's chunk): BLOB on SQLite, bytea on PostgreSQL.
    Blob,
}

/// One table of a register's content.
#[derive(Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    /// The columns rows are ordered by (unique together).
    pub key: &'static str,
    pub columns: &'static [(&'static str, Kind)],
}

use Kind::{Blob, Int, Text};

/// Every table of a register's content, parents before children.
pub(crate) const TABLES: &[Table] = &[
    Table {
        name: "categories",
        key: "id",
        columns: &[("id", Int), ("name", Text)],
    },
    Table {
        name: "vendors",
        key: "id",
        columns: &[("id", Int), ("name", Text)],
    },
    Table {
        name: "people",
        key: "id",
        columns: &[("id", Int), ("name", Text)],
    },
    Table {
        name: "locations",
        key: "id",
        columns: &[
            ("id", Int),
            ("parent_id", Int),
            ("name", Text),
            ("kind", Text),
            ("path", Text),
        ],
    },
    Table {
        name: "assets",
        key: "id",
        columns: &[
            ("id", Int),
            ("tag", Text),
            ("name", Text),
            ("category_id", Int),
            ("manufacturer_id", Int),
            ("model", Text),
            ("serial", Text),
            ("status", Text),
            ("location_id", Int),
            ("rack_unit", Text),
            ("assigned_to_id", Int),
            ("hostname", Text),
            ("ip_address", Text),
            ("mac_address", Text),
            ("firmware", Text),
            ("purchase_date", Text),
            ("purchase_cost_minor", Int),
            ("purchase_currency", Text),
            ("supplier_id", Int),
            ("order_number", Text),
            ("end_of_life", Text),
            ("end_of_support", Text),
            ("notes", Text),
            ("custom_fields", Text),
            ("archived_at", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "coverage",
        key: "id",
        columns: &[
            ("id", Int),
            ("asset_id", Int),
            ("kind", Text),
            ("provider", Text),
            ("reference", Text),
            ("start_date", Text),
            ("end_date", Text),
            ("service_level", Text),
            ("cost_minor", Int),
            ("cost_currency", Text),
            ("notice_days", Int),
            ("notes", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "plan_templates",
        key: "id",
        columns: &[
            ("id", Int),
            ("category_id", Int),
            ("title", Text),
            ("interval_count", Int),
            ("interval_unit", Text),
            ("anchor", Text),
            ("start_date", Text),
            ("lead_days", Int),
            ("assignee_id", Int),
            ("expected_minutes", Int),
            ("checklist", Text),
            ("auto_apply", Int),
            ("notes", Text),
            ("created_at", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "maintenance_plans",
        key: "id",
        columns: &[
            ("id", Int),
            ("asset_id", Int),
            ("title", Text),
            ("interval_count", Int),
            ("interval_unit", Text),
            ("anchor", Text),
            ("start_date", Text),
            ("end_date", Text),
            ("lead_days", Int),
            ("assignee_id", Int),
            ("expected_minutes", Int),
            ("checklist", Text),
            ("next_due", Text),
            ("last_done", Text),
            ("paused", Int),
            ("notes", Text),
            ("created_at", Text),
            ("updated_at", Text),
            ("snoozed_until", Text),
            ("template_id", Int),
        ],
    },
    Table {
        name: "work_log",
        key: "id",
        columns: &[
            ("id", Int),
            ("asset_id", Int),
            ("plan_id", Int),
            ("kind", Text),
            ("performed_on", Text),
            ("performed_by_id", Int),
            ("summary", Text),
            ("details", Text),
            ("outcome", Text),
            ("cost_minor", Int),
            ("cost_currency", Text),
            ("downtime_minutes", Int),
            ("parts_used", Text),
            ("covered_by_warranty", Int),
            ("coverage_id", Int),
            ("external_ref", Text),
            ("created_at", Text),
            ("updated_at", Text),
            ("author", Text),
        ],
    },
    Table {
        name: "plan_events",
        key: "id",
        columns: &[
            ("id", Int),
            ("plan_id", Int),
            ("action", Text),
            ("occurrence", Text),
            ("on_date", Text),
            ("work_log_id", Int),
            ("reason", Text),
            ("minutes_spent", Int),
            ("checklist", Text),
            ("missed", Text),
            ("prev_next_due", Text),
            ("prev_last_done", Text),
            ("prev_snoozed_until", Text),
            ("prev_updated_at", Text),
            ("undone", Int),
            ("at", Text),
        ],
    },
    Table {
        name: "attachment_contents",
        key: "id",
        columns: &[
            ("id", Int),
            ("sha256", Text),
            ("size", Int),
            ("created_at", Text),
        ],
    },
    Table {
        name: "attachment_chunks",
        key: "content_id, seq",
        columns: &[("content_id", Int), ("seq", Int), ("data", Blob)],
    },
    Table {
        name: "attachments",
        key: "id",
        columns: &[
            ("id", Int),
            ("content_id", Int),
            ("asset_id", Int),
            ("coverage_id", Int),
            ("work_log_id", Int),
            ("name", Text),
            ("media_type", Text),
            ("note", Text),
            ("created_at", Text),
            ("author", Text),
        ],
    },
    Table {
        name: "model_heights",
        key: "model",
        columns: &[("model", Text), ("units", Int)],
    },
    Table {
        name: "history",
        key: "id",
        columns: &[
            ("id", Int),
            ("asset_id", Int),
            ("entity", Text),
            ("entity_id", Int),
            ("action", Text),
            ("field", Text),
            ("old_value", Text),
            ("new_value", Text),
            ("at", Text),
            ("summary", Text),
            ("author", Text),
        ],
    },
    Table {
        name: "settings",
        key: "key",
        columns: &[("key", Text), ("value", Text)],
    },
];

/// Tables a fresh register already fills (the default categories and
/// settings); a copy replaces their rows with the source's.
pub(crate) const SEEDED: &[&str] = &["categories", "settings"];

impl Table {
    /// `a, b, c`.
    pub fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|(c, _)| *c)
            .collect::<Vec<_>>()
            .join(", ")
    }
}
