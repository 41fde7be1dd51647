//! From what the user gives to an envelope: the sender, the subject, the `Date:` header's local day and the
//! body as plain text. A raw `.eml` (or pasted text that starts with RFC 5322 headers) goes through
//! `mail-parser`, which decodes encoded words, quoted-printable, base64 and single-byte charsets; a French
//! mail client's pasted header block ("De : … Objet : …") is read here; anything else is all body.

use chrono::NaiveDate;
use mail_parser::{MessageParser, PartType};

/// What the rest of the reading needs from an e-mail.
#[derive(Debug, Default, Clone)]
pub(crate) struct Envelope {
    /// The sender's display name, if any ("Acme Careers", "Marie Tremblay").
    pub from_name: Option<String>,
    /// The sender's address, lower case.
    pub from_addr: Option<String>,
    /// The Reply-To address, lower case, when there is one.
    pub reply_to: Option<String>,
    pub subject: String,
    /// The `Date:` header's day as written, in its own offset.
    pub date: Option<NaiveDate>,
    /// A day without its year, as some clients copy it: the reader places it on or before today.
    pub month_day: Option<(u32, u32)>,
    /// Plain text, lines ending in `\n`.
    pub body: String,
}

/// RFC 5322 header names that mark the start of a raw message or of headers copied with it.
const RFC_HEADERS: &[&str] = &[
    "from",
    "to",
    "subject",
    "date",
    "received",
    "return-path",
    "mime-version",
    "message-id",
    "delivered-to",
    "content-type",
    "reply-to",
    "sender",
    "cc",
    "x-mailer",
    "dkim-signature",
    "arc-seal",
    "authentication-results",
    "sent",
];

/// Header names a French (or English) mail client writes when a message is copied or forwarded.
const PASTED_HEADERS: &[(&str, Field)] = &[
    ("de", Field::From),
    ("from", Field::From),
    ("expediteur", Field::From),
    ("objet", Field::Subject),
    ("subject", Field::Subject),
    ("sujet", Field::Subject),
    ("a", Field::Other),
    ("to", Field::Other),
    ("cc", Field::Other),
    ("date", Field::Date),
    ("envoye", Field::Date),
    ("envoye le", Field::Date),
    ("sent", Field::Date),
    ("importance", Field::Other),
];

#[derive(Clone, Copy, PartialEq)]
enum Field {
    From,
    Subject,
    Date,
    Other,
}

/// Takes the e-mail apart. Never fails: what cannot be read as a message is read as a body.
pub(crate) fn envelope(text: &str) -> Envelope {
    let start = text.trim_start_matches(['\u{feff}', '\r', '\n', ' ', '\t']);
    if starts_with_rfc_header(start) {
        if let Some(env) = parse_rfc(start.as_bytes(), true) {
            return env;
        }
    }
    pasted(start)
}

/// Takes apart the bytes of a file: a raw message is parsed as bytes (its parts say their charsets); anything
/// else is read as UTF-8, or as windows-1252 when it is not UTF-8.
pub(crate) fn envelope_bytes(bytes: &[u8]) -> Envelope {
    let skip = bytes.iter().take_while(|b| matches!(b, b'\r' | b'\n' | b' ' | b'\t')).count();
    let bytes = bytes.get(skip..).unwrap_or_default();
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf][..]).unwrap_or(bytes);
    let head_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len()).min(200);
    if starts_with_rfc_header(&String::from_utf8_lossy(&bytes[..head_end])) {
        if let Some(env) = parse_rfc(bytes, true) {
            return env;
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => pasted(text),
        Err(_) => pasted(&bytes.iter().map(|&b| char::from(b)).collect::<String>()),
    }
}

