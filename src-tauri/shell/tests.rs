//! Command tests through tauri's mock runtime: the real command list, the real capability file (the context is
//! the app's own, so a command missing from the capability fails here), a real data folder on disk.

use std::path::Path;

use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{ipc::InvokeBody, App, WebviewWindow, WebviewWindowBuilder};

type Mock = tauri::test::MockRuntime;

fn start(dir: &Path) -> (App<Mock>, WebviewWindow<Mock>) {
    let mut app = crate::build(mock_builder(), Some(dir.to_path_buf()))
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    // The setup hook (which opens the journal and settings) runs on the first turn of the event loop. One turn,
    // not a loop, so the busy-loop this method is deprecated for cannot happen.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = WebviewWindowBuilder::new(&app, crate::shell::window::MAIN, Default::default())
        .build()
        .expect("a mock main window");
    (app, window)
}

fn invoke(w: &WebviewWindow<Mock>, cmd: &str, args: Value) -> Result<Value, Value> {
    call(w, cmd, InvokeBody::Json(args), Default::default())
}

/// One call as the window's bridge makes it: a body (JSON arguments, or raw bytes) and headers.
fn call(w: &WebviewWindow<Mock>, cmd: &str, body: InvokeBody, headers: tauri::http::HeaderMap) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body,
            headers,
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("JSON response"))
}

#[test]
fn save_list_and_get_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = start(dir.path());
    let id = invoke(
        &w,
        "save_application",
        json!({"input": {"company": "Desjardins", "role": "Analyste", "appliedOn": "2026-10-01", "lang": "fr",
                         "people": [{"name": "Marie"}],
                         "interviews": [{"date": "2026-10-10", "format": "video", "met": [0]}]}}),
    )
    .unwrap();
    let list = invoke(&w, "list_applications", json!({"query": "desj"})).unwrap();
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["status"], "interviewing");
    assert_eq!(list[0]["lastEventOn"], "2026-10-10");
    let page = invoke(&w, "first_applications", json!({"limit": 100})).unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"], list);

    let ev = invoke(
        &w,
        "log_outcome",
        json!({"input": {"applicationId": id, "outcome": "rejected", "date": "2026-10-20", "channel": "email"}}),
    )
    .unwrap();
    invoke(&w, "save_reflection", json!({"input": {"outcomeEventId": ev, "wentWell": "Prepared"}})).unwrap();
    let detail = invoke(&w, "get_application", json!({"id": id})).unwrap();
    assert_eq!(detail["status"], "rejected");
    let kinds: Vec<&str> = detail["timeline"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["applied", "interview", "rejected", "plan_created", "reflection"]);
    let history = invoke(&w, "get_company_history", json!({"companyId": detail["companyId"]})).unwrap();
    assert_eq!(history["people"][0]["name"], "Marie");
    assert!(dir.path().join(crate::db::DB_FILE).exists(), "the journal is a file in the data folder");
}

#[test]
fn errors_cross_ipc_as_kind_message_and_fields_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = start(dir.path());
    invoke(&w, "save_settings", json!({"settings": {"language": "en"}})).unwrap();
    let err =
        invoke(&w, "save_application", json!({"input": {"company": " ", "role": "Dev", "appliedOn": "2026-02-30"}}))
            .unwrap_err();
    assert_eq!(
        err,
        json!({"kind": "invalid", "message": "Some fields need a second look: see the note beside each.", "fields": [
            {"field": "company", "code": "required", "message": "Fill in this field."},
            {"field": "appliedOn", "code": "not_a_date", "message": "Rebound cannot read this date. Try 2026-11-26, “yesterday” or “3 days ago”."}
        ]})
    );

    invoke(&w, "save_settings", json!({"settings": {"language": "fr"}})).unwrap();
    let err = invoke(&w, "get_application", json!({"id": 404})).unwrap_err();
    assert_eq!(
        err,
        json!({"kind": "not_found", "message": "Cette entrée n’existe plus : elle a peut-être été supprimée. Revenez à la liste.", "fields": []})
    );
    let err = invoke(&w, "save_settings", json!({"settings": {"language": "de", "myName": "A\u{7}"}})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(err["fields"][0]["message"], "Choisissez une des options.");
    assert_eq!(err["fields"][1]["field"], "myName");
    // A refused save changed nothing.
    assert_eq!(invoke(&w, "get_settings", json!({})).unwrap()["language"], "fr");
}

