//! Dates written out for a message: « le 26 novembre 2026 » (with its article, as a French sentence needs it;
//! « le 1er » on the first of the month) and "November 26, 2026".

use chrono::{Datelike, NaiveDate};

use crate::vocab::Lang;

/// The months' names, as messages write them (the plan test looks for them in every built-in message).
pub(crate) const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
pub(crate) const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar day written out in `lang`.
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    let month = d.month0() as usize;
    if lang == Lang::Fr {
        let day = if d.day() == 1 { "1er".to_owned() } else { d.day().to_string() };
        format!("le {day} {} {}", FR_MONTHS[month], d.year())
    } else {
        format!("{} {}, {}", EN_MONTHS[month], d.day(), d.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(long_date(d(2026, 11, 26), Lang::Fr), "le 26 novembre 2026");
        assert_eq!(long_date(d(2026, 12, 1), Lang::Fr), "le 1er décembre 2026");
        assert_eq!(long_date(d(2028, 2, 29), Lang::En), "February 29, 2028");
        assert_eq!(long_date(d(2026, 8, 3), Lang::Fr), "le 3 août 2026");
    }
}
