//! Commands over the backups: list them, take one now, restore one.

use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::db::backup::{self, Backup, Reason};
use crate::settings::Settings;
use crate::shell::error::IpcError;
use crate::shell::state::AppState;

/// Every backup, newest first, with its date, size and number of applications.
#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> Result<Vec<Backup>, IpcError> {
    let dir = state.backup_dir();
    state.with_db(|_| backup::list(&dir))
}

/// "Back up now".
#[tauri::command(async)]
pub fn back_up_now(state: State<'_, AppState>) -> Result<Backup, IpcError> {
    let (dir, settings) = (state.backup_dir(), state.settings_json());
    state.with_db(|c| backup::take(c, &dir, Some(&settings), Reason::Manual, Utc::now()))
}

/// Restores a backup (named by its file name) after keeping the current journal as a backup of its own; the
/// settings saved with it come back too. The window and the reminders follow at once.
#[tauri::command(async)]
pub fn restore_backup<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, file: String) -> Result<(), IpcError> {
    // The journal and its settings come back together, or the process waits to start over in the tray.
    let _busy = state.hold();
    let (dir, settings) = (state.backup_dir(), state.settings_json());
    let path = state.write_db(|c| {
        let path = backup::path_of(&dir, &file)?;
        backup::take(c, &dir, Some(&settings), Reason::BeforeRestore, Utc::now())?;
        backup::restore_into(c, &path)?;
        Ok(path)
    })?;
    if let Ok(json) = std::fs::read_to_string(backup::settings_path(&path)) {
        if let Ok(value) = serde_json::from_str(&json) {
            let lang = state.lang();
            state.replace_settings(Settings::from_json(&value)).map_err(|e| IpcError::from_domain(e, lang))?;
        }
    }
    crate::shell::actions::changed(&app);
    Ok(())
}
