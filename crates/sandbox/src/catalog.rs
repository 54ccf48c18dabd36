//! The demo catalog: a small shop's worth of products in the contract's `ProductList`
//! shape. Every product carries at least one variant, because order lines reference
//! variant ids and prices live on variants. A stand-alone product's only variant has the
//! product's own id, as in the real store.

use rust_decimal::Decimal;
use serde_json::{json, Value};

/// One sellable variant, as the sandbox prices and orders it.
#[derive(Debug, Clone)]
pub struct Variant {
    /// The variant product id order lines reference.
    pub id: i64,
    /// The parent product id (equal to `id` for a stand-alone product).
    pub product_id: i64,
    /// Product title.
    pub product_title: String,
    /// Variant title ("Blue / M"), empty for a stand-alone product.
    pub variant_title: String,
    /// Stock keeping unit.
    pub sku: String,
    /// Barcode.
    pub upc: String,
    /// Price per currency code.
    pub prices: Vec<(String, Decimal)>,
    /// Whether new orders may include it.
    pub purchasable: bool,
    /// `in_stock`, `low_stock` or `out_of_stock`.
    pub availability: &'static str,
}

impl Variant {
    /// The price in `currency`, if the variant is sold in it.
    pub fn price_in(&self, currency: &str) -> Option<Decimal> {
        self.prices.iter().find(|(code, _)| code == currency).map(|(_, price)| *price)
    }
}

/// The seeded catalog: products in contract shape and a flat index of variants.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// `ProductList` objects, in listing order.
    pub products: Vec<Value>,
    /// Every variant of every product.
    pub variants: Vec<Variant>,
}

const STAMP: &str = "2026-01-05T09:00:00Z";

struct Seed {
    title: &'static str,
    base_price: &'static str,
    options: &'static [&'static str],
    recommended: &'static [usize],
}