#[test]
fn settings_are_kept_in_the_data_folder_and_read_back_at_start() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (_app, w) = start(dir.path());
        let boot = invoke(&w, "get_bootstrap", json!({})).unwrap();
        assert!(boot["lang"] == "fr" || boot["lang"] == "en");
        assert_eq!(boot["dataDir"], dir.path().display().to_string());
        assert_eq!(boot["notice"], Value::Null);
        let saved = invoke(
            &w,
            "save_settings",
            json!({"settings": {"language": "fr", "myName": " Alex Roy ", "signature": "Alex Roy\n514 555-0199"}}),
        )
        .unwrap();
        assert_eq!(saved["myName"], "Alex Roy");
    }
    let file: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join(crate::settings::SETTINGS_FILE)).unwrap()).unwrap();
    assert_eq!(
        file,
        json!({"language": "fr", "myName": "Alex Roy", "signature": "Alex Roy\n514 555-0199", "checkInDays": 90,
               "probation": "", "reminderTime": "09:00", "notifications": true, "keepInTray": true, "startAtLogin": false,
               "calendar": {"enabled": false, "url": "", "user": "", "calendar": "", "calendarName": ""}})
    );

    let (_app, w) = start(dir.path());
    let boot = invoke(&w, "get_bootstrap", json!({})).unwrap();
    assert_eq!(boot["lang"], "fr");
    assert_eq!(boot["strings"]["nav.applications"], "Candidatures");
    assert_eq!(invoke(&w, "get_settings", json!({})).unwrap()["myName"], "Alex Roy");
}

#[test]
fn a_damaged_settings_file_is_kept_aside_and_the_user_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::settings::SETTINGS_FILE);
    std::fs::write(&path, b"{\"language\": \"fr\", oops").unwrap();
    let (_app, w) = start(dir.path());
    let boot = invoke(&w, "get_bootstrap", json!({})).unwrap();
    assert!(boot["notice"].as_str().unwrap().len() > 20, "{boot}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("settings.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(dir.path().join(&aside[0])).unwrap(), b"{\"language\": \"fr\", oops");
    assert_eq!(invoke(&w, "get_settings", json!({})).unwrap()["language"], Value::Null);
}

#[test]
fn the_window_may_call_only_rebounds_own_commands() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = start(dir.path());
    // The UI must not open the settings store itself, nor reach any other plugin.
    let denied = invoke(&w, "plugin:store|load", json!({"path": "/tmp/elsewhere.json"}));
    let message = denied.expect_err("the store plugin is not granted").to_string();
    assert!(message.contains("not allowed"), "{message}");
    assert!(invoke(&w, "get_settings", json!({})).is_ok());
}

