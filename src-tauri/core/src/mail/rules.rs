//! The rules that decide what an e-mail says, read from data: `rules/fr.json` and `rules/en.json` (cue
//! phrases with weights per kind and per reason, and the word lists the field finder uses) and
//! `rules/senders.json` (who sends e-mails for employers without being one: applicant tracking systems,
//! agencies, job boards, free mail providers).
//!
//! A cue is a few words, compared folded (no case, no accents; an apostrophe separates words, so "l'entrevue"
//! is written `l entrevue` and "don't" `don t`). In a cue, `a|b` accepts one of several words, `word*` any
//! word starting so (not as the first word), `~N` up to N words of the same sentence. A leading `^` keeps the
//! cue when a negation comes just before it. Cues of every kind but rejection are dropped after a negation
//! ("we will *not* be inviting you to an interview" is no invitation); a rejection cue already carries its no.
//!
//! After a contrast ("however", "cependant", "mais"), to the end of the next sentence, cues weigh half as much
//! again: praise then a no, regrets then a new time.
//!
//! Each cue found adds its weight once to its kind, whatever the number of times it appears (overlapping cues
//! of one kind count as the strongest of them); both languages'
//! cues are read, since Quebec employers often write both. The kind with the highest total wins; a weak
//! total is no news about an application (unrelated). A reason is given only for a rejection.
//!
//! Matching is linear: cues are looked up by their first word in a hash map, and a cue is a bounded pattern.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use serde::Deserialize;

use super::parse::Envelope;
use super::text::Word;
use crate::vocab::{Lang, MailKind, MailReason};

/// One language's file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LangFile {
    #[serde(rename = "_doc", default)]
    _doc: Vec<String>,
    /// Frequent words that tell the language.
    markers: Vec<String>,
    /// Words that negate a cue just after them.
    negators: Vec<String>,
    /// Words after which the letter says what it means ("however", "cependant").
    contrasts: Vec<String>,
    /// Per kind, cue → weight.
    kinds: HashMap<String, HashMap<String, f32>>,
    /// Per reason, cue → weight.
    reasons: HashMap<String, HashMap<String, f32>>,
    /// How a letter ends before the signature ("best regards", "cordialement").
    closings: Vec<String>,
    /// Words of a team's signature or a team mailbox's name ("team", "recrutement").
    team_words: Vec<String>,
    /// Words of a job title in a signature ("recruiter", "conseillère").
    title_words: Vec<String>,
    /// Phrases after which a role is named ("position of", "poste de").
    role_before: Vec<String>,
    /// Words after which a role is named in the other order ("the *Analyst* position").
    role_after: Vec<String>,
    /// Phrases after which the employer is named ("chez", "interest in"), with how much each says.
    company_before: HashMap<String, f32>,
    /// Words after which the employer is named in the other order ("the *Acme* team").
    company_after: Vec<String>,
    /// Verbs of which the employer is the subject ("*Acme* a décidé", "*Acme* has decided").
    company_verbs: Vec<String>,
    /// Words that open a letter or a sentence and are no name ("Dear", "Bonjour").
    not_names: Vec<String>,
}

/// The senders' file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SendersFile {
    #[serde(rename = "_doc", default)]
    _doc: Vec<String>,
    ats: Named,
    agencies: Named,
    job_boards: Named,
    freemail: Vec<String>,
    /// Mailbox names of systems and shared inboxes, not of a person ("noreply", "careers").
    system_mailboxes: Vec<String>,
    /// Words that are part of a company's legal name and not of its usual one ("inc", "ltée").
    legal_suffixes: Vec<String>,
    /// Common first names: "Marie Tremblay" is a person, "Banque Nationale" is not.
    first_names: Vec<String>,
    /// Pieces of a mail domain that make it an agency's.
    agency_words: Vec<String>,
}

/// Names and mail domains of one family of senders.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Named {
    names: Vec<String>,
    domains: Vec<String>,
}

/// FNV-1a: the keys are short words (ours and one e-mail's), so resistance to crafted collisions is not needed
/// and SipHash's cost on every word of a long e-mail is.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type WordMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;
pub(crate) type WordSet = HashSet<String, BuildHasherDefault<Fnv>>;

/// One element of a cue.
#[derive(Debug)]
enum Elem {
    Words { exact: Vec<String>, prefixes: Vec<String> },
    Gap(usize),
}

impl Elem {
    fn accepts(&self, word: &str) -> bool {
        match self {
            Elem::Words { exact, prefixes } => {
                exact.iter().any(|e| e == word) || prefixes.iter().any(|p| word.starts_with(p.as_str()))
            }
            Elem::Gap(_) => false,
        }
    }
}

