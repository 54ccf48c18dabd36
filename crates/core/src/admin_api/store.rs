//! `/store/`: the store's name, currencies and timezone.

use serde::{Deserialize, Serialize};

use super::{ApiError, Client};

/// What Counterpay keeps of `Store`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct StoreInfo {
    /// The store's name.
    pub name: String,
    /// Currency codes, the first being the default.
    pub currencies: Vec<String>,
    /// IANA timezone.
    pub timezone: String,
}

#[derive(Deserialize)]
struct Store {
    name: String,
    #[serde(default)]
    available_currencies: Vec<Currency>,
    #[serde(default)]
    timezone: String,
}

#[derive(Deserialize)]
struct Currency {
    code: String,
}

pub(super) async fn retrieve(client: &Client) -> Result<StoreInfo, ApiError> {
    // The contract answers `storeDetail` with an array of one store; a store may as well
    // answer the object itself. Both are read.
    let answer: serde_json::Value = client.get("store/").await?;
    let one = match answer {
        serde_json::Value::Array(items) => {
            items.into_iter().next().ok_or_else(|| ApiError::Decode { path: ".".into(), message: "the store list is empty".into() })?
        }
        other => other,
    };
    let store: Store = serde_json::from_value(one).map_err(|e| ApiError::Decode { path: ".".into(), message: e.to_string() })?;
    Ok(StoreInfo {
        name: store.name,
        currencies: store.available_currencies.into_iter().map(|c| c.code).collect(),
        timezone: store.timezone,
    })
}
