//! The soak: the demo store in this process with faults injected into it, the counter as a
//! child process killed with SIGKILL and restarted, and customers who pay, decline, post
//! twice, post late, never come back or forge a return. At the end the counter settles
//! what is open and the invariants are checked against the store's own records.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use counterpay_sandbox::{Fault, Sandbox};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

const TOKEN: &str = "soak-token-0123456789";

/// What the soak does.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Sales to put a QR code up for (at least).
    #[arg(long, default_value_t = 1000)]
    pub sales: usize,
    /// Times to kill the counter with SIGKILL and start it again (at least).
    #[arg(long, default_value_t = 20)]
    pub kills: usize,
    /// Give up (and fail) after this many minutes.
    #[arg(long, default_value_t = 30)]
    pub max_minutes: u64,
    /// Seed for every random choice; the same seed makes the same choices (timing aside).
    #[arg(long, default_value_t = 29)]
    pub seed: u64,
    /// Sales in progress at once.
    #[arg(long, default_value_t = 8)]
    pub parallel: usize,
    /// The store's rate limit, requests a second (429 with Retry-After above it).
    #[arg(long, default_value_t = 40)]
    pub rate: u32,
    /// Keep the counter's data folder here instead of a temporary one.
    #[arg(long)]
    pub keep: Option<PathBuf>,
}

/// How a customer behaves once the QR code is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Customer {
    Pays,
    PaysAndPostsTwice,
    PaysAndPostsLate,
    PaysWebhookOnly,
    PaysAfterTimeout,
    PaysInBrowser,
    Declines,
    DeclinesThenPays,
    WalksAway,
    ForgesThenPays,
    Forges,
}

impl Customer {
    fn pick(rng: &mut StdRng) -> Customer {
        let all = [
            (Customer::Pays, 34),
            (Customer::PaysAndPostsTwice, 8),
            (Customer::PaysAndPostsLate, 6),
            (Customer::PaysWebhookOnly, 10),
            (Customer::PaysAfterTimeout, 5),
            (Customer::PaysInBrowser, 3),
            (Customer::Declines, 10),
            (Customer::DeclinesThenPays, 3),
            (Customer::WalksAway, 8),
            (Customer::ForgesThenPays, 8),
            (Customer::Forges, 5),
        ];
        let total: u32 = all.iter().map(|(_, w)| w).sum();
        let mut n = rng.random_range(0..total);
        for (c, w) in all {
            if n < w {
                return c;
            }
            n -= w;
        }
        Customer::Pays
    }
}

#[derive(Default)]
struct Tally {
    customers: BTreeMap<String, usize>,
    forged_posts: usize,
    /// Of those, paid web orders with the same items that the counter never made.
    web_orders: usize,
    return_posts: usize,
    return_posts_refused_connection: usize,
    faults: BTreeMap<String, usize>,
}

struct Shared {
    sandbox: Sandbox,
    http: reqwest::Client,
    tally: Mutex<Tally>,
    /// Orders paid so far (a forger reuses their numbers).
    paid_numbers: Mutex<Vec<String>>,
}

fn count(map: &mut BTreeMap<String, usize>, key: impl Into<String>) {
    *map.entry(key.into()).or_default() += 1;
}

