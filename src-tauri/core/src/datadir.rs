//! The data folder as a whole: its one canonical name, the lock that keeps a second process out of it, and the
//! crash log. No Tauri here: the shell calls these at start.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// The lock file inside the data folder; the process that holds its lock owns the journal.
pub const LOCK_FILE: &str = "rebound.lock";

/// The crash log a panic appends to; renamed to `crash-<time>.log` once the user has been told.
pub const CRASH_LOG: &str = "crash.log";

/// The folder's one name: created if missing, then canonicalized, so `/d`, `/d/` and `/x/../d` are one folder
/// (one instance, one lock).
pub fn canonical(dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display(), e))?;
    std::fs::canonicalize(dir).map_err(|e| Error::io(dir.display(), e))
}

/// The folders whose lock this process holds, with their lock files (a lock lasts as long as its file is open).
static HELD: Mutex<Vec<(PathBuf, File)>> = Mutex::new(Vec::new());

/// Takes the folder's lock for the rest of this process's life. Another process then gets
/// [`Error::AlreadyOpen`] and must not open the journal — also where no D-Bus session lets the
/// single-instance plugin hand over. The same process asking again (an app rebuilt in a test) is granted.
pub fn lock(dir: &Path) -> Result<()> {
    let mut held = HELD.lock().unwrap_or_else(|p| p.into_inner());
    if held.iter().any(|(d, _)| d == dir) {
        return Ok(());
    }
    let file = lock_file(dir)?;
    held.push((dir.to_path_buf(), file));
    Ok(())
}

/// Opens the lock file and takes its exclusive lock, or says who has it.
fn lock_file(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(path.display(), e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::AlreadyOpen),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(path.display(), e)),
    }
}

/// Writes a file so that a crash or a power cut leaves either the old content or the new, never half of one:
/// a temporary file beside it, flushed to disk, then renamed over it (and the folder flushed, for the rename).
/// The temporary file is created exclusively under a random name, readable by the user only (a journal's
/// export is private, and a predictable name could be a link planted to elsewhere); a file replaced keeps its
/// mode.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| Error::io(path.display(), e);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".rebound-").suffix(".tmp").tempfile_in(dir).map_err(io)?;
    #[cfg(unix)]
    if let Ok(old) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(old.permissions()).map_err(io)?;
    }
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    // Closed, then put in place by the one retrying rename (another program holding the target open, on Windows,
    // gets a few moments to let it go). On failure the temporary file is deleted as its path drops, and the old
    // file is as it was.
    let tmp = tmp.into_temp_path();
    rename(&tmp, path).map_err(io)?;
    // Renamed: nothing left to delete.
    let _ = tmp.keep();
    // Where the platform allows opening a folder (Unix), flushing it makes the rename itself durable.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// How many times a file is put in place when another program holds the one it replaces (Windows: an antivirus
/// scan, a backup or sync tool, an editor): waits of 20, 40, 80… ms, about 2.5 s in all, then a clear error.
const REPLACE_TRIES: u32 = 8;
const FIRST_WAIT: std::time::Duration = std::time::Duration::from_millis(20);

/// Whether a rename failed only because another program holds one of the files open: on Windows, a sharing or
/// lock violation, or "access denied" (what a file being deleted or scanned answers). Unix renames over open
/// files, so there it never is.
fn held_elsewhere(e: &std::io::Error) -> bool {
    if cfg!(windows) {
        // ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
        matches!(e.raw_os_error(), Some(5 | 32 | 33))
    } else {
        false
    }
}

/// Renames `from` to `to`, replacing it, and tries again for a moment while another program holds either open
/// (see [`REPLACE_TRIES`]).
pub fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut wait = FIRST_WAIT;
    for attempt in 1.. {
        match std::fs::rename(from, to) {
            Err(e) if attempt < REPLACE_TRIES && held_elsewhere(&e) => {
                std::thread::sleep(wait);
                wait *= 2;
            }
            done => return done,
        }
    }
    unreachable!("the loop returns on its last try")
}

/// Makes a panic, wherever it happens, leave a line in `crash.log` in the data folder (time, thread, message,
/// place) before the default hook prints it. The next start tells the user (see [`take_crash_report`]).
pub fn install_crash_log(dir: &Path) {
    let log = dir.join(CRASH_LOG);
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let thread = std::thread::current().name().unwrap_or("unnamed").to_owned();
        let backtrace = std::backtrace::Backtrace::force_capture();
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(&log) {
            let _ = writeln!(
                f,
                "{} rebound {} panicked in thread '{thread}' at {place}: {message}\n{backtrace}",
                chrono::Utc::now().to_rfc3339(),
                env!("CARGO_PKG_VERSION"),
            );
        }
        default(info);
    }));
}

