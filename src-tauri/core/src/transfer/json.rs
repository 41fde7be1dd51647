//! The whole journal as one JSON document, and back.
//!
//! Format (documented in the README), version 1:
//! `{"format": "rebound", "version": 1, "schemaVersion": N, "exportedAt": "<UTC RFC 3339>",
//!   "settings": {…} | null, "tables": {"companies": [row, …], "applications": […], …}}` where each row is an
//! object of the table's columns as stored (days `YYYY-MM-DD`, instants RFC 3339, JSON details as text).
//!
//! Into an empty journal, an import restores every table exactly (ids included). Into a journal that already
//! holds applications, it merges: [`preview`] says what it will do — new applications, those already there
//! (same company, role and date, same content), and conflicting ones (same company, role and date, different
//! content: yours are kept) — and [`import`] applies all of it in one transaction, or nothing.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::table::{self, Rec, Table, Val};
use crate::db::rows;
use crate::error::{Error, Problem, Result};
use crate::journal::fold;
use crate::validate::Checker;

/// The `format` field's value.
pub const FORMAT: &str = "rebound";
/// The version of this document's layout.
pub const VERSION: u64 = 1;
/// Largest file an import reads, in bytes: 640 MiB. A user's own export must come back in: measured for issue 21
/// (`cargo bench -p rebound-core --bench import`), 100,000 applications each with a person, an interview, a
/// rejection, its plan and a reflection export (pretty-printed, as the app writes it) to 497 MB, 10,000 to
/// 50 MB — about 5 KB each. The cap leaves room for a third more than that, and still refuses, before reading
/// it (and again if the read goes past it: [`super::read_file`]), a file that would only fill the memory:
/// reading one takes several times its size.
pub const MAX_BYTES: u64 = 640 * 1024 * 1024;

/// The tables of the journal, parents before children: the order to insert them in.
pub const TABLES: &[&str] = &[
    "companies",
    "applications",
    "people",
    "application_people",
    "events",
    "event_people",
    "reflections",
    "plan_steps",
    "templates",
];

/// The whole journal (and the settings, as JSON, when given) as a document.
pub fn export(conn: &Connection, settings: Option<Value>, now: DateTime<Utc>) -> Result<Value> {
    let mut tables = Map::new();
    for t in TABLES {
        let list = rows::select(conn, t, "1 ORDER BY 1, 2", &[])?;
        tables.insert((*t).to_owned(), Value::Array(list.into_iter().map(Value::Object).collect()));
    }
    Ok(json!({
        "format": FORMAT,
        "version": VERSION,
        "schemaVersion": crate::db::schema_version(),
        "exportedAt": crate::db::instant(now),
        "settings": settings.unwrap_or(Value::Null),
        "tables": tables,
    }))
}

/// A document read, checked and indexed: its tables, its settings if it has them, and its rows found by id.
/// Everything here is done without the journal ([`parse`]), so the shell can do it before it takes the
/// journal's lock; comparing with the journal ([`preview`]) and writing ([`import`]) are the short parts.
#[derive(Debug, Clone)]
pub struct Document {
    /// The rows of each table of [`TABLES`], in that order (a table the file lacks has none).
    tables: Vec<Table>,
    pub settings: Option<Value>,
    /// The file's applications, in file order, with what identifies and describes each.
    apps: Vec<FileApp>,
    /// Row positions by id, per table that has ids.
    companies: Ids,
    people: Ids,
    applications: Ids,
    events: Ids,
    /// Row positions of the rows that hang on an application or an event (by its row position).
    events_of: Groups,
    links_of: Groups,
    steps_of: Groups,
    event_people_of: Groups,
    reflections_of: Groups,
}

/// One application of the file.
#[derive(Debug, Clone)]
struct FileApp {
    /// Its position in the `applications` table of the file, and its id there.
    row: usize,
    id: i64,
    key: Key,
    content: Content,
    label: String,
}

fn not_ours() -> Error {
    Error::invalid("file", Problem::NotRebound)
}

/// The longest text any cell of a file may hold, in characters: a note's limit with room for the JSON around
/// it. A file edited to hold a 5 MB name is refused before anything is compared or written.
const MAX_CELL: usize = 4 * crate::validate::MAX_NOTE;
/// Refusals reported at most, as for a CSV.
const MAX_ERRORS: usize = 50;

/// What the forms check on each column a person types into, applied to the same column of an imported row.
#[derive(Clone, Copy)]
enum Rule {
    Line {
        required: bool,
    },
    Note,
    Email,
    WebAddress,
    /// A timeline entry's details: JSON, and each text in it is a note.
    Details,
    /// One of the words of a vocabulary (when the column is there: files from before it lack it).
    Choice(fn(&str) -> bool),
    /// A calendar day written `YYYY-MM-DD`; null or absent where not `required`.
    Day {
        required: bool,
    },
    /// A whole number in `min..=max`, or null.
    Range(usize, usize),
    /// A JSON text (a step's options).
    Json,
}

fn is<T: crate::vocab::Term>(s: &str) -> bool {
    T::parse(s).is_some()
}

const RULES: &[(&str, &str, Rule)] = &[
    ("companies", "name", Rule::Line { required: true }),
    ("applications", "role", Rule::Line { required: true }),
    ("applications", "location", Rule::Line { required: false }),
    ("applications", "source", Rule::Line { required: false }),
    ("applications", "posting_url", Rule::WebAddress),
    ("applications", "applied_on", Rule::Day { required: true }),
    ("applications", "lang", Rule::Choice(is::<crate::vocab::Lang>)),
    ("applications", "check_in_days", Rule::Range(1, 730)),
    ("people", "name", Rule::Line { required: true }),
    ("people", "title", Rule::Line { required: false }),
    ("people", "email", Rule::Email),
    ("people", "linkedin_url", Rule::WebAddress),
    ("people", "phone", Rule::Line { required: false }),
    ("people", "address_as", Rule::Choice(is::<crate::vocab::AddressForm>)),
    ("people", "keep_in_touch_months", Rule::Range(1, 24)),
    ("people", "keep_in_touch_since", Rule::Day { required: false }),
    ("events", "kind", Rule::Choice(is::<crate::vocab::EventKind>)),
    ("events", "occurred_on", Rule::Day { required: true }),
    ("events", "details", Rule::Details),
    ("reflections", "went_well", Rule::Note),
    ("reflections", "do_differently", Rule::Note),
    ("reflections", "feelings", Rule::Note),
    ("plan_steps", "kind", Rule::Choice(is::<crate::vocab::StepKind>)),
    ("plan_steps", "status", Rule::Choice(is::<crate::vocab::StepStatus>)),
    ("plan_steps", "due_on", Rule::Day { required: true }),
    ("plan_steps", "snoozed_until", Rule::Day { required: false }),
    ("plan_steps", "done_on", Rule::Day { required: false }),
    ("plan_steps", "options", Rule::Json),
    ("templates", "lang", Rule::Choice(is::<crate::vocab::Lang>)),
    ("templates", "name", Rule::Line { required: false }),
    ("templates", "subject", Rule::Line { required: false }),
    ("templates", "body", Rule::Note),
];

fn note_texts(c: &mut Checker, field: &str, v: &Value) {
    match v {
        Value::String(s) => {
            c.note(field, s);
        }
        Value::Array(a) => a.iter().for_each(|x| note_texts(c, field, x)),
        Value::Object(o) => o.values().for_each(|x| note_texts(c, field, x)),
        _ => {}
    }
}

/// A calendar day written `YYYY-MM-DD` (what the journal's `date(x) IS x` checks accept): four digits, two, two,
/// and a day of the calendar. Without chrono's formatter: it runs on every date of a file (a million at 100,000
/// applications).
pub(crate) fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d).is_some(),
        _ => false,
    }
}

