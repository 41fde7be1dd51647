// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // `--version` and `--help` answer on stdout and exit, before any window, tray or journal exists.
    if let Some(text) = rebound::command_line_answer(std::env::args().skip(1)) {
        println!("{text}");
        return;
    }
    rebound::run();
}
