//! A payment held for review: a manager accepts it as the sale's, or turns it down.

use crate::admin_api::models::OrderNumber;
use crate::counter::Counter;
use crate::db::audit;
use crate::db::claims::{self, ClaimStatus};
use crate::db::sales::{self, Changes};
use crate::error::{Error, Result};
use crate::sale::{SaleEvent, SaleState};

use super::Verdict;
use crate::domain::words::{money, plain, text};

impl Counter {
    /// A manager accepts the order held for review as this sale's payment, after the store
    /// confirms it is still paid with the sale's items.
    ///
    /// Fails when the sale is not held for review, or the store no longer holds it as paid.
    pub async fn accept_review(&self, id: &str) -> Result<crate::sale::SaleView> {
        let actor = self.require(crate::db::staff::Role::Manager, crate::text!("may-accept-review"))?;
        let sale = sales::get(self.db(), id)?.ok_or(Error::NotFound("sale"))?;
        let Some(held) = claims::for_sale(self.db(), id)?.into_iter().rev().find(|c| c.status == ClaimStatus::Review) else {
            return Err(Error::Conflict(text!("review-none")));
        };
        if sale.state != SaleState::Review {
            return Err(Error::Conflict(text!("review-over")));
        }
        let number = OrderNumber(held.number.clone());
        let order = self.client()?.orders().retrieve(&number).await?;
        match self.judge(&sale, order)? {
            Verdict::Paid(order) | Verdict::Review(order, _) => {
                let note = text!(
                    "note-review-accepted",
                    name = actor.name(),
                    number = plain(&order.number),
                    total = money(order.total_incl_tax, &order.currency)
                );
                if !self.mark_paid(&sale, &order, false, &note)? {
                    return Err(Error::Conflict(text!("sale-changed")));
                }
                claims::settle(self.db(), id, &number.0, ClaimStatus::Accepted, None, true)?;
                audit::record(self.db(), &actor.name(), "sale.review_accepted", Some(id), Some(&held.number), held.reason.as_deref())?;
            }
            Verdict::NotYet(why) | Verdict::Refused(why) => {
                return Err(Error::Conflict(text!("review-store-changed", why = why)));
            }
        }
        self.sale(id)
    }

    /// A manager decides the order held for review is not this sale's payment: the sale is
    /// rejected (a provable payment can still pay it later) and the number is not read again.
    pub fn dismiss_review(&self, id: &str) -> Result<crate::sale::SaleView> {
        let actor = self.require(crate::db::staff::Role::Manager, crate::text!("may-dismiss-review"))?;
        let Some(held) = claims::for_sale(self.db(), id)?.into_iter().rev().find(|c| c.status == ClaimStatus::Review) else {
            return Err(Error::Conflict(text!("review-none")));
        };
        let why = text!("review-dismissed", name = actor.name(), number = &held.number);
        if !self.move_to(id, SaleEvent::Rejected, Changes { reason: Some(Some(why.to_stored())), ..Default::default() }, &why)? {
            return Err(Error::Conflict(text!("review-over")));
        }
        claims::settle(self.db(), id, &held.number, ClaimStatus::Refused, Some(&why.to_stored()), false)?;
        audit::record(self.db(), &actor.name(), "sale.review_dismissed", Some(id), Some(&held.number), None)?;
        self.sale(id)
    }
}
