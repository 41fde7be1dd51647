//! Trains the tone check's model for both languages and writes the shipped weights:
//!
//! ```text
//! cargo run --release -p rebound-core --example tone_train
//! ```
//!
//! Reads `src/messages/tone/train/{fr,en}.json` (plus the generator's sentences) and the learned held-out sets
//! (`tone_eval::LEARNED_SETS` in `tests/tone/`: their one-sentence hostile messages, see `train::FromSets`), holds
//! out a random fifth as the dev split, trains on the rest and on the sentences of the repo corpus' polite
//! messages, of Rebound's built-in messages and of the learned sets' polite messages, picks one threshold the
//! classes share (`train::pick_thresholds`) so at most `polite_budget` (fr 1 %, en 1.5 %) of the dev split's
//! polite sentences and none of the repo corpus' or built-in messages are flagged by the model, prints the figures
//! per class and writes `src/messages/tone/model-{fr,en}.bin` — for French, a model trained again on every
//! sentence with that threshold (see `train::refits`). Then the run models: trained on
//! `train/runs-{fr,en}.json` (sentences closed by a run of "!" or "?", glad or angry; the last sentence of each
//! entry) and the learned sets' runs, without their dev fifth, with
//! `RUN_BUCKETS` buckets whatever `buckets=` says, a threshold that lets at most `run_miss_budget` (fr 10 %, en 7 %)
//! of the dev split's angry runs pass as glad, written to `src/messages/tone/runs-{fr,en}.bin`. Same corpus, same bytes. `--dry-run` prints without writing,
//! and with it `name=value` arguments (`buckets`, `epochs`, `rate`, `l2`, `seed`, `runs`) try other training settings;
//! `--show` also lists the dev sentences the model gets wrong and the polite sentences it finds most hostile.

use std::path::Path;

use std::collections::HashSet;

use rebound_core::messages::tone::model::{
    features, message_features, message_sentences, train, Model, ANGRY, CLASSES, GLAD,
};
use rebound_core::messages::tone_eval::{read_set, HELD_OUT_SETS, LEARNED_SETS};

