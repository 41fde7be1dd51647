//! The people the user met, across applications: when they were last in touch, and a keep-in-touch cadence.
//!
//! A person may have a cadence (every N months, off by default). Its next day counts from the last contact
//! with them — an interview they were at, a "we talked" entry, a reply on one of their applications, a message
//! sent to them (or, for messages logged before messages named their addressee, on one of their applications)
//! — or, when there was none, from the day the cadence was chosen; a reminder done or skipped later than that
//! counts from its own day. Days after today (an interview planned) are not contacts yet. When that day comes it is a `catch_up` step on the plan of the person's latest application, so
//! it shows in Today, the tray and one notification like any other step. [`sync`] keeps those steps in line
//! with the journal; the shell runs it after every write and when the reminder loop starts.

use std::collections::HashMap;

use chrono::{DateTime, Months, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::json;

use crate::db::{day as ymd, instant as stamp};
use crate::error::{Error, Problem, Result};
use crate::events;
use crate::validate::Checker;
use crate::vocab::EventKind;

/// The longest cadence, in months.
pub const MAX_MONTHS: u32 = 24;
/// The cadences the UI offers (any of 1..=[`MAX_MONTHS`] is accepted).
pub const SUGGESTED_MONTHS: &[u32] = &[1, 2, 3, 6, 12];

/// Every contact with each person up to day `:today` (a row per contact: person, day, what it was, the
/// application it is on, the message's kind for a message, the entry's id). `{ep}` and `{ap}` narrow it to one
/// person (`:person`).
const CONTACTS_SQL: &str = "
        SELECT ep.person_id AS person, e.occurred_on AS d, e.kind AS kind, e.application_id AS app,
               NULL AS message, e.id AS id
          FROM event_people ep JOIN events e ON e.id = ep.event_id
         WHERE e.kind IN ('interview', 'contact') AND e.occurred_on <= :today {ep}
        UNION ALL
        SELECT ap.person_id, e.occurred_on, e.kind, e.application_id, json_extract(e.details, '$.message'), e.id
          FROM application_people ap JOIN events e ON e.application_id = ap.application_id
         WHERE (e.kind = 'reply'
                OR (e.kind = 'message_sent'
                    AND coalesce(json_extract(e.details, '$.person_id'), ap.person_id) = ap.person_id))
           AND e.occurred_on <= :today {ap}";

/// The latest day of contact with each person up to day `:today`.
fn last_contact_sql() -> String {
    format!("SELECT person, max(d) FROM ({CONTACTS_SQL}) GROUP BY person")
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The last day of contact with `person` up to `today`, if any.
pub fn last_contact(conn: &Connection, person: i64, today: NaiveDate) -> Result<Option<NaiveDate>> {
    let sql =
        last_contact_sql().replace("{ep}", "AND ep.person_id = :person").replace("{ap}", "AND ap.person_id = :person");
    let found: Option<String> = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::named_params! { ":today": ymd(today), ":person": person }, |r| r.get(1))
        .optional()?
        .flatten();
    Ok(found.as_deref().and_then(parse_day))
}

/// What the last contact with a person was, as a message about it may mention it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    /// An interview they were at, on the application the message is about.
    Interview,
    /// A conversation the user logged with them ("we talked…"): not about any position.
    Conversation,
    /// A reply on the application the message is about.
    Reply,
    /// A message the user sent about the application the message is about.
    Message,
    /// A keep-in-touch message sent to them: news, not the position.
    CatchUp,
    /// An interview, reply or message about another of the user's applications.
    Elsewhere,
}

impl ContactKind {
    /// The word templates test (`last_contact`).
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Interview => "interview",
            ContactKind::Conversation => "conversation",
            ContactKind::Reply => "reply",
            ContactKind::Message => "message",
            ContactKind::CatchUp => "catch_up",
            ContactKind::Elsewhere => "elsewhere",
        }
    }

    /// Whether the position of the application the message is about was what this contact was about.
    pub fn about_the_position(self) -> bool {
        matches!(self, ContactKind::Interview | ContactKind::Reply | ContactKind::Message)
    }
}

