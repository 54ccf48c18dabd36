//! What a refund asks of the store, line by line.

use serde::{Deserialize, Serialize};

/// One line of a refund request (`RefundLineRequest` / `CreateRefundLineRequest`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RefundLineRequest {
    /// The order line.
    pub line_id: i64,
    /// Units to refund.
    pub quantity: i64,
    /// `cancel`, `no_restock` or `return`; the calculation infers it when absent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[ts(optional = nullable)]
    pub restock_type: Option<String>,
}
