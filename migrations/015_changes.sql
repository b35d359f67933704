-- The change feed (GET /changes): every source added or removed and every fact created, grown, shrunk
-- or removed, in commit order, so a service can stay in sync without re-reading everything. Sources
-- are recorded by trigger; facts by the write model, which compares each fact's claims before and after
-- a regroup (a full regroup replaces every row of facts, so row triggers would report each fact twice).
CREATE TABLE changes (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind         TEXT NOT NULL CHECK (kind IN ('source-added', 'source-removed', 'fact-created', 'fact-grown', 'fact-shrunk', 'fact-removed')),
  subject_id   TEXT NOT NULL,
  -- For facts: the claims it has after the change (0 when removed).
  claim_count  INTEGER
);

CREATE TRIGGER changes_source_added AFTER INSERT ON sources
BEGIN
  INSERT INTO changes (kind, subject_id) VALUES ('source-added', NEW.id);
END;

CREATE TRIGGER changes_source_removed AFTER DELETE ON sources
BEGIN
  INSERT INTO changes (kind, subject_id) VALUES ('source-removed', OLD.id);
END;

-- What is already stored counts as added, so a feed read from the start describes the whole database.
INSERT INTO changes (kind, subject_id) SELECT 'source-added', id FROM sources ORDER BY seq;
INSERT INTO changes (kind, subject_id, claim_count) SELECT 'fact-created', id, claim_count FROM facts ORDER BY source_count DESC, id;
