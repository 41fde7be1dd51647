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
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
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
        json!({"kind": "invalid", "message": "Some fields need a second look.", "fields": [
            {"field": "company", "code": "required", "message": "This field is required."},
            {"field": "appliedOn", "code": "not_a_date", "message": "Write the date as YYYY-MM-DD, e.g. 2026-11-26."}
        ]})
    );

    invoke(&w, "save_settings", json!({"settings": {"language": "fr"}})).unwrap();
    let err = invoke(&w, "get_application", json!({"id": 404})).unwrap_err();
    assert_eq!(err, json!({"kind": "not_found", "message": "Cette entrée n’existe plus.", "fields": []}));
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
               "reminderTime": "09:00", "notifications": true, "keepInTray": true, "startAtLogin": false})
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
    assert!(rules.contains(&"sarcasm") && rules.contains(&"shouting"), "{findings}");
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
