//! The end-of-day report in the shop's timezone, adding up to the store's orders exactly,
//! and the CSV exports read back.

use chrono::NaiveDate;
use counterpay_core::sale::BasketLine;
use rust_decimal::Decimal;

use crate::support::*;

/// Milliseconds of a UTC time.
fn utc(s: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark for spreadsheets");
    csv::Reader::from_reader(text.as_bytes()).records().map(|r| r.unwrap()).collect()
}

#[tokio::test]
async fn the_day_report_adds_up_to_the_orders_in_the_shops_timezone() {
    let h = harness().await;
    h.counter.test_connection().await.unwrap(); // the demo store is in America/Los_Angeles
    assert_eq!(h.counter.shop_timezone().name(), "America/Los_Angeles");

    // Four payments around the shop's midnight (UTC-8 in November), one decline.
    let times = [
        "2026-11-20T07:30:00Z", // 19 Nov, 23:30 in the shop: the day before
        "2026-11-20T08:30:00Z", // 20 Nov, 00:30
        "2026-11-20T20:00:00Z", // 20 Nov, 12:00
        "2026-11-21T07:59:00Z", // 20 Nov, 23:59 (already 21 Nov in UTC)
    ];
    let baskets = [
        vec![BasketLine::new(140, 1)],
        vec![BasketLine::new(140, 2)],
        vec![BasketLine::new(110, 1), BasketLine::new(140, 1)],
        vec![BasketLine::new(181, 3)],
    ];
    let mut sales = Vec::new();
    for (t, b) in times.iter().zip(baskets.iter()) {
        let s = paid_sale(&h, b).await;
        sql(&h.counter, &format!("UPDATE sales SET created_at = {} WHERE id = '{}'", utc(t), s.id)).unwrap();
        sales.push(s);
    }
    let declined = h.counter.charge(&[BasketLine::new(110, 1)]).await.unwrap();
    browser(declined.payment_complete_url.as_deref().unwrap(), false).await;
    sql(&h.counter, &format!("UPDATE sales SET created_at = {} WHERE id = '{}'", utc("2026-11-20T18:00:00Z"), declined.id)).unwrap();
    // An upsell and a refund on the noon sale.
    h.counter.add_upsell(&sales[2].id, 181, 1, None).await.unwrap();
    h.counter.refund(&sales[2].id, None, h.counter.refund_quote(&sales[2].id, None).await.unwrap().amount_incl_tax).await.unwrap();

    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let r = h.counter.report(day, day).unwrap();
    let store_total = |s: &counterpay_core::sale::SaleView| -> Decimal {
        h.sandbox.order(s.order_number.as_deref().unwrap()).unwrap()["total_incl_tax"].as_str().unwrap().parse().unwrap()
    };
    let expected: Decimal = sales[1..].iter().map(store_total).sum();
    assert_eq!(r.totals.len(), 1);
    let t = &r.totals[0];
    assert_eq!((t.sales, t.value), (3, expected), "the shop's day, not UTC's: {r:#?}");
    assert_eq!(t.refunded, store_total(&sales[2]), "the refund of the noon sale");
    assert_eq!(t.net, t.value - t.refunded);
    let hours: Vec<(u32, i64)> = r.by_hour.iter().filter(|h| h.sales > 0).map(|h| (h.hour, h.sales)).collect();
    assert_eq!(hours, vec![(0, 1), (12, 1), (23, 1)]);
    assert_eq!(r.by_hour.iter().map(|h| h.value).sum::<Decimal>(), t.value, "hours add up to the total");
    assert_eq!(r.by_product.iter().map(|p| p.value).sum::<Decimal>(), t.value, "products add up to the total");
    assert_eq!(r.by_staff.iter().map(|p| p.value).sum::<Decimal>(), t.value, "staff add up to the total");
    assert_eq!((r.upsells_taken, r.sessions.failed), (1, 1));
    assert_eq!(r.refunds_made, 0, "the refund was made today, not on the 20th");

    // The day before holds only the 23:30 sale; both days together hold all four.
    let before = h.counter.report(day.pred_opt().unwrap(), day.pred_opt().unwrap()).unwrap();
    assert_eq!(before.totals[0].value, store_total(&sales[0]));
    let both = h.counter.report(day.pred_opt().unwrap(), day).unwrap();
    assert_eq!(both.totals[0].value, sales.iter().map(store_total).sum::<Decimal>());

    // CSV: read back, every figure the same.
    let rows = csv_rows(&h.counter.export_csv("sales", day, day).unwrap());
    assert_eq!(rows.len(), 4, "three payments and the decline");
    let paid_sum: Decimal = rows.iter().filter(|r| &r[4] == "paid").map(|r| r[7].parse::<Decimal>().unwrap()).sum();
    assert_eq!(paid_sum, t.value);
    assert!(rows.iter().any(|r| &r[2] == "2026-11-20 00:30:00"), "times are the shop's");
    assert!(rows.iter().any(|r| &r[2] == "2026-11-20 23:59:00"));
    let lines = csv_rows(&h.counter.export_csv("lines", day, day).unwrap());
    let lines_sum: Decimal = lines.iter().filter(|r| &r[3] == "paid").map(|r| r[8].parse::<Decimal>().unwrap()).sum();
    assert_eq!(lines_sum, t.value, "lines add up, upsells included");
    let report = csv_rows(&h.counter.export_csv("report", day, day).unwrap());
    let total = report.iter().find(|r| &r[0] == "total" && &r[1] == "sales").unwrap();
    assert_eq!((total[2].parse::<i64>().unwrap(), total[3].parse::<Decimal>().unwrap()), (3, t.value));
    assert!(h.counter.export_csv("everything", day, day).is_err());
}

#[tokio::test]
async fn the_window_asks_for_days_as_text_and_gets_a_file_back() {
    let h = harness().await;
    paid_sale(&h, &[BasketLine::new(140, 1)]).await;
    let today = h.counter.today();
    assert_eq!(h.counter.parse_day("").unwrap(), today, "no day is today in the shop");
    assert_eq!(h.counter.parse_day(" 2026-03-29 ").unwrap(), chrono::NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
    for bad in ["29.03.2026", "2026-02-30", "yesterday", "2026-3-29x"] {
        let e = h.counter.parse_day(bad).unwrap_err();
        assert_eq!(e.code(), counterpay_core::ErrorCode::InvalidInput, "{bad}");
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    }

    // Into the folder given (the shell's Downloads), or the data folder's exports/ without one.
    let downloads = tempfile::tempdir().unwrap();
    let file = h.counter.export_csv_file("sales", "", "", Some(downloads.path().to_path_buf())).unwrap();
    assert_eq!(file.parent(), Some(downloads.path()));
    assert_eq!(file.file_name().unwrap().to_string_lossy(), format!("counterpay-sales-{today}-to-{today}.csv"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), h.counter.export_csv("sales", today, today).unwrap(), "the export, as it is");
    let gone = downloads.path().join("not-there");
    let fallback = h.counter.export_csv_file("report", "", "", Some(gone)).unwrap();
    assert_eq!(fallback.parent().unwrap(), h.counter.database_path().parent().unwrap().join("exports"));
    assert!(h.counter.export_csv_file("everything", "", "", None).is_err(), "an unknown export writes nothing");
}