/// What a cue speaks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Target {
    Kind(MailKind),
    Reason(MailReason),
}

#[derive(Debug)]
struct Cue {
    target: Target,
    weight: f32,
    elems: Vec<Elem>,
    negatable: bool,
}

/// The compiled rules of both languages and the senders.
pub(crate) struct Rules {
    cues: Vec<Cue>,
    by_first: WordMap<Vec<usize>>,
    negators: WordSet,
    contrasts: WordSet,
    markers: [WordSet; 2],
    pub closings: Vec<Vec<String>>,
    pub team_words: WordSet,
    pub title_words: WordSet,
    pub role_before: Vec<Vec<String>>,
    pub role_after: WordSet,
    pub company_before: Vec<(Vec<String>, f32)>,
    /// Indices into `role_before` and `company_before` by their first word: each word of an e-mail looks up
    /// only the phrases that can start with it.
    role_by_first: WordMap<Vec<usize>>,
    company_by_first: WordMap<Vec<usize>>,
    company_verbs: Vec<Vec<String>>,
    verb_by_first: WordMap<Vec<usize>>,
    /// Every word that starts a phrase naming a company or a role, or follows a name: one lookup tells
    /// whether an e-mail's word needs the others.
    field_words: WordSet,
    pub company_after: WordSet,
    pub not_names: WordSet,
    pub ats_names: WordSet,
    pub ats_domains: Vec<String>,
    pub agency_names: WordSet,
    pub agency_domains: Vec<String>,
    pub board_names: WordSet,
    pub board_domains: Vec<String>,
    pub freemail: Vec<String>,
    pub system_mailboxes: Vec<String>,
    pub legal_suffixes: WordSet,
    pub first_names: WordSet,
    pub agency_words: Vec<String>,
}

const FR: &str = include_str!("rules/fr.json");
const EN: &str = include_str!("rules/en.json");
const SENDERS: &str = include_str!("rules/senders.json");

/// The rules, compiled once. The files are part of the build and checked by a test, so a failure here is a
/// bug caught before release; it still does not panic: the reading goes on with no rules.
pub(crate) fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| match compile(&[FR, EN], SENDERS) {
        Ok(r) => r,
        Err(e) => {
            log::error!("the e-mail rules do not load: {e}");
            empty()
        }
    })
}

fn empty() -> Rules {
    Rules {
        cues: Vec::new(),
        by_first: WordMap::default(),
        negators: WordSet::default(),
        contrasts: WordSet::default(),
        markers: [WordSet::default(), WordSet::default()],
        closings: Vec::new(),
        team_words: WordSet::default(),
        title_words: WordSet::default(),
        role_before: Vec::new(),
        role_after: WordSet::default(),
        company_before: Vec::new(),
        role_by_first: WordMap::default(),
        company_by_first: WordMap::default(),
        company_verbs: Vec::new(),
        verb_by_first: WordMap::default(),
        field_words: WordSet::default(),
        company_after: WordSet::default(),
        not_names: WordSet::default(),
        ats_names: WordSet::default(),
        ats_domains: Vec::new(),
        agency_names: WordSet::default(),
        agency_domains: Vec::new(),
        board_names: WordSet::default(),
        board_domains: Vec::new(),
        freemail: Vec::new(),
        system_mailboxes: Vec::new(),
        legal_suffixes: WordSet::default(),
        first_names: WordSet::default(),
        agency_words: Vec::new(),
    }
}

/// Words of a phrase, folded as the e-mail's words are.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    let mut folded = String::new();
    for c in phrase.chars() {
        super::text::fold_char(c, &mut folded, true);
    }
    folded.split_whitespace().map(str::to_owned).collect()
}

fn folded_set(list: &[String]) -> WordSet {
    list.iter().map(|w| phrase_words(w).join(" ")).collect()
}

