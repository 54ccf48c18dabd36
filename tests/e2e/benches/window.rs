//! Speed as the person at the counter feels it (`make bench`; the release app under Xvfb,
//! driven through WebDriver): each figure runs from the input event (its `timeStamp` in the
//! page) to the animation frame after the window showed the result, measured by the page's
//! own clock with a probe this benchmark puts in the page. The shop is large: a catalog of
//! 100,000 variants in a store of its own (the sandbox, run in this process, so its copy of the
//! catalog is not counted as the app's memory) and a history of 100,000 sales.
//!
//! - a scan (keyboard wedge: the code's keys and Enter, delivered back to back in the page as
//!   a scanner delivers them; WebDriver's own typing waits for a frame after every key) from
//!   its first key until the new basket line is shown;
//! - a keystroke in search until the results for the new text are shown, the keys at least
//!   [`TYPIST_GAP`] apart as a fast typist's are (the window takes keys closer together than
//!   25 ms, three in a row, for a scanner's burst and searches once it is over);
//! - Charge until the QR code is shown, minus the store's own answer time;
//! - the customer's return POST until Paid is shown, minus the verification read;
//! - opening History, and a sale's detail from it;
//! - and the longest gap between frames while a catalog sync stages its pages, while History
//!   imports every counter's sales, and while a sign-in checks a PIN against 20 staff.
//!
//! The store's answer times come from the app's log (`store_time`, one line per request).
//! Writes its table into BENCHMARKS.md between the window markers.
//!
//! `COUNTERPAY_BENCH_TRACE=1` also prints where the time went: the round trips to the core at
//! rest, and for the slowest scans, keystrokes and charges each call to the core (when it
//! started after the input, how long its answer took to arrive, how long the page took to read
//! the answer), when the page changed and when it was laid out, and how many tiles the grid
//! held.

#[path = "../../../crates/core/benches/common/mod.rs"]
mod common;
#[path = "../../../crates/core/benches/common/history_seed.rs"]
#[allow(dead_code)]
mod history_seed;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::Row;

/// The least time between two keys of a word: a typist at 150 words a minute.
const TYPIST_GAP: Duration = Duration::from_millis(80);
use counterpay_e2e::App;
use fantoccini::Locator;
use serde_json::{json, Value};

/// Tries of each figure (`COUNTERPAY_BENCH_TRIES` changes it, for a quick look).
fn tries() -> usize {
    std::env::var("COUNTERPAY_BENCH_TRIES").ok().and_then(|n| n.parse().ok()).unwrap_or(200)
}
/// Variants in the shop's catalog (about; the demo store generates products of 1.9 variants);
/// `COUNTERPAY_BENCH_VARIANTS` changes it.
fn variants_wanted() -> usize {
    std::env::var("COUNTERPAY_BENCH_VARIANTS").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000)
}
/// Sales in the history; `COUNTERPAY_BENCH_HISTORY` changes it.
fn sales_wanted() -> usize {
    std::env::var("COUNTERPAY_BENCH_HISTORY").ok().and_then(|n| n.parse().ok()).unwrap_or(100_000)
}

