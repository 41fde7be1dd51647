//! Helpers for what WebDriver cannot see: the notification daemon (dunst), the tray (StatusNotifierItem and
//! its dbusmenu, read over D-Bus), and the app's processes (/proc).

use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::harness::{app_pids, wait_until, APP};

/// Runs a desktop tool and returns what it printed. The tools run in the C.UTF-8 locale whatever the machine's
/// `LANG`: under a locale the system lacks (`fr_CA.UTF-8` on a bare machine) GLib falls back to ASCII and gdbus
/// prints "—" as an escape, so a label read from the tray would not match.
fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd).args(args).env("LC_ALL", "C.UTF-8").output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Summaries and bodies of every notification Rebound sent so far whose text contains `needle`. dunst lists
/// only closed notifications in its history, so everything is closed first.
pub fn notifications_about(needle: &str) -> Vec<(String, String)> {
    notifications(needle).into_iter().map(|(_, s, b)| (s, b)).collect()
}

/// Invokes an action of a notification, as the notification server does when the user clicks it: the
/// ActionInvoked signal on the session bus.
pub fn invoke_action(id: u32, key: &str) {
    let status = Command::new("gdbus")
        .args([
            "emit",
            "--session",
            "--object-path",
            "/org/freedesktop/Notifications",
            "--signal",
            "org.freedesktop.Notifications.ActionInvoked",
            "--",
            // Typed as the server sends it (u, s): an untyped number would go out as int32.
            &format!("uint32 {id}"),
            key,
        ])
        .status()
        .expect("gdbus emit");
    assert!(status.success());
}

/// (id, summary, body) of Rebound's notifications whose text contains `needle`.
pub fn notifications(needle: &str) -> Vec<(u32, String, String)> {
    run("dunstctl", &["close-all"]);
    let history: Value = serde_json::from_str(&run("dunstctl", &["history"])).expect("dunstctl history is JSON");
    let items = history["data"][0].as_array().cloned().unwrap_or_default();
    items
        .iter()
        .filter(|n| n["appname"]["data"] == "Rebound")
        .map(|n| {
            (
                n["id"]["data"].as_u64().unwrap_or(0) as u32,
                n["summary"]["data"].as_str().unwrap_or("").to_owned(),
                n["body"]["data"].as_str().unwrap_or("").to_owned(),
            )
        })
        .filter(|(_, s, b)| s.contains(needle) || b.contains(needle))
        .collect()
}

/// The comm names of the processes below `pid` (WebKitWebProcess, WebKitNetworkProcess…).
pub fn children(pid: u32) -> Vec<String> {
    child_processes(pid).into_iter().map(|(_, name)| name).collect()
}

/// The processes below `pid`: (pid, comm name).
pub fn child_processes(pid: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        let Some(close) = stat.rfind(')') else { continue };
        let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
        if fields.get(1).and_then(|p| p.parse::<u32>().ok()) == Some(pid) {
            out.push((child, stat[stat.find('(').unwrap() + 1..close].to_owned()));
        }
    }
    out
}

/// The environment process `pid` started with, as `KEY=value` entries.
pub fn environment(pid: u32) -> Vec<String> {
    let raw = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
    raw.split(|b| *b == 0).map(|kv| String::from_utf8_lossy(kv).into_owned()).collect()
}

/// The proportional set size of process `pid` alone, in MB (its smaps_rollup).
pub fn pss_mb(pid: u32) -> u64 {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    let kb = rollup.lines().find_map(|l| l.strip_prefix("Pss:")).and_then(|v| v.split_whitespace().next());
    kb.and_then(|k| k.parse::<u64>().ok()).map_or(0, |k| k / 1024)
}