/// The last contact with `person` up to `today`, seen from application `app`: its day and what it was. Of two
/// contacts on the same day, the one logged last counts.
pub fn last_contact_detail(
    conn: &Connection,
    person: i64,
    app: i64,
    today: NaiveDate,
) -> Result<Option<(NaiveDate, ContactKind)>> {
    let sql = format!("SELECT d, kind, app, message FROM ({CONTACTS_SQL}) ORDER BY d DESC, id DESC LIMIT 1")
        .replace("{ep}", "AND ep.person_id = :person")
        .replace("{ap}", "AND ap.person_id = :person");
    let found: Option<(String, String, i64, Option<String>)> = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::named_params! { ":today": ymd(today), ":person": person }, |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    Ok(found.and_then(|(day, kind, on_app, message)| {
        let what = match (kind.as_str(), message.as_deref()) {
            ("contact", _) => ContactKind::Conversation,
            (_, Some("catch_up")) => ContactKind::CatchUp,
            _ if on_app != app => ContactKind::Elsewhere,
            ("interview", _) => ContactKind::Interview,
            ("reply", _) => ContactKind::Reply,
            _ => ContactKind::Message,
        };
        Some((parse_day(&day)?, what))
    }))
}

/// The last day of contact up to `today` with everyone who has one.
fn last_contacts(conn: &Connection, today: NaiveDate) -> Result<HashMap<i64, String>> {
    let sql = last_contact_sql().replace("{ep}", "").replace("{ap}", "");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::named_params! { ":today": ymd(today) }, |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The latest day a keep-in-touch reminder for `person` was done or skipped: the day of the timeline entry the
/// action wrote, found through the step itself (so it counts even if the person has left that application).
fn last_closed(conn: &Connection, person: i64) -> Result<Option<NaiveDate>> {
    let found: Option<String> = conn.query_row(
        "SELECT max(e.occurred_on) FROM plan_steps s JOIN events e ON e.application_id = s.application_id
          WHERE s.person_id = ?1 AND s.status IN ('done', 'skipped')
            AND e.kind IN ('message_sent', 'step_done', 'step_skipped') AND json_extract(e.details, '$.step_id') = s.id",
        [person],
        |r| r.get(0),
    )?;
    Ok(found.as_deref().and_then(parse_day))
}

/// The application a person's reminder belongs to: their latest one.
fn latest_application(conn: &Connection, person: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.id FROM applications a JOIN application_people ap ON ap.application_id = a.id
              WHERE ap.person_id = ?1 ORDER BY a.applied_on DESC, a.id DESC LIMIT 1",
        )?
        .query_row([person], |r| r.get(0))
        .optional()?)
}

/// Where a cadence counts from: the last contact with the person (`contact`), or the day the cadence was
/// chosen when there was none (`chosen`) — unless a reminder was done or skipped later (`closed`). `None`
/// when there is nothing to count from.
pub fn anchor(
    contact: Option<NaiveDate>,
    since: Option<NaiveDate>,
    closed: Option<NaiveDate>,
) -> Option<(NaiveDate, &'static str)> {
    let base = contact.map(|c| (c, "contact")).or(since.map(|s| (s, "chosen")));
    match (base, closed) {
        (Some(b), Some(c)) if c > b.0 => Some((c, "closed")),
        (Some(b), _) => Some(b),
        (None, closed) => closed.map(|c| (c, "closed")),
    }
}

