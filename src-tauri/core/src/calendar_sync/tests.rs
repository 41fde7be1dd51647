//! The reconciliation against an in-memory calendar (the real server is `tests/caldav_sync.rs`).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use chrono::{Duration, NaiveTime};
use chrono_tz::Europe::Paris;

use super::*;
use crate::journal;
use crate::plan::{act_on_step, PlanOptions, StepAction};
use crate::testing::{application, now, outcome, save, today};

const CAL: &str = "https://dav.example.org/cal/jo/rebound/";

/// A calendar in memory: href → (body, version). It answers as a CalDAV server does to the three requests.
#[derive(Default)]
struct Fake {
    items: RefCell<BTreeMap<String, (String, u32)>>,
    version: Cell<u32>,
    down: Cell<bool>,
    writes: Cell<usize>,
    /// An event the server refuses (it holds that UID under another name, say).
    refuse: RefCell<Option<String>>,
    /// Lists no ETags (some servers do not).
    no_etags: Cell<bool>,
    /// Turned off after this many writes.
    cancel_after: Cell<Option<usize>>,
}

impl Fake {
    fn next(&self) -> u32 {
        self.version.set(self.version.get() + 1);
        self.version.get()
    }
    fn up(&self) -> caldav::Result<()> {
        if self.down.get() {
            Err(caldav::Error::Unreachable("connection refused".into()))
        } else {
            Ok(())
        }
    }
    fn etag(v: u32) -> String {
        format!("\"v{v}\"")
    }
    fn body(&self, step: i64) -> Option<String> {
        self.items.borrow().get(&caldav::member_href(CAL, &file_name(step))).map(|b| b.0.clone())
    }
    fn ours(&self) -> usize {
        self.items.borrow().keys().filter(|h| is_ours(h)).count()
    }
}

impl Remote for Fake {
    fn list(&self, calendar: &str) -> caldav::Result<Vec<Item>> {
        self.up()?;
        assert_eq!(calendar, CAL);
        Ok(self
            .items
            .borrow()
            .iter()
            .map(|(href, (_, v))| Item { href: href.clone(), etag: (!self.no_etags.get()).then(|| Fake::etag(*v)) })
            .collect())
    }
    fn put(&self, href: &str, ics: &str, condition: Condition) -> caldav::Result<Option<String>> {
        self.up()?;
        if self.refuse.borrow().as_deref() == Some(href) {
            return Err(caldav::Error::Server(400));
        }
        let current = self.items.borrow().get(href).map(|b| Fake::etag(b.1));
        match (condition, &current) {
            (Condition::New, Some(_)) => return Err(caldav::Error::Conflict),
            (Condition::Match(e), Some(c)) if e != c => return Err(caldav::Error::Conflict),
            (Condition::Match(_), None) => return Err(caldav::Error::Conflict),
            _ => {}
        }
        let v = self.next();
        self.items.borrow_mut().insert(href.to_owned(), (ics.to_owned(), v));
        self.writes.set(self.writes.get() + 1);
        Ok(Some(Fake::etag(v)))
    }
    fn delete(&self, href: &str, etag: Option<&str>) -> caldav::Result<()> {
        self.up()?;
        let current = self.items.borrow().get(href).map(|b| Fake::etag(b.1));
        if let (Some(e), Some(c)) = (etag, &current) {
            if e != c {
                return Err(caldav::Error::Conflict);
            }
        }
        self.items.borrow_mut().remove(href);
        self.writes.set(self.writes.get() + 1);
        Ok(())
    }
    fn cancelled(&self) -> bool {
        self.cancel_after.get().is_some_and(|n| self.writes.get() >= n)
    }
}

fn nine() -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).unwrap()
}

/// A journal with one rejection (its plan open) in French, and the ids of its open steps.
fn rejected() -> (Connection, Vec<i64>) {
    let mut conn = crate::testing::db();
    let mut form = application("Desjardins", "Analyste", "2026-10-01");
    form.lang = "fr".into();
    let app = save(&mut conn, &form);
    journal::log_outcome(&mut conn, &outcome(app, "rejected", "2026-11-20"), today(), now(), PlanOptions::default())
        .unwrap();
    let steps = open(&conn);
    assert!(steps.len() >= 3, "{steps:?}");
    (conn, steps)
}