/// The probe: `__lat.arm(name, css, text, on, key, t0)` waits for the next `on` event (with
/// `key`, for a keydown) or takes `t0` (a time on the page's clock), then for the first change
/// of the page after which `css` matches a shown element (holding `text`), and records the
/// time to the next animation frame under `name`.
const PROBE: &str = r#"
if (!window.__lat) {
  const lat = window.__lat = { samples: {}, detail: {}, calls: [], pending: null, trace: arguments[0] === true };
  // With COUNTERPAY_BENCH_TRACE only: each call to the core, its start and its answer.
  // Tauri's IPC is a fetch of ipc://localhost/<command> on this platform.
  const fetch = window.fetch.bind(window);
  if (lat.trace) window.fetch = (url, init) => {
    const u = String(url);
    if (!u.startsWith('ipc:')) return fetch(url, init);
    const c = { cmd: decodeURIComponent(u.split('/').pop()), s: performance.now(), e: null, j: null };
    lat.calls.push(c);
    if (lat.calls.length > 100) lat.calls.shift();
    const answer = fetch(url, init);
    answer.then((r) => {
      c.e = performance.now();
      // The body read and parsed: when the command's answer reaches the page's code.
      const json = r.json.bind(r);
      r.json = () => json().then((v) => { c.j = performance.now(); return v; });
    }, () => { c.e = performance.now(); });
    return answer;
  };
  lat.arm = (name, css, text, on, key, t0) => { lat.pending = { name, css, text, on, key, t0 }; };
  // A keyboard-wedge scanner: its keys and Enter, delivered back to back into the search box;
  // a key the page cancels is not typed, as in a browser, and a key it lets through is typed
  // as WebKit types a key: the editor inserts it at the caret (with its input event).
  lat.scan = (code, css) => {
    const el = document.querySelector('[data-testid="search"]');
    el.focus();
    lat.pending = { name: 'scan', css, text: null, on: null, key: null, t0: performance.now() };
    for (const ch of code) {
      const key = new KeyboardEvent('keydown', { key: ch, bubbles: true, cancelable: true });
      el.dispatchEvent(key);
      if (key.defaultPrevented) continue;
      document.execCommand('insertText', false, ch);
    }
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  };
  const begin = (e) => {
    const p = lat.pending;
    if (p && p.t0 === null && e.type === p.on && (!p.key || e.key === p.key)) { p.t0 = e.timeStamp; check(); }
  };
  document.addEventListener('keydown', begin, true);
  document.addEventListener('mousedown', begin, true);
  const check = () => {
    const p = lat.pending;
    if (!p || p.t0 === null) return;
    const seen = performance.now();
    const el = document.querySelector(p.css);
    if (!el || el.offsetParent === null || (p.text && !el.textContent.includes(p.text))) return;
    lat.pending = null;
    const dom = performance.now();
    const tiles = lat.trace ? document.querySelectorAll('#results .tile').length : 0;
    requestAnimationFrame(() => {
      const now = performance.now();
      (lat.samples[p.name] = lat.samples[p.name] || []).push(now - p.t0);
      if (!lat.trace) return;
      const calls = lat.calls.filter((c) => c.s >= p.t0 - 1).map((c) => [c.cmd, +(c.s - p.t0).toFixed(1), c.e === null ? null : +(c.e - c.s).toFixed(1), c.j === null ? null : +(c.j - c.e).toFixed(1)]);
      (lat.detail[p.name] = lat.detail[p.name] || []).push({ seen: +(seen - p.t0).toFixed(1), dom: +(dom - p.t0).toFixed(1), frame: +(now - dom).toFixed(1), calls, css: p.css, tiles });
    });
  };
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
}
return true;
"#;