/// The D-Bus connection and menu path of the tray item that process `pid` registered, once it has.
pub fn tray_of(pid: u32) -> (String, String) {
    let mut found = None;
    wait_until("the tray item to register", || {
        let items = run(
            "gdbus",
            &[
                "call",
                "--session",
                "--dest",
                "org.kde.StatusNotifierWatcher",
                "--object-path",
                "/StatusNotifierWatcher",
                "--method",
                "org.freedesktop.DBus.Properties.Get",
                "org.kde.StatusNotifierWatcher",
                "RegisteredStatusNotifierItems",
            ],
        );
        for item in items.split('\'').filter(|s| s.starts_with(':')) {
            // An item is "BUS/PATH", or just "BUS" (libayatana), whose object tree then says where it is.
            let (bus, path) = match item.split_once('/') {
                Some((b, p)) => (b, format!("/{p}")),
                None => (item, item_path(item).unwrap_or_default()),
            };
            let owner = run(
                "gdbus",
                &[
                    "call",
                    "--session",
                    "--dest",
                    "org.freedesktop.DBus",
                    "--object-path",
                    "/org/freedesktop/DBus",
                    "--method",
                    "org.freedesktop.DBus.GetConnectionUnixProcessID",
                    bus,
                ],
            );
            if owner.contains(&format!("uint32 {pid},")) {
                let menu = run(
                    "gdbus",
                    &[
                        "call",
                        "--session",
                        "--dest",
                        bus,
                        "--object-path",
                        &path,
                        "--method",
                        "org.freedesktop.DBus.Properties.Get",
                        "org.kde.StatusNotifierItem",
                        "Menu",
                    ],
                );
                if let Some(m) = menu.split('\'').nth(1) {
                    found = Some((bus.to_owned(), m.to_owned()));
                    return true;
                }
            }
        }
        false
    });
    found.expect("found")
}

/// The object path of the StatusNotifierItem that connection `bus` serves.
fn item_path(bus: &str) -> Option<String> {
    let tree = run("gdbus", &["introspect", "--session", "--dest", bus, "--object-path", "/", "--recurse"]);
    let mut node = None;
    for line in tree.lines() {
        let line = line.trim();
        if let Some(p) = line.strip_prefix("node ") {
            node = Some(p.trim_end_matches(" {").to_owned());
        } else if line.starts_with("interface org.kde.StatusNotifierItem") {
            return node;
        }
    }
    None
}

/// Calls a dbusmenu method on the tray menu and returns gdbus's printout.
fn menu_call(bus: &str, menu: &str, method: &str, args: &[&str]) -> String {
    let mut all = vec!["call", "--session", "--dest", bus, "--object-path", menu, "--method", method, "--"];
    all.extend_from_slice(args);
    run("gdbus", &all)
}

/// The tray menu's items: (dbusmenu id, label).
pub fn tray_menu(bus: &str, menu: &str) -> Vec<(i32, String)> {
    let layout = menu_call(bus, menu, "com.canonical.dbusmenu.GetLayout", &["0", "-1", "[]"]);
    let mut items = Vec::new();
    // Items read "(ID, {... 'label': <'TEXT'> ...}, ...)".
    for part in layout.split("<(").skip(1) {
        let id = part.split(',').next().and_then(|s| s.trim().parse().ok());
        let label = part.split("'label': <'").nth(1).and_then(|s| s.split("'>").next());
        if let (Some(id), Some(label)) = (id, label) {
            items.push((id, label.replace('_', "")));
        }
    }
    items
}

/// Clicks the tray menu item labelled `label`, as a desktop's tray would.
pub fn tray_click(bus: &str, menu: &str, label: &str) {
    let items = tray_menu(bus, menu);
    let (id, _) = items.iter().find(|(_, l)| l == label).unwrap_or_else(|| panic!("no {label:?} in {items:?}"));
    menu_call(bus, menu, "com.canonical.dbusmenu.Event", &[&id.to_string(), "clicked", "<''>", "0"]);
}

/// Starts the app binary directly (no WebDriver), with its data in `data`.
pub fn launch(data: &Path, args: &[&str]) -> Child {
    Command::new(APP)
        .args(args)
        .env("REBOUND_DATA_DIR", data)
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "en_US.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the app")
}

/// Waits for a process started with [`launch`] to exit, and returns how.
pub fn exit_of(mut child: Child, what: &str) -> std::process::ExitStatus {
    let mut status = None;
    wait_until(&format!("{what} to exit"), || {
        status = child.try_wait().expect("wait on the child");
        status.is_some()
    });
    status.expect("exited")
}

/// The single app process for `data`, once it is up.
pub fn the_app(data: &Path) -> u32 {
    let mut pid = 0;
    wait_until("the app process", || {
        let pids = app_pids(data);
        pid = pids.first().copied().unwrap_or(0);
        pids.len() == 1
    });
    pid
}
