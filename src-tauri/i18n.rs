//! The string catalogues (`ui/i18n/{fr,en}.json`), embedded so that Rust can speak the user's language in
//! error messages (and later the tray and notifications). The UI receives the same catalogue at start-up.

use std::collections::HashMap;
use std::sync::OnceLock;

const FR: &str = include_str!("../ui/i18n/fr.json");
const EN: &str = include_str!("../ui/i18n/en.json");

/// One language's strings, key to text.
pub type Catalogue = HashMap<String, String>;

fn parse(src: &str) -> Catalogue {
    serde_json::from_str(src).expect("ui/i18n catalogues are valid JSON objects of strings (checked by a test)")
}

/// The catalogue for `lang` (`fr`; anything else gives English).
pub fn catalogue(lang: &str) -> &'static Catalogue {
    static FR_CAT: OnceLock<Catalogue> = OnceLock::new();
    static EN_CAT: OnceLock<Catalogue> = OnceLock::new();
    if lang == "fr" {
        FR_CAT.get_or_init(|| parse(FR))
    } else {
        EN_CAT.get_or_init(|| parse(EN))
    }
}

/// The string `key` in `lang`, with each `{name}` replaced from `args`. A missing key shows as itself, so a
/// gap is visible rather than silent (and the catalogue test catches it first).
pub fn t(lang: &str, key: &str, args: &[(&str, String)]) -> String {
    let mut s = catalogue(lang).get(key).cloned().unwrap_or_else(|| key.to_owned());
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys_and_no_empty_string() {
        let fr = catalogue("fr");
        let en = catalogue("en");
        let mut missing_fr: Vec<_> = en.keys().filter(|k| !fr.contains_key(*k)).collect();
        let mut missing_en: Vec<_> = fr.keys().filter(|k| !en.contains_key(*k)).collect();
        missing_fr.sort();
        missing_en.sort();
        assert!(missing_fr.is_empty(), "missing in fr.json: {missing_fr:?}");
        assert!(missing_en.is_empty(), "missing in en.json: {missing_en:?}");
        for (k, v) in fr.iter().chain(en.iter()) {
            assert!(!v.trim().is_empty(), "empty string for {k}");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(t("en", "error.too_long", &[("max", "200".into())]), "Keep this under 200 characters.");
        assert!(t("fr", "error.too_long", &[("max", "200".into())]).contains("200"));
        assert_eq!(t("en", "no.such.key", &[]), "no.such.key");
    }
}