/// The day a reminder counted from `anchor` falls due, every `months` months (the same day of the month, or
/// the month's last day when it has fewer).
pub fn next_day(anchor: NaiveDate, months: u32) -> NaiveDate {
    anchor.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// Brings every person's keep-in-touch step in line with the journal as of `today`, in one transaction: one
/// open step per person with a cadence, due [`next_day`], on their latest application; none for a person
/// without a cadence (or without an application). A step the user rescheduled or snoozed keeps its day, and one
/// already announced stays announced, until a new contact starts the cadence again; a step that only moves to
/// the person's newer application keeps all of that. Returns how many steps were created, changed or cancelled.
pub fn sync(conn: &mut Connection, today: NaiveDate, now: DateTime<Utc>) -> Result<usize> {
    let tx = conn.transaction()?;
    let now_s = stamp(now);
    let people: Vec<(i64, Option<u32>, Option<String>)> = tx
        .prepare_cached(
            "SELECT id, keep_in_touch_months, keep_in_touch_since FROM people
              WHERE keep_in_touch_months IS NOT NULL
                 OR id IN (SELECT person_id FROM plan_steps
                            WHERE person_id IS NOT NULL AND status IN ('pending', 'missed'))",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changed = 0;
    for (person, months, since) in people {
        let open: Vec<(i64, i64, String)> = tx
            .prepare_cached(
                "SELECT id, application_id, options FROM plan_steps
                  WHERE person_id = ?1 AND status IN ('pending', 'missed') ORDER BY id",
            )?
            .query_map([person], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let app = latest_application(&tx, person)?;
        let wanted = match (months, app) {
            (Some(m), Some(app)) => {
                let since = since.as_deref().and_then(parse_day);
                anchor(last_contact(&tx, person, today)?, since, last_closed(&tx, person)?).map(|(from_day, from)| {
                    let options = json!({ "anchor": ymd(from_day), "from": from, "months": m });
                    // Never before the day the cadence was chosen: one chosen today for someone last met a
                    // year ago is due today, not a year-old step that Today and the tray would count as passed.
                    let due = next_day(from_day, m);
                    (app, since.map_or(due, |chosen| due.max(chosen)), options.to_string())
                })
            }
            _ => None,
        };
        let keep = match (&wanted, open.first()) {
            (Some(_), Some(first)) => Some(first.0),
            _ => None,
        };
        for (id, _, _) in open.iter().filter(|(id, _, _)| Some(*id) != keep) {
            tx.execute(
                "UPDATE plan_steps SET status = 'cancelled', updated_at = ?2 WHERE id = ?1",
                params![id, now_s],
            )?;
            changed += 1;
        }
        let Some((app, due, options)) = wanted else { continue };
        match open.first() {
            Some((id, on_app, current)) => {
                if *current == options && *on_app != app {
                    // Only the application it hangs on changed: same day, same snooze, same announcement.
                    tx.execute(
                        "UPDATE plan_steps SET application_id = ?2, updated_at = ?3 WHERE id = ?1",
                        params![id, app, now_s],
                    )?;
                    changed += 1;
                } else if *current != options {
                    tx.execute(
                        "UPDATE plan_steps SET application_id = ?2, due_on = ?3, options = ?4, status = 'pending',
                                snoozed_until = NULL, reminded_at = NULL, notify_attempts = 0,
                                notify_retry_at = NULL, updated_at = ?5
                          WHERE id = ?1",
                        params![id, app, ymd(due), options, now_s],
                    )?;
                    changed += 1;
                }
            }
            None => {
                tx.execute(
                    "INSERT INTO plan_steps (application_id, person_id, kind, due_on, status, options, created_at,
                                             updated_at)
                     VALUES (?1, ?2, 'catch_up', ?3, 'pending', ?4, ?5, ?5)",
                    params![app, person, ymd(due), options, now_s],
                )?;
                changed += 1;
            }
        }
    }
    tx.commit()?;
    Ok(changed)
}

fn require_person(conn: &Connection, person: i64) -> Result<()> {
    let found = conn.prepare_cached("SELECT 1 FROM people WHERE id = ?1")?.exists([person])?;
    if found {
        Ok(())
    } else {
        Err(Error::NotFound("person"))
    }
}

/// Sets (or, with `None`, stops) how often to keep in touch with `person`, counted from today when nothing was
/// logged with them since. The step itself follows at the next [`sync`].
pub fn set_cadence(
    conn: &Connection,
    person: i64,
    months: Option<u32>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(m) = months {
        if !(1..=MAX_MONTHS).contains(&m) {
            return Err(Error::invalid("keepInTouch", Problem::OutOfRange { min: 1, max: MAX_MONTHS as usize }));
        }
    }
    require_person(conn, person)?;
    conn.execute(
        "UPDATE people SET keep_in_touch_months = ?2, keep_in_touch_since = ?3, updated_at = ?4 WHERE id = ?1",
        params![person, months, months.map(|_| ymd(today)), stamp(now)],
    )?;
    Ok(())
}

/// Writes "we talked" with `person` on `date` on the timeline of their latest application (with the person
/// named on the entry, and an optional note). Returns the event's id.
pub fn log_contact(
    conn: &mut Connection,
    person: i64,
    date: &str,
    note: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    let mut c = Checker::new(today);
    let on = c.date("date", date, true);
    if on.is_some_and(|d| d > today) {
        c.problem("date", Problem::InTheFuture);
    }
    let note = c.note("note", note);
    let on = c.finish_with(on)?;
    let tx = conn.transaction()?;
    require_person(&tx, person)?;
    let app = latest_application(&tx, person)?.ok_or(Error::NotFound("application"))?;
    let details = (!note.is_empty()).then(|| json!({ "note": note }));
    let event = events::append(&tx, app, EventKind::Contact, on, details.as_ref(), &stamp(now))?;
    events::add_people(&tx, event, [person])?;
    tx.commit()?;
    Ok(event)
}

/// One application a person was part of.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PersonApplication {
    pub id: i64,
    pub company: String,
    pub role: String,
    pub applied_on: String,
}

/// A person as the people view shows them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PersonSummary {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub company: String,
    /// Their applications, latest first: the company history.
    pub applications: Vec<PersonApplication>,
    pub last_contact: Option<String>,
    pub keep_in_touch_months: Option<u32>,
    /// The open keep-in-touch step: its id, its application and the day it shows as due (the later of its due
    /// day and snooze).
    pub step_id: Option<i64>,
    pub step_application_id: Option<i64>,
    pub next_on: Option<String>,
}

