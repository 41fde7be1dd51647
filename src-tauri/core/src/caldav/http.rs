//! One HTTP exchange with the calendar server, and what its failures mean: the address checks (no password in
//! clear), Basic credentials on every request, redirects followed by hand on the same origin only, and ureq's
//! and rustls's errors turned into the few cases the user can act on.

use std::io;
use std::time::Duration;

use base64::Engine as _;
use ureq::http::{Method, Request};
use url::{Host, Url};

use super::{Error, Result};

/// Redirects followed (same origin) before giving up.
const MAX_REDIRECTS: usize = 5;
/// The largest answer read: a calendar of thousands of events lists in a few megabytes.
const MAX_BODY: u64 = 32 * 1024 * 1024;

/// An agent with the credentials, ready to send.
pub(super) struct Http {
    agent: ureq::Agent,
    /// `Basic base64(user:password)`: the only place the password is kept.
    authorization: String,
}

/// What the server answered, after same-origin redirects.
pub(super) struct Answer {
    /// The address that answered (the last one, after redirects): relative hrefs are read against it.
    pub url: Url,
    pub status: u16,
    pub etag: Option<String>,
    pub body: String,
}

impl Http {
    pub fn new(user: &str, password: &str, connect: Duration, request: Duration) -> Http {
        let agent = ureq::Agent::config_builder()
            // Statuses are answers here (404 on GET, 412 on PUT), not failures of the exchange.
            .http_status_as_error(false)
            // ureq would follow a redirect to any host; these are followed by hand, same origin only.
            .max_redirects(0)
            // PROPFIND, MKCALENDAR.
            .allow_non_standard_methods(true)
            .timeout_connect(Some(connect))
            .timeout_global(Some(request))
            .user_agent(concat!("Rebound/", env!("CARGO_PKG_VERSION"), " (CalDAV)"))
            .build()
            .new_agent();
        let credentials = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Http { agent, authorization: format!("Basic {credentials}") }
    }

    /// Sends `method` to `url` with `headers` and `body`, following same-origin redirects (301, 302, 307, 308:
    /// method and body kept, as WebDAV clients do). A redirect elsewhere is `Redirected`, never followed.
    pub fn send(&self, method: &str, url: &Url, headers: &[(&str, &str)], body: Option<&str>) -> Result<Answer> {
        let method = Method::from_bytes(method.as_bytes()).map_err(|e| Error::Protocol(e.to_string()))?;
        let mut url = url.clone();
        for _ in 0..=MAX_REDIRECTS {
            check_secure(&url)?;
            let mut request = Request::builder()
                .method(method.clone())
                .uri(url.as_str())
                .header("Authorization", &self.authorization);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let sent = match body {
                Some(body) => request
                    .body(body.as_bytes())
                    .map_err(|e| Error::Protocol(format!("request: {e}")))
                    .and_then(|r| self.agent.run(r).map_err(from_ureq)),
                None => request
                    .body(())
                    .map_err(|e| Error::Protocol(format!("request: {e}")))
                    .and_then(|r| self.agent.run(r).map_err(from_ureq)),
            };
            let mut response = sent?;
            let status = response.status().as_u16();
            let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
            if matches!(status, 301 | 302 | 307 | 308) {
                let location =
                    header("location").ok_or_else(|| Error::Protocol(format!("{status} without Location")))?;
                let target = url.join(&location).map_err(|e| Error::Protocol(format!("redirect {location:?}: {e}")))?;
                if target.origin() != url.origin() {
                    return Err(Error::Redirected(without_credentials(target)));
                }
                // Credentials in a Location would replace ours (and be logged below): ours only.
                let target = Url::parse(&without_credentials(target)).map_err(|e| Error::Protocol(e.to_string()))?;
                log::debug!("caldav: {method} {url} redirected to {target}");
                url = target;
                continue;
            }
            let etag = header("etag");
            let bytes = response.body_mut().with_config().limit(MAX_BODY).read_to_vec().map_err(from_ureq)?;
            let body = String::from_utf8_lossy(&bytes).into_owned();
            log::debug!("caldav: {method} {url} -> {status}");
            return Ok(Answer { url, status, etag, body });
        }
        Err(Error::Protocol(format!("more than {MAX_REDIRECTS} redirects")))
    }
}

