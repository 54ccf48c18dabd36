//! Printed receipts: the sale's receipt from the order as the store computed it (its lines,
//! upsells, tax and total), a refund slip for a refund or cancel, and a test page, sent to
//! the thermal printer set in Settings ([`printer`]) as ESC/POS ([`paper`]).
//!
//! A receipt never holds up a sale: it is printed after the sale is paid, in the
//! background, and a printer that is off or out of paper is said on the sale's timeline and
//! to the window ([`crate::events::Event::Receipt`]); staff print it again from the Paid
//! screen or from History. The same bytes, read back, are the preview the window shows.

pub mod paper;
pub mod printer;

use chrono::TimeZone;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::admin_api::models::Order;
use crate::counter::{read, Counter};
use crate::db::refunds::{self, RefundKind, RefundRecord};
use crate::db::sales::{self, SaleRecord};
use crate::domain::words::{text, Lang, Text};
use crate::error::{Error, Result};
use crate::events::Event;
use crate::sale::SaleState;
use paper::{Block, Doc};
use printer::Target;

/// The receipt as the window previews it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReceiptPreview {
    /// The paper as an SVG picture.
    pub svg: String,
    /// The lines printed, as text (for screen readers and copying).
    pub text: String,
    /// The paper width it is laid out for, in mm.
    pub paper_mm: u16,
}

/// `24.00` in `currency` as it is written on paper in `lang`: `€24.00`, `$24.00`, `£24.00`
/// in English; `24,00 €`, `24,00 kr` in German and Swedish; the code otherwise.
pub fn paper_money(lang: Lang, amount: Decimal, currency: &str) -> String {
    let digits = amount.round_dp(2);
    let digits = format!("{digits:.2}");
    let digits = if lang.decimal_comma() { digits.replace('.', ",") } else { digits };
    let symbol = match currency {
        "EUR" => Some("€"),
        "USD" => Some("$"),
        "GBP" => Some("£"),
        "SEK" | "NOK" | "DKK" => Some("kr"),
        _ => None,
    };
    match (symbol, lang) {
        (Some(s @ ("€" | "$" | "£")), Lang::En) => format!("{s}{digits}"),
        (Some(s), _) => format!("{digits} {s}"),
        (None, _) => format!("{digits} {currency}"),
    }
}

