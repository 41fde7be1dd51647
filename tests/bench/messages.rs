//! How long a message takes to render and a text to be tone-checked. Prints numbers; asserts only that the
//! work was done. Run with `cargo bench --bench messages`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rebound::messages::{builtin, render, tone, Facts};
use rebound::people::ContactKind;
use rebound::vocab::{AddressForm, Lang, MessageKind};

fn facts() -> Facts {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    Facts {
        company: "Desjardins".into(),
        role: "Analyste de données".into(),
        applied_on: d(2026, 8, 1),
        contact: Some(("Marie Tremblay".into(), "Directrice TI".into())),
        address_as: AddressForm::Ms,
        contact_email: "marie.tremblay@example.org".into(),
        contact_linkedin: "https://www.linkedin.com/in/marie-tremblay".into(),
        people: vec!["Marie Tremblay".into(), "Jean Gagnon".into()],
        interview_on: d(2026, 9, 1),
        rejected_on: d(2026, 9, 20),
        promised_on: d(2026, 9, 15),
        ask_feedback: true,
        my_name: "Alex Martin".into(),
        signature: "514 555-0123".into(),
        nudge_number: None,
        interviews: 1,
        met: vec!["Marie Tremblay".into(), "Jean Gagnon".into()],
        talked: true,
        last_contact: Some((ContactKind::Interview, 3)),
    }
}

/// The median of `runs` timings of `f`, in microseconds.
fn median_us(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2].as_secs_f64() * 1e6
}

fn main() {
    let facts = facts();
    for &lang in Lang::ALL {
        for &kind in MessageKind::ALL {
            let t = builtin(kind, lang).expect("built-in");
            let us = median_us(501, || {
                let r = render(kind, lang, black_box(&t.subject), black_box(&t.body), &facts);
                assert!(!r.body.is_empty() && r.error.is_none());
                black_box(r);
            });
            println!("render {lang}/{kind}: median {us:.0} µs");
        }
    }
    // A 2,000-character message per language: its own built-in body repeated, closed by one thing for the check
    // to find in that language (an English closer read as French found nothing, and the bench stopped there).
    let mut texts = Vec::new();
    for (lang, closer) in [(Lang::En, "\nTHANKS FOR NOTHING!!!"), (Lang::Fr, "\nMERCI POUR RIEN !!!")] {
        let body = builtin(MessageKind::ThankYou, lang).unwrap();
        let polite = render(MessageKind::ThankYou, lang, &body.subject, &body.body, &facts).body;
        let mut text = String::new();
        while text.chars().count() < 1950 {
            text.push_str(&polite);
            text.push('\n');
        }
        let text = format!("{}{closer}", text.chars().take(2000 - closer.chars().count()).collect::<String>());
        assert_eq!(text.chars().count(), 2000);
        texts.push((lang.as_str(), text));
    }
    for (lang, text) in &texts {
        let mut found = 0;
        let us =
            median_us(201, || found = black_box(tone::check(black_box(text), lang, &tone::Context::default())).len());
        assert!(found > 0, "{lang}: nothing found");
        println!("tone check, {lang}, {} characters: median {us:.0} µs ({found} findings)", text.chars().count());
    }
    // The longest text the check accepts (tone::MAX_CHARS): the same message, ten times over.
    for (lang, text) in &texts {
        let long: String = text.repeat(10).chars().take(tone::MAX_CHARS).collect();
        let mut found = 0;
        let us =
            median_us(51, || found = black_box(tone::check(black_box(&long), lang, &tone::Context::default())).len());
        assert!(found > 0, "{lang}: nothing found");
        println!("tone check, {lang}, {} characters: median {us:.0} µs ({found} findings)", long.chars().count());
    }
}
