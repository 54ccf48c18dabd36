//! Return tokens and sale ids: random, URL-safe, and only ever stored hashed.

use rand::TryRngCore;
use sha2::{Digest, Sha256};

/// A fresh URL-safe token: 256 bits from the OS RNG.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.try_fill_bytes(&mut bytes).expect("the OS random number generator failed");
    base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bytes)
}

/// The SHA-256 (hex) of a return token: what the database indexes.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A return token has exactly the shape [`random_token`] makes.
pub fn token_is_well_formed(token: &str) -> bool {
    token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A new sale id.
pub(crate) fn new_sale_id() -> String {
    let t = random_token();
    format!("s_{}", &t[..20])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let a = random_token();
        let b = random_token();
        assert_ne!(a, b, "two tokens must differ");
        assert!(token_is_well_formed(&a), "{a} must be 43 URL-safe characters (256 bits)");
        assert!(!token_is_well_formed("short"), "a short token is not ours");
        assert!(!token_is_well_formed(&format!("{}/", &a[..42])), "a slash is not URL-safe");
    }
}
