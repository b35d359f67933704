import { availableParallelism } from 'node:os';
import type { Lexicon } from '../pipeline/index.js';
import type { ProcessedArticle } from '../pipeline/types.js';
import { ThreadCalls } from './thread-calls.js';
import { startThread } from './threads.js';

/**
 * Runs the per-article pipeline over a batch of texts, in order, once it has the lexicon: the threads
 * start (and load the language model) while the caller is still migrating and compiling the lexicon.
 */
export type Extractor = { useLexicon(lexicon: Lexicon): void; extract(texts: string[]): Promise<ProcessedArticle[]>; close(): Promise<void> };

/** What a thread is sent first, before any article's text comes as a call. */
export type LexiconMessage = { lexicon: Lexicon };

/**
 * Below this many files, threads cost more than they save: each loads the language model (a few
 * hundred milliseconds) before extracting anything.
 */
export const THREADS_FROM_FILES = 200;

/** The most of a batch the main thread takes: the threads always get some of every batch. */
const MOST_FOR_MAIN = 0.75;

/**
 * How many of a batch's articles the main thread extracts itself, beside the threads. It also writes
 * every batch, so its fair share is what writing leaves it: too little and it waits for the threads,
 * too much and the threads wait for it. After each batch the share moves one step towards balance:
 * up when the main thread has to wait for the threads' part of the batch, down when the threads have
 * finished everything they were given (the batches planned ahead too) and sit idle.
 *
 * Sharing the work this way rather than starting a thread for every core saves a whole thread's
 * start-up, compilation and garbage collection: on two cores, 1,000 articles took 9.0 s of CPU in all
 * with one thread beside the main thread, against 9.9 s with two threads and a main thread that only wrote.
 */
export class MainThreadShare {
  constructor(
    private share = 0.3,
    private readonly step = 0.03,
  ) {}

  of(articles: number): number {
    return Math.round(articles * this.share);
  }

  /** After the main thread's part of a batch: what it found the threads doing. */
  adjust(threads: 'behind' | 'busy' | 'idle'): void {
    const change = threads === 'behind' ? this.step : threads === 'idle' ? -this.step : 0;
    this.share = Math.min(MOST_FOR_MAIN, Math.max(0, this.share + change));
  }
}

/**
 * Extraction on a pool of threads, one per core: while the main thread writes one batch to SQLite,
 * the threads extract the next ones. Every article goes to a thread as soon as it is submitted, to the
 * one with the least text in hand. Only the main thread hands out work, and it spends whole batches in
 * synchronous SQLite writes: threads that were given one article at a time sat idle from finishing it
 * until the main thread was free again, half their time at 5,000 articles.
 */
export function threadExtractor(threads = availableParallelism()): Extractor {
  const workers = Array.from({ length: Math.max(1, threads) }, () => startThread('extraction-worker'));
  let hasLexicon = false;
  /** Characters of article text each thread holds: a thread's queue, measured as what it costs. */
  const inHand = new Map(workers.map((worker) => [worker, 0]));
  const calls = new ThreadCalls<string, ProcessedArticle>(({ message }) => new Error(`extraction failed: ${message}`));
  for (const worker of workers) calls.watch(worker, (code) => `an extraction thread stopped with code ${code}`);

  const leastLoaded = () => workers.reduce((least, worker) => (inHand.get(worker)! < inHand.get(least)! ? worker : least));
  const run = async (text: string): Promise<ProcessedArticle> => {
    if (!hasLexicon) throw new Error('the extraction pool has no lexicon yet');
    const worker = leastLoaded();
    inHand.set(worker, inHand.get(worker)! + text.length);
    try {
      return await calls.call(worker, text);
    } finally {
      inHand.set(worker, inHand.get(worker)! - text.length);
    }
  };

  return {
    // Compiled (plain maps, arrays and patterns): compiling it tokenises every term, which each thread
    // would otherwise repeat. Messages arrive in order, so every thread has it before its first article.
    useLexicon: (lexicon) => {
      for (const worker of workers) worker.postMessage({ lexicon } satisfies LexiconMessage);
      hasLexicon = true;
    },
    extract: (texts) => Promise.all(texts.map(run)),
    close: async () => {
      // Terminating is the normal end: no exit code should count as a failure now.
      calls.fail(new Error('the extraction pool is closed'));
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
