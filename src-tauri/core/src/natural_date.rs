//! Reads dates the way people type them, in French (Quebec usage) and English, relative to a given `today`.
//!
//! Words from both languages are accepted whatever the interface language is; `Lang` only decides how an
//! ambiguous all-numeric date is read (`12/11/2026` is day/month in French, month/day in English).
//! Matching ignores case, accents, apostrophes, surrounding spaces and a final period.
//!
//! Forms understood (examples, either language):
//! - `today`, `yesterday`, `tomorrow`, `the day before yesterday`, `aujourd'hui`, `hier`, `avant-hier`, `demain`…
//! - `3 days ago`, `a week ago`, `in two months`, `5 years from now`, `il y a 3 jours`, `dans une semaine`…
//! - `tuesday`, `last tue`, `next tuesday`, `mardi`, `mardi dernier`, `mardi passé`, `mardi prochain`
//! - `Nov 12`, `12 November 2026`, `Nov. 12th, 2026`, `le 1er novembre`, `12 nov.`, `mardi 12 novembre`
//! - `2026-11-12`, `2026-1-5`, `12/11/2026`, `12/11/26`, `12.11.2026`, `12/11`
//!
//! Decisions for ambiguous input:
//! - A weekday alone is the most recent day with that name on or before today (journal entries are mostly
//!   about the past). `last`/`dernier`/`passé` means strictly before today, `next`/`prochain` strictly after.
//! - A day and month without a year fall in the window that ends two months after today: a date more than
//!   two months ahead is taken from last year, one more than ten months back from next year. February 29
//!   without a year is the latest February 29 inside or before that window.
//! - Month and year steps clamp to the end of the month (`1 month ago` on March 31 is February 28 or 29).
//! - Impossible dates (`Feb 30`, `31/11/2026`) are errors; day and month are never swapped to make them fit.
//! - Two-digit years in numeric dates mean 20xx; in written dates the year must have four digits.
//! - A weekday written before a full date (`mardi 12 novembre`) is ignored, not checked against it.

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};

/// Which language decides the order of day and month in all-numeric dates.
pub use crate::vocab::Lang;

/// Why a typed text could not be read as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotADate {
    /// Nothing but spaces or punctuation was typed.
    Empty,
    /// More than `MAX_CHARS` characters.
    TooLong,
    /// The text does not match any known form.
    Unknown,
    /// The form is known but names a day that does not exist, such as February 30.
    ImpossibleDate,
    /// The result would fall outside the calendar chrono supports (for example `99999999999 days ago`).
    OutOfRange,
}

impl fmt::Display for NotADate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotADate::Empty => "no date was typed",
            NotADate::TooLong => "the text is too long to be a date",
            NotADate::Unknown => "the text is not a recognised date",
            NotADate::ImpossibleDate => "this day does not exist",
            NotADate::OutOfRange => "the date is too far away",
        })
    }
}

impl std::error::Error for NotADate {}

/// Longest accepted text, in characters, once surrounding spaces are removed.
const MAX_CHARS: usize = 60;
/// Raw inputs above this many bytes are refused before any scan, so huge pastes cost nothing.
const MAX_RAW_BYTES: usize = 512;

/// Month names and abbreviations in both languages, accents removed; index 0 is January.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan", "janvier", "janv"],
    &["february", "feb", "fevrier", "fevr", "fev"],
    &["march", "mar", "mars"],
    &["april", "apr", "avril", "avr"],
    &["may", "mai"],
    &["june", "jun", "juin"],
    &["july", "jul", "juillet", "juil"],
    &["august", "aug", "aout"],
    &["september", "sep", "sept", "septembre"],
    &["october", "oct", "octobre"],
    &["november", "nov", "novembre"],
    &["december", "dec", "decembre"],
];

/// Weekday names and abbreviations; index 0 is Monday, matching `num_days_from_monday`.
const WEEKDAYS: [&[&str]; 7] = [
    &["monday", "mon", "lundi", "lun"],
    &["tuesday", "tue", "tues", "mardi", "mar"],
    &["wednesday", "wed", "weds", "mercredi", "mer"],
    &["thursday", "thu", "thur", "thurs", "jeudi", "jeu"],
    &["friday", "fri", "vendredi", "ven", "vend"],
    &["saturday", "sat", "samedi", "sam"],
    &["sunday", "sun", "dimanche", "dim"],
];

