//! `cargo bench --bench journal_safety`: what keeping the journal safe costs, on journals of 1,000 and 10,000
//! applications (each with a person, an interview and a rejection with its plan): a backup's time and size,
//! the `quick_check` at open, opening the journal at start with the check against without it, and the JSON
//! export and import.
//! Prints numbers; asserts nothing about time.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, Utc};
use rebound::db::{self, backup};
use rebound::journal::{self, ApplicationInput, InterviewInput, OutcomeInput, PersonInput};
use rebound::plan::PlanOptions;

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn fill(dir: &std::path::Path, n: usize) {
    let mut conn = db::open_in(dir).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    conn.execute_batch("PRAGMA synchronous = OFF").unwrap(); // filling only; the app never does this
    for i in 0..n {
        let applied = today - chrono::Days::new(30 + (i % 300) as u64);
        let input = ApplicationInput {
            company: format!("Company {}", i % 700),
            role: format!("Data analyst {i}"),
            applied_on: applied.to_string(),
            lang: if i % 2 == 0 { "fr".into() } else { "en".into() },
            people: vec![PersonInput { name: format!("Person {i}"), ..Default::default() }],
            interviews: vec![InterviewInput {
                date: (applied + chrono::Days::new(7)).to_string(),
                format: "video".into(),
                met: vec![0],
                ..Default::default()
            }],
            ..Default::default()
        };
        let app = journal::save_application(&mut conn, &input, rebound::vocab::Lang::En, today, Utc::now()).unwrap();
        let outcome = OutcomeInput {
            application_id: app,
            outcome: "rejected".into(),
            date: (applied + chrono::Days::new(14)).to_string(),
            channel: "email".into(),
            reason: "We went with a candidate with more experience in the field.".into(),
            ..Default::default()
        };
        journal::log_outcome(&mut conn, &outcome, today, Utc::now(), PlanOptions::default()).unwrap();
    }
}

fn main() {
    for n in [1_000, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        fill(dir.path(), n);
        let size = std::fs::metadata(dir.path().join(db::DB_FILE)).unwrap().len();
        let backups = dir.path().join("backups");
        let conn = db::open_in(dir.path()).unwrap();
        let mut taken = None;
        let backup_time = median(5, || {
            taken = Some(backup::take(&conn, &backups, Some("{}"), backup::Reason::Manual, Utc::now()).unwrap());
        });
        drop(conn);
        let quick_check = median(5, || {
            let c = rusqlite::Connection::open(dir.path().join(db::DB_FILE)).unwrap();
            let v: String = c.query_row("PRAGMA quick_check", [], |r| r.get(0)).unwrap();
            assert_eq!(v, "ok");
        });
        let conn = db::open_in(dir.path()).unwrap();
        let mut text = String::new();
        let export_time = median(3, || {
            let doc = rebound::transfer::json::export(&conn, None, Utc::now()).unwrap();
            text = serde_json::to_string_pretty(&doc).unwrap();
        });
        drop(conn);
        let import_time = median(3, || {
            let target = tempfile::tempdir().unwrap();
            let mut fresh = db::open_in(target.path()).unwrap();
            let doc = rebound::transfer::json::parse(&text).unwrap();
            assert!(rebound::transfer::json::import(&mut fresh, &doc).unwrap().restore);
        });
        println!(
            "{n:>6} applications: JSON export {:.0} ms ({:.1} MB), import into an empty journal {:.0} ms",
            export_time.as_secs_f64() * 1e3,
            text.len() as f64 / 1e6,
            import_time.as_secs_f64() * 1e3,
        );
        let open_checked = median(5, || drop(db::open_or_recover(dir.path(), Utc::now()).unwrap()));
        let open_plain = median(5, || drop(db::open_in(dir.path()).unwrap()));
        let b = taken.unwrap();
        println!(
            "{n:>6} applications: journal {:.1} MB | backup {:.0} ms, {:.1} MB, {} applications | quick_check {:.0} ms | \
             open at start: {:.1} ms with the check, {:.1} ms without",
            size as f64 / 1e6,
            backup_time.as_secs_f64() * 1e3,
            b.size as f64 / 1e6,
            b.applications,
            quick_check.as_secs_f64() * 1e3,
            open_checked.as_secs_f64() * 1e3,
            open_plain.as_secs_f64() * 1e3,
        );
    }
}
