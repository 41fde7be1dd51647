//! The tone check run before a message is copied: it flags text that would burn a bridge after a rejection.
//!
//! This module owns the *engine*; the *knowledge* lives in data, one file per language (`tone/fr.json`,
//! `tone/en.json`), so that a reviewer who speaks the language can extend a lexicon without reading Rust.
//! A data file holds word classes, phrase patterns per category, the words that negate or soften a phrase,
//! the closings that open a signature block, and the capitalised words that are or are not shouting.
//!
//! Categories and why they carry two severities: `insult`, `profanity`, `threat`, `ill_wish` and `dismissal`
//! are [`Severity::Stop`] — sending them ends the relationship, so the copy is held until "copy anyway".
//! `sarcasm`, `blame`, `demand`, `shouting` and `punctuation` are [`Severity::SecondLook`]: often a draft
//! written in the heat of the moment, worth a second reading but not blocked.
//!
//! How the text is read, in one linear pass: it is cut into word tokens (folded to lowercase without
//! accents, so "tabarnak" typed without an accent still matches; English contractions joined then expanded,
//! "didn't" → "did not"; French elisions split, "j'exige" → "j" "exige"). Each token looks up, in hash maps,
//! the patterns that can start with it; a pattern is a short sequence of word sets and bounded gaps, so the
//! work per token is bounded and the whole check is linear in the length of the text. Shouting, runs of
//! "!!"/"?!", masked spellings ("f***", "t@b@rn@k") and spaced letters ("f.u.c.k") are found in code.
//!
//! The patterns describe the structure of a sentence more than its words: a target ("your recruiter", «ton
//! boss») with a verdict, a wish in the subjunctive («que votre boîte fasse faillite»), an imperative with a
//! deadline, thanks for a bad event of the process ("thanks for the three weeks of silence"). A token one
//! edit away from a core insult ("imbésile", "idoit") is also tried as that word.
//!
//! Context keeps polite text quiet: negation before a phrase ("anything but a waste of time"), polite
//! formulas that turn a demand into a request ("I would appreciate it if you could…"), the signature and
//! address lines (no shouting there: "MONTRÉAL QC H2X 1Y4"), acronyms, quoted job titles, the names the
//! user typed for this application ([`Context`]), names after a title or a greeting ("Mr. Bastard",
//! "Bonjour Francis Tabarin") and places ("Sainte-Hostie"), which are never read as an insult or swearing,
//! and thanks or praise, which are not shouting in capitals ("THANK YOU") nor anger before "!!".
//!
//! Offsets are JavaScript string indices (UTF-16 code units), counted as the text is read, so the UI can
//! highlight without converting. The function is pure, never panics, and is linear on any input; the
//! caller refuses texts longer than [`MAX_CHARS`].

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

pub mod model;

/// Longest message, in characters, that the caller passes to [`check`]. The engine itself stays linear
/// and panic-free beyond it; the limit keeps the UI responsive and the highlights readable.
pub const MAX_CHARS: usize = 20_000;

/// How strongly a finding holds the copy back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Hold the copy until the user chooses "copy anyway": insults, profanity, threats, ill wishes, dismissal.
    Stop,
    /// Point it out and let the copy go: sarcasm, blame, demands, shouting, punctuation.
    SecondLook,
}

/// One thing the check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Start of the flagged span, in UTF-16 code units (a JavaScript string index).
    pub start: usize,
    /// End of the flagged span (exclusive), in UTF-16 code units.
    pub end: usize,
    /// The category: `insult`, `profanity`, `threat`, `ill_wish`, `dismissal`, `sarcasm`, `blame`, `demand`,
    /// `shouting` or `punctuation`.
    pub rule: String,
    /// Whether the copy is held ([`Severity::Stop`]) or only pointed out.
    pub severity: Severity,
}

/// Names the user typed for this message: the application's company, the people met, my own name.
/// Their words are never read as shouting or as an insult ("Dick", "Cockburn", "DESJARDINS").
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Each entry as typed, e.g. `"Desjardins"`, `"Marie Tremblay"`.
    pub names: Vec<String>,
}

/// The categories, in the order findings on the same span are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Cat {
    Insult,
    Profanity,
    Threat,
    IllWish,
    Dismissal,
    Sarcasm,
    Blame,
    Demand,
    Shouting,
    Punctuation,
}

impl Cat {
    const PHRASED: [Cat; 8] =
        [Cat::Insult, Cat::Profanity, Cat::Threat, Cat::IllWish, Cat::Dismissal, Cat::Sarcasm, Cat::Blame, Cat::Demand];

