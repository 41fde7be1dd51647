//! The journal as a person uses it: add, log an outcome, find it again after a restart, in either language.

use chrono::{Datelike, Days, Local, NaiveDate};
use serde_json::json;

use crate::harness::{data_dir, open_db, App};

fn days_ago(n: u64) -> NaiveDate {
    Local::now().date_naive() - Days::new(n)
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// "November 26, 2026" and "26 novembre 2026" (« 1er » on the first), written out independently of the app.
pub fn long_date(d: NaiveDate, lang: &str) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    if lang == "fr" {
        let day = if d.day() == 1 { "1er".to_owned() } else { d.day().to_string() };
        format!("{day} {} {}", FR[d.month0() as usize], d.year())
    } else {
        d.format("%B %-d, %Y").to_string()
    }
}

#[tokio::test]
async fn add_an_application_log_a_rejection_and_find_it_after_a_restart() {
    let data = data_dir();
    let (applied, interviewed, rejected) = (days_ago(40), days_ago(30), days_ago(20));

    let app = App::start(data.path()).await;
    // First run: the empty state says what to do.
    let empty = app.text("section.empty").await;
    assert!(empty.contains("Your journal is empty"), "{empty}");
    app.click("Add your first application").await;

    app.fill("Company", "  Société Générale ").await;
    app.fill("Role", "Data analyst").await;
    app.fill("Applied on", &ymd(applied)).await;
    app.fill("Location", "Montréal").await;
    app.click("Add a person").await;
    app.fill("Name", "Marie Tremblay").await;
    app.fill("Job title", "IT director").await;
    app.fill("Email", "marie.tremblay@example.org").await;
    app.click("Add an interview").await;
    app.fill("Interview date", &ymd(interviewed)).await;
    app.choose("Kind", "Video call").await;
    app.field("Marie Tremblay").await.click().await.unwrap();
    app.click("Save").await;

    // The detail view, then the outcome.
    app.wait_css("article.detail").await;
    app.click("Log outcome").await;
    // "No answer" relabels the date and keeps its required mark; back to "Rejected".
    app.choose("Outcome", "No answer (ghosted)").await;
    let since = app.field("No answer since").await.attr("id").await.unwrap().unwrap();
    assert_eq!(app.text(&format!("label[for='{since}']")).await, "No answer since *");
    app.choose("Outcome", "Rejected").await;
    app.fill("Date", &ymd(rejected)).await;
    app.choose("How you heard", "Phone").await;
    app.fill("Reason given, if any", "They chose an internal candidate.").await;
    app.click("Save outcome").await;

    let rejected_entry = app.text("ol.timeline li[data-kind='rejected']").await;
    assert!(rejected_entry.contains("They chose an internal candidate."), "{rejected_entry}");
    assert!(rejected_entry.contains(&long_date(rejected, "en")), "{rejected_entry}");
    assert!(rejected_entry.contains("By phone"), "{rejected_entry}");
    let interview_entry = app.text("ol.timeline li[data-kind='interview']").await;
    assert!(interview_entry.contains("Marie Tremblay"), "{interview_entry}");
    assert!(interview_entry.contains("Video call"), "{interview_entry}");
    assert_eq!(app.text(".detail-head .badge").await, "Rejected");

    // The list shows it with its status and the date of its last event.
    app.click("Applications").await;
    let row = app.text(".app-row").await;
    for part in ["Société Générale", "Data analyst", "Rejected", &long_date(rejected, "en")] {
        assert!(row.contains(part), "list row {row:?} lacks {part:?}");
    }
    app.stop().await;

    // Quit and start again: everything is still there.
    let app = App::start(data.path()).await;
    let row = app.text(".app-row").await;
    assert!(row.contains("Société Générale") && row.contains("Rejected"), "{row}");
    app.wait_css(".app-row").await.click().await.unwrap();
    let timeline = app.text("ol.timeline").await;
    for part in ["Rejected", "Interview", "Applied", "They chose an internal candidate."] {
        assert!(timeline.contains(part), "timeline after restart lacks {part:?}: {timeline}");
    }
    app.stop().await;

    // And in the database file, read with plain SQL.
    let db = open_db(data.path());
    let (company, folded, role, applied_on): (String, String, String, String) = db
        .query_row(
            "SELECT c.name, c.folded, a.role, a.applied_on FROM applications a JOIN companies c ON c.id = a.company_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (company.as_str(), folded.as_str(), role.as_str()),
        ("Société Générale", "societe generale", "Data analyst")
    );
    assert_eq!(applied_on, ymd(applied));
    let events: Vec<(String, String, String)> = db
        .prepare("SELECT kind, occurred_on, details FROM events ORDER BY occurred_on, id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    // The keep-in-touch and LinkedIn steps fell due a week after the rejection: the app reminded about them.
    assert_eq!(kinds, ["applied", "interview", "rejected", "plan_created", "reminder"]);
    assert_eq!(events[2].1, ymd(rejected));
    let details: serde_json::Value = serde_json::from_str(&events[2].2).unwrap();
    assert_eq!(details, json!({"channel": "phone", "reason": "They chose an internal candidate."}));
    let met: String = db
        .query_row(
            "SELECT p.name FROM event_people ep JOIN people p ON p.id = ep.person_id
               JOIN events e ON e.id = ep.event_id WHERE e.kind = 'interview'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(met, "Marie Tremblay");
}

#[tokio::test]
async fn switching_to_french_shows_french_labels_and_dates() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), &[("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")]).await;
    assert_eq!(app.text("#nav a[data-route='list']").await, "Applications");

    app.click("New application").await;
    app.fill("Company", "Desjardins").await;
    app.fill("Role", "Analyste de données").await;
    app.fill("Applied on", &ymd(days_ago(3))).await;
    app.click("Save").await;
    app.wait_css("article.detail").await;

    app.click("Settings").await;
    app.choose("Language", "French").await;
    app.click("Save settings").await;

    // The whole UI switches at once, and stays French after a restart.
    app.wait_xpath("//nav/a[normalize-space(.)='Candidatures']").await;
    assert_eq!(app.text("#nav a[data-route='new']").await, "Nouvelle candidature");
    app.field("Langue").await;
    app.stop().await;

    let app = App::start_with_env(data.path(), &[("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")]).await;
    assert_eq!(app.text("#nav a[data-route='list']").await, "Candidatures");
    let row = app.text(".app-row").await;
    assert!(row.contains("Envoyée"), "status in French: {row}");
    assert!(row.contains(&long_date(days_ago(3), "fr")), "date in French: {row}");
    app.click("Nouvelle candidature").await;
    for label in ["Entreprise", "Poste", "Date de la candidature", "Langue de vos messages"] {
        app.field(label).await;
    }
    assert_eq!(app.js("return document.documentElement.lang", vec![]).await, json!("fr-CA"));
    app.stop().await;
}

