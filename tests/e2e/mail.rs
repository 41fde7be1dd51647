//! "From an e-mail…" (issue 23), in the real window: an employer's e-mail pasted or dropped on the window is read
//! offline, shown as a proposal, and opens the usual form already filled on the application it is about; nothing
//! is written before the user saves, and an e-mail about nothing in the journal writes nothing.
//!
//! The e-mails are in `tests/e2e/mail/`, written for these tests (not taken from the corpora of `tests/mail`);
//! `{{DATE}}` in them becomes a day a little before today, so that the applications they are about stay recent
//! whatever day the suite runs.

use std::path::Path;

use chrono::{Days, Local, NaiveDate, Utc};
use serde_json::{json, Value};

use crate::harness::{data_dir, open_db, App};
use rebound::journal::{self, ApplicationInput};
use rebound::vocab::Lang;

/// The day the e-mails are dated: ten days ago.
fn mail_day() -> NaiveDate {
    Local::now().date_naive() - Days::new(10)
}

/// One of the e-mails, dated [`mail_day`] at 10:14 in Montréal's winter offset.
fn email(name: &str) -> String {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/mail").join(name))
        .unwrap_or_else(|e| format!("tests/e2e/mail/{name}: {e}"));
    text.replace("{{DATE}}", &format!("{} 10:14:00 -0500", mail_day().format("%a, %d %b %Y")))
}

/// Saves applications through the domain before the app starts (as the form would); their ids, in order.
fn seed(data: &Path, apps: &[(&str, &str)]) -> Vec<i64> {
    let mut conn = rebound::db::open_in(data).expect("open the journal");
    let applied = (Local::now().date_naive() - Days::new(40)).format("%Y-%m-%d").to_string();
    apps.iter()
        .map(|(company, role)| {
            let input = ApplicationInput {
                company: (*company).into(),
                role: (*role).into(),
                applied_on: applied.clone(),
                ..Default::default()
            };
            journal::save_application(&mut conn, &input, Lang::En, Local::now().date_naive(), Utc::now()).unwrap()
        })
        .collect()
}

/// The value of the control labelled `label`.
async fn value(app: &App, label: &str) -> String {
    app.field(label).await.prop("value").await.unwrap().unwrap_or_default()
}

/// Drops a file named `name` on the window, as the web's drop event carries a file from the desktop: `bytes`
/// (a JSON array of numbers), or that many zero bytes when `bytes` is a number.
async fn drop_file(app: &App, name: &str, bytes: Value) {
    let done = app
        .js(
            "const [name, bytes] = arguments;
             const dt = new DataTransfer();
             dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'message/rfc822' }));
             const over = new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true });
             document.getElementById('view').dispatchEvent(over);
             const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
             document.getElementById('view').dispatchEvent(drop);
             return [over.defaultPrevented, drop.defaultPrevented];",
            vec![json!(name), bytes],
        )
        .await;
    assert_eq!(done, json!([true, true]), "the window takes the file (and does not open it in place of Rebound)");
}

