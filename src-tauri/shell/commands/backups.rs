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
    // Opening and checking every backup needs no journal: the journal's lock is not held meanwhile.
    let dir = state.backup_dir();
    backup::list(&dir).map_err(|e| IpcError::from_domain(e, state.lang()))
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
    // The backup is checked before the journal is kept as a before-restore copy (a refused one takes none).
    let path = state.write_db(|c| backup::restore(c, &dir, &file, Some(&settings), Utc::now()))?;
    if let Ok(json) = std::fs::read_to_string(backup::settings_path(&path)) {
        if let Ok(value) = serde_json::from_str(&json) {
            let lang = state.lang();
            let mut restored = Settings::from_json(&value);
            // The calendar's account stays this machine's: its password is in the keyring, not in the backup.
            restored.calendar = state.settings().calendar;
            state.replace_settings(restored).map_err(|e| IpcError::from_domain(e, lang))?;
        }
    }
    crate::shell::actions::changed(&app);
    Ok(())
}
