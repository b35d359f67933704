/**
 * Facet latency on a database: starts the server (compiled, as it runs) on it with the response cache
 * off, so every answer is counted afresh, and asks a set of facet URLs one after another: each facet
 * alone and all four together, with no filter and with a topic, speaker, source, entity or search filter,
 * and /facts by topic. Prints p50 and p99 per scenario against the target.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, getJson, HOST, waitFor } from './child-server.js';

export const FACETS_USAGE = `Usage: npm run bench -- --facets --database PATH [--requests N] [--connections N] [--q WORDS] [--out FILE]
  Asks each facet scenario N times (default 200, after 20 not measured) on a server over PATH with the
  response cache off. --connections: concurrent requests (default 1: the latency of one request);
  --q: the searches to filter by, comma-separated (default balloon,military: one in twenty claims of
  the synthetic corpus, and one in four); --out: where the figures go as JSON (default bench-results/facets.json).`;

export type FacetsOptions = { database: string; requests: number; connections: number; q: string[]; out: string };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET_P99_MS = 50;
const WARMUP_REQUESTS = 20;
const FACETS = ['topic', 'speaker', 'source', 'entity'];



type Facet = { values: Array<{ value: string; count: number }> };

/** One GET on a kept-alive connection: its status, once the whole body has arrived. */
function get(url: string, agent: Agent): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    request(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => resolveStatus(response.statusCode ?? 0));
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** Asks `url` `requests` times, `connections` at a time, and returns each answer's latency in ms with its status. */
async function latencies(url: string, requests: number, connections: number, agent: Agent): Promise<Array<{ ms: number; status: number }>> {
  const measured: Array<{ ms: number; status: number }> = [];
  let started = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (started < requests) {
        started += 1;
        const asked = performance.now();
        const status = await get(url, agent);
        measured.push({ ms: performance.now() - asked, status });
      }
    }),
  );
  return measured;
}

/** The nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;

/** The scenarios: filter values taken from the database, the most common of each so the counts are the largest. */
async function scenarios(base: string, searches: string[]): Promise<Array<{ name: string; path: string }>> {
  const top = async (facet: string) => (await getJson<{ facets: Record<string, Facet> }>(`${base}/claims?limit=1&facet=${facet}&facetSize=1`)).facets[facet]!.values[0]!.value;
  const filters: Array<[string, string]> = [
    ['no filter', ''],
    [`topic=${await top('topic')}`, `topic=${encodeURIComponent(await top('topic'))}`],
    [`speaker=${await top('speaker')}`, `speaker=${encodeURIComponent(await top('speaker'))}`],
    [`source=${await top('source')}`, `source=${encodeURIComponent(await top('source'))}`],
    [`entity=${await top('entity')}`, `entity=${encodeURIComponent(await top('entity'))}`],
    ...searches.map((word): [string, string] => [`q=${word}`, `q=${encodeURIComponent(word)}`]),
  ];
  const list: Array<{ name: string; path: string }> = [];
  for (const [name, query] of filters) {
    for (const facets of [...FACETS.map((facet) => [facet]), FACETS]) {
      const asked = facets.map((facet) => `facet=${facet}`).join('&');
      list.push({ name: `/claims ${name}, ${facets.length === 1 ? facets[0] : 'all four'}`, path: `/claims?${query ? `${query}&` : ''}${asked}` });
    }
  }
  const topic = await top('topic');
  list.push({ name: '/facts, topic', path: '/facts?facet=topic' });
  list.push({ name: '/facts minSources=2, topic', path: '/facts?minSources=2&facet=topic' });
  list.push({ name: `/facts topic=${topic}, topic`, path: `/facts?topic=${encodeURIComponent(topic)}&facet=topic` });
  return list;
}

export async function benchFacets(options: FacetsOptions): Promise<number> {
  const port = await freePort();
  const server = spawn(process.execPath, [resolve(ROOT, 'dist/server.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_PATH: options.database,
      PORT: String(port),
      HOST,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '1000000',
      // Uncached: every request counts its facets again.
      RESPONSE_CACHE_MB: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const base = `http://${HOST}:${port}`;
    await waitFor(`${base}/health`, server);
    const health = await getJson<{ sources: number; claims: number; facts: number }>(`${base}/health`);
    const list = await scenarios(base, options.q);
    console.log(
      `bench: facets on ${options.database} (${health.sources} sources, ${health.claims} claims, ${health.facts} facts); response cache off; ` +
        `${options.requests} requests a scenario, ${options.connections} at a time; ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ` +
        `load ${loadavg().map((load) => load.toFixed(2)).join(' ')}`,
    );
    const rows: Array<{ name: string; path: string; p50: number; p99: number; max: number }> = [];
    const failures: string[] = [];
    const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
    for (const { name, path } of list) {
      const url = `${base}${path}`;
      await latencies(url, WARMUP_REQUESTS, options.connections, agent);
      const measured = await latencies(url, options.requests, options.connections, agent);
      const statuses = [...new Set(measured.map((one) => one.status))];
      if (statuses.some((status) => status !== 200)) failures.push(`${path}: statuses ${statuses.join(', ')}`);
      const sorted = measured.map((one) => one.ms).sort((a, b) => a - b);
      rows.push({ name, path, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1)! });
      process.stderr.write(`bench: ${name}: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms\n`);
    }
    agent.destroy();
    const width = Math.max(...rows.map((row) => row.name.length));
    console.log(`\n${'scenario'.padEnd(width)}  p50 ms  p99 ms  max ms  target p99 ≤ ${TARGET_P99_MS} ms`);
    for (const row of rows) {
      const verdict = row.p99 <= TARGET_P99_MS ? 'met' : 'MISSED';
      console.log(`${row.name.padEnd(width)}  ${row.p50.toFixed(1).padStart(6)}  ${row.p99.toFixed(1).padStart(6)}  ${row.max.toFixed(1).padStart(6)}  ${verdict}`);
    }
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(
      options.out,
      `${JSON.stringify({ date: new Date().toISOString(), database: options.database, corpus: health, requests: options.requests, connections: options.connections, loadAtEnd: loadavg(), scenarios: rows, failures }, null, 2)}\n`,
    );
    console.log(`bench: wrote ${options.out}`);
    if (failures.length) {
      console.error(`bench: failed: every response must be a 200\n  ${failures.join('\n  ')}`);
      return 1;
    }
    return 0;
  } finally {
    server.kill('SIGTERM');
  }
}
