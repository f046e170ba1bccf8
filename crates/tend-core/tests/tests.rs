//! The one integration-test binary of tend-core: the store on temp files,
//! migrations, and the use-case API.

mod api_assets;
mod common;
mod demo;
