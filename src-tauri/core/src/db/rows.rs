//! Rows of any journal table as JSON objects (column → value), read and written generically. What the undo of
//! a delete and the JSON export and import share: a row goes out and comes back exactly, whatever its table.
//!
//! Table names are always ours (constants); column names are checked against the table's own columns before
//! they reach SQL, so a row read from a file cannot smuggle anything in.

use rusqlite::types::{ToSqlOutput, Value as Sql, ValueRef};
use rusqlite::{params_from_iter, Connection};
use serde_json::{Map, Number, Value};

use crate::error::{Error, Problem, Result};

/// One row: column name → value (null, integer, real or text).
pub type Row = Map<String, Value>;

/// The columns of `table`, in order.
pub fn columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let cols = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    if cols.is_empty() {
        return Err(Error::NotFound("table"));
    }
    Ok(cols)
}

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

/// A JSON value as SQLite takes it; text is lent, not copied (an import of 100,000 applications binds
/// millions of them).
fn to_sql(v: &Value) -> ToSqlOutput<'_> {
    match v {
        Value::Null => ToSqlOutput::Owned(Sql::Null),
        Value::Bool(b) => ToSqlOutput::Owned(Sql::Integer(i64::from(*b))),
        Value::Number(n) => {
            ToSqlOutput::Owned(n.as_i64().map(Sql::Integer).unwrap_or_else(|| Sql::Real(n.as_f64().unwrap_or(0.0))))
        }
        Value::String(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        other => ToSqlOutput::Owned(Sql::Text(other.to_string())),
    }
}

/// The rows of `table` matching `filter` (an SQL condition over the table's columns, with `?1`… bound to
/// `args`), in rowid order.
pub fn select(conn: &Connection, table: &str, filter: &str, args: &[i64]) -> Result<Vec<Row>> {
    let cols = columns(conn, table)?;
    let sql = format!("SELECT {} FROM {table} WHERE {filter}", cols.join(", "));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        let mut row = Row::new();
        for (i, c) in cols.iter().enumerate() {
            row.insert(c.clone(), to_json(r.get_ref(i)?));
        }
        Ok(row)
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Rows written by one `INSERT` at most: SQLite's work per statement (opening a cursor on the table and each
/// index, building the lists of its `CHECK (x IN (…))` rules) is then shared by this many rows.
const ROWS_PER_INSERT: usize = 32;

/// Inserts rows into `table` as they are (ids included). A column the table does not have is refused.
pub fn insert(conn: &Connection, table: &str, rows: &[Row]) -> Result<()> {
    let cols = columns(conn, table)?;
    // Rows of one table almost always share their columns: consecutive rows with the same ones are written
    // ROWS_PER_INSERT at a time, by a statement made once per set of columns and count (a restore of 100,000
    // applications writes about 1.5 million rows).
    let mut start = 0;
    while start < rows.len() {
        let keys: Vec<&str> = rows[start].keys().map(String::as_str).collect();
        if let Some(bad) = keys.iter().find(|k| !cols.iter().any(|c| c == *k)) {
            return Err(Error::invalid(format!("{table}.{bad}"), Problem::NotAChoice));
        }
        let same = rows[start..]
            .iter()
            .take(ROWS_PER_INSERT)
            .take_while(|r| r.len() == keys.len() && r.keys().map(String::as_str).eq(keys.iter().copied()))
            .count();
        let group = &rows[start..start + same];
        let marks: Vec<String> = (0..same)
            .map(|r| {
                let row: Vec<String> = (1..=keys.len()).map(|i| format!("?{}", r * keys.len() + i)).collect();
                format!("({})", row.join(", "))
            })
            .collect();
        let sql = format!("INSERT INTO {table} ({}) VALUES {}", keys.join(", "), marks.join(", "));
        conn.prepare_cached(&sql)?.execute(params_from_iter(group.iter().flat_map(|r| r.values().map(to_sql))))?;
        start += same;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_goes_out_and_comes_back_exactly() {
        let conn = crate::db::open_in_memory().unwrap();
        conn.execute(
            "INSERT INTO companies (id, name, folded, created_at) VALUES (7, 'Société « Générale »', 'societe', 'x')",
            [],
        )
        .unwrap();
        let rows = select(&conn, "companies", "id = ?1", &[7]).unwrap();
        assert_eq!(rows[0]["name"], "Société « Générale »");
        conn.execute("DELETE FROM companies", []).unwrap();
        insert(&conn, "companies", &rows).unwrap();
        assert_eq!(select(&conn, "companies", "1", &[]).unwrap(), rows);
    }

    #[test]
    fn a_column_the_table_does_not_have_is_refused() {
        let conn = crate::db::open_in_memory().unwrap();
        let mut row = Row::new();
        row.insert("name); DROP TABLE companies; --".into(), Value::from("x"));
        assert!(matches!(insert(&conn, "companies", &[row]), Err(Error::Invalid(_))));
        assert!(columns(&conn, "companies").is_ok());
        assert!(matches!(columns(&conn, "nope"), Err(Error::NotFound(_))));
    }
}
