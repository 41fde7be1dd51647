//! The learned second opinion of the tone check: a linear classifier that reads each sentence the rules left
//! alone and flags it when it looks hostile in a way no pattern foresaw.
//!
//! Why a model at all: the rules explain what they find, but they only know the forms someone wrote down. A
//! person called "a clown", a wish in the subjunctive, thanks for a "wonderful" ghosting — each new form is
//! one more pattern. A classifier trained on many such sentences (`tone/train/{fr,en}.json`) generalises
//! from their letters and words instead.
//!
//! Why this model: multinomial logistic regression over hashed features — character 3- to 5-grams of the
//! folded sentence (typos and missing accents keep most of their n-grams) and word unigrams and bigrams —
//! the fastText idea without its embeddings. Scoring is a loop over a sparse vector and training a few
//! dozen more lines of SGD ([`train`]), so it is ours: it trains in under a second, scores a sentence in
//! microseconds, and its weights are plain data. No ML crate to build, audit or keep in step: `linfa` would
//! bring `ndarray` and general solvers for what is one dot product per class.
//!
//! Weights ship as `tone/model-{fr,en}.bin`, written by `examples/tone_train.rs` (see [`train`]): a header,
//! then per class a scale, a bias and a threshold, then the weights as `i8`, bucket-major so one feature
//! reads its classes from one cache line. A file that does not parse means no model, never a panic.
//!
//! A second, smaller model of the same kind reads the sentences that runs of "!" or "?" close ([`shipped_runs`]):
//! glad or angry, from sentences written for it (`tone/train/runs-{fr,en}.json`); the run is let pass when it
//! reads glad.
//!
//! What the model sees: the words of one sentence as the engine read them (folded, accents dropped), with
//! the user's names replaced by a neutral mark and signature or address lines left out. Shouting and
//! punctuation stay with the rules: the model sees neither capitals nor `!`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::{Cat, Reading};

pub mod generate;
pub mod train;

/// The classes, in the order of the weights: `polite` (index 0), then the categories the model can name.
pub const CLASSES: [&str; 9] =
    ["polite", "insult", "profanity", "threat", "ill_wish", "dismissal", "sarcasm", "blame", "demand"];

/// Number of classes.
const K: usize = CLASSES.len();

/// What a user's name becomes before scoring: a mark no training sentence contains, so it weighs nothing.
const NAME_MARK: &str = "§";

/// The category a class index stands for; `None` for `polite` or an index out of range.
fn category(class: usize) -> Option<Cat> {
    class.checked_sub(1).and_then(|i| Cat::PHRASED.get(i).copied())
}

/// A trained model, weights quantised to `i8` with a scale per class.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Number of hash buckets (a power of two).
    pub buckets: usize,
    /// Per class: a weight is `i8 * scale`.
    pub scale: [f32; K],
    /// Per class: the bias.
    pub bias: [f32; K],
    /// Per class: the probability a sentence's best non-polite class needs to be flagged (unused for polite). Since
    /// the tenth round the trainer writes one value for every class but profanity (1: the rules own swearing).
    pub threshold: [f32; K],
    /// `buckets * K` weights, bucket-major.
    pub weights: Vec<i8>,
}

const MAGIC: &[u8; 4] = b"RTM1";

impl Model {
    /// Reads the format written by [`Model::to_bytes`]; `None` on anything unexpected.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (head, rest) = rest.split_at_checked(8)?;
        let buckets = u32::from_le_bytes(head[..4].try_into().ok()?) as usize;
        let classes = u32::from_le_bytes(head[4..].try_into().ok()?) as usize;
        if classes != K || !buckets.is_power_of_two() {
            return None;
        }
        let (floats, weights) = rest.split_at_checked(3 * K * 4)?;
        if weights.len() != buckets * K {
            return None;
        }
        let mut vals = floats.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let mut take = || {
            let mut a = [0f32; K];
            a.iter_mut().for_each(|x| *x = vals.next().unwrap_or(0.0));
            a
        };
        let (scale, bias, threshold) = (take(), take(), take());
        Some(Model { buckets, scale, bias, threshold, weights: weights.iter().map(|&b| b as i8).collect() })
    }

    /// The shipped file format: magic, bucket and class counts, scales, biases, thresholds, weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + 12 * K + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.buckets as u32).to_le_bytes());
        out.extend_from_slice(&(K as u32).to_le_bytes());
        for x in self.scale.iter().chain(&self.bias).chain(&self.threshold) {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    /// Class probabilities of one sentence, given its features.
    pub fn probabilities(&self, feats: &[u32]) -> [f32; K] {
        let mut sums = [0i32; K];
        for &f in feats {
            let at = (f as usize & (self.buckets - 1)) * K;
            if let Some(row) = self.weights.get(at..at + K) {
                for (s, &w) in sums.iter_mut().zip(row) {
                    *s += i32::from(w);
                }
            }
        }
        let v = feature_value(feats.len());
        let mut logits = [0f32; K];
        for c in 0..K {
            logits[c] = self.bias[c] + sums[c] as f32 * self.scale[c] * v;
        }
        softmax(&logits)
    }

    /// The class a sentence is flagged for, if any: its most likely non-polite class, when the probability
    /// of not being polite passes that class's threshold. The hostile mass is what is compared, not the
    /// best class alone: an ill wish that also reads a little like a threat is no less hostile for it.
    pub fn verdict(&self, feats: &[u32]) -> Option<usize> {
        let (best, hostile) = self.hostility(feats);
        (hostile >= self.threshold[best]).then_some(best)
    }

    /// The most likely non-polite class and the probability of not being polite.
    pub fn hostility(&self, feats: &[u32]) -> (usize, f32) {
        let p = self.probabilities(feats);
        let best = (1..K).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(1);
        (best, 1.0 - p[0])
    }
}

