//! The error the UI receives: `{kind, message, fields}`. `kind` lets the UI branch, `message` is a sentence
//! in the user's language, and `fields` says which form fields were refused and why.

use serde::Serialize;

use crate::error::{Error, Problem};
use crate::i18n::t;
use crate::vocab::Lang;

/// One refused field, ready to show beside it.
#[derive(Debug, Serialize)]
pub struct IpcFieldError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

/// An error crossing IPC.
#[derive(Debug, Serialize)]
pub struct IpcError {
    /// `invalid`, `not_found`, `storage` or `internal`.
    pub kind: &'static str,
    pub message: String,
    pub fields: Vec<IpcFieldError>,
}

fn problem_text(lang: Lang, p: Problem) -> (&'static str, String) {
    match p {
        Problem::Required => ("required", t(lang, "error.required", &[])),
        Problem::TooLong { max } => ("too_long", t(lang, "error.too_long", &[("max", max.to_string())])),
        Problem::NotADate => ("not_a_date", t(lang, "error.not_a_date", &[])),
        Problem::TooFarAhead => ("too_far_ahead", t(lang, "error.too_far_ahead", &[])),
        Problem::BeforeApplication => ("before_application", t(lang, "error.before_application", &[])),
        Problem::ControlCharacter => ("control_character", t(lang, "error.control_character", &[])),
        Problem::NotWebAddress => ("not_web_address", t(lang, "error.not_web_address", &[])),
        Problem::NotEmail => ("not_email", t(lang, "error.not_email", &[])),
        Problem::NotAChoice => ("not_a_choice", t(lang, "error.not_a_choice", &[])),
        Problem::NotAfterToday => ("not_after_today", t(lang, "error.not_after_today", &[])),
        Problem::InTheFuture => ("in_the_future", t(lang, "error.in_the_future", &[])),
        Problem::AlreadyClosed => ("already_closed", t(lang, "error.already_closed", &[])),
        Problem::TemplateSyntax { line } => {
            ("template_syntax", t(lang, "error.template_syntax", &[("line", line.to_string())]))
        }
        Problem::NotSecureAddress => ("not_secure_address", t(lang, "error.not_secure_address", &[])),
        Problem::OutOfRange { min, max } => {
            ("out_of_range", t(lang, "error.out_of_range", &[("min", min.to_string()), ("max", max.to_string())]))
        }
        Problem::NotATime => ("not_a_time", t(lang, "error.not_a_time", &[])),
        Problem::NotRebound => ("not_rebound", t(lang, "error.not_rebound", &[])),
        Problem::NewerFile => ("newer_file", t(lang, "error.newer_file", &[])),
        Problem::NotCsv => ("not_csv", t(lang, "error.not_csv", &[])),
        Problem::FileTooLarge { max_mb } => {
            ("file_too_large", t(lang, "error.file_too_large", &[("max", max_mb.to_string())]))
        }
        Problem::TextTooLarge { max_mb } => {
            ("text_too_large", t(lang, "error.text_too_large", &[("max", max_mb.to_string())]))
        }
        Problem::NameTaken => ("name_taken", t(lang, "error.name_taken", &[])),
        Problem::NotAFile => ("not_a_file", t(lang, "error.not_a_file", &[])),
    }
}

impl IpcError {
    /// Translates a domain error for the user, in `lang`.
    pub fn from_domain(e: Error, lang: Lang) -> Self {
        let (kind, key) = match &e {
            Error::Invalid(_) => ("invalid", "error.invalid"),
            Error::NotFound(_) => ("not_found", "error.not_found"),
            Error::Db(_) | Error::Migration(_) | Error::Io { .. } => ("storage", "error.storage"),
            Error::NewerDatabase => ("newer_database", "error.newer_database"),
            Error::AlreadyOpen => ("already_open", "error.already_open"),
        };
        if kind == "storage" {
            // The details are for the log, not for the user.
            log::error!("{e}");
        }
        let fields = match e {
            Error::Invalid(list) => list
                .into_iter()
                .map(|f| {
                    let (code, message) = problem_text(lang, f.problem);
                    IpcFieldError { field: f.field, code, message }
                })
                .collect(),
            _ => Vec::new(),
        };
        IpcError { kind, message: t(lang, key, &[]), fields }
    }

    /// A calendar server's answer for the user: the sentence, on the field it is about (the address, the password
    /// or the calendar).
    pub fn calendar(e: &crate::caldav::Error, lang: Lang) -> Self {
        use crate::caldav::Error as E;
        let field = match e {
            E::Credentials => "password",
            E::Forbidden | E::NotFound | E::Conflict => "calendar",
            _ => "url",
        };
        Self::calendar_on(e, field, lang)
    }

    /// [`Self::calendar`] on `field`, but a refused password, which is always about the password.
    pub fn calendar_on(e: &crate::caldav::Error, field: &str, lang: Lang) -> Self {
        use crate::caldav::Error as E;
        let field = if matches!(e, E::Credentials) { "password" } else { field };
        log::info!("calendar: {e}");
        let target = match e {
            E::Redirected(to) => Some(to.as_str()),
            _ => None,
        };
        let message = Self::calendar_sentence(e.code(), target, lang);
        IpcError {
            kind: "calendar",
            message: message.clone(),
            fields: vec![IpcFieldError { field: field.to_owned(), code: e.code(), message }],
        }
    }

    /// A calendar problem of Rebound's own (`keyring`…) on `field`.
    pub fn calendar_code(code: &'static str, field: &str, lang: Lang) -> Self {
        let message = Self::calendar_sentence(code, None, lang);
        IpcError {
            kind: "calendar",
            message: message.clone(),
            fields: vec![IpcFieldError { field: field.to_owned(), code, message }],
        }
    }

    /// The sentence for a calendar error's code (`caldav.error.CODE` in the catalogue).
    pub fn calendar_sentence(code: &str, target: Option<&str>, lang: Lang) -> String {
        let args = [("target", target.unwrap_or_default().to_owned())];
        let key = format!("caldav.error.{code}");
        let text = t(lang, &key, &args);
        if text == key {
            t(lang, "caldav.error.server", &args)
        } else {
            text
        }
    }

    /// A failure of the shell itself (a window that would not close…).
    pub fn internal(detail: impl std::fmt::Display, lang: Lang) -> Self {
        log::error!("{detail}");
        IpcError { kind: "internal", message: t(lang, "error.internal", &[]), fields: Vec::new() }
    }
}
