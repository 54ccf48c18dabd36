//! The `variants` table: the local catalog cache the counter sells from. The app starts
//! from it and never waits for the network to show the catalog.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::Serialize;

use super::Db;
use super::Result;
use crate::domain::catalog::{display_title, StockRecord, SubscriptionPlan};

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
    /// The product's subscription plan, when it can be sold as a subscription.
    pub subscription: Option<SubscriptionPlan>,
    /// Stock per location, as the last sync read it.
    pub stock: Vec<StockRecord>,
}

impl CachedVariant {
    /// "Product (Variant)", or the product title alone.
    pub fn display_title(&self) -> String {
        display_title(&self.product_title, &self.variant_title)
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<CachedVariant> {
    let id: i64 = r.get("id")?;
    let row = id.to_string();
    let json = |column: &str, text: Option<String>| -> rusqlite::Result<Option<serde_json::Value>> {
        text.map(|t| serde_json::from_str(&t).map_err(|e| super::corrupt("variants", &row, format!("{column} is not JSON: {e}"))))
            .transpose()
    };
    let prices: String = r.get("prices")?;
    let prices: BTreeMap<String, String> =
        serde_json::from_str(&prices).map_err(|e| super::corrupt("variants", &row, format!("prices: {e}")))?;
    let prices = prices
        .into_iter()
        .map(|(currency, p)| Ok((currency, super::amount("variants", &row, "prices", &p)?)))
        .collect::<rusqlite::Result<BTreeMap<String, Decimal>>>()?;
    let subscription = match json("subscription", r.get("subscription")?)? {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => Some(serde_json::from_value(v).map_err(|e| super::corrupt("variants", &row, format!("subscription: {e}")))?),
    };
    let stock = match json("stock", r.get("stock")?)? {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(v) => serde_json::from_value(v).map_err(|e| super::corrupt("variants", &row, format!("stock: {e}")))?,
    };
    Ok(CachedVariant {
        id,
        product_id: r.get("product_id")?,
        product_title: r.get("product_title")?,
        variant_title: r.get("variant_title")?,
        sku: r.get("sku")?,
        upc: r.get("upc")?,
        purchasable: r.get("purchasable")?,
        availability: r.get("availability")?,
        prices,
        subscription,
        stock,
    })
}

/// A sync in progress: where to continue and how far it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    /// The next page's URL; `None` once the last page is staged.
    pub next_url: Option<String>,
    /// Pages staged.
    pub pages: i64,
    /// Variants staged.
    pub variants: i64,
    positions: i64,
}

/// The sync in progress, if an earlier one was interrupted.
pub fn sync_state(db: &Db) -> Result<Option<SyncState>> {
    Ok(db
        .conn()
        .query_row("SELECT next_url, pages, variants, positions FROM catalog_sync WHERE id = 1", [], |r| {
            Ok(SyncState { next_url: r.get(0)?, pages: r.get(1)?, variants: r.get(2)?, positions: r.get(3)? })
        })
        .optional()?)
}

/// Start a sync from the first page, discarding anything staged.
pub fn begin_sync(db: &Db) -> Result<SyncState> {
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM variants_staging", [])?;
    tx.execute("DELETE FROM catalog_sync", [])?;
    tx.execute(
        "INSERT INTO catalog_sync(id, next_url, pages, variants, positions, started_at) VALUES (1, NULL, 0, 0, 0, ?1)",
        [db.now_ms()],
    )?;
    tx.commit()?;
    Ok(SyncState { next_url: None, pages: 0, variants: 0, positions: 0 })
}

/// A variant to stage, as the catalog sync read it from the store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVariant {
    /// The cached variant.
    pub variant: CachedVariant,
    /// Products the store recommends with this one.
    pub recommended: Vec<i64>,
    /// Its product's place in the page (the catalog's order).
    pub position: i64,
}

