//! Ways out and back in: the whole journal as JSON (export, restore, merge), applications as CSV (export, and
//! import through a column mapping), and the follow-up plan as an iCalendar file. Plain Rust over the journal;
//! the shell opens the native file dialogs and reads or writes the files.

pub mod csv;
pub mod ics;
pub mod json;

#[cfg(test)]
mod tests;