fn compile_cue(text: &str, target: Target, weight: f32) -> Result<Cue, String> {
    let (negatable, body) = match text.strip_prefix('^') {
        Some(rest) => (false, rest),
        None => (!matches!(target, Target::Kind(MailKind::Rejection) | Target::Reason(_)), text),
    };
    let mut elems = Vec::new();
    for token in body.replace(['\'', '’'], " ").split_whitespace() {
        if let Some(n) = token.strip_prefix('~') {
            let n: usize = n.parse().map_err(|_| format!("bad gap in {text:?}"))?;
            if n > 8 {
                return Err(format!("gap over 8 in {text:?}"));
            }
            elems.push(Elem::Gap(n));
            continue;
        }
        let mut exact = Vec::new();
        let mut prefixes = Vec::new();
        for alt in token.split('|').filter(|a| !a.is_empty()) {
            let (stem, is_prefix) = match alt.strip_suffix('*') {
                Some(s) => (s, true),
                None => (alt, false),
            };
            let folded = phrase_words(stem).join("");
            if folded.is_empty() {
                return Err(format!("empty word in {text:?}"));
            }
            if is_prefix {
                prefixes.push(folded);
            } else {
                exact.push(folded);
            }
        }
        elems.push(Elem::Words { exact, prefixes });
    }
    match elems.first() {
        Some(Elem::Words { exact, prefixes }) if prefixes.is_empty() && !exact.is_empty() => {}
        _ => return Err(format!("a cue starts with whole words: {text:?}")),
    }
    if matches!(elems.last(), Some(Elem::Gap(_))) {
        return Err(format!("a cue ends with a word: {text:?}"));
    }
    Ok(Cue { target, weight, elems, negatable })
}

fn kind_named(name: &str) -> Option<MailKind> {
    MailKind::ALL.iter().copied().find(|k| k.as_str() == name)
}

fn reason_named(name: &str) -> Option<MailReason> {
    MailReason::ALL.iter().copied().find(|k| k.as_str() == name)
}

/// Compiles the language files (French first, then English) and the senders' file.
fn compile(langs: &[&str], senders: &str) -> Result<Rules, String> {
    let mut r = empty();
    for (li, src) in langs.iter().enumerate() {
        let f: LangFile = serde_json::from_str(src).map_err(|e| format!("language file {li}: {e}"))?;
        for (kind, cues) in &f.kinds {
            let k = kind_named(kind).ok_or_else(|| format!("unknown kind {kind}"))?;
            for (cue, w) in cues {
                r.cues.push(compile_cue(cue, Target::Kind(k), *w)?);
            }
        }
        for (reason, cues) in &f.reasons {
            let k = reason_named(reason).ok_or_else(|| format!("unknown reason {reason}"))?;
            for (cue, w) in cues {
                r.cues.push(compile_cue(cue, Target::Reason(k), *w)?);
            }
        }
        r.negators.extend(folded_set(&f.negators));
        r.contrasts.extend(folded_set(&f.contrasts));
        if let Some(m) = r.markers.get_mut(li) {
            m.extend(folded_set(&f.markers));
        }
        r.closings.extend(f.closings.iter().map(|c| phrase_words(c)));
        r.team_words.extend(folded_set(&f.team_words));
        r.title_words.extend(folded_set(&f.title_words));
        r.role_before.extend(f.role_before.iter().map(|c| phrase_words(c)));
        r.role_after.extend(folded_set(&f.role_after));
        r.company_before.extend(f.company_before.iter().map(|(c, w)| (phrase_words(c), *w)));
        r.company_after.extend(folded_set(&f.company_after));
        r.company_verbs.extend(f.company_verbs.iter().map(|c| phrase_words(c)));
        r.not_names.extend(folded_set(&f.not_names));
    }
    // Longest phrases first, so "pour le poste de" is tried before "poste de".
    r.role_before.sort_by_key(|p| std::cmp::Reverse(p.len()));
    r.company_before.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
    r.closings.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for (i, p) in r.role_before.iter().enumerate() {
        if let Some(first) = p.first() {
            r.role_by_first.entry(first.clone()).or_default().push(i);
        }
    }
    for (i, (p, _)) in r.company_before.iter().enumerate() {
        if let Some(first) = p.first() {
            r.company_by_first.entry(first.clone()).or_default().push(i);
        }
    }
    for (i, p) in r.company_verbs.iter().enumerate() {
        if let Some(first) = p.first() {
            r.verb_by_first.entry(first.clone()).or_default().push(i);
        }
    }
    let firsts: Vec<String> = r
        .role_by_first
        .keys()
        .chain(r.company_by_first.keys())
        .chain(r.verb_by_first.keys())
        .chain(r.company_after.iter())
        .chain(r.role_after.iter())
        .cloned()
        .collect();
    r.field_words.extend(firsts);
    for (i, cue) in r.cues.iter().enumerate() {
        if let Some(Elem::Words { exact, .. }) = cue.elems.first() {
            for w in exact {
                r.by_first.entry(w.clone()).or_default().push(i);
            }
        }
    }
    let s: SendersFile = serde_json::from_str(senders).map_err(|e| format!("senders file: {e}"))?;
    r.ats_names = folded_set(&s.ats.names);
    r.ats_domains = s.ats.domains;
    r.agency_names = folded_set(&s.agencies.names);
    r.agency_domains = s.agencies.domains;
    r.board_names = folded_set(&s.job_boards.names);
    r.board_domains = s.job_boards.domains;
    r.freemail = s.freemail;
    r.system_mailboxes = s.system_mailboxes.iter().map(|m| phrase_words(m).join("")).collect();
    r.legal_suffixes = folded_set(&s.legal_suffixes);
    r.first_names = folded_set(&s.first_names);
    r.agency_words = s.agency_words;
    Ok(r)
}

