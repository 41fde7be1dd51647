//! Native notifications through notify-rust, in the user's language, with the app's name and icon; and, where
//! the notification server supports actions (Linux: check its capabilities), "Open" and "Snooze 1 day".
//!
//! On Linux actions arrive as D-Bus signals. One listener thread serves every notification Rebound shows — no
//! thread waits per notification — and maps the notification's id back to its application. On Windows a toast
//! (tauri-winrt-notification, what notify-rust itself uses there) carries the same two buttons, and its
//! activation — a button, or a click on the toast — calls back with what the toast is about. On macOS the
//! notification has no buttons: the tray offers the same actions.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

use crate::i18n::{t, tn};
use crate::reminders::schedule::Notice;
use crate::vocab::Lang;

/// What a shown notification is about: its application (0 for a summary), the steps it announced, and when
/// they were announced (their `reminded_at`), so that its "Snooze 1 day" acts only on steps it still speaks for
/// (`reminders::snooze_announced`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    pub application_id: i64,
    pub steps: Vec<i64>,
    pub announced_at: DateTime<Utc>,
}

/// The notifications on screen, by notification id. An entry goes when its notification is closed; at most
/// [`MAX_SHOWN`] are kept (the oldest go first), so a server that never says "closed" cannot grow it forever.
pub type Shown = Arc<Mutex<HashMap<u32, About>>>;

/// How many shown notifications are remembered for their actions.
pub const MAX_SHOWN: usize = 64;

/// What a notification's action does: the action key (`default` or `snooze`) for what it is about.
pub type OnAction = Arc<dyn Fn(&About, &str) + Send + Sync>;

/// The app's notifier.
pub struct DesktopNotifier {
    /// The bundle identifier, which Windows ties toasts to.
    #[cfg(windows)]
    app_id: String,
    /// What a toast's activation does (set once the app is running: [`DesktopNotifier::on_toast_action`]).
    #[cfg(windows)]
    on_action: std::sync::OnceLock<OnAction>,
    icon: String,
    actions: bool,
    /// Whether the server reads the body as markup (then "&" and "<" in user text must be escaped).
    #[cfg(not(windows))]
    markup: bool,
    pub shown: Shown,
}

impl DesktopNotifier {
    /// Prepares the notifier for the app of bundle `identifier`: the icon file (written once under the data
    /// folder, since servers want a path or a theme name) and whether the server shows actions.
    pub fn new(identifier: &str, data_dir: &std::path::Path) -> Self {
        let icon_path = data_dir.join("icon.png");
        if !icon_path.exists() {
            let _ = std::fs::write(&icon_path, include_bytes!("../../icons/128x128.png"));
        }
        #[cfg(target_os = "macos")]
        {
            // macOS attributes notifications to an application bundle: ours, by its identifier.
            let _ = notify_rust::set_application(identifier);
        }
        #[cfg(all(unix, not(target_os = "macos")))]
        let caps = notify_rust::get_capabilities().unwrap_or_default();
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        let caps: Vec<String> = Vec::new();
        let has = |cap: &str| caps.iter().any(|x| x == cap);
        #[cfg(not(any(windows, target_os = "macos")))]
        let _ = identifier;
        DesktopNotifier {
            #[cfg(windows)]
            app_id: identifier.to_owned(),
            #[cfg(windows)]
            on_action: std::sync::OnceLock::new(),
            icon: icon_path.display().to_string(),
            // Windows toasts always carry buttons; a Linux server says whether it shows them.
            actions: cfg!(windows) || has("actions"),
            #[cfg(not(windows))]
            markup: has("body-markup"),
            shown: Shown::default(),
        }
    }

    /// Whether the server shows action buttons.
    pub fn has_actions(&self) -> bool {
        self.actions
    }

    /// Sets what a toast's "Open" (or a click on it) and "Snooze 1 day" do.
    #[cfg(windows)]
    pub fn on_toast_action(&self, on_action: OnAction) {
        let _ = self.on_action.set(on_action);
    }
}

/// A notification as it will show: every word already in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeText {
    pub summary: String,
    pub body: String,
    /// The label of the "Open" action.
    pub open: String,
    /// The label of "Snooze 1 day", for a notice about one application or person (not a summary).
    pub snooze: Option<String>,
    /// The application it is about (0 for a summary) and the steps it announced, for its actions.
    pub application_id: i64,
    pub steps: Vec<i64>,
    /// When its steps were recorded as announced (their `reminded_at`).
    pub announced_at: DateTime<Utc>,
}

