//! The follow-up plan: which steps an outcome calls for, when each falls due, and what the user did with it.
//!
//! The defaults are the product brief's (the README's "What it does" gives them with their reasons): thank-you the next day, feedback request within 2 days (or inside the
//! thank-you), keep in touch and LinkedIn within a week, the check-in at rejection + N days (90 by
//! default: a typical probation). After silence: a nudge 14 days after the last sign of life, or 3 days
//! after a promised decision date, at most 3 per company, ~7 days apart, stopped by any reply.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::{Error, Problem, Result};
use crate::events;
use crate::validate::Checker;
use crate::vocab::{
    check_in_days, Channel, EventKind, MessageKind, Outcome, StepAction as Action, StepKind, StepStatus,
};

/// The day a step shows as due: the later of its due date and the end of its snooze. The one definition of it,
/// spliced into every query over `plan_steps` (aliased `s`) that needs it: `concat!(…, effective_day!(), …)`.
macro_rules! effective_day {
    () => {
        "max(s.due_on, coalesce(s.snoozed_until, s.due_on))"
    };
}
pub(crate) use effective_day;

/// A step logged more than this many days after its due date is "missed" rather than due; an open step whose
/// day passed longer ago than this is "older": out of Today, the tray and the notifications, counted in one line.
pub const MISSED_AFTER_DAYS: u64 = 14;
/// Nudges after silence: how many per company, how far apart, and when the first one falls due.
pub const MAX_NUDGES_PER_COMPANY: i64 = 3;
pub const NUDGE_GAP_DAYS: u64 = 7;
pub const NUDGE_AFTER_SILENCE_DAYS: u64 = 14;
pub const NUDGE_AFTER_PROMISE_DAYS: u64 = 3;

/// Choices made when the plan is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanOptions {
    /// Days from the rejection to the check-in.
    pub check_in_days: u32,
    /// Ask for feedback in its own message rather than inside the thank-you.
    pub feedback_separate: bool,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions { check_in_days: check_in_days::DEFAULT, feedback_separate: false }
    }
}

/// A step about to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    pub kind: StepKind,
    pub due_on: NaiveDate,
    /// `pending`, or `missed` when its moment had long passed when the outcome was logged.
    pub status: StepStatus,
    pub ask_feedback: bool,
}

fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(NaiveDate::MAX)
}

/// The steps a rejection on `rejected_on`, logged on `today`, calls for.
pub fn rejection_steps(rejected_on: NaiveDate, today: NaiveDate, opts: PlanOptions) -> Vec<NewStep> {
    let status = |due| status_when_logged(due, today);
    let mut steps = Vec::with_capacity(5);
    let mut add = |kind, days, ask_feedback| {
        let due_on = plus(rejected_on, days);
        steps.push(NewStep { kind, due_on, status: status(due_on), ask_feedback });
    };
    add(StepKind::ThankYou, 1, !opts.feedback_separate);
    if opts.feedback_separate {
        add(StepKind::Feedback, 2, false);
    }
    add(StepKind::KeepInTouch, 7, false);
    add(StepKind::Linkedin, 7, false);
    // The check-in follows the same rule: logged within two weeks of its day it is due at once; a rejection
    // logged (or imported) a year late does not bring back a check-in whose moment is long gone.
    add(StepKind::CheckIn, u64::from(opts.check_in_days), false);
    steps
}

/// How a step due on `due` starts when its outcome is logged on `today`: `pending`, or `missed` when its moment
/// passed more than [`MISSED_AFTER_DAYS`] before (it is kept on the plan, never shown in Today nor announced).
pub fn status_when_logged(due: NaiveDate, today: NaiveDate) -> StepStatus {
    if today > plus(due, MISSED_AFTER_DAYS) {
        StepStatus::Missed
    } else {
        StepStatus::Pending
    }
}

/// When the first nudge after silence falls due.
pub fn first_nudge_due(silent_since: NaiveDate, promised_on: Option<NaiveDate>) -> NaiveDate {
    match promised_on {
        Some(p) => plus(p, NUDGE_AFTER_PROMISE_DAYS),
        None => plus(silent_since, NUDGE_AFTER_SILENCE_DAYS),
    }
}

use crate::db::{day as ymd, instant as stamp};

