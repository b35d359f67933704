import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * An entry point as `npm start` and the Docker image run it, compiled: `cli/ingest` is dist/cli/ingest.js.
 * The test run builds dist/ before any file starts (.taprc), so a child starts without compiling anything.
 */
export function compiledEntry(entry: string): string {
  const path = fileURLToPath(new URL(`../../dist/${entry}.js`, import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` (a test run builds it first)`);
  return path;
}

/**
 * The environment for a child process, without tap's loader and coverage hooks: the child runs compiled
 * JavaScript, and merging its coverage with the tests' garbles both (children are not measured, as the
 * README says).
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, _TAPJS_PROCESSINFO_COVERAGE_: '0' };
  delete env.NODE_V8_COVERAGE;
  const options = (env.NODE_OPTIONS ?? '').replace(/--import=\S*@tapjs\/processinfo\S*/g, '').trim();
  if (options) env.NODE_OPTIONS = options;
  else delete env.NODE_OPTIONS;
  return env;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}
