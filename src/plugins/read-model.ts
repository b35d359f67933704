import fp from 'fastify-plugin';
import { openDatabase, type Db } from '../db/open.js';
import { ReadModel } from '../db/read-model.js';
import { readingOneSnapshot } from '../db/snapshot.js';

declare module 'fastify' {
  interface FastifyInstance {
    readModel: ReadModel;
    /** A token that changes whenever a write commits (see ReadModel.dataVersion); read on every cached request. */
    dataVersion: () => string;
    /**
     * A read model on a connection of its own, reading one snapshot until closed: for an export that
     * pages through the whole corpus while the server's connection goes on answering other requests.
     */
    openSnapshot: () => { readModel: ReadModel; close: () => void };
  }
}

export type ReadModelOptions = { db: Db; closeOnShutdown?: boolean };

/**
 * Decorates the app with the read model; closes the database with the app when it owns it. Each read
 * sees one snapshot, so a source written or deleted meanwhile is served whole or not at all.
 */
export default fp<ReadModelOptions>(
  async (app, { db, closeOnShutdown = false }) => {
    const readModel = new ReadModel(db);
    app.decorate('readModel', readingOneSnapshot(readModel, db));
    // One statement needs no snapshot of its own: read outside a transaction, it costs one statement, not three.
    app.decorate('dataVersion', () => readModel.dataVersion());
    app.decorate('openSnapshot', () => {
      const connection = openDatabase(db.name, { readonly: true });
      try {
        connection.exec('BEGIN');
        return {
          readModel: new ReadModel(connection),
          close: () => {
            if (connection.inTransaction) connection.exec('COMMIT');
            connection.close();
          },
        };
      } catch (error) {
        connection.close();
        throw error;
      }
    });
    if (closeOnShutdown) app.addHook('onClose', async () => db.close());
  },
  { name: 'read-model' },
);
