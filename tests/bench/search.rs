//! `cargo bench --bench search`: the full-text search on a journal of 100,000 applications (each with a
//! person, a rejection with a reason, and for one in three a reflection), filled through SQL so the index's
//! triggers do the indexing. Prints the fill time, the index size, and the median, p95 and worst time of
//! searches for common words, rare words, prefixes and two-word queries. Asserts only that searches find
//! something. Also times the Insights over 12 months of that journal.

use std::time::{Duration, Instant};

use rebound::db;
use rebound::journal::search::search;

const N: usize = 100_000;
const WORDS: &[&str] = &[
    "analyste",
    "données",
    "python",
    "expérience",
    "bilingue",
    "gestion",
    "projet",
    "équipe",
    "client",
    "réseau",
    "sécurité",
    "infonuagique",
    "comptabilité",
    "marketing",
    "logistique",
    "santé",
    "éducation",
    "ventes",
    "recrutement",
    "formation",
    "stratégie",
    "qualité",
    "production",
    "finance",
    "juridique",
    "design",
];

fn word(i: usize, salt: usize) -> &'static str {
    WORDS[(i.wrapping_mul(2_654_435_761) ^ salt) % WORDS.len()]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open_in(dir.path()).unwrap();
    conn.execute_batch("PRAGMA synchronous = OFF").unwrap(); // filling only; the app never does this
    let started = Instant::now();
    let tx = conn.transaction().unwrap();
    for c in 0..5_000 {
        tx.execute(
            "INSERT INTO companies (name, folded, created_at) VALUES (?1, ?2, 'x')",
            (format!("Entreprise {c} {}", word(c, 7)), format!("entreprise {c}")),
        )
        .unwrap();
    }
    for i in 0..N {
        let company = (i % 5_000) as i64 + 1;
        tx.execute(
            "INSERT INTO applications (company_id, role, applied_on, lang, created_at, updated_at)
             VALUES (?1, ?2, '2026-01-01', 'fr', 'x', 'x')",
            (company, format!("{} {} {i}", word(i, 1), word(i, 2))),
        )
        .unwrap();
        let app = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO people (company_id, name, created_at, updated_at) VALUES (?1, ?2, 'x', 'x')",
            (company, format!("Personne{i} Tremblay")),
        )
        .unwrap();
        let person = tx.last_insert_rowid();
        tx.execute("INSERT INTO application_people (application_id, person_id) VALUES (?1, ?2)", (app, person))
            .unwrap();
        tx.execute(
            "INSERT INTO events (application_id, kind, occurred_on, details, created_at)
             VALUES (?1, 'rejected', '2026-02-01', json_object('reason', ?2, 'channel', 'email'), 'x')",
            (app, format!("Un profil avec plus d'expérience en {} et {}", word(i, 3), word(i, 4))),
        )
        .unwrap();
        if i % 3 == 0 {
            let event = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO reflections (outcome_event_id, went_well, feelings, created_at, updated_at)
                 VALUES (?1, ?2, 'Déçue, puis soulagée', 'x', 'x')",
                (event, format!("La question sur {}", word(i, 5))),
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
    let fill = started.elapsed();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    let size = std::fs::metadata(dir.path().join(db::DB_FILE)).unwrap().len();
    println!(
        "fill {N} applications through the index's triggers: {:.1} s; journal file {:.1} MB",
        fill.as_secs_f64(),
        size as f64 / 1e6
    );

    let queries: Vec<String> = [
        WORDS.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
        WORDS.iter().map(|w| w.chars().take(4).collect()).collect(),
        (0..26).map(|i| format!("personne{}", i * 3_847)).collect(),
        (0..26).map(|i| format!("{} {}", word(i, 11), word(i, 13))).collect(),
        vec!["soulagee".into(), "tremblay".into(), "entreprise 4242".into(), "introuvable".into()],
    ]
    .concat();
    let mut times: Vec<Duration> = Vec::new();
    let mut found = 0;
    for _ in 0..3 {
        for q in &queries {
            let t = Instant::now();
            let hits = search(&conn, q).unwrap();
            times.push(t.elapsed());
            found += hits.len();
        }
    }
    assert!(found > 0);
    // Where the time goes: finding and ranking alone, without the passages.
    for (what, sql) in [
        ("rank order, ids only", "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rank LIMIT 200"),
        ("newest first, ids only", "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid DESC LIMIT 200"),
    ] {
        let mut t: Vec<Duration> = Vec::new();
        let mut stmt = conn.prepare(sql).unwrap();
        for q in &queries {
            let fts: String = q.split_whitespace().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ");
            let started = Instant::now();
            let n = stmt.query_map([&fts], |r| r.get::<_, i64>(0)).unwrap().count();
            t.push(started.elapsed());
            std::hint::black_box(n);
        }
        t.sort();
        println!(
            "  {what}: median {:.2} ms, p95 {:.2} ms",
            t[t.len() / 2].as_secs_f64() * 1e3,
            t[t.len() * 95 / 100].as_secs_f64() * 1e3
        );
    }
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)].as_secs_f64() * 1e3;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let mut t: Vec<Duration> = (0..11)
        .map(|_| {
            let started = Instant::now();
            let i =
                rebound::insights::insights(&conn, day("2025-12-01"), day("2026-11-26"), day("2026-11-26")).unwrap();
            assert_eq!(i.funnel.applied as usize, N);
            started.elapsed()
        })
        .collect();
    t.sort();
    println!("insights over 12 months of {N} applications: median {:.0} ms", t[5].as_secs_f64() * 1e3);
    println!(
        "search over {N} applications, {} queries: median {:.2} ms, p95 {:.2} ms, worst {:.2} ms (at most 200 hits each)",
        times.len(),
        pct(0.5),
        pct(0.95),
        times.last().unwrap().as_secs_f64() * 1e3
    );
}