#[test]
fn plan_messages_and_tone_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = start(dir.path());
    invoke(&w, "save_settings", json!({"settings": {"language": "en", "myName": "Alex Martin"}})).unwrap();
    let id = invoke(
        &w,
        "save_application",
        json!({"input": {"company": "Desjardins", "role": "Analyste", "appliedOn": "2026-10-01", "lang": "fr",
                         "people": [{"name": "Marie Tremblay", "linkedinUrl": "http://linkedin.example/in/m"}]}}),
    )
    .unwrap();
    invoke(
        &w,
        "log_outcome",
        json!({"input": {"applicationId": id, "outcome": "rejected", "date": "2026-10-20", "channel": "email",
                         "feedback": "separate"}}),
    )
    .unwrap();
    let steps = invoke(&w, "list_steps", json!({"applicationId": id})).unwrap();
    let kinds: Vec<&str> = steps.as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["thank_you", "feedback", "keep_in_touch", "linkedin", "check_in"]);
    assert_eq!(steps[4]["dueOn"], "2027-01-18", "90 days after the rejection");

    let r = invoke(
        &w,
        "render_message",
        json!({"request": {"applicationId": id, "kind": "thank_you", "lang": "fr", "stepId": steps[0]["id"]}}),
    )
    .unwrap();
    let body = r["body"].as_str().unwrap();
    assert!(body.starts_with("Bonjour Marie Tremblay,") && body.contains("Desjardins") && body.contains("Alex Martin"));
    assert_eq!(r["missing"], json!([]));

    let findings = invoke(&w, "check_tone", json!({"text": "Merci pour rien, BANDE D'ÉPAIS", "lang": "fr"})).unwrap();
    let rules: Vec<&str> = findings.as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
    // An insult in capitals is an insult (it holds the copy); the sarcasm only deserves a second look.
    assert!(rules.contains(&"sarcasm") && rules.contains(&"insult"), "{findings}");
    let severity =
        |rule: &str| findings.as_array().unwrap().iter().find(|f| f["rule"] == rule).unwrap()["severity"].clone();
    assert_eq!((severity("insult"), severity("sarcasm")), (json!("stop"), json!("second_look")));
    assert_eq!(findings[0]["message"].as_str().map(|m| m.is_ascii()), Some(true), "reasons in the UI language (en)");
    assert_eq!(invoke(&w, "check_tone", json!({"text": "Merci pour votre temps.", "lang": "fr"})).unwrap(), json!([]));

    // Rust checks what it opens, whatever the UI sends.
    let err = invoke(&w, "open_link", json!({"url": "javascript:alert(1)"})).unwrap_err();
    assert_eq!(err["fields"][0]["code"], "not_secure_address");
    let err = invoke(&w, "open_link", json!({"url": "http://linkedin.example/in/m"})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    let err =
        invoke(&w, "open_mail", json!({"to": "x@y.z?bcc=spy@evil.test", "subject": "s", "body": "b"})).unwrap_err();
    assert_eq!(err["fields"][0]["field"], "to");

    let err = invoke(
        &w,
        "act_on_step",
        json!({"input": {"stepId": steps[0]["id"], "action": "snooze", "date": "2020-01-01"}}),
    )
    .unwrap_err();
    assert_eq!(err["fields"][0]["message"], "Pick a day after today.");
    let err = invoke(&w, "render_message", json!({"request": {"applicationId": id, "kind": "ransom", "lang": "fr"}}))
        .unwrap_err();
    assert_eq!(err["kind"], "not_found");
}

#[test]
fn no_input_ends_or_freezes_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = start(dir.path());
    invoke(&w, "save_settings", json!({"settings": {"language": "en"}})).unwrap();
    // A LinkedIn address valid at save time (http is allowed there) but sliced by bytes inside "é" when opened:
    // it used to end the app. Now: a plain refusal, and the app answers the next call.
    let err = invoke(&w, "open_link", json!({"url": "http://éxample.org/in/x"})).unwrap_err();
    assert_eq!(err["fields"][0]["code"], "not_secure_address");
    assert!(invoke(&w, "get_settings", json!({})).is_ok());

    // A runaway template (a million iterations) runs out of fuel and says so, quickly.
    let started = std::time::Instant::now();
    let r = invoke(
        &w,
        "render_message",
        json!({"request": {"kind": "thank_you", "lang": "en", "subject": "s",
               "body": "{% for a in range(1000) %}{% for b in range(1000) %}x{% endfor %}{% endfor %}"}}),
    )
    .unwrap();
    assert_eq!(r["body"], "");
    assert!(r["error"]["detail"].as_str().unwrap().contains("fuel"), "{r}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());

    // Texts past their cap are refused before any work, with the limit in the sentence.
    let huge = "a".repeat(crate::messages::MAX_MESSAGE + 1);
    for (cmd, args) in [
        ("check_tone", json!({"text": huge, "lang": "en"})),
        ("copy_text", json!({"text": huge})),
        ("open_mail", json!({"to": "", "subject": "s", "body": huge})),
        ("list_applications", json!({"query": "q".repeat(201)})),
        ("render_message", json!({"request": {"kind": "thank_you", "lang": "en", "body": huge}})),
    ] {
        let err = invoke(&w, cmd, args).unwrap_err();
        assert_eq!(err["kind"], "invalid", "{cmd}: {err}");
        assert_eq!(err["fields"][0]["code"], "too_long", "{cmd}: {err}");
    }
}