/// Run the soak; returns an error (and the binary exits non-zero) on any broken invariant.
pub async fn run(args: Args) -> anyhow::Result<()> {
    let started = Instant::now();
    let deadline = started + Duration::from_secs(args.max_minutes * 60);
    // The store sends open fulfillment orders to their location 30 s after payment (30
    // minutes at a real store), so a counter killed mid-closing can lose that race.
    let config = counterpay_sandbox::Config {
        rate_limit: Some(args.rate),
        fulfillment_delay: Duration::from_secs(30),
        ..counterpay_sandbox::Config::new(TOKEN)
    };
    let sandbox = Sandbox::start_with(([127, 0, 0, 1], 0).into(), config).await?;
    // Klarna through an authorize-and-capture gateway: every payment must be captured.
    sandbox.faults().set_authorize_only(true);
    let shared = Arc::new(Shared { sandbox, http: reqwest::Client::new(), tally: Mutex::default(), paid_numbers: Mutex::default() });
    let temp = tempfile::tempdir()?;
    let data = args.keep.clone().unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&data)?;
    let listen = free_port()?;
    let timeout_secs = 6;
    println!("soak: {} sales, {} kills, {} at once, store rate {}/s, seed {}", args.sales, args.kills, args.parallel, args.rate, args.seed);
    println!("soak: data in {}, counter log in {}", data.display(), data.join("counter.log").display());

    let mut rng = StdRng::seed_from_u64(args.seed);
    let (tx, mut rx) = mpsc::unbounded_channel::<Value>();
    let spawn = |settle: bool, seed: u64, tx: mpsc::UnboundedSender<Value>| {
        start_counter(&shared.sandbox.api_url(), &data, listen, seed, args.parallel, args.rate, timeout_secs, settle, tx)
    };
    let mut child = spawn(false, rng.random(), tx.clone())?;
    let faults = tokio::spawn(inject_faults(shared.clone(), StdRng::seed_from_u64(rng.random())));

    let mut shown: HashMap<String, HashSet<String>> = HashMap::new();
    let mut customers = tokio::task::JoinSet::new();
    let mut kills = 0usize;
    let mut open_at_kills: BTreeMap<String, usize> = BTreeMap::new();
    let mut counter_id = String::new();
    let mut next_kill_at = kill_threshold(&args, 0);
    let mut kill_timer: Option<tokio::time::Instant> = None;
    let mut events_seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut progress = Instant::now();

    while shown.len() < args.sales || kills < args.kills {
        if Instant::now() > deadline {
            bail!("the soak ran out of time: {} sales shown, {} kills", shown.len(), kills);
        }
        if progress.elapsed() > Duration::from_secs(10) {
            println!("soak: {:>5} QR codes shown, {:>3} kills, {:>4.0} s", shown.len(), kills, started.elapsed().as_secs_f64());
            progress = Instant::now();
        }
        let sleep_until = kill_timer.unwrap_or_else(|| tokio::time::Instant::now() + Duration::from_millis(500));
        tokio::select! {
            event = rx.recv() => {
                let Some(event) = event else { bail!("the counter's output closed") };
                let kind = event["event"].as_str().unwrap_or("").to_string();
                count(&mut events_seen, kind.clone());
                match kind.as_str() {
                    "started" => counter_id = event["counter"].as_str().unwrap_or("").to_string(),
                    "qr" => {
                        let (sale, url) = (event["sale"].as_str().unwrap_or("").to_string(), event["url"].as_str().unwrap_or("").to_string());
                        if shown.entry(sale.clone()).or_default().insert(url.clone()) {
                            let behaviour = Customer::pick(&mut rng);
                            customers.spawn(customer(shared.clone(), behaviour, url, timeout_secs, StdRng::seed_from_u64(rng.random())));
                        }
                        if kill_timer.is_none() && shown.len() >= next_kill_at && kills < args.kills.max(1) * 2 {
                            // Kill at a random moment of the sales in flight.
                            kill_timer = Some(tokio::time::Instant::now() + Duration::from_millis(rng.random_range(0..1500)));
                        }
                    }
                    _ => {}
                }
            }
            status = child.wait() => {
                let status = status?;
                bail!("the counter exited on its own ({status}); see {}", data.join("counter.log").display());
            }
            _ = tokio::time::sleep_until(sleep_until) => {
                if kill_timer.is_some_and(|t| t <= tokio::time::Instant::now()) {
                    child.start_kill()?;
                    child.wait().await?;
                    kills += 1;
                    for (what, n) in open_work(&data.join("counterpay.db"))? {
                        *open_at_kills.entry(what).or_default() += n;
                    }
                    kill_timer = None;
                    next_kill_at = kill_threshold(&args, kills);
                    tokio::time::sleep(Duration::from_millis(rng.random_range(50..600))).await;
                    child = spawn(false, rng.random(), tx.clone())?;
                }
            }
        }
    }
    println!(
        "soak: {} QR codes shown and {} kills in {:.0} s; letting customers finish",
        shown.len(),
        kills,
        started.elapsed().as_secs_f64()
    );

    // Customers finish (some pay after their link timed out), while the counter still runs.
    let wait_for_customers = async {
        while let Some(done) = customers.join_next().await {
            done?;
        }
        anyhow::Ok(())
    };
    tokio::select! {
        done = wait_for_customers => done?,
        status = child.wait() => bail!("the counter exited on its own ({}); see {}", status?, data.join("counter.log").display()),
    }
    faults.abort();
    shared.sandbox.faults().set_latency(Duration::ZERO);
    // One last kill in the middle of things, then a counter that only settles.
    child.start_kill()?;
    child.wait().await?;
    drop(rx);
    let (tx, mut rx) = mpsc::unbounded_channel::<Value>();
    let mut settler = spawn(true, rng.random(), tx)?;
    let status = tokio::time::timeout(Duration::from_secs(180), settler.wait()).await.context("the settling counter did not finish")??;
    let mut settled = false;
    while let Ok(e) = rx.try_recv() {
        settled |= e["event"] == "settled";
        if e["event"] == "started" {
            counter_id = e["counter"].as_str().unwrap_or("").to_string();
        }
    }
    if !status.success() || !settled {
        bail!("the counter could not settle every open sale ({status}); see {}", data.join("counter.log").display());
    }

    let report = check(&shared.sandbox, &data.join("counterpay.db"), &counter_id, &shown)?;
    let tally = shared.tally.lock().map_err(|_| anyhow::anyhow!("tally poisoned"))?;
    println!("\nsoak finished in {:.0} s (seed {})", started.elapsed().as_secs_f64(), args.seed);
    println!("  QR codes shown           {}", shown.len());
    println!("  kills (SIGKILL)          {kills}; open at those moments: {}", fmt_map(&open_at_kills));
    println!("  customers                {}", fmt_map(&tally.customers));
    println!(
        "  return POSTs             {} ({} found the counter down), forged {} (of which paid web orders {})",
        tally.return_posts, tally.return_posts_refused_connection, tally.forged_posts, tally.web_orders
    );
    println!("  faults injected          {}", fmt_map(&tally.faults));
    println!("  429s from the rate limit {}", shared.sandbox.rate_limited());
    println!("  webhook deliveries       {}", shared.sandbox.deliveries().len());
    println!("  counter events           {}", fmt_map(&events_seen));
    println!("  sales by final state     {}", fmt_map(&report.states));
    println!("  paid after cancel        {}", report.paid_after_cancel);
    println!("  orders paid at the store {} (each recorded once, as paid)", report.store_paid);
    println!("  upsells                  {}", fmt_map(&report.upsells));
    println!("  integrity_check          {}", report.integrity);
    if report.violations.is_empty() {
        println!("\nAll invariants hold.");
        Ok(())
    } else {
        for v in &report.violations {
            println!("VIOLATION: {v}");
        }
        bail!("{} invariant violations", report.violations.len())
    }
}

