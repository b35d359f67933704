-- Sources posted through the API may state their URL and metadata. The URL is never in the text, so
-- it has its own column; stated metadata wins over what the clean stage reads off the page, also when
-- a change of lexicon or pipeline re-extracts the source and rewrites the metadata columns.
ALTER TABLE sources ADD COLUMN url TEXT;

-- What the request stated, field by field; NULL where it stated nothing.
CREATE TABLE source_stated_metadata (
  source_id     TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  title         TEXT,
  publisher     TEXT,
  author        TEXT,
  published_at  TEXT
) WITHOUT ROWID;

-- Re-extraction updates these columns; stated values are put back in the same statement's transaction.
-- (recursive_triggers is off, so the trigger's own UPDATE does not fire it again.)
CREATE TRIGGER sources_keep_stated_metadata AFTER UPDATE OF title, publisher, author, published_at ON sources
WHEN EXISTS (SELECT 1 FROM source_stated_metadata WHERE source_id = NEW.id)
BEGIN
  UPDATE sources SET
    title        = COALESCE((SELECT title FROM source_stated_metadata WHERE source_id = NEW.id), NEW.title),
    publisher    = COALESCE((SELECT publisher FROM source_stated_metadata WHERE source_id = NEW.id), NEW.publisher),
    author       = COALESCE((SELECT author FROM source_stated_metadata WHERE source_id = NEW.id), NEW.author),
    published_at = COALESCE((SELECT published_at FROM source_stated_metadata WHERE source_id = NEW.id), NEW.published_at)
  WHERE id = NEW.id;
END;
