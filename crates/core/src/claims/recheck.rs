//! Claims checked again later: those a stopped run was checking, those whose pause is over,
//! and those the store could not be asked about (with a growing pause).

use std::time::Duration;

use super::ClaimOutcome;
use crate::admin_api::models::OrderNumber;
use crate::counter::Counter;
use crate::db::claims::{self, ClaimStatus};
use crate::db::sales;
use crate::error::{Error, Result};

impl Counter {
    /// Re-check claims left open: `checking` ones at start (the run that checked them
    /// stopped), and `recheck` ones whose pause is over (1, 2, 4, … minutes, for the
    /// reconciliation window). Returns how many sales it settled.
    pub(crate) async fn recheck_open_claims(&self, include_checking: bool) -> Result<usize> {
        let mut settled = 0;
        let now = self.now_ms();
        for c in claims::open(self.db())? {
            let Some(sale) = sales::get(self.db(), &c.sale_id)? else { continue };
            if now - sale.created_at > crate::webhooks::RECONCILE_WINDOW_MS {
                continue;
            }
            let due = match c.status {
                ClaimStatus::Checking => include_checking,
                _ => c.checked_at.is_none_or(|t| now - t >= 60_000i64 << c.checks.clamp(0, 10)),
            };
            if !due {
                continue;
            }
            let number = OrderNumber(c.number.clone());
            let Some(_guard) = self.claim_guard(&c.sale_id, &number) else { continue };
            match self.check_claim(&c.sale_id, &number, None).await {
                Ok(ClaimOutcome::Paid) => settled += 1,
                Ok(_) => {}
                Err(Error::Api(e)) if e.is_transient() => {
                    drop(_guard);
                    self.spawn_verification(&c.sale_id, number);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(settled)
    }

    /// Keep checking a claim the store could not be asked about, with a growing pause.
    pub(crate) fn spawn_verification(&self, id: &str, number: OrderNumber) {
        let counter = self.clone();
        let id = id.to_string();
        tokio::spawn(async move {
            let mut wait = Duration::from_secs(2);
            loop {
                counter.clock().sleep(wait).await;
                let Some(_guard) = counter.claim_guard(&id, &number) else {
                    wait = (wait * 2).min(Duration::from_secs(60));
                    continue;
                };
                match counter.check_claim(&id, &number, None).await {
                    Ok(_) => return,
                    Err(Error::Api(e)) if e.is_transient() => {
                        tracing::warn!(sale = id, error = %e, "store still unreachable; will verify again");
                        wait = (wait * 2).min(Duration::from_secs(60));
                    }
                    Err(e) => {
                        tracing::error!(sale = id, error = %e, "verification stopped");
                        return;
                    }
                }
            }
        });
    }
}
