//! Addresses Rebound asks the system to open. Whatever the UI sends, Rust builds or checks the address
//! itself: only `mailto:` and `https:` ever leave the app.

use crate::error::{Error, Problem, Result};
use crate::journal::validate::Checker;

/// Percent-encodes everything but RFC 3986's unreserved characters, and writes line breaks as CRLF, as
/// RFC 6068 asks for mail bodies.
fn encode(text: &str) -> String {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut out = String::with_capacity(crlf.len() * 3);
    for b in crlf.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A `mailto:` address with the recipient (optional), subject and body filled in.
pub fn mailto(to: &str, subject: &str, body: &str, today: chrono::NaiveDate) -> Result<String> {
    let mut c = Checker::new(today);
    let to = c.email("to", to);
    if to.contains(['?', '&', '%', '/', ',', ';', '<', '>']) {
        c.problem("to", Problem::NotEmail);
    }
    c.finish()?;
    Ok(format!("mailto:{to}?subject={}&body={}", encode(subject), encode(body)))
}

/// Checks that a link to open is an `https:` web address (a LinkedIn profile, say).
pub fn checked_https(url: &str) -> Result<String> {
    let url = url.trim();
    let ok = url.len() > 8
        && url[..8].eq_ignore_ascii_case("https://")
        && !url.contains(char::is_whitespace)
        && !url.chars().any(char::is_control);
    if ok {
        Ok(url.to_owned())
    } else {
        Err(Error::invalid("url", Problem::NotSecureAddress))
    }
}

/// Checks a whole address about to be opened: `mailto:` or `https:` only.
pub fn is_openable(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("mailto:") || lower.starts_with("https://")) && !url.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn mailto_encodes_subject_and_body() {
        let url =
            mailto("marie@example.org", "Merci – Desjardins", "Bonjour,\n\n« Merci » & à bientôt?", today()).unwrap();
        assert_eq!(
            url,
            "mailto:marie@example.org?subject=Merci%20%E2%80%93%20Desjardins&body=Bonjour%2C%0D%0A%0D%0A%C2%AB%20Merci%20%C2%BB%20%26%20%C3%A0%20bient%C3%B4t%3F"
        );
        assert!(is_openable(&url));
        assert!(mailto("", "s", "b", today()).unwrap().starts_with("mailto:?subject=s"));
    }

    #[test]
    fn mailto_refuses_smuggled_headers() {
        for to in ["a@b.c?bcc=x@y.z", "a@b.c&cc=x", "not-an-address", "a@b.c\nBcc: x"] {
            assert!(mailto(to, "s", "b", today()).is_err(), "{to}");
        }
    }

    #[test]
    fn only_https_and_mailto_are_opened() {
        assert_eq!(checked_https(" https://www.linkedin.com/in/marie ").unwrap(), "https://www.linkedin.com/in/marie");
        for bad in
            ["http://www.linkedin.com/in/marie", "javascript:alert(1)", "file:///etc/passwd", "https://", "https://a b"]
        {
            assert!(checked_https(bad).is_err(), "{bad}");
        }
        assert!(!is_openable("file:///etc/passwd"));
        assert!(!is_openable("smb://host/share"));
        assert!(is_openable("HTTPS://example.org"));
    }
}
