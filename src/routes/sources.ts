import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../http/problems.js';
import { CACHED_READ } from '../plugins/http-cache.js';
import { itemErrors, listErrors, toPage } from '../schemas/common.js';
import { IdParams, SourceDetailSchema, SourceListQuery, SourcePageSchema } from '../schemas/resources.js';

const sourceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/sources', {
    config: CACHED_READ,
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
    config: CACHED_READ,
    schema: {
      tags: ['sources'],
      operationId: 'getSource',
      summary: 'Get one source with its text, removed lines and claims',
      description:
        'The article verbatim, the lines the clean stage removed (with the reason), and every claim extracted ' +
        'from it; each claim span slices the text.',
      params: IdParams,
      response: { 200: SourceDetailSchema, ...itemErrors },
    },
    handler: (request) => {
      const source = app.readModel.getSource(request.params.id);
      if (!source) throw notFound('source', request.params.id);
      return source;
    },
  });
};

export default sourceRoutes;