const SEEDS: &[Seed] = &[
    Seed { title: "Organic Cotton T-Shirt", base_price: "24.00", options: &["S", "M", "L", "XL"], recommended: &[1, 4] },
    Seed { title: "Everyday Canvas Tote", base_price: "18.50", options: &[], recommended: &[0] },
    Seed { title: "Merino Wool Beanie", base_price: "29.00", options: &["Charcoal", "Forest", "Rust"], recommended: &[3] },
    Seed { title: "Lambswool Scarf", base_price: "45.00", options: &["Grey", "Navy"], recommended: &[2] },
    Seed { title: "Enamel Pin Set", base_price: "12.00", options: &[], recommended: &[0] },
    Seed { title: "Ceramic Pour-Over Dripper", base_price: "32.00", options: &[], recommended: &[6, 7] },
    Seed {
        title: "Single-Origin Coffee Beans 250 g",
        base_price: "14.90",
        options: &["Ethiopia", "Colombia", "Guatemala"],
        recommended: &[5],
    },
    Seed { title: "Paper Filters (100)", base_price: "6.50", options: &[], recommended: &[5] },
    Seed { title: "Stoneware Mug", base_price: "16.00", options: &["Sand", "Slate", "Moss"], recommended: &[6] },
    Seed { title: "Loose Leaf Green Tea 100 g", base_price: "11.25", options: &[], recommended: &[10] },
    Seed { title: "Glass Teapot 800 ml", base_price: "38.00", options: &[], recommended: &[9] },
    Seed { title: "Linen Napkins (Set of 4)", base_price: "27.00", options: &["Oat", "Indigo"], recommended: &[12] },
    Seed { title: "Olive Wood Serving Board", base_price: "42.00", options: &[], recommended: &[11] },
    Seed { title: "Beeswax Candle", base_price: "9.99", options: &["Small", "Large"], recommended: &[14] },
    Seed { title: "Brass Candle Holder", base_price: "22.00", options: &[], recommended: &[13] },
    Seed { title: "Notebook A5 Dotted", base_price: "13.00", options: &["Black", "Terracotta", "Sage"], recommended: &[16] },
    Seed { title: "Fountain Pen", base_price: "58.00", options: &["Fine", "Medium"], recommended: &[17, 15] },
    Seed { title: "Ink Cartridges (6)", base_price: "7.50", options: &["Black", "Blue"], recommended: &[16] },
    Seed { title: "Leather Card Wallet", base_price: "35.00", options: &["Tan", "Black"], recommended: &[19] },
    Seed { title: "Key Ring", base_price: "8.00", options: &[], recommended: &[18] },
    Seed { title: "Sunglasses Classic", base_price: "79.00", options: &["Tortoise", "Black"], recommended: &[21] },
    Seed { title: "Microfibre Lens Cloth", base_price: "4.50", options: &[], recommended: &[20] },
    Seed { title: "Running Socks (2 Pairs)", base_price: "15.00", options: &["S", "M", "L"], recommended: &[23] },
    Seed { title: "Sports Water Bottle", base_price: "19.00", options: &["500 ml", "750 ml"], recommended: &[22] },
    Seed { title: "Natural Lip Balm", base_price: "5.90", options: &[], recommended: &[25] },
    Seed { title: "Hand Cream 75 ml", base_price: "14.00", options: &["Lavender", "Unscented"], recommended: &[24] },
    Seed { title: "Solid Shampoo Bar", base_price: "10.50", options: &[], recommended: &[27] },
    Seed { title: "Bamboo Toothbrush", base_price: "4.00", options: &[], recommended: &[26] },
    Seed { title: "Wireless Earbuds", base_price: "129.00", options: &["White", "Black"], recommended: &[29] },
    Seed { title: "USB-C Cable 1 m", base_price: "12.99", options: &[], recommended: &[28] },
    Seed { title: "Phone Stand", base_price: "21.00", options: &[], recommended: &[29] },
    Seed { title: "Jigsaw Puzzle 1000 pcs", base_price: "26.00", options: &[], recommended: &[32] },
    Seed { title: "Playing Cards", base_price: "9.00", options: &[], recommended: &[31] },
    Seed { title: "Gift Card Envelope", base_price: "1.00", options: &[], recommended: &[] },
    Seed { title: "Wrapping Paper Roll", base_price: "6.00", options: &["Kraft", "Floral"], recommended: &[33] },
    Seed { title: "Plant Pot Terracotta", base_price: "17.50", options: &["Small", "Medium", "Large"], recommended: &[36] },
    Seed { title: "Indoor Plant Food", base_price: "8.75", options: &[], recommended: &[35] },
    Seed { title: "Monthly Coffee Subscription", base_price: "29.00", options: &[], recommended: &[6] },
];

/// The index of the seed sold as a subscription product.
const SUBSCRIPTION_SEED: usize = 37;

fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn sku_prefix(title: &str) -> String {
    title
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .take(4)
        .collect()
}

/// EUR is priced a little under USD and rounded to cents, as a real shop would set it.
fn eur_price(usd: Decimal) -> Decimal {
    (usd * Decimal::new(92, 2)).round_dp(2)
}

/// SEK in whole kronor, as Swedish shops price.
fn sek_price(usd: Decimal) -> Decimal {
    (usd * Decimal::new(105, 1)).round_dp(0).round_dp(2)
}

/// The variant's price in every currency a demo shop sells in.
fn prices(usd: Decimal) -> Vec<(String, Decimal)> {
    vec![("USD".into(), usd), ("EUR".into(), eur_price(usd)), ("SEK".into(), sek_price(usd))]
}

const ADJECTIVES: &[&str] = &[
    "Classic",
    "Organic",
    "Recycled",
    "Handmade",
    "Everyday",
    "Premium",
    "Travel",
    "Compact",
    "Vintage",
    "Nordic",
    "Studio",
    "Coastal",
    "Alpine",
    "Urban",
    "Heritage",
    "Essential",
    "Soft",
    "Bold",
    "Linen",
    "Cedar",
];
const NOUNS: &[&str] = &[
    "Mug", "Tote", "Scarf", "Notebook", "Candle", "Beanie", "Socks", "Bottle", "Wallet", "Lamp", "Blanket", "Apron", "Backpack", "Cap",
    "Planter", "Tumbler", "Journal", "Cushion", "Towel", "Soap", "Teapot", "Bowl", "Board", "Pen",
];
const OPTIONS: &[&[&str]] = &[&[], &["S", "M", "L", "XL"], &["Black", "Sand"], &["Small", "Medium", "Large"], &[]];

