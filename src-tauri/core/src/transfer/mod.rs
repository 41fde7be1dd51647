//! Ways out and back in: the whole journal as JSON (export, restore, merge), applications as CSV (export, and
//! import through a column mapping), and the follow-up plan as an iCalendar file. Plain Rust over the journal;
//! the shell opens the native file dialogs and reads or writes the files.

pub mod csv;
pub mod ics;
pub mod json;
mod table;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Problem, Result};

/// Reads a file picked for an import, at most `max` bytes. The size on disk is no bound for what a read
/// returns (`/dev/zero`, a pipe or a link to one say 0 and never end), so only a regular file is read (after
/// following links) and the read itself stops one byte past the limit.
pub fn read_file(path: &Path, max: u64) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| Error::io(path.display(), e);
    let too_large = || Error::invalid("file", Problem::FileTooLarge { max_mb: max / (1024 * 1024) });
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(Error::invalid("file", Problem::NotAFile));
    }
    if meta.len() > max {
        return Err(too_large());
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // Checked again on what was opened: the path may have been swapped for something else in between.
    if !file.metadata().map_err(io)?.is_file() {
        return Err(Error::invalid("file", Problem::NotAFile));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod read_tests {
    use super::*;

    fn refused(path: &Path, max: u64) -> Option<Problem> {
        match read_file(path, max) {
            Err(Error::Invalid(v)) => Some(v[0].problem),
            _ => None,
        }
    }

    #[test]
    fn only_regular_files_are_read_and_never_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("ok.json");
        std::fs::write(&ok, b"{}").unwrap();
        assert_eq!(read_file(&ok, 10).unwrap(), b"{}");
        assert_eq!(refused(&ok, 1), Some(Problem::FileTooLarge { max_mb: 0 }));
        assert_eq!(refused(dir.path(), 10), Some(Problem::NotAFile), "a folder");
        #[cfg(unix)]
        {
            // Says 0 bytes and never ends.
            assert_eq!(refused(Path::new("/dev/zero"), 10), Some(Problem::NotAFile));
            let link = dir.path().join("zero.json");
            std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
            assert_eq!(refused(&link, 10), Some(Problem::NotAFile), "a link to a device");
            // A pipe nobody writes to: opening it would block for ever.
            let fifo = dir.path().join("fifo.json");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
            if made {
                assert_eq!(refused(&fifo, 10), Some(Problem::NotAFile));
            }
            let to_ok = dir.path().join("to-ok.json");
            std::os::unix::fs::symlink(&ok, &to_ok).unwrap();
            assert_eq!(read_file(&to_ok, 10).unwrap(), b"{}", "a link to a file is that file");
        }
    }
}
