//! A POST to a sale's return URL, as the customer's browser makes it: find the sale by its
//! token, apply the claim, and answer with the page the customer should see.

use std::time::Duration;

use tokio::sync::broadcast;

use super::pages::{self, Page};
use crate::counter::Counter;
use crate::db::sales::{self, Changes, SaleRecord};
use crate::domain::words::text;
use crate::domain::OrderNumber;
use crate::error::Result;
use crate::sale::{token_hash, token_is_well_formed, Claim, ClaimSource, SaleEvent, SaleState};

/// How long a return POST waits for a verification already running elsewhere.
const RETURN_PAGE_WAIT: Duration = Duration::from_secs(8);

impl Counter {
    /// Handle a POST to `/klarna/return/<token>`: find the sale, apply the claim, verify an
    /// order with the store, and return the page for the customer's browser.
    ///
    /// Returns `Ok(None)` for an unknown token (the caller answers 404 and writes nothing).
    pub async fn receive_return(&self, token: &str, claim: Claim) -> Result<Option<Page>> {
        if !token_is_well_formed(token) {
            return Ok(None);
        }
        let Some(sale) = sales::by_token_hash(self.db(), &token_hash(token))? else {
            return Ok(None);
        };
        let shop = self.shop_name();
        match claim {
            Claim::Failed => {
                let moved = self.move_to(
                    &sale.id,
                    SaleEvent::Declined,
                    Changes { reason: Some(Some(text!("reason-declined").to_stored())), ..Default::default() },
                    &text!("note-declined"),
                )?;
                if moved {
                    return Ok(Some(pages::failed(&shop)));
                }
                // Nothing changes; show the outcome the sale already has.
                self.page_for(&self.record(&sale.id)?)
            }
            Claim::Order { number, .. } => self.receive_order_claim(sale, number).await,
        }
    }

    /// The page for whoever posts to a sale's link now, from the sale as it stands.
    fn page_for(&self, sale: &SaleRecord) -> Result<Option<Page>> {
        let shop = self.shop_name();
        Ok(Some(match sale.state {
            SaleState::Paid => match sale.order_json.as_deref().and_then(|j| serde_json::from_str::<pages::ReceiptOrder>(j).ok()) {
                Some(order) => pages::receipt_of(&shop, &order),
                None => pages::checking(&shop),
            },
            SaleState::Failed => pages::failed(&shop),
            SaleState::Review | SaleState::Rejected | SaleState::Cancelled | SaleState::Expired => pages::see_staff(&shop),
            SaleState::Draft | SaleState::Creating | SaleState::AwaitingPayment => pages::failed(&shop),
        }))
    }

    async fn receive_order_claim(&self, sale: SaleRecord, number: OrderNumber) -> Result<Option<Page>> {
        let id = sale.id.clone();
        let shop = self.shop_name();
        let mut updates = self.subscribe();
        let outcome = self.claim_order(&sale, number.clone(), ClaimSource::Browser, None).await?;
        Ok(Some(match outcome {
            crate::claims::ClaimOutcome::Paid => return self.page_for(&self.record(&id)?),
            crate::claims::ClaimOutcome::Checking => {
                // Another check of this order runs (a webhook may have come first), or the
                // store is slow to answer: give it a moment, so the customer sees the outcome.
                let deadline = tokio::time::Instant::now() + RETURN_PAGE_WAIT;
                loop {
                    let current = self.record(&id)?;
                    if current.state == SaleState::Paid && current.order_number.as_deref() == Some(number.0.as_str()) {
                        return self.page_for(&current);
                    }
                    if !crate::db::claims::get(self.db(), &id, &number.0)?
                        .is_some_and(|c| c.status == crate::db::claims::ClaimStatus::Checking)
                    {
                        break;
                    }
                    match tokio::time::timeout_at(deadline, updates.recv()).await {
                        Ok(Ok(_)) | Ok(Err(broadcast::error::RecvError::Lagged(_))) => {}
                        Ok(Err(broadcast::error::RecvError::Closed)) | Err(_) => break,
                    }
                }
                match self.record(&id)?.state {
                    SaleState::Review => pages::see_staff(&shop),
                    _ => pages::checking(&shop),
                }
            }
            crate::claims::ClaimOutcome::NotYet => pages::checking(&shop),
            crate::claims::ClaimOutcome::Review | crate::claims::ClaimOutcome::Refused | crate::claims::ClaimOutcome::Ignored => {
                pages::see_staff(&shop)
            }
        }))
    }
}
