//! The rows of a JSON export, read straight into a compact form: per table, the column names once, each row's
//! cells as (column, value) pairs in one list, and all the table's text in one string. Read into
//! `serde_json::Value`, a 100,000-application export (1.5 million rows) was a map of owned strings per row —
//! 15 million keys and values allocated one by one, 2.9 GB at the peak and two thirds of the parse; here a row
//! costs no allocation at all.
//!
//! What is read is exactly what `Value` gives: an object's repeated key keeps its last value, numbers keep their
//! kind (a whole number that `i64` cannot hold is a real, as SQLite is handed it), a cell that is an array or an
//! object is kept as its JSON text (as it was written to SQLite).

use std::fmt;

use rusqlite::types::{ToSqlOutput, Value as Sql, ValueRef};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// One cell. Text is in its table's `text`, at `start..start + len`.
#[derive(Debug, Clone, Copy)]
enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Text(u32, u32),
    /// An array or an object, as JSON text.
    Json(u32, u32),
}

/// The rows of one table of a file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// Every column named by some row, in order of first appearance.
    cols: Vec<String>,
    /// Row after row, its cells in file order: (position in `cols`, value).
    cells: Vec<(u32, Cell)>,
    /// Where each row's cells end in `cells`.
    ends: Vec<usize>,
    text: String,
}

/// A table with no rows (one the file does not have).
pub(crate) static EMPTY: Table = Table { cols: Vec::new(), cells: Vec::new(), ends: Vec::new(), text: String::new() };

/// A cell's value, as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Val<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Str(&'a str),
    Json(&'a str),
}

impl<'a> Val<'a> {
    /// The text of a string cell (what `Value::as_str` gives).
    pub(crate) fn as_str(self) -> Option<&'a str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A whole number that fits `i64` (`Value::as_i64`).
    pub(crate) fn as_i64(self) -> Option<i64> {
        match self {
            Val::Int(i) => Some(i),
            _ => None,
        }
    }

    /// A whole number of zero or more (`Value::as_u64`; one above `i64::MAX` is a real here, refused by every
    /// range a file is checked against as it was).
    pub(crate) fn as_u64(self) -> Option<u64> {
        self.as_i64().and_then(|i| u64::try_from(i).ok())
    }

    pub(crate) fn is_null(self) -> bool {
        self == Val::Null
    }

    /// The value as SQLite takes it; text is lent, not copied.
    pub(crate) fn to_sql(self) -> ToSqlOutput<'a> {
        match self {
            Val::Null => ToSqlOutput::Owned(Sql::Null),
            Val::Bool(b) => ToSqlOutput::Owned(Sql::Integer(i64::from(b))),
            Val::Int(i) => ToSqlOutput::Owned(Sql::Integer(i)),
            Val::Real(f) => ToSqlOutput::Owned(Sql::Real(f)),
            Val::Str(s) | Val::Json(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        }
    }
}

/// One row of a table.
#[derive(Clone, Copy)]
pub(crate) struct Rec<'a> {
    table: &'a Table,
    cells: &'a [(u32, Cell)],
}

impl Table {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The position of column `name` in this table, if a row has it: what [`Rec::at`] takes.
    pub(crate) fn col(&self, name: &str) -> Option<u32> {
        self.cols.iter().position(|c| c == name).map(|i| i as u32)
    }

    pub(crate) fn col_name(&self, col: u32) -> &str {
        &self.cols[col as usize]
    }

    pub(crate) fn row(&self, n: usize) -> Rec<'_> {
        let start = if n == 0 { 0 } else { self.ends[n - 1] };
        Rec { table: self, cells: &self.cells[start..self.ends[n]] }
    }

    pub(crate) fn rows(&self) -> impl ExactSizeIterator<Item = Rec<'_>> + '_ {
        (0..self.len()).map(|n| self.row(n))
    }

    fn val(&self, cell: Cell) -> Val<'_> {
        let text = |s: u32, l: u32| &self.text[s as usize..(s + l) as usize];
        match cell {
            Cell::Null => Val::Null,
            Cell::Bool(b) => Val::Bool(b),
            Cell::Int(i) => Val::Int(i),
            Cell::Real(f) => Val::Real(f),
            Cell::Text(s, l) => Val::Str(text(s, l)),
            Cell::Json(s, l) => Val::Json(text(s, l)),
        }
    }
}

