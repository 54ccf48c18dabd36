//! Secrets as types. [`ApiToken`] wraps a `SecretString`: its `Debug` prints
//! `[REDACTED]`, it cannot be serialized, and the only way to read it is
//! [`ApiToken::expose`] at the moment a request header is built. Tokens live in the OS
//! keyring; `COUNTERPAY_API_TOKEN` is the headless fallback and wins when set, for the store
//! `COUNTERPAY_ADMIN_API_URL` names and no other (so a store typed in Settings never gets
//! the environment's token).

use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

const SERVICE: &str = "counterpay";
/// The environment variable that overrides the keyring.
pub const TOKEN_ENV: &str = "COUNTERPAY_API_TOKEN";

/// An Admin API token.
#[derive(Clone, Debug)]
pub struct ApiToken(SecretString);

impl ApiToken {
    /// Wrap a token. Empty tokens are refused.
    pub fn new(token: impl Into<String>) -> Result<ApiToken> {
        let token: String = token.into();
        let token = token.trim().to_string();
        if token.is_empty() {
            return Err(Error::Invalid(crate::text!("token-empty")));
        }
        Ok(ApiToken(SecretString::from(token)))
    }

    /// The token's text, for building an `Authorization` header and nothing else.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

fn entry(api_url: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("admin-api-token:{api_url}")).map_err(|e| Error::Keyring(e.to_string()))
}

/// Where the token for a store comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TokenSource {
    /// `COUNTERPAY_API_TOKEN`.
    Environment,
    /// The OS keyring.
    Keyring,
    /// Nowhere yet.
    Missing,
}

/// The token for the store at `api_url`: the environment first when `env_store` (the store
/// is the one the environment names), then the keyring.
///
/// Returns `Ok(None)` when neither has one; fails only when the keyring itself errors.
pub fn load_token(api_url: &str, env_store: bool) -> Result<Option<(ApiToken, TokenSource)>> {
    if env_store {
        if let Ok(t) = std::env::var(TOKEN_ENV) {
            if !t.trim().is_empty() {
                return Ok(Some((ApiToken::new(t)?, TokenSource::Environment)));
            }
        }
    }
    match entry(api_url)?.get_password() {
        Ok(t) => Ok(Some((ApiToken::new(t)?, TokenSource::Keyring))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(Error::Keyring(e.to_string())),
    }
}

/// Store the token for `api_url` in the OS keyring.
///
/// Fails when no keyring service is running (headless machines): use the environment.
pub fn save_token(api_url: &str, token: &ApiToken) -> Result<()> {
    entry(api_url)?.set_password(token.expose()).map_err(|e| Error::Keyring(e.to_string()))
}

fn webhook_entry(api_url: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("webhook-secret:{api_url}")).map_err(|e| Error::Keyring(e.to_string()))
}

/// Keep the webhook secret for the store at `api_url` in the OS keyring.
///
/// Fails when no keyring service is running: set `COUNTERPAY_WEBHOOK_SECRET` instead.
pub fn save_webhook_secret(api_url: &str, secret: &str) -> Result<()> {
    webhook_entry(api_url)?.set_password(secret).map_err(|e| Error::Keyring(e.to_string()))
}

/// The webhook secret for the store at `api_url` from the OS keyring, if one is kept.
pub fn load_webhook_secret(api_url: &str) -> Option<WebhookSecret> {
    webhook_entry(api_url).ok()?.get_password().ok().map(WebhookSecret::new)
}

/// A webhook secret. `Debug` prints `[REDACTED]`; it cannot be serialized.
#[derive(Clone, Debug)]
pub struct WebhookSecret(SecretString);

impl WebhookSecret {
    /// Wrap a secret.
    pub fn new(s: impl Into<String>) -> WebhookSecret {
        WebhookSecret(SecretString::from(s.into()))
    }

    /// The secret's bytes, for the signature check only.
    pub(crate) fn expose_bytes(&self) -> &[u8] {
        self.0.expose_secret().as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_token() {
        let t = ApiToken::new("sk_live_very_secret").unwrap();
        let shown = format!("{t:?}");
        assert!(!shown.contains("very_secret"), "Debug must redact the token, got {shown}");
    }

    #[test]
    fn empty_token_is_refused() {
        assert!(ApiToken::new("  ").is_err(), "a blank token must not be accepted");
    }
}
