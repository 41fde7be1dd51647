//! The user's preferences: language, name and signature, the check-in delay, the reminder time, notifications,
//! tray and start at login. Typed and checked here; kept in `settings.json`
//! under the data folder by the shell (through tauri-plugin-store). Journal data never goes there.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use chrono::NaiveTime;

use crate::error::{Problem, Result};
use crate::validate::Checker;
use crate::vocab::{check_in_days, Lang, Term};

/// `HH:MM` (24-hour) as a time of day.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    (s.len() == 5).then(|| NaiveTime::parse_from_str(s, "%H:%M").ok()).flatten()
}

/// The settings file's name inside the data folder.
pub const SETTINGS_FILE: &str = "settings.json";

/// The reminder time of day when the user has not chosen one.
pub const DEFAULT_REMINDER_TIME: &str = "09:00";

/// What the user set. Absent values take their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    /// `fr` or `en` once the user picked one; `None` follows the operating system.
    pub language: Option<String>,
    /// Signs the messages.
    pub my_name: String,
    /// Closes the messages; may span lines.
    pub signature: String,
    /// Days from a rejection to the check-in, for plans created from now on (30, 60, 90, 180 or custom).
    pub check_in_days: u32,
    /// The probation preset the delay was taken from (an id of [`crate::plan::probation::PRESETS`]), or empty.
    pub probation: String,
    /// When reminders fall due on their day, local time, `HH:MM`.
    pub reminder_time: String,
    /// Native notifications on or off (the tray shows what is due either way).
    pub notifications: bool,
    /// Closing the window keeps Rebound running in the tray.
    pub keep_in_tray: bool,
    /// Start Rebound (in the tray, without a window) when the user logs in.
    pub start_at_login: bool,
    /// The user's own calendar kept in step over CalDAV (off by default). Its password is in the system's
    /// keyring, never here.
    pub calendar: CalendarSettings,
}

/// Where the plan is published (issue 25). Written only by the calendar's own commands.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CalendarSettings {
    /// Sync on or off. Off: Rebound opens no connection at all.
    pub enabled: bool,
    /// The server's address as the user typed it.
    pub url: String,
    pub user: String,
    /// The chosen calendar collection's address, and its name as the server gives it.
    pub calendar: String,
    pub calendar_name: String,
}

impl CalendarSettings {
    /// On, and with everything a sync needs.
    pub fn active(&self) -> bool {
        self.enabled && !self.url.is_empty() && !self.user.is_empty() && !self.calendar.is_empty()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            my_name: String::new(),
            signature: String::new(),
            check_in_days: check_in_days::DEFAULT,
            probation: String::new(),
            reminder_time: DEFAULT_REMINDER_TIME.to_owned(),
            notifications: true,
            keep_in_tray: true,
            start_at_login: false,
            calendar: CalendarSettings::default(),
        }
    }
}

impl Settings {
    /// Reads settings from the file's JSON object, ignoring unknown keys and ill-typed values one by one so
    /// that one bad value does not cost the others.
    pub fn from_json(v: &Value) -> Settings {
        let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
        let language =
            v.get("language").and_then(Value::as_str).filter(|l| Lang::parse(l).is_some()).map(str::to_owned);
        let d = Settings::default();
        let flag = |k: &str, default: bool| v.get(k).and_then(Value::as_bool).unwrap_or(default);
        let check_in_days = v
            .get("checkInDays")
            .and_then(Value::as_u64)
            .filter(|&n| check_in_days::allows(n))
            .map_or(d.check_in_days, |n| n as u32);
        let reminder_time = v
            .get("reminderTime")
            .and_then(Value::as_str)
            .filter(|s| parse_time(s).is_some())
            .map_or(d.reminder_time, str::to_owned);
        let probation = text("probation");
        let probation = if crate::plan::probation::preset(&probation).is_some() { probation } else { String::new() };
        Settings {
            language,
            my_name: text("myName"),
            signature: text("signature"),
            check_in_days,
            probation,
            reminder_time,
            notifications: flag("notifications", d.notifications),
            keep_in_tray: flag("keepInTray", d.keep_in_tray),
            start_at_login: flag("startAtLogin", d.start_at_login),
            calendar: v
                .get("calendar")
                .and_then(|c| serde_json::from_value::<CalendarSettings>(c.clone()).ok())
                .unwrap_or_default(),
        }
    }

    /// The reminder time as a time of day.
    pub fn reminder_time(&self) -> NaiveTime {
        parse_time(&self.reminder_time).unwrap_or(NaiveTime::from_hms_opt(9, 0, 0).expect("valid"))
    }

