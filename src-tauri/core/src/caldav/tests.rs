//! The client against a real Radicale (started per test, on its own port and storage), a CalDAV client of
//! another origin (Python's `caldav`, Debian's python3-caldav) reading back what it wrote, and tiny hand-made
//! servers for what Radicale will not do: redirect elsewhere, stay silent, answer with a web page.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::radicale::Radicale;
use super::*;

fn event(uid: &str, summary: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rebound//Tests//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\n\
         DTSTAMP:20261126T140000Z\r\nDTSTART:20261201T080000Z\r\nDTEND:20261201T081500Z\r\nSUMMARY:{summary}\r\n\
         BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:{summary}\r\nTRIGGER:PT0S\r\nEND:VALARM\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

fn client(server: &Radicale) -> Client {
    Client::new(server.account()).unwrap()
}

#[test]
fn discovery_from_the_bare_address_then_a_created_calendar_is_found() {
    let server = Radicale::start();
    let client = client(&server);
    // A new user has a home (Radicale makes the principal's collection) and nothing in it.
    assert_eq!(client.discover().unwrap(), vec![]);

    let created = client.create_calendar("Rebound — suivis").unwrap();
    let expected = format!("{}rebound/rebound/", server.url);
    assert_eq!(created, Calendar { href: expected.clone(), name: "Rebound — suivis".into() });
    assert_eq!(client.discover().unwrap(), vec![created.clone()]);

    // The name is taken: the next one; a fresh client finds the home by itself first.
    let again = Client::new(server.account()).unwrap().create_calendar("Rebound").unwrap();
    assert_eq!(again.href, format!("{}rebound/rebound-2/", server.url));
    let names: Vec<String> = client.discover().unwrap().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["Rebound", "Rebound — suivis"], "sorted by name");

    // From the principal's address, and from a calendar's own address (just it).
    let from_principal = Account { url: format!("{}rebound/", server.url), ..server.account() };
    assert_eq!(Client::new(from_principal).unwrap().discover().unwrap().len(), 2);
    let from_calendar = Account { url: expected.clone(), ..server.account() };
    assert_eq!(Client::new(from_calendar).unwrap().discover().unwrap(), vec![created]);
}

#[test]
fn an_event_is_created_read_updated_guarded_and_deleted() {
    let server = Radicale::start();
    let client = client(&server);
    let calendar = client.create_calendar("Rebound").unwrap();
    let href = member_href(&calendar.href, "rebound-step-12.ics");
    let ics = event("step-12@rebound.org.rebound.Rebound", "Relance — Desjardins — Analyste de données");

    let etag = client.put(&href, &ics, Condition::New).unwrap().expect("Radicale gives an ETag on PUT");
    assert!(etag.starts_with('"') && etag.ends_with('"'), "kept as the server wrote it: {etag}");
    assert_eq!(client.list(&calendar.href).unwrap(), vec![Item { href: href.clone(), etag: Some(etag.clone()) }]);
    let (body, read_etag) = client.get(&href).unwrap().expect("the event is there");
    assert!(body.contains("SUMMARY:Relance — Desjardins — Analyste de données"), "{body}");
    assert_eq!(read_etag.as_deref(), Some(etag.as_str()));

    // Only once: a second New is refused, the server's copy is the one to look at.
    assert_eq!(client.put(&href, &ics, Condition::New), Err(Error::Conflict));

    let moved = ics.replace("20261201T08", "20261203T08");
    let etag2 = client.put(&href, &moved, Condition::Match(&etag)).unwrap().expect("a new ETag");
    assert_ne!(etag2, etag);
    assert!(client.get(&href).unwrap().unwrap().0.contains("DTSTART:20261203T080000Z"));
    // Someone else changed it since `etag` was read.
    assert_eq!(client.put(&href, &ics, Condition::Match(&etag)), Err(Error::Conflict));
    assert_eq!(client.delete(&href, Some(&etag)), Err(Error::Conflict));
    assert!(client.get(&href).unwrap().is_some(), "a refused delete deletes nothing");

    let etag3 = client.put(&href, &moved, Condition::Any).unwrap().unwrap();
    client.delete(&href, Some(&etag3)).unwrap();
    assert_eq!(client.get(&href).unwrap(), None);
    assert_eq!(client.list(&calendar.href).unwrap(), vec![]);
    // Already gone is done.
    client.delete(&href, None).unwrap();
    client.delete(&href, Some(&etag3)).unwrap();
}

