//! Searching everything written about the applications — companies, roles, people, the notes of the timeline,
//! the private reflections — through SQLite's FTS5 index (`search`, kept current by triggers; migration 0007).
//! Accents and case are ignored; each word typed matches the start of a word ("elise" finds "Élise Roy",
//! "desj" finds "Desjardins"), and every word must match.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;

/// Marks the start and end of a matched word inside a snippet (private-use characters: never typed, and the
/// window turns them into highlights without reading the text as HTML).
pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// At most this many applications per search, the newest first.
pub const MAX_HITS: usize = 200;

/// The index's columns, in order, as the window names them.
const FIELDS: [&str; 5] = ["company", "role", "people", "notes", "reflections"];

/// One application that matches, with where it matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    pub application_id: i64,
    pub matches: Vec<Match>,
}

/// A matching field of an application and a short passage of it with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// `company`, `role`, `people`, `notes` or `reflections`.
    pub field: &'static str,
    pub snippet: String,
}

/// Runs `write` (a bulk write: an import) with the index's triggers set aside, then indexes the applications
/// from `first_new` on (ids at or above it) once each. Kept current row by row, an import of 100,000
/// applications rebuilt each one's entry at every event, person and reflection added: a minute, against
/// seconds. Meant for a transaction: should `write` fail, the caller's rollback puts the triggers back too.
/// Only for writes that add applications (with their rows) and change none already there.
pub fn bulk<T>(conn: &Connection, first_new: i64, write: impl FnOnce() -> Result<T>) -> Result<T> {
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name <> 'search' AND name LIKE 'search\\_%' ESCAPE '\\'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    let written = write()?;
    conn.execute("DELETE FROM search WHERE rowid >= ?1", [first_new])?;
    conn.execute(
        "INSERT INTO search (rowid, company, role, people, notes, reflections)
           SELECT * FROM search_documents WHERE application_id >= ?1",
        [first_new],
    )?;
    for (_, sql) in &triggers {
        conn.execute_batch(sql)?;
    }
    Ok(written)
}

