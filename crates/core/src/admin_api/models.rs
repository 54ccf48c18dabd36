//! Request and response models: the parts of the contract Counterpay reads and writes.
//! Responses tolerate unknown fields; money is `Decimal` parsed from the API's decimal
//! strings, never `f64`; ids are newtypes.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::domain::catalog::{display_title, StockRecord, SubscriptionChoice, SubscriptionPlan};
pub use crate::domain::refund::RefundLineRequest;
pub use crate::domain::{OrderNumber, VariantId};

/// `CreateOrder` for a Klarna redirect payment.
#[derive(Debug, Clone, Serialize)]
pub struct CreateOrder {
    /// The basket.
    pub lines: Vec<CreateOrderLine>,
    /// ISO currency code.
    pub currency: String,
    /// Always `"klarna"` here.
    pub payment_method: &'static str,
    /// Where the store sends the customer's browser afterwards.
    pub payment_details: PaymentDetails,
    /// Tags naming Counterpay and the counter.
    pub tags: Vec<String>,
    /// The session and counter ids, for matching orders back to sessions.
    pub metadata: Value,
    /// `CreateMarketingAttribution`: who sold it (in its metadata), so the store sees it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Value>,
    /// Whether the store e-mails its own receipt to the customer (the store's default: yes).
    pub send_receipt: bool,
}

/// `CreateOrderLine`.
#[derive(Debug, Clone, Serialize)]
pub struct CreateOrderLine {
    /// The variant id.
    pub product_id: VariantId,
    /// At least 1.
    pub quantity: i64,
    /// A price override, as a decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
    /// Set on upsell lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_upsell: Option<bool>,
    /// Line metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Value>,
    /// Sold as a subscription.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription: Option<SubscriptionChoice>,
}

/// `AddLineItem`: upsell lines charged to the order's original payment method.
#[derive(Debug, Clone, Serialize)]
pub struct AddLineItems {
    /// The lines, `is_upsell: true`.
    pub lines: Vec<CreateOrderLine>,
    /// Gateway pinning, when configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_details: Option<AddLineItemPaymentDetails>,
}

/// `AddLineItemPaymentDetail`.
#[derive(Debug, Clone, Serialize)]
pub struct AddLineItemPaymentDetails {
    /// Gateway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_gateway: Option<i64>,
    /// Gateway group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_gateway_group: Option<i64>,
}

/// `PaymentDetail`, the fields a Klarna redirect uses.
#[derive(Debug, Clone, Serialize)]
pub struct PaymentDetails {
    /// `<public base URL>/klarna/return/<token>`.
    pub payment_return_url: String,
    /// Pin the sale to a gateway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_gateway: Option<i64>,
    /// Pin the sale to a gateway group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_gateway_group: Option<i64>,
    /// The language of Klarna's payment page (`en`, `de`, `sv`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// What `POST /orders/` answers for a redirect payment method: no order yet, a URL.
#[derive(Debug, Clone, Deserialize)]
pub struct PaymentRedirect {
    /// Always null for Klarna.
    #[serde(default)]
    pub reference_transaction_id: Option<String>,
    /// The hosted payment page for the customer.
    pub payment_complete_url: String,
}

/// An order (`Order`), the fields Counterpay uses.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Order {
    /// The store's order number.
    pub number: OrderNumber,
    /// ISO currency code.
    pub currency: String,
    /// `paid`, `authorized`, `pending`, ...
    #[serde(default)]
    pub payment_status: Option<String>,
    /// Order lines.
    #[serde(default)]
    pub lines: Vec<OrderLine>,
    /// Total including tax.
    pub total_incl_tax: Decimal,
    /// Total excluding tax.
    #[serde(default)]
    pub total_excl_tax: Option<Decimal>,
    /// Tax.
    #[serde(default)]
    pub total_tax: Option<Decimal>,
    /// Whether `add-line-items` may charge this order again.
    #[serde(default)]
    pub supports_post_purchase_upsells: bool,
    /// What Counterpay put in at creation.
    #[serde(default)]
    pub metadata: Value,
    /// The order's tags (Counterpay adds `counterpay-sale:<sale id>`). The contract allows
    /// `null` items; a store that drops tags answers none.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tags: Vec<Option<String>>,
    /// The customer.
    #[serde(default)]
    pub user: Option<OrderUser>,
    /// When the store created it.
    #[serde(default)]
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The order's status (`open`, `canceled`, ...).
    #[serde(default)]
    pub status: Option<String>,
    /// Refunds made on it.
    #[serde(default)]
    pub refunds: Vec<Refund>,
    /// Every other field the store sent, kept as sent (the raw order is shown to staff).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Option<String>>, D::Error> {
    Ok(Option::<Vec<Option<String>>>::deserialize(d)?.unwrap_or_default())
}

