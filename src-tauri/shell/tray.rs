//! The system tray: the app's icon and a menu with the number of follow-ups due, each due application, "Snooze
//! all until tomorrow", "Open Rebound" and "Quit"; first, while the window has not shown it, a line for a
//! recovery of the journal at start. The reminder thread rebuilds the menu whenever the journal, the settings
//! or the clock change what is due, so the tray and the window always agree.

use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

use crate::i18n::{t, tn};
use crate::reminders::DueStep;
use crate::shell::actions;
use crate::shell::state::AppState;
use crate::vocab::Lang;

/// The tray icon's id.
pub const TRAY: &str = "rebound";

/// A menu label that shows `text` as it is: menus read "&" as the mark of a keyboard shortcut ("Procter & Gamble"
/// would show as "Procter _Gamble" or lose the "&"), and "&&" as one "&".
pub fn literal_label(text: &str) -> String {
    text.replace('&', "&&")
}

fn menu<R: Runtime>(app: &AppHandle<R>, due: &[DueStep], lang: Lang) -> tauri::Result<Menu<R>> {
    // One line per notification: an application, or a person to keep in touch with.
    let heads = crate::reminders::schedule::group_heads(due);
    let count = match due.len() {
        0 => t(lang, "tray.none_due", &[]),
        n => tn(lang, "tray.due", i64::try_from(n).unwrap_or(i64::MAX), &[]),
    };
    let menu = Menu::new(app)?;
    // A recovery the window has not shown yet: the line opens the window, which shows it.
    if app.state::<AppState>().recovery_unseen() {
        menu.append(&MenuItem::with_id(app, "recovered", t(lang, "tray.recovered", &[]), true, None::<&str>)?)?;
        menu.append(&PredefinedMenuItem::separator(app)?)?;
    }
    menu.append(&MenuItem::with_id(app, "count", count, false, None::<&str>)?)?;
    for (n, head) in heads.iter().enumerate() {
        // Two lines may open one application (its plan, and a person whose reminder hangs on it): ids stay unique.
        let label = literal_label(&crate::reminders::schedule::group_label(head));
        let id = format!("app:{}:{n}", head.application_id);
        menu.append(&MenuItem::with_id(app, id, label, true, None::<&str>)?)?;
    }
    menu.append(&PredefinedMenuItem::separator(app)?)?;
    menu.append(&MenuItem::with_id(
        app,
        "snooze_all",
        t(lang, "tray.snooze_all", &[]),
        !due.is_empty(),
        None::<&str>,
    )?)?;
    menu.append(&MenuItem::with_id(app, "open", t(lang, "tray.open", &[]), true, None::<&str>)?)?;
    menu.append(&MenuItem::with_id(app, "quit", t(lang, "tray.quit", &[]), true, None::<&str>)?)?;
    Ok(menu)
}

/// Creates the tray icon with an empty due list; the reminder thread fills it in.
pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let lang = app.state::<AppState>().lang();
    let mut builder = TrayIconBuilder::with_id(TRAY).tooltip("Rebound").menu(&menu(app, &[], lang)?);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    // Each desktop's convention: on Windows a left click opens the window and the right click shows the menu; on
    // macOS the menu-bar extra shows its menu on a click; on Linux the StatusNotifier host decides (the menu).
    builder = builder.show_menu_on_left_click(!cfg!(windows)).on_tray_icon_event(|tray, event| {
        if cfg!(windows) && opens_window(&event) {
            actions::open(tray.app_handle(), None);
        }
    });
    builder.on_menu_event(on_menu).build(app)?;
    Ok(())
}

/// Whether a tray event is the left click (on release) that opens the window where that is the convention.
fn opens_window(event: &TrayIconEvent) -> bool {
    matches!(event, TrayIconEvent::Click { button: MouseButton::Left, button_state: MouseButtonState::Up, .. })
}

/// Shows the current due list in the tray menu.
pub fn show_due<R: Runtime>(app: &AppHandle<R>, due: &[DueStep]) {
    let Some(tray) = app.tray_by_id(TRAY) else { return };
    let lang = app.state::<AppState>().lang();
    match menu(app, due, lang) {
        Ok(m) => {
            if let Err(e) = tray.set_menu(Some(m)) {
                log::warn!("tray menu: {e}");
            }
        }
        Err(e) => log::warn!("tray menu: {e}"),
    }
}

fn on_menu<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    match event.id().as_ref() {
        "open" | "recovered" => actions::open(app, None),
        "quit" => actions::quit(app),
        "snooze_all" => actions::snooze_all(app),
        other => {
            if let Some(app_id) =
                other.strip_prefix("app:").and_then(|s| s.split(':').next()).and_then(|s| s.parse().ok())
            {
                actions::open(app, Some(app_id));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn user_text_in_a_menu_label_keeps_its_ampersands() {
        assert_eq!(super::literal_label("Procter & Gamble — R&D analyst"), "Procter && Gamble — R&&D analyst");
        assert_eq!(super::literal_label("A && B_C"), "A &&&& B_C");
    }
}