/// Every feature of a sentence counts the same, and a sentence's features together weigh one in norm: long
/// sentences do not score higher for being long.
pub fn feature_value(n: usize) -> f32 {
    1.0 / (n.max(1) as f32).sqrt()
}

/// Softmax, stable for any logits.
pub fn softmax(logits: &[f32; K]) -> [f32; K] {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut p = [0f32; K];
    let mut sum = 0.0;
    for (q, &l) in p.iter_mut().zip(logits) {
        *q = (l - max).exp();
        sum += *q;
    }
    p.iter_mut().for_each(|q| *q /= sum);
    p
}

/// FNV-1a over bytes, from a seed per kind of feature, then mixed so the low bits spread.
fn hash(seed: u64, bytes: &[u8]) -> u32 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (h ^ (h >> 32)) as u32
}

/// The hashed features of a sentence given as folded words separated by single spaces: character 3- to
/// 5-grams of the sentence padded with a space each side, words, and pairs of words (with a start mark, so
/// "puisse" opening a sentence is a feature of its own); each word again, marked when the sentence is a wish,
/// announces what someone will do or thanks; in French (`lang` "fr") also each word marked by whether the
/// sentence names the reader or the writer.
pub fn features(sentence: &str, lang: &str, out: &mut Vec<u32>) {
    out.clear();
    let padded = format!(" {sentence} ");
    let bounds: Vec<usize> = padded.char_indices().map(|(b, _)| b).chain(std::iter::once(padded.len())).collect();
    for n in 3..=5usize {
        for i in 0..bounds.len().saturating_sub(n) {
            out.push(hash(n as u64, &padded.as_bytes()[bounds[i]..bounds[i + n]]));
        }
    }
    let mut prev = "^";
    for w in sentence.split(' ').filter(|w| !w.is_empty()) {
        out.push(hash(11, w.as_bytes()));
        let pair = [prev.as_bytes(), b" ", w.as_bytes()].concat();
        out.push(hash(12, &pair));
        prev = w;
    }
    // Both languages: what the sentence does. Each word again, marked when the sentence is a wish (hope, may,
    // «que», «puisse»), says what someone will do (will, going to, «vais») or thanks (thanks, bravo, «merci»), so
    // that "flounders" in a wish and in a report, "the board" in an announcement and in praise, or "silence" in
    // thanks and in a complaint weigh differently.
    let words: Vec<&str> = sentence.split(' ').filter(|w| !w.is_empty()).collect();
    for (seed, cue) in [(16, WISH), (17, WILL), (18, THANKS)] {
        // A cue right after a negation is not one ("je ne vous souhaite pas ça", "I do not wish this on anyone").
        // Two words back only, and English contractions stay one word ("dont", "ill"), so "I don't wish" and
        // "I'll" are no cue: with the window at three, «pas» after the cue, "dont"-like negations and "ill"-like
        // announcements, the read sets lost a message or two on six sets and gained one on one.
        let negated = |i: usize| words[i.saturating_sub(2)..i].iter().any(|w| NOT.contains(w));
        if words.iter().enumerate().any(|(i, w)| cue.contains(w) && !negated(i)) {
            mark(out, seed, &words, |w| !cue.contains(&w));
        }
    }
    // French only: who the sentence is about. Each word again, marked by whether the reader or the writer is
    // named in the sentence, so that "nul" beside "vous" and "nul" beside "j'étais" can weigh differently.
    // (Tried in English too: its fourth held-out set lost five points of stop recall.)
    if lang != "fr" {
        return;
    }
    for (seed, who, elided) in [(13, READER, "t"), (14, WRITER, "m")] {
        let named = words.iter().enumerate().any(|(i, w)| {
            who.contains(w) || (*w == elided && words.get(i + 1).is_some_and(|next| elided_before(next)))
        });
        if named {
            mark(out, seed, &words, |w| !who.contains(&w) && w != elided);
        }
    }
}

