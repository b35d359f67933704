/**
 * Write latency at corpus sizes: for each size, a synthetic corpus ingested as `npm run ingest` does,
 * then new synthetic articles posted one at a time through the API (POST /sources, the writer
 * thread and all), then deleted again. Prints p50, p95 and the slowest of each, and the ratio of each
 * size's POST p50 to the smallest size's, measured in one run.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../src/app.js';
import { IngestStore } from '../../src/db/ingest.js';
import { migrate } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { alignLexicon, regroupFacts } from '../../src/ingest/extract-into-store.js';
import { lexiconFingerprint } from '../../src/ingest/index.js';
import { loadLexicon } from '../../src/lexicon.js';
import { syntheticCorpus } from './synthetic-corpus.js';

export const WRITES_USAGE = `Usage: npm run bench -- --writes [--sizes 1000,5000,20000] [--count N] [--databases DIR] [--out FILE]
  --sizes      corpus sizes in articles (default 1000,5000,20000)
  --count      articles posted, then deleted, at each size (default 20)
  --databases  where ingest-SIZE.db files are kept (npm run bench:ingest -- --keep DIR); a missing one is built there
  --out        where to write the figures as JSON (default bench-results/writes.json)`;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KEY = 'bench-writes-key-0123456789abcdef';

type Latencies = { p50: number; p95: number; max: number };
type Row = { articles: number; claims: number; post: Latencies; remove: Latencies };

function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

/** The kept database of a size, built by bench:ingest when missing. */
function corpusDatabase(dir: string, size: number): string {
  const path = join(dir, `ingest-${size}.db`);
  if (!existsSync(path)) {
    // ingest.ts is TypeScript: it runs under the same loader as this process (process.execArgv holds tsx's flags).
    const args = [...process.execArgv, join(ROOT, 'tools/bench/ingest.ts'), '--sizes', String(size), '--keep', dir, '--out', join(dir, `ingest-${size}.json`)];
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`bench:ingest for ${size} articles failed`);
  }
  return path;
}

/**
 * Brings a copied database up to date as a server's start would (migrations, the lexicon, facts
 * regrouped if stale) and checkpoints it, so the timed writes find it as a running server does.
 */
function prepare(databasePath: string): void {
  const db = openDatabase(databasePath);
  try {
    migrate(db);
    const store = new IngestStore(db);
    const loaded = loadLexicon(join(ROOT, 'seeds'));
    alignLexicon(store, loaded, loaded.lexicon, lexiconFingerprint(loaded));
    if (store.factsAreStale()) store.exclusively(() => regroupFacts(store, loaded.lexicon));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

async function timeWrites(databasePath: string, articles: string[]): Promise<Row> {
  const db = openDatabase(databasePath, { readonly: true });
  const app = await buildApp({ db, apiKeys: [KEY], writer: { databasePath, lexiconDir: join(ROOT, 'seeds') } });
  const headers = { authorization: `Bearer ${KEY}` };
  try {
    // One write first, not timed: the writer compiles the lexicon and loads the language model.
    const warmup = await app.inject({ method: 'POST', url: '/sources', headers, payload: { text: articles[0]! } });
    if (warmup.statusCode !== 201) throw new Error(`POST /sources answered ${warmup.statusCode}: ${warmup.body.slice(0, 300)}`);
    const posted: Array<{ id: string; ms: number }> = [];
    for (const text of articles.slice(1)) {
      const started = performance.now();
      const response = await app.inject({ method: 'POST', url: '/sources', headers, payload: { text } });
      const ms = performance.now() - started;
      if (response.statusCode !== 201) throw new Error(`POST /sources answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      posted.push({ id: response.json<{ source: { id: string } }>().source.id, ms });
    }
    const removals: number[] = [];
    for (const { id } of posted) {
      const started = performance.now();
      const response = await app.inject({ method: 'DELETE', url: `/sources/${id}`, headers });
      removals.push(performance.now() - started);
      if (response.statusCode !== 200) throw new Error(`DELETE /sources/${id} answered ${response.statusCode}`);
    }
    const { sources, claims } = (await app.inject('/health')).json<{ sources: number; claims: number }>();
    return { articles: sources, claims, post: latencies(posted.map((write) => write.ms)), remove: latencies(removals) };
  } finally {
    await app.close();
    db.close();
  }
}

export async function benchWrites(args: { sizes: number[]; count: number; databases: string | null; out: string }): Promise<number> {
  if (args.sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    console.error(`--sizes takes positive integers\n${WRITES_USAGE}`);
    return 2;
  }
  const seedTexts = readdirSync(join(ROOT, 'seeds'))
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(join(ROOT, 'seeds', name), 'utf8'));
  // Another generator seed than the corpora's: the posted articles are new texts.
  const articles = [...syntheticCorpus(seedTexts, args.count + 1, 7)].map((article) => article.text);
  const work = mkdtempSync(join(tmpdir(), 'summit-facts-writes-'));
  const kept = args.databases ? resolve(args.databases) : work;
  mkdirSync(kept, { recursive: true });
  const rows: Row[] = [];
  try {
    for (const size of args.sizes) {
      // Writes change the database: they run on a copy, so a kept one stays as bench:ingest left it.
      const copy = join(work, `writes-${size}.db`);
      copyFileSync(corpusDatabase(kept, size), copy);
      prepare(copy);
      process.stdout.write(`posting ${args.count} articles to a corpus of ${size}… `);
      const row = await timeWrites(copy, articles);
      console.log(`POST p50 ${row.post.p50.toFixed(0)} ms`);
      rows.push(row);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const first = rows[0]!.post.p50;
  console.log('\n| Articles | Claims | POST p50 ms | POST p95 ms | POST max ms | p50 vs first | DELETE p50 ms | DELETE p95 ms |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.articles} | ${row.claims} | ${row.post.p50.toFixed(0)} | ${row.post.p95.toFixed(0)} | ${row.post.max.toFixed(0)} | ` +
        `${(row.post.p50 / first).toFixed(2)}× | ${row.remove.p50.toFixed(0)} | ${row.remove.p95.toFixed(0)} |`,
    );
  }
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify({ date: new Date().toISOString(), count: args.count, rows }, null, 2)}\n`);
  console.log(`\nfigures written to ${args.out}`);
  return 0;
}
