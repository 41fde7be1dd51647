//! Probation periods by jurisdiction, offered as presets for the check-in delay: the check-in falls when the new
//! hire's probation ends, and how long that is depends on where the job is (see the product brief's table).
//! Each preset names the law it comes from (the section where we are sure of it), shown beside the choice; its
//! label is `probation.<id>` in the catalogues. The periods are those of the brief's table. The delay stays a plain number of days: a preset only fills it in.

use serde::Serialize;

/// One jurisdiction's usual probation, as a check-in delay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Preset {
    /// Stable id, stored in the settings (`ca_qc`, `fr_cadres`…).
    pub id: &'static str,
    /// The delay in days (months counted as 30 days).
    pub days: u32,
    /// The law the period comes from, as it is cited.
    pub source: &'static str,
}

const fn p(id: &'static str, days: u32, source: &'static str) -> Preset {
    Preset { id, days, source }
}

/// Every preset, in the order the settings list them: Canada (federal, then provinces and territories), then
/// France by category of employee.
pub const PRESETS: &[Preset] = &[
    p("ca_federal", 90, "Canada Labour Code, s. 230 (3 months)"),
    p("ca_ab", 90, "Employment Standards Code (Alberta), s. 56 (90 days)"),
    p("ca_bc", 90, "Employment Standards Act (British Columbia), s. 63 (3 months)"),
    p("ca_mb", 30, "The Employment Standards Code (Manitoba) (30 days)"),
    p("ca_nb", 180, "Employment Standards Act (New Brunswick) (6 months)"),
    p("ca_nl", 90, "Labour Standards Act (Newfoundland and Labrador) (3 months)"),
    p("ca_ns", 90, "Labour Standards Code (Nova Scotia) (3 months)"),
    p("ca_on", 90, "Employment Standards Act, 2000 (Ontario), s. 54 (3 months)"),
    p("ca_pe", 180, "Employment Standards Act (Prince Edward Island) (6 months)"),
    p("ca_qc", 90, "Loi sur les normes du travail (Québec), art. 82 (3 mois)"),
    p("ca_sk", 90, "The Saskatchewan Employment Act (3 months)"),
    p("ca_yt", 180, "Employment Standards Act (Yukon) (6 months)"),
    p("fr_employes", 60, "Code du travail, art. L1221-19 (2 mois, renouvelable une fois)"),
    p("fr_maitrise", 90, "Code du travail, art. L1221-19 (3 mois, renouvelable une fois)"),
    p("fr_cadres", 120, "Code du travail, art. L1221-19 (4 mois, renouvelable une fois)"),
];

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_unique_within_the_delay_bounds_and_named_in_both_languages() {
        let ids: std::collections::HashSet<_> = PRESETS.iter().map(|p| p.id).collect();
        assert_eq!(ids.len(), PRESETS.len(), "ids are unique");
        for p in PRESETS {
            assert!(crate::vocab::check_in_days::allows(p.days.into()), "{}", p.id);
            for &lang in crate::vocab::Lang::ALL {
                let label = crate::i18n::t(lang, &format!("probation.{}", p.id), &[]);
                assert!(!label.starts_with("probation."), "{lang} label of {}", p.id);
            }
        }
        // The brief's table: Ontario and federal 3 months, New Brunswick 6, Manitoba about 30 days, France by category.
        let days = |id| preset(id).unwrap().days;
        assert_eq!((days("ca_on"), days("ca_federal"), days("ca_nb"), days("ca_mb")), (90, 90, 180, 30));
        assert_eq!((days("fr_employes"), days("fr_maitrise"), days("fr_cadres")), (60, 90, 120));
        assert_eq!(preset("xx"), None);
    }
}