fn add_event(conn: &Connection, app: i64, kind: EventKind, on: NaiveDate, details: Value, now: &str) -> Result<()> {
    events::append(conn, app, kind, on, Some(&details), now).map(drop)
}

/// Inserts steps and one `plan_created` event dated `on` (the outcome's date, so the timeline reads "rejected,
/// plan created" together).
fn insert_steps(
    conn: &Connection,
    app: i64,
    outcome_event: i64,
    steps: &[NewStep],
    on: NaiveDate,
    now: &str,
) -> Result<()> {
    let mut listed = Vec::with_capacity(steps.len());
    for s in steps {
        let options = if s.ask_feedback { json!({"ask_feedback": true}) } else { json!({}) };
        conn.execute(
            "INSERT INTO plan_steps (application_id, outcome_event_id, kind, due_on, status, options, created_at,
                                     updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![app, outcome_event, s.kind, ymd(s.due_on), s.status, options.to_string(), now],
        )?;
        listed.push(json!({"step_id": conn.last_insert_rowid(), "step": s.kind, "due_on": ymd(s.due_on),
                           "status": s.status}));
    }
    if !listed.is_empty() {
        add_event(
            conn,
            app,
            EventKind::PlanCreated,
            on,
            json!({ "outcome_event_id": outcome_event, "steps": listed }),
            now,
        )?;
    }
    Ok(())
}

/// Cancels the pending nudges of an application (a reply came, or another outcome was logged).
fn cancel_nudges(conn: &Connection, app: i64, now: &str) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE plan_steps SET status = 'cancelled', updated_at = ?2
          WHERE application_id = ?1 AND kind = 'nudge' AND status IN ('pending', 'missed')",
        params![app, now],
    )?)
}

/// Which nudge at its company a nudge step is (1 for the first): the count of nudges offered there up to it.
pub fn nudge_number(conn: &Connection, step_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM plan_steps s JOIN applications a ON a.id = s.application_id
          WHERE s.kind = 'nudge' AND s.status NOT IN ('cancelled') AND s.id <= ?1
            AND a.company_id = (SELECT a2.company_id FROM plan_steps s2 JOIN applications a2
                                  ON a2.id = s2.application_id WHERE s2.id = ?1)",
        [step_id],
        |r| r.get(0),
    )?)
}

/// How many nudges the user has been offered at the company of `app` (cancelled ones do not count: they
/// were never sent).
fn nudges_at_company(conn: &Connection, app: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM plan_steps s JOIN applications a ON a.id = s.application_id
          WHERE s.kind = 'nudge' AND s.status NOT IN ('cancelled')
            AND a.company_id = (SELECT company_id FROM applications WHERE id = ?1)",
        [app],
        |r| r.get(0),
    )?)
}

/// Creates what an outcome calls for, inside the caller's transaction: the plan for a rejection, the first
/// nudge for silence. Any outcome stops the nudges still pending for the application.
#[allow(clippy::too_many_arguments)]
pub fn on_outcome(
    conn: &Connection,
    app: i64,
    outcome_event: i64,
    outcome: Outcome,
    date: NaiveDate,
    promised_on: Option<NaiveDate>,
    today: NaiveDate,
    opts: PlanOptions,
    now: DateTime<Utc>,
) -> Result<()> {
    let now = stamp(now);
    cancel_nudges(conn, app, &now)?;
    match outcome {
        Outcome::Rejected => insert_steps(conn, app, outcome_event, &rejection_steps(date, today, opts), date, &now),
        Outcome::Ghosted if nudges_at_company(conn, app)? < MAX_NUDGES_PER_COMPANY => {
            let due_on = first_nudge_due(date, promised_on);
            let step = NewStep {
                kind: StepKind::Nudge,
                due_on,
                status: status_when_logged(due_on, today),
                ask_feedback: false,
            };
            insert_steps(conn, app, outcome_event, &[step], date, &now)
        }
        _ => Ok(()),
    }
}

/// `NotFound` unless application `app` exists.
fn require_application(conn: &Connection, app: i64) -> Result<()> {
    let found: Option<i64> =
        conn.query_row("SELECT id FROM applications WHERE id = ?1", [app], |r| r.get(0)).optional()?;
    found.map(|_| ()).ok_or(Error::NotFound("application"))
}

