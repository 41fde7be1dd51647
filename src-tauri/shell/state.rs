//! What the commands share: the open journal, the settings, and where they are kept.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use super::error::IpcError;
use crate::error::Result;
use crate::settings::Settings;
use crate::vocab::Lang;

/// Persists settings. The app's implementation wraps tauri-plugin-store; keeping it behind a trait keeps
/// the commands free of the runtime type.
pub trait SettingsFile: Send + Sync {
    fn save(&self, settings: &Settings) -> Result<()>;
}

/// Something the user must be told once at start, as a catalogue key and the values of its placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartNotice {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl StartNotice {
    /// A notice with no placeholder.
    pub fn plain(key: &'static str) -> Self {
        StartNotice { key, args: Vec::new() }
    }
}

/// A file picked for import, waiting for the user to confirm what its preview said.
pub enum PendingImport {
    /// Boxed: a parsed journal is a large value, and the enum stays the size of a pointer.
    Json(Box<crate::transfer::json::Document>),
    Csv(String),
}

/// The app's shared state, managed by Tauri.
pub struct AppState {
    db: Mutex<Connection>,
    settings: Mutex<Settings>,
    settings_file: Box<dyn SettingsFile>,
    /// The OS locale, read once at start.
    system_locale: Option<String>,
    /// Where all data lives.
    pub data_dir: PathBuf,
    /// What the user must be told at start (settings reset, journal recovered, a crash last time).
    pub notices: Vec<StartNotice>,
    /// Wakes the reminder thread when the journal or the settings change.
    pub wake: Wake,
    /// Wakes the calendar's sync thread for the same changes (see [`crate::shell::calendar`]).
    pub calendar_wake: Wake,
    /// Whether the calendar's sync thread runs: started at start-up when the sync is on, or when it is turned on.
    pub calendar_started: AtomicBool,
    /// The file picked for import, until it is imported or dropped.
    pending_import: Mutex<Option<PendingImport>>,
    /// Held by work that must not be cut in half by the process starting over in the tray
    /// ([`crate::shell::actions::rest_in_tray`], which takes it): notices claimed and shown, backups, restores,
    /// imports, an export being written. Taken before the journal's lock, never after it.
    busy: Mutex<()>,
    /// The journal connection's `backup::writes` when the last backup after changes was taken (at open, before
    /// the first): what tells whether the journal changed since.
    backed_up_writes: AtomicI64,
    /// A recovery's notice the window has not shown yet (its file in the data folder says so across starts):
    /// read once here, cleared by the window's bootstrap, so the tray and the reminder thread ask memory, not
    /// the disk, on every turn.
    recovery_unseen: AtomicBool,
}

impl AppState {
    pub fn new(
        db: Connection,
        settings: Settings,
        settings_file: Box<dyn SettingsFile>,
        system_locale: Option<String>,
        data_dir: PathBuf,
        notices: Vec<StartNotice>,
    ) -> Self {
        let writes = crate::db::backup::writes(&db).unwrap_or(0);
        let recovery_unseen = notices.iter().any(|n| n.key.starts_with("notice.recovered"));
        AppState {
            recovery_unseen: AtomicBool::new(recovery_unseen),
            backed_up_writes: AtomicI64::new(writes),
            db: Mutex::new(db),
            settings: Mutex::new(settings),
            settings_file,
            system_locale,
            data_dir,
            notices,
            wake: Default::default(),
            calendar_wake: Default::default(),
            calendar_started: AtomicBool::new(false),
            pending_import: Mutex::new(None),
            busy: Mutex::new(()),
        }
    }

    /// Whether a recovery's notice still waits for the window (the tray shows a line for it meanwhile).
    pub fn recovery_unseen(&self) -> bool {
        self.recovery_unseen.load(Ordering::Relaxed)
    }

    /// The window showed the recovery's notice: its file goes, and so does the tray's line. Returns whether
    /// there was one to clear.
    pub fn recovery_shown(&self) -> bool {
        if !self.recovery_unseen.swap(false, Ordering::Relaxed) {
            return false;
        }
        if let Err(e) = crate::db::recovery_seen(&self.data_dir) {
            log::warn!("the recovery's notice stays on disk: {e}");
        }
        true
    }

    /// Keeps (or drops) the file picked for import.
    pub fn set_pending_import(&self, pending: Option<PendingImport>) {
        *self.pending_import.lock().unwrap_or_else(|p| p.into_inner()) = pending;
    }

