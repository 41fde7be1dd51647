//! The reader on e-mails written for these tests (`testdata/`, labelled in `testdata/labels.json` in the
//! corpus's shape), its refusals and limits, and the match with the journal.

use std::path::Path;

use super::score::{same_name, Label};
use super::*;
use crate::testing::{d, today};

#[test]
fn the_rule_files_compile() {
    rules::compile_check().unwrap();
}

/// Every field of every test e-mail, with what differs listed (these e-mails are ours to read).
#[test]
fn reads_the_test_emails() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/mail/testdata");
    let labels: Vec<Label> = serde_json::from_str(&std::fs::read_to_string(dir.join("labels.json")).unwrap()).unwrap();
    assert!(labels.iter().filter(|l| l.lang == "fr").count() >= 15);
    assert!(labels.iter().filter(|l| l.lang == "en").count() >= 15);
    let mut wrong = Vec::new();
    for l in &labels {
        let r = read_bytes(&std::fs::read(dir.join(&l.file)).unwrap(), l.today).unwrap();
        let mut diff = Vec::new();
        if r.kind != l.kind {
            diff.push(format!("kind {} ≠ {}", r.kind, l.kind));
        }
        if r.lang.as_str() != l.lang {
            diff.push(format!("lang {} ≠ {}", r.lang, l.lang));
        }
        for (field, want, got) in
            [("company", &l.company, &r.company), ("role", &l.role, &r.role), ("person", &l.person, &r.person)]
        {
            if !same_name(want.as_deref(), got.as_deref()) {
                diff.push(format!("{field} {got:?} ≠ {want:?}"));
            }
        }
        if Some(r.date) != l.date {
            diff.push(format!("date {} ≠ {:?}", r.date, l.date));
        }
        if r.reason != l.reason {
            diff.push(format!("reason {:?} ≠ {:?}", r.reason, l.reason));
        }
        if !diff.is_empty() {
            wrong.push(format!("{}: {}", l.file, diff.join("; ")));
        }
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), labels.len(), wrong.join("\n"));
}