#[test]
fn back_up_and_restore_through_ipc_bring_back_the_journal_and_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = start(dir.path());
    invoke(&w, "save_settings", json!({"settings": {"language": "en", "myName": "Before"}})).unwrap();
    invoke(
        &w,
        "save_application",
        json!({"input": {"company": "Desjardins", "role": "Analyste", "appliedOn": "2026-10-01", "lang": "fr"}}),
    )
    .unwrap();
    let b = invoke(&w, "back_up_now", json!({})).unwrap();
    assert_eq!(b["applications"], 1);
    assert_eq!(b["reason"], "manual");

    invoke(
        &w,
        "save_application",
        json!({"input": {"company": "Cirque du Soleil", "role": "Dev", "appliedOn": "2026-10-02", "lang": "fr"}}),
    )
    .unwrap();
    invoke(&w, "save_settings", json!({"settings": {"language": "en", "myName": "After"}})).unwrap();
    invoke(&w, "restore_backup", json!({"file": b["file"]})).unwrap();

    let list = invoke(&w, "list_applications", json!({"query": ""})).unwrap();
    let companies: Vec<&str> = list.as_array().unwrap().iter().map(|a| a["company"].as_str().unwrap()).collect();
    assert_eq!(companies, ["Desjardins"]);
    assert_eq!(invoke(&w, "get_settings", json!({})).unwrap()["myName"], "Before");
    // The journal as it was before the restore was kept as a backup of its own.
    let backups = invoke(&w, "list_backups", json!({})).unwrap();
    let kept = backups.as_array().unwrap().iter().find(|b| b["reason"] == "before_restore").expect("kept aside");
    assert_eq!(kept["applications"], 2);
    // Only a backup's name is accepted, never a path.
    let err = invoke(&w, "restore_backup", json!({"file": "../rebound.sqlite3"})).unwrap_err();
    assert_eq!(err["kind"], "not_found");
}

