-- Facets over a filter the kept counts (migration 017) do not cover, a search above all, are counted
-- claim by claim. Read from claim_keys, that is one index lookup per claim, then a sort of every claim to
-- group them, each costing more than the search itself when it matches a large share of the corpus.
-- What follows lets one pass read each selected claim's keys from a row it shares with the other claims
-- of its source; the read model (src/db/facets.ts) tallies them without a sort. The data-access module
-- (src/db/ingest.ts) writes these with claim_keys, in the transaction of every write.

-- 1. A signature: a speaker and a set of topics and entities that claims carry together (a corpus
-- repeats a few combinations a great deal). Its id is the code point of the character that stands for
-- it: past ASCII and Latin-1, never a surrogate, so any string of them is valid text. Ids follow the
-- order in which a write first stores a signature; they mean nothing else.
CREATE TABLE facet_signatures (
  id       INTEGER PRIMARY KEY CHECK (id BETWEEN 256 AND 1114111 AND id NOT BETWEEN 55296 AND 57343),
  speaker  TEXT,              -- as claim_keys.speaker
  key_set  INTEGER NOT NULL   -- facet_key_sets.id
);
CREATE INDEX facet_signatures_by_keys ON facet_signatures (key_set, speaker);

-- 2. The claims of each source as the characters of their signatures, in claim order: the claim
-- numbered seq within its source is character seq + 1 (a source's claims are numbered from 0 without
-- gaps). Claims read in list order find their source's row once, not once each.
CREATE TABLE source_facet_signatures (
  seq         INTEGER PRIMARY KEY,  -- sources.seq
  off_event   INTEGER NOT NULL,     -- its claims' off_event, which a source's claims share
  signatures  TEXT NOT NULL
);
-- Claims removed (with their source, or to be extracted again) take their source's row; the write
-- that stores claims again writes it again.
CREATE TRIGGER source_facet_signatures_delete AFTER DELETE ON claims BEGIN
  DELETE FROM source_facet_signatures WHERE seq = old.source_seq;
END;

-- As IngestStore's INDEX_SIGNATURES and SIGN_SOURCES write them, over every stored claim.
INSERT INTO facet_signatures (id, speaker, key_set)
  SELECT CASE WHEN last < 55296 AND last + n >= 55296 THEN last + n + 2048 ELSE last + n END, speaker, key_set FROM (
    SELECT 255 AS last, ROW_NUMBER() OVER (ORDER BY MIN(position)) AS n, speaker, key_set FROM claim_keys GROUP BY speaker, key_set
  ) WHERE true;
INSERT INTO source_facet_signatures (seq, off_event, signatures)
  SELECT k.position / 1048576, MAX(k.off_event), group_concat(char(s.id), '' ORDER BY k.position)
  FROM claim_keys k JOIN facet_signatures s ON s.key_set = k.key_set AND s.speaker IS k.speaker
  GROUP BY k.position / 1048576;
