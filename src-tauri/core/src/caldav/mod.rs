//! A CalDAV client (RFC 4791) for publishing the follow-up plan to the user's own calendar server (issue 25):
//! find the calendars from an address the user typed, create one for Rebound, and list, read, write and delete
//! the events in it, each write guarded by the event's ETag so that a change made on the server is noticed.
//!
//! It owns no state but the address, the credentials and the calendar home it found; what is on the server and
//! what is still to send is the sync's business. Everything is blocking: the sync runs on its own thread.
//!
//! What it refuses, and why:
//! - a password in clear: `http://` is allowed only to this computer (a test server, a local Radicale);
//! - a redirect to another host (or scheme, or port): the credentials would follow it, so the target is handed
//!   back to the user instead (`Error::Redirected`); redirects on the same host are followed by hand, at most 5;
//! - a certificate the system's web roots do not vouch for (rustls with the webpki roots; no OpenSSL).
//!
//! No error and no log line carries the password: it is only ever in the `Authorization` header.

mod http;
mod xml;

#[cfg(any(test, feature = "test-server"))]
pub mod radicale;
#[cfg(all(test, target_os = "linux"))]
mod tests;

use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use url::Url;

use self::http::Answer;
use self::xml::Props;

/// Where the calendars are and who the user is there. The password is an app password where the provider has
/// them (iCloud, Fastmail); it never appears in `Debug` output or in an error.
#[derive(Clone, PartialEq, Eq)]
pub struct Account {
    /// What the user typed: the server (`https://cloud.example.org/`), a principal, or a calendar itself.
    pub url: String,
    pub user: String,
    pub password: String,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account").field("url", &self.url).field("user", &self.user).field("password", &"***").finish()
    }
}

/// A calendar collection that takes events.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Calendar {
    /// The absolute URL of the collection, ending in `/`.
    pub href: String,
    /// Its display name, or the last segment of its path when it has none.
    pub name: String,
}

/// One resource (an event) in a calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its absolute URL.
    pub href: String,
    /// Its ETag exactly as the server wrote it (quotes included), to send back in `If-Match`.
    pub etag: Option<String>,
}

/// What must hold on the server for a write to go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition<'a> {
    /// Nothing is at that address yet (`If-None-Match: *`).
    New,
    /// The resource is still the one with this ETag (`If-Match`).
    Match(&'a str),
    /// Write whatever is there.
    Any,
}

/// What can go wrong talking to a calendar server. `code()` is what the UI branches on; the text is for logs.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// The address cannot be used: not a URL, no host, not `http(s)://`, or credentials inside it.
    #[error("not a usable server address: {0}")]
    Address(String),
    /// `http://` to another computer: the password would travel in clear.
    #[error("refused: http:// to another computer would send the password in clear")]
    Insecure,
    /// The server could not be reached: no such host, connection refused or reset.
    #[error("server unreachable: {0}")]
    Unreachable(String),
    #[error("the server did not answer in time")]
    Timeout,
    /// The TLS certificate is not trusted, has expired, or is for another name.
    #[error("TLS certificate refused: {0}")]
    Certificate(String),
    /// 401: wrong user name or password.
    #[error("the server refused the user name or password")]
    Credentials,
    /// 403: no right on that calendar, or to create one.
    #[error("the server forbids this")]
    Forbidden,
    /// Not a CalDAV server: no calendar home, or not a calendar collection.
    #[error("not a CalDAV server or calendar")]
    NotCalDav,
    /// A redirect to another host, scheme or port: not followed with the credentials. The target, for the user
    /// to type instead if they trust it.
    #[error("the server redirects to another address: {0}")]
    Redirected(String),
    /// 404 where a resource was needed.
    #[error("not found on the server")]
    NotFound,
    /// 412: the resource changed on the server (or exists already) since it was last read.
    #[error("changed on the server")]
    Conflict,
    /// Any other 3xx, 4xx or 5xx status.
    #[error("the server answered HTTP {0}")]
    Server(u16),
    /// An answer that makes no sense: malformed XML, a missing field, too many redirects.
    #[error("unexpected answer from the server: {0}")]
    Protocol(String),
}

