//! The reader's speed on a 50 KB e-mail (issue 23 asks ≤ 5 ms in release): `cargo bench -p rebound-core
//! --bench mail`. Prints the median of 200 readings of each shape: a long plain-text rejection with its
//! quoted history, a long HTML-only e-mail, and 50 KB of text with no structure at all.

use std::time::{Duration, Instant};

use chrono::NaiveDate;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time(name: &str, text: &str, today: NaiveDate) {
    for _ in 0..10 {
        let _ = rebound_core::mail::read(text, today);
    }
    let times: Vec<Duration> = (0..200)
        .map(|_| {
            let start = Instant::now();
            let r = rebound_core::mail::read(text, today);
            let spent = start.elapsed();
            std::hint::black_box(r.ok());
            spent
        })
        .collect();
    println!("{name:<28} {:>6} KB  median {:>8.3} ms", text.len() / 1024, median(times).as_secs_f64() * 1000.0);
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    let letter = "Bonjour Julie,\n\nNous vous remercions de l'intérêt que vous portez à Desjardins. Malheureusement, \
                  nous avons choisi de poursuivre avec des candidats dont le profil correspond davantage au poste de \
                  conseillère en sécurité financière.\n\nCordialement,\nMarie Tremblay\nConseillère en acquisition de \
                  talents\nDesjardins\n\n";
    let mut plain = String::from("From: Marie Tremblay <marie.tremblay@desjardins.com>\nSubject: Votre candidature\nDate: Tue, 03 Nov 2026 16:42:10 -0500\nContent-Type: text/plain; charset=utf-8\n\n");
    plain.push_str(letter);
    plain.push_str("Le lun. 2 nov. 2026 à 09:00, Julie <julie@gmail.com> a écrit :\n");
    while plain.len() < 50 * 1024 {
        plain.push_str("> Nous aimerions vous inviter à une entrevue, merci de nous indiquer vos disponibilités.\n");
    }
    time("plain text, quoted history", &plain, today);

    let mut html = String::from(
        "From: Acme <no-reply@acme.com>\nSubject: Update\nContent-Type: text/html; charset=utf-8\n\n<html><body>",
    );
    while html.len() < 50 * 1024 {
        html.push_str("<div>Thank you for applying to the <b>Data Analyst</b> role at Acme. Unfortunately we will not be moving forward.</div><table><tr><td>Acme Inc.</td></tr></table>");
    }
    html.push_str("</body></html>");
    time("HTML only", &html, today);

    let words = [
        "entrevue ",
        "unfortunately ",
        "position ",
        "chez ",
        "Acme ",
        "at ",
        "the ",
        "poste de ",
        "\n",
        "Cordialement,\n",
    ];
    let mut noise = String::new();
    let mut i = 0usize;
    while noise.len() < 50 * 1024 {
        noise.push_str(words[i % words.len()]);
        i = i.wrapping_mul(31).wrapping_add(7) % 1_000_003;
    }
    time("no structure", &noise, today);
}
