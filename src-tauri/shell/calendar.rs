//! The user's own calendar kept in step over CalDAV (issue 25): the password's place in the system keyring,
//! and the sync thread.
//!
//! The thread starts only when the sync is on (at start-up, or when the user turns it on): with it off, Rebound
//! opens no socket. It sleeps until the journal or the settings change ([`AppState::changed`]), lets a burst of
//! changes end, then reconciles the calendar with the journal (`rebound_core::calendar_sync`) through a
//! connection of its own, so a slow server never holds the window's commands or the reminder thread. When the
//! server cannot be reached it tries again later, waiting twice as long each time (5 s up to 15 min); the
//! changes wait in the journal meanwhile. Once in step it looks again every few hours, to put back an event
//! someone changed in the calendar.

use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::{Local, Utc};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::caldav::{self, Account, Client};
use crate::calendar_sync;
use crate::settings::CalendarSettings;
use crate::shell::state::AppState;

/// The event the window listens to, to redraw the calendar's status line after a sync.
pub const SYNCED: &str = "rebound://calendar-synced";

/// The keyring's service name for the calendar's password.
const KEYRING_SERVICE: &str = "org.rebound.Rebound.caldav";

/// How long the journal must be quiet before a sync: a burst of changes goes in one.
const QUIET: Duration = Duration::from_millis(800);
/// The first wait after a failure, doubled each time up to [`RETRY_MAX`].
const RETRY_FIRST: Duration = Duration::from_secs(5);
const RETRY_MAX: Duration = Duration::from_secs(15 * 60);
/// How often a calendar in step is looked at again (events changed there are put back).
const RECHECK: Duration = Duration::from_secs(4 * 60 * 60);

/// Why the password could not be read or kept.
#[derive(Debug)]
pub struct KeyringError(pub String);

fn entry(url: &str, user: &str) -> Result<keyring::Entry, KeyringError> {
    keyring::Entry::new(KEYRING_SERVICE, &format!("{user} {url}")).map_err(|e| KeyringError(e.to_string()))
}

/// Keeps the password in the system keyring (Secret Service, Credential Manager, Keychain).
pub fn store_password(url: &str, user: &str, password: &str) -> Result<(), KeyringError> {
    entry(url, user)?.set_password(password).map_err(|e| KeyringError(e.to_string()))
}

/// The password kept for this server and user, if any.
pub fn password(url: &str, user: &str) -> Result<Option<String>, KeyringError> {
    match entry(url, user)?.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(KeyringError(e.to_string())),
    }
}

/// Removes the password kept for this server and user (nothing to remove is fine).
pub fn forget_password(url: &str, user: &str) -> Result<(), KeyringError> {
    match entry(url, user)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(KeyringError(e.to_string())),
    }
}

/// How long after the app starts the first sync waits (unless a change comes first): start-up work that can wait.
pub const AFTER_START: Duration = Duration::from_secs(10);

/// Starts the sync thread if the sync is on and it does not run yet; its first sync waits `first` (or a change).
pub fn start_if_on<R: Runtime>(app: &AppHandle<R>, first: Duration) {
    let state = app.state::<AppState>();
    if !state.settings().calendar.active() || state.calendar_started.swap(true, Ordering::SeqCst) {
        return;
    }
    let app = app.clone();
    let spawned = std::thread::Builder::new().name("calendar".into()).spawn(move || {
        if !first.is_zero() {
            app.state::<AppState>().calendar_wake.sleep(first);
        }
        run(&app)
    });
    if let Err(e) = spawned {
        log::warn!("cannot start the calendar's sync thread: {e}");
        state.calendar_started.store(false, Ordering::SeqCst);
    }
}

fn run<R: Runtime>(app: &AppHandle<R>) {
    let mut retry: Option<Duration> = None;
    loop {
        let state = app.state::<AppState>();
        // A burst of changes (an import, several steps marked done) goes in one sync.
        while let Some(since) = state.calendar_wake.since_last().filter(|s| *s < QUIET) {
            std::thread::sleep(QUIET - since);
        }
        // The changes that rang until now are all in this sync: a ring from now on means another one.
        state.calendar_wake.clear();
        let settings = state.settings();
        let wait = if settings.calendar.active() {
            match sync_once(&state, &settings.calendar, settings.reminder_time()) {
                Ok(report) => {
                    log::info!("calendar in step: {report:?}");
                    retry = None;
                    RECHECK
                }
                Err(Failure::Cancelled) => {
                    retry = None;
                    RECHECK
                }
                Err(e) if e.needs_the_user() => {
                    // Wrong password, no rights, a certificate to check: trying again would not help; the status
                    // line says it, and the next change or "Sync now" tries again.
                    log::warn!("calendar: {e:?}");
                    retry = None;
                    RECHECK
                }
                Err(e) => {
                    // The server away, the keyring not unlocked yet, the journal busy: later, twice as late each time.
                    let next = retry.map_or(RETRY_FIRST, |r| (r * 2).min(RETRY_MAX));
                    log::warn!("calendar: {e:?}; trying again in {} s", next.as_secs());
                    retry = Some(next);
                    next
                }
            }
        } else {
            retry = None;
            RECHECK
        };
        let _ = app.emit(SYNCED, ());
        state.calendar_wake.sleep(wait);
    }
}

