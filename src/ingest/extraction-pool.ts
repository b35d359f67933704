import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Lexicon } from '../pipeline/index.js';
import { runPipeline } from '../pipeline/index.js';
import type { ProcessedArticle } from '../pipeline/types.js';

/** Runs the per-article pipeline over a batch of texts, in order. */
export type Extractor = { extract(texts: string[]): Promise<ProcessedArticle[]>; close(): Promise<void> };

export type ExtractionTask = { id: number; text: string };
export type ExtractionReply = { id: number; processed: ProcessedArticle } | { id: number; error: string };

/**
 * Below this many files, threads cost more than they save: each loads the language model and the
 * lexicon (a few hundred milliseconds) before extracting anything.
 */
export const THREADS_FROM_FILES = 200;

/** Extraction on the calling thread. */
export function inlineExtractor(lexicon: Lexicon): Extractor {
  return {
    extract: async (texts) => texts.map((text) => runPipeline({ text }, lexicon)),
    close: async () => {},
  };
}

/**
 * Extraction on a pool of threads, one per core: while the main thread writes one batch to SQLite,
 * the threads extract the next ones. Every article goes to a thread as soon as it is submitted, to the
 * one with the least text in hand. Only the main thread hands out work, and it spends whole batches in
 * synchronous SQLite writes: threads that were given one article at a time sat idle from finishing it
 * until the main thread was free again, half their time at 5,000 articles.
 */
export function threadExtractor(lexiconDir: string, threads = availableParallelism()): Extractor {
  // Compiled, this module runs as .js next to a compiled worker; under tsx both are .ts.
  const workerUrl = new URL(`./extraction-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(workerUrl, { workerData: { lexiconDir } }));
  /** Characters of article text each thread holds: a thread's queue, measured as what it costs. */
  const inHand = new Map(workers.map((worker) => [worker, 0]));
  const waiting = new Map<number, { resolve: (processed: ProcessedArticle) => void; reject: (error: Error) => void; worker: Worker; size: number }>();
  let nextId = 0;
  let failure: Error | null = null;

  const leastLoaded = () => workers.reduce((least, worker) => (inHand.get(worker)! < inHand.get(least)! ? worker : least));
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  for (const worker of workers) {
    worker.on('message', (reply: ExtractionReply) => {
      const task = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (task) inHand.set(task.worker, inHand.get(task.worker)! - task.size);
      if ('error' in reply) task?.reject(new Error(`extraction failed: ${reply.error}`));
      else task?.resolve(reply.processed);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`an extraction thread stopped with code ${code}`));
    });
  }

  const run = (text: string) =>
    new Promise<ProcessedArticle>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      const worker = leastLoaded();
      waiting.set(id, { resolve, reject, worker, size: text.length });
      inHand.set(worker, inHand.get(worker)! + text.length);
      worker.postMessage({ id, text } satisfies ExtractionTask);
    });

  return {
    extract: (texts) => Promise.all(texts.map(run)),
    close: async () => {
      // Terminating is the normal end: no exit code should count as a failure now.
      failure ??= new Error('the extraction pool is closed');
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
