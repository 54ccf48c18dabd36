-- Webhook deliveries already handled, by the store's event id (deliveries repeat).
CREATE TABLE webhook_events (
    event_id     TEXT PRIMARY KEY,
    event_type   TEXT NOT NULL,
    order_number TEXT,
    received_at  INTEGER NOT NULL
) STRICT;
