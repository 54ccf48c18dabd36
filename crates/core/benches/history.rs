//! History benchmarks (`make bench`): 1,000,000 sales in the local database (the demo
//! catalog's products, 500 customers, two years of days, 80% paid with the store's full
//! order JSON kept as the detail view shows it). Measures the first page of History,
//! search (order numbers, customer names and emails, product words, SKUs) and opening a
//! sale's detail, through the same calls the window makes; and the database's bytes per
//! sale. Writes its table into BENCHMARKS.md between the history markers.
//!
//! `HISTORY_SALES` changes the count (for a quick run).

mod common;
#[path = "common/history_seed.rs"]
mod history_seed;

use std::time::{Duration, Instant};

use common::{ms, percentile, Row};
use counterpay_core::config::EnvOverrides;
use counterpay_core::db::sales::Filter;
use counterpay_core::{Counter, Options};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use history_seed::{products, FIRST, LAST};

fn measure(label: &str, runs: usize, mut f: impl FnMut(usize) -> usize) -> (Vec<Duration>, usize) {
    let mut samples = Vec::with_capacity(runs);
    let mut found = 0;
    for i in 0..runs {
        let t = Instant::now();
        found += f(i);
        samples.push(t.elapsed());
    }
    samples.sort();
    println!(
        "{label}: p50 {}, p95 {}, max {} ({found} rows over {runs} runs)",
        ms(percentile(&samples, 0.5)),
        ms(percentile(&samples, 0.95)),
        ms(*samples.last().unwrap())
    );
    (samples, found)
}

fn main() {
    let n: usize = std::env::var("HISTORY_SALES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let options = |dir: &std::path::Path| Options {
        data_dir: dir.into(),
        demo: None,
        env: EnvOverrides::default(),
        api_timeout: Duration::from_secs(5),
        clock: Default::default(),
    };
    drop(Counter::open(options(dir.path())).unwrap()); // the schema
    let db = dir.path().join("counterpay.db");
    let t = Instant::now();
    history_seed::seed(&db, n);
    println!("seeded {n} sales in {:.1?}", t.elapsed());
    let bytes = std::fs::metadata(&db).unwrap().len();
    let counter = Counter::open(options(dir.path())).unwrap();
    let mut rows = Vec::new();

    // The first page, as History opens.
    let (first, _) = measure("first page", 200, |_| counter.history(&Filter::default(), 50, 0).unwrap().len());
    rows.push(Row::timed(format!("History's first page (50 of {n} sales)"), "under 10 ms", &first, Some(Duration::from_millis(10))));

    // Search: what staff type at the counter.
    let mut rng = StdRng::seed_from_u64(7);
    let products = products();
    let mut queries: Vec<String> = Vec::new();
    for _ in 0..100 {
        queries.push((10_000_000 + rng.random_range(0..n)).to_string()); // an order number
        queries.push(LAST[rng.random_range(0..LAST.len())].to_string()); // a surname
        queries.push(format!("{} {}", FIRST[rng.random_range(0..FIRST.len())], LAST[rng.random_range(0..LAST.len())])); // a name
        let (title, sku, _) = &products[rng.random_range(0..products.len())];
        queries.push(title.split_whitespace().next().unwrap_or("mug").to_lowercase()); // a product word
        queries.push(sku.clone()); // a SKU
        queries.push(format!(
            "{}.{}",
            FIRST[rng.random_range(0..FIRST.len())].to_lowercase(),
            LAST[rng.random_range(0..LAST.len())].to_lowercase()
        )); // an email's start
    }
    let (search, found) = measure("search", queries.len(), |i| {
        counter.history(&Filter { text: Some(queries[i].clone()), ..Default::default() }, 50, 0).unwrap().len()
    });
    let p95 = percentile(&search, 0.95);
    rows.push(Row {
        figure: format!("History search, {n} sales, {} queries (order numbers, names, emails, product words, SKUs)", queries.len()),
        target: "p95 under 20 ms".into(),
        measured: format!(
            "p50 {}, p95 {}, max {} ({found} rows shown)",
            ms(percentile(&search, 0.5)),
            ms(p95),
            ms(*search.last().unwrap())
        ),
        pass: p95 < Duration::from_millis(20),
    });

    // Open a sale's detail (lines, upsells, refunds, timeline, the store's order).
    let ids: Vec<String> = (0..500).map(|_| format!("s_{:012}", rng.random_range(0..n))).collect();
    let (detail, _) = measure("detail", ids.len(), |i| counter.sale(&ids[i]).unwrap().lines.len());
    rows.push(Row::timed("Open a sale's detail".into(), "reported (no target)", &detail, None));
    // The end-of-day report for a day in the middle of the history (about n / 730 sales).
    let day = chrono::DateTime::from_timestamp_millis(1_700_000_000_000 + 365 * 86_400_000).unwrap().date_naive();
    let mut sales_that_day = 0;
    let (report, _) = measure("day report", 20, |_| {
        let r = counter.report(day, day).unwrap();
        sales_that_day = r.totals.iter().map(|t| t.sales).sum::<i64>();
        r.by_hour.len()
    });
    rows.push(Row::timed(
        format!("End-of-day report for one day ({sales_that_day} paid sales that day, {n} in the history)"),
        "under 100 ms",
        &report,
        Some(Duration::from_millis(100)),
    ));
    rows.push(Row {
        figure: "Database size per sale (80% paid, with the store's order JSON)".into(),
        target: "reported (no target)".into(),
        measured: format!("{} bytes ({:.2} GB for {n})", bytes / n as u64, bytes as f64 / 1e9),
        pass: true,
    });
    common::write_section("history", "History", &rows);
}
