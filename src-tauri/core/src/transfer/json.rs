//! The whole journal as one JSON document, and back.
//!
//! Format (documented in the README), version 1:
//! `{"format": "rebound", "version": 1, "schemaVersion": N, "exportedAt": "<UTC RFC 3339>",
//!   "settings": {…} | null, "tables": {"companies": [row, …], "applications": […], …}}` where each row is an
//! object of the table's columns as stored (days `YYYY-MM-DD`, instants RFC 3339, JSON details as text).
//!
//! Into an empty journal, an import restores every table exactly (ids included). Into a journal that already
//! holds applications, it merges: [`preview`] says what it will do — new applications, those already there
//! (same company, role and date, same content), and conflicting ones (same company, role and date, different
//! content: yours are kept) — and [`import`] applies all of it in one transaction, or nothing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::db::rows::{self, Row};
use crate::error::{Error, Problem, Result};
use crate::journal::fold;

/// The `format` field's value.
pub const FORMAT: &str = "rebound";
/// The version of this document's layout.
pub const VERSION: u64 = 1;
/// Largest file an import reads, in bytes (a journal of 100,000 applications is about 60 MB).
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// The tables of the journal, parents before children: the order to insert them in.
pub const TABLES: &[&str] = &[
    "companies",
    "applications",
    "people",
    "application_people",
    "events",
    "event_people",
    "reflections",
    "plan_steps",
    "templates",
];

/// The whole journal (and the settings, as JSON, when given) as a document.
pub fn export(conn: &Connection, settings: Option<Value>, now: DateTime<Utc>) -> Result<Value> {
    let mut tables = Map::new();
    for t in TABLES {
        let list = rows::select(conn, t, "1 ORDER BY 1, 2", &[])?;
        tables.insert((*t).to_owned(), Value::Array(list.into_iter().map(Value::Object).collect()));
    }
    Ok(json!({
        "format": FORMAT,
        "version": VERSION,
        "schemaVersion": crate::db::schema_version(),
        "exportedAt": crate::db::instant(now),
        "settings": settings.unwrap_or(Value::Null),
        "tables": tables,
    }))
}

/// A document read and checked: its tables, and its settings if it has them.
#[derive(Debug, Clone)]
pub struct Document {
    tables: HashMap<String, Vec<Row>>,
    pub settings: Option<Value>,
}

fn not_ours() -> Error {
    Error::invalid("file", Problem::NotRebound)
}

/// Reads a document, refusing anything that is not a Rebound export of a version this build knows.
pub fn parse(text: &str) -> Result<Document> {
    let v: Value = serde_json::from_str(text).map_err(|_| not_ours())?;
    if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(not_ours());
    }
    if v.get("version").and_then(Value::as_u64) != Some(VERSION)
        || v.get("schemaVersion").and_then(Value::as_u64).is_none_or(|s| s as usize > crate::db::schema_version())
    {
        return Err(Error::invalid("file", Problem::NewerFile));
    }
    let mut tables = HashMap::new();
    let given = v.get("tables").and_then(Value::as_object).ok_or_else(not_ours)?;
    for (name, list) in given {
        if !TABLES.contains(&name.as_str()) {
            return Err(not_ours());
        }
        let rows: Vec<Row> = list
            .as_array()
            .ok_or_else(not_ours)?
            .iter()
            .map(|r| r.as_object().cloned().ok_or_else(not_ours))
            .collect::<Result<_>>()?;
        tables.insert(name.clone(), rows);
    }
    let settings = v.get("settings").filter(|s| s.is_object()).cloned();
    Ok(Document { tables, settings })
}

impl Document {
    fn rows(&self, table: &str) -> &[Row] {
        self.tables.get(table).map(Vec::as_slice).unwrap_or_default()
    }
}

