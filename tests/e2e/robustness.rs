//! What happens when things go wrong: the app killed in the middle of saving.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::harness::{app_pids, data_dir, open_db, wait_until, App};

#[tokio::test]
async fn every_entry_reported_saved_survives_a_sigkill() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    let pids = app_pids(data.path());
    assert_eq!(pids.len(), 1, "one app process for this data folder: {pids:?}");

    // A burst of saves from the UI's own bridge, as fast as they can go; each id the app reports lands in
    // window.__saved. The script returns at once and the burst carries on.
    app.js(
        "window.__saved = [];
         (async () => {
           for (let i = 0; i < 100000; i++) {
             const id = await window.__TAURI_INTERNALS__.invoke('save_application', { input: {
               company: 'Burst ' + (i % 7), role: 'Role ' + i, appliedOn: '2026-01-15' } });
             window.__saved.push(id);
           }
         })();
         return true;",
        vec![],
    )
    .await;

    // Once a good number are reported saved, read the list and kill the app at once, mid-burst.
    let deadline = Instant::now() + Duration::from_secs(60);
    let reported: Vec<i64> = loop {
        let saved = app.js("return window.__saved", vec![]).await;
        let ids: Vec<i64> = saved.as_array().unwrap().iter().filter_map(Value::as_i64).collect();
        if ids.len() >= 40 {
            for pid in &pids {
                let _ = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status();
            }
            break ids;
        }
        assert!(Instant::now() < deadline, "the burst reported only {} saves", ids.len());
    };
    wait_until("the killed app to be gone", || app_pids(data.path()).is_empty());
    app.stop().await;

    {
        let db = rusqlite::Connection::open(data.path().join("rebound.sqlite3")).unwrap();
        let check: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
    }
    let db = open_db(data.path());
    let mut stmt = db.prepare("SELECT 1 FROM applications WHERE id = ?1").unwrap();
    let missing: Vec<i64> = reported.iter().copied().filter(|id| !stmt.exists([id]).unwrap()).collect();
    assert!(missing.is_empty(), "reported saved but lost: {missing:?} of {}", reported.len());
    let applied_events: i64 = db
        .query_row("SELECT count(*) FROM applications a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id AND e.kind = 'applied')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(applied_events, 0, "no application without its 'applied' event: writes are atomic");
    drop(stmt);
    drop(db);

    // And the app starts again on that file and lists them.
    let app = App::start(data.path()).await;
    // The list counts every application (it draws them a hundred at a time).
    let count = app.text(".count").await;
    let listed: usize = count.trim_start_matches("Shown: ").parse().unwrap_or_else(|_| panic!("{count}"));
    assert!(listed >= reported.len(), "{listed} listed for {} saved", reported.len());
    let rows = app.js("return document.querySelectorAll('.app-row').length", vec![]).await;
    assert_eq!(rows, json!(listed.min(100)));
    app.stop().await;
}
