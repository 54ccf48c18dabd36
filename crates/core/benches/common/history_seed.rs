//! A history of sales written straight into a counter's database file, as the counter would
//! have stored them (the demo catalog's products, 500 customers, two years of days, 80% paid
//! with the store's full order JSON): for the history and the window benchmarks.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::params;
use serde_json::json;

pub const FIRST: [&str; 25] = [
    "Ada", "Ben", "Cleo", "Dev", "Elif", "Farid", "Greta", "Hana", "Ivo", "Jun", "Kofi", "Lena", "Mads", "Nia", "Omar", "Priya", "Quinn",
    "Rosa", "Sami", "Tove", "Uma", "Vik", "Wen", "Xena", "Yusuf",
];
pub const LAST: [&str; 20] = [
    "Andersen", "Baker", "Castillo", "Dubois", "Eriksson", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski", "Larsen",
    "Moreau", "Nakamura", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka", "Virtanen",
];

/// The demo catalog's products as (title, sku, price in cents).
pub fn products() -> Vec<(String, String, i64)> {
    counterpay_sandbox::Catalog::demo()
        .variants
        .iter()
        .map(|v| {
            let title =
                if v.variant_title.is_empty() { v.product_title.clone() } else { format!("{} ({})", v.product_title, v.variant_title) };
            let cents = v.price_in("USD").map(|p| (p * rust_decimal::Decimal::from(100)).try_into().unwrap_or(1000)).unwrap_or(1000);
            (title, v.sku.clone(), cents)
        })
        .collect()
}

pub fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Write `n` sales straight into the database file, as the counter would have stored them.
pub fn seed(path: &std::path::Path, n: usize) {
    let products = products();
    let mut rng = StdRng::seed_from_u64(1_000_000);
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut sale = tx
            .prepare(
                "INSERT INTO sales(id, token_hash, return_url, state, currency, total, payment_complete_url, order_number, store_total,
                    order_json, customer, after_cancel, created_at, updated_at, paid_at, refunded, store_status, search_key)
                 VALUES (?1, ?2, ?3, ?4, 'USD', ?5, ?6, ?7, ?5, ?8, ?9, 0, ?10, ?10, ?11, '0.00', ?12, ?13)",
            )
            .unwrap();
        let mut line = tx
            .prepare("INSERT INTO sale_lines(sale_id, position, variant_id, title, sku, quantity, unit_price) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .unwrap();
        let mut event = tx.prepare("INSERT INTO sale_events(sale_id, at, state, note) VALUES (?1, ?2, ?3, ?4)").unwrap();
        let mut fts = tx.prepare("INSERT INTO sales_fts(rowid, doc) VALUES (?1, ?2)").unwrap();
        let start = 1_700_000_000_000i64; // two years of trading before the last sale
        let step = (2 * 365 * 86_400_000i64) / n as i64;
        for i in 0..n {
            let id = format!("s_{i:012}");
            let created = start + i as i64 * step + rng.random_range(0..step.max(1));
            let paid = rng.random_bool(0.8);
            let (first, last) = (FIRST[rng.random_range(0..FIRST.len())], LAST[rng.random_range(0..LAST.len())]);
            let email = format!("{}.{}{}@example.com", first.to_lowercase(), last.to_lowercase(), rng.random_range(0..20));
            let count = rng.random_range(1..=3);
            let mut basket = Vec::new();
            let mut total = 0;
            for _ in 0..count {
                let (title, sku, cents) = &products[rng.random_range(0..products.len())];
                let qty = rng.random_range(1..=3);
                total += cents * qty;
                basket.push((title.clone(), sku.clone(), *cents, qty));
            }
            let number = (10_000_000 + i).to_string();
            let order = paid.then(|| {
                json!({
                    "number": number, "currency": "USD", "payment_status": "paid", "status": "open",
                    "total_incl_tax": money(total), "total_excl_tax": money(total), "total_tax": "0.00",
                    "created_at": "2026-01-01T10:00:00Z", "supports_post_purchase_upsells": true,
                    "metadata": { "counterpay_sale": id, "counterpay_counter": "counter-bench" },
                    "tags": ["counterpay", "counterpay:counter-bench"],
                    "user": { "id": 501, "email": email, "first_name": first, "last_name": last },
                    "lines": basket.iter().enumerate().map(|(k, (t, s, c, q))| json!({
                        "id": (10_000_000 + i) * 100 + k, "product_title": t, "variant_title": "", "sku": s, "quantity": q,
                        "price_incl_tax": money(c * q), "price_excl_tax": money(c * q), "is_upsell": false, "metadata": {},
                        "currency": "USD", "product_id": 1, "variant_id": 1, "tax_lines": [], "total_discount": "0.00",
                    })).collect::<Vec<_>>(),
                    "transactions": [{ "id": i, "amount": money(total), "type": "debit", "status": "succeeded", "payment_method": "klarna" }],
                    "refunds": [], "shipping_incl_tax": "0.00", "total_discount": "0.00", "fulfillment_status": "unfulfilled",
                })
                .to_string()
            });
            sale.execute(params![
                id,
                format!("{:064x}", i),
                format!("https://counter.example.com/klarna/return/{i:043}"),
                if paid { "paid" } else { ["failed", "expired", "cancelled"][i % 3] },
                money(total),
                format!("https://demo.example/klarna/checkout/{i}"),
                paid.then(|| number.clone()),
                order,
                paid.then(|| format!("{first} {last}")),
                created,
                paid.then_some(created + 30_000),
                paid.then_some("open"),
                created * 1000 + (i % 1000) as i64,
            ])
            .unwrap();
            let mut doc = if paid { format!("{number} {first} {last} {email}") } else { String::new() };
            for (k, (t, s, c, q)) in basket.iter().enumerate() {
                line.execute(params![id, k as i64, 1, t, s, q, money(*c)]).unwrap();
                doc.push_str(&format!(" {t} {s}"));
            }
            fts.execute(params![created * 1000 + (i % 1000) as i64, doc]).unwrap();
            event.execute(params![id, created, "creating", "Charge pressed; asking the store for a Klarna payment link"]).unwrap();
            event.execute(params![id, created + 1_000, "awaiting_payment", "Payment link ready; QR code shown"]).unwrap();
            if paid {
                event
                    .execute(params![id, created + 30_000, "paid", format!("The store confirmed order {number} ({} USD)", money(total))])
                    .unwrap();
            }
            if i % 100_000 == 99_999 {
                println!("seeded {} sales", i + 1);
            }
        }
    }
    tx.commit().unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE").unwrap();
}
