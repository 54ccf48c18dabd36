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
    pub async fn create_klarna(&self, body: &CreateOrder) -> Result<PaymentRedirect, ApiError> {
        self.client.post("orders/", body).await
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

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
