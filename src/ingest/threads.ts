import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a thread running `name` (a module next to this one: `extraction-worker`, `write-thread`).
 * Threads always run compiled JavaScript. Compiled, this module's neighbour is that JavaScript. Run
 * from source (the tests), a thread would have to compile its whole import graph again before its
 * first message, which took seconds on a slow machine; it runs the build in `dist/` instead, which the
 * test run compiles once before any test starts (see .taprc).
 */
export function startThread(name: string, options: WorkerOptions = {}): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = fromSource ? new URL(`../../dist/ingest/${name}.js`, import.meta.url) : new URL(`./${name}.js`, import.meta.url);
  if (fromSource && !existsSync(url)) throw new Error(`${fileURLToPath(url)} is missing: run \`npm run build\` (a test run builds it first)`);
  return new Worker(url, { execArgv: withoutPreloads(process.execArgv), ...options });
}

const PRELOAD = /^--(?:import|require|loader|experimental-loader)(?:=|$)/;

/**
 * A thread inherits its process's flags, and with them every module a test runner or a loader preloads
 * (a TypeScript compiler among them), which each thread would load again before its first message.
 * Its own code is compiled JavaScript and needs none of them.
 */
export function withoutPreloads(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i]!;
    if (!PRELOAD.test(flag)) kept.push(flag);
    else if (!flag.includes('=')) i++; // the module follows as the next argument
  }
  return kept;
}