impl Counter {
    /// The printer set in Settings, if any.
    fn printer_target(&self) -> Result<Option<Target>> {
        match self.settings().printer.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            Some(a) => Target::parse(a).map(Some).map_err(Error::Invalid),
            None => Ok(None),
        }
    }

    /// The shop's header: name, address, tax number.
    fn shop_blocks(&self, lang: Lang) -> Vec<Block> {
        let info = read(&self.inner.store_info);
        let mut blocks = vec![Block::Title(info.as_ref().map(|i| i.name.clone()).unwrap_or_else(|| self.shop_name()))];
        if let Some(i) = &info {
            blocks.extend(i.address.iter().map(|l| Block::Center(l.clone())));
            if let Some(t) = &i.tax_id {
                blocks.push(Block::Center(text!("paper-tax-id", id = t).render(lang)));
            }
        }
        blocks
    }

    fn local_time(&self, ms: i64) -> String {
        self.shop_timezone().timestamp_millis_opt(ms).single().map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
    }

    fn paid_sale(&self, sale_id: &str) -> Result<(SaleRecord, Order)> {
        let sale = sales::get(self.db(), sale_id)?.ok_or(Error::NotFound("sale"))?;
        let order: Option<Order> = sale.order_json.as_deref().and_then(|j| serde_json::from_str(j).ok());
        match order {
            Some(o) if sale.state == SaleState::Paid => Ok((sale, o)),
            _ => Err(Error::Conflict(text!("paper-not-paid"))),
        }
    }

    /// The receipt of paid sale `sale_id`, from the store's order as last read: every line
    /// with its quantity and the store's price, upsells marked, tax and total as the store
    /// computed them, how it was paid, who served, and a QR code of the order number.
    fn receipt_doc(&self, sale: &SaleRecord, order: &Order, lang: Lang) -> Doc {
        let cur = order.currency.as_str();
        let money = |d: Decimal| paper_money(lang, d, cur);
        let mut b = self.shop_blocks(lang);
        b.push(Block::Center(self.local_time(sale.paid_at.unwrap_or(sale.updated_at))));
        b.push(Block::Center(text!("paper-order", number = &order.number.0).render(lang)));
        b.push(Block::Rule);
        for l in &order.lines {
            let title = if l.variant_title.trim().is_empty() || l.product_title.contains(&l.variant_title) {
                l.product_title.clone()
            } else {
                format!("{} ({})", l.product_title, l.variant_title)
            };
            let name = format!("{} × {title}", l.quantity);
            let name = if l.is_upsell { text!("paper-upsell-line", line = name).render(lang) } else { name };
            b.push(Block::Row(name, money(l.price_incl_tax)));
        }
        b.push(Block::Rule);
        if let Some(excl) = order.total_excl_tax {
            b.push(Block::Row(text!("paper-subtotal").render(lang), money(excl)));
        }
        if let Some(tax) = order.total_tax {
            b.push(Block::Row(text!("paper-tax").render(lang), money(tax)));
        }
        b.push(Block::Strong(text!("paper-total").render(lang), money(order.total_incl_tax)));
        let refunded = order.refunded();
        if refunded > Decimal::ZERO {
            b.push(Block::Row(text!("paper-refunded").render(lang), money(-refunded)));
        }
        b.push(Block::Rule);
        b.push(Block::Center(text!("paper-paid-klarna").render(lang)));
        if let Some(name) = &sale.staff {
            b.push(Block::Center(text!("paper-served-by", name = name).render(lang)));
        }
        b.push(Block::Qr(order.number.0.clone()));
        b.push(Block::Center(text!("paper-thanks").render(lang)));
        Doc { blocks: b }
    }

    fn refund_doc(&self, r: &RefundRecord, order: Option<&Order>, lang: Lang) -> Doc {
        let money = |d: Decimal| paper_money(lang, d, &r.currency);
        let mut b = self.shop_blocks(lang);
        b.push(Block::Center(self.local_time(r.updated_at)));
        let heading = if r.kind == RefundKind::Cancel { text!("slip-cancel-title") } else { text!("slip-refund-title") };
        b.push(Block::Title(heading.render(lang)));
        b.push(Block::Center(text!("paper-order", number = &r.order_number).render(lang)));
        b.push(Block::Rule);
        for l in &r.lines {
            let title = order
                .and_then(|o| o.lines.iter().find(|ol| ol.id == Some(l.line_id)))
                .map(|ol| ol.product_title.clone())
                .unwrap_or_else(|| format!("#{}", l.line_id));
            b.push(Block::Text(format!("{} × {title}", l.quantity)));
        }
        b.push(Block::Strong(text!("slip-paid-back").render(lang), money(r.amount)));
        b.push(Block::Center(text!("slip-to-klarna").render(lang)));
        b.push(Block::Rule);
        b.push(Block::Center(text!("slip-by", by = &r.by_whom).render(lang)));
        b.push(Block::Center(r.reference.clone()));
        b.push(Block::Qr(r.order_number.clone()));
        Doc { blocks: b }
    }

    fn test_doc(&self, lang: Lang) -> Doc {
        let mut b = self.shop_blocks(lang);
        b.push(Block::Center(self.local_time(self.now_ms())));
        b.push(Block::Rule);
        b.push(Block::Text(text!("printer-test-text").render(lang)));
        b.push(Block::Text("ÄÖÜ äöü ß ÅÄÖ åäö € £ $".into()));
        b.push(Block::Row(text!("paper-total").render(lang), paper_money(lang, Decimal::new(2400, 2), "EUR")));
        b.push(Block::Qr("Counterpay".into()));
        Doc { blocks: b }
    }

    async fn print_doc(&self, doc: &Doc) -> Result<()> {
        let Some(target) = self.printer_target()? else {
            return Err(Error::NotConfigured(text!("printer-none")));
        };
        let bytes =
            paper::escpos_bytes(doc, self.settings().paper_mm).map_err(|why| Error::Invalid(text!("printer-layout", reason = why)))?;
        printer::send(&target, &bytes).await.map_err(|e| Error::Conflict(e.words()))
    }

    /// Print paid sale `sale_id`'s receipt now (the button; again from History), noting it on
    /// the sale's timeline.
    ///
    /// Fails when no printer is set, the sale is not paid, or the printer cannot print (its
    /// words say why); the sale is never changed by a failed print.
    pub async fn print_receipt(&self, sale_id: &str) -> Result<()> {
        self.guarded_sale(sale_id, crate::staff::SaleAccess::See, text!("may-print-receipts"))?;
        let (sale, order) = self.paid_sale(sale_id)?;
        let result = self.print_doc(&self.receipt_doc(&sale, &order, crate::domain::words::staff_language())).await;
        self.note_print(&sale, &result);
        result
    }

    fn note_print(&self, sale: &SaleRecord, result: &Result<()>) {
        let note: Text = match result {
            Ok(()) => text!("note-receipt-printed"),
            Err(e) => text!("note-receipt-failed", why = e.words()),
        };
        if let Err(e) = sales::note(self.db(), &sale.id, sale.state, &note.to_stored()) {
            tracing::warn!(error = %e, "could not note the receipt");
        }
        self.emit(Event::Receipt { sale_id: sale.id.clone(), printed: result.is_ok(), message: note.for_staff() });
        self.publish(&sale.id);
    }

    /// After a sale is paid: print its receipt in the background when a printer is set to
    /// print automatically. Never waits, never fails the sale.
    pub(crate) fn spawn_receipt(&self, sale_id: &str) {
        let settings = self.settings();
        if !settings.print_automatically || settings.printer.as_deref().is_none_or(|p| p.trim().is_empty()) {
            return;
        }
        let counter = self.clone();
        let id = sale_id.to_string();
        tokio::spawn(async move {
            let Ok((sale, order)) = counter.paid_sale(&id) else { return };
            let result = counter.print_doc(&counter.receipt_doc(&sale, &order, crate::domain::words::staff_language())).await;
            if let Err(e) = &result {
                tracing::warn!(sale = id, error = %e, "receipt not printed");
            }
            counter.note_print(&sale, &result);
        });
    }

    /// After a refund or cancel took effect: print its slip in the background (when a
    /// printer is set to print automatically).
    pub(crate) fn spawn_refund_slip(&self, refund_id: &str) {
        let settings = self.settings();
        if !settings.print_automatically || settings.printer.as_deref().is_none_or(|p| p.trim().is_empty()) {
            return;
        }
        let counter = self.clone();
        let id = refund_id.to_string();
        tokio::spawn(async move {
            if let Err(e) = counter.print_refund_slip_now(&id).await {
                tracing::warn!(refund = id, error = %e, "refund slip not printed");
            }
        });
    }

    async fn print_refund_slip_now(&self, refund_id: &str) -> Result<()> {
        let r = refunds::get(self.db(), refund_id)?.ok_or(Error::NotFound("refund"))?;
        let sale = sales::get(self.db(), &r.sale_id)?.ok_or(Error::NotFound("sale"))?;
        let order: Option<Order> = sale.order_json.as_deref().and_then(|j| serde_json::from_str(j).ok());
        let result = self.print_doc(&self.refund_doc(&r, order.as_ref(), crate::domain::words::staff_language())).await;
        let note: Text = match &result {
            Ok(()) => text!("note-slip-printed"),
            Err(e) => text!("note-slip-failed", why = e.words()),
        };
        sales::note(self.db(), &sale.id, sale.state, &note.to_stored())?;
        self.emit(Event::Receipt { sale_id: sale.id.clone(), printed: result.is_ok(), message: note.for_staff() });
        self.publish(&sale.id);
        result
    }

    /// Print the slip of refund (or cancel) `refund_id` again.
    pub async fn print_refund_slip(&self, refund_id: &str) -> Result<()> {
        let r = refunds::get(self.db(), refund_id)?.ok_or(Error::NotFound("refund"))?;
        self.guarded_sale(&r.sale_id, crate::staff::SaleAccess::See, text!("may-print-receipts"))?;
        self.print_refund_slip_now(refund_id).await
    }

    /// Print a test page on the printer set in Settings.
    pub async fn print_test_page(&self) -> Result<()> {
        self.require(crate::db::staff::Role::Cashier, text!("may-print-receipts"))?;
        self.print_doc(&self.test_doc(crate::domain::words::staff_language())).await
    }

    /// The receipt of paid sale `sale_id` as it would print, read back from its bytes.
    pub fn receipt_preview(&self, sale_id: &str) -> Result<ReceiptPreview> {
        self.guarded_sale(sale_id, crate::staff::SaleAccess::See, text!("may-print-receipts"))?;
        let (sale, order) = self.paid_sale(sale_id)?;
        let paper_mm = self.settings().paper_mm;
        let doc = self.receipt_doc(&sale, &order, crate::domain::words::staff_language());
        let bytes = paper::escpos_bytes(&doc, paper_mm).map_err(|why| Error::Invalid(text!("printer-layout", reason = why)))?;
        let read = paper::read(&bytes).map_err(|why| Error::Invalid(text!("printer-layout", reason = why)))?;
        Ok(ReceiptPreview { svg: paper::svg(&read, paper_mm), text: read.text(), paper_mm })
    }

    /// USB receipt printers found on this computer, for Settings.
    pub fn find_printers(&self) -> Vec<String> {
        printer::usb_printers()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_on_paper_is_written_the_shops_way_without_floats() {
        assert_eq!(paper_money(Lang::En, Decimal::new(2400, 2), "USD"), "$24.00");
        assert_eq!(paper_money(Lang::En, Decimal::new(2400, 2), "GBP"), "£24.00");
        assert_eq!(paper_money(Lang::De, Decimal::new(2208, 2), "EUR"), "22,08 €");
        assert_eq!(paper_money(Lang::Sv, Decimal::new(25200, 2), "SEK"), "252,00 kr");
        assert_eq!(paper_money(Lang::En, Decimal::new(5, 0), "CHF"), "5.00 CHF");
        assert_eq!(paper_money(Lang::De, Decimal::new(-1250, 2), "EUR"), "-12,50 €");
    }
}
