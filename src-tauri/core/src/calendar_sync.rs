//! The plan kept in step with the user's own calendar over CalDAV (issue 25).
//!
//! The journal is the source. Every open step (pending or missed, the keep-in-touch catch-ups among them) is one
//! event in the chosen calendar, at its day and the reminder time, with an alarm, its UID the one of the ICS
//! export, its file `rebound-step-ID.ics`, worded in the application's language ([`ics::open_events`]).
//!
//! A sync is a reconciliation, not a replay of a queue: it lists the calendar (one PROPFIND), then writes what
//! differs from the journal — an event missing is created, an event whose step changed (day, time, words) or
//! that someone changed on the server is written again (the journal wins, the conflict is logged), an event of
//! Rebound's whose step is closed or gone is deleted. What the server holds is remembered in `calendar_events`
//! (href, ETag, what was sent), row by row as each write succeeds, so a sync cut short (the server went away)
//! resumes where it stopped, and the changes made meanwhile are simply what still differs: that is the queue,
//! and it lives in the journal. Events of the calendar that are not Rebound's are never touched.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::caldav::{self, Condition, Item};
use crate::transfer::ics::{self, PlanEvent};

/// The start of every event file Rebound writes: what tells its events from the user's own.
pub const FILE_PREFIX: &str = "rebound-step-";

/// The calendar server, as the sync uses it (the CalDAV client in the app, a fake in the unit tests).
pub trait Remote {
    fn list(&self, calendar: &str) -> caldav::Result<Vec<Item>>;
    fn put(&self, href: &str, ics: &str, condition: Condition) -> caldav::Result<Option<String>>;
    fn delete(&self, href: &str, etag: Option<&str>) -> caldav::Result<()>;
    /// The sync was turned off or moved to another calendar meanwhile: stop before the next write.
    fn cancelled(&self) -> bool {
        false
    }
}

impl Remote for caldav::Client {
    fn list(&self, calendar: &str) -> caldav::Result<Vec<Item>> {
        caldav::Client::list(self, calendar)
    }
    fn put(&self, href: &str, ics: &str, condition: Condition) -> caldav::Result<Option<String>> {
        caldav::Client::put(self, href, ics, condition)
    }
    fn delete(&self, href: &str, etag: Option<&str>) -> caldav::Result<()> {
        caldav::Client::delete(self, href, etag)
    }
}

/// Why a sync did not end in step.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("calendar server: {0}")]
    Remote(#[from] caldav::Error),
    #[error("journal: {0}")]
    Journal(#[from] crate::error::Error),
    #[error("the sync was turned off")]
    Cancelled,
}

impl From<rusqlite::Error> for SyncError {
    fn from(e: rusqlite::Error) -> Self {
        SyncError::Journal(e.into())
    }
}

/// What one sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub created: usize,
    pub updated: usize,
    pub deleted: usize,
    /// Events changed or deleted on the server by someone else, written back from the journal.
    pub conflicts: usize,
    /// Events already as the journal says.
    pub unchanged: usize,
    /// Events the server refused one by one (the others went on); they stay pending.
    pub refused: usize,
    /// The last of those refusals.
    pub refusal: Option<caldav::Error>,
}

/// The sync's state for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    /// When the calendar was last in step with the journal (RFC 3339), if ever.
    pub last_sync: Option<String>,
    /// The code of the last error ([`caldav::Error::code`]) since then, if any.
    pub last_error: Option<String>,
    pub error_at: Option<String>,
    /// Changes not in the calendar yet: events to create, send again or delete.
    pub pending: usize,
}

/// What is sent for an event, to tell whether its step changed since it was.
fn digest(e: &PlanEvent) -> String {
    format!("{}|{}|{}", e.start.to_rfc3339(), e.summary, e.description)
}

/// The event file's name in the calendar.
pub fn file_name(step_id: i64) -> String {
    format!("{FILE_PREFIX}{step_id}.ics")
}

/// The file name an href ends with, decoded: how the listing is matched with the events Rebound writes, however
/// the server encodes its hrefs (all of them are in the one calendar).
fn name_of(href: &str) -> String {
    let last = href.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    percent_encoding::percent_decode_str(last).decode_utf8_lossy().into_owned()
}

