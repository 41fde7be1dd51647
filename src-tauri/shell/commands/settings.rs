//! Commands over the settings.

use tauri::{AppHandle, Runtime, State};
use tauri_plugin_autostart::ManagerExt;

use super::today;
use crate::settings::Settings;
use crate::shell::error::IpcError;
use crate::shell::state::AppState;

/// The settings as saved (language `None` = following the system).
#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings()
}

/// Checks and saves the settings, turns start-at-login on or off with them, and wakes the reminder thread
/// (a new reminder time or the notifications switch take effect at once). The UI reloads its strings
/// afterwards if the language changed.
#[tauri::command]
pub fn save_settings<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, IpcError> {
    let lang = state.lang();
    let mut checked = settings.checked(today()).map_err(|e| IpcError::from_domain(e, lang))?;
    // The calendar's settings change only through its own commands (shell/commands/calendar.rs).
    checked.calendar = state.settings().calendar;
    let autostart = app.autolaunch();
    if autostart.is_enabled().unwrap_or(false) != checked.start_at_login {
        let switched = if checked.start_at_login { autostart.enable() } else { autostart.disable() };
        switched.map_err(|e| IpcError::internal(e, lang))?;
    }
    state.replace_settings(checked.clone()).map_err(|e| IpcError::from_domain(e, lang))?;
    state.changed();
    Ok(checked)
}
