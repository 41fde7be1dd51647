//! Commands over the journal.

use chrono::Utc;
use tauri::State;

use super::today;
use crate::error::{Error, Problem};
use crate::journal::trash::{self, Deleted};
use crate::journal::{
    self, ApplicationDetail, ApplicationInput, ApplicationPage, ApplicationSummary, CompanyHistory, OutcomeInput,
    ReflectionInput,
};
use crate::natural_date;
use crate::plan::PlanOptions;
use crate::shell::error::IpcError;
use crate::shell::state::AppState;

/// The applications list, narrowed by the search box's text. Off the main thread: a long journal must not
/// hold the window.
#[tauri::command(async)]
pub fn list_applications(state: State<'_, AppState>, query: String) -> Result<Vec<ApplicationSummary>, IpcError> {
    state.with_db(|c| journal::list_applications(c, &query))
}

/// The first `limit` rows of the list and how many applications there are: the first screen sends no more than
/// it draws. Off the main thread.
#[tauri::command(async)]
pub fn first_applications(state: State<'_, AppState>, limit: u32) -> Result<ApplicationPage, IpcError> {
    state.with_db(|c| journal::first_applications(c, limit as usize))
}

/// Everything written about the applications (companies, roles, people, notes, reflections) searched through the
/// full-text index: the matching applications, newest first, with the passages that match. Off the main thread.
#[tauri::command(async)]
pub fn search_journal(state: State<'_, AppState>, query: String) -> Result<Vec<journal::search::Hit>, IpcError> {
    state.with_db(|c| journal::search::search(c, &query))
}

/// The picture of the search for the applications sent from `from` to `to` (`YYYY-MM-DD`, both included).
#[tauri::command(async)]
pub fn get_insights(
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<crate::insights::Insights, IpcError> {
    let lang = state.lang();
    let (from, to) = (super::iso_day("from", &from, lang)?, super::iso_day("to", &to, lang)?);
    state.with_db(|c| crate::insights::insights(c, from, to, today()))
}

/// One application with its people and timeline.
#[tauri::command]
pub fn get_application(state: State<'_, AppState>, id: i64) -> Result<ApplicationDetail, IpcError> {
    state.with_db(|c| journal::get_application(c, id))
}

/// A date as the user typed it ("yesterday", «il y a 3 jours», `12/11/2026`…), read in the interface language,
/// as `YYYY-MM-DD`: the window shows it beside the field and sends it on save. `ahead`: a field about the future
/// ("friday" is the next one).
#[tauri::command]
pub fn read_date(state: State<'_, AppState>, text: String, ahead: bool) -> Result<String, IpcError> {
    let lang = if state.lang() == "fr" { natural_date::Lang::Fr } else { natural_date::Lang::En };
    let read = if ahead { natural_date::parse_ahead } else { natural_date::parse };
    read(&text, today(), lang)
        .map(crate::db::day)
        .map_err(|_| IpcError::from_domain(Error::invalid("date", Problem::NotADate), state.lang()))
}

/// Creates or updates an application; returns its id.
#[tauri::command]
pub fn save_application(state: State<'_, AppState>, input: ApplicationInput) -> Result<i64, IpcError> {
    let lang = state.lang();
    state.write_db(|c| journal::save_application(c, &input, lang, today(), Utc::now()))
}

/// Logs an outcome; returns the new event's id.
#[tauri::command]
pub fn log_outcome(state: State<'_, AppState>, input: OutcomeInput) -> Result<i64, IpcError> {
    let opts = PlanOptions { check_in_days: state.settings().check_in_days, ..PlanOptions::default() };
    state.write_db(|c| journal::log_outcome(c, &input, today(), Utc::now(), opts))
}

/// Writes the reflection on an outcome.
#[tauri::command]
pub fn save_reflection(state: State<'_, AppState>, input: ReflectionInput) -> Result<(), IpcError> {
    state.write_db(|c| journal::save_reflection(c, &input, today(), Utc::now()))
}

/// Every application and person at one company.
#[tauri::command]
pub fn get_company_history(state: State<'_, AppState>, company_id: i64) -> Result<CompanyHistory, IpcError> {
    state.with_db(|c| journal::company_history(c, company_id))
}

/// Deletes an application with its timeline and plan; the answer names the trash entry "Undo" restores.
#[tauri::command]
pub fn delete_application(state: State<'_, AppState>, id: i64) -> Result<Deleted, IpcError> {
    state.write_db(|c| trash::delete_application(c, id, Utc::now()))
}

/// Deletes a person from the journal (and from the applications and interviews they were linked to).
#[tauri::command]
pub fn delete_person(state: State<'_, AppState>, id: i64) -> Result<Deleted, IpcError> {
    state.write_db(|c| trash::delete_person(c, id, Utc::now()))
}

/// Deletes one interview from a timeline.
#[tauri::command]
pub fn delete_interview(state: State<'_, AppState>, id: i64) -> Result<Deleted, IpcError> {
    state.write_db(|c| trash::delete_interview(c, id, Utc::now()))
}

/// Puts back what a delete removed.
#[tauri::command]
pub fn undo_delete(state: State<'_, AppState>, trash_id: i64) -> Result<(), IpcError> {
    state.write_db(|c| trash::undo_delete(c, trash_id))
}