#[tokio::test]
async fn html_typed_by_the_user_is_shown_as_text_and_never_run() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    let company = r#"<img src=x onerror="window.__pwned=1">Acme"#;
    let role = "<script>window.__pwned=2</script><b>Boss</b>";
    app.click("Add your first application").await;
    app.fill("Company", company).await;
    app.fill("Role", role).await;
    app.click("Save").await;

    assert_eq!(app.text(".detail-head .company").await, company);
    assert_eq!(app.text(".detail-head .role").await, role);
    app.click("Applications").await;
    let row = app.text(".app-row").await;
    assert!(row.contains(company) && row.contains(role), "{row}");
    let injected = app
        .js("return [window.__pwned === undefined, document.querySelectorAll('#view img, #view script, #view b').length]", vec![])
        .await;
    assert_eq!(injected, json!([true, 0]), "no markup from user text reached the DOM");
    app.stop().await;

    let stored: (String, String) = open_db(data.path())
        .query_row("SELECT c.name, a.role FROM applications a JOIN companies c ON c.id = a.company_id", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(stored, (company.to_owned(), role.to_owned()), "stored exactly as typed");
}

#[tokio::test]
async fn a_bad_date_shows_its_error_beside_the_field_and_saves_nothing() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    app.click("Add your first application").await;
    app.fill("Company", "Hydro-Québec").await;
    app.fill("Role", "Project manager").await;
    app.fill("Applied on", "2026-02-30").await;
    app.click("Add a person").await;
    app.fill("Name", "Luc Gagnon").await;
    app.fill("Email", "luc.gagnon.example.org").await;
    app.click("Save").await;

    // Each problem is shown beside its own field, and the form keeps what was typed.
    let date = app.field("Applied on").await;
    assert_eq!(date.attr("aria-invalid").await.unwrap().as_deref(), Some("true"));
    let id = date.attr("id").await.unwrap().unwrap();
    let msg = app.text(&format!("#{id}-err")).await;
    assert_eq!(msg, "Rebound cannot read this date. Try 2026-11-26, “yesterday” or “3 days ago”.");
    let email = app.field("Email").await;
    let email_id = email.attr("id").await.unwrap().unwrap();
    assert_eq!(app.text(&format!("#{email_id}-err")).await, "Add the @ to this email address.");
    assert_eq!(app.text(".form-error").await, "Some fields need a second look: see the note beside each.");
    assert_eq!(app.field("Company").await.prop("value").await.unwrap().as_deref(), Some("Hydro-Québec"));

    // A date more than a year ahead is refused too.
    app.fill("Applied on", &ymd(Local::now().date_naive() + Days::new(400))).await;
    app.fill("Email", "luc@example.org").await;
    app.click("Save").await;
    app.wait_xpath("//p[@class='field-error' and normalize-space(.)='This date is more than a year from now. Pick a date within the next year.']").await;

    let db = open_db(data.path());
    let counts: (i64, i64, i64, i64) = db
        .query_row(
            "SELECT (SELECT count(*) FROM applications), (SELECT count(*) FROM companies),
                    (SELECT count(*) FROM people), (SELECT count(*) FROM events)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(counts, (0, 0, 0, 0), "nothing saved half-way");

    // Corrected, it saves.
    app.fill("Applied on", &ymd(days_ago(1))).await;
    app.click("Save").await;
    app.wait_css("article.detail").await;
    app.stop().await;
    let n: i64 = open_db(data.path()).query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn the_keyboard_reaches_every_action_including_closing_the_window() {
    use crate::harness::{app_pids, wait_until};
    use fantoccini::key::Key;
    let (ctrl, tab, esc) = (char::from(Key::Control), char::from(Key::Tab), char::from(Key::Escape));
    let data = data_dir();
    let app = App::start(data.path()).await;

    app.keys(&format!("{ctrl}n")).await;
    app.wait_css("#form-title").await;
    // The company field has the focus; Tab moves on to the role.
    app.keys(&format!("Clavier Inc{tab}Testeur")).await;
    app.keys(&format!("{ctrl}s")).await;
    assert_eq!(app.text(".detail-head .company").await, "Clavier Inc");
    assert_eq!(app.text(".detail-head .role").await, "Testeur");

    // Ctrl+L opens "log outcome" with the focus in it; Ctrl+S saves it (a rejection, today, by e-mail).
    app.keys(&format!("{ctrl}l")).await;
    app.wait_css(".outcome-form").await;
    let focused = app.js("return document.activeElement.dataset.field", vec![]).await;
    assert_eq!(focused, json!("outcome"));
    app.keys(&format!("{ctrl}s")).await;
    app.wait_css("ol.timeline li[data-kind='rejected']").await;

    // Escape goes back to the list; Ctrl+F puts the focus in the search box.
    app.keys(&esc.to_string()).await;
    app.wait_css(".app-row").await;
    app.keys(&format!("{ctrl}f")).await;
    assert_eq!(app.js("return document.activeElement.id", vec![]).await, json!("search"));
    app.keys("zzz").await;
    app.wait_css("p.none").await;
    // Escape empties the search box (the whole list is back), and stays on the list.
    app.keys(&esc.to_string()).await;
    app.wait_css(".app-row").await;
    let state = "return [document.activeElement.id, document.activeElement.value, ['', '#/'].includes(location.hash)]";
    assert_eq!(app.js(state, vec![]).await, json!(["search", "", true]));

    // Ctrl+W closes the window: its web content process ends (the app stays in the tray; see reminders.rs).
    let pid = app_pids(data.path())[0];
    let web = |pid| crate::desktop::children(pid).iter().any(|c| c.starts_with("WebKitWebProces"));
    assert!(web(pid));
    // The window goes away while WebDriver is still answering the keystroke, so its reply may be an error.
    let focused = app.client.active_element().await.unwrap();
    let _ = focused.send_keys(&format!("{ctrl}w")).await;
    wait_until("the window to close", || !web(pid));
    // The app is still in the tray; Quit there ends it.
    let (bus, menu) = crate::desktop::tray_of(pid);
    crate::desktop::tray_click(&bus, &menu, "Quit");
    app.stop().await;
}

#[tokio::test]
async fn a_long_journal_opens_on_its_first_hundred_rows_and_shows_the_rest_on_demand() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    // 130 applications through the UI's own bridge, the oldest first (the forms are covered by the other tests).
    let saved = app
        .js(
            "return (async () => {
               for (let i = 0; i < 130; i += 1) {
                 const d = new Date(2026, 0, 1 + i);
                 const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
                 await window.__TAURI_INTERNALS__.invoke('save_application',
                   { input: { company: `Company ${i}`, role: 'Analyst', appliedOn: day } });
               }
               return 130;
             })()",
            vec![],
        )
        .await;
    assert_eq!(saved, json!(130));
    app.click("New application").await;
    app.click("Applications").await;
    app.wait_xpath("//p[@class='count' and .='Shown: 130']").await;
    let rows = "return document.querySelectorAll('.app-row').length";
    assert_eq!(app.js(rows, vec![]).await, json!(100), "the first page only");
    // The newest first; the 30 oldest come with "Show 30 more", and the focus goes to the first of them.
    assert_eq!(app.text(".app-row .company").await, "Company 129");
    // Scrolled to first, as a person would: rows below the window are laid out only as they come into view
    // (content-visibility), so the button settles a few pixels higher once they are, and WebDriver's own scroll
    // and click in one step would press where it was.
    let settled = "const b = document.querySelector('button.more'); b.scrollIntoView({ block: 'center' });
        return new Promise((done) => { let last = null; const frame = () => { const y = b.getBoundingClientRect().top;
          if (y === last) done(y); else { last = y; requestAnimationFrame(frame); } }; requestAnimationFrame(frame); });";
    app.js(settled, vec![]).await;
    app.click("Show 30 more").await;
    app.wait_xpath("(//a[contains(@class,'app-row')])[130]").await;
    assert_eq!(app.js(rows, vec![]).await, json!(130));
    let focused = app.js("return document.activeElement.querySelector('.company').textContent", vec![]).await;
    assert_eq!(focused, json!("Company 29"));
    assert!(app.js("return document.querySelector('button.more').hidden", vec![]).await.as_bool().unwrap());
    // Back on the first page, a search finds an application beyond it.
    app.click("New application").await;
    app.click("Applications").await;
    app.wait_xpath("//p[@class='count' and .='Shown: 130']").await;
    assert_eq!(app.js(rows, vec![]).await, json!(100));
    app.fill("Search", "company 3").await;
    app.wait_xpath("//a[contains(@class,'app-row')]/span[@class='company' and .='Company 3']").await;
    app.stop().await;
}

