//! Commands over the people met: the people view, a keep-in-touch cadence, and "we talked" entries.

use chrono::Utc;
use tauri::State;

use super::today;
use crate::people::{self, PersonSummary};
use crate::shell::error::IpcError;
use crate::shell::state::AppState;

/// Everyone in the journal with their applications, last contact and cadence. Off the main thread.
#[tauri::command(async)]
pub fn list_people(state: State<'_, AppState>) -> Result<Vec<PersonSummary>, IpcError> {
    state.with_db(|c| people::list(c, today()))
}

/// Keeps in touch with a person every `months` months (`null`: not any more).
#[tauri::command]
pub fn set_keep_in_touch(state: State<'_, AppState>, person_id: i64, months: Option<u32>) -> Result<(), IpcError> {
    state.write_db(|c| people::set_cadence(c, person_id, months, today(), Utc::now()))
}

/// Writes on the timeline that the user talked with a person; returns the entry's id.
#[tauri::command]
pub fn log_contact(state: State<'_, AppState>, person_id: i64, date: String, note: String) -> Result<i64, IpcError> {
    state.write_db(|c| people::log_contact(c, person_id, &date, &note, today(), Utc::now()))
}
