//! Catalog benchmarks (`make bench`): a full sync of about 10,000 variants from the demo
//! store at the API's 4 requests a second, as a ratio to the rate-limit floor (pages / 4);
//! and search-as-you-type latency over 100,000 cached variants, every keystroke of real
//! titles, SKUs and barcodes. Loopback only, bounded in time. Prints a table and writes it
//! into BENCHMARKS.md between its catalog markers.

use std::time::{Duration, Instant};

use counterpay_core::admin_api::models::Product;
use counterpay_core::db::catalog;
use counterpay_sandbox::{Catalog, Config, Sandbox};

use shop::TOKEN;

mod common;
mod shop;

use common::{ms, percentile, Row};

async fn sync_benchmark(rows: &mut Vec<Row>) {
    let products = 5_300; // about 10,000 variants
    let page_size = 50;
    let catalog = Catalog::generated(products);
    let variants = catalog.variants.len();
    let config = Config { catalog, page_size, rate_limit: Some(4), ..Config::new(TOKEN) };
    let sandbox = Sandbox::start_with(([127, 0, 0, 1], 0).into(), config).await.expect("sandbox");
    let dir = tempfile::tempdir().unwrap();
    let counter = shop::counter(&sandbox, dir.path(), 4, Duration::from_secs(20));
    let started = Instant::now();
    let synced = counter.sync_catalog().await.expect("sync");
    let elapsed = started.elapsed();
    assert_eq!(synced, variants);
    let pages = products.div_ceil(page_size);
    let floor = Duration::from_secs_f64(pages as f64 / 4.0);
    let ratio = elapsed.as_secs_f64() / floor.as_secs_f64();
    println!(
        "sync: {variants} variants, {pages} pages in {elapsed:.2?} (floor {floor:.2?}, ratio {ratio:.3}, 429s {})",
        sandbox.rate_limited()
    );
    rows.push(Row {
        figure: format!("Sync of {variants} variants ({pages} pages of {page_size} products) at 4 requests/s"),
        target: "within 5% of the floor (pages / 4)".into(),
        measured: format!(
            "{:.1} s = {ratio:.3} × floor ({:.1} s); {} × 429",
            elapsed.as_secs_f64(),
            floor.as_secs_f64(),
            sandbox.rate_limited()
        ),
        pass: ratio <= 1.05,
    });
}

fn search_benchmark(rows: &mut Vec<Row>) {
    let catalog = Catalog::generated(52_700);
    let products: Vec<Product> = catalog.products.iter().map(|p| serde_json::from_value(p.clone()).unwrap()).collect();
    let dir = tempfile::tempdir().unwrap();
    let db = counterpay_core::db::Db::open(&dir.path().join("bench.db")).unwrap();
    let loaded = Instant::now();
    let count = counterpay_core::catalog::replace_all(&db, &products).unwrap();
    println!("search: {count} variants cached in {:.2?}", loaded.elapsed());

    // Every keystroke of 300 titles, each then cleared, 100 SKUs and 100 barcodes, as staff
    // type them.
    let mut queries: Vec<String> = Vec::new();
    for v in catalog.variants.iter().step_by(catalog.variants.len() / 300).take(300) {
        let title = format!("{} {}", v.product_title, v.variant_title);
        let mut typed = String::new();
        for c in title.chars().take(18) {
            typed.push(c);
            queries.push(typed.clone());
        }
        // Cleared again (a scan's line added, a search done): the whole catalog, listed.
        queries.push(String::new());
    }
    for v in catalog.variants.iter().step_by(catalog.variants.len() / 100).take(100) {
        let mut typed = String::new();
        for c in v.sku.chars() {
            typed.push(c);
            queries.push(typed.clone());
        }
        queries.push(v.upc.clone());
    }
    for q in queries.iter().take(200) {
        catalog::search(&db, q, 120).unwrap(); // warm the page cache
    }
    let mut times: Vec<Duration> = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        let hits = catalog::search(&db, q, 120).unwrap();
        times.push(t.elapsed());
        std::hint::black_box(hits);
    }
    if std::env::var_os("BENCH_VERBOSE").is_some() {
        for q in ["Soft Cushion 34", "Coastal Scarf 3", "Trav", "Mug"] {
            let t = Instant::now();
            for _ in 0..20 {
                catalog::by_code(&db, q).unwrap();
            }
            let code = t.elapsed() / 20;
            let t = Instant::now();
            for _ in 0..20 {
                catalog::search(&db, q, 120).unwrap();
            }
            println!("  {q:?}: by_code {} search {}", ms(code), ms(t.elapsed() / 20));
        }
        let mut slow: Vec<(Duration, &String)> = times.iter().copied().zip(queries.iter()).collect();
        slow.sort_by_key(|s| std::cmp::Reverse(s.0));
        for (t, q) in slow.iter().take(15) {
            println!("  slow: {} {q:?}", ms(*t));
        }
    }
    times.sort();
    let (p50, p95, max) = (percentile(&times, 0.50), percentile(&times, 0.95), *times.last().unwrap());
    println!("search: {} queries, p50 {} p95 {} max {}", times.len(), ms(p50), ms(p95), ms(max));
    rows.push(Row {
        figure: format!("Search as you type, {count} variants, {} keystrokes (titles, SKUs, barcodes, the cleared box)", times.len()),
        target: "p95 under 10 ms".into(),
        measured: format!("p50 {}, p95 {}, max {}", ms(p50), ms(p95), ms(max)),
        pass: p95 < Duration::from_millis(10),
    });
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing useful either.
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let mut rows = Vec::new();
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    if only.is_empty() || only == "search" {
        search_benchmark(&mut rows);
    }
    if only.is_empty() || only == "sync" {
        rt.block_on(sync_benchmark(&mut rows));
    }
    if only.is_empty() {
        common::write_section("catalog", "Catalog", &rows);
    }
    let failed = rows.iter().filter(|r| !r.pass).count();
    println!("{} passed, {failed} failed", rows.len() - failed);
}
