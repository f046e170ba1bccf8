//! The fields a CSV column can feed. Their identifiers are the column names
//! of Tend's own files and the names of the input fields, so that a
//! validation error on a field can be traced back to its column.

use super::options::ImportKind;
use serde::Serialize;
use ts_rs::TS;

/// A field a column feeds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    // assets
    Tag,
    Name,
    Category,
    Manufacturer,
    Model,
    Serial,
    Status,
    /// A whole location path ("HQ › Building A").
    Location,
    /// One level of the location path (0 = site), for files that split it.
    LocationLevel(u8),
    RackUnit,
    AssignedTo,
    /// A part of the assignee's name or account, for files that split it
    /// (Snipe-IT's "Checked Out to: First Name", …): used when no column
    /// gives the whole name.
    AssignedToPart(AssigneePart),
    Hostname,
    IpAddress,
    MacAddress,
    Firmware,
    PurchaseDate,
    PurchaseCost,
    Currency,
    Supplier,
    OrderNumber,
    EndOfLife,
    EndOfSupport,
    Notes,
    /// Custom fields as a JSON object (Tend's own files).
    CustomFields,
    /// One custom field, by name.
    Custom(String),
    /// "yes" when the asset is archived (Tend's own files).
    Archived,
    /// The end of the manufacturer warranty.
    WarrantyEnd,
    /// Warranty length in months from the purchase date (Snipe-IT).
    WarrantyMonths,
    WarrantyDetails,
    // work log and coverage rows, matched to assets by tag
    AssetTag,
    WorkKind,
    PerformedOn,
    PerformedBy,
    Summary,
    Details,
    Outcome,
    Cost,
    DowntimeMinutes,
    PartsUsed,
    CoveredByWarranty,
    ExternalRef,
    CoverageKind,
    Provider,
    Reference,
    StartDate,
    EndDate,
    ServiceLevel,
    NoticeDays,
}

/// The parts of an assignee a file may give in separate columns, in the
/// order they stand in for a missing full name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssigneePart {
    FirstName,
    LastName,
    Username,
    Email,
}

impl AssigneePart {
    pub fn id(self) -> &'static str {
        match self {
            AssigneePart::FirstName => "assigned_to_first_name",
            AssigneePart::LastName => "assigned_to_last_name",
            AssigneePart::Username => "assigned_to_username",
            AssigneePart::Email => "assigned_to_email",
        }
    }
}

const ASSET_TARGETS: &[Target] = &[
    Target::Tag,
    Target::Name,
    Target::Category,
    Target::Status,
    Target::Manufacturer,
    Target::Model,
    Target::Serial,
    Target::Location,
    Target::RackUnit,
    Target::AssignedTo,
    Target::Hostname,
    Target::IpAddress,
    Target::MacAddress,
    Target::Firmware,
    Target::PurchaseDate,
    Target::PurchaseCost,
    Target::Currency,
    Target::Supplier,
    Target::OrderNumber,
    Target::EndOfLife,
    Target::EndOfSupport,
    Target::Notes,
    Target::CustomFields,
    Target::Archived,
    Target::WarrantyEnd,
    Target::WarrantyMonths,
    Target::WarrantyDetails,
];

const WORK_TARGETS: &[Target] = &[
    Target::AssetTag,
    Target::PerformedOn,
    Target::WorkKind,
    Target::Summary,
    Target::PerformedBy,
    Target::Details,
    Target::Outcome,
    Target::Cost,
    Target::Currency,
    Target::DowntimeMinutes,
    Target::PartsUsed,
    Target::CoveredByWarranty,
    Target::ExternalRef,
];

const COVERAGE_TARGETS: &[Target] = &[
    Target::AssetTag,
    Target::CoverageKind,
    Target::Provider,
    Target::Reference,
    Target::StartDate,
    Target::EndDate,
    Target::ServiceLevel,
    Target::Cost,
    Target::Currency,
    Target::NoticeDays,
    Target::Notes,
];