impl Rules {
    /// The phrases naming a role that start with `word`, longest first.
    pub(crate) fn role_before_at<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Vec<String>> + 'a {
        self.role_by_first.get(word).into_iter().flatten().filter_map(|&i| self.role_before.get(i))
    }

    /// Whether `word` can start a phrase that names a company or a role (or end a name, like "team").
    pub(crate) fn names_field(&self, word: &str) -> bool {
        self.field_words.contains(word)
    }

    /// The verbs of a company's decision that start with `word`.
    pub(crate) fn company_verb_at<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Vec<String>> + 'a {
        self.verb_by_first.get(word).into_iter().flatten().filter_map(|&i| self.company_verbs.get(i))
    }

    /// The phrases naming a company that start with `word`, longest first, with their weights.
    pub(crate) fn company_before_at<'a>(&'a self, word: &str) -> impl Iterator<Item = (&'a Vec<String>, &'a f32)> + 'a {
        self.company_by_first
            .get(word)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.company_before.get(i))
            .map(|(p, w)| (p, w))
    }
}

/// Whether `domain` is `listed` or one of its subdomains.
pub(crate) fn domain_in(domain: &str, listed: &[String]) -> bool {
    listed.iter().any(|l| domain == l || domain.strip_suffix(l.as_str()).is_some_and(|p| p.ends_with('.')))
}

/// The language of the e-mail, from its first words (a bilingual e-mail is in the language it starts with).
pub(crate) fn language(words: &[Word]) -> Lang {
    let r = rules();
    let mut fr = 0;
    let mut en = 0;
    for w in words.iter().take(160) {
        if r.markers[0].contains(&w.folded) {
            fr += 1;
        }
        if r.markers[1].contains(&w.folded) {
            en += 1;
        }
    }
    if fr > en {
        Lang::Fr
    } else {
        Lang::En
    }
}

/// One cue found: the words it covers, in the shown text.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub cue: String,
    weight: f32,
}

/// The decided kind, how sure, why, and the reason for a rejection.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    pub kind: MailKind,
    pub confidence: f32,
    pub reason: Option<MailReason>,
    pub evidence: Vec<Hit>,
}

/// The index of the last word of a match of `elems[k..]` starting at `pos`, if any.
fn match_from(elems: &[Elem], k: usize, pos: usize, words: &[Word], sentence: u32) -> Option<usize> {
    let elem = elems.get(k)?;
    match elem {
        Elem::Gap(n) => {
            for skip in 0..=*n {
                let at = pos + skip;
                if words.get(at).is_none_or(|w| w.sentence != sentence) {
                    return None;
                }
                if let Some(end) = match_from(elems, k + 1, at, words, sentence) {
                    return Some(end);
                }
            }
            None
        }
        Elem::Words { .. } => {
            let w = words.get(pos).filter(|w| w.sentence == sentence)?;
            if !elem.accepts(&w.folded) {
                return None;
            }
            if k + 1 == elems.len() {
                Some(pos)
            } else {
                match_from(elems, k + 1, pos + 1, words, sentence)
            }
        }
    }
}

/// Whether a negation comes within the three words before `pos`, in its sentence.
fn negated(words: &[Word], pos: usize, negators: &WordSet) -> bool {
    let sentence = words[pos].sentence;
    words[pos.saturating_sub(3)..pos].iter().any(|w| w.sentence == sentence && negators.contains(&w.folded))
}

