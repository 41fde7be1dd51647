//! The exported files read by independent programs: Python's `csv` module and Python's `icalendar` package
//! (Debian's `python3-icalendar`, installed by `scripts/setup.sh --test`).

use std::process::Command;

use chrono::{DateTime, NaiveTime};
use serde_json::Value;

/// Runs a Python snippet on a file and returns what it printed as JSON.
fn python(script: &str, file: &std::path::Path) -> Value {
    let out = Command::new("/usr/bin/python3")
        .args(["-c", script])
        .arg(file)
        .output()
        .expect("/usr/bin/python3 (scripts/setup.sh --test installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON from the script")
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "reads the export with Debian's python3-icalendar (/usr/bin/python3), Linux only"
)]
fn pythons_csv_module_reads_the_export_cell_for_cell() {
    let mut conn = crate::db::open_in_memory().unwrap();
    let tricky = "Procter & Gamble, \"P&G\"";
    crate::transfer::json::tests::full(&mut conn, tricky, "Analyste; données");
    let text = super::csv::export(&conn, crate::vocab::Lang::Fr).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.csv");
    std::fs::write(&path, &text).unwrap();
    let rows = python(
        "import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))))",
        &path,
    );
    assert_eq!(rows[0][0], "Entreprise", "header in the UI language");
    assert_eq!(rows[0][3], "Statut");
    assert_eq!(rows[1][0], tricky);
    assert_eq!(rows[1][1], "Analyste; données");
    assert_eq!(rows[1][2], "2026-10-01");
    assert_eq!(rows[1][3], "Refusée");
    assert_eq!(rows[1][5], "Marie Tremblay");
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert!(rows[1].as_array().unwrap().iter().all(|c| c.is_string()));
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "reads the export with Debian's python3-icalendar (/usr/bin/python3), Linux only"
)]
fn pythons_icalendar_parses_the_plan_with_its_uids_times_and_alarms() {
    let mut conn = crate::db::open_in_memory().unwrap();
    crate::transfer::json::tests::full(&mut conn, "Desjardins", "Analyste de données");
    let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z").unwrap().to_utc();
    let ics = super::ics::export(
        &conn,
        crate::vocab::Lang::En,
        NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        &chrono_tz::Europe::Paris,
        now,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rebound.ics");
    std::fs::write(&path, &ics).unwrap();
    let events = python(
        "import icalendar, json, sys\n\
         cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
         print(json.dumps([[str(e['UID']), e.decoded('DTSTART').isoformat(), str(e['SUMMARY']),\n\
                            [str(a['ACTION']) for a in e.walk('VALARM')]] for e in cal.walk('VEVENT')]))",
        &path,
    );
    let list = events.as_array().unwrap();
    let open: i64 = conn
        .query_row("SELECT count(*) FROM plan_steps WHERE status IN ('pending', 'missed')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(list.len() as i64, open);
    let check_in = list.iter().find(|e| e[2].as_str().unwrap().starts_with("Check-in")).expect("the check-in");
    let id: i64 = conn.query_row("SELECT id FROM plan_steps WHERE kind = 'check_in'", [], |r| r.get(0)).unwrap();
    assert_eq!(check_in[0], super::ics::uid(id));
    // 2027-01-18 at 9:00 in Paris (CET, UTC+1).
    assert_eq!(check_in[1], "2027-01-18T08:00:00+00:00");
    assert_eq!(check_in[2], "Check-in — Desjardins — Analyste de données");
    assert_eq!(check_in[3], serde_json::json!(["DISPLAY"]));
}
