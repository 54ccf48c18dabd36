//! Printed receipts against a printer stand-in on loopback: the bytes it records are read
//! back to the text, the QR code and the cut, and every figure is checked against the
//! store's own order. A printer that is out of paper, open or off is named, and the sale
//! goes on.

use std::time::{Duration, Instant};

use counterpay_core::config::Settings;
use counterpay_core::receipt::{paper, paper_money};
use counterpay_core::sale::BasketLine;
use counterpay_core::words::Lang;
use counterpay_sandbox::printer::{PrinterState, StandInPrinter};
use rust_decimal::Decimal;

use crate::support::*;

const TEE_M: i64 = 102;
const PINS: i64 = 140;

async fn with_printer(h: &Harness, printer: &StandInPrinter, automatically: bool) {
    let settings = Settings { printer: Some(printer.address()), paper_mm: 80, print_automatically: automatically, ..h.counter.settings() };
    h.counter.save_settings(settings, None).await.unwrap();
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn timeline(h: &Harness, id: &str) -> Vec<String> {
    h.counter.sale(id).unwrap().timeline.unwrap().into_iter().map(|e| e.note).collect()
}

#[tokio::test]
async fn a_paid_sale_prints_a_receipt_with_every_figure_as_the_store_computed_it() {
    let h = harness().await;
    let printer = StandInPrinter::start().await;
    with_printer(&h, &printer, true).await;
    let sale = paid_sale(&h, &[BasketLine::new(TEE_M, 2), BasketLine::new(PINS, 1)]).await;
    let number = sale.order_number.clone().unwrap();

    // Printed by itself once the sale is paid.
    let jobs = printer.wait_for_jobs(1, 10).await;
    assert_eq!(jobs.len(), 1, "one receipt");
    let receipt = paper::read(&jobs[0]).expect("the bytes are ESC/POS Counterpay writes");
    let text = receipt.text();
    let store = raw_get(&h.sandbox, "store/").await;
    let store = if store.is_array() { store[0].clone() } else { store };
    assert!(receipt.lines.iter().any(|l| l.large && l.text == store["name"].as_str().unwrap()), "the shop's name heads it: {text}");
    assert!(text.contains(store["contact_address"]["line1"].as_str().unwrap()), "its address: {text}");
    assert!(text.contains(&format!("Order {number}")), "{text}");
    let order = raw_get(&h.sandbox, &format!("orders/{number}/")).await;
    let cur = order["currency"].as_str().unwrap();
    for line in order["lines"].as_array().unwrap() {
        let qty = line["quantity"].as_i64().unwrap();
        let title = line["product_title"].as_str().unwrap();
        let amount = paper_money(Lang::En, dec(line["price_incl_tax"].as_str().unwrap()), cur);
        let at =
            receipt.lines.iter().position(|l| l.text.starts_with(&format!("{qty} × {title}"))).unwrap_or_else(|| panic!("{title}: {text}"));
        assert!(receipt.lines[at..].iter().take(3).any(|l| l.text.ends_with(&format!(" {amount}"))), "{title} at {amount}: {text}");
    }
    let total = paper_money(Lang::En, dec(order["total_incl_tax"].as_str().unwrap()), cur);
    let line = receipt.lines.iter().find(|l| l.text.starts_with("Total")).expect("a total");
    assert!(line.bold && line.text.ends_with(&total), "{line:?} vs {total}");
    let tax = paper_money(Lang::En, dec(order["total_tax"].as_str().unwrap()), cur);
    assert!(receipt.lines.iter().any(|l| l.text.starts_with("Tax") && l.text.ends_with(&tax)), "the store's tax {tax}: {text}");
    assert!(text.contains("Paid with Klarna"), "{text}");
    assert_eq!(receipt.qr_codes.iter().map(|q| q.0.as_str()).collect::<Vec<_>>(), [number.as_str()], "a QR code of the order number");
    assert_eq!(receipt.cuts, 1, "and the paper is cut");
    assert!(timeline(&h, &sale.id).iter().any(|n| n == "Receipt printed"));

    // An upsell, then the receipt again from History: the added line and the new total.
    let upsell = h.counter.add_upsell(&sale.id, PINS, 1, None).await.unwrap();
    assert_eq!(serde_json::to_value(upsell.state).unwrap(), "charged");
    h.counter.print_receipt(&sale.id).await.unwrap();
    let again = paper::read(&printer.wait_for_jobs(2, 10).await[1]).unwrap();
    let order = raw_get(&h.sandbox, &format!("orders/{number}/")).await;
    let total = paper_money(Lang::En, dec(order["total_incl_tax"].as_str().unwrap()), cur);
    assert!(again.text().contains("(added)"), "the upsell is marked: {}", again.text());
    assert!(again.lines.iter().any(|l| l.text.starts_with("Total") && l.text.ends_with(&total)), "{}", again.text());

    // The preview is the same receipt, read back from the same bytes.
    let preview = h.counter.receipt_preview(&sale.id).unwrap();
    assert_eq!(preview.text, again.text());
    assert!(preview.svg.starts_with("<svg") && preview.svg.contains("Paid with Klarna"));

    // A refund prints its slip.
    let quote = h.counter.refund_quote(&sale.id, None).await.unwrap();
    h.counter.refund(&sale.id, None, quote.amount_incl_tax).await.unwrap();
    let jobs = printer.wait_for_jobs(3, 10).await;
    let slip = paper::read(&jobs[2]).unwrap();
    let amount = paper_money(Lang::En, quote.amount_incl_tax, cur);
    assert!(slip.text().contains("REFUND") && slip.text().contains(&format!("Order {number}")), "{}", slip.text());
    assert!(slip.lines.iter().any(|l| l.bold && l.text.starts_with("Paid back") && l.text.ends_with(&amount)), "{}", slip.text());
    assert_eq!(slip.cuts, 1);
}

#[tokio::test]
async fn a_printer_out_of_paper_open_or_off_is_named_and_the_sale_goes_on() {
    let h = harness().await;
    let mut printer = StandInPrinter::start().await;
    with_printer(&h, &printer, false).await;
    let sale = paid_sale(&h, &[BasketLine::new(PINS, 1)]).await;
    assert!(printer.jobs().is_empty(), "not printed by itself when staff print on the button");

    printer.set_state(PrinterState::OutOfPaper);
    let e = h.counter.print_receipt(&sale.id).await.unwrap_err();
    assert!(e.public_message().contains("out of paper"), "{}", e.public_message());
    printer.set_state(PrinterState::CoverOpen);
    let e = h.counter.print_receipt(&sale.id).await.unwrap_err();
    assert!(e.public_message().contains("cover is open"), "{}", e.public_message());
    assert!(printer.jobs().is_empty(), "nothing is sent to a printer that cannot print it");

    // A printer that answers no status prints anyway.
    printer.set_state(PrinterState::Silent);
    h.counter.print_receipt(&sale.id).await.unwrap();
    assert_eq!(printer.wait_for_jobs(1, 10).await.len(), 1);

    // Off: named within seconds, and selling goes on with the printer still off.
    let address = printer.address();
    printer.off();
    let started = Instant::now();
    let e = h.counter.print_receipt(&sale.id).await.unwrap_err();
    assert!(e.public_message().contains(&address) && e.public_message().contains("switched on"), "{}", e.public_message());
    assert!(started.elapsed() < Duration::from_secs(8), "a printer that is off never holds the counter");
    let notes = timeline(&h, &sale.id);
    assert!(notes.iter().any(|n| n.starts_with("Receipt not printed: The printer is out of paper")), "{notes:?}");

    let settings = Settings { print_automatically: true, ..h.counter.settings() };
    h.counter.save_settings(settings, None).await.unwrap();
    let next = paid_sale(&h, &[BasketLine::new(TEE_M, 1)]).await;
    assert_eq!(serde_json::to_value(next.state).unwrap(), "paid");
    eventually(Duration::from_secs(10), "the failed print noted", || {
        timeline(&h, &next.id).into_iter().find(|n| n.starts_with("Receipt not printed"))
    })
    .await;

    // No printer at all: a plain answer, nothing else.
    h.counter.save_settings(Settings { printer: None, ..h.counter.settings() }, None).await.unwrap();
    let e = h.counter.print_receipt(&next.id).await.unwrap_err();
    assert!(e.public_message().contains("No receipt printer"), "{}", e.public_message());
}

#[tokio::test]
async fn a_bad_printer_address_or_paper_width_is_refused_in_settings() {
    let h = harness().await;
    for (printer, paper_mm, words) in [("host:port", 80, "port"), ("192.168.1.50:9100", 70, "58 or 80")] {
        let settings = Settings { printer: Some(printer.into()), paper_mm, ..h.counter.settings() };
        let e = h.counter.save_settings(settings, None).await.unwrap_err();
        assert!(e.public_message().contains(words), "{printer}: {}", e.public_message());
    }
    let ok = Settings { printer: Some("/dev/usb/lp0".into()), paper_mm: 58, ..h.counter.settings() };
    h.counter.save_settings(ok, None).await.unwrap();
}
