//! Plan tests: due dates on time and late, the check-in delay, nudges and their limits, step actions.

use rusqlite::Connection;

use super::*;
use crate::db;
use crate::journal::{self, ApplicationInput, OutcomeInput};
use crate::testing::{d, now};

fn kinds_and_dates(steps: &[NewStep]) -> Vec<(&str, String, &str)> {
    steps.iter().map(|s| (s.kind.as_str(), ymd(s.due_on), s.status.as_str())).collect()
}

#[test]
fn a_rejection_logged_on_time() {
    let steps = rejection_steps(d("2026-11-20"), d("2026-11-20"), PlanOptions::default());
    assert_eq!(
        kinds_and_dates(&steps),
        [
            ("thank_you", "2026-11-21".into(), "pending"),
            ("keep_in_touch", "2026-11-27".into(), "pending"),
            ("linkedin", "2026-11-27".into(), "pending"),
            ("check_in", "2027-02-18".into(), "pending"),
        ]
    );
    assert!(steps[0].ask_feedback, "feedback asked inside the thank-you by default");
}

#[test]
fn feedback_as_its_own_message_within_two_days() {
    let opts = PlanOptions { feedback_separate: true, ..Default::default() };
    let steps = rejection_steps(d("2026-11-20"), d("2026-11-21"), opts);
    assert_eq!(steps[1].kind, "feedback");
    assert_eq!(steps[1].due_on, d("2026-11-22"));
    assert!(!steps[0].ask_feedback);
}

#[test]
fn the_check_in_delay_counts_calendar_days_across_month_ends_and_leap_days() {
    let at = |rejected: &str, days| {
        let opts = PlanOptions { check_in_days: days, ..Default::default() };
        ymd(rejection_steps(d(rejected), d(rejected), opts).last().unwrap().due_on)
    };
    assert_eq!(at("2026-01-31", 30), "2026-03-02");
    assert_eq!(at("2027-12-01", 90), "2028-02-29");
    assert_eq!(at("2028-02-29", 60), "2028-04-29");
    assert_eq!(at("2026-11-26", 180), "2027-05-25");
}

#[test]
fn a_rejection_logged_late_keeps_the_passed_steps_as_missed_and_the_check_in_due() {
    // Logged four weeks after the rejection: the thank-you's moment has passed by more than two weeks.
    let steps = rejection_steps(d("2026-10-01"), d("2026-10-29"), PlanOptions::default());
    assert_eq!(
        kinds_and_dates(&steps),
        [
            ("thank_you", "2026-10-02".into(), "missed"),
            ("keep_in_touch", "2026-10-08".into(), "missed"),
            ("linkedin", "2026-10-08".into(), "missed"),
            ("check_in", "2026-12-30".into(), "pending"),
        ]
    );
    // Logged 100 days late: the check-in's date passed ten days ago, and it is due at once.
    let steps = rejection_steps(d("2026-08-01"), d("2026-11-09"), PlanOptions::default());
    assert_eq!(steps.last().unwrap().status, "pending");
    // Logged ten months late (an import): the check-in's moment is long gone too; nothing is left to do now.
    let steps = rejection_steps(d("2026-01-15"), d("2026-11-26"), PlanOptions::default());
    assert!(steps.iter().all(|s| s.status == "missed"), "{steps:?}");
    // Exactly two weeks late is still on time.
    let steps = rejection_steps(d("2026-10-01"), d("2026-10-16"), PlanOptions::default());
    assert_eq!(steps[0].status, "pending");
}

#[test]
fn the_first_nudge_after_silence() {
    assert_eq!(first_nudge_due(d("2026-11-01"), None), d("2026-11-15"));
    assert_eq!(first_nudge_due(d("2026-11-01"), Some(d("2026-11-10"))), d("2026-11-13"));
}

// ---- Through the journal, on a database ----

fn app(conn: &mut Connection, company: &str) -> i64 {
    let input = ApplicationInput {
        company: company.into(),
        role: "Analyst".into(),
        applied_on: "2026-06-01".into(),
        ..Default::default()
    };
    journal::save_application(conn, &input, crate::vocab::Lang::En, d("2026-11-26"), now()).unwrap()
}

fn log(conn: &mut Connection, app: i64, outcome: &str, date: &str, today: &str) -> i64 {
    let input = crate::testing::outcome(app, outcome, date);
    journal::log_outcome(conn, &input, d(today), now(), PlanOptions::default()).unwrap()
}

fn act(conn: &mut Connection, step: i64, action: &str, date: &str, today: &str) -> Result<Step> {
    let input = StepAction { step_id: step, action: action.into(), date: date.into(), ..Default::default() };
    act_on_step(conn, &input, d(today), now())
}

