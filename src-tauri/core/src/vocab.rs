//! The app's vocabulary: every fixed list of values (outcomes, channels, kinds of step and message, languages…)
//! as a Rust type, and the one home of the rules on numbers the user chooses (the check-in delay).
//!
//! Each term is written in the database, in exported files and across the bridge as the same lower-case word
//! as before these types existed (`rejected`, `in_person`, `check_in`…), so no data changes. Input from the
//! window stays text until [`crate::validate::Checker::pick`] reads it into a term, with a field error for
//! anything else; from then on the code matches on types, not strings. This module imports nothing of the
//! crate: every other module may use it.

use std::fmt;

/// A fixed list of words, one Rust type.
pub trait Term: Copy + Sized + 'static {
    /// Every term, in the order the window offers them.
    const ALL: &'static [Self];
    /// The stored word.
    fn as_str(self) -> &'static str;
    /// The term written `text`, if any.
    fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.as_str() == text)
    }
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every term, in the order the window offers them.
            pub const ALL: &'static [Self] = &[$($name::$variant),+];
            /// The stored words, in order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The stored word.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl Term for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                <$name as Term>::parse(&text)
                    .ok_or_else(|| <D::Error as serde::de::Error>::unknown_variant(&text, $name::NAMES))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                <$name as Term>::parse(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(format!("not a {}: {text:?}", stringify!($name)).into())
                })
            }
        }
    };
}

vocabulary! {
    /// The languages Rebound speaks, for the window and for messages.
    Lang { Fr = "fr", En = "en" }
}

vocabulary! {
    /// What an employer's e-mail says happened, as [`crate::mail::read`] reads it.
    MailKind {
        Rejection = "rejection",
        InterviewInvite = "interview_invite",
        Offer = "offer",
        /// The application was received.
        Acknowledgement = "acknowledgement",
        /// Still reviewing, delayed, on hold: the door is open.
        NoDecisionYet = "no_decision_yet",
        /// Job alerts, newsletters, network notifications, account e-mails, another job's pitch.
        Unrelated = "unrelated",
    }
}

vocabulary! {
    /// Why an e-mail says the application was declined, when it says so.
    MailReason {
        /// Filled by someone already inside.
        Internal = "internal",
        /// More (or other) experience wanted.
        Experience = "experience",
        Bilingualism = "bilingualism",
        /// Another candidate fit better.
        CloserMatch = "closer_match",
        /// Cancelled, frozen, no longer open.
        PositionCancelled = "position_cancelled",
        Location = "location",
        Salary = "salary",
        /// A specific reason none of the above names.
        Other = "other",
    }
}

vocabulary! {
    /// How an application ended (so far). The latest one on the timeline is the application's outcome.
    Outcome { Rejected = "rejected", Ghosted = "ghosted", Offer = "offer", Accepted = "accepted", Withdrawn = "withdrawn" }
}

vocabulary! {
    /// How a rejection reached the user.
    HeardBy { Email = "email", Phone = "phone", Letter = "letter", Portal = "portal", InPerson = "in_person" }
}

vocabulary! {
    /// How the user sent a message ("mark sent").
    Channel { Email = "email", Linkedin = "linkedin", Phone = "phone", Other = "other" }
}

vocabulary! {
    /// Kinds of interview.
    InterviewFormat { Phone = "phone", Video = "video", Onsite = "onsite" }
}

