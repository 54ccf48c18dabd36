//! Return endpoint benchmarks (`make bench`): requests a second and latency percentiles with
//! 64 connections over loopback, measured by `wrk` (installed by `make bench-deps`), for
//! the rejection paths (unknown token; malformed body), and a valid return for a paid sale
//! (the page is answered without the store's verification round trip, as a replayed return
//! is). Requests come from 5,000 client addresses (`X-Forwarded-For`, as through a tunnel),
//! so the per-client rate limit does not turn the run into a test of itself.
//! Side by side in the same run: the guide's Python receiver (`bench/flask_receiver.py`,
//! Flask's threaded server), and the ratio; and the floor: a bare axum "hello" handler on the
//! same runtime under the same load, with the rejection path's share of it. Writes its table
//! into BENCHMARKS.md.

mod common;
mod shop;

// The app's allocator (src-tauri/main.rs), so the endpoint runs as it does in the app.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::Row;
use counterpay_core::sale::BasketLine;
use counterpay_sandbox::Sandbox;

use shop::TOKEN;
const SECONDS: u32 = 8;

struct Wrk {
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    requests: u64,
    non_2xx: u64,
}

fn script(dir: &Path, name: &str, path: &str, body: &str) -> PathBuf {
    let file = dir.join(format!("{name}.lua"));
    let text = format!(
        r#"wrk.method = "POST"
wrk.body = "{body}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
request = function()
  -- 5,000 different customers (about 4 requests a second each), as through a tunnel.
  local n = math.random(1, 5000)
  wrk.headers["X-Forwarded-For"] = "10." .. math.floor(n / 256) .. "." .. (n % 256) .. ".7"
  local path = "{path}"
  if path == "RANDOM" then
    local t = {{}}
    for i = 1, 43 do local n = math.random(1, #chars); t[i] = chars:sub(n, n) end
    path = "/klarna/return/" .. table.concat(t)
  end
  return wrk.format(nil, path)
end
"#
    );
    std::fs::write(&file, text).unwrap();
    file
}

fn millis(text: &str) -> f64 {
    let t = text.trim();
    let (num, unit) = t.split_at(t.find(|c: char| c.is_alphabetic()).unwrap_or(t.len()));
    let n: f64 = num.parse().unwrap_or(f64::NAN);
    match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => f64::NAN,
    }
}

fn wrk(url: &str, script: &Path, connections: u32) -> Wrk {
    let out = Command::new("wrk")
        .args(["-t2", &format!("-c{connections}"), &format!("-d{SECONDS}s"), "--latency", "-s"])
        .arg(script)
        .arg(url)
        .output()
        .expect("wrk is installed (make bench-deps)");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let find = |prefix: &str| text.lines().map(str::trim).find_map(|l| l.strip_prefix(prefix).map(|r| r.trim().to_string()));
    let requests = text.lines().find(|l| l.contains("requests in")).and_then(|l| l.split_whitespace().next()?.parse().ok()).unwrap_or(0);
    Wrk {
        rps: find("Requests/sec:").and_then(|v| v.parse().ok()).unwrap_or(0.0),
        p50_ms: find("50%").map(|v| millis(&v)).unwrap_or(f64::NAN),
        p99_ms: find("99%").map(|v| millis(&v)).unwrap_or(f64::NAN),
        requests,
        non_2xx: find("Non-2xx or 3xx responses:").and_then(|v| v.parse().ok()).unwrap_or(0),
    }
}