fn event_kinds(conn: &Connection, app: i64) -> Vec<String> {
    conn.prepare("SELECT kind FROM events WHERE application_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([app], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn logging_a_rejection_creates_the_plan_on_the_timeline() {
    let mut conn = db::open_in_memory().unwrap();
    let a = app(&mut conn, "Desjardins");
    log(&mut conn, a, "rejected", "2026-11-20", "2026-11-20");
    let steps = list_steps(&conn, a, d("2026-11-21")).unwrap();
    let shown: Vec<_> = steps.iter().map(|s| (s.kind.as_str(), s.state.as_str())).collect();
    assert_eq!(
        shown,
        [("thank_you", "due"), ("keep_in_touch", "upcoming"), ("linkedin", "upcoming"), ("check_in", "upcoming")]
    );
    assert_eq!(steps[0].company, "Desjardins");
    assert_eq!(event_kinds(&conn, a), ["applied", "rejected", "plan_created"]);
}

#[test]
fn step_actions_done_snooze_skip_reschedule() {
    let mut conn = db::open_in_memory().unwrap();
    let a = app(&mut conn, "Acme");
    log(&mut conn, a, "rejected", "2026-11-20", "2026-11-20");
    let steps = list_steps(&conn, a, d("2026-11-21")).unwrap();
    let (thanks, keep, linkedin, check_in) = (steps[0].id, steps[1].id, steps[2].id, steps[3].id);

    let sent = StepAction { step_id: thanks, action: "done".into(), channel: "email".into(), ..Default::default() };
    let s = act_on_step(&mut conn, &sent, d("2026-11-21"), now()).unwrap();
    assert_eq!(
        (s.status.as_str(), s.done_on.as_deref(), s.channel.as_deref()),
        ("done", Some("2026-11-21"), Some("email"))
    );

    let s = act(&mut conn, keep, "snooze", "2026-11-30", "2026-11-27").unwrap();
    assert_eq!((s.state.as_str(), s.effective_on.as_str()), ("upcoming", "2026-11-30"));
    assert_eq!(get_step(&conn, keep, d("2026-11-30")).unwrap().state, "due");

    assert_eq!(act(&mut conn, linkedin, "skip", "", "2026-11-27").unwrap().status, "skipped");
    let s = act(&mut conn, check_in, "reschedule", "2027-03-01", "2026-11-27").unwrap();
    assert_eq!(s.due_on, "2027-03-01");

    assert_eq!(event_kinds(&conn, a)[3..], ["message_sent", "step_snoozed", "step_skipped", "step_rescheduled"]);
    // The to-do list keeps only open steps, soonest first.
    let todo: Vec<_> = list_todo(&conn, d("2026-11-27")).unwrap().into_iter().map(|s| s.kind).collect();
    assert_eq!(todo, ["keep_in_touch", "check_in"]);
}

#[test]
fn step_actions_refuse_bad_input_and_closed_steps() {
    let mut conn = db::open_in_memory().unwrap();
    let a = app(&mut conn, "Acme");
    log(&mut conn, a, "rejected", "2026-11-20", "2026-11-20");
    let step = list_steps(&conn, a, d("2026-11-21")).unwrap()[0].id;
    let problems = |r: Result<Step>| match r {
        Err(Error::Invalid(v)) => v.into_iter().map(|e| (e.field, e.problem)).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(problems(act(&mut conn, step, "explode", "", "2026-11-21")), [("action".into(), Problem::NotAChoice)]);
    assert_eq!(
        problems(act(&mut conn, step, "snooze", "2026-11-21", "2026-11-21")),
        [("date".into(), Problem::NotAfterToday)]
    );
    assert_eq!(
        problems(act(&mut conn, step, "reschedule", "2026-11-20", "2026-11-21")),
        [("date".into(), Problem::NotAfterToday)]
    );
    assert_eq!(
        problems(act(&mut conn, step, "snooze", "after the holidays", "2026-11-21")),
        [("date".into(), Problem::NotADate)]
    );
    // A snooze typed as people say it.
    let snoozed = act(&mut conn, step, "snooze", "tomorrow", "2026-11-21").unwrap();
    assert_eq!(snoozed.snoozed_until.as_deref(), Some("2026-11-22"));
    act(&mut conn, step, "skip", "", "2026-11-21").unwrap();
    assert_eq!(problems(act(&mut conn, step, "done", "", "2026-11-21")), [("action".into(), Problem::AlreadyClosed)]);
    assert!(matches!(act(&mut conn, 999, "skip", "", "2026-11-21"), Err(Error::NotFound(_))));
}

#[test]
fn silence_nudges_at_most_three_times_per_company_a_week_apart() {
    let mut conn = db::open_in_memory().unwrap();
    let a = app(&mut conn, "Quiet Corp");
    log(&mut conn, a, "ghosted", "2026-10-01", "2026-10-01");
    let mut today = d("2026-10-15");
    for round in 1..=3 {
        let open = list_todo(&conn, today).unwrap();
        assert_eq!(open.len(), 1, "round {round}");
        assert_eq!((open[0].kind.as_str(), open[0].effective_on.clone()), ("nudge", ymd(today)));
        act(&mut conn, open[0].id, "done", "", &ymd(today)).unwrap();
        today = plus(today, NUDGE_GAP_DAYS);
    }
    assert!(list_todo(&conn, today).unwrap().is_empty(), "no fourth nudge");
    // Another application at the same company, also silent: the company has had its three.
    let b = app(&mut conn, "QUIET CORP");
    log(&mut conn, b, "ghosted", "2026-11-01", "2026-11-01");
    assert!(list_todo(&conn, d("2026-12-31")).unwrap().is_empty());
}

#[test]
fn a_reply_or_another_outcome_stops_pending_nudges() {
    let mut conn = db::open_in_memory().unwrap();
    let a = app(&mut conn, "Acme");
    log(&mut conn, a, "ghosted", "2026-10-01", "2026-10-01");
    log_reply(&mut conn, a, "They wrote back: decision next week.", d("2026-10-05"), now()).unwrap();
    let steps = list_steps(&conn, a, d("2026-10-20")).unwrap();
    assert_eq!(steps[0].status, "cancelled");
    assert!(event_kinds(&conn, a).contains(&"reply".to_owned()));

    // Sending a nudge after a reply does not plan another one.
    let b = app(&mut conn, "Beta");
    log(&mut conn, b, "ghosted", "2026-10-01", "2026-10-01");
    let nudge = list_steps(&conn, b, d("2026-10-15")).unwrap()[0].id;
    log_reply(&mut conn, b, "", d("2026-10-14"), now()).unwrap();
    assert!(matches!(act(&mut conn, nudge, "done", "", "2026-10-15"), Err(Error::Invalid(_))), "cancelled already");

    let c = app(&mut conn, "Gamma");
    log(&mut conn, c, "ghosted", "2026-10-01", "2026-10-01");
    log(&mut conn, c, "rejected", "2026-10-10", "2026-10-10");
    let nudge = list_steps(&conn, c, d("2026-10-10")).unwrap().into_iter().find(|s| s.kind == "nudge").unwrap();
    assert_eq!(nudge.status, "cancelled", "the rejection ended the silence");
    assert!(matches!(log_reply(&mut conn, 999, "", d("2026-10-10"), now()), Err(Error::NotFound(_))));
}

#[test]
fn an_applications_own_check_in_delay_wins_over_the_setting_for_its_new_plans() {
    let mut conn = db::open_in_memory().unwrap();
    let input = ApplicationInput {
        company: "Probation Six".into(),
        role: "Analyst".into(),
        applied_on: "2026-06-01".into(),
        check_in_days: Some(180),
        ..Default::default()
    };
    let own = journal::save_application(&mut conn, &input, crate::vocab::Lang::En, d("2026-11-26"), now()).unwrap();
    let other = app(&mut conn, "Default Delay");
    let opts = PlanOptions { check_in_days: 60, ..Default::default() };
    for a in [own, other] {
        let o = OutcomeInput {
            application_id: a,
            outcome: "rejected".into(),
            date: "2026-11-01".into(),
            channel: "email".into(),
            ..Default::default()
        };
        journal::log_outcome(&mut conn, &o, d("2026-11-01"), now(), opts).unwrap();
    }
    let check_in =
        |a| list_steps(&conn, a, d("2026-11-01")).unwrap().into_iter().find(|s| s.kind == "check_in").unwrap();
    assert_eq!(check_in(own).due_on, "2027-04-30", "180 days, the application's own");
    assert_eq!(check_in(other).due_on, "2026-12-31", "60 days, the setting");

    let bad = ApplicationInput { check_in_days: Some(0), ..input };
    assert!(matches!(
        journal::save_application(&mut conn, &bad, crate::vocab::Lang::En, d("2026-11-26"), now()),
        Err(Error::Invalid(v)) if v[0].field == "checkInDays"
    ));
}

#[test]
fn the_first_screen_shows_what_is_due_and_the_next_seven_days() {
    let mut conn = db::open_in_memory().unwrap();
    let a = app(&mut conn, "Desjardins");
    log(&mut conn, a, "rejected", "2026-11-20", "2026-11-20");
    let b = app(&mut conn, "Acme");
    log(&mut conn, b, "rejected", "2026-11-27", "2026-11-27");
    let shown = |conn: &Connection, today: &str| -> Vec<(String, String, String)> {
        let shown = focus(conn, d(today)).unwrap().steps.into_iter();
        shown.map(|s| (s.company, s.kind.as_str().to_owned(), s.state)).collect()
    };
    let row = |c: &str, k: &str, s: &str| (c.to_owned(), k.to_owned(), s.to_owned());
    // On the 21st: Desjardins' thank-you is due; its keep-in-touch and LinkedIn steps (the 27th) are within
    // seven days; Acme's thank-you (the 28th) is exactly seven days ahead; no check-in (February).
    assert_eq!(
        shown(&conn, "2026-11-21"),
        [
            row("Desjardins", "thank_you", "due"),
            row("Desjardins", "keep_in_touch", "upcoming"),
            row("Desjardins", "linkedin", "upcoming"),
            row("Acme", "thank_you", "upcoming"),
        ]
    );
    // Once done, a step leaves the first screen; on the 20th, the 28th is one day too far.
    let thanks = focus(&conn, d("2026-11-21")).unwrap().steps[0].id;
    act(&mut conn, thanks, "done", "", "2026-11-21").unwrap();
    assert_eq!(
        shown(&conn, "2026-11-20"),
        [row("Desjardins", "keep_in_touch", "upcoming"), row("Desjardins", "linkedin", "upcoming")]
    );
}

#[test]
fn today_stays_short_and_counts_the_older_steps_on_one_line() {
    let mut conn = db::open_in_memory().unwrap();
    // Twenty rejections logged the day they came, over the last week: 20 thank-yous and 40 notes ahead.
    for i in 0..20 {
        let a = app(&mut conn, &format!("Recent {i}"));
        let day = format!("2026-11-{:02}", 20 + i % 6);
        log(&mut conn, a, "rejected", &day, &day);
    }
    // Ten rejections of last spring, logged today (an import): their steps are missed from the start.
    for i in 0..10 {
        let a = app(&mut conn, &format!("Old {i}"));
        log(&mut conn, a, "rejected", "2026-06-10", "2026-11-26");
    }
    // One thank-you left undone for three weeks: it goes from Today to the older line.
    let a = app(&mut conn, "Forgotten");
    log(&mut conn, a, "rejected", "2026-11-04", "2026-11-04");
    let f = focus(&conn, d("2026-11-26")).unwrap();
    assert_eq!(f.steps.len(), FOCUS_LIMIT);
    let within = |s: &Step| s.effective_on.as_str() >= "2026-11-12" && s.effective_on.as_str() <= "2026-12-03";
    assert!(f.steps.iter().all(within), "only the last two weeks and the next seven days");
    assert!(f.steps.windows(2).all(|w| w[0].effective_on <= w[1].effective_on), "in date order");
    // Within the window: the 20 thank-yous and 40 notes of the recent rejections (Forgotten's notes, on the
    // 11th, are 15 days old): 60, of which 15 are shown.
    assert_eq!(f.more, 60 - FOCUS_LIMIT);
    // Older: 10 × 4 missed steps (their check-ins too: September) + Forgotten's thank-you (the 5th) and its notes
    // (the 11th), all more than 14 days ago.
    assert_eq!(f.older, 43);
    assert_eq!(list_older(&conn, d("2026-11-26")).unwrap().len(), 43);
    // To do has the rest, not the older ones.
    let todo = list_todo(&conn, d("2026-11-26")).unwrap();
    assert_eq!(todo.len(), 60 + 21, "and the 21 check-ins ahead (Forgotten's too)");
    assert!(todo.iter().all(|s| s.effective_on.as_str() >= "2026-11-12"));

    // "Dismiss them": skipped, out of the older line, each on its timeline; "Undo" puts them back as they were.
    let done = dismiss_older(&mut conn, d("2026-11-26"), now()).unwrap();
    assert_eq!(done.count, 43);
    assert_eq!(focus(&conn, d("2026-11-26")).unwrap().older, 0);
    let skipped: i64 = conn
        .query_row(
            "SELECT count(*) FROM events WHERE kind = 'step_skipped' AND json_extract(details, '$.dismissed')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(skipped, 43);
    assert_eq!(undo_dismiss(&mut conn, &done.at).unwrap(), 43);
    assert_eq!(focus(&conn, d("2026-11-26")).unwrap().older, 43);
    let statuses: Vec<(String, i64)> = conn
        .prepare("SELECT status, count(*) FROM plan_steps GROUP BY status ORDER BY status")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(statuses, [("missed".to_owned(), 40), ("pending".to_owned(), 84)]);
    let skipped: i64 =
        conn.query_row("SELECT count(*) FROM events WHERE kind = 'step_skipped'", [], |r| r.get(0)).unwrap();
    assert_eq!(skipped, 0, "the dismissal's entries are gone from the timelines");
    // An unknown or malformed stamp brings nothing back.
    assert_eq!(undo_dismiss(&mut conn, &done.at).unwrap(), 0);
    assert!(undo_dismiss(&mut conn, "not a time").is_err());
}