#[tokio::test]
async fn edit_reflect_search_and_see_the_company_history() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    // A half-filled form survives a trip elsewhere in the app.
    app.click("New application").await;
    app.fill("Company", "Banque Nationale").await;
    app.click("Settings").await;
    app.field("Your name").await;
    app.click("New application").await;
    assert_eq!(app.field("Company").await.prop("value").await.unwrap().as_deref(), Some("Banque Nationale"));

    for (company, role, ago) in [("Banque Nationale", "Analyste", 50), ("  banque NATIONALE ", "Chef d'équipe", 10)] {
        app.click("New application").await;
        app.fill("Company", company).await;
        app.fill("Role", role).await;
        app.fill("Applied on", &ymd(days_ago(ago))).await;
        app.click("Save").await;
        app.wait_css("article.detail").await;
    }

    // Edit the second one: add the person met.
    app.click("Edit").await;
    app.wait_xpath("//h2[.='Edit application']").await;
    assert_eq!(app.field("Role").await.prop("value").await.unwrap().as_deref(), Some("Chef d'équipe"));
    app.click("Add a person").await;
    app.fill("Name", "Élise Roy").await;
    app.fill("LinkedIn profile", "https://www.linkedin.com/in/elise-roy").await;
    app.click("Save").await;
    let people = app.text(".people-list").await;
    assert!(people.contains("Élise Roy"), "{people}");

    // Log a rejection and write the private reflection on it.
    app.click("Log outcome").await;
    app.click("Save outcome").await;
    app.click("Write a private reflection").await;
    app.fill("What went well", "The technical exercise.").await;
    app.fill("What I would do differently", "Prepare questions about the team.").await;
    app.fill("How it felt", "Disappointed, then relieved.").await;
    app.click("Save reflection").await;
    app.wait_xpath("//p[@class='saved' and .='Reflection saved.']").await;

    // The company history gathers both applications (one company despite the spelling) and the person.
    app.click("Company history").await;
    let history = app.text("article.company-history").await;
    assert!(history.contains("History with Banque Nationale"), "{history}");
    assert!(history.contains("Applications (2)") && history.contains("People (1)"), "{history}");
    assert!(history.contains("Analyste") && history.contains("Chef d'équipe") && history.contains("Élise Roy"));

    // Search finds the application by the person's name, without the accent.
    app.click("Applications").await;
    app.fill("Search", "elise").await;
    app.wait_xpath("//p[@class='count' and .='Shown: 1']").await;
    assert!(app.text(".app-row").await.contains("Chef d'équipe"));

    // It also searches inside the private reflection, and says so, with the word highlighted.
    app.fill("Search", "relieve").await;
    app.wait_xpath("//li[@data-field='reflections'][contains(., 'relieved.')]").await;
    let text = app.text(".matches li[data-field='reflections']").await;
    assert!(text.starts_with("Your reflection: ") && text.ends_with("Disappointed, then relieved."), "{text}");
    assert_eq!(app.text(".matches mark").await, "relieved");
    assert_eq!(app.text("p.count").await, "Shown: 1");
    app.stop().await;

    // After a restart the reflection is still there.
    let app = App::start(data.path()).await;
    app.wait_xpath("//a[contains(@class,'app-row')][.//span[.=\"Chef d'équipe\"]]").await.click().await.unwrap();
    assert_eq!(app.text(".reflection summary").await, "Your private reflection");
    assert_eq!(
        app.field("How it felt").await.prop("value").await.unwrap().as_deref(),
        Some("Disappointed, then relieved.")
    );
    app.stop().await;
}

