//! Opening the journal database: where the file lives, the connection pragmas, the backup taken before a
//! migration, and the append-only list of migrations.
//!
//! Pragmas are set on every connection, outside the migrations, because SQLite does not keep most of them
//! in the file. `synchronous=FULL` with WAL makes every committed transaction survive a power cut, which a
//! journal the user trusts needs more than the few microseconds it costs.

pub mod backup;
pub mod rows;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode};
use rusqlite_migration::{Migrations, M};
use serde::Serialize;

use crate::error::{Error, Result};

/// A calendar day as the database stores it: `YYYY-MM-DD`.
pub fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// An instant as the database stores it: UTC RFC 3339, to the second (`2026-11-26T14:30:00Z`).
pub fn instant(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "rebound.sqlite3";

/// The folder for backups, inside the data folder.
pub const BACKUP_DIR: &str = "backups";

/// Every migration, in order. Append only: a released migration is never edited, only followed.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_journal.sql")),
    M::up(include_str!("migrations/0002_plan.sql")),
    M::up(include_str!("migrations/0003_reminders.sql")),
    M::up(include_str!("migrations/0004_exactly_once.sql")),
    M::up(include_str!("migrations/0005_trash.sql")),
    M::up(include_str!("migrations/0006_address_and_versions.sql")),
    M::up(include_str!("migrations/0007_search.sql")),
    M::up(include_str!("migrations/0008_keep_in_touch.sql")),
    M::up(include_str!("migrations/0009_calendar.sql")),
];

fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS)
}

/// The schema version this build writes, i.e. the number of migrations.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

/// Opens (creating if needed) the journal in `data_dir`, backs it up if a migration is pending, and migrates.
pub fn open_in(data_dir: &Path) -> Result<Connection> {
    open_with(data_dir, MIGRATIONS)
}

/// What [`open_or_recover`] had to do because the journal file was damaged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recovery {
    /// Where the damaged file now is (kept, never deleted).
    pub damaged_file: PathBuf,
    /// When the backup the journal was restored from was taken; `None`: there was none, the journal is empty.
    pub restored_from: Option<DateTime<Utc>>,
}

/// Opens the journal as the app does at start: a file that is damaged or not a database (`quick_check` fails,
/// or SQLite refuses it) is moved aside as `rebound-damaged-<time>.sqlite3` and the newest good backup is
/// restored in its place (or an empty journal started). Every other failure — an unreadable folder, a full or
/// read-only disk, a journal from a newer Rebound — is returned for the app to report.
pub fn open_or_recover(data_dir: &Path, now: DateTime<Utc>) -> Result<(Connection, Option<Recovery>)> {
    prepare_dir(data_dir)?;
    let path = data_dir.join(DB_FILE);
    if !path.exists() {
        return Ok((open_in(data_dir)?, None));
    }
    match verify(&path) {
        Ok(()) => Ok((open_in(data_dir)?, None)),
        Err(Error::Db(e)) if is_damage(&e) => {
            let (conn, recovery) = recover(data_dir, now)?;
            // Told at this start if the window opens, else at a later one: the file waits until it is seen.
            if let Err(e) = keep_recovery_notice(data_dir, &recovery) {
                log::warn!("the notice of the recovery could not be kept: {e}");
            }
            Ok((conn, Some(recovery)))
        }
        Err(e) => Err(e),
    }
}

/// The file in the data folder that keeps the last recovery's notice until the user has seen it: a start at
/// login is hidden, and a notice shown only to a window that never opened would be lost.
pub const RECOVERY_NOTICE: &str = "recovery-notice.json";

fn keep_recovery_notice(data_dir: &Path, recovery: &Recovery) -> Result<()> {
    let json = serde_json::to_vec(recovery).map_err(|e| Error::io(RECOVERY_NOTICE, e))?;
    crate::datadir::write_atomic(&data_dir.join(RECOVERY_NOTICE), &json)
}

/// The recovery the user has not seen yet, if any (this start's or an earlier one's). A file that cannot be read
/// is no notice: it must never stop a start.
pub fn unseen_recovery(data_dir: &Path) -> Option<Recovery> {
    let bytes = std::fs::read(data_dir.join(RECOVERY_NOTICE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The window has shown the recovery's notice: it is not told again.
pub fn recovery_seen(data_dir: &Path) -> Result<()> {
    let path = data_dir.join(RECOVERY_NOTICE);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path.display(), e)),
        _ => Ok(()),
    }
}

