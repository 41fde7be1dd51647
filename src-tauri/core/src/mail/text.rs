//! The body's new part, and its words.
//!
//! A reply carries its history: the employer's answer sits above "On … wrote:", "Le … a écrit :", Outlook's
//! "-----Original Message-----" or its "De : … Envoyé : …" block, and "> " lines. Only the new part says what
//! happened now (the quoted "we'd like to invite you" under a rejection is old news). A forward is the
//! opposite: its own text is empty or a line, and the forwarded message is the news.
//!
//! Words are folded (lower case, no accents, "œ" as "oe") so that rules match however the e-mail was typed;
//! an apostrophe splits a word ("l'entrevue" → "l" "entrevue", "don't" → "don" "t"). Each word keeps its
//! byte offsets in the text the user sees and the number of its sentence, so a rule's gap never crosses
//! from one sentence to the next.

use std::ops::Range;

/// One word as the rules see it.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub folded: String,
    /// Byte offsets in the shown text.
    pub start: usize,
    pub end: usize,
    pub sentence: u32,
}

/// The lines of the body that were written now (byte ranges into the body), and where the quoted history
/// starts, if it does.
#[derive(Debug, Clone, Default)]
pub(crate) struct NewPart {
    pub lines: Vec<Range<usize>>,
    /// The sender named in a forwarded message's header block, when the forwarded message is the news.
    pub forwarded_from: Option<String>,
}

/// What a line tells about the history.
#[derive(PartialEq)]
enum Mark {
    Plain,
    /// A "> " line: skipped, not a cut (bottom posting keeps writing below it).
    Quoted,
    /// The history starts here.
    Cut,
}

const SEPARATORS: &[&str] = &[
    "original message",
    "message d origine",
    "message original",
    "forwarded message",
    "message transfere",
    "mail transfere",
    "courriel transfere",
    "debut du message reexpedie",
    "begin forwarded message",
];

