import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { freePort, getJson, HOST, waitFor } from './child-server.js';

// How long the reader's pages take to load in headless Chromium, from the built server over the seeds
// (or --database): for each kind of page, the first load (the server's response cache empty) and the
// median and slowest of --runs more, each in a fresh browser context (no browser cache). A load is the
// navigation's loadEventEnd: the HTML and its stylesheet fetched, parsed, styled and laid out; the
// HTML's responseEnd beside it tells the server's and the network's share from the browser's.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';

const USAGE = `Usage: npm run bench:reader [-- [--database PATH] [--runs N]]
  --database PATH   load the pages from an existing database instead of the seeds
  --runs N          loads per page after the first (default 20)`;




const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { database: { type: 'string' }, runs: { type: 'string', default: '20' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a positive integer\n${USAGE}`);
  const work = mkdtempSync(join(tmpdir(), 'summit-facts-reader-'));
  let server: ChildProcess | null = null;
  try {
    const databasePath = values.database ?? join(work, 'seeds.db');
    if (!values.database) {
      const ingest = spawnSync(process.execPath, [join(ROOT, 'dist/cli/ingest.js'), 'seeds'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
      if (ingest.status !== 0) throw new Error(`ingesting the seeds failed:\n${ingest.stdout}${ingest.stderr}`);
    }
    const port = await freePort();
    server = spawn(process.execPath, [join(ROOT, 'dist/server.js')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST, PORT: String(port), DATABASE_PATH: databasePath, RATE_LIMIT_MAX: '1000000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://${HOST}:${port}`;
    await waitFor(`${base}/health`, server);

    const fact = (await getJson<{ items: Array<{ id: string }> }>(`${base}/facts?limit=1`)).items[0]!;
    const source = (await getJson<{ items: Array<{ id: string }> }>(`${base}/sources?limit=1`)).items[0]!;
    const pages: Array<[string, string]> = [
      ['facts (home)', '/'],
      ['facts on a topic', '/?topic=taiwan'],
      ['facts of a speaker', '/?speaker=Joe+Biden'],
      ['one fact', `/read/facts/${fact.id}`],
      ['one source', `/read/sources/${source.id}`],
      ['sources', '/read/sources'],
    ];

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const rows: string[] = [];
    try {
      for (const [name, path] of pages) {
        const loads: number[] = [];
        const received: number[] = [];
        let bytes = 0;
        for (let run = 0; run <= runs; run++) {
          const context = await browser.newContext();
          const page = await context.newPage();
          const response = await page.goto(base + path, { waitUntil: 'load' });
          if (!response?.ok()) throw new Error(`${path} answered ${response?.status()}`);
          const timing = (await page.evaluate('JSON.stringify(performance.getEntriesByType("navigation")[0])')) as string;
          const { responseEnd, loadEventEnd, transferSize } = JSON.parse(timing) as { responseEnd: number; loadEventEnd: number; transferSize: number };
          loads.push(loadEventEnd);
          received.push(responseEnd);
          bytes = transferSize;
          await context.close();
        }
        const [first, ...rest] = loads;
        const shown = path.length > 40 ? `${path.slice(0, 37)}…` : path;
        rows.push(`| ${name} | \`${shown}\` | ${first!.toFixed(0)} | ${median(rest).toFixed(0)} | ${Math.max(...rest).toFixed(0)} | ${median(received.slice(1)).toFixed(0)} | ${bytes} |`);
      }
    } finally {
      await browser.close();
    }
    console.log(`Page loads in headless Chromium ${CHROMIUM}, ms to loadEventEnd (${runs} loads after the first, each in a fresh context)\n`);
    console.log('| Page | Path | First load | Median | Slowest | Median HTML received | Bytes of HTML transferred |');
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    return 0;
  } finally {
    if (server && server.exitCode === null) server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
