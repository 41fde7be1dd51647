//! Reading and writing the journal. Each public function is one user action or one view's query.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use super::fold;
use super::model::*;
use crate::error::{Error, Problem, Result};
use crate::events;
use crate::validate::Checker;
use crate::vocab::{check_in_days, AddressForm, EventKind, FeedbackAsk, HeardBy, InterviewFormat, Lang, Outcome};

use crate::db::{day as ymd, instant as stamp};

/// A person's fields once checked.
struct CleanPerson {
    id: Option<i64>,
    name: String,
    title: String,
    email: String,
    linkedin_url: String,
    phone: String,
    address_as: AddressForm,
}

/// An interview once checked.
struct CleanInterview {
    id: Option<i64>,
    date: NaiveDate,
    format: InterviewFormat,
    met: Vec<usize>,
}

/// Creates or replaces an application with its people and interviews, and returns its id.
/// `default_lang` is used when the form leaves the message language empty; `today` bounds the dates.
pub fn save_application(
    conn: &mut Connection,
    input: &ApplicationInput,
    default_lang: Lang,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    let mut c = Checker::new(today);
    let company = c.line("company", &input.company, true);
    let role = c.line("role", &input.role, true);
    let posting_url = c.web_address("postingUrl", &input.posting_url);
    let location = c.line("location", &input.location, false);
    let applied_on = c.date("appliedOn", &input.applied_on, true);
    let source = c.line("source", &input.source, false);
    let lang = if input.lang.trim().is_empty() { Some(default_lang) } else { c.pick("lang", &input.lang) };
    if let Some(days) = input.check_in_days {
        if !check_in_days::allows(days.into()) {
            c.problem(
                "checkInDays",
                Problem::OutOfRange { min: check_in_days::MIN as usize, max: check_in_days::MAX as usize },
            );
        }
    }
    if fold(&company).is_empty() && !c.has_error("company") {
        c.problem("company", Problem::Required);
    }

    let people: Vec<CleanPerson> = input
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| CleanPerson {
            id: p.id,
            name: c.line(&format!("people.{i}.name"), &p.name, true),
            title: c.line(&format!("people.{i}.title"), &p.title, false),
            email: c.email(&format!("people.{i}.email"), &p.email),
            linkedin_url: c.web_address(&format!("people.{i}.linkedinUrl"), &p.linkedin_url),
            phone: c.line(&format!("people.{i}.phone"), &p.phone, false),
            address_as: c.pick(&format!("people.{i}.addressAs"), or_full(&p.address_as)).unwrap_or(AddressForm::Full),
        })
        .collect();

    let interviews: Vec<CleanInterview> = input
        .interviews
        .iter()
        .enumerate()
        .map(|(i, iv)| {
            let date = c.date(&format!("interviews.{i}.date"), &iv.date, true);
            let format = c.pick(&format!("interviews.{i}.format"), &iv.format);
            if iv.met.iter().any(|&m| m >= people.len()) {
                c.problem(&format!("interviews.{i}.met"), Problem::NotAChoice);
            }
            (date, format, iv)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|(date, format, iv)| {
            Some(CleanInterview { id: iv.id, date: date?, format: format?, met: iv.met.clone() })
        })
        .collect();
    let (applied_on, lang) = c.finish_with(applied_on.zip(lang))?;

    let now = stamp(now);
    // A savepoint: a transaction of its own when called alone, a nested one inside a bigger import.
    let tx = conn.savepoint()?;
    let company_id = company_id_for(&tx, &company, &now)?;
    let app_id = match input.id {
        None => {
            tx.execute(
                "INSERT INTO applications (company_id, role, posting_url, location, applied_on, source, lang,
                                           check_in_days, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![
                    company_id,
                    role,
                    posting_url,
                    location,
                    ymd(applied_on),
                    source,
                    lang,
                    input.check_in_days,
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            events::append(&tx, id, EventKind::Applied, applied_on, None, &now)?;
            id
        }
        Some(id) => {
            let changed = tx.execute(
                "UPDATE applications SET company_id = ?2, role = ?3, posting_url = ?4, location = ?5,
                        applied_on = ?6, source = ?7, lang = ?8, updated_at = ?9, check_in_days = ?10
                 WHERE id = ?1",
                params![
                    id,
                    company_id,
                    role,
                    posting_url,
                    location,
                    ymd(applied_on),
                    source,
                    lang,
                    now,
                    input.check_in_days
                ],
            )?;
            if changed == 0 {
                return Err(Error::NotFound("application"));
            }
            events::redate_applied(&tx, id, applied_on)?;
            id
        }
    };

    // People: update or create each, then link exactly those listed.
    let mut person_ids = Vec::with_capacity(people.len());
    for p in &people {
        person_ids.push(upsert_person(&tx, company_id, p, &now)?);
    }
    let keep: HashSet<i64> = person_ids.iter().copied().collect();
    for old in ids(&tx, "SELECT person_id FROM application_people WHERE application_id = ?1", app_id)? {
        if !keep.contains(&old) {
            tx.execute(
                "DELETE FROM application_people WHERE application_id = ?1 AND person_id = ?2",
                params![app_id, old],
            )?;
        }
    }
    for pid in &person_ids {
        tx.execute(
            "INSERT OR IGNORE INTO application_people (application_id, person_id) VALUES (?1, ?2)",
            params![app_id, pid],
        )?;
    }

    // Interviews: events of kind 'interview'; those not listed any more are removed.
    let existing: HashSet<i64> =
        ids(&tx, "SELECT id FROM events WHERE application_id = ?1 AND kind = 'interview'", app_id)?
            .into_iter()
            .collect();
    let mut kept = HashSet::new();
    for (i, iv) in interviews.iter().enumerate() {
        let details = json!({ "format": iv.format });
        let event_id = match iv.id {
            Some(eid) if existing.contains(&eid) => {
                events::rewrite_interview(&tx, eid, iv.date, &details)?;
                eid
            }
            Some(_) => return Err(Error::invalid(format!("interviews.{i}.date"), Problem::NotAChoice)),
            None => events::append(&tx, app_id, EventKind::Interview, iv.date, Some(&details), &now)?,
        };
        kept.insert(event_id);
        events::add_people(&tx, event_id, iv.met.iter().map(|&m| person_ids[m]))?;
    }
    for &gone in existing.difference(&kept) {
        events::remove(&tx, gone, EventKind::Interview)?;
    }
    tx.commit()?;
    Ok(app_id)
}

/// The id of the company whose folded name matches `name`, created if there is none.
fn company_id_for(tx: &Connection, name: &str, now: &str) -> Result<i64> {
    let folded = fold(name);
    if let Some(id) = tx.query_row("SELECT id FROM companies WHERE folded = ?1", [&folded], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    tx.execute("INSERT INTO companies (name, folded, created_at) VALUES (?1, ?2, ?3)", params![name, folded, now])?;
    Ok(tx.last_insert_rowid())
}

/// Updates the person with `p.id`, or the person of the same (folded) name at the company, or creates one.
fn upsert_person(tx: &Connection, company_id: i64, p: &CleanPerson, now: &str) -> Result<i64> {
    let id = match p.id {
        Some(id) => Some(id),
        None => {
            let mut stmt = tx.prepare_cached("SELECT id, name FROM people WHERE company_id = ?1")?;
            let rows = stmt.query_map([company_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let key = fold(&p.name);
            let mut found = None;
            for row in rows {
                let (id, name) = row?;
                if fold(&name) == key {
                    found = Some(id);
                    break;
                }
            }
            found
        }
    };
    match id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE people SET company_id = ?2, name = ?3, title = ?4, email = ?5, linkedin_url = ?6,
                        phone = ?7, updated_at = ?8, address_as = ?9
                 WHERE id = ?1",
                params![id, company_id, p.name, p.title, p.email, p.linkedin_url, p.phone, now, p.address_as],
            )?;
            if changed == 0 {
                return Err(Error::NotFound("person"));
            }
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO people (company_id, name, title, email, linkedin_url, phone, created_at, updated_at,
                                     address_as)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                params![company_id, p.name, p.title, p.email, p.linkedin_url, p.phone, now, p.address_as],
            )?;
            Ok(tx.last_insert_rowid())
        }
    }
}

fn ids(conn: &Connection, sql: &str, arg: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([arg], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Logs an outcome on an application's timeline and returns the event's id.
/// A rejection creates the follow-up plan and silence its first nudge, in the same transaction
/// (see [`crate::plan::on_outcome`]); `opts` carries the check-in delay.
pub fn log_outcome(
    conn: &mut Connection,
    input: &OutcomeInput,
    today: NaiveDate,
    now: DateTime<Utc>,
    opts: crate::plan::PlanOptions,
) -> Result<i64> {
    let (applied_on, own_check_in): (String, Option<u32>) = conn
        .query_row("SELECT applied_on, check_in_days FROM applications WHERE id = ?1", [input.application_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or(Error::NotFound("application"))?;

    let mut c = Checker::new(today);
    let outcome = c.pick("outcome", &input.outcome);
    let date = c.date("date", &input.date, true);
    if let Some(d) = date {
        if ymd(d) < applied_on {
            c.problem("date", Problem::BeforeApplication);
        }
    }
    let mut details = Map::new();
    let mut promised = None;
    let mut feedback_separate = false;
    match outcome {
        Some(Outcome::Rejected) => {
            if let Some(ch) = c.pick::<HeardBy>("channel", &input.channel) {
                details.insert("channel".into(), ch.as_str().into());
            }
            feedback_separate = match input.feedback.trim() {
                "" => false,
                other => c.pick("feedback", other) == Some(FeedbackAsk::Separate),
            };
            let reason = c.note("reason", &input.reason);
            if !reason.is_empty() {
                details.insert("reason".into(), reason.into());
            }
        }
        Some(Outcome::Ghosted) => {
            promised = c.date("promisedOn", &input.promised_on, false);
            if let Some(p) = promised {
                details.insert("promised_on".into(), ymd(p).into());
            }
        }
        _ => {}
    }
    let note = c.note("note", &input.note);
    if !note.is_empty() {
        details.insert("note".into(), note.into());
    }
    let (outcome, date) = c.finish_with(outcome.zip(date))?;

    let tx = conn.transaction()?;
    let now_utc = now;
    let now = stamp(now);
    let id = events::append(&tx, input.application_id, outcome.into(), date, Some(&Value::Object(details)), &now)?;
    tx.execute("UPDATE applications SET updated_at = ?2 WHERE id = ?1", params![input.application_id, now])?;
    // The application's own check-in delay, if set, wins over the setting.
    let check_in_days = own_check_in.unwrap_or(opts.check_in_days);
    let opts = crate::plan::PlanOptions { feedback_separate, check_in_days };
    crate::plan::on_outcome(&tx, input.application_id, id, outcome, date, promised, today, opts, now_utc)?;
    tx.commit()?;
    Ok(id)
}

/// Writes (or rewrites) the private reflection on an outcome. The first time, a `reflection` event marks the
/// day on the timeline.
pub fn save_reflection(
    conn: &mut Connection,
    input: &ReflectionInput,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut c = Checker::new(today);
    let went_well = c.note("wentWell", &input.went_well);
    let do_differently = c.note("doDifferently", &input.do_differently);
    let feelings = c.note("feelings", &input.feelings);
    c.finish()?;

    let tx = conn.transaction()?;
    let (app_id, kind): (i64, String) = tx
        .query_row("SELECT application_id, kind FROM events WHERE id = ?1", [input.outcome_event_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or(Error::NotFound("outcome"))?;
    if <Outcome as crate::vocab::Term>::parse(&kind).is_none() {
        return Err(Error::NotFound("outcome"));
    }
    let first_time = !tx
        .prepare_cached("SELECT 1 FROM reflections WHERE outcome_event_id = ?1")?
        .exists([input.outcome_event_id])?;
    let now = stamp(now);
    tx.execute(
        "INSERT INTO reflections (outcome_event_id, went_well, do_differently, feelings, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (outcome_event_id) DO UPDATE SET went_well = excluded.went_well,
             do_differently = excluded.do_differently, feelings = excluded.feelings, updated_at = excluded.updated_at",
        params![input.outcome_event_id, went_well, do_differently, feelings, now],
    )?;
    if first_time {
        let details = json!({ "outcome_event_id": input.outcome_event_id });
        events::append(&tx, app_id, EventKind::Reflection, today, Some(&details), &now)?;
    }
    tx.commit()?;
    Ok(())
}

/// The list query, optionally narrowed to one company. Status: the latest outcome event, else whether an
/// interview happened.
const SUMMARY_SQL: &str = "
    SELECT a.id, a.company_id, c.name, a.role, a.applied_on,
           COALESCE(
             (SELECT e.kind FROM events e
               WHERE e.application_id = a.id
                 AND e.kind IN ('rejected', 'ghosted', 'offer', 'accepted', 'withdrawn')
               ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1),
             CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id AND e.kind = 'interview')
                  THEN 'interviewing' ELSE 'applied' END),
           (SELECT max(e.occurred_on) FROM events e WHERE e.application_id = a.id AND e.kind <> 'reminder'),
           COALESCE((SELECT group_concat(p.name, ' ') FROM application_people ap
                       JOIN people p ON p.id = ap.person_id WHERE ap.application_id = a.id), '')
      FROM applications a JOIN companies c ON c.id = a.company_id
     WHERE ?1 IS NULL OR a.company_id = ?1
     ORDER BY 7 DESC, a.id DESC
     LIMIT ?2";

/// The list's rows, most recent activity first; at most `limit` of them when given.
fn summaries(conn: &Connection, company_id: Option<i64>, limit: Option<usize>) -> Result<Vec<ApplicationSummary>> {
    let mut stmt = conn.prepare_cached(SUMMARY_SQL)?;
    // A negative LIMIT is SQLite's "no limit".
    let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let rows = stmt.query_map(params![company_id, limit], |r| {
        Ok(ApplicationSummary {
            id: r.get(0)?,
            company_id: r.get(1)?,
            company: r.get(2)?,
            role: r.get(3)?,
            applied_on: r.get(4)?,
            status: r.get(5)?,
            last_event_on: r.get(6)?,
            people: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every application, most recent activity first; with a query, only those whose company, role or people
/// match it (folded: "societe" finds "Société").
pub fn list_applications(conn: &Connection, query: &str) -> Result<Vec<ApplicationSummary>> {
    crate::validate::within("query", query, crate::validate::MAX_LINE)?;
    let all = summaries(conn, None, None)?;
    let terms: Vec<String> = fold(query).split(' ').filter(|t| !t.is_empty()).map(str::to_owned).collect();
    if terms.is_empty() {
        return Ok(all);
    }
    Ok(all
        .into_iter()
        .filter(|a| {
            let hay = fold(&format!("{} {} {}", a.company, a.role, a.people));
            terms.iter().all(|t| hay.contains(t.as_str()))
        })
        .collect())
}

/// The first `limit` rows of the unfiltered list and how many applications there are in all: what the first
/// screen shows, without reading and sending every row of a long journal.
pub fn first_applications(conn: &Connection, limit: usize) -> Result<ApplicationPage> {
    let total: i64 = conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?;
    Ok(ApplicationPage { total: usize::try_from(total).unwrap_or(0), items: summaries(conn, None, Some(limit))? })
}

fn person(r: &rusqlite::Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        company_id: r.get(1)?,
        name: r.get(2)?,
        title: r.get(3)?,
        email: r.get(4)?,
        linkedin_url: r.get(5)?,
        phone: r.get(6)?,
        address_as: r.get(7)?,
        keep_in_touch_months: r.get(8)?,
    })
}

const PERSON_COLUMNS: &str =
    "p.id, p.company_id, p.name, p.title, p.email, p.linkedin_url, p.phone, p.address_as, p.keep_in_touch_months";

/// An empty form of address means the default, the full name.
fn or_full(value: &str) -> &str {
    if value.trim().is_empty() {
        "full"
    } else {
        value
    }
}

/// One application with its people and its whole timeline.
pub fn get_application(conn: &Connection, id: i64) -> Result<ApplicationDetail> {
    let mut detail = conn
        .query_row(
            "SELECT a.id, a.company_id, c.name, a.role, a.posting_url, a.location, a.applied_on, a.source, a.lang,
                    a.created_at, a.updated_at, a.check_in_days
               FROM applications a JOIN companies c ON c.id = a.company_id WHERE a.id = ?1",
            [id],
            |r| {
                Ok(ApplicationDetail {
                    id: r.get(0)?,
                    company_id: r.get(1)?,
                    company: r.get(2)?,
                    role: r.get(3)?,
                    posting_url: r.get(4)?,
                    location: r.get(5)?,
                    applied_on: r.get(6)?,
                    source: r.get(7)?,
                    lang: r.get(8)?,
                    check_in_days: r.get(11)?,
                    created_at: r.get(9)?,
                    updated_at: r.get(10)?,
                    status: String::new(),
                    people: Vec::new(),
                    timeline: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or(Error::NotFound("application"))?;

    detail.status = summaries(conn, Some(detail.company_id), None)?
        .into_iter()
        .find(|s| s.id == id)
        .map(|s| s.status)
        .unwrap_or_default();

    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PERSON_COLUMNS} FROM people p JOIN application_people ap ON ap.person_id = p.id
          WHERE ap.application_id = ?1 ORDER BY p.id"
    ))?;
    detail.people = stmt.query_map([id], person)?.collect::<Result<_, _>>()?;

    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.kind, e.occurred_on, e.details,
                (SELECT group_concat(ep.person_id) FROM event_people ep WHERE ep.event_id = e.id),
                r.went_well, r.do_differently, r.feelings
           FROM events e LEFT JOIN reflections r ON r.outcome_event_id = e.id
          WHERE e.application_id = ?1 ORDER BY e.occurred_on, e.id",
    )?;
    detail.timeline = stmt
        .query_map([id], |r| {
            let details: String = r.get(3)?;
            let people: Option<String> = r.get(4)?;
            let went_well: Option<String> = r.get(5)?;
            let id: i64 = r.get(0)?;
            Ok(Event {
                id,
                kind: r.get(1)?,
                date: r.get(2)?,
                details: serde_json::from_str(&details).unwrap_or(Value::Null),
                people: people.map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect()).unwrap_or_default(),
                reflection: match went_well {
                    Some(went_well) => Some(ReflectionInput {
                        outcome_event_id: id,
                        went_well,
                        do_differently: r.get(6)?,
                        feelings: r.get(7)?,
                    }),
                    None => None,
                },
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(detail)
}

/// Every application and every person at one company.
pub fn company_history(conn: &Connection, company_id: i64) -> Result<CompanyHistory> {
    let name: String = conn
        .query_row("SELECT name FROM companies WHERE id = ?1", [company_id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound("company"))?;
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.company_id = ?1 ORDER BY p.name"))?;
    let people = stmt.query_map([company_id], person)?.collect::<Result<_, _>>()?;
    Ok(CompanyHistory { id: company_id, name, applications: summaries(conn, Some(company_id), None)?, people })
}
