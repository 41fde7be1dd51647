//! What the tray and the notifications can do, in one place: open the window, snooze what is due, quit. Each
//! action tells the reminder thread (tray, next notification) and the window (redraw) through [`changed`].

use chrono::{Local, Utc};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::reminders::{snooze_all_due, snooze_announced};
use crate::shell::state::AppState;
use crate::shell::window;

/// The event the window listens to, to redraw after a change made outside it (tray, notification).
pub const CHANGED: &str = "rebound://changed";

/// After a change made outside the window: wake the reminder thread (tray) and tell the window to redraw.
pub fn changed<R: Runtime>(app: &AppHandle<R>) {
    app.state::<AppState>().changed();
    let _ = app.emit(CHANGED, ());
}

/// Opens (or shows) the window, on application `target` if given. Windows are made on the main thread: from
/// any other (the notification listener), the work is queued there.
pub fn open<R: Runtime>(app: &AppHandle<R>, target: Option<i64>) {
    let handle = app.clone();
    let queued = app.run_on_main_thread(move || {
        if let Err(e) = window::open_main(&handle, target) {
            log::warn!("open the window: {e}");
        }
    });
    if let Err(e) = queued {
        log::warn!("open the window: {e}");
    }
}

/// "Snooze all until tomorrow" (tray): every due step.
pub fn snooze_all<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let time = state.settings().reminder_time();
    if let Err(e) = state.with_db(|c| snooze_all_due(c, Utc::now(), time, &Local)) {
        log::warn!("snooze all: {}", e.message);
    }
    changed(app);
}

/// A notification's "Snooze 1 day": the steps it announced at `announced_at`, if they are still the ones it
/// announced (not re-created, restored or announced again since), and no others.
pub fn snooze_steps<R: Runtime>(app: &AppHandle<R>, steps: &[i64], announced_at: chrono::DateTime<Utc>) {
    let state = app.state::<AppState>();
    let time = state.settings().reminder_time();
    if let Err(e) = state.with_db(|c| snooze_announced(c, steps, announced_at, Utc::now(), time, &Local)) {
        log::warn!("snooze from a notification: {}", e.message);
    }
    changed(app);
}

/// The window was closed and Rebound stays in the tray. On Linux the process starts over in its `--hidden`
/// state (exec: same process id, same arguments plus `--hidden`): WebKit's libraries, the network process and
/// the heap a window leaves behind are let go, and the tray costs what a start at login costs (measured: 137 MB
/// of PSS after closing the window, against 56 MB started hidden). It first waits for the work that holds
/// [`AppState::hold`] (a notice being shown, a backup, a restore, an import, an export being written), then
/// takes the journal's lock, so nothing is cut in half. If the exec fails (the binary was replaced by an
/// upgrade), the process simply stays as it is.
pub fn rest_in_tray<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        let state = app.state::<AppState>();
        // The next image knows nothing of this one's changes: back them up now.
        state.back_up_changes(true);
        let _busy = state.hold();
        let failed = state.with_db(|c| -> crate::error::Result<()> {
            // Everything committed is already durable (WAL, synchronous=FULL); folding the log back into the
            // file leaves the next start nothing to replay.
            if let Err(e) = c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)") {
                log::warn!("checkpoint before resting in the tray: {e}");
            }
            log::logger().flush();
            close_all_on_exec();
            let args: Vec<std::ffi::OsString> =
                std::env::args_os().skip(1).filter(|a| a != crate::HIDDEN_ARG).collect();
            let exe = std::env::current_exe().map_err(|e| crate::error::Error::io("current executable", e))?;
            // The window's web and network processes are still ending: the new image reaps them (see
            // `reap_orphans`), or they would stay as zombies.
            let orphans: Vec<String> = children().iter().map(i32::to_string).collect();
            // Returns only if the exec could not happen.
            // The new image makes its own choice of JavaScript engine for its webview (and so knows it made it).
            let e = crate::shell::window::for_other_programs(&mut std::process::Command::new(&exe))
                .args(args)
                .arg(crate::HIDDEN_ARG)
                .env(ORPHANS_ENV, orphans.join(","))
                .exec();
            Err(crate::error::Error::io(exe.display(), e))
        });
        if let Err(e) = failed {
            log::warn!("staying as is in the tray: {}", e.message);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// The variable that hands the process's children over to its next image, which reaps them.
#[cfg(target_os = "linux")]
const ORPHANS_ENV: &str = "REBOUND_ORPHANS";

/// This process's child processes.
#[cfg(target_os = "linux")]
fn children() -> Vec<i32> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return Vec::new() };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("children")).ok())
        .flat_map(|list| list.split_whitespace().filter_map(|p| p.parse().ok()).collect::<Vec<i32>>())
        .collect()
}