/// Every row passes the checks its form applies (a name on one line of at most 200 characters, an e-mail
/// with an @…), and no cell is huge. A refusal names the row: `file.<table>.<position>.<column>`.
fn check_rows(tables: &[Table]) -> Result<()> {
    // Only text checks are made here: no date is judged against a today.
    let mut c = Checker::new(NaiveDate::MAX);
    let mut refused = 0;
    for (table, rows) in TABLES.iter().zip(tables) {
        // Each rule's column found once per table, not once per row.
        let rules: Vec<(&str, Option<u32>, Rule)> =
            RULES.iter().filter(|r| r.0 == *table).map(|r| (r.1, rows.col(r.1), r.2)).collect();
        for (n, row) in rows.rows().enumerate() {
            if refused >= MAX_ERRORS {
                break;
            }
            // Bytes bound characters: only a text longer in bytes than the limit can be over it. Named in the
            // order of the columns' names (a row's order as a `Value` map kept it).
            let mut huge: Vec<&str> = row
                .iter()
                .filter(|(_, v)| v.as_str().is_some_and(|s| s.len() > MAX_CELL && s.chars().nth(MAX_CELL).is_some()))
                .map(|(col, _)| col)
                .collect();
            if !huge.is_empty() {
                huge.sort_unstable();
                for col in huge {
                    c.problem(&format!("file.{table}.{n}.{col}"), Problem::TooLong { max: MAX_CELL });
                    refused += 1;
                }
                continue;
            }
            for (col, at, rule) in &rules {
                // Checked under a placeholder; the field is named (`file.<table>.<row>.<column>`) only if
                // refused: formatting 1.5 million names for nothing was a tenth of a 100,000-application parse.
                let field = "";
                let errors = c.count();
                let value = row.at(*at);
                let text = value.and_then(Val::as_str).unwrap_or_default();
                match rule {
                    Rule::Line { required } => {
                        c.line(field, text, *required);
                    }
                    Rule::Note => {
                        c.note(field, text);
                    }
                    Rule::Email => {
                        c.email(field, text);
                    }
                    Rule::WebAddress => {
                        c.web_address(field, text);
                    }
                    Rule::Details => match value.map(|v| v.as_str().map(serde_json::from_str::<Value>)) {
                        None => {}
                        Some(Some(Ok(details))) => note_texts(&mut c, field, &details),
                        Some(_) => c.problem(field, Problem::NotRebound),
                    },
                    Rule::Choice(known) => {
                        if value.is_some_and(|v| !v.as_str().is_some_and(known)) {
                            c.problem(field, Problem::NotAChoice);
                        }
                    }
                    Rule::Day { required } => {
                        let fine = match value {
                            None | Some(Val::Null) => !required,
                            Some(v) => v.as_str().is_some_and(is_day),
                        };
                        if !fine {
                            c.problem(field, Problem::NotADate);
                        }
                    }
                    Rule::Range(min, max) => {
                        let fine = match value {
                            None | Some(Val::Null) => true,
                            Some(v) => v.as_u64().is_some_and(|n| (*min as u64..=*max as u64).contains(&n)),
                        };
                        if !fine {
                            c.problem(field, Problem::OutOfRange { min: *min, max: *max });
                        }
                    }
                    Rule::Json => {
                        if value.is_some_and(|v| v.as_str().is_none_or(|t| serde_json::from_str::<Value>(t).is_err())) {
                            c.problem(field, Problem::NotRebound);
                        }
                    }
                }
                if c.count() > errors {
                    c.name_since(errors, &format!("file.{table}.{n}.{col}"));
                    refused += 1;
                }
            }
        }
    }
    c.finish()
}

/// The cells of some columns of every row of a table, read in one pass over its rows: finding a column in a
/// row is a search of the row's map, and a pass per column and check (a dozen passes over 1.5 million rows
/// at 100,000 applications, each row far from the last in memory) was a third of a parse.
struct Cells<'a> {
    table: &'static str,
    cols: &'static [&'static str],
    /// Row after row, `cols.len()` cells each (`None`: the row has no such column).
    cells: Vec<Option<Val<'a>>>,
}

impl<'a> Cells<'a> {
    fn read(tables: &'a [Table], table: &'static str, cols: &'static [&'static str]) -> Self {
        let rows = rows_of(tables, table);
        let at: Vec<Option<u32>> = cols.iter().map(|c| rows.col(c)).collect();
        let mut cells = Vec::with_capacity(rows.len() * cols.len());
        for row in rows.rows() {
            cells.extend(at.iter().map(|c| row.at(*c)));
        }
        Cells { table, cols, cells }
    }

    /// The cells of column `col`, by row position.
    fn column(&self, col: &str) -> impl Iterator<Item = (usize, Option<Val<'a>>)> + Clone + '_ {
        let k = self.cols.iter().position(|c| *c == col).unwrap_or_default();
        self.cells.iter().skip(k).step_by(self.cols.len().max(1)).copied().enumerate()
    }

    fn refuse(&self, n: usize, col: &str) -> Error {
        Error::invalid(format!("file.{}.{n}.{col}", self.table), Problem::NotRebound)
    }

    /// The rows by their integer column `col`, which each must have and no two may share (two applications
    /// with one id would be merged as one, though the preview listed both).
    fn unique(&self, col: &str) -> Result<Ids> {
        let mut ids = Ids::for_ids(self.column(col).filter_map(|(_, v)| v.and_then(Val::as_i64)));
        for (n, v) in self.column(col) {
            let id = v.and_then(Val::as_i64).ok_or_else(|| self.refuse(n, col))?;
            if ids.insert(id, n).is_some() {
                return Err(self.refuse(n, col));
            }
        }
        Ok(ids)
    }

    /// Checks that column `col` names a row of `parents` in each row (or is null where `optional`).
    fn refer(&self, col: &str, parents: &Ids, optional: bool) -> Result<()> {
        self.each_parent(col, parents, optional, |_, _| ())
    }

    /// Row positions grouped by their column `col` (by the position of the parent row), checked as
    /// [`Cells::refer`] does.
    fn children(&self, col: &str, parents: &Ids) -> Result<Groups> {
        let mut pairs = Vec::with_capacity(self.cells.len() / self.cols.len().max(1));
        self.each_parent(col, parents, false, |parent, n| pairs.push((parent, n)))?;
        Ok(Groups::of_pairs(parents.len(), &pairs))
    }

    /// Calls `found` with the position of the parent row and the row's position, for each row.
    fn each_parent(&self, col: &str, parents: &Ids, optional: bool, mut found: impl FnMut(usize, usize)) -> Result<()> {
        for (n, v) in self.column(col) {
            match v {
                None | Some(Val::Null) if optional => continue,
                Some(v) => {
                    let parent = v.as_i64().and_then(|id| parents.get(&id)).ok_or_else(|| self.refuse(n, col))?;
                    found(*parent, n);
                }
                None => return Err(self.refuse(n, col)),
            }
        }
        Ok(())
    }
}

/// Row positions by id. A journal's ids are nearly 1..n, and so are those of its export (or evenly spaced, as in
/// the generated files of `cargo bench --bench import`): then they are found in a table, at `(id - min) / step`;
/// other ids, in a hash map. Hashing ids (SipHash) for their 3 million look-ups was a third of the index.
#[derive(Debug, Clone)]
enum Ids {
    Dense { min: i64, step: i128, pos: Vec<usize>, len: usize },
    Sparse(HashMap<i64, usize>),
}

/// No row, in [`Ids::Dense`].
const NO_ROW: usize = usize::MAX;

impl Ids {
    /// An empty map suited to these ids: a table when they span at most twice their number (and a bit).
    fn for_ids(ids: impl Iterator<Item = i64> + Clone) -> Ids {
        let (mut min, mut max, mut n) = (i64::MAX, i64::MIN, 0usize);
        for id in ids.clone() {
            (min, max, n) = (min.min(id), max.max(id), n + 1);
        }
        // The ids' common step: the greatest common divisor of their distances to the first.
        let gcd = |mut a: i128, mut b: i128| {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        };
        let step = ids.fold(0, |g, id| gcd(g, i128::from(id) - i128::from(min))).max(1);
        let slots = (i128::from(max) - i128::from(min)) / step + 1;
        if n > 0 && slots <= 2 * n as i128 + 1024 {
            Ids::Dense { min, step, pos: vec![NO_ROW; slots as usize], len: 0 }
        } else {
            Ids::Sparse(HashMap::with_capacity(n))
        }
    }

