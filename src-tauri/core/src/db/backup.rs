//! Backups of the journal: taken with `VACUUM INTO` (SQLite's own consistent copy of a live database, never a
//! file copy), checked with `PRAGMA quick_check` before they count, listed for the settings view, rotated like
//! Anki's (7 daily, 4 weekly, 12 monthly), and restored into the open connection with the backup API.
//!
//! A backup is `backups/rebound-<UTC time>-<reason>.sqlite3`, with the settings file of that moment beside it
//! as `….settings.json`; user templates live in the database, so they are in the copy. The file name alone
//! says when and why, so listing needs no index that could disagree with the folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{Error, Result};

/// Why a backup was taken. Only `daily` ones are rotated; the others are kept until there are more than
/// [`KEEP_OTHERS`] of their reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// At start when the newest is older than a day, and once a day while running.
    Daily,
    /// "Back up now".
    Manual,
    /// Before a schema upgrade.
    Upgrade,
    /// The journal as it was just before a restore or an import replaced it.
    BeforeRestore,
    /// After changes: every half an hour of changes while the app runs, and at quit when it changed.
    Changes,
}

impl Reason {
    fn tag(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::Manual => "manual",
            Reason::Upgrade => "upgrade",
            Reason::BeforeRestore => "before-restore",
            Reason::Changes => "changes",
        }
    }

    fn from_tag(tag: &str) -> Option<Reason> {
        [Reason::Daily, Reason::Manual, Reason::Upgrade, Reason::BeforeRestore, Reason::Changes]
            .into_iter()
            .find(|r| r.tag() == tag)
    }
}

/// How many backups of each reason other than `daily` are kept.
pub const KEEP_OTHERS: usize = 10;
/// Rotation of daily backups: the newest of each of the last N days, ISO weeks and months.
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;
const KEEP_MONTHS: usize = 12;

/// One backup, as the settings view lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    /// The file name inside the backups folder (what "restore" names).
    pub file: String,
    pub taken_at: DateTime<Utc>,
    pub reason: Reason,
    /// Bytes on disk.
    pub size: u64,
    /// Applications it holds.
    pub applications: i64,
}

const PREFIX: &str = "rebound-";
const SUFFIX: &str = ".sqlite3";
const STAMP: &str = "%Y%m%dT%H%M%SZ";
/// The suffix of a copy being written; one left behind (a crash, a full disk) is swept at the next rotation.
const PARTIAL: &str = ".partial";
/// A partial file younger than this may be another backup being written right now: the sweep leaves it.
const PARTIAL_GRACE: Duration = Duration::from_secs(60 * 60);

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::io(path.display(), e)
}

/// Parses `rebound-<stamp>-<reason>.sqlite3`; other files in the folder (older upgrade copies named
/// `rebound-v<N>-…`, partial files) are not backups of this kind.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, Reason)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (stamp, tag) = rest.split_once('-')?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    Some((at, Reason::from_tag(tag)?))
}

/// Opens a file read-only and checks it: `quick_check` says ok, and it has a journal in it.
fn check_file(path: &Path) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let verdict: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(Error::io(path.display(), format!("quick_check: {verdict}")));
    }
    let has_journal: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE name = 'applications'", [], |r| r.get(0))?;
    if !has_journal {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?)
}

