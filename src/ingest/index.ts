import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IngestStore } from '../db/ingest.js';
import { migrate } from '../db/migrate.js';
import type { Db } from '../db/open.js';
import { ENTITIES_FILE, loadLexicon, TAXONOMY_FILE } from '../lexicon.js';
import { articlePaths, readArticle } from './articles.js';

/**
 * Articles written per transaction. Large enough that commits stop dominating bulk ingest, small
 * enough that a crash loses little work and the write lock is never held for long.
 */
export const BATCH_SIZE = 64;

/** Bump when a pipeline change should re-extract stored sources. */
export const PIPELINE_VERSION = '5';

export type IngestOptions = {
  paths: string[];
  lexiconDir: string;
  /** Lines worth a reader's attention: re-extraction and regrouping (failures are in the summary). */
  log?: (line: string) => void;
  /** Called after each file with its outcome, for a progress display or a per-file log. */
  onFile?: (file: FileOutcome) => void;
};

export type FileOutcome = {
  done: number;
  total: number;
  fileName: string;
  status: 'new' | 'unchanged' | 'failed';
  /** Claims extracted from a new file, or why it failed. */
  detail: string;
};

export type IngestSummary = {
  new: number;
  unchanged: number;
  failed: Array<{ fileName: string; reason: string }>;
  reextracted: number;
  /** Claims extracted from the new articles. */
  claims: number;
  /** What the database holds after the run. */
  totals: { sources: number; claims: number; facts: number };
};

function lexiconFingerprint(dir: string): string {
  const hash = createHash('sha256').update(PIPELINE_VERSION);
  for (const file of [TAXONOMY_FILE, ENTITIES_FILE]) hash.update(readFileSync(join(dir, file)));
  return hash.digest('hex');
}

/** Ingests article files into the database: migrate, align the lexicon, store each article, regroup facts. */
export function ingest(db: Db, { paths, lexiconDir, log = () => {}, onFile = () => {} }: IngestOptions): IngestSummary {
  migrate(db);
  const { topics, entities, lexicon } = loadLexicon(lexiconDir);
  const store = new IngestStore(db);
  const reextracted = store.syncLexicon(topics, entities, lexicon, lexiconFingerprint(lexiconDir));
  if (reextracted) log(`taxonomy, entity list or pipeline changed: re-extracted ${reextracted} stored sources`);

  const summary: IngestSummary = { new: 0, unchanged: 0, failed: [], reextracted, claims: 0, totals: store.totals() };
  const files = articlePaths(paths);
  for (let first = 0; first < files.length; first += BATCH_SIZE) {
    const reads = files.slice(first, first + BATCH_SIZE).map(readArticle);
    const readable = reads.filter((read) => read.ok);
    const stored = store.storeArticles(readable.map(({ fileName, text }) => ({ fileName, text })), lexicon);
    let next = 0;
    reads.forEach((read, index) => {
      const progress = { done: first + index + 1, total: files.length };
      if (!read.ok) {
        summary.failed.push({ fileName: read.path, reason: read.reason });
        onFile({ ...progress, fileName: read.path, status: 'failed', detail: read.reason });
        return;
      }
      const { status, claims, sourceId } = stored[next++]!;
      summary[status] += 1;
      summary.claims += claims;
      onFile({ ...progress, fileName: read.fileName, status, detail: status === 'new' ? `${claims} claims (${sourceId})` : sourceId });
    });
  }

  if (store.factsAreStale()) {
    const started = performance.now();
    const facts = store.regroupFacts(lexicon);
    log(`regrouped facts: ${facts} from ${store.totals().claims} claims in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  summary.totals = store.totals();
  return summary;
}