    /// Checks settings sent by the UI and returns them cleaned.
    pub fn checked(&self, today: chrono::NaiveDate) -> Result<Settings> {
        let mut c = Checker::new(today);
        let language = match self.language.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(l) => c.pick::<Lang>("language", l).map(|l| l.as_str().to_owned()),
        };
        let my_name = c.line("myName", &self.my_name, false);
        let signature = c.note("signature", &self.signature);
        if !check_in_days::allows(self.check_in_days.into()) {
            c.problem(
                "checkInDays",
                Problem::OutOfRange { min: check_in_days::MIN as usize, max: check_in_days::MAX as usize },
            );
        }
        let probation = self.probation.trim().to_owned();
        if !probation.is_empty() {
            match crate::plan::probation::preset(&probation) {
                // A preset fills the delay in: the two must agree.
                Some(p) if p.days == self.check_in_days => {}
                _ => c.problem("checkInChoice", Problem::NotAChoice),
            }
        }
        let reminder_time = self.reminder_time.trim().to_owned();
        if parse_time(&reminder_time).is_none() {
            c.problem("reminderTime", Problem::NotATime);
        }
        c.finish()?;
        Ok(Settings { language, my_name, signature, reminder_time, probation, ..self.clone() })
    }

    /// The language to speak: the one picked, else the system's (`fr` for any French locale), else English.
    pub fn effective_language(&self, system_locale: Option<&str>) -> Lang {
        match self.language.as_deref() {
            Some(picked) => Lang::parse(picked).unwrap_or(Lang::En),
            None => match system_locale {
                Some(l) if l.to_ascii_lowercase().starts_with("fr") => Lang::Fr,
                _ => Lang::En,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, Problem};
    use crate::testing::today;
    use serde_json::json;

    #[test]
    fn language_follows_the_system_until_picked() {
        let mut s = Settings::default();
        assert_eq!(s.effective_language(Some("fr-CA")), Lang::Fr);
        assert_eq!(s.effective_language(Some("fr_FR.UTF-8")), Lang::Fr);
        assert_eq!(s.effective_language(Some("en-US")), Lang::En);
        assert_eq!(s.effective_language(Some("de-DE")), Lang::En);
        assert_eq!(s.effective_language(None), "en");
        s.language = Some("en".into());
        assert_eq!(s.effective_language(Some("fr-CA")), Lang::En);
        s.language = Some("fr".into());
        assert_eq!(s.effective_language(Some("en-US")), Lang::Fr);
    }

    #[test]
    fn reading_keeps_good_values_and_drops_bad_ones() {
        let s = Settings::from_json(&json!({"language": "de", "myName": "Alex", "signature": 5, "extra": true}));
        assert_eq!(s, Settings { my_name: "Alex".into(), ..Settings::default() });
        let s = Settings::from_json(
            &json!({"checkInDays": 60, "reminderTime": "07:30", "notifications": false, "keepInTray": "no"}),
        );
        assert_eq!(
            (s.check_in_days, s.reminder_time.as_str(), s.notifications, s.keep_in_tray),
            (60, "07:30", false, true)
        );
        let s = Settings::from_json(&json!({"checkInDays": 0, "reminderTime": "25:00"}));
        assert_eq!((s.check_in_days, s.reminder_time.as_str()), (90, "09:00"), "bad values fall back to defaults");
        assert_eq!(Settings::from_json(&json!([1, 2])), Settings::default());
    }

    #[test]
    fn a_probation_preset_must_exist_and_agree_with_the_delay() {
        let qc = Settings { probation: "ca_qc".into(), check_in_days: 90, ..Settings::default() };
        assert_eq!(qc.checked(today()).unwrap().probation, "ca_qc");
        for (probation, days) in [("ca_qc", 180), ("atlantis", 90)] {
            let bad = Settings { probation: probation.into(), check_in_days: days, ..Settings::default() };
            match bad.checked(today()) {
                Err(Error::Invalid(v)) => {
                    assert_eq!((v[0].field.as_str(), v[0].problem), ("checkInChoice", Problem::NotAChoice))
                }
                other => panic!("{probation} {days}: {other:?}"),
            }
        }
        // Read from the file, an unknown preset is dropped and the delay kept.
        let read = Settings::from_json(&serde_json::json!({"probation": "atlantis", "checkInDays": 75}));
        assert_eq!((read.probation.as_str(), read.check_in_days), ("", 75));
        let read = Settings::from_json(&serde_json::json!({"probation": "fr_cadres", "checkInDays": 120}));
        assert_eq!(read.probation, "fr_cadres");
    }

    #[test]
    fn checking_refuses_bad_values() {
        let bad = Settings {
            language: Some("de".into()),
            my_name: "x\u{0}".into(),
            signature: "ok\nthanks".into(),
            check_in_days: 0,
            reminder_time: "9h".into(),
            ..Settings::default()
        };
        match bad.checked(today()) {
            Err(Error::Invalid(v)) => {
                let got: Vec<_> = v.iter().map(|e| (e.field.as_str(), e.problem)).collect();
                assert_eq!(
                    got,
                    vec![
                        ("language", Problem::NotAChoice),
                        ("myName", Problem::ControlCharacter),
                        ("checkInDays", Problem::OutOfRange { min: 1, max: 730 }),
                        ("reminderTime", Problem::NotATime),
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
        let good = Settings {
            language: Some(" fr ".into()),
            my_name: " Alex ".into(),
            signature: "Alex\n".into(),
            reminder_time: " 08:15 ".into(),
            check_in_days: 180,
            ..Settings::default()
        };
        assert_eq!(
            good.checked(today()).unwrap(),
            Settings {
                language: Some("fr".into()),
                my_name: "Alex".into(),
                signature: "Alex".into(),
                reminder_time: "08:15".into(),
                check_in_days: 180,
                ..Settings::default()
            }
        );
    }
}