    fn name(self) -> &'static str {
        match self {
            Cat::Insult => "insult",
            Cat::Profanity => "profanity",
            Cat::Threat => "threat",
            Cat::IllWish => "ill_wish",
            Cat::Dismissal => "dismissal",
            Cat::Sarcasm => "sarcasm",
            Cat::Blame => "blame",
            Cat::Demand => "demand",
            Cat::Shouting => "shouting",
            Cat::Punctuation => "punctuation",
        }
    }

    fn from_name(name: &str) -> Option<Cat> {
        Cat::PHRASED.into_iter().find(|c| c.name() == name)
    }

    fn severity(self) -> Severity {
        match self {
            Cat::Insult | Cat::Profanity | Cat::Threat | Cat::IllWish | Cat::Dismissal => Severity::Stop,
            _ => Severity::SecondLook,
        }
    }

    /// Insults and profanity are about single words: a name the user typed, or a word inside an exempt
    /// phrase ("cave à vin"), never matches them. The other categories are about what a sentence does.
    fn lexical(self) -> bool {
        matches!(self, Cat::Insult | Cat::Profanity)
    }

    /// Whether a negation just before the phrase cancels it ("not a waste of time"). Swearing stays
    /// swearing after "not"; a pattern can still opt out with its `^` flag.
    fn negatable(self) -> bool {
        !self.lexical()
    }

    /// Below what probability of not being polite the tone model overrules a rule phrase of this category, in a
    /// sentence of eight words or more (`model::OVERRULE_MIN_WORDS`). The rule lists of what a sentence does
    /// reach far: "Please consider this my notice of withdrawal from the hiring process" matches a threat's words,
    /// "I coach younger players at my local club" a blame's. Where the model reads the whole sentence as plainly
    /// polite, the phrase was courteous use of the words. Words (insults, swearing) and ill wishes are never
    /// overruled; threats and dismissals, the other stop categories, only where the model is surest and never a
    /// phrase flagged `!`; no phrase flagged `=`.
    fn overruled_below(self) -> Option<f32> {
        match self {
            Cat::Sarcasm | Cat::Blame | Cat::Demand => Some(0.05),
            Cat::Threat | Cat::Dismissal => Some(0.02),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Data files
// ---------------------------------------------------------------------------------------------------------

/// One language's rules, as written in `tone/{fr,en}.json`. See the `_doc` entry of those files for the
/// pattern syntax.
#[derive(Deserialize)]
struct RuleFile {
    /// French splits elisions ("j'exige" → "j exige"); English joins contractions ("don't" → "dont").
    split_elisions: bool,
    /// How little hostility the tone model may read in a sentence for a "??" closing it to be a question asked
    /// twice, whatever its words; 0 (the default) leaves "??" to the other rules.
    #[serde(default)]
    asked_twice: f32,
    /// Token rewrites: "dont" → "do not", "cest" → "c est".
    #[serde(default)]
    contractions: HashMap<String, String>,
    /// Rewrites that apply only when the apostrophe was typed ("he'll" → "he will", but "hell" stays).
    #[serde(default)]
    needs_apostrophe: Vec<String>,
    /// Named alternatives, referenced as `@name` in patterns; an entry may be several words.
    #[serde(default)]
    classes: HashMap<String, Vec<String>>,
    /// Phrase patterns per category name.
    categories: HashMap<String, Vec<String>>,
    /// Words or phrases that negate what follows within the same clause.
    negators: Vec<String>,
    /// Polite formulas: a `demand` in the same sentence is a request, not a demand.
    polite: Vec<String>,
    /// Phrases whose words are never insults or profanity ("cave à vin", "Sacré-Cœur").
    #[serde(default)]
    exempt: Vec<String>,
    /// Formulas that make their sentence kind whatever else the model reads in it: a good wish returned
    /// ("je vous souhaite la même chose", "same to you"), a blessing that opens the sentence ("May God bless you
    /// and your team", «Que Dieu vous bénisse»). Only the model yields to them; the rules still read the sentence.
    #[serde(default)]
    kind: Vec<String>,
    /// The writer speaking of themself ("I was such a", "I felt like a right", «j'avais l'air d'un»): an
    /// insult a few words after it, in the same clause, is self-mockery ("I felt like a right eejit").
    #[serde(default)]
    myself: Vec<String>,
    /// Words that end the reach of `myself`: a person or a turn between the writer and the insult ("I was
    /// interviewed *by* a clown", "I am so done *with you* clowns").
    #[serde(default)]
    myself_until: Vec<String>,
    /// Per category, words that cancel a finding when they appear in it or just after it
    /// ("I left a *positive* review on Glassdoor").
    #[serde(default)]
    shields: HashMap<String, Vec<String>>,
    /// Per category, words that cancel a finding only when they come just before it in its clause: the
    /// speaker's own things ("*mon* employeur va fermer ses portes" is news, not a wish).
    #[serde(default)]
    shields_before: HashMap<String, Vec<String>>,
    /// Words a prefix pattern must never match ("crissement" is not "crisse").
    #[serde(default)]
    never: Vec<String>,
    /// Line openings that close a letter ("Best regards", "Bien à vous"): what follows is the signature.
    closings: Vec<String>,
    /// Capitalised words that are not shouting (acronyms).
    acronyms: Vec<String>,
    /// Common words that make a run of capitals read as shouting ("YOU", "NE", "PAS").
    loud: Vec<String>,
    /// Words that are shouting on their own when written in capitals ("NEVER", "JAMAIS").
    strong: Vec<String>,
    /// Small words that neither make nor break a run of capitals ("OF", "DU", "&").
    neutral: Vec<String>,
    /// Words after which capitalised words are a person's name ("Mr", "Mme", "Dr") or greet one ("Hi",
    /// "Bonjour"): never an insult nor swearing, whatever they contain ("Mr. Bastard", "Bonjour Tabarin").
    #[serde(default)]
    name_heads: Vec<String>,
    /// Words that open a place name with a hyphen or a space ("Saint", "Sainte", "Port"): the capitalised
    /// word after them is a place ("Sainte-Hostie"), not a sacre.
    #[serde(default)]
    place_heads: Vec<String>,
    /// Words (or two) after which a capitalised word inside a sentence, not its last, is a place ("near Bitche
    /// in Moselle", "from Shitterton", «près de Bitche»), not swearing.
    #[serde(default)]
    place_before: Vec<String>,
    /// Words that, one or two words before the locative, make the place word a curse after all ("rot in Hell,
    /// Karen", "see you in Hell, Karen").
    #[serde(default)]
    place_not_after: Vec<String>,
    /// Intensifiers that are no shouting in capitals right before thanks or praise ("TRÈS reconnaissant",
    /// "SO grateful").
    #[serde(default)]
    intensifiers: Vec<String>,
    /// Thanks and praise: in capitals they are warmth, not shouting ("THANK YOU"), and "!!" after them is
    /// enthusiasm, not anger ("Thanks so much!!").
    #[serde(default)]
    warm: Vec<String>,
    /// Glad news, joy, relief, a greeting, a plan or a good wish: a run of "!" closing their sentence is
    /// enthusiasm ("I passed my certification!!!", "Hi Sarah!!!", «On se voit le 14 !!!»), whatever its
    /// length, when the model reads the sentence as calm. Their words are not warmth for capitals.
    #[serde(default)]
    cheer: Vec<String>,
    /// Greeting words ("hi", "morning", «bonjour»): a sentence of at least one of these, with `greeting_with`
    /// words, `name_heads` and names and nothing else, is a greeting, and a run of "!" after it is enthusiasm
    /// ("Good morning Mr. Okafor!!!", «Bonjour Madame Cocu !!!»).
    #[serde(default)]
    greeting: Vec<String>,
    /// Words that may join a greeting without making one ("good", "team", «bonne», «équipe»).
    #[serde(default)]
    greeting_with: Vec<String>,
    /// A grievance about the process (waiting, silence, nobody, why, a template, a promise broken): a run of
    /// "!" or "?" closing their sentence stays a second look ("Still waiting!!!"), unless it is "!!" after a
    /// sentence the model reads as calm or "!" after thanks or praise, as before grievances were read (a veto
    /// there cost false alarms on kind sentences with «jamais» or «rien»). A check-in is not kind with one.
    #[serde(default)]
    grievance: Vec<String>,
    /// Joy that greets a surprise, opening the sentence after "?!" ("A second interview?! *Wonderful*, I'll be
    /// there.", «Un deuxième entretien ?! *Génial*»): the run was surprise, not anger. Not a polite closing
    /// («Au plaisir», "Best of luck"): those follow a hidden angry sentence as often as a glad one.
    #[serde(default)]
    delight: Vec<String>,
    /// A sincere question's forms (asking whether, could I, is it still open, est-ce que, pourriez-vous): a
    /// run with a "?" ("??", "?!") closing one the model reads as calm is a question asked twice, not anger.
    #[serde(default)]
    asking: Vec<String>,
    /// Good news for the writer, said as news (an offer, the job, a round passed, «vous me proposez…», "you
    /// picked me"): "!!!" after it is joy unless the model reads the sentence as plainly hostile (0.8), and "?!"
    /// or "??" after it is surprise when the model reads it as calm (0.5), or when it opens the sentence after a
    /// calm "?!" ("Really?! You picked me?"); never with a grievance in the sentence. Wider than `delight`, which
    /// must open the next sentence, narrower than `cheer`: "Good luck?!" stays a second look.
    #[serde(default)]
    news: Vec<String>,
    /// A turn for the better after a wait, within one sentence ("…and then boom, an offer", «…et finalement un
    /// oui»): a grievance before it no longer holds the sentence's run ("Three weeks of silence and then a yes?!"),
    /// and the sentence counts as news; the run model's glad reading is then enough, with its guards (no negation
    /// from the turn on, no grievance after a "?" run). Only the writer's good outcome: a rejection, an offer pulled
    /// or "the job went to someone else" after "then" is no turn (those are grievances after it).
    #[serde(default)]
    turn: Vec<String>,
    /// Core words whose misspellings at one edit are read as the word ("imbésile", "idoit", "incompetant"):
    /// a token of six letters or more at one insertion, deletion, substitution or swap of two neighbours, or
    /// of five letters at one swap, is also tried as the word. Real words that are that close go in `never`.
    #[serde(default)]
    fuzzy: Vec<String>,
}

/// A cheap hash for short words (FxHash-style). The keys are our own lexicon words and the words of one message,
/// so resistance to crafted collisions is not needed; speed on many tiny lookups is.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Build = std::hash::BuildHasherDefault<WordHasher>;
type WordMap<V> = HashMap<Box<str>, V, Build>;
type Words = HashSet<Box<str>, Build>;

/// A set of folded words a pattern element accepts.
#[derive(Clone, Default)]
struct WordSet {
    exact: Words,
    prefixes: Vec<Box<str>>,
}

impl WordSet {
    fn matches(&self, word: &str, never: &Words) -> bool {
        self.exact.contains(word)
            || (!self.prefixes.is_empty()
                && self.prefixes.iter().any(|p| word.starts_with(&**p))
                && !never.contains(word))
    }

    fn merge(&mut self, other: &WordSet) {
        self.exact.extend(other.exact.iter().cloned());
        self.prefixes.extend(other.prefixes.iter().cloned());
    }
}

/// Alternative phrases at one place of a pattern: "(you are|your ~3 is)". Instead of multiplying the patterns,
/// the alternatives are indexed by their first word, so trying them costs one lookup per position.
#[derive(Clone, Default)]
struct Alternatives {
    /// The one-word alternatives, merged.
    single: Option<WordSet>,
    /// The longer alternatives.
    seqs: Vec<Vec<Elem>>,
    by_word: WordMap<Vec<usize>>,
    by_prefix: Vec<(Box<str>, usize)>,
    /// Alternatives that do not start with a word (a gap or a nested group): always tried.
    always: Vec<usize>,
    /// An empty alternative: the whole group may be skipped.
    optional: bool,
}

impl Alternatives {
    fn new(alts: Vec<Vec<Elem>>) -> Alternatives {
        let mut out = Alternatives::default();
        for alt in alts {
            match alt.as_slice() {
                [] => out.optional = true,
                [Elem::Words(ws)] => out.single.get_or_insert_with(WordSet::default).merge(ws),
                _ => {
                    let n = out.seqs.len();
                    match alt.first() {
                        Some(Elem::Words(ws)) => {
                            for w in &ws.exact {
                                out.by_word.entry(w.clone()).or_default().push(n);
                            }
                            out.by_prefix.extend(ws.prefixes.iter().map(|p| (p.clone(), n)));
                        }
                        _ => out.always.push(n),
                    }
                    out.seqs.push(alt);
                }
            }
        }
        out
    }
}

#[derive(Clone)]
enum Elem {
    Words(WordSet),
    /// Zero to n tokens of anything, within the sentence.
    Gap(u8),
    Alt(Box<Alternatives>),
}

struct Pattern {
    cat: Cat,
    elems: Vec<Elem>,
    /// `^` flag absent and the category is negatable.
    negatable: bool,
    /// `<` flag: the first word must open a sentence.
    anchored: bool,
    /// `%` flag, or any demand: a polite formula in the sentence cancels it.
    polite_yields: bool,
    /// Trailing `$`: the last word must close the sentence, or be followed by no more than `end_slack` words of
    /// it (a gap before the `$`: "… ~8 $").
    end_anchored: bool,
    end_slack: usize,
    /// `!` flag absent: the category's shield words cancel it. A phrase whose meaning no nearby word can
    /// soften ("you misled me", "Enjoy bankruptcy") sets the flag.
    shieldable: bool,
    /// `=` flag absent: the model may overrule it in a sentence it reads as plainly polite (see
    /// [`Cat::overruled_below`]). A shape that means what it says however polite the words around it ("as I
    /// already said twice", "for the third time, where…") sets the flag.
    overrulable: bool,
}

/// Patterns indexed by the words they can start with, so each token looks up only its candidates.
#[derive(Default)]
struct Matcher {
    patterns: Vec<Pattern>,
    by_word: WordMap<Vec<u32>>,
    by_prefix: WordMap<Vec<u32>>,
    longest_prefix: usize,
}

struct Rules {
    split_elisions: bool,
    asked_twice: f32,
    contractions: WordMap<Vec<Box<str>>>,
    needs_apostrophe: Words,
    phrases: Matcher,
    negators: Matcher,
    polite: Matcher,
    exempt: Matcher,
    kind: Matcher,
    myself: Matcher,
    myself_until: Words,
    closings: Matcher,
    shields: HashMap<Cat, Words>,
    shields_before: HashMap<Cat, Words>,
    never: Words,
    /// Single words of insult and profanity, for masked spellings: exact words by length, and prefixes.
    masked_words: HashMap<usize, Vec<(Box<str>, Cat)>>,
    masked_prefixes: Vec<(Box<str>, Cat)>,
    acronyms: Words,
    loud: Words,
    strong: Words,
    neutral: Words,
    name_heads: Words,
    place_heads: Words,
    place_before: Words,
    place_not_after: Words,
    intensifiers: Words,
    warm: Matcher,
    cheer: Matcher,
    greeting: Words,
    greeting_with: Words,
    grievance: Matcher,
    delight: Matcher,
    asking: Matcher,
    news: Matcher,
    turn: Matcher,
    /// The `fuzzy` words, folded, by first letter.
    fuzzy: HashMap<char, Vec<Fuzzy>>,
}

/// A core insult for misspellings: the word, its letters, and its letters with doubles made single.
struct Fuzzy {
    word: Box<str>,
    letters: Vec<char>,
    single: Vec<char>,
}

/// "imbessile" → "imbesile": doubled letters are the commonest slip, so they are compared as single ones.
fn single_letters(letters: &[char]) -> Vec<char> {
    let mut out = letters.to_vec();
    out.dedup();
    out
}

const FR: &str = include_str!("tone/fr.json");
const EN: &str = include_str!("tone/en.json");

fn rules(lang: &str) -> &'static Rules {
    static FR_RULES: OnceLock<Rules> = OnceLock::new();
    static EN_RULES: OnceLock<Rules> = OnceLock::new();
    // The data files are part of the program and checked by `rule_files_compile`; should one still fail
    // to load, the check degrades to the code-only rules (shouting, punctuation) instead of panicking.
    let load = |src: &str| compile(src).unwrap_or_else(|_| Rules::empty());
    if lang == "fr" {
        FR_RULES.get_or_init(|| load(FR))
    } else {
        EN_RULES.get_or_init(|| load(EN))
    }
}

fn fold_set(words: &[String]) -> Words {
    words.iter().map(|w| fold(w).into_boxed_str()).collect()
}

impl Rules {
    fn empty() -> Rules {
        Rules {
            split_elisions: false,
            asked_twice: 0.0,
            contractions: WordMap::default(),
            needs_apostrophe: Words::default(),
            phrases: Matcher::default(),
            negators: Matcher::default(),
            polite: Matcher::default(),
            exempt: Matcher::default(),
            kind: Matcher::default(),
            myself: Matcher::default(),
            myself_until: Words::default(),
            closings: Matcher::default(),
            shields: HashMap::new(),
            shields_before: HashMap::new(),
            never: Words::default(),
            masked_words: HashMap::new(),
            masked_prefixes: Vec::new(),
            acronyms: Words::default(),
            loud: Words::default(),
            strong: Words::default(),
            neutral: Words::default(),
            name_heads: Words::default(),
            place_heads: Words::default(),
            place_before: Words::default(),
            place_not_after: Words::default(),
            intensifiers: Words::default(),
            warm: Matcher::default(),
            cheer: Matcher::default(),
            greeting: Words::default(),
            greeting_with: Words::default(),
            grievance: Matcher::default(),
            delight: Matcher::default(),
            asking: Matcher::default(),
            news: Matcher::default(),
            turn: Matcher::default(),
            fuzzy: HashMap::new(),
        }
    }
}

fn compile(src: &str) -> Result<Rules, String> {
    let file: RuleFile = serde_json::from_str(src).map_err(|e| e.to_string())?;
    let classes = &file.classes;
    let mut phrases = Matcher::default();
    let mut names: Vec<&String> = file.categories.keys().collect();
    names.sort();
    for name in names {
        let cat = Cat::from_name(name).ok_or_else(|| format!("unknown category {name:?}"))?;
        for src in &file.categories[name] {
            phrases.add(cat, src, classes)?;
        }
    }
    let plain = |list: &[String]| -> Result<Matcher, String> {
        let mut m = Matcher::default();
        for src in list {
            m.add(Cat::Blame, src, classes)?;
        }
        Ok(m)
    };
    let mut shields = HashMap::new();
    for (name, words) in &file.shields {
        let cat = Cat::from_name(name).ok_or_else(|| format!("unknown shield category {name:?}"))?;
        shields.insert(cat, fold_set(words));
    }
    let mut shields_before = HashMap::new();
    for (name, words) in &file.shields_before {
        let cat = Cat::from_name(name).ok_or_else(|| format!("unknown shield category {name:?}"))?;
        shields_before.insert(cat, fold_set(words));
    }
    let contractions = file
        .contractions
        .iter()
        .map(|(k, v)| (fold(k).into_boxed_str(), v.split_whitespace().map(|w| fold(w).into_boxed_str()).collect()))
        .collect();
    // Masked spellings are compared with the single-word insults and profanity.
    let mut masked_words: HashMap<usize, Vec<(Box<str>, Cat)>> = HashMap::new();
    let mut masked_prefixes = Vec::new();
    for p in &phrases.patterns {
        if let (true, [Elem::Words(ws)]) = (p.cat.lexical(), p.elems.as_slice()) {
            for w in &ws.exact {
                masked_words.entry(w.chars().count()).or_default().push((w.clone(), p.cat));
            }
            masked_prefixes.extend(ws.prefixes.iter().map(|w| (w.clone(), p.cat)));
        }
    }
    // A masked word that fits both a swear word and an insult ("f***": "fuck", "fool") is read as the swear word.
    for list in masked_words.values_mut() {
        list.sort_by_key(|(_, cat)| *cat != Cat::Profanity);
    }
    masked_prefixes.sort_by_key(|(_, cat)| *cat != Cat::Profanity);
    let mut fuzzy: HashMap<char, Vec<Fuzzy>> = HashMap::new();
    for w in &file.fuzzy {
        let w = fold(w);
        let letters: Vec<char> = w.chars().collect();
        if let Some(&c) = letters.first() {
            let single = single_letters(&letters);
            fuzzy.entry(c).or_default().push(Fuzzy { word: w.into_boxed_str(), letters, single });
        }
    }
    Ok(Rules {
        split_elisions: file.split_elisions,
        asked_twice: file.asked_twice,
        contractions,
        needs_apostrophe: fold_set(&file.needs_apostrophe),
        negators: plain(&file.negators)?,
        polite: plain(&file.polite)?,
        exempt: plain(&file.exempt)?,
        kind: plain(&file.kind)?,
        myself: plain(&file.myself)?,
        myself_until: fold_set(&file.myself_until),
        closings: plain(&file.closings)?,
        phrases,
        shields,
        shields_before,
        never: fold_set(&file.never),
        masked_words,
        masked_prefixes,
        acronyms: fold_set(&file.acronyms),
        loud: fold_set(&file.loud),
        strong: fold_set(&file.strong),
        neutral: fold_set(&file.neutral),
        name_heads: fold_set(&file.name_heads),
        place_heads: fold_set(&file.place_heads),
        place_before: fold_set(&file.place_before),
        place_not_after: fold_set(&file.place_not_after),
        intensifiers: fold_set(&file.intensifiers),
        warm: plain(&file.warm)?,
        cheer: plain(&file.cheer)?,
        greeting: fold_set(&file.greeting),
        greeting_with: fold_set(&file.greeting_with),
        grievance: plain(&file.grievance)?,
        delight: plain(&file.delight)?,
        asking: plain(&file.asking)?,
        news: plain(&file.news)?,
        turn: plain(&file.turn)?,
        fuzzy,
    })
}

/// Pattern syntax (also described in the data files): words separated by spaces, folded like the text;
/// `a|b|c` one word among several; `word*` any word starting with "word"; `word{,e,s,es}` the word with
/// each ending; `(two words|one)` a group of alternative phrases, `(a|)` makes it optional; `@name` a class;
/// `~N` zero to N words of anything; `(group)?` optional. Leading flags: `^` not cancelled by a negation, `<` must
/// open a sentence, `%` cancelled by a polite formula in the sentence, `!` not cancelled by the category's shield
/// words, `=` never overruled by the model (see [`Cat::overruled_below`]); a trailing ` $` must close the sentence (after a gap: no more words than the gap allows follow).
impl Matcher {
    fn add(&mut self, cat: Cat, src: &str, classes: &HashMap<String, Vec<String>>) -> Result<(), String> {
        let mut body = src.trim();
        let (mut negatable, mut anchored, mut polite_yields) = (cat.negatable(), false, cat == Cat::Demand);
        let mut shieldable = true;
        let mut overrulable = true;
        loop {
            if let Some(rest) = body.strip_prefix('^') {
                negatable = false;
                body = rest;
            } else if let Some(rest) = body.strip_prefix('<') {
                anchored = true;
                body = rest;
            } else if let Some(rest) = body.strip_prefix('%') {
                polite_yields = true;
                body = rest;
            } else if let Some(rest) = body.strip_prefix('!') {
                shieldable = false;
                body = rest;
            } else if let Some(rest) = body.strip_prefix('=') {
                overrulable = false;
                body = rest;
            } else {
                break;
            }
        }
        let end_anchored = body.ends_with(" $");
        let body = body.strip_suffix(" $").unwrap_or(body);
        let elems = parse_seq(body, classes, 0).map_err(|e| format!("{src:?}: {e}"))?;
        // Patterns are indexed by their first word, so a group in first place is spread into one pattern per
        // alternative; groups further on stay groups.
        for mut elems in spread_head(elems, 0) {
            while matches!(elems.first(), Some(Elem::Gap(_))) {
                elems.remove(0);
            }
            // A gap at the end matches nothing, except before "$" where it is how many words may follow.
            let mut end_slack = 0;
            while let Some(Elem::Gap(n)) = elems.last() {
                end_slack += usize::from(*n);
                elems.pop();
            }
            let Some(Elem::Words(first)) = elems.first() else { continue };
            let id = u32::try_from(self.patterns.len()).map_err(|_| "too many patterns".to_owned())?;
            for w in &first.exact {
                self.by_word.entry(w.clone()).or_default().push(id);
            }
            for p in &first.prefixes {
                self.longest_prefix = self.longest_prefix.max(p.len());
                self.by_prefix.entry(p.clone()).or_default().push(id);
            }
            self.patterns.push(Pattern {
                cat,
                elems,
                negatable,
                anchored,
                polite_yields,
                end_anchored,
                end_slack,
                shieldable,
                overrulable,
            });
        }
        Ok(())
    }
}

/// Turns a pattern that opens with a group (or a gap) into patterns that open with a word.
fn spread_head(mut elems: Vec<Elem>, depth: usize) -> Vec<Vec<Elem>> {
    while matches!(elems.first(), Some(Elem::Gap(_))) {
        elems.remove(0);
    }
    if depth > 8 || !matches!(elems.first(), Some(Elem::Alt(_))) {
        return vec![elems];
    }
    let rest = elems.split_off(1);
    let Some(Elem::Alt(alts)) = elems.pop() else { return vec![rest] };
    let mut heads: Vec<Vec<Elem>> = alts.seqs;
    if let Some(single) = alts.single {
        heads.push(vec![Elem::Words(single)]);
    }
    if alts.optional {
        heads.push(Vec::new());
    }
    heads
        .into_iter()
        .flat_map(|mut head| {
            head.extend(rest.iter().cloned());
            spread_head(head, depth + 1)
        })
        .collect()
}

/// Splits a pattern into items at top-level spaces (spaces inside parentheses belong to the group).
fn split_items(src: &str) -> Result<Vec<&str>, String> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, None);
    for (i, c) in src.char_indices() {
        match c {
            '(' => {
                depth += 1;
                start.get_or_insert(i);
            }
            ')' => {
                depth = depth.checked_sub(1).ok_or("unbalanced ')'")?;
            }
            c if c.is_whitespace() && depth == 0 => {
                if let Some(s) = start.take() {
                    items.push(&src[s..i]);
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if depth != 0 {
        return Err("unbalanced '('".into());
    }
    if let Some(s) = start {
        items.push(&src[s..]);
    }
    Ok(items)
}

/// Splits at top-level `|` (not inside parentheses).
fn split_alternatives(src: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in src.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '|' if depth == 0 => {
                out.push(&src[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&src[start..]);
    out
}

/// Parses a phrase into its elements; groups and classes become [`Alternatives`].
fn parse_seq(src: &str, classes: &HashMap<String, Vec<String>>, depth: usize) -> Result<Vec<Elem>, String> {
    if depth > 8 {
        return Err("classes nested too deep".into());
    }
    let mut seq = Vec::new();
    for item in split_items(src)? {
        let alternatives: Vec<Vec<Elem>> = if let Some(n) = item.strip_prefix('~') {
            seq.push(Elem::Gap(n.parse().map_err(|_| format!("bad gap {item:?}"))?));
            continue;
        } else if item.starts_with('(') {
            let (inner, optional) = match (item.strip_suffix(")?"), item.strip_suffix(')')) {
                (Some(s), _) => (&s[1..], true),
                (None, Some(s)) => (&s[1..], false),
                _ => return Err(format!("bad group {item:?}")),
            };
            let mut alts = Vec::new();
            for alt in split_alternatives(inner) {
                alts.push(parse_seq(alt, classes, depth + 1)?);
            }
            if optional {
                alts.push(Vec::new());
            }
            alts
        } else if let Some(name) = item.strip_prefix('@') {
            let entries = classes.get(name).ok_or_else(|| format!("unknown class @{name}"))?;
            let mut alts = Vec::new();
            for entry in entries {
                alts.push(parse_seq(entry, classes, depth + 1)?);
            }
            alts
        } else {
            seq.push(Elem::Words(parse_words(item)?));
            continue;
        };
        let alts = Alternatives::new(alternatives);
        match alts {
            Alternatives { single: Some(ws), ref seqs, optional: false, .. } if seqs.is_empty() => {
                seq.push(Elem::Words(ws));
            }
            _ => seq.push(Elem::Alt(Box::new(alts))),
        }
    }
    Ok(seq)
}

/// One word item: `a|b*|c{,s}`.
fn parse_words(item: &str) -> Result<WordSet, String> {
    let mut ws = WordSet::default();
    for alt in item.split('|') {
        let (stem, endings) = match alt.find('{') {
            Some(i) => {
                let inner = alt[i + 1..].strip_suffix('}').ok_or_else(|| format!("bad endings in {alt:?}"))?;
                (&alt[..i], inner.split(',').collect::<Vec<_>>())
            }
            None => (alt, vec![""]),
        };
        for ending in endings {
            let word = format!("{stem}{ending}");
            let (word, prefix) = match word.strip_suffix('*') {
                Some(w) => (w.to_owned(), true),
                None => (word, false),
            };
            let folded = fold(&word);
            if folded.is_empty() || !folded.chars().all(char::is_alphanumeric) {
                return Err(format!("bad word {alt:?} in {item:?}"));
            }
            if prefix {
                ws.prefixes.push(folded.into_boxed_str());
            } else {
                ws.exact.insert(folded.into_boxed_str());
            }
        }
    }
    Ok(ws)
}

// ---------------------------------------------------------------------------------------------------------
// Reading the text
// ---------------------------------------------------------------------------------------------------------

/// Lowercase without accents; "œ" → "oe". Used for the text and the data alike.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Appends `c` lowercase without accents ("œ" → "oe"); the e-mail reader folds its text the same way.
pub(crate) fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        match l {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            _ => decompose_canonical(l, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

/// A word as typed: its span and how it is written. Shouting and masks look at words.
struct Word {
    b0: usize,
    b1: usize,
    u0: usize,
    u1: usize,
    folded: String,
    upper: bool,
    /// Opens with a capital letter ("Tabarin", "DUPONT").
    cap: bool,
    letters: usize,
    has_digit: bool,
    line: usize,
    quoted: bool,
    /// Only spaces, commas, hyphens or apostrophes since the previous word on the same line.
    glued: bool,
    apostrophe: bool,
    /// Text after the last apostrophe, folded (English "boss's" → "s").
    after_apostrophe: String,
}

/// A token as the patterns see it: a word, or one part of an expanded contraction.
struct Tok {
    text: Box<str>,
    /// The word with long letter runs collapsed ("fuuuck" → "fuck"), when different.
    alt: Option<Box<str>>,
    word: usize,
    sentence: usize,
    clause: usize,
    opens_sentence: bool,
    /// A name from the context or a word of an exempt phrase: never an insult or profanity.
    shielded: bool,
}

struct Line {
    b0: usize,
    b1: usize,
    first_word: usize,
    end_word: usize,
}

/// A run of two or more `!`/`?`.
struct Punct {
    u0: usize,
    u1: usize,
    /// Only exclamation marks: enthusiasm after thanks, unlike "?!".
    bangs_only: bool,
    /// Only question marks: a question asked twice, maybe, unlike "?!".
    asks_only: bool,
    /// How many marks ("‼", "⁇", "⁈" and "⁉" count two).
    marks: usize,
    /// How many words come before it: the last of them says which sentence it closes.
    words_before: usize,
}

struct Reading {
    words: Vec<Word>,
    lines: Vec<Line>,
    /// Runs of `!`/`?` of two or more.
    punct: Vec<Punct>,
    /// Per word: sentence and clause numbers.
    word_sentence: Vec<(usize, usize)>,
}

/// Abbreviated titles, folded, whose full stop is not a sentence's end: "M. Dupont", "Mrs. Cox".
fn is_title(folded: &str) -> bool {
    matches!(
        folded,
        "m" | "mm"
            | "mme"
            | "mmes"
            | "mlle"
            | "mlles"
            | "me"
            | "dr"
            | "dre"
            | "pr"
            | "mr"
            | "mrs"
            | "ms"
            | "messrs"
            | "prof"
            | "st"
            | "ste"
    )
}

/// How many marks of a run of "!" and "?" a character counts for: one for "!" and "?", two for "‼", "⁇", "⁈" and
/// "⁉", none for anything else. The trainer cuts learned messages at runs the same way.
pub(in crate::messages::tone) fn mark_weight(c: char) -> usize {
    match c {
        '!' | '?' => 1,
        '‼' | '⁇' | '⁈' | '⁉' => 2,
        _ => 0,
    }
}

/// Cuts the text into words, lines, sentences and clauses, and finds punctuation runs, in one pass.
fn read(text: &str, split_elisions: bool) -> Reading {
    let mut words: Vec<Word> = Vec::new();
    let mut word_sentence = Vec::new();
    let mut lines = Vec::new();
    let mut punct = Vec::new();
    let (mut sentence, mut clause, mut line, mut line_b0, mut line_first_word) = (0usize, 0usize, 0usize, 0usize, 0);
    let mut quoted = false;
    let mut glued = false;
    let mut u16pos = 0usize;
    // The word being read.
    let mut cur: Option<Word> = None;
    let mut has_lower = false;
    // The current run of '!' / '?': start, weight (a double mark counts two), only '!', only '?'.
    let mut run: Option<(usize, usize, bool, bool)> = None;
    let mut prev: char = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((b, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let width = c.len_utf16();
        let w = mark_weight(c);
        if w > 0 {
            let bang = matches!(c, '!' | '‼');
            let ask = matches!(c, '?' | '⁇');
            run = Some(match run {
                Some((s, n, b, q)) => (s, n + w, b && bang, q && ask),
                None => (u16pos, w, bang, ask),
            });
        } else if let Some((u0, n, bangs_only, asks_only)) = run.take() {
            if n >= 2 {
                punct.push(Punct { u0, u1: u16pos, bangs_only, asks_only, marks: n, words_before: words.len() });
            }
        }
        let word_char = c.is_alphanumeric() || (cur.is_some() && is_combining_mark(c));
        let inner_apostrophe = is_apostrophe(c) && cur.is_some() && next.is_alphabetic();
        if word_char {
            let w = cur.get_or_insert_with(|| {
                has_lower = false;
                Word {
                    b0: b,
                    b1: b,
                    u0: u16pos,
                    u1: u16pos,
                    folded: String::new(),
                    upper: false,
                    cap: c.is_uppercase(),
                    letters: 0,
                    has_digit: false,
                    line,
                    quoted,
                    glued: glued && words.last().is_some_and(|p| p.line == line),
                    apostrophe: false,
                    after_apostrophe: String::new(),
                }
            });
            if c.is_alphabetic() {
                w.letters += 1;
                has_lower |= c.is_lowercase();
                w.upper |= c.is_uppercase();
            } else if c.is_numeric() {
                w.has_digit = true;
            }
            push_folded(c, &mut w.folded);
            if w.apostrophe {
                push_folded(c, &mut w.after_apostrophe);
            }
            w.b1 = b + c.len_utf8();
            w.u1 = u16pos + width;
        } else if inner_apostrophe && !split_elisions {
            // English keeps "don't" as one word; the apostrophe itself is not part of the folded text.
            if let Some(w) = cur.as_mut() {
                w.apostrophe = true;
                w.after_apostrophe.clear();
            }
        } else {
            if let Some(mut w) = cur.take() {
                w.upper &= !has_lower;
                words.push(w);
                word_sentence.push((sentence, clause));
                glued = true;
            }
            // Separators: sentence and clause breaks, quotes, lines.
            match c {
                '\n' => {
                    lines.push(Line { b0: line_b0, b1: b, first_word: line_first_word, end_word: words.len() });
                    line += 1;
                    line_b0 = b + 1;
                    line_first_word = words.len();
                    sentence += 1;
                    clause += 1;
                    quoted = false;
                    glued = false;
                }
                '.' if prev.is_ascii_digit() && next.is_ascii_digit() => {}
                // "M. Couillard", "Dr. Fuchs": a title's full stop does not end the sentence.
                '.' if prev.is_alphabetic() && words.last().is_some_and(|w| w.cap && is_title(&w.folded)) => {}
                '.' | '!' | '?' | ';' | ':' | '…' | '‼' | '⁇' | '⁈' | '⁉' => {
                    sentence += 1;
                    clause += 1;
                    glued = false;
                }
                ',' | '(' | ')' | '—' | '–' => {
                    clause += 1;
                    glued &= c == ',';
                }
                '"' => {
                    quoted = !quoted;
                    glued = false;
                }
                '«' | '“' => {
                    quoted = true;
                    glued = false;
                }
                '»' | '”' => {
                    quoted = false;
                    glued = false;
                }
                ' ' | '-' | '\u{a0}' | '\u{202f}' => {}
                c if is_apostrophe(c) => {}
                _ => glued = false,
            }
        }
        prev = c;
        u16pos += width;
    }
    if let Some((u0, n, bangs_only, asks_only)) = run {
        if n >= 2 {
            punct.push(Punct { u0, u1: u16pos, bangs_only, asks_only, marks: n, words_before: words.len() });
        }
    }
    if let Some(mut w) = cur.take() {
        w.upper &= !has_lower;
        words.push(w);
        word_sentence.push((sentence, clause));
    }
    lines.push(Line { b0: line_b0, b1: text.len(), first_word: line_first_word, end_word: words.len() });
    Reading { words, lines, punct, word_sentence }
}

/// Turns words into tokens: contractions expanded, possessive "'s" dropped, long letter runs collapsed.
fn tokens(reading: &Reading, rules: &Rules) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(reading.words.len() + 8);
    let mut last_sentence = usize::MAX;
    for (i, w) in reading.words.iter().enumerate() {
        let (sentence, clause) = reading.word_sentence[i];
        let mut push = |text: &str, toks: &mut Vec<Tok>| {
            let opens_sentence = sentence != last_sentence;
            last_sentence = sentence;
            toks.push(Tok {
                text: text.into(),
                alt: collapse_runs(text).or_else(|| near_miss(text, rules)),
                word: i,
                sentence,
                clause,
                opens_sentence,
                shielded: false,
            });
        };
        let key = w.folded.as_str();
        match rules.contractions.get(key) {
            Some(parts) if w.apostrophe || !rules.needs_apostrophe.contains(key) => {
                for p in parts {
                    push(p, &mut toks);
                }
            }
            _ if w.apostrophe && w.after_apostrophe == "s" && key.len() > 1 => push(&key[..key.len() - 1], &mut toks),
            _ => push(key, &mut toks),
        }
    }
    toks
}

/// The `fuzzy` word a token misspells by one edit, if any ("imbesile" → "imbecile", "idoit" → "idiot").
/// Only words with the same first letter are compared, so the cost per token is a handful of short loops.
fn near_miss(text: &str, rules: &Rules) -> Option<Box<str>> {
    // Most tokens are short or start with a letter no core insult starts with: both are checked first.
    if text.len() < 5 {
        return None;
    }
    let candidates = rules.fuzzy.get(&text.chars().next()?)?;
    if rules.never.contains(text) {
        return None;
    }
    let t: Vec<char> = text.chars().collect();
    if t.len() < 5 || t.len() > 24 {
        return None;
    }
    let ts = single_letters(&t);
    candidates
        .iter()
        .find(|w| {
            w.letters != t
                && if t.len() >= 6 {
                    ts.len().abs_diff(w.single.len()) <= 1 && (ts == w.single || one_edit(&ts, &w.single))
                } else {
                    one_swap(&t, &w.letters)
                }
        })
        .map(|w| w.word.clone())
}

/// Whether `a` becomes `b` by one insertion, deletion, substitution or swap of two neighbouring letters.
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let head = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        // Substitution: the rest after the first difference is equal; or a swap of two neighbours.
        short.get(head + 1..) == long.get(head + 1..) || one_swap(short, long)
    } else {
        // Insertion: skipping one letter of the longer word at the first difference gives the shorter one.
        short.get(head..) == long.get(head + 1..)
    }
}

/// Whether `a` and `b` differ only by two neighbouring letters swapped ("idoit", "idiot").
fn one_swap(a: &[char], b: &[char]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
}

/// "fuuuuck" → "fuck", "noooo" → "no": three or more of the same letter become one (one pass).
fn collapse_runs(text: &str) -> Option<Box<str>> {
    // Most words have no such run: look at the bytes first (a repeated letter repeats its bytes too).
    if !text.as_bytes().windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return None;
    }
    let mut out = String::new();
    let mut changed = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let mut n = 1;
        while chars.next_if_eq(&c).is_some() {
            n += 1;
        }
        changed |= n >= 3;
        for _ in 0..if n >= 3 { 1 } else { n } {
            out.push(c);
        }
    }
    changed.then(|| out.into_boxed_str())
}

// ---------------------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------------------

/// A phrase match over tokens `first..=last`.
struct Hit {
    cat: Cat,
    first: usize,
    last: usize,
    pattern: usize,
}

impl Matcher {
    /// Every match of every pattern, starting at each token in turn.
    fn find(&self, toks: &[Tok], rules: &Rules, neg: &[bool]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut candidates: Vec<u32> = Vec::new();
        for start in 0..toks.len() {
            candidates.clear();
            let t = &toks[start];
            for text in std::iter::once(&t.text).chain(t.alt.iter()) {
                if let Some(ids) = self.by_word.get(&**text) {
                    candidates.extend(ids);
                }
                if !self.by_prefix.is_empty() {
                    for (i, _) in text.char_indices().skip(1).chain(std::iter::once((text.len(), ' '))) {
                        if i > self.longest_prefix {
                            break;
                        }
                        if let Some(ids) = self.by_prefix.get(&text[..i]) {
                            if !rules.never.contains(&**text) {
                                candidates.extend(ids);
                            }
                        }
                    }
                }
            }
            if candidates.is_empty() {
                continue;
            }
            candidates.sort_unstable();
            candidates.dedup();
            for &id in &candidates {
                let p = &self.patterns[id as usize];
                if p.anchored && !t.opens_sentence {
                    continue;
                }
                let attempt = Attempt { toks, sentence: t.sentence, pattern: p, rules, neg };
                if let Some(last) = step(&p.elems, None, start, start, &attempt) {
                    if p.end_anchored
                        && toks[last + 1..]
                            .iter()
                            .take(p.end_slack + 1)
                            .take_while(|n| n.sentence == t.sentence)
                            .count()
                            > p.end_slack
                    {
                        continue;
                    }
                    hits.push(Hit { cat: p.cat, first: start, last, pattern: id as usize });
                }
            }
        }
        hits
    }
}

/// What remains to match after a group's alternative: the rest of the enclosing sequences.
struct Cont<'a> {
    elems: &'a [Elem],
    next: Option<&'a Cont<'a>>,
}

/// What a match attempt needs to know besides the elements.
struct Attempt<'a> {
    toks: &'a [Tok],
    sentence: usize,
    pattern: &'a Pattern,
    rules: &'a Rules,
    neg: &'a [bool],
}

impl Attempt<'_> {
    /// The token at `at` if it is still in the sentence and usable by this pattern.
    fn token(&self, at: usize) -> Option<&Tok> {
        let t = self.toks.get(at)?;
        (t.sentence == self.sentence && !(t.shielded && self.pattern.cat.lexical())).then_some(t)
    }

    fn word_fits(&self, ws: &WordSet, t: &Tok) -> bool {
        ws.matches(&t.text, &self.rules.never) || t.alt.as_deref().is_some_and(|a| ws.matches(a, &self.rules.never))
    }
}

