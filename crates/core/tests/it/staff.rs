//! Staff, PINs and roles, enforced in the core; the audit log.

use std::time::Duration;

use counterpay_core::config::{EnvOverrides, Settings};
use counterpay_core::db::audit::AuditFilter;
use counterpay_core::db::sales::Filter;
use counterpay_core::db::staff::Role;
use counterpay_core::sale::BasketLine;
use counterpay_core::staff::StaffChange;
use counterpay_core::ErrorCode;

use crate::support::*;

fn member(name: &str, role: Role, pin: &str) -> StaffChange {
    StaffChange { name: name.into(), role, pin: Some(pin.into()), active: true }
}

#[tokio::test]
async fn roles_are_enforced_in_the_core() {
    let h = harness().await;
    // Without staff, the counter is one shared till.
    let before_staff = paid_sale(&h, &[BasketLine::new(140, 1)]).await;
    assert_eq!(before_staff.staff, None);

    let err = h.counter.add_staff(member("Bo", Role::Cashier, "2222")).unwrap_err();
    assert!(err.to_string().contains("first staff member must be a manager"), "{err}");
    let ada = h.counter.add_staff(member("Ada", Role::Manager, "111111")).unwrap();
    assert_eq!(h.counter.sign_in_state().unwrap().current.map(|s| s.name), Some("Ada".into()), "the first manager is signed in");
    assert!(h
        .counter
        .add_staff(member("Cy", Role::Cashier, "111111"))
        .unwrap_err()
        .to_string()
        .contains("Another staff member has this PIN"));
    assert!(h.counter.add_staff(member("Cy", Role::Cashier, "12a4")).unwrap_err().to_string().contains("4 to 8 digits"));
    h.counter.add_staff(member("Bo", Role::Cashier, "2222")).unwrap();

    // Nobody signed in: nothing can be sold.
    h.counter.sign_out().unwrap();
    let locked = h.counter.charge(&[BasketLine::new(140, 1)]).await.unwrap_err();
    assert_eq!(locked.code(), ErrorCode::Locked);
    assert_eq!(h.counter.history(&Filter::default(), 10, 0).unwrap_err().code(), ErrorCode::Locked);

    // A cashier sells and upsells, and is named on the order.
    assert_eq!(h.counter.sign_in("2222").await.unwrap().name, "Bo");
    let sale = paid_sale(&h, &[BasketLine::new(140, 1)]).await;
    assert_eq!(sale.staff.as_deref(), Some("Bo"));
    let create = h.sandbox.requests().into_iter().rev().find(|r| r.method == "POST" && r.path.ends_with("/orders/")).unwrap();
    let body = create.body.unwrap();
    assert_eq!(body["metadata"]["counterpay_staff"], "Bo", "the store sees who sold it");
    assert_eq!(body["attribution"]["metadata"]["counterpay_staff"], "Bo");
    assert_matches_schema("CreateOrder", &body);
    let up = h.counter.add_upsell(&sale.id, 181, 1, None).await.unwrap();
    assert_eq!(up.by_whom.as_deref(), Some("Bo"));

    // ...but cannot refund, cancel, change settings, see reports, the audit log or staff.
    let forbidden = |e: counterpay_core::Error| {
        assert_eq!(e.code(), ErrorCode::Forbidden, "{e}");
        assert!(e.to_string().contains("Only a manager"), "{e}");
    };
    forbidden(h.counter.refund_quote(&sale.id, None).await.unwrap_err());
    forbidden(h.counter.refund(&sale.id, None, "12.00".parse().unwrap()).await.unwrap_err());
    forbidden(h.counter.cancel_order(&sale.id, "no").await.unwrap_err());
    forbidden(h.counter.save_settings(h.counter.settings(), None).await.unwrap_err());
    forbidden(h.counter.report(h.counter.today(), h.counter.today()).unwrap_err());
    forbidden(h.counter.audit_log(&AuditFilter::default(), 10, 0).unwrap_err());
    forbidden(h.counter.staff_list().unwrap_err());
    forbidden(h.counter.import_store_history(|_| {}).await.unwrap_err());
    assert!(h.sandbox.requests().iter().all(|r| !r.path.contains("/refund")), "nothing reached the store");

    // A cashier sees today's sales only.
    sql(&h.counter, &format!("UPDATE sales SET created_at = created_at - 3 * 86400000 WHERE id = '{}'", before_staff.id)).unwrap();
    let seen: Vec<String> = h.counter.history(&Filter::default(), 50, 0).unwrap().into_iter().map(|s| s.id).collect();
    assert!(seen.contains(&sale.id) && !seen.contains(&before_staff.id), "{seen:?}");
    forbidden(h.counter.sale_detail(&before_staff.id).unwrap_err());

    // A manager can, and is recorded as doing it.
    assert_eq!(h.counter.sign_in("111111").await.unwrap().name, "Ada");
    assert_eq!(h.counter.history(&Filter::default(), 50, 0).unwrap().len(), 2);
    let refund = h.counter.refund(&sale.id, None, h.counter.refund_quote(&sale.id, None).await.unwrap().amount_incl_tax).await.unwrap();
    assert!(refund.by_whom.starts_with("Ada"), "{}", refund.by_whom);
    let by_bo = Filter { staff: Some("Bo".into()), ..Default::default() };
    assert_eq!(h.counter.history(&by_bo, 50, 0).unwrap().len(), 1, "History filters by staff");

    // The last manager stays a manager.
    let err =
        h.counter.update_staff(&ada.id, StaffChange { name: "Ada".into(), role: Role::Cashier, pin: None, active: true }).unwrap_err();
    assert!(err.to_string().contains("last manager"), "{err}");
}

