//! A journal the size of a real job search, written through the same domain functions the window calls: what a
//! user has after a year of logging (or after importing a tracker's CSV). The end-to-end tests and the
//! benchmarks start from it, so that what they measure is what a person sees after a year, not after a week.
//!
//! Deterministic: the same `count` and `today` always give the same journal.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::Connection;
use serde_json::Value;

use crate::error::Result;
use crate::journal::{self, ApplicationInput, InterviewInput, OutcomeInput, PersonInput, ReflectionInput};
use crate::plan::PlanOptions;
use crate::vocab::Lang;

/// What [`year_of_search`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub applications: usize,
    pub rejected: usize,
    pub no_answer: usize,
    pub interviews: usize,
}

const COMPANIES: &[&str] = &[
    "Desjardins",
    "Hydro-Québec",
    "Shopify",
    "Ubisoft Montréal",
    "Banque Nationale",
    "CGI",
    "Bombardier",
    "Air Canada",
    "Cascades",
    "Saputo",
    "Telus",
    "Bell",
    "Videotron",
    "Intact",
    "Beneva",
    "Lightspeed",
    "Coveo",
    "Element AI",
    "Mila",
    "Ville de Montréal",
    "Société Générale",
    "Metro",
    "Couche-Tard",
    "SNC-Lavalin",
];
const ROLES: &[&str] = &[
    "Data analyst",
    "Analyste de données",
    "Project coordinator",
    "Support engineer",
    "Business analyst",
    "Développeur back-end",
    "QA lead",
    "Product owner",
    "Conseillère en communication",
    "UX designer",
];
const PEOPLE: &[&str] =
    &["Marie Tremblay", "Luc Gagnon", "Sophie Roy", "Jean Côté", "Isabelle Bouchard", "Alex Morin", "Chloé Lavoie"];

/// A small linear congruential generator: enough to spread dates, and the same sequence every time.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

