-- Serving at scale: every list the API serves reads its page in list order from an index, starting at
-- the cursor (no sort of the whole match set, no OFFSET-like scan), and /health reads its counts
-- from one row instead of counting whole tables on every request.

-- /claims?source= and a source's claims, in list order from the index.
DROP INDEX claims_by_source;
CREATE INDEX claims_by_source ON claims (source_id, source_seq, seq);

-- /claims?speaker= matches case-insensitively, so the index must collate the same way to be used.
DROP INDEX claims_by_speaker;
CREATE INDEX claims_by_speaker ON claims (speaker COLLATE NOCASE, source_seq, seq);

-- Full-text matches in list order: FTS5 yields matches by rowid, so a claim's rowid becomes its list
-- position, source_seq * 2^20 + seq (ingest writes it so), and the index is rebuilt on the new rowids.
-- Negated first so no new rowid collides with an old one on the way.
UPDATE claims SET rowid = -rowid;
UPDATE claims SET rowid = source_seq * 1048576 + seq;
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');

-- A fact's claims in list order (/claims?factId=, a fact's wordings) are one range of claim_facts' key
-- since migration 005.

-- /facts?topic= in rank order: the fact's source count is copied here (facts and their topics are
-- rewritten together on every regrouping, so the copy never goes stale).
CREATE TABLE fact_topics_ranked (
  topic_slug    TEXT NOT NULL REFERENCES topics(slug) ON DELETE CASCADE,
  fact_id       TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  source_count  INTEGER NOT NULL,
  PRIMARY KEY (topic_slug, fact_id)
) WITHOUT ROWID;
INSERT INTO fact_topics_ranked (topic_slug, fact_id, source_count)
  SELECT ft.topic_slug, ft.fact_id, f.source_count FROM fact_topics ft JOIN facts f ON f.id = ft.fact_id;
DROP TABLE fact_topics;
ALTER TABLE fact_topics_ranked RENAME TO fact_topics;
CREATE INDEX fact_topics_by_fact ON fact_topics (fact_id, topic_slug);
CREATE INDEX fact_topics_by_rank ON fact_topics (topic_slug, source_count DESC, fact_id);

-- What /health reports, kept exact by triggers whichever connection writes (cascaded deletes fire them too).
CREATE TABLE corpus_counts (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  sources  INTEGER NOT NULL,
  claims   INTEGER NOT NULL,
  facts    INTEGER NOT NULL
);
INSERT INTO corpus_counts (id, sources, claims, facts)
  VALUES (1, (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM facts));
CREATE TRIGGER sources_counted_insert AFTER INSERT ON sources BEGIN UPDATE corpus_counts SET sources = sources + 1; END;
CREATE TRIGGER sources_counted_delete AFTER DELETE ON sources BEGIN UPDATE corpus_counts SET sources = sources - 1; END;
CREATE TRIGGER claims_counted_insert AFTER INSERT ON claims BEGIN UPDATE corpus_counts SET claims = claims + 1; END;
CREATE TRIGGER claims_counted_delete AFTER DELETE ON claims BEGIN UPDATE corpus_counts SET claims = claims - 1; END;
CREATE TRIGGER facts_counted_insert AFTER INSERT ON facts BEGIN UPDATE corpus_counts SET facts = facts + 1; END;
CREATE TRIGGER facts_counted_delete AFTER DELETE ON facts BEGIN UPDATE corpus_counts SET facts = facts - 1; END;
