//! The company, the role and the person, found in the sender, the subject, the body and the signature.
//!
//! The company is voted for: each place that names one (the sender's display name, "chez X", "at X",
//! "the X team", a signature line, a © footer, the sender's own domain) adds to its candidate, and a
//! candidate that spells the sender's domain ("Banque Nationale" from `bnc.ca` or `banquenationale.ca`) gets
//! more. Senders that are not the employer — applicant tracking systems, agencies, job boards, free mail —
//! never vote for themselves.
//!
//! The person is the name under the letter's closing ("Cordialement, / Marie Tremblay"), or a name line above
//! a job title at the end; a team's signature ("L'équipe Recrutement") is no person.

use std::collections::HashMap;

use super::parse::Envelope;
use super::rules::{domain_in, phrase_words, rules, Rules};
use super::text::{NewPart, Word};
use crate::vocab::{Lang, MailKind};

/// What was found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub company: Option<String>,
    pub role: Option<String>,
    pub person: Option<String>,
    pub person_email: Option<String>,
}

/// Which family a mail domain belongs to.
#[derive(PartialEq, Clone, Copy, Debug)]
enum Sender {
    Ats,
    Agency,
    Board,
    Free,
    Own,
}

fn sender_of(domain: &str, r: &Rules) -> Sender {
    if domain_in(domain, &r.ats_domains) {
        Sender::Ats
    } else if domain_in(domain, &r.agency_domains) {
        Sender::Agency
    } else if domain_in(domain, &r.board_domains) {
        Sender::Board
    } else if domain_in(domain, &r.freemail) {
        Sender::Free
    } else if owner_label(domain).is_some_and(|l| r.agency_words.iter().any(|w| l.contains(w.as_str()))) {
        Sender::Agency
    } else {
        Sender::Own
    }
}

/// The label of a domain that names its owner: `carrieres.desjardins.com` → `desjardins`,
/// `rh.gouv.qc.ca` → `gouv`... (a country's second level such as `co.uk` or `qc.ca` is skipped).
fn owner_label(domain: &str) -> Option<String> {
    const SECOND_LEVEL: &[&str] = &["co", "com", "qc", "on", "bc", "ab", "gc", "gouv", "org", "net", "ac"];
    let labels: Vec<&str> = domain.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    let mut i = labels.len() - 2;
    while i > 0 && SECOND_LEVEL.contains(&labels[i]) {
        i -= 1;
    }
    // "lightspeedhq", "acmecareers": the owner's name with a word mail domains often add.
    let mut label = labels[i].to_owned();
    for tail in ["hq", "inc", "corp", "careers", "jobs", "group", "global", "canada", "online", "app", "mail"] {
        if label.len() >= tail.len() + 3 {
            if let Some(stem) = label.strip_suffix(tail) {
                label = stem.to_owned();
                break;
            }
        }
    }
    Some(label)
}

/// Letters and digits only, folded: the form in which a name is compared with a domain.
fn compact(text: &str) -> String {
    phrase_words(text).join("")
}

/// The comparable key of a company name: folded words, legal suffixes and leading articles dropped.
pub(crate) fn company_key(name: &str) -> String {
    let r = rules();
    let mut words = phrase_words(name);
    // "Banque Nationale du Canada" → "banque nationale": suffixes, then the link word they leave.
    while words.len() > 1
        && words.last().is_some_and(|w| r.legal_suffixes.contains(w) || CONNECTORS.contains(&w.as_str()))
    {
        words.pop();
    }
    while words.first().is_some_and(|w| matches!(w.as_str(), "the" | "le" | "la" | "les" | "l" | "groupe" | "group"))
        && words.len() > 1
    {
        words.remove(0);
    }
    words.join(" ")
}

/// The original text of a word.
fn orig<'a>(shown: &'a str, w: &Word) -> &'a str {
    shown.get(w.start..w.end).unwrap_or_default()
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether only spaces, "&", "-" or an apostrophe separate two words of one name.
fn joined(shown: &str, a: &Word, b: &Word) -> bool {
    let gap = shown.get(a.end..b.start).unwrap_or("\n");
    gap.len() <= 3 && !gap.is_empty() && gap.chars().all(|c| matches!(c, ' ' | '&' | '-' | '\'' | '’' | '+'))
        || gap.is_empty()
}

const CONNECTORS: &[&str] = &["de", "du", "des", "la", "le", "l", "d", "and", "of", "et", "the", "en"];

