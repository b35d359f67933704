import { SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { hasSources } from '../db/ingest.js';
import { openDatabase } from '../db/open.js';
import { BATCH_SIZE, ingest, type FileOutcome, type IngestSummary } from '../ingest/index.js';

const USAGE = `Usage: npm run ingest [-- [--if-empty] [--verbose] [--batch-size N] [--lexicon DIR] [PATH...]]
  PATH         .txt article files or directories of them (default: seeds/)
  --lexicon    directory holding taxonomy.yaml and entities.yaml (default: LEXICON_DIR, else seeds/)
  --if-empty   read no files when the database already holds sources (it is still migrated,
               re-extracted if the lexicon changed, and its facts regrouped if stale)
  --verbose    print one line per file
  --batch-size articles written per transaction (default ${BATCH_SIZE}); smaller batches show up to
               readers sooner, larger ones ingest faster
On a terminal, and unless CI is set, a progress bar shows the rate and the time left.`;

/**
 * How each file is reported: a line per file when asked, a progress bar on an interactive terminal,
 * otherwise nothing (CI logs and pipes get the summary only).
 */
function fileReporter(verbose: boolean): { onFile: (file: FileOutcome) => void; stop: () => void } {
  if (verbose) {
    return {
      onFile: (file) => console.log(`[${file.done}/${file.total}] ${file.fileName}: ${file.status}${file.status === 'failed' ? '' : `, ${file.detail}`}`),
      stop: () => {},
    };
  }
  if (!process.stdout.isTTY || process.env.CI) return { onFile: () => {}, stop: () => {} };
  const bar = new SingleBar({
    format: 'ingest {bar} {value}/{total} articles | {rate} articles/s | ETA {eta_formatted}',
    etaBuffer: 200,
    hideCursor: true,
  });
  const started = performance.now();
  return {
    onFile: (file) => {
      if (file.done === 1) bar.start(file.total, 0, { rate: '0' });
      const seconds = (performance.now() - started) / 1000;
      bar.update(file.done, { rate: seconds > 0 ? (file.done / seconds).toFixed(0) : '0' });
      // Regrouping logs its own line once the files are done.
      if (file.done === file.total) bar.stop();
    },
    stop: () => bar.stop(),
  };
}

export function formatSummary(summary: IngestSummary): string {
  const { totals } = summary;
  const unchanged = summary.new === 0 && summary.failed.length === 0 && summary.reextracted === 0 ? ' (nothing changed)' : '';
  return (
    `ingest: ${summary.new} new, ${summary.unchanged} unchanged, ${summary.failed.length} failed; ` +
    `${summary.claims} claims extracted${unchanged}. Database: ${totals.sources} sources, ${totals.claims} claims, ${totals.facts} facts`
  );
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        'if-empty': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        'batch-size': { type: 'string', default: String(BATCH_SIZE) },
        lexicon: { type: 'string' },
        help: { type: 'boolean' },
      },
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
    // A filled database is still brought up to date: migrations, a changed lexicon, stale facts.
    const skipFiles = args.values['if-empty']! && hasSources(db);
    if (skipFiles) console.log(`ingest: ${config.databasePath} already holds sources; no files read (--if-empty)`);
    const batchSize = Number(args.values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      console.error(`--batch-size takes a positive integer\n${USAGE}`);
      return 2;
    }
    const reporter = fileReporter(args.values.verbose!);
    let summary: IngestSummary;
    try {
      summary = await ingest(db, {
        paths: skipFiles ? [] : args.positionals.length ? args.positionals : ['seeds'],
        lexiconDir: args.values.lexicon ?? config.lexiconDir,
        log: (line) => console.log(line),
        onFile: reporter.onFile,
        batchSize,
      });
    } finally {
      reporter.stop();
    }
    console.log(formatSummary(summary));
    for (const failure of summary.failed) console.error(`failed: ${failure.fileName}: ${failure.reason}`);
    return summary.failed.length ? 1 : 0;
  } finally {
    db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`ingest: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
