//! A journal to keep for years: a damaged file at start, a restore from the settings view, one process per data
//! folder, and the French interface read once its strings are filled (the plan in the window, the tray over D-Bus).

use std::process::{Command, Stdio};

use chrono::{Days, Local, NaiveDate};

use crate::desktop::{exit_of, launch, the_app, tray_click, tray_menu, tray_of};
use crate::harness::{app_pids, data_dir, open_db, wait_until, App, APP};
use crate::journal::long_date;

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn days_ago(n: u64) -> NaiveDate {
    Local::now().date_naive() - Days::new(n)
}

/// Adds an application through the window (English labels).
async fn add(app: &App, company: &str) {
    app.click("New application").await;
    app.fill("Company", company).await;
    app.fill("Role", "Analyst").await;
    app.fill("Applied on", &ymd(days_ago(5))).await;
    app.click("Save").await;
    app.wait_css("article.detail").await;
}

/// Settings → "Back up now", and waits for the confirmation.
async fn back_up_now(app: &App) {
    app.click("Settings").await;
    app.click("Back up now").await;
    app.wait_xpath("//p[@class='saved' and .='Backup saved.']").await;
}

#[tokio::test]
async fn a_damaged_journal_is_kept_aside_and_the_newest_backup_restored_with_a_notice() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    add(&app, "Keepsake Inc").await;
    back_up_now(&app).await;
    app.stop().await;

    // The file is overwritten with something that is not a database (a disk error, a bad sync tool…).
    let db = data.path().join("rebound.sqlite3");
    for side in ["rebound.sqlite3-wal", "rebound.sqlite3-shm"] {
        let _ = std::fs::remove_file(data.path().join(side));
    }
    let garbage: Vec<u8> = (0..16_384u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&db, &garbage).unwrap();

    let app = App::start(data.path()).await;
    let notice = app.text("#notice").await;
    assert!(notice.starts_with("Your journal was damaged, so Rebound replaced it with the backup from"), "{notice}");
    let damaged: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("rebound-damaged-"))
        .collect();
    assert_eq!(damaged.len(), 1, "{damaged:?}");
    assert!(notice.contains(&damaged[0].display().to_string()), "the notice says where: {notice}");
    assert_eq!(std::fs::read(&damaged[0]).unwrap(), garbage, "kept as it was, never deleted");
    assert!(app.text(".app-row").await.contains("Keepsake Inc"), "the journal came back from the backup");
    app.stop().await;
    let n: i64 = open_db(data.path()).query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
}

/// The recovery drill: thirty applications saved, the session ended by SIGTERM (a logout), garbage written over
/// the file's pages (a disk error), a start at login (`--hidden`), then the window. The journal comes back whole
/// from the backup taken at the end, the hidden start says so in a notification and the tray, and the window
/// shows the notice it was kept for.
#[tokio::test]
async fn after_a_logout_and_a_damaged_disk_the_journal_comes_back_whole_and_the_user_is_told() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    // Through the window's own bridge, one save after the other, as thirty uses of the form would.
    let saved = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             (async () => {
               const ids = [];
               for (let i = 0; i < 30; i++) {
                 ids.push(await window.__TAURI_INTERNALS__.invoke('save_application', { input: {
                   company: 'Drill ' + i, role: 'Analyst', appliedOn: '2026-10-01' } }));
               }
               done(ids.length);
             })().catch(e => done(String(e)));",
            vec![],
        )
        .await
        .expect("the saves run");
    assert_eq!(saved.as_i64(), Some(30));
    let pids = app_pids(data.path());
    assert_eq!(pids.len(), 1, "{pids:?}");
    // No backup was asked for: what comes back must be the one taken as the session ends.
    let _ = Command::new("kill").args(["-TERM", &pids[0].to_string()]).status();
    wait_until("the app to end on SIGTERM", || app_pids(data.path()).is_empty());
    app.stop().await;

    let db = data.path().join("rebound.sqlite3");
    for side in ["rebound.sqlite3-wal", "rebound.sqlite3-shm"] {
        let _ = std::fs::remove_file(data.path().join(side));
    }
    // Everything after the 100-byte header overwritten: the file still says SQLite, its pages are garbage.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes.resize(bytes.len().max(16_384), 0);
    for (i, b) in bytes.iter_mut().enumerate().skip(100) {
        *b = (i * 31 % 253) as u8;
    }
    std::fs::write(&db, &bytes).unwrap();

    // At login: no window, so a notification and the tray tell it.
    let hidden = launch(data.path(), &["--hidden"]);
    let pid = the_app(data.path());
    let damaged = data.path().join("rebound-damaged-");
    let mut told = Vec::new();
    wait_until("the recovery's notification", || {
        told = crate::desktop::notifications_about(&damaged.display().to_string());
        !told.is_empty()
    });
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].0, "Your journal was damaged");
    let (bus, menu) = tray_of(pid);
    wait_until("the tray's recovery line", || {
        tray_menu(&bus, &menu).iter().any(|(_, l)| l == "Your journal was damaged: see what happened")
    });
    tray_click(&bus, &menu, "Quit");
    assert!(exit_of(hidden, "the hidden app after Quit").success());
    assert!(data.path().join("recovery-notice.json").exists(), "the notice waits for a window");

    // Then the window: the notice, and all thirty applications.
    let app = App::start(data.path()).await;
    let notice = app.text("#notice").await;
    assert!(notice.starts_with("Your journal was damaged, so Rebound replaced it with the backup from"), "{notice}");
    app.click("Applications").await;
    app.wait_css(".app-row").await;
    let rows = app.js("return document.querySelectorAll('.app-row').length", vec![]).await;
    assert_eq!(rows.as_i64(), Some(30), "every application saved before the logout is back");
    wait_until("the notice's file to go once shown", || !data.path().join("recovery-notice.json").exists());
    app.stop().await;
    let n: i64 = open_db(data.path()).query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 30);
}