/// Whether SQLite's answer means the file itself is bad (rather than the disk, the folder or the lock).
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
        || matches!(e, rusqlite::Error::SqliteFailure(_, Some(m)) if m.starts_with("quick_check"))
}

/// Opens the file and runs `quick_check`; refuses a journal written by a newer build.
fn verify(path: &Path) -> Result<()> {
    let mut conn = Connection::open(path)?;
    configure(&mut conn)?;
    let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        let code = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT);
        return Err(Error::Db(rusqlite::Error::SqliteFailure(code, Some(format!("quick_check: {verdict}")))));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version as usize > schema_version() {
        return Err(Error::NewerDatabase);
    }
    Ok(())
}

/// Moves the damaged file (and its `-wal` and `-shm`) aside and restores the newest good backup.
fn recover(data_dir: &Path, now: DateTime<Utc>) -> Result<(Connection, Recovery)> {
    let path = data_dir.join(DB_FILE);
    let damaged = data_dir.join(format!("rebound-damaged-{}.sqlite3", now.format("%Y%m%dT%H%M%SZ")));
    for suffix in ["", "-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", path.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", damaged.display()));
            crate::datadir::rename(&from, &to).map_err(|e| Error::io(from.display(), e))?;
        }
    }
    let backups = backup::list(&data_dir.join(BACKUP_DIR))?;
    let mut conn = Connection::open(&path)?;
    configure(&mut conn)?;
    let mut restored_from = None;
    for b in backups {
        let file = data_dir.join(BACKUP_DIR).join(&b.file);
        if backup::restore_into(&mut conn, &file).is_ok() {
            restored_from = Some(b.taken_at);
            break;
        }
    }
    migrate(&mut conn)?;
    Ok((conn, Recovery { damaged_file: damaged, restored_from }))
}

/// Creates the data folder, readable by its owner only.
fn prepare_dir(data_dir: &Path) -> Result<()> {
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir.display(), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(data_dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(data_dir.display(), e))?;
    }
    Ok(())
}

/// `open_in` with a given list of migrations, so that a test can play an older build and then a newer one.
fn open_with(data_dir: &Path, list: &'static [M<'static>]) -> Result<Connection> {
    std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir.display(), e))?;
    let path = data_dir.join(DB_FILE);
    let mut conn = Connection::open(&path)?;
    configure(&mut conn)?;
    let current: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if current > list.len() {
        return Err(Error::NewerDatabase);
    }
    if current > 0 && current < list.len() {
        backup::take(&conn, &data_dir.join(BACKUP_DIR), None, backup::Reason::Upgrade, Utc::now())?;
    }
    Migrations::from_slice(list).to_latest(&mut conn).map_err(Error::from)?;
    Ok(conn)
}

