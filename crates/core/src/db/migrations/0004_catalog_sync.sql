-- Subscription plan of the variant's product: {"interval": "month", "interval_counts": [1, 2, 3]}.
ALTER TABLE variants ADD COLUMN subscription TEXT;

-- A sync fills this page by page; only a complete sync replaces `variants`.
CREATE TABLE variants_staging (
    id             INTEGER PRIMARY KEY,
    product_id     INTEGER NOT NULL,
    product_title  TEXT NOT NULL,
    variant_title  TEXT NOT NULL,
    sku            TEXT NOT NULL DEFAULT '',
    upc            TEXT NOT NULL DEFAULT '',
    purchasable    INTEGER NOT NULL,
    availability   TEXT NOT NULL DEFAULT '',
    prices         TEXT NOT NULL,
    position       INTEGER NOT NULL,
    synced_at      INTEGER NOT NULL,
    recommended    TEXT NOT NULL DEFAULT '[]',
    subscription   TEXT
) STRICT;

-- The sync in progress, so an interrupted one resumes from the next page.
CREATE TABLE catalog_sync (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    next_url    TEXT,
    pages       INTEGER NOT NULL,
    variants    INTEGER NOT NULL,
    positions   INTEGER NOT NULL,
    started_at  INTEGER NOT NULL
) STRICT;

-- Full-text search over the cache: prefix queries, ranked.
CREATE VIRTUAL TABLE variants_fts USING fts5(
    product_title, variant_title, sku, upc,
    content = 'variants', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO variants_fts(variants_fts) VALUES ('rebuild');

-- Basket lines: a price set by staff, and a subscription choice.
ALTER TABLE sale_lines ADD COLUMN price_override INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sale_lines ADD COLUMN subscription TEXT;
