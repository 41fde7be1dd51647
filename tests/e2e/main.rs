//! End-to-end tests: the real binary, the real webview, the real database file, driven through WebDriver.
//! Run them through `scripts/headless.sh` (the README's test command does), one at a time.

mod desktop;
mod files;
mod harness;
mod journal;
mod looks;
mod mail;
mod messages;
mod reminders;
mod robustness;
mod screenshot;
mod trust;
