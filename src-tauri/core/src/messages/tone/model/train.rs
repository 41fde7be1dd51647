//! Training the tone model: reading the corpus, the dev split, stochastic gradient descent, quantisation and
//! the choice of thresholds. `examples/tone_train.rs` drives it and writes the shipped files; the tests use
//! it to re-split the corpus and to check that training is deterministic.
//!
//! Everything here is reproducible: the only randomness is a SplitMix64 stream from a fixed seed, the
//! examples are visited in an order drawn from it, and the arithmetic runs in one thread in a fixed order,
//! so the same corpus gives the same bytes.

use std::collections::{BTreeMap, HashSet};

use super::{features, generate, sentence_text, Model, CLASSES, K};

/// One labelled sentence of the training corpus.
#[derive(Debug, Clone)]
pub struct Labelled {
    /// The sentence as the model reads it (see [`sentence_text`]).
    pub text: String,
    /// Index in [`CLASSES`].
    pub class: usize,
    /// Written by the generator rather than by hand.
    pub generated: bool,
}

/// The corpus of a language: the hand-written file (`{"polite": [...], "insult": [...], ...}`), then the
/// generator's sentences that are not already there. Sentences that read the same are kept once (the first);
/// those that read as one of `exclude` (the repo corpus' sentences, see [`repo_sentences`]) are left out, so
/// the repo corpus' hostile messages stay a set the model never trained on (its polite messages are learned by
/// the trainer, outside the dev split, since the tenth round).
/// `learned`: hand-written sentences from elsewhere (the learned held-out sets, see [`FromSets`]), each class's
/// after the file's.
pub fn corpus(
    json: &str,
    lang: &str,
    exclude: &HashSet<String>,
    learned: &[(String, usize)],
) -> Result<Vec<Labelled>, String> {
    let file: BTreeMap<String, Vec<String>> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut seen = exclude.clone();
    let mut out = Vec::new();
    // Classes in the order of CLASSES, so the corpus order does not depend on the file's key order.
    for (class, name) in CLASSES.iter().enumerate() {
        let more = learned.iter().filter(|(_, c)| *c == class).map(|(s, _)| s);
        for s in file.get(*name).into_iter().flatten().chain(more) {
            let text = sentence_text(s, lang);
            if !text.is_empty() && seen.insert(text.clone()) {
                out.push(Labelled { text, class, generated: false });
            }
        }
    }
    if let Some(unknown) = file.keys().find(|k| !CLASSES.contains(&k.as_str())) {
        return Err(format!("unknown class {unknown:?}"));
    }
    for (s, class) in generate::sentences(lang) {
        let text = sentence_text(&s, lang);
        if !text.is_empty() && seen.insert(text.clone()) {
            out.push(Labelled { text, class, generated: true });
        }
    }
    Ok(out)
}

/// What the trainer learns from held-out sets once they are no longer held out (`tone_eval::LEARNED_SETS`): sets
/// written by helpers who never saw the rules, in hundreds of voices the training files lack. Only what their
/// labels say for sure is learned: a hostile message labels a sentence only when it is one sentence long (in a
/// longer one the label belongs to one sentence among several); a polite message is polite in every sentence;
/// a run of "!" or "?" in a polite message is glad, and the run of a message of the `punctuation` category angry
/// when it is the message's only run.
#[derive(Debug, Default)]
pub struct FromSets {
    /// Hostile messages of one sentence, of a class the model names: the message and its class index.
    pub hostile: Vec<(String, usize)>,
    /// Polite messages, as their sentences read to the model ([`message_sentences`](super::message_sentences)):
    /// learned as polite in the training split only (as the repo corpus' polite messages are), so the polite
    /// sentences of the dev split, which set the thresholds, stay the training files'.
    pub polite: Vec<Vec<String>>,
    /// Run entries (a message cut just after one of its runs; the run model learns the entry's last sentence)
    /// from polite messages.
    pub glad: Vec<String>,
    /// The same from hostile messages of the `punctuation` category with one run.
    pub angry: Vec<String>,
}