impl NoticeText {
    /// The notification for `n` in `lang`, whose steps were recorded as announced at `announced_at`.
    pub fn new(n: &Notice, lang: Lang, announced_at: DateTime<Utc>) -> Self {
        let (summary, body, app_id) = words(n, lang);
        let steps = match n {
            Notice::One { step_ids, .. } => step_ids.clone(),
            Notice::Summary { .. } => Vec::new(),
        };
        NoticeText {
            summary,
            body,
            open: t(lang, "notify.open", &[]),
            snooze: app_id.map(|_| t(lang, "notify.snooze", &[])),
            application_id: app_id.unwrap_or(0),
            steps,
            announced_at,
        }
    }
}

/// The words of a notice in `lang`: summary, body, and the application it is about (if just one).
pub fn words(n: &Notice, lang: Lang) -> (String, String, Option<i64>) {
    match n {
        Notice::One { application_id, company, role, person, steps, outcome, days_since, .. } => {
            let steps: Vec<String> = steps.iter().map(|k| t(lang, &format!("message.{k}"), &[])).collect();
            let summary = match person {
                Some(name) => t(lang, "notify.person", &[("name", name.clone()), ("company", company.clone())]),
                None => t(lang, "notify.one", &[("company", company.clone()), ("role", role.clone())]),
            };
            // "1 days ago" reads wrong in both languages: one day back is "yesterday" / « hier ».
            let when = if *days_since == 1 {
                t(lang, &format!("notify.since.{outcome}.yesterday"), &[])
            } else {
                tn(lang, &format!("notify.since.{outcome}"), *days_since, &[])
            };
            (summary, format!("{} — {when}", steps.join(", ")), Some(*application_id))
        }
        Notice::Summary { applications } => {
            let summary = tn(lang, "notify.summary", i64::try_from(applications.len()).unwrap_or(i64::MAX), &[]);
            let names: Vec<&str> = applications.iter().map(|(_, label)| label.as_str()).collect();
            (summary, names.join("\n"), None)
        }
    }
}

/// `text` for a notification body that the server reads as markup: "&", "<" and ">" as entities, so that a
/// company called "Procter & Gamble" or "<Acme>" shows as typed instead of breaking the markup.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

impl DesktopNotifier {
    /// Shows one notification, worded by the caller.
    pub fn show(&self, text: &NoticeText) -> Result<(), String> {
        #[cfg(windows)]
        return self.show_toast(text);
        #[cfg(not(windows))]
        self.show_notification(text)
    }

    /// Windows: a toast with the app's identity (the AppUserModelID of the installed shortcut, which the installer
    /// sets to the bundle identifier), "Open" and, for one application, "Snooze 1 day". Activated — a button, or a
    /// click on the toast's body, which gives no action and means "Open" — it calls back while the app runs.
    #[cfg(windows)]
    fn show_toast(&self, text: &NoticeText) -> Result<(), String> {
        use tauri_winrt_notification::{IconCrop, Toast};
        let mut toast = Toast::new(&self.app_id)
            .title(&text.summary)
            .text1(&text.body)
            .icon(std::path::Path::new(&self.icon), IconCrop::Square, "")
            .add_button(&text.open, "default");
        if let Some(snooze) = &text.snooze {
            toast = toast.add_button(snooze, "snooze");
        }
        if let Some(on_action) = self.on_action.get().cloned() {
            let about = About {
                application_id: text.application_id,
                steps: text.steps.clone(),
                announced_at: text.announced_at,
            };
            toast = toast.on_activated(move |action| {
                on_action(&about, action.as_deref().unwrap_or("default"));
                Ok(())
            });
        }
        toast.show().map_err(|e| e.to_string())
    }

    /// Elsewhere: notify-rust (the Linux notification server over D-Bus, macOS's notification centre).
    #[cfg(not(windows))]
    fn show_notification(&self, text: &NoticeText) -> Result<(), String> {
        let body = if self.markup { escape_markup(&text.body) } else { text.body.clone() };
        let mut note = notify_rust::Notification::new();
        note.appname("Rebound").summary(&text.summary).body(&body).icon(&self.icon);
        if self.actions {
            note.action("default", &text.open);
            if let Some(snooze) = &text.snooze {
                note.action("snooze", snooze);
            }
        }
        let handle = note.show().map_err(|e| e.to_string())?;
        #[cfg(all(unix, not(target_os = "macos")))]
        {
            let mut shown = self.shown.lock().unwrap_or_else(|p| p.into_inner());
            // Servers number notifications upwards: the smallest ids are the oldest.
            while shown.len() >= MAX_SHOWN {
                let Some(oldest) = shown.keys().min().copied() else { break };
                shown.remove(&oldest);
            }
            let about = About {
                application_id: text.application_id,
                steps: text.steps.clone(),
                announced_at: text.announced_at,
            };
            shown.insert(handle.id(), about);
        }
        #[cfg(target_os = "macos")]
        let _ = handle;
        Ok(())
    }
}

