//! Commands about the app itself: what the UI needs to start, and closing the window.

use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};

use crate::i18n::{catalogue, Catalogue};
use crate::shell::error::IpcError;
use crate::shell::state::AppState;

/// Everything the UI needs before it draws its first screen, in one round trip.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bootstrap {
    /// The language to speak: `fr` or `en`.
    pub lang: &'static str,
    /// That language's strings.
    pub strings: &'static Catalogue,
    /// A message to show once, already in `lang`.
    pub notice: Option<String>,
    /// Where the data lives, for the settings view.
    pub data_dir: String,
    /// The probation presets offered for the check-in delay.
    pub probation: &'static [crate::plan::probation::Preset],
    /// The keep-in-touch cadences offered, in months.
    pub keep_in_touch_months: &'static [u32],
}

/// Language, strings and start-up notice.
#[tauri::command]
pub fn get_bootstrap(state: State<'_, AppState>) -> Bootstrap {
    let lang = state.lang();
    Bootstrap {
        lang,
        strings: catalogue(lang),
        notice: (!state.notices.is_empty()).then(|| {
            let texts: Vec<String> = state.notices.iter().map(|n| crate::i18n::t(lang, n.key, &n.args)).collect();
            texts.join("\n")
        }),
        data_dir: state.data_dir.display().to_string(),
        probation: crate::plan::probation::PRESETS,
        keep_in_touch_months: crate::people::SUGGESTED_MONTHS,
    }
}

/// Closes the window the call came from (Ctrl+W).
#[tauri::command]
pub fn close_window<R: Runtime>(state: State<'_, AppState>, window: WebviewWindow<R>) -> Result<(), IpcError> {
    window.close().map_err(|e| IpcError::internal(e, state.lang()))
}
