//! Export and import through the real GTK file dialog (issue 21): the JSON export restored into a fresh data
//! folder, the CSV export imported into another, the ICS export read by an independent iCalendar parser.
//!
//! The recipe (docs/TESTING.md): the dialog is a GTK window of the app's own process, titled with the
//! action's words. Without a window manager nobody gives it the keyboard, so the test finds it by its title with
//! `xdotool search --sync --name`, gives it the focus with `windowfocus --sync`, then types as a person would: in a
//! save dialog the name field has the focus (Ctrl+A, the whole path, Enter); in an open dialog Ctrl+L opens the
//! location field (the path, Enter).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use chrono::{Days, Local, Utc};

use crate::harness::{answer_dialog, data_dir, open_db, wait_until, App};
use rebound::journal::{self, ApplicationInput, OutcomeInput};
use rebound::vocab::Lang;

/// A journal of three applications, one of them rejected (so it has a plan), saved through the domain.
fn seed(data: &Path) -> i64 {
    let mut conn = rebound::db::open_in(data).expect("open the journal");
    let today = Local::now().date_naive();
    let day = |n: u64| (today - Days::new(n)).format("%Y-%m-%d").to_string();
    let mut ids = Vec::new();
    for (company, role, ago) in [
        ("Desjardins", "Analyste de données", 40),
        ("Shopify", "Support engineer", 20),
        ("Cirrus, Inc.", "QA \"lead\"", 10),
    ] {
        let input =
            ApplicationInput { company: company.into(), role: role.into(), applied_on: day(ago), ..Default::default() };
        ids.push(journal::save_application(&mut conn, &input, Lang::Fr, today, Utc::now()).unwrap());
    }
    let rejected = OutcomeInput {
        application_id: ids[0],
        outcome: "rejected".into(),
        date: day(5),
        channel: "email".into(),
        reason: "Candidature interne".into(),
        ..Default::default()
    };
    journal::log_outcome(&mut conn, &rejected, today, Utc::now(), Default::default()).unwrap();
    conn.query_row("SELECT count(*) FROM plan_steps WHERE status IN ('pending', 'missed')", [], |r| r.get(0)).unwrap()
}

/// Clicks `button` in Settings, answers its dialog with `path`, and waits for the line that says it was saved.
pub(crate) async fn export(app: &App, button: &str, path: &Path) {
    app.click(button).await;
    answer_dialog(button, path, true);
    app.wait_xpath(&format!("//p[@role='status' and .='Saved to {}.']", path.display())).await;
}

fn count(data: &Path, sql: &str) -> i64 {
    open_db(data).query_row(sql, [], |r| r.get(0)).unwrap()
}

#[tokio::test]
async fn a_journal_goes_out_and_comes_back_through_the_real_file_dialog() {
    let (first, out) = (data_dir(), data_dir());
    let open_steps = seed(first.path());
    let app = App::start(first.path()).await;
    app.click("Settings").await;
    let (json, csv, ics) =
        (out.path().join("journal.json"), out.path().join("applications.csv"), out.path().join("plan.ics"));
    export(&app, "Export everything (JSON)", &json).await;
    export(&app, "Export applications (CSV)", &csv).await;
    export(&app, "Export follow-ups to a calendar (ICS)", &ics).await;
    app.stop().await;
    for file in [&json, &csv, &ics] {
        let mode = std::fs::metadata(file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{} is readable by others: {mode:o}", file.display());
    }

    // The calendar, read by another program's parser (Debian's python3-icalendar, so the system's Python, not
    // whichever one comes first in PATH): one event per open follow-up.
    let events = Command::new("/usr/bin/python3")
        .args([
            "-c",
            "import sys, icalendar; c = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read()); \
             print(len(c.walk('VEVENT')))",
        ])
        .arg(&ics)
        .output()
        .expect("python3 runs");
    assert!(events.status.success(), "{}", String::from_utf8_lossy(&events.stderr));
    assert_eq!(String::from_utf8_lossy(&events.stdout).trim(), open_steps.to_string());

    // The JSON file restored into an empty journal: everything comes back.
    let second = data_dir();
    let app = App::start(second.path()).await;
    app.click("Settings").await;
    app.click("Import a Rebound file").await;
    answer_dialog("Import a Rebound file", &json, false);
    app.wait_xpath("//p[.='File: journal.json']").await;
    app.click("Import").await;
    app.wait_xpath("//div[@id='notice' and starts-with(., 'Import done.')]").await;
    app.stop().await;
    for table in ["applications", "events", "plan_steps", "companies"] {
        let sql = format!("SELECT count(*) FROM {table}");
        assert_eq!(count(second.path(), &sql), count(first.path(), &sql), "{table}");
    }

    // The CSV file imported into another: the three applications, commas and quotes intact.
    let third = data_dir();
    let app = App::start(third.path()).await;
    app.click("Settings").await;
    app.click("Import applications from a CSV").await;
    answer_dialog("Import applications from a CSV", &csv, false);
    app.click("Import 3 applications").await;
    app.wait_xpath("//div[@id='notice' and starts-with(., '3 applications imported.')]").await;
    app.stop().await;
    let mut names: Vec<(String, String)> = open_db(third.path())
        .prepare("SELECT c.name, a.role FROM applications a JOIN companies c ON c.id = a.company_id ORDER BY c.name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ("Cirrus, Inc.".to_owned(), "QA \"lead\"".to_owned()),
            ("Desjardins".to_owned(), "Analyste de données".to_owned()),
            ("Shopify".to_owned(), "Support engineer".to_owned()),
        ]
    );
    wait_until("nothing left running", || crate::harness::app_pids(third.path()).is_empty());
}