/// Number words; the index is the value.
const NUMBERS: [&[&str]; 11] = [
    &["zero"],
    &["a", "an", "one", "un", "une"],
    &["two", "deux"],
    &["three", "trois"],
    &["four", "quatre"],
    &["five", "cinq"],
    &["six"],
    &["seven", "sept"],
    &["eight", "huit"],
    &["nine", "neuf"],
    &["ten", "dix"],
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

const UNITS: [(Unit, &[&str]); 4] = [
    (Unit::Day, &["day", "days", "jour", "jours"]),
    (Unit::Week, &["week", "weeks", "wk", "wks", "semaine", "semaines", "sem"]),
    (Unit::Month, &["month", "months", "mo", "mos", "mois"]),
    (Unit::Year, &["year", "years", "yr", "yrs", "an", "ans", "annee", "annees"]),
];

/// Fixed phrases and their offset in days from today.
const FIXED: [(&[&str], i64); 10] = [
    (&["today"], 0),
    (&["aujourdhui"], 0),
    (&["yesterday"], -1),
    (&["hier"], -1),
    (&["tomorrow"], 1),
    (&["demain"], 1),
    (&["avant", "hier"], -2),
    (&["apres", "demain"], 2),
    (&["day", "before", "yesterday"], -2),
    (&["day", "after", "tomorrow"], 2),
];

/// A piece of normalised text: a run of letters and digits, or one of the separators `.`, `/`, `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Sep(char),
}

/// What a typed date means, or why it could not be read.
pub fn parse(input: &str, today: NaiveDate, lang: Lang) -> Result<NaiveDate, NotADate> {
    read(input, today, lang, false)
}

/// Like [`parse`], for a field about the future (a new due date, a snooze): a weekday alone is the
/// next day with that name (today included) and a day and month without a year the next such day (today
/// included). Everything else reads as in [`parse`].
pub fn parse_ahead(input: &str, today: NaiveDate, lang: Lang) -> Result<NaiveDate, NotADate> {
    read(input, today, lang, true)
}

fn read(input: &str, today: NaiveDate, lang: Lang, ahead: bool) -> Result<NaiveDate, NotADate> {
    if input.len() > MAX_RAW_BYTES {
        return Err(NotADate::TooLong);
    }
    let text = input.trim();
    let text = text.strip_suffix('.').unwrap_or(text).trim_end();
    if text.is_empty() {
        return Err(NotADate::Empty);
    }
    if text.chars().nth(MAX_CHARS).is_some() {
        return Err(NotADate::TooLong);
    }
    let tokens = tokenize(text)?;
    if let Some(result) = numeric_date(&tokens, today, lang, ahead) {
        return result;
    }
    // Outside all-numeric dates, separators only split words (`Nov. 12`, `12-nov-2026`).
    let mut words: Vec<&str> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w.as_str()),
            Token::Sep(_) => None,
        })
        .collect();
    if words.is_empty() {
        return Err(NotADate::Empty);
    }
    // Filler words: `le 12 novembre`, `on Nov 12`, `the 12th of November`.
    if words.len() > 1 && matches!(words[0], "le" | "the" | "on") {
        words.remove(0);
    }
    words.retain(|w| *w != "of");
    parse_words(&words, today, ahead)
}

/// Lowercases, removes accents and apostrophes, and splits the text into words and separators.
fn tokenize(text: &str) -> Result<Vec<Token>, NotADate> {
    let chars: Vec<char> = text
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{300}'..='\u{36f}'))
        .map(fold_accent)
        .collect();
    let mut tokens = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            tokens.push(Token::Word(std::mem::take(&mut word)));
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let after = chars.get(i + 1).copied();
        match c {
            c if c.is_whitespace() || c == ',' => {}
            // A hyphen between letters joins words (`avant-hier`): treat it as a space.
            '-' if before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic) => {}
            // A hyphen that starts a number is a minus sign, which no form accepts.
            '-' if !before.is_some_and(char::is_alphanumeric) && after.is_some_and(|a| a.is_ascii_digit()) => {
                return Err(NotADate::Unknown)
            }
            '.' | '/' | '-' => tokens.push(Token::Sep(c)),
            _ => return Err(NotADate::Unknown),
        }
    }
    if !word.is_empty() {
        tokens.push(Token::Word(word));
    }
    Ok(tokens)
}

