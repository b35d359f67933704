import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../http/problems.js';
import { itemErrors, listErrors, toPage } from '../schemas/common.js';
import { FactDetailSchema, FactListQuery, FactPageSchema, IdParams } from '../schemas/resources.js';
import { checkTopic } from './filters.js';

const factRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/facts', {
    schema: {
      tags: ['facts'],
      operationId: 'listFacts',
      summary: 'List facts, most corroborated first',
      description:
        'Facts are groups of claims from different sources that state the same thing. Ranked by the number ' +
        'of distinct sources behind them; filter by topic and a minimum number of sources.',
      querystring: FactListQuery,
      response: { 200: FactPageSchema, ...listErrors },
    },
    handler: (request) => {
      const { topic, minSources, limit, cursor } = request.query;
      checkTopic(app.readModel, topic);
      return toPage(app.readModel.listFacts({ topic, minSources }, limit, cursor ?? null));
    },
  });

  app.get('/facts/:id', {
    schema: {
      tags: ['facts'],
      operationId: 'getFact',
      summary: "Get one fact with each source's wording side by side",
      description: 'One fact, and for each source that states it, the claims in its own words with their spans.',
      params: IdParams,
      response: { 200: FactDetailSchema, ...itemErrors },
    },
    handler: (request) => {
      const fact = app.readModel.getFact(request.params.id);
      if (!fact) throw notFound('fact', request.params.id);
      return fact;
    },
  });
};

export default factRoutes;
