//! The journal: companies, applications, the people met, interviews, outcomes and reflections, all laid on
//! one timeline (the `events` table). Plain Rust over a rusqlite `Connection`; no Tauri here.
//!
//! Writes that touch more than one row run in one transaction, so a refused or failed save leaves the
//! journal exactly as it was.

mod model;
pub mod search;
mod store;
pub mod trash;

pub use model::*;
pub use store::*;

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// The key under which names are matched: accents dropped, lower case, spaces trimmed and collapsed.
/// "  Société  Générale " and "societe generale" fold to the same key.
pub fn fold(text: &str) -> String {
    let stripped: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
    stripped.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod fold_tests {
    use super::fold;

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(fold("  Société  Générale "), "societe generale");
        assert_eq!(fold("societe generale"), "societe generale");
        assert_eq!(fold("DESJARDINS"), "desjardins");
        assert_eq!(fold("Hydro-Québec"), "hydro-quebec");
        assert_eq!(fold("Ça\tVa"), "ca va");
        assert_ne!(fold("Acme"), fold("Acne"));
    }
}

#[cfg(test)]
mod tests;