/// A run of capitalised words starting at `i` (connectors allowed inside), as (first, last) word indices.
fn capital_run(shown: &str, words: &[Word], i: usize, max: usize) -> Option<(usize, usize)> {
    let first = words.get(i)?;
    if !capitalised(orig(shown, first)) {
        return None;
    }
    let mut last = i;
    let mut j = i + 1;
    while j < words.len() && j - i < max {
        if !joined(shown, &words[j - 1], &words[j]) {
            break;
        }
        let o = orig(shown, &words[j]);
        if capitalised(o) || o.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            last = j;
        } else if !CONNECTORS.contains(&words[j].folded.as_str()) {
            break;
        }
        j += 1;
    }
    Some((i, last))
}

fn span<'a>(shown: &'a str, words: &[Word], a: usize, b: usize) -> &'a str {
    shown.get(words[a].start..words[b].end).unwrap_or_default()
}

/// Whether `phrase` (folded words) is at `i`.
fn phrase_at(words: &[Word], i: usize, phrase: &[String]) -> bool {
    !phrase.is_empty()
        && phrase.iter().enumerate().all(|(k, p)| words.get(i + k).is_some_and(|w| &w.folded == p))
        && words.get(i + phrase.len() - 1).is_some_and(|w| w.sentence == words[i].sentence)
}

/// A name that cannot be a company: a system, an ATS, a team, a greeting word.
fn excluded_company(key: &str, r: &Rules, sender: Sender) -> bool {
    if key.is_empty() || key.len() < 2 {
        return true;
    }
    let words: Vec<&str> = key.split(' ').collect();
    let compact_key: String = words.concat();
    r.ats_names.contains(key)
        || r.ats_names.contains(&compact_key)
        || r.board_names.contains(key)
        || r.board_names.contains(&compact_key)
        || (sender == Sender::Agency && (r.agency_names.contains(key) || r.agency_names.contains(&compact_key)))
        || r.agency_names.contains(key) && sender != Sender::Own
        || words.iter().all(|w| {
            r.team_words.contains(*w)
                || r.not_names.contains(*w)
                || r.title_words.contains(*w)
                || CONNECTORS.contains(w)
        })
        || r.not_names.contains(key)
}

/// A display name or a line cleaned of team words, "via Workday", separators: "Acme Careers" → "Acme".
fn clean_sender_name(name: &str, r: &Rules) -> String {
    let lower = name.to_lowercase();
    let cut = [" via ", " through ", " par l'entremise", " on behalf of "]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(name.len());
    let name = name.get(..cut).unwrap_or(name);
    // A hyphen splits only with spaces around it: "Loto-Québec" and "Sainte-Foy" are one name each.
    let spaced = name.replace(" - ", " | ");
    let mut parts: Vec<&str> = Vec::new();
    for part in spaced.split(['|', '–', '—', ':', '/', '(', ')', ',', '@']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        parts.push(part);
    }
    // Of the pieces, the one that is not a team or a system.
    let mut best = String::new();
    for part in parts {
        let kept: Vec<&str> = part
            .split_whitespace()
            .filter(|w| {
                let f = compact(w);
                !(r.team_words.contains(&f)
                    || r.ats_names.contains(&f)
                    || r.system_mailboxes.contains(&f)
                    || f == "noreply")
            })
            .collect();
        let mut kept = kept;
        while kept
            .first()
            .is_some_and(|w| CONNECTORS.contains(&compact(w).as_str()) || r.not_names.contains(&compact(w)))
        {
            kept.remove(0);
        }
        while kept.last().is_some_and(|w| CONNECTORS.contains(&compact(w).as_str())) {
            kept.pop();
        }
        let joined = kept.join(" ");
        if !joined.is_empty() && best.is_empty() {
            best = joined;
        }
    }
    best
}

/// Whether a line (or a display name) reads as a person's name: one to four capitalised words, particles
/// inside, nothing of a team, a title or a greeting.
fn looks_like_person(text: &str, r: &Rules, allow_single: bool) -> bool {
    let text = text.trim().trim_end_matches([',', '.']);
    if text.is_empty()
        || text.len() > 48
        || text.chars().any(|c| c.is_ascii_digit() || matches!(c, '@' | ':' | '|' | '/' | '!' | '?'))
    {
        return false;
    }
    let parts: Vec<&str> = text.split_whitespace().collect();
    if parts.is_empty() || parts.len() > 4 || (parts.len() == 1 && !allow_single) {
        return false;
    }
    let particles = ["de", "du", "des", "van", "von", "da", "di", "le", "la", "st", "ste", "d", "ben", "el", "al"];
    let mut capitals = 0;
    for (i, p) in parts.iter().enumerate() {
        let f = compact(p);
        if r.team_words.contains(&f)
            || r.title_words.contains(&f)
            || r.not_names.contains(&f)
            || r.ats_names.contains(&f)
            || r.legal_suffixes.contains(&f)
        {
            return false;
        }
        if capitalised(p) {
            capitals += 1;
            // "ACME" alone is a brand, not a first name.
            if parts.len() == 1 && p.chars().count() > 1 && p.chars().all(|c| !c.is_lowercase()) {
                return false;
            }
        } else if i == 0 || !particles.contains(&f.as_str()) {
            return false;
        }
        if !p.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.')) {
            return false;
        }
    }
    capitals >= 1
}

