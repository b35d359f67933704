import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import underPressure from '@fastify/under-pressure';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions, type onRequestHookHandler } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify as stringifyYaml } from 'yaml';
import type { Db } from './db/open.js';
import { ClientWindows, clientKey } from './http/client-windows.js';
import { EarlyAnswers } from './http/early-answers.js';
import { clientErrorHandler, notFoundHandler, problemErrorHandler, tooManyRequests, unavailable } from './http/problems.js';
import { READ_METHODS, routeMayWrite } from './http/methods.js';
import { dropApiSecurityHeaders, setApiSecurityHeaders } from './http/security-headers.js';
import { stringifyAscii } from './http/ascii-json.js';
import { serializerCompilerFor, type ResponseSerializer } from './http/serializer.js';
import httpCache, { CACHED_READ } from './plugins/http-cache.js';
import readModel from './plugins/read-model.js';
import sourceWriter, { type SourceWriterOptions } from './plugins/source-writer.js';
import claimRoutes from './routes/claims.js';
import entityRoutes from './routes/entities.js';
import factRoutes from './routes/facts.js';
import healthRoutes from './routes/health.js';
import sourceRoutes from './routes/sources.js';
import topicRoutes from './routes/topics.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Read by @fastify/cors: `false` answers the route without CORS headers. */
    cors?: false;
  }
}

export type AppOptions = {
  /** The read connection: the read model serves every GET from it. */
  db: Db;
  /** Close the database when the app closes (the server owns its connection; tests own theirs). */
  closeDatabase?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Keys allowed to write (`Authorization: Bearer <key>`); none: write routes answer 403. */
  apiKeys?: readonly string[];
  /** The write connection and the lexicon the write path extracts with; needed when there are keys. */
  writer?: SourceWriterOptions['writer'];
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
  /** How responses are serialised from their zod schemas: compiled once per route (the default), or by zod itself. */
  serializer?: ResponseSerializer;
  /** Seconds clients may reuse a read without revalidating (Cache-Control max-age); 0 revalidates every use. */
  cacheMaxAge?: number;
  /** Bytes of responses kept in memory for the current data version; 0 turns the response cache off. */
  responseCacheBytes?: number;
};

/** Seconds a client is told to wait when the server sheds load. */
export const PRESSURE_RETRY_AFTER = 2;

/**
 * CORS for reads only: any origin may GET or HEAD, and a preflight asking for either is answered. A
 * write route answers without CORS headers, and a preflight asking for another method is refused
 * (404 problem details, no CORS headers), so browsers on other origins cannot write with a visitor's
 * network position. The read policy is static, so the CORS plugin builds it once rather than per request.
 */
const READ_CORS = { origin: '*', methods: [...READ_METHODS], maxAge: 600 };

function preflightMethod(request: FastifyRequest): string {
  return String(request.headers['access-control-request-method'] ?? '').toUpperCase();
}

const refuseWritePreflights: onRequestHookHandler = (request, reply, done) => {
  if (request.method === 'OPTIONS' && !READ_METHODS.has(preflightMethod(request))) return reply.callNotFound();
  done();
};

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Levels at which Fastify logs every request (it logs them at info). */
const REQUEST_LOG_LEVELS = new Set(['info', 'debug', 'trace']);

/** Headers that carry credentials are censored wherever a log line would include them. */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'];

function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return { ...options, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}

export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 2 ** 20;

export const API_INFO = {
  title: 'summit-facts',
  version: '0.1.0',
  description:
    'Structured, sourced, cross-checked facts from news articles about the 15 November 2023 meeting of ' +
    'Joe Biden and Xi Jinping in Woodside, California. Every claim points back to its source and the exact ' +
    'character span it came from. Lists share one envelope, { items, nextCursor }; errors are RFC 9457 problem details. ' +
    'Reads carry a weak ETag that changes when the data does: send it back in If-None-Match to get 304 Not Modified. ' +
    'Bodies from 1 KiB are compressed (br, gzip) as Accept-Encoding allows.',
};

type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * The zod provider emits an input twin ("ClaimInput") of every named schema, and an output twin of the
 * request body ("Article" beside "ArticleInput"); the twins are never referenced and would only
 * clutter the published document.
 */
function pruneUnreferencedSchemas(document: OpenApiDocument): OpenApiDocument {
  const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
  if (!schemas) return document;
  let pruned = true;
  while (pruned) {
    pruned = false;
    const text = JSON.stringify(document);
    for (const name of Object.keys(schemas)) {
      const twin = name.endsWith('Input') || `${name}Input` in schemas;
      if (!text.includes(`"#/components/schemas/${name}"`) && twin) {
        delete schemas[name];
        pruned = true;
      }
    }
  }
  return document;
}

/** The document as YAML: what `npm run openapi` writes to openapi.yaml and GET /openapi.yaml serves. */
export function openApiYamlText(document: unknown): string {
  return stringifyYaml(document);
}

/**
 * Compressed besides the plugin's defaults: mime-db does not mark YAML compressible, and the document
 * is the largest answer the server sends.
 */
const COMPRESSIBLE_YAML = /^application\/yaml(?:;|$)/;

