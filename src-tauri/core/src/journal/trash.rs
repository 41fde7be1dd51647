//! Deleting an application, a person or an interview, with an undo. A delete first copies every row it is about
//! to remove (the row itself and everything that hangs on it: timeline, plan, links, reflections) into
//! `trash`, then removes them in the same transaction; "Undo" puts the rows back with their own ids, so the
//! timeline, the plan and the reminders are exactly as before. Trash older than [`KEEP`] is purged.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::db::rows::{self, Row};
use crate::error::{Error, Result};

/// How long a delete can be undone (the UI offers it for [`UNDO_SECONDS`]; the rows wait a little longer).
pub const KEEP: chrono::Duration = chrono::Duration::hours(1);
/// How long the UI shows "Undo".
pub const UNDO_SECONDS: u32 = 15;

/// What a delete removed, to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    pub trash_id: i64,
    /// `application`, `person` or `interview`.
    pub what: &'static str,
    /// Rows removed, all tables together.
    pub rows: usize,
}

/// (table, condition over its columns with `?1` = the id), parents first: the order to put rows back in.
type Plan = &'static [(&'static str, &'static str)];

const APPLICATION: Plan = &[
    ("applications", "id = ?1"),
    ("application_people", "application_id = ?1"),
    ("events", "application_id = ?1"),
    ("event_people", "event_id IN (SELECT id FROM events WHERE application_id = ?1)"),
    ("reflections", "outcome_event_id IN (SELECT id FROM events WHERE application_id = ?1)"),
    ("plan_steps", "application_id = ?1"),
];

const PERSON: Plan = &[
    ("people", "id = ?1"),
    ("application_people", "person_id = ?1"),
    ("event_people", "person_id = ?1"),
    ("plan_steps", "person_id = ?1"),
];

const INTERVIEW: Plan = &[("events", "id = ?1 AND kind = 'interview'"), ("event_people", "event_id = ?1")];

fn delete(conn: &mut Connection, what: &'static str, plan: Plan, id: i64, now: DateTime<Utc>) -> Result<Deleted> {
    let tx = conn.transaction()?;
    purge(&tx, now)?;
    let mut saved = Map::new();
    let mut count = 0;
    for (table, filter) in plan {
        let found = rows::select(&tx, table, filter, &[id])?;
        count += found.len();
        saved.insert((*table).to_owned(), Value::Array(found.into_iter().map(Value::Object).collect()));
    }
    let head = saved.get(plan[0].0).and_then(Value::as_array).is_some_and(|a| !a.is_empty());
    if !head {
        return Err(Error::NotFound(what));
    }
    // Children go with their parent (ON DELETE CASCADE); deleting the head row is enough.
    tx.execute(&format!("DELETE FROM {} WHERE {}", plan[0].0, plan[0].1), [id])?;
    tx.execute(
        "INSERT INTO trash (what, rows, deleted_at) VALUES (?1, ?2, ?3)",
        params![what, Value::Object(saved).to_string(), crate::db::instant(now)],
    )?;
    let trash_id = tx.last_insert_rowid();
    tx.commit()?;
    Ok(Deleted { trash_id, what, rows: count })
}

/// Deletes an application with its timeline, plan and reflections (its company and people stay).
pub fn delete_application(conn: &mut Connection, id: i64, now: DateTime<Utc>) -> Result<Deleted> {
    delete(conn, "application", APPLICATION, id, now)
}

/// Deletes a person, and with them their links to applications and interviews.
pub fn delete_person(conn: &mut Connection, id: i64, now: DateTime<Utc>) -> Result<Deleted> {
    delete(conn, "person", PERSON, id, now)
}

/// Deletes one interview from a timeline.
pub fn delete_interview(conn: &mut Connection, event_id: i64, now: DateTime<Utc>) -> Result<Deleted> {
    delete(conn, "interview", INTERVIEW, event_id, now)
}

/// Puts back what a delete removed, exactly, and forgets the trash entry. All or nothing.
pub fn undo_delete(conn: &mut Connection, trash_id: i64) -> Result<()> {
    let tx = conn.transaction()?;
    let saved: Option<String> =
        tx.query_row("SELECT rows FROM trash WHERE id = ?1", [trash_id], |r| r.get(0)).optional()?;
    let saved: Map<String, Value> =
        saved.and_then(|s| serde_json::from_str(&s).ok()).ok_or(Error::NotFound("deleted entry"))?;
    // serde_json keeps insertion order only with its preserve_order feature; put rows back in the plan's order.
    for plan in [APPLICATION, PERSON, INTERVIEW] {
        if !saved.contains_key(plan[0].0) || saved.len() != plan.len() {
            continue;
        }
        for (table, _) in plan {
            let list: Vec<Row> = saved
                .get(*table)
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|v| v.as_object().cloned()).collect())
                .unwrap_or_default();
            rows::insert(&tx, table, &list)?;
        }
        tx.execute("DELETE FROM trash WHERE id = ?1", [trash_id])?;
        tx.commit()?;
        return Ok(());
    }
    Err(Error::NotFound("deleted entry"))
}

