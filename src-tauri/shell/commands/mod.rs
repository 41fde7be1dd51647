//! The commands the UI calls, as thin adapters: typed arguments in, one domain call, typed data out.
//! Each is listed in `build.rs` and granted to the main window in `capabilities/main.json`.

pub mod app;
pub mod backups;
pub mod calendar;
pub mod journal;
pub mod mail;
pub mod messages;
pub mod people;
pub mod plan;
pub mod settings;
pub mod transfer;

use crate::vocab::Lang;
use chrono::{Local, NaiveDate};

/// The user's calendar day, which bounds the dates they may enter.
fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// A `YYYY-MM-DD` day sent by the window (not typed: the views send computed days), or a refusal on `field`.
fn iso_day(field: &str, s: &str, lang: Lang) -> Result<NaiveDate, crate::shell::error::IpcError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        crate::shell::error::IpcError::from_domain(
            crate::error::Error::invalid(field, crate::error::Problem::NotADate),
            lang,
        )
    })
}
