//! The commands the UI invokes, grouped by noun. Each is a thin adapter:
//! take the typed arguments, call the tend-core [`Register`](tend_core::Register),
//! hand back its result or its error as [`tend_core::ApiError`].
//!
//! Commands are `async` so that Tauri runs them off the main thread and a slow
//! query never freezes the window. Argument names are snake_case on both
//! sides (`rename_all = "snake_case"`), matching the generated TS types.

pub mod assets;
pub mod coverage;
pub mod csv;
pub mod demo;
pub mod due;
pub mod lookups;
pub mod plans;
pub mod reports;
pub mod settings;
pub mod templates;
pub mod worklog;
