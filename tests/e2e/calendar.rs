//! The plan in the user's own calendar over CalDAV (issue 25), in the real window, against a real CalDAV server
//! (Debian's Radicale on 127.0.0.1, started by the test) and the real Secret Service (gnome-keyring, started by
//! `scripts/session-inner.sh`). The calendar is read back by another client (Debian's python3-caldav,
//! `tests/e2e/calendar/read.py`), not by Rebound's.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Days, Local, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::harness::{app_pids, data_dir, open_db, App};
use rebound::caldav::radicale::Radicale;
use rebound::journal::{self, ApplicationInput, OutcomeInput};
use rebound::plan::PlanOptions;
use rebound::vocab::Lang;

const PASSWORD_LABEL: &str = "Password or app password";

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// One French application rejected five days ago, through the domain (as the forms would): its plan is open.
fn seed(data: &Path) {
    let mut conn = rebound::db::open_in(data).expect("open the journal");
    let input = ApplicationInput {
        company: "Hydro-Québec".into(),
        role: "Analyste de données".into(),
        applied_on: ymd(today() - Days::new(40)),
        lang: "fr".into(),
        ..Default::default()
    };
    let app = journal::save_application(&mut conn, &input, Lang::Fr, today(), Utc::now()).unwrap();
    let outcome = OutcomeInput {
        application_id: app,
        outcome: "rejected".into(),
        date: ymd(today() - Days::new(5)),
        channel: "email".into(),
        ..Default::default()
    };
    journal::log_outcome(&mut conn, &outcome, today(), Utc::now(), PlanOptions::default()).unwrap();
}

