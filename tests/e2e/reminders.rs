//! Reminders on the real desktop session: notifications in dunst, the tray read and clicked over D-Bus,
//! closing to the tray, `--hidden`, and a second launch.

use std::time::{Duration, Instant};

use chrono::{Days, Local};

use crate::desktop::{
    children, exit_of, invoke_action, launch, notifications, notifications_about, the_app, tray_click, tray_menu,
    tray_of,
};
use crate::harness::{app_pids, data_dir, open_db, wait_until, App};

fn days_ago(n: u64) -> String {
    (Local::now().date_naive() - Days::new(n)).format("%Y-%m-%d").to_string()
}

const EN: &[(&str, &str)] = &[("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")];

/// Adds `company` and logs a rejection 91 days ago through the UI: its check-in fell due yesterday.
async fn rejected_91_days_ago(app: &App, company: &str) -> Instant {
    app.click("New application").await;
    app.fill("Company", company).await;
    app.fill("Role", "Data analyst").await;
    app.fill("Applied on", &days_ago(120)).await;
    app.click("Save").await;
    app.wait_css("article.detail").await;
    app.click("Log outcome").await;
    app.fill("Date", &days_ago(91)).await;
    app.click("Save outcome").await;
    let saved = Instant::now();
    app.wait_css("li.step[data-kind='check_in']").await;
    saved
}

/// A check-in for `company` that was notified once, with the app then stopped and the step marked as not yet
/// announced — as after a snooze ends, or when it fell due while the app was off.
async fn notified_then_unannounced(data: &std::path::Path, company: &str) {
    let app = App::start_with_env(data, EN).await;
    rejected_91_days_ago(&app, company).await;
    wait_until("the first notification", || notifications_about(company).len() == 1);
    app.stop().await;
    rusqlite::Connection::open(data.join("rebound.sqlite3"))
        .unwrap()
        .execute("UPDATE plan_steps SET reminded_at = NULL WHERE kind = 'check_in'", [])
        .unwrap();
}

/// Adds `company` (sent 10 days ago) and logs its rejection today through the UI, with the default date.
async fn rejected_today(app: &App, company: &str) {
    app.click("New application").await;
    app.fill("Company", company).await;
    app.fill("Role", "Analyst").await;
    app.fill("Applied on", &days_ago(10)).await;
    app.click("Save").await;
    app.click("Log outcome").await;
    app.click("Save outcome").await;
    app.wait_css("li.step[data-kind='check_in']").await;
}

fn labels(bus: &str, menu: &str) -> Vec<String> {
    tray_menu(bus, menu).into_iter().map(|(_, l)| l).collect()
}

#[tokio::test]
async fn a_due_check_in_notifies_once_shows_in_the_tray_and_snooze_all_clears_both() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), EN).await;
    let saved = rejected_91_days_ago(&app, "Notifycorp").await;

    wait_until("one notification about Notifycorp", || notifications_about("Notifycorp").len() == 1);
    let delay = saved.elapsed();
    assert!(delay < Duration::from_secs(5), "notified {delay:?} after the rejection was logged");
    let (summary, body) = notifications_about("Notifycorp").remove(0);
    assert_eq!(summary, "Follow-up: Notifycorp — Data analyst");
    assert!(body.contains("Check-in") && body.contains("91 days"), "{body}");
    let pid = app_pids(data.path())[0];
    let (bus, menu) = tray_of(pid);
    wait_until("the tray to show the due check-in", || {
        let l = labels(&bus, &menu);
        l.contains(&"1 follow-up due".to_owned()) && l.contains(&"Notifycorp — Data analyst".to_owned())
    });
    app.stop().await;

    // A restart does not notify again: once the tray shows the due step (the first turn has run), dunst still
    // holds exactly one notification about it.
    let app = App::start_with_env(data.path(), EN).await;
    let pid = app_pids(data.path())[0];
    let (bus, menu) = tray_of(pid);
    wait_until("the tray after restart", || labels(&bus, &menu).contains(&"1 follow-up due".to_owned()));
    assert_eq!(notifications_about("Notifycorp").len(), 1, "no second notification");

    // "Snooze all until tomorrow" from the tray clears the count in the tray and in the window.
    app.wait_css(".app-row").await.click().await.unwrap();
    app.wait_css("li.step[data-kind='check_in'][data-state='due']").await;
    tray_click(&bus, &menu, "Snooze all until tomorrow");
    wait_until("the tray to clear", || labels(&bus, &menu).contains(&"No follow-up due".to_owned()));
    app.wait_css("li.step[data-kind='check_in'][data-state='upcoming']").await;
    app.stop().await;
    let snoozed: String = open_db(data.path())
        .query_row("SELECT snoozed_until FROM plan_steps WHERE kind = 'check_in'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(snoozed, (Local::now().date_naive() + Days::new(1)).format("%Y-%m-%d").to_string());
}

