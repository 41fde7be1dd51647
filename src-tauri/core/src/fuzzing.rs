//! What the fuzz target (`fuzz/` at the repository's root, `cargo +nightly fuzz run importers`) feeds every
//! input to: the readers of what comes from outside — a Rebound JSON file (read, checked, indexed, previewed
//! against an empty journal and one in use, and imported when it passes), a CSV (read, its columns guessed,
//! checked and imported with them), a day in a CSV cell, and a date as a person types it (the date reader in
//! both languages, looking back and ahead, and as a form reads it). The crate reads no ICS: it only writes it.
//!
//! Here rather than in the target so that `cargo test` builds and runs the same calls (on the seeds below and
//! in `transfer::properties`): the fuzz crate needs a nightly toolchain, which CI does not have. What is
//! checked is what the issue asks of files that cannot hurt: an answer (a document or a refusal), no panic, and
//! a refused file leaves the journal as it was.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rusqlite::Connection;

use crate::transfer::{csv, json};
use crate::vocab::Lang;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 14, 0, 0).single().unwrap_or_default()
}

fn applications(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap_or(-1)
}

thread_local! {
    /// A journal in use (one application with everything on it), made once per thread: opening and migrating
    /// one per input would be most of the fuzzer's time. Each input works on a copy of it ([`in_use`]).
    static IN_USE: Connection = {
        let mut conn = crate::db::open_in_memory().expect("an in-memory journal");
        crate::sample::full_application(&mut conn, "Company 1", "Analyste de données", today(), now())
            .expect("a sample application");
        conn
    };
}

/// A fresh copy of the journal in use, with the connection's rules as the app sets them.
fn in_use() -> Connection {
    let mut copy = Connection::open_in_memory().expect("an in-memory database");
    IN_USE.with(|from| {
        rusqlite::backup::Backup::new(from, &mut copy)
            .and_then(|b| b.run_to_completion(1000, std::time::Duration::ZERO, None))
            .expect("a copy of the journal in use")
    });
    copy.pragma_update(None, "foreign_keys", true).expect("foreign keys");
    copy
}

/// Runs every reader on `data`. Panics only on a bug: a reader that panicked, or a refused import that
/// changed the journal.
pub fn one(data: &[u8]) {
    let text = String::from_utf8_lossy(data);

    if let Ok(doc) = json::parse(&text) {
        let _ = doc.applications();
        let mut empty = crate::db::open_in_memory().expect("an in-memory journal");
        let preview = json::preview(&empty, &doc).expect("a preview of a parsed file");
        assert!(preview.restore);
        if json::import(&mut empty, &doc).is_err() {
            assert_eq!(applications(&empty), 0, "a refused restore writes nothing");
        }
        let mut conn = in_use();
        let before = applications(&conn);
        let _ = json::preview(&conn, &doc).expect("a preview of a parsed file");
        if json::import(&mut conn, &doc).is_err() {
            assert_eq!(applications(&conn), before, "a refused merge writes nothing");
        }
    }

    if let Ok(file) = csv::read(&text) {
        let mut conn = in_use();
        let before = applications(&conn);
        let checked = csv::check(&mut conn, &text, &file.guess, Lang::En, today(), now());
        assert_eq!(applications(&conn), before, "a check writes nothing");
        let imported = csv::import(&mut conn, &text, &file.guess, Lang::En, today(), now());
        assert_eq!(checked.is_ok(), imported.is_ok(), "the check says what the import does: {imported:?}");
        if imported.is_err() {
            assert_eq!(applications(&conn), before, "a refused CSV writes nothing");
        }
    }
    let _ = csv::parse_date(&text);

    // Dates are short: the readers see at most the first 200 characters, as a form field holds.
    let date: String = text.chars().take(crate::validate::MAX_LINE).collect();
    for lang in [Lang::Fr, Lang::En] {
        let _ = crate::natural_date::parse(&date, today(), lang);
        let _ = crate::natural_date::parse_ahead(&date, today(), lang);
    }
    let mut form = crate::validate::Checker::new(today());
    let _ = form.date("date", &date, false);
    let _ = form.date_ahead("due", &date, true);
}

#[cfg(test)]
mod tests {
    /// The seeds the fuzz target starts from (`fuzz/seeds/`), and a real export: each runs through [`super::one`].
    #[test]
    fn the_fuzz_targets_calls_answer_every_seed() {
        let export = crate::sample::export_of_many(2, 0, super::today(), super::now()).unwrap().to_string();
        let seeds: Vec<Vec<u8>> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/seeds"))
            .map(|dir| dir.filter_map(|e| std::fs::read(e.ok()?.path()).ok()).collect())
            .unwrap_or_default();
        for seed in seeds.iter().map(Vec::as_slice).chain([export.as_bytes(), b"", b"\xff\xfe", b"{}"]) {
            super::one(seed);
        }
    }
}
