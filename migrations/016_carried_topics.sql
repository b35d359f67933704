-- A claim that names no topic carries its document's main topic (pipeline stage 04). Lists serve it like
-- any other topic; fact grouping compares what claims say, so it reads a claim's own topics only. The
-- position index holds the flag, so grouping reads own topics from the index alone as before.
ALTER TABLE claim_topics ADD COLUMN carried INTEGER NOT NULL DEFAULT 0;
DROP INDEX claim_topics_by_position;
CREATE INDEX claim_topics_by_position ON claim_topics (source_seq, claim_seq, carried, topic_slug);