/// Everyone in the journal, by name, with their applications, last contact (up to `today`) and cadence. A
/// handful of queries whatever the number of people.
pub fn list(conn: &Connection, today: NaiveDate) -> Result<Vec<PersonSummary>> {
    let mut out: Vec<PersonSummary> = conn
        .prepare_cached(
            "SELECT p.id, p.name, p.title, c.name, p.keep_in_touch_months FROM people p
               JOIN companies c ON c.id = p.company_id
              ORDER BY p.name COLLATE NOCASE, p.id",
        )?
        .query_map([], |r| {
            Ok(PersonSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                title: r.get(2)?,
                company: r.get(3)?,
                applications: Vec::new(),
                last_contact: None,
                keep_in_touch_months: r.get(4)?,
                step_id: None,
                step_application_id: None,
                next_on: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = out.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT ap.person_id, a.id, c.name, a.role, a.applied_on FROM application_people ap
           JOIN applications a ON a.id = ap.application_id JOIN companies c ON c.id = a.company_id
          ORDER BY a.applied_on DESC, a.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            PersonApplication { id: r.get(1)?, company: r.get(2)?, role: r.get(3)?, applied_on: r.get(4)? },
        ))
    })?;
    for row in rows {
        let (person, app) = row?;
        if let Some(&i) = index.get(&person) {
            out[i].applications.push(app);
        }
    }
    for (person, d) in last_contacts(conn, today)? {
        if let Some(&i) = index.get(&person) {
            out[i].last_contact = Some(d);
        }
    }
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT s.person_id, s.id, s.application_id, ",
        crate::plan::effective_day!(),
        " FROM plan_steps s WHERE s.person_id IS NOT NULL AND s.status IN ('pending', 'missed')"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?))
    })?;
    for row in rows {
        let (person, step, app, on) = row?;
        if let Some(&i) = index.get(&person) {
            out[i].step_id = Some(step);
            out[i].step_application_id = Some(app);
            out[i].next_on = Some(on);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
