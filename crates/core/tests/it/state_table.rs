//! The sale's one state table as the database applies it, and rows that cannot be read.

use counterpay_core::db::audit::{self, AuditFilter};
use counterpay_core::db::sales::{self, Changes, Moved};
use counterpay_core::domain::sale::{next, SaleEvent, SaleState, TRANSITIONS};
use counterpay_core::ErrorCode;

use crate::support::*;

fn basket() -> Vec<counterpay_core::sale::BasketLine> {
    vec![counterpay_core::sale::BasketLine::new(140, 1)]
}

fn sale_audit(h: &Harness, id: &str) -> Vec<(Option<String>, Option<String>)> {
    let f = AuditFilter { action: Some("sale.state".into()), text: Some(id.into()), ..Default::default() };
    let mut entries = audit::list(h.counter.db(), &f, 100, 0).unwrap();
    entries.reverse();
    entries.into_iter().map(|e| (e.before, e.after)).collect()
}

#[tokio::test]
async fn every_event_moves_a_stored_sale_as_the_table_says_with_its_audit_entry() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    for from in SaleState::ALL {
        for event in SaleEvent::ALL {
            // The sale put in `from` directly in the file.
            sql(&h.counter, &format!("UPDATE sales SET state = '{}' WHERE id = '{}'", from.as_str(), sale.id)).unwrap();
            let audit_before = sale_audit(&h, &sale.id).len();
            let timeline_before = sales::events(h.counter.db(), &sale.id).unwrap().len();

            let moved = sales::transition(h.counter.db(), &sale.id, event, &Changes::default(), "test", "system").unwrap();
            let now = sales::get(h.counter.db(), &sale.id).unwrap().unwrap().state;
            match next(from, event) {
                Ok(to) => {
                    assert_eq!(moved, Moved::To(from, to));
                    assert_eq!(now, to);
                    assert_eq!(sales::events(h.counter.db(), &sale.id).unwrap().len(), timeline_before + 1, "one timeline entry");
                    let audit = sale_audit(&h, &sale.id);
                    assert_eq!(audit.len(), audit_before + 1, "one audit entry, written with the move");
                    assert_eq!(audit.last().unwrap(), &(Some(from.as_str().into()), Some(to.as_str().into())));
                }
                Err(refused) => {
                    assert_eq!(moved, Moved::Refused(refused), "{from} + {event:?}");
                    assert_eq!(now, from, "a refused event changes nothing");
                    assert_eq!(sales::events(h.counter.db(), &sale.id).unwrap().len(), timeline_before);
                    assert_eq!(sale_audit(&h, &sale.id).len(), audit_before);
                }
            }
        }
    }
    assert!(TRANSITIONS.len() > 20);
}

#[tokio::test]
async fn an_unreadable_sale_row_is_an_error_that_names_it_never_a_zero_or_a_draft() {
    let h = harness().await;
    let sale = h.counter.charge(&basket()).await.unwrap();
    sql(&h.counter, &format!("UPDATE sales SET total = 'twelve' WHERE id = '{}'", sale.id)).unwrap();
    let e = h.counter.sale(&sale.id).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Internal);
    let text = e.to_string();
    assert!(text.contains(&format!("sales row {}", sale.id)) && text.contains("total"), "{text}");
    assert!(h.counter.history(&Default::default(), 50, 0).is_err(), "History says it cannot read, instead of showing 0.00");

    sql(&h.counter, &format!("UPDATE sales SET total = '24.00', state = 'maybe' WHERE id = '{}'", sale.id)).unwrap();
    let text = h.counter.sale(&sale.id).unwrap_err().to_string();
    assert!(text.contains("unknown sale state \"maybe\""), "{text}");
    let moved = sales::transition(h.counter.db(), &sale.id, SaleEvent::Cancel, &Changes::default(), "test", "system");
    assert!(moved.unwrap_err().to_string().contains(&sale.id), "nor is it moved as if it were a draft");
}

#[tokio::test]
async fn an_unreadable_upsell_or_refund_row_is_named_too() {
    let h = harness().await;
    let sale = paid_sale(&h, &basket()).await;
    sql(&h.counter, &format!(
        "INSERT INTO upsells(id, sale_id, order_number, idempotency_key, variant_id, title, sku, quantity, unit_price, price_override, state, created_at, updated_at)
         VALUES ('u_bad', '{}', 'x', 'k', 1, 't', 's', 1, '1,50', 0, 'charged', 0, 0)", sale.id)).unwrap();
    let text = h.counter.sale(&sale.id).unwrap_err().to_string();
    assert!(text.contains("upsells row u_bad") && text.contains("unit_price"), "{text}");
}