/// Each word that `keep`s, again, hashed with the seed of what marked the sentence.
fn mark(out: &mut Vec<u32>, seed: u64, words: &[&str], keep: impl Fn(&str) -> bool) {
    out.extend(words.iter().filter(|w| keep(w)).map(|w| hash(seed, w.as_bytes())));
}

/// Whether a lone "t" or "m" before this word is an elided pronoun ("t'es", "m'avez", "m'habiller"): the next
/// word opens on a vowel or an h and is not the subject of an inverted question ("a-t-il"). The title «M.»
/// before a name that opens on a consonant ("M. Dupont") is no writer; "M. Arnaud" still reads as one.
fn elided_before(next: &str) -> bool {
    next.starts_with(['a', 'e', 'i', 'o', 'u', 'y', 'h']) && !matches!(next, "il" | "elle" | "on" | "ils" | "elles")
}

/// Words that make a sentence a wish, in either language.
const WISH: &[&str] = &[
    "hope",
    "hoping",
    "wish",
    "wishing",
    "may",
    "trust",
    "pray",
    "praying",
    "karma",
    "deserve",
    "deserves",
    "espere",
    "souhaite",
    "souhaiter",
    "puisse",
    "puissent",
    "que",
];
/// Negations that undo a cue word just after them.
const NOT: &[&str] = &["ne", "n", "not", "never", "jamais"];
/// Words that announce what someone will do, in either language.
const WILL: &[&str] =
    &["will", "going", "intend", "gonna", "shall", "vais", "allez", "va", "vont", "compte", "irai", "ferai"];
/// Words of thanks or praise, in either language.
const THANKS: &[&str] = &[
    "thank",
    "thanks",
    "thx",
    "cheers",
    "grateful",
    "appreciate",
    "bravo",
    "congratulations",
    "congrats",
    "kudos",
    "merci",
    "remercie",
    "remercier",
    "felicitations",
    "chapeau",
];
/// Words naming the reader.
const READER: &[&str] = &[
    "vous",
    "votre",
    "vos",
    "tu",
    "te",
    "toi",
    "ton",
    "ta",
    "tes",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "ya",
];
/// Words naming the writer.
const WRITER: &[&str] = &["je", "j", "me", "moi", "mon", "ma", "mes", "i", "my", "myself", "mine"];

/// The text the model reads for a training sentence: the words as the engine reads them, joined by spaces.
pub fn sentence_text(text: &str, lang: &str) -> String {
    let reading = super::read(text, super::rules(lang).split_elisions);
    reading.words.iter().map(|w| w.folded.as_str()).collect::<Vec<_>>().join(" ")
}

/// A greeting or a salutation with names and nothing else ("Salut Geneviève", "Bonjour Mme Roy"): the model
/// has nothing to judge there, and a lone "salut" is also how some dismissals open.
fn only_greeting(text: &str, lang: &str) -> bool {
    let heads = &super::rules(lang).name_heads;
    text.split(' ').all(|w| w == NAME_MARK || heads.contains(w))
}

const FR_MODEL: &[u8] = include_bytes!("model-fr.bin");
const EN_MODEL: &[u8] = include_bytes!("model-en.bin");
const FR_RUNS: &[u8] = include_bytes!("runs-fr.bin");
const EN_RUNS: &[u8] = include_bytes!("runs-en.bin");

/// The run model's classes: index 0 of a [`Model`] read as [`GLAD`] (what a glad run closes), index 1 as
/// [`ANGRY`]; it is trained on no other class, so the others weigh nothing.
pub const GLAD: usize = 0;
/// See [`GLAD`].
pub const ANGRY: usize = 1;

/// The shipped model of a language ("fr", anything else is English), parsed once; `None` if it does not parse.
pub fn shipped(lang: &str) -> Option<&'static Model> {
    static FR_M: OnceLock<Option<Model>> = OnceLock::new();
    static EN_M: OnceLock<Option<Model>> = OnceLock::new();
    if lang == "fr" {
        parsed(&FR_M, FR_MODEL)
    } else {
        parsed(&EN_M, EN_MODEL)
    }
}

