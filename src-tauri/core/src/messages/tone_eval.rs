//! How the tone check does on a labelled set: recall per category, the right-category rate, false alarms.
//!
//! Shared by `cargo run --example tone_report` (which prints the repo corpus in full and the held-out sets as
//! figures only) and by the tests that hold the thresholds. A held-out set (`tests/tone/heldout.json`) is
//! written by someone who never sees the rules and is never read by whoever writes them: this module can
//! score it without handing out a sentence, through [`Scores::table`].

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Deserialize;

use super::tone::{check, Context};

/// Where the held-out sets are: in the repository, not in the crate (only the trainer, `tone_report` and the
/// tests read them).
#[doc(hidden)]
pub const SETS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/tone");

/// The held-out sets in `tests/tone/`, oldest first: each written by helpers from a brief, never by whoever writes
/// the rules or the training sentences (their history and floors: the `*_FLOOR` constants of the tests below).
/// `tone_report` prints their figures, and no training sentence may read the same as one of their messages.
pub const HELD_OUT_SETS: [&str; 7] = [
    "fifteenth.json",
    "sixteenth.json",
    "seventeenth.json",
    "eighteenth.json",
    "nineteenth.json",
    "twentieth.json",
    "twenty-first.json",
];

/// The first fourteen held-out sets — the first ten learned from since the twelfth round, the eleventh and twelfth since
/// the thirteenth (2026-12-04), the thirteenth and fourteenth since the fourteenth (see `train::FromSets`): their
/// figures are no longer a measure of anything unseen, and their floors stay as regression tests. Why: they hold
/// ~2,200 polite messages per language by 210 writers the training files never had. Learned (as shipped, after a
/// review of the round), on the three sets still held out then (eleventh to thirteenth; means, from the round's
/// first step): false alarms fr 5.37 -> 3.57 %, en 8.43 -> 5.10 %, stop recall fr 96.87 -> 96.87 %, en 96.00 ->
/// 94.67 %, all hostile fr 94.87 -> 94.87 %, en 92.63 -> 92.23 % (English at a 1.5 % polite budget,
/// `train::polite_budget`); on the fourteenth, unseen until then: false alarms fr 7.3 -> 6.7 %, en 4.0 -> 1.3 %,
/// stop fr 100 -> 98.7 %, en 96.0 -> 94.7 %; on the fifteenth, written after the change was chosen (before the
/// round, 9880f3d -> after): fr 6.7 -> 5.3 %, en 5.3 -> 2.7 %, stop recall unchanged (98.7 %, 97.3 %).
/// The eleventh and twelfth, learned since the thirteenth round (2026-12-04), with French polite formulas for firm
/// requests: on the thirteenth to fifteenth (means) false alarms fr 5.33 -> 4.47 %, en 2.67 -> 2.00 %, stop recall
/// fr 98.23 -> 98.23 %, en 96.00 -> 96.43 %; on the sixteenth, unseen until then, fr 4.0 -> 3.3 %, en 2.7 -> 2.0 %,
/// recall unchanged (fr 97.3 / 97.3, en 94.7 / 92.7).
/// The thirteenth and fourteenth, learned since the fourteenth round (2026-12-05), English polite budget 2 %: on the
/// fifteenth to seventeenth (means) false alarms fr 2.47 -> 2.23 %, en 2.43 -> 2.47 %, stop recall fr 98.23 ->
/// 97.80 %, en 96.90 -> 97.33 %; on the eighteenth, unseen until then, fr 97.3 / 94.7 / 4.0 -> 98.7 / 94.7 / 3.3,
/// en 97.3 / 96.0 / 5.3 -> 98.7 / 96.0 / 4.7 (stop / all hostile / false alarms %).
pub const LEARNED_SETS: [&str; 14] = [
    "heldout.json",
    "fresh.json",
    "third.json",
    "fourth.json",
    "fifth.json",
    "sixth.json",
    "seventh.json",
    "eighth.json",
    "ninth.json",
    "tenth.json",
    "eleventh.json",
    "twelfth.json",
    "thirteenth.json",
    "fourteenth.json",
];

/// The text of a set of `tests/tone/` by file name.
#[doc(hidden)]
pub fn read_set(file: &str) -> std::io::Result<String> {
    std::fs::read_to_string(format!("{SETS_DIR}/{file}"))
}

/// A labelled set: `{ "fr": { "hostile": [{ "text", "category" }], "polite": ["..."] }, "en": { ... } }`.
#[derive(Debug, Deserialize)]
pub struct Corpus {
    pub fr: LangSet,
    pub en: LangSet,
}

impl Corpus {
    /// The two languages, French first.
    pub fn langs(&self) -> [(&'static str, &LangSet); 2] {
        [("fr", &self.fr), ("en", &self.en)]
    }
}

/// One language's sentences.
#[derive(Debug, Deserialize)]
pub struct LangSet {
    pub hostile: Vec<Hostile>,
    pub polite: Vec<String>,
}

/// A sentence that should be flagged, and the category it should be flagged under.
#[derive(Debug, Deserialize)]
pub struct Hostile {
    pub text: String,
    pub category: String,
}

/// Counts for one category.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// Sentences labelled with it.
    pub n: usize,
    /// Flagged at all (any category).
    pub caught: usize,
    /// Flagged under this category.
    pub right: usize,
}

/// One language's figures, and (for sets one may read) the sentences behind them.
#[derive(Debug, Default)]
pub struct Scores {
    pub per_category: BTreeMap<String, Count>,
    pub polite: usize,
    pub alarms: usize,
    /// `[category] text` of each hostile sentence not flagged.
    pub misses: Vec<String>,
    /// Each polite sentence flagged, with what was flagged.
    pub false_alarms: Vec<String>,
    /// How many polite sentences were flagged under each category (a sentence counts once per category).
    pub alarm_categories: BTreeMap<String, usize>,
    /// Hostile sentences flagged under another category only.
    pub other: Vec<String>,
}

/// The categories that hold the copy back ([`super::tone::Severity::Stop`]).
pub const STOP: [&str; 5] = ["insult", "profanity", "threat", "ill_wish", "dismissal"];

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

impl Scores {
    /// Runs the check on every sentence of `set`.
    pub fn of(set: &LangSet, lang: &str) -> Scores {
        let ctx = Context::default();
        let mut s = Scores { polite: set.polite.len(), ..Scores::default() };
        for h in &set.hostile {
            let found = check(&h.text, lang, &ctx);
            let row = s.per_category.entry(h.category.clone()).or_default();
            row.n += 1;
            if found.is_empty() {
                s.misses.push(format!("[{}] {}", h.category, h.text));
            } else {
                row.caught += 1;
                if found.iter().any(|f| f.rule == h.category) {
                    row.right += 1;
                } else {
                    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
                    s.other.push(format!("[{} -> {}] {}", h.category, rules.join(","), h.text));
                }
            }
        }
        for p in &set.polite {
            let found = check(p, lang, &ctx);
            if !found.is_empty() {
                s.alarms += 1;
                let mut cats: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
                cats.sort_unstable();
                cats.dedup();
                for c in cats {
                    *s.alarm_categories.entry(c.to_string()).or_default() += 1;
                }
                let what: Vec<String> =
                    found.iter().map(|f| format!("{} {:?}", f.rule, span(p, f.start, f.end))).collect();
                s.false_alarms.push(format!("{} <= {}", p.replace('\n', " / "), what.join(", ")));
            }
        }
        s
    }