/// Whether the first line is `Name: value` with a header name of RFC 5322 (or a mailbox's `From ` line).
fn starts_with_rfc_header(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    if first.starts_with("From ") && first.contains('@') {
        return true;
    }
    match first.split_once(':') {
        Some((name, _)) => {
            let name = name.to_ascii_lowercase();
            RFC_HEADERS.contains(&name.as_str())
                || (name.starts_with("x-") && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        }
        None => false,
    }
}

fn parse_rfc(raw: &[u8], open_attached: bool) -> Option<Envelope> {
    let msg = MessageParser::default().parse(raw)?;
    Some(from_message(&msg, open_attached))
}

/// The envelope of a parsed message. `open_attached`: whether a message attached to it may be read (one
/// level only: a thousand nested messages cost one more step at most).
fn from_message(msg: &mail_parser::Message<'_>, open_attached: bool) -> Envelope {
    let from = msg.from().and_then(|a| a.first());
    let date = msg.date().and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()));
    let mut body = String::new();
    if let Some(part) = msg.text_part(0) {
        match &part.body {
            PartType::Text(t) => body = t.to_string(),
            PartType::Html(h) => body = html_to_text(h),
            _ => {}
        }
    }
    // A plain part that is only a stub ("View this e-mail in a browser") beside the real HTML one.
    if let Some(PartType::Html(h)) = msg.html_part(0).map(|p| &p.body) {
        if body.trim().len() < 200 {
            let from_html = html_to_text(h);
            if from_html.trim().len() > 2 * body.trim().len() {
                body = from_html;
            }
        }
    }
    // A message forwarded as an attachment, with nothing (or a line) around it: the attached one is the news.
    if open_attached && body.split_whitespace().nth(11).is_none() {
        let nested = msg.parts.iter().find_map(|p| match &p.body {
            PartType::Message(m) => Some(m),
            _ => None,
        });
        if let Some(inner) = nested.map(|m| from_message(m, false)) {
            if !inner.body.trim().is_empty() {
                body = format!("{}\n{}", body.trim_end(), inner.body);
            }
        }
    }
    // A pasted reply whose headers are Outlook's ("Sent:" instead of "Date:") still has a day.
    // A Date header a person typed or a client wrote loosely ("Tue, Nov 3, 2026 at 4:42 PM") is read as such.
    let date = date
        .or_else(|| msg.header_raw("Date").and_then(|v| loose_date(v.trim())))
        .or_else(|| msg.header_raw("Sent").and_then(|v| loose_date(v.trim())));
    Envelope {
        from_name: from.and_then(|a| a.name()).map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
        from_addr: from.and_then(|a| a.address()).map(|a| a.trim().to_lowercase()),
        reply_to: msg.reply_to().and_then(|a| a.first()).and_then(|a| a.address()).map(|a| a.trim().to_lowercase()),
        subject: msg.subject().unwrap_or_default().trim().to_owned(),
        date,
        month_day: None,
        body: normalise_lines(&body),
    }
}

/// Pasted text: an optional block of "Name : value" lines from a mail client, then the body.
fn pasted(text: &str) -> Envelope {
    let text = normalise_lines(text);
    let lines: Vec<&str> = text.split_inclusive('\n').take(40).collect();
    let mut env = Envelope::default();
    let mut body_start = 0;
    if let Some(consumed) = header_block(&lines, 0, &mut env) {
        body_start = lines[..consumed].iter().map(|l| l.len()).sum();
    } else if !gmail_header(&lines, &mut env, &mut body_start) {
        // A forward pasted with its separator or a line of note above it: the forwarded message's header block
        // names the sender and the day; the body stays whole, for the reader to take the forwarded part as news.
        let mut words_before = 0;
        for i in 1..lines.len().min(16) {
            words_before += lines[i - 1].split_whitespace().count();
            if words_before >= 12 {
                break;
            }
            let mut found = Envelope::default();
            if header_block(&lines, i, &mut found).is_some() && (found.from_addr.is_some() || found.from_name.is_some())
            {
                env = found;
                break;
            }
        }
    }
    env.body = text.get(body_start..).unwrap_or_default().to_owned();
    env
}

