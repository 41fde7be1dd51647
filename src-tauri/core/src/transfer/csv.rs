//! Applications as CSV: an export that spreadsheets and Python's `csv` read (UTF-8, header in the UI language,
//! one row per application), and an import from another tracker or a spreadsheet, through a column mapping
//! the user confirms: [`read`] shows the columns and guesses the mapping, [`import`] checks every row and
//! saves them all, or none with the list of rows to fix.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError, Problem, Result};
use crate::i18n::t;
use crate::journal::{self, fold, ApplicationInput};

/// Largest CSV read, in bytes.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Rows shown in the mapping step.
const SAMPLE: usize = 5;
/// Refusals reported at most: past this the file is plainly not mapped right, and the list would only grow.
const MAX_ERRORS: usize = 50;

/// Applications, one row each: company, role, dates, status, people, next step, in `lang`.
pub fn export(conn: &Connection, lang: crate::vocab::Lang) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "app.company",
        "app.role",
        "app.applied_on",
        "csv.status",
        "csv.last_activity",
        "csv.people",
        "csv.next_step",
        "csv.next_due",
        "app.location",
        "app.source",
        "app.posting_url",
    ];
    let io = |e: csv::Error| Error::io("CSV", e);
    out.write_record(header.iter().map(|k| neutralise(&t(lang, k, &[])).into_owned())).map_err(io)?;
    let mut stmt = conn.prepare(concat!(
        "SELECT a.id, a.location, a.source, a.posting_url,
                (SELECT group_concat(p.name, '; ') FROM application_people ap JOIN people p ON p.id = ap.person_id
                  WHERE ap.application_id = a.id),
                (SELECT s.kind || ' ' || ",
        crate::plan::effective_day!(),
        " FROM plan_steps s WHERE s.application_id = a.id AND s.status IN ('pending', 'missed')
                  ORDER BY ",
        crate::plan::effective_day!(),
        ", s.id LIMIT 1)
           FROM applications a WHERE a.id = ?1"
    ))?;
    for a in journal::list_applications(conn, "")? {
        let (location, source, url, people, next): (String, String, String, Option<String>, Option<String>) =
            stmt.query_row([a.id], |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
        let (next_kind, next_due) = next
            .as_deref()
            .and_then(|n| n.split_once(' '))
            .map(|(k, d)| (t(lang, &format!("message.{k}"), &[]), d.to_owned()))
            .unwrap_or_default();
        let cells = [
            a.company,
            a.role,
            a.applied_on,
            t(lang, &format!("status.{}", a.status), &[]),
            a.last_event_on,
            people.unwrap_or_default(),
            next_kind,
            next_due,
            location,
            source,
            url,
        ];
        out.write_record(cells.iter().map(|c| neutralise(c).as_bytes().to_vec())).map_err(io)?;
    }
    let bytes = out.into_inner().map_err(|e| Error::io("CSV", e))?;
    String::from_utf8(bytes).map_err(|e| Error::io("CSV", e))
}

/// What a spreadsheet reads as the start of a formula (or, for tab and carriage return, as a cell break that
/// lets the next character start one).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` is, after any leading `'`, the start of a formula.
fn formula_after_quotes(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// A cell as OWASP advises for CSV injection: one that a spreadsheet would run as a formula
/// (`=HYPERLINK(…)`, `+cmd|…`) gets a leading `'`, which makes it text. So does one already written that way
/// (`'=x`, typed as is), so that reading back removes exactly the `'` added here. Others are left as they are.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if formula_after_quotes(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The reverse, for a cell read back: `'` before a formula start (after any further `'`) is taken off once,
/// so our own exports come back exactly as typed (`'=x` went out as `''=x`). A cell of another program's
/// file written `'=x` comes in as `=x`, the text a spreadsheet shows for it.
fn restore_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_after_quotes(rest) => rest,
        _ => cell,
    }
}

