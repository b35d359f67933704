import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from './db/open.js';
import { notFoundHandler, problemErrorHandler } from './http/problems.js';
import { serializerCompilerFor, type ResponseSerializer } from './http/serializer.js';
import httpCache, { CACHED_READ } from './plugins/http-cache.js';
import readModel from './plugins/read-model.js';
import claimRoutes from './routes/claims.js';
import entityRoutes from './routes/entities.js';
import factRoutes from './routes/facts.js';
import healthRoutes from './routes/health.js';
import sourceRoutes from './routes/sources.js';
import topicRoutes from './routes/topics.js';

export type AppOptions = {
  db: Db;
  /** Close the database when the app closes (the server owns its connection; tests own theirs). */
  closeDatabase?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** How responses are serialised from their zod schemas: compiled once per route (the default), or by zod itself. */
  serializer?: ResponseSerializer;
  /** Seconds clients may reuse a read without revalidating (Cache-Control max-age); 0 revalidates every use. */
  cacheMaxAge?: number;
  /** Bytes of responses kept in memory for the current data version; 0 turns the response cache off. */
  responseCacheBytes?: number;
};

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
 * The zod provider emits an input twin ("ClaimInput") of every named schema; ours are all response
 * schemas, so the twins are never referenced and would only clutter the published document.
 */
function pruneUnreferencedSchemas(document: OpenApiDocument): OpenApiDocument {
  const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
  if (!schemas) return document;
  let pruned = true;
  while (pruned) {
    pruned = false;
    const text = JSON.stringify(document);
    for (const name of Object.keys(schemas)) {
      if (!text.includes(`"#/components/schemas/${name}"`) && name.endsWith('Input')) {
        delete schemas[name];
        pruned = true;
      }
    }
  }
  return document;
}

export async function buildApp({
  db,
  closeDatabase = false,
  logger = false,
  serializer = 'compiled',
  cacheMaxAge = 0,
  responseCacheBytes = DEFAULT_RESPONSE_CACHE_BYTES,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, routerOptions: { ignoreTrailingSlash: true } }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompilerFor(serializer));
  app.setErrorHandler(problemErrorHandler);
  app.setNotFoundHandler(notFoundHandler);

  // Bodies from 1 KiB up, br or gzip as the client prefers; registered first so it covers Swagger UI's
  // files too, and before the cache so the cache keeps compressed bytes. With the response cache on,
  // bodies up to 1 MiB are compressed in one synchronous call (once per URL, encoding and data
  // version) so the cache can keep the result; larger ones, and every body when the cache is off,
  // keep the plugin's streaming default.
  await app.register(compress, { threshold: 1024, ...(responseCacheBytes > 0 ? { syncThreshold: Math.min(2 ** 20, responseCacheBytes / 16) } : {}) });
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
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => pruneUnreferencedSchemas(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(readModel, { db, closeOnShutdown: closeDatabase });
  await app.register(httpCache, { maxAge: cacheMaxAge, responseCacheBytes });

  await app.register(topicRoutes);
  await app.register(claimRoutes);
  await app.register(sourceRoutes);
  await app.register(factRoutes);
  await app.register(entityRoutes);
  await app.register(healthRoutes);
  app.get('/openapi.json', { config: CACHED_READ, schema: { hide: true } }, () => app.swagger());
  return app;
}
