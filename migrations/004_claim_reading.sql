-- What the topics stage read from each claim, kept so regrouping facts over the whole corpus does no
-- language processing: the keys of the fact patterns the claim states and its content lemmas, each a
-- JSON array. Existing rows are filled in when the pipeline version changes and sources are re-extracted.
ALTER TABLE claims ADD COLUMN fact_keys TEXT NOT NULL DEFAULT '[]';
ALTER TABLE claims ADD COLUMN lemmas TEXT NOT NULL DEFAULT '[]';
