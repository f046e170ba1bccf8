//! The `tend` binary run as a process, each test on its own temporary database.
//! One test binary for the crate; the cases are grouped by command below.

#[path = "cli/support.rs"]
mod support;

#[path = "cli/assets.rs"]
mod assets;
#[path = "cli/attachments.rs"]
mod attachments;
#[path = "cli/bad_input.rs"]
mod bad_input;
#[path = "cli/crash.rs"]
mod crash;
#[path = "cli/csv.rs"]
mod csv;
#[path = "cli/db.rs"]
mod db;
#[path = "cli/demo.rs"]
mod demo;
#[path = "cli/labels.rs"]
mod labels;
#[path = "cli/log.rs"]
mod log;
#[path = "cli/plans.rs"]
mod plans;
#[path = "cli/report.rs"]
mod report;
#[path = "cli/team.rs"]
mod team;
#[path = "cli/together.rs"]
mod together;