/// A shipped file's model, parsed on first use.
fn parsed(cell: &'static OnceLock<Option<Model>>, bytes: &[u8]) -> Option<&'static Model> {
    cell.get_or_init(|| Model::from_bytes(bytes)).as_ref()
}

/// The shipped run model of a language: how a sentence closed by a run of "!" or "?" ("!!!", "?!", "??"…) reads —
/// glad (news, thanks, excitement, a sincere question) or angry (waiting, silence, indignation) — from its words
/// alone, trained on the last sentence of each entry of `tone/train/runs-{fr,en}.json` by `examples/tone_train.rs`. Its threshold (`threshold[ANGRY]`) is the
/// probability of anger under which a run may pass as glad. `None` if the file does not parse.
pub fn shipped_runs(lang: &str) -> Option<&'static Model> {
    static FR_R: OnceLock<Option<Model>> = OnceLock::new();
    static EN_R: OnceLock<Option<Model>> = OnceLock::new();
    if lang == "fr" {
        parsed(&FR_R, FR_RUNS)
    } else {
        parsed(&EN_R, EN_RUNS)
    }
}

/// One sentence as the model reads it.
struct Sentence {
    /// UTF-16 span of its words.
    start: usize,
    end: usize,
    /// The engine's sentence number.
    id: usize,
    /// Folded words, names replaced by a mark.
    text: String,
}

/// The sentences of a reading as the model reads them: names replaced by a mark, words on quiet lines
/// (signature, address, phone, e-mail) left out.
fn sentences(reading: &Reading, names: &HashSet<String>, proper: &[bool], quiet: &[bool]) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    for (i, (w, &(id, _))) in reading.words.iter().zip(&reading.word_sentence).enumerate() {
        if quiet.get(w.line).copied().unwrap_or(false) {
            continue;
        }
        // The user's names and the names the rules recognised (after a title, a greeting, in a place name):
        // a surname that looks like a swear word is a name, for the model too.
        let named = names.contains(&w.folded) || proper.get(i).copied().unwrap_or(false);
        let word = if named { NAME_MARK } else { w.folded.as_str() };
        match out.last_mut() {
            Some(last) if last.id == id => {
                last.end = w.u1;
                last.text.push(' ');
                last.text.push_str(word);
            }
            _ => out.push(Sentence { start: w.u0, end: w.u1, id, text: word.to_owned() }),
        }
    }
    out
}

static RULES_ONLY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Leaves the model's findings and the run model out of every check in this process, so that `tone_report
/// --rules-only` can say what the rules alone reach and which false alarms are the models'. The app never calls it.
/// (The tone model still tells the rules which sentences a run closes read calm, and which questions closed by "??"
/// are sincere; it overrules no rule phrase.)
pub fn rules_only(on: bool) {
    RULES_ONLY.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The model's findings for the sentences where the rules found nothing (`taken`: the rules' spans).
/// `polite`: the sentences where the rules found a polite formula ("je vous saurais gré de…"), which turns
/// a demand into a request for the model as it does for the rules. `kind`: the sentences with a kind formula
/// (a good wish returned, a blessing), which the model leaves alone.
#[allow(clippy::too_many_arguments)]
pub(super) fn findings(
    lang: &str,
    reading: &Reading,
    names: &HashSet<String>,
    proper: &[bool],
    quiet: &[bool],
    taken: &[(usize, usize, Cat)],
    polite: &HashSet<usize>,
    kind: &HashSet<usize>,
) -> Vec<(usize, usize, Cat)> {
    #[cfg(test)]
    if tests::MODEL_OFF.with(std::cell::Cell::get) {
        return Vec::new();
    }
    if RULES_ONLY.load(std::sync::atomic::Ordering::Relaxed) {
        return Vec::new();
    }
    let Some(model) = shipped(lang) else { return Vec::new() };
    let mut spans: Vec<(usize, usize)> = taken.iter().map(|&(s, e, _)| (s, e)).collect();
    spans.sort_unstable();
    let all = sentences(reading, names, proper, quiet);
    // A rule span belongs to a sentence if it starts before the next sentence does ("Sérieusement?!" keeps
    // its "?!") and ends after this one starts. Spans are sorted and sentences in order, so one forward walk
    // suffices: linear overall.
    let (mut next, mut max_end) = (0usize, 0usize);
    let mut feats = Vec::new();
    let mut out = Vec::new();
    for (i, s) in all.iter().enumerate() {
        let region_end = all.get(i + 1).map_or(usize::MAX, |n| n.start);
        while next < spans.len() && spans[next].0 < region_end {
            max_end = max_end.max(spans[next].1);
            next += 1;
        }
        if max_end > s.start || kind.contains(&s.id) || only_greeting(&s.text, lang) {
            continue;
        }
        features(&s.text, lang, &mut feats);
        match model.verdict(&feats).and_then(category) {
            Some(Cat::Demand) if polite.contains(&s.id) => {}
            Some(cat) => out.push((s.start, s.end, cat)),
            None => {}
        }
    }
    out
}