/// Finds the fields.
pub(crate) fn find(
    env: &Envelope,
    shown: &str,
    body_start: usize,
    new_part: &NewPart,
    words: &[Word],
    _lang: Lang,
    kind: MailKind,
) -> Found {
    let r = rules();
    let (from_name, from_addr) = match new_part.forwarded_from.as_deref() {
        Some(v) => forwarded_sender(v).unwrap_or((env.from_name.clone(), env.from_addr.clone())),
        None => (env.from_name.clone(), env.from_addr.clone()),
    };
    let domain = from_addr.as_deref().and_then(|a| a.rsplit_once('@')).map(|(_, d)| d.to_owned()).unwrap_or_default();
    let local = from_addr.as_deref().and_then(|a| a.split_once('@')).map(|(l, _)| l.to_owned()).unwrap_or_default();
    let mut sender = if domain.is_empty() { Sender::Free } else { sender_of(&domain, r) };
    // "Our client", "notre client": whoever writes is an agency, listed or not.
    let for_a_client = words.windows(2).any(|p| {
        matches!(p[0].folded.as_str(), "our" | "my" | "notre" | "mon" | "nos" | "ma")
            && matches!(p[1].folded.as_str(), "client" | "cliente" | "clients" | "clientes")
    });
    if for_a_client && sender == Sender::Own {
        sender = Sender::Agency;
    }
    let system_mailbox = {
        let whole = compact(&local);
        local.is_empty()
            || r.system_mailboxes.contains(&whole)
            || local.split(['.', '_', '-', '+']).any(|t| r.system_mailboxes.contains(&compact(t)))
            || sender == Sender::Ats
    };

    // Lines of the new part, as (start, end) in `shown`, non-empty.
    let lines: Vec<(usize, usize)> = new_part
        .lines
        .iter()
        .map(|l| (body_start + l.start, body_start + l.end))
        .filter(|(a, b)| shown.get(*a..*b).is_some_and(|t| !t.trim().is_empty()))
        .collect();
    let line_text = |i: usize| -> &str { lines.get(i).and_then(|(a, b)| shown.get(*a..*b)).unwrap_or_default().trim() };

    // ---- The person: under the closing, else a name above a title at the end.
    let mut person: Option<String> = None;
    let mut signature_from: Option<usize> = None;
    let closing_line = (0..lines.len()).rev().find(|&i| {
        // A closing is a short line: longer ones are not folded at all.
        if line_text(i).split_whitespace().nth(12).is_some() {
            return false;
        }
        let w = phrase_words(line_text(i));
        !w.is_empty() && r.closings.iter().any(|c| w.len() <= c.len() + 3 && w.starts_with(c))
    });
    let mut team_signed = false;
    let display_first = from_name.as_deref().and_then(|n| phrase_words(n).into_iter().next());
    // A single word under a closing is a first name only if it is a known one or the sender's ("Julie"), not
    // the company's name on its own line ("Desjardins").
    let single_ok = |word: &str| {
        let f = compact(word);
        // "Marie-Ève": its first part is enough.
        let first_part = compact(word.split('-').next().unwrap_or_default());
        r.first_names.contains(&f)
            || r.first_names.contains(&first_part)
            || display_first.as_deref() == Some(f.as_str())
    };
    if let Some(c) = closing_line {
        // The name on the closing's own line: "Cordialement, Julie Tremblay", "Thanks, Sarah".
        let text = line_text(c);
        if let Some((_, after)) = text.split_once([',', '-', '—']) {
            let after = after.trim().trim_end_matches(['.', ',']);
            if looks_like_person(after, r, true) && (after.contains(' ') || single_ok(after)) {
                person = Some(after.to_owned());
                signature_from = Some(c);
            }
        }
    }
    if let (Some(c), None) = (closing_line, &person) {
        for i in c + 1..(c + 3).min(lines.len()) {
            let text = line_text(i);
            let first_piece = text.split([',', '|', '–', '—', '(']).next().unwrap_or_default().trim();
            let first_piece = first_piece.trim_start_matches(['-', '—', ' ']);
            let f = phrase_words(first_piece);
            if f.iter().any(|w| r.team_words.contains(w)) {
                team_signed = true;
                signature_from = Some(i);
                break;
            }
            if looks_like_person(first_piece, r, true) && (first_piece.contains(' ') || single_ok(first_piece)) {
                person = Some(first_piece.to_owned());
                signature_from = Some(i);
                break;
            }
        }
    }
    if person.is_none() && !team_signed {
        let tail_start = lines.len().saturating_sub(8);
        for i in tail_start..lines.len() {
            let text = line_text(i);
            let piece = text
                .split([',', '|', '–', '—', '('])
                .next()
                .unwrap_or_default()
                .trim()
                .trim_start_matches(['-', '—', ' ']);
            let next_is_title = phrase_words(line_text(i + 1)).iter().any(|w| r.title_words.contains(w))
                || phrase_words(text.get(piece.len()..).unwrap_or_default()).iter().any(|w| r.title_words.contains(w));
            // "— Julie" on the last lines, or a name above a title.
            let dashed = text.starts_with(['-', '—', '–']) && (piece.contains(' ') || single_ok(piece));
            let single = dashed || (next_is_title && single_ok(piece));
            if (next_is_title || dashed) && looks_like_person(piece, r, single) {
                person = Some(piece.to_owned());
                signature_from = Some(i);
                break;
            }
        }
    }
    // A first name alone is completed by the sender's display name ("Marie" from "Marie Tremblay").
    if let (Some(p), Some(name)) = (&person, &from_name) {
        if !p.contains(' ')
            && name.split_whitespace().next().is_some_and(|f| compact(f) == compact(p))
            && looks_like_person(name, r, false)
        {
            person = Some(name.trim().to_owned());
        }
    }
    let person_key = person.as_deref().map(compact);

    // ---- The person's address: in the signature, else the sender's when it is that person's.
    let mut person_email = None;
    if let (Some(p), Some(s)) = (&person, signature_from) {
        for i in s..(s + 6).min(lines.len()) {
            if let Some(addr) = line_text(i).split_whitespace().find(|t| t.contains('@') && t.contains('.')) {
                person_email = Some(addr.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
                break;
            }
        }
        if person_email.is_none() && !system_mailbox {
            let parts = phrase_words(p);
            let l = local.to_lowercase();
            if parts.iter().any(|w| w.len() > 1 && l.contains(w.as_str()))
                || from_name.as_deref().is_some_and(|n| compact(n) == compact(p))
            {
                person_email = from_addr.clone();
            }
        }
    }

    // ---- The company.
    let mut votes: HashMap<String, (String, f32)> = HashMap::new();
    // Only a domain known as an agency's or a board's: an employer that speaks of "our clients" keeps its name.
    let sender_label = owner_label(&domain).filter(|l| {
        l.len() > 2 && !domain.is_empty() && matches!(sender_of(&domain, r), Sender::Agency | Sender::Board)
    });
    let vote = |name: &str, weight: f32, votes: &mut HashMap<String, (String, f32)>| {
        let name = name.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')');
        let key = company_key(name);
        if excluded_company(&key, r, sender)
            || person_key.as_deref().is_some_and(|p| p == compact(name))
            || sender_label.as_deref().is_some_and(|l| compact(&key).starts_with(l))
        {
            return;
        }
        let e = votes.entry(key).or_insert_with(|| (name.to_owned(), 0.0));
        e.1 += weight;
    };
    if let Some(name) = &from_name {
        let words_of_name = phrase_words(name);
        // The mailbox spelled like the display name is the company's ("banque.nationale@…").
        let mailbox_is_name =
            compact(&local) == compact(name) && !words_of_name.first().is_some_and(|f| r.first_names.contains(f));
        let person_like = looks_like_person(name, r, false)
            && !mailbox_is_name
            && (words_of_name.iter().any(|w| w.len() > 2 && local.contains(w.as_str()))
                || words_of_name.first().is_some_and(|f| r.first_names.contains(f))
                || person.as_deref().is_some_and(|p| compact(p) == compact(name)));
        // "Marie de Acme", "Marie at Acme": the company after the link word.
        let lower = name.to_lowercase();
        let after_link = [" at ", " from ", " chez ", " @ "].iter().find_map(|m| lower.find(m).map(|i| i + m.len()));
        if let Some(i) = after_link {
            vote(&clean_sender_name(name.get(i..).unwrap_or_default(), r), 3.0, &mut votes);
        } else if !person_like && !matches!(sender, Sender::Agency | Sender::Board | Sender::Free) {
            vote(&clean_sender_name(name, r), 3.0, &mut votes);
        }
    }
    // The words between the subject's start and the body, and the body's new part.
    // The subject names the employer on purpose; the body's "at X" may be anyone.
    let subject_end = if body_start > 0 { shown.find('\n').unwrap_or(0) } else { 0 };
    for (i, w) in words.iter().enumerate() {
        if !r.names_field(&w.folded) {
            continue;
        }
        let in_subject = w.start < subject_end;
        for (phrase, weight) in r.company_before_at(&w.folded) {
            if phrase_at(words, i, phrase) {
                let at = i + phrase.len();
                if words.get(at).is_some_and(|n| n.sentence == w.sentence && joined_loose(shown, &words[at - 1], n)) {
                    if let Some((a, b)) = capital_run(shown, words, at, 6) {
                        if !orig(shown, &words[a]).starts_with(|c: char| c.is_ascii_digit()) {
                            let weight = if in_subject { 2.0 * weight } else { *weight };
                            vote(trim_connectors(shown, words, a, b), weight, &mut votes);
                        }
                    }
                }
                break;
            }
        }
        if r.company_after.contains(&w.folded) && i > 0 {
            // Back from "team": "the Acme Talent Acquisition Team" → "Acme".
            if let Some((a, b)) = name_before(shown, words, i, r) {
                vote(span(shown, words, a, b), 1.5, &mut votes);
            }
        }
        // "Acme a décidé…", "Acme has decided…": the employer as the subject of a decision.
        for phrase in r.company_verb_at(&w.folded) {
            if phrase_at(words, i, phrase) {
                if let Some((a, b)) = name_before(shown, words, i, r) {
                    vote(span(shown, words, a, b), 1.0, &mut votes);
                }
                break;
            }
        }
    }
    // The signature's lines below the person: the first that is neither a title nor an address.
    if let Some(s) = signature_from {
        for i in s + 1..(s + 4).min(lines.len()) {
            if device_line(line_text(i)) {
                break;
            }
            // "Senior Recruiter, Shopify" or "Recruiting Lead, Payments": after a title, a comma names the
            // employer or a team; the sender's own domain tells which, so alone it weighs little.
            let pieces = line_text(i).split(['|', '–', '—', '•']).flat_map(|seg| {
                let mut parts = seg.split(',');
                let first = parts.next().unwrap_or_default();
                let titled = phrase_words(first).iter().any(|w| r.title_words.contains(w) && !r.team_words.contains(w));
                std::iter::once((first, false)).chain(parts.map(move |p| (p, titled)))
            });
            for (piece, after_title) in pieces {
                let piece = piece.trim();
                let f = phrase_words(piece);
                if f.is_empty()
                    || device_line(piece)
                    || f.iter().any(|w| r.title_words.contains(w))
                    || piece.contains('@')
                    || piece.chars().filter(|c| c.is_ascii_digit()).count() > 2
                    || f.len() > 6
                {
                    continue;
                }
                if capitalised(piece) {
                    let weight = match (after_title, sender) {
                        (false, _) => 2.0,
                        (true, Sender::Own) => 0.5,
                        (true, _) => 1.0,
                    };
                    vote(piece, weight, &mut votes);
                }
            }
        }
    }
    // "© 2026 Acme Inc."
    for line in shown.get(body_start..).unwrap_or_default().lines().filter(|l| l.contains('©')).take(3) {
        if let Some((_, rest)) = line.split_once('©') {
            let rest = rest.trim().trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ' || c == '-');
            let name = rest.split(['.', ',', '|', '–']).next().unwrap_or_default();
            let name = name.trim_end_matches(" All rights reserved").trim_end_matches(" Tous droits réservés");
            if phrase_words(name).len() <= 5 {
                vote(name, 1.5, &mut votes);
            }
        }
    }
    // An ATS writes the employer's name into the subject ("Acme – Job alert", "[Acme] Your application"): a
    // piece of it that is a name counts there.
    if subject_end > 0 && sender == Sender::Ats {
        for piece in shown[..subject_end].split(['–', '—', '|', ':', '[', ']', '(', ')', '/']) {
            let piece = piece.trim().trim_matches('-').trim();
            let pw: Vec<&str> = piece.split_whitespace().collect();
            if pw.is_empty()
                || pw.len() > 4
                || !pw.iter().all(|w| capitalised(w) || CONNECTORS.contains(&compact(w).as_str()))
            {
                continue;
            }
            let key = company_key(piece);
            if key.split(' ').any(|w| r.not_names.contains(w) || r.team_words.contains(w) || r.role_after.contains(w)) {
                continue;
            }
            vote(piece, 2.0, &mut votes);
        }
    }
    // The domains: the sender's own, or an ATS's subdomain naming the employer ("acme.myworkday.com").
    let mut labels: Vec<(String, f32)> = Vec::new();
    if sender == Sender::Own {
        if let Some(l) = owner_label(&domain) {
            labels.push((l, 3.0));
        }
    } else if sender == Sender::Ats {
        if let Some((sub, _)) = domain.split_once('.') {
            if !matches!(
                sub,
                "mail"
                    | "email"
                    | "em"
                    | "notifications"
                    | "no-reply"
                    | "noreply"
                    | "app"
                    | "us"
                    | "eu"
                    | "ca"
                    | "jobs"
                    | "hire"
                    | "careers"
            ) && !sub.starts_with("wd")
            {
                labels.push((sub.to_owned(), 1.5));
            }
        }
        if !system_mailbox || !local.is_empty() {
            let l = local.split(['+', '-', '_', '.']).next().unwrap_or_default();
            if l.len() > 2 && !r.system_mailboxes.contains(&compact(l)) {
                labels.push((l.to_owned(), 1.0));
            }
        }
    }
    if let Some(reply) = env.reply_to.as_deref().and_then(|a| a.rsplit_once('@')).map(|(_, d)| d) {
        if sender_of(reply, r) == Sender::Own && reply != domain {
            if let Some(l) = owner_label(reply) {
                labels.push((l, 2.0));
            }
        }
    }
    for (label, weight) in &labels {
        let label = compact(label);
        let mut agreed = false;
        for (key, entry) in votes.iter_mut() {
            let k = key.replace(' ', "");
            // The initials of the name as written, legal words included: "Royal Bank of Canada" → rbc.
            let acronym: String = phrase_words(&entry.0)
                .iter()
                .filter(|w| !CONNECTORS.contains(&w.as_str()))
                .filter_map(|w| w.chars().next())
                .collect();
            let first_word = key.split(' ').next().unwrap_or_default();
            if k == label
                || (k.len() >= 4 && label.starts_with(&k))
                || (label.len() >= 4 && k.contains(label.as_str()))
                || first_word == label
                || (acronym.len() >= 2
                    && (acronym == label || (label.len() == acronym.len() + 1 && label.starts_with(&acronym))))
            {
                entry.1 += weight;
                agreed = true;
            }
        }
        if !agreed {
            // A name in the text that spells the domain ("Banque Nationale" for banquenationale.ca).
            let mut spelled = None;
            for i in 0..words.len() {
                if !capitalised(orig(shown, &words[i])) {
                    continue;
                }
                // Spelled out ("Banque Nationale" for banquenationale.ca) or by initials ("Royal Bank of Canada"
                // for rbc.com).
                let mut acc = String::new();
                let mut initials = String::new();
                for j in i..(i + 6).min(words.len()) {
                    if j > i && !joined(shown, &words[j - 1], &words[j]) {
                        break;
                    }
                    let o = orig(shown, &words[j]);
                    if !capitalised(o) && !CONNECTORS.contains(&words[j].folded.as_str()) {
                        break;
                    }
                    acc.push_str(&words[j].folded);
                    if !CONNECTORS.contains(&words[j].folded.as_str()) {
                        initials.extend(words[j].folded.chars().next());
                    }
                    if acc == label || (j > i && label.len() >= 2 && initials == label) {
                        spelled = Some(span(shown, words, i, j).to_owned());
                        break;
                    }
                }
                if spelled.is_some() {
                    break;
                }
            }
            match spelled {
                Some(name) => vote(&name, weight + 1.0, &mut votes),
                None if *weight >= 3.0 && label.len() > 2 => {
                    let mut name: String = label.clone();
                    if let Some(first) = name.get_mut(..1) {
                        first.make_ascii_uppercase();
                    }
                    // Below any name the text gives: the domain is only the last resort.
                    vote(&name, 0.9, &mut votes);
                }
                None => {}
            }
        }
    }
    let candidates = votes.len();
    let company = votes
        .into_values()
        // An agency names its client in passing ("the role with Acme"): a weak mention is all there is.
        .filter(|(_, s)| *s >= if sender == Sender::Agency { 0.5 } else { 0.9 })
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.len().cmp(&a.0.len())))
        .map(|(n, _)| n);

    // ---- The role.
    let mut role = find_role(shown, words, r, subject_end);
    // A job board's alert or notification lists other employers' jobs: none of them is this e-mail's.
    let mut company = company;
    if kind == MailKind::Unrelated && sender == Sender::Board {
        company = None;
        role = None;
    }
    // Alerts, digests, network notifications and surveys come from a service's mailbox and name many
    // employers, none of them this e-mail's: without a person writing, unrelated mail names no company.
    // The employer's own system (a password reset on its careers site) names itself, and only itself, in
    // the body too.
    if kind == MailKind::Unrelated && (system_mailbox || sender == Sender::Free) && person.is_none() {
        let body: String = words.iter().filter(|w| w.start >= body_start).map(|w| w.folded.as_str()).collect();
        let named_in_body = company.as_deref().is_some_and(|c| body.contains(&compact(&company_key(c))));
        if candidates > 1 || !named_in_body {
            company = None;
        }
    }

    Found { company, role, person, person_email }
}