/// Reads consecutive header lines from `lines[at]` into `env`; how many lines it took (with the blank line
/// after it), when at least one was a header.
fn header_block(lines: &[&str], at: usize, env: &mut Envelope) -> Option<usize> {
    let mut i = at;
    while let Some(line) = lines.get(i) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return (i > at).then_some(i + 1);
        }
        let Some((name, value)) = trimmed.split_once(':') else { break };
        let key = crate::journal::fold(name);
        let Some(&(_, field)) = PASTED_HEADERS.iter().find(|(k, _)| *k == key.trim()) else { break };
        let value = value.trim();
        match field {
            Field::From => {
                let (name, addr) = split_mailbox(value);
                env.from_name = name;
                env.from_addr = addr;
            }
            Field::Subject => env.subject = value.to_owned(),
            Field::Date => {
                env.date = env.date.or_else(|| loose_date(value));
                env.month_day = env.month_day.or_else(|| loose_month_day(value));
            }
            Field::Other => {}
        }
        i += 1;
    }
    (i > at).then_some(i)
}

/// What Gmail copies: "Jane Doe <jane@acme.com>", then the date (the year only when it is not this one), then
/// "to me".
fn gmail_header(lines: &[&str], env: &mut Envelope, body_start: &mut usize) -> bool {
    let (Some(first), Some(second)) = (lines.first(), lines.get(1)) else { return false };
    let (name, addr) = split_mailbox(first.trim());
    if addr.is_none() || !first.trim().ends_with('>') {
        return false;
    }
    let date = loose_date(second.trim());
    let month_day = loose_month_day(second.trim());
    if date.is_none() && month_day.is_none() {
        return false;
    }
    env.from_name = name;
    env.from_addr = addr;
    env.date = date;
    env.month_day = month_day;
    *body_start = first.len() + second.len();
    if let Some(third) = lines.get(2) {
        let t = crate::journal::fold(third.trim());
        if t.starts_with("to ") || t == "to me" || t.starts_with("a ") || t == "a moi" || t == "moi" {
            *body_start += third.len();
        }
    }
    true
}

/// A month and a day written without a year ("Tue, Nov 3, 4:42 PM", "3 nov. à 16 h 42").
fn loose_month_day(value: &str) -> Option<(u32, u32)> {
    let folded = crate::journal::fold(value);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(8).collect();
    let mi = words.iter().position(|w| month_number(w).is_some())?;
    let month = month_number(words[mi])?;
    let day_at = |i: usize| {
        words
            .get(i)
            .and_then(|w| w.strip_suffix("er").unwrap_or(w).parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d))
    };
    let day = mi.checked_sub(1).and_then(day_at).or_else(|| day_at(mi + 1))?;
    Some((month, day))
}

/// "Marie Tremblay <marie@acme.ca>" → (name, address); a bare address has no name.
fn split_mailbox(value: &str) -> (Option<String>, Option<String>) {
    let clean = |s: &str| s.trim().trim_matches(['"', '\'', ' ']).to_owned();
    if let (Some(lt), Some(gt)) = (value.find('<'), value.rfind('>')) {
        if lt < gt {
            let name = clean(&value[..lt]);
            let addr = value[lt + 1..gt].trim().to_lowercase();
            return ((!name.is_empty()).then_some(name), addr.contains('@').then_some(addr));
        }
    }
    if value.contains('@') && !value.contains(' ') {
        (None, Some(value.to_lowercase()))
    } else {
        let name = clean(value);
        ((!name.is_empty()).then_some(name), None)
    }
}

