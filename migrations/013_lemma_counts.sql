-- How many claims grouped into facts (those of on-event sources) hold each content lemma: the document
-- frequencies an API write needs to place its claims among the stored facts without reading the whole
-- corpus. The next regrouping fills it, so an existing database is marked for one.
CREATE TABLE lemma_counts (
  lemma  TEXT PRIMARY KEY,
  claims INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO ingest_state (key, value) VALUES ('facts_stale', '1')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