/// The capitalised words just before word `i` in its sentence, without team words at their end or a
/// greeting at their start, as (first, last) word indices.
fn name_before(shown: &str, words: &[Word], i: usize, r: &Rules) -> Option<(usize, usize)> {
    let sentence = words.get(i)?.sentence;
    let mut a = i;
    while a > 0
        && i - a < 6
        && words[a - 1].sentence == sentence
        && joined(shown, &words[a - 1], &words[a])
        && capitalised(orig(shown, &words[a - 1]))
    {
        a -= 1;
    }
    let mut b = i;
    while b > a && (r.team_words.contains(&words[b - 1].folded) || r.company_after.contains(&words[b - 1].folded)) {
        b -= 1;
    }
    while a < b && (r.not_names.contains(&words[a].folded) || CONNECTORS.contains(&words[a].folded.as_str())) {
        a += 1;
    }
    (a < b).then(|| (a, b - 1))
}

/// A phone's or a mail app's line under a signature ("Sent from my iPhone", "Envoyé de mon iPhone").
fn device_line(text: &str) -> bool {
    let f = phrase_words(text);
    let starts = |p: &[&str]| f.len() >= p.len() && f.iter().zip(p).all(|(a, b)| a == b);
    starts(&["sent", "from", "my"])
        || starts(&["sent", "from", "outlook"])
        || starts(&["sent", "via"])
        || starts(&["get", "outlook"])
        || starts(&["envoye", "de", "mon"])
        || starts(&["envoye", "depuis"])
        || starts(&["obtenir", "outlook"])
        || starts(&["telecharger", "outlook"])
}

