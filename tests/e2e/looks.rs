//! What a person sees, at the size of a real job search: every view, in English and in French, on a journal of a
//! year (1,000 applications, a third rejected over the year, a tenth without an answer), checked as a careful
//! reader would — no "null", "undefined", "NaN", "[object Object]", catalogue key or emoji on screen, every button
//! readable (text contrast at least 4.5:1 against its own background), no serious or critical finding of
//! axe-core (run in the window), nothing wider than the window at 1100×800 nor at a narrow 760×600 — and a
//! Today that stays short, with the tray counting the same steps.

use std::path::Path;

use chrono::{Local, Utc};
use serde_json::{json, Value};

use crate::harness::{data_dir, App};

/// The journal of a year, written through the domain (as the window's commands would) before the app starts.
fn seed_a_year(data: &Path) {
    let mut conn = rebound::db::open_in(data).expect("open the journal");
    // One transaction per write, as the app does, but without waiting for the disk between them: this is a fixture.
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let s = rebound::sample::year_of_search(&mut conn, 1_000, Local::now().date_naive(), Utc::now()).expect("seed");
    assert_eq!((s.applications, s.rejected, s.no_answer), (1_000, 334, 100));
}

/// Every catalogue key, so that one shown raw (a missing string) is caught.
fn catalogue_keys() -> Vec<String> {
    let en: serde_json::Map<String, Value> =
        serde_json::from_str(include_str!("../../ui/i18n/en.json")).expect("the catalogue");
    en.keys().cloned().collect()
}

/// The checks, run in the page: returns one line per problem found, prefixed with `where`.
const CHECK: &str = r#"
const [where, keys, size] = arguments;
const known = new Set(keys);
const problems = [];
const say = (what) => problems.push(`${where} ${size}: ${what}`);
// Texts that betray a bug: a missing value, a number that is not one, an object, a key with no string.
const broken = /\b(null|undefined|NaN)\b|\[object Object\]/;
const keyLike = /[a-z_]+(?:\.[a-z_0-9]+)+/g;
const look = (text, at) => {
  if (broken.test(text)) say(`${at} reads ${JSON.stringify(text.trim().slice(0, 80))}`);
  for (const k of text.match(keyLike) || []) if (known.has(k)) say(`${at} shows the catalogue key ${k}`);
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (n.parentElement.closest('script, style')) continue;
  look(n.data, `<${n.parentElement.tagName.toLowerCase()}${n.parentElement.className ? '.' + n.parentElement.className : ''}>`);
}
for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
  for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (el.hasAttribute(a)) look(el.getAttribute(a), `${a}=`);
}
// No emoji: its glyph depends on the fonts installed (none on many Linux desktops: an empty box), in text or in
// generated content. Icons are inline SVG.
const emoji = /\p{Extended_Pictographic}/u;
for (const el of document.body.querySelectorAll('*')) {
  for (const pseudo of ['::before', '::after']) {
    const c = getComputedStyle(el, pseudo).content;
    if (c && c !== 'none' && c !== 'normal' && emoji.test(c)) say(`an emoji in the ${pseudo} of ${el.tagName.toLowerCase()}.${el.className}: ${c}`);
  }
}
const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = texts.nextNode(); n; n = texts.nextNode()) {
  if (emoji.test(n.data)) say(`an emoji in the text ${JSON.stringify(n.data.trim().slice(0, 40))}`);
}
// Contrast of every visible button's text against its own background (through transparent parents).
const rgba = (s) => {
  const m = /rgba?\(([^)]+)\)/.exec(s);
  if (!m) return [0, 0, 0, 0];
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
const background = (el) => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
};
const lum = (c) => {
  const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
for (const el of document.querySelectorAll('button, a.button, [role=button]')) {
  if (!el.getClientRects().length || !el.textContent.trim()) continue;
  const bg = background(el);
  const fg = over(rgba(getComputedStyle(el).color), bg);
  const r = ratio(fg, bg);
  if (r < 4.5) say(`button ${JSON.stringify(el.textContent.trim().slice(0, 40))}: contrast ${r.toFixed(2)}:1`);
}
// Nothing wider than the window.
const root = document.documentElement;
if (root.scrollWidth > root.clientWidth + 1) {
  const wide = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(-3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
  say(`wider than the window (${root.scrollWidth} > ${root.clientWidth}): ${wide.join(', ')}`);
}
return problems;
"#;

/// axe-core's serious and critical findings on the page, one line each.
const AXE: &str = r#"
const [where] = arguments;
return axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
  .filter((v) => v.impact === 'serious' || v.impact === 'critical')
  .map((v) => `${where}: axe ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`));
"#;

struct Looker {
    app: App,
    keys: Value,
    problems: Vec<String>,
    lang: &'static str,
}

impl Looker {
    /// Goes to `hash` and waits for `ready` (a CSS selector of what the view shows once drawn).
    async fn visit(&mut self, name: &str, hash: &str, ready: &str) {
        self.app.js("location.hash = arguments[0]; return 0", vec![json!(hash)]).await;
        self.app.wait_css(ready).await;
        self.look(name).await;
    }

    /// Runs every check on what is on screen now, at both sizes (axe once, at the wide one).
    async fn look(&mut self, name: &str) {
        let at = format!("[{}] {name}", self.lang);
        for (w, h) in [(760, 600), (1100, 800)] {
            self.app.client.set_window_size(w, h).await.expect("resize the window");
            // The layout follows the new size before the checks read it.
            let frame = "return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(innerWidth))))";
            eprintln!("{at} {w}: frame");
            let width = self.app.js(frame, vec![]).await;
            eprintln!("{at} {w}: check");
            assert!(width.as_u64().is_some_and(|x| x <= w as u64), "the window took the size {w}: {width}");
            let found = self.app.js(CHECK, vec![json!(at), self.keys.clone(), json!(format!("{w}x{h}"))]).await;
            self.problems.extend(found.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()));
        }
        eprintln!("{at}: axe");
        let t0 = std::time::Instant::now();
        let found = self.app.js(AXE, vec![json!(at)]).await;
        eprintln!("{at}: axe took {:?}", t0.elapsed());
        self.problems.extend(found.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()));
    }
}

