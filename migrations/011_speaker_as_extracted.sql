-- A claim's speaker as its own article names it ("Stiell", "President Lind") is kept apart from the
-- speaker served, which regrouping resolves to the full name the corpus uses elsewhere ("Simon
-- Stiell"): the resolution is redone from the extracted names whenever the corpus changes.
ALTER TABLE claims ADD COLUMN extracted_speaker TEXT;
UPDATE claims SET extracted_speaker = speaker;