impl Catalog {
    /// A generated catalog of `products` products for load and pagination tests: realistic
    /// titles, one to four variants each (about 1.9 on average), USD and EUR prices, some
    /// out of stock, every 40th a monthly subscription product.
    pub fn generated(products: usize) -> Catalog {
        let mut out = Catalog { products: Vec::with_capacity(products), variants: Vec::new() };
        for i in 0..products {
            let id = 100_000 + (i as i64) * 10;
            let title = format!("{} {} {}", ADJECTIVES[i % ADJECTIVES.len()], NOUNS[(i / ADJECTIVES.len()) % NOUNS.len()], i);
            let options = OPTIONS[i % OPTIONS.len()];
            let base = Decimal::new(499 + ((i as i64 * 37) % 9000), 2);
            let is_subscription = i % 40 == 39;
            let prefix = sku_prefix(&title);
            let opts: Vec<&str> = if options.is_empty() { vec![""] } else { options.to_vec() };
            let mut product_variants = Vec::new();
            for (k, option) in opts.iter().enumerate() {
                let vid = if options.is_empty() { id } else { id + 1 + k as i64 };
                let availability = if (i + k) % 13 == 5 {
                    "out_of_stock"
                } else if (i + k) % 7 == 3 {
                    "low_stock"
                } else {
                    "in_stock"
                };
                let price = base + Decimal::from(k as i64);
                let variant = Variant {
                    id: vid,
                    product_id: id,
                    product_title: title.clone(),
                    variant_title: option.to_string(),
                    sku: if option.is_empty() { format!("{prefix}-{id}") } else { format!("{prefix}-{id}-{}", option.to_uppercase()) },
                    upc: format!("2{:011}", vid),
                    prices: prices(price),
                    purchasable: availability != "out_of_stock",
                    availability,
                };
                product_variants.push(variant_json(&variant));
                out.variants.push(variant);
            }
            out.products.push(json!({
                "categories": [], "date_created": STAMP, "date_updated": STAMP,
                "enable_subscription": is_subscription,
                "interval": if is_subscription { json!("month") } else { Value::Null },
                "interval_counts": if is_subscription { json!([1, 2, 3]) } else { Value::Null },
                "id": id, "images": [], "is_public": true, "metadata": {}, "rating": null,
                "recommended_products": [100_000 + (((i + 1) % products) as i64) * 10],
                "slug": slug(&title),
                "structure": if options.is_empty() { "standalone" } else { "parent" },
                "title": title,
                "url": format!("https://demo.example/products/{}/", slug(&title)),
                "variant_attributes": if options.is_empty() { json!([]) } else { json!([{ "code": "option", "name": "Option", "values": options }]) },
                "variants": product_variants,
            }));
        }
        out
    }

    /// The demo shop's catalog: 38 products, 70-odd variants, priced in USD, EUR and SEK.
    pub fn demo() -> Catalog {
        Catalog::demo_for(crate::Shop::Us)
    }