/// A crash log left by an earlier run, renamed to `crash-<time>.log` so the user is told once; returns its path.
pub fn take_crash_report(dir: &Path, now: chrono::DateTime<chrono::Utc>) -> Option<PathBuf> {
    let log = dir.join(CRASH_LOG);
    if !log.is_file() {
        return None;
    }
    let kept = dir.join(format!("crash-{}.log", now.format("%Y%m%dT%H%M%SZ")));
    std::fs::rename(&log, &kept).ok().map(|_| kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_folder_are_one_folder() {
        let base = tempfile::tempdir().unwrap();
        let d = base.path().join("d");
        let a = canonical(&d).unwrap();
        let b = canonical(Path::new(&format!("{}/", d.display()))).unwrap();
        let c = canonical(&base.path().join("x/../d")).unwrap_or_else(|_| a.clone());
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        // Two open lock files behave as two processes would (flock locks belong to the open file).
        let dir = tempfile::tempdir().unwrap();
        let first = lock_file(dir.path()).unwrap();
        assert!(matches!(lock_file(dir.path()), Err(Error::AlreadyOpen)));
        drop(first);
        assert!(lock_file(dir.path()).is_ok());
    }

    #[test]
    fn this_process_may_ask_again_for_a_folder_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        lock(dir.path()).unwrap();
        lock(dir.path()).unwrap();
        assert!(matches!(lock_file(dir.path()), Err(Error::AlreadyOpen)), "held by this process");
    }

    #[test]
    fn an_atomic_write_replaces_the_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"{\"new\": true}").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{\"new\": true}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("settings.json")]);
    }

    #[cfg(unix)]
    #[test]
    fn an_atomic_write_is_private_keeps_a_replaced_files_mode_and_follows_no_planted_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let new = dir.path().join("rebound-2026-11-26.json");
        write_atomic(&new, b"{}").unwrap();
        assert_eq!(mode(&new), 0o600, "an export is the user's only");
        let kept = dir.path().join("settings.json");
        std::fs::write(&kept, "old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&kept, b"new").unwrap();
        assert_eq!(mode(&kept), 0o640);
        // A link planted where the old code put its temporary file: nothing is written through it.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "untouched").unwrap();
        let target = dir.path().join("out.csv");
        std::os::unix::fs::symlink(&victim, dir.path().join("out.csv.tmp")).unwrap();
        write_atomic(&target, b"a,b").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "a,b");
    }

    #[test]
    fn a_crash_report_is_handed_over_once() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z").unwrap().to_utc();
        assert_eq!(take_crash_report(dir.path(), now), None);
        std::fs::write(dir.path().join(CRASH_LOG), "boom").unwrap();
        let kept = take_crash_report(dir.path(), now).unwrap();
        assert_eq!(kept, dir.path().join("crash-20261126T100000Z.log"));
        assert_eq!(std::fs::read_to_string(kept).unwrap(), "boom");
        assert_eq!(take_crash_report(dir.path(), now), None);
    }

    /// On Windows (run under Wine by the test command): a file another program holds open without letting it be
    /// replaced (an antivirus, a sync tool) is replaced as soon as that program lets go; held for good, the write
    /// fails with an error, the old content stays, and no temporary file is left.
    #[cfg(windows)]
    #[test]
    fn a_file_held_open_elsewhere_is_replaced_once_let_go_and_kept_whole_when_never() {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_READ: u32 = 1;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        std::fs::write(&path, b"old").unwrap();
        let hold = || std::fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(&path).unwrap();

        let held = hold();
        assert!(std::fs::rename(dir.path().join("none"), &path).is_err());
        let other = std::thread::spawn(move || {
            // The other program keeps the file a moment, well within the time the write waits.
            std::thread::sleep(std::time::Duration::from_millis(100));
            drop(held);
        });
        write_atomic(&path, b"new").expect("replaced once let go");
        other.join().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");

        let held = hold();
        let refused = write_atomic(&path, b"newer");
        drop(held);
        assert!(matches!(refused, Err(Error::Io { .. })), "{refused:?}");
        assert_eq!(std::fs::read(&path).unwrap(), b"new", "the old content stays");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left.len(), 1, "no temporary file left: {left:?}");
    }
}