/// The open steps' ids, in order.
fn open_steps(data: &Path) -> Vec<i64> {
    let db = open_db(data);
    let mut stmt = db.prepare("SELECT id FROM plan_steps WHERE status IN ('pending', 'missed') ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

/// The calendar as another CalDAV client reads it: UID → (summary, start, alarms).
fn read_back(calendar: &str, user: &str, password: &str) -> BTreeMap<String, (String, String, u64)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/calendar/read.py");
    let out = std::process::Command::new("/usr/bin/python3")
        .arg(script)
        .args([calendar, user, password])
        .output()
        .expect("python3-caldav runs (scripts/setup.sh --test installs it)");
    assert!(out.status.success(), "read.py: {}", String::from_utf8_lossy(&out.stderr));
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    list.into_iter()
        .map(|e| {
            (
                e["uid"].as_str().unwrap().to_owned(),
                (
                    e["summary"].as_str().unwrap().to_owned(),
                    e["start"].as_str().unwrap().to_owned(),
                    e["alarms"].as_u64().unwrap(),
                ),
            )
        })
        .collect()
}

/// Waits (up to `patience`, looking every 200 ms) until the calendar read back satisfies `cond`.
fn wait_calendar(
    what: &str,
    patience: Duration,
    read: impl Fn() -> BTreeMap<String, (String, String, u64)>,
    cond: impl Fn(&BTreeMap<String, (String, String, u64)>) -> bool,
) -> BTreeMap<String, (String, String, u64)> {
    let deadline = Instant::now() + patience;
    loop {
        let now = read();
        if cond(&now) {
            return now;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}: {now:#?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn uid(step: i64) -> String {
    format!("step-{step}@rebound.org.rebound.Rebound")
}

/// Acts on a step through the window's own bridge (what the plan's buttons call).
async fn act(app: &App, step: i64, action: &str, date: &str) {
    let done = app
        .js(
            "const [stepId, action, date, ok] = arguments;
             return window.__TAURI_INTERNALS__.invoke('act_on_step',
               { input: { stepId, action, date, channel: '', personId: null } }).then(() => ok, (e) => e.message);",
            vec![json!(step), json!(action), json!(date), json!("ok")],
        )
        .await;
    assert_eq!(done, json!("ok"), "{action} step {step}");
}

/// Waits until the element matching `css` shows text containing `needle`.
async fn wait_text(app: &App, css: &str, needle: &str, patience: Duration) {
    let deadline = Instant::now() + patience;
    loop {
        let text = app
            .js("const el = document.querySelector(arguments[0]); return el ? el.textContent : ''", vec![json!(css)])
            .await;
        let text = text.as_str().unwrap_or_default().to_owned();
        if text.contains(needle) {
            return;
        }
        assert!(Instant::now() < deadline, "{css} never showed {needle:?}: {text:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The pids of `pids` and every process below them (the web content and network processes).
fn with_children(pids: &[u32]) -> Vec<u32> {
    let mut all: Vec<u32> = pids.to_vec();
    let mut grew = true;
    while grew {
        grew = false;
        for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            // The parent is the second field after the command name, which is in parentheses.
            let ppid = stat.rsplit(')').next().and_then(|rest| rest.split_whitespace().nth(1)?.parse::<u32>().ok());
            if ppid.is_some_and(|p| all.contains(&p)) && !all.contains(&pid) {
                all.push(pid);
                grew = true;
            }
        }
    }
    all
}

/// The port of WebKit's automation channel in process `pid` (`WEBKIT_INSPECTOR_SERVER`, set by WebKitWebDriver
/// when it starts the app for these tests; the app connects to it): WebDriver's own way into the window, which
/// users never have.
fn automation_port(pid: u32) -> Option<u16> {
    let env = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    let var = env.split(|b| *b == 0).find_map(|kv| kv.strip_prefix(b"WEBKIT_INSPECTOR_SERVER="))?;
    String::from_utf8_lossy(var).rsplit(':').next()?.parse().ok()
}

/// The Internet sockets (TCP or UDP, v4 or v6) the processes hold, as lines of `/proc/net/*`, but those of
/// WebDriver's automation channel (either end on port `automation`).
fn inet_sockets(pids: &[u32], automation: Option<u16>) -> Vec<String> {
    let mut inodes = HashSet::new();
    for pid in pids {
        for fd in std::fs::read_dir(format!("/proc/{pid}/fd")).into_iter().flatten().flatten() {
            let target = std::fs::read_link(fd.path()).unwrap_or_default().to_string_lossy().into_owned();
            if let Some(inode) = target.strip_prefix("socket:[").and_then(|s| s.strip_suffix(']')) {
                inodes.insert(inode.to_owned());
            }
        }
    }
    assert!(!inodes.is_empty(), "the app holds sockets (D-Bus, X11): the check must see them to mean anything");
    let mut found = Vec::new();
    for table in ["tcp", "tcp6", "udp", "udp6"] {
        let text = std::fs::read_to_string(format!("/proc/net/{table}")).unwrap_or_default();
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let port = |i: usize| fields.get(i).and_then(|a| u16::from_str_radix(a.rsplit(':').next()?, 16).ok());
            if automation.is_some() && (port(1) == automation || port(2) == automation) {
                continue;
            }
            if fields.get(9).is_some_and(|inode| inodes.contains(*inode)) {
                found.push(format!("{table}: {line}"));
            }
        }
    }
    found
}

#[tokio::test]
async fn the_plan_goes_to_the_users_calendar_follows_every_change_and_waits_out_a_server_away() {
    let data = data_dir();
    seed(data.path());
    let steps = open_steps(data.path());
    assert!(steps.len() >= 3, "{steps:?}");
    let mut server = Radicale::start();
    let app = App::start(data.path()).await;

    // Off by default: after start-up and a look at the plan and the settings, not one Internet socket.
    app.click("Settings").await;
    app.wait_css("#calendar-sync form").await;
    let app_pid = app_pids(data.path());
    let automation = automation_port(app_pid[0]);
    assert!(automation.is_some(), "the automation server's port is known, so only it is left out");
    let pids = with_children(&app_pid);
    assert_eq!(inet_sockets(&pids, automation), Vec::<String>::new(), "with the calendar off, Rebound opens no socket");

    // A wrong password: the server's refusal, in words, beside the password.
    app.fill("Server address", &server.url).await;
    app.fill("User name", &server.user).await;
    app.fill(PASSWORD_LABEL, "not-the-password").await;
    app.click("Test the connection").await;
    let password_field = app.field(PASSWORD_LABEL).await;
    let err_id = format!("{}-err", password_field.attr("id").await.unwrap().unwrap());
    wait_text(&app, &format!("#{err_id}"), "refused this user name and password", Duration::from_secs(20)).await;

    // The right one: the calendars are offered (none yet on this server), a new "Rebound" one is made.
    app.fill(PASSWORD_LABEL, &server.password).await;
    app.click("Test the connection").await;
    app.choose("Calendar for your follow-ups", "A new calendar named “Rebound”").await;
    app.click("Turn on").await;
    app.wait_css(".calendar-where").await;

    // The settings file knows the calendar, not the password; the keyring holds the password.
    let settings: Value =
        serde_json::from_str(&std::fs::read_to_string(data.path().join("settings.json")).unwrap()).unwrap();
    let calendar = settings["calendar"]["calendar"].as_str().expect("the chosen calendar's address").to_owned();
    assert!(settings["calendar"]["enabled"].as_bool().unwrap());
    let kept = std::process::Command::new("secret-tool")
        .args(["lookup", "service", "org.rebound.Rebound.caldav"])
        .output()
        .expect("secret-tool runs (libsecret-tools)");
    assert_eq!(String::from_utf8_lossy(&kept.stdout), server.password, "the password is in the Secret Service");

    // Every open step is an event with its alarm, worded in the application's language.
    let (user, password) = (server.user.clone(), server.password.clone());
    let read = || read_back(&calendar, &user, &password);
    let events = wait_calendar("every open step", Duration::from_secs(20), read, |e| e.len() == steps.len());
    for step in &steps {
        let (summary, _, alarms) = &events[&uid(*step)];
        assert!(summary.contains("Hydro-Québec — Analyste de données"), "{summary}");
        assert_eq!(*alarms, 1, "{summary}");
    }
    assert!(events.values().any(|e| e.0.starts_with("Prise de nouvelles")), "{events:#?}");

    // A snooze moves its event; done deletes it.
    let later = today() + Days::new(30);
    act(&app, steps[0], "snooze", &ymd(later)).await;
    act(&app, steps[1], "done", "").await;
    let moved = wait_calendar("the snooze and the done", Duration::from_secs(20), read, |e| {
        !e.contains_key(&uid(steps[1])) && e.get(&uid(steps[0])).is_some_and(|s| s.1.starts_with(&ymd(later)))
    });
    assert_eq!(moved.len(), steps.len() - 1);

    // The server goes away: the change waits in the journal, the status line says so.
    server.stop();
    let further = today() + Days::new(45);
    act(&app, steps[2], "snooze", &ymd(further)).await;
    app.click("Settings").await;
    wait_text(&app, ".calendar-error", "No server answers", Duration::from_secs(20)).await;
    wait_text(&app, ".calendar-pending", "1 change waiting", Duration::from_secs(20)).await;

    // It comes back: Rebound tries again on its own (5 s, then 10 s, 20 s…) and the calendar is in step.
    server.restart();
    wait_calendar("the change made while the server was away", Duration::from_secs(90), read, |e| {
        e.get(&uid(steps[2])).is_some_and(|s| s.1.starts_with(&ymd(further)))
    });
    wait_text(&app, ".calendar-pending", "every open step", Duration::from_secs(20)).await;
    show_calendar_section(&app).await;
    crate::screenshot::keep(&app, "calendar.png").await;

    // The JSON export, through the real save dialog: the settings go, the calendar's account does not.
    let out = data_dir();
    let file = out.path().join("journal.json");
    crate::files::export(&app, "Export everything (JSON)", &file).await;
    let text = std::fs::read_to_string(&file).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert!(doc["settings"].is_object(), "the export carries the settings");
    assert!(doc["settings"].get("calendar").is_none(), "{}", doc["settings"]);
    assert!(!text.contains(&server.url) && !text.contains(&server.password), "the account stays on this machine");
    // The same card in French (the language picked in Settings).
    let switched = app
        .js(
            "return window.__TAURI_INTERNALS__.invoke('save_settings', { settings: { language: 'fr' } }).then(() => 'ok', (e) => e.message)",
            vec![],
        )
        .await;
    assert_eq!(switched, json!("ok"));
    // A new start of the page reads the strings of the new language (what the settings form's save does).
    app.js("location.hash = '#/settings'; location.reload(); return 0", vec![]).await;
    wait_text(&app, ".calendar-pending", "toutes les étapes ouvertes", Duration::from_secs(20)).await;
    show_calendar_section(&app).await;
    crate::screenshot::keep(&app, "calendar-fr.png").await;

    // Nowhere in the data folder (journal, settings, backups, log) is the password written.
    for entry in walk(data.path()) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        let hay = String::from_utf8_lossy(&bytes);
        assert!(!hay.contains(&server.password), "the password is in {}", entry.display());
    }
    app.stop().await;
}

/// Scrolls the calendar card to the top of the window.
async fn show_calendar_section(app: &App) {
    app.js("document.getElementById('calendar-sync').scrollIntoView({ block: 'start' }); return 0", vec![]).await;
}

/// Every file below `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
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