/// Why one sync failed.
#[derive(Debug)]
pub enum Failure {
    Remote(caldav::Error),
    Keyring(String),
    NoPassword,
    Journal(String),
    /// Turned off, or moved to another calendar, while it ran.
    Cancelled,
}

impl Failure {
    /// Only the user can mend it (another password, another address or calendar): not retried on a timer.
    fn needs_the_user(&self) -> bool {
        use caldav::Error as E;
        match self {
            Failure::NoPassword => true,
            Failure::Remote(e) => matches!(
                e,
                E::Credentials
                    | E::Forbidden
                    | E::NotFound
                    | E::Address(_)
                    | E::Insecure
                    | E::Certificate(_)
                    | E::Redirected(_)
                    | E::NotCalDav
            ),
            Failure::Keyring(_) | Failure::Journal(_) | Failure::Cancelled => false,
        }
    }
}

/// The client, as the sync uses it, with a way to stop: the user turned the sync off or chose another calendar.
struct Connected<'a> {
    client: Client,
    state: &'a AppState,
    calendar: &'a str,
}

impl calendar_sync::Remote for Connected<'_> {
    fn list(&self, calendar: &str) -> caldav::Result<Vec<caldav::Item>> {
        self.client.list(calendar)
    }
    fn put(&self, href: &str, ics: &str, condition: caldav::Condition) -> caldav::Result<Option<String>> {
        self.client.put(href, ics, condition)
    }
    fn delete(&self, href: &str, etag: Option<&str>) -> caldav::Result<()> {
        self.client.delete(href, etag)
    }
    fn cancelled(&self) -> bool {
        let now = self.state.settings().calendar;
        !now.active() || now.calendar != self.calendar
    }
}

/// One reconciliation on a connection of its own, its outcome recorded in the journal for the status line.
fn sync_once(
    state: &AppState,
    cal: &CalendarSettings,
    time: chrono::NaiveTime,
) -> Result<calendar_sync::Report, Failure> {
    let conn = open_journal(state).map_err(Failure::Journal)?;
    let password = match password(&cal.url, &cal.user) {
        Ok(Some(p)) => p,
        Ok(None) => return Err(record(&conn, &cal.calendar, "keyring_empty", Failure::NoPassword)),
        Err(KeyringError(e)) => return Err(record(&conn, &cal.calendar, "keyring", Failure::Keyring(e))),
    };
    let client = Client::new(Account { url: cal.url.clone(), user: cal.user.clone(), password })
        .map_err(|e| record(&conn, &cal.calendar, e.code(), Failure::Remote(e)))?;
    let remote = Connected { client, state, calendar: &cal.calendar };
    calendar_sync::sync(&conn, &remote, &cal.calendar, time, &Local, Utc::now()).map_err(|e| match e {
        calendar_sync::SyncError::Remote(e) => Failure::Remote(e),
        calendar_sync::SyncError::Journal(e) => Failure::Journal(e.to_string()),
        calendar_sync::SyncError::Cancelled => Failure::Cancelled,
    })
}

/// Notes a failure that happened before the sync could start, for the status line.
fn record(conn: &rusqlite::Connection, calendar: &str, code: &str, failure: Failure) -> Failure {
    if let Err(e) = calendar_sync::record_error(conn, calendar, code, Utc::now()) {
        log::warn!("calendar: could not record the error: {e}");
    }
    failure
}

/// A connection of the sync's own to the journal, set up as the window's (WAL: it reads while the window writes;
/// transactions take the write lock when they begin, so neither side is refused for the other's commit).
fn open_journal(state: &AppState) -> Result<rusqlite::Connection, String> {
    let mut conn = rusqlite::Connection::open(state.data_dir.join(crate::db::DB_FILE)).map_err(|e| e.to_string())?;
    crate::db::configure(&mut conn).map_err(|e| e.to_string())?;
    Ok(conn)
}

/// The status line's data, read on the window's connection.
pub fn status(state: &AppState) -> crate::error::Result<calendar_sync::Status> {
    let settings = state.settings();
    let mut status = calendar_sync::Status::default();
    if settings.calendar.active() {
        status = state
            .with_db(|c| calendar_sync::status(c, &settings.calendar.calendar, settings.reminder_time(), &Local))
            .map_err(|e| crate::error::Error::io("calendar", e.message))?;
    }
    Ok(status)
}