    /// The slot of `id` in a table, if it has one.
    fn slot(min: i64, step: i128, id: i64) -> Option<usize> {
        let off = i128::from(id) - i128::from(min);
        if off % step != 0 {
            return None;
        }
        usize::try_from(off / step).ok()
    }

    fn get(&self, id: &i64) -> Option<&usize> {
        match self {
            Ids::Dense { min, step, pos, .. } => pos.get(Ids::slot(*min, *step, *id)?).filter(|p| **p != NO_ROW),
            Ids::Sparse(m) => m.get(id),
        }
    }

    fn contains_key(&self, id: &i64) -> bool {
        self.get(id).is_some()
    }

    /// Puts `id` at row `n`; the row it was at before, if any.
    fn insert(&mut self, id: i64, n: usize) -> Option<usize> {
        match self {
            Ids::Dense { min, step, pos, len } => {
                let at = Ids::slot(*min, *step, id).filter(|at| *at < pos.len());
                // Only the ids it was made for are put in a table.
                let slot = &mut pos[at.unwrap_or_else(|| unreachable!("an id outside the table made for it"))];
                let before = std::mem::replace(slot, n);
                if before == NO_ROW {
                    *len += 1;
                    None
                } else {
                    Some(before)
                }
            }
            Ids::Sparse(m) => m.insert(id, n),
        }
    }

    /// How many ids.
    fn len(&self) -> usize {
        match self {
            Ids::Dense { len, .. } => *len,
            Ids::Sparse(m) => m.len(),
        }
    }
}

/// The rows of a table that hang on each row of another (by the parent's position), in file order.
#[derive(Debug, Clone, Default)]
struct Groups {
    /// The rows of parent `p` are `rows[start[p]..start[p + 1]]`.
    start: Vec<usize>,
    rows: Vec<usize>,
}

impl Groups {
    /// From (parent position, row position) pairs in file order, parents below `parents`.
    fn of_pairs(parents: usize, pairs: &[(usize, usize)]) -> Groups {
        let mut start = vec![0usize; parents + 1];
        for (p, _) in pairs {
            start[p + 1] += 1;
        }
        for p in 0..parents {
            start[p + 1] += start[p];
        }
        let mut next = start.clone();
        let mut rows = vec![0usize; pairs.len()];
        for (p, n) in pairs {
            rows[next[*p]] = *n;
            next[*p] += 1;
        }
        Groups { start, rows }
    }

    fn of(&self, parent: usize) -> &[usize] {
        match (self.start.get(parent), self.start.get(parent + 1)) {
            (Some(a), Some(b)) => &self.rows[*a..*b],
            _ => &[],
        }
    }
}

/// Reads a document, refusing anything that is not a Rebound export of a version this build knows, or whose
/// rows the forms would refuse, or whose rows point at rows it does not hold. Needs no journal: the work that
/// grows with the file (reading, checking, indexing) is all done here, once.
pub fn parse(text: &str) -> Result<Document> {
    // Read straight into compact tables (see `table`), judged after in the order a `Value` was: the header,
    // then the tables.
    let v: table::File = serde_json::from_str(text).map_err(|_| not_ours())?;
    if v.format.as_ref().and_then(Value::as_str) != Some(FORMAT) {
        return Err(not_ours());
    }
    if v.version.as_ref().and_then(Value::as_u64) != Some(VERSION)
        || v.schema_version.as_ref().and_then(Value::as_u64).is_none_or(|s| s as usize > crate::db::schema_version())
    {
        return Err(Error::invalid("file", Problem::NewerFile));
    }
    let Some(Some(given)) = v.tables else { return Err(not_ours()) };
    if given.unknown {
        return Err(not_ours());
    }
    let tables: Vec<Table> = given.known.into_iter().map(|t| t.ok_or_else(not_ours)).collect::<Result<_>>()?;
    let settings = v.settings.filter(Value::is_object);
    // The forms' checks and the index read the rows and change nothing: done side by side (a second of a
    // 100,000-application parse on a machine with two cores). A refusal of the checks comes first, as when
    // they ran before the index.
    let (checked, indexed) = std::thread::scope(|s| {
        let checking = s.spawn(|| check_rows(&tables));
        let indexed = index(&tables);
        (checking.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), indexed)
    });
    checked?;
    let Indexed {
        apps,
        companies,
        people,
        applications,
        events,
        events_of,
        links_of,
        steps_of,
        event_people_of,
        reflections_of,
    } = indexed?;
    Ok(Document {
        apps,
        companies,
        people,
        applications,
        events,
        events_of,
        links_of,
        steps_of,
        event_people_of,
        reflections_of,
        tables,
        settings,
    })
}

/// What [`index`] finds: [`Document`]'s fields but the rows themselves.
struct Indexed {
    apps: Vec<FileApp>,
    companies: Ids,
    people: Ids,
    applications: Ids,
    events: Ids,
    events_of: Groups,
    links_of: Groups,
    steps_of: Groups,
    event_people_of: Groups,
    reflections_of: Groups,
}

/// The rows of `table` (one of [`TABLES`]).
fn rows_of<'a>(tables: &'a [Table], table: &str) -> &'a Table {
    TABLES.iter().position(|t| *t == table).and_then(|i| tables.get(i)).unwrap_or(&table::EMPTY)
}

fn index(tables: &[Table]) -> Result<Indexed> {
    // The same checks, in the same order, as when each was its own pass.
    let cells = |t, cols| Cells::read(tables, t, cols);
    let (company_cells, app_cells) = (cells("companies", &["id"]), cells("applications", &["id", "company_id"]));
    let people_cells = cells("people", &["id", "company_id"]);
    let event_cells = cells("events", &["id", "application_id"]);
    let step_cells = cells("plan_steps", &["id", "application_id", "outcome_event_id", "person_id"]);
    let reflection_cells = cells("reflections", &["outcome_event_id"]);
    let link_cells = cells("application_people", &["application_id", "person_id"]);
    let tag_cells = cells("event_people", &["event_id", "person_id"]);
    let companies = company_cells.unique("id")?;
    // Two companies of one name (as matched, folded) would break the journal's rule on restore.
    let mut names = std::collections::HashSet::new();
    let company_rows = rows_of(tables, "companies");
    let (folded_at, name_at) = (company_rows.col("folded"), company_rows.col("name"));
    for (n, c) in company_rows.rows().enumerate() {
        let folded = c.at(folded_at).and_then(Val::as_str).map_or_else(|| fold(text_at(c, name_at)), str::to_owned);
        if !names.insert(folded) {
            return Err(Error::invalid(format!("file.companies.{n}.name"), Problem::NameTaken));
        }
    }
    // One default version per template kind and language (the journal's rule): refused now, before the app takes
    // its backup, rather than by the journal in the middle of the import.
    let template_rows = rows_of(tables, "templates");
    let (kind_at, lang_at, default_at) =
        (template_rows.col("kind"), template_rows.col("lang"), template_rows.col("is_default"));
    let mut defaults = std::collections::HashSet::new();
    for (n, t) in template_rows.rows().enumerate() {
        let is_default = t.at(default_at).and_then(Val::as_i64).unwrap_or(1) == 1;
        if is_default && !defaults.insert((text_at(t, kind_at).to_owned(), text_at(t, lang_at).to_owned())) {
            return Err(Error::invalid(format!("file.templates.{n}.is_default"), Problem::NotRebound));
        }
    }
    let applications = app_cells.unique("id")?;
    let people = people_cells.unique("id")?;
    let events = event_cells.unique("id")?;
    step_cells.unique("id")?;
    reflection_cells.unique("outcome_event_id")?;
    // Applications and people belong to a company of the file.
    app_cells.refer("company_id", &companies, false)?;
    people_cells.refer("company_id", &companies, false)?;
    let events_of = event_cells.children("application_id", &applications)?;
    let links_of = link_cells.children("application_id", &applications)?;
    link_cells.refer("person_id", &people, false)?;
    let steps_of = step_cells.children("application_id", &applications)?;
    step_cells.refer("outcome_event_id", &events, true)?;
    step_cells.refer("person_id", &people, true)?;
    let event_people_of = tag_cells.children("event_id", &events)?;
    tag_cells.refer("person_id", &people, false)?;
    let reflections_of = reflection_cells.children("outcome_event_id", &events)?;
    drop((company_cells, app_cells, people_cells, event_cells, step_cells, reflection_cells, link_cells, tag_cells));

    let event_rows = rows_of(tables, "events");
    let (kind_at, occurred_at) = (event_rows.col("kind"), event_rows.col("occurred_on"));
    let app_rows = rows_of(tables, "applications");
    let [id_at, company_at, role_at, applied_at, url_at, location_at, source_at, lang_at] =
        ["id", "company_id", "role", "applied_on", "posting_url", "location", "source", "lang"]
            .map(|c| app_rows.col(c));
    let apps = app_rows
        .rows()
        .enumerate()
        .map(|(n, a)| {
            let id = a.at(id_at).and_then(Val::as_i64).unwrap_or_default();
            let company_id = a.at(company_at).and_then(Val::as_i64).unwrap_or_default();
            let company = companies.get(&company_id).map(|c| text_at(company_rows.row(*c), name_at)).unwrap_or("");
            let mut timeline: Vec<(String, String)> = events_of
                .of(n)
                .iter()
                .map(|e| event_rows.row(*e))
                .filter(|e| text_at(*e, kind_at) != "reminder")
                .map(|e| (text_at(e, kind_at).to_owned(), text_at(e, occurred_at).to_owned()))
                .collect();
            timeline.sort();
            let role = text_at(a, role_at);
            let key = (fold(company), fold(role), text_at(a, applied_at).to_owned());
            let content = (
                text_at(a, url_at).to_owned(),
                text_at(a, location_at).to_owned(),
                text_at(a, source_at).to_owned(),
                text_at(a, lang_at).to_owned(),
                timeline,
            );
            FileApp { row: n, id, key, content, label: format!("{company} — {role}") }
        })
        .collect();
    Ok(Indexed {
        apps,
        companies,
        people,
        applications,
        events,
        events_of,
        links_of,
        steps_of,
        event_people_of,
        reflections_of,
    })
}

