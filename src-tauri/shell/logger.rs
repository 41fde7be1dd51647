//! The app's log: what went wrong out of the user's sight (a notification the server refused, a tray that could
//! not be drawn, an internal error behind a message), one line each, to stderr and to `rebound.log` in the data
//! folder, so that a user can send it with a bug report. The file is rotated when it passes [`MAX_BYTES`]: the
//! old one becomes `rebound.log.1` (one generation kept), so the log never grows without bound.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use log::{Level, LevelFilter, Log, Metadata, Record};

/// The log file, in the data folder.
pub const LOG_FILE: &str = "rebound.log";
/// The size past which the file is rotated.
pub const MAX_BYTES: u64 = 1024 * 1024;

struct FileLogger {
    path: PathBuf,
    file: Mutex<Option<File>>,
}

fn open(path: &Path) -> Option<File> {
    OpenOptions::new().create(true).append(true).open(path).ok()
}

impl FileLogger {
    /// Writes one line, rotating first if the file has grown past [`MAX_BYTES`].
    fn write_line(&self, line: &str) {
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        let too_big = file.as_ref().and_then(|f| f.metadata().ok()).is_some_and(|m| m.len() > MAX_BYTES);
        if too_big {
            *file = None;
            let _ = std::fs::rename(&self.path, self.path.with_extension("log.1"));
            *file = open(&self.path);
        }
        if let Some(f) = file.as_mut() {
            let _ = writeln!(f, "{line}");
        }
    }
}

impl Log for FileLogger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.level() <= Level::Info
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line =
            format!("{} {:<5} {}", chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"), record.level(), record.args());
        eprintln!("rebound: {}", record.args());
        self.write_line(&line);
    }

    fn flush(&self) {
        if let Some(f) = self.file.lock().unwrap_or_else(|p| p.into_inner()).as_mut() {
            let _ = f.flush();
        }
    }
}

/// Sends the `log` macros to stderr and to `rebound.log` in `data_dir`, once per process (a second call, as in
/// the command tests that start several apps in one process, keeps the first).
pub fn install(data_dir: &Path) {
    let path = data_dir.join(LOG_FILE);
    let logger = FileLogger { file: Mutex::new(open(&path)), path };
    if log::set_boxed_logger(Box::new(logger)).is_ok() {
        log::set_max_level(LevelFilter::Info);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_go_to_the_file_and_a_full_file_is_rotated_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOG_FILE);
        let logger = FileLogger { file: Mutex::new(open(&path)), path: path.clone() };
        logger.write_line("first");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first\n");
        std::fs::write(&path, vec![b'x'; MAX_BYTES as usize + 1]).unwrap();
        logger.write_line("after the rotation");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "after the rotation\n");
        assert_eq!(std::fs::metadata(path.with_extension("log.1")).unwrap().len(), MAX_BYTES + 1);
    }
}
