//! `/store/`: the store's name, currencies and timezone.

use serde::{Deserialize, Serialize};

use super::{ApiError, Client};

/// What Counterpay keeps of `Store`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
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
    parse(client.get("store/").await?)
}

/// The store from `GET /store/`'s answer: an array of one store, or the store itself.
fn parse(answer: serde_json::Value) -> Result<StoreInfo, ApiError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_is_read_as_an_array_of_one_or_as_an_object() {
        let store = serde_json::json!({"name": "Shop", "available_currencies": [{"code": "EUR"}], "timezone": "Europe/Berlin"});
        for shape in [serde_json::json!([store.clone()]), store.clone()] {
            let info = parse(shape).unwrap();
            assert_eq!(info, StoreInfo { name: "Shop".into(), currencies: vec!["EUR".into()], timezone: "Europe/Berlin".into() });
        }
        let err = parse(serde_json::json!([])).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
        assert!(parse(serde_json::json!({"title": "no name"})).is_err(), "an unreadable store is an error, never a blank one");
    }
}
