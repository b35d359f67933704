/**
 * The API's writer thread: runs SourceWriter on a connection of its own, so extracting a posted article and
 * regrouping facts over the whole corpus never hold up the server's event loop (see threaded-writer.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import { answerCalls } from './thread-calls.js';
import type { WriteRequest, WriteResult, WriterControl, WriteThreadOptions } from './threaded-writer.js';
import { SourceWriter } from './writer.js';

const { databasePath, lexiconDir, lockTimeoutMs, busyTimeoutMs } = workerData as WriteThreadOptions;
const db = openDatabase(databasePath, { busyTimeoutMs });
let writer: SourceWriter;
try {
  writer = new SourceWriter(db, lexiconDir, lockTimeoutMs);
} catch (error) {
  db.close();
  throw error;
}

// One request at a time, in the order they arrive: each is a transaction under the write lock anyway.
const answered = answerCalls(parentPort!, (request: WriteRequest): Promise<WriteResult> =>
  request.op === 'add' ? writer.add(request.source) : writer.remove(request.id),
);
parentPort!.on('message', (message: WriterControl | object) => {
  if (!('close' in message)) return;
  void answered().then(() => {
    db.close();
    parentPort!.close();
  });
});
parentPort!.postMessage({ ready: true } satisfies WriterControl);
