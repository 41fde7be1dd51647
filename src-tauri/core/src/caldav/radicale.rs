//! A real CalDAV server for tests: Debian's Radicale (`/usr/bin/radicale`) on 127.0.0.1, a free port, its
//! storage in a temporary folder, one user with a password (htpasswd, plain), each user owning only their own
//! calendars. Built for this crate's tests and, behind the `test-server` feature, for the app's end-to-end tests.
//!
//! `stop` and `restart` keep the port and the storage, so a test can take the server away, make changes that
//! must wait, and bring it back. Dropping it kills the server. A missing Radicale is a failure, not a skip.

use std::fs;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::Account;

const RADICALE: &str = "/usr/bin/radicale";
/// How long Radicale may take to listen (it imports its Python modules first).
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running Radicale (or a stopped one that `restart` brings back).
pub struct Radicale {
    /// `http://127.0.0.1:PORT/` (`https://` for `start_tls`).
    pub url: String,
    pub user: String,
    pub password: String,
    port: u16,
    dir: tempfile::TempDir,
    config: PathBuf,
    child: Option<Child>,
}

impl Radicale {
    /// Starts a server over plain HTTP (allowed: loopback) and waits until it takes connections.
    pub fn start() -> Radicale {
        Radicale::launch(false)
    }

    /// Starts a server over HTTPS with a self-signed certificate (made by `openssl req -x509`) for 127.0.0.1
    /// and localhost: a certificate no client should trust.
    pub fn start_tls() -> Radicale {
        Radicale::launch(true)
    }

    /// The account a client would be given: this server's address, user and password.
    pub fn account(&self) -> Account {
        Account { url: self.url.clone(), user: self.user.clone(), password: self.password.clone() }
    }

    /// The folder of Radicale's collections (`collection-root/USER/...`), to look at what it stored.
    pub fn storage(&self) -> PathBuf {
        self.dir.path().join("collections")
    }

    /// Kills the server; the port stays reserved for `restart` (nothing else of ours takes it).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port, with the same storage and account.
    pub fn restart(&mut self) {
        self.stop();
        self.child = Some(spawn(&self.config, self.dir.path(), self.port));
        self.wait_until_listening();
    }

    fn launch(tls: bool) -> Radicale {
        assert!(
            Path::new(RADICALE).exists(),
            "{RADICALE} is missing: the CalDAV tests need a real Radicale (apt-get install radicale python3-caldav)"
        );
        let dir = tempfile::tempdir().expect("a temporary folder for Radicale");
        let user = "rebound".to_string();
        let password = "correct-horse-battery-7".to_string();
        let users = dir.path().join("users");
        fs::write(&users, format!("{user}:{password}\n")).expect("the htpasswd file");
        let port = free_port();
        let mut server = format!("[server]\nhosts = 127.0.0.1:{port}\n");
        if tls {
            let (cert, key) = self_signed(dir.path());
            server.push_str(&format!("ssl = True\ncertificate = {}\nkey = {}\n", cert.display(), key.display()));
        }
        let config = dir.path().join("config");
        fs::write(
            &config,
            format!(
                "{server}\n[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\ndelay = 0\n\n\
                 [rights]\ntype = owner_only\n\n[storage]\nfilesystem_folder = {storage}\n\n[web]\ntype = none\n\n\
                 [logging]\nlevel = warning\nmask_passwords = True\n",
                users = users.display(),
                storage = dir.path().join("collections").display(),
            ),
        )
        .expect("the Radicale configuration");
        let scheme = if tls { "https" } else { "http" };
        let child = spawn(&config, dir.path(), port);
        let mut radicale = Radicale {
            url: format!("{scheme}://127.0.0.1:{port}/"),
            user,
            password,
            port,
            dir,
            config,
            child: Some(child),
        };
        radicale.wait_until_listening();
        radicale
    }

    /// Polls the port until the server accepts a connection; panics with Radicale's own words if it exits or
    /// takes longer than `START_TIMEOUT`.
    fn wait_until_listening(&mut self) {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            let child = self.child.as_mut().expect("a server was started");
            if let Ok(Some(status)) = child.try_wait() {
                panic!("Radicale exited ({status}) before listening on {addr}:\n{}", self.log());
            }
            if Instant::now() > deadline {
                panic!("Radicale did not listen on {addr} within {START_TIMEOUT:?}:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("radicale.log")).unwrap_or_default()
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        self.stop();
    }
}

fn spawn(config: &Path, dir: &Path, port: u16) -> Child {
    let log = fs::OpenOptions::new().create(true).append(true).open(dir.join("radicale.log")).expect("Radicale's log");
    Command::new(RADICALE)
        .arg("--config")
        .arg(config)
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("Radicale's log"))
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("starting {RADICALE} on port {port}: {e}"))
}

/// A port nothing listens on now: the system's pick for a socket closed at once.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// A self-signed certificate and its key, for 127.0.0.1 and localhost, valid a day.
fn self_signed(dir: &Path) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let status = Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        // A server's certificate, not an authority's: what a self-hosted server usually shows.
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openssl, to make a self-signed certificate");
    assert!(status.success(), "openssl req -x509 failed: {status}");
    (cert, key)
}
