//! The catalog at the counter: sync from `GET /products/` into the local cache, and search
//! it. The counter always sells from the cache; a sync stages page after page (each page
//! and the cursor after it in one transaction) and replaces the cache only when every page
//! arrived, so a failed sync leaves yesterday's catalog in place and the next sync resumes
//! where it stopped. Every request goes through the client's shared rate limiter.
//!
//! The Admin API's product list has no "changed since" filter, so every sync reads the
//! whole catalog; "Sync catalog" is the full resync.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::admin_api::models::{Product, SubscriptionPlan};
use crate::counter::Counter;
use crate::db::catalog::{self, CachedVariant};
use crate::domain::words::text;
use crate::error::Result;
use crate::events::Event;

/// Pages a sync follows at most (a guard against a `next` link loop).
const MAX_PAGES: usize = 10_000;

/// A product as the counter shows it, with its variants priced in the sale currency.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ProductCard {
    /// Product id.
    pub product_id: i64,
    /// Title.
    pub title: String,
    /// How it may be sold as a subscription, if it may.
    pub subscription: Option<SubscriptionPlan>,
    /// Its variants.
    pub variants: Vec<VariantCard>,
}

/// A variant on a product card.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct VariantCard {
    /// Variant id.
    pub id: i64,
    /// Variant title; empty for a stand-alone product.
    pub title: String,
    /// SKU.
    pub sku: String,
    /// Barcode.
    pub upc: String,
    /// Price in the sale currency, if the variant has one.
    #[ts(type = "string | null")]
    pub price: Option<Decimal>,
    /// Can be added to a basket.
    pub sellable: bool,
    /// Stock availability.
    pub availability: String,
    /// Units in stock at this counter's location, when the store tracks them there.
    pub stock_here: Option<i64>,
    /// Units in stock at the store's other locations.
    pub stock_elsewhere: Option<i64>,
    #[serde(skip)]
    stock: Vec<crate::admin_api::models::StockRecord>,
}

/// The result of a search.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CatalogResults {
    /// The currency prices are in.
    pub currency: Option<String>,
    /// Matching products.
    pub products: Vec<ProductCard>,
    /// Variants in the cache.
    pub cached_variants: i64,
    /// Why prices cannot be shown (the store's details could not be read), in staff's
    /// words with the store's own, and what to check.
    pub problem: Option<String>,
}

impl Counter {
    /// Fetch every page of `GET /products/` and replace the cache. Emits progress events.
    ///
    /// Fails (leaving the cache as it was) when any page cannot be fetched.
    pub async fn sync_catalog(&self) -> Result<usize> {
        let result = self.sync_catalog_inner().await;
        match &result {
            Ok(n) => self.emit(Event::CatalogSynced { variants: *n }),
            Err(e) => self.emit(Event::CatalogSyncFailed { message: e.public_message() }),
        }
        result
    }

    async fn sync_catalog_inner(&self) -> Result<usize> {
        let client = self.client()?;
        // Resume an interrupted sync from the page after the last one staged, if that page is
        // on the store as it is now: the demo store listens on another port at each start, and
        // a store's address can change in Settings. A link the client refuses to follow would
        // fail every sync from then on; the sync starts again from the first page instead.
        let mut state = match catalog::sync_state(self.db())? {
            Some(s) if s.next_url.as_deref().is_some_and(|next| client.is_own_link(next)) => {
                tracing::info!(pages = s.pages, "resuming an interrupted catalog sync");
                s
            }
            Some(s) if s.next_url.is_some() => {
                tracing::warn!(pages = s.pages, "an interrupted catalog sync was on another store address; syncing from the first page");
                catalog::begin_sync(self.db())?
            }
            _ => catalog::begin_sync(self.db())?,
        };
        for _ in 0..MAX_PAGES {
            let page = client.products().page(state.next_url.as_deref()).await?;
            state = catalog::stage_page(self.db(), &state, &to_stage(&page.results), page.results.len(), page.next.as_deref())?;
            self.emit(Event::CatalogProgress { pages: state.pages as usize, variants: state.variants as usize });
            if state.next_url.is_none() {
                break;
            }
        }
        let count = catalog::finish_sync(self.db())?;
        tracing::info!(variants = count, "catalog synced");
        Ok(count)
    }

