//! Tone report: how the tone check does on the labelled corpus, per language and per category.
//!
//! `cargo run --example tone_report` prints, for each language: per category of hostile sentences, how many
//! there are, the recall (caught = at least one finding of any category) and the "right category" rate; for the
//! polite sentences, the false alarms; then every miss, every false alarm (with what was flagged) and every
//! hostile sentence caught under another category. Pass a path to measure another corpus file of the same shape
//! (`{ "fr": { "hostile": [{ "text", "category" }], "polite": ["..."] }, "en": { ... } }`).

use std::collections::BTreeMap;
use std::fmt::Write;

use rebound::messages::tone::{check, Context};
use serde::Deserialize;

const CORPUS: &str = include_str!("../../src-tauri/core/src/messages/tone/corpus.json");

#[derive(Deserialize)]
struct Corpus {
    fr: Lang,
    en: Lang,
}

#[derive(Deserialize)]
struct Lang {
    hostile: Vec<Hostile>,
    polite: Vec<String>,
}

#[derive(Deserialize)]
struct Hostile {
    text: String,
    category: String,
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// The text a finding covers (its offsets are UTF-16 code units).
fn span(text: &str, start: usize, end: usize) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(&units[start.min(units.len())..end.min(units.len())])
}

fn report(corpus: &Corpus) -> String {
    let ctx = Context::default();
    let mut out = String::new();
    for (lang, set) in [("fr", &corpus.fr), ("en", &corpus.en)] {
        // category -> (sentences, caught, caught under this category)
        let mut per: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
        let (mut misses, mut other, mut alarms) = (Vec::new(), Vec::new(), Vec::new());
        for h in &set.hostile {
            let found = check(&h.text, lang, &ctx);
            let row = per.entry(h.category.as_str()).or_default();
            row.0 += 1;
            if found.is_empty() {
                misses.push(format!("[{}] {}", h.category, h.text));
            } else if found.iter().any(|f| f.rule == h.category) {
                row.1 += 1;
                row.2 += 1;
            } else {
                row.1 += 1;
                let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
                other.push(format!("[{} -> {}] {}", h.category, rules.join(","), h.text));
            }
        }
        for p in &set.polite {
            let found = check(p, lang, &ctx);
            if !found.is_empty() {
                let what: Vec<String> =
                    found.iter().map(|f| format!("{} {:?}", f.rule, span(p, f.start, f.end))).collect();
                alarms.push(format!("{} <= {}", p.replace('\n', " / "), what.join(", ")));
            }
        }
        let (n, caught, right) = per.values().fold((0, 0, 0), |a, r| (a.0 + r.0, a.1 + r.1, a.2 + r.2));
        let _ = writeln!(out, "== {lang}");
        let _ = writeln!(out, "{:<12} {:>5} {:>8} {:>8}", "category", "n", "recall", "right");
        for (cat, (k, c, r)) in &per {
            let _ = writeln!(out, "{:<12} {:>5} {:>7.1}% {:>7.1}%", cat, k, pct(*c, *k), pct(*r, *k));
        }
        let _ = writeln!(out, "{:<12} {:>5} {:>7.1}% {:>7.1}%", "all hostile", n, pct(caught, n), pct(right, n));
        let polite = set.polite.len();
        let _ = writeln!(out, "{:<12} {:>5} {:>7.1}% false alarms", "polite", polite, pct(alarms.len(), polite));
        for m in &misses {
            let _ = writeln!(out, "MISS  {m}");
        }
        for a in &alarms {
            let _ = writeln!(out, "FALSE {a}");
        }
        for o in &other {
            let _ = writeln!(out, "OTHER {o}");
        }
        let _ = writeln!(out);
    }
    out
}

fn main() {
    let src = match std::env::args().nth(1) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(src) => src,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        },
        None => CORPUS.to_owned(),
    };
    match serde_json::from_str::<Corpus>(&src) {
        Ok(corpus) => print!("{}", report(&corpus)),
        Err(e) => {
            eprintln!("corpus: {e}");
            std::process::exit(1);
        }
    }
}
