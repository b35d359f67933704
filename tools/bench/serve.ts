import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchExports, EXPORTS_USAGE } from './exports.js';
import { benchFacets, FACETS_USAGE } from './facets.js';
import { benchWrites, WRITES_USAGE } from './writes.js';
import { freePort, getJson, HOST, waitFor } from './child-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const USAGE = `Usage: npm run bench [-- options]
  --database PATH     bench an existing database instead of ingesting the seeds (the server migrates it at start-up)
  --duration S        seconds per measured run (default 5)
  --warmup S          seconds of warm-up per scenario, not measured (default 2)
  --runs N            measured runs per scenario; the table shows the median (default 3)
  --connections N     concurrent connections (default 50; 1 with --facets)
  --deep-pages N      pages of 20 to follow through nextCursor for the deep-page scenarios (default 100)
  --only REGEX        run only the scenarios whose name matches (the ceiling always runs)
  --out PATH          where to write the figures as JSON (default bench-results/serve.json)
  --no-same-bytes     skip the same-bytes runs (a bare node:http server replaying each scenario's answer)
  --writes            time writes instead of reads: POST /sources and DELETE at several corpus sizes (--writes --help)
  --exports           time the CSV and NDJSON exports of --database instead, with the server's peak RSS
  --facets            time facet counts on --database instead, uncached, one request at a time (--facets --help)
  --log-level LEVEL   the server's LOG_LEVEL (default warn; at info and below it logs every request)
  --info-too          also serve from a second server at LOG_LEVEL=info and measure the hot reads there, in the same run
The server inherits the rest of the environment (CACHE_MAX_AGE, RESPONSE_CACHE_MB, …).`;

/** One API answer as recorded for the ceiling (ceiling.mjs) to replay byte for byte; the body in base64. */
type RecordedAnswer = { status: number; headers: Array<[string, string]>; body: string };

type Target = { minRatio?: number; maxP99?: number };

type Scenario = {
  name: string;
  /** Path on the API server; null for the bare node:http ceiling. */
  path: string | null;
  /** The server asked, when not the main one (the one logging at info). */
  base?: string;
  headers?: Record<string, string>;
  /** What every response must answer: 200, or 304 for the revalidation scenario. */
  status: number;
  target: Target;
  /** Shown for information only; no target in the issue. */
  note?: string;
};

type Run = { requestsPerSecond: number; p50: number; p99: number; bytesPerRequest: number; statuses: Record<string, number>; errors: number; timeouts: number };

/** The same answer sent by bare node:http: what the machine and the load generator manage for those bytes. */
type SameBytes = { runs: Run[]; requestsPerSecond: number; ratio: number };

type Figures = {
  scenario: Scenario;
  url: string;
  runs: Run[];
  requestsPerSecond: number;
  p50: number;
  p99: number;
  ratio: number;
  bytesPerRequest: number;
  sameBytes: SameBytes | null;
};

function options() {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      runs: { type: 'string', default: '3' },
      connections: { type: 'string' },
      'deep-pages': { type: 'string', default: '100' },
      only: { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
      'info-too': { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench-results/serve.json' },
      'no-same-bytes': { type: 'boolean', default: false },
      writes: { type: 'boolean', default: false },
      exports: { type: 'boolean', default: false },
      facets: { type: 'boolean', default: false },
      requests: { type: 'string', default: '200' },
      q: { type: 'string', default: 'balloon,military' },
      sizes: { type: 'string', default: '1000,5000,20000' },
      count: { type: 'string', default: '20' },
      databases: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(values.writes ? WRITES_USAGE : values.exports ? EXPORTS_USAGE : values.facets ? FACETS_USAGE : USAGE);
    process.exit(0);
  }
  const positive = (name: keyof typeof values, min = 1): number => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min) {
      console.error(`--${name} must be an integer of at least ${min}\n${USAGE}`);
      process.exit(2);
    }
    return value;
  };
  return {
    database: values.database ? resolve(values.database) : null,
    logLevel: values['log-level'],
    infoToo: values['info-too'],
    duration: positive('duration'),
    warmup: positive('warmup', 0),
    runs: positive('runs'),
    // Load at 50 connections; facets time one request at a time unless told otherwise.
    connections: values.connections === undefined ? (values.facets ? 1 : 50) : positive('connections'),
    deepPages: positive('deep-pages'),
    only: values.only ? new RegExp(values.only) : null,
    out: resolve(ROOT, values.out!),
    sameBytes: !values['no-same-bytes'],
    exports: values.exports,
    facets: values.facets
      ? {
          requests: positive('requests'),
          q: values.q!.split(',').filter(Boolean),
          out: resolve(ROOT, values.out === 'bench-results/serve.json' ? 'bench-results/facets.json' : values.out!),
        }
      : null,
    writes: values.writes
      ? {
          sizes: values.sizes!.split(',').map(Number),
          count: positive('count', 2),
          databases: values.databases ?? null,
          out: resolve(ROOT, values.out === 'bench-results/serve.json' ? 'bench-results/writes.json' : values.out!),
        }
      : null,
  };
}


const children: ChildProcess[] = [];

function startChild(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

function stopChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}



/** Follows nextCursor up to `pages` pages from `path` and returns the deepest page's URL path, or null with one page only. */
async function deepPage(base: string, path: string, pages: number): Promise<{ path: string; depth: number } | null> {
  let cursor: string | null = null;
  let depth = 0;
  for (let page = 0; page < pages; page += 1) {
    const url: string = `${base}${path}${cursor ? `${path.includes('?') ? '&' : '?'}cursor=${cursor}` : ''}`;
    const next: string | null = (await getJson<{ nextCursor: string | null }>(url)).nextCursor;
    if (!next) break;
    cursor = next;
    depth = page + 1;
  }
  return cursor ? { path: `${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`, depth } : null;
}

/** One answer exactly as the API sends it, for the ceiling to replay. */
function record(url: string, headers: Record<string, string>): Promise<RecordedAnswer> {
  return new Promise((resolveAnswer, reject) => {
    httpGet(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) pairs.push([response.rawHeaders[i]!, response.rawHeaders[i + 1]!]);
        resolveAnswer({ status: response.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks).toString('base64') });
      });
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** A write, and the reads a client polling every 10 ms got answered while it ran. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function measure(url: string, scenario: Scenario, seconds: number, connections: number): Promise<Run> {
  const result = await autocannon({ url, connections, duration: seconds, headers: scenario.headers ?? {} });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [status, Number(count ?? 0)]));
  const answered = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerRequest: answered ? Math.round(result.throughput.total / answered) : 0,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Every response must have the scenario's status; any other status, error or timeout fails the bench. */
function problems(scenario: Scenario, run: Run): string[] {
  const found: string[] = [];
  for (const [status, count] of Object.entries(run.statuses)) {
    if (Number(status) !== scenario.status) found.push(`${count} responses with status ${status} (expected ${scenario.status})`);
  }
  if (Object.keys(run.statuses).length === 0) found.push('no response within the run');
  if (run.errors) found.push(`${run.errors} errors`);
  if (run.timeouts) found.push(`${run.timeouts} timeouts`);
  return found;
}

function verdict(figures: Figures): string {
  const { minRatio, maxP99 } = figures.scenario.target;
  if (minRatio === undefined && maxP99 === undefined) return figures.scenario.note ?? '';
  const checks: string[] = [];
  if (minRatio !== undefined) checks.push(`ratio ≥ ${minRatio} ${figures.ratio >= minRatio ? 'met' : 'MISSED'}`);
  if (maxP99 !== undefined) checks.push(`p99 ≤ ${maxP99} ms ${figures.p99 <= maxP99 ? 'met' : 'MISSED'}`);
  return checks.join(', ');
}

/**
 * One row per scenario. `same bytes` is bare node:http sending the scenario's recorded answer: `bound`
 * is its ratio to the ceiling, the most any server could reach with these bytes and this load
 * generator, and `of same` is how close the API comes to it.
 */
function table(rows: Figures[], ceilingRate: number): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'bytes', 'ratio', 'same bytes', 'bound', 'of same', 'target'];
  const lines = rows.map((row) => [
    row.scenario.name,
    Math.round(row.requestsPerSecond).toString(),
    row.p50.toFixed(1),
    row.p99.toFixed(1),
    row.bytesPerRequest.toString(),
    row.ratio.toFixed(2),
    row.sameBytes ? Math.round(row.sameBytes.requestsPerSecond).toString() : '',
    row.sameBytes ? (row.sameBytes.requestsPerSecond / ceilingRate).toFixed(2) : '',
    row.sameBytes ? `${Math.round(row.sameBytes.ratio * 100)}%` : '',
    verdict(row),
  ]);
  const last = header.length - 1;
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 || column === last ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(format)].join('\n');
}

async function main(): Promise<number> {
  const opts = options();
  if (opts.writes) return benchWrites(opts.writes);
  if (opts.exports) {
    if (!opts.database) throw new Error(`--exports needs --database\n${EXPORTS_USAGE}`);
    return benchExports(opts.database);
  }
  if (opts.facets) {
    if (!opts.database) throw new Error(`--facets needs --database\n${FACETS_USAGE}`);
    return benchFacets({ database: opts.database, connections: opts.connections, ...opts.facets });
  }
  const work = mkdtempSync(join(tmpdir(), 'summit-facts-bench-'));
  try {
    let databasePath = opts.database;
    if (!databasePath) {
      databasePath = join(work, 'bench.db');
      const ingest = spawnSync(process.execPath, [join(ROOT, 'dist/cli/ingest.js'), 'seeds'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' },
        encoding: 'utf8',
      });
      if (ingest.status !== 0) throw new Error(`ingesting the seeds failed:\n${ingest.stdout}${ingest.stderr}`);
    }

    const [apiPort, ceilingPort] = [await freePort(), await freePort()];
    const api = startChild('dist/server.js', {
      // One load generator is one client: at the production rate limit it would measure 429s. The limiter
      // still runs, with a limit no run reaches, unless the environment sets one.
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_WINDOW_MS: '1000',
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: opts.logLevel,
      HOST,
      PORT: String(apiPort),
      DATABASE_PATH: databasePath,
    });
    const apiBase = `http://${HOST}:${apiPort}`;
    // The same server logging every request, beside the main one: both levels measured in one run.
    let infoBase: string | null = null;
    if (opts.infoToo) {
      const infoPort = await freePort();
      const info = startChild('dist/server.js', {
        RATE_LIMIT_MAX: '1000000',
        RATE_LIMIT_WINDOW_MS: '1000',
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        HOST,
        PORT: String(infoPort),
        DATABASE_PATH: databasePath,
      });
      infoBase = `http://${HOST}:${infoPort}`;
      await waitFor(`${infoBase}/health`, info);
    }
    const ceilingBase = `http://${HOST}:${ceilingPort}`;
    await waitFor(`${apiBase}/health`, api);

    const health = await getJson<{ sources: number; claims: number; facts: number }>(`${apiBase}/health`);
    const sourceId = (await getJson<{ items: Array<{ id: string }> }>(`${apiBase}/sources?limit=1`)).items[0]?.id;
    if (!sourceId) throw new Error('the database holds no sources');
    const deepClaims = await deepPage(apiBase, '/claims', opts.deepPages);
    const deepFacts = await deepPage(apiBase, '/facts?minSources=2', opts.deepPages);
    const probe = await fetch(`${apiBase}/claims?topic=fentanyl`);
    await probe.arrayBuffer();
    const etag = probe.headers.get('etag');
    const compressed = await fetch(`${apiBase}/sources/${sourceId}`, { headers: { 'accept-encoding': 'gzip' } });
    await compressed.arrayBuffer();
    const compresses = compressed.headers.get('content-encoding') === 'gzip';

    // Seeds: the issue's ratios to the ceiling and p99 at 50 connections. An existing (large)
    // database: p99 on the hot lists and deep pages, whatever the ratio.
    const atScale = opts.database !== null;
    const p99 = atScale ? undefined : 15;
    const scaleP99 = atScale ? 20 : 15;
    const scenarios: Scenario[] = [
      { name: 'ceiling (bare node:http)', path: null, status: 200, target: {} },
      { name: '/topics', path: '/topics', status: 200, target: { minRatio: atScale ? undefined : 0.6, maxP99: p99 } },
      { name: '/claims?topic=fentanyl', path: '/claims?topic=fentanyl', status: 200, target: { minRatio: atScale ? undefined : 0.5, maxP99: scaleP99 } },
      { name: '/claims?limit=100', path: '/claims?limit=100', status: 200, target: { maxP99: p99 } },
      { name: '/sources/:id', path: `/sources/${sourceId}`, status: 200, target: { minRatio: atScale ? undefined : 0.5, maxP99: p99 } },
      { name: '/facts?minSources=2', path: '/facts?minSources=2', status: 200, target: { minRatio: atScale ? undefined : 0.4, maxP99: scaleP99 } },
      { name: '/claims?q=military', path: '/claims?q=military', status: 200, target: { minRatio: atScale ? undefined : 0.4, maxP99: p99 } },
    ];
    if (deepClaims) {
      scenarios.push({ name: `/claims deep (page ${deepClaims.depth + 1})`, path: deepClaims.path, status: 200, target: { maxP99: scaleP99 } });
    }
    if (deepFacts) {
      scenarios.push({ name: `/facts?minSources=2 deep (page ${deepFacts.depth + 1})`, path: deepFacts.path, status: 200, target: { maxP99: scaleP99 } });
    }
    if (etag) {
      scenarios.push({
        name: '/claims?topic=fentanyl, If-None-Match',
        path: '/claims?topic=fentanyl',
        headers: { 'if-none-match': etag },
        status: 304,
        target: {},
        note: 'information: revalidation answered 304',
      });
    }
    if (compresses) {
      // The two largest bodies, as clients that accept compression (browsers, fetch, curl --compressed) get them.
      const compressed: Array<[string, string, string]> = [
        ['/sources/:id', `/sources/${sourceId}`, 'gzip'],
        ['/sources/:id', `/sources/${sourceId}`, 'br'],
        ['/facts?minSources=2', '/facts?minSources=2', 'gzip'],
      ];
      for (const [name, path, encoding] of compressed) {
        scenarios.push({
          name: `${name}, ${encoding}`,
          path,
          headers: { 'accept-encoding': encoding },
          status: 200,
          target: {},
          note: `information: compressed with ${encoding}`,
        });
      }
    }
    if (infoBase) {
      for (const scenario of scenarios.filter((one) => one.target.minRatio !== undefined)) {
        scenarios.push({ ...scenario, name: `${scenario.name} (info)`, base: infoBase, target: {}, note: 'information: LOG_LEVEL=info, every request logged' });
      }
    }
    const selected = scenarios.filter((scenario) => scenario.path === null || !opts.only || opts.only.test(scenario.name));
    const urlOf = (scenario: Scenario) => (scenario.path === null ? `${ceilingBase}/` : `${scenario.base ?? apiBase}${scenario.path}`);

    // The ceiling starts once every scenario's answer is recorded, so it can replay them byte for byte.
    const replayed = opts.sameBytes ? selected.filter((scenario) => scenario.path !== null) : [];
    const answers = await Promise.all(replayed.map((scenario) => record(urlOf(scenario), scenario.headers ?? {})));
    const replayFile = join(work, 'replay.json');
    writeFileSync(replayFile, JSON.stringify(answers));
    const ceiling = startChild('tools/bench/ceiling.mjs', { ...process.env, HOST, PORT: String(ceilingPort), REPLAY_FILE: replayFile });
    await waitFor(ceilingBase, ceiling);
    const replayUrl = new Map(replayed.map((scenario, index) => [scenario, `${ceilingBase}/replay/${index}`]));

    console.log(
      `bench: ${atScale ? opts.database : 'the seeds'} (${health.sources} sources, ${health.claims} claims, ${health.facts} facts); ` +
        `${opts.connections} connections, ${opts.warmup} s warm-up, ${opts.runs} × ${opts.duration} s runs; ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${loadavg().map((load) => load.toFixed(2)).join(' ')}`,
    );
    if (deepClaims) console.log(`bench: deep /claims page is page ${deepClaims.depth + 1}: ${deepClaims.path}`);
    if (deepFacts) console.log(`bench: deep /facts page is page ${deepFacts.depth + 1}: ${deepFacts.path}`);

    const failures: string[] = [];
    if (opts.warmup > 0) {
      for (const scenario of selected) {
        await measure(urlOf(scenario), scenario, opts.warmup, opts.connections);
        const replay = replayUrl.get(scenario);
        if (replay) await measure(replay, scenario, opts.warmup, opts.connections);
      }
    }
    // Runs go round the scenarios rather than one scenario at a time, so a burst of load from
    // elsewhere on the machine spreads over every row instead of skewing one ratio; each scenario's
    // same-bytes run follows it directly.
    const runs = new Map<Scenario, Run[]>(selected.map((scenario) => [scenario, []]));
    const replayRuns = new Map<Scenario, Run[]>(replayed.map((scenario) => [scenario, []]));
    for (let round = 1; round <= opts.runs; round += 1) {
      for (const scenario of selected) {
        const run = await measure(urlOf(scenario), scenario, opts.duration, opts.connections);
        runs.get(scenario)!.push(run);
        failures.push(...problems(scenario, run).map((problem) => `${scenario.name}, run ${round}: ${problem}`));
        let line = `bench: run ${round}/${opts.runs} ${scenario.name}: ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.p99} ms`;
        const replay = replayUrl.get(scenario);
        if (replay) {
          const same = await measure(replay, scenario, opts.duration, opts.connections);
          replayRuns.get(scenario)!.push(same);
          failures.push(...problems(scenario, same).map((problem) => `${scenario.name} (same bytes from node:http), run ${round}: ${problem}`));
          line += `; same bytes from node:http ${Math.round(same.requestsPerSecond)} req/s`;
        }
        process.stderr.write(`${line}\n`);
      }
    }

    const ceilingRate = median(runs.get(selected[0]!)!.map((run) => run.requestsPerSecond));
    const figures: Figures[] = selected.map((scenario) => {
      const list = runs.get(scenario)!;
      const requestsPerSecond = median(list.map((run) => run.requestsPerSecond));
      const replays = replayRuns.get(scenario);
      const sameBytesRate = replays ? median(replays.map((run) => run.requestsPerSecond)) : 0;
      return {
        sameBytes: replays ? { runs: replays, requestsPerSecond: sameBytesRate, ratio: requestsPerSecond / sameBytesRate } : null,
        scenario,
        url: urlOf(scenario).replace(/^http:\/\/[^/]+/, ''),
        runs: list,
        requestsPerSecond,
        p50: median(list.map((run) => run.p50)),
        p99: median(list.map((run) => run.p99)),
        ratio: requestsPerSecond / ceilingRate,
        bytesPerRequest: median(list.map((run) => run.bytesPerRequest)),
      };
    });

    console.log(`\n${table(figures, ceilingRate)}\n`);
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? null, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAtEnd: loadavg() },
      settings: { database: opts.database, sameBytes: opts.sameBytes, connections: opts.connections, duration: opts.duration, warmup: opts.warmup, runs: opts.runs, deepPages: opts.deepPages, logLevel: opts.logLevel, infoToo: opts.infoToo },
      corpus: health,
      scenarios: figures.map((row) => ({
        name: row.scenario.name,
        url: row.url,
        headers: row.scenario.headers ?? {},
        requestsPerSecond: Math.round(row.requestsPerSecond),
        p50: row.p50,
        p99: row.p99,
        ratio: Number(row.ratio.toFixed(3)),
        bytesPerRequest: row.bytesPerRequest,
        sameBytes: row.sameBytes
          ? { requestsPerSecond: Math.round(row.sameBytes.requestsPerSecond), ratio: Number(row.sameBytes.ratio.toFixed(3)), runs: row.sameBytes.runs }
          : null,
        target: row.scenario.target,
        verdict: verdict(row),
        runs: row.runs,
      })),
      failures,
    };
    mkdirSync(dirname(opts.out), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`bench: wrote ${opts.out}`);
    if (failures.length) {
      console.error(`bench: failed: every response must succeed\n  ${failures.join('\n  ')}`);
      return 1;
    }
    return 0;
  } finally {
    stopChildren();
    rmSync(work, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopChildren();
    process.exit(130);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    stopChildren();
    console.error(`bench: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
