//! A picture of the search over a period: how far applications went (the funnel), how many were sent each
//! week, how long answers took, what came of the follow-ups and of the check-ins at the end of probation.
//! Every figure is computed here, from the journal, for the applications sent in the period; the window only
//! draws them.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Problem, Result};

/// The longest period looked at in one go, in days (weeks listed one by one stay few).
pub const MAX_PERIOD_DAYS: i64 = 3 * 366;

/// How far the applications of the period went. Each application counts once in each of the first three
/// steps it reached, and once in exactly one of the four endings (its current outcome).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Funnel {
    pub applied: u32,
    /// The employer answered: an interview, a rejection, an offer or a reply.
    pub answered: u32,
    pub interviewed: u32,
    /// Current outcome an offer (accepted or not).
    pub offers: u32,
    pub rejected: u32,
    /// Still waiting, or logged as "no answer".
    pub no_answer: u32,
    pub withdrawn: u32,
}

/// Applications sent in one week (weeks start on Monday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Week {
    /// The Monday, `YYYY-MM-DD`.
    pub starts_on: String,
    pub applications: u32,
}

/// Follow-up steps that fell due (by today), how many were sent, and after how many the employer replied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
    pub due: u32,
    pub sent: u32,
    /// Sent, and a reply, an interview or an offer came on or after the day it was sent.
    pub replied: u32,
}

/// The picture of one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Insights {
    pub from: String,
    pub to: String,
    pub funnel: Funnel,
    pub weeks: Vec<Week>,
    /// Median days from sending an application to the employer's first answer; `None` without any answer.
    pub median_days_to_answer: Option<f64>,
    /// Thank-you notes, feedback requests, keep-in-touch and LinkedIn notes, nudges.
    pub follow_ups: Sent,
    /// The check-ins when the new hire's probation ends.
    pub check_ins: Sent,
}