fn main() {
    let dry = std::env::args().any(|a| a == "--dry-run");
    let show = std::env::args().any(|a| a == "--show");
    let settings = match settings_from_args() {
        // The shipped weights are always the defaults' (what the tests and the README describe).
        Ok((_, true)) if !dry => {
            eprintln!("tone_train: name=value settings only with --dry-run");
            std::process::exit(2);
        }
        Ok((s, _)) => s,
        Err(e) => {
            eprintln!("tone_train: {e}");
            std::process::exit(2);
        }
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/messages/tone");
    let repo_json = std::fs::read_to_string(dir.join("corpus.json")).unwrap_or_default();
    let repo: serde_json::Value = serde_json::from_str(&repo_json).unwrap_or_default();
    let read = |files: &[&str]| -> Result<Vec<String>, String> {
        files.iter().map(|f| read_set(f).map_err(|e| format!("{f}: {e}"))).collect()
    };
    let (sets, held) = match read(&LEARNED_SETS).and_then(|s| Ok((s, read(&HELD_OUT_SETS)?))) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tone_train: held-out sets: {e}");
            std::process::exit(1);
        }
    };
    for lang in ["fr", "en"] {
        // Nothing learned from those sets may read as a message of a set still held out or of the repo corpus.
        let mut exclude: HashSet<String> = held.iter().flat_map(|j| train::repo_sentences(j, lang)).collect();
        exclude.extend(train::repo_sentences(&repo_json, lang));
        let from_sets = match train::from_sets(&sets, lang, &exclude) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("tone_train: {lang}: learned held-out sets: {e}");
                std::process::exit(1);
            }
        };
        let json = match std::fs::read_to_string(dir.join(format!("train/{lang}.json"))) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("tone_train: {lang}: {e}");
                std::process::exit(1);
            }
        };
        let corpus = match train::corpus(&json, lang, &train::repo_sentences(&repo_json, lang), &from_sets.hostile) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("tone_train: {lang}: {e}");
                std::process::exit(1);
            }
        };
        let dev = train::dev_split(&corpus);
        let feats = train::featurise(&corpus, lang);
        let (mut tr, mut dv, mut dv_hand) = (Vec::new(), Vec::new(), Vec::new());
        for ((f, &d), l) in feats.into_iter().zip(&dev).zip(&corpus) {
            if d {
                if !l.generated {
                    dv_hand.push(f.clone());
                }
                dv.push(f);
            } else {
                tr.push(f);
            }
        }
        let repo_polite: Vec<train::Group> = repo[lang]["polite"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str())
            .map(|t| message_features(t, lang))
            .collect();
        // Rebound's own built-in messages, their placeholders left out: the check must never flag them.
        let ours: Vec<train::Group> = built_in_texts(lang).iter().map(|t| message_features(t, lang)).collect();
        // Both are learned as polite, sentence by sentence, in the training split only (the dev split stays the
        // corpus', though a short sentence of it such as "Cordialement," may also close one of these messages).
        // Unlearned, the few of their sentences the model found most hostile set the thresholds below
        // (none of them may be flagged) far above what the dev split needs: until the tenth round five or six such
        // sentences held French threats at 0.83 and English dismissals and blame at 0.95, and any new training
        // sentence could move them.
        // So are the learned held-out sets' polite messages (twelfth round), without a budget of their own: they
        // are many and varied, and a few of them read hostile even to a reader.
        // Their sentences that read as a polite sentence of the dev split are left out, so that the dev split,
        // which sets the thresholds, holds no sentence the model learned.
        let dev_texts: HashSet<&str> =
            corpus.iter().zip(&dev).filter(|(l, &d)| d && l.class == 0).map(|(l, _)| l.text.as_str()).collect();
        let set_polite: Vec<train::Group> = from_sets
            .polite
            .iter()
            .map(|sentences| {
                let kept = sentences.iter().filter(|s| !dev_texts.contains(s.as_str()));
                kept.map(|s| {
                    let mut f = Vec::new();
                    features(s, lang, &mut f);
                    f
                })
                .collect()
            })
            .collect();
        let learned_polite = repo_polite.len() + ours.len();
        tr.extend(repo_polite.iter().chain(&ours).chain(&set_polite).flatten().map(|f| (f.clone(), 0)));
        let started = std::time::Instant::now();
        let mut model = train::train(&tr, &settings);
        let took = started.elapsed();

        let dev_polite: Vec<train::Group> = dv.iter().filter(|(_, c)| *c == 0).map(|(f, _)| vec![f.clone()]).collect();
        // Swearing is a matter of words, which the rules know (lexicons, masked spellings, misspellings): the
        // model never names it, since on a sentence without a swear word its "profanity" is a guess ("C'est noté.").
        if let Some(p) = CLASSES.iter().position(|c| *c == "profanity") {
            model.threshold[p] = 1.0;
        }
        // At most `polite_budget` of the dev split's polite sentences, and none of the repo corpus' polite
        // messages nor of the built-in messages.
        let budget = train::polite_budget(lang);
        train::pick_thresholds(&mut model, &[(&dev_polite, budget), (&repo_polite, 0.0), (&ours, 0.0)]);

        let hand = corpus.iter().filter(|l| !l.generated).count();
        println!(
            "== {lang}: {} sentences ({hand} by hand, {} generated; the learned held-out sets offered {} one-sentence hostile messages), {learned_polite} polite texts of the repo corpus and of Rebound's own (subjects and bodies) and {} polite messages ({} sentences) of the learned held-out sets, trained in {took:.1?}",
            corpus.len(),
            corpus.len() - hand,
            from_sets.hostile.len(),
            set_polite.len(),
            set_polite.iter().map(Vec::len).sum::<usize>()
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
        let h = train::per_class(&model, &dv_hand);
        println!("dev, hand-written sentences only: hostile {}, polite flagged {}/{}", hostile(&h), h[0].1, h[0].0);
        let repo_fa = repo_polite.iter().filter(|g| g.iter().any(|f| model.verdict(f).is_some())).count();
        // The repo corpus' hostile messages were never trained on: how many the model alone would catch.
        let repo_hostile: Vec<train::Group> = repo[lang]["hostile"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h["text"].as_str())
            .map(|t| message_features(t, lang))
            .collect();
        let repo_caught = repo_hostile.iter().filter(|g| g.iter().any(|f| model.verdict(f).is_some())).count();
        println!("repo corpus hostile messages caught by the model alone: {repo_caught}/{}", repo_hostile.len());
        println!(
            "hostile recall: train {}, dev {}; repo corpus polite flagged by the model alone: {repo_fa}/{}",
            hostile(&a),
            hostile(&b),
            repo_polite.len()
        );
        if show {
            for (l, &d) in corpus.iter().zip(&dev) {
                if !d {
                    continue;
                }
                let mut f = Vec::new();
                rebound_core::messages::tone::model::features(&l.text, lang, &mut f);
                let v = model.verdict(&f);
                let p = model.probabilities(&f);
                if l.class == 0 && 1.0 - p[0] > 0.3 {
                    println!("  POLITE {:.2} {:>9} {}", 1.0 - p[0], CLASSES[model.hostility(&f).0], l.text);
                }
                if l.class != 0 && v.is_none() {
                    println!(
                        "  {:>9} -> {:>9} {:.2} {}",
                        CLASSES[l.class],
                        v.map_or("-", |c| CLASSES[c]),
                        1.0 - p[0],
                        l.text
                    );
                }
            }
            for (t, g) in
                repo[lang]["polite"].as_array().into_iter().flatten().filter_map(|p| p.as_str()).zip(&repo_polite)
            {
                let worst = g.iter().map(|f| model.hostility(f)).max_by(|a, b| a.1.total_cmp(&b.1));
                if let Some((c, h)) = worst.filter(|w| w.1 > 0.3) {
                    println!("  REPO {h:.2} {:>9} {t}", CLASSES[c]);
                }
            }
        }
        if train::refits(lang) {
            // The figures above are the first model's, on sentences it never saw; the shipped one learns from
            // the dev split too and keeps that threshold, raised if need be so that the repo corpus' and the
            // built-in polite messages stay unflagged.
            let all: Vec<(Vec<u32>, usize)> = tr.iter().chain(&dv).cloned().collect();
            let mut full = train::train(&all, &settings);
            full.threshold = model.threshold;
            train::pick_thresholds(&mut full, &[(&repo_polite, 0.0), (&ours, 0.0)]);
            println!(
                "refit on all {} sentences with the threshold above ({:.3} -> {:.3} for the repo corpus and the built-in messages)",
                all.len(),
                model.threshold[1],
                full.threshold[1]
            );
            model = full;
        }
        if !dry {
            write(&dir.join(format!("model-{lang}.bin")), &model);
        }
        train_runs(&dir, lang, &settings, dry, &from_sets);
    }
}