/// Reads `sets` (the JSON of held-out sets, `{lang: {"hostile": [{"text", "category"}], "polite": [...]}}`) for
/// `lang`, in order, leaving out what reads as one of `exclude` (whole messages as [`repo_sentences`] reads them:
/// those of the sets still held out and of the repo corpus — two helpers may write the same short thanks): a
/// message that does, or one of whose sentences does, and a run entry whose last sentence does. A set that does
/// not parse is an error.
pub fn from_sets(sets: &[String], lang: &str, exclude: &HashSet<String>) -> Result<FromSets, String> {
    let mut out = FromSets::default();
    let excluded = |text: &str, sentences: &[String]| {
        exclude.contains(&sentence_text(text, lang)) || sentences.iter().any(|s| exclude.contains(s))
    };
    // Run entries whose last sentence is not excluded.
    let kept = |entries: Vec<String>| {
        entries.into_iter().filter(|e| super::message_sentences(e, lang).last().is_none_or(|s| !exclude.contains(s)))
    };
    for json in sets {
        let v: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let hostile = v[lang]["hostile"].as_array().ok_or_else(|| format!("no {lang} hostile messages"))?;
        for h in hostile {
            let (Some(text), Some(cat)) = (h["text"].as_str(), h["category"].as_str()) else {
                return Err(format!("a {lang} hostile message without text or category"));
            };
            let sentences = super::message_sentences(text, lang);
            if excluded(text, &sentences) {
                continue;
            }
            if let Some(class) = CLASSES.iter().position(|c| *c == cat).filter(|&c| c > 0) {
                if sentences.len() == 1 {
                    out.hostile.push((text.to_owned(), class));
                }
            }
            if cat == "punctuation" {
                let entries = cut_after_runs(text);
                if entries.len() == 1 {
                    out.angry.extend(kept(entries));
                }
            }
        }
        for p in v[lang]["polite"].as_array().ok_or_else(|| format!("no {lang} polite messages"))? {
            let text = p.as_str().ok_or_else(|| format!("a {lang} polite message that is not a string"))?;
            let sentences = super::message_sentences(text, lang);
            if excluded(text, &sentences) {
                continue;
            }
            out.glad.extend(kept(cut_after_runs(text)));
            out.polite.push(sentences);
        }
    }
    Ok(out)
}

/// The text up to the end of each run of two or more "!"/"?" ("‼" and its kin count two), one entry per run.
fn cut_after_runs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // As the check counts them (`mark_weight`): "‼", "⁇", "⁈" and "⁉" are two marks each.
    let weight = crate::messages::tone::mark_weight;
    let mut run = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if weight(c) > 0 {
            run += weight(c);
            let ends = chars.peek().is_none_or(|&(_, n)| weight(n) == 0);
            if ends && run >= 2 {
                out.push(text[..i + c.len_utf8()].to_owned());
            }
        } else {
            run = 0;
        }
    }
    out
}

/// Every sentence of the repo corpus (`tone/corpus.json`) of a language, as the model reads it.
pub fn repo_sentences(corpus_json: &str, lang: &str) -> HashSet<String> {
    let v: serde_json::Value = serde_json::from_str(corpus_json).unwrap_or_default();
    let polite = v[lang]["polite"].as_array().into_iter().flatten().filter_map(|p| p.as_str());
    let hostile = v[lang]["hostile"].as_array().into_iter().flatten().filter_map(|h| h["text"].as_str());
    polite.chain(hostile).map(|t| sentence_text(t, lang)).collect()
}

/// A deterministic random stream (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A stream from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// The seed of the dev split, shared by the trainer and the tests.
pub const SPLIT_SEED: u64 = 2026;

/// Which items are in the dev split: a fifth, drawn by a seeded hash of each sentence's text rather than by
/// its position, so adding sentences to the corpus never moves the others between train and dev, and
/// figures stay comparable from one corpus to the next.
pub fn dev_split(items: &[Labelled]) -> Vec<bool> {
    items.iter().map(|l| super::hash(SPLIT_SEED, l.text.as_bytes()).is_multiple_of(5)).collect()
}

/// How to train.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Hash buckets, a power of two.
    pub buckets: usize,
    /// Passes over the training set.
    pub epochs: usize,
    /// Learning rate of the first pass; pass `e` uses `rate / (1 + e / 4)`.
    pub rate: f32,
    /// L2 penalty, applied to the weights a step touches.
    pub l2: f32,
    /// Seed of the visiting order.
    pub seed: u64,
    /// Runs averaged: each visits the examples in its own order (seeds `seed`, `seed + 1`, …) and the shipped
    /// weights are their mean. One linear model still, so scoring costs the same; the mean is steadier than any
    /// one run, whose verdicts on borderline sentences move with the visiting order.
    pub runs: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { buckets: 1 << 16, epochs: 40, rate: 2.0, l2: 1e-4, seed: 20, runs: 5 }
    }
}

