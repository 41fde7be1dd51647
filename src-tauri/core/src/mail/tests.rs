//! The reader on e-mails written for these tests (`testdata/`), and its limits.

use super::*;
use crate::testing::{d, today};

#[test]
fn the_rule_files_compile() {
    rules::compile_check().unwrap();
}