/// Maps accented Latin letters (already lowercase) to their plain letter.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Reads a short run of digits (at most four, so it always fits).
fn small_number(s: &str) -> Option<u32> {
    (all_digits(s) && s.len() <= 4).then(|| s.parse().ok()).flatten()
}

fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, NotADate> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(NotADate::ImpossibleDate)
}

/// `2026-11-12`, `12/11/2026`, `12.11.26`, `12/11`: `None` when the tokens do not have this shape.
fn numeric_date(tokens: &[Token], today: NaiveDate, lang: Lang, ahead: bool) -> Option<Result<NaiveDate, NotADate>> {
    let groups: Vec<&str> = match tokens {
        [Token::Word(a), Token::Sep(_), Token::Word(b)] => vec![a, b],
        [Token::Word(a), Token::Sep(s), Token::Word(b), Token::Sep(t), Token::Word(c)] if s == t => vec![a, b, c],
        _ => return None,
    };
    if !groups.iter().all(|g| all_digits(g)) {
        return None;
    }
    let short = |g: &str| g.len() <= 2;
    let result = match groups.as_slice() {
        [y, m, d] if y.len() == 4 && short(m) && short(d) => {
            ymd(small_number(y)? as i32, small_number(m)?, small_number(d)?)
        }
        [a, b, rest @ ..] if short(a) && short(b) => {
            let (day, month) = match lang {
                Lang::Fr => (small_number(a)?, small_number(b)?),
                Lang::En => (small_number(b)?, small_number(a)?),
            };
            match rest {
                [] => without_year(month, day, today, ahead),
                [y] if y.len() == 4 => ymd(small_number(y)? as i32, month, day),
                [y] if y.len() == 2 => ymd(2000 + small_number(y)? as i32, month, day),
                _ => Err(NotADate::Unknown),
            }
        }
        _ => Err(NotADate::Unknown),
    };
    Some(result)
}

fn parse_words(words: &[&str], today: NaiveDate, ahead: bool) -> Result<NaiveDate, NotADate> {
    if let Some((_, offset)) = FIXED.iter().find(|(phrase, _)| *phrase == words) {
        let days = Days::new(offset.unsigned_abs());
        let shifted = if *offset < 0 { today.checked_sub_days(days) } else { today.checked_add_days(days) };
        return shifted.ok_or(NotADate::OutOfRange);
    }
    if let Some(result) = relative_amount(words, today) {
        return result;
    }
    if let Some(result) = weekday_phrase(words, today, ahead) {
        return result;
    }
    match calendar_date(words, today, ahead) {
        // `mardi 12 novembre`, `Tuesday, Nov 12, 2026`: a leading weekday name is ignored.
        Err(NotADate::Unknown) if words.len() > 2 && weekday(words[0]).is_some() => {
            calendar_date(&words[1..], today, ahead)
        }
        result => result,
    }
}

/// `3 days ago`, `in a week`, `2 years from now`, `il y a un mois`, `dans 3 jours`.
fn relative_amount(words: &[&str], today: NaiveDate) -> Option<Result<NaiveDate, NotADate>> {
    let (forward, amount, unit) = match words {
        [a, u, "ago"] | ["il", "y", "a", a, u] => (false, a, u),
        ["in" | "dans", a, u] | [a, u, "from", "now"] => (true, a, u),
        _ => return None,
    };
    let unit = UNITS.iter().find(|(_, names)| names.contains(unit))?.0;
    let amount: u64 = if all_digits(amount) {
        match amount.parse() {
            Ok(n) => n,
            Err(_) => return Some(Err(NotADate::OutOfRange)),
        }
    } else {
        NUMBERS.iter().position(|names| names.contains(amount))? as u64
    };
    let days =
        |n: u64| if forward { today.checked_add_days(Days::new(n)) } else { today.checked_sub_days(Days::new(n)) };
    let months = |n: u64| {
        let n = Months::new(u32::try_from(n).ok()?);
        if forward {
            today.checked_add_months(n)
        } else {
            today.checked_sub_months(n)
        }
    };
    let shifted = match unit {
        Unit::Day => days(amount),
        Unit::Week => amount.checked_mul(7).and_then(days),
        Unit::Month => months(amount),
        Unit::Year => amount.checked_mul(12).and_then(months),
    };
    Some(shifted.ok_or(NotADate::OutOfRange))
}

