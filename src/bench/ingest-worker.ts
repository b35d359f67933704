/**
 * One benchmark ingest in its own process, so its peak memory is its own: ingests a directory of
 * articles into a fresh database and prints what it measured as one JSON line.
 */
import { statSync } from 'node:fs';
import { openDatabase } from '../db/open.js';
import { ingest } from '../ingest/index.js';

export type WorkerReport = {
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

const [databasePath, articlesDir, lexiconDir] = process.argv.slice(2);
if (!databasePath || !articlesDir || !lexiconDir) {
  console.error('usage: ingest-worker DATABASE ARTICLES_DIR LEXICON_DIR');
  process.exit(2);
}

const started = performance.now();
const db = openDatabase(databasePath);
let regroupLine: string | null = null;
const summary = await ingest(db, {
  paths: [articlesDir],
  lexiconDir,
  log: (line) => {
    if (line.startsWith('regrouped')) regroupLine = line;
  },
});
db.close();
const report: WorkerReport = {
  ingestSeconds: (performance.now() - started) / 1000,
  cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  regroupLine,
  // resourceUsage reports kilobytes.
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  databaseBytes: statSync(databasePath).size,
  ...summary.totals,
  failed: summary.failed.length,
};
console.log(JSON.stringify(report));