fn fmt_map(m: &BTreeMap<String, usize>) -> String {
    m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
}

/// The QR count at which kill `n` (0-based) happens: spread evenly over the run.
fn kill_threshold(args: &Args, n: usize) -> usize {
    (args.sales * (n + 1)) / (args.kills.max(1) + 1)
}

fn free_port() -> anyhow::Result<SocketAddr> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?)
}

#[allow(clippy::too_many_arguments)]
fn start_counter(
    store: &str,
    data: &Path,
    listen: SocketAddr,
    seed: u64,
    parallel: usize,
    rate: u32,
    timeout_secs: u64,
    settle: bool,
    tx: mpsc::UnboundedSender<Value>,
) -> anyhow::Result<Child> {
    let log = std::fs::OpenOptions::new().create(true).append(true).open(data.join("counter.log"))?;
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.arg("counter")
        .args(["--store", store, "--token", TOKEN, "--data"])
        .arg(data)
        .args(["--listen", &listen.to_string(), "--seed", &seed.to_string(), "--parallel", &parallel.to_string()])
        .args(["--rate", &rate.to_string(), "--timeout-secs", &timeout_secs.to_string()])
        .env("RUST_LOG", std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .kill_on_drop(true);
    if settle {
        cmd.arg("--settle");
    }
    let mut child = cmd.spawn().context("starting the counter")?;
    let stdout = child.stdout.take().context("no stdout")?;
    tokio::spawn(async move {
        let mut lines = BufReader::new(stdout).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if let Ok(v) = serde_json::from_str::<Value>(&line) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        }
    });
    Ok(child)
}

