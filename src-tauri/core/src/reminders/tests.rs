//! Reminder tests with an injected clock: DST days in Toronto and Paris, month ends, leap days, a long
//! suspend, settings changed while sleeping, and exactly-once announcing.

use std::cell::{Cell, RefCell};
use std::time::Duration as StdDuration;

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::America::Toronto;
use chrono_tz::Europe::Paris;
use rusqlite::Connection;

use super::schedule::{notices, turn, Clock, Notice, Notifier, MAX_SLEEP};
use super::*;
use crate::journal::{self, ApplicationInput};
use crate::plan::PlanOptions;
use crate::testing::d;

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

struct FakeClock(Cell<DateTime<Utc>>);

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        self.0.get()
    }
}

#[derive(Default)]
struct Recorder(RefCell<Vec<Notice>>);

impl Notifier for Recorder {
    fn notify(&self, n: &Notice) -> std::result::Result<(), String> {
        self.0.borrow_mut().push(n.clone());
        Ok(())
    }
}

struct Broken;

impl Notifier for Broken {
    fn notify(&self, _: &Notice) -> std::result::Result<(), String> {
        Err("no notification server".into())
    }
}

#[test]
fn a_reminder_at_nine_follows_the_zone_offset_across_dst() {
    // Toronto: EST (-5) before 2027-03-14, EDT (-4) after.
    assert_eq!(due_instant(d("2027-03-13"), hm(9, 0), &Toronto), utc("2027-03-13T14:00:00Z"));
    assert_eq!(due_instant(d("2027-03-14"), hm(9, 0), &Toronto), utc("2027-03-14T13:00:00Z"));
    // Paris: CET (+1) before 2027-03-28, CEST (+2) after; back to CET on 2026-10-25.
    assert_eq!(due_instant(d("2027-03-28"), hm(9, 0), &Paris), utc("2027-03-28T07:00:00Z"));
    assert_eq!(due_instant(d("2026-10-25"), hm(9, 0), &Paris), utc("2026-10-25T08:00:00Z"));
}

#[test]
fn a_reminder_time_in_the_spring_gap_fires_at_the_first_minute_after_it() {
    // 02:30 does not exist on these days: clocks go from 02:00 straight to 03:00.
    assert_eq!(due_instant(d("2027-03-14"), hm(2, 30), &Toronto), utc("2027-03-14T07:00:00Z")); // 03:00 EDT
    assert_eq!(due_instant(d("2027-03-28"), hm(2, 30), &Paris), utc("2027-03-28T01:00:00Z")); // 03:00 CEST
    assert_eq!(due_instant(d("2027-03-28"), hm(2, 0), &Paris), utc("2027-03-28T01:00:00Z"));
}

#[test]
fn a_reminder_time_that_happens_twice_in_autumn_fires_the_first_time() {
    // 01:30 happens twice in Toronto on 2026-11-01 (EDT then EST), 02:30 twice in Paris on 2026-10-25.
    assert_eq!(due_instant(d("2026-11-01"), hm(1, 30), &Toronto), utc("2026-11-01T05:30:00Z"));
    assert_eq!(due_instant(d("2026-10-25"), hm(2, 30), &Paris), utc("2026-10-25T00:30:00Z"));
}

fn journal_with_rejection(conn: &mut Connection, company: &str, rejected: &str, check_in: u32) -> i64 {
    let app = journal::save_application(
        conn,
        &ApplicationInput {
            company: company.into(),
            role: "Analyst".into(),
            applied_on: "2025-01-01".into(),
            ..Default::default()
        },
        crate::vocab::Lang::En,
        d("2028-12-31"),
        utc("2025-01-01T00:00:00Z"),
    )
    .unwrap();
    let input = crate::testing::outcome(app, "rejected", rejected);
    let opts = PlanOptions { check_in_days: check_in, ..Default::default() };
    journal::log_outcome(conn, &input, d(rejected), utc("2025-01-01T00:00:00Z"), opts).unwrap();
    // Only the check-in matters here: close the other steps.
    conn.execute("UPDATE plan_steps SET status = 'done' WHERE kind <> 'check_in'", []).unwrap();
    app
}

