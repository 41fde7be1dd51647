//! Checks on what the user typed, gathered field by field so that a form shows every problem at once.
//! Nothing is written until the whole input passes.

use chrono::{Months, NaiveDate};

use crate::error::{Error, FieldError, Problem, Result};
use crate::vocab::Term;

/// Longest one-line field (company, role, name…), in characters.
pub const MAX_LINE: usize = 200;
/// Longest free-text note (reason, reflection), in characters.
pub const MAX_NOTE: usize = 10_000;

/// Refuses a text longer than `max` characters, counting lazily (a 100 MB paste stops at `max + 1`). Every
/// text that crosses the bridge without a form around it (a search, a message to check or copy) goes
/// through this before any work is done on it.
pub fn within(field: &str, text: &str, max: usize) -> Result<()> {
    if text.chars().nth(max).is_some() {
        Err(Error::invalid(field, Problem::TooLong { max }))
    } else {
        Ok(())
    }
}

/// Collects field errors while cleaning values.
pub struct Checker {
    today: NaiveDate,
    errors: Vec<FieldError>,
}

impl Checker {
    /// A checker that judges dates against `today` (the user's local calendar day).
    pub fn new(today: NaiveDate) -> Self {
        Checker { today, errors: Vec::new() }
    }

    fn fail(&mut self, field: &str, problem: Problem) {
        self.errors.push(FieldError { field: field.to_owned(), problem });
    }

    /// A one-line text: trimmed, at most [`MAX_LINE`] characters, no control characters at all.
    pub fn line(&mut self, field: &str, value: &str, required: bool) -> String {
        let v = value.trim();
        if v.is_empty() {
            if required {
                self.fail(field, Problem::Required);
            }
        } else if v.chars().count() > MAX_LINE {
            self.fail(field, Problem::TooLong { max: MAX_LINE });
        } else if v.chars().any(char::is_control) {
            self.fail(field, Problem::ControlCharacter);
        }
        v.to_owned()
    }