impl Error {
    /// A stable name for the UI: `address`, `insecure`, `unreachable`, `timeout`, `certificate`, `credentials`,
    /// `forbidden`, `not_caldav`, `redirected`, `not_found`, `conflict`, `server` or `protocol`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Address(_) => "address",
            Error::Insecure => "insecure",
            Error::Unreachable(_) => "unreachable",
            Error::Timeout => "timeout",
            Error::Certificate(_) => "certificate",
            Error::Credentials => "credentials",
            Error::Forbidden => "forbidden",
            Error::NotCalDav => "not_caldav",
            Error::Redirected(_) => "redirected",
            Error::NotFound => "not_found",
            Error::Conflict => "conflict",
            Error::Server(_) => "server",
            Error::Protocol(_) => "protocol",
        }
    }

    /// Whether trying again later may work without the user doing anything: the network or the server was down
    /// or busy (5xx, 429 Too Many Requests, 408 Request Timeout). Everything else needs a change of settings.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Unreachable(_) | Error::Timeout => true,
            Error::Server(code) => *code >= 500 || *code == 429 || *code == 408,
            _ => false,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a look at one address found: the address that answered and what the resource is, or nothing there.
type Found = Option<(Url, Props)>;

/// The type of the XML bodies sent.
const XML: (&str, &str) = ("Content-Type", "application/xml; charset=utf-8");

/// How long connecting may take, and a whole request.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The first segment tried for a calendar Rebound creates; then `rebound-2`, `rebound-3`… up to this many.
const NEW_CALENDAR_SEGMENT: &str = "rebound";
const NEW_CALENDAR_TRIES: u32 = 20;

/// A connection to one account. `Send + Sync`: one client can serve the sync thread and a "test the
/// connection" from the window.
pub struct Client {
    http: http::Http,
    base: Url,
    /// The calendar home set, once found (by `discover`, or by `create_calendar` itself).
    home: Mutex<Option<Url>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("base", &self.base.as_str()).finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `account`, once its address is checked (`Address`, `Insecure`). Connecting may take 10 s,
    /// a whole request 30 s. Nothing is sent yet.
    pub fn new(account: Account) -> Result<Client> {
        Client::with_timeouts(account, CONNECT_TIMEOUT, REQUEST_TIMEOUT)
    }

    /// As `new`, with a whole request bounded by `timeout` (and connecting by the shorter of it and 10 s).
    pub fn with_timeout(account: Account, timeout: Duration) -> Result<Client> {
        Client::with_timeouts(account, CONNECT_TIMEOUT.min(timeout), timeout)
    }

    fn with_timeouts(account: Account, connect: Duration, request: Duration) -> Result<Client> {
        let base = http::parse_address(&account.url)?;
        let http = http::Http::new(&account.user, &account.password, connect, request);
        Ok(Client { http, base, home: Mutex::new(None) })
    }

    /// The calendars that take events, by name. If the address is a calendar, just it. Otherwise the calendar
    /// home is found from the address, or from `/.well-known/caldav` (RFC 6764), through the user's principal,
    /// and its calendars are listed. The home is remembered for `create_calendar`.
    pub fn discover(&self) -> Result<Vec<Calendar>> {
        let (first, redirected) = self.look_at_address()?;
        if let Some((url, props)) = &first {
            if props.calendar {
                if !props.takes_events() {
                    return Err(Error::NotCalDav);
                }
                // Remember the home if the server says where it is; a calendar given directly is enough.
                if let Ok(home) = self.find_home(first.clone(), None) {
                    self.remember(home);
                }
                return Ok(vec![calendar(url, props)]);
            }
        }
        let home = self.find_home(first, redirected)?;
        self.remember(home.clone());
        self.calendars_in(&home)
    }

