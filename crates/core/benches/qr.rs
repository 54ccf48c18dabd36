//! In-process figures with criterion (`make bench`): the QR code's PNG for a real-length
//! payment link, and parsing a posted return. Criterion's estimates are then written into
//! BENCHMARKS.md between the qr markers.

mod common;

// The app's allocator (src-tauri/main.rs), so the QR code is made as it is in the app.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use criterion::{black_box, Criterion};

const URL: &str = "https://demo-shop.29next.store/checkout/klarna/complete/8f0c2a8e7d6b4c1fa9e3b5d7c9f1e2a4/";

fn estimate(name: &str) -> Option<(f64, f64)> {
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into());
    let text = std::fs::read_to_string(format!("{target}/criterion/{name}/new/estimates.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    // Nanoseconds: the mean, and the upper bound of its 95% confidence interval.
    Some((v["mean"]["point_estimate"].as_f64()?, v["mean"]["confidence_interval"]["upper_bound"].as_f64()?))
}

fn main() {
    let order = serde_json::json!({
        "number": "10001", "currency": "USD", "total_incl_tax": "42.50", "payment_status": "paid",
        "lines": (0..3).map(|i| serde_json::json!({ "id": i, "product_title": "Everyday Canvas Tote", "variant_title": "", "sku": "ECT-110",
            "quantity": 1, "price_incl_tax": "18.50", "metadata": {}, "tax_lines": [] })).collect::<Vec<_>>(),
        "user": { "email": "customer@example.com", "first_name": "Demo", "last_name": "Customer" },
    })
    .to_string();
    let body = url::form_urlencoded::Serializer::new(String::new()).append_pair("response", &order).finish();

    let mut c = Criterion::default().configure_from_args().measurement_time(std::time::Duration::from_secs(3));
    c.bench_function("qr_png", |b| b.iter(|| counterpay_core::qr::png_data_url(black_box(URL)).unwrap()));
    c.bench_function("return_form_parse", |b| b.iter(|| counterpay_core::sale::Claim::from_form(black_box(body.as_bytes())).unwrap()));
    c.final_summary();

    let mut rows = Vec::new();
    if let Some((mean, upper)) = estimate("qr_png") {
        rows.push(common::Row {
            figure: format!("QR code PNG (as a data: URL) for a {}-character payment link (criterion)", URL.len()),
            target: "under 1 ms".into(),
            measured: format!("mean {:.1} µs (95% CI upper {:.1} µs)", mean / 1000.0, upper / 1000.0),
            pass: upper < 1_000_000.0,
        });
    }
    if let Some((mean, upper)) = estimate("return_form_parse") {
        rows.push(common::Row {
            figure: format!("Parse a posted return ({} bytes, form-encoded order) (criterion)", body.len()),
            target: "reported".into(),
            measured: format!("mean {:.1} µs (95% CI upper {:.1} µs)", mean / 1000.0, upper / 1000.0),
            pass: true,
        });
    }
    common::write_section("qr", "In-process", &rows);
}