#[tokio::test]
async fn every_view_reads_right_on_a_year_of_history_in_both_languages() {
    let data = data_dir();
    seed_a_year(data.path());
    let axe = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/e2e-npm/node_modules/axe-core/axe.min.js"
    ))
    .expect("axe-core (scripts/setup.sh --test installs it)");
    let db = crate::harness::open_db(data.path());
    // An application with a rejection whose thank-you is still to write, for the composer.
    let (app_id, step_id): (i64, i64) = db
        .query_row(
            "SELECT application_id, id FROM plan_steps WHERE kind = 'thank_you' AND status = 'pending'
              ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a pending thank-you");
    let mut problems = Vec::new();
    // English in the light theme, French in the dark one (the colours of both are checked).
    for (lang, locale, theme) in [("en", "en_US.UTF-8", "Adwaita"), ("fr", "fr_CA.UTF-8", "Adwaita:dark")] {
        let app = App::start_with_env(data.path(), &[("LANG", locale), ("LC_ALL", locale), ("GTK_THEME", theme)]).await;
        let dark = app.js("return matchMedia('(prefers-color-scheme: dark)').matches", vec![]).await;
        assert_eq!(dark, json!(theme.ends_with(":dark")), "the window follows the {theme} theme");
        let loaded = app.js(&format!("{axe}\n;return typeof window.axe.run"), vec![]).await;
        assert_eq!(loaded, json!("function"), "axe-core runs in the window");
        let mut l = Looker { app, keys: json!(catalogue_keys()), problems: Vec::new(), lang };

        // The first screen: Today stays short, whatever the journal's size, and the backlog is one line.
        l.visit("first screen", "#/", "section.today .focus-older").await;
        let today = l.app.js("return document.querySelectorAll('section.today li.focus-step').length", vec![]).await;
        assert!(today.as_u64().is_some_and(|n| n <= 15), "Today lists {today} steps");
        let rows = l.app.js("return document.querySelectorAll('#view li').length", vec![]).await;
        assert!(rows.as_u64().is_some_and(|n| n <= 150), "{rows} rows on the first screen");
        if lang == "en" {
            // The tray counts what has come due by the reminder time, from the same two weeks: never the backlog.
            let due = rebound::reminders::due_steps(
                &db,
                Utc::now(),
                chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                &Local,
            )
            .expect("due steps")
            .len();
            let now_rows = l
                .app
                .js(
                    "return document.querySelectorAll('section.today li.focus-step:not([data-state=upcoming])').length",
                    vec![],
                )
                .await;
            let now_rows = now_rows.as_u64().unwrap() as usize;
            assert!(due <= now_rows || now_rows == 15, "tray {due}, Today's steps to send now {now_rows}");
            let pid = crate::harness::app_pids(data.path())[0];
            let (bus, menu) = crate::desktop::tray_of(pid);
            let counted = |labels: Vec<(i32, String)>| {
                labels.into_iter().find_map(|(_, l)| {
                    if l == "No follow-up due" {
                        Some(0)
                    } else {
                        l.strip_suffix(" due").and_then(|l| l.split(' ').next()).and_then(|n| n.parse::<usize>().ok())
                    }
                })
            };
            crate::harness::wait_until("the tray to count the due steps", || {
                counted(crate::desktop::tray_menu(&bus, &menu)) == Some(due)
            });
        }

        l.visit("detail", &format!("#/app/{app_id}"), "ol.timeline").await;
        // The filled danger button of a confirmation, then back without deleting.
        l.app.js("document.querySelector('.detail-head button.link.danger').click(); return 0", vec![]).await;
        l.app.wait_css(".confirm button.danger").await;
        l.look("detail, asked to confirm a deletion").await;
        l.app.js("document.querySelector('.confirm button:not(.danger)').click(); return 0", vec![]).await;
        l.visit("To do", "#/todo", "section.todo li").await;
        l.visit("older follow-ups", "#/todo/older", "section.todo li").await;
        l.visit("people", "#/people", "li.person").await;
        l.visit("insights", "#/insights", "svg.chart").await;
        l.app.js("const s = document.querySelector('.insights select'); s.value = '365'; s.dispatchEvent(new Event('change')); return 0", vec![]).await;
        l.app.wait_css("svg.chart text.chart-axis").await;
        l.look("insights, 12 months").await;
        l.visit("new application", "#/new", "form input").await;
        l.visit("templates", "#/templates", ".preview pre, .preview p").await;
        l.visit("settings, backups, export and import", "#/settings", "form select").await;
        // An employer's e-mail read: the proposal, its fields and the e-mail with the deciding words marked.
        l.visit("from an e-mail", "#/email", "form.mail-input textarea").await;
        let mail = include_str!("mail/rejet-workday.txt").replace("{{DATE}}", "Mon, 23 Nov 2026 10:14:00 -0500");
        l.app
            .js(
                "const t = document.querySelector('form.mail-input textarea'); t.value = arguments[0];
                 t.form.requestSubmit(); return 0",
                vec![json!(mail)],
            )
            .await;
        l.app.wait_css("form.mail-proposal .mail-text mark").await;
        l.look("from an e-mail, a reading").await;

        // The composer, with a finding that stops the copy, then one that only asks for a second look.
        l.visit("composer", &format!("#/app/{app_id}/step/{step_id}"), ".composer textarea").await;
        let body = "document.querySelector('.composer textarea')";
        let copy = "document.querySelector('.composer > .actions > button.primary:not([hidden])')";
        let compose = |text: &str| {
            format!(
                "const b = {body}; b.value = {}; b.dispatchEvent(new Event('input')); {copy}.click(); return 0",
                json!(text)
            )
        };
        let stop = if lang == "fr" {
            "Vous êtes des incompétents, allez au diable."
        } else {
            "You are all idiots, go to hell."
        };
        l.app.js(&compose(stop), vec![]).await;
        l.app.wait_css(".tone[data-severity='stop']:not([hidden]) .tone-title svg").await;
        l.look("composer, a stop finding").await;
        let look =
            if lang == "fr" { "J’EXIGE UNE RÉPONSE AVANT VENDREDI." } else { "I DEMAND AN ANSWER BY FRIDAY." };
        l.app.js("document.querySelector('.tone .actions button.primary').click(); return 0", vec![]).await;
        l.app.js(&compose(look), vec![]).await;
        l.app.wait_css(".tone[data-severity='second_look']:not([hidden]) .tone-title svg").await;
        l.look("composer, a second look").await;

        if lang == "en" {
            // The older line's two actions: "Review" lists exactly them; "Dismiss them" skips them all, and "Undo"
            // brings them back as they were.
            l.app.js("location.hash = '#/'; return 0", vec![]).await;
            let line = l.app.text("section.today .focus-older p").await;
            let older: usize = line.split(' ').next().unwrap().parse().expect("the line starts with the count");
            assert!(older > 900, "{line}");
            l.app.click("Review").await;
            l.app.wait_xpath("//h2[.='Older follow-ups']").await;
            let shown = l.app.js("return document.querySelectorAll('section.todo li').length", vec![]).await;
            assert_eq!(shown, json!(100), "the first hundred");
            l.app.js("history.back(); return 0", vec![]).await;
            l.app.click("Dismiss them").await;
            l.app.wait_xpath(&format!("//div[@id='toast']/span[.='{older} follow-ups dismissed.']")).await;
            crate::harness::wait_until("the older line to go", || {
                db.query_row("SELECT count(*) FROM plan_steps WHERE status = 'skipped'", [], |r| r.get::<_, i64>(0))
                    .unwrap()
                    == older as i64
            });
            l.app.wait_css("section.today:not(:has(.focus-older))").await;
            l.app.click("Undo").await;
            l.app.wait_xpath(&format!("//section[contains(@class,'today')]//p[.={line:?}]")).await;
            let skipped: i64 =
                db.query_row("SELECT count(*) FROM plan_steps WHERE status = 'skipped'", [], |r| r.get(0)).unwrap();
            assert_eq!(skipped, 0, "all back");
        }
        problems.extend(l.problems);
        l.app.stop().await;
    }
    assert!(problems.is_empty(), "{} problems on screen:\n{}", problems.len(), problems.join("\n"));
}