    /// The demo catalog in `shop`'s language: the same ids, SKUs, barcodes and prices.
    pub fn demo_for(shop: crate::Shop) -> Catalog {
        let mut products = Vec::new();
        let mut variants = Vec::new();
        let product_id = |i: usize| 100 + (i as i64) * 10;
        for (i, seed) in SEEDS.iter().enumerate() {
            let id = product_id(i);
            let base: Decimal = seed.base_price.parse().expect("seed prices are decimals");
            let structure = if seed.options.is_empty() { "standalone" } else { "parent" };
            // SKUs come from the English title: the same in every shop's language.
            let prefix = sku_prefix(seed.title);
            let title = shop.title(i, seed.title);
            let mut product_variants = Vec::new();
            let options: Vec<&str> = if seed.options.is_empty() { vec![""] } else { seed.options.to_vec() };
            for (k, option) in options.iter().enumerate() {
                let vid = if seed.options.is_empty() { id } else { id + 1 + k as i64 };
                // A larger size costs a little more, so variant prices differ.
                let price = if seed.options.is_empty() { base } else { base + Decimal::from(k as i64) };
                let availability = match (i + k) % 11 {
                    3 => "low_stock",
                    7 if k > 0 => "out_of_stock",
                    _ => "in_stock",
                };
                let sku = if option.is_empty() {
                    format!("{prefix}-{id}")
                } else {
                    format!("{prefix}-{id}-{}", option.replace(' ', "").to_uppercase())
                };
                let upc = format!("0{:011}", 400_000_000 + vid * 7);
                let variant = Variant {
                    id: vid,
                    product_id: id,
                    product_title: title.to_string(),
                    variant_title: shop.option(option).to_string(),
                    sku: sku.clone(),
                    upc: upc.clone(),
                    prices: prices(price),
                    purchasable: availability != "out_of_stock",
                    availability,
                };
                product_variants.push(variant_json(&variant));
                variants.push(variant);
            }
            let is_subscription = i == SUBSCRIPTION_SEED;
            products.push(json!({
                "categories": [],
                "date_created": STAMP,
                "date_updated": STAMP,
                "enable_subscription": is_subscription,
                "interval": if is_subscription { json!("month") } else { Value::Null },
                "interval_counts": if is_subscription { json!([1, 2, 3]) } else { Value::Null },
                "id": id,
                "images": [],
                "is_public": true,
                "metadata": {},
                "rating": null,
                "recommended_products": seed.recommended.iter().map(|r| product_id(*r)).collect::<Vec<_>>(),
                "slug": slug(seed.title),
                "structure": structure,
                "title": title,
                "url": format!("https://demo.example/products/{}/", slug(seed.title)),
                "variant_attributes": if seed.options.is_empty() { json!([]) } else {
                    json!([{ "code": "option", "name": "Option", "values": seed.options.iter().map(|o| shop.option(o)).collect::<Vec<_>>() }])
                },
                "variants": product_variants,
            }));
        }
        Catalog { products, variants }
    }

    /// A variant by id.
    pub fn variant(&self, id: i64) -> Option<&Variant> {
        // Ids ascend in catalog order, so a binary search finds them in large catalogs.
        match self.variants.binary_search_by_key(&id, |v| v.id) {
            Ok(i) => Some(&self.variants[i]),
            Err(_) => self.variants.iter().find(|v| v.id == id),
        }
    }
}

fn variant_json(v: &Variant) -> Value {
    json!({
        "allow_backorders": false,
        "date_created": STAMP,
        "date_updated": STAMP,
        "id": v.id,
        "images": "",
        "inventory_availability": v.availability,
        "metadata": {},
        "prices": v.prices.iter().map(|(c, p)| json!({
            "currency": c, "price": p.to_string(), "retail": null, "subscription": null,
            "subscription_suggested_downsell": null,
        })).collect::<Vec<_>>(),
        "product_id": v.product_id,
        "purchase_availability": if v.purchasable { "available" } else { "unavailable" },
        "requires_shipping": false,
        "sku": v.sku,
        "stockrecords": [],
        "title": v.variant_title,
        "track_stock": true,
        "unit_cost": "0.00",
        "upc": v.upc,
        "variant_attribute_values": [],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_catalog_is_realistic() {
        let c = Catalog::demo();
        assert!(c.products.len() >= 30, "the issue asks for at least 30 products");
        let with_variants = c.products.iter().filter(|p| p["variants"].as_array().unwrap().len() > 1).count();
        assert!(with_variants >= 10, "several products must have several variants");
        let mut ids: Vec<i64> = c.variants.iter().map(|v| v.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), c.variants.len(), "variant ids must be unique");
        assert!(c.variants.iter().all(|v| v.price_in("USD").is_some() && v.price_in("EUR").is_some()));
    }

    #[test]
    fn generated_catalogs_have_unique_sorted_ids() {
        let c = Catalog::generated(2500);
        assert_eq!(c.products.len(), 2500);
        assert!(c.variants.windows(2).all(|w| w[0].id < w[1].id), "ids ascend, so lookups can binary-search");
        assert!(c.variants.len() > 4000, "about 1.9 variants a product, got {}", c.variants.len());
        assert!(c.variant(c.variants[1234].id).is_some());
    }
}
