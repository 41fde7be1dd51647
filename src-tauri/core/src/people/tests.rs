//! Keep-in-touch tests: where a cadence counts from, what starts it again, one open reminder per person, the
//! people list, and "we talked".

use chrono::{TimeZone, Utc};
use rusqlite::Connection;

use super::*;
use crate::db;
use crate::journal::{self, ApplicationInput, InterviewInput, PersonInput};
use crate::plan::{self, StepAction};
use crate::testing::{d, now};

const TODAY: &str = "2026-11-26";

fn person(name: &str) -> PersonInput {
    PersonInput { name: name.into(), ..Default::default() }
}

/// An application at `company` sent on `applied`, with Marie and Jean, and an interview on `interview` where
/// only Marie was met. Returns (application, Marie, Jean).
fn met(conn: &mut Connection, company: &str, applied: &str, interview: &str) -> (i64, i64, i64) {
    let input = ApplicationInput {
        company: company.into(),
        role: "Analyst".into(),
        applied_on: applied.into(),
        people: vec![person("Marie Tremblay"), person("Jean Gagnon")],
        interviews: vec![InterviewInput { date: interview.into(), format: "video".into(), met: vec![0], id: None }],
        ..Default::default()
    };
    let app = journal::save_application(conn, &input, crate::vocab::Lang::En, d(TODAY), now()).unwrap();
    let detail = journal::get_application(conn, app).unwrap();
    (app, detail.people[0].id, detail.people[1].id)
}

