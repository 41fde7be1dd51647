//! End-to-end tests: the real binary, the real webview, the real database file, driven through WebDriver.
//! Run them through `scripts/headless.sh` (the README's test command does), one at a time.
//! Linux only: they drive WebKitGTK under Xvfb with a D-Bus session, dunst, xclip and xdotool. On another target
//! this crate is empty (so that `cargo clippy --target x86_64-pc-windows-gnu --all-targets` checks the rest).
#![cfg(target_os = "linux")]

mod calendar;
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
