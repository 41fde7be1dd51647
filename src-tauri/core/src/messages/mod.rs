//! The messages: built-in templates for each step in French and English, the user's own versions, the values
//! taken from the journal and settings, and rendering with MiniJinja.
//!
//! Templates are plain text (no HTML escaping). Undefined values are semi-strict: printing a missing value
//! is an error, testing it is not, so a built-in template guards each optional value and reads well without
//! it; a user's template that prints a missing value gets a clear list of what to fill in instead.

pub mod dates;
pub mod links;
pub mod tone;
pub mod tone_eval;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::error::{Error, Problem, Result};
pub use crate::people::ContactKind;
use crate::validate::Checker;
use crate::vocab::{AddressForm, Lang, MessageKind, StepKind, Term};
use dates::long_date;

/// Characters a LinkedIn invitation note may hold.
pub const LINKEDIN_LIMIT: usize = 300;
/// Longest template a user may save, in characters.
pub const MAX_TEMPLATE: usize = 10_000;
/// Longest text the tone check, the clipboard or the mail app are given, in characters: far above any
/// message, far below what could hold the app up.
pub const MAX_MESSAGE: usize = 20_000;
/// The work one render may do (MiniJinja's fuel: roughly one unit per instruction). The built-in templates
/// use a few hundred; nested loops over large ranges run out and fail with an error instead of freezing.
pub const RENDER_FUEL: u64 = 50_000;

macro_rules! builtin {
    ($lang:literal, $kind:literal) => {
        (
            $kind,
            $lang,
            include_str!(concat!("templates/", $lang, "/", $kind, ".subject")),
            include_str!(concat!("templates/", $lang, "/", $kind, ".body")),
        )
    };
}

/// (kind, lang, subject, body) of every built-in template; `linkedin` has no subject.
const BUILTIN: &[(&str, &str, &str, &str)] = &[
    builtin!("fr", "thank_you"),
    builtin!("fr", "feedback"),
    builtin!("fr", "keep_in_touch"),
    builtin!("fr", "check_in"),
    ("linkedin", "fr", "", include_str!("templates/fr/linkedin.body")),
    builtin!("fr", "interview_thanks"),
    builtin!("fr", "nudge"),
    builtin!("fr", "catch_up"),
    builtin!("en", "thank_you"),
    builtin!("en", "feedback"),
    builtin!("en", "keep_in_touch"),
    builtin!("en", "check_in"),
    ("linkedin", "en", "", include_str!("templates/en/linkedin.body")),
    builtin!("en", "interview_thanks"),
    builtin!("en", "nudge"),
    builtin!("en", "catch_up"),
];

/// A template's source: Rebound's own (`id: None`) or one of the user's named versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub kind: MessageKind,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    /// The user's version this is; `None` for Rebound's.
    #[serde(default)]
    pub id: Option<i64>,
    /// The version's name; empty for Rebound's and for the unnamed version ("My version").
    #[serde(default)]
    pub name: String,
    /// The version the composer opens with for this kind and language.
    #[serde(default)]
    pub default: bool,
    /// The user's own version rather than the built-in one.
    #[serde(default)]
    pub custom: bool,
}

/// Longest name of a template version, in characters.
pub const MAX_VERSION_NAME: usize = 60;

/// The built-in template for a kind and language.
pub fn builtin(kind: MessageKind, lang: Lang) -> Result<Template> {
    BUILTIN
        .iter()
        .find(|(k, l, _, _)| *k == kind.as_str() && *l == lang.as_str())
        .map(|(_, _, s, b)| Template {
            kind,
            lang,
            subject: s.trim_end().into(),
            body: b.trim_end().into(),
            id: None,
            name: String::new(),
            default: false,
            custom: false,
        })
        .ok_or(Error::NotFound("template"))
}

const VERSION_COLUMNS: &str = "id, kind, lang, name, subject, body, is_default";