    /// Creates a calendar for events named `display_name` in the calendar home (found first if `discover` has
    /// not run), at `rebound/`, or `rebound-2/`… if that exists. `Forbidden` if the server does not allow it.
    pub fn create_calendar(&self, display_name: &str) -> Result<Calendar> {
        let home = match self.remembered() {
            Some(home) => home,
            None => {
                let (first, redirected) = self.look_at_address()?;
                let home = self.find_home(first, redirected)?;
                self.remember(home.clone());
                home
            }
        };
        let body = xml::mkcalendar(display_name);
        let mut last = 0;
        for n in 1..=NEW_CALENDAR_TRIES {
            let segment =
                if n == 1 { format!("{NEW_CALENDAR_SEGMENT}/") } else { format!("{NEW_CALENDAR_SEGMENT}-{n}/") };
            let url = home.join(&segment).map_err(|e| Error::Protocol(format!("calendar home: {e}")))?;
            let answer = self.http.send("MKCALENDAR", &url, &[XML], Some(&body))?;
            match answer.status {
                200..=299 => return Ok(Calendar { href: answer.url.to_string(), name: display_name.to_string() }),
                // Something is already there (405 by RFC 4791, 409 from some servers): the next name. Unless
                // nothing is: then the server does not let us create calendars, and no name will do.
                405 | 409 => {
                    if !self.exists(&url)? {
                        return Err(Error::Forbidden);
                    }
                    last = answer.status;
                }
                status => return Err(http::status_error(status)),
            }
        }
        Err(Error::Server(last))
    }

    /// The resources in a calendar (not the calendar itself, nor collections inside it), with their ETags.
    pub fn list(&self, calendar_href: &str) -> Result<Vec<Item>> {
        let url = http::parse_href(calendar_href)?;
        let answer = self.propfind(&url, 1, xml::LIST)?;
        let mut items: Vec<Item> = multistatus(&answer)?
            .into_iter()
            .filter(|(href, props)| !props.collection && !same_resource(href, &answer.url))
            .map(|(href, props)| Item { href: href.to_string(), etag: props.etag })
            .collect();
        items.sort_by(|a, b| a.href.cmp(&b.href));
        Ok(items)
    }

    /// A resource's body and ETag; `None` if it is not there (404, 410).
    pub fn get(&self, href: &str) -> Result<Option<(String, Option<String>)>> {
        let url = http::parse_href(href)?;
        let answer = self.http.send("GET", &url, &[], None)?;
        match answer.status {
            200..=299 => Ok(Some((answer.body, answer.etag))),
            404 | 410 => Ok(None),
            status => Err(http::status_error(status)),
        }
    }

    /// Writes an iCalendar resource if `condition` holds (`Conflict` if not) and returns its new ETag, when the
    /// server gives one (some do not on PUT: then `list` tells it).
    pub fn put(&self, href: &str, ics: &str, condition: Condition) -> Result<Option<String>> {
        let url = http::parse_href(href)?;
        let mut headers = vec![("Content-Type", "text/calendar; charset=utf-8")];
        match condition {
            Condition::New => headers.push(("If-None-Match", "*")),
            Condition::Match(etag) => headers.push(("If-Match", etag)),
            Condition::Any => {}
        }
        let answer = self.http.send("PUT", &url, &headers, Some(ics))?;
        match answer.status {
            200..=299 => Ok(answer.etag),
            status => Err(http::status_error(status)),
        }
    }

    /// Deletes a resource, only if it still has `etag` when one is given (`Conflict` if not). Already gone
    /// (404, 410) is success.
    pub fn delete(&self, href: &str, etag: Option<&str>) -> Result<()> {
        let url = http::parse_href(href)?;
        let headers: Vec<(&str, &str)> = etag.map(|e| vec![("If-Match", e)]).unwrap_or_default();
        let answer = self.http.send("DELETE", &url, &headers, None)?;
        match answer.status {
            200..=299 | 404 | 410 => Ok(()),
            status => Err(http::status_error(status)),
        }
    }

    fn remember(&self, home: Url) {
        *self.home.lock().unwrap_or_else(|e| e.into_inner()) = Some(home);
    }