/// Records a reply from the employer (feedback, a new contact…): it goes on the timeline and stops the
/// pending nudges.
pub fn log_reply(conn: &mut Connection, app: i64, note: &str, today: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let mut c = Checker::new(today);
    let note = c.note("note", note);
    c.finish()?;
    let tx = conn.transaction()?;
    require_application(&tx, app)?;
    let now = stamp(now);
    let cancelled = cancel_nudges(&tx, app, &now)?;
    let mut details = json!({ "nudges_stopped": cancelled });
    if !note.is_empty() {
        details["note"] = note.into();
    }
    add_event(&tx, app, EventKind::Reply, today, details, &now)?;
    tx.commit()?;
    Ok(())
}

/// `NotAChoice` on `personId` unless `person` is one of the people of application `app`.
fn require_addressee(conn: &Connection, app: i64, person: Option<i64>) -> Result<()> {
    let Some(person) = person else { return Ok(()) };
    let linked = conn
        .prepare_cached("SELECT 1 FROM application_people WHERE application_id = ?1 AND person_id = ?2")?
        .exists(params![app, person])?;
    if linked {
        Ok(())
    } else {
        Err(Error::invalid("personId", Problem::NotAChoice))
    }
}

/// Records on the timeline that a message belonging to no step (a thank-you after an interview) was sent, and
/// to whom (one of the application's people, when the composer had one).
#[allow(clippy::too_many_arguments)]
pub fn log_message_sent(
    conn: &mut Connection,
    app: i64,
    kind: &str,
    channel: &str,
    person: Option<i64>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut c = Checker::new(today);
    let kind = c.pick::<MessageKind>("kind", kind);
    let channel = c.pick::<Channel>("channel", channel);
    let (kind, channel) = c.finish_with(kind.zip(channel))?;
    require_application(conn, app)?;
    require_addressee(conn, app, person)?;
    let mut details = json!({ "message": kind, "channel": channel });
    if let Some(p) = person {
        details["person_id"] = p.into();
    }
    add_event(conn, app, EventKind::MessageSent, today, details, &stamp(now))
}

/// A step as the UI shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    pub id: i64,
    pub application_id: i64,
    pub company: String,
    pub role: String,
    pub kind: StepKind,
    pub due_on: String,
    pub status: StepStatus,
    pub snoozed_until: Option<String>,
    pub done_on: Option<String>,
    pub channel: Option<String>,
    /// Ask for feedback inside this (thank-you) message.
    pub ask_feedback: bool,
    /// The day it shows as due: the later of its due date and its snooze.
    pub effective_on: String,
    /// `upcoming`, `due` (on or after its day), `missed`, or the closed status.
    pub state: String,
    /// For a keep-in-touch reminder (`catch_up`): the person, and their name.
    pub person_id: Option<i64>,
    pub person: Option<String>,
    /// What the step counts from, and that day: the outcome that started the plan (`rejected`, `ghosted`…),
    /// or for a keep-in-touch reminder ([`crate::people::anchor`]) `contact` (the last contact), `chosen` (the
    /// day the cadence was chosen) or `closed` (the last reminder done or skipped).
    pub since: Option<String>,
    pub since_on: Option<String>,
}

const STEP_SQL: &str = concat!(
    "SELECT s.id, s.application_id, c.name, a.role, s.kind, s.due_on, s.status, s.snoozed_until, s.done_on,
            s.channel, json_extract(s.options, '$.ask_feedback'), ",
    effective_day!(),
    " AS effective_on, s.person_id, p.name, coalesce(e.kind, json_extract(s.options, '$.from')),
            coalesce(e.occurred_on, json_extract(s.options, '$.anchor'))
       FROM plan_steps s JOIN applications a ON a.id = s.application_id JOIN companies c ON c.id = a.company_id
       LEFT JOIN people p ON p.id = s.person_id LEFT JOIN events e ON e.id = s.outcome_event_id"
);

fn step_row(r: &rusqlite::Row, today: &str) -> rusqlite::Result<Step> {
    let status: StepStatus = r.get(6)?;
    let effective_on: String = r.get(11)?;
    let state = match status {
        StepStatus::Pending if effective_on.as_str() <= today => "due",
        StepStatus::Pending => "upcoming",
        other => other.as_str(),
    }
    .to_owned();
    Ok(Step {
        id: r.get(0)?,
        application_id: r.get(1)?,
        company: r.get(2)?,
        role: r.get(3)?,
        kind: r.get(4)?,
        due_on: r.get(5)?,
        status,
        snoozed_until: r.get(7)?,
        done_on: r.get(8)?,
        channel: r.get(9)?,
        ask_feedback: r.get::<_, Option<bool>>(10)?.unwrap_or(false),
        effective_on,
        state,
        person_id: r.get(12)?,
        person: r.get(13)?,
        since: r.get(14)?,
        since_on: r.get(15)?,
    })
}

