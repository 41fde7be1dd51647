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
    app.fill("E-mail", "marie.tremblay@example.org").await;
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
    let panel = app.text(".tone").await;
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
    assert!(sent.contains("Thank-you note") && sent.contains("By e-mail"), "{sent}");
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
