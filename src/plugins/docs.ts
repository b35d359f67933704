import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { stringify as stringifyYaml } from 'yaml';
import { stringifyAscii } from '../http/json.js';
import { dropApiSecurityHeaders } from './hardening.js';

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

const TAGS = [
  { name: 'topics', description: 'The topic taxonomy claims are tagged with' },
  { name: 'claims', description: 'Sentences that report something, each with its source span' },
  { name: 'sources', description: 'The ingested articles, verbatim' },
  { name: 'facts', description: 'Claims from different sources grouped by the fact they state' },
  { name: 'entities', description: 'People, organisations and places the claims name' },
  { name: 'changes', description: 'What changed since a cursor, to stay in sync' },
  { name: 'health', description: 'Liveness' },
];

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

/**
 * Every error is served as application/problem+json (src/plugins/problems.ts); the zod provider
 * documents each response as application/json, so error responses are moved to the type they are sent with.
 */
function errorsAsProblemJson(document: OpenApiDocument): OpenApiDocument {
  const paths = (document as { paths?: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = response.content;
        if (!/^[45]/.test(status) || content?.['application/json'] === undefined) continue;
        response.content = { 'application/problem+json': content['application/json'] };
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
 * The OpenAPI document, generated from the routes' zod schemas, served as JSON and YAML, and Swagger
 * UI at /docs. Register it before the routes, so it sees them all.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: API_INFO,
        tags: TAGS,
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
      transformObject: (document) => errorsAsProblemJson(pruneUnreferencedSchemas(jsonSchemaTransformObject(document))),
    });
    // Swagger UI is an HTML application: it gets helmet's full set of headers for documents (its own
    // context, so the JSON answers keep the shorter API set).
    await app.register(async (ui) => {
      ui.addHook('onRequest', dropApiSecurityHeaders);
      await ui.register(helmet);
      await ui.register(swaggerUi, { routePrefix: '/docs' });
    });
    // A reply with its own serialiser gets no Content-Type from Fastify: each document states its own.
    app.get('/openapi.json', { schema: { hide: true } }, (_request, reply) =>
      reply.type('application/json; charset=utf-8').serializer(stringifyAscii).send(app.swagger()),
    );
    // The document is fixed once the app is ready: formatted once, on the first request.
    let yaml: string | null = null;
    app.get('/openapi.yaml', { schema: { hide: true } }, (_request, reply) =>
      reply.type('application/yaml').send((yaml ??= openApiYamlText(app.swagger()))),
    );
  },
  { name: 'docs', dependencies: ['hardening', 'caching'] },
);