#[tokio::test]
async fn a_due_step_is_on_the_first_screen_and_its_message_one_click_away() {
    let data = data_dir();
    let app = App::start(data.path()).await;
    assert!(app.js("return document.querySelector('section.today') === null", vec![]).await.as_bool().unwrap());
    crate::messages::rejected_application(&app).await;

    // Back on the first screen: the thank-you to send now, the two steps of next week, not the check-in.
    app.click("Applications").await;
    app.wait_css("section.today").await;
    let shown = app
        .js("return [...document.querySelectorAll('section.today li')].map((li) => [li.dataset.kind, li.dataset.state])", vec![])
        .await;
    assert_eq!(
        shown,
        serde_json::json!([["thank_you", "due"], ["keep_in_touch", "upcoming"], ["linkedin", "upcoming"]])
    );
    let heads =
        app.js("return [...document.querySelectorAll('section.today h3')].map((e) => e.textContent)", vec![]).await;
    assert_eq!(heads, serde_json::json!(["To send now", "In the next 7 days"]));

    // One click on "Write message" opens the thank-you, written for Marie.
    app.wait_css("section.today li[data-kind='thank_you'] a.button").await.click().await.unwrap();
    app.wait_value("Message", "Hello Marie Tremblay,").await;
    app.click("Copy message").await;
    app.wait_xpath("//p[@class='saved' and .='Message copied.']").await;
    app.click("Mark as sent").await;
    app.wait_css("li.step[data-kind='thank_you'][data-state='done']").await;

    // Sent, it leaves the first screen.
    app.click("Applications").await;
    app.wait_css("section.today li[data-kind='keep_in_touch']").await;
    let kinds =
        app.js("return [...document.querySelectorAll('section.today li')].map((li) => li.dataset.kind)", vec![]).await;
    assert_eq!(kinds, serde_json::json!(["keep_in_touch", "linkedin"]));
    app.stop().await;
}

