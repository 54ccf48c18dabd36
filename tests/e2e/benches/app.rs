//! The app itself (`make bench`, release build, under Xvfb):
//! - start-up: from starting the process to the counter's products painted (the window tells
//!   the shell once, in the task after the frame that draws them, and the shell logs "counter
//!   interactive"), on a fresh data folder (first launch: database created, catalog synced)
//!   and again on the same folder;
//! - memory: the proportional set size (PSS) of the app and every process it started (the
//!   WebKit web and network processes), idle after start, after a first 100 sales and after
//!   1,000 more (growth is measured over those: the first sales of a day page in code and
//!   fill caches once), every sale charged through the app's own command from its window
//!   and paid on the store's payment page by the customer stand-in, the memory read after
//!   every 100 (after the first 100 and after the last, the median of five readings a
//!   second apart). For the sales the app is connected to a store of its own (the
//!   sandbox, run in this process), as a shop's counter is: the embedded demo store would
//!   count its own copy of every order as the app's.
//!
//! Beside each, the floor measured by the same code in the same run: a bare Tauri 2 window
//! (`tests/bare-window`: the same WebKitGTK, an empty page, painted on the CPU), its start to
//! first paint (told the same way: the task after its first frame) and its memory;
//! Counterpay's figures are given beyond it.
//!
//! Writes its table into BENCHMARKS.md between the app markers.

#[path = "../../../crates/core/benches/common/mod.rs"]
mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Row;

/// Sales before growth is measured: what the first sales of a day reach once.
const WARM_UP: usize = 100;
/// Sales charged from the page in one go; the memory is read after each batch.
const BATCH: usize = 100;
/// Starts of each kind (first launch, relaunch, the floor) for the start-up medians.
const START_RUNS: usize = 9;
/// Readings, a second apart, whose median is the memory before and after the growth: one
/// reading fell before or after the web process's garbage collection by chance (2-4 MB).
const READINGS: usize = 5;

/// Sales in the memory run after the warm-up (`COUNTERPAY_BENCH_SALES` changes it, for
/// looking into memory by hand).
fn sales() -> usize {
    std::env::var("COUNTERPAY_BENCH_SALES").ok().and_then(|n| n.parse().ok()).unwrap_or(1000)
}

/// Where a process's memory is: PSS by mapping (file name, `[heap]`, `[anon]`, ...), largest first.
fn breakdown(pid: u32) -> String {
    let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
    let mut by: std::collections::BTreeMap<String, u64> = Default::default();
    let mut current = String::new();
    for line in smaps.lines() {
        let mut words = line.split_whitespace();
        let first = words.next().unwrap_or("");
        if first.contains('-') && !first.ends_with(':') {
            let name = words.nth(4).unwrap_or("[anon]");
            current = name.rsplit('/').next().unwrap_or(name).to_string();
        } else if first == "Pss:" {
            *by.entry(current.clone()).or_default() += words.next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        }
    }
    let mut all: Vec<_> = by.into_iter().collect();
    all.sort_by_key(|(_, kb)| std::cmp::Reverse(*kb));
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    let top: Vec<String> = all.iter().take(8).map(|(n, kb)| format!("{n} {:.1}", *kb as f64 / 1024.0)).collect();
    format!("{}: {}", comm.trim(), top.join(", "))
}

fn release_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("release/counterpay")
}

