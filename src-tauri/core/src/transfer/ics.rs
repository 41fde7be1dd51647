//! The follow-up plan as an iCalendar file (RFC 5545), for a calendar app: one event per open step at its day
//! and the reminder time, with an alarm. Each event's UID is the step's, so importing the file again updates
//! the events rather than adding them twice. The same events, one per file, are what the CalDAV sync
//! (`crate::calendar_sync`) keeps in the user's own calendar.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, EventLike};
use rusqlite::Connection;

use crate::error::Result;
use crate::i18n::t;
use crate::vocab::{Lang, Term};

/// How long each event lasts in the calendar.
const LENGTH: Duration = Duration::minutes(15);

/// The stable UID of a step's event.
pub fn uid(step_id: i64) -> String {
    format!("step-{step_id}@rebound.org.rebound.Rebound")
}

/// One open step as a calendar event. Only the step, the company, the role and the contact's name are in it:
/// no note, reflection or message text leaves the journal this way.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanEvent {
    pub step_id: i64,
    pub start: DateTime<Utc>,
    pub summary: String,
    pub description: String,
}

impl PlanEvent {
    /// The event's UID ([`uid`]).
    pub fn uid(&self) -> String {
        uid(self.step_id)
    }

    /// The event as an iCalendar component, stamped `now`, with its alarm at the start.
    fn component(&self, now: DateTime<Utc>) -> icalendar::Event {
        let uid = self.uid();
        icalendar::Event::new()
            .uid(&uid)
            .timestamp(now)
            .summary(&self.summary)
            .description(&self.description)
            .starts(self.start)
            .ends(self.start + LENGTH)
            .alarm(
                // The alarm's own UID and stamp are set too (the library would make random ones), so the same
                // plan always gives the same file.
                Alarm::display(&self.summary, -Duration::zero()).uid(&format!("alarm-{uid}")).timestamp(now).done(),
            )
            .done()
    }

    /// A calendar object holding this one event, as a CalDAV server stores it.
    pub fn to_ics(&self, now: DateTime<Utc>) -> String {
        let mut cal = Calendar::new();
        cal.push(self.component(now));
        cal.done().to_string()
    }
}

/// Every open step (pending or missed) as an event at `time` on its day in `tz`, in `lang`, or in each
/// application's own language when `lang` is `None`; by day, then step.
pub fn open_events<Tz: TimeZone>(
    conn: &Connection,
    lang: Option<Lang>,
    time: NaiveTime,
    tz: &Tz,
) -> Result<Vec<PlanEvent>> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT s.id, s.kind, ",
        crate::plan::effective_day!(),
        ", c.name, a.role, a.lang, p.name
               FROM plan_steps s JOIN applications a ON a.id = s.application_id JOIN companies c ON c.id = a.company_id
               LEFT JOIN people p ON p.id = s.person_id
              WHERE s.status IN ('pending', 'missed') ORDER BY 3, s.id"
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut events = Vec::with_capacity(rows.len());
    for (id, kind, day, company, role, app_lang, person) in rows {
        let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else { continue };
        let lang = lang.or_else(|| Lang::parse(&app_lang)).unwrap_or(Lang::En);
        let what = t(lang, &format!("message.{kind}"), &[]);
        let summary = match person {
            Some(person) => format!("{what} — {person} — {company} — {role}"),
            None => format!("{what} — {company} — {role}"),
        };
        events.push(PlanEvent {
            step_id: id,
            start: crate::reminders::due_instant(day, time, tz),
            summary,
            description: t(lang, "ics.description", &[]),
        });
    }
    Ok(events)
}

/// The calendar of every open step (pending or missed), in `lang`, at `time` on its day in `tz`.
pub fn export<Tz: TimeZone>(
    conn: &Connection,
    lang: Lang,
    time: NaiveTime,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Result<String> {
    let mut cal = Calendar::new();
    cal.name("Rebound");
    for event in open_events(conn, Some(lang), time, tz)? {
        cal.push(event.component(now));
    }
    Ok(cal.done().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_event_per_open_step_with_a_stable_uid_and_an_alarm() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let app = crate::transfer::json::tests::full(&mut conn, "Desjardins", "Analyste de données");
        conn.execute("UPDATE plan_steps SET status = 'done' WHERE kind = 'thank_you'", []).unwrap();
        let open: i64 = conn
            .query_row(
                "SELECT count(*) FROM plan_steps WHERE status IN ('pending', 'missed') AND application_id = ?1",
                [app],
                |r| r.get(0),
            )
            .unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00Z").unwrap().to_utc();
        let export_fr = || {
            let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
            export(&conn, crate::vocab::Lang::Fr, nine, &chrono_tz::America::Toronto, now).unwrap()
        };
        let ics = export_fr();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
        assert_eq!(ics.matches("BEGIN:VEVENT").count() as i64, open);
        assert_eq!(ics.matches("BEGIN:VALARM").count() as i64, open);
        let check_in: i64 =
            conn.query_row("SELECT id FROM plan_steps WHERE kind = 'check_in'", [], |r| r.get(0)).unwrap();
        assert!(ics.contains(&format!("UID:{}", uid(check_in))));
        // The check-in, 90 days after 2026-10-20, at 9:00 in Toronto (EST, UTC-5).
        assert!(ics.contains("DTSTART:20270118T140000Z"), "{ics}");
        assert!(ics.contains("Prise de nouvelles — Desjardins — Analyste de données"), "{ics}");
        let again = export_fr();
        assert_eq!(ics, again, "the same file for the same plan: a re-import updates, never duplicates");
    }
}
