//! The moves of a sale that are not a payment: the clock's (expiry), staff's (cancel), and
//! what a restart finds open. Every move goes through [`Counter::move_to`] and the one state
//! table.

use std::time::Duration;

use super::{SaleEvent, SaleState, SaleView};
use crate::counter::Counter;
use crate::db::sales::{self, Changes, Moved};
use crate::domain::words::{text, Text};
use crate::error::{Error, Result};

impl Counter {
    /// Apply `event` to sale `id` as the state table allows, with `changes` and `note` on
    /// its timeline; the audit entry names staff for their own moves (charge, cancel) and
    /// "system" for the customer's, the store's and the clock's. Returns whether it moved:
    /// `false` when the sale's state does not take the event (someone moved it first).
    pub(crate) fn move_to(&self, id: &str, event: SaleEvent, changes: Changes, note: &Text) -> Result<bool> {
        let who = if event.by_staff() { self.current_actor().name() } else { "system".into() };
        match sales::transition(self.db(), id, event, &changes, &note.to_stored(), &who)? {
            Moved::To(from, to) => {
                tracing::info!(sale = id, from = from.as_str(), state = to.as_str(), "sale moved");
                self.publish(id);
                Ok(true)
            }
            Moved::Refused(why) => {
                tracing::debug!(sale = id, %why, "sale not moved");
                Ok(false)
            }
        }
    }

    pub(crate) fn arm_expiry(&self, id: &str, after: Duration) {
        let counter = self.clone();
        let id = id.to_string();
        tokio::spawn(async move {
            counter.clock().sleep(after).await;
            if let Err(e) = counter.expire_if_due(&id) {
                tracing::error!(sale = id, error = %e, "expiry failed");
            }
        });
    }

    /// Expire the sale if it still awaits payment and its time is up. Returns whether it did.
    pub fn expire_if_due(&self, id: &str) -> Result<bool> {
        let r = self.record(id)?;
        if r.state != SaleState::AwaitingPayment || r.expires_at.is_some_and(|t| t > self.now_ms()) {
            return Ok(false);
        }
        if crate::db::claims::checking(self.db(), id)? {
            // A posted order is still being checked with the store: wait for its outcome.
            self.arm_expiry(id, Duration::from_secs(30));
            return Ok(false);
        }
        self.move_to(
            id,
            SaleEvent::Expire,
            Changes { reason: Some(Some(text!("reason-timed-out").to_stored())), ..Default::default() },
            &text!("note-timed-out"),
        )
    }

    /// Staff cancels a sale that is not paid yet. A payment that still arrives for it is
    /// recorded and flagged, never dropped.
    ///
    /// Fails when the sale is already being verified or final.
    pub fn cancel(&self, id: &str) -> Result<SaleView> {
        self.guarded_sale(id, crate::staff::SaleAccess::Sell, crate::text!("may-cancel-a-sale"))?;
        let moved = self.move_to(
            id,
            SaleEvent::Cancel,
            Changes { reason: Some(Some(text!("reason-cancelled").to_stored())), ..Default::default() },
            &text!("note-cancelled"),
        )?;
        if !moved {
            let r = self.record(id)?;
            return Err(Error::Conflict(text!("cancel-too-late", state = r.state.words())));
        }
        self.sale(id)
    }

    /// Settle sales left open by a previous run: expire overdue links, re-arm timers,
    /// resume verifications, return interrupted creates to `draft`, and settle upsells whose
    /// charge was in flight (in the background, by reading their orders back).
    ///
    /// Call it once at start-up, before the counter sells.
    pub fn resume(&self) -> Result<()> {
        self.mark_interrupted_refunds()?;
        let settling = self.clone();
        tokio::spawn(async move {
            settling.settle_open_upsells().await;
            settling.settle_unknown_refunds().await;
        });
        let rechecking = self.clone();
        tokio::spawn(async move {
            // Claims a stopped run was checking are checked again.
            if let Err(e) = rechecking.recheck_open_claims(true).await {
                tracing::warn!(error = %e, "open claims not checked at start; reconciliation will");
            }
        });
        // Paid sales a stopped run had not finished closing at the store: first, the store
        // ships them after its delay.
        let closing = self.clone();
        tokio::spawn(async move { closing.close_open_sales().await });
        let open = sales::in_states(self.db(), &[SaleState::Creating, SaleState::AwaitingPayment])?;
        for sale in open {
            match sale.state {
                SaleState::Creating => {
                    self.move_to(
                        &sale.id,
                        SaleEvent::Interrupted,
                        Changes { reason: Some(Some(text!("reason-interrupted").to_stored())), ..Default::default() },
                        &text!("note-interrupted"),
                    )?;
                }
                SaleState::AwaitingPayment => {
                    let left = sale.expires_at.unwrap_or(0) - self.now_ms();
                    if left <= 0 {
                        self.expire_if_due(&sale.id)?;
                    } else {
                        self.arm_expiry(&sale.id, Duration::from_millis(left as u64));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}