fn own_version(r: &rusqlite::Row) -> rusqlite::Result<Template> {
    Ok(Template {
        id: Some(r.get(0)?),
        kind: r.get(1)?,
        lang: r.get(2)?,
        name: r.get(3)?,
        subject: r.get(4)?,
        body: r.get(5)?,
        default: r.get(6)?,
        custom: true,
    })
}

/// Every version of a kind of message in a language: Rebound's first, then the user's in the order they were
/// written. Exactly one is the default.
pub fn versions(conn: &Connection, kind: MessageKind, lang: Lang) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {VERSION_COLUMNS} FROM templates WHERE kind = ?1 AND lang = ?2 ORDER BY id"
    ))?;
    let own = stmt.query_map(params![kind, lang], own_version)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut ours = builtin(kind, lang)?;
    ours.default = !own.iter().any(|t| t.default);
    Ok(std::iter::once(ours).chain(own).collect())
}

/// The template in use: the user's default version if there is one, else Rebound's.
pub fn template(conn: &Connection, kind: MessageKind, lang: Lang) -> Result<Template> {
    let own = conn
        .query_row(
            &format!("SELECT {VERSION_COLUMNS} FROM templates WHERE kind = ?1 AND lang = ?2 AND is_default = 1"),
            params![kind, lang],
            own_version,
        )
        .optional()?;
    match own {
        Some(t) => Ok(t),
        None => Ok(Template { default: true, ..builtin(kind, lang)? }),
    }
}

/// One of the user's versions, which must be of `kind` in `lang`.
pub fn version(conn: &Connection, id: i64, kind: MessageKind, lang: Lang) -> Result<Template> {
    conn.query_row(
        &format!("SELECT {VERSION_COLUMNS} FROM templates WHERE id = ?1 AND kind = ?2 AND lang = ?3"),
        params![id, kind, lang],
        own_version,
    )
    .optional()?
    .ok_or(Error::NotFound("template"))
}

/// Saves one of the user's versions (a new one when `t.id` is `None`) after checking it compiles and that its
/// name is not taken by another version of the same kind and language. A syntax error is refused with its line.
/// With `t.default`, it becomes the version the composer opens with.
pub fn save_template(conn: &Connection, t: &Template, today: NaiveDate, now: DateTime<Utc>) -> Result<Template> {
    let mut c = Checker::new(today);
    let (kind, lang) = (t.kind, t.lang);
    let name = c.line("name", &t.name, false);
    if name.chars().count() > MAX_VERSION_NAME && !c.has_error("name") {
        c.problem("name", Problem::TooLong { max: MAX_VERSION_NAME });
    }
    let subject = c.line("subject", &t.subject, false);
    let body = c.note("body", &t.body);
    if body.trim().is_empty() && !c.has_error("body") {
        c.problem("body", Problem::Required);
    }
    if body.chars().count() > MAX_TEMPLATE && !c.has_error("body") {
        c.problem("body", Problem::TooLong { max: MAX_TEMPLATE });
    }
    for (field, src) in [("subject", &subject), ("body", &body)] {
        if let Err(e) = environment().template_from_str(src) {
            if !c.has_error(field) {
                c.problem(field, Problem::TemplateSyntax { line: e.line().unwrap_or(1) });
            }
        }
    }
    let taken: bool = conn.query_row(
        "SELECT count(*) > 0 FROM templates WHERE kind = ?1 AND lang = ?2 AND name = ?3 AND id IS NOT ?4",
        params![kind, lang, name, t.id],
        |r| r.get(0),
    )?;
    if taken && !c.has_error("name") {
        // A new version left unnamed while an unnamed one exists: ask for a name rather than say "taken".
        let problem = if name.is_empty() && t.id.is_none() { Problem::Required } else { Problem::NameTaken };
        c.problem("name", problem);
    }
    c.finish()?;
    let tx = conn.unchecked_transaction()?;
    if let Some(id) = t.id {
        version(&tx, id, kind, lang)?;
    }
    if t.default {
        tx.execute("UPDATE templates SET is_default = 0 WHERE kind = ?1 AND lang = ?2", params![kind, lang])?;
    }
    let id = match t.id {
        Some(id) => {
            tx.execute(
                "UPDATE templates SET name = ?2, subject = ?3, body = ?4, is_default = ?5, updated_at = ?6
                 WHERE id = ?1",
                params![id, name, subject, body, t.default, crate::db::instant(now)],
            )?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO templates (kind, lang, name, subject, body, is_default, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![kind, lang, name, subject, body, t.default, crate::db::instant(now)],
            )?;
            tx.last_insert_rowid()
        }
    };
    let saved = version(&tx, id, kind, lang)?;
    tx.commit()?;
    Ok(saved)
}