/// Copies the journal into `dir` with `VACUUM INTO`, checks the copy, writes `settings` beside it, rotates,
/// and returns the new backup. The copy is written under a temporary name and renamed once checked, so a
/// backup that is listed is always whole.
pub fn take(
    conn: &Connection,
    dir: &Path,
    settings: Option<&str>,
    reason: Reason,
    now: DateTime<Utc>,
) -> Result<Backup> {
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    // Two backups in the same second (a test, a double click) get distinct names.
    let mut at = now;
    let mut name;
    loop {
        name = format!("{PREFIX}{}-{}{SUFFIX}", at.format(STAMP), reason.tag());
        if !dir.join(&name).exists() {
            break;
        }
        at += chrono::Duration::seconds(1);
    }
    let partial = dir.join(format!("{name}{PARTIAL}"));
    let target = dir.join(&name);
    let side = settings_path(&target);
    let _ = std::fs::remove_file(&partial);
    // Whatever fails on the way (the copy, its check, the settings file, the rename) takes its leftovers with
    // it: a half-written copy is never left to fill the disk, and a side file never outlives its backup.
    let copied = (|| -> Result<i64> {
        conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
        let applications = check_file(&partial)?;
        if let Some(json) = settings {
            std::fs::write(&side, json).map_err(|e| io(&side, e))?;
        }
        crate::datadir::rename(&partial, &target).map_err(|e| io(&target, e))?;
        Ok(applications)
    })();
    let applications = match copied {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            if settings.is_some() && !target.exists() {
                let _ = std::fs::remove_file(&side);
            }
            return Err(e);
        }
    };
    let size = std::fs::metadata(&target).map_err(|e| io(&target, e))?.len();
    rotate(dir)?;
    Ok(Backup { file: name, taken_at: at, reason, size, applications })
}

/// The settings file saved with a backup.
pub fn settings_path(backup: &Path) -> PathBuf {
    let mut s = backup.as_os_str().to_owned();
    s.push(".settings.json");
    PathBuf::from(s)
}

/// Every backup in `dir`, newest first. A file that no longer opens is left out of the list (and never
/// offered for a restore).
pub fn list(dir: &Path) -> Result<Vec<Backup>> {
    let mut out = Vec::new();
    for (path, at, reason) in files(dir)? {
        let Ok(applications) = check_file(&path) else { continue };
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        out.push(Backup { file, taken_at: at, reason, size, applications });
    }
    Ok(out)
}

/// Backup files by name, newest first, without opening them.
fn files(dir: &Path) -> Result<Vec<(PathBuf, DateTime<Utc>, Reason)>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(dir, e)),
    };
    let mut out: Vec<_> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            parse_name(&name).map(|(at, reason)| (e.path(), at, reason))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
    Ok(out)
}

/// When the newest backup of any reason was taken.
pub fn newest(dir: &Path) -> Result<Option<DateTime<Utc>>> {
    Ok(files(dir)?.first().map(|f| f.1))
}

/// Whether a daily backup is due at `now`: none yet, or the newest is a day old. A backup named after `now`
/// (taken while the clock was wrong) does not count: trusting it would stop daily backups until that date.
pub fn daily_due(dir: &Path, now: DateTime<Utc>) -> Result<bool> {
    let newest_past = files(dir)?.into_iter().map(|f| f.1).find(|at| *at <= now);
    Ok(newest_past.is_none_or(|at| now - at >= chrono::Duration::days(1)))
}

/// How many rows `conn` has written, deleted or changed since it was opened (SQLite's `total_changes()`). The
/// app writes through one connection: this count, noted when a backup is taken, tells whether the journal changed
/// since — deletions included, which no `updated_at` column would show, and without a column on every table.
pub fn writes(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT total_changes()", [], |r| r.get(0))?)
}

/// How long apart backups after changes are, while the app runs.
pub const CHANGES_EVERY: chrono::Duration = chrono::Duration::minutes(30);

/// Whether a backup after changes is due at `now`: the connection wrote since the last backup (`writes_now` is
/// past `writes_at_backup`, the [`writes`] noted when it was taken), and the app is quitting or the newest
/// backup (of any reason, not named after the future) is [`CHANGES_EVERY`] old.
pub fn changes_due(
    dir: &Path,
    writes_now: i64,
    writes_at_backup: i64,
    now: DateTime<Utc>,
    quitting: bool,
) -> Result<bool> {
    if writes_now <= writes_at_backup {
        return Ok(false);
    }
    if quitting {
        return Ok(true);
    }
    let newest_past = files(dir)?.into_iter().map(|f| f.1).find(|at| *at <= now);
    Ok(newest_past.is_none_or(|at| now - at >= CHANGES_EVERY))
}

