/**
 * The API's writer thread: runs SourceWriter on a connection of its own, so extracting a posted article and
 * regrouping facts over the whole corpus never hold up the server's event loop (see threaded-writer.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import type { WriteReply, WriteRequest, WriteThreadOptions } from './threaded-writer.js';
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
parentPort!.postMessage({ ready: true } satisfies WriteReply);

// One request at a time, in the order they arrive: each is a transaction under the write lock anyway.
let queue = Promise.resolve();
parentPort!.on('message', (request: WriteRequest) => {
  queue = queue.then(async () => {
    if (request.op === 'close') {
      db.close();
      parentPort!.close();
      return;
    }
    let reply: WriteReply;
    try {
      const result = request.op === 'add' ? await writer.add(request.source) : await writer.remove(request.id);
      reply = { requestId: request.requestId, result };
    } catch (error) {
      reply = { requestId: request.requestId, error: { name: (error as Error).name, message: (error as Error).message } };
    }
    parentPort!.postMessage(reply);
  });
});
