import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { IngestStore, sourceIdFor } from '../../src/db/ingest.js';
import { openDatabase } from '../../src/db/open.js';
import { regroupFacts, storeArticles } from '../../src/ingest/extract-into-store.js';
import { ingest } from '../../src/ingest/index.js';
import { loadLexicon } from '../../src/lexicon.js';
import { exited } from '../helpers/child-process.js';
import { spawnIngest, writeCorpus } from '../helpers/corpus.js';
import { canonicalDump, soundnessProblems, sourceShapes } from '../helpers/dump.js';
import { describeErrors, responseValidator } from '../helpers/openapi.js';
import { SEEDS_DIR, TEST_KEY, tempDir } from '../helpers/seeded-db.js';

const POSTED = [
  'Defence officials said on Friday that the first call on the restored military hotline had taken place.',
  'China’s foreign ministry said Beijing would tighten controls on fentanyl precursor exports, state media reported.',
  'Biden told reporters that he and Xi had agreed to pick up the phone and call each other directly.',
  'Analysts said the agreement on artificial intelligence talks was modest but could matter in a crisis.',
  'The White House said the two leaders spoke for four hours at the Filoli estate in Woodside.',
  'Xi said Taiwan remained the most important and most sensitive issue in the relationship, Xinhua reported.',
].map((sentence, index) => `Summit follow-up ${index + 1}\n\n${sentence}\n\nBoth governments said working groups would meet again in the new year.`);

t.test('while the CLI ingests, readers see no error and no partial source, and API writes go through', async (t) => {
  const dir = tempDir(t);
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  const files = writeCorpus(corpus, 2);

  // What each source should look like, from a clean ingest of everything.
  const reference = openDatabase(join(dir, 'reference.db'));
  await ingest(reference, { paths: [corpus], lexiconDir: SEEDS_DIR });
  const store = new IngestStore(reference);
  const { lexicon } = loadLexicon(SEEDS_DIR);
  for (const text of POSTED) storeArticles(store, [{ fileName: null, text }], lexicon);
  const expected = sourceShapes(reference);
  const expectedClaims = new Map([...expected.keys()].map((id) => [id, (reference.prepare('SELECT COUNT(*) AS n FROM claims WHERE source_id = ?').get(id) as { n: number }).n]));
  reference.close();

  // The server's database starts with the five seeds; the CLI adds the rest.
  const path = join(dir, 'live.db');
  const setup = openDatabase(path);
  await ingest(setup, { paths: [SEEDS_DIR], lexiconDir: SEEDS_DIR });
  setup.close();
  const db = openDatabase(path, { readonly: true });
  const app = await buildApp({ db, apiKeys: [TEST_KEY], writer: { databasePath: path, lexiconDir: SEEDS_DIR, busyTimeoutMs: 50 } });
  t.teardown(async () => {
    await app.close();
    db.close();
  });

  const child = spawnIngest(path, [corpus]);
  let running = true;
  const done = exited(child).then((result) => {
    running = false;
    return result;
  });

  const stats = { reads: 0, sourcesRead: 0, errors: [] as string[], partial: [] as string[], maxSeen: 0 };
  const read = async (url: string, operation: { method: 'GET'; path: string }) => {
    const response = await app.inject(url);
    stats.reads++;
    if (response.statusCode !== 200) {
      stats.errors.push(`${url}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return null;
    }
    const body = response.json();
    const validate = responseValidator(operation, 200)!;
    if (!validate(body)) stats.errors.push(`${url}: ${describeErrors(validate)}`);
    return body;
  };

  const readers = (async () => {
    while (running) {
      const page = await read('/sources?limit=100', { method: 'GET', path: '/sources' });
      stats.maxSeen = Math.max(stats.maxSeen, page?.items.length ?? 0);
      for (const source of (page?.items ?? []) as Array<{ id: string; claimCount: number }>) {
        const detail = await read(`/sources/${source.id}`, { method: 'GET', path: '/sources/{id}' });
        if (!detail) continue;
        stats.sourcesRead++;
        if (detail.claims.length !== detail.claimCount || detail.claimCount !== expectedClaims.get(source.id)) {
          stats.partial.push(`${source.id}: ${detail.claims.length} claims served, count ${detail.claimCount}, a clean ingest has ${expectedClaims.get(source.id)}`);
        }
      }
      await read('/claims?limit=100', { method: 'GET', path: '/claims' });
      await read('/facts?limit=100', { method: 'GET', path: '/facts' });
      await read('/health', { method: 'GET', path: '/health' });
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();

  // API writes interleaved with the CLI's, a little apart.
  const posted: number[] = [];
  for (const text of POSTED) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const response = await app.inject({ method: 'POST', url: '/sources', headers: { authorization: `Bearer ${TEST_KEY}` }, payload: { text } });
    posted.push(response.statusCode);
  }

  const result = await done;
  await readers;
  t.same(result, { code: 0, signal: null }, 'the CLI run finished cleanly');
  t.same(posted, POSTED.map(() => 201), 'every API write went through while the CLI wrote');
  t.same(stats.errors, [], `${stats.reads} reads, none failed or strayed from the schema`);
  t.same(stats.partial, [], `${stats.sourcesRead} source reads, none partial`);
  t.ok(stats.maxSeen > 5, `readers saw the corpus grow (up to ${stats.maxSeen} sources)`);
  t.comment(`readers: ${stats.reads} requests, ${stats.sourcesRead} whole sources read while ${files.length} articles were ingested and ${POSTED.length} posted`);

  const final = openDatabase(path);
  t.teardown(() => {
    final.close();
  });
  t.same(soundnessProblems(final), [], 'the database is sound');
  t.same(sourceShapes(final), expected, 'every source of both writers is there, whole');
  for (const text of POSTED) t.ok(sourceShapes(final).has(sourceIdFor(text)));
  // No write was left out of grouping: regrouping what is stored changes nothing but the groups. An API
  // write that lands after the CLI's closing regroup places its claims among the stored facts without
  // regrouping them (docs/performance.md), so the groups themselves may differ from a full regroup;
  // what grouping reads (lemma counts, state) and everything else must not.
  const copy = join(dir, 'regrouped.db');
  final.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  copyFileSync(path, copy);
  const regrouped = openDatabase(copy);
  t.teardown(() => {
    regrouped.close();
  });
  regroupFacts(new IngestStore(regrouped), lexicon);
  const withoutGroups = (dump: Record<string, unknown>) => {
    const { facts: _facts, claim_facts: _members, fact_topics: _topics, fact_topics_ranked: _ranked, fact_variants: _variants, fact_variant_values: _values, corpus_counts: _counts, ...rest } = dump;
    return rest;
  };
  t.same(withoutGroups(canonicalDump(regrouped)), withoutGroups(canonicalDump(final)), 'every stored claim was counted for grouping, and nothing else changes');
});
