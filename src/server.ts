import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';

async function start(): Promise<void> {
  const config = loadConfig();
  const migrator = openDatabase(config.databasePath);
  migrate(migrator);
  migrator.close();

  // Reads go through a read-only connection. Writes, when keys allow them, go through a thread with a
  // connection of its own and a short busy timeout: the writer waits for an ingest run between attempts.
  const db = openDatabase(config.databasePath, { readonly: true });
  const writer = config.apiKeys.length ? { databasePath: config.databasePath, lexiconDir: config.lexiconDir, busyTimeoutMs: 50 } : undefined;
  const app = await buildApp({
    db,
    closeDatabase: true,
    logger: { level: config.logLevel },
    apiKeys: config.apiKeys,
    writer,
    bodyLimit: config.bodyLimitBytes,
    rateLimit: config.rateLimit,
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    requestTimeoutMs: config.requestTimeoutMs,
    connectionTimeoutMs: config.connectionTimeoutMs,
    cacheMaxAge: config.cacheMaxAge,
    responseCacheBytes: config.responseCacheBytes,
  });

  // Graceful shutdown: stop accepting connections, let in-flight requests finish, then close the
  // databases (app.close runs the server's close before the plugins' onClose hooks) and exit 0.
  // In-flight work that outlasts SHUTDOWN_TIMEOUT_MS, or a second signal, exits 1 at once.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      app.log.error(`in-flight requests still running after ${config.shutdownTimeoutMs} ms: exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    app.close().then(
      () => {
        app.log.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  await app.listen({ port: config.port, host: config.host });
  app.log.info(config.apiKeys.length ? `writes enabled for ${config.apiKeys.length} API key(s)` : 'read-only: no API keys configured');
}

start().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `summit-facts failed to start: ${(error as Error).message}`);
  process.exit(1);
});
