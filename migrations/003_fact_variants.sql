-- Where the sources behind a fact give different values: a place, number, date, speaker, quoted
-- wording or hedge. Rebuilt with the facts on every regrouping; each value points at the words of
-- the claim that carry it, as a span into the source text.
CREATE TABLE fact_variants (
  fact_id     TEXT NOT NULL REFERENCES facts(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('place', 'number', 'date', 'person', 'quote-wording', 'hedge')),
  position    INTEGER NOT NULL,                                  -- order of the values within the kind
  value       TEXT NOT NULL,
  claim_id    TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  source_id   TEXT NOT NULL,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  PRIMARY KEY (fact_id, kind, position)
) WITHOUT ROWID;
CREATE INDEX fact_variants_by_kind ON fact_variants (kind, fact_id);

-- GET /discrepancies lists the facts with at least one variant, most corroborated first.
ALTER TABLE facts ADD COLUMN variant_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX facts_with_variants ON facts (source_count DESC, id) WHERE variant_count > 0;