/// Every step of one application, in due order.
pub fn list_steps(conn: &Connection, app: i64, today: NaiveDate) -> Result<Vec<Step>> {
    let today = ymd(today);
    let mut stmt = conn.prepare_cached(&format!("{STEP_SQL} WHERE s.application_id = ?1 ORDER BY s.due_on, s.id"))?;
    let rows = stmt.query_map([app], |r| step_row(r, &today))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The "to do" list across all applications: the open steps (pending or missed) from two weeks ago on, soonest
/// first. Those whose moment passed longer ago are [`list_older`]'s, so that a year of backlog is not a wall here.
pub fn list_todo(conn: &Connection, today: NaiveDate) -> Result<Vec<Step>> {
    open_within(conn, recent_from(today), LAST_DAY, today)
}

/// The widest days a stored day can hold, for a query open on one side: days are stored as `YYYY-MM-DD` and
/// compared as text, so the bounds must be written with four-digit years too (`NaiveDate::MAX` is "+262142-…").
const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).expect("a valid day");
const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid day");

/// How far ahead the first screen looks, in days.
pub const FOCUS_DAYS: u64 = 7;
/// How many steps the first screen lists at most; the rest are counted ("N more in To do").
pub const FOCUS_LIMIT: usize = 15;

/// What the first screen shows, whatever the journal's size.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Focus {
    /// The open steps due today, overdue by up to [`MISSED_AFTER_DAYS`], or due in the next [`FOCUS_DAYS`]
    /// days, soonest first: at most [`FOCUS_LIMIT`].
    pub steps: Vec<Step>,
    /// How many more of those there are (listed in To do).
    pub more: usize,
    /// How many open steps' moment passed longer ago (missed, or overdue by more than two weeks): one line.
    pub older: usize,
}

/// The first day that is not "older" on `today`: a step whose day is before it has passed too long ago to be
/// shown in Today or announced.
pub fn recent_from(today: NaiveDate) -> NaiveDate {
    today.checked_sub_days(Days::new(MISSED_AFTER_DAYS)).unwrap_or(NaiveDate::MIN)
}

/// What the first screen shows: see [`Focus`].
pub fn focus(conn: &Connection, today: NaiveDate) -> Result<Focus> {
    let mut steps = open_within(conn, recent_from(today), plus(today, FOCUS_DAYS), today)?;
    let more = steps.len().saturating_sub(FOCUS_LIMIT);
    steps.truncate(FOCUS_LIMIT);
    let older = conn.query_row(
        concat!(
            "SELECT count(*) FROM plan_steps s WHERE s.status IN ('pending', 'missed') AND ",
            effective_day!(),
            " < ?1"
        ),
        [ymd(recent_from(today))],
        |r| r.get::<_, i64>(0),
    )?;
    Ok(Focus { steps, more, older: usize::try_from(older).unwrap_or(0) })
}

/// The open steps whose moment passed long ago (the "older" line of the first screen), soonest first.
pub fn list_older(conn: &Connection, today: NaiveDate) -> Result<Vec<Step>> {
    let until = recent_from(today).pred_opt().unwrap_or(FIRST_DAY);
    open_within(conn, FIRST_DAY, until, today)
}

/// The open steps (pending or missed) that show as due from `from` to `until` (both included), soonest first:
/// the one query of what is due, for the first screen and for the reminders alike.
pub fn open_within(conn: &Connection, from: NaiveDate, until: NaiveDate, today: NaiveDate) -> Result<Vec<Step>> {
    let today = ymd(today);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT * FROM ({STEP_SQL} WHERE s.status IN ('pending', 'missed')) WHERE effective_on BETWEEN ?1 AND ?2
          ORDER BY effective_on, id"
    ))?;
    let rows = stmt.query_map([ymd(from), ymd(until)], |r| step_row(r, &today))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What "Dismiss them" did: the steps it marked skipped, to put back with [`undo_dismiss`].
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dismissed {
    /// The write's time stamp: it names this dismissal for "Undo".
    pub at: String,
    pub count: usize,
}

