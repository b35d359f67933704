import fp from 'fastify-plugin';
import { ApiKeys } from '../http/auth.js';
import type { Db } from '../db/open.js';
import { SourceWriter } from '../ingest/writer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when the app was built without a writer connection: write routes then answer 403. */
    sourceWriter: SourceWriter | null;
    apiKeys: ApiKeys;
  }
}

export type SourceWriterOptions = {
  apiKeys: readonly string[];
  /** Its own connection, never the read model's: readers watch for commits by other connections. */
  writer?: { db: Db; lexiconDir: string; closeOnShutdown?: boolean; lockTimeoutMs?: number };
};

/** Decorates the app with the keys allowed to write and the writer they write through. */
export default fp<SourceWriterOptions>(
  async (app, { apiKeys, writer }) => {
    const keys = new ApiKeys(apiKeys);
    if (keys.writesEnabled && !writer) throw new Error('API keys are configured but the app has no writer connection');
    app.decorate('apiKeys', keys);
    app.decorate('sourceWriter', writer && keys.writesEnabled ? new SourceWriter(writer.db, writer.lexiconDir, writer.lockTimeoutMs) : null);
    if (writer?.closeOnShutdown) app.addHook('onClose', async () => writer.db.close());
  },
  { name: 'source-writer' },
);
