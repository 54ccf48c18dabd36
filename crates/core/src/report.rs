//! The end of the day: a report for any range of the shop's days (in the store's timezone,
//! from `GET /store/`), and CSV exports of sales, lines and the report with money as exact
//! decimals. Every total is a sum of the orders as the store holds them, so the report adds
//! up to the orders exactly.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Timelike};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::admin_api::models::Order;
use crate::counter::{read, Counter};
use crate::db::staff::Role;
use crate::db::{refunds, sales};
use crate::domain::words::{plain, text};
use crate::error::{Error, Result};
use crate::sale::SaleState;

/// Totals in one currency.
#[derive(Debug, Clone, Default, Serialize, PartialEq, ts_rs::TS)]
pub struct Totals {
    /// Currency.
    pub currency: String,
    /// Paid sales.
    pub sales: i64,
    /// Their value as the store holds it (upsells included).
    #[ts(type = "string")]
    pub value: Decimal,
    /// Paid back on them so far.
    #[ts(type = "string")]
    pub refunded: Decimal,
    /// Value less refunds.
    #[ts(type = "string")]
    pub net: Decimal,
}

/// One hour of the day (shop time).
#[derive(Debug, Clone, Default, Serialize, PartialEq, ts_rs::TS)]
pub struct HourRow {
    /// 0–23.
    pub hour: u32,
    /// Paid sales started in it.
    pub sales: i64,
    /// Their value.
    #[ts(type = "string")]
    pub value: Decimal,
}

/// One product.
#[derive(Debug, Clone, Default, Serialize, PartialEq, ts_rs::TS)]
pub struct ProductRow {
    /// Title as sold.
    pub title: String,
    /// SKU.
    pub sku: String,
    /// Units.
    pub quantity: i64,
    /// Value.
    #[ts(type = "string")]
    pub value: Decimal,
}

/// One staff member (or `counter`, or another counter's id for imported sales).
#[derive(Debug, Clone, Default, Serialize, PartialEq, ts_rs::TS)]
pub struct StaffRow {
    /// Who.
    pub staff: String,
    /// Paid sales.
    pub sales: i64,
    /// Their value.
    #[ts(type = "string")]
    pub value: Decimal,
    /// Upsells they charged.
    pub upsells: i64,
}

/// Sessions that did not end in a payment, and late payments.
#[derive(Debug, Clone, Default, Serialize, PartialEq, ts_rs::TS)]
pub struct Sessions {
    /// Declined by Klarna.
    pub failed: i64,
    /// Nobody paid in time.
    pub expired: i64,
    /// Cancelled at the counter.
    pub cancelled: i64,
    /// A posted order the store did not confirm.
    pub rejected: i64,
    /// Paid after the counter had given up on it.
    pub paid_after_cancel: i64,
    /// Still open (not sent, waiting, confirming).
    pub open: i64,
}

/// The report for a range of the shop's days.
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct Report {
    /// The store's timezone the days are in.
    pub timezone: String,
    /// First day.
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// Last day (included).
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// The currency the breakdowns are in (the one with the most sales).
    pub currency: Option<String>,
    /// Totals per currency.
    pub totals: Vec<Totals>,
    /// Sales by hour (24 rows), in `currency`.
    pub by_hour: Vec<HourRow>,
    /// Sales by product, largest value first, in `currency`.
    pub by_product: Vec<ProductRow>,
    /// Sales by staff, in `currency`.
    pub by_staff: Vec<StaffRow>,
    /// Paid sales for which upsells were offered.
    pub upsells_offered: i64,
    /// Upsells charged.
    pub upsells_taken: i64,
    /// Their value, in `currency`.
    #[ts(type = "string")]
    pub upsells_value: Decimal,
    /// Sessions that ended otherwise.
    pub sessions: Sessions,
    /// Refunds and cancels done from Counterpay in the period.
    pub refunds_made: i64,
    /// What they paid back, in `currency`.
    #[ts(type = "string")]
    pub refunds_value: Decimal,
}

/// A sale in the report: its record and the lines that count (the store's, when known).
struct Counted {
    sale: sales::SaleRecord,
    value: Decimal,
    lines: Vec<ProductRow>,
}