/// Every cue found in `words`, once each (its first place).
fn hits(words: &[Word]) -> Vec<(usize, Hit)> {
    let r = rules();
    let mut seen = vec![false; r.cues.len()];
    let mut out = Vec::new();
    // After "however", "cependant", "mais"…, to the end of the next sentence, the letter says what it means:
    // praise then a no, regrets then a new time.
    let mut stressed_until: Option<u32> = None;
    for (i, w) in words.iter().enumerate() {
        if r.contrasts.contains(&w.folded) {
            stressed_until = Some(w.sentence + 1);
        }
        let stressed = stressed_until.is_some_and(|s| w.sentence <= s);
        let Some(candidates) = r.by_first.get(&w.folded) else { continue };
        for &c in candidates {
            if seen[c] {
                continue;
            }
            let cue = &r.cues[c];
            if let Some(end) = match_from(&cue.elems, 0, i, words, w.sentence) {
                // A cue that starts with its own negation ("not yet", "pas encore") is read as written.
                if cue.negatable && !r.negators.contains(&w.folded) && negated(words, i, &r.negators) {
                    continue;
                }
                seen[c] = true;
                let name = match cue.target {
                    Target::Kind(k) => k.as_str(),
                    Target::Reason(k) => k.as_str(),
                };
                let weight = if stressed && cue.weight > 0.0 { cue.weight * 1.5 } else { cue.weight };
                out.push((c, Hit { start: w.start, end: words[end].end, cue: name.to_owned(), weight }));
            }
        }
    }
    out
}

/// Decides the kind (and a rejection's reason) from the words of the subject and the new part.
pub(crate) fn classify(words: &[Word], env: &Envelope) -> Verdict {
    let r = rules();
    let found = hits(words);
    let mut kind_score = [0f32; 6];
    let mut reason_score = [0f32; 8];
    // One phrase says one thing once: cues of the same kind whose words overlap ("avons bien reçu votre
    // candidature", "bien reçu", "reçu votre candidature") count as the strongest of them.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].1.start);
    // Per open cluster: its target, where it ends, its strongest weight.
    let mut open: Vec<(Target, usize, f32)> = Vec::new();
    for i in order {
        let (c, hit) = &found[i];
        let cue = &r.cues[*c];
        let weight = hit.weight;
        let slot = match cue.target {
            Target::Kind(k) => &mut kind_score[kind_index(k)],
            Target::Reason(k) => &mut reason_score[reason_index(k)],
        };
        match open.iter_mut().find(|o| o.0 == cue.target && hit.start < o.1) {
            Some(o) if weight > 0.0 => {
                if weight > o.2 {
                    *slot += weight - o.2;
                    o.2 = weight;
                }
                o.1 = o.1.max(hit.end);
            }
            _ => {
                *slot += weight;
                open.retain(|o| o.0 != cue.target);
                if weight > 0.0 {
                    open.push((cue.target, hit.end, weight));
                }
            }
        }
    }
    // A job board's own message (an alert, a "viewed your profile") is rarely an employer's answer.
    if let Some(domain) = env.from_addr.as_deref().and_then(|a| a.rsplit_once('@')).map(|(_, d)| d) {
        if domain_in(domain, &r.board_domains) {
            kind_score[kind_index(MailKind::Unrelated)] += 1.0;
        }
    }
    let mut order: Vec<usize> = (0..6).collect();
    order.sort_by(|a, b| kind_score[*b].total_cmp(&kind_score[*a]));
    let (best, second) = (kind_score[order[0]], kind_score[order[1]].max(0.0));
    let (kind, confidence) = if best < 1.0 {
        (MailKind::Unrelated, if best <= 0.0 { 0.5 } else { 0.3 })
    } else {
        (MailKind::ALL[order[0]], (best - second) / (best + 1.0))
    };
    let reason = if kind == MailKind::Rejection {
        let (ri, rs) =
            reason_score.iter().enumerate().fold((0, 0f32), |acc, (i, s)| if *s > acc.1 { (i, *s) } else { acc });
        (rs >= 2.0).then(|| MailReason::ALL[ri])
    } else {
        None
    };
    let mut evidence: Vec<Hit> = found
        .into_iter()
        .map(|(_, h)| h)
        .filter(|h| h.weight > 0.0 && (h.cue == kind.as_str() || reason.is_some_and(|r| r.as_str() == h.cue)))
        .collect();
    evidence.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    evidence.truncate(6);
    evidence.sort_by_key(|h| h.start);
    Verdict { kind, confidence: confidence.clamp(0.0, 1.0), reason, evidence }
}

fn kind_index(k: MailKind) -> usize {
    MailKind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

fn reason_index(k: MailReason) -> usize {
    MailReason::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

#[cfg(test)]
pub(crate) fn compile_check() -> Result<(), String> {
    compile(&[FR, EN], SENDERS).map(|_| ())
}
