//! Messages on the real window: the plan after a rejection, a message rendered from the journal, copied to
//! the real clipboard (read back with xclip), stopped by the tone check, marked sent, switched to French.

use std::process::Command;

use chrono::{Days, Local};
use serde_json::json;

use crate::harness::{data_dir, open_db, wait_until, App};

fn ymd_days_ago(n: u64) -> String {
    (Local::now().date_naive() - Days::new(n)).format("%Y-%m-%d").to_string()
}

/// What the X clipboard holds now, read by another program as a paste would.
fn clipboard() -> String {
    let out = Command::new("xclip").args(["-o", "-selection", "clipboard"]).output().expect("xclip runs");
    String::from_utf8(out.stdout).expect("UTF-8 clipboard")
}

/// Adds an application with a contact and logs its rejection through the UI; leaves the detail view open.
pub(crate) async fn rejected_application(app: &App) {
    app.click("New application").await;
    app.fill("Company", "Desjardins").await;
    app.fill("Role", "Data analyst").await;
    app.fill("Applied on", &ymd_days_ago(30)).await;
    app.choose("Language of your messages", "English").await;
    app.click("Add a person").await;
    app.fill("Name", "Marie Tremblay").await;
    app.fill("Email", "marie.tremblay@example.org").await;
    app.click("Save").await;
    app.wait_css("article.detail").await;
    app.click("Log outcome").await;
    app.fill("Date", &ymd_days_ago(1)).await;
    app.click("Save outcome").await;
    app.wait_css("li.step[data-kind='thank_you']").await;
}

#[tokio::test]
async fn a_rejection_plans_the_follow_ups_and_the_thank_you_goes_out_in_one_click() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), &[("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")]).await;
    rejected_application(&app).await;

    // The plan: thank-you due today, the rest later, the check-in 90 days after the rejection.
    let steps = app
        .js("return [...document.querySelectorAll('li.step')].map((li) => [li.dataset.kind, li.dataset.state])", vec![])
        .await;
    assert_eq!(
        steps,
        json!([
            ["thank_you", "due"],
            ["keep_in_touch", "upcoming"],
            ["linkedin", "upcoming"],
            ["check_in", "upcoming"]
        ])
    );

    // Open the thank-you: rendered from the journal, addressed to the person met.
    app.wait_css("li.step[data-kind='thank_you'] button.primary").await.click().await.unwrap();
    let body_field = app.field("Message").await;
    app.wait_value("Message", "").await;
    let body = body_field.prop("value").await.unwrap().unwrap();
    assert!(body.starts_with("Hello Marie Tremblay,"), "{body}");
    assert!(body.contains("Desjardins") && body.contains("Data analyst"), "{body}");

    app.click("Copy message").await;
    app.wait_xpath("//p[@class='saved' and .='Message copied.']").await;
    assert_eq!(clipboard(), body, "the clipboard holds exactly the rendered message");

    // A hostile edit is stopped by the tone check; nothing reaches the clipboard until "Copy anyway".
    body_field.send_keys("\n\nF*** you, you people WILL REGRET THIS!!!").await.unwrap();
    app.click("Copy message").await;
    // The panel is in the page from the start, hidden: wait until the check has shown it.
    let panel = app.text(".tone[data-severity='stop']:not([hidden])").await;
    assert!(panel.contains("close the door for good"), "{panel}");
    assert!(panel.contains("shouting") && panel.contains("anger"), "{panel}");
    let marked = app.js("return [...document.querySelectorAll('.tone mark')].map((m) => m.textContent)", vec![]).await;
    assert!(marked.as_array().unwrap().iter().any(|m| m.as_str().unwrap().starts_with("F***")), "{marked}");
    assert_eq!(clipboard(), body, "the hostile text was not copied");
    app.click("Copy anyway").await;
    wait_until("the hostile copy", || clipboard().ends_with("REGRET THIS!!!"));

    // Closed and opened again, the message is the clean one; copied, then marked sent: it lands on the timeline.
    app.click("Close").await;
    app.wait_css("li.step[data-kind='thank_you'] button.primary").await.click().await.unwrap();
    app.wait_value("Message", "").await;
    assert_eq!(app.field("Message").await.prop("value").await.unwrap().unwrap(), body);
    app.click("Copy message").await;
    wait_until("the clean copy", || clipboard() == body);
    app.click("Mark as sent").await;
    app.wait_css("li.step[data-kind='thank_you'][data-state='done']").await;
    let sent = app.text("ol.timeline li[data-kind='message_sent']").await;
    assert!(sent.contains("Thank-you note") && sent.contains("By email"), "{sent}");
    app.stop().await;

    // After a restart the step is still done and the send still on the timeline.
    let app = App::start_with_env(data.path(), &[("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")]).await;
    app.wait_css(".app-row").await.click().await.unwrap();
    app.wait_css("li.step[data-kind='thank_you'][data-state='done']").await;
    app.wait_css("ol.timeline li[data-kind='message_sent']").await;
    app.stop().await;
    let (status, channel): (String, String) = open_db(data.path())
        .query_row("SELECT status, channel FROM plan_steps WHERE kind = 'thank_you'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((status.as_str(), channel.as_str()), ("done", "email"));
}