mod hostile_input {
    //! Every command the UI can call, fed random and hostile values (any Unicode, huge, negative, wrong types):
    //! each answers — a value or a `{kind, message}` error — and the app keeps answering. Commands that reach
    //! outside the app (clipboard, mail app, browser, closing the window) are fed only through their checks'
    //! refusals above.
    use super::*;
    use proptest::prelude::*;

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| json!(f)),
            ".{0,40}".prop_map(Value::from),
            "[0-9-]{0,12}".prop_map(Value::from),
            (0usize..3000).prop_map(|n| Value::from("é".repeat(n))),
        ];
        leaf.prop_recursive(3, 24, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::hash_map(
                    prop_oneof![
                        Just("company".to_owned()),
                        Just("role".to_owned()),
                        Just("appliedOn".to_owned()),
                        Just("applicationId".to_owned()),
                        Just("stepId".to_owned()),
                        Just("kind".to_owned()),
                        Just("lang".to_owned()),
                        Just("people".to_owned()),
                        Just("date".to_owned()),
                        "[a-zA-Z]{1,10}"
                    ],
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// (command, argument names) for every command safe to call with anything.
    const COMMANDS: &[(&str, &[&str])] = &[
        ("get_bootstrap", &[]),
        ("list_applications", &["query"]),
        ("first_applications", &["limit"]),
        ("get_application", &["id"]),
        ("save_application", &["input"]),
        ("read_date", &["text", "ahead"]),
        ("search_journal", &["query"]),
        ("get_insights", &["from", "to"]),
        ("log_outcome", &["input"]),
        ("save_reflection", &["input"]),
        ("get_company_history", &["companyId"]),
        ("get_settings", &[]),
        ("list_steps", &["applicationId"]),
        ("list_todo", &[]),
        ("list_focus", &[]),
        ("list_older", &[]),
        ("dismiss_older", &[]),
        ("undo_dismiss", &["at"]),
        ("act_on_step", &["input"]),
        ("log_message_sent", &["applicationId", "kind", "channel", "personId"]),
        ("log_reply", &["applicationId", "note"]),
        ("list_people", &[]),
        ("set_keep_in_touch", &["personId", "months"]),
        ("log_contact", &["personId", "date", "note"]),
        ("get_template", &["kind", "lang"]),
        ("save_template", &["template"]),
        ("template_versions", &["kind", "lang"]),
        ("delete_template", &["id"]),
        ("render_message", &["request"]),
        ("check_tone", &["text", "lang"]),
        ("list_backups", &[]),
        ("restore_backup", &["file"]),
        ("delete_application", &["id"]),
        ("delete_person", &["id"]),
        ("delete_interview", &["id"]),
        ("undo_delete", &["trashId"]),
        ("calendar_status", &[]),
        ("calendar_disconnect", &[]),
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]
        #[test]
        fn every_command_answers_whatever_it_is_sent(
            values in prop::collection::vec(prop::collection::vec(any_json(), 4), COMMANDS.len()),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let (_app, w) = start(dir.path());
            for ((cmd, names), values) in COMMANDS.iter().zip(values) {
                let args: serde_json::Map<String, Value> =
                    names.iter().zip(values).map(|(n, v)| (n.to_string(), v)).collect();
                let started = std::time::Instant::now();
                if let Err(e) = invoke(&w, cmd, Value::Object(args.clone())) {
                    // A refusal is an object the UI can show, or the bridge's own message for a wrong type.
                    prop_assert!(e.get("message").is_some() || e.is_string(), "{cmd} {args:?}: {e}");
                }
                prop_assert!(started.elapsed() < std::time::Duration::from_secs(10), "{cmd} took {:?}", started.elapsed());
            }
            // Still answering, and the journal still opens.
            let still = invoke(&w, "list_applications", json!({"query": ""}));
            prop_assert!(still.is_ok(), "{:?}", still);
        }

        /// The same, with each command's arguments of the right JSON shape but hostile text in every string.
        #[test]
        fn every_command_answers_hostile_text_in_the_right_shape(text in prop_oneof![
            ".{0,60}",
            "\\PC{0,30}",
            (0usize..25_000).prop_map(|n| "é🙂".repeat(n / 2)),
            Just(String::new()),
            Just("{{ x }}{% for a in range(99999) %}{% endfor %}".to_owned()),
        ], n in any::<i64>()) {
            let dir = tempfile::tempdir().unwrap();
            let (_app, w) = start(dir.path());
            let calls = [
                ("list_applications", json!({"query": text})),
                ("search_journal", json!({"query": text})),
                ("get_insights", json!({"from": text, "to": "2026-11-26"})),
                ("get_application", json!({"id": n})),
                ("save_application", json!({"input": {"company": text, "role": text, "appliedOn": text, "lang": text,
                    "people": [{"name": text, "email": text, "linkedinUrl": text}],
                    "interviews": [{"date": text, "format": text, "met": [n]}]}})),
                ("log_outcome", json!({"input": {"applicationId": n, "outcome": text, "date": text, "channel": text}})),
                ("save_reflection", json!({"input": {"outcomeEventId": n, "wentWell": text}})),
                ("get_company_history", json!({"companyId": n})),
                ("list_steps", json!({"applicationId": n})),
                ("act_on_step", json!({"input": {"stepId": n, "action": text, "date": text, "channel": text}})),
                ("log_message_sent", json!({"applicationId": n, "kind": text, "channel": text})),
                ("log_reply", json!({"applicationId": n, "note": text})),
                ("log_contact", json!({"personId": n, "date": text, "note": text})),
                ("set_keep_in_touch", json!({"personId": n, "months": n})),
                ("get_template", json!({"kind": text, "lang": text})),
                ("save_template", json!({"template": {"kind": "thank_you", "lang": "en", "subject": text, "body": text}})),
                ("template_versions", json!({"kind": text, "lang": text})),
                ("save_template", json!({"template": {"kind": "nudge", "lang": "fr", "name": text, "body": "x", "default": true}})),
                ("delete_template", json!({"id": n})),
                ("render_message", json!({"request": {"kind": "thank_you", "lang": "fr", "subject": text, "body": text}})),
                ("render_message", json!({"request": {"kind": "nudge", "lang": "fr", "templateId": n}})),
                ("check_tone", json!({"text": text, "lang": "fr"})),
                ("check_tone", json!({"text": text, "lang": "en"})),
                ("restore_backup", json!({"file": text})),
                ("delete_interview", json!({"id": n})),
                ("delete_person", json!({"id": n})),
                ("delete_application", json!({"id": n})),
                ("undo_delete", json!({"trashId": n})),
            ];
            for (cmd, args) in calls {
                let started = std::time::Instant::now();
                if let Err(e) = invoke(&w, cmd, args) {
                    prop_assert!(e.get("message").is_some() || e.is_string(), "{cmd}: {e}");
                }
                prop_assert!(started.elapsed() < std::time::Duration::from_secs(10), "{cmd} took {:?}", started.elapsed());
            }
            let still = invoke(&w, "list_applications", json!({"query": ""}));
            prop_assert!(still.is_ok(), "{:?}", still);
        }
    }
}

