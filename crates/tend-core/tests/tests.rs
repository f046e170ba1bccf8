//! The one integration-test binary of tend-core: the store on temp files,
//! migrations, the use-case API and the demo register.

mod api_assets;
mod api_list;
mod api_records;
mod attachments;
mod authors;
mod bulk;
mod common;
mod conflicts;
mod csv_bad_input;
mod csv_foreign;
mod csv_formats;
mod csv_import;
mod csv_parsing;
mod csv_round_trip;
mod csv_support;
mod demo;
mod due;
mod kept_order;
mod live_due;
mod locations;
mod migrations;
mod overview;
mod plan_properties;
mod plans;
mod postgres;
mod probe;
mod reports;
mod store;
mod test_server;
mod trust;
mod validation;