#[tokio::test]
async fn switching_the_message_language_switches_the_template() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), &[("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")]).await;
    rejected_application(&app).await;
    app.wait_css("li.step[data-kind='keep_in_touch'] button.primary").await.click().await.unwrap();
    app.wait_value("Message", "").await;
    let english = app.field("Message").await.prop("value").await.unwrap().unwrap();
    let english_subject = app.field("Subject").await.prop("value").await.unwrap().unwrap();
    assert!(english.starts_with("Hello Marie Tremblay,"), "{english}");

    app.choose("Language of this message", "French").await;
    app.wait_value("Message", "Bonjour Marie Tremblay,").await;
    let french = app.field("Message").await.prop("value").await.unwrap().unwrap();
    assert!(french.contains("Desjardins") && !french.contains("Hello"), "{french}");
    let subject = app.field("Subject").await.prop("value").await.unwrap().unwrap();
    assert!(!subject.is_empty() && subject != english_subject, "{subject} / {english_subject}");
    app.stop().await;
}

#[tokio::test]
async fn a_stop_finding_holds_the_copy_and_a_second_look_lets_it_through_in_both_languages() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    rejected_application(&app).await;
    app.wait_css("li.step[data-kind='thank_you'] button.primary").await.click().await.unwrap();
    for (language, opening, demand, insult) in [
        ("English", "Hello", "I expect an answer by Friday.", "You hired idiots."),
        ("French", "Bonjour", "J'exige une explication.", "Vous êtes des connards."),
    ] {
        app.choose("Language of this message", language).await;
        app.wait_value("Message", opening).await;
        let body = app.field("Message").await;
        let clean = body.prop("value").await.unwrap().unwrap();

        // A demand deserves a second look: shown, and the copy goes ahead.
        body.send_keys(&format!("\n{demand}")).await.unwrap();
        app.click("Copy message").await;
        wait_until("the copy with the demand", || clipboard().ends_with(demand));
        assert_eq!(
            app.js("return document.querySelector('.tone').dataset.severity", vec![]).await,
            json!("second_look")
        );
        assert!(app.text(".tone").await.contains("Worth a second look"));

        // An insult holds the copy until "Copy anyway".
        body.send_keys(&format!("\n{insult}")).await.unwrap();
        app.click("Copy message").await;
        app.wait_xpath("//div[contains(@class, 'tone') and @data-severity='stop']").await;
        assert!(app.text(".tone").await.contains("Hold on before sending"));
        assert!(clipboard().ends_with(demand), "nothing new copied while held");
        app.click("Edit the message").await;
        assert!(clipboard().ends_with(demand));
        body.clear().await.unwrap();
        body.send_keys(&clean).await.unwrap();
    }
    app.stop().await;
}

