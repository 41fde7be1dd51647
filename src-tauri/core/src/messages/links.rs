//! Addresses Rebound asks the system to open. Whatever the UI sends, Rust builds or checks the address
//! itself: only `mailto:` and `https:` ever leave the app.

use crate::error::{Error, Problem, Result};
use crate::validate::Checker;

/// Longest address Rebound opens, in characters.
pub const MAX_URL: usize = 2_000;

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

/// Checks that a link to open is an `https:` web address with a host (a LinkedIn profile, say). The address
/// is parsed, never sliced: a stored address may hold any character, and the check must not end the app.
pub fn checked_https(url: &str) -> Result<String> {
    let url = url.trim();
    let parsed = (!url.contains(char::is_whitespace) && !url.chars().any(char::is_control))
        .then(|| url::Url::parse(url).ok())
        .flatten()
        .filter(|u| u.scheme() == "https" && u.host_str().is_some_and(|h| !h.is_empty()));
    match parsed {
        Some(u) => Ok(u.to_string()),
        None => Err(Error::invalid("url", Problem::NotSecureAddress)),
    }
}

/// Checks a whole address about to be opened: `mailto:` or `https:` only, compared on the parsed scheme.
pub fn is_openable(url: &str) -> bool {
    !url.chars().any(char::is_control)
        && url::Url::parse(url.trim_start()).is_ok_and(|u| matches!(u.scheme(), "mailto" | "https"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::today;

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

    #[test]
    fn addresses_with_any_characters_are_refused_or_accepted_without_a_panic() {
        // Once sliced by bytes inside "é": the app ended. Now it is simply not an https address.
        assert!(checked_https("http://éxample.org/in/x").is_err());
        assert!(checked_https("éééééééééé").is_err());
        assert!(checked_https("https://éxample.org/in/x").is_ok());
        assert_eq!(checked_https("HTTPS://www.linkedin.com/in/marie").unwrap(), "https://www.linkedin.com/in/marie");
        assert!(!is_openable("ééé:x"));
    }
}
