//! What a token may do: the permission scopes Counterpay needs (as the contract's `security`
//! lists them per endpoint) and a check of each one against the store, before a shop relies
//! on the token at the counter.
//!
//! Reads are checked with a small `GET`; writes with an empty `POST` that the store refuses
//! as invalid (400) or unknown (404) when the scope is granted, and with 403 when it is not:
//! nothing is created. A token the store does not know fails the first request with 401.

use serde_json::Value;

use super::{ApiError, Client};

/// One scope Counterpay needs, with what it is for and how it is checked.
struct Need {
    scope: &'static str,
    method: reqwest::Method,
    path: &'static str,
}

/// The scopes a token needs for everything Counterpay does, in the order the store's
/// dashboard lists them.
pub const NEEDED_SCOPES: &[&str] = &[
    "store:read",
    "catalogue:read",
    "orders:read",
    "orders:write",
    "locations:read",
    "fulfillment_orders:read",
    "fulfillment_orders:write",
    "metadata:read",
    "metadata:write",
    "webhooks:read",
    "webhooks:write",
];

fn needs() -> Vec<Need> {
    use reqwest::Method;
    let get = |scope, path| Need { scope, method: Method::GET, path };
    let post = |scope, path| Need { scope, method: Method::POST, path };
    vec![
        get("catalogue:read", "products/?limit=1"),
        get("orders:read", "orders/?limit=1"),
        post("orders:write", "orders/"),
        get("locations:read", "locations/"),
        // Fulfillment order 0 does not exist: 404 when the scope is there, 403 when not.
        get("fulfillment_orders:read", "fulfillment-orders/0/fulfillments/"),
        post("fulfillment_orders:write", "fulfillment-orders/0/move/"),
        get("metadata:read", "metadata/?limit=1"),
        post("metadata:write", "metadata/"),
        get("webhooks:read", "webhooks/"),
        post("webhooks:write", "webhooks/"),
    ]
}

/// What the check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    /// The needed scopes the token lacks (the store answered 403).
    pub missing: Vec<&'static str>,
}

impl Client {
    /// Check the token against every scope in [`NEEDED_SCOPES`] (`store:read` is checked
    /// by reading the store first, by the caller).
    ///
    /// Fails with the store's answer for a token it does not take (401), or when a check
    /// could not be answered (the store down, too slow, or an answer no store gives).
    pub async fn check_access(&self) -> Result<Access, ApiError> {
        let mut missing = Vec::new();
        for need in needs() {
            let body = (need.method == reqwest::Method::POST).then(|| serde_json::json!({}));
            let idempotent = need.method == reqwest::Method::GET;
            match self.send::<Value, Value>(need.method.clone(), need.path, body.as_ref(), idempotent).await {
                Ok(_) => {}
                Err(ApiError::Status { status: 403, .. }) => missing.push(need.scope),
                Err(e @ ApiError::Status { status: 401, .. }) => return Err(e),
                // Refused as invalid or not found: the scope let the request through.
                Err(ApiError::Status { status: 400 | 404 | 405 | 409 | 422, .. }) => {}
                // A list read as something else is still a granted read.
                Err(ApiError::Decode { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(Access { missing })
    }
}
