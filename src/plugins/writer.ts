import type { preParsingAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { ApiKeys, requireApiKey, WRITES_DISABLED_DETAIL } from '../http/auth.js';
import { HttpProblem, unavailable } from '../http/problems.js';
import { ThreadedSourceWriter, type WriteThreadOptions } from '../ingest/threaded-writer.js';
import type { NewSource, SourceDeleted, SourceWritten } from '../ingest/writer.js';
import { WriteLockBusy } from '../ingest/writer.js';
import { LexiconError } from '../lexicon.js';

/** What the write routes use: the key check, and writes whose failures are already problem details. */
export type Writes = {
  /** A preParsing hook: after the rate limit, so guessing keys is throttled, and before the body is read. */
  authenticate: preParsingAsyncHookHandler;
  add(source: NewSource): Promise<SourceWritten>;
  /** Null when no source has the id. */
  remove(id: string): Promise<SourceDeleted | null>;
};

declare module 'fastify' {
  interface FastifyInstance {
    writes: Writes;
    /** The thread writes run on; null when the app was built without keys or a writer. */
    sourceWriter: ThreadedSourceWriter | null;
  }
}

export type WriterOptions = {
  apiKeys: readonly string[];
  /**
   * The database file writes go to, through a connection of the writer thread's own, never the read
   * model's: readers watch for commits by other connections.
   */
  writer?: WriteThreadOptions;
};

/** Seconds a client should wait when an ingest run holds the database. */
const BUSY_RETRY_AFTER = 2;

/**
 * The API's writes: the keys allowed to write, and the thread that writes (started before the server
 * listens, so a lexicon that cannot load stops the start). Closed after in-flight requests, their
 * writes included, have been answered.
 */
export default fp<WriterOptions>(
  async (app, { apiKeys, writer }) => {
    const keys = new ApiKeys(apiKeys);
    if (keys.writesEnabled && !writer) throw new Error('API keys are configured but the app has no writer');
    const thread = writer && keys.writesEnabled ? await ThreadedSourceWriter.start(writer) : null;
    if (thread) app.addHook('onClose', async () => thread.close());

    const whenFree = async <T>(write: (thread: ThreadedSourceWriter) => Promise<T>): Promise<T> => {
      if (!thread) throw new HttpProblem(403, 'writes-disabled', 'Writes are disabled', WRITES_DISABLED_DETAIL);
      try {
        return await write(thread);
      } catch (error) {
        if (error instanceof WriteLockBusy) throw unavailable('An ingest run is writing to the database; retry shortly', BUSY_RETRY_AFTER);
        if (error instanceof LexiconError) {
          // The file and the problem are the operator's to read, in the log; the client learns nothing was written.
          app.log.error({ lexicon: error.message }, 'the lexicon cannot be applied: writes are refused until it is fixed');
          throw new HttpProblem(503, 'lexicon-unavailable', 'Lexicon unavailable', "The server's lexicon cannot be applied, so nothing was written; an operator must fix it");
        }
        throw error;
      }
    };
    app.decorate('sourceWriter', thread);
    app.decorate('writes', {
      authenticate: requireApiKey(keys),
      add: (source) => whenFree((writes) => writes.add(source)),
      remove: (id) => whenFree((writes) => writes.remove(id)),
    } satisfies Writes);
  },
  { name: 'writer' },
);
