CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The catalog cache: one row per sellable variant.
CREATE TABLE variants (
    id             INTEGER PRIMARY KEY,
    product_id     INTEGER NOT NULL,
    product_title  TEXT NOT NULL,
    variant_title  TEXT NOT NULL,
    sku            TEXT NOT NULL DEFAULT '',
    upc            TEXT NOT NULL DEFAULT '',
    purchasable    INTEGER NOT NULL,
    availability   TEXT NOT NULL DEFAULT '',
    prices         TEXT NOT NULL,          -- JSON object: currency code -> decimal string
    position       INTEGER NOT NULL,
    synced_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX variants_product ON variants(product_id);
CREATE INDEX variants_sku ON variants(sku);
CREATE INDEX variants_upc ON variants(upc);

-- A checkout session: created before any network call, updated at every step.
CREATE TABLE sales (
    id                   TEXT PRIMARY KEY,
    token_hash           TEXT NOT NULL UNIQUE,  -- SHA-256 of the return token
    return_url           TEXT NOT NULL,
    state                TEXT NOT NULL,
    currency             TEXT NOT NULL,
    total                TEXT NOT NULL,         -- decimal string, the basket at our prices
    payment_complete_url TEXT,
    order_number         TEXT UNIQUE,
    store_total          TEXT,                  -- decimal string, as the store computed it
    order_json           TEXT,                  -- the store's order, as verified
    claim_json           TEXT,                  -- the last order posted to the return URL
    customer             TEXT,
    reason               TEXT,
    after_cancel         INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    expires_at           INTEGER,
    paid_at              INTEGER
) STRICT;
CREATE INDEX sales_created ON sales(created_at DESC);
CREATE INDEX sales_state ON sales(state);

CREATE TABLE sale_lines (
    sale_id     TEXT NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    variant_id  INTEGER NOT NULL,
    title       TEXT NOT NULL,
    sku         TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    unit_price  TEXT NOT NULL,
    PRIMARY KEY (sale_id, position)
) STRICT;

-- The sale's timeline: every state change, with a note.
CREATE TABLE sale_events (
    id       INTEGER PRIMARY KEY,
    sale_id  TEXT NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    state    TEXT NOT NULL,
    note     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sale_events_sale ON sale_events(sale_id, id);
