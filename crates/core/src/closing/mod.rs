//! Closing a paid sale at the store, so the store never ships what the customer carried out
//! of the shop, and the payment is captured.
//!
//! As soon as a sale is paid (and again after each upsell), for its order:
//! 1. the payment is captured when the store holds it `authorized`;
//! 2. each fulfillment order holding lines handed over at the counter is moved to this
//!    counter's location when it is assigned elsewhere, then those lines are fulfilled there
//!    with `notify: false`;
//! 3. lines marked *ship to customer* are left to the store's usual fulfillment;
//! 4. a fulfillment order with handed-over lines that the store already sent to another
//!    location (the app was down longer than the store's delay) gets a cancellation request,
//!    and staff are told plainly to check before it ships.
//!
//! It cannot half-happen: every step is saved as `requested` before it is sent
//! ([`crate::db::closing`]); a step whose answer was lost is `unknown` and is settled by
//! reading the order and its fulfillment orders back before anything else is sent, so a
//! double click, a timeout or a kill never captures or fulfills twice. One closing runs per
//! sale at a time; reconciliation and the next start finish what was left.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

use crate::admin_api::fulfillment::{CreateFulfillment, FulfillmentOrder, LineItem, Location, MoveFulfillmentOrder};
use crate::admin_api::models::OrderNumber;
use crate::admin_api::ApiError;
use crate::counter::{read, write, Counter};
use crate::db::closing::{self as steps, Step, StepKind, StepState};
use crate::db::remote::Ledger;
use crate::db::sales;
use crate::error::{Error, Result};
use crate::remote::Sent;

mod units;

use crate::domain::words::{self, plain, text, Text};
use crate::sale::SaleState;
use units::{fulfilled_units, lines_json, step_units, take_lines, take_map, units_of_done};

/// The sale's state at the store, as the Paid screen and History show it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ClosingView {
    /// `pending`, `closing`, `closed` or `attention`.
    #[ts(type = "\"pending\" | \"closing\" | \"closed\" | \"attention\"")]
    pub state: String,
    /// In staff's words: "Handed over at Shop", "Capturing…", "Not closed at the store: …".
    pub note: Option<String>,
    /// The steps sent to the store, oldest first.
    pub steps: Vec<Step>,
}

/// What a pass found still to do.
enum Pass {
    Closed(Text),
    Again,
    Attention(Text),
}

fn words(e: &ApiError) -> Text {
    e.store_words()
}

impl Counter {
    /// The sale's closing at the store, for the window.
    pub fn closing_of(&self, sale_id: &str) -> Result<Option<ClosingView>> {
        let (state, note) = steps::summary(self.db(), sale_id)?;
        Ok(match state {
            Some(state) => Some(ClosingView {
                state,
                note: words::show_opt(note.as_deref()),
                steps: steps::for_sale(self.db(), sale_id)?
                    .into_iter()
                    .map(|s| steps::Step { reason: words::show_opt(s.reason.as_deref()), ..s })
                    .collect(),
            }),
            None => None,
        })
    }

    /// The fulfillment location this counter stands in: the setting, or the demo store's
    /// "Shop". `None` when none is chosen (a real store then cannot sell).
    pub async fn counter_location(&self) -> Result<Option<Location>> {
        if let Some(loc) = read(&self.inner.location) {
            if self.settings().location_id.is_none_or(|id| id == loc.id) {
                return Ok(Some(loc));
            }
        }
        let locations = self.client()?.locations().await?;
        let wanted = match self.settings().location_id {
            Some(id) => locations.into_iter().find(|l| l.id == id),
            None if self.is_demo() => locations.into_iter().find(|l| l.name.eq_ignore_ascii_case("shop")),
            None => None,
        };
        write(&self.inner.location, wanted.clone());
        Ok(wanted)
    }

    /// The store's locations, for Settings (`GET /locations/`).
    pub async fn locations(&self) -> Result<Vec<Location>> {
        self.require(crate::db::staff::Role::Cashier, crate::text!("may-see-the-store-s-locations"))?;
        Ok(self.client()?.locations().await?)
    }

