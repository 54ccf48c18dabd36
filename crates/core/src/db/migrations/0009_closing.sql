-- Closing a sale at the store: which lines are handed over at the counter (the default) or
-- shipped by the store, the customer's language for Klarna's page, and every step sent to
-- the store to close it (capture, move, fulfill, cancellation request), saved before sent.
ALTER TABLE sale_lines ADD COLUMN ship INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sales ADD COLUMN language TEXT;
-- pending (not tried yet), closing, closed, attention (staff must look); NULL: not ours to close.
ALTER TABLE sales ADD COLUMN closing TEXT;
ALTER TABLE sales ADD COLUMN closing_note TEXT;
CREATE INDEX sales_closing ON sales(closing) WHERE closing IN ('pending', 'closing', 'attention');

CREATE TABLE closing_steps (
    id         INTEGER PRIMARY KEY,
    sale_id    TEXT NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('capture', 'move', 'fulfill', 'cancellation_request')),
    target     TEXT NOT NULL,                 -- the order number or fulfillment order id
    state      TEXT NOT NULL CHECK (state IN ('requested', 'done', 'failed', 'unknown')),
    detail     TEXT NOT NULL DEFAULT '{}',    -- JSON: the lines and units it is for
    reason     TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX closing_steps_sale ON closing_steps(sale_id, id);

-- Paid sales of this counter from before: their closing is tried once more.
UPDATE sales SET closing = 'pending' WHERE state = 'paid' AND origin IS NULL;

ALTER TABLE variants ADD COLUMN stock TEXT NOT NULL DEFAULT '[]';   -- JSON: [{location_id, num_in_stock}]
ALTER TABLE variants_staging ADD COLUMN stock TEXT NOT NULL DEFAULT '[]';