/// The daily backups to keep, by time (newest first): the newest of each of the last 7 days, 4 ISO weeks and
/// 12 months that have one.
fn kept_daily(times: &[DateTime<Utc>]) -> Vec<DateTime<Utc>> {
    let mut keep = Vec::new();
    let mut pick = |key: &dyn Fn(&DateTime<Utc>) -> (i32, u32), n: usize| {
        let mut seen = Vec::new();
        for t in times {
            let k = key(t);
            if !seen.contains(&k) {
                if seen.len() == n {
                    break;
                }
                seen.push(k);
                if !keep.contains(t) {
                    keep.push(*t);
                }
            }
        }
    };
    pick(&|t| (t.year(), t.ordinal()), KEEP_DAYS);
    pick(&|t| (t.iso_week().year(), t.iso_week().week()), KEEP_WEEKS);
    pick(&|t| (t.year(), t.month()), KEEP_MONTHS);
    keep
}

/// Deletes the backups the rotation no longer keeps (with their settings files).
pub fn rotate(dir: &Path) -> Result<()> {
    let all = files(dir)?;
    let daily: Vec<DateTime<Utc>> = all.iter().filter(|f| f.2 == Reason::Daily).map(|f| f.1).collect();
    let keep = kept_daily(&daily);
    let mut others_seen: Vec<(Reason, usize)> = Vec::new();
    for (path, at, reason) in all {
        let keep_it = if reason == Reason::Daily {
            keep.contains(&at)
        } else {
            let seen = match others_seen.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, n)) => n,
                None => {
                    others_seen.push((reason, 0));
                    &mut others_seen.last_mut().expect("just pushed").1
                }
            };
            *seen += 1;
            *seen <= KEEP_OTHERS
        };
        if !keep_it {
            std::fs::remove_file(&path).map_err(|e| io(&path, e))?;
            let _ = std::fs::remove_file(settings_path(&path));
        }
    }
    sweep_partials(dir);
    Ok(())
}

/// Deletes the copies left half-written by a backup that never finished (an hour old or more, so that one
/// being written by another thread is left alone). Best effort: a file that will not go is tried next time.
fn sweep_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(PREFIX) && name.ends_with(PARTIAL)) {
            continue;
        }
        let age = e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
        if age.is_none_or(|a| a >= PARTIAL_GRACE) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Resolves a backup's file name inside `dir`, refusing anything that is not a backup name there (no path
/// separators, no `..`): the UI only names a file, it never gives a path.
pub fn path_of(dir: &Path, file: &str) -> Result<PathBuf> {
    if parse_name(file).is_none() || file.contains(['/', '\\']) {
        return Err(Error::NotFound("backup"));
    }
    let path = dir.join(file);
    if !path.is_file() {
        return Err(Error::NotFound("backup"));
    }
    Ok(path)
}

/// Checks a file as a restore would, without touching the journal: it opens read-only, `quick_check` says
/// ok, and it is not from a newer Rebound. Returns the applications it holds.
pub fn check(path: &Path) -> Result<i64> {
    let applications = check_file(path)?;
    let src = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version as usize > super::schema_version() {
        return Err(Error::NewerDatabase);
    }
    Ok(applications)
}

/// Restores the backup named `file` in `dir`: checked first, then the journal as it is kept as a
/// `BeforeRestore` backup (with `settings`), then replaced. A refused file takes no backup, so attempts at
/// a damaged one never rotate away the journal's real copies. Returns the restored backup's path.
pub fn restore(
    conn: &mut Connection,
    dir: &Path,
    file: &str,
    settings: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let path = path_of(dir, file)?;
    check(&path)?;
    take(conn, dir, settings, Reason::BeforeRestore, now)?;
    restore_into(conn, &path)?;
    Ok(path)
}