/// Which column of the file holds each field (`None`: not in the file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Mapping {
    pub company: Option<usize>,
    pub role: Option<usize>,
    pub applied_on: Option<usize>,
    pub location: Option<usize>,
    pub source: Option<usize>,
    pub posting_url: Option<usize>,
}

/// A CSV file as the mapping step shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvFile {
    pub headers: Vec<String>,
    /// The first rows, to see what each column holds.
    pub sample: Vec<Vec<String>>,
    pub rows: usize,
    pub guess: Mapping,
}

/// One row of a file with its number as a spreadsheet shows it (the header is row 1; blank lines are rows).
type Numbered = (usize, Vec<String>);

/// Reads a CSV (comma, semicolon or tab, found from the header line), its header row first; the rows with
/// something in them, numbered.
fn records(text: &str) -> Result<(Vec<String>, Vec<Numbered>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let delimiter =
        [b',', b';', b'\t'].into_iter().max_by_key(|d| first.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let bad = |_| Error::invalid("file", Problem::NotCsv);
    let headers: Vec<String> = reader.headers().map_err(bad)?.iter().map(|h| h.trim().to_owned()).collect();
    if headers.iter().all(String::is_empty) {
        return Err(Error::invalid("file", Problem::NotCsv));
    }
    let mut rows = Vec::new();
    // The reader skips blank lines and a quoted cell may span lines: a row's number is the line it starts on,
    // less the line breaks inside the cells of the rows before it (a spreadsheet shows each as one row).
    let mut breaks_inside = 0;
    for r in reader.records() {
        let r = r.map_err(bad)?;
        let line = r.position().map_or(0, |p| p.line() as usize);
        let number = line.saturating_sub(breaks_inside);
        breaks_inside += r.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        if r.iter().any(|c| !c.trim().is_empty()) {
            rows.push((number, r.iter().map(|c| restore_cell(c.trim()).to_owned()).collect()));
        }
    }
    Ok((headers, rows))
}

/// Column names other trackers and spreadsheets use, folded, per field.
const NAMES: &[(&str, &[&str])] = &[
    (
        "company",
        &[
            "company",
            "company name",
            "employer",
            "organization",
            "organisation",
            "entreprise",
            "employeur",
            "compagnie",
        ],
    ),
    ("role", &["role", "job title", "title", "position", "job", "poste", "titre", "titre du poste", "emploi"]),
    (
        "applied_on",
        &[
            "applied on",
            "date applied",
            "applied",
            "application date",
            "date",
            "date de la candidature",
            "date de candidature",
            "postule le",
        ],
    ),
    ("location", &["location", "city", "lieu", "ville"]),
    ("source", &["source", "where found", "provenance", "provenance de l'offre"]),
    (
        "posting_url",
        &["url", "link", "job url", "job link", "posting url", "posting", "lien", "lien de l'offre", "offre"],
    ),
];

/// Guesses the mapping from the header names.
pub fn guess(headers: &[String]) -> Mapping {
    let find = |field: &str| {
        let names = NAMES.iter().find(|(f, _)| *f == field).map(|(_, n)| *n).unwrap_or_default();
        headers.iter().position(|h| names.contains(&fold(h).replace('’', "'").as_str()))
    };
    Mapping {
        company: find("company"),
        role: find("role"),
        applied_on: find("applied_on"),
        location: find("location"),
        source: find("source"),
        posting_url: find("posting_url"),
    }
}

/// Reads a CSV for the mapping step.
pub fn read(text: &str) -> Result<CsvFile> {
    let (headers, rows) = records(text)?;
    let guess = guess(&headers);
    Ok(CsvFile { sample: rows.iter().take(SAMPLE).map(|r| r.1.clone()).collect(), rows: rows.len(), guess, headers })
}

/// A date as spreadsheets write it: `2026-11-12`, `2026/11/12`, `12 Nov 2026`, `Nov 12, 2026`,
/// `November 12, 2026`, `12 novembre 2026`; or the date of an ISO date-time (`2026-11-12T09:30:00Z`,
/// `2026-11-12 09:30`). Anything else after the date (`2026-11-12junk`) is not a date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let (iso, rest) = s.split_at_checked(10).unwrap_or((s, ""));
    let time_follows = |rest: &str| {
        let mut c = rest.chars();
        matches!(c.next(), Some('T' | 't' | ' ')) && c.next().is_some_and(|c| c.is_ascii_digit())
    };
    if rest.is_empty() || time_follows(rest) {
        for f in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(iso, f) {
                return Some(d);
            }
        }
    }
    for f in ["%d %b %Y", "%b %d, %Y", "%B %d, %Y", "%d %B %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
    }
    // French month names, full or abbreviated ("12 nov. 2026").
    const FR: [&str; 12] = ["janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov", "dec"];
    let words: Vec<String> = fold(s).replace('.', " ").split_whitespace().map(str::to_owned).collect();
    if let [day, month, year] = words.as_slice() {
        let m = FR.iter().position(|p| month.starts_with(p))? as u32 + 1;
        return NaiveDate::from_ymd_opt(year.parse().ok()?, m, day.trim_end_matches("er").parse().ok()?);
    }
    None
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvImported {
    pub imported: usize,
}

