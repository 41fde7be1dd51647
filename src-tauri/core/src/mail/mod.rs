//! Reading an employer's e-mail offline (issue 23): what happened (a rejection, an invitation, an offer, an
//! acknowledgement, a delay, or nothing about an application), in which language, from which company, for
//! which role, signed by whom, on which day and, for a no, why. The reading is a *proposal* the window shows
//! for the user to confirm; nothing here writes to the journal.
//!
//! The pieces, each in its own file:
//! - [`parse`] turns what the user gives (pasted text with or without headers, or a raw `.eml`) into an
//!   envelope: sender, subject, the `Date:` header's local day, and the body as plain text;
//! - [`text`] cuts the reply's new part from the quoted history and reads words out of it (folded, with
//!   their offsets);
//! - [`rules`] holds the cue phrases, which are *data* (`rules/fr.json`, `rules/en.json`, `rules/senders.json`)
//!   so that someone who speaks the language can extend them without reading Rust;
//! - [`fields`] finds the company, the role and the person who signed;
//! - [`matching`] finds the open application in the journal the e-mail is about;
//! - [`score`] compares readings with a labelled corpus, for the report example and the corpus test.
//!
//! Every step is linear in the size of the e-mail and never panics; input over [`MAX_BYTES`] is refused with
//! a typed error before any parsing.

mod fields;
mod keep;
pub mod matching;
mod parse;
mod rules;
pub mod score;
mod text;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Problem, Result};
use crate::vocab::{Lang, MailKind, MailReason};

pub use keep::keep_on_timeline;
pub use matching::{candidates, match_application, Candidate};

/// The largest e-mail read: 2 MB, far above any employer's message without attachments, and small enough
/// that a reading stays instant.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// One phrase that decided the kind, as the window highlights it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evidence {
    /// The words as written in the e-mail.
    pub phrase: String,
    /// Start of the phrase in [`Reading::text`], in UTF-16 code units (a JavaScript string index), like the
    /// tone check's findings.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units.
    pub end: usize,
    /// The kind this phrase speaks for (the decided one, or a reason for it).
    pub cue: String,
}

/// What Rebound read in one e-mail. Every field is a proposal the user can correct.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reading {
    pub kind: MailKind,
    pub lang: Lang,
    /// The employer (never the ATS that sent the e-mail, nor an agency or job board passing it on).
    pub company: Option<String>,
    pub role: Option<String>,
    /// The human who signed; none for a system or a team signature.
    pub person: Option<String>,
    pub person_email: Option<String>,
    /// The local day of the `Date:` header, in that header's own offset; today when there is none.
    pub date: NaiveDate,
    /// Why it was a no, when a rejection says so.
    pub reason: Option<MailReason>,
    /// The open application it matches: filled by the caller with [`match_application`].
    pub application_id: Option<i64>,
    /// How sure the reading of the kind is, from 0 to 1.
    pub confidence: f32,
    /// The phrases that decided the kind (and the reason), as offsets into `text`.
    pub evidence: Vec<Evidence>,
    /// The e-mail as the window shows it: the subject, a blank line, then the body as plain text (decoded,
    /// HTML turned into text, quoted history included). Evidence offsets point into this text.
    pub text: String,
}

/// Reads one e-mail: pasted text (headers optional) or the bytes of an `.eml` file as text. `today` is the
/// date when the e-mail carries none. Refuses input over [`MAX_BYTES`] (`TextTooLarge` on the field `text`).
pub fn read(text: &str, today: NaiveDate) -> Result<Reading> {
    if text.len() > MAX_BYTES {
        return Err(Error::invalid("text", Problem::TextTooLarge { max_mb: (MAX_BYTES / (1024 * 1024)) as u64 }));
    }
    Ok(read_envelope(&parse::envelope(text), today))
}

/// Reads the bytes of an `.eml` file: the message's own charsets decide (a latin-1 body stays readable),
/// which a `&str` cannot promise. Over [`MAX_BYTES`]: `FileTooLarge` on the field `file`.
pub fn read_bytes(bytes: &[u8], today: NaiveDate) -> Result<Reading> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::invalid("file", Problem::FileTooLarge { max_mb: (MAX_BYTES / (1024 * 1024)) as u64 }));
    }
    Ok(read_envelope(&parse::envelope_bytes(bytes), today))
}

/// The reading of an e-mail already taken apart.
fn read_envelope(env: &parse::Envelope, today: NaiveDate) -> Reading {
    let shown = if env.subject.trim().is_empty() {
        env.body.clone()
    } else {
        format!("{}\n\n{}", env.subject.trim(), env.body)
    };
    let body_start = shown.len() - env.body.len();
    let subject_len = if body_start > 0 { env.subject.trim().len() } else { 0 };
    let subject = crate::journal::fold(&env.subject);
    let forwarded = ["fw:", "fwd:", "tr:", "tr :", "fw :", "transfert"].iter().any(|p| subject.starts_with(p));
    let new_part = text::new_part(&env.body, forwarded);
    // The words read: the subject, then the new part of the body (quoted lines left out), in `shown`'s offsets.
    let mut words = text::words(&shown, 0..subject_len, 0);
    let body_words =
        text::words_in_lines(&shown, body_start, &new_part.lines, words.last().map_or(0, |w| w.sentence + 1));
    words.extend(body_words);
    let lang = rules::language(&words);
    let verdict = rules::classify(&words, env);
    let found = fields::find(env, &shown, body_start, &new_part, &words, lang, verdict.kind);
    let evidence = verdict
        .evidence
        .iter()
        .map(|e| Evidence {
            phrase: shown.get(e.start..e.end).unwrap_or_default().to_owned(),
            start: shown.get(..e.start).map_or(0, utf16_len),
            end: shown.get(..e.end).map_or(0, utf16_len),
            cue: e.cue.clone(),
        })
        .collect();
    Reading {
        kind: verdict.kind,
        lang,
        company: found.company,
        role: found.role,
        person: found.person,
        person_email: found.person_email,
        date: env.date.or_else(|| env.month_day.and_then(|(m, d)| day_without_year(m, d, today))).unwrap_or(today),
        reason: verdict.reason,
        application_id: None,
        confidence: verdict.confidence,
        evidence,
        text: shown,
    }
}

/// The day `month`/`day` that is today or the closest before it (an e-mail is not from the future).
fn day_without_year(month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    let this_year = NaiveDate::from_ymd_opt(today.year(), month, day);
    match this_year {
        Some(d) if d <= today => Some(d),
        _ => NaiveDate::from_ymd_opt(today.year() - 1, month, day),
    }
}

/// The length of `s` in UTF-16 code units (a JavaScript string's length).
fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}
