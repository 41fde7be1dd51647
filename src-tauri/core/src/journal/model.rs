//! What the journal stores and returns, and what the UI sends to it.

use serde::{Deserialize, Serialize};

use crate::vocab::{AddressForm, Lang};

/// An application as the form sends it, to create (`id: None`) or replace (`id: Some`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ApplicationInput {
    pub id: Option<i64>,
    pub company: String,
    pub role: String,
    pub posting_url: String,
    pub location: String,
    pub applied_on: String,
    pub source: String,
    /// `fr` or `en`; empty means the UI language.
    pub lang: String,
    /// Days from a rejection to the check-in for this application, overriding the setting; `None`: the setting.
    pub check_in_days: Option<u32>,
    /// Everyone met for this application. A person left out of the list is unlinked from it (not deleted:
    /// they stay in the company's history if they are linked elsewhere).
    pub people: Vec<PersonInput>,
    /// All interviews of the application. One left out is removed from the timeline.
    pub interviews: Vec<InterviewInput>,
}

/// A person met, as the form sends them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PersonInput {
    pub id: Option<i64>,
    pub name: String,
    pub title: String,
    pub email: String,
    pub linkedin_url: String,
    pub phone: String,
    /// One of [`AddressForm`]; empty means `full`.
    pub address_as: String,
}

/// An interview as the form sends it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct InterviewInput {
    /// The interview's event id when editing.
    pub id: Option<i64>,
    pub date: String,
    /// One of [`crate::vocab::InterviewFormat`].
    pub format: String,
    /// Who was met: indexes into [`ApplicationInput::people`].
    pub met: Vec<usize>,
}

/// An outcome to log on an application.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OutcomeInput {
    pub application_id: i64,
    /// One of [`crate::vocab::Outcome`].
    pub outcome: String,
    /// When it happened; for `ghosted`, the day since which there has been no answer.
    pub date: String,
    /// For `rejected`: one of [`crate::vocab::HeardBy`].
    pub channel: String,
    /// For `rejected`: the reason given, if any.
    pub reason: String,
    /// For `rejected`: ask for feedback `inside` the thank-you (default) or as a `separate` message.
    pub feedback: String,
    /// For `ghosted`: the decision date they had promised, if any.
    pub promised_on: String,
    /// Anything else worth keeping.
    pub note: String,
}

/// The private reflection on one outcome.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default, rename_all = "camelCase")]
pub struct ReflectionInput {
    pub outcome_event_id: i64,
    pub went_well: String,
    pub do_differently: String,
    pub feelings: String,
}

/// A row of the applications list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationSummary {
    pub id: i64,
    pub company_id: i64,
    pub company: String,
    pub role: String,
    pub applied_on: String,
    /// The latest outcome, or `interviewing` / `applied` while there is none.
    pub status: String,
    /// The date of the latest event on the timeline (reminders the app showed do not count: they are not news
    /// about the application).
    pub last_event_on: String,
    /// Names of the people met, for the search box.
    #[serde(skip)]
    pub people: String,
}

/// The first rows of the list, and how many there are in all.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ApplicationPage {
    pub total: usize,
    pub items: Vec<ApplicationSummary>,
}

/// A person met at a company.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: i64,
    pub company_id: i64,
    pub name: String,
    pub title: String,
    pub email: String,
    pub linkedin_url: String,
    pub phone: String,
    /// How messages greet them.
    pub address_as: AddressForm,
    /// Keep in touch every this many months ([`crate::people`]); `None`: no reminder.
    pub keep_in_touch_months: Option<u32>,
}

/// One entry of the timeline.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: i64,
    pub kind: String,
    pub date: String,
    pub details: serde_json::Value,
    /// For an interview: the people met.
    pub people: Vec<i64>,
    /// For an outcome: its reflection, if written.
    pub reflection: Option<ReflectionInput>,
}

/// Everything about one application, for its detail view and its edit form.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationDetail {
    pub id: i64,
    pub company_id: i64,
    pub company: String,
    pub role: String,
    pub posting_url: String,
    pub location: String,
    pub applied_on: String,
    pub source: String,
    pub lang: Lang,
    pub check_in_days: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
    pub status: String,
    pub people: Vec<Person>,
    /// The timeline, oldest first.
    pub timeline: Vec<Event>,
}

/// Every application and every person at one company.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CompanyHistory {
    pub id: i64,
    pub name: String,
    pub applications: Vec<ApplicationSummary>,
    pub people: Vec<Person>,
}
