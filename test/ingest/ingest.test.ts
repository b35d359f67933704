import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { openDatabase, type Db } from '../../src/db/open.js';
import { hasSources, IngestStore, sourceIdFor } from '../../src/db/ingest.js';
import { ReadModel } from '../../src/db/read-model.js';
import { storeArticles } from '../../src/ingest/extract-into-store.js';
import { ingest } from '../../src/ingest/index.js';
import { MAX_ARTICLE_BYTES } from '../../src/data-layout.js';
import { loadLexicon } from '../../src/lexicon.js';
import { childEnv, compiledEntry } from '../helpers/child-process.js';
import { SEEDS_DIR, seededDb, tempDir } from '../helpers/seeded-db.js';

/** Every row of every table, in a fixed order: two equal dumps are two equal databases. */
function dump(db: Db): Record<string, unknown[]> {
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'claims_fts%' ORDER BY name").all() as Array<{ name: string }>).map((row) => row.name);
  return Object.fromEntries(names.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]));
}

t.test('ingests the five seeds', async (t) => {
  const { db, summary } = await seededDb(t);
  t.equal(summary.new, 5);
  t.equal(summary.failed.length, 0);
  t.equal(summary.totals.sources, 5);
  t.ok(summary.totals.claims >= 50, `${summary.totals.claims} claims`);
  t.ok(summary.totals.facts > 0, `${summary.totals.facts} facts`);
  const spans = db.prepare('SELECT c.text, c.span_start AS start, c.span_end AS end, s.text AS source FROM claims c JOIN sources s ON s.id = c.source_id').all() as Array<{ text: string; start: number; end: number; source: string }>;
  t.ok(spans.every((claim) => claim.source.slice(claim.start, claim.end) === claim.text), 'every span slices its claim out of the source');
});

t.test("a claim carries its document's main topic in lists, but fact grouping reads only its own", async (t) => {
  const dir = tempDir(t);
  writeFileSync(
    join(dir, 'taxonomy.yaml'),
    `topics:
  - { slug: relief-fund, label: Relief fund, description: Money pledged to rebuild after the floods., terms: [fund, pledge] }
  - { slug: shipping, label: Shipping, description: Container traffic on the lake., terms: [container ship, shipping lane] }
`,
  );
  writeFileSync(join(dir, 'entities.yaml'), 'places:\n  Port Alder:\n');
  const text = [
    'Norland pledged 40 million to the relief fund on Tuesday, officials said.',
    'Vell added 25 million to the fund, the finance ministry said.',
    'The fund will pay for repairs to homes damaged by the floods, the agency said.',
    'Meanwhile, Port Alder committed 10 million, its mayor said.',
  ].join('\n');
  writeFileSync(join(dir, 'report.txt'), text);
  const db = openDatabase(join(dir, 'carried.db'));
  t.teardown(() => db.close());
  await ingest(db, { paths: [join(dir, 'report.txt')], lexiconDir: dir });
  const served = new ReadModel(db).getSource(sourceIdFor(text))!.claims.map((claim) => [claim.text.split(' ', 1)[0], claim.topics]);
  t.same(served, [['Norland', ['relief-fund']], ['Vell', ['relief-fund']], ['The', ['relief-fund']], ['Meanwhile,', ['relief-fund']]]);
  const read = new IngestStore(db).factCandidates().candidates.map((claim) => claim.topics);
  t.same(read, [['relief-fund'], ['relief-fund'], ['relief-fund'], []], 'the carried topic is no sign of what the sentence says');
  const counted = db.prepare("SELECT claim_count AS claims FROM topics WHERE slug = 'relief-fund'").get() as { claims: number };
  t.equal(counted.claims, 4, 'topic counts are what lists serve');
});

t.test('re-running changes nothing and says so', async (t) => {
  const { db } = await seededDb(t);
  const before = dump(db);
  const again = await ingest(db, { paths: [SEEDS_DIR], lexiconDir: SEEDS_DIR });
  t.equal(again.new, 0);
  t.equal(again.unchanged, 5);
  t.equal(again.claims, 0);
  t.same(dump(db), before);
});