#[tokio::test]
async fn a_backup_is_restored_from_the_settings_view_after_a_confirmation() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    add(&app, "Before Co").await;
    back_up_now(&app).await;
    add(&app, "After Co").await;

    app.click("Settings").await;
    let row = app.wait_xpath("//tr[td[.='At your request']]").await;
    assert!(row.text().await.unwrap().contains('1'), "one application in that backup");
    row.find(fantoccini::Locator::Css("button")).await.unwrap().click().await.unwrap();
    // Nothing happens before the user confirms.
    let question = app.text(".confirm p").await;
    assert!(question.starts_with("Replace your journal with the backup from"), "{question}");
    app.click("Yes, restore it").await;
    app.wait_xpath("//div[@id='notice' and starts-with(., 'The backup was restored.')]").await;
    app.click("Applications").await;
    app.wait_css(".app-row").await;
    let rows = app.js("return [...document.querySelectorAll('.app-row')].map(r => r.textContent)", vec![]).await;
    let rows: Vec<String> = serde_json::from_value(rows).unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("Before Co"), "{rows:?}");
    app.stop().await;
    let companies: i64 = open_db(data.path())
        .query_row(
            "SELECT count(*) FROM applications a JOIN companies c ON c.id = a.company_id WHERE c.name = 'After Co'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(companies, 0);
    let kept = std::fs::read_dir(data.path().join("backups"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with("-before-restore.sqlite3"))
        .count();
    assert_eq!(kept, 1, "the journal as it was before the restore is a backup of its own");
}

#[tokio::test]
async fn one_data_folder_spelt_two_ways_is_one_process_even_without_d_bus() {
    let data = data_dir();
    let first = launch(data.path(), &["--hidden"]);
    let pid = the_app(data.path());
    let (bus, menu) = tray_of(pid);

    // "/d/" is "/d": the second launch hands over to the first and exits.
    let slash = format!("{}/", data.path().display());
    let second = Command::new(APP)
        .arg("--hidden")
        .env("REBOUND_DATA_DIR", &slash)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    assert!(exit_of(second, "the second launch").success());

    // With no D-Bus session the single-instance hand-over cannot happen; the folder's lock still keeps a
    // second process away from the journal: it says why and exits with status 3.
    let third = Command::new(APP)
        .arg("--hidden")
        .env("REBOUND_DATA_DIR", &slash)
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = third.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Rebound is already open with this data folder"));
    assert_eq!(app_pids(data.path()), vec![pid], "the first one is untouched");
    tray_click(&bus, &menu, "Quit");
    assert!(exit_of(first, "the app after Quit").success());
}

#[tokio::test]
async fn in_french_the_plan_reads_prevue_le_and_the_tray_1_suivi_a_faire() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), &[("LANG", "fr_CA.UTF-8"), ("LC_ALL", "fr_CA.UTF-8")]).await;
    app.click("Nouvelle candidature").await;
    app.fill("Entreprise", "Caisse Populaire").await;
    app.fill("Poste", "Analyste").await;
    app.fill("Date de la candidature", &ymd(days_ago(120))).await;
    app.click("Enregistrer").await;
    app.wait_css("article.detail").await;
    app.click("Noter un résultat").await;
    app.fill("Date", &ymd(days_ago(91))).await;
    app.click("Enregistrer le résultat").await;

    // The check-in fell due yesterday (91 days after the rejection, 90 of delay).
    let when = app.text("li.step[data-kind='check_in'] .when").await;
    assert_eq!(when, format!("Prévue le {}", long_date(days_ago(1), "fr")));
    let pid = app_pids(data.path())[0];
    let (bus, menu) = tray_of(pid);
    wait_until("the tray to read «1 suivi à faire»", || {
        tray_menu(&bus, &menu).iter().any(|(_, l)| l == "1 suivi à faire")
    });
    app.stop().await;
}