/// A private X server for the run.
fn xvfb() -> (Child, String) {
    for n in 70..99 {
        if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() || Path::new(&format!("/tmp/.X{n}-lock")).exists() {
            continue;
        }
        let mut child = Command::new("Xvfb")
            .args([format!(":{n}"), "-screen".into(), "0".into(), "1366x900x24".into(), "-nolisten".into(), "tcp".into()])
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is installed (make deps)");
        for _ in 0..50 {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return (child, format!(":{n}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    panic!("no free X display");
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
            // The parent is the second field after the command's closing parenthesis.
            let ppid = stat.rsplit(')').next().and_then(|rest| rest.split_whitespace().nth(1)).and_then(|p| p.parse::<u32>().ok());
            if ppid == Some(parent) && !all.contains(&child) {
                all.push(child);
            }
        }
        i += 1;
    }
    all
}

/// PSS of the processes, in MB, and each one's name with its own figure.
fn pss_mb(pids: &[u32]) -> (f64, Vec<String>) {
    let mut kb = 0u64;
    let mut names = Vec::new();
    for pid in pids {
        let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let own = rollup
            .lines()
            .find_map(|l| l.strip_prefix("Pss:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0);
        kb += own;
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default().trim().to_string();
        names.push(format!("{name} {} MB", own / 1024));
    }
    (kb as f64 / 1024.0, names)
}

/// PSS of the system's libraries mapped by the processes (WebKitGTK, JavaScriptCore, GTK,
/// Mesa and its LLVM under Xvfb, ...), in MB: every file under `/usr` or `/lib` except the
/// processes' own executables. What is left is the app's own: its binary, heaps and buffers.
fn libraries_mb(pids: &[u32]) -> f64 {
    let mut kb = 0u64;
    for pid in pids {
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
        let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
        let mut library = false;
        for line in smaps.lines() {
            let mut words = line.split_whitespace();
            let first = words.next().unwrap_or("");
            if first.contains('-') && !first.ends_with(':') {
                let path = words.nth(4).unwrap_or("");
                library = (path.starts_with("/usr/") || path.starts_with("/lib")) && Path::new(path) != exe;
            } else if first == "Pss:" && library {
                kb += words.next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
            }
        }
    }
    kb as f64 / 1024.0
}

/// The memory of the app's processes as the median of [`READINGS`] readings a second apart.
async fn settled_mb(app_pid: &impl Fn() -> u32) -> f64 {
    let mut readings = Vec::new();
    for i in 0..READINGS {
        if i > 0 {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        readings.push(pss_mb(&tree(app_pid())).0);
    }
    readings.sort_by(f64::total_cmp);
    println!("readings: {readings:.1?}");
    readings[READINGS / 2]
}

/// Start the app on `data`, wait for "counter interactive"; returns the time and the child.
fn start(binary: &Path, display: &str, data: &Path) -> (Duration, Child) {
    start_with(binary, display, data, &[])
}

/// [`start`], with `env` added to the app's environment.
fn start_with(binary: &Path, display: &str, data: &Path, env: &[(&str, String)]) -> (Duration, Child) {
    let t = Instant::now();
    let mut child = Command::new(binary)
        .process_group(0)
        .env("DISPLAY", display)
        .env("COUNTERPAY_DATA_DIR", data)
        .env("COUNTERPAY_LISTEN", "127.0.0.1:0")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the release app is built (make bench builds it)");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("counter interactive") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(60)).expect("the counter became interactive");
    (t.elapsed(), child)
}

/// The floor: the bare Tauri window (`tests/bare-window`) beside the app's binary.
fn bare_binary(app: &Path) -> PathBuf {
    app.with_file_name("counterpay-bare-window")
}

/// Start the bare window, wait for its first painted frame; returns the time and the child.
fn start_bare(binary: &Path, display: &str) -> (Duration, Child) {
    let t = Instant::now();
    let mut child = Command::new(binary)
        .process_group(0)
        .env("DISPLAY", display)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the bare window is built (make bench builds it)");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("bare window painted") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(60)).expect("the bare window painted");
    (t.elapsed(), child)
}

fn stop(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", child.id())]).status();
    std::thread::sleep(Duration::from_millis(500));
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
    let _ = child.wait();
}

fn main() {
    let binary = std::env::var_os("COUNTERPAY_APP_BINARY").map(PathBuf::from).unwrap_or_else(release_binary);
    assert!(binary.exists(), "{} is missing: make bench builds it", binary.display());
    let (mut x, display) = xvfb();
    let mut rows = Vec::new();

    // Start-up: first launches and relaunches (START_RUNS of each), each relaunch followed by a
    // start of the floor (a bare Tauri window with an empty page): the machine's speed drifts
    // over a run, and a floor measured after all of the app's starts stood in another phase of
    // it. Nine of each: the medians of five moved by 20-40 ms between runs of the same build.
    let bare = bare_binary(&binary);
    assert!(bare.exists(), "{} is missing: make bench builds it", bare.display());
    let mut first = Vec::new();
    let mut again = Vec::new();
    let mut idle = Vec::new();
    let mut bare_start = Vec::new();
    let mut bare_idle = Vec::new();
    // `COUNTERPAY_BENCH_ONLY_SALES=1` skips the start-up runs (and writes no table), for
    // looking into memory by hand.
    let runs = if std::env::var_os("COUNTERPAY_BENCH_ONLY_SALES").is_some() { 0 } else { START_RUNS };
    for _ in 0..runs {
        let dir = tempfile::tempdir().unwrap();
        let (t, mut app) = start(&binary, &display, dir.path());
        first.push(t);
        stop(&mut app);
        let (t, mut app) = start(&binary, &display, dir.path());
        again.push(t);
        std::thread::sleep(Duration::from_secs(3));
        let pids = tree(app.id());
        let (mb, names) = pss_mb(&pids);
        idle.push((mb, names, libraries_mb(&pids)));
        for pid in tree(app.id()) {
            println!("idle {}", breakdown(pid));
        }
        stop(&mut app);

        // The floor, measured by the same code right after.
        let (t, mut w) = start_bare(&bare, &display);
        bare_start.push(t);
        std::thread::sleep(Duration::from_secs(3));
        bare_idle.push(pss_mb(&tree(w.id())).0);
        for pid in tree(w.id()) {
            println!("bare {}", breakdown(pid));
        }
        stop(&mut w);
    }
    bare_start.sort();
    bare_idle.sort_by(f64::total_cmp);
    first.sort();
    again.sort();
    let median = |v: &[Duration]| v.get(v.len() / 2).copied().unwrap_or_default();
    let worst = |v: &[Duration]| v.last().copied().unwrap_or_default();
    println!(
        "first launch: median {:?}, worst {:?}; relaunch: median {:?}, worst {:?}",
        median(&first),
        worst(&first),
        median(&again),
        worst(&again)
    );
    rows.push(Row {
        figure: format!("Start to an interactive counter, first launch (database created, catalog synced), {START_RUNS} runs"),
        target: "under 1.5 s".into(),
        measured: format!("median {}, worst {}", common::ms(median(&first)), common::ms(worst(&first))),
        pass: worst(&first) < Duration::from_millis(1500),
    });
    rows.push(Row {
        figure: format!("Start to an interactive counter, relaunch, {START_RUNS} runs"),
        target: "under 1.5 s".into(),
        measured: format!("median {}, worst {}", common::ms(median(&again)), common::ms(worst(&again))),
        pass: worst(&again) < Duration::from_millis(1500),
    });
    if runs > 0 {
        let floor = median(&bare_start);
        rows.push(Row {
            figure: format!("Floor: a bare Tauri 2 window (empty page, the same WebKitGTK, painted on the CPU), start to first paint, {START_RUNS} runs"),
            target: "floor".into(),
            measured: format!("median {}, worst {}", common::ms(floor), common::ms(worst(&bare_start))),
            pass: true,
        });
        let more = median(&again).saturating_sub(floor);
        rows.push(Row {
            figure: "Counterpay's start to an interactive counter (relaunch) beyond the bare window's first paint, medians".into(),
            target: "at most 200 ms more".into(),
            measured: format!("{} more ({} against {})", common::ms(more), common::ms(median(&again)), common::ms(floor)),
            pass: more <= Duration::from_millis(200),
        });
    }
    let bare_mb = bare_idle.last().copied().unwrap_or(0.0);
    let (idle_mb, names, idle_libs) =
        idle.iter().cloned().fold((0.0f64, Vec::new(), 0.0f64), |acc, (mb, n, l)| if mb > acc.0 { (mb, n, l) } else { acc });
    println!("idle: {idle_mb:.0} MB over {names:?}, system libraries {idle_libs:.0} MB");

    // 1,000 sales through the window's own command, paid on the store's payment page. The
    // store runs in this process, not in the app's: a shop's store keeps its orders on its
    // own servers, and the embedded demo store's copy of them is not the app's memory.
    std::env::set_var("DISPLAY", &display);
    std::env::set_var("COUNTERPAY_APP_BINARY", &binary);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let (shop_idle, session_idle, warm_mb, series, after_mb, after_names, after_libs, paid) = rt.block_on(async {
        let own = counterpay_e2e::OwnStore::start(counterpay_sandbox::Config::new("-"), 200).await;
        let dir = tempfile::tempdir().unwrap();
        let app = own.launch(dir.path(), &[]).await;
        app.find("product-140").await;
        app.quit().await;
        // Idle as at a shop: the app started on its own (no WebDriver session), connected to
        // its store and nothing else, five times on the same data.
        let mut shop_idle = Vec::new();
        for _ in 0..runs {
            let (_, mut child) = start_with(&binary, &display, dir.path(), &own.env);
            tokio::time::sleep(Duration::from_secs(3)).await;
            let pids = tree(child.id());
            let (mb, names) = pss_mb(&pids);
            shop_idle.push((mb, names, libraries_mb(&pids)));
            for pid in pids {
                println!("shop idle {}", breakdown(pid));
            }
            stop(&mut child);
        }
        let env: Vec<(&str, &str)> = own.env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let app = counterpay_e2e::App::launch_in_with_env(dir.path(), &env).await;
        app.find("product-140").await;
        let app_pid = || {
            std::fs::read_dir("/proc")
                .unwrap()
                .flatten()
                .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
                .find(|pid| {
                    std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|p| p.file_name() == Some(std::ffi::OsStr::new("counterpay")))
                })
                .expect("the app's process")
        };
        // The same process before the sales: growth is measured against it.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let session_idle = pss_mb(&tree(app_pid())).0;
        for pid in tree(app_pid()) {
            println!("before {}", breakdown(pid));
        }
        println!("before the sales: {session_idle:.0} MB");
        // The first sales reach what start-up did not: code paged in (the app's, and
        // JavaScriptCore's optimising compiler once the page's event code is hot), SQLite's
        // page cache filling towards its bound, statements prepared once. They are measured
        // on their own; growth is measured over the sales after them.
        let mut paid = 0;
        let mut series = Vec::new();
        let mut warm_mb = session_idle;
        for batch in 0..(WARM_UP + sales()).div_ceil(BATCH) {
            let urls = app
                .client
                .execute_async(
                    r#"const [n, done] = arguments;
                       (async () => {
                         const urls = [];
                         for (let i = 0; i < n; i++) {
                           const s = await window.__TAURI_INTERNALS__.invoke("sale_charge", { lines: [{ variant_id: 140, quantity: 1 }, { variant_id: 181, quantity: 2 }] });
                           urls.push(s.payment_complete_url);
                         }
                         return urls;
                       })().then(done, (e) => done("failed: " + JSON.stringify(e)));"#,
                    vec![serde_json::json!(BATCH)],
                )
                .await
                .unwrap();
            let urls: Vec<String> = serde_json::from_value(urls.clone()).unwrap_or_else(|_| panic!("charges: {urls}"));
            for url in urls {
                let page = counterpay_e2e::customer_pays(&url, true).await;
                if page.contains("Thank you") {
                    paid += 1;
                }
                // Each payment is two requests from loopback to the endpoint (the phone's
                // return and the demo store's webhook), which allows 20 a second per client.
                tokio::time::sleep(Duration::from_millis(110)).await;
            }
            // The same settling time after every batch as before and after the run.
            tokio::time::sleep(Duration::from_secs(3)).await;
            let pids = tree(app_pid());
            let mb = pss_mb(&pids).0;
            series.push(((batch + 1) * BATCH, mb));
            println!("after {} sales: {mb:.1} MB", (batch + 1) * BATCH);
            if (batch + 1) * BATCH == WARM_UP {
                for pid in &pids {
                    println!("warm {}", breakdown(*pid));
                }
                warm_mb = settled_mb(&app_pid).await;
                println!("after the warm-up: {warm_mb:.1} MB, median of {READINGS} readings");
            }
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
        let pid = app_pid();
        let mb = settled_mb(&app_pid).await;
        let names = pss_mb(&tree(pid)).1;
        println!("after the sales: {mb:.1} MB, median of {READINGS} readings");
        let libs = libraries_mb(&tree(pid));
        for pid in tree(pid) {
            println!("after {}", breakdown(pid));
        }
        app.quit().await;
        let orders = own.store.orders().len();
        assert!(orders >= paid, "the store has the sales: {orders} orders for {paid} paid");
        drop(dir);
        (shop_idle, session_idle, warm_mb, series, mb, names, libs, paid)
    });
    println!("after {paid} paid sales: {after_mb:.0} MB over {after_names:?}");
    rows.push(Row {
        figure: "Floor: memory (PSS) of the bare Tauri window and its WebKit processes, idle".into(),
        target: "floor".into(),
        measured: format!("{bare_mb:.0} MB, largest of {START_RUNS} runs"),
        pass: bare_mb > 0.0,
    });
    let largest =
        |v: &[(f64, Vec<String>, f64)]| v.iter().cloned().fold((0.0f64, Vec::new(), 0.0f64), |acc, r| if r.0 > acc.0 { r } else { acc });
    let (shop_mb, shop_names, shop_libs) = largest(&shop_idle);
    rows.push(Row {
        figure: "Memory (PSS) of the app and its WebKit processes, idle after start, connected to a store in another process (as at a shop), beyond the floor".into(),
        target: "at most 40 MB beyond the floor".into(),
        measured: format!(
            "{:.0} MB beyond ({shop_mb:.0} MB, largest of {} runs: {}; system libraries {shop_libs:.0} MB)",
            shop_mb - bare_mb,
            shop_idle.len(),
            shop_names.join(", ")
        ),
        pass: !shop_idle.is_empty() && shop_mb - bare_mb <= 40.0,
    });
    rows.push(Row {
        figure: "The same, on the embedded demo store (which keeps its catalog and orders in the app's process)".into(),
        target: "reported".into(),
        measured: format!(
            "{:.0} MB beyond ({idle_mb:.0} MB, largest of {START_RUNS} runs: {}; system libraries {idle_libs:.0} MB)",
            idle_mb - bare_mb,
            names.join(", ")
        ),
        pass: idle_mb > 0.0,
    });
    rows.push(Row {
        figure: format!(
            "Memory (PSS), the same processes, after the first {WARM_UP} sales charged from the window, the app connected to a store in another process (once a day: code, caches and compiled page code the first sales reach)"
        ),
        target: "reported".into(),
        measured: format!("{:+.0} MB ({session_idle:.0} MB idle before them, {warm_mb:.0} MB after)", warm_mb - session_idle),
        pass: warm_mb > 0.0,
    });
    rows.push(Row {
        figure: format!(
            "Growth over the next {} sales, the same process ({paid} of {} paid on the store's payment page)",
            sales(),
            WARM_UP + sales()
        ),
        target: format!("at most 5 MB more than after the first {WARM_UP}"),
        measured: format!(
            "{:+.1} MB ({warm_mb:.0} MB before, {after_mb:.0} MB after: {}; system libraries {after_libs:.0} MB); {:+.0} MB since idle before any sale",
            after_mb - warm_mb,
            after_names.join(", "),
            after_mb - session_idle
        ),
        pass: after_mb - warm_mb <= 5.0 && paid == WARM_UP + sales(),
    });
    rows.push(Row {
        figure: format!("Memory (PSS) after every {BATCH} sales, from {session_idle:.0} MB idle"),
        target: "reported (flat once warm: no growth per sale)".into(),
        measured: series.iter().map(|(n, mb)| format!("{n}: {mb:.0}")).collect::<Vec<_>>().join(", ") + " MB",
        pass: !series.is_empty(),
    });
    let _ = x.kill();
    let _ = x.wait();
    if runs > 0 {
        common::write_section("app", "The app", &rows);
    }
}