#[tokio::test]
async fn closing_the_window_keeps_the_tray_and_ends_the_web_content_process() {
    use fantoccini::key::Key;
    let data = data_dir();
    let app = App::start_with_env(data.path(), EN).await;
    let pid = app_pids(data.path())[0];
    assert!(children(pid).iter().any(|c| c.starts_with("WebKitWebProces")), "{:?}", children(pid));
    tray_of(pid);

    // Ctrl+W (there is no window manager under Xvfb to click a close button).
    let focused = app.client.active_element().await.unwrap();
    let _ = focused.send_keys(&format!("{}w", char::from(Key::Control))).await;
    wait_until("the window's web and network processes to end", || children(pid).is_empty());
    // The process starts over in its --hidden state (same pid): the tray item is registered again.
    assert_eq!(app_pids(data.path()), vec![pid], "the app itself keeps running");
    let (bus, menu) = tray_of(pid);
    assert!(labels(&bus, &menu).contains(&"Open Rebound".to_owned()), "the tray item is still there");
    let memory = crate::desktop::pss_mb(pid);
    assert!(memory < 100, "in the tray, the process weighs what a hidden start does: {memory} MB of PSS");

    // A second launch exits at once and brings the first one's window back.
    let status = exit_of(launch(data.path(), &[]), "the second launch");
    assert!(status.success(), "{status}");
    wait_until("the window to be built again", || children(pid).iter().any(|c| c.starts_with("WebKitWebProces")));
    assert_eq!(app_pids(data.path()), vec![pid]);

    // Quit from the tray ends the process.
    tray_click(&bus, &menu, "Quit");
    wait_until("the app to quit", || app_pids(data.path()).is_empty());
    app.stop().await;
}

#[tokio::test]
async fn hidden_start_builds_no_window_and_catches_up_within_five_seconds() {
    let data = data_dir();
    // A check-in notified once, then — as if it had fallen due while the app was off — not yet announced.
    notified_then_unannounced(data.path(), "Catchup Ltd").await;

    let started = Instant::now();
    let hidden = launch(data.path(), &["--hidden"]);
    let pid = the_app(data.path());
    wait_until("the catch-up notification", || notifications_about("Catchup Ltd").len() == 2);
    assert!(started.elapsed() < Duration::from_secs(5), "caught up after {:?}", started.elapsed());
    let (bus, menu) = tray_of(pid);
    assert!(!children(pid).iter().any(|c| c.starts_with("WebKitWebProces")), "no window: {:?}", children(pid));

    // "Open Rebound" builds the window on demand.
    tray_click(&bus, &menu, "Open Rebound");
    wait_until("the window to be built", || children(pid).iter().any(|c| c.starts_with("WebKitWebProces")));
    tray_click(&bus, &menu, "Quit");
    let status = exit_of(hidden, "the app after Quit");
    assert!(status.success(), "Quit ends the process cleanly: {status}");
}

#[tokio::test]
async fn reminder_settings_are_checked_used_for_new_plans_and_start_at_login_starts_hidden() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), EN).await;
    app.click("Settings").await;
    app.choose("Check-in after a rejection", "Another number of days").await;
    app.fill("Days before the check-in", "45").await;
    app.fill("Reminder time", "7h30").await;
    app.field("Start Rebound when I log in").await.click().await.unwrap();
    app.click("Save settings").await;
    let time = app.field("Reminder time").await;
    let id = time.attr("id").await.unwrap().unwrap();
    assert_eq!(app.text(&format!("#{id}-err")).await, "Write the time as HH:MM, e.g. 09:00.");
    app.fill("Reminder time", "07:30").await;
    app.click("Save settings").await;
    app.wait_xpath("//p[@class='saved' and .='Settings saved.']").await;

    // Start at login: an autostart entry that runs this executable with --hidden.
    // ~/.config/autostart: the autostart library does not read XDG_CONFIG_HOME; headless.sh points HOME at the
    // run's own folder.
    let autostart = std::path::Path::new(&std::env::var("HOME").expect("HOME")).join(".config/autostart");
    let entry = || {
        std::fs::read_dir(&autostart).into_iter().flatten().flatten().find_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            text.contains(crate::harness::APP).then_some(text)
        })
    };
    let text = entry().expect("an autostart entry for the app");
    assert!(text.lines().any(|l| l.starts_with("Exec=") && l.contains("--hidden")), "{text}");

    // The new delay applies to the next plan: a rejection today has its check-in 45 days out.
    rejected_today(&app, "Delay Inc").await;
    app.stop().await;
    let due: String = open_db(data.path())
        .query_row("SELECT due_on FROM plan_steps WHERE kind = 'check_in'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(due, (Local::now().date_naive() + Days::new(45)).format("%Y-%m-%d").to_string());
    let settings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.path().join("settings.json")).unwrap()).unwrap();
    assert_eq!((settings["checkInDays"].as_u64(), settings["reminderTime"].as_str()), (Some(45), Some("07:30")));

    // Turned off again, the entry goes away.
    let app = App::start_with_env(data.path(), EN).await;
    app.click("Settings").await;
    app.field("Start Rebound when I log in").await.click().await.unwrap();
    app.click("Save settings").await;
    app.wait_xpath("//p[@class='saved' and .='Settings saved.']").await;
    assert!(entry().is_none(), "the autostart entry is removed");
    app.stop().await;
}

