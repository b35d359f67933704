-- Relevance to the event the lexicon describes (event.yaml): a source that is not about it keeps the
-- reason here (NULL: about the event), and its claims are flagged so lists leave them out by default
-- without a join to sources. Off-event claims take no part in facts or topic counts.
ALTER TABLE sources ADD COLUMN off_event TEXT;
ALTER TABLE claims ADD COLUMN off_event INTEGER NOT NULL DEFAULT 0;
