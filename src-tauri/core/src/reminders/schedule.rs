//! One turn of the reminder loop, with the clock and the notification sender passed in so that tests can
//! drive time. The shell runs it on its own thread: a turn, then a sleep until the next reminder — never more
//! than a minute, so a suspend, a clock change or a new time zone is noticed by reading the wall clock again —
//! or until the journal or the settings change.

use std::time::Duration as StdDuration;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use rusqlite::Connection;

use super::{mark_announced, next_due, unannounced, unmark_announced, DueStep};
use crate::error::Result;

/// The longest the loop sleeps between two looks at the wall clock.
pub const MAX_SLEEP: StdDuration = StdDuration::from_secs(60);

/// More applications due at once than this get one summary notification instead of one each.
pub const MAX_SEPARATE_NOTICES: usize = 3;

/// The current time, injectable.
pub trait Clock {
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// What one notification says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// One application with due steps, or one person to keep in touch with (`person`: their name).
    One {
        application_id: i64,
        company: String,
        role: String,
        person: Option<String>,
        /// Step kinds due, in due order, and the steps themselves (what its "Snooze 1 day" moves).
        steps: Vec<crate::vocab::StepKind>,
        step_ids: Vec<i64>,
        /// The outcome that started the plan and how many days ago it was.
        outcome: String,
        days_since: i64,
    },
    /// Several at once: each one's application and how it reads ([`group_label`]).
    Summary { applications: Vec<(i64, String)> },
}

/// Sends notifications. The app's implementation wraps notify-rust; tests record what would be shown.
pub trait Notifier {
    /// Shows one notification; an error puts its steps back to unannounced, tried again after a wait.
    fn notify(&self, notice: &Notice) -> std::result::Result<(), String>;
}

/// What one notification is about: an application's plan, or a person to keep in touch with (whose reminder
/// hangs on their latest application but is announced on its own, addressed to them).
pub fn group_of(s: &DueStep) -> (i64, Option<&str>) {
    (s.application_id, s.person.as_deref())
}

/// The first due step of each group ([`group_of`]), in due order: one per notification, one per tray line.
pub fn group_heads(due: &[DueStep]) -> Vec<&DueStep> {
    let mut heads: Vec<&DueStep> = Vec::new();
    for s in due {
        if !heads.iter().any(|h| group_of(h) == group_of(s)) {
            heads.push(s);
        }
    }
    heads
}

/// How a group reads in a list: "Acme — Analyst" for an application, "Marie Tremblay — Acme" for a person.
pub fn group_label(head: &DueStep) -> String {
    match &head.person {
        Some(name) => format!("{name} — {}", head.company),
        None => format!("{} — {}", head.company, head.role),
    }
}

/// Groups due steps into notifications: one per application (and one per person to keep in touch with), or
/// one summary when more than [`MAX_SEPARATE_NOTICES`] of those are due at once.
pub fn notices(due: &[DueStep], today: NaiveDate) -> Vec<Notice> {
    let heads = group_heads(due);
    if heads.len() > MAX_SEPARATE_NOTICES {
        let applications = heads.iter().map(|h| (h.application_id, group_label(h))).collect();
        return vec![Notice::Summary { applications }];
    }
    heads
        .iter()
        .map(|first| {
            let steps: Vec<&DueStep> = due.iter().filter(|s| group_of(s) == group_of(first)).collect();
            Notice::One {
                application_id: first.application_id,
                company: first.company.clone(),
                role: first.role.clone(),
                person: first.person.clone(),
                steps: steps.iter().map(|s| s.kind).collect(),
                step_ids: steps.iter().map(|s| s.step_id).collect(),
                outcome: first.outcome.clone(),
                days_since: (today - first.outcome_on).num_days(),
            }
        })
        .collect()
}

/// What a turn did and how long to sleep after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// Steps announced in this turn.
    pub announced: usize,
    /// Notifications shown.
    pub shown: usize,
    pub sleep: StdDuration,
}