#[test]
fn another_caldav_client_reads_what_was_written() {
    let server = Radicale::start();
    let client = client(&server);
    let calendar = client.create_calendar("Rebound").unwrap();
    let summary = "Remerciement — Hydro-Québec — Développeuse";
    let href = member_href(&calendar.href, "rebound-step-7.ics");
    client.put(&href, &event("step-7@rebound.org.rebound.Rebound", summary), Condition::New).unwrap();

    let script = r#"
import os, caldav
client = caldav.DAVClient(url=os.environ["DAV_URL"], username=os.environ["DAV_USER"], password=os.environ["DAV_PASSWORD"])
calendar = client.calendar(url=os.environ["DAV_CALENDAR"])
for event in calendar.events():
    for component in event.icalendar_instance.walk("VEVENT"):
        alarms = len(component.walk("VALARM"))
        print(component["UID"], "|", component["SUMMARY"], "|", alarms)
"#;
    let out = Command::new("/usr/bin/python3")
        .args(["-c", script])
        .env("DAV_URL", &server.url)
        .env("DAV_USER", &server.user)
        .env("DAV_PASSWORD", &server.password)
        .env("DAV_CALENDAR", &calendar.href)
        .env("PYTHONIOENCODING", "utf-8")
        .output()
        .expect("/usr/bin/python3 (with Debian's python3-caldav)");
    assert!(out.status.success(), "python caldav failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("step-7@rebound.org.rebound.Rebound | {summary} | 1")
    );
}

#[test]
fn a_wrong_password_is_said_plainly() {
    let server = Radicale::start();
    let account = Account { password: "not-the-password".into(), ..server.account() };
    let client = Client::new(account).unwrap();
    assert_eq!(client.discover(), Err(Error::Credentials));
    assert_eq!(client.create_calendar("Rebound"), Err(Error::Credentials));
    assert_eq!(client.list(&format!("{}rebound/", server.url)), Err(Error::Credentials));
}

#[test]
fn another_users_calendar_is_forbidden_and_a_missing_one_not_found() {
    let server = Radicale::start();
    let client = client(&server);
    let foreign = format!("{}someone-else/cal/x.ics", server.url);
    assert_eq!(client.put(&foreign, &event("x", "x"), Condition::New), Err(Error::Forbidden));
    client.discover().unwrap();
    assert_eq!(client.list(&format!("{}rebound/no-such-calendar/", server.url)), Err(Error::NotFound));
    assert_eq!(client.get(&format!("{}rebound/no-such-calendar/x.ics", server.url)), Ok(None));
}

#[test]
fn a_server_down_then_back_has_kept_everything() {
    let mut server = Radicale::start();
    let client = client(&server);
    let calendar = client.create_calendar("Rebound").unwrap();
    let href = member_href(&calendar.href, "rebound-step-1.ics");
    let etag = client.put(&href, &event("step-1", "Relance"), Condition::New).unwrap().unwrap();

    server.stop();
    let down = client.put(&href, &event("step-1", "Relance (déplacée)"), Condition::Match(&etag)).unwrap_err();
    assert!(matches!(down, Error::Unreachable(_)) && down.is_transient(), "{down:?}");

    server.restart();
    // The same client (its connection pool holds a dead connection) and the same storage.
    client.put(&href, &event("step-1", "Relance (déplacée)"), Condition::Match(&etag)).unwrap();
    assert!(client.get(&href).unwrap().unwrap().0.contains("SUMMARY:Relance (déplacée)"));
}

#[test]
fn nothing_listening_is_unreachable() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let account = Account { url: format!("http://127.0.0.1:{port}/"), user: "u".into(), password: "p".into() };
    let e = Client::new(account).unwrap().discover().unwrap_err();
    assert!(matches!(e, Error::Unreachable(_)), "{e:?}");
    assert_eq!(e.code(), "unreachable");
}

#[test]
fn insecure_and_bad_addresses_are_refused_before_any_connection() {
    let with = |url: &str| Client::new(Account { url: url.into(), user: "u".into(), password: "p".into() });
    assert_eq!(with("http://example.com/").unwrap_err(), Error::Insecure);
    assert_eq!(with("http//example.com").unwrap_err().code(), "address");
    assert_eq!(with("https://").unwrap_err().code(), "address");
    // And for an href handed in later (a calendar kept from another account, say).
    let client = with("http://127.0.0.1:1/").unwrap();
    assert_eq!(client.list("http://example.com/cal/"), Err(Error::Insecure));
    assert_eq!(client.get("nonsense").unwrap_err().code(), "address");
}

/// What a fake server was sent: `METHOD path Authorization` a line per request.
type Seen = Arc<Mutex<Vec<String>>>;