/// Every few hundred milliseconds, maybe queue one failure for the next matching request.
async fn inject_faults(shared: Arc<Shared>, mut rng: StdRng) {
    loop {
        tokio::time::sleep(Duration::from_millis(rng.random_range(300..1500))).await;
        let faults = shared.sandbox.faults();
        let (name, prefix, fault) = match rng.random_range(0..10) {
            0 => ("create 5xx", "POST /orders/", Fault::Status([500, 502, 503][rng.random_range(0..3)])),
            1 => ("create 429", "POST /orders/", Fault::RateLimited { retry_after: 1 }),
            2 => ("create timeout", "POST /orders/", Fault::Hang),
            3 => ("create lost answer", "POST /orders/", Fault::HangAfterCommit),
            4 => ("read 5xx", "GET /orders/", Fault::Status(503)),
            5 => ("read timeout", "GET /orders/", Fault::Hang),
            6 => ("read 429", "GET /orders/", Fault::RateLimited { retry_after: 1 }),
            7 => ("upsell lost answer", "POST /orders/1", Fault::HangAfterCommit), // numbers start at 10001
            8 => {
                faults.decline_next_upsell();
                ("upsell declined", "", Fault::Status(0))
            }
            _ => {
                let ms = [0, 0, 20, 150][rng.random_range(0..4)];
                faults.set_latency(Duration::from_millis(ms));
                ("latency change", "", Fault::Status(0))
            }
        };
        if !prefix.is_empty() {
            faults.push(prefix, fault);
        }
        if let Ok(mut t) = shared.tally.lock() {
            count(&mut t.faults, name);
        }
    }
}

async fn post_return(shared: &Shared, url: &str, response: &str) {
    let body = url::form_urlencoded::Serializer::new(String::new()).append_pair("response", response).finish();
    // A customer whose page failed to load presses reload a couple of times.
    for attempt in 0..3 {
        let sent = shared.http.post(url).header("content-type", "application/x-www-form-urlencoded").body(body.clone()).send().await;
        if let Ok(mut t) = shared.tally.lock() {
            t.return_posts += 1;
            if sent.is_err() {
                t.return_posts_refused_connection += 1;
            }
        }
        match sent {
            Ok(r) => {
                let _ = r.text().await;
                return;
            }
            Err(_) if attempt < 2 => tokio::time::sleep(Duration::from_millis(700)).await,
            Err(_) => return,
        }
    }
}

async fn pay(shared: &Shared, url: &str) -> Option<(String, String)> {
    let paid = shared.sandbox.pay(url)?;
    if let Ok(order) = serde_json::from_str::<Value>(&paid.1) {
        if let (Some(n), Ok(mut all)) = (order["number"].as_str(), shared.paid_numbers.lock()) {
            all.push(n.to_string());
        }
    }
    Some(paid)
}

