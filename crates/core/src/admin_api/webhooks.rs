//! `/webhooks/`: register and remove the counter's webhook.

use serde::{Deserialize, Serialize};

use super::{ApiError, Client};

/// The events Counterpay listens to: an order paid while the customer's browser never came
/// back still reaches the counter.
pub const EVENTS: &[&str] = &["order.created", "order.updated", "transaction.created", "transaction.updated"];

/// `Webhook` as created.
#[derive(Debug, Clone, Serialize)]
pub struct CreateWebhook {
    /// A name staff recognise in the store's dashboard.
    pub name: String,
    /// Where the store POSTs events.
    pub target: String,
    /// Event names.
    pub events: Vec<String>,
    /// The shared secret the store signs deliveries with.
    pub secret_key: String,
    /// Deliver now.
    pub active: bool,
    /// Payload version.
    pub api_version: String,
}

/// A webhook as the store holds it.
#[derive(Debug, Clone, Deserialize)]
pub struct Webhook {
    /// Its id.
    pub id: i64,
    /// Its target.
    pub target: String,
}

/// The webhooks resource.
#[derive(Debug)]
pub struct Webhooks<'a> {
    pub(super) client: &'a Client,
}

impl Webhooks<'_> {
    /// `POST /webhooks/`. Never retried except on 429.
    pub async fn create(&self, body: &CreateWebhook) -> Result<Webhook, ApiError> {
        self.client.post("webhooks/", body).await
    }

    /// `DELETE /webhooks/{id}/`.
    pub async fn delete(&self, id: i64) -> Result<(), ApiError> {
        self.client.delete(&format!("webhooks/{id}/")).await
    }
}
