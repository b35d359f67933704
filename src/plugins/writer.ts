import fp from 'fastify-plugin';
import { ApiKeys } from '../http/auth.js';
import { ThreadedSourceWriter, type WriteThreadOptions } from '../ingest/threaded-writer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when the app was built without a writer: write routes then answer 403. */
    sourceWriter: ThreadedSourceWriter | null;
    apiKeys: ApiKeys;
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

/** Decorates the app with the keys allowed to write and the writer they write through. */
export default fp<WriterOptions>(
  async (app, { apiKeys, writer }) => {
    const keys = new ApiKeys(apiKeys);
    if (keys.writesEnabled && !writer) throw new Error('API keys are configured but the app has no writer');
    app.decorate('apiKeys', keys);
    const sourceWriter = writer && keys.writesEnabled ? await ThreadedSourceWriter.start(writer) : null;
    app.decorate('sourceWriter', sourceWriter);
    // After in-flight requests, their writes included, have been answered.
    if (sourceWriter) app.addHook('onClose', async () => sourceWriter.close());
  },
  { name: 'writer' },
);
