//! What the tray and the notifications can do, in one place: open the window, snooze what is due, quit. Each
//! action tells the reminder thread (tray, next notification) and the window (redraw) through [`changed`].

use chrono::{Local, Utc};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::reminders::{snooze_all_due, snooze_steps_due};
use crate::shell::state::AppState;
use crate::shell::window;

/// The event the window listens to, to redraw after a change made outside it (tray, notification).
pub const CHANGED: &str = "rebound://changed";

/// After a change made outside the window: wake the reminder thread (tray) and tell the window to redraw.
pub fn changed<R: Runtime>(app: &AppHandle<R>) {
    app.state::<AppState>().wake.ring();
    let _ = app.emit(CHANGED, ());
}

/// Opens (or shows) the window, on application `target` if given. Windows are made on the main thread: from
/// any other (the notification listener), the work is queued there.
pub fn open<R: Runtime>(app: &AppHandle<R>, target: Option<i64>) {
    let handle = app.clone();
    let queued = app.run_on_main_thread(move || {
        if let Err(e) = window::open_main(&handle, target) {
            log::warn!("open the window: {e}");
        }
    });
    if let Err(e) = queued {
        log::warn!("open the window: {e}");
    }
}

/// "Snooze all until tomorrow" (tray): every due step.
pub fn snooze_all<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let time = state.settings().reminder_time();
    if let Err(e) = state.with_db(|c| snooze_all_due(c, Utc::now(), time, &Local)) {
        log::warn!("snooze all: {}", e.message);
    }
    changed(app);
}

/// A notification's "Snooze 1 day": the steps it announced, and no others.
pub fn snooze_steps<R: Runtime>(app: &AppHandle<R>, steps: &[i64]) {
    let state = app.state::<AppState>();
    let time = state.settings().reminder_time();
    if let Err(e) = state.with_db(|c| snooze_steps_due(c, steps, Utc::now(), time, &Local)) {
        log::warn!("snooze from a notification: {}", e.message);
    }
    changed(app);
}

/// Ends Rebound (tray's "Quit").
pub fn quit<R: Runtime>(app: &AppHandle<R>) {
    app.exit(0);
}
