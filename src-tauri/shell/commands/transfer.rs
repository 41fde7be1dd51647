//! Export and import through native file dialogs. The dialogs are opened here, in Rust, so no file path ever
//! crosses the bridge: the UI asks "export" or "pick a file to import", and a picked file's content waits in
//! the app's state until the user confirms what the preview said.

use std::path::PathBuf;

use chrono::{Local, Utc};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::today;
use crate::db::backup::{self, Reason};
use crate::error::{Error, Problem};
use crate::i18n::t;
use crate::shell::error::IpcError;
use crate::shell::state::{AppState, PendingImport};
use crate::transfer::{self, csv::Mapping};
use crate::vocab::Lang;

/// The native "save" dialog, titled with the action's own words; `None` when the user closes it.
fn save_dialog<R: Runtime>(app: &AppHandle<R>, title: String, name: &str, filter: &str, ext: &str) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter, &[ext])
        .set_file_name(name)
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

/// What an export did: where the file went, or nothing when the user closed the dialog.
#[derive(Debug, Serialize)]
pub struct Exported {
    pub file: Option<String>,
}

/// One file saved through the native dialog: `<stem>-<today>.<ext>`, the dialog titled with `title_key`, then
/// `contents` written atomically. Nothing is computed when the user closes the dialog.
fn save_as<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    lang: Lang,
    (stem, title_key): (&str, &str),
    (ext, filter): (&str, &str),
    contents: impl FnOnce() -> Result<String, IpcError>,
) -> Result<Exported, IpcError> {
    let name = format!("{stem}-{}.{ext}", Local::now().format("%Y-%m-%d"));
    let Some(path) = save_dialog(app, t(lang, title_key, &[]), &name, filter, ext) else {
        return Ok(Exported { file: None });
    };
    // After the dialog (it needs the main thread, which a restart would hold): the file is written whole.
    let _busy = state.hold();
    let text = contents()?;
    crate::datadir::write_atomic(&path, text.as_bytes()).map_err(|e| IpcError::from_domain(e, lang))?;
    Ok(Exported { file: Some(path.display().to_string()) })
}

/// One export of the journal: `rebound-<today>.<ext>`, titled `transfer.export_<ext>`, `produce` run on it.
fn export_to<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    ext: &str,
    filter: &str,
    produce: impl FnOnce(&mut rusqlite::Connection, Lang) -> crate::error::Result<String>,
) -> Result<Exported, IpcError> {
    let lang = state.lang();
    let title = format!("transfer.export_{ext}");
    save_as(app, state, lang, ("rebound", &title), (ext, filter), || state.with_db(|c| produce(c, lang)))
}

/// Everything (journal, timeline, plan, reflections, templates, settings) as one JSON file.
#[tauri::command(async)]
pub fn export_journal<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<Exported, IpcError> {
    let settings = transfer::json::settings_for_export(&state.settings());
    export_to(&app, &state, "json", "JSON", |c, _| {
        let doc = transfer::json::export(c, settings, Utc::now())?;
        serde_json::to_string_pretty(&doc).map_err(|e| Error::io("export", e))
    })
}

/// The applications as CSV, header in the UI language.
#[tauri::command(async)]
pub fn export_csv<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<Exported, IpcError> {
    export_to(&app, &state, "csv", "CSV", |c, lang| transfer::csv::export(c, lang))
}

/// The open follow-ups as an iCalendar file, at the reminder time.
#[tauri::command(async)]
pub fn export_ics<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Result<Exported, IpcError> {
    let time = state.settings().reminder_time();
    export_to(&app, &state, "ics", "iCalendar", |c, lang| transfer::ics::export(c, lang, time, &Local, Utc::now()))
}

/// The Insights figures of the period shown (`from`–`to`, `YYYY-MM-DD`) as CSV, labels in the UI language.
#[tauri::command(async)]
pub fn export_insights<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    from: String,
    to: String,
) -> Result<Exported, IpcError> {
    let lang = state.lang();
    let (from, to) = (super::iso_day("from", &from, lang)?, super::iso_day("to", &to, lang)?);
    save_as(&app, &state, lang, ("rebound-insights", "insights.export_csv"), ("csv", "CSV"), || {
        state.with_db(|c| crate::insights::to_csv(&crate::insights::insights(c, from, to, today())?, lang))
    })
}

/// One of the Insights charts, as the window drew it, saved as an SVG file (checked to be a plain chart first).
#[tauri::command(async)]
pub fn export_chart<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    svg: String,
) -> Result<Exported, IpcError> {
    let lang = state.lang();
    let Some(file) = crate::insights::chart_file(&svg) else {
        return Err(IpcError::from_domain(Error::invalid("svg", Problem::NotAChoice), lang));
    };
    save_as(&app, &state, lang, ("rebound-chart", "insights.export_chart"), ("svg", "SVG"), || Ok(file))
}

