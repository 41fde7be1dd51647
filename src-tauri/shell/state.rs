//! What the commands share: the open journal, the settings, and where they are kept.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use super::error::IpcError;
use crate::error::Result;
use crate::settings::Settings;

/// Persists settings. The app's implementation wraps tauri-plugin-store; keeping it behind a trait keeps
/// the commands free of the runtime type.
pub trait SettingsFile: Send + Sync {
    fn save(&self, settings: &Settings) -> Result<()>;
}

/// The app's shared state, managed by Tauri.
pub struct AppState {
    db: Mutex<Connection>,
    settings: Mutex<Settings>,
    settings_file: Box<dyn SettingsFile>,
    /// The OS locale, read once at start.
    system_locale: Option<String>,
    /// Where all data lives.
    pub data_dir: PathBuf,
    /// Something the user must be told at start (e.g. settings reset), as a catalogue key.
    pub notice: Option<String>,
    /// Wakes the reminder thread when the journal or the settings change.
    pub wake: super::reminders::Wake,
}

impl AppState {
    pub fn new(
        db: Connection,
        settings: Settings,
        settings_file: Box<dyn SettingsFile>,
        system_locale: Option<String>,
        data_dir: PathBuf,
        notice: Option<String>,
    ) -> Self {
        AppState {
            db: Mutex::new(db),
            settings: Mutex::new(settings),
            settings_file,
            system_locale,
            data_dir,
            notice,
            wake: Default::default(),
        }
    }

    fn lock_settings(&self) -> MutexGuard<'_, Settings> {
        // A panic while holding the lock cannot leave Settings half-written (it is replaced whole).
        self.settings.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The language to speak now.
    pub fn lang(&self) -> &'static str {
        self.lock_settings().effective_language(self.system_locale.as_deref())
    }

    /// A copy of the current settings.
    pub fn settings(&self) -> Settings {
        self.lock_settings().clone()
    }

    /// Saves new settings to the file, then adopts them.
    pub fn replace_settings(&self, new: Settings) -> Result<()> {
        let mut current = self.lock_settings();
        self.settings_file.save(&new)?;
        *current = new;
        Ok(())
    }

    /// Runs `f` on the journal and translates its error for the user.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T, IpcError> {
        let lang = self.lang();
        // A panic inside a transaction rolls it back when the Transaction drops, so the connection is usable.
        let mut conn = self.db.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn).map_err(|e| IpcError::from_domain(e, lang))
    }
}
