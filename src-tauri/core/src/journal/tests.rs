//! Journal tests on in-memory databases: saving, editing, outcomes, reflections, search, company history,
//! and that a refused input leaves everything as it was.

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use serde_json::json;

use super::*;
use crate::error::{Error, Problem};
use crate::testing::{application, db, outcome, refused, today};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 14, 30, 0).unwrap()
}

fn person(name: &str) -> PersonInput {
    PersonInput { name: name.into(), ..Default::default() }
}

fn save(conn: &mut Connection, input: &ApplicationInput) -> i64 {
    save_application(conn, input, crate::vocab::Lang::Fr, today(), now()).unwrap()
}

fn counts(conn: &Connection) -> [i64; 6] {
    let q = |t: &str| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap();
    [q("companies"), q("applications"), q("people"), q("application_people"), q("events"), q("event_people")]
}

#[test]
fn saving_an_application_with_people_and_interviews() {
    let mut conn = db();
    let mut input = application(" Société Générale ", "Analyste de données", "2026-09-01");
    input.posting_url = "https://example.org/jobs/42".into();
    input.people = vec![
        PersonInput {
            name: "Marie Tremblay".into(),
            title: "Directrice TI".into(),
            email: "marie@example.org".into(),
            linkedin_url: "https://www.linkedin.com/in/marie".into(),
            phone: "514 555-0100".into(),
            id: None,
            address_as: String::new(),
        },
        person("Luc Gagnon"),
    ];
    input.interviews = vec![
        InterviewInput { id: None, date: "2026-09-10".into(), format: "phone".into(), met: vec![1] },
        InterviewInput { id: None, date: "2026-09-20".into(), format: "onsite".into(), met: vec![0, 1] },
    ];
    let id = save(&mut conn, &input);

    let d = get_application(&conn, id).unwrap();
    assert_eq!(d.company, "Société Générale", "trimmed");
    assert_eq!(d.role, "Analyste de données");
    assert_eq!(d.lang, "fr", "the default language when the form leaves it empty");
    assert_eq!(d.status, "interviewing");
    assert_eq!(d.created_at, "2026-11-26T14:30:00Z");
    assert_eq!(d.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Marie Tremblay", "Luc Gagnon"]);
    let kinds: Vec<_> = d.timeline.iter().map(|e| (e.kind.as_str(), e.date.as_str())).collect();
    assert_eq!(kinds, [("applied", "2026-09-01"), ("interview", "2026-09-10"), ("interview", "2026-09-20")]);
    assert_eq!(d.timeline[1].details, json!({"format": "phone"}));
    assert_eq!(d.timeline[1].people, vec![d.people[1].id]);
    assert_eq!(d.timeline[2].people.len(), 2);
}

#[test]
fn companies_match_across_case_accents_and_spaces() {
    let mut conn = db();
    let a = save(&mut conn, &application("Société Générale", "Analyste", "2026-01-10"));
    let b = save(&mut conn, &application("  societe   GENERALE", "Développeur", "2026-03-10"));
    let c = save(&mut conn, &application("Desjardins", "Analyste", "2026-03-10"));
    let ids: Vec<i64> = [a, b, c].iter().map(|id| get_application(&conn, *id).unwrap().company_id).collect();
    assert_eq!(ids[0], ids[1]);
    assert_ne!(ids[0], ids[2]);
    assert_eq!(get_application(&conn, b).unwrap().company, "Société Générale", "the first spelling is kept");
}

#[test]
fn the_same_person_at_the_same_company_is_one_person() {
    let mut conn = db();
    let mut first = application("Acme", "Dev", "2026-01-10");
    first.people = vec![person("Marie Tremblay")];
    save(&mut conn, &first);
    let mut second = application("ACME", "Lead", "2026-02-10");
    second.people = vec![PersonInput { email: "marie@acme.test".into(), ..person("marie tremblay") }];
    let b = save(&mut conn, &second);
    let d = get_application(&conn, b).unwrap();
    let h = company_history(&conn, d.company_id).unwrap();
    assert_eq!(h.people.len(), 1);
    assert_eq!(h.people[0].email, "marie@acme.test");
    assert_eq!(h.applications.len(), 2);
}

#[test]
fn editing_replaces_fields_people_and_interviews() {
    let mut conn = db();
    let mut input = application("Acme", "Dev", "2026-01-10");
    input.people = vec![person("Ana"), person("Bo")];
    input.interviews =
        vec![InterviewInput { id: None, date: "2026-01-20".into(), format: "video".into(), met: vec![0, 1] }];
    let id = save(&mut conn, &input);
    let d = get_application(&conn, id).unwrap();

    let edit = ApplicationInput {
        id: Some(id),
        company: "Acme".into(),
        role: "Senior dev".into(),
        applied_on: "2026-01-12".into(),
        lang: "en".into(),
        people: vec![PersonInput { id: Some(d.people[1].id), title: "CTO".into(), ..person("Bo") }],
        interviews: vec![InterviewInput {
            id: Some(d.timeline[1].id),
            date: "2026-01-21".into(),
            format: "onsite".into(),
            met: vec![0],
        }],
        ..Default::default()
    };
    assert_eq!(save_application(&mut conn, &edit, crate::vocab::Lang::Fr, today(), now()).unwrap(), id);
    let e = get_application(&conn, id).unwrap();
    assert_eq!((e.role.as_str(), e.lang.as_str(), e.applied_on.as_str()), ("Senior dev", "en", "2026-01-12"));
    assert_eq!(e.people.len(), 1);
    assert_eq!(e.people[0].title, "CTO");
    assert_eq!(e.timeline[0].date, "2026-01-12", "the applied event follows the date");
    assert_eq!(e.timeline[1].id, d.timeline[1].id, "the interview was edited, not replaced");
    assert_eq!(e.timeline[1].details, json!({"format": "onsite"}));
    assert_eq!(e.timeline[1].people, vec![d.people[1].id]);

    // Removing the interview removes it from the timeline.
    let without = ApplicationInput { interviews: vec![], ..edit };
    save_application(&mut conn, &without, crate::vocab::Lang::Fr, today(), now()).unwrap();
    assert_eq!(get_application(&conn, id).unwrap().timeline.len(), 1);
    // Ana stays in the company's history even though she is no longer linked.
    assert_eq!(company_history(&conn, e.company_id).unwrap().people.len(), 2);
}

#[test]
fn editing_something_that_is_gone_says_so() {
    let mut conn = db();
    let input = ApplicationInput { id: Some(99), ..application("Acme", "Dev", "2026-01-10") };
    assert!(matches!(
        save_application(&mut conn, &input, crate::vocab::Lang::Fr, today(), now()),
        Err(Error::NotFound(_))
    ));
    assert_eq!(counts(&conn), [0; 6], "not even the company was left behind");
    assert!(matches!(get_application(&conn, 99), Err(Error::NotFound(_))));
    assert!(matches!(company_history(&conn, 99), Err(Error::NotFound(_))));
}

#[test]
fn bad_input_is_refused_field_by_field_and_nothing_is_written() {
    let mut conn = db();
    let mut input = application("", "  ", "2026-13-01");
    input.posting_url = "javascript:alert(1)".into();
    input.location = "x".repeat(201);
    input.source = "tab\u{1}".into();
    input.lang = "de".into();
    input.people = vec![PersonInput {
        email: "no-at-sign".into(),
        linkedin_url: "ftp://x".into(),
        address_as: "your majesty".into(),
        ..person("")
    }];
    input.interviews = vec![InterviewInput { id: None, date: "2028-01-01".into(), format: "fax".into(), met: vec![3] }];
    let problems = refused(save_application(&mut conn, &input, crate::vocab::Lang::Fr, today(), now()));
    let expected: Vec<(String, Problem)> = vec![
        ("company".into(), Problem::Required),
        ("role".into(), Problem::Required),
        ("postingUrl".into(), Problem::NotWebAddress),
        ("location".into(), Problem::TooLong { max: 200 }),
        ("appliedOn".into(), Problem::NotADate),
        ("source".into(), Problem::ControlCharacter),
        ("lang".into(), Problem::NotAChoice),
        ("people.0.name".into(), Problem::Required),
        ("people.0.email".into(), Problem::NotEmail),
        ("people.0.linkedinUrl".into(), Problem::NotWebAddress),
        ("people.0.addressAs".into(), Problem::NotAChoice),
        ("interviews.0.date".into(), Problem::TooFarAhead),
        ("interviews.0.format".into(), Problem::NotAChoice),
        ("interviews.0.met".into(), Problem::NotAChoice),
    ];
    assert_eq!(problems, expected);
    assert_eq!(counts(&conn), [0; 6]);
}

#[test]
fn a_refused_edit_leaves_the_saved_application_intact() {
    let mut conn = db();
    let id = save(&mut conn, &application("Acme", "Dev", "2026-01-10"));
    let before = get_application(&conn, id).unwrap();
    let bad = ApplicationInput { id: Some(id), ..application("Other", "", "2026-01-10") };
    refused(save_application(&mut conn, &bad, crate::vocab::Lang::Fr, today(), now()));
    assert_eq!(get_application(&conn, id).unwrap(), before);
}

#[test]
fn html_is_stored_exactly_as_typed() {
    let mut conn = db();
    let id = save(&mut conn, &application("<script>alert(1)</script>", "<b>Dev</b> & co", "2026-01-10"));
    let d = get_application(&conn, id).unwrap();
    assert_eq!((d.company.as_str(), d.role.as_str()), ("<script>alert(1)</script>", "<b>Dev</b> & co"));
}

#[test]
fn outcomes_go_on_the_timeline_and_the_latest_is_the_status() {
    let mut conn = db();
    let id = save(&mut conn, &application("Acme", "Dev", "2026-09-01"));
    let ghosted = OutcomeInput { promised_on: "2026-10-01".into(), ..outcome(id, "ghosted", "2026-09-15") };
    log_outcome(&mut conn, &ghosted, today(), now(), Default::default()).unwrap();
    assert_eq!(get_application(&conn, id).unwrap().status, "ghosted");

    let rejected = OutcomeInput {
        channel: "letter".into(),
        reason: "Not enough experience with SQL.".into(),
        ..outcome(id, "rejected", "2026-10-05")
    };
    log_outcome(&mut conn, &rejected, today(), now(), Default::default()).unwrap();
    let d = get_application(&conn, id).unwrap();
    assert_eq!(d.status, "rejected");
    let last = d.timeline.iter().rev().find(|e| e.kind == "rejected").unwrap();
    assert_eq!(last.details, json!({"channel": "letter", "reason": "Not enough experience with SQL."}));
    assert_eq!(d.timeline[1].details, json!({"promised_on": "2026-10-01"}));
    assert_eq!(list_applications(&conn, "").unwrap()[0].last_event_on, "2026-10-05");

    // An offer logged later wins; the list follows.
    log_outcome(&mut conn, &outcome(id, "offer", "2026-11-01"), today(), now(), Default::default()).unwrap();
    assert_eq!(list_applications(&conn, "").unwrap()[0].status, "offer");
}

#[test]
fn outcome_dates_are_checked_against_the_application_and_today() {
    let mut conn = db();
    let id = save(&mut conn, &application("Acme", "Dev", "2026-09-01"));
    let before = outcome(id, "rejected", "2026-08-31");
    assert_eq!(
        refused(log_outcome(&mut conn, &before, today(), now(), Default::default())),
        [("date".into(), Problem::BeforeApplication)]
    );
    let far = outcome(id, "rejected", "2027-11-27");
    assert_eq!(
        refused(log_outcome(&mut conn, &far, today(), now(), Default::default())),
        [("date".into(), Problem::TooFarAhead)]
    );
    let same_day = outcome(id, "rejected", "2026-09-01");
    log_outcome(&mut conn, &same_day, today(), now(), Default::default()).unwrap();

    let bad = OutcomeInput {
        outcome: "fired".into(),
        channel: "pigeon".into(),
        note: "x".repeat(1_000_000),
        ..outcome(id, "rejected", "soon")
    };
    assert_eq!(
        refused(log_outcome(&mut conn, &bad, today(), now(), Default::default())),
        [
            ("outcome".into(), Problem::NotAChoice),
            ("date".into(), Problem::NotADate),
            ("note".into(), Problem::TooLong { max: 10_000 })
        ]
    );
    let channel = OutcomeInput { channel: "pigeon".into(), ..outcome(id, "rejected", "2026-10-01") };
    assert_eq!(
        refused(log_outcome(&mut conn, &channel, today(), now(), Default::default())),
        [("channel".into(), Problem::NotAChoice)]
    );
    assert!(matches!(
        log_outcome(&mut conn, &outcome(404, "rejected", "2026-10-01"), today(), now(), Default::default()),
        Err(Error::NotFound(_))
    ));
    let outcomes = get_application(&conn, id).unwrap().timeline.iter().filter(|e| e.kind == "rejected").count();
    assert_eq!(outcomes, 1, "only the good one was written");
}

#[test]
fn a_reflection_is_written_once_and_can_be_rewritten() {
    let mut conn = db();
    let id = save(&mut conn, &application("Acme", "Dev", "2026-09-01"));
    let ev =
        log_outcome(&mut conn, &outcome(id, "rejected", "2026-10-01"), today(), now(), Default::default()).unwrap();
    let r = ReflectionInput {
        outcome_event_id: ev,
        went_well: "The case study.".into(),
        do_differently: "Ask about the team.".into(),
        feelings: "Disappointed,\nbut calm.".into(),
    };
    save_reflection(&mut conn, &r, today(), now()).unwrap();
    let again = ReflectionInput { feelings: "Better now.".into(), ..r.clone() };
    save_reflection(&mut conn, &again, today(), Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()).unwrap();

    let d = get_application(&conn, id).unwrap();
    let outcome_event = d.timeline.iter().find(|e| e.id == ev).unwrap();
    assert_eq!(outcome_event.reflection.as_ref(), Some(&again));
    let marks: Vec<_> = d.timeline.iter().filter(|e| e.kind == "reflection").collect();
    assert_eq!(marks.len(), 1, "one timeline mark however often it is rewritten");
    assert_eq!(marks[0].details, json!({"outcome_event_id": ev}));

    // Only outcomes take reflections; a huge note is refused and the saved text stays.
    let applied_event = d.timeline[0].id;
    let wrong = ReflectionInput { outcome_event_id: applied_event, ..r.clone() };
    assert!(matches!(save_reflection(&mut conn, &wrong, today(), now()), Err(Error::NotFound(_))));
    let huge = ReflectionInput { went_well: "a".repeat(1 << 20), ..r };
    assert_eq!(
        refused(save_reflection(&mut conn, &huge, today(), now())),
        [("wentWell".into(), Problem::TooLong { max: 10_000 })]
    );
    let kept = get_application(&conn, id).unwrap();
    assert_eq!(kept.timeline.iter().find(|e| e.id == ev).unwrap().reflection.as_ref(), Some(&again));
}

#[test]
fn search_matches_company_role_and_people_without_accents() {
    let mut conn = db();
    let mut a = application("Société Générale", "Analyste de données", "2026-01-10");
    a.people = vec![person("Hélène Côté")];
    save(&mut conn, &a);
    save(&mut conn, &application("Desjardins", "Développeur Rust", "2026-02-10"));
    save(&mut conn, &application("Shopify", "Data engineer", "2026-03-10"));
    let found =
        |q: &str| -> Vec<String> { list_applications(&conn, q).unwrap().into_iter().map(|a| a.company).collect() };
    assert_eq!(found("societe"), ["Société Générale"]);
    assert_eq!(found("DONNÉES"), ["Société Générale"]);
    assert_eq!(found("helene cote"), ["Société Générale"]);
    assert_eq!(found("developpeur"), ["Desjardins"]);
    assert_eq!(found("data"), ["Shopify"]);
    assert_eq!(found("  "), ["Shopify", "Desjardins", "Société Générale"], "most recent first");
    assert!(found("nothing like it").is_empty());
}

#[test]
fn the_list_is_ordered_by_latest_activity() {
    let mut conn = db();
    let old = save(&mut conn, &application("Old", "Dev", "2026-01-10"));
    save(&mut conn, &application("Recent", "Dev", "2026-06-10"));
    log_outcome(&mut conn, &outcome(old, "rejected", "2026-07-01"), today(), now(), Default::default()).unwrap();
    let list = list_applications(&conn, "").unwrap();
    assert_eq!(list.iter().map(|a| a.company.as_str()).collect::<Vec<_>>(), ["Old", "Recent"]);
    assert_eq!(list[1].status, "applied");
}

#[test]
fn the_first_page_is_the_head_of_the_list_with_the_total() {
    let mut conn = db();
    assert_eq!(first_applications(&conn, 2).unwrap(), ApplicationPage { total: 0, items: vec![] });
    for (i, company) in ["A", "B", "C"].iter().enumerate() {
        save(&mut conn, &application(company, "Dev", &format!("2026-0{}-10", i + 1)));
    }
    let page = first_applications(&conn, 2).unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.items, list_applications(&conn, "").unwrap()[..2]);
    assert_eq!(first_applications(&conn, 10).unwrap().items.len(), 3);
}