/// What the import step shows once a file is picked.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Picked {
    /// The user closed the dialog.
    None,
    /// A Rebound file: what importing it will do.
    Json { file: String, preview: transfer::json::Preview },
    /// A CSV: its columns, a sample and the guessed mapping.
    Csv { file: String, csv: transfer::csv::CsvFile },
}

/// Opens the file dialog for an import (`json` or `csv`), reads the file and says what importing it will do.
#[tauri::command(async)]
pub fn pick_import<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    kind: String,
) -> Result<Picked, IpcError> {
    let lang = state.lang();
    let fail = |e: Error| IpcError::from_domain(e, lang);
    let (filter, ext, max) = match kind.as_str() {
        "json" => ("Rebound (JSON)", "json", transfer::json::MAX_BYTES),
        "csv" => ("CSV", "csv", transfer::csv::MAX_BYTES),
        _ => return Err(fail(Error::invalid("kind", Problem::NotAChoice))),
    };
    let title = t(lang, &format!("transfer.import_{kind}"), &[]);
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter, &[ext])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok());
    let Some(path) = picked else { return Ok(Picked::None) };
    // Only a regular file, and never more than `max` bytes of it (a device or a pipe says 0 and never ends).
    let text = transfer::read_file(&path, max).map_err(fail)?;
    let text = String::from_utf8(text)
        .map_err(|_| fail(Error::invalid("file", if kind == "csv" { Problem::NotCsv } else { Problem::NotRebound })))?;
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let out = if kind == "json" {
        // Reading, checking and indexing the file need no journal: only the comparison takes its lock.
        let doc = transfer::json::parse(&text).map_err(fail)?;
        drop(text);
        let preview = state.with_db(|c| transfer::json::preview(c, &doc))?;
        state.set_pending_import(Some(PendingImport::Json(Box::new(doc))));
        Picked::Json { file, preview }
    } else {
        let csv = transfer::csv::read(&text).map_err(fail)?;
        state.set_pending_import(Some(PendingImport::Csv(text)));
        Picked::Csv { file, csv }
    };
    Ok(out)
}

/// Applies the picked Rebound file (after keeping the journal as it is as a backup). Into an empty journal its
/// settings come too.
#[tauri::command(async)]
pub fn import_journal<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<transfer::json::Preview, IpcError> {
    let _busy = state.hold();
    let lang = state.lang();
    let Some(PendingImport::Json(doc)) = state.take_pending_import() else {
        return Err(IpcError::from_domain(Error::NotFound("import"), lang));
    };
    let (dir, settings) = (state.backup_dir(), state.settings_json());
    let done = state.write_db(|c| {
        backup::take(c, &dir, Some(&settings), Reason::BeforeRestore, Utc::now())?;
        transfer::json::import(c, &doc)
    })?;
    if done.restore {
        // Start at login stays as this machine has it: the file cannot bring the autostart entry behind it.
        if let Some(s) = doc.settings_to_restore(&state.settings()) {
            state.replace_settings(s).map_err(|e| IpcError::from_domain(e, lang))?;
        }
    }
    crate::shell::actions::changed(&app);
    Ok(done)
}

/// Imports the picked CSV with the user's mapping: every row, or none and the rows to fix.
#[tauri::command(async)]
pub fn import_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    mapping: Mapping,
) -> Result<transfer::csv::CsvImported, IpcError> {
    let _busy = state.hold();
    let lang = state.lang();
    let Some(PendingImport::Csv(text)) = state.take_pending_import() else {
        return Err(IpcError::from_domain(Error::NotFound("import"), lang));
    };
    let (dir, settings) = (state.backup_dir(), state.settings_json());
    let result = state.write_db(|c| {
        // Checked first: a refused file takes no backup (ten refused tries would rotate away the real ones).
        transfer::csv::check(c, &text, &mapping, lang, today(), Utc::now())?;
        backup::take(c, &dir, Some(&settings), Reason::BeforeRestore, Utc::now())?;
        transfer::csv::import(c, &text, &mapping, lang, today(), Utc::now())
    });
    if result.is_err() {
        // Kept, so the user can fix the mapping and try again.
        state.set_pending_import(Some(PendingImport::Csv(text)));
    }
    crate::shell::actions::changed(&app);
    result
}

/// Forgets a picked file the user decided not to import.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.set_pending_import(None);
}