/// Listens for notification actions on the session bus, on one thread for the whole app. `on_action` gets what
/// the notification is about and the action key (`default` or `snooze`). Only Rebound's own notifications (the
/// ids in `shown`) are acted on: the signals of other apps' notifications are ignored. A notification closed is
/// forgotten.
#[cfg(all(unix, not(target_os = "macos")))]
pub fn listen_for_actions(shown: Shown, on_action: impl Fn(&About, &str) + Send + 'static) {
    use dbus::blocking::Connection;
    use dbus::message::MatchRule;
    let spawned = std::thread::Builder::new().name("notification-actions".into()).spawn(move || {
        let conn = match Connection::new_session() {
            Ok(c) => c,
            Err(e) => {
                log::warn!("no session bus for notification actions: {e}");
                return;
            }
        };
        // The notification interface's signals, for Rebound's own notifications only (the ids in `shown`); an
        // action then acts only on steps still announced at the notification's time (`snooze_announced`). The
        // sender is not filtered: the e2e tests play the server's part with `gdbus emit` (a session client that
        // cannot own the server's name), and what a forged signal could do is bounded by the two checks above.
        const SERVER: &str = "org.freedesktop.Notifications";
        const PATH: &str = "/org/freedesktop/Notifications";
        let rule = MatchRule::new_signal(SERVER, "ActionInvoked").with_path(PATH);
        let on_screen = shown.clone();
        let added = conn.add_match(rule, move |(id, key): (u32, String), _, _| {
            let about = on_screen.lock().unwrap_or_else(|p| p.into_inner()).get(&id).cloned();
            if let Some(about) = about {
                on_action(&about, &key);
            }
            true
        });
        let closed = MatchRule::new_signal(SERVER, "NotificationClosed").with_path(PATH);
        let added = added.and_then(|_| {
            conn.add_match(closed, move |(id, _reason): (u32, u32), _, _| {
                shown.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
                true
            })
        });
        if let Err(e) = added {
            log::warn!("cannot listen for notification actions: {e}");
            return;
        }
        // Blocks on the bus socket until a signal arrives; the timeout only bounds each wait.
        loop {
            if let Err(e) = conn.process(std::time::Duration::from_secs(3600)) {
                log::warn!("notification actions stopped: {e}");
                return;
            }
        }
    });
    if let Err(e) = spawned {
        log::warn!("cannot start the notification listener: {e}");
    }
}

#[cfg(test)]
mod tests {
    use crate::reminders::schedule::Notice;

    #[test]
    fn a_notice_says_yesterday_for_one_day_and_counts_days_otherwise() {
        let notice = |outcome: &str, days_since: i64| Notice::One {
            application_id: 1,
            company: "Acme".into(),
            role: "Analyst".into(),
            person: None,
            steps: vec![crate::vocab::StepKind::ThankYou],
            step_ids: vec![1],
            outcome: outcome.into(),
            days_since,
        };
        use crate::vocab::Lang;
        let body = |outcome: &str, days: i64, lang: Lang| super::words(&notice(outcome, days), lang).1;
        assert_eq!(body("rejected", 1, Lang::En), "Thank-you note — rejected yesterday");
        assert_eq!(body("rejected", 1, Lang::Fr), "Mot de remerciement — refus reçu hier");
        assert_eq!(body("rejected", 2, Lang::En), "Thank-you note — rejected 2 days ago");
        for outcome in ["rejected", "ghosted", "contact", "chosen", "closed"] {
            for &lang in Lang::ALL {
                for days in [1, 90] {
                    let text = body(outcome, days, lang);
                    assert!(!text.contains("notify.") && !text.contains(" 1 ") && !text.contains('{'), "{text}");
                }
            }
        }
    }

    #[test]
    fn a_body_read_as_markup_shows_user_text_as_typed() {
        assert_eq!(super::escape_markup("Procter & Gamble — <R&D>"), "Procter &amp; Gamble — &lt;R&amp;D&gt;");
        assert_eq!(super::escape_markup("Café Ünï"), "Café Ünï");
    }
}