/// The applications sent from `from` to `to` (both included), looked at on `today`.
pub fn insights(conn: &Connection, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> Result<Insights> {
    let span = (to - from).num_days();
    if span < 0 {
        return Err(Error::invalid("from", Problem::NotAfterToday));
    }
    if span > MAX_PERIOD_DAYS {
        return Err(Error::invalid("from", Problem::OutOfRange { min: 1, max: MAX_PERIOD_DAYS as usize }));
    }
    let (from_s, to_s, today_s) = (crate::db::day(from), crate::db::day(to), crate::db::day(today));

    // One row per application of the period: its first answer's day, whether it had an interview, its outcome.
    let mut stmt = conn.prepare_cached(
        "SELECT a.applied_on,
                (SELECT min(e.occurred_on) FROM events e WHERE e.application_id = a.id
                    AND e.kind IN ('interview', 'rejected', 'offer', 'accepted', 'reply')),
                EXISTS (SELECT 1 FROM events e WHERE e.application_id = a.id AND e.kind = 'interview'),
                (SELECT e.kind FROM events e WHERE e.application_id = a.id
                    AND e.kind IN ('rejected', 'ghosted', 'offer', 'accepted', 'withdrawn')
                  ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1)
           FROM applications a WHERE a.applied_on BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map([&from_s, &to_s], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, bool>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut funnel = Funnel::default();
    let mut waits: Vec<i64> = Vec::new();
    let mut per_week = std::collections::BTreeMap::<NaiveDate, u32>::new();
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    for row in rows {
        let (applied, first_answer, interviewed, outcome) = row?;
        funnel.applied += 1;
        if let Some(a) = day(&applied) {
            *per_week.entry(monday(a)).or_default() += 1;
            if let Some(answer) = first_answer.as_deref().and_then(day) {
                waits.push((answer - a).num_days().max(0));
            }
        }
        if first_answer.is_some() {
            funnel.answered += 1;
        }
        if interviewed {
            funnel.interviewed += 1;
        }
        match outcome.as_deref() {
            Some("offer" | "accepted") => funnel.offers += 1,
            Some("rejected") => funnel.rejected += 1,
            Some("withdrawn") => funnel.withdrawn += 1,
            _ => funnel.no_answer += 1,
        }
    }
    let mut weeks = Vec::new();
    let mut week = monday(from);
    while week <= to {
        weeks.push(Week { starts_on: crate::db::day(week), applications: per_week.get(&week).copied().unwrap_or(0) });
        week = week.checked_add_days(Days::new(7)).ok_or(Error::NotFound("week"))?;
    }
    Ok(Insights {
        from: from_s.clone(),
        to: to_s.clone(),
        funnel,
        weeks,
        median_days_to_answer: median(&mut waits),
        follow_ups: sent(conn, &from_s, &to_s, &today_s, false)?,
        check_ins: sent(conn, &from_s, &to_s, &today_s, true)?,
    })
}

/// The figures as CSV, in `lang`: one row per figure — what it counts, the row's label, the number — after a
/// row giving the period. The same labels as the window's tables.
pub fn to_csv(i: &Insights, lang: crate::vocab::Lang) -> Result<String> {
    use crate::i18n::t;
    let mut out = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| Error::io("CSV", e);
    let mut row = |what: &str, label: String, value: String| out.write_record([t(lang, what, &[]), label, value]);
    let dates = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| crate::messages::dates::long_date(d, lang));
    let period = format!("{} — {}", dates(&i.from).unwrap_or_default(), dates(&i.to).unwrap_or_default());
    row("insights.period", period, String::new()).map_err(io)?;
    let f = &i.funnel;
    for (key, n) in [
        ("applied", f.applied),
        ("answered", f.answered),
        ("interviewed", f.interviewed),
        ("offers", f.offers),
        ("rejected", f.rejected),
        ("no_answer", f.no_answer),
        ("withdrawn", f.withdrawn),
    ] {
        row("insights.funnel", t(lang, &format!("insights.{key}"), &[]), n.to_string()).map_err(io)?;
    }
    for w in &i.weeks {
        row("insights.per_week", w.starts_on.clone(), w.applications.to_string()).map_err(io)?;
    }
    let median = i.median_days_to_answer.map(|m| format!("{m}")).unwrap_or_default();
    row("insights.median_days", String::new(), median).map_err(io)?;
    for (what, x) in [("insights.follow_ups", &i.follow_ups), ("insights.check_ins", &i.check_ins)] {
        for (key, n) in [("due", x.due), ("sent", x.sent), ("replied", x.replied)] {
            row(what, t(lang, &format!("insights.{key}"), &[]), n.to_string()).map_err(io)?;
        }
    }
    let bytes = out.into_inner().map_err(|e| Error::io("CSV", e))?;
    String::from_utf8(bytes).map_err(|e| Error::io("CSV", e))
}

/// Longest chart a window may ask to save, in bytes.
pub const MAX_CHART_BYTES: usize = 512 * 1024;

/// A chart the window drew, as a standalone SVG file: it must be one `<svg>` element (no script, no external
/// reference), and gets the XML declaration a file needs. `None` when it is not such a chart.
pub fn chart_file(svg: &str) -> Option<String> {
    let svg = svg.trim();
    let lower = svg.to_ascii_lowercase();
    let ours = svg.len() <= MAX_CHART_BYTES
        && lower.starts_with("<svg")
        && lower.ends_with("</svg>")
        && !["<script", "<foreignobject", "href=", "javascript:"].iter().any(|bad| lower.contains(bad))
        && !has_event_handler(&lower);
    ours.then(|| format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{svg}\n"))
}

/// Whether `lower` has an attribute such as ` onload=` (a space, `on`, letters, `=`).
fn has_event_handler(lower: &str) -> bool {
    lower.match_indices(" on").any(|(i, _)| {
        let rest = &lower[i + 3..];
        let name = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        name > 0 && rest[name..].trim_start().starts_with('=')
    })
}

/// The Monday of `d`'s week.
fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] as f64 } else { (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0 })
}

