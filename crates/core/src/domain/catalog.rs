//! What the catalog holds about a variant beyond its id: how it may be subscribed to,
//! its stock per location, and how its title reads.

use serde::{Deserialize, Serialize};

/// How a product may be subscribed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SubscriptionPlan {
    /// `day`, `week`, `month` or `year`.
    pub interval: String,
    /// Allowed counts of the interval (every 1, 2 or 3 months).
    pub interval_counts: Vec<i64>,
}

/// A subscription chosen for a line (`CreateOrderSubscriptionLine`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
pub struct SubscriptionChoice {
    /// The product's interval.
    pub interval: String,
    /// Every how many intervals.
    pub interval_count: i64,
}

/// Stock of a variant at one location (`StockrecordLocation`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockRecord {
    /// The location.
    pub location_id: i64,
    /// Units in stock (`None`: not tracked there).
    #[serde(default)]
    pub num_in_stock: Option<i64>,
}

/// "Product (Variant)", or the product title alone when the variant has no title: how the
/// counter names what it sells, on screen, on receipts and in reports.
pub fn display_title(product: &str, variant: &str) -> String {
    if variant.is_empty() {
        product.to_string()
    } else {
        format!("{product} ({variant})")
    }
}