/// Matches `elems`, then the continuations, from token `at`; returns the last token matched. Gaps try the
/// shortest fill first and never cross a sentence, nor (for negatable patterns) a negation: "I hope you don't
/// fail" is a wish well. The work is bounded by the pattern's size, not by the text.
fn step(elems: &[Elem], cont: Option<&Cont>, at: usize, last: usize, m: &Attempt) -> Option<usize> {
    let Some((head, tail)) = elems.split_first() else {
        return match cont {
            None => Some(last),
            Some(c) => step(c.elems, c.next, at, last, m),
        };
    };
    match head {
        Elem::Words(ws) => {
            let t = m.token(at)?;
            if !m.word_fits(ws, t) {
                return None;
            }
            step(tail, cont, at + 1, at, m)
        }
        Elem::Gap(n) => {
            for k in 0..=usize::from(*n) {
                if k > 0 {
                    let j = at + k - 1;
                    let t = m.toks.get(j)?;
                    if t.sentence != m.sentence || (m.pattern.negatable && m.neg.get(j).copied().unwrap_or(false)) {
                        return None;
                    }
                }
                if let Some(end) = step(tail, cont, at + k, last, m) {
                    return Some(end);
                }
            }
            None
        }
        Elem::Alt(alts) => {
            if alts.optional {
                if let Some(end) = step(tail, cont, at, last, m) {
                    return Some(end);
                }
            }
            let after = Cont { elems: tail, next: cont };
            for &i in &alts.always {
                if let Some(end) = step(&alts.seqs[i], Some(&after), at, last, m) {
                    return Some(end);
                }
            }
            let t = m.token(at)?;
            if let Some(ws) = &alts.single {
                if m.word_fits(ws, t) {
                    if let Some(end) = step(tail, cont, at + 1, at, m) {
                        return Some(end);
                    }
                }
            }
            let texts = std::iter::once(&*t.text).chain(t.alt.as_deref());
            let mut tried: Vec<usize> = Vec::new();
            for text in texts {
                tried.extend(alts.by_word.get(text).into_iter().flatten());
                if !m.rules.never.contains(text) {
                    tried.extend(alts.by_prefix.iter().filter(|(p, _)| text.starts_with(&**p)).map(|(_, i)| *i));
                }
            }
            tried.into_iter().find_map(|i| step(&alts.seqs[i], Some(&after), at, last, m))
        }
    }
}

/// How hostile a sentence may read to the model and still count as calm: more likely polite than not.
const CALM: f32 = 0.5;
/// The same for a sentence of glad news, a greeting or a good wish: only a sentence the model finds plainly
/// hostile keeps its run ("See you Monday!!" reads a little like "see you in court" to it).
const GLAD_CALM: f32 = 0.8;

/// How angry the run model may read a sentence and its "!" run still pass for the glad sentence after it: no more
/// than plainly angry. Chosen at the start of the twelfth round, with the run model of the eleventh, on the thirteen
/// held-out sets read then (twelve of them learned since) and the run probe: at 0.9 no hostile message of theirs
/// passed; "?" runs were left out, as some of the probe's angry ones came before a glad-looking sentence ("…for the
/// second time this year?! One might almost think it was deliberate.").
const RUN_BEFORE_GLAD: f32 = 0.9;

/// How hostile the tone model may read a sincere question form closed by "??" that holds a grievance word, and the
/// sentence after it, for the "??" to be a question asked twice (fifteenth round: on the six held-out sets then,
/// French false alarms 2.9 -> 2.2 %, English 2.2 -> 2.0 %, no hostile message nor angry run of the run probe lost;
/// without the sentence after, the probe's "Is there a reason my three follow-up emails have gone unanswered since
/// March??" passed).
const SINCERE_QUESTION: f32 = 0.3;
/// How hostile the tone model may read the sentence after that question, of at least [`SINCERE_AFTER_WORDS`]
/// words (a bare "Thanks." or «Merci d'avance.» says nothing of why the writer asks).
const SINCERE_QUESTION_AFTER: f32 = 0.15;
const SINCERE_AFTER_WORDS: usize = 4;

/// The runs of "!" or "?" that read as anger, as punctuation findings. A run is read by the sentence it
/// closes: "!" after thanks or praise, and "!!" after any calm sentence, are enthusiasm; after a grievance any
/// other run stays ("Still waiting!!!"); "!" after glad news, a greeting, a plan or a good wish is enthusiasm;
/// "??" or "?!" closing a calm sincere question is a question asked twice (and "??" alone closing any sentence the
/// tone model reads as plainly polite, where the rule file sets `asked_twice`; and "??" closing a sincere question
/// form with a grievance word, when it and the sentence after read plainly polite), and closing a surprise the next
/// sentence greets with joy ("A second interview?! Wonderful.") it is surprise, not anger. Beyond what the rules
/// know, a run passes when the run model reads the sentence as glad and the tone model as calm ("J'ai enfin fini
/// mon portfolio !!!"), never after a grievance or a negation nor, for a "?" run, before a grievance or after thanks.
/// A "!" run also passes before a sentence both models read as glad and calm, when what it closes is calm to the
/// tone model, no grievance and not plainly angry to the run model — after a negation too ("Finally!!! I start
/// Monday.", «Je n'en reviens pas !!! Merci pour votre confiance.»).
#[allow(clippy::too_many_arguments)]
fn angry_runs(
    lang: &str,
    reading: &Reading,
    rules: &Rules,
    toks: &[Tok],
    neg: &[bool],
    names: &HashSet<String>,
    proper: &[bool],
    quiet: &[bool],
    warm: &HashSet<usize>,
) -> Vec<(usize, usize, Cat)> {
    if reading.punct.is_empty() {
        return Vec::new();
    }
    let no_neg = vec![false; toks.len()];
    let sentences_of = |m: &Matcher, neg: &[bool]| -> HashSet<usize> {
        m.find(toks, rules, neg).into_iter().map(|h| toks[h.first].sentence).collect()
    };
    // Glad words count when no negation comes before them ("Not good news!!!", "I did not get the job?!").
    let glad = |m: &Matcher| -> Vec<_> {
        m.find(toks, rules, neg).into_iter().filter(|h| !negated_before(toks, neg, h.first)).collect()
    };
    // A grievance holds its sentence's runs unless a turn for the better comes after every grievance in it (one
    // that overlaps the turn — "and then they picked me" — is the turn itself). The wait before a turn is told with
    // negations ("nothing for weeks and then…"), so a turn is not undone by one before it; its gaps never cross one.
    let turns = rules.turn.find(toks, rules, neg);
    let grievances = rules.grievance.find(toks, rules, &no_neg);
    let lifts = |t: &Hit| {
        let s = toks[t.first].sentence;
        let mut in_sentence = grievances.iter().filter(|g| toks[g.first].sentence == s).peekable();
        in_sentence.peek().is_some()
            && in_sentence.all(|g| g.last < t.first || g.first <= t.last)
            // Nor a negation from the turn on ("…and then I did not get the offer?!").
            && !(t.first..toks.len()).take_while(|&j| toks[j].sentence == s).any(|j| neg[j])
    };
    let lifted: HashSet<usize> = turns.iter().filter(|t| lifts(t)).map(|t| toks[t.first].sentence).collect();
    let grievance: HashSet<usize> =
        grievances.iter().map(|h| toks[h.first].sentence).filter(|s| !lifted.contains(s)).collect();
    let mut cheer: HashSet<usize> = glad(&rules.cheer).iter().map(|h| toks[h.first].sentence).collect();
    let delight = sentences_of(&rules.delight, neg);
    cheer.extend(greetings(reading, rules, names, proper));
    let asking = sentences_of(&rules.asking, &no_neg);
    let news_hits = glad(&rules.news);
    // A turn for the better that lifted a wait is news too ("…and then boom, an offer letter?!"); the tone model
    // reads the wait before it, so there the run model's glad reading is enough, with the run model's other guards
    // («Trois mois d'attente, et finalement un oui ?!»).
    let news: HashSet<usize> = news_hits.iter().map(|h| toks[h.first].sentence).chain(lifted.iter().copied()).collect();
    // News that opens its sentence, for the sentence after "?!" ("Really?! You picked me for the Leeds office?").
    let news_opens: HashSet<usize> = news_hits
        .iter()
        .filter(|h| h.first == 0 || toks[h.first - 1].sentence != toks[h.first].sentence)
        .map(|h| toks[h.first].sentence)
        .collect();
    let closes = |p: &Punct| p.words_before.checked_sub(1).and_then(|w| reading.word_sentence.get(w)).map(|s| s.0);
    // The sentence after a run: the one its next word is in (numbers skip, one per mark).
    let follows = |p: &Punct| reading.word_sentence.get(p.words_before).map(|s| s.0);
    // "??" closing a sincere question form, whatever grievance word it holds ("…payée ou c'est à mes frais ??",
    // "is the internship still unpaid or did that change??"): the models are asked, see `sincere_after`.
    let asked_again = |p: &Punct, s: usize| p.asks_only && p.marks == 2 && asking.contains(&s);
    // The models are asked about the sentences runs close and the ones after them, when no rule settles them.
    let mut ask = HashSet::new();
    for p in &reading.punct {
        match closes(p) {
            Some(s) if p.bangs_only && warm.contains(&s) => {}
            Some(s) if grievance.contains(&s) && !(p.bangs_only && p.marks == 2) && !asked_again(p, s) => {}
            Some(s) => {
                ask.insert(s);
                if let Some(next) = follows(p) {
                    ask.insert(next);
                }
            }
            None => {}
        }
    }
    let hostility = model::hostility(lang, reading, names, proper, quiet, &ask);
    let under = |s: usize, limit: f32| hostility.get(&s).is_some_and(|r| r.hostility < limit);
    // The run model reads the sentence a run closes (and, for a "!" run, the one after: see `glad_next`): a "?" run
    // before a grievance ("Bravo ?! Trois mois sans réponse.") or after thanks ("Thanks?!") stays what the rules say.
    // Nor does it read negations ("Not good news at all!!!"): a sentence with one is left to the rules, unless the
    // glad sentence after it vouches for its "!" run.
    let negated: HashSet<usize> = toks.iter().zip(neg).filter(|(_, &n)| n).map(|(t, _)| t.sentence).collect();
    let glad_run = |p: &Punct, s: usize| {
        !negated.contains(&s)
            && hostility.get(&s).is_some_and(|r| r.glad)
            && under(s, CALM)
            && (p.bangs_only || (!warm.contains(&s) && follows(p).is_none_or(|n| !grievance.contains(&n))))
    };
    // A "!" run before a sentence both models read as glad and calm is enthusiasm, when what it closes reads calm to
    // the tone model and is too short for the run model or not plainly angry to it ("Finally!!! I start at the
    // clinic on Monday.", «Je n'en reviens pas !!! Merci pour votre confiance.»). A negation may come before it (the
    // run model's score on a negated sentence is then only a bound); a grievance may not.
    let glad_next = |p: &Punct, s: usize| {
        p.bangs_only
            && !grievance.contains(&s)
            && hostility.get(&s).is_some_and(|r| r.hostility < CALM && r.angry.is_none_or(|a| a < RUN_BEFORE_GLAD))
            && follows(p).is_some_and(|n| {
                n != s
                    && !grievance.contains(&n)
                    && !negated.contains(&n)
                    && hostility.get(&n).is_some_and(|r| r.glad)
                    && under(n, CALM)
            })
    };
    // After a question asked twice, a sentence with no grievance that the tone model reads as plainly polite: the
    // writer says why they ask ("Je ne veux pas arriver mal préparé.", "Don't want to turn up at the wrong gate.").
    // An exasperated question ends the message or goes on with its grievance ("…gone unanswered since March??").
    let words_in = |n: usize| reading.word_sentence.iter().filter(|w| w.0 == n).count();
    let sincere_after = |p: &Punct, s: usize| {
        follows(p).is_some_and(|n| {
            n != s && !grievance.contains(&n) && under(n, SINCERE_QUESTION_AFTER) && words_in(n) >= SINCERE_AFTER_WORDS
        })
    };
    let mut out = Vec::new();
    for p in &reading.punct {
        let enthusiastic = closes(p).is_some_and(|s| {
            glad_next(p, s)
                || (asked_again(p, s) && under(s, SINCERE_QUESTION) && sincere_after(p, s))
                || (p.bangs_only && (warm.contains(&s) || (p.marks == 2 && under(s, CALM))))
                || !grievance.contains(&s)
                    && (glad_run(p, s)
                        || (lifted.contains(&s)
                            && hostility.get(&s).is_some_and(|r| r.glad)
                            && (p.bangs_only || follows(p).is_none_or(|n| !grievance.contains(&n))))
                        || if p.bangs_only {
                            (cheer.contains(&s) || news.contains(&s)) && under(s, GLAD_CALM)
                        } else {
                            (asking.contains(&s) && under(s, CALM))
                                || (p.asks_only && p.marks == 2 && under(s, rules.asked_twice))
                                || (news.contains(&s) && under(s, CALM))
                                || follows(p).is_some_and(|n| {
                                    !grievance.contains(&n)
                                        && ((delight.contains(&n) && under(n, CALM))
                                            || (news_opens.contains(&n) && under(n, GLAD_CALM) && under(s, CALM)))
                                })
                        })
        });
        if !enthusiastic {
            out.push((p.u0, p.u1, Cat::Punctuation));
        }
    }
    out
}

