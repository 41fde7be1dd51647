//! The main window, built from Rust so that it can be destroyed when closed to the tray (releasing the
//! webview and its web content process) and built again on demand.

use tauri::{AppHandle, Emitter, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The main window's label, which the capability names.
pub const MAIN: &str = "main";

/// The event that asks an open window to show an application.
pub const SHOW_APPLICATION: &str = "rebound://show-application";

/// Shows the main window, building it if there is none, optionally on one application.
pub fn open_main<R: Runtime>(app: &AppHandle<R>, application: Option<i64>) -> tauri::Result<()> {
    if let Some(w) = app.get_webview_window(MAIN) {
        if let Some(id) = application {
            w.emit(SHOW_APPLICATION, id)?;
        }
        w.unminimize()?;
        w.show()?;
        return w.set_focus();
    }
    let page = match application {
        Some(id) => format!("index.html#/app/{id}"),
        None => "index.html".to_owned(),
    };
    WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App(page.into()))
        .title("Rebound")
        .inner_size(1100.0, 760.0)
        .min_inner_size(640.0, 480.0)
        .build()?;
    Ok(())
}