async fn customer(shared: Arc<Shared>, behaviour: Customer, url: String, timeout_secs: u64, mut rng: StdRng) {
    if let Ok(mut t) = shared.tally.lock() {
        count(&mut t.customers, format!("{behaviour:?}"));
    }
    // Time to scan and read the page.
    tokio::time::sleep(Duration::from_millis(rng.random_range(50..700))).await;
    match behaviour {
        Customer::Pays => {
            if let Some((back, response)) = pay(&shared, &url).await {
                post_return(&shared, &back, &response).await;
            }
        }
        Customer::PaysAndPostsTwice => {
            if let Some((back, response)) = pay(&shared, &url).await {
                tokio::join!(post_return(&shared, &back, &response), post_return(&shared, &back, &response));
                post_return(&shared, &back, &response).await;
            }
        }
        Customer::PaysAndPostsLate => {
            if let Some((back, response)) = pay(&shared, &url).await {
                tokio::time::sleep(Duration::from_millis(rng.random_range(1000..4000))).await;
                post_return(&shared, &back, &response).await;
            }
        }
        Customer::PaysWebhookOnly => {
            let _ = pay(&shared, &url).await;
        }
        Customer::PaysAfterTimeout => {
            tokio::time::sleep(Duration::from_secs(timeout_secs) + Duration::from_millis(rng.random_range(500..2500))).await;
            if let Some((back, response)) = pay(&shared, &url).await {
                post_return(&shared, &back, &response).await;
            }
        }
        Customer::PaysInBrowser => {
            // The hosted page, the Pay button and the auto-submitting form, over HTTP.
            if counterpay_sandbox::customer::checkout(&url, true).await.is_err() {
                // The counter was down when the form posted back: the webhook or
                // reconciliation has to find the payment.
            }
        }
        Customer::Declines | Customer::DeclinesThenPays => {
            if let Some((back, response)) = shared.sandbox.decline(&url) {
                post_return(&shared, &back, &response).await;
            }
            if behaviour == Customer::DeclinesThenPays {
                tokio::time::sleep(Duration::from_millis(rng.random_range(300..1500))).await;
                if let Some((back, response)) = pay(&shared, &url).await {
                    post_return(&shared, &back, &response).await;
                }
            }
        }
        Customer::WalksAway => {}
        Customer::Forges | Customer::ForgesThenPays => {
            if let Some(back) = shared.sandbox.return_url_of(&url) {
                let stolen = shared.paid_numbers.lock().ok().and_then(|n| (!n.is_empty()).then(|| n[rng.random_range(0..n.len())].clone()));
                // Another sale's paid order, a made-up number, the store's next number (it
                // may well be this customer's own, a moment later), or a paid web order with
                // the same items that the counter never made.
                let number = match (rng.random_range(0..4), stolen) {
                    (0, Some(n)) => n,
                    (1, _) => shared.sandbox.next_order_number(),
                    (2, _) => match shared.sandbox.web_order_like(&url) {
                        Some(n) => {
                            if let Ok(mut t) = shared.tally.lock() {
                                t.web_orders += 1;
                            }
                            n
                        }
                        None => shared.sandbox.next_order_number(),
                    },
                    _ => format!("9{}", rng.random_range(100_000..999_999)),
                };
                let forged = serde_json::json!({ "number": number, "payment_status": "paid", "total_incl_tax": "0.01" }).to_string();
                if let Ok(mut t) = shared.tally.lock() {
                    t.forged_posts += 1;
                }
                post_return(&shared, &back, &forged).await;
            }
            if behaviour == Customer::ForgesThenPays {
                tokio::time::sleep(Duration::from_millis(rng.random_range(100..1500))).await;
                if let Some((back, response)) = pay(&shared, &url).await {
                    post_return(&shared, &back, &response).await;
                }
            }
        }
    }
}

/// Open work in the counter's database at the moment of a kill.
fn open_work(db: &Path) -> anyhow::Result<Vec<(String, usize)>> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut out = Vec::new();
    let mut stmt =
        conn.prepare("SELECT state, count(*) FROM sales WHERE state IN ('creating','awaiting_payment','review') GROUP BY state")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (s, n) = row?;
        out.push((s, n as usize));
    }
    let mut stmt = conn.prepare("SELECT state, count(*) FROM upsells WHERE state IN ('requested','unknown') GROUP BY state")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (s, n) = row?;
        out.push((format!("upsell {s}"), n as usize));
    }
    Ok(out)
}

struct Report {
    states: BTreeMap<String, usize>,
    paid_after_cancel: usize,
    store_paid: usize,
    upsells: BTreeMap<String, usize>,
    integrity: String,
    violations: Vec<String>,
}