vocabulary! {
    /// How messages greet a person: full name (the default), first name, or Madame/Ms. or Monsieur/Mr. and the
    /// last name.
    #[derive(Default)]
    AddressForm { #[default] Full = "full", First = "first", Ms = "ms", Mr = "mr" }
}

vocabulary! {
    /// For a rejection: ask for feedback inside the thank-you, or in a message of its own.
    FeedbackAsk { Inside = "inside", Separate = "separate" }
}

vocabulary! {
    /// The kinds of step. `catch_up` is a person's keep-in-touch reminder ([`crate::people`]), not part of a plan.
    StepKind {
        ThankYou = "thank_you",
        Feedback = "feedback",
        KeepInTouch = "keep_in_touch",
        Linkedin = "linkedin",
        CheckIn = "check_in",
        Nudge = "nudge",
        CatchUp = "catch_up",
    }
}

vocabulary! {
    /// Where a step stands. `pending` and `missed` are open; the others are closed.
    StepStatus { Pending = "pending", Missed = "missed", Done = "done", Skipped = "skipped", Cancelled = "cancelled" }
}

vocabulary! {
    /// What the user does with a step.
    StepAction { Done = "done", Snooze = "snooze", Skip = "skip", Reschedule = "reschedule" }
}

vocabulary! {
    /// Kinds of message. Steps use theirs; `interview_thanks` is written after an interview.
    MessageKind {
        ThankYou = "thank_you",
        Feedback = "feedback",
        KeepInTouch = "keep_in_touch",
        CheckIn = "check_in",
        Linkedin = "linkedin",
        InterviewThanks = "interview_thanks",
        Nudge = "nudge",
        CatchUp = "catch_up",
    }
}

vocabulary! {
    /// Kinds of entry on an application's timeline (the `events` table; [`crate::events`] writes them).
    EventKind {
        Applied = "applied",
        Interview = "interview",
        Rejected = "rejected",
        Ghosted = "ghosted",
        Offer = "offer",
        Accepted = "accepted",
        Withdrawn = "withdrawn",
        PlanCreated = "plan_created",
        Reply = "reply",
        Contact = "contact",
        MessageSent = "message_sent",
        StepDone = "step_done",
        StepSkipped = "step_skipped",
        StepSnoozed = "step_snoozed",
        StepRescheduled = "step_rescheduled",
        Reminder = "reminder",
        Reflection = "reflection",
        /// An employer's e-mail the user chose to keep on the timeline when Rebound read it.
        Email = "email",
    }
}

impl StepStatus {
    /// Pending or missed: still to do.
    pub fn is_open(self) -> bool {
        matches!(self, StepStatus::Pending | StepStatus::Missed)
    }
}

impl From<Outcome> for EventKind {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Rejected => EventKind::Rejected,
            Outcome::Ghosted => EventKind::Ghosted,
            Outcome::Offer => EventKind::Offer,
            Outcome::Accepted => EventKind::Accepted,
            Outcome::Withdrawn => EventKind::Withdrawn,
        }
    }
}

/// The rule on the check-in delay (days from a rejection to the check-in), wherever it is chosen: in the
/// settings, or for one application.
pub mod check_in_days {
    /// The shortest delay.
    pub const MIN: u32 = 1;
    /// The longest delay: two years.
    pub const MAX: u32 = 730;
    /// The delay when the user has not chosen one: a typical probation period.
    pub const DEFAULT: u32 = 90;

    /// Whether `days` is a delay the user may choose.
    pub fn allows(days: u64) -> bool {
        (u64::from(MIN)..=u64::from(MAX)).contains(&days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Term + PartialEq + fmt::Debug + serde::Serialize + serde::de::DeserializeOwned>() {
        for &t in T::ALL {
            assert_eq!(T::parse(t.as_str()), Some(t));
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), t);
        }
        assert_eq!(T::parse("Rejected "), None);
        assert!(serde_json::from_str::<T>("\"nonsense\"").is_err());
    }

    #[test]
    fn every_term_round_trips_through_its_word_and_json() {
        round_trip::<Lang>();
        round_trip::<Outcome>();
        round_trip::<HeardBy>();
        round_trip::<Channel>();
        round_trip::<InterviewFormat>();
        round_trip::<AddressForm>();
        round_trip::<FeedbackAsk>();
        round_trip::<StepKind>();
        round_trip::<StepStatus>();
        round_trip::<StepAction>();
        round_trip::<MessageKind>();
        round_trip::<EventKind>();
        round_trip::<MailKind>();
        round_trip::<MailReason>();
    }

    #[test]
    fn the_stored_words_are_the_ones_the_database_already_holds() {
        assert_eq!(Outcome::NAMES, ["rejected", "ghosted", "offer", "accepted", "withdrawn"]);
        assert_eq!(HeardBy::NAMES, ["email", "phone", "letter", "portal", "in_person"]);
        assert_eq!(Channel::NAMES, ["email", "linkedin", "phone", "other"]);
        assert_eq!(
            StepKind::NAMES,
            ["thank_you", "feedback", "keep_in_touch", "linkedin", "check_in", "nudge", "catch_up"]
        );
        // Every step's kind is also a kind of message (its message), and each outcome an event kind, by word.
        for &k in StepKind::ALL {
            assert!(MessageKind::parse(k.as_str()).is_some(), "{k}");
        }
        for &o in Outcome::ALL {
            assert_eq!(EventKind::from(o).as_str(), o.as_str());
        }
    }

    #[test]
    fn terms_read_and_write_sqlite_as_their_word() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let back: StepKind = conn.query_row("SELECT ?1", [StepKind::CheckIn], |r| r.get(0)).unwrap();
        assert_eq!(back, StepKind::CheckIn);
        let text: String = conn.query_row("SELECT ?1", [Outcome::Withdrawn], |r| r.get(0)).unwrap();
        assert_eq!(text, "withdrawn");
        assert!(conn.query_row("SELECT 'maybe'", [], |r| r.get::<_, Outcome>(0)).is_err());
    }

    #[test]
    fn check_in_delay_rule() {
        assert!(!check_in_days::allows(0));
        assert!(check_in_days::allows(1));
        assert!(check_in_days::allows(u64::from(check_in_days::DEFAULT)));
        assert!(check_in_days::allows(730));
        assert!(!check_in_days::allows(731));
    }
}