#[tokio::test]
async fn dates_typed_as_people_say_them_are_saved_as_the_right_days() {
    use fantoccini::key::Key;
    let data = data_dir();
    let app = App::start(data.path()).await;
    let today = Local::now().date_naive();
    // The most recent Tuesday strictly before today.
    let back = (today.weekday().num_days_from_monday() + 7 - chrono::Weekday::Tue.num_days_from_monday() - 1) % 7 + 1;
    let last_tuesday = today - Days::new(u64::from(back));

    for (company, typed) in [("Desjardins", "il y a 3 jours"), ("Hydro-Québec", "last Tuesday")] {
        app.click("New application").await;
        app.fill("Company", company).await;
        app.fill("Role", "Data analyst").await;
        app.fill("Applied on", typed).await;
        // The field says which day it understood before anything is saved; "last Tuesday" with its weekday, which
        // the page counts itself (no Date, no Intl): chrono is the oracle. (The field starts on today, so the test
        // waits for this exact reading, not for any.)
        let reading = if typed == "last Tuesday" {
            format!(".='{}'", last_tuesday.format("Read as %A, %B %-d, %Y"))
        } else {
            "starts-with(., 'Read as ')".to_owned()
        };
        app.wait_xpath(&format!("//output[@class='understood' and {reading}]")).await;
        app.click("Save").await;
        app.wait_css("article.detail").await;
    }
    // The calendar, from the keyboard: it opens on the field's day (today), two days back, Enter picks.
    app.click("New application").await;
    app.fill("Company", "Cascades").await;
    app.fill("Role", "Data analyst").await;
    app.wait_css(".calendar-button").await.click().await.unwrap();
    app.wait_css(".calendar td[aria-selected='true'] button:focus").await;
    app.keys(&format!("{}{}", char::from(Key::Left), char::from(Key::Left))).await;
    app.keys(&char::from(Key::Enter).to_string()).await;
    app.wait_value("Applied on", &ymd(days_ago(2))).await;
    assert!(app.js("return document.querySelector('.calendar') === null", vec![]).await.as_bool().unwrap());
    app.wait_xpath("//output[@class='understood' and starts-with(., 'Read as ')]").await;
    app.click("Save").await;
    app.wait_css("article.detail").await;

    // Something Rust cannot read is refused beside the field, and nothing is saved.
    app.click("New application").await;
    app.fill("Company", "Acme").await;
    app.fill("Role", "Analyst").await;
    app.fill("Applied on", "the day after the fair").await;
    app.wait_xpath("//output[@class='understood unread']").await;
    app.click("Save").await;
    app.wait_xpath("//p[contains(@class, 'field-error') and starts-with(., 'Rebound cannot read this date.')]").await;
    app.stop().await;

    let db = open_db(data.path());
    let mut stmt = db
        .prepare(
            "SELECT c.name, a.applied_on FROM applications a JOIN companies c ON c.id = a.company_id ORDER BY a.id",
        )
        .unwrap();
    let saved: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert_eq!(
        saved,
        [
            ("Desjardins".to_owned(), ymd(days_ago(3))),
            ("Hydro-Québec".to_owned(), ymd(last_tuesday)),
            ("Cascades".to_owned(), ymd(days_ago(2)))
        ]
    );
}