    /// Close sale `id` at the store in the background (see the module's notes).
    pub(crate) fn spawn_close(&self, id: &str) {
        let counter = self.clone();
        let id = id.to_string();
        tokio::spawn(async move {
            if let Err(e) = counter.close_at_store(&id).await {
                tracing::warn!(sale = id, error = %e, "not closed at the store yet; reconciliation tries again");
            }
        });
    }

    /// Let sale `id`'s closing at the store finish (waiting for one that runs, running one
    /// that is due) before money goes back: a refund's restock types depend on what was
    /// fulfilled. Gives up waiting after 20 s.
    pub(crate) async fn finish_closing(&self, id: &str) {
        for _ in 0..400 {
            let running = self.inner.closing_in_flight.lock().unwrap_or_else(|e| e.into_inner()).contains(id);
            if !running {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        if matches!(steps::summary(self.db(), id).map(|s| s.0).ok().flatten().as_deref(), Some("pending" | "closing")) {
            if let Err(e) = self.close_at_store(id).await {
                tracing::warn!(sale = id, error = %e, "not closed at the store before the refund");
            }
        }
    }

    /// Staff press Retry on a sale not closed at the store.
    pub async fn retry_closing(&self, id: &str) -> Result<crate::sale::SaleView> {
        self.guarded_sale(id, crate::staff::SaleAccess::Sell, crate::text!("may-close-a-sale-at-the-store"))?;
        if let Err(e) = self.close_at_store(id).await {
            tracing::warn!(sale = id, error = %e, "closing retried and not finished");
        }
        self.sale(id)
    }

    /// Close every paid sale of the last two days that is not closed at the store yet.
    pub async fn close_open_sales(&self) {
        let since = self.now_ms() - crate::webhooks::RECONCILE_WINDOW_MS;
        let Ok(open) = steps::open(self.db(), since) else { return };
        for id in open {
            if let Err(e) = self.close_at_store(&id).await {
                tracing::warn!(sale = id, error = %e, "not closed at the store yet; will try again");
            }
        }
    }

    /// Close paid sale `id` at the store now: capture, move, fulfill, as the module says.
    ///
    /// Fails when the store cannot be read; the sale then shows why and is tried again.
    pub async fn close_at_store(&self, id: &str) -> Result<()> {
        let Some(_guard) = self.closing_guard(id) else {
            // A closing runs already: it runs once more when it ends (an upsell charged
            // meanwhile has lines it did not see).
            self.inner.closing_rerun.lock().unwrap_or_else(|e| e.into_inner()).insert(id.to_string());
            return Ok(());
        };
        loop {
            self.close_once(id).await?;
            let again = self.inner.closing_rerun.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
            if !again {
                return Ok(());
            }
        }
    }

    async fn close_once(&self, id: &str) -> Result<()> {
        let sale = sales::get(self.db(), id)?.ok_or(Error::NotFound("sale"))?;
        if sale.state != SaleState::Paid || sale.origin.is_some() {
            return Ok(());
        }
        let Some(number) = sale.order_number.clone().map(OrderNumber) else { return Ok(()) };
        if self.is_test_sale(id) {
            // Paid to test the connection: paid back at once, never captured nor fulfilled.
            return self.close_test_sale(&sale, &number).await;
        }
        let (current, _) = steps::summary(self.db(), id)?;
        if current.as_deref() == Some("closed") && !self.has_new_lines(id)? {
            return Ok(());
        }
        let Some(location) = self.counter_location().await? else {
            self.set_closing(id, "attention", &text!("closing-needs-location"))?;
            return Ok(());
        };
        if current.as_deref() != Some("attention") {
            // Staff keep seeing what needs their attention until it is resolved.
            self.set_closing(id, "closing", &text!("closing-pending"))?;
        }
        let mut outcome = Pass::Again;
        for _ in 0..4 {
            outcome = match self.closing_pass(id, &number, &location).await {
                Ok(p) => p,
                Err(e) => {
                    let why = match &e {
                        Error::Api(api) => words(api),
                        other => other.words(),
                    };
                    self.set_closing(id, "attention", &text!("closing-failed-retrying", why = why))?;
                    return Err(e);
                }
            };
            if !matches!(outcome, Pass::Again) {
                break;
            }
        }
        match outcome {
            Pass::Closed(note) => self.set_closing(id, "closed", &note)?,
            Pass::Attention(note) => self.set_closing(id, "attention", &note)?,
            Pass::Again => self.set_closing(id, "attention", &text!("closing-order-keeps-changing"))?,
        }
        Ok(())
    }

    fn closing_guard(&self, id: &str) -> Option<ClosingGuard> {
        let mut set = self.inner.closing_in_flight.lock().unwrap_or_else(|e| e.into_inner());
        set.insert(id.to_string()).then(|| ClosingGuard { counter: self.clone(), id: id.to_string() })
    }

    /// An upsell was charged after the sale was closed: its lines need closing too.
    fn has_new_lines(&self, id: &str) -> Result<bool> {
        let charged =
            crate::db::upsells::for_sale(self.db(), id)?.iter().filter(|u| u.state == crate::db::upsells::UpsellState::Charged).count();
        let closed_for: usize = steps::for_sale(self.db(), id)?
            .iter()
            .filter(|s| s.kind == StepKind::Fulfill && s.state == StepState::Done)
            .filter_map(|s| s.detail["upsells"].as_u64())
            .max()
            .unwrap_or(0) as usize;
        Ok(charged > closed_for)
    }

    pub(crate) fn set_closing(&self, id: &str, state: &str, note: &Text) -> Result<()> {
        let (before, before_note) = steps::summary(self.db(), id)?;
        let kept = note.to_stored();
        if before.as_deref() == Some(state) && before_note.as_deref() == Some(kept.as_str()) {
            return Ok(());
        }
        steps::set_summary(self.db(), id, state, Some(&kept))?;
        // The timeline says what changed at the store, once: not again at every retry.
        let line = text!("note-at-store", what = note).to_stored();
        let last = sales::events(self.db(), id)?
            .into_iter()
            .rev()
            .find(|e| e.note.starts_with("{\"t\":\"note-at-store\"") || e.note.starts_with("At the store: "))
            .map(|e| e.note);
        if state != "closing" && last.as_deref() != Some(line.as_str()) {
            let sale_state = sales::get(self.db(), id)?.map(|s| s.state).unwrap_or(SaleState::Paid);
            sales::note(self.db(), id, sale_state, &line)?;
        }
        self.publish(id);
        Ok(())
    }

    /// Units of each variant handed over at the counter: the basket's lines not marked to
    /// ship, and every upsell charged at the counter; whether any line ships; and how many
    /// upsells that counts (recorded with the fulfillments, so a later upsell is closed too).
    fn handed_over(&self, id: &str) -> Result<(BTreeMap<i64, i64>, bool, usize)> {
        let mut units: BTreeMap<i64, i64> = BTreeMap::new();
        let mut any_ship = false;
        let mut upsells = 0;
        for l in sales::lines(self.db(), id)? {
            if l.ship {
                any_ship = true;
            } else {
                *units.entry(l.variant_id).or_default() += l.quantity;
            }
        }
        for u in crate::db::upsells::for_sale(self.db(), id)? {
            if u.state == crate::db::upsells::UpsellState::Charged {
                *units.entry(u.variant_id).or_default() += u.quantity;
                upsells += 1;
            }
        }
        Ok((units, any_ship, upsells))
    }

    async fn closing_pass(&self, id: &str, number: &OrderNumber, location: &Location) -> Result<Pass> {
        // The counter's own work, with a deadline (the store's fulfillment delay): in the
        // counter's queue, not behind what strangers post.
        let client = self.client()?;
        let order = client.orders().retrieve(number).await?;
        let all_steps = steps::for_sale(self.db(), id)?;

        // 1. Capture an authorized payment, once.
        for s in all_steps.iter().filter(|s| s.kind == StepKind::Capture && matches!(s.state, StepState::Requested | StepState::Unknown)) {
            // Settled by the order: captured if it is no longer authorized.
            let captured = order.payment_status.as_deref() != Some("authorized");
            self.settle_saved(Ledger::ClosingSteps, &s.id.to_string(), captured, Some(text!("step-not-captured")))?;
        }
        if order.payment_status.as_deref() == Some("authorized") {
            self.set_closing(id, "closing", &text!("closing-capturing"))?;
            let step = steps::request(self.db(), id, StepKind::Capture, &number.0, &json!({}))?;
            match self.send_saved(Ledger::ClosingSteps, &step.to_string(), text!("action-capture"), client.capture(number)).await? {
                Sent::Accepted(_) => self.set_closing(id, "closing", &text!("closing-pending"))?,
                Sent::Lost(_) => return Ok(Pass::Again),
                Sent::Refused(e) => {
                    return Ok(Pass::Attention(text!("closing-capture-refused", words = words(&e))));
                }
            }
        }

        // 2. Hand over what was handed over: settle lost fulfillments first.
        let (mut wanted, any_ship, upsells_seen) = self.handed_over(id)?;
        let fulfilled_here = fulfilled_units(&order, location.id);
        for s in all_steps.iter().filter(|s| s.kind == StepKind::Fulfill && matches!(s.state, StepState::Requested | StepState::Unknown)) {
            // Done if the store's fulfillments at this location hold at least what this and
            // every earlier done step asked for, for its order lines.
            let asked = step_units(s);
            let done_before = units_of_done(&all_steps, s.id);
            let happened = asked
                .iter()
                .all(|(line, units)| fulfilled_here.get(line).copied().unwrap_or(0) >= units + done_before.get(line).copied().unwrap_or(0));
            self.settle_saved(Ledger::ClosingSteps, &s.id.to_string(), happened, Some(text!("step-not-fulfilled")))?;
        }
        // Units already fulfilled here, per variant, come off what is still wanted.
        let variant_of: BTreeMap<i64, i64> = order.lines.iter().filter_map(|l| Some((l.id?, l.variant_id.0))).collect();
        for (line, units) in &fulfilled_here {
            if let Some(v) = variant_of.get(line) {
                if let Some(w) = wanted.get_mut(v) {
                    *w = (*w - units).max(0);
                }
            }
        }
        wanted.retain(|_, u| *u > 0);
        let here = location.name.clone();
        if wanted.is_empty() {
            let note = match (any_ship, fulfilled_here.is_empty()) {
                (true, true) => text!("closing-shipped"),
                (true, false) => text!("closing-handed-over-rest-shipped", shop = &here),
                (false, _) => text!("closing-handed-over", shop = &here),
            };
            return Ok(Pass::Closed(note));
        }

        let fos = client.fulfillment_orders(number).await?;
        // A move or a cancellation request whose answer was lost is read back from the
        // fulfillment orders: done if the store shows it, else sent again below.
        for s in all_steps.iter().filter(|s| {
            matches!(s.kind, StepKind::Move | StepKind::CancellationRequest) && matches!(s.state, StepState::Requested | StepState::Unknown)
        }) {
            let fo = fos.iter().find(|f| f.id.to_string() == s.target);
            let happened = match s.kind {
                StepKind::Move => fo.is_none_or(|f| f.assigned_location.id == location.id),
                _ => fo.is_some_and(|f| f.request_status.as_deref() == Some("cancel_requested")),
            };
            self.settle_saved(Ledger::ClosingSteps, &s.id.to_string(), happened, Some(text!("step-not-shown")))?;
        }
        let mut sent_elsewhere = Vec::new();
        let mut acted = false;
        for fo in fos.iter().filter(|f| !matches!(f.status.as_str(), "closed" | "canceled" | "cancelled")) {
            let take = take_lines(fo, &variant_of, &mut wanted);
            if take.is_empty() {
                continue;
            }
            let at_ours = fo.assigned_location.id == location.id;
            match (fo.status.as_str(), at_ours) {
                ("open" | "processing", true) => {
                    self.fulfill(id, fo, &take, upsells_seen).await?;
                    acted = true;
                }
                ("open", false) => {
                    self.set_closing(
                        id,
                        "closing",
                        &text!("closing-moving", number = plain(number), from = &fo.assigned_location.name, to = &here),
                    )?;
                    let whole = take.iter().map(|l| l.quantity).sum::<i64>() == fo.line_items.iter().map(|l| l.quantity).sum::<i64>();
                    let body = MoveFulfillmentOrder {
                        new_location_id: location.id,
                        fulfillment_order_line_items: if whole { vec![] } else { take.clone() },
                    };
                    let step = steps::request(
                        self.db(),
                        id,
                        StepKind::Move,
                        &fo.id.to_string(),
                        &json!({ "lines": lines_json(&take), "to": location.id }),
                    )?;
                    let call = client.move_fulfillment_order(fo.id, &body);
                    match self.send_saved(Ledger::ClosingSteps, &step.to_string(), text!("action-move"), call).await? {
                        Sent::Accepted(moved) => {
                            let moved = moved.moved_fulfillment_order;
                            if moved.assigned_location.id == location.id && moved.status == "open" {
                                let again = take_lines(&moved, &variant_of, &mut take_map(&take, fo, &variant_of));
                                self.fulfill(id, &moved, &again, upsells_seen).await?;
                            }
                            acted = true;
                        }
                        // Lost, or refused (perhaps sent meanwhile): read again.
                        Sent::Lost(_) | Sent::Refused(_) => return Ok(Pass::Again),
                    }
                }
                ("processing", false) => {
                    let asked = fo.request_status.as_deref() == Some("cancel_requested")
                        || steps::for_sale(self.db(), id)?.iter().any(|s| {
                            s.kind == StepKind::CancellationRequest && s.target == fo.id.to_string() && s.state == StepState::Done
                        });
                    if !asked {
                        let step = steps::request(
                            self.db(),
                            id,
                            StepKind::CancellationRequest,
                            &fo.id.to_string(),
                            &json!({ "lines": lines_json(&take) }),
                        )?;
                        let message = text!("store-do-not-ship", shop = &here).for_staff();
                        let call = client.request_cancellation(fo.id, &message);
                        self.send_saved(Ledger::ClosingSteps, &step.to_string(), text!("action-cancellation-request"), call).await?;
                    }
                    sent_elsewhere.push(fo.assigned_location.name.clone());
                }
                (other, _) => {
                    return Ok(Pass::Attention(text!(
                        "closing-odd-status",
                        number = plain(number),
                        status = other,
                        location = &fo.assigned_location.name
                    )));
                }
            }
        }
        if !sent_elsewhere.is_empty() {
            sent_elsewhere.dedup();
            return Ok(Pass::Attention(text!("closing-elsewhere", locations = sent_elsewhere.join(", "), number = plain(number))));
        }
        if acted {
            // Everything handed over is fulfilled now: no need to read the order again.
            if wanted.values().all(|u| *u == 0) && sent_elsewhere.is_empty() {
                let note = if any_ship {
                    text!("closing-handed-over-rest-shipped", shop = &here)
                } else {
                    text!("closing-handed-over", shop = &here)
                };
                return Ok(Pass::Closed(note));
            }
            return Ok(Pass::Again);
        }
        Ok(Pass::Attention(text!("closing-no-fulfillment-order", number = plain(number))))
    }

    /// Fulfill `take` of `fo` at this counter's location; `upsells` is how many charged
    /// upsells the handed-over units counted.
    async fn fulfill(&self, id: &str, fo: &FulfillmentOrder, take: &[LineItem], upsells: usize) -> Result<()> {
        let order_lines: Vec<(i64, i64)> =
            take.iter().filter_map(|t| fo.line_items.iter().find(|l| l.id == t.id).map(|l| (l.order_line_id, t.quantity))).collect();
        let detail = json!({ "lines": lines_json(take), "order_lines": order_lines, "upsells": upsells });
        let step = steps::request(self.db(), id, StepKind::Fulfill, &fo.id.to_string(), &detail)?;
        let body = CreateFulfillment { fulfillment_order_line_items: take.to_vec(), notify: false };
        let client = self.client()?;
        let call = client.create_fulfillment(fo.id, &body);
        match self.send_saved(Ledger::ClosingSteps, &step.to_string(), text!("action-fulfillment"), call).await? {
            Sent::Accepted(_) => Ok(()),
            Sent::Lost(e) | Sent::Refused(e) => Err(Error::Api(e)),
        }
    }
}

/// Removes its sale from the closings in flight when dropped.
struct ClosingGuard {
    counter: Counter,
    id: String,
}

impl Drop for ClosingGuard {
    fn drop(&mut self) {
        self.counter.inner.closing_in_flight.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.id);
    }
}
