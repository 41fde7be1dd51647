//! Properties of the importers (JSON, CSV), the exports they read back (CSV, and the ICS, which nothing reads
//! but other programs), and the date readers, over generated input: a fixed number of cases per run, so
//! `cargo test` stays quick and a failure is shrunk to its smallest input.

use chrono::{NaiveDate, NaiveTime, Utc};
use proptest::prelude::*;
use rusqlite::Connection;
use serde_json::Value;

use super::{csv, ics, json};
use crate::journal::{self, ApplicationInput};
use crate::natural_date;
use crate::testing::{now, today};
use crate::vocab::Lang;

fn config(cases: u32) -> ProptestConfig {
    // No regression files written into the source tree: a failure prints its shrunk input.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn applications(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap()
}

fn sound(conn: &Connection) -> bool {
    let fk: Option<String> = conn.query_row("PRAGMA foreign_key_check", [], |r| r.get(0)).ok();
    let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
    fk.is_none() && ok == "ok"
}

/// One of the values a hand-edited file could hold in a cell.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-3i64..40).prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,40}".prop_map(Value::from),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}.{0,3}".prop_map(Value::from),
        Just(Value::from("x".repeat(300))),
        Just(serde_json::json!({"a": [1, "b"]})),
    ]
}

/// A text the forms accept on one line: what a company or a role can be.
fn line() -> impl Strategy<Value = String> {
    "[=+@\\-'\"; ,a-zA-Zéà«»0-9|!()]{1,30}".prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(config(64))]

    /// Whatever the text, reading it as a Rebound file or a CSV answers (a refusal or a document), never
    /// panics.
    #[test]
    fn any_text_is_read_or_refused(text in ".{0,300}") {
        let _ = json::parse(&text);
        let _ = csv::read(&text);
        let _ = csv::parse_date(&text);
        let mut conn = crate::db::open_in_memory().unwrap();
        let m = csv::Mapping { company: Some(0), role: Some(1), applied_on: Some(2), ..Default::default() };
        if csv::import(&mut conn, &text, &m, Lang::En, today(), now()).is_err() {
            prop_assert_eq!(applications(&conn), 0, "all or nothing");
        }
    }

    /// A real export with one cell changed to anything: parsed and imported (into an empty journal and into
    /// one in use) it is either refused with the journal as it was, or taken with the journal still sound.
    #[test]
    fn an_edited_export_is_taken_whole_or_refused_whole(
        table in 0..json::TABLES.len(),
        row in 0usize..8,
        column in 0usize..20,
        value in any_value(),
    ) {
        let doc = json::tests::synthetic(2, 0);
        let mut edited = doc.clone();
        let table = json::TABLES[table];
        if let Some(Value::Object(r)) = edited["tables"][table].get_mut(row) {
            let keys: Vec<String> = r.keys().cloned().collect();
            if let Some(k) = keys.get(column % keys.len().max(1)) {
                r.insert(k.clone(), value);
            }
        }
        for in_use in [false, true] {
            let mut conn = crate::db::open_in_memory().unwrap();
            if in_use {
                json::tests::full(&mut conn, "Company 1", "Analyste de données");
            }
            let before = applications(&conn);
            match json::parse(&edited.to_string()).and_then(|d| json::import(&mut conn, &d)) {
                Ok(_) => prop_assert!(sound(&conn)),
                Err(_) => prop_assert_eq!(applications(&conn), before, "all or nothing"),
            }
        }
    }

    /// What the form accepts goes out as CSV and comes back as it was (formula-like cells included), and the
    /// calendar of its plan is written.
    #[test]
    fn a_csv_export_comes_back_as_it_went_out(companies in proptest::collection::vec(line(), 1..5), role in line()) {
        let mut conn = crate::db::open_in_memory().unwrap();
        let mut saved = Vec::new();
        for (i, company) in companies.iter().enumerate() {
            let input = ApplicationInput {
                company: company.clone(),
                role: format!("{role} {i}"),
                applied_on: "2026-10-01".into(),
                ..Default::default()
            };
            if journal::save_application(&mut conn, &input, Lang::Fr, today(), now()).is_ok() {
                saved.push(company.trim().to_owned());
            }
        }
        let text = csv::export(&conn, Lang::Fr).unwrap();
        let mut back = crate::db::open_in_memory().unwrap();
        let m = csv::read(&text).unwrap().guess;
        csv::import(&mut back, &text, &m, Lang::Fr, today(), now()).unwrap();
        let mut got: Vec<String> = journal::list_applications(&back, "").unwrap().into_iter().map(|a| a.company).collect();
        let mut want: Vec<String> = journal::list_applications(&conn, "").unwrap().into_iter().map(|a| a.company).collect();
        got.sort();
        want.sort();
        prop_assert_eq!(got, want);
        let cal = ics::export(&conn, Lang::En, NaiveTime::from_hms_opt(9, 0, 0).unwrap(), &Utc, now()).unwrap();
        prop_assert!(cal.starts_with("BEGIN:VCALENDAR"));
    }

    /// The date readers answer anything typed; a calendar day written `YYYY-MM-DD` is that day, and the same
    /// followed by anything but a time is not read as a day by the CSV importer.
    #[test]
    fn dates_are_read_or_refused_and_iso_days_are_themselves(
        text in ".{0,60}",
        day in 0i64..200_000,
        junk in "[a-zA-Z!?]{1,6}",
    ) {
        for lang in [Lang::Fr, Lang::En] {
            let _ = natural_date::parse(&text, today(), lang);
            let _ = natural_date::parse_ahead(&text, today(), lang);
        }
        let d = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(day as u64);
        let iso = d.format("%Y-%m-%d").to_string();
        prop_assert_eq!(natural_date::parse(&iso, today(), Lang::Fr).ok(), Some(d));
        prop_assert_eq!(natural_date::parse(&iso, today(), Lang::En).ok(), Some(d));
        prop_assert_eq!(csv::parse_date(&iso), Some(d));
        prop_assert_eq!(csv::parse_date(&format!("{iso}{junk}")), None);
    }

    /// The form's date reader (what every date field goes through: both languages, a date read two ways
    /// refused, none more than a year ahead) answers anything typed; a calendar day written `YYYY-MM-DD` up to a
    /// year ahead is that day, and past it is refused as too far ahead.
    #[test]
    fn the_forms_date_reader_answers_and_reads_iso_days_as_themselves(text in ".{0,60}", day in 0i64..60_000) {
        let mut c = crate::validate::Checker::new(today());
        let _ = c.date("a", &text, false);
        let _ = c.date_ahead("b", &text, true);
        let d = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(day as u64);
        let mut c = crate::validate::Checker::new(today());
        let read = c.date("a", &d.format("%Y-%m-%d").to_string(), true);
        let limit = today().checked_add_months(chrono::Months::new(12)).unwrap();
        prop_assert_eq!(read, (d <= limit).then_some(d));
        prop_assert_eq!(c.finish().is_ok(), d <= limit);
    }

    /// The JSON import's day check (by its digits, for speed) accepts exactly what reading the day with chrono
    /// and writing it back gives unchanged — what the journal's `date(x) IS x` rules accept — over years 0 to 9999
    /// (SQLite's `date()` reads no other).
    #[test]
    fn the_imports_day_check_is_chronos_round_trip(
        text in "[0-9+\\- ]{0,12}|.{0,12}",
        day in 0i64..3_652_425,
    ) {
        let chrono_day = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok_and(|d| d.format("%Y-%m-%d").to_string() == s)
        };
        prop_assert_eq!(json::is_day(&text), chrono_day(&text), "{:?}", text);
        let d = NaiveDate::from_ymd_opt(0, 1, 1).unwrap() + chrono::Days::new(day as u64);
        let iso = d.format("%Y-%m-%d").to_string();
        prop_assert_eq!(json::is_day(&iso), chrono_day(&iso), "{}", iso);
    }
}