#[tokio::test]
async fn wrong_pins_are_throttled_across_restarts() {
    let h = harness().await;
    h.counter.add_staff(member("Ada", Role::Manager, "111111")).unwrap();
    h.counter.sign_out().unwrap();
    for i in 1..=4 {
        let e = h.counter.sign_in("9999").await.unwrap_err();
        assert_eq!(e.to_string(), "Wrong PIN.", "attempt {i}");
    }
    let fifth = h.counter.sign_in("9999").await.unwrap_err();
    assert!(fifth.to_string().contains("try again in 30 s"), "{fifth}");
    let right_but_waiting = h.counter.sign_in("111111").await.unwrap_err();
    assert!(right_but_waiting.to_string().contains("Too many wrong PINs"), "even the right PIN waits: {right_but_waiting}");
    assert!(h.counter.sign_in_state().unwrap().wait_until.is_some());

    // A restart does not reset it.
    let reopened = open_counter(&h.sandbox, h.dir.path().to_path_buf(), EnvOverrides::default(), Duration::from_secs(5));
    assert!(reopened.sign_in("111111").await.unwrap_err().to_string().contains("Too many wrong PINs"));

    // Once the wait is over, the right PIN works, but does not clear the count: the next
    // wrong PIN, whoever types it, waits again.
    let now = h.counter.now_ms();
    sql(&h.counter, &format!("UPDATE settings SET value = '{{\"failures\":5,\"until\":1,\"last_failure\":{now},\"since\":{now}}}' WHERE key = 'pin_throttle'")).unwrap();
    assert_eq!(h.counter.sign_in("111111").await.unwrap().name, "Ada");
    h.counter.sign_out().unwrap();
    assert!(h.counter.sign_in("9999").await.unwrap_err().to_string().contains("try again in 60 s"), "the count went on");

    // An hour without a wrong PIN clears it.
    let hour_ago = now - 3_700_000;
    sql(&h.counter, &format!("UPDATE settings SET value = '{{\"failures\":6,\"until\":1,\"last_failure\":{hour_ago},\"since\":{hour_ago}}}' WHERE key = 'pin_throttle'")).unwrap();
    assert_eq!(h.counter.sign_in("9999").await.unwrap_err().to_string(), "Wrong PIN.", "the count started again after a quiet hour");
}

#[tokio::test]
async fn an_idle_session_locks() {
    let h = harness().await;
    h.counter.add_staff(member("Ada", Role::Manager, "111111")).unwrap();
    let quick = Settings { idle_lock_secs: 30, ..h.counter.settings() };
    h.counter.save_settings(quick, None).await.unwrap();
    assert!(h.counter.charge(&[BasketLine::new(140, 1)]).await.is_ok());
    h.counter.clock().advance(Duration::from_secs(31));
    assert_eq!(h.counter.charge(&[BasketLine::new(140, 1)]).await.unwrap_err().code(), ErrorCode::Locked);
    assert!(h.counter.sign_in_state().unwrap().current.is_none());
}

#[tokio::test]
async fn the_audit_log_records_every_action_and_cannot_be_changed() {
    let h = harness().await;
    h.counter.add_staff(member("Ada", Role::Manager, "111111")).unwrap();
    let sale = paid_sale(&h, &[BasketLine::new(140, 1)]).await;
    let changed = Settings { session_timeout_secs: 900, ..h.counter.settings() };
    h.counter.save_settings(changed, Some("secret-token-not-in-the-log".into())).await.unwrap_err(); // the demo store takes no token
    h.counter.save_settings(Settings { session_timeout_secs: 900, ..h.counter.settings() }, None).await.unwrap();
    h.counter.refund(&sale.id, None, "12.00".parse().unwrap()).await.unwrap();
    h.counter.sign_out().unwrap();
    let _ = h.counter.sign_in("0000").await;
    h.counter.sign_in("111111").await.unwrap();

    let log = h.counter.audit_log(&AuditFilter::default(), 200, 0).unwrap();
    let has = |action: &str, staff: &str| log.iter().any(|e| e.action == action && e.staff == staff);
    assert!(has("staff.add", "counter"), "the first manager was added at the shared till");
    assert!(has("sale.state", "Ada"), "Charge, by who pressed it");
    assert!(has("sale.state", "system"), "the payment, by the customer and the store");
    assert!(log.iter().any(|e| e.action == "refund" && e.staff.starts_with("Ada")));
    assert!(has("staff.pin_failed", "unknown") && has("staff.sign_in", "Ada") && has("staff.sign_out", "Ada"));
    let settings = log.iter().find(|e| e.action == "settings.save").expect("the settings change");
    assert!(settings.before.as_deref().unwrap().contains("\"session_timeout_secs\":600"));
    assert!(settings.after.as_deref().unwrap().contains("\"session_timeout_secs\":900"));
    assert!(log.iter().all(|e| !format!("{e:?}").contains("secret-token")), "never a token");

    let sale_only = AuditFilter { action: Some("sale.".into()), ..Default::default() };
    assert!(h.counter.audit_log(&sale_only, 200, 0).unwrap().iter().all(|e| e.action.starts_with("sale.")));
    let about = AuditFilter { text: Some(sale.id.clone()), ..Default::default() };
    assert!(h.counter.audit_log(&about, 200, 0).unwrap().len() >= 3, "filterable by what it was done to");

    // Append-only, even to someone with the database open.
    for statement in ["UPDATE audit SET staff = 'someone else'", "DELETE FROM audit"] {
        let err = sql(&h.counter, statement).unwrap_err();
        assert!(err.contains("append-only"), "{statement}: {err}");
    }
    assert_eq!(h.counter.audit_log(&AuditFilter::default(), 500, 0).unwrap().len(), log.len(), "nothing changed");
}