/// Folded, with punctuation as spaces: the form the line tests below compare.
fn plain(line: &str) -> String {
    let mut folded = String::with_capacity(line.len());
    for c in line.chars() {
        fold_char(c, &mut folded, true);
    }
    // Spaces collapsed and trimmed.
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// At most the first `max` bytes of `s`, cut at a character boundary.
fn head(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn header_name(line: &str) -> Option<String> {
    let (name, _) = line.split_once(':')?;
    let name = plain(name);
    (name.len() <= 12).then_some(name)
}

fn is_from_header(line: &str) -> bool {
    matches!(header_name(line).as_deref(), Some("from" | "de" | "expediteur"))
}

fn is_header_after_from(line: &str) -> bool {
    matches!(
        header_name(line).as_deref(),
        Some("sent" | "date" | "envoye" | "envoye le" | "to" | "a" | "subject" | "objet" | "cc")
    )
}

fn mark(lines: &[&str], plains: &[String], i: usize) -> Mark {
    let line = lines[i].trim();
    if line.starts_with('>') {
        return Mark::Quoted;
    }
    let p = &plains[i];
    if line.starts_with("--") || line.starts_with("__") || line.starts_with("**") {
        if SEPARATORS.iter().any(|s| p.contains(s)) {
            return Mark::Cut;
        }
        // Outlook's rule line above its header block.
        if line.starts_with("____") && lines.get(i + 1).is_some_and(|l| is_from_header(l.trim())) {
            return Mark::Cut;
        }
    }
    if SEPARATORS.iter().any(|s| p == s) {
        return Mark::Cut;
    }
    let next = plains.get(i + 1).map(String::as_str).unwrap_or_default();
    if p.starts_with("on ") && (p.ends_with(" wrote") || (!next.is_empty() && next.ends_with("wrote") && p.len() < 200))
    {
        return Mark::Cut;
    }
    if p.starts_with("le ")
        && (p.ends_with(" a ecrit") || (!next.is_empty() && next.ends_with("a ecrit") && p.len() < 200))
    {
        return Mark::Cut;
    }
    // "Jane Doe <jane@acme.com> wrote:", "Marie Tremblay a écrit :" without the date before them.
    if p.len() < 160 && (line.ends_with("wrote:") || line.ends_with("écrit :") || line.ends_with("écrit:")) {
        return Mark::Cut;
    }
    if is_from_header(line) && lines.iter().skip(i + 1).take(4).any(|l| is_header_after_from(l.trim())) {
        return Mark::Cut;
    }
    Mark::Plain
}

/// Whether a line can be (or complete) a quote header or a separator: the only lines worth folding.
fn may_mark(line: &str) -> bool {
    let t = line.trim();
    let end = t.trim_end_matches([':', ' ']);
    t.len() < 80
        || t.starts_with(['-', '_', '*', 'O', 'o', 'L', 'l', 'D', 'd', 'F', 'f', 'E', 'e'])
        || end.ends_with("wrote")
        || end.ends_with("crit")
}

/// The new part of `body`, by lines. `forwarded`: the subject says the e-mail is a forward ("TR:", "Fwd:").
pub(crate) fn new_part(body: &str, forwarded: bool) -> NewPart {
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for l in &lines {
        starts.push(at);
        at += l.len();
    }
    // Each line folded once (a line is compared with the one before it too). A long line cannot be a
    // quote header, so only its start is folded.
    let plains: Vec<String> =
        lines.iter().map(|l| if may_mark(l) { plain(head(l.trim(), 300)) } else { String::new() }).collect();
    let mut kept = Vec::new();
    let mut cut = None;
    for i in 0..lines.len() {
        match mark(&lines, &plains, i) {
            Mark::Plain => kept.push(starts[i]..starts[i] + lines[i].len()),
            Mark::Quoted => {}
            Mark::Cut => {
                cut = Some(i);
                break;
            }
        }
    }
    let Some(cut) = cut else { return NewPart { lines: kept, forwarded_from: None } };
    let own_words: usize = kept.iter().map(|r| body[r.clone()].split_whitespace().count()).sum();
    let forward_mark = ["forward", "transfere", "reexpedie"].iter().any(|w| plains[cut].contains(w));
    // A short reply ("Friday works, see you then!") is still the news; a forward's note is not.
    let is_forward = own_words < 12 && (forward_mark || forwarded) || own_words < 3;
    if !is_forward {
        return NewPart { lines: kept, forwarded_from: None };
    }
    // A forward (or a body with no words of its own): the history is the news. Skip its header block, read its lines
    // with any "> " taken off.
    let mut forwarded_from = None;
    let mut i = cut + 1;
    while i < lines.len() && i < cut + 12 {
        let l = lines[i].trim().trim_start_matches('>').trim();
        if l.is_empty() && forwarded_from.is_some() {
            break;
        }
        if is_from_header(l) {
            forwarded_from = l.split_once(':').map(|(_, v)| v.trim().to_owned());
        } else if !is_header_after_from(l) && !l.is_empty() && forwarded_from.is_some() {
            break;
        }
        i += 1;
    }
    if forwarded_from.is_none() {
        i = cut + 1;
    }
    let mut lines_out = kept;
    for j in i..lines.len() {
        let raw = lines[j];
        let trimmed = raw.trim_start();
        let skip = raw.len() - trimmed.len() + trimmed.bytes().take_while(|&b| b == b'>' || b == b' ').count();
        lines_out.push(starts[j] + skip..starts[j] + raw.len());
    }
    NewPart { lines: lines_out, forwarded_from }
}

/// Appends `c` folded as the tone check folds its text ([`crate::messages::tone::push_folded`]: lower case,
/// accents dropped, ligatures spelled out). With `punct_as_space`, anything that is not a letter or digit
/// becomes a space.
pub(crate) fn fold_char(c: char, out: &mut String, punct_as_space: bool) {
    if punct_as_space && !c.is_alphanumeric() {
        out.push(' ');
    } else {
        crate::messages::tone::push_folded(c, out);
    }
}

/// The words of `text[range]`, numbering sentences from `first_sentence`.
pub(crate) fn words(text: &str, range: Range<usize>, first_sentence: u32) -> Vec<Word> {
    let mut out = Vec::new();
    let mut sentence = first_sentence;
    push_words(text, range, &mut sentence, &mut out);
    out
}

/// The words of the given lines (byte ranges into the body, which starts at `base` in `text`).
pub(crate) fn words_in_lines(text: &str, base: usize, lines: &[Range<usize>], first_sentence: u32) -> Vec<Word> {
    let mut out = Vec::new();
    let mut sentence = first_sentence;
    let mut blank_before = false;
    for r in lines {
        let range = base + r.start..base + r.end;
        let line = text.get(range.clone()).unwrap_or_default();
        if line.trim().is_empty() {
            if !blank_before {
                sentence += 1;
            }
            blank_before = true;
            continue;
        }
        blank_before = false;
        push_words(text, range, &mut sentence, &mut out);
    }
    out
}

fn push_words(text: &str, range: Range<usize>, sentence: &mut u32, out: &mut Vec<Word>) {
    let Some(slice) = text.get(range.clone()) else { return };
    let mut current = String::new();
    let mut start = 0;
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            if current.is_empty() {
                start = i;
            }
            if c.is_ascii() {
                current.push(c.to_ascii_lowercase());
            } else {
                fold_char(c, &mut current, false);
            }
            // An endless "word" (a base64 blob pasted as text) is cut in pieces, so no rule sees it whole.
            if current.len() >= 64 {
                let end = range.start + i + c.len_utf8();
                out.push(Word {
                    folded: std::mem::take(&mut current),
                    start: range.start + start,
                    end,
                    sentence: *sentence,
                });
            }
            continue;
        }
        if !current.is_empty() {
            out.push(Word {
                folded: std::mem::take(&mut current),
                start: range.start + start,
                end: range.start + i,
                sentence: *sentence,
            });
        }
        let ends_sentence =
            matches!(c, '.' | '!' | '?' | ';' | '•') && chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if ends_sentence {
            *sentence += 1;
        }
    }
    if !current.is_empty() {
        out.push(Word { folded: current, start: range.start + start, end: range.end, sentence: *sentence });
    }
}
