//! Whatever is POSTed to a return URL: parsing never panics, and an accepted order number
//! is always safe to put in an API path.
#![no_main]

use counterpay_core::checkout::Claim;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    if let Ok(Claim::Order { number, .. }) = Claim::from_form(body) {
        assert!(!number.0.is_empty() && number.0.len() <= 64);
        assert!(number.0.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }
});