    /// A note: at most [`MAX_NOTE`] characters; newlines and tabs allowed, other control characters not.
    pub fn note(&mut self, field: &str, value: &str) -> String {
        let v = value.trim_end();
        // Count lazily: a 1 MB paste stops at the first character over the limit.
        if v.chars().nth(MAX_NOTE).is_some() {
            self.fail(field, Problem::TooLong { max: MAX_NOTE });
        } else if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            self.fail(field, Problem::ControlCharacter);
        }
        v.to_owned()
    }

    /// A date as people type it (`2026-11-12`, "yesterday", «il y a 3 jours», "Nov 12"…; see
    /// [`crate::natural_date`]), no more than a year after today. Empty gives `None` (an error if required).
    /// All-numeric dates such as `12/11/2026` read differently in French and English: the window resolves them
    /// in the user's language before sending (`read_date`), and here one that reads two ways is refused.
    pub fn date(&mut self, field: &str, value: &str, required: bool) -> Option<NaiveDate> {
        self.read_date(field, value, required, crate::natural_date::parse)
    }

    /// Like [`Checker::date`], for a field about the future (a new due date, a snooze): "friday" and
    /// "Jan 20" are the next such days ([`crate::natural_date::parse_ahead`]).
    pub fn date_ahead(&mut self, field: &str, value: &str, required: bool) -> Option<NaiveDate> {
        self.read_date(field, value, required, crate::natural_date::parse_ahead)
    }

    fn read_date(
        &mut self,
        field: &str,
        value: &str,
        required: bool,
        parse: fn(&str, NaiveDate, crate::vocab::Lang) -> Result<NaiveDate, crate::natural_date::NotADate>,
    ) -> Option<NaiveDate> {
        let v = value.trim();
        if v.is_empty() {
            if required {
                self.fail(field, Problem::Required);
            }
            return None;
        }
        use crate::vocab::Lang;
        let parsed = match (parse(v, self.today, Lang::Fr), parse(v, self.today, Lang::En)) {
            (Ok(a), Ok(b)) => (a == b).then_some(a),
            (Ok(a), Err(_)) | (Err(_), Ok(a)) => Some(a),
            (Err(_), Err(_)) => None,
        };
        let Some(date) = parsed else {
            self.fail(field, Problem::NotADate);
            return None;
        };
        let limit = self.today.checked_add_months(Months::new(12)).unwrap_or(NaiveDate::MAX);
        if date > limit {
            self.fail(field, Problem::TooFarAhead);
            return None;
        }
        Some(date)
    }

    /// An optional web address: empty, or `http://` / `https://` followed by a host.
    pub fn web_address(&mut self, field: &str, value: &str) -> String {
        let v = self.line(field, value, false);
        if !v.is_empty() && !self.has_error(field) {
            let lower = v.to_ascii_lowercase();
            let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
            let host_ok = rest.is_some_and(|r| {
                let host = r.split(['/', '?', '#']).next().unwrap_or("");
                !host.is_empty() && !host.contains(char::is_whitespace)
            });
            if !host_ok || v.contains(char::is_whitespace) {
                self.fail(field, Problem::NotWebAddress);
            }
        }
        v
    }

    /// An optional e-mail address: empty, or something with one `@` between two non-empty parts, no spaces.
    pub fn email(&mut self, field: &str, value: &str) -> String {
        let v = self.line(field, value, false);
        if !v.is_empty() && !self.has_error(field) {
            let ok = match v.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty() && !domain.is_empty() && !domain.contains('@') && !v.contains(char::is_whitespace)
                }
                None => false,
            };
            if !ok {
                self.fail(field, Problem::NotEmail);
            }
        }
        v
    }

    /// One term of the app's vocabulary ([`crate::vocab`]): the outcome, channel, language… the window sent.
    pub fn pick<T: Term>(&mut self, field: &str, value: &str) -> Option<T> {
        let found = T::parse(value.trim());
        if found.is_none() {
            self.fail(field, Problem::NotAChoice);
        }
        found
    }

    /// Records a problem found by the caller (e.g. a date order across fields).
    pub fn problem(&mut self, field: &str, problem: Problem) {
        self.fail(field, problem);
    }

    /// How many refusals were recorded so far.
    pub(crate) fn count(&self) -> usize {
        self.errors.len()
    }

    /// Gives the refusals recorded since there were `from` the field name `field`: a caller checking millions
    /// of values (an import) checks them under a placeholder and names only what was refused.
    pub(crate) fn name_since(&mut self, from: usize, field: &str) {
        for e in self.errors.iter_mut().skip(from) {
            e.field = field.to_owned();
        }
    }

    /// Whether `field` has already been refused.
    pub fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// `Ok` if every field passed, else every refusal at once.
    pub fn finish(self) -> Result<()> {
        self.finish_with(Some(()))
    }

    /// Like [`Checker::finish`], handing back the values the checks read: `value` is `None` exactly when one
    /// of them was refused (every check that gives `None` records why), so join required values with
    /// [`Option::zip`] and receive them all, or every refusal.
    pub fn finish_with<T>(self, value: Option<T>) -> Result<T> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(Error::Invalid(self.errors)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::today;

    fn problems(c: Checker) -> Vec<(String, Problem)> {
        match c.finish() {
            Ok(()) => vec![],
            Err(Error::Invalid(v)) => v.into_iter().map(|e| (e.field, e.problem)).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn one_line_fields() {
        let mut c = Checker::new(today());
        assert_eq!(c.line("a", "  Acme  ", true), "Acme");
        c.line("b", "   ", true);
        c.line("c", "", false);
        c.line("d", &"x".repeat(201), false);
        assert_eq!(c.line("e", &"é".repeat(200), false).chars().count(), 200);
        c.line("f", "two\nlines", false);
        c.line("g", "bell\u{7}", false);
        assert_eq!(
            problems(c),
            vec![
                ("b".into(), Problem::Required),
                ("d".into(), Problem::TooLong { max: 200 }),
                ("f".into(), Problem::ControlCharacter),
                ("g".into(), Problem::ControlCharacter),
            ]
        );
    }

    #[test]
    fn notes_allow_newlines_and_tabs_but_not_other_controls_or_a_megabyte() {
        let mut c = Checker::new(today());
        c.note("ok", "line one\n\tline two");
        c.note("max", &"a".repeat(MAX_NOTE));
        c.note("big", &"a".repeat(1_000_000));
        c.note("esc", "colour \u{1b}[31m");
        assert_eq!(
            problems(c),
            vec![("big".into(), Problem::TooLong { max: MAX_NOTE }), ("esc".into(), Problem::ControlCharacter)]
        );
    }

    #[test]
    fn dates() {
        let mut c = Checker::new(today());
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(c.date("a", "2024-02-29", true), d(2024, 2, 29));
        assert_eq!(c.date("b", "2027-11-26", true), d(2027, 11, 26));
        assert_eq!(c.date("c", "", false), None);
        // As people type them, in either language; a numeric date that reads the same both ways.
        assert_eq!(c.date("ok1", "yesterday", true), d(2026, 11, 25));
        assert_eq!(c.date("ok2", "il y a 3 jours", true), d(2026, 11, 23));
        assert_eq!(c.date("ok3", "2026-1-5", true), d(2026, 1, 5));
        assert_eq!(c.date("ok4", "25/11/2026", true), d(2026, 11, 25), "day 25 can only be the day");
        c.date("d", "2025-02-29", true);
        c.date("e", "the day after the interview", true);
        c.date("f", "05/11/2026", true);
        c.date("g", "2027-11-27", true);
        c.date("h", "", true);
        assert_eq!(
            problems(c),
            vec![
                ("d".into(), Problem::NotADate),
                ("e".into(), Problem::NotADate),
                ("f".into(), Problem::NotADate),
                ("g".into(), Problem::TooFarAhead),
                ("h".into(), Problem::Required),
            ]
        );
    }

    #[test]
    fn web_addresses_and_emails() {
        let mut c = Checker::new(today());
        c.web_address("ok1", "https://example.org/jobs/1?x=2");
        c.web_address("ok2", "HTTP://intranet/job");
        c.web_address("ok3", "");
        c.web_address("js", "javascript:alert(1)");
        c.web_address("file", "file:///etc/passwd");
        c.web_address("nohost", "https:///path");
        c.web_address("space", "https://exa mple.org");
        c.email("e1", "marie@example.org");
        c.email("e2", "marie.example.org");
        c.email("e3", "@example.org");
        c.email("e4", "a@b@c");
        assert_eq!(
            problems(c),
            vec![
                ("js".into(), Problem::NotWebAddress),
                ("file".into(), Problem::NotWebAddress),
                ("nohost".into(), Problem::NotWebAddress),
                ("space".into(), Problem::NotWebAddress),
                ("e2".into(), Problem::NotEmail),
                ("e3".into(), Problem::NotEmail),
                ("e4".into(), Problem::NotEmail),
            ]
        );
    }

    #[test]
    fn choices() {
        use crate::vocab::{InterviewFormat, Lang};
        let mut c = Checker::new(today());
        assert_eq!(c.pick("k", " video "), Some(InterviewFormat::Video));
        assert_eq!(c.pick::<InterviewFormat>("j", "fax"), None);
        assert_eq!(c.pick("l", "fr"), Some(Lang::Fr));
        assert_eq!(c.pick::<Lang>("m", "FR"), None);
        assert_eq!(problems(c), vec![("j".into(), Problem::NotAChoice), ("m".into(), Problem::NotAChoice)]);
    }

    #[test]
    fn finish_with_hands_back_values_or_every_refusal() {
        let mut c = Checker::new(today());
        let a = c.date("a", "2026-11-20", true);
        let b = c.pick::<crate::vocab::Outcome>("b", "rejected");
        assert_eq!(
            c.finish_with(a.zip(b)).unwrap(),
            (NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(), crate::vocab::Outcome::Rejected)
        );
        let mut c = Checker::new(today());
        let a = c.date("a", "2026-11-20", true);
        let b = c.pick::<crate::vocab::Outcome>("b", "maybe");
        c.line("c", "", true);
        match c.finish_with(a.zip(b)) {
            Err(Error::Invalid(v)) => assert_eq!(
                v.into_iter().map(|e| (e.field, e.problem)).collect::<Vec<_>>(),
                vec![("b".into(), Problem::NotAChoice), ("c".into(), Problem::Required)]
            ),
            other => panic!("{other:?}"),
        }
    }
}
