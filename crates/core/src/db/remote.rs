//! The one way a remote action's row changes ([`crate::domain::remote`]): upsells, refunds
//! and cancels, and the closing steps (captures, moves, fulfillments, cancellation
//! requests) each keep their rows in their own table; this moves any of them, as the life's
//! table says, in one statement that compares the current phase.

use rusqlite::{params, OptionalExtension};

use super::{Db, Result};
use crate::domain::remote::{self, Answer, Phase};

/// Which table keeps an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ledger {
    /// `upsells` (done is `charged`, failed is `declined`).
    Upsells,
    /// `refunds`: refunds and cancels.
    Refunds,
    /// `closing_steps`: captures, moves, fulfillments, cancellation requests.
    ClosingSteps,
}

impl Ledger {
    fn table(self) -> &'static str {
        match self {
            Ledger::Upsells => "upsells",
            Ledger::Refunds => "refunds",
            Ledger::ClosingSteps => "closing_steps",
        }
    }

    /// The stored name of `phase` in this table.
    pub fn name(self, phase: Phase) -> &'static str {
        match (self, phase) {
            (Ledger::Upsells, Phase::Done) => "charged",
            (Ledger::Upsells, Phase::Failed) => "declined",
            (_, p) => p.as_str(),
        }
    }

    /// The phase a stored name means in this table.
    pub fn phase(self, name: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| self.name(*p) == name)
    }
}

/// Record `answer` for action `id` of `ledger`, with `reason` (the store's words, or why
/// it is unknown). Returns the phase it moved to, or `None` when the action's phase does not
/// take that answer (it was settled meanwhile) and nothing changed.
///
/// Fails with [`super::Error::NotFound`] when there is no such action.
pub fn record(db: &Db, ledger: Ledger, id: &str, answer: Answer, reason: Option<&str>) -> Result<Option<Phase>> {
    let mut conn = db.conn();
    let tx = conn.transaction()?;
    let table = ledger.table();
    let current: Option<String> = tx.query_row(&format!("SELECT state FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).optional()?;
    let current = current.ok_or(super::Error::NotFound("remote action"))?;
    let from =
        ledger.phase(&current).ok_or_else(|| super::Corrupt { table, row: id.into(), what: format!("unknown state {current:?}") })?;
    let Some(to) = remote::next(from, answer) else { return Ok(None) };
    tx.execute(
        &format!("UPDATE {table} SET state = ?2, reason = ?3, updated_at = ?4 WHERE id = ?1"),
        params![id, ledger.name(to), reason, db.now_ms()],
    )?;
    tx.commit()?;
    Ok(Some(to))
}

/// Every action of `ledger` saved as `requested` (after a restart: they were being sent
/// when the app stopped).
pub fn requested(db: &Db, ledger: Ledger) -> Result<Vec<String>> {
    let conn = db.conn();
    let mut stmt =
        conn.prepare(&format!("SELECT CAST(id AS TEXT) FROM {} WHERE state = 'requested' ORDER BY created_at", ledger.table()))?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("c.db")).unwrap();
        db.conn()
            .execute_batch(
                "INSERT INTO sales(id, token_hash, return_url, state, currency, total, created_at, updated_at)
                     VALUES ('s1', 'h', 'u', 'paid', 'USD', '1.00', 0, 0);
                 INSERT INTO upsells(id, sale_id, order_number, idempotency_key, variant_id, title, sku, quantity, unit_price, price_override, state, created_at, updated_at)
                     VALUES ('u1', 's1', '100', 'k', 1, 't', 's', 1, '1.00', 0, 'requested', 0, 0);
                 INSERT INTO refunds(id, sale_id, order_number, kind, reference, lines, amount, currency, state, by_whom, created_at, updated_at)
                     VALUES ('r1', 's1', '100', 'refund', 'ref', '[]', '1.00', 'USD', 'requested', 'x', 0, 0);
                 INSERT INTO closing_steps(sale_id, kind, target, state, detail, created_at, updated_at)
                     VALUES ('s1', 'capture', '100', 'requested', '{}', 0, 0);",
            )
            .unwrap();
        (dir, db)
    }

    fn stored(db: &Db, ledger: Ledger, id: &str) -> String {
        db.conn().query_row(&format!("SELECT state FROM {} WHERE id = ?1", ledger.table()), [id], |r| r.get(0)).unwrap()
    }

    #[test]
    fn every_ledger_follows_the_same_life_under_its_own_names() {
        let (_dir, db) = db();
        for (ledger, id, done) in [(Ledger::Upsells, "u1", "charged"), (Ledger::Refunds, "r1", "done"), (Ledger::ClosingSteps, "1", "done")]
        {
            assert_eq!(requested(&db, ledger).unwrap(), vec![id.to_string()]);
            assert_eq!(record(&db, ledger, id, Answer::Lost, Some("timeout")).unwrap(), Some(Phase::Unknown));
            assert_eq!(stored(&db, ledger, id), "unknown");
            assert_eq!(record(&db, ledger, id, Answer::Accepted, None).unwrap(), None, "an unknown one is settled by reading back");
            assert_eq!(record(&db, ledger, id, Answer::Found, None).unwrap(), Some(Phase::Done));
            assert_eq!(stored(&db, ledger, id), done);
            assert_eq!(record(&db, ledger, id, Answer::Absent, None).unwrap(), None, "a done action never reopens");
            assert!(requested(&db, ledger).unwrap().is_empty());
        }
        assert!(matches!(record(&db, Ledger::Upsells, "nope", Answer::Found, None), Err(super::super::Error::NotFound(_))));
    }

    #[test]
    fn a_row_in_no_phase_is_named_as_corrupt() {
        let (_dir, db) = db();
        db.conn().execute("UPDATE refunds SET state = 'maybe' WHERE id = 'r1'", []).unwrap();
        let e = record(&db, Ledger::Refunds, "r1", Answer::Found, None).unwrap_err();
        assert!(e.to_string().contains("refunds row r1"), "{e}");
    }
}