    fn remembered(&self) -> Option<Url> {
        self.home.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn propfind(&self, url: &Url, depth: u8, body: &str) -> Result<Answer> {
        let depth = depth.to_string();
        let headers = [("Depth", depth.as_str()), XML];
        let answer = self.http.send("PROPFIND", url, &headers, Some(body))?;
        match answer.status {
            207 => Ok(answer),
            // A 2xx other than Multi-Status is not WebDAV (a web page answering any method, say).
            200..=299 => Err(Error::NotCalDav),
            status => Err(http::status_error(status)),
        }
    }

    /// Whether a resource is at `url`.
    fn exists(&self, url: &Url) -> Result<bool> {
        match self.propfind(url, 0, xml::LIST) {
            Ok(_) => Ok(true),
            Err(Error::NotFound) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The first look at the address the user gave. A redirect to another host is not an answer yet: it is
    /// kept to be told if `/.well-known/caldav` does no better (`https://example.com` → `https://www.…`).
    fn look_at_address(&self) -> Result<(Found, Option<Error>)> {
        match self.probe(&self.base, true) {
            Ok(found) => Ok((found, None)),
            Err(e @ Error::Redirected(_)) => Ok((None, Some(e))),
            Err(e) => Err(e),
        }
    }

    /// The properties of the resource at `url` that tell what it is: `None` if the answer says it is not a
    /// WebDAV resource at all (404, 405, a web page…), so that discovery can look elsewhere. With `soft_forbidden`,
    /// a 403 counts as such too (a server's root may refuse PROPFIND and still serve `/.well-known/caldav`).
    fn probe(&self, url: &Url, soft_forbidden: bool) -> Result<Found> {
        let answer = match self.propfind(url, 0, xml::DISCOVER) {
            Ok(answer) => answer,
            Err(Error::NotFound | Error::NotCalDav) => return Ok(None),
            Err(Error::Forbidden) if soft_forbidden => return Ok(None),
            Err(Error::Server(status)) if (400..500).contains(&status) && status != 408 && status != 429 => {
                return Ok(None)
            }
            Err(Error::Server(501)) => return Ok(None),
            Err(e) => return Err(e),
        };
        let responses = multistatus(&answer)?;
        // The resource asked for, whatever its href looks like; else the first one.
        let found = responses.iter().position(|(href, _)| same_resource(href, &answer.url)).unwrap_or(0);
        Ok(responses.into_iter().nth(found))
    }

    /// The calendar home: from the first answer's `calendar-home-set` or `current-user-principal`, else from
    /// `/.well-known/caldav` on the same server. If neither says, the first look's redirect if there was one,
    /// else `NotCalDav`.
    fn find_home(&self, first: Found, redirected: Option<Error>) -> Result<Url> {
        if let Some(home) = self.home_in(first)? {
            return Ok(home);
        }
        let well_known = self.base.join("/.well-known/caldav").map_err(|e| Error::Address(e.to_string()))?;
        let answer = self.probe(&well_known, false)?;
        self.home_in(answer)?.ok_or(redirected.unwrap_or(Error::NotCalDav))
    }

    fn home_in(&self, found: Found) -> Result<Option<Url>> {
        let Some((_, props)) = found else { return Ok(None) };
        if let Some(home) = props.home {
            return Ok(Some(as_collection(home)));
        }
        let Some(principal) = props.principal else { return Ok(None) };
        match self.probe(&principal, false)? {
            Some((_, props)) => Ok(props.home.map(as_collection)),
            None => Ok(None),
        }
    }

    fn calendars_in(&self, home: &Url) -> Result<Vec<Calendar>> {
        let answer = self.propfind(home, 1, xml::DISCOVER)?;
        let mut calendars: Vec<Calendar> = multistatus(&answer)?
            .iter()
            .filter(|(href, props)| props.calendar && props.takes_events() && !same_resource(href, &answer.url))
            .map(|(href, props)| calendar(href, props))
            .collect();
        calendars.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.href.cmp(&b.href)));
        Ok(calendars)
    }
}

/// The responses of a multistatus answer, every href made absolute against the address that answered.
fn multistatus(answer: &Answer) -> Result<Vec<(Url, Props)>> {
    xml::multistatus(&answer.body, &answer.url)
}

fn calendar(url: &Url, props: &Props) -> Calendar {
    let url = as_collection(url.clone());
    let name = match props.display_name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => last_segment(&url),
    };
    Calendar { href: url.to_string(), name }
}