/// Share of the dev split's polite sentences the tone model may flag, per language: 1 % until the twelfth round;
/// English 1.5 % since it learns (`tone_train`) the learned held-out sets' polite messages, which pushed its threshold up (0.80 ->
/// 0.84 at 1 %) and, on the three sets still held out then, its stop recall down from 96.0 to 90.7 % (false alarms
/// 8.4 -> 4.4 %); at 1.5 % 95.1 % and 5.6 %, at 2 % 96.0 % and 6.5 % (a first reading of the sets; as shipped, at
/// 1.5 %: 94.7 % and 5.1 %). French keeps 1 %: its recall on those sets did not move. English 2 % since the
/// fourteenth round (the thirteenth and fourteenth sets learned): on the fifteenth to seventeenth the same false
/// alarms as at 1.5 % (2.7, 0.7, 4.0 %: the English ones left are runs and rules, not the model) with stop recall
/// 97.3 / 94.7 / 100 % instead of 96.0 / 94.7 / 98.7 (at 1 %: 96.0 / 92.0 / 98.7, false alarms 2.7 / 0.0 / 4.0).
/// French at 1.5 %: one false alarm more on the seventeenth for one stop message more — not taken.
pub fn polite_budget(lang: &str) -> f64 {
    if lang == "fr" {
        0.01
    } else {
        0.02
    }
}

/// Whether the shipped model of a language is trained a second time on every sentence, the dev split included,
/// once the first model (trained without the dev split) has given the thresholds: a fifth more sentences to learn
/// from, judged by thresholds picked where they could be measured. French only. On the nine read held-out sets,
/// with three training seeds, the French refit caught more (stop recall up 1 to 4 points on four or five sets,
/// down 1.3 on one) with as many false alarms; the English refit caught more with one seed and less with another,
/// and flagged more polite messages with both.
pub fn refits(lang: &str) -> bool {
    lang == "fr"
}

/// Features and class of each sentence.
pub fn featurise(items: &[Labelled], lang: &str) -> Vec<(Vec<u32>, usize)> {
    items
        .iter()
        .map(|l| {
            let mut f = Vec::new();
            features(&l.text, lang, &mut f);
            (f, l.class)
        })
        .collect()
}

/// Multinomial logistic regression by SGD ([`Settings::runs`] runs averaged), then quantised to `i8` per class;
/// thresholds start at one half.
pub fn train(examples: &[(Vec<u32>, usize)], s: &Settings) -> Model {
    let runs = s.runs.max(1);
    let mut w = vec![0f32; s.buckets * K];
    let mut bias = [0f32; K];
    for r in 0..runs {
        let (rw, rb) = sgd(examples, &Settings { seed: s.seed + r as u64, ..*s });
        w.iter_mut().zip(&rw).for_each(|(a, b)| *a += b / runs as f32);
        bias.iter_mut().zip(&rb).for_each(|(a, b)| *a += b / runs as f32);
    }
    quantise(&w, bias, s.buckets)
}

/// One run of SGD: float weights (bucket-major) and biases.
fn sgd(examples: &[(Vec<u32>, usize)], s: &Settings) -> (Vec<f32>, [f32; K]) {
    let mask = s.buckets - 1;
    let mut w = vec![0f32; s.buckets * K];
    let mut bias = [0f32; K];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng::new(s.seed);
    for epoch in 0..s.epochs {
        rng.shuffle(&mut order);
        let rate = s.rate / (1.0 + epoch as f32 / 4.0);
        for &i in &order {
            let (feats, y) = &examples[i];
            let v = super::feature_value(feats.len());
            let mut logits = bias;
            for &f in feats {
                let row = &w[(f as usize & mask) * K..][..K];
                for (l, x) in logits.iter_mut().zip(row) {
                    *l += x * v;
                }
            }
            let mut grad = super::softmax(&logits);
            grad[*y] -= 1.0;
            for &f in feats {
                let row = &mut w[(f as usize & mask) * K..][..K];
                for (x, g) in row.iter_mut().zip(&grad) {
                    *x -= rate * (g * v + s.l2 * *x);
                }
            }
            for (b, g) in bias.iter_mut().zip(&grad) {
                *b -= rate * g;
            }
        }
    }
    (w, bias)
}

fn quantise(w: &[f32], bias: [f32; K], buckets: usize) -> Model {
    let mut scale = [0f32; K];
    for (c, sc) in scale.iter_mut().enumerate() {
        let max = w.iter().skip(c).step_by(K).fold(0f32, |m, x| m.max(x.abs()));
        *sc = if max > 0.0 { max / 127.0 } else { 1.0 };
    }
    let weights = w.iter().enumerate().map(|(i, x)| (x / scale[i % K]).round().clamp(-127.0, 127.0) as i8).collect();
    Model { buckets, scale, bias, threshold: [0.5; K], weights }
}

/// A group of sentences that is flagged when any of them is: one dev sentence, or one message of the repo
/// corpus cut into its sentences.
pub type Group = Vec<Vec<u32>>;

