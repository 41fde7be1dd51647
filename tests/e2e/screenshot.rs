//! Pictures of the app with a few applications in it: the list (in English and in French), one application's
//! detail, a message, Insights. The test always takes them and checks they are real pictures of the window;
//! `scripts/screenshot.sh` sets REBOUND_SCREENSHOTS to a folder to keep them for the README.

use serde_json::json;

use crate::harness::{data_dir, App};

#[tokio::test]
async fn screenshot_of_a_journal_in_use() {
    let data = data_dir();
    let app = App::start_with_env(data.path(), &[("LANG", "en_US.UTF-8"), ("LC_ALL", "en_US.UTF-8")]).await;
    // A few entries through the UI's own bridge (the forms themselves are covered by the other tests).
    let seeded = app
        .js(
            "const call = window.__TAURI_INTERNALS__.invoke;
             const day = (n) => { const d = new Date(); d.setDate(d.getDate() - n);
               return d.toISOString().slice(0, 10); };
             const add = (company, role, ago, people = []) => call('save_application', { input: {
               company, role, appliedOn: day(ago), people: people.map((name) => ({ name })) } });
             return (async () => {
               const a = await add('Desjardins', 'Data analyst', 60, ['Marie Tremblay']);
               await call('log_outcome', { input: { applicationId: a, outcome: 'rejected', date: day(20),
                 channel: 'email' } });
               const b = await add('Hydro-Québec', 'Project coordinator', 35);
               await call('log_outcome', { input: { applicationId: b, outcome: 'ghosted', date: day(14) } });
               await add('Shopify', 'Support engineer', 9, ['Luc Gagnon']);
               const c = await add('Ubisoft Montréal', 'QA lead', 120);
               await call('log_outcome', { input: { applicationId: c, outcome: 'rejected', date: day(95),
                 channel: 'phone' } });
               await add('Banque Nationale', 'Business analyst', 3);
               return 5;
             })();",
            vec![],
        )
        .await;
    assert_eq!(seeded, json!(5));
    app.click("Applications").await;
    app.wait_xpath("//a[contains(@class,'app-row')][.//span[.='Banque Nationale']]").await;

    keep(&app, "list.png").await;

    app.wait_xpath("//a[contains(@class,'app-row')][.//span[.='Desjardins']]").await.click().await.unwrap();
    app.wait_css("ol.timeline li[data-kind='rejected']").await;
    keep(&app, "detail.png").await;

    // The thank-you composer, with a hasty line the tone check stops.
    app.wait_css("li.step[data-kind='thank_you'] button.primary").await.click().await.unwrap();
    app.wait_value("Message", "").await;
    let body = app.field("Message").await;
    body.send_keys("\u{e007}\u{e007}PS: thanks for nothing!!!").await.unwrap();
    app.click("Copy message").await;
    app.wait_css(".tone mark").await;
    app.js("document.querySelector('.composer').scrollIntoView(); return 0", vec![]).await;
    keep(&app, "composer.png").await;

    // The people: Marie kept in touch with every 3 months (through the bridge, like the entries above).
    app.js(
        "const call = window.__TAURI_INTERNALS__.invoke;
         return (async () => {
           const marie = (await call('list_people')).find((p) => p.name === 'Marie Tremblay');
           await call('set_keep_in_touch', { personId: marie.id, months: 3 });
           return 0;
         })();",
        vec![],
    )
    .await;
    app.click("People").await;
    app.wait_css("li.person .next").await;
    keep(&app, "people.png").await;

    // Insights over the last 12 months of the same journal.
    app.click("Insights").await;
    app.choose("Period", "Last 12 months").await;
    app.wait_xpath("//tr[@data-key='applied']/td[.='5']").await;
    // The weekly chart, with its scale and its months, in view.
    app.js("document.querySelectorAll('.chart-card')[1].scrollIntoView({ block: 'start' }); return 0", vec![]).await;
    keep(&app, "insights.png").await;

    // An interview invitation read from an e-mail (for an application not in the journal yet).
    read_email(&app, &include_str!("mail/invite-northwind.eml").replace("{{DATE}}", "Mon, 23 Nov 2026 09:02:11 -0800"))
        .await;
    keep(&app, "mail.png").await;
    app.stop().await;

    // The first screen in French, on the same journal.
    let app = App::start_with_env(data.path(), &[("LANG", "fr_CA.UTF-8"), ("LC_ALL", "fr_CA.UTF-8")]).await;
    app.wait_xpath("//a[contains(@class,'app-row')][.//span[.='Banque Nationale']]").await;
    app.wait_xpath("//h2[.='Aujourd’hui']").await;
    keep(&app, "list-fr.png").await;

    // A rejection from an ATS read from an e-mail, matched to its application.
    app.js(
        "const d = new Date(); d.setDate(d.getDate() - 30);
         return window.__TAURI_INTERNALS__.invoke('save_application', { input: { company: 'Banque Laurentienne',
           role: 'Analyste de données', appliedOn: d.toISOString().slice(0, 10) } });",
        vec![],
    )
    .await;
    let day = (chrono::Local::now().date_naive() - chrono::Days::new(10)).format("%a, %d %b %Y 10:14:00 -0500");
    read_email(&app, &include_str!("mail/rejet-workday.txt").replace("{{DATE}}", &day.to_string())).await;
    keep(&app, "mail-fr.png").await;
    app.stop().await;
}

/// Opens "From an e-mail…", reads `text` as if pasted, and shows the proposal from its title down.
async fn read_email(app: &App, text: &str) {
    app.js("location.hash = '#/email'; return 0", vec![]).await;
    app.wait_css("form.mail-input textarea").await;
    app.js(
        "const t = document.querySelector('form.mail-input textarea'); t.value = arguments[0];
         t.form.requestSubmit(); return 0",
        vec![json!(text)],
    )
    .await;
    app.wait_css("form.mail-proposal .mail-text mark").await;
    app.js("document.querySelector('form.mail-proposal').scrollIntoView({ block: 'start' }); return 0", vec![]).await;
}

/// Takes a screenshot, checks it is a PNG of a real window, and keeps it when asked.
pub(crate) async fn keep(app: &App, name: &str) {
    // WebKitWebDriver's screenshot waits for the page's next rendering update, and a page at rest (Rebound's
    // scrollbars do not animate) never has one: it would wait forever. A one-pixel mark in a corner, almost
    // transparent, changes every frame for a few seconds, so that updates come while the screenshot waits.
    app.js(
        "const mark = document.createElement('div');
         mark.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none';
         document.body.append(mark);
         const end = performance.now() + 5000;
         const tick = (now) => {
           mark.style.opacity = now < end ? String(0.01 * (Math.floor(now) % 2)) : '0';
           if (now < end) requestAnimationFrame(tick); else mark.remove();
         };
         requestAnimationFrame(tick);
         return 0",
        vec![],
    )
    .await;
    let png = app.client.screenshot().await.expect("screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert!(width >= 640 && height >= 480, "{width}x{height}");
    if let Some(dir) = std::env::var_os("REBOUND_SCREENSHOTS") {
        std::fs::write(std::path::Path::new(&dir).join(name), &png).expect("write the screenshot");
    }
}