/// Like [`invoke`], with `body` as the call's raw bytes and `headers` (what `ipc.readEmailFile` sends).
fn invoke_raw(w: &WebviewWindow<Mock>, cmd: &str, body: Vec<u8>, headers: &[(&str, &str)]) -> Result<Value, Value> {
    let mut map = tauri::http::HeaderMap::new();
    for (k, v) in headers {
        map.insert(tauri::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
    }
    call(w, cmd, InvokeBody::Raw(body), map)
}

#[test]
fn an_email_is_read_and_matched_through_ipc_and_nothing_is_written_until_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = start(dir.path());
    invoke(&w, "save_settings", json!({"settings": {"language": "en"}})).unwrap();
    let applied = (chrono::Local::now().date_naive() - chrono::Days::new(30)).format("%Y-%m-%d").to_string();
    let id = invoke(
        &w,
        "save_application",
        json!({"input": {"company": "Northwind Logistics Inc.", "role": "Operations Analyst", "appliedOn": applied}}),
    )
    .unwrap();
    let mail =
        "From: Priya Natarajan <priya@northwind-logistics.com>\r\nSubject: Your application\r\n\r\nHi Sam,\r\n\r\n\
                Thank you for your interest in the Operations Analyst role at Northwind Logistics. After careful \
                consideration, we have decided not to move forward with your application.\r\n\r\nPriya Natarajan\r\n";
    let events = |w: &WebviewWindow<Mock>| {
        invoke(w, "get_application", json!({"id": id})).unwrap()["timeline"].as_array().unwrap().len()
    };
    let before = events(&w);
    let read = invoke(&w, "read_email", json!({"text": mail})).unwrap();
    assert_eq!(read["kind"], "rejection");
    assert_eq!(read["applicationId"], id, "matched without its legal suffix");
    assert_eq!(read["candidates"][0]["role"], "Operations Analyst");
    assert!(read["evidence"].as_array().is_some_and(|e| !e.is_empty()));
    // The same e-mail as a dropped file's bytes, its name in a header.
    let file =
        invoke_raw(&w, "read_email_file", mail.as_bytes().to_vec(), &[("x-file-name", "R%C3%A9ponse.eml")]).unwrap();
    assert_eq!((file["kind"].clone(), file["file"].clone()), (json!("rejection"), json!("Réponse.eml")));
    assert_eq!(events(&w), before, "reading writes nothing");

    // Refusals, each a sentence on its field; the app answers the next call.
    let huge = "a".repeat(crate::mail::MAX_BYTES + 1);
    let err = invoke(&w, "read_email", json!({"text": huge})).unwrap_err();
    assert_eq!(err["fields"][0]["field"], "text");
    assert_eq!(err["fields"][0]["code"], "text_too_large");
    let err = invoke_raw(&w, "read_email_file", huge.into_bytes(), &[]).unwrap_err();
    assert_eq!(
        (err["fields"][0]["field"].clone(), err["fields"][0]["code"].clone()),
        (json!("file"), json!("file_too_large"))
    );
    assert!(err["fields"][0]["message"].as_str().unwrap().contains("2 MB"), "{err}");
    let err = invoke(&w, "keep_email", json!({"applicationId": id, "date": "2099-01-01", "text": mail})).unwrap_err();
    assert_eq!(err["fields"][0]["field"], "date");
    assert_eq!(events(&w), before);

    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    invoke(&w, "keep_email", json!({"applicationId": id, "date": today, "text": read["text"]})).unwrap();
    let timeline = invoke(&w, "get_application", json!({"id": id})).unwrap()["timeline"].clone();
    let kept = timeline.as_array().unwrap().iter().find(|e| e["kind"] == "email").expect("the e-mail on the timeline");
    assert!(kept["details"]["text"].as_str().unwrap().contains("not to move forward"));
}