export async function buildApp({
  db,
  closeDatabase = false,
  logger = false,
  apiKeys = [],
  writer,
  bodyLimit = DEFAULT_BODY_LIMIT,
  rateLimit: limits,
  maxEventLoopDelayMs = 0,
  requestTimeoutMs = 0,
  connectionTimeoutMs = 0,
  serializer = 'compiled',
  cacheMaxAge = 0,
  responseCacheBytes = DEFAULT_RESPONSE_CACHE_BYTES,
}: AppOptions): Promise<FastifyInstance> {
  const early = new EarlyAnswers();
  const app = Fastify({
    serverFactory: early.serverFactory,
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
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompilerFor(serializer));
  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler(notFoundHandler);

  if (maxEventLoopDelayMs > 0) {
    // First, so an overloaded server refuses work before doing any.
    await app.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      pressureHandler: async () => {
        throw unavailable('The server is overloaded; retry shortly', PRESSURE_RETRY_AFTER);
      },
    });
  }
  app.addHook('onRequest', setApiSecurityHeaders);
  app.addHook('onRoute', (route) => {
    if (routeMayWrite(route)) route.config = { ...route.config, cors: false };
  });
  app.addHook('onRequest', refuseWritePreflights);
  await app.register(cors, READ_CORS);
  const readWindows = limits ? new ClientWindows() : null;
  if (limits && readWindows) {
    await app.register(rateLimit, {
      global: true,
      max: limits.max,
      timeWindow: limits.windowMs,
      store: readWindows.asStore(),
      keyGenerator: (request) => clientKey(request.raw),
      errorResponseBuilder: (_request, context) => tooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))),
      // The limit's headers go on the 429 only (with Retry-After): on every other answer they were three
      // more lines each client parses, which cost the read routes a measurable share of their rate.
      addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    });
  }

  // Bodies from 1 KiB up, br or gzip as the client prefers; registered first so it covers Swagger UI's
  // files too, and before the cache so the cache keeps compressed bytes. With the response cache on,
  // bodies up to 1 MiB are compressed in one synchronous call (once per URL, encoding and data
  // version) so the cache can keep the result; larger ones, and every body when the cache is off,
  // keep the plugin's streaming default.
  await app.register(compress, { threshold: 1024, customTypes: COMPRESSIBLE_YAML, ...(responseCacheBytes > 0 ? { syncThreshold: Math.min(2 ** 20, responseCacheBytes / 16) } : {}) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: API_INFO,
      tags: [
        { name: 'topics', description: 'The topic taxonomy claims are tagged with' },
        { name: 'claims', description: 'Sentences that report something, each with its source span' },
        { name: 'sources', description: 'The ingested articles, verbatim' },
        { name: 'facts', description: 'Claims from different sources grouped by the fact they state' },
        { name: 'entities', description: 'People, organisations and places the claims name' },
        { name: 'health', description: 'Liveness' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key from SUMMIT_FACTS_API_KEYS, as Authorization: Bearer <key>. Only writes need one.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => pruneUnreferencedSchemas(jsonSchemaTransformObject(document)),
  });
  // Swagger UI is an HTML application: it gets helmet's full set of headers for documents (its own
  // context, so the JSON answers keep the shorter API set).
  await app.register(async (docs) => {
    docs.addHook('onRequest', dropApiSecurityHeaders);
    await docs.register(helmet);
    await docs.register(swaggerUi, { routePrefix: '/docs' });
  });
  await app.register(readModel, { db, closeOnShutdown: closeDatabase });
  await app.register(sourceWriter, { apiKeys, writer });
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // A stored answer is written before routing only when nothing else would have to see the request:
  // while requests are logged (info and below) or the server sheds load or shuts down, it takes the full
  // path. It still counts against its client's rate limit; a client over it takes the full path to its 429.
  const admitEarly = (request: IncomingMessage): boolean =>
    !closing &&
    !REQUEST_LOG_LEVELS.has(app.log.level) &&
    !(maxEventLoopDelayMs > 0 && app.isUnderPressure()) &&
    (!limits || !readWindows || readWindows.count(clientKey(request), limits.windowMs).current <= limits.max);
  await app.register(httpCache, { maxAge: cacheMaxAge, responseCacheBytes, early: { answers: early, admit: admitEarly } });

  await app.register(topicRoutes);
  await app.register(claimRoutes);
  await app.register(sourceRoutes, { writeRateLimit: limits ? { max: limits.writeMax, timeWindow: limits.windowMs } : undefined });
  await app.register(factRoutes);
  await app.register(entityRoutes);
  await app.register(healthRoutes);
  // A reply with its own serialiser gets no Content-Type from Fastify: each document states its own.
  app.get('/openapi.json', { config: CACHED_READ, schema: { hide: true } }, (_request, reply) =>
    reply.type('application/json; charset=utf-8').serializer(stringifyAscii).send(app.swagger()),
  );
  // The document is fixed once the app is ready: formatted once, on the first request.
  let yaml: string | null = null;
  app.get('/openapi.yaml', { config: CACHED_READ, schema: { hide: true } }, (_request, reply) =>
    reply.type('application/yaml').send((yaml ??= openApiYamlText(app.swagger()))),
  );
  return app;
}
