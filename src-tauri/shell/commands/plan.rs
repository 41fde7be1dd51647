//! Commands over the follow-up plan: the steps of an application, the to-do list and Today, what the user does
//! with a step, and the messages and replies logged on the timeline.

use chrono::Utc;
use tauri::State;

use super::today;
use crate::plan::{self, Dismissed, Focus, Step, StepAction};
use crate::shell::error::IpcError;
use crate::shell::state::AppState;

/// The plan of one application.
#[tauri::command]
pub fn list_steps(state: State<'_, AppState>, application_id: i64) -> Result<Vec<Step>, IpcError> {
    state.with_db(|c| plan::list_steps(c, application_id, today()))
}

/// Open steps across all applications, soonest first.
#[tauri::command(async)]
pub fn list_todo(state: State<'_, AppState>) -> Result<Vec<Step>, IpcError> {
    state.with_db(|c| plan::list_todo(c, today()))
}

/// What the first screen shows: the steps of the last two weeks and the next seven days (at most fifteen), and
/// how many older ones passed.
#[tauri::command(async)]
pub fn list_focus(state: State<'_, AppState>) -> Result<Focus, IpcError> {
    state.with_db(|c| plan::focus(c, today()))
}

/// The open steps whose moment passed long ago ("Review" on the first screen's older line).
#[tauri::command(async)]
pub fn list_older(state: State<'_, AppState>) -> Result<Vec<Step>, IpcError> {
    state.with_db(|c| plan::list_older(c, today()))
}

/// Marks every older open step skipped ("Dismiss them").
#[tauri::command]
pub fn dismiss_older(state: State<'_, AppState>) -> Result<Dismissed, IpcError> {
    state.write_db(|c| plan::dismiss_older(c, today(), Utc::now()))
}

/// Puts back the steps a dismissal skipped ("Undo").
#[tauri::command]
pub fn undo_dismiss(state: State<'_, AppState>, at: String) -> Result<usize, IpcError> {
    state.write_db(|c| plan::undo_dismiss(c, &at))
}

/// Done, snooze, skip or reschedule one step.
#[tauri::command]
pub fn act_on_step(state: State<'_, AppState>, input: StepAction) -> Result<Step, IpcError> {
    state.write_db(|c| plan::act_on_step(c, &input, today(), Utc::now()))
}

/// Marks a message that belongs to no step (a thank-you after an interview) as sent, to `person_id` if the
/// composer had an addressee.
#[tauri::command]
pub fn log_message_sent(
    state: State<'_, AppState>,
    application_id: i64,
    kind: String,
    channel: String,
    person_id: Option<i64>,
) -> Result<(), IpcError> {
    state.write_db(|c| plan::log_message_sent(c, application_id, &kind, &channel, person_id, today(), Utc::now()))
}

/// Logs a reply from the employer; it stops the pending nudges.
#[tauri::command]
pub fn log_reply(state: State<'_, AppState>, application_id: i64, note: String) -> Result<(), IpcError> {
    state.write_db(|c| plan::log_reply(c, application_id, &note, today(), Utc::now()))
}