/// A server on 127.0.0.1 that answers every request with `answer(method, path, port)` (a whole HTTP response), for as
/// long as the test runs. Returns its address, `http://127.0.0.1:PORT`, and what it was sent.
fn fake_server(answer: impl Fn(&str, &str, u16) -> String + Send + 'static) -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Seen::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let _ = serve_one(stream, &log, |method, path| answer(method, path, port));
        }
    });
    (format!("http://127.0.0.1:{port}"), seen)
}

fn serve_one(stream: TcpStream, seen: &Seen, answer: impl Fn(&str, &str) -> String) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut stream = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut words = request_line.split_whitespace();
        let method = words.next().unwrap_or_default().to_string();
        let path = words.next().unwrap_or("/").to_string();
        let (mut length, mut authorization) = (0, "-".to_string());
        loop {
            let mut line = String::new();
            reader.read_line(&mut line)?;
            if line.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
                if name.eq_ignore_ascii_case("authorization") {
                    authorization = value.trim().to_string();
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        seen.lock().unwrap().push(format!("{method} {path} {authorization}"));
        stream.write_all(answer(&method, &path).as_bytes())?;
    }
}

fn redirect(to: &str) -> String {
    format!("HTTP/1.1 301 Moved Permanently\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n")
}

#[test]
fn a_redirect_to_another_host_is_not_followed_but_told() {
    let (base, seen) = fake_server(|_, _, _| redirect("https://caldav.elsewhere.example/dav/"));
    let client = Client::new(Account { url: format!("{base}/"), user: "u".into(), password: "p".into() }).unwrap();
    assert_eq!(client.discover(), Err(Error::Redirected("https://caldav.elsewhere.example/dav/".into())));
    assert_eq!(
        *seen.lock().unwrap(),
        ["PROPFIND / Basic dTpw", "PROPFIND /.well-known/caldav Basic dTpw"],
        "the address, then the well-known one; nothing followed"
    );
    // The bare domain sends to its web site, and has no /.well-known/caldav: the redirect is what to tell.
    let (site, _) = fake_server(|_, path, _| match path {
        "/" => redirect("https://www.example.org/"),
        _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".into(),
    });
    let client = Client::new(Account { url: format!("{site}/"), user: "u".into(), password: "p".into() }).unwrap();
    assert_eq!(client.discover(), Err(Error::Redirected("https://www.example.org/".into())));
    // Another port of the same host is another server too.
    let (other, _) = fake_server(|_, _, port| redirect(&format!("http://127.0.0.1:{}/", port + 1)));
    let client = Client::new(Account { url: format!("{other}/"), user: "u".into(), password: "p".into() }).unwrap();
    assert!(matches!(client.get(&format!("{other}/x.ics")), Err(Error::Redirected(_))));
}

#[test]
fn same_host_redirects_are_followed_a_few_times() {
    let (base, seen) = fake_server(|_, path, port| match path {
        "/old/x.ics" => redirect("/new/x.ics"),
        // Same origin, with someone else's credentials in it: followed with ours.
        "/other/x.ics" => redirect(&format!("http://mallory:pw@127.0.0.1:{port}/new/x.ics")),
        "/new/x.ics" => "HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: 5\r\n\r\nhello".into(),
        // A loop.
        _ => redirect("/loop/again"),
    });
    let client = Client::new(Account { url: format!("{base}/"), user: "u".into(), password: "p".into() }).unwrap();
    assert_eq!(client.get(&format!("{base}/old/x.ics")), Ok(Some(("hello".into(), Some("\"v1\"".into())))));
    // The credentials on every request, the redirected one too (base64 of "u:p").
    assert_eq!(*seen.lock().unwrap(), ["GET /old/x.ics Basic dTpw", "GET /new/x.ics Basic dTpw"]);
    seen.lock().unwrap().clear();
    assert!(client.get(&format!("{base}/other/x.ics")).unwrap().is_some());
    assert_eq!(*seen.lock().unwrap(), ["GET /other/x.ics Basic dTpw", "GET /new/x.ics Basic dTpw"]);
    seen.lock().unwrap().clear();
    assert_eq!(client.get(&format!("{base}/loop/start")).unwrap_err().code(), "protocol");
    assert_eq!(seen.lock().unwrap().len(), 6, "the first request and 5 redirects, then it stops");
}