/// Forgets deletes older than [`KEEP`].
fn purge(conn: &Connection, now: DateTime<Utc>) -> Result<usize> {
    Ok(conn.execute("DELETE FROM trash WHERE deleted_at < ?1", [crate::db::instant(now - KEEP)])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z").unwrap().to_utc()
    }

    /// An application with a person met at an interview, a rejection, its plan and a reflection.
    fn full(conn: &mut Connection, company: &str) -> i64 {
        crate::transfer::json::tests::full(conn, company, "Analyste")
    }

    fn dump(conn: &Connection) -> Vec<Vec<Row>> {
        // Every table of the journal but the templates, which deleting an application does not touch.
        crate::transfer::json::TABLES
            .iter()
            .filter(|t| **t != "templates")
            .map(|t| rows::select(conn, t, "1", &[]).unwrap())
            .collect()
    }

    #[test]
    fn deleting_an_application_takes_its_timeline_and_plan_and_undo_brings_back_every_row() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let keep = full(&mut conn, "Cirque du Soleil");
        let app = full(&mut conn, "Desjardins");
        let before = dump(&conn);

        let d = delete_application(&mut conn, app, now()).unwrap();
        assert_eq!(d.what, "application");
        assert!(matches!(journal::get_application(&conn, app), Err(Error::NotFound(_))));
        let left: i64 =
            conn.query_row("SELECT count(*) FROM plan_steps WHERE application_id = ?1", [app], |r| r.get(0)).unwrap();
        assert_eq!(left, 0, "its plan goes with it (and so its reminders)");
        assert!(journal::get_application(&conn, keep).is_ok(), "the other one is untouched");

        undo_delete(&mut conn, d.trash_id).unwrap();
        assert_eq!(dump(&conn), before, "every table exactly as before");
        assert!(matches!(undo_delete(&mut conn, d.trash_id), Err(Error::NotFound(_))), "undone once");
    }

    #[test]
    fn deleting_a_person_or_an_interview_and_undoing_it() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let app = full(&mut conn, "Desjardins");
        let before = dump(&conn);
        let person: i64 = conn.query_row("SELECT id FROM people", [], |r| r.get(0)).unwrap();
        let d = delete_person(&mut conn, person, now()).unwrap();
        assert!(journal::get_application(&conn, app).unwrap().people.is_empty());
        undo_delete(&mut conn, d.trash_id).unwrap();
        assert_eq!(dump(&conn), before);

        let interview: i64 =
            conn.query_row("SELECT id FROM events WHERE kind = 'interview'", [], |r| r.get(0)).unwrap();
        let d = delete_interview(&mut conn, interview, now()).unwrap();
        let kinds: Vec<String> =
            journal::get_application(&conn, app).unwrap().timeline.into_iter().map(|e| e.kind).collect();
        assert!(!kinds.contains(&"interview".to_owned()), "{kinds:?}");
        undo_delete(&mut conn, d.trash_id).unwrap();
        assert_eq!(dump(&conn), before);
        // An outcome is not an interview.
        let rejected: i64 = conn.query_row("SELECT id FROM events WHERE kind = 'rejected'", [], |r| r.get(0)).unwrap();
        assert!(matches!(delete_interview(&mut conn, rejected, now()), Err(Error::NotFound(_))));
    }

    #[test]
    fn old_trash_is_purged_and_nothing_is_found_to_delete_twice() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let app = full(&mut conn, "Desjardins");
        let other = full(&mut conn, "Cirque du Soleil");
        let d = delete_application(&mut conn, app, now()).unwrap();
        assert!(matches!(delete_application(&mut conn, app, now()), Err(Error::NotFound(_))));
        delete_application(&mut conn, other, now() + KEEP + chrono::Duration::seconds(1)).unwrap();
        assert!(matches!(undo_delete(&mut conn, d.trash_id), Err(Error::NotFound(_))), "purged after an hour");
    }
}
