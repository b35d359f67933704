/**
 * A claim's rowid is its list position, source_seq * CLAIM_SEQ_SPAN + seq (migration 007): full-text
 * matches, which FTS5 yields in rowid order, then come out in list order, and a cursor (source_seq, seq)
 * is a rowid bound. Shared by the write model, which assigns it, and the read model, which reads by it.
 */
export const CLAIM_SEQ_SPAN = 1_048_576;
