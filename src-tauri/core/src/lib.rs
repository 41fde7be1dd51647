//! Rebound's domain: the journal, the follow-up plan, the messages and their tone check, the reminders'
//! schedule, the people kept in touch with, insights, import and export, settings and backups — plain Rust on
//! SQLite, with no Tauri (this crate does not depend on it, so the compiler keeps it that way) and tested
//! without a window. The app crate (`src-tauri/`) is the shell around it: commands, tray, notifications.

pub mod caldav;
pub mod calendar_sync;
pub mod datadir;
pub mod db;
pub mod error;
pub mod events;
/// The fuzz target's body (`fuzz/`), built and run by `cargo test` too.
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod insights;
pub mod journal;
pub mod mail;
pub mod messages;
pub mod natural_date;
pub mod people;
pub mod plan;
pub mod reminders;
pub mod sample;
pub mod settings;
pub mod transfer;
pub mod validate;
pub mod vocab;

#[cfg(test)]
mod testing;
