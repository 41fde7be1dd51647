//! Commands over the settings.

use tauri::State;

use super::today;
use crate::settings::Settings;
use crate::shell::error::IpcError;
use crate::shell::state::AppState;

/// The settings as saved (language `None` = following the system).
#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings()
}

/// Checks and saves the settings. The UI reloads its strings afterwards if the language changed.
#[tauri::command]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> Result<Settings, IpcError> {
    let lang = state.lang();
    let checked = settings.checked(today()).map_err(|e| IpcError::from_domain(e, lang))?;
    state.replace_settings(checked.clone()).map_err(|e| IpcError::from_domain(e, lang))?;
    Ok(checked)
}
