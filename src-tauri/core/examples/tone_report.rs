//! Tone report: how the tone check does per language and per category.
//!
//! `cargo run --example tone_report` (from the workspace root; `-p rebound-core` builds it without the app)
//! prints the repo corpus in full — per category of hostile sentences, how many there are, the recall (caught
//! = at least one finding of any category) and the "right category" rate; for the polite sentences, the false
//! alarms; then every miss, every false alarm (with what was flagged) and every hostile sentence caught under
//! another category — and then the held-out sets (`tone_eval::HELD_OUT_SETS`, in `tests/tone/`, oldest first) as
//! **figures only**: they are written by someone who never saw the rules, and
//! whoever writes the rules never reads them; last the sets the model learns from since the twelfth round
//! (`tone_eval::LEARNED_SETS`), figures only too, marked as such.
//!
//! `tone_report <file>` prints another file of the same shape in full; `tone_report --scores <file>` prints
//! its figures only. `--rules-only`, with any of these, leaves the model's findings and the run model out.

use rebound_core::messages::tone_eval::{Corpus, Scores, HELD_OUT_SETS, LEARNED_SETS, SETS_DIR};

const CORPUS: &str = include_str!("../src/messages/tone/corpus.json");

fn load(label: &str, src: &str) -> Corpus {
    serde_json::from_str(src).unwrap_or_else(|e| {
        eprintln!("{label}: {e}");
        std::process::exit(1);
    })
}

fn read(path: &str) -> Corpus {
    match std::fs::read_to_string(path) {
        Ok(src) => load(path, &src),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}

fn print(title: &str, corpus: &Corpus, details: bool) {
    println!("#### {title}");
    for (lang, set) in corpus.langs() {
        let s = Scores::of(set, lang);
        println!("{}", if details { s.details(lang) } else { s.table(lang) });
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // The rules alone, without the model's findings: which misses and false alarms are whose.
    if let Some(i) = args.iter().position(|a| a == "--rules-only") {
        args.remove(i);
        rebound_core::messages::tone::model::rules_only(true);
    }
    match args.as_slice() {
        [] => {
            print("repo corpus (src-tauri/core/src/messages/tone/corpus.json)", &load("corpus", CORPUS), true);
            for file in HELD_OUT_SETS {
                let title =
                    format!("{} held-out sets (tests/tone/{file}), figures only", file.trim_end_matches(".json"));
                print(&title, &read(&format!("{SETS_DIR}/{file}")), false);
            }
            for file in LEARNED_SETS {
                let title = format!(
                    "{} held-out sets (tests/tone/{file}), learned from since the twelfth round, figures only",
                    file.trim_end_matches(".json")
                );
                print(&title, &read(&format!("{SETS_DIR}/{file}")), false);
            }
        }
        [flag, path] if flag == "--scores" => print(path, &read(path), false),
        [path] => print(path, &read(path), true),
        _ => {
            eprintln!("usage: tone_report [--rules-only] [--scores] [file]");
            std::process::exit(2);
        }
    }
}