/// Frame gaps: an animation-frame loop that keeps the longest gap between two frames while on.
const FRAMES: &str = r#"
if (!window.__gaps) {
  const g = window.__gaps = { on: false, last: null, start: 0, max: 0, at: 0, frames: 0, slow: 0 };
  const tick = (t) => {
    if (g.on) {
      if (g.last !== null) {
        const gap = t - g.last;
        if (gap > g.max) { g.max = gap; g.at = g.last - g.start; }
        if (gap > 50) g.slow++;
      } else g.start = t;
      g.last = t; g.frames++;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
Object.assign(window.__gaps, { on: true, last: null, max: 0, at: 0, frames: 0, slow: 0 });
return true;
"#;

/// What the frames did while some work ran in the window.
struct Gaps {
    /// The longest gap between two frames, and when it began after the first frame (ms).
    max: f64,
    at: f64,
    frames: u64,
    /// Gaps over 50 ms.
    slow: u64,
    /// Major page faults (a page read from disk) in the app's processes meanwhile: a long gap
    /// that comes with them waited for the disk, not for the app's work.
    major_faults: u64,
}

/// Major page faults so far in the app's processes.
fn major_faults() -> u64 {
    let Some(pid) = app_pid() else { return 0 };
    tree(pid)
        .iter()
        .filter_map(|p| {
            let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).ok()?;
            // Field 12 (majflt), the 10th after the command's closing parenthesis.
            stat.rsplit(')').next()?.split_whitespace().nth(9)?.parse::<u64>().ok()
        })
        .sum()
}

/// Watch the frames while `work` runs in the window.
async fn frames_during(app: &App, work: impl std::future::Future<Output = ()>) -> Gaps {
    let faults = major_faults();
    app.client.execute(FRAMES, vec![]).await.unwrap();
    work.await;
    let g = app.client.execute("const g = window.__gaps; g.on = false; return [g.max, g.at, g.frames, g.slow];", vec![]).await.unwrap();
    Gaps {
        max: g[0].as_f64().unwrap_or(f64::NAN),
        at: g[1].as_f64().unwrap_or(f64::NAN),
        frames: g[2].as_u64().unwrap_or(0),
        slow: g[3].as_u64().unwrap_or(0),
        major_faults: major_faults().saturating_sub(faults),
    }
}

fn gap_row(what: &str, g: Gaps) -> Row {
    let detail = format!(
        "{} frames; the longest {:.0} ms in; {} gaps over 50 ms; {} major page faults in the app's processes",
        g.frames, g.at, g.slow, g.major_faults
    );
    println!("{what}: longest frame gap {:.1} ms ({detail})", g.max);
    Row {
        figure: format!("Longest gap between frames while {what}"),
        target: "under 100 ms".into(),
        measured: format!("{:.1} ms ({detail})", g.max),
        pass: g.max < 100.0 && g.frames > 10,
    }
}

/// Wait until `css` matches, up to `within`.
async fn until_css(app: &App, css: &str, within: Duration) {
    let deadline = Instant::now() + within;
    while app.client.find(Locator::Css(css)).await.is_err() {
        assert!(Instant::now() < deadline, "{css} never appeared");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Wait until `css` no longer matches, up to `within`.
async fn until_gone(app: &App, css: &str, within: Duration) {
    let deadline = Instant::now() + within;
    while app.client.find(Locator::Css(css)).await.is_ok() {
        assert!(Instant::now() < deadline, "{css} never went away");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

struct Probe<'a> {
    app: &'a App,
}

impl Probe<'_> {
    async fn install(&self) {
        let trace = std::env::var_os("COUNTERPAY_BENCH_TRACE").is_some();
        self.app.client.execute(PROBE, vec![json!(trace)]).await.expect("the probe is installed");
    }

    /// Arm `name`: the next `on` event (or `t0` on the page's clock) starts it; `css` (with
    /// `text`) shown ends it.
    async fn arm(&self, name: &str, css: &str, text: Option<&str>, on: Option<&str>, key: Option<&str>, t0_epoch_ms: Option<f64>) {
        let script = "const [name, css, text, on, key, epoch] = arguments;
             window.__lat.arm(name, css, text, on, key, epoch === null ? null : epoch - performance.timeOrigin); return true;";
        self.app
            .client
            .execute(script, vec![json!(name), json!(css), json!(text), json!(on), json!(key), json!(t0_epoch_ms)])
            .await
            .unwrap();
    }

    fn count_script(name: &str) -> String {
        format!("return (window.__lat.samples[{}] || []).length;", json!(name))
    }

    /// Wait until `name` has `n` samples; panics after 20 s.
    async fn wait(&self, name: &str, n: usize) {
        self.wait_or(name, n, "").await
    }

    /// [`Probe::wait`], saying `context` (what was sent) if the sample never comes.
    async fn wait_or(&self, name: &str, n: usize, context: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.app.client.execute(&Probe::count_script(name), vec![]).await.unwrap().as_u64().unwrap_or(0) as usize;
            if got >= n {
                return;
            }
            if Instant::now() >= deadline {
                let shown = self
                    .app
                    .client
                    .execute("return document.querySelector('[data-testid=\"sale-state\"]')?.dataset.state || '';", vec![])
                    .await;
                panic!("{name}: sample {n} never came {context}; the sale's state in the window: {shown:?}");
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// With `COUNTERPAY_BENCH_TRACE`, print where the slowest tries of `name` spent their time:
    /// the core's calls (start after the input, time to answer), the change of the page, and
    /// the frame after it.
    async fn trace(&self, name: &str) {
        if std::env::var_os("COUNTERPAY_BENCH_TRACE").is_none() {
            return;
        }
        let script = format!("return [window.__lat.samples[{0}] || [], window.__lat.detail[{0}] || []];", json!(name));
        let v = self.app.client.execute(&script, vec![]).await.unwrap();
        let (samples, detail) = (v[0].as_array().cloned().unwrap_or_default(), v[1].as_array().cloned().unwrap_or_default());
        let mut tries: Vec<(f64, &Value)> = samples.iter().filter_map(Value::as_f64).zip(detail.iter()).collect();
        tries.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, d) in tries.iter().take(12) {
            println!(
                "  {name} {ms:.0} ms: changed at {} ms, laid out at {} ms, frame {} ms later; calls {}; {} tiles; {}",
                d["seen"], d["dom"], d["frame"], d["calls"], d["tiles"], d["css"]
            );
        }
    }

    async fn samples(&self, name: &str) -> Vec<f64> {
        let v = self.app.client.execute(&format!("return window.__lat.samples[{}] || [];", json!(name)), vec![]).await.unwrap();
        serde_json::from_value(v).unwrap_or_default()
    }
}

/// The app's log, every file in order.
fn log_lines(log_dir: &Path) -> Vec<String> {
    let mut lines = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(log_dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    files.sort();
    for f in files {
        lines.extend(std::fs::read_to_string(f).unwrap_or_default().lines().map(str::to_string).collect::<Vec<_>>());
    }
    lines
}

/// The store's answer times in the app's log since line `from`: (method, path, ms).
fn store_times(log_dir: &Path, from: usize) -> (Vec<(String, String, f64)>, usize) {
    let lines = log_lines(log_dir);
    let field = |line: &str, name: &str| -> Option<String> {
        let i = line.find(&format!(" {name}="))? + name.len() + 2;
        Some(line[i..].split_whitespace().next()?.trim_matches('"').to_string())
    };
    let found = lines
        .iter()
        .skip(from)
        .filter(|l| l.contains("store answered"))
        .filter_map(|l| Some((field(l, "method")?, field(l, "path")?, field(l, "ms")?.parse().ok()?)))
        .collect();
    (found, lines.len())
}

fn epoch_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0
}

struct Stats {
    p50: f64,
    p95: f64,
    max: f64,
    n: usize,
}

fn stats(mut v: Vec<f64>) -> Stats {
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    Stats { p50: at(0.5), p95: at(0.95), max: *v.last().unwrap(), n: v.len() }
}

fn row(figure: String, target: &str, s: &Stats, p95_under: f64, max_under: Option<f64>) -> Row {
    println!("{figure}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} tries)", s.p50, s.p95, s.max, s.n);
    Row {
        figure,
        target: target.into(),
        measured: format!("p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} tries)", s.p50, s.p95, s.max, s.n),
        pass: s.p95 < p95_under && max_under.is_none_or(|m| s.max < m),
    }
}

fn release_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("release/counterpay")
}

/// One shop: its catalog size, its history, the tries of each figure, and whether the frame
/// gaps of a sync and an import are watched too.
struct Shop {
    variants: usize,
    sales: usize,
    tries: usize,
    gaps: bool,
}

/// What the window felt like in one shop.
struct Felt {
    variants: usize,
    sales: usize,
    scan: Stats,
    keys: Stats,
    charge: Stats,
    paid: Stats,
    history: Stats,
    detail: Stats,
    /// PSS of the app and its WebKit processes after the run, MB.
    memory: f64,
    rows: Vec<Row>,
}

/// Every process started by `pid`, and `pid`.
fn tree(pid: u32) -> Vec<u32> {
    let mut all = vec![pid];
    let mut i = 0;
    while i < all.len() {
        let parent = all[i];
        for entry in std::fs::read_dir("/proc").unwrap().flatten() {
            let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
            let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
            let ppid = stat.rsplit(')').next().and_then(|rest| rest.split_whitespace().nth(1)).and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) && !all.contains(&child) {
                all.push(child);
            }
        }
        i += 1;
    }
    all
}

/// PSS of the running app and every process it started, MB.
/// The app's process, by its executable's name.
fn app_pid() -> Option<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|p| p.file_name() == Some(std::ffi::OsStr::new("counterpay"))))
}

