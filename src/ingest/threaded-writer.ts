import type { Worker } from 'node:worker_threads';
import { ThreadCalls } from './thread-calls.js';
import { startThread } from './threads.js';
import { LexiconError } from '../lexicon.js';
import { WriteLockBusy, type NewSource, type SourceDeleted, type SourceWritten } from './writer.js';

export type WriteThreadOptions = {
  databasePath: string;
  lexiconDir: string;
  /** How long a write waits for another process's ingest before WriteLockBusy. */
  lockTimeoutMs?: number;
  /** SQLite's busy timeout on the thread's connection: short, the writer waits between attempts. */
  busyTimeoutMs?: number;
};

export type WriteRequest = { op: 'add'; source: NewSource } | { op: 'remove'; id: string };
export type WriteResult = SourceWritten | SourceDeleted | null;
/** Besides calls: the thread says it is ready once, and is asked to close once. */
export type WriterControl = { ready: true } | { close: true };

/** The errors a route answers on their own, rebuilt from what crossed the thread boundary; the rest are plain errors. */
function rebuiltError({ name, message }: { name: string; message: string }): Error {
  if (name === WriteLockBusy.name) return new WriteLockBusy(message);
  if (name === LexiconError.name) return new LexiconError(message);
  return new Error(message);
}

/**
 * The API's writes, run on a thread of their own, with its own connection: a write extracts the
 * article and groups its claims, and the server's thread goes on answering reads meanwhile. It holds
 * only the database's write lock, and readers (WAL) go on reading the last committed data until it commits.
 */
export class ThreadedSourceWriter {
  private readonly calls = new ThreadCalls<WriteRequest, WriteResult>(rebuiltError);

  private constructor(private readonly worker: Worker) {
    this.calls.watch(worker, (code) => `the writer thread stopped (exit code ${code})`);
  }

  /**
   * Starts the thread and waits until it has opened the database and loaded the lexicon, so a missing or
   * broken lexicon stops the server's start-up rather than its first write.
   */
  static async start(options: WriteThreadOptions): Promise<ThreadedSourceWriter> {
    const worker = startThread('write-thread', { workerData: options });
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => reject(new Error(`the writer thread could not start: ${error.message}`, { cause: error }));
      const exited = (code: number) => failed(new Error(`it stopped with exit code ${code}`));
      worker.once('error', failed);
      worker.once('exit', exited);
      worker.once('message', () => {
        worker.off('error', failed);
        worker.off('exit', exited);
        resolve();
      });
    });
    return new ThreadedSourceWriter(worker);
  }

  add(source: NewSource): Promise<SourceWritten> {
    return this.calls.call(this.worker, { op: 'add', source }) as Promise<SourceWritten>;
  }

  remove(id: string): Promise<SourceDeleted | null> {
    return this.calls.call(this.worker, { op: 'remove', id }) as Promise<SourceDeleted | null>;
  }

  /** Lets writes already sent finish, then closes the thread's connection and stops it. */
  async close(): Promise<void> {
    if (this.calls.failed) return;
    this.calls.refuseNew(new Error('the writer is closed'));
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage({ close: true } satisfies WriterControl);
    await exited;
  }
}