impl Order {
    /// The tags the store kept, without empty ones.
    pub fn tag_texts(&self) -> impl Iterator<Item = &str> {
        self.tags.iter().flatten().map(String::as_str)
    }

    /// The amount paid back so far, over all refunds.
    pub fn refunded(&self) -> Decimal {
        self.refunds.iter().filter_map(|r| r.total_refund_amount).sum()
    }

    /// True once the store has cancelled it.
    pub fn is_cancelled(&self) -> bool {
        matches!(self.status.as_deref(), Some("canceled" | "cancelled"))
    }
}

/// A refund on an order (`Refund`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Refund {
    /// Its id.
    #[serde(default)]
    pub id: Option<i64>,
    /// The note given with it (Counterpay puts its own reference here).
    #[serde(default)]
    pub note: Option<String>,
    /// What was paid back.
    #[serde(default)]
    pub total_refund_amount: Option<Decimal>,
    /// Lines returned.
    #[serde(default)]
    pub refund_line_items: Vec<RefundLine>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

/// A refunded line (`RefundLine`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RefundLine {
    /// The order line.
    pub line_item_id: i64,
    /// Units returned.
    pub quantity: i64,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

/// `POST /orders/{number}/refund/calculate/` (`CalculateRefundRequest`).
#[derive(Debug, Clone, Serialize)]
pub struct CalculateRefund {
    /// Lines to refund.
    pub refund_lines: Vec<RefundLineRequest>,
}

/// The store's calculation (`CalculateRefundResponse`).
#[derive(Debug, Clone, Deserialize, Serialize, ts_rs::TS)]
pub struct RefundCalculation {
    /// Total to refund, tax included.
    #[ts(type = "string")]
    pub amount_incl_tax: Decimal,
    /// Total excluding tax.
    #[ts(type = "string")]
    pub amount_excl_tax: Decimal,
    /// Tax in it.
    #[ts(type = "string")]
    pub total_tax: Decimal,
    /// Currency.
    pub currency: String,
    /// Each line's share.
    pub refund_lines: Vec<CalculatedRefundLine>,
    /// How it is paid back, per transaction.
    pub transactions: Vec<CalculatedRefundTransaction>,
}

/// A line of the calculation (`CalculateRefundLineResponse`).
#[derive(Debug, Clone, Deserialize, Serialize, ts_rs::TS)]
pub struct CalculatedRefundLine {
    /// The order line.
    pub line_id: i64,
    /// Units.
    pub quantity: i64,
    /// Units that can still be refunded.
    pub refundable_quantity: i64,
    /// Amount, tax included.
    #[ts(type = "string")]
    pub amount_incl_tax: Decimal,
    /// The restock type the store inferred.
    pub restock_type: String,
    /// Product title.
    #[serde(default)]
    pub product_title: String,
    /// Variant title.
    #[serde(default)]
    pub variant_title: Option<String>,
    /// SKU.
    #[serde(default)]
    pub sku: String,
}

/// A transaction's share of the calculation (`CalculateRefundTransactionResponseSerailizer`).
#[derive(Debug, Clone, Deserialize, Serialize, ts_rs::TS)]
pub struct CalculatedRefundTransaction {
    /// The transaction.
    #[serde(default)]
    pub id: Option<i64>,
    /// Amount refunded through it.
    #[ts(type = "string")]
    pub amount: Decimal,
    /// What it has left.
    #[ts(type = "string")]
    pub refundable_amount: Decimal,
    /// `klarna`, ...
    #[serde(default)]
    pub payment_method: String,
}

/// `POST /orders/{number}/refund/` (`RefundOrder`).
#[derive(Debug, Clone, Serialize)]
pub struct RefundOrder {
    /// Lines returned.
    pub refund_lines: Vec<RefundLineRequest>,
    /// How much through which transaction.
    pub transactions: Vec<RefundTransaction>,
    /// Counterpay's reference, to find the refund again when its answer is lost.
    pub note: String,
}

/// A transaction to refund through (`RefundTransactionRequest`).
#[derive(Debug, Clone, Serialize)]
pub struct RefundTransaction {
    /// The transaction.
    pub id: i64,
    /// Amount.
    pub amount: Decimal,
}

/// `POST /orders/{number}/cancel/` (`CancelOrder`).
#[derive(Debug, Clone, Serialize)]
pub struct CancelOrder {
    /// Why.
    pub cancel_reason: String,
    /// Pay back everything not refunded yet.
    pub full_refund: bool,
}