#[tokio::test]
async fn insights_show_the_figures_of_a_fixed_journal() {
    let data = data_dir();
    App::start(data.path()).await.stop().await;
    // The journal of the domain test, dated from today: four applications in the last 90 days.
    let day = |n: u64| ymd(days_ago(n));
    let sql = format!(
        "INSERT INTO companies (id, name, folded, created_at) VALUES
             (1, 'Acme', 'acme', 'x'), (2, 'Beta', 'beta', 'x'), (3, 'Gamma', 'gamma', 'x'), (4, 'Delta', 'delta', 'x');
         INSERT INTO applications (id, company_id, role, applied_on, lang, created_at, updated_at) VALUES
             (1, 1, 'A', '{a}', 'en', 'x', 'x'), (2, 2, 'B', '{b}', 'en', 'x', 'x'),
             (3, 3, 'C', '{c}', 'en', 'x', 'x'), (4, 4, 'D', '{d}', 'en', 'x', 'x');
         INSERT INTO events (id, application_id, kind, occurred_on, created_at) VALUES
             (1, 1, 'interview', '{a7}', 'x'), (2, 1, 'rejected', '{a14}', 'x'), (3, 1, 'reply', '{a16}', 'x'),
             (4, 2, 'ghosted', '{b16}', 'x'), (5, 3, 'offer', '{c10}', 'x'), (6, 3, 'accepted', '{c12}', 'x');
         INSERT INTO plan_steps (application_id, outcome_event_id, kind, due_on, status, done_on, created_at, updated_at)
         VALUES (1, 2, 'thank_you', '{a15}', 'done', '{a15}', 'x', 'x'),
                (1, 2, 'keep_in_touch', '{a21}', 'pending', NULL, 'x', 'x'),
                (2, 4, 'nudge', '{b16}', 'done', '{b16}', 'x', 'x');",
        a = day(24), b = day(22), c = day(16), d = day(10),
        a7 = day(17), a14 = day(10), a16 = day(8), b16 = day(6), c10 = day(6), c12 = day(4), a15 = day(9), a21 = day(3),
    );
    rusqlite::Connection::open(data.path().join("rebound.sqlite3")).unwrap().execute_batch(&sql).unwrap();

    let app = App::start(data.path()).await;
    app.click("Insights").await;
    app.wait_css("table.figures").await;
    let figures = app
        .js("return Object.fromEntries([...document.querySelectorAll('table.figures tr[data-key]')].filter((tr) => !/^\\d/.test(tr.dataset.key)).map((tr) => [tr.dataset.key, tr.querySelector('td').textContent]))", vec![])
        .await;
    assert_eq!(
        figures,
        json!({"applied": "4", "answered": "2", "interviewed": "1", "offers": "1", "rejected": "1", "no_answer": "2",
               "withdrawn": "0", "follow_ups_due": "3", "follow_ups_sent": "2", "follow_ups_replied": "1",
               "check_ins_due": "0", "check_ins_sent": "0", "check_ins_replied": "0"})
    );
    assert_eq!(app.text("p.kpi").await, "Median wait for a first answer: 8.5 days");
    // Each chart is an SVG image titled like its table; the weeks add up to the four applications.
    let charts = app.js("return document.querySelectorAll('svg.chart[role=img] > title').length", vec![]).await;
    assert_eq!(charts, json!(4));
    let weeks = app
        .js("return [...document.querySelectorAll('table.figures tr[data-key]')].filter((tr) => /^\\d/.test(tr.dataset.key)).reduce((n, tr) => n + Number(tr.querySelector('td').textContent), 0)", vec![])
        .await;
    assert_eq!(weeks, json!(4));
    app.stop().await;
}
