//! Domain types of the register: what the store keeps and what the API hands
//! out and takes in. Inputs carry user text (dates, money, statuses as typed)
//! so that the core, not each front door, parses them and names the field
//! when a value is wrong.

pub mod asset;
pub mod coverage;
pub mod history;
pub mod lookup;
pub mod money;
pub mod worklog;

pub use asset::*;
pub use coverage::*;
pub use history::*;
pub use lookup::*;
pub use money::*;
pub use worklog::*;