fn is_ours(href: &str) -> bool {
    let name = name_of(href);
    name.starts_with(FILE_PREFIX) && name.ends_with(".ics")
}

/// One row of `calendar_events`.
struct Sent {
    etag: Option<String>,
    digest: String,
}

/// Makes the sync's state about `calendar`: rows about another calendar (the user picked a new one) are dropped.
fn about(conn: &Connection, calendar: &str) -> rusqlite::Result<()> {
    let about: Option<String> =
        conn.query_row("SELECT calendar FROM calendar_sync WHERE id = 1", [], |r| r.get(0)).optional()?;
    if about.as_deref() != Some(calendar) {
        conn.execute("DELETE FROM calendar_events", [])?;
        conn.execute(
            "INSERT INTO calendar_sync (id, calendar) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET calendar = ?1, last_sync = NULL, last_error = NULL, error_at = NULL",
            [calendar],
        )?;
    }
    Ok(())
}

/// The rows about `calendar` (see [`about`]).
fn sent(conn: &Connection, calendar: &str) -> rusqlite::Result<HashMap<String, Sent>> {
    about(conn, calendar)?;
    let mut stmt = conn.prepare("SELECT uid, etag, digest FROM calendar_events")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, Sent { etag: r.get(1)?, digest: r.get(2)? })))?;
    rows.collect()
}

fn remember(conn: &Connection, uid: &str, href: &str, etag: Option<&str>, digest: &str, now: DateTime<Utc>) {
    let done = conn.execute(
        "INSERT INTO calendar_events (uid, href, etag, digest, synced_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (uid) DO UPDATE SET href = ?2, etag = ?3, digest = ?4, synced_at = ?5",
        params![uid, href, etag, digest, now.to_rfc3339()],
    );
    if let Err(e) = done {
        // The event is in the calendar; the next sync finds it there and only writes it once more.
        log::warn!("calendar: could not remember {uid}: {e}");
    }
}

fn forget(conn: &Connection, uid: &str) {
    if let Err(e) = conn.execute("DELETE FROM calendar_events WHERE uid = ?1", [uid]) {
        log::warn!("calendar: could not forget {uid}: {e}");
    }
}