/// Index of a weekday name, Monday = 0.
fn weekday(word: &str) -> Option<u32> {
    WEEKDAYS.iter().position(|names| names.contains(&word)).map(|i| i as u32)
}

/// `tuesday`, `last tuesday`, `next tuesday`, `mardi`, `mardi dernier`, `mardi passé`, `mardi prochain`.
fn weekday_phrase(words: &[&str], today: NaiveDate, ahead: bool) -> Option<Result<NaiveDate, NotADate>> {
    enum Which {
        OnOrAfter,
        OnOrBefore,
        Before,
        After,
    }
    let (name, which) = match words {
        [w] if ahead => (w, Which::OnOrAfter),
        [w] => (w, Which::OnOrBefore),
        ["last", w] | [w, "dernier" | "derniere" | "passe" | "passee"] => (w, Which::Before),
        ["next", w] | [w, "prochain" | "prochaine"] => (w, Which::After),
        _ => return None,
    };
    let target = weekday(name)?;
    let current = today.weekday().num_days_from_monday();
    let back = (current + 7 - target) % 7;
    let forward = (target + 7 - current) % 7;
    let shifted = match which {
        Which::OnOrAfter => today.checked_add_days(Days::new(forward.into())),
        Which::OnOrBefore => today.checked_sub_days(Days::new(back.into())),
        Which::Before => today.checked_sub_days(Days::new(if back == 0 { 7 } else { back.into() })),
        Which::After => today.checked_add_days(Days::new(if forward == 0 { 7 } else { forward.into() })),
    };
    Some(shifted.ok_or(NotADate::OutOfRange))
}

fn month(word: &str) -> Option<u32> {
    MONTHS.iter().position(|names| names.contains(&word)).map(|i| i as u32 + 1)
}

/// A day of the month: one or two digits, optionally with an ordinal ending (`1er`, `2e`, `3rd`, `12th`).
fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let known_suffix = matches!(suffix, "" | "er" | "re" | "e" | "eme" | "st" | "nd" | "rd" | "th");
    small_number(digits).filter(|_| known_suffix && digits.len() <= 2)
}

/// A year written out in full, with four digits.
fn year(word: &str) -> Option<i32> {
    small_number(word).filter(|_| word.len() == 4).map(|y| y as i32)
}

/// `Nov 12`, `12 novembre`, `November 12 2026`, `1er nov 2026`.
fn calendar_date(words: &[&str], today: NaiveDate, ahead: bool) -> Result<NaiveDate, NotADate> {
    let (a, b, rest) = match words {
        [a, b, rest @ ..] if rest.len() <= 1 => (a, b, rest),
        _ => return Err(NotADate::Unknown),
    };
    let (m, d) = match (month(a), day(b), day(a), month(b)) {
        (Some(m), Some(d), _, _) | (_, _, Some(d), Some(m)) => (m, d),
        _ => return Err(NotADate::Unknown),
    };
    match rest {
        [] => without_year(m, d, today, ahead),
        [y] => ymd(year(y).ok_or(NotADate::Unknown)?, m, d),
        _ => Err(NotADate::Unknown),
    }
}