#[test]
fn over_two_megabytes_is_refused_with_a_typed_error() {
    let big = "a".repeat(MAX_BYTES + 1);
    match read(&big, today()) {
        Err(crate::error::Error::Invalid(fields)) => {
            assert_eq!(fields[0].field, "text");
            assert_eq!(fields[0].problem, Problem::TextTooLarge { max_mb: 2 });
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    match read_bytes(big.as_bytes(), today()) {
        Err(crate::error::Error::Invalid(fields)) => {
            assert_eq!((fields[0].field.as_str(), &fields[0].problem), ("file", &Problem::FileTooLarge { max_mb: 2 }));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn evidence_offsets_are_utf16_indices_into_the_shown_text() {
    let text = "Objet : Réponse 😀 à votre candidature\n\nBonjour,\n\nNous avons le regret de vous informer que votre \
                candidature n'a pas été retenue.\n\nL'équipe RH";
    let r = read(text, today()).unwrap();
    assert_eq!(r.kind, MailKind::Rejection);
    let units: Vec<u16> = r.text.encode_utf16().collect();
    assert!(!r.evidence.is_empty());
    for e in &r.evidence {
        assert_eq!(String::from_utf16(&units[e.start..e.end]).unwrap(), e.phrase);
    }
    assert!(r.evidence.iter().any(|e| e.phrase == "n'a pas été retenue"));
}

#[test]
fn a_reading_serialises_in_camel_case() {
    let r = read("From: Marie Roy <marie.roy@acme.ca>\nSubject: Entrevue\n\nBonjour", today()).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    for key in [
        "kind",
        "lang",
        "company",
        "role",
        "person",
        "personEmail",
        "date",
        "reason",
        "applicationId",
        "confidence",
        "evidence",
        "text",
    ] {
        assert!(json.get(key).is_some(), "{key} missing");
    }
}

#[test]
fn no_date_header_means_today_and_the_date_header_keeps_its_own_offset() {
    assert_eq!(read("Thank you for applying.", d("2026-02-28")).unwrap().date, d("2026-02-28"));
    let late = "From: a@acme.com\nDate: Thu, 31 Dec 2026 23:30:00 -0500\nSubject: x\n\nHello";
    assert_eq!(read(late, today()).unwrap().date, d("2026-12-31"));
    let early = "From: a@acme.com\nDate: Fri, 01 Jan 2027 00:30:00 +0100\nSubject: x\n\nHello";
    assert_eq!(read(early, today()).unwrap().date, d("2027-01-01"));
}

#[test]
fn the_quoted_history_does_not_decide() {
    let text = "Hi Sam,\n\nUnfortunately we will not be moving forward with your application.\n\nBest,\nAna\n\n\
                On Mon, Nov 2, 2026 at 9:00 AM Ana Lopez <ana@acme.com> wrote:\n> We would like to invite you to an \
                interview. Please send your availability.\n";
    assert_eq!(read(text, today()).unwrap().kind, MailKind::Rejection);
    let outlook = "Bonjour,\n\nNous aimerions vous inviter à une entrevue. Quelles sont vos disponibilités?\n\n\
                   Merci\n\nDe : Luc <luc@x.ca>\nEnvoyé : 2 novembre 2026\nÀ : moi\nObjet : candidature\n\n\
                   Malheureusement, nous ne pouvons pas donner suite à votre candidature.";
    assert_eq!(read(outlook, today()).unwrap().kind, MailKind::InterviewInvite);
}

#[test]
fn hostile_input_is_read_without_panic() {
    let cases = [
        String::new(),
        "\u{0}\u{1}\r\r\n>>>".to_owned(),
        "From: \nSubject: =?UTF-8?B?####?=\nContent-Type: multipart/mixed; boundary=\"\"\n\n--\n--".to_owned(),
        "<".repeat(10_000),
        "<div>".repeat(10_000),
        format!("Cordialement,\n{}", "É".repeat(50_000)),
        "On x wrote:\n".repeat(5_000),
        "De : x\n".repeat(5_000),
        "é'".repeat(30_000),
    ];
    for c in &cases {
        let r = read(c, today()).unwrap();
        assert!(r.confidence >= 0.0 && r.confidence <= 1.0);
    }
    let latin1: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    read_bytes(&latin1, today()).unwrap();
}

/// A reading that names `company` and `role`, as the matcher receives it.
fn reading_for(company: Option<&str>, role: Option<&str>) -> Reading {
    let mut r = read("Hello", today()).unwrap();
    r.company = company.map(str::to_owned);
    r.role = role.map(str::to_owned);
    r
}

#[test]
fn matches_the_open_application_of_the_company_folded_as_the_journal_folds_it() {
    use crate::testing::{application, db, outcome, save};
    let mut conn = db();
    let old = save(&mut conn, &application("Société Générale", "Analyste", "2026-01-10"));
    let recent = save(&mut conn, &application("Société Générale", "Analyste", "2026-10-01"));
    let other_role = save(&mut conn, &application("Société Générale", "Développeur Java", "2026-09-01"));
    let closed = save(&mut conn, &application("Acme Inc.", "Data Analyst", "2026-11-01"));
    crate::journal::log_outcome(
        &mut conn,
        &outcome(closed, "rejected", "2026-11-10"),
        today(),
        crate::testing::now(),
        Default::default(),
    )
    .unwrap();
    let ghosted = save(&mut conn, &application("Hydro-Québec", "Ingénieure", "2026-08-01"));
    crate::journal::log_outcome(
        &mut conn,
        &outcome(ghosted, "ghosted", "2026-10-01"),
        today(),
        crate::testing::now(),
        Default::default(),
    )
    .unwrap();

    let m = |company, role| match_application(&conn, &reading_for(company, role), today()).unwrap();
    // Case, accents and spaces folded; the most recent of the same role.
    assert_eq!(m(Some("SOCIETE  generale"), Some("analyste")), Some(recent));
    assert_ne!(m(Some("Société Générale"), None), Some(old));
    // The role's words choose between applications at the same company.
    assert_eq!(m(Some("Société Générale"), Some("développeur Java senior")), Some(other_role));
    // A rejected application is closed; a legal suffix does not hide the company.
    assert_eq!(m(Some("Acme"), Some("Data Analyst")), None);
    // Silence is not a final answer: a ghosted application can still hear back.
    assert_eq!(m(Some("Hydro-Quebec"), None), Some(ghosted));
    assert_eq!(m(Some("Desjardins"), None), None);
    assert_eq!(m(None, Some("Analyste")), None);
}

#[test]
fn a_legal_suffix_or_an_old_application_changes_the_match() {
    use crate::testing::{application, db, save};
    let mut conn = db();
    let acme = save(&mut conn, &application("Acme Inc.", "Analyst", "2026-11-01"));
    let ancient = save(&mut conn, &application("Vieille Maison ltée", "Commis", "2023-01-05"));
    let m = |company| match_application(&conn, &reading_for(Some(company), None), today()).unwrap();
    assert_eq!(m("ACME"), Some(acme));
    assert_eq!(m("Acme, Inc."), Some(acme));
    // Over two years old: not proposed.
    assert_ne!(m("Vieille Maison"), Some(ancient));
}

#[test]
fn a_negation_cancels_a_cue_but_not_one_that_is_itself_negative() {
    let k = |t: &str| read(t, today()).unwrap().kind;
    assert_eq!(
        k("Bonjour,\n\nNous n'avons pas encore pris de décision : le processus est toujours en cours."),
        MailKind::NoDecisionYet
    );
    assert_eq!(
        k("Hi,\n\nWe will not be inviting you to an interview; we have decided to move forward with other candidates."),
        MailKind::Rejection
    );
    assert_eq!(
        k("Hi,\n\nWe would like to invite you to an interview. Please send your availability."),
        MailKind::InterviewInvite
    );
}

/// Reading time grows with the text, not faster: four times the text takes well under sixteen times as long.
#[test]
fn reading_time_is_linear_in_the_size_of_the_email() {
    let shapes = [
        "Bonjour chez Acme at the poste de Analyste Cordialement, Marie ".to_owned(),
        "<div>Thank you for applying at <b>Acme</b>. Unfortunately we will not be moving forward.</div>".to_owned(),
        "On Mon wrote:\n> quoted\nDe : x\nEnvoyé : y\n".to_owned(),
        "Équipe Été Ça va Œuvre ".to_owned(),
    ];
    for unit in shapes {
        let time = |bytes: usize| {
            let text = unit.repeat(bytes / unit.len() + 1);
            let start = std::time::Instant::now();
            read(&text, today()).unwrap();
            start.elapsed()
        };
        let small = time(100_000).max(std::time::Duration::from_millis(1));
        let large = time(400_000);
        assert!(large < small * 12, "{unit:?}: {small:?} for 100 KB, {large:?} for 400 KB");
    }
}

#[test]
fn pasted_headers_give_the_sender_and_the_day() {
    // Gmail's copy: the sender, a day without its year (placed on or before today), "to me".
    let gmail = "Marie Roy <marie.roy@cascades.com>\nTue, Nov 3, 4:42 PM\nto me\n\nBonjour Luc,\n\nMalheureusement, \
                 nous ne pouvons pas donner suite à votre candidature.\n\nCordialement,\nMarie Roy\nCascades";
    let r = read(gmail, d("2026-11-20")).unwrap();
    assert_eq!(r.date, d("2026-11-03"));
    assert_eq!(r.person.as_deref(), Some("Marie Roy"));
    assert_eq!(read(gmail, d("2026-01-10")).unwrap().date, d("2025-11-03"));
    // A forward pasted with its separator first: the forwarded block names the sender and the day.
    let forward = "---------- Forwarded message ---------\nFrom: Ana Lopez <ana.lopez@telus.com>\n\
                   Date: Mon, Nov 16, 2026 at 9:12 AM\nSubject: Interview\nTo: Sam <sam@gmail.com>\n\nHi Sam,\n\n\
                   We would like to invite you to an interview next week. Please send your availability.\n\n\
                   Best,\nAna Lopez\nRecruiter, TELUS\n";
    let r = read(forward, today()).unwrap();
    assert_eq!((r.kind, r.date), (MailKind::InterviewInvite, d("2026-11-16")));
    assert!(same_name(Some("TELUS"), r.company.as_deref()), "{:?}", r.company);
}

#[test]
fn a_stub_plain_part_and_a_message_forwarded_as_an_attachment_are_read_through() {
    let stub = "From: Acme <jobs@acme.com>\nSubject: Your application\nDate: Mon, 2 Nov 2026 10:00:00 -0500\n\
                Content-Type: multipart/alternative; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n\
                View this e-mail in your browser.\n--b\nContent-Type: text/html\n\n<p>Thank you for applying. \
                Unfortunately, we have decided to move forward with other candidates.</p>\n--b--\n";
    assert_eq!(read(stub, today()).unwrap().kind, MailKind::Rejection);
    let attached = "From: Sam <sam@gmail.com>\nSubject: Fwd: news\nDate: Tue, 3 Nov 2026 08:00:00 -0500\n\
                    Content-Type: multipart/mixed; boundary=\"m\"\n\n--m\nContent-Type: text/plain\n\nsee below\n\
                    --m\nContent-Type: message/rfc822\n\nFrom: Ana <ana@telus.com>\nSubject: Offer\n\
                    Content-Type: text/plain\n\nDear Sam, we are pleased to offer you the position of Analyst. \
                    Your offer letter is attached.\n--m--\n";
    assert_eq!(read(attached, today()).unwrap().kind, MailKind::Offer);
}

#[test]
fn deeply_nested_attached_messages_do_not_exhaust_the_stack() {
    let mut text = "From: a@acme.com\nSubject: x\n\nThank you for applying.\n".to_owned();
    for i in 0..400 {
        text = format!(
            "From: a@acme.com\nSubject: fw {i}\nContent-Type: multipart/mixed; boundary=\"b{i}\"\n\n--b{i}\n\
             Content-Type: message/rfc822\n\n{text}\n--b{i}--\n"
        );
    }
    let r = read(&text, today()).unwrap();
    assert!(r.confidence >= 0.0);
}