/// The sentences that are only a greeting and names ("Hi Sarah", "Good morning Mr. Okafor", «Bonjour Madame
/// Cocu»): at least one `greeting` word, the rest `greeting_with` words, titles from `name_heads`, or names the
/// rules or the context recognised, or one or two capitalised words right after the greeting word (a name the
/// context does not know: "Hiya Jen!!!"). "Sir!!!" or "Again!!!" alone is no greeting.
fn greetings(reading: &Reading, rules: &Rules, names: &HashSet<String>, proper: &[bool]) -> HashSet<usize> {
    // Per sentence: a greeting word seen, every word fits, words since the last greeting word.
    let mut per: HashMap<usize, (bool, bool, usize)> = HashMap::new();
    for (i, (w, &(s, _))) in reading.words.iter().zip(&reading.word_sentence).enumerate() {
        let word = &*w.folded;
        let name = names.contains(&w.folded) || proper.get(i).copied().unwrap_or(false);
        let greets = rules.greeting.contains(word) && !name;
        let e = per.entry(s).or_insert((false, true, 0));
        // One or two capitalised words right after the greeting are taken for a name the context does not know
        // ("Hiya Jen!!!", "Hi Mary Beth!!!").
        let named = name || (e.0 && e.2 < 2 && w.cap && !w.upper);
        let joins = rules.greeting_with.contains(word) || rules.name_heads.contains(word) || named;
        e.0 |= greets;
        e.1 &= greets || joins;
        e.2 = if greets { 0 } else { e.2 + 1 };
    }
    per.into_iter().filter(|(_, (head, all, _))| *head && *all).map(|(s, _)| s).collect()
}

/// How many words may come between the writer speaking of themself and an insult that is self-mockery
/// ("I was *a bit of a* clown").
const SELF_REACH: usize = 4;

/// How far back, in tokens of the same clause, a negation still applies to a phrase.
const NEGATION_REACH: usize = 6;

/// Checks `text` written in `lang` ("fr", anything else is English); an empty list means it reads fine.
/// Findings are sorted by position; the same span may carry several categories.
pub fn check(text: &str, lang: &str, ctx: &Context) -> Vec<Finding> {
    let rules = rules(lang);
    let reading = read(text, rules.split_elisions);
    let mut toks = tokens(&reading, rules);
    let no_neg = vec![false; toks.len()];

    // Names from the context and exempt phrases shield their words from insult and profanity.
    let names = name_words(ctx, rules);
    for t in &mut toks {
        if names.contains(&*t.text) {
            t.shielded = true;
        }
    }
    for hit in rules.exempt.find(&toks, rules, &no_neg) {
        for t in &mut toks[hit.first..=hit.last] {
            t.shielded = true;
        }
    }
    let quiet = quiet_lines(text, &reading, rules);
    let proper = proper_names(text, &reading, rules, &quiet);
    for t in &mut toks {
        if proper[t.word] {
            t.shielded = true;
        }
    }

    // Negations mark the token where they end; polite formulas mark their sentence.
    let mut neg = vec![false; toks.len()];
    for hit in rules.negators.find(&toks, rules, &no_neg) {
        neg[hit.last] = true;
    }
    let polite_sentences: HashSet<usize> =
        rules.polite.find(&toks, rules, &no_neg).into_iter().map(|h| toks[h.first].sentence).collect();

    // Where the writer speaks of themself: the tokens each such phrase covers and its clause.
    let myself: Vec<(usize, usize, usize)> =
        rules.myself.find(&toks, rules, &no_neg).into_iter().map(|h| (h.first, h.last, toks[h.last].clause)).collect();
    let mut spans: Vec<(usize, usize, Cat)> = Vec::new();
    // The phrases the model may overrule, with their sentences, decided after the loop.
    let mut overrulable: Vec<(usize, usize, Cat, usize)> = Vec::new();
    for hit in rules.phrases.find(&toks, rules, &neg) {
        let p = &rules.phrases.patterns[hit.pattern];
        let first = &toks[hit.first];
        if hit.cat == Cat::Insult
            && myself.iter().any(|&(a, b, clause)| {
                clause == first.clause
                    && hit.first > a
                    && hit.first <= b + 1 + SELF_REACH
                    && !toks[(b + 1).min(hit.first)..hit.first].iter().any(|t| rules.myself_until.contains(&*t.text))
            })
        {
            continue;
        }
        if p.negatable && negated_before(&toks, &neg, hit.first) {
            continue;
        }
        if p.polite_yields && polite_sentences.contains(&first.sentence) {
            continue;
        }
        if p.shieldable && shielded_by_words(&toks, rules, &hit) {
            continue;
        }
        let (a, b) = (&reading.words[first.word], &reading.words[toks[hit.last].word]);
        if p.overrulable
            && (p.shieldable || hit.cat.severity() != Severity::Stop)
            && hit.cat.overruled_below().is_some()
        {
            overrulable.push((a.u0, b.u1, hit.cat, first.sentence));
        } else {
            spans.push((a.u0, b.u1, hit.cat));
        }
    }
    if !overrulable.is_empty() {
        let ids: HashSet<usize> = overrulable.iter().map(|o| o.3).collect();
        let reads = model::overrule_reads(lang, &reading, &names, &proper, &quiet, &ids);
        for (start, end, cat, sentence) in overrulable {
            let overruled = reads.get(&sentence).zip(cat.overruled_below()).is_some_and(|(&p, limit)| p < limit);
            if !overruled {
                spans.push((start, end, cat));
            }
        }
    }
    spans.extend(masked(text, &reading, rules, &names));
    // Thanks and praise: their words are not shouting in capitals, and their sentence may end in "!!".
    let mut warm_words = vec![false; reading.words.len()];
    let mut warm_sentences = HashSet::new();
    for hit in rules.warm.find(&toks, rules, &neg) {
        if negated_before(&toks, &neg, hit.first) {
            continue;
        }
        warm_sentences.insert(toks[hit.first].sentence);
        for t in &toks[hit.first..=hit.last] {
            warm_words[t.word] = true;
        }
    }
    let loud = shouting(&reading, rules, &names, &quiet, &warm_words);
    spans.extend(loud.into_iter().map(|(s, e)| (s, e, Cat::Shouting)));
    // Runs of "!" and "?": what they close decides (see `angry_runs`).
    spans.extend(angry_runs(lang, &reading, rules, &toks, &neg, &names, &proper, &quiet, &warm_sentences));
    // The learned second opinion, only on sentences the rules left alone: rules explain, it catches the rest.
    // A returned good wish is kind, whatever its words read like to the model ("Je vous souhaite la même chose !").
    // A grievance in the sentence undoes a kind formula ("Just checking in after being ignored for six weeks").
    let mut kind: HashSet<usize> =
        rules.kind.find(&toks, rules, &no_neg).into_iter().map(|h| toks[h.first].sentence).collect();
    if !kind.is_empty() {
        for h in rules.grievance.find(&toks, rules, &no_neg) {
            kind.remove(&toks[h.first].sentence);
        }
    }
    let learned = model::findings(lang, &reading, &names, &proper, &quiet, &spans, &polite_sentences, &kind);
    spans.extend(learned);
    finish(spans)
}

fn negated_before(toks: &[Tok], neg: &[bool], first: usize) -> bool {
    let clause = toks[first].clause;
    (first.saturating_sub(NEGATION_REACH)..first).rev().take_while(|&j| toks[j].clause == clause).any(|j| neg[j])
}

/// A shield word inside the finding, within the next ten words of the sentence, or just before it in the same
/// clause cancels it: "I left a *positive* review on Glassdoor", "I'll tell my network how *well* you treat people".
fn shielded_by_words(toks: &[Tok], rules: &Rules, hit: &Hit) -> bool {
    let clause = toks[hit.first].clause;
    if let Some(words) = rules.shields_before.get(&hit.cat) {
        let before = toks[hit.first.saturating_sub(4)..hit.first].iter().rev().take_while(|t| t.clause == clause);
        if before.chain(std::iter::once(&toks[hit.first])).any(|t| words.contains(&*t.text)) {
            return true;
        }
    }
    let Some(words) = rules.shields.get(&hit.cat) else { return false };
    let sentence = toks[hit.first].sentence;
    let after = toks[hit.first..toks.len().min(hit.last + 11)].iter().take_while(|t| t.sentence == sentence);
    let before = toks[hit.first.saturating_sub(4)..hit.first].iter().rev().take_while(|t| t.clause == clause);
    after.chain(before).any(|t| words.contains(&*t.text))
}

/// The words of the names in the context, minus common words ("de", "the") that would shield too much.
fn name_words(ctx: &Context, rules: &Rules) -> HashSet<String> {
    let mut out = HashSet::new();
    for name in &ctx.names {
        let mut word = String::new();
        for c in name.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() {
                push_folded(c, &mut word);
            } else if !word.is_empty() {
                let w = std::mem::take(&mut word);
                if w.chars().count() >= 2 && !rules.loud.contains(w.as_str()) && !rules.neutral.contains(w.as_str()) {
                    out.insert(w);
                }
            }
        }
    }
    out
}

/// Sorts, drops spans contained in a longer span of the same category, and converts to findings.
fn finish(mut spans: Vec<(usize, usize, Cat)>) -> Vec<Finding> {
    spans.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.cmp(&b.0)).then(b.1.cmp(&a.1)));
    let mut kept: Vec<(usize, usize, Cat)> = Vec::with_capacity(spans.len());
    for s in spans {
        match kept.last() {
            Some(k) if k.2 == s.2 && s.0 >= k.0 && s.1 <= k.1 => {}
            _ => kept.push(s),
        }
    }
    kept.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
    kept.into_iter()
        .map(|(start, end, cat)| Finding { start, end, rule: cat.name().to_owned(), severity: cat.severity() })
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// Masked spellings
// ---------------------------------------------------------------------------------------------------------

/// What a masking character may stand for; `None` means any letter.
fn mask_stands_for(c: char) -> Option<Option<&'static [char]>> {
    match c {
        '*' | '#' | '%' | '_' => Some(None),
        '@' | '4' => Some(Some(&['a'])),
        '$' | '5' => Some(Some(&['s'])),
        '!' | '1' => Some(Some(&['i', 'l'])),
        '0' => Some(Some(&['o'])),
        '3' => Some(Some(&['e'])),
        '7' => Some(Some(&['t'])),
        _ => None,
    }
}

/// Masked words ("f***", "sh!t", "t@b@rn@k", "a$$") and spaced letters ("f.u.c.k", "f u c k").
fn masked(text: &str, reading: &Reading, rules: &Rules, names: &HashSet<String>) -> Vec<(usize, usize, Cat)> {
    let mut out = Vec::new();
    // Runs of letters and masking characters, with at least one mask.
    let mut run: Vec<char> = Vec::new();
    let (mut u0, mut u) = (0usize, 0usize);
    let flush = |run: &mut Vec<char>, u0: usize, u1: usize, out: &mut Vec<(usize, usize, Cat)>| {
        // A trailing "!" is punctuation, not a mask.
        let mut end = run.len();
        let mut u1 = u1;
        while end > 0 && run[end - 1] == '!' {
            end -= 1;
            u1 -= 1;
        }
        let r = &run[..end];
        let masks = r.iter().filter(|c| !c.is_alphabetic()).count();
        let starts_well = r.first().is_some_and(|&c| c.is_alphabetic() || c == '@' || c == '$');
        if (3..=30).contains(&r.len()) && masks > 0 && masks < r.len() && starts_well {
            if let Some(cat) = unmask(r, rules) {
                out.push((u0, u1, cat));
            }
        }
        run.clear();
    };
    for c in text.chars() {
        let w = c.len_utf16();
        if c.is_alphabetic() || mask_stands_for(c).is_some() {
            if run.is_empty() {
                u0 = u;
            }
            if c.is_ascii() {
                run.push(c.to_ascii_lowercase());
            } else {
                let mut f = String::new();
                push_folded(c, &mut f);
                run.extend(f.chars());
            }
        } else if !run.is_empty() {
            flush(&mut run, u0, u, &mut out);
        }
        u += w;
    }
    if !run.is_empty() {
        flush(&mut run, u0, u, &mut out);
    }
    // Three or more single letters separated by one dot, space, dash or underscore: "f.u.c.k", "s t f u".
    let words = &reading.words;
    let mut i = 0;
    while i < words.len() {
        let single = |w: &Word| w.letters == 1 && w.folded.chars().count() == 1 && !w.has_digit;
        if !single(&words[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len()
            && single(&words[j + 1])
            && words[j + 1].b0 == words[j].b1 + 1
            && matches!(text.as_bytes().get(words[j].b1), Some(b'.' | b' ' | b'-' | b'_' | b'*'))
        {
            j += 1;
        }
        if j >= i + 2 {
            let joined: String = words[i..=j].iter().map(|w| w.folded.as_str()).collect();
            if !names.contains(&joined) {
                let chars: Vec<char> = joined.chars().collect();
                if let Some(cat) = unmask(&chars, rules) {
                    out.push((words[i].u0, words[j].u1, cat));
                }
            }
        }
        i = j + 1;
    }
    out
}

/// The category of the insult or swear word a masked spelling stands for, if any.
fn unmask(run: &[char], rules: &Rules) -> Option<Cat> {
    let fits = |c: char, want: char| match mask_stands_for(c) {
        _ if c == want => true,
        Some(None) => want.is_alphabetic(),
        Some(Some(options)) => options.contains(&want),
        None => false,
    };
    let fits_word = |word: &str| word.chars().zip(run.iter()).all(|(want, &c)| fits(c, want));
    if let Some(list) = rules.masked_words.get(&run.len()) {
        if let Some((_, cat)) = list.iter().find(|(w, _)| fits_word(w)) {
            return Some(*cat);
        }
    }
    rules
        .masked_prefixes
        .iter()
        .find(|(p, _)| p.chars().count() <= run.len() && p.chars().count() >= 3 && fits_word(p))
        .map(|(_, cat)| *cat)
}

// ---------------------------------------------------------------------------------------------------------
// Shouting
// ---------------------------------------------------------------------------------------------------------

/// Words after which two capitalised words are a noun phrase in title case ("un Gros Connard"), not a first
/// name and a surname.
const DETERMINERS: [&str; 27] = [
    "un", "une", "des", "le", "la", "les", "ce", "cette", "ces", "mon", "ma", "mes", "ton", "ta", "votre", "vos", "a",
    "an", "the", "this", "that", "my", "your", "you", "such", "vous", "es",
];

/// Words that are a person's or a place's name: capitalised words right after a title or a greeting
/// ("Mr. Bastard", "Bonjour Francis Tabarin", up to three), after a place opener ("Sainte-Hostie"), after a
/// capitalised first name inside a sentence ("avec Luc Connard"), inside a hyphenated compound of capitalised
/// words ("Notre-Dame-du-Calvaire"), and on the quiet lines of a signature or an address. Names are never
/// insults nor swearing.
fn proper_names(text: &str, reading: &Reading, rules: &Rules, quiet: &[bool]) -> Vec<bool> {
    let words = &reading.words;
    let mut proper = vec![false; words.len()];
    // How many more capitalised words a title or greeting still covers.
    let mut naming = 0u8;
    // Capitalised words so far in the current chain of hyphenated words ("Notre-Dame-du-Calvaire").
    let mut chain_caps = 0usize;
    for (i, w) in words.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &words[p]).filter(|p| p.line == w.line);
        let between = prev.and_then(|p| text.get(p.b1..w.b0)).unwrap_or("\n");
        if prev.is_none() || between.len() > 3 {
            naming = 0;
        }
        // A capitalised word joined by hyphens to an earlier capitalised one is part of a compound name: a
        // place, a parish, a trail ("Notre-Dame-du-Calvaire", "Saint-Louis-du-Ha"), never a sacre.
        let in_compound = between == "-" && chain_caps > 0 && !w.upper;
        chain_caps = if between == "-" { chain_caps } else { 0 } + usize::from(w.cap);
        let after_place = prev.is_some_and(|p| p.cap && rules.place_heads.contains(p.folded.as_str()))
            && (between == "-" || between == " ");
        // A capitalised word right after a capitalised first name inside a sentence is a surname ("avec Luc
        // Connard", "thanks to Mike Bastard"); a capital opening the sentence proves nothing ("Gros Connard").
        let after_first_name = prev.is_some_and(|p| {
            let opens = i < 2 || reading.word_sentence[i - 2].0 != reading.word_sentence[i - 1].0;
            let determined = i >= 2 && DETERMINERS.contains(&words[i - 2].folded.as_str());
            p.cap && !p.upper && !opens && !determined && between == " "
        }) && !w.upper;
        let named = naming > 0 || after_place || after_first_name || in_compound || at_place(reading, rules, i);
        if w.cap && (named || quiet.get(w.line).copied().unwrap_or(false)) {
            proper[i] = true;
            naming = naming.saturating_sub(1);
        } else {
            naming = 0;
        }
        if rules.name_heads.contains(w.folded.as_str()) {
            naming = 3;
        }
    }
    proper
}

/// A capitalised word (not in capitals) inside its sentence and not its last, right after a locative word or
/// two ("near Bitche in Moselle", "from Shitterton", «près de Bitche,»): a place. One of the two words before
/// the locative may undo it ("rot in Hell, Karen", "see you in Hell, Karen").
fn at_place(reading: &Reading, rules: &Rules, i: usize) -> bool {
    let words = &reading.words;
    let w = &words[i];
    let sentence = reading.word_sentence[i].0;
    let same = |k: usize| reading.word_sentence.get(k).is_some_and(|s| s.0 == sentence);
    if !w.cap || w.upper || i == 0 || !same(i - 1) || !same(i + 1) {
        return false;
    }
    let one = words[i - 1].folded.as_str();
    let two = (i >= 2 && same(i - 2)).then(|| format!("{} {one}", words[i - 2].folded));
    let (hit, before) = if rules.place_before.contains(one) {
        (true, i.checked_sub(2))
    } else if two.as_deref().is_some_and(|t| rules.place_before.contains(t)) {
        (true, i.checked_sub(3))
    } else {
        (false, None)
    };
    // Either of the two words before the locative may undo it ("rot in Hell", "see you in Hell").
    let undone = before.is_some_and(|b| {
        (b.saturating_sub(1)..=b).any(|k| same(k) && rules.place_not_after.contains(words[k].folded.as_str()))
    });
    hit && !undone
}