impl<'a> Rec<'a> {
    /// The cell of column `col` (a position from [`Table::col`]; `None`: no row has that column).
    pub(crate) fn at(self, col: Option<u32>) -> Option<Val<'a>> {
        let col = col?;
        self.cells.iter().find(|c| c.0 == col).map(|c| self.table.val(c.1))
    }

    /// The cell of the column named `name`.
    pub(crate) fn get(self, name: &str) -> Option<Val<'a>> {
        self.at(self.table.col(name))
    }

    /// The row's columns (positions in the table), in file order.
    pub(crate) fn cols(self) -> impl Iterator<Item = u32> + 'a {
        self.cells.iter().map(|c| c.0)
    }

    /// (column name, value), in file order.
    pub(crate) fn iter(self) -> impl Iterator<Item = (&'a str, Val<'a>)> + 'a {
        let t = self.table;
        self.cells.iter().map(move |c| (t.cols[c.0 as usize].as_str(), t.val(c.1)))
    }
}

/// The parts of a document `parse` looks at. Each is kept as found, to be judged in the order `parse` judges
/// them: the header first, then the tables.
#[derive(Default)]
pub(crate) struct File {
    pub format: Option<Value>,
    pub version: Option<Value>,
    pub schema_version: Option<Value>,
    pub settings: Option<Value>,
    /// `None`: no `tables`; `Some(None)`: `tables` is not an object.
    pub tables: Option<Option<Tables>>,
}

/// The `tables` object: each known table's rows (`None`: not a list of objects), and whether it names a table
/// Rebound does not have.
#[derive(Default)]
pub(crate) struct Tables {
    pub known: Vec<Option<Table>>,
    pub unknown: bool,
}

impl<'de> Deserialize<'de> for File {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<File, D::Error> {
        d.deserialize_map(FileVisitor)
    }
}

struct FileVisitor;

impl<'de> Visitor<'de> for FileVisitor {
    type Value = File;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Rebound export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<File, A::Error> {
        let mut file = File::default();
        while let Some(key) = map.next_key::<Key>()? {
            match key.0.as_str() {
                "format" => file.format = Some(map.next_value()?),
                "version" => file.version = Some(map.next_value()?),
                "schemaVersion" => file.schema_version = Some(map.next_value()?),
                "settings" => file.settings = Some(map.next_value()?),
                "tables" => file.tables = Some(map.next_value_seed(TablesSeed)?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(file)
    }
}

/// A key of the document's top level or of `tables` (a few of them: owned).
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        String::deserialize(d).map(Key)
    }
}

/// Implements the visits of every kind of value but the one wanted as "not that": `$out` is returned, after
/// reading a list's or an object's contents.
macro_rules! other_kinds {
    ($out:expr) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($out)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($out)
        }
    };
}

struct TablesSeed;

impl<'de> DeserializeSeed<'de> for TablesSeed {
    type Value = Option<Tables>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TablesSeed {
    type Value = Option<Tables>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the tables")
    }

    other_kinds!(None);

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut tables =
            Tables { known: (0..super::json::TABLES.len()).map(|_| Some(Table::default())).collect(), unknown: false };
        while let Some(key) = map.next_key::<Key>()? {
            match super::json::TABLES.iter().position(|t| *t == key.0) {
                Some(i) => {
                    let mut table = Table::default();
                    let fine = map.next_value_seed(RowsSeed(&mut table))?;
                    // A table named twice: the last one counts, as in a `Value`.
                    tables.known[i] = fine.then_some(table);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                    tables.unknown = true;
                }
            }
        }
        Ok(Some(tables))
    }
}

/// A table's list of rows, read into the table; `false` if it is not a list of objects.
struct RowsSeed<'t>(&'t mut Table);

impl<'de> DeserializeSeed<'de> for RowsSeed<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowsSeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("rows")
    }

    other_kinds!(false);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut fine = true;
        let table = self.0;
        if let Some(n) = seq.size_hint() {
            table.ends.reserve(n);
        }
        let mut hint = 0;
        while let Some(row) = seq.next_element_seed(RowSeed { table: &mut *table, hint: &mut hint })? {
            fine &= row;
        }
        Ok(fine)
    }
}

/// One row, appended to the table; `false` if it is not an object.
struct RowSeed<'t> {
    table: &'t mut Table,
    /// Where the last row's first column was found: rows name their columns in the same order.
    hint: &'t mut usize,
}

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RowSeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row")
    }

    other_kinds!(false);

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let Table { cols, cells, ends, text } = self.table;
        let start = cells.len();
        let mut next = *self.hint;
        while let Some(col) = map.next_key_seed(ColSeed { cols: &mut *cols, next })? {
            next = col as usize + 1;
            let cell = map.next_value_seed(CellSeed(&mut *text))?;
            // A column named twice in a row: the last value counts, as in a `Value`.
            match cells[start..].iter_mut().find(|c| c.0 == col) {
                Some(c) => c.1 = cell,
                None => cells.push((col, cell)),
            }
        }
        ends.push(cells.len());
        Ok(true)
    }
}

/// A column name, found in (or added to) the table's columns: its position. Tried first where the last
/// column's successor is, which is where it almost always is.
struct ColSeed<'t> {
    cols: &'t mut Vec<String>,
    next: usize,
}