    /// Takes the file picked for import.
    pub fn take_pending_import(&self) -> Option<PendingImport> {
        self.pending_import.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    fn lock_settings(&self) -> MutexGuard<'_, Settings> {
        // A panic while holding the lock cannot leave Settings half-written (it is replaced whole).
        self.settings.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The language to speak now.
    pub fn lang(&self) -> Lang {
        self.lock_settings().effective_language(self.system_locale.as_deref())
    }

    /// A copy of the current settings.
    pub fn settings(&self) -> Settings {
        self.lock_settings().clone()
    }

    /// Saves new settings to the file, then adopts them.
    pub fn replace_settings(&self, new: Settings) -> Result<()> {
        let mut current = self.lock_settings();
        self.settings_file.save(&new)?;
        *current = new;
        Ok(())
    }

    /// Where backups go.
    pub fn backup_dir(&self) -> PathBuf {
        self.data_dir.join(crate::db::BACKUP_DIR)
    }

    /// The settings as the settings file holds them, for a backup.
    pub fn settings_json(&self) -> String {
        serde_json::to_string(&self.settings()).unwrap_or_default()
    }

    /// Runs `f` on the journal, brings the keep-in-touch reminders in line with what it wrote
    /// ([`crate::people::sync`]), then wakes the reminder thread: for every command that writes, so that the
    /// window, the tray and the reminders follow at once.
    pub fn write_db<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T, IpcError> {
        let out = self.with_db(|c| {
            let out = f(c)?;
            // The write is committed; a failure here leaves the reminders as they were until the next write.
            if let Err(e) = crate::people::sync(c, chrono::Local::now().date_naive(), chrono::Utc::now()) {
                log::warn!("keep-in-touch reminders: {e}");
            }
            Ok(out)
        })?;
        self.changed();
        Ok(out)
    }

    /// The journal or the settings changed: the reminder thread looks again, and the calendar follows.
    pub fn changed(&self) {
        self.wake.ring();
        self.calendar_wake.ring();
    }

    /// Takes a backup after changes when one is due (`backup::changes_due`): the journal was written since the
    /// last one, and half an hour went by or the app is `quitting` (Quit, a signal, the start over in the tray).
    /// The journal's connection counts its writes (the evidence); the backup reads through a read-only connection
    /// of its own, as the daily one does, so the window's commands do not wait for it. A write that lands between
    /// the count and the backup only makes the next one come sooner. Takes [`Self::hold`]: call it without holding
    /// it.
    pub fn back_up_changes(&self, quitting: bool) {
        use crate::db::backup;
        let _busy = self.hold();
        let dir = self.backup_dir();
        let now = chrono::Utc::now();
        let taken = (|| -> Result<()> {
            let writes =
                self.with_db(|c| backup::writes(c)).map_err(|e| crate::error::Error::io("journal", e.message))?;
            if !backup::changes_due(&dir, writes, self.backed_up_writes.load(Ordering::Relaxed), now, quitting)? {
                return Ok(());
            }
            let reader = Connection::open_with_flags(
                self.data_dir.join(crate::db::DB_FILE),
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            backup::take(&reader, &dir, Some(&self.settings_json()), backup::Reason::Changes, now)?;
            self.backed_up_writes.store(writes, Ordering::Relaxed);
            Ok(())
        })();
        if let Err(e) = taken {
            log::warn!("backup after changes: {e}");
        }
    }

    /// Holds off the process starting over in the tray until the guard is dropped (see the `busy` field).
    pub fn hold(&self) -> MutexGuard<'_, ()> {
        self.busy.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `f` on the journal and translates its error for the user.
    pub fn with_db<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T, IpcError> {
        let lang = self.lang();
        // A panic inside a transaction rolls it back when the Transaction drops, so the connection is usable.
        let mut conn = self.db.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut conn).map_err(|e| IpcError::from_domain(e, lang))
    }
}

/// Wakes the reminder thread early.
#[derive(Default)]
pub struct Wake {
    pending: Mutex<bool>,
    cv: Condvar,
    /// When it last rang: announcements wait until the journal has been quiet for a moment.
    last: Mutex<Option<Instant>>,
}

impl Wake {
    /// Something changed: look again now.
    pub fn ring(&self) {
        *self.last.lock().unwrap_or_else(|p| p.into_inner()) = Some(Instant::now());
        *self.pending.lock().unwrap_or_else(|p| p.into_inner()) = true;
        self.cv.notify_all();
    }

    /// Forgets a ring not yet slept on: what it asked for is being done now.
    pub fn clear(&self) {
        *self.pending.lock().unwrap_or_else(|p| p.into_inner()) = false;
    }

    /// How long ago it last rang, if ever.
    pub fn since_last(&self) -> Option<Duration> {
        self.last.lock().unwrap_or_else(|p| p.into_inner()).map(|t| t.elapsed())
    }

    /// Sleeps until rung or until `timeout` passes.
    pub fn sleep(&self, timeout: Duration) {
        let guard = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        let (mut guard, _) =
            self.cv.wait_timeout_while(guard, timeout, |rung| !*rung).unwrap_or_else(|p| p.into_inner());
        *guard = false;
    }
}
