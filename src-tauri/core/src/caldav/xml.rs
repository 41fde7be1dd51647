//! The XML of WebDAV and CalDAV: the few request bodies sent, and the multistatus answers read (RFC 4918 §13).
//! Names are matched by namespace, never by prefix (`d:`, `D:`, a default namespace are all seen in the wild);
//! a property is taken only from a `propstat` whose status is 2xx (a 404 propstat lists what the resource lacks).

use roxmltree::{Document, Node};
use url::Url;

use super::{Error, Result};

const DAV: &str = "DAV:";
const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";

/// PROPFIND for discovery: what a resource is, and where the user's principal and calendars are.
pub(super) const DISCOVER: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop>
    <d:resourcetype/>
    <d:displayname/>
    <d:current-user-principal/>
    <c:calendar-home-set/>
    <c:supported-calendar-component-set/>
  </d:prop>
</d:propfind>"#;

/// PROPFIND for a calendar's members.
pub(super) const LIST: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:">
  <d:prop>
    <d:resourcetype/>
    <d:getetag/>
  </d:prop>
</d:propfind>"#;

/// MKCALENDAR (RFC 4791 §5.3.1): a calendar for events named `display_name`.
pub(super) fn mkcalendar(display_name: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:set>
    <d:prop>
      <d:displayname>{}</d:displayname>
      <c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set>
    </d:prop>
  </d:set>
</c:mkcalendar>"#,
        escape(display_name)
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// What the answers say of one resource; only the properties asked for and found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Props {
    /// `resourcetype` has `DAV:collection`.
    pub collection: bool,
    /// `resourcetype` has `C:calendar`.
    pub calendar: bool,
    pub display_name: Option<String>,
    /// As written, quotes and `W/` included.
    pub etag: Option<String>,
    /// `supported-calendar-component-set`: `None` when the server does not say (then anything goes).
    pub components: Option<Vec<String>>,
    pub principal: Option<Url>,
    pub home: Option<Url>,
}

impl Props {
    /// A calendar that accepts VEVENT, or does not say what it accepts.
    pub fn takes_events(&self) -> bool {
        self.components.as_ref().is_none_or(|c| c.iter().any(|c| c.eq_ignore_ascii_case("VEVENT")))
    }
}

/// The responses of a multistatus document, each href (the response's, the principal's, the home's) made
/// absolute against `base`, the address that answered.
pub(super) fn multistatus(body: &str, base: &Url) -> Result<Vec<(Url, Props)>> {
    let doc = Document::parse(body).map_err(|e| Error::Protocol(format!("XML: {e}")))?;
    let root = doc.root_element();
    if !is(root, DAV, "multistatus") {
        return Err(Error::Protocol(format!("expected a multistatus, got <{}>", root.tag_name().name())));
    }
    let mut out = Vec::new();
    for response in root.children().filter(|n| is(*n, DAV, "response")) {
        let href =
            child(response, DAV, "href").map(text).ok_or_else(|| Error::Protocol("a response without href".into()))?;
        let href = absolute(base, &href)?;
        let mut props = Props::default();
        for propstat in response.children().filter(|n| is(*n, DAV, "propstat")) {
            let ok = child(propstat, DAV, "status").map(|s| status_is_success(&text(s))).unwrap_or(true);
            if !ok {
                continue;
            }
            for prop in propstat.children().filter(|n| is(*n, DAV, "prop")) {
                for p in prop.children().filter(Node::is_element) {
                    read_prop(p, base, &mut props)?;
                }
            }
        }
        out.push((href, props));
    }
    Ok(out)
}

fn read_prop(p: Node, base: &Url, props: &mut Props) -> Result<()> {
    match (p.tag_name().namespace().unwrap_or_default(), p.tag_name().name()) {
        (DAV, "resourcetype") => {
            props.collection = child(p, DAV, "collection").is_some();
            props.calendar = child(p, CALDAV, "calendar").is_some();
        }
        (DAV, "displayname") => props.display_name = Some(text(p)).filter(|t| !t.trim().is_empty()),
        (DAV, "getetag") => props.etag = Some(text(p).trim().to_string()).filter(|t| !t.is_empty()),
        (DAV, "current-user-principal") => {
            props.principal = child(p, DAV, "href").map(|h| absolute(base, &text(h))).transpose()?
        }
        (CALDAV, "calendar-home-set") => {
            props.home = child(p, DAV, "href").map(|h| absolute(base, &text(h))).transpose()?
        }
        (CALDAV, "supported-calendar-component-set") => {
            let comps = p.children().filter(|n| is(*n, CALDAV, "comp"));
            props.components = Some(comps.filter_map(|c| c.attribute("name").map(str::to_string)).collect());
        }
        _ => {}
    }
    Ok(())
}

fn is(node: Node, namespace: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(namespace)
}

fn child<'a, 'i>(node: Node<'a, 'i>, namespace: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(*n, namespace, name))
}

/// All the text inside, entities resolved, CDATA included.
fn text(node: Node) -> String {
    node.descendants().filter(Node::is_text).filter_map(|n| n.text()).collect::<String>().trim().to_string()
}