/// The steps of the period's applications (check-ins, or every other kind; not the keep-in-touch reminders,
/// which belong to people) due by today: how many, how many sent (done), and after how many sent ones the
/// employer answered.
fn sent(conn: &Connection, from: &str, to: &str, today: &str, check_ins: bool) -> Result<Sent> {
    let mut stmt = conn.prepare_cached(
        "SELECT count(*),
                coalesce(sum(s.status = 'done'), 0),
                coalesce(sum(s.status = 'done' AND EXISTS (
                    SELECT 1 FROM events e WHERE e.application_id = s.application_id
                       AND e.kind IN ('reply', 'interview', 'offer', 'accepted')
                       AND e.occurred_on >= s.done_on)), 0)
           FROM plan_steps s JOIN applications a ON a.id = s.application_id
          WHERE a.applied_on BETWEEN ?1 AND ?2 AND s.due_on <= ?3 AND s.status <> 'cancelled'
            AND (s.kind = 'check_in') = ?4 AND s.person_id IS NULL",
    )?;
    Ok(stmt.query_row(rusqlite::params![from, to, today, check_ins], |r| {
        Ok(Sent { due: r.get(0)?, sent: r.get(1)?, replied: r.get(2)? })
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::d;

    /// A fixed journal, written in SQL so that every figure below can be counted by hand:
    /// 1 Acme, sent Mon 2 Nov: interview 9 Nov, rejected 16 Nov (answer after 7 days); its thank-you sent
    ///   17 Nov and a reply 18 Nov; its keep-in-touch due 23 Nov not sent; its check-in due 14 Feb (not yet due).
    /// 2 Beta, sent Wed 4 Nov: no answer logged 20 Nov; a nudge due 18 Nov, sent 18 Nov, no reply.
    /// 3 Gamma, sent Tue 10 Nov: offer 20 Nov (answer after 10 days), accepted 22 Nov.
    /// 4 Delta, sent Mon 16 Nov: nothing yet.
    /// 5 Omega, sent 1 Oct (outside the period): rejected 5 Oct, its check-in due and sent 3 Nov, then a reply.
    fn journal() -> Connection {
        let conn = crate::db::open_in_memory().unwrap();
        conn.execute_batch(
            "INSERT INTO companies (id, name, folded, created_at) VALUES
                 (1, 'Acme', 'acme', 'x'), (2, 'Beta', 'beta', 'x'), (3, 'Gamma', 'gamma', 'x'),
                 (4, 'Delta', 'delta', 'x'), (5, 'Omega', 'omega', 'x');
             INSERT INTO applications (id, company_id, role, applied_on, lang, created_at, updated_at) VALUES
                 (1, 1, 'A', '2026-11-02', 'en', 'x', 'x'), (2, 2, 'B', '2026-11-04', 'en', 'x', 'x'),
                 (3, 3, 'C', '2026-11-10', 'en', 'x', 'x'), (4, 4, 'D', '2026-11-16', 'en', 'x', 'x'),
                 (5, 5, 'E', '2026-10-01', 'en', 'x', 'x');
             INSERT INTO events (application_id, kind, occurred_on, created_at) VALUES
                 (1, 'interview', '2026-11-09', 'x'), (1, 'rejected', '2026-11-16', 'x'), (1, 'reply', '2026-11-18', 'x'),
                 (2, 'ghosted', '2026-11-20', 'x'),
                 (3, 'offer', '2026-11-20', 'x'), (3, 'accepted', '2026-11-22', 'x'),
                 (5, 'rejected', '2026-10-05', 'x'), (5, 'reply', '2026-11-04', 'x');
             INSERT INTO plan_steps (application_id, outcome_event_id, kind, due_on, status, done_on, created_at,
                                     updated_at) VALUES
                 (1, 2, 'thank_you', '2026-11-17', 'done', '2026-11-17', 'x', 'x'),
                 (1, 2, 'keep_in_touch', '2026-11-23', 'pending', NULL, 'x', 'x'),
                 (1, 2, 'check_in', '2027-02-14', 'pending', NULL, 'x', 'x'),
                 (2, 4, 'nudge', '2026-11-18', 'done', '2026-11-18', 'x', 'x'),
                 (5, 7, 'check_in', '2026-11-03', 'done', '2026-11-03', 'x', 'x');",
        )
        .unwrap();
        conn
    }

    #[test]
    fn every_figure_of_a_fixed_journal() {
        let conn = journal();
        let i = insights(&conn, d("2026-11-01"), d("2026-11-26"), d("2026-11-26")).unwrap();
        assert_eq!(
            i.funnel,
            Funnel { applied: 4, answered: 2, interviewed: 1, offers: 1, rejected: 1, no_answer: 2, withdrawn: 0 }
        );
        let weeks: Vec<(&str, u32)> = i.weeks.iter().map(|w| (w.starts_on.as_str(), w.applications)).collect();
        assert_eq!(
            weeks,
            [("2026-10-26", 0), ("2026-11-02", 2), ("2026-11-09", 1), ("2026-11-16", 1), ("2026-11-23", 0)]
        );
        assert_eq!(i.median_days_to_answer, Some(8.5), "7 and 10 days");
        assert_eq!(i.follow_ups, Sent { due: 3, sent: 2, replied: 1 });
        assert_eq!(i.check_ins, Sent { due: 0, sent: 0, replied: 0 }, "Acme's check-in is not due yet");

        // A period that holds Omega: its check-in was sent, and a reply came after it.
        let autumn = insights(&conn, d("2026-09-01"), d("2026-11-26"), d("2026-11-26")).unwrap();
        assert_eq!(autumn.check_ins, Sent { due: 1, sent: 1, replied: 1 });
        assert_eq!(autumn.funnel.applied, 5);
        assert_eq!(autumn.median_days_to_answer, Some(7.0), "4, 7 and 10 days");

        // An empty period has zeros and no median; a reversed or too long one is refused.
        let empty = insights(&conn, d("2025-01-01"), d("2025-01-31"), d("2026-11-26")).unwrap();
        assert_eq!((empty.funnel.applied, empty.median_days_to_answer), (0, None));
        assert!(insights(&conn, d("2026-11-26"), d("2026-11-01"), d("2026-11-26")).is_err());
        assert!(insights(&conn, d("2020-01-01"), d("2026-11-26"), d("2026-11-26")).is_err());
    }

    #[test]
    fn the_figures_as_csv_read_back_row_by_row() {
        let conn = journal();
        let i = insights(&conn, d("2026-11-01"), d("2026-11-26"), d("2026-11-26")).unwrap();
        let text = to_csv(&i, crate::vocab::Lang::En).unwrap();
        let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        let row = |a: &str, b: &str, c: &str| vec![a.to_owned(), b.to_owned(), c.to_owned()];
        assert_eq!(rows[0], row("Period", "November 1, 2026 — November 26, 2026", ""));
        assert_eq!(rows[1], row("How far your applications went", "Sent", "4"));
        assert_eq!(rows[6], row("How far your applications went", "No answer (yet)", "2"));
        assert_eq!(rows[8], row("Applications sent per week", "2026-10-26", "0"));
        assert_eq!(rows[9], row("Applications sent per week", "2026-11-02", "2"));
        assert_eq!(rows[13], row("Median wait for a first answer (days)", "", "8.5"));
        assert_eq!(rows[16], row("Follow-ups (all but the check-in)", "Sent, then an answer came", "1"));
        assert_eq!(rows.len(), 20);
        let fr = to_csv(&i, crate::vocab::Lang::Fr).unwrap();
        assert!(fr.starts_with("Période,le 1er novembre 2026 — le 26 novembre 2026,"), "{fr}");
    }

    #[test]
    fn only_a_plain_svg_chart_is_saved() {
        let chart = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>"#;
        assert!(chart_file(chart).unwrap().starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg"));
        for bad in [
            "<div>not svg</div>",
            r#"<svg><script>alert(1)</script></svg>"#,
            r#"<svg><image href="https://example.org/x.png"/></svg>"#,
            r#"<svg onload="x()"></svg>"#,
            r#"<svg><rect onclick = "x()"/></svg>"#,
            "<svg>",
        ] {
            assert_eq!(chart_file(bad), None, "{bad}");
        }
        assert_eq!(chart_file(&format!("<svg>{}</svg>", "a".repeat(MAX_CHART_BYTES))), None);
        assert!(chart_file("<svg><title>Sent on time, online</title></svg>").is_some(), "words are not handlers");
    }
}
