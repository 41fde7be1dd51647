//! The timeline (`events` and `event_people`): the one module that appends, redates or removes an entry.
//! The journal, the plan, people and reminders say *what* happened; this module writes it. (Moving whole rows
//! is the business of the trash, which puts back exactly what it took, and of a merge import, which copies
//! another journal's rows: neither makes new entries.)

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde_json::Value;

use crate::db::day;
use crate::error::Result;
use crate::vocab::EventKind;

/// Appends an entry of `kind` dated `on` to application `app`'s timeline (`details`: `None` for none), and
/// returns its id. `now` is the stored write time.
pub fn append(
    conn: &Connection,
    app: i64,
    kind: EventKind,
    on: NaiveDate,
    details: Option<&Value>,
    now: &str,
) -> Result<i64> {
    let details = details.map_or_else(|| "{}".to_owned(), Value::to_string);
    conn.prepare_cached(
        "INSERT INTO events (application_id, kind, occurred_on, details, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![app, kind, day(on), details, now])?;
    Ok(conn.last_insert_rowid())
}

/// Records who was there at an entry (an interview, a "we talked").
pub fn add_people(conn: &Connection, event: i64, people: impl IntoIterator<Item = i64>) -> Result<()> {
    let mut stmt = conn.prepare_cached("INSERT OR IGNORE INTO event_people (event_id, person_id) VALUES (?1, ?2)")?;
    for person in people {
        stmt.execute(params![event, person])?;
    }
    Ok(())
}

/// Moves an interview to another day with new details, and forgets who was there (the caller lists them
/// again with [`add_people`]).
pub fn rewrite_interview(conn: &Connection, id: i64, on: NaiveDate, details: &Value) -> Result<()> {
    conn.execute(
        "UPDATE events SET occurred_on = ?2, details = ?3 WHERE id = ?1 AND kind = ?4",
        params![id, day(on), details.to_string(), EventKind::Interview],
    )?;
    conn.execute("DELETE FROM event_people WHERE event_id = ?1", [id])?;
    Ok(())
}

/// Moves the "applied" entry of application `app` to its new date.
pub fn redate_applied(conn: &Connection, app: i64, on: NaiveDate) -> Result<()> {
    conn.execute(
        "UPDATE events SET occurred_on = ?2 WHERE application_id = ?1 AND kind = ?3",
        params![app, day(on), EventKind::Applied],
    )?;
    Ok(())
}

/// Removes an entry of `kind` (nothing if entry `id` is of another kind); who was there goes with it.
pub fn remove(conn: &Connection, id: i64, kind: EventKind) -> Result<()> {
    conn.execute("DELETE FROM events WHERE id = ?1 AND kind = ?2", params![id, kind])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{d, journal_with_application};
    use serde_json::json;

    fn timeline(conn: &Connection, app: i64) -> Vec<(String, String, String)> {
        let mut stmt = conn
            .prepare("SELECT kind, occurred_on, details FROM events WHERE application_id = ?1 ORDER BY id")
            .unwrap();
        stmt.query_map([app], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn appends_redates_and_removes_only_its_own_kind() {
        let (conn, app) = journal_with_application();
        let reply =
            append(&conn, app, EventKind::Reply, d("2026-11-20"), Some(&json!({"note": "merci"})), "t").unwrap();
        let interview =
            append(&conn, app, EventKind::Interview, d("2026-11-18"), Some(&json!({"format": "video"})), "t").unwrap();
        redate_applied(&conn, app, d("2026-11-02")).unwrap();
        rewrite_interview(&conn, interview, d("2026-11-19"), &json!({"format": "onsite"})).unwrap();
        // A reply is not an interview: rewriting it as one changes nothing.
        rewrite_interview(&conn, reply, d("2026-01-01"), &json!({})).unwrap();
        remove(&conn, reply, EventKind::Reminder).unwrap();
        assert_eq!(
            timeline(&conn, app),
            vec![
                ("applied".into(), "2026-11-02".into(), "{}".into()),
                ("reply".into(), "2026-11-20".into(), r#"{"note":"merci"}"#.into()),
                ("interview".into(), "2026-11-19".into(), r#"{"format":"onsite"}"#.into()),
            ]
        );
        remove(&conn, reply, EventKind::Reply).unwrap();
        assert_eq!(timeline(&conn, app).len(), 2);
    }
}
