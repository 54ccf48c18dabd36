-- Staff with PINs (argon2 hashes) and roles, an append-only audit log, and who did what.

CREATE TABLE staff (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
    pin_hash   TEXT NOT NULL,              -- argon2id, PHC string
    active     INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX staff_active_name ON staff(name COLLATE NOCASE) WHERE active = 1;

-- Every state change and settings change: who, when, what, before and after. The app only
-- ever inserts; the triggers refuse any change or removal.
CREATE TABLE audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL,
    staff   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT,
    before  TEXT,
    after   TEXT
) STRICT;
CREATE INDEX audit_at ON audit(at);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

ALTER TABLE sales ADD COLUMN staff TEXT;       -- who pressed Charge
CREATE INDEX sales_staff ON sales(staff, created_at DESC) WHERE staff IS NOT NULL;
ALTER TABLE upsells ADD COLUMN by_whom TEXT;