/// Share of the dev split's angry runs the run model may let pass as glad, per language. Not the share of angry
/// messages that pass: a run the run model lets through must still close a sentence the tone model reads as calm,
/// without a grievance or a negation. 3 % until the ninth round; 7 % since, when the run model learned 1,200 more
/// sentences per language, chosen on half of a probe it never trained on (400 messages with runs per language,
/// written by two helpers): its glad messages flagged went fr 47 -> 38 %, en 30 -> 25 % with none of its angry ones
/// lost, while 10 % then let an angry run of the unit tests pass ("J'ai été pris de haut par votre recruteur !!!").
/// French 10 % since the eleventh round (with 360 more run sentences per language, and «vous me prenez pour qui»
/// a grievance — at 10 % the run model let that run pass): on the means of the thirteen held-out sets read so far,
/// false alarms fr 3.52 -> 3.32 % with all-hostile recall unchanged, the run probe's glad messages flagged 37.6 ->
/// 35.2 % with its angry ones caught unchanged (97.3 %); 15 % cut 0.2 point more but let «J'ai été pris de haut par
/// votre recruteur !!!» pass, as 10 % did in the ninth round; English at 15 % cut false alarms by 0.1 point for 0.15
/// point of all-hostile recall and one of the run probe's angry runs, so it stays at 7 %.
fn run_miss_budget(lang: &str) -> f64 {
    if lang == "fr" {
        0.10
    } else {
        0.07
    }
}

