import { createHash } from 'node:crypto';

/**
 * What the stored data is, shared by every layer that reads, writes or describes it (pipeline, data
 * layer, ingest, schemas). It imports nothing of the project's, so no layer has to reach into
 * another's internals for a constant.
 */

/**
 * Ids derive from content (`src_` + hash of the text, `clm_` + hash of source and span, `fct_` + hash
 * of the group's first claim, `ent_` + hash of kind and canonical name), so they are the same on every machine.
 */
export function stableId(prefix: string, key: string): string {
  return `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/**
 * A claim's rowid is its list position, source_seq * CLAIM_SEQ_SPAN + seq (migration 007): full-text
 * matches, which FTS5 yields in rowid order, then come out in list order, and a cursor (source_seq, seq)
 * is a rowid bound. The write model assigns it; the read model reads by it.
 */
export const CLAIM_SEQ_SPAN = 1_048_576;

/** The kinds of value two sources can give differently for one fact. */
export const VARIANT_KINDS = ['place', 'number', 'date', 'person', 'quote-wording', 'hedge'] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];

/** What the change feed records (migration 015): sources added or removed, facts created, grown, shrunk or removed. */
export const CHANGE_KINDS = ['source-added', 'source-removed', 'fact-created', 'fact-grown', 'fact-shrunk', 'fact-removed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What GET /claims counts beside a page when asked (facet=), and what GET /facts counts. */
export const CLAIM_FACETS = ['topic', 'speaker', 'source', 'entity'] as const;
export type ClaimFacet = (typeof CLAIM_FACETS)[number];
export const FACT_FACETS = ['topic'] as const;
export type FactFacet = (typeof FACT_FACETS)[number];

/** Values listed per facet, most claims (or facts) first, unless facetSize asks for fewer or more. */
export const FACET_SIZE = { default: 20, max: 100 } as const;

/** Occurrences kept per distinct variant value: where to look, not every place it is said. */
export const OCCURRENCES_PER_VALUE = 5;

/**
 * Claims and sources listed on a fact. A fact thousands of articles state has thousands of claims:
 * every fact shows the first few, with counts, and /claims?factId= pages through the rest.
 */
export const FACT_PREVIEW_SIZE = 20;

/** Articles are news pages, not books: anything larger is a mistake or an attack. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

/**
 * The tokenizer takes time quadratic in the length of a run of characters without whitespace: one run
 * of 20,000 takes 0.3 s, of a million many minutes. Prose never has one this long (a long URL is a few
 * hundred characters), so a longer run marks the text as not an article.
 */
export const MAX_UNBROKEN_RUN = 1000;
const UNBROKEN_RUN = new RegExp(`\\S{${MAX_UNBROKEN_RUN + 1}}`);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why bytes cannot be stored as an article (from a file or a request body), or null when they can. */
export function articleProblem(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_ARTICLE_BYTES) return `too large: ${bytes.length} bytes, the limit is ${MAX_ARTICLE_BYTES}`;
  if (bytes.includes(0)) return 'binary: contains NUL bytes';
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return 'binary: not valid UTF-8 text';
  }
  if (!text.trim()) return 'empty: no text';
  if (UNBROKEN_RUN.test(text)) return `not prose: more than ${MAX_UNBROKEN_RUN} characters without whitespace`;
  return null;
}
