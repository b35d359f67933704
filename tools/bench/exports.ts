/**
 * Export cost on a database: starts the server (compiled, as it runs) on it, downloads each export
 * whole, and prints its time, size and the server's peak RSS (VmHWM) before and after: streaming
 * keeps the peak near the idle server's whatever the corpus, and other clients are answered meanwhile.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXPORTS_USAGE = `Usage: npm run bench -- --exports --database PATH
  Downloads /claims.csv, /claims.ndjson, /facts.csv and /sources.ndjson from a server on PATH, one after the other.`;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXPORTS = ['/claims.csv', '/claims.ndjson', '/facts.csv', '/sources.ndjson'];

const peakRss = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export async function benchExports(database: string): Promise<number> {
  const port = await freePort();
  const server = spawn(process.execPath, [resolve(ROOT, 'dist/server.js')], {
    env: { ...process.env, DATABASE_PATH: database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt++) {
      if ((await fetch(`${base}/health`).catch(() => null))?.ok) break;
      if (attempt > 600) throw new Error('the server did not start');
      await new Promise((wait) => setTimeout(wait, 100));
    }
    const health = (await (await fetch(`${base}/health`)).json()) as { sources: number; claims: number; facts: number };
    console.log(`bench: exports from ${database} (${health.sources} sources, ${health.claims} claims, ${health.facts} facts); server peak RSS at start ${peakRss(server.pid!).toFixed(0)} MiB`);
    for (const path of EXPORTS) {
      // Another client asks for /health all along: what an export costs everyone else.
      let exporting = true;
      let slowestRead = 0;
      const reads = (async () => {
        while (exporting) {
          const asked = performance.now();
          await (await fetch(`${base}/health`)).arrayBuffer();
          slowestRead = Math.max(slowestRead, performance.now() - asked);
          await new Promise((wait) => setTimeout(wait, 50));
        }
      })();
      const started = performance.now();
      const response = await fetch(`${base}${path}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 10) lines += 1;
      }
      const seconds = (performance.now() - started) / 1000;
      exporting = false;
      await reads;
      console.log(
        `${path.padEnd(16)} ${response.status}  ${seconds.toFixed(1).padStart(6)} s  ${(bytes / 2 ** 20).toFixed(1).padStart(7)} MiB  ${String(lines).padStart(8)} lines  ` +
          `server peak RSS ${peakRss(server.pid!).toFixed(0)} MiB  slowest /health meanwhile ${slowestRead.toFixed(0)} ms`,
      );
    }
    return 0;
  } finally {
    server.kill('SIGTERM');
  }
}
