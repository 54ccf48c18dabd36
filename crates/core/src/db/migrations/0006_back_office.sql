-- The back office: refunds and cancels made from Counterpay, sales of other counters pulled
-- from the store, what the store says about each order now, and full-text search over
-- order numbers, customers and products.

CREATE TABLE refunds (
    id              TEXT PRIMARY KEY,
    sale_id         TEXT NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
    order_number    TEXT NOT NULL,
    kind            TEXT NOT NULL,          -- refund | cancel
    reference       TEXT NOT NULL UNIQUE,   -- in the store refund's note or cancel reason
    lines           TEXT NOT NULL,          -- JSON [{line_id, quantity, restock_type}]
    amount          TEXT NOT NULL,          -- decimal: what the store calculated and staff confirmed
    currency        TEXT NOT NULL,
    state           TEXT NOT NULL,          -- requested | done | failed | unknown
    reason          TEXT,
    by_whom         TEXT NOT NULL,
    store_refund_id INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX refunds_sale ON refunds(sale_id, created_at);
-- One refund or cancel in flight (or of unknown outcome) per order: never sent twice.
CREATE UNIQUE INDEX refunds_one_in_flight ON refunds(order_number) WHERE state IN ('requested', 'unknown');

ALTER TABLE sales ADD COLUMN origin TEXT;          -- another counter's id; NULL = this counter
ALTER TABLE sales ADD COLUMN refunded TEXT;        -- decimal, paid back so far (from the store)
ALTER TABLE sales ADD COLUMN store_status TEXT;    -- the order's status at the store
CREATE INDEX sales_origin ON sales(origin, created_at DESC) WHERE origin IS NOT NULL;

-- Search: one document per sale, keyed by `search_key` (created time in ms × 1000 plus a
-- tiebreak), so the index's own order is newest first and a search stops after a page.
ALTER TABLE sales ADD COLUMN search_key INTEGER;
CREATE UNIQUE INDEX sales_search_key ON sales(search_key) WHERE search_key IS NOT NULL;
UPDATE sales SET search_key = created_at * 1000 + (rowid % 1000);
CREATE VIRTUAL TABLE sales_fts USING fts5(
    doc,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO sales_fts(rowid, doc)
SELECT s.search_key, concat_ws(' ', s.order_number, s.customer,
           CASE WHEN json_valid(s.order_json) THEN json_extract(s.order_json, '$.user.email') END,
           (SELECT group_concat(l.title || ' ' || l.sku, ' ') FROM sale_lines l WHERE l.sale_id = s.id),
           (SELECT group_concat(u.title || ' ' || u.sku, ' ') FROM upsells u WHERE u.sale_id = s.id AND u.state = 'charged'))
FROM sales s;
