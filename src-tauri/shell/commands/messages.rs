//! Commands over the messages: templates, rendering, the tone check, and the one-click actions (copy, open the
//! mail app, open a profile).

use chrono::Utc;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
#[cfg(not(target_os = "linux"))]
use tauri_plugin_opener::OpenerExt;

use super::today;
use crate::error::Error;
use crate::i18n::t;
use crate::messages::{self, links, tone, MessageRequest, Rendered, Template};
use crate::shell::error::IpcError;
use crate::shell::state::AppState;
use crate::validate::{within, MAX_LINE};
use crate::vocab::{Lang, MessageKind, Term};

/// A kind of message and a language as the window names them; any other words name no template.
fn kind_and_lang(kind: &str, lang: &str) -> Result<(MessageKind, Lang), Error> {
    MessageKind::parse(kind).zip(Lang::parse(lang)).ok_or(Error::NotFound("template"))
}

/// The template in use for a kind and language.
#[tauri::command]
pub fn get_template(state: State<'_, AppState>, kind: String, lang: String) -> Result<Template, IpcError> {
    state.with_db(|c| {
        let (kind, lang) = kind_and_lang(&kind, &lang)?;
        messages::template(c, kind, lang)
    })
}

/// Saves one of the user's versions of a template (a new one without an id).
#[tauri::command]
pub fn save_template(state: State<'_, AppState>, template: Template) -> Result<Template, IpcError> {
    state.write_db(|c| messages::save_template(c, &template, today(), Utc::now()))
}

/// Every version of a kind of message in a language, Rebound's first.
#[tauri::command]
pub fn template_versions(state: State<'_, AppState>, kind: String, lang: String) -> Result<Vec<Template>, IpcError> {
    state.with_db(|c| {
        let (kind, lang) = kind_and_lang(&kind, &lang)?;
        messages::versions(c, kind, lang)
    })
}

/// Deletes one of the user's versions; returns the template now in use for its kind and language.
#[tauri::command]
pub fn delete_template(state: State<'_, AppState>, id: i64) -> Result<Template, IpcError> {
    state.write_db(|c| messages::delete_template(c, id))
}

/// Renders a message from the journal and settings (or a template draft, for a live preview). Off the main
/// thread: a user's template may take a while before its fuel runs out.
#[tauri::command(async)]
pub fn render_message(state: State<'_, AppState>, request: MessageRequest) -> Result<Rendered, IpcError> {
    let settings = state.settings();
    state.with_db(|c| messages::render_request(c, &request, &settings.my_name, &settings.signature, today()))
}

/// One tone finding, with the reason in the user's language.
#[derive(Debug, Serialize)]
pub struct ToneFinding {
    pub start: usize,
    pub end: usize,
    pub rule: String,
    /// `stop` (the copy is held until "copy anyway") or `second_look` (shown; the copy goes ahead).
    pub severity: tone::Severity,
    pub message: String,
}

/// Checks a message's tone in the message's language; the reasons come in the UI's language. Off the main
/// thread, and refused past [`messages::MAX_MESSAGE`] characters.
#[tauri::command(async)]
pub fn check_tone(
    state: State<'_, AppState>,
    text: String,
    lang: String,
    application_id: Option<i64>,
) -> Result<Vec<ToneFinding>, IpcError> {
    let ui = state.lang();
    within("text", &text, messages::MAX_MESSAGE).map_err(|e| IpcError::from_domain(e, ui))?;
    // The names the user typed (the company in capitals, the people met, their own name) are never shouting.
    let mut names = vec![state.settings().my_name];
    if let Some(id) = application_id {
        if let Ok(app) = state.with_db(|c| crate::journal::get_application(c, id)) {
            names.push(app.company);
            names.extend(app.people.into_iter().map(|p| p.name));
        }
    }
    let ctx = tone::Context { names: names.into_iter().filter(|n| !n.trim().is_empty()).collect() };
    Ok(tone::check(&text, &lang, &ctx)
        .into_iter()
        .map(|f| ToneFinding {
            message: t(ui, &format!("tone.{}", f.rule), &[]),
            start: f.start,
            end: f.end,
            severity: f.severity,
            rule: f.rule,
        })
        .collect())
}

/// Puts text on the system clipboard.
#[tauri::command]
pub fn copy_text<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, text: String) -> Result<(), IpcError> {
    let lang = state.lang();
    within("text", &text, messages::MAX_MESSAGE).map_err(|e| IpcError::from_domain(e, lang))?;
    app.clipboard().write_text(text).map_err(|e| IpcError::internal(e, lang))
}

/// Opens the mail app with a message ready to send.
#[tauri::command]
pub fn open_mail<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    to: String,
    subject: String,
    body: String,
) -> Result<(), IpcError> {
    let lang = state.lang();
    let url = within("subject", &subject, MAX_LINE)
        .and_then(|_| within("body", &body, messages::MAX_MESSAGE))
        .and_then(|_| links::mailto(&to, &subject, &body, today()))
        .map_err(|e| IpcError::from_domain(e, lang))?;
    open(&app, &url, lang)
}

/// Opens a web page (a LinkedIn profile) in the browser: https only.
#[tauri::command]
pub fn open_link<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, url: String) -> Result<(), IpcError> {
    let lang = state.lang();
    let url = within("url", &url, links::MAX_URL)
        .and_then(|_| links::checked_https(&url))
        .map_err(|e| IpcError::from_domain(e, lang))?;
    open(&app, &url, lang)
}

fn open<R: Runtime>(app: &AppHandle<R>, url: &str, lang: Lang) -> Result<(), IpcError> {
    // The capability's scopes bind only calls from the UI; this is Rust's own check of what Rust opens.
    if !links::is_openable(url) {
        return Err(IpcError::from_domain(Error::invalid("url", crate::error::Problem::NotSecureAddress), lang));
    }
    #[cfg(target_os = "linux")]
    {
        let _ = app;
        launch(url).map_err(|e| IpcError::internal(e, lang))
    }
    #[cfg(not(target_os = "linux"))]
    app.opener().open_url(url, None::<&str>).map_err(|e| IpcError::internal(e, lang))
}

/// Starts the desktop's first launcher that exists (xdg-open, then gio…, as the opener plugin tries them) in the
/// environment of a program started for the user (see `window::for_other_programs`); a thread of its own reaps it.
#[cfg(target_os = "linux")]
fn launch(url: &str) -> std::io::Result<()> {
    use std::process::Stdio;
    let mut failure = None;
    for mut command in open::commands(url) {
        crate::shell::window::for_other_programs(&mut command)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        match command.spawn() {
            Ok(mut child) => {
                std::thread::spawn(move || child.wait());
                return Ok(());
            }
            Err(e) => failure = Some(e),
        }
    }
    Err(failure.unwrap_or_else(|| std::io::Error::other("no launcher for links on this desktop")))
}
