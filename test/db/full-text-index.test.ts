import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { IngestStore } from '../../src/db/ingest.js';
import { openDatabase, type Db } from '../../src/db/open.js';
import { storeArticles } from '../../src/ingest/extract-into-store.js';
import { ingest } from '../../src/ingest/index.js';
import { loadLexicon } from '../../src/lexicon.js';
import { soundnessProblems } from '../helpers/dump.js';
import { SEEDS_DIR, seededDb, tempDir } from '../helpers/seeded-db.js';

/**
 * Claims are indexed once per write rather than by a trigger per row (migration 009), so every path
 * that writes claims must index exactly what it wrote: each claim once, none left out.
 */
function indexProblems(db: Db): string[] {
  const problems = soundnessProblems(db);
  const { claims, indexed } = db.prepare('SELECT (SELECT COUNT(*) FROM claims) AS claims, (SELECT COUNT(*) FROM claims_fts_docsize) AS indexed').get() as {
    claims: number;
    indexed: number;
  };
  if (claims !== indexed) problems.push(`${claims} claims, ${indexed} indexed`);
  for (const word of ['fentanyl', 'military', 'taiwan']) {
    const matched = db.prepare('SELECT COUNT(*) AS n FROM claims_fts WHERE claims_fts MATCH ?').get(word) as { n: number };
    const containing = db.prepare("SELECT COUNT(*) AS n FROM claims WHERE text LIKE '%' || ? || '%'").get(word) as { n: number };
    if (matched.n !== containing.n) problems.push(`'${word}': ${matched.n} matches, ${containing.n} claims contain it`);
  }
  return problems;
}

t.test('ingest in batches indexes every claim once', async (t) => {
  const { db } = await seededDb(t);
  t.ok((db.prepare('SELECT COUNT(*) AS n FROM claims').get() as { n: number }).n > 0);
  t.same(indexProblems(db), []);

  const second = openDatabase(join(tempDir(t), 'batches.db'));
  t.teardown(() => second.close());
  // Batches of two: three writes, the last one short.
  await ingest(second, { paths: [SEEDS_DIR], lexiconDir: SEEDS_DIR, batchSize: 2 });
  t.same(indexProblems(second), [], 'written two articles at a time');
});

t.test('articles stored one at a time, as the API stores them, are indexed', async (t) => {
  const db = openDatabase(join(tempDir(t), 'single.db'));
  t.teardown(() => db.close());
  await ingest(db, { paths: [], lexiconDir: SEEDS_DIR });
  const { lexicon } = loadLexicon(SEEDS_DIR);
  const store = new IngestStore(db);
  for (const fileName of readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).sort()) {
    storeArticles(store, [{ fileName, text: readFileSync(join(SEEDS_DIR, fileName), 'utf8') }], lexicon);
    t.same(indexProblems(db), [], `after ${fileName}`);
  }
  storeArticles(store, [{ fileName: 'again.txt', text: readFileSync(join(SEEDS_DIR, readdirSync(SEEDS_DIR).find((name) => name.endsWith('.txt'))!), 'utf8') }], lexicon);
  t.same(indexProblems(db), [], 'a repeated text adds nothing to the index');
});

t.test('re-extraction and deletion keep the index equal to the claims', async (t) => {
  const { db } = await seededDb(t);
  db.prepare("UPDATE ingest_state SET value = 'changed' WHERE key = 'lexicon_fingerprint'").run();
  const summary = await ingest(db, { paths: [], lexiconDir: SEEDS_DIR });
  t.equal(summary.reextracted, 5);
  t.same(indexProblems(db), [], 'after every source was extracted again');

  const store = new IngestStore(db);
  const { id } = db.prepare('SELECT id FROM sources ORDER BY seq LIMIT 1 OFFSET 2').get() as { id: string };
  t.ok(store.deleteSource(id));
  t.same(indexProblems(db), [], 'after a source in the middle was deleted');
  await ingest(db, { paths: [SEEDS_DIR], lexiconDir: SEEDS_DIR });
  t.same(indexProblems(db), [], 'after it was stored again, at the end');
});
