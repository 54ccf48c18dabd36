//! The app itself (`make bench`, release build, under Xvfb):
//! - start-up: from starting the process to the counter showing its products (the window
//!   tells the shell once, which logs "counter interactive"), on a fresh data folder (first
//!   launch: database created, catalog synced) and again on the same folder;
//! - memory: the proportional set size (PSS) of the app and every process it started (the
//!   WebKit web and network processes), idle after start, and after 1,000 sales charged
//!   through the app's own command from its window and paid on the demo store's payment
//!   page by the customer stand-in.
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
use counterpay_e2e::App;

const SALES: usize = 1000;

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

/// Start the app on `data`, wait for "counter interactive"; returns the time and the child.
fn start(binary: &Path, display: &str, data: &Path) -> (Duration, Child) {
    let t = Instant::now();
    let mut child = Command::new(binary)
        .process_group(0)
        .env("DISPLAY", display)
        .env("COUNTERPAY_DATA_DIR", data)
        .env("COUNTERPAY_LISTEN", "127.0.0.1:0")
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

    // Start-up: five first launches, five relaunches.
    let mut first = Vec::new();
    let mut again = Vec::new();
    let mut idle = Vec::new();
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let (t, mut app) = start(&binary, &display, dir.path());
        first.push(t);
        stop(&mut app);
        let (t, mut app) = start(&binary, &display, dir.path());
        again.push(t);
        std::thread::sleep(Duration::from_secs(3));
        idle.push(pss_mb(&tree(app.id())));
        stop(&mut app);
    }
    first.sort();
    again.sort();
    let median = |v: &[Duration]| v[v.len() / 2];
    let worst = |v: &[Duration]| *v.last().unwrap();
    println!(
        "first launch: median {:?}, worst {:?}; relaunch: median {:?}, worst {:?}",
        median(&first),
        worst(&first),
        median(&again),
        worst(&again)
    );
    rows.push(Row {
        figure: "Start to an interactive counter, first launch (database created, catalog synced), 5 runs".into(),
        target: "under 1.5 s".into(),
        measured: format!("median {}, worst {}", common::ms(median(&first)), common::ms(worst(&first))),
        pass: worst(&first) < Duration::from_millis(1500),
    });
    rows.push(Row {
        figure: "Start to an interactive counter, relaunch, 5 runs".into(),
        target: "under 1.5 s".into(),
        measured: format!("median {}, worst {}", common::ms(median(&again)), common::ms(worst(&again))),
        pass: worst(&again) < Duration::from_millis(1500),
    });
    let (idle_mb, names) = idle.iter().cloned().fold((0.0f64, Vec::new()), |acc, (mb, n)| if mb > acc.0 { (mb, n) } else { acc });
    println!("idle: {idle_mb:.0} MB over {names:?}");

    // 1,000 sales through the window's own command, paid on the demo payment page.
    std::env::set_var("DISPLAY", &display);
    std::env::set_var("COUNTERPAY_APP_BINARY", &binary);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let (after_mb, after_names, paid) = rt.block_on(async {
        let app = App::launch_with_env(&[("COUNTERPAY_DEMO_RATE_LIMIT", "200")]).await;
        app.find("product-140").await;
        let mut paid = 0;
        for _ in 0..(SALES / 100) {
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
                    vec![serde_json::json!(100)],
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
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
        let pid = std::fs::read_dir("/proc")
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
            .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|p| p == binary))
            .expect("the app's process");
        let (mb, names) = pss_mb(&tree(pid));
        app.quit().await;
        (mb, names, paid)
    });
    println!("after {paid} paid sales: {after_mb:.0} MB over {after_names:?}");
    rows.push(Row {
        figure: "Memory (PSS) of the app and its WebKit processes, idle after start".into(),
        target: "under 200 MB".into(),
        measured: format!("{idle_mb:.0} MB, largest of 5 runs ({})", names.join(", ")),
        pass: idle_mb < 200.0,
    });
    rows.push(Row {
        figure: format!(
            "Memory (PSS), the same processes, after {SALES} sales charged from the window ({paid} paid on the demo payment page)"
        ),
        target: "under 200 MB".into(),
        measured: format!("{after_mb:.0} MB ({})", after_names.join(", ")),
        pass: after_mb < 200.0 && paid == SALES,
    });
    let _ = x.kill();
    let _ = x.wait();
    common::write_section("app", "The app", &rows);
}
