//! Claims: an order number named for a sale by the customer's browser, a signed webhook or
//! reconciliation, and the one rule that decides whether it pays the sale.
//!
//! A claim is a note beside the sale, never a state change by itself. Only the store's own
//! answer moves the sale:
//! - **paid**: the store holds the order as paid, in the sale's currency, with exactly the
//!   basket's items, and the order is provably this sale's (our `counterpay_sale` metadata
//!   or our `counterpay-sale:<id>` tag), and its line amounts come to the basket's total;
//! - **review**: paid with the basket's items, but without our marks (a store that dropped
//!   them, or another customer's web order) or with other amounts: staff decide, with both
//!   figures shown; a provable payment still pays the sale later;
//! - otherwise the sale stays where it is. A refusal that can never change (another sale's
//!   order, other items, another currency) is remembered, so that number is not read again;
//!   "not found yet" and "not paid yet" are checked again by the next claim, a webhook and
//!   reconciliation, so a number posted early can never block the customer's real payment.
//!
//! What one payment link can cost is bounded: the browser may name at most
//! [`MAX_BROWSER_NUMBERS`] different numbers per sale, re-checks of one number from the
//! browser are spaced [`BROWSER_RECHECK_AFTER_MS`] apart, doubling up to a minute, a link takes no browser claims
//! [`BROWSER_CLAIMS_AFTER_END_MS`] after its sale ended, every store read for a claim waits
//! behind the counter's own requests, and the audit log records a refused number once and
//! then at every tenfold count of posts.

use std::time::Duration;

use serde::Serialize;

use crate::admin_api::models::{Order, OrderNumber};
use crate::counter::Counter;
use crate::db::audit;
use crate::db::claims::{self, ClaimRecord, ClaimStatus};
use crate::db::sales::{self, Changes, SaleRecord};
use crate::error::{Error, Result};
use crate::sale::{SaleEvent, SaleState};

mod judge;
mod recheck;
mod review;

use crate::domain::words::{self, money, plain, text, Text};
pub use judge::sale_marks;
use judge::Verdict;

/// Most different order numbers the customer's browser may name for one sale.
pub const MAX_BROWSER_NUMBERS: i64 = 3;
/// A number not found or not paid yet is read again for a browser post at most this often.
pub const BROWSER_RECHECK_AFTER_MS: i64 = 5_000;
/// A link takes no browser claims this long after its sale ended (webhooks and
/// reconciliation still record a late payment).
pub const BROWSER_CLAIMS_AFTER_END_MS: i64 = 6 * 3600 * 1000;
/// The pause before the browser may have a number read again after `checks` reads: 5 s,
/// doubling up to a minute.
fn browser_recheck_after(checks: i64) -> i64 {
    (BROWSER_RECHECK_AFTER_MS << (checks - 1).clamp(0, 4)).min(60_000)
}
/// Payment statuses that count as paid.
const ACCEPTED_PAYMENT: &[&str] = &["paid", "authorized"];
/// The tag prefix that names a sale on its order.
pub const SALE_TAG_PREFIX: &str = "counterpay-sale:";

/// Where a claimed order came from (for the sale's timeline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimSource {
    /// The customer's browser posted it to the return URL.
    Browser,
    /// A signed store webhook named it.
    Webhook,
    /// Reconciliation found it in the store's order list.
    Reconciliation,
}

impl ClaimSource {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimSource::Browser => "browser",
            ClaimSource::Webhook => "webhook",
            ClaimSource::Reconciliation => "reconciliation",
        }
    }

    fn via(self) -> Text {
        match self {
            ClaimSource::Browser => text!("claim-via-browser"),
            ClaimSource::Webhook => text!("claim-via-webhook"),
            ClaimSource::Reconciliation => text!("claim-via-reconciliation"),
        }
    }
}

/// What became of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimOutcome {
    /// The sale is paid by this order (now or earlier).
    Paid,
    /// Paid with the sale's items, held for staff review.
    Review,
    /// Still being checked (the store could not be reached, or another check is running).
    Checking,
    /// The store has no such paid order yet; asked again later.
    NotYet,
    /// Not this sale's payment.
    Refused,
    /// Not looked at: over what one link may cost.
    Ignored,
}

/// A claim as staff see it: a quiet line beside the sale.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ClaimView {
    /// The order number named.
    pub number: String,
    /// Where it stands.
    pub status: ClaimStatus,
    /// What the store said.
    pub reason: Option<String>,
    /// How many times it was named.
    pub posts: i64,
    /// Who named it first.
    pub source: String,
    /// Last named (ms).
    pub last_at: i64,
}