/// How long to sleep at `now` when the next reminder is at `next`: until then, at most [`MAX_SLEEP`].
pub fn sleep_for(now: DateTime<Utc>, next: Option<DateTime<Utc>>) -> StdDuration {
    match next {
        Some(at) if at > now => (at - now).to_std().unwrap_or(MAX_SLEEP).min(MAX_SLEEP),
        Some(_) => StdDuration::ZERO,
        None => MAX_SLEEP,
    }
}

/// A notice claimed for showing: already recorded as announced (and committed) before it is shown, with what
/// to take back if showing it fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub notice: Notice,
    pub steps: Vec<i64>,
    pub events: Vec<i64>,
}

/// After a change to the journal, reminders wait until it has been quiet this long, so that a burst of changes
/// (many old rejections logged in a row, an import) gives one summary rather than a notification each.
pub const SETTLE: StdDuration = StdDuration::from_secs(2);

/// How much longer to hold announcements, `since_change` after the last change (`None`: no change yet).
pub fn hold(since_change: Option<StdDuration>) -> Option<StdDuration> {
    since_change.filter(|d| *d < SETTLE).map(|d| SETTLE - d)
}

/// The first half of a turn, with the journal: finds what came due and is not announced, groups it into
/// notices, and records each as announced in its own committed transaction — before it is shown, so a shown
/// notice is never shown again, whatever happens next. The caller shows them without holding the journal.
pub fn claim<Tz: TimeZone>(
    conn: &mut Connection,
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: &Tz,
) -> Result<Vec<Claimed>> {
    let today = now.with_timezone(tz).date_naive();
    let due = unannounced(conn, now, time, tz)?;
    let mut out = Vec::new();
    for notice in notices(&due, today) {
        let steps: Vec<DueStep> = match &notice {
            Notice::One { application_id, person, .. } => {
                due.iter().filter(|s| group_of(s) == (*application_id, person.as_deref())).cloned().collect()
            }
            Notice::Summary { .. } => due.to_vec(),
        };
        match mark_announced(conn, &steps, now, today) {
            Ok(events) => out.push(Claimed { notice, steps: steps.iter().map(|s| s.step_id).collect(), events }),
            // The notices claimed before are committed as announced: returning the error would drop them, and
            // they would never be shown ("exactly once" become "never"). They go out; this one (rolled back,
            // still unannounced) is tried at the next turn.
            Err(e) if !out.is_empty() => {
                log::warn!("claiming a reminder failed, {} claimed before it still shown: {e}", out.len());
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The second half, for a notice that could not be shown: back to unannounced, tried again after a wait.
/// A step deleted meanwhile (its application deleted while the notification was tried) is simply no longer
/// there to release: the others are released all the same.
pub fn release(conn: &mut Connection, claimed: &Claimed, now: DateTime<Utc>) -> Result<()> {
    let mut still = conn.prepare_cached("SELECT count(*) > 0 FROM plan_steps WHERE id = ?1")?;
    let mut steps = Vec::with_capacity(claimed.steps.len());
    for id in &claimed.steps {
        if still.query_row([id], |r| r.get::<_, bool>(0))? {
            steps.push(*id);
        }
    }
    drop(still);
    unmark_announced(conn, &steps, &claimed.events, now)
}

/// How long to sleep after a turn at `now`: until the next reminder (or retry), at most [`MAX_SLEEP`]; with
/// notifications off, [`MAX_SLEEP`] (the tray still refreshes).
pub fn next_sleep<Tz: TimeZone>(
    conn: &Connection,
    now: DateTime<Utc>,
    time: NaiveTime,
    tz: &Tz,
    notifications_on: bool,
) -> Result<StdDuration> {
    let next = if notifications_on { next_due(conn, now, time, tz)? } else { None };
    Ok(sleep_for(now, next))
}

/// One whole turn, for a caller that may hold the journal while notifying (the tests): claim, show, release
/// what failed, and say how long to sleep.
pub fn turn<Tz: TimeZone>(
    conn: &mut Connection,
    clock: &dyn Clock,
    notifier: &dyn Notifier,
    time: NaiveTime,
    tz: &Tz,
    notifications_on: bool,
) -> Result<Turn> {
    let now = clock.now();
    let mut announced = 0;
    let mut shown = 0;
    if notifications_on {
        for c in claim(conn, now, time, tz)? {
            match notifier.notify(&c.notice) {
                Ok(()) => {
                    shown += 1;
                    announced += c.steps.len();
                }
                Err(e) => {
                    log::warn!("notification failed: {e}");
                    release(conn, &c, now)?;
                }
            }
        }
    }
    let sleep = next_sleep(conn, now, time, tz, notifications_on)?;
    Ok(Turn { announced, shown, sleep })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::PlanOptions;
    use crate::testing::{application, d, outcome, save};

    fn rejected(conn: &mut Connection, company: &str, on: &str) -> i64 {
        let app = save(conn, &application(company, "Analyst", "2026-01-05"));
        crate::journal::log_outcome(
            conn,
            &outcome(app, "rejected", on),
            d(on),
            crate::testing::now(),
            PlanOptions::default(),
        )
        .unwrap();
        app
    }

    fn reminded(conn: &Connection, id: i64) -> Option<String> {
        conn.query_row("SELECT reminded_at FROM plan_steps WHERE id = ?1", [id], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_claim_that_fails_midway_still_hands_over_what_it_committed() {
        let mut conn = crate::db::open_in_memory().unwrap();
        rejected(&mut conn, "Alpha", "2026-02-01");
        let beta = rejected(&mut conn, "Beta", "2026-02-10");
        conn.execute("UPDATE plan_steps SET status = 'done' WHERE kind <> 'check_in'", []).unwrap();
        // Writing Beta's reminder fails (a full disk, say).
        conn.execute_batch(&format!(
            "CREATE TEMP TRIGGER fail BEFORE INSERT ON events WHEN NEW.application_id = {beta}
             BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        ))
        .unwrap();
        // Both check-ins (May 2 and May 11) have come due, within the last two weeks.
        let now = DateTime::parse_from_rfc3339("2026-05-12T12:00:00Z").unwrap().to_utc();
        let time = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let claimed = claim(&mut conn, now, time, &Utc).expect("Alpha's claim is committed: it must be shown");
        assert_eq!(claimed.len(), 1);
        assert!(matches!(&claimed[0].notice, Notice::One { company, .. } if company == "Alpha"));
        let beta_step: i64 =
            conn.query_row("SELECT id FROM plan_steps WHERE application_id = ?1", [beta], |r| r.get(0)).unwrap();
        assert_eq!(reminded(&conn, beta_step), None, "Beta waits for the next turn");
        conn.execute_batch("DROP TRIGGER fail").unwrap();
        assert_eq!(claim(&mut conn, now, time, &Utc).unwrap().len(), 1);
    }

    #[test]
    fn a_release_after_one_of_its_steps_was_deleted_releases_the_others() {
        let mut conn = crate::db::open_in_memory().unwrap();
        rejected(&mut conn, "Alpha", "2026-02-01");
        // A week after the rejection: the thank-you and both notes are due.
        let now = DateTime::parse_from_rfc3339("2026-02-09T12:00:00Z").unwrap().to_utc();
        let time = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let claimed = claim(&mut conn, now, time, &Utc).unwrap();
        assert_eq!(claimed.len(), 1);
        let steps = claimed[0].steps.clone();
        assert!(steps.len() >= 2, "{steps:?}");
        conn.execute("DELETE FROM plan_steps WHERE id = ?1", [steps[0]]).unwrap();
        release(&mut conn, &claimed[0], now).unwrap();
        for id in &steps[1..] {
            assert_eq!(reminded(&conn, *id), None, "step {id} is tried again");
        }
    }
}
