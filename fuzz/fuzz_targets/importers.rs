//! Every input goes to the JSON importer (parse, preview, import), the CSV importer (read, check, import), the
//! CSV day reader and the date readers: `cargo +nightly fuzz run importers fuzz/seeds` from the repository's
//! root. The body is `rebound_core::fuzzing::one`, which `cargo test` also runs on the seeds.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rebound_core::fuzzing::one(data));