fn counted(db: &crate::db::Db, sale: sales::SaleRecord) -> Result<Counted> {
    let order: Option<Order> = sale.order_json.as_deref().and_then(|j| serde_json::from_str(j).ok());
    let (value, lines) = match &order {
        Some(o) => (
            o.total_incl_tax,
            o.lines
                .iter()
                .map(|l| ProductRow { title: l.display_title(), sku: l.sku.clone(), quantity: l.quantity, value: l.price_incl_tax })
                .collect(),
        ),
        None => {
            let lines: Vec<ProductRow> = sales::lines(db, &sale.id)?
                .into_iter()
                .map(|l| ProductRow { value: l.unit_price * Decimal::from(l.quantity), title: l.title, sku: l.sku, quantity: l.quantity })
                .collect();
            (sale.store_total.unwrap_or(sale.total), lines)
        }
    };
    Ok(Counted { sale, value, lines })
}

impl Counter {
    /// The store's timezone (UTC until the store has been asked).
    pub fn shop_timezone(&self) -> Tz {
        read(&self.inner.store_info).and_then(|i| i.timezone.parse().ok()).unwrap_or(Tz::UTC)
    }

    /// Today in the shop.
    pub fn today(&self) -> NaiveDate {
        self.shop_timezone().timestamp_millis_opt(self.now_ms()).single().map(|t| t.date_naive()).unwrap_or_default()
    }