/// Stage one page of `products` products (their `variants`) and record where the next page
/// is, in one transaction, so an interruption loses at most the page in flight.
pub fn stage_page(db: &Db, state: &SyncState, variants: &[NewVariant], products: usize, next_url: Option<&str>) -> Result<SyncState> {
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    let now = db.now_ms();
    {
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO variants_staging(id, product_id, product_title, variant_title, sku, upc, purchasable, availability, prices, position, synced_at, recommended, subscription, stock)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        for n in variants {
            let v = &n.variant;
            let prices: BTreeMap<&str, String> = v.prices.iter().map(|(c, p)| (c.as_str(), p.to_string())).collect();
            insert.execute(params![
                v.id,
                v.product_id,
                v.product_title,
                v.variant_title,
                v.sku,
                v.upc,
                v.purchasable,
                v.availability,
                serde_json::to_string(&prices).unwrap_or_else(|_| "{}".into()),
                state.positions + n.position,
                now,
                serde_json::to_string(&n.recommended).unwrap_or_else(|_| "[]".into()),
                v.subscription.as_ref().map(|plan| serde_json::to_string(plan).unwrap_or_default()),
                serde_json::to_string(&v.stock).unwrap_or_else(|_| "[]".into()),
            ])?;
        }
    }
    let next = SyncState {
        next_url: next_url.map(str::to_string),
        pages: state.pages + 1,
        variants: state.variants + variants.len() as i64,
        positions: state.positions + products as i64,
    };
    tx.execute(
        "UPDATE catalog_sync SET next_url = ?1, pages = ?2, variants = ?3, positions = ?4 WHERE id = 1",
        params![next.next_url, next.pages, next.variants, next.positions],
    )?;
    tx.commit()?;
    Ok(next)
}

/// Replace the cache with what was staged and rebuild the search index, in one
/// transaction. Returns the variant count.
pub fn finish_sync(db: &Db) -> Result<usize> {
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM variants", [])?;
    let n = tx.execute(
        "INSERT INTO variants(id, product_id, product_title, variant_title, sku, upc, purchasable, availability, prices, position, synced_at, recommended, subscription, stock)
         SELECT id, product_id, product_title, variant_title, sku, upc, purchasable, availability, prices, position, synced_at, recommended, subscription, stock FROM variants_staging",
        [],
    )?;
    tx.execute("INSERT INTO variants_fts(variants_fts) VALUES ('rebuild')", [])?;
    tx.execute("DELETE FROM variants_staging", [])?;
    tx.execute("DELETE FROM catalog_sync", [])?;
    tx.commit()?;
    Ok(n)
}

/// Replace the whole cache with `variants` of `products` products (a sync in one step).
pub fn replace_all(db: &Db, variants: &[NewVariant], products: usize) -> Result<usize> {
    let state = begin_sync(db)?;
    stage_page(db, &state, variants, products, None)?;
    finish_sync(db)
}

/// One variant by id.
pub fn variant(db: &Db, id: i64) -> Result<Option<CachedVariant>> {
    Ok(db.conn().query_row("SELECT * FROM variants WHERE id = ?1", [id], from_row).optional()?)
}

/// The FTS5 query for what staff typed: every word as a prefix, all required. A one-letter
/// word after others is still being typed: it would match half the catalog, so it waits for
/// its second letter.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(8).collect();
    let long: Vec<&str> = words.iter().copied().filter(|w| w.chars().count() > 1).collect();
    let used = if long.is_empty() { words } else { long };
    (!used.is_empty()).then(|| used.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" "))
}

/// The catalog in the store's order: what an empty search lists.
const LIST_SQL: &str = "SELECT * FROM variants ORDER BY position, id LIMIT ?1";
/// Titles starting with the text (`?1` up to `?2`), case-blind.
const TITLE_SQL: &str = "SELECT * FROM variants WHERE product_title >= ?1 COLLATE NOCASE AND product_title < ?2 COLLATE NOCASE
     ORDER BY product_title COLLATE NOCASE, position LIMIT ?3";

/// Above this many matches, relevance ranking costs more than a keystroke allows; broad
/// searches are listed by title prefix and catalog order instead.
const RANK_AT_MOST: usize = 1500;

