//! The JSON import's speed on files the size of a very long job search (issue 21: a 100,000-application export
//! restored into an empty journal in <= 10 s, 10,000 merged into a journal in use in <= 5 s, in release):
//! `cargo bench -p rebound-core --bench import`.
//!
//! Each file is the real export (`transfer::json::export`, pretty-printed as the app writes it) of a journal on
//! disk, and each import goes into a journal file opened as the app opens it (WAL, synchronous=FULL, foreign
//! keys on), in a temporary folder: what a user picks and what the user has. Printed per case: the file's size,
//! reading it (`transfer::read_file`, with the cap), parsing it (read, check, index: no journal), the preview,
//! the import (one transaction, committed), and their sum, which is what the user waits for between picking the
//! file and seeing it done (the app also takes a backup of the journal first: `cargo bench --bench
//! journal_safety` measures that). `REBOUND_BENCH_LARGE=<n>` changes the 100,000.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use rebound_core::transfer::{self, json};
use rusqlite::Connection;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 14, 0, 0).single().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:>8.0} ms", d.as_secs_f64() * 1000.0)
}

/// CPU time this process has used (user and system, all threads; Linux), to tell the work done from the time
/// spent waiting on a busy machine or the disk.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // After the command name in parentheses: fields 14 and 15 of the line are utime and stime, in ticks.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let f: Vec<u64> = rest.split_whitespace().skip(11).take(2).filter_map(|x| x.parse().ok()).collect();
    Duration::from_millis(f.iter().sum::<u64>() * 10)
}

/// Wall-clock and CPU time of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (t, c) = (Instant::now(), cpu());
    let out = f();
    (out, t.elapsed(), cpu().saturating_sub(c))
}

fn line(what: &str, wall: Duration, cpu: Duration) {
    println!("  {what:<14} {}   (cpu {})", ms(wall), ms(cpu));
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb / 1024)
}

/// The journal in the folder `dir/name`, opened as the app opens it.
fn journal(dir: &Path, name: &str) -> Connection {
    rebound_core::db::open_in(&dir.join(name)).expect("a journal on disk")
}

fn applications(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap_or(-1)
}

/// A journal on disk holding `n` applications (each with a person, an interview, a rejection, its plan and a
/// reflection) numbered from `first`, and its export written as the app writes it. Returns the file's path.
fn exported(dir: &Path, name: &str, n: usize, first: usize) -> std::path::PathBuf {
    let path = dir.join(format!("{name}-{n}.json"));
    if path.exists() {
        return path;
    }
    let started = Instant::now();
    let doc = rebound_core::sample::export_of_many(n, first, today(), now()).expect("generated");
    let doc = json::parse(&doc.to_string()).expect("generated file parses");
    let mut conn = journal(dir, name);
    json::import(&mut conn, &doc).expect("generated file imports");
    drop(doc);
    let text = serde_json::to_string_pretty(&json::export(&conn, None, now()).expect("export")).expect("JSON");
    std::fs::write(&path, text).expect("written");
    drop(conn);
    let _ = std::fs::remove_dir_all(dir.join(name));
    println!("  (made a journal of {n} applications and its export in {:.1} s)", started.elapsed().as_secs_f64());
    path
}

/// Reads, parses, previews and imports `file` into `conn`, printing each step.
fn import(case: &str, file: &Path, conn: &mut Connection) {
    let before = applications(conn);
    let (text, read, read_cpu) = timed(|| {
        let bytes = transfer::read_file(file, json::MAX_BYTES).expect("under the cap");
        String::from_utf8(bytes).expect("UTF-8")
    });
    let size = text.len();
    let (doc, parsed, parse_cpu) = timed(|| json::parse(&text).expect("parses"));
    drop(text);
    let (preview, previewed, preview_cpu) = timed(|| json::preview(conn, &doc).expect("preview"));
    let (done, imported, import_cpu) = timed(|| json::import(conn, &doc).expect("imports"));
    assert_eq!(preview, done, "the preview said what the import did");
    assert_eq!(applications(conn), before + done.new.len() as i64);
    println!("{case}");
    println!("  file           {:>8.1} MB", size as f64 / 1_000_000.0);
    line("read", read, read_cpu);
    line("parse", parsed, parse_cpu);
    line("preview", previewed, preview_cpu);
    line("import", imported, import_cpu);
    line("total", read + parsed + previewed + imported, read_cpu + parse_cpu + preview_cpu + import_cpu);
    println!("  ({} new, restore: {})", done.new.len(), done.restore);
}

/// Imports `file` into the journal in the folder `journal` in a process of its own (this program, run with
/// `--import`), so that its peak memory is the import's alone, not that of making the files.
fn import_apart(case: &str, file: &Path, journal: &Path) {
    let me = std::env::current_exe().expect("this program");
    let status = std::process::Command::new(me)
        .arg("--import")
        .args([case.as_ref(), file.as_os_str(), journal.as_os_str()])
        .status()
        .expect("run");
    assert!(status.success(), "{case}: {status}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, case, file, dir] = args.as_slice() {
        if flag == "--import" {
            let mut conn = journal(Path::new(dir), "");
            import(case, Path::new(file), &mut conn);
            if let Some(mb) = peak_mb() {
                println!("  peak memory    {mb:>8} MB (this import's process)");
            }
            return;
        }
    }
    let large: usize = std::env::var("REBOUND_BENCH_LARGE").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    // REBOUND_BENCH_DIR=<folder> keeps the exports there and reuses them on the next run (the journals imported
    // into are made again each time); by default all is in a temporary folder, removed at the end.
    let temp = tempfile::tempdir().expect("a temporary folder");
    let kept = std::env::var_os("REBOUND_BENCH_DIR").map(std::path::PathBuf::from);
    let dir = kept.as_deref().unwrap_or(temp.path());
    for journal in ["restore-small", "restore-big"] {
        let _ = std::fs::remove_dir_all(dir.join(journal));
    }
    println!("JSON import, journals on disk in {}", dir.display());

    let small = exported(dir, "small", 10_000, 1_000_000);
    import_apart("10,000 restored into an empty journal", &small, &dir.join("restore-small"));

    let big = exported(dir, "big", large, 0);
    import_apart(&format!("{large} restored into an empty journal"), &big, &dir.join("restore-big"));
    let size = |f: &str| std::fs::metadata(dir.join("restore-big").join(f)).map_or(0, |m| m.len());
    let db = rebound_core::db::DB_FILE;
    println!(
        "  journal file   {:>8.1} MB (+ {:.1} MB of WAL)",
        size(db) as f64 / 1e6,
        size(&format!("{db}-wal")) as f64 / 1e6
    );
    // The journal just restored is the one in use: the 10,000 (other companies) are merged into it.
    import_apart(&format!("10,000 merged into a journal of {large}"), &small, &dir.join("restore-big"));
}
