//! The Tend desktop shell: a Tauri 2 window over the web UI in `ui/`, and the
//! commands that UI calls. Nothing here decides anything: the commands (one
//! file per noun in [`commands`]) convert, call the tend-core [`Register`],
//! and convert back. Errors cross IPC as [`tend_core::ApiError`].
//!
//! The register is opened at start-up where Settings → Register last chose
//! ([`start_location`]): by default the file at
//! [`tend_core::paths::default_database_path`], the same file the `tend` CLI
//! uses, or a team register on a PostgreSQL server, its password from the
//! operating system's keyring. If it cannot be opened (say it was written by
//! a newer Tend, or the server is unreachable), the app still starts and
//! every command answers with that error, so the UI can show it (with the
//! way back to the file) instead of the process crashing.

mod chosen;
mod clock;
mod commands;
mod dialogs;
mod live;
mod memory;
mod payload;
mod printing;
mod secrets;
mod state;

use commands::backups::StartupBackupState;
use state::Db;
use tend_core::location::Location;
use tend_core::paths::{self, RegisterChoice};
use tend_core::ApiError;

/// Where the register chosen in Settings → Register lives: the file, or
/// the server with the password the keyring keeps for it.
fn start_location() -> Result<Location, ApiError> {
    let choice = paths::read_register_choice(&paths::config_dir())?;
    let password = match &choice {
        RegisterChoice::File => String::new(),
        // None kept: the server needs none (or says it asks for one).
        RegisterChoice::Server { server, .. } => secrets::password(server)?.unwrap_or_default(),
    };
    paths::chosen_location(&choice, &password).map_err(ApiError::from)
}

/// Files dropped on the window: kept under tokens ([`chosen`], like the
/// open dialog's answer) and announced to the page as `files-dropped`; the
/// asset page attaches them. The page never sees a usable path.
fn dropped(window: &tauri::Window, paths: Vec<std::path::PathBuf>) {
    use tauri::{Emitter, Manager};
    let files = window.state::<chosen::ChosenFiles>();
    match files.issue_all(chosen::Purpose::AttachSource, paths) {
        Ok(chosen) => {
            let _ = window.emit("files-dropped", chosen);
        }
        Err(e) => eprintln!("tend-desktop: dropped files not taken: {}", e.message),
    }
}

/// Builds and runs the desktop app until its window is closed.
pub fn run() {
    memory::fewer_allocator_arenas();
    memory::draw_without_compositing();
    let location = start_location();
    let file = match &location {
        Ok(Location::File(path)) => Some(path.clone()),
        _ => None,
    };
    let startup_backup = StartupBackupState::default();
    // Once a day, in the background once the register is open: neither the
    // window nor the commands wait for it.
    let db = Db::open(location, startup_backup.after_open(file));
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        // Size, position and maximised state come back as they were left
        // (kept in the app's configuration folder, `.window-state.json`).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::SIZE
                        | tauri_plugin_window_state::StateFlags::POSITION
                        | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                )
                .build(),
        )
        .manage(commands::reports::ReportJob::default())
        .manage(chosen::ChosenFiles::default())
        .manage(commands::bulk::LastBulk::default())
        .manage(db)
        .manage(startup_backup)
        .setup(|app| {
            live::watch(app.handle().clone());
            use tauri::Manager;
            let (counting, releasing) = (app.handle().clone(), app.handle().clone());
            memory::give_back_at_rest(
                move || counting.state::<Db>().uses(),
                move || releasing.state::<Db>().release_cache_memory(),
            );
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                dropped(window, paths.clone());
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::assets::list_assets,
            commands::assets::count_assets,
            commands::assets::find_scanned,
            commands::labels::label_layouts,
            commands::labels::label_preview,
            commands::labels::choose_labels_path,
            commands::labels::write_labels,
            commands::labels::list_printers,
            commands::labels::print_labels,
            commands::labels::send_labels_zpl,
            commands::labels::save_labels_zpl,
            commands::bulk::bulk_change,
            commands::bulk::undo_bulk_change,
            commands::bulk::bulk_apply_template,
            commands::attachments::list_attachments,
            commands::attachments::choose_attachment_files,
            commands::attachments::attach_files,
            commands::attachments::attachment_preview,
            commands::attachments::open_attachment,
            commands::attachments::save_attachment_as,
            commands::attachments::remove_attachment,
            commands::assets::get_asset,
            commands::assets::asset_input,
            commands::assets::create_asset,
            commands::assets::update_asset,
            commands::assets::archive_asset,
            commands::assets::restore_asset,
            commands::coverage::list_coverage,
            commands::coverage::create_coverage,
            commands::coverage::update_coverage,
            commands::coverage::delete_coverage,
            commands::csv::choose_import_file,
            commands::csv::inspect_import,
            commands::csv::preview_import,
            commands::csv::run_import,
            commands::csv::save_import_problems,
            commands::csv::export_csv,
            commands::worklog::list_work,
            commands::worklog::create_work,
            commands::worklog::asset_history,
            commands::lookups::list_lookups,
            commands::lookups::list_locations,
            commands::locations::location_tree,
            commands::locations::rack_view,
            commands::locations::rename_location,
            commands::locations::move_location,
            commands::locations::set_model_height,
            commands::demo::load_demo,
            commands::plans::list_plans,
            commands::plans::plan_detail,
            commands::plans::create_plan,
            commands::plans::update_plan,
            commands::plans::delete_plan,
            commands::plans::complete_plan,
            commands::plans::skip_plan,
            commands::plans::snooze_plan,
            commands::plans::pause_plan,
            commands::plans::resume_plan,
            commands::plans::undo_plan,
            commands::templates::list_templates,
            commands::templates::create_template,
            commands::templates::apply_template,
            commands::templates::delete_template,
            commands::due::due_list,
            commands::overview::overview,
            commands::due::due_since_last_launch,
            commands::due::work_coverage,
            commands::reports::choose_report_path,
            commands::reports::write_report,
            commands::reports::cancel_report,
            commands::settings::get_settings,
            commands::settings::update_settings,
            commands::settings::choose_logo,
            commands::settings::logo_preview,
            commands::backups::backups_overview,
            commands::backups::startup_backup,
            commands::backups::back_up_now,
            commands::backups::restore_preview,
            commands::backups::restore_backup,
            commands::backups::set_backup_keep,
            commands::backups::choose_backup_folder,
            commands::backups::use_default_backup_folder,
            commands::activity::register_activity,
            commands::register::register_place,
            commands::register::register_may_change,
            commands::register::choose_ca_file,
            commands::register::test_register_connection,
            commands::register::use_server_register,
            commands::register::use_file_register,
        ])
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("tend-desktop: the window could not be started: {e}");
            std::process::exit(2);
        })
        .run(|app, event| {
            // The event loop ends the process without dropping the managed
            // state: the register is closed here (after stopping a start-up
            // backup still running), so that it records a clean close and
            // the next start does not check the whole file again.
            if let tauri::RunEvent::Exit = event {
                use tauri::Manager;
                app.state::<StartupBackupState>()
                    .finish(std::time::Duration::from_secs(5));
                app.state::<state::Db>()
                    .close(std::time::Duration::from_secs(5));
            }
        });
}
