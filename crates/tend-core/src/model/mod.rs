//! Domain types of the register: what the store keeps and what the API hands
//! out and takes in. Inputs carry user text (dates, money, statuses as typed)
//! so that the core, not each front door, parses them and names the field
//! when a value is wrong.

pub mod asset;
pub mod attachment;
pub mod chosen;
pub mod coverage;
pub mod due;
pub mod history;
pub mod locations;
pub mod lookup;
pub mod money;
pub mod overview;
pub mod plan;
pub mod rack;
pub mod worklog;

pub use asset::*;
pub use attachment::*;
pub use chosen::*;
pub use coverage::*;
pub use due::*;
pub use history::*;
pub use locations::*;
pub use lookup::*;
pub use money::*;
pub use overview::*;
pub use plan::*;
pub use rack::*;
pub use worklog::*;

/// The id of a stored record as a caller from outside names it (an argument
/// of the desktop's IPC): a whole number from 1 up, as SQLite gives them.
/// Zero, negative numbers, fractions and numbers past `i64` are refused when
/// it is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Id(i64);

impl Id {
    /// The id as the register's functions take it.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl TryFrom<i64> for Id {
    type Error = String;

    fn try_from(n: i64) -> Result<Self, Self::Error> {
        if n >= 1 {
            Ok(Id(n))
        } else {
            Err(format!("an id is a whole number from 1 up, got {n}"))
        }
    }
}

impl From<Id> for i64 {
    fn from(id: Id) -> i64 {
        id.0
    }
}

/// A closed set of values stored by a stable identifier (`in_service`,
/// `manufacturer_warranty`, ...). Parsing ignores case, spaces, `-` and `_`,
/// so "In service", "in-service" and "in_service" all match.
pub trait Choice: Copy + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// The identifier stored in the database and used on the CLI.
    fn id(self) -> &'static str;

    /// Parses an identifier, ignoring case, spaces, `-` and `_`.
    fn parse_id(s: &str) -> Option<Self> {
        let norm = normalise_choice(s);
        Self::ALL
            .iter()
            .copied()
            .find(|v| normalise_choice(v.id()) == norm)
    }

    /// "a, b or c" — for error messages.
    fn allowed() -> String {
        let ids: Vec<&str> = Self::ALL.iter().map(|v| v.id()).collect();
        match ids.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            Some((last, _)) => (*last).to_string(),
            None => String::new(),
        }
    }
}

fn normalise_choice(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

macro_rules! choice {
    ($ty:ty { $($variant:ident => $id:literal),+ $(,)? }) => {
        impl Choice for $ty {
            const ALL: &'static [Self] = &[$(<$ty>::$variant),+];
            fn id(self) -> &'static str {
                match self { $(<$ty>::$variant => $id),+ }
            }
        }
    };
}

choice!(AssetStatus { InService => "in_service", InRepair => "in_repair", Spare => "spare",
    Retired => "retired", Disposed => "disposed", Lost => "lost" });
choice!(CoverageKind { ManufacturerWarranty => "manufacturer_warranty",
    ExtendedWarranty => "extended_warranty", SupportContract => "support_contract" });
choice!(WorkKind { Repair => "repair", PreventiveMaintenance => "preventive_maintenance",
    Inspection => "inspection", Upgrade => "upgrade", Incident => "incident" });
choice!(Outcome { Fixed => "fixed", Workaround => "workaround", Replaced => "replaced",
    SentToVendor => "sent_to_vendor", CouldNotFix => "could_not_fix" });
choice!(LocationKind { Site => "site", Building => "building", Room => "room", Rack => "rack" });
choice!(EntityKind { Asset => "asset", Coverage => "coverage", Plan => "plan", WorkLog => "work_log" });
choice!(ChangeAction { Created => "created", Updated => "updated", Deleted => "deleted",
    Archived => "archived", Restored => "restored" });
choice!(AssetSortColumn { Tag => "tag", Name => "name", Category => "category", Status => "status",
    Location => "location", Manufacturer => "manufacturer", Model => "model", Serial => "serial",
    Hostname => "hostname", IpAddress => "ip_address", AssignedTo => "assigned_to",
    PurchaseDate => "purchase_date", PurchaseCost => "purchase_cost", EndOfLife => "end_of_life",
    EndOfSupport => "end_of_support", UpdatedAt => "updated_at" });
choice!(PlanAction { Completed => "completed", Skipped => "skipped", Snoozed => "snoozed",
    Paused => "paused", Resumed => "resumed", Undone => "undone" });
choice!(DueKind { Maintenance => "maintenance", CoverageEnd => "coverage_end",
    RenewalNotice => "renewal_notice", EndOfLife => "end_of_life", EndOfSupport => "end_of_support" });
