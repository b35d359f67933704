import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type AppOptions } from '../../src/app.js';
import { openDatabase, type Db } from '../../src/db/open.js';
import { ingest, type IngestSummary } from '../../src/ingest/index.js';
import { syntheticCorpus } from '../../tools/bench/synthetic-corpus.js';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

export function tempDir(t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'summit-facts-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fresh file database holding the five seeds, ingested the way `npm run ingest` does it. */
export async function seededDb(t: { teardown: (fn: () => void) => void }): Promise<{ db: Db; path: string; summary: IngestSummary }> {
  const path = join(tempDir(t), 'test.db');
  const db = openDatabase(path);
  t.teardown(() => db.close());
  const summary = await ingest(db, { paths: [SEEDS_DIR], lexiconDir: SEEDS_DIR });
  return { db, path, summary };
}

export async function seededApp(t: { teardown: (fn: () => void | Promise<void>) => void }) {
  const { db } = await seededDb(t);
  const app = await buildApp({ db });
  t.teardown(() => app.close());
  return { app, db };
}

/** A key the tests write with; any string of 16 or more key characters would do. */
export const TEST_KEY = 'test-key-0123456789abcdef';
/** The Authorization header that writes with TEST_KEY. */
export const TEST_AUTH = { authorization: `Bearer ${TEST_KEY}` };

/** A short article on the event that is not among the seeds: what the write tests post. */
export const POSTED_ARTICLE = [
  'Leaders agree to keep talking',
  '',
  'President Joe Biden said on Wednesday that the United States and China agreed to resume military communication.',
  '',
  'Xi Jinping said China would curb the export of fentanyl precursor chemicals.',
].join('\n');

/**
 * The seeded app with writes enabled, as the server builds it: reads through a read-only connection,
 * writes through the writer thread's connection. `writerDb` is a third connection, for the test to look
 * at what was written and to write as another process would.
 */
export async function writableApp(t: { teardown: (fn: () => void | Promise<void>) => void }, options: Partial<AppOptions> = {}) {
  const { db: writerDb, path } = await seededDb(t);
  const db = openDatabase(path, { readonly: true });
  t.teardown(() => {
    db.close();
  });
  const app = await buildApp({ db, apiKeys: [TEST_KEY], writer: { databasePath: path, lexiconDir: SEEDS_DIR }, ...options });
  t.teardown(() => app.close());
  return { app, db, writerDb, path };
}

/** An app over `count` articles reworded from the seeds (the benchmarks' synthetic corpus), ingested as the CLI does. */
export async function syntheticCorpusApp(t: { teardown: (fn: () => void | Promise<void>) => void }, count: number) {
  const dir = tempDir(t);
  const articles = join(dir, 'articles');
  mkdirSync(articles);
  const seeds = readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).sort().map((name) => readFileSync(join(SEEDS_DIR, name), 'utf8'));
  for (const article of syntheticCorpus(seeds, count)) writeFileSync(join(articles, article.fileName), article.text);
  const db = openDatabase(join(dir, 'corpus.db'));
  await ingest(db, { paths: [articles], lexiconDir: SEEDS_DIR, threads: 0 });
  const app = await buildApp({ db });
  t.teardown(async () => {
    await app.close();
    db.close();
  });
  return app;
}