fn multistatus(responses: &str) -> String {
    let body = format!(
        "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">{responses}</D:multistatus>"
    );
    format!(
        "HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn response(href: &str, props: &str) -> String {
    format!("<D:response><D:href>{href}</D:href><D:propstat><D:prop>{props}</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>")
}

/// What Radicale does not: a root that is no DAV resource, `/.well-known/caldav` redirecting, a principal and a
/// home elsewhere, relative hrefs, calendars for tasks only, an address book, a calendar with no name.
#[test]
fn discovery_through_well_known_principal_and_home() {
    let (base, _) = fake_server(|_, path, _| {
        match path {
        "/" => "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".into(),
        "/.well-known/caldav" => redirect("/dav/"),
        "/dav/" => multistatus(&response(
            "/dav/",
            "<D:current-user-principal><D:href>principals/ana/</D:href></D:current-user-principal>",
        )),
        "/dav/principals/ana/" => multistatus(&response(
            "/dav/principals/ana/",
            "<C:calendar-home-set><D:href>/dav/calendars/ana/</D:href></C:calendar-home-set>",
        )),
        "/dav/calendars/ana/" => multistatus(&[
            response("/dav/calendars/ana/", "<D:resourcetype><D:collection/></D:resourcetype>"),
            response(
                "work/",
                "<D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Work</D:displayname>\
                 <C:supported-calendar-component-set><C:comp name=\"VTODO\"/><C:comp name=\"VEVENT\"/></C:supported-calendar-component-set>",
            ),
            response(
                "/dav/calendars/ana/tasks/",
                "<D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>Tasks</D:displayname>\
                 <C:supported-calendar-component-set><C:comp name=\"VTODO\"/></C:supported-calendar-component-set>",
            ),
            response(
                "/dav/calendars/ana/contacts/",
                "<D:resourcetype><D:collection/><A:addressbook xmlns:A=\"urn:ietf:params:xml:ns:carddav\"/></D:resourcetype>",
            ),
            response("/dav/calendars/ana/mon%20agenda", "<D:resourcetype><D:collection/><C:calendar/></D:resourcetype>"),
        ]
        .concat()),
        _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".into(),
    }
    });
    let client = Client::new(Account { url: format!("{base}/"), user: "u".into(), password: "p".into() }).unwrap();
    assert_eq!(
        client.discover().unwrap(),
        vec![
            Calendar { href: format!("{base}/dav/calendars/ana/mon%20agenda/"), name: "mon agenda".into() },
            Calendar { href: format!("{base}/dav/calendars/ana/work/"), name: "Work".into() },
        ]
    );
}

/// A server that will not create calendars, whatever it answers (403, or 405 with nothing at the address).
#[test]
fn a_server_that_refuses_new_calendars_is_forbidden() {
    for refusal in ["403 Forbidden", "405 Method Not Allowed"] {
        let (base, seen) = fake_server(move |method, path, _| match (method, path) {
            ("PROPFIND", "/") => {
                multistatus(&response("/", "<C:calendar-home-set><D:href>/home/</D:href></C:calendar-home-set>"))
            }
            ("MKCALENDAR", _) => format!("HTTP/1.1 {refusal}\r\nContent-Length: 0\r\n\r\n"),
            _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".into(),
        });
        let client = Client::new(Account { url: format!("{base}/"), user: "u".into(), password: "p".into() }).unwrap();
        assert_eq!(client.create_calendar("Rebound"), Err(Error::Forbidden), "{refusal}");
        let asked = seen.lock().unwrap().len();
        assert!(asked <= 3, "{refusal}: not twenty names tried: {:?}", seen.lock().unwrap());
    }
}

#[test]
fn a_web_page_is_not_a_caldav_server() {
    let page = "<html><body>Welcome</body></html>";
    let (base, _) = fake_server(move |_, _, _| {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}", page.len())
    });
    let client = Client::new(Account { url: format!("{base}/"), user: "u".into(), password: "p".into() }).unwrap();
    assert_eq!(client.discover(), Err(Error::NotCalDav));
    let (missing, _) = fake_server(|_, _, _| "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".into());
    let client = Client::new(Account { url: format!("{missing}/"), user: "u".into(), password: "p".into() }).unwrap();
    assert_eq!(client.discover(), Err(Error::NotCalDav));
}

#[test]
fn a_silent_server_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    // Accepts (the kernel does, from the backlog) and never answers.
    let account = Account { url, user: "u".into(), password: "p".into() };
    let client = Client::with_timeout(account, Duration::from_millis(500)).unwrap();
    let started = Instant::now();
    assert_eq!(client.discover(), Err(Error::Timeout));
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(listener);
}

#[test]
fn a_self_signed_certificate_is_refused() {
    let server = Radicale::start_tls();
    assert!(server.url.starts_with("https://127.0.0.1:"));
    let e = client(&server).discover().unwrap_err();
    assert_eq!(e, Error::Certificate("not issued by a trusted authority (self-signed?)".into()));
    assert!(!e.to_string().contains(&server.password));
}