    /// A shop day as the window sends it: `YYYY-MM-DD`, or today when empty.
    ///
    /// Fails with a plain message for anything else.
    pub fn parse_day(&self, text: &str) -> Result<NaiveDate> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(self.today());
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Error::Invalid(text!("report-not-a-date", text = text)))
    }

    /// Write [`Counter::export_csv`] for shop days `from` to `to` (texts the window sends,
    /// see [`Counter::parse_day`]) into `dir` (the data folder's `exports` when `None` or not
    /// a folder), as `counterpay-<kind>-<from>-to-<to>.csv`. Returns the file.
    ///
    /// Fails when a day is not a date, the export is not allowed, or the file cannot be written.
    pub fn export_csv_file(&self, kind: &str, from: &str, to: &str, dir: Option<std::path::PathBuf>) -> Result<std::path::PathBuf> {
        let (from, to) = (self.parse_day(from)?, self.parse_day(to)?);
        let text = self.export_csv(kind, from, to)?;
        let dir =
            dir.filter(|d| d.is_dir()).unwrap_or_else(|| self.database_path().parent().map(|p| p.join("exports")).unwrap_or_default());
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("counterpay-{kind}-{from}-to-{to}.csv"));
        std::fs::write(&path, text)?;
        Ok(path)
    }

    /// The first and past-the-last millisecond of shop day `day`.
    pub fn day_bounds(&self, day: NaiveDate) -> (i64, i64) {
        let tz = self.shop_timezone();
        let start = |d: NaiveDate| {
            let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
            // A day that starts in a DST gap starts at the first valid instant.
            tz.from_local_datetime(&midnight)
                .earliest()
                .or_else(|| tz.from_local_datetime(&(midnight + chrono::Duration::hours(1))).earliest())
                .map(|t| t.timestamp_millis())
                .unwrap_or(0)
        };
        (start(day), start(day.succ_opt().unwrap_or(day)))
    }

    /// The report for shop days `from` to `to` (included), over every counter's sales in
    /// the local history. Managers only, once staff exist.
    pub fn report(&self, from: NaiveDate, to: NaiveDate) -> Result<Report> {
        self.require(Role::Manager, crate::text!("may-see-reports"))?;
        if to < from || (to - from).num_days() > 3660 {
            return Err(Error::Invalid(text!("report-range")));
        }
        let tz = self.shop_timezone();
        let (start, _) = self.day_bounds(from);
        let (_, end) = self.day_bounds(to);
        let all = sales::created_between(self.db(), start, end)?;

        let mut totals: BTreeMap<String, Totals> = BTreeMap::new();
        let mut sessions = Sessions::default();
        let mut paid = Vec::new();
        for s in all {
            match s.state {
                SaleState::Paid => {
                    if s.after_cancel {
                        sessions.paid_after_cancel += 1;
                    }
                    let c = counted(self.db(), s)?;
                    let t = totals
                        .entry(c.sale.currency.clone())
                        .or_insert_with(|| Totals { currency: c.sale.currency.clone(), ..Default::default() });
                    t.sales += 1;
                    t.value += c.value;
                    t.refunded += c.sale.refunded.unwrap_or_default();
                    t.net = t.value - t.refunded;
                    paid.push(c);
                }
                SaleState::Failed => sessions.failed += 1,
                SaleState::Expired => sessions.expired += 1,
                SaleState::Cancelled => sessions.cancelled += 1,
                SaleState::Rejected => sessions.rejected += 1,
                SaleState::Draft | SaleState::Creating | SaleState::AwaitingPayment | SaleState::Review => sessions.open += 1,
            }
        }
        let currency = totals.values().max_by_key(|t| t.sales).map(|t| t.currency.clone());
        let main: Vec<&Counted> = paid.iter().filter(|c| Some(&c.sale.currency) == currency.as_ref()).collect();

        let mut by_hour: Vec<HourRow> = (0..24).map(|hour| HourRow { hour, ..Default::default() }).collect();
        let mut by_product: BTreeMap<(String, String), ProductRow> = BTreeMap::new();
        let mut by_staff: BTreeMap<String, StaffRow> = BTreeMap::new();
        for c in &main {
            let hour = tz.timestamp_millis_opt(c.sale.created_at).single().map(|t| t.hour()).unwrap_or(0) as usize;
            by_hour[hour].sales += 1;
            by_hour[hour].value += c.value;
            for l in &c.lines {
                let row = by_product.entry((l.title.clone(), l.sku.clone())).or_insert_with(|| ProductRow {
                    title: l.title.clone(),
                    sku: l.sku.clone(),
                    ..Default::default()
                });
                row.quantity += l.quantity;
                row.value += l.value;
            }
            let who = c.sale.staff.clone().or_else(|| c.sale.origin.clone()).unwrap_or_else(|| "counter".into());
            let row = by_staff.entry(who.clone()).or_insert_with(|| StaffRow { staff: who, ..Default::default() });
            row.sales += 1;
            row.value += c.value;
        }
        let mut by_product: Vec<ProductRow> = by_product.into_values().collect();
        by_product.sort_by(|a, b| b.value.cmp(&a.value).then(a.title.cmp(&b.title)));

        let ids: std::collections::HashSet<&str> = main.iter().map(|c| c.sale.id.as_str()).collect();
        let ups = crate::db::upsells::in_range(self.db(), start, end)?;
        let charged: Vec<_> =
            ups.iter().filter(|u| u.state == crate::db::upsells::UpsellState::Charged && ids.contains(u.sale_id.as_str())).collect();
        for u in &charged {
            let who = u.by_whom.clone().unwrap_or_else(|| "counter".into());
            by_staff.entry(who.clone()).or_insert_with(|| StaffRow { staff: who, ..Default::default() }).upsells += 1;
        }
        let made: Vec<_> =
            refunds::done_between(self.db(), start, end)?.into_iter().filter(|r| Some(&r.currency) == currency.as_ref()).collect();
        Ok(Report {
            timezone: tz.name().to_string(),
            from,
            to,
            currency,
            totals: totals.into_values().collect(),
            by_hour,
            by_product,
            by_staff: by_staff.into_values().collect(),
            upsells_offered: sales::upsells_offered(self.db(), start, end)?,
            upsells_taken: charged.len() as i64,
            upsells_value: charged.iter().map(|u| u.total()).sum(),
            sessions,
            refunds_made: made.len() as i64,
            refunds_value: made.iter().map(|r| r.amount).sum(),
        })
    }

    /// A CSV export for shop days `from` to `to`: `sales` (one row per sale), `lines` (one
    /// row per line, upsells included) or `report`. Times are the shop's; money is exact
    /// decimals; UTF-8 with a byte-order mark, so spreadsheets open it with the right
    /// characters. Managers only, once staff exist.
    /// Text that came from people (customer names typed on the store, product titles, staff
    /// names) is written so a spreadsheet cannot run it as a formula: see [`cell`].
    pub fn export_csv(&self, kind: &str, from: NaiveDate, to: NaiveDate) -> Result<String> {
        let report = self.report(from, to)?;
        let tz = self.shop_timezone();
        let (start, _) = self.day_bounds(from);
        let (_, end) = self.day_bounds(to);
        let local = |ms: i64| tz.timestamp_millis_opt(ms).single().map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()).unwrap_or_default();
        let mut w = csv::Writer::from_writer(Vec::new());
        let io = |e: csv::Error| Error::Invalid(text!("report-csv-failed", reason = plain(e)));
        match kind {
            "sales" => {
                w.write_record([
                    "sale",
                    "order",
                    "created",
                    "paid",
                    "state",
                    "paid_after_cancel",
                    "currency",
                    "total",
                    "refunded",
                    "customer",
                    "staff",
                    "counter",
                    "store_status",
                ])
                .map_err(io)?;
                for s in sales::created_between(self.db(), start, end)? {
                    let c = counted(self.db(), s)?;
                    let s = &c.sale;
                    w.write_record([
                        s.id.as_str(),
                        s.order_number.as_deref().unwrap_or(""),
                        &local(s.created_at),
                        &s.paid_at.map(local).unwrap_or_default(),
                        s.state.as_str(),
                        if s.after_cancel { "yes" } else { "no" },
                        &s.currency,
                        &c.value.to_string(),
                        &s.refunded.unwrap_or_default().to_string(),
                        &cell(s.customer.as_deref().unwrap_or("")),
                        &cell(s.staff.as_deref().unwrap_or("")),
                        &cell(s.origin.as_deref().unwrap_or(self.counter_id())),
                        s.store_status.as_deref().unwrap_or(""),
                    ])
                    .map_err(io)?;
                }
            }
            "lines" => {
                w.write_record(["sale", "order", "created", "state", "currency", "title", "sku", "quantity", "value"]).map_err(io)?;
                for s in sales::created_between(self.db(), start, end)? {
                    let c = counted(self.db(), s)?;
                    for l in &c.lines {
                        let s = &c.sale;
                        w.write_record([
                            s.id.as_str(),
                            s.order_number.as_deref().unwrap_or(""),
                            &local(s.created_at),
                            s.state.as_str(),
                            &s.currency,
                            &cell(&l.title),
                            &cell(&l.sku),
                            &l.quantity.to_string(),
                            &l.value.to_string(),
                        ])
                        .map_err(io)?;
                    }
                }
            }
            "report" => {
                w.write_record(["section", "key", "count", "value", "currency"]).map_err(io)?;
                let cur = report.currency.clone().unwrap_or_default();
                for t in &report.totals {
                    w.write_record(["total", "sales", &t.sales.to_string(), &t.value.to_string(), &t.currency]).map_err(io)?;
                    w.write_record(["total", "refunded", "", &t.refunded.to_string(), &t.currency]).map_err(io)?;
                    w.write_record(["total", "net", "", &t.net.to_string(), &t.currency]).map_err(io)?;
                }
                for h in &report.by_hour {
                    w.write_record(["hour", &format!("{:02}:00", h.hour), &h.sales.to_string(), &h.value.to_string(), &cur]).map_err(io)?;
                }
                for p in &report.by_product {
                    w.write_record([
                        "product",
                        &cell(&format!("{} [{}]", p.title, p.sku)),
                        &p.quantity.to_string(),
                        &p.value.to_string(),
                        &cur,
                    ])
                    .map_err(io)?;
                }
                for s in &report.by_staff {
                    w.write_record(["staff", &cell(&s.staff), &s.sales.to_string(), &s.value.to_string(), &cur]).map_err(io)?;
                }
                w.write_record(["upsells", "offered", &report.upsells_offered.to_string(), "", &cur]).map_err(io)?;
                w.write_record(["upsells", "taken", &report.upsells_taken.to_string(), &report.upsells_value.to_string(), &cur])
                    .map_err(io)?;
                let x = &report.sessions;
                for (k, n) in [
                    ("failed", x.failed),
                    ("expired", x.expired),
                    ("cancelled", x.cancelled),
                    ("rejected", x.rejected),
                    ("paid_after_cancel", x.paid_after_cancel),
                    ("open", x.open),
                ] {
                    w.write_record(["sessions", k, &n.to_string(), "", ""]).map_err(io)?;
                }
                w.write_record(["refunds", "made", &report.refunds_made.to_string(), &report.refunds_value.to_string(), &cur])
                    .map_err(io)?;
            }
            other => return Err(Error::Invalid(text!("report-no-export", kind = other))),
        }
        let bytes = w.into_inner().map_err(|e| Error::Invalid(text!("report-csv-failed", reason = plain(e))))?;
        Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
    }
}

/// A text cell a spreadsheet shows as text: one starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (which spreadsheets read as a formula) gets a leading `'`.
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{text}")),
        _ => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod csv_tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for evil in ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(cell(evil).starts_with('\''), "{evil:?} must not reach a spreadsheet as a formula");
        }
        assert_eq!(cell("Ada Lovelace"), "Ada Lovelace", "plain names stay as they are");
        assert_eq!(cell(""), "");
    }
}