/// Lines where capitals are not shouting: the signature block and address, phone, e-mail lines.
fn quiet_lines(text: &str, reading: &Reading, rules: &Rules) -> Vec<bool> {
    let mut quiet = vec![false; reading.lines.len()];
    let words = &reading.words;
    for (n, line) in reading.lines.iter().enumerate() {
        let raw = text.get(line.b0..line.b1).unwrap_or("").trim();
        let ws = &words[line.first_word..line.end_word];
        let digits = raw.chars().filter(char::is_ascii_digit).count();
        let alnum = raw.chars().filter(|c| c.is_alphanumeric()).count().max(1);
        let postal = ws.windows(2).any(|p| is_fsa(&p[0].folded) && is_ldu(&p[1].folded))
            || ws.iter().any(|w| {
                w.folded.len() == 6 && w.folded.is_ascii() && is_fsa(&w.folded[..3]) && is_ldu(&w.folded[3..])
            });
        let zip = ws.windows(2).any(|p| {
            p[0].letters == 2 && p[0].upper && p[1].folded.len() == 5 && p[1].folded.bytes().all(|b| b.is_ascii_digit())
        });
        let phone = digits >= 7 && digits * 10 >= alnum * 4;
        let street = ws.first().is_some_and(|w| w.letters == 0 && w.has_digit) && ws.len() >= 2;
        let web = raw.contains('@') || raw.contains("www.") || raw.contains("http");
        quiet[n] = postal || zip || phone || street || web;
    }
    // The signature: after the last closing line ("Best regards,") or a "--" line, when only a few short
    // lines follow it.
    let mut sig_from = None;
    // Counted while walking up from the end, so the walk stays linear however many lines there are.
    let (mut lines_after, mut long_after) = (0usize, false);
    for (n, line) in reading.lines.iter().enumerate().rev() {
        if lines_after > 8 || long_after {
            break;
        }
        let raw = text.get(line.b0..line.b1).unwrap_or("").trim();
        let dash = raw.starts_with("--") || raw.starts_with('—');
        let n_words = line.end_word - line.first_word;
        let closing = (1..=7).contains(&n_words)
            && !raw.ends_with('?')
            && is_closing(&words[line.first_word..line.end_word], rules);
        if dash || closing {
            sig_from = Some(n + 1);
        }
        if n_words > 0 {
            lines_after += 1;
            long_after |= line.b1 - line.b0 > 100;
        }
    }
    if let Some(from) = sig_from {
        for q in &mut quiet[from..] {
            *q = true;
        }
    }
    quiet
}

fn is_closing(line_words: &[Word], rules: &Rules) -> bool {
    let toks: Vec<Tok> = line_words
        .iter()
        .enumerate()
        .map(|(i, w)| Tok {
            text: w.folded.as_str().into(),
            alt: None,
            word: i,
            sentence: 0,
            clause: 0,
            opens_sentence: i == 0,
            shielded: false,
        })
        .collect();
    let none = vec![false; toks.len()];
    rules.closings.find(&toks, rules, &none).iter().any(|h| h.first == 0)
}

/// Canadian postal code halves: "h2x" (forward sortation area) and "1y4" (local delivery unit).
fn is_fsa(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0].is_ascii_alphabetic() && b[1].is_ascii_digit() && b[2].is_ascii_alphabetic()
}

fn is_ldu(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_digit()
}

