//! Build script of the desktop app: lets tauri-build read tauri.conf.json,
//! the capabilities and the icons, and generate the context the app embeds.

fn main() {
    tauri_build::build()
}