    /// Search the cached catalog over titles, SKUs and barcodes.
    pub async fn search_catalog(&self, query: &str, limit: usize) -> Result<CatalogResults> {
        let (currency, problem) = match self.currency().await {
            Ok(c) => (Some(c), None),
            Err(e) => {
                tracing::warn!(error = %e, "currency unknown; showing the catalog without prices");
                (None, Some(text!("catalog-no-prices", why = e.words()).for_staff()))
            }
        };
        let hits = catalog::search(self.db(), query, limit.clamp(1, 500))?;
        let mut products = group(hits, currency.as_deref());
        if let Some(here) = crate::counter::read(&self.inner.location).map(|l| l.id).or(self.settings().location_id) {
            for v in products.iter_mut().flat_map(|p| p.variants.iter_mut()) {
                let count = |f: &dyn Fn(i64) -> bool| -> Option<i64> {
                    let known: Vec<i64> = v.stock.iter().filter(|s| f(s.location_id)).filter_map(|s| s.num_in_stock).collect();
                    (!known.is_empty()).then(|| known.iter().sum())
                };
                v.stock_here = count(&|l| l == here);
                v.stock_elsewhere = count(&|l| l != here);
            }
        }
        Ok(CatalogResults { products, currency, cached_variants: catalog::count(self.db())?, problem })
    }
}

pub(crate) fn group(hits: Vec<CachedVariant>, currency: Option<&str>) -> Vec<ProductCard> {
    let mut order: Vec<i64> = Vec::new();
    let mut cards: BTreeMap<i64, ProductCard> = BTreeMap::new();
    for v in hits {
        let price = currency.and_then(|c| v.prices.get(c).copied());
        let card = cards.entry(v.product_id).or_insert_with(|| {
            order.push(v.product_id);
            ProductCard {
                product_id: v.product_id,
                title: v.product_title.clone(),
                subscription: v.subscription.clone(),
                variants: Vec::new(),
            }
        });
        card.variants.push(VariantCard {
            id: v.id,
            title: v.variant_title,
            sku: v.sku,
            upc: v.upc,
            sellable: v.purchasable && price.is_some(),
            price,
            availability: v.availability,
            stock_here: None,
            stock_elsewhere: None,
            stock: v.stock,
        });
    }
    order.into_iter().filter_map(|id| cards.remove(&id)).collect()
}

/// The variants of `products` as the cache keeps them, each with its product's place in the
/// page: stand-alone products list themselves untitled; a variant may be sold unless the
/// store says it is unavailable or out of stock.
pub fn to_stage(products: &[Product]) -> Vec<catalog::NewVariant> {
    let mut out = Vec::new();
    for (i, p) in products.iter().enumerate() {
        let subscription = p.subscription_plan();
        for v in &p.variants {
            let purchasable =
                v.purchase_availability.as_deref() != Some("unavailable") && v.inventory_availability.as_deref() != Some("out_of_stock");
            out.push(catalog::NewVariant {
                variant: CachedVariant {
                    id: v.id.0,
                    product_id: p.id,
                    product_title: p.title.clone(),
                    variant_title: if p.structure == "standalone" { String::new() } else { v.title.clone() },
                    sku: v.sku.clone().unwrap_or_default(),
                    upc: v.upc.clone().unwrap_or_default(),
                    purchasable,
                    availability: v.inventory_availability.clone().unwrap_or_default(),
                    prices: v.prices.iter().map(|pr| (pr.currency.clone(), pr.price)).collect(),
                    subscription: subscription.clone(),
                    stock: v.stockrecords.clone(),
                },
                recommended: p.recommended_products.clone(),
                position: i as i64,
            });
        }
    }
    out
}

/// Replace the whole cache with `products` (a sync in one step: tests and benchmarks).
///
/// Fails when the database does.
pub fn replace_all(db: &crate::db::Db, products: &[Product]) -> Result<usize> {
    Ok(catalog::replace_all(db, &to_stage(products), products.len())?)
}
