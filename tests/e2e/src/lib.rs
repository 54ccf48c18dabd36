//! Drives the real Counterpay window through WebDriver: `tauri-driver` (from crates.io)
//! in front of Debian's WebKitWebDriver, under Xvfb (the Makefile runs `xvfb-run`).
//! Each [`App`] gets its own data directory and ports, so tests never share state.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tempfile::TempDir;

/// A running app under WebDriver.
pub struct App {
    /// The WebDriver session.
    pub client: Client,
    /// The app's data directory, when the app made its own.
    pub data_dir: Option<TempDir>,
    driver: Child,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The app binary: `COUNTERPAY_APP_BINARY`, or the workspace's debug build.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("COUNTERPAY_APP_BINARY") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("debug/counterpay")
}

/// Where screenshots go: `COUNTERPAY_SCREENSHOTS` or `target/e2e-screenshots`.
pub fn screenshot_dir() -> PathBuf {
    let dir = std::env::var_os("COUNTERPAY_SCREENSHOTS").map(PathBuf::from).unwrap_or_else(|| {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
            .join("e2e-screenshots")
    });
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl App {
    /// Start tauri-driver and open a session on a fresh data directory.
    pub async fn launch() -> App {
        let data_dir = tempfile::tempdir().unwrap();
        let mut app = App::launch_with(data_dir.path(), &[]).await;
        app.data_dir = Some(data_dir);
        app
    }

    /// Start tauri-driver and open a session on the data directory `dir` (kept after).
    pub async fn launch_in(dir: &std::path::Path) -> App {
        App::launch_with(dir, &[]).await
    }

    /// Start on the data directory `dir` (kept after) with extra environment for the app.
    pub async fn launch_in_with_env(dir: &std::path::Path, env: &[(&str, &str)]) -> App {
        App::launch_with(dir, env).await
    }

    /// Start on a fresh data directory with extra environment for the app.
    pub async fn launch_with_env(env: &[(&str, &str)]) -> App {
        let data_dir = tempfile::tempdir().unwrap();
        let mut app = App::launch_with(data_dir.path(), env).await;
        app.data_dir = Some(data_dir);
        app
    }

    async fn launch_with(dir: &std::path::Path, env: &[(&str, &str)]) -> App {
        // Two TLS back-ends are linked (fantoccini's and the demo store's HTTP client); pick one for the process.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let binary = app_binary();
        assert!(binary.exists(), "build the app first (make build): {} is missing", binary.display());
        let port = free_port();
        let native = free_port();
        let driver = Command::new("tauri-driver")
            .process_group(0) // so the driver, WebKitWebDriver and the app stop together
            .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
            .env("COUNTERPAY_DATA_DIR", dir)
            // The webview's own storage (the window's language, the display screen) is per
            // test too, not the user's.
            .env("XDG_DATA_HOME", dir.join("webview-data"))
            .env("XDG_CACHE_HOME", dir.join("webview-cache"))
            .env("COUNTERPAY_LISTEN", "127.0.0.1:0")
            .env_remove("COUNTERPAY_ADMIN_API_URL")
            .env_remove("COUNTERPAY_PUBLIC_URL")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver must be installed (make deps-e2e)");
        let caps = json!({ "tauri:options": { "application": binary }, "browserName": "wry" });
        let caps = caps.as_object().unwrap().clone();
        let mut last = None;
        for _ in 0..100 {
            match ClientBuilder::rustls().expect("tls").capabilities(caps.clone()).connect(&format!("http://127.0.0.1:{port}")).await {
                Ok(client) => return App { client, data_dir: None, driver },
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("could not start a WebDriver session: {last:?}");
    }

    /// The element with `data-testid`, waiting up to 20 s for it to appear.
    pub async fn find(&self, test_id: &str) -> Element {
        self.wait_css(&format!("[data-testid=\"{test_id}\"]")).await
    }

    /// The first element matching `css`, waiting up to 20 s for it to appear.
    pub async fn wait_css(&self, css: &str) -> Element {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut last = None;
        while std::time::Instant::now() < deadline {
            match self.client.find(Locator::Css(css)).await {
                Ok(el) => return el,
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} did not appear: {last:?}")
    }

    /// The text of a `data-testid` element. The window patches elements in place, so the
    /// element found is the one read: no looking again for a replaced node.
    pub async fn text(&self, test_id: &str) -> String {
        self.find(test_id).await.text().await.unwrap_or_else(|e| panic!("cannot read {test_id}: {e}"))
    }

    /// Click a `data-testid` element (once it has appeared).
    pub async fn click(&self, test_id: &str) {
        self.find(test_id).await.click().await.unwrap_or_else(|e| panic!("cannot click {test_id}: {e}"));
    }

    /// Wait until the `data-testid` element's text satisfies `ok`.
    pub async fn wait_text(&self, test_id: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..100 {
            if let Ok(el) = self.client.find(Locator::Css(&format!("[data-testid=\"{test_id}\"]"))).await {
                last = el.text().await.unwrap_or_default();
                if ok(&last) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("{test_id} never showed the expected text; last seen {last:?}");
    }

    /// The text content of a `data-testid` element (also when it is collapsed, as in a
    /// closed `<details>`), once it satisfies `ok`.
    pub async fn wait_text_or_prop(&self, test_id: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..100 {
            if let Ok(el) = self.client.find(Locator::Css(&format!("[data-testid=\"{test_id}\"]"))).await {
                last = el.prop("textContent").await.ok().flatten().unwrap_or_default();
                if ok(&last) {
                    return last;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("{test_id} never held the expected text; last seen {last:?}");
    }

    /// Save a screenshot as `name.png` in [`screenshot_dir`].
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        // WebKit's snapshot can lag the DOM by a frame; the caller has already waited for
        // the state it wants, so give the compositor a moment to paint it.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let path = screenshot_dir().join(format!("{name}.png"));
        // The X server's own pixels of the window, not WebKit's WebDriver snapshot: that one
        // can hang for good on some screens painted on the CPU (and the session with it).
        let (x, y, w, h) = self.client.get_window_rect().await.expect("the window's place");
        let status = std::process::Command::new("import")
            .args(["-window", "root", "-crop", &format!("{w}x{h}+{x}+{y}"), "+repage"])
            .arg(&path)
            .status()
            .expect("ImageMagick's import (make deps-e2e)");
        assert!(status.success(), "import -window root {}", path.display());
        path
    }

    /// What a phone's camera reads from the QR codes the window shows now: a screenshot of
    /// the window's pixels on the X screen (saved as `name.png`), searched for QR codes.
    pub async fn qr_codes_on_screen(&self, name: &str) -> Vec<String> {
        qr_codes_in(&self.screenshot(name).await)
    }

    /// Run axe-core (the UI's own copy, from `ui/node_modules`) on what the window shows now
    /// and return its serious and critical violations, one line each: rule, impact, the
    /// first elements it names.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&axe).unwrap_or_else(|e| panic!("{}: {e} (npm ci in ui/)", axe.display()));
        let loaded = self.client.execute("return typeof window.axe === 'object';", vec![]).await.unwrap();
        if loaded != json!(true) {
            self.client.execute(&format!("{source}\n;window.axe = axe; return true;"), vec![]).await.expect("axe-core loads");
        }
        let found = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })
                     .then((r) => done(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
                       .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} [${n.html.slice(0, 120)}] ${n.failureSummary ?? ""}`).join("; ")}`)))
                     .catch((e) => done([`axe failed: ${e}`]));"#,
                vec![],
            )
            .await
            .expect("axe-core runs");
        serde_json::from_value(found).expect("a list of violations")
    }

    /// Fail with the list when the window shows a serious or critical violation.
    pub async fn assert_accessible(&self, what: &str) {
        let found = self.accessibility_violations().await;
        assert!(found.is_empty(), "{what}: {} accessibility violation(s):\n{}", found.len(), found.join("\n"));
    }

    /// End the session, then the driver (dropping the app does the latter too).
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // Stop the whole process group: tauri-driver, WebKitWebDriver and the app, also
        // when a test panics half-way.
        let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", self.driver.id())]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// What the customer's phone does after scanning: pay (or decline) on the hosted page and
/// come back to the counter's return URL. Returns the page the phone shows.
pub async fn customer_pays(payment_url: &str, pay: bool) -> String {
    let (_, page) = counterpay_sandbox::customer::checkout(payment_url, pay).await.expect("the customer's phone gets through");
    page
}

/// A private D-Bus session with an unlocked GNOME keyring in a scratch home, as a desktop
/// has one: the app keeps the store's token there (`DBUS_SESSION_BUS_ADDRESS`). Stopped
/// when dropped.
pub struct Keyring {
    bus: std::process::Child,
    /// The session bus address to start the app with.
    pub address: String,
    _home: tempfile::TempDir,
}

impl Keyring {
    /// Start the bus and the keyring (`make deps-e2e` installs `gnome-keyring`).
    pub fn start() -> Keyring {
        use std::io::{BufRead, Write};
        let home = tempfile::tempdir().unwrap();
        let mut bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon is installed");
        let mut line = String::new();
        std::io::BufReader::new(bus.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let address = line.trim().to_string();
        assert!(!address.is_empty(), "dbus-daemon printed its address");
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets", "--daemonize"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_RUNTIME_DIR", home.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon is installed (make deps-e2e)");
        keyring.stdin.take().unwrap().write_all(b"e2e-keyring").unwrap();
        assert!(keyring.wait().unwrap().success(), "the keyring started");
        Keyring { bus, address, _home: home }
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        // The keyring daemon leaves with its bus.
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}

/// A free loopback port (for an address the test must know before the app starts).
pub fn loopback_port() -> u16 {
    free_port()
}

/// A store of the app's own, as a shop's counter has one: the sandbox in the test's process
/// (so its orders and catalog are not counted as the app's memory), reached over loopback
/// with the token from the environment, and a private keyring for the webhook secret.
pub struct OwnStore {
    /// The store.
    pub store: counterpay_sandbox::Sandbox,
    /// The environment the app runs with: the store, its token and rate limit, the
    /// keyring, and a return endpoint on a known loopback port.
    pub env: Vec<(&'static str, String)>,
    _keyring: Keyring,
}

impl OwnStore {
    /// Its token.
    pub const TOKEN: &'static str = "own-store-token";

    /// Start the store with `config` (its token is replaced with [`OwnStore::TOKEN`]),
    /// allowing `rate` requests a second.
    pub async fn start(config: counterpay_sandbox::Config, rate: u32) -> OwnStore {
        let keyring = Keyring::start();
        let config = counterpay_sandbox::Config { token: OwnStore::TOKEN.into(), rate_limit: Some(rate), keep_log: false, ..config };
        let store = counterpay_sandbox::Sandbox::start_with(([127, 0, 0, 1], 0).into(), config).await.expect("the store starts");
        let listen = format!("127.0.0.1:{}", free_port());
        let env = vec![
            ("DBUS_SESSION_BUS_ADDRESS", keyring.address.clone()),
            ("COUNTERPAY_ADMIN_API_URL", store.api_url()),
            ("COUNTERPAY_API_TOKEN", OwnStore::TOKEN.to_string()),
            ("COUNTERPAY_API_RATE_LIMIT", rate.to_string()),
            ("COUNTERPAY_PUBLIC_URL", format!("http://{listen}")),
            ("COUNTERPAY_LISTEN", listen),
        ];
        OwnStore { store, env, _keyring: keyring }
    }

    /// Start the app on `dir` connected to this store, `extra` added to its environment: the
    /// first start walks the guide's steps through the window's own commands (the "Shop"
    /// location, the return address, no test sale), and the app is started again, as on a
    /// shop's next day.
    pub async fn launch(&self, dir: &std::path::Path, extra: &[(&str, &str)]) -> App {
        let mut env: Vec<(&str, &str)> = self.env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        env.extend_from_slice(extra);
        let public = self.env.iter().find(|(k, _)| *k == "COUNTERPAY_PUBLIC_URL").map(|(_, v)| v.clone()).unwrap_or_default();
        let app = App::launch_in_with_env(dir, &env).await;
        let next = app
            .client
            .execute_async(
                r#"const [publicUrl, done] = arguments;
                   (async () => {
                     const invoke = window.__TAURI_INTERNALS__.invoke;
                     const shop = (await invoke("locations_list")).find((l) => l.name === "Shop");
                     await invoke("setup_location", { id: shop.id });
                     await invoke("setup_address", { publicUrl, tunnel: null });
                     return (await invoke("setup_finish", { skipTest: true })).next;
                   })().then(done, (e) => done("failed: " + JSON.stringify(e)));"#,
                vec![json!(public)],
            )
            .await
            .expect("the guide's steps ran");
        assert!(!next.to_string().contains("failed"), "the guide's steps: {next}");
        app.quit().await;
        App::launch_in_with_env(dir, &env).await
    }
}

/// The QR codes a decoder finds in the PNG at `path`, each as the text it holds.
pub fn qr_codes_in(path: &std::path::Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    let (w, h, row) = (frame.width as usize, frame.height as usize, frame.line_size);
    let channels = frame.color_type.samples();
    // Grey from the colour channels (alpha, where there is one, is left out).
    let colours = if channels.is_multiple_of(2) { channels - 1 } else { channels };
    let grey = |x: usize, y: usize| {
        let at = y * row + x * channels;
        (buf[at..at + colours].iter().map(|&c| u32::from(c)).sum::<u32>() / colours as u32) as u8
    };
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, grey);
    image.detect_grids().iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect()
}
