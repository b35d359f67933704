/**
 * `npm run bench:ingest`: ingests synthetic corpora of growing size into fresh databases and prints
 * articles per second, total time, peak memory and database size for each, with the growth of time
 * against the smallest corpus. Figures also go to a JSON file. A benchmark, not a test: targets are
 * reported, and only a failed run exits non-zero.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { syntheticCorpus } from './synthetic-corpus.js';

const USAGE = `Usage: npm run bench:ingest [-- [--sizes 1000,5000,20000] [--seed N] [--out FILE] [--keep DIR]]
  --sizes  corpus sizes in articles, smallest first (default 1000,5000,20000)
  --seed   generator seed (default 1); the same seed gives the same corpora
  --out    where to write the figures as JSON (default bench-results/ingest.json)
  --keep   keep each database as DIR/ingest-SIZE.db (for npm run bench -- --database)`;

const TARGETS = { articlesPerSecond: 200, growthOfLargest: 25, maxRssBytes: 1024 ** 3 };

/** The JSON line ingest-worker.mjs prints about one ingest. */
type WorkerReport = {
  ingestSeconds: number;
  /** CPU time of the whole process; near wall time on an idle machine, since ingest runs on one thread. */
  cpuSeconds: number;
  regroupLine: string | null;
  maxRssBytes: number;
  databaseBytes: number;
  sources: number;
  claims: number;
  facts: number;
  failed: number;
};

type Row = WorkerReport & { articles: number; totalSeconds: number; articlesPerSecond: number };

function main(): number {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,5000,20000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'bench-results/ingest.json' },
      keep: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const sizes = values.sizes!.split(',').map(Number);
  const seed = Number(values.seed);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !Number.isInteger(seed)) {
    console.error(`--sizes takes positive integers and --seed an integer\n${USAGE}`);
    return 2;
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const seedsDir = join(root, 'seeds');
  const seedTexts = readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(join(seedsDir, name), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'summit-facts-bench-'));
  const rows: Row[] = [];
  try {
    for (const size of sizes) {
      const articlesDir = join(work, `articles-${size}`);
      mkdirSync(articlesDir);
      for (const article of syntheticCorpus(seedTexts, size, seed)) writeFileSync(join(articlesDir, article.fileName), article.text);
      const databasePath = values.keep ? join(resolve(values.keep), `ingest-${size}.db`) : join(work, `ingest-${size}.db`);
      mkdirSync(dirname(databasePath), { recursive: true });
      rmSync(databasePath, { force: true });
      process.stdout.write(`ingesting ${size} synthetic articles… `);
      const started = performance.now();
      const run = spawnSync(process.execPath, [join(root, 'tools/bench/ingest-worker.mjs'), databasePath, articlesDir, seedsDir], {
        encoding: 'utf8',
        env: { ...process.env, CI: '1' },
        maxBuffer: 1024 ** 2,
      });
      const totalSeconds = (performance.now() - started) / 1000;
      if (run.status !== 0) {
        console.error(`failed (exit ${run.status}):\n${run.stderr}`);
        return 1;
      }
      const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as WorkerReport;
      if (report.sources !== size || report.failed > 0) {
        console.error(`expected ${size} sources, got ${report.sources} (${report.failed} failed)`);
        return 1;
      }
      rows.push({ ...report, articles: size, totalSeconds, articlesPerSecond: size / totalSeconds });
      console.log(`${totalSeconds.toFixed(1)} s`);
      rmSync(articlesDir, { recursive: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  report(rows, values.out!, seed);
  return 0;
}

function report(rows: Row[], out: string, seed: number): void {
  const mib = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);
  const first = rows[0]!;
  console.log(`\n${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; seed ${seed}\n`);
  console.log('| Articles | Articles/s | Total s | Time vs first | Peak RSS MiB | Database MiB | Claims | Facts |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.articles} | ${row.articlesPerSecond.toFixed(0)} | ${row.totalSeconds.toFixed(1)} | ${(row.totalSeconds / first.totalSeconds).toFixed(1)}× | ` +
        `${mib(row.maxRssBytes)} | ${mib(row.databaseBytes)} | ${row.claims} | ${row.facts} |`,
    );
  }
  const last = rows.at(-1)!;
  const growth = last.totalSeconds / first.totalSeconds;
  const checks = [
    [`every size ≥ ${TARGETS.articlesPerSecond} articles/s`, rows.every((row) => row.articlesPerSecond >= TARGETS.articlesPerSecond)],
    [`time for ${last.articles} ≤ ${TARGETS.growthOfLargest}× time for ${first.articles} (${growth.toFixed(1)}×)`, growth <= TARGETS.growthOfLargest],
    ['peak RSS ≤ 1 GiB', rows.every((row) => row.maxRssBytes <= TARGETS.maxRssBytes)],
  ] as const;
  console.log('');
  for (const [what, met] of checks) console.log(`${met ? 'met   ' : 'MISSED'} ${what}`);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null, node: process.version }, seed, rows, targets: Object.fromEntries(checks) }, null, 2)}\n`,
  );
  console.log(`\nfigures written to ${out}`);
}

process.exitCode = main();