/// Deletes one of the user's versions and returns the template now in use for its kind and language (Rebound's
/// if the deleted one was the default).
pub fn delete_template(conn: &Connection, id: i64) -> Result<Template> {
    let (kind, lang): (MessageKind, Lang) = conn
        .query_row("SELECT kind, lang FROM templates WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound("template"))?;
    conn.execute("DELETE FROM templates WHERE id = ?1", [id])?;
    template(conn, kind, lang)
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    // Messages are plain text: never HTML-escape a company called "A & B".
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_fuel(Some(RENDER_FUEL));
    env
}

/// What a message is about, gathered from the journal and the settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub company: String,
    pub role: String,
    pub applied_on: Option<NaiveDate>,
    pub contact: Option<(String, String)>,
    /// How to greet the contact.
    pub address_as: AddressForm,
    pub contact_email: String,
    pub contact_linkedin: String,
    pub people: Vec<String>,
    pub interview_on: Option<NaiveDate>,
    pub rejected_on: Option<NaiveDate>,
    pub promised_on: Option<NaiveDate>,
    pub ask_feedback: bool,
    pub my_name: String,
    pub signature: String,
    /// For a nudge: which one it is at this company (1, 2, 3), so the second and last read differently.
    pub nudge_number: Option<i64>,
    /// How many interviews the journal has for the application, up to today.
    pub interviews: i64,
    /// The people the journal shows were met: at an interview or a conversation logged on the application.
    pub met: Vec<String>,
    /// Whether the journal shows a conversation with the addressee (an interview they were at, or a
    /// conversation logged with them); without an addressee, whether any interview was logged. A message may
    /// say "our conversation" only then.
    pub talked: bool,
    /// The last contact with the addressee: what it was, and how many whole months ago.
    pub last_contact: Option<(ContactKind, i64)>,
}

/// Whole months from `from` to `to` (0 when `to` is earlier): 2026-10-26 → 2026-11-25 is 0, → 2026-11-26 is 1.
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> i64 {
    let months = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month()) - i64::from(from.month());
    (months - i64::from(to.day() < from.day())).max(0)
}