/// (id, application, due_on, status) of every keep-in-touch step of `person`, oldest first.
fn steps_of(conn: &Connection, person: i64) -> Vec<(i64, i64, String, String)> {
    conn.prepare("SELECT id, application_id, due_on, status FROM plan_steps WHERE person_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([person], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn open_step(conn: &Connection, person: i64) -> (i64, String) {
    let open: Vec<_> = steps_of(conn, person).into_iter().filter(|s| s.3 == "pending").collect();
    assert_eq!(open.len(), 1, "one open reminder for person {person}: {open:?}");
    (open[0].0, open[0].2.clone())
}

fn cadence(conn: &mut Connection, person: i64, months: Option<u32>, today: &str) {
    set_cadence(conn, person, months, d(today), now()).unwrap();
    sync(conn, d(TODAY), now()).unwrap();
}

#[test]
fn off_by_default_and_a_cadence_counts_from_the_last_contact() {
    let mut conn = db::open_in_memory().unwrap();
    let (app, marie, jean) = met(&mut conn, "Acme", "2026-05-01", "2026-06-01");
    assert_eq!(sync(&mut conn, d(TODAY), now()).unwrap(), 0);
    assert!(steps_of(&conn, marie).is_empty());

    // Met at the interview of June 1st: every 3 months means September 1st, long past: due now, from the day the
    // cadence was chosen (not a step already months old, which Today would count among the passed ones).
    cadence(&mut conn, marie, Some(3), TODAY);
    let (step, due) = open_step(&conn, marie);
    assert_eq!(due, TODAY);
    let shown = plan::get_step(&conn, step, d(TODAY)).unwrap();
    assert_eq!(
        (shown.kind.as_str(), shown.state.as_str(), shown.application_id, shown.person.as_deref()),
        ("catch_up", "due", app, Some("Marie Tremblay"))
    );
    assert!(plan::focus(&conn, d(TODAY)).unwrap().steps.iter().any(|s| s.id == step), "in Today");

    // Jean was never met in an interview and nothing was sent: his cadence counts from the day it was chosen.
    cadence(&mut conn, jean, Some(6), TODAY);
    assert_eq!(open_step(&conn, jean).1, "2027-05-26");
    // Running it again changes nothing.
    assert_eq!(sync(&mut conn, d(TODAY), now()).unwrap(), 0);
}

#[test]
fn a_reply_a_message_to_them_or_a_conversation_starts_it_again_a_message_to_someone_else_does_not() {
    let mut conn = db::open_in_memory().unwrap();
    let (app, marie, jean) = met(&mut conn, "Acme", "2026-05-01", "2026-06-01");
    cadence(&mut conn, marie, Some(3), "2026-07-01");
    let (step, due) = open_step(&conn, marie);
    assert_eq!(due, "2026-09-01");
    conn.execute("UPDATE plan_steps SET reminded_at = '2026-09-01T13:00:00Z' WHERE id = ?1", [step]).unwrap();

    // A thank-you to Jean on October 5: not a contact with Marie.
    plan::log_message_sent(&mut conn, app, "interview_thanks", "email", Some(jean), d("2026-10-05"), now()).unwrap();
    sync(&mut conn, d(TODAY), now()).unwrap();
    assert_eq!(open_step(&conn, marie), (step, "2026-09-01".into()));

    // A reply from the employer on October 10: the same reminder moves three months on and may notify again.
    plan::log_reply(&mut conn, app, "", d("2026-10-10"), now()).unwrap();
    sync(&mut conn, d(TODAY), now()).unwrap();
    assert_eq!(open_step(&conn, marie), (step, "2027-01-10".into()));
    let reminded: Option<String> =
        conn.query_row("SELECT reminded_at FROM plan_steps WHERE id = ?1", [step], |r| r.get(0)).unwrap();
    assert_eq!(reminded, None);

    // A message to Marie herself on November 2, then "we talked" on November 20.
    plan::log_message_sent(&mut conn, app, "check_in", "linkedin", Some(marie), d("2026-11-02"), now()).unwrap();
    sync(&mut conn, d(TODAY), now()).unwrap();
    assert_eq!(open_step(&conn, marie).1, "2027-02-02");
    log_contact(&mut conn, marie, "2026-11-20", "Coffee; she moved teams", d(TODAY), now()).unwrap();
    sync(&mut conn, d(TODAY), now()).unwrap();
    assert_eq!(open_step(&conn, marie).1, "2027-02-20");
    assert_eq!(last_contact(&conn, marie, d(TODAY)).unwrap(), Some(d("2026-11-20")));
    assert_eq!(
        last_contact(&conn, jean, d(TODAY)).unwrap(),
        Some(d("2026-10-10")),
        "the reply; not the message to Marie"
    );
}

#[test]
fn a_reminder_done_or_skipped_starts_the_next_one_from_that_day() {
    let mut conn = db::open_in_memory().unwrap();
    let (app, marie, _) = met(&mut conn, "Acme", "2026-05-01", "2026-06-01");
    cadence(&mut conn, marie, Some(3), TODAY);
    let (first, _) = open_step(&conn, marie);

    // Sent by e-mail from the composer: a message to Marie on the timeline, and the next reminder in 3 months.
    let sent = StepAction { step_id: first, action: "done".into(), channel: "email".into(), ..Default::default() };
    plan::act_on_step(&mut conn, &sent, d(TODAY), now()).unwrap();
    sync(&mut conn, d(TODAY), now()).unwrap();
    let (second, due) = open_step(&conn, marie);
    assert_ne!(first, second);
    assert_eq!(due, "2027-02-26");
    let details: String = conn
        .query_row("SELECT details FROM events WHERE application_id = ?1 AND kind = 'message_sent'", [app], |r| {
            r.get(0)
        })
        .unwrap();
    let details: serde_json::Value = serde_json::from_str(&details).unwrap();
    assert_eq!(details["person_id"], marie);
    assert_eq!(details["step"], "catch_up");

    // Skipped on January 4 (nothing sent): the next one counts from the skip, not from the last message.
    let skip = StepAction { step_id: second, action: "skip".into(), ..Default::default() };
    plan::act_on_step(&mut conn, &skip, d("2027-01-04"), now()).unwrap();
    sync(&mut conn, d(TODAY), now()).unwrap();
    assert_eq!(open_step(&conn, marie).1, "2027-04-04");
    assert_eq!(last_contact(&conn, marie, d(TODAY)).unwrap(), Some(d(TODAY)), "a skip is no contact");
}

#[test]
fn a_rescheduled_reminder_keeps_its_day_until_the_next_contact_and_turning_it_off_cancels_it() {
    let mut conn = db::open_in_memory().unwrap();
    let (app, marie, _) = met(&mut conn, "Acme", "2026-05-01", "2026-06-01");
    cadence(&mut conn, marie, Some(3), TODAY);
    let (step, _) = open_step(&conn, marie);
    let moved =
        StepAction { step_id: step, action: "reschedule".into(), date: "2026-12-15".into(), ..Default::default() };
    plan::act_on_step(&mut conn, &moved, d(TODAY), now()).unwrap();
    sync(&mut conn, d(TODAY), now()).unwrap();
    assert_eq!(open_step(&conn, marie), (step, "2026-12-15".into()));
    plan::log_reply(&mut conn, app, "", d(TODAY), now()).unwrap();
    sync(&mut conn, d(TODAY), now()).unwrap();
    assert_eq!(open_step(&conn, marie), (step, "2027-02-26".into()));

    // A new cadence is a new count; off cancels the reminder.
    cadence(&mut conn, marie, Some(1), TODAY);
    assert_eq!(open_step(&conn, marie), (step, "2026-12-26".into()));
    cadence(&mut conn, marie, None, TODAY);
    assert_eq!(steps_of(&conn, marie), [(step, app, "2026-12-26".into(), "cancelled".into())]);
}

#[test]
fn the_reminder_follows_the_persons_latest_application_and_leaves_with_the_person() {
    let mut conn = db::open_in_memory().unwrap();
    let (first, marie, _) = met(&mut conn, "Acme", "2026-05-01", "2026-06-01");
    cadence(&mut conn, marie, Some(3), TODAY);
    assert_eq!(steps_of(&conn, marie)[0].1, first);

    // Announced, and moved by the user to a later day, before...
    let (step, _) = open_step(&conn, marie);
    let moved =
        StepAction { step_id: step, action: "reschedule".into(), date: "2026-12-20".into(), ..Default::default() };
    plan::act_on_step(&mut conn, &moved, d(TODAY), now()).unwrap();
    conn.execute("UPDATE plan_steps SET reminded_at = '2026-11-26T14:00:00Z' WHERE id = ?1", [step]).unwrap();
    // ...Marie is met again for a newer application at the same company.
    let again = ApplicationInput {
        company: "Acme".into(),
        role: "Senior analyst".into(),
        applied_on: "2026-11-01".into(),
        people: vec![PersonInput { id: Some(marie), name: "Marie Tremblay".into(), ..Default::default() }],
        ..Default::default()
    };
    let second = journal::save_application(&mut conn, &again, crate::vocab::Lang::En, d(TODAY), now()).unwrap();
    sync(&mut conn, d(TODAY), now()).unwrap();
    let steps = steps_of(&conn, marie);
    assert_eq!(steps, [(step, second, "2026-12-20".into(), "pending".into())], "the same reminder, on the newer one");
    let reminded: Option<String> =
        conn.query_row("SELECT reminded_at FROM plan_steps WHERE id = ?1", [step], |r| r.get(0)).unwrap();
    assert!(reminded.is_some(), "still announced: no second notification");

    // Deleted with the person, and back with "Undo".
    let deleted = journal::trash::delete_person(&mut conn, marie, now()).unwrap();
    assert!(steps_of(&conn, marie).is_empty());
    assert_eq!(sync(&mut conn, d(TODAY), now()).unwrap(), 0);
    journal::trash::undo_delete(&mut conn, deleted.trash_id).unwrap();
    assert_eq!(steps_of(&conn, marie).len(), 1);
    assert_eq!(sync(&mut conn, d(TODAY), now()).unwrap(), 0);
}

#[test]
fn cadences_are_checked_and_count_whole_months_to_the_months_last_day() {
    let mut conn = db::open_in_memory().unwrap();
    let (_, marie, _) = met(&mut conn, "Acme", "2026-05-01", "2026-06-01");
    for bad in [0, MAX_MONTHS + 1] {
        let e = set_cadence(&conn, marie, Some(bad), d(TODAY), now()).unwrap_err();
        assert!(matches!(&e, Error::Invalid(f) if f[0].field == "keepInTouch"), "{e:?}");
    }
    assert!(matches!(set_cadence(&conn, 999, Some(3), d(TODAY), now()), Err(Error::NotFound("person"))));
    assert_eq!(next_day(d("2026-11-30"), 3), d("2027-02-28"));
    assert_eq!(next_day(d("2027-11-30"), 3), d("2028-02-29"));
    assert_eq!(next_day(d("2026-01-31"), 1), d("2026-02-28"));
    assert_eq!(next_day(d("2026-06-15"), 12), d("2027-06-15"));
    // Where it counts from: the last contact, else the day it was chosen; a reminder closed later wins.
    let (c, s) = (Some(d("2026-06-01")), Some(d("2026-07-01")));
    assert_eq!(anchor(c, s, None), Some((d("2026-06-01"), "contact")));
    assert_eq!(anchor(None, s, None), Some((d("2026-07-01"), "chosen")));
    assert_eq!(anchor(c, s, Some(d("2026-06-02"))), Some((d("2026-06-02"), "closed")));
    assert_eq!(anchor(c, None, c), Some((d("2026-06-01"), "contact")));
    assert_eq!(anchor(None, None, None), None);
}

#[test]
fn we_talked_is_checked_and_written_on_the_latest_application_with_the_person() {
    let mut conn = db::open_in_memory().unwrap();
    let (app, marie, _) = met(&mut conn, "Acme", "2026-05-01", "2026-06-01");
    let e = log_contact(&mut conn, marie, "2026-11-27", "", d(TODAY), now()).unwrap_err();
    assert!(matches!(&e, Error::Invalid(f) if f[0].problem == Problem::InTheFuture), "{e:?}");
    let e = log_contact(&mut conn, marie, "someday", "", d(TODAY), now()).unwrap_err();
    assert!(matches!(&e, Error::Invalid(f) if f[0].problem == Problem::NotADate), "{e:?}");
    assert!(matches!(log_contact(&mut conn, 999, TODAY, "", d(TODAY), now()), Err(Error::NotFound("person"))));

    let event = log_contact(&mut conn, marie, "yesterday", "Lunch", d(TODAY), now()).unwrap();
    let detail = journal::get_application(&conn, app).unwrap();
    let entry = detail.timeline.iter().find(|e| e.id == event).unwrap();
    assert_eq!(
        (entry.kind.as_str(), entry.date.as_str(), entry.people.as_slice()),
        ("contact", "2026-11-25", &[marie][..])
    );
    assert_eq!(entry.details["note"], "Lunch");

    // A person linked to no application has nowhere to write it.
    conn.execute("DELETE FROM application_people WHERE person_id = ?1", [marie]).unwrap();
    assert!(matches!(log_contact(&mut conn, marie, TODAY, "", d(TODAY), now()), Err(Error::NotFound("application"))));
}

#[test]
fn the_people_list_gives_each_persons_applications_last_contact_and_next_reminder() {
    let mut conn = db::open_in_memory().unwrap();
    let (first, marie, jean) = met(&mut conn, "Acme", "2026-05-01", "2026-06-01");
    let (other, paul, _) = met(&mut conn, "Globex", "2026-08-01", "2026-08-20");
    conn.execute("UPDATE people SET name = 'Paul Roy' WHERE id = ?1", [paul]).unwrap();
    cadence(&mut conn, marie, Some(3), TODAY);
    let people = list(&conn, d(TODAY)).unwrap();
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Jean Gagnon", "Jean Gagnon", "Marie Tremblay", "Paul Roy"]);
    let m = people.iter().find(|p| p.id == marie).unwrap();
    assert_eq!(m.company, "Acme");
    assert_eq!(m.applications.iter().map(|a| a.id).collect::<Vec<_>>(), [first]);
    assert_eq!(m.last_contact.as_deref(), Some("2026-06-01"));
    assert_eq!((m.keep_in_touch_months, m.next_on.as_deref()), (Some(3), Some(TODAY)));
    assert!(m.step_id.is_some());
    assert_eq!(m.step_application_id, Some(first));
    let j = people.iter().find(|p| p.id == jean).unwrap();
    assert_eq!((j.last_contact.as_deref(), j.keep_in_touch_months, j.next_on.as_deref()), (None, None, None));
    let p = people.iter().find(|p| p.id == paul).unwrap();
    assert_eq!((p.company.as_str(), p.applications[0].id), ("Globex", other));
}

#[test]
fn a_due_reminder_is_its_own_notice_addressed_to_the_person() {
    use crate::reminders::schedule::{notices, Notice};
    let mut conn = db::open_in_memory().unwrap();
    let (app, marie, _) = met(&mut conn, "Acme", "2026-05-01", "2026-06-01");
    cadence(&mut conn, marie, Some(3), TODAY);
    // The same application also has a rejection plan with steps due.
    let out = journal::OutcomeInput {
        application_id: app,
        outcome: "rejected".into(),
        date: "2026-11-20".into(),
        channel: "email".into(),
        ..Default::default()
    };
    journal::log_outcome(&mut conn, &out, d(TODAY), now(), plan::PlanOptions::default()).unwrap();
    let noon = Utc.with_ymd_and_hms(2026, 11, 26, 18, 0, 0).unwrap();
    let due =
        crate::reminders::due_steps(&conn, noon, chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(), &Utc).unwrap();
    let notes = notices(&due, d(TODAY));
    assert_eq!(notes.len(), 2, "{notes:?}");
    let person_notice = notes.iter().find(|n| matches!(n, Notice::One { person: Some(_), .. })).unwrap();
    match person_notice {
        Notice::One { person, steps, outcome, days_since, application_id, .. } => {
            assert_eq!(person.as_deref(), Some("Marie Tremblay"));
            assert_eq!(steps, &["catch_up"]);
            assert_eq!((outcome.as_str(), *days_since, *application_id), ("contact", 178, app));
        }
        Notice::Summary { .. } => unreachable!(),
    }
}

#[test]
fn an_interview_still_to_come_is_not_a_contact_yet() {
    let mut conn = db::open_in_memory().unwrap();
    let (_, marie, _) = met(&mut conn, "Acme", "2026-05-01", "2026-12-10");
    assert_eq!(last_contact(&conn, marie, d(TODAY)).unwrap(), None);
    assert_eq!(last_contact(&conn, marie, d("2026-12-10")).unwrap(), Some(d("2026-12-10")));
    cadence(&mut conn, marie, Some(1), TODAY);
    assert_eq!(open_step(&conn, marie).1, "2026-12-26", "counted from the day it was chosen");
    assert_eq!(list(&conn, d(TODAY)).unwrap().iter().find(|p| p.id == marie).unwrap().last_contact, None);
}
