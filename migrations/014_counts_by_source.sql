-- An API write resolves its speakers against every name the corpus was extracted with: read from an
-- index rather than every claim.
CREATE INDEX claims_by_extracted_speaker ON claims (extracted_speaker);
