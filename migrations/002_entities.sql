-- The entity list (seeds/entities.yaml), kept in step with the file by ingest as topics are with the
-- taxonomy. Counts are refreshed with the other list counts after every extraction.
CREATE TABLE entities (
  id             TEXT PRIMARY KEY,                              -- "ent_" + hash of kind and canonical name
  name           TEXT NOT NULL UNIQUE COLLATE NOCASE,           -- canonical; /claims?entity= looks it up case-insensitively
  kind           TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'place')),
  aliases        TEXT NOT NULL DEFAULT '[]',                    -- JSON array of the other names, as listed
  mention_count  INTEGER NOT NULL DEFAULT 0,
  source_count   INTEGER NOT NULL DEFAULT 0
);
-- GET /entities ranks by sources, then mentions, then name; with or without a kind filter.
CREATE INDEX entities_by_rank ON entities (source_count DESC, mention_count DESC, name);
CREATE INDEX entities_by_kind_rank ON entities (kind, source_count DESC, mention_count DESC, name);

-- Each mention of an entity in a claim. Spans index into the source text, like claims' spans, and the
-- text is kept because SQLite counts characters where spans count UTF-16 code units.
-- source_seq/claim_seq are copied here so an entity filter reads its claims in list order from the index alone.
CREATE TABLE claim_entities (
  claim_id    TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  entity_id   TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  source_seq  INTEGER NOT NULL,
  claim_seq   INTEGER NOT NULL,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  PRIMARY KEY (claim_id, span_start)
) WITHOUT ROWID;
CREATE INDEX claim_entities_by_entity ON claim_entities (entity_id, source_seq, claim_seq, span_start);