/// A day from a date written by a person or a mail client: RFC 2822 first, then "3 novembre 2026",
/// "November 3, 2026", "2026-11-03", with or without a weekday and a time.
pub(crate) fn loose_date(value: &str) -> Option<NaiveDate> {
    for parsed in [mail_parser::DateTime::parse_rfc822(value), mail_parser::DateTime::parse_rfc3339(value)] {
        if let Some(day) = parsed.and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())) {
            return Some(day);
        }
    }
    // "11/03/2026": month first when it can be (a mail client in English), else day first.
    if let Some(day) = slashed_date(value) {
        return Some(day);
    }
    let folded = crate::journal::fold(value);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(12).collect();
    let mut year = None;
    let mut month = None;
    let mut day = None;
    for (i, w) in words.iter().enumerate() {
        if let Some(m) = month_number(w) {
            month = month.or(Some(m));
        } else if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            year = year.or(w.parse::<i32>().ok());
        } else if let Some(n) = w.strip_suffix("er").unwrap_or(w).parse::<u32>().ok().filter(|n| (1..=31).contains(n)) {
            // An ISO date is split into three numbers: year, month, day.
            if year.is_some() && month.is_none() && i > 0 && words[i - 1].len() == 4 {
                month = Some(n);
            } else if day.is_none() {
                day = Some(n);
            }
        }
    }
    NaiveDate::from_ymd_opt(year?, month?, day?)
}

fn slashed_date(value: &str) -> Option<NaiveDate> {
    let token = value.split_whitespace().find(|t| t.matches('/').count() == 2)?;
    let mut parts = token.trim_end_matches(',').split('/').map(|p| p.parse::<u32>().ok());
    let (a, b, y) = (parts.next()??, parts.next()??, parts.next()??);
    let y = i32::try_from(if y < 100 { 2000 + y } else { y }).ok()?;
    NaiveDate::from_ymd_opt(y, a, b).or_else(|| NaiveDate::from_ymd_opt(y, b, a))
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [(&str, &str, &str); 12] = [
        ("janvier", "january", "jan"),
        ("fevrier", "february", "feb"),
        ("mars", "march", "mar"),
        ("avril", "april", "apr"),
        ("mai", "may", "may"),
        ("juin", "june", "jun"),
        ("juillet", "july", "jul"),
        ("aout", "august", "aug"),
        ("septembre", "september", "sep"),
        ("octobre", "october", "oct"),
        ("novembre", "november", "nov"),
        ("decembre", "december", "dec"),
    ];
    let n = MONTHS.iter().position(|(fr, en, short)| {
        word == *fr || word == *en || word == *short || word == "sept" && *short == "sep"
    })?;
    u32::try_from(n + 1).ok()
}

/// CRLF and CR become LF; no-break spaces become spaces.
fn normalise_lines(text: &str) -> String {
    if !text.contains('\r') && !text.contains('\u{a0}') && !text.contains('\u{202f}') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{a0}' | '\u{202f}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Tags after which HTML starts a new line when shown as text.
const BLOCK_TAGS: &[&str] =
    &["div", "p", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "ul", "ol", "hr", "section"];

/// HTML as plain text: a new line at each block (mail-parser's converter breaks only at `<br>` and `</p>`,
/// and signatures are often one `<div>` per line), entities decoded, styles and scripts dropped.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut marked = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        marked.push_str(&rest[..lt]);
        let tag = &rest[lt + 1..];
        let name_start = usize::from(tag.starts_with('/'));
        let name: String = tag[name_start..].chars().take_while(|c| c.is_ascii_alphanumeric()).take(12).collect();
        if BLOCK_TAGS.iter().any(|b| b.eq_ignore_ascii_case(&name)) {
            marked.push_str("<br>");
        } else if name.eq_ignore_ascii_case("td") && name_start == 0 {
            marked.push_str("&#32;");
        }
        marked.push('<');
        rest = tag;
    }
    marked.push_str(rest);
    let text = mail_parser::decoders::html::html_to_text(&marked);
    // Collapse the runs of empty lines that nested blocks leave.
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line.trim_start());
        out.push('\n');
    }
    out
}
