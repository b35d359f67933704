import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IngestStore } from '../db/ingest.js';
import { migrate } from '../db/migrate.js';
import type { Db } from '../db/open.js';
import { ENTITIES_FILE, loadLexicon, TAXONOMY_FILE } from '../lexicon.js';
import { articlePaths, readArticle } from './articles.js';

/** Bump when a pipeline change should re-extract stored sources. */
export const PIPELINE_VERSION = '4';

export type IngestOptions = {
  paths: string[];
  lexiconDir: string;
  log?: (line: string) => void;
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

/** Which lexicon files and pipeline version stored claims were extracted with. */
export function lexiconFingerprint(dir: string): string {
  const hash = createHash('sha256').update(PIPELINE_VERSION);
  for (const file of [TAXONOMY_FILE, ENTITIES_FILE]) hash.update(readFileSync(join(dir, file)));
  return hash.digest('hex');
}

/** Ingests article files into the database: migrate, align the lexicon, store each article, regroup facts. */
export function ingest(db: Db, { paths, lexiconDir, log = () => {} }: IngestOptions): IngestSummary {
  migrate(db);
  const { topics, entities, lexicon } = loadLexicon(lexiconDir);
  const store = new IngestStore(db);
  const reextracted = store.syncLexicon(topics, entities, lexicon, lexiconFingerprint(lexiconDir));
  if (reextracted) log(`taxonomy, entity list or pipeline changed: re-extracted ${reextracted} stored sources`);

  const summary: IngestSummary = { new: 0, unchanged: 0, failed: [], reextracted, claims: 0, totals: store.totals() };
  const files = articlePaths(paths);
  files.forEach((path, index) => {
    const prefix = `[${index + 1}/${files.length}]`;
    const read = readArticle(path);
    if (!read.ok) {
      summary.failed.push({ fileName: read.path, reason: read.reason });
      log(`${prefix} ${read.path}: failed, ${read.reason}`);
      return;
    }
    // Under the write lock from the hash check on, so an API write of the same text cannot slip in between.
    const stored = store.exclusively(() => store.storeArticle({ fileName: read.fileName, text: read.text }, lexicon));
    summary[stored.status] += 1;
    summary.claims += stored.claims;
    log(`${prefix} ${read.fileName}: ${stored.status === 'new' ? `new, ${stored.claims} claims` : 'unchanged'} (${stored.sourceId})`);
  });

  // Under the write lock from reading the claims on, so facts never miss an article another process stored meanwhile.
  if (store.factsAreStale()) log(`regrouped facts: ${store.exclusively(() => store.regroupFacts(lexicon))}`);
  summary.totals = store.totals();
  return summary;
}
