//! Which open application an e-mail is about: the company folded as the journal folds it (and without its
//! legal suffix: "Acme Inc." is "Acme"), then the role's words, then the most recent.
//!
//! Open means no final outcome yet: not rejected, accepted or withdrawn (an application marked ghosted can
//! still hear back, and one with an offer can still be declined). The match is a proposal; the window shows it
//! and the user can pick another application.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::fields::company_key;
use super::Reading;
use crate::error::Result;
use crate::journal::fold;

/// An open application an e-mail may be about, as the window offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: i64,
    pub company: String,
    pub role: String,
    pub applied_on: String,
}

/// How many candidates the window is offered at most.
pub const MAX_CANDIDATES: usize = 10;

/// The open application `reading` is about, if one fits. `today` bounds how old an application may be (two
/// years) to be proposed.
pub fn match_application(conn: &Connection, reading: &Reading, today: NaiveDate) -> Result<Option<i64>> {
    Ok(candidates(conn, reading, today)?.first().map(|c| c.id))
}

/// The open applications at the e-mail's company, best first (the most role words shared, then the most recent),
/// at most [`MAX_CANDIDATES`]: the first is the match, the others what the user may pick instead.
pub fn candidates(conn: &Connection, reading: &Reading, today: NaiveDate) -> Result<Vec<Candidate>> {
    let Some(company) = reading.company.as_deref() else { return Ok(Vec::new()) };
    let wanted = company_key(company);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let oldest = today.checked_sub_days(chrono::Days::new(730)).unwrap_or(NaiveDate::MIN);
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, c.name, c.folded, a.role, a.applied_on
           FROM applications a JOIN companies c ON c.id = a.company_id
          WHERE a.applied_on >= ?1
            AND COALESCE((SELECT e.kind FROM events e
                           WHERE e.application_id = a.id
                             AND e.kind IN ('rejected', 'ghosted', 'offer', 'accepted', 'withdrawn')
                           ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1), 'open')
                NOT IN ('rejected', 'accepted', 'withdrawn')",
    )?;
    let rows = stmt.query_map([crate::db::day(oldest)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let wanted_role: Vec<String> = reading.role.as_deref().map(role_words).unwrap_or_default();
    // (role words shared, applied on, id) and the candidate: the highest key first.
    let mut found: Vec<((usize, String, i64), Candidate)> = Vec::new();
    for row in rows {
        let (id, name, folded, role, applied_on) = row?;
        if company_key(&name) != wanted && fold(&folded) != fold(company) {
            continue;
        }
        let shared = role_words(&role).iter().filter(|w| wanted_role.contains(w)).count();
        found.push(((shared, applied_on.clone(), id), Candidate { id, company: name, role, applied_on }));
    }
    found.sort_by(|a, b| b.0.cmp(&a.0));
    Ok(found.into_iter().take(MAX_CANDIDATES).map(|(_, c)| c).collect())
}

/// A role's meaningful words, folded ("Analyste de données" → analyste, donnees).
fn role_words(role: &str) -> Vec<String> {
    fold(role)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && !matches!(*w, "the" | "and" | "des" | "pour" | "les"))
        .map(str::to_owned)
        .collect()
}
