import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';

async function start(): Promise<void> {
  const config = loadConfig();
  const migrator = openDatabase(config.databasePath);
  migrate(migrator);
  migrator.close();

  // Reads go through a read-only connection. Writes, when keys allow them, go through a connection of
  // their own, with a short busy timeout: the writer waits for an ingest run between attempts.
  const db = openDatabase(config.databasePath, { readonly: true });
  const writer = config.apiKeys.length
    ? { db: openDatabase(config.databasePath, { busyTimeoutMs: 50 }), lexiconDir: config.lexiconDir, closeOnShutdown: true }
    : undefined;
  const app = await buildApp({
    db,
    closeDatabase: true,
    logger: { level: config.logLevel },
    apiKeys: config.apiKeys,
    writer,
    bodyLimit: config.bodyLimitBytes,
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
  app.log.info(config.apiKeys.length ? `writes enabled for ${config.apiKeys.length} API key(s)` : 'read-only: no API keys configured');
}

start().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `summit-facts failed to start: ${(error as Error).message}`);
  process.exit(1);
});