impl Target {
    /// The fields of rows of `kind`, in the column order of Tend's own files.
    pub fn for_kind(kind: ImportKind) -> &'static [Target] {
        match kind {
            ImportKind::Assets => ASSET_TARGETS,
            ImportKind::WorkLog => WORK_TARGETS,
            ImportKind::Coverage => COVERAGE_TARGETS,
        }
    }

    /// The identifier: a column name of Tend's own files, `custom:<Name>`,
    /// or `location_level:<N>`.
    pub fn id(&self) -> String {
        let fixed = match self {
            Target::Custom(name) => return format!("custom:{name}"),
            Target::LocationLevel(n) => return format!("location_level:{n}"),
            Target::AssignedToPart(part) => part.id(),
            Target::Tag => "tag",
            Target::Name => "name",
            Target::Category => "category",
            Target::Manufacturer => "manufacturer",
            Target::Model => "model",
            Target::Serial => "serial",
            Target::Status => "status",
            Target::Location => "location",
            Target::RackUnit => "rack_unit",
            Target::AssignedTo => "assigned_to",
            Target::Hostname => "hostname",
            Target::IpAddress => "ip_address",
            Target::MacAddress => "mac_address",
            Target::Firmware => "firmware",
            Target::PurchaseDate => "purchase_date",
            Target::PurchaseCost => "purchase_cost",
            Target::Currency => "currency",
            Target::Supplier => "supplier",
            Target::OrderNumber => "order_number",
            Target::EndOfLife => "end_of_life",
            Target::EndOfSupport => "end_of_support",
            Target::Notes => "notes",
            Target::CustomFields => "custom_fields",
            Target::Archived => "archived",
            Target::WarrantyEnd => "warranty_end",
            Target::WarrantyMonths => "warranty_months",
            Target::WarrantyDetails => "warranty_details",
            Target::AssetTag => "asset_tag",
            Target::WorkKind => "kind",
            Target::PerformedOn => "performed_on",
            Target::PerformedBy => "performed_by",
            Target::Summary => "summary",
            Target::Details => "details",
            Target::Outcome => "outcome",
            Target::Cost => "cost",
            Target::DowntimeMinutes => "downtime_minutes",
            Target::PartsUsed => "parts_used",
            Target::CoveredByWarranty => "covered_by_warranty",
            Target::ExternalRef => "external_ref",
            Target::CoverageKind => "coverage_kind",
            Target::Provider => "provider",
            Target::Reference => "reference",
            Target::StartDate => "start_date",
            Target::EndDate => "end_date",
            Target::ServiceLevel => "service_level",
            Target::NoticeDays => "notice_days",
        };
        fixed.to_string()
    }

    /// Parses an identifier for rows of `kind` (`kind` is the work kind in a
    /// work-log file and the coverage kind in a coverage file).
    pub fn parse(id: &str, kind: ImportKind) -> Option<Target> {
        let id = id.trim();
        if let Some(name) = id.strip_prefix("custom:") {
            let name = name.trim();
            return (kind == ImportKind::Assets && !name.is_empty())
                .then(|| Target::Custom(name.to_string()));
        }
        if let Some(n) = id.strip_prefix("location_level:") {
            return n
                .parse::<u8>()
                .ok()
                .filter(|n| *n < 4 && kind == ImportKind::Assets)
                .map(Target::LocationLevel);
        }
        if let Some(part) = [
            AssigneePart::FirstName,
            AssigneePart::LastName,
            AssigneePart::Username,
            AssigneePart::Email,
        ]
        .into_iter()
        .find(|p| p.id() == id)
        {
            return (kind == ImportKind::Assets).then_some(Target::AssignedToPart(part));
        }
        if kind == ImportKind::Coverage && id == "kind" {
            return Some(Target::CoverageKind);
        }
        Target::for_kind(kind)
            .iter()
            .find(|t| t.id() == id)
            .cloned()
    }

    /// The column name Tend's own files use for this field in a file of `kind`.
    pub fn column_name(&self, kind: ImportKind) -> String {
        match (self, kind) {
            (Target::CoverageKind, ImportKind::Coverage) => "kind".to_string(),
            _ => self.id(),
        }
    }

    /// Words for people, for the mapping step of the wizard.
    pub fn label(&self) -> String {
        match self {
            Target::Custom(name) => format!("Custom field “{name}”"),
            Target::LocationLevel(n) => {
                let level = ["site", "building", "room", "rack"][usize::from(*n).min(3)];
                format!("Location: {level}")
            }
            Target::WarrantyMonths => "Warranty (months from purchase)".to_string(),
            Target::WarrantyEnd => "Warranty end date".to_string(),
            Target::CustomFields => "Custom fields (JSON)".to_string(),
            Target::CoverageKind => "Coverage kind".to_string(),
            Target::WorkKind => "Kind of work".to_string(),
            Target::AssignedToPart(part) => match part {
                AssigneePart::FirstName => "Assigned to: first name",
                AssigneePart::LastName => "Assigned to: last name",
                AssigneePart::Username => "Assigned to: user name",
                AssigneePart::Email => "Assigned to: email",
            }
            .to_string(),
            other => {
                let id = other.id().replace('_', " ");
                let mut chars = id.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => id,
                }
            }
        }
    }
}

/// A field offered in the mapping step: identifier and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TargetInfo {
    pub id: String,
    pub label: String,
}

/// Every field offered for rows of `kind`.
pub fn target_choices(kind: ImportKind) -> Vec<TargetInfo> {
    Target::for_kind(kind)
        .iter()
        .map(|t| TargetInfo {
            id: t.column_name(kind),
            label: t.label(),
        })
        .collect()
}