/// The account's address, checked: `http(s)://`, a host, no credentials inside, no `http://` off this computer.
pub(super) fn parse_address(address: &str) -> Result<Url> {
    let url = Url::parse(address.trim()).map_err(|e| Error::Address(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::Address(format!("{}: is not http or https", url.scheme())));
    }
    if url.host().is_none() {
        return Err(Error::Address("no host".into()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Said without echoing the address, which holds the password.
        return Err(Error::Address("the user name and password go in their own fields, not in the address".into()));
    }
    check_secure(&url)?;
    Ok(url)
}

/// An href the caller kept (a calendar, an event): the same checks as the account's address.
pub(super) fn parse_href(href: &str) -> Result<Url> {
    parse_address(href)
}

/// `http://` only to this computer: anywhere else the password would cross the network in clear.
fn check_secure(url: &Url) -> Result<()> {
    if url.scheme() == "https" || is_loopback(url) {
        Ok(())
    } else {
        Err(Error::Insecure)
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A URL fit to show: without user or password.
fn without_credentials(mut url: Url) -> String {
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// What a status that is not the expected success means.
pub(super) fn status_error(status: u16) -> Error {
    match status {
        401 => Error::Credentials,
        403 => Error::Forbidden,
        404 => Error::NotFound,
        412 => Error::Conflict,
        _ => Error::Server(status),
    }
}

/// ureq's failure, as one of ours. Its messages hold the host at most, never a header (so never the password).
pub(super) fn from_ureq(e: ureq::Error) -> Error {
    match e {
        ureq::Error::Timeout(_) => Error::Timeout,
        ureq::Error::HostNotFound => Error::Unreachable("host not found".into()),
        ureq::Error::ConnectionFailed => Error::Unreachable("connection failed".into()),
        ureq::Error::Io(e) => from_io(e),
        ureq::Error::Rustls(e) => from_rustls(&e),
        ureq::Error::BadUri(e) => Error::Address(e),
        ureq::Error::BodyExceedsLimit(limit) => Error::Protocol(format!("answer larger than {limit} bytes")),
        e => Error::Protocol(e.to_string()),
    }
}

fn from_io(e: io::Error) -> Error {
    // A TLS failure during the handshake comes wrapped in an io::Error.
    if let Some(tls) = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
        return from_rustls(tls);
    }
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Error::Timeout,
        io::ErrorKind::ConnectionRefused => Error::Unreachable("connection refused".into()),
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted | io::ErrorKind::BrokenPipe => {
            Error::Unreachable("connection lost".into())
        }
        io::ErrorKind::UnexpectedEof => Error::Unreachable("the server closed the connection".into()),
        _ => Error::Unreachable(e.to_string()),
    }
}

/// A certificate problem in a few words; any other TLS failure (no common protocol, not TLS at all) is a
/// protocol error.
fn from_rustls(e: &rustls::Error) -> Error {
    use rustls::CertificateError as C;
    let rustls::Error::InvalidCertificate(why) = e else {
        return Error::Protocol(format!("TLS: {e}"));
    };
    let reason = match why {
        C::UnknownIssuer => "not issued by a trusted authority (self-signed?)",
        C::Expired | C::ExpiredContext { .. } => "expired",
        C::NotValidYet | C::NotValidYetContext { .. } => "not valid yet",
        C::NotValidForName | C::NotValidForNameContext { .. } => "issued for another name",
        C::Revoked => "revoked",
        C::BadSignature => "bad signature",
        C::InvalidPurpose | C::InvalidPurposeContext { .. } => "not for a web server",
        // webpki's words for a self-signed certificate made as an authority (openssl req -x509's default).
        C::Other(other) if format!("{other:?}").contains("CaUsedAsEndEntity") => {
            "self-signed (an authority's certificate used as the server's)"
        }
        _ => return Error::Certificate(format!("not trusted: {why}")),
    };
    Error::Certificate(reason.into())
}
