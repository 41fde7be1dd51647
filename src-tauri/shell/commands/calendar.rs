//! Commands over the calendar's sync (Settings → Calendar): try an account, connect it to one calendar, turn the
//! sync off, ask for a sync now, read the status line. The network work runs off the main thread (`async`
//! commands); the password goes to the system keyring and nowhere else.

use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::caldav::{Calendar, Client};
use crate::calendar_sync::{self, Status};
use crate::error::Error;
use crate::i18n::t;
use crate::settings::CalendarSettings;
use crate::shell::calendar::{self, KeyringError};
use crate::shell::error::IpcError;
use crate::shell::state::AppState;
use crate::vocab::Lang;

/// What Settings → Calendar shows.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarView {
    pub settings: CalendarSettings,
    pub status: Status,
    /// The last error as a sentence in the user's language, if the last sync failed.
    pub error: Option<String>,
}

fn view(state: &AppState) -> Result<CalendarView, IpcError> {
    let lang = state.lang();
    let status = calendar::status(state).map_err(|e| IpcError::from_domain(e, lang))?;
    let error = status.last_error.as_deref().map(|code| IpcError::calendar_sentence(code, None, lang));
    Ok(CalendarView { settings: state.settings().calendar, status, error })
}

/// The account as typed; an empty password means the one kept in the keyring for this same server and user.
fn account(state: &AppState, url: &str, user: &str, password: &str) -> Result<crate::caldav::Account, IpcError> {
    let lang = state.lang();
    let saved = state.settings().calendar;
    let mut password = password.to_owned();
    if password.is_empty() && saved.url == url.trim() && saved.user == user.trim() && !saved.url.is_empty() {
        password = calendar::password(&saved.url, &saved.user).map_err(|e| keyring_error(e, lang))?.unwrap_or_default();
    }
    calendar_sync::checked_account(url, user, &password).map_err(|e| IpcError::from_domain(e, lang))
}

fn keyring_error(e: KeyringError, lang: Lang) -> IpcError {
    log::warn!("keyring: {}", e.0);
    IpcError::calendar_code("keyring", "password", lang)
}

/// The calendars this account may write to ("Test the connection"). Nothing is saved.
#[tauri::command(async)]
pub fn calendar_discover(
    state: State<'_, AppState>,
    url: String,
    user: String,
    password: String,
) -> Result<Vec<Calendar>, IpcError> {
    let lang = state.lang();
    let client = Client::new(account(&state, &url, &user, &password)?).map_err(|e| IpcError::calendar(&e, lang))?;
    // No calendar is chosen yet: whatever goes wrong is about the address.
    client.discover().map_err(|e| IpcError::calendar_on(&e, "url", lang))
}

/// Connects the account to one of its calendars (`calendar`, an address `calendar_discover` gave) or to a new
/// "Rebound" calendar (`create`), keeps the password in the keyring, turns the sync on and starts it.
#[tauri::command(async)]
pub fn calendar_connect<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    url: String,
    user: String,
    password: String,
    calendar: String,
    create: bool,
) -> Result<CalendarView, IpcError> {
    let lang = state.lang();
    let account = account(&state, &url, &user, &password)?;
    let (url, user, password) = (account.url.clone(), account.user.clone(), account.password.clone());
    let client = Client::new(account).map_err(|e| IpcError::calendar(&e, lang))?;
    let chosen = if create {
        client.create_calendar(&t(lang, "caldav.new_name", &[])).map_err(|e| IpcError::calendar(&e, lang))?
    } else {
        let found = client.discover().map_err(|e| IpcError::calendar(&e, lang))?;
        found
            .into_iter()
            .find(|c| c.href == calendar)
            .ok_or_else(|| IpcError::from_domain(Error::invalid("calendar", crate::error::Problem::NotAChoice), lang))?
    };
    calendar::store_password(&url, &user, &password).map_err(|e| keyring_error(e, lang))?;
    let mut settings = state.settings();
    let before = settings.calendar.clone();
    settings.calendar =
        CalendarSettings { enabled: true, url, user, calendar: chosen.href, calendar_name: chosen.name };
    if (before.url.as_str(), before.user.as_str()) != (settings.calendar.url.as_str(), settings.calendar.user.as_str())
        && !before.url.is_empty()
    {
        if let Err(e) = calendar::forget_password(&before.url, &before.user) {
            log::warn!("keyring: the previous account's password stays: {}", e.0);
        }
    }
    state.replace_settings(settings).map_err(|e| IpcError::from_domain(e, lang))?;
    calendar::start_if_on(&app, std::time::Duration::ZERO);
    state.calendar_wake.ring();
    view(&state)
}

/// Turns the sync off: off first (a sync under way stops before its next write), then the journal forgets what it
/// sent and the password leaves the keyring — a keyring that does not answer is logged and does not keep the sync
/// on. The events already in the calendar stay there (they are the user's now). Off the main thread: the keyring
/// is a D-Bus call away.
#[tauri::command(async)]
pub fn calendar_disconnect(state: State<'_, AppState>) -> Result<CalendarView, IpcError> {
    let lang = state.lang();
    let mut settings = state.settings();
    let before = settings.calendar.clone();
    settings.calendar =
        CalendarSettings { url: before.url.clone(), user: before.user.clone(), ..CalendarSettings::default() };
    state.replace_settings(settings).map_err(|e| IpcError::from_domain(e, lang))?;
    state.with_db(calendar_sync::forget_all_mut)?;
    if !before.url.is_empty() {
        if let Err(e) = calendar::forget_password(&before.url, &before.user) {
            log::warn!("keyring: the password could not be removed: {}", e.0);
        }
    }
    view(&state)
}

/// Syncs now (the status line's "Sync now").
#[tauri::command]
pub fn calendar_sync_now<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<CalendarView, IpcError> {
    calendar::start_if_on(&app, std::time::Duration::ZERO);
    state.calendar_wake.ring();
    view(&state)
}

/// The status line.
#[tauri::command]
pub fn calendar_status(state: State<'_, AppState>) -> Result<CalendarView, IpcError> {
    view(&state)
}