/// Brings `calendar` in step with the journal's open steps at `time` in `tz`. Stops at the first error about the
/// connection or the calendar as a whole (the server gone, the password changed, the calendar deleted): what was
/// written before it is remembered, the rest is still pending. An event the server refuses on its own (it already
/// holds that UID under another name, say) is skipped and counted: it does not hold back the others.
pub fn sync<Tz: TimeZone>(
    conn: &Connection,
    remote: &dyn Remote,
    calendar: &str,
    time: NaiveTime,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Result<Report, SyncError> {
    let result = reconcile(conn, remote, calendar, time, tz, now);
    let (ok_at, error, error_at) = match &result {
        Ok(r) => match &r.refusal {
            None => (Some(now.to_rfc3339()), None, None),
            Some(e) => (None, Some(e.code()), Some(now.to_rfc3339())),
        },
        Err(SyncError::Remote(e)) => (None, Some(e.code()), Some(now.to_rfc3339())),
        Err(SyncError::Journal(_)) => (None, Some("journal"), Some(now.to_rfc3339())),
        // Turned off: nothing to say on a status line that is gone.
        Err(SyncError::Cancelled) => return result,
    };
    conn.execute(
        "UPDATE calendar_sync SET last_sync = coalesce(?1, last_sync), last_error = ?2, error_at = ?3 WHERE id = 1",
        params![ok_at, error, error_at],
    )?;
    result
}

fn reconcile<Tz: TimeZone>(
    conn: &Connection,
    remote: &dyn Remote,
    calendar: &str,
    time: NaiveTime,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Result<Report, SyncError> {
    let wanted = ics::open_events(conn, None, time, tz)?;
    let mut known = sent(conn, calendar)?;
    let listed = remote.list(calendar)?;
    let on_server: HashMap<String, &Item> = listed.iter().map(|i| (name_of(&i.href), i)).collect();
    let mut report = Report::default();
    let mut kept = HashSet::new();
    for event in &wanted {
        let name = file_name(event.step_id);
        kept.insert(name.clone());
        let row = known.remove(&event.uid());
        let there = on_server.get(&name).copied();
        let step = Step { event, name: &name, row: row.as_ref(), there, digest: digest(event) };
        if let Err(e) = one(conn, remote, calendar, &step, &mut report, now) {
            refuse_or_stop(e, &event.uid(), &mut report)?;
        }
    }
    // Rebound's events whose step is closed or gone.
    for item in listed.iter().filter(|i| is_ours(&i.href) && !kept.contains(&name_of(&i.href))) {
        if remote.cancelled() {
            return Err(SyncError::Cancelled);
        }
        let deleted = match remote.delete(&item.href, item.etag.as_deref()) {
            Err(caldav::Error::Conflict) => remote.delete(&item.href, None),
            other => other,
        };
        match deleted {
            Ok(()) => report.deleted += 1,
            Err(e) => refuse_or_stop(SyncError::Remote(e), &item.href, &mut report)?,
        }
    }
    // Rows of steps that are no longer open and no longer in the calendar.
    for uid in known.keys() {
        forget(conn, uid);
    }
    Ok(report)
}

/// One open step as the sync sees it.
struct Step<'a> {
    event: &'a PlanEvent,
    name: &'a str,
    /// What was last sent for it, if anything.
    row: Option<&'a Sent>,
    /// How the calendar lists it, if it does.
    there: Option<&'a Item>,
    digest: String,
}

/// Brings one step's event in step: created, written again, or left alone.
fn one(
    conn: &Connection,
    remote: &dyn Remote,
    calendar: &str,
    step: &Step,
    report: &mut Report,
    now: DateTime<Utc>,
) -> Result<(), SyncError> {
    let uid = step.event.uid();
    let digest = &step.digest;
    // The server's own spelling of the address when it has the event, else ours.
    let href = step.there.map_or_else(|| caldav::member_href(calendar, step.name), |i| i.href.clone());
    if let (Some(there), Some(row)) = (step.there, step.row) {
        // Unchanged: the same content, and the server's version is the one written (or one side has none to
        // compare: a server that lists no ETag, or gave none on the write).
        let same_version = there.etag.is_none() || row.etag.is_none() || row.etag == there.etag;
        if &row.digest == digest && same_version {
            report.unchanged += 1;
            if row.etag.is_none() && there.etag.is_some() {
                remember(conn, &uid, &href, there.etag.as_deref(), digest, now);
            }
            return Ok(());
        }
    }
    if remote.cancelled() {
        return Err(SyncError::Cancelled);
    }
    let ics = step.event.to_ics(now);
    let etag = match step.there {
        None => {
            let etag = match remote.put(&href, &ics, Condition::New) {
                // Created meanwhile by another copy of the journal: the journal's version replaces it.
                Err(caldav::Error::Conflict) => remote.put(&href, &ics, Condition::Any)?,
                other => other?,
            };
            if step.row.is_some() {
                log::info!("calendar: {uid} was deleted in the calendar; Rebound's step put it back");
                report.conflicts += 1;
            } else {
                report.created += 1;
            }
            etag
        }
        Some(there) => {
            if step.row.is_some_and(|r| &r.digest == digest) {
                log::info!("calendar: {uid} was changed in the calendar; Rebound's step written back");
                report.conflicts += 1;
            } else {
                report.updated += 1;
            }
            let condition = there.etag.as_deref().map_or(Condition::Any, Condition::Match);
            match remote.put(&href, &ics, condition) {
                Err(caldav::Error::Conflict) => {
                    log::info!("calendar: {uid} changed in the calendar during the sync; written back");
                    remote.put(&href, &ics, Condition::Any)?
                }
                other => other?,
            }
        }
    };
    remember(conn, &uid, &href, etag.as_deref(), digest, now);
    Ok(())
}

/// An error on one event: the whole sync stops when it is about the connection, the account or the calendar
/// (the next event would meet it too); otherwise that event is skipped, counted and logged.
fn refuse_or_stop(e: SyncError, what: &str, report: &mut Report) -> Result<(), SyncError> {
    let SyncError::Remote(e) = e else { return Err(e) };
    let whole = e.is_transient()
        || matches!(
            e,
            caldav::Error::Credentials
                | caldav::Error::NotFound
                | caldav::Error::Address(_)
                | caldav::Error::Insecure
                | caldav::Error::Certificate(_)
                | caldav::Error::Redirected(_)
        );
    if whole {
        return Err(SyncError::Remote(e));
    }
    log::warn!("calendar: {what} refused by the server: {e}");
    report.refused += 1;
    report.refusal = Some(e);
    Ok(())
}

/// The status line: the last sync, its error, and how many changes the calendar does not have yet (counted
/// against what was last sent, without the network).
pub fn status<Tz: TimeZone>(
    conn: &Connection,
    calendar: &str,
    time: NaiveTime,
    tz: &Tz,
) -> crate::error::Result<Status> {
    let state = conn
        .query_row(
            "SELECT last_sync, last_error, error_at FROM calendar_sync WHERE id = 1 AND calendar = ?1",
            [calendar],
            |r| Ok(Status { last_sync: r.get(0)?, last_error: r.get(1)?, error_at: r.get(2)?, pending: 0 }),
        )
        .optional()?;
    let wanted = ics::open_events(conn, None, time, tz)?;
    // Never synced to this calendar: every open step is still to be sent.
    let Some(mut status) = state else {
        return Ok(Status { pending: wanted.len(), ..Status::default() });
    };
    let mut stmt = conn.prepare("SELECT uid, digest FROM calendar_events")?;
    let mut sent: HashMap<String, String> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut pending = 0;
    for event in &wanted {
        match sent.remove(&event.uid()) {
            Some(d) if d == digest(event) => {}
            _ => pending += 1,
        }
    }
    status.pending = pending + sent.len();
    Ok(status)
}

/// Notes an error that stopped a sync before it began (no password in the keyring…), for the status line.
pub fn record_error(conn: &Connection, calendar: &str, code: &str, now: DateTime<Utc>) -> crate::error::Result<()> {
    about(conn, calendar)?;
    conn.execute(
        "UPDATE calendar_sync SET last_error = ?1, error_at = ?2 WHERE id = 1",
        params![code, now.to_rfc3339()],
    )?;
    Ok(())
}

/// The longest password accepted, in characters.
pub const MAX_PASSWORD: usize = 500;

/// The account form: the server's address (`https://` is added when no scheme is typed), the user name and the
/// password (kept as typed: spaces are part of some app passwords). Whether the address may carry a password
/// in clear is the client's check ([`caldav::Client::new`]).
pub fn checked_account(url: &str, user: &str, password: &str) -> crate::error::Result<caldav::Account> {
    use crate::error::Problem;
    let mut c = crate::validate::Checker::new(chrono::NaiveDate::MIN);
    let url = c.line("url", url, true);
    let url = if url.is_empty() || url.contains("://") { url } else { format!("https://{url}") };
    if !c.has_error("url") {
        c.web_address("url", &url);
    }
    let user = c.line("user", user, true);
    if password.is_empty() {
        c.problem("password", Problem::Required);
    } else if password.chars().nth(MAX_PASSWORD).is_some() {
        c.problem("password", Problem::TooLong { max: MAX_PASSWORD });
    } else if password.chars().any(char::is_control) {
        c.problem("password", Problem::ControlCharacter);
    }
    c.finish()?;
    Ok(caldav::Account { url, user, password: password.to_owned() })
}

/// Forgets everything about the calendar (the user turned the sync off or chose another account).
pub fn forget_all(conn: &Connection) -> crate::error::Result<()> {
    conn.execute("DELETE FROM calendar_events", [])?;
    conn.execute("DELETE FROM calendar_sync", [])?;
    Ok(())
}

/// [`forget_all`] where a mutable connection is at hand.
pub fn forget_all_mut(conn: &mut Connection) -> crate::error::Result<()> {
    forget_all(conn)
}

#[cfg(test)]
mod tests;
