-- A page of claims is a run of list positions (source_seq, claim_seq), and its topics, facts and entity
-- mentions were read by hashed claim id: twenty lookups landing on twenty pages of each link table, which
-- a client walking pages of a large corpus paid on every page. Keyed by position too, the links of one
-- page sit together. The indexes by claim id stay: deleting a claim cascades through them.

CREATE INDEX claim_topics_by_position ON claim_topics (source_seq, claim_seq, topic_slug);
CREATE INDEX claim_facts_by_position ON claim_facts (source_seq, claim_seq, fact_id);
-- Covering: a mention is served from the index alone (claim_id comes with the table's key).
CREATE INDEX claim_entities_by_position ON claim_entities (source_seq, claim_seq, span_start, entity_id, span_end);