#[tokio::test]
async fn a_notifications_actions_snooze_its_application_and_open_the_window_on_it() {
    let data = data_dir();
    // Started in the tray, it announces the step again once un-announced (as when a snooze ends).
    notified_then_unannounced(data.path(), "Actionable Co").await;
    let hidden = launch(data.path(), &["--hidden"]);
    let pid = the_app(data.path());
    wait_until("the second notification", || notifications("Actionable Co").len() == 2);
    let id = notifications("Actionable Co").iter().map(|(id, _, _)| *id).max().unwrap();
    let (bus, menu) = tray_of(pid);
    wait_until("the tray to list it", || labels(&bus, &menu).contains(&"1 follow-up due".to_owned()));

    // "Snooze 1 day" on the notification: the step moves to tomorrow and the tray clears.
    invoke_action(id, "snooze");
    wait_until("the tray to clear", || labels(&bus, &menu).contains(&"No follow-up due".to_owned()));
    let snoozed: String = open_db(data.path())
        .query_row("SELECT snoozed_until FROM plan_steps WHERE kind = 'check_in'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(snoozed, (Local::now().date_naive() + Days::new(1)).format("%Y-%m-%d").to_string());

    // The default action (a click on the notification) opens the window.
    assert!(!children(pid).iter().any(|c| c.starts_with("WebKitWebProces")));
    invoke_action(id, "default");
    wait_until("the window to open", || children(pid).iter().any(|c| c.starts_with("WebKitWebProces")));
    tray_click(&bus, &menu, "Quit");
    assert!(exit_of(hidden, "the app after Quit").success());
}

#[tokio::test]
async fn a_company_with_an_ampersand_reads_as_typed_in_the_tray_and_the_notification() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), EN).await;
    rejected_91_days_ago(&app, "Procter & Gamble").await;
    wait_until("the notification", || notifications_about("Procter & Gamble").len() == 1);
    let (summary, _) = notifications_about("Procter & Gamble").remove(0);
    assert_eq!(summary, "Follow-up: Procter & Gamble — Data analyst");
    let (bus, menu) = tray_of(app_pids(data.path())[0]);
    wait_until("the tray to show the company as typed", || {
        labels(&bus, &menu).contains(&"Procter & Gamble — Data analyst".to_owned())
    });
    // Clicking it opens that application, so the label is the real item, not a copy.
    tray_click(&bus, &menu, "Procter & Gamble — Data analyst");
    app.wait_css("article.detail").await;
    app.stop().await;
}

#[tokio::test]
async fn a_probation_preset_sets_the_check_in_delay_and_names_its_law() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), EN).await;
    app.click("Settings").await;
    app.choose("Check-in after a rejection", "New Brunswick: 6 months (180 days)").await;
    let source = app.text(".probation-source").await;
    assert_eq!(source, "Source: Employment Standards Act (New Brunswick) (6 months)");
    app.click("Save settings").await;
    app.wait_xpath("//p[@class='saved' and .='Settings saved.']").await;

    // A rejection logged now has its check-in when a New Brunswick probation ends.
    rejected_today(&app, "Irving").await;

    // Back in the settings, the preset is still the one chosen.
    app.click("Settings").await;
    let chosen = app.field("Check-in after a rejection").await.prop("value").await.unwrap();
    assert_eq!(chosen.as_deref(), Some("probation:ca_nb"));
    app.stop().await;
    let due: String = open_db(data.path())
        .query_row("SELECT due_on FROM plan_steps WHERE kind = 'check_in'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(due, (Local::now().date_naive() + Days::new(180)).format("%Y-%m-%d").to_string());
    let settings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.path().join("settings.json")).unwrap()).unwrap();
    assert_eq!((settings["checkInDays"].as_u64(), settings["probation"].as_str()), (Some(180), Some("ca_nb")));
}

