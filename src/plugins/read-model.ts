import fp from 'fastify-plugin';
import type { Db } from '../db/open.js';
import { ReadModel } from '../db/read-model.js';

declare module 'fastify' {
  interface FastifyInstance {
    readModel: ReadModel;
  }
}

export type ReadModelOptions = { db: Db; closeOnShutdown?: boolean };

/** Decorates the app with the read model; closes the database with the app when it owns it. */
export default fp<ReadModelOptions>(
  async (app, { db, closeOnShutdown = false }) => {
    app.decorate('readModel', new ReadModel(db));
    if (closeOnShutdown) app.addHook('onClose', async () => db.close());
  },
  { name: 'read-model' },
);