impl From<ClaimRecord> for ClaimView {
    fn from(c: ClaimRecord) -> Self {
        ClaimView {
            number: c.number,
            status: c.status,
            reason: words::show_opt(c.reason.as_deref()),
            posts: c.posts,
            source: c.source,
            last_at: c.last_at,
        }
    }
}

impl Counter {
    /// Claims named for sale `id`, oldest first.
    pub fn claims_of(&self, id: &str) -> Result<Vec<ClaimView>> {
        Ok(claims::for_sale(self.db(), id)?.into_iter().map(ClaimView::from).collect())
    }

    /// Claim order `number` for `sale`: the one path by which a browser return, a webhook
    /// and reconciliation settle a sale. `fetched` is the order when the caller has just
    /// read it from the store.
    pub(crate) async fn claim_order(
        &self,
        sale: &SaleRecord,
        number: OrderNumber,
        source: ClaimSource,
        fetched: Option<Order>,
    ) -> Result<ClaimOutcome> {
        let sale = sales::get(self.db(), &sale.id)?.ok_or(Error::NotFound("sale"))?;
        let id = sale.id.clone();
        let existing = claims::get(self.db(), &id, &number.0)?;
        if sale.state == SaleState::Paid {
            if sale.order_number.as_deref() == Some(number.0.as_str()) {
                return Ok(ClaimOutcome::Paid);
            }
            // Another number for a paid sale: one note for staff, no store read.
            let c = claims::named(self.db(), &id, &number.0, source.as_str())?;
            if existing.is_none() {
                let why = text!("claim-already-paid", paid_by = sale.order_number.as_deref().unwrap_or("?"));
                claims::settle(self.db(), &id, &number.0, ClaimStatus::Refused, Some(&why.to_stored()), false)?;
                sales::note(
                    self.db(),
                    &id,
                    sale.state,
                    &text!("note-also-claimed", number = plain(&number), via = source.via()).to_stored(),
                )?;
                self.publish(&id);
            }
            self.audit_refusal(&id, &number, &c, &why_paid(&sale))?;
            return Ok(ClaimOutcome::Refused);
        }
        match &existing {
            Some(c) if c.status == ClaimStatus::Refused => {
                let c = claims::named(self.db(), &id, &number.0, source.as_str())?;
                let why = c.reason.as_deref().and_then(|r| serde_json::from_str::<Text>(r).ok()).unwrap_or_else(|| text!("claim-refused"));
                self.audit_refusal(&id, &number, &c, &why)?;
                return Ok(ClaimOutcome::Refused);
            }
            Some(c) if c.status == ClaimStatus::Review && sale.state == SaleState::Review && fetched.is_none() => {
                claims::named(self.db(), &id, &number.0, source.as_str())?;
                return Ok(ClaimOutcome::Review);
            }
            Some(c)
                if source == ClaimSource::Browser
                    && c.status == ClaimStatus::Recheck
                    && c.checked_at.is_some_and(|t| self.now_ms() - t < browser_recheck_after(c.checks)) =>
            {
                // Asked again too soon (the customer's real return after a forged early post
                // of the same number, or a flood of it): one check, once the pause is over.
                claims::named(self.db(), &id, &number.0, source.as_str())?;
                if let Some(guard) = self.claim_guard(&id, &number) {
                    claims::settle(self.db(), &id, &number.0, ClaimStatus::Checking, Some(&checking()), false)?;
                    let wait = browser_recheck_after(c.checks) - (self.now_ms() - c.checked_at.unwrap_or(0));
                    let counter = self.clone();
                    let number = number.clone();
                    tokio::spawn(async move {
                        counter.clock().sleep(Duration::from_millis(wait.max(0) as u64)).await;
                        match counter.check_claim(&guard.key.0, &number, None).await {
                            Err(Error::Api(e)) if e.is_transient() => {
                                let id = guard.key.0.clone();
                                drop(guard);
                                counter.spawn_verification(&id, number);
                            }
                            Err(e) => tracing::warn!(error = %e, "re-check of a claim failed"),
                            Ok(_) => {}
                        }
                    });
                }
                return Ok(ClaimOutcome::Checking);
            }
            Some(_) => {}
            None if source == ClaimSource::Browser => {
                if sale.state.is_final() && self.now_ms() - sale.updated_at > BROWSER_CLAIMS_AFTER_END_MS {
                    tracing::info!(sale = id, "claim on a long-ended sale's link ignored");
                    return Ok(ClaimOutcome::Ignored);
                }
                if claims::distinct_numbers(self.db(), &id)? >= MAX_BROWSER_NUMBERS {
                    tracing::info!(sale = id, "claim over the link's limit of order numbers ignored");
                    return Ok(ClaimOutcome::Ignored);
                }
            }
            None => {}
        }
        let Some(_guard) = self.claim_guard(&id, &number) else {
            claims::named(self.db(), &id, &number.0, source.as_str())?;
            return Ok(ClaimOutcome::Checking);
        };
        let c = claims::named(self.db(), &id, &number.0, source.as_str())?;
        if c.posts == 1 {
            let note = if sale.state.is_final() {
                text!("note-claimed-late", number = plain(&number), via = source.via(), state = sale.state.words())
            } else {
                text!("note-claimed", number = plain(&number), via = source.via())
            };
            sales::note(self.db(), &id, sale.state, &note.to_stored())?;
        }
        claims::settle(self.db(), &id, &number.0, ClaimStatus::Checking, Some(&checking()), false)?;
        self.publish(&id);
        match self.check_claim(&id, &number, fetched).await {
            Ok(outcome) => Ok(outcome),
            Err(Error::Api(e)) if e.is_transient() => {
                self.spawn_verification(&id, number);
                Ok(ClaimOutcome::Checking)
            }
            Err(e) => Err(e),
        }
    }

