//! The commands the UI invokes, grouped by noun. Each is a thin adapter:
//! take the typed arguments, call the tend-core [`Register`](tend_core::Register),
//! hand back its result or its error as [`tend_core::ApiError`].
//!
//! Commands are `async` so that Tauri runs them off the main thread and a slow
//! query never freezes the window. Argument names are snake_case on both
//! sides (`rename_all = "snake_case"`), matching the generated TS types.
//!
//! Every argument from the web view is a [`Payload`](crate::payload::Payload):
//! bounded in size, exactly the type's shape (unknown fields refused), ids
//! from 1 up, and any failure a `validation` error naming the argument. Paths
//! never come from the web view: a file is named by the token of the dialog
//! that chose it ([`crate::chosen`]). The web view may call only the commands
//! in `names.rs` (the app's command manifest) that its capability grants.

pub mod activity;
pub mod assets;
pub mod attachments;
pub mod backups;
pub mod bulk;
pub mod coverage;
pub mod csv;
pub mod demo;
pub mod due;
pub mod labels;
pub mod locations;
pub mod lookups;
pub mod overview;
// The list build.rs puts in the app's command manifest; read by the tests.
#[cfg(test)]
mod names;
pub mod plans;
pub mod register;
pub mod reports;
pub mod settings;
pub mod templates;
pub mod worklog;

#[cfg(test)]
mod tests;
