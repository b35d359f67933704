import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { IngestStore, type StoredArticle } from '../db/ingest.js';
import { migrate } from '../db/migrate.js';
import type { Db } from '../db/open.js';
import { loadLexicon, type LexiconFiles } from '../lexicon.js';
import { articlePaths, readArticle, type ArticleRead } from './articles.js';
import { runPipeline } from '../pipeline/index.js';
import { alignLexicon, regroupFacts } from './extract-into-store.js';
import { MainThreadShare, threadExtractor, THREADS_FROM_FILES, type Extractor } from './extraction-pool.js';

/**
 * Articles written per transaction. Large enough that commits stop dominating bulk ingest, small
 * enough that a crash loses little work and the write lock is never held for long.
 */
export const BATCH_SIZE = 64;

/**
 * Batches handed to the extractor ahead of the one being written. With one, the threads finished the
 * next batch before the main thread had written the current one, and waited: 21.6–21.8 s for 5,000
 * articles against 20.9 s with two.
 */
export const BATCHES_IN_FLIGHT = 2;

/** Bump when a pipeline change should re-extract stored sources. */
export const PIPELINE_VERSION = '16';

export type IngestOptions = {
  paths: string[];
  lexiconDir: string;
  /** Lines worth a reader's attention: re-extraction and regrouping (failures are in the summary). */
  log?: (line: string) => void;
  /** Called after each file with its outcome, for a progress display or a per-file log. */
  onFile?: (file: FileOutcome) => void;
  /** Threads that extract, the main thread included; by default one per core for large runs, 1 (inline) for small ones. */
  threads?: number;
  /** Articles per transaction (default BATCH_SIZE). */
  batchSize?: number;
};

export type FileOutcome = {
  done: number;
  total: number;
  fileName: string;
  status: 'new' | 'unchanged' | 'failed';
  /** Claims extracted from a new file, or why it failed. */
  detail: string;
};

export type IngestSummary = {
  new: number;
  unchanged: number;
  failed: Array<{ fileName: string; reason: string }>;
  reextracted: number;
  /** Claims extracted from the new articles. */
  claims: number;
  /** What the database holds after the run. */
  totals: { sources: number; claims: number; facts: number };
};

/** Which lexicon files (their digest, see readLexicon) and pipeline version stored claims were extracted with. */
export function lexiconFingerprint({ digest }: Pick<LexiconFiles, 'digest'>): string {
  return createHash('sha256').update(PIPELINE_VERSION).update(digest).digest('hex');
}

/**
 * Ingests article files into the database: migrate, align the lexicon, store the articles in
 * batches, regroup facts. Large runs extract on a pool of threads (see extraction-pool.ts) and on the
 * main thread, which also writes each batch; the result is the same as extracting inline.
 */
export async function ingest(db: Db, { paths, lexiconDir, log = () => {}, onFile = () => {}, threads, batchSize = BATCH_SIZE }: IngestOptions): Promise<IngestSummary> {
  const files = articlePaths(paths);
  // The main thread is one of the extracting threads (see MainThreadShare): the pool holds the others,
  // started first so they load the language model while this thread migrates and compiles the lexicon.
  const extracting = threads ?? (files.length >= THREADS_FROM_FILES ? availableParallelism() : 1);
  const pool = extracting > 1 ? threadExtractor(extracting - 1) : null;
  let written: Awaited<ReturnType<typeof writeArticles>>;
  try {
    written = await writeArticles(db, files, pool, { lexiconDir, log, onFile, batchSize });
  } finally {
    // Before regrouping, which needs the memory more than idle threads do.
    await pool?.close();
  }
  const { store, lexicon, summary } = written;
  if (store.factsAreStale()) {
    const started = performance.now();
    // Under the write lock from reading the claims on, so facts never miss an article another process stored meanwhile.
    const facts = store.exclusively(() => regroupFacts(store, lexicon));
    log(`regrouped facts: ${facts} from ${store.totals().claims} claims in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  summary.totals = store.totals();
  return summary;
}

/** Migrates, aligns the lexicon and stores every article; facts are left for the caller to regroup. */
async function writeArticles(
  db: Db,
  files: string[],
  pool: Extractor | null,
  { lexiconDir, log, onFile, batchSize }: Required<Pick<IngestOptions, 'lexiconDir' | 'log' | 'onFile' | 'batchSize'>>,
) {
  // Read before anything is written: a lexicon that cannot be applied leaves the database as it was.
  const loaded = loadLexicon(lexiconDir);
  migrate(db);
  const { lexicon } = loaded;
  pool?.useLexicon(lexicon);
  const store = new IngestStore(db);
  const reextracted = alignLexicon(store, loaded, lexicon, lexiconFingerprint(loaded));
  if (reextracted) log(`taxonomy, entity list or pipeline changed: re-extracted ${reextracted} stored sources`);

  const summary: IngestSummary = { new: 0, unchanged: 0, failed: [], reextracted, claims: 0, totals: store.totals() };
  const share = new MainThreadShare();
  const planned = new Map<string, string>();
  const plan = (first: number) => {
    const reads = files.slice(first, first + batchSize).map(readArticle);
    const batch = store.planBatch(reads.filter((read) => read.ok).map(({ fileName, text }) => ({ fileName, text })), planned);
    const texts = batch.pending.map((article) => article.text);
    const own = pool ? share.of(texts.length) : texts.length;
    const theirs = pool ? pool.extract(texts.slice(0, texts.length - own)) : Promise.resolve([]);
    let settled = false;
    // Awaited below; until then a failure must not count as unhandled.
    theirs.then(() => (settled = true), () => (settled = true));
    return { first, reads, batch, ownTexts: texts.slice(texts.length - own), theirs, settled: () => settled };
  };
  const inFlight: Array<ReturnType<typeof plan>> = [];
  let unplanned = 0;
  const planAhead = () => {
    for (; inFlight.length < BATCHES_IN_FLIGHT && unplanned < files.length; unplanned += batchSize) inFlight.push(plan(unplanned));
  };
  planAhead();
  for (let current = inFlight.shift(); current; current = inFlight.shift()) {
    const own = current.ownTexts.map((text) => runPipeline({ text }, lexicon));
    if (pool) {
      // Replies that arrived while this thread was extracting are delivered before the check.
      await new Promise(setImmediate);
      share.adjust(!current.settled() ? 'behind' : inFlight.every((next) => next.settled()) ? 'idle' : 'busy');
    }
    const processed = [...(await current.theirs), ...own];
    planAhead();
    store.writeBatch(current.batch, processed);
    report(current.first, current.reads, current.batch.stored);
  }

  function report(first: number, reads: ArticleRead[], stored: StoredArticle[]): void {
    let next = 0;
    reads.forEach((read, index) => {
      const progress = { done: first + index + 1, total: files.length };
      if (!read.ok) {
        summary.failed.push({ fileName: read.path, reason: read.reason });
        onFile({ ...progress, fileName: read.path, status: 'failed', detail: read.reason });
        return;
      }
      const { status, claims, sourceId } = stored[next++]!;
      summary[status] += 1;
      summary.claims += claims;
      onFile({ ...progress, fileName: read.fileName, status, detail: status === 'new' ? `${claims} claims (${sourceId})` : sourceId });
    });
  }

  return { store, lexicon, summary };
}