/// Raises the thresholds until each set of polite groups has at most its budget (a share of the set) flagged, one
/// step at a time, each lifting every class the model may name (a threshold below 1) to just above the weakest
/// false alarm: one threshold shared by the classes, on the probability of not being polite, whatever class is
/// the likeliest (profanity aside: its threshold stays 1). Until the tenth round each step lifted one class only,
/// the one whose step lost the fewest dev hostile sentences; that follows the few polite sentences at the top of
/// each class and moved with every small edit of the corpus: twenty polite English sentences added moved English
/// stop recall on the eleven read held-out sets by -1.5 points per class, +0.16 shared (both with a 0.75 %
/// budget). At 1 %, per class: fr 95.2 % stop recall and 3.07 % false alarms on average over those sets, en 94.2
/// and 4.31; shared: fr 93.0 and 2.55, en 94.3 and 3.35 (with those twenty sentences); twenty French ones more,
/// as shipped: fr 94.5 and 2.89.
pub fn pick_thresholds(model: &mut Model, polite_sets: &[(&[Group], f64)]) {
    // A verdict depends only on the thresholds once the best class and hostility are known: compute those once.
    type Scored = Vec<Vec<(usize, f32)>>;
    let sets: Vec<(Scored, f64)> = polite_sets
        .iter()
        .map(|(set, budget)| (set.iter().map(|g| g.iter().map(|f| model.hostility(f)).collect()).collect(), *budget))
        .collect();
    loop {
        let t = model.threshold;
        let hit = |&(c, h): &(usize, f32)| h >= t[c];
        // The weakest false alarm among the sets over budget.
        let mut lowest = f32::INFINITY;
        for (groups, budget) in &sets {
            let flagged = groups.iter().filter(|g| g.iter().any(hit)).count();
            if flagged as f64 > budget * groups.len() as f64 {
                for &(_, h) in groups.iter().flatten().filter(|x| hit(x)) {
                    lowest = lowest.min(h);
                }
            }
        }
        if !lowest.is_finite() {
            return;
        }
        let to = (lowest + 1e-4).min(1.0);
        for th in model.threshold.iter_mut().skip(1).filter(|th| **th < 1.0) {
            *th = th.max(to);
        }
        if lowest >= 1.0 {
            return;
        }
    }
}

/// How a model does on a labelled set: per class, the sentences and how many were flagged (for polite: how
/// many were flagged at all; for the others: flagged as hostile, whatever the category).
pub fn per_class(model: &Model, examples: &[(Vec<u32>, usize)]) -> [(usize, usize); K] {
    let mut out = [(0usize, 0usize); K];
    for (feats, class) in examples {
        out[*class].0 += 1;
        out[*class].1 += usize::from(model.verdict(feats).is_some());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cut_a_message_after_each_of_them() {
        assert_eq!(
            cut_after_runs("Yes!!! A second interview?! See you soon!"),
            ["Yes!!!", "Yes!!! A second interview?!"]
        );
        assert_eq!(cut_after_runs("Déjà ?!?! Bon."), ["Déjà ?!?!"]);
        assert!(cut_after_runs("One! Two? Three.").is_empty());
        assert_eq!(cut_after_runs("Hired‼ Starting Monday⁉ Wow."), ["Hired‼", "Hired‼ Starting Monday⁉"]);
    }

    #[test]
    fn learned_sets_give_what_their_labels_say_for_sure() {
        let set = r#"{"en": {"hostile": [
            {"text": "You are a bunch of clowns.", "category": "insult"},
            {"text": "Thanks for the call. You are a bunch of clowns.", "category": "insult"},
            {"text": "YOU NEVER CALLED BACK.", "category": "shouting"},
            {"text": "Still nothing from you after a month!!!", "category": "punctuation"},
            {"text": "Thanks!! But six weeks and nothing???", "category": "punctuation"}
        ], "polite": ["Thank you for your time.", "I got the job!!! See you around.", "Kind regards, Sam",
            "Hello again. Noted with thanks.", "Sorry!! Noted with thanks!!"]}}"#;
        let exclude: HashSet<String> =
            ["Kind regards, Sam", "Noted with thanks."].iter().map(|t| sentence_text(t, "en")).collect();
        let got = from_sets(&[set.to_owned()], "en", &exclude).unwrap();
        let insult = CLASSES.iter().position(|c| *c == "insult").unwrap();
        assert_eq!(got.hostile, [("You are a bunch of clowns.".to_owned(), insult)]);
        let polite: Vec<Vec<String>> = ["Thank you for your time.", "I got the job!!! See you around."]
            .iter()
            .map(|t| super::super::message_sentences(t, "en"))
            .collect();
        assert_eq!(got.polite, polite);
        assert_eq!(polite[1].len(), 2);
        // The last polite message is left out as a whole, its runs too, though "Sorry" is no excluded sentence.
        assert_eq!(got.glad, ["I got the job!!!"]);
        assert_eq!(got.angry, ["Still nothing from you after a month!!!"]);
        assert!(from_sets(&["{".to_owned()], "en", &exclude).is_err());
        assert!(from_sets(&[r#"{"fr": {}}"#.to_owned()], "en", &exclude).is_err());
    }
}
