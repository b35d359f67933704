-- Facts are grouped from what the claims say, not from a taxonomy's fact patterns, so the keys of the
-- patterns a claim matched are no longer read or written.
ALTER TABLE claims DROP COLUMN fact_keys;
