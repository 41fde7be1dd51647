//! Rebound: a private journal of job applications and a follow-up plan for each "no".
//!
//! This crate is the shell: the Tauri app, its commands, tray, notifications and reminder thread. The domain is
//! the `rebound-core` crate (`src-tauri/core/`), which does not depend on Tauri; its modules are re-exported
//! here so that `crate::journal`, `rebound::db`… read the same from the shell, the benches and the tests.

pub use rebound_core::{
    caldav, calendar_sync, datadir, db, error, events, i18n, insights, journal, mail, messages, natural_date, people,
    plan, reminders, sample, settings, transfer, validate, vocab,
};
pub mod shell;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

use shell::commands;
use shell::state::{AppState, StartNotice};

/// The environment variable that, when set, holds all of Rebound's data (database, settings, backups).
pub const DATA_DIR_ENV: &str = "REBOUND_DATA_DIR";

/// The argument that starts Rebound in the tray without a window (used by start-at-login).
pub const HIDDEN_ARG: &str = "--hidden";

/// Where all data lives: `$REBOUND_DATA_DIR`, else the OS app-data folder; canonical, so that two spellings of
/// one folder are one folder.
fn default_data_dir<R: Runtime>(app: &tauri::AppHandle<R>) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let dir = match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => app.path().app_data_dir()?,
    };
    Ok(datadir::canonical(&dir)?)
}

/// Why the app could not start, in the user's language, for the native dialog `run` shows before exiting.
static START_FAILURE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Opens the journal (recovering a damaged file from the newest backup) and the settings, and puts them in
/// the app's state. The data folder's lock is held for the life of the process: no other process opens it.
fn init_state<R: Runtime>(app: &tauri::AppHandle<R>, dir: Option<PathBuf>) -> Result<(), Box<dyn std::error::Error>> {
    let locale = sys_locale::get_locale();
    let dir = match dir {
        Some(d) => d,
        None => default_data_dir(app)?,
    };
    let fail = |e: error::Error| {
        let lang = settings::Settings::default().effective_language(locale.as_deref());
        let reason = match &e {
            error::Error::NewerDatabase => i18n::t(lang, "error.newer_database", &[]),
            other => other.to_string(),
        };
        let text = i18n::t(lang, "start.failed", &[("reason", reason), ("dir", dir.display().to_string())]);
        let _ = START_FAILURE.set(text);
        e
    };
    if let Err(e) = datadir::lock(&dir) {
        if matches!(e, error::Error::AlreadyOpen) {
            // Another process has this folder and the single-instance hand-over could not reach it (no D-Bus
            // session): this one must not touch the journal. Not an error the user can act on, so no dialog.
            let lang = settings::Settings::default().effective_language(locale.as_deref());
            eprintln!("rebound: {} ({})", i18n::t(lang, "error.already_open", &[]), dir.display());
            std::process::exit(3);
        }
        return Err(fail(e).into());
    }
    datadir::install_crash_log(&dir);
    shell::logger::install(&dir);
    let now = chrono::Utc::now();
    let mut notices = Vec::new();
    if let Some(report) = datadir::take_crash_report(&dir, now) {
        notices.push(StartNotice { key: "notice.crashed", args: vec![("file", report.display().to_string())] });
    }
    let (conn, recovery) = db::open_or_recover(&dir, now).map_err(fail)?;
    // This start's recovery, or an earlier one nobody has seen yet (that start was hidden, at login).
    let recovery = recovery.or_else(|| db::unseen_recovery(&dir));
    let (settings, file, settings_notice) = shell::settings_file::load(app, &dir)?;
    notices.extend(settings_notice);
    if let Some(r) = recovery {
        let lang = settings.effective_language(locale.as_deref());
        let file = ("file", r.damaged_file.display().to_string());
        notices.push(match r.restored_from {
            Some(at) => StartNotice {
                key: "notice.recovered",
                args: vec![
                    file,
                    ("date", messages::dates::long_date(at.with_timezone(&chrono::Local).date_naive(), lang)),
                ],
            },
            None => StartNotice { key: "notice.recovered_empty", args: vec![file] },
        });
    }
    app.manage(AppState::new(conn, settings, Box::new(file), locale, dir, notices));
    Ok(())
}

