-- Facets (GET /claims?facet=, /facts?facet=): how many of the claims a list's filters select carry each
-- topic, speaker, source and entity, beside the page. Counted from the link tables, that reads a row of
-- each per claim, hundreds of thousands at 20,000 articles; what follows makes it cheap. The data-access
-- module (src/db/ingest.ts) writes these in the transaction of every write; triggers follow deletes and
-- renamed speakers.

-- 1. What each claim carries, in one narrow row at its list position, so a filtered list's claims are
-- counted with one lookup each. Topics and entities come as a set shared by every claim that carries
-- the same ones (a corpus repeats a few combinations a great deal): claims are grouped by an integer.
-- Set ids follow the order in which a write first stores a set; they mean nothing else.
CREATE TABLE facet_key_sets (
  id        INTEGER PRIMARY KEY,
  topics    TEXT NOT NULL,  -- JSON array of topic slugs, sorted
  entities  TEXT NOT NULL,  -- JSON array of the ids of the entities named, each once, sorted
  UNIQUE (topics, entities)
);
CREATE TABLE claim_keys (
  position         INTEGER PRIMARY KEY,  -- the claim's rowid: source_seq * 2^20 + seq
  off_event        INTEGER NOT NULL,
  speaker          TEXT,
  checkworthiness  REAL NOT NULL,
  key_set          INTEGER NOT NULL      -- facet_key_sets.id
);
-- /claims?minCheckworthiness= alone: the list checks claims in order, a count reads only those above.
CREATE INDEX claim_keys_by_checkworthiness ON claim_keys (checkworthiness);
CREATE TRIGGER claim_keys_delete AFTER DELETE ON claims BEGIN
  DELETE FROM claim_keys WHERE position = old.rowid;
END;
CREATE TRIGGER claim_keys_speaker AFTER UPDATE OF speaker ON claims BEGIN
  UPDATE claim_keys SET speaker = new.speaker WHERE position = new.rowid;
END;

-- As IngestStore's INDEX_KEY_SETS and INDEX_CLAIM_KEYS write them, over every stored claim.
CREATE TEMP TABLE stored_claim_keys AS
  SELECT c.rowid AS position, c.off_event, c.speaker, c.checkworthiness,
    (SELECT json_group_array(topic_slug ORDER BY topic_slug) FROM claim_topics ct WHERE ct.source_seq = c.source_seq AND ct.claim_seq = c.seq) AS topics,
    (SELECT json_group_array(entity_id ORDER BY entity_id) FROM (SELECT DISTINCT entity_id FROM claim_entities ce WHERE ce.source_seq = c.source_seq AND ce.claim_seq = c.seq)) AS entities
  FROM claims c;
INSERT INTO facet_key_sets (topics, entities) SELECT topics, entities FROM stored_claim_keys GROUP BY topics, entities ORDER BY MIN(position);
INSERT INTO claim_keys (position, off_event, speaker, checkworthiness, key_set)
  SELECT d.position, d.off_event, d.speaker, d.checkworthiness, k.id FROM stored_claim_keys d JOIN facet_key_sets k ON k.topics = d.topics AND k.entities = d.entities;
DROP TABLE stored_claim_keys;

-- 2. The counts a list with no other filter, or one topic, speaker or entity filter, shows: read, not
-- counted. Kept exact as claims are written, removed and their speakers renamed.
CREATE TABLE claim_facet_counts (
  filter        TEXT NOT NULL,     -- '' (no filter), 'topic', 'speaker' or 'entity'
  filter_value  TEXT NOT NULL,     -- '' with no filter; a topic slug, entity id, or speaker in lower case (the filter ignores case)
  facet         TEXT NOT NULL,     -- what is counted: 'topic', 'speaker', 'source' or 'entity'
  off_event     INTEGER NOT NULL,  -- the claims' off_event: lists leave off-event claims out unless asked
  value         NOT NULL,          -- topic slug, speaker as the claims give it, entity id (text), or a source's seq (integer)
  claims        INTEGER NOT NULL,  -- claims with the filter's value and this one; never 0 (such rows are deleted)
  PRIMARY KEY (filter, filter_value, facet, off_event, value)
) WITHOUT ROWID;
-- A filter's sources, the most claims first: tens of thousands for a common topic, of which a page of
-- facets lists twenty. Other facets have tens of values, read whole; their counts change on every write.
CREATE INDEX claim_facet_counts_sources_by_count ON claim_facet_counts (filter, filter_value, off_event, claims DESC, value) WHERE facet = 'source';
-- The counts a removal brings to nothing, found without reading the others.
CREATE INDEX claim_facet_counts_at_zero ON claim_facet_counts (claims) WHERE claims = 0;

-- As IngestStore's COUNT_FACETS counts a range of claims: grouped by what they carry, then the groups paired.
WITH grouped AS MATERIALIZED (
  SELECT position / 1048576 AS seq, off_event, speaker, key_set, COUNT(*) AS claims FROM claim_keys GROUP BY seq, off_event, speaker, key_set
),
signatures AS MATERIALIZED (
  SELECT ROW_NUMBER() OVER () AS id, off_event, speaker, key_set, SUM(claims) AS claims FROM grouped GROUP BY off_event, speaker, key_set
),
keys (id, off_event, claims, facet, value, filter_value) AS MATERIALIZED (
  SELECT s.id, s.off_event, s.claims, 'topic', t.value, t.value FROM signatures s JOIN facet_key_sets k ON k.id = s.key_set, json_each(k.topics) t
  UNION ALL SELECT s.id, s.off_event, s.claims, 'speaker', s.speaker, lower(s.speaker) FROM signatures s WHERE s.speaker IS NOT NULL
  UNION ALL SELECT s.id, s.off_event, s.claims, 'entity', e.value, e.value FROM signatures s JOIN facet_key_sets k ON k.id = s.key_set, json_each(k.entities) e
),
source_keys (seq, off_event, claims, facet, filter_value) AS (
  SELECT g.seq, g.off_event, g.claims, 'topic', t.value FROM grouped g JOIN facet_key_sets k ON k.id = g.key_set, json_each(k.topics) t
  UNION ALL SELECT g.seq, g.off_event, g.claims, 'speaker', lower(g.speaker) FROM grouped g WHERE g.speaker IS NOT NULL
  UNION ALL SELECT g.seq, g.off_event, g.claims, 'entity', e.value FROM grouped g JOIN facet_key_sets k ON k.id = g.key_set, json_each(k.entities) e
)
INSERT INTO claim_facet_counts (filter, filter_value, facet, off_event, value, claims)
  SELECT '', '', facet, off_event, value, SUM(claims) FROM keys GROUP BY facet, off_event, value
  UNION ALL
  SELECT f.facet, f.filter_value, k.facet, k.off_event, k.value, SUM(k.claims) FROM keys f JOIN keys k ON k.id = f.id GROUP BY f.facet, f.filter_value, k.facet, k.off_event, k.value
  UNION ALL
  SELECT '', '', 'source', off_event, seq, SUM(claims) FROM grouped GROUP BY seq, off_event
  UNION ALL
  SELECT facet, filter_value, 'source', off_event, seq, SUM(claims) FROM source_keys GROUP BY facet, filter_value, seq, off_event;

-- Any other filter is counted claim by claim; its off-event check reads the few off-event sources here.
CREATE INDEX sources_off_event ON sources (seq) WHERE off_event IS NOT NULL;