/// Gathers the facts for a message about application `app`, addressed to `person` (default: the first person
/// met for it), as the journal knows them on `today` (an interview planned for later has not happened yet).
pub fn facts(
    conn: &Connection,
    app: i64,
    person: Option<i64>,
    my_name: &str,
    signature: &str,
    today: NaiveDate,
) -> Result<Facts> {
    let detail = crate::journal::get_application(conn, app)?;
    let addressee = match person {
        Some(id) => Some(detail.people.iter().find(|p| p.id == id).ok_or(Error::NotFound("person"))?),
        None => detail.people.first(),
    };
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let latest = |kind: &str| detail.timeline.iter().rev().find(|e| e.kind == kind);
    let past = |e: &&crate::journal::Event| date(&e.date).is_some_and(|d| d <= today);
    let interviews = detail.timeline.iter().filter(past).filter(|e| e.kind == "interview").count();
    // Everyone at an interview or a logged conversation on this application, up to today.
    let met_ids: Vec<i64> = detail
        .timeline
        .iter()
        .filter(past)
        .filter(|e| e.kind == "interview" || e.kind == "contact")
        .flat_map(|e| e.people.iter().copied())
        .collect();
    let last_contact = match addressee {
        Some(p) => crate::people::last_contact_detail(conn, p.id, app, today)?
            .map(|(day, what)| (what, whole_months(day, today))),
        None => None,
    };
    let talked = match addressee {
        Some(p) => met_ids.contains(&p.id) || last_contact.is_some_and(|(what, _)| what == ContactKind::Conversation),
        None => interviews > 0,
    };
    Ok(Facts {
        company: detail.company.clone(),
        role: detail.role.clone(),
        applied_on: date(&detail.applied_on),
        contact: addressee.map(|p| (p.name.clone(), p.title.clone())),
        address_as: addressee.map_or(AddressForm::Full, |p| p.address_as),
        contact_email: addressee.map(|p| p.email.clone()).unwrap_or_default(),
        contact_linkedin: addressee.map(|p| p.linkedin_url.clone()).unwrap_or_default(),
        people: detail.people.iter().map(|p| p.name.clone()).collect(),
        interview_on: latest("interview").and_then(|e| date(&e.date)),
        rejected_on: latest("rejected").and_then(|e| date(&e.date)),
        promised_on: latest("ghosted").and_then(|e| e.details.get("promised_on")?.as_str().and_then(date)),
        ask_feedback: false,
        my_name: my_name.trim().to_owned(),
        signature: signature.trim().to_owned(),
        nudge_number: None,
        interviews: i64::try_from(interviews).unwrap_or(i64::MAX),
        met: detail.people.iter().filter(|p| met_ids.contains(&p.id)).map(|p| p.name.clone()).collect(),
        talked,
        last_contact,
    })
}

/// Sample values for previewing a template without an application, in the template's language, signed with
/// the user's own name and signature.
pub fn sample_facts(lang: Lang, my_name: &str, signature: &str) -> Facts {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    let (role, people) = if lang == Lang::Fr {
        ("Analyste de données", vec!["Marie Tremblay".to_owned(), "Jean Gagnon".to_owned()])
    } else {
        ("Data analyst", vec!["Marie Tremblay".to_owned(), "John Gagnon".to_owned()])
    };
    Facts {
        met: people.clone(),
        company: "Desjardins".into(),
        role: role.into(),
        applied_on: d(2026, 9, 1),
        contact: Some(("Marie Tremblay".into(), String::new())),
        address_as: AddressForm::Full,
        contact_email: String::new(),
        contact_linkedin: String::new(),
        people,
        interview_on: d(2026, 9, 15),
        rejected_on: d(2026, 10, 1),
        promised_on: d(2026, 9, 30),
        ask_feedback: true,
        my_name: my_name.trim().into(),
        signature: signature.trim().into(),
        nudge_number: None,
        interviews: 1,
        talked: true,
        last_contact: Some((ContactKind::Interview, 2)),
    }
}

impl Facts {
    /// The template context in `lang`: missing values are left out (undefined), not empty.
    pub fn context(&self, lang: Lang) -> Value {
        let mut m = Map::new();
        m.insert("company".into(), self.company.clone().into());
        m.insert("role".into(), self.role.clone().into());
        m.insert("people".into(), json!(self.people));
        m.insert("met".into(), json!(self.met));
        m.insert("interviews".into(), self.interviews.into());
        m.insert("talked".into(), self.talked.into());
        if let Some((what, months)) = self.last_contact {
            m.insert("last_contact".into(), what.as_str().into());
            m.insert("months_since_contact".into(), months.into());
        }
        m.insert("ask_feedback".into(), self.ask_feedback.into());
        let mut put_date = |k: &str, d: Option<NaiveDate>| {
            if let Some(d) = d {
                m.insert(k.into(), long_date(d, lang).into());
            }
        };
        put_date("applied_date", self.applied_on);
        put_date("interview_date", self.interview_on);
        put_date("rejection_date", self.rejected_on);
        put_date("promised_date", self.promised_on);
        if let Some((name, title)) = &self.contact {
            let greeting = greeting(name, self.address_as, lang);
            m.insert("contact".into(), json!({"name": name, "title": title, "greeting": greeting}));
        }
        if !self.my_name.is_empty() {
            m.insert("my_name".into(), self.my_name.clone().into());
        }
        if !self.signature.is_empty() {
            m.insert("signature".into(), self.signature.clone().into());
        }
        if let Some(n) = self.nudge_number {
            m.insert("nudge_number".into(), n.into());
        }
        Value::Object(m)
    }
}

