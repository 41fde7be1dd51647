//! Drives the real Rebound binary through tauri-driver (WebDriver) inside the headless session that
//! `scripts/headless.sh` provides: Xvfb, a private D-Bus session bus, dunst and a tray watcher.
//!
//! Every wait here waits for a condition (an element, a port, a process) with a deadline; none sleeps a fixed time.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// The app binary cargo built for these tests.
pub const APP: &str = env!("CARGO_BIN_EXE_rebound");

/// How long a condition may take before a test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind a free port").local_addr().unwrap().port()
}

/// A private data folder for one test (kept across restarts within the test).
pub fn data_dir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("rebound-e2e-").tempdir().expect("temp data dir")
}

/// A running app with a WebDriver session on its window.
pub struct App {
    pub client: Client,
    driver: Child,
    data: PathBuf,
}

impl App {
    /// Starts tauri-driver and, through it, the app with `REBOUND_DATA_DIR=data`, and waits until the UI says
    /// it is ready.
    pub async fn start(data: &Path) -> App {
        Self::start_with_env(data, &[]).await
    }

    /// As `start`, with extra environment variables for the app. The app speaks English unless `env` says
    /// otherwise (`LANG`/`LC_ALL`): what the machine running the tests is set to never changes what they see.
    pub async fn start_with_env(data: &Path, env: &[(&str, &str)]) -> App {
        assert!(std::env::var_os("DISPLAY").is_some(), "run the e2e tests through scripts/headless.sh (needs Xvfb)");
        let port = free_port();
        let native_port = free_port();
        let log = std::fs::File::create(data.join(format!("driver-{port}.log"))).expect("driver log");
        let mut cmd = Command::new("tauri-driver");
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("REBOUND_DATA_DIR", data)
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .stdout(log.try_clone().unwrap())
            .stderr(log);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let driver = cmd.spawn().expect("start tauri-driver (scripts/setup.sh --test installs it)");
        // tauri-driver proxies to WebKitWebDriver on the native port: both must listen before a session.
        wait_until("tauri-driver listening", || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
        wait_until("WebKitWebDriver listening", || std::net::TcpStream::connect(("127.0.0.1", native_port)).is_ok());

        let mut caps = serde_json::Map::new();
        caps.insert("tauri:options".into(), json!({ "application": APP }));
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("WebDriver session on the app");
        let app = App { client, driver, data: data.to_path_buf() };
        app.wait_css("body[data-ready='true']").await;
        // The keyboard goes to this window, as after a click on it: a file dialog left open by a test that failed
        // half-way takes the X focus with it when its app is stopped, and nothing would give it back.
        for pid in app_pids(data) {
            let out = Command::new("xdotool").args(["search", "--onlyvisible", "--pid", &pid.to_string()]).output();
            let found = out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
            if let Some(window) = found.lines().next() {
                focus(window.trim(), Instant::now() + PATIENCE);
                break;
            }
        }
        app
    }

    /// Ends the session and stops tauri-driver, then makes sure the app process is gone (a restart on the same
    /// data folder would otherwise meet the old one through the single-instance lock). Ending the session closes
    /// the window, which by design leaves the app in the tray, so whatever is left gets SIGTERM, as a logout would.
    pub async fn stop(mut self) {
        let _ = self.client.clone().close().await;
        terminate(&mut self.driver);
        for pid in app_pids(&self.data) {
            let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).stderr(Stdio::null()).status();
        }
        wait_until("the app to end", || app_pids(&self.data).is_empty());
    }

    /// Waits for an element matching a CSS selector.
    pub async fn wait_css(&self, css: &str) -> Element {
        self.wait_for(Locator::Css(css), css).await
    }

    /// Waits for an element matching an XPath expression.
    pub async fn wait_xpath(&self, xpath: &str) -> Element {
        self.wait_for(Locator::XPath(xpath), xpath).await
    }