    fn sum(&self, keep: impl Fn(&str) -> bool) -> Count {
        self.per_category.iter().filter(|(c, _)| keep(c)).fold(Count::default(), |a, (_, r)| Count {
            n: a.n + r.n,
            caught: a.caught + r.caught,
            right: a.right + r.right,
        })
    }

    /// Every hostile sentence.
    pub fn all(&self) -> Count {
        self.sum(|_| true)
    }

    /// The sentences of the categories that hold the copy back.
    pub fn stop(&self) -> Count {
        self.sum(|c| STOP.contains(&c))
    }

    /// Recall of `count`, in percent.
    pub fn recall(count: Count) -> f64 {
        pct(count.caught, count.n)
    }

    /// False alarms, in percent of the polite sentences.
    pub fn alarm_rate(&self) -> f64 {
        pct(self.alarms, self.polite)
    }

    /// The figures only: per category, the stop categories, all hostile, the polite. No sentence.
    pub fn table(&self, lang: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "== {lang}");
        let _ = writeln!(out, "{:<12} {:>5} {:>8} {:>8}", "category", "n", "recall", "right");
        let mut row = |name: &str, c: Count| {
            let _ = writeln!(out, "{:<12} {:>5} {:>7.1}% {:>7.1}%", name, c.n, pct(c.caught, c.n), pct(c.right, c.n));
        };
        for (cat, c) in &self.per_category {
            row(cat, *c);
        }
        row("stop (5)", self.stop());
        row("all hostile", self.all());
        let by: Vec<String> = self.alarm_categories.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let by = if by.is_empty() { String::new() } else { format!(" ({})", by.join(", ")) };
        let _ = writeln!(out, "{:<12} {:>5} {:>7.1}% false alarms{by}", "polite", self.polite, self.alarm_rate());
        out
    }

    /// The figures, then every miss, false alarm and sentence caught under another category.
    pub fn details(&self, lang: &str) -> String {
        let mut out = self.table(lang);
        for m in &self.misses {
            let _ = writeln!(out, "MISS  {m}");
        }
        for a in &self.false_alarms {
            let _ = writeln!(out, "FALSE {a}");
        }
        for o in &self.other {
            let _ = writeln!(out, "OTHER {o}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The held-out sets, read from the repository (they are not part of the crate): figures printed, never
    /// a sentence, so whoever writes the rules can run this test without reading the sets.
    #[test]
    fn held_out_sets_meet_their_floor() {
        meets("heldout.json", &FLOOR);
    }

    /// The second held-out set (`tests/tone/fresh.json`, 2026-12-03): written from a brief by a helper who never
    /// saw the rules, and no change was picked by its figures. Whoever writes rules or training sentences never
    /// reads it either.
    #[test]
    fn the_fresh_held_out_sets_meet_their_floor() {
        meets("fresh.json", &FRESH_FLOOR);
    }

    /// The third held-out set, written when the second had been looked at after a change (see [`THIRD_FLOOR`]).
    #[test]
    fn the_third_held_out_sets_meet_their_floor() {
        meets("third.json", &THIRD_FLOOR);
    }

    /// The fourth held-out set, written when the third had been looked at after each step (see [`FOURTH_FLOOR`]).
    #[test]
    fn the_fourth_held_out_sets_meet_their_floor() {
        meets("fourth.json", &FOURTH_FLOOR);
    }

    /// The fifth held-out set, written at the start of the fourth round (see [`FIFTH_FLOOR`]).
    #[test]
    fn the_fifth_held_out_sets_meet_their_floor() {
        meets("fifth.json", &FIFTH_FLOOR);
    }

    /// The sixth held-out set, written at the start of the fifth round (see [`SIXTH_FLOOR`]).
    #[test]
    fn the_sixth_held_out_sets_meet_their_floor() {
        meets("sixth.json", &SIXTH_FLOOR);
    }

    /// The seventh held-out set, written once the sixth had been read (see [`SEVENTH_FLOOR`]).
    #[test]
    fn the_seventh_held_out_sets_meet_their_floor() {
        meets("seventh.json", &SEVENTH_FLOOR);
    }

    /// The eighth held-out set, written at the start of the sixth round (see [`EIGHTH_FLOOR`]).
    #[test]
    fn the_eighth_held_out_sets_meet_their_floor() {
        meets("eighth.json", &EIGHTH_FLOOR);
    }

    /// The ninth held-out set, written at the start of the seventh round (see [`NINTH_FLOOR`]).
    #[test]
    fn the_ninth_held_out_sets_meet_their_floor() {
        meets("ninth.json", &NINTH_FLOOR);
    }

    /// The tenth held-out set, written at the start of the eighth round (see [`TENTH_FLOOR`]).
    #[test]
    fn the_tenth_held_out_sets_meet_their_floor() {
        meets("tenth.json", &TENTH_FLOOR);
    }

    /// The eleventh held-out set, written at the start of the ninth round (see [`ELEVENTH_FLOOR`]).
    #[test]
    fn the_eleventh_held_out_sets_meet_their_floor() {
        meets("eleventh.json", &ELEVENTH_FLOOR);
    }

    /// The twelfth held-out set, written at the start of the tenth round (see [`TWELFTH_FLOOR`]).
    #[test]
    fn the_twelfth_held_out_sets_meet_their_floor() {
        meets("twelfth.json", &TWELFTH_FLOOR);
    }

    /// The thirteenth held-out set, written at the start of the eleventh round (see [`THIRTEENTH_FLOOR`]).
    #[test]
    fn the_thirteenth_held_out_sets_meet_their_floor() {
        meets("thirteenth.json", &THIRTEENTH_FLOOR);
    }

    /// The fourteenth held-out set, written at the start of the twelfth round (see [`FOURTEENTH_FLOOR`]).
    #[test]
    fn the_fourteenth_held_out_sets_meet_their_floor() {
        meets("fourteenth.json", &FOURTEENTH_FLOOR);
    }

    /// The fifteenth held-out set, written during the twelfth round (see [`FIFTEENTH_FLOOR`]).
    #[test]
    fn the_fifteenth_held_out_sets_meet_their_floor() {
        meets("fifteenth.json", &FIFTEENTH_FLOOR);
    }

    /// The sixteenth held-out set, written at the end of the twelfth round (see [`SIXTEENTH_FLOOR`]).
    #[test]
    fn the_sixteenth_held_out_sets_meet_their_floor() {
        meets("sixteenth.json", &SIXTEENTH_FLOOR);
    }

    /// The seventeenth held-out set, written at the start of the thirteenth round (see [`SEVENTEENTH_FLOOR`]).
    #[test]
    fn the_seventeenth_held_out_sets_meet_their_floor() {
        meets("seventeenth.json", &SEVENTEENTH_FLOOR);
    }

    /// The eighteenth held-out set, written during the thirteenth round (see [`EIGHTEENTH_FLOOR`]).
    #[test]
    fn the_eighteenth_held_out_sets_meet_their_floor() {
        meets("eighteenth.json", &EIGHTEENTH_FLOOR);
    }

    /// The nineteenth held-out set, written at the start of the fourteenth round (see [`NINETEENTH_FLOOR`]).
    #[test]
    fn the_nineteenth_held_out_sets_meet_their_floor() {
        meets("nineteenth.json", &NINETEENTH_FLOOR);
    }

    /// The twentieth held-out set, written during the fourteenth round (see [`TWENTIETH_FLOOR`]).
    #[test]
    fn the_twentieth_held_out_sets_meet_their_floor() {
        meets("twentieth.json", &TWENTIETH_FLOOR);
    }

    /// The twenty-first held-out set, written at the start of the fifteenth round (see [`TWENTY_FIRST_FLOOR`]).
    #[test]
    fn the_twenty_first_held_out_sets_meet_their_floor() {
        meets("twenty-first.json", &TWENTY_FIRST_FLOOR);
    }

    fn meets(file: &str, floors: &[(&str, f64, f64, f64)]) {
        let src = read_set(file).expect("a held-out set");
        let corpus: Corpus = serde_json::from_str(&src).expect("held-out sets' shape");
        for (lang, set) in corpus.langs() {
            let s = Scores::of(set, lang);
            let table = s.table(lang);
            println!("{table}");
            assert!(s.all().n >= 150 && s.polite >= 150, "{lang}: size\n{table}");
            let (stop, all, alarms) = (Scores::recall(s.stop()), Scores::recall(s.all()), s.alarm_rate());
            let floor = floors.iter().find(|f| f.0 == lang).expect("a floor per language");
            assert!(stop >= floor.1, "{lang}: stop categories' recall {stop:.1} % < {} %\n{table}", floor.1);
            assert!(all >= floor.2, "{lang}: hostile recall {all:.1} % < {} %\n{table}", floor.2);
            assert!(alarms <= floor.3, "{lang}: false alarms {alarms:.1} % > {} %\n{table}", floor.3);
        }
    }

    /// What the check reaches on the held-out sets, a little under the figures measured (language, stop
    /// recall, all recall, false alarms, in percent): a change that loses ground fails here.
    /// Measured 2026-12-02 (rules and model of issue 20): fr 92.3 / 92.0 / 4.7, en 90.3 / 91.8 / 1.2; before them,
    /// fr 75.8 / 69.3 / 7.1 and en 69.9 / 68.3 / 8.9. 2026-12-03 (more polite French training sentences, self-mockery
    /// exempt, greeting lines skipped by the model): fr 92.3 / 90.9 / 4.1, en unchanged; then (Quebec minced
    /// oaths, surnames, polite-sounding English hostility, cheers in the English training set): fr 92.3 / 90.9 /
    /// 4.1, en 90.3 / 92.3 / 1.2. 2026-12-03, second round (everyday French that sounded like a threat, a wish or
    /// a dismissal; calm "!!"; the model never names profanity; more training sentences): fr 92.3 / 90.9 / 1.8,
    /// en 94.6 / 95.1 / 1.2.
    /// 2026-12-03, third round (2,450 more training sentences per language from four more writers; places after
    /// "in"/«près de», an intensifier before thanks, self-mockery and a few French threats): fr 92.3 / 93.8 / 1.8,
    /// en 95.7 / 94.5 / 1.8; then 1,000 subtler English sentences from one more helper (another's French ones
    /// were set aside: the model caught 368 of the repo corpus' 575 hostile messages with them, 400 without):
    /// en 96.8 / 96.7 / 1.8.
    /// 2026-12-03, fourth round, first step (structural French threats, ill wishes, blame and sarcasm; English
    /// blame, insults and threats; 955 French training sentences from one more writer; the mean of five training
    /// runs): fr 93.4 / 94.9 / 1.8, en 96.8 / 96.7 / 1.8. Fifth round (rules from two probe sets): unchanged.
    /// Sixth round (runs of "!"/"?" read by what they close; the French model told who a sentence is about):
    /// fr 97.8 / 96.6 / 1.8, en unchanged. Seventh round (good news before runs; the model told which sentences are
    /// wishes, announcements or thanks): fr unchanged, en 96.8 / 97.3 / 2.4 (one more false alarm, "You put me at ease from
    /// the first minutes" read as blame by the model). Eighth round (the French model trained again on its dev
    /// split, a run model): unchanged.
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 98.9 / 98.9 / 2.4, en 96.8 / 96.2 / 2.4.
    const FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 98.5, 98.5, 2.5), ("en", 96.5, 96.0, 2.5)];

    /// The same on the fresh set. Measured 2026-12-03: before the second round of rules and training (the first
    /// set's figures picked among its changes), fr 92.0 / 89.1 / 2.6 and en 94.4 / 91.5 / 3.2; after it, fr 90.2 /
    /// 88.6 / 3.2 and en 96.3 / 93.1 / 3.2: English gained, French lost two threats and a dismissal and gained a
    /// false alarm. Then 19 training sentences that read the same as sentences of either held-out set were taken
    /// out and the model trained again: fr 90.2 / 88.1 / 3.2, en 96.3 / 92.6 / 3.2 (the first set's figures
    /// unchanged). The goals (stop 92, false alarms 2) are not met here.
    /// Third round (see [`FLOOR`]; this set's figures were read after each of its steps, none chosen by them):
    /// fr 93.8 / 92.2 / 2.6, en 94.4 / 94.7 / 2.2, then with the subtler English sentences en 98.1 / 96.8 / 2.7.
    /// Fourth round (its figures read as a check after each step, never to pick a change): fr 95.5 / 94.3 / 2.1,
    /// en 98.1 / 96.8 / 2.2. Fifth round: fr 95.5 / 94.3 / 1.6, en unchanged. Sixth round: fr 96.4 / 93.3 / 1.1
    /// (the French model's reader/writer features: two more threats or insults stopped, three blame or sarcasm
    /// messages lost), en unchanged. Seventh round: fr 97.3 / 93.8 / 1.6 (one more false alarm from the model), en
    /// 98.1 / 96.8 / 1.6. Eighth round: fr 97.3 / 94.8 / 1.6 (the French refit), en 98.1 / 96.8 / 1.1 (a run the run
    /// model reads as glad).
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 97.3 / 94.8 / 1.6, en 98.1 / 97.3 / 0.5.
    const FRESH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 97.0, 94.5, 2.0), ("en", 98.0, 97.0, 1.0)];

    /// The third set (`tests/tone/third.json`, 2026-12-03, 200 hostile and 200 polite per language, one helper per
    /// language from the brief; never read by whoever writes rules or training sentences; its figures were read
    /// after each step of the third round, none chosen or undone by them). Before the third round: fr 77.3 / 78.5 /
    /// 1.5, en 89.1 / 88.5 / 4.0; after it: fr 87.3 / 87.5 / 1.0, en 88.2 / 89.0 / 3.0; with the subtler English
    /// sentences en 93.6 / 93.5 / 2.5.
    /// Fourth round: fr 88.2 / 88.5 / 0.5, en 93.6 / 94.0 / 2.5. Fifth round: fr 90.9 / 90.0 / 0.5, en unchanged.
    /// Sixth round: fr 91.8 / 90.0 / 1.0, en unchanged. Seventh round: fr 92.7 / 90.5 / 1.0, en 94.5 / 94.5 / 2.5.
    /// Eighth round: fr 96.4 / 93.0 / 0.5, en unchanged. Ninth round (the run model's looser threshold let one angry
    /// run pass): fr 96.4 / 92.5 / 0.5, en unchanged.
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 97.3 / 93.5 / 0.5, en 95.5 / 93.5 / 2.0.
    /// Twelfth round: learned from (see [`LEARNED_SETS`]), so in sample; fr 99.1 / 95.0 / 0.0, en 94.5 / 94.5 / 1.5 —
    /// English lost a stop message to the higher threshold its learned polite messages brought.
    const THIRD_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 97.0, 93.0, 1.0), ("en", 94.0, 93.0, 2.5)];

    /// The fourth set (`tests/tone/fourth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written at the end of the third round by two more helpers from the brief; never read here). Read once on
    /// the round's final rules and model: fr 84.0 / 84.7 / 2.0, en 86.7 / 88.7 / 2.7; with the rules and model
    /// of before the round, fr 73.3 / 74.7 / 2.7, en 84.0 / 83.3 / 2.7.
    /// Fourth round (read after each step as a check, no longer unseen): fr 89.3 / 89.3 / 2.0, en 88.0 / 90.0 / 2.0.
    /// Fifth round: fr unchanged, en 89.3 / 90.7 / 1.3. Sixth round: fr 92.0 / 90.7 / 2.0, en unchanged. Seventh
    /// round: fr 90.7 / 89.3 / 1.3 (the model's wish, announcement and thanks marks lost a threat and a blame
    /// while they stopped more on five other sets), en unchanged. Eighth round: fr 92.0 / 91.3 / 1.3, en unchanged.
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 90.7 / 90.7 / 2.0, en 86.7 / 88.0 / 0.7.
    /// Eleventh round (rules for courteous formulas, blessings and either/or questions; 360 more run sentences
    /// per language in courteous registers): fr 90.7 / 90.7 / 1.3 (a blessing no longer an ill wish), en unchanged.
    const FOURTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 90.5, 90.5, 1.5), ("en", 86.5, 87.5, 1.0)];

    /// The fifth set (`tests/tone/fifth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief at the start of the fourth round; never read here). Scored on
    /// the rules and model of 93f2745 when it was written (figures kept unread), and read once on the round's
    /// final state: before fr 77.3 / 80.0 / 2.0, en 92.0 / 91.3 / 2.0; after fr 80.0 / 85.3 / 2.7, en 93.3 / 92.0
    /// / 1.3. Fifth round (a check after each step): fr 82.7 / 86.7 / 2.7, en 93.3 / 92.0 / 1.3. Sixth round: fr
    /// 82.7 / 86.7 / 1.3, en unchanged. Seventh round: fr 84.0 / 87.3 / 1.3, en 94.7 / 92.7 / 2.0. Eighth round: fr
    /// 85.3 / 88.7 / 1.3, en unchanged.
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 89.3 / 91.3 / 1.3, en 94.7 / 93.3 / 1.3.
    /// Thirteenth round (the eleventh and twelfth sets learned too; learned since the twelfth, so in sample): en
    /// 93.3 / 94.0 / 1.3 (one stop message fewer) after its first step, 94.7 / 94.7 / 0.7 at its end.
    const FIFTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 89.0, 91.0, 1.5), ("en", 94.5, 93.0, 1.5)];

    /// The sixth set (`tests/tone/sixth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief at the start of the fifth round, fifteen new writers per
    /// language; never read here). Scored on the rules and model of 552f0b3 when it was written (figures kept
    /// unread) and read at the end of the round: before fr 85.3 / 87.3 / 1.3, en 89.3 / 92.0 / 7.3; after fr 85.3
    /// / 87.3 / 1.3, en 89.3 / 92.0 / 8.0 — the round's rules, written from probe sets, reached none of these
    /// writers' hostile messages. The one English false alarm they added (a slang word read bare) was then
    /// narrowed from sentences written here and the set read a second time: en 7.3. Sixth round (a check after
    /// each step): fr 88.0 / 87.3 / 1.3, en 89.3 / 92.0 / 6.7. Seventh round: fr 90.7 / 88.0 / 1.3, en unchanged.
    /// Eighth round, the French model trained again on its dev split: fr 89.3 / 88.7 / 1.3 (one insult lost, one
    /// blame and one sarcasm gained; the same refit stopped more on five other sets, with three training seeds).
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 92.0 / 91.3 / 1.3, en 93.3 / 94.7 / 5.3.
    const SIXTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 91.5, 91.0, 1.5), ("en", 93.0, 94.5, 5.5)];

    /// The seventh set (`tests/tone/seventh.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief once the sixth had been read, fifteen new writers per language,
    /// asked for thanks with "!!" or "!!!" among the polite messages; never read here). Scored on c0ae277 (the
    /// fifth round's rules) when written, figures kept unread; no rule or weight changed after, and it read the
    /// same at the end: fr 86.7 / 85.3 / 4.7, en 86.7 / 90.7 / 8.0 (the rules alone: fr 66.7 / 64.7 / 3.3, en 68.0 /
    /// 68.7 / 6.0; nine of the false alarms are runs of "!" or "?" after polite sentences). Sixth round (a check
    /// after each step): fr 86.7 / 83.3 / 4.0 (the French model's reader/writer features lost two sarcastic
    /// thanks and a blame here while they stopped 1-4 more stop-category messages on four other sets), en 86.7 /
    /// 90.7 / 6.7. Seventh round: fr 90.7 / 84.7 / 3.3, en 90.7 / 92.7 / 6.0. Eighth round: fr 92.0 / 87.3 / 3.3, en
    /// unchanged. Ninth round, the run model trained on 1,200 more sentences per language with a looser
    /// threshold: fr 92.0 / 86.7 / 3.3 (one angry run let pass), en unchanged.
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 93.3 / 89.3 / 2.7, en 94.7 / 92.0 / 6.0.
    /// Eleventh round (rules for courteous formulas, blessings and either/or questions; 360 more run sentences
    /// per language in courteous registers): fr unchanged, en 94.7 / 92.0 / 5.3 (a run).
    const SEVENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 93.0, 89.0, 3.0), ("en", 94.5, 91.5, 5.5)];

    /// The eighth set (`tests/tone/eighth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief at the start of the sixth round, fifteen new writers per
    /// language, asked for "!!"/"!!!" after thanks or good news and "??"/"?!" in sincere questions or happy surprise
    /// among the polite messages; never read here). Scored on 64bc7b0 (before the round) into a file kept unread
    /// and read once at the end: before fr 98.7 / 97.3 / 7.3, en 88.0 / 91.3 / 10.0; after fr 97.3 / 96.7 / 4.0,
    /// en 88.0 / 91.3 / 8.0 (runs of "!"/"?" after polite sentences: fr 9 -> 4, en 11 -> 8; the French model's
    /// reader/writer features lost one ill wish). Seventh round (a check after each step): fr 98.7 / 97.3 / 2.0, en
    /// 88.0 / 92.0 / 3.3 (good news before runs: "you want me for…?!", "just got a partnership!!!"), then 4.7 once a
    /// review narrowed the good-news list ("?!" after news needs the model's 0.5, not 0.8). Eighth round, the French
    /// model trained again on its dev split: fr 98.7 / 96.7 / 2.7 (one blame lost, one more false alarm, read
    /// as a dismissal); the run model: en 88.0 / 92.0 / 4.0.
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 98.7 / 97.3 / 2.0, en 92.0 / 91.3 / 2.7.
    const EIGHTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 98.5, 97.0, 2.5), ("en", 91.5, 91.0, 3.0)];

    /// The ninth set (`tests/tone/ninth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief at the start of the seventh round, fifteen new writers per
    /// language, asked for runs after good news, sincere "??", self-mockery, rude-looking names, check-ins,
    /// «rendez-vous» as a noun, sincere thanks for hard things and polite requests to delete one's data among the
    /// polite messages; never read here). Scored on 73b1ade (before the round) into a file kept unread and read
    /// once at the end: before fr 88.0 / 90.0 / 6.7, en 93.3 / 94.0 / 6.0; after fr 88.0 / 90.7 / 6.7, en 93.3 /
    /// 92.7 / 5.3. The round's rules, written from read sets and probes, saved none of its false alarms and let
    /// one English hostile run pass (the good-news list); the model's marks stopped one more French sarcasm, lost
    /// one English blame and cleared one English false alarm. Read a second time after a review narrowed the
    /// good-news list: en 93.3 / 93.3 / 5.3 (the angry run caught again). Eighth round (a check after each step):
    /// fr 89.3 / 91.3 / 5.3 (the French refit), en unchanged.
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 92.0 / 93.3 / 5.3, en 97.3 / 95.3 / 4.0.
    /// Eleventh round (rules for courteous formulas, blessings and either/or questions; 360 more run sentences
    /// per language in courteous registers): fr 92.0 / 93.3 / 4.7 (a run), en unchanged.
    const NINTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 91.5, 93.0, 5.0), ("en", 97.0, 95.0, 4.5)];

    /// The tenth set (`tests/tone/tenth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief at the start of the eighth round, fifteen new writers per
    /// language, asked for at least 15 polite messages with runs that are not angry — joy, excitement, a joke about
    /// oneself, sincere surprise, urgency about one's own situation, thanks — among the polite ones; never read
    /// here). Scored on f672903 (before the round) into a file kept unread and read once near the end: before fr
    /// 93.3 / 93.3 / 11.3, en 90.7 / 92.7 / 10.7; with the French refit fr 94.7 / 95.3 / 12.7 (a dismissal and two
    /// sarcasms stopped, two more false alarms); then with the run model, built before the reading and set aside,
    /// taken back once this set showed 16 French and 9 English false alarms on polite runs: fr 94.7 / 95.3 / 10.7,
    /// en 90.7 / 92.7 / 9.3; after a review (no "?" run passes before a grievance or after thanks, nor a run after
    /// a negation or fewer than three words) and with 800 more run sentences per language: fr 94.7 / 95.3 / 10.0,
    /// en 90.7 / 92.7 / 8.0 (runs flagged on polite messages: fr 12, en 5). Ninth round, the run model trained on
    /// 1,200 more sentences per language with a looser threshold: fr 94.7 / 95.3 / 7.3, en 90.7 / 92.7 / 7.3 (runs
    /// flagged on polite messages: fr 7, en 4).
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 97.3 / 98.0 / 6.7, en 92.0 / 92.0 / 5.3.
    /// Then the French run model's threshold let 10 % of its dev angry runs pass instead of 7 %: fr 97.3 / 98.0 / 6.0.
    /// After a review of the round's rules (blessings kind only when they open their sentence, either/or questions
    /// with a preposition or article on each side, a calm "third time" flagged again): fr 97.3 / 98.0 / 5.3, en
    /// 92.0 / 92.7 / 5.3.
    const TENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 97.0, 97.5, 5.5), ("en", 91.5, 92.5, 5.5)];

    /// The eleventh set (`tests/tone/eleventh.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief at the start of the ninth round, fifteen new writers per
    /// language, asked for at least 18 polite messages with runs that are not angry; never read here). Scored on
    /// 50e5a98 (before the round) into a file kept unread and read once at the end: before fr 88.0 / 90.0 / 9.3, en
    /// 89.3 / 91.3 / 11.3; after (the run model's new sentences and threshold, chosen before the reading) fr 88.0 /
    /// 90.0 / 6.0, en 89.3 / 91.3 / 8.7 — runs flagged on polite messages fr 10 -> 5, en 9 -> 5, nothing lost.
    /// Threats and ill wishes were where these writers got through (ninth round): fr 66.7 % and 73.3 %, en 80.0 % and
    /// 73.3 %.
    /// Tenth round (the repo corpus' polite messages and Rebound's own learned, one threshold shared by the
    /// classes, 800 more training sentences per language): fr 93.3 / 93.3 / 6.0, en 96.0 / 93.3 / 6.7.
    /// Eleventh round (rules for courteous formulas, blessings and either/or questions; 360 more run sentences
    /// per language in courteous registers): fr 93.3 / 93.3 / 5.3 (an ill wish), en unchanged.
    /// Twelfth round (the first ten sets learned, see [`LEARNED_SETS`]; a "!" run before a glad sentence passes;
    /// «pris de haut», "looked down on" and their kin are grievances; English polite budget 1.5 %): fr 93.3 / 92.7 / 4.0, en 94.7 / 92.7 / 6.0
    /// (from fr 93.3 / 93.3 / 5.3, en 96.0 / 93.3 / 6.7); after a review (what is learned from a set checked
    /// sentence by sentence, a punctuation message's run learned only when it is its only one): fr 93.3 / 93.3 /
    /// 4.0, en unchanged.
    /// Thirteenth round (the eleventh and twelfth sets learned too; French polite formulas for firm requests:
    /// «quand vous pourrez», «faites-moi signe», «pourrais-tu»…): learned, so in sample: fr 92.0 / 92.7 / 2.0, en
    /// 96.0 / 94.0 / 2.0.
    const ELEVENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 91.5, 92.5, 2.5), ("en", 95.5, 93.5, 2.5)];

    /// The twelfth set (`tests/tone/twelfth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief at the start of the tenth round, fifteen new writers per language;
    /// never read here). Scored on 69718c3 (before the round) into a file kept unread and read once at the end:
    /// before fr 97.3 / 93.3 / 5.3, en 90.7 / 91.3 / 15.3; after (the repo corpus' polite messages and Rebound's
    /// own learned, one shared threshold, 800 more training sentences per language) fr 100.0 / 95.3 / 5.3, en 93.3 /
    /// 91.3 / 13.3. Then, four French polite messages of the repo corpus that read the same as held-out messages
    /// taken out of it (the model learns it): fr 100.0 / 95.3 / 6.0. Its English writers' polite messages flagged:
    /// 20, 7 by runs, 5 as demands, 8 otherwise (the messages themselves not read).
    /// Eleventh round (rules for courteous formulas, blessings and either/or questions; 360 more run sentences
    /// per language in courteous registers): fr unchanged (one ill wish fewer, one run more), en 93.3 / 91.3 / 12.7.
    /// Then the French run model's threshold let 10 % of its dev angry runs pass instead of 7 %: fr 100.0 / 95.3 / 5.3.
    /// Twelfth round (the first ten sets learned, see [`LEARNED_SETS`]; a "!" run before a glad sentence passes;
    /// «pris de haut», "looked down on" and their kin are grievances; English polite budget 1.5 %): fr 100.0 / 96.0 / 2.7, en 94.7 / 92.0 / 6.0
    /// (from fr 100.0 / 95.3 / 5.3, en 93.3 / 91.3 / 12.7); after the review: fr unchanged, en 93.3 / 91.3 / 5.3.
    /// Thirteenth round (the eleventh and twelfth sets learned too; French polite formulas for firm requests:
    /// «quand vous pourrez», «faites-moi signe», «pourrais-tu»…): learned, so in sample: fr 98.7 / 94.7 / 1.3, en
    /// 93.3 / 91.3 / 1.3.
    const TWELFTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 98.5, 94.5, 1.5), ("en", 93.0, 91.0, 1.5)];

    /// The thirteenth set (`tests/tone/thirteenth.json`, 150 hostile — 15 per category — and 150 polite per
    /// language, written by two more helpers from the brief at the start of the eleventh round, fifteen new writers
    /// per language, among them courteous and regional registers — Ivorian, Belgian, Swiss, Réunion, Haitian, chiac,
    /// joual / Pakistani, Singaporean, Kenyan, Ghanaian, Polish-born and Brazilian-born writers; never read here).
    /// Scored on 81f481b (before the round) into files kept unread and read once after the round's first step:
    /// before fr 97.3 / 96.0 / 10.7, en 98.7 / 93.3 / 10.0; after (rules for courteous formulas, blessings and
    /// either/or questions; 360 more run sentences per language) fr 97.3 / 96.0 / 10.0, en 98.7 / 93.3 / 9.3. Its
    /// false alarms, by category of finding: fr runs 8, blame 4, four others; en runs 5, demand 3, seven others (the
    /// messages themselves not read). Then, chosen on the thirteen read sets' means, this one among them, the French
    /// run model's threshold let 10 % of its dev angry runs pass instead of 7 %: fr 97.3 / 96.0 / 8.7 (runs flagged
    /// 8 -> 6); unchanged after a review of the round's rules.
    /// Twelfth round (the first ten sets learned, see [`LEARNED_SETS`]; a "!" run before a glad sentence passes;
    /// «pris de haut», "looked down on" and their kin are grievances; English polite budget 1.5 %): fr 97.3 / 96.0 / 3.3, en 97.3 / 93.3 /
    /// 6.0 (from fr 97.3 / 96.0 / 8.7, en 98.7 / 93.3 / 9.3); after the review: fr 97.3 / 95.3 / 4.0, en 96.0 /
    /// 92.7 / 4.0.
    /// Thirteenth round, after its first step (the eleventh and twelfth sets learned; French polite formulas for
    /// firm requests): fr 97.3 / 96.0 / 2.7, en 97.3 / 93.3 / 2.7; at its end (also "??" after a plainly polite French question, Quebec minced oaths
    /// as exclamations no swearing, formal requests learned as polite, the run models keyed on each last sentence, joy
    /// after "?!"): fr 97.3 / 94.7 / 2.0, en 97.3 / 94.0 / 2.7.
    /// Fourteenth round, after its first step (the thirteenth and fourteenth sets learned, English polite budget
    /// 2 %): learned, so in sample: fr 98.7 / 95.3 / 2.0, en 98.7 / 96.7 / 1.3.
    const THIRTEENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 98.5, 95.0, 2.5), ("en", 98.5, 96.5, 1.5)];

    /// The fourteenth set (`tests/tone/fourteenth.json`, 150 hostile — 15 per category — and 150 polite per
    /// language, written by two more helpers from the brief at the start of the twelfth round, fifteen new writers
    /// per language: ch'ti, Alsatian, Montréal-Nord slang, Gatineau administrative, Algerian-born, Congolese-born
    /// in Brussels, Guadeloupean, joual, Liège, Fribourg, Vietnamese-born / Glasgow, Indian, Filipino, Nigerian,
    /// Newfoundland, Brooklyn, Sydney, Cork, Minnesota, Jamaican-born, Hong Kong-born, Yorkshire, California
    /// texting, Kenyan-born, Appalachian; never read here). Scored on 9880f3d (before the round) and after its first
    /// step (a "!" run before a glad sentence passes) into files kept unread, read once after the second (the first
    /// ten sets learned, the grievances above, English polite budget 1.5 %): before fr 100.0 / 97.3 / 7.3, en
    /// 96.0 / 93.3 / 4.7; first step fr unchanged, en 96.0 / 93.3 / 4.0; second fr 98.7 / 97.3 / 6.7, en 94.7 / 92.0
    /// / 1.3 — the first unseen set under the 2 % goal (English). Its French false alarms: runs 6 -> 4, one each of
    /// blame, demand, dismissal, insult, profanity, sarcasm (the messages themselves not read). After the review:
    /// fr unchanged, en 94.7 / 91.3 / 1.3.
    /// Thirteenth round, after its first step (the eleventh and twelfth sets learned; French polite formulas for
    /// firm requests): fr 98.7 / 97.3 / 6.0, en 94.7 / 91.3 / 1.3; at its end (also "??" after a plainly polite French question, Quebec minced oaths
    /// as exclamations no swearing, formal requests learned as polite, the run models keyed on each last sentence, joy
    /// after "?!"): fr 98.7 / 97.3 / 4.7, en 96.0 / 93.3 / 1.3.
    /// Fourteenth round, after its first step (the thirteenth and fourteenth sets learned, English polite budget
    /// 2 %): learned, so in sample: fr 98.7 / 96.7 / 3.3, en 93.3 / 90.0 / 1.3 (its English hostile messages
    /// missed are long ones hiding one bad sentence: the trainer learns only one-sentence hostile messages).
    const FOURTEENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 98.5, 96.5, 3.5), ("en", 93.0, 89.5, 1.5)];

    /// The fifteenth set (`tests/tone/fifteenth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief during the twelfth round, after its changes were chosen; fifteen
    /// new writers per language: Clermont-Ferrand cook, Saint-Denis verlan, Rennes notary's clerk, Saguenay joual,
    /// Yaoundé-born, Namur, Perpignan, Port-au-Prince-born in Laval, Lebanese-born, Casablanca call centre,
    /// Neuchâtel, Jura, Îles-de-la-Madeleine Acadian, Tahitian, Romanian-born / Swansea, Chennai, Wyoming,
    /// Trinidad-born, Melbourne, Seoul-born, Essex, Edinburgh, Detroit, Ugandan-born, Dublin texting, Cape
    /// Town-born, Ohio retiree, Pakistani-born, Nashville; never read here). Scored on 9880f3d and on the round's
    /// final check into files kept unread, read once at the end: before fr 98.7 / 98.7 / 6.7, en 97.3 / 93.3 / 5.3;
    /// after fr 98.7 / 97.3 / 5.3, en 97.3 / 94.0 / 2.7. Its French false alarms: demand 5, runs 3, three others
    /// (the messages themselves not read).
    /// Thirteenth round, after its first step (the eleventh and twelfth sets learned; French polite formulas for
    /// firm requests): fr 98.7 / 97.3 / 4.7, en 97.3 / 92.7 / 2.0; at its end (also "??" after a plainly polite French question, Quebec minced oaths
    /// as exclamations no swearing, formal requests learned as polite, the run models keyed on each last sentence, joy
    /// after "?!"): fr 98.7 / 96.7 / 2.7, en 97.3 / 92.7 / 2.0.
    /// Fourteenth round, after its first step (the thirteenth and fourteenth sets learned, English polite budget
    /// 2 %): fr 98.7 / 97.3 / 2.7, en 97.3 / 93.3 / 2.7 (one run more).
    /// Fifteenth round, after its first step (the model overrules a broad phrase of sarcasm, blame, demand, threat
    /// or dismissal in a long sentence it reads as plainly polite): fr unchanged, en 97.3 / 93.3 / 2.0.
    /// Fifteenth round, at its end (also "??" closing a sincere question with a grievance word, rules narrowed to their
    /// meaning, the French model retrained without what reads as a message of the twenty-first set): fr 98.7 / 98.0 / 2.7, en 97.3 / 93.3 / 2.0.
    const FIFTEENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 98.5, 97.0, 3.0), ("en", 97.0, 93.0, 2.5)];

    /// The sixteenth set (`tests/tone/sixteenth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief at the end of the twelfth round; fifteen new writers per language:
    /// Limoges, Marseille quartiers nord texting, Luxembourg, Rimouski joual, Bamako-born, Charleroi, Béziers,
    /// Cap-Haïtien-born in Montréal-Nord, Beirut-born, Tunis-born, Sion, Pyrénées, Sudbury, Mauritian, Polish-born /
    /// Belfast, Lahore-born, Cebu, Ibadan-born, Maine, Queens, Perth, Galway texting, Kansas, Barbados-born,
    /// Taipei-born, Sheffield, Brooklyn lowercase, Kampala-born, Louisiana; never read here). Scored on 13d7921 (the
    /// twelfth round's end) into files kept unread, read once after the thirteenth round's first step (the eleventh
    /// and twelfth sets learned; French polite formulas for firm requests): before fr 97.3 / 97.3 / 4.0, en 94.7 /
    /// 92.7 / 2.7 (rules alone fr 76.0 / 73.3 / 7.3, en 74.7 / 70.7 / 8.7); after fr 97.3 / 97.3 / 3.3, en 94.7 /
    /// 92.7 / 2.0. Its false alarms after, by category of finding: fr runs 2, blame, demand, sarcasm; en runs,
    /// ill wish, threat (the messages themselves not read). At the round's end (also "??" after a plainly polite French question, Quebec minced oaths
    /// as exclamations no swearing, formal requests learned as polite, the run models keyed on each last sentence, joy
    /// after "?!"): fr 97.3 / 97.3 / 2.7,
    /// en 94.7 / 92.7 / 1.3.
    /// Fourteenth round, after its first step (the thirteenth and fourteenth sets learned, English polite budget
    /// 2 %): fr 96.0 / 96.7 / 2.0, en 94.7 / 92.7 / 0.7.
    /// Fifteenth round, after its first step (the model overrules a broad phrase of sarcasm, blame, demand, threat
    /// or dismissal in a long sentence it reads as plainly polite): unchanged.
    /// Fifteenth round, at its end (also "??" closing a sincere question with a grievance word, rules narrowed to their
    /// meaning, the French model retrained without what reads as a message of the twenty-first set): fr 96.0 / 96.7 / 1.3, en unchanged.
    const SIXTEENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 95.5, 96.5, 1.5), ("en", 94.5, 92.5, 1.0)];

    /// The seventeenth set (`tests/tone/seventeenth.json`, 150 hostile — 15 per category — and 150 polite per
    /// language, written by two more helpers from the brief at the start of the thirteenth round; fifteen new
    /// writers per language: Nantes docker, Toulouse rugby coach, Québec City retiree, Abitibi joual, Dakar-born,
    /// Tours teacher, Ajaccio, Lausanne, Moncton chiac, Réunion, Abidjan-born, Metz, Paris 18e texting,
    /// Portuguese-born, Lyon lawyer / Liverpool, Delhi-born, Accra-born, Auckland, Houston, Boston, Vancouver
    /// lowercase, Cornwall, Bronx, Singapore-born, Johannesburg-born, Halifax retiree, Chicago texting,
    /// Bangladeshi-born, Alabama; never read here). Scored on 13d7921 (before the round), after its first step and
    /// at its end into files kept unread, read once at the end: before fr 98.7 / 96.0 / 5.3, en 100.0 / 96.0 / 4.0
    /// (rules alone fr 76.0 / 76.0 / 6.0, en 70.7 / 74.7 / 8.0); first step fr 98.7 / 96.0 / 4.0, en 98.7 / 95.3 /
    /// 4.0; end fr 98.7 / 96.0 / 2.0 — the first unseen French set at the 2 % goal — en 98.7 / 95.3 / 4.0. Its false
    /// alarms at the end, by category of finding: fr runs 3; en runs 4, sarcasm 2 (the messages themselves not read).
    /// Fourteenth round, after its first step (the thirteenth and fourteenth sets learned, English polite budget
    /// 2 %): fr unchanged, en 100.0 / 96.0 / 4.0.
    /// Fifteenth round, after its first step (the model overrules a broad phrase of sarcasm, blame, demand, threat
    /// or dismissal in a long sentence it reads as plainly polite): fr unchanged, en 100.0 / 96.0 / 2.7.
    /// Fifteenth round, at its end (also "??" closing a sincere question with a grievance word, rules narrowed to their
    /// meaning, the French model retrained without what reads as a message of the twenty-first set): fr 98.7 / 96.0 / 0.7, en 100.0 / 96.0 / 2.0.
    const SEVENTEENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 98.5, 95.5, 1.0), ("en", 99.5, 95.5, 2.5)];

    /// The eighteenth set (`tests/tone/eighteenth.json`, 150 hostile — 15 per category — and 150 polite per
    /// language, written by two more helpers from the brief during the thirteenth round; fifteen new writers per
    /// language: Brest sailor, Dijon, Trois-Rivières nurse, Lac-Saint-Jean joual, Conakry-born, Mons, Montpellier
    /// texting, Geneva banker, Caraquet Acadian, Martinique, Douala-born, Reims, Tlemcen-born in Marseille,
    /// Lao-born, Orléans headmistress / Manchester, Bristol, Kerala-born, Abuja-born, Christchurch, Atlanta,
    /// Philadelphia, Toronto, Montana, Honolulu, Kathmandu-born, Harare-born, Inverness, Newcastle, Miami texting;
    /// never read here). Scored on a4994b8 (the thirteenth round's rules, the same figures on its last code change
    /// 414dc4f) into files kept unread, read once after the fourteenth round's first step (the thirteenth and
    /// fourteenth sets learned, English polite budget 2 %): before fr 97.3 / 94.7 / 4.0, en 97.3 / 96.0 / 5.3 (rules
    /// alone fr 76.0 / 74.7 / 9.3, en 76.0 / 75.3 / 9.3); after fr 98.7 / 94.7 / 3.3, en 98.7 / 96.0 / 4.7. Its
    /// false alarms after, by category of finding: fr runs 3, insult, threat; en runs 2, demand 2, blame, profanity,
    /// sarcasm (the messages themselves not read). At the round's end (asked_twice in English, a turn for the better
    /// after a wait, sarcastic and threatening formulas narrowed to their shape): fr unchanged, en 98.7 / 96.0 / 4.0
    /// (one run fewer).
    /// Fifteenth round, after its first step (the model overrules a broad phrase of sarcasm, blame, demand, threat
    /// or dismissal in a long sentence it reads as plainly polite): fr unchanged, en 98.7 / 96.0 / 2.7.
    /// Later in the fifteenth round the bare blame «mon âge» (« Il est toujours instructif, à mon âge, de découvrir…»)
    /// gave way to an age that decided ("à cause de mon âge", "mon âge a joué"): three false alarms fewer over the
    /// read sets, and one sarcastic message of this set, caught only by that accident, missed: fr 98.7 / 94.0.
    /// At the round's end: fr 98.7 / 94.0 / 2.0, en 98.7 / 96.0 / 2.7.
    const EIGHTEENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 98.5, 94.0, 2.5), ("en", 98.5, 95.5, 3.0)];

    /// The nineteenth set (`tests/tone/nineteenth.json`, 150 hostile — 15 per category — and 150 polite per
    /// language, written by two more helpers from the brief at the start of the fourteenth round; fifteen new
    /// writers per language: Lille fishmonger, Bordeaux cellar worker, Gaspésie fisherman, Sherbrooke student,
    /// Bamako-born clerk, Liège welder, Guadeloupe, Kinshasa-born technician, Strasbourg pastry cook, Nice,
    /// Rouen retiree, Montréal-Nord texting, Fribourg, Haitian-born caregiver in Montréal, Clermont-Ferrand
    /// engineer / Glasgow, Cardiff, Lagos-born, Sydney, Dublin, New Orleans, Karachi-born, Nairobi-born in Leeds,
    /// Seattle lowercase, Belfast, Manila-born, Brooklyn texting, Ohio, Leeds retiree, Jamaica-born in London; never
    /// read here). Scored on 1454b84 (before the round), after its first step (b28c3f9) and at its end into files
    /// kept unread, read once at the end: before fr 98.7 / 96.7 / 5.3, en 97.3 / 94.7 / 4.0 (rules alone fr 73.3 /
    /// 70.7 / 8.7, en 80.0 / 78.0 / 7.3); first step fr unchanged, en 97.3 / 94.7 / 3.3; end the same (the round's
    /// rules moved nothing here; rules alone en 6.0 % false alarms). Its false alarms at the end, by category of
    /// finding: fr blame 3, runs 2, ill wish, profanity, threat; en sarcasm 4, runs 1 (the messages themselves not
    /// read).
    /// Fifteenth round, after its first step (the model overrules a broad phrase of sarcasm, blame, demand, threat
    /// or dismissal in a long sentence it reads as plainly polite): fr 98.7 / 96.7 / 4.7, en 97.3 / 94.7 / 1.3.
    /// Fifteenth round, at its end (also "??" closing a sincere question with a grievance word, rules narrowed to their
    /// meaning, the French model retrained without what reads as a message of the twenty-first set): fr 98.7 / 96.7 / 3.3, en 97.3 / 94.7 / 0.7.
    const NINETEENTH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 98.5, 96.5, 3.5), ("en", 97.0, 94.5, 1.0)];

    /// The twentieth set (`tests/tone/twentieth.json`, 150 hostile — 15 per category — and 150 polite per language,
    /// written by two more helpers from the brief during the fourteenth round; fifteen new writers per language:
    /// Besançon baker, Le Havre trucker, Chicoutimi aide, Laval texting student, Cotonou-born in Lyon, Namur,
    /// Martinique, Brazzaville-born, Toulouse, Bastia, Limoges ex-gendarme, Marseille texting teen, Neuchâtel,
    /// Moroccan-born in Montréal, Paris corporate / Birmingham, Aberdeen, Chennai-born in Toronto, Perth, Cork,
    /// Memphis, Dhaka-born in New York, Kampala-born in Manchester, Portland lowercase, Derry, Cebu-born in Dubai,
    /// Bronx texting, Nebraska, Edinburgh retiree, Trinidad-born in London; never read here). Scored on 2cc1c4e
    /// (the fourteenth round's last change; the same file on 1ef075e) into files kept unread, read once after the
    /// fifteenth round's first step (the model overrules a broad phrase in a long sentence it reads as plainly
    /// polite): before fr 100.0 / 96.7 / 2.7, en 96.0 / 94.0 / 4.7 (rules alone fr 84.0 / 80.7 / 6.7, en 78.7 /
    /// 74.7 / 8.7); after fr unchanged, en 96.0 / 94.0 / 4.0. Its false alarms after, by category of finding: fr
    /// runs 4; en runs 3, demand 2, blame, sarcasm (the messages themselves not read).
    /// Fifteenth round, at its end (also "??" closing a sincere question with a grievance word, rules narrowed to their
    /// meaning, the French model retrained without what reads as a message of the twenty-first set): fr 100.0 / 96.7 / 1.3, en 96.0 / 94.0 / 3.3.
    const TWENTIETH_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 99.5, 96.5, 1.5), ("en", 95.5, 93.5, 3.5)];

    /// The twenty-first set (`tests/tone/twenty-first.json`, 150 hostile — 15 per category — and 150 polite per
    /// language, written by two more helpers from the brief at the start of the fifteenth round; fifteen writers per
    /// language: Marseille dock worker, Toulouse rugby coach, Moncton chiac student, Saguenay forester, Dakar-born
    /// accountant in Lyon, Abidjan-born nurse in Paris, Geneva banker, Namur teacher, Réunion cook, Brest sailor,
    /// Québec City retiree, Trois-Rivières texting teen, Lausanne student, Tunis-born engineer in Montréal, Ajaccio
    /// shop owner / Liverpool, Highlands, Birmingham, Texas, Boston, Toronto, Cape Town, Singapore-born, Auckland,
    /// Mumbai-born, Vancouver lowercase, Atlanta, Newcastle retiree, Polish-born in London, Ghana-born in Toronto —
    /// new helpers and sentences, though several of these profiles were also the seventeenth's or eighteenth's
    /// writers; never read here). Scored on 1ef075e (before the round), after its first step (35ee284) and at its
    /// end into files kept unread; the end's figures were seen when the set was added for the trainer's exclusion
    /// (no change was made after), then all three read: before fr 92.0 / 92.7 / 5.3, en 98.7 / 96.0 / 2.0 (rules
    /// alone fr 73.3 / 73.3 / 8.0, en 80.0 / 77.3 / 6.0); first step unchanged; end fr 92.0 / 92.7 / 4.7, en
    /// unchanged — the round's changes, large on the sets read before, moved one French false alarm here. Its
    /// misses and false alarms at the end, by category: fr stop recall at the goal's edge (dismissal 86.7, ill wish
    /// 86.7, insult 93.3, threat 93.3), sarcasm 80.0; false alarms fr blame 2, runs 3, demand, threat; en demand,
    /// dismissal, runs (the messages themselves not read).
    const TWENTY_FIRST_FLOOR: [(&str, f64, f64, f64); 2] = [("fr", 91.5, 92.5, 5.0), ("en", 98.5, 95.5, 2.5)];
}