t.test('ids are the same in two fresh databases', async (t) => {
  const ids = (db: Db) => db.prepare("SELECT id FROM sources UNION ALL SELECT id FROM claims UNION ALL SELECT id FROM facts ORDER BY 1").all();
  t.same(ids((await seededDb(t)).db), ids((await seededDb(t)).db));
});

t.test('every entity mention slices its text out of the source, inside its claim', async (t) => {
  const { db } = await seededDb(t);
  const mentions = db
    .prepare(
      `SELECT ce.text, ce.span_start AS start, ce.span_end AS end, c.span_start AS claimStart, c.span_end AS claimEnd, s.text AS source
       FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id JOIN sources s ON s.id = c.source_id`,
    )
    .all() as Array<{ text: string; start: number; end: number; claimStart: number; claimEnd: number; source: string }>;
  t.ok(mentions.length > 100, `${mentions.length} mentions`);
  t.ok(mentions.every((mention) => mention.source.slice(mention.start, mention.end) === mention.text), 'every span slices its mention');
  t.ok(mentions.every((mention) => mention.claimStart <= mention.start && mention.end <= mention.claimEnd), 'every mention lies inside its claim');
  const counted = db.prepare('SELECT SUM(mention_count) AS n FROM entities').get() as { n: number };
  t.equal(counted.n, mentions.length, 'entity counts are refreshed');
});

/** A copy of the seeds, articles and lexicon, whose entity list a test may edit. */
function seedCopy(t: Parameters<typeof tempDir>[0]): string {
  const dir = tempDir(t);
  for (const name of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, name), join(dir, name));
  return dir;
}

t.test('changing the entity list re-extracts to exactly what a fresh ingest with the new list stores', async (t) => {
  const dir = seedCopy(t);
  const db = openDatabase(join(dir, 'changed.db'));
  t.teardown(() => db.close());
  await ingest(db, { paths: [dir], lexiconDir: dir });
  const hamas = db.prepare("SELECT id FROM entities WHERE name = 'Hamas'").get() as { id: string };
  t.ok(hamas, 'Hamas is listed at first');

  // Hamas leaves the list, Biden gains the misspelling one source uses, and Filoli moves under Woodside.
  const edited = readFileSync(join(dir, 'entities.yaml'), 'utf8')
    .replace(/^  Hamas: \[\]\n/m, '')
    .replace('Joe Biden: [Biden,', 'Joe Biden: [Baiden, Biden,')
    .replace(/^  Woodside: \[\]\n/m, '  Woodside: [Filoli]\n')
    .replace(/^  Filoli: .*\n/m, '');
  t.not(edited, readFileSync(join(dir, 'entities.yaml'), 'utf8'));
  writeFileSync(join(dir, 'entities.yaml'), edited);
  const again = await ingest(db, { paths: [dir], lexiconDir: dir });
  t.equal(again.reextracted, 5);
  t.notOk(db.prepare('SELECT 1 FROM entities WHERE id = ?').get(hamas.id), 'a dropped entity is gone');
  t.notOk(db.prepare('SELECT 1 FROM claim_entities WHERE entity_id = ?').get(hamas.id), 'and so are its mentions');
  t.same(db.pragma('foreign_key_check'), [], 'no row points at a missing entity or claim');
  t.ok(db.prepare("SELECT 1 FROM claim_entities WHERE text = 'Baiden'").get(), 'the new alias is found');

  const fresh = openDatabase(join(dir, 'fresh.db'));
  t.teardown(() => fresh.close());
  await ingest(fresh, { paths: [dir], lexiconDir: dir });
  t.same(dump(db), dump(fresh));
});

t.test('deleting a source takes its claims and their entity mentions with it', async (t) => {
  const { db } = await seededDb(t);
  const source = db.prepare('SELECT id FROM sources ORDER BY seq LIMIT 1').get() as { id: string };
  const mentionsOf = () =>
    (db.prepare('SELECT COUNT(*) AS n FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id WHERE c.source_id = ?').get(source.id) as { n: number }).n;
  const total = () => (db.prepare('SELECT COUNT(*) AS n FROM claim_entities').get() as { n: number }).n;
  const before = total();
  const removed = mentionsOf();
  t.ok(removed > 0);
  db.prepare('DELETE FROM sources WHERE id = ?').run(source.id);
  t.equal(total(), before - removed);
  t.same(db.pragma('foreign_key_check'), []);
});