/// The FTS5 query for what the user typed: each word quoted (so nothing typed is read as query syntax) and
/// matched as a prefix; words without a letter or digit are dropped. `None` when nothing is left.
fn fts_query(typed: &str) -> Option<String> {
    // A control character (a NUL pasted in) separates words like a space: inside a quoted FTS5 string, a NUL
    // ends the query early and SQLite reports a syntax error instead of a search.
    let words: Vec<String> = typed
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(12)
        .map(|w| format!("\"{}\"*", w.replace('"', "")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The applications matching `typed`, the newest first (FTS5 walks its index in that order and stops at
/// [`MAX_HITS`]; ranking every match by relevance cost 12 ms at 100,000 applications, this 1 ms — see
/// `cargo bench --bench search`), each with the fields that match.
pub fn search(conn: &Connection, typed: &str) -> Result<Vec<Hit>> {
    crate::validate::within("query", typed, crate::validate::MAX_LINE)?;
    let Some(query) = fts_query(typed) else { return Ok(Vec::new()) };
    let snippets: Vec<String> =
        (0..FIELDS.len()).map(|i| format!("snippet(search, {i}, char(57344), char(57345), '…', 12)")).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid, {} FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT {MAX_HITS}",
        snippets.join(", ")
    ))?;
    let rows = stmt.query_map([&query], |r| {
        let mut matches = Vec::new();
        for (i, field) in FIELDS.iter().enumerate() {
            let snippet: String = r.get(i + 1)?;
            if snippet.contains(MARK_START) {
                matches.push(Match { field, snippet });
            }
        }
        Ok(Hit { application_id: r.get(0)?, matches })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::journal::{self, ApplicationInput, OutcomeInput, PersonInput, ReflectionInput};
    use crate::plan::PlanOptions;

    fn marked(s: &str) -> String {
        s.replace(MARK_START, "[").replace(MARK_END, "]")
    }

    fn found(conn: &Connection, q: &str) -> Vec<(i64, Vec<(&'static str, String)>)> {
        search(conn, q)
            .unwrap()
            .into_iter()
            .map(|h| (h.application_id, h.matches.into_iter().map(|m| (m.field, marked(&m.snippet))).collect()))
            .collect()
    }

    #[test]
    fn every_written_field_is_found_without_accents_and_kept_current() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let mut input = ApplicationInput {
            company: "Société Générale".into(),
            role: "Analyste de données".into(),
            applied_on: "2026-10-01".into(),
            location: "Montréal".into(),
            people: vec![PersonInput { name: "Élise Roy".into(), ..Default::default() }],
            ..Default::default()
        };
        let a = journal::save_application(&mut conn, &input, crate::vocab::Lang::Fr, today, now).unwrap();
        let other = ApplicationInput {
            company: "Acme".into(),
            role: "Developer".into(),
            location: "Toronto".into(),
            ..input.clone()
        };
        let b = journal::save_application(
            &mut conn,
            &ApplicationInput { people: vec![], ..other },
            crate::vocab::Lang::Fr,
            today,
            now,
        )
        .unwrap();
        let outcome = OutcomeInput {
            application_id: a,
            outcome: "rejected".into(),
            date: "2026-11-20".into(),
            channel: "email".into(),
            reason: "Un profil plus expérimenté en Python".into(),
            ..Default::default()
        };
        let event = journal::log_outcome(&mut conn, &outcome, today, now, PlanOptions::default()).unwrap();
        let reflection = ReflectionInput {
            outcome_event_id: event,
            went_well: "Le cas pratique".into(),
            feelings: "Déçue, puis soulagée".into(),
            ..Default::default()
        };
        journal::save_reflection(&mut conn, &reflection, today, now).unwrap();

        assert_eq!(found(&conn, "societe"), [(a, vec![("company", "[Société] Générale".to_owned())])]);
        assert_eq!(found(&conn, "ELISE"), [(a, vec![("people", "[Élise] Roy".to_owned())])]);
        assert_eq!(found(&conn, "montr"), [(a, vec![("role", "Analyste de données · [Montréal]".to_owned())])]);
        assert_eq!(found(&conn, "python"), [(a, vec![("notes", "Un profil plus expérimenté en [Python]".to_owned())])]);
        assert_eq!(
            found(&conn, "soulagee"),
            [(a, vec![("reflections", "Le cas pratique · Déçue, puis [soulagée]".to_owned())])]
        );
        // Every word must match; the role's words are shared, the company tells them apart.
        assert_eq!(found(&conn, "acme dev").iter().map(|h| h.0).collect::<Vec<_>>(), [b]);
        assert!(found(&conn, "python acme").is_empty());
        // Typed syntax is only text.
        for q in ["\"", "-", "NOT", "a OR", "*", "(", "élise)", "col:x", "\"\"*", &"é".repeat(200)] {
            search(&conn, q).unwrap();
        }
        assert!(search(&conn, &"x".repeat(201)).is_err(), "a query longer than a line is refused");

        // Kept current: a renamed company, an edited person, a deleted application.
        conn.execute("UPDATE companies SET name = 'SG Canada' WHERE name = 'Société Générale'", []).unwrap();
        assert!(found(&conn, "societe").is_empty());
        assert_eq!(found(&conn, "sg").len(), 1);
        input.id = Some(a);
        input.company = "SG Canada".into();
        input.people = vec![PersonInput { name: "Élise Tremblay-Roy".into(), ..Default::default() }];
        journal::save_application(&mut conn, &input, crate::vocab::Lang::Fr, today, now).unwrap();
        assert_eq!(found(&conn, "tremblay").len(), 1);
        journal::trash::delete_application(&mut conn, a, now).unwrap();
        assert!(found(&conn, "python").is_empty() && found(&conn, "tremblay").is_empty());
    }

    #[test]
    fn what_the_user_types_becomes_quoted_prefixes() {
        assert_eq!(fts_query("  Desj  élise "), Some("\"Desj\"* \"élise\"*".into()));
        assert_eq!(fts_query("a\"b OR -"), Some("\"ab\"* \"OR\"*".into()));
        assert_eq!(fts_query(" - * "), None);
        assert_eq!(fts_query("Desj\0élise\u{1}"), Some("\"Desj\"* \"élise\"*".into()));
    }

    #[test]
    fn a_nul_in_the_search_box_is_text_not_a_storage_error() {
        let (conn, _) = crate::testing::journal_with_application();
        for q in ["\0", "a\0b", "\0\"", "Acme\0"] {
            assert!(search(&conn, q).is_ok(), "{q:?}");
            assert!(crate::journal::list_applications(&conn, q).is_ok(), "{q:?}");
        }
    }
}
