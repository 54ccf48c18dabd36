//! "Connect your store", the store step: every way an address or a token can be wrong
//! gets the store's own answer in plain words, and nothing is saved until all is right.

use counterpay_core::admin_api::access::NEEDED_SCOPES;
use counterpay_core::admin_api::{base_url_for, Client};
use counterpay_core::secret::ApiToken;
use counterpay_core::{ErrorCode, SetupStep};
use counterpay_sandbox::{Config, Sandbox};

use crate::support::harness;

async fn store_with(token: &str, scopes: Option<&[&str]>) -> Sandbox {
    let config = Config { scopes: scopes.map(|s| s.iter().map(|s| s.to_string()).collect()), ..Config::new(token) };
    Sandbox::start_with(([127, 0, 0, 1], 0).into(), config).await.unwrap()
}

#[tokio::test]
async fn the_token_check_names_exactly_the_missing_scopes() {
    let all = store_with("t-all", None).await;
    let client = |s: &Sandbox, t: &str| {
        Client::new(base_url_for(&s.api_url()).unwrap(), ApiToken::new(t).unwrap(), std::time::Duration::from_secs(5)).unwrap()
    };
    assert_eq!(client(&all, "t-all").check_access().await.unwrap().missing, Vec::<&str>::new());

    let some: Vec<&str> = NEEDED_SCOPES.iter().copied().filter(|s| !matches!(*s, "orders:write" | "webhooks:write")).collect();
    let partial = store_with("t-some", Some(&some)).await;
    assert_eq!(client(&partial, "t-some").check_access().await.unwrap().missing, vec!["orders:write", "webhooks:write"]);
    // Checking writes created nothing at the store.
    assert!(partial.orders().is_empty(), "an empty POST creates no order");

    let admin = store_with("t-admin", Some(&["admin:read", "admin:write"])).await;
    assert!(client(&admin, "t-admin").check_access().await.unwrap().missing.is_empty(), "the admin scopes cover everything");
}

#[tokio::test]
async fn each_wrong_address_or_token_is_said_plainly_and_nothing_is_saved() {
    let h = harness().await;
    let before = h.counter.settings();
    let other = store_with("the-real-token", None).await;
    let lacking = store_with("t-lacking", Some(&["store:read", "catalogue:read", "orders:read"])).await;
    let no_store = store_with("t-no-store", Some(&[])).await;
    let cases: Vec<(String, Option<&str>, &str)> = vec![
        ("  ".into(), Some("x"), "Enter your store's address"),
        ("http://shop.example.com/api/admin/".into(), Some("x"), "https"),
        ("not a store!".into(), Some("x"), "Store:"),
        (other.api_url(), None, "Paste the store's API token"),
        (other.api_url(), Some("a-wrong-token"), "did not accept this token (Invalid token.)"),
        (lacking.api_url(), Some("t-lacking"), "missing these permissions: orders:write, locations:read, fulfillment_orders:read"),
        (no_store.api_url(), Some("t-no-store"), "missing these permissions: store:read"),
        ("http://127.0.0.1:9/api/admin/".into(), Some("x"), "cannot be reached"),
        (format!("http://{}/nothing/", h.endpoint), Some("x"), "No 29 Next store answers at"),
    ];
    for (address, token, says) in cases {
        let e = h.counter.setup_store(&address, token.map(str::to_string)).await.expect_err(&address);
        assert_eq!(e.code(), ErrorCode::InvalidInput, "{address}: {e}");
        let words = e.public_message();
        assert!(words.contains(says), "{address}: {words:?} should say {says:?}");
        assert_eq!(h.counter.settings(), before, "{address}: nothing saved");
        assert!(h.counter.is_demo());
    }
    let view = h.counter.setup_view().await.unwrap();
    assert_eq!(view.next, SetupStep::Store);
    assert!(!view.active, "a failed check does not start the guide");
    assert_eq!(view.scopes, NEEDED_SCOPES, "the window lists the scopes to give the token");
}

#[tokio::test]
async fn a_good_token_is_kept_in_the_keyring_or_the_shop_is_told_why_not() {
    let h = harness().await;
    let store = store_with("the-real-token", None).await;
    match h.counter.setup_store(&store.api_url(), Some("the-real-token".into())).await {
        // A desktop with a keyring: connected, and the next step is the location.
        Ok(view) => {
            assert_eq!(view.next, SetupStep::Location, "{view:?}");
            assert!(view.active && view.shop.is_some() && !view.locations.is_empty());
            assert!(!h.counter.is_demo());
            h.counter.setup_use_demo().await.unwrap();
            assert!(h.counter.is_demo(), "back to the demo store");
        }
        // No keyring service (a headless machine, CI): said so, nothing saved.
        Err(e) => {
            assert_eq!(e.code(), ErrorCode::NotConfigured, "{e}");
            assert!(e.public_message().contains("COUNTERPAY_API_TOKEN"), "{e}");
            assert!(h.counter.is_demo(), "nothing saved without the token");
        }
    }
}