/// "Dismiss them": marks every older open step skipped, each with its timeline entry (which remembers the
/// status it had), in one transaction.
pub fn dismiss_older(conn: &mut Connection, today: NaiveDate, now: DateTime<Utc>) -> Result<Dismissed> {
    let older = list_older(conn, today)?;
    let at = stamp(now);
    let tx = conn.transaction()?;
    for s in &older {
        tx.execute("UPDATE plan_steps SET status = 'skipped', updated_at = ?2 WHERE id = ?1", params![s.id, at])?;
        let details = json!({ "step_id": s.id, "step": s.kind, "dismissed": true, "was": s.status });
        add_event(&tx, s.application_id, EventKind::StepSkipped, today, details, &at)?;
    }
    tx.commit()?;
    Ok(Dismissed { at, count: older.len() })
}

/// "Undo" after [`dismiss_older`]: the steps it skipped (and not touched since) are open again as they were,
/// and its timeline entries go. Returns how many steps came back.
pub fn undo_dismiss(conn: &mut Connection, at: &str) -> Result<usize> {
    if DateTime::parse_from_rfc3339(at).is_err() {
        return Err(Error::NotFound("dismissal"));
    }
    let tx = conn.transaction()?;
    let entries: Vec<(i64, i64, StepStatus)> = {
        let mut stmt = tx.prepare(
            "SELECT id, json_extract(details, '$.step_id'), json_extract(details, '$.was') FROM events
              WHERE kind = ?1 AND created_at = ?2 AND json_extract(details, '$.dismissed') = 1",
        )?;
        let rows = stmt.query_map(params![EventKind::StepSkipped, at], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut back = 0;
    for (event, step, was) in entries {
        back += tx.execute(
            "UPDATE plan_steps SET status = ?2 WHERE id = ?1 AND status = 'skipped' AND updated_at = ?3",
            params![step, was, at],
        )?;
        events::remove(&tx, event, EventKind::StepSkipped)?;
    }
    tx.commit()?;
    Ok(back)
}

/// One step by id.
pub fn get_step(conn: &Connection, id: i64, today: NaiveDate) -> Result<Step> {
    let today = ymd(today);
    conn.query_row(&format!("{STEP_SQL} WHERE s.id = ?1"), [id], |r| step_row(r, &today))
        .optional()?
        .ok_or(Error::NotFound("step"))
}

/// What the user does with a step.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct StepAction {
    pub step_id: i64,
    /// One of [`Action`]: `done`, `snooze`, `skip` or `reschedule`.
    pub action: String,
    /// For `done`: how it was sent (one of [`Channel`]); empty when it was done another way.
    pub channel: String,
    /// For `snooze` and `reschedule`: the new day.
    pub date: String,
    /// For `done` with a channel: whom the message went to (one of the application's people), if known.
    pub person_id: Option<i64>,
}

/// Applies a step action and writes it on the timeline. Marking a nudge done while the silence lasts plans
/// the next one, up to the per-company limit.
pub fn act_on_step(conn: &mut Connection, input: &StepAction, today: NaiveDate, now: DateTime<Utc>) -> Result<Step> {
    let step = get_step(conn, input.step_id, today)?;
    let mut c = Checker::new(today);
    // What to do, with what it needs: a day to move to, or how a message went (when one was sent).
    enum Todo {
        Done(Option<Channel>),
        Skip,
        Snooze(NaiveDate),
        Reschedule(NaiveDate),
    }
    let todo = match c.pick::<Action>("action", &input.action) {
        Some(a @ (Action::Snooze | Action::Reschedule)) => {
            let d = c.date_ahead("date", &input.date, true);
            if d.is_some_and(|d| d < today || (a == Action::Snooze && d == today)) {
                c.problem("date", Problem::NotAfterToday);
            }
            d.map(if a == Action::Snooze { Todo::Snooze } else { Todo::Reschedule })
        }
        Some(Action::Done) if !input.channel.trim().is_empty() => {
            c.pick::<Channel>("channel", &input.channel).map(|ch| Todo::Done(Some(ch)))
        }
        Some(Action::Done) => Some(Todo::Done(None)),
        Some(Action::Skip) => Some(Todo::Skip),
        None => None,
    };
    let todo = c.finish_with(todo)?;
    let channel = match todo {
        Todo::Done(ch) => ch,
        _ => None,
    };
    if !step.status.is_open() {
        return Err(Error::invalid("action", Problem::AlreadyClosed));
    }

    // Whom the message went to: the person the composer had (a keep-in-touch reminder's own person unless the
    // user picked someone else); the step still closes, and counts for its person's cadence, either way.
    let addressee = input.person_id.filter(|_| channel.is_some()).or(step.person_id);
    require_addressee(conn, step.application_id, addressee)?;

    let tx = conn.transaction()?;
    let now_s = stamp(now);
    let mut base = json!({ "step_id": step.id, "step": step.kind });
    if let Some(p) = addressee {
        base["person_id"] = p.into();
    }
    let with = |extra: Value| {
        let mut v = base.clone();
        v.as_object_mut().expect("object").extend(extra.as_object().expect("object").clone());
        v
    };
    match todo {
        Todo::Done(_) => {
            tx.execute(
                "UPDATE plan_steps SET status = 'done', done_on = ?2, channel = ?3, updated_at = ?4 WHERE id = ?1",
                params![step.id, ymd(today), channel, now_s],
            )?;
            match channel {
                Some(ch) => {
                    let details = with(json!({ "channel": ch }));
                    add_event(&tx, step.application_id, EventKind::MessageSent, today, details, &now_s)?
                }
                None => add_event(&tx, step.application_id, EventKind::StepDone, today, base.clone(), &now_s)?,
            }
            if step.kind == StepKind::Nudge {
                plan_next_nudge(&tx, step.application_id, today, &now_s)?;
            }
        }
        Todo::Skip => {
            tx.execute(
                "UPDATE plan_steps SET status = 'skipped', updated_at = ?2 WHERE id = ?1",
                params![step.id, now_s],
            )?;
            add_event(&tx, step.application_id, EventKind::StepSkipped, today, base.clone(), &now_s)?;
        }
        Todo::Snooze(until) => {
            tx.execute(
                "UPDATE plan_steps SET snoozed_until = ?2, reminded_at = NULL, updated_at = ?3 WHERE id = ?1",
                params![step.id, ymd(until), now_s],
            )?;
            let details = with(json!({ "until": ymd(until) }));
            add_event(&tx, step.application_id, EventKind::StepSnoozed, today, details, &now_s)?;
        }
        Todo::Reschedule(to) => {
            tx.execute(
                "UPDATE plan_steps SET due_on = ?2, snoozed_until = NULL, reminded_at = NULL, status = 'pending',
                        updated_at = ?3
                  WHERE id = ?1",
                params![step.id, ymd(to), now_s],
            )?;
            add_event(
                &tx,
                step.application_id,
                EventKind::StepRescheduled,
                today,
                with(json!({"from": step.due_on, "to": ymd(to)})),
                &now_s,
            )?;
        }
    }
    tx.commit()?;
    get_step(conn, step.id, today)
}

/// After a nudge was sent: if the application is still in silence (its latest outcome is `ghosted`) and the
/// company has had fewer than the limit, the next nudge is planned a week later.
fn plan_next_nudge(conn: &Connection, app: i64, today: NaiveDate, now: &str) -> Result<()> {
    let latest: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, kind FROM events WHERE application_id = ?1
                AND kind IN ('rejected', 'ghosted', 'offer', 'accepted', 'withdrawn')
              ORDER BY occurred_on DESC, id DESC LIMIT 1",
            [app],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let replied_since: bool = match &latest {
        Some((event, _)) => conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM events WHERE application_id = ?1 AND kind = 'reply' AND id > ?2)",
            params![app, event],
            |r| r.get(0),
        )?,
        None => false,
    };
    if let Some((event, kind)) = latest {
        if kind == "ghosted" && !replied_since && nudges_at_company(conn, app)? < MAX_NUDGES_PER_COMPANY {
            let step = NewStep {
                kind: StepKind::Nudge,
                due_on: plus(today, NUDGE_GAP_DAYS),
                status: StepStatus::Pending,
                ask_feedback: false,
            };
            insert_steps(conn, app, event, &[step], today, now)?;
        }
    }
    Ok(())
}

pub mod probation;

#[cfg(test)]
mod tests;
