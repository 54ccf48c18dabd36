//! Prices staff set at the counter, in the basket and on upsells, under one rule: a
//! cashier may sell below the catalog price by at most the discount Settings allows
//! (`max_cashier_discount_percent`, none by default); anything lower, or a price for a
//! product the catalog has no price for, needs a manager's PIN typed at the counter. Every
//! price set by staff is in the audit log, with the catalog price and who approved it.

use rust_decimal::Decimal;

use crate::counter::Counter;
use crate::db::audit;
use crate::db::staff::{Role, Staff};
use crate::domain::words::{list, plain, text, Text};
use crate::error::{Error, Result};
use crate::staff::Actor;

/// The highest unit price staff may type.
pub const MAX_PRICE: i64 = 99_999_999;

/// Fails unless `price` is zero or positive, with at most two decimals, up to [`MAX_PRICE`].
pub fn check_shape(price: Decimal) -> Result<()> {
    if price < Decimal::ZERO || price.scale() > 2 || price > Decimal::from(MAX_PRICE) {
        return Err(Error::Invalid(text!("price-shape")));
    }
    Ok(())
}

/// A price staff set on one line.
#[derive(Debug, Clone)]
pub struct PriceChange {
    /// What the line sells.
    pub title: String,
    /// The catalog's unit price in the sale's currency, if it has one.
    pub catalog: Option<Decimal>,
    /// The unit price staff set.
    pub price: Decimal,
}

impl PriceChange {
    /// Lower than the catalog by more than `limit_percent`, or with no catalog price to
    /// compare with.
    fn needs_manager(&self, limit_percent: Decimal) -> bool {
        match self.catalog {
            Some(catalog) if catalog > Decimal::ZERO => {
                self.price < catalog && (catalog - self.price) * Decimal::ONE_HUNDRED > limit_percent * catalog
            }
            Some(_) => false,
            None => true,
        }
    }

    fn describe(&self) -> Text {
        match self.catalog {
            Some(c) => text!("price-change", title = &self.title, price = plain(self.price), catalog = plain(c)),
            None => text!("price-change-no-catalog", title = &self.title, price = plain(self.price)),
        }
    }
}

impl Counter {
    /// Who approved `changes`: `None` when no approval is needed (a manager, the shared till
    /// without staff, or a cashier within the allowed discount), else the manager whose PIN
    /// `approval` is.
    ///
    /// Fails with [`Error::ApprovalRequired`] (saying what needs approval) when a manager is
    /// needed and no PIN was given, and as [`Counter::manager_approval`] for a wrong PIN.
    pub(crate) async fn approve_prices(&self, actor: &Actor, changes: &[PriceChange], approval: Option<&str>) -> Result<Option<Staff>> {
        if actor.staff().is_none_or(|s| s.role != Role::Cashier) {
            return Ok(None);
        }
        let limit = Decimal::from(self.settings().max_cashier_discount_percent);
        let over: Vec<Text> = changes.iter().filter(|c| c.needs_manager(limit)).map(PriceChange::describe).collect();
        if over.is_empty() {
            return Ok(None);
        }
        let Some(pin) = approval.filter(|p| !p.trim().is_empty()) else {
            return Err(Error::ApprovalRequired(text!("price-needs-manager", changes = list(over), limit = plain(limit))));
        };
        Ok(Some(self.manager_approval(pin.trim()).await?))
    }

    /// Record every price staff set for `subject` (a sale or an upsell) in the audit log.
    pub(crate) fn audit_prices(&self, actor: &Actor, subject: &str, changes: &[PriceChange], approver: Option<&Staff>) -> Result<()> {
        for c in changes {
            let after = match approver {
                Some(m) => format!("{} {}, approved by {}", c.title, c.price, m.name),
                None => format!("{} {}", c.title, c.price),
            };
            let action = if approver.is_some() { "price.approved" } else { "price.override" };
            audit::record(self.db(), &actor.name(), action, Some(subject), c.catalog.map(|p| p.to_string()).as_deref(), Some(&after))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(catalog: Option<i64>, price: i64) -> PriceChange {
        PriceChange { title: "Mug".into(), catalog: catalog.map(|c| Decimal::new(c, 2)), price: Decimal::new(price, 2) }
    }

    #[test]
    fn only_discounts_past_the_limit_need_a_manager() {
        let ten = Decimal::from(10);
        assert!(!change(Some(2000), 1800).needs_manager(ten), "10% off is within a 10% limit");
        assert!(change(Some(2000), 1799).needs_manager(ten), "a cent more is not");
        assert!(change(Some(2000), 0).needs_manager(ten), "selling for nothing needs a manager");
        assert!(!change(Some(2000), 2500).needs_manager(Decimal::ZERO), "a higher price needs no approval");
        assert!(change(None, 100).needs_manager(Decimal::ONE_HUNDRED), "no catalog price to compare with");
        assert!(change(Some(2000), 1999).needs_manager(Decimal::ZERO), "with no discount allowed, any discount needs a manager");
    }

    #[test]
    fn shapes_are_checked() {
        assert!(check_shape(Decimal::new(-1, 2)).is_err());
        assert!(check_shape(Decimal::new(1, 3)).is_err(), "three decimals");
        assert!(check_shape(Decimal::from(MAX_PRICE + 1)).is_err());
        assert!(check_shape(Decimal::new(2400, 2)).is_ok());
    }
}