fn back(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

/// Writes `count` applications sent over the year before `today`: a third rejected at days spread over that year
/// (each logged on `today`, as an import would, so old rejections plan their steps as missed), a tenth with no
/// answer, one in five with an interview and a person met. The connection should be a fresh journal.
pub fn year_of_search(conn: &mut Connection, count: usize, today: NaiveDate, now: DateTime<Utc>) -> Result<Sample> {
    let mut dice = Dice(20_261_202);
    let mut sample = Sample { applications: 0, rejected: 0, no_answer: 0, interviews: 0 };
    for i in 0..count {
        // Spread evenly over the year, oldest first, with a little jitter.
        let ago = (365 * (count - i) / count.max(1)) as u64;
        let applied = back(today, ago.saturating_sub(dice.below(3)).max(1));
        let company = COMPANIES[i % COMPANIES.len()];
        let company =
            if i < COMPANIES.len() { company.to_owned() } else { format!("{company} {}", i / COMPANIES.len()) };
        let met = i % 5 == 0;
        let interview_day = applied.checked_add_days(Days::new(5 + dice.below(10))).filter(|d| *d < today);
        let input = ApplicationInput {
            company,
            role: ROLES[i % ROLES.len()].to_owned(),
            applied_on: crate::db::day(applied),
            lang: if i % 3 == 0 { "fr" } else { "en" }.to_owned(),
            people: if met {
                vec![PersonInput { name: PEOPLE[i % PEOPLE.len()].to_owned(), ..Default::default() }]
            } else {
                Vec::new()
            },
            interviews: match interview_day {
                Some(d) if met => {
                    sample.interviews += 1;
                    vec![InterviewInput {
                        date: crate::db::day(d),
                        format: "video".into(),
                        met: vec![0],
                        ..Default::default()
                    }]
                }
                _ => Vec::new(),
            },
            ..Default::default()
        };
        let id = journal::save_application(conn, &input, Lang::En, today, now)?;
        sample.applications += 1;
        let after = interview_day.unwrap_or(applied);
        let outcome = match i % 30 {
            // A third rejected, a tenth without an answer.
            n if n % 3 == 0 => Some(("rejected", after.checked_add_days(Days::new(2 + dice.below(20))))),
            1 | 11 | 22 => Some(("ghosted", after.checked_add_days(Days::new(1)))),
            _ => None,
        };
        if let Some((outcome, Some(day))) = outcome {
            let day = day.min(today);
            let input = OutcomeInput {
                application_id: id,
                outcome: outcome.into(),
                date: crate::db::day(day),
                channel: if outcome == "rejected" { "email".into() } else { String::new() },
                ..Default::default()
            };
            journal::log_outcome(conn, &input, today, now, PlanOptions::default())?;
            if outcome == "rejected" {
                sample.rejected += 1;
            } else {
                sample.no_answer += 1;
            }
        }
    }
    Ok(sample)
}

/// One application with everything a journal can hang on it, written through the forms' functions: a person
/// met at an interview, a rejection (and so its plan of follow-ups) and a reflection on it.
pub fn full_application(
    conn: &mut Connection,
    company: &str,
    role: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    let input = ApplicationInput {
        company: company.into(),
        role: role.into(),
        applied_on: "2026-10-01".into(),
        location: "Montréal".into(),
        people: vec![PersonInput {
            name: "Marie Tremblay".into(),
            email: "m@example.org".into(),
            ..Default::default()
        }],
        interviews: vec![InterviewInput {
            date: "2026-10-10".into(),
            format: "video".into(),
            met: vec![0],
            ..Default::default()
        }],
        ..Default::default()
    };
    let app = journal::save_application(conn, &input, Lang::Fr, today, now)?;
    let outcome = OutcomeInput {
        application_id: app,
        outcome: "rejected".into(),
        date: "2026-10-20".into(),
        channel: "email".into(),
        reason: "Un profil plus senior « retenu ».".into(),
        ..Default::default()
    };
    let ev = journal::log_outcome(conn, &outcome, today, now, PlanOptions::default())?;
    let reflection = ReflectionInput { outcome_event_id: ev, went_well: "Bien préparé".into(), ..Default::default() };
    journal::save_reflection(conn, &reflection, today, now)?;
    Ok(app)
}

/// A JSON export (as [`crate::transfer::json::export`] writes it) of `n` applications like
/// [`full_application`]'s, each at its own company "Company <first + i>": one real export's rows copied under
/// new ids (row ids + 100 × i), so that 100,000 take seconds to make, not the minutes the forms would. What the
/// import's tests and its benchmark (`cargo bench -p rebound-core --bench import`) read.
pub fn export_of_many(n: usize, first: usize, today: NaiveDate, now: DateTime<Utc>) -> Result<Value> {
    let mut one = crate::db::open_in_memory()?;
    full_application(&mut one, "Company", "Analyste de données", today, now)?;
    let doc = crate::transfer::json::export(&one, None, now)?;
    let ids: &[(&str, &[&str])] = &[
        ("companies", &["id"]),
        ("applications", &["id", "company_id"]),
        ("people", &["id", "company_id"]),
        ("application_people", &["application_id", "person_id"]),
        ("events", &["id", "application_id"]),
        ("event_people", &["event_id", "person_id"]),
        ("reflections", &["outcome_event_id"]),
        ("plan_steps", &["id", "application_id", "outcome_event_id", "person_id"]),
    ];
    let mut out = doc.clone();
    for (table, cols) in ids {
        let template = doc["tables"][*table].as_array().map(Vec::as_slice).unwrap_or_default();
        let mut rows = Vec::with_capacity(n * template.len());
        for i in first..first + n {
            for r in template {
                let mut r = r.clone();
                for c in *cols {
                    if let Some(id) = r[*c].as_i64() {
                        r[*c] = (id + 100 * i as i64).into();
                    }
                }
                if *table == "companies" {
                    r["name"] = format!("Company {i}").into();
                    r["folded"] = format!("company {i}").into();
                }
                rows.push(r);
            }
        }
        out["tables"][*table] = Value::Array(rows);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{db, now, today};

    #[test]
    fn a_year_of_search_has_the_proportions_of_a_real_one_and_a_short_today() {
        let mut conn = db();
        let s = year_of_search(&mut conn, 1_000, today(), now()).unwrap();
        assert_eq!(s.applications, 1_000);
        assert_eq!(s.rejected, 334);
        assert_eq!(s.no_answer, 100);
        assert_eq!(s.interviews, 194, "all but the last weeks' interviews are past");
        // Rejections spread over the year: some in each quarter.
        let quarters: Vec<i64> = (0..4)
            .map(|q| {
                conn.query_row(
                    "SELECT count(*) FROM events WHERE kind = 'rejected'
                       AND julianday(?1) - julianday(occurred_on) BETWEEN ?2 AND ?3",
                    rusqlite::params![crate::db::day(today()), q * 91, q * 91 + 90],
                    |r| r.get(0),
                )
                .unwrap()
            })
            .collect();
        assert!(quarters.iter().all(|n| *n > 50), "{quarters:?}");
        // What the first screen shows of it stays short; the backlog is one number.
        let focus = crate::plan::focus(&conn, today()).unwrap();
        assert!(focus.steps.len() <= crate::plan::FOCUS_LIMIT);
        assert!(focus.older > 900, "{}", focus.older);
    }
}