#[test]
fn the_check_in_fires_once_on_its_day_at_the_reminder_time() {
    let mut conn = crate::db::open_in_memory().unwrap();
    // Rejected Jan 31, check-in after 30 days: March 2 (not "Feb 31").
    journal_with_rejection(&mut conn, "Desjardins", "2027-01-31", 30);
    let clock = FakeClock(Cell::new(utc("2027-03-02T13:59:00Z"))); // 08:59 in Toronto
    let rec = Recorder::default();

    let t = turn(&mut conn, &clock, &rec, hm(9, 0), &Toronto, true).unwrap();
    assert_eq!(t.announced, 0);
    assert_eq!(t.sleep, StdDuration::from_secs(60), "one minute to go");

    clock.0.set(utc("2027-03-02T14:00:05Z"));
    let t = turn(&mut conn, &clock, &rec, hm(9, 0), &Toronto, true).unwrap();
    assert_eq!((t.announced, t.shown), (1, 1));
    match &rec.0.borrow()[0] {
        Notice::One { company, steps, outcome, days_since, .. } => {
            assert_eq!(
                (company.as_str(), steps.clone(), outcome.as_str(), *days_since),
                ("Desjardins", vec![crate::vocab::StepKind::CheckIn], "rejected", 30)
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(t.sleep, MAX_SLEEP, "nothing else pending");

    // Later turns, or a restart (a new turn on the same file), never repeat it.
    clock.0.set(utc("2027-03-02T18:00:00Z"));
    assert_eq!(turn(&mut conn, &clock, &rec, hm(9, 0), &Toronto, true).unwrap().shown, 0);
    assert_eq!(rec.0.borrow().len(), 1);
    let reminders: i64 =
        conn.query_row("SELECT count(*) FROM events WHERE kind = 'reminder'", [], |r| r.get(0)).unwrap();
    assert_eq!(reminders, 1, "on the timeline once");
}

#[test]
fn a_leap_day_check_in() {
    let mut conn = crate::db::open_in_memory().unwrap();
    journal_with_rejection(&mut conn, "Acme", "2027-12-01", 90); // due 2028-02-29
    let next = next_due(&conn, utc("2027-12-01T00:00:00Z"), hm(9, 0), &Paris).unwrap().unwrap();
    assert_eq!(next, utc("2028-02-29T08:00:00Z"));
}

#[test]
fn after_a_long_suspend_what_came_due_in_the_last_two_weeks_is_caught_up_in_one_turn() {
    let mut conn = crate::db::open_in_memory().unwrap();
    for (i, company) in ["A", "B", "C", "D", "E"].iter().enumerate() {
        journal_with_rejection(&mut conn, company, &format!("2027-01-{:02}", 10 + i), 30);
    }
    let rec = Recorder::default();
    let clock = FakeClock(Cell::new(utc("2027-01-20T12:00:00Z")));
    assert_eq!(turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap().shown, 0);
    // The machine sleeps 40 days: at wake-up all five check-ins (February 9 to 13) are overdue, by less than
    // two weeks.
    clock.0.set(utc("2027-02-22T12:00:00Z"));
    let t = turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap();
    assert_eq!((t.announced, t.shown), (5, 1), "five steps, one summary");
    let shown = rec.0.borrow().clone();
    match &shown[0] {
        Notice::Summary { applications } => assert_eq!(applications.len(), 5),
        other => panic!("{other:?}"),
    }
}

#[test]
fn three_applications_get_a_notification_each_four_get_a_summary() {
    let step = |app: i64, kind: &str| DueStep {
        step_id: app * 10,
        application_id: app,
        company: format!("Co {app}"),
        role: "Dev".into(),
        kind: crate::vocab::Term::parse(kind).unwrap(),
        due_on: d("2027-01-01"),
        outcome: "rejected".into(),
        outcome_on: d("2026-10-03"),
        person: None,
    };
    let three = vec![step(1, "check_in"), step(2, "thank_you"), step(2, "feedback"), step(3, "nudge")];
    let n = notices(&three, d("2027-01-01"));
    assert_eq!(n.len(), 3);
    assert!(matches!(&n[1], Notice::One { steps, days_since: 90, .. } if steps == &["thank_you", "feedback"]));
    let four = [three, vec![step(4, "check_in")]].concat();
    assert!(
        matches!(&notices(&four, d("2027-01-01"))[..], [Notice::Summary { applications }] if applications.len() == 4)
    );
}

#[test]
fn settings_changed_while_sleeping_take_effect_at_the_next_turn() {
    let mut conn = crate::db::open_in_memory().unwrap();
    journal_with_rejection(&mut conn, "Acme", "2027-01-01", 30); // due 2027-01-31
    let rec = Recorder::default();
    let clock = FakeClock(Cell::new(utc("2027-01-31T07:30:00Z"))); // 08:30 in Paris
    assert_eq!(turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap().shown, 0);
    // The user moves the reminder time to 08:00: the next turn (woken by the change) announces it.
    assert_eq!(turn(&mut conn, &clock, &rec, hm(8, 0), &Paris, true).unwrap().shown, 1);

    // Notifications off: nothing is announced, and the loop still looks at the clock every minute.
    journal_with_rejection(&mut conn, "Beta", "2027-01-01", 30);
    let t = turn(&mut conn, &clock, &rec, hm(8, 0), &Paris, false).unwrap();
    assert_eq!((t.shown, t.sleep), (0, MAX_SLEEP));
    assert_eq!(turn(&mut conn, &clock, &rec, hm(8, 0), &Paris, true).unwrap().shown, 1, "on again: shown");
}

#[test]
fn a_failed_notification_is_retried_not_lost_and_not_spun_on() {
    let mut conn = crate::db::open_in_memory().unwrap();
    journal_with_rejection(&mut conn, "Acme", "2027-01-01", 30);
    let clock = FakeClock(Cell::new(utc("2027-02-01T12:00:00Z")));
    let t = turn(&mut conn, &clock, &Broken, hm(9, 0), &Paris, true).unwrap();
    // Not spun on: the next look is when the retry is due, a minute later.
    assert_eq!((t.announced, t.sleep), (0, MAX_SLEEP));
    let rec = Recorder::default();
    assert_eq!(turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap().announced, 0, "waits for its retry");
    clock.0.set(clock.0.get() + chrono::Duration::minutes(1));
    assert_eq!(turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap().announced, 1);
}

/// Fails for notices about one company, shows the others.
struct FailsFor(&'static str, RefCell<Vec<Notice>>);

impl Notifier for FailsFor {
    fn notify(&self, n: &Notice) -> std::result::Result<(), String> {
        match n {
            Notice::One { company, .. } if company == self.0 => Err("refused".into()),
            _ => {
                self.1.borrow_mut().push(n.clone());
                Ok(())
            }
        }
    }
}

#[test]
fn a_server_that_fails_for_one_of_several_notices_repeats_none_and_retries_that_one_with_backoff() {
    let mut conn = crate::db::open_in_memory().unwrap();
    journal_with_rejection(&mut conn, "Acme", "2027-01-01", 30);
    journal_with_rejection(&mut conn, "Globex", "2027-01-01", 30);
    let clock = FakeClock(Cell::new(utc("2027-02-01T12:00:00Z")));
    let server = FailsFor("Acme", RefCell::default());
    let t = turn(&mut conn, &clock, &server, hm(9, 0), &Paris, true).unwrap();
    assert_eq!((t.shown, t.announced), (1, 1), "Globex shown, Acme taken back");
    assert_eq!(t.sleep, std::time::Duration::from_secs(60), "until Acme's retry");
    let reminder_events: i64 =
        conn.query_row("SELECT count(*) FROM events WHERE kind = 'reminder'", [], |r| r.get(0)).unwrap();
    assert_eq!(reminder_events, 1, "only the shown one is on a timeline");

    // Each failure doubles the wait: 1, 2, 4 minutes…
    let waits: Vec<i64> = (0..4)
        .map(|_| {
            clock.0.set(clock.0.get() + chrono::Duration::hours(2));
            turn(&mut conn, &clock, &server, hm(9, 0), &Paris, true).unwrap();
            let retry: String = conn
                .query_row(
                    "SELECT notify_retry_at FROM plan_steps WHERE kind = 'check_in' AND reminded_at IS NULL",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            (utc(&retry) - clock.0.get()).num_minutes()
        })
        .collect();
    assert_eq!(waits, [2, 4, 8, 16]);
    // Globex was never shown twice.
    assert_eq!(server.1.borrow().len(), 1);
}

#[test]
fn exactly_once_across_twenty_restarts() {
    let mut conn = crate::db::open_in_memory().unwrap();
    journal_with_rejection(&mut conn, "Acme", "2027-01-01", 30);
    let clock = FakeClock(Cell::new(utc("2027-02-01T12:00:00Z")));
    let mut shown = 0;
    for _ in 0..20 {
        // A new process: a new notifier, the same journal; the first turn runs at once.
        let rec = Recorder::default();
        turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap();
        shown += rec.0.borrow().len();
        clock.0.set(clock.0.get() + chrono::Duration::seconds(30));
    }
    assert_eq!(shown, 1);
}

#[test]
fn a_claimed_notice_is_committed_before_it_is_shown() {
    // What a crash right after claiming leaves: the step is recorded as announced, so a restart never shows it
    // again (at most once, never twice).
    let mut conn = crate::db::open_in_memory().unwrap();
    journal_with_rejection(&mut conn, "Acme", "2027-01-01", 30);
    let now = utc("2027-02-01T12:00:00Z");
    let claimed = crate::reminders::schedule::claim(&mut conn, now, hm(9, 0), &Paris).unwrap();
    assert_eq!(claimed.len(), 1);
    let reminded: Option<String> =
        conn.query_row("SELECT reminded_at FROM plan_steps WHERE kind = 'check_in'", [], |r| r.get(0)).unwrap();
    assert_eq!(reminded.as_deref(), Some("2027-02-01T12:00:00Z"));
    assert!(crate::reminders::schedule::claim(&mut conn, now, hm(9, 0), &Paris).unwrap().is_empty());
}

#[test]
fn a_burst_of_changes_is_announced_once_it_settles() {
    use crate::reminders::schedule::{hold, SETTLE};
    use std::time::Duration as D;
    assert_eq!(hold(None), None, "no change since start: announce at once (catch-up)");
    assert_eq!(hold(Some(D::from_millis(500))), Some(SETTLE - D::from_millis(500)));
    assert_eq!(hold(Some(SETTLE)), None);
    // Twenty old rejections logged in a row, then one turn once it is quiet: one summary.
    let mut conn = crate::db::open_in_memory().unwrap();
    for i in 0..20 {
        journal_with_rejection(&mut conn, &format!("Company {i}"), "2027-01-01", 30);
    }
    let clock = FakeClock(Cell::new(utc("2027-02-01T12:00:00Z")));
    let rec = Recorder::default();
    let t = turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap();
    assert_eq!((t.shown, t.announced), (1, 20));
    assert!(matches!(&rec.0.borrow()[0], Notice::Summary { applications } if applications.len() == 20));
}

#[test]
fn snoozing_announces_again_when_the_snooze_ends_and_snooze_all_clears_the_due_list() {
    let mut conn = crate::db::open_in_memory().unwrap();
    journal_with_rejection(&mut conn, "Acme", "2027-01-01", 30);
    let rec = Recorder::default();
    let clock = FakeClock(Cell::new(utc("2027-01-31T12:00:00Z")));
    assert_eq!(turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap().shown, 1);
    assert_eq!(snooze_all_due(&mut conn, clock.now(), hm(9, 0), &Paris).unwrap(), 1);
    assert!(due_steps(&conn, clock.now(), hm(9, 0), &Paris).unwrap().is_empty());
    clock.0.set(utc("2027-02-01T08:00:01Z"));
    assert_eq!(turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap().shown, 1, "announced again");
}

#[test]
fn sleep_never_exceeds_a_minute_and_is_zero_when_overdue() {
    use super::schedule::sleep_for;
    let now = utc("2027-01-01T00:00:00Z");
    assert_eq!(sleep_for(now, None), MAX_SLEEP);
    assert_eq!(sleep_for(now, Some(utc("2027-03-01T00:00:00Z"))), MAX_SLEEP);
    assert_eq!(sleep_for(now, Some(utc("2027-01-01T00:00:10Z"))), StdDuration::from_secs(10));
    assert_eq!(sleep_for(now, Some(utc("2026-12-31T00:00:00Z"))), StdDuration::ZERO);
}

#[test]
fn a_notifications_snooze_moves_only_the_steps_it_announced() {
    let mut conn = crate::db::open_in_memory().unwrap();
    journal_with_rejection(&mut conn, "Alpha", "2027-01-01", 30);
    journal_with_rejection(&mut conn, "Beta", "2027-01-01", 30);
    let now = utc("2027-02-01T12:00:00Z");
    let notes = super::schedule::notices(&due_steps(&conn, now, hm(9, 0), &Paris).unwrap(), d("2027-02-01"));
    let alpha = notes
        .iter()
        .find_map(|n| match n {
            super::schedule::Notice::One { company, step_ids, .. } if company == "Alpha" => Some(step_ids.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(snooze_steps_due(&mut conn, &alpha, now, hm(9, 0), &Paris).unwrap(), 1);
    let still_due: Vec<String> =
        due_steps(&conn, now, hm(9, 0), &Paris).unwrap().into_iter().map(|s| s.company).collect();
    assert_eq!(still_due, ["Beta"]);
}

#[test]
fn a_backlog_older_than_two_weeks_is_never_announced_nor_counted_and_the_thread_does_not_spin() {
    let mut conn = crate::db::open_in_memory().unwrap();
    for (i, company) in ["A", "B", "C"].iter().enumerate() {
        journal_with_rejection(&mut conn, company, &format!("2027-01-{:02}", 10 + i), 30);
    }
    // Two months later the check-ins (February 9 to 11) are 45 days old: a backlog, not news.
    let now = utc("2027-03-28T12:00:00Z");
    assert!(due_steps(&conn, now, hm(9, 0), &Paris).unwrap().is_empty(), "not in the tray");
    let rec = Recorder::default();
    let clock = FakeClock(Cell::new(now));
    let t = turn(&mut conn, &clock, &rec, hm(9, 0), &Paris, true).unwrap();
    assert_eq!((t.announced, t.shown), (0, 0));
    // Nothing is due now, so the next wake-up is not "at once" (it would be, forever, if the old steps counted).
    assert!(next_due(&conn, now, hm(9, 0), &Paris).unwrap().is_none_or(|at| at > now));
}

#[test]
fn a_stale_notifications_snooze_leaves_steps_announced_again_since() {
    let mut conn = crate::db::open_in_memory().unwrap();
    journal_with_rejection(&mut conn, "Alpha", "2027-01-01", 30);
    let first = utc("2027-02-01T12:00:00Z");
    let claimed = super::schedule::claim(&mut conn, first, hm(9, 0), &Paris).unwrap();
    let steps = claimed[0].steps.clone();
    // The same step ids announced again later (a restore, or a deleted application re-created with the ids it
    // had): the first notification, still on screen, no longer speaks for them.
    super::schedule::release(&mut conn, &claimed[0], first).unwrap();
    let later = utc("2027-02-01T13:00:00Z");
    conn.execute("UPDATE plan_steps SET notify_retry_at = NULL", []).unwrap();
    assert_eq!(super::schedule::claim(&mut conn, later, hm(9, 0), &Paris).unwrap()[0].steps, steps);
    assert_eq!(snooze_announced(&mut conn, &steps, first, later, hm(9, 0), &Paris).unwrap(), 0);
    assert_eq!(due_steps(&conn, later, hm(9, 0), &Paris).unwrap().len(), 1, "still due");
    // The notification of the announcement that stands does act.
    assert_eq!(snooze_announced(&mut conn, &steps, later, later, hm(9, 0), &Paris).unwrap(), 1);
    assert!(due_steps(&conn, later, hm(9, 0), &Paris).unwrap().is_empty());
}
