import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';

async function start(): Promise<void> {
  const config = loadConfig();
  const writer = openDatabase(config.databasePath);
  migrate(writer);
  writer.close();

  // Building the data is ingest's job; the server only reads.
  const db = openDatabase(config.databasePath, { readonly: true });
  const app = await buildApp({
    db,
    closeDatabase: true,
    logger: { level: config.logLevel },
    serializer: config.responseSerializer,
    cacheMaxAge: config.cacheMaxAge,
    responseCacheBytes: config.responseCacheBytes,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  await app.listen({ port: config.port, host: config.host });
}

start().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `summit-facts failed to start: ${(error as Error).message}`);
  process.exit(1);
});