/// Replaces the journal in `conn` by the backup at `path` (checked first), with the backup API, then brings
/// it to this build's schema. The caller takes a `BeforeRestore` backup first ([`restore`] does both).
pub fn restore_into(conn: &mut Connection, path: &Path) -> Result<()> {
    check_file(path)?;
    let src = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version as usize > super::schema_version() {
        return Err(Error::NewerDatabase);
    }
    {
        let backup = rusqlite::backup::Backup::new(&src, conn)?;
        backup.run_to_completion(1024, Duration::ZERO, None)?;
    }
    super::migrate(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    fn journal(dir: &Path, companies: &[&str]) -> Connection {
        let conn = crate::db::open_in(dir).unwrap();
        for c in companies {
            conn.execute(
                "INSERT INTO companies (name, folded, created_at) VALUES (?1, lower(?1), '2026-11-01T00:00:00Z')",
                [c],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO applications (company_id, role, applied_on, lang, created_at, updated_at)
                 VALUES (last_insert_rowid(), 'Analyste', '2026-11-01', 'fr', '2026-11-01T00:00:00Z',
                         '2026-11-01T00:00:00Z')",
                [],
            )
            .unwrap();
        }
        conn
    }

    #[test]
    fn a_backup_through_a_read_only_connection_does_not_hold_up_the_writer() {
        let dir = tempfile::tempdir().unwrap();
        let writer = journal(dir.path(), &["Desjardins", "Acme"]);
        let reader = Connection::open_with_flags(
            dir.path().join(crate::db::DB_FILE),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .unwrap();
        // A read transaction open on the reader (as during a backup) does not stop the writer (WAL).
        reader.execute_batch("BEGIN; SELECT count(*) FROM companies;").unwrap();
        writer.execute("INSERT INTO companies (name, folded, created_at) VALUES ('Hydro', 'hydro', 'x')", []).unwrap();
        reader.execute_batch("COMMIT").unwrap();
        let b = take(&reader, &dir.path().join("backups"), None, Reason::Daily, at(2026, 11, 26)).unwrap();
        assert_eq!(b.applications, 2);
        let copy = Connection::open(dir.path().join("backups").join(&b.file)).unwrap();
        let companies: i64 = copy.query_row("SELECT count(*) FROM companies", [], |r| r.get(0)).unwrap();
        assert_eq!(companies, 3, "the backup holds what was committed before it");
    }

    #[test]
    fn a_backup_is_checked_listed_and_carries_the_settings() {
        let dir = tempfile::tempdir().unwrap();
        let conn = journal(dir.path(), &["Desjardins", "Cirque du Soleil"]);
        let backups = dir.path().join("backups");
        let b = take(&conn, &backups, Some(r#"{"myName":"Léa"}"#), Reason::Manual, at(2026, 11, 26)).unwrap();
        assert_eq!(b.file, "rebound-20261126T120000Z-manual.sqlite3");
        assert_eq!(b.applications, 2);
        assert!(b.size > 0);
        assert_eq!(list(&backups).unwrap(), vec![b.clone()]);
        let side = std::fs::read_to_string(settings_path(&backups.join(&b.file))).unwrap();
        assert_eq!(side, r#"{"myName":"Léa"}"#);
        // A second one in the same second gets the next second's name rather than overwriting.
        let b2 = take(&conn, &backups, None, Reason::Manual, at(2026, 11, 26)).unwrap();
        assert_eq!(b2.file, "rebound-20261126T120001Z-manual.sqlite3");
    }

    #[test]
    fn a_damaged_backup_is_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        let conn = journal(dir.path(), &["A"]);
        let backups = dir.path().join("backups");
        let b = take(&conn, &backups, None, Reason::Daily, at(2026, 11, 25)).unwrap();
        std::fs::write(backups.join("rebound-20261126T120000Z-daily.sqlite3"), b"not a database at all").unwrap();
        assert_eq!(list(&backups).unwrap(), vec![b]);
    }

    #[test]
    fn daily_rotation_keeps_7_days_4_weeks_12_months() {
        // One daily backup a day for 400 days.
        let start = at(2025, 10, 23);
        let times: Vec<DateTime<Utc>> = (0..400).rev().map(|d| start + chrono::Duration::days(d)).collect();
        let kept = kept_daily(&times);
        let newest = times[0];
        // The 7 newest days…
        for d in 0..7 {
            assert!(kept.contains(&(newest - chrono::Duration::days(d))), "day {d}");
        }
        // …the newest of 4 weeks and of 12 months (some coincide with the days above).
        let weeks: std::collections::HashSet<_> = kept.iter().map(|t| t.iso_week()).collect();
        let months: std::collections::HashSet<_> = kept.iter().map(|t| (t.year(), t.month())).collect();
        assert!(weeks.len() >= 4);
        assert_eq!(months.len(), 12);
        assert!(kept.len() <= 7 + 4 + 12);
        assert!(!kept.contains(&times[399]), "the oldest goes");
    }

    #[test]
    fn rotation_deletes_files_and_keeps_other_reasons() {
        let dir = tempfile::tempdir().unwrap();
        let conn = journal(dir.path(), &["A"]);
        let backups = dir.path().join("backups");
        for d in 0..30 {
            take(&conn, &backups, Some("{}"), Reason::Daily, at(2026, 10, 1) + chrono::Duration::days(d)).unwrap();
        }
        let upgrade = take(&conn, &backups, None, Reason::Upgrade, at(2026, 9, 1)).unwrap();
        let left = list(&backups).unwrap();
        let daily = left.iter().filter(|b| b.reason == Reason::Daily).count();
        assert!((7..=7 + 4 + 12).contains(&daily), "{daily}");
        assert!(left.contains(&upgrade), "an upgrade copy is not a daily one");
        let sides = std::fs::read_dir(&backups)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".settings.json"))
            .count();
        assert_eq!(sides, daily, "settings files go with their backups");
    }

    #[test]
    fn restore_brings_back_the_journal_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = journal(dir.path(), &["Desjardins"]);
        let backups = dir.path().join("backups");
        let b = take(&conn, &backups, None, Reason::Manual, at(2026, 11, 1)).unwrap();
        conn.execute("DELETE FROM applications", []).unwrap();
        restore_into(&mut conn, &path_of(&backups, &b.file).unwrap()).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1);
        assert!(path_of(&backups, "../rebound.sqlite3").is_err());
        assert!(path_of(&backups, "rebound-20990101T000000Z-manual.sqlite3").is_err());
    }

    #[test]
    fn daily_is_due_when_the_newest_is_a_day_old() {
        let dir = tempfile::tempdir().unwrap();
        let conn = journal(dir.path(), &[]);
        let backups = dir.path().join("backups");
        assert!(daily_due(&backups, at(2026, 11, 26)).unwrap());
        take(&conn, &backups, None, Reason::Daily, at(2026, 11, 26)).unwrap();
        assert!(!daily_due(&backups, at(2026, 11, 26) + chrono::Duration::hours(23)).unwrap());
        assert!(daily_due(&backups, at(2026, 11, 27)).unwrap());
    }

    #[test]
    fn a_failed_backup_leaves_no_partial_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let conn = journal(dir.path(), &["A"]);
        let backups = dir.path().join("backups");
        std::fs::create_dir_all(&backups).unwrap();
        // The copy is made, then the settings side file cannot be written (a folder holds its name).
        let name = "rebound-20261126T120000Z-manual.sqlite3";
        std::fs::create_dir(backups.join(format!("{name}.settings.json"))).unwrap();
        assert!(take(&conn, &backups, Some("{}"), Reason::Manual, at(2026, 11, 26)).is_err());
        let left: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!left.iter().any(|n| n.ends_with(".partial")), "{left:?}");
    }

    #[test]
    fn a_damaged_backup_is_refused_before_any_before_restore_copy_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = journal(dir.path(), &["A"]);
        let backups = dir.path().join("backups");
        std::fs::create_dir_all(&backups).unwrap();
        let bad = "rebound-20261120T120000Z-manual.sqlite3";
        std::fs::write(backups.join(bad), b"not a database at all").unwrap();
        for _ in 0..KEEP_OTHERS + 1 {
            assert!(restore(&mut conn, &backups, bad, None, at(2026, 11, 26)).is_err());
        }
        let taken = files(&backups).unwrap().into_iter().filter(|f| f.2 == Reason::BeforeRestore).count();
        assert_eq!(taken, 0, "refused attempts rotate nothing away");
        let good = take(&conn, &backups, None, Reason::Manual, at(2026, 11, 21)).unwrap();
        restore(&mut conn, &backups, &good.file, None, at(2026, 11, 26)).unwrap();
        let taken = files(&backups).unwrap().into_iter().filter(|f| f.2 == Reason::BeforeRestore).count();
        assert_eq!(taken, 1);
    }

    #[test]
    fn rotation_sweeps_stale_partial_files() {
        let dir = tempfile::tempdir().unwrap();
        let conn = journal(dir.path(), &["A"]);
        let backups = dir.path().join("backups");
        std::fs::create_dir_all(&backups).unwrap();
        let stale = backups.join("rebound-20261101T120000Z-daily.sqlite3.partial");
        std::fs::write(&stale, b"half a copy").unwrap();
        let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(2 * 3600);
        std::fs::File::options().write(true).open(&stale).unwrap().set_modified(two_hours_ago).unwrap();
        let fresh = backups.join("rebound-20261126T115959Z-manual.sqlite3.partial");
        std::fs::write(&fresh, b"being written").unwrap();
        take(&conn, &backups, None, Reason::Daily, at(2026, 11, 26)).unwrap();
        assert!(!stale.exists(), "a partial left by a crash goes at the next rotation");
        assert!(fresh.exists(), "one that may be being written is left alone");
    }

    #[test]
    fn a_backup_dated_in_the_future_does_not_stop_daily_backups() {
        let dir = tempfile::tempdir().unwrap();
        let conn = journal(dir.path(), &["A"]);
        let backups = dir.path().join("backups");
        // Taken while the clock was a year ahead.
        take(&conn, &backups, None, Reason::Daily, at(2027, 11, 26)).unwrap();
        assert!(daily_due(&backups, at(2026, 11, 26)).unwrap());
        take(&conn, &backups, None, Reason::Daily, at(2026, 11, 26)).unwrap();
        assert!(!daily_due(&backups, at(2026, 11, 26) + chrono::Duration::hours(23)).unwrap());
    }
    #[test]
    fn a_backup_after_changes_waits_for_a_change_and_half_an_hour_except_at_quit() {
        let dir = tempfile::tempdir().unwrap();
        let backups = dir.path().join("backups");
        let conn = journal(dir.path(), &[]);
        let opened = writes(&conn).unwrap();
        take(&conn, &backups, None, Reason::Daily, at(2026, 11, 26)).unwrap();
        let later = |minutes| at(2026, 11, 26) + chrono::Duration::minutes(minutes);
        // Nothing written since: no backup, not even at quit.
        assert!(!changes_due(&backups, writes(&conn).unwrap(), opened, later(45), true).unwrap());
        conn.execute(
            "INSERT INTO companies (name, folded, created_at) VALUES ('Acme', 'acme', '2026-11-26T12:05:00Z')",
            [],
        )
        .unwrap();
        let now_writes = writes(&conn).unwrap();
        assert!(now_writes > opened);
        assert!(!changes_due(&backups, now_writes, opened, later(10), false).unwrap(), "half an hour apart");
        assert!(changes_due(&backups, now_writes, opened, later(10), true).unwrap(), "at quit, at once");
        assert!(changes_due(&backups, now_writes, opened, later(30), false).unwrap());
        let b = take(&conn, &backups, None, Reason::Changes, later(30)).unwrap();
        assert_eq!(list(&backups).unwrap().iter().find(|x| x.file == b.file).unwrap().reason, Reason::Changes);
        // Backed up: the changes are in it.
        assert!(!changes_due(&backups, now_writes, now_writes, later(90), true).unwrap());
    }
}
