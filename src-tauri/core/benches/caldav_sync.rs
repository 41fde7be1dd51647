//! The calendar sync's speed (issue 25: the time to sync 500 open steps to Radicale):
//! `cargo bench -p rebound-core --features test-server --bench caldav_sync`.
//!
//! A journal on disk holds 125 rejections of the last week, whose plans make 500 open steps (4 each); Debian's Radicale
//! runs on 127.0.0.1 (the test fixture: htpasswd, a storage folder in a temporary folder). Printed: the first
//! sync into a new calendar (500 events created), a sync with nothing changed (one listing, no write), a sync
//! after 10 steps were snoozed and 10 done (10 updated, 10 deleted), and after the server's storage was emptied
//! behind Rebound's back (500 written back). Each is the wall time the sync thread takes; the window never
//! waits for it. `REBOUND_BENCH_REJECTIONS=<n>` changes the 125.

use std::time::Instant;

use chrono::{Days, Local, NaiveDate, NaiveTime, Utc};
use rebound_core::caldav::radicale::Radicale;
use rebound_core::caldav::Client;
use rebound_core::caldav::{Condition, Item};
use rebound_core::calendar_sync::{self, Remote};
use rebound_core::journal::{self, ApplicationInput, OutcomeInput};
use rebound_core::plan::{act_on_step, PlanOptions, StepAction};
use rebound_core::vocab::Lang;
use rusqlite::Connection;

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn open_steps(conn: &Connection) -> Vec<i64> {
    let mut stmt = conn.prepare("SELECT id FROM plan_steps WHERE status IN ('pending', 'missed') ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// The client, with the time of each write kept: where the time goes (the server's side grows with the calendar).
struct Timed<'a> {
    client: &'a Client,
    puts: std::cell::RefCell<Vec<f64>>,
}

impl Remote for Timed<'_> {
    fn list(&self, calendar: &str) -> rebound_core::caldav::Result<Vec<Item>> {
        self.client.list(calendar)
    }
    fn put(&self, href: &str, ics: &str, condition: Condition) -> rebound_core::caldav::Result<Option<String>> {
        let start = Instant::now();
        let out = self.client.put(href, ics, condition);
        self.puts.borrow_mut().push(start.elapsed().as_secs_f64() * 1000.0);
        out
    }
    fn delete(&self, href: &str, etag: Option<&str>) -> rebound_core::caldav::Result<()> {
        self.client.delete(href, etag)
    }
}

fn main() {
    let rejections: u64 = std::env::var("REBOUND_BENCH_REJECTIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(125);
    let dir = tempfile::tempdir().unwrap();
    let mut conn = rebound_core::db::open_in(dir.path()).unwrap();
    let today = Local::now().date_naive();
    for i in 0..rejections {
        let lang = if i % 2 == 0 { "fr" } else { "en" };
        let input = ApplicationInput {
            company: format!("Company {i}"),
            role: format!("Role {i}"),
            applied_on: ymd(today - Days::new(60)),
            lang: lang.into(),
            ..Default::default()
        };
        let app = journal::save_application(&mut conn, &input, Lang::En, today, Utc::now()).unwrap();
        let outcome = OutcomeInput {
            application_id: app,
            outcome: "rejected".into(),
            date: ymd(today - Days::new(1 + i % 7)),
            channel: "email".into(),
            ..Default::default()
        };
        journal::log_outcome(&mut conn, &outcome, today, Utc::now(), PlanOptions::default()).unwrap();
    }
    let steps = open_steps(&conn);
    let server = Radicale::start();
    let client = Client::new(server.account()).unwrap();
    let calendar = client.create_calendar("Rebound").unwrap();
    let time = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let run = |label: &str, conn: &Connection| {
        let timed = Timed { client: &client, puts: Default::default() };
        let start = Instant::now();
        let report = calendar_sync::sync(conn, &timed, &calendar.href, time, &Local, Utc::now()).unwrap();
        let took = start.elapsed();
        println!(
            "{label:<44} {:>8.0} ms   created {:>3}, updated {:>3}, deleted {:>3}, unchanged {:>3}, conflicts {:>3}",
            took.as_secs_f64() * 1000.0,
            report.created,
            report.updated,
            report.deleted,
            report.unchanged,
            report.conflicts
        );
        let puts = timed.puts.into_inner();
        if puts.len() >= 200 {
            let mean = |p: &[f64]| p.iter().sum::<f64>() / p.len() as f64;
            println!(
                "{:<44} first 100 writes {:.1} ms each, last 100 {:.1} ms each",
                "",
                mean(&puts[..100]),
                mean(&puts[puts.len() - 100..])
            );
        }
    };
    println!("{} open steps ({rejections} rejections), Radicale on 127.0.0.1", steps.len());
    run("first sync into a new calendar", &conn);
    run("again, nothing changed", &conn);
    for (i, step) in steps.iter().take(20).enumerate() {
        let (action, date) = if i % 2 == 0 { ("snooze", ymd(today + Days::new(30))) } else { ("done", String::new()) };
        let input = StepAction { step_id: *step, action: action.into(), date, ..Default::default() };
        act_on_step(&mut conn, &input, today, Utc::now()).unwrap();
    }
    run("after 10 snoozed and 10 done", &conn);
    for entry in walk(&server.storage()) {
        if entry.extension().is_some_and(|e| e == "ics") {
            std::fs::remove_file(entry).unwrap();
        }
    }
    run("the server's copy lost: everything written back", &conn);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
