//! Reading an employer's e-mail (issue 23): pasted text, a dropped `.eml` file's bytes, or one opened with the
//! native dialog, read by [`crate::mail`] into a proposal the window shows. Nothing here writes to the journal
//! except [`keep_email`], which the window calls only when the user ticked "keep the e-mail" and saved.

use chrono::Utc;
use serde::Serialize;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::today;
use crate::error::{Error, Problem};
use crate::i18n::t;
use crate::mail::{self, Candidate, Reading};
use crate::shell::error::IpcError;
use crate::shell::state::AppState;

/// What the window shows for one e-mail: the reading, and the open applications it may be about.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    #[serde(flatten)]
    pub reading: Reading,
    /// The open applications at the e-mail's company, best first; the first is `applicationId`.
    pub candidates: Vec<Candidate>,
    /// The file's name, when the e-mail came from a file.
    pub file: Option<String>,
}

/// The reading of `read` completed with the journal's matches.
fn propose(state: &AppState, read: crate::error::Result<Reading>, file: Option<String>) -> Result<Proposal, IpcError> {
    let lang = state.lang();
    let mut reading = read.map_err(|e| IpcError::from_domain(e, lang))?;
    let candidates = state.with_db(|c| mail::candidates(c, &reading, today()))?;
    reading.application_id = candidates.first().map(|c| c.id);
    Ok(Proposal { reading, candidates, file })
}

/// Reads a pasted e-mail (with or without its headers). Off the main thread.
#[tauri::command(async)]
pub fn read_email(state: State<'_, AppState>, text: String) -> Result<Proposal, IpcError> {
    propose(&state, mail::read(&text, today()), None)
}

/// Reads the bytes of an `.eml` file dropped on the window, sent as the call's raw body (the message's own
/// charsets decide, which a JavaScript string could not keep). The file's name comes in the `X-File-Name`
/// header, percent-encoded by the window.
#[tauri::command(async)]
pub fn read_email_file(state: State<'_, AppState>, request: Request<'_>) -> Result<Proposal, IpcError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::from_domain(Error::invalid("file", Problem::NotAChoice), state.lang()));
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| percent_encoding::percent_decode_str(v).decode_utf8_lossy().into_owned());
    propose(&state, mail::read_bytes(bytes, today()), name)
}

/// Opens the native dialog on `.eml` files and reads the one picked (never more than the size cap of it: a
/// device or a pipe says 0 and never ends); `None` when the user closes the dialog.
#[tauri::command(async)]
pub fn open_email_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<Proposal>, IpcError> {
    let lang = state.lang();
    let picked = app
        .dialog()
        .file()
        .set_title(t(lang, "mail.open_title", &[]))
        .add_filter(t(lang, "mail.eml_filter", &[]), &["eml"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok());
    let Some(path) = picked else { return Ok(None) };
    let bytes =
        crate::transfer::read_file(&path, mail::MAX_BYTES as u64).map_err(|e| IpcError::from_domain(e, lang))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    propose(&state, mail::read_bytes(&bytes, today()), name).map(Some)
}

/// Keeps the e-mail's text on application `application_id`'s timeline, dated `date` (the day it was received).
#[tauri::command(async)]
pub fn keep_email<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    application_id: i64,
    date: String,
    text: String,
) -> Result<i64, IpcError> {
    let id = state.write_db(|c| mail::keep_on_timeline(c, application_id, &date, &text, today(), Utc::now()))?;
    crate::shell::actions::changed(&app);
    Ok(id)
}
