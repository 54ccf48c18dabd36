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
    /// The shop's address as it is written on a receipt, line by line (`contact_address`):
    /// street, postcode and city, country, phone.
    #[serde(default)]
    pub address: Vec<String>,
    /// Its tax number (`tax_id`), when the store has one.
    #[serde(default)]
    pub tax_id: Option<String>,
}

#[derive(Deserialize)]
struct Store {
    name: String,
    #[serde(default)]
    available_currencies: Vec<Currency>,
    #[serde(default)]
    timezone: String,
    #[serde(default)]
    contact_address: Option<ContactAddress>,
    #[serde(default)]
    tax_id: Option<String>,
}

/// `ContactAddress`: every field may be missing or empty.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ContactAddress {
    company_name: Option<String>,
    line1: Option<String>,
    line2: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
    state: Option<String>,
    country: Option<String>,
    phone_number: Option<String>,
}

impl ContactAddress {
    /// The lines under the shop's `name` (its company name only where it differs).
    fn lines(&self, name: &str) -> Vec<String> {
        let filled = |parts: &[&Option<String>]| {
            parts.iter().filter_map(|p| p.as_deref().map(str::trim).filter(|s| !s.is_empty())).collect::<Vec<_>>().join(" ")
        };
        [
            Some(filled(&[&self.company_name])).filter(|c| c.as_str() != name.trim()).unwrap_or_default(),
            filled(&[&self.line1]),
            filled(&[&self.line2]),
            // "Portland, OR 97204" in the US, "10178 Berlin" in most of Europe.
            if self.country.as_deref().is_some_and(|c| c.eq_ignore_ascii_case("US")) {
                let city = filled(&[&self.city]);
                let rest = filled(&[&self.state, &self.postcode]);
                [city, rest].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")
            } else {
                filled(&[&self.postcode, &self.city])
            },
            if self.country.as_deref().is_some_and(|c| c.eq_ignore_ascii_case("US")) { String::new() } else { filled(&[&self.state]) },
            filled(&[&self.country]),
            filled(&[&self.phone_number]),
        ]
        .into_iter()
        .filter(|l| !l.is_empty())
        .collect()
    }
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
    let address = store.contact_address.as_ref().map(|a| a.lines(&store.name)).unwrap_or_default();
    Ok(StoreInfo {
        name: store.name,
        currencies: store.available_currencies.into_iter().map(|c| c.code).collect(),
        timezone: store.timezone,
        address,
        tax_id: store.tax_id.filter(|t| !t.trim().is_empty()),
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
            assert_eq!(
                info,
                StoreInfo {
                    name: "Shop".into(),
                    currencies: vec!["EUR".into()],
                    timezone: "Europe/Berlin".into(),
                    address: vec![],
                    tax_id: None
                }
            );
        }
        let err = parse(serde_json::json!([])).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
        assert!(parse(serde_json::json!({"title": "no name"})).is_err(), "an unreadable store is an error, never a blank one");
    }
}
