//! Everything that touches Tauri: app state, the settings file through tauri-plugin-store, the window, and
//! the command adapters the UI calls.

pub mod actions;
pub mod calendar;
pub mod commands;
pub mod error;
pub mod logger;
pub mod notifier;
pub mod reminders;
pub mod settings_file;
pub mod state;
pub mod tray;
pub mod window;

#[cfg(test)]
mod tests;
