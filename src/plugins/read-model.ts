import fp from 'fastify-plugin';
import type { Db } from '../db/open.js';
import { ReadModel } from '../db/read-model.js';
import { readingOneSnapshot } from '../db/snapshot.js';

declare module 'fastify' {
  interface FastifyInstance {
    readModel: ReadModel;
  }
}

export type ReadModelOptions = { db: Db; closeOnShutdown?: boolean };

/**
 * Decorates the app with the read model; closes the database with the app when it owns it. Each read
 * sees one snapshot, so a source written or deleted meanwhile is served whole or not at all.
 */
export default fp<ReadModelOptions>(
  async (app, { db, closeOnShutdown = false }) => {
    app.decorate('readModel', readingOneSnapshot(new ReadModel(db), db));
    if (closeOnShutdown) app.addHook('onClose', async () => db.close());
  },
  { name: 'read-model' },
);