/// Runs of words in capitals that read as shouting. A run is shouting when it holds a word that shouts on
/// its own ("NEVER"), two common words ("WHY NOT"), a common word and another word ("CALL ME"), or four
/// words of any kind. Acronyms, names from the context, quoted titles, words with digits, single letters
/// and quiet lines (signature, address) don't count, so "BANQUE NATIONALE" and "KPMG" stay quiet.
fn shouting(
    reading: &Reading,
    rules: &Rules,
    names: &HashSet<String>,
    quiet: &[bool],
    warm: &[bool],
) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let words = &reading.words;
    let is_caps = |w: &Word| w.upper && !w.has_digit;
    let counts = |(i, w): &(usize, &Word)| {
        w.letters >= 2
            && !warm.get(*i).copied().unwrap_or(false)
            && !rules.acronyms.contains(w.folded.as_str())
            && !names.contains(&w.folded)
            && !w.quoted
            && !quiet.get(w.line).copied().unwrap_or(false)
            && !rules.neutral.contains(w.folded.as_str())
    };
    let mut i = 0;
    while i < words.len() {
        if !is_caps(&words[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len() && is_caps(&words[j + 1]) && words[j + 1].glued {
            j += 1;
        }
        let counted: Vec<&Word> =
            words[i..=j].iter().enumerate().map(|(k, w)| (i + k, w)).filter(counts).map(|(_, w)| w).collect();
        let loud = counted.iter().filter(|w| rules.loud.contains(w.folded.as_str())).count();
        let strong = counted.iter().any(|w| rules.strong.contains(w.folded.as_str()));
        let content = counted.len();
        // Thanks in capitals carry the words around them too ("MERCI INFINIMENT À TOUTE L'ÉQUIPE"), unless
        // the run holds a word that shouts on its own ("THANK YOU FOR NOTHING").
        let warmth = (i..=j).any(|k| warm.get(k).copied().unwrap_or(false));
        // One intensifier in capitals right before thanks or praise is emphasis ("TRÈS reconnaissant").
        let emphasis = i == j
            && rules.intensifiers.contains(words[i].folded.as_str())
            && warm.get(i + 1).copied().unwrap_or(false);
        if emphasis || (warmth && !strong) {
            i = j + 1;
            continue;
        }
        if strong || loud >= 2 || (loud >= 1 && content >= 2) || content >= 4 {
            if let (Some(a), Some(b)) = (counted.first(), counted.last()) {
                spans.push((a.u0, b.u1));
            }
        }
        i = j + 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn rules_found(text: &str, lang: &str) -> Vec<String> {
        check(text, lang, &Context::default()).into_iter().map(|f| f.rule).collect()
    }

    fn with_names(text: &str, lang: &str, names: &[&str]) -> Vec<String> {
        let ctx = Context { names: names.iter().map(|n| n.to_string()).collect() };
        check(text, lang, &ctx).into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn rule_files_compile() {
        for (lang, src) in [("fr", FR), ("en", EN)] {
            let rules = compile(src).unwrap_or_else(|e| panic!("{lang}: {e}"));
            assert!(rules.phrases.patterns.len() > 100, "{lang}: rules loaded");
        }
    }

    /// Hostile sentences of the corpus the rules still miss, each for a reason a rule can't settle without
    /// false alarms: "moran" is also a surname; "posting" is shielded as a job posting, and "5" as five
    /// stars; "quelle belle expérience, vraiment" is sincere as often as not; «s'arrête» is too common to be
    /// a bad outcome; "Do not reply to this email" is also every automated footer, and the "Ever." that
    /// makes it hostile is a sentence of its own; "I would like" is a polite formula, which turns any demand
    /// of its sentence into a request. A new miss fails the test, and so does a fixed one left in this list.
    /// "tabarouette" is a minced oath, no swearing, as the brief the held-out sets are written from says (thirteenth
    /// round); what is left, a process called crazy, is too mild for any category.
    const KNOWN_MISSES: [&str; 8] = [
        "C'est un processus de fou, tabarouette.",
        "I would like the detailed feedback from each interviewer by Friday, no later.",
        "That recruiter of yours is a moran.",
        "I'm posting the full story to my 5,000 LinkedIn connections tomorrow.",
        "Quelle belle expérience candidat, vraiment.",
        "Je vais raconter cette histoire à tous les 5 à 7 en ville.",
        "Ne répondez pas à ce courriel. Jamais.",
        "Do not reply to this email. Ever.",
    ];

    /// Hostile sentences of the corpus the rules catch and the model overrules (fifteenth round): in a sentence of
    /// eight words or more that the model reads as plainly polite, it takes a phrase of sarcasm, blame or demand
    /// (or, surer still, of threat or dismissal) for courteous use of the words, unless the phrase is flagged `=`
    /// (a shape that means what it says: "as I already said twice", "you misled me") or is a threat or dismissal
    /// that no shield word softens (`!`). What that costs here: one thank-you that is sarcasm only because of
    /// what it thanks for. What it buys, on the held-out sets of other writers: about one polite message in
    /// three the check flagged in English, and a few in French, no longer flagged (see
    /// `the_model_overrules_a_broad_phrase_only_in_a_long_plainly_polite_sentence`). A new one fails the test,
    /// and so does one no longer overruled.
    pub(super) const OVERRULED: [&str; 1] = ["Thank you so much for the copy-paste email."];

    /// The rules alone (the learned model off in this thread) miss exactly [`KNOWN_MISSES`]; with the model on,
    /// exactly those it does not catch and [`OVERRULED`], and nothing polite is flagged either way.
    #[test]
    fn corpus_recall_and_false_alarms_meet_the_goal() {
        let on = corpus_misses();
        model::tests::MODEL_OFF.with(|o| o.set(true));
        let off = corpus_misses();
        model::tests::MODEL_OFF.with(|o| o.set(false));
        let mut known = KNOWN_MISSES.to_vec();
        known.sort_unstable();
        assert_eq!(off, known, "missed hostile sentences, rules alone");
        assert!(on.iter().all(|m| known.contains(m) || OVERRULED.contains(m)), "missed with the model on: {on:?}");
        let kept: Vec<&str> = OVERRULED.iter().copied().filter(|m| !on.contains(m)).collect();
        assert!(kept.is_empty(), "no longer overruled: {kept:?}");
    }

    fn corpus_misses() -> Vec<&'static str> {
        static CORPUS: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
        let corpus = CORPUS.get_or_init(|| serde_json::from_str(include_str!("tone/corpus.json")).unwrap());
        let mut missed: Vec<&str> = Vec::new();
        for lang in ["fr", "en"] {
            let hostile = corpus[lang]["hostile"].as_array().unwrap();
            let polite = corpus[lang]["polite"].as_array().unwrap();
            assert!(hostile.len() >= 350 && polite.len() >= 300, "{lang}: corpus size");
            missed.extend(
                hostile
                    .iter()
                    .map(|h| h["text"].as_str().unwrap())
                    .filter(|t| check(t, lang, &Context::default()).is_empty()),
            );
            let flagged: Vec<&str> = polite
                .iter()
                .map(|p| p.as_str().unwrap())
                .filter(|t| !check(t, lang, &Context::default()).is_empty())
                .collect();
            assert_eq!(flagged, Vec::<&str>::new(), "{lang}: false alarms");
        }
        missed.sort_unstable();
        missed
    }

    #[test]
    fn every_category_has_its_severity() {
        let f = check("You idiot. I demand an answer!!", "en", &Context::default());
        let sev = |rule: &str| f.iter().find(|x| x.rule == rule).map(|x| x.severity);
        assert_eq!(sev("insult"), Some(Severity::Stop));
        assert_eq!(sev("demand"), Some(Severity::SecondLook));
        assert_eq!(sev("punctuation"), Some(Severity::SecondLook));
    }

    #[test]
    fn masked_insults_in_both_languages() {
        for (text, lang) in [
            ("F*** you", "en"),
            ("f.u.c.k this", "en"),
            ("f u c k your rejection email", "en"),
            ("Your process is sh!t", "en"),
            ("va te faire f…", "fr"),
            ("Va te faire foutre", "fr"),
            ("mon tabarnak", "fr"),
            ("T@b@rn@k, même pas un appel", "fr"),
            ("Câlice que c’est mal géré", "fr"),
            ("calisse que c'est long", "fr"),
        ] {
            assert!(rules_found(text, lang).contains(&"profanity".to_owned()), "{text}");
        }
    }

    #[test]
    fn quebec_swearing_and_its_derivatives() {
        for text in [
            "Je m'en câlisse",
            "Crisse-moi patience",
            "Décrisse",
            "Estie d'incompétents",
            "Ostifie",
            "Mange de la marde",
        ] {
            assert!(!rules_found(text, "fr").is_empty(), "{text}");
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
    fn signature_and_address_lines_are_not_shouting() {
        let letter =
            "Merci encore pour l’entrevue.\n\nCordialement,\nMARIE TREMBLAY\n1450, rue Peel\nMONTRÉAL QC H3A 1S8";
        assert!(rules_found(letter, "fr").is_empty());
        let us = "Thanks again.\n\nBest regards,\nJOHN SMITH\n300 PINE STREET\nNEW YORK, NY 10001";
        assert!(rules_found(us, "en").is_empty());
        // The same capitals in the body are shouting.
        assert_eq!(rules_found("WHY DID YOU NOT CALL ME BACK", "en"), ["shouting"]);
    }

    #[test]
    fn names_from_the_context_are_never_shouting_or_insults() {
        let text = "Thank you for the interview at ROYAL MAPLE DATA SERVICES, and say hello to Bastard for me.";
        assert_eq!(with_names(text, "en", &[]), ["shouting", "profanity"]);
        assert!(with_names(text, "en", &["Royal Maple Data Services", "Jon Bastard"]).is_empty());
        assert!(with_names("J’ai rencontré M. Connard au deuxième tour.", "fr", &["Julien Connard"]).is_empty());
    }

    #[test]
    fn names_after_a_title_or_a_greeting_in_a_signature_or_a_place_are_never_swearing() {
        for text in ["Thank you, Mr. Bastard, for the tour.", "Hi Shitaye, thanks for the update.", "Dear Dr. Fuchs,"] {
            assert!(rules_found(text, "en").is_empty(), "{text}");
        }
        let signed = "Thanks again for your time.\n\nBest regards,\nRobin Cockshott";
        assert!(rules_found(signed, "en").is_empty());
        for text in [
            "Bonjour Francis Tabarin, merci pour l'entrevue.",
            "Merci, Mme Labitte, pour votre accueil.",
            "J'ai grandi à Sainte-Hostie, puis à Saint-Calixte.",
        ] {
            assert!(rules_found(text, "fr").is_empty(), "{text}");
        }
        // The same words as words, not names, are still swearing.
        assert_eq!(rules_found("Hostie que c'est long.", "fr"), ["profanity"]);
        assert_eq!(rules_found("You bastard.", "en"), ["profanity"]);
    }

    #[test]
    fn a_surname_after_a_first_name_or_a_hyphenated_place_is_a_name_but_a_title_case_insult_is_not() {
        assert!(rules_found("La visite avec Kevin Bozo était super instructive.", "fr").is_empty());
        assert!(rules_found("I toured the plant with Mike Bastard on Friday.", "en").is_empty());
        assert!(rules_found("Vous êtes un Gros Connard.", "fr").contains(&"insult".to_owned()));
        assert!(rules_found("Gros Connard.", "fr").contains(&"insult".to_owned()));
        assert!(rules_found("J'ai grandi à Sainte-Rose-du-Calvaire, près du lac.", "fr").is_empty());
        assert!(rules_found("Calvaire, trois mois sans réponse.", "fr").contains(&"profanity".to_owned()));
    }

    #[test]
    fn quebec_minced_oaths_are_exclamations_unless_they_qualify_the_process() {
        assert!(rules_found("Torrieu que vous avez une belle équipe.", "fr").is_empty());
        assert!(rules_found("Mautadine, je suis déçue, mais je vous remercie.", "fr").is_empty());
        assert!(rules_found("Mosus de processus interminable.", "fr").contains(&"profanity".to_owned()));
        // So are the mild ones beside how the writer felt (twelfth round): «tabarnouche» is no swear word. Since the
        // thirteenth, a minced oath is swearing only when it qualifies the process, the job or the people.
        assert!(rules_found("Tabarouette, j'étais nerveux en arrivant à l'entrevue.", "fr").is_empty());
        assert!(rules_found("Tabarnouche que j'étais stressée avant l'appel.", "fr").is_empty());
        assert!(rules_found("Batince, j'ai mélangé les dates, je m'en excuse sincèrement.", "fr").is_empty());
        assert!(rules_found("Tabarouette, ça fait du bien de recevoir une réponse, même négative.", "fr").is_empty());
        assert!(rules_found("Mautadit processus.", "fr").contains(&"profanity".to_owned()));
        // The strong sacres stay swearing whatever follows.
        assert!(rules_found("Tabarnak, merci pour l'entrevue.", "fr").contains(&"profanity".to_owned()));
        assert!(rules_found("Câlisse, j'étais nerveux.", "fr").contains(&"profanity".to_owned()));
    }

    #[test]
    fn thanks_and_praise_in_capitals_or_with_bangs_are_warmth() {
        for text in ["THANK YOU for the opportunity!", "Thanks so much for your time!!", "Great chat today!!"] {
            assert!(rules_found(text, "en").is_empty(), "{text}");
        }
        for text in [
            "MERCI pour cette belle occasion!",
            "Bravo à toute l'équipe!!",
            "MERCI BEAUCOUP!!",
            "MERCI À TOUTE L'ÉQUIPE!",
        ] {
            assert!(rules_found(text, "fr").is_empty(), "{text}");
        }
        assert_eq!(rules_found("Why not me!!", "en"), ["punctuation"]);
        assert!(rules_found("THANK YOU FOR NOTHING", "en").contains(&"shouting".to_owned()));
    }

    #[test]
    fn mild_english_swearing_beside_praise_or_an_apology_is_warmth_but_strong_swearing_is_not() {
        for text in
            ["The demo was bloody brilliant.", "Holy crap, what a view from your office!", "Thanks a freaking ton!"]
        {
            assert!(rules_found(text, "en").is_empty(), "{text}");
        }
        assert!(rules_found("This process is crap.", "en").contains(&"profanity".to_owned()));
        assert!(rules_found("Fucking brilliant process, thanks.", "en").contains(&"profanity".to_owned()));
    }

    #[test]
    fn telling_others_how_good_you_were_is_praise_not_a_threat() {
        for text in
            ["I'll tell everyone your process was exemplary.", "I'll write to your boss to say how helpful you were."]
        {
            assert!(rules_found(text, "en").is_empty(), "{text}");
        }
        for text in [
            "Je vais dire à tout le monde que votre processus était exemplaire.",
            "Votre application va tout casser, j'en suis sûr.",
            "Je vous souhaite de crever le plafond des ventes cette année!",
        ] {
            assert!(rules_found(text, "fr").is_empty(), "{text}");
        }
        assert!(rules_found("I'll tell everyone how you treat candidates.", "en").contains(&"threat".to_owned()));
        assert!(rules_found("J'espère que votre financement s'arrête.", "fr").contains(&"ill_wish".to_owned()));
    }

    #[test]
    fn a_capitalised_word_after_a_locative_inside_its_sentence_is_a_place() {
        for text in [
            "My family lives near Bitche in Moselle, so the Metz office suits me.",
            "My train from Shitterton was delayed, sorry for the late reply.",
            "My brother lives in Hell, Michigan, so I visit a lot.",
        ] {
            assert!(rules_found(text, "en").is_empty(), "{text}");
        }
        assert!(rules_found("J'habite près de Bitche, en Moselle, depuis dix ans.", "fr").is_empty());
        // Lowercase, last in its sentence, or after a curse's verb, it is what it says.
        assert!(rules_found("My train from shitterton was a bitch.", "en").contains(&"profanity".to_owned()));
        assert!(!rules_found("I hope you all rot in Hell, Karen.", "en").is_empty());
        assert!(rules_found("See you in Hell, Karen.", "en").contains(&"profanity".to_owned()));
        assert!(rules_found("Rotting in Hell is what you deserve.", "en").contains(&"profanity".to_owned()));
        assert!(!rules_found("Go to Hell.", "en").is_empty());
    }

    #[test]
    fn one_intensifier_in_capitals_before_thanks_is_emphasis() {
        assert!(rules_found("Je vous suis TRÈS reconnaissant.", "fr").is_empty());
        assert!(rules_found("I am SO glad we met.", "en").is_empty());
        assert!(rules_found("THANK YOU FOR NOTHING", "en").contains(&"shouting".to_owned()));
        assert!(rules_found("Vous êtes TRÈS nuls.", "fr").contains(&"shouting".to_owned()));
    }

    /// The rules alone, the model off in this thread.
    fn rules_alone(text: &str, lang: &str) -> Vec<String> {
        model::tests::MODEL_OFF.with(|o| o.set(true));
        let found = rules_found(text, lang);
        model::tests::MODEL_OFF.with(|o| o.set(false));
        found
    }

    /// A broad phrase of what a sentence does, in a long sentence the model reads as plainly polite, is courteous
    /// use of its words: the model overrules it. Never in a short blunt sentence, never an insult or swearing,
    /// and never with the model off.
    #[test]
    fn the_model_overrules_a_broad_phrase_only_in_a_long_plainly_polite_sentence() {
        for (text, lang, cat) in [
            ("Je vous laisse aussi mon lien LinkedIn si vous voulez lire mes recommandations.", "fr", "threat"),
            ("Je serai plus disponible pour vous parler en fin de semaine prochaine.", "fr", "dismissal"),
            ("There's no point in following up before the new year, so I'll wait until January.", "en", "dismissal"),
            ("I coach younger players at my local club on weekends and love it.", "en", "blame"),
        ] {
            assert!(rules_alone(text, lang).contains(&cat.to_owned()), "{text}: the rules' {cat}");
            assert!(rules_found(text, lang).is_empty(), "{text}: {:?}", rules_found(text, lang));
        }
        for (text, lang, cat) in [
            ("It was a waste of time.", "en", "blame"),
            ("C'était une perte de temps.", "fr", "blame"),
            ("Je trouve votre attitude inacceptable.", "fr", "blame"),
            (
                "Thank you for your time, and please thank the clown who ran the second interview for me.",
                "en",
                "insult",
            ),
            (
                "Merci pour votre temps, et remerciez de ma part le guignol qui a mené le deuxième entretien.",
                "fr",
                "insult",
            ),
            // A threat no shield word softens (`!`) stays, however calm the model finds it (the "as well" of the
            // first is no praise either).
            ("I plan to file with the state civil rights commission as well.", "en", "threat"),
            ("I have retained an attorney regarding the way my interview was handled.", "en", "threat"),
            ("You will be hearing from his office next week.", "en", "threat"),
        ] {
            assert!(rules_found(text, lang).contains(&cat.to_owned()), "{text}: {:?}", rules_found(text, lang));
        }
    }

    /// Fourth round: the forms of threats, ill wishes, blame and sarcasm that carry no telling word, each with a
    /// polite sentence of the same shape that must stay quiet.
    #[test]
    fn structural_threats_wishes_blame_and_sarcasm() {
        for (text, lang, cat) in [
            ("Ça ne restera pas sans suite, je vous le garantis.", "fr", "threat"),
            ("Croyez bien que je ne vais pas en rester là.", "fr", "threat"),
            ("Préparez-vous à répondre de vos décisions devant un juge.", "fr", "threat"),
            ("Je sais où se trouvent vos bureaux.", "fr", "threat"),
            ("Je pourrais rendre votre vie très compliquée.", "fr", "threat"),
            ("Cette histoire vous suivra longtemps.", "fr", "threat"),
            ("Je vous souhaite beaucoup de démissions cette année.", "fr", "ill_wish"),
            ("J'espère que vos concurrents vous écraseront.", "fr", "ill_wish"),
            ("Le destin vous rattrapera, Monsieur Bertrand.", "fr", "ill_wish"),
            ("J'espère que vous ne dormirez pas tranquille.", "fr", "ill_wish"),
            ("À cause de vous, j'ai raté deux autres offres.", "fr", "blame"),
            ("Vous n'avez même pas eu le courage de m'appeler.", "fr", "blame"),
            ("Personne chez vous n'a pris le temps de lire ma lettre.", "fr", "blame"),
            ("Votre processus n'a ni queue ni tête.", "fr", "blame"),
            ("Je salue votre talent pour ne jamais me répondre.", "fr", "sarcasm"),
            ("Vous méritez un prix pour l'art de faire attendre.", "fr", "sarcasm"),
            ("Merci de m'avoir prévenu une fois que j'ai démissionné.", "fr", "sarcasm"),
            ("C'est un vrai poste ou une arnaque ?", "fr", "sarcasm"),
            ("Cool, thanks for the heads up after I signed the lease.", "en", "sarcasm"),
            ("Thanks for letting me know a week after I resigned from my old job.", "en", "sarcasm"),
            ("Is this a real job or a pyramid scheme?", "en", "sarcasm"),
            ("I'm sending a copy of this to your chairman.", "en", "threat"),
            ("I'd be careful if I were you.", "en", "threat"),
            ("Keep looking over your shoulder.", "en", "threat"),
            ("I know where your office is.", "en", "threat"),
            ("By the time I'm done, no decent engineer will apply to you.", "en", "threat"),
            ("I hope every client you have walks away.", "en", "ill_wish"),
            ("May you get passed over for every promotion.", "en", "ill_wish"),
            ("I truly hope this decision comes back to bite you.", "en", "ill_wish"),
            ("Why did you make me do a take-home if the role was already filled?", "en", "blame"),
            ("Did anyone there actually bother to read my cover letter?", "en", "blame"),
            ("The decision was made behind closed doors.", "en", "blame"),
            ("I was strung along for two months.", "en", "blame"),
            ("You run your office like a bad sitcom.", "en", "insult"),
            ("I'm filing with the EEOC. Expect a letter.", "en", "threat"),
            ("Because of your delay I lost another offer.", "en", "blame"),
            ("Love that I found out from LinkedIn that the role was filled.", "en", "sarcasm"),
            ("Wishing your recruiter the exact same experience next time.", "en", "ill_wish"),
            ("Une copie de ce mail part ce soir chez votre directrice générale.", "fr", "threat"),
            ("Je vous tiens responsable de la semaine de congés perdue.", "fr", "blame"),
            ("Votre équipe a la rigueur d'une kermesse.", "fr", "insult"),
            ("J'adore votre façon de traiter les candidats, vraiment.", "fr", "sarcasm"),
            ("Puissiez-vous ne jamais trouver la perle rare.", "fr", "ill_wish"),
            ("Your talent team is about as sharp as a bag of hammers.", "en", "insult"),
        ] {
            assert!(rules_alone(text, lang).contains(&cat.to_owned()), "{text}: {:?}", rules_alone(text, lang));
        }
        for (text, lang) in [
            ("Votre retour ne restera pas sans suite : je vais travailler ces points.", "fr"),
            ("Je ne compte pas en rester là : je vais suivre une formation.", "fr"),
            ("Je vous souhaite une belle année, pleine de réussites.", "fr"),
            ("J'espère que le karma me sera favorable.", "fr"),
            ("Grâce à vous, j'ai compris ce que je devais travailler.", "fr"),
            ("Merci d'avoir pris le temps de lire ma lettre.", "fr"),
            ("Je salue votre professionnalisme, merci encore.", "fr"),
            ("Merci pour l'entretien en visio, c'était très agréable.", "fr"),
            ("I'll tell my network how kind your team was.", "en"),
            ("My whole network is going to hear about the best interview I've had in years.", "en"),
            ("Inutile de me répondre si vous êtes débordée, je comprends.", "fr"),
            ("J'adore votre façon de présenter le poste, très claire.", "fr"),
            ("You'll be hearing from me in three months, just a friendly check-in.", "en"),
            ("I hope the new hire settles in well.", "en"),
            ("I live right by Bitchfield, so the commute would have been easy.", "en"),
            ("I was a bit of a muppet in the second round, nerves got me.", "en"),
            ("The train was cancelled twice that morning, just my luck.", "en"),
            ("I was really grateful, truly!!!", "en"),
            ("My lawyer friend says I should just thank you, and she's right.", "en"),
            ("Don't be a stranger!", "en"),
        ] {
            assert!(rules_alone(text, lang).is_empty(), "{text}: {:?}", rules_alone(text, lang));
        }
        // The cases that shields must not silence.
        assert!(rules_alone("Everyone in my network will know what kind of company this is.", "en")
            .contains(&"threat".to_owned()));
        assert!(rules_alone("I hope you never find anyone good.", "en").contains(&"ill_wish".to_owned()));
        assert!(rules_alone("Mon beau-frère est journaliste, il va adorer cette histoire.", "fr")
            .contains(&"threat".to_owned()));
        assert!(rules_alone("My lawyer friend says I have a case, so expect a letter.", "en")
            .contains(&"threat".to_owned()));
    }

    /// A reviewer's findings on the fourth round: what its new patterns flagged that was polite, and what its
    /// new shields silenced that was not.
    #[test]
    fn the_fourth_rounds_review() {
        for (text, lang) in [
            ("Everyone I met was so professional.", "en"),
            ("Once I'm done with my exams, I'll reapply.", "en"),
            ("I have played piano since I was six.", "en"),
            ("Your new office looks dope!", "en"),
            ("I believe I exhibit a genuine passion for data.", "en"),
            ("Could you forward my portfolio to the managing director?", "en"),
            ("No need to send directions, I know where the office is.", "en"),
            ("Please take your time to make up your mind before Friday.", "en"),
            ("I'll refrain from any further emails until I hear from you.", "en"),
            ("Mon dossier est prêt, je vous l'envoie demain matin.", "fr"),
            ("J'espère apprendre de mes échecs et revenir plus forte.", "fr"),
            ("Je suis allé droit dans le mur à l'exercice de code, je le reconnais.", "fr"),
            ("Merci pour vos conseils, je n'hésiterai pas à les utiliser.", "fr"),
            ("Je saurai me souvenir de vos conseils pour mes prochains entretiens.", "fr"),
            ("Je vous confirme que je serai bien connectée à 14 h jeudi.", "fr"),
            ("Désolée si mes questions étaient déplacées lors de l'entretien.", "fr"),
            ("Mon cerveau était en mode avion pendant l'entretien, désolée !", "fr"),
            ("J'espère que cette vilaine grippe vous quitte vite !", "fr"),
        ] {
            assert!(rules_alone(text, lang).is_empty(), "{text}: {:?}", rules_alone(text, lang));
        }
        for (text, lang, cat) in [
            ("Vous feriez bien de surveiller vos arrières.", "fr", "threat"),
            ("Je vous souhaite beaucoup d'ennuis avec votre nouvelle recrue.", "fr", "ill_wish"),
            ("Mes relances continueront jusqu'à ce qu'on me réponde.", "fr", "threat"),
            ("Vous ne m'avez même pas accordé la moindre chance.", "fr", "blame"),
            ("Ne me contactez plus jamais, je comprends très bien votre petit jeu.", "fr", "dismissal"),
            ("I know where you work.", "en", "threat"),
            ("I have an elephant's memory, remember that.", "en", "threat"),
            ("I am contacting Fair Work about this.", "en", "threat"),
        ] {
            assert!(rules_alone(text, lang).contains(&cat.to_owned()), "{text}: {:?}", rules_alone(text, lang));
        }
        // A kind formula quiets the model only when it is the whole sentence.
        assert!(!rules_found("Je vous souhaite la même chose que ce que vous m'avez fait vivre.", "fr").is_empty());
        assert!(!rules_found("I wish you the same amount of respect you showed me.", "en").is_empty());
    }

    /// Fifth round: veiled and formal threats, insults by comparison, minced and texted swearing, deadlines, ill
    /// wishes in their grammatical forms, blame as a question or a passive, mock gratitude; each form with polite
    /// sentences of the same words that must stay quiet (self-mockery, a 90-day check-in, a kind wish, a title).
    #[test]
    fn the_fifth_rounds_forms() {
        for (text, lang, cat) in [
            ("Le monde est petit, et croyez-moi, je n'oublierai pas votre nom.", "fr", "threat"),
            ("Et moi, j'ai une très bonne mémoire.", "fr", "threat"),
            ("Je ne suis pas du genre à passer l'éponge.", "fr", "threat"),
            ("Je vais en parler à l'inspection du travail dès demain.", "fr", "threat"),
            ("Votre direction aura de mes nouvelles.", "fr", "threat"),
            ("Je passerai à vos bureaux lundi pour qu'on règle ça entre quatre yeux.", "fr", "threat"),
            ("Si j'étais vous, je me méfierais.", "fr", "threat"),
            ("Je ferai en sorte qu'aucun de mes anciens collègues ne postule chez vous.", "fr", "threat"),
            ("Je ne vais pas vous lâcher.", "fr", "threat"),
            ("Vous ne dormirez plus tranquille.", "fr", "threat"),
            ("Vous me le paierez.", "fr", "threat"),
            ("À bon entendeur, salut.", "fr", "threat"),
            ("Votre chargée de recrutement a la vivacité d'esprit d'une limace.", "fr", "insult"),
            ("Une vraie bande de bras cassés.", "fr", "insult"),
            ("Vous vous foutez de la gueule des candidats.", "fr", "profanity"),
            ("tg avec tes relances", "fr", "profanity"),
            ("Vous avez jusqu'à vendredi pour me rembourser mes frais.", "fr", "demand"),
            ("Veuillez me renvoyer mon dossier sans délai.", "fr", "demand"),
            ("J'exige de savoir pourquoi.", "fr", "demand"),
            ("Vos prochains messages iront directement aux indésirables.", "fr", "dismissal"),
            ("Vous récolterez ce que vous avez semé.", "fr", "ill_wish"),
            ("Que vos meilleurs éléments partent chez la concurrence.", "fr", "ill_wish"),
            ("J'espère que vous connaîtrez le chômage à votre tour.", "fr", "ill_wish"),
            ("Je ne vous souhaite que des ennuis.", "fr", "ill_wish"),
            ("Puisse la chance vous tourner le dos.", "fr", "ill_wish"),
            ("J'espère que votre directeur vous humiliera en réunion.", "fr", "ill_wish"),
            ("Vous m'avez fait venir de Lyon pour une entrevue de dix minutes.", "fr", "blame"),
            ("Vos questions sur mon âge étaient totalement déplacées.", "fr", "blame"),
            ("Vous n'avez aucune idée de ce qu'implique ce métier.", "fr", "blame"),
            (
                "Vous m'avez fait passer quatre entretiens pour finalement m'annoncer que le poste était gelé.",
                "fr",
                "blame",
            ),
            ("We'll see who laughs last.", "en", "threat"),
            ("I have 12k followers who would love to hear this story.", "en", "threat"),
            ("Expect your company's name to come up at the next meetup.", "en", "threat"),
            ("I will be filing a complaint with the EEOC.", "en", "threat"),
            ("Consider this your final warning.", "en", "threat"),
            ("A demand letter is on its way.", "en", "threat"),
            ("I know your investors personally and this will come up.", "en", "threat"),
            ("When the time comes, the emails will speak for themselves.", "en", "threat"),
            ("Did anyone even read my cover letter?", "en", "blame"),
            ("My references were never contacted.", "en", "blame"),
            ("On what basis was I rejected?", "en", "blame"),
            ("The dashboard I built for your test is now live and I was never paid for it.", "en", "blame"),
            ("Is it standard practice to ghost finalists?", "en", "blame"),
            ("Your manager went back on his word.", "en", "blame"),
            ("10/10 would be ghosted again.", "en", "sarcasm"),
            ("So grateful to be your plan B.", "en", "sarcasm"),
            ("Your interviewer was a total nitwit.", "en", "insult"),
            ("Your recruiter na mumu, she no fit even spell my name.", "en", "insult"),
            ("C'était à peu près aussi agréable qu'une rage de dents.", "fr", "sarcasm"),
            ("Quel professionnalisme, vous avez même réussi à confondre mon nom.", "fr", "sarcasm"),
            ("Vous êtes vraiment doués pour faire poireauter les gens.", "fr", "sarcasm"),
            ("Merci de m'avoir rappelé que la politesse est un luxe chez vous.", "fr", "sarcasm"),
        ] {
            assert!(rules_alone(text, lang).contains(&cat.to_owned()), "{text}: {:?}", rules_alone(text, lang));
        }
        for (text, lang) in [
            ("Le monde est petit, au plaisir de vous recroiser.", "fr"),
            ("J'exige beaucoup de moi-même, c'est pourquoi vos conseils comptent.", "fr"),
            ("Vous me devez rien pantoute, mais un mot me ferait plaisir.", "fr"),
            ("Je suis un peu niaiseux avec les dates, désolé.", "fr"),
            ("J'ai fait mon épais en oubliant mon portfolio.", "fr"),
            ("Vous aurez de mes nouvelles dans trois mois, comme convenu.", "fr"),
            ("Je raconterai cette expérience à mes étudiants comme un modèle.", "fr"),
            ("Je ne croiserai plus votre route, merci pour tout.", "fr"),
            ("Vous ne le regretterez pas, je suis très motivée.", "fr"),
            ("Je vous souhaite un avenir à la hauteur de vos ambitions.", "fr"),
            ("Que votre équipe parte en vacances bien reposée !", "fr"),
            ("J'ai une bonne mémoire des visages, au plaisir de vous revoir.", "fr"),
            ("Vous avez jusqu'à quand pour prendre votre décision ?", "fr"),
            ("Pas la peine de me rappeler, un courriel suffira amplement.", "fr"),
            ("C'était aussi agréable qu'une promenade au parc.", "fr"),
            ("Vous êtes doués pour mettre les gens à l'aise.", "fr"),
            ("Merci de m'avoir rappelé que la date limite est vendredi.", "fr"),
            ("I remember everything you said about the team culture.", "en"),
            ("I felt like a right muppet when I blanked, thanks for your patience.", "en"),
            ("Did anyone get a chance to look at my portfolio? No rush at all.", "en"),
            ("Thank you, your advice really changed my life.", "en"),
            ("I keep a record of every interview so I can learn from it.", "en"),
            ("I have 300 followers on my art page, mostly family.", "en"),
            ("Be careful on the roads this winter!", "en"),
            ("Sorry, I was so blur during the second interview.", "en"),
            ("I felt a bit dopey after the night flight, apologies.", "en"),
            ("Sorry for being a dimwit about the time zones.", "en"),
            ("We'll see each other at the conference, I hope.", "en"),
        ] {
            assert!(rules_alone(text, lang).is_empty(), "{text}: {:?}", rules_alone(text, lang));
        }
        // The whole check, model included: the 90-day check-in is the app's own message, and a title's full stop
        // does not cut "M. Couillard" off from his sentence (the model read "Votre recruteur, M." as blame).
        for (text, lang) in [
            ("You'll be hearing from me in about 90 days, just to check in.", "en"),
            ("Votre recruteur, M. Couillard, a été d'une grande gentillesse.", "fr"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}: {:?}", rules_found(text, lang));
        }
    }

    /// "M. Couillard": one sentence; "Merci. Bonne journée." still two.
    #[test]
    fn a_titles_full_stop_does_not_end_the_sentence() {
        let one = read("Votre recruteur, M. Couillard, a été d'une grande gentillesse.", true);
        assert!(one.word_sentence.iter().all(|s| s.0 == one.word_sentence[0].0));
        let split = read("Merci. Bonne journée.", true);
        assert_ne!(split.word_sentence[0].0, split.word_sentence[1].0);
    }

    /// A good wish returned is kind whatever its words read like to the model; the rules still read the sentence.
    #[test]
    fn a_returned_good_wish_is_left_alone_by_the_model() {
        for (text, lang) in [
            ("Je vous souhaite la même chose !", "fr"),
            ("Vous aussi, bonne continuation !", "fr"),
            ("Same to you!", "en"),
            ("And the same to you, good luck with the launch.", "en"),
            // Pride in a round reached (fourteenth round: the model read both as sarcasm).
            ("Quel honneur d'être parmi les deux derniers candidats !", "fr"),
            ("Wow, what an honour to be in the final two.", "en"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}: {:?}", rules_found(text, lang));
        }
        assert!(rules_found("Je vous souhaite la même chose, bande de clowns.", "fr").contains(&"insult".to_owned()));
        assert!(!rules_found("Same to you, you absolute clown.", "en").is_empty());
        assert!(!rules_found("What an honour to be ghosted by your team after the final round.", "en").is_empty());
        assert!(!rules_found("Quel honneur d'être ignoré après le dernier entretien.", "fr").is_empty());
    }

    #[test]
    fn mocking_oneself_an_idiom_or_a_kind_karma_is_not_hostile() {
        for text in [
            "I felt like such an idiot after blanking on the last question.",
            "At my age, job hunting is humbling.",
            "I've made it my mission to help people find work.",
        ] {
            assert!(rules_found(text, "en").is_empty(), "{text}");
        }
        for text in
            ["Il faisait un froid de canard à Québec ce jour-là.", "Le karma me sourira peut-être la prochaine fois."]
        {
            assert!(rules_found(text, "fr").is_empty(), "{text}");
        }
        assert!(rules_found("You are such an idiot.", "en").contains(&"insult".to_owned()));
        assert!(rules_found("You rejected me because of my age.", "en").contains(&"blame".to_owned()));
        assert!(rules_found("I'm appalled at your incompetence.", "en").contains(&"blame".to_owned()));
        assert!(!rules_found("I will smile when your company fails.", "en").is_empty());
        assert!(rules_found("Votre processus est pathétique.", "fr").contains(&"blame".to_owned()));
        assert!(rules_found("Je trouve votre attitude inacceptable.", "fr").contains(&"blame".to_owned()));
        assert!(rules_found("Le karma va vous rattraper.", "fr").contains(&"ill_wish".to_owned()));
        assert!(rules_found("Mon avocat vous contactera.", "fr").contains(&"threat".to_owned()));
        assert!(!rules_found("Mon avocat m'a conseillé de porter plainte.", "fr").is_empty());
    }

    /// Eleventh round, from a probe of courteous registers (West and Central African, Maghreb, Indian, Filipino,
    /// Nigerian writers): the formal request «je vous prie de…» is no prayer, a request to delete one's file is no
    /// dismissal, a blessing that opens its sentence quiets the model, and a practical "this or that??" is a
    /// question — each beside hostile forms of the same words that must stay flagged.
    #[test]
    fn courteous_formulas_blessings_and_either_or_questions() {
        for (text, lang) in [
            ("Je vous prie de bien vouloir me renvoyer mon diplôme original.", "fr"),
            ("Please delete my CV and ID copy from your records.", "en"),
        ] {
            assert!(rules_alone(text, lang).is_empty(), "{text}: {:?}", rules_alone(text, lang));
        }
        // Blessings and runs depend on the model (a kind formula quiets it; a run passes only when it reads the
        // sentence calm): these need it on.
        for (text, lang) in [
            ("Que Dieu vous bénisse, vous et toute votre équipe.", "fr"),
            ("L'entretien est-il à Lyon ou à Grenoble ??", "fr"),
            ("May God bless you and your whole team.", "en"),
            ("Ramadan Kareem to you and your family, may your fasting be accepted.", "en"),
            ("Is the interview 9 AM Hanoi time or Singapore time??", "en"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}: {:?}", rules_found(text, lang));
        }
        for (text, lang) in [
            ("Que Dieu vous aide, vous en aurez bien besoin.", "fr"),
            ("Que Dieu vous rende au centuple le mal que vous m'avez fait.", "fr"),
            ("Je prie chaque soir pour que votre boîte fasse faillite.", "fr"),
            ("Je prie qu'on vous renvoie.", "fr"),
            ("Pour qui me prenez-vous ?!", "fr"),
            ("Où en est ce fameux dossier ??", "fr"),
            ("Je vous écris pour l'énième fois.", "fr"),
            ("May God never bless your company.", "en"),
            ("God bless your heart, you clearly tried.", "en"),
            ("Is this a real job or a pyramid scheme??", "en"),
            ("C'est un vrai poste ou une arnaque ??", "fr"),
            ("Hello, for the third time, where is my contract?", "en"),
            ("Bonjour, pour la troisième fois, où est mon contrat ?", "fr"),
            ("Delete my damn number.", "en"),
        ] {
            assert!(!rules_found(text, lang).is_empty(), "{text}: nothing found");
        }
        assert!(rules_alone("Je prie pour que vous soyez renvoyé.", "fr").contains(&"ill_wish".to_owned()));
        assert!(rules_alone("Lose my number.", "en").contains(&"dismissal".to_owned()));
        assert!(rules_alone("Delete my number.", "en").contains(&"dismissal".to_owned()));
        assert!(rules_found("Is this a joke or what??", "en").contains(&"punctuation".to_owned()));
        assert!(rules_found("C'est une blague ou quoi ??", "fr").contains(&"punctuation".to_owned()));
    }

    #[test]
    fn glee_at_a_downfall_a_refused_good_wish_and_veiled_english_threats() {
        for text in [
            "Je serai aux premières loges quand votre boîte coulera.",
            "Si votre entreprise fait faillite, je sabrerai le champagne.",
            "Je vous souhaite le même traitement de la part de votre prochain employeur.",
            "Je ne vous souhaite pas de bonheur avec votre nouvelle recrue.",
            "Je croise les doigts pour que votre lancement finisse par foirer.",
        ] {
            assert!(rules_found(text, "fr").contains(&"ill_wish".to_owned()), "{text}");
        }
        for text in [
            "Je ne vous souhaite pas de vivre ça un jour.",
            "Je ne vous souhaite aucun mal, bonne continuation.",
            "J'espère vous voir à la foire de l'emploi.",
            "Si l'offre est ferme, je serai ravi de signer.",
        ] {
            assert!(rules_found(text, "fr").is_empty(), "{text}");
        }
        for text in [
            "I've already drafted a post for my 20k followers.",
            "If I don't hear back by Friday, the labour board hears from me.",
            "Enjoy your five-star rating while it lasts.",
            "I'll make it my mission that nobody good applies there again.",
        ] {
            assert!(rules_found(text, "en").contains(&"threat".to_owned()), "{text}");
        }
        assert!(rules_found("Enjoy the sunshine while it lasts!", "en").is_empty());
        assert!(rules_found("Just stop it.", "en").contains(&"dismissal".to_owned()));
    }

    #[test]
    fn french_threats_of_the_labour_court_the_boss_and_regret() {
        for text in [
            "Si je n'ai pas de réponse vendredi, je saisis les prud'hommes.",
            "Mon prochain courriel sera pour votre directeur général.",
            "Vous pourriez bien le regretter.",
        ] {
            assert!(rules_found(text, "fr").contains(&"threat".to_owned()), "{text}");
        }
        assert!(rules_found("Bien du plaisir avec votre recrue, vous en aurez besoin.", "fr")
            .contains(&"ill_wish".to_owned()));
        assert!(rules_found("Merci pour vos conseils, je saurai m'en servir.", "fr").is_empty());
    }

    #[test]
    fn two_bangs_after_a_calm_sentence_are_enthusiasm_three_or_an_angry_one_are_not() {
        for text in ["J'ai eu l'entrevue!! Merci pour vos conseils.", "On se voit mardi!!"] {
            assert!(rules_found(text, "fr").is_empty(), "{text}");
        }
        assert!(rules_found("I got the interview!!", "en").is_empty());
        assert_eq!(rules_found("Le dossier est parti mardi!!!", "fr"), ["punctuation"]);
        assert!(rules_found("J'attends votre réponse!!", "fr").contains(&"punctuation".to_owned()));
    }

    /// Sixth round: an insult a few words after the writer speaks of themself is self-mockery; aimed at someone,
    /// or after "I was" and a verb of what was done to them, it is not.
    #[test]
    fn self_mockery_is_not_an_insult() {
        for (text, lang) in [
            ("Honestly I felt like a total muppet during the case study.", "en"),
            ("I was thick as a brick on the SQL part, my bad.", "en"),
            ("J'étais complètement nouille pendant la mise en situation.", "fr"),
            ("J'avais l'air d'un vrai clown avec mon micro coupé.", "fr"),
        ] {
            assert!(rules_alone(text, lang).is_empty(), "{text}: {:?}", rules_alone(text, lang));
        }
        for (text, lang) in [
            ("I was interviewed by a clown.", "en"),
            ("I think you are clowns.", "en"),
            ("I am so done with you clowns.", "en"),
            ("Je suis une candidate sérieuse et vous êtes des clowns.", "fr"),
            ("J'ai été reçue par une bande de clowns.", "fr"),
        ] {
            assert!(rules_alone(text, lang).contains(&"insult".to_owned()), "{text}: {:?}", rules_alone(text, lang));
        }
    }

    /// Sixth round: the check-in the app exists for, in the user's own words, is kind; with a grievance it is not.
    #[test]
    fn a_check_in_as_agreed_is_kind() {
        for text in ["Just checking in after three months, as we agreed.", "Checking in after the first six weeks."] {
            assert!(rules_found(text, "en").is_empty(), "{text}: {:?}", rules_found(text, "en"));
        }
        for angry in [
            "Just checking in after three months of silence, as you said you would call.",
            "Just checking in after being ignored for six weeks.",
        ] {
            assert!(!rules_found(angry, "en").is_empty(), "{angry}");
        }
    }

    /// Sixth round: a run is read by what it closes — glad news, a greeting, a plan or a wish, a sincere question,
    /// a surprise greeted with joy — and stays a second look after a grievance, whatever else the sentence says.
    #[test]
    fn runs_read_what_they_close() {
        for (text, lang) in [
            ("Je viens de signer mon premier CDI !!! Merci d'y avoir cru.", "fr"),
            ("Bonsoir Madame Lenoir !!!", "fr"),
            ("Jeudi à 9 h, c'est noté !!!", "fr"),
            ("Est-ce que le poste de comptable est encore ouvert ??", "fr"),
            ("Un poste à Québec ?! Génial, je postule ce soir.", "fr"),
            ("I finally passed my accounting exam!!! Thought you would like to know.", "en"),
            ("Good afternoon Ms. Hale!!!", "en"),
            ("Could I send you my portfolio in the spring??", "en"),
            ("You kept my CV for a year?! I'm honestly touched.", "en"),
            ("Vous me proposez un troisième entretien ?! Je n'en reviens pas.", "fr"),
            ("Ouf, j'ai été retenue pour le stage !!!", "fr"),
            ("Déjà 90 jours depuis notre rencontre ?! J'espère que tout va bien.", "fr"),
            ("Wait, I made the shortlist?! Thank you so much.", "en"),
            ("Just landed a contract with a local agency!!!", "en"),
            ("Honestly?! I made the shortlist?", "en"),
            ("Hiya Jen!!! Thanks again for the tour.", "en"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}: {:?}", rules_found(text, lang));
        }
        for (text, lang) in [
            ("Toujours aucune réponse depuis le 3 !!!", "fr"),
            ("Pourquoi personne ne m'a rappelé ??", "fr"),
            ("Vous avez encore republié l'annonce ?! Au plaisir.", "fr"),
            ("Bonne nouvelle, encore un refus automatique !!!", "fr"),
            ("Still no answer after five weeks!!!", "en"),
            ("Did anyone even open my portfolio???", "en"),
            ("Is this how you treat people?! Best of luck.", "en"),
            ("Good news, another template rejection!!!", "en"),
            ("Sir!!!", "en"),
            ("Rejected. Again!!!", "en"),
            ("Hello? Anyone?!", "en"),
            ("Not good news at all!!!", "en"),
            ("Are you kidding me??", "en"),
            ("Avez-vous seulement lu mon CV ??", "fr"),
            ("Vous me proposez un stage non payé ?!", "fr"),
            ("Je n'ai pas eu le poste !!!", "fr"),
            ("You want me to do a fourth unpaid test?!", "en"),
            ("I did not get the job, again!!!", "en"),
            ("Really?! You want me to wait another month with no answer?", "en"),
            ("So somebody else got the job?!", "en"),
            ("I aced every interview and you still picked someone else!!!", "en"),
            ("It's official, I'm done with you people!!!", "en"),
            ("What a joy dealing with your HR department!!!", "en"),
            ("Almost six weeks since my interview!!!", "en"),
            ("How dare you?! I passed every stage and you hired your nephew.", "en"),
            ("Vous me prenez pour qui ?!", "fr"),
            ("Quelle joie de refaire un cinquième test !!!", "fr"),
            ("J'ai été pris de haut par votre recruteur !!!", "fr"),
            ("Déjà trois semaines que j'attends !!!", "fr"),
        ] {
            assert!(
                rules_found(text, lang).contains(&"punctuation".to_owned()),
                "{text}: {:?}",
                rules_found(text, lang)
            );
        }
    }

    /// The check with the run model alone turned off (the tone model and the rules on).
    fn without_the_run_model(text: &str, lang: &str) -> Vec<String> {
        model::tests::RUNS_OFF.with(|o| o.set(true));
        let found = rules_found(text, lang);
        model::tests::RUNS_OFF.with(|o| o.set(false));
        found
    }

    /// Eighth round: a run the run model reads as glad passes, though no rule knows why (a move, a finished
    /// portfolio, a mishap told as a joke): without the run model it is a second look. Angry runs no grievance
    /// word names stay, and so do a "?" run after thanks and one before a grievance.
    #[test]
    fn the_run_model_lets_glad_runs_pass_and_keeps_angry_ones() {
        for (text, lang) in [
            ("Je déménage à Lyon le mois prochain !!!", "fr"),
            ("J'ai enfin fini mon portfolio !!!", "fr"),
            ("Mon chat a renversé mon café pendant l'appel !!!", "fr"),
            ("I finally finished my portfolio!!!", "en"),
            ("My cat knocked my coffee over during the call!!!", "en"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}: {:?}", rules_found(text, lang));
            assert_eq!(without_the_run_model(text, lang), ["punctuation"], "{text}");
        }
        for (text, lang) in [
            ("Good luck?!", "en"),
            ("Thanks?!", "en"),
            ("Merci ?!", "fr"),
            ("Au plaisir ?!", "fr"),
            ("Bravo ?! Trois mois sans réponse.", "fr"),
            ("Parfait ?! Encore une annonce republiée.", "fr"),
            ("Great?! Another month of silence.", "en"),
            ("A fifth round?!", "en"),
            ("You call that a process?!", "en"),
            ("So the salary changed overnight?!", "en"),
            ("Une cinquième entrevue ?!", "fr"),
            ("Vous appelez ça un processus ?!", "fr"),
            ("Le salaire a changé du jour au lendemain ?!", "fr"),
        ] {
            assert!(
                rules_found(text, lang).contains(&"punctuation".to_owned()),
                "{text}: {:?}",
                rules_found(text, lang)
            );
        }
    }

    /// Twelfth round: a "!" run is read by the sentence after it too — before a sentence both models read as glad
    /// and calm it is enthusiasm, even after a word too short for the run model or a negation. Not after a
    /// grievance, not before one, and not for a "?" run.
    #[test]
    fn a_bang_run_before_a_glad_sentence_is_enthusiasm() {
        for (text, lang) in [
            ("Finally!!! I start at the clinic on Monday.", "en"),
            ("Enfin !!! Je commence à la clinique lundi.", "fr"),
            ("Je n'en reviens pas !!! Je commence à la clinique lundi.", "fr"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}: {:?}", rules_found(text, lang));
        }
        for (text, lang) in [
            ("Six weeks without an answer!!! I start at the clinic on Monday.", "en"),
            ("Finally!!! Six weeks without an answer.", "en"),
            ("Six semaines sans réponse !!! Je commence à la clinique lundi.", "fr"),
            ("Seriously?! I start at the clinic on Monday.", "en"),
        ] {
            assert!(
                rules_found(text, lang).contains(&"punctuation".to_owned()),
                "{text}: {:?}",
                rules_found(text, lang)
            );
        }
    }

    /// Joy that opens the sentence after "?!" makes it surprise («Quelle joie…», "What a pleasure…", "That's a dream");
    /// after a grievance it is sarcasm and the run stays (thirteenth round).
    #[test]
    fn joy_after_a_surprised_run_makes_it_surprise_unless_a_grievance_came_before() {
        for (text, lang) in [
            ("Le jury a relu mon mémoire pendant ses vacances ?! Je m'en réjouis vraiment.", "fr"),
            ("On m'invite à la fête de l'équipe alors que je n'ai pas été retenue ?! Quel honneur.", "fr"),
            ("You kept my portfolio on file all this time?! What a joy to hear from you.", "en"),
            ("You want me to design the whole menu?! That is a dream come true.", "en"),
            ("they want me to do a paid trial shift?! amazing news", "en"),
            ("non mais le recruteur était dans mon lycée ?! le monde est petit", "fr"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}");
        }
        for (text, lang) in
            [("Trois mois sans réponse ?! Quel honneur.", "fr"), ("Ghosted for three months?! What a joy.", "en")]
        {
            assert!(!rules_found(text, lang).is_empty(), "{text}");
        }
    }

    /// Thanks for waiting is sarcasm only when what was waited for is the writer's own wait for news, not the
    /// reader waiting for the writer (thirteenth round).
    #[test]
    fn thanks_for_waiting_for_me_is_thanks() {
        assert!(rules_found("Thank you for waiting for me when my train was late, that was very decent of you.", "en")
            .is_empty());
        assert!(rules_found("Thanks for waiting for six weeks to send me a form letter.", "en")
            .contains(&"sarcasm".to_owned()));
    }

    /// Threat and dismissal formulas narrowed to what makes them one (fourteenth round: a helper wrote 155 polite
    /// English sentences aimed at the rules' wording, and 128 were flagged): the lawyer acting on the matter, the
    /// court the reader is taken to, "you will hear from me" closing its sentence, "or else" as an ultimatum…
    #[test]
    fn threat_and_dismissal_formulas_keep_to_their_meaning() {
        for text in [
            "Thank you for the feedback, I will use it to prepare for my next interview.",
            "My immigration lawyer says the visa transfer takes about two weeks, so I could start on the 3rd.",
            "I contacted a lawyer about my work visa and it should be fine.",
            "I can't do Thursday morning because I have jury duty and need to go to court.",
            "Would it be possible to talk to the hiring manager briefly about the tech stack?",
            "You will hear from me by Monday with the signed forms.",
            "Don't hesitate to share it with the rest of the panel.",
            "Once I'm done with your team's coding exercise I'll email it over.",
            "Your invite went straight to spam, so sorry I missed it!",
            "Please consider my application withdrawn, and thank you for your time.",
            "Could you spare me ten minutes next week to talk about the offer?",
            "I can do Tuesday, or else Thursday morning works too.",
            "Is there an issue on your end with the video link?",
            "I really hope this isn't the end of it and that we cross paths again.",
            "I hope life treats you kindly.",
            "In case you did not open the attachment, here it is as a link.",
        ] {
            assert!(rules_alone(text, "en").is_empty(), "{text}: {:?}", rules_alone(text, "en"));
        }
        for (text, cat) in [
            ("I will use it against you.", "threat"),
            ("Expect to hear from my lawyer.", "threat"),
            ("Talk to my lawyer.", "threat"),
            ("This won't be the end of it.", "threat"),
            ("Rejected again, what a surprise.", "sarcasm"),
            ("Whatever, your loss.", "sarcasm"),
            ("Straight to spam.", "dismissal"),
            ("See you in court.", "threat"),
            ("I will be complaining to your CEO about this.", "threat"),
            ("You'll be hearing from me.", "threat"),
            ("This is not the end of it.", "threat"),
            ("Reply by Friday, or else.", "demand"),
            ("Spare me the excuses.", "dismissal"),
            ("I am done with you people.", "dismissal"),
            ("Your emails will go straight to spam from now on.", "dismissal"),
        ] {
            assert!(rules_alone(text, "en").contains(&cat.to_owned()), "{text}: {:?}", rules_alone(text, "en"));
        }
        // French, from a probe of 131 polite sentences another helper aimed at fr.json (112 flagged -> 106).
        for text in [
            "Je suis disponible mardi, ou sinon jeudi matin.",
            "Je sais que je peux sembler surqualifié, mais ce poste m'intéresse vraiment.",
            "Je vous répondrai plus en détail ce soir, je suis en réunion.",
            "Bonne chance pour trouver la meilleure personne pour le poste !",
            "Je suis organisé, ponctuel, et j'ai une excellente mémoire.",
        ] {
            assert!(rules_alone(text, "fr").is_empty(), "{text}: {:?}", rules_alone(text, "fr"));
        }
        for (text, cat) in [
            ("Répondez-moi avant vendredi, ou sinon.", "demand"),
            ("Vous m'avez jugé surqualifié, quelle blague.", "blame"),
            ("Je ne répondrai plus à vos courriels.", "dismissal"),
            ("Bonne chance pour trouver mieux que moi.", "sarcasm"),
            ("Et moi, j'ai une très bonne mémoire.", "threat"),
        ] {
            assert!(rules_alone(text, "fr").contains(&cat.to_owned()), "{text}: {:?}", rules_alone(text, "fr"));
        }
    }

    /// Formulas that are sarcasm only in their sarcastic shape (fourteenth round: 20 of 21 polite English sentences of
    /// my own and 4 of 10 French were flagged by them): alone or closing their sentence ("Your loss.", "Good luck
    /// with that.", "What a surprise."), with a repetition ("as I said three times"), about the new hire.
    #[test]
    fn sarcastic_formulas_need_their_sarcastic_shape() {
        for (text, lang) in [
            ("I'm very sorry for your loss.", "en"),
            ("I bet you are swamped this week, so no rush at all.", "en"),
            ("Oh wow, thank you so much for the offer!", "en"),
            ("What a surprise to hear from you after all this time, and a lovely one.", "en"),
            ("As I previously mentioned, I am available from the first of May.", "en"),
            ("As I said before, I'm still very keen on the role.", "en"),
            ("I'm applying for the third time because I really believe in what you do.", "en"),
            ("I'd be willing to work for less at first while I learn the systems.", "en"),
            ("She's a real genius with spreadsheets, you were lucky to hire her.", "en"),
            ("Good luck with that big launch next month!", "en"),
            ("Oh sure, Tuesday works perfectly.", "en"),
            ("Toutes mes condoléances pour votre perte.", "fr"),
            ("Comme je vous l'ai déjà dit au téléphone, je peux déménager.", "fr"),
            ("Je postule pour la troisième fois parce que je crois vraiment à votre projet.", "fr"),
            ("Quelle surprise d'avoir de vos nouvelles, et quelle bonne surprise !", "fr"),
        ] {
            assert!(rules_alone(text, lang).is_empty(), "{text}: {:?}", rules_alone(text, lang));
        }
        for (text, lang) in [
            ("Your loss.", "en"),
            ("Well, that's your loss, not mine.", "en"),
            ("Oh, I bet you did.", "en"),
            ("Oh great, another template.", "en"),
            ("What a surprise.", "en"),
            ("As I have already said three times, I am available.", "en"),
            ("I am asking for the third time: where is my contract?", "en"),
            ("You expect people to work for minimum wage with a master's degree?", "en"),
            ("I'm sure your new hire is a real genius.", "en"),
            ("Good luck with that.", "en"),
            ("Tant pis, c'est votre perte.", "fr"),
            ("Comme je vous l'ai déjà écrit deux fois, je suis disponible.", "fr"),
            ("Je vous relance pour la troisième fois.", "fr"),
            ("Quelle surprise.", "fr"),
        ] {
            assert!(rules_alone(text, lang).contains(&"sarcasm".to_owned()), "{text}: {:?}", rules_alone(text, lang));
        }
    }

    /// A wait told before good news in the same sentence ("…and then a yes?!") does not hold its run: the run model
    /// reads it (fourteenth round).
    #[test]
    fn a_turn_for_the_better_after_a_wait_lifts_the_grievance_from_its_run() {
        // Each of these has a grievance ("sans nouvelles", "silence") that held its run before.
        for (text, lang) in [
            ("Trois semaines sans nouvelles et finalement un oui ?!", "fr"),
            ("Un mois de silence, puis ce matin une offre !!!", "fr"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}: {:?}", rules_found(text, lang));
        }
        // No turn without the writer's good outcome after the wait, with a negation after it, or before the
        // grievance; and without a wait there is nothing to lift.
        for (text, lang) in [
            ("Waited two months and then the offer got pulled!!!", "en"),
            ("Three weeks of silence and then a template rejection?!", "en"),
            ("Three weeks of silence and then I did not get the offer?!", "en"),
            ("I finally got the offer and then nothing for three weeks?!", "en"),
            ("Now I hear you've hired your nephew?!", "en"),
            ("J'ai attendu trois mois et puis l'offre a été retirée !!!", "fr"),
            ("Trois mois d'attente, et finalement un refus ?!", "fr"),
        ] {
            assert!(rules_found(text, lang).contains(&"punctuation".to_owned()), "{text}");
        }
    }

    /// Fifteenth round: rules narrowed to their meaning — the age that decided, not any mention of one's age; "I
    /// need an answer", not "an offer I need to answer"; a street's name is a place.
    #[test]
    fn the_fifteenth_rounds_narrower_rules() {
        assert!(rules_alone("Puissent vos clients être aussi agréables que votre équipe !", "fr").is_empty());
        assert!(!rules_alone("Puissiez-vous perdre tous vos clients !", "fr").is_empty());
        for (text, lang) in [
            ("Le marché est dur pour les gens de mon âge, et vous n'y êtes pour rien.", "fr"),
            ("Mon adresse est le 8 rue du Calvaire, à Rouen.", "fr"),
            ("J'habite au 3 chemin des Putes-Roches, à Lévis.", "fr"),
            ("À mon âge, je compte continuer à apprendre.", "fr"),
            ("I have another offer I need to answer Monday.", "en"),
        ] {
            assert!(rules_alone(text, lang).is_empty(), "{text}: {:?}", rules_alone(text, lang));
        }
        for (text, lang, cat) in [
            ("Vous m'avez jugé sur mon âge.", "fr", "blame"),
            ("J'ai bien senti que mon âge a joué dans votre décision.", "fr", "blame"),
            ("I need an answer by Friday.", "en", "demand"),
            ("I want answers.", "en", "demand"),
        ] {
            assert!(rules_alone(text, lang).contains(&cat.to_owned()), "{text}: {:?}", rules_alone(text, lang));
        }
    }

    /// A sincere question form closed by "??" is asked twice even with a grievance word in it ("unpaid", «à mes
    /// frais», "meant to"), when the models read it and the sentence after it as plainly polite; an exasperated
    /// one ends the message or goes on with its grievance.
    #[test]
    fn a_sincere_question_asked_twice_and_explained_is_no_anger() {
        for (text, lang) in [
            ("Is the placement still unpaid or did that change?? I saw two versions of the ad and want to be sure. Thanks.", "en"),
            ("Is it the Leith site or the one in Granton I'm meant to go to?? I don't want to turn up at the wrong door.", "en"),
            ("Bonjour, est-ce que la journée d'essai est payée ou c'est à mes frais ?? Je préfère vérifier avant de réserver le train. Merci.", "fr"),
            ("Bonjour, le poste est-il à temps plein ou seulement le week-end ?? Je n'ai pas trouvé l'information dans l'annonce. Merci d'avance.", "fr"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}: {:?}", rules_found(text, lang));
        }
        for (text, lang) in [
            ("Is there a reason my follow-ups have gone unanswered since June??", "en"),
            ("Is there a reason my follow-ups have gone unanswered since June?? Thanks.", "en"),
            ("Is the trial shift paid or unpaid?? Nobody has answered me in three weeks.", "en"),
            (
                "Est-ce qu'il y a une raison pour laquelle mes trois relances sont restées sans réponse depuis juin ??",
                "fr",
            ),
            ("Est-ce que c'est payé ou encore à mes frais ?? Trois semaines de silence et toujours rien.", "fr"),
        ] {
            assert!(
                rules_found(text, lang).contains(&"punctuation".to_owned()),
                "{text}: {:?}",
                rules_found(text, lang)
            );
        }
    }

    /// "??" after a question the tone model reads as plainly polite is the question asked twice (French since the
    /// thirteenth round, English since the fourteenth); after an exasperated one it stays.
    #[test]
    fn a_double_question_mark_after_a_plainly_polite_question_is_asked_twice() {
        assert!(rules_found("Je n'ai pas reçu le lien, il est parti à quelle adresse ??", "fr").is_empty());
        // "⁇" is two marks, as the check counts them everywhere.
        assert!(rules_found("Je n'ai pas reçu le lien, il est parti à quelle adresse ⁇", "fr").is_empty());
        for text in [
            "Vous allez me répondre un jour ??",
            "C'est comme ça que vous traitez les candidats ??",
            "Trois semaines sans nouvelles, c'est normal ??",
            "Je n'ai pas reçu le lien, vous l'avez envoyé ?!",
        ] {
            assert!(rules_found(text, "fr").contains(&"punctuation".to_owned()), "{text}");
        }
        // Practical questions as texters write them are sincere questions too (fourteenth round).
        for text in [
            "cest toujours le 3 la date de debut?? je prefere verifier",
            "cest quoi le code vestimentaire?? je veux pas arriver en jogging lol",
        ] {
            assert!(rules_found(text, "fr").is_empty(), "{text}: {:?}", rules_found(text, "fr"));
        }
        assert!(rules_found("C'est toujours le même silence ??", "fr").contains(&"punctuation".to_owned()));
        let practical = "what time is the interview again?? i wrote 2 but my friend says 3";
        assert!(rules_found(practical, "en").is_empty(), "{:?}", rules_found(practical, "en"));
        assert!(rules_found("Where is my contract??", "en").contains(&"punctuation".to_owned()));
        // English since the fourteenth round, with "how can / could / dare you…" as grievances.
        assert!(rules_found("Sorry, did you mean the Leeds office or the Bradford one??", "en").is_empty());
        assert!(rules_found("Do I need to bring ID for the security desk??", "en").is_empty());
        for text in [
            "How can you say the role is filled when it was reposted this morning??",
            "How could you not tell me the salary was half what we discussed??",
            "Is that how you treat every candidate??",
            "Three weeks and not one word from anyone??",
        ] {
            assert!(rules_found(text, "en").contains(&"punctuation".to_owned()), "{text}");
        }
    }

    /// A gap before the final "$" is how many words may still follow in the sentence ("… ~8 $"); it used to be
    /// dropped, so the pattern had to close its sentence.
    #[test]
    fn a_gap_before_the_end_of_a_pattern_lets_that_many_words_follow() {
        let rules = rules("en");
        let kind = |text: &str| {
            let toks = tokens(&read(text, rules.split_elisions), rules);
            !rules.kind.find(&toks, rules, &vec![false; toks.len()]).is_empty()
        };
        assert!(kind("Same to you, good luck!"));
        assert!(kind("Same to you, good luck with the move to Leeds!"));
        assert!(!kind("Same to you, good luck with the move and with everything else you have planned for next year."));
    }

    #[test]
    fn everyday_french_that_sounds_like_a_threat_a_wish_or_a_dismissal_is_not() {
        for text in [
            "Encore une fois, et je le dis sincèrement, ce fut une belle rencontre.",
            "J'ai noté toutes vos suggestions pour la prochaine fois.",
            "Je voulais m'assurer que tout le monde avait bien reçu mon portfolio.",
            "Je souhaite vous informer de mon refus de l'offre, après mûre réflexion.",
            "Mon employeur actuel va fermer ses portes en mars, d'où ma candidature.",
            "Je vous souhaite de tomber sur la perle rare!",
            "Ma famille et mes amis vont être contents d'apprendre la nouvelle.",
            "En justice sociale, votre organisme fait un travail remarquable.",
            "Je suis une étoile montante dans mon domaine, selon mon ancien patron.",
            "Pas la peine de me rappeler, un courriel suffira amplement.",
            "Merci de ne plus me contacter sur mon ancien numéro, j'ai changé de cellulaire.",
            "Je vous mets en copie mon avocat pour la révision du contrat.",
            "C'est fini pour cette année, mais je repostulerai au printemps.",
            "Je souhaite vous informer que j'ai été mise à pied en juin, d'où ma disponibilité.",
            "Je souhaiterais savoir si le poste a été aboli ou simplement mis en attente.",
            "J'espère que vous m'excuserez d'avoir raté votre appel.",
            "Pourvu que la pluie nous lâche pour le 5 à 7!",
            "On va bien rire quand je vous raconterai mon trajet jusqu'à vos bureaux.",
            "Reposez-vous bien pendant les fêtes, vous allez en avoir besoin avec le lancement!",
        ] {
            assert!(rules_found(text, "fr").is_empty(), "{text}");
        }
        for (text, cat) in [
            ("Encore un courriel comme celui-là et je porte plainte.", "threat"),
            ("Je vais m'assurer que personne ne postule chez vous.", "threat"),
            ("J'espère que votre candidat sera refusé partout.", "ill_wish"),
            ("Votre compagnie va fermer ses portes d'ici un an.", "ill_wish"),
            ("Je vais vous traîner en justice.", "threat"),
            ("Je vais vous donner une étoile sur Google.", "threat"),
            ("Ne me contactez plus jamais.", "dismissal"),
            ("Bonne chance, vous allez en avoir besoin avec cette équipe-là.", "ill_wish"),
            ("Je vais rire quand votre boîte fera faillite.", "ill_wish"),
            ("J'espère que votre boîte va fermer.", "ill_wish"),
            ("J'espère que la vie vous remettra à votre place.", "ill_wish"),
            ("Je souhaite que votre poste reste vacant pendant des mois.", "ill_wish"),
            ("Votre gestionnaire a l'intelligence d'une porte de grange.", "insult"),
        ] {
            assert!(rules_found(text, "fr").contains(&cat.to_owned()), "{text}");
        }
    }

    #[test]
    fn misspelled_insults_are_read_as_the_word() {
        for (text, lang) in [
            ("You absolute idoit.", "en"),
            ("What a bunch of imbiciles.", "en"),
            ("Ton boss est un imbésile.", "fr"),
            ("Votre recruteur est un conard.", "fr"),
            ("Votre gestionnaire est un imbessile.", "fr"),
        ] {
            assert!(rules_found(text, lang).contains(&"insult".to_owned()), "{text}");
        }
        assert!(rules_found("Idioms were part of the language test.", "en").is_empty());
        assert!(rules_found("Le montant a été débité et l'idiome expliqué.", "fr").is_empty());
    }

    #[test]
    fn quoted_titles_are_not_shouting() {
        assert!(rules_found("J’ai postulé au poste « ANALYSTE DE DONNÉES PRINCIPAL » en mars.", "fr").is_empty());
        assert!(rules_found("I applied for the \"SENIOR BACKEND DEVELOPER AND TEAM LEAD\" role.", "en").is_empty());
    }

    #[test]
    fn negation_keeps_polite_text_quiet() {
        for text in
            ["It was anything but a waste of time.", "It was not a waste of time at all.", "It's not your fault."]
        {
            assert!(rules_found(text, "en").is_empty(), "{text}");
        }
        assert!(rules_found("Ce n’était pas du tout une perte de temps.", "fr").is_empty());
        assert!(!rules_found("It was a waste of time.", "en").is_empty());
        assert!(!rules_found("C’était une perte de temps.", "fr").is_empty());
    }

    #[test]
    fn polite_formulas_are_requests_not_demands() {
        assert!(rules_found("I would appreciate it if you could reply by Friday.", "en").is_empty());
        assert!(rules_found("Je vous saurais gré de me répondre d’ici vendredi.", "fr").is_empty());
        assert_eq!(rules_found("Reply by Friday.", "en"), ["demand"]);
        assert_eq!(rules_found("Répondez-moi d’ici vendredi.", "fr"), ["demand"]);
        // Firm requests with a date, softened by a formula the writer adds (thirteenth round).
        for text in [
            "Dites-moi avant jeudi si vous préférez que je vienne en personne ou en visio.",
            "Faites-moi signe d'ici mercredi si un autre créneau vous arrange mieux.",
            "Répondez-moi quand vous pourrez, mais idéalement avant la fin novembre.",
            "J'attends votre retour avec intérêt d'ici la semaine prochaine.",
        ] {
            assert!(rules_found(text, "fr").is_empty(), "{text}");
        }
        assert_eq!(rules_found("J'exige une réponse d'ici vendredi.", "fr"), ["demand"]);
        // Or by the writer's own reason for the date.
        for (text, lang) in [
            ("Envoyez-moi le contrat d'ici la fin de la semaine pour que je puisse le relire tranquillement.", "fr"),
            ("Répondez-moi avant lundi, même si c'est non, ça m'aidera à avancer.", "fr"),
            ("Send me the contract by the end of the week so I can read it through properly.", "en"),
            ("Tell me before Thursday if you'd rather I come in person or do it over video.", "en"),
            ("Give me a shout by Wednesday if another slot suits you better.", "en"),
        ] {
            assert!(rules_found(text, lang).is_empty(), "{text}");
        }
    }

    #[test]
    fn words_inside_other_words_never_match() {
        for text in
            ["I passed the assessment in Scunthorpe.", "The class was great.", "I met Ms. Cockburn.", "Hello Dick,"]
        {
            assert!(rules_found(text, "en").is_empty(), "{text}");
        }
        for text in
            ["J’ai grandi près du Sacré-Cœur.", "Le vin de la cave à vin était bon.", "J’ai rencontré Mme Labitte."]
        {
            assert!(rules_found(text, "fr").is_empty(), "{text}");
        }
    }

    #[test]
    fn accents_are_optional() {
        assert!(rules_found("cest de la marde", "fr").contains(&"profanity".to_owned()));
        assert!(rules_found("calisse de job", "fr").contains(&"profanity".to_owned()));
        assert!(!rules_found("j'espere que votre compagnie va faire faillite", "fr").is_empty());
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
        let f = &check(text, "fr", &Context::default())[0];
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[f.start..f.end]).unwrap(), "POURQUOI MOI");
        assert_eq!((f.start, f.end), (8, 20));
        let g = &check("🙂🙂 you idiot", "en", &Context::default())[0];
        assert_eq!((g.start, g.end), (9, 14));
    }

    #[test]
    fn never_panics_and_stays_linear_on_huge_or_odd_input() {
        let unit = "Tabarnak!!! YOU people NEVER read. j'espère que ta boîte va couler 🙂 f*** \u{301}é’ «QUOI» ";
        let big: String = unit.chars().cycle().take(300_000).collect();
        for lang in ["fr", "en"] {
            let found = check(&big, lang, &Context { names: vec!["Tabarnak Inc".into()] });
            assert!(found.len() > 1_000, "{lang}: found {}", found.len());
            let units = big.encode_utf16().count();
            assert!(found.iter().all(|f| f.start < f.end && f.end <= units));
        }
        // Degenerate texts: only newlines, only punctuation, one endless word, endless spaced letters.
        for unit in ["\n", "!?", "a", "aaab", "f.", "’", "-- \n", "*@", "é "] {
            let big = unit.repeat(300_000 / unit.len());
            let _ = check(&big, "fr", &Context::default());
            let _ = check(&big, "en", &Context::default());
        }
        for odd in [
            "",
            " ",
            "'",
            "’’’",
            "!!?",
            "a'",
            "'a",
            "\u{301}",
            "f.",
            "-- \n--",
            "\n\n\n",
            "x\u{200d}y",
            "ǅ",
            "жжж",
            "H2Xжж1Y4",
            "日本語の文",
        ] {
            let _ = check(odd, "fr", &Context::default());
            let _ = check(odd, "en", &Context { names: vec![String::new(), "'".into()] });
        }
    }

    /// Needs the app (database, templates, renderer): every built-in message must pass with no finding.
    #[test]
    fn every_built_in_template_passes_in_both_languages() {
        use crate::messages::{render, template, Facts};
        let conn = crate::db::open_in_memory().unwrap();
        for &lang in crate::vocab::Lang::ALL {
            for &kind in crate::vocab::MessageKind::ALL {
                let t = template(&conn, kind, lang).unwrap();
                let facts = crate::messages::tests::full_facts();
                let r = render(kind, lang, &t.subject, &t.body, &Facts { ask_feedback: true, ..facts });
                for text in [&r.subject, &r.body] {
                    assert_eq!(check(text, lang.as_str(), &Context::default()), vec![], "{lang}/{kind}: {text}");
                }
            }
        }
    }
}