#[tokio::test]
async fn a_person_kept_in_touch_with_falls_due_a_reply_starts_the_count_again_and_it_falls_due_later() {
    const ABOUT_MARIE: &str = "Catch-up with Marie Tremblay (Keepcorp)";
    let data = data_dir();
    let app = App::start_with_env(data.path(), EN).await;
    // Her catch-up falls due today (the day its cadence is chosen), announced at the reminder time: midnight, so
    // that the test means the same at any hour it runs.
    app.click("Settings").await;
    app.fill("Reminder time", "00:00").await;
    app.click("Save settings").await;
    app.wait_xpath("//p[@class='saved' and .='Settings saved.']").await;
    // Marie was met at an interview 100 days ago; the company has gone silent since.
    app.click("New application").await;
    app.fill("Company", "Keepcorp").await;
    app.fill("Role", "Data analyst").await;
    app.fill("Applied on", &days_ago(200)).await;
    app.click("Add a person").await;
    app.fill("Name", "Marie Tremblay").await;
    app.click("Add an interview").await;
    app.fill("Interview date", &days_ago(100)).await;
    app.field("Marie Tremblay").await.click().await.unwrap();
    app.click("Save").await;
    app.wait_css("article.detail").await;
    app.click("Log outcome").await;
    app.choose("Outcome", "No answer (ghosted)").await;
    app.fill("No answer since", &days_ago(90)).await;
    app.click("Save outcome").await;
    app.wait_css("li.step[data-kind='nudge']").await;

    // The people view: her application and the interview as the last contact; every 3 months is due now.
    app.click("People").await;
    let card = app.text("li.person").await;
    assert!(card.contains("Keepcorp — Data analyst") && card.contains("Last in touch:"), "{card}");
    app.choose("Catch-up reminder", "Every 3 months").await;
    app.wait_css("li.person .next.due").await;

    // One notification addressed to her, and her own line in the tray.
    wait_until("a notification about Marie", || notifications_about(ABOUT_MARIE).len() == 1);
    let (_, body) = notifications_about(ABOUT_MARIE).remove(0);
    assert_eq!(body, "Catch-up — last in touch 100 days ago");
    let (bus, menu) = tray_of(app_pids(data.path())[0]);
    wait_until("her line in the tray", || labels(&bus, &menu).contains(&"Marie Tremblay — Keepcorp".to_owned()));

    // Today on the first screen, one click from a message written to her.
    app.click("Applications").await;
    let today = app.text("section.today li.focus-step[data-kind='catch_up']").await;
    assert!(today.contains("Catch-up with Marie Tremblay"), "{today}");
    app.wait_css("section.today li.focus-step[data-kind='catch_up'] a.button").await.click().await.unwrap();
    app.wait_value("Message", "Hello Marie Tremblay,").await;
    assert_eq!(app.text("#composer-title").await, "Catch-up with Marie Tremblay");

    // A reply from the employer starts her count again: three months from today, and nothing due now.
    app.click("Close").await;
    app.click("Log a reply").await;
    app.fill("What the employer said", "They will call me next month.").await;
    app.click("Save reply").await;
    app.wait_css("ol.timeline li[data-kind='reply']").await;
    let due: String = open_db(data.path())
        .query_row("SELECT due_on FROM plan_steps WHERE kind = 'catch_up' AND status = 'pending'", [], |r| r.get(0))
        .unwrap();
    let in_three_months = Local::now().date_naive().checked_add_months(chrono::Months::new(3)).unwrap();
    assert_eq!(due, in_three_months.format("%Y-%m-%d").to_string());
    app.click("People").await;
    let next = app.text("li.person .next").await;
    assert!(next.starts_with("Next reminder:"), "{next}");
    wait_until("her line to leave the tray", || !labels(&bus, &menu).contains(&"Marie Tremblay — Keepcorp".to_owned()));
    app.stop().await;

    // Time passes while the app is closed: that reply is now 95 days old. At the next start her reminder has come
    // round again, and she gets a second notification — the only new one about her.
    rusqlite::Connection::open(data.path().join("rebound.sqlite3"))
        .unwrap()
        .execute("UPDATE events SET occurred_on = ?1 WHERE kind = 'reply'", [days_ago(95)])
        .unwrap();
    let app = App::start_with_env(data.path(), EN).await;
    wait_until("a second notification about Marie", || notifications_about(ABOUT_MARIE).len() == 2);
    let bodies: Vec<String> = notifications_about(ABOUT_MARIE).into_iter().map(|(_, b)| b).collect();
    assert!(bodies.contains(&"Catch-up — last in touch 95 days ago".to_owned()), "{bodies:?}");
    app.wait_css("section.today li.focus-step[data-kind='catch_up'][data-state='due']").await;
    app.stop().await;
}