/// The run model of `lang`: trained on `train/runs-{lang}.json` (`{"angry": [...], "glad": [...]}`, entries that
/// end with a run of "!" or "?"; the last sentence of each is learned), without its dev fifth; its threshold lets
/// at most [`run_miss_budget`] of the dev split's angry runs pass. Writes `runs-{lang}.bin` unless `dry`.
fn train_runs(dir: &Path, lang: &str, settings: &train::Settings, dry: bool, from_sets: &train::FromSets) {
    let path = dir.join(format!("train/runs-{lang}.json"));
    let file: std::collections::BTreeMap<String, Vec<String>> = match std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|j| serde_json::from_str(&j).map_err(|e| e.to_string()))
    {
        Ok(f) => f,
        Err(e) => {
            eprintln!("tone_train: {}: {e}", path.display());
            std::process::exit(1);
        }
    };
    if let Some(unknown) = file.keys().find(|k| !matches!(k.as_str(), "glad" | "angry")) {
        eprintln!("tone_train: {}: unknown class {unknown:?} (glad, angry)", path.display());
        std::process::exit(1);
    }
    // What is learned of an entry is the sentence its run closes, its last, as the check reads it there: each such
    // sentence once, and the dev split drawn on it, so the same sentence is never learned and measured both. A
    // sentence that ends a glad entry and an angry one would be learned as whichever came first: the trainer stops
    // instead, naming those of our own files and counting those of the learned sets, which no one reads (none
    // since the run models were keyed on last sentences in the thirteenth round).
    let last_sentences = |name: &str, more: &[String]| -> Vec<String> {
        let of = file.get(name).into_iter().flatten().chain(more);
        of.filter_map(|s| message_sentences(s, lang).pop()).filter(|t| !t.is_empty()).collect()
    };
    let classed = [(GLAD, last_sentences("glad", &from_sets.glad)), (ANGRY, last_sentences("angry", &from_sets.angry))];
    let glad: std::collections::HashSet<&String> = classed[0].1.iter().collect();
    let conflicts: std::collections::BTreeSet<&String> = classed[1].1.iter().filter(|t| glad.contains(t)).collect();
    if !conflicts.is_empty() {
        let ours: std::collections::HashSet<String> = ["glad", "angry"]
            .iter()
            .flat_map(|c| file.get(*c).into_iter().flatten())
            .filter_map(|s| message_sentences(s, lang).pop())
            .collect();
        eprintln!("tone_train: runs {lang}: {} sentences end both glad and angry entries:", conflicts.len());
        for text in conflicts.iter().filter(|t| ours.contains(**t)) {
            eprintln!("  {text} ({})", path.display());
        }
        let theirs = conflicts.iter().filter(|t| !ours.contains(**t)).count();
        if theirs > 0 {
            eprintln!("  and {theirs} only in the learned held-out sets (not shown: they are not read)");
        }
        std::process::exit(1);
    }
    let mut seen = std::collections::HashSet::new();
    let (mut items, mut feats) = (Vec::new(), Vec::new());
    for (class, texts) in classed {
        for text in texts {
            if !seen.insert(text.clone()) {
                continue;
            }
            let mut last = Vec::new();
            features(&text, lang, &mut last);
            items.push(train::Labelled { text, class, generated: false });
            feats.push((last, class));
        }
    }
    let dev = train::dev_split(&items);
    let (mut tr, mut dv) = (Vec::new(), Vec::new());
    for (f, &d) in feats.into_iter().zip(&dev) {
        if d {
            dv.push(f)
        } else {
            tr.push(f)
        }
    }
    let s = train::Settings { buckets: RUN_BUCKETS, ..*settings };
    let mut model = train::train(&tr, &s);
    let anger = |m: &Model, f: &[u32]| m.probabilities(f)[ANGRY];
    let mut angry: Vec<f32> = dv.iter().filter(|(_, c)| *c == ANGRY).map(|(f, _)| anger(&model, f)).collect();
    angry.sort_by(f32::total_cmp);
    let allowed = (run_miss_budget(lang) * angry.len() as f64).floor() as usize;
    model.threshold = [1.0; CLASSES.len()];
    // Halfway between the last angry run allowed to pass and the next, so no dev sentence sits on the line.
    model.threshold[ANGRY] = match (allowed.checked_sub(1).and_then(|i| angry.get(i)), angry.get(allowed)) {
        (Some(a), Some(b)) => (a + b) / 2.0,
        (None, Some(b)) => b / 2.0,
        _ => 0.0,
    };
    let t = model.threshold[ANGRY];
    let passing = |set: &[(Vec<u32>, usize)], class: usize| {
        let of: Vec<&Vec<u32>> = set.iter().filter(|(_, c)| *c == class).map(|(f, _)| f).collect();
        format!("{}/{}", of.iter().filter(|f| anger(&model, f) < t).count(), of.len())
    };
    println!(
        "runs {lang}: {} sentences; threshold {t:.3}; passing as glad: dev glad {}, dev angry {}, train glad {}, train angry {}",
        items.len(),
        passing(&dv, GLAD),
        passing(&dv, ANGRY),
        passing(&tr, GLAD),
        passing(&tr, ANGRY)
    );
    if !dry {
        write(&dir.join(format!("runs-{lang}.bin")), &model);
    }
}

