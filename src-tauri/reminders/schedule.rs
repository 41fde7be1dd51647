//! One turn of the reminder loop, with the clock and the notification sender passed in so that tests can
//! drive time. The shell runs it on its own thread: a turn, then a sleep until the next reminder — never more
//! than a minute, so a suspend, a clock change or a new time zone is noticed by reading the wall clock again —
//! or until the journal or the settings change.

use std::time::Duration as StdDuration;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use rusqlite::Connection;

use super::{mark_announced, next_due, unannounced, DueStep};
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
    /// One application with due steps.
    One {
        application_id: i64,
        company: String,
        role: String,
        /// Step kinds due, in due order.
        steps: Vec<String>,
        /// The outcome that started the plan and how many days ago it was.
        outcome: String,
        days_since: i64,
    },
    /// Several applications at once: their names.
    Summary { applications: Vec<(i64, String, String)> },
}

/// Sends notifications. The app's implementation wraps notify-rust; tests record what would be shown.
pub trait Notifier {
    /// Shows one notification; an error leaves the steps unannounced, to be tried again next turn.
    fn notify(&self, notice: &Notice) -> std::result::Result<(), String>;
}

/// Groups due steps into notifications: one per application, or one summary when more than
/// [`MAX_SEPARATE_NOTICES`] applications are due at once.
pub fn notices(due: &[DueStep], today: NaiveDate) -> Vec<Notice> {
    let mut apps: Vec<i64> = Vec::new();
    for s in due {
        if !apps.contains(&s.application_id) {
            apps.push(s.application_id);
        }
    }
    if apps.len() > MAX_SEPARATE_NOTICES {
        let applications = apps
            .iter()
            .map(|id| {
                let s = due.iter().find(|s| s.application_id == *id).expect("listed");
                (*id, s.company.clone(), s.role.clone())
            })
            .collect();
        return vec![Notice::Summary { applications }];
    }
    apps.iter()
        .map(|id| {
            let steps: Vec<&DueStep> = due.iter().filter(|s| s.application_id == *id).collect();
            let first = steps[0];
            Notice::One {
                application_id: *id,
                company: first.company.clone(),
                role: first.role.clone(),
                steps: steps.iter().map(|s| s.kind.clone()).collect(),
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

/// One turn: announce what came due (when notifications are on), record it, and say how long to sleep.
pub fn turn<Tz: TimeZone>(
    conn: &mut Connection,
    clock: &dyn Clock,
    notifier: &dyn Notifier,
    time: NaiveTime,
    tz: &Tz,
    notifications_on: bool,
) -> Result<Turn> {
    let now = clock.now();
    let today = now.with_timezone(tz).date_naive();
    let mut announced = 0;
    let mut shown = 0;
    if notifications_on {
        let due = unannounced(conn, now, time, tz)?;
        if !due.is_empty() {
            let list = notices(&due, today);
            let mut sent_all = true;
            for n in &list {
                match notifier.notify(n) {
                    Ok(()) => shown += 1,
                    Err(e) => {
                        eprintln!("rebound: notification failed: {e}");
                        sent_all = false;
                    }
                }
            }
            if sent_all {
                mark_announced(conn, &due, now, today)?;
                announced = due.len();
            }
        }
    }
    // With notifications off nothing is ever announced: the next look is a minute away at most, to keep the
    // tray's count current.
    let next = if notifications_on { next_due(conn, time, tz)? } else { None };
    let sleep = if shown > 0 || announced > 0 || next.is_none_or(|n| n > now) {
        sleep_for(now, next)
    } else {
        // Due but not announced (the notification failed): look again in a minute, not in a tight loop.
        MAX_SLEEP
    };
    Ok(Turn { announced, shown, sleep })
}