#[test]
fn each_person_keeps_their_form_of_address_defaulting_to_the_full_name() {
    let mut conn = db();
    let mut input = application("Desjardins", "Analyste", "2026-11-01");
    input.people = vec![person("Marie Tremblay"), PersonInput { address_as: "mr".into(), ..person("Jean Gagnon") }];
    let id = save_application(&mut conn, &input, crate::vocab::Lang::Fr, today(), now()).unwrap();
    let d = get_application(&conn, id).unwrap();
    let forms: Vec<(&str, &str)> = d.people.iter().map(|p| (p.name.as_str(), p.address_as.as_str())).collect();
    assert_eq!(forms, [("Marie Tremblay", "full"), ("Jean Gagnon", "mr")]);
    // Editing the application with the first name chosen for Marie keeps Jean's choice.
    input.id = Some(id);
    input.people[0] = PersonInput { id: Some(d.people[0].id), address_as: "first".into(), ..person("Marie Tremblay") };
    input.people[1].id = Some(d.people[1].id);
    save_application(&mut conn, &input, crate::vocab::Lang::Fr, today(), now()).unwrap();
    let d = get_application(&conn, id).unwrap();
    assert_eq!((d.people[0].address_as.as_str(), d.people[1].address_as.as_str()), ("first", "mr"));
}