/// A collection's URL ends in `/` (servers answer either way; RFC 4918 says it should).
fn as_collection(mut url: Url) -> Url {
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

fn last_segment(url: &Url) -> String {
    let segment = url.path().trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    percent_encoding::percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

/// Whether two URLs name one resource: same origin, and the same path once decoded and without a final `/`
/// (servers differ in what they encode, `@` or `%40`, and in the slash of a collection).
fn same_resource(a: &Url, b: &Url) -> bool {
    let path =
        |u: &Url| percent_encoding::percent_decode_str(u.path().trim_end_matches('/')).decode_utf8_lossy().into_owned();
    a.origin() == b.origin() && path(a) == path(b)
}

/// Whether two hrefs name one resource on the server, however each was encoded (`@` or `%40`) and with or
/// without a final `/`: to match an event Rebound wrote (`member_href`) with what `list` returns.
pub fn same_href(a: &str, b: &str) -> bool {
    match (Url::parse(a), Url::parse(b)) {
        (Ok(a), Ok(b)) => same_resource(&a, &b),
        _ => a == b,
    }
}

/// The address of the resource `name` in a calendar: the calendar's href (a `/` added if missing) and the name,
/// every character but letters, digits and `-._~` percent-encoded.
pub fn member_href(calendar_href: &str, name: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
    let slash = if calendar_href.ends_with('/') { "" } else { "/" };
    format!("{calendar_href}{slash}{}", percent_encoding::utf8_percent_encode(name, KEEP))
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn account(url: &str) -> Account {
        Account { url: url.into(), user: "ana".into(), password: "hunter2-secret".into() }
    }

    #[test]
    fn addresses_are_checked_before_anything_is_sent() {
        let refused = |url: &str| Client::new(account(url)).unwrap_err();
        assert_eq!(refused("http://example.com/"), Error::Insecure);
        assert_eq!(refused("http://192.168.1.10:5232/"), Error::Insecure);
        assert_eq!(refused("http://[fe80::1]/"), Error::Insecure);
        assert_eq!(refused("not an address").code(), "address");
        assert_eq!(refused("").code(), "address");
        assert_eq!(refused("ftp://example.com/").code(), "address");
        assert_eq!(refused("mailto:ana@example.com").code(), "address");
        assert_eq!(refused("https://ana:pw@example.com/").code(), "address");
        for fine in [
            "https://example.com/",
            "https://cloud.example.org/remote.php/dav",
            "http://127.0.0.1:5232/",
            "http://127.8.9.10/",
            "http://localhost:5232/",
            "http://LOCALHOST/",
            "http://[::1]:5232/",
            "  https://example.com/  ",
        ] {
            assert!(Client::new(account(fine)).is_ok(), "{fine}");
        }
    }

    #[test]
    fn the_password_is_in_no_debug_output_nor_error() {
        let a = account("https://example.com/");
        assert!(!format!("{a:?}").contains("hunter2"));
        let client = Client::new(a).unwrap();
        assert!(!format!("{client:?}").contains("hunter2"));
        let e = Client::new(account("https://ana:hunter2@example.com/")).unwrap_err();
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }

    #[test]
    fn one_client_serves_several_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Client>();
    }

    #[test]
    fn codes_and_what_is_worth_retrying() {
        assert_eq!(Error::NotCalDav.code(), "not_caldav");
        assert_eq!(Error::Redirected("https://x/".into()).code(), "redirected");
        assert!(Error::Timeout.is_transient());
        assert!(Error::Unreachable("refused".into()).is_transient());
        assert!(Error::Server(503).is_transient());
        assert!(Error::Server(429).is_transient());
        assert!(!Error::Server(400).is_transient());
        assert!(!Error::Credentials.is_transient());
        assert!(!Error::Conflict.is_transient());
        assert!(!Error::Certificate("expired".into()).is_transient());
    }

    #[test]
    fn member_names_are_encoded_into_the_calendar_address() {
        assert_eq!(
            member_href("https://dav.example.com/cal/rebound/", "rebound-step-12.ics"),
            "https://dav.example.com/cal/rebound/rebound-step-12.ics"
        );
        assert_eq!(
            member_href("https://dav.example.com/cal/rebound", "a b/c@é.ics"),
            "https://dav.example.com/cal/rebound/a%20b%2Fc%40%C3%A9.ics"
        );
    }

    #[test]
    fn one_resource_whatever_the_server_encodes() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(same_resource(&u("https://h/ana%40x.org/cal/"), &u("https://h/ana@x.org/cal")));
        assert!(!same_resource(&u("https://h/cal/"), &u("https://h/cal/x.ics")));
        assert!(!same_resource(&u("https://h/cal/"), &u("https://other/cal/")));
        assert_eq!(last_segment(&u("https://h/ana/Mon%20agenda/")), "Mon agenda");
        assert!(same_href("https://h/ana%40x.org/rebound/step-1.ics", "https://h/ana@x.org/rebound/step-1.ics"));
        assert!(!same_href("https://h/rebound/step-1.ics", "https://h/rebound/step-12.ics"));
    }
}