impl<'de> DeserializeSeed<'de> for ColSeed<'_> {
    type Value = u32;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u32, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for ColSeed<'_> {
    type Value = u32;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a column")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<u32, E> {
        let at = match self.cols.get(self.next) {
            Some(c) if c == name => Some(self.next),
            _ => self.cols.iter().position(|c| c == name),
        };
        let at = at.unwrap_or_else(|| {
            self.cols.push(name.to_owned());
            self.cols.len() - 1
        });
        u32::try_from(at).map_err(|_| E::custom("too many columns"))
    }
}

/// A cell's value; its text appended to the table's.
struct CellSeed<'t>(&'t mut String);

impl CellSeed<'_> {
    fn keep<E: de::Error>(self, s: &str) -> Result<(u32, u32), E> {
        let start = u32::try_from(self.0.len()).map_err(|_| E::custom("too large"))?;
        let len = u32::try_from(s.len()).map_err(|_| E::custom("too large"))?;
        start.checked_add(len).ok_or_else(|| E::custom("too large"))?;
        self.0.push_str(s);
        Ok((start, len))
    }
}

impl<'de> DeserializeSeed<'de> for CellSeed<'_> {
    type Value = Cell;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cell, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed<'_> {
    type Value = Cell;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::Null)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Cell, E> {
        Ok(Cell::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Cell, E> {
        Ok(Cell::Int(i))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Cell, E> {
        // `Value::as_i64` is `None` above `i64::MAX`, and such a number reached SQLite as a real.
        Ok(i64::try_from(u).map_or(Cell::Real(u as f64), Cell::Int))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Cell, E> {
        Ok(Cell::Real(f))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Cell, E> {
        self.keep(s).map(|(s, l)| Cell::Text(s, l))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Cell, A::Error> {
        let v = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        self.keep(&v.to_string()).map(|(s, l)| Cell::Json(s, l))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
        let v = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
        self.keep(&v.to_string()).map(|(s, l)| Cell::Json(s, l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(rows: &str) -> Table {
        let file: File = serde_json::from_str(&format!(r#"{{"tables": {{"companies": {rows}}}}}"#)).unwrap();
        file.tables.unwrap().unwrap().known[0].take().unwrap()
    }

    #[test]
    fn cells_read_as_a_value_reads_them() {
        let t = read(
            r#"[{"a": 1, "b": "x\"y", "c": null, "d": 1.5, "e": true, "f": [1, {"z": 2, "y": "é"}], "g": 18446744073709551615, "h": -3},
                {"b": "one", "a": 2, "b": "two"}]"#,
        );
        assert_eq!(t.len(), 2);
        let r = t.row(0);
        assert_eq!(r.get("a"), Some(Val::Int(1)));
        assert_eq!(r.get("b").and_then(Val::as_str), Some("x\"y"));
        assert_eq!(r.get("c"), Some(Val::Null));
        assert_eq!(r.get("d"), Some(Val::Real(1.5)));
        assert_eq!(r.get("e"), Some(Val::Bool(true)));
        let f: Value = serde_json::from_str(r#"[1, {"z": 2, "y": "é"}]"#).unwrap();
        assert_eq!(r.get("f"), Some(Val::Json(&f.to_string())));
        assert_eq!(r.get("g"), Some(Val::Real(u64::MAX as f64)));
        assert_eq!(r.get("h").and_then(Val::as_i64), Some(-3));
        assert_eq!(r.get("h").and_then(Val::as_u64), None);
        assert_eq!(r.get("zz"), None);
        // A repeated key: the last value, as serde_json's own map keeps it.
        let r = t.row(1);
        assert_eq!(r.get("b").and_then(Val::as_str), Some("two"));
        assert_eq!(r.iter().count(), 2);
        assert_eq!(r.get("c"), None);
    }

    #[test]
    fn what_is_not_a_list_of_objects_is_marked() {
        for bad in ["5", "{}", "[1]", "[{}, []]", "null", r#""x""#] {
            let file: File = serde_json::from_str(&format!(r#"{{"tables": {{"companies": {bad}}}}}"#)).unwrap();
            assert!(file.tables.unwrap().unwrap().known[0].is_none(), "{bad}");
        }
        let file: File = serde_json::from_str(r#"{"tables": {"nope": [], "companies": []}}"#).unwrap();
        assert!(file.tables.unwrap().unwrap().unknown);
        let file: File = serde_json::from_str(r#"{"tables": [1]}"#).unwrap();
        assert!(file.tables.unwrap().is_none());
        assert!(serde_json::from_str::<File>("[1]").is_err());
        assert!(serde_json::from_str::<File>(r#"{"tables": {}} x"#).is_err());
    }
}
