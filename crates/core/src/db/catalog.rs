//! The `variants` table: the local catalog cache the counter sells from. The app starts
//! from it and never waits for the network to show the catalog.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::Serialize;

use super::{now_ms, Db};
use crate::admin_api::models::Product;
use crate::error::Result;

/// A sellable variant as cached.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CachedVariant {
    /// Variant id (what order lines use).
    pub id: i64,
    /// Parent product id.
    pub product_id: i64,
    /// Product title.
    pub product_title: String,
    /// Variant title, empty for a stand-alone product.
    pub variant_title: String,
    /// SKU.
    pub sku: String,
    /// Barcode.
    pub upc: String,
    /// Whether it may be sold.
    pub purchasable: bool,
    /// Stock availability.
    pub availability: String,
    /// Prices per currency, decimal strings.
    pub prices: BTreeMap<String, Decimal>,
}

impl CachedVariant {
    /// "Product (Variant)", or the product title alone.
    pub fn display_title(&self) -> String {
        if self.variant_title.is_empty() {
            self.product_title.clone()
        } else {
            format!("{} ({})", self.product_title, self.variant_title)
        }
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<CachedVariant> {
    let prices: String = r.get("prices")?;
    Ok(CachedVariant {
        id: r.get("id")?,
        product_id: r.get("product_id")?,
        product_title: r.get("product_title")?,
        variant_title: r.get("variant_title")?,
        sku: r.get("sku")?,
        upc: r.get("upc")?,
        purchasable: r.get("purchasable")?,
        availability: r.get("availability")?,
        prices: serde_json::from_str(&prices).unwrap_or_default(),
    })
}

/// Replace the whole cache with `products`, in one transaction. Returns the variant count.
pub fn replace_all(db: &Db, products: &[Product]) -> Result<usize> {
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM variants", [])?;
    let now = now_ms();
    let mut count = 0;
    {
        let mut insert = tx.prepare(
            "INSERT OR REPLACE INTO variants(id, product_id, product_title, variant_title, sku, upc, purchasable, availability, prices, position, synced_at, recommended)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (pos, p) in products.iter().enumerate() {
            for v in &p.variants {
                let prices: BTreeMap<&str, String> = v.prices.iter().map(|pr| (pr.currency.as_str(), pr.price.to_string())).collect();
                let purchasable = v.purchase_availability.as_deref() != Some("unavailable")
                    && v.inventory_availability.as_deref() != Some("out_of_stock");
                insert.execute(params![
                    v.id.0,
                    p.id,
                    p.title,
                    if p.structure == "standalone" { "" } else { v.title.as_str() },
                    v.sku.clone().unwrap_or_default(),
                    v.upc.clone().unwrap_or_default(),
                    purchasable,
                    v.inventory_availability.clone().unwrap_or_default(),
                    serde_json::to_string(&prices).unwrap_or_else(|_| "{}".into()),
                    pos as i64,
                    now,
                    serde_json::to_string(&p.recommended_products).unwrap_or_else(|_| "[]".into()),
                ])?;
                count += 1;
            }
        }
    }
    tx.commit()?;
    Ok(count)
}

/// One variant by id.
pub fn variant(db: &Db, id: i64) -> Result<Option<CachedVariant>> {
    Ok(db.conn().query_row("SELECT * FROM variants WHERE id = ?1", [id], from_row).optional()?)
}

/// Variants matching `query` over title, variant title, SKU and barcode; an exact SKU or
/// barcode match first, then catalog order. An empty query lists the catalog.
pub fn search(db: &Db, query: &str, limit: usize) -> Result<Vec<CachedVariant>> {
    let q = query.trim();
    let conn = db.conn();
    let like = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM variants
         WHERE ?1 = '' OR product_title LIKE ?2 ESCAPE '\\' OR variant_title LIKE ?2 ESCAPE '\\'
               OR sku LIKE ?2 ESCAPE '\\' OR upc = ?1
         ORDER BY (sku = ?1 OR upc = ?1) DESC, position, id
         LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![q, like, limit as i64], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The product ids recommended with the products of `variant_ids`, in catalog order.
pub fn recommended_for(db: &Db, variant_ids: &[i64]) -> Result<Vec<i64>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT r.value FROM variants v, json_each(v.recommended) r
         WHERE v.id IN (SELECT value FROM json_each(?1)) ORDER BY v.position, r.key",
    )?;
    let rows = stmt.query_map([serde_json::to_string(variant_ids).unwrap_or_default()], |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Every variant of the products `product_ids`, in catalog order.
pub fn of_products(db: &Db, product_ids: &[i64]) -> Result<Vec<CachedVariant>> {
    let conn = db.conn();
    let mut stmt =
        conn.prepare_cached("SELECT * FROM variants WHERE product_id IN (SELECT value FROM json_each(?1)) ORDER BY position, id")?;
    let rows = stmt.query_map([serde_json::to_string(product_ids).unwrap_or_default()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The number of cached variants.
pub fn count(db: &Db) -> Result<i64> {
    Ok(db.conn().query_row("SELECT COUNT(*) FROM variants", [], |r| r.get(0))?)
}