impl Document {
    fn rows(&self, table: &str) -> &Table {
        rows_of(&self.tables, table)
    }

    /// The rows of `table` that `index` lists under `id`, in file order.
    /// The rows of `table` that `groups` lists under the row of id `id` in `parents`, in file order.
    fn at<'a>(&'a self, table: &str, groups: &'a Groups, parents: &Ids, id: i64) -> impl Iterator<Item = Rec<'a>> {
        let rows = self.rows(table);
        let of = parents.get(&id).map(|p| groups.of(*p)).unwrap_or_default();
        of.iter().map(move |n| rows.row(*n))
    }

    /// How many applications the file holds.
    pub fn applications(&self) -> usize {
        self.apps.len()
    }

    /// The settings to put in place when this file is restored into an empty journal: the file's, except
    /// whether Rebound starts at login, which is kept as `current` has it — the file cannot bring the
    /// autostart entry that setting stands for (it would show "on" with nothing behind it) — and the calendar's
    /// account, which is this machine's too (its password is in this machine's keyring).
    pub fn settings_to_restore(&self, current: &crate::settings::Settings) -> Option<crate::settings::Settings> {
        let mut s = crate::settings::Settings::from_json(self.settings.as_ref()?);
        s.start_at_login = current.start_at_login;
        s.calendar = current.calendar.clone();
        Some(s)
    }
}

/// The settings as an export carries them: everything but the calendar's account (server address, user name),
/// which belongs to this machine and whose password never leaves its keyring.
pub fn settings_for_export(settings: &crate::settings::Settings) -> Option<Value> {
    let mut value = serde_json::to_value(settings).ok()?;
    if let Value::Object(map) = &mut value {
        map.remove("calendar");
    }
    Some(value)
}

/// What an import will do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// The journal is empty: everything is restored as it was (settings included).
    pub restore: bool,
    /// "Company — Role" of the applications that will be added.
    pub new: Vec<String>,
    /// Already in the journal, the same: left as they are.
    pub already_there: Vec<String>,
    /// Same company, role and date, different content: the journal's version is kept.
    pub conflicting: Vec<String>,
    /// User template versions that will be added (kind/lang/name); those the journal already has are kept.
    pub new_templates: usize,
}

fn text<'a>(row: Rec<'a>, col: &str) -> &'a str {
    row.get(col).and_then(Val::as_str).unwrap_or_default()
}

/// [`text`] of a column found beforehand ([`Table::col`]).
fn text_at(row: Rec<'_>, col: Option<u32>) -> &str {
    row.at(col).and_then(Val::as_str).unwrap_or_default()
}

fn int(row: Rec<'_>, col: &str) -> i64 {
    row.get(col).and_then(Val::as_i64).unwrap_or_default()
}

/// What identifies an application across journals: folded company, folded role, date applied.
type Key = (String, String, String);

/// What is compared to tell "already there" from "conflicting": the facts and the timeline's kinds and days.
type Content = (String, String, String, String, Vec<(String, String)>);

fn journal_app(conn: &Connection, key: &Key) -> Result<Option<Content>> {
    // The role is compared folded, in Rust (SQLite's lower() does not fold accents).
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.role, a.posting_url, a.location, a.source, a.lang FROM applications a
           JOIN companies c ON c.id = a.company_id WHERE c.folded = ?1 AND a.applied_on = ?2",
    )?;
    let candidates = stmt
        .query_map([&key.0, &key.2], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<rusqlite::Result<Vec<(i64, String, String, String, String, String)>>>()?;
    let Some((id, _, url, location, source, lang)) = candidates.into_iter().find(|c| fold(&c.1) == key.1) else {
        return Ok(None);
    };
    let mut ev = conn.prepare_cached(
        "SELECT kind, occurred_on FROM events WHERE application_id = ?1 AND kind <> 'reminder' ORDER BY kind, occurred_on",
    )?;
    let events = ev.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some((url, location, source, lang, events)))
}

fn is_empty(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT (SELECT count(*) FROM companies) + (SELECT count(*) FROM templates) = 0", [], |r| {
        r.get(0)
    })?)
}

/// What an import will do, and which of the file's applications (by position in `doc.apps`) are new.
fn plan(conn: &Connection, doc: &Document) -> Result<(Preview, Vec<usize>)> {
    if is_empty(conn)? {
        let new = doc.apps.iter().map(|a| a.label.clone()).collect();
        let all = (0..doc.apps.len()).collect();
        return Ok((
            Preview { restore: true, new, new_templates: doc.rows("templates").len(), ..Preview::default() },
            all,
        ));
    }
    let mut p = Preview::default();
    let mut added = Vec::new();
    // Two applications of the file with one key are one in the journal: the first is added, the second is
    // then "already there" (or conflicting), as a second import would say.
    let mut seen: HashMap<&Key, &Content> = HashMap::new();
    for (n, app) in doc.apps.iter().enumerate() {
        let there = match seen.get(&app.key) {
            Some(c) => Some((*c).clone()),
            None => journal_app(conn, &app.key)?,
        };
        match there {
            None => {
                p.new.push(app.label.clone());
                added.push(n);
                seen.insert(&app.key, &app.content);
            }
            Some(c) if c == app.content => p.already_there.push(app.label.clone()),
            Some(_) => p.conflicting.push(app.label.clone()),
        }
    }
    let mut exists =
        conn.prepare_cached("SELECT count(*) > 0 FROM templates WHERE kind = ?1 AND lang = ?2 AND name = ?3")?;
    let mut file_templates = std::collections::HashSet::new();
    for t in doc.rows("templates").rows() {
        let id = (text(t, "kind"), text(t, "lang"), text(t, "name"));
        if file_templates.insert(id) && !exists.query_row([id.0, id.1, id.2], |r| r.get::<_, bool>(0))? {
            p.new_templates += 1;
        }
    }
    Ok((p, added))
}