/// `HTTP/1.1 200 OK` → whether 2xx.
fn status_is_success(line: &str) -> bool {
    line.split_whitespace().nth(1).and_then(|code| code.parse::<u16>().ok()).is_some_and(|c| (200..300).contains(&c))
}

fn absolute(base: &Url, href: &str) -> Result<Url> {
    base.join(href.trim()).map_err(|e| Error::Protocol(format!("href {href:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://dav.example.com/cal/ana/").unwrap()
    }

    #[test]
    fn any_prefix_relative_and_absolute_hrefs_and_missing_props() {
        let body = r#"<?xml version="1.0"?>
<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">
  <D:response>
    <D:href>/cal/ana/</D:href>
    <D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop>
      <D:status>HTTP/1.1 200 OK</D:status></D:propstat>
    <D:propstat><D:prop><D:displayname/><C:supported-calendar-component-set/></D:prop>
      <D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
  </D:response>
  <response xmlns="DAV:">
    <href>https://dav.example.com/cal/ana/work%20items/</href>
    <propstat><prop>
      <resourcetype><collection/><cal:calendar xmlns:cal="urn:ietf:params:xml:ns:caldav"/></resourcetype>
      <displayname>Travail &amp; suivi</displayname>
      <C:supported-calendar-component-set><C:comp name="VTODO"/><C:comp name="VEVENT"/></C:supported-calendar-component-set>
    </prop><status>HTTP/1.1 200 OK</status></propstat>
  </response>
  <d:response xmlns:d="DAV:">
    <d:href>step-1.ics</d:href>
    <d:propstat><d:prop><d:getetag>"abc-1"</d:getetag><d:resourcetype/></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  </d:response>
  <d:response xmlns:d="DAV:">
    <d:href>tasks/</d:href>
    <d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar xmlns:c="urn:ietf:params:xml:ns:caldav"/></d:resourcetype>
      <c:supported-calendar-component-set xmlns:c="urn:ietf:params:xml:ns:caldav"><c:comp name="VTODO"/></c:supported-calendar-component-set>
      <d:getetag>W/"weak"</d:getetag>
    </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  </d:response>
</D:multistatus>"#;
        let got = multistatus(body, &base()).unwrap();
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].0.as_str(), "https://dav.example.com/cal/ana/");
        assert!(got[0].1.collection && !got[0].1.calendar);
        assert_eq!(got[0].1.display_name, None);
        assert_eq!(got[0].1.components, None, "a 404 propstat is not a value");
        assert_eq!(got[1].0.as_str(), "https://dav.example.com/cal/ana/work%20items/");
        assert!(got[1].1.calendar && got[1].1.takes_events());
        assert_eq!(got[1].1.display_name.as_deref(), Some("Travail & suivi"));
        assert_eq!(got[2].0.as_str(), "https://dav.example.com/cal/ana/step-1.ics");
        assert_eq!(got[2].1.etag.as_deref(), Some("\"abc-1\""), "quotes kept");
        assert!(!got[2].1.collection);
        assert!(got[3].1.calendar && !got[3].1.takes_events(), "tasks only");
        assert_eq!(got[3].1.etag.as_deref(), Some("W/\"weak\""));
    }

    #[test]
    fn principal_and_home_are_made_absolute() {
        let body = r#"<multistatus xmlns="DAV:"><response><href>/</href><propstat><prop>
            <current-user-principal><href>/principals/ana/</href></current-user-principal>
            <calendar-home-set xmlns="urn:ietf:params:xml:ns:caldav"><href xmlns="DAV:">https://p07-caldav.example.com/123/calendars/</href></calendar-home-set>
            </prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
        let got = multistatus(body, &base()).unwrap();
        assert_eq!(got[0].1.principal.as_ref().unwrap().as_str(), "https://dav.example.com/principals/ana/");
        assert_eq!(got[0].1.home.as_ref().unwrap().as_str(), "https://p07-caldav.example.com/123/calendars/");
    }

    #[test]
    fn what_is_not_a_multistatus_is_a_protocol_error() {
        for body in ["", "<html><body>Welcome</body></html>", "<multistatus xmlns=\"DAV:\"><response>", "not xml"] {
            assert_eq!(multistatus(body, &base()).unwrap_err().code(), "protocol", "{body}");
        }
        let no_href = r#"<multistatus xmlns="DAV:"><response><propstat/></response></multistatus>"#;
        assert_eq!(multistatus(no_href, &base()).unwrap_err().code(), "protocol");
        // A DTD (entity expansion) is refused by the parser.
        let dtd = r#"<!DOCTYPE m [<!ENTITY a "aaaa">]><multistatus xmlns="DAV:"/>"#;
        assert_eq!(multistatus(dtd, &base()).unwrap_err().code(), "protocol");
    }

    #[test]
    fn the_display_name_is_escaped() {
        let body = mkcalendar("Suivi <Rebound> & \"co\"");
        assert!(body.contains("<d:displayname>Suivi &lt;Rebound&gt; &amp; &quot;co&quot;</d:displayname>"));
        Document::parse(&body).unwrap();
    }
}