/// Picks the year for a day and month typed without one: the latest occurrence no later than two months
/// after today, so the chosen date lies within the last ten months or the next two; `ahead`, the first
/// occurrence on or after today.
fn without_year(month: u32, day: u32, today: NaiveDate, ahead: bool) -> Result<NaiveDate, NotADate> {
    // 2000 is a leap year, so this only rejects days that never exist (February 30, November 31).
    ymd(2000, month, day)?;
    if ahead {
        let current = today.year();
        return (current..=current.saturating_add(8))
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .find(|date| *date >= today)
            .ok_or(NotADate::OutOfRange);
    }
    let end = today.checked_add_months(Months::new(2)).unwrap_or(NaiveDate::MAX);
    let current = today.year();
    // Leap years are never more than eight years apart, so this range always holds a February 29.
    (current.saturating_sub(8)..=current.saturating_add(1))
        .rev()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|date| *date <= end)
        .ok_or(NotADate::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_about_the_future_read_weekdays_and_yearless_dates_forward() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap(); // a Thursday
        let d = |y, m, day| Ok(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(parse_ahead("friday", today, lang), d(2026, 11, 13));
            assert_eq!(parse_ahead("jeudi", today, lang), d(2026, 11, 12), "today counts");
            assert_eq!(parse_ahead("wednesday", today, lang), d(2026, 11, 18));
            assert_eq!(parse_ahead("Jan 20", today, lang), d(2027, 1, 20));
            assert_eq!(parse_ahead("12 nov", today, lang), d(2026, 11, 12));
            assert_eq!(parse_ahead("11 nov", today, lang), d(2027, 11, 11));
            assert_eq!(parse_ahead("29 feb", today, lang), d(2028, 2, 29));
            assert_eq!(parse_ahead("in 3 days", today, lang), d(2026, 11, 15));
            assert_eq!(parse_ahead("last friday", today, lang), d(2026, 11, 6), "an explicit 'last' stays past");
            // The same words in a field about the past.
            assert_eq!(parse("friday", today, lang), d(2026, 11, 6));
            assert_eq!(parse("Jan 20", today, lang), d(2026, 1, 20));
        }
        assert_eq!(parse_ahead("20/01", today, Lang::Fr), d(2027, 1, 20));
    }

    /// Runs a table of cases. `[2026-11-12 fr en]` sets today (or `min`/`max`) and the languages for the cases
    /// that follow. Cases are `input = expected`, separated by `;`; expected is `yyyy-mm-dd` or a `NotADate` name.
    fn check(table: &str) {
        for section in table.split('[').skip(1) {
            let (header, cases) = section.split_once(']').unwrap();
            let mut header = header.split_whitespace();
            let today = match header.next().unwrap() {
                "min" => NaiveDate::MIN,
                "max" => NaiveDate::MAX,
                date => date.parse().unwrap(),
            };
            let langs: Vec<Lang> = header.map(|l| if l == "fr" { Lang::Fr } else { Lang::En }).collect();
            assert!(!langs.is_empty());
            for case in cases.split(';').filter(|case| !case.trim().is_empty()) {
                let (input, want) = case.rsplit_once('=').unwrap();
                for &lang in &langs {
                    let got = match parse(input, today, lang) {
                        Ok(date) => date.to_string(),
                        Err(e) => format!("{e:?}"),
                    };
                    assert_eq!(got, want.trim(), "{:?} with today = {today}, {lang:?}", input.trim());
                }
            }
        }
    }

    // 2026-11-12 is a Thursday.

    /// Declares one test per table; each runs `check` on its table.
    macro_rules! tables {
        ($($name:ident: $table:literal)*) => { $(#[test] fn $name() { check($table); })* };
    }

    tables! {
        fixed_words: "[2026-11-12 fr en]
            today = 2026-11-12; Today. = 2026-11-12; yesterday = 2026-11-11; tomorrow = 2026-11-13;
            the day before yesterday = 2026-11-10; day after tomorrow = 2026-11-14; aujourd'hui = 2026-11-12;
            Aujourd’hui = 2026-11-12; aujourdhui = 2026-11-12; AUJOURD'HUI. = 2026-11-12; hier = 2026-11-11;
            avant-hier = 2026-11-10; avant hier = 2026-11-10; demain = 2026-11-13; après-demain = 2026-11-14;
            apres-demain = 2026-11-14; Après  demain = 2026-11-14"
        english_amounts: "[2026-11-12 fr en]
            3 days ago = 2026-11-09; 0 days ago = 2026-11-12; 1 day ago = 2026-11-11; a week ago = 2026-11-05;
            two weeks ago = 2026-10-29; ten days ago = 2026-11-02; a month ago = 2026-10-12; 6 months ago = 2026-05-12;
            a year ago = 2025-11-12; 3 years ago = 2023-11-12; in 3 days = 2026-11-15; in two weeks = 2026-11-26;
            in a month = 2026-12-12; in 2 wks = 2026-11-26; 10 days from now = 2026-11-22"
        french_amounts: "[2026-11-12 fr en]
            il y a 3 jours = 2026-11-09; Il y a une semaine = 2026-11-05; il y a 2 semaines = 2026-10-29;
            il y a un mois = 2026-10-12; il y a sept jours = 2026-11-05; il y a dix jours = 2026-11-02;
            il y a deux ans = 2024-11-12; il y a 1 an = 2025-11-12; il y a trois années = 2023-11-12;
            dans 3 jours = 2026-11-15; dans une semaine = 2026-11-19; dans quatre mois = 2027-03-12"
        english_weekdays: "[2026-11-12 fr en]
            thursday = 2026-11-12; Tuesday = 2026-11-10; tues = 2026-11-10; tue. = 2026-11-10; wed = 2026-11-11;
            thurs = 2026-11-12; thur = 2026-11-12; friday = 2026-11-06; Sat = 2026-11-07; last tuesday = 2026-11-10;
            last thursday = 2026-11-05; last sun = 2026-11-08; last fri = 2026-11-06; next tuesday = 2026-11-17;
            next thursday = 2026-11-19; next fri = 2026-11-13; next monday = 2026-11-16"
        french_weekdays: "[2026-11-12 fr en]
            jeudi = 2026-11-12; mardi = 2026-11-10; mar = 2026-11-10; vendredi = 2026-11-06; dimanche = 2026-11-08;
            Mercredi = 2026-11-11; mardi dernier = 2026-11-10; mardi passé = 2026-11-10; jeudi dernier = 2026-11-05;
            jeudi passé = 2026-11-05; lundi passé = 2026-11-09; mardi prochain = 2026-11-17;
            jeudi prochain = 2026-11-19; vendredi prochain = 2026-11-13"
        weekdays_when_today_has_that_name: "[2027-01-05 fr en]
            tuesday = 2027-01-05; mardi = 2027-01-05; last tuesday = 2026-12-29; mardi dernier = 2026-12-29;
            next tuesday = 2027-01-12; mardi prochain = 2027-01-12; sunday = 2027-01-03; wednesday = 2026-12-30"
        weekdays_across_year_and_month_ends: "[2027-01-02 fr en]
            last Thursday = 2026-12-31; jeudi dernier = 2026-12-31; next monday = 2027-01-04; saturday = 2027-01-02;
            last saturday = 2026-12-26; yesterday = 2027-01-01; hier = 2027-01-01
            [2026-12-01 fr en] last monday = 2026-11-30; lundi = 2026-11-30
            [2026-12-31 fr en] next friday = 2027-01-01; vendredi prochain = 2027-01-01"
        english_month_names: "[2026-11-12 fr en]
            Nov 12 = 2026-11-12; November 12 = 2026-11-12; 12 Nov = 2026-11-12; Nov. 12 = 2026-11-12;
            Nov.12 = 2026-11-12; Nov 12th = 2026-11-12; Nov 12, 2026 = 2026-11-12; 12 November 2026 = 2026-11-12;
            the 12th of November = 2026-11-12; on Nov 3 = 2026-11-03; Sept 1st = 2026-09-01;
            March 2nd 2024 = 2024-03-02; aug 23rd = 2026-08-23; 12-nov-2026 = 2026-11-12;
            Tuesday, November 10, 2026 = 2026-11-10; Tue Nov 10 = 2026-11-10; mar 12 = 2026-03-12"
        french_month_names: "[2026-11-12 fr en]
            12 nov. = 2026-11-12; 12 novembre = 2026-11-12; le 12 novembre = 2026-11-12; 12 novembre 2026 = 2026-11-12;
            1er novembre = 2026-11-01; le 1er nov. = 2026-11-01; mardi 10 novembre = 2026-11-10;
            le mardi 10 novembre 2026 = 2026-11-10; 3 janv. 2026 = 2026-01-03; 3 févr. 2026 = 2026-02-03;
            3 fevr 2026 = 2026-02-03; 31 mars = 2026-03-31; 4 avr. = 2026-04-04; 30 mai = 2026-05-30;
            21 juin = 2026-06-21; 5 juil. 2025 = 2025-07-05; 15 août = 2026-08-15; 15 AOUT = 2026-08-15;
            12 sept. = 2026-09-12; 2 oct = 2026-10-02; 2 déc. = 2026-12-02; 25 décembre = 2026-12-25;
            2e mai = 2026-05-02; Fe\u{301}vrier 3 = 2026-02-03; 3 FÉVRIER = 2026-02-03"
        numeric_dates_follow_the_language: "[2026-11-12 fr]
            12/11/2026 = 2026-11-12; 12.11.2026 = 2026-11-12; 12-11-2026 = 2026-11-12; 12/11 = 2026-11-12;
            12/11/26 = 2026-11-12; 1/2/2027 = 2027-02-01; 11/25/2026 = ImpossibleDate; 31/11/2026 = ImpossibleDate
            [2026-11-12 en] 11/12/2026 = 2026-11-12; 11/12 = 2026-11-12; 11/12/26 = 2026-11-12; 1/2/2027 = 2027-01-02;
            12/11/2026 = 2026-12-11; 11/25/2026 = 2026-11-25; 11/31/2026 = ImpossibleDate"
        iso_dates_in_both_languages: "[2026-11-12 fr en]
            2026-11-12 = 2026-11-12; 2026-1-5 = 2026-01-05; 2026/01/05 = 2026-01-05; 2028-02-29 = 2028-02-29;
            1999-12-31.  = 1999-12-31; 2026-02-30 = ImpossibleDate"
        either_language_words_whatever_the_setting: "[2026-11-12 en]
            hier = 2026-11-11; 12 novembre = 2026-11-12; mardi dernier = 2026-11-10
            [2026-11-12 fr] yesterday = 2026-11-11; Nov 12 = 2026-11-12; last tuesday = 2026-11-10"
        month_steps_clamp_to_the_end_of_the_month: "[2026-03-31 fr en]
            a month ago = 2026-02-28; 2 months ago = 2026-01-31; il y a un mois = 2026-02-28; in 1 month = 2026-04-30
            [2028-03-31 fr en] il y a 1 mois = 2028-02-29
            [2027-01-31 fr en] dans un mois = 2027-02-28
            [2026-11-30 fr en] in 1 day = 2026-12-01; tomorrow = 2026-12-01
            [2026-12-31 fr en] tomorrow = 2027-01-01; in a week = 2027-01-07"
        leap_years: "[2028-02-29 fr en]
            il y a 1 an = 2027-02-28; a year ago = 2027-02-28; in 4 years = 2032-02-29; 12 months ago = 2027-02-28;
            yesterday = 2028-02-28; tomorrow = 2028-03-01; Feb 29 = 2028-02-29; 29 février 2028 = 2028-02-29;
            Feb 29 2027 = ImpossibleDate; 2027-02-29 = ImpossibleDate
            [2028-01-15 fr en] 29 février = 2028-02-29
            [2027-06-01 fr en] Feb 29 = 2024-02-29"
        // From ten months back to two months ahead of today.
        no_year_window: "[2027-01-05 fr en]
            Dec 28 = 2026-12-28; 28 déc. = 2026-12-28
            [2027-01-05 fr] 28/12 = 2026-12-28
            [2026-12-20 fr en] Jan 3 = 2027-01-03; 3 janv. = 2027-01-03; Feb 20 = 2027-02-20; Feb 21 = 2026-02-21
            [2026-12-20 en] 1/3 = 2027-01-03
            [2026-11-12 fr en] Jan 12 = 2027-01-12; Jan 13 = 2026-01-13; Dec 25 = 2026-12-25"
        impossible_dates_are_errors: "[2026-11-12 fr en]
            Feb 30 = ImpossibleDate; 31 novembre = ImpossibleDate; Nov 31 2026 = ImpossibleDate;
            Nov 32 = ImpossibleDate; 0 nov = ImpossibleDate; 2026-13-01 = ImpossibleDate; 13/13/2026 = ImpossibleDate;
            31/31 = ImpossibleDate; 30/2 = ImpossibleDate"
        unreadable_text_is_an_error: "[2026-11-12 fr en]
            = Empty; = Empty; . = Empty; .. = Empty; hello = Unknown; nov = Unknown; of = Unknown; Nov 2026 = Unknown;
            3 days = Unknown; in 3 fortnights = Unknown; -3 days ago = Unknown; in -3 days = Unknown;
            3.5 days ago = Unknown; il y a onze jours = Unknown; last month = Unknown; 12 nov 26 = Unknown;
            2026-11 = Unknown; 123/11/2026 = Unknown; 12/11-2026 = Unknown; 12/11/2026/1 = Unknown; 🙂 = Unknown;
            日曜日 = Unknown; today! = Unknown; ١٢/١١/٢٠٢٦ = Unknown"
        overflow_is_an_error: "[2026-11-12 fr en]
            99999999999 days ago = OutOfRange; in 99999999999 weeks = OutOfRange;
            99999999999999999999999999 days ago = OutOfRange; in 4294967296 months = OutOfRange;
            in 2147483648 months = OutOfRange; il y a 999999999 ans = OutOfRange;
            in 18446744073709551615 weeks = OutOfRange
            [max fr en] tomorrow = OutOfRange; next monday = OutOfRange; in 1 month = OutOfRange
            [min fr en] yesterday = OutOfRange; il y a 1 mois = OutOfRange; a year ago = OutOfRange"
    }

    #[test]
    fn length_limits() {
        let (a61, e61, e60, x) = ("a".repeat(61), "é".repeat(61), "é".repeat(60), "x".repeat(1_000_000));
        let spaces = " ".repeat(200);
        check(&format!("[2026-11-12 fr en] {a61} = TooLong; {e61} = TooLong; {x} = TooLong; {e60} = Unknown"));
        check(&format!("[2026-11-12 fr en] {spaces}today{spaces} = 2026-11-12"));
    }

    #[test]
    fn errors_have_messages() {
        assert_eq!(NotADate::ImpossibleDate.to_string(), "this day does not exist");
        let boxed: Box<dyn std::error::Error> = Box::new(NotADate::Unknown);
        assert!(!boxed.to_string().is_empty());
    }

    /// Small deterministic generator, so the robustness test needs no extra crate.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self, bound: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % bound as u64) as usize
        }
    }

    #[test]
    fn odd_input_never_panics() {
        const PIECES: [&str; 40] = [
            "",
            " ",
            "  ",
            ".",
            "/",
            "-",
            ",",
            "'",
            "’",
            "\u{301}",
            "é",
            "É",
            "İ",
            "ß",
            "🙂",
            "日",
            "٣",
            "\0",
            "\t",
            "0",
            "1",
            "12",
            "31",
            "2026",
            "99999999999",
            "18446744073709551616",
            "-1",
            "1er",
            "12th",
            "ago",
            "il y a",
            "dans",
            "in",
            "last",
            "mardi",
            "nov",
            "février",
            "days",
            "ans",
            "Feb 29",
        ];
        let todays = ["2026-11-12", "2028-02-29", "2026-12-31"].map(|d| d.parse().unwrap());
        let todays = [todays[0], todays[1], todays[2], NaiveDate::MIN, NaiveDate::MAX];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..rng.next(9) {
                text.push_str(PIECES[rng.next(PIECES.len())]);
                // Now and then any Unicode scalar value at all (`from_u32` skips surrogates).
                if rng.next(4) == 0 {
                    text.extend(char::from_u32(rng.next(0x11_0000) as u32));
                }
                if rng.next(3) == 0 {
                    text.push(' ');
                }
            }
            let today = todays[rng.next(todays.len())];
            for lang in [Lang::Fr, Lang::En] {
                let result = parse(&text, today, lang);
                if text.trim().chars().count() <= MAX_CHARS {
                    assert_ne!(result, Err(NotADate::TooLong), "{text:?}");
                }
            }
        }
    }
}