/// Imports every row with `mapping`, all or nothing. A refused row is reported as `rows.<n>.<field>` (n from 2,
/// the spreadsheet's own row number under its header, blank rows counted), at most [`MAX_ERRORS`] of them.
pub fn import(
    conn: &mut Connection,
    text: &str,
    mapping: &Mapping,
    lang: crate::vocab::Lang,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<CsvImported> {
    let (headers, rows) = records(text)?;
    let mut missing = Vec::new();
    for (field, col) in [("company", mapping.company), ("role", mapping.role), ("appliedOn", mapping.applied_on)] {
        if col.is_none_or(|c| c >= headers.len()) {
            missing.push(FieldError { field: format!("mapping.{field}"), problem: Problem::Required });
        }
    }
    if !missing.is_empty() {
        return Err(Error::Invalid(missing));
    }
    let cell = |row: &[String], col: Option<usize>| col.and_then(|c| row.get(c)).cloned().unwrap_or_default();
    conn.execute_batch("SAVEPOINT csv_import")?;
    let mut errors = Vec::new();
    for (number, row) in &rows {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        let raw_date = cell(row, mapping.applied_on);
        // A file's dates are read strictly (no "3 days ago" against the day of the import).
        if !raw_date.trim().is_empty() && parse_date(&raw_date).is_none() {
            errors.push(FieldError { field: format!("rows.{number}.appliedOn"), problem: Problem::NotADate });
            continue;
        }
        let input = ApplicationInput {
            company: cell(row, mapping.company),
            role: cell(row, mapping.role),
            applied_on: parse_date(&raw_date).map(|d| d.to_string()).unwrap_or(raw_date),
            location: cell(row, mapping.location),
            source: cell(row, mapping.source),
            posting_url: cell(row, mapping.posting_url),
            lang: lang.as_str().to_owned(),
            ..Default::default()
        };
        match journal::save_application(conn, &input, lang, today, now) {
            Ok(_) => {}
            Err(Error::Invalid(list)) => errors.extend(
                list.into_iter()
                    .map(|f| FieldError { field: format!("rows.{number}.{}", f.field), problem: f.problem }),
            ),
            Err(e) => {
                conn.execute_batch("ROLLBACK TO csv_import; RELEASE csv_import")?;
                return Err(e);
            }
        }
    }
    errors.truncate(MAX_ERRORS);
    if !errors.is_empty() {
        conn.execute_batch("ROLLBACK TO csv_import; RELEASE csv_import")?;
        return Err(Error::Invalid(errors));
    }
    conn.execute_batch("RELEASE csv_import")?;
    Ok(CsvImported { imported: rows.len() })
}

/// Everything [`import`] checks, without keeping anything: the shell calls it before it takes the backup
/// that precedes an import, so a refused file never takes one (ten refused tries would rotate away the real
/// ones). The rows are written and rolled back, so the journal's own rules are checked too.
pub fn check(
    conn: &mut Connection,
    text: &str,
    mapping: &Mapping,
    lang: crate::vocab::Lang,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.execute_batch("SAVEPOINT csv_check")?;
    let checked = import(conn, text, mapping, lang, today, now);
    conn.execute_batch("ROLLBACK TO csv_check; RELEASE csv_check")?;
    checked.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::today;

    #[test]
    fn dates_as_spreadsheets_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 12);
        for s in [
            "2026-11-12",
            "2026/11/12",
            "12 Nov 2026",
            "Nov 12, 2026",
            "November 12, 2026",
            "12 novembre 2026",
            "12 nov. 2026",
            "2026-11-12T09:30:00Z",
        ] {
            assert_eq!(parse_date(s), d, "{s}");
        }
        assert_eq!(parse_date("1er décembre 2026"), NaiveDate::from_ymd_opt(2026, 12, 1));
        for s in ["", "12/11/2026", "soon", "31 février 2026", "é"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn a_huntr_like_export_is_mapped_and_imported() {
        let file = "Job Title;Company Name;Date Applied;Location;Job URL\n\
                    Data analyst;Desjardins;2026-10-01;Montréal;https://example.org/1\n\
                    Développeuse;\"Cirque du Soleil; Inc.\";Oct 3, 2026;;\n";
        let f = read(file).unwrap();
        assert_eq!(f.rows, 2);
        assert_eq!(
            f.guess,
            Mapping {
                company: Some(1),
                role: Some(0),
                applied_on: Some(2),
                location: Some(3),
                source: None,
                posting_url: Some(4)
            }
        );
        let mut conn = crate::db::open_in_memory().unwrap();
        let done = import(&mut conn, file, &f.guess, crate::vocab::Lang::Fr, today(), Utc::now()).unwrap();
        assert_eq!(done.imported, 2);
        let list = journal::list_applications(&conn, "").unwrap();
        let mut got: Vec<(String, String, String)> =
            list.into_iter().map(|a| (a.company, a.role, a.applied_on)).collect();
        got.sort();
        assert_eq!(
            got,
            [
                ("Cirque du Soleil; Inc.".into(), "Développeuse".into(), "2026-10-03".into()),
                ("Desjardins".into(), "Data analyst".into(), "2026-10-01".into()),
            ]
        );
    }

    #[test]
    fn one_bad_row_imports_nothing_and_says_which_row() {
        let file = "Company,Role,Applied\nDesjardins,Analyste,2026-10-01\n,Dev,2026-10-02\nAcme,QA,someday\n";
        let mut conn = crate::db::open_in_memory().unwrap();
        let m = read(file).unwrap().guess;
        let Err(Error::Invalid(errors)) = import(&mut conn, file, &m, crate::vocab::Lang::En, today(), Utc::now())
        else {
            panic!()
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["rows.3.company", "rows.4.appliedOn"]);
        assert!(journal::list_applications(&conn, "").unwrap().is_empty(), "all or nothing");
        let Err(Error::Invalid(errors)) =
            import(&mut conn, file, &Mapping::default(), crate::vocab::Lang::En, today(), Utc::now())
        else {
            panic!()
        };
        assert_eq!(errors.len(), 3, "company, role and date must be mapped");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_neutralised_and_read_back() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let risky = ["=HYPERLINK(\"https://evil.example\",\"Clic\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"];
        for (i, company) in risky.iter().enumerate() {
            let input = ApplicationInput {
                company: (*company).into(),
                role: format!("Analyste {i}"),
                applied_on: "2026-10-01".into(),
                lang: "fr".into(),
                ..Default::default()
            };
            journal::save_application(&mut conn, &input, crate::vocab::Lang::Fr, today(), Utc::now()).unwrap();
        }
        let text = export(&conn, crate::vocab::Lang::Fr).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for r in reader.records() {
            let company = r.unwrap()[0].to_owned();
            assert!(company.starts_with('\''), "{company}");
        }
        // Our own export comes back with the values as they were typed.
        let mut back = crate::db::open_in_memory().unwrap();
        let mapping = read(&text).unwrap().guess;
        import(&mut back, &text, &mapping, crate::vocab::Lang::Fr, today(), Utc::now()).unwrap();
        let mut got: Vec<String> =
            journal::list_applications(&back, "").unwrap().into_iter().map(|a| a.company).collect();
        got.sort();
        let mut want: Vec<String> = risky.iter().map(|c| (*c).to_owned()).collect();
        want.sort();
        assert_eq!(got, want);
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("Desjardins"), "Desjardins");
        assert_eq!(neutralise("'=x"), "''=x", "typed with its quote, it comes back with it");
        assert_eq!(restore_cell("''=x"), "'=x");
        assert_eq!((neutralise("'Tis"), restore_cell("'Tis")), ("'Tis".into(), "'Tis"));
    }

    #[test]
    fn a_check_says_what_an_import_would_and_writes_nothing() {
        let good = "Company,Role,Applied\nDesjardins,Analyste,2026-10-01\n";
        let bad = "Company,Role,Applied\n,Analyste,2026-10-01\n";
        let mut conn = crate::db::open_in_memory().unwrap();
        let m = read(good).unwrap().guess;
        check(&mut conn, good, &m, crate::vocab::Lang::En, today(), Utc::now()).unwrap();
        assert!(check(&mut conn, bad, &m, crate::vocab::Lang::En, today(), Utc::now()).is_err());
        assert!(journal::list_applications(&conn, "").unwrap().is_empty(), "a check keeps nothing");
    }

    #[test]
    fn bad_dates_count_towards_the_cap_on_errors() {
        let mut file = String::from("Company,Role,Applied\n");
        for i in 0..200 {
            file.push_str(&format!("Acme,QA {i},someday\n"));
        }
        let mut conn = crate::db::open_in_memory().unwrap();
        let m = read(&file).unwrap().guess;
        let Err(Error::Invalid(errors)) = import(&mut conn, &file, &m, crate::vocab::Lang::En, today(), Utc::now())
        else {
            panic!()
        };
        assert_eq!(errors.len(), 50);
    }

    #[test]
    fn row_numbers_are_the_spreadsheets_after_blank_lines_and_multi_line_cells() {
        let file = "Company,Role,Applied\n\nDesjardins,Analyste,2026-10-01\n,,\n\"Acme\nInc.\",Dev,2026-10-02\nAcme,QA,someday\n";
        let mut conn = crate::db::open_in_memory().unwrap();
        let m = read(file).unwrap().guess;
        let Err(Error::Invalid(errors)) = import(&mut conn, file, &m, crate::vocab::Lang::En, today(), Utc::now())
        else {
            panic!()
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        // Row 1 the header, 2 blank, 3 Desjardins, 4 empty cells, 5 Acme (over two lines), 6 the bad date.
        assert!(fields.contains(&"rows.5.company"), "{fields:?}");
        assert!(fields.contains(&"rows.6.appliedOn"), "{fields:?}");
    }

    #[test]
    fn a_date_followed_by_anything_but_a_time_is_refused() {
        for s in ["2026-11-12junk", "2026-11-12 junk", "2026/11/12x", "2026-11-12T"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        for s in ["2026-11-12T09:30:00Z", "2026-11-12 09:30", "2026-11-12T09:30:00.000+01:00"] {
            assert_eq!(parse_date(s), NaiveDate::from_ymd_opt(2026, 11, 12), "{s}");
        }
    }
}