/// Of the sentences `ids` long enough to judge ([`OVERRULE_MIN_WORDS`]), the tone model's probability of each
/// not being polite, to overrule a rule phrase where the model is sure the sentence is courteous. Nothing
/// without the model, under `--rules-only` (whose figures are the rules' alone) or in the tests that turn the
/// model off.
pub(super) fn overrule_reads(
    lang: &str,
    reading: &Reading,
    names: &HashSet<String>,
    proper: &[bool],
    quiet: &[bool],
    ids: &HashSet<usize>,
) -> HashMap<usize, f32> {
    #[cfg(test)]
    if tests::MODEL_OFF.with(std::cell::Cell::get) {
        return HashMap::new();
    }
    if RULES_ONLY.load(std::sync::atomic::Ordering::Relaxed) {
        return HashMap::new();
    }
    let Some(model) = shipped(lang) else { return HashMap::new() };
    let mut feats = Vec::new();
    let mut out = HashMap::new();
    for s in sentences(reading, names, proper, quiet).into_iter().filter(|s| ids.contains(&s.id)) {
        if s.text.split(' ').count() < OVERRULE_MIN_WORDS {
            continue;
        }
        features(&s.text, lang, &mut feats);
        out.insert(s.id, model.hostility(&feats).1);
    }
    out
}

/// The fewest words a sentence needs for the tone model to overrule a rule phrase in it. A short blunt
/// sentence is the rules' to judge: the model, which learned "not a waste of time" as polite, reads "It was a
/// waste of time." as plainly polite too; with eight words or more, the words around the phrase say how it
/// is meant ("Please consider this my notice of withdrawal from the hiring process.").
const OVERRULE_MIN_WORDS: usize = 8;

/// Of the sentences `ids`, how the models read each: the tone model's probability of not being polite, and
/// whether the run model reads a run after it as glad. No model means no figure: the caller treats an unknown
/// sentence as not calm.
pub(super) fn hostility(
    lang: &str,
    reading: &Reading,
    names: &HashSet<String>,
    proper: &[bool],
    quiet: &[bool],
    ids: &HashSet<usize>,
) -> HashMap<usize, Reads> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return out;
    }
    #[cfg(test)]
    if tests::MODEL_OFF.with(std::cell::Cell::get) {
        return out;
    }
    let Some(model) = shipped(lang) else { return out };
    // `--rules-only` leaves the run model out too, so that a run it lets pass is counted as its own.
    let runs = shipped_runs(lang).filter(|_| !RULES_ONLY.load(std::sync::atomic::Ordering::Relaxed));
    #[cfg(test)]
    let runs = runs.filter(|_| !tests::RUNS_OFF.with(std::cell::Cell::get));
    let mut feats = Vec::new();
    for s in sentences(reading, names, proper, quiet).into_iter().filter(|s| ids.contains(&s.id)) {
        features(&s.text, lang, &mut feats);
        // One or two words ("Anyone?!") say too little for the run model to call them glad.
        let long_enough = s.text.split(' ').count() >= RUN_MIN_WORDS;
        let angry = runs.filter(|_| long_enough).map(|r| (r.probabilities(&feats)[ANGRY], r.threshold[ANGRY]));
        let glad = angry.is_some_and(|(p, limit)| p < limit);
        out.insert(s.id, Reads { hostility: model.hostility(&feats).1, glad, angry: angry.map(|(p, _)| p) });
    }
    out
}

/// The fewest words a sentence needs for the run model to read a run after it as glad.
const RUN_MIN_WORDS: usize = 3;

/// How the models read a sentence a run closes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reads {
    /// The tone model's probability of not being polite.
    pub hostility: f32,
    /// Whether the run model reads a run after it as glad.
    pub glad: bool,
    /// The run model's probability that a run after it is angry; `None` when the sentence is too short to
    /// tell or there is no run model.
    pub angry: Option<f32>,
}

/// The features of each sentence of a message as the model reads it in [`check`](super::check) (no names,
/// quiet lines left out): how the trainer measures a model on whole messages before shipping it.
pub fn message_features(text: &str, lang: &str) -> Vec<Vec<u32>> {
    message_sentences(text, lang)
        .iter()
        .map(|s| {
            let mut f = Vec::new();
            features(s, lang, &mut f);
            f
        })
        .collect()
}