/// The app without its window: plugins, state and commands. Generic over the runtime so that tests can run it
/// on tauri's mock runtime; `data_dir` overrides where the data lives (tests), `None` finds it as documented.
pub fn build<R: Runtime>(builder: tauri::Builder<R>, data_dir: Option<PathBuf>) -> tauri::Builder<R> {
    builder
        // First, so that a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Err(e) = shell::window::open_main(app, None) {
                log::warn!("could not show the window: {e}");
            }
        }))
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec![HIDDEN_ARG]),
        ))
        .plugin(tauri_plugin_store::Builder::new().build())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| init_state(app.handle(), data_dir))
        .on_window_event(|window, event| {
            // The main window is destroyed when closed (the default), which ends its web content process;
            // whether the app then stays in the tray is decided in `run` on ExitRequested.
            if let tauri::WindowEvent::Destroyed = event {
                if window.label() == shell::window::MAIN {
                    window.app_handle().state::<AppState>().wake.ring();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::get_bootstrap,
            commands::app::close_window,
            commands::backups::list_backups,
            commands::backups::back_up_now,
            commands::backups::restore_backup,
            commands::transfer::export_journal,
            commands::transfer::export_csv,
            commands::transfer::export_ics,
            commands::transfer::pick_import,
            commands::transfer::import_journal,
            commands::transfer::import_csv,
            commands::transfer::cancel_import,
            commands::calendar::calendar_status,
            commands::calendar::calendar_discover,
            commands::calendar::calendar_connect,
            commands::calendar::calendar_disconnect,
            commands::calendar::calendar_sync_now,
            commands::mail::read_email,
            commands::mail::read_email_file,
            commands::mail::open_email_file,
            commands::mail::keep_email,
            commands::journal::list_applications,
            commands::journal::first_applications,
            commands::journal::get_application,
            commands::journal::save_application,
            commands::journal::read_date,
            commands::journal::search_journal,
            commands::journal::get_insights,
            commands::transfer::export_insights,
            commands::transfer::export_chart,
            commands::journal::log_outcome,
            commands::journal::save_reflection,
            commands::journal::get_company_history,
            commands::journal::delete_application,
            commands::journal::delete_person,
            commands::journal::delete_interview,
            commands::journal::undo_delete,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::plan::list_steps,
            commands::plan::list_todo,
            commands::plan::list_focus,
            commands::plan::list_older,
            commands::plan::dismiss_older,
            commands::plan::undo_dismiss,
            commands::plan::act_on_step,
            commands::plan::log_message_sent,
            commands::plan::log_reply,
            commands::people::list_people,
            commands::people::set_keep_in_touch,
            commands::people::log_contact,
            commands::messages::get_template,
            commands::messages::save_template,
            commands::messages::template_versions,
            commands::messages::delete_template,
            commands::messages::render_message,
            commands::messages::check_tone,
            commands::messages::copy_text,
            commands::messages::open_mail,
            commands::messages::open_link,
        ])
}

/// The app's context. With `REBOUND_DATA_DIR` set, the identifier gets a suffix derived from that folder: the
/// single-instance lock (a D-Bus name on Linux) and the webview's own storage then belong to that folder, so
/// two copies with different data folders are different instances (the tests run side by side this way).
fn context() -> tauri::Context<tauri::Wry> {
    let mut ctx = tauri::generate_context!();
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        use std::hash::{Hash, Hasher};
        // One folder, one identifier, however it is spelt ("/d", "/d/", "/x/../d").
        let dir = datadir::canonical(std::path::Path::new(&dir)).unwrap_or_else(|_| PathBuf::from(&dir));
        let mut h = std::collections::hash_map::DefaultHasher::new();
        dir.hash(&mut h);
        let id = format!("{}.d{:016x}", ctx.config().identifier, h.finish());
        ctx.config_mut().identifier = id;
    }
    ctx
}

