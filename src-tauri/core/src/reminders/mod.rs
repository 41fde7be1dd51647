//! What is due when: the instant a step's reminder falls due (its calendar day at the reminder time, in the
//! user's time zone), the steps due now and not yet announced, and recording that they were — exactly once.
//!
//! Due dates are calendar days; the reminder time turns one into an instant in the local time zone. When that
//! local time does not exist (the spring DST gap: 02:30 on a day clocks jump from 02:00 to 03:00), the
//! reminder fires at the first minute that exists after it (03:00). When it exists twice (the autumn change),
//! it fires at the first of the two.

pub mod schedule;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::json;

use crate::error::Result;
use crate::vocab::{EventKind, StepKind, StepStatus};

/// The instant the reminder for `day` at `time` falls due in time zone `tz`.
pub fn due_instant<Tz: TimeZone>(day: NaiveDate, time: NaiveTime, tz: &Tz) -> DateTime<Utc> {
    let local = day.and_time(time);
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t.with_timezone(&Utc);
    }
    // In a gap: walk forward to the first local minute that exists (gaps are at most a few hours).
    let mut probe = local;
    for _ in 0..(24 * 60) {
        probe += Duration::minutes(1);
        if let Some(t) = tz.from_local_datetime(&probe).earliest() {
            return t.with_timezone(&Utc);
        }
    }
    // No valid time in a whole day cannot happen with real zones; treat the day's UTC time as the answer.
    Utc.from_utc_datetime(&local)
}

/// A step due for a reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DueStep {
    pub step_id: i64,
    pub application_id: i64,
    pub company: String,
    pub role: String,
    pub kind: StepKind,
    /// The day it became due (its due date or the end of its snooze).
    pub due_on: NaiveDate,
    /// The outcome that started the plan, and its date (for "rejected 90 days ago"). For a keep-in-touch
    /// reminder, where it counts from ([`crate::people::anchor`]): `contact` (the last contact), `chosen` (the
    /// day the cadence was chosen) or `closed` (the last reminder done or skipped).
    pub outcome: String,
    pub outcome_on: NaiveDate,
    /// For a keep-in-touch reminder: the person's name.
    pub person: Option<String>,
}

/// Every open step (pending) whose reminder instant has come at `now`, announced or not — leaving out those
/// whose day passed more than two weeks ago ([`crate::plan::recent_from`]): a backlog of old steps is counted on
/// the first screen, never announced nor counted in the tray.
pub fn due_steps<Tz: TimeZone>(
    conn: &Connection,
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: &Tz,
) -> Result<Vec<DueStep>> {
    // A step due on day D can only have come due if D <= the local date at `now` + 1 (time zones).
    let today = now.with_timezone(tz).date_naive();
    let horizon = today.succ_opt().unwrap_or(NaiveDate::MAX);
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN);
    let from = crate::plan::recent_from(today);
    let rows = crate::plan::open_within(conn, from, horizon, today)?;
    let rows = rows.into_iter().filter(|s| s.status == StepStatus::Pending);
    let rows = rows.map(|s| DueStep {
        step_id: s.id,
        application_id: s.application_id,
        due_on: date(&s.effective_on),
        outcome_on: date(s.since_on.as_deref().unwrap_or_default()),
        outcome: s.since.unwrap_or_default(),
        company: s.company,
        role: s.role,
        kind: s.kind,
        person: s.person,
    });
    Ok(rows.filter(|step| due_instant(step.due_on, time, tz) <= now).collect())
}

/// The due steps not yet announced by a notification, leaving out those waiting for a retry after a failure.
pub fn unannounced<Tz: TimeZone>(
    conn: &Connection,
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: &Tz,
) -> Result<Vec<DueStep>> {
    let due = due_steps(conn, now, time, tz)?;
    let stamp = crate::db::instant(now);
    let mut stmt = conn.prepare_cached(
        "SELECT reminded_at IS NULL AND (notify_retry_at IS NULL OR notify_retry_at <= ?2) FROM plan_steps
          WHERE id = ?1",
    )?;
    let mut out = Vec::with_capacity(due.len());
    for s in due {
        if stmt.query_row(params![s.step_id, stamp], |r| r.get::<_, bool>(0))? {
            out.push(s);
        }
    }
    Ok(out)
}

