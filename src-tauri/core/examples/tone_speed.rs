//! How long the tone check takes on a 2,000-character message, rules and model together:
//!
//! ```text
//! cargo run --release -p rebound-core --example tone_speed
//! ```
//!
//! The message mixes polite sentences with hostile ones the rules miss, so the model scores most of it. The
//! first call (which parses the rule files and the weights) is timed apart from the steady state.

use std::time::Instant;

use rebound_core::messages::tone::{check, Context};

const FR: &[&str] = &[
    "Bonjour Madame Tremblay, merci pour votre appel de ce matin.",
    "J'ai bien compris que la personne retenue avait plus d'expérience en gestion.",
    "Votre recruteur a le QI d'une plante verte.",
    "Je vous souhaite une belle fin de semaine, et bonne chance pour la suite du projet.",
    "J'espère que votre boîte coulera d'ici l'été.",
    "Pourriez-vous me dire ce que je pourrais améliorer pour la prochaine fois?",
];

const EN: &[&str] = &[
    "Hi Ms. Thompson, thanks for your call this morning.",
    "I understand the person you chose had more management experience.",
    "Your recruiter has the brain of a houseplant.",
    "Have a lovely weekend, and good luck with the rest of the project.",
    "Here's hoping your startup folds by the summer.",
    "Could you tell me what I could improve for next time?",
];

/// Sentences repeated until the message reaches `chars` characters.
fn message(sentences: &[&str], chars: usize) -> String {
    let mut out = String::new();
    for s in sentences.iter().cycle() {
        if out.chars().count() + s.chars().count() + 1 > chars {
            break;
        }
        out.push_str(s);
        out.push(' ');
    }
    out
}

fn main() {
    let ctx = Context { names: vec!["Tremblay".into(), "Thompson".into()] };
    for (lang, sentences) in [("fr", FR), ("en", EN)] {
        let text = message(sentences, 2_000);
        let started = Instant::now();
        let first = check(&text, lang, &ctx);
        let cold = started.elapsed();
        let rounds = 2_000u32;
        let started = Instant::now();
        let mut findings = 0;
        for _ in 0..rounds {
            findings += std::hint::black_box(check(std::hint::black_box(&text), lang, &ctx)).len();
        }
        let per_call = started.elapsed() / rounds;
        println!(
            "{lang}: {} characters, {} findings; first call {cold:.2?} (loads rules and weights), then {per_call:.1?} per check",
            text.chars().count(),
            first.len(),
        );
        assert_eq!(findings, first.len() * rounds as usize);
    }
}