/// Tells the user why Rebound cannot start, in a native dialog (and on stderr), then exits non-zero.
fn fail_to_start(detail: &dyn std::fmt::Display) -> ! {
    eprintln!("rebound: could not start: {detail}");
    let text = START_FAILURE.get().cloned().unwrap_or_else(|| {
        let lang = settings::Settings::default().effective_language(sys_locale::get_locale().as_deref());
        i18n::t(lang, "start.failed_plain", &[("reason", detail.to_string())])
    });
    let _ = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("Rebound")
        .set_description(text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    std::process::exit(2);
}

/// Starts Rebound: with its main window, or only in the tray with `--hidden`.
/// What `rebound --version` or `rebound --help` prints (in the system's language), or `None` to start the app.
pub fn command_line_answer(args: impl IntoIterator<Item = String>) -> Option<String> {
    let lang = settings::Settings::default().effective_language(sys_locale::get_locale().as_deref());
    for arg in args {
        match arg.as_str() {
            "--version" | "-V" => return Some(format!("Rebound {}", env!("CARGO_PKG_VERSION"))),
            "--help" | "-h" => {
                let version = [("version", env!("CARGO_PKG_VERSION").to_owned())];
                let option = |name: &str, key: &str| format!("  {name:<11} {}", i18n::t(lang, key, &[]));
                let lines = [
                    i18n::t(lang, "cli.about", &version),
                    String::new(),
                    i18n::t(lang, "cli.usage", &[]),
                    String::new(),
                    option(HIDDEN_ARG, "cli.opt_hidden"),
                    option("--version", "cli.opt_version"),
                    option("--help", "cli.opt_help"),
                    String::new(),
                    i18n::t(lang, "cli.data", &[]),
                ];
                return Some(lines.join("\n"));
            }
            _ => {}
        }
    }
    None
}

pub fn run() {
    shell::window::prefer_js_interpreter();
    shell::actions::reap_orphans();
    let hidden = std::env::args().any(|a| a == HIDDEN_ARG);
    let app = build(tauri::Builder::default(), None).build(context());
    match app {
        Ok(app) => app.run(move |handle, event| match event {
            tauri::RunEvent::Ready => {
                // The window first: the tray's and the notification server's D-Bus round trips can wait until
                // the page is loading (they once held the first paint back by half a second).
                if !hidden {
                    if let Err(e) = shell::window::open_main(handle, None) {
                        log::warn!("could not open the window: {e}");
                        handle.exit(1);
                    }
                }
                if let Err(e) = shell::tray::create(handle) {
                    log::warn!("no tray icon: {e}");
                }
                shell::reminders::start(handle);
                // Only when the user turned the calendar on: otherwise no socket is ever opened.
                shell::calendar::start_if_on(handle, shell::calendar::AFTER_START);
                shell::actions::quit_on_end_signals(handle);
            }
            // The last window closed (code None): stay in the tray if the user wants it. Quit passes a code.
            tauri::RunEvent::ExitRequested { code: None, api, .. }
                if handle.state::<AppState>().settings().keep_in_tray =>
            {
                api.prevent_exit();
                shell::actions::rest_in_tray(handle);
            }
            // However the app ends (Quit, a signal, the last window closed without the tray): the changes since the
            // last backup are backed up (nothing is taken when there are none, so after Quit's own this is free).
            tauri::RunEvent::Exit => {
                if let Some(state) = handle.try_state::<AppState>() {
                    state.back_up_changes(true);
                }
            }
            _ => {}
        }),
        Err(e) => fail_to_start(&e),
    }
}