#[tokio::test]
async fn deleting_an_application_asks_first_clears_the_tray_and_undo_brings_it_all_back() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    app.click("New application").await;
    app.fill("Company", "Gone & Back").await;
    app.fill("Role", "Data analyst").await;
    app.fill("Applied on", &ymd(days_ago(120))).await;
    app.click("Save").await;
    app.wait_css("article.detail").await;
    app.click("Log outcome").await;
    app.fill("Date", &ymd(days_ago(91))).await;
    app.click("Save outcome").await;
    app.wait_css("li.step[data-kind='check_in']").await;
    let pid = app_pids(data.path())[0];
    let (bus, menu) = tray_of(pid);
    let labels = || tray_menu(&bus, &menu).into_iter().map(|(_, l)| l).collect::<Vec<_>>();
    wait_until("the tray to show the due check-in", || labels().contains(&"1 follow-up due".to_owned()));

    // Asked first; "Cancel" keeps everything.
    app.click("Delete application").await;
    let q = app.text(".confirm p").await;
    assert!(q.starts_with("Delete this application, with its timeline, plan and reflections?"), "{q}");
    app.click("Cancel").await;
    app.wait_css("article.detail").await;
    assert_eq!(
        open_db(data.path()).query_row("SELECT count(*) FROM applications", [], |r| r.get::<_, i64>(0)).unwrap(),
        1
    );

    let steps =
        || open_db(data.path()).query_row("SELECT count(*) FROM plan_steps", [], |r| r.get::<_, i64>(0)).unwrap();
    let planned = steps();
    assert!(planned >= 4, "{planned}");
    app.click("Delete application").await;
    app.click("Delete").await;
    let toast = app.text("#toast span").await;
    assert_eq!(toast, "Application deleted: Gone & Back — Data analyst.");
    wait_until("the tray to clear", || labels().contains(&"No follow-up due".to_owned()));
    assert_eq!(steps(), 0, "its plan is gone from the journal file");

    app.click("Undo").await;
    app.wait_css("article.detail").await;
    assert_eq!(app.text("article.detail .company").await, "Gone & Back");
    app.wait_css("li.step[data-kind='check_in']").await;
    wait_until("the tray to show it again", || labels().contains(&"1 follow-up due".to_owned()));
    assert_eq!(steps(), planned, "the whole plan is back");
    app.stop().await;
}

#[tokio::test]
async fn version_and_help_answer_on_the_command_line_without_a_window_or_a_journal() {
    let data = data_dir();
    for arg in ["--version", "-V"] {
        let out = Command::new(APP)
            .arg(arg)
            .env("REBOUND_DATA_DIR", data.path())
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .output()
            .expect("run the app");
        assert!(out.status.success(), "{arg}: {:?}", out.status);
        assert_eq!(String::from_utf8(out.stdout).unwrap(), format!("Rebound {}\n", env!("CARGO_PKG_VERSION")), "{arg}");
    }
    let out = Command::new(APP)
        .arg("--help")
        .env("REBOUND_DATA_DIR", data.path())
        .env("LANG", "fr_CA.UTF-8")
        .env("LC_ALL", "fr_CA.UTF-8")
        .output()
        .expect("run the app");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("--hidden") && help.contains("afficher la version et quitter"), "{help}");
    // Nothing was opened: no journal, no lock, no log in the data folder.
    let left: Vec<_> = std::fs::read_dir(data.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "{left:?}");
}
