//! The domain's error type. The shell turns it into the `{kind, message}` shape the UI receives, in the
//! user's language; the domain only says *what* went wrong, and for bad input, *which field* and *why*.

use serde::Serialize;

/// Why one field of a form was refused. The UI shows a sentence for each beside the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "code")]
pub enum Problem {
    /// The field must not be empty.
    Required,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Not a calendar date written `YYYY-MM-DD`.
    NotADate,
    /// More than a year after today.
    TooFarAhead,
    /// An outcome dated before the application was sent.
    BeforeApplication,
    /// A control character other than newline and tab (or a newline in a one-line field).
    ControlCharacter,
    /// Not an `http://` or `https://` address.
    NotWebAddress,
    /// Not an e-mail address.
    NotEmail,
    /// Not one of the values offered.
    NotAChoice,
    /// A day that must come after today (a snooze) or not before it (a new due date).
    NotAfterToday,
    /// A day that has not come yet, for something that already happened.
    InTheFuture,
    /// The step is already done, skipped or cancelled.
    AlreadyClosed,
    /// A message template that does not compile, with the line of the error.
    TemplateSyntax { line: usize },
    /// Not an `https://` address (only those are opened in the browser).
    NotSecureAddress,
    /// A number outside `min..=max`.
    OutOfRange { min: usize, max: usize },
    /// Not a time of day written `HH:MM`.
    NotATime,
    /// Not a file Rebound exported (or damaged).
    NotRebound,
    /// Exported by a newer Rebound.
    NewerFile,
    /// Not a CSV file with a header row.
    NotCsv,
    /// Larger than `max_mb` megabytes.
    FileTooLarge { max_mb: u64 },
    /// A pasted text larger than `max_mb` megabytes.
    TextTooLarge { max_mb: u64 },
    /// Not a regular file (a folder, a device such as `/dev/zero`, a pipe), even through a link.
    NotAFile,
    /// Another item of the same kind already has this name.
    NameTaken,
}

/// One refused field: its path in the submitted form (`company`, `people.0.email`…) and the problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub problem: Problem,
}

/// Everything the domain can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input was refused; nothing was written.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The thing asked for does not exist (any more).
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("database upgrade failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// A file could not be read or written: what was being done (usually the path), and why.
    #[error("file error: {context}: {source}")]
    Io {
        context: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The journal was written by a newer Rebound: this build must not touch it.
    #[error("the journal was written by a newer version of Rebound")]
    NewerDatabase,
    /// Another Rebound process holds this data folder.
    #[error("another Rebound is using this data folder")]
    AlreadyOpen,
}

impl Error {
    /// A file error about `context` (a path, or what was being written), keeping its cause.
    pub fn io(context: impl std::fmt::Display, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Error::Io { context: context.to_string(), source: source.into() }
    }

    /// A one-field refusal.
    pub fn invalid(field: impl Into<String>, problem: Problem) -> Self {
        Error::Invalid(vec![FieldError { field: field.into(), problem }])
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_error_keeps_its_cause_and_says_where() {
        let e = Error::io("/data/rebound.db", std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(e.to_string(), "file error: /data/rebound.db: permission denied");
        let cause = std::error::Error::source(&e).expect("the cause is kept");
        assert_eq!(
            cause.downcast_ref::<std::io::Error>().map(|c| c.kind()),
            Some(std::io::ErrorKind::PermissionDenied)
        );
    }
}
