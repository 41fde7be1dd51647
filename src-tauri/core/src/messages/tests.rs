//! Template tests: every built-in message in both languages with all values, with each value missing, and
//! within its limits; a user's template with a syntax error or a missing value; save and reset.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::error::{Error, Problem};
use crate::vocab::{AddressForm, Lang, MessageKind, Term};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Every value known, with long but plausible names.
pub(crate) fn full_facts() -> Facts {
    Facts {
        company: "Desjardins".into(),
        role: "Analyste de données".into(),
        applied_on: Some(d(2026, 8, 1)),
        contact: Some(("Marie Tremblay".into(), "Directrice TI".into())),
        address_as: AddressForm::Full,
        contact_email: "marie.tremblay@example.org".into(),
        contact_linkedin: "https://www.linkedin.com/in/marie-tremblay".into(),
        people: vec!["Marie Tremblay".into(), "Jean Gagnon".into(), "Sophie Roy".into()],
        interview_on: Some(d(2026, 9, 1)),
        rejected_on: Some(d(2026, 9, 20)),
        promised_on: Some(d(2026, 9, 15)),
        ask_feedback: true,
        my_name: "Alex Martin".into(),
        signature: "514 555-0123\nlinkedin.com/in/alexmartin".into(),
        nudge_number: None,
        interviews: 1,
        met: vec!["Marie Tremblay".into(), "Jean Gagnon".into(), "Sophie Roy".into()],
        talked: true,
        last_contact: Some((ContactKind::Interview, 3)),
    }
}

#[test]
fn the_three_nudges_read_differently_and_state_at_most_one_date() {
    for lang in ["fr", "en"] {
        let bodies: Vec<String> = [None, Some(1), Some(2), Some(3)]
            .into_iter()
            .map(|n| render_builtin("nudge", lang, &Facts { nudge_number: n, ..full_facts() }).body)
            .collect();
        assert_eq!(bodies[0], bodies[1], "{lang}: no number reads as the first");
        assert_ne!(bodies[1], bodies[2], "{lang}");
        assert_ne!(bodies[2], bodies[3], "{lang}");
        assert_ne!(bodies[1], bodies[3], "{lang}");
        for b in &bodies {
            assert!(b.matches("2026").count() <= 1, "{lang}: at most one date: {b}");
        }
    }
}

#[test]
fn no_two_messages_of_one_plan_open_with_the_same_sentence() {
    for lang in ["fr", "en"] {
        let mut openings: Vec<String> = Vec::new();
        for kind in ["thank_you", "feedback", "keep_in_touch", "check_in", "linkedin"] {
            let body = render_builtin(kind, lang, &full_facts()).body;
            // The greeting is the first line; the opening sentence is what follows it, up to its first stop.
            let after_greeting = body.split_once('\n').map(|(_, rest)| rest).unwrap_or(&body).trim_start();
            let first = after_greeting.split(['.', '!', '?']).next().unwrap_or_default().trim().to_owned();
            assert!(!openings.contains(&first), "{lang}/{kind} opens like another message: {first}");
            openings.push(first);
        }
    }
}

