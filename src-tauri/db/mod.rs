//! Opening the journal database: where the file lives, the connection pragmas, the backup taken before a
//! migration, and the append-only list of migrations.
//!
//! Pragmas are set on every connection, outside the migrations, because SQLite does not keep most of them
//! in the file. `synchronous=FULL` with WAL makes every committed transaction survive a power cut, which a
//! journal the user trusts needs more than the few microseconds it costs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

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

/// The folder for copies taken before a migration, inside the data folder.
pub const BACKUP_DIR: &str = "backups";

/// Every migration, in order. Append only: a released migration is never edited, only followed.
const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_journal.sql")),
    M::up(include_str!("migrations/0002_plan.sql")),
    M::up(include_str!("migrations/0003_reminders.sql")),
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

/// `open_in` with a given list of migrations, so that a test can play an older build and then a newer one.
fn open_with(data_dir: &Path, list: &'static [M<'static>]) -> Result<Connection> {
    std::fs::create_dir_all(data_dir).map_err(|e| Error::Io(format!("{}: {e}", data_dir.display())))?;
    let path = data_dir.join(DB_FILE);
    let mut conn = Connection::open(&path)?;
    configure(&conn)?;
    let current: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if current > 0 && current < list.len() {
        backup(&conn, &data_dir.join(BACKUP_DIR), current)?;
    }
    Migrations::from_slice(list).to_latest(&mut conn).map_err(|e| Error::Migration(e.to_string()))?;
    Ok(conn)
}

/// Opens a private in-memory journal, fully migrated: for tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Sets the per-connection pragmas.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> Result<()> {
    migrations().to_latest(conn).map_err(|e| Error::Migration(e.to_string()))
}

/// Copies the whole database with SQLite's online backup API into `dir`, named after the schema version it
/// holds and the time, and returns the copy's path. A migration that goes wrong can then be undone by hand.
pub fn backup(conn: &Connection, dir: &Path, version: usize) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let target = dir.join(format!("rebound-v{version}-{stamp}.sqlite3"));
    let mut copy = Connection::open(&target)?;
    let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
    backup.run_to_completion(256, Duration::ZERO, None)?;
    Ok(target)
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
        assert!(name.starts_with("rebound-v1-"), "{name}");
        let copy = Connection::open(&backups[0]).unwrap();
        let old_version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        let body: String = copy.query_row("SELECT body FROM notes", [], |r| r.get(0)).unwrap();
        assert_eq!(old_version, 1, "the copy holds the schema as it was before migrating");
        assert_eq!(body, "kept");
    }
}