/// Opens a private in-memory journal, fully migrated: for tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&mut conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Sets the per-connection pragmas, and makes every transaction take the write lock when it begins
/// (`BEGIN IMMEDIATE`): the calendar's sync thread writes through a connection of its own, and a deferred
/// transaction that read first would be refused at once ("database is locked", which the busy timeout cannot
/// wait out) if that thread committed between its read and its write. Immediate, it waits its turn instead.
pub fn configure(conn: &mut Connection) -> Result<()> {
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Brings a journal to this build's schema.
fn migrate(conn: &mut Connection) -> Result<()> {
    migrations().to_latest(conn).map_err(Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("migrations validate");
    }

    #[test]
    fn pragmas_are_set_on_a_file_database() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open_in(dir.path()).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(sync, 2, "FULL is 2");
        assert_eq!(fk, 1);
        assert_eq!(version as usize, schema_version());
        assert!(dir.path().join(DB_FILE).exists());
    }

    #[test]
    fn reopening_a_current_database_takes_no_backup() {
        let dir = tempfile::tempdir().unwrap();
        drop(open_in(dir.path()).unwrap());
        drop(open_in(dir.path()).unwrap());
        assert!(!dir.path().join(BACKUP_DIR).exists());
    }

    #[test]
    fn an_older_database_is_backed_up_before_it_is_migrated() {
        static OLD: &[M<'static>] = &[M::up("CREATE TABLE notes (body TEXT NOT NULL);")];
        static NEW: &[M<'static>] = &[
            M::up("CREATE TABLE notes (body TEXT NOT NULL);"),
            M::up("ALTER TABLE notes ADD COLUMN written_on TEXT;"),
        ];
        let dir = tempfile::tempdir().unwrap();
        {
            let conn = open_with(dir.path(), OLD).unwrap();
            conn.execute("INSERT INTO notes (body) VALUES ('kept')", []).unwrap();
        }
        let conn = open_with(dir.path(), NEW).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 2);

        let backups: Vec<_> =
            std::fs::read_dir(dir.path().join(BACKUP_DIR)).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(backups.len(), 1, "one copy before the one pending migration");
        let name = backups[0].file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("rebound-") && name.ends_with("-upgrade.sqlite3"), "{name}");
        let copy = Connection::open(&backups[0]).unwrap();
        let old_version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        let body: String = copy.query_row("SELECT body FROM notes", [], |r| r.get(0)).unwrap();
        assert_eq!(old_version, 1, "the copy holds the schema as it was before migrating");
        assert_eq!(body, "kept");
    }

    #[test]
    fn a_template_and_a_person_from_before_versions_keep_their_meaning() {
        let dir = tempfile::tempdir().unwrap();
        {
            let conn = open_with(dir.path(), &MIGRATIONS[..5]).unwrap();
            conn.execute_batch(
                "INSERT INTO templates (kind, lang, subject, body, updated_at)
                     VALUES ('nudge', 'fr', 'Relance', 'Bonjour', '2026-01-01T00:00:00Z');
                 INSERT INTO companies (name, folded, created_at) VALUES ('Acme', 'acme', 'x');
                 INSERT INTO people (company_id, name, created_at, updated_at) VALUES (1, 'Marie Tremblay', 'x', 'x');",
            )
            .unwrap();
        }
        let conn = open_in(dir.path()).unwrap();
        let t = crate::messages::template(&conn, crate::vocab::MessageKind::Nudge, crate::vocab::Lang::Fr).unwrap();
        assert_eq!((t.name.as_str(), t.subject.as_str(), t.default, t.custom), ("", "Relance", true, true));
        let form: String = conn.query_row("SELECT address_as FROM people", [], |r| r.get(0)).unwrap();
        assert_eq!(form, "full");
    }

    #[test]
    fn plan_steps_from_before_keep_in_touch_keep_every_column_and_the_new_kind_needs_its_person() {
        let dir = tempfile::tempdir().unwrap();
        let columns = "id, application_id, outcome_event_id, kind, due_on, status, snoozed_until, done_on, channel,
                       options, created_at, updated_at, reminded_at, notify_attempts, notify_retry_at";
        let before: Vec<String>;
        {
            let conn = open_with(dir.path(), &MIGRATIONS[..7]).unwrap();
            conn.execute_batch(
                "INSERT INTO companies (name, folded, created_at) VALUES ('Acme', 'acme', 'x');
                 INSERT INTO applications (company_id, role, applied_on, lang, created_at, updated_at)
                     VALUES (1, 'Analyst', '2026-06-01', 'fr', 'x', 'x');
                 INSERT INTO events (application_id, kind, occurred_on, created_at) VALUES (1, 'rejected', '2026-07-01', 'x');
                 INSERT INTO plan_steps (application_id, outcome_event_id, kind, due_on, status, snoozed_until, done_on,
                                         channel, options, created_at, updated_at, reminded_at, notify_attempts,
                                         notify_retry_at)
                     VALUES (1, 1, 'thank_you', '2026-07-02', 'done', NULL, '2026-07-02', 'email', '{\"ask_feedback\":true}',
                             'a', 'b', 'c', 2, 'd'),
                            (1, 1, 'check_in', '2026-09-29', 'pending', '2026-10-01', NULL, NULL, '{}', 'a', 'b', NULL, 0,
                             NULL);",
            )
            .unwrap();
            before = dump(&conn, columns);
        }
        let conn = open_in(dir.path()).unwrap();
        assert_eq!(dump(&conn, columns), before);
        let person: Option<i64> =
            conn.query_row("SELECT person_id FROM plan_steps WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert_eq!(person, None);
        // A keep-in-touch step without its person, or a plan step with one, is refused by the schema itself.
        let bad =
            "INSERT INTO plan_steps (application_id, outcome_event_id, person_id, kind, due_on, created_at, updated_at)
                   VALUES (1, ?1, ?2, ?3, '2026-12-01', 'x', 'x')";
        conn.execute("INSERT INTO people (company_id, name, created_at, updated_at) VALUES (1, 'Marie', 'x', 'x')", [])
            .unwrap();
        assert!(conn.execute(bad, rusqlite::params![None::<i64>, None::<i64>, "catch_up"]).is_err());
        assert!(conn.execute(bad, rusqlite::params![1, 1, "thank_you"]).is_err());
        assert!(conn.execute(bad, rusqlite::params![None::<i64>, 1, "catch_up"]).is_ok());
    }

    fn dump(conn: &Connection, columns: &str) -> Vec<String> {
        let mut stmt = conn.prepare(&format!("SELECT json_array({columns}) FROM plan_steps ORDER BY id")).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn a_newer_journal_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        drop(open_in(dir.path()).unwrap());
        Connection::open(dir.path().join(DB_FILE)).unwrap().pragma_update(None, "user_version", 999).unwrap();
        assert!(matches!(open_or_recover(dir.path(), Utc::now()), Err(Error::NewerDatabase)));
        let v: i64 = Connection::open(dir.path().join(DB_FILE))
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 999);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_kept_aside_and_the_newest_backup_restored() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z").unwrap().with_timezone(&Utc);
        {
            let conn = open_in(dir.path()).unwrap();
            conn.execute(
                "INSERT INTO companies (name, folded, created_at) VALUES ('Desjardins', 'desjardins', 'x')",
                [],
            )
            .unwrap();
            backup::take(&conn, &dir.path().join(BACKUP_DIR), None, backup::Reason::Daily, now).unwrap();
        }
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.path().join(format!("{DB_FILE}{suffix}")));
        }
        std::fs::write(dir.path().join(DB_FILE), vec![0x55u8; 8192]).unwrap();
        let (conn, recovery) = open_or_recover(dir.path(), now).unwrap();
        let recovery = recovery.expect("recovered");
        assert_eq!(recovery.restored_from, Some(now));
        assert_eq!(recovery.damaged_file, dir.path().join("rebound-damaged-20261126T100000Z.sqlite3"));
        assert_eq!(std::fs::read(&recovery.damaged_file).unwrap(), vec![0x55u8; 8192], "kept as it was");
        let name: String = conn.query_row("SELECT name FROM companies", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "Desjardins");
    }

    #[test]
    fn a_damaged_file_with_no_backup_gives_an_empty_journal() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DB_FILE), b"SQLite format 3\0 but then garbage").unwrap();
        let (conn, recovery) = open_or_recover(dir.path(), Utc::now()).unwrap();
        assert_eq!(recovery.unwrap().restored_from, None);
        let n: i64 = conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 0);
    }
    #[test]
    fn a_recovery_notice_waits_in_the_data_folder_until_it_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(unseen_recovery(dir.path()), None);
        std::fs::write(dir.path().join(DB_FILE), b"SQLite format 3\0 but then garbage").unwrap();
        let (conn, recovery) = open_or_recover(dir.path(), Utc::now()).unwrap();
        drop(conn);
        let recovery = recovery.expect("recovered");
        assert_eq!(unseen_recovery(dir.path()), Some(recovery.clone()));
        // A start that finds the journal sound (the first one was hidden, nobody saw the notice) still has it.
        let (conn, again) = open_or_recover(dir.path(), Utc::now()).unwrap();
        drop(conn);
        assert_eq!(again, None);
        assert_eq!(unseen_recovery(dir.path()), Some(recovery));
        recovery_seen(dir.path()).unwrap();
        assert_eq!(unseen_recovery(dir.path()), None);
        recovery_seen(dir.path()).unwrap();
        // A notice file that cannot be read is no notice (and no error at start).
        std::fs::write(dir.path().join(RECOVERY_NOTICE), b"{ not json").unwrap();
        assert_eq!(unseen_recovery(dir.path()), None);
    }
}