/// After starting over in the tray: waits, on a thread of its own, for the children the previous image left
/// (its window's web processes) so that none stays a zombie. Blocking waits, no polling. Call once, at start.
pub fn reap_orphans() {
    #[cfg(target_os = "linux")]
    {
        let Some(list) = std::env::var_os(ORPHANS_ENV) else { return };
        // Not handed down to the processes this one starts (WebKit's, a browser through xdg-open).
        std::env::remove_var(ORPHANS_ENV);
        for pid in list.to_string_lossy().split(',').filter_map(|p| p.parse::<i32>().ok()) {
            // One thread each: a child that lives on (a mail app it started) does not keep the others unreaped.
            let spawned = std::thread::Builder::new().name("reaper".into()).spawn(move || {
                let mut status = 0;
                // SAFETY: waits for one given child; a pid that is not (or no longer) ours fails with ECHILD.
                unsafe { libc::waitpid(pid, &mut status, 0) };
            });
            if let Err(e) = spawned {
                log::warn!("cannot reap the previous window's process {pid}: {e}");
            }
        }
    }
}

/// Marks every open descriptor close-on-exec. Libraries may open some without the flag (WebKit's sockets to its
/// web and network processes were seen surviving the exec): left open, the new image would keep them and those
/// processes, which wait for the socket to close, would never end.
#[cfg(target_os = "linux")]
fn close_all_on_exec() {
    let Ok(dir) = std::fs::read_dir("/proc/self/fd") else { return };
    let fds: Vec<i32> = dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).filter(|&fd| fd > 2).collect();
    for fd in fds {
        // SAFETY: F_GETFD/F_SETFD only read and set the descriptor's flags; a descriptor closed meanwhile (the
        // one read_dir used) makes them fail harmlessly with EBADF.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFD);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFD, flags | libc::FD_CLOEXEC);
            }
        }
    }
}

/// Ends Rebound (tray's "Quit", or a signal to end): first a backup, if the journal changed since the last.
pub fn quit<R: Runtime>(app: &AppHandle<R>) {
    app.state::<AppState>().back_up_changes(true);
    app.exit(0);
}

/// The write end of the pipe a signal handler writes to (-1: none yet).
#[cfg(target_os = "linux")]
static SIGNAL_PIPE: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(-1);

/// SIGTERM and SIGHUP's handler: one byte down the pipe, the only thing a handler may safely do here.
#[cfg(target_os = "linux")]
extern "C" fn on_end_signal(_: libc::c_int) {
    let fd = SIGNAL_PIPE.load(std::sync::atomic::Ordering::Relaxed);
    if fd >= 0 {
        let byte = [1u8];
        // SAFETY: write(2) is async-signal-safe; one byte from a live buffer to a descriptor this process owns.
        unsafe { libc::write(fd, byte.as_ptr().cast(), 1) };
    }
}

/// SIGTERM and SIGHUP (the session ending at logout, a shutdown, `kill`) end Rebound as its Quit does, backup
/// after changes included, instead of cutting it off. The handler only writes to a pipe; a thread of its own
/// blocks reading it and quits. Call once, with the app's state managed.
pub fn quit_on_end_signals<R: Runtime>(app: &AppHandle<R>) {
    #[cfg(target_os = "linux")]
    {
        let mut fds: [libc::c_int; 2] = [-1, -1];
        // SAFETY: pipe2 writes two descriptors into the array it is given.
        if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
            log::warn!("no pipe for end signals: {}", std::io::Error::last_os_error());
            return;
        }
        let handle = app.clone();
        let read_end = fds[0];
        let spawned = std::thread::Builder::new().name("end-signals".into()).spawn(move || loop {
            let mut byte = [0u8];
            // SAFETY: a blocking read of one byte into a live buffer, from the pipe made above.
            let n = unsafe { libc::read(read_end, byte.as_mut_ptr().cast(), 1) };
            if n == 1 {
                log::info!("asked to end: quitting");
                quit(&handle);
                return;
            }
            if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        });
        if let Err(e) = spawned {
            log::warn!("cannot listen for end signals: {e}");
            return;
        }
        SIGNAL_PIPE.store(fds[1], std::sync::atomic::Ordering::Relaxed);
        let handler: extern "C" fn(libc::c_int) = on_end_signal;
        for signal in [libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: installs a handler that only does async-signal-safe work (see `on_end_signal`).
            unsafe { libc::signal(signal, handler as libc::sighandler_t) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