#[tokio::test]
async fn a_person_is_greeted_their_way_and_a_named_version_is_picked_in_the_composer() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    rejected_application(&app).await;

    // Marie is to be greeted as "Ms. Tremblay": chosen on the application's form.
    app.click("Edit").await;
    app.choose("In messages, greet them by", "Ms. and last name").await;
    app.click("Save").await;
    app.wait_css("article.detail").await;

    // A short version of the thank-you of the user's own, saved beside Rebound's and not the default.
    app.click("Settings").await;
    app.click("Message templates").await;
    app.choose("Message", "Thank-you note").await;
    app.choose("Language", "English").await;
    app.fill("Name of your version", "Short").await;
    app.fill("Message template", "Hello{% if contact %} {{ contact.greeting }}{% endif %}, thank you, truly.").await;
    app.field("Start with this version when writing this message").await.click().await.unwrap();
    app.click("Save as my version").await;
    app.wait_xpath("//p[@class='saved' and .='Template saved.']").await;
    let version = app.field("Version").await.prop("value").await.unwrap().unwrap();
    assert_ne!(version, "ours", "the editor now shows the saved version");

    // The composer opens with Rebound's version, greeting Ms. Tremblay; "Short" is one pick away.
    app.click("Applications").await;
    app.wait_css(".app-row").await.click().await.unwrap();
    app.wait_css("li.step[data-kind='thank_you'] button.primary").await.click().await.unwrap();
    app.wait_value("Message", "Hello Ms. Tremblay,").await;
    let ours = app.field("Message").await.prop("value").await.unwrap().unwrap();
    assert!(ours.contains("Desjardins"), "{ours}");
    app.choose("Version", "Short").await;
    app.wait_value("Message", "Hello Ms. Tremblay, thank you, truly.").await;
    app.choose("Version", "Rebound's version").await;
    app.wait_value("Message", &ours).await;
    app.stop().await;

    let db = open_db(data.path());
    let (name, default): (String, bool) =
        db.query_row("SELECT name, is_default FROM templates", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((name.as_str(), default), ("Short", false));
    let form: String = db.query_row("SELECT address_as FROM people", [], |r| r.get(0)).unwrap();
    assert_eq!(form, "ms");
}

#[tokio::test]
async fn after_the_linkedin_note_rebound_offers_to_keep_in_touch_and_we_talked_is_logged_from_the_people_view() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), &[("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")]).await;
    rejected_application(&app).await;
    // No offer before the LinkedIn step is done.
    assert_eq!(app.js("return document.querySelectorAll('.suggest').length", vec![]).await, json!(0));
    app.wait_css("li.step[data-kind='linkedin'] .step-actions button:nth-child(2)").await.click().await.unwrap();
    let offer = app.text("section.suggest").await;
    assert!(
        offer.contains("Send the people you met a catch-up now and then?") && offer.contains("Marie Tremblay"),
        "{offer}"
    );
    app.choose("Catch-up reminder", "Every 6 months").await;
    // Chosen for the only person: the offer is gone, and her reminder is planned six months from today.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.js("return document.querySelectorAll('.suggest').length", vec![]).await != json!(0) {
        assert!(std::time::Instant::now() < deadline, "the offer stayed after the cadence was chosen");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let in_six_months = Local::now().date_naive().checked_add_months(chrono::Months::new(6)).unwrap();
    let (months, due): (u32, String) = open_db(data.path())
        .query_row(
            "SELECT p.keep_in_touch_months, s.due_on FROM people p JOIN plan_steps s ON s.person_id = p.id
              WHERE p.name = 'Marie Tremblay' AND s.status = 'pending'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((months, due), (6, in_six_months.format("%Y-%m-%d").to_string()));

    // "We talked" yesterday, from the people view: on her application's timeline with her name, and her count
    // starts again from that day.
    app.click("People").await;
    app.click("Log a conversation…").await;
    app.fill("When", "yesterday").await;
    app.fill("What you talked about (optional)", "Coffee; she is hiring in the spring.").await;
    app.click("Save").await;
    app.wait_xpath("//li[contains(@class, 'person')]//p[@class='saved' and .='Saved.']").await;
    let yesterday = Local::now().date_naive() - Days::new(1);
    let (on, note): (String, String) = open_db(data.path())
        .query_row(
            "SELECT e.occurred_on, json_extract(e.details, '$.note') FROM events e
               JOIN event_people ep ON ep.event_id = e.id WHERE e.kind = 'contact'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (on.as_str(), note.as_str()),
        (yesterday.format("%Y-%m-%d").to_string().as_str(), "Coffee; she is hiring in the spring.")
    );
    let due: String = open_db(data.path())
        .query_row("SELECT due_on FROM plan_steps WHERE kind = 'catch_up' AND status = 'pending'", [], |r| r.get(0))
        .unwrap();
    let six_months_after = yesterday.checked_add_months(chrono::Months::new(6)).unwrap();
    assert_eq!(due, six_months_after.format("%Y-%m-%d").to_string(), "counted from the conversation");
    let next = app.text("li.person .next").await;
    assert!(next.starts_with("Next reminder:"), "{next}");
    app.click("Desjardins — Data analyst").await;
    let entry = app.text("ol.timeline li[data-kind='contact']").await;
    assert!(
        entry.contains("Conversation")
            && entry.contains("With Marie Tremblay")
            && entry.contains("hiring in the spring"),
        "{entry}"
    );
    app.stop().await;
}

