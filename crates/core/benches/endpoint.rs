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
//!
//! The load generator and the servers share this machine's cores, so one long sample of each
//! side of a ratio moves with whatever else the machine does in those seconds. Each ratio is
//! therefore taken from short samples of its two sides, back to back, in alternating order
//! (A B, B A, ...), and the median of the pairs' ratios is the figure.

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
/// Pairs of short samples behind each ratio, and each sample's length.
const PAIRS: usize = 7;
const PAIR_SECONDS: u32 = 3;

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

fn wrk(url: &str, script: &Path, connections: u32, seconds: u32) -> Wrk {
    let out = Command::new("wrk")
        .args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "--latency", "-s"])
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

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Side `a` against side `b` in requests a second: the median of the pairs' ratios, each
/// side's median, every pair's ratio, and side `a`'s answers counted.
struct Paired {
    ratio: f64,
    a_rps: f64,
    b_rps: f64,
    ratios: Vec<f64>,
    a_non_2xx: u64,
    a_requests: u64,
}

/// `PAIRS` pairs of short samples of `a` and `b` (url, script), back to back, in alternating
/// order so neither side always runs first.
fn paired(a: (&str, &Path), b: (&str, &Path)) -> Paired {
    let (mut ratios, mut a_rps, mut b_rps, mut a_non_2xx) = (Vec::new(), Vec::new(), Vec::new(), 0);
    let mut a_requests = 0;
    for pair in 0..PAIRS {
        let sample = |(url, file): (&str, &Path)| wrk(url, file, 64, PAIR_SECONDS);
        let (x, y) = if pair % 2 == 0 {
            let x = sample(a);
            (x, sample(b))
        } else {
            let y = sample(b);
            (sample(a), y)
        };
        println!("  pair {}: {:.0} against {:.0} req/s = {:.0}%", pair + 1, x.rps, y.rps, 100.0 * x.rps / y.rps.max(1.0));
        ratios.push(x.rps / y.rps.max(1.0));
        a_rps.push(x.rps);
        b_rps.push(y.rps);
        a_non_2xx += x.non_2xx;
        a_requests += x.requests;
    }
    Paired { ratio: median(ratios.clone()), a_rps: median(a_rps), b_rps: median(b_rps), ratios, a_non_2xx, a_requests }
}

fn spread(ratios: &[f64], scale: f64, unit: &str) -> String {
    let lo = ratios.iter().copied().fold(f64::INFINITY, f64::min) * scale;
    let hi = ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max) * scale;
    if unit == "%" {
        format!("{lo:.0}–{hi:.0}%")
    } else {
        format!("{lo:.1}–{hi:.1}{unit}")
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
        let w = wrk(url, file, connections, SECONDS);
        println!(
            "{label} ({connections} connections): {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} requests, {} non-2xx",
            w.rps, w.p50_ms, w.p99_ms, w.requests, w.non_2xx
        );
        w
    };
    let u = run("unknown token", &base, &unknown, 64);
    let m = run("malformed body", &base, &malformed, 64);
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

    // The floor: a bare axum handler on the same runtime, answering every request at once
    // with no limits, no lookup and no page, under the same load.
    let bare = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().fallback(|| async { (axum::http::StatusCode::NOT_FOUND, "hello") });
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        addr
    });
    let bare = format!("http://{bare}");
    println!("unknown token against bare axum, {PAIRS} pairs of {PAIR_SECONDS} s:");
    let floor = paired((&base, &unknown), (&bare, &unknown));
    rows.push(Row {
        figure: format!(
            "Floor: a bare axum handler (\"hello\", no limits, no work), same runtime, same load, 64 connections, median of {PAIRS} samples of {PAIR_SECONDS} s"
        ),
        target: "floor".into(),
        measured: format!("{:.0} req/s", floor.b_rps),
        pass: floor.b_rps > 0.0,
    });
    rows.push(Row {
        figure: format!(
            "The rejection path (unknown token) ÷ the bare handler (requests a second), median of {PAIRS} back-to-back pairs in alternating order"
        ),
        target: "at least 70%".into(),
        measured: format!(
            "{:.0}% ({:.0} against {:.0} req/s; pairs {}{})",
            floor.ratio * 100.0,
            floor.a_rps,
            floor.b_rps,
            spread(&floor.ratios, 100.0, "%"),
            if floor.a_non_2xx == floor.a_requests { ", all refused" } else { ", SOME ACCEPTED" }
        ),
        pass: floor.ratio >= 0.7 && floor.a_non_2xx == floor.a_requests,
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
            let flask_url = format!("http://127.0.0.1:{port}");
            println!("valid return against the Python receiver, {PAIRS} pairs of {PAIR_SECONDS} s:");
            let vs = paired((&base, &valid), (&flask_url, &valid));
            // One more sample of each, for the errors (a paired sample counts only its rate).
            let v = run("valid return", &base, &valid, 64);
            let f = run("flask", &flask_url, &valid, 64);
            let _ = flask.kill();
            let _ = flask.wait();
            rows.push(Row {
                figure: format!("Valid return for a paid sale, 64 connections (throughput), median of {PAIRS} samples of {PAIR_SECONDS} s"),
                target: "reported; compared below".into(),
                measured: format!(
                    "{:.0} req/s (an {SECONDS} s sample: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} non-2xx)",
                    vs.a_rps, v.rps, v.p50_ms, v.p99_ms, v.non_2xx
                ),
                pass: v.non_2xx == 0 && vs.a_non_2xx == 0,
            });
            rows.push(Row {
                figure: format!(
                    "The guide's Python receiver (Flask, threaded server, json.loads only), valid return, 64 connections, median of {PAIRS} samples of {PAIR_SECONDS} s"
                ),
                target: "reference".into(),
                measured: format!(
                    "{:.0} req/s (an {SECONDS} s sample: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms, {} non-2xx)",
                    vs.b_rps, f.rps, f.p50_ms, f.p99_ms, f.non_2xx
                ),
                pass: true,
            });
            rows.push(Row {
                figure: format!(
                    "Counterpay's valid return ÷ the Python receiver (requests a second, 64 connections), median of {PAIRS} back-to-back pairs"
                ),
                target: "at least 10×".into(),
                measured: format!("{:.1}× (pairs {})", vs.ratio, spread(&vs.ratios, 1.0, "×")),
                pass: vs.ratio >= 10.0,
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