/// How a message greets `name` in `lang`, by the person's chosen form of address: the full name (the default),
/// the first name, or Madame/Ms. or Monsieur/Mr. and the last name. The first word is taken as the first name
/// and the rest as the last name ("Marie de la Fontaine" → "Madame de la Fontaine"); a one-word name is used as
/// it is.
pub fn greeting(name: &str, address_as: AddressForm, lang: Lang) -> String {
    let name = name.trim();
    let (first, last) = match name.split_once(char::is_whitespace) {
        Some((first, rest)) if !rest.trim().is_empty() => (first, rest.trim()),
        _ => (name, name),
    };
    let titled = |fr: &str, en: &str| format!("{} {last}", if lang == Lang::Fr { fr } else { en });
    match address_as {
        AddressForm::First => first.to_owned(),
        AddressForm::Ms => titled("Madame", "Ms."),
        AddressForm::Mr => titled("Monsieur", "Mr."),
        AddressForm::Full => name.to_owned(),
    }
}

/// A value a template printed but the journal does not have, and where the user can fill it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Missing {
    pub variable: String,
    /// `people` (the application's people), `interviews`, `outcome` or `settings`.
    pub fix_in: &'static str,
}

/// A template error, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TemplateError {
    /// `subject` or `body`.
    pub part: &'static str,
    pub line: usize,
    pub detail: String,
}

/// What to render: a message about an application (or sample values, for the template editor), from the saved
/// template or from sources being edited.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MessageRequest {
    /// The application the message is about; `None` renders with sample values (the template editor).
    pub application_id: Option<i64>,
    pub kind: String,
    pub lang: String,
    /// The addressee; default: the first person met.
    pub person_id: Option<i64>,
    /// The step the message is for (it knows whether to ask for feedback).
    pub step_id: Option<i64>,
    /// Which of the user's versions to use; `None`: the default one.
    pub template_id: Option<i64>,
    /// Template sources being edited; `None` uses the saved template.
    pub subject: Option<String>,
    pub body: Option<String>,
}

/// Renders what `req` asks for, signed with the user's name and signature.
pub fn render_request(
    conn: &Connection,
    req: &MessageRequest,
    my_name: &str,
    signature: &str,
    today: NaiveDate,
) -> Result<Rendered> {
    let (Some(kind), Some(lang)) = (MessageKind::parse(&req.kind), Lang::parse(&req.lang)) else {
        return Err(Error::NotFound("template"));
    };
    for (field, draft) in [("subject", &req.subject), ("body", &req.body)] {
        crate::validate::within(field, draft.as_deref().unwrap_or_default(), MAX_TEMPLATE)?;
    }
    let step = req.step_id.map(|id| crate::plan::get_step(conn, id, today)).transpose()?;
    // A person's keep-in-touch reminder is addressed to them unless the composer picked someone else.
    let addressee = req.person_id.or(step.as_ref().and_then(|s| s.person_id));
    let mut facts = match req.application_id {
        Some(app) => facts(conn, app, addressee, my_name, signature, today)?,
        None => sample_facts(lang, my_name, signature),
    };
    // A thank-you asks for feedback unless the plan put that in its own message.
    facts.ask_feedback = kind == MessageKind::ThankYou;
    if let Some(step) = &step {
        facts.ask_feedback = step.ask_feedback;
        if step.kind == StepKind::Nudge {
            facts.nudge_number = Some(crate::plan::nudge_number(conn, step.id)?);
        }
    }
    let saved = match req.template_id {
        Some(id) => version(conn, id, kind, lang)?,
        None => template(conn, kind, lang)?,
    };
    let subject = req.subject.as_deref().unwrap_or(&saved.subject);
    let body = req.body.as_deref().unwrap_or(&saved.body);
    Ok(render(kind, lang, subject, body, &facts))
}