t.test('bad files are reported by name; the others are still ingested', async (t) => {
  const dir = tempDir(t);
  copyFileSync(join(SEEDS_DIR, '000_19a2db4b57ab717a.txt'), join(dir, 'good.txt'));
  writeFileSync(join(dir, 'empty.txt'), '  \n\n');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]));
  writeFileSync(join(dir, 'huge.txt'), 'a'.repeat(MAX_ARTICLE_BYTES + 1));
  const db = openDatabase(join(dir, 'db.sqlite'));
  t.teardown(() => db.close());
  const summary = await ingest(db, { paths: [dir, join(dir, 'missing.txt')], lexiconDir: SEEDS_DIR });
  t.equal(summary.new, 1);
  t.same(
    summary.failed.map((failure) => [failure.fileName.split('/').at(-1), failure.reason.split(':')[0]]),
    [['binary.txt', 'binary'], ['empty.txt', 'empty'], ['huge.txt', 'too large'], ['latin1.txt', 'binary'], ['missing.txt', 'unreadable']],
  );
});

t.test('an article whose write fails leaves no trace', async (t) => {
  const { db } = await seededDb(t);
  const before = dump(db);
  db.exec("CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON claims WHEN new.seq = 1 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
  const { lexicon } = loadLexicon(SEEDS_DIR);
  const store = new IngestStore(db);
  t.throws(() => storeArticles(store, [{ fileName: 'new.txt', text: 'A new article. Officials said the talks resumed on Monday. Both sides agreed to meet again. China said it would send a delegation.' }], lexicon), /disk on fire/);
  t.same(dump(db), before, 'no source, claim or boilerplate row was written');
});

t.test('the CLI exits non-zero when a file fails, and prints a summary', async (t) => {
  const dir = tempDir(t);
  copyFileSync(join(SEEDS_DIR, '001_0fc584c56dec7d65.txt'), join(dir, 'good.txt'));
  writeFileSync(join(dir, 'empty.txt'), '');
  const run = spawnSync(process.execPath, [compiledEntry('cli/ingest'), dir], {
    env: childEnv({ DATABASE_PATH: join(dir, 'cli.db') }),
    encoding: 'utf8',
  });
  t.equal(run.status, 1);
  t.match(run.stdout, /ingest: 1 new, 0 unchanged, 1 failed/);
  t.match(run.stderr, /failed: .*empty\.txt: empty/);
});

t.test('hasSources tells an empty or unmigrated database from a filled one', async (t) => {
  const empty = openDatabase(':memory:');
  t.equal(hasSources(empty), false, 'before any migration');
  empty.close();
  t.equal(hasSources((await seededDb(t)).db), true);
});

t.test('a batch is stored in one transaction: a failure leaves none of its articles behind', async (t) => {
  const { db } = await seededDb(t);
  const before = dump(db);
  const { lexicon } = loadLexicon(SEEDS_DIR);
  const store = new IngestStore(db);
  const articles = ['first', 'second', 'third'].map((word) => ({
    fileName: `${word}.txt`,
    text: `The ${word} article. Officials said the talks resumed on Monday. Both sides agreed to meet again.`,
  }));
  // Writing the third article fails; the first two were already written inside the same transaction.
  db.exec("CREATE TEMP TRIGGER fail_third BEFORE INSERT ON sources WHEN new.file_name = 'third.txt' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
  t.throws(() => storeArticles(store, articles, lexicon), /disk on fire/);
  t.same(dump(db), before, 'no row of the batch was written');
  db.exec('DROP TRIGGER fail_third');
  const stored = storeArticles(store, [...articles, articles[0]!], lexicon);
  t.same(stored.map((article) => article.status), ['new', 'new', 'new', 'unchanged'], 'a text repeated within the batch is stored once');
  t.equal(stored[3]!.sourceId, stored[0]!.sourceId);
  const seqs = db.prepare('SELECT seq FROM sources ORDER BY seq').all() as Array<{ seq: number }>;
  t.same(seqs.map((row) => row.seq), [1, 2, 3, 4, 5, 6, 7, 8], 'sources keep consecutive ingest order');
});

t.test('ingest reports every file once, in order, failures included', async (t) => {
  const dir = tempDir(t);
  const seeds = readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).sort();
  seeds.forEach((name) => copyFileSync(join(SEEDS_DIR, name), join(dir, name)));
  writeFileSync(join(dir, 'zz-empty.txt'), '');
  const db = openDatabase(join(dir, 'progress.db'));
  t.teardown(() => db.close());
  const files: Array<{ done: number; total: number; fileName: string; status: string }> = [];
  const summary = await ingest(db, { paths: [dir], lexiconDir: SEEDS_DIR, onFile: ({ done, total, fileName, status }) => files.push({ done, total, fileName, status }) });
  t.same(
    files,
    [...seeds.map((fileName, index) => ({ done: index + 1, total: 6, fileName, status: 'new' })), { done: 6, total: 6, fileName: join(dir, 'zz-empty.txt'), status: 'failed' }],
  );
  t.equal(summary.new, 5);
  t.equal(summary.failed.length, 1);
});

t.test('the CLI prints a line per file with --verbose, and only the summary otherwise', async (t) => {
  const dir = tempDir(t);
  copyFileSync(join(SEEDS_DIR, '001_0fc584c56dec7d65.txt'), join(dir, 'good.txt'));
  const run = (args: string[]) =>
    spawnSync(process.execPath, [compiledEntry('cli/ingest'), ...args, dir], {
      env: childEnv({ DATABASE_PATH: join(dir, 'cli.db') }),
      encoding: 'utf8',
    });
  const quiet = run([]);
  t.equal(quiet.status, 0);
  t.notMatch(quiet.stdout, /good\.txt/, 'no per-file line without --verbose (and no progress bar off a terminal)');
  t.match(quiet.stdout, /ingest: 1 new, 0 unchanged, 0 failed/);
  const verbose = run(['--verbose']);
  t.match(verbose.stdout, /\[1\/1\] good\.txt: unchanged, src_[0-9a-f]{16}/);
});

t.test('extracting on threads stores exactly what extracting inline stores', async (t) => {
  const dir = tempDir(t);
  const inline = openDatabase(join(dir, 'inline.db'));
  const threaded = openDatabase(join(dir, 'threaded.db'));
  t.teardown(() => {
    inline.close();
    threaded.close();
  });
  const paths = [SEEDS_DIR, join(SEEDS_DIR, '../test/fixtures/second/articles')];
  const one = await ingest(inline, { paths, lexiconDir: SEEDS_DIR, threads: 0 });
  const two = await ingest(threaded, { paths, lexiconDir: SEEDS_DIR, threads: 2 });
  t.same(two, one, 'same summary');
  t.ok(one.new > 10, `${one.new} articles`);
  t.same(dump(threaded), dump(inline), 'same rows in every table');
});

t.test('a speaker one article names by surname is served under the full name another gives, until it goes', async (t) => {
  const dir = tempDir(t);
  const full = 'Ferry talks resume\n\nPort Director Ivo Saar said the night ferry would run from May.';
  const short = 'Harbour fees to fall\n\nSaar said the harbour fees would fall by a third in June.';
  writeFileSync(join(dir, 'full.txt'), full);
  writeFileSync(join(dir, 'short.txt'), short);
  const db = openDatabase(join(dir, 'test.db'));
  t.teardown(() => db.close());
  await ingest(db, { paths: [join(dir, 'short.txt')], lexiconDir: SEEDS_DIR });
  const speakerOf = () => (db.prepare('SELECT speaker FROM claims WHERE source_id = ? AND text LIKE ?').get(sourceIdFor(short), 'Saar said%') as { speaker: string }).speaker;
  t.equal(speakerOf(), 'Saar', 'alone, the article names only the surname');
  await ingest(db, { paths: [join(dir, 'full.txt')], lexiconDir: SEEDS_DIR });
  t.equal(speakerOf(), 'Ivo Saar', 'another article gives the full name');
  new IngestStore(db).deleteSource(sourceIdFor(full));
  await ingest(db, { paths: [], lexiconDir: SEEDS_DIR });
  t.equal(speakerOf(), 'Saar', 'without it, the surname is served again');
});
