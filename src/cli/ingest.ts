import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { hasSources } from '../db/ingest.js';
import { openDatabase } from '../db/open.js';
import { ingest, type IngestSummary } from '../ingest/index.js';

const USAGE = `Usage: npm run ingest [-- [--if-empty] [--lexicon DIR] [PATH...]]
  PATH         .txt article files or directories of them (default: seeds/)
  --lexicon    directory holding taxonomy.yaml and entities.yaml (default: seeds/)
  --if-empty   do nothing when the database already holds sources`;

export function formatSummary(summary: IngestSummary): string {
  const { totals } = summary;
  const unchanged = summary.new === 0 && summary.failed.length === 0 && summary.reextracted === 0 ? ' (nothing changed)' : '';
  return (
    `ingest: ${summary.new} new, ${summary.unchanged} unchanged, ${summary.failed.length} failed; ` +
    `${summary.claims} claims extracted${unchanged}. Database: ${totals.sources} sources, ${totals.claims} claims, ${totals.facts} facts`
  );
}

function main(): number {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { 'if-empty': { type: 'boolean', default: false }, lexicon: { type: 'string', default: 'seeds' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const db = openDatabase(config.databasePath);
  try {
    if (args.values['if-empty']) {
      if (hasSources(db)) {
        console.log(`ingest: ${config.databasePath} already holds sources; skipped (--if-empty)`);
        return 0;
      }
    }
    const summary = ingest(db, {
      paths: args.positionals.length ? args.positionals : ['seeds'],
      lexiconDir: args.values.lexicon!,
      log: (line) => console.log(line),
    });
    console.log(formatSummary(summary));
    for (const failure of summary.failed) console.error(`failed: ${failure.fileName}: ${failure.reason}`);
    return summary.failed.length ? 1 : 0;
  } finally {
    db.close();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`ingest: ${(error as Error).message}`);
  process.exitCode = 1;
}
