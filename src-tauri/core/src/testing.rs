//! Fixtures shared by the domain's unit tests: one calendar (today is 2026-11-26), an in-memory journal, and the
//! application and outcome forms most tests start from.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rusqlite::Connection;

use crate::error::{Error, Problem};
use crate::journal::{self, ApplicationInput, OutcomeInput};
use crate::vocab::Lang;

/// A day written `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The tests' today: 2026-11-26.
pub fn today() -> NaiveDate {
    d("2026-11-26")
}

/// The tests' now: 2026-11-26 at 14:00 UTC.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 14, 0, 0).unwrap()
}

/// An empty journal, migrated, in memory.
pub fn db() -> Connection {
    crate::db::open_in_memory().unwrap()
}

/// The application form with only what is required.
pub fn application(company: &str, role: &str, applied_on: &str) -> ApplicationInput {
    ApplicationInput { company: company.into(), role: role.into(), applied_on: applied_on.into(), ..Default::default() }
}

/// Saves an application (messages in English unless the form says otherwise) and returns its id.
pub fn save(conn: &mut Connection, input: &ApplicationInput) -> i64 {
    journal::save_application(conn, input, Lang::En, today(), now()).unwrap()
}

/// The outcome form: `kind` on `date`, heard by e-mail.
pub fn outcome(app: i64, kind: &str, date: &str) -> OutcomeInput {
    OutcomeInput {
        application_id: app,
        outcome: kind.into(),
        date: date.into(),
        channel: "email".into(),
        ..Default::default()
    }
}

/// A journal holding one application (Acme, Analyst, applied 2026-11-01), and its id.
pub fn journal_with_application() -> (Connection, i64) {
    let mut conn = db();
    let app = save(&mut conn, &application("Acme", "Analyst", "2026-11-01"));
    (conn, app)
}

/// The fields refused and why, from a result that must be a refusal.
pub fn refused(r: Result<impl std::fmt::Debug, Error>) -> Vec<(String, Problem)> {
    match r {
        Err(Error::Invalid(v)) => v.into_iter().map(|f| (f.field, f.problem)).collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}
