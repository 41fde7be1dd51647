//! The reminder thread: turns of the domain's loop (`reminders::schedule::turn`) on the real clock and the
//! local time zone, the tray kept in step, and a wake-up for every change to the journal or the settings.

use std::time::Duration;

use chrono::{Local, Utc};
use tauri::{AppHandle, Manager, Runtime};

use crate::db::backup;
use crate::reminders::due_steps;
use crate::reminders::schedule::{claim, hold, next_sleep, release, Notice, Notifier, MAX_SLEEP};
use crate::shell::notifier::{DesktopNotifier, NoticeText};
use crate::shell::state::AppState;
use crate::shell::tray;
// Notification actions: D-Bus signals on Linux and the other free desktops, toast activation on Windows.
#[cfg(any(windows, all(unix, not(target_os = "macos"))))]
use crate::shell::{actions, notifier};
use crate::vocab::Lang;

/// What the tray menu shows: its language and, per due step, the application (id, company, role).
type TrayView = (crate::vocab::Lang, bool, Vec<(i64, String, String, Option<String>)>);

/// The desktop's notifications, worded in the user's language of the moment.
struct Speaker<'a> {
    desktop: &'a DesktopNotifier,
    lang: Lang,
    /// The turn's time, which `claim` records as the steps' `reminded_at`.
    announced_at: chrono::DateTime<Utc>,
}

impl Notifier for Speaker<'_> {
    fn notify(&self, n: &Notice) -> Result<(), String> {
        self.desktop.show(&NoticeText::new(n, self.lang, self.announced_at))
    }
}

/// Starts the reminder thread (and, on Linux, the notification action listener).
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    let spawned = std::thread::Builder::new().name("reminders".into()).spawn(move || {
        // On this thread, not the main one: asking the notification server what it can show is a D-Bus round
        // trip the window must not wait for.
        let notifier = DesktopNotifier::new(&app.config().identifier, &app.state::<AppState>().data_dir);
        tell_unseen_recovery(&notifier, &app.state::<AppState>());
        #[cfg(all(unix, not(target_os = "macos")))]
        if notifier.has_actions() {
            let handle = app.clone();
            notifier::listen_for_actions(notifier.shown.clone(), move |about, key| on_action(&handle, about, key));
        }
        #[cfg(windows)]
        {
            let handle = app.clone();
            notifier.on_toast_action(std::sync::Arc::new(move |about, key| on_action(&handle, about, key)));
        }
        // What the tray shows now: the menu is rebuilt only when this changes.
        let mut shown: Option<TrayView> = None;
        // When the daily backup is next looked for: not during start-up (the window's first screen comes first),
        // then once an hour.
        let mut backup_due = Utc::now() + BACKUP_AFTER_START;
        // The keep-in-touch reminders follow the journal after every write; at start, after whatever changed it
        // while the app was closed (a restored backup, an older build).
        if let Err(e) =
            app.state::<AppState>().with_db(|c| crate::people::sync(c, Local::now().date_naive(), Utc::now()))
        {
            log::warn!("keep-in-touch reminders: {}", e.message);
        }
        loop {
            let state = app.state::<AppState>();
            daily_backup(&state, &mut backup_due);
            // Half an hour after the last backup, if the journal changed since (the thread wakes at least once a
            // minute, MAX_SLEEP).
            state.back_up_changes(false);
            let settings = state.settings();
            let time = settings.reminder_time();
            let sleep = match hold(state.wake.since_last()).filter(|_| settings.notifications) {
                // A change just happened: wait for the burst to end, then announce it all at once.
                Some(wait) => wait,
                None => {
                    let now = Utc::now();
                    let speaker = Speaker { desktop: &notifier, lang: state.lang(), announced_at: now };
                    announce(&state, &speaker, now, time, settings.notifications).unwrap_or(MAX_SLEEP)
                }
            };
            let due = state.with_db(|c| due_steps(c, Utc::now(), time, &Local)).unwrap_or_default();
            let now_shown = (
                state.lang(),
                state.recovery_unseen(),
                due.iter().map(|s| (s.application_id, s.company.clone(), s.role.clone(), s.person.clone())).collect(),
            );
            if shown.as_ref() != Some(&now_shown) {
                tray::show_due(&app, &due);
                shown = Some(now_shown);
            }
            state.wake.sleep(sleep);
        }
    });
    if let Err(e) = spawned {
        log::warn!("cannot start the reminder thread: {e}");
    }
}