    /// At most one store check of one number for one sale at a time.
    fn claim_guard(&self, id: &str, number: &OrderNumber) -> Option<ClaimGuard> {
        let key = (id.to_string(), number.0.clone());
        let mut set = self.inner.claims_in_flight.lock().unwrap_or_else(|e| e.into_inner());
        if !set.insert(key.clone()) {
            return None;
        }
        Some(ClaimGuard { counter: self.clone(), key })
    }

    /// Read order `number` (unless given) and settle the claim. A transient store failure
    /// leaves the claim `checking` and is returned, for the caller to retry.
    async fn check_claim(&self, id: &str, number: &OrderNumber, fetched: Option<Order>) -> Result<ClaimOutcome> {
        let sale = sales::get(self.db(), id)?.ok_or(Error::NotFound("sale"))?;
        if sale.state == SaleState::Paid {
            return Ok(if sale.order_number.as_deref() == Some(number.0.as_str()) { ClaimOutcome::Paid } else { ClaimOutcome::Refused });
        }
        let order = match fetched {
            Some(o) => Ok(o),
            None => self.client()?.background().orders().retrieve(number).await,
        };
        let verdict = match order {
            Ok(order) => self.judge(&sale, order)?,
            Err(e) if e.is_not_found() => Verdict::NotYet(text!("claim-no-order", number = plain(number))),
            Err(e) if e.is_transient() => {
                let why = text!("claim-unreachable", number = plain(number), why = e.words());
                claims::settle(self.db(), id, &number.0, ClaimStatus::Checking, Some(&why.to_stored()), true)?;
                self.publish(id);
                return Err(Error::Api(e));
            }
            Err(e) => Verdict::NotYet(text!("claim-not-shown", number = plain(number), words = e.store_words())),
        };
        self.apply_verdict(&sale, number, verdict)
    }

    fn apply_verdict(&self, sale: &SaleRecord, number: &OrderNumber, verdict: Verdict) -> Result<ClaimOutcome> {
        let id = sale.id.as_str();
        let late = matches!(sale.state, SaleState::Cancelled | SaleState::Expired | SaleState::Failed | SaleState::Rejected);
        let outcome = match verdict {
            Verdict::Paid(order) => {
                match self.mark_paid(
                    sale,
                    &order,
                    late,
                    &text!("note-confirmed", number = plain(&order.number), total = money(order.total_incl_tax, &order.currency)),
                ) {
                    Ok(true) => {
                        claims::settle(self.db(), id, &number.0, ClaimStatus::Accepted, None, true)?;
                        ClaimOutcome::Paid
                    }
                    Ok(false) => {
                        // Someone else settled the sale first.
                        let now = sales::get(self.db(), id)?.ok_or(Error::NotFound("sale"))?;
                        if now.order_number.as_deref() == Some(number.0.as_str()) {
                            claims::settle(self.db(), id, &number.0, ClaimStatus::Accepted, None, true)?;
                            ClaimOutcome::Paid
                        } else {
                            claims::settle(
                                self.db(),
                                id,
                                &number.0,
                                ClaimStatus::Recheck,
                                Some(&text!("claim-sale-changed").to_stored()),
                                true,
                            )?;
                            ClaimOutcome::NotYet
                        }
                    }
                    Err(Error::Db(e)) if e.is_constraint_violation() => {
                        self.refuse(sale, number, &text!("claim-other-sale", number = plain(number)))?
                    }
                    Err(e) => return Err(e),
                }
            }
            Verdict::Review(order, why) => {
                claims::settle(self.db(), id, &number.0, ClaimStatus::Review, Some(&why.to_stored()), true)?;
                let changes = Changes {
                    claim_json: serde_json::to_string(&*order).ok(),
                    after_cancel: Some(late || sale.after_cancel),
                    reason: Some(Some(why.to_stored())),
                    ..Default::default()
                };
                self.move_to(id, SaleEvent::Doubted, changes, &text!("note-held", number = plain(number), why = &why))?;
                ClaimOutcome::Review
            }
            Verdict::NotYet(why) => {
                claims::settle(self.db(), id, &number.0, ClaimStatus::Recheck, Some(&why.to_stored()), true)?;
                let c = claims::get(self.db(), id, &number.0)?.ok_or(Error::NotFound("claim"))?;
                self.audit_refusal(id, number, &c, &why)?;
                self.publish(id);
                ClaimOutcome::NotYet
            }
            Verdict::Refused(why) => self.refuse(sale, number, &why)?,
        };
        Ok(outcome)
    }