/// Like [`joined`] but also across ":" and "," (a phrase then its name: "chez : Acme" is rare, "at: Acme").
fn joined_loose(shown: &str, a: &Word, b: &Word) -> bool {
    let gap = shown.get(a.end..b.start).unwrap_or("\n");
    gap.len() <= 3 && gap.chars().all(|c| matches!(c, ' ' | '\'' | '’' | '"' | '«' | '“' | ',' | ':'))
}

fn trim_connectors<'a>(shown: &'a str, words: &[Word], a: usize, mut b: usize) -> &'a str {
    while b > a && CONNECTORS.contains(&words[b].folded.as_str()) {
        b -= 1;
    }
    span(shown, words, a, b)
}

/// The role named after "poste de", "position of", "application for"…, or before "position" ("the Data
/// Analyst position"); the subject's wins over the body's.
fn find_role(shown: &str, words: &[Word], r: &Rules, subject_end: usize) -> Option<String> {
    // Sorted, for a binary search: words that end a role ("Analyst *at* Acme", "analyste *qui*").
    const STOPS: &[&str] = &[
        "a",
        "afin",
        "are",
        "as",
        "at",
        "au",
        "aupres",
        "avec",
        "because",
        "but",
        "by",
        "car",
        "chez",
        "comporte",
        "dans",
        "demande",
        "dont",
        "elle",
        "est",
        "exige",
        "for",
        "from",
        "had",
        "has",
        "have",
        "here",
        "i",
        "ici",
        "il",
        "implique",
        "in",
        "is",
        "it",
        "je",
        "le",
        "lors",
        "mais",
        "n",
        "ne",
        "necessite",
        "needs",
        "notre",
        "nous",
        "on",
        "ont",
        "our",
        "par",
        "pour",
        "prend",
        "prendra",
        "puisque",
        "que",
        "qui",
        "requiert",
        "requires",
        "s",
        "se",
        "sera",
        "since",
        "so",
        "sont",
        "sur",
        "that",
        "to",
        "via",
        "votre",
        "vous",
        "was",
        "we",
        "were",
        "which",
        "who",
        "will",
        "with",
        "within",
        "would",
        "you",
        "your",
    ];
    debug_assert!(STOPS.windows(2).all(|p| p[0] < p[1]), "STOPS must stay sorted");
    let is_stop = |w: &str| STOPS.binary_search(&w).is_ok();
    let mut found: Vec<(String, f32)> = Vec::new();
    let push = |text: &str, w: f32, found: &mut Vec<(String, f32)>| {
        let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '+' && c != '#');
        // "responsable de rayon en CDI": the kind of contract is not part of the role.
        const CONTRACT: &[&str] = &[
            "cdi",
            "cdd",
            "stage",
            "alternance",
            "permanent",
            "temporaire",
            "contractuel",
            "contract",
            "temporary",
            "internship",
        ];
        let mut pieces: Vec<&str> = t.split_whitespace().collect();
        let mut trimmed = false;
        while pieces.len() > 1 && pieces.last().is_some_and(|p| CONTRACT.contains(&compact(p).as_str())) {
            pieces.pop();
            while pieces.len() > 1
                && pieces.last().is_some_and(|p| matches!(compact(p).as_str(), "en" | "a" | "de" | "in" | "on" | ""))
            {
                pieces.pop();
            }
            trimmed = true;
        }
        let joined_pieces = pieces.join(" ");
        let t = if trimmed { joined_pieces.as_str() } else { t };
        let f = phrase_words(t);
        if f.is_empty() || f.len() > 9 || f.iter().all(|w| r.role_after.contains(w) || CONNECTORS.contains(&w.as_str()))
        {
            return;
        }
        if matches!(
            f[0].as_str(),
            "this" | "our" | "your" | "ce" | "cette" | "votre" | "notre" | "vos" | "nos" | "un" | "une" | "an"
        ) {
            return;
        }
        found.push((t.to_owned(), w));
    };
    for (i, w) in words.iter().enumerate() {
        if !r.names_field(&w.folded) {
            continue;
        }
        let weight = if w.start < subject_end { 2.0 } else { 1.0 };
        for phrase in r.role_before_at(&w.folded) {
            if !phrase_at(words, i, phrase) {
                continue;
            }
            let mut a = i + phrase.len();
            // Skip an article: "for the position of", "poste de la".
            while words
                .get(a)
                .is_some_and(|n| matches!(n.folded.as_str(), "the" | "le" | "la" | "l" | "d" | "a" | "de"))
                && a < i + phrase.len() + 2
            {
                a += 1;
            }
            let Some(first) = words.get(a) else { break };
            let gap = shown.get(words[a - 1].end..first.start).unwrap_or("\n");
            if gap.contains('\n') || first.sentence != w.sentence && !gap.trim().is_empty() && !gap.contains(':') {
                break;
            }
            let mut b = a;
            while b + 1 < words.len() && b + 1 - a < 8 {
                let next = &words[b + 1];
                let g = shown.get(words[b].end..next.start).unwrap_or("\n");
                if !g.chars().all(|c| matches!(c, ' ' | '-' | '\'' | '’' | '/' | '&' | '+'))
                    || g.contains(" - ")
                    || is_stop(&next.folded)
                    || (matches!(next.folded.as_str(), "and" | "et")
                        && words.get(b + 2).is_none_or(|n| is_stop(&n.folded)))
                {
                    break;
                }
                if r.role_after.contains(&next.folded) {
                    break;
                }
                b += 1;
            }
            push(span(shown, words, a, b), weight, &mut found);
            break;
        }
        if r.role_after.contains(&w.folded) && i > 0 {
            let mut a = i;
            while a > 0
                && i - a < 6
                && words[a - 1].sentence == w.sentence
                && joined(shown, &words[a - 1], &words[a])
                && capitalised(orig(shown, &words[a - 1]))
            {
                a -= 1;
            }
            if a < i && a > 0 && matches!(words[a - 1].folded.as_str(), "the" | "this" | "our" | "your") {
                push(span(shown, words, a, i - 1), weight, &mut found);
            }
        }
    }
    // "Votre candidature - Consultant SAP", "Your application: Data Analyst (R-1042)": the subject's piece
    // after the words for an application is the role.
    if let Some(subject) = shown.get(..subject_end) {
        let pieces: Vec<&str> =
            subject.split([':', '|', '–', '—']).flat_map(|p| p.split(" - ")).map(str::trim).collect();
        for pair in pieces.windows(2) {
            let head = phrase_words(pair[0]);
            let head: Vec<&str> =
                head.iter().map(String::as_str).skip_while(|w| matches!(*w, "re" | "tr" | "fw")).collect();
            if matches!(
                head.as_slice(),
                ["votre", "candidature"]
                    | ["ta", "candidature"]
                    | ["your", "application"]
                    | ["application"]
                    | ["candidature"]
            ) {
                let role = pair[1].split(['(', '[', ',']).next().unwrap_or_default();
                push(role, 1.5, &mut found);
            }
        }
    }
    // The most named (the subject counting double); on a tie, the first named.
    let mut totals: Vec<(String, String, f32)> = Vec::new();
    for (t, w) in found {
        let key = phrase_words(&t).join(" ");
        match totals.iter_mut().find(|(k, _, _)| *k == key) {
            Some(e) => e.2 += w,
            None => totals.push((key, t, w)),
        }
    }
    let mut best: Option<(String, f32)> = None;
    for (_, t, w) in totals {
        if best.as_ref().is_none_or(|(_, bw)| w > *bw) {
            best = Some((t, w));
        }
    }
    best.map(|(t, _)| t)
}

/// A forwarded block's "From:" value as (display name, address).
fn forwarded_sender(value: &str) -> Option<(Option<String>, Option<String>)> {
    let value = value.trim();
    if let (Some(lt), Some(gt)) = (value.find('<'), value.rfind('>')) {
        if lt < gt {
            let name = value[..lt].trim().trim_matches('"').trim().to_owned();
            let addr = value[lt + 1..gt].trim().to_lowercase();
            return Some(((!name.is_empty()).then_some(name), Some(addr)));
        }
    }
    if value.contains('@') {
        return Some((None, Some(value.to_lowercase())));
    }
    (!value.is_empty()).then(|| (Some(value.to_owned()), None))
}
