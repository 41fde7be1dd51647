//! The tone check run before a message is copied or sent. The rules are data — one file per language,
//! `tone/{fr,en}.json`: regular expressions for profanity (masked spellings included), blame, sarcasm and
//! demands, the acronyms that are not shouting, and the short words that are when written in capitals. Shouting (words in capitals) and runs of "!!!" / "???"
//! are found here, the same way in both languages.
//!
//! Offsets are JavaScript string indices (UTF-16 code units), so the UI can highlight without converting.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

/// One thing the check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Start and end, in UTF-16 code units.
    pub start: usize,
    pub end: usize,
    /// `profanity`, `shouting`, `punctuation`, `blame`, `sarcasm` or `demand`.
    pub rule: String,
}

#[derive(Deserialize)]
struct RuleFile {
    acronyms: Vec<String>,
    loud_words: Vec<String>,
    rules: Vec<RuleSet>,
}

#[derive(Deserialize)]
struct RuleSet {
    rule: String,
    patterns: Vec<String>,
}

struct Rules {
    acronyms: HashSet<String>,
    loud_words: HashSet<String>,
    patterns: Vec<(String, Regex)>,
}

const FR: &str = include_str!("tone/fr.json");
const EN: &str = include_str!("tone/en.json");

fn compile(src: &str) -> Rules {
    let file: RuleFile = serde_json::from_str(src).expect("tone rules are valid JSON (checked by a test)");
    let patterns = file
        .rules
        .into_iter()
        .flat_map(|set| {
            let rule = set.rule;
            set.patterns.into_iter().map(move |p| {
                let re = RegexBuilder::new(&p)
                    .case_insensitive(true)
                    .build()
                    .unwrap_or_else(|e| panic!("tone pattern {p:?}: {e}"));
                (rule.clone(), re)
            })
        })
        .collect();
    let upper = |v: Vec<String>| v.into_iter().map(|a| a.to_uppercase()).collect();
    Rules { acronyms: upper(file.acronyms), loud_words: upper(file.loud_words), patterns }
}

fn rules(lang: &str) -> &'static Rules {
    static FR_RULES: OnceLock<Rules> = OnceLock::new();
    static EN_RULES: OnceLock<Rules> = OnceLock::new();
    if lang == "fr" {
        FR_RULES.get_or_init(|| compile(FR))
    } else {
        EN_RULES.get_or_init(|| compile(EN))
    }
}

/// All-caps words that count as shouting: two or more in a row, or one alone when it has 5 letters or more or
/// is a common short word ("VERY", "PAS"), unless they are known acronyms. Other short capitals alone — RH,
/// SQL, KPMG — are taken for acronyms.
fn shouting(text: &str, rules: &Rules) -> Vec<(usize, usize)> {
    let acronyms = &rules.acronyms;
    // Words: maximal runs of letters (and digits attached to them, as in "HTML5"), with their byte spans.
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    let is_caps = |w: &str| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && w.chars().all(|c| !c.is_lowercase()) && w.chars().any(char::is_uppercase)
    };
    let loud = |w: &str| !acronyms.contains(&w.to_uppercase());
    let mut spans = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (s, e) = words[i];
        if !is_caps(&text[s..e]) {
            i += 1;
            continue;
        }
        // Extend over the following capital words separated only by spaces or light punctuation.
        let mut j = i;
        while j + 1 < words.len() {
            let gap = &text[words[j].1..words[j + 1].0];
            let next = &text[words[j + 1].0..words[j + 1].1];
            if is_caps(next) && gap.chars().all(|c| c == ' ' || c == ',' || c == '-' || c == '\'' || c == '’') {
                j += 1;
            } else {
                break;
            }
        }
        let run: Vec<&str> = words[i..=j].iter().map(|(s, e)| &text[*s..*e]).collect();
        let loud_words = run.iter().filter(|w| loud(w)).count();
        let long_loud =
            run.iter().any(|w| loud(w) && (w.chars().count() >= 5 || rules.loud_words.contains(&w.to_uppercase())));
        if loud_words >= 2 || long_loud {
            spans.push((s, words[j].1));
        }
        i = j + 1;
    }
    spans
}