/// The invariants, checked against the store's records and the counter's database file.
fn check(sandbox: &Sandbox, db: &Path, counter_id: &str, shown: &HashMap<String, HashSet<String>>) -> anyhow::Result<Report> {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut violations = Vec::new();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        violations.push(format!("integrity_check says {integrity}"));
    }

    struct Row {
        id: String,
        state: String,
        order_number: Option<String>,
        store_total: Option<String>,
        after_cancel: bool,
        payment_complete_url: Option<String>,
    }
    let mut stmt = conn.prepare("SELECT id, state, order_number, store_total, after_cancel, payment_complete_url FROM sales")?;
    let rows: Vec<Row> = stmt
        .query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                state: r.get(1)?,
                order_number: r.get(2)?,
                store_total: r.get(3)?,
                after_cancel: r.get::<_, i64>(4)? != 0,
                payment_complete_url: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut states = BTreeMap::new();
    for r in &rows {
        count(&mut states, r.state.clone());
        if matches!(r.state.as_str(), "creating" | "awaiting_payment") {
            violations.push(format!("sale {} was left {}", r.id, r.state));
        }
    }
    let by_number: HashMap<&str, Vec<&Row>> =
        rows.iter().filter_map(|r| r.order_number.as_deref().map(|n| (n, r))).fold(HashMap::new(), |mut m, (n, r)| {
            m.entry(n).or_default().push(r);
            m
        });

    // 1. Every order the store holds as paid for this counter is recorded once, as paid.
    let tag = format!("counterpay:{counter_id}");
    let orders = sandbox.orders();
    let ours: Vec<&Value> =
        orders.iter().filter(|o| o["tags"].as_array().is_some_and(|t| t.iter().any(|t| t.as_str() == Some(tag.as_str())))).collect();
    let mut store_paid = 0;
    for o in &ours {
        let number = o["number"].as_str().unwrap_or("");
        if o["payment_status"] != "paid" {
            continue;
        }
        store_paid += 1;
        let recorded = by_number.get(number).map(Vec::as_slice).unwrap_or(&[]);
        match recorded {
            [r] if r.state == "paid" && o["metadata"]["counterpay_sale"].as_str() == Some(r.id.as_str()) => {
                let store_total: Option<Decimal> = o["total_incl_tax"].as_str().and_then(|t| t.parse().ok());
                if r.store_total.as_deref().and_then(|t| t.parse::<Decimal>().ok()) != store_total {
                    violations.push(format!("order {number}: recorded total {:?}, the store says {store_total:?}", r.store_total));
                }
            }
            [] => violations.push(format!("order {number} is paid at the store but not recorded")),
            [r] => violations.push(format!("order {number} is recorded on sale {} as {}, not paid", r.id, r.state)),
            many => violations.push(format!("order {number} is recorded {} times", many.len())),
        }
    }
    // 2. Nothing is paid that the store does not hold as paid for that very sale.
    for r in rows.iter().filter(|r| r.state == "paid") {
        let genuine = r
            .order_number
            .as_deref()
            .and_then(|n| sandbox.order(n))
            .is_some_and(|o| o["payment_status"] == "paid" && o["metadata"]["counterpay_sale"].as_str() == Some(r.id.as_str()));
        if !genuine {
            violations.push(format!("sale {} is paid with order {:?}, which the store does not hold as its payment", r.id, r.order_number));
        }
    }
    // 2b. A paid order the counter never made (a web shopper's) pays no sale.
    for o in orders.iter().filter(|o| o["metadata"]["counterpay_sale"].is_null()) {
        if let Some(r) = o["number"].as_str().and_then(|n| by_number.get(n)) {
            violations.push(format!("web order {} is recorded on sale(s) {:?}", o["number"], r.iter().map(|r| &r.id).collect::<Vec<_>>()));
        }
    }
    // 2c. Closing at the store: every paid order captured; every handed-over unit fulfilled
    //     at the shop exactly once; nothing fulfilled anywhere else or beyond what was handed
    //     over (ship lines untouched); a fulfillment order with handed-over units that the
    //     store sent elsewhere (the counter was down past the store's delay) has a
    //     cancellation request.
    let shop = counterpay_sandbox::fulfillment::SHOP;
    let fulfillments = sandbox.fulfillments();
    let fos = sandbox.fulfillment_orders_json();
    let mut closing = BTreeMap::new();
    for r in rows.iter().filter(|r| r.state == "paid") {
        let Some(number) = r.order_number.as_deref() else { continue };
        let Some(order) = sandbox.order(number) else { continue };
        if order["payment_status"] == "authorized" {
            violations.push(format!("order {number} was never captured"));
        }
        let variant_of: HashMap<i64, i64> =
            order["lines"].as_array().into_iter().flatten().filter_map(|l| Some((l["id"].as_i64()?, l["variant_id"].as_i64()?))).collect();
        let mut handed: BTreeMap<i64, i64> = BTreeMap::new();
        let mut stmt = conn.prepare("SELECT variant_id, quantity FROM sale_lines WHERE sale_id = ?1 AND ship = 0")?;
        for row in stmt.query_map([&r.id], |x| Ok((x.get::<_, i64>(0)?, x.get::<_, i64>(1)?)))? {
            let (v, q) = row?;
            *handed.entry(v).or_default() += q;
        }
        let mut stmt = conn.prepare("SELECT variant_id, quantity FROM upsells WHERE sale_id = ?1 AND state = 'charged'")?;
        for row in stmt.query_map([&r.id], |x| Ok((x.get::<_, i64>(0)?, x.get::<_, i64>(1)?)))? {
            let (v, q) = row?;
            *handed.entry(v).or_default() += q;
        }
        let mut at_shop: BTreeMap<i64, i64> = BTreeMap::new();
        for f in fulfillments.iter().filter(|f| f["order_number"] == number) {
            if f["location_id"] != shop {
                violations.push(format!("order {number} was fulfilled at location {} by the counter", f["location_id"]));
            }
            for l in f["line_items"].as_array().into_iter().flatten() {
                if let Some(v) = l["order_line_id"].as_i64().and_then(|id| variant_of.get(&id)) {
                    *at_shop.entry(*v).or_default() += l["quantity"].as_i64().unwrap_or(0);
                }
            }
        }
        let asked_to_cancel = fos.iter().any(|fo| fo["order_number"] == number && fo["request_status"] == "cancel_requested");
        for (v, want) in &handed {
            let got = at_shop.get(v).copied().unwrap_or(0);
            if got > *want {
                violations.push(format!("order {number}: variant {v} fulfilled {got} times at the shop for {want} handed over"));
            } else if got < *want && !asked_to_cancel {
                violations.push(format!(
                    "order {number}: variant {v} handed over {want}, fulfilled {got}, and nobody asked the store not to ship it"
                ));
            }
        }
        for (v, got) in &at_shop {
            if !handed.contains_key(v) {
                violations
                    .push(format!("order {number}: {got} unit(s) of variant {v} fulfilled at the shop although shipped to the customer"));
            }
        }
        count(&mut closing, if asked_to_cancel { "cancellation requested".to_string() } else { "handed over".to_string() });
    }
    println!("  closing at the store     {}", fmt_map(&closing));
    // 3. One payable link per sale: the counter never showed two QR codes for one basket.
    for (sale, urls) in shown {
        if urls.len() > 1 {
            violations.push(format!("sale {sale} showed {} different payment links", urls.len()));
        }
        let stored = rows.iter().find(|r| &r.id == sale).and_then(|r| r.payment_complete_url.clone());
        if stored.as_ref().is_none_or(|u| !urls.contains(u)) {
            violations.push(format!("sale {sale}: the stored link {stored:?} is not the one shown"));
        }
    }
    // 4. No upsell charged twice; every upsell settled, and as the store has it.
    let mut lines_by_key: HashMap<String, usize> = HashMap::new();
    for o in &ours {
        for l in o["lines"].as_array().into_iter().flatten() {
            if let Some(k) = l["metadata"]["counterpay_upsell"].as_str() {
                *lines_by_key.entry(k.to_string()).or_default() += 1;
            }
        }
    }
    let mut upsells = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT idempotency_key, state FROM upsells")?;
    let local: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let local_keys: HashSet<&str> = local.iter().map(|(k, _)| k.as_str()).collect();
    for (key, state) in &local {
        count(&mut upsells, state.clone());
        let at_store = lines_by_key.get(key).copied().unwrap_or(0);
        match (state.as_str(), at_store) {
            ("charged", 1) | ("declined", 0) => {}
            (s, n) => violations.push(format!("upsell {key} is {s} here and has {n} line(s) at the store")),
        }
    }
    for (key, n) in &lines_by_key {
        if *n > 1 {
            violations.push(format!("upsell {key} was charged {n} times"));
        }
        if !local_keys.contains(key.as_str()) {
            violations.push(format!("upsell line {key} at the store is not recorded"));
        }
    }
    let paid_after_cancel = rows.iter().filter(|r| r.state == "paid" && r.after_cancel).count();
    Ok(Report { states, paid_after_cancel, store_paid, upsells, integrity, violations })
}