#[test]
fn the_check_in_asks_about_the_same_position_or_a_similar_one_without_a_dated_sentence() {
    let fr = render_builtin("check_in", "fr", &full_facts()).body;
    let en = render_builtin("check_in", "en", &full_facts()).body;
    assert!(fr.contains("même poste") || fr.contains("ce poste"), "{fr}");
    assert!(fr.contains("semblable") || fr.contains("similaire"), "{fr}");
    assert!(en.contains("same position") || en.contains("same role"), "{en}");
    assert!(en.contains("similar"), "{en}");
    for kind in MessageKind::NAMES {
        for lang in ["fr", "en"] {
            let body = render_builtin(kind, lang, &Facts { promised_on: None, ..full_facts() }).body;
            assert!(!body.contains("2026"), "{lang}/{kind}: no full date with the year in a sentence: {body}");
        }
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn render_builtin(kind: &str, lang: &str, facts: &Facts) -> Rendered {
    let (kind, lang) = (MessageKind::parse(kind).unwrap(), Lang::parse(lang).unwrap());
    let t = builtin(kind, lang).unwrap();
    render(kind, lang, &t.subject, &t.body, facts)
}

#[test]
fn every_built_in_message_with_all_values_is_short_specific_and_signed() {
    let facts = full_facts();
    for lang in ["fr", "en"] {
        for kind in MessageKind::NAMES {
            let r = render_builtin(kind, lang, &facts);
            assert_eq!((&r.error, &r.missing), (&None, &vec![]), "{lang}/{kind}");
            assert!(words(&r.body) < 150, "{lang}/{kind}: {} words", words(&r.body));
            let all = format!("{}\n{}", r.subject, r.body);
            assert!(all.contains("Desjardins"), "{lang}/{kind} names the company:\n{all}");
            assert!(r.body.contains("Marie Tremblay"), "{lang}/{kind} greets the contact:\n{}", r.body);
            assert!(r.body.contains("Alex Martin"), "{lang}/{kind} is signed");
            assert!(!all.contains("  ") && !all.contains("\n\n\n"), "{lang}/{kind}: stray spaces:\n{all:?}");
            if *kind == "linkedin" {
                assert!(r.subject.is_empty());
                assert!(r.length <= LINKEDIN_LIMIT, "{lang} LinkedIn note: {} characters", r.length);
            } else {
                assert!(!r.subject.is_empty(), "{lang}/{kind} has a subject");
                assert!(r.body.contains("514 555-0123"), "{lang}/{kind} carries the signature");
                assert!(all.contains("Analyste de données"), "{lang}/{kind} names the role:\n{all}");
            }
        }
    }
}

#[test]
fn french_messages_use_quebec_typography_and_usage() {
    let facts = full_facts();
    for kind in MessageKind::NAMES {
        let r = render_builtin(kind, "fr", &facts);
        let all = format!("{}\n{}", r.subject, r.body);
        for (i, c) in all.char_indices() {
            let before = all[..i].chars().next_back();
            match c {
                ':' | '»' => assert_eq!(before, Some('\u{a0}'), "{kind}: no-break space before {c:?}:\n{all}"),
                ';' | '!' | '?' => assert_ne!(before, Some(' '), "{kind}: no space before {c:?}:\n{all}"),
                _ => {}
            }
        }
        assert!(!all.contains("entretien"), "{kind}: Quebec usage says « entrevue »");
        assert!(!all.contains(" tu ") && !all.contains(" te "), "{kind}: vouvoiement");
    }
}

#[test]
fn the_nudge_recalls_the_promised_decision_without_its_date() {
    // The decision date once read « vers le 15 septembre 2026 »: a date with its year weighs in a sentence, and
    // the first nudge falls due a few days after it anyway.
    let facts = full_facts();
    let fr = render_builtin("nudge", "fr", &facts);
    assert!(fr.body.contains("une décision serait prise à peu près à ce moment-ci"), "{}", fr.body);
    let en = render_builtin("nudge", "en", &facts);
    assert!(en.body.contains("a decision was expected around this time"), "{}", en.body);
    for r in [fr, en] {
        assert!(!r.body.contains("2026") && !r.body.contains("15"), "{}", r.body);
    }
}

#[test]
fn every_built_in_message_reads_well_with_each_value_missing() {
    let full = full_facts();
    let variants: Vec<(&str, Facts)> = vec![
        ("no contact", Facts { contact: None, contact_email: String::new(), ..full.clone() }),
        ("no people", Facts { contact: None, people: vec![], ..full.clone() }),
        ("no interview", Facts { interview_on: None, ..full.clone() }),
        ("no rejection date", Facts { rejected_on: None, ..full.clone() }),
        ("no promised date", Facts { promised_on: None, ..full.clone() }),
        ("no feedback request", Facts { ask_feedback: false, ..full.clone() }),
        ("no name", Facts { my_name: String::new(), ..full.clone() }),
        ("no signature", Facts { signature: String::new(), ..full.clone() }),
        (
            "nothing optional",
            Facts {
                contact: None,
                people: vec![],
                interview_on: None,
                rejected_on: None,
                promised_on: None,
                ask_feedback: false,
                my_name: String::new(),
                signature: String::new(),
                ..full.clone()
            },
        ),
    ];
    for lang in ["fr", "en"] {
        for kind in MessageKind::NAMES {
            for (what, facts) in &variants {
                let r = render_builtin(kind, lang, facts);
                assert_eq!((&r.error, &r.missing), (&None, &vec![]), "{lang}/{kind} with {what}");
                assert!(!r.body.is_empty(), "{lang}/{kind} with {what}");
                assert!(!r.body.contains("  ") && !r.body.contains(" ,"), "{lang}/{kind} with {what}:\n{}", r.body);
                assert!(!r.body.contains("none") && !r.body.contains("undefined"), "{lang}/{kind} with {what}");
            }
        }
    }
    // Without a contact the greeting stands alone.
    let r = render_builtin("thank_you", "fr", &variants[0].1);
    assert!(r.body.starts_with("Bonjour,"), "{}", r.body);
    let r = render_builtin("thank_you", "en", &variants[0].1);
    assert!(r.body.starts_with("Hello,") || r.body.starts_with("Hi,"), "{}", r.body);
}

#[test]
fn the_linkedin_note_stays_under_300_characters_with_long_values() {
    let long = "X".repeat(200);
    let facts = Facts {
        company: long.clone(),
        role: long.clone(),
        contact: Some((long.clone(), long.clone())),
        people: vec![long.clone(), long.clone()],
        my_name: long.clone(),
        signature: long,
        ..full_facts()
    };
    for lang in ["fr", "en"] {
        let r = render_builtin("linkedin", lang, &facts);
        assert!(r.error.is_none(), "{lang}");
        assert!(r.length <= LINKEDIN_LIMIT, "{lang}: {} characters", r.length);
        assert_eq!(r.limit, Some(300));
    }
}

#[test]
fn a_user_template_that_prints_a_missing_value_lists_what_to_fill_in() {
    let facts = Facts { contact: None, my_name: String::new(), interview_on: None, ..full_facts() };
    let r = render(MessageKind::ThankYou, Lang::En, "Hi", "Dear {{ contact.name }},\nThanks.\n{{ my_name }}", &facts);
    assert_eq!(r.error, None);
    assert_eq!(r.missing, vec![Missing { variable: "contact".into(), fix_in: "people" }]);
    assert!(r.body.is_empty());

    let r = render(
        MessageKind::ThankYou,
        Lang::En,
        "Hi",
        "{% if contact %}{{ contact.name }}{% endif %}{{ my_name }}",
        &facts,
    );
    assert_eq!(r.missing, vec![Missing { variable: "my_name".into(), fix_in: "settings" }]);
    let r = render(MessageKind::Nudge, Lang::En, "On {{ interview_date }}", "Body", &facts);
    assert_eq!(r.missing, vec![Missing { variable: "interview_date".into(), fix_in: "interviews" }]);
}

#[test]
fn a_syntax_error_gives_its_line_and_never_panics() {
    let facts = full_facts();
    let r = render(MessageKind::Feedback, Lang::Fr, "Objet", "Bonjour,\n\nMerci {{ company \n", &facts);
    let e = r.error.expect("an error");
    assert_eq!((e.part, e.line), ("body", 3));
    assert!(!e.detail.is_empty());
    let r = render(MessageKind::Feedback, Lang::Fr, "{% if %}", "ok", &facts);
    assert_eq!(r.error.unwrap().part, "subject");
    for src in ["{{", "{% for %}", "{% endif %}", "{{ 1 / 0 }}", "{{ company | nosuchfilter }}"] {
        let r = render(MessageKind::Feedback, Lang::En, "s", src, &facts);
        assert!(r.error.is_some() || !r.missing.is_empty(), "{src}");
    }
}

#[test]
fn plain_text_is_never_html_escaped() {
    let facts = Facts { company: "Ernst & Young <Canada>".into(), ..full_facts() };
    let r = render_builtin("thank_you", "en", &facts);
    assert!(r.body.contains("Ernst & Young <Canada>"), "{}", r.body);
}

#[test]
fn saving_checks_the_template_and_deleting_the_default_brings_back_ours() {
    let conn = crate::db::open_in_memory().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let today = d(2026, 11, 26);
    let mine = Template {
        kind: MessageKind::ThankYou,
        lang: Lang::En,
        subject: "Thanks, {{ company }}".into(),
        body: "Hello,\nThank you for the {{ role }} interview.".into(),
        id: None,
        name: "Short".into(),
        default: true,
        custom: false,
    };
    let saved = save_template(&conn, &mine, today, now).unwrap();
    assert!(saved.custom && saved.default && saved.id.is_some());
    assert_eq!(template(&conn, MessageKind::ThankYou, Lang::En).unwrap().body, mine.body);
    assert!(!template(&conn, MessageKind::ThankYou, Lang::Fr).unwrap().custom, "the other language keeps ours");

    let broken = Template { body: "Hello {{ role ".into(), ..saved.clone() };
    match save_template(&conn, &broken, today, now) {
        Err(Error::Invalid(v)) => assert_eq!(v[0].problem, Problem::TemplateSyntax { line: 1 }),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        template(&conn, MessageKind::ThankYou, Lang::En).unwrap().body,
        mine.body,
        "a refused save keeps the last good one"
    );
    // A kind of message Rebound does not know never reaches the journal: it is not a template at all.
    let mut unknown = serde_json::to_value(&mine).unwrap();
    unknown["kind"] = "ransom_note".into();
    assert!(serde_json::from_value::<Template>(unknown).is_err());

    let back = delete_template(&conn, saved.id.unwrap()).unwrap();
    assert_eq!(back, Template { default: true, ..builtin(MessageKind::ThankYou, Lang::En).unwrap() });
    assert_eq!(template(&conn, MessageKind::ThankYou, Lang::En).unwrap(), back);
    assert!(matches!(delete_template(&conn, saved.id.unwrap()), Err(Error::NotFound(_))));
}

#[test]
fn named_versions_one_default_and_the_composer_can_pick_any() {
    let conn = crate::db::open_in_memory().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let today = d(2026, 11, 26);
    let draft = |name: &str, body: &str, default: bool| Template {
        kind: MessageKind::CheckIn,
        lang: Lang::Fr,
        subject: format!("{name} — {{{{ role }}}}"),
        body: body.into(),
        id: None,
        name: name.into(),
        default,
        custom: true,
    };
    let short =
        save_template(&conn, &draft("Courte", "Bonjour,\nUn poste s’est-il libéré ?", false), today, now).unwrap();
    let warm =
        save_template(&conn, &draft("Chaleureuse", "Bonjour,\nJ’espère que tout va bien.", true), today, now).unwrap();
    let names = |v: Vec<Template>| v.into_iter().map(|t| (t.name, t.default, t.custom)).collect::<Vec<_>>();
    assert_eq!(
        names(versions(&conn, MessageKind::CheckIn, Lang::Fr).unwrap()),
        [("".into(), false, false), ("Courte".into(), false, true), ("Chaleureuse".into(), true, true)]
    );
    assert_eq!(versions(&conn, MessageKind::CheckIn, Lang::En).unwrap().len(), 1, "English has only ours");

    // A second name "Courte" is refused on the name field; the same name in the other language is fine.
    match save_template(&conn, &draft("Courte", "Autre", false), today, now) {
        Err(Error::Invalid(v)) => assert_eq!((v[0].field.as_str(), &v[0].problem), ("name", &Problem::NameTaken)),
        other => panic!("{other:?}"),
    }
    save_template(&conn, &Template { lang: Lang::En, ..draft("Courte", "Other", false) }, today, now).unwrap();
    // One unnamed version is allowed ("My version"); a second new one is asked for a name.
    save_template(&conn, &draft("", "Sans nom", false), today, now).unwrap();
    match save_template(&conn, &draft("", "Encore", false), today, now) {
        Err(Error::Invalid(v)) => assert_eq!((v[0].field.as_str(), &v[0].problem), ("name", &Problem::Required)),
        other => panic!("{other:?}"),
    }

    // Making the short one the default takes it from the warm one: never two defaults.
    save_template(&conn, &Template { default: true, ..short.clone() }, today, now).unwrap();
    assert_eq!(template(&conn, MessageKind::CheckIn, Lang::Fr).unwrap().name, "Courte");
    assert!(!version(&conn, warm.id.unwrap(), MessageKind::CheckIn, Lang::Fr).unwrap().default);

    // The composer renders the default, or the version it is given; a version of another kind is not found.
    let req = |template_id| MessageRequest {
        kind: "check_in".into(),
        lang: "fr".into(),
        template_id,
        ..MessageRequest::default()
    };
    let render = |r: &MessageRequest| render_request(&conn, r, "", "", today).unwrap().subject;
    assert_eq!(render(&req(None)), "Courte — Analyste de données");
    assert_eq!(render(&req(warm.id)), "Chaleureuse — Analyste de données");
    let other_kind = MessageRequest { kind: "nudge".into(), ..req(warm.id) };
    assert!(matches!(render_request(&conn, &other_kind, "", "", today), Err(Error::NotFound(_))));
}

#[test]
fn each_greeting_follows_the_persons_form_of_address() {
    let cases = [
        ("Marie Tremblay", "full", "fr", "Marie Tremblay"),
        ("Marie Tremblay", "", "en", "Marie Tremblay"),
        ("Marie Tremblay", "first", "en", "Marie"),
        ("Jean-François Gagnon", "first", "fr", "Jean-François"),
        ("Marie Tremblay", "ms", "fr", "Madame Tremblay"),
        ("Marie Tremblay", "ms", "en", "Ms. Tremblay"),
        ("Marie de la Fontaine", "ms", "fr", "Madame de la Fontaine"),
        ("Jean Gagnon", "mr", "fr", "Monsieur Gagnon"),
        ("Jean Gagnon", "mr", "en", "Mr. Gagnon"),
        ("  Cher   ", "mr", "en", "Mr. Cher"),
        ("Cher", "first", "fr", "Cher"),
    ];
    for (name, form, lang, want) in cases {
        // No form chosen (""): the default, the full name.
        let (form, lang) = (AddressForm::parse(form).unwrap_or_default(), Lang::parse(lang).unwrap());
        assert_eq!(greeting(name, form, lang), want, "{name:?} {form} {lang}");
    }
    // Every built-in message greets by the chosen form, and still names the person in full elsewhere.
    for lang in ["fr", "en"] {
        for kind in MessageKind::NAMES {
            let facts = Facts { address_as: AddressForm::Ms, ..full_facts() };
            let r = render_builtin(kind, lang, &facts);
            let hello = if lang == "fr" { "Bonjour Madame Tremblay," } else { "Hello Ms. Tremblay," };
            assert!(r.body.starts_with(hello), "{kind} {lang}: {}", r.body);
            let first = Facts { address_as: AddressForm::First, ..full_facts() };
            let r = render_builtin(kind, lang, &first);
            let hello = if lang == "fr" { "Bonjour Marie," } else { "Hello Marie," };
            assert!(r.body.starts_with(hello), "{kind} {lang}: {}", r.body);
        }
    }
}

// ---- Every message of one plan, rendered from a real journal ----

mod plan {
    //! The messages a person sends under their own name for one application: the rejection's plan (thank-you
    //! with its feedback request, the feedback request on its own, keep in touch, the LinkedIn note, the
    //! check-in), the thank-you after an interview and the three nudges, and the keep-in-touch reminder
    //! (catch-up) one and twelve months after the last contact. Three journals: interviews with people met,
    //! a person but no interview or conversation (a recruiter's e-mail), and neither (a general inbox).

    use chrono::NaiveDate;
    use rusqlite::Connection;

    use super::super::*;
    use crate::journal::{self, ApplicationInput, InterviewInput, PersonInput};
    use crate::messages::tone;
    use crate::plan::PlanOptions;
    use crate::testing::{d, now, outcome};
    use crate::vocab::{Lang, MessageKind};

    const REJECTED: &str = "2026-09-20";
    const INTERVIEW: &str = "2026-09-01";

    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Journal {
        InterviewsAndPeople,
        PersonOnly,
        Neither,
    }

    /// The journal `j` with one rejected application for « Analyste de données » at Desjardins; its id.
    fn journal(j: Journal) -> (Connection, i64) {
        let mut conn = crate::db::open_in_memory().unwrap();
        let person = |name: &str| PersonInput { name: name.into(), ..Default::default() };
        let input = ApplicationInput {
            company: "Desjardins".into(),
            role: "Analyste de données".into(),
            applied_on: "2026-08-01".into(),
            people: match j {
                Journal::InterviewsAndPeople => vec![person("Marie Tremblay"), person("Jean Gagnon")],
                Journal::PersonOnly => vec![person("Marie Tremblay")],
                Journal::Neither => vec![],
            },
            interviews: match j {
                Journal::InterviewsAndPeople => {
                    vec![InterviewInput { date: INTERVIEW.into(), format: "video".into(), met: vec![0, 1], id: None }]
                }
                _ => vec![],
            },
            ..Default::default()
        };
        let app = journal::save_application(&mut conn, &input, Lang::Fr, d(REJECTED), now()).unwrap();
        journal::log_outcome(
            &mut conn,
            &outcome(app, "rejected", REJECTED),
            d(REJECTED),
            now(),
            PlanOptions::default(),
        )
        .unwrap();
        (conn, app)
    }

    fn render_on(
        conn: &Connection,
        app: i64,
        kind: &str,
        lang: Lang,
        today: NaiveDate,
        edit: &dyn Fn(&mut Facts),
    ) -> Rendered {
        let mut facts = facts(conn, app, None, "Alex Martin", "514 555-0123", today).unwrap();
        edit(&mut facts);
        let kind = MessageKind::parse(kind).unwrap();
        let t = builtin(kind, lang).unwrap();
        let r = render(kind, lang, &t.subject, &t.body, &facts);
        assert_eq!((&r.error, &r.missing), (&None, &vec![]), "{lang}/{kind}");
        r
    }

    /// The sentences a message says: the body between the greeting (its first line) and the closing (its last
    /// paragraph, with the name and signature), split at each sentence end, lower-cased, with punctuation and
    /// runs of spaces folded, so "Merci  de votre temps." and "merci de votre temps" are one sentence.
    fn sentences(body: &str) -> Vec<String> {
        let inner = body.split_once('\n').map_or("", |(_, rest)| rest);
        let inner = inner.rsplit_once("\n\n").map_or(inner, |(before, _)| before);
        inner
            .split(['.', '!', '?', '\n'])
            .map(|s| {
                let kept: String = s
                    .to_lowercase()
                    .replace('’', "'")
                    .chars()
                    .map(|c| if c.is_alphanumeric() || c == '\'' { c } else { ' ' })
                    .collect();
                kept.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Words that say a conversation took place (an interview, a meeting, an exchange).
    const CONVERSATION: &[&str] = &[
        "échang",
        "conversation",
        "rencontr",
        "entrevue",
        "parlé",
        "parlions",
        "discut",
        "talk",
        "spoke",
        "met ",
        "meet",
        "interview",
        "discuss",
    ];
    /// Words that say the conversation was enjoyed.
    const ENJOYED: &[&str] =
        &["apprécié", "plaisir de rencontrer", "plaisir à rencontrer", "bon souvenir", "enjoyed", "pleasure to meet"];
    /// A month's name in a message: the names the messages write dates with ("May" is left out: it is mostly the
    /// verb, and a date in May still has its year).
    fn month(word: &str) -> bool {
        use super::dates::{EN_MONTHS, FR_MONTHS};
        word != "may" && FR_MONTHS.iter().chain(EN_MONTHS.iter()).any(|m| m.to_lowercase() == word)
    }

    /// A year or a month's name anywhere in the message.
    fn dated(text: &str) -> Option<String> {
        let lower = text.to_lowercase();
        lower
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| {
                month(w) || (w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.parse::<u32>().is_ok())
            })
            .map(str::to_owned)
    }

    #[test]
    fn no_two_messages_of_a_plan_share_a_sentence_and_none_claims_what_the_journal_lacks_or_gives_a_date() {
        for j in [Journal::InterviewsAndPeople, Journal::PersonOnly, Journal::Neither] {
            let (conn, app) = journal(j);
            let talked = j == Journal::InterviewsAndPeople;
            let day_after = d("2026-09-21");
            for lang in [Lang::Fr, Lang::En] {
                // (name, which set it belongs to, message): the rejection's plan, and the silence messages.
                let mut plan: Vec<(String, &str, Rendered)> = vec![];
                let mut add = |name: &str, set, kind, today, edit: &dyn Fn(&mut Facts)| {
                    plan.push((name.to_owned(), set, render_on(&conn, app, kind, lang, today, edit)));
                };
                add("thank_you", "plan", "thank_you", day_after, &|f| f.ask_feedback = true);
                add("feedback", "plan", "feedback", day_after, &|_| {});
                add("keep_in_touch", "plan", "keep_in_touch", d("2026-09-27"), &|_| {});
                add("linkedin", "plan", "linkedin", d("2026-09-27"), &|_| {});
                add("check_in", "plan", "check_in", d("2026-12-19"), &|_| {});
                if talked {
                    add("interview_thanks", "silence", "interview_thanks", d("2026-09-02"), &|_| {});
                }
                for n in 1..=3 {
                    add(&format!("nudge {n}"), "silence", "nudge", day_after, &move |f| f.nudge_number = Some(n));
                }
                // The catch-up a month and a year after the interview (the last contact with Marie).
                let catch_ups = [
                    ("catch_up after 1 month", render_on(&conn, app, "catch_up", lang, d("2026-10-01"), &|_| {})),
                    ("catch_up after 12 months", render_on(&conn, app, "catch_up", lang, d("2027-09-01"), &|_| {})),
                ];
                for (name, catch_up) in catch_ups {
                    let mut all: Vec<(String, &str, &Rendered)> =
                        plan.iter().map(|(n, s, r)| (n.clone(), *s, r)).collect();
                    all.push((name.to_owned(), "plan", &catch_up));
                    check_plan(&format!("{j:?} {lang}"), lang, talked, &all);
                }
            }
        }
    }

    fn check_plan(what: &str, lang: Lang, talked: bool, all: &[(String, &str, &Rendered)]) {
        let mut said: Vec<(String, &str)> = vec![];
        let mut openings: Vec<(String, &str)> = vec![];
        for (name, _, r) in all {
            let text = format!("{}\n{}", r.subject, r.body);
            assert!(dated(&text).is_none(), "{what} {name}: a date ({:?}):\n{text}", dated(&text));
            assert!(r.body.split_whitespace().count() < 150, "{what} {name}: over 150 words");
            if r.kind == MessageKind::Linkedin {
                assert!(r.length <= LINKEDIN_LIMIT, "{what} {name}: {} characters", r.length);
            }
            for part in [&r.subject, &r.body] {
                assert_eq!(
                    tone::check(part, lang.as_str(), &tone::Context::default()),
                    vec![],
                    "{what} {name}: {part}"
                );
            }
            let own = sentences(&r.body);
            assert!(!own.is_empty(), "{what} {name}: nothing said:\n{}", r.body);
            for s in &own {
                if let Some((_, other)) = said.iter().find(|(t, _)| t == s) {
                    panic!("{what}: {name} and {other} both say « {s} »");
                }
                if !talked {
                    if let Some(word) = CONVERSATION.iter().find(|w| s.contains(*w)) {
                        panic!("{what} {name}: claims a conversation the journal does not have ({word}): « {s} »");
                    }
                }
            }
            said.extend(own.iter().map(|s| (s.clone(), name.as_str())));
            let opening = own[0].split(' ').take(3).collect::<Vec<_>>().join(" ");
            if let Some((_, other)) = openings.iter().find(|(o, _)| *o == opening) {
                panic!("{what}: {name} opens like {other}: « {opening} »");
            }
            openings.push((opening, name.as_str()));
        }
        for set in ["plan", "silence"] {
            let enjoying: Vec<&str> = all
                .iter()
                .filter(|(_, s, r)| {
                    *s == set && sentences(&r.body).iter().any(|t| ENJOYED.iter().any(|w| t.contains(w)))
                })
                .map(|(n, _, _)| n.as_str())
                .collect();
            assert!(
                enjoying.len() <= 1,
                "{what}: more than one message says the conversation was enjoyed: {enjoying:?}"
            );
        }
    }

    #[test]
    fn the_catch_up_says_how_long_it_has_been_and_names_the_position_only_if_that_was_the_last_topic() {
        let (mut conn, app) = journal(Journal::InterviewsAndPeople);
        let cases = [
            (
                "2026-10-01",
                "Il y a un mois, nous parlions du poste",
                "It has been a month since we talked about the Analyste de données position",
            ),
            (
                "2027-09-01",
                "Il y a un an, nous parlions du poste",
                "It has been a year since we talked about the Analyste de données position",
            ),
            ("2026-12-15", "Il y a 3 mois, nous parlions du poste", "It has been 3 months since we talked"),
            ("2028-01-01", "Il y a plus d’un an", "It has been more than a year"),
            ("2026-09-20", "Je prends un moment pour vous écrire", "I'm taking a moment to write"),
        ];
        for (today, fr, en) in cases {
            let r = render_on(&conn, app, "catch_up", Lang::Fr, d(today), &|_| {});
            assert!(r.body.contains(fr), "{today}: {}", r.body);
            let r = render_on(&conn, app, "catch_up", Lang::En, d(today), &|_| {});
            assert!(r.body.contains(en), "{today}: {}", r.body);
        }
        // A coffee logged later is the last contact: time counts from it, and the old position is not brought up.
        let marie = journal::get_application(&conn, app).unwrap().people[0].id;
        crate::people::log_contact(&mut conn, marie, "2026-11-02", "Café", d("2026-11-02"), now()).unwrap();
        for lang in [Lang::Fr, Lang::En] {
            let r = render_on(&conn, app, "catch_up", lang, d("2027-01-05"), &|_| {});
            let since = if lang == Lang::Fr {
                "Il y a 2 mois, nous prenions le temps de discuter"
            } else {
                "It has been 2 months since we last took the time to talk"
            };
            assert!(r.body.contains(since), "{lang}: {}", r.body);
            assert!(!format!("{}{}", r.subject, r.body).contains("Analyste"), "{lang}: {}", r.body);
        }
        // Without any contact with the person (a rejection by e-mail only), nothing is said of time or the past.
        let (conn, app) = journal(Journal::PersonOnly);
        for lang in [Lang::Fr, Lang::En] {
            let r = render_on(&conn, app, "catch_up", lang, d("2027-01-05"), &|_| {});
            assert!(!r.body.contains("Il y a") && !r.body.contains("It has been"), "{lang}: {}", r.body);
        }
    }

    #[test]
    fn a_contact_who_was_not_at_the_interview_is_not_told_of_our_conversation() {
        // Marie, the recruiter, wrote; only Jean was at the interview.
        let mut conn = crate::db::open_in_memory().unwrap();
        let person = |name: &str| PersonInput { name: name.into(), ..Default::default() };
        let input = ApplicationInput {
            company: "Desjardins".into(),
            role: "Analyste de données".into(),
            applied_on: "2026-08-01".into(),
            people: vec![person("Marie Tremblay"), person("Jean Gagnon")],
            interviews: vec![InterviewInput { date: INTERVIEW.into(), format: "video".into(), met: vec![1], id: None }],
            ..Default::default()
        };
        let app = journal::save_application(&mut conn, &input, Lang::Fr, d(REJECTED), now()).unwrap();
        let f = facts(&conn, app, None, "", "", d("2026-09-21")).unwrap();
        assert_eq!((f.interviews, f.talked, f.met.clone()), (1, false, vec!["Jean Gagnon".to_owned()]));
        let thanks = render_on(&conn, app, "thank_you", Lang::Fr, d("2026-09-21"), &|_| {}).body;
        assert!(
            thanks.contains("Ce fut un plaisir de rencontrer Jean Gagnon.") && !thanks.contains("échanges"),
            "{thanks}"
        );
        let check_in = render_on(&conn, app, "check_in", Lang::En, d("2026-12-19"), &|_| {}).body;
        assert!(!check_in.contains("discussed") && !check_in.contains("talked"), "{check_in}");
    }

    #[test]
    fn a_thank_you_counts_the_interviews_the_journal_has() {
        let (conn, app) = journal(Journal::InterviewsAndPeople);
        let fr = render_on(&conn, app, "thank_you", Lang::Fr, d("2026-09-21"), &|_| {}).body;
        assert!(fr.contains("et à notre entrevue.") && !fr.contains("mes entrevues"), "{fr}");
        let two = render_on(&conn, app, "thank_you", Lang::En, d("2026-09-21"), &|f| f.interviews = 2).body;
        assert!(two.contains("and my interviews.") && two.contains("our conversations"), "{two}");
        let (conn, app) = journal(Journal::Neither);
        let none = render_on(&conn, app, "thank_you", Lang::Fr, d("2026-09-21"), &|_| {}).body;
        assert!(none.contains("consacré à ma candidature.") && !none.contains("entrevue"), "{none}");
    }
}
