//! Build script of the desktop app: lets tauri-build read tauri.conf.json,
//! the capabilities and the icons, and generate the context the app embeds.
//!
//! The app declares its commands in an app manifest, so Tauri's access
//! control covers them: each gets an `allow-<name>` permission, and a window
//! may call only the commands its capability grants (capabilities/).

include!("commands/names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/commands/names.rs");
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build: the configuration, capabilities or command manifest is invalid");
}