/// An order line (`OrderLine`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct OrderLine {
    /// The variant sold.
    pub variant_id: VariantId,
    /// Title.
    #[serde(default)]
    pub product_title: String,
    /// Variant title.
    #[serde(default)]
    pub variant_title: String,
    /// SKU.
    #[serde(default)]
    pub sku: String,
    /// Quantity.
    pub quantity: i64,
    /// Line total including tax.
    pub price_incl_tax: Decimal,
    /// Added by an upsell.
    #[serde(default)]
    pub is_upsell: bool,
    /// What the client put on the line (Counterpay: the upsell's idempotency key).
    #[serde(default)]
    pub metadata: Value,
    /// The line's id (what refunds name).
    #[serde(default)]
    pub id: Option<i64>,
    /// Every other field, as sent.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, Value>,
}

impl OrderLine {
    /// "Product (Variant)", or the product title alone.
    pub fn display_title(&self) -> String {
        display_title(&self.product_title, &self.variant_title)
    }
}

/// The order's customer (`UserInline`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct OrderUser {
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
}

impl OrderUser {
    /// "First Last", or the email, or nothing.
    pub fn display(&self) -> Option<String> {
        let name = [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !name.is_empty() {
            Some(name)
        } else {
            self.email.clone().filter(|e| !e.is_empty())
        }
    }
}

/// A page of a cursor-paginated list.
#[derive(Debug, Clone, Deserialize)]
pub struct Page<T> {
    /// The next page's URL.
    #[serde(default)]
    pub next: Option<String>,
    /// This page.
    pub results: Vec<T>,
}

/// A catalog product (`ProductList`).
#[derive(Debug, Clone, Deserialize)]
pub struct Product {
    /// Product id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// `standalone`, `parent` or `child`.
    #[serde(default)]
    pub structure: String,
    /// Variants; a stand-alone product lists itself.
    #[serde(default)]
    pub variants: Vec<Variant>,
    /// Products the store recommends with this one (upsell offers).
    #[serde(default)]
    pub recommended_products: Vec<i64>,
    /// Sold as a subscription too.
    #[serde(default)]
    pub enable_subscription: bool,
    /// The subscription interval (`day`, `week`, `month`, `year`).
    #[serde(default)]
    pub interval: Option<String>,
    /// The interval counts a customer may choose.
    #[serde(default)]
    pub interval_counts: Option<Vec<i64>>,
}

impl Product {
    /// The subscription plan staff may offer, if the product has a usable one.
    pub fn subscription_plan(&self) -> Option<SubscriptionPlan> {
        let interval = self.interval.clone().filter(|i| ["day", "week", "month", "year"].contains(&i.as_str()))?;
        let counts: Vec<i64> = self.interval_counts.clone().unwrap_or_else(|| vec![1]).into_iter().filter(|c| *c >= 1).collect();
        (self.enable_subscription && !counts.is_empty()).then_some(SubscriptionPlan { interval, interval_counts: counts })
    }
}

/// A variant (`ProductVariant`).
#[derive(Debug, Clone, Deserialize)]
pub struct Variant {
    /// The id order lines use.
    pub id: VariantId,
    /// Title ("Blue / M").
    #[serde(default)]
    pub title: String,
    /// SKU.
    #[serde(default)]
    pub sku: Option<String>,
    /// Barcode.
    #[serde(default)]
    pub upc: Option<String>,
    /// Prices per currency.
    #[serde(default)]
    pub prices: Vec<Price>,
    /// `available` or `unavailable`.
    #[serde(default)]
    pub purchase_availability: Option<String>,
    /// `in_stock`, `low_stock`, `out_of_stock`, `untracked`.
    #[serde(default)]
    pub inventory_availability: Option<String>,
    /// Stock at each fulfillment location (`StockrecordLocation`).
    #[serde(default, deserialize_with = "null_as_empty_stock")]
    pub stockrecords: Vec<StockRecord>,
}

fn null_as_empty_stock<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<StockRecord>, D::Error> {
    Ok(Option::<Vec<StockRecord>>::deserialize(d)?.unwrap_or_default())
}

/// A price (`ProductPrices`).
#[derive(Debug, Clone, Deserialize)]
pub struct Price {
    /// Currency code.
    #[serde(default)]
    pub currency: String,
    /// Price.
    pub price: Decimal,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_is_named_by_product_and_variant_unless_the_variant_has_no_title() {
        assert_eq!(super::display_title("Stoneware Mug", "Blue"), "Stoneware Mug (Blue)");
        assert_eq!(super::display_title("Enamel Pin Set", ""), "Enamel Pin Set");
    }
}
