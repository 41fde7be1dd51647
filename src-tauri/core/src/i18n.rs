//! The string catalogues (`ui/i18n/{fr,en}.json`), embedded so that Rust speaks the user's language in error
//! messages, the tray, notifications and exported files (CSV headers, calendar events). The window receives the
//! same catalogue at start-up.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::vocab::Lang;

const FR: &str = include_str!("../../../ui/i18n/fr.json");
const EN: &str = include_str!("../../../ui/i18n/en.json");

/// One language's strings, key to text.
pub type Catalogue = HashMap<String, String>;

fn parse(src: &str) -> Catalogue {
    serde_json::from_str(src).expect("ui/i18n catalogues are valid JSON objects of strings (checked by a test)")
}

/// The catalogue for `lang`.
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    static FR_CAT: OnceLock<Catalogue> = OnceLock::new();
    static EN_CAT: OnceLock<Catalogue> = OnceLock::new();
    match lang {
        Lang::Fr => FR_CAT.get_or_init(|| parse(FR)),
        Lang::En => EN_CAT.get_or_init(|| parse(EN)),
    }
}

/// The string `key` in `lang`, with each `{name}` replaced from `args`. A missing key shows as itself, so a
/// gap is visible rather than silent (and the catalogue test catches it first).
pub fn t(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let mut s = catalogue(lang).get(key).cloned().unwrap_or_else(|| key.to_owned());
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// The plural form of `key` for the count `n`: `key.one` or `key.other`, with `{n}` filled and then `args`.
/// French takes the singular below 2 (« 0 candidature », « 1,5 jour »), English only for exactly one.
/// `ui/js/i18n.js` `tn` applies the same rule.
pub fn tn(lang: Lang, key: &str, n: i64, args: &[(&str, String)]) -> String {
    let singular = match lang {
        Lang::Fr => n < 2,
        Lang::En => n == 1,
    };
    let form = format!("{key}.{}", if singular { "one" } else { "other" });
    let mut all = vec![("n", n.to_string())];
    all.extend(args.iter().map(|(k, v)| (*k, v.clone())));
    t(lang, &form, &all)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys_and_no_empty_string() {
        let fr = catalogue(Lang::Fr);
        let en = catalogue(Lang::En);
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
        assert_eq!(
            t(Lang::En, "error.too_long", &[("max", "200".into())]),
            "Shorten this text: 200 characters at most."
        );
        assert_eq!(
            t(Lang::Fr, "error.too_long", &[("max", "200".into())]),
            "Raccourcissez ce texte\u{a0}: 200 caractères au maximum."
        );
        assert_eq!(t(Lang::En, "no.such.key", &[]), "no.such.key");
    }

    /// The `{name}` placeholders of a catalogue string; the `{{ … }}` and `{% … %}` of the template help are
    /// not placeholders.
    fn placeholders(s: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            rest = &rest[i + 1..];
            let name: String =
                rest.chars().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_').collect();
            // `name` is ASCII, so its length in bytes is a char boundary of `rest`.
            if !name.is_empty() && rest[name.len()..].starts_with('}') {
                found.insert(name);
            }
        }
        found
    }

    /// A plausible value for placeholder `name` in `lang`, as the UI or Rust would pass it.
    fn sample(lang: &str, name: &str) -> String {
        let fr = lang == "fr";
        match name {
            "n" => "3",
            "max" => "200",
            "min" => "1",
            "days" => "14",
            "line" => "4",
            "date" | "from" => {
                if fr {
                    "26 novembre 2026"
                } else {
                    "November 26, 2026"
                }
            }
            "to" => {
                if fr {
                    "3 décembre 2026"
                } else {
                    "December 3, 2026"
                }
            }
            "company" | "name" => "Desjardins",
            "role" => "Analyste de données",
            "names" => "Marie Tremblay, Jean Gagnon",
            "q" => "analyste",
            "detail" => "unexpected end of input",
            "reason" => {
                if fr {
                    "Une candidature interne a été retenue."
                } else {
                    "They chose an internal candidate."
                }
            }
            "channel" => {
                if fr {
                    "courriel"
                } else {
                    "email"
                }
            }
            _ => {
                if fr {
                    "valeur"
                } else {
                    "value"
                }
            }
        }
        .to_owned()
    }

    #[test]
    fn every_string_has_the_same_placeholders_in_both_languages_and_reads_well_once_filled() {
        let fr = catalogue(Lang::Fr);
        let en = catalogue(Lang::En);
        let mut keys: Vec<&String> = fr.keys().chain(en.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (Some(fr_text), Some(en_text)) = (fr.get(key), en.get(key)) else {
                panic!("{key} is in one catalogue only");
            };
            assert_eq!(placeholders(fr_text), placeholders(en_text), "{key}: the same placeholders in fr and en");
            for (lang, text) in [(Lang::Fr, fr_text), (Lang::En, en_text)] {
                let names = placeholders(text);
                let args: Vec<(&str, String)> = names.iter().map(|p| (p.as_str(), sample(lang.as_str(), p))).collect();
                let filled = t(lang, key, &args);
                assert!(placeholders(&filled).is_empty(), "{lang} {key}: a placeholder is left: {filled:?}");
                for doubled in ["  ", " \u{a0}", "\u{a0} ", "\u{a0}\u{a0}"] {
                    assert!(!filled.contains(doubled), "{lang} {key}: doubled space: {filled:?}");
                }
                assert!(
                    !filled.contains(" \n") && !filled.contains("\u{a0}\n"),
                    "{lang} {key}: space before a newline"
                );
                assert_eq!(filled.trim(), filled.as_str(), "{lang} {key}: space at either end");
                if lang == Lang::Fr {
                    // Quebec typography: a non-breaking space before « : » and inside « », none before ; ! ?
                    // (a lone ! or ? quoted as a sign takes a non-breaking one); the apostrophe is ’.
                    for wrong in [" :", " ;", " !", " ?", "« ", " »", "'"] {
                        assert!(!filled.contains(wrong), "fr {key}: {wrong:?} in {filled:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn french_strings_with_values_read_as_sentences() {
        let date = [("date", "26 novembre 2026".to_owned())];
        assert_eq!(t(Lang::Fr, "plan.due_on", &date), "Prévue le 26 novembre 2026");
        assert_eq!(t(Lang::Fr, "plan.done_on", &date), "Faite le 26 novembre 2026");
        let sent_by = |lang: Lang, channel: &str| {
            t(lang, "timeline.by", &[("channel", t(lang, &format!("sent.{channel}"), &[]))])
        };
        assert_eq!(sent_by(Lang::Fr, "other"), "Par un autre moyen");
        assert_eq!(sent_by(Lang::Fr, "email"), "Par courriel");
        assert_eq!(sent_by(Lang::En, "other"), "By other means");
        assert_eq!(sent_by(Lang::En, "email"), "By email");
        // How a rejection was heard reads as a phrase of its own, not « Moyen : Téléphone ».
        assert_eq!(t(Lang::Fr, "heard.phone", &[]), "Par téléphone");
        assert_eq!(t(Lang::En, "heard.in_person", &[]), "In person");
        assert_eq!(t(Lang::Fr, "timeline.met", &[("names", "Marie Tremblay".into())]), "Rencontre avec Marie Tremblay");
    }

    #[test]
    fn the_french_catalogue_follows_the_glossary() {
        assert_eq!(tn(Lang::Fr, "tray.due", 1, &[]), "1 suivi à faire");
        assert_eq!(t(Lang::Fr, "tray.none_due", &[]), "Aucun suivi à faire");
        assert_eq!(tn(Lang::Fr, "tray.due", 3, &[]), "3 suivis à faire");
        assert_eq!(tn(Lang::Fr, "notify.summary", 4, &[]), "4 suivis à faire");
        assert_eq!(
            t(Lang::Fr, "notify.one", &[("company", "Desjardins".into()), ("role", "Analyste".into())]),
            "Suivi\u{a0}: Desjardins — Analyste"
        );
        assert_eq!(t(Lang::Fr, "settings.days_90", &[]), "90 jours (période d’essai habituelle)");
        for key in ["status.accepted", "outcome.accepted", "event.accepted"] {
            assert_eq!(t(Lang::Fr, key, &[]), "Offre acceptée", "{key}");
        }
        assert_eq!(t(Lang::Fr, "status.interviewing", &[]), "Entrevues en cours");
        assert_eq!(t(Lang::Fr, "settings.my_name", &[]), "Votre nom");
        assert_eq!(t(Lang::Fr, "settings.signature", &[]), "Votre signature");
        assert_eq!(tn(Lang::En, "tray.due", 1, &[]), "1 follow-up due");
        for (key, text) in catalogue(Lang::Fr) {
            let lower = text.to_lowercase();
            assert!(!lower.contains("probation"), "fr {key}: « période d’essai », not « probation »: {text}");
            assert!(
                key == "message.nudge" || !lower.contains("relance"),
                "fr {key}: a follow-up is a « suivi »; « relance » names the nudge message only: {text}"
            );
        }
    }

    /// Strings whose `{n}` is not a count of something named after it, so they need no plural forms: a position
    /// in a list (« Entrevue 2 »), a figure after a label or in parentheses (« Candidatures (3) »), a running
    /// character count whose noun goes with its limit, and "show N more" (no noun).
    const NOT_COUNTED: &[&str] = &[
        "company.applications",
        "company.people",
        "composer.counter",
        "interview.legend",
        "interview.remove",
        "list.count",
        "list.more",
        "person.legend",
        "person.remove",
        "transfer.already",
        "transfer.conflicting",
        "transfer.new",
        "transfer.templates",
    ];

    /// The placeholders that hold a count of something.
    const COUNTS: &[&str] = &["n", "days", "months", "count"];

    #[test]
    fn every_count_has_plural_forms_and_each_form_reads_right() {
        for lang in [Lang::Fr, Lang::En] {
            let cat = catalogue(lang);
            for (key, text) in cat {
                let counted = placeholders(text).iter().any(|p| COUNTS.contains(&p.as_str()));
                // A plural form is `base.one` beside `base.other` (`sent.other`, "by other means", and
                // `notify.one`, one notification, are not); a count anywhere else needs them.
                let plural_form = match key.rsplit_once('.') {
                    Some((base, "one")) => cat.contains_key(&format!("{base}.other")),
                    Some((base, "other")) => cat.contains_key(&format!("{base}.one")),
                    _ => false,
                };
                assert!(
                    plural_form || !counted || NOT_COUNTED.contains(&key.as_str()),
                    "{lang} {key}: a count without plural forms ({text:?}); make it {key}.one and {key}.other and \
                     call tn()"
                );
            }
        }
        // French takes the singular below 2, English only for one.
        assert_eq!(tn(Lang::Fr, "transfer.rows", 0, &[]), "0 ligne");
        assert_eq!(tn(Lang::Fr, "transfer.rows", 1, &[]), "1 ligne");
        assert_eq!(tn(Lang::Fr, "transfer.rows", 2, &[]), "2 lignes");
        assert_eq!(tn(Lang::En, "transfer.rows", 0, &[]), "0 rows");
        assert_eq!(tn(Lang::En, "transfer.rows", 1, &[]), "1 row");
        assert_eq!(tn(Lang::Fr, "transfer.apply_csv", 1, &[]), "Importer 1 candidature");
        assert_eq!(tn(Lang::En, "insights.median", 1, &[]), "Median wait for a first answer: 1 day");
        assert_eq!(tn(Lang::En, "people.every", 1, &[]), "Every month");
        assert_eq!(tn(Lang::Fr, "people.every", 6, &[]), "Tous les 6 mois");
    }

    #[test]
    fn the_funnel_rows_agree_with_their_column_and_a_stage_is_not_a_step() {
        // Each row of the funnel names applications (« Candidatures »): feminine plural in French.
        for key in ["insights.rejected", "insights.withdrawn", "insights.applied"] {
            assert!(t(Lang::Fr, key, &[]).ends_with('s'), "{key}: {}", t(Lang::Fr, key, &[]));
        }
        assert_ne!(t(Lang::Fr, "insights.step", &[]), "Étape", "« étape » is an item of the plan");
        assert_ne!(t(Lang::En, "insights.step", &[]), "Step", "a step is an item of the plan");
    }

    #[test]
    fn the_catch_up_has_one_name_apart_from_keep_in_touch_and_the_check_in() {
        for lang in [Lang::Fr, Lang::En] {
            let name = t(lang, "message.catch_up", &[]);
            for other in ["message.keep_in_touch", "message.check_in"] {
                let other = t(lang, other, &[]);
                for key in ["step.catch_up", "notify.person", "people.cadence"] {
                    let text = t(lang, key, &[]);
                    assert!(
                        text.to_lowercase().contains(&name.to_lowercase()),
                        "{lang} {key} names the catch-up: {text}"
                    );
                    assert!(!text.contains(&other), "{lang} {key}: {text} uses the name of {other}");
                }
            }
        }
    }
}