/// Records that these steps were announced: `reminded_at` on each, and one `reminder` event per application
/// on its timeline, in one transaction. Returns the events' ids (to take back if the notice cannot be shown).
pub fn mark_announced(
    conn: &mut Connection,
    steps: &[DueStep],
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Vec<i64>> {
    let tx = conn.transaction()?;
    let stamp = crate::db::instant(now);
    let mut apps: Vec<i64> = steps.iter().map(|s| s.application_id).collect();
    apps.sort_unstable();
    apps.dedup();
    for s in steps {
        tx.execute(
            "UPDATE plan_steps SET reminded_at = ?2, notify_retry_at = NULL WHERE id = ?1 AND reminded_at IS NULL",
            params![s.step_id, stamp],
        )?;
    }
    let mut events = Vec::with_capacity(apps.len());
    for app in apps {
        let kinds: Vec<StepKind> = steps.iter().filter(|s| s.application_id == app).map(|s| s.kind).collect();
        let details = json!({ "steps": kinds });
        events.push(crate::events::append(&tx, app, EventKind::Reminder, today, Some(&details), &stamp)?);
    }
    tx.commit()?;
    Ok(events)
}

/// The first wait before trying a failed notification again; it doubles with each failure, up to [`MAX_RETRY`].
pub const FIRST_RETRY: Duration = Duration::minutes(1);
/// The longest wait between two tries.
pub const MAX_RETRY: Duration = Duration::hours(1);

/// How long to wait after the `attempts`-th failure.
pub fn retry_after(attempts: i64) -> Duration {
    let doublings = attempts.clamp(1, 7) - 1;
    (FIRST_RETRY * (1i32 << doublings)).min(MAX_RETRY)
}

/// Takes back an announcement whose notification could not be shown: its steps are unannounced again, with a
/// retry after a growing wait, and its timeline events are removed. One transaction.
pub fn unmark_announced(conn: &mut Connection, steps: &[i64], events: &[i64], now: DateTime<Utc>) -> Result<()> {
    let tx = conn.transaction()?;
    for id in steps {
        let attempts: i64 = tx.query_row(
            "UPDATE plan_steps SET reminded_at = NULL, notify_attempts = notify_attempts + 1 WHERE id = ?1
             RETURNING notify_attempts",
            [id],
            |r| r.get(0),
        )?;
        let retry = crate::db::instant(now + retry_after(attempts));
        tx.execute("UPDATE plan_steps SET notify_retry_at = ?2 WHERE id = ?1", params![id, retry])?;
    }
    for id in events {
        crate::events::remove(&tx, *id, EventKind::Reminder)?;
    }
    tx.commit()?;
    Ok(())
}

/// When the next reminder not yet announced falls due (or a failed one is tried again), if any.
pub fn next_due<Tz: TimeZone>(
    conn: &Connection,
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: &Tz,
) -> Result<Option<DateTime<Utc>>> {
    let stamp = crate::db::instant(now);
    // Steps older than two weeks are never announced (see `due_steps`): they must not count as due now, or the
    // thread would wake at once, forever.
    let from = crate::db::day(crate::plan::recent_from(now.with_timezone(tz).date_naive()));
    let (day, retry): (Option<String>, Option<String>) = conn.query_row(
        concat!(
            "SELECT min(CASE WHEN s.notify_retry_at IS NULL OR s.notify_retry_at <= ?1 THEN ",
            crate::plan::effective_day!(),
            " END), min(CASE WHEN s.notify_retry_at > ?1 THEN s.notify_retry_at END)
               FROM plan_steps s WHERE s.status = 'pending' AND s.reminded_at IS NULL AND ",
            crate::plan::effective_day!(),
            " >= ?2"
        ),
        params![stamp, from],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let due = day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()).map(|d| due_instant(d, time, tz));
    let retry = retry.and_then(|r| DateTime::parse_from_rfc3339(&r).ok()).map(|r| r.with_timezone(&Utc));
    Ok(match (due, retry) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}

/// Snoozes every due step until tomorrow (the tray's "Snooze all until tomorrow"); returns how many.
pub fn snooze_all_due<Tz: TimeZone>(
    conn: &mut Connection,
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: &Tz,
) -> Result<usize> {
    snooze_due_until_tomorrow(conn, None, now, time, tz)
}

/// Snoozes until tomorrow those of `steps` still due: the steps one notification announced (its "Snooze 1 day"),
/// and no others — not the other steps of its application, which had a notification of their own.
pub fn snooze_steps_due<Tz: TimeZone>(
    conn: &mut Connection,
    steps: &[i64],
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: &Tz,
) -> Result<usize> {
    snooze_due_until_tomorrow(conn, Some(steps), now, time, tz)
}

/// A notification's "Snooze 1 day": snoozes until tomorrow those of `steps` still due **and still announced by
/// that notification** — their `reminded_at` is `announced_at`, the stamp the notice was claimed with. A
/// notification left on screen after its steps were deleted and re-created with the same ids, restored from a
/// backup or imported, or announced again since, names steps it no longer speaks for: it snoozes nothing.
pub fn snooze_announced<Tz: TimeZone>(
    conn: &mut Connection,
    steps: &[i64],
    announced_at: DateTime<Utc>,
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: &Tz,
) -> Result<usize> {
    let stamp = crate::db::instant(announced_at);
    let mut same = conn.prepare_cached("SELECT count(*) > 0 FROM plan_steps WHERE id = ?1 AND reminded_at = ?2")?;
    let mut still = Vec::with_capacity(steps.len());
    for id in steps {
        if same.query_row(params![id, stamp], |r| r.get::<_, bool>(0))? {
            still.push(*id);
        }
    }
    drop(same);
    snooze_due_until_tomorrow(conn, Some(&still), now, time, tz)
}

fn snooze_due_until_tomorrow<Tz: TimeZone>(
    conn: &mut Connection,
    only: Option<&[i64]>,
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: &Tz,
) -> Result<usize> {
    let today = now.with_timezone(tz).date_naive();
    let tomorrow = today.succ_opt().unwrap_or(today);
    let due: Vec<DueStep> = due_steps(conn, now, time, tz)?
        .into_iter()
        .filter(|s| only.is_none_or(|ids| ids.contains(&s.step_id)))
        .collect();
    for s in &due {
        let action = crate::plan::StepAction {
            step_id: s.step_id,
            action: "snooze".into(),
            date: crate::db::day(tomorrow),
            ..Default::default()
        };
        crate::plan::act_on_step(conn, &action, today, now)?;
    }
    Ok(due.len())
}

#[cfg(test)]
mod tests;