/// Says what importing `doc` into this journal will do, changing nothing. The file was read and indexed by
/// [`parse`]: this is one indexed look-up per application of the file, the part that needs the journal.
pub fn preview(conn: &Connection, doc: &Document) -> Result<Preview> {
    Ok(plan(conn, doc)?.0)
}

/// Imports `doc`: restores it exactly into an empty journal, or merges it (new applications added with their
/// timeline, plan, people and reflections; the others left as they are). One transaction: all or nothing.
pub fn import(conn: &mut Connection, doc: &Document) -> Result<Preview> {
    conn.set_prepared_statement_cache_capacity(64);
    // For this transaction only (SQLite ignores `foreign_keys` inside one, so it is set around it): no parent
    // looked up per row written — `parse` checked every reference of the file, and `foreign_key_check` below
    // checks the whole journal before the commit, so nothing broken is ever committed — and a page cache
    // large enough for the indexes of 100,000 applications (2 MB by default; each spilled page is written
    // twice). Put back as they were however the import ends.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    let keys: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let done = import_in_one_transaction(conn, doc);
    let put_back =
        conn.pragma_update(None, "foreign_keys", keys).and_then(|()| conn.pragma_update(None, "cache_size", cache));
    let done = done?;
    put_back?;
    Ok(done)
}

/// The page cache an import works with, in KiB (SQLite's negative `cache_size`): up to 1 GB, allocated as pages are
/// used (a 100,000-application journal is 222 MB) and given back after.
const IMPORT_CACHE_KIB: i64 = 1024 * 1024;

fn import_in_one_transaction(conn: &mut Connection, doc: &Document) -> Result<Preview> {
    let tx = conn.transaction()?;
    let (p, added) = plan(&tx, doc)?;
    // New applications take ids above every one there (and a restore, the file's own, in an empty journal).
    let first_new: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM applications", [], |r| r.get(0))?;
    let first_new = if p.restore { i64::MIN } else { first_new };
    let written = crate::journal::search::bulk(&tx, first_new, || {
        if p.restore {
            restore(&tx, doc)
        } else {
            merge(&tx, doc, &added)
        }
    });
    // A row the journal's rules refuse (two default versions of one template, a kind Rebound does not know…)
    // can only come from a file edited by hand: it is refused as a whole, like any file that is not ours.
    written.map_err(|e| match e {
        Error::Db(rusqlite::Error::SqliteFailure(f, msg)) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            // Logged: were it Rebound's own merge at fault rather than the file, this is where it would show.
            log::warn!("import refused by the journal's rules: {}", msg.as_deref().unwrap_or("constraint"));
            not_ours()
        }
        other => other,
    })?;
    let broken: Option<String> = tx.query_row("PRAGMA foreign_key_check", [], |r| r.get(0)).optional()?;
    if let Some(table) = broken {
        return Err(Error::invalid(format!("file.{table}"), Problem::NotRebound));
    }
    tx.commit()?;
    Ok(p)
}

/// Writes every row of the file as it is into the empty journal. The journal's secondary indexes (not those
/// that enforce a rule: unique ones stay) are dropped and made again after: one sort of a column each, rather
/// than a million updates in random places of each.
fn restore(tx: &Connection, doc: &Document) -> Result<()> {
    let tables: Vec<String> = TABLES.iter().map(|t| format!("'{t}'")).collect();
    let indexes: Vec<(String, String)> = tx
        .prepare(&format!(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
               AND sql NOT LIKE 'CREATE UNIQUE %' AND tbl_name IN ({})",
            tables.join(", ")
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    TABLES.iter().try_for_each(|t| insert_all(tx, t, doc.rows(t)))?;
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    Ok(())
}

/// Rows written by one `INSERT` at most: SQLite's work per statement (opening a cursor on the table and each
/// index, building the lists of its `CHECK (x IN (…))` rules) is then shared by this many rows.
const ROWS_PER_INSERT: usize = 32;

/// The first of `names` (in name order, as a `Value` map listed them) that is not a column of the table: a file
/// cannot name one, and none reaches SQL.
fn unknown<'a>(table: &str, cols: &[String], names: impl Iterator<Item = &'a str>) -> Result<()> {
    match names.filter(|k| !cols.iter().any(|c| c == k)).min() {
        Some(bad) => Err(Error::invalid(format!("{table}.{bad}"), Problem::NotAChoice)),
        None => Ok(()),
    }
}

/// Inserts the rows of `rows` into `table` as they are (ids included). A column the table does not have is
/// refused.
fn insert_all(conn: &Connection, table: &str, rows: &Table) -> Result<()> {
    let cols = rows::columns(conn, table)?;
    // Rows of one table almost always share their columns: consecutive rows with the same ones are written
    // ROWS_PER_INSERT at a time, by a statement made once per set of columns and count (a restore of 100,000
    // applications writes about 1.5 million rows) and kept here.
    let mut statements: HashMap<(Vec<u32>, usize), rusqlite::Statement<'_>> = HashMap::new();
    let mut start = 0;
    while start < rows.len() {
        let first = rows.row(start);
        let keys: Vec<u32> = first.cols().collect();
        unknown(table, &cols, first.iter().map(|(k, _)| k))?;
        let same = (start..rows.len())
            .take(ROWS_PER_INSERT)
            .take_while(|n| rows.row(*n).cols().eq(keys.iter().copied()))
            .count();
        let key = (keys, same);
        let stmt = match statements.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let (keys, same) = e.key();
                let names: Vec<&str> = keys.iter().map(|k| rows.col_name(*k)).collect();
                let mut sql = format!("INSERT INTO {table} ({}) VALUES ", names.join(", "));
                let mut mark = 0;
                for r in 0..*same {
                    sql.push_str(if r == 0 { "(" } else { ", (" });
                    for c in 0..names.len() {
                        mark += 1;
                        sql.push_str(&format!("{}?{mark}", if c == 0 { "" } else { ", " }));
                    }
                    sql.push(')');
                }
                e.insert(conn.prepare(&sql)?)
            }
        };
        let values = (start..start + same).flat_map(|n| rows.row(n).iter().map(|(_, v)| v.to_sql()));
        stmt.execute(rusqlite::params_from_iter(values))?;
        start += same;
    }
    Ok(())
}

