//! Reads one e-mail from standard input (pasted text or a raw `.eml`) and prints what Rebound read, as the
//! window receives it: `cargo run -p rebound-core --example mail_read < message.eml`. Dated against today.

use std::io::Read;

fn main() {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("could not read standard input: {e}");
        std::process::exit(2);
    }
    let today = chrono::Local::now().date_naive();
    match rebound_core::mail::read_bytes(&bytes, today) {
        Ok(reading) => {
            let mut shown = serde_json::to_value(&reading).unwrap_or_default();
            // The text is long and is the input: the phrases say what decided.
            if let Some(o) = shown.as_object_mut() {
                o.remove("text");
            }
            println!("{}", serde_json::to_string_pretty(&shown).unwrap_or_default());
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
