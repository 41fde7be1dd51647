//! Generates the Tauri context and the permissions for each app command.
//! Every command the UI may call is listed here; `capabilities/main.json` grants them to the main window.

const COMMANDS: &[&str] = &[
    "get_bootstrap",
    "list_applications",
    "first_applications",
    "get_application",
    "save_application",
    "read_date",
    "search_journal",
    "get_insights",
    "export_insights",
    "export_chart",
    "log_outcome",
    "save_reflection",
    "get_company_history",
    "get_settings",
    "save_settings",
    "close_window",
    "list_steps",
    "list_todo",
    "list_focus",
    "list_older",
    "dismiss_older",
    "undo_dismiss",
    "act_on_step",
    "log_message_sent",
    "log_reply",
    "list_people",
    "set_keep_in_touch",
    "log_contact",
    "get_template",
    "save_template",
    "template_versions",
    "delete_template",
    "render_message",
    "check_tone",
    "copy_text",
    "open_mail",
    "open_link",
    "list_backups",
    "back_up_now",
    "restore_backup",
    "delete_application",
    "delete_person",
    "delete_interview",
    "undo_delete",
    "export_journal",
    "export_csv",
    "export_ics",
    "pick_import",
    "import_journal",
    "import_csv",
    "cancel_import",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri build script failed");
}