/// The columns of each table, read once per merge.
struct Columns(HashMap<&'static str, Vec<String>>);

impl Columns {
    fn read(conn: &Connection) -> Result<Columns> {
        TABLES.iter().map(|t| Ok((*t, rows::columns(conn, t)?))).collect::<Result<_>>().map(Columns)
    }

    /// Inserts `row` into `table` without its columns named in `drop`, and with those in `set` given these
    /// values instead (a row of another journal under its new ids, without copying it), and returns the new
    /// rowid. A column the table does not have is refused.
    fn insert(
        &self,
        conn: &Connection,
        table: &'static str,
        row: Rec<'_>,
        drop: &[&str],
        set: &[(&str, Sql)],
    ) -> Result<i64> {
        let cols = &self.0[table];
        unknown(table, cols, row.iter().map(|(k, _)| k))?;
        unknown(table, cols, set.iter().map(|(k, _)| *k))?;
        let kept = |k: &str| !drop.contains(&k) && !set.iter().any(|(s, _)| *s == k);
        let mut names: Vec<&str> = Vec::new();
        let mut values: Vec<rusqlite::types::ToSqlOutput<'_>> = Vec::new();
        for (k, v) in row.iter().filter(|(k, _)| kept(k)) {
            names.push(k);
            values.push(v.to_sql());
        }
        for (k, v) in set {
            names.push(k);
            values.push(rusqlite::types::ToSqlOutput::Borrowed(v.into()));
        }
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let sql = format!("INSERT INTO {table} ({}) VALUES ({})", names.join(", "), marks.join(", "));
        // Rows of one table share their columns: the statement is prepared once and reused.
        conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
        Ok(conn.last_insert_rowid())
    }
}

fn merge(conn: &Connection, doc: &Document, added: &[usize]) -> Result<()> {
    let cols = Columns::read(conn)?;
    let (company_rows, people_rows) = (doc.rows("companies"), doc.rows("people"));
    let mut company_ids: HashMap<i64, i64> = HashMap::new();
    let mut person_ids: HashMap<i64, i64> = HashMap::new();
    let mut find_company = conn.prepare_cached("SELECT id FROM companies WHERE folded = ?1")?;
    let mut same_people = conn.prepare_cached("SELECT id, name FROM people WHERE company_id = ?1")?;
    for n in added {
        let FileApp { row, id: old_app, .. } = &doc.apps[*n];
        let (app, old_app) = (doc.rows("applications").row(*row), *old_app);
        let old_company = int(app, "company_id");
        let company = match company_ids.get(&old_company) {
            Some(id) => *id,
            None => {
                let row = doc.companies.get(&old_company).map(|c| company_rows.row(*c)).ok_or_else(not_ours)?;
                let folded = fold(text(row, "name"));
                let id = match find_company.query_row([&folded], |r| r.get(0)).optional()? {
                    Some(id) => id,
                    None => cols.insert(conn, "companies", row, &["id"], &[("folded", folded.into())])?,
                };
                company_ids.insert(old_company, id);
                id
            }
        };
        let app_id = cols.insert(conn, "applications", app, &["id"], &[("company_id", company.into())])?;
        let mut person = |old: i64| -> Result<i64> {
            if let Some(id) = person_ids.get(&old) {
                return Ok(*id);
            }
            let row = doc.people.get(&old).map(|p| people_rows.row(*p)).ok_or_else(not_ours)?;
            let name = fold(text(row, "name"));
            let same = same_people
                .query_map([company], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .find(|(_, n)| fold(n) == name);
            let id = match same {
                Some((id, _)) => id,
                None => cols.insert(conn, "people", row, &["id"], &[("company_id", company.into())])?,
            };
            person_ids.insert(old, id);
            Ok(id)
        };
        let mut link = conn
            .prepare_cached("INSERT OR IGNORE INTO application_people (application_id, person_id) VALUES (?1, ?2)")?;
        for l in doc.at("application_people", &doc.links_of, &doc.applications, old_app) {
            let p = person(int(l, "person_id"))?;
            link.execute([app_id, p])?;
        }
        // Old id → new id, in file order.
        let mut event_ids: Vec<(i64, i64)> = Vec::new();
        for e in doc.at("events", &doc.events_of, &doc.applications, old_app) {
            // A message's addressee is a person of the file: it takes that person's id in this journal (a
            // person the file does not hold is dropped rather than pointed at someone else).
            let mut set = vec![("application_id", Sql::Integer(app_id))];
            let details: Option<Value> =
                e.get("details").and_then(Val::as_str).and_then(|d| serde_json::from_str(d).ok());
            if let Some(mut details) = details.filter(|d| d.get("person_id").is_some()) {
                let old_person = details["person_id"].as_i64().filter(|p| doc.people.contains_key(p));
                match old_person {
                    Some(p) => details["person_id"] = person(p)?.into(),
                    None => {
                        details.as_object_mut().map(|o| o.remove("person_id"));
                    }
                }
                set.push(("details", details.to_string().into()));
            }
            let id = cols.insert(conn, "events", e, &["id"], &set)?;
            event_ids.push((int(e, "id"), id));
        }
        let mut tag =
            conn.prepare_cached("INSERT OR IGNORE INTO event_people (event_id, person_id) VALUES (?1, ?2)")?;
        for (old_event, new_event) in &event_ids {
            for ep in doc.at("event_people", &doc.event_people_of, &doc.events, *old_event) {
                let p = person(int(ep, "person_id"))?;
                tag.execute([*new_event, p])?;
            }
            for r in doc.at("reflections", &doc.reflections_of, &doc.events, *old_event) {
                cols.insert(conn, "reflections", r, &[], &[("outcome_event_id", (*new_event).into())])?;
            }
        }
        // A keep-in-touch reminder (with a person) is not imported: the people's cadences bring it back.
        for s in doc
            .at("plan_steps", &doc.steps_of, &doc.applications, old_app)
            .filter(|s| s.get("person_id").is_none_or(Val::is_null))
        {
            let old_event = int(s, "outcome_event_id");
            let ev = event_ids.iter().find(|(old, _)| *old == old_event).map(|(_, new)| new).ok_or_else(not_ours)?;
            cols.insert(
                conn,
                "plan_steps",
                s,
                &["id"],
                &[("application_id", app_id.into()), ("outcome_event_id", (*ev).into())],
            )?;
        }
    }
    // A version of the same kind, language and name is kept as it is; a new one stays the default only if the
    // journal has no default of its own for that kind and language (files from before versions: every row is one).
    for t in doc.rows("templates").rows() {
        let was_default = t.get("is_default").and_then(Val::as_i64).unwrap_or(1) == 1;
        conn.execute(
            "INSERT OR IGNORE INTO templates (kind, lang, name, subject, body, updated_at, is_default)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                     ?7 AND NOT EXISTS (SELECT 1 FROM templates WHERE kind = ?1 AND lang = ?2 AND is_default = 1))",
            rusqlite::params![
                text(t, "kind"),
                text(t, "lang"),
                text(t, "name"),
                text(t, "subject"),
                text(t, "body"),
                text(t, "updated_at"),
                was_default
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::journal;
    use crate::testing::{now, today};
    use chrono::NaiveDate;

    pub(crate) fn full(conn: &mut Connection, company: &str, role: &str) -> i64 {
        crate::sample::full_application(conn, company, role, today(), now()).unwrap()
    }

    fn dump(conn: &Connection) -> Vec<Vec<rows::Row>> {
        TABLES.iter().map(|t| rows::select(conn, t, "1 ORDER BY 1, 2", &[]).unwrap()).collect()
    }

    #[test]
    fn into_an_empty_journal_every_table_comes_back_equal() {
        let mut a = crate::db::open_in_memory().unwrap();
        full(&mut a, "Desjardins", "Analyste de données");
        full(&mut a, "Cirque du Soleil", "Développeur");
        // A person kept in touch with, and their reminder: restored as they were.
        crate::people::set_cadence(&a, 1, Some(6), NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now()).unwrap();
        assert_eq!(crate::people::sync(&mut a, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now()).unwrap(), 1);
        a.execute(
            "INSERT INTO templates (kind, lang, subject, body, updated_at) VALUES ('thank_you', 'fr', 'Merci', 'Corps', 'x')",
            [],
        )
        .unwrap();
        let doc = export(&a, Some(json!({"myName": "Léa"})), now()).unwrap();
        let text = serde_json::to_string_pretty(&doc).unwrap();

        let mut b = crate::db::open_in_memory().unwrap();
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.settings, Some(json!({"myName": "Léa"})));
        let p = import(&mut b, &parsed).unwrap();
        assert!(p.restore);
        assert_eq!(p.new.len(), 2);
        for (t, (x, y)) in TABLES.iter().zip(dump(&a).into_iter().zip(dump(&b))) {
            assert_eq!(x, y, "table {t}");
        }
    }

    #[test]
    fn a_file_edited_to_break_the_journals_rules_is_refused_whole() {
        let mut a = crate::db::open_in_memory().unwrap();
        full(&mut a, "Desjardins", "Analyste de données");
        for name in ["Courte", "Longue"] {
            a.execute(
                "INSERT INTO templates (kind, lang, name, subject, body, is_default, updated_at)
                 VALUES ('thank_you', 'fr', ?1, 'Merci', 'Corps', 0, 'x')",
                [name],
            )
            .unwrap();
        }
        let mut doc = export(&a, None, now()).unwrap();
        // By hand: both versions made the default.
        for t in doc["tables"]["templates"].as_array_mut().unwrap() {
            t["is_default"] = 1.into();
        }
        // Refused when the file is read, before anything (the app's backup first of all) is done with it.
        match parse(&doc.to_string()) {
            Err(Error::Invalid(v)) => {
                assert_eq!(v[0].field.as_str(), "file.templates.1.is_default");
                assert_eq!(v[0].problem, Problem::NotRebound);
            }
            other => panic!("{other:?}"),
        }
        // One the file's checks let through but the journal refuses (two versions of one name): refused whole.
        for t in doc["tables"]["templates"].as_array_mut().unwrap() {
            (t["is_default"], t["name"]) = (0.into(), "Courte".into());
        }
        let mut b = crate::db::open_in_memory().unwrap();
        let parsed = parse(&doc.to_string()).unwrap();
        match import(&mut b, &parsed) {
            Err(Error::Invalid(v)) => assert_eq!((v[0].field.as_str(), v[0].problem), ("file", Problem::NotRebound)),
            other => panic!("{other:?}"),
        }
        let kept: i64 = b.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, 0, "nothing of the file was written");
    }

    #[test]
    fn into_a_journal_in_use_it_previews_then_merges_all_or_nothing() {
        let mut a = crate::db::open_in_memory().unwrap();
        full(&mut a, "Desjardins", "Analyste de données");
        full(&mut a, "Cirque du Soleil", "Développeur");
        let hq_app = full(&mut a, "Hydro-Québec", "Ingénieure");
        let hq_person = journal::get_application(&a, hq_app).unwrap().people[0].id;
        crate::people::set_cadence(&a, hq_person, Some(3), NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now())
            .unwrap();
        let on = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        crate::plan::log_message_sent(&mut a, hq_app, "interview_thanks", "email", Some(hq_person), on, now()).unwrap();
        crate::people::sync(&mut a, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now()).unwrap();
        let doc = parse(&export(&a, None, now()).unwrap().to_string()).unwrap();

        let mut b = crate::db::open_in_memory().unwrap();
        full(&mut b, "DESJARDINS", "analyste de donnees"); // the same one, typed differently
        let c = full(&mut b, "Cirque du Soleil", "Développeur");
        b.execute("UPDATE applications SET location = 'Laval' WHERE id = ?1", [c]).unwrap(); // now it differs
                                                                                             // One more person here than in the file, so that the file's person ids mean someone else in this journal.
        b.execute("INSERT INTO people (company_id, name, created_at, updated_at) VALUES (1, 'Extra', 'x', 'x')", [])
            .unwrap();
        let p = preview(&b, &doc).unwrap();
        assert!(!p.restore);
        assert_eq!(p.new, ["Hydro-Québec — Ingénieure"]);
        assert_eq!(p.already_there, ["Desjardins — Analyste de données"]);
        assert_eq!(p.conflicting, ["Cirque du Soleil — Développeur"]);

        let before: i64 = b.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        import(&mut b, &doc).unwrap();
        let after: i64 = b.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        assert_eq!(after, before + 1);
        let hq: i64 = b
            .query_row(
                "SELECT a.id FROM applications a JOIN companies c ON c.id = a.company_id WHERE c.name = 'Hydro-Québec'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let d = journal::get_application(&b, hq).unwrap();
        assert_eq!(d.people.len(), 1);
        let kinds: Vec<&str> = d.timeline.iter().map(|e| e.kind.as_str()).collect();
        assert!(
            kinds.contains(&"interview") && kinds.contains(&"rejected") && kinds.contains(&"reflection"),
            "{kinds:?}"
        );
        let steps: i64 =
            b.query_row("SELECT count(*) FROM plan_steps WHERE application_id = ?1", [hq], |r| r.get(0)).unwrap();
        assert!(steps >= 4, "its plan came with it");
        // The person's cadence came too; their reminder is not copied but made again from it, on the new ids.
        let hq_person = d.people[0].id;
        let months: Option<u32> =
            b.query_row("SELECT keep_in_touch_months FROM people WHERE id = ?1", [hq_person], |r| r.get(0)).unwrap();
        assert_eq!(months, Some(3));
        // The message to her names her by her id here.
        let to: i64 = b
            .query_row(
                "SELECT json_extract(details, '$.person_id') FROM events WHERE application_id = ?1 AND kind = 'message_sent'",
                [hq],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(to, hq_person);
        let count = |b: &Connection| -> i64 {
            b.query_row("SELECT count(*) FROM plan_steps WHERE person_id = ?1", [hq_person], |r| r.get(0)).unwrap()
        };
        assert_eq!(count(&b), 0);
        crate::people::sync(&mut b, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), now()).unwrap();
        assert_eq!(count(&b), 1);
        // Importing again adds nothing.
        assert!(preview(&b, &doc).unwrap().new.is_empty());
    }

    #[test]
    fn a_broken_file_changes_nothing() {
        let mut a = crate::db::open_in_memory().unwrap();
        full(&mut a, "Desjardins", "Analyste");
        let mut doc = export(&a, None, now()).unwrap();
        // A plan step pointing at an event that is not in the file.
        doc["tables"]["plan_steps"][0]["outcome_event_id"] = json!(999);
        let mut b = crate::db::open_in_memory().unwrap();
        // Refused as it is read now, before any journal is looked at (was: by the import's own checks).
        assert!(parse(&doc.to_string()).and_then(|d| import(&mut b, &d)).is_err());
        assert_eq!(dump(&b), dump(&crate::db::open_in_memory().unwrap()), "all or nothing");

        for bad in [
            "",
            "{}",
            "[1]",
            r#"{"format":"rebound","version":9,"schemaVersion":1,"tables":{}}"#,
            r#"{"format":"rebound","version":1,"schemaVersion":1,"tables":{"sqlite_master":[]}}"#,
        ] {
            assert!(matches!(parse(bad), Err(Error::Invalid(_))), "{bad}");
        }
    }

    /// An export of `n` applications like `full()`'s (see [`crate::sample::export_of_many`]).
    pub(crate) fn synthetic(n: usize, first: usize) -> Value {
        crate::sample::export_of_many(n, first, today(), now()).unwrap()
    }

    #[test]
    fn a_file_whose_rows_the_forms_would_refuse_is_refused_naming_the_row() {
        let mut a = crate::db::open_in_memory().unwrap();
        full(&mut a, "Desjardins", "Analyste");
        full(&mut a, "Cirque du Soleil", "Développeur");
        let doc = export(&a, None, now()).unwrap();
        let refused = |edit: &dyn Fn(&mut Value)| {
            let mut d = doc.clone();
            edit(&mut d);
            match parse(&d.to_string()) {
                Err(Error::Invalid(v)) => v.into_iter().map(|f| (f.field, f.problem)).collect::<Vec<_>>(),
                other => panic!("{other:?}"),
            }
        };
        // A 5 MB name.
        let big = refused(&|d| d["tables"]["companies"][1]["name"] = "x".repeat(5_000_000).into());
        assert_eq!(big, [("file.companies.1.name".to_owned(), Problem::TooLong { max: MAX_CELL })]);
        // A bare CR in a company (it breaks the ICS) or a role longer than the form allows.
        let cr = refused(&|d| d["tables"]["companies"][0]["name"] = "Acme\rInc".into());
        assert_eq!(cr, [("file.companies.0.name".to_owned(), Problem::ControlCharacter)]);
        let long = refused(&|d| d["tables"]["applications"][1]["role"] = "r".repeat(201).into());
        assert_eq!(long, [("file.applications.1.role".to_owned(), Problem::TooLong { max: 200 })]);
        let mail = refused(&|d| d["tables"]["people"][0]["email"] = "nobody".into());
        assert_eq!(mail, [("file.people.0.email".to_owned(), Problem::NotEmail)]);
        let note = refused(&|d| d["tables"]["reflections"][0]["feelings"] = "a\u{0}b".into());
        assert_eq!(note, [("file.reflections.0.feelings".to_owned(), Problem::ControlCharacter)]);
        // Two applications under one id: the preview would list both, the merge insert one twice.
        let twice = refused(&|d| d["tables"]["applications"][1]["id"] = d["tables"]["applications"][0]["id"].clone());
        assert_eq!(twice, [("file.applications.1.id".to_owned(), Problem::NotRebound)]);
        // Values the journal's own rules refuse: caught here, before the backup an import takes.
        let kind = refused(&|d| d["tables"]["plan_steps"][0]["kind"] = "bogus".into());
        assert_eq!(kind, [("file.plan_steps.0.kind".to_owned(), Problem::NotAChoice)]);
        let day = refused(&|d| d["tables"]["events"][1]["occurred_on"] = "2026-10-10junk".into());
        assert_eq!(day, [("file.events.1.occurred_on".to_owned(), Problem::NotADate)]);
        let months = refused(&|d| d["tables"]["people"][1]["keep_in_touch_months"] = 99.into());
        assert_eq!(
            months,
            [("file.people.1.keep_in_touch_months".to_owned(), Problem::OutOfRange { min: 1, max: 24 })]
        );
        let options = refused(&|d| d["tables"]["plan_steps"][1]["options"] = "{".into());
        assert_eq!(options, [("file.plan_steps.1.options".to_owned(), Problem::NotRebound)]);
        let same = refused(&|d| d["tables"]["companies"][1]["folded"] = d["tables"]["companies"][0]["folded"].clone());
        assert_eq!(same, [("file.companies.1.name".to_owned(), Problem::NameTaken)]);
        // An event of an application the file does not hold.
        let orphan = refused(&|d| d["tables"]["events"][0]["application_id"] = 999.into());
        assert_eq!(orphan, [("file.events.0.application_id".to_owned(), Problem::NotRebound)]);
        // The journal's own export passes.
        assert_eq!(parse(&doc.to_string()).unwrap().applications(), 2);
    }

    #[test]
    fn what_an_import_adds_is_found_by_search_and_the_index_stays_current() {
        let mut b = crate::db::open_in_memory().unwrap();
        full(&mut b, "Déjà là", "Analyste");
        let doc = parse(&synthetic(3, 0).to_string()).unwrap();
        import(&mut b, &doc).unwrap();
        let found = |b: &Connection, q: &str| crate::journal::search::search(b, q).unwrap().len();
        assert_eq!(found(&b, "company"), 3, "merged applications are indexed");
        assert_eq!(found(&b, "deja"), 1, "those already there still are");
        assert_eq!(found(&b, "retenu"), 4, "with their notes");
        // The index's triggers are back: a change after the import is found.
        b.execute("UPDATE companies SET name = 'Zébulon' WHERE name = 'Company 1'", []).unwrap();
        assert_eq!(found(&b, "zebulon"), 1);
        let mut c = crate::db::open_in_memory().unwrap();
        import(&mut c, &doc).unwrap();
        assert_eq!(found(&c, "company"), 3, "restored applications are indexed");
        // A refused file leaves the triggers in place (the rollback puts them back): one the journal refuses
        // though the file's own checks pass (a second company of a name already in the journal, which a merge
        // reuses, is not that; two versions of one template under one name are).
        let mut bad = synthetic(1, 10);
        bad["tables"]["templates"] = json!([
            {"kind": "thank_you", "lang": "fr", "name": "a", "subject": "", "body": "b", "is_default": 0, "updated_at": "x"},
            {"kind": "thank_you", "lang": "fr", "name": "a", "subject": "", "body": "c", "is_default": 0, "updated_at": "x"}
        ]);
        let mut empty = crate::db::open_in_memory().unwrap();
        assert!(import(&mut empty, &parse(&bad.to_string()).unwrap()).is_err());
        empty
            .execute("INSERT INTO companies (name, folded, created_at) VALUES ('Zébulon', 'zebulon', 'x')", [])
            .unwrap();
        empty
            .execute(
                "INSERT INTO applications (company_id, role, applied_on, lang, created_at, updated_at)
                 VALUES (last_insert_rowid(), 'r', '2026-01-01', 'fr', 'x', 'x')",
                [],
            )
            .unwrap();
        assert_eq!(found(&empty, "zebulon"), 1);
        c.execute("UPDATE companies SET name = 'Zébulon' WHERE name = 'Company 2'", []).unwrap();
        assert_eq!(found(&c, "zebulon"), 1);
    }

    #[test]
    fn ids_are_found_in_a_table_or_a_map_alike() {
        for ids in [vec![3_i64, 1, 2], vec![100, 300, 200, 1_000], vec![-5, i64::MAX, i64::MIN, 7]] {
            let mut found = Ids::for_ids(ids.iter().copied());
            for (n, id) in ids.iter().enumerate() {
                assert_eq!(found.insert(*id, n), None);
            }
            assert_eq!(found.insert(ids[0], 9), Some(0), "a second row of one id is seen");
            assert_eq!(found.len(), ids.len());
            for (n, id) in ids.iter().enumerate().skip(1) {
                assert_eq!(found.get(id), Some(&n));
            }
            for other in [0, 4, 150, 250, 1_100, -6, i64::MAX - 1] {
                assert!(!found.contains_key(&other), "{other} in {ids:?}");
            }
        }
        assert!(matches!(Ids::for_ids([100_i64, 200, 300].into_iter()), Ids::Dense { step: 100, .. }));
        assert!(matches!(Ids::for_ids([1_i64, 2, 1 << 40].into_iter()), Ids::Sparse(_)));
    }

    #[test]
    fn start_at_login_is_not_taken_from_a_file() {
        let a = crate::db::open_in_memory().unwrap();
        let doc = export(&a, Some(json!({"startAtLogin": true, "myName": "Léa"})), now()).unwrap();
        let doc = parse(&doc.to_string()).unwrap();
        let current = crate::settings::Settings::default();
        let restored = doc.settings_to_restore(&current).unwrap();
        assert!(!restored.start_at_login, "no autostart entry comes with a file");
        let on = crate::settings::Settings { start_at_login: true, ..Default::default() };
        assert!(doc.settings_to_restore(&on).unwrap().start_at_login, "this machine's entry stays as it is");
    }

    #[test]
    fn the_calendar_account_stays_on_this_machine() {
        let calendar = crate::settings::CalendarSettings {
            enabled: true,
            url: "https://cloud.example.org".into(),
            user: "lea".into(),
            calendar: "https://cloud.example.org/remote.php/dav/calendars/lea/rebound/".into(),
            calendar_name: "Rebound".into(),
        };
        let mine =
            crate::settings::Settings { calendar: calendar.clone(), my_name: "Léa".into(), ..Default::default() };
        let carried = settings_for_export(&mine).unwrap();
        assert_eq!(carried["myName"], "Léa");
        assert!(carried.get("calendar").is_none(), "{carried}");
        assert!(!carried.to_string().contains("cloud.example.org"));
        // A file that does carry one (written by hand, or by a build before this one) does not bring it in.
        let a = crate::db::open_in_memory().unwrap();
        let mut with = serde_json::to_value(&mine).unwrap();
        with["calendar"]["url"] = json!("https://elsewhere.example.org");
        let doc = parse(&export(&a, Some(with), now()).unwrap().to_string()).unwrap();
        let here = crate::settings::Settings::default();
        assert_eq!(doc.settings_to_restore(&here).unwrap().calendar, here.calendar);
        assert_eq!(doc.settings_to_restore(&mine).unwrap().calendar, calendar);
    }

    #[test]
    fn a_merge_of_thousands_is_linear_not_quadratic() {
        // Quadratic before (every event scanned for each application, three times; whole tables per new
        // application): 3,000 took minutes in a debug build. Now one pass over the file.
        let mut b = crate::db::open_in_memory().unwrap();
        full(&mut b, "Déjà là", "Analyste");
        let doc = parse(&synthetic(3_000, 0).to_string()).unwrap();
        let started = std::time::Instant::now();
        let p = import(&mut b, &doc).unwrap();
        let took = started.elapsed();
        assert_eq!((p.restore, p.new.len()), (false, 3_000));
        let n: i64 = b.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 3_001);
        let steps: i64 = b.query_row("SELECT count(*) FROM plan_steps", [], |r| r.get(0)).unwrap();
        let per_app: i64 = doc.rows("plan_steps").len() as i64 / 3_000;
        assert_eq!(steps, per_app * 3_001);
        assert!(took < std::time::Duration::from_secs(20), "{took:?}");
        // Imported again: all already there.
        assert_eq!(preview(&b, &doc).unwrap().already_there.len(), 3_000);
    }
    // The timings of 100,000 restored and 10,000 merged, on disk: `cargo bench -p rebound-core --bench import`.
}