/// Started hidden (at login) with a recovery the user has not seen: no window will tell it, so a notification
/// does ("Open" shows the window, which shows the notice in full).
fn tell_unseen_recovery(notifier: &DesktopNotifier, state: &AppState) {
    if !std::env::args().any(|a| a == crate::HIDDEN_ARG) || !state.recovery_unseen() {
        return;
    }
    let Some(notice) = state.notices.iter().find(|n| n.key.starts_with("notice.recovered")) else { return };
    let lang = state.lang();
    let text = NoticeText {
        summary: crate::i18n::t(lang, "notify.recovered", &[]),
        body: crate::i18n::t(lang, notice.key, &notice.args),
        open: crate::i18n::t(lang, "notify.open", &[]),
        snooze: None,
        application_id: 0,
        steps: Vec::new(),
        announced_at: Utc::now(),
    };
    if let Err(e) = notifier.show(&text) {
        log::warn!("the recovery's notification: {e}");
    }
}

/// One turn on the real clock: claim what came due (recorded as announced and committed), show each notice
/// without holding the journal (a D-Bus call must not block the window's commands), take back any that could
/// not be shown, and return how long to sleep.
fn announce(
    state: &AppState,
    notifier: &dyn Notifier,
    now: chrono::DateTime<Utc>,
    time: chrono::NaiveTime,
    on: bool,
) -> Option<Duration> {
    let _busy = state.hold();
    let claimed = if on { state.with_db(|c| claim(c, now, time, &Local)).ok()? } else { Vec::new() };
    for c in &claimed {
        if let Err(e) = notifier.notify(&c.notice) {
            log::warn!("notification failed: {e}");
            if let Err(e) = state.with_db(|conn| release(conn, c, now)) {
                log::warn!("could not record the failed notification: {}", e.message);
            }
        }
    }
    state.with_db(|c| next_sleep(c, now, time, &Local, on)).ok()
}

/// How long after start the daily backup is first looked for: start-up work that can wait.
const BACKUP_AFTER_START: chrono::Duration = chrono::Duration::seconds(30);

/// Takes the daily backup when the newest is a day old: once the app has started, then whenever it runs a day.
/// It reads the journal through a read-only connection of its own, so the window's commands never wait for it
/// (the journal is in WAL mode: a reader does not block the writer).
fn daily_backup(state: &AppState, due: &mut chrono::DateTime<Utc>) {
    let now = Utc::now();
    if now < *due {
        return;
    }
    *due = now + chrono::Duration::hours(1);
    let dir = state.backup_dir();
    let taken = (|| -> crate::error::Result<Option<backup::Backup>> {
        if !backup::daily_due(&dir, now)? {
            return Ok(None);
        }
        let _busy = state.hold();
        let reader = rusqlite::Connection::open_with_flags(
            state.data_dir.join(crate::db::DB_FILE),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        backup::take(&reader, &dir, Some(&state.settings_json()), backup::Reason::Daily, now).map(Some)
    })();
    if let Err(e) = taken {
        log::warn!("daily backup failed: {e}");
    }
}

/// A notification's action: open the window on the application, or snooze the steps it announced for a day.
#[cfg(any(windows, all(unix, not(target_os = "macos"))))]
fn on_action<R: Runtime>(app: &AppHandle<R>, about: &notifier::About, key: &str) {
    match key {
        "snooze" => actions::snooze_steps(app, &about.steps, about.announced_at),
        _ => actions::open(app, (about.application_id > 0).then_some(about.application_id)),
    }
}