/// Runs of "!!" or more, "???" or more, and "?!" mixes.
fn punctuation(text: &str) -> Vec<(usize, usize)> {
    static RUNS: OnceLock<Regex> = OnceLock::new();
    let re = RUNS.get_or_init(|| Regex::new(r"!{2,}|\?{3,}|[!?]*(?:\?!|!\?)[!?]*").expect("valid"));
    re.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// Checks `text` in `lang`; an empty list means it reads fine.
pub fn check(text: &str, lang: &str) -> Vec<Finding> {
    let rules = rules(lang);
    let mut found: Vec<(usize, usize, &str)> = Vec::new();
    for (rule, re) in &rules.patterns {
        found.extend(re.find_iter(text).map(|m| (m.start(), m.end(), rule.as_str())));
    }
    found.extend(shouting(text, rules).into_iter().map(|(s, e)| (s, e, "shouting")));
    found.extend(punctuation(text).into_iter().map(|(s, e)| (s, e, "punctuation")));
    found.sort();
    // The same span found by two patterns of one rule is one finding.
    found.dedup();
    let utf16 = |byte: usize| text[..byte].encode_utf16().count();
    found.into_iter().map(|(s, e, rule)| Finding { start: utf16(s), end: utf16(e), rule: rule.to_owned() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn rules_found(text: &str, lang: &str) -> Vec<String> {
        check(text, lang).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn every_hostile_example_is_caught_by_its_rule_and_every_polite_one_passes() {
        let examples: Value = serde_json::from_str(include_str!("tone/examples.json")).unwrap();
        for lang in ["fr", "en"] {
            let hostile = examples[lang]["hostile"].as_array().unwrap();
            let polite = examples[lang]["polite"].as_array().unwrap();
            assert!(hostile.len() >= 20 && polite.len() >= 20, "{lang}: enough examples");
            for h in hostile {
                let (text, rule) = (h["text"].as_str().unwrap(), h["rule"].as_str().unwrap());
                let got = rules_found(text, lang);
                assert!(got.iter().any(|r| r == rule), "{lang}: {text:?} should be {rule}, found {got:?}");
            }
            for p in polite {
                let text = p.as_str().unwrap();
                assert_eq!(check(text, lang), vec![], "{lang}: {text:?} is polite");
            }
        }
    }

    #[test]
    fn masked_insults_in_both_languages() {
        for (text, lang) in [
            ("F*** you", "en"),
            ("f.u.c.k this", "en"),
            ("va te faire f…", "fr"),
            ("Va te faire foutre", "fr"),
            ("mon tabarnak", "fr"),
            ("Câlice que c’est mal géré", "fr"),
        ] {
            assert!(rules_found(text, lang).contains(&"profanity".to_owned()), "{text}");
        }
    }

    #[test]
    fn shouting_but_not_acronyms() {
        assert_eq!(rules_found("I am VERY upset", "en"), ["shouting"]);
        assert_eq!(rules_found("WHY NOT ME", "en"), ["shouting"]);
        assert!(rules_found("I used SQL at KPMG and RH tools", "fr").is_empty());
        assert!(rules_found("Merci à l’équipe RH de Desjardins", "fr").is_empty());
        assert!(rules_found("I", "en").is_empty());
    }

    #[test]
    fn punctuation_runs() {
        assert_eq!(rules_found("Really!!!", "en"), ["punctuation"]);
        assert_eq!(rules_found("Pourquoi???", "fr"), ["punctuation"]);
        assert_eq!(rules_found("Sérieusement?!", "fr"), ["punctuation"]);
        assert!(rules_found("Thank you! Could we talk?", "en").is_empty());
    }

    #[test]
    fn offsets_are_javascript_string_indices() {
        // "é" is one UTF-16 unit, the emoji two: a JS slice(start, end) must give back the shouted words.
        let text = "Déçu 🙂 POURQUOI MOI";
        let f = &check(text, "fr")[0];
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[f.start..f.end]).unwrap(), "POURQUOI MOI");
        assert_eq!((f.start, f.end), (8, 20));
    }

    #[test]
    fn every_built_in_template_passes_in_both_languages() {
        use crate::messages::{render, template, Facts};
        let conn = crate::db::open_in_memory().unwrap();
        for lang in ["fr", "en"] {
            for kind in crate::messages::MESSAGE_KINDS {
                let t = template(&conn, kind, lang).unwrap();
                let facts = crate::messages::tests::full_facts();
                let r = render(kind, lang, &t.subject, &t.body, &Facts { ask_feedback: true, ..facts });
                for text in [&r.subject, &r.body] {
                    assert_eq!(check(text, lang), vec![], "{lang}/{kind}: {text}");
                }
            }
        }
    }
}
