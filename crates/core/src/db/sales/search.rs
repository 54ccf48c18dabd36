//! Finding sales: the search index (order number, customer, line titles and SKUs, newest
//! first) and History's filtered list.

use rusqlite::{params, OptionalExtension};

use super::{from_row, SaleRecord};
use crate::db::{Db, Result};

/// Rebuild sale `id`'s search text: order number, customer name and email, and the titles
/// and SKUs of its lines and charged upsells. Its key orders the index newest first.
pub(super) fn reindex(conn: &rusqlite::Connection, id: &str) -> rusqlite::Result<()> {
    let (rowid, created, old): (i64, i64, Option<i64>) =
        conn.query_row("SELECT rowid, created_at, search_key FROM sales WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let key = match old {
        Some(k) => {
            conn.execute("DELETE FROM sales_fts WHERE rowid = ?1", [k])?;
            k
        }
        None => {
            // Created time × 1000 plus a tiebreak; the next free key if two sales share it.
            let mut key = created.saturating_mul(1000) + rowid.rem_euclid(1000);
            while conn.query_row("SELECT 1 FROM sales WHERE search_key = ?1", [key], |_| Ok(())).optional()?.is_some() {
                key += 1;
            }
            conn.execute("UPDATE sales SET search_key = ?2 WHERE id = ?1", params![id, key])?;
            key
        }
    };
    conn.execute(
        "INSERT INTO sales_fts(rowid, doc)
         SELECT ?2, concat_ws(' ', s.order_number, s.customer,
                    CASE WHEN json_valid(s.order_json) THEN json_extract(s.order_json, '$.user.email') END,
                    (SELECT group_concat(l.title || ' ' || l.sku, ' ') FROM sale_lines l WHERE l.sale_id = s.id),
                    (SELECT group_concat(u.title || ' ' || u.sku, ' ') FROM upsells u WHERE u.sale_id = s.id AND u.state = 'charged'))
         FROM sales s WHERE s.id = ?1",
        params![id, key],
    )?;
    Ok(())
}

/// Search text as an FTS5 query: every word of `text`, each as a prefix, all required.
/// `None` when `text` has no word at all (it then matches nothing).
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{}\"*", w.to_lowercase())).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// What History asks for. Every field narrows the list; the default lists everything.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(optional_fields = nullable)]
pub struct Filter {
    /// Words matched against the order number, customer, and line titles and SKUs.
    pub text: Option<String>,
    /// States to show (`paid_after_cancel` selects paid sales flagged as late).
    pub states: Vec<String>,
    /// Created at or after (ms).
    pub from_ms: Option<i64>,
    /// Created before (ms).
    pub to_ms: Option<i64>,
    /// `this` for this counter's sales, `others` for other counters', or a counter id.
    pub counter: Option<String>,
    /// Sales rung up by this staff member (by name).
    pub staff: Option<String>,
}

/// Sales matching `filter`, newest first.
pub fn list(db: &Db, filter: &Filter, limit: usize, offset: usize) -> Result<Vec<SaleRecord>> {
    let conn = db.conn();
    let text = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let query = match text {
        Some(t) => match fts_query(t) {
            Some(q) => Some(q),
            None => return Ok(Vec::new()), // punctuation only: nothing can match
        },
        None => None,
    };
    let late = filter.states.iter().any(|s| s == "paid_after_cancel");
    let refunded = filter.states.iter().any(|s| s == "refunded");
    let states: Vec<&str> = filter.states.iter().map(String::as_str).filter(|s| !matches!(*s, "paid_after_cancel" | "refunded")).collect();
    let counter = filter.counter.as_deref().filter(|c| !c.is_empty());
    let conditions = "(?2 = 0 OR s.state IN (SELECT value FROM json_each(?3)) OR (?4 AND s.state = 'paid' AND s.after_cancel = 1)
                      OR (?9 AND (s.refunded NOT IN ('0', '0.00') OR s.store_status IN ('canceled', 'cancelled'))))
           AND (?5 IS NULL OR s.created_at >= ?5)
           AND (?6 IS NULL OR s.created_at < ?6)
           AND (?10 IS NULL OR (?10 = 'this' AND s.origin IS NULL) OR (?10 = 'others' AND s.origin IS NOT NULL) OR s.origin = ?10)
           AND (?11 IS NULL OR s.staff = ?11)";
    // With words to find, start from the search index; otherwise walk the sales newest first.
    let sql = if query.is_some() {
        format!(
            "SELECT s.* FROM sales_fts f JOIN sales s ON s.search_key = f.rowid WHERE sales_fts MATCH ?1 AND {conditions}
             ORDER BY f.rowid DESC LIMIT ?7 OFFSET ?8"
        )
    } else {
        format!("SELECT s.* FROM sales s WHERE ?1 IS NULL AND {conditions} ORDER BY s.created_at DESC, s.id LIMIT ?7 OFFSET ?8")
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            query,
            (states.len() + usize::from(late) + usize::from(refunded)) as i64,
            serde_json::to_string(&states).unwrap_or_else(|_| "[]".into()),
            late,
            filter.from_ms,
            filter.to_ms,
            limit as i64,
            offset as i64,
            refunded,
            counter,
            filter.staff.as_deref().filter(|s| !s.is_empty())
        ],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
