import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a thread running `name` (a module next to this one: `extraction-worker`, `write-thread`).
 * Compiled, the module is the .js beside this one. Run from source under tsx (the tests, and the
 * processes they start), it is the .ts, and Node 20 does not apply the hooks `--import tsx` registers
 * to worker threads: the thread registers tsx itself before importing the module.
 */
export function startThread(name: string, options: WorkerOptions = {}): Worker {
  const extension = extname(fileURLToPath(import.meta.url));
  const url = new URL(`./${name}${extension}`, import.meta.url);
  if (extension !== '.ts') return new Worker(url, options);
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(url.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}
