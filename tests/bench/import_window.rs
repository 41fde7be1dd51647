//! `bash scripts/headless.sh cargo bench --bench import_window`: the window while a big journal comes in (issue
//! 21). A user's own export of 100,000 applications (`REBOUND_BENCH_APPS` to change it), pretty-printed as the app
//! writes it, is picked through the real GTK file dialog and restored into an empty journal by the release
//! build, while the bench clicks a button on the window every 200 ms. Prints how long reading the file and
//! importing it took as the user sees them, and how long the clicks took: the WebDriver round trip of each
//! click, and the page's own delay between the input event and its handler. Asserts nothing about time.

#[cfg(target_os = "linux")]
#[path = "../e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

fn main() {
    #[cfg(target_os = "linux")]
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime").block_on(linux::run());
    #[cfg(not(target_os = "linux"))]
    eprintln!("import_window drives WebKitGTK under Xvfb: Linux only");
}

#[cfg(target_os = "linux")]
mod linux {
    use std::time::{Duration, Instant};

    use fantoccini::Locator;
    use serde_json::Value;

    use super::harness::{answer_dialog, data_dir, open_db, App};

    /// Clicks the probe every 200 ms until `done` says the phase is over; the round trip of each click.
    async fn clicking_until(app: &App, done: &str) -> (Duration, Vec<Duration>) {
        let started = Instant::now();
        let probe = app.client.find(Locator::Id("probe")).await.expect("the probe button");
        let mut trips = Vec::new();
        loop {
            let finished = app.js(&format!("return {done}"), vec![]).await;
            if finished == Value::Bool(true) {
                return (started.elapsed(), trips);
            }
            assert!(started.elapsed() < Duration::from_secs(600), "the phase never ended");
            let t = Instant::now();
            probe.click().await.expect("a click on the probe");
            trips.push(t.elapsed());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    fn summary(mut xs: Vec<Duration>) -> String {
        if xs.is_empty() {
            return "no click".into();
        }
        xs.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        format!("{} clicks, median {:.0} ms, worst {:.0} ms", xs.len(), ms(xs[xs.len() / 2]), ms(xs[xs.len() - 1]))
    }

    pub async fn run() {
        let n: usize = std::env::var("REBOUND_BENCH_APPS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
        let out = tempfile::tempdir().expect("a folder for the export");
        let file = out.path().join("rebound-export.json");
        let (today, now) = (chrono::Local::now().date_naive(), chrono::Utc::now());
        let t = Instant::now();
        let doc = rebound::sample::export_of_many(n, 0, today, now).expect("the export");
        let text = serde_json::to_string_pretty(&doc).expect("JSON");
        drop(doc);
        std::fs::write(&file, &text).expect("write the export");
        println!(
            "export of {n} applications: {} MB, made in {:.1} s",
            text.len() / 1_000_000,
            t.elapsed().as_secs_f64()
        );
        drop(text);

        let data = data_dir();
        let app = App::start(data.path()).await;
        app.click("Settings").await;
        // A button the clicks land on, outside the view (which redraws); the page records, for each click, how
        // long after the input event its handler ran.
        app.js(
            "const b = document.createElement('button'); b.id = 'probe'; b.textContent = 'probe';
             b.style.cssText = 'position:fixed;left:0;bottom:0;z-index:9';
             window.reboundDelays = [];
             b.addEventListener('click', (e) => window.reboundDelays.push(performance.now() - e.timeStamp));
             document.body.append(b); return 0",
            vec![],
        )
        .await;

        app.click("Import a Rebound file").await;
        answer_dialog("Import a Rebound file", &file, false);
        let (read, read_clicks) = clicking_until(
            &app,
            "[...document.querySelectorAll('#view p')].some((p) => p.textContent.startsWith('File: '))",
        )
        .await;
        app.click("Import").await;
        let (imported, import_clicks) =
            clicking_until(&app, "document.getElementById('notice').textContent.startsWith('Import done.')").await;
        let delays = app.js("return window.reboundDelays", vec![]).await;
        let mut delays: Vec<f64> = serde_json::from_value(delays).unwrap_or_default();
        delays.sort_by(f64::total_cmp);
        app.stop().await;
        let count: i64 = open_db(data.path()).query_row("SELECT count(*) FROM applications", [], |r| r.get(0)).unwrap();
        assert_eq!(count as usize, n, "every application came in");

        println!("file picked → preview shown (read, check, compare): {:.1} s", read.as_secs_f64());
        println!("  clicks meanwhile, WebDriver round trip: {}", summary(read_clicks));
        println!("Import clicked → done shown: {:.1} s", imported.as_secs_f64());
        println!("  clicks meanwhile, WebDriver round trip: {}", summary(import_clicks));
        if let (Some(median), Some(worst)) = (delays.get(delays.len() / 2), delays.last()) {
            println!(
                "input event → its handler in the page, all {} clicks: median {median:.0} ms, worst {worst:.0} ms",
                delays.len()
            );
        }
    }
}
