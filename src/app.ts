import Fastify, { type FastifyHttpOptions, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Server } from 'node:http';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from './db/open.js';
import { responseSerializerCompiler } from './http/json.js';
import caching from './plugins/caching.js';
import docs from './plugins/docs.js';
import hardening from './plugins/hardening.js';
import problems, { clientErrorHandler, problemErrorHandler } from './plugins/problems.js';
import readModel from './plugins/read-model.js';
import writer, { type WriterOptions } from './plugins/writer.js';
import changeRoutes from './routes/changes.js';
import claimRoutes from './routes/claims.js';
import entityRoutes from './routes/entities.js';
import exportRoutes from './routes/exports.js';
import factRoutes from './routes/facts.js';
import healthRoutes from './routes/health.js';
import readerRoutes from './routes/reader.js';
import sourceRoutes from './routes/sources.js';
import topicRoutes from './routes/topics.js';

export type AppOptions = {
  /** The read connection: the read model serves every GET from it. */
  db: Db;
  /** Close the database when the app closes (the server owns its connection; tests own theirs). */
  closeDatabase?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Keys allowed to write (`Authorization: Bearer <key>`); none: write routes answer 403. */
  apiKeys?: readonly string[];
  /** The write connection and the lexicon the write path extracts with; needed when there are keys. */
  writer?: WriterOptions['writer'];
  /** Largest request body accepted, in bytes (413 above it). */
  bodyLimit?: number;
  /** Requests per client address and window (429 above it); writes have their own, lower limit. Off when absent. */
  rateLimit?: { max: number; writeMax: number; windowMs: number };
  /** Mean event-loop delay (ms) above which requests are shed with 503; 0 or absent: never. */
  maxEventLoopDelayMs?: number;
  /** The whole request must arrive within this many ms, or Node answers 408 (0: no limit). */
  requestTimeoutMs?: number;
  /** An idle socket is closed after this many ms (0: never). */
  connectionTimeoutMs?: number;
  /** Seconds clients may reuse a read without revalidating (Cache-Control max-age); 0 revalidates every use. */
  cacheMaxAge?: number;
  /** Bytes of responses kept in memory for the current data version; 0 turns the response cache off. */
  responseCacheBytes?: number;
};

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 2 ** 20;

/** Headers that carry credentials are censored wherever a log line would include them. */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'];

function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}

/** The server's options: timeouts, limits and the errors answered before any plugin runs. */
function serverOptions({ logger = false, bodyLimit = DEFAULT_BODY_LIMIT, requestTimeoutMs = 0, connectionTimeoutMs = 0 }: AppOptions): FastifyHttpOptions<Server> {
  return {
    logger: withRedaction(logger),
    bodyLimit,
    requestTimeout: requestTimeoutMs,
    connectionTimeout: connectionTimeoutMs,
    // Node enforces the request timeout only when the headers timeout is no longer than it, and looks
    // for late requests every 30 s by default: too coarse for short timeouts.
    http:
      requestTimeoutMs > 0
        ? {
            headersTimeout: Math.min(requestTimeoutMs, 60_000),
            connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(requestTimeoutMs / 2))),
          }
        : null,
    // While shutting down, a request that arrives on an open connection is still served (with
    // Connection: close) rather than refused: only new connections are refused.
    return503OnClosing: false,
    clientErrorHandler,
    // A malformed URL (a broken percent escape) is answered before routing: as problem details too.
    frameworkErrors: (error, request, reply) => problemErrorHandler(error, request, reply),
    routerOptions: { ignoreTrailingSlash: true },
  };
}

/**
 * The app: named plugins in the order a request meets them, then the routes. Every request takes
 * Fastify's own path (routing, hooks, logging); responses are serialised from the routes' zod schemas.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, closeDatabase = false, apiKeys = [], rateLimit, maxEventLoopDelayMs = 0 } = options;
  const app = Fastify(serverOptions(options)).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);

  await app.register(problems);
  await app.register(hardening, { rateLimit, maxEventLoopDelayMs });
  await app.register(readModel, { db, closeOnShutdown: closeDatabase });
  await app.register(caching, { maxAge: options.cacheMaxAge ?? 0, responseCacheBytes: options.responseCacheBytes ?? DEFAULT_RESPONSE_CACHE_BYTES });
  await app.register(docs);
  await app.register(writer, { apiKeys, writer: options.writer });

  await app.register(topicRoutes);
  await app.register(claimRoutes);
  await app.register(sourceRoutes, { writeRateLimit: rateLimit ? { max: rateLimit.writeMax, timeWindow: rateLimit.windowMs } : undefined });
  await app.register(factRoutes);
  await app.register(entityRoutes);
  await app.register(exportRoutes);
  await app.register(changeRoutes);
  await app.register(healthRoutes);
  await app.register(readerRoutes);
  return app;
}