    fn refuse(&self, sale: &SaleRecord, number: &OrderNumber, why: &Text) -> Result<ClaimOutcome> {
        tracing::warn!(sale = sale.id, %number, %why, "claimed payment refused");
        claims::settle(self.db(), &sale.id, &number.0, ClaimStatus::Refused, Some(&why.to_stored()), true)?;
        sales::note(self.db(), &sale.id, sale.state, &text!("note-not-this-sale", why = why).to_stored())?;
        let c = claims::get(self.db(), &sale.id, &number.0)?.ok_or(Error::NotFound("claim"))?;
        self.audit_refusal(&sale.id, number, &c, why)?;
        self.publish(&sale.id);
        Ok(ClaimOutcome::Refused)
    }

    /// One audit entry for a refused number, then one at every tenfold count of posts.
    fn audit_refusal(&self, id: &str, number: &OrderNumber, c: &ClaimRecord, why: &Text) -> Result<()> {
        let p = c.posts;
        let decade = p == 1 || (p >= 10 && p.checked_ilog10().is_some_and(|d| 10i64.pow(d) == p));
        if decade {
            let after = text!("audit-claim-refused", number = plain(number), why = why, posts = p).to_stored();
            audit::record(self.db(), "customer", "sale.claim_refused", Some(id), None, Some(&after))?;
        }
        Ok(())
    }

    /// Move a sale to `paid` with the store's order. Returns whether this call moved it.
    pub(crate) fn mark_paid(&self, sale: &SaleRecord, order: &Order, late: bool, note: &Text) -> Result<bool> {
        let after_cancel = late || sale.after_cancel;
        let changes = Changes {
            order_number: Some(order.number.0.clone()),
            store_total: Some(order.total_incl_tax),
            order_json: serde_json::to_string(order).ok(),
            customer: order.user.as_ref().and_then(|u| u.display()),
            refunded: Some(order.refunded()),
            store_status: order.status.clone(),
            after_cancel: Some(after_cancel),
            reason: Some(if after_cancel { Some(text!("reason-paid-late").to_stored()) } else { None }),
            paid_at: Some(self.now_ms()),
            ..Default::default()
        };
        let moved = self.move_to(&sale.id, SaleEvent::Confirmed, changes, note)?;
        if moved {
            // Close it at the store at once: capture, and hand over what was handed over.
            crate::db::closing::set_summary(self.db(), &sale.id, "pending", Some(&text!("closing-pending").to_stored()))?;
            self.check_correlation(order);
            self.spawn_close(&sale.id);
            self.spawn_receipt(&sale.id);
        }
        Ok(moved)
    }
}

/// "Checking with the store.", as kept on a claim.
fn checking() -> String {
    text!("claim-checking").to_stored()
}

fn why_paid(sale: &SaleRecord) -> Text {
    text!("claim-already-paid", paid_by = sale.order_number.as_deref().unwrap_or("?"))
}

/// Removes its (sale, number) from the set of checks in flight when dropped.
struct ClaimGuard {
    counter: Counter,
    key: (String, String),
}

impl Drop for ClaimGuard {
    fn drop(&mut self) {
        self.counter.inner.claims_in_flight.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.key);
    }
}
