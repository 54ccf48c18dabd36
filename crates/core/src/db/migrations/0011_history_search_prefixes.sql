-- History's search as staff type, on a long history. FTS5 reads a two- or three-letter prefix
-- from a prefix index, in the index's own order (newest first), and stops at the page. A longer
-- word ("baker", "ceramic") had no such index: FTS5 merged the list of every indexed word that
-- begins with it, over every sale, before it could pick the newest page (20 to 35 ms at a
-- million sales). Prefix indexes up to eight letters serve those words the same way; longer
-- ones still merge. The index grows by about two thirds.
CREATE VIRTUAL TABLE sales_fts_next USING fts5(
    doc,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4 5 6 7 8'
);
INSERT INTO sales_fts_next(rowid, doc) SELECT rowid, doc FROM sales_fts;
DROP TABLE sales_fts;
ALTER TABLE sales_fts_next RENAME TO sales_fts;
