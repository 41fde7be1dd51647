//! Rebound: a private journal of job applications and a follow-up plan for each "no".
//!
//! Only `shell/` and this file import Tauri. The domain (`journal`, `settings`, `db`, `i18n`) is plain Rust
//! and is tested without a window.

pub mod db;
pub mod error;
pub mod i18n;
pub mod journal;
pub mod messages;
pub mod plan;
pub mod settings;
pub mod shell;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

use shell::commands;
use shell::state::AppState;

/// The environment variable that, when set, holds all of Rebound's data (database, settings, backups).
pub const DATA_DIR_ENV: &str = "REBOUND_DATA_DIR";

/// Where all data lives: `$REBOUND_DATA_DIR`, else the OS app-data folder.
fn default_data_dir<R: Runtime>(app: &tauri::AppHandle<R>) -> Result<PathBuf, Box<dyn std::error::Error>> {
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => Ok(app.path().app_data_dir()?),
    }
}

/// Opens the journal and the settings and puts them in the app's state.
fn init_state<R: Runtime>(app: &tauri::AppHandle<R>, dir: Option<PathBuf>) -> Result<(), Box<dyn std::error::Error>> {
    let dir = match dir {
        Some(d) => d,
        None => default_data_dir(app)?,
    };
    let conn = db::open_in(&dir)?;
    let (settings, file, notice) = shell::settings_file::load(app, &dir)?;
    let locale = sys_locale::get_locale();
    app.manage(AppState::new(conn, settings, Box::new(file), locale, dir, notice));
    Ok(())
}

/// The app without its window: plugins, state and commands. Generic over the runtime so that tests can run it
/// on tauri's mock runtime; `data_dir` overrides where the data lives (tests), `None` finds it as documented.
pub fn build<R: Runtime>(builder: tauri::Builder<R>, data_dir: Option<PathBuf>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| init_state(app.handle(), data_dir))
        .invoke_handler(tauri::generate_handler![
            commands::app::get_bootstrap,
            commands::app::close_window,
            commands::journal::list_applications,
            commands::journal::get_application,
            commands::journal::save_application,
            commands::journal::log_outcome,
            commands::journal::save_reflection,
            commands::journal::get_company_history,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::messages::list_steps,
            commands::messages::list_todo,
            commands::messages::act_on_step,
            commands::messages::log_message_sent,
            commands::messages::log_reply,
            commands::messages::get_template,
            commands::messages::save_template,
            commands::messages::reset_template,
            commands::messages::render_message,
            commands::messages::check_tone,
            commands::messages::copy_text,
            commands::messages::open_mail,
            commands::messages::open_link,
        ])
}

/// Starts Rebound with its main window.
pub fn run() {
    let app = build(tauri::Builder::default(), None).build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Ready = event {
                if let Err(e) = shell::window::open_main(handle) {
                    eprintln!("rebound: could not open the window: {e}");
                    handle.exit(1);
                }
            }
        }),
        Err(e) => {
            eprintln!("rebound: could not start: {e}");
            std::process::exit(1);
        }
    }
}
