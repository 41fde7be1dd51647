//! Writes a year of job search into a data folder's journal, through the domain (what the benchmarks measure
//! Rebound with): `cargo run --release -p rebound-core --example seed_year -- DATA_DIR [COUNT]` (1,000 by
//! default). See `rebound_core::sample`.

use chrono::{Local, Utc};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: seed_year DATA_DIR [COUNT]");
        std::process::exit(2);
    };
    let count = args.next().and_then(|n| n.parse().ok()).unwrap_or(1_000);
    let run = || -> rebound_core::error::Result<rebound_core::sample::Sample> {
        let mut conn = rebound_core::db::open_in(std::path::Path::new(&dir))?;
        // A fixture: one transaction per write as in the app, without waiting for the disk after each.
        conn.pragma_update(None, "synchronous", "OFF")?;
        rebound_core::sample::year_of_search(&mut conn, count, Local::now().date_naive(), Utc::now())
    };
    match run() {
        Ok(s) => println!(
            "{} applications, {} rejected, {} without an answer, {} interviews",
            s.applications, s.rejected, s.no_answer, s.interviews
        ),
        Err(e) => {
            eprintln!("seed_year: {e}");
            std::process::exit(1);
        }
    }
}