/// What an import will do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// The journal is empty: everything is restored as it was (settings included).
    pub restore: bool,
    /// "Company — Role" of the applications that will be added.
    pub new: Vec<String>,
    /// Already in the journal, the same: left as they are.
    pub already_there: Vec<String>,
    /// Same company, role and date, different content: the journal's version is kept.
    pub conflicting: Vec<String>,
    /// User template versions that will be added (kind/lang/name); those the journal already has are kept.
    pub new_templates: usize,
}

fn text<'a>(row: &'a Row, col: &str) -> &'a str {
    row.get(col).and_then(Value::as_str).unwrap_or_default()
}

fn int(row: &Row, col: &str) -> i64 {
    row.get(col).and_then(Value::as_i64).unwrap_or_default()
}

/// What identifies an application across journals: folded company, folded role, date applied.
type Key = (String, String, String);

/// What is compared to tell "already there" from "conflicting": the facts and the timeline's kinds and days.
type Content = (String, String, String, String, Vec<(String, String)>);

fn file_apps(doc: &Document) -> Vec<(Key, Content, String, i64)> {
    let companies: HashMap<i64, &str> = doc.rows("companies").iter().map(|c| (int(c, "id"), text(c, "name"))).collect();
    doc.rows("applications")
        .iter()
        .map(|a| {
            let company = companies.get(&int(a, "company_id")).copied().unwrap_or_default();
            let id = int(a, "id");
            let mut events: Vec<(String, String)> = doc
                .rows("events")
                .iter()
                .filter(|e| int(e, "application_id") == id && text(e, "kind") != "reminder")
                .map(|e| (text(e, "kind").to_owned(), text(e, "occurred_on").to_owned()))
                .collect();
            events.sort();
            let key = (fold(company), fold(text(a, "role")), text(a, "applied_on").to_owned());
            let content = (
                text(a, "posting_url").to_owned(),
                text(a, "location").to_owned(),
                text(a, "source").to_owned(),
                text(a, "lang").to_owned(),
                events,
            );
            (key, content, format!("{company} — {}", text(a, "role")), id)
        })
        .collect()
}

fn journal_app(conn: &Connection, key: &Key) -> Result<Option<Content>> {
    // The role is compared folded, in Rust (SQLite's lower() does not fold accents).
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.role, a.posting_url, a.location, a.source, a.lang FROM applications a
           JOIN companies c ON c.id = a.company_id WHERE c.folded = ?1 AND a.applied_on = ?2",
    )?;
    let candidates = stmt
        .query_map([&key.0, &key.2], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<rusqlite::Result<Vec<(i64, String, String, String, String, String)>>>()?;
    let Some((id, _, url, location, source, lang)) = candidates.into_iter().find(|c| fold(&c.1) == key.1) else {
        return Ok(None);
    };
    let mut ev = conn.prepare_cached(
        "SELECT kind, occurred_on FROM events WHERE application_id = ?1 AND kind <> 'reminder' ORDER BY kind, occurred_on",
    )?;
    let events = ev.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some((url, location, source, lang, events)))
}

fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM templates) = 0", [], |r| {
        r.get(0)
    })?)
}

/// Says what importing `doc` into this journal will do, changing nothing.
pub fn preview(conn: &Connection, doc: &Document) -> Result<Preview> {
    if is_empty(conn)? {
        let new = file_apps(doc).into_iter().map(|a| a.2).collect();
        return Ok(Preview { restore: true, new, new_templates: doc.rows("templates").len(), ..Preview::default() });
    }
    let mut p = Preview::default();
    for (key, content, label, _) in file_apps(doc) {
        match journal_app(conn, &key)? {
            None => p.new.push(label),
            Some(c) if c == content => p.already_there.push(label),
            Some(_) => p.conflicting.push(label),
        }
    }
    for t in doc.rows("templates") {
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM templates WHERE kind = ?1 AND lang = ?2 AND name = ?3",
            [text(t, "kind"), text(t, "lang"), text(t, "name")],
            |r| r.get(0),
        )?;
        if !exists {
            p.new_templates += 1;
        }
    }
    Ok(p)
}