fn open(conn: &Connection) -> Vec<i64> {
    let mut stmt = conn.prepare("SELECT id FROM plan_steps WHERE status IN ('pending', 'missed') ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

fn act(conn: &mut Connection, step: i64, action: &str, date: &str) {
    let input = StepAction { step_id: step, action: action.into(), date: date.into(), ..Default::default() };
    act_on_step(conn, &input, today(), now()).unwrap();
}

fn run(conn: &Connection, fake: &Fake) -> Result<Report, SyncError> {
    sync(conn, fake, CAL, nine(), &Paris, now())
}

#[test]
fn every_open_step_becomes_one_event_with_an_alarm_then_nothing_is_written_again() {
    let (conn, steps) = rejected();
    let fake = Fake::default();
    assert_eq!(status(&conn, CAL, nine(), &Paris).unwrap().pending, steps.len());
    let r = run(&conn, &fake).unwrap();
    assert_eq!(r.created, steps.len());
    assert_eq!(fake.ours(), steps.len());
    let body = fake.body(steps[0]).unwrap();
    assert!(body.contains(&format!("UID:{}", ics::uid(steps[0]))), "{body}");
    assert!(body.contains("BEGIN:VALARM"), "{body}");
    // The application's language, not the caller's.
    assert!(body.contains("Desjardins — Analyste") && body.contains("Ouvrez Rebound"), "{body}");
    let writes = fake.writes.get();
    let again = run(&conn, &fake).unwrap();
    assert_eq!((again.unchanged, fake.writes.get()), (steps.len(), writes), "{again:?}");
    let s = status(&conn, CAL, nine(), &Paris).unwrap();
    assert_eq!((s.pending, s.last_error), (0, None));
    assert!(s.last_sync.is_some());
}

#[test]
fn a_snooze_moves_the_event_and_done_deletes_it() {
    let (mut conn, steps) = rejected();
    let fake = Fake::default();
    run(&conn, &fake).unwrap();
    let later = today() + Duration::days(40);
    act(&mut conn, steps[0], "snooze", &later.format("%Y-%m-%d").to_string());
    act(&mut conn, steps[1], "done", "");
    assert_eq!(status(&conn, CAL, nine(), &Paris).unwrap().pending, 2);
    let r = run(&conn, &fake).unwrap();
    assert_eq!((r.updated, r.deleted, r.created), (1, 1, 0), "{r:?}");
    // 9:00 in Paris in winter is 8:00 UTC.
    let moved = fake.body(steps[0]).unwrap();
    assert!(moved.contains(&format!("DTSTART:{}T080000Z", later.format("%Y%m%d"))), "{moved}");
    assert!(fake.body(steps[1]).is_none());
    assert_eq!(status(&conn, CAL, nine(), &Paris).unwrap().pending, 0);
}

#[test]
fn changes_made_while_the_server_is_down_wait_in_the_journal_and_go_when_it_is_back() {
    let (mut conn, steps) = rejected();
    let fake = Fake::default();
    run(&conn, &fake).unwrap();
    fake.down.set(true);
    act(&mut conn, steps[0], "skip", "");
    let Err(SyncError::Remote(e)) = run(&conn, &fake) else { panic!("the server is down") };
    assert!(e.is_transient(), "{e:?}");
    let s = status(&conn, CAL, nine(), &Paris).unwrap();
    assert_eq!((s.pending, s.last_error.as_deref()), (1, Some("unreachable")));
    assert!(fake.body(steps[0]).is_some());
    fake.down.set(false);
    let r = run(&conn, &fake).unwrap();
    assert_eq!(r.deleted, 1);
    assert!(fake.body(steps[0]).is_none());
    let s = status(&conn, CAL, nine(), &Paris).unwrap();
    assert_eq!((s.pending, s.last_error), (0, None));
}

#[test]
fn an_event_changed_or_deleted_in_the_calendar_is_written_back_from_the_journal() {
    let (conn, steps) = rejected();
    let fake = Fake::default();
    run(&conn, &fake).unwrap();
    let href = caldav::member_href(CAL, &file_name(steps[0]));
    let original = fake.body(steps[0]).unwrap();
    fake.put(&href, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", Condition::Any).unwrap();
    fake.items.borrow_mut().remove(&caldav::member_href(CAL, &file_name(steps[1])));
    let r = run(&conn, &fake).unwrap();
    assert_eq!(r.conflicts, 2, "{r:?}");
    assert_eq!(fake.body(steps[0]).unwrap(), original);
    assert!(fake.body(steps[1]).is_some());
}

#[test]
fn an_event_the_server_refuses_is_skipped_and_the_others_go() {
    let (mut conn, steps) = rejected();
    let fake = Fake::default();
    *fake.refuse.borrow_mut() = Some(caldav::member_href(CAL, &file_name(steps[0])));
    let r = run(&conn, &fake).unwrap();
    assert_eq!((r.created, r.refused), (steps.len() - 1, 1), "{r:?}");
    let s = status(&conn, CAL, nine(), &Paris).unwrap();
    assert_eq!((s.pending, s.last_error.as_deref()), (1, Some("server")), "{s:?}");
    // Once the server takes it, the calendar is in step and the error goes.
    *fake.refuse.borrow_mut() = None;
    act(&mut conn, steps[1], "skip", "");
    let r = run(&conn, &fake).unwrap();
    assert_eq!((r.created, r.deleted, r.refused), (1, 1, 0), "{r:?}");
    let s = status(&conn, CAL, nine(), &Paris).unwrap();
    assert_eq!((s.pending, s.last_error), (0, None));
}

#[test]
fn a_sync_turned_off_midway_stops_before_its_next_write() {
    let (conn, steps) = rejected();
    let fake = Fake::default();
    fake.cancel_after.set(Some(1));
    assert!(matches!(run(&conn, &fake), Err(SyncError::Cancelled)));
    assert_eq!(fake.writes.get(), 1);
    fake.cancel_after.set(None);
    assert_eq!(run(&conn, &fake).unwrap().created, steps.len() - 1);
}

#[test]
fn a_server_that_lists_no_etags_is_not_written_again_and_again() {
    let (conn, steps) = rejected();
    let fake = Fake::default();
    fake.no_etags.set(true);
    run(&conn, &fake).unwrap();
    let writes = fake.writes.get();
    assert_eq!(run(&conn, &fake).unwrap().unchanged, steps.len());
    assert_eq!(fake.writes.get(), writes);
}

#[test]
fn the_users_own_events_are_never_touched() {
    let (mut conn, steps) = rejected();
    let fake = Fake::default();
    let mine = format!("{CAL}dentist.ics");
    fake.put(&mine, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", Condition::New).unwrap();
    run(&conn, &fake).unwrap();
    for s in &steps {
        act(&mut conn, *s, "skip", "");
    }
    let r = run(&conn, &fake).unwrap();
    assert_eq!(r.deleted, steps.len());
    assert_eq!(fake.items.borrow().keys().cloned().collect::<Vec<_>>(), vec![mine]);
}

#[test]
fn a_restored_journal_or_another_calendar_starts_from_what_the_server_holds() {
    let (conn, steps) = rejected();
    let fake = Fake::default();
    run(&conn, &fake).unwrap();
    // What a restored backup from before the first sync looks like: no rows, events in the calendar.
    conn.execute("DELETE FROM calendar_events", []).unwrap();
    let writes = fake.writes.get();
    let r = run(&conn, &fake).unwrap();
    assert_eq!(r.updated, steps.len(), "{r:?}");
    assert_eq!(fake.ours(), steps.len());
    assert_eq!(fake.writes.get(), writes + steps.len());
    // Another calendar: the rows about the first one are dropped, everything is pending again.
    assert_eq!(status(&conn, "https://dav.example.org/cal/jo/other/", nine(), &Paris).unwrap().pending, steps.len());
}

/// The same reconciliation against a real CalDAV server: Debian's Radicale on 127.0.0.1.
#[cfg(target_os = "linux")]
#[test]
fn against_radicale_the_plan_follows_snoozes_and_a_server_away_and_back() {
    let (mut conn, steps) = rejected();
    let mut server = caldav::radicale::Radicale::start();
    let client = caldav::Client::new(server.account()).unwrap();
    let cal = client.create_calendar("Rebound").unwrap();
    let run = |conn: &Connection| sync(conn, &client, &cal.href, nine(), &Paris, now());
    assert_eq!(run(&conn).unwrap().created, steps.len());
    assert_eq!(client.list(&cal.href).unwrap().len(), steps.len());
    assert_eq!(run(&conn).unwrap().unchanged, steps.len(), "nothing written when nothing changed");

    let later = today() + Duration::days(40);
    act(&mut conn, steps[0], "snooze", &later.format("%Y-%m-%d").to_string());
    server.stop();
    let Err(SyncError::Remote(e)) = run(&conn) else { panic!("the server is away") };
    assert!(e.is_transient(), "{e:?}");
    assert_eq!(status(&conn, &cal.href, nine(), &Paris).unwrap().pending, 1);
    server.restart();
    assert_eq!(run(&conn).unwrap().updated, 1);
    let href = caldav::member_href(&cal.href, &file_name(steps[0]));
    let (body, _) = client.get(&href).unwrap().expect("the event is there");
    assert!(body.contains(&format!("DTSTART:{}T080000Z", later.format("%Y%m%d"))), "{body}");
    act(&mut conn, steps[0], "done", "");
    assert_eq!(run(&conn).unwrap().deleted, 1);
    assert!(client.get(&href).unwrap().is_none());
}