fn wait_for_port(addr: SocketAddr) {
    for _ in 0..100 {
        if std::net::TcpStream::connect(addr).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("nothing listens on {addr}");
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // The counter and its endpoint, on loopback, with one paid sale to return to.
    let (endpoint, token_path, response) = rt.block_on(async {
        let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), TOKEN).await.unwrap();
        let counter = shop::counter(&sandbox, dir.path(), 50, Duration::from_secs(5));
        let addr = shop::serve(&counter).await;
        counter.sync_catalog().await.unwrap();
        let sale = counter.charge(&[BasketLine::new(140, 2), BasketLine::new(110, 1)]).await.unwrap();
        let (return_url, response) = sandbox.pay(sale.payment_complete_url.as_deref().unwrap()).unwrap();
        let body = url::form_urlencoded::Serializer::new(String::new()).append_pair("response", &response).finish();
        let paid = reqwest::Client::new()
            .post(&return_url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert!(paid.text().await.unwrap().contains("Thank you"), "the sale is paid");
        std::mem::forget(sandbox); // serves for the rest of the run
        let path = url::Url::parse(&return_url).unwrap().path().to_string();
        (addr, path, body)
    });
    let base = format!("http://{endpoint}");
    let unknown = script(dir.path(), "unknown", "RANDOM", "response=%7B%7D");
    let malformed = script(dir.path(), "malformed", &token_path, "response=%7Bnot-json");
    let valid = script(dir.path(), "valid", &token_path, &response);

    let mut rows = Vec::new();
    let run = |label: &str, url: &str, file: &Path, connections: u32| -> Wrk {
        let w = wrk(url, file, connections);
        println!(
            "{label} ({connections} connections): {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} requests, {} non-2xx",
            w.rps, w.p50_ms, w.p99_ms, w.requests, w.non_2xx
        );
        w
    };
    let u = run("unknown token", &base, &unknown, 64);
    let m = run("malformed body", &base, &malformed, 64);
    let v = run("valid return", &base, &valid, 64);
    // A return is one per sale: its latency is what a customer waits, with a few at once.
    let few = run("valid return", &base, &valid, 8);
    for (figure, w, answered) in
        [("Rejection: unknown token (404)", &u, u.non_2xx == u.requests), ("Rejection: malformed body (400)", &m, m.non_2xx == m.requests)]
    {
        rows.push(Row {
            figure: format!("{figure}, 64 connections, {SECONDS} s"),
            target: "≥ 20,000 req/s, p99 under 5 ms".into(),
            measured: format!(
                "{:.0} req/s, p50 {:.2} ms, p99 {:.2} ms ({} requests{})",
                w.rps,
                w.p50_ms,
                w.p99_ms,
                w.requests,
                if answered { ", all refused" } else { ", SOME ACCEPTED" }
            ),
            pass: w.rps >= 20_000.0 && w.p99_ms < 5.0 && answered,
        });
    }
    rows.push(Row {
        figure: format!("Valid return for a paid sale (no store round trip), 8 connections, {SECONDS} s"),
        target: "p99 under 5 ms".into(),
        measured: format!("{:.0} req/s, p50 {:.2} ms, p99 {:.2} ms ({} non-2xx)", few.rps, few.p50_ms, few.p99_ms, few.non_2xx),
        pass: few.p99_ms < 5.0 && few.non_2xx == 0,
    });
    rows.push(Row {
        figure: format!("Valid return for a paid sale, 64 connections, {SECONDS} s (throughput)"),
        target: "reported; compared below".into(),
        measured: format!("{:.0} req/s, p50 {:.2} ms, p99 {:.2} ms ({} non-2xx)", v.rps, v.p50_ms, v.p99_ms, v.non_2xx),
        pass: v.non_2xx == 0,
    });

    // The floor: a bare axum handler on the same runtime, answering every request at once
    // with no limits, no lookup and no page, under the same load.
    let bare = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().fallback(|| async { (axum::http::StatusCode::NOT_FOUND, "hello") });
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        addr
    });
    let b = run("bare axum", &format!("http://{bare}"), &unknown, 64);
    rows.push(Row {
        figure: format!("Floor: a bare axum handler (\"hello\", no limits, no work), same runtime, same load, 64 connections, {SECONDS} s"),
        target: "floor".into(),
        measured: format!("{:.0} req/s, p50 {:.2} ms, p99 {:.2} ms ({} requests)", b.rps, b.p50_ms, b.p99_ms, b.requests),
        pass: b.requests > 0,
    });
    let share = u.rps / b.rps.max(1.0);
    rows.push(Row {
        figure: "The rejection path (unknown token) ÷ the bare handler (requests a second)".into(),
        target: "at least 70%".into(),
        measured: format!("{:.0}%", share * 100.0),
        pass: share >= 0.7,
    });

    // The guide's Python receiver, same load, same machine, same run.
    let python = std::env::var("BENCH_PYTHON").unwrap_or_else(|_| {
        let venv = PathBuf::from(
            std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into()),
        )
        .join("bench-venv/bin/python");
        venv.display().to_string()
    });
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let receiver = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/flask_receiver.py");
    match Command::new(&python).arg(&receiver).arg(port.to_string()).stdout(Stdio::null()).stderr(Stdio::null()).spawn() {
        Ok(mut flask) => {
            wait_for_port(([127, 0, 0, 1], port).into());
            let f = run("flask", &format!("http://127.0.0.1:{port}"), &valid, 64);
            let _ = flask.kill();
            let _ = flask.wait();
            rows.push(Row {
                figure: format!(
                    "The guide's Python receiver (Flask, threaded server, json.loads only), valid return, 64 connections, {SECONDS} s"
                ),
                target: "reference".into(),
                measured: format!("{:.0} req/s, p50 {:.2} ms, p99 {:.2} ms ({} non-2xx)", f.rps, f.p50_ms, f.p99_ms, f.non_2xx),
                pass: true,
            });
            let ratio = v.rps / f.rps.max(1.0);
            rows.push(Row {
                figure: "Counterpay's valid return ÷ the Python receiver (requests a second, 64 connections)".into(),
                target: "at least 10×".into(),
                measured: format!("{ratio:.1}×"),
                pass: ratio >= 10.0,
            });
        }
        Err(e) => {
            println!("the Python receiver did not start ({python}: {e}); run make bench-deps");
            rows.push(Row {
                figure: "The guide's Python receiver".into(),
                target: "at least 10× slower".into(),
                measured: format!("not run: {e}"),
                pass: false,
            });
        }
    }
    common::write_section("endpoint", "Return endpoint", &rows);
}
