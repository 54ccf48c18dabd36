//! Fulfillment at the store: locations, an order's fulfillment orders, moving them,
//! fulfilling their lines, asking a location to cancel, and capturing a payment.
//!
//! The contract declares `GET /orders/{number}/fulfillment-orders/` as answering one
//! `FulfillmentOrder`; a store may well answer a list or a page. All three are read.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::models::{Order, OrderNumber, Page};
use super::{ApiError, Client};

/// A fulfillment location (`Location`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
pub struct Location {
    /// Its id.
    pub id: i64,
    /// Its name, as staff know it.
    #[serde(default)]
    pub name: String,
}

/// One line of a fulfillment order (`FulfillmentOrderLine`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FulfillmentOrderLine {
    /// Its id (what move and fulfill name).
    pub id: i64,
    /// The order line it is for.
    pub order_line_id: i64,
    /// Units still to fulfill.
    pub quantity: i64,
}

/// A fulfillment order (`FulfillmentOrder`), as far as closing a sale needs it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct FulfillmentOrder {
    /// Its id.
    pub id: i64,
    /// Where it is assigned.
    pub assigned_location: Location,
    /// `open`, `processing` (sent to the location), `on_hold`, `closed`, `canceled`, ...
    #[serde(default)]
    pub status: String,
    /// `pending`, `requested`, `cancel_requested`, ...
    #[serde(default)]
    pub request_status: Option<String>,
    /// Its lines.
    #[serde(default)]
    pub line_items: Vec<FulfillmentOrderLine>,
}

/// A line to move or fulfill (`FulfillmentOrderLineItem`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LineItem {
    /// The fulfillment order line.
    pub id: i64,
    /// Units.
    pub quantity: i64,
}

/// `MoveFulfillmentOrder`.
#[derive(Debug, Clone, Serialize)]
pub struct MoveFulfillmentOrder {
    /// Where to.
    pub new_location_id: i64,
    /// Which lines (all when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fulfillment_order_line_items: Vec<LineItem>,
}

/// `CreateFulfillment`.
#[derive(Debug, Clone, Serialize)]
pub struct CreateFulfillment {
    /// Which lines.
    pub fulfillment_order_line_items: Vec<LineItem>,
    /// Whether the store tells the customer (never, for goods handed over at the counter).
    pub notify: bool,
}

/// `MoveFulfillmentOrderResponse`.
#[derive(Debug, Clone, Deserialize)]
pub struct Moved {
    /// The fulfillment order now at the new location.
    pub moved_fulfillment_order: FulfillmentOrder,
}

/// A metadata definition (`Definition`), as far as Counterpay needs it.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Definition {
    /// The key.
    pub key: String,
    /// The object it is for (`order`, ...).
    pub object: String,
}

/// `CreateDefinition`.
#[derive(Debug, Clone, Serialize)]
pub struct CreateDefinition {
    /// The key.
    pub key: String,
    /// Its name in the dashboard.
    pub name: String,
    /// `order`.
    pub object: String,
    /// `text`.
    #[serde(rename = "type")]
    pub kind: String,
}

fn path_part(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Read a list that may come as an array, a page (`results`) or a single object.
fn list_of<T: serde::de::DeserializeOwned>(v: Value) -> Result<Vec<T>, ApiError> {
    let items = match v {
        Value::Array(items) => items,
        Value::Object(ref m) if m.contains_key("results") => m["results"].as_array().cloned().unwrap_or_default(),
        Value::Object(_) => vec![v],
        Value::Null => vec![],
        other => return Err(ApiError::Decode { path: ".".into(), message: format!("expected a list, got {other}") }),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| serde_json::from_value(item).map_err(|e| ApiError::Decode { path: format!("[{i}]"), message: e.to_string() }))
        .collect()
}

impl Client {
    /// Every page of the list at `first` (at most 20 pages).
    async fn all_pages<T: serde::de::DeserializeOwned>(&self, first: &str) -> Result<Vec<T>, ApiError> {
        let mut out = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..20 {
            let page: Page<T> = self.get(next.as_deref().unwrap_or(first)).await?;
            out.extend(page.results);
            match page.next {
                Some(n) => next = Some(n),
                None => break,
            }
        }
        Ok(out)
    }

    /// `GET /locations/`, every page.
    pub async fn locations(&self) -> Result<Vec<Location>, ApiError> {
        self.all_pages("locations/").await
    }

    /// `GET /orders/{number}/fulfillment-orders/`: the order's fulfillment orders.
    pub async fn fulfillment_orders(&self, number: &OrderNumber) -> Result<Vec<FulfillmentOrder>, ApiError> {
        let v: Value = self.get(&format!("orders/{}/fulfillment-orders/", path_part(&number.0))).await?;
        list_of(v)
    }

    /// `POST /fulfillment-orders/{id}/move/`: only while it is `open`. Never retried
    /// except on 429; an unknown outcome is settled by reading the order's fulfillment
    /// orders back.
    pub async fn move_fulfillment_order(&self, id: i64, body: &MoveFulfillmentOrder) -> Result<Moved, ApiError> {
        self.post(&format!("fulfillment-orders/{id}/move/"), body).await
    }

    /// `POST /fulfillment-orders/{id}/fulfillments/`. Never retried except on 429.
    pub async fn create_fulfillment(&self, id: i64, body: &CreateFulfillment) -> Result<Value, ApiError> {
        self.post(&format!("fulfillment-orders/{id}/fulfillments/"), body).await
    }

    /// `POST /fulfillment-orders/{id}/cancellation-request/`: ask the location not to ship.
    pub async fn request_cancellation(&self, id: i64, message: &str) -> Result<Value, ApiError> {
        self.post(&format!("fulfillment-orders/{id}/cancellation-request/"), &serde_json::json!({ "message": message })).await
    }

    /// `POST /orders/{number}/capture/`: capture the authorized payment. Never retried
    /// except on 429; an unknown outcome is settled by reading the order back.
    pub async fn capture(&self, number: &OrderNumber) -> Result<Order, ApiError> {
        self.post(&format!("orders/{}/capture/", path_part(&number.0)), &serde_json::json!({})).await
    }

    /// `GET /metadata/`, every page.
    pub async fn metadata_definitions(&self) -> Result<Vec<Definition>, ApiError> {
        self.all_pages("metadata/").await
    }

    /// `POST /metadata/`: define a metadata key.
    pub async fn define_metadata(&self, body: &CreateDefinition) -> Result<Definition, ApiError> {
        self.post("metadata/", body).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fulfillment_orders_come_as_a_list_a_page_or_one_object() {
        let one = serde_json::json!({"id": 1, "assigned_location": {"id": 2, "name": "Warehouse"}, "status": "open", "line_items": []});
        for shape in [serde_json::json!([one.clone()]), serde_json::json!({"results": [one.clone()], "next": null}), one.clone()] {
            let got: Vec<FulfillmentOrder> = list_of(shape.clone()).unwrap();
            assert_eq!(got.len(), 1, "{shape}");
            assert_eq!(got[0].assigned_location.id, 2);
        }
        assert!(list_of::<FulfillmentOrder>(serde_json::json!("nope")).is_err());
    }
}
