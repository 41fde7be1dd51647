//! The user's preferences: language, name and signature. Typed and checked here; kept in `settings.json`
//! under the data folder by the shell (through tauri-plugin-store). Journal data never goes there.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Result;
use crate::journal::validate::Checker;
use crate::journal::LANGS;

/// The settings file's name inside the data folder.
pub const SETTINGS_FILE: &str = "settings.json";

/// What the user set. Absent values take their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    /// `fr` or `en` once the user picked one; `None` follows the operating system.
    pub language: Option<String>,
    /// Signs the messages.
    pub my_name: String,
    /// Closes the messages; may span lines.
    pub signature: String,
}

impl Settings {
    /// Reads settings from the file's JSON object, ignoring unknown keys and ill-typed values one by one so
    /// that one bad value does not cost the others.
    pub fn from_json(v: &Value) -> Settings {
        let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
        let language = v.get("language").and_then(Value::as_str).filter(|l| LANGS.contains(l)).map(str::to_owned);
        Settings { language, my_name: text("myName"), signature: text("signature") }
    }

    /// Checks settings sent by the UI and returns them cleaned.
    pub fn checked(&self, today: chrono::NaiveDate) -> Result<Settings> {
        let mut c = Checker::new(today);
        let language = match self.language.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(l) => c.choice("language", l, LANGS).map(str::to_owned),
        };
        let my_name = c.line("myName", &self.my_name, false);
        let signature = c.note("signature", &self.signature);
        c.finish()?;
        Ok(Settings { language, my_name, signature })
    }

    /// The language to speak: the one picked, else the system's (`fr` for any French locale), else English.
    pub fn effective_language(&self, system_locale: Option<&str>) -> &'static str {
        match self.language.as_deref() {
            Some("fr") => "fr",
            Some(_) => "en",
            None => match system_locale {
                Some(l) if l.to_ascii_lowercase().starts_with("fr") => "fr",
                _ => "en",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, Problem};
    use serde_json::json;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn language_follows_the_system_until_picked() {
        let mut s = Settings::default();
        assert_eq!(s.effective_language(Some("fr-CA")), "fr");
        assert_eq!(s.effective_language(Some("fr_FR.UTF-8")), "fr");
        assert_eq!(s.effective_language(Some("en-US")), "en");
        assert_eq!(s.effective_language(Some("de-DE")), "en");
        assert_eq!(s.effective_language(None), "en");
        s.language = Some("en".into());
        assert_eq!(s.effective_language(Some("fr-CA")), "en");
        s.language = Some("fr".into());
        assert_eq!(s.effective_language(Some("en-US")), "fr");
    }

    #[test]
    fn reading_keeps_good_values_and_drops_bad_ones() {
        let s = Settings::from_json(&json!({"language": "de", "myName": "Alex", "signature": 5, "extra": true}));
        assert_eq!(s, Settings { language: None, my_name: "Alex".into(), signature: String::new() });
        assert_eq!(Settings::from_json(&json!([1, 2])), Settings::default());
    }

    #[test]
    fn checking_refuses_bad_values() {
        let bad = Settings { language: Some("de".into()), my_name: "x\u{0}".into(), signature: "ok\nthanks".into() };
        match bad.checked(today()) {
            Err(Error::Invalid(v)) => {
                let got: Vec<_> = v.iter().map(|e| (e.field.as_str(), e.problem)).collect();
                assert_eq!(got, vec![("language", Problem::NotAChoice), ("myName", Problem::ControlCharacter)]);
            }
            other => panic!("{other:?}"),
        }
        let good = Settings { language: Some(" fr ".into()), my_name: " Alex ".into(), signature: "Alex\n".into() };
        assert_eq!(
            good.checked(today()).unwrap(),
            Settings { language: Some("fr".into()), my_name: "Alex".into(), signature: "Alex".into() }
        );
    }
}