/// A rendered message, or why it could not be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rendered {
    pub kind: MessageKind,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    /// Values to fill in before this message can be written.
    pub missing: Vec<Missing>,
    pub error: Option<TemplateError>,
    /// A length limit for the body (LinkedIn), in characters, and the body's length.
    pub limit: Option<usize>,
    pub length: usize,
    /// Where to send it, from the addressee.
    pub email: String,
    pub linkedin_url: String,
}

fn fix_for(variable: &str) -> &'static str {
    match variable {
        "contact" => "people",
        "interview_date" => "interviews",
        "rejection_date" | "promised_date" => "outcome",
        "last_contact" | "months_since_contact" => "people",
        _ => "settings",
    }
}

/// Whether `snippet` mentions the identifier `name` (not as part of a longer name).
fn mentions(snippet: &str, name: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    snippet.match_indices(name).any(|(i, _)| {
        let before = snippet[..i].chars().next_back().is_none_or(|c| !ident(c));
        let after = snippet[i + name.len()..].chars().next().is_none_or(|c| !ident(c));
        before && after
    })
}

/// Renders one template source with the facts' context.
fn render_part(
    env: &Environment,
    part: &'static str,
    src: &str,
    ctx: &Value,
) -> Result<String, (TemplateError, Vec<Missing>)> {
    let fail = |e: &minijinja::Error| TemplateError {
        part,
        line: e.line().unwrap_or(1),
        detail: e.detail().map(str::to_owned).unwrap_or_else(|| e.kind().to_string()),
    };
    let tmpl = env.template_from_str(src).map_err(|e| (fail(&e), Vec::new()))?;
    tmpl.render(minijinja::value::Serde(ctx)).map_err(|e| {
        let missing = if e.kind() == ErrorKind::UndefinedError {
            // The variables the template uses that the context lacks; of those, the ones named where the error
            // points (a guarded use elsewhere is not the problem).
            let defined = |v: &str| ctx.get(v).is_some();
            let mut absent: Vec<String> =
                tmpl.undeclared_variables(false).into_iter().filter(|v| !defined(v)).collect();
            absent.sort();
            if let Some(snippet) = e.range().and_then(|r| src.get(r)) {
                let named: Vec<String> = absent.iter().filter(|v| mentions(snippet, v)).cloned().collect();
                if !named.is_empty() {
                    absent = named;
                }
            }
            absent.into_iter().map(|v| Missing { fix_in: fix_for(&v), variable: v }).collect()
        } else {
            Vec::new()
        };
        (fail(&e), missing)
    })
}

/// Renders a message of `kind` in `lang` from template sources (the saved ones, or a draft being edited).
pub fn render(kind: MessageKind, lang: Lang, subject_src: &str, body_src: &str, facts: &Facts) -> Rendered {
    let env = environment();
    let ctx = facts.context(lang);
    let mut out = Rendered {
        kind,
        lang,
        subject: String::new(),
        body: String::new(),
        missing: Vec::new(),
        error: None,
        limit: (kind == MessageKind::Linkedin).then_some(LINKEDIN_LIMIT),
        length: 0,
        email: facts.contact_email.clone(),
        linkedin_url: facts.contact_linkedin.clone(),
    };
    for (part, src) in [("subject", subject_src), ("body", body_src)] {
        match render_part(&env, part, src, &ctx) {
            Ok(text) => {
                let text = text.trim().to_owned();
                if part == "subject" {
                    out.subject = text;
                } else {
                    out.length = text.chars().count();
                    out.body = text;
                }
            }
            Err((error, missing)) => {
                for m in missing {
                    if !out.missing.contains(&m) {
                        out.missing.push(m);
                    }
                }
                if out.missing.is_empty() {
                    out.error = Some(error);
                }
                out.subject.clear();
                out.body.clear();
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
