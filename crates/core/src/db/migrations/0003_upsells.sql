-- Recommended products per catalog entry (JSON array of product ids), for upsell offers.
ALTER TABLE variants ADD COLUMN recommended TEXT NOT NULL DEFAULT '[]';

-- When upsells were first offered for a paid sale (for the day's report).
ALTER TABLE sales ADD COLUMN upsells_offered_at INTEGER;

-- One-click upsells: persisted before the charge is sent, so a double click, a second
-- window or a restart can never send it twice.
CREATE TABLE upsells (
    id              TEXT PRIMARY KEY,
    sale_id         TEXT NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
    order_number    TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,   -- also in the line's metadata at the store
    variant_id      INTEGER NOT NULL,
    title           TEXT NOT NULL,
    sku             TEXT NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    unit_price      TEXT NOT NULL,          -- decimal string
    price_override  INTEGER NOT NULL DEFAULT 0,
    state           TEXT NOT NULL,          -- requested | charged | declined | unknown
    reason          TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX upsells_sale ON upsells(sale_id, created_at);
-- At most one charge in flight (or of unknown outcome) per order.
CREATE UNIQUE INDEX upsells_one_in_flight ON upsells(order_number) WHERE state IN ('requested', 'unknown');