/// The sentences of a message as the model reads them in [`check`](super::check): folded words joined by spaces,
/// the names the rules recognise replaced by a mark, quiet lines left out.
pub fn message_sentences(text: &str, lang: &str) -> Vec<String> {
    let rules = super::rules(lang);
    let reading = super::read(text, rules.split_elisions);
    let quiet = super::quiet_lines(text, &reading, rules);
    let proper = super::proper_names(text, &reading, rules, &quiet);
    sentences(&reading, &HashSet::new(), &proper, &quiet).into_iter().map(|s| s.text).collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::train::{self, Labelled};
    use super::*;
    use crate::messages::tone::{check, Context};
    use crate::messages::tone_eval::{read_set, HELD_OUT_SETS, LEARNED_SETS};
    use serde_json::Value;

    thread_local! {
        /// Turns the model off in this test thread, to compare the check with and without it.
        pub(in crate::messages::tone) static MODEL_OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        /// Turns the run model alone off in this test thread.
        pub(in crate::messages::tone) static RUNS_OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    const TRAIN_FR: &str = include_str!("train/fr.json");
    const TRAIN_EN: &str = include_str!("train/en.json");
    const RUNS_FR: &str = include_str!("train/runs-fr.json");
    const RUNS_EN: &str = include_str!("train/runs-en.json");

    /// The learned held-out sets, as the trainer reads them (read once per test process).
    fn from_sets(lang: &str) -> &'static train::FromSets {
        static CELL: OnceLock<[train::FromSets; 2]> = OnceLock::new();
        let both = CELL.get_or_init(|| {
            let sets: Vec<String> = LEARNED_SETS.iter().map(|f| read_set(f).expect("a learned held-out set")).collect();
            ["fr", "en"].map(|lang| {
                let held = HELD_OUT_SETS.iter().map(|f| read_set(f).expect("a held-out set"));
                let mut exclude: HashSet<String> = held.flat_map(|j| train::repo_sentences(&j, lang)).collect();
                exclude.extend(train::repo_sentences(include_str!("corpus.json"), lang));
                train::from_sets(&sets, lang, &exclude).unwrap()
            })
        });
        &both[usize::from(lang != "fr")]
    }

    fn corpus(lang: &str) -> Vec<Labelled> {
        let exclude = train::repo_sentences(include_str!("corpus.json"), lang);
        let learned = &from_sets(lang).hostile;
        train::corpus(if lang == "fr" { TRAIN_FR } else { TRAIN_EN }, lang, &exclude, learned).unwrap()
    }

    fn repo() -> Value {
        serde_json::from_str(include_str!("corpus.json")).unwrap()
    }

    #[test]
    fn shipped_weights_load_and_stay_small() {
        for lang in ["fr", "en"] {
            let m = shipped(lang).unwrap_or_else(|| panic!("{lang}: the shipped model parses"));
            assert_eq!(m.weights.len(), m.buckets * K, "{lang}");
            assert!(m.to_bytes().len() <= 1 << 20, "{lang}: at most 1 MB");
            assert!(m.threshold[1..].iter().all(|t| (0.5..=1.0).contains(t)), "{lang}: {:?}", m.threshold);
        }
        assert!(Model::from_bytes(b"RTM1").is_none() && Model::from_bytes(&[]).is_none());
        for lang in ["fr", "en"] {
            let r = shipped_runs(lang).unwrap_or_else(|| panic!("{lang}: the shipped run model parses"));
            assert!(r.to_bytes().len() <= 1 << 18, "{lang}: at most 256 KB");
            assert!((0.0..0.5).contains(&r.threshold[ANGRY]), "{lang}: {:?}", r.threshold);
        }
    }

    /// The figures the trainer prints for the dev split (the shipped English model never saw these sentences),
    /// with a margin: recall of hostile sentences and the share of polite ones flagged. The model leaves
    /// swearing to the rules (its profanity threshold is 1), so its dev profanity sentences count as missed.
    /// (2026-12-03, third round: 2,450 sentences per language from four more writers joined the corpus and so the
    /// dev split, which got harder; then 1,000 subtler English ones: dev recall fr 67.4 %, en 71.3 %, hand-written
    /// 62.9 % and 67.6 %.) The French model is trained again on every sentence once its thresholds are picked
    /// (`train::refits`, eighth round), so for French these are figures on sentences it learned from: the trainer
    /// prints the figures of the first model, which never saw them; here a stale or broken French file fails.
    /// Since the twelfth round the dev split holds the learned held-out sets' one-sentence hostile messages too, and
    /// English may flag 1.5 % of its polite sentences ([`train::polite_budget`]).
    #[test]
    fn the_model_alone_on_the_dev_split() {
        for (lang, min_recall, hand_recall) in [("fr", 0.85, 0.85), ("en", 0.65, 0.60)] {
            let budget = train::polite_budget(lang);
            assert_eq!(train::refits(lang), lang == "fr");
            let model = shipped(lang).unwrap();
            let items = corpus(lang);
            let dev = train::dev_split(&items);
            let (mut hostile, mut caught, mut polite, mut alarms) = (0, 0, 0, 0);
            let (mut hand, mut hand_caught) = (0, 0);
            let mut f = Vec::new();
            for (l, _) in items.iter().zip(&dev).filter(|(_, d)| **d) {
                features(&l.text, lang, &mut f);
                let flagged = model.verdict(&f).is_some();
                if l.class == 0 {
                    polite += 1;
                    alarms += usize::from(flagged);
                } else {
                    hostile += 1;
                    caught += usize::from(flagged);
                    if !l.generated {
                        hand += 1;
                        hand_caught += usize::from(flagged);
                    }
                }
            }
            let recall = caught as f64 / hostile as f64;
            let hand_rate = hand_caught as f64 / hand as f64;
            let alarm_rate = alarms as f64 / polite as f64;
            assert!(hostile > 200 && polite > 150, "{lang}: dev split size {hostile} + {polite}");
            eprintln!("{lang}: dev recall {recall:.3}, hand-written {hand_rate:.3}, false alarms {alarm_rate:.3}");
            assert!(recall >= min_recall, "{lang}: dev recall {recall:.3}");
            assert!(hand_rate >= hand_recall, "{lang}: dev recall on hand-written sentences {hand_rate:.3}");
            assert!(alarm_rate <= budget, "{lang}: dev false alarms {alarm_rate:.3}");
        }
    }

    /// The repo corpus stays the regression set: the model adds no false alarm on its polite messages (learned
    /// since the tenth round), and on its hostile ones (never learned) it takes away only what it overrules
    /// (`tone::tests::OVERRULED`), and still adds catches of its own.
    #[test]
    fn the_repo_corpus_with_the_model_on() {
        let repo = repo();
        let ctx = Context::default();
        let flagged = |t: &str, lang: &str, off: bool| {
            MODEL_OFF.with(|o| o.set(off));
            let f = !check(t, lang, &ctx).is_empty();
            MODEL_OFF.with(|o| o.set(false));
            f
        };
        for lang in ["fr", "en"] {
            let polite: Vec<&str> = repo[lang]["polite"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
            let new_alarms: Vec<&str> =
                polite.iter().copied().filter(|t| flagged(t, lang, false) && !flagged(t, lang, true)).collect();
            assert!(new_alarms.is_empty(), "{lang}: the model flags polite messages {new_alarms:#?}");
            let hostile = repo[lang]["hostile"].as_array().unwrap();
            let (mut with, mut without, mut overruled) = (0, 0, 0);
            for h in hostile.iter().filter_map(|h| h["text"].as_str()) {
                let (on, off) = (flagged(h, lang, false), flagged(h, lang, true));
                if off && !on {
                    assert!(super::super::tests::OVERRULED.contains(&h), "{lang}: the model lost {h}");
                    overruled += 1;
                }
                with += usize::from(on);
                without += usize::from(off);
            }
            let alarms = polite.iter().filter(|t| flagged(t, lang, false)).count();
            let added = with + overruled - without;
            eprintln!(
                "{lang} repo corpus, model on: hostile caught {with}/{} (rules alone {without}; the model adds {added}, overrules {overruled}), polite flagged {alarms}/{}",
                hostile.len(),
                polite.len()
            );
            assert!(added > 0, "{lang}: the model adds no catch of its own");
        }
    }

    /// The training corpus is ours: no hand-written sentence of it reads the same as a message of the repo
    /// corpus, whose hostile messages stay an evaluation set and whose polite ones the trainer learns apart (the
    /// generator's sentences are left out by `corpus`).
    #[test]
    fn the_training_files_share_no_sentence_with_the_repo_corpus() {
        for (lang, json) in [("fr", TRAIN_FR), ("en", TRAIN_EN), ("fr", RUNS_FR), ("en", RUNS_EN)] {
            let repo = train::repo_sentences(include_str!("corpus.json"), lang);
            let file: std::collections::BTreeMap<String, Vec<String>> = serde_json::from_str(json).unwrap();
            let shared: Vec<&String> =
                file.values().flatten().filter(|s| repo.contains(&sentence_text(s, lang))).collect();
            assert!(shared.is_empty(), "{lang}: {shared:#?}");
            // Nor what the learned held-out sets give (a count only: they are not to be read).
            let shared = learned_texts(from_sets(lang), lang).filter(|t| repo.contains(t)).count();
            assert_eq!(shared, 0, "{lang}: {shared} learned sentences read the same as repo corpus messages");
        }
    }

    /// What the model learns from the learned held-out sets, as it reads it: their one-sentence hostile
    /// messages, each sentence of their polite messages, the sentence each run entry ends with.
    fn learned_texts<'a>(from: &'a train::FromSets, lang: &'a str) -> impl Iterator<Item = String> + 'a {
        let hostile = from.hostile.iter().map(move |(t, _)| sentence_text(t, lang));
        let polite = from.polite.iter().flatten().cloned();
        let runs = from.glad.iter().chain(&from.angry).filter_map(move |e| message_sentences(e, lang).pop());
        hostile.chain(polite).chain(runs)
    }

    /// Nor with a sentence of any held-out set: a count is printed, never a sentence, so that whoever writes
    /// training sentences can run this without reading the sets.
    #[test]
    fn the_training_files_share_no_sentence_with_the_held_out_sets() {
        let repo = repo();
        let learned = [from_sets("fr"), from_sets("en")];
        for file in HELD_OUT_SETS {
            let held = read_set(file).expect("a held-out set");
            for (lang, from) in ["fr", "en"].into_iter().zip(&learned) {
                let out = train::repo_sentences(&held, lang);
                let files = if lang == "fr" { [TRAIN_FR, RUNS_FR] } else { [TRAIN_EN, RUNS_EN] };
                for json in files {
                    let train: std::collections::BTreeMap<String, Vec<String>> = serde_json::from_str(json).unwrap();
                    let shared = train.values().flatten().filter(|s| out.contains(&sentence_text(s, lang))).count();
                    assert_eq!(shared, 0, "{lang}: {shared} training sentences read the same as sentences of {file}");
                }
                // The repo corpus' polite messages are learned too (since the tenth round).
                let polite = repo[lang]["polite"].as_array().unwrap().iter().filter_map(Value::as_str);
                let shared = polite.filter(|t| out.contains(&sentence_text(t, lang))).count();
                assert_eq!(
                    shared, 0,
                    "{lang}: {shared} repo corpus polite messages read the same as messages of {file}"
                );
                // Nor what is learned from the learned held-out sets (twelfth round): their one-sentence hostile
                // messages, each sentence of their polite messages, the sentence each run entry ends with.
                let shared = learned_texts(from, lang).filter(|t| out.contains(t)).count();
                assert_eq!(
                    shared, 0,
                    "{lang}: {shared} messages of the learned sets read the same as messages of {file}"
                );
            }
        }
    }

    #[test]
    fn training_is_deterministic() {
        let items: Vec<Labelled> = corpus("fr").into_iter().step_by(9).collect();
        let examples = train::featurise(&items, "fr");
        let s = train::Settings { buckets: 1 << 12, epochs: 3, ..train::Settings::default() };
        let (a, b) = (train::train(&examples, &s), train::train(&examples, &s));
        assert_eq!(a.to_bytes(), b.to_bytes());
        assert!(a.weights.iter().any(|&w| w != 0), "something was learned");
        assert_eq!(Model::from_bytes(&a.to_bytes()).as_ref(), Some(&a));
    }

    #[test]
    fn features_are_stable_and_fold_accents() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        features(&sentence_text("J'espère que ça ira.", "fr"), "fr", &mut a);
        features(&sentence_text("j espere que ca ira", "fr"), "fr", &mut b);
        assert_eq!(a, b);
        features("", "fr", &mut a);
        assert!(a.len() <= 2);
    }

    #[test]
    fn names_from_the_context_and_signatures_are_not_read() {
        let ctx = Context { names: vec!["Marc Couillard".into()] };
        assert!(check("Bonjour Monsieur Couillard,\nMerci pour votre accueil.", "fr", &ctx).is_empty());
        let sig = "Thank you for your time.\n\nBest regards,\nDICK BUTTS\n12 Cock Lane, Fakenham";
        assert!(check(sig, "en", &Context::default()).is_empty());
    }

    #[test]
    fn findings_name_a_category_and_a_sentence_span() {
        // Sentences the rules do not know, in forms the model learned.
        for (text, lang) in [
            ("Merci pour votre appel. Votre recruteur a le QI d'une plante verte.", "fr"),
            ("Thanks for the call. Your recruiter has the brain of a houseplant.", "en"),
        ] {
            let found = check(text, lang, &Context::default());
            let units: Vec<u16> = text.encode_utf16().collect();
            let first_end = text.find('.').unwrap() + 1;
            assert!(!found.is_empty(), "{lang}: {text}");
            for f in &found {
                assert!(f.start >= first_end && f.end <= units.len(), "{lang}: {f:?}");
                assert!(crate::messages::tone::Cat::PHRASED.iter().any(|c| c.name() == f.rule));
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for t in ["", " ", "\n\n", "!!!", "§§§", "a", "é", "👍👍", &"x".repeat(50_000), &"ah. ".repeat(5_000)] {
            let _ = check(t, "fr", &Context::default());
            let _ = check(t, "en", &Context::default());
        }
    }
}
