-- Sources keep their raw text verbatim: every claim span indexes into it.
CREATE TABLE sources (
  id            TEXT PRIMARY KEY,
  seq           INTEGER NOT NULL UNIQUE,          -- ingest order; stable sort key for lists
  content_hash  TEXT NOT NULL UNIQUE,
  file_name     TEXT,
  title         TEXT,
  publisher     TEXT,
  author        TEXT,
  published_at  TEXT,
  text          TEXT NOT NULL,
  claim_count   INTEGER NOT NULL DEFAULT 0
);

-- Lines the clean stage removed, kept so the API can show what was dropped and why.
CREATE TABLE boilerplate (
  source_id   TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  text        TEXT NOT NULL,
  reason      TEXT NOT NULL,
  PRIMARY KEY (source_id, seq)
) WITHOUT ROWID;

CREATE TABLE claims (
  id               TEXT PRIMARY KEY,
  source_id        TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  source_seq       INTEGER NOT NULL,              -- copy of sources.seq so lists sort without a join
  seq              INTEGER NOT NULL,              -- position within the source
  span_start       INTEGER NOT NULL,
  span_end         INTEGER NOT NULL,
  text             TEXT NOT NULL,
  speaker          TEXT,
  quote            TEXT,
  checkworthiness  REAL NOT NULL,
  is_headline      INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source_seq, seq)
);
CREATE INDEX claims_by_source ON claims (source_id, seq);
CREATE INDEX claims_by_speaker ON claims (speaker, source_seq, seq);

CREATE TABLE topics (
  slug          TEXT PRIMARY KEY,
  position      INTEGER NOT NULL UNIQUE,
  label         TEXT NOT NULL,
  description   TEXT NOT NULL,
  claim_count   INTEGER NOT NULL DEFAULT 0,
  source_count  INTEGER NOT NULL DEFAULT 0
);

-- source_seq/claim_seq are copied here so a topic filter reads its claims in list order from the index alone.
CREATE TABLE claim_topics (
  topic_slug  TEXT NOT NULL REFERENCES topics(slug) ON DELETE CASCADE,
  claim_id    TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  source_seq  INTEGER NOT NULL,
  claim_seq   INTEGER NOT NULL,
  PRIMARY KEY (topic_slug, source_seq, claim_seq)
) WITHOUT ROWID;
CREATE INDEX claim_topics_by_claim ON claim_topics (claim_id, topic_slug);

CREATE TABLE facts (
  id            TEXT PRIMARY KEY,
  statement     TEXT NOT NULL,
  source_count  INTEGER NOT NULL,
  claim_count   INTEGER NOT NULL
);
CREATE INDEX facts_by_rank ON facts (source_count DESC, id);

CREATE TABLE claim_facts (
  fact_id   TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  PRIMARY KEY (fact_id, claim_id)
) WITHOUT ROWID;
CREATE INDEX claim_facts_by_claim ON claim_facts (claim_id, fact_id);

CREATE TABLE fact_topics (
  topic_slug    TEXT NOT NULL REFERENCES topics(slug) ON DELETE CASCADE,
  fact_id       TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  PRIMARY KEY (topic_slug, fact_id)
) WITHOUT ROWID;
CREATE INDEX fact_topics_by_fact ON fact_topics (fact_id, topic_slug);

-- Full-text index over claim text, kept in step with claims by triggers.
CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
  INSERT INTO claims_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
  INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

-- Ingest bookkeeping: which lexicon the stored claims were extracted with, and whether facts need regrouping.
CREATE TABLE ingest_state (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;
