//! Trains the tone check's model for both languages and writes the shipped weights:
//!
//! ```text
//! cargo run --release -p rebound-core --example tone_train
//! ```
//!
//! Reads `src/messages/tone/train/{fr,en}.json` (plus the generator's sentences), holds out a random fifth
//! as the dev split, trains on the rest, picks per-class thresholds so at most 1 % of the dev split's
//! polite sentences and of the repo corpus' polite messages are flagged, prints the figures per class and
//! writes `src/messages/tone/model-{fr,en}.bin`. Same corpus, same bytes. `--dry-run` prints without writing.

use std::path::Path;

use rebound_core::messages::tone::model::{message_features, train, CLASSES};

/// The seed of the dev split; the tests re-split with it.
const SPLIT_SEED: u64 = 2026;

fn main() {
    let dry = std::env::args().any(|a| a == "--dry-run");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/messages/tone");
    let repo: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("corpus.json")).unwrap_or_default()).unwrap_or_default();
    for lang in ["fr", "en"] {
        let json = match std::fs::read_to_string(dir.join(format!("train/{lang}.json"))) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("tone_train: {lang}: {e}");
                std::process::exit(1);
            }
        };
        let corpus = match train::corpus(&json, lang) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("tone_train: {lang}: {e}");
                std::process::exit(1);
            }
        };
        let dev = train::dev_split(corpus.len(), SPLIT_SEED);
        let feats = train::featurise(&corpus);
        let (mut tr, mut dv) = (Vec::new(), Vec::new());
        for (f, &d) in feats.into_iter().zip(&dev) {
            if d {
                dv.push(f);
            } else {
                tr.push(f);
            }
        }
        let started = std::time::Instant::now();
        let mut settings = train::Settings::default();
        let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
        if let Some(v) = env("TONE_EPOCHS") {
            settings.epochs = v as usize;
        }
        if let Some(v) = env("TONE_RATE") {
            settings.rate = v as f32;
        }
        if let Some(v) = env("TONE_L2") {
            settings.l2 = v as f32;
        }
        if let Some(v) = env("TONE_BITS") {
            settings.buckets = 1 << (v as usize);
        }
        let mut model = train::train(&tr, &settings);
        {
            let b = train::per_class(&model, &dv);
            let (n, k) = b[1..].iter().fold((0, 0), |(n, k), x| (n + x.0, k + x.1));
            let rp: Vec<train::Group> = repo[lang]["polite"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| p.as_str())
                .map(|t| message_features(t, lang))
                .collect();
            let fa = rp.iter().filter(|g| g.iter().any(|f| model.verdict(f).is_some())).count();
            println!(
                "at 0.5: dev hostile {k}/{n}, dev polite flagged {}/{}, repo polite {fa}/{}",
                b[0].1,
                b[0].0,
                rp.len()
            );
        }
        let took = started.elapsed();

        let dev_polite: Vec<train::Group> = dv.iter().filter(|(_, c)| *c == 0).map(|(f, _)| vec![f.clone()]).collect();
        let repo_polite: Vec<train::Group> = repo[lang]["polite"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str())
            .map(|t| message_features(t, lang))
            .collect();
        train::pick_thresholds(&mut model, &[&dev_polite, &repo_polite], 0.01);

        let hand = corpus.iter().filter(|l| !l.generated).count();
        println!(
            "== {lang}: {} sentences ({hand} by hand, {} generated), trained in {took:.1?}",
            corpus.len(),
            corpus.len() - hand
        );
        println!(
            "{:<10} {:>6} {:>6} {:>14} {:>14} {:>9}",
            "class", "hand", "gen", "train flagged", "dev flagged", "threshold"
        );
        let (a, b) = (train::per_class(&model, &tr), train::per_class(&model, &dv));
        for (c, name) in CLASSES.iter().enumerate() {
            let h = corpus.iter().filter(|l| l.class == c && !l.generated).count();
            let g = corpus.iter().filter(|l| l.class == c && l.generated).count();
            let pct = |(n, k): (usize, usize)| format!("{k}/{n} {:.1}%", 100.0 * k as f64 / n.max(1) as f64);
            println!("{name:<10} {h:>6} {g:>6} {:>14} {:>14} {:>9.3}", pct(a[c]), pct(b[c]), model.threshold[c]);
        }
        let hostile = |s: &[(usize, usize); 9]| {
            let (n, k) = s[1..].iter().fold((0, 0), |(n, k), x| (n + x.0, k + x.1));
            format!("{:.1}%", 100.0 * k as f64 / n.max(1) as f64)
        };
        let repo_fa = repo_polite.iter().filter(|g| g.iter().any(|f| model.verdict(f).is_some())).count();
        println!(
            "hostile recall: train {}, dev {}; repo corpus polite flagged by the model alone: {repo_fa}/{}",
            hostile(&a),
            hostile(&b),
            repo_polite.len()
        );
        if !dry {
            let bytes = model.to_bytes();
            let path = dir.join(format!("model-{lang}.bin"));
            if let Err(e) = std::fs::write(&path, &bytes) {
                eprintln!("tone_train: {}: {e}", path.display());
                std::process::exit(1);
            }
            println!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
    }
}
