//! The one integration-test binary of tend-core: the store on temp files,
//! migrations, the use-case API and the demo register.

mod api_assets;
mod api_list;
mod api_records;
mod common;
mod demo;
mod due;
mod migrations;
mod plan_properties;
mod plans;
mod store;
mod validation;