#[tokio::test]
async fn open_in_mail_app_hands_the_message_to_the_desktop_and_only_the_window_runs_without_the_jit() {
    let data = data_dir();
    // A stand-in for the desktop's launcher, first on PATH: it writes down what it was asked to open and whether
    // the JavaScript-engine setting Rebound chose for its own webview reached it.
    let bin = data.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let record = data.path().join("opened.txt");
    let launcher = bin.join("xdg-open");
    std::fs::write(
        &launcher,
        format!(
            "#!/bin/sh\nprintf '%s\\n%s\\n' \"$1\" \"${{JSC_useJIT:-unset}}\" > '{r}.part' && mv '{r}.part' '{r}'\n",
            r = record.display()
        ),
    )
    .unwrap();
    let mut perms = std::fs::metadata(&launcher).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&launcher, perms).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let app = App::start_with_env(data.path(), &[("PATH", &path)]).await;

    // The window's web content process runs its JavaScript in the interpreter (see shell/window.rs).
    let pid = crate::harness::app_pids(data.path())[0];
    let web: Vec<u32> = crate::desktop::child_processes(pid)
        .into_iter()
        .filter(|(_, name)| name.starts_with("WebKitWebProces"))
        .map(|(child, _)| child)
        .collect();
    assert_eq!(web.len(), 1, "one web content process");
    let env = crate::desktop::environment(web[0]);
    assert!(env.iter().any(|kv| kv == "JSC_useJIT=0"), "{env:?}");

    // "Open in mail app": the launcher gets the message as a mailto: address, without that setting.
    rejected_application(&app).await;
    app.wait_css("li.step[data-kind='thank_you'] button.primary").await.click().await.unwrap();
    app.wait_value("Message", "").await;
    app.click("Open in mail app").await;
    app.wait_xpath("//p[@class='saved' and .='Opened in your mail app.']").await;
    wait_until("the launcher to run", || record.exists());
    let opened = std::fs::read_to_string(&record).unwrap();
    let mut lines = opened.lines();
    let address = lines.next().unwrap_or_default();
    assert!(address.starts_with("mailto:marie.tremblay@example.org?subject="), "{opened}");
    assert!(address.contains("body=Hello%20Marie%20Tremblay"), "{opened}");
    assert_eq!(lines.next(), Some("unset"), "the launcher (and the mail app it starts) keeps its JIT");
    app.stop().await;
}
