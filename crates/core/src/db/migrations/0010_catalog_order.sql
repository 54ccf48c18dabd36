-- The catalog in the store's order (an empty search: the counter's grid after every scan and
-- at start) reads the first rows of this index instead of sorting every cached variant.
CREATE INDEX variants_position ON variants(position, id);
