//! Scores readings against a labelled set of e-mails (`labels.json` beside the files), for the report example
//! (`cargo run -p rebound-core --example mail_report`) and the corpus test. Only totals come out — counts,
//! rates and a confusion matrix of kinds — never an e-mail's text, file name or labels: whoever writes the
//! rules must not learn the corpus one e-mail at a time.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::fields::company_key;
use crate::vocab::{MailKind, MailReason};

/// One labelled e-mail, as `labels.json` lists it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Label {
    /// Relative to the set's folder.
    pub file: String,
    pub lang: String,
    pub today: NaiveDate,
    pub kind: MailKind,
    pub company: Option<String>,
    pub role: Option<String>,
    pub person: Option<String>,
    #[serde(default)]
    pub person_email: Option<String>,
    pub date: Option<NaiveDate>,
    pub reason: Option<MailReason>,
}

/// Right answers out of `n`, per field.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub n: usize,
    pub kind: usize,
    pub company: usize,
    pub role: usize,
    pub person: usize,
    pub date: usize,
    pub reason: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.n += o.n;
        self.kind += o.kind;
        self.company += o.company;
        self.role += o.role;
        self.person += o.person;
        self.date += o.date;
        self.reason += o.reason;
    }

    /// `right / n`, 0 when there is nothing.
    pub fn rate(&self, right: usize) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            right as f64 / self.n as f64
        }
    }
}

/// A set's results.
#[derive(Debug, Default)]
pub struct SetScore {
    /// Per (language, labelled kind).
    pub by_lang_kind: BTreeMap<(String, String), Tally>,
    /// (labelled kind, read kind) → count.
    pub confusion: BTreeMap<(String, String), usize>,
    /// Every e-mail of the set.
    pub total: Tally,
    /// Files that could not be read (missing, too large): counted wrong on every field.
    pub unreadable: usize,
}

/// Names compared as people would: no case, accents or punctuation, no legal suffix ("Inc.", "ltée");
/// none equals only none.
pub fn same_name(expected: Option<&str>, got: Option<&str>) -> bool {
    let norm = |s: Option<&str>| s.map(company_key).filter(|k| !k.is_empty());
    norm(expected) == norm(got)
}

/// Reads every e-mail of the set in `dir` (its `labels.json` and the files it names) and scores the readings.
pub fn score_set(dir: &Path) -> Result<SetScore, String> {
    let labels_path = dir.join("labels.json");
    let text = std::fs::read_to_string(&labels_path).map_err(|e| format!("{}: {e}", labels_path.display()))?;
    let labels: Vec<Label> = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", labels_path.display()))?;
    let mut out = SetScore::default();
    for label in &labels {
        let mut t = Tally { n: 1, ..Tally::default() };
        let got =
            std::fs::read(dir.join(&label.file)).ok().and_then(|bytes| super::read_bytes(&bytes, label.today).ok());
        let read_kind = match &got {
            Some(r) => {
                t.kind = usize::from(r.kind == label.kind);
                t.company = usize::from(same_name(label.company.as_deref(), r.company.as_deref()));
                t.role = usize::from(same_name(label.role.as_deref(), r.role.as_deref()));
                t.person = usize::from(same_name(label.person.as_deref(), r.person.as_deref()));
                t.date = usize::from(label.date.unwrap_or(label.today) == r.date);
                t.reason = usize::from(label.reason == r.reason);
                r.kind.as_str().to_owned()
            }
            None => {
                out.unreadable += 1;
                "unreadable".to_owned()
            }
        };
        *out.confusion.entry((label.kind.as_str().to_owned(), read_kind)).or_default() += 1;
        out.by_lang_kind.entry((label.lang.clone(), label.kind.as_str().to_owned())).or_default().add(&t);
        out.total.add(&t);
    }
    Ok(out)
}

fn pct(t: &Tally, right: usize) -> String {
    format!("{:5.1}", 100.0 * t.rate(right))
}

fn row(out: &mut String, lang: &str, kind: &str, t: &Tally) {
    let _ = writeln!(
        out,
        "{lang:<4} {kind:<17} {:>4}  {}  {}  {}  {}  {}  {}",
        t.n,
        pct(t, t.kind),
        pct(t, t.company),
        pct(t, t.role),
        pct(t, t.person),
        pct(t, t.date),
        pct(t, t.reason)
    );
}

impl SetScore {
    /// The totals of one language.
    pub fn lang_total(&self, lang: &str) -> Tally {
        let mut t = Tally::default();
        for ((l, _), v) in &self.by_lang_kind {
            if l == lang {
                t.add(v);
            }
        }
        t
    }

    /// The table printed by the report: per language and kind, then per language, then all; then the
    /// confusion matrix. Rates in percent.
    pub fn render(&self, title: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "== {title}: {} e-mails ({} unreadable)", self.total.n, self.unreadable);
        let _ = writeln!(out, "lang kind                 n   kind%  comp%  role%  pers%  date%  reas%");
        let mut langs: Vec<&String> = self.by_lang_kind.keys().map(|(l, _)| l).collect();
        langs.dedup();
        for lang in &langs {
            for ((l, k), t) in &self.by_lang_kind {
                if l == *lang {
                    row(&mut out, l, k, t);
                }
            }
            row(&mut out, lang, "(all)", &self.lang_total(lang));
        }
        row(&mut out, "all", "(all)", &self.total);
        let _ = writeln!(out, "confusion (rows: labelled kind, columns: read kind)");
        let mut cols: Vec<String> = MailKind::ALL.iter().map(|k| k.as_str().to_owned()).collect();
        if self.unreadable > 0 {
            cols.push("unreadable".to_owned());
        }
        let short = |k: &str| k.chars().take(8).collect::<String>();
        let _ = write!(out, "{:<17}", "");
        for c in &cols {
            let _ = write!(out, " {:>8}", short(c));
        }
        let _ = writeln!(out);
        for r in MailKind::ALL {
            let _ = write!(out, "{:<17}", r.as_str());
            for c in &cols {
                let n = self.confusion.get(&(r.as_str().to_owned(), c.clone())).copied().unwrap_or(0);
                let _ = write!(out, " {n:>8}");
            }
            let _ = writeln!(out);
        }
        out
    }
}
