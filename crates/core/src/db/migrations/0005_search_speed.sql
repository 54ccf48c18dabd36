-- Search as you type on large catalogs: prefix indexes for two- and three-letter prefixes,
-- ranking by relevance (titles weigh most) inside FTS5 so `ORDER BY rank LIMIT` stays cheap,
-- a title index for one-letter searches, and a case-blind SKU index for scans.
DROP TABLE variants_fts;
CREATE VIRTUAL TABLE variants_fts USING fts5(
    product_title, variant_title, sku, upc,
    content = 'variants', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO variants_fts(variants_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 2.0)');
INSERT INTO variants_fts(variants_fts) VALUES ('rebuild');
CREATE INDEX variants_title ON variants(product_title COLLATE NOCASE, position);
CREATE INDEX variants_sku_nocase ON variants(sku COLLATE NOCASE);