/// Writes a model's shipped file, or ends the program saying why not.
fn write(path: &Path, model: &Model) {
    let bytes = model.to_bytes();
    if let Err(e) = std::fs::write(path, &bytes) {
        eprintln!("tone_train: {}: {e}", path.display());
        std::process::exit(1);
    }
    println!("wrote {} ({} bytes)", path.display(), bytes.len());
}

/// Hash buckets of the run models: a few thousand sentences, a quarter of the tone models' size.
const RUN_BUCKETS: usize = 1 << 14;

/// The subject and body of every built-in template in `lang`, with their `{{ … }}` and `{% … %}` tags taken out.
fn built_in_texts(lang: &str) -> Vec<String> {
    let Ok(conn) = rebound_core::db::open_in_memory() else { return Vec::new() };
    let Some(&lang) = rebound_core::vocab::Lang::ALL.iter().find(|l| l.as_str() == lang) else { return Vec::new() };
    let mut out = Vec::new();
    for &kind in rebound_core::vocab::MessageKind::ALL {
        if let Ok(t) = rebound_core::messages::template(&conn, kind, lang) {
            out.extend([t.subject, t.body].iter().map(|text| without_tags(text)));
        }
    }
    out
}

fn without_tags(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{']) {
        let close = match rest[at..].chars().nth(1) {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                out.push_str(&rest[..=at]);
                rest = &rest[at + 1..];
                continue;
            }
        };
        out.push_str(&rest[..at]);
        match rest[at..].find(close) {
            Some(end) => rest = &rest[at + end + 2..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// The training settings: the defaults, each changed by a `name=value` argument (`buckets=262144 l2=1e-5`), for
/// trying other settings with `--dry-run` against the dev split and the repo corpus, never against a held-out set.
/// Also says whether any was given.
fn settings_from_args() -> Result<(train::Settings, bool), String> {
    let mut s = train::Settings::default();
    let mut given = false;
    for arg in std::env::args().skip(1).filter(|a| !a.starts_with("--")) {
        given = true;
        let (name, value) = arg.split_once('=').ok_or_else(|| format!("{arg:?}: expected name=value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{name}: {e}");
        match name {
            "buckets" => s.buckets = value.parse().map_err(|e| bad(&e))?,
            "epochs" => s.epochs = value.parse().map_err(|e| bad(&e))?,
            "rate" => s.rate = value.parse().map_err(|e| bad(&e))?,
            "l2" => s.l2 = value.parse().map_err(|e| bad(&e))?,
            "seed" => s.seed = value.parse().map_err(|e| bad(&e))?,
            "runs" => s.runs = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown setting {name:?} (buckets, epochs, rate, l2, seed, runs)")),
        }
    }
    if !s.buckets.is_power_of_two() {
        return Err("buckets: a power of two".into());
    }
    Ok((s, given))
}
