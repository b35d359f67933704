import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../http/problems.js';
import { itemErrors, listErrors, toPage, writeErrors } from '../schemas/common.js';
import {
  IdParams,
  NoQuery,
  SourceDeletionSchema,
  SourceDetailSchema,
  SourceInputSchema,
  SourceListQuery,
  SourcePageSchema,
  SourceWriteResultSchema,
} from '../schemas/resources.js';

export type SourceRoutesOptions = {
  /** Writes cost a pipeline run each: a lower limit than reads, per client address. */
  writeRateLimit?: { max: number; timeWindow: number };
};

const sourceRoutes: FastifyPluginAsyncZod<SourceRoutesOptions> = async (app, { writeRateLimit }) => {
  // Bodies are JSON or nothing: without this, text/plain would be parsed and reach validation.
  app.removeContentTypeParser('text/plain');

  app.get('/sources', {
    schema: {
      tags: ['sources'],
      operationId: 'listSources',
      summary: 'List sources',
      description: 'Ingested articles in ingest order, with the metadata the page states and their claim counts.',
      querystring: SourceListQuery,
      response: { 200: SourcePageSchema, ...listErrors },
    },
    handler: (request) => toPage(app.readModel.listSources(request.query.limit, request.query.cursor ?? null)),
  });

  app.get('/sources/:id', {
    schema: {
      tags: ['sources'],
      operationId: 'getSource',
      summary: 'Get one source with its text, removed lines and claims',
      description:
        'The article verbatim, the lines the clean stage removed (with the reason), and every claim extracted ' +
        'from it; each claim span slices the text.',
      params: IdParams,
      querystring: NoQuery,
      response: { 200: SourceDetailSchema, ...itemErrors },
    },
    handler: (request) => {
      const source = app.readModel.getSource(request.params.id);
      if (!source) throw notFound('source', request.params.id);
      return source;
    },
  });

  const writeConfig = writeRateLimit ? { rateLimit: writeRateLimit } : {};

  app.post('/sources', {
    config: writeConfig,
    preParsing: app.writes.authenticate,
    schema: {
      tags: ['sources'],
      operationId: 'createSource',
      summary: 'Ingest an article',
      description:
        'Runs the ingest pipeline on the article (clean, sentences, claims, topics, attribution, entities), stores it ' +
        'and assigns its claims to the facts they state, opening new ones, in one transaction. Idempotent: text already stored answers 200 ' +
        'with the stored source and changes nothing. Stated metadata overrides what the page says. Needs an API key.',
      security: [{ bearerAuth: [] }],
      querystring: NoQuery,
      body: SourceInputSchema,
      response: { 201: SourceWriteResultSchema, 200: SourceWriteResultSchema, ...writeErrors },
    },
    handler: async (request, reply) => {
      const written = await app.writes.add(request.body);
      if (written.status === 'new') reply.code(201).header('location', `/sources/${written.source.id}`);
      return written;
    },
  });

  app.delete('/sources/:id', {
    config: writeConfig,
    preParsing: app.writes.authenticate,
    schema: {
      tags: ['sources'],
      operationId: 'deleteSource',
      summary: 'Remove a source',
      description:
        'Removes the source with its claims, boilerplate and entity mentions, in one transaction: a fact the ' +
        'source alone grouped is removed, the others lose its claims. Needs an API key.',
      security: [{ bearerAuth: [] }],
      params: IdParams,
      querystring: NoQuery,
      response: { 200: SourceDeletionSchema, ...writeErrors, 404: itemErrors[404] },
    },
    handler: async (request) => {
      const deleted = await app.writes.remove(request.params.id);
      if (!deleted) throw notFound('source', request.params.id);
      return deleted;
    },
  });
};

export default sourceRoutes;
