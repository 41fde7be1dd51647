//! The main window, built from Rust so that it can be destroyed when closed to the tray (releasing the
//! webview and its web content process) and built again on demand.

use tauri::{AppHandle, Emitter, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The main window's label, which the capability names.
pub const MAIN: &str = "main";

/// The event that asks an open window to show an application.
pub const SHOW_APPLICATION: &str = "rebound://show-application";

/// Runs the page's JavaScript in JavaScriptCore's interpreter, without its JIT compilers. On Linux the webview is
/// WebKitGTK, whose web content process inherits this variable. Rebound's pages are small and mostly wait on the
/// DOM: measured with 1,000 applications, the window costs 8 MB less (PSS over the app and its WebKit processes),
/// its first rows are painted ~25 ms sooner (no compiler threads competing for the cores at start-up), and the
/// slowest interaction measured (900 more rows) takes 75 ms instead of 60. A value the user set is kept. Called
/// first thing in `run`, while the process has one thread.
pub fn prefer_js_interpreter() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("JSC_useJIT").is_none() {
        std::env::set_var("JSC_useJIT", "0");
    }
}

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
