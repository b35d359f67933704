import type { Worker } from 'node:worker_threads';
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

export type WriteRequest =
  | { requestId: number; op: 'add'; source: NewSource }
  | { requestId: number; op: 'remove'; id: string }
  | { op: 'close' };

export type WriteReply =
  | { ready: true }
  | { requestId: number; result: SourceWritten | SourceDeleted | null }
  | { requestId: number; error: { name: string; message: string } };

/**
 * The API's writes, run on a thread of their own. A write extracts the article and regroups facts over the
 * whole corpus; on the 20,000-article benchmark database that took 20 s, during which a writer on the
 * server's thread answered no read at all. On its own thread, with its own connection, it holds only the
 * database's write lock, and readers (WAL) go on reading the last committed data until it commits.
 */
/** The errors a route answers on their own, rebuilt from what crossed the thread boundary; the rest are plain errors. */
function rebuiltError({ name, message }: { name: string; message: string }): Error {
  if (name === WriteLockBusy.name) return new WriteLockBusy(message);
  if (name === LexiconError.name) return new LexiconError(message);
  return new Error(message);
}

export class ThreadedSourceWriter {
  private readonly waiting = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: WriteReply) => {
      if ('ready' in reply) return;
      const request = this.waiting.get(reply.requestId);
      this.waiting.delete(reply.requestId);
      if ('error' in reply) request?.reject(rebuiltError(reply.error));
      else request?.resolve(reply.result);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the writer thread stopped (exit code ${code})`)));
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
    return this.request({ op: 'add', source }) as Promise<SourceWritten>;
  }

  remove(id: string): Promise<SourceDeleted | null> {
    return this.request({ op: 'remove', id }) as Promise<SourceDeleted | null>;
  }

  /** Lets writes already sent finish, then closes the thread's connection and stops it. */
  async close(): Promise<void> {
    if (this.failure) return;
    this.failure = new Error('the writer is closed');
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage({ op: 'close' } satisfies WriteRequest);
    await exited;
  }

  private request(request: { op: 'add'; source: NewSource } | { op: 'remove'; id: string }): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const requestId = this.nextId++;
      this.waiting.set(requestId, { resolve, reject });
      this.worker.postMessage({ ...request, requestId } satisfies WriteRequest);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