    /// Looks for `locator` every 20 ms until it is found. A view redrawn while WebDriver was taking hold of the
    /// element (the journal changed, a notice was recorded) answers "stale element": the next look finds the new
    /// one.
    async fn wait_for(&self, locator: Locator<'_>, what: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.client.find(locator).await {
                Ok(el) => return el,
                Err(e) if Instant::now() >= deadline => panic!("waiting for {what}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    /// The control whose visible label reads `label` (its first text node, so a "*" after it is ignored).
    /// This is how a person finds a field, and it fails if a control loses its label.
    pub async fn field(&self, label: &str) -> Element {
        let xpath = format!("//label[normalize-space(text()[1])={}]", xpath_literal(label));
        let label_el = self.wait_xpath(&xpath).await;
        let id = label_el.attr("for").await.unwrap().unwrap_or_else(|| panic!("label {label:?} has no `for`"));
        self.client.find(Locator::Id(&id)).await.unwrap_or_else(|e| panic!("control of {label:?}: {e}"))
    }

    /// Types `text` into the field labelled `label`, replacing what was there.
    pub async fn fill(&self, label: &str, text: &str) {
        let f = self.field(label).await;
        f.clear().await.unwrap();
        if !text.is_empty() {
            f.send_keys(text).await.unwrap();
        }
    }

    /// Picks the option whose visible text is `option` in the select labelled `label`.
    /// (The option is found by XPath with the text quoted, so a label such as "Rebound's version" works.)
    pub async fn choose(&self, label: &str, option: &str) {
        let xpath = format!(".//option[normalize-space(.)={}]", xpath_literal(option));
        let select = self.field(label).await;
        let opt = select.find(Locator::XPath(&xpath)).await.unwrap_or_else(|e| panic!("{label} = {option}: {e}"));
        opt.click().await.unwrap_or_else(|e| panic!("{label} = {option}: {e}"));
    }

    /// Clicks the button, link or disclosure whose visible text is `text`.
    pub async fn click(&self, text: &str) {
        let lit = xpath_literal(text);
        let xpath = format!(
            "//button[normalize-space(.)={lit}] | //a[normalize-space(.)={lit}] | //summary[normalize-space(.)={lit}]"
        );
        self.wait_xpath(&xpath).await.click().await.unwrap_or_else(|e| panic!("click {text:?}: {e}"));
    }

    /// Types `keys` (which may hold WebDriver key codes such as Ctrl) into whatever has the focus, as a
    /// keyboard user would.
    pub async fn keys(&self, keys: &str) {
        let focused = self.client.active_element().await.expect("a focused element");
        focused.send_keys(keys).await.unwrap_or_else(|e| panic!("typing {keys:?}: {e}"));
    }

    /// Waits until the field labelled `label` holds text starting with `prefix` (non-empty), as after an
    /// asynchronous render.
    pub async fn wait_value(&self, label: &str, prefix: &str) {
        let f = self.field(label).await;
        let deadline = Instant::now() + PATIENCE;
        loop {
            let v = f.prop("value").await.unwrap().unwrap_or_default();
            if !v.is_empty() && v.starts_with(prefix) {
                return;
            }
            assert!(Instant::now() < deadline, "{label} never started with {prefix:?}: {v:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Text of the first element matching `css`, once it exists. A view redrawn between finding the element and
    /// reading it (a search answering each letter typed) makes it stale: it is found again and read again.
    pub async fn text(&self, css: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.wait_css(css).await.text().await {
                Ok(text) => return text,
                Err(e) if Instant::now() >= deadline => panic!("reading {css}: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    /// Runs a script in the page and returns its value.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.expect("script runs")
    }
}

impl Drop for App {
    /// A test that fails half-way still stops its tauri-driver (and with it WebKitWebDriver and the app).
    fn drop(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            terminate(&mut self.driver);
        }
    }
}

/// Quotes a string for XPath 1.0.
fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else {
        format!("concat('{}')", s.split('\'').collect::<Vec<_>>().join("', \"'\", '"))
    }
}

/// Polls a condition every 20 ms until it holds, failing the test after [`PATIENCE`].
pub fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// SIGTERM (so tauri-driver takes WebKitWebDriver down with it), then reap.
fn terminate(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).stderr(Stdio::null()).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The pids of running Rebound processes whose `REBOUND_DATA_DIR` is `data`.
pub fn app_pids(data: &Path) -> Vec<u32> {
    let want = format!("REBOUND_DATA_DIR={}", data.display());
    let app = std::fs::canonicalize(APP).unwrap_or_else(|_| PathBuf::from(APP));
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(exe) = std::fs::read_link(entry.path().join("exe")) else { continue };
        if exe != app {
            continue;
        }
        let env = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        if env.split(|b| *b == 0).any(|kv| kv == want.as_bytes()) {
            pids.push(pid);
        }
    }
    pids
}

/// Opens the app's database file for plain SQL, read only.
pub fn open_db(data: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(data.join("rebound.sqlite3"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the app's database file")
}

/// Runs xdotool with `args`; its standard output.
fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool").args(args).output().expect("xdotool runs (scripts/setup.sh --test installs it)");
    assert!(out.status.success(), "xdotool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Answers the file dialog titled `title` with `path`: `save` for a save dialog (the name field has the focus),
/// else an open dialog (Ctrl+L for the location field).
pub fn answer_dialog(title: &str, path: &Path, save: bool) {
    // The title is a regular expression for xdotool: anchored, its brackets escaped. Only a shown window: one
    // found before it is mapped cannot take the focus yet.
    let pattern = format!("^{}$", title.replace('(', "\\(").replace(')', "\\)"));
    let found = xdotool(&["search", "--sync", "--onlyvisible", "--limit", "1", "--name", &pattern]);
    let window = found.lines().next().expect("the dialog's window").to_owned();
    // Type the path, then Enter; in an open dialog the location field's completion can take the first Enter, so
    // the next round is Enter alone; should the path have gone astray (the focus still on its way), the round
    // after types it again. Each round waits up to 2 s for the dialog to go.
    let deadline = Instant::now() + PATIENCE;
    for round in 0.. {
        focus(&window, deadline);
        if round % 2 == 0 {
            xdotool(&["key", "--clearmodifiers", if save { "ctrl+a" } else { "ctrl+l" }]);
            xdotool(&["type", "--delay", "5", &path.display().to_string()]);
        }
        xdotool(&["key", "Return"]);
        let gone = || !dialog_open(&window);
        let until = Instant::now() + Duration::from_secs(2);
        while !gone() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(50));
        }
        if gone() {
            return;
        }
        assert!(Instant::now() < deadline, "the dialog {title:?} never took {}", path.display());
    }
}

/// Gives X window `id` the keyboard focus. Focusing a window that is not viewable yet is an X error (BadMatch):
/// tried again every 50 ms until `deadline`.
fn focus(id: &str, deadline: Instant) {
    loop {
        let out = Command::new("xdotool").args(["windowfocus", "--sync", id]).output().expect("xdotool runs");
        if out.status.success() {
            return;
        }
        assert!(Instant::now() < deadline, "xdotool windowfocus {id}: {}", String::from_utf8_lossy(&out.stderr));
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether X window `id` still exists and is shown.
fn dialog_open(id: &str) -> bool {
    Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "."])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == id))
}
