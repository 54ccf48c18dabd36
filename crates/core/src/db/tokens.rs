//! The return tokens the database knows, kept in memory as a Bloom filter of their hashes,
//! so a request for a link that was never made is refused without asking SQLite (a flood of
//! made-up links then takes neither the connection's lock nor a read transaction).
//!
//! Never a false "unknown": every token hash written through [`super::sales`] is added
//! here in the same call, and the filter is filled from `sale_tokens` when the database is
//! opened. A "maybe" is answered by the table. When the tokens outgrow the filter it is
//! built again, larger, from the table.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::RwLock;

use fastbloom::AtomicBloomFilter;
use rusqlite::Connection;

use super::Result;

/// The share of unknown tokens the filter lets through to the table.
const FALSE_POSITIVES: f64 = 0.01;
/// The smallest filter: room for this many tokens (about 80 KB).
const MIN_CAPACITY: usize = 65_536;

struct Filter {
    bloom: AtomicBloomFilter,
    capacity: usize,
}

impl Filter {
    fn for_items(n: usize) -> Filter {
        let capacity = (n * 2).max(MIN_CAPACITY);
        Filter { bloom: AtomicBloomFilter::with_false_pos(FALSE_POSITIVES).expected_items(capacity), capacity }
    }
}

pub(crate) struct KnownTokens {
    filter: RwLock<Filter>,
    count: AtomicUsize,
}

impl std::fmt::Debug for KnownTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnownTokens").field("count", &self.count.load(Ordering::Relaxed)).finish()
    }
}

impl KnownTokens {
    /// Every token hash in `conn`'s `sale_tokens`.
    pub(crate) fn load(conn: &Connection) -> Result<KnownTokens> {
        let (filter, count) = fill(conn, 0)?;
        Ok(KnownTokens { filter: RwLock::new(filter), count: AtomicUsize::new(count) })
    }

    /// Whether `hash` may be a known token's: `false` is certain.
    pub(crate) fn may_know(&self, hash: &str) -> bool {
        self.filter.read().unwrap_or_else(|e| e.into_inner()).bloom.contains(hash)
    }

    /// Add `hash` (called with the connection held, in the write that stores it, before it
    /// commits: a write that fails leaves only a "maybe").
    pub(crate) fn add(&self, conn: &Connection, hash: &str) -> Result<()> {
        let count = self.count.fetch_add(1, Ordering::Relaxed) + 1;
        let filter = self.filter.read().unwrap_or_else(|e| e.into_inner());
        if count <= filter.capacity {
            filter.bloom.insert(hash);
            return Ok(());
        }
        drop(filter);
        // Full: a larger one from the table, which has every token but perhaps this one yet.
        let (bigger, _) = fill(conn, count)?;
        bigger.bloom.insert(hash);
        *self.filter.write().unwrap_or_else(|e| e.into_inner()) = bigger;
        Ok(())
    }
}

/// A filter of every token hash in `conn`, with room for twice their number (or `at_least`),
/// and that number.
fn fill(conn: &Connection, at_least: usize) -> Result<(Filter, usize)> {
    let n: i64 = conn.query_row("SELECT count(*) FROM sale_tokens", [], |r| r.get(0))?;
    let filter = Filter::for_items((n as usize).max(at_least));
    let mut stmt = conn.prepare("SELECT token_hash FROM sale_tokens")?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        filter.bloom.insert(&row.get::<_, String>(0)?);
        count += 1;
    }
    Ok((filter, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE sale_tokens(token_hash TEXT PRIMARY KEY, sale_id TEXT)").unwrap();
        conn
    }

    fn store(conn: &Connection, known: &KnownTokens, hash: &str) {
        conn.execute("INSERT INTO sale_tokens VALUES (?1, 's')", [hash]).unwrap();
        known.add(conn, hash).unwrap();
    }

    #[test]
    fn every_stored_token_stays_known_as_the_filter_grows_and_strangers_rarely_pass() {
        let conn = table();
        conn.execute("INSERT INTO sale_tokens VALUES ('there-before', 's')", []).unwrap();
        let known = KnownTokens::load(&conn).unwrap();
        assert!(known.may_know("there-before"), "tokens in the table when it opens");
        let first = known.filter.read().unwrap().capacity;
        let n = first + 1_000;
        conn.execute_batch("BEGIN").unwrap();
        for i in 0..n {
            store(&conn, &known, &format!("token-{i}"));
        }
        conn.execute_batch("COMMIT").unwrap();
        assert!(known.filter.read().unwrap().capacity > n, "the filter was built again, larger");
        let missed = (0..n).filter(|i| !known.may_know(&format!("token-{i}"))).count();
        assert_eq!(missed, 0, "no stored token is ever called unknown");
        assert!(known.may_know("there-before"));
        let passed = (0..100_000).filter(|i| known.may_know(&format!("stranger-{i}"))).count();
        assert!(passed < 3_000, "about 1% of unknown tokens reach the table, not {passed} in 100,000");
    }
}
