-- Facts at scale. A fact stated across thousands of articles has thousands of claims, so lists serve a
-- bounded preview of each fact, read in corpus order straight from an index, and its variants as
-- distinct values with counts and their first few occurrences. Facts are rebuilt from claims, so the
-- old rows go and the next ingest regroups.
DELETE FROM facts;
DROP TABLE claim_facts;
CREATE TABLE claim_facts (
  fact_id     TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  claim_id    TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  source_seq  INTEGER NOT NULL,                  -- copies of the claim's sort key: a fact's claims in
  claim_seq   INTEGER NOT NULL,                  -- corpus order are one range of the primary key
  PRIMARY KEY (fact_id, source_seq, claim_seq)
) WITHOUT ROWID;
CREATE INDEX claim_facts_by_claim ON claim_facts (claim_id, fact_id);

-- Each distinct value a fact's sources give, in order of first appearance, with how many sources and
-- claims give it; fact_variants keeps its first occurrences, each with its span.
CREATE TABLE fact_variant_values (
  fact_id       TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  position      INTEGER NOT NULL,
  value         TEXT NOT NULL,
  source_count  INTEGER NOT NULL,
  claim_count   INTEGER NOT NULL,
  PRIMARY KEY (fact_id, kind, position)
) WITHOUT ROWID;
CREATE INDEX fact_variant_values_by_kind ON fact_variant_values (kind, fact_id);

INSERT INTO ingest_state (key, value) VALUES ('facts_stale', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
