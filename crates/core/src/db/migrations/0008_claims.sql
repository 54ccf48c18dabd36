-- Claims: every order number posted or announced for a sale, checked with the store. A
-- claim never changes the sale's state by itself; only the store's own outcome does.
-- status: checking (being read from the store), recheck (not found or not paid yet: asked
-- again by the next claim, a webhook or reconciliation), refused (permanently not this
-- sale's payment), review (paid, this sale's items, but not provably ours), accepted.
CREATE TABLE claims (
    sale_id    TEXT NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
    number     TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('checking', 'recheck', 'refused', 'review', 'accepted')),
    source     TEXT NOT NULL,          -- who named it first: browser, webhook, reconciliation
    reason     TEXT,
    posts      INTEGER NOT NULL DEFAULT 1,
    checks     INTEGER NOT NULL DEFAULT 0,
    first_at   INTEGER NOT NULL,
    last_at    INTEGER NOT NULL,
    checked_at INTEGER,
    PRIMARY KEY (sale_id, number)
) STRICT;
CREATE INDEX claims_open ON claims(status, checked_at) WHERE status IN ('checking', 'recheck');

-- Return tokens, by hash only: a retry gets a new token, earlier links keep landing here.
CREATE TABLE sale_tokens (
    token_hash TEXT PRIMARY KEY,
    sale_id    TEXT NOT NULL REFERENCES sales(id) ON DELETE CASCADE
) STRICT;
INSERT INTO sale_tokens(token_hash, sale_id) SELECT token_hash, id FROM sales;

-- A sale that was being verified keeps waiting; its claim is checked again at start.
INSERT OR IGNORE INTO claims(sale_id, number, status, source, reason, first_at, last_at)
    SELECT id, CAST(json_extract(claim_json, '$.number') AS TEXT), 'checking', 'browser', NULL, updated_at, updated_at
    FROM sales
    WHERE state = 'verifying' AND json_valid(claim_json) AND json_extract(claim_json, '$.number') IS NOT NULL;
UPDATE sales SET state = 'awaiting_payment' WHERE state = 'verifying';

-- Only the public base of the return URL is kept; the token itself is never stored.
UPDATE sales SET return_url = substr(return_url, 1, instr(return_url, '/klarna/return/') + 14)
    WHERE instr(return_url, '/klarna/return/') > 0;