/// Pastes `text` into the field labelled `label` as a person does: the text on the X clipboard (put there by
/// another program), the field focused, Ctrl+V.
async fn paste(app: &App, label: &str, text: &str) {
    use std::io::Write;
    let mut xclip = std::process::Command::new("xclip")
        .args(["-i", "-selection", "clipboard"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("xclip runs");
    xclip.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    // xclip's first process returns once its copy in the background owns the clipboard.
    assert!(xclip.wait().unwrap().success());
    let field = app.field(label).await;
    field.click().await.unwrap();
    field.send_keys("\u{E009}v\u{E009}").await.unwrap();
    let pasted = app.js("return document.activeElement.value.length", vec![]).await;
    assert_eq!(pasted.as_u64(), Some(text.encode_utf16().count() as u64), "the whole e-mail was pasted");
}

/// Counts rows of `table` in the app's database file.
fn count(data: &Path, sql: &str) -> i64 {
    open_db(data).query_row(sql, [], |r| r.get(0)).unwrap()
}

#[tokio::test]
async fn a_pasted_french_rejection_from_an_ats_fills_the_outcome_form_on_its_application_and_starts_the_plan() {
    let data = data_dir();
    let ids = seed(
        data.path(),
        &[
            ("Banque Laurentienne", "Conseiller financier"),
            ("Banque Laurentienne", "Analyste de données"),
            ("Hydro Nord", "Analyste de données"),
        ],
    );
    let app = App::start_with_env(data.path(), &[("LANG", "fr_CA.UTF-8"), ("LC_ALL", "fr_CA.UTF-8")]).await;
    app.click("À partir d’un courriel…").await;
    paste(&app, "Le courriel", &email("rejet-workday.txt")).await;
    app.click("Lire").await;
    app.wait_css("form.mail-proposal").await;
    assert_eq!(value(&app, "Ce courriel est").await, "rejection");
    assert_eq!(value(&app, "Au sujet de").await, ids[1].to_string(), "the data analyst application, not the other one");
    assert_eq!(value(&app, "Entreprise").await, "Banque Laurentienne", "the employer, not Workday");
    assert_eq!(value(&app, "Reçu le").await, mail_day().format("%Y-%m-%d").to_string());
    assert!(value(&app, "Raison donnée, s’il y a lieu").await.contains("interne"));
    let marks: Value =
        app.js("return [...document.querySelectorAll('.mail-text mark')].map(m => m.textContent)", vec![]).await;
    let marks: Vec<String> = serde_json::from_value(marks).unwrap();
    assert!(marks.iter().any(|m| m.contains("donner suite")), "the deciding words are highlighted: {marks:?}");
    assert_eq!(count(data.path(), "SELECT count(*) FROM events WHERE kind = 'rejected'"), 0, "nothing written yet");

    app.field("Garder le courriel dans l’historique").await.click().await.unwrap();
    app.click("Noter ce résultat…").await;
    // The application's page, its outcome form open and filled.
    app.wait_css("form.outcome-form").await;
    assert_eq!(app.text("h2 .role").await, "Analyste de données");
    assert_eq!(value(&app, "Résultat").await, "rejected");
    app.wait_value("Date", &mail_day().format("%Y-%m-%d").to_string()).await;
    assert!(value(&app, "Raison donnée, s’il y a lieu").await.contains("interne"));
    app.click("Enregistrer le résultat").await;
    app.wait_css("section.plan li").await;
    app.wait_xpath("//li[@data-kind='email']").await;
    app.stop().await;

    let db = open_db(data.path());
    let (on, details): (String, String) = db
        .query_row(
            "SELECT occurred_on, details FROM events WHERE kind = 'rejected' AND application_id = ?1",
            [ids[1]],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(on, mail_day().format("%Y-%m-%d").to_string());
    let details: Value = serde_json::from_str(&details).unwrap();
    assert_eq!(details["channel"], "email");
    assert!(details["reason"].as_str().unwrap().contains("interne"), "{details}");
    let steps: i64 =
        db.query_row("SELECT count(*) FROM plan_steps WHERE application_id = ?1", [ids[1]], |r| r.get(0)).unwrap();
    assert!(steps >= 3, "the follow-up plan started: {steps} steps");
    let kept: String = db
        .query_row("SELECT details FROM events WHERE kind = 'email' AND application_id = ?1", [ids[1]], |r| r.get(0))
        .unwrap();
    assert!(kept.contains("candidature à l'interne"), "the e-mail is on the timeline: {kept}");
    assert_eq!(count(data.path(), "SELECT count(*) FROM events WHERE kind IN ('rejected', 'email')"), 2, "only there");
}

#[tokio::test]
async fn a_dropped_eml_invitation_fills_the_interview_form_with_the_person_who_signed() {
    let data = data_dir();
    let ids = seed(data.path(), &[("Northwind Logistics", "Operations Analyst"), ("Contoso", "Analyst")]);
    let app = App::start(data.path()).await;
    // Dropped on the first screen: the window reads it at once.
    drop_file(&app, "invite-northwind.eml", json!(email("invite-northwind.eml").as_bytes())).await;
    app.wait_css("form.mail-proposal").await;
    assert!(app.text("form.mail-proposal").await.contains("From the file invite-northwind.eml."));
    assert_eq!(value(&app, "This email is").await, "interview_invite");
    assert_eq!(value(&app, "About").await, ids[0].to_string());
    assert_eq!(value(&app, "Signed by").await, "Priya Natarajan");
    app.click("Add the interview…").await;

    // The application's edit form, with an interview on the e-mail's day and the person who signed, met there.
    app.wait_css("p.proposed").await;
    assert_eq!(value(&app, "Company").await, "Northwind Logistics");
    assert_eq!(value(&app, "Name").await, "Priya Natarajan");
    assert_eq!(value(&app, "Email").await, "priya.natarajan@northwind-logistics.com");
    assert_eq!(value(&app, "Interview date").await, mail_day().format("%Y-%m-%d").to_string());
    let met = app.field("Priya Natarajan").await;
    assert_eq!(met.prop("checked").await.unwrap().as_deref(), Some("true"));
    assert_eq!(count(data.path(), "SELECT count(*) FROM events WHERE kind = 'interview'"), 0, "nothing written yet");
    let interview_day = Local::now().date_naive() + Days::new(5);
    app.fill("Interview date", &interview_day.format("%Y-%m-%d").to_string()).await;
    app.click("Save").await;
    app.wait_css("article.detail li[data-kind='interview']").await;
    app.stop().await;

    let db = open_db(data.path());
    let (on, who): (String, String) = db
        .query_row(
            "SELECT e.occurred_on, p.name FROM events e JOIN event_people ep ON ep.event_id = e.id
               JOIN people p ON p.id = ep.person_id WHERE e.kind = 'interview' AND e.application_id = ?1",
            [ids[0]],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((on.as_str(), who.as_str()), (interview_day.format("%Y-%m-%d").to_string().as_str(), "Priya Natarajan"));
    assert_eq!(count(data.path(), "SELECT count(*) FROM events WHERE kind = 'email'"), 0, "not kept: not asked");
}

#[tokio::test]
async fn an_unrelated_email_says_so_and_writes_nothing_and_a_huge_file_is_refused() {
    let data = data_dir();
    seed(data.path(), &[("Beacon Retail", "Data Analyst")]);
    let app = App::start(data.path()).await;
    app.click("From an email…").await;
    paste(&app, "The email", &email("alert-linkedin.txt")).await;
    app.click("Read it").await;
    app.wait_css("form.mail-proposal").await;
    assert_eq!(value(&app, "This email is").await, "unrelated");
    assert!(app.text(".mail-note").await.starts_with("Nothing to record"));
    let action = app.js("return document.querySelector('form.mail-proposal button[type=submit]').hidden", vec![]).await;
    assert_eq!(action, json!(true), "no button leads anywhere");

    // A file over the cap: refused with a sentence, nothing read.
    drop_file(&app, "huge.eml", json!(rebound::mail::MAX_BYTES + 10)).await;
    let error = app
        .wait_xpath(
            "//form[contains(@class, 'mail-input')]//p[contains(@class, 'form-error') and normalize-space(.) != '']",
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(error.contains("2 MB"), "{error}");
    app.stop().await;

    assert_eq!(count(data.path(), "SELECT count(*) FROM applications"), 1);
    assert_eq!(count(data.path(), "SELECT count(*) FROM events WHERE kind <> 'applied'"), 0, "nothing written");
}
