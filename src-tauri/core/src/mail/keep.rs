//! Keeping an e-mail on an application's timeline, when the user ticks "keep the e-mail" on a reading.
//! Only the text the window showed (subject and body) is kept, never the file or its attachments.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::MAX_BYTES;
use crate::error::{Error, Problem, Result};
use crate::validate::Checker;
use crate::vocab::EventKind;

/// Appends the e-mail `text`, received on `date` (`YYYY-MM-DD` or as typed), to application `app`'s timeline
/// and returns the entry's id. Line ends become `\n`, and control characters other than line ends and tabs
/// are dropped (a mail converted from HTML may carry form feeds); an empty text or one over [`MAX_BYTES`] is
/// refused on the field `text`, and a date after today on `date`.
pub fn keep_on_timeline(
    conn: &mut Connection,
    app: i64,
    date: &str,
    text: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    let mut c = Checker::new(today);
    let day = c.date("date", date, true);
    if day.is_some_and(|d| d > today) {
        c.problem("date", Problem::InTheFuture);
    }
    let cleaned: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|ch| if ch == '\r' { '\n' } else { ch })
        .filter(|ch| !ch.is_control() || matches!(ch, '\n' | '\t'))
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        c.problem("text", Problem::Required);
    } else if cleaned.len() > MAX_BYTES {
        c.problem("text", Problem::TextTooLarge { max_mb: (MAX_BYTES / (1024 * 1024)) as u64 });
    }
    let day = c.finish_with(day)?;
    let tx = conn.transaction()?;
    let found: Option<i64> =
        tx.query_row("SELECT id FROM applications WHERE id = ?1", [app], |r| r.get(0)).optional()?;
    found.ok_or(Error::NotFound("application"))?;
    let id = crate::events::append(
        &tx,
        app,
        EventKind::Email,
        day,
        Some(&json!({ "text": cleaned })),
        &crate::db::instant(now),
    )?;
    tx.commit()?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{d, journal_with_application, refused};

    #[test]
    fn a_kept_email_is_on_the_timeline_as_read_with_its_day() {
        let (mut conn, app) = journal_with_application();
        let id = keep_on_timeline(
            &mut conn,
            app,
            "2026-11-20",
            "Objet\r\n\r\nBonjour,\x0c merci.\r",
            d("2026-12-01"),
            Utc::now(),
        )
        .unwrap();
        let (kind, on, details): (String, String, String) = conn
            .query_row("SELECT kind, occurred_on, details FROM events WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!((kind.as_str(), on.as_str()), ("email", "2026-11-20"));
        let details: serde_json::Value = serde_json::from_str(&details).unwrap();
        assert_eq!(details["text"], "Objet\n\nBonjour, merci.");
    }

    #[test]
    fn an_empty_or_future_or_orphan_email_is_refused_and_nothing_is_written() {
        let (mut conn, app) = journal_with_application();
        let count = |c: &Connection| -> i64 {
            c.query_row("SELECT count(*) FROM events WHERE kind = 'email'", [], |r| r.get(0)).unwrap()
        };
        let today = d("2026-12-01");
        let r = keep_on_timeline(&mut conn, app, "2026-11-20", " \r\n ", today, Utc::now());
        assert_eq!(refused(r), [("text".to_owned(), Problem::Required)]);
        let r = keep_on_timeline(&mut conn, app, "2026-12-05", "Bonjour", today, Utc::now());
        assert_eq!(refused(r), [("date".to_owned(), Problem::InTheFuture)]);
        let big = "a".repeat(MAX_BYTES + 1);
        let r = keep_on_timeline(&mut conn, app, "2026-11-20", &big, today, Utc::now());
        assert_eq!(refused(r), [("text".to_owned(), Problem::TextTooLarge { max_mb: 2 })]);
        assert!(matches!(
            keep_on_timeline(&mut conn, app + 99, "2026-11-20", "Bonjour", today, Utc::now()),
            Err(Error::NotFound("application"))
        ));
        assert_eq!(count(&conn), 0);
    }
}