/// Imports `doc`: restores it exactly into an empty journal, or merges it (new applications added with their
/// timeline, plan, people and reflections; the others left as they are). One transaction: all or nothing.
pub fn import(conn: &mut Connection, doc: &Document) -> Result<Preview> {
    let tx = conn.transaction()?;
    let p = preview(&tx, doc)?;
    let written =
        if p.restore { TABLES.iter().try_for_each(|t| rows::insert(&tx, t, doc.rows(t))) } else { merge(&tx, doc) };
    // A row the journal's rules refuse (two default versions of one template, a kind Rebound does not know…)
    // can only come from a file edited by hand: it is refused as a whole, like any file that is not ours.
    written.map_err(|e| match e {
        Error::Db(rusqlite::Error::SqliteFailure(f, msg)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            // Logged: were it Rebound's own merge at fault rather than the file, this is where it would show.
            log::warn!("import refused by the journal's rules: {}", msg.as_deref().unwrap_or("constraint"));
            not_ours()
        }
        other => other,
    })?;
    let broken: Option<String> = tx.query_row("PRAGMA foreign_key_check", [], |r| r.get(0)).optional()?;
    if let Some(table) = broken {
        return Err(Error::invalid(format!("file.{table}"), Problem::NotRebound));
    }
    tx.commit()?;
    Ok(p)
}

/// Inserts `row` without its id (or with the given changes), and returns the new rowid.
fn insert_new(conn: &Connection, table: &str, row: &Row, drop_id: bool, set: &[(&str, Value)]) -> Result<i64> {
    let mut r = row.clone();
    if drop_id {
        r.remove("id");
    }
    for (k, v) in set {
        r.insert((*k).to_owned(), v.clone());
    }
    rows::insert(conn, table, &[r])?;
    Ok(conn.last_insert_rowid())
}