/// Variants matching `query` over title, variant title, SKU and barcode, by prefix:
///
/// 1. an exact SKU or barcode (a scan) first;
/// 2. then titles that start with what was typed (an index range scan);
/// 3. then full-text matches: ranked by relevance (titles weigh most) when at most
///    [`RANK_AT_MOST`] match, else in catalog order, so every keystroke costs about the same
///    on any catalog size.
///
/// An empty query lists the catalog.
pub fn search(db: &Db, query: &str, limit: usize) -> Result<Vec<CachedVariant>> {
    let q = query.trim();
    if q.is_empty() {
        let conn = db.conn();
        let mut stmt = conn.prepare_cached(LIST_SQL)?;
        let rows = stmt.query_map([limit as i64], from_row)?;
        return Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    let mut out: Vec<CachedVariant> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut push = |v: CachedVariant, out: &mut Vec<CachedVariant>| {
        if out.len() < limit && seen.insert(v.id) {
            out.push(v);
        }
    };
    if let Some(hit) = by_code(db, q)? {
        push(hit, &mut out);
    }
    let conn = db.conn();
    {
        // Titles starting with the text, case-blind, through the title index.
        let mut stmt = conn.prepare_cached(TITLE_SQL)?;
        let mut upper = q.to_string();
        upper.push(char::MAX);
        for v in stmt.query_map(params![q, upper, limit as i64], from_row)? {
            push(v?, &mut out);
        }
    }
    if out.len() >= limit {
        return Ok(out);
    }
    let Some(fts) = fts_query(q) else { return Ok(out) };
    let matches: Vec<i64> = {
        let mut stmt = conn.prepare_cached("SELECT rowid FROM variants_fts WHERE variants_fts MATCH ?1 LIMIT ?2")?;
        let rows = stmt.query_map(params![fts, (RANK_AT_MOST + 1) as i64], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    if matches.len() <= RANK_AT_MOST {
        let mut stmt = conn.prepare_cached(
            "SELECT v.* FROM (SELECT rowid, rank FROM variants_fts WHERE variants_fts MATCH ?1 ORDER BY rank LIMIT ?2) f
             JOIN variants v ON v.id = f.rowid ORDER BY f.rank, v.position",
        )?;
        for v in stmt.query_map(params![fts, limit as i64], from_row)? {
            push(v?, &mut out);
        }
    } else {
        let mut stmt = conn.prepare_cached("SELECT * FROM variants WHERE id = ?1")?;
        for id in matches {
            if out.len() >= limit {
                break;
            }
            if let Some(v) = stmt.query_row([id], from_row).optional()? {
                push(v, &mut out);
            }
        }
    }
    Ok(out)
}

/// The variant whose SKU or barcode is exactly `code` (a scan).
pub fn by_code(db: &Db, code: &str) -> Result<Option<CachedVariant>> {
    Ok(db
        .conn()
        .query_row(
            // Two index lookups (the OR form scans the table): a barcode wins over a SKU.
            "SELECT * FROM (SELECT *, 0 AS pref FROM variants WHERE upc = ?1
                            UNION ALL SELECT *, 1 AS pref FROM variants WHERE sku = ?1 COLLATE NOCASE)
             ORDER BY pref LIMIT 1",
            [code.trim()],
            from_row,
        )
        .optional()?)
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

/// The `n` cheapest purchasable variants with a price in `currency`, cheapest first (ties in
/// catalog order): what a shop may sell as a test. Reads the whole cache once.
pub fn cheapest(db: &Db, currency: &str, n: usize) -> Result<Vec<CachedVariant>> {
    let conn = db.conn();
    let mut stmt = conn.prepare_cached("SELECT * FROM variants WHERE purchasable = 1 ORDER BY position, id")?;
    let mut best: Vec<(Decimal, CachedVariant)> = Vec::new();
    for v in stmt.query_map([], from_row)? {
        let v = v?;
        let Some(price) = v.prices.get(currency).copied() else { continue };
        if best.len() == n && best.last().is_some_and(|(p, _)| *p <= price) {
            continue;
        }
        let at = best.partition_point(|(p, _)| *p <= price);
        best.insert(at, (price, v));
        best.truncate(n);
    }
    Ok(best.into_iter().map(|(_, v)| v).collect())
}

/// Forget the cached catalog and any sync in progress (another store's catalog is not this
/// one's: it is read again from the store).
pub fn clear(db: &Db) -> Result<()> {
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM variants_staging", [])?;
    tx.execute("DELETE FROM catalog_sync", [])?;
    tx.execute("DELETE FROM variants", [])?;
    tx.execute("INSERT INTO variants_fts(variants_fts) VALUES ('rebuild')", [])?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The searches a keystroke or a scan runs read the first rows of an index: none sorts the
    /// whole cache, whose size the shop does not choose (at 100,000 variants a sort of the
    /// catalog took 25 ms of every scan).
    #[test]
    fn the_counters_searches_read_indexes_and_never_sort_the_catalog() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("plan.db")).unwrap();
        let conn = db.conn();
        for sql in [LIST_SQL, TITLE_SQL] {
            let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let unbound = std::iter::repeat_n(rusqlite::types::Null, stmt.parameter_count());
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(unbound), |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(plan.iter().any(|step| step.contains("USING INDEX")), "{sql}: {plan:?}");
            assert!(!plan.iter().any(|step| step.contains("TEMP B-TREE")), "{sql} sorts: {plan:?}");
        }
    }
}
