//! `/orders/`: create a Klarna redirect payment, read an order back.

use super::models::{
    AddLineItems, CalculateRefund, CancelOrder, CreateOrder, Order, OrderNumber, Page, PaymentRedirect, Refund, RefundCalculation,
    RefundOrder,
};
use super::{ApiError, Client};

/// The orders resource.
#[derive(Debug)]
pub struct Orders<'a> {
    pub(super) client: &'a Client,
}

impl Orders<'_> {
    /// `POST /orders/` with `payment_method: klarna`: returns the hosted payment URL.
    ///
    /// Never retried except on 429; a timeout or 5xx leaves the outcome unknown
    /// ([`ApiError::outcome_unknown`]).
    ///
    /// The docs say a redirect method answers `{reference_transaction_id,
    /// payment_complete_url}`; the contract says an `Order`. The URL is taken wherever it is;
    /// an answer without one fails with a decode error that says so.
    pub async fn create_klarna(&self, body: &CreateOrder) -> Result<PaymentRedirect, ApiError> {
        redirect_from(self.client.post("orders/", body).await?)
    }

    /// `POST /orders/{number}/add-line-items/`: add upsell lines and charge the order's
    /// original payment method. Never retried except on 429; a timeout or 5xx leaves the
    /// outcome unknown, to be settled by reading the order back.
    pub async fn add_line_items(&self, number: &OrderNumber, body: &AddLineItems) -> Result<Order, ApiError> {
        let path = format!("orders/{}/add-line-items/", urlencode(&number.0));
        self.client.post(&path, body).await
    }

    /// `POST /orders/{number}/refund/calculate/`: what a refund of these lines would pay
    /// back, and through which transactions. Changes nothing.
    pub async fn calculate_refund(&self, number: &OrderNumber, body: &CalculateRefund) -> Result<RefundCalculation, ApiError> {
        self.client.post(&format!("orders/{}/refund/calculate/", urlencode(&number.0)), body).await
    }

    /// `POST /orders/{number}/refund/`: pay money back. Never retried except on 429; an
    /// unknown outcome is settled by reading the order's refunds back.
    pub async fn refund(&self, number: &OrderNumber, body: &RefundOrder) -> Result<Refund, ApiError> {
        self.client.post(&format!("orders/{}/refund/", urlencode(&number.0)), body).await
    }

    /// `POST /orders/{number}/cancel/`. Never retried except on 429.
    pub async fn cancel(&self, number: &OrderNumber, body: &CancelOrder) -> Result<Order, ApiError> {
        self.client.post(&format!("orders/{}/cancel/", urlencode(&number.0)), body).await
    }

    /// `GET /orders/{number}/`: the authoritative order.
    pub async fn retrieve(&self, number: &OrderNumber) -> Result<Order, ApiError> {
        let path = format!("orders/{}/", urlencode(&number.0));
        self.client.get(&path).await
    }
}

impl Orders<'_> {
    /// `GET /orders/?tags=<tag>`, newest first: one page, the first when `next` is `None`.
    pub async fn list_tagged(&self, tag: &str, next: Option<&str>) -> Result<Page<Order>, ApiError> {
        match next {
            Some(n) => self.client.get(n).await,
            None => self.client.get(&format!("orders/?tags={}", urlencode(tag))).await,
        }
    }
}

/// The payment link in `POST /orders/`'s answer, wherever it is (see [`Orders::create_klarna`]).
fn redirect_from(answer: serde_json::Value) -> Result<PaymentRedirect, ApiError> {
    let url = answer
        .get("payment_complete_url")
        .or_else(|| answer.get("payment_details").and_then(|d| d.get("payment_complete_url")))
        .and_then(|u| u.as_str())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    match url {
        Some(u) => Ok(PaymentRedirect {
            reference_transaction_id: answer.get("reference_transaction_id").and_then(|r| r.as_str()).map(str::to_string),
            payment_complete_url: u.to_string(),
        }),
        None => Err(ApiError::Decode {
            path: "payment_complete_url".into(),
            message: match answer.get("number") {
                Some(n) => format!("the store created order {n} without a Klarna payment link"),
                None => "the store's answer has no Klarna payment link".into(),
            },
        }),
    }
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payment_link_is_read_from_either_answer_shape() {
        let redirect =
            redirect_from(serde_json::json!({"reference_transaction_id": null, "payment_complete_url": "https://pay.example/x"})).unwrap();
        assert_eq!(redirect.payment_complete_url, "https://pay.example/x");
        let as_order =
            redirect_from(serde_json::json!({"number": "10001", "payment_details": {"payment_complete_url": "https://pay.example/y"}}))
                .unwrap();
        assert_eq!(as_order.payment_complete_url, "https://pay.example/y");
        let none = redirect_from(serde_json::json!({"number": "10002"})).unwrap_err();
        assert!(none.to_string().contains("without a Klarna payment link"), "{none}");
        assert!(
            redirect_from(serde_json::json!({"payment_complete_url": "javascript:alert(1)"})).is_err(),
            "only web links are shown as QR codes"
        );
    }
}
