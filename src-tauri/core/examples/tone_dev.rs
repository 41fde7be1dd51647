//! Developer view of the tone check on a labelled corpus, from the domain crate alone (no app build):
//! `cargo run --release -p rebound-core --example tone_dev [CORPUS.json] [-v]` prints, per language and
//! category, how many hostile sentences get a finding (any category, then the labelled one), the polite
//! sentences that get one, and the time of one check over 2,000 characters. `-v` lists every miss and alarm.

use std::collections::BTreeMap;
use std::time::Instant;

use rebound_core::messages::tone::{check, Context};
use serde_json::Value;

const REPO_CORPUS: &str = include_str!("../src/messages/tone/corpus.json");

/// What a finding covers, as the UI would highlight it (UTF-16 offsets).
fn covered(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(units.get(start..end).unwrap_or(&[]))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let src = match args.iter().find(|a| !a.starts_with('-')) {
        Some(path) => std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(1)
        }),
        None => REPO_CORPUS.to_owned(),
    };
    let corpus: Value = serde_json::from_str(&src).unwrap_or_else(|e| {
        eprintln!("corpus: {e}");
        std::process::exit(1)
    });
    let ctx = Context::default();
    for lang in ["fr", "en"] {
        let empty = Vec::new();
        let hostile = corpus[lang]["hostile"].as_array().unwrap_or(&empty);
        let polite = corpus[lang]["polite"].as_array().unwrap_or(&empty);
        // category -> (total, any finding, finding of that category)
        let mut rows: BTreeMap<String, [usize; 3]> = BTreeMap::new();
        let mut notes = Vec::new();
        for h in hostile {
            let (text, cat) = (h["text"].as_str().unwrap_or(""), h["category"].as_str().unwrap_or("?"));
            let found = check(text, lang, &ctx);
            let row = rows.entry(cat.to_owned()).or_default();
            row[0] += 1;
            row[1] += usize::from(!found.is_empty());
            row[2] += usize::from(found.iter().any(|f| f.rule == cat));
            if found.is_empty() {
                notes.push(format!("MISS  [{cat}] {text}"));
            } else if !found.iter().any(|f| f.rule == cat) {
                let got: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
                notes.push(format!("OTHER [{cat} -> {}] {text}", got.join(",")));
            }
        }
        let mut alarms = 0;
        for p in polite {
            let text = p.as_str().unwrap_or("");
            let found = check(text, lang, &ctx);
            if !found.is_empty() {
                alarms += 1;
                let what: Vec<String> =
                    found.iter().map(|f| format!("{} «{}»", f.rule, covered(text, f.start, f.end))).collect();
                notes.push(format!("ALARM {} <= {}", text.replace('\n', " / "), what.join(", ")));
            }
        }
        println!("== {lang}   category      n  caught  right-category");
        let mut all = [0usize; 3];
        for (cat, r) in &rows {
            println!("   {:<22} {:>3} {:>7} {:>7}", cat, r[0], r[1], r[2]);
            for k in 0..3 {
                all[k] += r[k];
            }
        }
        println!("   {:<22} {:>3} {:>7} {:>7}", "all hostile", all[0], all[1], all[2]);
        println!("   {:<22} {:>3} {:>7} false alarms", "polite", polite.len(), alarms);
        if verbose {
            for n in &notes {
                println!("{n}");
            }
        }
    }
    // Speed: a realistic long message of about 2,000 characters, checked many times.
    let body = "Bonjour Madame Tremblay, merci encore pour l'entrevue de mardi et pour le temps que votre équipe m'a \
                accordé. J'ai bien reçu votre réponse et je comprends votre décision, même si elle me déçoit. \
                Thank you again for the interview, I enjoyed meeting the panel and I hope the new hire thrives. ";
    let polite: String = body.chars().cycle().take(2_000).collect();
    // And the worst case: 2,000 characters of the corpus's own hostile sentences, where most patterns start.
    let hostile = |lang: &str| -> String {
        let empty = Vec::new();
        let list = corpus[lang]["hostile"].as_array().unwrap_or(&empty);
        let joined: Vec<&str> = list.iter().filter_map(|h| h["text"].as_str()).collect();
        joined.join(" ").chars().take(2_000).collect()
    };
    // The machine is shared: the best of several batches is the check's own cost, the rest is other work.
    for (lang, kind, text) in [
        ("fr", "polite", polite.clone()),
        ("en", "polite", polite.clone()),
        ("fr", "hostile", hostile("fr")),
        ("en", "hostile", hostile("en")),
    ] {
        let mut best = f64::MAX;
        let mut findings = 0;
        for _ in 0..7 {
            let t0 = Instant::now();
            for _ in 0..50 {
                findings = check(std::hint::black_box(&text), lang, &ctx).len();
            }
            best = best.min(t0.elapsed().as_secs_f64() * 1e6 / 50.0);
        }
        println!("speed {lang} {kind}: {best:.0} µs per 2,000 characters, best of 7 batches ({findings} findings)");
    }
}