fn merge(conn: &Connection, doc: &Document) -> Result<()> {
    let companies: HashMap<i64, &Row> = doc.rows("companies").iter().map(|c| (int(c, "id"), c)).collect();
    let people: HashMap<i64, &Row> = doc.rows("people").iter().map(|p| (int(p, "id"), p)).collect();
    let mut company_ids: HashMap<i64, i64> = HashMap::new();
    let mut person_ids: HashMap<i64, i64> = HashMap::new();
    for (key, _, _, old_app) in file_apps(doc) {
        if journal_app(conn, &key)?.is_some() {
            continue;
        }
        let app = doc.rows("applications").iter().find(|a| int(a, "id") == old_app).ok_or_else(not_ours)?;
        let old_company = int(app, "company_id");
        let company = match company_ids.get(&old_company) {
            Some(id) => *id,
            None => {
                let row = companies.get(&old_company).ok_or_else(not_ours)?;
                let existing: Option<i64> = conn
                    .query_row("SELECT id FROM companies WHERE folded = ?1", [fold(text(row, "name"))], |r| r.get(0))
                    .optional()?;
                let id = match existing {
                    Some(id) => id,
                    None => insert_new(conn, "companies", row, true, &[("folded", fold(text(row, "name")).into())])?,
                };
                company_ids.insert(old_company, id);
                id
            }
        };
        let app_id = insert_new(conn, "applications", app, true, &[("company_id", company.into())])?;
        let mut person = |old: i64| -> Result<i64> {
            if let Some(id) = person_ids.get(&old) {
                return Ok(*id);
            }
            let row = people.get(&old).ok_or_else(not_ours)?;
            let mut stmt = conn.prepare_cached("SELECT id, name FROM people WHERE company_id = ?1")?;
            let same = stmt
                .query_map([company], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .find(|(_, n)| fold(n) == fold(text(row, "name")));
            let id = match same {
                Some((id, _)) => id,
                None => insert_new(conn, "people", row, true, &[("company_id", company.into())])?,
            };
            person_ids.insert(old, id);
            Ok(id)
        };
        for link in doc.rows("application_people").iter().filter(|l| int(l, "application_id") == old_app) {
            let p = person(int(link, "person_id"))?;
            conn.execute(
                "INSERT OR IGNORE INTO application_people (application_id, person_id) VALUES (?1, ?2)",
                [app_id, p],
            )?;
        }
        let mut event_ids: HashMap<i64, i64> = HashMap::new();
        for e in doc.rows("events").iter().filter(|e| int(e, "application_id") == old_app) {
            // A message's addressee is a person of the file: it takes that person's id in this journal (a
            // person the file does not hold is dropped rather than pointed at someone else).
            let mut set = vec![("application_id", Value::from(app_id))];
            let details: Option<Value> =
                e.get("details").and_then(Value::as_str).and_then(|d| serde_json::from_str(d).ok());
            if let Some(mut details) = details.filter(|d| d.get("person_id").is_some()) {
                let old_person = details["person_id"].as_i64().filter(|p| people.contains_key(p));
                match old_person {
                    Some(p) => details["person_id"] = person(p)?.into(),
                    None => {
                        details.as_object_mut().map(|o| o.remove("person_id"));
                    }
                }
                set.push(("details", details.to_string().into()));
            }
            let id = insert_new(conn, "events", e, true, &set)?;
            event_ids.insert(int(e, "id"), id);
        }
        for ep in doc.rows("event_people") {
            if let Some(ev) = event_ids.get(&int(ep, "event_id")) {
                let p = person(int(ep, "person_id"))?;
                conn.execute("INSERT OR IGNORE INTO event_people (event_id, person_id) VALUES (?1, ?2)", [*ev, p])?;
            }
        }
        for r in doc.rows("reflections") {
            if let Some(ev) = event_ids.get(&int(r, "outcome_event_id")) {
                insert_new(conn, "reflections", r, false, &[("outcome_event_id", (*ev).into())])?;
            }
        }
        // A keep-in-touch reminder (with a person) is not imported: the people's cadences bring it back.
        let of_app = |s: &&Row| int(s, "application_id") == old_app && s.get("person_id").is_none_or(Value::is_null);
        for s in doc.rows("plan_steps").iter().filter(of_app) {
            let ev = event_ids.get(&int(s, "outcome_event_id")).ok_or_else(not_ours)?;
            insert_new(
                conn,
                "plan_steps",
                s,
                true,
                &[("application_id", app_id.into()), ("outcome_event_id", (*ev).into())],
            )?;
        }
    }
    // A version of the same kind, language and name is kept as it is; a new one stays the default only if the
    // journal has no default of its own for that kind and language (files from before versions: every row is one).
    for t in doc.rows("templates") {
        let was_default = t.get("is_default").and_then(Value::as_i64).unwrap_or(1) == 1;
        conn.execute(
            "INSERT OR IGNORE INTO templates (kind, lang, name, subject, body, updated_at, is_default)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                     ?7 AND NOT EXISTS (SELECT 1 FROM templates WHERE kind = ?1 AND lang = ?2 AND is_default = 1))",
            rusqlite::params![
                text(t, "kind"),
                text(t, "lang"),
                text(t, "name"),
                text(t, "subject"),
                text(t, "body"),
                text(t, "updated_at"),
                was_default
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::journal::{self, ApplicationInput, InterviewInput, OutcomeInput, PersonInput, ReflectionInput};
    use crate::plan::PlanOptions;
    use crate::testing::{now, today};
    use chrono::NaiveDate;

    pub(crate) fn full(conn: &mut Connection, company: &str, role: &str) -> i64 {
        let input = ApplicationInput {
            company: company.into(),
            role: role.into(),
            applied_on: "2026-10-01".into(),
            location: "Montréal".into(),
            people: vec![PersonInput {
                name: "Marie Tremblay".into(),
                email: "m@example.org".into(),
                ..Default::default()
            }],
            interviews: vec![InterviewInput {
                date: "2026-10-10".into(),
                format: "video".into(),
                met: vec![0],
                ..Default::default()
            }],
            ..Default::default()
        };
        let app = journal::save_application(conn, &input, crate::vocab::Lang::Fr, today(), now()).unwrap();
        let outcome = OutcomeInput {
            application_id: app,
            outcome: "rejected".into(),
            date: "2026-10-20".into(),
            channel: "email".into(),
            reason: "Un profil plus senior « retenu ».".into(),
            ..Default::default()
        };
        let ev = journal::log_outcome(conn, &outcome, today(), now(), PlanOptions::default()).unwrap();
        journal::save_reflection(
            conn,
            &ReflectionInput { outcome_event_id: ev, went_well: "Bien préparé".into(), ..Default::default() },
            today(),
            now(),
        )
        .unwrap();
        app
    }

    fn dump(conn: &Connection) -> Vec<Vec<Row>> {
        TABLES.iter().map(|t| rows::select(conn, t, "1 ORDER BY 1, 2", &[]).unwrap()).collect()
    }

    #[test]
    fn into_an_empty_journal_every_table_comes_back_equal() {
        let mut a = crate::db::open_in_memory().unwrap();
        full(&mut a, "Desjardins", "Analyste de données");
        full(&mut a, "Cirque du Soleil", "Développeur");
        // A person kept in touch with, and their reminder: restored as they were.
        crate::people::set_cadence(&a, 1, Some(6), NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now()).unwrap();
        assert_eq!(crate::people::sync(&mut a, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now()).unwrap(), 1);
        a.execute(
            "INSERT INTO templates (kind, lang, subject, body, updated_at) VALUES ('thank_you', 'fr', 'Merci', 'Corps', 'x')",
            [],
        )
        .unwrap();
        let doc = export(&a, Some(json!({"myName": "Léa"})), now()).unwrap();
        let text = serde_json::to_string_pretty(&doc).unwrap();

        let mut b = crate::db::open_in_memory().unwrap();
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.settings, Some(json!({"myName": "Léa"})));
        let p = import(&mut b, &parsed).unwrap();
        assert!(p.restore);
        assert_eq!(p.new.len(), 2);
        for (t, (x, y)) in TABLES.iter().zip(dump(&a).into_iter().zip(dump(&b))) {
            assert_eq!(x, y, "table {t}");
        }
    }

    #[test]
    fn a_file_edited_to_break_the_journals_rules_is_refused_whole() {
        let mut a = crate::db::open_in_memory().unwrap();
        full(&mut a, "Desjardins", "Analyste de données");
        for name in ["Courte", "Longue"] {
            a.execute(
                "INSERT INTO templates (kind, lang, name, subject, body, is_default, updated_at)
                 VALUES ('thank_you', 'fr', ?1, 'Merci', 'Corps', 0, 'x')",
                [name],
            )
            .unwrap();
        }
        let mut doc = export(&a, None, now()).unwrap();
        // By hand: both versions made the default.
        for t in doc["tables"]["templates"].as_array_mut().unwrap() {
            t["is_default"] = 1.into();
        }
        let mut b = crate::db::open_in_memory().unwrap();
        let parsed = parse(&doc.to_string()).unwrap();
        match import(&mut b, &parsed) {
            Err(Error::Invalid(v)) => assert_eq!((v[0].field.as_str(), v[0].problem), ("file", Problem::NotRebound)),
            other => panic!("{other:?}"),
        }
        let kept: i64 = b.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, 0, "nothing of the file was written");
    }

    #[test]
    fn into_a_journal_in_use_it_previews_then_merges_all_or_nothing() {
        let mut a = crate::db::open_in_memory().unwrap();
        full(&mut a, "Desjardins", "Analyste de données");
        full(&mut a, "Cirque du Soleil", "Développeur");
        let hq_app = full(&mut a, "Hydro-Québec", "Ingénieure");
        let hq_person = journal::get_application(&a, hq_app).unwrap().people[0].id;
        crate::people::set_cadence(&a, hq_person, Some(3), NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now())
            .unwrap();
        let on = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        crate::plan::log_message_sent(&mut a, hq_app, "interview_thanks", "email", Some(hq_person), on, now()).unwrap();
        crate::people::sync(&mut a, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now()).unwrap();
        let doc = parse(&export(&a, None, now()).unwrap().to_string()).unwrap();

        let mut b = crate::db::open_in_memory().unwrap();
        full(&mut b, "DESJARDINS", "analyste de donnees"); // the same one, typed differently
        let c = full(&mut b, "Cirque du Soleil", "Développeur");
        b.execute("UPDATE applications SET location = 'Laval' WHERE id = ?1", [c]).unwrap(); // now it differs
                                                                                             // One more person here than in the file, so that the file's person ids mean someone else in this journal.
        b.execute("INSERT INTO people (company_id, name, created_at, updated_at) VALUES (1, 'Extra', 'x', 'x')", [])
            .unwrap();
        let p = preview(&b, &doc).unwrap();
        assert!(!p.restore);
        assert_eq!(p.new, ["Hydro-Québec — Ingénieure"]);
        assert_eq!(p.already_there, ["Desjardins — Analyste de données"]);
        assert_eq!(p.conflicting, ["Cirque du Soleil — Développeur"]);

        let before: i64 = b.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        import(&mut b, &doc).unwrap();
        let after: i64 = b.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        assert_eq!(after, before + 1);
        let hq: i64 = b
            .query_row(
                "SELECT a.id FROM applications a JOIN companies c ON c.id = a.company_id WHERE c.name = 'Hydro-Québec'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let d = journal::get_application(&b, hq).unwrap();
        assert_eq!(d.people.len(), 1);
        let kinds: Vec<&str> = d.timeline.iter().map(|e| e.kind.as_str()).collect();
        assert!(
            kinds.contains(&"interview") && kinds.contains(&"rejected") && kinds.contains(&"reflection"),
            "{kinds:?}"
        );
        let steps: i64 =
            b.query_row("SELECT count(*) FROM plan_steps WHERE application_id = ?1", [hq], |r| r.get(0)).unwrap();
        assert!(steps >= 4, "its plan came with it");
        // The person's cadence came too; their reminder is not copied but made again from it, on the new ids.
        let hq_person = d.people[0].id;
        let months: Option<u32> =
            b.query_row("SELECT keep_in_touch_months FROM people WHERE id = ?1", [hq_person], |r| r.get(0)).unwrap();
        assert_eq!(months, Some(3));
        // The message to her names her by her id here.
        let to: i64 = b
            .query_row(
                "SELECT json_extract(details, '$.person_id') FROM events WHERE application_id = ?1 AND kind = 'message_sent'",
                [hq],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(to, hq_person);
        let count = |b: &Connection| -> i64 {
            b.query_row("SELECT count(*) FROM plan_steps WHERE person_id = ?1", [hq_person], |r| r.get(0)).unwrap()
        };
        assert_eq!(count(&b), 0);
        crate::people::sync(&mut b, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now()).unwrap();
        assert_eq!(count(&b), 1);
        // Importing again adds nothing.
        assert!(preview(&b, &doc).unwrap().new.is_empty());
    }

    #[test]
    fn a_broken_file_changes_nothing() {
        let mut a = crate::db::open_in_memory().unwrap();
        full(&mut a, "Desjardins", "Analyste");
        let mut doc = export(&a, None, now()).unwrap();
        // A plan step pointing at an event that is not in the file.
        doc["tables"]["plan_steps"][0]["outcome_event_id"] = json!(999);
        let mut b = crate::db::open_in_memory().unwrap();
        assert!(import(&mut b, &parse(&doc.to_string()).unwrap()).is_err());
        assert_eq!(dump(&b), dump(&crate::db::open_in_memory().unwrap()), "all or nothing");

        for bad in [
            "",
            "{}",
            "[1]",
            r#"{"format":"rebound","version":9,"schemaVersion":1,"tables":{}}"#,
            r#"{"format":"rebound","version":1,"schemaVersion":1,"tables":{"sqlite_master":[]}}"#,
        ] {
            assert!(matches!(parse(bad), Err(Error::Invalid(_))), "{bad}");
        }
    }
}