fn pss_of_app() -> f64 {
    let pid = app_pid().expect("the app's process");
    let kb: u64 = tree(pid)
        .iter()
        .map(|p| {
            std::fs::read_to_string(format!("/proc/{p}/smaps_rollup"))
                .unwrap_or_default()
                .lines()
                .find_map(|l| l.strip_prefix("Pss:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum();
    kb as f64 / 1024.0
}

/// Start the app on a shop of this size and measure every figure.
async fn feel(shop: &Shop) -> Felt {
    let products = shop.variants * 10 / 19;
    let sales = shop.sales;
    let tries = shop.tries;
    let catalog = counterpay_sandbox::Catalog::generated(products);
    let variants = catalog.variants.len();
    // Scanned items: sellable variants of products sold outright (every 40th is a subscription).
    let scannable: Vec<(i64, String)> = catalog
        .variants
        .iter()
        .filter(|v| v.purchasable && ((v.product_id - 100_000) / 10) % 40 != 39)
        .step_by((variants / (tries * 2)).max(1))
        .map(|v| (v.id, v.sku.clone()))
        .collect();
    let words: Vec<String> = catalog
        .variants
        .iter()
        .step_by(997)
        .filter_map(|v| v.product_title.split_whitespace().next().map(|w| w.to_lowercase()))
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        .collect();

    // The history, written before the first start (the schema comes from the core).
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("counterpay.db");
    drop(counterpay_core::db::Db::open(&db).unwrap());
    let t = Instant::now();
    history_seed::seed(&db, sales);
    println!("seeded {sales} sales in {:.1?}", t.elapsed());
    let log_dir = dir.path().join("logs");

    // The shop's store runs in this process, as a real one runs elsewhere: its copy of the
    // catalog and the orders is not the app's memory.
    let config = counterpay_sandbox::Config { catalog, page_size: 100, ..counterpay_sandbox::Config::new("-") };
    let own = counterpay_e2e::OwnStore::start(config, 1000).await;
    let app = own.launch(dir.path(), &[("RUST_LOG", "info,store_time=debug")]).await;
    // The catalog synced: the count of items is shown.
    let t = Instant::now();
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let shown = match app.client.find(Locator::Css("[data-testid=\"search-count\"]")).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if shown.chars().filter(char::is_ascii_digit).collect::<String>() == variants.to_string() {
            break;
        }
        assert!(Instant::now() < deadline, "the catalog never finished syncing: {shown:?}");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    println!("catalog of {variants} variants synced by the app in {:.1?}", t.elapsed());
    let probe = Probe { app: &app };
    probe.install().await;
    let mut rows = Vec::new();
    let tries = shop.tries;

    if std::env::var_os("COUNTERPAY_BENCH_TRACE").is_some() {
        // Round trips to the core at rest, one after another, in the page's clock.
        let sku = &scannable[0].1;
        for (what, cmd, args) in [
            ("app_ready", "app_ready", json!({})),
            ("search \"\" 120", "catalog_search", json!({"query": "", "limit": 120})),
            ("search s 120", "catalog_search", json!({"query": "s", "limit": 120})),
            ("search sku 2", "catalog_search", json!({"query": sku, "limit": 2})),
        ] {
            let script = "const [cmd, args, done] = arguments; const t = [];
                 (async () => { for (let i = 0; i < 40; i++) { const s = performance.now();
                   const r = await window.__TAURI_INTERNALS__.invoke(cmd, args); t.push(performance.now() - s);
                   if (i === 0) t.size = JSON.stringify(r ?? null).length; } done([t, t.size]); })();";
            let v = app.client.execute_async(script, vec![json!(cmd), args]).await.unwrap();
            let times: Vec<f64> = serde_json::from_value(v[0].clone()).unwrap_or_default();
            let s = stats(times);
            println!("  at rest, {what}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; answer {} bytes", s.p50, s.p95, s.max, v[1]);
        }
    }

    // 1. Scans: the code and Enter, as a keyboard-wedge scanner types them.
    let search = app.find("search").await;
    for (i, (id, sku)) in scannable.iter().take(tries).enumerate() {
        if i > 0 && i % 50 == 0 {
            app.click("clear-basket").await;
        }
        let css = format!("[data-testid=\"basket-line-{id}\"]");
        app.client.execute("window.__lat.scan(arguments[0], arguments[1]); return true;", vec![json!(sku), json!(css)]).await.unwrap();
        probe.wait("scan", i + 1).await;
    }
    probe.trace("scan").await;
    let scan = stats(probe.samples("scan").await);
    rows.push(row(
        format!("A scan (keyboard wedge: the code and Enter) from its first key until the new basket line is shown, {variants} variants"),
        "p95 under 30 ms, max under 100 ms",
        &scan,
        30.0,
        Some(100.0),
    ));

    // 2. Keystrokes in search: a word letter by letter, each until its results are shown.
    app.click("clear-basket").await;
    search.clear().await.unwrap();
    let mut done = 0;
    let mut last_key = Instant::now();
    'words: for word in words.iter().cycle() {
        let mut typed = String::new();
        for ch in word.chars() {
            typed.push(ch);
            let css = format!("[data-testid=\"results\"][data-query=\"{typed}\"]");
            probe.arm("keystroke", &css, None, Some("keydown"), Some(&ch.to_string()), None).await;
            tokio::time::sleep(TYPIST_GAP.saturating_sub(last_key.elapsed())).await;
            last_key = Instant::now();
            search.send_keys(&ch.to_string()).await.unwrap();
            done += 1;
            probe.wait("keystroke", done).await;
            if done >= tries {
                break 'words;
            }
        }
        search.clear().await.unwrap();
    }
    search.clear().await.unwrap();
    probe.trace("keystroke").await;
    let keys = stats(probe.samples("keystroke").await);
    rows.push(row(
        format!("A keystroke in search until its results are shown (keys 80 ms apart or more), {variants} variants"),
        "p95 under 30 ms, max under 100 ms",
        &keys,
        30.0,
        Some(100.0),
    ));

    // 3 and 4. Charge until the QR code, and the customer's return until Paid, each minus
    // the store's part (the create call; the verification read).
    let mut charge = Vec::new();
    let mut paid = Vec::new();
    let (_, mut seen) = store_times(&log_dir, 0);
    for (i, (id, sku)) in scannable.iter().cycle().take(tries).enumerate() {
        search.send_keys(&format!("{sku}\u{E007}")).await.unwrap();
        app.wait_css(&format!("[data-testid=\"basket-line-{id}\"]")).await;
        probe.arm("charge", "[data-testid=\"qr\"]", None, Some("mousedown"), None, None).await;
        app.click("charge").await;
        probe.wait("charge", i + 1).await;
        let (times, now) = store_times(&log_dir, seen);
        seen = now;
        let create: f64 = times.iter().filter(|(m, p, _)| m == "POST" && p.trim_end_matches('/') == "orders").map(|t| t.2).sum();
        charge.push(*probe.samples("charge").await.last().unwrap() - create);

        let url = app.text("payment-link").await;
        let (action, response) = counterpay_sandbox::customer::press(&url, true).await.expect("the customer pays");
        let number =
            serde_json::from_str::<Value>(&response).ok().and_then(|o| o["number"].as_str().map(str::to_string)).unwrap_or_default();
        // The probe counts from `armed`; arming is a WebDriver round trip (at times 40 ms and
        // more), so the time from `armed` to the post is taken off each sample below.
        let armed = epoch_ms();
        probe.arm("paid", "[data-testid=\"sale-state\"][data-state=\"paid\"]", None, None, None, Some(armed)).await;
        let posted = epoch_ms();
        let (status, answer) = counterpay_sandbox::customer::post_back(&action, &response).await.expect("the return is answered");
        let answered = epoch_ms();
        let context = format!("(order {number}: the return was answered {status}: {answer:.300})");
        probe.wait_or("paid", i + 1, &context).await;
        tokio::time::sleep(Duration::from_millis(50)).await; // let the log catch up
        let before = seen;
        let (times, now) = store_times(&log_dir, seen);
        seen = now;
        let read = times.iter().find(|(m, p, _)| m == "GET" && p.contains(&number)).map(|t| t.2).unwrap_or(0.0);
        let total = *probe.samples("paid").await.last().unwrap() - (posted - armed);
        let felt = total - read;
        if std::env::var_os("COUNTERPAY_BENCH_TRACE").is_some() {
            let clock = |ms: f64| {
                let s = (ms / 1000.0) % 86400.0;
                format!("{:02}:{:02}:{:09.6}", (s / 3600.0) as u32, ((s % 3600.0) / 60.0) as u32, s % 60.0)
            };
            println!(
                "return {i}: {felt:.1} ms beyond the read; armed in {:.1} ms, posted {}, answered {}, painted {}; the store meanwhile: {times:?}",
                posted - armed,
                clock(posted),
                clock(answered),
                clock(posted + total)
            );
            for line in log_lines(&log_dir).iter().skip(before) {
                println!("    {line}");
            }
        }
        paid.push(felt);
        app.click("new-sale").await;
        app.wait_css("[data-testid=\"basket-total\"]").await;
    }
    probe.trace("charge").await;
    let (charge, paid) = (stats(charge), stats(paid));
    rows.push(row(
        "Charge until the QR code is shown, minus the store's answer to the create call".into(),
        "p95 under 50 ms",
        &charge,
        50.0,
        None,
    ));
    rows.push(row(
        "The customer's return POST until Paid is shown, minus the verification read".into(),
        "p95 under 50 ms",
        &paid,
        50.0,
        None,
    ));

    // 5. History and a sale's detail.
    for i in 0..tries {
        probe.arm("history", "[data-testid^=\"history-row-\"]", None, Some("mousedown"), None, None).await;
        app.click("tab-history").await;
        probe.wait("history", i + 1).await;
        let order = app.text("history-order").await;
        probe.arm("detail", "[data-testid=\"sale-detail\"]", Some(&order), Some("mousedown"), None, None).await;
        app.click("history-order").await;
        probe.wait("detail", i + 1).await;
        app.click("tab-counter").await;
        app.find("search").await;
    }
    let total = sales + tries;
    let (history, detail) = (stats(probe.samples("history").await), stats(probe.samples("detail").await));
    rows.push(row(format!("Opening History (the newest of {total} sales)"), "p95 under 100 ms", &history, 100.0, None));
    rows.push(row(format!("Opening a sale's detail from History ({total} sales)"), "p95 under 100 ms", &detail, 100.0, None));

    // 6. The window keeps painting while the catalog sync stages its pages and while
    // History imports every counter's sales.
    if shop.gaps {
        let sync = frames_during(&app, async {
            app.click("sync").await;
            until_css(&app, "[data-testid=\"sync-progress\"]", Duration::from_secs(10)).await;
            until_gone(&app, "[data-testid=\"sync-progress\"]", Duration::from_secs(600)).await;
        })
        .await;
        rows.push(gap_row(&format!("a catalog sync of {variants} variants stages its pages"), sync));
        app.click("tab-history").await;
        app.find("history-import").await;
        let import = frames_during(&app, async {
            app.click("history-import").await;
            // (The click's handler shows "Importing…" at once; wait for it to end.)
            app.wait_text("history-import", |t| !t.starts_with("Importing")).await;
        })
        .await;
        rows.push(gap_row("History imports the store's sales of every counter", import));
    }
    let memory = pss_of_app();
    app.quit().await;
    Felt { variants, sales, scan, keys, charge, paid, history, detail, memory, rows }
}

/// Frame gaps while a sign-in checks a PIN against 20 staff (a shop of its own).
async fn sign_in_gaps() -> Row {
    let env = [("RUST_LOG", "info")];
    // 7. The window keeps painting while a sign-in checks a PIN against 20 staff.
    let staffed = tempfile::tempdir().unwrap();
    {
        let counter = counterpay_core::Counter::open(counterpay_core::Options::new(staffed.path(), None)).unwrap();
        for i in 0..20 {
            let role = if i == 0 { counterpay_core::db::staff::Role::Manager } else { counterpay_core::db::staff::Role::Cashier };
            let change = counterpay_core::staff::StaffChange {
                name: format!("Staff {i:02}"),
                role,
                pin: Some(format!("{:06}", 100_000 + i * 7919)),
                active: true,
            };
            counter.add_staff(change).unwrap();
        }
    }
    let app = App::launch_in_with_env(staffed.path(), &env).await;
    app.find("pin-dots").await;
    let last = format!("{:06}", 100_000 + 19 * 7919);
    let sign_in = frames_during(&app, async {
        for d in last.chars() {
            app.click(&format!("pin-{d}")).await;
        }
        app.click("pin-enter").await;
        app.wait_text("signed-in", |t| t.contains("Staff 19")).await;
    })
    .await;
    app.quit().await;
    gap_row("a sign-in checks the PIN against 20 staff", sign_in)
}

fn growth_row(what: &str, f: &Felt) -> Row {
    let cell = |s: &Stats| format!("{:.1} / {:.1}", s.p50, s.p95);
    Row {
        figure: what.to_string(),
        target: "reported (p50 / p95 ms)".into(),
        measured: format!(
            "scan {}, keystroke {}, charge {}, return {}, History {}, detail {}; memory of the app's processes {:.0} MB",
            cell(&f.scan),
            cell(&f.keys),
            cell(&f.charge),
            cell(&f.paid),
            cell(&f.history),
            cell(&f.detail),
            f.memory
        ),
        pass: true,
    }
}

fn main() {
    let binary = std::env::var_os("COUNTERPAY_APP_BINARY").map(PathBuf::from).unwrap_or_else(release_binary);
    assert!(binary.exists(), "{} is missing: make bench builds it", binary.display());
    std::env::set_var("COUNTERPAY_APP_BINARY", &binary);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let tries = tries();
    let big = rt.block_on(feel(&Shop { variants: variants_wanted(), sales: sales_wanted(), tries, gaps: true }));
    let mut rows = big.rows;
    rows.push(rt.block_on(sign_in_gaps()));
    common::write_section("window", "Speed as felt in the window", &rows);

    // Growth: each figure and the memory as the catalog grows (1,000 sales) and as the
    // history grows (1,000 variants), with fewer tries (`COUNTERPAY_BENCH_GROWTH=0` skips it).
    if std::env::var("COUNTERPAY_BENCH_GROWTH").is_ok_and(|v| v == "0") {
        return;
    }
    let few = (tries / 4).max(3);
    let mut growth = Vec::new();
    for variants in [1_000, 10_000, 100_000] {
        let f = rt.block_on(feel(&Shop { variants, sales: 1_000, tries: few, gaps: false }));
        growth.push(growth_row(&format!("{} variants, {} sales ({few} tries each)", f.variants, f.sales), &f));
    }
    for sales in [100_000, 1_000_000] {
        let f = rt.block_on(feel(&Shop { variants: 1_000, sales, tries: few, gaps: false }));
        growth.push(growth_row(&format!("{} variants, {} sales ({few} tries each)", f.variants, f.sales), &f));
    }
    common::write_section(
        "window-growth",
        "Growth with the work (the window's figures and the app's memory, its store in another process; the first row is also 1,000 sales)",
        &growth,
    );
}
