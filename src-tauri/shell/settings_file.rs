//! The settings file, `settings.json` in the data folder, through tauri-plugin-store opened with its absolute
//! path, written atomically (temp file, fsync, rename). The file is parsed here first: the store silently starts empty on a parse error and would overwrite
//! the file at its next save, so a damaged file is moved aside and the user is told.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::{Store, StoreExt};

use super::state::{SettingsFile, StartNotice};
use crate::error::{Error, Result};
use crate::settings::{Settings, SETTINGS_FILE};

/// The store behind the settings (its auto-save off), and the file's path.
pub struct PluginSettingsFile<R: Runtime>(Arc<Store<R>>, PathBuf);

impl<R: Runtime> SettingsFile for PluginSettingsFile<R> {
    fn save(&self, s: &Settings) -> Result<()> {
        match &s.language {
            Some(l) => self.0.set("language", l.clone()),
            None => {
                self.0.delete("language");
            }
        }
        self.0.set("myName", s.my_name.clone());
        self.0.set("signature", s.signature.clone());
        self.0.set("checkInDays", s.check_in_days);
        self.0.set("probation", s.probation.clone());
        self.0.set("reminderTime", s.reminder_time.clone());
        self.0.set("notifications", s.notifications);
        self.0.set("keepInTray", s.keep_in_tray);
        self.0.set("startAtLogin", s.start_at_login);
        // The calendar's server, user and chosen calendar; its password is in the keyring, never here.
        self.0.set("calendar", serde_json::to_value(&s.calendar).map_err(|e| Error::io(self.1.display(), e))?);
        // Not the store's own save (a plain overwrite): temp file, fsync, rename.
        let json = Value::Object(self.0.entries().into_iter().collect());
        let bytes = serde_json::to_vec_pretty(&json).map_err(|e| Error::io(self.1.display(), e))?;
        crate::datadir::write_atomic(&self.1, &bytes)
    }
}

/// Loads the settings. Returns them, the file to save them to, and a notice when the file was damaged.
pub fn load<R: Runtime>(
    app: &AppHandle<R>,
    data_dir: &Path,
) -> Result<(Settings, PluginSettingsFile<R>, Option<StartNotice>)> {
    let path = data_dir.join(SETTINGS_FILE);
    let mut notice = None;
    if let Ok(bytes) = std::fs::read(&path) {
        if serde_json::from_slice::<Value>(&bytes).map(|v| !v.is_object()).unwrap_or(true) {
            let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
            let aside = data_dir.join(format!("settings.damaged-{stamp}.json"));
            std::fs::rename(&path, &aside).map_err(|e| Error::io(path.display(), e))?;
            log::warn!("settings file was damaged; kept as {}", aside.display());
            notice = Some(StartNotice::plain("notice.settings_reset"));
        }
    }
    // Auto-save off: the store would write with a plain overwrite; `save` above writes atomically instead.
    let store = app.store_builder(&path).disable_auto_save().build().map_err(|e| Error::io(path.display(), e))?;
    let json = Value::Object(store.entries().into_iter().collect());
    Ok((Settings::from_json(&json), PluginSettingsFile(store, path), notice))
}
