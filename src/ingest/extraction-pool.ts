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
 * the threads extract the next. Each thread takes the next article as soon as it is free, so a long
 * article does not hold up a queue.
 */
export function threadExtractor(lexiconDir: string, threads = availableParallelism()): Extractor {
  // Compiled, this module runs as .js next to a compiled worker; under tsx both are .ts.
  const workerUrl = new URL(`./extraction-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const workers = Array.from({ length: Math.max(1, threads) }, () => new Worker(workerUrl, { workerData: { lexiconDir } }));
  const idle = [...workers];
  const queue: ExtractionTask[] = [];
  const waiting = new Map<number, { resolve: (processed: ProcessedArticle) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;

  const pump = () => {
    while (idle.length > 0 && queue.length > 0) idle.pop()!.postMessage(queue.shift()!);
  };
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  for (const worker of workers) {
    worker.on('message', (reply: ExtractionReply) => {
      const task = waiting.get(reply.id);
      waiting.delete(reply.id);
      idle.push(worker);
      if ('error' in reply) task?.reject(new Error(`extraction failed: ${reply.error}`));
      else task?.resolve(reply.processed);
      pump();
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
      waiting.set(id, { resolve, reject });
      queue.push({ id, text });
      pump();
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
