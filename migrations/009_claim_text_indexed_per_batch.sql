-- The full-text index was fed by a trigger, one claim per INSERT. An INSERT into claims opens a statement
-- savepoint (it has constraints and triggers to undo on failure), and FTS5 writes its pending terms to
-- disk at every savepoint: each claim became a segment of its own, to be merged later. That was a third
-- of ingest's writing, 25 µs a claim against 6 µs for one INSERT ... SELECT over a batch's claims.
-- The data-access module (src/db/ingest.ts) now indexes the claims of each write in one statement, in
-- the same transaction. Deleting a claim still takes it out of the index by trigger: deletes are rare.

DROP TRIGGER claims_fts_insert;
