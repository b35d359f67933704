/**
 * One benchmark ingest in its own process, so its peak memory is its own: ingests a directory of
 * articles into a fresh database and prints what it measured as one JSON line (`WorkerReport` in
 * ingest.ts). Plain JavaScript on the compiled build in dist/ (run `npm run build` first, as
 * `npm run bench:ingest` does), run by plain node: the process measured holds the product as the
 * ingest CLI runs it, and no TypeScript loader adds its own time or memory to the figures.
 */
import { statSync } from 'node:fs';
import { openDatabase } from '../../dist/db/open.js';
import { ingest } from '../../dist/ingest/index.js';

const [databasePath, articlesDir, lexiconDir] = process.argv.slice(2);
if (!databasePath || !articlesDir || !lexiconDir) {
  console.error('usage: ingest-worker DATABASE ARTICLES_DIR LEXICON_DIR');
  process.exit(2);
}

const started = performance.now();
const db = openDatabase(databasePath);
let regroupLine = null;
const summary = await ingest(db, {
  paths: [articlesDir],
  lexiconDir,
  log: (line) => {
    if (line.startsWith('regrouped')) regroupLine = line;
  },
});
db.close();
const report = {
  ingestSeconds: (performance.now() - started) / 1000,
  // CPU time of the whole process; near wall time on an idle machine, since ingest runs on one thread.
  cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  regroupLine,
  // resourceUsage reports kilobytes.
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  databaseBytes: statSync(databasePath).size,
  ...summary.totals,
  failed: summary.failed.length,
};
console.log(JSON.stringify(report));
