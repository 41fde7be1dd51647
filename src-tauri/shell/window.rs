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
/// first thing in `run`, while the process has one thread. Programs Rebound starts for the user (a browser, a mail
/// client) do not get it: see [`for_other_programs`].
pub fn prefer_js_interpreter() {
    #[cfg(target_os = "linux")]
    if std::env::var_os(JSC_JIT).is_none() {
        std::env::set_var(JSC_JIT, "0");
        JIT_OFF_BY_US.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

#[cfg(target_os = "linux")]
const JSC_JIT: &str = "JSC_useJIT";
#[cfg(target_os = "linux")]
static JIT_OFF_BY_US: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The environment for a program started on the user's behalf: without the interpreter setting Rebound chose for
/// its own webview (a WebKitGTK browser or mail client started through xdg-open would run without its JIT).
pub fn for_other_programs(command: &mut std::process::Command) -> &mut std::process::Command {
    #[cfg(target_os = "linux")]
    if JIT_OFF_BY_US.load(std::sync::atomic::Ordering::Relaxed) {
        command.env_remove(JSC_JIT);
    }
    command
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
        // A file dropped on the window reaches the page as the web's own drop event, with the file's contents
        // (an employer's `.eml`, read by `read_email_file`): no path of the user's disk crosses the bridge.
        .disable_drag_drop_handler()
        .build()?;
    Ok(())
}