#[test]
fn the_calendar_is_off_until_connected_and_a_bad_account_is_refused_beside_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = start(dir.path());
    invoke(&w, "save_settings", json!({"settings": {"language": "en"}})).unwrap();
    let off = invoke(&w, "calendar_status", json!({})).unwrap();
    assert_eq!(off["settings"]["enabled"], false, "{off}");
    assert_eq!(off["status"]["pending"], 0, "{off}");
    assert!(off["error"].is_null(), "{off}");

    let refused = |url: &str, user: &str, password: &str| {
        invoke(&w, "calendar_discover", json!({"url": url, "user": user, "password": password})).unwrap_err()
    };
    // Nothing typed: each field says it is required.
    let err = refused("", "", "");
    let fields: Vec<_> = err["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["url", "user", "password"], "{err}");
    // A password must not travel in clear to another machine.
    let err = refused("http://cloud.example.org/", "lea", "secret");
    assert_eq!((err["kind"].as_str(), err["fields"][0]["field"].as_str()), (Some("calendar"), Some("url")), "{err}");
    assert_eq!(err["fields"][0]["code"], "insecure", "{err}");
    assert!(err["message"].as_str().unwrap().contains("in clear"), "{err}");
    // Nothing listening there: said plainly, on the address.
    let err = refused("http://127.0.0.1:9/", "lea", "secret");
    assert_eq!(err["fields"][0]["code"], "unreachable", "{err}");
    assert!(err["message"].as_str().unwrap().contains("No server answers"), "{err}");
    // The same in French.
    invoke(&w, "save_settings", json!({"settings": {"language": "fr"}})).unwrap();
    let err = refused("http://cloud.example.org/", "lea", "secret");
    assert!(err["message"].as_str().unwrap().contains("en clair"), "{err}");
    // Connecting with a refused account saves nothing and turns nothing on.
    let err = invoke(
        &w,
        "calendar_connect",
        json!({"url": "http://127.0.0.1:9/", "user": "lea", "password": "secret", "calendar": "", "create": true}),
    )
    .unwrap_err();
    assert_eq!(err["fields"][0]["code"], "unreachable", "{err}");
    let settings = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(!settings.contains("127.0.0.1") && !settings.contains("secret"), "{settings}");
    assert_eq!(invoke(&w, "calendar_status", json!({})).unwrap()["settings"]["enabled"], false);
}
